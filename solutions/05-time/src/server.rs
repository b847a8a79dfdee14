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

/// accept() forever; every client has a thread of its own while it is
/// connected. A new thread for each connection is correct; reusing threads
/// (`Acceptors`, given below) is faster, because starting a thread costs
/// more than answering TIME.
pub fn serve_tcp(listener: TcpListener) -> io::Result<()> {
    let acceptors = Arc::new(Acceptors {
        listener,
        // This thread, which is about to accept().
        waiting: Mutex::new(1),
    });
    accept_and_serve(acceptors)
}

/// One thread's life: accept() a client, make sure another thread waits in
/// accept() meanwhile, serve the client, and accept() again. Threads never
/// end, and one starts only when all the others have a client: never more
/// threads than the most clients ever connected at once, plus one.
pub fn accept_and_serve(acceptors: Arc<Acceptors>) -> ! {
    loop {
        let (stream, peer) = match acceptors.listener.accept() {
            Ok(connection) => connection,
            Err(e) => {
                // Still counted as waiting, so no thread is started: with
                // EMFILE every new one would fail the same way.
                eprintln!("accept failed: {e}");
                thread::sleep(ACCEPT_PAUSE);
                continue;
            }
        };
        // Somebody must be in accept() while this thread serves its client.
        if stop_waiting(&acceptors) {
            start_acceptor(&acceptors);
        }
        if let Err(e) = handle_connection(stream) {
            eprintln!("{peer}: {e}");
        }
        // Back to accept(), for the next client.
        *acceptors.waiting.lock().unwrap() += 1;
    }
}

/// Counts this thread, which has a client now, out of the waiting ones, and
/// says if it was the last one. The last one keeps its place in the count:
/// the thread it is about to start takes it.
pub fn stop_waiting(acceptors: &Acceptors) -> bool {
    let mut waiting = acceptors.waiting.lock().unwrap();
    if *waiting == 1 {
        return true;
    }
    *waiting -= 1;
    false
}

/// Starts a thread that takes the place in accept() of the one calling,
/// which has a client now and would otherwise leave nobody accepting.
pub fn start_acceptor(acceptors: &Arc<Acceptors>) {
    let next = Arc::clone(acceptors);
    if let Err(e) = thread::Builder::new().spawn(move || accept_and_serve(next)) {
        // Nobody waits in accept() now: new clients queue in the listen
        // backlog until this thread has served its client.
        eprintln!("cannot start a thread: {e}");
        *acceptors.waiting.lock().unwrap() -= 1;
    }
}

/// Answers one client's requests, in order, until QUIT or end of stream.
pub fn handle_connection(stream: TcpStream) -> io::Result<()> {
    // Reading and writing through references to the one socket: a
    // BufReader of its own for the lines, and no second handle (dup()).
    let mut reader = BufReader::new(&stream);
    let mut writer = &stream;
    while let Some(line) = read_request(&mut reader)? {
        let reply = match parse_request(&line) {
            Request::Time => now_utc(),
            Request::Quit => break,
            Request::Unknown => UNKNOWN_COMMAND.to_string(),
        };
        // send() the reply and its newline in one write.
        writer.write_all(format!("{reply}\n").as_bytes())?;
    }
    // Returning drops the socket: close().
    Ok(())
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
        // Too long: skip the rest of it, whatever its size, without
        // keeping any of it.
        skip_line(reader)?;
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// Reads and discards bytes up to and including the next newline, a
/// buffer at a time: a client can send a line of any length, and the
/// server keeps none of it.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        if let Some(end) = buffer.iter().position(|&b| b == b'\n') {
            reader.consume(end + 1);
            return Ok(());
        }
        let len = buffer.len();
        reader.consume(len);
    }
}

/// Answers every datagram, forever. UDP has no connections: each datagram
/// says who sent it, and the reply goes there.
pub fn serve_udp(socket: UdpSocket) -> io::Result<()> {
    // Room for more than MAX_REQUEST, to tell an oversized datagram apart.
    let mut buffer = [0u8; 2048];
    loop {
        let (size, peer) = match socket.recv_from(&mut buffer) {
            Ok(received) => received,
            Err(e) => {
                eprintln!("recvfrom failed: {e}");
                continue;
            }
        };
        let Some(reply) = udp_reply(&buffer[..size]) else {
            continue; // an empty datagram: nothing asked, nothing to answer
        };
        if let Err(e) = socket.send_to(format!("{reply}\n").as_bytes(), peer) {
            eprintln!("{peer}: sendto failed: {e}");
        }
    }
}

/// The reply to one datagram: the time for `TIME` (a trailing newline is
/// allowed), an error for anything else, nothing for an empty one.
pub fn udp_reply(datagram: &[u8]) -> Option<String> {
    if datagram.is_empty() {
        return None;
    }
    if datagram.len() > MAX_REQUEST {
        return Some(UNKNOWN_COMMAND.to_string());
    }
    let text = String::from_utf8_lossy(datagram);
    let line = text.strip_suffix('\n').unwrap_or(&text);
    Some(match parse_request(line) {
        Request::Time => now_utc(),
        Request::Quit | Request::Unknown => UNKNOWN_COMMAND.to_string(),
    })
}
