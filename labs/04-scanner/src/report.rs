//! What the scanner prints: a line per open port on stdout, a summary on
//! stderr, or one JSON object. Already written: the work is in ports.rs,
//! probe.rs and scan.rs.

use std::io::{self, Write};
use std::net::IpAddr;
use std::time::Duration;

use crate::scan::Found;

/// A few well-known services, by port (the full list is IANA's, and
/// /etc/services on most systems). A port's service is only what usually
/// listens there: nmap -sT, like this scanner, does not ask the program.
const SERVICES: &[(u16, &str)] = &[
    (21, "ftp"),
    (22, "ssh"),
    (23, "telnet"),
    (25, "smtp"),
    (53, "domain"),
    (80, "http"),
    (110, "pop3"),
    (111, "rpcbind"),
    (143, "imap"),
    (443, "https"),
    (445, "microsoft-ds"),
    (587, "submission"),
    (631, "ipp"),
    (993, "imaps"),
    (995, "pop3s"),
    (3306, "mysql"),
    (3389, "ms-wbt-server"),
    (5432, "postgresql"),
    (6379, "redis"),
    (8080, "http-proxy"),
];

/// The usual service on `port`, or `unknown`.
pub fn service(port: u16) -> &'static str {
    SERVICES
        .iter()
        .find(|(p, _)| *p == port)
        .map_or("unknown", |(_, name)| name)
}

/// One line per open port, in the order of `found.open` (ascending):
/// `22/tcp open ssh`.
pub fn write_lines(out: &mut impl Write, found: &Found) -> io::Result<()> {
    for &port in &found.open {
        writeln!(out, "{port}/tcp open {}", service(port))?;
    }
    out.flush()
}

/// The summary for stderr: `scanned 1024 ports of 127.0.0.1 in 0.05 s:
/// 2 open, 1022 closed, 0 filtered`.
pub fn summary(host: &str, ip: IpAddr, scanned: usize, found: &Found, elapsed: Duration) -> String {
    let shown = if host == ip.to_string() {
        host.to_string()
    } else {
        format!("{host} ({ip})")
    };
    format!(
        "scanned {scanned} ports of {shown} in {:.2} s: {} open, {} closed, {} filtered",
        elapsed.as_secs_f64(),
        found.open.len(),
        found.closed,
        found.filtered.len()
    )
}

/// The whole result as one JSON object (`--json`).
pub fn json(host: &str, ip: IpAddr, scanned: usize, found: &Found, elapsed: Duration) -> String {
    serde_json::json!({
        "host": host,
        "address": ip.to_string(),
        "ports_scanned": scanned,
        "open": found.open,
        "filtered": found.filtered,
        "counts": {
            "open": found.open.len(),
            "closed": found.closed,
            "filtered": found.filtered.len(),
        },
        "elapsed_ms": elapsed.as_millis() as u64,
    })
    .to_string()
}
