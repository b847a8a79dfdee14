//! Lab 00: the echo server, its client, and the port errors.
//! Protocol: docs/labs/00-echo.md.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpListener};
use std::time::Duration;

use super::common::{self, compare_bytes, expect_error_exit};
use super::{Hint, Hints, Lab, On, Rule, TestCase};
use crate::harness::{Ctx, Failure, REPLY, ScriptedListener, Server, ensure};
use crate::i18n::Text;
use crate::t;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[
    Rule {
        id: "00-echo-byte-exact",
        says: "Everything received on a connection is sent back unchanged, byte for byte (any bytes, not only text).",
        unchecked: None,
    },
    Rule {
        id: "00-echo-as-it-arrives",
        says: "The echo goes back as the bytes arrive: there are no lines, and the server doesn't wait for the end.",
        unchecked: None,
    },
    Rule {
        id: "00-close-after-half-close",
        says: "When the client shuts down its sending side, the server has sent everything back and closes the connection.",
        unchecked: None,
    },
    Rule {
        id: "00-clients-one-after-another",
        says: "Clients are served one after another, forever.",
        unchecked: None,
    },
    Rule {
        id: "00-reset-ends-its-connection",
        says: "A client that vanishes (its connection reset) ends its own connection, not the server.",
        unchecked: None,
    },
    Rule {
        id: "00-listens-on-host",
        says: "The server listens on the address it is given and nowhere else, and its ready line `listening on <ip>:<port>` shows the address it bound.",
        unchecked: None,
    },
    Rule {
        id: "00-server-defaults",
        says: "Without `--host` the server listens on 127.0.0.1, and without `--port` on port 7700.",
        unchecked: None,
    },
    Rule {
        id: "00-ipv6",
        says: "`--host` takes an IPv6 address too: with `--host ::1` the server listens on the IPv6 loopback.",
        unchecked: None,
    },
    Rule {
        id: "00-port-in-use",
        says: "If its port is in use, the server exits with a non-zero status, without a ready line or a panic, and a message on stderr that names the port and gives the system's reason (`Address already in use`).",
        unchecked: None,
    },
    Rule {
        id: "00-privileged-port",
        says: "On a port below 1024, without the privilege to listen there, the server exits with a non-zero status, without a panic, and a message on stderr that gives the system's reason (`Permission denied`).",
        unchecked: None,
    },
    Rule {
        id: "00-reuse-address",
        says: "The server sets `SO_REUSEADDR`: started again right away, it listens on its port although old connections are in TIME_WAIT there.",
        unchecked: None,
    },
    Rule {
        id: "00-client-echo",
        says: "The client connects to the `--host` and `--port` it is given (by default port 7700), sends `--message` (by default `hello, echo`), shuts down its sending side, reads until the server closes, and exits 0.",
        unchecked: None,
    },
    Rule {
        id: "00-client-default-host",
        says: "Without `--host` the client connects to 127.0.0.1.",
        unchecked: Some(
            "the checker would have to listen on 127.0.0.1:7700, where the student's own server or another program may be listening, and a connection arriving there is not surely the client's",
        ),
    },
    Rule {
        id: "00-client-prints-echo",
        says: "The client prints what came back, with a newline if it had none (and only then).",
        unchecked: None,
    },
    Rule {
        id: "00-client-cannot-connect",
        says: "If the client cannot connect, it exits with a non-zero status, without a panic, and a message on stderr that gives the system's reason (`Connection refused`).",
        unchecked: None,
    },
];

/// A server that gave up on its port but said too little: main.rs words
/// the error from its kind, which an error made anew no longer has.
const BIND_ERROR_LOST: Hint = Hint {
    id: "bind-error-lost",
    on: &[On::Says("error-message-vague")],
    levels: &[
        "the server gave up, but its message does not say what went wrong: the handout asks for a message on stderr with the port and the system's reason",
        "main.rs words the error from its kind (ErrorKind::AddrInUse, PermissionDenied) and prints it on stderr: look there, and at whether the io::Error of bind() reaches it unchanged",
        "let bind() return the system's io::Error as it is, not an error of your own in its place, and keep main.rs's message, which names the port and the reason, on stderr",
    ],
};

/// A server whose bind() failed unseen: listen() then takes a port of
/// the system's choosing, and the server runs on a port nobody asked for.
const LISTENS_ON_TAKEN_PORT: Hint = Hint {
    id: "listens-on-taken-port",
    on: &[On::Says("lab00-listening-on-taken-port")],
    levels: &[
        "the server printed its ready line although its port was taken: it must give up, not listen somewhere else",
        "look at bind() in listener.rs: an error that is dropped there (let _ = ..., .ok()) goes unseen, and listen() then takes any free port",
        "return the Result of socket.bind() (with `?` or as it is), so that open_listener() stops at a taken port",
    ],
};

/// A client that printed the echo with a newline too many or too few.
const CLIENT_NEWLINE: Hint = Hint {
    id: "client-newline",
    on: &[On::Says("lab00-client-newlines")],
    levels: &[
        "the client printed the echo, but not with exactly one newline at its end: it adds one only if the echo had none",
        "main.rs prints what client::run() returned: look at how it adds the newline there (println! always adds one), and check that run() returns the bytes that came back unchanged",
        "write the echo to stdout as it came, then \"\\n\" only if it does not already end with one",
    ],
};

pub const LAB: Lab = Lab {
    number: 0,
    name: "echo",
    title: "echo server and ports",
    rules: RULES,
    tests: &[
        TestCase {
            name: "short-message",
            points: 2,
            rules: &["00-echo-as-it-arrives", "00-echo-byte-exact"],
            checks: "a short message (no newline: an echo has no lines) is echoed as it arrives, before the client stops sending",
            hints: Hints::of(&[
                "the echo must come back as the bytes arrive, while the client is still sending: an echo has no lines, and no end to wait for",
                "look at echo() in server.rs: what does it do with the bytes one read() returns? Waiting for a newline, or gathering everything until the end of the stream, holds them back",
                "write back each piece as soon as read() returns it, before reading again; don't wait for a newline or for the end of the stream",
            ]),
            run: short_message,
        },
        TestCase {
            name: "large-binary",
            points: 3,
            rules: &["00-echo-byte-exact", "00-close-after-half-close"],
            checks: "1 MiB of random bytes (every byte value) is echoed byte-exact, then the server closes",
            hints: Hints::of(&[
                "a large message must come back exactly as it was sent: every byte unchanged, whatever its value, and then the connection closes once the client has finished sending",
                "look at echo() in server.rs: one read() gets only part of the message and fills only part of the buffer; check how many bytes you write back, that the bytes are never turned into text, and when the loop stops",
                "loop: read() into a buffer, write_all() exactly the bytes read (&buf[..n]); stop when read() returns 0",
            ]),
            run: large_binary,
        },
        TestCase {
            name: "many-small-pieces",
            points: 2,
            rules: &["00-echo-byte-exact", "00-close-after-half-close"],
            checks: "a message sent in 20 small pieces with pauses is echoed whole",
            hints: Hints::of(&[
                "a message that arrives in small pieces, with pauses between them, must come back whole: a pause is not the end of the message",
                "look at when echo() in server.rs stops: one read() returns whatever has arrived so far, here a few bytes; a short read is not the end, only a read of 0 bytes is",
                "keep reading and writing back in a loop until read() returns 0, however little each read() returns",
            ]),
            run: many_small_pieces,
        },
        TestCase {
            name: "close-after-half-close",
            points: 2,
            rules: &["00-close-after-half-close"],
            checks: "after the client shuts down its sending side, the server sends the rest and closes",
            hints: Hints::of(&[
                "once the client has said it has finished sending, the server must send back the rest and close the connection: look at what the server does when the client is done",
                "in echo() in server.rs, a read() that returns 0 is the client's half-close: after it, the connection is closed only when the stream is dropped",
                "read() returning 0 means the client has finished sending: leave the loop so the stream is dropped and the connection closed; don't read again",
            ]),
            run: close_after_half_close,
        },
        TestCase {
            name: "several-clients",
            points: 2,
            rules: &["00-clients-one-after-another"],
            checks: "three clients one after another each get their own echo",
            hints: Hints::of(&[
                "after one client has finished, the server must serve the next one: clients are served one after another, forever",
                "look at serve() in server.rs: what happens once echo() has returned for one client? The accept loop must not end there",
                "accept() in a loop; one finished client must not stop the server: echo each accepted stream, then go back to accept()",
            ]),
            run: several_clients,
        },
        TestCase {
            name: "connection-reset",
            points: 1,
            rules: &["00-reset-ends-its-connection"],
            checks: "a client that resets its connection (RST, as a crashed one does) does not stop the server: the next client gets its echo",
            hints: Hints::of(&[
                "a client that vanishes (its connection reset, as when it crashes) must end only its own connection: the next client must still get its echo",
                "look at serve() in server.rs: echo() returns an error for the reset connection (Connection reset by peer); passed up with `?`, that error ends the whole server",
                "an error on one connection ends that connection only: print it (eprintln!) and go back to accept() instead of returning it from the accept loop",
            ]),
            run: connection_reset,
        },
        TestCase {
            name: "port-in-use",
            points: 2,
            rules: &["00-port-in-use"],
            checks: "on a port that is already in use the server exits non-zero with a message naming the port, no panic",
            hints: Hints::of(&[
                "a port that is taken is an error to report, not a reason to panic: look at what the server does when bind() fails",
                "bind() returns an io::Error (AddrInUse, or PermissionDenied below 1024): pass it up from the function that binds, and main.rs prints it and exits non-zero",
                "return bind()'s error with `?` instead of unwrap(): main.rs explains it",
            ])
            .on(&[LISTENS_ON_TAKEN_PORT, BIND_ERROR_LOST]),
            run: port_in_use,
        },
        TestCase {
            name: "restart-same-port",
            points: 2,
            rules: &["00-reuse-address"],
            checks: "the server can listen again on the same port right after a connection ended (TIME_WAIT)",
            hints: Hints::of(&[
                "started again right away on the same port, the server must listen there, although connections of its first run still hold the port (TIME_WAIT): the handout says what the server must allow",
                "look at allow_address_reuse() in listener.rs, and at the order of the calls in open_listener(): the socket option counts only if it is set before bind()",
                "set SO_REUSEADDR (socket.set_reuse_address(true)) before bind()",
            ]),
            run: restart_same_port,
        },
        TestCase {
            name: "ipv6",
            points: 1,
            rules: &["00-ipv6"],
            checks: "`--host ::1` listens on the IPv6 loopback and echoes",
            hints: Hints::of(&[
                "with `--host ::1` the server must listen on the IPv6 loopback, not fail and not listen on IPv4",
                "look at create_socket() in listener.rs: an IPv4 socket can't bind an IPv6 address, so the socket's family must be the address's",
                "create the socket with the domain of the address: Domain::for_address(addr), not always Domain::IPV4",
            ]),
            run: ipv6,
        },
        TestCase {
            name: "privileged-port",
            points: 1,
            rules: &["00-privileged-port"],
            checks: "a port below 1024 without privileges: non-zero exit and a message on stderr with the system's reason (Permission denied), no panic (skipped as root)",
            hints: Hints::of(&[
                "a port the server may not use is an error to report, not a reason to panic: look at what the server does when the system refuses it a port",
                "bind() returns an io::Error of kind PermissionDenied for a port below 1024: pass it up from the function that binds, and main.rs prints it and exits non-zero",
                "return bind()'s error instead of unwrap(): main.rs explains \"permission denied\"",
            ])
            .on(&[BIND_ERROR_LOST]),
            run: privileged_port,
        },
        TestCase {
            name: "server-host",
            points: 1,
            rules: &["00-listens-on-host", "00-server-defaults"],
            checks: "told `--host 127.0.0.1`, the server listens there and nowhere else: its ready line shows 127.0.0.1, and another loopback address (127.x.y.z) is refused; without `--host` it listens on 127.0.0.1, without `--port` on 7700",
            hints: Hints::of(&[
                "the server must listen on the address it is told (--host) and nowhere else, and its ready line must show that address; without --host and --port it listens on 127.0.0.1, port 7700",
                "look at the address bind() gets in listener.rs: it must be the one open_listener() was given (--host and --port), not 0.0.0.0, which is every address of the machine",
                "bind() to the --host address you were given, not to 0.0.0.0, and print the address you bound",
            ])
            .on(common::SERVER_HOST),
            run: |ctx| {
                common::server_binds_only_its_host(ctx, &[], echo_once)?;
                common::server_defaults(ctx, DEFAULT_PORT, echo_once)
            },
        },
        TestCase {
            name: "client-echo",
            points: 2,
            rules: &["00-client-echo", "00-client-prints-echo"],
            checks: "the client sends its message, half-closes, prints all that came back (in two pieces, until the server closed), with a newline only if it had none, and exits 0; without `--port` and `--message` it sends `hello, echo` to port 7700",
            hints: Hints::of(&[
                "the client must send everything, say it has finished, and only then read the whole echo: look at what tells the server there is nothing more to come",
                "after write_all(), the server sees end of stream only once the client shuts down its writing half; read_to_end() then ends when the server closes",
                "after write_all(), stream.shutdown(Shutdown::Write), then read_to_end()",
            ])
            .on(&[CLIENT_NEWLINE]),
            run: client_echo,
        },
        TestCase {
            name: "client-refused",
            points: 1,
            rules: &["00-client-cannot-connect"],
            checks: "a client that finds no server exits non-zero with a message saying the connection was refused, not a panic",
            hints: Hints::of(&[
                "a refused connection is an error to report, not a reason to panic: look at what the client does when connect() fails",
                "connect() returns an io::Error whose kind is ConnectionRefused: pass it up from the function that connects, and main.rs prints it and exits non-zero",
                "return the connect() error with `?` instead of unwrap(): main.rs prints it",
            ])
            .on(common::CLIENT_PANICS),
            run: common::client_refused,
        },
    ],
};

/// What the checker reads back from the echo server.
fn the_echo() -> Text {
    t!("lab00-the-echo", "the echo")
}

fn whole_echo_then_end() -> Text {
    t!(
        "lab00-whole-echo-then-end",
        "the whole echo, then end of stream"
    )
}

fn short_message(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    // No newline: an echo has no lines, and a server that waits for one
    // before echoing holds this back.
    let message = b"hello, echo";
    conn.send(message)?;
    let echoed = conn.read_exact(
        message.len(),
        &t!(
            "lab00-echo-before-stop",
            "the echo, before the checker stops sending"
        ),
    )?;
    compare_bytes(the_echo(), message, &echoed)
}

fn large_binary(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut payload = ctx.rng().bytes(1 << 20);
    // Every byte value, NUL and 0xff included, near the start.
    payload[..256]
        .iter_mut()
        .enumerate()
        .for_each(|(i, b)| *b = i as u8);
    let mut conn = ctx.connect(server.addr)?;
    // Two pieces with a pause between them: the server's recv() sees a
    // short read in the middle, as on a real network.
    let split = ctx.rng().range(100_000, 900_000);
    let (first, second) = payload.split_at(split);
    let echoed = conn.send_and_read_to_end(
        &[first, second],
        Duration::from_millis(50),
        // As long as the echo keeps coming (a correct server may send it
        // a byte at a time), at most a minute in all.
        ctx.stretched(REPLY),
        ctx.deadline(REPLY * 20),
        whole_echo_then_end(),
    )?;
    compare_bytes(the_echo(), &payload, &echoed)
}

fn many_small_pieces(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let message: Vec<u8> = (0..60)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz0123456789"[i % 36])
        .collect();
    let mut conn = ctx.connect(server.addr)?;
    let pieces: Vec<&[u8]> = message.chunks(3).collect();
    conn.send_fragments(&pieces, Duration::from_millis(10))?;
    conn.shutdown_write()?;
    let echoed = conn.read_to_end(whole_echo_then_end())?;
    compare_bytes(the_echo(), &message, &echoed)
}

fn close_after_half_close(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    conn.send(b"abc")?;
    conn.shutdown_write()?;
    let echoed = conn.read_to_end(&t!(
        "lab00-abc-then-close",
        "\"abc\", then the server closing the connection"
    ))?;
    compare_bytes(the_echo(), b"abc", &echoed)
}

fn several_clients(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    for _ in 0..3 {
        let message = format!("client {}\n", ctx.rng().range(0, 1_000_000));
        let mut conn = ctx.connect(server.addr)?;
        let echoed = conn.send_and_read_to_end(
            &[message.as_bytes()],
            Duration::ZERO,
            ctx.stretched(REPLY),
            ctx.deadline(REPLY),
            the_echo(),
        )?;
        compare_bytes(the_echo(), message.as_bytes(), &echoed)?;
    }
    Ok(())
}

fn connection_reset(ctx: &mut Ctx) -> Result<(), Failure> {
    common::survives_a_reset(
        ctx,
        |_, conn| {
            conn.send(b"abc")?;
            let echoed = conn.read_exact(3, the_echo())?;
            compare_bytes(the_echo(), b"abc", &echoed)
        },
        echo_once,
    )
}

fn port_in_use(ctx: &mut Ctx) -> Result<(), Failure> {
    // The checker listens on a port first; the student's server must fail.
    let taken = ctx.listen()?;
    let host = taken.addr().ip().to_string();
    let port = taken.addr().port().to_string();
    ctx.note(t!(
        "lab00-checker-listens",
        "the checker is listening on {addr}",
        addr = taken.addr().to_string()
    ));
    let server = ctx.spawn("server", &["server", "--host", &host, "--port", &port])?;
    let result = expect_error_exit(
        ctx,
        &server,
        &t!(
            "lab00-exit-port-taken",
            "the port is taken, so it should exit"
        ),
        &[&port, "in use"],
    );
    if server.stdout().contains("listening on") {
        return Err(Failure::wrong(t!(
            "lab00-listening-on-taken-port",
            "the server says it is listening on a port that is already in use"
        ))
        .expected(t!(
            "lab00-error-port-in-use",
            "an error: the port is in use"
        ))
        .got(server.stdout().trim().to_string()));
    }
    result
}

fn restart_same_port(ctx: &mut Ctx) -> Result<(), Failure> {
    let first = ctx.start_server(&[])?;
    let port = first.addr.port();
    let mut conn = ctx.connect(first.addr)?;
    conn.send(b"ping")?;
    conn.read_exact(4, &t!("lab00-echo-of-ping", "the echo of \"ping\""))?;
    // Stop the server while the connection is open: its side of the
    // connection is closed first, so it is the one left in TIME_WAIT.
    ctx.note(t!(
        "lab00-stops-server",
        "the checker stops the server while the connection is open"
    ));
    first.program.kill();
    ctx.expect_exit(&first.program, &t!("lab00-was-killed", "it was killed"))?;
    conn.read_to_end(&t!(
        "lab00-end-from-stopped",
        "end of stream from the stopped server"
    ))?;
    drop(conn);
    ctx.note(t!(
        "lab00-time-wait",
        "port {port} now has a connection in TIME_WAIT; starting the server on it again",
        port = port.to_string()
    ));
    let second = ctx
        .start_server_on(ctx.host(), port, &[])
        .map_err(|failure| Failure {
            message: t!(
                "lab00-could-not-listen-again",
                "the server could not listen on port {port} again right after a connection ended: {why}",
                port = port.to_string(),
                why = failure.message.clone()
            ),
            ..failure
        })?;
    let mut conn = ctx.connect(second.addr)?;
    let echoed = conn.send_and_read_to_end(
        &[b"again"],
        Duration::ZERO,
        ctx.stretched(REPLY),
        ctx.deadline(REPLY),
        the_echo(),
    )?;
    compare_bytes(the_echo(), b"again", &echoed)
}

fn ipv6(ctx: &mut Ctx) -> Result<(), Failure> {
    if TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).is_err() {
        return Err(Failure::skipped(t!(
            "lab00-no-ipv6",
            "this machine has no IPv6 loopback (::1)"
        )));
    }
    let server = ctx.start_server_on(IpAddr::V6(Ipv6Addr::LOCALHOST), 0, &[])?;
    ensure(server.addr.is_ipv6(), || {
        Failure::wrong(t!(
            "lab00-ipv4-not-ipv6",
            "the server was asked for ::1 but listens on IPv4"
        ))
        .expected(t!(
            "ready-line-at",
            "listening on {addr}",
            addr = "[::1]:<port>"
        ))
        .got(t!(
            "ready-line-at",
            "listening on {addr}",
            addr = server.addr.to_string()
        ))
    })?;
    let mut conn = ctx.connect(server.addr)?;
    let echoed = conn.send_and_read_to_end(
        &[b"over IPv6"],
        Duration::ZERO,
        ctx.stretched(REPLY),
        ctx.deadline(REPLY),
        the_echo(),
    )?;
    compare_bytes(the_echo(), b"over IPv6", &echoed)
}

fn privileged_port(ctx: &mut Ctx) -> Result<(), Failure> {
    let Some(port) = unprivileged_bind_refused() else {
        return Err(Failure::skipped(t!(
            "lab00-may-listen-anywhere",
            "the server would run with the right to listen on any port (root or CAP_NET_BIND_SERVICE; a checker run by root runs it as another user, unless told --run-as root), or this machine lets every user listen on every port (net.ipv4.ip_unprivileged_port_start is 0)"
        )));
    };
    let host = ctx.host().to_string();
    let port = port.to_string();
    let server = ctx.spawn("server", &["server", "--host", &host, "--port", &port])?;
    expect_error_exit(
        ctx,
        &server,
        &t!("lab00-may-not-listen", "it may not listen on that port"),
        &["permission"],
    )
}

/// A port below which the server may not listen, if there is one for it.
fn unprivileged_bind_refused() -> Option<u16> {
    let start: u16 = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1024);
    let port = start.checked_sub(1).filter(|&p| p > 0)?;
    // A root checker runs the server as another user (--run-as), whose
    // setuid() left it no capability: it is refused below `start`.
    if crate::harness::sandbox::settings().run_as.is_some() {
        return Some(port);
    }
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        return None;
    }
    // Bit 10 of the effective capabilities is CAP_NET_BIND_SERVICE.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let caps = status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .unwrap_or("0");
    if u64::from_str_radix(caps.trim(), 16).unwrap_or(0) & (1 << 10) != 0 {
        return None;
    }
    // Try it ourselves: only if we are refused is the test meaningful.
    match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Some(port),
        _ => None,
    }
}

/// The client's default `--message`.
const DEFAULT_MESSAGE: &str = "hello, echo";

/// The lab's port, the default of `--port`.
const DEFAULT_PORT: u16 = 7700;

fn client_echo(ctx: &mut Ctx) -> Result<(), Failure> {
    // A message of the test's own, and an echo without a newline: the
    // client prints it with one.
    let message = format!("echo {} zażółć", ctx.rng().range(0, 1_000_000));
    let listener = ctx.listen()?;
    let addr = listener.addr();
    let args = [
        "--host".to_string(),
        addr.ip().to_string(),
        "--port".to_string(),
        addr.port().to_string(),
        "--message".to_string(),
        message.clone(),
    ];
    client_prints_echo(ctx, listener, &args, &message, "")?;
    // The defaults (port 7700, message "hello, echo"), and an echo that
    // ends in a newline: the client prints it as it is, adding none.
    let (listener, args) = common::listen_on_default_port(ctx, DEFAULT_PORT)?;
    ctx.note(t!(
        "lab00-client-without-message",
        "the client is started without --message: it should send {message}",
        message = format!("{DEFAULT_MESSAGE:?}")
    ));
    client_prints_echo(ctx, listener, &args, DEFAULT_MESSAGE, "\n")
}

/// Starts the client with `args`, expects `message` and a half-close, and
/// sends back the message with a tag of the checker's and `end`, in two
/// pieces: what the client prints is what came back (with a newline if it
/// had none), not what it sent.
fn client_prints_echo(
    ctx: &mut Ctx,
    mut listener: ScriptedListener,
    args: &[String],
    message: &str,
    end: &str,
) -> Result<(), Failure> {
    let mut all = vec!["client"];
    all.extend(args.iter().map(String::as_str));
    let client = ctx.spawn("client", &all)?;
    let mut conn = listener.accept(&client, ctx.deadline(REPLY))?;
    let got = conn.read_to_end(&t!(
        "lab00-message-then-half-close",
        "the client's message, then its half-close (shutdown)"
    ))?;
    compare_bytes(
        &t!("lab00-what-client-sent", "what the client sent"),
        message.as_bytes(),
        &got,
    )?;
    let back = format!("{message} [{}]{end}", ctx.rng().range(0, 1_000_000));
    ctx.note(t!(
        "lab00-sends-back-tagged",
        "the checker sends back the message with a tag of its own, in two pieces"
    ));
    let (first, second) = back.as_bytes().split_at(back.len() / 2);
    conn.send_fragments(&[first, second], Duration::from_millis(30))?;
    drop(conn);
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab00-exit-after-server-closed",
            "it should exit after the server closed"
        ),
    )?;
    let stdout = client.stdout();
    let expected = if back.ends_with('\n') {
        back.clone()
    } else {
        format!("{back}\n")
    };
    ensure(stdout == expected, || {
        let message = if stdout.trim_end_matches('\n') == back.trim_end_matches('\n') {
            t!(
                "lab00-client-newlines",
                "the client printed what came back, but not with exactly one newline at the end (add one only if the echo had none)"
            )
        } else {
            t!(
                "lab00-client-did-not-print",
                "the client did not print what came back"
            )
        };
        Failure::wrong(message)
            .expected(t!(
                "lab00-on-stdout",
                "{line} on stdout",
                line = format!("{expected:?}")
            ))
            .got(format!("{stdout:?}"))
    })
}

/// One exchange of the protocol: the server works where it said it listens.
fn echo_once(ctx: &mut Ctx, server: &Server) -> Result<(), Failure> {
    let mut conn = ctx.connect(server.addr)?;
    let echoed = conn.send_and_read_to_end(
        &[b"here"],
        Duration::ZERO,
        ctx.stretched(REPLY),
        ctx.deadline(REPLY),
        the_echo(),
    )?;
    compare_bytes(the_echo(), b"here", &echoed)
}
