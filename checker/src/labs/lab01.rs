//! Lab 01: the hello/time command server and its client.
//! Protocol: docs/labs/01-hello.md.

use std::time::Duration;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

use super::{Hint, Hints, Lab, On, Rule, TestCase, common};
use crate::harness::{Conn, Ctx, Failure, REPLY, Server, ensure};
use crate::i18n::Text;
use crate::t;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[
    Rule {
        id: "01-command-in-pieces",
        says: "A connection carries lines: UTF-8 text ending in `\\n`; one command may arrive in several pieces.",
        unchecked: None,
    },
    Rule {
        id: "01-commands-in-one-segment",
        says: "Several commands may arrive in one segment; replies go back in the order the commands came.",
        unchecked: None,
    },
    Rule {
        id: "01-cr-ignored",
        says: "A `\\r` just before the `\\n` is ignored, in both directions: a server may end its replies with `\\r\\n` too.",
        unchecked: None,
    },
    Rule {
        id: "01-last-line-counts",
        says: "If the client half-closes after a last line without `\\n`, that line still counts.",
        unchecked: None,
    },
    Rule {
        id: "01-nothing-else-stripped",
        says: "Nothing else is stripped: `Hello ` (with a space) is not `Hello`.",
        unchecked: None,
    },
    Rule {
        id: "01-not-utf8-is-unknown",
        says: "A line that is not valid UTF-8 is an unknown command like any other, not an error.",
        unchecked: None,
    },
    Rule {
        id: "01-end-of-stream-closes",
        says: "End of stream ends the connection: the server closes its side too.",
        unchecked: None,
    },
    Rule {
        id: "01-case-sensitive",
        says: "Commands are case-sensitive.",
        unchecked: None,
    },
    Rule {
        id: "01-one-reply-per-line",
        says: "For each line the server receives it sends exactly one reply line.",
        unchecked: None,
    },
    Rule {
        id: "01-hello-then-close",
        says: "`Hello` is answered with `Hello from server`, and then the server closes the connection.",
        unchecked: None,
    },
    Rule {
        id: "01-time-rfc3339",
        says: "`Time` is answered with the current date and time in RFC 3339 with its offset, e.g. `2026-11-24T07:31:52+01:00`; the connection stays open.",
        unchecked: None,
    },
    Rule {
        id: "01-time-is-local",
        says: "\"Local\" is what the `TZ` environment variable says (`TZ=<+0530>-5:30` gives `+05:30`).",
        unchecked: None,
    },
    Rule {
        id: "01-clock-read-each-time",
        says: "The clock is read at every request.",
        unchecked: None,
    },
    Rule {
        id: "01-unknown-command",
        says: "Anything else is answered with `Unknown command`, and the connection stays open.",
        unchecked: None,
    },
    Rule {
        id: "01-long-line-cut",
        says: "Lines longer than 1024 bytes are cut: the rest of the line is skipped and the reply is `Unknown command`.",
        unchecked: None,
    },
    Rule {
        id: "01-serves-forever",
        says: "The server serves connections one after another, forever.",
        unchecked: None,
    },
    Rule {
        id: "01-once",
        says: "With `--once` the server exits (status 0) after its first connection ends.",
        unchecked: None,
    },
    Rule {
        id: "01-failed-connection-survived",
        says: "A failed connection (a client that resets it) must not stop the server.",
        unchecked: None,
    },
    Rule {
        id: "01-listens-on-host",
        says: "The server listens on the address it is given and nowhere else, and its ready line `listening on <ip>:<port>` shows the address it bound.",
        unchecked: None,
    },
    Rule {
        id: "01-server-defaults",
        says: "Without `--host` the server listens on 127.0.0.1, and without `--port` on port 7701.",
        unchecked: None,
    },
    Rule {
        id: "01-client-sends-message",
        says: "The client sends `--message` (by default `Hello`) and a newline, to the `--host` and `--port` it is given (by default port 7701).",
        unchecked: None,
    },
    Rule {
        id: "01-client-default-host",
        says: "Without `--host` the client connects to 127.0.0.1.",
        unchecked: Some(
            "the checker would have to listen on 127.0.0.1:7701, where the student's own server or another program may be listening, and a connection arriving there is not surely the client's",
        ),
    },
    Rule {
        id: "01-client-prints-reply",
        says: "The client prints the reply line, and nothing else on stdout (anything else it says goes to stderr), and exits 0 once that line has arrived.",
        unchecked: None,
    },
    Rule {
        id: "01-client-cannot-connect",
        says: "If the client cannot connect, it exits non-zero with a message on stderr that gives the system's reason (`Connection refused`), not a panic.",
        unchecked: None,
    },
];

/// A client that printed the reply and more on stdout, where a script
/// reading it expects the reply alone.
const CLIENT_PRINTED_MORE: Hint = Hint {
    id: "client-printed-more",
    on: &[On::Says("lab01-printed-more")],
    levels: &[
        "the client printed the reply, and more besides, on stdout: stdout carries the reply line only, and whatever else the client says goes to stderr",
        "look for println! in client.rs and main.rs other than the one that prints the reply: messages such as \"connected\" or \"sending\" belong on stderr",
        "make every other println! an eprintln!, so that stdout holds only the line main.rs prints from what client::run() returned",
    ],
};

pub const LAB: Lab = Lab {
    number: 1,
    name: "hello",
    title: "hello/time command server",
    rules: RULES,
    tests: &[
        TestCase {
            name: "hello",
            points: 2,
            rules: &["01-hello-then-close"],
            checks: "`Hello` is answered with `Hello from server`",
            hints: Hints::of(&[
                "`Hello` must be answered with the line `Hello from server`: look at what the server sends back for it",
                "handle_connection() in server.rs reads a command with read_command() and answers with the text respond() gives it: check that the line reaches respond() without its newline, and that the reply goes out followed by a newline",
                "read a whole line, compare it with \"Hello\" (case-sensitive) and send the reply followed by \"\\n\"",
            ]),
            run: hello,
        },
        TestCase {
            name: "close-after-hello",
            points: 2,
            rules: &["01-hello-then-close", "01-one-reply-per-line"],
            checks: "after answering `Hello` the server closes the connection",
            hints: Hints::of(&[
                "after answering `Hello` the server must close the connection: look at what it does once that reply is sent",
                "in handle_connection() in server.rs: the Reply that respond() gives says so (close: true), and the connection closes only when the stream is dropped",
                "after the reply to Hello, leave the connection loop so the stream is dropped (closed)",
            ]),
            run: close_after_hello,
        },
        TestCase {
            name: "time",
            points: 2,
            rules: &["01-time-rfc3339"],
            checks: "`Time` is answered with the current time in RFC 3339 with an offset, within 5 s of the checker's clock",
            hints: Hints::of(&[
                "the reply to Time must be the current time, in RFC 3339 with the offset from UTC: look at how the server formats it",
                "format the local time (what TZ says, not UTC) with chrono, with its offset such as +01:00, and send it followed by \\n",
                "chrono::Local::now().to_rfc3339_opts(SecondsFormat::Secs, false) gives e.g. 2026-11-24T07:31:52+01:00",
            ]),
            run: time,
        },
        TestCase {
            name: "time-is-local",
            points: 1,
            rules: &["01-time-is-local"],
            checks: "with TZ=<+0530>-5:30 (5 h 30 min east of UTC) the reply's offset is +05:30, and with TZ=<-0330>3:30 it is -03:30: local time is what TZ says",
            hints: Hints::of(&[
                "the time must be local time, the time of the zone the server runs in (TZ), with that zone's offset: not UTC, and not one fixed offset",
                "look at how respond() in protocol.rs reads the clock: UTC, or an offset written by hand, does not change with TZ",
                "chrono::Local::now() follows TZ; Utc::now() does not, nor does a fixed offset such as +01:00",
            ]),
            run: time_is_local,
        },
        TestCase {
            name: "time-is-now",
            points: 1,
            rules: &["01-clock-read-each-time"],
            checks: "two Time requests more than a second apart get times more than a second apart (the clock is read at every request)",
            hints: Hints::of(&[
                "two Time requests more than a second apart must get times more than a second apart: each reply is the time of its own request",
                "look at where the clock is read: read once when the server starts, or kept in a variable, it gives every request the same time",
                "read the clock when the request arrives (in respond(), at every Time), not once when the server starts",
            ]),
            run: time_is_now,
        },
        TestCase {
            name: "unknown-command",
            points: 1,
            rules: &[
                "01-unknown-command",
                "01-case-sensitive",
                "01-nothing-else-stripped",
                "01-not-utf8-is-unknown",
                "01-long-line-cut",
                "01-one-reply-per-line",
            ],
            checks: "any other line is answered with `Unknown command`, also `Hello\\r\\r\\n` and `Hel\\rlo\\n` (only the \\r before the \\n is ignored), one that is not UTF-8 and one of 1024 bytes and `Hello` (cut, the rest skipped), and the connection stays open",
            hints: Hints::of(&[
                "one of the lines that are not Hello or Time got another reply than `Unknown command`, or ended the connection: look at how a line becomes a command",
                "look at the line reader and the comparison: what is stripped from the end of a line, how bytes that are not UTF-8 are turned into text, what happens past 1024 bytes",
                "commands are case-sensitive and only a \\r before the \\n is stripped; only Hello closes the connection; bytes that are not UTF-8 are an unknown command, not an error (from_utf8_lossy); of a line over 1024 bytes, skip the rest instead of reading it as a command",
            ]),
            run: unknown_command,
        },
        TestCase {
            name: "several-commands",
            points: 2,
            rules: &[
                "01-unknown-command",
                "01-time-rfc3339",
                "01-one-reply-per-line",
            ],
            checks: "one connection serves Time, an unknown command, Time and Hello in turn",
            hints: Hints::of(&[
                "one connection must serve several commands in turn: after one reply, the server goes on to the next command",
                "look at handle_connection() in server.rs: after a reply it must read the next command from the same connection, until Hello or the end of the stream",
                "loop over commands on the same connection until Hello or end of stream: call read_command() again after each reply, on the same BufReader",
            ]),
            run: several_commands,
        },
        TestCase {
            name: "several-in-one-write",
            points: 1,
            rules: &["01-commands-in-one-segment"],
            checks: "three commands arriving in a single segment get three replies",
            hints: Hints::of(&[
                "three commands that arrive together, in one piece, must get three replies: what follows the first line is the next command, not something to throw away",
                "look at handle_connection() in server.rs: one recv() may return several lines, and a BufReader keeps what follows the first newline for later; a new BufReader for each command loses it",
                "one recv() can return several lines; keep what follows the first newline for the next command: make one BufReader per connection, before the loop, and read every command from it",
            ]),
            run: several_in_one_write,
        },
        TestCase {
            name: "fragments",
            points: 2,
            rules: &["01-command-in-pieces"],
            checks: "a command arriving in pieces (`He`, `ll`, `o\\n`) is still one command",
            hints: Hints::of(&[
                "a command that arrives in pieces is still one command: the server must wait for the whole line",
                "look at read_command() in server.rs: one recv() may return only part of a line, and a line is complete only once its newline has arrived",
                "one recv() may return part of a line; keep reading until the newline (BufRead::read_line / read_until)",
            ]),
            run: fragments,
        },
        TestCase {
            name: "crlf",
            points: 1,
            rules: &["01-cr-ignored"],
            checks: "`Hello\\r\\n` (as telnet and nc -C send it) counts as Hello",
            hints: Hints::of(&[
                "`Hello\\r\\n`, as telnet and nc -C send it, must count as Hello: look at how a line's end is taken off",
                "look at read_command() in server.rs: what does it strip from the end of a line? The \\r just before the \\n is part of the line's end, not of the command",
                "strip a trailing \"\\r\" as well as the \"\\n\" (one of each, and only at the end)",
            ]),
            run: crlf,
        },
        TestCase {
            name: "last-line-without-newline",
            points: 1,
            rules: &["01-last-line-counts"],
            checks: "`Hello` without a newline, followed by the client half-closing, still counts",
            hints: Hints::of(&[
                "`Hello` without a newline, after which the client finishes sending, must still be answered: the last line may have no newline",
                "look at read_command() in server.rs: when the stream ends in the middle of a line, what was read so far is a command, not nothing",
                "at end of stream, a non-empty partial line is still a command: return it, and None only when nothing at all was read",
            ]),
            run: last_line_without_newline,
        },
        TestCase {
            name: "end-of-stream",
            points: 1,
            rules: &["01-end-of-stream-closes", "01-serves-forever"],
            checks: "after `Time` the client half-closes: the server closes the connection too, and serves the next one",
            hints: Hints::of(&[
                "once the client has finished sending, the server must close the connection too, and then serve the next client",
                "look at handle_connection() in server.rs: read_command() giving None is the end of the stream, after which nothing more will come",
                "read() returning 0 (read_command giving None) is the end of the connection: leave the loop and drop the stream; don't wait for more",
            ]),
            run: end_of_stream,
        },
        TestCase {
            name: "connection-reset",
            points: 1,
            rules: &["01-failed-connection-survived"],
            checks: "a client that resets its connection (RST, as a crashed one does) does not stop the server: the next client is served",
            hints: Hints::of(&[
                "a client that vanishes (its connection reset, as when it crashes) must end only its own connection: the next client must still be served",
                "look at serve() in server.rs: handle_connection() returns an error for the reset connection (Connection reset by peer); passed up with `?`, that error ends the whole server",
                "an error on one connection ends that connection only: print it and go back to accept() instead of returning it from the accept loop",
            ]),
            run: connection_reset,
        },
        TestCase {
            name: "once",
            points: 1,
            rules: &["01-once"],
            checks: "with `--once` the server exits with status 0 after its first connection ends",
            hints: Hints::of(&[
                "with --once the server serves one connection, and once it has ended exits with status 0",
                "look at serve() in server.rs: its `once` argument says whether the accept loop ends after the first connection",
                "return from the accept loop after the first connection when --once is given: Ok(()), so that the exit status is 0",
            ]),
            run: once,
        },
        TestCase {
            name: "second-connection",
            points: 1,
            rules: &["01-serves-forever"],
            checks: "without `--once` the server serves a second connection after the first has ended",
            hints: Hints::of(&[
                "without --once, the server must serve another connection after the first has ended",
                "look at serve() in server.rs: once handle_connection() has returned, the loop goes back to accept() unless `once` is true",
                "accept() in a loop; an ended connection must not end the server",
            ]),
            run: second_connection,
        },
        TestCase {
            name: "server-host",
            points: 1,
            rules: &["01-listens-on-host", "01-server-defaults"],
            checks: "told `--host 127.0.0.1`, the server listens there and nowhere else: its ready line shows 127.0.0.1, and another loopback address (127.x.y.z) is refused; without `--host` it listens on 127.0.0.1, without `--port` on 7701",
            hints: Hints::of(&[
                "the server must listen on the address it is told (--host) and nowhere else, and its ready line must show that address; without --host and --port it listens on 127.0.0.1, port 7701",
                "look at run_server() in main.rs: TcpListener::bind() must get the --host and --port of the command line (their defaults are in cli.rs), not 0.0.0.0, which is every address of the machine",
                "bind() to the --host address you were given, not to 0.0.0.0, and print the address you bound",
            ])
            .on(common::SERVER_HOST),
            run: |ctx| {
                common::server_binds_only_its_host(ctx, &[], hello_once)?;
                common::server_defaults(ctx, DEFAULT_PORT, hello_once)
            },
        },
        TestCase {
            name: "client-sends-hello",
            points: 2,
            rules: &["01-client-sends-message", "01-client-prints-reply"],
            checks: "the client, without `--message` and `--port`, sends exactly `Hello\\n` to port 7701, prints the reply (which arrives in two pieces) and nothing else on stdout, and exits 0",
            hints: Hints::of(&[
                "the client must send one line and print the one line that comes back, however it arrives: look at what it sends and how it reads",
                "the reply may arrive in pieces: one read() is not a line; read until the newline (BufReader::read_line), and print only that line on stdout",
                "send the message and \"\\n\"; read until the newline, not just one recv()",
            ])
            .on(&[CLIENT_PRINTED_MORE]),
            run: client_sends_hello,
        },
        TestCase {
            name: "client-message",
            points: 1,
            rules: &["01-client-sends-message", "01-client-prints-reply"],
            checks: "`client --message Time` sends `Time\\n`, prints whatever the server replies and exits, although the server keeps the connection open",
            hints: Hints::of(&[
                "the client must send what --message says and stop once the reply line is in, although the server keeps the connection open",
                "look at how the client waits for the reply: reading to end of stream waits for a close that never comes; read one line",
                "send the --message argument, print the reply line you received rather than a fixed text, and stop reading at its newline (read_line), not at end of stream",
            ])
            .on(&[CLIENT_PRINTED_MORE]),
            run: client_message,
        },
        TestCase {
            name: "client-refused",
            points: 1,
            rules: &["01-client-cannot-connect"],
            checks: "a client that finds no server exits non-zero with a message saying the connection was refused, not a panic",
            hints: Hints::of(&[
                "a refused connection is an error to report, not a reason to panic: look at what the client does when no server is listening",
                "connect() returns an io::Error whose kind is ConnectionRefused: pass it up from client::run(), and main.rs prints it and exits non-zero",
                "return the connect() error instead of unwrap()ing it; the glue in main.rs prints it",
            ])
            .on(common::CLIENT_PANICS),
            run: common::client_refused,
        },
    ],
};

/// The lab's port, the default of `--port`.
const DEFAULT_PORT: u16 = 7701;

/// Starts the server and opens one connection to it.
fn connected(ctx: &mut Ctx) -> Result<Conn, Failure> {
    let server = ctx.start_server(&[])?;
    ctx.connect(server.addr)
}

fn hello(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send_line("Hello")?;
    conn.expect_line("Hello from server")
}

fn close_after_hello(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send_line("Hello")?;
    conn.expect_line("Hello from server")?;
    conn.expect_close(&t!(
        "lab01-close-after-hello",
        "the server to close the connection after Hello"
    ))
}

/// What the checker waits for after sending `Time`.
fn reply_to_time() -> Text {
    t!("lab01-reply-to-time", "the reply to Time")
}

/// Reads a reply to `Time` and checks it is a current RFC 3339 time.
fn expect_time(conn: &mut Conn) -> Result<(), Failure> {
    let line = conn.read_line(reply_to_time())?;
    let time = parse_time(&line)?;
    check_skew(&line, time)
}

fn parse_time(line: &str) -> Result<DateTime<FixedOffset>, Failure> {
    DateTime::parse_from_rfc3339(line).map_err(|e| {
        Failure::wrong(t!(
            "lab01-not-rfc3339",
            "the reply to Time is not RFC 3339 ({e})",
            // chrono's words, quoted: they stay English under --lang pl.
            e = format!("{:?}", e.to_string())
        ))
        .expected(t!(
            "lab01-rfc3339-time",
            "an RFC 3339 time with offset, e.g. 2026-11-24T07:31:52+01:00"
        ))
        .got(format!("{line:?}"))
    })
}

fn check_skew(line: &str, time: DateTime<FixedOffset>) -> Result<(), Failure> {
    let skew = (time.with_timezone(&Utc) - Utc::now())
        .num_milliseconds()
        .abs();
    ensure(skew <= 5000, || {
        Failure::wrong(t!(
            "lab01-time-skew",
            "the time is {skew} s away from the checker's clock",
            skew = format!("{:.1}", skew as f64 / 1000.0)
        ))
        .expected(t!(
            "lab01-within-5s-of",
            "within 5 s of {now}",
            now = Utc::now().to_rfc3339()
        ))
        .got(format!("{line:?}"))
    })
}

fn time(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send_line("Time")?;
    expect_time(&mut conn)
}

/// Zones as POSIX TZ strings (no time zone database needed), with their
/// offsets east of UTC in seconds: neither UTC nor a whole number of hours
/// away, and on both sides of it, so that a server which writes one fixed
/// offset (say the first one's) is caught by the other.
const ZONES: [(&str, i32); 2] = [
    ("<+0530>-5:30", 5 * 3600 + 30 * 60),
    ("<-0330>3:30", -(3 * 3600 + 30 * 60)),
];

fn time_is_local(ctx: &mut Ctx) -> Result<(), Failure> {
    let host = ctx.host().to_string();
    for (zone, offset) in ZONES {
        let program = ctx.spawn_with(
            "server",
            &["server", "--host", &host, "--port", "0"],
            &[("TZ", zone)],
            None,
        )?;
        let addr = ctx.wait_ready(&program)?;
        let mut conn = ctx.connect(addr)?;
        conn.send_line("Time")?;
        let line = conn.read_line(reply_to_time())?;
        let time = parse_time(&line)?;
        ensure(time.offset().local_minus_utc() == offset, || {
            let shown =
                chrono::FixedOffset::east_opt(offset).map_or(String::new(), |o| o.to_string());
            Failure::wrong(t!(
                "lab01-not-local-zone",
                "the time is not in the local zone that TZ sets"
            ))
            .expected(t!(
                "lab01-offset-of",
                "an offset of {shown} (the server runs with TZ={zone})",
                shown = shown,
                zone = zone
            ))
            .got(format!("{line:?}"))
        })?;
        check_skew(&line, time)?;
        program.kill();
    }
    Ok(())
}

fn time_is_now(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send_line("Time")?;
    let first_line = conn.read_line(reply_to_time())?;
    let first = parse_time(&first_line)?;
    // A time far from now fails here, before any wait for the clock.
    check_skew(&first_line, first)?;
    let first = first.with_timezone(&Utc);
    // The second Time is asked once the checker's clock (the server's: the
    // same machine's) is a second past the first reply, so a clock read
    // when it arrives is a second later, whole seconds or not. Waiting for
    // time to pass is the one wait here that no event can replace: at most
    // 1 s, and a reply with whole seconds (truncated) makes it less. (One
    // millisecond more, for the clocks' rounding.)
    // Never longer: a reply from the future (a server that lies, or a
    // clock set ahead) would otherwise keep the checker waiting until then.
    // 1001 ms between the server's two clock reads make two times a second
    // apart whatever their offset, so the verdict is the same.
    const LONGEST: Duration = Duration::from_millis(1001);
    let ask_at = first + TimeDelta::milliseconds(1001);
    if let Ok(wait) = (ask_at - Utc::now()).to_std() {
        let wait = wait.min(LONGEST);
        ctx.note(t!(
            "lab01-waits-for-clock",
            "the checker waits {ms} ms for the clock to move on",
            ms = wait.as_millis() as u64
        ));
        std::thread::sleep(wait);
    }
    conn.send_line("Time")?;
    let second_line = conn.read_line(&t!(
        "lab01-reply-to-second-time",
        "the reply to the second Time"
    ))?;
    let second = parse_time(&second_line)?.with_timezone(&Utc);
    ensure(second - first >= TimeDelta::seconds(1), || {
        Failure::wrong(t!(
            "lab01-second-not-later",
            "the second reply, asked more than a second later, is not a second later"
        ))
        .expected(t!(
            "lab01-time-after",
            "a time after {first_line}",
            first_line = &first_line
        ))
        .got(format!("{second_line:?}"))
    })
}

fn unknown_command(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    // Every one of them, on one connection: commands are whole lines and
    // case-sensitive (a server that takes `Hello there` or `time` is caught
    // every run, not one run in six).
    // Only a \r before the \n is ignored: `Hello ` and ` Time` are
    // unknown (a server that trims all whitespace is caught).
    for command in [
        "hello",
        "HELLO",
        "Helo",
        "time",
        "Bogus",
        "Hello there",
        "Hello ",
        " Time",
    ] {
        conn.send_line(command)?;
        conn.expect_line("Unknown command")?;
    }
    // Only one \r, the one just before the \n, is ignored: `Hello\r` is not
    // Hello (a server that strips every trailing \r, Python's
    // rstrip("\r\n"), is caught), and a \r inside a line neither ends it
    // (Python's text files end lines at a lone \r too: two replies) nor
    // vanishes (`Hel\rlo` is not Hello).
    for line in [&b"Hello\r\r\n"[..], b"Hel\rlo\n"] {
        conn.send(line)?;
        conn.expect_line("Unknown command")?;
    }
    // Bytes that are not UTF-8 make an unknown command, not an error that
    // ends the connection (or, in Python, the server: UnicodeDecodeError).
    conn.send(b"\xff\xfeHello\n")?;
    conn.expect_line("Unknown command")?;
    // A line over 1024 bytes is cut: what follows the 1024th byte is the
    // rest of the same line, skipped, not a command of its own.
    conn.send(format!("{}Hello\n", "x".repeat(1024)).as_bytes())?;
    conn.expect_line("Unknown command")?;
    // The connection must still be usable.
    conn.send_line("Time")?;
    expect_time(&mut conn)
}

fn several_commands(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send_line("Time")?;
    expect_time(&mut conn)?;
    conn.send_line("What")?;
    conn.expect_line("Unknown command")?;
    conn.send_line("Time")?;
    expect_time(&mut conn)?;
    conn.send_line("Hello")?;
    conn.expect_line("Hello from server")
}

fn several_in_one_write(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send(b"Time\nWhat\nHello\n")?;
    expect_time(&mut conn)?;
    conn.expect_line("Unknown command")?;
    conn.expect_line("Hello from server")
}

fn fragments(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send_fragments(&[b"He", b"ll", b"o\n"], Duration::from_millis(30))?;
    conn.expect_line("Hello from server")
}

fn crlf(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send(b"Hello\r\n")?;
    conn.expect_line("Hello from server")
}

fn last_line_without_newline(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut conn = connected(ctx)?;
    conn.send(b"Hello")?;
    conn.shutdown_write()?;
    conn.expect_line("Hello from server")
}

fn end_of_stream(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    conn.send_line("Time")?;
    expect_time(&mut conn)?;
    conn.shutdown_write()?;
    conn.expect_close(&t!(
        "lab01-close-at-end-of-stream",
        "the server to close the connection once the client has finished sending"
    ))?;
    drop(conn);
    hello_once(ctx, &server)
}

fn connection_reset(ctx: &mut Ctx) -> Result<(), Failure> {
    common::survives_a_reset(
        ctx,
        |_, conn| {
            conn.send_line("Time")?;
            expect_time(conn)
        },
        hello_once,
    )
}

fn once(ctx: &mut Ctx) -> Result<(), Failure> {
    // On an address of its own: any stray connection (another test's
    // scanner sweeping 127.0.0.1, on a machine that grades labs side by
    // side) would be the server's first and only one.
    let host = ctx.own_loopback().to_string();
    let args = ["server", "--host", &host, "--port", "0", "--once"];
    // The report's `run it:` shows the run's host, as the other tests do.
    let shown_host = ctx.host().to_string();
    let shown = ["server", "--host", &shown_host, "--port", "0", "--once"];
    let program = ctx.spawn_shown("server", &args, &shown)?;
    let addr = ctx.wait_ready(&program)?;
    let server = Server { addr, program };
    let mut conn = ctx.connect(server.addr)?;
    conn.send_line("Hello")?;
    conn.expect_line("Hello from server")?;
    drop(conn);
    ctx.expect_clean_exit(
        &server.program,
        &t!(
            "lab01-exit-after-first-connection",
            "with --once it should exit after the first connection"
        ),
    )
}

fn second_connection(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut first = ctx.connect(server.addr)?;
    first.send_line("Hello")?;
    first.expect_line("Hello from server")?;
    first.expect_close(&t!(
        "lab01-close-first-after-hello",
        "the server to close the first connection after Hello"
    ))?;
    let mut second = ctx.connect(server.addr)?;
    second.send_line("Time")?;
    expect_time(&mut second)
}

/// How the scripted server ends the connection after its reply: as the
/// real one does after `Hello`, or not at all, as after `Time`.
#[derive(Clone, Copy, PartialEq)]
enum Then {
    Close,
    StayOpen,
}

/// Runs the student's client against a scripted server that reads one line
/// and answers with `reply`, in two pieces, then closes or keeps the
/// connection open. Returns the line the client sent and what it printed.
fn run_client(
    ctx: &mut Ctx,
    extra: &[&str],
    reply: &str,
    then: Then,
) -> Result<(String, String), Failure> {
    // Without --message the client also gets no --port: its defaults.
    let (mut listener, address) = if extra.is_empty() {
        common::listen_on_default_port(ctx, DEFAULT_PORT)?
    } else {
        let listener = ctx.listen()?;
        let addr = listener.addr();
        let address = [
            "--host",
            &addr.ip().to_string(),
            "--port",
            &addr.port().to_string(),
        ]
        .map(String::from)
        .to_vec();
        (listener, address)
    };
    let mut args = vec!["client"];
    args.extend(address.iter().map(String::as_str));
    args.extend_from_slice(extra);
    let client = ctx.spawn("client", &args)?;
    let mut conn = listener.accept(&client, ctx.deadline(REPLY))?;
    let line = conn.read_line(&t!(
        "lab01-client-command-line",
        "the client's command line"
    ))?;
    let (first, second) = reply.split_at(reply.len() / 2);
    conn.send_fragments(
        &[first.as_bytes(), format!("{second}\n").as_bytes()],
        Duration::from_millis(30),
    )?;
    if then == Then::Close {
        drop(conn);
        ctx.expect_clean_exit(
            &client,
            &t!(
                "lab01-exit-after-printing",
                "it should exit after printing the reply"
            ),
        )?;
    } else {
        // The server keeps the connection open after most replies: a client
        // that reads until the server closes would wait forever.
        ctx.note(t!(
            "lab01-keeps-open",
            "the checker keeps the connection open, as the server does after Time"
        ));
        ctx.expect_clean_exit(
            &client,
            &t!(
                "lab01-exit-once-reply-arrived",
                "it should exit once the reply line has arrived, without waiting for the server to close"
            ),
        )?;
        drop(conn);
    }
    Ok((line, client.stdout()))
}

/// The client prints the reply line and nothing else on stdout (a `\r`
/// before its newline, or no newline, is forgiven); anything else it says
/// belongs on stderr.
fn expect_printed(stdout: &str, reply: &str) -> Result<(), Failure> {
    let printed = stdout.trim_end_matches(['\n', '\r']);
    if printed != reply && stdout.lines().any(|l| l.trim_end() == reply) {
        return Err(Failure::wrong(t!(
            "lab01-printed-more",
            "the client printed more than the server's reply on stdout (say anything else on stderr)"
        ))
        .expected(t!(
            "lab01-only-line-on-stdout",
            "only the line {reply} on stdout",
            reply = format!("{reply:?}")
        ))
        .got(format!("{stdout:?}")));
    }
    ensure(printed == reply, || {
        Failure::wrong(t!(
            "lab01-not-printed",
            "the client did not print the server's reply on a line of its own"
        ))
        .expected(t!(
            "lab01-line-on-stdout",
            "a line {reply} on stdout",
            reply = format!("{reply:?}")
        ))
        .got(format!("{stdout:?}"))
    })
}

fn client_sends_hello(ctx: &mut Ctx) -> Result<(), Failure> {
    let (line, stdout) = run_client(ctx, &[], "Hello from server", Then::Close)?;
    ensure(line == "Hello", || {
        Failure::wrong(t!(
            "lab01-sent-not-hello",
            "the client sent something other than Hello"
        ))
        .expected(and_a_newline("Hello"))
        .got(and_a_newline(&line))
    })?;
    expect_printed(&stdout, "Hello from server")
}

fn client_message(ctx: &mut Ctx) -> Result<(), Failure> {
    // A time the student's code can't have hard-coded.
    let reply = format!(
        "2001-02-03T04:{:02}:{:02}+00:00",
        ctx.rng().range(0, 60),
        ctx.rng().range(0, 60)
    );
    let (line, stdout) = run_client(ctx, &["--message", "Time"], &reply, Then::StayOpen)?;
    ensure(line == "Time", || {
        Failure::wrong(t!(
            "lab01-not-message",
            "the client did not send the --message text"
        ))
        .expected(and_a_newline("Time"))
        .got(and_a_newline(&line))
    })?;
    expect_printed(&stdout, &reply)
}

/// `"Hello" and a newline`: what a client sent, or should have.
fn and_a_newline(line: &str) -> Text {
    t!(
        "lab01-and-a-newline",
        "{line} and a newline",
        line = format!("{line:?}")
    )
}

/// One exchange of the protocol: the server works where it said it listens.
fn hello_once(ctx: &mut Ctx, server: &Server) -> Result<(), Failure> {
    let mut conn = ctx.connect(server.addr)?;
    conn.send_line("Hello")?;
    conn.expect_line("Hello from server")
}
