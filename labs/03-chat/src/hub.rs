//! The hub: who is in the chat, and how a line reaches everyone.
//!
//! Every user has an *outbox*: a bounded queue of lines that only that
//! user's writer thread empties into their socket. Sending to a user never
//! touches their socket, so it never blocks: a user who stops reading fills
//! only their own outbox, and when it is full they are disconnected. Nobody
//! else waits for them.
//!
//! Every broadcast happens while holding the hub's lock, so lines enter all
//! outboxes in the same order: everyone sees the chat in one order.

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::protocol::{NickError, check_nick, nick_key, says};

/// How many lines may wait for one user. With lines of at most 1 KiB this
/// bounds a user's queue to about 256 KiB (plus the kernel's send buffer).
pub const OUTBOX_LINES: usize = 256;

/// A line on its way to many users, with its newline: made once and
/// shared, not copied or formatted again for each user.
pub type Outgoing = Arc<str>;

/// Makes the shared form of a line.
fn outgoing(line: &str) -> Outgoing {
    format!("{line}\n").into()
}

/// A connected user, as the hub knows them.
struct Member {
    id: u64,
    nick: String,
    outbox: SyncSender<Outgoing>,
    /// Another handle to the user's socket, to cut them off when their
    /// outbox overflows (their writer may be stuck in a send()).
    socket: TcpStream,
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
#[derive(Default)]
pub struct Hub {
    users: Mutex<Users>,
}

impl Hub {
    pub fn new() -> Arc<Hub> {
        Arc::new(Hub::default())
    }

    fn lock(&self) -> MutexGuard<'_, Users> {
        // A thread that panicked while holding the lock leaves the map in a
        // consistent state (every change is one insert or remove), so we can
        // go on using it.
        self.users
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds a user. On success returns their ticket and the receiving end
    /// of their outbox (which already holds `WELCOME <nick>`), and everyone
    /// is told `* <nick> joined`.
    pub fn join(
        &self,
        nick: &str,
        socket: TcpStream,
    ) -> Result<(Ticket, Receiver<Outgoing>), NickError> {
        // check_nick(); under the lock: Taken if nick_key is in the map; else a
        // sync_channel(OUTBOX_LINES), outgoing(WELCOME) into it, a new id, insert the
        // Member, and deliver() the join to everyone.
        todo!("Hub::join()")
    }

    /// Sends a line to everyone (and shows it on the console).
    pub fn broadcast(&self, line: String) {
        // deliver() with the lock held.
        todo!("Hub::broadcast()")
    }

    /// Sends a line to one user only.
    pub fn send_to(&self, ticket: &Ticket, line: String) {
        // try_send to that member only (check the id: the nick may be someone
        // new). A full outbox: drop_member() and deliver() that they left.
        todo!("Hub::send_to()")
    }

    /// A user's message to everyone: `<nick>: <text>`. Ignored if the user
    /// is no longer a member (kicked a moment ago, but still sending).
    pub fn say(&self, ticket: &Ticket, text: &str) {
        // Only if the ticket is still a member: deliver() says::message.
        todo!("Hub::say()")
    }

    /// The user leaves (quit, closed, broke). Announced once: only if they
    /// were still a member, not if they were kicked or dropped already.
    pub fn leave(&self, ticket: &Ticket) {
        // If the ticket is still a member (same id): remove it and deliver()
        // says::left. Otherwise they were kicked or dropped: say nothing.
        todo!("Hub::leave()")
    }

    /// The admin's `/kick`. Returns false if there is no such user.
    pub fn kick(&self, nick: &str, reason: Option<&str>) -> bool {
        // Remove the member (false if none); try_send them says::you_were_kicked;
        // dropping the Member closes their outbox; deliver() says::was_kicked.
        todo!("Hub::kick()")
    }

    /// The nicks of everyone connected, sorted.
    pub fn nicks(&self) -> Vec<String> {
        // The members' nicks, in the map's (sorted) order.
        todo!("Hub::nicks()")
    }
}

/// Puts `line` in every outbox, with the lock held. A user whose outbox is
/// full is disconnected, and their leaving is delivered the same way.
fn deliver(users: &mut Users, line: String) {
    // Write the line to stdout (the console; ignore errors: println! would
    // panic if stdout is gone), then make it outgoing() once and
    // try_send a clone of that Arc to every outbox. Members whose outbox is Full: drop_member() them and deliver
    // says::left for each, the same way (a queue of pending lines helps).
    todo!("deliver(): a line to every outbox")
}

/// Removes a user who can't keep up and cuts their connection.
fn drop_member(users: &mut Users, nick: &str) -> bool {
    // Remove the member (false if none) and shutdown(Shutdown::Both) their
    // socket: that wakes their writer, stuck in send(), and their reader.
    todo!("drop_member(): cut off a user who is not reading")
}

/// The writer thread of one user: sends their outbox's lines in order until
/// the outbox is closed (they left, or were kicked) or the socket fails.
pub fn write_outbox(mut socket: TcpStream, outbox: Receiver<Outgoing>) -> io::Result<()> {
    // For each line from the outbox: write_all it (it has its "\n"). When the
    // outbox is closed, shutdown the socket so the client sees the end.
    todo!("write_outbox(): the writer thread")
}
