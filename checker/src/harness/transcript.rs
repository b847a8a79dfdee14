//! What was sent and received during a test, with millisecond offsets, so a
//! failure can show the exchange as it happened.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

use crate::i18n::Text;

/// How much of one entry's bytes is kept for display.
const SHOWN_BYTES: usize = 160;
/// How many entries a transcript keeps; later ones are counted only. The
/// report folds repeats ([`fold`]), so a test of 100 connections shows in
/// a few lines and its end, where it failed, is still kept.
const MAX_ENTRIES: usize = 2000;

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

#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// A line of a transcript as the report shows it: one entry, or a run of
/// repeats folded into one line.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    One(&'a Entry),
    /// `count` connections in a row (`c3`, `c4`… `c100`) that each did
    /// what `block` (the first one's entries) shows.
    Repeated {
        block: &'a [Entry],
        count: usize,
        /// The last connection's name, and when its last entry was.
        last_who: &'a str,
        last_ms: u64,
    },
}

/// How many times a block must repeat to be folded: fewer read as well
/// whole.
const FOLD_FROM: usize = 3;
/// The longest block folded: the entries of one connection (connected,
/// sent, received).
const LONGEST_BLOCK: usize = 4;

/// Folds runs of repeats: connections in a row (`c3`, `c4`…) that each
/// did the same (the same notes, the same bytes sent and received) become
/// one line, `c3…c100 · connected, → "TIME\n" (×98)`. Entries `whole`
/// picks (the connection a failure names, the last ones before it
/// failed) are never folded, so what went wrong is shown as it was.
pub fn fold<'a>(entries: &'a [Entry], whole: impl Fn(usize, &Entry) -> bool) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let mut best: Option<(usize, usize)> = None;
        for size in 1..=LONGEST_BLOCK {
            let count = repeats(entries, i, size, &whole);
            if count >= FOLD_FROM && best.is_none_or(|(s, c)| size * count > s * c) {
                best = Some((size, count));
            }
        }
        match best {
            Some((size, count)) => {
                let last = &entries[i + size * count - 1];
                lines.push(Line::Repeated {
                    block: &entries[i..i + size],
                    count,
                    last_who: &last.who,
                    last_ms: last.at_ms,
                });
                i += size * count;
            }
            None => {
                lines.push(Line::One(&entries[i]));
                i += 1;
            }
        }
    }
    lines
}

/// How many blocks of `size` entries, from `start` on, are each one
/// connection's, and the same as the first but for the connection, whose
/// number goes up by one each time.
fn repeats(
    entries: &[Entry],
    start: usize,
    size: usize,
    whole: &impl Fn(usize, &Entry) -> bool,
) -> usize {
    let block = |n: usize| -> Option<(&str, u64)> {
        let from = start + n * size;
        let entries = entries.get(from..from + size)?;
        let who = &entries[0].who;
        let foldable = entries
            .iter()
            .enumerate()
            .all(|(k, e)| e.who == *who && !whole(from + k, e));
        foldable.then_some(())?;
        numbered(who)
    };
    let Some((prefix, first)) = block(0) else {
        return 0;
    };
    let mut count = 1;
    while let Some((p, number)) = block(count) {
        let same = (0..size).all(|k| {
            let (a, b) = (&entries[start + k], &entries[start + count * size + k]);
            a.direction == b.direction && a.text == b.text && a.bytes == b.bytes
        });
        if p != prefix || number != first + count as u64 || !same {
            break;
        }
        count += 1;
    }
    count
}

/// `c12` → (`c`, 12): a connection's name, its letters and its number.
fn numbered(who: &str) -> Option<(&str, u64)> {
    let digits = who.trim_start_matches(|c: char| !c.is_ascii_digit());
    let prefix = &who[..who.len() - digits.len()];
    (!prefix.is_empty()).then_some(())?;
    Some((prefix, digits.parse().ok()?))
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

    fn entry(at_ms: u64, who: &str, direction: Direction, text: &str) -> Entry {
        Entry {
            at_ms,
            who: who.to_string(),
            direction,
            text: Text::english(text),
            bytes: if direction == Direction::Note {
                0
            } else {
                text.len()
            },
        }
    }

    /// What a fold shows, in short: `c1 ·` for one entry, `c3…c9 ·,→ ×7`
    /// for a run.
    fn outline(lines: &[Line]) -> Vec<String> {
        let arrow = |e: &Entry| match e.direction {
            Direction::Sent => "→",
            Direction::Received => "←",
            Direction::Closed => "×",
            Direction::Note => "·",
        };
        lines
            .iter()
            .map(|line| match line {
                Line::One(e) => format!("{} {}", e.who, arrow(e)),
                Line::Repeated {
                    block,
                    count,
                    last_who,
                    ..
                } => format!(
                    "{}…{last_who} {} ×{count}",
                    block[0].who,
                    block.iter().map(arrow).collect::<Vec<_>>().join(",")
                ),
            })
            .collect()
    }

    /// 100 connections: all connect, then c1 asks and is answered, then
    /// the others ask and c2 waits in vain.
    fn many_connections() -> Vec<Entry> {
        let mut entries = vec![entry(0, "server", Direction::Note, "ready")];
        for n in 1..=100 {
            entries.push(entry(n, &format!("c{n}"), Direction::Note, "connected"));
        }
        entries.push(entry(101, "c1", Direction::Sent, "TIME\n"));
        entries.push(entry(102, "c1", Direction::Received, "12:00:00\n"));
        for n in 2..=100 {
            entries.push(entry(102 + n, &format!("c{n}"), Direction::Sent, "TIME\n"));
        }
        entries
    }

    #[test]
    fn runs_of_connections_that_do_the_same_fold_into_one_line() {
        let entries = many_connections();
        let lines = fold(&entries, |_, _| false);
        assert_eq!(
            outline(&lines),
            [
                "server ·",
                "c1…c100 · ×100",
                "c1 →",
                "c1 ←",
                "c2…c100 → ×99"
            ]
        );
        let Line::Repeated { last_ms, .. } = lines[4] else {
            panic!("{lines:?}")
        };
        assert_eq!(last_ms, 202);
    }

    #[test]
    fn the_connection_a_failure_names_and_the_last_entries_stay_whole() {
        let entries = many_connections();
        let last = entries.len() - 5;
        let lines = fold(&entries, |i, e| e.who == "c2" || i >= last);
        assert_eq!(
            outline(&lines),
            [
                "server ·",
                "c1 ·",
                "c2 ·",
                "c3…c100 · ×98",
                "c1 →",
                "c1 ←",
                "c2 →",
                "c3…c95 → ×93",
                "c96 →",
                "c97 →",
                "c98 →",
                "c99 →",
                "c100 →"
            ]
        );
    }

    #[test]
    fn a_connection_that_does_the_same_in_several_entries_folds_whole() {
        let mut entries = Vec::new();
        for n in 1..=10 {
            let who = format!("c{n}");
            entries.push(entry(n, &who, Direction::Note, "connected"));
            entries.push(entry(n, &who, Direction::Sent, "TIME\n"));
        }
        assert_eq!(outline(&fold(&entries, |_, _| false)), ["c1…c10 ·,→ ×10"]);
    }

    #[test]
    fn different_bytes_a_gap_in_the_numbers_or_two_repeats_are_not_folded() {
        let entries = vec![
            entry(1, "c1", Direction::Sent, "TIME\n"),
            entry(2, "c2", Direction::Sent, "TIME\n"),
            entry(3, "c3", Direction::Sent, "TIMX\n"),
            entry(4, "c4", Direction::Sent, "TIME\n"),
            entry(5, "c6", Direction::Sent, "TIME\n"),
            entry(6, "c7", Direction::Sent, "TIME\n"),
            entry(7, "server", Direction::Note, "x"),
            entry(8, "server", Direction::Note, "x"),
            entry(9, "server", Direction::Note, "x"),
        ];
        assert_eq!(fold(&entries, |_, _| false).len(), entries.len());
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
