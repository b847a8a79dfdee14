//! Whether a server is ready: its `listening on <addr>` line, or, for a
//! server started from a command template, its own socket listening on
//! the port it was told (seen in the kernel's tables, never by connecting).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::cpu::Stretched;
use super::{Failure, Program, complete_lines, program, sockets};
use crate::i18n::Text;
use crate::t;

/// How a server showed it is ready.
pub(super) enum Ready {
    /// The address of its `listening on` line.
    Line(String),
    /// No ready line, but a socket of its own listens here.
    Listening(SocketAddr),
}

/// The address of a `listening on <addr>` line on stdout, once it is whole.
pub(super) fn ready_line(state: &program::State) -> Option<String> {
    complete_lines(&state.stdout).find_map(|line| {
        line.trim()
            .strip_prefix("listening on ")
            .map(str::to_string)
    })
}

/// A ready line with an address in it: a program in another language may
/// print `listening on port 4000` or `listening on localhost:4000`, which
/// are not the kit's ready line and only wait for its socket.
pub(super) fn ready_line_with_address(state: &program::State) -> Option<String> {
    complete_lines(&state.stdout).find_map(|line| {
        let text = line.trim().strip_prefix("listening on ")?;
        text.parse::<SocketAddr>().is_ok().then(|| text.to_string())
    })
}

/// Waits for the ready line (at once, as stdout arrives) or for the server
/// to listen on `told` (looked at every few milliseconds: no event tells
/// it), whichever comes first; `None` at the deadline or once it exited.
pub(super) fn wait_line_or_listening(
    program: &Program,
    told: SocketAddr,
    deadline: Instant,
) -> Option<Ready> {
    let ready_line = ready_line_with_address;
    let mut pause = Duration::from_millis(1);
    // A server the loaded machine starts late is not a server that never
    // listens: the deadline moves on while it waits for a CPU.
    let mut deadline = Stretched::new(deadline, program.waiters());
    deadline.waiting();
    loop {
        let until = (Instant::now() + pause).min(deadline.at());
        if let Some(text) = program.wait_raw(until, ready_line) {
            return Some(Ready::Line(text));
        }
        if let Some(addr) = sockets::listening(program.pid(), told) {
            return Some(Ready::Listening(addr));
        }
        if program.exit_status().is_some() {
            // Whatever it printed before it exited is still coming in.
            let settle = (Instant::now() + Duration::from_millis(200)).min(deadline.at());
            return program.wait_raw(settle, ready_line).map(Ready::Line);
        }
        if deadline.passed() {
            return None;
        }
        pause = (pause * 2).min(Duration::from_millis(10));
    }
}

/// Why a server is not ready, from how it ended or what it printed.
pub(super) fn not_ready(program: &Program) -> Failure {
    let shown = program.stdout();
    let got = if shown.is_empty() {
        t!("nothing-on-stdout", "nothing on stdout")
    } else {
        Text::english(format!("{:?}", shown))
    };
    let failure = match (program.exit_status(), program.told()) {
        (Some(status), None) => Failure::crashed(t!(
            "server-ended-before-ready",
            "the server {ended} before printing its ready line",
            ended = program::describe_exit(status)
        )),
        (Some(status), Some(_)) => Failure::crashed(t!(
            "server-ended-before-listening",
            "the server {ended} before it printed a ready line or listened",
            ended = program::describe_exit(status)
        )),
        (None, None) => Failure::timeout(t!("no-ready-line", "the server printed no ready line")),
        (None, Some(_)) => Failure::timeout(t!(
            "no-ready-line-or-socket",
            "the server printed no ready line and listened on no socket"
        )),
    };
    let expected = match program.told() {
        None => t!(
            "ready-line-expected",
            "a line `listening on <ip>:<port>` on stdout"
        ),
        Some(told) => t!(
            "ready-line-or-socket-expected",
            "a line `listening on <ip>:<port>` on stdout, or a socket listening on {addr}",
            addr = told.to_string()
        ),
    };
    failure.expected(expected).got(got)
}
