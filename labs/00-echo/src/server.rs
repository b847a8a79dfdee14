//! The server: accept clients one after another and echo each one.

use std::io::{self, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream};

/// accept() clients forever, one at a time.
pub fn serve(listener: TcpListener) -> io::Result<()> {
    // One client's trouble (a failed accept, a connection reset) is logged on
    // stderr and is never the end of the server.
    todo!("serve(): the accept loop")
}

/// Sends back every byte received, until the client stops sending; then
/// the connection is closed. Returns how many bytes were echoed.
///
/// TCP has no messages, only a stream of bytes: a recv() returns whatever
/// has arrived, from 1 byte to the whole buffer, so we never look for
/// "the end of the message". The end is the client's half-close: recv()
/// returning 0.
pub fn echo(mut stream: TcpStream) -> io::Result<u64> {
    // Send back exactly the bytes received, no more: a read fills only part
    // of the buffer.
    todo!("echo(): recv and send until end of stream")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Shutdown;

    #[test]
    fn echoes_everything_until_the_client_half_closes() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (stream, _) = listener.accept().unwrap();
        let server = std::thread::spawn(move || echo(stream));
        client.write_all(b"one, two\n").unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let mut echoed = Vec::new();
        client.read_to_end(&mut echoed).unwrap();
        assert_eq!(echoed, b"one, two\n");
        assert_eq!(server.join().unwrap().unwrap(), 9);
    }
}
