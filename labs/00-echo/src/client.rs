//! The client: send a message, half-close, read the echo to the end.

use std::io::{self, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to the echo server at `addr` and returns what came back.
pub fn run(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    // TcpStream::connect, write_all the message, shutdown(Shutdown::Write),
    // then read_to_end.
    todo!("client::run(): connect, send, half-close, receive")
}
