//! What is said, and the time format. Pure functions with no sockets in
//! them, so they are easy to test (`cargo test -p lab05-time`).

use chrono::{DateTime, SecondsFormat, Utc};

// ANCHOR: requests
/// The longest request line (or datagram) we look at, in bytes.
pub const MAX_REQUEST: usize = 512;

/// The reply to anything that is not a command.
pub const UNKNOWN_COMMAND: &str = "ERROR unknown command";

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Time,
    Quit,
    Unknown,
}

/// Reads a request line (already without its `\n`; a `\r` before it is
/// ignored). Commands are case-insensitive: `TIME`, `time`, `Time`.
pub fn parse_request(line: &str) -> Request {
    let command = line.strip_suffix('\r').unwrap_or(line);
    if command.eq_ignore_ascii_case("TIME") {
        Request::Time
    } else if command.eq_ignore_ascii_case("QUIT") {
        Request::Quit
    } else {
        Request::Unknown
    }
}
// ANCHOR_END: requests

/// Now, in UTC, as the protocol writes it: RFC 3339 with milliseconds and
/// `Z`, e.g. `2026-11-24T06:31:52.123Z`. Read the clock at every request:
/// the time of a reply is the time it was made.
pub fn now_utc() -> String {
    format_time(Utc::now())
}

pub fn format_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses a reply of the server's: the time, or `None` for anything else.
pub fn parse_time(reply: &str) -> Option<DateTime<Utc>> {
    let text = reply.trim_end_matches(['\r', '\n']);
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_case_insensitive_and_ignore_a_carriage_return() {
        assert_eq!(parse_request("TIME"), Request::Time);
        assert_eq!(parse_request("time\r"), Request::Time);
        assert_eq!(parse_request("Quit"), Request::Quit);
        assert_eq!(parse_request("TIME please"), Request::Unknown);
        assert_eq!(parse_request(""), Request::Unknown);
    }

    #[test]
    fn the_time_has_milliseconds_and_z() {
        let text = now_utc();
        assert_eq!(text.len(), "2026-11-24T06:31:52.123Z".len(), "{text}");
        assert!(text.ends_with('Z'));
        assert!(parse_time(&text).is_some());
    }
}
