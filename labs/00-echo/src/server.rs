//! The server: accept clients one after another and echo each one.

use std::io::{self, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream};

/// accept() clients forever, one at a time.
pub fn serve(listener: TcpListener) -> io::Result<()> {
    // Forever: listener.accept(), then echo() the stream. A failed accept
    // or a failed echo is logged on stderr, and the server goes on.
    todo!("serve(): the accept loop")
}

/// recv() and send() back until the client stops sending, then close().
/// Returns how many bytes were echoed.
///
/// TCP has no messages, only a stream of bytes: a recv() returns whatever
/// has arrived, from 1 byte to the whole buffer, so we never look for
/// "the end of the message". The end is the client's half-close: recv()
/// returning 0.
pub fn echo(mut stream: TcpStream) -> io::Result<u64> {
    // Loop: read() into a buffer; 0 bytes means the client half-closed,
    // so stop; otherwise write_all() exactly the bytes received.
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
