//! The server: TCP, with a thread for each client while it is connected, so
//! that an idle or slow client never delays the others; and UDP, one
//! datagram in, one out.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{TcpListener, TcpStream, UdpSocket};

use crate::protocol::{MAX_REQUEST, Request, UNKNOWN_COMMAND, now_utc, parse_request};

/// How long a thread rests after a failed accept(). Out of file descriptors
/// (EMFILE), the connection stays queued and accept() fails again at once:
/// without a pause, a busy loop.
pub const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// What the threads that accept() share: the listening socket, and how many
/// of them are waiting in accept() or on their way back to it. One always
/// is (unless a thread could not be started), so a new client is accepted
/// whatever the connected ones do.
pub struct Acceptors {
    listener: TcpListener,
    waiting: Mutex<usize>,
}

/// accept() forever; every client gets a thread. A thread per connection
/// (thread::spawn after each accept()) is correct; the reference reuses
/// its threads instead (accept_and_serve()), because starting a thread
/// costs more than answering TIME.
pub fn serve_tcp(listener: TcpListener) -> io::Result<()> {
    // The simple way, correct: accept() forever, and thread::spawn a thread
    // per connection running handle_connection(); log errors, keep
    // accepting. (The reference's way: put the listener in an Acceptors
    // whose waiting count is 1, this thread, and call accept_and_serve().)
    todo!("serve_tcp(): the accept loop")
}

/// One thread's life: accept() a client, make sure another thread waits in
/// accept() meanwhile, serve the client, and accept() again. Threads never
/// end, and one starts only when all the others have a client: never more
/// threads than the most clients ever connected at once, plus one.
pub fn accept_and_serve(acceptors: Arc<Acceptors>) -> ! {
    // Only if you reuse threads. Forever: accept(); on an error log it,
    // sleep ACCEPT_PAUSE and accept() again (still waiting). Otherwise
    // stop_waiting(), and if it says this was the last, start_acceptor();
    // handle_connection(); then add one to the waiting count again.
    todo!("accept_and_serve(): one reused thread")
}

/// Counts this thread, which has a client now, out of the waiting ones, and
/// says if it was the last one. The last one keeps its place in the count:
/// the thread it is about to start takes it.
pub fn stop_waiting(acceptors: &Acceptors) -> bool {
    // Only if you reuse threads. Lock the count: 1 -> true, unchanged;
    // more -> one less, false.
    todo!("stop_waiting()")
}

/// Starts a thread that takes the place in accept() of the one calling,
/// which has a client now and would otherwise leave nobody accepting.
pub fn start_acceptor(acceptors: &Arc<Acceptors>) {
    // Only if you reuse threads. thread::Builder::new().spawn() a thread
    // running accept_and_serve() on an Arc::clone; if that fails, log it
    // and take one from the waiting count (nobody took the place).
    todo!("start_acceptor()")
}

/// Answers one client's requests, in order, until QUIT or end of stream.
pub fn handle_connection(stream: TcpStream) -> io::Result<()> {
    // A BufReader on &stream, and writes through &stream too; read_request() until None;
    // TIME -> now_utc(), QUIT -> stop, anything else -> UNKNOWN_COMMAND;
    // write each reply and its \n in one write_all.
    todo!("handle_connection(): one client's requests")
}

/// Reads one request line without its `\n`; `None` at end of stream. A line
/// longer than MAX_REQUEST is read to its end and comes back cut short (it
/// is then an unknown command).
pub fn read_request(reader: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let read = reader
        .by_ref()
        .take(MAX_REQUEST as u64)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    } else if read == MAX_REQUEST {
        // Too long: skip the rest of it, whatever its size.
        let mut rest = Vec::new();
        reader.read_until(b'\n', &mut rest)?;
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// recvfrom() a datagram, sendto() the reply, forever. UDP has no
/// connections: each datagram says who sent it, and the reply goes there.
pub fn serve_udp(socket: UdpSocket) -> io::Result<()> {
    // Forever: recv_from() into a buffer bigger than MAX_REQUEST, udp_reply() on
    // what arrived, and send_to() the reply (with \n) back to the sender.
    // An error on one datagram is logged, never the end of the server.
    todo!("serve_udp(): the datagram loop")
}

/// The reply to one datagram: the time for `TIME` (a trailing newline is
/// allowed), an error for anything else, nothing for an empty one.
pub fn udp_reply(datagram: &[u8]) -> Option<String> {
    // Empty: None. Longer than MAX_REQUEST: UNKNOWN_COMMAND. Otherwise one
    // trailing \n is allowed; TIME -> now_utc(), anything else -> UNKNOWN_COMMAND.
    todo!("udp_reply()")
}
