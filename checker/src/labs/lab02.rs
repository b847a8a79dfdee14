//! Lab 02: rock-paper-scissors for two players, first to 3 wins, and its
//! client. Protocol: docs/labs/02-rps.md.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::{Lab, Rule, TestCase, common};
use crate::harness::{Conn, Ctx, Failure, Kind, Program, REPLY, Server, ensure};
use crate::i18n::Text;
use crate::t;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[];

pub const LAB: Lab = Lab {
    number: 2,
    name: "rps",
    title: "rock-paper-scissors for two players",
    rules: RULES,
    tests: &[
        TestCase {
            name: "welcome-wait-start",
            points: 2,
            rules: &[],
            checks: "the first player gets `WELCOME 1` and `WAIT`, the second `WELCOME 2`; then both get `START 3` and `ROUND 1`",
            hint: "keep the first player of a pair waiting (WELCOME 1, WAIT); when the second connects, WELCOME 2, then START <wins> and ROUND 1 to both",
            run: welcome_wait_start,
        },
        TestCase {
            name: "full-game",
            points: 3,
            rules: &[],
            checks: "a whole game to 3 wins with draws in between: rounds numbered on through the draws, every RESULT, `GAME OVER WIN`/`LOSE` with the score, then both connections closed",
            hint: "a draw scores nothing and the next round has the next number; the game ends when a player has --wins round wins (not 2, not the number of rounds)",
            run: full_game,
        },
        TestCase {
            name: "result-lines",
            points: 2,
            rules: &[],
            checks: "with `--wins 5` (`START 5`), all nine pairs of choices give the exact `RESULT <yours> <theirs> <WIN|LOSE|DRAW> <yours>:<theirs>` to each player, and at 3:3 the game goes on",
            hint: "papier beats kamień, nożyce beat papier, kamień beats nożyce; each player sees their own choice and score first",
            run: result_lines,
        },
        TestCase {
            name: "invalid-choice",
            points: 1,
            rules: &[],
            checks: "a line that is not a choice (a word, an empty line, a lone `\\r`) gets `ERROR <reason>` to that player only, once per line; the round goes on and is decided by the next valid choice",
            hint: "answer NOT_A_CHOICE to that player and keep waiting for their choice in the same round (no new ROUND, nothing to the opponent)",
            run: invalid_choice,
        },
        TestCase {
            name: "aliases-and-case",
            points: 2,
            rules: &[],
            checks: "`PAPER`, `Nożyce`, `NOŻYCE`, `nozyce`, `SCISSORS`, `KAMIEŃ`, `kamien`, `Rock` and the like are accepted, and RESULT names them canonically (papier, nożyce, kamień)",
            hint: "Choice::parse(): trim, then to_lowercase() (not to_ascii_lowercase: Ż and Ń are not ASCII), then match every accepted spelling; RESULT uses Choice::name()",
            run: aliases_and_case,
        },
        TestCase {
            name: "second-chooses-first",
            points: 1,
            rules: &[],
            checks: "player 2 chooses first and player 1 a while later: RESULT gives each player their own choice",
            hint: "keep each choice with the player who made it (choices[who]), not in the order they arrived",
            run: second_chooses_first,
        },
        TestCase {
            name: "send-ahead",
            points: 2,
            rules: &[],
            checks: "player 1 sends three different choices in one write; they are taken in order, one per round",
            hint: "one BufReader per connection for its whole life; a line from a player who has chosen already is kept for the next round, not dropped",
            run: send_ahead,
        },
        TestCase {
            name: "no-leak",
            points: 2,
            rules: &[],
            checks: "a player who has not chosen yet receives nothing (in particular not the other's choice) until they choose, either way round; then RESULT is their next line",
            hint: "send nothing about a choice until both players have chosen; then RESULT to both",
            run: no_leak,
        },
        TestCase {
            name: "walkover",
            points: 3,
            rules: &[],
            checks: "after a round won 1:0, player 2 disconnects while player 1 has not chosen: player 1 gets `GAME OVER WIN 1:0 WALKOVER` at once and is disconnected; in a second game player 1 disconnects, and player 2 gets `GAME OVER WIN 0:1 WALKOVER`",
            hint: "wait on both players at once (a reader thread per player sending into one channel), never in read_line() on one player, then on the other; Event::Gone ends the game",
            run: walkover,
        },
        TestCase {
            name: "second-pair",
            points: 2,
            rules: &[],
            checks: "while a first game waits in its round, two more players connect and play a whole game of their own",
            hint: "give every pair a thread of its own (thread::spawn(game::play)) and go straight back to accept()",
            run: second_pair,
        },
        TestCase {
            name: "half-line",
            points: 2,
            rules: &[],
            checks: "a player who has sent half a choice (`pap`, no newline) holds no other game up; then `ier\\n` completes it as `papier`",
            hint: "read each player on a thread of their own, and never hold a lock shared with other games while waiting for a line's end",
            run: half_line,
        },
        TestCase {
            name: "next-game",
            points: 1,
            rules: &[],
            checks: "after a game is over, the next two players to connect are `WELCOME 1` and `WELCOME 2` of a new game",
            hint: "after pairing two players, start afresh: the next connection is the first player of a new pair",
            run: next_game,
        },
        TestCase {
            name: "garbage",
            points: 1,
            rules: &[],
            checks: "a line of 100 KB of random bytes and a line of invalid UTF-8 get one `ERROR` each; the round then goes on",
            hint: "read at most MAX_LINE bytes of a line (Read::take) and skip its rest; String::from_utf8_lossy instead of an error that ends the connection",
            run: garbage,
        },
        TestCase {
            name: "crlf",
            points: 1,
            rules: &[],
            checks: "`papier\\r\\n` and `KAMIEŃ\\r\\n` (as nc -C and telnet send them) are choices",
            hint: "strip a trailing \"\\r\" as well as the \"\\n\"",
            run: crlf,
        },
        TestCase {
            name: "fragments",
            points: 1,
            rules: &[],
            checks: "a choice arriving in pieces (`pa`, `pi`, `er\\n`) is one choice",
            hint: "one recv() may return part of a line: read up to the newline with a BufReader (read_until)",
            run: fragments,
        },
        TestCase {
            name: "server-host",
            points: 1,
            rules: &[],
            checks: "told `--host 127.0.0.1`, the server listens there and nowhere else: its ready line shows 127.0.0.1, and another loopback address (127.x.y.z) is refused",
            hint: "bind() to the --host address you were given, not to 0.0.0.0, and print the address you bound",
            run: |ctx| common::server_binds_only_its_host(ctx, &[], welcome_once),
        },
        TestCase {
            name: "client-choice",
            points: 2,
            rules: &[],
            checks: "the client sends a choice typed as `NOŻYCE`, `rock` or the like, when asked by `ROUND`, as a line naming the same choice",
            hint: "read stdin lines, Choice::parse() them, and send the choice (its canonical name, or as typed) followed by \"\\n\" when a ROUND asks for one",
            run: client_choice,
        },
        TestCase {
            name: "client-typo",
            points: 1,
            rules: &[],
            checks: "a typo (`papeir`) is refused by the client and not sent; the next valid line typed is",
            hint: "check a typed line with Choice::parse() before sending; on None, say so on stderr and read another line",
            run: client_typo,
        },
        TestCase {
            name: "client-waits-for-round",
            points: 1,
            rules: &[],
            checks: "two choices typed before the first `ROUND`: the client sends nothing until `ROUND 1` asks, then the first choice, and the second only after `ROUND 2`",
            hint: "keep typed choices in a queue (VecDeque) and send one only when a ROUND (or an ERROR) asks for one, not as soon as it is typed",
            run: client_waits_for_round,
        },
        TestCase {
            name: "client-shows-result",
            points: 2,
            rules: &[],
            checks: "after `RESULT`, the client shows on one line the opponent's choice and the score `<yours>:<theirs>`",
            hint: "describe(): a RESULT line in words must keep the opponent's choice and the score as they came",
            run: client_shows_result,
        },
        TestCase {
            name: "client-game-over",
            points: 2,
            rules: &[],
            checks: "the client plays a game it loses 1:3, shows the final score, and exits 0 when the server closes after `GAME OVER LOSE 1:3`",
            hint: "GAME OVER, win or lose, is a normal end: show it, and when the server closes, exit with status 0",
            run: client_game_over,
        },
        TestCase {
            name: "client-input-ends",
            points: 1,
            rules: &[],
            checks: "when the client's input ends while a round waits for a choice, the client exits 0",
            hint: "at the end of stdin, tell the main thread (Event::InputEnded); when a choice is asked for and none is left, leave and exit 0",
            run: client_input_ends,
        },
        TestCase {
            name: "client-refused",
            points: 1,
            rules: &[],
            checks: "a client that finds no server exits non-zero with a message saying the connection was refused, not a panic",
            hint: "return the connect() error instead of unwrap()ing it; the glue in main.rs prints it",
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
    fn both_expect(&mut self, ctx: &Ctx, line: &str) -> Result<(), Failure> {
        for player in &mut self.players {
            player.expect_line(line, ctx.deadline(REPLY))?;
        }
        Ok(())
    }

    /// Reads `ROUND <n>` on both connections.
    fn next_round(&mut self, ctx: &Ctx) -> Result<(), Failure> {
        self.round += 1;
        let line = format!("ROUND {}", self.round);
        self.both_expect(ctx, &line)
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
    fn expect_results(&mut self, ctx: &Ctx, choices: [&str; 2]) -> Result<(), Failure> {
        for who in 0..2 {
            let expected = result_line(
                choices[who],
                choices[1 - who],
                [self.score[who], self.score[1 - who]],
            );
            let line = self.players[who].read_line(ctx.deadline(REPLY), &expected)?;
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
    fn play(&mut self, ctx: &Ctx, sent: [&str; 2]) -> Result<(), Failure> {
        self.next_round(ctx)?;
        self.choose_and_expect(ctx, sent)
    }

    /// Sends both choices (the round already asked) and checks the results.
    fn choose_and_expect(&mut self, ctx: &Ctx, sent: [&str; 2]) -> Result<(), Failure> {
        for (player, text) in self.players.iter_mut().zip(sent) {
            player.send_line(text)?;
        }
        self.settle(ctx, sent)
    }

    /// Scores a round whose choices have been sent and checks the RESULTs.
    fn settle(&mut self, ctx: &Ctx, sent: [&str; 2]) -> Result<(), Failure> {
        let choices = sent.map(|text| parse_choice(text).expect("the checker sends choices"));
        self.score_round(choices);
        self.expect_results(ctx, choices)
    }

    /// After the winning round: `GAME OVER` to each, then both closed.
    fn expect_game_over(&mut self, ctx: &Ctx) -> Result<(), Failure> {
        for who in 0..2 {
            let (mine, theirs) = (self.score[who], self.score[1 - who]);
            let verdict = if mine > theirs { "WIN" } else { "LOSE" };
            let expected = format!("GAME OVER {verdict} {mine}:{theirs}");
            self.players[who].expect_line(&expected, ctx.deadline(REPLY))?;
        }
        for (who, player) in self.players.iter_mut().enumerate() {
            player.expect_close(
                ctx.deadline(REPLY),
                &t!(
                    "lab02-close-after-game-over",
                    "the server to close player {player}'s connection after GAME OVER",
                    player = who + 1
                ),
            )?;
        }
        Ok(())
    }

    /// A quick game to 3 that player 1 wins 3:0, from `ROUND 1` on.
    fn quick_game(&mut self, ctx: &mut Ctx) -> Result<(), Failure> {
        for _ in 0..3 {
            let theirs = *ctx.rng().pick(&CHOICES);
            let mine = CHOICES.iter().find(|c| beats(c, theirs)).unwrap();
            self.play(ctx, [mine, theirs])?;
        }
        self.expect_game_over(ctx)
    }
}

/// Connects two players to the server and checks the welcome, up to and
/// including `START <wins>`.
fn pair(ctx: &mut Ctx, addr: SocketAddr, wins: u32) -> Result<Pair, Failure> {
    let mut first = ctx.connect(addr)?;
    first.expect_line("WELCOME 1", ctx.deadline(REPLY))?;
    first.expect_line("WAIT", ctx.deadline(REPLY))?;
    let mut second = ctx.connect(addr)?;
    second.expect_line("WELCOME 2", ctx.deadline(REPLY))?;
    let mut pair = Pair {
        players: [first, second],
        score: [0, 0],
        round: 0,
    };
    pair.both_expect(ctx, &format!("START {wins}"))?;
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
    let host = ctx.aside().to_string();
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
    match conn.read_line(ctx.deadline(QUIET), &what) {
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
    pair.next_round(ctx)
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
        pair.play(ctx, [first, second])?;
    }
    ctx.note(t!(
        "lab02-rounds-played",
        "{number} rounds, {first}:{second} for player 1",
        number = number,
        first = pair.score[0],
        second = pair.score[1]
    ));
    pair.expect_game_over(ctx)
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
        pair.play(ctx, choices)?;
    }
    // 3:3 with --wins 5: not over.
    pair.next_round(ctx)
}

fn invalid_choice(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round(ctx)?;
    // A random word, then always an empty line and a line of a lone `\r`
    // (an empty line from nc -C): a server that skips blank lines, or
    // trips over them, is caught on every run, not one in six.
    let word = *ctx
        .rng()
        .pick(&["banana", "papierr", "kamie", "rock paper", "3"]);
    for (bad, bytes) in [
        (Text::from(format!("{word:?}")), format!("{word}\n")),
        (t!("lab02-an-empty-line", "an empty line"), "\n".to_string()),
        (
            t!("lab02-a-lone-cr", "a line of a lone \\r"),
            "\r\n".to_string(),
        ),
    ] {
        pair.players[0].send(bytes.as_bytes())?;
        let line = pair.players[0].read_line(
            ctx.deadline(REPLY),
            &t!(
                "lab02-error-for-not-a-choice",
                "an ERROR for a line that is not a choice"
            ),
        )?;
        ensure(line.starts_with("ERROR"), || {
            Failure::wrong(t!(
                "lab02-not-a-choice-no-error",
                "{bad} is not a choice, but was not answered with an ERROR",
                bad = &bad
            ))
            .expected(error_reason())
            .got(format!("{line:?}"))
        })?;
    }
    // The round goes on: the next valid choices decide round 1, and the
    // opponent heard nothing of the errors (their next line is RESULT).
    pair.choose_and_expect(ctx, ["kamień", "nożyce"])?;
    pair.next_round(ctx)
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
    ];
    for sent in spellings {
        pair.play(ctx, sent)?;
    }
    Ok(())
}

fn second_chooses_first(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round(ctx)?;
    let second = *ctx.rng().pick(&CHOICES);
    let first = CHOICES.iter().find(|c| beats(c, second)).unwrap();
    pair.players[1].send_line(second)?;
    ctx.note(t!(
        "lab02-player-2-chose",
        "player 2 has chosen; player 1 takes a while"
    ));
    nothing_arrives(ctx, &mut pair.players[0], before_chose(1), Some(second))?;
    pair.players[0].send_line(first)?;
    pair.settle(ctx, [first, second])
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
    pair.next_round(ctx)?;
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
    server_has_read(ctx, &pair.players[0]);
    for (i, first) in ahead.iter().enumerate() {
        if i > 0 {
            pair.next_round(ctx)?;
        }
        let second = *ctx.rng().pick(&CHOICES);
        pair.players[1].send_line(second)?;
        pair.settle(ctx, [first, second])?;
    }
    Ok(())
}

/// Waits (up to REPLY) until the server has read everything `player`
/// sent: its end of the connection has nothing unread. Where the kernel's
/// table can't be read, or on a deadline, it goes on; what the server then
/// does is judged as always.
fn server_has_read(ctx: &Ctx, player: &Conn) {
    let stream = player.stream();
    let (Ok(server), Ok(client)) = (stream.peer_addr(), stream.local_addr()) else {
        return;
    };
    let deadline = ctx.deadline(REPLY);
    while Instant::now() < deadline {
        match crate::harness::listening::tcp_socket(server, client) {
            Some(socket) if socket.unread > 0 => std::thread::sleep(Duration::from_millis(1)),
            _ => return,
        }
    }
}

fn no_leak(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &["--wins", "5"], 5)?;
    // Round 1: player 1 chooses first; round 2: player 2 does.
    for early in [0, 1] {
        pair.next_round(ctx)?;
        let choices = [*ctx.rng().pick(&CHOICES), *ctx.rng().pick(&CHOICES)];
        let late = 1 - early;
        pair.players[early].send_line(choices[early])?;
        ctx.note(t!(
            "lab02-watches-late-player",
            "player {early} has chosen; the checker watches what player {late} gets before choosing",
            early = early + 1,
            late = late + 1
        ));
        nothing_arrives(
            ctx,
            &mut pair.players[late],
            before_chose(late + 1),
            Some(choices[early]),
        )?;
        pair.players[late].send_line(choices[late])?;
        pair.settle(ctx, choices)?;
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
    one.play(ctx, ["papier", "kamień"])?;
    one.next_round(ctx)?;
    let [mut first, second] = one.players;
    ctx.note(t!(
        "lab02-player-2-disconnects",
        "player 2 disconnects; player 1 has not chosen (and does not)"
    ));
    drop(second);
    first.expect_line("GAME OVER WIN 1:0 WALKOVER", ctx.deadline(REPLY))?;
    first.expect_close(ctx.deadline(REPLY), &close_after_walkover(1))?;
    // The other way round, in a second game: a server that reads player 2,
    // then player 1 (in turn, the other way) notices player 2 leaving
    // above but not player 1; and the winner's score comes first (0:1).
    let mut two = pair(ctx, server.addr, 3)?;
    two.play(ctx, ["papier", "kamień"])?;
    two.next_round(ctx)?;
    let [first, mut second] = two.players;
    ctx.note(t!(
        "lab02-player-1-disconnects",
        "a second game: player 1 disconnects; player 2 has not chosen (and does not)"
    ));
    drop(first);
    second.expect_line("GAME OVER WIN 0:1 WALKOVER", ctx.deadline(REPLY))?;
    second.expect_close(ctx.deadline(REPLY), &close_after_walkover(2))
}

fn second_pair(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut first) = game(ctx, &[], 3)?;
    first.next_round(ctx)?;
    ctx.note(t!(
        "lab02-first-game-waits",
        "the first game waits in round 1; two more players connect"
    ));
    let mut second = pair(ctx, server.addr, 3)?;
    second.quick_game(ctx)?;
    // The first game was only waiting: it goes on.
    first.choose_and_expect(ctx, ["nożyce", "papier"])
}

fn half_line(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut first) = game(ctx, &[], 3)?;
    first.next_round(ctx)?;
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
        let mut other = pair(ctx, server.addr, 3)?;
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
    first.settle(ctx, ["papier", "kamień"])
}

fn next_game(ctx: &mut Ctx) -> Result<(), Failure> {
    let (server, mut first) = game(ctx, &[], 3)?;
    first.quick_game(ctx)?;
    ctx.note(t!(
        "lab02-game-over-two-more",
        "the game is over; two more players connect"
    ));
    let mut second = pair(ctx, server.addr, 3)?;
    second.next_round(ctx)
}

fn garbage(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round(ctx)?;
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
    expect_error(ctx, &mut pair.players[0], long)?;
    ctx.note(t!(
        "lab02-sends-not-utf8",
        "player 1 sends a line that is not UTF-8"
    ));
    pair.players[0].send(b"kami\xc5\n")?;
    let invalid = t!("lab02-the-invalid-utf8-line", "the line of invalid UTF-8");
    expect_error(ctx, &mut pair.players[0], invalid)?;
    // One ERROR each: the next line player 1 gets is the RESULT.
    pair.choose_and_expect(ctx, ["nożyce", "papier"])
}

fn expect_error(ctx: &Ctx, conn: &mut Conn, what: Text) -> Result<(), Failure> {
    let line = conn.read_line(
        ctx.deadline(REPLY),
        &t!("lab02-error-for", "an ERROR for {what}", what = &what),
    )?;
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
    pair.next_round(ctx)?;
    pair.players[0].send("papier\r\n".as_bytes())?;
    pair.players[1].send("KAMIEŃ\r\n".as_bytes())?;
    pair.settle(ctx, ["papier", "kamień"])
}

fn fragments(ctx: &mut Ctx) -> Result<(), Failure> {
    let (_server, mut pair) = game(ctx, &[], 3)?;
    pair.next_round(ctx)?;
    pair.players[1].send_line("nożyce")?;
    pair.players[0].send_fragments(&[b"pa", b"pi", b"er\n"], Duration::from_millis(30))?;
    pair.settle(ctx, ["papier", "nożyce"])
}

/// One exchange of the protocol: the server works where it said it listens.
fn welcome_once(ctx: &mut Ctx, server: &Server) -> Result<(), Failure> {
    let mut conn = ctx.connect(server.addr)?;
    conn.expect_line("WELCOME 1", ctx.deadline(REPLY))
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
fn expect_choice(ctx: &Ctx, conn: &mut Conn, typed: &str) -> Result<&'static str, Failure> {
    let choice = parse_choice(typed).expect("the checker types choices");
    let line = conn.read_line(
        ctx.deadline(REPLY),
        &t!(
            "lab02-choice-typed-as",
            "the choice typed as {typed}",
            typed = format!("{typed:?}")
        ),
    )?;
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
    let spellings = ["NOŻYCE", "rock", "Papier", "kamien", "SCISSORS", "paper"];
    let first = *ctx.rng().pick(&spellings);
    common::type_into(ctx, &client, first)?;
    let mine = expect_choice(ctx, &mut conn, first)?;
    finish_round_one(ctx, &mut conn, mine)?;
    let second = *ctx.rng().pick(&spellings);
    common::type_into(ctx, &client, second)?;
    expect_choice(ctx, &mut conn, second).map(drop)
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
    common::type_into(ctx, &client, "papeir")?;
    common::type_into(ctx, &client, "kamien")?;
    let line = conn.read_line(
        ctx.deadline(REPLY),
        &t!("lab02-first-valid-choice", "the first valid choice typed"),
    )?;
    ensure(parse_choice(&line) == Some("kamień"), || {
        Failure::wrong(t!(
            "lab02-sent-a-typo",
            "the client sent a line that was typed wrong"
        ))
        .expected(t!(
            "lab02-typo-refused",
            "\"kamień\" (or \"kamien\"): the typo papeir refused by the client, not sent"
        ))
        .got(format!("{line:?}"))
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
    let before = t!("lab02-before-round-1", "before ROUND 1 asked for a choice");
    nothing_arrives(ctx, &mut conn, before, None)?;
    conn.send_line("ROUND 1")?;
    let mine = expect_choice(ctx, &mut conn, typed[0])?;
    finish_round_one(ctx, &mut conn, mine)?;
    expect_choice(ctx, &mut conn, typed[1]).map(drop)
}

fn client_shows_result(ctx: &mut Ctx) -> Result<(), Failure> {
    let (client, mut conn) = client_session(ctx, &["WELCOME 2", "START 3", "ROUND 1"])?;
    let mine = *ctx.rng().pick(&CHOICES);
    common::type_into(ctx, &client, mine)?;
    expect_choice(ctx, &mut conn, mine)?;
    // An opponent who wins, so that the score is 0:1 and the opponent's
    // choice differs from the player's.
    let theirs = CHOICES.iter().find(|c| beats(c, mine)).unwrap();
    let from = common::stdout_len(&client);
    conn.send_line(&result_line(mine, theirs, [0, 1]))?;
    let shown = t!(
        "lab02-line-with-score",
        "a line with the opponent's choice {theirs} and the score \"0:1\"",
        theirs = format!("{theirs:?}")
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
        expect_choice(ctx, &mut conn, mine)?;
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
