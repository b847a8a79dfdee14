//! The server: accept connections one after another and answer each
//! command line on them.

use std::io::{self, BufRead, BufReader, Read, Write};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream};

use crate::protocol::respond;

/// The longest command line we keep. A client that sends more without a
/// newline can't make the server buffer without limit: the rest of its line
/// is skipped and it gets `Unknown command`.
pub const MAX_LINE: usize = 1024;

/// The accept loop: take the next waiting connection, serve it to the end,
/// then take the next. With `once`, stop after the first connection.
///
/// One connection at a time keeps this lab simple; labs 02 and 03 serve
/// many at once with threads.
pub fn serve(listener: TcpListener, once: bool) -> io::Result<()> {
    loop {
        // accept() blocks until a client has connected, and returns a new
        // socket for that one client; the listener keeps listening.
        let (stream, peer) = match listener.accept() {
            Ok(connection) => connection,
            // A client that gave up between connect() and our accept() is
            // its own problem, not a reason to stop serving everyone else.
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        eprintln!("{peer} connected");
        // An error on one connection (the client vanished mid-reply) ends
        // that connection only.
        match handle_connection(stream) {
            Ok(()) => eprintln!("{peer} disconnected"),
            Err(e) => eprintln!("{peer} dropped: {e}"),
        }
        if once {
            return Ok(());
        }
    }
}

/// Serves one client: read a command, send the reply, until the client
/// closes or says `Hello`.
pub fn handle_connection(stream: TcpStream) -> io::Result<()> {
    // A TcpStream can be read and written at the same time; try_clone()
    // gives a second handle to the same socket so that the reader can own
    // one buffered handle and we can write through the other.
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    while let Some(command) = read_command(&mut reader)? {
        let reply = respond(&command);
        // One write for the whole line: send() the text and its newline.
        writer.write_all(format!("{}\n", reply.text).as_bytes())?;
        if reply.close {
            break;
        }
    }
    // Returning drops both handles, which close()s the socket: the client
    // reads end of stream.
    Ok(())
}

/// Reads one command line, without its `\n` or `\r\n`. Returns `None` when
/// the client has closed its side and no command is pending.
///
/// TCP is a byte stream, not a stream of messages: one recv() may return
/// half a command ("He") or three at once ("Time\nTime\nHel"). BufReader
/// keeps calling recv() until it has seen a newline, and keeps whatever
/// came after it for the next call, so neither case loses anything.
pub fn read_command(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(MAX_LINE as u64)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.ends_with(b"\n") {
        line.pop();
    } else if read == MAX_LINE {
        // Too long: throw away the rest of this line, whatever its size,
        // so that the next command starts cleanly.
        skip_line(reader)?;
    }
    // else: the client half-closed after a last line without "\n"; that
    // line still counts.
    if line.ends_with(b"\r") {
        line.pop();
    }
    // Bytes that are not UTF-8 become U+FFFD instead of an error: the
    // command is then simply unknown.
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// Reads and discards bytes up to and including the next newline.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(());
            }
            None => {
                let len = buffer.len();
                reader.consume(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(input: &[u8]) -> Vec<String> {
        let mut reader = input;
        std::iter::from_fn(|| read_command(&mut reader).unwrap()).collect()
    }

    #[test]
    fn splits_lines_and_strips_line_endings() {
        assert_eq!(commands(b"Time\r\nHello\n"), ["Time", "Hello"]);
    }

    #[test]
    fn a_last_line_without_newline_counts() {
        assert_eq!(commands(b"Time\nHello"), ["Time", "Hello"]);
    }

    #[test]
    fn an_overlong_line_is_cut_and_the_next_one_survives() {
        let mut input = vec![b'x'; 5000];
        input.extend_from_slice(b"\nHello\n");
        let got = commands(&input);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], "Hello");
    }
}
