//! The server: TCP, with a thread for every connection so that an idle or
//! slow client never delays the others; and UDP, one datagram in, one out.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream, UdpSocket};

use crate::protocol::{MAX_REQUEST, Request, UNKNOWN_COMMAND, now_utc, parse_request};

/// accept() forever; every connection gets its own thread.
pub fn serve_tcp(listener: TcpListener) -> io::Result<()> {
    // accept() forever; a thread (thread::spawn) per connection running
    // handle_connection(). Log errors; keep accepting.
    todo!("serve_tcp(): the accept loop")
}

/// Answers one client's requests, in order, until QUIT or end of stream.
pub fn handle_connection(stream: TcpStream) -> io::Result<()> {
    // A BufReader on a try_clone() of the stream; read_request() until None;
    // TIME -> now_utc(), QUIT -> stop, anything else -> UNKNOWN_COMMAND;
    // write each reply and its \n in one write_all.
    todo!("handle_connection(): one client's requests")
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
    // Forever: recv_from() into a buffer bigger than MAX_REQUEST, udp_reply() on
    // what arrived, and send_to() the reply (with \n) back to the sender.
    // An error on one datagram is logged, never the end of the server.
    todo!("serve_udp(): the datagram loop")
}

/// The reply to one datagram: the time for `TIME` (a trailing newline is
/// allowed), an error for anything else, nothing for an empty one.
pub fn udp_reply(datagram: &[u8]) -> Option<String> {
    // Empty: None. Longer than MAX_REQUEST: UNKNOWN_COMMAND. Otherwise one
    // trailing \n is allowed; TIME -> now_utc(), anything else -> UNKNOWN_COMMAND.
    todo!("udp_reply()")
}
