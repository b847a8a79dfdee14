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
use std::process::ExitStatus;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

use super::{Lab, TestCase};
use crate::harness::program::describe_exit;
use crate::harness::{Ctx, Failure, Limits, PrivateNetwork, complete_lines, ensure, find_panics};

pub const LAB: Lab = Lab {
    number: 4,
    name: "scanner",
    title: "TCP connect port scanner",
    tests: &[
        TestCase {
            name: "open-ports",
            points: 3,
            checks: "a range of 200 ports with 10 listening (the first and the last among them): exactly those are reported open",
            hint: "a range includes its last port (1..=n, not 1..n); only a completed connect() means open",
            run: open_ports,
        },
        TestCase {
            name: "sorted-lines",
            points: 2,
            checks: "a port list given out of order (`P,C,B,A`): one `<port>/tcp open <service>` line per open port, in ascending order",
            hint: "the workers finish in any order: sort the open ports before printing",
            run: sorted_lines,
        },
        TestCase {
            name: "closed-ports",
            points: 1,
            checks: "100 ports where nothing listens: no line at all on stdout, exit status 0",
            hint: "connection refused (a RST) means closed; closed ports are counted, not listed",
            run: closed_ports,
        },
        TestCase {
            name: "filtered-port",
            points: 2,
            checks: "a port that never answers (a full accept queue drops the SYN) is filtered, and costs one --timeout (2 s), not one per retry (under 5 s)",
            hint: "TcpStream::connect_timeout; ErrorKind::TimedOut means filtered; don't try a silent port again",
            run: filtered_port,
        },
        TestCase {
            name: "concurrency",
            points: 3,
            checks: "200 filtered ports at --timeout 300 --concurrency 250: done in under 8 s (one at a time would take a minute), all reported filtered",
            hint: "start --concurrency worker threads that take ports from a shared list (an AtomicUsize index), not one connect at a time",
            run: concurrency,
        },
        TestCase {
            name: "file-limit",
            points: 2,
            checks: "--concurrency 5000 under a limit of 128 open files: clamped (or refused) with a message about the limit, never \"Too many open files\"",
            hint: "read the soft RLIMIT_NOFILE and keep the number of workers below it: each holds one socket",
            run: file_limit,
        },
        TestCase {
            name: "json",
            points: 1,
            checks: "`--json` prints one JSON object: host, open and filtered ports, counts that add up to the ports scanned, elapsed_ms",
            hint: "the counts come from the same results as the lists; closed ports are only counted",
            run: json,
        },
        TestCase {
            name: "summary",
            points: 1,
            checks: "the summary goes to stderr: ports scanned, how many open, closed and filtered, and the time taken; stdout has only the port lines",
            hint: "eprintln! for the summary; open + closed + filtered = ports scanned",
            run: summary,
        },
        TestCase {
            name: "bad-ports",
            points: 2,
            checks: "`-p 0`, `70000`, `100-80`, `8o`, `1-`, `80,,81`: exit status 2 and a message quoting what is wrong, nothing scanned, no panic",
            hint: "return an error from ports::parse for port 0, ports over 65535, reversed ranges and anything not a number",
            run: bad_ports,
        },
        TestCase {
            name: "ipv6",
            points: 2,
            checks: "`scan ::1` finds the open ports of the IPv6 loopback exactly as for IPv4",
            hint: "an IpAddr can be either family: SocketAddr::new(ip, port) works for both; don't keep only IPv4 addresses",
            run: ipv6,
        },
        TestCase {
            name: "self-connect",
            points: 3,
            checks: "a connection that connected to itself (local address = peer address: TCP simultaneous open) is not reported open, over IPv4 and IPv6",
            hint: "after connect(), compare stream.local_addr() with stream.peer_addr(): equal means nothing listens there",
            run: self_connect,
        },
        TestCase {
            name: "full-range",
            points: 3,
            checks: "`-p -` (1-65535) on 127.0.0.1: every checker port reported, and nothing that did not listen during the scan; no progress bar when stderr is not a terminal",
            hint: "self-connects happen in the ephemeral range; draw a progress bar only when stderr is a terminal",
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
            return Err(Failure::checker("cannot make a socket (open file limit?)"));
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
        let mut ports = Ports::default();
        if plan(ctx, &mut ports, first)? {
            return Ok((ports, first));
        }
        first = elsewhere.range(10_000, 32_000 - len as usize) as u16;
    }
    Err(Failure::checker(format!(
        "could not find {len} free ports in 10000-31999: is something else using them all?"
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
// The kernel's table of listening sockets.

/// The TCP ports something listens on, any address, IPv4 or IPv6: asked
/// of the kernel with sock_diag (what `ss -tl` uses; only the listening
/// sockets, however many connections the machine has), or read from
/// /proc/net/tcp and tcp6 where that is not possible.
fn listening_now() -> BTreeSet<u16> {
    let mut ports = BTreeSet::new();
    for family in [libc::AF_INET, libc::AF_INET6] {
        if diag::listening(family as u8, &mut ports).is_err() {
            return listening_from_proc();
        }
    }
    ports
}

fn listening_from_proc() -> BTreeSet<u16> {
    let mut ports = BTreeSet::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let mut fields = line.split_whitespace();
            let (Some(local), Some(state)) = (fields.nth(1), fields.nth(1)) else {
                continue;
            };
            // State 0A is TCP_LISTEN; the port follows the colon, in hex.
            if state == "0A" {
                if let Some(port) = local
                    .rsplit_once(':')
                    .and_then(|(_, hex)| u16::from_str_radix(hex, 16).ok())
                {
                    ports.insert(port);
                }
            }
        }
    }
    ports
}

/// NETLINK_SOCK_DIAG: a dump of the TCP sockets in state LISTEN.
mod diag {
    use std::collections::BTreeSet;
    use std::io;

    const SOCK_DIAG_BY_FAMILY: u16 = 20;
    const TCP_LISTEN: u32 = 10;
    const HEADER: usize = 16; // struct nlmsghdr

    /// struct inet_diag_req_v2, after its nlmsghdr.
    #[repr(C)]
    struct Request {
        len: u32,
        kind: u16,
        flags: u16,
        seq: u32,
        pid: u32,
        family: u8,
        protocol: u8,
        ext: u8,
        pad: u8,
        states: u32,
        id: [u8; 48], // struct inet_diag_sockid, zero: every socket
    }

    pub fn listening(family: u8, ports: &mut BTreeSet<u16>) -> io::Result<()> {
        // SAFETY: a socket of our own, a request and a buffer of ours.
        unsafe {
            let fd = libc::socket(
                libc::AF_NETLINK,
                libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
                libc::NETLINK_SOCK_DIAG,
            );
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            let result = dump(fd, family, ports);
            libc::close(fd);
            result
        }
    }

    unsafe fn dump(fd: i32, family: u8, ports: &mut BTreeSet<u16>) -> io::Result<()> {
        let request = Request {
            len: std::mem::size_of::<Request>() as u32,
            kind: SOCK_DIAG_BY_FAMILY,
            flags: (libc::NLM_F_REQUEST | libc::NLM_F_DUMP) as u16,
            seq: 1,
            pid: 0,
            family,
            protocol: libc::IPPROTO_TCP as u8,
            ext: 0,
            pad: 0,
            states: 1 << TCP_LISTEN,
            id: [0; 48],
        };
        // SAFETY: the caller's socket; the request lives across the call.
        let sent = unsafe {
            let mut kernel: libc::sockaddr_nl = std::mem::zeroed();
            kernel.nl_family = libc::AF_NETLINK as u16;
            libc::sendto(
                fd,
                (&request as *const Request).cast(),
                request.len as usize,
                0,
                (&kernel as *const libc::sockaddr_nl).cast(),
                std::mem::size_of::<libc::sockaddr_nl>() as u32,
            )
        };
        if sent < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut buffer = vec![0u8; 64 << 10];
        loop {
            // SAFETY: reads into our buffer, at most its length.
            let n = unsafe { libc::recv(fd, buffer.as_mut_ptr().cast(), buffer.len(), 0) };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            let mut rest = &buffer[..n as usize];
            while rest.len() >= HEADER {
                let len = u32::from_ne_bytes(rest[0..4].try_into().unwrap()) as usize;
                let kind = u16::from_ne_bytes(rest[4..6].try_into().unwrap());
                if len < HEADER || len > rest.len() {
                    return Err(io::Error::other("a truncated netlink message"));
                }
                match kind {
                    k if k == libc::NLMSG_DONE as u16 => return Ok(()),
                    k if k == libc::NLMSG_ERROR as u16 => {
                        return Err(io::Error::other("sock_diag refused the dump"));
                    }
                    SOCK_DIAG_BY_FAMILY if len >= HEADER + 8 => {
                        // inet_diag_msg: family, state, timer, retrans,
                        // then the sockid, whose first field is the local
                        // port in network byte order.
                        let body = &rest[HEADER..];
                        ports.insert(u16::from_be_bytes([body[4], body[5]]));
                    }
                    _ => {}
                }
                // Messages are aligned to 4 bytes.
                let step = (len + 3) & !3;
                rest = &rest[step.min(rest.len())..];
            }
        }
    }
}

/// The ports seen listening so far, and whether to stop; its condition
/// variable wakes the sampler when it is told to stop.
type Watched = (Mutex<(BTreeSet<u16>, bool)>, Condvar);

/// Samples the listening sockets on a thread until stopped: a server of
/// another test that lives only while the scan runs is seen too.
struct ListenWatch {
    state: Arc<Watched>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ListenWatch {
    fn start() -> ListenWatch {
        let state = Arc::new((Mutex::new((listening_now(), false)), Condvar::new()));
        let shared = Arc::clone(&state);
        let thread = std::thread::spawn(move || {
            let (lock, stopped) = &*shared;
            loop {
                let now = listening_now();
                let mut guard = lock.lock().unwrap_or_else(|p| p.into_inner());
                guard.0.extend(now);
                if guard.1 {
                    return;
                }
                // A sample every millisecond (a dump of the listening
                // sockets takes microseconds), or at once when stopped.
                let (guard, _) = stopped
                    .wait_timeout(guard, Duration::from_millis(1))
                    .unwrap_or_else(|p| p.into_inner());
                if guard.1 {
                    return;
                }
            }
        });
        ListenWatch {
            state,
            thread: Some(thread),
        }
    }

    /// Every port seen listening, the last sample taken now.
    fn stop(mut self) -> BTreeSet<u16> {
        let (lock, stopped) = &*self.state;
        lock.lock().unwrap_or_else(|p| p.into_inner()).1 = true;
        stopped.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let mut seen = std::mem::take(&mut lock.lock().unwrap_or_else(|p| p.into_inner()).0);
        seen.extend(listening_now());
        seen
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
}

/// Runs `scan <args>` and waits for it to exit, at most `within`.
fn run_scan(
    ctx: &mut Ctx,
    args: &[&str],
    limits: Option<Limits>,
    within: Duration,
) -> Result<Scan, Failure> {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    let watch = ListenWatch::start();
    let started = Instant::now();
    let program = ctx.spawn_with("scanner", &all, &[], limits)?;
    let status = program.wait_exit(ctx.deadline(within));
    let elapsed = started.elapsed();
    let seen = watch.stop();
    let Some(status) = status else {
        return Err(Failure::timeout(format!(
            "the scan was still running after {:.1} s",
            elapsed.as_secs_f64()
        ))
        .expected(format!(
            "the scan to end within {:.0} s",
            within.as_secs_f64()
        ))
        .got("still running: killed"));
    };
    ctx.note(format!(
        "the scanner {} after {} ms",
        describe_exit(status),
        elapsed.as_millis()
    ));
    Ok(Scan {
        status,
        stdout: program.stdout(),
        stderr: program.stderr(),
        elapsed,
        seen,
    })
}

impl Scan {
    /// Exit status 0, or a failure that shows stderr.
    fn succeeded(&self) -> Result<(), Failure> {
        ensure(self.status.success(), || {
            Failure::wrong("the scanner did not exit successfully")
                .expected("exit status 0")
                .got(format!(
                    "{}; stderr: {:?}",
                    describe_exit(self.status),
                    last_lines(&self.stderr)
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
                Failure::wrong("a line on stdout is not `<port>/tcp open <service>`")
                    .expected("lines like `22/tcp open ssh` (the summary goes to stderr)")
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

fn last_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(3)..].join("\n")
}

fn list(ports: impl IntoIterator<Item = u16>) -> String {
    let ports: Vec<String> = ports.into_iter().map(|p| p.to_string()).collect();
    if ports.is_empty() {
        "none".to_string()
    } else {
        ports.join(", ")
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
        Failure::wrong(format!(
            "{} open port(s) not reported: {}",
            missed.len(),
            list(missed.iter().copied())
        ))
        .expected(format!("open: {}", list(expected.iter().copied())))
        .got(format!("open: {}", list(got.iter().copied())))
    })?;
    let false_open: Vec<u16> = got
        .iter()
        .copied()
        .filter(|p| !expected.contains(p))
        .filter(|p| never_open.contains(p) || !seen.contains(p) || !scanned(*p))
        .collect();
    ensure(false_open.is_empty(), || {
        let shown: Vec<u16> = false_open.iter().take(12).copied().collect();
        Failure::wrong(format!(
            "{} port(s) reported open where nothing listened during the scan (the kernel's table, /proc/net/tcp): {}{}",
            false_open.len(),
            list(shown),
            if false_open.len() > 12 { ", ..." } else { "" }
        ))
        .expected(format!("open: {}", list(expected.iter().copied())))
        .got(format!("{} ports reported open", got.len()))
    })
}

/// The ports in ascending order, each once.
fn ascending(reported: &[u16]) -> Result<(), Failure> {
    match reported.windows(2).find(|pair| pair[0] >= pair[1]) {
        None => Ok(()),
        Some(pair) => Err(Failure::wrong(format!(
            "the open ports are not in ascending order: {} is printed before {}",
            pair[0], pair[1]
        ))
        .expected("one line per open port, lowest port first")
        .got(format!(
            "ports in this order: {}",
            list(reported.iter().copied())
        ))),
    }
}

/// stdout as one JSON object.
fn json_output(scan: &Scan) -> Result<serde_json::Value, Failure> {
    let value: serde_json::Value = serde_json::from_str(scan.stdout.trim()).map_err(|e| {
        Failure::wrong(format!("stdout is not one JSON object: {e}"))
            .expected("with --json, stdout is a single JSON object")
            .got(format!("{:?}", crate::harness::shown(&scan.stdout, 300)))
    })?;
    ensure(value.is_object(), || {
        Failure::wrong("the JSON is not an object")
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
            Failure::wrong(format!("the JSON has no list of port numbers \"{key}\""))
                .expected(format!("\"{key}\": [port, ...]"))
                .got(crate::harness::shown(&value.to_string(), 300))
        })
}

fn json_number(value: &serde_json::Value, path: &[&str]) -> Result<u64, Failure> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(|v| v.as_u64())
        .ok_or_else(|| {
            Failure::wrong(format!("the JSON has no number at {}", path.join(".")))
                .expected(format!("a number at {}", path.join(".")))
                .got(crate::harness::shown(&value.to_string(), 300))
        })
}

/// Every checker port in `ours` is among the filtered ones reported.
fn judge_filtered(reported: &[u16], ours: &BTreeSet<u16>) -> Result<(), Failure> {
    let got: BTreeSet<u16> = reported.iter().copied().collect();
    let missed: Vec<u16> = ours.difference(&got).copied().collect();
    ensure(missed.is_empty(), || {
        Failure::wrong(format!(
            "{} port(s) that never answered are not reported filtered: {}",
            missed.len(),
            list(missed.iter().take(12).copied())
        ))
        .expected(format!("filtered: {} ports", ours.len()))
        .got(format!("filtered: {} ports", got.len()))
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
    ctx.note(format!(
        "the checker listens on {} of {spec}",
        list(ports.open.iter().copied())
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
    let spec = format!("{},{},{},{}", first + 110, chunk(2), chunk(1), chunk(0));
    ctx.note(format!(
        "the checker listens on {}",
        list(ports.open.iter().copied())
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
        let listening = listening_now();
        Ok(!(first..first + len).any(|p| listening.contains(&p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(format!("nothing listens on {spec}"));
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
        return Err(Failure::skipped(
            "this kernel answers a listener whose accept queue is full, so the checker can't make a filtered port",
        ));
    }
    ctx.note(format!(
        "{open} is open; {filtered} is filtered (its accept queue is full: the SYN is dropped)"
    ));
    let timeout = Duration::from_millis(2000);
    let spec = format!("{open},{filtered}");
    let scan = run_scan(
        ctx,
        &["127.0.0.1", "-p", &spec, "--timeout", "2000", "--json"],
        None,
        timeout * 5,
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
    // One timeout for the silent port, plus starting the program on a
    // busy machine; a scanner that tries the port three times waits at
    // least three timeouts.
    let allowed = timeout + (ctx.deadline(Duration::from_millis(3000)) - Instant::now());
    ensure(scan.elapsed < allowed, || {
        Failure::wrong(format!(
            "one filtered port took {:.1} s at --timeout 2000",
            scan.elapsed.as_secs_f64()
        ))
        .expected(format!(
            "about one timeout (2 s): under {:.1} s",
            allowed.as_secs_f64()
        ))
        .got(format!(
            "{:.1} s: is the port tried again after a timeout, each try waiting the whole timeout?",
            scan.elapsed.as_secs_f64()
        ))
    })
}

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
    ctx.note(format!(
        "{first}-{}: {} filtered ports, open: {}",
        first + len - 1,
        ports.filtered.len(),
        list(ports.open.iter().copied())
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
        message: format!(
            "{} (200 silent ports at 300 ms each take a minute one at a time, 0.3 s all at once)",
            failure.message
        )
        .into(),
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
    )
}

fn file_limit(ctx: &mut Ctx) -> Result<(), Failure> {
    let (ports, first, last) = silent_window(ctx, 5, 200, 3)?;
    let spec = format!("{first}-{last}");
    let limits = Limits {
        open_files: 128,
        ..crate::harness::sandbox::settings().limits
    };
    ctx.note("the scanner's limit on open files (RLIMIT_NOFILE) is 128");
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
        Failure::crashed("the scanner panicked")
            .expected("a message about the limit on open files, never a crash")
            .got(last_lines(&scan.stderr))
    })?;
    ensure(!stderr.contains("too many open files"), || {
        Failure::wrong("the scanner ran out of file descriptors")
            .expected("--concurrency kept below the limit on open files (128 here), with a message")
            .got(last_lines(&scan.stderr))
    })?;
    ensure(stderr.contains("limit"), || {
        Failure::wrong("nothing says that --concurrency 5000 is over the limit on open files")
            .expected(
                "a message on stderr about the limit (clamped, or refused with exit status 2)",
            )
            .got(format!("stderr: {:?}", last_lines(&scan.stderr)))
    })?;
    if scan.status.code() == Some(2) {
        // Refused, with a message about the limit: fine.
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
    let (ports, first) = window(ctx, 6, len, |ctx, ports, first| {
        let wanted = pick(ctx, first, first + len - 1, 4);
        let mut wanted = wanted.into_iter();
        let filtered = wanted.next().expect("four ports");
        Ok(ports.filtered(v4(), filtered)? && wanted.all(|p| ports.open(v4(), p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(format!(
        "{spec}: open {}, filtered {}",
        list(ports.open.iter().copied()),
        list(ports.filtered.iter().copied())
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
        Failure::wrong("the JSON's host is not the host scanned")
            .expected("\"host\": \"127.0.0.1\"")
            .got(format!("\"host\": {:?}", value.get("host")))
    })?;
    let open = json_ports(&value, "open")?;
    let filtered = json_ports(&value, "filtered")?;
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
    json_number(&value, &["elapsed_ms"])?;
    let expected_closed = len as u64 - open.len() as u64 - filtered.len() as u64;
    ensure(
        counts == [open.len() as u64, expected_closed, filtered.len() as u64],
        || {
            Failure::wrong("the counts do not match the lists and the ports scanned")
                .expected(format!(
                    "counts open {}, closed {expected_closed}, filtered {} (of {len} ports)",
                    open.len(),
                    filtered.len()
                ))
                .got(format!(
                    "counts open {}, closed {}, filtered {}",
                    counts[0], counts[1], counts[2]
                ))
        },
    )
}

/// The number written just before `word` in `text` ("3 open" → 3).
fn count_before(text: &str, word: &str) -> Option<u64> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .find(|pair| pair[1] == word)
        .and_then(|pair| pair[0].parse().ok())
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
    ctx.note(format!(
        "{spec}: open {}, filtered {}",
        list(ports.open.iter().copied()),
        list(ports.filtered.iter().copied())
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
    let counts = (
        count_before(line, "open"),
        count_before(line, "closed"),
        count_before(line, "filtered"),
    );
    let expected = "a line on stderr like `scanned 30 ports of 127.0.0.1 in 0.51 s: 2 open, 27 closed, 1 filtered`";
    let (Some(open), Some(closed), Some(filtered)) = counts else {
        return Err(Failure::wrong(
            "the summary on stderr does not give the number of open, closed and filtered ports",
        )
        .expected(expected)
        .got(format!("stderr: {:?}", last_lines(&scan.stderr))));
    };
    ensure(
        open == reported.len() as u64 && open + closed + filtered == len as u64 && filtered >= 1,
        || {
            Failure::wrong("the summary's counts are wrong")
                .expected(format!(
                    "{} open, {} ports in all, at least 1 filtered",
                    reported.len(),
                    len
                ))
                .got(format!("{open} open, {closed} closed, {filtered} filtered"))
        },
    )?;
    ensure(
        line.contains(&len.to_string()) && (line.contains(" s") || line.contains("ms")),
        || {
            Failure::wrong(
                "the summary does not say how many ports were scanned and how long it took",
            )
            .expected(expected)
            .got(format!("stderr: {:?}", last_lines(&scan.stderr)))
        },
    )
}

fn bad_ports(ctx: &mut Ctx) -> Result<(), Failure> {
    for spec in ["0", "70000", "100-80", "8o", "1-", "80,,81"] {
        let scan = run_scan(ctx, &["127.0.0.1", "-p", spec], None, SCAN)?;
        let stderr = scan.stderr.trim().to_string();
        ensure(find_panics(&scan.stderr).is_empty(), || {
            Failure::wrong(format!("-p {spec}: the scanner panicked"))
                .expected("a message and exit status 2")
                .got(last_lines(&stderr))
        })?;
        ensure(scan.status.code() == Some(2), || {
            Failure::wrong(format!("-p {spec} was not refused as a usage error"))
                .expected("exit status 2 (as for a bad option), with a message")
                .got(format!(
                    "{}; stdout {:?}",
                    describe_exit(scan.status),
                    crate::harness::shown(&scan.stdout, 100)
                ))
        })?;
        let quoted = match spec {
            "0" => "port 0",
            "80,,81" => "80,,81",
            other => other,
        };
        ensure(
            stderr.to_lowercase().contains(quoted) || stderr.contains(spec),
            || {
                Failure::wrong(format!("-p {spec}: the message does not say what is wrong"))
                    .expected(format!("a message that quotes {quoted:?}"))
                    .got(format!("{stderr:?}"))
            },
        )?;
        ensure(scan.stdout.trim().is_empty(), || {
            Failure::wrong(format!("-p {spec}: something was printed on stdout"))
                .expected("nothing scanned, nothing on stdout")
                .got(crate::harness::shown(&scan.stdout, 200))
        })?;
    }
    Ok(())
}

fn ipv6(ctx: &mut Ctx) -> Result<(), Failure> {
    let v6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
    if TcpListener::bind((v6, 0)).is_err() {
        return Err(Failure::skipped("this machine has no IPv6 loopback (::1)"));
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
    ctx.note(format!(
        "the checker listens on [::1] ports {}",
        list(ports.open.iter().copied())
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

fn self_connect(ctx: &mut Ctx) -> Result<(), Failure> {
    if let Err(why) = PrivateNetwork::available() {
        return Err(Failure::skipped(format!(
            "the checker can't make a network namespace on this machine ({why}); self-connects are then tested only by chance, in full-range"
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
        ctx.note(format!(
            "in a network namespace of its own whose ephemeral ports are {port}-{}, nothing listens: a connect to {host} port {port} connects to itself",
            port + 1
        ));
        let program = ctx.spawn_isolated(
            "scanner",
            &["scan", host, "-p", &spec, "--timeout", "1000"],
            PrivateNetwork::with_ephemeral_ports(port, port + 1),
        )?;
        let status = program.wait_exit(ctx.deadline(SCAN)).ok_or_else(|| {
            Failure::timeout("the scan of five closed ports did not end")
                .expected("the scan to end")
        })?;
        let scan = Scan {
            status,
            stdout: program.stdout(),
            stderr: program.stderr(),
            elapsed: Duration::ZERO,
            seen: BTreeSet::new(),
        };
        scan.succeeded()?;
        let reported = scan.open_lines()?;
        ensure(reported.is_empty(), || {
            Failure::wrong(format!(
                "{host}: reported open where nothing listens: {}",
                list(reported.iter().copied())
            ))
            .expected(format!(
                "no open port: the connection to {port} connected to itself (local address = peer address)"
            ))
            .got(scan.stdout.trim().to_string())
        })?;
    }
    Ok(())
}

/// Held while a scan of all of loopback runs: one at a time on the
/// machine. Two at once connect to each other: the SYN of one, from local
/// port S to port D, meets the SYN of the other, from D to S, and TCP's
/// simultaneous open connects the two; both then report a port open where
/// nothing listens. An flock(2) on a file in the temporary folder, so that
/// checkers in other processes wait too; the kernel releases it when its
/// holder exits, however it exits.
pub(crate) struct FullScanLock(#[allow(dead_code)] Option<std::fs::File>);

/// Waits for the machine's full-range lock; returns it and how long the
/// wait took. Without a lock file (a folder nobody may write), no lock.
pub(crate) fn full_scan_lock() -> (FullScanLock, Duration) {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let path = std::env::temp_dir().join("socklab-full-range-scan.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o666)
        .open(&path)
        .or_else(|_| std::fs::File::open(&path));
    let started = Instant::now();
    let Ok(file) = file else {
        return (FullScanLock(None), Duration::ZERO);
    };
    // SAFETY: flock on a descriptor we own; it blocks until the lock is
    // ours. Every holder ends within its scan's deadline.
    unsafe {
        libc::flock(file.as_raw_fd(), libc::LOCK_EX);
    }
    (FullScanLock(Some(file)), started.elapsed())
}

fn full_range(ctx: &mut Ctx) -> Result<(), Failure> {
    raise_file_limit();
    let (_lock, waited) = full_scan_lock();
    if waited > Duration::from_millis(50) {
        ctx.note(format!(
            "waited {} ms for another full-range scan on this machine to end",
            waited.as_millis()
        ));
    }
    let mut ports = Ports::default();
    while ports.open.len() < 6 {
        let port = ctx.rng().range(1024, 65536) as u16;
        ports.open(v4(), port);
    }
    ctx.note(format!(
        "the checker listens on {}; other programs may too",
        list(ports.open.iter().copied())
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
        Failure::wrong("a progress bar was drawn although stderr is not a terminal")
            .expected("no \\r or escape codes on stderr when it is a pipe (std::io::IsTerminal)")
            .got(crate::harness::shown(&scan.stderr, 200))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(count_before(text, "open"), Some(2));
        assert_eq!(count_before(text, "closed"), Some(27));
        assert_eq!(count_before(text, "filtered"), Some(1));
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
        assert!(listening_now().contains(&port));
        assert!(listening_from_proc().contains(&port));
        let addr = SocketAddr::new(v4(), port);
        let error = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
    }
}
