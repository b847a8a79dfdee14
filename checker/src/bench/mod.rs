//! `checker bench labN`: load figures for a lab's programs. Numbers, not
//! pass/fail — speed and memory targets are judged by people reading them.
//!
//! Each lab with a benchmark has a module here (`lab02.rs`, ...) with one
//! `run` function, and one line in [`all`]. This module holds what they
//! share:
//!
//! - [`Readers`]: one thread reading many connections with epoll, calling
//!   the benchmark back with every complete line (so that the measuring
//!   side does not compete with the server for the CPU with a thousand
//!   threads of its own);
//! - [`Latencies`]: recording and p50/p99/max;
//! - [`peak_memory_kib`] (VmHWM) and [`raise_file_limit`];
//! - [`Rounds`]: a measurement repeated `--rounds` times, printed as median
//!   and spread (min–max) of each figure, with a plain warning when the
//!   figures are not to be trusted (a large spread, or other processes
//!   using the CPU during the run: see [`LoadWatch`]).

pub mod lab02;
pub mod lab03;
pub mod lab04;
pub mod lab05;
pub mod plot;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;
use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::Target;

/// A lab's benchmark: what `checker bench labN` runs.
pub struct Bench {
    /// The lab's number.
    pub lab: u8,
    /// One line for `--help` and error messages.
    pub about: &'static str,
    pub run: fn(&Options) -> Result<(), String>,
}

/// Every benchmark, by lab. A new one is a module and one line here.
pub fn all() -> &'static [Bench] {
    &[
        Bench {
            lab: 2,
            about: "rock-paper-scissors: completed games/s, round latency and memory for 1000 players in 500 games at once",
            run: lab02::run,
        },
        Bench {
            lab: 3,
            about: "chat: deliveries/s, broadcast latency and memory for 100 and 1000 users",
            run: lab03::run,
        },
        Bench {
            lab: 6,
            about: "chat with an event loop: lab 3's benchmark with 1000 and 10 000 users",
            run: lab03::run_crowd,
        },
        Bench {
            lab: 4,
            about: "port scanner against nmap -sT -T5 over 1-65535 on 127.0.0.1 (--users: filtered ports, default 300)",
            run: lab04::run,
        },
        Bench {
            lab: 5,
            about: "time server: requests/s and latency over 1, 16, 64 persistent connections, new connections/s, UDP; beside xinetd's built-in time service",
            run: lab05::run,
        },
    ]
}

/// The benchmark of lab `number`, if it has one.
pub fn find(number: u8) -> Option<&'static Bench> {
    all().iter().find(|b| b.lab == number)
}

/// What the command line gave a benchmark. The optional figures have a
/// default of each benchmark's own (it says which in `about`).
#[derive(Debug, Clone)]
pub struct Options {
    /// The program to measure, built in release mode.
    pub target: Target,
    /// How many times each measurement is made (`--rounds`).
    pub rounds: u32,
    /// How long each measurement runs (`--seconds`).
    pub seconds: Option<u32>,
    /// How many users / clients / connections, one measurement each
    /// (`--users`, also spelled `--clients`).
    pub counts: Vec<usize>,
    /// Requests or messages per second (`--rate`).
    pub rate: Option<u32>,
    /// What the chart calls `target` (`reference`, or the program's name).
    pub name: String,
    /// Another server measured beside `target` (`--vs`), and its name.
    pub vs: Option<(String, Target)>,
    /// Where to draw the chart (`--plot FILE.svg`).
    pub plot: Option<std::path::PathBuf>,
}

impl Options {
    /// The servers to measure: `target`, then `--vs`'s if given.
    pub fn servers(&self) -> Vec<(&str, &Target)> {
        let mut servers = vec![(self.name.as_str(), &self.target)];
        if let Some((name, target)) = &self.vs {
            servers.push((name.as_str(), target));
        }
        servers
    }

    /// `--users` (`--clients`), or the benchmark's default when none were
    /// given.
    pub fn counts_or(&self, default: &[usize]) -> Vec<usize> {
        if self.counts.is_empty() {
            default.to_vec()
        } else {
            self.counts.clone()
        }
    }
}

pub use crate::harness::sandbox::raise_file_limit;

/// VmHWM of a process: the most resident memory it has had, in KiB. Read
/// it before the process is killed.
pub fn peak_memory_kib(pid: i32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Waits until `count()` reaches `target`, for as long as it keeps
/// growing: it gives up once it has not grown for `stalled`, or at `limit`.
/// (A crowd's join announcements, N(N+1)/2 lines, take a slow server
/// minutes at 10 000 users: a fixed wait would start measuring with them
/// still queued.)
pub fn wait_while_growing(
    target: u64,
    stalled: Duration,
    limit: Duration,
    count: impl Fn() -> u64,
) -> bool {
    let (mut last, mut grew_at) = (count(), Instant::now());
    wait_until(limit, || {
        let now = count();
        if now > last {
            (last, grew_at) = (now, Instant::now());
        }
        now >= target || grew_at.elapsed() >= stalled
    }) && last >= target
}

/// Waits until `done()` holds or `limit` has passed, looking every 20 ms;
/// returns whether it holds. (The driving side's only pause: the figures
/// themselves are taken by the reading thread, not here.)
pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// Durations in microseconds, for percentiles.
#[derive(Debug, Default, Clone)]
pub struct Latencies(Vec<u64>);

/// p50, p99 and max of some latencies, in microseconds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Percentiles {
    pub count: usize,
    pub p50: u64,
    pub p99: u64,
    pub max: u64,
}

impl Latencies {
    pub fn record(&mut self, micros: u64) {
        self.0.push(micros);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every latency recorded, in microseconds.
    pub fn values(&self) -> &[u64] {
        &self.0
    }

    pub fn extend(&mut self, other: Latencies) {
        self.0.extend(other.0);
    }

    /// Nearest-rank percentiles; all zero when nothing was recorded.
    pub fn percentiles(&mut self) -> Percentiles {
        self.0.sort_unstable();
        let at = |p: f64| -> u64 {
            if self.0.is_empty() {
                return 0;
            }
            self.0[((self.0.len() - 1) as f64 * p).round() as usize]
        };
        Percentiles {
            count: self.0.len(),
            p50: at(0.5),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

/// What the reading thread does with what arrives. `conn` is the number
/// [`Readers::add`] returned; `at_us` is microseconds since the epoch given
/// to [`Readers::start`], taken when the bytes were read.
pub trait OnLine: Send + 'static {
    /// A complete line (without its `\n`) arrived on connection `conn`.
    /// `stream` is that connection, non-blocking: a benchmark that plays a
    /// client may answer on it (a short reply fits in the send buffer).
    fn line(&mut self, conn: usize, stream: &TcpStream, line: &[u8], at_us: u64);

    /// The peer closed connection `conn`, or it broke.
    fn closed(&mut self, _conn: usize, _at_us: u64) {}
}

/// The measuring side: one thread with an epoll set of many connections,
/// handing every complete line to an [`OnLine`].
pub struct Readers<H: OnLine> {
    epoll: i32,
    sockets: mpsc::Sender<(usize, Arc<TcpStream>)>,
    next: usize,
    stop: Arc<AtomicBool>,
    thread: thread::JoinHandle<H>,
}

impl<H: OnLine> Readers<H> {
    pub fn start(epoch: Instant, handler: H) -> Result<Readers<H>, String> {
        // SAFETY: epoll_create1 has no memory preconditions.
        let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epoll < 0 {
            return Err(format!(
                "epoll_create1: {}",
                std::io::Error::last_os_error()
            ));
        }
        let (sockets, incoming) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = thread::spawn(move || read_all(epoll, incoming, epoch, &stopped, handler));
        Ok(Readers {
            epoll,
            sockets,
            next: 0,
            stop,
            thread,
        })
    }

    /// Starts watching a connection, the one the benchmark writes on too
    /// (shared, not a clone: a user is one file descriptor, so that 10 000
    /// users fit in the open-file limits machines have); returns its
    /// number, as the handler will see it. The socket becomes non-blocking:
    /// a write the server does not take at once is not waited for.
    pub fn add(&mut self, stream: Arc<TcpStream>) -> Result<usize, String> {
        stream.set_nonblocking(true).map_err(|e| e.to_string())?;
        let fd = stream.as_raw_fd();
        let conn = self.next;
        self.next += 1;
        // The reader gets the stream before its first event can arrive.
        self.sockets
            .send((conn, stream))
            .map_err(|e| e.to_string())?;
        let mut event = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: fd as u64,
        };
        // SAFETY: a valid epoll fd, a valid socket fd, a pointer to a local.
        if unsafe { libc::epoll_ctl(self.epoll, libc::EPOLL_CTL_ADD, fd, &mut event) } < 0 {
            return Err(format!("epoll_ctl: {}", std::io::Error::last_os_error()));
        }
        Ok(conn)
    }

    /// Stops reading and gives the handler back, with what it gathered.
    pub fn finish(self) -> Result<H, String> {
        self.stop.store(true, Ordering::Relaxed);
        let handler = self
            .thread
            .join()
            .map_err(|_| "the reading thread panicked".to_string());
        // SAFETY: closing the epoll fd we created, once.
        unsafe { libc::close(self.epoll) };
        handler
    }
}

fn read_all<H: OnLine>(
    epoll: i32,
    incoming: mpsc::Receiver<(usize, Arc<TcpStream>)>,
    epoch: Instant,
    stop: &AtomicBool,
    mut handler: H,
) -> H {
    // By descriptor: the connection's number, the stream, a partial line.
    let mut conns: HashMap<i32, (usize, Arc<TcpStream>, Vec<u8>)> = HashMap::new();
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    let mut buffer = vec![0u8; 64 * 1024];
    while !stop.load(Ordering::Relaxed) {
        for (conn, stream) in incoming.try_iter() {
            conns.insert(stream.as_raw_fd(), (conn, stream, Vec::new()));
        }
        // SAFETY: `events` has room for `events.len()` entries.
        let ready =
            unsafe { libc::epoll_wait(epoll, events.as_mut_ptr(), events.len() as i32, 50) };
        for event in events.iter().take(ready.max(0) as usize) {
            let fd = event.u64 as i32;
            let Some((conn, stream, pending)) = conns.get_mut(&fd) else {
                continue;
            };
            let mut closed = false;
            // One read() per event unless it filled the buffer: the epoll
            // is level-triggered, so what arrives later is reported again.
            // (Reading on until EWOULDBLOCK would double the reader's system
            // calls, and on a small machine the reader's CPU is the
            // server's.)
            loop {
                match (&**stream).read(&mut buffer) {
                    Ok(0) => {
                        closed = true;
                        break;
                    }
                    Ok(n) => {
                        pending.extend_from_slice(&buffer[..n]);
                        if n < buffer.len() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => {
                        closed = true;
                        break;
                    }
                }
            }
            let at_us = epoch.elapsed().as_micros() as u64;
            let mut start = 0;
            while let Some(end) = pending[start..].iter().position(|&b| b == b'\n') {
                handler.line(*conn, stream, &pending[start..start + end], at_us);
                start += end + 1;
            }
            pending.drain(..start);
            if closed {
                handler.closed(*conn, at_us);
                // SAFETY: removing a descriptor we added; it is still open.
                unsafe {
                    libc::epoll_ctl(epoll, libc::EPOLL_CTL_DEL, fd, std::ptr::null_mut());
                }
                conns.remove(&fd);
            }
        }
    }
    handler
}

/// How busy the machine was while a measurement ran, apart from the
/// measurement itself (the checker and the programs it measures).
#[derive(Debug, Clone, Copy, Default)]
pub struct Load {
    /// CPU used by other processes, in cores (averaged over the run).
    pub others_cores: f64,
    /// CPU time the hypervisor gave to other machines, in cores.
    pub stolen_cores: f64,
    /// The 1-minute load average at the end.
    pub loadavg: f64,
    /// The machine's cores.
    pub cores: usize,
}

impl Load {
    /// Why this run's figures are not to be trusted, if they are not:
    /// others used more than a quarter of a core on average.
    pub fn busy(&self) -> Option<String> {
        let taken = self.others_cores + self.stolen_cores;
        (taken > 0.25).then(|| {
            format!(
                "other processes used {taken:.2} of the {} cores during the run",
                self.cores
            )
        })
    }
}

/// Watches the CPU time of the whole machine (/proc/stat) and of the
/// measurement (this process, its reaped children, and the programs
/// measured), so that [`LoadWatch::stop`] can say how much others took.
pub struct LoadWatch {
    pids: Vec<i32>,
    machine: (u64, u64, u64),
    ours: u64,
}

impl LoadWatch {
    /// Starts watching; `pids` are the programs being measured (read them
    /// again before they are killed, with `stop`).
    pub fn start(pids: &[i32]) -> LoadWatch {
        LoadWatch {
            pids: pids.to_vec(),
            machine: machine_ticks(),
            ours: our_ticks(pids),
        }
    }

    pub fn stop(&self) -> Load {
        let (busy, total, steal) = machine_ticks();
        let (busy0, total0, steal0) = self.machine;
        let ours = our_ticks(&self.pids).saturating_sub(self.ours);
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        let elapsed = total.saturating_sub(total0) as f64 / cores as f64;
        let in_cores = |ticks: u64| {
            if elapsed > 0.0 {
                ticks as f64 / elapsed
            } else {
                0.0
            }
        };
        Load {
            others_cores: in_cores(busy.saturating_sub(busy0).saturating_sub(ours)),
            stolen_cores: in_cores(steal.saturating_sub(steal0)),
            loadavg: std::fs::read_to_string("/proc/loadavg")
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse().ok())
                .unwrap_or(0.0),
            cores,
        }
    }
}

/// The machine's busy, total and stolen clock ticks, from /proc/stat.
fn machine_ticks() -> (u64, u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = stat.lines().find(|l| l.starts_with("cpu ")) else {
        return (0, 0, 0);
    };
    // user nice system idle iowait irq softirq steal guest guest_nice
    let f: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let get = |i: usize| f.get(i).copied().unwrap_or(0);
    let busy = get(0) + get(1) + get(2) + get(5) + get(6);
    let total = busy + get(3) + get(4) + get(7);
    (busy, total, get(7))
}

/// CPU ticks of this process (with the children it has reaped) and of
/// `pids`.
fn our_ticks(pids: &[i32]) -> u64 {
    let of = |path: String, with_children: bool| -> u64 {
        let Ok(stat) = std::fs::read_to_string(path) else {
            return 0;
        };
        // Fields after the command name (which may hold spaces): state is
        // field 3; utime, stime, cutime, cstime are 14 to 17.
        let Some((_, rest)) = stat.rsplit_once(") ") else {
            return 0;
        };
        let f: Vec<u64> = rest
            .split_whitespace()
            .map(|x| x.parse().unwrap_or(0))
            .collect();
        let get = |n: usize| f.get(n - 3).copied().unwrap_or(0);
        get(14) + get(15) + if with_children { get(16) + get(17) } else { 0 }
    };
    of("/proc/self/stat".to_string(), true)
        + pids
            .iter()
            .map(|pid| of(format!("/proc/{pid}/stat"), false))
            .sum::<u64>()
}

/// One figure of a measurement, e.g. `latency p99 = 1.3 ms`.
#[derive(Debug, Clone)]
pub struct Figure {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
    /// Digits after the point when printed.
    pub decimals: usize,
}

impl Figure {
    pub fn new(name: &'static str, value: f64, unit: &'static str, decimals: usize) -> Figure {
        Figure {
            name,
            value,
            unit,
            decimals,
        }
    }
}

/// A measurement made `--rounds` times: each round's figures, and how busy
/// the machine was during each.
#[derive(Debug, Default)]
pub struct Rounds {
    rounds: Vec<(Vec<Figure>, Load)>,
}

/// A figure whose spread (max − min) is more than this share of its median
/// is reported as not to be trusted.
pub const LARGE_SPREAD: f64 = 0.5;

impl Rounds {
    pub fn new() -> Rounds {
        Rounds::default()
    }

    pub fn add(&mut self, figures: Vec<Figure>, load: Load) {
        self.rounds.push((figures, load));
    }

    /// Measures `rounds` times with `measure`, printing each round's
    /// line as `describe` says it, then the summary.
    pub fn print<M>(
        rounds: u32,
        mut measure: impl FnMut() -> Result<(M, Load), String>,
        describe: impl Fn(&M) -> String,
        figures: impl Fn(&M) -> Vec<Figure>,
    ) -> Result<(), String> {
        let mut all = Rounds::new();
        for _ in 0..rounds {
            let (measured, load) = measure()?;
            println!("  {}", describe(&measured));
            all.add(figures(&measured), load);
        }
        print!("{}", all.summary("    "));
        Ok(())
    }

    /// The summary: for each figure, `median (min–max)` over the rounds;
    /// then whether the figures can be trusted, and if not, why. Every line
    /// starts with `indent`.
    pub fn summary(&self, indent: &str) -> String {
        let mut out = String::new();
        let Some((first, _)) = self.rounds.first() else {
            return out;
        };
        let n = self.rounds.len();
        let _ = writeln!(
            out,
            "{indent}over {n} round{}: median (min–max)",
            if n == 1 { "" } else { "s" }
        );
        let mut doubts = Vec::new();
        let width = first.iter().map(|f| f.name.len()).max().unwrap_or(0);
        for (i, figure) in first.iter().enumerate() {
            let mut values: Vec<f64> = self
                .rounds
                .iter()
                .filter_map(|(figures, _)| figures.get(i).map(|f| f.value))
                .collect();
            values.sort_by(|a, b| a.total_cmp(b));
            let (min, max) = (values[0], values[values.len() - 1]);
            let median = if values.len() % 2 == 1 {
                values[values.len() / 2]
            } else {
                (values[values.len() / 2 - 1] + values[values.len() / 2]) / 2.0
            };
            let d = figure.decimals;
            let unit = figure.unit;
            let space = if unit.is_empty() { "" } else { " " };
            let _ = writeln!(
                out,
                "{indent}  {:<width$}  {median:.d$}{space}{unit} ({min:.d$}–{max:.d$})",
                figure.name
            );
            if n > 1 && max - min > LARGE_SPREAD * median.abs() && max - min > 0.0 {
                doubts.push(format!(
                    "{} varies from {min:.d$} to {max:.d$}{space}{unit}",
                    figure.name
                ));
            }
        }
        for (round, (_, load)) in self.rounds.iter().enumerate() {
            if let Some(why) = load.busy() {
                doubts.push(format!("round {}: {why}", round + 1));
            }
        }
        let loadavg = self.rounds.last().map_or(0.0, |(_, l)| l.loadavg);
        if doubts.is_empty() {
            let _ = writeln!(
                out,
                "{indent}figures look steady (spread within {:.0}% of the median, the machine otherwise idle; load average {loadavg:.2})",
                LARGE_SPREAD * 100.0
            );
        } else {
            let _ = writeln!(
                out,
                "{indent}NOT TO BE TRUSTED (load average {loadavg:.2}{}):",
                if n == 1 {
                    "; one round only, run with --rounds 3 or more"
                } else {
                    ""
                }
            );
            for doubt in doubts {
                let _ = writeln!(out, "{indent}  - {doubt}");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut l = Latencies::default();
        for us in (1..=100).rev() {
            l.record(us);
        }
        let p = l.percentiles();
        assert_eq!((p.count, p.p50, p.p99, p.max), (100, 51, 99, 100));
        assert_eq!(Latencies::default().percentiles().max, 0);
    }

    #[test]
    fn a_large_spread_is_not_to_be_trusted() {
        let mut rounds = Rounds::new();
        for p99 in [11.0, 14.0, 1300.0] {
            rounds.add(
                vec![
                    Figure::new("deliveries/s", 10_000.0, "", 0),
                    Figure::new("latency p99", p99, "ms", 2),
                ],
                Load::default(),
            );
        }
        let text = rounds.summary("");
        assert!(text.contains("14.00 ms (11.00–1300.00)"), "{text}");
        assert!(text.contains("NOT TO BE TRUSTED"), "{text}");
        assert!(text.contains("latency p99 varies"), "{text}");
        assert!(!text.contains("deliveries/s varies"), "{text}");
    }

    #[test]
    fn a_busy_machine_is_said_so() {
        let mut rounds = Rounds::new();
        let busy = Load {
            others_cores: 0.9,
            cores: 2,
            ..Load::default()
        };
        rounds.add(vec![Figure::new("x", 1.0, "s", 1)], Load::default());
        rounds.add(vec![Figure::new("x", 1.0, "s", 1)], busy);
        let text = rounds.summary("");
        assert!(
            text.contains("round 2: other processes used 0.90 of the 2 cores"),
            "{text}"
        );
        let mut steady = Rounds::new();
        steady.add(vec![Figure::new("x", 1.0, "s", 1)], Load::default());
        steady.add(vec![Figure::new("x", 1.1, "s", 1)], Load::default());
        assert!(steady.summary("").contains("figures look steady"));
    }

    #[test]
    fn our_own_cpu_time_is_counted_as_ours() {
        let machine = machine_ticks();
        let ours = our_ticks(&[]);
        // Spin until this process has used 10 ticks (100 ms) of CPU, which
        // takes longer on a busy machine but always happens.
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut x = 0u64;
        while our_ticks(&[]) < ours + 10 && Instant::now() < deadline {
            for _ in 0..100_000 {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(1));
            }
        }
        let used = our_ticks(&[]) - ours;
        assert!(used >= 10, "our CPU time did not grow: {used} ticks");
        // The machine saw at least our work (minus a tick of rounding).
        assert!(machine_ticks().0 - machine.0 + 2 >= used);
    }
}
