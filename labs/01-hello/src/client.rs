//! The client: connect, send one command, read one reply line.

use std::io::{self, BufRead, BufReader, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream};

/// Sends `message` as one line to the server at `addr` and returns the reply
/// line (without its newline).
pub fn run(addr: SocketAddr, message: &str) -> io::Result<String> {
    // One recv() may return only part of the reply line: a line is complete
    // only once its `\n` arrived.
    todo!("client::run(): connect, send, receive")
}
