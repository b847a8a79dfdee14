//! The server: TCP, with a thread for every connection so that an idle or
//! slow client never delays the others; and UDP, one datagram in, one out.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream, UdpSocket};

use crate::protocol::{MAX_REQUEST, Request, UNKNOWN_COMMAND, now_utc, parse_request};

/// accept() forever; every connection gets its own thread.
pub fn serve_tcp(listener: TcpListener) -> io::Result<()> {
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(connection) => connection,
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        thread::spawn(move || {
            if let Err(e) = handle_connection(stream) {
                eprintln!("{peer}: {e}");
            }
        });
    }
}

/// Answers one client's requests, in order, until QUIT or end of stream.
pub fn handle_connection(stream: TcpStream) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(line) = read_request(&mut reader)? {
        let reply = match parse_request(&line) {
            Request::Time => now_utc(),
            Request::Quit => break,
            Request::Unknown => UNKNOWN_COMMAND.to_string(),
        };
        // send() the reply and its newline in one write.
        writer.write_all(format!("{reply}\n").as_bytes())?;
    }
    // Returning drops the socket: close().
    Ok(())
}

/// Reads one request line without its `\n`; `None` at end of stream. A line
/// longer than MAX_REQUEST is read to its end and comes back cut short (it
/// is then an unknown command).
pub fn read_request(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(MAX_REQUEST as u64)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if read == MAX_REQUEST {
        // Too long: skip the rest of it, whatever its size.
        let mut rest = Vec::new();
        reader.read_until(b'\n', &mut rest)?;
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// recvfrom() a datagram, sendto() the reply, forever. UDP has no
/// connections: each datagram says who sent it, and the reply goes there.
pub fn serve_udp(socket: UdpSocket) -> io::Result<()> {
    // Room for more than MAX_REQUEST, to tell an oversized datagram apart.
    let mut buffer = [0u8; 2048];
    loop {
        let (size, peer) = match socket.recv_from(&mut buffer) {
            Ok(received) => received,
            Err(e) => {
                eprintln!("recvfrom failed: {e}");
                continue;
            }
        };
        let Some(reply) = udp_reply(&buffer[..size]) else {
            continue; // an empty datagram: nothing asked, nothing to answer
        };
        if let Err(e) = socket.send_to(format!("{reply}\n").as_bytes(), peer) {
            eprintln!("{peer}: sendto failed: {e}");
        }
    }
}

/// The reply to one datagram: the time for `TIME` (a trailing newline is
/// allowed), an error for anything else, nothing for an empty one.
pub fn udp_reply(datagram: &[u8]) -> Option<String> {
    if datagram.is_empty() {
        return None;
    }
    if datagram.len() > MAX_REQUEST {
        return Some(UNKNOWN_COMMAND.to_string());
    }
    let text = String::from_utf8_lossy(datagram);
    let line = text.strip_suffix('\n').unwrap_or(&text);
    Some(match parse_request(line) {
        Request::Time => now_utc(),
        Request::Quit | Request::Unknown => UNKNOWN_COMMAND.to_string(),
    })
}
