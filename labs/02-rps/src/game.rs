//! One game between two players, on a thread of its own.
//!
//! The game must hear from *both* players at once: player 2 may choose
//! first, and either may leave while the other is thinking. A thread that
//! blocks in `read_line` on player 1 would learn neither. So each player
//! has a reader thread that turns what arrives into [`Event`]s on one
//! channel, and the game thread waits on that channel: whatever happens
//! first, on either connection, wakes it.
//!
//! ```text
//!  player 1 ──recv──> reader 1 ──┐
//!                                ├── events ──> game thread ──send──> both
//!  player 2 ──recv──> reader 2 ──┘
//! ```

use std::collections::VecDeque;
use std::io::{self, BufReader, Write};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Duration;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{Shutdown, TcpStream};

use crate::protocol::{Choice, Line, Score, read_line, says};

/// How long one line to a player may take to leave. A player who reads
/// nothing can fill their buffers (with ERRORs, say); then they count as
/// gone, and do not hold the game up.
pub const WRITE_STALL: Duration = Duration::from_secs(1);

/// What a reader thread tells the game. Players are 0 and 1 here; they
/// are told they are player 1 and 2.
#[derive(Debug)]
pub enum Event {
    /// A line from a player.
    Line(usize, Line),
    /// The player's connection ended (closed, broken).
    Gone(usize),
}

/// The player who left: the game ends with a walkover for the other.
#[derive(Debug)]
pub struct Left(pub usize);

/// Plays one game to `wins` round wins and closes both connections. The
/// players have been welcomed already.
pub fn play(players: [TcpStream; 2], wins: u32) {
    // One channel; for each player: set_write_timeout(WRITE_STALL) on
    // their stream, and a reader thread (read_player) on a try_clone(),
    // sending into a clone of the Sender. Then a Game, game.run(); on
    // Err(Left(who)) send the other player says::walkover(their score);
    // finally game.close().
    todo!("play(): start the readers and run the game")
}

/// A reader thread: forwards each line a player sends, in order, then
/// `Gone` when their connection ends. Stops when the game is over (the
/// game dropped its end of the channel, or closed the socket).
fn read_player(who: usize, stream: TcpStream, events: Sender<Event>) {
    // One BufReader for the whole connection; each line read_line() gives
    // becomes Event::Line(who, line); end of stream or an error is
    // Event::Gone(who), and the thread ends. End too when send() fails:
    // the game is over.
    todo!("read_player(): a player's lines into the game's channel")
}

struct Game {
    players: [TcpStream; 2],
    incoming: Receiver<Event>,
    /// Lines a player sent ahead, for the next rounds.
    queued: [VecDeque<Line>; 2],
    /// Round wins of player 1 and player 2.
    score: [u32; 2],
    wins: u32,
}

impl Game {
    /// START, then rounds until someone has `wins`, then GAME OVER.
    fn run(&mut self) -> Result<(), Left> {
        // START to both; then rounds while nobody has `wins`: ROUND <n> to
        // both, choose(), score (a draw scores nothing, and the next round
        // has the next number), RESULT to each from their side
        // (says::result with score_of()). Then GAME OVER to each.
        todo!("Game::run(): the rounds")
    }

    /// Waits until both players have made a valid choice. Nobody is told
    /// anything about the other's choice meanwhile.
    fn choose(&mut self) -> Result<[Choice; 2], Left> {
        // Until both have a choice: next_line() for those still to choose;
        // Line::TooLong -> LINE_TOO_LONG to that player; a line that is
        // not a Choice -> NOT_A_CHOICE to that player (the round goes on).
        todo!("Game::choose(): wait for both choices")
    }

    /// The next line from a player we are `waiting` for: one sent ahead
    /// first, else whatever arrives. A line from a player who has chosen
    /// already is kept for the next round; a player who leaves ends the
    /// game at once, whoever we are waiting for.
    fn next_line(&mut self, waiting: [bool; 2]) -> Result<(usize, Line), Left> {
        // First a line queued for a player we are waiting for. Else
        // self.incoming.recv(): a Line from a player we wait for is
        // returned, one from the other is queued for the next round, and
        // Gone ends the game at once: Err(Left(who)).
        todo!("Game::next_line(): whichever player speaks first")
    }

    /// The score as player `who` sees it.
    fn score_of(&self, who: usize) -> Score {
        Score {
            mine: self.score[who],
            theirs: self.score[1 - who],
        }
    }

    /// Sends one line to one player; a player we can't reach has left.
    fn send(&mut self, who: usize, line: &str) -> Result<(), Left> {
        let mut stream = &self.players[who];
        // One write for the whole line.
        stream
            .write_all(format!("{line}\n").as_bytes())
            .map_err(|_| Left(who))
    }

    fn send_both(&mut self, line: &str) -> Result<(), Left> {
        self.send(0, line)?;
        self.send(1, line)
    }

    /// Closes both connections: each player reads end of stream, and each
    /// reader thread wakes from its recv() and ends.
    fn close(&mut self) {
        for stream in &self.players {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// Sends one line, as the server does before a game starts.
pub fn send_line(mut stream: &TcpStream, line: &str) -> io::Result<()> {
    stream.write_all(format!("{line}\n").as_bytes())
}
