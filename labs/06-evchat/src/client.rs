//! The client: it must read two things at once — the keyboard and the
//! socket — and neither may wait for the other. One thread forwards what
//! is typed; the main thread prints what arrives.

use std::io::{self, BufRead, BufReader, Write};
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream};

use crate::protocol::sanitize;

/// Joins the chat at `addr` and runs until the server closes the connection
/// (after /quit, a kick, or the server stopping).
pub fn run(addr: SocketAddr, nick: Option<String>) -> io::Result<()> {
    // The keyboard and the socket are read at the same time, and neither may
    // wait for the other: a line from the chat must appear while the user has
    // not typed anything. The user's lines must leave at once.
    todo!("client::run()")
}

/// Sends nicks until the server welcomes one. Returns false if the user
/// gives up (end of input) before that.
fn join(
    from_server: &mut impl BufRead,
    to_server: &mut TcpStream,
    nick: Option<String>,
) -> io::Result<bool> {
    let mut offered = nick;
    loop {
        let nick = match offered.take() {
            Some(nick) => nick,
            None => match ask("nick: ")? {
                Some(nick) => nick,
                None => return Ok(false),
            },
        };
        writeln!(to_server, "{nick}")?;
        let Some(reply) = read_server_line(from_server)? else {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the connection",
            ));
        };
        println!("{reply}");
        if reply.starts_with("WELCOME ") {
            return Ok(true);
        }
        // "ERROR nick taken" or "ERROR invalid nick": ask for another.
    }
}

/// Prompts on stderr and reads one line from stdin; `None` at its end.
fn ask(prompt: &str) -> io::Result<Option<String>> {
    eprint!("{prompt}");
    let mut line = String::new();
    if io::stdin().read_line(&mut line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line.trim().to_string()))
}

/// Sends every line typed; at the end of input, says /quit.
fn forward_keyboard(mut to_server: TcpStream) {
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if writeln!(to_server, "{line}").is_err() {
            return;
        }
    }
    let _ = writeln!(to_server, "/quit");
}

/// Prints the server's lines as they arrive, until it closes.
fn print_incoming(from_server: &mut impl BufRead) -> io::Result<()> {
    while let Some(line) = read_server_line(from_server)? {
        println!("{line}");
    }
    Ok(())
}

/// One line from the server, cleaned of control characters: the server
/// should have removed them already, but a terminal is worth protecting.
fn read_server_line(from_server: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut bytes = Vec::new();
    if from_server.read_until(b'\n', &mut bytes)? == 0 {
        return Ok(None);
    }
    Ok(Some(sanitize(&String::from_utf8_lossy(&bytes))))
}
