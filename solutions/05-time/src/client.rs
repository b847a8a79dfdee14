//! The client: ask for the time and work out how far our own clock is off,
//! the way Cristian's algorithm does (the handout's "The client" has it).
//! A positive offset means our clock is behind the server's.

use std::io::{self, BufRead, BufReader, Write};
use std::time::{Duration, Instant};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream, UdpSocket};

use chrono::{DateTime, Utc};

use crate::protocol::parse_time;

/// How many UDP requests to send for one answer before giving up.
pub const UDP_TRIES: u32 = 3;

/// One measurement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub server_time: DateTime<Utc>,
    /// The round trip, in milliseconds.
    pub rtt_ms: f64,
    /// Our clock's offset against the server's, in milliseconds.
    pub offset_ms: f64,
}

/// Works out a sample from the server's time, the round trip, and our clock
/// when the reply arrived.
pub fn estimate(server_time: DateTime<Utc>, rtt: Duration, received: DateTime<Utc>) -> Sample {
    let rtt_ms = rtt.as_secs_f64() * 1000.0;
    let server_ms = server_time.timestamp_micros() as f64 / 1000.0;
    let received_ms = received.timestamp_micros() as f64 / 1000.0;
    Sample {
        server_time,
        rtt_ms,
        offset_ms: server_ms + rtt_ms / 2.0 - received_ms,
    }
}

/// Asks `count` times over one TCP connection, calling `show` after each.
pub fn measure_tcp(
    addr: SocketAddr,
    count: u32,
    mut show: impl FnMut(&Sample),
) -> io::Result<Vec<Sample>> {
    let stream = TcpStream::connect(addr)?;
    // The request is tiny; send it now, not after Nagle's delay.
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut samples = Vec::new();
    for _ in 0..count {
        let sent = Instant::now();
        writer.write_all(b"TIME\n")?;
        let mut reply = String::new();
        if reader.read_line(&mut reply)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection without replying",
            ));
        }
        let rtt = sent.elapsed();
        let received = Utc::now();
        let sample = estimate(server_time(&reply)?, rtt, received);
        show(&sample);
        samples.push(sample);
    }
    writer.write_all(b"QUIT\n")?;
    Ok(samples)
}

/// Asks `count` times over UDP. A datagram may be lost: after `timeout`
/// (--retry-ms, 1 s by default) without a reply, ask again (and say so),
/// UDP_TRIES requests in all.
pub fn measure_udp(
    addr: SocketAddr,
    count: u32,
    timeout: Duration,
    mut show: impl FnMut(&Sample),
) -> io::Result<Vec<Sample>> {
    let local: SocketAddr = if addr.is_ipv4() {
        "0.0.0.0:0".parse().unwrap()
    } else {
        "[::]:0".parse().unwrap()
    };
    let socket = UdpSocket::bind(local)?;
    // connect() on UDP only fixes the peer: recv() then takes datagrams
    // from the server alone.
    socket.connect(addr)?;
    socket.set_read_timeout(Some(timeout))?;
    let mut samples = Vec::new();
    let mut buffer = [0u8; 1024];
    for _ in 0..count {
        let mut tries = 0;
        let (reply, rtt) = loop {
            tries += 1;
            let sent = Instant::now();
            socket.send(b"TIME")?;
            match socket.recv(&mut buffer) {
                Ok(size) => {
                    break (
                        String::from_utf8_lossy(&buffer[..size]).into_owned(),
                        sent.elapsed(),
                    );
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    if tries == UDP_TRIES {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!("no reply after {UDP_TRIES} tries"),
                        ));
                    }
                    eprintln!("no reply within {} ms; asking again", timeout.as_millis());
                }
                Err(e) => return Err(e),
            }
        };
        let received = Utc::now();
        let sample = estimate(server_time(&reply)?, rtt, received);
        show(&sample);
        samples.push(sample);
    }
    Ok(samples)
}

fn server_time(reply: &str) -> io::Result<DateTime<Utc>> {
    parse_time(reply).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the server's reply is not a time: {:?}", reply.trim_end()),
        )
    })
}

/// The sample with the lowest round trip: the least room for asymmetry.
pub fn best(samples: &[Sample]) -> Option<Sample> {
    samples
        .iter()
        .copied()
        .min_by(|a, b| a.rtt_ms.total_cmp(&b.rtt_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_adds_half_the_round_trip() {
        let server = DateTime::parse_from_rfc3339("2026-11-24T06:00:05.100Z")
            .unwrap()
            .with_timezone(&Utc);
        let received = DateTime::parse_from_rfc3339("2026-11-24T06:00:00.200Z")
            .unwrap()
            .with_timezone(&Utc);
        let sample = estimate(server, Duration::from_millis(200), received);
        assert!((sample.offset_ms - 5000.0).abs() < 0.001, "{sample:?}");
        assert!((sample.rtt_ms - 200.0).abs() < 0.001);
    }
}
