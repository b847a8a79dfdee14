//! Lab 02: rock-paper-scissors for two players, first to 3 wins, and its
//! client. Protocol: docs/labs/02-rps.md.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::{Hint, Hints, Lab, On, Rule, TestCase, common};
use crate::harness::{Conn, Ctx, Failure, Kind, Program, REPLY, Server, complete_lines, ensure};
use crate::i18n::Text;
use crate::t;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[
    rule(
        "02-welcome-wait",
        "The first player of a pair gets `WELCOME 1` and `WAIT`, the second `WELCOME 2`.",
    ),
    rule(
        "02-start-round-1",
        "When the pair is complete, both get `START <wins>` (`--wins`, 3 unless told) and `ROUND 1`.",
    ),
    rule(
        "02-nothing-else",
        "Nothing but the protocol's lines is sent: no greetings, no prompts, no \"opponent has chosen\".",
    ),
    rule(
        "02-who-wins",
        "`papier` beats `kamień`, `nożyce` beat `papier`, `kamień` beats `nożyce`.",
    ),
    rule(
        "02-draw-next-number",
        "A draw scores nothing, and the round is played again under the next number.",
    ),
    rule(
        "02-own-side-first",
        "Each player sees the game from their side: their own choice and score first.",
    ),
    rule(
        "02-result-canonical",
        "`RESULT` goes to each player once both have chosen, with both choices in their canonical form.",
    ),
    rule(
        "02-game-over",
        "After the round that gave a player `<wins>` wins, each gets `GAME OVER <WIN|LOSE> <your score>:<their score>`, and the server closes both connections.",
    ),
    rule(
        "02-no-leak",
        "Between `ROUND <n>` and `RESULT` the server sends a player nothing but the `ERROR`s for their own lines.",
    ),
    rule(
        "02-error-tells-nothing",
        "An `ERROR`'s reason depends only on the player's own line: it tells nothing about the opponent (not their choice, not whether they have chosen).",
    ),
    rule(
        "02-spellings-any-case",
        "A choice is accepted in any case and in every spelling of the table (`paper`, `nozyce`, `scissors`, `kamien`, `rock`).",
    ),
    rule(
        "02-spaces-around",
        "Spaces around a choice are ignored (`  papier  ` is `papier`).",
    ),
    rule(
        "02-nothing-else-is-a-choice",
        "Any other line is not a choice: not a first letter (`p`, `k`), not a word that starts like one (`papierr`), not two words, not a number, not an empty line.",
    ),
    rule(
        "02-error-per-line",
        "A line that is not a choice gets `ERROR <reason>`, to that player only, once per line; they choose again and the round goes on.",
    ),
    rule(
        "02-long-line",
        "A line over 1024 bytes is read to its end and thrown away, and gets one `ERROR`; bytes that are not UTF-8 get an `ERROR` and do not end the connection.",
    ),
    rule("02-crlf", "A `\\r` before the `\\n` is ignored."),
    rule(
        "02-line-in-pieces",
        "A line is a line once its `\\n` has arrived, however many pieces it came in; a player's half line holds no other game up.",
    ),
    rule(
        "02-send-ahead",
        "A player may send ahead: lines are taken in order, one per round; a line sent after choosing waits for the next round.",
    ),
    rule(
        "02-walkover-at-once",
        "A player who disconnects ends their game at once, whatever the round and whether or not they had chosen: the other gets `GAME OVER WIN <score> WALKOVER` and is disconnected.",
    ),
    rule(
        "02-leaver-lines-not-played",
        "Lines the leaver sent ahead are not played: a player who sends choices ahead and leaves while the other has not chosen gives the other a walkover at once, with no round played.",
    ),
    rule(
        "02-games-side-by-side",
        "Every two players who connect play a game of their own, side by side with any number of others.",
    ),
    rule(
        "02-next-game",
        "After a game, the next two players are `WELCOME 1` and `WELCOME 2` of a new game.",
    ),
    rule(
        "02-binds-its-host",
        "The server listens on the `--host` it is given and nowhere else, and its ready line shows the address it bound.",
    ),
    rule(
        "02-client-dials-its-host",
        "The client connects to the `--host` it is given and works when its stdin is a pipe.",
    ),
    rule(
        "02-client-refuses-typo",
        "The client refuses a typo itself: it says so on stderr, reads another line, and never sends it.",
    ),
    rule(
        "02-client-sends-when-asked",
        "The client sends a valid choice when a `ROUND` (or an `ERROR`) asks for one, as its canonical form or as typed; choices typed ahead wait for their round.",
    ),
    rule(
        "02-client-shows-error",
        "After `ERROR <reason>` the client shows the server's reason as it came (on stdout or stderr) and sends the next choice typed.",
    ),
    rule(
        "02-client-shows-result",
        "After `RESULT` the client shows, on one line, the opponent's choice in its canonical form and the score as `<yours>:<theirs>`.",
    ),
    rule(
        "02-client-shows-game-over",
        "After `GAME OVER` (a walkover too) the client shows the final score the same way.",
    ),
    rule(
        "02-client-exit-0",
        "The client exits 0 after `GAME OVER`, won, lost or by walkover, once the server closes the connection.",
    ),
    rule(
        "02-client-hears-server",
        "While the client waits for the keyboard it still hears the server: a walkover is shown, and the client exits, with nothing typed.",
    ),
    rule(
        "02-client-input-ends",
        "The client exits 0 when its input ends while a choice is asked for (the player left).",
    ),
    rule(
        "02-client-refused",
        "With no server, the client says on stderr that the connection was `refused` (that word, as the system's error has it) and exits non-zero, without a panic.",
    ),
];

/// A rule that tests check (none of lab 02's is `unchecked`).
const fn rule(id: &'static str, says: &'static str) -> Rule {
    Rule {
        id,
        says,
        unchecked: None,
    }
}

/// A pair that connects while a game is on gets no WELCOME: the accept
/// loop is busy (the game runs on its thread, or waits for a free one).
const ACCEPT_BUSY: Hint = Hint {
    id: "accept-busy",
    on: &[On::Says("lab02-no-welcome-beside-a-game")],
    levels: &[
        "while a game is on, the server greets no new player: it must read the game's two players and accept new ones at the same time; look at what the accept loop does once it has paired two players",
        "in the accept loop (server.rs), the game is played where accept() is called: until that game is over (or a game thread is free), accept() is not called again",
        "start each game on a thread of its own, thread::spawn(move || game::play([first, stream], wins)), with no limit on their number, and go straight back to accept()",
    ],
};

/// invalid-choice: a line answered with something else than an ERROR,
/// and a line that got no answer at all (skipped, taken for a choice, or
/// the connection ended), are different slips.
const INVALID_CHOICE: &[Hint] = &[
    Hint {
        id: "not-an-error",
        on: &[On::Says("lab02-not-a-choice-no-error")],
        levels: &[
            "a line that is not a choice was answered with something other than ERROR <reason>: that player gets one ERROR, and the round goes on without a new ROUND",
            "look at what Game::choose() sends when Choice::parse() refuses a line: exactly one line, starting with ERROR, to that player alone",
            "send says::NOT_A_CHOICE to who and go on with the loop: no ROUND again, nothing to the opponent",
        ],
    },
    Hint {
        id: "no-answer-to-a-line",
        on: &[On::Expected("lab02-error-for-not-a-choice")],
        levels: &[
            "a line that is not a choice got no answer, or ended the connection: it was skipped, or taken for a choice (the game then waits for the opponent); every such line gets an ERROR of its own",
            "look at which lines the game takes for a choice (only the whole words the handout lists, spaces around them aside: not a first letter, a part of a word, the first of two words) and at what it does with an empty line, a lone \\r or bytes that are not UTF-8: skipping a line answers nothing, and an error from reading it ends the player's reader",
            "read lines with protocol::read_line() (invalid UTF-8 becomes U+FFFD), let Choice::parse() match only full spellings of the trimmed, lowercased line, and answer every Line::Text it refuses with says::NOT_A_CHOICE, empty ones too",
        ],
    },
];

/// no-leak: a choice told to the opponent, and an ERROR that tells
/// something of the opponent, each get their own hint.
const LEAKS: &[Hint] = &[
    ACCEPT_BUSY,
    Hint {
        id: "choice-told",
        on: &[On::Says("lab02-choice-told")],
        levels: &[
            "a player was told the opponent's choice before choosing: nothing about a choice may be sent until both players have chosen",
            "look at what Game::choose() sends when a valid choice arrives: while the other choice is missing, neither player may get a line about it",
            "in choose(), only store the choice (choices[who] = Some(choice)); send the RESULT lines after the loop, once both choices are in",
        ],
    },
    Hint {
        id: "error-tells",
        on: &[On::Says("lab02-error-tells")],
        levels: &[
            "the ERROR for the same line differed with what the opponent had done: it lets a player guess the opponent's choice",
            "look at how the ERROR's reason is made in Game::choose(): it may use the player's own line, never the opponent's choice or whether they have chosen",
            "answer a line that is not a choice with one fixed text, says::NOT_A_CHOICE, whatever the opponent has done",
        ],
    },
];

pub const LAB: Lab = Lab {
    number: 2,
    name: "rps",
    title: "rock-paper-scissors for two players",
    rules: RULES,
    tests: &[
        TestCase {
            name: "welcome-wait-start",
            points: 2,
            rules: &["02-welcome-wait", "02-start-round-1", "02-nothing-else"],
            checks: "the first player gets `WELCOME 1` and `WAIT`, the second `WELCOME 2`; then both get `START 3` and `ROUND 1`",
            hints: Hints::of(&[
                "keep the first player of a pair waiting (WELCOME 1, WAIT); when the second connects, WELCOME 2, then START <wins> and ROUND 1 to both",
                "in serve(), the first player accepted is greeted and kept until a second one connects; the game thread (play(), then Game::run()) opens with START and ROUND 1 to both",
                "serve(): send says::welcome(1) and says::WAIT to the first stream and keep it (an Option); on the next accept(), says::welcome(2), then thread::spawn game::play([first, second], wins), whose run() sends says::start(wins) and says::round(1)",
            ]),
            run: welcome_wait_start,
        },
        TestCase {
            name: "full-game",
            points: 3,
            rules: &[
                "02-draw-next-number",
                "02-result-canonical",
                "02-game-over",
                "02-start-round-1",
                "02-nothing-else",
            ],
            checks: "a whole game to 3 wins with draws in between: rounds numbered on through the draws, every RESULT, `GAME OVER WIN`/`LOSE` with the score, then both connections closed",
            hints: Hints::of(&[
                "a draw scores nothing and the next round has the next number; the game ends when a player has --wins round wins (not 2, not the number of rounds)",
                "Game::run() numbers the rounds and counts the wins: look at what a draw does to the round's number and to the score, when the loop stops, and whether play() closes both connections after GAME OVER",
                "number += 1 after every round, draws too; add a point only to the round's winner; loop while both scores are below wins; then says::game_over(self.score_of(who)) to each player and close() both connections",
            ]),
            run: full_game,
        },
        TestCase {
            name: "result-lines",
            points: 2,
            rules: &["02-who-wins", "02-own-side-first", "02-start-round-1"],
            checks: "with `--wins 5` (`START 5`), all nine pairs of choices give the exact `RESULT <yours> <theirs> <WIN|LOSE|DRAW> <yours>:<theirs>` to each player, and at 3:3 the game goes on",
            hints: Hints::of(&[
                "papier beats kamień, nożyce beat papier, kamień beats nożyce; each player sees their own choice and score first",
                "a RESULT line is made for each player from their own side: look at which choice and which score come first in the line player 2 gets",
                "for who in 0..2, send says::result(choices[who], choices[1 - who], self.score_of(who)) to player who only; Choice::beats() decides the round",
            ]),
            run: result_lines,
        },
        TestCase {
            name: "invalid-choice",
            points: 1,
            rules: &[
                "02-nothing-else-is-a-choice",
                "02-error-per-line",
                "02-crlf",
            ],
            checks: "every kind of line that is not a choice, in every run (words such as `banana`, `papierr`, `kamie`, `rock paper`, a first letter `p` `n` `k` `r` `s`, a number, spaces only, an empty line, a lone `\\r`, bytes that are not UTF-8), gets `ERROR <reason>` to that player only, once per line; the round goes on and is decided by the next valid choice",
            hints: Hints::of(&[
                "after a line that is not a choice, the round must go on as if nothing happened, for both players: look at what the game does after such a line",
                "where the game reads a player's line and Choice::parse() fails: answer that player only, and wait for their next line in the same round",
                "answer NOT_A_CHOICE to that player and keep waiting for their choice in the same round (no new ROUND, nothing to the opponent)",
            ])
            .on(INVALID_CHOICE),
            run: invalid_choice,
        },
        TestCase {
            name: "aliases-and-case",
            points: 2,
            rules: &[
                "02-spellings-any-case",
                "02-spaces-around",
                "02-result-canonical",
            ],
            checks: "`PAPER`, `Nożyce`, `NOŻYCE`, `nozyce`, `SCISSORS`, `KAMIEŃ`, `kamien`, `Rock` and the like, and choices with spaces around them (`  papier  `), are accepted, and RESULT names them canonically (papier, nożyce, kamień)",
            hints: Hints::of(&[
                "a choice written another way was not understood: look at how the server turns a line into a choice",
                "in Choice::parse(): what is trimmed, how letters are lowered (Polish letters are not ASCII), which spellings are accepted",
                "Choice::parse(): trim, then to_lowercase() (not to_ascii_lowercase: Ż and Ń are not ASCII), then match every accepted spelling; RESULT uses Choice::name()",
            ]),
            run: aliases_and_case,
        },
        TestCase {
            name: "second-chooses-first",
            points: 1,
            rules: &["02-own-side-first", "02-no-leak"],
            checks: "player 2 chooses first and player 1 a while later: RESULT gives each player their own choice",
            hints: Hints::of(&[
                "each player's RESULT must start with their own choice, whoever chose first: look at how the game remembers who chose what",
                "in Game::choose(), a choice is kept in the order it arrived (first, second) instead of with the player who sent it",
                "keep each choice with the player who made it (choices[who] = Some(choice), who from Event::Line(who, ..)), not in the order they arrived",
            ]),
            run: second_chooses_first,
        },
        TestCase {
            name: "send-ahead",
            points: 2,
            rules: &["02-send-ahead"],
            checks: "player 1 sends three different choices in one write; they are taken in order, one per round",
            hints: Hints::of(&[
                "choices sent ahead, several in one write, must be played one a round, in order: look at what happens to the lines after the first",
                "read_player() and Game::next_line(): a BufReader made anew for each line loses what it had read ahead, and a line from a player who has chosen already must wait for the next round",
                "one BufReader per connection for its whole life; a line from a player who has chosen already goes to queued[who].push_back() for the next round, not dropped, and next_line() takes queued lines first",
            ]),
            run: send_ahead,
        },
        TestCase {
            name: "no-leak",
            points: 2,
            rules: &[
                "02-no-leak",
                "02-error-tells-nothing",
                "02-games-side-by-side",
            ],
            checks: "eight games side by side, in round 1: in six one player has chosen (each choice, either way round), in two nobody has; the player who has not chosen receives nothing until they choose; the ERROR they then get for a line that is not a choice is the same in all four games of their side (it tells nothing about the opponent); then RESULT",
            hints: Hints::of(&[
                "send nothing about a choice until both players have chosen, and make an ERROR's reason from the player's own line only; then RESULT to both",
                "in Game::choose(), while a choice is missing, nothing may go to either player except an ERROR to the one whose line was not a choice, and its text must not depend on the opponent",
                "in choose(), store a valid choice and send nothing; answer a line that is not a choice with says::NOT_A_CHOICE, the same whatever the opponent did; send the RESULT lines only once both choices are in",
            ])
            .on(LEAKS),
            run: no_leak,
        },
        TestCase {
            name: "walkover",
            points: 3,
            rules: &["02-walkover-at-once"],
            checks: "after a round won 1:0, player 2 disconnects while player 1 has not chosen: player 1 gets `GAME OVER WIN 1:0 WALKOVER` at once and is disconnected; in a second game player 1 disconnects, and player 2 gets `GAME OVER WIN 0:1 WALKOVER`",
            hints: Hints::of(&[
                "a player left and the other was not told at once: a game must notice either player leaving while it waits for choices",
                "look at how the game waits for the two choices: waiting on one player's read_line() does not see the other one leave",
                "wait on both players at once (a reader thread per player sending into one channel), never in read_line() on one player, then on the other; Event::Gone ends the game",
            ]),
            run: walkover,
        },
        TestCase {
            name: "walkover-after-choosing",
            points: 2,
            rules: &["02-walkover-at-once", "02-leaver-lines-not-played"],
            checks: "player 1 sends choices for three rounds in one write and disconnects: player 2, who has not chosen, gets `GAME OVER WIN 0:0 WALKOVER` at once (no RESULT); in a second game player 2 chooses and disconnects, and player 1 gets `GAME OVER WIN 1:0 WALKOVER` at once",
            hints: Hints::of(&[
                "a player who leaves ends the game when they leave, not when their next line is needed: what they sent before leaving is not played",
                "Game::next_line(): the leaver's Event::Gone comes after their lines on the channel, and it must end the game even when the game is waiting only for the other player",
                "act on Event::Gone(who) whoever you are waiting for: return Err(Left(who)) at once and drop what they sent ahead (queued[who]); the other player gets says::walkover(score)",
            ]),
            run: walkover_after_choosing,
        },
        TestCase {
            name: "second-pair",
            points: 2,
            rules: &["02-games-side-by-side"],
            checks: "while three games wait in round 1, two more players connect and play a whole game of their own; then the three waiting games go on",
            hints: Hints::of(&[
                "a new pair could not play while other games waited for their players: games must go on side by side, none waiting for another",
                "look at what the games share: a lock held while a game waits for a line, or one thread that serves the games in turn",
                "give every pair a thread of its own (thread::spawn(game::play)) and go straight back to accept()",
            ])
            .on(&[ACCEPT_BUSY]),
            run: second_pair,
        },
        TestCase {
            name: "half-line",
            points: 2,
            rules: &["02-line-in-pieces", "02-games-side-by-side"],
            checks: "a player who has sent half a choice (`pap`, no newline) holds no other game up; then `ier\\n` completes it as `papier`",
            hints: Hints::of(&[
                "half a line from one player held other games up: a game waits for its own players' lines without keeping anyone else waiting",
                "look for where the server waits for a line's end: a read that blocks while holding a lock, or one thread that reads every player in turn",
                "read each player on a thread of their own, and never hold a lock shared with other games while waiting for a line's end",
            ])
            .on(&[ACCEPT_BUSY]),
            run: half_line,
        },
        TestCase {
            name: "next-game",
            points: 1,
            rules: &["02-next-game"],
            checks: "after a game is over, the next two players to connect are `WELCOME 1` and `WELCOME 2` of a new game",
            hints: Hints::of(&[
                "after pairing two players, start afresh: the next connection is the first player of a new pair",
                "serve(): look at what the accept loop remembers once a pair's game has started: the waiting player must be taken out, and a count of connections that only grows makes players 3 and 4",
                "when the second player arrives, take the first one out (waiting.take()) and start their game; the loop then begins again with nobody waiting, so the next accepted player gets says::welcome(1) and WAIT",
            ]),
            run: next_game,
        },
        TestCase {
            name: "garbage",
            points: 1,
            rules: &["02-long-line", "02-error-per-line"],
            checks: "a line of 100 KB of random bytes and a line of invalid UTF-8 get one `ERROR` each; the round then goes on",
            hints: Hints::of(&[
                "a very long line, or one that is not UTF-8, gets one ERROR each and changes nothing else: look at what the server does with such lines",
                "look at how read_player() reads a line: BufRead::lines() or read_line() into a String fails on bytes that are not UTF-8 (ending the player's connection) and keeps a line of any length whole",
                "read with protocol::read_line(): at most MAX_LINE bytes a line (Read::take), the rest skipped, String::from_utf8_lossy instead of an error that ends the connection; answer Line::TooLong with says::LINE_TOO_LONG",
            ]),
            run: garbage,
        },
        TestCase {
            name: "crlf",
            points: 1,
            rules: &["02-crlf"],
            checks: "`papier\\r\\n` and `KAMIEŃ\\r\\n` (as nc -C and telnet send them) are choices",
            hints: Hints::of(&[
                "choices sent by nc -C or telnet end in \\r\\n and are still choices: look at what is left at the end of a line once it is read",
                "where read_player() reads a line: the \\r before the \\n must go too, before Choice::parse() sees the line",
                "strip a trailing \\r as well as the \\n (strip_suffix('\\r')), as protocol::read_line() does",
            ]),
            run: crlf,
        },
        TestCase {
            name: "fragments",
            points: 1,
            rules: &["02-line-in-pieces"],
            checks: "a choice arriving in pieces (`pa`, `pi`, `er\\n`) is one choice",
            hints: Hints::of(&[
                "a choice that arrives in several pieces is still one choice: look at how the server decides that a line is complete",
                "one recv() may return part of a line: a read() into a buffer, taken whole as a line, sees `pa` as a line",
                "read up to the newline with a BufReader made once per connection (read_until, as protocol::read_line() does), never one read() as one line",
            ]),
            run: fragments,
        },
        TestCase {
            name: "server-host",
            points: 1,
            rules: &["02-binds-its-host"],
            checks: "told `--host 127.0.0.1`, the server listens there and nowhere else: its ready line shows 127.0.0.1, and another loopback address (127.x.y.z) is refused",
            hints: Hints::of(&[
                "the server must listen on the address --host gives, and nowhere else, and its ready line must show that address",
                "main.rs makes the address from --host and --port and gives it to open_listener(): look at which address reaches bind(), and which one the ready line prints",
                "bind() to the --host address you were given, not to 0.0.0.0, and print the address you bound (listener.local_addr())",
            ])
            .on(common::SERVER_HOST),
            run: |ctx| common::server_binds_only_its_host(ctx, &[], welcome_once),
        },
        TestCase {
            name: "client-choice",
            points: 2,
            rules: &["02-client-sends-when-asked", "02-client-dials-its-host"],
            checks: "the client sends a choice typed as `NOŻYCE`, `rock` or the like, when asked by `ROUND`, as a line naming the same choice",
            hints: Hints::of(&[
                "when ROUND asks, the client must send the choice the user typed, as one line naming it",
                "client::run(): on Event::Typed (read_keyboard() has checked it with Choice::parse()), the choice goes to the socket once a ROUND asks, with its \\n",
                "send the choice (its canonical name, or as typed) followed by \\n when a ROUND asks for one: stream.write_all() of the whole line at once",
            ]),
            run: client_choice,
        },
        TestCase {
            name: "client-typo",
            points: 1,
            rules: &["02-client-refuses-typo"],
            checks: "in round 2, two typos (`papeir`, `kamein`) are refused by the client: a line on stderr for each (any wording), and neither is sent; the next valid line typed is",
            hints: Hints::of(&[
                "a typo must be refused by the client itself: a line on stderr, nothing sent to the server, and the next valid line is the choice",
                "read_keyboard(): a typed line that Choice::parse() does not know must not become an Event::Typed",
                "check a typed line with Choice::parse() before sending; on None, say so on stderr (a whole line, eprintln!) and read another line",
            ]),
            run: client_typo,
        },
        TestCase {
            name: "client-waits-for-round",
            points: 1,
            rules: &["02-client-sends-when-asked"],
            checks: "two choices typed before the first `ROUND`: the client sends nothing until `ROUND 1` asks, then the first choice, and the second only after `ROUND 2`",
            hints: Hints::of(&[
                "the client sent a choice before the server asked for one: a choice typed early waits for its ROUND",
                "client::run(): remember whether the server is waiting for a choice (after ROUND or an ERROR), and keep typed choices until it is",
                "keep typed choices in a queue (VecDeque: push_back() on Event::Typed) and send one (pop_front()) only when a ROUND (or an ERROR) asks for one, not as soon as it is typed",
            ]),
            run: client_waits_for_round,
        },
        TestCase {
            name: "client-error",
            points: 1,
            rules: &["02-client-shows-error", "02-client-sends-when-asked"],
            checks: "after `ERROR <reason>` the client shows the reason and sends the next choice typed, in the same round",
            hints: Hints::of(&[
                "after an ERROR the client must show its reason and go on in the same round: the server is asking for a choice again",
                "client::run(): a line starting ERROR asks for a choice as ROUND does; describe() shows it, and the next typed choice, queued or still to come, is sent",
                "an ERROR asks for a choice again, as ROUND does: print describe(line), then send the next typed choice (pop_front(), or the next Event::Typed)",
            ]),
            run: client_error,
        },
        TestCase {
            name: "client-shows-result",
            points: 2,
            rules: &["02-client-shows-result"],
            checks: "after `RESULT`, the client shows on one line the opponent's choice and the score `<yours>:<theirs>`",
            hints: Hints::of(&[
                "after RESULT, the line the client shows must keep the opponent's choice and the score as they came",
                "describe(): a RESULT line in words must keep the opponent's choice and the score as they came",
                "in describe(), the RESULT arm matches [\"RESULT\", mine, theirs, outcome, score]: put theirs and score into the text unchanged, and print what describe() returns",
            ]),
            run: client_shows_result,
        },
        TestCase {
            name: "client-game-over",
            points: 2,
            rules: &["02-client-shows-game-over", "02-client-exit-0"],
            checks: "the client plays a game it loses 1:3, shows the final score, and exits 0 when the server closes after `GAME OVER LOSE 1:3`",
            hints: Hints::of(&[
                "GAME OVER, win or lose, is a normal end: show it, and when the server closes, exit with status 0",
                "client::run(): after GAME OVER, the server's closing (Event::ServerClosed) must end run() with Ok(()); an error returned there makes main.rs exit non-zero",
                "remember that GAME OVER was seen (and print it); on Event::ServerClosed return Ok(()) after it, and an io::Error only when the server closed in the middle of a game",
            ]),
            run: client_game_over,
        },
        TestCase {
            name: "client-walkover",
            points: 1,
            rules: &[
                "02-client-hears-server",
                "02-client-shows-game-over",
                "02-client-exit-0",
            ],
            checks: "while the client waits for a choice with nothing typed (stdin open), `GAME OVER WIN 1:0 WALKOVER` arrives and the server closes: the client shows the score and exits 0",
            hints: Hints::of(&[
                "while the client waits for the user to type, what the server sends must still be shown: a walkover can end the game then",
                "client::run(): a thread blocked reading stdin hears nothing from the socket; the keyboard and the socket each need a thread of their own, feeding one channel",
                "wait on the keyboard and the socket at once (thread::spawn read_server() and read_keyboard() with one channel, then loop on its recv()), never block in reading stdin alone; a walkover is a won game: exit 0",
            ]),
            run: client_walkover,
        },
        TestCase {
            name: "client-input-ends",
            points: 1,
            rules: &["02-client-input-ends"],
            checks: "when the client's input ends while a round waits for a choice, the client exits 0",
            hints: Hints::of(&[
                "when the user's input ends and a choice is asked for, the client must leave quietly, with status 0",
                "read_keyboard() sends Event::InputEnded at the end of stdin; client::run() must act on it when a choice is asked for and none is left",
                "at Event::InputEnded remember that input is over; when a choice is asked for (now or later) and the queue is empty, return Ok(()), so the client exits 0",
            ]),
            run: client_input_ends,
        },
        TestCase {
            name: "client-refused",
            points: 1,
            rules: &["02-client-refused"],
            checks: "a client that finds no server exits non-zero with a message saying the connection was refused, not a panic",
            hints: Hints::of(&[
                "a client that finds no server must say so and exit non-zero, not panic",
                "client::run(): the error of TcpStream::connect() must go back to main.rs, which prints it",
                "return the connect() error with ? instead of unwrap()ing it; the glue in main.rs prints it and exits non-zero",
            ])
            .on(common::CLIENT_PANICS),
            run: common::client_refused,
        },
    ],
};

// ---------------------------------------------------------------------------
// The game, as the checker knows it.

const CHOICES: [&str; 3] = ["papier", "nożyce", "kamień"];

/// The choice a line names (as the server must accept it), if any.
fn parse_choice(text: &str) -> Option<&'static str> {
    match text.trim().to_lowercase().as_str() {
        "papier" | "paper" => Some("papier"),
        "nożyce" | "nozyce" | "scissors" => Some("nożyce"),
        "kamień" | "kamien" | "rock" => Some("kamień"),
        _ => None,
    }
}

fn beats(a: &str, b: &str) -> bool {
    matches!(
        (a, b),
        ("papier", "kamień") | ("nożyce", "papier") | ("kamień", "nożyce")
    )
}

/// The RESULT line a player must get.
fn result_line(mine: &str, theirs: &str, score: [u32; 2]) -> String {
    let outcome = if beats(mine, theirs) {
        "WIN"
    } else if beats(theirs, mine) {
        "LOSE"
    } else {
        "DRAW"
    };
    format!("RESULT {mine} {theirs} {outcome} {}:{}", score[0], score[1])
}

/// Two players of one game, and the score the checker keeps.
struct Pair {
    players: [Conn; 2],
    score: [u32; 2],
    round: u32,
}

impl Pair {
    /// Both players must get `line` next.
    fn both_expect(&mut self, line: &str) -> Result<(), Failure> {
        for player in &mut self.players {
            player.expect_line(line)?;
        }
        Ok(())
    }

    /// Reads `ROUND <n>` on both connections.
    fn next_round(&mut self) -> Result<(), Failure> {
        self.round += 1;
        let line = format!("ROUND {}", self.round);
        self.both_expect(&line)
    }

    /// The scores after a round in which the players showed `choices`.
    fn score_round(&mut self, choices: [&str; 2]) {
        for who in 0..2 {
            if beats(choices[who], choices[1 - who]) {
                self.score[who] += 1;
            }
        }
    }

    /// Expects each player's RESULT for `choices` (canonical names), the
    /// round already scored.
    fn expect_results(&mut self, choices: [&str; 2]) -> Result<(), Failure> {
        for who in 0..2 {
            let expected = result_line(
                choices[who],
                choices[1 - who],
                [self.score[who], self.score[1 - who]],
            );
            let line = self.players[who].read_line(&expected)?;
            ensure(line == expected, || {
                Failure::wrong(t!(
                    "lab02-wrong-result",
                    "player {player}: a wrong RESULT for {mine} against {theirs}",
                    player = who + 1,
                    mine = choices[who],
                    theirs = choices[1 - who]
                ))
                .expected(format!("{expected:?}"))
                .got(format!("{line:?}"))
            })?;
        }
        Ok(())
    }

    /// Plays one round: `ROUND <n>` to both, each sends what `sent` says
    /// (player 1 first), both get their RESULT.
    fn play(&mut self, sent: [&str; 2]) -> Result<(), Failure> {
        self.next_round()?;
        self.choose_and_expect(sent)
    }

    /// Sends both choices (the round already asked) and checks the results.
    fn choose_and_expect(&mut self, sent: [&str; 2]) -> Result<(), Failure> {
        for (player, text) in self.players.iter_mut().zip(sent) {
            player.send_line(text)?;
        }
        self.settle(sent)
    }

    /// Scores a round whose choices have been sent and checks the RESULTs.
    fn settle(&mut self, sent: [&str; 2]) -> Result<(), Failure> {
        let choices = sent.map(|text| parse_choice(text).expect("the checker sends choices"));
        self.score_round(choices);
        self.expect_results(choices)
    }

    /// After the winning round: `GAME OVER` to each, then both closed.
    fn expect_game_over(&mut self) -> Result<(), Failure> {
        for who in 0..2 {
            let (mine, theirs) = (self.score[who], self.score[1 - who]);
            let verdict = if mine > theirs { "WIN" } else { "LOSE" };
            let expected = format!("GAME OVER {verdict} {mine}:{theirs}");
            self.players[who].expect_line(&expected)?;
        }
        for (who, player) in self.players.iter_mut().enumerate() {
            player.expect_close(&t!(
                "lab02-close-after-game-over",
                "the server to close player {player}'s connection after GAME OVER",
                player = who + 1
            ))?;
        }
        Ok(())
    }

    /// A quick game to 3 that player 1 wins 3:0, from `ROUND 1` on.
    fn quick_game(&mut self, ctx: &mut Ctx) -> Result<(), Failure> {
        for _ in 0..3 {
            let theirs = *ctx.rng().pick(&CHOICES);
            let mine = CHOICES.iter().find(|c| beats(c, theirs)).unwrap();
            self.play([mine, theirs])?;
        }
        self.expect_game_over()
    }
}

/// Connects two players to the server and checks the welcome, up to and
/// including `START <wins>`.
fn pair(ctx: &mut Ctx, addr: SocketAddr, wins: u32) -> Result<Pair, Failure> {
    let mut first = ctx.connect(addr)?;
    first.expect_line("WELCOME 1")?;
    paired(ctx, addr, first, wins)
}

/// [`pair`], while another game is on: a server that plays a game on its
/// accept thread greets no one until that game is over, and the failure
/// says that it happened beside a game (its hint is about the accept loop).
fn pair_beside(ctx: &mut Ctx, addr: SocketAddr, wins: u32) -> Result<Pair, Failure> {
    let mut first = ctx.connect(addr)?;
    first
        .expect_line("WELCOME 1")
        .map_err(|failure| match failure.kind {
            Kind::Timeout => Failure {
                message: t!(
                    "lab02-no-welcome-beside-a-game",
                    "a player who connected while another game was on got no WELCOME"
                ),
                ..failure
            },
            _ => failure,
        })?;
    paired(ctx, addr, first, wins)
}

/// The rest of [`pair`] once player 1 was welcomed.
fn paired(ctx: &mut Ctx, addr: SocketAddr, mut first: Conn, wins: u32) -> Result<Pair, Failure> {
    first.expect_line("WAIT")?;
    let mut second = ctx.connect(addr)?;
    second.expect_line("WELCOME 2")?;
    let mut pair = Pair {
        players: [first, second],
        score: [0, 0],
        round: 0,
    };
    pair.both_expect(&format!("START {wins}"))?;
    Ok(pair)
}

/// Starts a server with `extra` arguments and pairs two players on it.
///
/// The server is told to listen on a loopback address of the test's own
/// (127.x.y.z; under `--host ::1`, ::1), not on 127.0.0.1: the server pairs
/// whoever connects, in order, and a port scan of 127.0.0.1 elsewhere on the
/// machine (lab 04's tests and benchmark run them) would otherwise become a
/// player and shift every pair after it. (server-host checks 127.0.0.1.)
fn game(ctx: &mut Ctx, extra: &[&str], wins: u32) -> Result<(Server, Pair), Failure> {
    let host = ctx.own_loopback().to_string();
    let mut args = vec!["server", "--host", &host, "--port", "0"];
    args.extend_from_slice(extra);
    // The report's `run it:` shows the run's host and the lab's port, where
    // a student can try the same by hand with nc.
    let shown_host = ctx.host().to_string();
    let mut shown = vec!["server", "--host", &shown_host, "--port", "7702"];
    shown.extend_from_slice(extra);
    let program = ctx.spawn_shown("server", &args, &shown)?;
    let addr = ctx.wait_ready(&program)?;
    let server = Server { addr, program };
    let pair = pair(ctx, server.addr, wins)?;
    Ok((server, pair))
}

/// How long the checker watches a connection on which nothing may arrive
/// (a choice leaked, a game held up). A server that sends what it should
/// not sends it at once; a loaded machine may delay it, hence not less.
const QUIET: Duration = Duration::from_millis(400);

/// Checks that `conn` receives nothing for the quiet window: `what` says
/// why nothing may come. `secret` is a choice that must not be told.
fn nothing_arrives(
    ctx: &Ctx,
    conn: &mut Conn,
    what: Text,
    secret: Option<&str>,
) -> Result<(), Failure> {
    nothing_arrives_until(ctx.deadline(QUIET), conn, what, secret)
}

/// As [`nothing_arrives`], until `quiet` ends: several connections watched
/// over one window, one after the other. Once the window is over, each is
/// still read for what has arrived (a millisecond's read of what its socket
/// holds), so every one of them had the whole window to show a leak.
fn nothing_arrives_until(
    quiet: Instant,
    conn: &mut Conn,
    what: Text,
    secret: Option<&str>,
) -> Result<(), Failure> {
    let deadline = quiet.max(Instant::now() + Duration::from_millis(1));
    match conn.read_line_by(deadline, &what) {
        Err(failure) if failure.kind == Kind::Timeout => Ok(()),
        Err(failure) => Err(failure),
        Ok(line) => {
            let leaked = secret.is_some_and(|choice| {
                line.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| parse_choice(word) == Some(choice))
            });
            Err(if leaked {
                Failure::wrong(t!(
                    "lab02-choice-told",
                    "{conn}: the other player's choice was told before this player chose",
                    conn = conn.name()
                ))
            } else {
                Failure::wrong(t!(
                    "lab02-line-arrived",
                    "{conn}: a line arrived {what}",
                    conn = conn.name(),
                    what = &what
                ))
            }
            .expected(if secret.is_some() {
                t!(
                    "lab02-nothing-until-chosen",
                    "nothing, until this player has chosen too"
                )
            } else {
                t!("lab02-nothing-yet", "nothing yet")
            })
            .got(format!("{line:?}")))
        }
    }
}

// ---------------------------------------------------------------------------
// The server's tests.

fn welcome_wait_start(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round()
}

fn full_game(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    // Rounds 1 and 3 are draws, then random rounds until someone has 3
    // wins (more draws among them, perhaps).
    let mut number = 0;
    while pair.score.iter().all(|&s| s < 3) {
        number += 1;
        let first = *ctx.rng().pick(&CHOICES);
        let second = if number == 1 || number == 3 {
            first
        } else {
            *ctx.rng().pick(&CHOICES)
        };
        pair.play([first, second])?;
    }
    ctx.note(t!(
        "lab02-rounds-played",
        "{number} rounds, {first}:{second} for player 1",
        number = number,
        first = pair.score[0],
        second = pair.score[1]
    ));
    pair.expect_game_over()
}

fn result_lines(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &["--wins", "5"], 5)?;
    let mut rounds: Vec<[&str; 2]> = CHOICES
        .iter()
        .flat_map(|a| CHOICES.iter().map(move |b| [*a, *b]))
        .collect();
    // In a random order: each player wins three and three are drawn.
    for i in (1..rounds.len()).rev() {
        let j = ctx.rng().range(0, i + 1);
        rounds.swap(i, j);
    }
    for choices in rounds {
        pair.play(choices)?;
    }
    // 3:3 with --wins 5: not over.
    pair.next_round()
}

/// Lines that are not choices, one of each kind, all sent in every run: a
/// server that accepts some of them (a first letter, a prefix, the first of
/// two words, a number) is caught whatever the seed.
const NOT_CHOICES: &[&[u8]] = &[
    b"banana",
    b"papierr",
    b"kamie",
    b"rock paper",
    b"papier kamie\xc5\x84",
    b"3",
    b"p",
    b"n",
    b"k",
    b"r",
    b"s",
    b"   ",
    b"pa\xffpier",
    b"",
    b"\r",
];

fn invalid_choice(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round()?;
    // Every kind of line that is not a choice, each in turn: an empty line
    // and a lone `\r` (an empty line from nc -C) among them, so a server
    // that skips blank lines, or trips over them, is caught on every run.
    for &bad in NOT_CHOICES {
        let shown = match bad {
            b"" => t!("lab02-an-empty-line", "an empty line"),
            b"\r" => t!("lab02-a-lone-cr", "a line of a lone \\r"),
            _ => Text::from(crate::harness::escape(bad)),
        };
        let mut bytes = bad.to_vec();
        bytes.push(b'\n');
        pair.players[0].send(&bytes)?;
        let line = pair.players[0].read_line(&t!(
            "lab02-error-for-not-a-choice",
            "an ERROR for a line that is not a choice"
        ))?;
        ensure(line.starts_with("ERROR"), || {
            Failure::wrong(t!(
                "lab02-not-a-choice-no-error",
                "{bad} is not a choice, but was not answered with an ERROR",
                bad = &shown
            ))
            .expected(error_reason())
            .got(format!("{line:?}"))
        })?;
    }
    // The round goes on: the next valid choices decide round 1, and the
    // opponent heard nothing of the errors (their next line is RESULT).
    pair.choose_and_expect(["kamień", "nożyce"])?;
    pair.next_round()
}

fn aliases_and_case(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &["--wins", "9"], 9)?;
    let spellings = [
        ["PAPER", "Rock"],
        ["Nożyce", "papier"],
        ["KAMIEŃ", "SCISSORS"],
        ["nozyce", "kamien"],
        ["Paper", "NOŻYCE"],
        ["ROCK", "Kamień"],
        ["scissors", "PAPIER"],
        ["KAMIEN", "NOZYCE"],
        // Spaces around a choice are ignored.
        ["  papier  ", " KAMIEŃ"],
        [" nożyce", "rock   "],
    ];
    for sent in spellings {
        pair.play(sent)?;
    }
    Ok(())
}

fn second_chooses_first(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round()?;
    let second = *ctx.rng().pick(&CHOICES);
    let first = CHOICES.iter().find(|c| beats(c, second)).unwrap();
    pair.players[1].send_line(second)?;
    ctx.note(t!(
        "lab02-player-2-chose",
        "player 2 has chosen; player 1 takes a while"
    ));
    // The while starts once the server has read player 2's choice, however
    // long a loaded machine took to schedule it.
    server_has_read(ctx, &[&pair.players[1]]);
    nothing_arrives(ctx, &mut pair.players[0], before_chose(1), Some(second))?;
    pair.players[0].send_line(first)?;
    pair.settle([first, second])
}

fn send_ahead(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &["--wins", "5"], 5)?;
    // Three different choices, in a random order: a server that keeps one
    // line ahead and overwrites it with the next (one slot, not a queue)
    // plays the third choice in round 2, and it shows.
    let mut ahead = CHOICES.to_vec();
    for i in (1..ahead.len()).rev() {
        let j = ctx.rng().range(0, i + 1);
        ahead.swap(i, j);
    }
    pair.next_round()?;
    ctx.note(t!(
        "lab02-three-in-one-write",
        "player 1 sends its choices for three rounds in one write"
    ));
    let burst: String = ahead.iter().map(|c| format!("{c}\n")).collect();
    pair.players[0].send(burst.as_bytes())?;
    // Player 2 chooses only once the server has read the whole burst (the
    // kernel's table shows nothing left unread on its side): otherwise a
    // server that keeps one slot could play round 1 before the later lines
    // came in, and look correct.
    server_has_read(ctx, &[&pair.players[0]]);
    for (i, first) in ahead.iter().enumerate() {
        if i > 0 {
            pair.next_round()?;
        }
        let second = *ctx.rng().pick(&CHOICES);
        pair.players[1].send_line(second)?;
        pair.settle([first, second])?;
    }
    Ok(())
}

/// Waits (up to REPLY) until the server has read everything each of
/// `players` sent: its end of their connections has nothing unread. Where
/// the kernel's table can't be read, or on a deadline, it goes on; what the
/// server then does is judged as always.
fn server_has_read(ctx: &Ctx, players: &[&Conn]) {
    let pairs: Vec<(SocketAddr, SocketAddr)> = players
        .iter()
        .filter_map(|player| {
            let stream = player.stream();
            Some((stream.peer_addr().ok()?, stream.local_addr().ok()?))
        })
        .collect();
    let deadline = ctx.deadline(REPLY);
    while Instant::now() < deadline {
        let sockets = crate::harness::sockets::tcp_sockets(&pairs);
        if !sockets.iter().flatten().any(|socket| socket.unread > 0) {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn no_leak(ctx: &mut Ctx) -> Result<(), Failure> {
    // Eight games side by side (a server that plays only a few games at a
    // time never starts the last ones). In games 0-3 player 1 chooses first,
    // in 4-7 player 2 does; in each group the early player shows papier,
    // nożyce, kamień, or nothing yet: every case, every run.
    let (server, first) = game(ctx, &[], 3)?;
    let mut games = vec![first];
    for _ in 1..8 {
        games.push(pair_beside(ctx, server.addr, 3)?);
    }
    for game in &mut games {
        game.next_round()?;
    }
    let early_choice = |i: usize| CHOICES.get(i % 4).copied();
    for (i, game) in games.iter_mut().enumerate() {
        if let Some(choice) = early_choice(i) {
            game.players[i / 4].send_line(choice)?;
        }
    }
    let early: Vec<&Conn> = games
        .iter()
        .enumerate()
        .filter(|(i, _)| early_choice(*i).is_some())
        .map(|(i, game)| &game.players[i / 4])
        .collect();
    server_has_read(ctx, &early);
    ctx.note(t!(
        "lab02-watches-eight-games",
        "eight games in round 1; in six, one player has chosen: the checker watches what the other players get before choosing"
    ));
    let quiet = ctx.deadline(QUIET);
    for (i, game) in games.iter_mut().enumerate() {
        let late = 1 - i / 4;
        nothing_arrives_until(
            quiet,
            &mut game.players[late],
            before_chose(late + 1),
            early_choice(i),
        )?;
    }
    // Each late player sends the same line that is not a choice, at the
    // same point of the same game: its ERROR may depend on that line (and
    // on numbers, such as a count), never on what the opponent did.
    let bad = "banana";
    for side in [0, 1] {
        let late = 1 - side;
        let mut errors = Vec::new();
        for game in &mut games[side * 4..side * 4 + 4] {
            game.players[late].send_line(bad)?;
            let what = t!(
                "lab02-error-for-not-a-choice",
                "an ERROR for a line that is not a choice"
            );
            let line = game.players[late].read_line(&what)?;
            ensure(line.starts_with("ERROR"), || {
                Failure::wrong(t!(
                    "lab02-not-a-choice-no-error",
                    "{bad} is not a choice, but was not answered with an ERROR",
                    bad = format!("{bad:?}")
                ))
                .expected(error_reason())
                .got(format!("{line:?}"))
            })?;
            errors.push(line);
        }
        ensure(errors.iter().all(|e| shape(e) == shape(&errors[0])), || {
            Failure::wrong(t!(
                "lab02-error-tells",
                "player {player}'s ERROR for the same line differs with what the opponent did: it tells something about the opponent",
                player = late + 1
            ))
            .expected(t!(
                "lab02-same-error",
                "the same ERROR whether the opponent chose papier, nożyce, kamień or nothing yet"
            ))
            .got(
                errors
                    .iter()
                    .zip(["papier", "nożyce", "kamień", "-"])
                    .map(|(e, c)| format!("{c}: {e:?}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        })?;
    }
    for (i, game) in games.iter_mut().enumerate() {
        let late = 1 - i / 4;
        let mut choices = [*ctx.rng().pick(&CHOICES), *ctx.rng().pick(&CHOICES)];
        match early_choice(i) {
            Some(early) => {
                // A choice unlike the early one: a server that takes the
                // first choice to arrive as player 1's shows it here too.
                choices[1 - late] = early;
                choices[late] = CHOICES.iter().find(|c| beats(c, early)).unwrap();
                game.players[late].send_line(choices[late])?;
                game.settle(choices)?;
            }
            None => game.choose_and_expect(choices)?,
        }
    }
    Ok(())
}

/// What the walkover's winner waits for.
fn close_after_walkover(player: u32) -> Text {
    t!(
        "lab02-close-after-walkover",
        "the server to close player {player}'s connection after the walkover",
        player = player
    )
}

fn walkover(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut one) = game(ctx, &[], 3)?;
    one.play(["papier", "kamień"])?;
    one.next_round()?;
    let [mut first, second] = one.players;
    ctx.note(t!(
        "lab02-player-2-disconnects",
        "player 2 disconnects; player 1 has not chosen (and does not)"
    ));
    drop(second);
    first.expect_line("GAME OVER WIN 1:0 WALKOVER")?;
    first.expect_close(close_after_walkover(1))?;
    // The other way round, in a second game: a server that reads player 2,
    // then player 1 (in turn, the other way) notices player 2 leaving
    // above but not player 1; and the winner's score comes first (0:1).
    let mut two = pair(ctx, server.addr, 3)?;
    two.play(["papier", "kamień"])?;
    two.next_round()?;
    let [first, mut second] = two.players;
    ctx.note(t!(
        "lab02-player-1-disconnects",
        "a second game: player 1 disconnects; player 2 has not chosen (and does not)"
    ));
    drop(first);
    second.expect_line("GAME OVER WIN 0:1 WALKOVER")?;
    second.expect_close(close_after_walkover(2))
}

/// A line with every run of digits made one `#`: two ERRORs that differ
/// only in their numbers (a count, a round) have the same shape.
fn shape(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars() {
        if !c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('#') {
            out.push('#');
        }
    }
    out
}

fn walkover_after_choosing(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut one) = game(ctx, &[], 3)?;
    one.next_round()?;
    let [mut first, mut second] = one.players;
    ctx.note(t!(
        "lab02-sends-ahead-and-leaves",
        "player 1 sends its choices for three rounds in one write and disconnects; player 2 has not chosen (and does not)"
    ));
    first.send("kamień\nnożyce\npapier\n".as_bytes())?;
    drop(first);
    // At once, whatever player 1 sent: no round is played with its lines
    // (a RESULT here would be one).
    second.expect_line("GAME OVER WIN 0:0 WALKOVER")?;
    second.expect_close(close_after_walkover(2))?;
    // The other way round: player 2 has chosen, then leaves.
    let mut two = pair(ctx, server.addr, 3)?;
    two.play(["papier", "kamień"])?;
    two.next_round()?;
    let [mut first, mut second] = two.players;
    ctx.note(t!(
        "lab02-chooses-and-leaves",
        "a second game, won 1:0 by player 1: player 2 chooses and disconnects; player 1 has not chosen (and does not)"
    ));
    second.send_line("papier")?;
    drop(second);
    first.expect_line("GAME OVER WIN 1:0 WALKOVER")?;
    first.expect_close(close_after_walkover(1))
}

fn second_pair(ctx: &mut Ctx) -> Result<(), Failure> {
    // Three games wait (a server that plays two games at a time, or any
    // small number, never starts the third), and a fourth is played whole.
    let (server, first) = game(ctx, &[], 3)?;
    let mut waiting = vec![first];
    for _ in 1..3 {
        waiting.push(pair_beside(ctx, server.addr, 3)?);
    }
    for game in &mut waiting {
        game.next_round()?;
    }
    ctx.note(t!(
        "lab02-three-games-wait",
        "three games wait in round 1; two more players connect"
    ));
    let mut other = pair_beside(ctx, server.addr, 3)?;
    other.quick_game(ctx)?;
    // The waiting games were only waiting: they go on.
    for game in &mut waiting {
        game.choose_and_expect(["nożyce", "papier"])?;
    }
    Ok(())
}

fn half_line(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut first) = game(ctx, &[], 3)?;
    first.next_round()?;
    first.players[0].send(b"pap")?;
    ctx.note(t!(
        "lab02-half-a-choice",
        "player 1 of the first game has sent half a choice and stops there"
    ));
    // Other games for a while (the quiet window): a server that reads one
    // whole line at a time for everybody may still serve a few rounds
    // before it gets to the half line, later on a loaded machine.
    let until = ctx.deadline(QUIET);
    let mut games = 0;
    while games == 0 || Instant::now() < until {
        let mut other = pair_beside(ctx, server.addr, 3)?;
        other.quick_game(ctx)?;
        games += 1;
    }
    ctx.note(t!(
        "lab02-other-games",
        "{games} other games were played meanwhile",
        games = games
    ));
    first.players[0].send(b"ier\n")?;
    first.players[1].send_line("kamień")?;
    first.settle(["papier", "kamień"])
}

fn next_game(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut first) = game(ctx, &[], 3)?;
    first.quick_game(ctx)?;
    ctx.note(t!(
        "lab02-game-over-two-more",
        "the game is over; two more players connect"
    ));
    let mut second = pair(ctx, server.addr, 3)?;
    second.next_round()
}

fn garbage(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round()?;
    let mut junk: Vec<u8> = ctx
        .rng()
        .bytes(100_000)
        .into_iter()
        .map(|b| if b == b'\n' { 0xff } else { b })
        .collect();
    junk.push(b'\n');
    ctx.note(t!(
        "lab02-sends-random-bytes",
        "player 1 sends a line of 100 000 random bytes"
    ));
    pair.players[0].send(&junk)?;
    let long = t!("lab02-the-100kb-line", "the 100 KB line");
    expect_error(&mut pair.players[0], long)?;
    ctx.note(t!(
        "lab02-sends-not-utf8",
        "player 1 sends a line that is not UTF-8"
    ));
    pair.players[0].send(b"kami\xc5\n")?;
    let invalid = t!("lab02-the-invalid-utf8-line", "the line of invalid UTF-8");
    expect_error(&mut pair.players[0], invalid)?;
    // One ERROR each: the next line player 1 gets is the RESULT.
    pair.choose_and_expect(["nożyce", "papier"])
}

fn expect_error(conn: &mut Conn, what: Text) -> Result<(), Failure> {
    let line = conn.read_line(&t!("lab02-error-for", "an ERROR for {what}", what = &what))?;
    ensure(line.starts_with("ERROR"), || {
        Failure::wrong(t!(
            "lab02-no-error",
            "{what} was not answered with an ERROR",
            what = &what
        ))
        .expected(error_reason())
        .got(format!("{:?}", line.chars().take(80).collect::<String>()))
    })
}

/// `"ERROR <reason>"`: what a line that is not a choice gets.
fn error_reason() -> Text {
    t!("lab02-error-reason", "\"ERROR <reason>\"")
}

/// Why nothing may arrive yet: `before player 2 chose`.
fn before_chose(player: usize) -> Text {
    t!(
        "lab02-before-player-chose",
        "before player {player} chose",
        player = player
    )
}

fn crlf(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round()?;
    pair.players[0].send("papier\r\n".as_bytes())?;
    pair.players[1].send("KAMIEŃ\r\n".as_bytes())?;
    pair.settle(["papier", "kamień"])
}

fn fragments(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round()?;
    pair.players[1].send_line("nożyce")?;
    pair.players[0].send_fragments(&[b"pa", b"pi", b"er\n"], Duration::from_millis(30))?;
    pair.settle(["papier", "nożyce"])
}

/// One exchange of the protocol: the server works where it said it listens.
fn welcome_once(ctx: &mut Ctx, server: &Server) -> Result<(), Failure> {
    let mut conn = ctx.connect(server.addr)?;
    conn.expect_line("WELCOME 1")
}

// ---------------------------------------------------------------------------
// The client's tests: the checker plays the server.

/// Starts the student's client against the checker playing the server,
/// and sends `lines` to it at once.
fn client_session(ctx: &mut Ctx, lines: &[&str]) -> Result<(Program, Conn), Failure> {
    let (client, mut conn) = common::client_against_checker(ctx, 7702, &[])?;
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    conn.send(text.as_bytes())?;
    Ok((client, conn))
}

/// Reads the client's next line and checks it names `choice`.
fn expect_choice(conn: &mut Conn, typed: &str) -> Result<&'static str, Failure> {
    let choice = parse_choice(typed).expect("the checker types choices");
    let line = conn.read_line(&t!(
        "lab02-choice-typed-as",
        "the choice typed as {typed}",
        typed = format!("{typed:?}")
    ))?;
    ensure(parse_choice(&line) == Some(choice), || {
        Failure::wrong(t!(
            "lab02-not-the-typed-choice",
            "the client did not send the choice that was typed"
        ))
        .expected(t!(
            "lab02-a-line-naming",
            "a line naming {choice} (\"{choice}\" or an accepted spelling such as {typed})",
            choice = choice,
            typed = format!("{typed:?}")
        ))
        .got(format!("{line:?}"))
    })?;
    Ok(choice)
}

const OPENING: [&str; 4] = ["WELCOME 1", "WAIT", "START 3", "ROUND 1"];

fn client_choice(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &OPENING)?;
    // One spelling in each language, in either order: a client that knows
    // one language only fails whatever the seed, not one run in four.
    let polish = *ctx.rng().pick(&["NOŻYCE", "Papier", "kamien"]);
    let english = *ctx.rng().pick(&["rock", "SCISSORS", "paper"]);
    let (first, second) = *ctx.rng().pick(&[(polish, english), (english, polish)]);
    common::type_into(ctx, &client, first)?;
    let mine = expect_choice(&mut conn, first)?;
    finish_round_one(ctx, &mut conn, mine)?;
    common::type_into(ctx, &client, second)?;
    expect_choice(&mut conn, second).map(drop)
}

/// The checker's server ends round 1 against `mine` with a random
/// opponent's choice (the RESULT line as the rules give it) and asks for
/// round 2.
fn finish_round_one(ctx: &mut Ctx, conn: &mut Conn, mine: &str) -> Result<(), Failure> {
    let theirs = *ctx.rng().pick(&CHOICES);
    let score = [
        u32::from(beats(mine, theirs)),
        u32::from(beats(theirs, mine)),
    ];
    conn.send_line(&result_line(mine, theirs, score))?;
    conn.send_line("ROUND 2")
}

fn client_typo(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &OPENING)?;
    // Round 1 as usual, so that whatever the client says on stderr as it
    // starts has been said.
    let first = *ctx.rng().pick(&CHOICES);
    common::type_into(ctx, &client, first)?;
    let mine = expect_choice(&mut conn, first)?;
    finish_round_one(ctx, &mut conn, mine)?;
    // Two typos, and two more lines on stderr: whatever the client said
    // as it started may still be on its way through the pipe, but that is
    // one line at most, and a client that says nothing about typos can't
    // make two.
    let before = stderr_lines(&client);
    common::type_into(ctx, &client, "papeir")?;
    common::type_into(ctx, &client, "kamein")?;
    let said = client.wait_for(ctx.deadline(REPLY), |s| {
        (lines_of(s) >= before + 2).then_some(())
    });
    ensure(said.is_some(), || {
        Failure::wrong(t!(
            "lab02-typo-not-said",
            "the client said nothing on stderr about the typo"
        ))
        .expected(t!(
            "lab02-a-line-on-stderr",
            "a line on stderr for each typo, papeir and kamein (any wording)"
        ))
        .got(format!("{:?}", client.stderr()))
    })?;
    common::type_into(ctx, &client, "kamien")?;
    let line = conn.read_line(&t!(
        "lab02-first-valid-choice",
        "the first valid choice typed"
    ))?;
    ensure(parse_choice(&line) == Some("kamień"), || {
        Failure::wrong(t!(
            "lab02-sent-a-typo",
            "the client sent a line that was typed wrong"
        ))
        .expected(t!(
            "lab02-typo-refused",
            "\"kamień\" (or \"kamien\"): the typos papeir and kamein refused by the client, not sent"
        ))
        .got(format!("{line:?}"))
    })
}

/// How many complete lines a program has written on stderr so far.
fn stderr_lines(program: &Program) -> usize {
    program.with_state(lines_of)
}

fn lines_of(state: &crate::harness::program::State) -> usize {
    let newlines = |bytes: &mut dyn Iterator<Item = &u8>| bytes.filter(|&&b| b == b'\n').count();
    newlines(&mut state.stderr.iter()) + newlines(&mut state.stderr_tail.iter())
}

/// Waits until a complete line of the program's stdout or stderr contains
/// `text`.
fn shows_anywhere(ctx: &Ctx, program: &Program, text: &str) -> bool {
    program
        .wait_for(ctx.deadline(REPLY), |s| {
            let tail: Vec<u8> = s.stderr_tail.iter().copied().collect();
            let mut lines = complete_lines(&s.stdout)
                .chain(complete_lines(&s.stderr))
                .chain(complete_lines(&tail));
            lines.any(|line| line.contains(text)).then_some(())
        })
        .is_some()
}

fn client_error(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &OPENING)?;
    let typed = [*ctx.rng().pick(&CHOICES), *ctx.rng().pick(&CHOICES)];
    for choice in typed {
        common::type_into(ctx, &client, choice)?;
    }
    expect_choice(&mut conn, typed[0])?;
    // Any reason: the client shows it as it came.
    let reason = format!("not taken, try again (ref {})", ctx.rng().range(100, 1000));
    ctx.note(t!(
        "lab02-server-says-error",
        "the checker's server answers the choice with an ERROR: the client must show its reason and send the next choice typed"
    ));
    conn.send_line(&format!("ERROR {reason}"))?;
    expect_choice(&mut conn, typed[1])?;
    ensure(shows_anywhere(ctx, &client, &reason), || {
        Failure::wrong(t!(
            "lab02-error-not-shown",
            "the client did not show the ERROR's reason"
        ))
        .expected(t!(
            "lab02-a-line-with-reason",
            "a line on stdout or stderr with the reason {reason}",
            reason = format!("{reason:?}")
        ))
        .got(format!("{:?}", client.stdout()))
    })
}

fn client_walkover(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &OPENING)?;
    let mine = *ctx.rng().pick(&CHOICES);
    common::type_into(ctx, &client, mine)?;
    expect_choice(&mut conn, mine)?;
    let theirs = CHOICES.iter().find(|c| beats(mine, c)).unwrap();
    conn.send_line(&result_line(mine, theirs, [1, 0]))?;
    let shown = t!(
        "lab02-line-with-score",
        "a line with the opponent's choice {theirs} and the score \"{score}\"",
        theirs = format!("{theirs:?}"),
        score = "1:0"
    );
    common::stdout_shows(ctx, &client, 0, &shown, |line| {
        line.contains(theirs) && line.contains("1:0")
    })?;
    let from = common::stdout_len(&client);
    conn.send_line("ROUND 2")?;
    ctx.note(t!(
        "lab02-walkover-while-waiting",
        "round 2 waits for a choice; nothing is typed (stdin stays open); the opponent leaves: GAME OVER WIN 1:0 WALKOVER, and the server closes"
    ));
    conn.send_line("GAME OVER WIN 1:0 WALKOVER")?;
    drop(conn);
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab02-exit-walkover",
            "it won by walkover and the server closed the connection"
        ),
    )?;
    let final_score = t!(
        "lab02-walkover-score",
        "a line with the final score \"1:0\" after the walkover"
    );
    common::stdout_shows(ctx, &client, from, &final_score, |line| {
        line.contains("1:0")
    })
}

fn client_waits_for_round(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &["WELCOME 1", "WAIT", "START 3"])?;
    let typed = [*ctx.rng().pick(&CHOICES), *ctx.rng().pick(&CHOICES)];
    for choice in typed {
        common::type_into(ctx, &client, choice)?;
    }
    ctx.note(t!(
        "lab02-typed-before-round",
        "two choices typed before any ROUND: nothing may be sent until ROUND 1 asks"
    ));
    // The quiet window starts once the client has read what was typed (its
    // stdin pipe is empty): a client that sends as soon as it reads a line
    // would then send within it, however long a loaded machine took to
    // schedule it before.
    // and then until all its threads are asleep again: by then a client
    // that sends what it reads has sent it.
    let deadline = ctx.deadline(REPLY);
    while client.stdin_unread().is_some_and(|n| n > 0) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    client.wait_asleep(deadline);
    let before = t!("lab02-before-round-1", "before ROUND 1 asked for a choice");
    nothing_arrives(ctx, &mut conn, before, None)?;
    conn.send_line("ROUND 1")?;
    let mine = expect_choice(&mut conn, typed[0])?;
    finish_round_one(ctx, &mut conn, mine)?;
    expect_choice(&mut conn, typed[1]).map(drop)
}

fn client_shows_result(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &["WELCOME 2", "START 3", "ROUND 1"])?;
    let mine = *ctx.rng().pick(&CHOICES);
    common::type_into(ctx, &client, mine)?;
    expect_choice(&mut conn, mine)?;
    // An opponent who wins, so that the score is 0:1 and the opponent's
    // choice differs from the player's.
    let theirs = CHOICES.iter().find(|c| beats(c, mine)).unwrap();
    let from = common::stdout_len(&client);
    conn.send_line(&result_line(mine, theirs, [0, 1]))?;
    let shown = t!(
        "lab02-line-with-score",
        "a line with the opponent's choice {theirs} and the score \"{score}\"",
        theirs = format!("{theirs:?}"),
        score = "0:1"
    );
    common::stdout_shows(ctx, &client, from, &shown, |line| {
        line.contains(theirs) && line.contains("0:1")
    })
    .map_err(|f| Failure {
        expected: Some(shown),
        ..f
    })
}

fn client_game_over(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &OPENING)?;
    // The client loses rounds 1, 3, 4 and wins round 2: 1:3.
    let mut score = [0u32, 0];
    for round in 1..=4 {
        if round > 1 {
            conn.send_line(&format!("ROUND {round}"))?;
        }
        let mine = *ctx.rng().pick(&CHOICES);
        common::type_into(ctx, &client, mine)?;
        expect_choice(&mut conn, mine)?;
        let theirs = if round == 2 {
            CHOICES.iter().find(|c| beats(mine, c)).unwrap()
        } else {
            CHOICES.iter().find(|c| beats(c, mine)).unwrap()
        };
        score[usize::from(round != 2)] += 1;
        conn.send_line(&result_line(mine, theirs, score))?;
    }
    conn.send_line("GAME OVER LOSE 1:3")?;
    drop(conn);
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab02-exit-game-over",
            "the game is over and the server closed the connection"
        ),
    )?;
    let stdout = client.stdout();
    // Once for the last round, once for the game.
    ensure(stdout.matches("1:3").count() >= 2, || {
        Failure::wrong(t!(
            "lab02-no-final-score",
            "the client did not show the final score"
        ))
        .expected(t!(
            "lab02-final-score",
            "the last round's score 1:3, and then the game's result with 1:3 again"
        ))
        .got(format!("{stdout:?}"))
    })
}

fn client_input_ends(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, _conn) = client_session(ctx, &OPENING)?;
    ctx.note(t!(
        "lab02-input-ends",
        "the client's input ends (stdin closed) while round 1 waits for a choice"
    ));
    client.close_stdin();
    ctx.expect_clean_exit(
        &client,
        &t!(
            "lab02-exit-input-ended",
            "its input ended while a choice was asked for"
        ),
    )
}
