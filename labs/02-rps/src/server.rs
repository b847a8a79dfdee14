//! The server: accept players, pair them two by two, and give every pair a
//! game thread of its own, so that games run side by side.

use std::io;
use std::thread;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream};

use crate::game::{self, send_line};
use crate::protocol::says;

/// accept() forever. The first of every two players is welcomed and waits;
/// the second completes the pair, and their game starts on a new thread
/// while this one goes back to accept().
pub fn serve(listener: TcpListener, wins: u32) -> io::Result<()> {
    // A game must never run on this thread: while two players think, others
    // are connecting. A player who left while waiting is no opponent. Game
    // lines are small and must leave at once.
    todo!("serve(): accept players and pair them")
}

/// Whether a waiting player is still there: peek (without taking anything)
/// at what they sent; end of stream means they closed.
fn still_connected(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let mut byte = [0u8; 1];
    let alive = match stream.peek(&mut byte) {
        Ok(0) => false,
        Ok(_) => true,
        Err(e) => e.kind() == io::ErrorKind::WouldBlock,
    };
    stream.set_nonblocking(false).is_ok() && alive
}
