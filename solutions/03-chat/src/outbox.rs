//! One user's outbox: the lines on their way to that user's socket.
//!
//! The plain design is a queue and a writer thread per user: whoever has a
//! line for them puts it in the queue, and their writer sends it. That is
//! correct, and at a thousand users it is slow: every chat line wakes a
//! thousand writer threads, one after another, each to make one send(). The
//! machine spends its time waking and switching threads, not sending, and
//! lines wait seconds for their turn.
//!
//! So an outbox sends a line itself, at once, whenever it can do that
//! without waiting and without overtaking an earlier line: when nothing is
//! queued and the writer is not in the middle of a send, it calls send()
//! with MSG_DONTWAIT, which takes what fits in the socket's send buffer and
//! never blocks. Whatever the socket does not take is queued, and the
//! user's writer thread sends it, waiting for room as long as it must (or
//! giving up on the user, see `hub::write_line`). A user who reads keeps
//! up, and their writer sleeps; one who falls behind is served by their
//! writer, in order, exactly as in the plain design.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use socklab_trace::net::TcpStream;

/// A line on its way to many users, with its newline: made once and
/// shared, not copied or formatted again for each user.
pub type Outgoing = Arc<str>;

/// The sending end: what the hub keeps for each user.
pub struct Outbox {
    socket: TcpStream,
    queue: SyncSender<Queued>,
    /// Lines queued or being sent by the writer. While it is not 0, a new
    /// line must queue behind them.
    waiting: Arc<AtomicUsize>,
    /// One sender at a time: a line sent at once must not slip between
    /// another sender's check of `waiting` and its line entering the queue.
    sending: Mutex<()>,
}

/// The receiving end: what the user's writer thread holds.
pub struct OutboxReceiver {
    queue: Receiver<Queued>,
    waiting: Arc<AtomicUsize>,
    /// Lines the writer took since it last waited: it is sending them.
    taken: usize,
}

/// A queued line, or what is left of it when send() took only its start.
pub struct Queued {
    line: Outgoing,
    from: usize,
}

impl Queued {
    /// The bytes still to send.
    pub fn as_bytes(&self) -> &[u8] {
        &self.line.as_bytes()[self.from..]
    }
}

/// The writer thread is gone (the user was cut off): the line was dropped.
#[derive(Debug)]
pub struct Gone;

/// An outbox for the user on `socket` that queues at most `lines` lines.
pub fn outbox(socket: TcpStream, lines: usize) -> (Outbox, OutboxReceiver) {
    let (queue, receiver) = sync_channel(lines);
    let waiting = Arc::new(AtomicUsize::new(0));
    let outbox = Outbox {
        socket,
        queue,
        waiting: Arc::clone(&waiting),
        sending: Mutex::new(()),
    };
    let receiver = OutboxReceiver {
        queue: receiver,
        waiting,
        taken: 0,
    };
    (outbox, receiver)
}

impl Outbox {
    /// Sends `line` to the user: at once if nothing is waiting before it
    /// and the socket takes it, otherwise through the queue. A full queue
    /// is waited for (back-pressure): the writer is sending, or gives up on
    /// the user.
    pub fn send(&self, line: Outgoing) -> Result<(), Gone> {
        let _one_at_a_time = self.sending.lock().unwrap_or_else(|p| p.into_inner());
        let mut from = 0;
        if self.waiting.load(Ordering::Acquire) == 0 {
            from = match self.socket.send_now(line.as_bytes()) {
                Ok(sent) if sent == line.len() => return Ok(()),
                Ok(sent) => sent,
                // No room at all, or the connection is broken: the writer
                // waits for room, or finds out and cuts the user off.
                Err(_) => 0,
            };
        }
        self.waiting.fetch_add(1, Ordering::AcqRel);
        self.queue.send(Queued { line, from }).map_err(|_| Gone)
    }
}

impl OutboxReceiver {
    /// Waits for the next queued line; `None` once the outbox is dropped
    /// (the user left or was kicked) and everything in it was taken.
    /// Calling it again says that the lines taken before are sent.
    pub fn recv(&mut self) -> Option<Queued> {
        self.waiting.fetch_sub(self.taken, Ordering::AcqRel);
        self.taken = 0;
        let line = self.queue.recv().ok()?;
        self.taken = 1;
        Some(line)
    }

    /// The next queued line if there is one, without waiting.
    pub fn try_recv(&mut self) -> Option<Queued> {
        let line = self.queue.try_recv().ok()?;
        self.taken += 1;
        Some(line)
    }
}
