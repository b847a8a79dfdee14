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
        name: "chatty-stderr",
        bug: "correct: logs every port's result on stderr",
        caught_by: &[],
        parts: &[change(
            "scan",
            "                        let result = probe(SocketAddr::new(ip, port), timeout);",
            "                        let result = probe(SocketAddr::new(ip, port), timeout);
                        eprintln!(\"port {port}: {result:?}\");",
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
];
