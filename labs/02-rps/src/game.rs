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
    // Both players must be heard at once (see the module's comment), and a
    // player who stops reading must not hold the game up for ever (see
    // WRITE_STALL). However the game ends, both connections are closed.
    todo!("play(): start the readers and run the game")
}

/// A reader thread: forwards each line a player sends, in order, then
/// `Gone` when their connection ends. Stops when the game is over (the
/// game dropped its end of the channel, or closed the socket).
fn read_player(who: usize, stream: TcpStream, events: Sender<Event>) {
    // A recv() may bring two lines at once: the second must not be lost.
    // The thread must end, and never block for ever, once the game is over.
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
        self.send_both(&says::start(self.wins))?;
        let mut number = 1;
        while self.score.iter().all(|&s| s < self.wins) {
            self.send_both(&says::round(number))?;
            let choices = self.choose()?;
            // A draw scores nothing; the round is played again under the
            // next number.
            for who in 0..2 {
                if choices[who].beats(choices[1 - who]) {
                    self.score[who] += 1;
                }
            }
            for who in 0..2 {
                let result = says::result(choices[who], choices[1 - who], self.score_of(who));
                self.send(who, &result)?;
            }
            number += 1;
        }
        for who in 0..2 {
            self.send(who, &says::game_over(self.score_of(who)))?;
        }
        Ok(())
    }

    /// Waits until both players have made a valid choice. Nobody is told
    /// anything about the other's choice meanwhile.
    fn choose(&mut self) -> Result<[Choice; 2], Left> {
        let mut choices = [None, None];
        while choices.iter().any(Option::is_none) {
            let waiting = [choices[0].is_none(), choices[1].is_none()];
            let (who, line) = self.next_line(waiting)?;
            let text = match line {
                Line::TooLong => {
                    self.send(who, says::LINE_TOO_LONG)?;
                    continue;
                }
                Line::Text(text) => text,
            };
            match Choice::parse(&text) {
                Some(choice) => choices[who] = Some(choice),
                // That player chooses again; the round goes on.
                None => self.send(who, says::NOT_A_CHOICE)?,
            }
        }
        Ok([choices[0].unwrap(), choices[1].unwrap()])
    }

    /// The next line from a player we are `waiting` for: one sent ahead
    /// first, else whatever arrives. A line from a player who has chosen
    /// already is kept for the next round; a player who leaves ends the
    /// game at once, whoever we are waiting for.
    fn next_line(&mut self, waiting: [bool; 2]) -> Result<(usize, Line), Left> {
        // Never block on one player's socket here: whichever player speaks or
        // leaves first must wake the game.
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
