//! The server: a thread per connection reads what the user sends, and a
//! second thread per user writes what the hub queued for them.

use std::io::{self, BufReader, Write};
use std::sync::Arc;
use std::thread;

// std::net's and socket2's types, which also print each call they make
// with --trace.
use socklab_trace::net::{SocketAddr, TcpListener, TcpStream};
use socklab_trace::socket2::{Domain, Protocol, Socket, Type};

use socket2::SockRef;

use crate::hub::{self, Hub, Ticket};
use crate::outbox::OutboxReceiver;
use crate::protocol::{Line, NickError, UserCommand, parse_user_line, read_line, says};

/// The kernel's send buffer for each user, in bytes. Left alone, Linux grows
/// it to megabytes for a user who doesn't read; with a fixed size, a
/// non-reading user blocks their writer soon and is disconnected.
pub const SEND_BUFFER: usize = 64 * 1024;

/// How many connections the kernel may hold for us, handshake done, until
/// accept() takes them. `TcpListener::bind` asks for 128: when a thousand
/// users arrive at once the queue overflows, the kernel drops their SYNs
/// (`ListenOverflows` in /proc/net/netstat counts them), and each dropped
/// client tries again only after a second (then 2, 4...). Linux caps the
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

/// accept() forever; every user gets their own thread, so one slow or
/// silent user never keeps the server from accepting the next.
pub fn serve(listener: TcpListener, hub: Arc<Hub>) -> io::Result<()> {
    loop {
        let (stream, peer) = match listener.accept() {
            Ok(connection) => connection,
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        let hub = Arc::clone(&hub);
        thread::spawn(move || {
            if let Err(e) = handle_client(stream, hub) {
                eprintln!("{peer}: {e}");
            }
        });
    }
}

/// One user's connection, from the nick to the end.
pub fn handle_client(stream: TcpStream, hub: Arc<Hub>) -> io::Result<()> {
    SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER)?;
    // Chat lines are small and should leave at once. Without this, Nagle's
    // algorithm holds a small write back until the previous one is
    // acknowledged, which the client may delay by 40 ms.
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some((ticket, outbox)) = register(&mut reader, &stream, &hub)? else {
        return Ok(()); // gone before choosing a nick: nobody to tell
    };
    let result = stream.try_clone().and_then(|socket| {
        start_writer(socket, outbox);
        read_commands(&mut reader, &ticket, &hub)
    });
    // However this ended (/quit, end of stream, an error, even no socket
    // for the writer), the user is gone, or their nick would stay taken.
    // The hub announces it, unless they were kicked or dropped.
    hub.leave(&ticket);
    result
}

/// Asks for a nick until the user gives an acceptable one. `None` if they
/// leave first.
fn register(
    reader: &mut BufReader<TcpStream>,
    stream: &TcpStream,
    hub: &Hub,
) -> io::Result<Option<(Ticket, OutboxReceiver)>> {
    loop {
        let Some(line) = read_line(reader)? else {
            return Ok(None);
        };
        let error = match line {
            Line::TooLong => says::LINE_TOO_LONG,
            Line::Text(nick) => match hub.join(nick.trim(), stream.try_clone()?) {
                Ok(joined) => return Ok(Some(joined)),
                Err(NickError::Invalid) => says::INVALID_NICK,
                Err(NickError::Taken) => says::NICK_TAKEN,
            },
        };
        // Not a member yet, so no writer thread: answer directly.
        let mut stream = stream;
        stream.write_all(format!("{error}\n").as_bytes())?;
    }
}

fn start_writer(socket: TcpStream, outbox: OutboxReceiver) {
    thread::spawn(move || {
        // A failed send means the user is gone; their reader notices too.
        let _ = hub::write_outbox(socket, outbox);
    });
}

/// Reads the user's lines and acts on them until /quit or end of stream.
fn read_commands(reader: &mut BufReader<TcpStream>, ticket: &Ticket, hub: &Hub) -> io::Result<()> {
    while let Some(line) = read_line(reader)? {
        let text = match line {
            Line::TooLong => {
                hub.send_to(ticket, says::LINE_TOO_LONG.to_string());
                continue;
            }
            Line::Text(text) => text,
        };
        match parse_user_line(&text) {
            UserCommand::Say(text) => hub.say(ticket, &text),
            UserCommand::List => hub.send_to(ticket, says::users(&hub.nicks())),
            UserCommand::Quit => return Ok(()),
            UserCommand::Kick => hub.send_to(ticket, says::ONLY_ADMIN_KICKS.to_string()),
            UserCommand::Unknown => hub.send_to(ticket, says::UNKNOWN_COMMAND.to_string()),
            UserCommand::Empty => {}
        }
    }
    Ok(())
}
