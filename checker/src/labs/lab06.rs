//! Lab 06: lab 03's chat, served by one thread with an event loop.
//! Protocol: docs/labs/03-chat.md; the event loop: docs/labs/06-evchat.md.
//!
//! The protocol is lab 03's, so its rules and its tests of the server are
//! this lab's as they are ([`lab03::RULES`], [`lab03::TESTS`]: one table,
//! shared; lab 03's client comes complete with this lab, and is graded
//! there). The tests here add what an event loop gets wrong: a loop that
//! never sleeps, a partial write never resumed, a thread per user after
//! all.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::{Hints, Lab, Rule, TestCase, lab03};
use crate::harness::{Conn, Ctx, Failure, Kind, REPLY, Server, cpu, ensure, sockets};
use crate::t;

/// This lab's own rules, after lab 03's.
const OWN_RULES: &[Rule] = &[
    Rule {
        id: "06-sleeps-when-idle",
        says: "A server with nothing to read and nothing to send sleeps in the poller: it asks to hear of room to write only while output waits.",
        unchecked: None,
    },
    Rule {
        id: "06-partial-writes",
        says: "A line the socket took only part of is resumed where it stopped, as soon as there is room: a user who reads slowly gets every line whole and in order.",
        unchecked: None,
    },
    Rule {
        id: "06-one-loop",
        says: "One thread serves every connection: the server's threads do not grow with its users (a thread for the console is allowed).",
        unchecked: None,
    },
];

/// This lab's own tests, after lab 03's.
const OWN_TESTS: &[TestCase] = &[
    TestCase {
        name: "idle-sleeps",
        points: 2,
        rules: &["06-sleeps-when-idle"],
        checks: "with two users joined and a message delivered, every thread of the server is soon asleep and then wakes at most 10 times in half a second (no busy loop, no poll() with a short timeout)",
        hints: Hints::of(&[
            "a server with nothing to do should be asleep in poll(): what wakes your loop again and again when nobody talks?",
            "look at the Interest each connection is registered with: WRITABLE is ready whenever the socket has room, which is almost always",
            "register WRITABLE only while a connection's output waits (reregister in flush()), and go back to READABLE alone once it is all sent",
        ]),
        run: idle_sleeps,
    },
    TestCase {
        name: "partial-writes",
        points: 2,
        rules: &["06-partial-writes"],
        checks: "a user with a 4 KiB receive buffer who reads nothing until the server's socket to them is full (the kernel's table shows it), then reads, gets every line, whole and in order",
        hints: Hints::of(&[
            "a non-blocking write() may take only part of what you give it: what happens to the rest?",
            "in flush(), write() returns how many bytes it took, or WouldBlock when it took none: both leave output waiting",
            "keep what write() did not take in the connection's output buffer, with how much was sent; on the next WRITABLE event send from there",
        ]),
        run: partial_writes,
    },
    TestCase {
        name: "one-loop",
        points: 1,
        rules: &["06-one-loop"],
        checks: "the server has as many threads with 22 users as with 2",
        hints: Hints::of(&[
            "the event loop is there to serve every connection from one thread",
            "look at what your accept loop does with each new connection: it should register it with the Poll, not spawn a thread",
            "no thread per connection: register each accepted stream with the Poll under a Token of its own and serve it in the loop",
        ]),
        run: one_loop,
    },
];

/// Whether `text` begins with `prefix` (in a const fn).
const fn starts_with(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    if text.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

// Lab 03's client comes with this lab's skeleton complete: its tests and
// rules are lab 03's to grade, not this lab's (a skeleton would score
// points its student never wrote). What is shared is the server's.

/// A test of lab 03's client.
const fn of_client(test: &TestCase) -> bool {
    starts_with(test.name, "client-")
}

/// A rule of lab 03's client.
const fn for_client(rule: &Rule) -> bool {
    starts_with(rule.id, "03-client-")
}

const SHARED_TESTS: usize = {
    let (mut i, mut n) = (0, 0);
    while i < lab03::TESTS.len() {
        if !of_client(&lab03::TESTS[i]) {
            n += 1;
        }
        i += 1;
    }
    n
};

const SHARED_RULES: usize = {
    let (mut i, mut n) = (0, 0);
    while i < lab03::RULES.len() {
        if !for_client(&lab03::RULES[i]) {
            n += 1;
        }
        i += 1;
    }
    n
};

/// Lab 03's tests of the server, then this lab's own (`N`: their total).
const fn tests<const N: usize>() -> [TestCase; N] {
    let mut out = [OWN_TESTS[0]; N];
    let (mut i, mut n) = (0, 0);
    while i < lab03::TESTS.len() {
        if !of_client(&lab03::TESTS[i]) {
            out[n] = lab03::TESTS[i];
            n += 1;
        }
        i += 1;
    }
    let mut j = 0;
    while j < OWN_TESTS.len() {
        out[n] = OWN_TESTS[j];
        n += 1;
        j += 1;
    }
    out
}

/// Lab 03's rules for the server, then this lab's own (`N`: their total).
const fn rules<const N: usize>() -> [Rule; N] {
    let mut out = [OWN_RULES[0]; N];
    let (mut i, mut n) = (0, 0);
    while i < lab03::RULES.len() {
        if !for_client(&lab03::RULES[i]) {
            out[n] = lab03::RULES[i];
            n += 1;
        }
        i += 1;
    }
    let mut j = 0;
    while j < OWN_RULES.len() {
        out[n] = OWN_RULES[j];
        n += 1;
        j += 1;
    }
    out
}

const RULE_COUNT: usize = SHARED_RULES + OWN_RULES.len();
const TEST_COUNT: usize = SHARED_TESTS + OWN_TESTS.len();

/// The handout's rules: lab 03's for the server, then this lab's.
pub const RULES: &[Rule] = &rules::<RULE_COUNT>();

pub const LAB: Lab = Lab {
    number: 6,
    name: "evchat",
    title: "the chat with one thread and an event loop",
    rules: RULES,
    tests: &tests::<TEST_COUNT>(),
};

fn idle_sleeps(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = lab03::room(ctx, &["ala", "bob"])?;
    lab03::say_and_expect(&mut users, 0, "ala", "anyone here?")?;
    ctx.note(t!(
        "lab06-idle-now",
        "nobody says anything now: the server should go to sleep"
    ));
    // A loop that keeps asking the poller never looks asleep: every look
    // finds one of its threads running.
    let asleep = server
        .program
        .wait_asleep(ctx.deadline(Duration::from_secs(3)));
    ensure(asleep, || {
        Failure::wrong(t!(
            "lab06-busy-loop",
            "the server kept running with nothing to do: a thread of it was never asleep for 3 s (a busy loop: is a connection registered for WRITABLE with nothing to send?)"
        ))
    })?;
    // Asleep at a look is not asleep all along: a loop that wakes every few
    // milliseconds by itself (a poll() with a short timeout) looks asleep
    // most of the time. The kernel counts each time a thread is given a
    // CPU; a loop asleep in poll() is given none, on any machine.
    let pid = server.program.pid();
    let before = cpu::process_runs(pid);
    let window = Instant::now() + IDLE_WINDOW;
    let _ = server.program.wait_raw(window, |s| s.exit.map(|_| ()));
    let woke = match (before, cpu::process_runs(pid)) {
        (Some(before), Some(after)) => after.saturating_sub(before),
        // Gone, or the kernel doesn't count: the look above stands.
        _ => return Ok(()),
    };
    ensure(woke <= IDLE_WAKES, || {
        Failure::wrong(t!(
            "lab06-woke-idle",
            "with nothing to do, the server woke {woke} times in {ms} ms (does poll() have a short timeout?)",
            woke = woke,
            ms = IDLE_WINDOW.as_millis() as u64
        ))
        .expected(t!(
            "lab06-idle-wakes",
            "at most {most} wake-ups: asleep in poll() until something happens",
            most = IDLE_WAKES
        ))
        .got(woke.to_string())
    })
}

/// How long idle-sleeps counts the server's wake-ups with nothing to do...
const IDLE_WINDOW: Duration = Duration::from_millis(500);
/// ...and how many it allows: a timer for housekeeping that wakes the loop
/// up to 20 times a second is fine; a loop that wakes every few
/// milliseconds is not asleep.
const IDLE_WAKES: u64 = 10;

/// Lines of this many bytes fill the kernel's buffers to a slow reader.
const LINE_BYTES: usize = 1000;
/// ala sends this many lines, then looks at the kernel's table.
const BATCH: usize = 16;

fn partial_writes(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut slow = ctx.connect_small(server.addr, 4096)?;
    slow.send_line("slow")?;
    slow.expect_line("WELCOME slow")?;
    slow.expect_line("* slow joined")?;
    let mut ala = lab03::join(ctx, server.addr, "ala")?;
    let at = slow
        .stream()
        .local_addr()
        .map_err(|e| Failure::checker(e.to_string()))?;
    ctx.note(t!(
        "lab06-slow-waits",
        "slow reads nothing while ala sends lines of {bytes} bytes, until the server's socket to slow takes no more",
        bytes = LINE_BYTES
    ));
    // Linux grows the server's send buffer up to tcp_wmem's maximum, so
    // the socket may take megabytes before a write to it is partial: ala
    // sends until the kernel's table shows that the socket takes nothing
    // more (what it holds for slow stands still over a batch), which it
    // does past that maximum at the latest. Each batch is served once ala
    // has her own last line back; a server has then tried to send the
    // batch to slow too. What the socket did not take waits in the
    // server, two batches: far less than an outbox holds. Then slow reads
    // at once, long before a server cuts off a user whose socket took
    // nothing for a second.
    let most = lab03::kernel_maximum("tcp_wmem") / LINE_BYTES + 4 * BATCH;
    let mut texts: Vec<String> = Vec::new();
    let (mut last, mut still) = (None, false);
    while texts.len() < most && !still {
        for _ in 0..BATCH {
            let head = format!("line {} ", texts.len());
            let text = format!("{head}{}", "x".repeat(LINE_BYTES - head.len()));
            ala.send_line(&text)?;
            texts.push(text);
        }
        ala.wait_for_line(&format!("ala: {}", texts[texts.len() - 1]))?;
        let queued = sockets::tcp_socket(server.addr, at)
            .filter(|socket| socket.state == lab03::TCP_ESTABLISHED)
            .map(|socket| socket.queued);
        // (A socket gone, cut off, stands still too: slow's reads say so.)
        still = last == Some(queued);
        last = Some(queued);
    }
    ctx.note(t!(
        "lab06-slow-reads",
        "ala has sent {lines} lines; slow reads them now",
        lines = texts.len()
    ));
    // A server that resumes its partial writes sends slow the rest as soon
    // as slow reads: every line whole, in order.
    slow.expect_line("* ala joined")?;
    for text in &texts {
        expect_resumed(ctx, &mut slow, &server, at, &format!("ala: {text}"))?;
    }
    Ok(())
}

/// How long slow waits for a line before it looks whether the server still
/// means to send it.
const LOOK: Duration = Duration::from_millis(20);

/// slow reads `line`. While it has not come, the checker looks whether the
/// server has stopped sending: asleep, with nothing on its way to slow
/// (its socket to slow empty, slow's socket read to the end). A server
/// that resumes a partial write as soon as the socket has room never is;
/// one that waits for something else to wake it (a new line, a timer) is,
/// however loaded the machine.
fn expect_resumed(
    ctx: &Ctx,
    slow: &mut Conn,
    server: &Server,
    at: SocketAddr,
    line: &str,
) -> Result<(), Failure> {
    let deadline = ctx.deadline(REPLY);
    loop {
        match slow.expect_line_by(line, Instant::now() + LOOK) {
            Err(failure) if failure.kind == Kind::Timeout && Instant::now() < deadline => {}
            done => return done,
        }
        if !server.program.wait_asleep(Instant::now() + LOOK) {
            continue;
        }
        // Data on its way is in the server's socket until slow's kernel
        // has it, then in slow's: look in that order.
        let sending = sockets::tcp_socket(server.addr, at).map(|socket| socket.queued);
        let arrived = sockets::tcp_socket(at, server.addr).map(|socket| socket.unread);
        if sending == Some(0) && arrived == Some(0) {
            return Err(Failure::wrong(t!(
                "lab06-not-resumed",
                "the server is asleep with lines for slow it has not sent, though slow has read all it was sent and the socket has room: a write the socket took only part of must go on as soon as there is room (WRITABLE interest while output waits)"
            ))
            .expected(format!("{line:?}")));
        }
    }
}

fn one_loop(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = lab03::room(ctx, &["ala", "bob"])?;
    lab03::say_and_expect(&mut users, 0, "ala", "two of us")?;
    let before = server.program.thread_count().unwrap_or(0);
    let nicks: Vec<String> = (0..20).map(|i| format!("u{i}")).collect();
    let mut more = Vec::new();
    for nick in &nicks {
        more.push(lab03::join(ctx, server.addr, nick)?);
    }
    for user in &mut users {
        user.wait_for_line("* u19 joined")?;
    }
    lab03::say_and_expect(&mut users, 0, "ala", "twenty more")?;
    let after = server.program.thread_count().unwrap_or(0);
    ensure(after <= before, || {
        Failure::wrong(t!(
            "lab06-threads-grew",
            "the server had {before} threads with 2 users and {after} with 22: a thread per user?",
            before = before,
            after = after
        ))
    })
}
