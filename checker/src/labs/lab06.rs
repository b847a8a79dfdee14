//! Lab 06: lab 03's chat, served by one thread with an event loop.
//! Protocol: docs/labs/03-chat.md; the event loop: docs/labs/06-evchat.md.
//!
//! The protocol is lab 03's, so its rules and its tests are this lab's as
//! they are ([`lab03::RULES`], [`lab03::TESTS`]: one table, shared). The
//! tests here add what an event loop gets wrong: a loop that never sleeps,
//! a partial write never resumed, a thread per user after all.

use std::time::Duration;

use super::{Hints, Lab, Rule, TestCase, lab03};
use crate::harness::{Ctx, Failure, ensure};
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
        checks: "with two users joined and a message delivered, every thread of the server is soon asleep (no busy loop)",
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
        checks: "a user with a 4 KiB receive buffer who reads only after 200 KB were sent to the chat gets every line, whole and in order",
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

/// Two tables as one: `a`'s rows, then `b`'s (`N` is their total).
const fn joined<T: Copy, const N: usize>(a: &[T], b: &[T]) -> [T; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < a.len() { a[i] } else { b[i - a.len()] };
        i += 1;
    }
    out
}

const RULE_COUNT: usize = lab03::RULES.len() + OWN_RULES.len();
const TEST_COUNT: usize = lab03::TESTS.len() + OWN_TESTS.len();

/// The handout's rules: lab 03's, then this lab's.
pub const RULES: &[Rule] = &joined::<Rule, RULE_COUNT>(lab03::RULES, OWN_RULES);

pub const LAB: Lab = Lab {
    number: 6,
    name: "evchat",
    title: "the chat with one thread and an event loop",
    rules: RULES,
    tests: &joined::<TestCase, TEST_COUNT>(&lab03::TESTS, OWN_TESTS),
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
    })
}

/// Lines of this many bytes fill the kernel's buffers to a slow reader.
const LINE_BYTES: usize = 1000;
/// How many: 200 KB, more than a 64 KiB send buffer and a 4 KiB receive
/// buffer hold (the kernel doubles both), less than that and an outbox's
/// bound of 256 KiB.
const LINES: usize = 200;

fn partial_writes(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut slow = ctx.connect_small(server.addr, 4096)?;
    slow.send_line("slow")?;
    slow.expect_line("WELCOME slow")?;
    slow.expect_line("* slow joined")?;
    let mut ala = lab03::join(ctx, server.addr, "ala")?;
    ctx.note(t!(
        "lab06-slow-waits",
        "slow reads nothing while ala sends {lines} lines of {bytes} bytes",
        lines = LINES,
        bytes = LINE_BYTES
    ));
    let texts: Vec<String> = (0..LINES)
        .map(|i| {
            let head = format!("line {i} ");
            format!("{head}{}", "x".repeat(LINE_BYTES - head.len()))
        })
        .collect();
    for text in &texts {
        ala.send_line(text)?;
    }
    // ala reads her own lines as they come; then slow reads: the server
    // must have kept the rest of each line it could only partly send.
    for text in &texts {
        ala.wait_for_line(&format!("ala: {text}"))?;
    }
    slow.expect_line("* ala joined")?;
    for text in &texts {
        slow.expect_line(&format!("ala: {text}"))?;
    }
    Ok(())
}

fn one_loop(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = lab03::room(ctx, &["ala", "bob"])?;
    lab03::say_and_expect(&mut users, 0, "ala", "two of us")?;
    let before = threads(server.program.pid());
    let nicks: Vec<String> = (0..20).map(|i| format!("u{i}")).collect();
    let mut more = Vec::new();
    for nick in &nicks {
        more.push(lab03::join(ctx, server.addr, nick)?);
    }
    for user in &mut users {
        user.wait_for_line("* u19 joined")?;
    }
    lab03::say_and_expect(&mut users, 0, "ala", "twenty more")?;
    let after = threads(server.program.pid());
    ensure(after <= before, || {
        Failure::wrong(t!(
            "lab06-threads-grew",
            "the server had {before} threads with 2 users and {after} with 22: a thread per user?",
            before = before,
            after = after
        ))
    })
}

/// How many threads process `pid` has (/proc/PID/task).
fn threads(pid: i32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map_or(0, |tasks| tasks.count())
}
