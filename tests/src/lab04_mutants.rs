//! The lab 04 mutants: the solution (solutions/04-scanner/src) with one
//! small change each. build.rs applies them; a change whose `find` text no
//! longer occurs exactly once in the solution stops the build with a
//! message.

use crate::mutant::{Change, Mutant, change};

pub const MUTANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "off-by-one-range-end",
        bug: "a range leaves out its last port (first..last instead of first..=last)",
        caught_by: &["open-ports", "sorted-lines"],
        parts: &[change(
            "ports",
            "for port in first..=last {",
            "for port in first..last {",
        )],
    },
    Mutant {
        name: "closed-as-open",
        bug: "takes any answer, a refusal included, for an open port",
        caught_by: &["closed-ports", "open-ports", "full-range"],
        parts: &[change(
            "probe",
            "io::ErrorKind::ConnectionReset => Ok(PortState::Closed),",
            "io::ErrorKind::ConnectionReset => Ok(PortState::Open),",
        )],
    },
    Mutant {
        name: "self-connect-open",
        bug: "reports a connection that connected to itself as an open port (and takes every connect at its word)",
        caught_by: &["self-connect"],
        parts: &[
            change("probe", "if is_self_connect(&stream)? {", "if false {"),
            change(
                "main",
                "        .and_then(|mut found| scan::confirm(ip, &mut found, timeout).map(|()| found))\n",
                "",
            ),
        ],
    },
    Mutant {
        name: "sequential",
        bug: "one connection at a time, whatever --concurrency says",
        caught_by: &["concurrency"],
        parts: &[change(
            "scan",
            "for worker in 0..workers {",
            "for worker in 0..1 {",
        )],
    },
    Mutant {
        name: "timeout-per-retry",
        bug: "tries a silent port three times, each try waiting the whole timeout",
        caught_by: &["filtered-port"],
        parts: &[change(
            "probe",
            "match TcpStream::connect_timeout(&addr, timeout) {",
            "let mut attempt = TcpStream::connect_timeout(&addr, timeout);
    for _ in 0..2 {
        if matches!(&attempt, Err(e) if e.kind() == io::ErrorKind::TimedOut) {
            attempt = TcpStream::connect_timeout(&addr, timeout);
        }
    }
    match attempt {",
        )],
    },
    Mutant {
        name: "unbounded-concurrency",
        bug: "runs as many connections at once as asked, past the limit on open files",
        caught_by: &["file-limit"],
        parts: &[change(
            "scan",
            "requested.min(fits).min(ports.max(1) as u64) as usize",
            "requested.min(ports.max(1) as u64) as usize",
        )],
    },
    Mutant {
        name: "unsorted-output",
        bug: "prints the open ports in the order the workers found them",
        caught_by: &["sorted-lines"],
        parts: &[change("scan", "found.open.sort_unstable();", "")],
    },
    Mutant {
        name: "ignores-ipv6",
        bug: "keeps only IPv4 addresses, so `scan ::1` finds no host",
        caught_by: &["ipv6"],
        parts: &[
            change(
                "main",
                "if let Ok(ip) = bare.parse::<IpAddr>() {",
                "if let Ok(ip) = bare.parse::<std::net::Ipv4Addr>().map(IpAddr::V4) {",
            ),
            change(
                "main",
                "        .next()\n        .map(|addr| addr.ip())",
                "        .find(|addr| addr.is_ipv4())\n        .map(|addr| addr.ip())",
            ),
        ],
    },
    Mutant {
        name: "reversed-range-swapped",
        bug: "quietly scans 80-100 when given 100-80",
        caught_by: &["bad-ports"],
        parts: &[change(
            "ports",
            "        if first > last {",
            "        let (first, last) = (first.min(last), first.max(last));\n        if first > last {",
        )],
    },
    Mutant {
        name: "summary-on-stdout",
        bug: "prints the summary on stdout, among the port lines",
        caught_by: &["summary", "open-ports"],
        parts: &[change(
            "main",
            "    eprintln!(\n        \"{}\",\n        report::summary(",
            "    println!(\n        \"{}\",\n        report::summary(",
        )],
    },
    Mutant {
        name: "json-closed-count",
        bug: "the JSON counts every port scanned as closed",
        caught_by: &["json"],
        parts: &[change(
            "report",
            "\"closed\": found.closed,",
            "\"closed\": scanned,",
        )],
    },
    Mutant {
        name: "filtered-as-closed",
        bug: "takes a port that does not answer for a closed one",
        caught_by: &["filtered-port", "concurrency", "json"],
        parts: &[change(
            "probe",
            "io::ErrorKind::TimedOut => Ok(PortState::Filtered),",
            "io::ErrorKind::TimedOut => Ok(PortState::Closed),",
        )],
    },
    Mutant {
        name: "hand-drawn-progress",
        bug: "draws its own progress with \\r on stderr, terminal or not",
        caught_by: &["full-range"],
        parts: &[change(
            "scan",
            "                        progress.inc(1);",
            "                        progress.inc(1);
                        if port % 4096 == 0 {
                            eprint!(\"\\rscanning port {port}\");
                        }",
        )],
    },
    Mutant {
        name: "ignores-timeout",
        bug: "waits the default 1000 ms for every port, whatever --timeout says",
        caught_by: &["filtered-port"],
        parts: &[change(
            "main",
            "let timeout = Duration::from_millis(args.timeout);",
            "let timeout = Duration::from_millis(1000);",
        )],
    },
    Mutant {
        name: "ignores-concurrency",
        bug: "runs its default 256 connections at once, whatever --concurrency says (still under the file limit)",
        caught_by: &["concurrency"],
        parts: &[change(
            "main",
            "let workers = workers(args.concurrency, ports.len());",
            "let workers = workers(256, ports.len());",
        )],
    },
    Mutant {
        name: "scans-127-0-0-1",
        bug: "scans 127.0.0.1 whenever --host is an IPv4 address (hard-coded while trying it out)",
        caught_by: &["only-host"],
        parts: &[change(
            "main",
            "if let Ok(ip) = bare.parse::<IpAddr>() {\n        return Ok(ip);",
            "if let Ok(ip) = bare.parse::<IpAddr>() {\n        return Ok(if ip.is_ipv4() { IpAddr::from([127, 0, 0, 1]) } else { ip });",
        )],
    },
    Mutant {
        name: "also-scans-localhost",
        bug: "probes each port on 127.0.0.1 and ::1 as well as on the host given",
        caught_by: &["only-host"],
        parts: &[change(
            "scan",
            "                        let result = probe(SocketAddr::new(ip, port), timeout);",
            "                        let result = probe(SocketAddr::new(ip, port), timeout);
                        for other in [IpAddr::from([127, 0, 0, 1]), IpAddr::from(std::net::Ipv6Addr::LOCALHOST)] {
                            if other != ip {
                                let _ = probe(SocketAddr::new(other, port), timeout);
                            }
                        }",
        )],
    },
    Mutant {
        name: "reads-kernel-table",
        bug: "never connects: reads the kernel's table of listening sockets (/proc/net/tcp, what ss shows) and calls a full accept queue filtered",
        caught_by: &["only-host", "filtered-port", "concurrency"],
        parts: &[change(
            "probe",
            "    match TcpStream::connect_timeout(&addr, timeout) {",
            r#"    // The kernel's table, read once: a LISTEN line (state 0A) for the
    // address (or the wildcard) and port; an accept queue over its limit
    // is filtered.
    let _ = timeout;
    static TABLE: std::sync::OnceLock<std::collections::HashMap<(String, u16), bool>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = std::collections::HashMap::new();
        for path in ["/proc/net/tcp", "/proc/net/tcp6"] {
            for line in std::fs::read_to_string(path).unwrap_or_default().lines().skip(1) {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let (Some(local), Some(&"0A"), Some(queues)) = (fields.get(1), fields.get(3), fields.get(4)) else { continue };
                let Some((ip, port)) = local.split_once(':') else { continue };
                let (limit, waiting) = queues.split_once(':').unwrap_or(("0", "0"));
                let full = u32::from_str_radix(waiting, 16).unwrap_or(0) > u32::from_str_radix(limit, 16).unwrap_or(0);
                table.insert((ip.to_string(), u16::from_str_radix(port, 16).unwrap_or(0)), full);
            }
        }
        table
    });
    let hex: String = match addr.ip() {
        std::net::IpAddr::V4(ip) => format!("{:08X}", u32::from_ne_bytes(ip.octets())),
        std::net::IpAddr::V6(ip) => ip.octets().chunks(4).map(|c| format!("{:08X}", u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))).collect(),
    };
    let wildcard = "0".repeat(hex.len());
    let found = table.get(&(hex, addr.port())).or_else(|| table.get(&(wildcard, addr.port())));
    return Ok(match found {
        Some(true) => PortState::Filtered,
        Some(false) => PortState::Open,
        None => PortState::Closed,
    });
    match TcpStream::connect_timeout(&addr, timeout) {"#,
        )],
    },
    Mutant {
        name: "duplicates-scanned-twice",
        bug: "scans a port listed twice (80,80 or overlapping ranges) twice, and prints it twice",
        caught_by: &["sorted-lines", "json"],
        parts: &[change(
            "ports",
            "if !seen[port as usize] {",
            "if !seen[port as usize] || true {",
        )],
    },
    Mutant {
        name: "json-ports-scanned-wrong",
        bug: "the JSON's ports_scanned leaves out the filtered ports (open + closed)",
        caught_by: &["json"],
        parts: &[change(
            "report",
            "\"ports_scanned\": scanned,",
            "\"ports_scanned\": found.open.len() + found.closed,",
        )],
    },
    Mutant {
        name: "port-65536-wraps",
        bug: "takes 65536 for a port (off by one at the top), which wraps to port 0",
        caught_by: &["bad-ports"],
        parts: &[change(
            "ports",
            "1..=65535 => Ok(number as u16),",
            "1..=65536 => Ok(number as u16),",
        )],
    },
    Mutant {
        name: "one-worker-too-many",
        bug: "starts one worker more than --concurrency (0..=workers): 5 connections at once at --concurrency 4",
        caught_by: &["concurrency"],
        parts: &[change(
            "scan",
            "for worker in 0..workers {",
            "for worker in 0..=workers {",
        )],
    },
    Mutant {
        name: "tries-twice",
        bug: "tries a silent port a second time, each try waiting the whole timeout (4.3-4.9 s at 2 s passed a wall-clock allowance of 5 s)",
        caught_by: &["filtered-port"],
        parts: &[change(
            "probe",
            "match TcpStream::connect_timeout(&addr, timeout) {",
            "let mut attempt = TcpStream::connect_timeout(&addr, timeout);
    if matches!(&attempt, Err(e) if e.kind() == io::ErrorKind::TimedOut) {
        attempt = TcpStream::connect_timeout(&addr, timeout);
    }
    match attempt {",
        )],
    },
    Mutant {
        name: "default-timeout-2000",
        bug: "waits 2000 ms for a silent port when --timeout is not given (the handout says 1000)",
        caught_by: &["defaults"],
        parts: &[change(
            "cli",
            "default_value_t = 1000,",
            "default_value_t = 2000,",
        )],
    },
    Mutant {
        name: "default-concurrency-128",
        bug: "runs 128 connections at once when --concurrency is not given (the handout says 256)",
        caught_by: &["defaults"],
        parts: &[change(
            "cli",
            "default_value_t = 256,",
            "default_value_t = 128,",
        )],
    },
    Mutant {
        name: "default-ports-1-1000",
        bug: "scans 1-1000 when -p is not given (the handout says 1-1024)",
        caught_by: &["defaults"],
        parts: &[change(
            "cli",
            "pub const DEFAULT_PORTS: &str = \"1-1024\";",
            "pub const DEFAULT_PORTS: &str = \"1-1000\";",
        )],
    },
    Mutant {
        name: "progress-lines-in-pipe",
        bug: "prints a progress line every 4096 ports on stderr (no \\r: lines), terminal or not",
        caught_by: &["full-range"],
        parts: &[change(
            "scan",
            "                        progress.inc(1);",
            "                        progress.inc(1);
                        if port % 4096 == 0 {
                            eprintln!(\"progress: port {port} of {}\", ports.len());
                        }",
        )],
    },
    Mutant {
        name: "logs-every-port",
        bug: "logs every port's result on stderr, in a pipe too (logging belongs behind --trace)",
        caught_by: &["full-range"],
        parts: &[change(
            "scan",
            "                        let result = probe(SocketAddr::new(ip, port), timeout);",
            "                        let result = probe(SocketAddr::new(ip, port), timeout);
                        eprintln!(\"port {port}: {result:?}\");",
        )],
    },
    Mutant {
        name: "json-descending",
        bug: "lists the JSON's open and filtered ports highest first",
        caught_by: &["json"],
        parts: &[
            change(
                "report",
                "\"open\": found.open,",
                "\"open\": found.open.iter().rev().collect::<Vec<_>>(),",
            ),
            change(
                "report",
                "\"filtered\": found.filtered,",
                "\"filtered\": found.filtered.iter().rev().collect::<Vec<_>>(),",
            ),
        ],
    },
    Mutant {
        name: "json-filtered-descending",
        bug: "lists the JSON's filtered ports highest first (the open ones in order)",
        caught_by: &["json"],
        parts: &[change(
            "report",
            "\"filtered\": found.filtered,",
            "\"filtered\": found.filtered.iter().rev().collect::<Vec<_>>(),",
        )],
    },
    Mutant {
        name: "port-0-starts-a-range",
        bug: "checks single ports for 0 but not the start of a range: `0-100` is scanned",
        caught_by: &["bad-ports"],
        parts: &[change(
            "ports",
            "Some((first, last)) => (port(first, item)?, port(last, item)?),",
            "Some((first, last)) => (
                first.trim().parse::<u16>().map_err(|e| format!(\"{first:?}: {e}\"))?,
                port(last, item)?,
            ),",
        )],
    },
    Mutant {
        name: "failures-exit-0",
        bug: "prints its error and exits with status 0 (an unknown host name included)",
        caught_by: &["host-name"],
        parts: &[change(
            "main",
            "            eprintln!(\"error: {message}\");\n            ExitCode::FAILURE",
            "            eprintln!(\"error: {message}\");\n            ExitCode::SUCCESS",
        )],
    },
    Mutant {
        name: "unknown-host-status-2",
        bug: "takes a name that can't be found for a usage error: exit status 2 instead of 1",
        caught_by: &["host-name"],
        parts: &[change(
            "main",
            ".map_err(|e| Error::Failed(format!(\"cannot find the host {host:?}: {e}\")))?;",
            ".map_err(|e| Error::Usage(format!(\"cannot find the host {host:?}: {e}\")))?;",
        )],
    },
    Mutant {
        name: "names-refused",
        bug: "takes only IP addresses: `scan localhost` is refused",
        caught_by: &["host-name"],
        parts: &[change(
            "main",
            "    let mut addrs = (bare, 0)",
            "    return Err(Error::Usage(format!(\"{host:?} is not an IP address\")));
    let mut addrs = (bare, 0)",
        )],
    },
    Mutant {
        name: "checks-localhost-first",
        bug: "connects to 127.0.0.1 port 9 first, to see whether \"the network is up\", whatever host it was given",
        caught_by: &["only-host"],
        parts: &[change(
            "main",
            "    let ip = resolve(&args.host)?;",
            "    let _ = std::net::TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], 9)),
        Duration::from_millis(100),
    );
    let ip = resolve(&args.host)?;",
        )],
    },
    Mutant {
        name: "silent-clamp",
        bug: "clamps --concurrency to the limit on open files without saying so",
        caught_by: &["file-limit"],
        parts: &[change(
            "main",
            "    if requested > allowed {\n        eprintln!(",
            "    if false {\n        eprintln!(",
        )],
    },
    Mutant {
        name: "emfile-as-closed",
        bug: "runs as many connections at once as asked, and counts a port whose socket() failed (Too many open files) as closed",
        caught_by: &["file-limit"],
        parts: &[
            change(
                "scan",
                "requested.min(fits).min(ports.max(1) as u64) as usize",
                "requested.min(ports.max(1) as u64) as usize",
            ),
            change(
                "probe",
                "        _ => Err(error),\n    }\n}",
                "        _ => Ok(PortState::Closed),\n    }\n}",
            ),
        ],
    },
];

/// Correct variants: changes the handout allows. Each must score full
/// marks; a checker that fails one fails correct students' work.
pub const VARIANTS: &[Mutant<&[Change]>] = &[
    Mutant {
        name: "crlf-lines",
        bug: "correct: ends every port line with \\r\\n",
        caught_by: &[],
        parts: &[change(
            "report",
            "writeln!(out, \"{port}/tcp open {}\", service(port))?;",
            "write!(out, \"{port}/tcp open {}\\r\\n\", service(port))?;",
        )],
    },
    Mutant {
        name: "byte-by-byte",
        bug: "correct: writes each port line one byte at a time",
        caught_by: &[],
        parts: &[change(
            "report",
            "writeln!(out, \"{port}/tcp open {}\", service(port))?;",
            "for byte in format!(\"{port}/tcp open {}\\n\", service(port)).bytes() {
            out.write_all(&[byte])?;
            out.flush()?;
        }",
        )],
    },
    Mutant {
        name: "retries-self-connect",
        bug: "correct: like nmap, tries a port again after a self-connect (three times, then closed)",
        caught_by: &[],
        parts: &[change(
            "probe",
            "            if is_self_connect(&stream)? {",
            "            if is_self_connect(&stream)? {
                drop(stream);
                for _ in 0..3 {
                    match TcpStream::connect_timeout(&addr, timeout) {
                        Ok(again) if !is_self_connect(&again)? => return Ok(PortState::Open),
                        Ok(_) => continue,
                        Err(error) => return classify(error),
                    }
                }",
        )],
    },
    Mutant {
        name: "closes-with-reset",
        bug: "correct: closes each connection with a RST (SO_LINGER 0), as some scanners do to leave no TIME_WAIT behind",
        caught_by: &[],
        parts: &[change(
            "probe",
            "            Ok(PortState::Open)\n            // `stream` is dropped here: close(), at once.",
            "            let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));\n            Ok(PortState::Open)",
        )],
    },
    Mutant {
        name: "pretty-json",
        bug: "correct: prints the JSON object over several lines",
        caught_by: &[],
        parts: &[
            change(
                "report",
                "    serde_json::json!({",
                "    serde_json::to_string_pretty(&serde_json::json!({",
            ),
            change("report", "    })\n    .to_string()", "    }))\n    .unwrap()"),
        ],
    },
    Mutant {
        name: "refuses-over-limit",
        bug: "correct: refuses a --concurrency over the file limit (exit status 2) instead of clamping it",
        caught_by: &[],
        parts: &[change(
            "main",
            "    if requested > allowed {",
            "    if requested > allowed {
        eprintln!(\"error: --concurrency {requested} is over what the limit on open files allows ({allowed})\");
        std::process::exit(2);",
        )],
    },
    Mutant {
        name: "reverse-order",
        bug: "correct: scans the ports from the last to the first",
        caught_by: &[],
        parts: &[change(
            "main",
            "    let ip = resolve(&args.host)?;",
            "    let ports: Vec<u16> = ports.into_iter().rev().collect();
    let ip = resolve(&args.host)?;",
        )],
    },
    Mutant {
        name: "limit-note-in-other-words",
        bug: "correct: says it clamped --concurrency in its own words (\"using 112 workers: ulimit -n is 128\")",
        caught_by: &[],
        parts: &[change(
            "main",
            "            \"note: --concurrency {requested} is more than the limit on open files allows \\\n             ({limit} files, `ulimit -n`): at most {allowed} connections at once\"",
            "            \"using {allowed} workers, not {requested}: ulimit -n is {limit}\"",
        )],
    },
    Mutant {
        name: "summary-in-other-words",
        bug: "correct: a summary worded otherwise (`127.0.0.1: 30 ports in 510 ms; open=2 closed=27 filtered=1`)",
        caught_by: &[],
        parts: &[change(
            "report",
            "        \"scanned {scanned} ports of {shown} in {:.2} s: {} open, {} closed, {} filtered\",\n        elapsed.as_secs_f64(),",
            "        \"{shown}: {scanned} ports in {} ms; open={} closed={} filtered={}\",\n        elapsed.as_millis(),",
        )],
    },
];
