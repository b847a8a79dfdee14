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
    // connect (with TCP_NODELAY); a BufReader on a clone; join(); then a
    // thread running forward_keyboard() and, here, print_incoming() until the
    // server closes.
    todo!("client::run()")
}

/// Sends nicks until the server welcomes one. Returns false if the user
/// gives up (end of input) before that.
fn join(
    from_server: &mut impl BufRead,
    to_server: &mut TcpStream,
    nick: Option<String>,
) -> io::Result<bool> {
    // Send the nick (from --nick, else ask()); print the reply; WELCOME ->
    // true; an ERROR -> ask() for another; end of input -> false.
    todo!("client join(): send nicks until welcomed")
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
    // Each stdin line to the server; at the end of stdin send "/quit".
    todo!("forward_keyboard()")
}

/// Prints the server's lines as they arrive, until it closes.
fn print_incoming(from_server: &mut impl BufRead) -> io::Result<()> {
    // println! each read_server_line() until it returns None.
    todo!("print_incoming()")
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
