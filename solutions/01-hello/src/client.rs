//! The client: connect, send one command, read one reply line.

use std::io::{self, BufRead, BufReader, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream};

/// Sends `message` as one line to the server at `addr` and returns the reply
/// line (without its newline).
pub fn run(addr: SocketAddr, message: &str) -> io::Result<String> {
    // socket() + connect(): the three-way handshake happens here. If nothing
    // listens on that port, this fails with "connection refused".
    let mut stream = TcpStream::connect(addr)?;

    // send(): the newline is what tells the server the command is complete.
    stream.write_all(format!("{message}\n").as_bytes())?;

    // recv() until the end of the reply line. A single read() could return
    // only part of it, so let BufReader collect the whole line.
    let mut reply = String::new();
    BufReader::new(&stream).read_line(&mut reply)?;
    if reply.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection without replying",
        ));
    }
    Ok(reply.trim_end_matches(['\r', '\n']).to_string())
    // `stream` is dropped here: close().
}
