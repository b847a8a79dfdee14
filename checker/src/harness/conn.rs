//! The checker's scripted TCP peers: a client connection to the student's
//! server, and a listener the student's client connects to. Every read has
//! a deadline, and every byte goes into the test's transcript.
//!
//! An ordinary connection drains its socket continuously on a thread of its
//! own, so that the checker never becomes a slow reader itself, however
//! fast the student's server writes and however slowly a test reads. Only
//! a connection made with [`Conn::on_demand`] (the deliberately slow reader
//! of a test) reads from the socket when the test asks.

use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::cpu::{self, Stretched, Waiters};
use super::transcript::{Transcript, escape};
use super::{Failure, Program};
use crate::i18n::Text;
use crate::t;

/// How much a draining connection holds for the test before it stops
/// reading (a server that floods a connection the test no longer reads can
/// not fill the checker's memory).
const DRAIN_LIMIT: usize = 64 << 20;

/// One TCP connection driven by the checker.
pub struct Conn {
    name: String,
    stream: TcpStream,
    transcript: Transcript,
    /// Bytes received but not yet returned (after a line, say).
    pending: Vec<u8>,
    /// The peer closed its side.
    eof: bool,
    /// The thread that drains the socket, when there is one.
    drain: Option<Arc<Drain>>,
    /// How long a read waits when the test gives no deadline: the test's
    /// reply deadline ([`super::REPLY`], stretched by `--timeout-scale`).
    reply: Duration,
    /// The test's programs and threads whose waits for a CPU stretch the
    /// deadlines of reads ([`Stretched`]).
    waiters: Waiters,
}

/// What the draining thread has read and the test not yet taken.
struct Drain {
    state: Mutex<DrainState>,
    changed: Condvar,
}

#[derive(Default)]
struct DrainState {
    received: Vec<u8>,
    /// The stream ended (the peer closed, or the connection broke).
    ended: bool,
    /// The Conn was dropped: stop.
    stop: bool,
}

impl Drain {
    fn lock(&self) -> MutexGuard<'_, DrainState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Why a read stopped before it found what it wanted.
enum Stop {
    Eof,
    Deadline,
}

impl Conn {
    /// A connection whose socket is drained continuously (every ordinary
    /// client the checker plays).
    pub(crate) fn new(
        name: String,
        stream: TcpStream,
        transcript: Transcript,
        waiters: Waiters,
    ) -> Conn {
        let mut conn = Conn::on_demand(name, stream, transcript, waiters);
        if let Ok(reader) = conn.stream.try_clone() {
            let drain = Arc::new(Drain {
                state: Mutex::new(DrainState::default()),
                changed: Condvar::new(),
            });
            spawn_drain(
                Arc::clone(&drain),
                reader,
                conn.name.clone(),
                conn.transcript.clone(),
                conn.waiters.clone(),
            );
            conn.drain = Some(drain);
        }
        conn
    }

    /// A connection that reads from its socket only when the test asks: a
    /// reader that stops reading leaves the bytes in the kernel's buffers,
    /// and the peer's send() blocks once they are full.
    pub(crate) fn on_demand(
        name: String,
        stream: TcpStream,
        transcript: Transcript,
        waiters: Waiters,
    ) -> Conn {
        // Send each write as its own segment, so "fragments" really arrive
        // in pieces.
        let _ = stream.set_nodelay(true);
        Conn {
            name,
            stream,
            transcript,
            pending: Vec::new(),
            eof: false,
            drain: None,
            reply: super::REPLY,
            waiters,
        }
    }

    /// The same connection, whose reads without a deadline wait `reply`.
    pub(crate) fn with_reply(mut self, reply: Duration) -> Conn {
        self.reply = reply;
        self
    }

    /// The deadline of a read the test gives none: `reply` from now.
    fn reply_deadline(&self) -> Instant {
        Instant::now() + self.reply
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The underlying socket, for tests that tune it (buffer sizes).
    pub fn stream(&self) -> &TcpStream {
        &self.stream
    }

    /// Sends bytes, all of them.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.transcript.sent(&self.name, bytes);
        self.stream.write_all(bytes).map_err(|e| {
            self.transcript.closed(
                &self.name,
                t!(
                    "note-send-failed",
                    "send failed: {error}",
                    error = e.to_string()
                ),
            );
            Failure::wrong(t!(
                "send-broke",
                "{conn}: the connection broke while the checker was sending: {error}",
                conn = &self.name,
                error = e.to_string()
            ))
        })
    }

    /// Ends the connection with a reset (RST) instead of a FIN, as a
    /// client that crashed does: SO_LINGER of 0, then close(). The peer's
    /// next recv() or send() fails with "connection reset". Only for a
    /// connection made with `Ctx::connect_on_demand`: a draining thread
    /// would keep the socket open.
    pub fn reset(self) {
        debug_assert!(self.drain.is_none(), "reset() of a drained connection");
        let _ = socket2::SockRef::from(&self.stream).set_linger(Some(Duration::ZERO));
        self.transcript.closed(
            &self.name,
            t!("note-reset", "the checker resets the connection (RST)"),
        );
        // Dropping closes the only descriptor of the socket: the RST.
    }

    /// Sends `line` and a `\n`.
    pub fn send_line(&mut self, line: &str) -> Result<(), Failure> {
        self.send(format!("{line}\n").as_bytes())
    }

    /// Sends the pieces as separate segments with a short pause between
    /// them, so the other side's recv() sees them one at a time.
    pub fn send_fragments(&mut self, pieces: &[&[u8]], pause: Duration) -> Result<(), Failure> {
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(pause);
            }
            self.send(piece)?;
        }
        Ok(())
    }

    /// Half-closes: the peer reads end of stream, and can still send to us.
    pub fn shutdown_write(&mut self) -> Result<(), Failure> {
        self.transcript.note(
            &self.name,
            t!(
                "note-shutdown",
                "checker closed its sending side (shutdown)"
            ),
        );
        self.stream
            .shutdown(Shutdown::Write)
            .map_err(|e| Failure::checker(format!("shutdown failed: {e}")))
    }

    /// Moves more received bytes into `pending`, waiting until the deadline
    /// (which moves on while the test's programs wait for a CPU).
    fn fill(&mut self, deadline: &mut Stretched) -> Result<usize, Stop> {
        if self.eof {
            return Err(Stop::Eof);
        }
        match self.drain.clone() {
            Some(drain) => self.fill_from_drain(&drain, deadline),
            None => self.fill_from_socket(deadline),
        }
    }

    /// A deadline of this connection's reads.
    fn stretched(&self, deadline: Instant) -> Stretched {
        Stretched::new(deadline, &self.waiters)
    }

    fn fill_from_drain(&mut self, drain: &Drain, deadline: &mut Stretched) -> Result<usize, Stop> {
        let mut state = drain.lock();
        loop {
            if !state.received.is_empty() {
                let n = state.received.len();
                self.pending.append(&mut state.received);
                drain.changed.notify_all();
                return Ok(n);
            }
            if state.ended {
                self.eof = true;
                return Err(Stop::Eof);
            }
            if deadline.passed() {
                return Err(Stop::Deadline);
            }
            deadline.waiting();
            state = drain
                .changed
                .wait_timeout(state, deadline.left())
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn fill_from_socket(&mut self, deadline: &mut Stretched) -> Result<usize, Stop> {
        if deadline.passed() {
            return Err(Stop::Deadline);
        }
        deadline.waiting();
        // Never 0, which would mean no timeout at all.
        let left = deadline.left().max(Duration::from_micros(1));
        let _ = self.stream.set_read_timeout(Some(left));
        let mut buffer = [0u8; 16384];
        match self.stream.read(&mut buffer) {
            Ok(0) => {
                self.eof = true;
                self.transcript.closed(
                    &self.name,
                    t!("note-end-of-stream", "end of stream (the peer closed)"),
                );
                Err(Stop::Eof)
            }
            Ok(n) => {
                self.transcript.received(&self.name, &buffer[..n]);
                self.pending.extend_from_slice(&buffer[..n]);
                Ok(n)
            }
            // The deadline as it stood has come: the next call asks it
            // whether it moves on (the peer waited for a CPU meanwhile).
            // Failing here, as this once did, kept every read of a socket
            // to its deadline however loaded the machine.
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => Ok(0),
            Err(e) if e.kind() == ErrorKind::Interrupted => Ok(0),
            Err(e) => {
                self.eof = true;
                self.transcript.closed(
                    &self.name,
                    t!(
                        "note-broken",
                        "connection broken: {error}",
                        error = e.to_string()
                    ),
                );
                Err(Stop::Eof)
            }
        }
    }

    /// Reads one line, without its `\n` and one `\r` before it (the
    /// handouts allow `\r\n` line endings). Fails if the peer closes first
    /// or the reply deadline passes. `what` is said as it is (`&str`) or
    /// translated (`t!(...)`).
    pub fn read_line(&mut self, what: impl Into<Text>) -> Result<String, Failure> {
        self.read_line_of(&mut self.stretched(self.reply_deadline()), what.into())
    }

    /// [`Conn::read_line`], failing at `deadline`.
    pub fn read_line_by(
        &mut self,
        deadline: Instant,
        what: impl Into<Text>,
    ) -> Result<String, Failure> {
        self.read_line_of(&mut self.stretched(deadline), what.into())
    }

    /// As [`Conn::read_line`], waiting for `what` said in any language.
    fn read_line_of(&mut self, deadline: &mut Stretched, what: Text) -> Result<String, Failure> {
        let line = self.read_raw_line_of(deadline, what)?;
        Ok(String::from_utf8_lossy(&line).into_owned())
    }

    /// Reads one line as bytes, without its `\n` and one `\r` before it.
    pub fn read_raw_line(&mut self, what: impl Into<Text>) -> Result<Vec<u8>, Failure> {
        self.read_raw_line_of(&mut self.stretched(self.reply_deadline()), what.into())
    }

    /// [`Conn::read_raw_line`], failing at `deadline`.
    pub fn read_raw_line_by(
        &mut self,
        deadline: Instant,
        what: impl Into<Text>,
    ) -> Result<Vec<u8>, Failure> {
        self.read_raw_line_of(&mut self.stretched(deadline), what.into())
    }

    fn read_raw_line_of(
        &mut self,
        deadline: &mut Stretched,
        what: Text,
    ) -> Result<Vec<u8>, Failure> {
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if let Err(stop) = self.fill(deadline) {
                return Err(self.stopped(stop, what));
            }
        }
    }

    /// Reads lines until one equals `expected`; returns the lines skipped
    /// on the way. Fails at the reply deadline or if the peer closes first.
    pub fn wait_for_line(&mut self, expected: &str) -> Result<Vec<String>, Failure> {
        self.wait_for_line_by(expected, self.reply_deadline())
    }

    /// [`Conn::wait_for_line`], failing at `deadline`.
    pub fn wait_for_line_by(
        &mut self,
        expected: &str,
        deadline: Instant,
    ) -> Result<Vec<String>, Failure> {
        let what = t!(
            "the-line",
            "the line {line}",
            line = format!("{expected:?}")
        );
        let mut skipped = Vec::new();
        let mut deadline = self.stretched(deadline);
        loop {
            match self.read_line_of(&mut deadline, what.clone()) {
                Ok(line) if line == expected => return Ok(skipped),
                Ok(line) => skipped.push(line),
                Err(mut failure) => {
                    if !skipped.is_empty() {
                        let before = skipped
                            .iter()
                            .map(|l| format!("{l:?}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        failure.got = Some(t!(
                            "got-before-that",
                            "{got}; before that: {before}",
                            got = failure.got.unwrap_or_default(),
                            before = before
                        ));
                    }
                    return Err(failure);
                }
            }
        }
    }

    /// Reads one line and checks it is exactly `expected`.
    pub fn expect_line(&mut self, expected: &str) -> Result<(), Failure> {
        self.expect_line_by(expected, self.reply_deadline())
    }

    /// [`Conn::expect_line`], failing at `deadline`.
    pub fn expect_line_by(&mut self, expected: &str, deadline: Instant) -> Result<(), Failure> {
        let what = t!(
            "the-line",
            "the line {line}",
            line = format!("{expected:?}")
        );
        let line = self.read_line_of(&mut self.stretched(deadline), what)?;
        if line == expected {
            Ok(())
        } else {
            Err(Failure::wrong(t!(
                "different-line",
                "{conn}: a different line arrived",
                conn = &self.name
            ))
            .expected(format!("{expected:?}"))
            .got(format!("{line:?}")))
        }
    }

    /// Reads exactly `n` bytes.
    pub fn read_exact(&mut self, n: usize, what: impl Into<Text>) -> Result<Vec<u8>, Failure> {
        self.read_exact_by(n, self.reply_deadline(), what)
    }

    /// [`Conn::read_exact`], failing at `deadline`.
    pub fn read_exact_by(
        &mut self,
        n: usize,
        deadline: Instant,
        what: impl Into<Text>,
    ) -> Result<Vec<u8>, Failure> {
        let mut deadline = self.stretched(deadline);
        while self.pending.len() < n {
            if let Err(stop) = self.fill(&mut deadline) {
                return Err(self.stopped(stop, what.into()));
            }
        }
        Ok(self.pending.drain(..n).collect())
    }

    /// Reads everything until the peer closes; fails at the reply deadline.
    pub fn read_to_end(&mut self, what: impl Into<Text>) -> Result<Vec<u8>, Failure> {
        self.read_to_end_by(self.reply_deadline(), what)
    }

    /// [`Conn::read_to_end`], failing at `deadline`.
    pub fn read_to_end_by(
        &mut self,
        deadline: Instant,
        what: impl Into<Text>,
    ) -> Result<Vec<u8>, Failure> {
        let mut deadline = self.stretched(deadline);
        loop {
            match self.fill(&mut deadline) {
                Ok(_) => {}
                Err(Stop::Eof) => return Ok(std::mem::take(&mut self.pending)),
                Err(Stop::Deadline) => return Err(self.stopped(Stop::Deadline, what.into())),
            }
        }
    }

    /// Expects the peer to close the connection with nothing more to say,
    /// before the reply deadline.
    pub fn expect_close(&mut self, why: impl Into<Text>) -> Result<(), Failure> {
        self.expect_close_by(self.reply_deadline(), why)
    }

    /// [`Conn::expect_close`], by `deadline`.
    pub fn expect_close_by(
        &mut self,
        deadline: Instant,
        why: impl Into<Text>,
    ) -> Result<(), Failure> {
        let rest = self.read_to_end_by(deadline, why)?;
        if rest.is_empty() {
            Ok(())
        } else {
            Err(Failure::wrong(t!(
                "more-before-close",
                "{conn}: more data arrived before the connection closed",
                conn = &self.name
            ))
            .expected(t!("end-of-stream", "end of stream"))
            .got(format!("\"{}\"", escape(&rest))))
        }
    }

    /// Sends `pieces` from a second thread, pausing between them, and then
    /// half-closes, while this thread reads until the peer closes. A peer
    /// that sends back as it reads (an echo) needs this: if we sent
    /// everything before reading, both directions' buffers could fill and
    /// each side would wait for the other forever.
    ///
    /// Fails when nothing arrives for `stall`, or at `deadline` however
    /// much arrives: a correct echo of a megabyte sent in small pieces can
    /// take longer than a reply on a loaded machine, and its total time
    /// says nothing, while a stalled one is seen as soon as it stalls.
    pub fn send_and_read_to_end(
        &mut self,
        pieces: &[&[u8]],
        pause: Duration,
        stall: Duration,
        deadline: Instant,
        what: impl Into<Text>,
    ) -> Result<Vec<u8>, Failure> {
        let mut writer = self
            .stream
            .try_clone()
            .map_err(|e| Failure::checker(format!("try_clone: {e}")))?;
        let transcript = self.transcript.clone();
        let name = self.name.clone();
        std::thread::scope(|scope| {
            let sending = scope.spawn(move || {
                for (i, piece) in pieces.iter().enumerate() {
                    if i > 0 {
                        std::thread::sleep(pause);
                    }
                    transcript.sent(&name, piece);
                    writer.write_all(piece)?;
                }
                transcript.note(
                    &name,
                    t!(
                        "note-shutdown",
                        "checker closed its sending side (shutdown)"
                    ),
                );
                writer.shutdown(Shutdown::Write)
            });
            let received = loop {
                // The stall, not the overall deadline, moves on while the
                // peer waits for a CPU: a loaded machine slows an echo.
                let mut until = self.stretched((Instant::now() + stall).min(deadline));
                match self.fill(&mut until) {
                    Ok(_) => {}
                    Err(Stop::Eof) => break Ok(std::mem::take(&mut self.pending)),
                    Err(Stop::Deadline) => break Err(self.stopped(Stop::Deadline, what.into())),
                }
            };
            if received.is_err() {
                // Unblock the writer if the peer stopped reading.
                let _ = self.stream.shutdown(Shutdown::Both);
            }
            match sending.join() {
                Ok(Err(e)) if received.is_ok() => {
                    self.transcript.closed(
                        &self.name,
                        t!(
                            "note-send-failed",
                            "send failed: {error}",
                            error = e.to_string()
                        ),
                    );
                    Err(Failure::wrong(t!(
                        "send-broke-still",
                        "{conn}: the connection broke while the checker was still sending: {error}",
                        conn = &self.name,
                        error = e.to_string()
                    )))
                }
                _ => received,
            }
        })
    }

    /// Bytes received and not yet consumed.
    pub fn pending(&self) -> &[u8] {
        &self.pending
    }

    fn stopped(&self, stop: Stop, what: Text) -> Failure {
        let so_far = if self.pending.is_empty() {
            t!("nothing", "nothing")
        } else {
            Text::english(format!(
                "\"{}\"",
                escape(&self.pending[..self.pending.len().min(200)])
            ))
        };
        match stop {
            Stop::Eof => Failure::wrong(t!(
                "closed-while-waiting",
                "{conn}: the connection closed while waiting for {what}",
                conn = &self.name,
                what = &what
            ))
            .expected(what)
            .got(t!(
                "then-end-of-stream",
                "{so_far}, then end of stream",
                so_far = so_far
            )),
            Stop::Deadline => Failure::timeout(t!(
                "nothing-more-arrived",
                "{conn}: nothing more arrived while waiting for {what}",
                conn = &self.name,
                what = &what
            ))
            .expected(what)
            .got(t!(
                "before-the-deadline",
                "{so_far} before the deadline",
                so_far = so_far
            )),
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(drain) = &self.drain {
            drain.lock().stop = true;
            drain.changed.notify_all();
            // Wakes the draining thread from its read(); the connection
            // closes as it would if the test's own socket were closed.
            let _ = self.stream.shutdown(Shutdown::Both);
        }
    }
}

/// Reads `stream` until it ends, recording every piece as it arrives, and
/// keeps what it read for the test to take.
fn spawn_drain(
    drain: Arc<Drain>,
    mut stream: TcpStream,
    name: String,
    transcript: Transcript,
    waiters: Waiters,
) {
    // A drain the loaded machine runs late holds bytes back from the test:
    // its waits for a CPU stretch the test's deadlines too.
    cpu::spawn_counted(&waiters, move || {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            {
                // Hold back while the test has not taken what we read.
                let mut state = drain.lock();
                while state.received.len() >= DRAIN_LIMIT && !state.stop {
                    state = drain.changed.wait(state).unwrap_or_else(|p| p.into_inner());
                }
                if state.stop {
                    return;
                }
            }
            let ended = match stream.read(&mut buffer) {
                Ok(0) => Some(t!("note-end-of-stream", "end of stream (the peer closed)")),
                Ok(n) => {
                    transcript.received(&name, &buffer[..n]);
                    drain.lock().received.extend_from_slice(&buffer[..n]);
                    None
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => None,
                Err(e) => Some(t!(
                    "note-broken",
                    "connection broken: {error}",
                    error = e.to_string()
                )),
            };
            if let Some(how) = ended {
                let mut state = drain.lock();
                if !state.stop {
                    transcript.closed(&name, how);
                }
                state.ended = true;
                drain.changed.notify_all();
                return;
            }
            drain.changed.notify_all();
        }
    });
}

/// Connects to `addr`, giving up at `deadline`. With `receive_buffer`, the
/// socket's SO_RCVBUF is set first (before connect(), so that the window
/// the peer sees is small from the start).
pub(crate) fn connect(
    addr: SocketAddr,
    deadline: Instant,
    receive_buffer: Option<usize>,
) -> io::Result<TcpStream> {
    let remaining = deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(1));
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(addr),
        socket2::Type::STREAM,
        None,
    )?;
    if let Some(bytes) = receive_buffer {
        socket.set_recv_buffer_size(bytes)?;
    }
    socket.connect_timeout(&addr.into(), remaining)?;
    Ok(socket.into())
}

/// A listening socket of the checker's, for the student's client to reach.
pub struct ScriptedListener {
    listener: TcpListener,
    transcript: Transcript,
    accepted: usize,
    /// The reply deadline of the connections it accepts ([`Conn::read_line`]).
    reply: Duration,
    waiters: Waiters,
}

impl ScriptedListener {
    pub(crate) fn bind(
        addr: SocketAddr,
        transcript: Transcript,
        reply: Duration,
        waiters: Waiters,
    ) -> Result<ScriptedListener, Failure> {
        let listener = TcpListener::bind(addr)
            .map_err(|e| Failure::checker(format!("could not listen on {addr}: {e}")))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Failure::checker(format!("set_nonblocking: {e}")))?;
        Ok(ScriptedListener {
            listener,
            transcript,
            accepted: 0,
            reply,
            waiters,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Waits for `program` to connect. Returns at once if the program exits
    /// first: a client that died will never connect.
    pub fn accept(&mut self, program: &Program, deadline: Instant) -> Result<Conn, Failure> {
        // A client the loaded machine starts late has not failed to
        // connect: the deadline moves on while it waits for a CPU.
        let mut deadline = Stretched::new(deadline, &self.waiters);
        deadline.waiting();
        loop {
            match self.listener.accept() {
                Ok((stream, peer)) => {
                    let _ = stream.set_nonblocking(false);
                    self.accepted += 1;
                    let name = format!("{}#{}", program.label(), self.accepted);
                    self.transcript.note(
                        &name,
                        t!(
                            "note-connected-from",
                            "{label} connected from {peer}",
                            label = Text::program(program.label()),
                            peer = peer.to_string()
                        ),
                    );
                    return Ok(Conn::new(
                        name,
                        stream,
                        self.transcript.clone(),
                        self.waiters.clone(),
                    )
                    .with_reply(self.reply));
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) => return Err(Failure::checker(format!("accept failed: {e}"))),
            }
            if let Some(status) = program.exit_status() {
                return Err(Failure::crashed(t!(
                    "ended-without-connecting",
                    "the {label} {ended} without connecting to the checker",
                    label = Text::program(program.label()),
                    ended = super::program::describe_exit(status)
                )));
            }
            if deadline.passed() {
                return Err(Failure::timeout(t!(
                    "did-not-connect",
                    "the {label} did not connect to {addr} before the deadline",
                    label = Text::program(program.label()),
                    addr = self.addr().to_string()
                )));
            }
            // Wake on the program's exit at once, or look again shortly.
            let slice = (Instant::now() + Duration::from_millis(5)).min(deadline.at());
            program.wait_raw(slice, |s| s.exit.map(|_| ()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::cpu::spinner_on_one_cpu;

    #[test]
    fn a_read_on_demand_waits_on_while_the_peer_waits_for_a_cpu() {
        // Three spinners on one CPU, counted as the test's programs: each
        // waits for it two thirds of the time, so the deadline keeps moving.
        let mut spinners = [
            spinner_on_one_cpu(),
            spinner_on_one_cpu(),
            spinner_on_one_cpu(),
        ];
        let waiters = Waiters::default();
        for spinner in &spinners {
            waiters.process(spinner.id() as i32);
        }
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut peer = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (stream, _) = listener.accept().unwrap();
        let mut conn = Conn::on_demand(
            "c1".into(),
            stream,
            Transcript::new(Instant::now()),
            waiters,
        );
        // The line comes well after the deadline as it was first set.
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            peer.write_all(b"late\n")
        });
        let line = conn.read_line_by(Instant::now() + Duration::from_millis(50), "a line");
        for spinner in &mut spinners {
            let _ = spinner.kill();
            let _ = spinner.wait();
        }
        writer.join().unwrap().unwrap();
        assert_eq!(
            line.map_err(|f| f.message.to_string()).as_deref(),
            Ok("late"),
            "the read ended at its deadline though the peer waited for a CPU"
        );
    }
}
