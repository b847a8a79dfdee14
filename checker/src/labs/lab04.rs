//! Lab 04: the TCP connect port scanner.
//! What it must do: docs/labs/04-scanner.md.
//!
//! The checker plays the scanned host on loopback: it listens on ports of
//! its choosing (open), holds listeners whose accept queue is full (Linux
//! then drops new SYNs: filtered), and leaves the rest closed. Other
//! programs on the machine, and other tests beside this one, listen too:
//! a port reported open is judged against the kernel's own table of
//! listening sockets (/proc/net/tcp and tcp6), sampled before, during and
//! after the scan, not against the checker's list alone.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::ops::RangeInclusive;
use std::process::ExitStatus;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

use super::{Lab, Rule, TestCase};
use crate::harness::program::describe_exit;
use crate::harness::sockets;
use crate::harness::{Ctx, Failure, Limits, PrivateNetwork, complete_lines, ensure, find_panics};
use crate::i18n::Text;
use crate::t;

/// The handout's rules (its "Rules" section is made from this table).
pub const RULES: &[Rule] = &[
    Rule {
        id: "04-only-the-host",
        says: "The scanner connects only to the one host it is given: no other address, not even 127.0.0.1 when it was given 127.0.0.2.",
        unchecked: None,
    },
    Rule {
        id: "04-open-is-a-handshake",
        says: "A port is open when a connect() to it completes the handshake, and only then: a port's state is what a connect() to it said, never the kernel's table of listening sockets.",
        unchecked: None,
    },
    Rule {
        id: "04-refused-is-closed",
        says: "A port that answers the SYN with a refusal (RST) is closed.",
        unchecked: None,
    },
    Rule {
        id: "04-silent-is-filtered",
        says: "A port that does not answer before the timeout is filtered.",
        unchecked: None,
    },
    Rule {
        id: "04-filtered-after-timeout",
        says: "A port is filtered once it has not answered for --timeout milliseconds, not sooner.",
        unchecked: None,
    },
    Rule {
        id: "04-one-try",
        says: "A silent port is tried once, for one timeout.",
        unchecked: None,
    },
    Rule {
        id: "04-default-timeout",
        says: "Without --timeout, each port may take 1000 ms to answer.",
        unchecked: None,
    },
    Rule {
        id: "04-many-at-once",
        says: "A fixed pool of workers keeps up to --concurrency connections in progress at once: silent ports wait their timeouts together, not one after another.",
        unchecked: None,
    },
    Rule {
        id: "04-at-most-concurrency",
        says: "Never more than --concurrency connections in progress at once.",
        unchecked: None,
    },
    Rule {
        id: "04-default-concurrency",
        says: "Without --concurrency, at most 256 connections at once.",
        unchecked: None,
    },
    Rule {
        id: "04-below-file-limit",
        says: "The concurrency is kept below the soft limit on open files, minus 16: asking for more prints a note on stderr and uses what fits (or is refused with exit status 2 and a message); running out of file descriptors is not fine.",
        unchecked: None,
    },
    Rule {
        id: "04-other-errors-stop",
        says: "An error that is no answer about the port (EMFILE: too many open files, ...) stops the scan and says why: it is never counted as a port's state.",
        unchecked: None,
    },
    Rule {
        id: "04-self-connect-is-closed",
        says: "A connection whose local address is its peer address connected to itself: the port is closed, not open.",
        unchecked: None,
    },
    Rule {
        id: "04-open-is-confirmed",
        says: "A port is reported open only if a program listens on it: two of the scanner's own sockets that happened to meet are no open port.",
        unchecked: None,
    },
    Rule {
        id: "04-host-forms",
        says: "The host is an IPv4 address, an IPv6 address or a name; a name is looked up once and its first address is scanned, and only it.",
        unchecked: None,
    },
    Rule {
        id: "04-unknown-host",
        says: "A name that can't be found: a message and exit status 1.",
        unchecked: None,
    },
    Rule {
        id: "04-ipv6",
        says: "IPv6 works as IPv4 does: scan ::1.",
        unchecked: None,
    },
    Rule {
        id: "04-port-lists",
        says: "-p takes 80, 1-1024, 22,80,8000-8100, or - for all of 1-65535; a range includes both ends.",
        unchecked: None,
    },
    Rule {
        id: "04-default-ports",
        says: "Without -p, ports 1-1024 are scanned.",
        unchecked: None,
    },
    Rule {
        id: "04-listed-twice-scanned-once",
        says: "A port listed twice is scanned once.",
        unchecked: None,
    },
    Rule {
        id: "04-bad-ports",
        says: "Port 0, a port over 65535, a reversed range, an empty item or anything not a number: exit status 2 and a message that quotes what is wrong; nothing is scanned.",
        unchecked: None,
    },
    Rule {
        id: "04-open-lines",
        says: "stdout has one line `<port>/tcp open <service>` per open port, in ascending order of port whatever order the ports were listed or scanned in; closed and filtered ports are not listed.",
        unchecked: None,
    },
    Rule {
        id: "04-summary",
        says: "At the end, stderr gets a summary: ports scanned, how many open, closed and filtered, and the time taken.",
        unchecked: None,
    },
    Rule {
        id: "04-json",
        says: "With --json, stdout is one JSON object (host, address, ports_scanned, open, filtered, counts, elapsed_ms), and the summary still goes to stderr.",
        unchecked: None,
    },
    Rule {
        id: "04-json-sorted-and-counted",
        says: "In the JSON, open and filtered are in ascending order, and the three counts add up to ports_scanned.",
        unchecked: None,
    },
    Rule {
        id: "04-no-progress-in-a-pipe",
        says: "A progress bar is for a terminal only: when stderr is a pipe or a file, it gets only the summary and the notes and errors this page asks for.",
        unchecked: None,
    },
];

pub const LAB: Lab = Lab {
    number: 4,
    name: "scanner",
    title: "TCP connect port scanner",
    rules: RULES,
    tests: &[
        TestCase {
            name: "open-ports",
            points: 3,
            rules: &["04-open-is-a-handshake", "04-port-lists", "04-open-lines"],
            checks: "a range of 200 ports with 10 listening (the first and the last among them): exactly those are reported open",
            hint: "a range includes its last port (1..=n, not 1..n); only a completed connect() means open",
            run: open_ports,
        },
        TestCase {
            name: "sorted-lines",
            points: 2,
            rules: &[
                "04-open-lines",
                "04-listed-twice-scanned-once",
                "04-port-lists",
            ],
            checks: "a port list given out of order, with ports listed twice (`P,C,B,A,a-b,P`): one `<port>/tcp open <service>` line per open port, in ascending order, each once",
            hint: "the workers finish in any order: sort the open ports before printing; a port listed twice is scanned once",
            run: sorted_lines,
        },
        TestCase {
            name: "closed-ports",
            points: 1,
            rules: &["04-refused-is-closed", "04-open-lines"],
            checks: "100 ports where nothing listens: no line at all on stdout, exit status 0",
            hint: "connection refused (a RST) means closed; closed ports are counted, not listed",
            run: closed_ports,
        },
        TestCase {
            name: "filtered-port",
            points: 2,
            rules: &[
                "04-silent-is-filtered",
                "04-filtered-after-timeout",
                "04-one-try",
            ],
            checks: "a port that never answers (a full accept queue drops the SYN) is filtered after one whole --timeout (2 s), not sooner, and tried once: the kernel's table of sockets, sampled every millisecond, shows each connect() waiting (SYN-SENT) and for how long",
            hint: "TcpStream::connect_timeout with the --timeout given; ErrorKind::TimedOut means filtered; don't try a silent port again",
            run: filtered_port,
        },
        TestCase {
            name: "concurrency",
            points: 3,
            rules: &[
                "04-many-at-once",
                "04-at-most-concurrency",
                "04-silent-is-filtered",
            ],
            checks: "200 filtered ports at --timeout 300 --concurrency 250: done in under 8 s (one at a time would take a minute), all reported filtered; 13 at --concurrency 4: never more than 4 connect()s in progress at once (the kernel's socket table, sampled every millisecond) and no sooner than four rounds of 300 ms",
            hint: "start --concurrency worker threads (no more) that take ports from a shared list (an AtomicUsize index), not one connect at a time",
            run: concurrency,
        },
        TestCase {
            name: "defaults",
            points: 2,
            rules: &[
                "04-default-timeout",
                "04-default-concurrency",
                "04-default-ports",
                "04-many-at-once",
                "04-at-most-concurrency",
            ],
            checks: "without -p, ports_scanned is 1024; without --timeout and --concurrency, 300 silent ports: never more than 256 connect()s in progress at once and more than 128, each waiting 1000 ms (the kernel's table of sockets, sampled every millisecond)",
            hint: "the defaults are --timeout 1000, --concurrency 256 and -p 1-1024 (clap: default_value_t)",
            run: defaults,
        },
        TestCase {
            name: "file-limit",
            points: 2,
            rules: &["04-below-file-limit", "04-other-errors-stop"],
            checks: "--concurrency 5000 under a limit of 64 open files: clamped with a note (a line on stderr before the summary, in any words) or refused with a message and exit status 2; never \"Too many open files\", and every silent port still filtered",
            hint: "read the soft RLIMIT_NOFILE and keep the number of workers below it: each holds one socket",
            run: file_limit,
        },
        TestCase {
            name: "json",
            points: 1,
            rules: &[
                "04-json",
                "04-json-sorted-and-counted",
                "04-listed-twice-scanned-once",
                "04-silent-is-filtered",
            ],
            checks: "`--json` prints one JSON object: host, address, ports_scanned (of a list with ports twice), open and filtered ports each in ascending order, counts that add up to it, elapsed_ms; the summary still on stderr",
            hint: "the counts come from the same results as the lists; closed ports are only counted",
            run: json,
        },
        TestCase {
            name: "summary",
            points: 1,
            rules: &["04-summary", "04-open-lines"],
            checks: "the summary goes to stderr: ports scanned, how many open, closed and filtered, and the time taken; stdout has only the port lines",
            hint: "eprintln! for the summary; open + closed + filtered = ports scanned",
            run: summary,
        },
        TestCase {
            name: "bad-ports",
            points: 2,
            rules: &["04-bad-ports"],
            checks: "`-p 0`, `0-100`, `65536`, `70000`, `100-80`, `8o`, `1-`, `80,,81`: exit status 2 and a message quoting what is wrong, nothing scanned, no panic",
            hint: "return an error from ports::parse for port 0, ports over 65535, reversed ranges and anything not a number",
            run: bad_ports,
        },
        TestCase {
            name: "ipv6",
            points: 2,
            rules: &["04-ipv6", "04-host-forms", "04-open-is-a-handshake"],
            checks: "`scan ::1` finds the open ports of the IPv6 loopback exactly as for IPv4",
            hint: "an IpAddr can be either family: SocketAddr::new(ip, port) works for both; don't keep only IPv4 addresses",
            run: ipv6,
        },
        TestCase {
            name: "host-name",
            points: 2,
            rules: &["04-host-forms", "04-unknown-host"],
            checks: "`scan localhost` scans the first address the name has, and only it; a name that can't be found (looked up where nothing can leave the machine): a message on stderr, nothing on stdout, exit status 1",
            hint: "look the name up once ((name, 0).to_socket_addrs()), scan its first address; a failed lookup is an error: exit status 1",
            run: host_name,
        },
        TestCase {
            name: "self-connect",
            points: 3,
            rules: &["04-self-connect-is-closed"],
            checks: "a connection that connected to itself (local address = peer address: TCP simultaneous open) is not reported open, over IPv4 and IPv6",
            hint: "after connect(), compare stream.local_addr() with stream.peer_addr(): equal means nothing listens there",
            run: self_connect,
        },
        TestCase {
            name: "only-host",
            points: 2,
            rules: &["04-only-the-host", "04-open-is-a-handshake", "04-ipv6"],
            checks: "a scan of 127.a.b.c, then of ::1, while the same ports listen on 127.0.0.1, a neighbouring address and the other family: every open port of the host gets a connect() and is reported, no other address gets any; and in a network namespace of its own where nothing listens, exactly one connect() per port scanned (the kernel's count), none to anywhere else",
            hint: "connect to SocketAddr::new(ip, port) with the ip the host gave, and to nothing else, not even to check the network; a port's state comes from connecting to it, not from /proc/net/tcp or ss",
            run: only_host,
        },
        TestCase {
            name: "full-range",
            points: 3,
            rules: &[
                "04-open-is-confirmed",
                "04-port-lists",
                "04-no-progress-in-a-pipe",
            ],
            checks: "`-p -` (1-65535) on 127.0.0.1: every checker port reported, and nothing that did not listen during the scan; stderr a pipe: no progress bar, no progress lines, nothing but the summary",
            hint: "self-connects happen in the ephemeral range; draw a progress bar only when stderr is a terminal (std::io::IsTerminal), and print nothing else of it in a pipe",
            run: full_range,
        },
    ],
};

/// Where each test puts its ports, below Linux's ephemeral range (32768
/// and up, where the kernel picks the ports of other tests' servers and
/// connections), each test in a region of its own so that tests running
/// at once don't share ports.
const REGION: u16 = 2000;

/// How long the scans may take. A correct scanner is done in a fraction.
const SCAN: Duration = Duration::from_secs(20);

fn v4() -> IpAddr {
    IpAddr::V4(Ipv4Addr::LOCALHOST)
}

// ---------------------------------------------------------------------------
// The checker's ports.

/// Ports the checker holds for one test: listening ones (open), listening
/// ones with a full queue (filtered), and the connections that fill them.
#[derive(Default)]
pub(crate) struct Ports {
    listeners: Vec<TcpListener>,
    sockets: Vec<Socket>,
    fillers: Vec<TcpStream>,
    pub(crate) open: BTreeSet<u16>,
    pub(crate) filtered: BTreeSet<u16>,
    /// The window of ports the test scans, kept from the other tests of
    /// this process while the test runs (never read: dropping it gives
    /// the window back).
    _window: Option<Reservation>,
}

/// The windows of ports that tests running in this checker hold. The kit
/// grades dozens of scanners at once in one process, every test of a lab
/// with the same seed; two tests whose windows overlap would see each
/// other's listeners as ports "reported open where nothing listened"
/// whenever the other test's came and went between two looks at the
/// kernel's table. Other processes' ports are still told apart by that
/// table.
static RESERVED: Mutex<Vec<(u16, u16)>> = Mutex::new(Vec::new());

/// Ports `first..first + len`, while it lives.
struct Reservation {
    first: u16,
    len: u16,
}

impl Reservation {
    /// None if another test of this process holds a port of the window.
    fn take(first: u16, len: u16) -> Option<Reservation> {
        let mut reserved = RESERVED.lock().unwrap_or_else(|p| p.into_inner());
        let end = first as u32 + len as u32;
        let overlaps = reserved
            .iter()
            .any(|&(f, l)| (first as u32) < f as u32 + l as u32 && (f as u32) < end);
        if overlaps {
            return None;
        }
        reserved.push((first, len));
        Some(Reservation { first, len })
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut reserved = RESERVED.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = reserved
            .iter()
            .position(|&window| window == (self.first, self.len))
        {
            reserved.swap_remove(at);
        }
    }
}

impl Ports {
    /// Listens on `ip:port`; false if the port is taken.
    pub(crate) fn open(&mut self, ip: IpAddr, port: u16) -> bool {
        match TcpListener::bind((ip, port)) {
            Ok(listener) => {
                self.listeners.push(listener);
                self.open.insert(port);
                true
            }
            Err(_) => false,
        }
    }

    /// Listens on `ip:port` with an accept queue of one and fills it with
    /// a connection nobody accepts: Linux then drops every new SYN to the
    /// port, and a connect() gets no answer at all. False if taken.
    pub(crate) fn filtered(&mut self, ip: IpAddr, port: u16) -> Result<bool, Failure> {
        let addr = SocketAddr::new(ip, port);
        let Ok(socket) = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))
        else {
            return Err(Failure::checker(t!(
                "lab04-no-socket",
                "cannot make a socket (open file limit?)"
            )));
        };
        if socket.bind(&addr.into()).is_err() || socket.listen(0).is_err() {
            return Ok(false);
        }
        // The queue may already be full (a scan of another test got there
        // first): the port is filtered either way.
        if let Ok(filler) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
            self.fillers.push(filler);
        }
        self.sockets.push(socket);
        self.filtered.insert(port);
        Ok(true)
    }
}

/// Takes a window of `len` ports in the test's region (`region` 0, 1, ...)
/// and sets it up with `plan`, which gets the window's first port and
/// returns false when a port it needs is taken. Then another window is
/// tried, anywhere in 10000-31999, chosen at random (not from the seed:
/// runs of the same seed at once, as in the kit's tests, would otherwise
/// keep choosing the same taken windows).
fn window(
    ctx: &mut Ctx,
    region: u16,
    len: u16,
    mut plan: impl FnMut(&mut Ctx, &mut Ports, u16) -> Result<bool, Failure>,
) -> Result<(Ports, u16), Failure> {
    raise_file_limit();
    let base = 10_000 + region * REGION;
    let mut first = base + ctx.rng().range(0, (REGION - len) as usize) as u16;
    let mut elsewhere = crate::harness::Rng::new(std::hash::BuildHasher::hash_one(
        &std::collections::hash_map::RandomState::new(),
        region,
    ));
    for _ in 0..100 {
        if let Some(window) = Reservation::take(first, len) {
            let mut ports = Ports {
                _window: Some(window),
                ..Ports::default()
            };
            if plan(ctx, &mut ports, first)? {
                return Ok((ports, first));
            }
        }
        first = elsewhere.range(10_000, 32_000 - len as usize) as u16;
    }
    Err(Failure::checker(t!(
        "lab04-no-free-ports",
        "could not find {len} free ports in 10000-31999: is something else using them all?",
        len = len
    )))
}

/// `count` distinct ports picked from `from..=to`.
fn pick(ctx: &mut Ctx, from: u16, to: u16, count: usize) -> BTreeSet<u16> {
    let mut picked = BTreeSet::new();
    while picked.len() < count.min((to - from + 1) as usize) {
        picked.insert(ctx.rng().range(from as usize, to as usize + 1) as u16);
    }
    picked
}

/// The checker holds a few hundred sockets for some tests: its soft limit
/// on open files goes up to the hard one.
fn raise_file_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit with a pointer to a local.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

// ---------------------------------------------------------------------------
// Connections in progress: how many at once.

/// One connect() of the scanner's to a counted port, as the samples saw
/// its socket in SYN-SENT. Each bound is taken on the safe side of the
/// sample (its start or its end), so that a sampler slowed down by a
/// loaded machine only widens the bounds, never puts them wrong.
#[derive(Clone, Copy, Debug)]
struct Try {
    /// When the sample before the first that saw it started, and when the
    /// first that saw it ended.
    before: Instant,
    first: Instant,
    /// When the last sample that saw it started, and when the first that
    /// no longer saw it ended (None: still there when the sampling stopped).
    last: Instant,
    gone: Option<Instant>,
}

impl Try {
    /// It waited for an answer at least this long.
    fn at_least(&self) -> Duration {
        self.last.saturating_duration_since(self.first)
    }

    /// And at most this long (`stopped`: when the sampling ended).
    fn at_most(&self, stopped: Instant) -> Duration {
        self.gone.unwrap_or(stopped) - self.before
    }
}

/// What the sampler has seen so far, and whether to stop.
#[derive(Default)]
struct Sampled {
    /// Every port seen listening.
    listening: BTreeSet<u16>,
    /// The most connect()s of the scanner in progress at once to the
    /// ports being counted.
    most_at_once: usize,
    /// Each of those connect()s, by its socket's inode.
    tries: std::collections::BTreeMap<u32, Try>,
    /// When the last sample started.
    previous: Option<Instant>,
    /// The longest time between two samples that counted: how well the
    /// samples saw the scan (a loaded machine may starve the sampler).
    max_gap: Duration,
    counted_samples: usize,
    stopped: bool,
}

impl Sampled {
    /// Takes in a sample of the scanner's sockets in SYN-SENT, taken
    /// between `start` and `end`.
    fn track(&mut self, sockets: &[(u16, u32)], start: Instant, end: Instant) {
        self.most_at_once = self.most_at_once.max(sockets.len());
        let before = self.previous.unwrap_or(start);
        if self.counted_samples > 0 {
            self.max_gap = self.max_gap.max(start - before);
        }
        self.counted_samples += 1;
        for &(_, inode) in sockets {
            self.tries
                .entry(inode)
                .and_modify(|t| t.last = start)
                .or_insert(Try {
                    before,
                    first: end,
                    last: start,
                    gone: None,
                });
        }
        for (inode, t) in self.tries.iter_mut() {
            if t.gone.is_none() && !sockets.iter().any(|(_, i)| i == inode) {
                t.gone = Some(end);
            }
        }
    }
}

/// Connections in progress to count: to `ports`, by the process `scanner`
/// (0 until it is started: until then there is nothing to count).
struct InFlight {
    ports: RangeInclusive<u16>,
    scanner: AtomicI32,
}

/// The sampler's findings; its condition variable wakes it when it is
/// told to stop.
type Watched = (Mutex<Sampled>, Condvar);

/// Samples the listening sockets on a thread until stopped: a server of
/// another test that lives only while the scan runs is seen too. If told
/// to, it also counts the scanner's connections in progress.
struct SocketWatch {
    state: Arc<Watched>,
    counting: Option<Arc<InFlight>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SocketWatch {
    fn start(counting: Option<RangeInclusive<u16>>) -> SocketWatch {
        // Before the scanner starts: the `before` of the sockets the first
        // sample that counts them sees.
        let first = Sampled {
            listening: sockets::listening_ports(),
            previous: Some(Instant::now()),
            ..Sampled::default()
        };
        let state = Arc::new((Mutex::new(first), Condvar::new()));
        let counting = counting.map(|ports| {
            Arc::new(InFlight {
                ports,
                scanner: AtomicI32::new(0),
            })
        });
        let shared = Arc::clone(&state);
        let counted = counting.clone();
        let thread = std::thread::spawn(move || {
            let (lock, stopped) = &*shared;
            // Each sample costs a dump of the machine's sockets: while
            // counting, the listening ones are asked for every 8th sample
            // only, and the scanner's processes every 32nd, so that many
            // tests sampling at once on a loaded machine still sample
            // often (a sampler starved for 300 ms would miss a connect()).
            let mut processes = BTreeSet::new();
            let mut n: u64 = 0;
            loop {
                let start = Instant::now();
                let now = (counted.is_none() || n % 8 == 0).then(sockets::listening_ports);
                let connecting =
                    counted
                        .as_ref()
                        .and_then(|c| match c.scanner.load(Ordering::Relaxed) {
                            0 => None,
                            pid => {
                                if n % 32 == 0 || !processes.contains(&pid) {
                                    processes = crate::harness::sandbox::descendants(pid);
                                }
                                Some(sockets::connecting(&c.ports, &processes))
                            }
                        });
                n += 1;
                let end = Instant::now();
                let mut guard = lock.lock().unwrap_or_else(|p| p.into_inner());
                guard.listening.extend(now.into_iter().flatten());
                if let Some(sockets) = connecting {
                    guard.track(&sockets, start, end);
                    guard.previous = Some(start);
                }
                if guard.stopped {
                    return;
                }
                // A sample every millisecond (a dump of the listening
                // sockets takes microseconds), or at once when stopped.
                let (guard, _) = stopped
                    .wait_timeout(guard, Duration::from_millis(1))
                    .unwrap_or_else(|p| p.into_inner());
                if guard.stopped {
                    return;
                }
            }
        });
        SocketWatch {
            state,
            counting,
            thread: Some(thread),
        }
    }

    /// From now on, counts the connections of the process `pid`.
    fn scanner_is(&self, pid: i32) {
        if let Some(counting) = &self.counting {
            counting.scanner.store(pid, Ordering::Relaxed);
        }
    }

    /// Every port seen listening (the last sample taken now), the most
    /// connections seen in progress at once, each of them, and when the
    /// sampling stopped.
    fn stop(mut self) -> (BTreeSet<u16>, usize, Vec<Try>, Instant, Duration) {
        let (lock, stopped) = &*self.state;
        lock.lock().unwrap_or_else(|p| p.into_inner()).stopped = true;
        stopped.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let stopped_at = Instant::now();
        let mut sampled = std::mem::take(&mut *lock.lock().unwrap_or_else(|p| p.into_inner()));
        sampled.listening.extend(sockets::listening_ports());
        let tries = sampled.tries.into_values().collect();
        // The time from the last sample to the end counts as a gap too.
        let last_gap = sampled.previous.map_or(Duration::ZERO, |p| stopped_at - p);
        let gap = sampled.max_gap.max(last_gap);
        (
            sampled.listening,
            sampled.most_at_once,
            tries,
            stopped_at,
            gap,
        )
    }
}

// ---------------------------------------------------------------------------
// Running the scanner and reading what it said.

/// A finished scan.
struct Scan {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// Every port something listened on at some time during the scan.
    seen: BTreeSet<u16>,
    /// The most connect()s in progress at once, if they were counted.
    most_at_once: usize,
    /// Each of them (if they were counted), and when the sampling ended.
    tries: Vec<Try>,
    sampled_until: Instant,
    /// The longest time between two samples of the scanner's sockets.
    max_gap: Duration,
}

/// Runs `scan <args>` and waits for it to exit, at most `within`.
fn run_scan(
    ctx: &mut Ctx,
    args: &[&str],
    limits: Option<Limits>,
    within: Duration,
) -> Result<Scan, Failure> {
    run_scan_counting(ctx, args, limits, within, None)
}

/// Runs `scan <args>` as run_scan does, and counts the most connections
/// it has in progress at once to the ports `counting`.
fn run_scan_counting(
    ctx: &mut Ctx,
    args: &[&str],
    limits: Option<Limits>,
    within: Duration,
    counting: Option<RangeInclusive<u16>>,
) -> Result<Scan, Failure> {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    let watch = SocketWatch::start(counting);
    let started = Instant::now();
    let program = ctx.spawn_with("scanner", &all, &[], limits)?;
    watch.scanner_is(program.pid());
    let status = program.wait_exit(ctx.deadline(within));
    let elapsed = started.elapsed();
    let (seen, most_at_once, tries, sampled_until, max_gap) = watch.stop();
    let Some(status) = status else {
        return Err(Failure::timeout(t!(
            "lab04-scan-still-running",
            "the scan was still running after {seconds} s",
            seconds = in_seconds(elapsed, 1)
        ))
        .expected(t!(
            "lab04-scan-to-end-within",
            "the scan to end within {seconds} s",
            seconds = format!("{:.0}", within.as_secs_f64())
        ))
        .got(t!("lab04-still-running-killed", "still running: killed")));
    };
    ctx.note(t!(
        "lab04-scanner-ended",
        "the scanner {ended} after {ms} ms",
        ended = describe_exit(status),
        ms = elapsed.as_millis() as u64
    ));
    Ok(Scan {
        status,
        stdout: program.stdout(),
        stderr: program.stderr(),
        elapsed,
        seen,
        most_at_once,
        tries,
        sampled_until,
        max_gap,
    })
}

/// Runs a counted scan of `ports` (all silent) until the samples saw a
/// connect() to every one of them, at most four times: on a machine so
/// loaded that the sampler was not scheduled while some connect() waited,
/// the count of connections at once is not complete, and no verdict is
/// drawn from it. A scan that saw fewer connect()s than ports every time
/// (a scanner that doesn't connect) is returned as it is, for the test to
/// judge.
fn run_scan_seen(
    ctx: &mut Ctx,
    args: &[&str],
    within: Duration,
    ports: RangeInclusive<u16>,
    gap: Duration,
) -> Result<Scan, Failure> {
    let wanted = ports.len();
    let mut attempt = 1;
    loop {
        let scan = run_scan_counting(ctx, args, None, within, Some(ports.clone()))?;
        if (scan.tries.len() >= wanted && scan.max_gap <= gap)
            || attempt == 4
            || !scan.status.success()
        {
            return Ok(scan);
        }
        ctx.note(t!(
            "lab04-sampled-again",
            "the kernel's table was sampled too seldom ({seen} of {wanted} connect()s seen, up to {ms} ms between samples): scanning again",
            seen = scan.tries.len(),
            wanted = wanted,
            ms = scan.max_gap.as_millis() as u64
        ));
        attempt += 1;
    }
}

impl Scan {
    /// Exit status 0, or a failure that shows stderr.
    fn succeeded(&self) -> Result<(), Failure> {
        ensure(self.status.success(), || {
            Failure::wrong(t!(
                "lab04-not-successful",
                "the scanner did not exit successfully"
            ))
            .expected(t!("lab04-exit-status-0", "exit status 0"))
            .got(t!(
                "lab04-ended-and-stderr",
                "{ended}; stderr: {stderr}",
                ended = describe_exit(self.status),
                stderr = format!("{:?}", last_lines(&self.stderr))
            ))
        })
    }

    /// The ports of the `<port>/tcp open <service>` lines on stdout, in
    /// their order; any other line is a failure.
    fn open_lines(&self) -> Result<Vec<u16>, Failure> {
        let mut ports = Vec::new();
        for line in complete_lines(self.stdout.as_bytes()) {
            if line.trim().is_empty() {
                continue;
            }
            let port = parse_line(&line).ok_or_else(|| {
                Failure::wrong(t!(
                    "lab04-not-a-port-line",
                    "a line on stdout is not `<port>/tcp open <service>`"
                ))
                .expected(t!(
                    "lab04-port-lines",
                    "lines like `22/tcp open ssh` (the summary goes to stderr)"
                ))
                .got(format!("{line:?}"))
            })?;
            ports.push(port);
        }
        Ok(ports)
    }
}

/// `22/tcp open ssh` → 22.
fn parse_line(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    let port = words.next()?.strip_suffix("/tcp")?.parse().ok()?;
    (words.next()? == "open" && words.next().is_some() && words.next().is_none()).then_some(port)
}

/// The lines of stderr that say something (not blank).
fn stderr_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

fn last_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(3)..].join("\n")
}

/// A duration in seconds with `decimals` (1 or more) digits after the
/// point: a decimal comma in Polish.
fn in_seconds(duration: Duration, decimals: usize) -> Text {
    let text = format!("{:.*}", decimals, duration.as_secs_f64());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    t!(
        "lab04-seconds",
        "{whole}.{fraction}",
        whole = whole,
        fraction = fraction
    )
}

/// The ports, comma-separated, or "none".
fn list(ports: impl IntoIterator<Item = u16>) -> Text {
    let ports: Vec<String> = ports.into_iter().map(|p| p.to_string()).collect();
    if ports.is_empty() {
        t!("lab04-none", "none")
    } else {
        Text::english(ports.join(", "))
    }
}

/// Judges the open ports a scan reported: each of `expected` must be
/// there, and every other one must have been listening at some time during
/// the scan (a port of the checker's that is `filtered` or closed never
/// was open).
fn judge_open(
    reported: &[u16],
    expected: &BTreeSet<u16>,
    never_open: &BTreeSet<u16>,
    scanned: impl Fn(u16) -> bool,
    seen: &BTreeSet<u16>,
) -> Result<(), Failure> {
    let got: BTreeSet<u16> = reported.iter().copied().collect();
    let missed: Vec<u16> = expected.difference(&got).copied().collect();
    ensure(missed.is_empty(), || {
        Failure::wrong(t!(
            "lab04-open-not-reported",
            "{count} open port(s) not reported: {ports}",
            count = missed.len(),
            ports = list(missed.iter().copied())
        ))
        .expected(t!(
            "lab04-open",
            "open: {ports}",
            ports = list(expected.iter().copied())
        ))
        .got(t!(
            "lab04-open",
            "open: {ports}",
            ports = list(got.iter().copied())
        ))
    })?;
    let false_open: Vec<u16> = got
        .iter()
        .copied()
        .filter(|p| !expected.contains(p))
        .filter(|p| never_open.contains(p) || !seen.contains(p) || !scanned(*p))
        .collect();
    ensure(false_open.is_empty(), || {
        let shown: Vec<u16> = false_open.iter().take(12).copied().collect();
        Failure::wrong(t!(
            "lab04-open-where-nothing-listened",
            "{count} port(s) reported open where nothing listened during the scan (the kernel's table, /proc/net/tcp): {ports}{more}",
            count = false_open.len(),
            ports = list(shown),
            more = if false_open.len() > 12 { ", ..." } else { "" }
        ))
        .expected(t!(
            "lab04-open",
            "open: {ports}",
            ports = list(expected.iter().copied())
        ))
        .got(t!(
            "lab04-reported-open",
            "{count} ports reported open",
            count = got.len()
        ))
    })
}

/// The ports in ascending order, each once.
fn ascending(reported: &[u16]) -> Result<(), Failure> {
    let Some(pair) = reported.windows(2).find(|pair| pair[0] >= pair[1]) else {
        return Ok(());
    };
    let message = if pair[0] == pair[1] {
        t!(
            "lab04-printed-twice",
            "port {port} is printed twice: a port listed twice is scanned and reported once",
            port = pair[0]
        )
    } else {
        t!(
            "lab04-not-ascending",
            "the open ports are not in ascending order: {before} is printed before {after}",
            before = pair[0],
            after = pair[1]
        )
    };
    Err(Failure::wrong(message)
        .expected(t!(
            "lab04-lowest-first",
            "one line per open port, lowest port first"
        ))
        .got(t!(
            "lab04-in-this-order",
            "ports in this order: {ports}",
            ports = list(reported.iter().copied())
        )))
}

/// stdout as one JSON object.
fn json_output(scan: &Scan) -> Result<serde_json::Value, Failure> {
    let value: serde_json::Value = serde_json::from_str(scan.stdout.trim()).map_err(|e| {
        Failure::wrong(t!(
            "lab04-not-json",
            "stdout is not one JSON object: {error}",
            error = e.to_string()
        ))
        .expected(t!(
            "lab04-one-json-object",
            "with --json, stdout is a single JSON object"
        ))
        .got(format!("{:?}", crate::harness::shown(&scan.stdout, 300)))
    })?;
    ensure(value.is_object(), || {
        Failure::wrong(t!("lab04-json-not-object", "the JSON is not an object"))
            .expected("{\"host\": ..., \"open\": [...], ...}")
            .got(crate::harness::shown(&scan.stdout, 300))
    })?;
    Ok(value)
}

/// A list of port numbers in the JSON, at `key`.
fn json_ports(value: &serde_json::Value, key: &str) -> Result<Vec<u16>, Failure> {
    value
        .get(key)
        .and_then(|v| v.as_array())
        .and_then(|items| {
            items
                .iter()
                .map(|p| p.as_u64().and_then(|p| u16::try_from(p).ok()))
                .collect::<Option<Vec<u16>>>()
        })
        .ok_or_else(|| {
            Failure::wrong(t!(
                "lab04-json-no-port-list",
                "the JSON has no list of port numbers \"{key}\"",
                key = key
            ))
            .expected(t!(
                "lab04-json-port-list",
                "\"{key}\": [port, ...]",
                key = key
            ))
            .got(crate::harness::shown(&value.to_string(), 300))
        })
}

fn json_number(value: &serde_json::Value, path: &[&str]) -> Result<u64, Failure> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(|v| v.as_u64())
        .ok_or_else(|| {
            Failure::wrong(t!(
                "lab04-json-no-number",
                "the JSON has no number at {path}",
                path = path.join(".")
            ))
            .expected(t!(
                "lab04-json-number",
                "a number at {path}",
                path = path.join(".")
            ))
            .got(crate::harness::shown(&value.to_string(), 300))
        })
}

/// Every checker port in `ours` is among the filtered ones reported.
fn judge_filtered(reported: &[u16], ours: &BTreeSet<u16>) -> Result<(), Failure> {
    let got: BTreeSet<u16> = reported.iter().copied().collect();
    let missed: Vec<u16> = ours.difference(&got).copied().collect();
    ensure(missed.is_empty(), || {
        Failure::wrong(t!(
            "lab04-filtered-not-reported",
            "{count} port(s) that never answered are not reported filtered: {ports}",
            count = missed.len(),
            ports = list(missed.iter().take(12).copied())
        ))
        .expected(t!(
            "lab04-filtered-count",
            "filtered: {count} ports",
            count = ours.len()
        ))
        .got(t!(
            "lab04-filtered-count",
            "filtered: {count} ports",
            count = got.len()
        ))
    })
}

// ---------------------------------------------------------------------------
// The tests.

fn open_ports(ctx: &mut Ctx) -> Result<(), Failure> {
    let len = 200;
    let (ports, first) = window(ctx, 0, len, |ctx, ports, first| {
        let last = first + len - 1;
        let mut wanted = pick(ctx, first + 1, last - 1, 8);
        wanted.extend([first, last]);
        Ok(wanted.into_iter().all(|p| ports.open(v4(), p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(t!(
        "lab04-listens-on-of",
        "the checker listens on {ports} of {spec}",
        ports = list(ports.open.iter().copied()),
        spec = &spec
    ));
    let scan = run_scan(ctx, &["127.0.0.1", "-p", &spec], None, SCAN)?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    judge_open(
        &reported,
        &ports.open,
        &BTreeSet::new(),
        |p| (first..=last).contains(&p),
        &scan.seen,
    )?;
    ascending(&reported)
}

fn sorted_lines(ctx: &mut Ctx) -> Result<(), Failure> {
    // Three chunks of 30 ports and a single port after them, listed in
    // the reverse order; open ports in each.
    let (ports, first) = window(ctx, 1, 120, |ctx, ports, first| {
        let mut wanted = BTreeSet::from([first + 110]);
        for chunk in 0..3 {
            let start = first + chunk * 30;
            wanted.extend(pick(ctx, start, start + 29, 3));
        }
        Ok(wanted.into_iter().all(|p| ports.open(v4(), p)))
    })?;
    let chunk = |i: u16| format!("{}-{}", first + i * 30, first + i * 30 + 29);
    // P listed twice, and a range over the end of A and the start of B:
    // each port is scanned and reported once.
    let spec = format!(
        "{},{},{},{},{}-{},{}",
        first + 110,
        chunk(2),
        chunk(1),
        chunk(0),
        first + 20,
        first + 40,
        first + 110
    );
    ctx.note(t!(
        "lab04-listens-on",
        "the checker listens on {ports}",
        ports = list(ports.open.iter().copied())
    ));
    let scan = run_scan(ctx, &["127.0.0.1", "-p", &spec], None, SCAN)?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    ascending(&reported)?;
    judge_open(
        &reported,
        &ports.open,
        &BTreeSet::new(),
        |p| p == first + 110 || (first..first + 90).contains(&p),
        &scan.seen,
    )
}

fn closed_ports(ctx: &mut Ctx) -> Result<(), Failure> {
    let len = 100;
    let (_ports, first) = window(ctx, 2, len, |_, _, first| {
        let listening = sockets::listening_ports();
        Ok(!(first..first + len).any(|p| listening.contains(&p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(t!(
        "lab04-nothing-listens",
        "nothing listens on {spec}",
        spec = &spec
    ));
    let scan = run_scan(ctx, &["127.0.0.1", "-p", &spec], None, SCAN)?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    judge_open(
        &reported,
        &BTreeSet::new(),
        &BTreeSet::new(),
        |p| (first..=last).contains(&p),
        &scan.seen,
    )
}

fn filtered_port(ctx: &mut Ctx) -> Result<(), Failure> {
    let (ports, _) = window(ctx, 3, 10, |ctx, ports, first| {
        let filtered = first + ctx.rng().range(0, 10) as u16;
        let open = if filtered == first { first + 9 } else { first };
        Ok(ports.filtered(v4(), filtered)? && ports.open(v4(), open))
    })?;
    let filtered = *ports.filtered.first().expect("one filtered port");
    let open = *ports.open.first().expect("one open port");
    // That Linux drops SYNs to a full queue is what this test stands on.
    let addr = SocketAddr::new(v4(), filtered);
    if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
        return Err(Failure::skipped(t!(
            "lab04-no-filtered-port",
            "this kernel answers a listener whose accept queue is full, so the checker can't make a filtered port"
        )));
    }
    ctx.note(t!(
        "lab04-open-and-filtered",
        "{open} is open; {filtered} is filtered (its accept queue is full: the SYN is dropped)",
        open = open,
        filtered = filtered
    ));
    let timeout = Duration::from_millis(FILTERED_TIMEOUT_MS);
    let spec = format!("{open},{filtered}");
    let timeout_arg = FILTERED_TIMEOUT_MS.to_string();
    let scan = run_scan_seen(
        ctx,
        &[
            "127.0.0.1",
            "-p",
            &spec,
            "--timeout",
            &timeout_arg,
            "--json",
        ],
        timeout * 6,
        filtered..=filtered,
        // Close enough that one of 1000 ms (a scanner ignoring --timeout)
        // can't seem to last 1.9 s.
        timeout * 3 / 20,
    )?;
    scan.succeeded()?;
    let value = json_output(&scan)?;
    judge_filtered(&json_ports(&value, "filtered")?, &ports.filtered)?;
    judge_open(
        &json_ports(&value, "open")?,
        &ports.open,
        &ports.filtered,
        |p| p == open || p == filtered,
        &scan.seen,
    )?;
    // What the kernel saw: each connect() to the silent port is a socket
    // of the scanner's in SYN-SENT for as long as it waits. A loaded
    // machine makes the samples late, which only widens the bounds.
    let tries = &scan.tries;
    // A connect() of the whole timeout can't fall between two samples
    // closer together than it lasts.
    ensure(!tries.is_empty() || scan.max_gap >= timeout / 2, || {
        Failure::wrong(t!(
            "lab04-silent-port-not-tried",
            "the scanner called port {port} filtered without a connect() to it waiting for an answer",
            port = filtered
        ))
        .expected(t!(
            "lab04-one-connect-one-timeout",
            "one connect() to the silent port, waiting the whole --timeout ({ms} ms)",
            ms = FILTERED_TIMEOUT_MS
        ))
        .got(t!(
            "lab04-no-syn-sent",
            "no socket of the scanner's waited for port {port} (state SYN-SENT in the kernel's table): is its state read from /proc/net/tcp?",
            port = filtered
        ))
    })?;
    ensure(tries.len() == 1, || {
        let lasted: Vec<String> = tries
            .iter()
            .map(|t| in_seconds(t.at_least(), 2).to_string())
            .collect();
        Failure::wrong(t!(
            "lab04-tried-again",
            "the silent port was tried {count} times",
            count = tries.len()
        ))
        .expected(t!(
            "lab04-one-connect-one-timeout",
            "one connect() to the silent port, waiting the whole --timeout ({ms} ms)",
            ms = FILTERED_TIMEOUT_MS
        ))
        .got(t!(
            "lab04-connects-lasted",
            "{count} connect()s to it, one after another, waiting {seconds} s (the kernel's table of sockets: each a socket in SYN-SENT)",
            count = tries.len(),
            seconds = lasted.join(" + ")
        ))
    })?;
    // A port is filtered only once its whole timeout has passed without
    // an answer: a connect() given up sooner ignores --timeout.
    let waited = tries
        .first()
        .map_or(scan.elapsed, |t| t.at_most(scan.sampled_until));
    let soon = timeout.mul_f64(0.95);
    ensure(waited >= soon && scan.elapsed >= soon, || {
        let waited = waited.min(scan.elapsed);
        Failure::wrong(t!(
            "lab04-filtered-too-soon",
            "the silent port was called filtered after {seconds} s, before its --timeout of {timeout} s was over",
            seconds = in_seconds(waited, 2),
            timeout = in_seconds(timeout, 1)
        ))
        .expected(t!(
            "lab04-filtered-after-timeout",
            "a port called filtered once it has not answered for the whole --timeout ({ms} ms)",
            ms = FILTERED_TIMEOUT_MS
        ))
        .got(t!(
            "lab04-connect-gave-up",
            "its connect() gave up after at most {seconds} s (the kernel's table of sockets): is --timeout ignored?",
            seconds = in_seconds(waited, 2)
        ))
    })
}

/// The --timeout of filtered-port: not the default (1000 ms), so that a
/// scanner that ignores the option is seen giving up too soon.
const FILTERED_TIMEOUT_MS: u64 = 2000;

/// A window of `filtered` silent ports with `open` open ones among them.
fn silent_window(
    ctx: &mut Ctx,
    region: u16,
    filtered: u16,
    open: usize,
) -> Result<(Ports, u16, u16), Failure> {
    let len = filtered + open as u16;
    let (ports, first) = window(ctx, region, len, |ctx, ports, first| {
        let last = first + len - 1;
        let wanted = pick(ctx, first, last, open);
        for port in first..=last {
            let ok = if wanted.contains(&port) {
                ports.open(v4(), port)
            } else {
                ports.filtered(v4(), port)?
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    })?;
    ctx.note(t!(
        "lab04-silent-window",
        "{first}-{last}: {count} filtered ports, open: {ports}",
        first = first,
        last = first + len - 1,
        count = ports.filtered.len(),
        ports = list(ports.open.iter().copied())
    ));
    Ok((ports, first, first + len - 1))
}

fn concurrency(ctx: &mut Ctx) -> Result<(), Failure> {
    let (ports, first, last) = silent_window(ctx, 4, 200, 4)?;
    let spec = format!("{first}-{last}");
    let scan = run_scan(
        ctx,
        &[
            "127.0.0.1",
            "-p",
            &spec,
            "--timeout",
            "300",
            "--concurrency",
            "250",
            "--json",
        ],
        None,
        Duration::from_secs(8),
    )
    .map_err(|failure| Failure {
        message: t!(
            "lab04-concurrency-too-slow",
            "{message} (200 silent ports at 300 ms each take a minute one at a time, 0.3 s all at once)",
            message = failure.message
        ),
        ..failure
    })?;
    scan.succeeded()?;
    let value = json_output(&scan)?;
    judge_filtered(&json_ports(&value, "filtered")?, &ports.filtered)?;
    judge_open(
        &json_ports(&value, "open")?,
        &ports.open,
        &ports.filtered,
        |p| (first..=last).contains(&p),
        &scan.seen,
    )?;
    drop(ports);
    concurrency_bound(ctx)
}

/// At most `--concurrency` connections at once: `--concurrency 4` over 13
/// silent ports at `--timeout 300`. The checker samples the kernel's
/// table of sockets every millisecond and counts the scanner's connect()s
/// in progress (SYN-SENT) to those ports: each lasts 300 ms, so a fifth
/// at once can't be missed. (Timing alone can't tell: one worker too many
/// is done in three rounds, 0.9 s, and a loaded machine adds that much to
/// the start of a program.) Four rounds (4, 4, 4 and 1) also can't end
/// before 1.2 s, or the ports were never connected to.
fn concurrency_bound(ctx: &mut Ctx) -> Result<(), Failure> {
    const AT_ONCE: usize = 4;
    let (ports, first, last) = silent_window(ctx, 10, 13, 0)?;
    let spec = format!("{first}-{last}");
    let timeout = Duration::from_millis(300);
    let scan = run_scan_seen(
        ctx,
        &[
            "127.0.0.1",
            "-p",
            &spec,
            "--timeout",
            "300",
            "--concurrency",
            "4",
            "--json",
        ],
        SCAN,
        first..=last,
        Duration::from_millis(100),
    )?;
    ctx.note(t!(
        "lab04-most-at-once",
        "the most connections the scanner had in progress at once: {count} (its sockets in SYN-SENT)",
        count = scan.most_at_once
    ));
    scan.succeeded()?;
    let value = json_output(&scan)?;
    judge_filtered(&json_ports(&value, "filtered")?, &ports.filtered)?;
    // Each connect() to a silent port lasts 300 ms: samples closer together
    // than that see every one. A scanner that calls the ports filtered
    // without connecting (reading the kernel's table, guessing) made none,
    // however long a loaded machine took to start it. (With samples
    // further apart, only the time floor below can tell.)
    if scan.max_gap < timeout * 3 / 4 {
        let wanted = ports.filtered.len();
        let made = scan.tries.len();
        ensure(made >= wanted, || {
            Failure::wrong(t!(
                "lab04-connects-missing",
                "the kernel saw {made} connect()s of the scanner to the {wanted} silent ports it called filtered",
                made = made.to_string(),
                wanted = wanted.to_string()
            ))
            .expected(t!(
                "lab04-connect-each-port",
                "a connect() to each port, waiting --timeout for an answer"
            ))
            .got(t!(
                "lab04-connects-made",
                "{made} connect()s (sockets in SYN-SENT)",
                made = made.to_string()
            ))
        })?;
    }
    ensure(scan.most_at_once <= AT_ONCE, || {
        Failure::wrong(t!(
            "lab04-too-many-at-once",
            "{count} connections in progress at once at --concurrency 4",
            count = scan.most_at_once
        ))
        .expected(t!(
            "lab04-at-most-four",
            "at most 4 connect()s in progress at once"
        ))
        .got(t!(
            "lab04-sockets-at-once",
            "{count} of the scanner's sockets waiting for an answer from the scanned ports at the same moment (state SYN-SENT)",
            count = scan.most_at_once
        ))
    })?;
    let least = timeout * 4;
    ensure(scan.elapsed >= least.mul_f64(0.95), || {
        Failure::wrong(t!(
            "lab04-too-fast",
            "13 silent ports at --timeout 300 --concurrency 4 took only {seconds} s",
            seconds = in_seconds(scan.elapsed, 2)
        ))
        .expected(t!(
            "lab04-four-rounds",
            "at most 4 connections at once: four rounds of 300 ms, at least 1.2 s"
        ))
        .got(t!(
            "lab04-more-at-once",
            "{seconds} s: more than 4 connections in progress at once, or ports never connected to",
            seconds = in_seconds(scan.elapsed, 2)
        ))
    })
}

/// The defaults the handout gives: --timeout 1000, --concurrency 256 and
/// -p 1-1024. A scan without -p counts 1024 ports. Then 300 silent ports
/// without the two options: the kernel's table shows how many connect()s
/// are in progress at once (never more than 256, and more than 128, which
/// no smaller default gives; how many the samples catch at the same moment
/// depends on how fast a loaded machine starts the threads) and how long
/// each waits (not under 0.95 s, and nearer 1 s than 2 s).
fn defaults(ctx: &mut Ctx) -> Result<(), Failure> {
    const AT_ONCE: usize = 256;
    const TIMEOUT: Duration = Duration::from_millis(1000);
    // Without -p first: quick, and a program that dies at once is seen
    // before the silent ports are set up.
    let scan = run_scan(
        ctx,
        &["127.0.0.1", "--timeout", "300", "--json"],
        None,
        SCAN,
    )?;
    scan.succeeded()?;
    let value = json_output(&scan)?;
    let scanned = json_number(&value, &["ports_scanned"])?;
    ensure(scanned == 1024, || {
        Failure::wrong(t!(
            "lab04-default-ports-wrong",
            "without -p, the JSON says {count} ports were scanned",
            count = scanned
        ))
        .expected(t!(
            "lab04-default-ports",
            "\"ports_scanned\": 1024: -p is 1-1024 when not given"
        ))
        .got(Text::english(format!("\"ports_scanned\": {scanned}")))
    })?;
    let (ports, first, last) = silent_window(ctx, 9, 300, 0)?;
    let spec = format!("{first}-{last}");
    let scan = run_scan_seen(
        ctx,
        &["127.0.0.1", "-p", &spec, "--json"],
        Duration::from_secs(12),
        first..=last,
        SAMPLED_WELL,
    )?;
    ctx.note(t!(
        "lab04-most-at-once",
        "the most connections the scanner had in progress at once: {count} (its sockets in SYN-SENT)",
        count = scan.most_at_once
    ));
    scan.succeeded()?;
    let value = json_output(&scan)?;
    judge_filtered(&json_ports(&value, "filtered")?, &ports.filtered)?;
    drop(ports);
    // How many at once and how long each waits can be told only from
    // samples close enough together; on a machine too loaded for that
    // (after four tries), only what is certain is judged: no more than
    // 256 at once.
    let sampled_well = scan.max_gap <= SAMPLED_WELL && scan.tries.len() >= 300;
    if !sampled_well {
        ctx.note(t!(
            "lab04-sampled-too-seldom",
            "this machine is too busy to time connect()s from the kernel's table (up to {ms} ms between samples): only \"no more than 256 at once\" is judged",
            ms = scan.max_gap.as_millis() as u64
        ));
    }
    // Fewer where the run's limit on open files is below 256 + 16.
    let limit = crate::harness::sandbox::settings().limits.open_files;
    let expected = AT_ONCE.min(limit.saturating_sub(16) as usize);
    let most = scan.most_at_once;
    // No more than 256 at once is certain (a socket in a sample was in
    // progress then). How many the samples catch at the same moment
    // depends on how fast a loaded machine starts 256 threads: more than
    // half of 256 is asked, which no smaller default gives.
    ensure(
        most <= expected && (most > expected / 2 || !sampled_well),
        || {
            Failure::wrong(t!(
            "lab04-default-concurrency-wrong",
            "without --concurrency, {count} connections were in progress at once",
            count = most
        ))
        .expected(t!(
            "lab04-default-concurrency",
            "{count} at once: --concurrency is 256 when not given (kept below the limit on open files, {limit} here)",
            count = expected,
            limit = limit
        ))
        .got(t!(
            "lab04-sockets-at-once",
            "{count} of the scanner's sockets waiting for an answer from the scanned ports at the same moment (state SYN-SENT)",
            count = most
        ))
        },
    )?;
    // How long each connect() waited: the middle one of those that ended
    // while the kernel's table was sampled.
    let ended: Vec<&Try> = scan.tries.iter().filter(|t| t.gone.is_some()).collect();
    let middle = |mut waits: Vec<Duration>| {
        waits.sort_unstable();
        waits.get(waits.len() / 2).copied().unwrap_or_default()
    };
    let at_most = middle(
        ended
            .iter()
            .map(|t| t.at_most(scan.sampled_until))
            .collect(),
    );
    let at_least = middle(ended.iter().map(|t| t.at_least()).collect());
    // Each wait is somewhere between its two bounds; the middle of the
    // bounds, for the middle connect(), tells 1000 ms from 2000 ms even
    // when a loaded machine samples only every few hundred ms.
    let estimate = middle(
        ended
            .iter()
            .map(|t| (t.at_least() + t.at_most(scan.sampled_until)) / 2)
            .collect(),
    );
    ctx.note(t!(
        "lab04-waits-seen",
        "{count} connect()s seen ending (sockets in SYN-SENT); the middle one waited at least {from} s and at most {to} s",
        count = ended.len(),
        from = in_seconds(at_least, 2),
        to = in_seconds(at_most, 2)
    ));
    ensure(
        !sampled_well
            || (!ended.is_empty()
                && at_most >= TIMEOUT.mul_f64(0.95)
                && estimate < TIMEOUT.mul_f64(1.5)),
        || {
            Failure::wrong(t!(
                "lab04-default-timeout-wrong",
                "without --timeout, a connect() to a silent port waited {from}-{to} s",
                from = in_seconds(at_least, 2),
                to = in_seconds(at_most, 2)
            ))
            .expected(t!(
                "lab04-default-timeout",
                "1 s: --timeout is 1000 ms when not given"
            ))
            .got(t!(
                "lab04-waits-seen",
                "{count} connect()s seen ending (sockets in SYN-SENT); the middle one waited at least {from} s and at most {to} s",
                count = ended.len(),
                from = in_seconds(at_least, 2),
                to = in_seconds(at_most, 2)
            ))
        },
    )
}

/// `--concurrency 5000` under a limit of 64 open files. A low limit, so
/// that a scanner that ignores it runs out of descriptors even where a
/// loaded machine starts its threads slowly: 49 connect()s of 300 ms in
/// progress at once are enough.
/// The most time between two samples of the kernel's table for a count of
/// connect()s of 1000 ms to be judged.
const SAMPLED_WELL: Duration = Duration::from_millis(250);

fn file_limit(ctx: &mut Ctx) -> Result<(), Failure> {
    let (ports, first, last) = silent_window(ctx, 5, 200, 3)?;
    let spec = format!("{first}-{last}");
    let limits = Limits {
        open_files: 64,
        ..crate::harness::sandbox::settings().limits
    };
    ctx.note(t!(
        "lab04-file-limit-is",
        "the scanner's limit on open files (RLIMIT_NOFILE) is 64"
    ));
    let scan = run_scan(
        ctx,
        &[
            "127.0.0.1",
            "-p",
            &spec,
            "--timeout",
            "300",
            "--concurrency",
            "5000",
            "--json",
        ],
        Some(limits),
        SCAN,
    )?;
    let stderr = scan.stderr.to_lowercase();
    ensure(find_panics(&scan.stderr).is_empty(), || {
        Failure::crashed(t!("lab04-panicked", "the scanner panicked"))
            .expected(t!(
                "lab04-limit-message-no-crash",
                "a message about the limit on open files, never a crash"
            ))
            .got(last_lines(&scan.stderr))
    })?;
    ensure(!stderr.contains("too many open files"), || {
        Failure::wrong(t!(
            "lab04-out-of-descriptors",
            "the scanner ran out of file descriptors"
        ))
        .expected(t!(
            "lab04-kept-below-limit",
            "--concurrency kept below the limit on open files (64 here), with a message"
        ))
        .got(last_lines(&scan.stderr))
    })?;
    // Judged by where it is, not by its words: refused, a message is all
    // of stderr; clamped, the note is a line before the summary.
    let lines = stderr_lines(&scan.stderr);
    let said = if scan.status.code() == Some(2) {
        !lines.is_empty()
    } else {
        lines.len() >= 2
    };
    ensure(said, || {
        Failure::wrong(t!(
            "lab04-no-limit-message",
            "nothing says that --concurrency 5000 is over the limit on open files"
        ))
        .expected(t!(
            "lab04-limit-message",
            "a note on stderr, a line of its own before the summary (clamped), or a message and exit status 2 (refused)"
        ))
        .got(t!(
            "lab04-stderr",
            "stderr: {stderr}",
            stderr = format!("{:?}", last_lines(&scan.stderr))
        ))
    })?;
    if scan.status.code() == Some(2) {
        // Refused, with a message: fine.
        return Ok(());
    }
    scan.succeeded()?;
    let value = json_output(&scan)?;
    judge_filtered(&json_ports(&value, "filtered")?, &ports.filtered)?;
    judge_open(
        &json_ports(&value, "open")?,
        &ports.open,
        &ports.filtered,
        |p| (first..=last).contains(&p),
        &scan.seen,
    )
}

fn json(ctx: &mut Ctx) -> Result<(), Failure> {
    let len = 40;
    // Three open and three filtered ports, so that the order of each
    // list shows.
    let (ports, first) = window(ctx, 6, len, |ctx, ports, first| {
        let wanted: Vec<u16> = pick(ctx, first, first + len - 1, 6).into_iter().collect();
        for (i, port) in wanted.into_iter().enumerate() {
            let ok = if i % 2 == 0 {
                ports.filtered(v4(), port)?
            } else {
                ports.open(v4(), port)
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    })?;
    let last = first + len - 1;
    // Two ranges that overlap: 40 ports, 10 of them listed twice.
    let spec = format!("{first}-{},{}-{last}", first + 24, first + 15);
    ctx.note(t!(
        "lab04-open-filtered-of",
        "{spec}: open {open}, filtered {filtered}",
        spec = &spec,
        open = list(ports.open.iter().copied()),
        filtered = list(ports.filtered.iter().copied())
    ));
    let scan = run_scan(
        ctx,
        &["127.0.0.1", "-p", &spec, "--timeout", "500", "--json"],
        None,
        SCAN,
    )?;
    scan.succeeded()?;
    let value = json_output(&scan)?;
    let host = value.get("host").and_then(|h| h.as_str());
    ensure(host == Some("127.0.0.1"), || {
        Failure::wrong(t!(
            "lab04-json-wrong-host",
            "the JSON's host is not the host scanned"
        ))
        .expected(t!("lab04-json-host", "\"host\": \"127.0.0.1\""))
        .got(t!(
            "lab04-json-host-got",
            "\"host\": {host}",
            host = format!("{:?}", value.get("host"))
        ))
    })?;
    let address = value.get("address").and_then(|a| a.as_str());
    ensure(address == Some("127.0.0.1"), || {
        Failure::wrong(t!(
            "lab04-json-wrong-address",
            "the JSON's address is not the address scanned"
        ))
        .expected(t!("lab04-json-address", "\"address\": \"127.0.0.1\""))
        .got(Text::english(format!(
            "\"address\": {:?}",
            value.get("address")
        )))
    })?;
    let open = json_ports(&value, "open")?;
    let filtered = json_ports(&value, "filtered")?;
    for (key, list) in [("open", &open), ("filtered", &filtered)] {
        ensure(list.windows(2).all(|pair| pair[0] < pair[1]), || {
            Failure::wrong(t!(
                "lab04-json-not-ascending",
                "the JSON's \"{key}\" is not in ascending order",
                key = key
            ))
            .expected(t!(
                "lab04-json-ascending",
                "\"{key}\": its ports lowest first, each once",
                key = key
            ))
            .got(Text::english(format!("\"{key}\": {list:?}")))
        })?;
    }
    // The summary still goes to stderr.
    let summary = stderr_lines(&scan.stderr).last().map(|l| l.to_lowercase());
    ensure(summary.as_deref().and_then(counts_in).is_some(), || {
        Failure::wrong(t!(
                "lab04-json-no-summary",
                "with --json, the summary is missing from stderr"
            ))
            .expected(t!(
                "lab04-summary-line",
                "a line on stderr like `scanned 30 ports of 127.0.0.1 in 0.51 s: 2 open, 27 closed, 1 filtered`"
            ))
            .got(t!(
                "lab04-stderr",
                "stderr: {stderr}",
                stderr = format!("{:?}", last_lines(&scan.stderr))
            ))
    })?;
    judge_open(
        &open,
        &ports.open,
        &ports.filtered,
        |p| (first..=last).contains(&p),
        &scan.seen,
    )?;
    judge_filtered(&filtered, &ports.filtered)?;
    let counts = [
        json_number(&value, &["counts", "open"])?,
        json_number(&value, &["counts", "closed"])?,
        json_number(&value, &["counts", "filtered"])?,
    ];
    // A time in milliseconds: a whole number, or one with a fraction
    // (Python's `round(seconds * 1000, 1)`).
    ensure(
        value
            .get("elapsed_ms")
            .and_then(|v| v.as_f64())
            .is_some_and(|ms| ms >= 0.0),
        || {
            Failure::wrong(t!(
                "lab04-json-no-number",
                "the JSON has no number at {path}",
                path = "elapsed_ms"
            ))
            .expected(t!(
                "lab04-json-number",
                "a number at {path}",
                path = "elapsed_ms"
            ))
            .got(crate::harness::shown(&value.to_string(), 300))
        },
    )?;
    let scanned = json_number(&value, &["ports_scanned"])?;
    ensure(scanned == len as u64, || {
        Failure::wrong(t!(
            "lab04-json-ports-scanned",
            "the JSON's ports_scanned is not the number of ports scanned"
        ))
        .expected(t!(
            "lab04-json-ports-scanned-expected",
            "\"ports_scanned\": {len} (-p {spec}: each port once)",
            len = len,
            spec = &spec
        ))
        .got(Text::english(format!("\"ports_scanned\": {scanned}")))
    })?;
    let expected_closed = len as u64 - open.len() as u64 - filtered.len() as u64;
    ensure(
        counts == [open.len() as u64, expected_closed, filtered.len() as u64],
        || {
            Failure::wrong(t!(
                "lab04-json-counts-wrong",
                "the counts do not match the lists and the ports scanned"
            ))
            .expected(t!(
                "lab04-json-counts-expected",
                "counts open {open}, closed {closed}, filtered {filtered} (of {len} ports)",
                open = open.len(),
                closed = expected_closed,
                filtered = filtered.len(),
                len = len
            ))
            .got(t!(
                "lab04-json-counts",
                "counts open {open}, closed {closed}, filtered {filtered}",
                open = counts[0],
                closed = counts[1],
                filtered = counts[2]
            ))
        },
    )
}

/// The numbers of open, closed and filtered ports a summary gives,
/// each written before its word (`2 open, 27 closed, 1 filtered`) or each
/// after it (`open: 2, closed: 27, filtered: 1`, `open=2`).
fn counts_in(text: &str) -> Option<[u64; 3]> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '=' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let near = |word: &str, offset: isize| -> Option<u64> {
        let at = words.iter().position(|w| *w == word)? as isize + offset;
        words.get(usize::try_from(at).ok()?)?.parse().ok()
    };
    let states = ["open", "closed", "filtered"];
    [-1, 1].into_iter().find_map(|offset| {
        let [a, b, c] = states.map(|state| near(state, offset));
        Some([a?, b?, c?])
    })
}

/// Whether `text` gives a time: a number with its unit, `0.51 s`,
/// `0.51s`, `510 ms`, `510ms`, `0.5 seconds`.
fn says_time(text: &str) -> bool {
    const UNITS: [&str; 7] = [
        "s",
        "ms",
        "sec",
        "secs",
        "second",
        "seconds",
        "milliseconds",
    ];
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | ')'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.parse::<f64>().is_ok_and(|n| n >= 0.0);
    words.iter().enumerate().any(|(i, word)| {
        let glued = UNITS
            .iter()
            .any(|unit| word.strip_suffix(unit).is_some_and(number));
        let apart = number(word) && words.get(i + 1).is_some_and(|next| UNITS.contains(next));
        glued || apart
    })
}

fn summary(ctx: &mut Ctx) -> Result<(), Failure> {
    let len = 30;
    let (ports, first) = window(ctx, 7, len, |ctx, ports, first| {
        let mut wanted = pick(ctx, first, first + len - 1, 3).into_iter();
        let filtered = wanted.next().expect("three ports");
        Ok(ports.filtered(v4(), filtered)? && wanted.all(|p| ports.open(v4(), p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(t!(
        "lab04-open-filtered-of",
        "{spec}: open {open}, filtered {filtered}",
        spec = &spec,
        open = list(ports.open.iter().copied()),
        filtered = list(ports.filtered.iter().copied())
    ));
    let scan = run_scan(
        ctx,
        &["127.0.0.1", "-p", &spec, "--timeout", "500"],
        None,
        SCAN,
    )?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    judge_open(
        &reported,
        &ports.open,
        &ports.filtered,
        |p| (first..=last).contains(&p),
        &scan.seen,
    )?;
    let stderr = scan.stderr.to_lowercase();
    // The summary: the last line that names all three states.
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.contains("open") && l.contains("closed") && l.contains("filtered"))
        .unwrap_or_default();
    let counts = counts_in(line);
    let expected = t!(
        "lab04-summary-line",
        "a line on stderr like `scanned 30 ports of 127.0.0.1 in 0.51 s: 2 open, 27 closed, 1 filtered`"
    );
    let Some([open, closed, filtered]) = counts else {
        return Err(Failure::wrong(t!(
            "lab04-summary-no-counts",
            "the summary on stderr does not give the number of open, closed and filtered ports"
        ))
        .expected(expected)
        .got(t!(
            "lab04-stderr",
            "stderr: {stderr}",
            stderr = format!("{:?}", last_lines(&scan.stderr))
        )));
    };
    ensure(
        open == reported.len() as u64 && open + closed + filtered == len as u64 && filtered >= 1,
        || {
            Failure::wrong(t!(
                "lab04-summary-counts-wrong",
                "the summary's counts are wrong"
            ))
            .expected(t!(
                "lab04-summary-counts-expected",
                "{open} open, {all} ports in all, at least 1 filtered",
                open = reported.len(),
                all = len
            ))
            .got(t!(
                "lab04-summary-counts",
                "{open} open, {closed} closed, {filtered} filtered",
                open = open,
                closed = closed,
                filtered = filtered
            ))
        },
    )?;
    ensure(line.contains(&len.to_string()) && says_time(line), || {
        Failure::wrong(t!(
            "lab04-summary-incomplete",
            "the summary does not say how many ports were scanned and how long it took"
        ))
        .expected(&expected)
        .got(t!(
            "lab04-stderr",
            "stderr: {stderr}",
            stderr = format!("{:?}", last_lines(&scan.stderr))
        ))
    })
}

fn bad_ports(ctx: &mut Ctx) -> Result<(), Failure> {
    for spec in [
        "0", "0-100", "65536", "70000", "100-80", "8o", "1-", "80,,81",
    ] {
        let scan = run_scan(ctx, &["127.0.0.1", "-p", spec], None, SCAN)?;
        let stderr = scan.stderr.trim().to_string();
        ensure(find_panics(&scan.stderr).is_empty(), || {
            Failure::wrong(t!(
                "lab04-bad-ports-panicked",
                "-p {spec}: the scanner panicked",
                spec = spec
            ))
            .expected(t!(
                "lab04-message-and-status-2",
                "a message and exit status 2"
            ))
            .got(last_lines(&stderr))
        })?;
        ensure(scan.status.code() == Some(2), || {
            Failure::wrong(t!(
                "lab04-bad-ports-not-refused",
                "-p {spec} was not refused as a usage error",
                spec = spec
            ))
            .expected(t!(
                "lab04-status-2",
                "exit status 2 (as for a bad option), with a message"
            ))
            .got(t!(
                "lab04-ended-and-stdout",
                "{ended}; stdout {stdout}",
                ended = describe_exit(scan.status),
                stdout = format!("{:?}", crate::harness::shown(&scan.stdout, 100))
            ))
        })?;
        let quoted = match spec {
            "0" | "0-100" => "port 0",
            other => other,
        };
        ensure(
            stderr.to_lowercase().contains(quoted) || stderr.contains(spec),
            || {
                Failure::wrong(t!(
                    "lab04-bad-ports-vague",
                    "-p {spec}: the message does not say what is wrong",
                    spec = spec
                ))
                .expected(t!(
                    "lab04-message-quoting",
                    "a message that quotes {quoted}",
                    quoted = format!("{quoted:?}")
                ))
                .got(format!("{stderr:?}"))
            },
        )?;
        ensure(scan.stdout.trim().is_empty(), || {
            Failure::wrong(t!(
                "lab04-bad-ports-stdout",
                "-p {spec}: something was printed on stdout",
                spec = spec
            ))
            .expected(t!(
                "lab04-nothing-scanned",
                "nothing scanned, nothing on stdout"
            ))
            .got(crate::harness::shown(&scan.stdout, 200))
        })?;
    }
    Ok(())
}

fn ipv6(ctx: &mut Ctx) -> Result<(), Failure> {
    let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
    if TcpListener::bind((v6, 0)).is_err() {
        return Err(Failure::skipped(t!(
            "lab04-no-ipv6",
            "this machine has no IPv6 loopback (::1)"
        )));
    }
    let len = 100;
    let (ports, first) = window(ctx, 8, len, |ctx, ports, first| {
        let last = first + len - 1;
        let mut wanted = pick(ctx, first + 1, last - 1, 4);
        wanted.extend([first, last]);
        Ok(wanted.into_iter().all(|p| ports.open(v6, p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(t!(
        "lab04-listens-on-v6",
        "the checker listens on [::1] ports {ports}",
        ports = list(ports.open.iter().copied())
    ));
    let scan = run_scan(ctx, &["::1", "-p", &spec], None, SCAN)?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    judge_open(
        &reported,
        &ports.open,
        &BTreeSet::new(),
        |p| (first..=last).contains(&p),
        &scan.seen,
    )?;
    ascending(&reported)
}

/// A name: `localhost` is scanned at its first address, and only there;
/// a name that can't be found ends with a message and exit status 1.
fn host_name(ctx: &mut Ctx) -> Result<(), Failure> {
    use std::net::ToSocketAddrs;
    raise_file_limit();
    let mut addresses: Vec<IpAddr> = ("localhost", 0)
        .to_socket_addrs()
        .map(|found| found.map(|a| a.ip()).collect())
        .unwrap_or_default();
    addresses.dedup();
    if let Some((&ip, others)) = addresses.split_first() {
        localhost_round(ctx, ip, others)?;
    } else {
        ctx.note(t!(
            "lab04-no-localhost",
            "this machine can't look up the name localhost: not tried"
        ));
    }
    unknown_host_round(ctx)
}

fn localhost_round(ctx: &mut Ctx, ip: IpAddr, others: &[IpAddr]) -> Result<(), Failure> {
    let others: Vec<IpAddr> = others.iter().copied().filter(|o| *o != ip).collect();
    // The other addresses count the connections they get; a full-range
    // scan of 127.0.0.1 at the same time would reach them.
    let _lock = others.iter().any(|o| o.is_ipv4()).then(quiet_ports_lock);
    let len = 20;
    let mut counting = Counting::default();
    let (ports, first) = window(ctx, 8, len, |ctx, ports, first| {
        counting = Counting::default();
        let wanted = pick(ctx, first, first + len - 1, 3);
        Ok(wanted.into_iter().all(|p| ports.open(ip, p))
            && others
                .iter()
                .all(|&o| (first..first + len).all(|p| counting.listen(SocketAddr::new(o, p)))))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(t!(
        "lab04-localhost-is",
        "localhost is {ip} first{others}; the checker listens on {ports} of {spec} there",
        ip = ip.to_string(),
        others = if others.is_empty() {
            String::new()
        } else {
            format!(
                ", then {}",
                others
                    .iter()
                    .map(|o| o.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        ports = list(ports.open.iter().copied()),
        spec = &spec
    ));
    let scan = run_scan(ctx, &["localhost", "-p", &spec], None, SCAN)?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    let elsewhere: Vec<String> = counting
        .connections()
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(addr, count)| format!("{addr} ({count})"))
        .collect();
    ensure(elsewhere.is_empty(), || {
        Failure::wrong(t!(
            "lab04-name-scanned-twice",
            "the scan of localhost connected to its other addresses too"
        ))
        .expected(t!(
            "lab04-first-address-only",
            "connections to {ip} only: the first address the name has",
            ip = ip.to_string()
        ))
        .got(elsewhere.join(", "))
    })?;
    let never_open: BTreeSet<u16> = (first..=last).filter(|p| !ports.open.contains(p)).collect();
    judge_open(
        &reported,
        &ports.open,
        &never_open,
        |p| (first..=last).contains(&p),
        &scan.seen,
    )
}

/// A name no one has, looked up where no question can leave the machine:
/// in a network namespace of the scanner's own where the checker can make
/// one (no DNS server elsewhere can be reached from there); elsewhere a
/// name whose first label is longer than DNS allows (63 bytes), which
/// resolvers (glibc, musl, Go's) give up on before asking any server.
fn unknown_host_round(ctx: &mut Ctx) -> Result<(), Failure> {
    const NAME: &str = "no-such-host.socklab.invalid";
    const UNASKABLE: &str =
        "no-such-host-with-a-label-longer-than-dns-allows-so-no-server-is-asked.socklab.invalid";
    let isolated = PrivateNetwork::available().is_ok();
    let name = if isolated { NAME } else { UNASKABLE };
    let args = ["scan", name, "-p", "1-10"];
    let program = if isolated {
        ctx.spawn_isolated(
            "scanner",
            &args,
            PrivateNetwork::with_ephemeral_ports(50_000, 59_999),
        )?
    } else {
        ctx.spawn("scanner", &args)?
    };
    ctx.note(t!(
        "lab04-unknown-name",
        "{name} is a name no one has",
        name = name
    ));
    let status = program.wait_exit(ctx.deadline(SCAN)).ok_or_else(|| {
        Failure::timeout(t!(
            "lab04-unknown-name-did-not-end",
            "the scan of a name that can't be found did not end"
        ))
        .expected(t!(
            "lab04-unknown-name-fails",
            "a message on stderr and exit status 1"
        ))
    })?;
    let (stdout, stderr) = (program.stdout(), program.stderr());
    ensure(find_panics(&stderr).is_empty(), || {
        Failure::crashed(t!("lab04-panicked", "the scanner panicked"))
            .expected(t!(
                "lab04-unknown-name-fails",
                "a message on stderr and exit status 1"
            ))
            .got(last_lines(&stderr))
    })?;
    ensure(
        status.code() == Some(1) && stdout.trim().is_empty() && !stderr.trim().is_empty(),
        || {
            Failure::wrong(t!(
                "lab04-unknown-name-wrong",
                "the scan of {name}, a name that can't be found, did not fail as it should",
                name = name
            ))
            .expected(t!(
                "lab04-unknown-name-fails",
                "a message on stderr and exit status 1"
            ))
            .got(t!(
                "lab04-ended-stdout-stderr",
                "{ended}; stdout {stdout}; stderr {stderr}",
                ended = describe_exit(status),
                stdout = format!("{:?}", crate::harness::shown(&stdout, 100)),
                stderr = format!("{:?}", last_lines(&stderr))
            ))
        },
    )?;
    Ok(())
}

fn self_connect(ctx: &mut Ctx) -> Result<(), Failure> {
    if let Err(why) = PrivateNetwork::available() {
        return Err(Failure::skipped(t!(
            "lab04-no-namespace",
            "the checker can't make a network namespace on this machine ({why}), so this test's 3 points are left out of the maximum here; self-connects are then tested only by chance, in full-range. Linux lets any user make one unless a setting forbids it: on Ubuntu 24.04, `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0` allows it (or grade as root)",
            why = why
        )));
    }
    // In a network namespace of its own, where the kernel's only
    // ephemeral ports are P and P + 1, a connect() to port P on loopback,
    // where nothing listens, gets P as its local port: the SYN meets the
    // socket that sent it, and the connection connects to itself.
    let port = 40_000 + 2 * ctx.rng().range(0, 5000) as u16;
    let has_v6 = TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).is_ok();
    for host in ["127.0.0.1", "::1"] {
        if host == "::1" && !has_v6 {
            continue;
        }
        let spec = format!("{}-{}", port - 2, port + 2);
        ctx.note(t!(
            "lab04-namespace",
            "in a network namespace of its own whose ephemeral ports are {port}-{next}, nothing listens: a connect to {host} port {port} connects to itself",
            port = port,
            next = port + 1,
            host = host
        ));
        let program = ctx.spawn_isolated(
            "scanner",
            &["scan", host, "-p", &spec, "--timeout", "1000"],
            PrivateNetwork::with_ephemeral_ports(port, port + 1),
        )?;
        let status = program.wait_exit(ctx.deadline(SCAN)).ok_or_else(|| {
            Failure::timeout(t!(
                "lab04-five-closed-did-not-end",
                "the scan of five closed ports did not end"
            ))
            .expected(t!("lab04-scan-to-end", "the scan to end"))
        })?;
        let scan = Scan {
            status,
            stdout: program.stdout(),
            stderr: program.stderr(),
            elapsed: Duration::ZERO,
            seen: BTreeSet::new(),
            most_at_once: 0,
            tries: Vec::new(),
            sampled_until: Instant::now(),
            max_gap: Duration::ZERO,
        };
        scan.succeeded()?;
        let reported = scan.open_lines()?;
        ensure(reported.is_empty(), || {
            Failure::wrong(t!(
                "lab04-self-connect-reported",
                "{host}: reported open where nothing listens: {ports}",
                host = host,
                ports = list(reported.iter().copied())
            ))
            .expected(t!(
                "lab04-connected-to-itself",
                "no open port: the connection to {port} connected to itself (local address = peer address)",
                port = port
            ))
            .got(scan.stdout.trim().to_string())
        })?;
    }
    Ok(())
}

/// Ports 32000-32767: above every window() (which ends below 32000) and
/// below Linux's ephemeral range (32768 and up), so no other test's scan
/// reaches them (the full-range scan aside: see quiet_ports_lock).
const QUIET_PORTS: (u16, u16) = (32_000, 32_767);

/// Listeners that count the connections they get: a connection the
/// scanner opened and closed at once waits in the accept queue all the
/// same (a reset one too), so accepting after the scan counts them all.
#[derive(Default)]
struct Counting {
    listeners: Vec<(SocketAddr, TcpListener)>,
}

impl Counting {
    /// Listens on `addr`; false if it is taken.
    fn listen(&mut self, addr: SocketAddr) -> bool {
        match TcpListener::bind(addr).and_then(|l| l.set_nonblocking(true).map(|()| l)) {
            Ok(listener) => {
                self.listeners.push((addr, listener));
                true
            }
            Err(_) => false,
        }
    }

    /// How many connections each address got, accepting every one waiting.
    fn connections(&self) -> Vec<(SocketAddr, usize)> {
        self.listeners
            .iter()
            .map(|(addr, listener)| {
                let mut count = 0;
                while listener.accept().is_ok() {
                    count += 1;
                }
                (*addr, count)
            })
            .collect()
    }
}

fn only_host(ctx: &mut Ctx) -> Result<(), Failure> {
    raise_file_limit();
    let (_lock, waited) = quiet_ports_lock();
    if waited > Duration::from_millis(50) {
        ctx.note(t!(
            "lab04-waited-for-full-range",
            "waited {ms} ms for a full-range scan on this machine to end",
            ms = waited.as_millis() as u64
        ));
    }
    // A loopback address other than 127.0.0.1, and its neighbour.
    let (a, b, c) = (
        ctx.rng().range(1, 255) as u8,
        ctx.rng().range(0, 256) as u8,
        ctx.rng().range(1, 254) as u8,
    );
    let host = IpAddr::V4(Ipv4Addr::new(127, a, b, c));
    let neighbour = IpAddr::V4(Ipv4Addr::new(127, a, b, c + 1));
    let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
    let has_v6 = TcpListener::bind((v6, 0)).is_ok();
    let mut rounds = vec![(host, vec![v4(), neighbour])];
    if has_v6 {
        rounds[0].1.push(v6);
        rounds.push((v6, vec![v4(), host]));
    }
    for (target, others) in rounds {
        only_host_round(ctx, target, &others)?;
    }
    drop(_lock);
    only_host_counted(ctx)
}

/// The listeners of only_host_round hear only the ports they listen on. A
/// connect() to any other address and port shows in the TCP counters of
/// a network namespace the scanner has to itself: there, nothing listens,
/// every port it scans refuses, and it must have begun exactly one
/// connect() per port (ActiveOpens), none to anywhere else.
fn only_host_counted(ctx: &mut Ctx) -> Result<(), Failure> {
    if let Err(why) = PrivateNetwork::available() {
        ctx.note(t!(
            "lab04-only-host-no-namespace",
            "connections to ports where nothing listens are not counted: the checker can't make a network namespace on this machine ({why})",
            why = why
        ));
        return Ok(());
    }
    let len: u16 = 40;
    let host = IpAddr::V4(Ipv4Addr::new(
        127,
        ctx.rng().range(1, 255) as u8,
        ctx.rng().range(0, 256) as u8,
        ctx.rng().range(1, 255) as u8,
    ));
    // Below the namespace's ephemeral ports: no self-connect.
    let first = ctx.rng().range(10_000, 30_000) as u16;
    let spec = format!("{first}-{}", first + len - 1);
    let host_text = host.to_string();
    ctx.note(t!(
        "lab04-only-host-counted",
        "in a network namespace of its own, where nothing listens: a scan of {host} -p {spec}, and the namespace's count of connect()s begun",
        host = &host_text,
        spec = &spec
    ));
    let program = ctx.spawn_isolated_counted(
        "scanner",
        &["scan", &host_text, "-p", &spec],
        PrivateNetwork::with_ephemeral_ports(40_000, 59_999),
    )?;
    let status = program.wait_exit(ctx.deadline(SCAN)).ok_or_else(|| {
        Failure::timeout(t!(
            "lab04-closed-scan-did-not-end",
            "the scan of {count} closed ports did not end",
            count = len
        ))
        .expected(t!("lab04-scan-to-end", "the scan to end"))
    })?;
    let stderr = program.stderr();
    let Some((connects, stderr)) = crate::harness::tcp_counter(&stderr, "ActiveOpens") else {
        ctx.note(t!(
            "lab04-no-tcp-counters",
            "this kernel gives no TCP counters (/proc/net/snmp): connections elsewhere are not counted"
        ));
        return Ok(());
    };
    let scan = Scan {
        status,
        stdout: program.stdout(),
        stderr: stderr.to_string(),
        elapsed: Duration::ZERO,
        seen: BTreeSet::new(),
        most_at_once: 0,
        tries: Vec::new(),
        sampled_until: Instant::now(),
        max_gap: Duration::ZERO,
    };
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    ensure(reported.is_empty(), || {
        Failure::wrong(t!(
            "lab04-open-where-nothing-listens",
            "{host}: reported open where nothing listens: {ports}",
            host = &host_text,
            ports = list(reported.iter().copied())
        ))
        .expected(t!("lab04-no-open-port", "no open port"))
        .got(scan.stdout.trim().to_string())
    })?;
    ensure(connects == len as u64, || {
        let got = if connects < len as u64 {
            t!(
                "lab04-fewer-connects",
                "{count} connect()s for {len} ports: a port's state comes from a connect() to it",
                count = connects,
                len = len
            )
        } else {
            t!(
                "lab04-more-connects",
                "{count} connect()s for {len} ports: {extra} more, to another address (or a closed port tried again)",
                count = connects,
                len = len,
                extra = connects - len as u64
            )
        };
        Failure::wrong(t!(
            "lab04-connects-counted",
            "the scan of {len} ports of {host} began {count} connect()s",
            len = len,
            host = &host_text,
            count = connects
        ))
        .expected(t!(
            "lab04-one-connect-per-port",
            "{len} connect()s, one to each port of {host}, and none to any other address",
            len = len,
            host = &host_text
        ))
        .got(got)
    })
}

/// Scans 40 ports of `target`, 4 of them open, while every one of the 40
/// listens on each of `others`: the scanner must connect to each open
/// port of `target`, report exactly those, and connect to nothing else.
fn only_host_round(ctx: &mut Ctx, target: IpAddr, others: &[IpAddr]) -> Result<(), Failure> {
    let len = 40;
    let mut chosen = None;
    for _ in 0..100 {
        let first = ctx
            .rng()
            .range(QUIET_PORTS.0 as usize, (QUIET_PORTS.1 - len + 2) as usize)
            as u16;
        let last = first + len - 1;
        let open = pick(ctx, first, last, 4);
        let mut listening = Counting::default();
        let ok = open
            .iter()
            .all(|&p| listening.listen(SocketAddr::new(target, p)))
            && others
                .iter()
                .all(|&ip| (first..=last).all(|p| listening.listen(SocketAddr::new(ip, p))));
        if ok {
            chosen = Some((first, last, open, listening));
            break;
        }
    }
    let Some((first, last, open, listening)) = chosen else {
        return Err(Failure::checker(t!(
            "lab04-no-free-quiet-ports",
            "could not find {len} free ports in {from}-{to}: is something else using them all?",
            len = len,
            from = QUIET_PORTS.0,
            to = QUIET_PORTS.1
        )));
    };
    let spec = format!("{first}-{last}");
    let target_text = target.to_string();
    let others_text: Vec<String> = others.iter().map(|ip| ip.to_string()).collect();
    ctx.note(t!(
        "lab04-only-host-setup",
        "the host is {target}: it listens on {ports} of {spec}; every one of {spec} listens on {others} too, and counts the connections it gets",
        target = &target_text,
        ports = list(open.iter().copied()),
        spec = &spec,
        others = others_text.join(", ")
    ));
    let scan = run_scan(ctx, &[&target_text, "-p", &spec], None, SCAN)?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    let connections = listening.connections();
    // Per other address: the ports that got connections, and how many.
    let mut elsewhere: Vec<(IpAddr, Vec<u16>, usize)> = Vec::new();
    for &ip in others {
        let touched: Vec<(u16, usize)> = connections
            .iter()
            .filter(|(addr, count)| addr.ip() == ip && *count > 0)
            .map(|(addr, count)| (addr.port(), *count))
            .collect();
        if !touched.is_empty() {
            let total = touched.iter().map(|(_, n)| n).sum();
            elsewhere.push((ip, touched.into_iter().map(|(p, _)| p).collect(), total));
        }
    }
    ensure(elsewhere.is_empty(), || {
        let shown = elsewhere
            .iter()
            .map(|(ip, ports, total)| {
                let some: Vec<u16> = ports.iter().take(6).copied().collect();
                t!(
                    "lab04-connections-elsewhere",
                    "{ip}: {total} connection(s), to port(s) {ports}{more}",
                    ip = ip.to_string(),
                    total = *total,
                    ports = list(some),
                    more = if ports.len() > 6 { ", ..." } else { "" }
                )
            })
            .reduce(|all, next| t!("lab04-and-then", "{all}; {next}", all = all, next = next))
            .unwrap_or_default();
        Failure::wrong(t!(
            "lab04-other-hosts",
            "the scan of {target} connected to other hosts too: {hosts}",
            target = &target_text,
            hosts = elsewhere
                .iter()
                .map(|(ip, _, _)| ip.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .expected(t!(
            "lab04-only-the-host",
            "connections to {target} only: a scanner touches only the host it was given",
            target = &target_text
        ))
        .got(shown)
    })?;
    let unasked: Vec<u16> = connections
        .iter()
        .filter(|(addr, count)| addr.ip() == target && *count == 0)
        .map(|(addr, _)| addr.port())
        .collect();
    ensure(unasked.is_empty(), || {
        Failure::wrong(t!(
            "lab04-never-connected",
            "the scanner never connected to {target} port(s) {ports}, where the checker listens",
            target = &target_text,
            ports = list(unasked.iter().copied())
        ))
        .expected(t!(
            "lab04-connect-to-every-port",
            "a connect() to every port scanned: that is what tells a port's state"
        ))
        .got(t!(
            "lab04-no-connection-arrived",
            "no connection arrived at {unasked}; reported open: {reported}",
            unasked = list(unasked.iter().copied()),
            reported = list(reported.iter().copied())
        ))
    })?;
    let never_open: BTreeSet<u16> = (first..=last).filter(|p| !open.contains(p)).collect();
    judge_open(
        &reported,
        &open,
        &never_open,
        |p| (first..=last).contains(&p),
        &scan.seen,
    )
}

/// Held while a scan of all of loopback runs: one at a time on the
/// machine. Two at once connect to each other: the SYN of one, from local
/// port S to port D, meets the SYN of the other, from D to S, and TCP's
/// simultaneous open connects the two; both then report a port open where
/// nothing listens. An flock(2) on a file at a path that is the same for
/// every checker on the machine (in the same network namespace), root or
/// not, whatever TMPDIR each has ([`SCAN_LOCK_DIRS`]); the kernel releases
/// it when its holder exits, however it exits.
pub(crate) struct FullScanLock(#[allow(dead_code)] Option<std::fs::File>);

/// Where the lock file goes: the first of these folders that exists.
/// Each is writable by everyone (sticky) where it exists, and none
/// depends on the environment. A file another user made there is opened
/// read-only: flock works on that too.
const SCAN_LOCK_DIRS: [&str; 3] = ["/run/lock", "/dev/shm", "/tmp"];

/// One lock per network namespace: scans in two namespaces have two
/// loopbacks and can't meet (`net:[4026531840]` names this one).
fn scan_lock_path() -> Option<std::path::PathBuf> {
    let namespace = std::fs::read_link("/proc/self/ns/net")
        .ok()
        .map(|link| {
            link.to_string_lossy()
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .unwrap_or_default();
    SCAN_LOCK_DIRS
        .iter()
        .map(std::path::Path::new)
        .find(|dir| dir.is_dir())
        .map(|dir| dir.join(format!("socklab-full-range-scan-{namespace}.lock")))
}

/// Waits for the machine's full-range lock; returns it and how long the
/// wait took. Without a lock file (a folder nobody may write), no lock.
pub(crate) fn full_scan_lock() -> (FullScanLock, Duration) {
    scan_lock(libc::LOCK_EX)
}

/// The same lock, shared: held by a test whose listeners must hear from
/// its own scanner alone (only-host). Such tests run at once with each
/// other, never during a scan of all ports, whose connects would reach
/// their listeners.
fn quiet_ports_lock() -> (FullScanLock, Duration) {
    scan_lock(libc::LOCK_SH)
}

fn scan_lock(mode: i32) -> (FullScanLock, Duration) {
    let started = Instant::now();
    let lock = lock_file(mode);
    (FullScanLock(lock), started.elapsed())
}

/// The lock file, locked with flock `mode` (LOCK_NB added: None if it is
/// held); None also where there is no lock file to be had.
fn lock_file(mode: i32) -> Option<std::fs::File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    use std::os::unix::io::AsRawFd;
    let path = scan_lock_path()?;
    let file = match std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o666)
        .open(&path)
    {
        Ok(file) => {
            // Readable by the other users whatever the umask.
            let _ = file.set_permissions(std::fs::Permissions::from_mode(0o666));
            file
        }
        Err(_) => std::fs::File::open(&path).ok()?,
    };
    // SAFETY: flock on a descriptor we own; without LOCK_NB it blocks
    // until the lock is ours. Every holder ends within its scan's deadline.
    let locked = unsafe { libc::flock(file.as_raw_fd(), mode) } == 0;
    locked.then_some(file)
}

fn full_range(ctx: &mut Ctx) -> Result<(), Failure> {
    raise_file_limit();
    let (_lock, waited) = full_scan_lock();
    if waited > Duration::from_millis(50) {
        ctx.note(t!(
            "lab04-waited-for-other-full-range",
            "waited {ms} ms for another full-range scan on this machine to end",
            ms = waited.as_millis() as u64
        ));
    }
    let mut ports = Ports::default();
    while ports.open.len() < 6 {
        let port = ctx.rng().range(1024, 65536) as u16;
        ports.open(v4(), port);
    }
    ctx.note(t!(
        "lab04-listens-on-others-too",
        "the checker listens on {ports}; other programs may too",
        ports = list(ports.open.iter().copied())
    ));
    let scan = run_scan(
        ctx,
        &["127.0.0.1", "-p", "-", "--timeout", "300"],
        None,
        Duration::from_secs(60),
    )?;
    scan.succeeded()?;
    let reported = scan.open_lines()?;
    judge_open(
        &reported,
        &ports.open,
        &BTreeSet::new(),
        |_| true,
        &scan.seen,
    )?;
    ascending(&reported)?;
    // A progress bar redraws itself with \r or terminal escapes.
    let drawn = scan.stderr.contains('\u{1b}')
        || scan
            .stderr
            .split('\r')
            .skip(1)
            .any(|after| !after.starts_with('\n'));
    ensure(!drawn, || {
        Failure::wrong(t!(
            "lab04-progress-bar",
            "a progress bar was drawn although stderr is not a terminal"
        ))
        .expected(t!(
            "lab04-no-progress-bar",
            "no \\r or escape codes on stderr when it is a pipe (std::io::IsTerminal)"
        ))
        .got(crate::harness::shown(&scan.stderr, 200))
    })?;
    // No note is due here (no error, --concurrency within the limit): in
    // a pipe, the summary is all of stderr. Progress written as lines is
    // progress all the same.
    let lines = stderr_lines(&scan.stderr);
    ensure(lines.len() <= 1, || {
        Failure::wrong(t!(
            "lab04-progress-in-pipe",
            "{count} line(s) on stderr besides the summary, although stderr is a pipe",
            count = lines.len() - 1
        ))
        .expected(t!(
            "lab04-only-summary-in-pipe",
            "in a pipe or a file, stderr gets the summary and the notes and errors the handout asks for (none here), no progress or log of ports"
        ))
        .got(crate::harness::shown(&lines[..lines.len() - 1].join("\n"), 200))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_one_tests_while_it_holds_it() {
        // Ports of their own (in 32000-32767, where no window() goes).
        let held = Reservation::take(32_100, 10).expect("free");
        assert!(Reservation::take(32_109, 5).is_none(), "overlaps the end");
        assert!(Reservation::take(32_095, 6).is_none(), "overlaps the start");
        let next = Reservation::take(32_110, 5).expect("adjacent is free");
        drop(held);
        assert!(Reservation::take(32_100, 10).is_some(), "given back");
        drop(next);
    }

    /// A full-range scan's lock holds against a checker whose TMPDIR is
    /// another folder: this test, run again as a child with TMPDIR
    /// elsewhere, must find it held.
    #[test]
    fn the_full_range_lock_is_the_machines_whatever_tmpdir_says() {
        if std::env::var_os("SOCKLAB_LOCK_PROBE").is_some() {
            // The child: the parent holds the lock.
            assert!(lock_file(libc::LOCK_SH | libc::LOCK_NB).is_none());
            return;
        }
        let elsewhere = std::env::temp_dir().join(format!("socklab-tmpdir-{}", std::process::id()));
        std::fs::create_dir_all(&elsewhere).unwrap();
        let (held, _) = full_scan_lock();
        assert!(held.0.is_some(), "no lock file in {SCAN_LOCK_DIRS:?}");
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "labs::lab04::tests::the_full_range_lock_is_the_machines_whatever_tmpdir_says",
                "--test-threads=1",
            ])
            .env("SOCKLAB_LOCK_PROBE", "1")
            .env("TMPDIR", &elsewhere)
            .output()
            .unwrap();
        drop(held);
        let _ = std::fs::remove_dir(&elsewhere);
        let out = String::from_utf8_lossy(&child.stdout);
        assert!(child.status.success() && out.contains("1 passed"), "{out}");
    }

    #[test]
    fn lines_are_parsed() {
        assert_eq!(parse_line("22/tcp open ssh"), Some(22));
        assert_eq!(parse_line("8080/tcp  open  http-proxy"), Some(8080));
        assert_eq!(parse_line("22/tcp closed ssh"), None);
        assert_eq!(parse_line("22 open ssh"), None);
        assert_eq!(parse_line("22/tcp open"), None);
        assert_eq!(parse_line("scanned 3 ports"), None);
    }

    #[test]
    fn counts_are_found_in_a_summary() {
        let text = "scanned 30 ports of 127.0.0.1 in 0.51 s: 2 open, 27 closed, 1 filtered";
        assert_eq!(counts_in(text), Some([2, 27, 1]));
        let text = "scanned 30 ports of 127.0.0.1 in 0.51s: open: 2, closed: 27, filtered: 1";
        assert_eq!(counts_in(text), Some([2, 27, 1]));
        assert_eq!(
            counts_in("30 ports; open=2 closed=27 filtered=1"),
            Some([2, 27, 1])
        );
        assert_eq!(counts_in("2 open, 27 closed"), None);
    }

    #[test]
    fn a_time_is_found_in_a_summary() {
        for text in [
            "in 0.51 s: 2 open",
            "in 0.51s: 2 open",
            "took 510 ms",
            "(510ms)",
            "in 0.5 seconds.",
            "in 1s.",
        ] {
            assert!(says_time(text), "{text}");
        }
        for text in ["scanned 30 ports of 127.0.0.1: 2 open", "s 0.5", "30 ports"] {
            assert!(!says_time(text), "{text}");
        }
    }

    #[test]
    fn this_kernel_lists_our_listener_and_drops_syns_to_a_full_queue() {
        let mut ports = Ports::default();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !ports.filtered(v4(), port).unwrap() {
            return; // taken in between
        }
        assert!(sockets::listening_ports().contains(&port));
        let addr = SocketAddr::new(v4(), port);
        let error = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
    }
}
