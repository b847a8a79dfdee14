//! Lab 06: lab 03's chat, served by one thread with an event loop.
//! Protocol: docs/labs/03-chat.md; the event loop: docs/labs/06-evchat.md.
//!
//! The protocol is lab 03's, so its rules and its tests of the server are
//! this lab's as they are ([`lab03::RULES`], [`lab03::TESTS`]: one table,
//! shared; lab 03's client comes complete with this lab, and is graded
//! there), but for their hints, which speak of this lab's code ([`HINTS`]).
//! The tests here add what an event loop gets wrong: a loop that
//! never sleeps, a partial write never resumed, a thread per user after
//! all.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::{Hint, Hints, Lab, On, Rule, TestCase, lab03};
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

/// A server whose loop sleeps, with a thread beside it that doesn't.
const THREAD_WAKES_ITSELF: Hint = Hint {
    id: "thread-wakes-itself",
    on: &[On::Says("lab06-others-woke")],
    levels: &[
        "the loop sleeps, but another thread of the server wakes again and again with nothing to do",
        "look at the threads beside the loop (the console's reader and printer): each should block until it has work, in a read() or a channel's recv(), not look every few milliseconds",
        "wait on the channel with recv() (or iterate over it), not try_recv() and a sleep(); a thread that must wake the loop uses the mio::Waker",
    ],
};

/// This lab's own tests, after lab 03's.
const OWN_TESTS: &[TestCase] = &[
    TestCase {
        name: "idle-sleeps",
        points: 2,
        rules: &["06-sleeps-when-idle"],
        checks: "with two users joined and a message delivered, every thread of the server is soon asleep; then, in half a second, its threads asleep in the poller wake at most 10 times and its other threads at most 50 (no busy loop, no poll() with a short timeout)",
        hints: Hints::of(&[
            "a server with nothing to do should be asleep in poll(): what wakes your loop again and again when nobody talks?",
            "look at the Interest each connection is registered with: WRITABLE is ready whenever the socket has room, which is almost always",
            "register WRITABLE only while a connection's output waits (reregister in flush()), and go back to READABLE alone once it is all sent",
        ])
        .on(&[THREAD_WAKES_ITSELF]),
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

// Lab 03's hints at levels 2 and 3 name lab 03's design: a thread per
// user, the hub's lock, outboxes, writer threads, write timeouts. A lab 06
// student serves the same protocol from one thread, and their code is
// run(), read_from() and flush() around the skeleton's given functions:
// these are the hints their failures call for, by test. Level 1 stays
// lab 03's where it speaks only of the protocol (and so does its Polish).

/// Lab 06's `messages-lost`: lines skipped for a user who reads.
const MESSAGES_LOST: &[Hint] = &[Hint {
    id: "messages-lost",
    on: &[On::Says("lab03-messages-lost")],
    levels: &[
        "a user who was reading missed some messages, or got them out of order: while one user reads nothing, lines may not be skipped for anyone still in the chat",
        "look at what becomes of output a socket did not take at once: a write() that took only part of it, or WouldBlock, must leave the rest in the connection's output, and queue() appends behind it",
        "in flush(), add what write() took to `sent`, stop at WouldBlock and keep output[sent..] for the next WRITABLE event; lines are dropped only for a user who is cut off (OUTBOX_BYTES full, or WRITE_STALL passed), never for one who is merely behind",
    ],
}];

/// Lab 06's `kicked-not-closed`: the kicked user's connection stayed open.
const KICKED_NOT_CLOSED: &[Hint] = &[Hint {
    id: "kicked-not-closed",
    on: &[On::Expected("lab03-close-kicked")],
    levels: &[
        "the kicked user got the notice, but their connection stayed open: a kick ends the connection too",
        "kick() marks the connection `closing`; flush() is where it ends: look at what flush() does once all output has left and connection.closing is true",
        "in flush(), once sent == output.len() and connection.closing, push (token, End::Kicked) to self.to_close; close_ended(), which run() calls each round, then shuts the socket down and drops it",
    ],
}];

/// Lab 06's `kicked-still-open`: kick-rejoin's old connection stayed open,
/// kick-not-reading's slip.
const KICKED_STILL_OPEN: &[Hint] = &[Hint {
    id: "kicked-still-open",
    on: &[On::Says("lab03-kicked-still-open")],
    levels: &[
        "a kicked user who reads nothing must still be disconnected promptly: their old connection stayed open",
        "a kicked user's output never all leaves if they read nothing, so flush() never closes them: look at whether a closing connection that stalls is cut off after WRITE_STALL",
        "in flush(), keep stalled_since while the socket takes nothing, and poll with next_stall_deadline()'s timeout: cut_off_stalled() then ends the kicked user (End::Kicked) though output waits",
    ],
}];

/// Lab 06's `console-blocks`: the loop waited for the console.
const CONSOLE_BLOCKS: &[Hint] = &[Hint {
    id: "console-blocks",
    on: &[On::Kind(Kind::Timeout), On::After("lab03-flood-sends")],
    levels: &[
        "the chat stopped when nobody read the server's console: something on the way to the console waits for it",
        "look at how a line reaches the console: broadcast() calls console.show() for every line; a write to stdout there, or a send() that waits for room in the printer's queue, waits for a reader, and the whole loop with it",
        "in Console::show(), try_send(): when it says TrySendError::Full, count the line in `missed` and go on; never write to stdout from the loop",
    ],
}];

/// Lab 06's own hints for lab 03's tests, by test name: [`tests`] puts
/// them in place of lab 03's. A shared test not here keeps lab 03's
/// hints, and is on the unit tests' list of those whose hints speak only
/// of the protocol (`PROTOCOL_ONLY`).
const HINTS: &[(&str, Hints)] = &[
    (
        "join-welcome",
        Hints::of(&[
            "a newcomer's first line is their nick: they get `WELCOME <nick>`, then everyone, them included, gets `* <nick> joined`",
            "join() queues WELCOME and the join with send_to() and broadcast(): nothing is joined until read_from() hands each whole line to handle_line(), and nothing leaves until flush() writes the connection's output",
            "in read_from(), read() until WouldBlock, push what came into connection.input (Lines::push) and call handle_line() for each whole line; in flush(), write() output[sent..] until all is sent or WouldBlock; run() calls read_from() on a readable event and flush_all() before it polls again",
        ]),
    ),
    (
        "broadcast",
        Hints::of(&[
            "a message must reach every user who has joined, the sender too, and the console, as `<nick>: <text>`, and nobody who has not joined yet",
            "broadcast() queues the line in the output of every member (queue() notes each in to_flush) and shows it on the console: look at whether every one of them is flushed, not only the sender",
            "after the events of a round, run() calls flush_all(), which flushes every token queue() put in to_flush; flush() writes each one's output until it is empty or the socket says WouldBlock",
        ]),
    ),
    (
        "one-order",
        Hints::of(&[
            "users saw the chat's lines in different orders: every line must reach everyone in one and the same order",
            "the loop handles one line at a time and queues it for everyone in that order: look at flush(), which must send from where the last write stopped (output[sent..]), and at any write() that skips the output buffer",
            "append every line to the end of the connection's output (queue()) and send only from output[sent..]: never write() a new line straight to a socket while older output waits for it",
        ]),
    ),
    (
        "console-says",
        Hints::of(&[
            "a line typed on the server's console must reach everyone as `admin: <text>`; an empty line and a line of spaces say nothing",
            "console::read_stdin() sends each typed line on a channel and wakes the loop with its Waker, an event with the token CONSOLE: look at what run() does with that event",
            "in run()'s match on event.token(), CONSOLE => self.console_commands(): it takes every waiting line with try_recv() and broadcasts a plain one as admin",
        ]),
    ),
    (
        "join-leave-announced",
        Hints::of(&[
            "after `/quit` the user's connection must close, everyone else must be told `* <nick> left`, and the nick must be free again",
            "/quit makes handle_line() call end(), which removes the member, announces the leave and puts the connection in to_close; close_ended() closes it, and read_from() must act on no more of its lines",
            "end each round of run() with self.flush_all(); self.cut_off_stalled(); self.close_ended(); in read_from(), stop handling lines once the connection is gone or is_ending(token)",
        ]),
    ),
    (
        "kick",
        Hints::of(&[
            "a kick must tell the kicked user, with the reason, close their connection, and tell the others, with the reason, that they were kicked (not that they left)",
            "kick() removes the member, queues their notice, marks the connection `closing` and broadcasts the kick; flush() must close a closing connection once its output has all left",
            "in flush(), once all output has left and connection.closing is set, push (token, End::Kicked) to to_close: close_ended() closes it, and End::Kicked announces no leave; the reason goes into both lines (says::you_were_kicked, says::was_kicked)",
        ])
        .on(KICKED_NOT_CLOSED),
    ),
    (
        "kick-unknown",
        Hints::of(&[
            "a `/kick` of a nick nobody has is answered on the console only; users get nothing",
            "kick() must show `* no user named <nick>` with self.console.show(), having queued nothing, when members has no such nick_key()",
            "in kick(), when self.members.remove(&nick_key(nick)) is None, show `* no user named <nick>` on the console and return before anything is queued for users",
        ]),
    ),
    (
        "kick-any-case",
        Hints::of(&[
            "the console's `/kick` must find a user whatever the case of the nick typed: nicks are compared ignoring case here too",
            "kick() looks the user up in members by nick_key(nick), the key join() inserted, not by the nick as typed",
            "self.members.remove(&nick_key(nick)): the map's keys are nick_key()s; announce the kick with the member's own nick (connection.nick)",
        ])
        .on(KICKED_NOT_CLOSED),
    ),
    (
        "user-cannot-kick",
        Hints::of(&[
            "only the console may kick; a user's /kick is an error for that user alone",
            "handle_line(): UserCommand::Kick is answered to that user alone with send_to(); it never reaches kick(), which is the console's (console_commands())",
            "UserCommand::Kick => self.send_to(token, says::ONLY_ADMIN_KICKS)",
        ]),
    ),
    (
        "duplicate-nick",
        Hints::of(&[
            "a nick already in use, whatever its case and the spaces around it, must be refused with `ERROR nick taken`, and the client may then try another",
            "join() gets the trimmed nick from handle_line() and looks for its nick_key() (lower case, in any alphabet) in members; a refused connection stays, not joined, and its next line is a nick again",
            "compare nicks by nick_key() (to_lowercase, not to_ascii_lowercase: Ł is not ASCII): if members holds the key, send_to(token, says::NICK_TAKEN) and leave connection.nick None",
        ]),
    ),
    (
        "nick-race",
        Hints::of(&[
            "several users asking for the same nick at the same moment: exactly one may get it, the others get `ERROR nick taken`",
            "the loop handles one line at a time, so join() sees the nicks one after another: look at whether every connection and every line is served at all (events are edge-triggered)",
            "accept() until WouldBlock (accept_all()) and read() until WouldBlock (read_from()), or what is left is never announced again; then join() welcomes the first and answers the others `ERROR nick taken`",
        ]),
    ),
    (
        "reserved-nick",
        Hints::of(&[
            "`admin` and `server`, in any case and with spaces around them, are refused as taken, so nobody can pass for the admin",
            "join() must call check_nick(), which refuses the RESERVED_NICKS compared by nick_key(), on the trimmed nick (handle_line() passes text.trim())",
            "trim the nick first, then refuse `admin` and `server`, compared ignoring case: check_nick(nick) before members is looked at, its Err(NickError::Taken) answered with says::NICK_TAKEN",
        ]),
    ),
    (
        "invalid-nick",
        Hints::of(&[
            "a nick of 1 to 16 letters, digits, `_` or `-` is welcome (Polish letters are letters); anything else gets `ERROR invalid nick`",
            "join() must call check_nick() before anything else: each character must pass char::is_alphanumeric() or be _ or -, and the length counts characters",
            "1 to 16 characters, each char::is_alphanumeric() or _ or -; else Err(NickError::Invalid), answered with send_to(token, says::INVALID_NICK) before members is looked at",
        ]),
    ),
    (
        "nick-spaces",
        Hints::of(&[
            "spaces around a nick are not part of it: `  ola  ` is welcome as `ola`",
            "handle_line() passes text.trim() to join(): look at whether the nick's line reaches it as Lines gave it",
            "join(token, text.trim()): the spaces go before the nick is checked and stored",
        ]),
    ),
    (
        "list",
        Hints::of(&[
            "`/list` answers only the user who asked, with every user's nick",
            "handle_line(): UserCommand::List is answered with send_to() to the asking token, not broadcast()",
            "UserCommand::List => self.send_to(token, &says::users(&self.nicks())): nicks() gives every member's nick, sorted",
        ]),
    ),
    (
        "unknown-command",
        Hints::of(&[
            "a line starting with `/` that is not a command gets `ERROR unknown command`, to the sender only, and is not relayed",
            "parse_user_line(): a first word starting with / that is not /list, /quit or /kick is UserCommand::Unknown; handle_line() answers it to the sender",
            "UserCommand::Unknown => self.send_to(token, says::UNKNOWN_COMMAND): send_to(), not broadcast(), so nothing is relayed",
        ]),
    ),
    (
        "empty-line",
        Hints::of(&[
            "a line with nothing to say (empty, spaces, control characters only) is relayed to nobody",
            "parse_user_line(): sanitize first, then a line with no word left (split_whitespace) is UserCommand::Empty, which handle_line() ignores",
            "UserCommand::Empty => {}: neither broadcast() nor send_to(); a lone `\\r\\n` is an empty line too (Lines takes the `\\r` off)",
        ]),
    ),
    (
        "console-list",
        Hints::of(&[
            "the console's `/list` shows every user on the console, and users get nothing",
            "console_commands(): ConsoleCommand::List is shown with self.console.show(), which offers the line to the console's printer; it queues nothing for users",
            "ConsoleCommand::List => self.console.show(&says::users(&self.nicks())), not broadcast(); run() calls console_commands() on the CONSOLE event",
        ]),
    ),
    (
        "console-unknown-command",
        Hints::of(&[
            "an unknown console command is answered on the console (`* unknown command /<command>`), not said to users as admin",
            "parse_console_line(): any other /word is ConsoleCommand::Unknown; console_commands() shows it with self.console.show(), and broadcasts nothing",
            "ConsoleCommand::Unknown(command) => show `* unknown command <command>` with self.console.show(), never broadcast()",
        ]),
    ),
    (
        "many-users",
        Hints::of(&[
            "50 users connected at once must all get a message: nobody may wait for anybody",
            "one event of the listener may stand for many connections (edge-triggered): look at whether run() calls accept_all() on the LISTENER event, and whether anything in the loop waits for one connection",
            "LISTENER => self.accept_all(): it accepts until WouldBlock and registers each stream under a Token of its own with Interest::READABLE; no call in the loop may block (every socket is non-blocking)",
        ]),
    ),
    (
        "abrupt-disconnect",
        Hints::of(&[
            "a user whose connection just closes, without `/quit`, must be announced as left, exactly once",
            "read_from(): read() giving 0 (end of stream) or an error ends the connection too, and run() must call read_from() on is_read_closed() and is_error() events as well as on readable ones",
            "in read_from(), on Ok(0) act on what Lines::end() gives, then self.end(token, End::Left); on an error other than WouldBlock or Interrupted, end it too; end() announces the leave once (is_ending())",
        ]),
    ),
    (
        "come-and-go",
        Hints::of(&[
            "after users come and go, the server must not keep their sockets open",
            "a socket closes when its Connection is dropped: close_ended() removes it from self.connections and deregisters it; look for a connection that ended but never reached to_close",
            "end every connection through end() (also one that closes before any nick: Ok(0) in read_from()), and call self.close_ended() at the end of each round of run()",
        ]),
    ),
    (
        "fragments-and-coalesced",
        Hints::of(&[
            "a nick or a message arriving in pieces, or several lines arriving at once, must be handled line by line",
            "read_from(): what one read() gives is not a line; push it into the connection's own input (Lines::push), which keeps the start of a line until its `\\n` comes and gives every whole line",
            "one Lines per connection (connection.input), never a new one per read: read() until WouldBlock, push each chunk, and call handle_line() for every Line push() gave, several or none",
        ]),
    ),
    (
        "long-line",
        Hints::of(&[
            "a line longer than the limit must not be read whole, and must not become two messages: look at how the server cuts what it reads into lines",
            "read_from() must let Lines cut the bytes: it counts a line's bytes as they come and, past MAX_LINE, gives Line::TooLong once and drops the rest of that line, which handle_line() answers",
            "push every chunk read into connection.input (Lines::push) and act on the Lines it gives; don't cut lines yourself, nor collect a line whole in a String",
        ]),
    ),
    (
        "invalid-utf8",
        Hints::of(&[
            "a line with bytes that are not UTF-8 must be relayed with U+FFFD in their place, and the connection stays",
            "look at what turns the bytes read into text: String::from_utf8() (or str::from_utf8) fails on bytes that are not UTF-8; Lines makes each line with String::from_utf8_lossy",
            "read() into a byte buffer and let Lines::push make the lines: bad bytes become U+FFFD, and nothing ends the connection",
        ]),
    ),
    (
        "escapes-stripped",
        Hints::of(&[
            "control characters (escape sequences, bell, backspace) must not reach anyone, neither other users nor the console",
            "handle_line() says what parse_user_line() gives: UserCommand::Say carries the text sanitize() cleaned; a line said some other way keeps them",
            "broadcast(&says::message(&nick, &text)) with the text of UserCommand::Say, never the raw line; sanitize() drops every char for which char::is_control() is true",
        ]),
    ),
    (
        "slow-reader",
        Hints::of(&[
            "one user who reads nothing held the others up: the chat must go on for everyone else, at full speed",
            "look at where a line is written to a user's socket: a write that waits for room (a blocking socket, write_all(), a loop that retries on WouldBlock) stops the loop, and every user with it",
            "every socket non-blocking (mio's are): flush() writes output[sent..] until WouldBlock, keeps the rest in the connection's output and asks for WRITABLE; the next WRITABLE event resumes it",
        ])
        .on(MESSAGES_LOST),
    ),
    (
        "slow-reader-dropped",
        Hints::of(&[
            "a user who reads nothing was never cut off: lines kept piling up for them, or the chat waited on them without end",
            "a user whose socket takes nothing is cut off after WRITE_STALL: look at flush()'s stalled_since, and at run()'s poll() timeout (next_stall_deadline()), which wakes the loop when the first stall is due",
            "in flush(), set stalled_since when output waits and the socket took nothing new (None once all is sent); in run(), poll with the timeout next_stall_deadline() gives and call cut_off_stalled() each round",
        ])
        .on(MESSAGES_LOST),
    ),
    (
        "half-line",
        Hints::of(&[
            "a user who has sent half a line holds nobody up, and the rest of it completes their message",
            "look at read_from(): a read that ends without `\\n` leaves the start of a line; waiting there for the rest (a blocking read, a loop until `\\n` comes) holds every user up",
            "read() until WouldBlock, leave the start of a line in connection.input (Lines keeps it) and act on whole lines only; go back to poll(), and the rest completes the line when it comes",
        ]),
    ),
    (
        "kick-not-reading",
        Hints::of(&[
            "a user who reads nothing must still be disconnected promptly when the admin kicks them",
            "a kicked user's output never all leaves if they read nothing, so flush() never closes them: look at whether a closing connection that stalls is cut off after WRITE_STALL",
            "in flush(), keep stalled_since while the socket takes nothing, and poll with next_stall_deadline()'s timeout: cut_off_stalled() then ends the kicked user (End::Kicked) though output waits",
        ]),
    ),
    (
        "kick-rejoin",
        Hints::of(&[
            "a kicked user who joins again under the same nick must stay in the chat when their old connection ends",
            "members maps a nick_key() to a Token: when the old connection ends, end() must remove its own member only, and kick() took its nick already",
            "kick() takes the nick from the kicked connection (connection.nick.take()), so end() on it later finds no nick and removes and announces nobody; never remove a member by nick alone when a connection ends",
        ])
        .on(KICKED_STILL_OPEN),
    ),
    (
        "console-not-read",
        Hints::of(&[
            "the chat slowed down or stopped while nobody read the server's console: the chat must never wait for the console",
            "the loop must never wait for the console: console.show() offers a line to the console's printer with try_send() and counts it as missed when the printer is behind; look for a println! in the loop",
            "show console lines only with self.console.show(); never println! from the loop: when nobody reads stdout, that write blocks, and every user waits",
        ])
        .on(CONSOLE_BLOCKS),
    ),
];

/// Whether two strings are the same (in a const fn).
const fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && starts_with(a, b)
}

/// Lab 06's own hints for lab 03's test `name`, if it has some.
const fn own_hints(name: &str) -> Option<Hints> {
    let mut i = 0;
    while i < HINTS.len() {
        if same(HINTS[i].0, name) {
            return Some(HINTS[i].1);
        }
        i += 1;
    }
    None
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

/// Lab 03's tests of the server, with this lab's hints where it has its
/// own ([`HINTS`]), then this lab's own tests (`N`: their total).
const fn tests<const N: usize>() -> [TestCase; N] {
    let mut out = [OWN_TESTS[0]; N];
    let (mut i, mut n) = (0, 0);
    while i < lab03::TESTS.len() {
        if !of_client(&lab03::TESTS[i]) {
            let mut test = lab03::TESTS[i];
            if let Some(hints) = own_hints(test.name) {
                test.hints = hints;
            }
            out[n] = test;
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
            "the server kept running with nothing to do: a thread of it was never asleep for 3 s (a busy loop: is a connection registered for WRITABLE with nothing to send, or does a thread spin, on try_recv() or a flag, instead of blocking?)"
        ))
    })?;
    // Asleep at a look is not asleep all along: a loop that wakes every few
    // milliseconds by itself (a poll() with a short timeout) looks asleep
    // most of the time. The kernel counts each time a thread is given a
    // CPU; a loop asleep in poll() is given none, on any machine. The
    // loop's threads are the ones asleep in a poller; the others may be a
    // runtime's (a JVM's housekeeping threads tick 20 times a second), and
    // are allowed more.
    let pid = server.program.pid();
    let before = cpu::thread_runs(pid);
    let window = Instant::now() + IDLE_WINDOW;
    let _ = server.program.wait_raw(window, |s| s.exit.map(|_| ()));
    let (Some(before), Some(after)) = (before, cpu::thread_runs(pid)) else {
        // Gone, or the kernel doesn't count: the look above stands.
        return Ok(());
    };
    let (pollers, others) = cpu::runs_since(&before, &after);
    let ms = IDLE_WINDOW.as_millis() as u64;
    // Where no thread is seen in a poller (the kernel won't say which, or
    // the server waits some other way), every thread is judged as the loop.
    let (looped, others) = if before.values().any(|t| t.in_poller) {
        (pollers, others)
    } else {
        (pollers + others, 0)
    };
    ensure(looped <= IDLE_WAKES, || {
        Failure::wrong(t!(
            "lab06-woke-idle",
            "with nothing to do, the server woke {woke} times in {ms} ms (does poll() have a short timeout?)",
            woke = looped,
            ms = ms
        ))
        .expected(t!(
            "lab06-idle-wakes",
            "at most {most} wake-ups: asleep in poll() until something happens",
            most = IDLE_WAKES
        ))
        .got(looped.to_string())
    })?;
    ensure(others <= OTHER_WAKES, || {
        Failure::wrong(t!(
            "lab06-others-woke",
            "with nothing to do, the server's threads outside the poller woke {woke} times in {ms} ms: a thread that wakes by itself that often (a sleep() in a loop, a short timer) keeps a CPU busy for nothing",
            woke = others,
            ms = ms
        ))
        .expected(t!(
            "lab06-others-wakes",
            "at most {most} wake-ups of the threads outside the poller",
            most = OTHER_WAKES
        ))
        .got(others.to_string())
    })
}

/// How long idle-sleeps counts the server's wake-ups with nothing to do...
const IDLE_WINDOW: Duration = Duration::from_millis(500);
/// ...and how many it allows: a timer for housekeeping that wakes the loop
/// up to 20 times a second is fine; a loop that wakes every few
/// milliseconds is not asleep.
const IDLE_WAKES: u64 = 10;
/// ...and how many for the server's threads that are not asleep in the
/// poller: a language runtime's housekeeping (a JVM's, 14 in half a second
/// measured), not a thread that spins.
const OTHER_WAKES: u64 = 50;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Lab 03's tests of the server whose hints speak only of the protocol
    /// and of code lab 06 has too (check_nick(), open_listener()): theirs
    /// hold here as they are.
    const PROTOCOL_ONLY: &[&str] = &["nick-length", "server-host"];

    /// Lab 03's tests of the server, as this lab has them.
    fn shared() -> Vec<&'static TestCase> {
        LAB.tests
            .iter()
            .filter(|test| !OWN_TESTS.iter().any(|own| own.name == test.name))
            .collect()
    }

    /// Every level of every hint of `hints`, the default's and each
    /// failure's.
    fn levels(hints: &Hints) -> Vec<&'static str> {
        let on = hints.on.iter().flat_map(|hint| hint.levels.iter());
        hints.default.iter().chain(on).copied().collect()
    }

    #[test]
    fn every_shared_test_has_its_hints_looked_at() {
        let mut problems = Vec::new();
        for test in shared() {
            let own = HINTS.iter().any(|(name, _)| *name == test.name);
            let kept = PROTOCOL_ONLY.contains(&test.name);
            if own == kept {
                problems.push(format!(
                    "{}: {} (give it lab 06's hints in HINTS, or list it in PROTOCOL_ONLY if \
                     lab 03's hold here as they are)",
                    test.name,
                    if own {
                        "in HINTS and PROTOCOL_ONLY"
                    } else {
                        "in neither HINTS nor PROTOCOL_ONLY"
                    }
                ));
            }
        }
        let names: Vec<&str> = HINTS
            .iter()
            .map(|(name, _)| *name)
            .chain(PROTOCOL_ONLY.iter().copied())
            .collect();
        for (i, name) in names.iter().enumerate() {
            if !shared().iter().any(|test| test.name == *name) {
                problems.push(format!("{name}: not a test lab 06 shares with lab 03"));
            }
            if names[..i].contains(name) {
                problems.push(format!("{name}: listed twice"));
            }
        }
        assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    }

    #[test]
    fn the_table_has_lab_06s_hints_for_the_shared_tests() {
        for (name, hints) in HINTS {
            let test = LAB.test(name).unwrap();
            assert_eq!(test.hints.default, hints.default, "{name}");
            let ids = |h: &Hints| h.on.iter().map(|h| (h.id, h.levels)).collect::<Vec<_>>();
            assert_eq!(ids(&test.hints), ids(hints), "{name}");
            assert_eq!(hints.default.len(), 3, "{name}: a hint in 3 levels");
            for hint in hints.on {
                assert_eq!(hint.levels.len(), 3, "{name}: {} in 3 levels", hint.id);
            }
        }
        for name in PROTOCOL_ONLY {
            let ours = LAB.test(name).unwrap();
            let theirs = lab03::LAB.test(name).unwrap();
            assert_eq!(ours.hints.default, theirs.hints.default, "{name}");
        }
        // Lab 03's own table keeps its hints.
        let theirs = lab03::LAB.test("slow-reader").unwrap();
        assert!(theirs.hints.default[2].contains("set_write_timeout"));
    }

    /// Words of lab 03's design (threads, locks, its Hub and its
    /// functions), which lab 06's hints use only to say not to.
    const LAB03_WORDS: &[&str] = &[
        "thread",
        "threads",
        "lock",
        "locks",
        "locked",
        "mutex",
        "hub",
        "outbox",
        "outboxes",
        "writer",
        "writers",
        "sync_channel",
        "set_write_timeout",
        "deliver",
        "handle_client",
        "read_commands",
        "write_outbox",
        "start_writer",
        "ticket",
    ];

    /// Lab 06's own threads, which its hints may name.
    const LAB06_THREADS: &[&str] = &["one thread", "console's thread", "stdin's thread"];

    /// The words of lab 03's design in `hint` outside a clause that says
    /// not to use them (one with "no", "not", "never", "nor", "without",
    /// "instead").
    fn lab03_words(hint: &str) -> Vec<String> {
        let mut text = hint.to_lowercase();
        for allowed in LAB06_THREADS {
            text = text.replace(allowed, "");
        }
        let mut found = Vec::new();
        for clause in text.split([';', ':', '.', '(', ')']) {
            let words: Vec<&str> = clause
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            let negated = words
                .iter()
                .any(|w| ["no", "not", "never", "nor", "without", "instead"].contains(w));
            if negated {
                continue;
            }
            found.extend(
                words
                    .iter()
                    .filter(|w| LAB03_WORDS.contains(w))
                    .map(|w| w.to_string()),
            );
        }
        found
    }

    #[test]
    fn lab_06s_hints_do_not_teach_lab_03s_threads() {
        let mut problems = Vec::new();
        for test in shared() {
            for hint in levels(&test.hints) {
                let words = lab03_words(hint);
                if !words.is_empty() {
                    problems.push(format!("{}: {words:?} in {hint:?}", test.name));
                }
            }
        }
        assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    }

    #[test]
    fn lab_03s_words_are_found_unless_a_clause_says_not_to_use_them() {
        assert_eq!(
            lab03_words("give each user a writer thread"),
            ["writer", "thread"]
        );
        assert_eq!(
            lab03_words("deliver() under the hub's lock"),
            ["deliver", "hub", "lock"]
        );
        assert_eq!(
            lab03_words("set_write_timeout on the socket"),
            ["set_write_timeout"]
        );
        assert!(lab03_words("no thread per connection: one Poll").is_empty());
        assert!(lab03_words("serve everyone from one thread; blocks nobody").is_empty());
        assert!(lab03_words("OUTBOX_BYTES full").is_empty());
        // Lab 03's own hints are caught.
        let theirs = lab03::LAB.test("slow-reader").unwrap();
        assert!(!lab03_words(theirs.hints.default[2]).is_empty());
    }
}
