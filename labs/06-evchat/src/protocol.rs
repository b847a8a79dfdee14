//! The chat protocol without any sockets: splitting what arrives into
//! lines safely, checking nicks, cleaning text, and what each command is.
//! Lab 03's, but for an event loop: bytes arrive in pieces, whenever they
//! come, and nothing may wait for the rest of a line. Easy to unit-test.

/// The longest line (in bytes, without its newline) the server accepts.
pub const MAX_LINE: usize = 1024;
/// The longest nick, in characters.
pub const MAX_NICK: usize = 16;
/// Nicks nobody may take: they would let a user pass for the server.
pub const RESERVED_NICKS: [&str; 2] = ["admin", "server"];

/// One line read from a client.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Over MAX_LINE bytes: it was read to its end and thrown away.
    TooLong,
}

/// Cuts the bytes one connection sends into lines, however they arrive:
/// a line is a line only once its `\n` arrived, and what came before it
/// waits here. Never keeps more than MAX_LINE + 1 bytes, whatever the
/// client sends; bytes that are not UTF-8 become U+FFFD.
#[derive(Debug, Default)]
pub struct Lines {
    /// The start of a line whose `\n` has not arrived yet.
    pending: Vec<u8>,
    /// Inside a line already reported as too long: its bytes are dropped
    /// up to its `\n`.
    skipping: bool,
}

impl Lines {
    /// Adds bytes just read; every line they complete goes to `out`.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<Line>) {
        for piece in bytes.split_inclusive(|&b| b == b'\n') {
            let complete = piece.ends_with(b"\n");
            if self.skipping {
                self.skipping = !complete;
                continue;
            }
            self.pending.extend_from_slice(piece);
            if complete {
                out.push(line_of(std::mem::take(&mut self.pending)));
            } else if self.pending.len() > MAX_LINE + 1 {
                // The text and a '\r' can't be this long: too long already,
                // whatever follows. Say so now and drop the rest of it.
                self.pending.clear();
                self.skipping = true;
                out.push(Line::TooLong);
            }
        }
    }

    /// At the end of the stream: the last line, if it had no `\n`.
    pub fn end(&mut self) -> Option<Line> {
        let rest = std::mem::take(&mut self.pending);
        (!rest.is_empty() && !self.skipping).then(|| line_of(rest))
    }
}

/// A complete line's bytes, its `\n` and `\r` taken off.
fn line_of(mut bytes: Vec<u8>) -> Line {
    if bytes.ends_with(b"\n") {
        bytes.pop();
    }
    if bytes.ends_with(b"\r") {
        bytes.pop();
    }
    if bytes.len() > MAX_LINE {
        return Line::TooLong;
    }
    Line::Text(String::from_utf8_lossy(&bytes).into_owned())
}

/// Removes control characters: terminal escape sequences (ESC, 0x1b),
/// bell, backspace, carriage return and the rest. Without this a user could
/// clear everyone's screen, or draw a fake "admin:" line over their own.
pub fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

#[derive(Debug, PartialEq, Eq)]
pub enum NickError {
    /// Empty, too long, or a character other than a letter, digit, _ or -.
    Invalid,
    /// Reserved, or someone has it already (both compared ignoring case).
    Taken,
}

/// Checks a nick's form (not whether it is free).
pub fn check_nick(nick: &str) -> Result<(), NickError> {
    let length = nick.chars().count();
    let allowed = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    if length == 0 || length > MAX_NICK || !nick.chars().all(allowed) {
        return Err(NickError::Invalid);
    }
    if RESERVED_NICKS.contains(&nick_key(nick).as_str()) {
        return Err(NickError::Taken);
    }
    Ok(())
}

/// Nicks are compared ignoring case: "Ola" and "ola" are the same user.
pub fn nick_key(nick: &str) -> String {
    nick.to_lowercase()
}

/// What a user's line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum UserCommand {
    Say(String),
    List,
    Quit,
    /// `/kick`: only the admin may; users get an error.
    Kick,
    Unknown,
    /// Nothing left after cleaning: ignored.
    Empty,
}

pub fn parse_user_line(line: &str) -> UserCommand {
    let text = sanitize(line);
    let command = text.split_whitespace().next().unwrap_or("");
    match command {
        "" => UserCommand::Empty,
        "/list" => UserCommand::List,
        "/quit" => UserCommand::Quit,
        "/kick" => UserCommand::Kick,
        c if c.starts_with('/') => UserCommand::Unknown,
        _ => UserCommand::Say(text),
    }
}

/// What a line typed on the admin console asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum ConsoleCommand {
    Say(String),
    Kick {
        nick: String,
        reason: Option<String>,
    },
    List,
    Unknown(String),
    Empty,
}

pub fn parse_console_line(line: &str) -> ConsoleCommand {
    let text = sanitize(line);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return ConsoleCommand::Empty;
    }
    let (command, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
    match command {
        "/kick" if !rest.trim().is_empty() => {
            let (nick, reason) = rest.trim().split_once(' ').unwrap_or((rest.trim(), ""));
            let reason = reason.trim();
            ConsoleCommand::Kick {
                nick: nick.to_string(),
                reason: (!reason.is_empty()).then(|| reason.to_string()),
            }
        }
        "/list" => ConsoleCommand::List,
        c if c.starts_with('/') => ConsoleCommand::Unknown(c.to_string()),
        _ => ConsoleCommand::Say(text),
    }
}

// ANCHOR: says
/// The lines the server sends, in one place so that their wording is
/// exactly the protocol's.
pub mod says {
    pub fn welcome(nick: &str) -> String {
        format!("WELCOME {nick}")
    }
    pub fn joined(nick: &str) -> String {
        format!("* {nick} joined")
    }
    pub fn left(nick: &str) -> String {
        format!("* {nick} left")
    }
    pub fn message(nick: &str, text: &str) -> String {
        format!("{nick}: {text}")
    }
    pub fn you_were_kicked(reason: Option<&str>) -> String {
        match reason {
            Some(reason) => format!("* you were kicked by admin: {reason}"),
            None => "* you were kicked by admin".to_string(),
        }
    }
    pub fn was_kicked(nick: &str, reason: Option<&str>) -> String {
        match reason {
            Some(reason) => format!("* {nick} was kicked by admin: {reason}"),
            None => format!("* {nick} was kicked by admin"),
        }
    }
    pub fn users(nicks: &[String]) -> String {
        format!("* users: {}", nicks.join(", "))
    }
    pub const INVALID_NICK: &str = "ERROR invalid nick";
    pub const NICK_TAKEN: &str = "ERROR nick taken";
    pub const LINE_TOO_LONG: &str = "ERROR line too long";
    pub const ONLY_ADMIN_KICKS: &str = "ERROR only the admin can kick";
    pub const UNKNOWN_COMMAND: &str = "ERROR unknown command";
}
// ANCHOR_END: says

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<Line> {
        // One byte at a time: the worst way lines can arrive.
        let mut cut = Lines::default();
        let mut out = Vec::new();
        for byte in input {
            cut.push(std::slice::from_ref(byte), &mut out);
        }
        out.extend(cut.end());
        out
    }

    #[test]
    fn reads_lines_strips_crlf_and_replaces_bad_utf8() {
        assert_eq!(
            lines(b"hi\r\ncaf\xe9\nlast"),
            [
                Line::Text("hi".into()),
                Line::Text("caf\u{fffd}".into()),
                Line::Text("last".into())
            ]
        );
    }

    #[test]
    fn a_long_line_is_dropped_and_the_next_survives() {
        let mut input = vec![b'x'; 5000];
        input.extend_from_slice(b"\nok\n");
        assert_eq!(lines(&input), [Line::TooLong, Line::Text("ok".into())]);
        let exact = [vec![b'y'; MAX_LINE], b"\r\n".to_vec()].concat();
        assert!(matches!(&lines(&exact)[..], [Line::Text(t)] if t.len() == MAX_LINE));
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(sanitize("\x1b[2Jred\x07 \rtext\u{9b}"), "[2Jred text");
    }

    #[test]
    fn nick_rules() {
        assert_eq!(check_nick("Zażółć_1-x"), Ok(()));
        assert_eq!(check_nick(""), Err(NickError::Invalid));
        assert_eq!(check_nick("two words"), Err(NickError::Invalid));
        assert_eq!(check_nick("a23456789012345678"), Err(NickError::Invalid));
        // 16 characters (25 bytes): the limit is in characters.
        assert_eq!(check_nick("Zażółćgęśląjaźń1"), Ok(()));
        assert_eq!(check_nick("Zażółćgęśląjaźń12"), Err(NickError::Invalid));
        assert_eq!(check_nick("esc\x1b"), Err(NickError::Invalid));
        assert_eq!(check_nick("Admin"), Err(NickError::Taken));
        assert_eq!(check_nick("SERVER"), Err(NickError::Taken));
    }

    #[test]
    fn user_and_console_commands() {
        assert_eq!(
            parse_user_line("hello /all"),
            UserCommand::Say("hello /all".into())
        );
        assert_eq!(parse_user_line("/kick bob"), UserCommand::Kick);
        assert_eq!(parse_user_line("/nope"), UserCommand::Unknown);
        assert_eq!(parse_user_line("\x1b"), UserCommand::Empty);
        // Spaces only, or control characters only: nothing to say.
        assert_eq!(parse_user_line("   "), UserCommand::Empty);
        assert_eq!(parse_user_line("\x07\x08\t"), UserCommand::Empty);
        assert_eq!(parse_console_line("/list"), ConsoleCommand::List);
        assert_eq!(
            parse_console_line("/dance"),
            ConsoleCommand::Unknown("/dance".into())
        );
        assert_eq!(parse_console_line("  "), ConsoleCommand::Empty);
        assert_eq!(
            parse_console_line("/kick bob  be nice"),
            ConsoleCommand::Kick {
                nick: "bob".into(),
                reason: Some("be nice".into())
            }
        );
        assert_eq!(
            parse_console_line("/kick bob"),
            ConsoleCommand::Kick {
                nick: "bob".into(),
                reason: None
            }
        );
        assert_eq!(
            parse_console_line("/kick"),
            ConsoleCommand::Unknown("/kick".into())
        );
    }
}
