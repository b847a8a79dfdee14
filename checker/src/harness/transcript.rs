//! What was sent and received during a test, with millisecond offsets, so a
//! failure can show the exchange as it happened.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

use crate::i18n::Text;

/// How much of one entry's bytes is kept for display.
const SHOWN_BYTES: usize = 160;
/// How many entries a transcript keeps; later ones are counted only.
const MAX_ENTRIES: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The checker sent bytes to the student's program.
    Sent,
    /// The checker received bytes from the student's program.
    Received,
    /// The peer closed its side (end of stream), or the connection broke.
    Closed,
    /// Something the checker did or saw (started a program, connected...).
    Note,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Milliseconds since the test started.
    pub at_ms: u64,
    /// Which connection or program: `c1`, `c2`, `server`, `checker`...
    pub who: String,
    pub direction: Direction,
    /// The bytes, escaped (`\n`, `\u{1b}`, `\xff`) and cut to a readable
    /// length; or what the checker noted (the report may say it in Polish).
    pub text: Text,
    /// How many bytes this entry stands for.
    pub bytes: usize,
}

/// A test's transcript; clones share it (each connection records into it).
#[derive(Clone)]
pub struct Transcript {
    started: Instant,
    entries: Arc<Mutex<(Vec<Entry>, usize)>>,
}

impl Transcript {
    pub fn new(started: Instant) -> Transcript {
        Transcript {
            started,
            entries: Arc::new(Mutex::new((Vec::new(), 0))),
        }
    }

    pub fn sent(&self, who: &str, bytes: &[u8]) {
        self.record(who, Direction::Sent, bytes);
    }

    pub fn received(&self, who: &str, bytes: &[u8]) {
        self.record(who, Direction::Received, bytes);
    }

    pub fn closed(&self, who: &str, how: impl Into<Text>) {
        self.push(who, Direction::Closed, how.into(), 0);
    }

    pub fn note(&self, who: &str, text: impl Into<Text>) {
        self.push(who, Direction::Note, text.into(), 0);
    }

    /// Consecutive pieces in the same direction on the same connection are
    /// merged, so a 1 MiB transfer read in 8 KiB pieces is one entry.
    fn record(&self, who: &str, direction: Direction, bytes: &[u8]) {
        let mut guard = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(last) = guard.0.last_mut() {
            if last.who == who && last.direction == direction {
                let shown = SHOWN_BYTES.saturating_sub(last.bytes);
                if shown > 0 {
                    let more = escape(&bytes[..bytes.len().min(shown)]);
                    last.text = Text::english(format!("{}{more}", last.text));
                }
                last.bytes += bytes.len();
                return;
            }
        }
        drop(guard);
        let text = escape(&bytes[..bytes.len().min(SHOWN_BYTES)]);
        self.push(who, direction, text.into(), bytes.len());
    }

    fn push(&self, who: &str, direction: Direction, text: Text, bytes: usize) {
        let mut guard = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if guard.0.len() >= MAX_ENTRIES {
            guard.1 += 1;
            return;
        }
        guard.0.push(Entry {
            at_ms: self.started.elapsed().as_millis() as u64,
            who: who.to_string(),
            direction,
            text,
            bytes,
        });
    }

    /// The entries, and how many were left out past the limit.
    pub fn entries(&self) -> (Vec<Entry>, usize) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// Escapes bytes for display: printable text as is, `\n`, `\r`, `\t`,
/// other control characters as `\u{..}` and bytes that are not UTF-8 as `\xNN`.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '"' | '\'' => out.push(c),
                c => out.extend(c.escape_debug()),
            }
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

/// Text a student's program wrote, made safe to show: control characters
/// escaped (`\u{1b}`, `\r`: nothing it prints can move the cursor,
/// recolour or clear the screen, or start a line of the report), and cut to
/// `max` characters, keeping the start and the end.
pub fn shown(text: &str, max: usize) -> String {
    let escaped: Vec<char> = text
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_debug().collect::<Vec<char>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if escaped.len() <= max {
        return escaped.into_iter().collect();
    }
    let keep = max / 2;
    let head: String = escaped[..keep].iter().collect();
    let tail: String = escaped[escaped.len() - keep..].iter().collect();
    format!(
        "{head}… {} characters cut …{tail}",
        escaped.len() - 2 * keep
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_invalid_bytes() {
        assert_eq!(escape(b"Hi\r\n"), "Hi\\r\\n");
        assert_eq!(escape(b"\x1b[31m"), "\\u{1b}[31m");
        assert_eq!(escape(b"a\xffb"), "a\\xffb");
        assert_eq!(escape("nożyce".as_bytes()), "nożyce");
    }

    #[test]
    fn shown_escapes_control_characters_and_keeps_both_ends() {
        assert_eq!(shown("\x1b[2JPASS\r", 100), "\\u{1b}[2JPASS\\r");
        let long = format!("start{}end", "x".repeat(1000));
        let cut = shown(&long, 20);
        assert!(
            cut.starts_with("startxxxxx") && cut.ends_with("xxxxxxxend"),
            "{cut}"
        );
        assert!(cut.contains("characters cut"));
    }

    #[test]
    fn merges_consecutive_pieces_and_cuts_long_ones() {
        let t = Transcript::new(Instant::now());
        t.received("c1", &[b'a'; 100]);
        t.received("c1", &[b'b'; 100]);
        t.sent("c1", b"x");
        let (entries, _) = t.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].bytes, 200);
        assert_eq!(entries[0].text.len(), SHOWN_BYTES);
    }
}
