//! What the server answers. Pure functions with no sockets in them, so they
//! are easy to test (`cargo test -p lab01-hello`).

use chrono::{Local, SecondsFormat};

// ANCHOR: respond
/// The server's answer to one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The reply line, without its newline.
    pub text: String,
    /// Whether the server closes the connection after sending it.
    pub close: bool,
}

/// Works out the reply to one command line (already without `\r\n`).
///
/// Commands are case-sensitive, as in the protocol: `hello` is unknown.
pub fn respond(command: &str) -> Reply {
    match command {
        // The handout's greeting: answer, then hang up.
        "Hello" => Reply {
            text: "Hello from server".to_string(),
            close: true,
        },
        // RFC 3339 with the local offset, e.g. 2026-11-24T07:31:52+01:00.
        // A client in another time zone still knows exactly which instant
        // this is, which a bare "07:31:52" would not tell it.
        "Time" => Reply {
            text: Local::now().to_rfc3339_opts(SecondsFormat::Secs, false),
            close: false,
        },
        _ => Reply {
            text: "Unknown command".to_string(),
            close: false,
        },
    }
}
// ANCHOR_END: respond

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_is_answered_and_closes() {
        let reply = respond("Hello");
        assert_eq!(reply.text, "Hello from server");
        assert!(reply.close);
    }

    #[test]
    fn time_is_rfc3339_and_keeps_the_connection() {
        let reply = respond("Time");
        assert!(chrono::DateTime::parse_from_rfc3339(&reply.text).is_ok());
        assert!(!reply.close);
    }

    #[test]
    fn anything_else_is_unknown() {
        for command in ["hello", "", "Hello there", "TIME"] {
            assert_eq!(respond(command).text, "Unknown command", "{command:?}");
            assert!(!respond(command).close);
        }
    }
}
