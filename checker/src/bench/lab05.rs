//! `checker bench lab5`: the time server under load, side by side with the
//! well-known peer, inetd's built-in time service (xinetd), in the same run.
//!
//! Three kinds of measurement, each `--rounds` times, the two servers
//! taking turns in every round:
//!
//! - TCP with 1, 16 and 64 persistent connections, each asking `TIME`
//!   again as soon as its reply arrives (one epoll thread plays all the
//!   clients): requests per second and the latency of a request (p50,
//!   p99). The time service of RFC 868 answers once per connection, so
//!   xinetd's figure beside it is as many clients each doing connect →
//!   read 4 bytes → close in a loop: what its clients must do to ask again.
//! - TCP, a new connection for every request, with 1 and 8 clients at once:
//!   connections per second and the latency of a whole connection. Ours:
//!   connect, `TIME` and `QUIT`, the reply line, end of stream, close.
//!   xinetd's: connect, its 4 bytes, end of stream, close. Both servers
//!   close first, so TIME_WAIT is on the servers' side for both.
//! - UDP with 1 and 16 clients, one datagram `TIME` in, the reply out (any
//!   datagram for xinetd, which ignores what it gets).
//!
//! `--users` gives the counts of all three instead. xinetd is started by
//! the benchmark (in the foreground, with a config of its own, on a free
//! port of 127.0.0.1) and killed at the end. Without it the benchmark says
//! so and measures the server alone.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};

use super::{Figure, Latencies, LoadWatch, OnLine, Options, Percentiles, Readers, Rounds};
use crate::harness::target::Launch;
use crate::harness::{Ctx, Program, Spawn};

/// Persistent connections per measurement, unless `--users` says (which
/// then gives the clients of the other two measurements too).
const CONNECTIONS: &[usize] = &[1, 16, 64];
/// Clients at once, each opening a new connection for every request.
const NEW_CONNECTION_CLIENTS: &[usize] = &[1, 8];
/// UDP clients at once.
const UDP_CLIENTS: &[usize] = &[1, 16];
/// The most clients `--users` may ask for.
const MAX_CLIENTS: usize = 1024;
/// How long each measurement runs, unless `--seconds` says.
const SECONDS: u32 = 1;
/// A reply that has not come in this long is counted as an error (TCP) or
/// as lost (UDP), and the client goes on.
const REPLY_TIMEOUT: Duration = Duration::from_secs(2);
const UDP_TIMEOUT: Duration = Duration::from_millis(200);
/// A time further than this from the checker's clock is a wrong reply.
const TOLERANCE: Duration = Duration::from_secs(5);

pub fn run(options: &Options) -> Result<(), String> {
    let seconds = Duration::from_secs(options.seconds.unwrap_or(SECONDS).into());
    if let Some(&n) = options.counts.iter().find(|&&n| n > MAX_CLIENTS) {
        return Err(format!(
            "--users {n}: at most {MAX_CLIENTS} for this benchmark (new connections and UDP take a client thread each)"
        ));
    }
    let given = |default: &[usize]| options.counts_or(default);
    let mut ctx = Ctx::new(options.target.clone(), 1.0, 1);
    let server = ctx.start_server(&["--udp"]).map_err(|f| f.message)?;
    let ours = server.addr;
    println!("  the solution on {ours}, tcp and udp: asked `TIME\\n`, it answers an RFC 3339 line");
    let peer = match Xinetd::start() {
        Ok(peer) => {
            println!(
                "  beside it: xinetd {} on {}, tcp{}: its built-in time service (RFC 868) sends 4 bytes on connect and closes",
                peer.version,
                peer.addr,
                if peer.udp {
                    " and udp"
                } else {
                    " only (its udp did not answer)"
                }
            );
            Some(peer)
        }
        Err(why) => {
            println!("  {why}: measuring the solution alone");
            None
        }
    };
    println!(
        "  {} s per measurement, {} round{}",
        seconds.as_secs(),
        options.rounds,
        plural(options.rounds as usize)
    );
    let mut pids = vec![server.program.pid()];
    pids.extend(peer.as_ref().map(|p| p.program.pid()));
    let bench = Bench {
        rounds: options.rounds,
        pids,
    };
    // What xinetd does in a measurement, when it takes part.
    let beside = |what: String| match &peer {
        Some(_) => format!("; {what}"),
        None => String::new(),
    };

    for connections in given(CONNECTIONS) {
        println!(
            "  TCP, {connections} persistent connection{}: the solution answers TIME after TIME on each{}",
            plural(connections),
            beside(format!(
                "xinetd cannot (one answer per connection), so {connections} client{} connect, read 4 bytes, close, again",
                plural(connections)
            ))
        );
        bench.row(
            "requests/s",
            || persistent(ours, connections, seconds),
            peer.as_ref()
                .map(|p| move || new_connections(p.addr, connections, seconds, Exchange::Rfc868)),
        )?;
    }
    for clients in given(NEW_CONNECTION_CLIENTS) {
        println!(
            "  TCP, a new connection per request, {clients} client{} at once: solution connect, send TIME and QUIT, \
             read the line, the server closes, close{}",
            plural(clients),
            beside("xinetd connect, read 4 bytes, the server closes, close".to_string())
        );
        bench.row(
            "connections/s",
            || new_connections(ours, clients, seconds, Exchange::Line),
            peer.as_ref()
                .map(|p| move || new_connections(p.addr, clients, seconds, Exchange::Rfc868)),
        )?;
    }
    for clients in given(UDP_CLIENTS) {
        println!(
            "  UDP, {clients} client{} at once, each sending `TIME` and waiting for the reply (lost after {} ms)",
            plural(clients),
            UDP_TIMEOUT.as_millis()
        );
        bench.row(
            "requests/s",
            || udp(ours, clients, seconds, Exchange::Line),
            peer.as_ref()
                .filter(|p| p.udp)
                .map(|p| move || udp(p.addr, clients, seconds, Exchange::Rfc868)),
        )?;
    }
    server.program.kill();
    drop(peer);
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What one measurement of one side gathered.
#[derive(Debug, Default)]
struct Measured {
    /// Requests (or connections) answered correctly.
    done: u64,
    elapsed: Duration,
    latencies: Latencies,
    /// Wrong replies, failed connections, lost datagrams.
    errors: u64,
    first_error: Option<String>,
}

impl Measured {
    fn error(&mut self, what: String) {
        self.errors += 1;
        self.first_error.get_or_insert(what);
    }

    fn merge(&mut self, other: Measured) {
        self.done += other.done;
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    fn rate(&self) -> f64 {
        self.done as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// `41234 requests/s, p50 21 µs, p99 45 µs` and the errors, if any.
    fn describe(&self, unit: &str, latency: &Percentiles) -> String {
        let mut text = format!(
            "{:.0} {unit}, p50 {} µs, p99 {} µs",
            self.rate(),
            latency.p50,
            latency.p99
        );
        if self.errors > 0 {
            text.push_str(&format!(
                ", {} ERRORS (first: {})",
                self.errors,
                self.first_error.as_deref().unwrap_or("?")
            ));
        }
        text
    }
}

/// The rounds of one measurement, both sides taking turns in each round.
struct Bench {
    rounds: u32,
    pids: Vec<i32>,
}

impl Bench {
    fn row<A, B>(&self, unit: &'static str, ours: A, theirs: Option<B>) -> Result<(), String>
    where
        A: Fn() -> Result<Measured, String>,
        B: Fn() -> Result<Measured, String>,
    {
        let mut rounds = Rounds::new();
        for _ in 0..self.rounds {
            let watch = LoadWatch::start(&self.pids);
            let mut a = ours()?;
            let pa = a.latencies.percentiles();
            let mut figures = vec![
                Figure::new("solution", a.rate(), unit, 0),
                Figure::new("solution p50", pa.p50 as f64, "µs", 0),
                Figure::new("solution p99", pa.p99 as f64, "µs", 0),
            ];
            let mut line = format!("solution {}", a.describe(unit, &pa));
            if let Some(theirs) = &theirs {
                let mut b = theirs()?;
                let pb = b.latencies.percentiles();
                let ratio = a.rate() / b.rate().max(1e-9);
                line.push_str(&format!(
                    "; xinetd {}; solution/xinetd {ratio:.1}x",
                    b.describe(unit, &pb)
                ));
                figures.extend([
                    Figure::new("xinetd", b.rate(), unit, 0),
                    Figure::new("xinetd p50", pb.p50 as f64, "µs", 0),
                    Figure::new("xinetd p99", pb.p99 as f64, "µs", 0),
                    Figure::new("solution / xinetd", ratio, "x", 1),
                ]);
            }
            println!("    {line}");
            rounds.add(figures, watch.stop());
        }
        print!("{}", rounds.summary("      "));
        Ok(())
    }
}

/// What a client sends and expects.
#[derive(Debug, Clone, Copy)]
enum Exchange {
    /// Ours: `TIME\n` → an RFC 3339 line.
    Line,
    /// RFC 868: nothing sent; 4 bytes, seconds since 1900, big-endian.
    Rfc868,
}

/// Seconds between 1900-01-01 (RFC 868's epoch) and 1970-01-01.
const RFC868_TO_UNIX: u64 = 2_208_988_800;

impl Exchange {
    /// Checks one reply: a time close to the checker's clock.
    fn check(self, reply: &[u8]) -> Result<(), String> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let (time, shown) = match self {
            Exchange::Line => {
                let text = String::from_utf8_lossy(reply);
                let text = text.trim_end_matches(['\r', '\n']);
                let time = DateTime::parse_from_rfc3339(text)
                    .map_err(|_| format!("not a time: {text:?}"))?
                    .with_timezone(&Utc);
                let micros = u64::try_from(time.timestamp_micros()).unwrap_or(0);
                (Duration::from_micros(micros), text.to_string())
            }
            Exchange::Rfc868 => {
                let bytes: [u8; 4] = reply
                    .try_into()
                    .map_err(|_| format!("{} bytes, not 4", reply.len()))?;
                let seconds = u64::from(u32::from_be_bytes(bytes));
                let unix = seconds.saturating_sub(RFC868_TO_UNIX);
                (Duration::from_secs(unix), format!("{seconds} (RFC 868)"))
            }
        };
        // RFC 868 has whole seconds: compare with the second we are in.
        let now = match self {
            Exchange::Line => now,
            Exchange::Rfc868 => Duration::from_secs(now.as_secs()),
        };
        let off = time.abs_diff(now);
        if off > TOLERANCE {
            return Err(format!("{shown} is {:.1} s off", off.as_secs_f64()));
        }
        Ok(())
    }
}

/// `connections` connections, each asking TIME again as soon as its reply
/// arrives, for `seconds`; one epoll thread plays all the clients.
fn persistent(addr: SocketAddr, connections: usize, seconds: Duration) -> Result<Measured, String> {
    let epoch = Instant::now();
    let shared = Arc::new(Window::default());
    let mut readers = Readers::start(
        epoch,
        Asker {
            epoch,
            window: Arc::clone(&shared),
            sent_us: vec![0; connections],
            measured: Measured::default(),
        },
    )?;
    let mut streams = Vec::with_capacity(connections);
    for _ in 0..connections {
        let stream = TcpStream::connect(addr).map_err(|e| format!("connect to {addr}: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let stream = Arc::new(stream);
        readers.add(Arc::clone(&stream))?;
        streams.push(stream);
    }
    let start_us = epoch.elapsed().as_micros() as u64;
    shared.start_us.store(start_us, Ordering::Relaxed);
    shared
        .stop_us
        .store(start_us + seconds.as_micros() as u64, Ordering::Relaxed);
    for stream in &streams {
        (&**stream)
            .write_all(b"TIME\n")
            .map_err(|e| format!("send to {addr}: {e}"))?;
    }
    // Every connection stops asking once the window is over; wait for the
    // last replies (a connection that never answers again is an error).
    super::wait_until(seconds + REPLY_TIMEOUT, || {
        shared.finished.load(Ordering::Relaxed) >= connections as u64
    });
    let unfinished = connections as u64
        - shared
            .finished
            .load(Ordering::Relaxed)
            .min(connections as u64);
    let mut asker = readers.finish()?;
    for _ in 0..unfinished {
        asker
            .measured
            .error(format!("no reply within {} s", REPLY_TIMEOUT.as_secs()));
    }
    asker.measured.elapsed = seconds;
    Ok(asker.measured)
}

/// The measuring window, shared by the driving thread and the reading one.
#[derive(Default)]
struct Window {
    start_us: AtomicU64,
    /// Replies after this are not counted, and no request follows them.
    stop_us: AtomicU64,
    /// Connections that have stopped asking.
    finished: AtomicU64,
}

/// The clients of [`persistent`], on the reading thread: a reply is timed
/// and checked, and the next request goes out at once.
struct Asker {
    epoch: Instant,
    window: Arc<Window>,
    /// When each connection's request went out (0: the first, at start).
    sent_us: Vec<u64>,
    measured: Measured,
}

impl OnLine for Asker {
    fn line(&mut self, conn: usize, stream: &TcpStream, line: &[u8], at_us: u64) {
        let stop_us = self.window.stop_us.load(Ordering::Relaxed);
        let sent = match self.sent_us[conn] {
            0 => self.window.start_us.load(Ordering::Relaxed),
            sent => sent,
        };
        if at_us <= stop_us {
            match Exchange::Line.check(line) {
                Ok(()) => {
                    self.measured.done += 1;
                    self.measured.latencies.record(at_us.saturating_sub(sent));
                }
                Err(e) => self.measured.error(e),
            }
            // A 5-byte request always fits in the send buffer.
            if let Err(e) = (&*stream).write_all(b"TIME\n") {
                self.measured.error(format!("send: {e}"));
            }
            self.sent_us[conn] = self.epoch.elapsed().as_micros().max(1) as u64;
        } else {
            self.window.finished.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn closed(&mut self, _conn: usize, _at_us: u64) {
        self.measured
            .error("the server closed a connection".to_string());
        self.window.finished.fetch_add(1, Ordering::Relaxed);
    }
}

/// `clients` threads, each opening a connection per request for `seconds`.
fn new_connections(
    addr: SocketAddr,
    clients: usize,
    seconds: Duration,
    exchange: Exchange,
) -> Result<Measured, String> {
    in_threads(clients, seconds, move |measured| {
        let started = Instant::now();
        match connect_once(addr, exchange) {
            Ok(()) => {
                measured.done += 1;
                measured
                    .latencies
                    .record(started.elapsed().as_micros() as u64);
            }
            Err(e) => measured.error(e),
        }
    })
}

/// One connection, closed by the server first on both sides (the side
/// that closes first keeps the connection in TIME_WAIT; on the client's
/// side, tens of thousands of them would make connect() itself the slow
/// part): ours connect, `TIME\nQUIT\n`, the reply line, end of stream,
/// close; RFC 868 connect, 4 bytes, end of stream, close.
fn connect_once(addr: SocketAddr, exchange: Exchange) -> Result<(), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(REPLY_TIMEOUT))
        .map_err(|e| e.to_string())?;
    if let Exchange::Line = exchange {
        stream
            .write_all(b"TIME\nQUIT\n")
            .map_err(|e| format!("send: {e}"))?;
    }
    let mut reply = Vec::with_capacity(64);
    (&mut stream)
        .take(1024)
        .read_to_end(&mut reply)
        .map_err(|e| format!("read: {e}"))?;
    // Dropping the stream closes it.
    exchange.check(&reply)
}

/// `clients` UDP sockets, each asking and waiting for its reply.
fn udp(
    addr: SocketAddr,
    clients: usize,
    seconds: Duration,
    exchange: Exchange,
) -> Result<Measured, String> {
    let deadline = Instant::now() + seconds;
    let threads: Vec<_> = (0..clients)
        .map(|_| thread::spawn(move || udp_client(addr, deadline, exchange)))
        .collect();
    let mut total = Measured::default();
    for thread in threads {
        total.merge(thread.join().map_err(|_| "a client thread panicked")??);
    }
    total.elapsed = seconds;
    Ok(total)
}

fn udp_client(addr: SocketAddr, deadline: Instant, exchange: Exchange) -> Result<Measured, String> {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| e.to_string())?;
    socket.connect(addr).map_err(|e| e.to_string())?;
    socket
        .set_read_timeout(Some(UDP_TIMEOUT))
        .map_err(|e| e.to_string())?;
    let mut measured = Measured::default();
    let mut buffer = [0u8; 2048];
    while Instant::now() < deadline {
        let sent = Instant::now();
        if let Err(e) = socket.send(b"TIME") {
            measured.error(format!("send: {e}"));
            continue;
        }
        match socket.recv(&mut buffer) {
            Ok(n) => match exchange.check(&buffer[..n]) {
                Ok(()) => {
                    measured.done += 1;
                    measured.latencies.record(sent.elapsed().as_micros() as u64);
                }
                Err(e) => measured.error(e),
            },
            Err(_) => measured.error(format!("no reply within {} ms", UDP_TIMEOUT.as_millis())),
        }
    }
    Ok(measured)
}

/// Runs `once` in a loop on `clients` threads until `seconds` are over,
/// and adds up what they measured.
fn in_threads(
    clients: usize,
    seconds: Duration,
    once: impl Fn(&mut Measured) + Send + Sync + Copy + 'static,
) -> Result<Measured, String> {
    let deadline = Instant::now() + seconds;
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            thread::spawn(move || {
                let mut measured = Measured::default();
                while Instant::now() < deadline {
                    once(&mut measured);
                }
                measured
            })
        })
        .collect();
    let mut total = Measured::default();
    for thread in threads {
        total.merge(thread.join().map_err(|_| "a client thread panicked")?);
    }
    total.elapsed = seconds;
    Ok(total)
}

/// xinetd, started with a config of ours serving its built-in `time` on a
/// free port of 127.0.0.1; killed (and its config removed) when dropped.
struct Xinetd {
    program: Program,
    addr: SocketAddr,
    /// Whether the dgram service answered too.
    udp: bool,
    version: String,
    dir: PathBuf,
}

impl Xinetd {
    fn start() -> Result<Xinetd, String> {
        let exe = find_xinetd()
            .ok_or("xinetd is not installed (apt-get install xinetd, or your system's package)")?;
        let version = std::process::Command::new(&exe)
            .arg("-version")
            .output()
            .map(|o| {
                let text = String::from_utf8_lossy(&o.stderr).into_owned()
                    + &String::from_utf8_lossy(&o.stdout);
                text.split_whitespace().next().unwrap_or("").to_string()
            })
            .unwrap_or_default();
        let port = free_port()?;
        let dir = std::env::temp_dir().join(format!("socklab-bench-xinetd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let config = dir.join("xinetd.conf");
        std::fs::write(&config, xinetd_config(port, &dir))
            .map_err(|e| format!("{}: {e}", config.display()))?;
        let args = vec![
            "-dontfork".to_string(),
            "-f".to_string(),
            config.display().to_string(),
        ];
        let launch = Launch {
            program: exe,
            arg0: None,
            args,
            shown: "xinetd".to_string(),
            told: None,
        };
        let program = Program::spawn("xinetd", &launch, &Spawn::default())
            .map_err(|f| f.message.to_string())?;
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let mut peer = Xinetd {
            program,
            addr,
            udp: false,
            version,
            dir,
        };
        let ready = super::wait_until(Duration::from_secs(5), || {
            peer.program.exit_status().is_some() || connect_once(addr, Exchange::Rfc868).is_ok()
        });
        if !ready || peer.program.exit_status().is_some() {
            return Err(format!(
                "xinetd did not start serving time on {addr}: {}",
                peer.program.stderr().trim()
            ));
        }
        let deadline = Instant::now() + Duration::from_millis(500);
        peer.udp = udp_client(addr, deadline, Exchange::Rfc868).is_ok_and(|m| m.done > 0);
        Ok(peer)
    }
}

impl Drop for Xinetd {
    fn drop(&mut self) {
        self.program.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The config: the built-in time service, stream and dgram, on `port` of
/// 127.0.0.1, given its best chance: no logging, no tcpwrappers lookups,
/// no limits on instances or connections per second (the default, 50/s,
/// would switch the service off for 10 s).
fn xinetd_config(port: u16, dir: &std::path::Path) -> String {
    // SAFETY: geteuid has no preconditions.
    let user = if unsafe { libc::geteuid() } == 0 {
        "    user = root\n"
    } else {
        ""
    };
    let service = |socket_type: &str, protocol: &str, wait: &str| {
        format!(
            "service time\n{{\n    type = INTERNAL UNLISTED\n    id = time-{socket_type}\n    \
             socket_type = {socket_type}\n    protocol = {protocol}\n    port = {port}\n    \
             bind = 127.0.0.1\n    wait = {wait}\n{user}    flags = NOLIBWRAP\n}}\n"
        )
    };
    format!(
        "defaults\n{{\n    log_type = FILE {}\n    log_on_success =\n    log_on_failure =\n    \
         instances = UNLIMITED\n    per_source = UNLIMITED\n    cps = 1000000 1\n}}\n{}{}",
        dir.join("log").display(),
        service("stream", "tcp", "no"),
        service("dgram", "udp", "yes"),
    )
}

/// A port of 127.0.0.1 free for both TCP and UDP, just now.
fn free_port() -> Result<u16, String> {
    for _ in 0..50 {
        let tcp = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| e.to_string())?;
        let port = tcp.local_addr().map_err(|e| e.to_string())?.port();
        if UdpSocket::bind((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return Ok(port);
        }
    }
    Err("no port of 127.0.0.1 is free for both TCP and UDP".to_string())
}

/// xinetd on the PATH, or in the sbin directories a user's PATH may lack.
fn find_xinetd() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/local/sbin"].map(PathBuf::from))
        .map(|dir| dir.join("xinetd"))
        .find(|exe| exe.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_checked_against_the_clock() {
        let now = Utc::now();
        let line = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        assert_eq!(Exchange::Line.check(line.as_bytes()), Ok(()));
        assert!(Exchange::Line.check(b"ERROR unknown command").is_err());
        let seconds = (now.timestamp() as u64 + RFC868_TO_UNIX) as u32;
        assert_eq!(Exchange::Rfc868.check(&seconds.to_be_bytes()), Ok(()));
        let hour_ago = seconds - 3600;
        assert!(Exchange::Rfc868.check(&hour_ago.to_be_bytes()).is_err());
        assert!(Exchange::Rfc868.check(b"abc").is_err());
    }

    #[test]
    fn the_config_serves_time_on_the_port() {
        let config = xinetd_config(40123, std::path::Path::new("/tmp/x"));
        assert!(config.contains("port = 40123"), "{config}");
        assert!(config.contains("socket_type = stream"), "{config}");
        assert!(config.contains("socket_type = dgram"), "{config}");
        assert!(config.contains("cps = "), "{config}");
    }
}
