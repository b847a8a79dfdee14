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
//!
//! Here: the test table and the tests. Beside it: `ports` (the checker's
//! open and filtered ports, each test's window of them), `scan` (running
//! the scanner and judging its output), `watch` (the sampler of the
//! kernel's tables during a scan), `lock` (one full-range scan at a time
//! on the machine).

mod lock;
mod ports;
mod scan;
mod watch;

pub(crate) use lock::full_scan_lock;
pub(crate) use ports::Ports;

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use super::{Hint, Hints, Lab, On, Rule, TestCase};
use crate::harness::program::describe_exit;
use crate::harness::{Ctx, Failure, Limits, PrivateNetwork, ensure, find_panics, sandbox, sockets};
use crate::i18n::Text;
use crate::t;
use lock::quiet_ports_lock;
use ports::{Counting, QUIET_PORTS, pick, window};
use scan::{
    Scan, ascending, counts_in, in_seconds, json_number, json_output, json_ports, judge_filtered,
    judge_open, last_lines, list, run_scan, run_scan_seen, says_time, stderr_lines,
};
use watch::Try;

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

/// Silent ports left out of the filtered ones (the scan's tests that
/// have silent ports): most often a timeout taken for a refusal.
const FILTERED_NOT_REPORTED: Hint = Hint {
    id: "filtered-not-reported",
    on: &[On::Says("lab04-filtered-not-reported")],
    levels: &[
        "ports that never answered were not reported filtered: a port that says nothing is neither closed nor open",
        "look at classify() in probe.rs, at which kinds of error it calls closed (a timeout is not a refusal), and at whether scan() keeps the filtered ports in their list",
        "in classify(): a refused (or reset) connection is Closed, a timeout (or an unreachable host or network) is Filtered, and any other error is returned as it is",
    ],
};

/// A silent port connected to twice or more.
const TRIED_AGAIN: Hint = Hint {
    id: "tried-again",
    on: &[On::Says("lab04-tried-again")],
    levels: &[
        "the silent port was tried more than once: one connect, one whole --timeout, and then it is filtered",
        "look at probe() in probe.rs, and at what scan() does after a timeout: a retry loop, or a second pass over the silent ports, makes another connect",
        "a timeout of connect_timeout is the answer: classify it as Filtered at once, and never probe that port again",
    ],
};

/// A silent port called filtered before its --timeout was over.
const FILTERED_TOO_SOON: Hint = Hint {
    id: "filtered-too-soon",
    on: &[On::Says("lab04-filtered-too-soon")],
    levels: &[
        "the silent port was called filtered before its --timeout was over: the scanner must give it the whole --timeout to answer",
        "look at the timeout that probe() in probe.rs gives the connect: it must be the --timeout given, in milliseconds, for one connect, not cut short nor shared among tries",
        "TcpStream::connect_timeout(&addr, timeout) once per port, with the timeout made from --timeout by Duration::from_millis",
    ],
};

/// More connects in progress than --concurrency allows.
const TOO_MANY_AT_ONCE: Hint = Hint {
    id: "too-many-at-once",
    on: &[On::Says("lab04-too-many-at-once")],
    levels: &[
        "more connections were in progress at once than --concurrency allows: it is a limit, not only a speed",
        "look at scan() in scan.rs: how many threads it starts (`workers`, not one more, not one per port), and whether each holds only one connection at a time",
        "start exactly `workers` threads, each probing one port at a time in a loop, taking the next port from a shared index until none is left",
    ],
};

/// A scanner that ran out of file descriptors.
const OUT_OF_DESCRIPTORS: Hint = Hint {
    id: "out-of-descriptors",
    on: &[On::Says("lab04-out-of-descriptors")],
    levels: &[
        "the scanner ran out of file descriptors: it kept more sockets open at once than the limit on open files allows",
        "look at concurrency() in scan.rs: the number of workers must stay below the soft limit it is given, less RESERVED_FILES for the process's own files",
        "concurrency() returns the smallest of the --concurrency asked for, the number of ports and the limit less RESERVED_FILES, and never 0",
    ],
};

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
            hints: Hints::of(&[
                "the scanner must report exactly the ports that listen: every port of the range, its first and its last too, is tried, and only a port whose handshake completed is open",
                "look at how a range becomes ports (does it include its last one?) and at probe() in probe.rs: which outcome of a connect makes a port open",
                "a range includes its last port (1..=n, not 1..n); only a completed connect() means open",
            ]),
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
            hints: Hints::of(&[
                "the open ports must be printed one line each, in ascending order, whatever order the list gave them in, and a port listed twice only once",
                "look at scan() in scan.rs: the workers finish in any order, so the lists it returns must be sorted; and a port must be probed, and reported, once",
                "the workers finish in any order: sort the open ports before printing; a port listed twice is scanned once",
            ]),
            run: sorted_lines,
        },
        TestCase {
            name: "closed-ports",
            points: 1,
            rules: &["04-refused-is-closed", "04-open-lines"],
            checks: "100 ports where nothing listens: no line at all on stdout, exit status 0",
            hints: Hints::of(&[
                "where nothing listens, the scanner must print no line at all on stdout and exit with status 0: closed ports are not listed",
                "look at classify() in probe.rs: what does it make of a refused connection? And probe(): is a port called open although its connect failed?",
                "connection refused (a RST) means closed; closed ports are counted, not listed",
            ]),
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
            hints: Hints::of(&[
                "a port that never answers is filtered: look at how long the scanner waits for a connect, and what it makes of a timeout",
                "the connect must give up after --timeout, and a timeout (not a refusal) is what filtered means",
                "TcpStream::connect_timeout with the --timeout given; ErrorKind::TimedOut means filtered; don't try a silent port again",
            ])
            .on(&[TRIED_AGAIN, FILTERED_TOO_SOON, FILTERED_NOT_REPORTED]),
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
            hints: Hints::of(&[
                "the scanner did not have --concurrency connects in flight at once: look at how the work is shared out",
                "count the connects waiting at any moment: the workers, how many there are, and whether each takes the next port as soon as it is free",
                "start --concurrency worker threads (no more) that take ports from a shared list (an AtomicUsize index), not one connect at a time",
            ])
            .on(&[TOO_MANY_AT_ONCE, FILTERED_NOT_REPORTED]),
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
            hints: Hints::of(&[
                "without -p, --timeout and --concurrency the scanner must use the handout's defaults: ports 1-1024, 1000 ms, 256 connections at once",
                "look at the defaults of the options in cli.rs, and at whether scan() really keeps that many connects in progress, each waiting the whole timeout",
                "the defaults are --timeout 1000, --concurrency 256 and -p 1-1024 (clap: default_value_t)",
            ])
            .on(&[FILTERED_NOT_REPORTED]),
            run: defaults,
        },
        TestCase {
            name: "file-limit",
            points: 2,
            rules: &["04-below-file-limit", "04-other-errors-stop"],
            checks: "--concurrency 5000 under a limit of 64 open files: clamped with a note (a line on stderr before the summary, in any words) or refused with a message and exit status 2; never \"Too many open files\", and every silent port still filtered",
            hints: Hints::of(&[
                "a --concurrency far above the limit on open files must be kept below it (with a note on stderr) or refused, never end in \"Too many open files\", and silent ports must still be filtered",
                "look at concurrency() in scan.rs, which main.rs gives the soft limit on open files: every connect in progress holds a file descriptor; and at classify() in probe.rs: running out of them is an error, not an answer about a port",
                "read the soft RLIMIT_NOFILE and keep the number of workers below it: each holds one socket",
            ])
            .on(&[OUT_OF_DESCRIPTORS, FILTERED_NOT_REPORTED]),
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
            hints: Hints::of(&[
                "the JSON object's lists and counts must fit the scan: open and filtered ports each in ascending order, and counts that add up to the ports scanned",
                "report::json() writes what scan() found: look at scan() in scan.rs, at how it counts the closed ports and whether it sorts both lists",
                "the counts come from the same results as the lists; closed ports are only counted",
            ])
            .on(&[FILTERED_NOT_REPORTED]),
            run: json,
        },
        TestCase {
            name: "summary",
            points: 1,
            rules: &["04-summary", "04-open-lines"],
            checks: "the summary goes to stderr: ports scanned, how many open, closed and filtered, and the time taken; stdout has only the port lines",
            hints: Hints::of(&[
                "the summary goes to stderr, with the counts of open, closed and filtered ports and the time taken, and stdout has only the port lines",
                "main.rs prints the summary with eprintln! from what scan() found: look for anything else printed on stdout, and at how scan() counts the ports",
                "eprintln! for the summary; open + closed + filtered = ports scanned",
            ]),
            run: summary,
        },
        TestCase {
            name: "bad-ports",
            points: 2,
            rules: &["04-bad-ports"],
            checks: "`-p 0`, `0-100`, `65536`, `70000`, `100-80`, `8o`, `1-`, `80,,81`: exit status 2 and a message quoting what is wrong, nothing scanned, no panic",
            hints: Hints::of(&[
                "a port list that is wrong must be refused with a message that says what is wrong, exit status 2, and nothing scanned",
                "look at ports::port() in ports.rs: it must refuse 0, numbers over 65535 (don't let them wrap around) and anything that is not a number, quoting the item",
                "return an error from ports::parse for port 0, ports over 65535, reversed ranges and anything not a number",
            ]),
            run: bad_ports,
        },
        TestCase {
            name: "ipv6",
            points: 2,
            rules: &["04-ipv6", "04-host-forms", "04-open-is-a-handshake"],
            checks: "`scan ::1` finds the open ports of the IPv6 loopback exactly as for IPv4",
            hints: Hints::of(&[
                "`scan ::1` must find the open ports of the IPv6 loopback, as for IPv4",
                "look at how scan() and probe() make the address they connect to: code that takes only IPv4 addresses misses ::1",
                "an IpAddr can be either family: SocketAddr::new(ip, port) works for both; don't keep only IPv4 addresses",
            ]),
            run: ipv6,
        },
        TestCase {
            name: "host-name",
            points: 2,
            rules: &["04-host-forms", "04-unknown-host"],
            checks: "`scan localhost` scans the first address the name has, and only it; a name that can't be found (looked up where nothing can leave the machine): a message on stderr, nothing on stdout, exit status 1",
            hints: Hints::of(&[
                "a host name must be looked up once and its first address scanned, and only it; a name that can't be found is a message on stderr and exit status 1",
                "look at resolve() in main.rs and at what the scan is given: one address, the first the name has; a failed lookup is an error, not a scan of nothing",
                "look the name up once ((name, 0).to_socket_addrs()), scan its first address; a failed lookup is an error: exit status 1",
            ]),
            run: host_name,
        },
        TestCase {
            name: "self-connect",
            points: 3,
            rules: &["04-self-connect-is-closed"],
            checks: "a connection that connected to itself (local address = peer address: TCP simultaneous open) is not reported open, over IPv4 and IPv6",
            hints: Hints::of(&[
                "a port nothing listens on was reported open: the scanner's own socket connected to itself (read the handout's \"The connection that connects to itself\")",
                "after a connect() succeeds, look at both ends of the connection before calling the port open",
                "after connect(), compare stream.local_addr() with stream.peer_addr(): equal means nothing listens there, and the port is closed",
            ]),
            run: self_connect,
        },
        TestCase {
            name: "only-host",
            points: 2,
            rules: &["04-only-the-host", "04-open-is-a-handshake", "04-ipv6"],
            checks: "a scan of 127.a.b.c, then of ::1, while the same ports listen on 127.0.0.1, a neighbouring address and the other family: every open port of the host gets a connect() and is reported, no other address gets any; and in a network namespace of its own where nothing listens, exactly one connect() per port scanned (the kernel's count), none to anywhere else",
            hints: Hints::of(&[
                "the scanner must connect to the host it was given and to nothing else, once for each port, and learn each port's state by connecting to it",
                "look at the address scan() gives probe() in scan.rs: the ip of the host, for every port; no other address (not 127.0.0.1, not localhost), no check of the network first, and no reading of the machine's tables of sockets",
                "connect to SocketAddr::new(ip, port) with the ip the host gave, and to nothing else, not even to check the network; a port's state comes from connecting to it, not from /proc/net/tcp or ss",
            ]),
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
            checks: "`-p -` (1-65535) on a loopback address of the run's own (127.a.b.c): every checker port reported, and nothing that did not listen during the scan; stderr a pipe: no progress bar, no progress lines, nothing but the summary",
            hints: Hints::of(&[
                "a scan of every port must report every port that listened and nothing else, and in a pipe print nothing on stderr but the summary",
                "two things to look at: is_self_connect() in probe.rs, since self-connects happen in the ephemeral range, and anything scan() or main.rs prints on stderr while scanning",
                "self-connects happen in the ephemeral range; draw a progress bar only when stderr is a terminal (std::io::IsTerminal), and print nothing else of it in a pipe",
            ]),
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
// The tests.

fn open_ports(ctx: &mut Ctx) -> Result<(), Failure> {
    let len = 200;
    let (ports, first) = window(ctx, 0, len, |ctx, ports, first| {
        let last = first + len - 1;
        let mut wanted = pick(ctx, first + 1, last - 1, 8);
        wanted.extend([first, last]);
        Ok(wanted.into_iter().all(|p| ports.listen_open(v4(), p)))
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
    let reported = scan.reported_open(&ports.open, &BTreeSet::new(), |p| {
        (first..=last).contains(&p)
    })?;
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
        Ok(wanted.into_iter().all(|p| ports.listen_open(v4(), p)))
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
    scan.reported_open(&BTreeSet::new(), &BTreeSet::new(), |p| {
        (first..=last).contains(&p)
    })
    .map(drop)
}

fn filtered_port(ctx: &mut Ctx) -> Result<(), Failure> {
    let (ports, _) = window(ctx, 3, 10, |ctx, ports, first| {
        let filtered = first + ctx.rng().range(0, 10) as u16;
        let open = if filtered == first { first + 9 } else { first };
        Ok(ports.listen_filtered(v4(), filtered)? && ports.listen_open(v4(), open))
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
    // closer together than half of it (with samples further apart, this
    // and the count of tries are judged at the end, if at all).
    ensure(!tries.is_empty() || scan.max_gap > timeout / 2, || {
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
    })?;
    // No try seen, or one: samples further apart than half a try may have
    // missed one.
    scan.sampled_within(timeout / 2)
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
                ports.listen_open(v4(), port)
            } else {
                ports.listen_filtered(v4(), port)?
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
    })?;
    // Each connect() to a silent port lasts 300 ms: samples closer together
    // than that see every one. A scanner that calls the ports filtered
    // without connecting (reading the kernel's table, guessing) made none,
    // however long a loaded machine took to start it.
    {
        let wanted = ports.filtered.len();
        let made = scan.tries.len();
        if made < wanted {
            scan.sampled_within(timeout * 3 / 4)?;
        }
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
    // A fifth connect() in progress beside four others may overlap them
    // for less than its 300 ms: samples a third of that apart see it.
    scan.sampled_within(timeout / 3)
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
    // Fewer where the run's limit on open files is below 256 + 16.
    let limit = crate::harness::sandbox::settings().limits.open_files;
    let expected = AT_ONCE.min(limit.saturating_sub(16) as usize);
    let most = scan.most_at_once;
    let wrong_concurrency = || {
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
    };
    // No more than 256 at once is certain (a socket in a sample was in
    // progress then), however seldom the samples.
    ensure(most <= expected, wrong_concurrency)?;
    // How many at once and how long each waits can be told only from
    // samples close enough together (after four scans).
    scan.sampled_within(SAMPLED_WELL)?;
    // How many the samples catch at the same moment depends on how fast a
    // loaded machine starts 256 threads: more than half of 256 is asked,
    // which no smaller default gives.
    ensure(most > expected / 2, wrong_concurrency)?;
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
        !ended.is_empty() && at_most >= TIMEOUT.mul_f64(0.95) && estimate < TIMEOUT.mul_f64(1.5),
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
                ports.listen_filtered(v4(), port)?
            } else {
                ports.listen_open(v4(), port)
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

fn summary(ctx: &mut Ctx) -> Result<(), Failure> {
    let len = 30;
    let (ports, first) = window(ctx, 7, len, |ctx, ports, first| {
        let mut wanted = pick(ctx, first, first + len - 1, 3).into_iter();
        let filtered = wanted.next().expect("three ports");
        Ok(ports.listen_filtered(v4(), filtered)? && wanted.all(|p| ports.listen_open(v4(), p)))
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
    let reported = scan.reported_open(&ports.open, &ports.filtered, |p| {
        (first..=last).contains(&p)
    })?;
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
        Ok(wanted.into_iter().all(|p| ports.listen_open(v6, p)))
    })?;
    let last = first + len - 1;
    let spec = format!("{first}-{last}");
    ctx.note(t!(
        "lab04-listens-on-v6",
        "the checker listens on [::1] ports {ports}",
        ports = list(ports.open.iter().copied())
    ));
    let scan = run_scan(ctx, &["::1", "-p", &spec], None, SCAN)?;
    let reported = scan.reported_open(&ports.open, &BTreeSet::new(), |p| {
        (first..=last).contains(&p)
    })?;
    ascending(&reported)
}

/// A name: `localhost` is scanned at its first address, and only there;
/// a name that can't be found ends with a message and exit status 1.
fn host_name(ctx: &mut Ctx) -> Result<(), Failure> {
    use std::net::ToSocketAddrs;
    sandbox::raise_file_limit();
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
        Ok(wanted.into_iter().all(|p| ports.listen_open(ip, p))
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
        let scan = Scan::unsampled(status, program.stdout(), program.stderr());
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

fn only_host(ctx: &mut Ctx) -> Result<(), Failure> {
    sandbox::raise_file_limit();
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
    let scan = Scan::unsampled(status, program.stdout(), stderr.to_string());
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

fn full_range(ctx: &mut Ctx) -> Result<(), Failure> {
    sandbox::raise_file_limit();
    let (_lock, waited) = full_scan_lock();
    if waited > Duration::from_millis(50) {
        ctx.note(t!(
            "lab04-waited-for-other-full-range",
            "waited {ms} ms for another full-range scan on this machine to end",
            ms = waited.as_millis() as u64
        ));
    }
    // A loopback address of the run's own: a sweep of 127.0.0.1 would
    // connect to every server other tests (and other gradings) run there,
    // and a chat or a game server would see a stranger join.
    let host = ctx.own_loopback();
    let mut ports = Ports::default();
    while ports.open.len() < 6 {
        let port = ctx.rng().range(1024, 65536) as u16;
        ports.listen_open(host, port);
    }
    ctx.note(t!(
        "lab04-listens-on-others-too",
        "the checker listens on {ports}; other programs may too",
        ports = list(ports.open.iter().copied())
    ));
    let scan = run_scan(
        ctx,
        &[&host.to_string(), "-p", "-", "--timeout", "300"],
        None,
        Duration::from_secs(60),
    )?;
    let reported = scan.reported_open(&ports.open, &BTreeSet::new(), |_| true)?;
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
