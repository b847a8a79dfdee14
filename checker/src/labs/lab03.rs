//! Lab 03: the multi-user chat with an admin console, and its client.
//! Protocol: docs/labs/03-chat.md.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::{Hint, Hints, Lab, On, Rule, TestCase, common};
use crate::harness::{Conn, Ctx, Failure, Kind, Program, REPLY, Server, ensure, escape};
use crate::i18n::Text;
use crate::t;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[
    Rule {
        id: "03-lines",
        says: "Lines are UTF-8 text ending in `\\n`; a `\\r` before the `\\n` is ignored, in both directions (a server may send `\\r\\n` too), and one recv() is not one line.",
        unchecked: None,
    },
    Rule {
        id: "03-welcome",
        says: "The client's first line is its nick; once it is accepted the newcomer gets `WELCOME <nick>`, and then everyone, the newcomer included, gets `* <nick> joined`.",
        unchecked: None,
    },
    Rule {
        id: "03-nick-form",
        says: "A nick is 1 to 16 characters (characters, not bytes), each a letter of any alphabet, a digit, `_` or `-`; any other nick gets `ERROR invalid nick`.",
        unchecked: None,
    },
    Rule {
        id: "03-nick-trimmed",
        says: "Spaces before and after a nick are ignored: `  ola  ` is `ola`.",
        unchecked: None,
    },
    Rule {
        id: "03-nick-reserved",
        says: "`admin` and `server` are reserved, in any case: they get `ERROR nick taken`, so nobody can pass for the admin.",
        unchecked: None,
    },
    Rule {
        id: "03-nick-unique",
        says: "Nicks are unique, compared ignoring case in any alphabet (`Ala` is `ala`, `ŁUCJA` is `Łucja`), also when two users send the same nick at the same moment: the second gets `ERROR nick taken`.",
        unchecked: None,
    },
    Rule {
        id: "03-nick-again",
        says: "After `ERROR invalid nick` or `ERROR nick taken` the client may send another nick on the same connection.",
        unchecked: None,
    },
    Rule {
        id: "03-say",
        says: "Any text a user sends reaches everyone, the sender included, as `<nick>: <text>`; a connection that has not joined yet gets nothing.",
        unchecked: None,
    },
    Rule {
        id: "03-many-at-once",
        says: "Many users are served at the same time: nobody waits for anybody else to be served.",
        unchecked: None,
    },
    Rule {
        id: "03-one-order",
        says: "Everyone sees the chat in one order.",
        unchecked: None,
    },
    Rule {
        id: "03-list",
        says: "`/list` from a user: that user only gets `* users: <nick>, <nick>, ...`, with every user.",
        unchecked: None,
    },
    Rule {
        id: "03-quit",
        says: "`/quit`: the server closes that user's connection, and everyone else gets `* <nick> left`.",
        unchecked: None,
    },
    Rule {
        id: "03-only-admin-kicks",
        says: "A user's `/kick ...`: that user only gets `ERROR only the admin can kick`, and nobody is kicked.",
        unchecked: None,
    },
    Rule {
        id: "03-unknown-command",
        says: "Any other `/command` from a user (a first word starting with `/`): that user only gets `ERROR unknown command`, and nothing is relayed.",
        unchecked: None,
    },
    Rule {
        id: "03-empty-line",
        says: "An empty line, a line of only spaces, or a line of only control characters is relayed to nobody.",
        unchecked: None,
    },
    Rule {
        id: "03-left-once",
        says: "Leaving, however it happens (`/quit`, closing the connection, being dropped for not reading), is announced once: `* <nick> left`.",
        unchecked: None,
    },
    Rule {
        id: "03-kicked-not-left",
        says: "A kicked user is announced as kicked, not also as left.",
        unchecked: None,
    },
    Rule {
        id: "03-nick-freed",
        says: "A user who has left or was kicked is gone: their nick is free again, and a kicked user who joins again on a new connection stays in when the server closes the old one.",
        unchecked: None,
    },
    Rule {
        id: "03-no-handles-kept",
        says: "Once a user's connection is closed the server keeps no handle of it: users who come and go cost the server no open files.",
        unchecked: None,
    },
    Rule {
        id: "03-console-says",
        says: "Text typed on the console reaches everyone as `admin: <text>`; an empty line, or only spaces, does nothing.",
        unchecked: None,
    },
    Rule {
        id: "03-kick",
        says: "Console `/kick <nick>`: the target gets `* you were kicked by admin` and is disconnected; everyone else gets `* <nick> was kicked by admin`.",
        unchecked: None,
    },
    Rule {
        id: "03-kick-reason",
        says: "Console `/kick <nick> <reason>`: the same, with `: <reason>` (all of it) at the end of both lines.",
        unchecked: None,
    },
    Rule {
        id: "03-kick-any-case",
        says: "The console's `/kick` finds the nick in any case: `/kick BOB` kicks bob.",
        unchecked: None,
    },
    Rule {
        id: "03-kick-unknown",
        says: "Console `/kick` of a nick nobody has: the console shows `* no user named <nick>`, and users get nothing.",
        unchecked: None,
    },
    Rule {
        id: "03-console-list",
        says: "Console `/list`: the console shows `* users: <nick>, <nick>, ...`, and users get nothing.",
        unchecked: None,
    },
    Rule {
        id: "03-console-unknown",
        says: "Any other console `/command`, also `/kick` without a nick: the console shows `* unknown command /<command>` (a reminder of the commands may follow on the same line), and users get nothing.",
        unchecked: None,
    },
    Rule {
        id: "03-console-shows-chat",
        says: "The console shows every line that is broadcast.",
        unchecked: None,
    },
    Rule {
        id: "03-log-on-stderr",
        says: "The server's log (connections, errors) goes to stderr, not to the console.",
        unchecked: Some(
            "the console may show more than the chat and its replies (a note that it missed lines), and the checker reads its replies by their beginning, so a log line on stdout can't be told from such a note by its form",
        ),
    },
    Rule {
        id: "03-console-not-read",
        says: "A console nobody reads never stops the chat: if stdout is full, the console may miss lines.",
        unchecked: None,
    },
    Rule {
        id: "03-line-too-long",
        says: "A line over 1024 bytes (not counting its line ending) gets `ERROR line too long`; the line is dropped, and the connection stays.",
        unchecked: None,
    },
    Rule {
        id: "03-line-1024",
        says: "A line of exactly 1024 bytes is fine and is relayed whole: nobody may cut the lines they receive at 1024 bytes.",
        unchecked: None,
    },
    Rule {
        id: "03-invalid-utf8",
        says: "Bytes that are not UTF-8 are replaced by U+FFFD; not an error.",
        unchecked: None,
    },
    Rule {
        id: "03-controls-removed",
        says: "Control characters (`char::is_control`: ESC, bell, backspace, carriage return, tab, ...) are removed from messages before anything is relayed, to users and to the console alike.",
        unchecked: None,
    },
    Rule {
        id: "03-slow-reader",
        says: "A user who stops reading holds nobody up: everyone else keeps receiving, in time.",
        unchecked: None,
    },
    Rule {
        id: "03-slow-reader-dropped",
        says: "A user who stops reading is disconnected and announced as left once their socket has not taken one send (the lines waiting for them, at most 4 KiB) within a second.",
        unchecked: None,
    },
    Rule {
        id: "03-kicked-closed",
        says: "A kicked user's connection is closed promptly whatever their buffers hold.",
        unchecked: None,
    },
    Rule {
        id: "03-half-line",
        says: "A user who has sent part of a line holds nobody up; when the rest arrives the line is one message.",
        unchecked: None,
    },
    Rule {
        id: "03-server-host",
        says: "The server listens on the address it is given and nowhere else, and its ready line `listening on <ip>:<port>` shows the address it bound.",
        unchecked: None,
    },
    Rule {
        id: "03-client-host",
        says: "The client connects to the `--host` it is given.",
        unchecked: None,
    },
    Rule {
        id: "03-client-nick",
        says: "The client sends `--nick` as its first line, or without it reads the nick from stdin.",
        unchecked: None,
    },
    Rule {
        id: "03-client-both-ways",
        says: "Once in, the client at the same time sends each line typed and prints each line that arrives.",
        unchecked: None,
    },
    Rule {
        id: "03-client-nick-again",
        says: "After `ERROR nick taken` or `ERROR invalid nick` the client asks for another nick.",
        unchecked: None,
    },
    Rule {
        id: "03-client-quit",
        says: "When its input ends the client sends `/quit`.",
        unchecked: None,
    },
    Rule {
        id: "03-client-closed",
        says: "When the server closes the connection the client says so (on stderr, in any words) and exits 0.",
        unchecked: None,
    },
    Rule {
        id: "03-client-verbatim",
        says: "The client prints each line from the server on a line of its own exactly as it arrived (however long), less its control characters, which the client removes: no prefix, no timestamp, no colour.",
        unchecked: None,
    },
    Rule {
        id: "03-client-stderr",
        says: "The client's prompts (`nick: `) and its own notes go to stderr.",
        unchecked: None,
    },
];

/// The hint for a chat that stopped once nobody read the console: the
/// skeleton gives the console's queue and printer thread, so what can
/// still block is the way a line is put in that queue.
const CONSOLE_BLOCKS: &[Hint] = &[Hint {
    id: "console-blocks",
    on: &[On::Kind(Kind::Timeout), On::After("lab03-flood-sends")],
    levels: &[
        "the chat stopped when nobody read the server's console: something on the way to the console waits for it",
        "look at how a line reaches the console: deliver() hands it over under the hub's lock, for every line; a write to stdout there waits for a reader, and so does a send() into the console's bounded queue once the printer thread is stuck and the queue is full",
        "in Console::show(), use try_send(): when it says TrySendError::Full, count the line in `missed` and go on; never write to stdout from deliver()",
    ],
}];

/// A flood's readers found a line missing or out of place: the server
/// skipped lines for a user who reads, which is not the same slip as
/// holding everyone up (the test's default).
const MESSAGES_LOST: &[Hint] = &[Hint {
    id: "messages-lost",
    on: &[On::Says("lab03-messages-lost")],
    levels: &[
        "a user who was reading missed some messages, or got them out of order: while one user reads nothing, lines may not be skipped for anyone still in the chat",
        "look at how Hub::deliver() puts a line into an outbox that is full: a line skipped there is lost for a user who is only a little behind",
        "in deliver(), push() into each member's outbox, which waits while it is full: the writer empties it, or gives up on a user who reads nothing within WRITE_STALL and ends their connection; only the console's queue may drop lines",
    ],
}];

/// The kicked user got their notice, but their connection stayed open.
const KICKED_NOT_CLOSED: &[Hint] = &[Hint {
    id: "kicked-not-closed",
    on: &[On::Expected("lab03-close-kicked")],
    levels: &[
        "the kicked user got the notice, but their connection stayed open: a kick ends the connection too",
        "look at what ends the kicked user's writer: Hub::kick() must remove the member, so that nothing holds their outbox open any more, and write_outbox() must close the socket when its outbox is closed",
        "in kick(), users.by_key.remove() the member, which drops their outbox's sender; in write_outbox(), when recv() fails, socket.shutdown(Shutdown::Both) before returning",
    ],
}];

/// kick-rejoin's old connection stayed open: kick-not-reading's slip (a
/// writer stuck in send()), not a rejoin's.
const KICKED_STILL_OPEN: &[Hint] = &[Hint {
    id: "kicked-still-open",
    on: &[On::Says("lab03-kicked-still-open")],
    levels: &[
        "a kicked user who reads nothing must still be disconnected promptly: their old connection stayed open",
        "a kicked user's writer may be stuck in send() to a full socket, so it never sees that their outbox was closed",
        "give send() a timeout (set_write_timeout(Some(WRITE_STALL))), or shutdown() the socket when kicking: the blocked send() then fails, and the writer ends and closes the connection",
    ],
}];

pub const LAB: Lab = Lab {
    number: 3,
    name: "chat",
    title: "multi-user chat with admin console",
    rules: RULES,
    tests: &TESTS,
};

/// The table. Lab 06 serves the same protocol and takes these rows into
/// its own table, with hints of its own where these speak of threads.
pub const TESTS: [TestCase; 39] = [
    TestCase {
        name: "join-welcome",
        points: 2,
        rules: &["03-welcome"],
        checks: "a nick is answered with `WELCOME <nick>`, then `* <nick> joined`",
        hints: Hints::of(&[
                "a newcomer's first line is their nick: they get `WELCOME <nick>`, then everyone, them included, gets `* <nick> joined`",
                "Hub::join() checks the nick, makes the member's outbox for their socket, puts WELCOME in it and announces the join; handle_client() must start the writer that sends what the outbox queues",
                "in join(): check_nick(nick)?; let (outbox, receiver) = outbox(socket, OUTBOX_LINES); outbox.push() says::welcome(nick); insert the Member under nick_key(nick); self.deliver(&users, says::joined(nick)); return the Ticket and the receiver, which start_writer() hands to write_outbox() on a thread of its own",
            ]),
        run: join_welcome,
    },
    TestCase {
        name: "broadcast",
        points: 3,
        rules: &["03-say", "03-console-shows-chat", "03-welcome"],
        checks: "a message from one of three users reaches all three (sender included) as `<nick>: <text>`, and the console, and not a connection that has not joined yet",
        hints: Hints::of(&[
                "a message must reach every user who has joined, the sender too, and the console, as `<nick>: <text>`, and nobody who has not joined yet",
                "read_commands() passes a plain line to Hub::say(), which calls Hub::deliver(): one outgoing line into every member's outbox and onto the console",
                "in deliver(): make the line once (outgoing(&line)), push a clone of it into every member.outbox, then self.console.show(line); a connection that has not joined has no member, so it gets nothing",
            ]),
        run: broadcast,
    },
    TestCase {
        name: "one-order",
        points: 2,
        rules: &["03-one-order"],
        checks: "three users and the console sending 30 messages each at the same moment: all three users see the same 120 lines in the same order",
        hints: Hints::of(&[
                "users saw the chat's lines in different orders: every line must reach everyone in one and the same order",
                "look at Hub::deliver() and its callers: a line must enter all the outboxes while the hub's lock is held, before any other line can",
                "put each line into every outbox while holding the one lock (deliver() gets the caller's guard), so no other line can come between; never copy the outboxes out and push after unlocking",
            ]),
        run: one_order,
    },
    TestCase {
        name: "console-says",
        points: 1,
        rules: &["03-console-says"],
        checks: "a plain line typed on the server's console reaches everyone as `admin: <text>`; an empty line and a line of spaces say nothing",
        hints: Hints::of(&[
                "a line typed on the server's console must reach everyone as `admin: <text>`; an empty line and a line of spaces say nothing",
                "console::run() reads the server's stdin on a thread of its own (main.rs starts it) and hands ConsoleCommand::Say to hub.broadcast(): look at broadcast() and deliver()",
                "read the server's stdin in its own thread and broadcast each line as admin: hub.broadcast(says::message(\"admin\", &text)), which works once deliver() puts it into every outbox",
            ]),
        run: console_says,
    },
    TestCase {
        name: "join-leave-announced",
        points: 2,
        rules: &["03-quit", "03-left-once", "03-nick-freed"],
        checks: "`/quit` closes the user's connection, everyone else gets `* <nick> left`, and the nick is free again",
        hints: Hints::of(&[
                "after `/quit` the user's connection must close, everyone else must be told `* <nick> left`, and the nick must be free again",
                "handle_client(): when read_commands() returns (on /quit or end of stream), hub.leave() must remove the member; that drops their outbox, and their writer must then close the socket",
                "when a user's read loop ends, call hub.leave(&ticket) (it removes them from the map and broadcasts that they left); in write_outbox(), once the outbox's recv() fails, shutdown(Shutdown::Both) the socket",
            ]),
        run: join_leave_announced,
    },
    TestCase {
        name: "kick",
        points: 3,
        rules: &["03-kick", "03-kick-reason", "03-kicked-not-left"],
        checks: "console `/kick bob flooding the chat`: bob gets `* you were kicked by admin: flooding the chat` and is disconnected; the others get `* bob was kicked by admin: flooding the chat` and no `left`",
        hints: Hints::of(&[
                "a kick must tell the kicked user, with the reason, close their connection, and tell the others, with the reason, that they were kicked (not that they left)",
                "Hub::kick(): find the member by nick_key(nick), queue their notice, remove them from the map (so leave() announces nothing later) and deliver the kick line to the rest",
                "queue the message for the target, remove them (so leaving isn't announced again) and drop their outbox, so that their writer sends what is left and closes the connection; the reason goes into both lines (says::you_were_kicked, says::was_kicked)",
            ])
        .on(KICKED_NOT_CLOSED),
        run: kick,
    },
    TestCase {
        name: "kick-unknown",
        points: 1,
        rules: &["03-kick-unknown"],
        checks: "console `/kick ghost`, a nick nobody has: the console shows `* no user named ghost`, and users get nothing",
        hints: Hints::of(&[
                "a `/kick` of a nick nobody has is answered on the console only; users get nothing",
                "Hub::kick() must return false, having sent nothing, when no member has that nick: console::run() then shows `* no user named <nick>`",
                "when Hub::kick() finds nobody (users.by_key.remove(&nick_key(nick)) is None), return false before delivering anything; console::run() shows `* no user named <nick>` with hub.show()",
            ]),
        run: kick_unknown,
    },
    TestCase {
        name: "kick-any-case",
        points: 1,
        rules: &["03-kick-any-case", "03-kick"],
        checks: "console `/kick BOB` kicks bob: nicks are compared ignoring case here too",
        hints: Hints::of(&[
                "the console's `/kick` must find a user whatever the case of the nick typed: nicks are compared ignoring case here too",
                "Hub::kick() looks the user up by nick_key(nick), as join() does, not by the nick as typed",
                "users.by_key.remove(&nick_key(nick)): the map's keys are nick_key()s; announce the kick with the member's own nick (or the nick as typed)",
            ])
        .on(KICKED_NOT_CLOSED),
        run: kick_any_case,
    },
    TestCase {
        name: "user-cannot-kick",
        points: 2,
        rules: &["03-only-admin-kicks"],
        checks: "`/kick` from a user gets `ERROR only the admin can kick`, and nobody is kicked",
        hints: Hints::of(&[
                "only the console may kick; a user's /kick is an error for that user alone",
                "read_commands(): UserCommand::Kick is answered with says::ONLY_ADMIN_KICKS to that user alone (hub.send_to()), and never reaches Hub::kick()",
            ]),
        run: user_cannot_kick,
    },
    TestCase {
        name: "duplicate-nick",
        points: 2,
        rules: &["03-nick-unique", "03-nick-again", "03-nick-trimmed"],
        checks: "a nick already in use (ignoring case, in any alphabet: `ŁUCJA` is `Łucja`; and the spaces around it) gets `ERROR nick taken`, and the client may try another",
        hints: Hints::of(&[
                "a nick already in use, whatever its case and the spaces around it, must be refused with `ERROR nick taken`, and the client may then try another",
                "Hub::join(): nicks are compared by nick_key() (lower case, in any alphabet) of the trimmed nick, and checked and inserted under one lock",
                "trim the nick first (register() does), compare nicks by nick_key() (to_lowercase, not to_ascii_lowercase: Ł is not ASCII) and check-and-insert under one lock: if users.by_key contains the key, Err(NickError::Taken)",
            ]),
        run: duplicate_nick,
    },
    TestCase {
        name: "nick-race",
        points: 1,
        rules: &["03-nick-unique"],
        checks: "ten connections send the same nick at the same moment: exactly one gets `WELCOME`, the other nine `ERROR nick taken` (nine times over, with a new nick each time)",
        hints: Hints::of(&[
                "several users asking for the same nick at the same moment: exactly one may get it, the others get `ERROR nick taken`",
                "Hub::join(): between checking that the nick is free and inserting it, another thread can check too, unless both happen under one lock",
                "check that the nick is free and insert it under one lock (one guard from self.lock() in Hub::join()), never letting go of the lock in between",
            ]),
        run: nick_race,
    },
    TestCase {
        name: "reserved-nick",
        points: 1,
        rules: &["03-nick-reserved", "03-nick-trimmed", "03-nick-again"],
        checks: "`Admin`, `admin`, `SERVER` and `  admin ` are refused with `ERROR nick taken`, so nobody can pass for the admin",
        hints: Hints::of(&[
                "`admin` and `server`, in any case and with spaces around them, are refused as taken, so nobody can pass for the admin",
                "Hub::join() must call check_nick(), which refuses the RESERVED_NICKS compared by nick_key(), on the trimmed nick",
                "trim the nick first, then refuse `admin` and `server`, compared ignoring case: check_nick(nick) before looking at the map, its Err(NickError::Taken) answered with says::NICK_TAKEN",
            ]),
        run: reserved_nick,
    },
    TestCase {
        name: "invalid-nick",
        points: 1,
        rules: &["03-nick-form", "03-nick-again"],
        checks: "empty, spaced, 17-character, escape-code and `;` nicks get `ERROR invalid nick`; `Zażółć` and `x_y-2` are welcome",
        hints: Hints::of(&[
                "a nick of 1 to 16 letters, digits, `_` or `-` is welcome (Polish letters are letters); anything else gets `ERROR invalid nick`",
                "Hub::join() must call check_nick() before anything else: each character must pass char::is_alphanumeric() or be _ or -, and the length counts characters",
                "1 to 16 characters, each char::is_alphanumeric() or _ or -; else Err(NickError::Invalid), answered with says::INVALID_NICK, before the map is looked at",
            ]),
        run: invalid_nick,
    },
    TestCase {
        name: "nick-length",
        points: 1,
        rules: &["03-nick-form"],
        checks: "nicks of 9 and of 16 characters are welcome, also `Zażółćgęśląjaźń1` (16 characters, 25 bytes)",
        hints: Hints::of(&[
                "nicks of up to 16 characters are welcome, also in Polish letters, which take more bytes than characters",
                "check_nick(): the limit, MAX_NICK, is in characters; String::len() counts bytes, and ż takes two",
                "a nick has 1 to 16 characters (MAX_NICK), counted with chars().count(), not bytes",
            ]),
        run: nick_length,
    },
    TestCase {
        name: "nick-spaces",
        points: 1,
        rules: &["03-nick-trimmed"],
        checks: "`  ola  ` (spaces before and after) is welcome as `ola`",
        hints: Hints::of(&[
                "spaces around a nick are not part of it: `  ola  ` is welcome as `ola`",
                "trim() the nick line before checking it (register() does, before Hub::join())",
            ]),
        run: nick_spaces,
    },
    TestCase {
        name: "list",
        points: 1,
        rules: &["03-list"],
        checks: "`/list` answers `* users: <nick>, <nick>, ...` with every user, to the asker only",
        hints: Hints::of(&[
                "`/list` answers only the user who asked, with every user's nick",
                "collect the nicks under the lock and send the line to that user alone",
                "read_commands(): UserCommand::List -> hub.send_to(ticket, says::users(&hub.nicks())), not broadcast(); nicks() takes the lock itself, so call it with no guard held",
            ]),
        run: list,
    },
    TestCase {
        name: "unknown-command",
        points: 1,
        rules: &["03-unknown-command"],
        checks: "`/dance now` gets `ERROR unknown command`, to the sender only; nothing is relayed",
        hints: Hints::of(&[
                "a line starting with `/` that is not a command gets `ERROR unknown command`, to the sender only, and is not relayed",
                "parse_user_line(): a first word starting with / that is not /list, /quit or /kick is UserCommand::Unknown; read_commands() answers it with says::UNKNOWN_COMMAND",
                "UserCommand::Unknown -> hub.send_to(ticket, says::UNKNOWN_COMMAND.to_string()): send_to(), not say(), so nothing is relayed",
            ]),
        run: unknown_command,
    },
    TestCase {
        name: "empty-line",
        points: 1,
        rules: &["03-empty-line"],
        checks: "an empty line, a line of spaces and a line of control characters only relay nothing",
        hints: Hints::of(&[
                "a line with nothing to say (empty, spaces, control characters only) is relayed to nobody",
                "parse_user_line(): sanitize first, then a line with no word left (split_whitespace) is UserCommand::Empty, which read_commands() ignores",
            ]),
        run: empty_line,
    },
    TestCase {
        name: "console-list",
        points: 1,
        rules: &["03-console-list"],
        checks: "console `/list` shows `* users: <nick>, ...` with every user on the console, and sends nothing to users",
        hints: Hints::of(&[
                "the console's `/list` shows every user on the console, and users get nothing",
                "console::run(): ConsoleCommand::List -> hub.show(&says::users(&hub.nicks())); hub.show() goes through Console::show(), which must queue the line for the console's printer thread",
            ]),
        run: console_list,
    },
    TestCase {
        name: "console-unknown-command",
        points: 1,
        rules: &["03-console-unknown"],
        checks: "console `/dance`, `/dance now`, `/kick` without a nick and `/` each show `* unknown command /<command>` on the console, and send nothing to users",
        hints: Hints::of(&[
                "an unknown console command is answered on the console (`* unknown command /<command>`), not said to users as admin",
                "parse_console_line(): any other /word is ConsoleCommand::Unknown; console::run() shows it with hub.show(), it is not said as admin",
            ]),
        run: console_unknown_command,
    },
    TestCase {
        name: "many-users",
        points: 3,
        rules: &["03-many-at-once"],
        checks: "50 users connected at once all get a message",
        hints: Hints::of(&[
                "50 users connected at once must all get a message: nobody may wait for anybody",
                "serve(): look at what happens to each accepted connection; a server that serves one connection at a time, or a fixed few, never welcomes the rest",
                "a thread per user (or per connection) so that nobody waits for anybody: for each accept(), thread::spawn a handle_client(stream, hub.clone()), and go straight back to accept()",
            ]),
        run: many_users,
    },
    TestCase {
        name: "abrupt-disconnect",
        points: 2,
        rules: &["03-left-once"],
        checks: "a user whose connection just closes (no /quit) is announced as left exactly once",
        hints: Hints::of(&[
                "a user whose connection just closes, without `/quit`, must be announced as left, exactly once",
                "handle_client(): end of stream and read errors end read_commands() too; hub.leave() must run however it ended, and in one place only (not also in the writer)",
                "end of stream and read errors end the user's loop too; announce leaving in one place only: call hub.leave(&ticket) after read_commands() returns, Ok or Err",
            ]),
        run: abrupt_disconnect,
    },
    TestCase {
        name: "come-and-go",
        points: 1,
        rules: &["03-no-handles-kept"],
        checks: "100 users join and leave (`/quit`, a closed connection, or closing before any nick): afterwards the server has no more sockets open than before",
        hints: Hints::of(&[
                "after users come and go, the server must not keep their sockets open",
                "a connection has a handle in each of its threads (the reader's stream and the writer's clone): look for one that outlives the user, such as a list of all connections never pruned, or a writer that never ends",
                "when a user is gone, every handle of their connection must go too (the reader's and the writer's): removing the member drops the outbox, so write_outbox() returns and drops its socket; keep no list of all connections that is never pruned",
            ]),
        run: come_and_go,
    },
    TestCase {
        name: "fragments-and-coalesced",
        points: 2,
        rules: &["03-lines"],
        checks: "a nick and a message arriving in pieces, and three lines in one segment, are handled line by line",
        hints: Hints::of(&[
                "a nick or a message arriving in pieces, or several lines arriving at once, must be handled line by line",
                "handle_client(): one BufReader, made once per connection, for the nick and every line after it; a new BufReader loses what the old one read ahead",
                "read with a BufReader made once per connection and passed to register() and read_commands(); one recv() is not one line",
            ]),
        run: fragments_and_coalesced,
    },
    TestCase {
        name: "long-line",
        points: 1,
        rules: &["03-line-too-long", "03-line-1024", "03-lines"],
        checks: "a line of exactly 1024 bytes is relayed whole (also ending in `\\r\\n`); a 2000-byte line and 600 `ż` (1200 bytes) get `ERROR line too long`, are not relayed, and the connection stays",
        hints: Hints::of(&[
            "a line longer than the limit must not be read whole, and must not become two messages: look at how the server reads a line",
            "the line reader: limit what one line may read (Read::take), and when the limit is hit, skip to the end of that line before the next",
            "read at most 1024 bytes (+ line ending) per line with Read::take, and skip the rest of the line",
        ]),
        run: long_line,
    },
    TestCase {
        name: "invalid-utf8",
        points: 1,
        rules: &["03-invalid-utf8"],
        checks: "a line with bytes that are not UTF-8 is relayed with U+FFFD in their place, and the connection stays",
        hints: Hints::of(&[
                "a line with bytes that are not UTF-8 must be relayed with U+FFFD in their place, and the connection stays",
                "look at how a line is read: BufRead::lines() or read_line() into a String fail on bytes that are not UTF-8, and the error ends the user's loop",
                "String::from_utf8_lossy instead of an error that ends the connection, as protocol::read_line() does",
            ]),
        run: invalid_utf8,
    },
    TestCase {
        name: "escapes-stripped",
        points: 2,
        rules: &["03-controls-removed"],
        checks: "control characters (ANSI escapes, bell, backspace) are removed before a message is relayed: neither another user nor the console gets them",
        hints: Hints::of(&[
                "control characters (escape sequences, bell, backspace) must not reach anyone, neither other users nor the console",
                "parse_user_line() cleans the line with sanitize() before it is said: a line said some other way keeps them",
                "drop every char for which char::is_control() is true (sanitize()) before the line is said: pass the text of UserCommand::Say to Hub::say(), not the raw line",
            ]),
        run: escapes_stripped,
    },
    TestCase {
        name: "slow-reader",
        points: 3,
        rules: &["03-slow-reader"],
        checks: "while one user reads nothing, two others exchange messages and get all of them, in order, promptly: 1 MiB more once the kernel shows that the server's socket to that user takes nothing, or else more than the kernel can buffer (net.ipv4.tcp_wmem's maximum and 1 MiB more)",
        hints: Hints::of(&[
                "one user who reads nothing held the others up: the chat must go on for everyone else, at full speed",
                "look at where a line is written to a user's socket: a send() to a user whose buffers are full blocks, and if that happens under the hub's lock, or on the sender's thread, everyone waits; and does each user's queue have a bound?",
                "never let one user's full socket stall the others: give each user a bounded queue and a writer thread whose send() has a timeout (set_write_timeout), and cut off a user whose socket does not take a send within a second",
            ])
        .on(MESSAGES_LOST),
        run: slow_reader,
    },
    TestCase {
        name: "slow-reader-dropped",
        points: 1,
        rules: &["03-slow-reader-dropped", "03-left-once"],
        checks: "a user who reads nothing is disconnected and announced as left before 8 MiB have been sent to them",
        hints: Hints::of(&[
            "a user who reads nothing was never cut off: lines kept piling up for them, or the chat waited on them without end",
            "look at the writer's send(): without a time limit it blocks for ever once that user's buffers are full; and is each user's queue bounded, so that nothing piles up without end?",
            "bound each outbox (the OUTBOX_LINES given to outbox()) and give the writer's send() a deadline (set_write_timeout, WRITE_STALL); when it passes, shut the socket down: the reader ends and the user is announced as left",
        ])
        .on(MESSAGES_LOST),
        run: slow_reader_dropped,
    },
    TestCase {
        name: "half-line",
        points: 2,
        rules: &["03-half-line"],
        checks: "a user who has sent half a line (`hel`, no newline) holds nobody up; the rest (`lo\\n`) is relayed as one message `hello`",
        hints: Hints::of(&[
                "a user who has sent half a line holds nobody up, and the rest of it completes their message",
                "look at where the server waits for a line's end: each user must be read on a thread of their own, and no lock may be held while reading",
                "read each user on their own thread (or keep a buffer per user and act on complete lines only): never wait for one user's newline while others talk, and never with the hub's lock held",
            ]),
        run: half_line,
    },
    TestCase {
        name: "kick-not-reading",
        points: 2,
        rules: &["03-kicked-closed"],
        checks: "a user who reads nothing and whose buffers are full is still disconnected promptly when the admin kicks them",
        hints: Hints::of(&[
                "a user who reads nothing must still be disconnected promptly when the admin kicks them",
                "a kicked user's writer may be stuck in send() to a full socket, so it never sees that their outbox was closed",
                "give send() a timeout (set_write_timeout(Some(WRITE_STALL))), or shutdown() the socket when kicking: the blocked send() then fails, and the writer ends and closes the connection",
            ]),
        run: kick_not_reading,
    },
    TestCase {
        name: "kick-rejoin",
        points: 1,
        rules: &["03-nick-freed", "03-kicked-not-left"],
        checks: "a user kicked while not reading joins again at once under the same nick, and stays in the chat when the server closes the old connection (no `* slow left`)",
        hints: Hints::of(&[
                "a kicked user who joins again under the same nick must stay in the chat when their old connection ends",
                "when the old connection ends, its handle_client() calls hub.leave(): it must remove only its own member, not the new one of the same nick",
                "when a connection ends, remove its own member only (compare an id, as Hub::leave() does), not whoever holds the nick by then",
            ])
        .on(KICKED_STILL_OPEN),
        run: kick_rejoin,
    },
    TestCase {
        name: "console-not-read",
        points: 2,
        rules: &["03-console-not-read"],
        checks: "while nobody reads the server's console (stdout is a full pipe), users exchange 600 KB of messages and get all of them promptly",
        hints: Hints::of(&[
                "the chat slowed down or stopped while nobody read the server's console: the chat must never wait for the console",
                "the chat must never wait for the console: Console::show() queues a line or counts it as missed, it never waits",
                "in Console::show(), self.outbox.try_send(line); on TrySendError::Full add one to self.missed and go on; never write to stdout from the hub",
            ])
        .on(CONSOLE_BLOCKS),
        run: console_not_read,
    },
    TestCase {
        name: "server-host",
        points: 1,
        rules: &["03-server-host"],
        checks: "told `--host 127.0.0.1`, the server listens there and nowhere else: its ready line shows 127.0.0.1, and another loopback address (127.x.y.z) is refused",
        hints: Hints::of(&[
                "the server must listen on the address --host gives, and nowhere else, and its ready line must show that address",
                "main.rs makes the address from --host and --port and gives it to open_listener(): look at which address reaches bind(), and which one the ready line prints",
                "bind() to the --host address you were given, not to 0.0.0.0, and print the address you bound (listener.local_addr())",
            ])
        .on(common::SERVER_HOST),
        run: |ctx| common::server_binds_only_its_host(ctx, &[], join_once),
    },
    TestCase {
        name: "client-incoming",
        points: 2,
        rules: &[
            "03-client-host",
            "03-client-nick",
            "03-client-both-ways",
            "03-client-verbatim",
        ],
        checks: "the client sends its nick and shows each line that arrives while nothing is typed, exactly as it came (also one of 1051 bytes, also ending in `\\r\\n`) less its control characters",
        hints: Hints::of(&[
            "the client must print what arrives while the user is typing, or not typing at all: look at what it waits for",
            "the keyboard and the connection each need a thread of their own (or the client stops at one read while the other has news)",
            "client::join() sends the nick; then run() starts forward_keyboard() on a thread of its own and prints what arrives with print_incoming(): neither may wait for the other",
        ]),
        run: client_incoming,
    },
    TestCase {
        name: "client-typing",
        points: 2,
        rules: &["03-client-both-ways", "03-client-quit", "03-client-closed"],
        checks: "the client sends each typed line, `/quit` when its input ends, and when the server closes says so on stderr (any words) and exits 0",
        hints: Hints::of(&[
                "the client must send each typed line, `/quit` when its input ends, and when the server closes, say so on stderr and exit 0",
                "client::run(): forward_keyboard() (on a thread of its own) sends typed lines and /quit at the end of stdin; the main thread prints what arrives until the end of stream, then says so on stderr and returns Ok(())",
                "forward stdin lines to the socket and send /quit at the end of stdin (thread::spawn forward_keyboard(stream.try_clone()?)); print_incoming() until end of stream, then eprintln! that the server closed and return Ok(())",
            ]),
        run: client_typing,
    },
    TestCase {
        name: "client-asks-nick",
        points: 1,
        rules: &["03-client-nick", "03-client-stderr", "03-client-verbatim"],
        checks: "without `--nick` the client reads the nick from its stdin and sends it first; its prompt goes to stderr (`WELCOME dora` is a line of its own on stdout)",
        hints: Hints::of(&[
                "without --nick the client asks for a nick on stderr, reads it from its input and sends it first",
                "client::join() asks (ask(), which prompts on stderr) when no nick was given; client::run() must call join() before anything else is sent",
                "if --nick is missing, read one line from stdin (prompting on stderr) and send it as the nick: call join(&mut reader, &mut stream, nick) first, and return Ok(()) if it gives false",
            ]),
        run: client_asks_nick,
    },
    TestCase {
        name: "client-nick-taken",
        points: 1,
        rules: &["03-client-nick-again", "03-client-stderr"],
        checks: "after `ERROR invalid nick`, and again after `ERROR nick taken`, the client asks for another nick (prompting on stderr) and sends it",
        hints: Hints::of(&[
                "after an ERROR for the nick, the client asks for another one and sends it",
                "client::join() loops: an answer that is not WELCOME asks for a new nick; client::run() must use join() rather than send the nick once",
                "on an ERROR reply to the nick, read a new nick from stdin (ask(), prompting on stderr) and send it, until WELCOME",
            ]),
        run: client_nick_taken,
    },
    TestCase {
        name: "client-kicked",
        points: 1,
        rules: &["03-client-closed"],
        checks: "the client prints the kick message, and when the server closes the connection says so on stderr (any words) and exits 0",
        hints: Hints::of(&[
                "when the server closes the connection (after a kick, say), the client prints what came, says so on stderr and exits 0",
                "client::run(): end of stream from the server is a normal end, not an error: print_incoming() returns Ok(()) then",
                "end of stream from the server is a normal end: print the kick line as it came, eprintln! a message and return Ok(()) (exit 0)",
            ]),
        run: client_kicked,
    },
];

/// Joins as `nick`: sends it, expects `WELCOME <nick>` and then the
/// broadcast of its own join.
pub(crate) fn join(ctx: &mut Ctx, addr: SocketAddr, nick: &str) -> Result<Conn, Failure> {
    let mut conn = ctx.connect(addr)?;
    conn.send_line(nick)?;
    conn.expect_line(&format!("WELCOME {nick}"))?;
    conn.wait_for_line(&format!("* {nick} joined"))?;
    Ok(conn)
}

/// Starts a server and joins `nicks` one by one; every member sees each
/// later join, so when this returns nobody has unread lines.
pub(crate) fn room(ctx: &mut Ctx, nicks: &[&str]) -> Result<(Server, Vec<Conn>), Failure> {
    let server = ctx.start_server(&[])?;
    let users = join_all(ctx, &server, nicks)?;
    Ok((server, users))
}

/// `nicks` join `server` one after another, each announced to those
/// already in.
fn join_all(ctx: &mut Ctx, server: &Server, nicks: &[&str]) -> Result<Vec<Conn>, Failure> {
    let mut users: Vec<Conn> = Vec::new();
    for nick in nicks {
        let newcomer = join(ctx, server.addr, nick)?;
        for user in &mut users {
            user.wait_for_line(&format!("* {nick} joined"))?;
        }
        users.push(newcomer);
    }
    Ok(users)
}

/// `nick` says `text`; each of `users` must get exactly that as its next
/// line. Because everyone sees the chat in one order, this also proves
/// that nothing else was sent to them in between.
pub(crate) fn say_and_expect(
    users: &mut [Conn],
    from: usize,
    nick: &str,
    text: &str,
) -> Result<(), Failure> {
    users[from].send_line(text)?;
    let expected = format!("{nick}: {text}");
    for user in users.iter_mut() {
        user.expect_line(&expected)?;
    }
    Ok(())
}

/// Checks that nothing is sent to `users` for a while: `nick` keeps
/// talking, and each message must be everyone's next line, until `window`
/// (stretched by --timeout-scale) has passed. Proving that something does
/// *not* happen (a second announcement, say, from a thread that runs late)
/// needs a window; round trips keep it busy rather than asleep.
fn quiet_for(
    ctx: &Ctx,
    users: &mut [Conn],
    from: usize,
    nick: &str,
    window: Duration,
) -> Result<(), Failure> {
    let until = ctx.deadline(window);
    let mut round = 0;
    while round == 0 || Instant::now() < until {
        say_and_expect(users, from, nick, &format!("quiet check {round}"))?;
        round += 1;
    }
    Ok(())
}

/// How long the quiet checks last.
const QUIET: Duration = Duration::from_millis(300);

/// Types a line on the server's console.
fn console(ctx: &Ctx, server: &Server, line: &str) -> Result<(), Failure> {
    ctx.transcript()
        .sent("console", format!("{line}\n").as_bytes());
    server
        .program
        .write_stdin(format!("{line}\n").as_bytes())
        .map_err(|e| {
            Failure::wrong(t!(
                "lab03-console-stdin",
                "could not type on the server's console (stdin): {e}",
                e = e.to_string()
            ))
        })
}

/// Waits until the console (the server's stdout), after byte `from`, shows
/// a line that `matches`.
fn console_shows(
    ctx: &Ctx,
    program: &Program,
    from: usize,
    what: Text,
    matches: impl Fn(&str) -> bool,
) -> Result<(), Failure> {
    common::stdout_shows(ctx, program, from, &what, matches).map_err(|f| Failure {
        expected: Some(what),
        message: t!(
            "lab03-console-did-not-show",
            "the server's console (stdout) did not show it"
        ),
        ..f
    })
}

fn join_welcome(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    conn.send_line("ala")?;
    conn.expect_line("WELCOME ala")?;
    conn.expect_line("* ala joined")
}

fn broadcast(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    // Connected, but not joined: it sends no nick until the end. It
    // connects first, so the server has long taken it in (accept(), its
    // thread) by the time anyone speaks.
    let mut lurker = ctx.connect(server.addr)?;
    ctx.note(t!("lab03-lurker", "c1 is connected but sends no nick yet"));
    let mut users = join_all(ctx, &server, &["ala", "bob", "cyd"])?;
    let from = common::stdout_len(&server.program);
    say_and_expect(&mut users, 1, "bob", "hello everyone")?;
    console_shows(
        ctx,
        &server.program,
        from,
        the_line("\"bob: hello everyone\""),
        |l| l.contains("bob: hello everyone"),
    )?;
    // The chat is for members: the first thing the lurker reads is its
    // own WELCOME, not what was said before it joined.
    lurker.send_line("dan")?;
    lurker.expect_line("WELCOME dan")
}

fn one_order(ctx: &mut Ctx) -> Result<(), Failure> {
    let nicks = ["ala", "bob", "cyd"];
    let (server, mut users) = room(ctx, &nicks)?;
    // Each user's 30 lines go out in one write, all three at once, and
    // the admin's 30 with them: the console's lines are in the one order
    // too.
    let burst = |nick: &str| -> String { (0..30).map(|i| format!("{nick} {i:02}\n")).collect() };
    for (user, nick) in users.iter_mut().zip(nicks) {
        user.send(burst(nick).as_bytes())?;
    }
    ctx.transcript().sent("console", burst("admin").as_bytes());
    server
        .program
        .write_stdin(burst("admin").as_bytes())
        .map_err(|e| {
            Failure::wrong(t!(
                "lab03-console-stdin",
                "could not type on the server's console (stdin): {e}",
                e = e.to_string()
            ))
        })?;
    let mut seen: Vec<Vec<String>> = Vec::new();
    for user in &mut users {
        let mut lines = Vec::new();
        for _ in 0..120 {
            lines.push(user.read_line(&t!("lab03-the-120-messages", "the 120 messages"))?);
        }
        seen.push(lines);
    }
    for (lines, user) in seen.iter().zip(&users) {
        for nick in nicks.into_iter().chain(["admin"]) {
            let own: Vec<&String> = lines
                .iter()
                .filter(|l| l.starts_with(&format!("{nick}: ")))
                .collect();
            let expected: Vec<String> = (0..30).map(|i| format!("{nick}: {nick} {i:02}")).collect();
            ensure(
                own.iter()
                    .map(|l| l.as_str())
                    .eq(expected.iter().map(|l| l.as_str())),
                || {
                    Failure::wrong(t!(
                        "lab03-missing-or-out-of-order",
                        "{conn}: {nick}'s messages are missing or out of order",
                        conn = user.name(),
                        nick = nick
                    ))
                    .expected(t!(
                        "lab03-00-to-29-in-order",
                        "\"{nick}: {nick} 00\" to \"{nick}: {nick} 29\", in order",
                        nick = nick
                    ))
                    .got(format!("{own:?}"))
                },
            )?;
        }
    }
    for (i, lines) in seen.iter().enumerate().skip(1) {
        if let Some(at) = lines.iter().zip(&seen[0]).position(|(a, b)| a != b) {
            return Err(Failure::wrong(t!(
                "lab03-different-orders",
                "two users saw the chat in different orders"
            ))
            .expected(t!(
                "lab03-same-line-as",
                "line {at} for {user} as for {first}: {line}",
                at = at,
                user = users[i].name(),
                first = users[0].name(),
                line = format!("{:?}", seen[0][at])
            ))
            .got(format!("{:?}", lines[at])));
        }
    }
    Ok(())
}

fn console_says(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala", "bob"])?;
    // An empty line and a line of spaces say nothing: the first line
    // anyone gets is the admin's greeting.
    console(ctx, &server, "")?;
    console(ctx, &server, "   ")?;
    console(ctx, &server, "good morning")?;
    for user in &mut users {
        user.expect_line("admin: good morning")?;
    }
    Ok(())
}

fn join_leave_announced(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    users[1].send_line("/quit")?;
    users[1].expect_close(&t!(
        "lab03-close-bob-after-quit",
        "the server to close bob's connection after /quit"
    ))?;
    users[0].expect_line("* bob left")?;
    // bob is gone: his nick is free again.
    let addr = users[0]
        .stream()
        .peer_addr()
        .map_err(|e| Failure::checker(e.to_string()))?;
    join(ctx, addr, "bob")?;
    users[0].expect_line("* bob joined")
}

/// What the kicked user's connection waits for.
fn close_kicked() -> Text {
    t!(
        "lab03-close-kicked",
        "the server to close the kicked user's connection"
    )
}

/// What the others wait for after a kick.
fn kick_announcement() -> Text {
    t!("lab03-kick-announcement", "the kick announcement")
}

fn kick(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala", "bob", "cyd"])?;
    console(ctx, &server, "/kick bob flooding the chat")?;
    let line = users[1].read_line(&t!("lab03-bob-kick-notice", "bob's kick notice"))?;
    ensure(
        line == "* you were kicked by admin: flooding the chat",
        || {
            Failure::wrong(t!(
                "lab03-no-kick-notice",
                "the kicked user did not get the kick notice with its reason"
            ))
            .expected(t!(
                "lab03-you-were-kicked-flooding",
                "\"* you were kicked by admin: flooding the chat\""
            ))
            .got(format!("{line:?}"))
        },
    )?;
    users[1].expect_close(close_kicked())?;
    for i in [0, 2] {
        let line = users[i].read_line(kick_announcement())?;
        ensure(
            line == "* bob was kicked by admin: flooding the chat",
            || {
                Failure::wrong(t!(
                    "lab03-others-not-told-reason",
                    "{conn}: the others were not told of the kick and its reason",
                    conn = users[i].name()
                ))
                .expected(t!(
                    "lab03-bob-was-kicked-flooding",
                    "\"* bob was kicked by admin: flooding the chat\""
                ))
                .got(format!("{line:?}"))
            },
        )?;
    }
    // A kicked user is announced as kicked, not also as left (however late
    // the kicked user's thread notices its connection is gone).
    let mut rest = vec![users.remove(0), users.remove(1)];
    quiet_for(ctx, &mut rest, 0, "ala", QUIET)
}

fn kick_unknown(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala"])?;
    let from = common::stdout_len(&server.program);
    console(ctx, &server, "/kick ghost")?;
    // Its own message, not an echo of what was typed.
    console_shows(
        ctx,
        &server.program,
        from,
        the_line("\"* no user named ghost\""),
        |l| l.trim_end() == "* no user named ghost",
    )?;
    say_and_expect(&mut users, 0, "ala", "nothing happened")
}

fn kick_any_case(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala", "bob"])?;
    console(ctx, &server, "/kick BOB")?;
    users[1].expect_line("* you were kicked by admin")?;
    users[1].expect_close(close_kicked())?;
    // The handout names the nick in the announcement; the nick as typed
    // or as the user chose it are both fine.
    let line = users[0].read_line(kick_announcement())?;
    ensure(
        line == "* bob was kicked by admin" || line == "* BOB was kicked by admin",
        || {
            Failure::wrong(t!(
                "lab03-others-not-told",
                "the others were not told of the kick"
            ))
            .expected(t!("lab03-bob-was-kicked", "\"* bob was kicked by admin\""))
            .got(format!("{line:?}"))
        },
    )
}

fn nick_length(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    for nick in ["abcdefghi", "abcdefghijklmnop", "Zażółćgęśląjaźń1"] {
        join(ctx, server.addr, nick)?;
    }
    Ok(())
}

fn nick_spaces(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    conn.send_line("  ola  ")?;
    conn.expect_line("WELCOME ola")?;
    conn.expect_line("* ola joined")?;
    // The nick is `ola`, without the spaces, in what the others see too.
    let mut bob = join(ctx, server.addr, "bob")?;
    conn.expect_line("* bob joined")?;
    conn.send_line("hi")?;
    bob.expect_line("ola: hi")
}

fn unknown_command(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    users[0].send_line("/dance now")?;
    users[0].expect_line("ERROR unknown command")?;
    // bob got nothing: his next line is the next message.
    say_and_expect(&mut users, 0, "ala", "after the dance")
}

fn empty_line(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    ctx.note(t!(
        "lab03-empty-lines",
        "ala sends an empty line, a line of spaces, and a line of control characters only"
    ));
    users[0].send(b"\n   \n\x07\x08\x1b\t\n")?;
    // Nothing for anyone: everyone's next line is the next message.
    say_and_expect(&mut users, 0, "ala", "something at last")
}

fn console_list(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["cyd", "Ala", "bob"])?;
    let from = common::stdout_len(&server.program);
    console(ctx, &server, "/list")?;
    console_shows(ctx, &server.program, from, users_in_any_order(), |l| {
        l.trim_end()
            .strip_prefix("* users: ")
            .map(|l| l.split(", ").collect::<BTreeSet<&str>>())
            == Some(BTreeSet::from(["Ala", "bob", "cyd"]))
    })?;
    say_and_expect(&mut users, 0, "cyd", "listed")
}

fn console_unknown_command(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala", "bob"])?;
    // Every kind of command the console doesn't have: a new word, a word
    // with arguments, `/kick` without a nick (alone, or with spaces after
    // it) and `/` alone. Each gets its own reply, in turn.
    for (typed, command) in [
        ("/dance", "/dance"),
        ("/dance now", "/dance"),
        ("/kick", "/kick"),
        ("/kick   ", "/kick"),
        ("/", "/"),
    ] {
        let from = common::stdout_len(&server.program);
        console(ctx, &server, typed)?;
        let reply = format!("* unknown command {command}");
        console_shows(
            ctx,
            &server.program,
            from,
            a_line_starting(format!("{reply:?}")),
            |l| {
                // `/dance` is not `/dancefloor`; a reminder may follow.
                l.strip_prefix(reply.as_str())
                    .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
            },
        )?;
    }
    // Not said to anyone as admin: everyone's next line is the next message.
    say_and_expect(&mut users, 0, "ala", "no dancing")
}

fn user_cannot_kick(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    users[0].send_line("/kick bob")?;
    users[0].expect_line("ERROR only the admin can kick")?;
    say_and_expect(&mut users, 1, "bob", "still here")
}

fn duplicate_nick(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["Ala", "Łucja"])?;
    let addr = users[0]
        .stream()
        .peer_addr()
        .map_err(|e| Failure::checker(e.to_string()))?;
    let mut second = ctx.connect(addr)?;
    // Case is ignored in every alphabet (Ł and ł), and spaces around a
    // nick are not part of it.
    for nick in ["Ala", "ala", "ALA", " Ala ", "łucja", "ŁUCJA"] {
        second.send_line(nick)?;
        second.expect_line("ERROR nick taken")?;
    }
    second.send_line("Ala2")?;
    second.expect_line("WELCOME Ala2")?;
    users[0].wait_for_line("* Ala2 joined").map(drop)
}

/// How many times nick-race tries the race. Measured with the mutant
/// `nick-check-then-insert` (5 ms between the check and the insert), two
/// busy loops and six checkers grading it at once (load 11): 148 of 150
/// single tries caught it. Even if a loaded machine let one try in five
/// miss it, nine tries in a row miss it with a chance of 0.2^9 = 5e-7.
const RACE_ROUNDS: usize = 9;

fn nick_race(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conns: Vec<Conn> = Vec::new();
    ctx.note(t!(
        "lab03-all-ten-twin",
        "{rounds} times: ten connections send the same nick (twin1, twin2, ...), one right after another",
        rounds = RACE_ROUNDS
    ));
    for round in 1..=RACE_ROUNDS {
        // Ten contenders: those who lost the last round, and new ones in
        // place of its winner.
        while conns.len() < 10 {
            let mut conn = ctx.connect(server.addr)?;
            // An answer proves the server is reading this connection.
            conn.send_line("?")?;
            conn.expect_line("ERROR invalid nick")?;
            conns.push(conn);
        }
        let nick = format!("twin{round}");
        for conn in &mut conns {
            conn.send_line(&nick)?;
        }
        let welcome = format!("WELCOME {nick}");
        let mut welcomed = Vec::new();
        for (i, conn) in conns.iter_mut().enumerate() {
            let line = conn.read_line(&t!(
                "lab03-awaits-welcome-or-taken",
                "WELCOME {nick} or ERROR nick taken",
                nick = nick.as_str()
            ))?;
            if line == welcome {
                welcomed.push(i);
            } else if line != "ERROR nick taken" {
                return Err(Failure::wrong(t!(
                    "lab03-not-an-answer-to-a-nick",
                    "{conn}: not an answer to a nick",
                    conn = conn.name()
                ))
                .expected(t!(
                    "lab03-welcome-or-taken",
                    "\"WELCOME {nick}\" or \"ERROR nick taken\"",
                    nick = nick.as_str()
                ))
                .got(format!("{line:?}")));
            }
        }
        ensure(welcomed.len() == 1, || {
            let names: Vec<&str> = welcomed.iter().map(|&i| conns[i].name()).collect();
            Failure::wrong(t!(
                "lab03-nick-given-twice",
                "the same nick was given to several users, or to none"
            ))
            .expected(t!(
                "lab03-exactly-one-welcome",
                "exactly one WELCOME {nick} (try {round} of {rounds})",
                nick = nick.as_str(),
                round = round,
                rounds = RACE_ROUNDS
            ))
            .got(t!(
                "lab03-welcome-twin-for",
                "WELCOME {nick} for {welcomed}",
                nick = nick.as_str(),
                welcomed = format!("{names:?}")
            ))
        })?;
        // The winner is in the chat now; it leaves the race.
        drop(conns.remove(welcomed[0]));
    }
    Ok(())
}

/// The sockets open in the server (and any process it started).
fn open_sockets(server: &Server) -> usize {
    crate::harness::sockets::open_in(server.program.pid())
}

fn come_and_go(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala"])?;
    let before = open_sockets(&server);
    ctx.note(t!(
        "lab03-sockets-before",
        "the server has {before} sockets open; now 100 users come and go",
        before = before
    ));
    for i in 0..100 {
        if i % 10 == 9 {
            // Gone before sending a nick: the server has nobody to tell,
            // but must close its side all the same.
            drop(ctx.connect(server.addr)?);
            continue;
        }
        let nick = format!("guest{i:02}");
        let mut conn = join(ctx, server.addr, &nick)?;
        users[0].wait_for_line(&format!("* {nick} joined"))?;
        if i % 2 == 0 {
            conn.send_line("/quit")?;
            conn.expect_close(&t!(
                "lab03-close-after-quit",
                "the server to close the connection after /quit"
            ))?;
        }
        drop(conn);
        users[0].wait_for_line(&format!("* {nick} left"))?;
    }
    // The threads of the users who left may take a moment to end: look
    // until the deadline.
    let mut deadline = ctx.stretching_deadline(REPLY);
    let slack = 5;
    loop {
        let now = open_sockets(&server);
        if now <= before + slack {
            ctx.note(t!(
                "lab03-sockets-now",
                "the server has {now} sockets open",
                now = now
            ));
            // And it still works.
            return say_and_expect(&mut users, 0, "ala", "still here");
        }
        if deadline.passed() {
            return Err(Failure::wrong(t!(
                "lab03-keeps-connections",
                "the server keeps the connections of users who left open"
            ))
            .expected(t!(
                "lab03-at-most-sockets",
                "at most {most} open sockets, as before the 100 users (and a few more)",
                most = before + slack
            ))
            .got(t!("lab03-open-sockets", "{now} open sockets", now = now)));
        }
        // The kernel tells no one when a process closes a file: look again.
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn reserved_nick(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    // With spaces around it a nick is still that nick: `  admin ` too.
    for nick in ["Admin", "admin", "SERVER", "  admin "] {
        conn.send_line(nick)?;
        let line = conn.read_line(&t!(
            "lab03-error-for-reserved",
            "an ERROR for a reserved nick"
        ))?;
        // The handout names the error: a reserved nick is taken (by the
        // admin, by the server), not invalid.
        ensure(line == "ERROR nick taken", || {
            Failure::wrong(t!(
                "lab03-reserved-not-refused",
                "the reserved nick {nick} was not refused",
                nick = format!("{nick:?}")
            ))
            .expected(t!("lab03-error-nick-taken", "\"ERROR nick taken\""))
            .got(format!("{line:?}"))
        })?;
    }
    conn.send_line("ola")?;
    conn.expect_line("WELCOME ola")
}

fn invalid_nick(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut conn = ctx.connect(server.addr)?;
    for nick in [
        "",
        "two words",
        "abcdefghijklmnopq",
        "red\x1b[31m",
        "semi;colon",
    ] {
        conn.send_line(nick)?;
        conn.expect_line("ERROR invalid nick")?;
    }
    conn.send_line("Zażółć")?;
    conn.expect_line("WELCOME Zażółć")?;
    // Digits, `_` and `-` are allowed too.
    let mut other = ctx.connect(
        conn.stream()
            .peer_addr()
            .map_err(|e| Failure::checker(e.to_string()))?,
    )?;
    other.send_line("x_y-2")?;
    other.expect_line("WELCOME x_y-2")
}

fn list(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["cyd", "Ala", "bob"])?;
    users[2].send_line("/list")?;
    let line = users[2].read_line(&t!("lab03-reply-to-list", "the reply to /list"))?;
    let nicks: Option<BTreeSet<&str>> = line
        .strip_prefix("* users: ")
        .map(|l| l.split(", ").collect());
    ensure(nicks == Some(BTreeSet::from(["Ala", "bob", "cyd"])), || {
        Failure::wrong(t!("lab03-list-incomplete", "/list did not list every user"))
            .expected(users_in_any_order())
            .got(format!("{line:?}"))
    })?;
    // Nobody else got the list: their next line is the next message.
    say_and_expect(&mut users, 0, "cyd", "and now")
}

fn many_users(ctx: &mut Ctx) -> Result<(), Failure> {
    let server = ctx.start_server(&[])?;
    let mut users = Vec::new();
    for i in 0..50 {
        users.push(join(ctx, server.addr, &format!("user{i:02}"))?);
    }
    // Everyone has been told of every later join; skip those lines.
    users[7].send_line("hello, fifty")?;
    for user in &mut users {
        user.wait_for_line("user07: hello, fifty")?;
    }
    Ok(())
}

fn abrupt_disconnect(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    ctx.note(t!(
        "lab03-closed-without-quit",
        "bob's connection is closed without /quit"
    ));
    drop(users.remove(1));
    users[0].expect_line("* bob left")?;
    quiet_for(ctx, &mut users, 0, "ala", QUIET)
}

fn fragments_and_coalesced(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["bob"])?;
    let mut zofia = ctx.connect(server.addr)?;
    let pause = Duration::from_millis(30);
    zofia.send_fragments(&[b"Zo", b"fi", b"a\n"], pause)?;
    zofia.expect_line("WELCOME Zofia")?;
    users[0].wait_for_line("* Zofia joined")?;
    zofia.send(b"one\ntwo\nthree\n")?;
    zofia.send_fragments(&[b"frag", b"me", b"nt\n"], pause)?;
    for expected in [
        "Zofia: one",
        "Zofia: two",
        "Zofia: three",
        "Zofia: fragment",
    ] {
        users[0].expect_line(expected)?;
    }
    Ok(())
}

fn long_line(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    // The limit is on what a user sends: the relayed line, with `ala: `
    // before it, is 1029 bytes.
    say_and_expect(&mut users, 0, "ala", &"y".repeat(1024))?;
    // The line ending is not part of the line: 1024 bytes and `\r\n` too.
    let exact = "z".repeat(1024);
    users[0].send(format!("{exact}\r\n").as_bytes())?;
    for user in users.iter_mut() {
        user.expect_line(&format!("ala: {exact}"))?;
    }
    let mut long = vec![b'x'; 2000];
    long.push(b'\n');
    users[0].send(&long)?;
    users[0].expect_line("ERROR line too long")?;
    // The limit is in bytes: 600 `ż` are 600 characters but 1200 bytes.
    users[0].send(format!("{}\n", "ż".repeat(600)).as_bytes())?;
    users[0].expect_line("ERROR line too long")?;
    say_and_expect(&mut users, 0, "ala", "short")
}

/// What bob waits for in invalid-utf8 and escapes-stripped.
fn ala_message() -> Text {
    t!("lab03-ala-message", "ala's message")
}

fn invalid_utf8(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob"])?;
    users[0].send(b"caf\xe9 au lait\n")?;
    let line = users[1].read_raw_line(ala_message())?;
    ensure(line == "ala: caf\u{fffd} au lait".as_bytes(), || {
        Failure::wrong(t!(
            "lab03-not-replaced",
            "the invalid byte was not replaced by U+FFFD"
        ))
        .expected(t!("lab03-cafe-au-lait", "\"ala: caf\u{fffd} au lait\""))
        .got(format!("\"{}\"", escape(&line)))
    })?;
    users[0].wait_for_line("ala: caf\u{fffd} au lait")?;
    say_and_expect(&mut users, 0, "ala", "still connected")
}

fn escapes_stripped(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala", "bob"])?;
    let from = common::stdout_len(&server.program);
    // ESC sequences, bell, backspace, a carriage return and a tab inside
    // the line, DEL and a C1 control (U+009B, CSI).
    users[0].send(
        b"\x1b[2J\x1b[1;31mred\x07\x08 alert\x1b]0;pwned\x07 \xc2\x9bdone\radmin: fake\tx\x7f\n",
    )?;
    let line = users[1].read_raw_line(ala_message())?;
    let text = String::from_utf8_lossy(&line);
    let controls: Vec<char> = text.chars().filter(|c| c.is_control()).collect();
    ensure(
        controls.is_empty() && text.starts_with("ala: ") && text.contains("alert"),
        || {
            Failure::wrong(t!(
                "lab03-controls-reached",
                "control characters reached another user's terminal"
            ))
            .expected(no_controls())
            .got(format!("\"{}\"", escape(&line)))
        },
    )?;
    // Nor the admin's terminal: the console shows the message stripped
    // too (a server that strips them only on the way to users' sockets
    // lets anyone paint on the console).
    console_shows(ctx, &server.program, from, the_line(no_controls()), |l| {
        let l = l.trim_end_matches(['\r', '\n']);
        l.starts_with("ala: ") && l.contains("alert") && !l.chars().any(char::is_control)
    })
}

/// The text of one flood message: `000123 xxx…`.
const MESSAGE_BYTES: usize = 997;

/// Sends `lines` messages of about 1000 bytes from `sender` while `readers`
/// (the sender included) read concurrently. Returns whether any reader saw
/// `* <slow> left` and fails unless every reader got every message in order
/// before the deadline.
fn flood(
    ctx: &Ctx,
    sender: usize,
    users: &mut [Conn],
    nick: &str,
    slow: &str,
    lines: usize,
) -> Result<bool, Failure> {
    flood_until(ctx, sender, users, (nick, slow), lines, &|_| false).map(|(saw_left, _)| saw_left)
}

/// How far the sender of a flood may run ahead of its slowest reader, in
/// messages (and at most a batch more). Few enough that all of them fit in
/// the kernel's buffers between the server and the reader (the server's
/// 64 KiB send buffer, doubled by Linux, and the reader's receive buffer:
/// 140 such lines fit in them on a new connection that reads nothing):
/// so the server's writer never waits for the checker's readers, and a
/// server that drops a user whose socket does not take a send within a
/// second (as it should) never drops them, however long a loaded machine
/// leaves a reader thread unscheduled. And a flood that stops early ends
/// soon.
const AHEAD: usize = 96;

/// How many bytes of messages the sender of a flood writes at once.
const BATCH: usize = 16 * 1024;

/// [`flood`], which may stop early: after each batch the sender asks
/// `enough`, giving it how many messages every reader has received so far;
/// once it says so, no more are sent. Every flood ends with the message
/// `end of flood`, so that every reader knows where it ends and reads it
/// all. `who` is the sender's nick and the nick of the user who may be
/// announced as left. Returns whether that was seen, and how many messages
/// were sent.
fn flood_until(
    ctx: &Ctx,
    sender: usize,
    users: &mut [Conn],
    (nick, slow): (&str, &str),
    lines: usize,
    enough: &(dyn Fn(usize) -> bool + Sync),
) -> Result<(bool, usize), Failure> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
    let filler = "x".repeat(MESSAGE_BYTES - 7);
    let messages: Vec<String> = (0..lines).map(|i| format!("{i:06} {filler}")).collect();
    let mut writer = users[sender]
        .stream()
        .try_clone()
        .map_err(|e| Failure::checker(e.to_string()))?;
    let unblock = writer
        .try_clone()
        .map_err(|e| Failure::checker(e.to_string()))?;
    ctx.note(t!(
        "lab03-flood-sends",
        "{nick} sends {lines} messages of {bytes} bytes",
        nick = nick,
        lines = lines,
        bytes = MESSAGE_BYTES + nick.len() + 2
    ));
    // Every reader must get its next message within two REPLYs (a server
    // may hold everyone up for a second, the most it may wait for a user
    // who reads nothing), and all of them within ten seconds per 1000
    // lines. A debug build relays a few MB/s, ten times less on a machine
    // loaded with twenty runnable processes a core; a server that waits
    // for slow, a second per line, makes neither.
    let deadline = ctx.deadline(REPLY * 2 + Duration::from_millis(10 * lines as u64));
    let next_within = REPLY * 2;
    let left = format!("* {slow} left");
    let end = format!("{nick}: end of flood");
    // How many messages each reader has received, and how many were sent
    // (set before `end of flood` goes out).
    let received: Vec<AtomicUsize> = users.iter().map(|_| AtomicUsize::new(0)).collect();
    let sent = AtomicUsize::new(0);
    let abandoned = AtomicBool::new(false);
    let slowest = || received.iter().map(|r| r.load(SeqCst)).min().unwrap_or(0);
    // The readers wake the sender when they get a message.
    let (progress, caught_up) = (std::sync::Mutex::new(()), std::sync::Condvar::new());
    std::thread::scope(|scope| {
        let sending = scope.spawn(|| {
            let mut batch = String::new();
            let mut count = 0;
            // Asking `enough` costs a look at the kernel's tables: once
            // every few batches.
            let mut ask_at = 0;
            for message in &messages {
                batch.push_str(message);
                batch.push('\n');
                count += 1;
                if batch.len() < BATCH {
                    continue;
                }
                writer.write_all(batch.as_bytes())?;
                batch.clear();
                if count >= ask_at {
                    if enough(slowest()) {
                        break;
                    }
                    ask_at = count + 4 * AHEAD;
                }
                // Wait for the readers to catch up.
                let mut guard = progress.lock().unwrap_or_else(|p| p.into_inner());
                while count >= slowest() + AHEAD
                    && !abandoned.load(SeqCst)
                    && Instant::now() < deadline
                {
                    // The timeout only in case a wake-up came between the
                    // check and the wait.
                    guard = caught_up
                        .wait_timeout(guard, Duration::from_millis(5))
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
            sent.store(count, SeqCst);
            batch.push_str("end of flood");
            batch.push('\n');
            writer.write_all(batch.as_bytes())
        });
        let readers: Vec<_> = users
            .iter_mut()
            .zip(&received)
            .map(|(user, received)| {
                let (messages, left, end, sent) = (&messages, &left, &end, &sent);
                let caught_up = &caught_up;
                scope.spawn(move || -> Result<bool, Failure> {
                    let mut saw_left = false;
                    let mut i = 0;
                    loop {
                        let what = t!(
                            "lab03-message-of-from",
                            "message {i} of {lines} from {nick}",
                            i = i.to_string(),
                            lines = lines.to_string(),
                            nick = nick
                        );
                        let line =
                            user.read_line_by(deadline.min(ctx.deadline(next_within)), &what)?;
                        if line == *left {
                            saw_left = true;
                            continue;
                        }
                        let expected = messages.get(i).map(|m| format!("{nick}: {m}"));
                        if expected.as_ref() == Some(&line) {
                            i += 1;
                            received.store(i, SeqCst);
                            caught_up.notify_all();
                            continue;
                        }
                        if line == *end && i == sent.load(SeqCst) {
                            return Ok(saw_left);
                        }
                        if line.starts_with(&format!("{nick}: ")) {
                            let expected = expected.unwrap_or_else(|| end.clone());
                            return Err(Failure::wrong(t!(
                                "lab03-messages-lost",
                                "{conn}: messages lost or out of order",
                                conn = user.name()
                            ))
                            .expected(t!(
                                "lab03-message-starting",
                                "message {i}, starting {begins}",
                                i = i,
                                begins = format!("{:?}", start(&expected))
                            ))
                            .got(a_line_starting(format!("{:?}", start(&line)))));
                        }
                    }
                })
            })
            .collect();
        let results: Vec<Result<bool, Failure>> = readers
            .into_iter()
            .map(|r| {
                r.join().unwrap_or_else(|_| {
                    Err(Failure::checker(t!(
                        "lab03-reader-panicked",
                        "a reader thread panicked"
                    )))
                })
            })
            .collect();
        if results.iter().any(Result::is_err) {
            // The server stopped reading the sender: unblock our send(),
            // or our wait for the readers.
            abandoned.store(true, SeqCst);
            caught_up.notify_all();
            let _ = unblock.shutdown(std::net::Shutdown::Both);
        }
        let _ = sending.join();
        let mut saw_left = false;
        for result in results {
            saw_left |= result?;
        }
        Ok((saw_left, sent.load(SeqCst)))
    })
}

/// `the line "* no user named ghost"`: what the console should show.
fn the_line(line: impl Into<Text>) -> Text {
    t!("lab03-the-line", "the line {line}", line = line.into())
}

/// `a line starting "…"`, the start quoted.
fn a_line_starting(begins: impl Into<Text>) -> Text {
    t!(
        "lab03-a-line-starting",
        "a line starting {begins}",
        begins = begins.into()
    )
}

/// What `/list` shows, in the room of cyd, Ala and bob.
fn users_in_any_order() -> Text {
    t!(
        "lab03-users-any-order",
        "\"* users: Ala, bob, cyd\" (in any order)"
    )
}

/// ala's message of escapes, as it should arrive.
fn no_controls() -> Text {
    t!(
        "lab03-no-controls",
        "\"ala: [2J[1;31mred alert]0;pwned doneadmin: fakex\" (no control characters)"
    )
}

/// The first characters of a long line (by characters: a line from a
/// buggy server may hold any UTF-8).
fn start(line: &str) -> String {
    line.chars().take(12).collect()
}

/// A room with a user `slow` whose receive buffer is tiny and who never
/// reads, plus `ala` and `bob`.
fn room_with_slow_reader(ctx: &mut Ctx) -> Result<(Server, Conn, Vec<Conn>), Failure> {
    let server = ctx.start_server(&[])?;
    let mut slow = ctx.connect_small(server.addr, 4096)?;
    slow.send_line("slow")?;
    slow.expect_line("WELCOME slow")?;
    ctx.note(t!("lab03-slow-stops-reading", "slow stops reading now"));
    let mut ala = join(ctx, server.addr, "ala")?;
    let bob = join(ctx, server.addr, "bob")?;
    ala.wait_for_line("* bob joined")?;
    Ok((server, slow, vec![ala, bob]))
}

/// How many flood messages make 1 MiB.
const MIB_OF_MESSAGES: usize = (1 << 20) / MESSAGE_BYTES + 1;

fn slow_reader(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, slow, mut users) = room_with_slow_reader(ctx)?;
    // Linux grows a socket's send buffer up to tcp_wmem's maximum when the
    // server does not fix its size: a server that writes to every socket
    // with a plain blocking send() stalls only once that much is queued for
    // slow (whose own receive buffer is a few KiB). Send past it...
    let lines = kernel_maximum("tcp_wmem") / MESSAGE_BYTES + MIB_OF_MESSAGES;
    // ...or until the kernel shows that the server serves ala and bob past
    // slow: its socket to slow takes nothing more (what the server sent
    // there and slow has not acknowledged stands still, or the socket is
    // gone) while ala and bob get 1 MiB more, more than a queue of a few
    // hundred lines holds. A server whose send() to slow blocks everyone
    // can't get there.
    let at = slow
        .stream()
        .local_addr()
        .map_err(|e| Failure::checker(e.to_string()))?;
    let watch: std::sync::Mutex<Option<(Option<u32>, usize)>> = std::sync::Mutex::new(None);
    let enough = |received: usize| {
        let queued = crate::harness::sockets::tcp_socket(server.addr, at)
            .filter(|socket| socket.state == TCP_ESTABLISHED)
            .map(|socket| socket.queued);
        let mut watch = watch.lock().unwrap_or_else(|p| p.into_inner());
        match *watch {
            Some((seen, since)) if seen == queued => received >= since + MIB_OF_MESSAGES,
            _ => {
                *watch = Some((queued, received));
                false
            }
        }
    };
    let started = Instant::now();
    let (_, sent) = flood_until(ctx, 0, &mut users, ("ala", "slow"), lines, &enough)?;
    ctx.note(t!(
        "lab03-delivered",
        "{mib} MiB delivered to ala and bob in {ms} ms",
        mib = format!("{:.1}", (sent * MESSAGE_BYTES) as f64 / f64::from(1 << 20)),
        ms = started.elapsed().as_millis() as u64
    ));
    Ok(())
}

/// The largest size Linux lets a socket buffer grow to (the third number
/// of net.ipv4.tcp_wmem or tcp_rmem), 4 MiB if it can't be read.
pub(crate) fn kernel_maximum(name: &str) -> usize {
    std::fs::read_to_string(format!("/proc/sys/net/ipv4/{name}"))
        .ok()
        .and_then(|text| text.split_whitespace().nth(2)?.parse().ok())
        .unwrap_or(4 << 20)
}

fn half_line(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut users) = room(ctx, &["ala", "bob", "cyd"])?;
    users[0].send(b"hel")?;
    ctx.note(t!(
        "lab03-half-a-line",
        "ala has sent half a line and stops there"
    ));
    // Rounds for a while (the quiet window): a server that reads one
    // user's whole line at a time may still serve a few before its thread
    // for ala gets to her half line, later on a loaded machine.
    let until = ctx.deadline(QUIET);
    let mut round = 1;
    while round <= 3 || Instant::now() < until {
        let text = format!("anyone there? ({round})");
        say_and_expect(&mut users[1..], 0, "bob", &text)?;
        users[0].expect_line(&format!("bob: {text}"))?;
        round += 1;
    }
    users[0].send(b"lo\n")?;
    for user in users.iter_mut() {
        user.expect_line("ala: hello")?;
    }
    Ok(())
}

fn kick_not_reading(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, slow, _users) = kicked_while_not_reading(ctx)?;
    wait_closed_by_server(ctx, &server, &slow)
}

/// How many times kick-not-reading and kick-rejoin set their scene up
/// before they give up: see [`kicked_while_not_reading`].
const KICK_TRIES: usize = 8;

/// A room where slow, who reads nothing, is kicked while the server's
/// writer for slow is stuck in send() (slow's buffers are full).
///
/// A server gives up on such a writer once slow's socket has not taken a
/// send within a second, and then slow leaves, unkicked. On a loaded
/// machine the flood that fills slow's buffers, and the kick after it, can
/// take longer than that: then the scene is set again, on a new server.
/// A server that never gives up (a bug the tests that use this catch)
/// never needs a second try; one that drops slow every time, faster than
/// the handout's second, fails.
fn kicked_while_not_reading(ctx: &mut Ctx) -> Result<(Server, Conn, Vec<Conn>), Failure> {
    for _ in 0..KICK_TRIES {
        let (server, slow, mut users) = room_with_slow_reader(ctx)?;
        if kick_while_not_reading(ctx, &server, &mut users)? {
            return Ok((server, slow, users));
        }
        ctx.note(t!(
            "lab03-dropped-before-kick",
            "slow was dropped for not reading before the kick: again, on a new server"
        ));
    }
    Err(Failure::wrong(t!(
        "lab03-always-dropped-before-kick",
        "slow was dropped for not reading before the kick, {tries} times",
        tries = KICK_TRIES
    ))
    .expected(t!(
        "lab03-dropped-after-a-second",
        "a user dropped only once their socket has not taken a send within a second (unless this machine is so loaded that a flood of 200 KB took longer)"
    ))
    .got(t!("lab03-slow-left-first", "\"* slow left\" before the kick")))
}

/// Fills slow's buffers and kicks slow; returns once the others have been
/// told: true if slow was kicked, false if slow had been dropped for not
/// reading first.
fn kick_while_not_reading(ctx: &Ctx, server: &Server, users: &mut [Conn]) -> Result<bool, Failure> {
    // About 200 KB: more than a small send buffer and slow's receive
    // buffer hold, so a server that fixed its send buffer has slow's
    // writer stuck in send(), but less than a queue of a few hundred lines.
    if flood(ctx, 0, users, "ala", "slow", 200)? {
        return Ok(false);
    }
    console(ctx, server, "/kick slow")?;
    let deadline = ctx.deadline(REPLY);
    loop {
        match users[0]
            .read_line_by(deadline, kick_announcement())?
            .as_str()
        {
            "* slow was kicked by admin" => return Ok(true),
            "* slow left" => return Ok(false),
            _ => {}
        }
    }
}

/// Waits until the server has closed (or shut down) its side of `slow`'s
/// connection, which reads nothing.
fn wait_closed_by_server(ctx: &Ctx, server: &Server, slow: &Conn) -> Result<(), Failure> {
    let peer = slow
        .stream()
        .local_addr()
        .map_err(|e| Failure::checker(e.to_string()))?;
    let mut deadline = ctx.stretching_deadline(REPLY);
    loop {
        let state = tcp_state(server.addr, peer);
        // Anything but ESTABLISHED: the server has shut its side down
        // (FIN_WAIT), closed it, or dropped it.
        if state != Some(TCP_ESTABLISHED) {
            ctx.note(t!(
                "lab03-slow-closed",
                "the server closed slow's connection (state {state})",
                state = state.map_or(t!("lab03-state-gone", "gone"), |s| {
                    Text::from(format!("{s:#04x}"))
                })
            ));
            return Ok(());
        }
        if deadline.passed() {
            return Err(Failure::wrong(t!(
                "lab03-kicked-still-open",
                "the kicked user's connection was still open on the server's side"
            ))
            .expected(t!(
                "lab03-close-after-kick",
                "the server to close slow's connection after /kick slow, although slow reads nothing"
            ))
            .got(t!(
                "lab03-still-established",
                "the connection still ESTABLISHED at the deadline"
            )));
        }
        // The kernel tells no one when a socket changes state: look again.
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kick_rejoin(ctx: &mut Ctx) -> Result<(), Failure> {
    for _ in 0..KICK_TRIES {
        let (server, slow, mut users) = kicked_while_not_reading(ctx)?;
        // The old connection may still be open on the server's side (its
        // writer stuck in send() for up to a second): join again now.
        ctx.note(t!(
            "lab03-joins-again",
            "slow joins again on a new connection, at once"
        ));
        let mut again = ctx.connect(server.addr)?;
        let deadline = ctx.deadline(REPLY);
        loop {
            again.send_line("slow")?;
            let line =
                again.read_line_by(deadline, &t!("lab03-awaits-welcome-slow", "WELCOME slow"))?;
            if line == "WELCOME slow" {
                break;
            }
            // A server may keep the nick until the old connection is
            // closed: ask again (each time a round trip, until the deadline).
            ensure(line == "ERROR nick taken", || {
                Failure::wrong(t!(
                    "lab03-could-not-rejoin",
                    "the kicked user could not join again"
                ))
                .expected(t!("lab03-welcome-slow", "\"WELCOME slow\""))
                .got(format!("{line:?}"))
            })?;
        }
        // Whether the server still had the old connection open when the
        // new slow was in: only then is there something to check.
        let peer = slow
            .stream()
            .local_addr()
            .map_err(|e| Failure::checker(e.to_string()))?;
        let old_open = tcp_state(server.addr, peer) == Some(TCP_ESTABLISHED);
        again.wait_for_line("* slow joined")?;
        for user in &mut users {
            user.wait_for_line("* slow joined")?;
        }
        if !old_open {
            // It closed the old connection at once (it may), or a loaded
            // machine took the second its writer waits: again.
            ctx.note(t!(
                "lab03-old-closed-first",
                "the server had closed the old connection before slow joined again: again, on a new server"
            ));
            continue;
        }
        // When the old connection ends, the new slow must stay: nobody is
        // told `* slow left`, and the new slow still gets the chat.
        wait_closed_by_server(ctx, &server, &slow)?;
        users.push(again);
        return quiet_for(ctx, &mut users, 0, "ala", QUIET);
    }
    // Every time the old connection was closed before the new one joined:
    // a server that closes a kicked user's connection at once.
    Ok(())
}

pub(crate) const TCP_ESTABLISHED: u8 = 1;

/// The state of the TCP socket `local` → `remote` in the kernel's table
/// (/proc/net/tcp or tcp6), if there is one.
fn tcp_state(local: SocketAddr, remote: SocketAddr) -> Option<u8> {
    crate::harness::sockets::tcp_socket(local, remote).map(|socket| socket.state)
}

fn console_not_read(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut users) = room(ctx, &["ala", "bob"])?;
    server.program.pause_stdout();
    ctx.note(t!(
        "lab03-stops-reading-console",
        "the checker stops reading the server's console (stdout)"
    ));
    // 600 KB: far more than a pipe holds (64 KiB), and more than a console
    // queue of a few hundred lines.
    flood(ctx, 0, &mut users, "ala", "nobody", 600)?;
    server.program.resume_stdout();
    Ok(())
}

fn slow_reader_dropped(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, _slow, mut users) = room_with_slow_reader(ctx)?;
    for round in 1..=8 {
        if flood(ctx, 0, &mut users, "ala", "slow", 1050)? {
            ctx.note(t!(
                "lab03-slow-dropped",
                "slow was dropped within {round} MiB",
                round = round
            ));
            return Ok(());
        }
    }
    Err(Failure::wrong(t!(
        "lab03-still-connected",
        "a user who reads nothing was still connected after 8 MiB of messages"
    ))
    .expected(t!(
        "lab03-slow-left-once-full",
        "\"* slow left\" once slow's queue is full"
    ))
    .got(t!("lab03-no-such-line", "no such line")))
}

/// Starts the student's client against the checker playing the server;
/// returns the client and the accepted connection after the nick line.
/// Without `--nick` (`None`), the nick is typed on the client's stdin.
fn client_session(
    ctx: &mut Ctx,
    nick_flag: Option<&str>,
) -> Result<(Program, Conn, String), Failure> {
    let extra: Vec<&str> = nick_flag
        .map(|nick| vec!["--nick", nick])
        .unwrap_or_default();
    let (client, mut conn) = common::client_against_checker(ctx, 7703, &extra)?;
    if nick_flag.is_none() {
        common::type_into(ctx, &client, "dora")?;
    }
    let nick = conn.read_line(&t!("lab03-client-nick", "the client's nick"))?;
    Ok((client, conn, nick))
}

fn expect_nick(got: &str, expected: &str) -> Result<(), Failure> {
    ensure(got == expected, || {
        Failure::wrong(t!(
            "lab03-not-the-nick",
            "the client did not send the nick it was given as its first line"
        ))
        .expected(format!("{expected:?}"))
        .got(format!("{got:?}"))
    })
}

/// Waits until the client's stdout shows `line`.
fn client_prints(ctx: &Ctx, client: &Program, line: &str) -> Result<(), Failure> {
    console_shows(
        ctx,
        client,
        0,
        t!(
            "lab03-line-on-client-stdout",
            "the line {line} on the client's stdout",
            line = format!("{line:?}")
        ),
        |l| l.trim_end() == line,
    )
    .map_err(|f| Failure {
        message: t!(
            "lab03-client-did-not-show",
            "the client did not show the line it received"
        ),
        ..f
    })
}

/// The checker, as the server, welcomes the client's nick.
fn welcome(conn: &mut Conn, nick: &str) -> Result<(), Failure> {
    conn.send(format!("WELCOME {nick}\n* {nick} joined\n").as_bytes())
}

fn client_incoming(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn, nick) = client_session(ctx, Some("carol"))?;
    expect_nick(&nick, "carol")?;
    welcome(&mut conn, "carol")?;
    client_prints(ctx, &client, "* carol joined")?;
    conn.send_line("bob: hi carol, are you there?")?;
    client_prints(ctx, &client, "bob: hi carol, are you there?")?;
    // A relayed line may be longer than the 1024 bytes a user may send
    // (here 1051), and a server may end lines with \r\n: shown whole.
    let long = format!("Zażółćgęśląjaźń1: {}", "y".repeat(1024));
    conn.send(format!("{long}\r\n").as_bytes())?;
    client_prints(ctx, &client, &long)?;
    // Control characters are the client's to remove too: a terminal is
    // worth protecting from a server that lets them through.
    conn.send(b"bob: \x1b[2J\x1b[31mred\x07 alert\x08!\n")?;
    client_prints(ctx, &client, "bob: [2J[31mred alert!")
}

fn client_typing(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn, nick) = client_session(ctx, Some("carol"))?;
    expect_nick(&nick, "carol")?;
    welcome(&mut conn, "carol")?;
    for typed in ["hello there", "/list"] {
        common::type_into(ctx, &client, typed)?;
        conn.expect_line(typed)?;
    }
    ctx.note(t!(
        "lab03-input-ends",
        "the client's input ends (stdin closed)"
    ));
    client.close_stdin();
    conn.expect_line("/quit")?;
    closes_and_says_so(ctx, &client, conn)
}

/// The checker, as the server, closes the connection: the client must say
/// so on stderr, in any words (something more on stderr after the close),
/// and exit 0.
fn closes_and_says_so(ctx: &Ctx, client: &Program, conn: Conn) -> Result<(), Failure> {
    let before = common::stderr_len(client);
    drop(conn);
    ctx.expect_clean_exit(
        client,
        &t!(
            "lab03-exit-server-closed",
            "the server closed the connection"
        ),
    )?;
    ensure(common::stderr_len(client) > before, || {
        Failure::wrong(t!(
            "lab03-closed-silently",
            "the client exited without saying that the server closed the connection"
        ))
        .expected(t!(
            "lab03-a-note-on-stderr",
            "a note on stderr (in any words) once the server has closed the connection"
        ))
        .got(t!("lab03-nothing-more-on-stderr", "nothing more on stderr"))
    })
}

fn client_asks_nick(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn, nick) = client_session(ctx, None)?;
    expect_nick(&nick, "dora")?;
    welcome(&mut conn, "dora")?;
    // On a line of its own: the prompt went to stderr, not before it.
    client_prints(ctx, &client, "WELCOME dora")?;
    client_prints(ctx, &client, "* dora joined")
}

fn client_nick_taken(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn, nick) = client_session(ctx, Some("carol"))?;
    expect_nick(&nick, "carol")?;
    // Both errors ask for another nick: invalid first, then taken.
    for (error, next) in [
        ("ERROR invalid nick", "carol2"),
        ("ERROR nick taken", "carol3"),
    ] {
        conn.send_line(error)?;
        common::type_into(ctx, &client, next)?;
        let again = conn.read_line(&t!("lab03-second-nick", "another nick, read from stdin"))?;
        expect_nick(&again, next)?;
    }
    welcome(&mut conn, "carol3")?;
    // On a line of its own: the second prompt went to stderr too.
    client_prints(ctx, &client, "WELCOME carol3")?;
    client_prints(ctx, &client, "* carol3 joined")
}

fn client_kicked(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn, nick) = client_session(ctx, Some("carol"))?;
    expect_nick(&nick, "carol")?;
    welcome(&mut conn, "carol")?;
    conn.send_line("* you were kicked by admin: enough")?;
    closes_and_says_so(ctx, &client, conn)?;
    client_prints(ctx, &client, "* you were kicked by admin: enough")
}

/// One exchange of the protocol: the server works where it said it listens.
fn join_once(ctx: &mut Ctx, server: &Server) -> Result<(), Failure> {
    join(ctx, server.addr, "ala").map(|_| ())
}
