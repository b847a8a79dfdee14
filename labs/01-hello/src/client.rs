//! The client: connect, send one command, read one reply line.

use std::io::{self, BufRead, BufReader, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream};

/// Sends `message` as one line to the server at `addr` and returns the reply
/// line (without its newline).
pub fn run(addr: SocketAddr, message: &str) -> io::Result<String> {
    // connect() to addr, send the message and a "\n", read one reply line
    // (a single read() might return only part of it), return it without
    // its line ending.
    todo!("client::run(): connect, send, receive")
}
