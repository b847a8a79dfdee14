//! `--trace`: each solution narrates its socket calls on stderr, in the
//! order it makes them, naming the peer of each connection; and its stdout
//! (the ready line, the client's output, which the checker reads) is the
//! same with tracing as without.

#[allow(unused_macros)]
mod common;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use checker::harness::{Ctx, Program};
use checker::labs::{Lab, lab00, lab01, lab02, lab03, lab04, lab05};

fn ctx(lab: &Lab) -> Ctx {
    let options = common::options();
    Ctx::new(common::built(lab, true), options.timeout_scale, 1)
}

fn deadline() -> Instant {
    Instant::now() + Duration::from_secs(10).mul_f64(common::options().timeout_scale)
}

/// Whether `line` has the parts of `step` between its `*`s, in order (a
/// `*` stands for any text).
fn matches(line: &str, step: &str) -> bool {
    let mut rest = line;
    step.split('*').all(|part| match rest.find(part) {
        Some(at) => {
            rest = &rest[at + part.len()..];
            true
        }
        None => false,
    })
}

/// Whether `steps` occur in `text` in this order, each on a line of its own.
fn in_order(text: &str, steps: &[String]) -> Result<(), String> {
    let mut lines = text.lines();
    for step in steps {
        if !lines.any(|line| matches(line, step)) {
            return Err(step.clone());
        }
    }
    Ok(())
}

/// Waits until `program`'s stderr narrates `steps` in this order.
fn narrates(program: &Program, steps: &[String]) {
    let found = program.wait_for(deadline(), |state| {
        in_order(&String::from_utf8_lossy(&state.stderr), steps).ok()
    });
    if found.is_none() {
        let stderr = program.stderr();
        let missing = in_order(&stderr, steps).unwrap_err();
        panic!(
            "the {} did not narrate {missing:?} (after the steps before it, in order: {steps:#?}); its stderr:\n{stderr}",
            program.label()
        );
    }
}

/// Runs a client to its end and returns its stdout and stderr.
fn run(ctx: &mut Ctx, args: &[&str]) -> (String, String) {
    let program = ctx.spawn("client", args).unwrap();
    let status = program.wait_exit(deadline());
    assert!(
        status.is_some_and(|s| s.success()),
        "`{}` ended with {status:?}; stderr:\n{}",
        program.command_line(),
        program.stderr()
    );
    (program.stdout(), program.stderr())
}

/// Runs a program to its end with `--trace` and without: stdout must be
/// the same, and the quiet run's stderr must narrate nothing. Returns the
/// stdout and the traced run's stderr.
fn traced_and_plain(ctx: &mut Ctx, args: &[&str]) -> (String, String) {
    let (traced, narration) = run(ctx, &[args, &["--trace"]].concat());
    let (plain, quiet) = run(ctx, args);
    assert_eq!(
        traced,
        plain,
        "`{}`: stdout with --trace and without",
        args.join(" ")
    );
    no_narration(&quiet, args[0]);
    (traced, narration)
}

/// The address a traced client's connect() came from: the peer its server's
/// lines name.
fn connected_from(stderr: &str, server: SocketAddr) -> SocketAddr {
    let marker = format!("connect({server}) → from ");
    stderr
        .lines()
        .find_map(|line| {
            line.split_once(&marker)
                .map(|(_, from)| from.parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no {marker:?} in the client's stderr:\n{stderr}"))
}

fn no_narration(stderr: &str, who: &str) {
    for call in ["socket(", "accept()", "recv()", "send(", "close()"] {
        assert!(
            !stderr.contains(call),
            "the {who} ran without --trace but printed {call:?}:\n{stderr}"
        );
    }
}

fn steps(steps: &[&str]) -> Vec<String> {
    steps.iter().map(|s| s.to_string()).collect()
}

#[test]
fn lab01_narrates_an_exchange_and_keeps_stdout() {
    let mut ctx = ctx(&lab01::LAB);
    let server = ctx.start_server(&["--trace"]).unwrap();
    let addr = server.addr;
    let port = addr.port().to_string();
    let client = ["client", "--host", "127.0.0.1", "--port", &port];

    let (out, narration) = traced_and_plain(&mut ctx, &client);
    assert_eq!(out, "Hello from server\n", "the client's stdout");

    let from = connected_from(&narration, addr);
    narrates(
        &server.program,
        &[
            "socket(AF_INET, SOCK_STREAM)".to_string(),
            "setsockopt(SO_REUSEADDR, 1)".to_string(),
            format!("bind(127.0.0.1:0) → {addr}"),
            "listen(128)".to_string(),
            format!("accept() → {from}"),
            format!("[{from}] recv() → 6 bytes \"Hello\\n\""),
            format!("[{from}] send(18 bytes \"Hello from server\\n\")"),
            format!("[{from}] close()"),
        ],
    );
    let client_steps = [
        "socket(AF_INET, SOCK_STREAM)".to_string(),
        format!("connect({addr}) → from {from}"),
        format!("[{addr}] send(6 bytes \"Hello\\n\")"),
        format!("[{addr}] recv() → 18 bytes \"Hello from server\\n\""),
        format!("[{addr}] close()"),
    ];
    in_order(&narration, &client_steps).unwrap_or_else(|missing| {
        panic!("the client did not narrate {missing:?} in order; its stderr:\n{narration}")
    });
    assert_eq!(
        server.program.stdout(),
        format!("listening on {addr}\n"),
        "the traced server's stdout is its ready line alone"
    );
}

#[test]
fn lab01_without_trace_narrates_nothing() {
    let mut ctx = ctx(&lab01::LAB);
    let server = ctx.start_server(&["--once"]).unwrap();
    let port = server.addr.port().to_string();
    run(&mut ctx, &["client", "--port", &port, "--message", "Time"]);
    server.program.wait_exit(deadline());
    no_narration(&server.program.stderr(), "server");
}

#[test]
fn lab00_narrates_the_calls_one_by_one_and_the_half_close() {
    let mut ctx = ctx(&lab00::LAB);
    let server = ctx.start_server(&["--trace"]).unwrap();
    let addr = server.addr;
    let port = addr.port().to_string();
    let client = ["client", "--port", &port, "--message", "hello, echo"];
    let (out, narration) = traced_and_plain(&mut ctx, &client);
    assert_eq!(out, "hello, echo\n");

    let from = connected_from(&narration, addr);
    narrates(
        &server.program,
        &[
            "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)".to_string(),
            "setsockopt(SO_REUSEADDR, 1)".to_string(),
            format!("bind(127.0.0.1:0) → {addr}"),
            "listen(128)".to_string(),
            format!("accept() → {from}"),
            format!("[{from}] recv() → 11 bytes \"hello, echo\""),
            format!("[{from}] send(11 bytes \"hello, echo\")"),
            format!("[{from}] recv() → 0 bytes (end of stream)"),
            format!("[{from}] close()"),
        ],
    );
    in_order(
        &narration,
        &[
            format!("[{addr}] send(11 bytes \"hello, echo\")"),
            format!("[{addr}] shutdown(SHUT_WR)"),
            format!("[{addr}] recv() → 11 bytes \"hello, echo\""),
            format!("[{addr}] recv() → 0 bytes (end of stream)"),
            format!("[{addr}] close()"),
        ],
    )
    .unwrap_or_else(|missing| panic!("the client did not narrate {missing:?}:\n{narration}"));
}

#[test]
fn lab02_narrates_a_game_per_player_and_keeps_stdout() {
    let mut ctx = ctx(&lab02::LAB);
    let server = ctx.start_server(&["--wins", "1", "--trace"]).unwrap();
    let addr = server.addr;
    let port = addr.port().to_string();
    // Player 1 is the traced client, typing on stdin; player 2 the checker.
    let client = ctx
        .spawn("client", &["client", "--port", &port, "--trace"])
        .unwrap();
    // (What arrives together may come in one recv().)
    narrates(&client, &steps(&["WAIT\\n\""]));
    let mut two = ctx.connect(addr).unwrap();
    two.expect_line_by("WELCOME 2", deadline()).unwrap();
    two.expect_line_by("START 1", deadline()).unwrap();
    two.expect_line_by("ROUND 1", deadline()).unwrap();
    client.write_stdin(b"kamien\n").unwrap();
    two.send_line("scissors").unwrap();
    two.expect_line_by("RESULT nożyce kamień LOSE 0:1", deadline())
        .unwrap();
    two.expect_line_by("GAME OVER LOSE 0:1", deadline())
        .unwrap();
    let status = client.wait_exit(deadline());
    assert!(status.is_some_and(|s| s.success()), "{status:?}");

    let one = connected_from(&client.stderr(), addr);
    let b = two.stream().local_addr().unwrap();
    narrates(
        &server.program,
        &[
            format!("accept() → {one}"),
            format!("[{one}] send(10 bytes \"WELCOME 1\\n\")"),
            format!("[{one}] send(5 bytes \"WAIT\\n\")"),
            format!("accept() → {b}"),
            format!("[{b}] send(10 bytes \"WELCOME 2\\n\")"),
            format!("[{one}] send(8 bytes \"START 1\\n\")"),
        ],
    );
    // Each player's lines in its own order (their readers are threads).
    narrates(
        &server.program,
        &[
            format!("[{one}] recv() → 8 bytes \"kamień\\n\""),
            format!("[{one}] send(31 bytes \"RESULT kamień nożyce WIN 1:0\\n\")"),
            format!("[{one}] send(18 bytes \"GAME OVER WIN 1:0\\n\")"),
            format!("[{one}] close()"),
        ],
    );
    narrates(
        &server.program,
        &[
            format!("[{b}] recv() → 9 bytes \"scissors\\n\""),
            format!("[{b}] send(32 bytes \"RESULT nożyce kamień LOSE 0:1\\n\")"),
            format!("[{b}] close()"),
        ],
    );
    // The client types the canonical word, in one send() with its newline.
    in_order(
        &client.stderr(),
        &[
            "ROUND 1\\n\"".to_string(),
            format!("[{addr}] send(8 bytes \"kamień\\n\")"),
            format!("[{addr}] close()"),
        ],
    )
    .unwrap_or_else(|missing| {
        panic!(
            "the client did not narrate {missing:?}:\n{}",
            client.stderr()
        )
    });
    let shown = client.stdout();
    assert!(
        shown.contains("You are player 1.") && !shown.contains("recv()"),
        "the client's stdout is the game in words, no trace lines:\n{shown}"
    );
}

#[test]
fn lab03_names_the_peer_of_every_line() {
    let mut ctx = ctx(&lab03::LAB);
    let server = ctx.start_server(&["--trace"]).unwrap();
    let mut alice = ctx.connect(server.addr).unwrap();
    alice.send_line("alice").unwrap();
    alice.expect_line_by("WELCOME alice", deadline()).unwrap();
    let mut bob = ctx.connect(server.addr).unwrap();
    bob.send_line("bob").unwrap();
    bob.expect_line_by("WELCOME bob", deadline()).unwrap();
    alice.send_line("hi bob").unwrap();
    bob.wait_for_line_by("alice: hi bob", deadline()).unwrap();
    let (a, b) = (
        alice.stream().local_addr().unwrap(),
        bob.stream().local_addr().unwrap(),
    );
    // Each connection's reads in their order, and its writes in theirs:
    // a connection's reader and writer are threads of their own, and the
    // line of a send() is printed once it returned, so a recv() of the
    // reader can come first in the narration although it happened after
    // (alice's "hi bob" follows her WELCOME; its recv() line may come
    // before WELCOME's send() line). The two users' threads interleave as
    // they please. A writer sends at once all the lines waiting for it,
    // so a line may share its send() with the lines before and after it.
    for (peer, reads, writes) in [
        (
            a,
            vec![
                "recv() → 6 bytes \"alice\\n\"",
                "recv() → 7 bytes \"hi bob\\n\"",
            ],
            vec![
                "send(* bytes \"WELCOME alice\\n",
                "send(* bytes \"*alice: hi bob\\n",
            ],
        ),
        (
            b,
            vec!["recv() → 4 bytes \"bob\\n\""],
            vec![
                "send(* bytes \"WELCOME bob\\n",
                "send(* bytes \"*alice: hi bob\\n",
            ],
        ),
    ] {
        for calls in [reads, writes] {
            let mut steps = vec![format!("accept() → {peer}")];
            steps.extend(calls.iter().map(|call| format!("[{peer}] {call}")));
            narrates(&server.program, &steps);
        }
    }
    drop(bob);
    narrates(&server.program, &steps(&[&format!("[{b}] close()")]));
    let console = server.program.stdout();
    assert!(
        console.starts_with(&format!("listening on {}\n", server.addr))
            && !console.contains("recv()"),
        "the console (stdout) has no trace lines:\n{console}"
    );
}

#[test]
fn lab04_narrates_each_probe_and_keeps_stdout() {
    let mut ctx = ctx(&lab04::LAB);
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let open = listener.local_addr().unwrap().port();
    let closed = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ports = format!("{open},{closed}");
    let scan = ["scan", "127.0.0.1", "-p", &ports];
    let (out, narration) = traced_and_plain(&mut ctx, &scan);
    assert!(out.starts_with(&format!("{open}/tcp open")), "{out}");
    for steps in [
        vec![
            "socket(AF_INET, SOCK_STREAM)".to_string(),
            format!("connect(127.0.0.1:{open}) → from 127.0.0.1:"),
            format!("[127.0.0.1:{open}] close()"),
        ],
        vec![format!(
            "connect(127.0.0.1:{closed}) → error: Connection refused"
        )],
    ] {
        in_order(&narration, &steps).unwrap_or_else(|missing| {
            panic!("the scanner did not narrate {missing:?}:\n{narration}")
        });
    }
}

#[test]
fn lab05_narrates_tcp_and_udp() {
    let mut ctx = ctx(&lab05::LAB);
    let server = ctx.start_server(&["--udp", "--trace"]).unwrap();
    let addr = server.addr;
    let port = addr.port().to_string();

    let (out, narration) = run(&mut ctx, &["client", "--port", &port, "--trace"]);
    assert!(
        out.starts_with("server time ") && out.lines().count() == 1,
        "{out}"
    );
    let from = connected_from(&narration, addr);
    in_order(
        &narration,
        &[
            format!("[{addr}] send(5 bytes \"TIME\\n\")"),
            format!("[{addr}] recv() → 25 bytes \""),
            format!("[{addr}] send(5 bytes \"QUIT\\n\")"),
            format!("[{addr}] close()"),
        ],
    )
    .unwrap_or_else(|missing| panic!("the TCP client did not narrate {missing:?}:\n{narration}"));

    let (out, narration) = run(&mut ctx, &["client", "--port", &port, "--udp", "--trace"]);
    assert!(
        out.starts_with("server time ") && out.lines().count() == 1,
        "{out}"
    );
    let bound = narration
        .lines()
        .find_map(|line| line.split_once("bind(0.0.0.0:0) → 0.0.0.0:"))
        .map(|(_, port)| port.to_string())
        .unwrap_or_else(|| panic!("the UDP client did not narrate its bind():\n{narration}"));
    in_order(
        &narration,
        &[
            "socket(AF_INET, SOCK_DGRAM)".to_string(),
            format!("connect({addr})"),
            format!("[{addr}] send(4 bytes \"TIME\")"),
            format!("[{addr}] recv() → 25 bytes \""),
            "close()".to_string(),
        ],
    )
    .unwrap_or_else(|missing| panic!("the UDP client did not narrate {missing:?}:\n{narration}"));

    let udp_peer = format!("127.0.0.1:{bound}");
    narrates(
        &server.program,
        &[
            "socket(AF_INET, SOCK_STREAM)".to_string(),
            "listen(128)".to_string(),
            "socket(AF_INET, SOCK_DGRAM)".to_string(),
            format!("bind({addr})"),
            format!("accept() → {from}"),
            format!("[{from}] recv() → 5 bytes \"TIME\\n\""),
            format!("[{from}] send(25 bytes \""),
            format!("[{from}] close()"),
            format!("[{udp_peer}] recvfrom() → 4 bytes \"TIME\""),
            format!("[{udp_peer}] sendto(25 bytes \""),
        ],
    );
    assert_eq!(
        server.program.stdout(),
        format!("udp on {addr}\nlistening on {addr}\n")
    );
}
