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
        check_nick(nick)?;
        let mut users = self.lock();
        let key = nick_key(nick);
        if users.by_key.contains_key(&key) {
            return Err(NickError::Taken);
        }
        let (outbox, receiver) = sync_channel(OUTBOX_LINES);
        let _ = outbox.try_send(outgoing(&says::welcome(nick)));
        users.next_id += 1;
        let ticket = Ticket {
            id: users.next_id,
            nick: nick.to_string(),
        };
        users.by_key.insert(
            key,
            Member {
                id: ticket.id,
                nick: ticket.nick.clone(),
                outbox,
                socket,
            },
        );
        deliver(&mut users, says::joined(nick));
        Ok((ticket, receiver))
    }

    /// Sends a line to everyone (and shows it on the console).
    pub fn broadcast(&self, line: String) {
        deliver(&mut self.lock(), line);
    }

    /// Sends a line to one user only.
    pub fn send_to(&self, ticket: &Ticket, line: String) {
        let mut users = self.lock();
        let overflowed = match users.by_key.get(&nick_key(&ticket.nick)) {
            Some(member) if member.id == ticket.id => {
                matches!(
                    member.outbox.try_send(outgoing(&line)),
                    Err(TrySendError::Full(_))
                )
            }
            _ => false,
        };
        if overflowed && drop_member(&mut users, &ticket.nick) {
            deliver(&mut users, says::left(&ticket.nick));
        }
    }

    /// A user's message to everyone: `<nick>: <text>`. Ignored if the user
    /// is no longer a member (kicked a moment ago, but still sending).
    pub fn say(&self, ticket: &Ticket, text: &str) {
        let mut users = self.lock();
        if users
            .by_key
            .get(&nick_key(&ticket.nick))
            .is_some_and(|m| m.id == ticket.id)
        {
            deliver(&mut users, says::message(&ticket.nick, text));
        }
    }

    /// The user leaves (quit, closed, broke). Announced once: only if they
    /// were still a member, not if they were kicked or dropped already.
    pub fn leave(&self, ticket: &Ticket) {
        let mut users = self.lock();
        let key = nick_key(&ticket.nick);
        if users.by_key.get(&key).is_some_and(|m| m.id == ticket.id) {
            users.by_key.remove(&key);
            deliver(&mut users, says::left(&ticket.nick));
        }
    }

    /// The admin's `/kick`. Returns false if there is no such user.
    pub fn kick(&self, nick: &str, reason: Option<&str>) -> bool {
        let mut users = self.lock();
        let Some(member) = users.by_key.remove(&nick_key(nick)) else {
            return false;
        };
        // Their last line. Dropping `member` closes their outbox, so their
        // writer sends what is queued and then closes the connection.
        let _ = member
            .outbox
            .try_send(outgoing(&says::you_were_kicked(reason)));
        deliver(&mut users, says::was_kicked(&member.nick, reason));
        true
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

/// Puts `line` in every outbox, with the lock held. A user whose outbox is
/// full is disconnected, and their leaving is delivered the same way.
fn deliver(users: &mut Users, line: String) {
    let mut pending = VecDeque::from([line]);
    while let Some(line) = pending.pop_front() {
        // The admin console sees everything, in the same order. (Not
        // println!, which panics if stdout is gone, e.g. piped into head.)
        let _ = writeln!(io::stdout(), "{line}");
        let line = outgoing(&line);
        let mut full = Vec::new();
        for member in users.by_key.values() {
            if let Err(TrySendError::Full(_)) = member.outbox.try_send(Arc::clone(&line)) {
                full.push(member.nick.clone());
            }
        }
        for nick in full {
            if drop_member(users, &nick) {
                pending.push_back(says::left(&nick));
            }
        }
    }
}

/// Removes a user who can't keep up and cuts their connection.
fn drop_member(users: &mut Users, nick: &str) -> bool {
    let Some(member) = users.by_key.remove(&nick_key(nick)) else {
        return false;
    };
    eprintln!("{nick} is not reading; disconnecting them");
    // shutdown() wakes their writer (stuck in send) and reader (in recv).
    let _ = member.socket.shutdown(Shutdown::Both);
    true
}

/// The writer thread of one user: sends their outbox's lines in order until
/// the outbox is closed (they left, or were kicked) or the socket fails.
pub fn write_outbox(mut socket: TcpStream, outbox: Receiver<Outgoing>) -> io::Result<()> {
    for line in outbox {
        socket.write_all(line.as_bytes())?;
    }
    // Everything queued is sent: now close, so the client sees the end.
    socket.shutdown(Shutdown::Both)
}
