//! How a test fails, in terms a student can act on.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// What kind of failure it was: these are told apart in the report because
/// each calls for a different fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A `todo!()` (or `unimplemented!()`) was reached.
    NotImplemented,
    /// The program panicked, or exited when it should have kept running.
    Crashed,
    /// Something expected did not happen before the deadline: a hang.
    Timeout,
    /// The program answered, but not what the protocol says.
    Wrong,
    /// The test does not apply here (e.g. a privileged port as root).
    Skipped,
    /// The checker itself could not run the test: not the student's fault.
    CheckerError,
    /// The lab's crate did not build, so none of its tests could run.
    DoesNotCompile,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::NotImplemented => "not implemented yet",
            Kind::Crashed => "crashed",
            Kind::Timeout => "timed out",
            Kind::Wrong => "wrong",
            Kind::Skipped => "skipped",
            Kind::CheckerError => "checker error",
            Kind::DoesNotCompile => "does not compile",
        }
    }

    /// As [`Kind::describe`], for the report in any language.
    pub fn text(self) -> Text {
        match self {
            Kind::NotImplemented => crate::t!("kind-not-implemented", "not implemented yet"),
            Kind::Crashed => crate::t!("kind-crashed", "crashed"),
            Kind::Timeout => crate::t!("kind-timeout", "timed out"),
            Kind::Wrong => crate::t!("kind-wrong", "wrong"),
            Kind::Skipped => crate::t!("kind-skipped", "skipped"),
            Kind::CheckerError => crate::t!("kind-checker-error", "checker error"),
            Kind::DoesNotCompile => crate::t!("kind-does-not-compile", "does not compile"),
        }
    }
}

/// A failed (or skipped) test: what was expected and what arrived instead.
/// The texts read (and serialize) as their English; the human report may
/// show them in Polish ([`crate::i18n`]).
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub kind: Kind,
    pub message: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub got: Option<Text>,
    /// Where a panic or `todo!()` happened, `file:line:column`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// For a `todo!()`: the step it stands for, from its message
    /// (`serve(): the accept loop`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<Text>) -> Failure {
        Failure {
            kind,
            message: message.into(),
            expected: None,
            got: None,
            location: None,
            step: None,
        }
    }

    pub fn wrong(message: impl Into<Text>) -> Failure {
        Failure::new(Kind::Wrong, message)
    }

    pub fn timeout(message: impl Into<Text>) -> Failure {
        Failure::new(Kind::Timeout, message)
    }

    pub fn crashed(message: impl Into<Text>) -> Failure {
        Failure::new(Kind::Crashed, message)
    }

    pub fn skipped(reason: impl Into<Text>) -> Failure {
        Failure::new(Kind::Skipped, reason)
    }

    pub fn checker(message: impl Into<Text>) -> Failure {
        Failure::new(Kind::CheckerError, message)
    }

    pub fn expected(mut self, expected: impl Into<Text>) -> Failure {
        self.expected = Some(expected.into());
        self
    }

    pub fn got(mut self, got: impl Into<Text>) -> Failure {
        self.got = Some(got.into());
        self
    }
}

/// Shorthand for a test's checks: `ensure(cond, || Failure::wrong(..))?`.
pub fn ensure(condition: bool, failure: impl FnOnce() -> Failure) -> Result<(), Failure> {
    if condition { Ok(()) } else { Err(failure()) }
}

/// A panic found in a program's stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    pub location: String,
    pub message: String,
}

impl Panic {
    /// `todo!()` and `unimplemented!()` panic with these messages.
    pub fn is_todo(&self) -> bool {
        self.message.starts_with("not yet implemented")
            || self.message.starts_with("not implemented")
    }
}

/// Finds the panics in a program's stderr: Rust's
/// `thread 'main' panicked at src/server.rs:23:5:` then the message line,
/// and, for programs graded from a command (`--server-cmd`), Python's
/// uncaught exceptions, its equivalent: `Traceback (most recent call
/// last):`, frames `  File "client.py", line 23, in main`, then the
/// exception (location `client.py:23`, the innermost frame).
pub fn find_panics(stderr: &str) -> Vec<Panic> {
    let mut lines = stderr.lines();
    let mut panics = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim_end() == "Traceback (most recent call last):" {
            if let Some(panic) = python_traceback(&mut lines) {
                panics.push(panic);
            }
            continue;
        }
        let Some((_, location)) = line.split_once("panicked at ") else {
            continue;
        };
        if !line.starts_with("thread ") {
            continue;
        }
        panics.push(Panic {
            location: location.trim_end_matches(':').to_string(),
            message: lines.next().unwrap_or_default().to_string(),
        });
    }
    panics
}

/// The rest of a Python traceback: indented frames and source lines, then
/// the exception's line.
fn python_traceback<'a>(lines: &mut impl Iterator<Item = &'a str>) -> Option<Panic> {
    let mut location = None;
    for line in lines {
        if let Some(frame) = line.trim_start().strip_prefix("File \"") {
            if let Some((file, rest)) = frame.split_once("\", line ") {
                let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
                location = Some(format!("{file}:{number}"));
            }
        } else if !line.starts_with(' ') && !line.is_empty() {
            return Some(Panic {
                location: location.unwrap_or_else(|| "an unknown line".to_string()),
                message: format!("uncaught {line}"),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_todo_panic_and_its_location() {
        let stderr = "listening\nthread 'main' panicked at labs/01-hello/src/server.rs:23:5:\n\
                      not yet implemented: serve(): the accept loop\n\
                      note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        let panics = find_panics(stderr);
        assert_eq!(
            panics,
            [Panic {
                location: "labs/01-hello/src/server.rs:23:5".into(),
                message: "not yet implemented: serve(): the accept loop".into()
            }]
        );
        assert!(panics[0].is_todo());
    }

    #[test]
    fn an_ordinary_panic_is_not_a_todo() {
        let panics =
            find_panics("thread '<unnamed>' panicked at src/a.rs:1:1:\nindex out of bounds\n");
        assert_eq!(panics.len(), 1);
        assert!(!panics[0].is_todo());
    }

    #[test]
    fn a_python_traceback_is_a_panic_at_its_innermost_frame() {
        let stderr = "connecting\nTraceback (most recent call last):\n  \
                      File \"/home/a/client.py\", line 40, in <module>\n    main()\n  \
                      File \"/home/a/client.py\", line 23, in main\n    \
                      with socket.create_connection((host, port)) as conn:\n\
                      ConnectionRefusedError: [Errno 111] Connection refused\n";
        assert_eq!(
            find_panics(stderr),
            [Panic {
                location: "/home/a/client.py:23".into(),
                message: "uncaught ConnectionRefusedError: [Errno 111] Connection refused".into()
            }]
        );
    }

    #[test]
    fn text_that_merely_mentions_panicked_is_ignored() {
        assert!(find_panics("user said: I panicked at the exam\n").is_empty());
    }
}
