//! Student programs as child processes: started in their own process group,
//! watched by threads that record stdout, stderr and the exit status the
//! moment they happen, and killed (the whole group) when the test is over,
//! when the checker panics, or on Ctrl-C.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{ChildStdin, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Instant;

use super::Failure;
use super::cpu::{self, Stretched, Waiters};
use super::sandbox::{self, Limits};
use super::target::Launch;
// Its home was here; the path stays for the kit's tests and lib.rs.
pub use super::target::shell_quote;
use crate::i18n::Text;
use crate::t;

/// How a program is started, besides its arguments.
#[derive(Debug, Clone, Default)]
pub struct Spawn {
    /// The test it belongs to (its processes carry it in SOCKLAB_TEST).
    pub token: String,
    /// Variables the lab sets (such as TZ), on top of the stated few.
    pub envs: Vec<(String, String)>,
    /// Limits other than the run's (a test that needs a low file limit).
    pub limits: Option<Limits>,
    /// A network namespace of its own (a test that needs the kernel to
    /// pick its ports).
    pub network: Option<super::netns::PrivateNetwork>,
    /// Arguments to show in the command the report prints instead of the
    /// real ones (a client test shows a port the student can listen on);
    /// [`super::Target::launch`] makes them into the shown command.
    pub shown_args: Option<Vec<String>>,
    /// The test's programs and threads whose waits for a CPU stretch its
    /// deadlines; the program joins them.
    pub waiters: Waiters,
}

/// How much of a program's stdout is kept (tests read it from the start); a
/// program that prints garbage forever can't fill the checker's memory.
const OUTPUT_LIMIT: usize = 4 << 20;

/// How much of the start and of the end of a program's stderr is kept: the
/// end holds a panic's message and location, however much came before.
const STDERR_KEPT: usize = 128 << 10;

/// Process groups started and not yet killed, for the Ctrl-C handler.
static LIVE_GROUPS: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// Kills every process group the checker started and has not killed yet.
/// Called from the Ctrl-C / SIGTERM handler.
pub fn kill_all() {
    let groups = std::mem::take(&mut *lock(&LIVE_GROUPS));
    for pgid in groups {
        kill_group(pgid);
    }
}

fn kill_group(pgid: i32) {
    // SAFETY: kill(2) with a negative pid signals a process group; it has no
    // memory-safety preconditions. ESRCH (already gone) is fine.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the watcher threads have seen of a program so far.
#[derive(Debug, Default)]
pub struct State {
    pub stdout: Vec<u8>,
    /// The start of stderr, up to STDERR_KEPT bytes.
    pub stderr: Vec<u8>,
    /// The end of stderr past the start, its last STDERR_KEPT bytes...
    pub stderr_tail: std::collections::VecDeque<u8>,
    /// ...and how many bytes between the two were cut.
    pub stderr_cut: usize,
    /// How many bytes of stderr, and of them newlines, were read so far.
    pub stderr_read: usize,
    pub stderr_lines: usize,
    /// Points in stderr asked for by [`Program::stderr_mark`]: a byte
    /// count, and the lines up to it once the reader has read that far.
    stderr_marks: Vec<(usize, Option<usize>)>,
    pub stdout_closed: bool,
    pub stderr_closed: bool,
    pub exit: Option<ExitStatus>,
    /// The checker stops reading stdout (the pipe fills, and the program's
    /// writes to stdout block), as a console nobody reads would.
    pub stdout_paused: bool,
}

impl State {
    fn finished(&self) -> bool {
        self.exit.is_some() && self.stdout_closed && self.stderr_closed
    }
}

struct Inner {
    label: String,
    command_line: String,
    told: Option<SocketAddr>,
    pgid: i32,
    state: Mutex<State>,
    changed: Condvar,
    stdin: Mutex<Option<ChildStdin>>,
    /// A copy of the read end of the stderr pipe, to ask the kernel how
    /// much the program wrote that the reader thread has not read yet.
    stderr_pipe: Option<std::os::fd::OwnedFd>,
    /// Whose waits for a CPU stretch the waits for this program.
    waiters: Waiters,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Inner {
    fn kill(&self) {
        // A paused stdout reader must see the pipe's end, and let go.
        self.update(|s| s.stdout_paused = false);
        let mut live = lock(&LIVE_GROUPS);
        if let Some(i) = live.iter().position(|&g| g == self.pgid) {
            live.swap_remove(i);
            kill_group(self.pgid);
        }
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut lock(&self.state));
        self.changed.notify_all();
    }
}

/// A running (or finished) student program. Clones share the process; it
/// is killed when the last clone is dropped, or by [`Program::kill`].
#[derive(Clone)]
pub struct Program {
    inner: Arc<Inner>,
}

impl Program {
    /// Starts what `launch` says in a new process group, with piped stdio.
    pub fn spawn(label: &str, launch: &Launch, how: &Spawn) -> Result<Program, Failure> {
        // Orphans of the program come back to the checker, to be killed.
        sandbox::become_subreaper();
        let limits = how.limits.unwrap_or(sandbox::settings().limits);
        let network = how.network;
        let run_as = sandbox::settings().run_as;
        sandbox::make_scratch_dir(&how.token).map_err(|e| {
            Failure::checker(format!(
                "could not make the test's temporary folder {}: {e}",
                sandbox::scratch_dir(&how.token).display()
            ))
        })?;
        let mut command = Command::new(&launch.program);
        if let Some(arg0) = &launch.arg0 {
            command.arg0(arg0);
        }
        command
            .args(&launch.args)
            // Pipes, never the checker's own stdout and stderr.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A small, stated environment: no secrets of the checker's.
            .env_clear()
            .envs(sandbox::environment(&how.token))
            .envs(how.envs.iter().cloned())
            // Its own process group: one kill() reaches the program and
            // anything it started.
            .process_group(0);
        // SAFETY: prctl and setrlimit are async-signal-safe and touch no
        // memory of ours. PDEATHSIG: if the checker dies without cleaning
        // up (SIGKILL), the kernel kills the child too.
        unsafe {
            command.pre_exec(move || {
                limits.apply();
                if let Some(network) = &network {
                    network.enter()?;
                }
                // Last: the namespace above needs root, if we are root.
                if let Some(user) = &run_as {
                    user.become_user()?;
                }
                // After setuid, which clears it.
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let command_line = launch.shown.clone();
        let mut child = command
            .spawn()
            .map_err(|e| Failure::checker(format!("could not start `{command_line}`: {e}")))?;
        let pgid = child.id() as i32;
        lock(&LIVE_GROUPS).push(pgid);
        sandbox::watch(pgid);
        how.waiters.process(pgid);
        let stderr_pipe = child
            .stderr
            .as_ref()
            .and_then(|pipe| std::os::fd::AsFd::as_fd(pipe).try_clone_to_owned().ok());
        let inner = Arc::new(Inner {
            label: label.to_string(),
            command_line,
            told: launch.told,
            pgid,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            stdin: Mutex::new(child.stdin.take()),
            stderr_pipe,
            waiters: how.waiters.clone(),
        });

        // Watcher threads hold a Weak reference so that they never keep a
        // program alive; they only record what happens.
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        spawn_reader(&inner, stdout, keep_stdout, |s| s.stdout_paused);
        spawn_reader(&inner, stderr, keep_stderr, |_| false);
        let weak = Arc::downgrade(&inner);
        // An exit this thread has not seen yet is one the test can't see
        // either: its waits for a CPU count.
        cpu::spawn_counted(&how.waiters, move || {
            let status = child.wait();
            sandbox::unwatch(pgid);
            if let Some(inner) = weak.upgrade() {
                inner.update(|s| {
                    s.exit = Some(status.unwrap_or_else(|_| ExitStatus::from_raw(-1)));
                });
            }
        });
        Ok(Program { inner })
    }

    /// The process id (also its process group's id).
    pub fn pid(&self) -> i32 {
        self.inner.pgid
    }

    /// How many threads the program has now (/proc/<pid>/task); `None`
    /// once it has gone.
    pub fn thread_count(&self) -> Option<usize> {
        std::fs::read_dir(format!("/proc/{}/task", self.pid()))
            .ok()
            .map(|tasks| tasks.count())
    }

    /// "server" or "client": how the report names this program.
    pub fn label(&self) -> &str {
        &self.inner.label
    }

    /// The command as the student would type it to reproduce the test.
    pub fn command_line(&self) -> &str {
        &self.inner.command_line
    }

    /// The address a server started from a command template was told to
    /// listen on ([`Launch::told`]).
    pub fn told(&self) -> Option<SocketAddr> {
        self.inner.told
    }

    /// Kills the program's whole process group (idempotent).
    pub fn kill(&self) {
        self.inner.kill();
    }

    /// Runs `f` on the current state.
    pub fn with_state<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&lock(&self.inner.state))
    }

    pub fn exit_status(&self) -> Option<ExitStatus> {
        self.with_state(|s| s.exit)
    }

    pub fn stdout(&self) -> String {
        self.with_state(|s| String::from_utf8_lossy(&s.stdout).into_owned())
    }

    /// Its stderr: all of it, or its start and its end with a line saying
    /// how much was cut between them.
    pub fn stderr(&self) -> String {
        self.with_state(|s| {
            let mut text = String::from_utf8_lossy(&s.stderr).into_owned();
            if s.stderr_cut > 0 {
                text.push_str(&format!("\n… {} bytes cut …\n", s.stderr_cut));
            }
            let (a, b) = s.stderr_tail.as_slices();
            text.push_str(&String::from_utf8_lossy(&[a, b].concat()));
            text
        })
    }

    /// How many lines the program has written to stderr by now: also those
    /// still in the pipe, which the reader thread has not read yet (waiting
    /// for it until `deadline`). A line written before the program did
    /// something the checker has seen (sent a datagram) is counted, however
    /// late the reader thread runs.
    pub fn stderr_lines_by_now(&self, deadline: Instant) -> usize {
        let mark = self.stderr_mark();
        self.stderr_lines_at(mark, deadline)
    }

    /// Marks what the program has written to stderr by now, without waiting:
    /// what the reader thread has read and what is still in the pipe. The
    /// lines up to the mark are counted later ([`Program::stderr_lines_at`]),
    /// so a test can answer the program first and count afterwards, and a
    /// line written after the answer is not among them.
    pub fn stderr_mark(&self) -> StderrMark {
        let mut s = lock(&self.inner.state);
        {
            let mut pending: libc::c_int = 0;
            if let Some(pipe) = &self.inner.stderr_pipe {
                // SAFETY: FIONREAD on a valid file descriptor writes one
                // c_int. Asked holding the state's lock, while the reader
                // thread can't be between its read() and its record.
                let asked = unsafe {
                    libc::ioctl(
                        std::os::fd::AsRawFd::as_raw_fd(pipe),
                        libc::FIONREAD,
                        &mut pending,
                    )
                };
                if asked != 0 {
                    pending = 0;
                }
            }
            let lines = (pending <= 0).then_some(s.stderr_lines);
            let at = s.stderr_read + pending.max(0) as usize;
            s.stderr_marks.push((at, lines));
            StderrMark(s.stderr_marks.len() - 1)
        }
    }

    /// The lines the program had written to stderr by `mark`, waiting until
    /// `deadline` for the reader thread to read that far (past it: the lines
    /// read so far).
    pub fn stderr_lines_at(&self, mark: StderrMark, deadline: Instant) -> usize {
        self.wait_for(deadline, |s| s.stderr_marks[mark.0].1)
            .unwrap_or_else(|| self.with_state(|s| s.stderr_lines))
    }

    /// Waits until `f` returns `Some`, the deadline passes (`None`), or
    /// nothing more can happen: the program has exited and its output is
    /// closed (then `f` sees that final state once more). The deadline is
    /// as given: for a slice of a longer wait ([`Program::wait_for`]).
    pub(crate) fn wait_raw<T>(
        &self,
        deadline: Instant,
        mut f: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let mut state = lock(&self.inner.state);
        loop {
            if let Some(value) = f(&state) {
                return Some(value);
            }
            let now = Instant::now();
            if state.finished() || now >= deadline {
                return None;
            }
            state = self
                .inner
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
    }

    /// Waits until `f` returns `Some`, the deadline passes (`None`), or
    /// nothing more can happen: the program has exited and its output is
    /// closed (then `f` sees that final state once more). The deadline
    /// moves on by the time the test's programs waited for a CPU meanwhile
    /// ([`Stretched`]): a program that the loaded machine ran late has not
    /// hung.
    pub fn wait_for<T>(
        &self,
        deadline: Instant,
        mut f: impl FnMut(&State) -> Option<T>,
    ) -> Option<T> {
        let mut deadline = Stretched::new(deadline, &self.inner.waiters);
        loop {
            deadline.waiting();
            if let Some(value) = self.wait_raw(deadline.at(), &mut f) {
                return Some(value);
            }
            if self.with_state(State::finished) || deadline.passed() {
                return None;
            }
        }
    }

    /// Waits for the program to exit, until the deadline (stretched as
    /// [`Program::wait_for`] says).
    pub fn wait_exit(&self, deadline: Instant) -> Option<ExitStatus> {
        self.wait_for(deadline, |s| if s.finished() { s.exit } else { None })
            .or_else(|| self.exit_status())
    }

    /// Whose waits for a CPU stretch the deadlines of waits for this
    /// program.
    pub fn waiters(&self) -> &Waiters {
        &self.inner.waiters
    }

    /// Writes to the program's stdin (the admin console, a typed line).
    pub fn write_stdin(&self, bytes: &[u8]) -> std::io::Result<()> {
        match lock(&self.inner.stdin).as_mut() {
            Some(stdin) => stdin.write_all(bytes).and_then(|()| stdin.flush()),
            None => Err(std::io::Error::other("stdin is already closed")),
        }
    }

    /// How many bytes written to the program's stdin it has not read yet
    /// (the pipe's FIONREAD, which Linux answers on either end); `None`
    /// once stdin is closed or where the kernel does not say. A test that
    /// watches what a program does *after* it read its input waits for 0.
    pub fn stdin_unread(&self) -> Option<usize> {
        use std::os::fd::AsRawFd;
        let stdin = lock(&self.inner.stdin);
        let fd = stdin.as_ref()?.as_raw_fd();
        let mut unread: libc::c_int = 0;
        // SAFETY: FIONREAD writes one c_int through the pointer, which is
        // valid for the call; the fd is open while the lock is held.
        let result = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut unread) };
        (result == 0).then(|| usize::try_from(unread).unwrap_or(0))
    }

    /// Waits until every thread of the program is asleep (state S or D in
    /// /proc) in two looks in a row, and none of them ran in between (its
    /// context switch counts unchanged), or the deadline passes: the
    /// program has done all it was going to do with what it has read so
    /// far. Returns whether it saw that. A program that polls never looks
    /// asleep; it is waited for until the deadline.
    pub fn wait_asleep(&self, deadline: Instant) -> bool {
        let mut last: Option<Vec<(String, String)>> = None;
        loop {
            let now = threads(self.pid());
            let asleep = now.as_ref().is_some_and(|t| {
                !t.is_empty() && t.iter().all(|(state, _)| state == "S" || state == "D")
            });
            if asleep && now.is_some() && now == last {
                return true;
            }
            last = if asleep { now } else { None };
            if Instant::now() >= deadline || self.exit_status().is_some() {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Stops reading the program's stdout until [`Program::resume_stdout`]:
    /// once the pipe is full, the program's writes to stdout block.
    pub fn pause_stdout(&self) {
        self.inner.update(|s| s.stdout_paused = true);
    }

    pub fn resume_stdout(&self) {
        self.inner.update(|s| s.stdout_paused = false);
    }

    /// Closes the program's stdin: it reads end of file.
    pub fn close_stdin(&self) {
        lock(&self.inner.stdin).take();
    }
}

/// A point in a program's stderr ([`Program::stderr_mark`]).
#[derive(Clone, Copy, Debug)]
pub struct StderrMark(usize);

fn spawn_reader(
    inner: &Arc<Inner>,
    mut pipe: impl Read + std::os::fd::AsRawFd + Send + 'static,
    keep: fn(&mut State, Option<&[u8]>),
    paused: fn(&State) -> bool,
) {
    let weak = Arc::downgrade(inner);
    // Output this thread has not read yet is output the test can't see:
    // its waits for a CPU stretch the test's deadlines too.
    cpu::spawn_counted(&inner.waiters, move || {
        let mut buffer = [0u8; 8192];
        loop {
            // Wait for output (or the pipe's end) without the state's
            // lock...
            let mut ready = libc::pollfd {
                fd: pipe.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the length given.
            if unsafe { libc::poll(&mut ready, 1, -1) } < 0 {
                continue; // interrupted
            }
            let Some(inner) = weak.upgrade() else { return };
            let mut state = lock(&inner.state);
            while paused(&state) {
                state = inner
                    .changed
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
            // ...and read it holding the lock (it is there: this read does
            // not block): what the program wrote is always either still in
            // the pipe or in the state, never on its way between
            // (stderr_lines_by_now counts on that).
            let read = pipe.read(&mut buffer).unwrap_or(0);
            keep(&mut state, (read > 0).then(|| &buffer[..read]));
            drop(state);
            inner.changed.notify_all();
            if read == 0 {
                return;
            }
        }
    });
}

/// Records a piece of stdout (`None`: it closed), up to OUTPUT_LIMIT.
fn keep_stdout(state: &mut State, piece: Option<&[u8]>) {
    match piece {
        None => state.stdout_closed = true,
        Some(piece) => {
            let room = OUTPUT_LIMIT.saturating_sub(state.stdout.len());
            state
                .stdout
                .extend_from_slice(&piece[..piece.len().min(room)]);
        }
    }
}

/// Records a piece of stderr (`None`: it closed): its start, and its last
/// STDERR_KEPT bytes, counting what falls between.
fn keep_stderr(state: &mut State, piece: Option<&[u8]>) {
    let Some(mut piece) = piece else {
        state.stderr_closed = true;
        return;
    };
    let before = state.stderr_read;
    state.stderr_read += piece.len();
    let (read, lines) = (state.stderr_read, state.stderr_lines);
    for (at, counted) in &mut state.stderr_marks {
        if counted.is_none() && *at <= read {
            let upto = &piece[..*at - before];
            *counted = Some(lines + upto.iter().filter(|&&b| b == b'\n').count());
        }
    }
    state.stderr_lines += piece.iter().filter(|&&b| b == b'\n').count();
    let room = STDERR_KEPT.saturating_sub(state.stderr.len());
    let (head, rest) = piece.split_at(piece.len().min(room));
    state.stderr.extend_from_slice(head);
    piece = rest;
    if piece.len() > STDERR_KEPT {
        state.stderr_cut += state.stderr_tail.len() + piece.len() - STDERR_KEPT;
        state.stderr_tail.clear();
        piece = &piece[piece.len() - STDERR_KEPT..];
    }
    state.stderr_tail.extend(piece);
    let over = state.stderr_tail.len().saturating_sub(STDERR_KEPT);
    state.stderr_tail.drain(..over);
    state.stderr_cut += over;
}

/// The lines of `output` that are complete: a line is a line only once its
/// `\n` has arrived (a program may write one in several pieces). Each is
/// without its `\n` and one `\r` before it.
pub fn complete_lines(output: &[u8]) -> impl Iterator<Item = String> + '_ {
    let end = output
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    output[..end].split_inclusive(|&b| b == b'\n').map(|line| {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        String::from_utf8_lossy(line).into_owned()
    })
}

/// Describes an exit status the way a student reads it.
pub fn describe_exit(status: ExitStatus) -> Text {
    match (status.code(), status.signal()) {
        (Some(0), _) => t!("exited-normally", "exited normally (status 0)"),
        (Some(101), _) => t!("exited-panicked", "panicked (exit status 101)"),
        (Some(code), _) => t!("exited-with", "exited with status {code}", code = code),
        (None, Some(signal)) => {
            let name = match signal {
                libc::SIGKILL => " (SIGKILL)",
                libc::SIGSEGV => " (SIGSEGV, a crash)",
                libc::SIGABRT => " (SIGABRT, an abort)",
                libc::SIGXCPU => " (SIGXCPU: over the CPU time limit)",
                libc::SIGXFSZ => " (SIGXFSZ: over the file size limit)",
                libc::SIGPIPE => " (SIGPIPE)",
                _ => "",
            };
            t!(
                "killed-by-signal",
                "was killed by signal {signal}{name}",
                signal = signal,
                name = Text::keyed(format!("signal-{signal}"), name.to_string(), Vec::new())
            )
        }
        (None, None) => t!("ended", "ended"),
    }
}

/// Each thread of process `pid`: its state letter and its context switch
/// counts, from /proc/<pid>/task/*/stat and status; `None` if they can't
/// be read.
fn threads(pid: i32) -> Option<Vec<(String, String)>> {
    let mut threads = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let dir = task.ok()?.path();
        let stat = std::fs::read_to_string(dir.join("stat")).ok()?;
        // The state follows the command's closing parenthesis.
        let state = stat
            .rsplit_once(')')?
            .1
            .split_whitespace()
            .next()?
            .to_string();
        let status = std::fs::read_to_string(dir.join("status")).ok()?;
        let switches: String = status
            .lines()
            .filter(|line| line.contains("ctxt_switches"))
            .collect();
        threads.push((state, switches));
    }
    threads.sort();
    Some(threads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_lines_drop_one_carriage_return_and_keep_a_partial_line_back() {
        let lines: Vec<String> = complete_lines(b"a\r\nb\r\r\nc\nparti").collect();
        assert_eq!(lines, ["a", "b\r", "c"]);
    }

    #[test]
    fn a_stderr_mark_counts_the_lines_up_to_it_and_none_after() {
        let mut state = State::default();
        keep_stderr(&mut state, Some(b"one\n"));
        // Marked with 10 bytes written, 4 of them read: "one\ntwo\nth".
        state
            .stderr_marks
            .push((state.stderr_read, Some(state.stderr_lines)));
        state.stderr_marks.push((10, None));
        // The rest arrives in one piece, with lines after the mark.
        keep_stderr(&mut state, Some(b"two\nthree\nfour\n"));
        assert_eq!(state.stderr_marks, [(4, Some(1)), (10, Some(2))]);
        assert_eq!(state.stderr_lines, 4);
    }
}
