//! Checks that more than one lab uses.

use std::net::{SocketAddr, TcpStream};

use crate::harness::program::describe_exit;
use crate::harness::{Conn, Ctx, Failure, Kind, Program, REPLY, ensure, find_panics};

/// Expects `program` to give up: exit non-zero, without a panic, with a
/// message on stderr that mentions every one of `mentions` (any case).
pub fn expect_error_exit(
    ctx: &Ctx,
    program: &Program,
    why: &str,
    mentions: &[&str],
) -> Result<(), Failure> {
    let status = ctx.expect_exit(program, why)?;
    let stderr = program.stderr();
    ensure(find_panics(&stderr).is_empty(), || {
        Failure::wrong(format!(
            "the {} panicked instead of reporting the error",
            program.label()
        ))
        .expected("a message on stderr and a non-zero exit status")
        .got(stderr.trim().to_string())
    })?;
    ensure(!status.success(), || {
        Failure::wrong(format!(
            "the {} exited with status 0 although it failed",
            program.label()
        ))
        .expected("a non-zero exit status")
        .got(describe_exit(status))
    })?;
    let lower = stderr.to_lowercase();
    let missing: Vec<&str> = mentions
        .iter()
        .copied()
        .filter(|m| !lower.contains(&m.to_lowercase()))
        .collect();
    ensure(missing.is_empty(), || {
        Failure::wrong(format!(
            "the {}'s error message does not say what went wrong",
            program.label()
        ))
        .expected(format!(
            "a message on stderr mentioning {}",
            quoted(mentions)
        ))
        .got(format!("{:?}", stderr.trim()))
    })
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("{w:?}"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The student's client, pointed at a port where nothing listens, must say
/// "connection refused" and exit non-zero, without panicking.
pub fn client_refused(ctx: &mut Ctx) -> Result<(), Failure> {
    // Take a free port from the OS and close it again: nothing listens there.
    let addr = ctx.listen()?.addr();
    ctx.note(format!("nothing listens on {addr}"));
    let (host, port) = (addr.ip().to_string(), addr.port().to_string());
    let client = ctx.spawn("client", &["client", "--host", &host, "--port", &port])?;
    expect_error_exit(
        ctx,
        &client,
        "it should give up when the connection is refused",
        &["refused"],
    )
}

/// The server, told `--host <host>` (127.0.0.1 unless the run says
/// otherwise) and given `extra_args`, listens there and nowhere else: its
/// ready line shows the host, it serves a connection there (`served`: one
/// exchange of the lab's protocol, so a skeleton whose glue binds for the
/// student earns nothing here), and it refuses one at another loopback
/// address on the same port. Under IPv4
/// that address is a random 127.x.y.z (a server that listens on 0.0.0.0
/// accepts there); under `--host ::1` it is 127.0.0.1 (a server that
/// listens on `[::]` accepts IPv4 there too, as Linux does unless
/// net.ipv6.bindv6only is set; a server that listens on 0.0.0.0 shows it
/// in its ready line).
pub fn server_binds_only_its_host(
    ctx: &mut Ctx,
    extra_args: &[&str],
    served: impl FnOnce(&Ctx, &mut Conn) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let host = ctx.host();
    let server = ctx.start_server(extra_args)?;
    ensure(server.addr.ip() == host, || {
        Failure::wrong(format!(
            "the server was told to listen on {host}, but its ready line shows another address"
        ))
        .expected(format!(
            "listening on {} (the address the listening socket is bound to)",
            SocketAddr::new(host, server.addr.port())
        ))
        .got(format!("listening on {}", server.addr))
    })?;
    // It listens where it was told: the checker is served there...
    let mut conn = ctx.connect(server.addr)?;
    served(ctx, &mut conn)?;
    drop(conn);
    // ...and nowhere else.
    let elsewhere = SocketAddr::new(ctx.other_loopback(), server.addr.port());
    ctx.note(format!(
        "the checker connects to {elsewhere}: another loopback address, the server's port"
    ));
    let remaining = ctx
        .deadline(REPLY)
        .saturating_duration_since(std::time::Instant::now());
    match TcpStream::connect_timeout(&elsewhere, remaining) {
        Ok(_) => Err(Failure::wrong(format!(
            "the server accepted a connection at {elsewhere}, although it was told to listen on {host} only"
        ))
        .expected(format!(
            "connection refused at {elsewhere}: a socket bound to {host} is reached only there"
        ))
        .got(format!(
            "connected: the listening socket is bound to every address ({}), not to {host}",
            if host.is_ipv4() { "0.0.0.0" } else { "[::]" }
        ))),
        Err(e) => {
            ctx.note(format!("connect to {elsewhere}: {e} (as it should be)"));
            Ok(())
        }
    }
}

/// Starts the student's client with `--host <ip> --port <port>` and
/// `extra_args`, where ip:port is a listener of the checker's on a
/// loopback address that is not 127.0.0.1 (under IPv6, ::1), and waits
/// for the client to connect. A client that dials 127.0.0.1 whatever
/// `--host` says is refused and never arrives. Returns the client and the
/// accepted connection, for a lab that wants to go on talking.
pub fn client_dials_its_host(
    ctx: &mut Ctx,
    extra_args: &[&str],
) -> Result<(Program, Conn), Failure> {
    let mut listener = ctx.listen_aside()?;
    let addr = listener.addr();
    ctx.note(format!("the checker listens on {addr}"));
    let (host, port) = (addr.ip().to_string(), addr.port().to_string());
    let mut args = vec!["client", "--host", &host, "--port", &port];
    args.extend_from_slice(extra_args);
    let client = ctx.spawn("client", &args)?;
    let conn = listener
        .accept(&client, ctx.deadline(REPLY))
        .map_err(|failure| Failure {
            message: format!(
                "the client, told --host {host}, did not reach the checker listening on {addr}: {}",
                failure.message
            ),
            expected: Some(format!(
                "a connection to {addr}, the --host and --port given"
            )),
            // Giving up on a refused connection is a fine reaction to the
            // wrong address; dialling the wrong address is the mistake.
            kind: match failure.kind {
                Kind::Crashed => Kind::Wrong,
                kind => kind,
            },
            ..failure
        })?;
    Ok((client, conn))
}

/// Where two byte strings first differ, said for a person.
pub fn compare_bytes(what: &str, expected: &[u8], got: &[u8]) -> Result<(), Failure> {
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
    Err(Failure::wrong(format!(
        "{what} differs from byte {at} on ({} bytes expected, {} received)",
        expected.len(),
        got.len()
    ))
    .expected(format!("{} at byte {at}", window(expected)))
    .got(if at >= got.len() {
        "nothing more".to_string()
    } else {
        format!("{} at byte {at}", window(got))
    }))
}
