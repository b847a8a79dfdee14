//! `--trace`: every socket call a lab's program makes, printed on stderr as
//! it happens and named as in the Berkeley API, so that a class can follow
//! the handout's diagram on a running program:
//!
//! ```text
//! 07:31:52.120 socket(AF_INET, SOCK_STREAM)
//! 07:31:52.120 setsockopt(SO_REUSEADDR, 1)
//! 07:31:52.120 bind(127.0.0.1:7701)
//! 07:31:52.120 listen(128)
//! 07:31:53.870 accept() → 127.0.0.1:53422
//! 07:31:53.871 [127.0.0.1:53422] recv() → 6 bytes "Hello\n"
//! 07:31:53.871 [127.0.0.1:53422] send(18 bytes "Hello from server\n")
//! 07:31:53.871 [127.0.0.1:53422] close()
//! ```
//!
//! Each line has the time and, for a connection's calls, the peer in
//! brackets: with many clients at once, the lines of each are told apart.
//!
//! How: [`net`] is `std::net` with its `TcpListener`, `TcpStream` and
//! `UdpSocket` replaced by thin wrappers that make the same calls and, when
//! tracing is on, say so; [`socket2`] does the same for the socket2 calls of
//! lab 00. A lab imports `socklab_trace::net` where it would import
//! `std::net`, and its code reads exactly as it would with the standard
//! library. Everything else (timeouts, addresses, `set_nonblocking`) is the
//! standard type's own, through `Deref`.
//!
//! Tracing is off unless the program calls [`enable`] (the labs do for
//! `--trace`). Off, a wrapper costs one branch per call and prints nothing.
//! It never writes to stdout: a lab's stdout carries its ready line and its
//! output, which the checker reads.

use std::fmt;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};

pub mod net;
pub mod socket2;

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Turns tracing on for the rest of the program. Sockets made before this
/// stay silent.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Whether tracing is on.
#[inline]
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Prints one step on stderr, with the time and (for a connection's
/// steps) the peer: `07:31:53.871 [127.0.0.1:53422] close()`. Prints
/// nothing when tracing is off.
pub fn say(peer: Option<SocketAddr>, step: fmt::Arguments<'_>) {
    if !enabled() {
        return;
    }
    let line = line(&chrono::Local::now().format("%H:%M:%S%.3f"), peer, step);
    // One write per line, so that the threads' lines never mix; a closed
    // stderr is no reason to stop serving.
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

fn line(time: &dyn fmt::Display, peer: Option<SocketAddr>, step: fmt::Arguments<'_>) -> String {
    match peer {
        Some(peer) => format!("{time} [{peer}] {step}\n"),
        None => format!("{time} {step}\n"),
    }
}

/// How many characters of data a line shows, escapes included; the rest
/// is cut to `…`.
pub const SHOWN: usize = 40;

/// Data as a trace line shows it: quoted, escaped like a Rust string
/// (`\n`, `\r`, `\x1b`, `\xff` for a byte that is not UTF-8), so no byte a
/// peer sends can move the cursor or recolour the terminal, and cut after
/// [`SHOWN`] characters: `"Hello\n"`, `"xxxxxxxx…"`.
pub struct Data<'a>(pub &'a [u8]);

impl fmt::Display for Data<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pieces = self.0.utf8_chunks().flat_map(|chunk| {
            let valid = chunk.valid().chars().map(escape);
            let invalid = chunk.invalid().iter().map(|byte| format!("\\x{byte:02x}"));
            valid.chain(invalid)
        });
        let (mut shown, mut width) = (String::new(), 0);
        for piece in pieces {
            width += piece.chars().count();
            if width > SHOWN {
                return write!(f, "\"{shown}…\"");
            }
            shown.push_str(&piece);
        }
        write!(f, "\"{shown}\"")
    }
}

/// One character as a trace line shows it.
fn escape(c: char) -> String {
    match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        '\\' => "\\\\".to_string(),
        '"' => "\\\"".to_string(),
        c if c.is_ascii_control() => format!("\\x{:02x}", c as u32),
        c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
        c => c.to_string(),
    }
}

/// `1 byte`, `6 bytes`.
pub struct Bytes(pub usize);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 byte"),
            n => write!(f, "{n} bytes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(bytes: &[u8]) -> String {
        Data(bytes).to_string()
    }

    #[test]
    fn data_is_quoted_and_escaped() {
        assert_eq!(shown(b"Hello\r\n"), r#""Hello\r\n""#);
        assert_eq!(shown(b"say \"hi\"\t\\"), r#""say \"hi\"\t\\""#);
        assert_eq!(shown("nożyce".as_bytes()), "\"nożyce\"");
    }

    #[test]
    fn terminal_escapes_and_bad_utf8_are_shown_not_sent() {
        assert_eq!(shown(b"\x1b[2J\x07"), r#""\x1b[2J\x07""#);
        assert_eq!(shown("\u{9b}2J".as_bytes()), r#""\u{9b}2J""#);
        assert_eq!(shown(b"a\xff\xfeb"), r#""a\xff\xfeb""#);
    }

    #[test]
    fn long_data_is_cut() {
        let long = vec![b'x'; 1000];
        let text = shown(&long);
        assert_eq!(text, format!("\"{}…\"", "x".repeat(SHOWN)));
        assert_eq!(shown(&long[..SHOWN]), format!("\"{}\"", "x".repeat(SHOWN)));
        // Escapes count as what they show: 10 of \xff fill the 40.
        assert_eq!(shown(&[0xff; 100]).matches("\\xff").count(), SHOWN / 4);
    }

    #[test]
    fn byte_counts() {
        assert_eq!(Bytes(1).to_string(), "1 byte");
        assert_eq!(Bytes(0).to_string(), "0 bytes");
        assert_eq!(Bytes(18).to_string(), "18 bytes");
    }

    #[test]
    fn lines_have_the_time_and_the_peer() {
        let peer: SocketAddr = "127.0.0.1:53422".parse().unwrap();
        assert_eq!(
            line(&"07:31:53.871", Some(peer), format_args!("close()")),
            "07:31:53.871 [127.0.0.1:53422] close()\n"
        );
        assert_eq!(
            line(&"07:31:53.871", None, format_args!("listen({})", 128)),
            "07:31:53.871 listen(128)\n"
        );
    }
}
