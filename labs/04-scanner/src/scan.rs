//! Many ports at once: a fixed pool of worker threads takes ports from a
//! shared list, probes each, and sends back what it found.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use indicatif::ProgressBar;

use crate::probe::{PortState, probe};

/// File descriptors kept free for everything but the scan's sockets:
/// stdin, stdout, stderr and whatever the runtime opens.
pub const RESERVED_FILES: u64 = 16;

/// A worker only connects and sends a message: a small stack is plenty,
/// and hundreds of workers then cost little memory.
const WORKER_STACK: usize = 256 << 10;

/// What a scan found, each list in ascending order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub open: Vec<u16>,
    pub filtered: Vec<u16>,
    pub closed: usize,
}

/// How many connections may be in progress at once: what the user asked
/// for, but no more than there are ports, and few enough that every
/// worker's socket fits under the limit on open files (`ulimit -n`), with
/// RESERVED_FILES to spare. Each worker holds one socket at a time.
pub fn concurrency(requested: u64, ports: usize, file_limit: u64) -> usize {
    // Every connect in flight holds a file descriptor: one over the limit and
    // connect() fails with "too many open files", which is not an answer
    // about any port. Never 0 workers.
    todo!("concurrency(): how many workers")
}

/// Probes every port of `ports` on `ip` with `workers` threads, each
/// connection waiting at most `timeout`, and ticks `progress` once per
/// port. Stops at the first error that is not an answer about a port.
pub fn scan(
    ip: IpAddr,
    ports: &[u16],
    timeout: Duration,
    workers: usize,
    progress: &ProgressBar,
) -> io::Result<Found> {
    // At most `workers` connects are in flight at any moment, and never more
    // threads than that. Every port is probed exactly once (none skipped, none
    // twice), whichever worker finishes first; the lists come out sorted. An
    // error that is not an answer about a port stops the scan: no new
    // connects start, and it is returned.
    todo!("scan(): a pool of workers")
}

/// Probes each open port once more, alone, and keeps those still open:
/// the other ports are counted closed. A loopback scan can connect to
/// itself in two ways. One socket can meet itself (see
/// probe::is_self_connect). And while many connects are in progress, two
/// of them can meet: A, from local port 41304 to port 35073, and B, from
/// local port 35073 to port 41304; their SYNs cross and both connect (on
/// a busy machine, where the kernel delivers loopback packets late, this
/// happens in scans of the ephemeral range). Neither shows on A's socket:
/// its peer is B. Alone, with no other connect of ours in progress, the
/// port answers for itself.
pub fn confirm(ip: IpAddr, found: &mut Found, timeout: Duration) -> io::Result<()> {
    let mut confirmed = Vec::with_capacity(found.open.len());
    for &port in &found.open {
        match probe(SocketAddr::new(ip, port), timeout)? {
            PortState::Open => confirmed.push(port),
            PortState::Filtered => found.filtered.push(port),
            PortState::Closed => found.closed += 1,
        }
    }
    found.open = confirmed;
    found.filtered.sort_unstable();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, TcpListener};

    #[test]
    fn concurrency_stays_under_the_file_limit() {
        assert_eq!(concurrency(256, 1000, 1024), 256);
        assert_eq!(concurrency(5000, 2000, 1024), 1008);
        assert_eq!(concurrency(5000, 100, 1024), 100);
        assert_eq!(concurrency(10, 100, 4), 1);
    }

    #[test]
    fn finds_open_ports_in_order() {
        let listeners: Vec<TcpListener> = (0..5)
            .map(|_| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap())
            .collect();
        let mut ports: Vec<u16> = listeners
            .iter()
            .map(|l| l.local_addr().unwrap().port())
            .collect();
        ports.reverse();
        let found = scan(
            Ipv4Addr::LOCALHOST.into(),
            &ports,
            Duration::from_secs(2),
            3,
            &ProgressBar::hidden(),
        )
        .unwrap();
        ports.sort_unstable();
        assert_eq!(found.open, ports);
        assert_eq!(found.closed, 0);
    }
}
