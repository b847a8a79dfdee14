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
    // An error on one connection is logged and never stops the server.
    todo!("serve(): the accept loop")
}

/// Serves one client: read a command, send the reply, until the client
/// closes or says `Hello`.
pub fn handle_connection(stream: TcpStream) -> io::Result<()> {
    // Answer each command as soon as its line is complete, in order, however
    // the bytes arrive; after a reply that closes, nothing more is read.
    todo!("handle_connection(): read commands and send replies")
}

/// Reads one command line, without its `\n` or `\r\n`. Returns `None` when
/// the client has closed its side and no command is pending.
///
/// TCP is a byte stream, not a stream of messages: one recv() may return
/// half a command ("He") or three at once ("Time\nTime\nHel"). BufReader
/// keeps calling recv() until it has seen a newline, and keeps whatever
/// came after it for the next call, so neither case loses anything.
pub fn read_command(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    // Never keep more than MAX_LINE bytes, however long the line (see
    // MAX_LINE). A line is complete only once its `\n` arrived, except the
    // last one before the end of the stream.
    todo!("read_command(): read one line")
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
