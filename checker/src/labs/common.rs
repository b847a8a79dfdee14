//! Checks that more than one lab uses.

use crate::harness::program::describe_exit;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use super::{Hint, On};
use crate::harness::{
    Conn, Ctx, Failure, Program, REPLY, ScriptedListener, Server, complete_lines, ensure,
    find_panics, sockets,
};
use crate::i18n::Text;
use crate::t;

/// The hints of a `server-host` test ([`server_binds_only_its_host`]),
/// for the two ways it fails (each lab's `labNN.ftl` has their Polish).
pub const SERVER_HOST: &[Hint] = &[
    Hint {
        id: "listens-everywhere",
        on: &[On::Says("listens-elsewhere")],
        levels: &[
            "the server answered at another address than the one it was told: it listens on every address of the machine",
            "look at the address given to bind(): 0.0.0.0 (or [::]) means every address; the address to bind is --host",
            "bind((host, port)) with the --host you were given, e.g. TcpListener::bind((host.as_str(), port)), never 0.0.0.0",
        ],
    },
    Hint {
        id: "ready-line-address",
        on: &[On::Says("ready-line-other-address")],
        levels: &[
            "the ready line shows another address than the one the server was told to listen on: it binds another address, or prints another one than it bound",
            "bind() to the --host address (not 0.0.0.0), and print the address the listener really has once bind() has returned: listener.local_addr()",
            "bind() to --host, then println!(\"listening on {}\", listener.local_addr()?)",
        ],
    },
];

/// The hint of a `client-refused` test ([`client_refused`]) whose client
/// panicked (each lab's `labNN.ftl` has its Polish).
pub const CLIENT_PANICS: &[Hint] = &[Hint {
    id: "client-panics",
    on: &[On::Says("panicked-instead-of-error")],
    levels: &[
        "the client panicked instead of saying what went wrong: an error from the network is news to report, not a bug",
        "look for unwrap() or expect() on what connect() returned: that is where the refused connection became a panic",
        "return connect()'s io::Error with `?` from the function that connects; main.rs prints it and exits non-zero",
    ],
}];

/// Expects `program` to give up: exit non-zero, without a panic, with a
/// message on stderr that mentions every one of `mentions` (any case).
pub fn expect_error_exit(
    ctx: &Ctx,
    program: &Program,
    why: impl Into<Text>,
    mentions: &[&str],
) -> Result<(), Failure> {
    let status = ctx.expect_exit(program, why)?;
    let stderr = program.stderr();
    ensure(find_panics(&stderr).is_empty(), || {
        Failure::wrong(t!(
            "panicked-instead-of-error",
            "the {label} panicked instead of reporting the error",
            label = Text::program(program.label())
        ))
        .expected(t!(
            "error-message-and-status",
            "a message on stderr and a non-zero exit status"
        ))
        .got(stderr.trim().to_string())
    })?;
    ensure(!status.success(), || {
        Failure::wrong(t!(
            "status-0-although-failed",
            "the {label} exited with status 0 although it failed",
            label = Text::program(program.label())
        ))
        .expected(t!("non-zero-status", "a non-zero exit status"))
        .got(describe_exit(status))
    })?;
    let lower = stderr.to_lowercase();
    let missing: Vec<&str> = mentions
        .iter()
        .copied()
        .filter(|m| !lower.contains(&m.to_lowercase()))
        .collect();
    ensure(missing.is_empty(), || {
        Failure::wrong(t!(
            "error-message-vague",
            "the {label}'s error message does not say what went wrong",
            label = Text::program(program.label())
        ))
        .expected(t!(
            "message-mentioning",
            "a message on stderr mentioning {words}",
            words = quoted(mentions)
        ))
        .got(format!("{:?}", stderr.trim()))
    })
}

fn quoted(words: &[&str]) -> Text {
    words
        .iter()
        .map(|w| Text::english(format!("{w:?}")))
        .reduce(|all, next| t!("and", "{all} and {next}", all = all, next = next))
        .unwrap_or_default()
}

/// The student's client, pointed at a port where nothing listens, must say
/// "connection refused" and exit non-zero, without panicking.
pub fn client_refused(ctx: &mut Ctx) -> Result<(), Failure> {
    // Take a free port from the OS and close it again: nothing listens there.
    let addr = ctx.listen()?.addr();
    let (host, port) = (addr.ip().to_string(), addr.port().to_string());
    ctx.note(t!(
        "nothing-listens-on",
        "nothing listens on {addr}",
        addr = addr.to_string()
    ));
    let client = ctx.spawn("client", &["client", "--host", &host, "--port", &port])?;
    expect_error_exit(
        ctx,
        &client,
        &t!(
            "give-up-when-refused",
            "it should give up when the connection is refused"
        ),
        &["refused"],
    )
}

/// A server told `--host 127.0.0.1` (the run's host) listens there and
/// nowhere else: its ready line shows 127.0.0.1, `works` (one exchange of
/// the lab's protocol) succeeds there, and a connection to the same port at
/// another loopback address is refused (a server bound to 0.0.0.0 would
/// accept it). Under `--host ::1` the other address is 127.0.0.1, which a
/// server bound to `[::]` accepts too (unless the machine sets
/// net.ipv6.bindv6only); one bound to 0.0.0.0 shows it in its ready line.
pub fn server_binds_only_its_host(
    ctx: &mut Ctx,
    extra: &[&str],
    works: fn(&mut Ctx, &Server) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let host = ctx.host();
    let server = ctx.start_server(extra)?;
    let elsewhere = ctx.other_loopback();
    listens_only_at(ctx, server, host, elsewhere, works)
}

/// The server listening at `host` (as its ready line said) works there
/// (`works`, one exchange of the lab's protocol), and a connection to the
/// same port at `elsewhere`, another loopback address, is refused.
fn listens_only_at(
    ctx: &mut Ctx,
    server: Server,
    host: IpAddr,
    elsewhere: IpAddr,
    works: fn(&mut Ctx, &Server) -> Result<(), Failure>,
) -> Result<(), Failure> {
    ensure(server.addr.ip() == host, || {
        Failure::wrong(t!(
            "ready-line-other-address",
            "the ready line does not show the address the server was told to listen on"
        ))
        .expected(t!(
            "ready-line-at",
            "listening on {addr}",
            addr = SocketAddr::new(host, server.addr.port()).to_string()
        ))
        .got(t!(
            "ready-line-at",
            "listening on {addr}",
            addr = server.addr.to_string()
        ))
    })?;
    works(ctx, &server)?;
    let elsewhere = SocketAddr::new(elsewhere, server.addr.port());
    ctx.note(t!(
        "told-host-tries-elsewhere",
        "the server was told --host {host}; the checker tries {elsewhere}",
        host = host.to_string(),
        elsewhere = elsewhere.to_string()
    ));
    match std::net::TcpStream::connect_timeout(&elsewhere, REPLY) {
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => Ok(()),
        // Another program on the machine (another grading, over IPv6 the
        // other address is 127.0.0.1) may listen at the same port there:
        // only the server's own listener counts against it.
        Ok(_) if !sockets::accepts_at(server.program.pid(), elsewhere) => Ok(()),
        Ok(_) => Err(Failure::wrong(t!(
            "listens-elsewhere",
            "the server accepted a connection at {elsewhere}: it listens on more than {host}",
            elsewhere = elsewhere.to_string(),
            host = host.to_string()
        ))
        .expected(t!(
            "refused-bind-host",
            "connection refused: bind() to the --host address only, not 0.0.0.0"
        ))
        .got(t!("connected", "connected"))),
        Err(e) => Err(Failure::checker(t!(
            "connect-to-failed",
            "connect to {addr}: {error}",
            addr = elsewhere.to_string(),
            error = e.to_string()
        ))),
    }
}

/// A loopback address of the test's own, 127.x.y.z but never 127.0.0.1,
/// whatever the run's host: where a test can take a port of the lab's own
/// (its default port) without meeting the student's server, or another
/// program, listening on 127.0.0.1. Not drawn from the run's seed: the
/// kit grades many programs at once with one seed, and each would take
/// the same address and find the port taken by another.
pub fn own_loopback() -> IpAddr {
    use std::hash::BuildHasher;
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let bits = std::collections::hash_map::RandomState::new()
        .hash_one((
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            std::time::SystemTime::now(),
        ))
        .to_le_bytes();
    let ip = Ipv4Addr::new(127, bits[0], bits[1], 1 + bits[2] % 254);
    if ip == Ipv4Addr::LOCALHOST {
        return own_loopback();
    }
    IpAddr::V4(ip)
}

/// The server's defaults: without `--host` it listens on 127.0.0.1 and
/// nowhere else; without `--port`, on the lab's `default_port` (tried on a
/// loopback address of the test's own, where nobody else listens; if a
/// program listens on that port at every address, that part is left out,
/// saying so). `works` is one exchange of the lab's protocol. A program
/// started from a command template is always given both, so there is
/// nothing to check for it.
pub fn server_defaults(
    ctx: &mut Ctx,
    default_port: u16,
    works: fn(&mut Ctx, &Server) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if !ctx.takes_defaults() {
        return Ok(());
    }
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    ctx.note(t!(
        "starts-without-host",
        "the checker starts the server without --host: it should listen on {host}",
        host = localhost.to_string()
    ));
    let program = ctx.spawn("server", &["server", "--port", "0"])?;
    let addr = ctx.wait_ready(&program)?;
    let elsewhere = own_loopback();
    listens_only_at(ctx, Server { addr, program }, localhost, elsewhere, works)?;
    let ip = own_loopback();
    let wanted = SocketAddr::new(ip, default_port);
    if let Err(e) = std::net::TcpListener::bind(wanted) {
        ctx.note(t!(
            "default-port-taken",
            "port {port} is taken at {addr} ({error}): another program listens on it at every address, so the server's default port is not tried",
            port = default_port.to_string(),
            addr = wanted.to_string(),
            error = e.to_string()
        ));
        return Ok(());
    }
    ctx.note(t!(
        "starts-without-port",
        "the checker starts the server without --port: it should listen on port {port}",
        port = default_port.to_string()
    ));
    let program = ctx.spawn("server", &["server", "--host", &ip.to_string()])?;
    let addr = ctx.wait_ready(&program)?;
    ensure(addr == wanted, || {
        Failure::wrong(t!(
            "not-default-port",
            "without --port the server does not listen on the lab's port {port}",
            port = default_port.to_string()
        ))
        .expected(t!(
            "ready-line-at",
            "listening on {addr}",
            addr = wanted.to_string()
        ))
        .got(t!(
            "ready-line-at",
            "listening on {addr}",
            addr = addr.to_string()
        ))
    })?;
    works(ctx, &Server { addr, program })
}

/// A listener of the checker's for a client test that leaves `--port` out:
/// on the lab's `default_port`, at a loopback address of the test's own.
/// Returns it with the client's `--host` and, where the default can't be
/// used (a command template, which is always given a port, or a program
/// listening on that port at every address, said in a note), `--port`.
pub fn listen_on_default_port(
    ctx: &mut Ctx,
    default_port: u16,
) -> Result<(ScriptedListener, Vec<String>), Failure> {
    if ctx.takes_defaults() {
        let wanted = SocketAddr::new(own_loopback(), default_port);
        match ScriptedListener::bind(
            wanted,
            ctx.transcript().clone(),
            ctx.stretched(REPLY),
            ctx.waiters().clone(),
        ) {
            Ok(listener) => {
                ctx.note(t!(
                    "client-without-port",
                    "the client is started without --port: it should connect to port {port}",
                    port = default_port.to_string()
                ));
                return Ok((
                    listener,
                    vec!["--host".to_string(), wanted.ip().to_string()],
                ));
            }
            Err(failure) => ctx.note(t!(
                "default-port-taken-client",
                "the checker can't listen on {addr} ({error}): the client's default port is not tried",
                addr = wanted.to_string(),
                error = failure.message.clone()
            )),
        }
    }
    let listener = ctx.listen()?;
    let addr = listener.addr();
    Ok((
        listener,
        vec![
            "--host".to_string(),
            addr.ip().to_string(),
            "--port".to_string(),
            addr.port().to_string(),
        ],
    ))
}

/// A client that resets its connection (an RST, as when a client crashes)
/// must not stop the server: after `exchange` on a connection the checker
/// then resets, `works` (one exchange of the lab's protocol) succeeds on a
/// new one. A server that returns the connection's error from its accept
/// loop fails.
pub fn survives_a_reset(
    ctx: &mut Ctx,
    exchange: fn(&mut Ctx, &mut Conn) -> Result<(), Failure>,
    works: fn(&mut Ctx, &Server) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut gone = ctx.connect_on_demand(server.addr)?;
    exchange(ctx, &mut gone)?;
    ctx.note(t!(
        "client-resets",
        "the client resets its connection, as one that crashed does; the server should go on serving others"
    ));
    gone.reset();
    works(ctx, &server)
}

/// Where two byte strings first differ, said for a person.
/// `what` is said as it is (`&str`) or translated (`t!(...)`).
pub fn compare_bytes(what: impl Into<Text>, expected: &[u8], got: &[u8]) -> Result<(), Failure> {
    if expected == got {
        return Ok(());
    }
    let at = expected
        .iter()
        .zip(got)
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(got.len()));
    let window = |bytes: &[u8]| {
        let end = (at + 24).min(bytes.len());
        format!("\"{}\"", crate::harness::escape(&bytes[at.min(end)..end]))
    };
    Err(Failure::wrong(t!(
        "differs-from-byte",
        "{what} differs from byte {at} on ({expected} bytes expected, {got} received)",
        what = what.into(),
        at = at,
        expected = expected.len(),
        got = got.len()
    ))
    .expected(t!(
        "at-byte",
        "{bytes} at byte {at}",
        bytes = window(expected),
        at = at
    ))
    .got(if at >= got.len() {
        t!("nothing-more", "nothing more")
    } else {
        t!(
            "at-byte",
            "{bytes} at byte {at}",
            bytes = window(got),
            at = at
        )
    }))
}

/// Types a line into a client (its stdin), as a person at its keyboard.
pub fn type_into(ctx: &Ctx, client: &Program, line: &str) -> Result<(), Failure> {
    ctx.transcript()
        .sent("keyboard", format!("{line}\n").as_bytes());
    client
        .write_stdin(format!("{line}\n").as_bytes())
        .map_err(|e| {
            Failure::wrong(t!(
                "could-not-type",
                "could not type into the client (stdin): {error}",
                error = e.to_string()
            ))
        })
}

/// How much a program has written on stdout so far: give it to
/// [`stdout_shows`] to look only at what comes later.
pub fn stdout_len(program: &Program) -> usize {
    program.with_state(|s| s.stdout.len())
}

/// How much a program has written on stderr so far (also what was cut from
/// the middle of a long stderr).
pub fn stderr_len(program: &Program) -> usize {
    program.with_state(|s| s.stderr.len() + s.stderr_cut + s.stderr_tail.len())
}

/// Waits until the program's stdout, after byte `from`, has a complete line
/// that `matches`; `what` says which line, for the report.
pub fn stdout_shows(
    ctx: &Ctx,
    program: &Program,
    from: usize,
    what: impl Into<Text>,
    matches: impl Fn(&str) -> bool,
) -> Result<(), Failure> {
    let found = program.wait_for(ctx.deadline(REPLY), |s| {
        complete_lines(&s.stdout[from.min(s.stdout.len())..])
            .any(|line| matches(&line))
            .then_some(())
    });
    found.ok_or_else(|| {
        let stdout = program.stdout();
        Failure::wrong(t!(
            "stdout-did-not-show",
            "the {label}'s stdout did not show it",
            label = Text::program(program.label())
        ))
        .expected(what.into())
        .got(format!(
            "{:?}",
            stdout.get(from.min(stdout.len())..).unwrap_or_default()
        ))
    })
}

/// Starts the student's client against the checker playing the server (a
/// listener on a loopback address of the test's own) and returns it with
/// the connection it made. `extra` are the client's other flags. The report
/// shows the lab's `default_port`, where a student can play the server by
/// hand with nc.
pub fn client_against_checker(
    ctx: &mut Ctx,
    default_port: u16,
    extra: &[&str],
) -> Result<(Program, Conn), Failure> {
    let mut listener = ctx.listen()?;
    let host = listener.addr().ip().to_string();
    let port = listener.addr().port().to_string();
    let shown_host = ctx.host().to_string();
    let shown_port = default_port.to_string();
    let mut args = vec!["client", "--host", &host, "--port", &port];
    let mut shown = vec!["client", "--host", &shown_host, "--port", &shown_port];
    args.extend_from_slice(extra);
    shown.extend_from_slice(extra);
    ctx.note(t!(
        "checker-plays-server",
        "the checker plays the server on {addr}; to try this by hand, play it in another \
         terminal first: nc -l {host} {port}; then paste the `run it:` command and type \
         the server's lines into nc",
        addr = listener.addr().to_string(),
        host = ctx.host().to_string(),
        port = default_port.to_string()
    ));
    let client = ctx.spawn_shown("client", &args, &shown)?;
    let conn = listener.accept(&client, ctx.deadline(REPLY))?;
    Ok((client, conn))
}
