//! One user's outbox: the lines on their way to that user's socket, and
//! the `Mailman` who sends what waits in every outbox.
//!
//! The plain design is a queue and a writer thread per user: whoever has a
//! line for them puts it in the queue, and their writer sends it. That is
//! correct, and at a thousand users it is slow: every chat line wakes a
//! thousand writer threads, one after another, each to make one send(). The
//! machine spends its time waking and switching threads, not sending.
//!
//! Sending each line at once, from the thread that has it, is not much
//! better when many lines come at once (a thousand users joining is half a
//! million `* nick joined` lines): a send() per line per user, each a
//! system call, one after another under the hub's lock.
//!
//! So lines are only *put* in outboxes under the hub's lock (`push`: a
//! memory copy, no system call), and sent after it is released, by one
//! thread: the `Mailman`. Whoever releases the lock asks him for a round,
//! which wakes him if he sleeps, and goes on. He walks all outboxes,
//! sending each one's waiting lines in one send() with MSG_DONTWAIT, which
//! takes what fits in the socket's buffer and never blocks; while he walks,
//! lines pile up behind him, and his next round sends them together. The
//! busier the chat, the more lines each send() carries.
//!
//! What a socket does not take is left to the user's writer thread, which
//! sends it, waiting for room as long as it must (or giving up on the user,
//! see `hub::write_line`), until their outbox is empty again. A user who
//! reads keeps up, and their writer sleeps; one who falls behind is served
//! by their writer, in order, exactly as in the plain design.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use socklab_trace::net::TcpStream;

/// A line on its way to many users, with its newline: made once and
/// shared, not copied or formatted again for each user.
pub type Outgoing = Arc<str>;

/// At most this many bytes go to one send() of the mailman's (he sends
/// again while the socket takes it all).
const SEND_BYTES: usize = 64 * 1024;

/// The sending end: what the hub keeps for each user (and the mailman
/// borrows while he sends). When the last `Arc` of it is dropped (the user
/// left or was kicked), the writer sends what is left and closes.
pub struct Outbox {
    shared: Arc<Shared>,
}

/// The receiving end: what the user's writer thread holds.
pub struct OutboxReceiver {
    shared: Arc<Shared>,
}

struct Shared {
    socket: TcpStream,
    lines: usize,
    state: Mutex<State>,
    /// Signalled when a full outbox gets room.
    room: Condvar,
    /// Signalled when the writer has something to do.
    work: Condvar,
}

#[derive(Default)]
struct State {
    /// Lines not yet taken by a send.
    queue: VecDeque<Outgoing>,
    /// How much of the first line a send() took already.
    sent: usize,
    /// The mailman is sending from the front of `queue`.
    mailman_sending: bool,
    /// The socket was full: the writer sends everything until the queue
    /// is empty, and the mailman stays away meanwhile.
    writer_in_charge: bool,
    /// The hub dropped the outbox: no more lines will come.
    closed: bool,
    /// The writer is gone (the user was cut off): lines are dropped.
    gone: bool,
    /// Who sleeps on the condition variables (so that nobody makes a
    /// system call to wake nobody).
    pushers_waiting: usize,
    writer_waiting: bool,
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
pub fn outbox(socket: TcpStream, lines: usize) -> (Arc<Outbox>, OutboxReceiver) {
    let shared = Arc::new(Shared {
        socket,
        lines,
        state: Mutex::new(State::default()),
        room: Condvar::new(),
        work: Condvar::new(),
    });
    let outbox = Outbox {
        shared: Arc::clone(&shared),
    };
    (Arc::new(outbox), OutboxReceiver { shared })
}

impl Outbox {
    /// Puts `line` in the outbox, behind the lines already in it. It is
    /// sent later, by the mailman or the writer: push under the hub's lock,
    /// send after it. A full outbox is waited for (back-pressure): its
    /// writer is sending, or gives up on the user.
    pub fn push(&self, line: Outgoing) -> Result<(), Gone> {
        let shared = &*self.shared;
        let mut state = shared.lock();
        while state.queue.len() >= shared.lines && !state.gone {
            // Room is the writer's to make: the mailman may need the hub's
            // lock, which our caller holds.
            state.writer_in_charge = true;
            shared.wake_writer(&state);
            state = shared.wait_for_room(state);
        }
        if state.gone {
            return Err(Gone);
        }
        state.queue.push_back(line);
        Ok(())
    }

    /// Sends what waits, at once and without waiting: as much as the
    /// socket takes, many lines per send(). What it does not take, the
    /// writer sends. Does nothing while the writer is in charge.
    fn send_waiting(&self) {
        let shared = &*self.shared;
        let mut bytes = Vec::new();
        let mut state = shared.lock();
        loop {
            if state.mailman_sending || state.writer_in_charge || state.gone {
                return;
            }
            bytes.clear();
            let mut from = state.sent;
            for line in &state.queue {
                bytes.extend_from_slice(&line.as_bytes()[from..]);
                from = 0;
                if bytes.len() >= SEND_BYTES {
                    break;
                }
            }
            if bytes.is_empty() {
                return;
            }
            state.mailman_sending = true;
            drop(state);
            // No room at all, or the connection is broken: the writer
            // waits for room, or finds out and cuts the user off.
            let taken = shared.socket.send_now(&bytes).unwrap_or(0);
            state = shared.lock();
            state.mailman_sending = false;
            state.forget_sent(taken);
            if taken < bytes.len() {
                state.writer_in_charge = true;
            }
            shared.wake_writer(&state);
            shared.wake_pushers(&state);
        }
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.closed = true;
        self.shared.wake_writer(&state);
    }
}

impl OutboxReceiver {
    /// Waits until the writer has a line to send, and takes it; `None`
    /// once the outbox is dropped (the user left or was kicked) and
    /// everything in it was sent. Calling it again says that the lines
    /// taken before are sent: if nothing else waits, the mailman sends the
    /// next lines, and the writer sleeps.
    pub fn recv(&mut self) -> Option<Queued> {
        let shared = Arc::clone(&self.shared);
        let mut state = shared.lock();
        if state.queue.is_empty() {
            state.writer_in_charge = false;
        }
        loop {
            if !state.mailman_sending {
                if !state.queue.is_empty() && (state.writer_in_charge || state.closed) {
                    state.writer_in_charge = true;
                    let line = state.take();
                    shared.wake_pushers(&state);
                    return Some(line);
                }
                if state.closed && state.queue.is_empty() {
                    return None;
                }
            }
            state = shared.wait_for_work(state);
        }
    }

    /// The next queued line if there is one, without waiting (only after
    /// `recv` gave one: the writer is in charge).
    pub fn try_recv(&mut self) -> Option<Queued> {
        let mut state = self.shared.lock();
        if state.queue.is_empty() {
            return None;
        }
        let line = state.take();
        self.shared.wake_pushers(&state);
        Some(line)
    }
}

impl Drop for OutboxReceiver {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.gone = true;
        self.shared.wake_pushers(&state);
    }
}

impl State {
    /// Takes the first line for the writer, with what is left of it.
    fn take(&mut self) -> Queued {
        let line = self.queue.pop_front().expect("a queued line");
        Queued {
            line,
            from: std::mem::take(&mut self.sent),
        }
    }

    /// Drops the `taken` bytes a send() took from the front of the queue.
    fn forget_sent(&mut self, mut taken: usize) {
        while taken > 0 {
            let left = self.queue[0].len() - self.sent;
            if taken < left {
                self.sent += taken;
                return;
            }
            self.queue.pop_front();
            self.sent = 0;
            taken -= left;
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Every change under this lock is a few fields at once: a thread
        // that panicked holding it left them consistent.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wait_for_room<'a>(&self, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        state.pushers_waiting += 1;
        let mut state = self.room.wait(state).unwrap_or_else(|p| p.into_inner());
        state.pushers_waiting -= 1;
        state
    }

    fn wait_for_work<'a>(&self, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        state.writer_waiting = true;
        let mut state = self.work.wait(state).unwrap_or_else(|p| p.into_inner());
        state.writer_waiting = false;
        state
    }

    fn wake_pushers(&self, state: &State) {
        if state.pushers_waiting > 0 {
            self.room.notify_all();
        }
    }

    fn wake_writer(&self, state: &State) {
        if state.writer_waiting && (state.writer_in_charge || state.closed) {
            self.work.notify_one();
        }
    }
}

/// The thread that sends what waits in the outboxes. Asking costs a
/// system call only when he sleeps; he then walks every outbox, and again
/// while more rounds were asked for meanwhile.
#[derive(Default)]
pub struct Mailman {
    rounds: Mutex<Rounds>,
    asked: Condvar,
}

#[derive(Default)]
struct Rounds {
    /// Lines were pushed since he last started a round.
    asked: bool,
    asleep: bool,
}

impl Mailman {
    /// Asks for a round: lines were pushed. Call it after releasing the
    /// hub's lock (he takes it to see who is in the chat).
    pub fn ask(&self) {
        let mut rounds = self.rounds();
        rounds.asked = true;
        if rounds.asleep {
            self.asked.notify_one();
        }
    }

    /// The mailman's life: sleeps until asked, then sends what waits in
    /// every outbox of `outboxes()`; for ever.
    pub fn run(&self, outboxes: impl Fn() -> Vec<Arc<Outbox>>) -> ! {
        loop {
            let mut rounds = self.rounds();
            while !rounds.asked {
                rounds.asleep = true;
                rounds = self.asked.wait(rounds).unwrap_or_else(|p| p.into_inner());
                rounds.asleep = false;
            }
            rounds.asked = false;
            drop(rounds);
            for outbox in outboxes() {
                outbox.send_waiting();
            }
        }
    }

    fn rounds(&self) -> MutexGuard<'_, Rounds> {
        self.rounds.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    //! The outbox and the mailman against a real connection on loopback:
    //! every line arrives, once, in the order it was pushed under the lock.

    use super::*;
    use socklab_trace::net::TcpListener;
    use std::io::{BufRead, BufReader, Write};
    use std::sync::mpsc;
    use std::thread;
    use std::time::Duration;

    /// A connected pair: the server's end (for the outbox) and the client's.
    fn pair() -> (TcpStream, std::net::TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        (server, client)
    }

    /// Reads lines until the end, handing each to `lines` as it arrives.
    fn read_lines(client: std::net::TcpStream, lines: mpsc::Sender<String>) {
        for line in BufReader::new(client).lines() {
            let Ok(line) = line else { return };
            if lines.send(line).is_err() {
                return;
            }
        }
    }

    /// A plain writer, enough for these tests: what recv() gives, in
    /// order. (`hub::write_outbox` must also give up on a user who doesn't
    /// read, and keep its batches to about BATCH_BYTES.)
    fn write_all(mut socket: TcpStream, mut outbox: OutboxReceiver) {
        while let Some(line) = outbox.recv() {
            let mut batch = line.as_bytes().to_vec();
            while let Some(line) = outbox.try_recv() {
                batch.extend_from_slice(line.as_bytes());
            }
            socket.write_all(&batch).unwrap();
        }
        socket.shutdown(std::net::Shutdown::Both).unwrap();
    }

    /// `threads` threads push `each` lines apiece, each push under one
    /// lock (the hub's), and ask the mailman to send after releasing it.
    /// Returns the order the lock gave the lines. Fails, rather than hang,
    /// if they don't finish (a push waiting for room nobody makes).
    fn push_from_threads(outbox: &Arc<Outbox>, threads: usize, each: usize) -> Vec<String> {
        let (done, finished) = mpsc::channel();
        let outbox = Arc::clone(outbox);
        thread::spawn(move || done.send(push_all(&outbox, threads, each)));
        finished
            .recv_timeout(Duration::from_secs(60))
            .expect("the pushers did not finish: a push waits for room nobody makes")
    }

    fn push_all(outbox: &Arc<Outbox>, threads: usize, each: usize) -> Vec<String> {
        let hub = Arc::new(Mutex::new(Vec::new()));
        let mailman = Arc::new(Mailman::default());
        let mail = Arc::clone(&mailman);
        // Weak: the outbox must close when the test drops it, as a
        // member's does when the hub removes them.
        let delivered = Arc::downgrade(outbox);
        thread::spawn(move || mail.run(|| delivered.upgrade().into_iter().collect()));
        let pushers: Vec<_> = (0..threads)
            .map(|t| {
                let (hub, mailman, outbox) =
                    (Arc::clone(&hub), Arc::clone(&mailman), Arc::clone(outbox));
                thread::spawn(move || {
                    for i in 0..each {
                        let line = format!("t{t} line {i}");
                        {
                            let mut order = hub.lock().unwrap();
                            outbox.push(format!("{line}\n").into()).unwrap();
                            order.push(line);
                        }
                        mailman.ask();
                    }
                })
            })
            .collect();
        for pusher in pushers {
            pusher.join().unwrap();
        }
        Arc::try_unwrap(hub).unwrap().into_inner().unwrap()
    }

    #[test]
    fn the_mailman_sends_every_line_in_the_locks_order() {
        let (server, client) = pair();
        let (outbox, receiver) = outbox(server.try_clone().unwrap(), 256);
        let writer = thread::spawn(move || write_all(server, receiver));
        let (lines, arrived) = mpsc::channel();
        thread::spawn(move || read_lines(client, lines));

        let order = push_from_threads(&outbox, 4, 5000);
        // Every line must arrive with the outbox still open: a line whose
        // round was never walked would wait here for ever (or until the
        // deadline fails the test). Closing would hand it to the writer
        // and hide that.
        for expected in &order {
            let got = arrived.recv_timeout(Duration::from_secs(10));
            assert_eq!(got.as_ref(), Ok(expected), "lines out of order or stranded");
        }
        drop(outbox);
        writer.join().unwrap();
        assert!(arrived.recv_timeout(Duration::from_secs(10)).is_err());
    }

    #[test]
    fn one_round_sends_more_than_one_send_holds() {
        let (server, client) = pair();
        let (outbox, receiver) = outbox(server.try_clone().unwrap(), 256);
        let writer = thread::spawn(move || write_all(server, receiver));
        let (lines, arrived) = mpsc::channel();
        thread::spawn(move || read_lines(client, lines));
        // 200 KiB waiting, asked for once: more than SEND_BYTES, all of
        // which the mailman must send in that one round.
        let long = "x".repeat(1000);
        for i in 0..200 {
            outbox.push(format!("{i} {long}\n").into()).unwrap();
        }
        let mailman = Arc::new(Mailman::default());
        let mail = Arc::clone(&mailman);
        let delivered = Arc::downgrade(&outbox);
        thread::spawn(move || mail.run(|| delivered.upgrade().into_iter().collect()));
        mailman.ask();
        for i in 0..200 {
            let got = arrived.recv_timeout(Duration::from_secs(10));
            assert_eq!(
                got,
                Ok(format!("{i} {long}")),
                "a line stranded or out of order"
            );
        }
        drop(outbox);
        writer.join().unwrap();
    }

    #[test]
    fn what_a_full_socket_does_not_take_the_writer_sends_in_order() {
        let (server, client) = pair();
        // Small buffers (the kernel doubles these, and never goes below
        // its minimum): 20 000 lines do not fit, so sends come up short
        // and the writer takes over, then hands back, many times.
        socket2::SockRef::from(&server)
            .set_send_buffer_size(4096)
            .unwrap();
        socket2::SockRef::from(&client)
            .set_recv_buffer_size(4096)
            .unwrap();
        let (outbox, receiver) = outbox(server.try_clone().unwrap(), 16);
        let writer = thread::spawn(move || write_all(server, receiver));
        let (lines, arrived) = mpsc::channel();
        thread::spawn(move || read_lines(client, lines));

        let order = push_from_threads(&outbox, 4, 5000);
        drop(outbox);
        for expected in &order {
            let got = arrived.recv_timeout(Duration::from_secs(10));
            assert_eq!(got.as_ref(), Ok(expected), "lines out of order or lost");
        }
        writer.join().unwrap();
        assert!(arrived.recv_timeout(Duration::from_secs(10)).is_err());
    }
}
