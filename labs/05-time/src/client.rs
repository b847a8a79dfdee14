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
    // Keep the fractions of a millisecond: on loopback the round trip is
    // well under one.
    todo!("estimate(): Cristian's algorithm")
}

/// Asks `count` times over one TCP connection, calling `show` after each.
pub fn measure_tcp(
    addr: SocketAddr,
    count: u32,
    mut show: impl FnMut(&Sample),
) -> io::Result<Vec<Sample>> {
    // The round trip is measured around one request and its reply, on a
    // monotonic clock (the wall clock may jump); a request too small to fill
    // a segment must not wait for Nagle's algorithm. The connection is ended
    // politely when done.
    todo!("measure_tcp()")
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
    // A datagram, or its reply, may be lost, and then nothing ever arrives:
    // never wait for ever, say on stderr that you ask again, and give up
    // after UDP_TRIES requests. Take replies from the server only.
    todo!("measure_udp()")
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
