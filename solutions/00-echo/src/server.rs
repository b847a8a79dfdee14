//! The server: accept clients one after another and echo each one.

use std::io::{self, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream};

/// accept() clients forever, one at a time.
pub fn serve(listener: TcpListener) -> io::Result<()> {
    loop {
        // accept() waits for the next queued connection and returns a new
        // socket for it; the listening socket stays as it is.
        let (stream, peer) = match listener.accept() {
            Ok(connection) => connection,
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        eprintln!("{peer} connected");
        // One client's error (it vanished mid-transfer) is not the server's.
        match echo(stream) {
            Ok(bytes) => eprintln!("{peer} done: echoed {bytes} bytes"),
            Err(e) => eprintln!("{peer} dropped: {e}"),
        }
    }
}

/// Sends back every byte received, until the client stops sending; then
/// the connection is closed. Returns how many bytes were echoed.
///
/// TCP has no messages, only a stream of bytes: a recv() returns whatever
/// has arrived, from 1 byte to the whole buffer, so we never look for
/// "the end of the message". The end is the client's half-close: recv()
/// returning 0.
pub fn echo(mut stream: TcpStream) -> io::Result<u64> {
    let mut buffer = [0u8; 8192];
    let mut total = 0;
    loop {
        let received = stream.read(&mut buffer)?;
        if received == 0 {
            break;
        }
        // send() may take only part of what we give it; write_all() calls
        // it again until every byte is sent.
        stream.write_all(&buffer[..received])?;
        total += received as u64;
    }
    // Returning drops the stream: close(). The client, which has been
    // reading, now reads end of stream.
    Ok(total)
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
