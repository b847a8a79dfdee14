//! The hub: who is in the chat, and how a line reaches everyone.
//!
//! Every user has an *outbox* (see `outbox.rs`): a bounded queue of the
//! lines on their way to them. Lines are put in outboxes while holding the
//! hub's lock, so they enter all outboxes in the same order: everyone sees
//! the chat in one order. When the lock is released (see `Locked`) the
//! mailman's thread is asked to send them: each outbox's waiting lines in
//! one send(), as much as the socket takes. What it does not take, the
//! user's writer thread sends. The writer gives up on a user whose socket
//! has not taken one send (a batch of lines, see `write_line`) within
//! `WRITE_STALL` (they stopped reading): it cuts them off, and their
//! leaving is announced. So a line waits for room in an outbox at most
//! that long, and one user who stops reading delays the others once,
//! briefly, and is then gone.
//!
//! The admin console (the server's stdout) has an outbox too, which is
//! never waited for: if nobody reads the console (a full pipe, Ctrl-S in a
//! terminal), the console misses lines, and the chat goes on.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{Shutdown, TcpStream};

use crate::outbox::{Mailman, Outbox, OutboxReceiver, Outgoing, outbox};
use crate::protocol::{NickError, check_nick, nick_key, says};

/// How many lines may wait in one user's queue. With lines of at most 1 KiB
/// this bounds it to about 256 KiB (plus the kernel's send buffer).
pub const OUTBOX_LINES: usize = 256;

/// How long one send may take: a user whose socket takes less than one
/// batch (at most `BATCH_BYTES`, or a single longer line) in this time is
/// not reading, and is cut off.
pub const WRITE_STALL: Duration = Duration::from_secs(1);

/// How many bytes of queued lines a writer sends in one `send()`. A writer
/// that wakes for every line makes one system call per line, and with a
/// thousand users a broadcast is a thousand calls; lines that queued up
/// while the writer was busy leave together instead.
pub const BATCH_BYTES: usize = 4096;

/// Makes the shared form of a line.
fn outgoing(line: &str) -> Outgoing {
    format!("{line}\n").into()
}

/// A connected user, as the hub knows them.
struct Member {
    id: u64,
    nick: String,
    outbox: Arc<Outbox>,
}

#[derive(Default)]
struct Users {
    /// By `nick_key`, so /list comes out sorted and lookups ignore case.
    by_key: BTreeMap<String, Member>,
    next_id: u64,
}

/// What a user's threads hold: who they are in the hub.
#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: u64,
    pub nick: String,
}

/// The shared state of the chat. Clone the `Arc<Hub>` into every thread.
pub struct Hub {
    users: Mutex<Users>,
    mailman: Mailman,
    console: Console,
}

/// The admin console's outbox, and how many lines it missed.
struct Console {
    outbox: SyncSender<Outgoing>,
    missed: Arc<AtomicUsize>,
}

impl Hub {
    /// A hub with nobody in it, the thread that prints the console and
    /// the mailman's. (The hub lives as long as the server: the mailman's
    /// thread holds it for ever.)
    pub fn new() -> Arc<Hub> {
        let (outbox, lines) = sync_channel(OUTBOX_LINES);
        let missed = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&missed);
        thread::spawn(move || print_console(lines, &counter));
        let hub = Arc::new(Hub {
            users: Mutex::new(Users::default()),
            mailman: Mailman::default(),
            console: Console { outbox, missed },
        });
        let mail = Arc::clone(&hub);
        thread::spawn(move || mail.mailman.run(|| mail.outboxes()));
        hub
    }

    /// Takes the hub's lock. Lines pushed into outboxes while it is held
    /// are sent when it is released.
    fn lock(&self) -> Locked<'_> {
        Locked {
            users: Some(self.lock_users()),
            hub: self,
        }
    }

    fn lock_users(&self) -> MutexGuard<'_, Users> {
        // A thread that panicked while holding the lock leaves the map in a
        // consistent state (every change is one insert or remove), so we can
        // go on using it.
        self.users
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Everyone's outbox, for the mailman (who must not hold the lock
    /// while he sends: the chat would wait for every send()).
    fn outboxes(&self) -> Vec<Arc<Outbox>> {
        let users = self.lock_users();
        users
            .by_key
            .values()
            .map(|m| Arc::clone(&m.outbox))
            .collect()
    }

    /// Adds the user on `socket`. On success returns their ticket and the
    /// receiving end of their outbox, for their writer; `WELCOME <nick>` is
    /// on its way to them, and `* <nick> joined` to everyone.
    pub fn join(
        &self,
        nick: &str,
        socket: TcpStream,
    ) -> Result<(Ticket, OutboxReceiver), NickError> {
        // Checking the name and inserting the member is one step under one lock:
        // two users asking for the same nick at once must not both get it. The
        // outbox is bounded (OUTBOX_LINES): that bound is what lets a slow reader
        // hold a sender back instead of growing the server's memory.
        todo!("Hub::join()")
    }

    /// Sends a line to everyone (and shows it on the console).
    pub fn broadcast(&self, line: String) {
        self.deliver(&self.lock(), line);
    }

    /// Sends a line to one user only.
    pub fn send_to(&self, ticket: &Ticket, line: String) {
        let users = self.lock();
        if let Some(member) = users.by_key.get(&nick_key(&ticket.nick)) {
            if member.id == ticket.id {
                // An error means their writer is gone; their reader notices.
                let _ = member.outbox.push(outgoing(&line));
            }
        }
    }

    /// Shows a line on the admin console only.
    pub fn show(&self, line: &str) {
        self.console.show(outgoing(line));
    }

    /// A user's message to everyone: `<nick>: <text>`. Ignored if the user
    /// is no longer a member (kicked a moment ago, but still sending).
    pub fn say(&self, ticket: &Ticket, text: &str) {
        let users = self.lock();
        if users
            .by_key
            .get(&nick_key(&ticket.nick))
            .is_some_and(|m| m.id == ticket.id)
        {
            self.deliver(&users, says::message(&ticket.nick, text));
        }
    }

    /// The user leaves (quit, closed, broke). Announced once: only if they
    /// were still a member, not if they were kicked or dropped already.
    pub fn leave(&self, ticket: &Ticket) {
        let mut users = self.lock();
        let key = nick_key(&ticket.nick);
        if users.by_key.get(&key).is_some_and(|m| m.id == ticket.id) {
            users.by_key.remove(&key);
            self.deliver(&users, says::left(&ticket.nick));
        }
    }

    /// The admin's `/kick`. Returns false if there is no such user.
    pub fn kick(&self, nick: &str, reason: Option<&str>) -> bool {
        // The kicked user gets their line before their connection ends, and nobody
        // else writes to their socket: their own writer must be the one to notice
        // that they are gone (what makes a writer's loop end?).
        todo!("Hub::kick()")
    }

    /// Puts `line` in every outbox, with the lock held (the caller's
    /// guard), and shows it on the console. It is sent once the lock is
    /// released. A full outbox is waited for: its writer is sending, or
    /// will give up within WRITE_STALL.
    fn deliver(&self, users: &Users, line: String) {
        // Every line goes to every outbox, in the order the lock gives them; the
        // mailman sends them once the lock is released (push, don't send, here).
        // A full outbox is waited for (back-pressure), never skipped: the user is
        // reading, or their writer gives up within WRITE_STALL. The console,
        // though, must never be waited for.
        todo!("Hub::deliver(): a line to every outbox")
    }

    /// The nicks of everyone connected, sorted.
    pub fn nicks(&self) -> Vec<String> {
        self.lock()
            .by_key
            .values()
            .map(|m| m.nick.clone())
            .collect()
    }
}

impl Console {
    /// Queues a line for the console, or counts it as missed if the console
    /// is behind: the chat never waits for the console.
    fn show(&self, line: Outgoing) {
        // Never wait here: every broadcast calls this with the hub's lock
        // held, so a console that blocks would stop the whole chat.
        todo!("Console::show(): a line for the console, never waited for")
    }
}

/// The hub's lock, held: the users, and the lines pushed into their
/// outboxes meanwhile, which leave when it is released.
struct Locked<'a> {
    users: Option<MutexGuard<'a, Users>>,
    hub: &'a Hub,
}

impl Deref for Locked<'_> {
    type Target = Users;
    fn deref(&self) -> &Users {
        self.users.as_ref().expect("held until dropped")
    }
}

impl DerefMut for Locked<'_> {
    fn deref_mut(&mut self) -> &mut Users {
        self.users.as_mut().expect("held until dropped")
    }
}

impl Drop for Locked<'_> {
    /// Releases the lock, then asks the mailman to send what was pushed.
    fn drop(&mut self) {
        drop(self.users.take());
        self.hub.mailman.ask();
    }
}

/// The console's thread: prints its outbox to stdout. (Not println!, which
/// panics if stdout is gone, e.g. piped into head.)
fn print_console(lines: Receiver<Outgoing>, missed: &AtomicUsize) {
    let mut stdout = io::stdout();
    for line in lines {
        let skipped = missed.swap(0, Ordering::Relaxed);
        if skipped > 0 {
            let _ = writeln!(
                stdout,
                "* the console missed {skipped} lines (nobody read it)"
            );
        }
        let _ = stdout.write_all(line.as_bytes());
        let _ = stdout.flush();
    }
}

/// The writer thread of one user: sends the lines the mailman could not
/// (their socket was full), in order, many in one send, until the outbox is
/// closed (they left, or were kicked) and empty, or the socket fails. Either way it closes the connection,
/// which also ends their reader.
pub fn write_outbox(mut socket: TcpStream, mut outbox: OutboxReceiver) -> io::Result<()> {
    // recv() gives this thread lines only when the user's socket was too full
    // for the mailman, or the outbox was closed; until it is empty again, no
    // one else writes to this socket. However it ends, the connection must end
    // too: the client, and the user's reader thread, are waiting for it. Lines
    // that queued up may leave together, about BATCH_BYTES in one write_line():
    // with many users, one system call per line is what makes a server fall
    // behind. Calling recv() again is how the writer says the lines it took
    // are sent (try_recv() says nothing), so call it only once they are.
    todo!("write_outbox(): the writer thread")
}

/// Sends one line (or a batch of lines), or fails if the user's socket has
/// not taken all of it within WRITE_STALL: a user who reads nothing fills
/// their kernel buffers, and then send() blocks. The timeout (SO_SNDTIMEO)
/// makes it fail instead.
pub fn write_line(socket: &mut TcpStream, line: &[u8]) -> io::Result<()> {
    // A user who stops reading never makes this wait more than WRITE_STALL
    // in all, however the line is split: one send() may take part of it.
    todo!("write_line(): send one line, or give up on a user who doesn't read")
}
