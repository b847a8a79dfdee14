//! The game without any sockets: what a choice is, who wins a round, reading
//! a line safely, and the exact lines the server sends. Easy to unit-test
//! (`cargo test -p lab02-rps`).

use std::fmt;
use std::io::{self, BufRead, Read};

/// The longest line (in bytes, without its newline) the server reads whole.
/// A longer one is read to its end and thrown away: a player can not make
/// the server buffer without limit.
pub const MAX_LINE: usize = 1024;

/// What a player can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Papier,
    Nozyce,
    Kamien,
}

impl Choice {
    /// Reads a choice as a player may type it: the Polish word, its ASCII
    /// form or the English one, in any case, spaces around it ignored.
    pub fn parse(text: &str) -> Option<Choice> {
        // to_lowercase(), not to_ascii_lowercase(): `NOŻYCE` and `KAMIEŃ`
        // have capitals outside ASCII.
        match text.trim().to_lowercase().as_str() {
            "papier" | "paper" => Some(Choice::Papier),
            "nożyce" | "nozyce" | "scissors" => Some(Choice::Nozyce),
            "kamień" | "kamien" | "rock" => Some(Choice::Kamien),
            _ => None,
        }
    }

    /// The canonical form, the one the server sends back.
    pub fn name(self) -> &'static str {
        match self {
            Choice::Papier => "papier",
            Choice::Nozyce => "nożyce",
            Choice::Kamien => "kamień",
        }
    }

    /// Paper wraps stone, scissors cut paper, stone blunts scissors.
    pub fn beats(self, other: Choice) -> bool {
        matches!(
            (self, other),
            (Choice::Papier, Choice::Kamien)
                | (Choice::Nozyce, Choice::Papier)
                | (Choice::Kamien, Choice::Nozyce)
        )
    }
}

/// One round, from one player's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Win,
    Lose,
    Draw,
}

impl Outcome {
    pub fn of(mine: Choice, theirs: Choice) -> Outcome {
        if mine.beats(theirs) {
            Outcome::Win
        } else if theirs.beats(mine) {
            Outcome::Lose
        } else {
            Outcome::Draw
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Outcome::Win => "WIN",
            Outcome::Lose => "LOSE",
            Outcome::Draw => "DRAW",
        }
    }
}

/// A score as one player sees it: `<mine>:<theirs>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub mine: u32,
    pub theirs: u32,
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.mine, self.theirs)
    }
}

/// One line read from a player.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Over MAX_LINE bytes: it was read to its end and thrown away.
    TooLong,
}

/// Reads one line (without `\n` or `\r\n`). `None` at end of stream. Never
/// keeps more than MAX_LINE + 2 bytes, whatever the player sends; bytes that
/// are not UTF-8 become U+FFFD (and so the line is not a choice).
pub fn read_line(reader: &mut impl BufRead) -> io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let limit = MAX_LINE as u64 + 2; // the text, a '\r' and the '\n'
    let read = reader.by_ref().take(limit).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    let complete = bytes.ends_with(b"\n");
    if complete {
        bytes.pop();
    }
    if bytes.ends_with(b"\r") {
        bytes.pop();
    }
    if bytes.len() > MAX_LINE {
        if !complete {
            skip_line(reader)?;
        }
        return Ok(Some(Line::TooLong));
    }
    Ok(Some(Line::Text(
        String::from_utf8_lossy(&bytes).into_owned(),
    )))
}

/// Reads and discards bytes up to and including the next newline.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        if let Some(end) = buffer.iter().position(|&b| b == b'\n') {
            reader.consume(end + 1);
            return Ok(());
        }
        let len = buffer.len();
        reader.consume(len);
    }
}

/// The lines the server sends, in one place so that their wording is
/// exactly the protocol's.
pub mod says {
    use super::{Choice, Outcome, Score};

    pub fn welcome(player: usize) -> String {
        format!("WELCOME {player}")
    }
    pub const WAIT: &str = "WAIT";
    pub fn start(wins: u32) -> String {
        format!("START {wins}")
    }
    pub fn round(number: u32) -> String {
        format!("ROUND {number}")
    }
    pub fn result(mine: Choice, theirs: Choice, score: Score) -> String {
        let outcome = Outcome::of(mine, theirs).word();
        format!("RESULT {} {} {outcome} {score}", mine.name(), theirs.name())
    }
    pub fn game_over(score: Score) -> String {
        let verdict = if score.mine > score.theirs {
            "WIN"
        } else {
            "LOSE"
        };
        format!("GAME OVER {verdict} {score}")
    }
    pub fn walkover(score: Score) -> String {
        format!("GAME OVER WIN {score} WALKOVER")
    }
    pub const NOT_A_CHOICE: &str = "ERROR not a choice: send papier, nożyce or kamień";
    pub const LINE_TOO_LONG: &str = "ERROR line too long";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_accepted_spelling() {
        for (text, choice) in [
            ("papier", Choice::Papier),
            ("PAPER", Choice::Papier),
            ("Nożyce", Choice::Nozyce),
            ("NOŻYCE", Choice::Nozyce),
            ("nozyce", Choice::Nozyce),
            ("Scissors", Choice::Nozyce),
            ("kamień", Choice::Kamien),
            ("KAMIEŃ", Choice::Kamien),
            ("kamien", Choice::Kamien),
            (" rock ", Choice::Kamien),
        ] {
            assert_eq!(Choice::parse(text), Some(choice), "{text:?}");
        }
        for text in ["", "papeir", "kamie", "rock paper", "\u{fffd}"] {
            assert_eq!(Choice::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn who_wins() {
        use Choice::*;
        assert_eq!(Outcome::of(Papier, Kamien), Outcome::Win);
        assert_eq!(Outcome::of(Nozyce, Papier), Outcome::Win);
        assert_eq!(Outcome::of(Kamien, Nozyce), Outcome::Win);
        assert_eq!(Outcome::of(Kamien, Papier), Outcome::Lose);
        assert_eq!(Outcome::of(Nozyce, Nozyce), Outcome::Draw);
    }

    #[test]
    fn the_lines() {
        let score = Score { mine: 2, theirs: 1 };
        assert_eq!(
            says::result(Choice::Kamien, Choice::Nozyce, score),
            "RESULT kamień nożyce WIN 2:1"
        );
        assert_eq!(says::game_over(score), "GAME OVER WIN 2:1");
        assert_eq!(says::walkover(score), "GAME OVER WIN 2:1 WALKOVER");
    }

    #[test]
    fn reads_lines_and_drops_a_long_one() {
        let mut input = b"papier\r\n".to_vec();
        input.extend(vec![b'x'; 100_000]);
        input.extend(b"\ncaf\xe9\nrock");
        let mut reader = &input[..];
        let lines: Vec<Line> = std::iter::from_fn(|| read_line(&mut reader).unwrap()).collect();
        assert_eq!(
            lines,
            [
                Line::Text("papier".into()),
                Line::TooLong,
                Line::Text("caf\u{fffd}".into()),
                Line::Text("rock".into())
            ]
        );
    }
}
