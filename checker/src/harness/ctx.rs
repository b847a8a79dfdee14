//! [`Ctx`]: everything one test works with, and the deadlines.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use super::cpu::{Stretched, Waiters};
use super::ready::{Ready, not_ready, ready_line, wait_line_or_listening};
use super::{
    COUNTERS_FOLLOW, Conn, Failure, Limits, PrivateNetwork, Program, Rng, ScriptedListener, Spawn,
    Target, Transcript, Udp, conn, ensure, program, sandbox, target,
};
use crate::i18n::Text;
use crate::t;

/// Deadlines, before `--timeout-scale`. A correct program answers in
/// milliseconds; these only bound how long a broken one can make us wait.
pub const READY: Duration = Duration::from_secs(5);
/// The ready deadline of a server started from a command template: an
/// interpreter or a virtual machine (Python, a JVM) starts slower than a
/// Rust binary.
pub const READY_COMMAND: Duration = Duration::from_secs(10);
pub const REPLY: Duration = Duration::from_secs(3);
pub const EXIT: Duration = Duration::from_secs(3);

/// Everything one test works with. It owns the programs it starts and
/// kills them all when it is dropped.
pub struct Ctx {
    target: Target,
    scale: f64,
    rng: Rng,
    started: Instant,
    transcript: Transcript,
    programs: Vec<Program>,
    connections: usize,
    /// Names this test's processes (SOCKLAB_TEST), to find them all.
    token: String,
    /// The loopback address the test works on (`--host`): servers are told
    /// to listen there.
    host: IpAddr,
    /// Its programs and the checker's threads that read for it: their
    /// waits for a CPU stretch its deadlines.
    waiters: Waiters,
    /// The key of the last note the test wrote ([`Ctx::note`]): the step
    /// it was at, which a hint may be for ([`crate::labs::On::After`]).
    step: std::sync::Mutex<Option<String>>,
}

/// A server the test started: its address from the ready line, and the
/// process.
pub struct Server {
    pub addr: SocketAddr,
    pub program: Program,
}

impl Ctx {
    pub fn new(target: Target, scale: f64, seed: u64) -> Ctx {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let started = Instant::now();
        let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ctx {
            target,
            scale,
            rng: Rng::new(seed),
            started,
            transcript: Transcript::new(started),
            programs: Vec::new(),
            connections: 0,
            token: format!("{}-{number}", std::process::id()),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            waiters: Waiters::default(),
            step: std::sync::Mutex::new(None),
        }
    }

    /// The same context working on another loopback address (`--host ::1`
    /// grades over IPv6).
    pub fn with_host(mut self, host: IpAddr) -> Ctx {
        self.host = host;
        self
    }

    /// The loopback address the test works on: 127.0.0.1 unless the run
    /// was given `--host`. Servers are told to listen there.
    pub fn host(&self) -> IpAddr {
        self.host
    }

    /// Whether the program under test takes the lab's command line as it
    /// is (an executable), so that a test may leave `--host` or `--port`
    /// out to see the defaults. A command template is always given both.
    pub fn takes_defaults(&self) -> bool {
        self.target.exe().is_some()
    }

    /// A wait of `base`, stretched by `--timeout-scale`.
    pub fn stretched(&self, base: Duration) -> Duration {
        base.mul_f64(self.scale)
    }

    /// A deadline `base` from now, stretched by `--timeout-scale`.
    pub fn deadline(&self, base: Duration) -> Instant {
        Instant::now() + base.mul_f64(self.scale)
    }

    /// A deadline `base` from now (stretched by `--timeout-scale`) for a
    /// test's own polling loop (`if deadline.passed()`), which moves on by
    /// the time the test's programs wait for a CPU meanwhile: a program
    /// the loaded machine ran late has not failed. The harness's own waits
    /// (reads, exits, ready lines) stretch their deadlines already.
    pub fn stretching_deadline(&self, base: Duration) -> Stretched {
        let mut deadline = Stretched::new(self.deadline(base), &self.waiters);
        deadline.waiting();
        deadline
    }

    /// The test's random numbers, from the printed seed.
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    /// Writes what the test does next into the transcript; a note made
    /// with `t!` is also the step the test is at ([`Ctx::step`]).
    pub fn note(&self, text: impl Into<Text>) {
        let text = text.into();
        if let Some(key) = text.key() {
            *self.step.lock().unwrap_or_else(|p| p.into_inner()) = Some(key.to_string());
        }
        self.transcript.note("checker", text);
    }

    /// The key of the last note the test wrote, if any: the step it is at.
    pub fn step(&self) -> Option<String> {
        self.step.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Starts the student's binary with these arguments (`label` is how the
    /// report names it: "server", "client").
    pub fn spawn(&mut self, label: &str, args: &[&str]) -> Result<Program, Failure> {
        self.spawn_with(label, args, &[], None)
    }

    /// Starts the student's binary with variables of the lab's (`TZ`) and,
    /// if given, limits other than the run's.
    pub fn spawn_with(
        &mut self,
        label: &str,
        args: &[&str],
        envs: &[(&str, &str)],
        limits: Option<Limits>,
    ) -> Result<Program, Failure> {
        let how = Spawn {
            token: self.token.clone(),
            waiters: self.waiters.clone(),
            envs: envs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            limits,
            shown_args: None,
            network: None,
        };
        self.spawn_how(label, args, how)
    }

    /// Starts the student's binary in a network namespace of its own
    /// (harness::netns): its own loopback, nothing listening, the
    /// ephemeral ports the test chose. Check PrivateNetwork::available()
    /// first, to skip where the machine does not allow it.
    pub fn spawn_isolated(
        &mut self,
        label: &str,
        args: &[&str],
        network: PrivateNetwork,
    ) -> Result<Program, Failure> {
        let how = Spawn {
            token: self.token.clone(),
            waiters: self.waiters.clone(),
            network: Some(network),
            ..Spawn::default()
        };
        self.spawn_how(label, args, how)
    }

    /// Starts the student's binary as [`Ctx::spawn_isolated`] does, under
    /// `/bin/sh`, which writes the namespace's TCP counters
    /// (/proc/net/snmp) on stderr once the program has exited, after the
    /// line [`COUNTERS_FOLLOW`]: nothing else runs in the namespace, so
    /// they count the program's own connect()s, whatever address each
    /// went to and however briefly it lasted ([`super::tcp_counter`] reads one).
    /// The exit status is the program's.
    pub fn spawn_isolated_counted(
        &mut self,
        label: &str,
        args: &[&str],
        network: PrivateNetwork,
    ) -> Result<Program, Failure> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let launch = self.target.launch(&args, None)?;
        let script = format!(
            "\"$@\"; status=$?; echo >&2; echo '{COUNTERS_FOLLOW}' >&2; cat /proc/net/snmp >&2; exit $status"
        );
        let mut wrapped = vec![
            "-c".to_string(),
            script,
            "sh".to_string(),
            launch.program.to_string_lossy().into_owned(),
        ];
        wrapped.extend(launch.args.iter().cloned());
        let launch = target::Launch {
            program: "/bin/sh".into(),
            arg0: None,
            args: wrapped,
            told: None,
            ..launch
        };
        let how = Spawn {
            token: self.token.clone(),
            waiters: self.waiters.clone(),
            network: Some(network),
            ..Spawn::default()
        };
        self.start(label, &launch, &how)
    }

    /// Starts the student's binary, showing `shown_args` instead of `args`
    /// in the report's `run it:` command: a client test shows the lab's
    /// default port, where the student can listen with `nc -l`, rather than
    /// the checker's port, which is gone once the test is over.
    pub fn spawn_shown(
        &mut self,
        label: &str,
        args: &[&str],
        shown_args: &[&str],
    ) -> Result<Program, Failure> {
        let how = Spawn {
            token: self.token.clone(),
            waiters: self.waiters.clone(),
            shown_args: Some(shown_args.iter().map(|a| a.to_string()).collect()),
            ..Spawn::default()
        };
        self.spawn_how(label, args, how)
    }

    /// Every program a test starts is started here: the target makes the
    /// lab's command line into the command to run.
    fn spawn_how(&mut self, label: &str, args: &[&str], how: Spawn) -> Result<Program, Failure> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let launch = self.target.launch(&args, how.shown_args.as_deref())?;
        self.start(label, &launch, &how)
    }

    /// Starts `launch`, says so in the transcript, and keeps the program
    /// to kill at the test's end.
    fn start(
        &mut self,
        label: &str,
        launch: &target::Launch,
        how: &Spawn,
    ) -> Result<Program, Failure> {
        let program = Program::spawn(label, launch, how)?;
        self.transcript.note(
            label,
            t!(
                "note-started",
                "started: {command}",
                command = program.command_line()
            ),
        );
        self.programs.push(program.clone());
        Ok(program)
    }

    /// Starts `server --host <host> --port 0 <extra>` and waits for its
    /// ready line.
    pub fn start_server(&mut self, extra: &[&str]) -> Result<Server, Failure> {
        self.start_server_on(self.host, 0, extra)
    }

    /// Starts the server on a given address and waits for its ready line.
    pub fn start_server_on(
        &mut self,
        host: IpAddr,
        port: u16,
        extra: &[&str],
    ) -> Result<Server, Failure> {
        let host = host.to_string();
        let port = port.to_string();
        let mut args = vec!["server", "--host", &host, "--port", &port];
        args.extend_from_slice(extra);
        let program = self.spawn("server", &args)?;
        let addr = self.wait_ready(&program)?;
        Ok(Server { addr, program })
    }

    /// Waits for `listening on <ip>:<port>` on the program's stdout. A
    /// server started from a command template may print no ready line:
    /// for it, a socket of its own listening on the port it was told is as
    /// good (seen in /proc, without connecting: [`super::sockets::listening`]).
    pub fn wait_ready(&self, program: &Program) -> Result<SocketAddr, Failure> {
        let deadline = self.deadline(match program.told() {
            None => READY,
            Some(_) => READY_COMMAND,
        });
        let ready = match program.told() {
            None => program.wait_for(deadline, ready_line).map(Ready::Line),
            Some(told) => wait_line_or_listening(program, told, deadline),
        };
        let text = match ready {
            Some(Ready::Line(text)) => text,
            Some(Ready::Listening(addr)) => {
                self.transcript.note(
                    "server",
                    t!(
                        "note-ready-socket",
                        "ready: listening on {addr} (no ready line; its socket seen in /proc)",
                        addr = addr.to_string()
                    ),
                );
                return Ok(addr);
            }
            None => return Err(not_ready(program)),
        };
        let addr: SocketAddr = text.parse().map_err(|_| {
            Failure::wrong(t!(
                "ready-line-bad-address",
                "the ready line has no valid address"
            ))
            .expected(t!(
                "ready-line-example",
                "`listening on <ip>:<port>`, e.g. `listening on 127.0.0.1:40123`"
            ))
            .got(format!("\"listening on {text}\""))
        })?;
        if let Some(told) = program.told().filter(|told| told.port() != addr.port()) {
            return Err(Failure::wrong(t!(
                "ready-line-other-port",
                "the server says it listens on port {port}, not on the port it was told ({told})",
                port = addr.port().to_string(),
                told = told.port().to_string()
            ))
            .expected(format!("listening on {told}"))
            .got(format!("listening on {addr}")));
        }
        self.transcript.note(
            "server",
            t!("note-ready", "ready on {addr}", addr = addr.to_string()),
        );
        Ok(addr)
    }

    /// Opens a connection to `addr` (the checker playing a client).
    pub fn connect(&mut self, addr: SocketAddr) -> Result<Conn, Failure> {
        self.connect_with(addr, None, false)
    }

    /// Opens a connection that reads only when the test asks (no thread
    /// drains it), and so can end with [`Conn::reset`].
    pub fn connect_on_demand(&mut self, addr: SocketAddr) -> Result<Conn, Failure> {
        self.connect_with(addr, None, true)
    }

    /// Opens a connection whose receive buffer is `bytes` small: a reader
    /// that stops reading then fills the peer's buffers soon.
    pub fn connect_small(&mut self, addr: SocketAddr, bytes: usize) -> Result<Conn, Failure> {
        self.connect_with(addr, Some(bytes), true)
    }

    fn connect_with(
        &mut self,
        addr: SocketAddr,
        receive_buffer: Option<usize>,
        on_demand: bool,
    ) -> Result<Conn, Failure> {
        self.connections += 1;
        let name = format!("c{}", self.connections);
        let stream = conn::connect(addr, self.deadline(REPLY), receive_buffer).map_err(|e| {
            self.transcript.note(
                &name,
                t!(
                    "note-connect-failed",
                    "connect to {addr} failed: {error}",
                    addr = addr.to_string(),
                    error = e.to_string()
                ),
            );
            Failure::wrong(t!(
                "could-not-connect",
                "could not connect to the server at {addr}: {error}",
                addr = addr.to_string(),
                error = e.to_string()
            ))
        })?;
        self.transcript.note(
            &name,
            t!(
                "note-connected",
                "connected to {addr}",
                addr = addr.to_string()
            ),
        );
        let conn = if on_demand {
            // It reads only when the test does (the deliberately slow
            // reader, or one that will reset the connection).
            Conn::on_demand(name, stream, self.transcript.clone(), self.waiters.clone())
        } else {
            Conn::new(name, stream, self.transcript.clone(), self.waiters.clone())
        };
        Ok(conn.with_reply(self.stretched(REPLY)))
    }

    /// A UDP socket of the checker's on a loopback address of the test's
    /// own ([`Ctx::own_loopback`]), port chosen by the OS.
    pub fn udp(&mut self) -> Result<Udp, Failure> {
        self.connections += 1;
        let ip = self.own_loopback();
        Udp::bind(
            SocketAddr::new(ip, 0),
            format!("u{}", self.connections),
            self.transcript.clone(),
        )
    }

    /// A loopback address of the test's own, 127.x.y.z (never 127.0.0.1):
    /// where the checker plays the server for a student's client. A client
    /// that ignores `--host` and dials 127.0.0.1 does not reach it, and a
    /// port scan of 127.0.0.1 elsewhere on the machine (lab 04's tests run
    /// them) is never taken for the client. Under `--host ::1` it is ::1,
    /// the only IPv6 loopback address (a client that dials 127.0.0.1 is
    /// still refused there).
    pub fn own_loopback(&mut self) -> IpAddr {
        if self.host.is_ipv6() {
            return self.host;
        }
        self.other_loopback()
    }

    /// A loopback address that is not the host, to see what else a server
    /// listens on: under IPv4 a random 127.x.y.z (all of 127.0.0.0/8 is
    /// loopback on Linux; never 127.0.0.1), under IPv6 127.0.0.1 (a server
    /// told ::1 that listens on `[::]` accepts IPv4 there too, unless the
    /// machine sets net.ipv6.bindv6only).
    pub fn other_loopback(&mut self) -> IpAddr {
        if self.host.is_ipv6() {
            return IpAddr::V4(Ipv4Addr::LOCALHOST);
        }
        loop {
            let rng = self.rng();
            let ip = IpAddr::V4(Ipv4Addr::new(
                127,
                rng.range(1, 255) as u8,
                rng.range(0, 256) as u8,
                rng.range(1, 255) as u8,
            ));
            if ip != self.host {
                return ip;
            }
        }
    }

    /// A listening socket of the checker's on a loopback address of the
    /// test's own ([`Ctx::own_loopback`]), port chosen by the OS. Give the
    /// student's client `--host` and `--port` from its `addr()`.
    pub fn listen(&mut self) -> Result<ScriptedListener, Failure> {
        let ip = self.own_loopback();
        ScriptedListener::bind(
            SocketAddr::new(ip, 0),
            self.transcript.clone(),
            self.stretched(REPLY),
            self.waiters.clone(),
        )
    }

    /// The test's programs and the checker's threads whose waits for a CPU
    /// stretch its deadlines.
    pub fn waiters(&self) -> &Waiters {
        &self.waiters
    }

    /// Waits for a program to exit, failing at the deadline.
    pub fn expect_exit(
        &self,
        program: &Program,
        why: impl Into<Text>,
    ) -> Result<std::process::ExitStatus, Failure> {
        let why: Text = why.into();
        program.wait_exit(self.deadline(EXIT)).ok_or_else(|| {
            Failure::timeout(t!(
                "still-running",
                "the {label} was still running: {why}",
                label = Text::program(program.label()),
                why = why
            ))
            .expected(t!("program-to-exit", "the program to exit"))
            .got(t!(
                "still-running-at-deadline",
                "still running at the deadline"
            ))
        })
    }

    /// Waits for a program to exit, and fails unless it exits with status 0.
    /// `why` is said as it is (`&str`) or translated (`t!(...)`).
    pub fn expect_clean_exit(
        &self,
        program: &Program,
        why: impl Into<Text>,
    ) -> Result<(), Failure> {
        let why: Text = why.into();
        let status = self.expect_exit(program, &why)?;
        ensure(status.success(), || {
            Failure::wrong(t!(
                "exit-not-successful",
                "the {label} did not exit successfully ({why})",
                label = Text::program(program.label()),
                why = why
            ))
            .expected(t!("exit-status-0", "exit status 0"))
            .got(program::describe_exit(status))
        })
    }

    /// Kills every program the test started, and every process they
    /// started (also those that left the process group or the session);
    /// returns the programs for the report.
    pub fn finish(&mut self) -> Vec<Program> {
        for program in &self.programs {
            program.kill();
        }
        let roots: Vec<i32> = self.programs.iter().map(Program::pid).collect();
        sandbox::kill_test(&roots, &self.token);
        std::mem::take(&mut self.programs)
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::Kind;
    use std::os::unix::fs::PermissionsExt;

    /// A context whose "student program" is this shell script.
    fn shell(script: &str) -> Ctx {
        let dir = std::env::temp_dir().join(format!(
            "checker-harness-{}-{}",
            std::process::id(),
            script.len()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let exe = dir.join("program");
        std::fs::write(&exe, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        Ctx::new(Target::executable(&exe, exe.display().to_string()), 1.0, 1)
    }

    #[test]
    fn a_program_that_dies_before_its_ready_line_is_noticed_at_once() {
        let mut ctx = shell("echo 'thread main panicked' >&2; exit 3");
        let started = Instant::now();
        let failure = ctx.start_server(&[]).err().expect("no ready line");
        assert_eq!(failure.kind, Kind::Crashed, "{failure:?}");
        assert!(failure.message.contains("status 3"), "{}", failure.message);
        assert!(
            started.elapsed() < READY / 2,
            "waited {:?} for a dead program",
            started.elapsed()
        );
    }

    #[test]
    fn a_silent_peer_times_out_and_what_arrived_is_reported() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut ctx = shell("exit 0");
        let mut conn = ctx.connect(listener.local_addr().unwrap()).unwrap();
        let (mut server_side, _) = listener.accept().unwrap();
        std::io::Write::write_all(&mut server_side, b"half a li").unwrap();
        let failure = conn
            .read_line_by(Instant::now() + Duration::from_millis(100), "a line")
            .unwrap_err();
        assert_eq!(failure.kind, Kind::Timeout);
        assert!(failure.got.unwrap().contains("half a li"));
    }

    #[test]
    fn a_ready_line_written_in_pieces_is_read_once_its_newline_arrives() {
        let mut ctx =
            shell("printf 'listening on 127.0.0.1:4'; sleep 0.3; printf '0123\\r\\n'; sleep 5");
        let server = ctx.start_server(&[]).expect("a ready line");
        assert_eq!(server.addr, "127.0.0.1:40123".parse().unwrap());
    }

    #[test]
    fn lines_read_from_a_connection_drop_one_carriage_return() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut ctx = shell("exit 0");
        let mut conn = ctx.connect(listener.local_addr().unwrap()).unwrap();
        let (mut server_side, _) = listener.accept().unwrap();
        std::io::Write::write_all(&mut server_side, b"one\r\ntwo\n").unwrap();
        let deadline = Instant::now() + REPLY;
        assert_eq!(conn.read_line_by(deadline, "one").unwrap(), "one");
        assert_eq!(conn.read_line_by(deadline, "two").unwrap(), "two");
    }

    #[test]
    fn an_ordinary_connection_drains_its_socket_while_the_test_is_busy() {
        // More than the kernel can buffer between two sockets (the maxima
        // of tcp_rmem and tcp_wmem): the writer finishes only if the
        // connection reads while nobody asks it to.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut ctx = shell("exit 0");
        let mut conn = ctx.connect(listener.local_addr().unwrap()).unwrap();
        let (mut server_side, _) = listener.accept().unwrap();
        let max = |file: &str| -> usize {
            std::fs::read_to_string(format!("/proc/sys/net/ipv4/{file}"))
                .ok()
                .and_then(|t| t.split_whitespace().nth(2)?.parse().ok())
                .unwrap_or(8 << 20)
        };
        let size = max("tcp_rmem") + max("tcp_wmem") + (1 << 20);
        server_side.set_write_timeout(Some(REPLY)).unwrap();
        let writer = std::thread::spawn(move || {
            std::io::Write::write_all(&mut server_side, &vec![b'x'; size]).unwrap();
        });
        writer.join().unwrap();
        let got = conn
            .read_exact_by(size, Instant::now() + REPLY, "everything")
            .unwrap();
        assert_eq!(got.len(), size);
    }
}
