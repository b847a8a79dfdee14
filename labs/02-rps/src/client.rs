//! The client: like the server's game, it waits on two things at once —
//! the keyboard and the socket — through one channel. A thread reads the
//! keyboard, a thread reads the socket, and the main thread acts on
//! whichever speaks first: it shows the server's lines in words, and sends
//! a typed choice when the server asks for one.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Write};
use std::sync::mpsc::{Sender, channel};
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream};

use crate::protocol::Choice;

/// What the main thread hears about.
enum Event {
    /// A line from the server.
    Server(String),
    /// The server closed the connection.
    ServerClosed,
    /// A choice typed on the keyboard, in its canonical form.
    Typed(String),
    /// The keyboard's input ended.
    InputEnded,
}

/// Plays one game on the server at `addr`, until it is over (or the
/// player's input ends).
pub fn run(addr: SocketAddr) -> io::Result<()> {
    // Like the server's game: the keyboard and the socket are heard at once,
    // whichever speaks first. A choice is sent only when the server asks for
    // one (after ROUND or an ERROR), and a choice typed early waits for it.
    // The end of the connection is normal only after GAME OVER.
    todo!("client::run(): the game from the player's side")
}

/// The socket's thread: every line from the server, then the end.
fn read_server(stream: TcpStream, events: Sender<Event>) {
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        let line = line.trim_end_matches('\r').to_string();
        if events.send(Event::Server(line)).is_err() {
            return;
        }
    }
    let _ = events.send(Event::ServerClosed);
}

/// The keyboard's thread: every line typed that is a choice; a typo is
/// refused here, and never reaches the server.
fn read_keyboard(events: Sender<Event>) {
    eprintln!("type papier, nożyce or kamień when a round starts");
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        match Choice::parse(&line) {
            Some(choice) => {
                if events
                    .send(Event::Typed(choice.name().to_string()))
                    .is_err()
                {
                    return;
                }
            }
            None => eprintln!(
                "{:?} is not a choice: type papier, nożyce or kamień",
                line.trim()
            ),
        }
    }
    let _ = events.send(Event::InputEnded);
}

/// A server line in words, for a person. Lines it does not know are shown
/// as they are.
pub fn describe(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["WELCOME", n] => format!("You are player {n}."),
        ["WAIT"] => "Waiting for an opponent...".to_string(),
        ["START", wins] => format!("The game begins: the first to win {wins} rounds wins."),
        ["ROUND", n] => format!("Round {n}: papier, nożyce or kamień?"),
        ["RESULT", mine, theirs, outcome, score] => {
            let verdict = match *outcome {
                "WIN" => "you win the round",
                "LOSE" => "you lose the round",
                _ => "a draw",
            };
            format!(
                "You showed {mine}, your opponent showed {theirs}: {verdict}. Score {score} (you:opponent)."
            )
        }
        ["ERROR", ..] => format!("The server says: {}", &line["ERROR".len()..].trim()),
        ["GAME", "OVER", "WIN", score, "WALKOVER"] => {
            format!("Game over: your opponent left; you win by walkover, {score}.")
        }
        ["GAME", "OVER", "WIN", score] => format!("Game over: you won, {score}!"),
        ["GAME", "OVER", "LOSE", score] => format!("Game over: you lost, {score}."),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_in_words_keep_the_opponents_choice_and_the_score() {
        let text = describe("RESULT papier kamień WIN 2:1");
        assert!(text.contains("kamień") && text.contains("2:1"), "{text}");
        assert!(describe("GAME OVER LOSE 1:3").contains("1:3"));
        assert_eq!(describe("HELLO there"), "HELLO there");
    }
}
