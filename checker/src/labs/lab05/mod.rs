//! Lab 05: a UTC time server over TCP and UDP, and a client that measures
//! round trip and clock offset. Protocol: docs/labs/05-time.md.
//!
//! Every server is started with `TZ` set to a zone 5 h 30 min east of UTC,
//! so that a server answering in local time is caught by every time check.
//!
//! Here: the test table and the tests. Beside it: `printed` (the client's
//! printed measurements, judged against the scripted server's clock) and
//! `retry` (a UDP client's retries, timed by the kernel's stamps).

use std::io::ErrorKind;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};

mod printed;
mod retry;

use super::{Hint, Hints, Lab, On, Rule, TestCase, common};
use crate::harness::{Conn, Ctx, Failure, Program, REPLY, Server, Udp, ensure};
use crate::i18n::Text;
use crate::t;
use printed::{
    DELAY, Exchange, FASTER, SKEW, answer_later, check_printed, parse_best, parse_printed,
};
use retry::{
    Arrival, CpuWaits, RETRY_DEFAULT, RETRY_SHORT, Waited, arrival, check_retry_gap, shortest_gap,
};

/// A zone that is neither UTC nor a whole number of hours away (POSIX TZ:
/// no time zone database needed).
const ZONE: &str = "<+0530>-5:30";

/// How far a reply may be from the checker's clock.
const TOLERANCE_MS: i64 = 2000;

/// How far a reply in time-is-now may be outside the checker's clock
/// readings just before its request and just after the reply (both
/// processes read the same clock): 1 ms of truncation or rounding, and
/// room to spare; far less than the age of a time cached for 100 ms.
const NOW_SLACK_MS: i64 = 10;

/// time-is-now asks again this long after a reply came, to catch a time
/// kept from one request for the next (far more than NOW_SLACK_MS, far
/// less than the 100 ms a cache keeps it)...
const AFTER_REPLY: Duration = Duration::from_millis(25);
/// ...in at least TRIALS trials, DECISIVE of them answered quickly enough
/// that a time cached for 100 ms would have shown.
const TRIALS: u32 = 4;
const DECISIVE: u32 = 2;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[
    Rule {
        id: "05-thread-per-client",
        says: "TCP: every client has a thread of its own while it is connected, so an idle or slow client never delays the others.",
        unchecked: None,
    },
    Rule {
        id: "05-many-requests-in-order",
        says: "A connection may ask many times, also several requests in one write; replies come in order.",
        unchecked: None,
    },
    Rule {
        id: "05-lines",
        says: "Lines end in `\\n`; a `\\r` before it is ignored, and a request may come in pieces.",
        unchecked: None,
    },
    Rule {
        id: "05-server-crlf-allowed",
        says: "A server may end its own lines in `\\r\\n` too.",
        unchecked: None,
    },
    Rule {
        id: "05-case-insensitive",
        says: "Requests are case-insensitive: `TIME`, `time`, `Time`.",
        unchecked: None,
    },
    Rule {
        id: "05-time-format",
        says: "`TIME` is answered with the current time in UTC, RFC 3339 with exactly three digits of milliseconds and `Z`: `2026-11-24T06:31:52.123Z`.",
        unchecked: None,
    },
    Rule {
        id: "05-time-is-utc",
        says: "The time is in UTC: a server machine whose local time zone is Warsaw or Kolkata answers the same as one in London.",
        unchecked: None,
    },
    Rule {
        id: "05-clock-at-request",
        says: "The time is read from the clock when the request arrives (to the millisecond, not kept from an earlier request).",
        unchecked: None,
    },
    Rule {
        id: "05-quit-closes",
        says: "`QUIT` gets no reply: the server closes the connection.",
        unchecked: None,
    },
    Rule {
        id: "05-unknown-command",
        says: "Anything else (also an empty line) gets `ERROR unknown command`, and the connection stays open.",
        unchecked: None,
    },
    Rule {
        id: "05-spaces-not-ignored",
        says: "Only a `\\r` before the `\\n` (over UDP, a trailing `\\n` or `\\r\\n`) is ignored, not spaces: ` TIME ` is not `TIME`.",
        unchecked: None,
    },
    Rule {
        id: "05-end-of-stream",
        says: "At the end of the stream the server closes the connection too, once it has answered what came before.",
        unchecked: None,
    },
    Rule {
        id: "05-long-request",
        says: "A request line longer than 512 bytes is read to its end and answered with one `ERROR unknown command`.",
        unchecked: None,
    },
    Rule {
        id: "05-udp-also",
        says: "`--udp` adds UDP: the server answers over TCP as before, and over UDP on the same port number.",
        unchecked: None,
    },
    Rule {
        id: "05-udp-time",
        says: "A datagram `TIME` (any case; a trailing `\\n` or `\\r\\n` allowed) gets one datagram back with the time, with or without a trailing newline, sent from the port it went to.",
        unchecked: None,
    },
    Rule {
        id: "05-udp-error",
        says: "Any other non-empty datagram gets `ERROR unknown command` (`QUIT` too: there is no connection to close).",
        unchecked: None,
    },
    Rule {
        id: "05-udp-empty",
        says: "An empty datagram gets no answer.",
        unchecked: None,
    },
    Rule {
        id: "05-udp-garbage",
        says: "Nothing a datagram holds — 2000 bytes of garbage, invalid UTF-8 — may stop the server.",
        unchecked: None,
    },
    Rule {
        id: "05-host-only",
        says: "The server listens (TCP, and UDP with `--udp`) on the address it is given and nowhere else.",
        unchecked: None,
    },
    Rule {
        id: "05-ready-lines",
        says: "The server prints `udp on <ip>:<port>` (with `--udp`) and then the ready line `listening on <ip>:<port>`, the address it bound (with `--port 0`, the port the system chose).",
        unchecked: None,
    },
    Rule {
        id: "05-client-asks",
        says: "The client asks N times (`--count`, default 1) over one TCP connection, or with `--udp` with one datagram each, at the `--host` and `--port` it is given.",
        unchecked: None,
    },
    Rule {
        id: "05-client-quits",
        says: "Over TCP, after its last answer the client says `QUIT`.",
        unchecked: None,
    },
    Rule {
        id: "05-client-line",
        says: "The client prints one line per answer, exactly `server time <the server's time, as the protocol writes it>  rtt <ms> ms  offset <ms> ms`.",
        unchecked: None,
    },
    Rule {
        id: "05-client-rtt",
        says: "`rtt` is the round trip, from just before sending the request to just after the reply arrived, in milliseconds.",
        unchecked: None,
    },
    Rule {
        id: "05-client-offset",
        says: "`offset` is Cristian's estimate (The client, above) of how far your clock is behind the server's, in milliseconds: positive when it is behind.",
        unchecked: None,
    },
    Rule {
        id: "05-client-best",
        says: "With N > 1, a last line `best offset <ms> ms (rtt <ms> ms)` gives the estimate from the fastest round trip.",
        unchecked: None,
    },
    Rule {
        id: "05-client-output-at-exit",
        says: "The client's lines may appear as it goes or all at once when it exits (stdout may be block-buffered into a pipe): they are judged once it has exited.",
        unchecked: None,
    },
    Rule {
        id: "05-client-udp-wait",
        says: "Over UDP the client waits 1 second for a reply (`--retry-ms N`: N milliseconds) before it asks again.",
        unchecked: None,
    },
    Rule {
        id: "05-client-udp-note",
        says: "Before it sends the request again, the client says so in a line on stderr (any words; e.g. `no reply within 1000 ms; asking again`).",
        unchecked: None,
    },
    Rule {
        id: "05-client-udp-gives-up",
        says: "The client sends the request up to 3 times (3 requests in all; 4 is accepted too), and then gives up with an error and a non-zero exit status.",
        unchecked: None,
    },
    Rule {
        id: "05-client-refused",
        says: "A refused connection is an error message (`connection refused`) and a non-zero exit status, never a panic.",
        unchecked: None,
    },
];

/// What the client printed, judged in `printed.rs`: the slips of
/// Cristian's estimate each get a hint of their own, whichever client test
/// (TCP, UDP) found them.
const PRINTED: &[Hint] = &[
    Hint {
        id: "offset-sign",
        on: &[On::Says("lab05-offset-sign")],
        levels: &[
            "the offset has the right size and the wrong sign: it says how far the server's clock is ahead of yours, so it is positive when the server is ahead",
            "look at the subtraction where the client makes the offset from the server's time, the round trip and the local time the reply arrived",
            "offset = server time + rtt/2 - local time when the reply arrived (not local time - server time)",
        ],
    },
    Hint {
        id: "offset-half-rtt",
        on: &[On::Says("lab05-offset-without-half-rtt")],
        levels: &[
            "the offset is off by half the round trip: the server read its clock while your request was on its way, before the reply came back",
            "in Cristian's estimate the server's time stands for the middle of the round trip: add half of the rtt the client measured",
            "offset = server time + rtt/2 - local time when the reply arrived",
        ],
    },
    Hint {
        id: "offset-wrong",
        on: &[On::Says("lab05-offset-wrong")],
        levels: &[
            "the offset does not fit the times the checker saw: check which local time it is measured against, and its unit",
            "the local time is read when the reply has arrived (after recv() or read_line()), the server's time is parsed from the reply, both in milliseconds",
            "offset = server time + rtt/2 - local time when the reply arrived, in ms, printed as the handout shows",
        ],
    },
    Hint {
        id: "rtt-wrong",
        on: &[On::Says("lab05-rtt-wrong")],
        levels: &[
            "the round trip printed is not what the request took: look at where the client reads its clock",
            "note Instant::now() just before sending the request, and read elapsed() once the whole reply has arrived: not before, not after printing",
            "let start = Instant::now(); send the request; read the reply; let rtt = start.elapsed(); print rtt.as_secs_f64() * 1000.0",
        ],
    },
];

pub const LAB: Lab = Lab {
    number: 5,
    name: "time",
    title: "UTC time server over TCP and UDP",
    rules: RULES,
    tests: &[
        TestCase {
            name: "time-format",
            points: 2,
            rules: &["05-time-format", "05-server-crlf-allowed"],
            checks: "`TIME` is answered with RFC 3339 in UTC with milliseconds and `Z`: `2026-11-24T06:31:52.123Z`",
            hints: Hints::of(&[
                "the reply to TIME is not the time as the protocol writes it: RFC 3339, in UTC, with milliseconds and a `Z`, on a line of its own",
                "look at what handle_connection() writes for Request::Time: the given protocol::now_utc() makes the text, and the reply line ends with \\n",
                "write now_utc() and a \\n for TIME, in one write (now_utc() is Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true))",
            ]),
            run: time_format,
        },
        TestCase {
            name: "time-is-utc",
            points: 3,
            rules: &["05-time-is-utc"],
            checks: "the time is within 2 s of the checker's UTC clock, although the server runs with TZ=<+0530>-5:30",
            hints: Hints::of(&[
                "the time is not UTC: the server answers in the time zone it runs in (the checker runs it 5 h 30 min ahead of UTC)",
                "look at where the time of a reply comes from, in handle_connection() and udp_reply(): the clock must be read in UTC",
                "read the clock as UTC (chrono::Utc, as the given now_utc() does), not local time (chrono::Local)",
            ]),
            run: time_is_utc,
        },
        TestCase {
            name: "time-is-now",
            points: 2,
            rules: &["05-clock-at-request"],
            checks: "each reply is within 10 ms of the checker's clock between its request and its reply, also a request sent 25 ms after the reply before, and their milliseconds move: the clock is read at every request, to the millisecond",
            hints: Hints::of(&[
                "the time in a reply is not the time it was made: the clock is read for every request, to the millisecond",
                "look at when the server reads the clock: once for each request, as it answers it, and whether the milliseconds it writes are the clock's",
                "call Utc::now() when the request arrives, not once when the server starts nor a time cached for later requests, and write its own milliseconds (SecondsFormat::Millis), not a fixed .000",
            ]),
            run: time_is_now,
        },
        TestCase {
            name: "case-insensitive",
            points: 1,
            rules: &["05-case-insensitive"],
            checks: "`time` and `Time` are answered like `TIME`",
            hints: Hints::of(&[
                "`time` and `Time` are TIME too: the case of a command does not matter",
                "look at how handle_connection() tells TIME from other lines: the given parse_request() already ignores case",
                "use parse_request(&line) (it compares with str::eq_ignore_ascii_case) rather than comparing the line with \"TIME\"",
            ]),
            run: case_insensitive,
        },
        TestCase {
            name: "unknown-command",
            points: 1,
            rules: &["05-unknown-command", "05-spaces-not-ignored"],
            checks: "anything else (also ` TIME `: only a \\r is ignored, not spaces) gets `ERROR unknown command` and the connection stays open",
            hints: Hints::of(&[
                "anything that is not a command gets `ERROR unknown command`, and the connection stays open; only a \\r before the \\n is ignored, not spaces",
                "look at what handle_connection() answers to Request::Unknown, and whether its loop goes on reading after that",
                "answer the error and go on reading requests; drop only one trailing \\r (strip_suffix), don't trim()",
            ]),
            run: unknown_command,
        },
        TestCase {
            name: "quit",
            points: 1,
            rules: &["05-quit-closes"],
            checks: "`QUIT` makes the server close the connection",
            hints: Hints::of(&[
                "after QUIT the server closes the connection",
                "look at what handle_connection() does on Request::Quit: the connection is closed when its stream is dropped",
                "on QUIT leave the request loop, so the stream is dropped (closed)",
            ]),
            run: quit,
        },
        TestCase {
            name: "end-of-stream",
            points: 1,
            rules: &["05-end-of-stream"],
            checks: "a client that sends `TIME` and shuts down its sending side gets the reply, and then the server closes the connection",
            hints: Hints::of(&[
                "a client that shuts down its sending side still gets the reply to what it sent, and then the server closes the connection",
                "look at what handle_connection() does when read_request() returns None: the end of the stream",
                "answer every request read before the end; on None leave the loop (the stream is dropped, so closed) and don't read again",
            ]),
            run: end_of_stream,
        },
        TestCase {
            name: "long-request",
            points: 1,
            rules: &["05-long-request"],
            checks: "a request line of 2000 bytes gets one `ERROR unknown command`, and the `TIME` after it the time",
            hints: Hints::of(&[
                "a request line of more than 512 bytes is one unknown command, answered once; the request after it is answered as usual",
                "look at how handle_connection() reads its lines: the given read_request() reads a long line to its end and returns it cut short",
                "read each request with read_request(&mut reader) on one BufReader; the cut-short line parses as Request::Unknown: answer it once",
            ]),
            run: long_request,
        },
        TestCase {
            name: "many-requests",
            points: 2,
            rules: &["05-many-requests-in-order"],
            checks: "100 requests in one write on one connection (every tenth `HELLO`) get 100 replies, in order",
            hints: Hints::of(&[
                "several requests in one write are several requests: each gets its reply, in order",
                "look at handle_connection()'s loop: one BufReader for the whole connection, one reply for each line",
                "make the BufReader once, before the loop (a new one for each request loses what it had read past the first line), and answer each line in turn",
            ]),
            run: many_requests,
        },
        TestCase {
            name: "crlf-and-fragments",
            points: 1,
            rules: &["05-lines"],
            checks: "`TIME\\r\\n` counts as TIME, and so does a request that arrives in pieces (`TI`, `ME\\n`)",
            hints: Hints::of(&[
                "a request is a line: `TIME\\r\\n` is TIME, and a line that arrives in pieces is one request",
                "look at how handle_connection() reads: one read() may hold part of a line, or several lines; read_request() reads up to the \\n",
                "read whole lines (read_request on a BufReader) and pass them to parse_request(), which drops one trailing \\r",
            ]),
            run: crlf_and_fragments,
        },
        TestCase {
            name: "many-connections",
            points: 2,
            rules: &["05-thread-per-client"],
            checks: "100 connections open at once are all answered",
            hints: Hints::of(&[
                "the server must answer many clients connected at once, not one after another",
                "look at serve_tcp(): while one client is served, another thread must be waiting in accept()",
                "in serve_tcp(), start a thread for each accepted connection (or the given Acceptors and accept_and_serve()); never serve a client on the thread that accepts",
            ]),
            run: many_connections,
        },
        TestCase {
            name: "idle-connection",
            points: 2,
            rules: &["05-thread-per-client"],
            checks: "while one client says nothing and another has sent half a request, others are answered, and then so are those two",
            hints: Hints::of(&[
                "a client who says nothing, or half a request, must not hold up the others",
                "look at which thread reads each client's socket: a read waits until that client sends",
                "give every client a thread of its own (handle_connection() on a spawned thread): never read one client's socket from the thread that accepts or serves the others",
            ]),
            run: idle_connection,
        },
        TestCase {
            name: "udp-time",
            points: 2,
            rules: &["05-udp-also", "05-udp-time", "05-ready-lines"],
            checks: "with --udp, a datagram `TIME` (also `time\\n`, `Time\\r\\n`) to the same port number gets a datagram with the time, from that port; the server printed `udp on <ip>:<port>`, and still answers over TCP",
            hints: Hints::of(&[
                "the server must answer TIME datagrams on the same port as TCP, while it serves TCP: look at where the UDP socket is made and served",
                "the UDP socket is bound to the TCP listener's address (its port) and served on a thread of its own: one datagram in, one reply to its sender",
                "bind a UdpSocket to the listener's local address, answer with send_to(reply, peer) from a thread of its own, and go on serving TCP",
            ]),
            run: udp_time,
        },
        TestCase {
            name: "udp-host",
            points: 1,
            rules: &["05-host-only"],
            checks: "with --udp and `--host 127.0.0.1`, the UDP socket too is bound there and nowhere else: a datagram to another loopback address (127.x.y.z) gets no answer",
            hints: Hints::of(&[
                "with --host, the UDP socket too must be on that address alone",
                "look at the address the UDP socket is bound to: the TCP listener's own (the --host address and its port)",
                "bind the UdpSocket to the listener's local address (--host and the port), not to 0.0.0.0",
            ]),
            run: udp_host,
        },
        TestCase {
            name: "udp-error",
            points: 1,
            rules: &["05-udp-error", "05-udp-empty", "05-spaces-not-ignored"],
            checks: "a datagram that is not TIME (`HELLO`, `QUIT`, ` TIME `) gets `ERROR unknown command`, and an empty one no answer",
            hints: Hints::of(&[
                "a datagram that is not TIME gets `ERROR unknown command`, and an empty one no answer; a trailing newline is allowed, spaces are not ignored",
                "look at udp_reply(): what it returns for an empty datagram, for TIME with a trailing \\n or \\r\\n, and for anything else",
                "answer every non-empty datagram; drop only a trailing \\n or \\r\\n, don't trim()",
            ]),
            run: udp_error,
        },
        TestCase {
            name: "udp-garbage",
            points: 1,
            rules: &["05-udp-garbage"],
            checks: "an empty datagram, 2000 bytes of garbage and invalid UTF-8 kill nothing: TIME is still answered after them",
            hints: Hints::of(&[
                "a bad datagram (empty, too long, not UTF-8) must not keep the server from answering the next one",
                "look at serve_udp()'s loop and udp_reply(): a recv_from() or send_to() that fails, and bytes that are not text",
                "a bad datagram is answered with an error or ignored (String::from_utf8_lossy, a buffer of MAX_REQUEST + 1 bytes); never return from the loop or unwrap on it",
            ]),
            run: udp_garbage,
        },
        TestCase {
            name: "server-host",
            points: 1,
            rules: &["05-host-only", "05-ready-lines"],
            checks: "told `--host 127.0.0.1`, the server listens there and nowhere else: its ready line shows 127.0.0.1, and another loopback address (127.x.y.z) is refused",
            hints: Hints::of(&[
                "the server must listen on the address --host gives, and nowhere else",
                "look at the address run_server() binds to, and the address its ready line prints",
                "bind() to the --host address you were given, not to 0.0.0.0, and print the address you bound",
            ])
            .on(common::SERVER_HOST),
            run: |ctx| common::server_binds_only_its_host(ctx, &[], time_once),
        },
        TestCase {
            name: "client-tcp",
            points: 3,
            rules: &[
                "05-client-asks",
                "05-client-line",
                "05-client-rtt",
                "05-client-offset",
                "05-client-best",
                "05-client-output-at-exit",
            ],
            checks: "the client prints the server's time, the round trip and the offset (server time + rtt/2 - local time), three times, and the best offset: the one of the lowest round trip (its lines are read once it has exited)",
            hints: Hints::of(&[
                "the client's lines are not what the handout shows: the server's time, the round trip and the offset for each answer, and the best offset last",
                "look at estimate() (Cristian's algorithm) and measure_tcp(): one sample for each request, each shown as soon as it is made",
                "offset = server time + rtt/2 - local time when the reply arrived; print the line exactly as the handout shows; the best is the sample with the lowest rtt",
            ])
            .on(PRINTED),
            run: client_tcp,
        },
        TestCase {
            name: "client-quits",
            points: 1,
            rules: &["05-client-quits"],
            checks: "after its last answer over TCP the client says `QUIT` and closes",
            hints: Hints::of(&[
                "over TCP the client says QUIT after its last answer, before it closes",
                "look at the end of measure_tcp(): after the last reply, one more line goes to the server",
                "write QUIT\\n after the last request's reply, before the connection is dropped",
            ]),
            run: client_quits,
        },
        TestCase {
            name: "client-udp",
            points: 2,
            rules: &[
                "05-client-line",
                "05-client-rtt",
                "05-client-offset",
                "05-client-output-at-exit",
            ],
            checks: "with --udp the client asks with a datagram and prints the same line",
            hints: Hints::of(&[
                "over UDP the client sends one datagram, `TIME`, and reads one datagram back; it prints the same line as over TCP",
                "the client's UDP socket: UdpSocket::bind to port 0 (any free port), then connect() to the server, so that send() and recv() need no address",
                "UdpSocket::bind((host, 0)), connect((host, port)), send(b\"TIME\"), recv(&mut buf) into a buffer of 64 bytes or more; then parse and print as over TCP",
            ])
            .on(PRINTED),
            run: client_udp,
        },
        TestCase {
            name: "client-udp-count",
            points: 1,
            rules: &["05-client-asks", "05-client-best"],
            checks: "with --udp --count 2 the client asks twice, a datagram each, and prints two lines and its best offset",
            hints: Hints::of(&[
                "with --udp and --count N the client asks N times, a datagram each, and prints a line for each answer and the best offset",
                "look at measure_udp(): one request and one sample for each answer, count times, each shown as soon as it is made",
                "loop count times in measure_udp(): send TIME, take the reply, estimate() and show() it, and return every sample (main.rs prints the best)",
            ])
            .on(PRINTED),
            run: client_udp_count,
        },
        TestCase {
            name: "client-udp-retry",
            points: 2,
            rules: &["05-client-udp-wait", "05-client-udp-note"],
            checks: "when the first UDP request is lost, the client asks again 1 s later (no --retry-ms), having written a line on stderr before it did, and prints the time",
            hints: Hints::of(&[
                "a lost request must be asked again, after saying so on stderr: look at what the client does when no reply comes",
                "recv() on the UDP socket waits forever unless the socket has a read timeout; a timeout is an io::Error of kind WouldBlock or TimedOut",
                "set_read_timeout() on the UDP socket to --retry-ms (1000 by default); on a timeout eprintln! a line, then send the request again",
            ])
            .on(PRINTED),
            run: client_udp_retry,
        },
        TestCase {
            name: "client-udp-gives-up",
            points: 1,
            rules: &["05-client-udp-wait", "05-client-udp-gives-up"],
            checks: "when no UDP reply ever comes, the client given `--retry-ms 200` asks 3 times (or 4), 200 ms apart, then exits non-zero with a message",
            hints: Hints::of(&[
                "when no reply ever comes, the client must stop after its tries and say so: look at how it counts them",
                "the retry loop: each timeout counts one try; after the last one, return an error (main.rs prints it and exits non-zero)",
                "wait --retry-ms for each reply; count the tries: after the last timeout return an error instead of asking again",
            ]),
            run: client_udp_gives_up,
        },
        TestCase {
            name: "client-refused",
            points: 1,
            rules: &["05-client-refused"],
            checks: "with no server listening, the client says `connection refused` and exits non-zero without panicking",
            hints: Hints::of(&[
                "a refused connection is an error message and a non-zero exit status, not a panic",
                "look for unwrap() or expect() on the connect() in measure_tcp() and the calls after it: their errors go back to run_client()",
                "return the io::Error with ? from measure_tcp(); the given run_client() matches its kind (ConnectionRefused) and says `connection refused`",
            ])
            .on(common::CLIENT_PANICS),
            run: common::client_refused,
        },
    ],
};

/// Starts the server in the test zone, with `--udp` if asked.
fn start(ctx: &mut Ctx, udp: bool) -> Result<Server, Failure> {
    let host = ctx.host().to_string();
    let mut args = vec!["server", "--host", &host, "--port", "0"];
    if udp {
        args.push("--udp");
    }
    let program = ctx.spawn_with("server", &args, &[("TZ", ZONE)], None)?;
    let addr = ctx.wait_ready(&program)?;
    if udp {
        // A server without a ready line is ready once it listens on TCP;
        // it may bind its UDP socket just after that (the ready line, when
        // there is one, comes after both). Wait for that socket too, seen
        // in /proc as the TCP one, without sending it anything; a server
        // that never binds one fails the test that asks it.
        let deadline = ctx.deadline(REPLY);
        let mut pause = Duration::from_millis(1);
        while !crate::harness::sockets::udp_bound(program.pid(), addr.port())
            && Instant::now() < deadline
            && program.exit_status().is_none()
        {
            // Polling the kernel's table, as for the TCP listener: a server
            // binding a socket sends no event the checker could wait on.
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(10));
        }
    }
    Ok(Server { addr, program })
}

fn connected(ctx: &mut Ctx) -> Result<(Server, Conn), Failure> {
    let server = start(ctx, false)?;
    let conn = ctx.connect(server.addr)?;
    Ok((server, conn))
}

/// What a reply to TIME should look like.
fn example() -> Text {
    t!(
        "lab05-example",
        "an RFC 3339 UTC time with milliseconds, e.g. 2026-11-24T06:31:52.123Z"
    )
}

/// What the checker waits for after it sent TIME.
fn reply_to_time() -> Text {
    t!("lab05-reply-to-time-wait", "the reply to TIME")
}

/// What the checker got nothing of, at the deadline.
fn nothing_before_deadline() -> Text {
    t!(
        "lab05-nothing-before-deadline",
        "nothing before the deadline"
    )
}

/// Checks the form of a reply and returns its time.
fn parse_reply(line: &str) -> Result<DateTime<Utc>, Failure> {
    let wrong = |why: Text| {
        Failure::wrong(why)
            .expected(example())
            .got(format!("{line:?}"))
    };
    let time = DateTime::parse_from_rfc3339(line).map_err(|_| {
        wrong(t!(
            "lab05-reply-not-rfc3339",
            "the reply to TIME is not RFC 3339"
        ))
    })?;
    ensure(line.ends_with('Z'), || {
        wrong(t!(
            "lab05-reply-not-z",
            "the reply to TIME does not end in Z (UTC)"
        ))
    })?;
    let fraction = line.rsplit_once('.').map(|(_, f)| f.trim_end_matches('Z'));
    ensure(
        fraction.is_some_and(|f| f.len() == 3 && f.bytes().all(|b| b.is_ascii_digit())),
        || {
            wrong(t!(
                "lab05-reply-not-millis",
                "the reply to TIME does not have exactly three digits of milliseconds"
            ))
        },
    )?;
    Ok(time.with_timezone(&Utc))
}

/// Reads one reply and checks it is a time between `before` and now (with
/// the tolerance).
fn expect_time_now(conn: &mut Conn, before: DateTime<Utc>) -> Result<DateTime<Utc>, Failure> {
    let line = conn.read_line(reply_to_time())?;
    let time = parse_reply(&line)?;
    check_now(&line, time, before, Utc::now())?;
    Ok(time)
}

fn check_now(
    line: &str,
    time: DateTime<Utc>,
    before: DateTime<Utc>,
    after: DateTime<Utc>,
) -> Result<(), Failure> {
    let slack = TimeDelta::milliseconds(TOLERANCE_MS);
    ensure(time >= before - slack && time <= after + slack, || {
        let off = (time - after).num_milliseconds() as f64 / 1000.0;
        Failure::wrong(t!(
            "lab05-time-away",
            "the time is {off} s away from the checker's UTC clock",
            off = format!("{off:+.3}")
        ))
        .expected(t!(
            "lab05-within-2-s",
            "within 2 s of {now}",
            now = after.to_rfc3339_opts(SecondsFormat::Millis, true)
        ))
        .got(format!("{line:?}"))
    })
}

fn time_format(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    conn.send_line("TIME")?;
    let line = conn.read_line(reply_to_time())?;
    parse_reply(&line).map(|_| ())
}

fn time_is_utc(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    let before = Utc::now();
    conn.send_line("TIME")?;
    expect_time_now(&mut conn, before).map(|_| ())
}

fn time_is_now(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    // Trials of two requests: A, and B asked AFTER_REPLY after A's reply
    // came. A time cached for 100 ms (filled by A, or before A and then no
    // older than A's request, or A is caught) is answered to B unless B's
    // reply came 90 ms or more after A was asked; then B's reply is at
    // least AFTER_REPLY older than B's request, and caught. A trial whose
    // two round trips were quick enough is one a cache can't escape: the
    // test goes on until it has had DECISIVE of them, however loaded the
    // machine (each trial's round trips are measured, not assumed).
    // A loaded machine makes round trips long: try for longer than one
    // reply's wait before saying it can't tell.
    let deadline = ctx.deadline(REPLY * 4);
    let mut decisive = 0;
    let mut trials = 0;
    // The milliseconds of every reply: a clock read to the second with
    // `.000` (or any fixed digits) written after it has only one value.
    let mut millis = std::collections::BTreeSet::new();
    let mut replies: Vec<String> = Vec::new();
    while decisive < DECISIVE || trials < TRIALS {
        if Instant::now() >= deadline {
            return Err(Failure::checker(t!(
                "lab05-too-busy-to-tell",
                "in {trials} tries, no two requests 25 ms apart were answered within 90 ms: the machine is too busy to tell a cached time from a fresh one; grade again",
                trials = trials
            )));
        }
        trials += 1;
        let a = ask_now(&mut conn)?;
        millis.insert(a.time.timestamp_subsec_millis());
        replies.push(a.line);
        std::thread::sleep(AFTER_REPLY);
        let b = ask_now(&mut conn)?;
        millis.insert(b.time.timestamp_subsec_millis());
        replies.push(b.line);
        if Utc::now() - a.before < TimeDelta::milliseconds(90) {
            decisive += 1;
        }
    }
    ensure(millis.len() > 1, || {
        Failure::wrong(t!(
            "lab05-same-millis",
            "every reply has the same milliseconds: the clock is not read to the millisecond"
        ))
        .expected(t!(
            "lab05-millis-move",
            "milliseconds that move with the clock"
        ))
        .got(and_then(&replies[0], &replies[replies.len() - 1]))
    })
}

/// One TIME asked in time-is-now: when, and the reply with its time.
struct Asked {
    before: DateTime<Utc>,
    line: String,
    time: DateTime<Utc>,
}

/// Asks TIME once and checks that the reply is the time between the
/// checker's clock just before it asked and just after the reply came;
/// returns when it asked, and the reply with its time.
fn ask_now(conn: &mut Conn) -> Result<Asked, Failure> {
    let before = Utc::now();
    conn.send_line("TIME")?;
    let line = conn.read_line(reply_to_time())?;
    let after = Utc::now();
    let time = parse_reply(&line)?;
    // The server and the checker read the same clock (one machine), and
    // the server read it between our two readings, however loaded the
    // machine: a reply outside them (less a millisecond for truncation,
    // plus one for rounding, and a few for safety) was not read for this
    // request. A time cached, or read to the second, is older than that.
    let slack = TimeDelta::milliseconds(NOW_SLACK_MS);
    ensure(time >= before - slack && time <= after + slack, || {
        let message = if time < before {
            t!(
                "lab05-reply-older",
                "a reply is {ms} ms older than the request it answers: the clock was not read when the request arrived",
                ms = (before - time).num_milliseconds()
            )
        } else {
            t!(
                "lab05-reply-later",
                "a reply is {ms} ms later than the moment it arrived: it is not the time the request was answered",
                ms = (time - after).num_milliseconds()
            )
        };
        Failure::wrong(message).expected(t!(
            "lab05-time-between",
            "a time from {from} to {to} (the checker's clock just before it asked and just after the reply, give or take {slack} ms)",
            from = (before - slack).to_rfc3339_opts(SecondsFormat::Micros, true),
            to = (after + slack).to_rfc3339_opts(SecondsFormat::Micros, true),
            slack = NOW_SLACK_MS
        ))
        .got(format!("{line:?}"))
    })?;
    Ok(Asked { before, line, time })
}

/// Two replies, quoted: the first and then the last.
fn and_then(first: &str, last: &str) -> Text {
    t!(
        "lab05-and-then",
        "{first} and then {last}",
        first = format!("{first:?}"),
        last = format!("{last:?}")
    )
}

fn case_insensitive(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    for request in ["time", "Time", "tImE"] {
        let before = Utc::now();
        conn.send_line(request)?;
        expect_time_now(&mut conn, before)?;
    }
    Ok(())
}

fn unknown_command(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    // Only a \r before the \n is ignored: a server that trim()s the line
    // takes ` TIME ` for TIME.
    for request in ["HELLO", "TIME please", "", " TIME "] {
        conn.send_line(request)?;
        conn.expect_line("ERROR unknown command")?;
    }
    let before = Utc::now();
    conn.send_line("TIME")?;
    expect_time_now(&mut conn, before).map(|_| ())
}

fn quit(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    conn.send_line("TIME")?;
    conn.read_line(reply_to_time())?;
    conn.send_line("quit")?;
    conn.expect_close(&t!(
        "lab05-close-after-quit",
        "the server to close after QUIT"
    ))
}

fn end_of_stream(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    let before = Utc::now();
    conn.send_line("TIME")?;
    conn.shutdown_write()?;
    // A server that reads again after the end of the stream (or keeps the
    // socket) never closes: its thread or file descriptor stays behind for
    // every client that has gone, until the server runs out of them.
    let rest = conn.read_to_end(&t!(
        "lab05-reply-then-close",
        "the reply, then the server closing the connection"
    ))?;
    let text = String::from_utf8_lossy(&rest);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let [line] = lines.as_slice() else {
        return Err(Failure::wrong(t!(
            "lab05-not-one-reply",
            "the server did not send exactly one reply before closing"
        ))
        .expected(t!(
            "lab05-one-time-then-end",
            "one time, then end of stream"
        ))
        .got(format!("{text:?}")));
    };
    let time = parse_reply(line)?;
    check_now(line, time, before, Utc::now())
}

fn long_request(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    // One line, far longer than MAX_REQUEST (512): its rest is no request
    // of its own, so it gets one error, not one per 512 bytes.
    let mut request = "x".repeat(2000);
    request.push_str("\nTIME\n");
    let before = Utc::now();
    conn.send(request.as_bytes())?;
    conn.expect_line("ERROR unknown command")?;
    let line = conn.read_line(&t!(
        "lab05-reply-after-long-line",
        "the reply to the TIME after the long line"
    ))?;
    ensure(line != "ERROR unknown command", || {
        Failure::wrong(t!(
            "lab05-long-line-errors",
            "the long line got more than one error: its rest was taken for more requests"
        ))
        .expected(t!(
            "lab05-one-error-then-time",
            "one `ERROR unknown command`, then the time"
        ))
        .got(t!(
            "lab05-again",
            "{line} again",
            line = format!("{line:?}")
        ))
    })?;
    let time = parse_reply(&line)?;
    check_now(&line, time, before, Utc::now())
}

fn many_requests(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    // Every tenth request is HELLO: its error must come back in its place
    // (times asked within a millisecond cannot show their order).
    let hello = |i: usize| i % 10 == 0;
    let requests: String = (1..=100)
        .map(|i| if hello(i) { "HELLO\n" } else { "TIME\n" })
        .collect();
    let before = Utc::now();
    conn.send(requests.as_bytes())?;
    let mut previous = before - TimeDelta::milliseconds(TOLERANCE_MS);
    for i in 1..=100 {
        let line = conn.read_line(&t!("lab05-reply-of-100", "reply {i} of 100", i = i))?;
        let is_error = line == "ERROR unknown command";
        ensure(is_error == hello(i), || {
            Failure::wrong(t!(
                "lab05-reply-other-request",
                "reply {i} answers another request",
                i = i
            ))
            .expected(if hello(i) {
                t!(
                    "lab05-reply-to-hello",
                    "reply {i} to HELLO: \"ERROR unknown command\"",
                    i = i
                )
            } else {
                t!("lab05-reply-to-time", "reply {i} to TIME: the time", i = i)
            })
            .got(format!("{line:?}"))
        })?;
        if is_error {
            continue;
        }
        let time = parse_reply(&line)?;
        check_now(&line, time, before, Utc::now())?;
        ensure(time >= previous, || {
            Failure::wrong(t!(
                "lab05-reply-earlier",
                "reply {i} is earlier than the one before it",
                i = i
            ))
            .expected(t!(
                "lab05-replies-in-order",
                "replies in the order of the requests"
            ))
            .got(format!("{line:?}"))
        })?;
        previous = time;
    }
    Ok(())
}

fn crlf_and_fragments(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut conn) = connected(ctx)?;
    let before = Utc::now();
    conn.send(b"TIME\r\n")?;
    expect_time_now(&mut conn, before)?;
    conn.send_fragments(&[b"TI", b"ME\n"], Duration::from_millis(50))?;
    expect_time_now(&mut conn, before).map(|_| ())
}

fn many_connections(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = start(ctx, false)?;
    let mut conns = Vec::new();
    for _ in 0..100 {
        conns.push(ctx.connect(server.addr)?);
    }
    let before = Utc::now();
    for conn in &mut conns {
        conn.send_line("TIME")?;
    }
    for conn in &mut conns {
        expect_time_now(conn, before)?;
    }
    Ok(())
}

fn idle_connection(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = start(ctx, false)?;
    let mut silent = ctx.connect(server.addr)?;
    let mut half = ctx.connect(server.addr)?;
    half.send(b"TI")?;
    ctx.note(t!(
        "lab05-c1-silent-c2-half",
        "c1 says nothing; c2 has sent half a request"
    ));
    for _ in 0..3 {
        let mut conn = ctx.connect(server.addr)?;
        let before = Utc::now();
        conn.send_line("TIME")?;
        expect_time_now(&mut conn, before)?;
    }
    // The quiet ones were kept waiting, not dropped: a server that serves
    // one connection at a time and closes any that is silent for a moment
    // would have answered the others too.
    ctx.note(t!(
        "lab05-c1-c2-finish",
        "c1 and c2 now finish their requests: both are still being served"
    ));
    let before = Utc::now();
    silent.send_line("TIME")?;
    expect_time_now(&mut silent, before)?;
    half.send(b"ME\n")?;
    expect_time_now(&mut half, before).map(|_| ())
}

/// Sends one datagram to the server and returns the reply, without its
/// trailing newline (a reply datagram may have one or not).
fn ask_udp(ctx: &Ctx, udp: &Udp, server: &Server, request: &[u8]) -> Result<String, Failure> {
    let to = server.addr;
    udp.send_to(request, to)?;
    let (reply, from) = udp
        .recv(ctx.deadline(REPLY), &server.program)
        .ok_or_else(|| {
            Failure::timeout(t!("lab05-no-datagram-back", "no datagram came back"))
                .expected(t!(
                    "lab05-reply-datagram-from",
                    "a reply datagram from {to}",
                    to = to.to_string()
                ))
                .got(nothing_before_deadline())
        })?;
    // A client that connect()s its socket to the server (as the lab's does)
    // only receives datagrams from that address and port.
    ensure(from == to, || {
        Failure::wrong(t!(
            "lab05-reply-from-elsewhere",
            "the reply came from {from}, not from {to}, where the request went",
            from = from.to_string(),
            to = to.to_string()
        ))
        .expected(t!(
            "lab05-reply-with-send-to",
            "the reply sent with send_to() on the socket bound to {to}",
            to = to.to_string()
        ))
        .got(t!(
            "lab05-datagram-from",
            "a datagram from {from}",
            from = from.to_string()
        ))
    })?;
    let text = String::from_utf8_lossy(&reply).into_owned();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    Ok(text.strip_suffix('\r').unwrap_or(text).to_string())
}

fn udp_time(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = start(ctx, true)?;
    let udp = ctx.udp()?;
    let before = Utc::now();
    let line = ask_udp(ctx, &udp, &server, b"TIME")?;
    let time = parse_reply(&line)?;
    check_now(&line, time, before, Utc::now())?;
    for request in [&b"time\n"[..], b"Time\r\n"] {
        let line = ask_udp(ctx, &udp, &server, request)?;
        parse_reply(&line)?;
    }
    let udp_on = format!("udp on {}", server.addr);
    let stdout = server.program.stdout();
    ensure(
        stdout.lines().any(|l| l.trim_end_matches('\r') == udp_on),
        || {
            Failure::wrong(t!(
                "lab05-no-udp-on",
                "the server did not print the address of its UDP socket"
            ))
            .expected(format!("{udp_on:?}"))
            .got(format!("{stdout:?}"))
        },
    )?;
    // --udp adds UDP: TCP is still served, on the same port number.
    ctx.note(t!(
        "lab05-udp-and-tcp",
        "with --udp the server serves TCP too: the checker asks over TCP"
    ));
    time_once(ctx, &server)
}

fn udp_host(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = start(ctx, true)?;
    let udp = ctx.udp()?;
    let line = ask_udp(ctx, &udp, &server, b"TIME")?;
    parse_reply(&line)?;
    let elsewhere = SocketAddr::new(ctx.other_loopback(), server.addr.port());
    ctx.note(t!(
        "lab05-told-host-sends-elsewhere",
        "the server was told --host {host}; the checker sends TIME to {elsewhere}",
        host = server.addr.ip().to_string(),
        elsewhere = elsewhere.to_string()
    ));
    let checker = |e: std::io::Error| {
        Failure::checker(t!(
            "lab05-udp-to",
            "UDP to {elsewhere}: {error}",
            elsewhere = elsewhere.to_string(),
            error = e.to_string()
        ))
    };
    let any: SocketAddr = if elsewhere.is_ipv4() {
        (Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let probe = UdpSocket::bind(any).map_err(checker)?;
    // Not connect()ed: a server bound to 0.0.0.0 answers from 127.0.0.1,
    // and a connected socket would drop that reply. IP_RECVERR makes the
    // kernel's "port unreachable", what a correct server's port gives, come
    // back at once from recv_from() as ConnectionRefused.
    let (level, option) = if elsewhere.is_ipv4() {
        (libc::SOL_IP, libc::IP_RECVERR)
    } else {
        (libc::SOL_IPV6, libc::IPV6_RECVERR)
    };
    let on: libc::c_int = 1;
    // SAFETY: a valid socket, and a c_int option of the size given.
    let set = unsafe {
        libc::setsockopt(
            std::os::fd::AsRawFd::as_raw_fd(&probe),
            level,
            option,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if set != 0 {
        return Err(checker(std::io::Error::last_os_error()));
    }
    probe
        .set_read_timeout(Some(
            ctx.deadline(REPLY)
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1)),
        ))
        .map_err(checker)?;
    probe.send_to(b"TIME", elsewhere).map_err(checker)?;
    let mut buffer = [0u8; 1024];
    match probe.recv_from(&mut buffer).map(|(size, _)| size) {
        // Refused, or (were the kernel's answer lost) no reply at all.
        Err(e) if e.kind() == ErrorKind::ConnectionRefused => Ok(()),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => Ok(()),
        Err(e) => Err(checker(e)),
        Ok(size) => Err(Failure::wrong(t!(
            "lab05-answered-elsewhere",
            "the server answered a datagram sent to {elsewhere}: its UDP socket listens on more than {host}",
            elsewhere = elsewhere.to_string(),
            host = server.addr.ip().to_string()
        ))
        .expected(t!(
            "lab05-no-answer-bound-host",
            "no answer: the UDP socket bound to the --host address only, not 0.0.0.0"
        ))
        .got(format!(
            "{:?}",
            String::from_utf8_lossy(&buffer[..size]).trim_end()
        ))),
    }
}

fn udp_error(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = start(ctx, true)?;
    let udp = ctx.udp()?;
    // QUIT too: UDP has no connection to close, so it is just not TIME;
    // and ` TIME `: only a trailing \n (or \r\n) is allowed, as over TCP.
    for request in [&b"HELLO"[..], b"QUIT", b" TIME "] {
        let line = ask_udp(ctx, &udp, &server, request)?;
        ensure(line == "ERROR unknown command", || {
            Failure::wrong(t!(
                "lab05-datagram-wrong-answer",
                "the datagram {datagram} got the wrong answer",
                datagram = format!("{:?}", String::from_utf8_lossy(request))
            ))
            .expected(t!("lab05-error-line", "\"ERROR unknown command\""))
            .got(format!("{line:?}"))
        })?;
    }
    // An empty datagram gets no answer: the reply that comes after an
    // empty datagram and then TIME (one socket, read in order) is the time.
    udp.send_to(b"", server.addr)?;
    let line = ask_udp(ctx, &udp, &server, b"TIME")?;
    ensure(parse_reply(&line).is_ok(), || {
        Failure::wrong(t!("lab05-empty-answered", "an empty datagram was answered"))
            .expected(t!(
                "lab05-empty-no-answer",
                "no answer to the empty datagram, then the time for TIME"
            ))
            .got(format!("{line:?}"))
    })
}

fn udp_garbage(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = start(ctx, true)?;
    let udp = ctx.udp()?;
    let garbage = ctx.rng().bytes(2000);
    for datagram in [&b""[..], &garbage, b"TIME\xff\xfe"] {
        udp.send_to(datagram, server.addr)?;
    }
    // Whatever came back for those (an error, or nothing), TIME must still
    // be answered: skip replies until a time arrives.
    udp.send_to(b"TIME", server.addr)?;
    let deadline = ctx.deadline(REPLY);
    while let Some((reply, _)) = udp.recv(deadline, &server.program) {
        let text = String::from_utf8_lossy(&reply).trim_end().to_string();
        if parse_reply(&text).is_ok() {
            return Ok(());
        }
    }
    Err(match server.program.exit_status() {
        Some(status) => Failure::crashed(t!(
            "lab05-server-ended-after-garbage",
            "the server {ended} after the bad datagrams",
            ended = crate::harness::program::describe_exit(status)
        )),
        None => Failure::timeout(t!(
            "lab05-no-answer-after-garbage",
            "TIME got no answer after the bad datagrams"
        )),
    }
    .expected(t!("lab05-reply-with-time", "a reply with the time"))
    .got(nothing_before_deadline()))
}

fn client_tcp(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut listener = ctx.listen()?;
    let host = listener.addr().ip().to_string();
    let port = listener.addr().port().to_string();
    let mut lower = Utc::now();
    // The first request is answered after DELAY (its sample shows a
    // forgotten rtt/2), the second at once, the third after FASTER: the
    // second's sample is the best one, the first's and the last's are not.
    let delays = [DELAY, Duration::ZERO, FASTER];
    let client = ctx.spawn(
        "client",
        &["client", "--host", &host, "--port", &port, "--count", "3"],
    )?;
    let mut conn = listener.accept(&client, ctx.deadline(REPLY))?;
    let mut exchanges = Vec::new();
    for (i, delay) in (1..).zip(delays) {
        let line = conn.read_line(&t!("lab05-request-n", "request {i}", i = i))?;
        let read = Utc::now();
        ensure(line.eq_ignore_ascii_case("TIME"), || {
            Failure::wrong(t!(
                "lab05-not-asked-with-time",
                "the client did not ask with TIME"
            ))
            .expected(t!("lab05-time-line", "\"TIME\""))
            .got(format!("{line:?}"))
        })?;
        let (stamp, sent) = answer_later(delay);
        conn.send_line(&stamp)?;
        exchanges.push(Exchange {
            delay,
            lower,
            read,
            sent,
            stamp,
        });
        lower = sent;
    }
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab05-exit-after-requests",
            "it should exit after its requests"
        ),
    )?;
    check_printed(&client, &exchanges, Utc::now())
}

fn client_quits(ctx: &mut Ctx) -> Result<(), Failure> {
    let mut listener = ctx.listen()?;
    let host = listener.addr().ip().to_string();
    let port = listener.addr().port().to_string();
    let client = ctx.spawn("client", &["client", "--host", &host, "--port", &port])?;
    let mut conn = listener.accept(&client, ctx.deadline(REPLY))?;
    conn.read_line(&t!("lab05-the-request", "the request"))?;
    conn.send_line(&Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true))?;
    let rest = conn.read_to_end(&t!(
        "lab05-quit-then-close",
        "QUIT, then the client closing"
    ))?;
    let text = String::from_utf8_lossy(&rest);
    ensure(
        text.trim_end_matches(['\r', '\n'])
            .eq_ignore_ascii_case("QUIT"),
        || {
            Failure::wrong(t!(
                "lab05-no-quit",
                "the client did not say QUIT before closing"
            ))
            .expected(t!("lab05-quit-then-end", "\"QUIT\\n\", then end of stream"))
            .got(t!(
                "lab05-then-end",
                "{text}, then end of stream",
                text = format!("{:?}", text)
            ))
        },
    )?;
    ctx.expect_clean_exit(
        &client,
        &t!("lab05-exit-after-quit", "it should exit after QUIT"),
    )
}

fn client_udp(ctx: &mut Ctx) -> Result<(), Failure> {
    let udp = ctx.udp()?;
    let mut lower = Utc::now();
    // A long --retry-ms: this test is about the measurement, and a loaded
    // machine may keep the checker from answering for a while.
    let client = udp_client(ctx, &udp, &["--retry-ms", "3000"])?;
    // When a request arrived is the kernel's time stamp, not when the
    // checker got round to reading it: on a loaded machine that can be
    // after the client has timed out and asked again.
    let (request, first) = arrival(ctx.deadline(REPLY), &udp, &client).ok_or_else(no_datagram)?;
    let (mut read, mut from) = (first.at.into(), first.from);
    asked_with_time(&request)?;
    // Wait DELAY before answering; a client that timed out meanwhile (a
    // loaded machine can delay the checker) asks again, and the answer
    // then goes to its latest request, DELAY after the checker read it.
    let after = |at: SystemTime| {
        let wait = (at + DELAY)
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        Instant::now() + wait
    };
    let mut until = after(first.at);
    while let Some((_, again)) = arrival(until, &udp, &client) {
        ctx.note(t!(
            "lab05-asked-again-early",
            "the client asked again before the checker answered"
        ));
        if first.stamped && again.stamped {
            lower = read;
        }
        read = again.at.into();
        from = again.from;
        until = after(again.at);
    }
    let sent = Utc::now();
    let stamp = (sent + SKEW).to_rfc3339_opts(SecondsFormat::Millis, true);
    udp.send_to(format!("{stamp}\n").as_bytes(), from)?;
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab05-exit-after-time",
            "it should exit after printing the time"
        ),
    )?;
    let exchange = Exchange {
        delay: DELAY,
        lower,
        read,
        sent,
        stamp,
    };
    check_printed(&client, &[exchange], Utc::now())
}

/// Starts the student's client in UDP mode against the checker's socket
/// `udp`: `client --host <its ip> --port <its port> --udp <extra>`.
fn udp_client(ctx: &mut Ctx, udp: &Udp, extra: &[&str]) -> Result<Program, Failure> {
    let host = udp.addr().ip().to_string();
    let port = udp.addr().port().to_string();
    let mut args = vec!["client", "--host", &host, "--port", &port, "--udp"];
    args.extend_from_slice(extra);
    ctx.spawn("client", &args)
}

/// The failure when a UDP client sent nothing.
fn no_datagram() -> Failure {
    Failure::timeout(t!("lab05-no-datagram", "the client sent no datagram"))
        .expected(t!("lab05-datagram-time", "a datagram `TIME`"))
}

/// Checks that a client's datagram is a request `TIME`.
fn asked_with_time(request: &[u8]) -> Result<(), Failure> {
    let text = String::from_utf8_lossy(request).trim_end().to_string();
    ensure(text.eq_ignore_ascii_case("TIME"), || {
        Failure::wrong(t!(
            "lab05-not-asked-with-time",
            "the client did not ask with TIME"
        ))
        .expected(t!("lab05-time-line", "\"TIME\""))
        .got(format!("{text:?}"))
    })
}

fn client_udp_retry(ctx: &mut Ctx) -> Result<(), Failure> {
    let udp = ctx.udp()?;
    let spawned = Utc::now();
    // No --retry-ms: the default, 1 s, is what this test checks.
    let client = udp_client(ctx, &udp, &[])?;
    let waits = CpuWaits::watch(&client);
    let (request, first) = arrival(ctx.deadline(REPLY), &udp, &client).ok_or_else(no_datagram)?;
    waits.read_now();
    // The client asked again after its first request arrived; without the
    // kernel's stamp of it, after it started.
    let lower = if first.stamped {
        first.at.into()
    } else {
        spawned
    };
    // What the client has written to stderr by its first request: marked
    // now, counted later.
    let before_timeout = client.stderr_mark();
    // Marked before the client's timeout could have ended (its note comes
    // after that), or, on a machine so loaded that the checker was later,
    // the note can't be told from lines before it: then any line will do.
    let marked_in_time =
        first.stamped && SystemTime::now() < first.at + shortest_gap(RETRY_DEFAULT);
    asked_with_time(&request)?;
    ctx.note(t!(
        "lab05-drops-first",
        "the checker drops the first request, as a network may"
    ));
    let (request, again) = arrival(ctx.deadline(REPLY), &udp, &client).ok_or_else(|| {
        Failure::timeout(t!(
            "lab05-not-asked-again",
            "the client did not ask again after its request was lost"
        ))
        .expected(t!(
            "lab05-second-datagram",
            "a second datagram `TIME` after a timeout"
        ))
        .got(nothing_before_deadline())
    })?;
    // What the client wrote before it sent the request again is in the
    // pipe by now, or read: marked before the answer, so that nothing it
    // writes after the answer counts as its note.
    let at_retry = client.stderr_mark();
    waits.read_now();
    let read = again.at.into();
    asked_with_time(&request)?;
    // Answered at once, before anything is judged: a checker given no CPU
    // for a while must not make a correct client give up.
    let sent = Utc::now();
    let stamp = (sent + SKEW).to_rfc3339_opts(SecondsFormat::Millis, true);
    udp.send_to(format!("{stamp}\n").as_bytes(), again.from)?;
    // A checker the loaded machine ran this late answered after the client
    // could have timed out again: how the client ended is no verdict then.
    let late = SystemTime::now()
        .duration_since(again.at)
        .unwrap_or_default();
    let answered_late = again.stamped && late >= shortest_gap(RETRY_DEFAULT);
    // A line more than at the first request is its note, whatever its words.
    let lines = if marked_in_time {
        client.stderr_lines_at(before_timeout, ctx.deadline(REPLY))
    } else {
        0
    };
    let noted = client.stderr_lines_at(at_retry, ctx.deadline(REPLY)) > lines;
    let waited = check_retry_gap(&first, &again, RETRY_DEFAULT, &waits)?;
    if let Waited::Unknown = waited {
        ctx.note(gap_not_judged());
    }
    ensure(noted, || {
        Failure::wrong(t!(
            "lab05-did-not-say-again",
            "the client did not say on stderr that it was asking again"
        ))
        .expected(t!(
            "lab05-stderr-again",
            "a line on stderr after the timeout, before the request is sent again"
        ))
        .got(format!("{:?}", client.stderr()))
    })?;
    let exchange = Exchange {
        delay: Duration::ZERO,
        lower,
        read,
        sent,
        stamp,
    };
    let answered = ctx
        .expect_clean_exit(
            &client,
            &t!(
                "lab05-exit-after-time",
                "it should exit after printing the time"
            ),
        )
        .and_then(|()| check_printed(&client, &[exchange], Utc::now()));
    if answered.is_err() && answered_late {
        return Err(Failure::skipped(t!(
            "lab05-answered-late",
            "the machine was too busy for the checker to answer the client in time (it answered {late} ms after the client asked again); this test is not judged, grade again when the machine is less busy",
            late = late.as_millis() as u64
        )));
    }
    answered?;
    // Everything else was judged; how soon it asked again could not be.
    match waited {
        Waited::TooBusy => Err(too_busy_for_the_gap()),
        _ => Ok(()),
    }
}

/// Where the kernel gives no time stamps or no schedstat, only the least
/// gap between requests is judged.
fn gap_not_judged() -> Text {
    t!(
        "lab05-gap-not-judged",
        "the checker could not judge whether the client asked again too late (the kernel gave no time stamps or no count of the client's wait for a CPU): only the least gap was judged"
    )
}

/// The checker read the client's wait for a CPU too late to tell a late
/// retry from one the machine delayed: not judged, never passed unjudged.
fn too_busy_for_the_gap() -> Failure {
    Failure::skipped(t!(
        "lab05-too-busy-to-judge",
        "the machine was too busy for the checker to tell whether the client asked again late or was kept from running; this test is not judged, grade again when the machine is less busy"
    ))
}

fn client_udp_count(ctx: &mut Ctx) -> Result<(), Failure> {
    let udp = ctx.udp()?;
    let client = udp_client(ctx, &udp, &["--count", "2", "--retry-ms", "3000"])?;
    // Every datagram is answered at once (the offsets are client-udp's
    // business); the client's exit ends the wait. A request the client sent
    // again after a timeout (a loaded machine) is answered too.
    let mut asked = 0;
    while let Some((_, from)) = udp.recv(ctx.deadline(REPLY), &client) {
        asked += 1;
        let stamp = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        udp.send_to(format!("{stamp}\n").as_bytes(), from)?;
    }
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab05-exit-after-two",
            "it should exit after its two requests"
        ),
    )?;
    let stdout = client.stdout();
    let printed = stdout.lines().filter_map(parse_printed).count();
    let best = stdout.lines().filter_map(parse_best).count();
    ensure(asked >= 2 && printed == 2 && best == 1, || {
        Failure::wrong(t!(
            "lab05-count-2",
            "told --udp --count 2, the client sent {asked} request(s) and printed {printed} measurement line(s)",
            asked = asked,
            printed = printed
        ))
        .expected(t!(
            "lab05-two-lines-then-best",
            "two `server time ...` lines, then `best offset <ms> ms (rtt <ms> ms)`"
        ))
        .got(format!("{stdout:?}"))
    })
}

fn client_udp_gives_up(ctx: &mut Ctx) -> Result<(), Failure> {
    let udp = ctx.udp()?;
    let retry = RETRY_SHORT.as_millis().to_string();
    let client = udp_client(ctx, &udp, &["--retry-ms", &retry])?;
    let waits = CpuWaits::watch(&client);
    ctx.note(t!("lab05-answers-none", "the checker answers no datagram"));
    // "up to 3 times": 3 requests in all, or the first and 3 more. Each
    // comes --retry-ms after the one before; the client's exit ends the wait.
    let mut asked: Vec<Arrival> = Vec::new();
    // How the gaps' upper bounds went: one judged is enough to catch a
    // client that asks again too late.
    let (mut judged, mut too_busy, mut noted) = (false, false, false);
    while let Some((_, next)) = arrival(ctx.deadline(REPLY), &udp, &client) {
        waits.read_now();
        if let Some(previous) = asked.last() {
            match check_retry_gap(previous, &next, RETRY_SHORT, &waits)? {
                Waited::For(_) => judged = true,
                Waited::TooBusy => too_busy = true,
                Waited::Unknown if !noted => {
                    noted = true;
                    ctx.note(gap_not_judged());
                }
                Waited::Unknown => {}
            }
        }
        asked.push(next);
        ensure(asked.len() <= 4, || {
            Failure::wrong(t!(
                "lab05-never-gives-up",
                "the client keeps asking: it never gives up"
            ))
            .expected(t!(
                "lab05-3-or-4-then-error",
                "3 requests (or 4), then an error"
            ))
            .got(t!(
                "lab05-still-running",
                "{asked} requests, and it is still running",
                asked = asked.len()
            ))
        })?;
    }
    ensure(asked.len() >= 3, || {
        Failure::wrong(t!(
            "lab05-gave-up-after",
            "the client gave up after {asked} request(s)",
            asked = asked.len()
        ))
        .expected(t!(
            "lab05-3-or-4-apart",
            "3 requests (or 4), {retry} ms apart (--retry-ms {retry}), then an error",
            retry = retry.as_str()
        ))
        .got(format!("{}", asked.len()))
    })?;
    common::expect_error_exit(
        ctx,
        &client,
        &t!(
            "lab05-give-up-after-last",
            "it should give up after its last try"
        ),
        &[],
    )?;
    // Everything else was judged; whether it asked again too late could not be.
    if too_busy && !judged {
        return Err(too_busy_for_the_gap());
    }
    Ok(())
}

/// One exchange of the protocol: the server works where it said it listens.
fn time_once(ctx: &mut Ctx, server: &Server) -> Result<(), Failure> {
    let mut conn = ctx.connect(server.addr)?;
    conn.send_line("TIME")?;
    let line = conn.read_line(reply_to_time())?;
    parse_reply(&line).map(|_| ())
}
