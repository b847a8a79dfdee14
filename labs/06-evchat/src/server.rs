//! The server: one thread, one event loop. The kernel tells us which
//! sockets are *ready* (a connection waiting on the listener, bytes to
//! read, room to write), and we do only what can be done at once: every
//! socket is non-blocking, so no call ever waits. What can't be done yet
//! waits in the connection's buffers: the start of a line in `input`, the
//! lines not yet sent in `output`.
//!
//! Lab 03 gave every user two threads and let the kernel switch between
//! them; here the loop itself goes from one ready socket to the next, and
//! a line to a thousand users is a thousand `send()`s, without waking
//! anybody.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Read, Write};
use std::net::Shutdown;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use socket2::SockRef;

use crate::console::{Console, ConsoleLine};
use crate::protocol::{
    ConsoleCommand, Line, Lines, NickError, UserCommand, check_nick, nick_key, parse_console_line,
    parse_user_line, says,
};

/// The listening socket's token.
const LISTENER: Token = Token(0);
/// The console thread's waker: a line typed on the server's stdin.
pub const CONSOLE: Token = Token(1);
/// Connections get tokens from here up.
const FIRST_CONNECTION: usize = 2;

/// How many bytes may wait for one user (their outbox). A user this far
/// behind is not reading; like one whose socket took nothing for
/// WRITE_STALL, they are cut off, so one user's backlog never grows the
/// server's memory without end.
pub const OUTBOX_BYTES: usize = 256 * 1024;

/// A user whose socket has taken nothing for this long while lines wait
/// for them is not reading, and is cut off (lab 03's rule).
pub const WRITE_STALL: Duration = Duration::from_secs(1);

/// The kernel's send buffer for each user, in bytes (as in lab 03).
pub const SEND_BUFFER: usize = 64 * 1024;

/// How much one `read()` takes at most.
const READ_CHUNK: usize = 16 * 1024;

/// One connection, and what waits in it.
struct Connection {
    stream: TcpStream,
    /// Bytes that arrived, cut into lines; the start of a line waits here.
    input: Lines,
    /// Lines to send; `output[sent..]` has not left yet.
    output: Vec<u8>,
    sent: usize,
    /// Whether the poller also tells us when this socket can take more.
    /// Only while output waits: a socket with room is "writable" almost
    /// always, and asking for that with nothing to send would wake the
    /// loop again and again for nothing (a busy loop).
    wants_write: bool,
    /// Since when output has waited and the socket has taken none of it.
    stalled_since: Option<Instant>,
    /// The nick, once welcomed.
    nick: Option<String>,
    /// Kicked: close once the last line has left (or it stalls).
    closing: bool,
}

impl Connection {
    fn pending(&self) -> usize {
        self.output.len() - self.sent
    }
}

/// Why a connection ends, which decides what the others are told.
enum End {
    /// End of stream, an error, /quit: `* <nick> left`, if they had joined.
    Left,
    /// Kicked: the others were told already.
    Kicked,
}

/// The chat: every connection, and who is in it.
pub struct Server {
    poll: Poll,
    listener: TcpListener,
    connections: HashMap<Token, Connection>,
    /// The members, by `nick_key`: sorted for /list, unique ignoring case.
    members: BTreeMap<String, Token>,
    next_token: usize,
    console: Console,
    console_lines: Receiver<ConsoleLine>,
    /// Connections whose output grew during this round of events: they
    /// are written to before the loop waits again.
    to_flush: Vec<Token>,
    /// Connections to close before the loop waits again.
    to_close: Vec<(Token, End)>,
}

impl Server {
    /// A server on `listener`, whose console lines arrive on
    /// `console_lines` (the console thread wakes the loop with a waker
    /// for CONSOLE, made from `poll`).
    pub fn new(
        poll: Poll,
        listener: std::net::TcpListener,
        console_lines: Receiver<ConsoleLine>,
    ) -> io::Result<Server> {
        listener.set_nonblocking(true)?;
        let mut listener = TcpListener::from_std(listener);
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        Ok(Server {
            poll,
            listener,
            connections: HashMap::new(),
            members: BTreeMap::new(),
            next_token: FIRST_CONNECTION,
            console: Console::start(),
            console_lines,
            to_flush: Vec::new(),
            to_close: Vec::new(),
        })
    }

    /// The event loop: wait for readiness, handle every event, write what
    /// was queued, close what ended; forever.
    pub fn run(&mut self) -> io::Result<()> {
        // Wait for events (Poll::poll), with a timeout only when a stalled
        // user's time can run out (next_stall_deadline); an interrupted wait
        // is no error. Then handle each event by its token: the listener,
        // the console's waker, or a connection that can be read or written.
        // Before waiting again: send what was queued, cut off the stalled,
        // close what ended.
        todo!("Server::run(): the event loop")
    }

    /// accept() until the queue is empty (edge-triggered: one event may
    /// stand for many connections).
    fn accept_all(&mut self) {
        loop {
            let (mut stream, peer) = match self.listener.accept() {
                Ok(connection) => connection,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // Out of file descriptors, say: log it and go on; the
                    // connection waits in the queue for the next event.
                    eprintln!("accept failed: {e}");
                    return;
                }
            };
            // Chat lines are small and should leave at once (Nagle's
            // algorithm could hold one back for 40 ms). A fixed send buffer:
            // left alone, Linux grows it to megabytes for a user who
            // doesn't read, and they would take long to be found out.
            let _ = stream.set_nodelay(true);
            let _ = SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER);
            let token = Token(self.next_token);
            self.next_token += 1;
            if let Err(e) = self
                .poll
                .registry()
                .register(&mut stream, token, Interest::READABLE)
            {
                eprintln!("{peer}: {e}");
                continue;
            }
            self.connections.insert(
                token,
                Connection {
                    stream,
                    input: Lines::default(),
                    output: Vec::new(),
                    sent: 0,
                    wants_write: false,
                    stalled_since: None,
                    nick: None,
                    closing: false,
                },
            );
        }
    }

    /// Reads all that has arrived on a connection and acts on every whole
    /// line; the start of the next one waits in its `input`.
    fn read_from(&mut self, token: Token) {
        // Mio's events are edge-triggered: read until WouldBlock, or the
        // rest of what arrived is never announced again. What you read is
        // not lines yet: Lines cuts it, and keeps the start of a line that
        // has no `\n` so far. End of stream (or an error) ends the
        // connection, after acting on the whole lines that came before it.
        todo!("Server::read_from(): read all that is ready")
    }

    fn is_ending(&self, token: Token) -> bool {
        self.to_close.iter().any(|(t, _)| *t == token)
    }

    /// One whole line from a connection: a nick before they joined, a
    /// command or a message after.
    fn handle_line(&mut self, token: Token, line: Line) {
        let Some(connection) = self.connections.get(&token) else {
            return;
        };
        if connection.closing {
            return; // kicked: nothing they say counts any more
        }
        let joined = connection.nick.clone();
        let text = match line {
            Line::TooLong => {
                self.send_to(token, says::LINE_TOO_LONG);
                return;
            }
            Line::Text(text) => text,
        };
        let Some(nick) = joined else {
            self.join(token, text.trim());
            return;
        };
        match parse_user_line(&text) {
            UserCommand::Say(text) => self.broadcast(&says::message(&nick, &text)),
            UserCommand::List => {
                let users = says::users(&self.nicks());
                self.send_to(token, &users);
            }
            UserCommand::Quit => self.end(token, End::Left),
            UserCommand::Kick => self.send_to(token, says::ONLY_ADMIN_KICKS),
            UserCommand::Unknown => self.send_to(token, says::UNKNOWN_COMMAND),
            UserCommand::Empty => {}
        }
    }

    /// A nick offered: welcome and announce, or say why not.
    fn join(&mut self, token: Token, nick: &str) {
        let refused = match check_nick(nick) {
            Err(NickError::Invalid) => Some(says::INVALID_NICK),
            Err(NickError::Taken) => Some(says::NICK_TAKEN),
            Ok(()) if self.members.contains_key(&nick_key(nick)) => Some(says::NICK_TAKEN),
            Ok(()) => None,
        };
        if let Some(error) = refused {
            self.send_to(token, error);
            return;
        }
        if let Some(connection) = self.connections.get_mut(&token) {
            connection.nick = Some(nick.to_string());
        }
        self.members.insert(nick_key(nick), token);
        self.send_to(token, &says::welcome(nick));
        self.broadcast(&says::joined(nick));
    }

    /// Queues a line for one connection.
    fn send_to(&mut self, token: Token, line: &str) {
        self.queue(token, line.as_bytes());
    }

    /// Queues a line for every member, and shows it on the console. Only
    /// queues: the sending happens in `flush_all`, once this round of
    /// events is handled, so every user gets lines in one order.
    fn broadcast(&mut self, line: &str) {
        self.console.show(line);
        let tokens: Vec<Token> = self.members.values().copied().collect();
        for token in tokens {
            self.queue(token, line.as_bytes());
        }
    }

    /// Puts a line (and its `\n`) in a connection's output. A user whose
    /// outbox is full is cut off rather than queued for without end.
    fn queue(&mut self, token: Token, line: &[u8]) {
        let Some(connection) = self.connections.get_mut(&token) else {
            return;
        };
        if connection.pending() + line.len() + 1 > OUTBOX_BYTES {
            if !self.is_ending(token) {
                eprintln!("cutting off a user: {OUTBOX_BYTES} bytes wait for them");
                self.end(token, End::Left);
            }
            return;
        }
        if connection.pending() == 0 {
            self.to_flush.push(token);
        }
        connection.output.extend_from_slice(line);
        connection.output.push(b'\n');
    }

    /// Writes what waits, for every connection that has something new to
    /// send or room to send it.
    fn flush_all(&mut self) {
        let mut tokens = std::mem::take(&mut self.to_flush);
        tokens.sort_unstable();
        tokens.dedup();
        for token in tokens {
            if let Err(e) = self.flush(token) {
                eprintln!("cutting off a user: {e}");
                self.end(token, End::Left);
            }
        }
    }

    /// send() until the output is empty or the socket is full. A partial
    /// write is normal: the rest waits, and `sent` says where to resume
    /// when the socket has room again.
    fn flush(&mut self, token: Token) -> io::Result<()> {
        // send() may take only part of what waits, or nothing (WouldBlock):
        // keep the rest and where it starts, and resume there when the
        // socket can take more. Ask the poller for WRITABLE only while
        // something waits; asking with nothing to send wakes the loop
        // again and again. The stall counts from the last time the socket
        // took something. A kicked user is closed once all has left.
        todo!("Server::flush(): send what waits, resume a partial write")
    }

    /// When the first user whose output waits must have taken something.
    fn next_stall_deadline(&self) -> Option<Instant> {
        self.connections
            .values()
            .filter_map(|c| c.stalled_since)
            .min()
            .map(|since| since + WRITE_STALL)
    }

    /// Cuts off every user whose socket took nothing for WRITE_STALL.
    fn cut_off_stalled(&mut self) {
        let now = Instant::now();
        let stalled: Vec<(Token, bool)> = self
            .connections
            .iter()
            .filter(|(_, c)| {
                c.stalled_since
                    .is_some_and(|since| now >= since + WRITE_STALL)
            })
            .map(|(&token, c)| (token, c.closing))
            .collect();
        for (token, kicked) in stalled {
            eprintln!("cutting off a user: their socket took nothing for {WRITE_STALL:?}");
            self.end(token, if kicked { End::Kicked } else { End::Left });
        }
    }

    /// Marks a connection to be closed; a member leaving is announced now,
    /// so the announcement takes its place in the chat's one order.
    fn end(&mut self, token: Token, how: End) {
        if self.is_ending(token) {
            return;
        }
        let announce = matches!(how, End::Left);
        self.to_close.push((token, how));
        let nick = self.connections.get_mut(&token).and_then(|c| c.nick.take());
        if let Some(nick) = nick {
            self.members.remove(&nick_key(&nick));
            if announce {
                self.broadcast(&says::left(&nick));
            }
        }
    }

    /// Closes the connections that ended: deregistered and dropped, which
    /// closes the socket.
    fn close_ended(&mut self) {
        // Announcing a departure may queue output and end more users
        // (full outboxes): flush and close until nothing is left to do.
        while !self.to_close.is_empty() || !self.to_flush.is_empty() {
            self.flush_all();
            for (token, _) in std::mem::take(&mut self.to_close) {
                if let Some(mut connection) = self.connections.remove(&token) {
                    // What is queued for them and fits in the socket still
                    // leaves (the last lines before /quit); the rest can't.
                    let pending = &connection.output[connection.sent..];
                    let _ = connection.stream.write(pending);
                    let _ = self.poll.registry().deregister(&mut connection.stream);
                    let _ = connection.stream.shutdown(Shutdown::Both);
                }
            }
        }
    }

    /// The admin's lines, which the console thread has sent since the
    /// last wake-up.
    fn console_commands(&mut self) {
        while let Ok(line) = self.console_lines.try_recv() {
            match parse_console_line(&line) {
                ConsoleCommand::Say(text) => self.broadcast(&says::message("admin", &text)),
                ConsoleCommand::Kick { nick, reason } => self.kick(&nick, reason.as_deref()),
                ConsoleCommand::List => {
                    let users = says::users(&self.nicks());
                    self.console.show(&users);
                }
                ConsoleCommand::Unknown(command) => self.console.show(&format!(
                    "* unknown command {command}; the admin has /kick <nick> [reason] and /list"
                )),
                ConsoleCommand::Empty => {}
            }
        }
    }

    /// The admin's `/kick`: the user gets their last line, the others are
    /// told, and the connection closes once that line has left (or after
    /// WRITE_STALL if they don't read).
    fn kick(&mut self, nick: &str, reason: Option<&str>) {
        let Some(token) = self.members.remove(&nick_key(nick)) else {
            self.console.show(&format!("* no user named {nick}"));
            return;
        };
        let Some(connection) = self.connections.get_mut(&token) else {
            return;
        };
        let nick = connection.nick.take().unwrap_or_else(|| nick.to_string());
        connection.closing = true;
        self.send_to(token, &says::you_were_kicked(reason));
        self.to_flush.push(token);
        self.broadcast(&says::was_kicked(&nick, reason));
    }

    /// The nicks of everyone connected, sorted.
    fn nicks(&self) -> Vec<String> {
        self.members
            .values()
            .filter_map(|token| self.connections.get(token)?.nick.clone())
            .collect()
    }
}
