//! The server: accept players, pair them two by two, and give every pair a
//! game thread of its own, so that games run side by side.

use std::io;
use std::thread;

// std::net's and socket2's types, which also print each call they make
// with --trace.
use socklab_trace::net::{SocketAddr, TcpListener, TcpStream};
use socklab_trace::socket2::{Domain, Protocol, Socket, Type};

use crate::game::{self, send_line};
use crate::protocol::says;

/// How many connections the kernel may hold for us, handshake done, until
/// accept() takes them. `TcpListener::bind` asks for 128: when a thousand
/// players connect at once the queue overflows, the kernel drops their SYNs
/// (`ListenOverflows` in /proc/net/netstat counts them), and each dropped
/// player tries again only after a second (then 2, 4...). Linux caps the
/// number at `net.core.somaxconn` (4096 by default).
pub const BACKLOG: i32 = 1024;

/// socket(), SO_REUSEADDR, bind(), listen(BACKLOG): as in lab 00, by hand,
/// because `TcpListener::bind` has no way to choose the backlog.
pub fn open_listener(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(BACKLOG)?;
    Ok(socket.into())
}

/// accept() forever. The first of every two players is welcomed and waits;
/// the second completes the pair, and their game starts on a new thread
/// while this one goes back to accept().
pub fn serve(listener: TcpListener, wins: u32) -> io::Result<()> {
    let mut waiting: Option<TcpStream> = None;
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(connection) => connection,
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        eprintln!("{peer} connected");
        // Game lines are small and should leave at once (Nagle's algorithm
        // could hold one back for 40 ms).
        let _ = stream.set_nodelay(true);
        // A player who left while waiting is no opponent.
        match waiting.take().filter(still_connected) {
            None => {
                if send_line(&stream, &says::welcome(1)).is_ok()
                    && send_line(&stream, says::WAIT).is_ok()
                {
                    waiting = Some(stream);
                }
            }
            Some(first) => {
                if send_line(&stream, &says::welcome(2)).is_err() {
                    waiting = Some(first);
                    continue;
                }
                thread::spawn(move || game::play([first, stream], wins));
            }
        }
    }
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
