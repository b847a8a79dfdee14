//! The client: send a message, half-close, read the echo to the end.

use std::io::{self, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to the echo server at `addr` and returns what came back.
pub fn run(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    // The server echoes until it sees the end of what you send, and only then
    // closes: if you never say you are done, you both wait for ever.
    todo!("client::run(): connect, send, half-close, receive")
}
