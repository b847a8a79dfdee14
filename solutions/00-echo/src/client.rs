//! The client: send a message, half-close, read the echo to the end.

use std::io::{self, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{Shutdown, SocketAddr, TcpStream};

/// Sends `message` to the echo server at `addr` and returns what came back.
pub fn run(addr: SocketAddr, message: &[u8]) -> io::Result<Vec<u8>> {
    // socket() + connect().
    let mut stream = TcpStream::connect(addr)?;

    // send() all of it.
    stream.write_all(message)?;

    // shutdown(SHUT_WR): "I have nothing more to send". The server's
    // recv() returns 0, so it knows the message is complete, although we
    // can still receive. Without this the server waits for more forever,
    // and so do we.
    stream.shutdown(Shutdown::Write)?;

    // recv() until the server closes: the echo may come in many pieces.
    let mut echoed = Vec::new();
    stream.read_to_end(&mut echoed)?;
    Ok(echoed)
}
