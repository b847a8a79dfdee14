//! The lab 06 mutants: the solution (solutions/06-evchat/src) with one small
//! change each. build.rs applies them; a change whose `find` text no longer
//! occurs exactly once in the solution stops the build with a message.

use crate::mutant::{Change, Mutant};

const fn change(file: &'static str, find: &'static str, replace: &'static str) -> Change {
    Change {
        file,
        find,
        replace,
    }
}

pub const MUTANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "kicked-never-cut-off",
        bug: "cuts off a user whose socket takes nothing for WRITE_STALL, but not one who was kicked: a kicked user who reads nothing keeps their connection, their output waiting for ever",
        caught_by: &["kick-not-reading", "kick-rejoin"],
        parts: &[change(
            "server",
            "            .filter(|(_, c)| {\n                c.stalled_since",
            "            .filter(|(_, c)| {\n                !c.closing && c.stalled_since",
        )],
    },
    Mutant {
        name: "busy-loop-on-write-interest",
        bug: "registers every connection it writes to for READABLE | WRITABLE again and again, even with nothing to send: the poller wakes it at once, forever",
        caught_by: &["idle-sleeps"],
        parts: &[
            change("server", "if connection.wants_write == done {", "if true {"),
            change(
                "server",
                "let interest = if done {",
                "let interest = if false {",
            ),
        ],
    },
    Mutant {
        name: "polls-every-5-ms",
        bug: "gives poll() a 5 ms timeout when nobody is stalled (\"to look at the console too\"): the loop wakes 200 times a second with nothing to do",
        caught_by: &["idle-sleeps"],
        parts: &[change(
            "server",
            ".map(|deadline| deadline.saturating_duration_since(Instant::now()));",
            ".map(|deadline| deadline.saturating_duration_since(Instant::now()))
                .or(Some(Duration::from_millis(5)));",
        )],
    },
    Mutant {
        name: "partial-write-restarts",
        bug: "after a partial write, sends the output again from its start instead of from where send() stopped",
        caught_by: &["partial-writes"],
        parts: &[change(
            "server",
            ".write(&connection.output[connection.sent..])",
            ".write(&connection.output)",
        )],
    },
    Mutant {
        name: "partial-write-not-resumed",
        bug: "never asks to hear when a full socket has room again: what send() did not take waits until some new line comes",
        caught_by: &["partial-writes"],
        parts: &[change(
            "server",
            "Interest::READABLE | Interest::WRITABLE",
            "Interest::READABLE",
        )],
    },
    Mutant {
        name: "half-line-as-line",
        bug: "takes whatever one read() returned as a whole line, `\\n` or not",
        caught_by: &["fragments-and-coalesced"],
        parts: &[change(
            "server",
            "Ok(n) => connection.input.push(&buffer[..n], &mut lines),",
            "Ok(n) => {\n                    connection.input.push(&buffer[..n], &mut lines);\n                    lines.extend(connection.input.end());\n                }",
        )],
    },
    Mutant {
        name: "waits-for-a-slow-reader",
        bug: "when a socket is full, tries again at once until it takes the rest: one user who stops reading stops the loop, and everybody",
        caught_by: &["slow-reader"],
        parts: &[change(
            "server",
            "Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,\n                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}\n                Err(e) => return Err(e),",
            "Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,\n                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}\n                Err(e) => return Err(e),",
        )],
    },
    Mutant {
        name: "thread-per-connection",
        bug: "starts a thread for every connection it accepts",
        caught_by: &["one-loop"],
        parts: &[change(
            "server",
            "let _ = stream.set_nodelay(true);",
            "let _ = stream.set_nodelay(true);\n            std::thread::spawn(std::thread::park);",
        )],
    },
    Mutant {
        name: "printer-polls",
        bug: "the console's printer looks for lines every millisecond (try_recv and a sleep) instead of waiting on its channel: a thread outside the poller that wakes 1000 times a second with nothing to do",
        caught_by: &["idle-sleeps"],
        parts: &[change(
            "console",
            "    for line in lines {\n",
            "    loop {\n        let line = match lines.try_recv() {\n            Ok(line) => line,\n            Err(std::sync::mpsc::TryRecvError::Empty) => {\n                thread::sleep(std::time::Duration::from_millis(1));\n                continue;\n            }\n            Err(_) => return,\n        };\n",
        )],
    },
];

pub const VARIANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "reads-in-small-pieces",
        bug: "correct: reads at most 7 bytes at a time, so lines arrive in many pieces",
        caught_by: &[],
        parts: &[change(
            "server",
            "const READ_CHUNK: usize = 16 * 1024;",
            "const READ_CHUNK: usize = 7;",
        )],
    },
    Mutant {
        name: "housekeeping-timer",
        bug: "correct: poll() wakes the loop every 200 ms when nothing is due (a housekeeping timer), well under idle-sleeps' limit",
        caught_by: &[],
        parts: &[change(
            "server",
            ".map(|deadline| deadline.saturating_duration_since(Instant::now()));",
            ".map(|deadline| deadline.saturating_duration_since(Instant::now()))
                .or(Some(Duration::from_millis(200)));",
        )],
    },
    Mutant {
        name: "ticking-thread",
        bug: "correct: a thread outside the poller wakes 33 times a second, as a language runtime's housekeeping does (a JVM's: 14 wake-ups in half a second), under idle-sleeps' limit for threads outside the poller",
        caught_by: &[],
        parts: &[change(
            "console",
            "        thread::spawn(move || print_console(lines, &counter));\n",
            "        thread::spawn(move || print_console(lines, &counter));\n        thread::spawn(|| loop {\n            thread::sleep(std::time::Duration::from_millis(30));\n        });\n",
        )],
    },
];
