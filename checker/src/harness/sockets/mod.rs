//! The kernel's tables of sockets, read without touching a socket: what
//! the checker can see of a program's sockets from the outside.
//!
//! A server started from a command template (`--server-cmd`) may print no
//! ready line. The checker could connect to its port until one succeeds,
//! but the server would accept that probe as a client: a `--once` server
//! would then exit after it, a game server would take it for the first
//! player. So the checker never connects to find out: it reads the kernel's
//! table of TCP sockets for one that listens on the port and belongs to the
//! server (its inode is among the open files, `/proc/<pid>/fd`, of the
//! server or a process it started). The server sees nothing at all. The
//! same tables tell whether a peer has read what it was sent, and which
//! ports listen and which connect()s are in progress while a scanner runs
//! (lab 04). Linux only, like the rest of the sandbox.
//!
//! - `proc_net`: the text tables, /proc/net/tcp{,6} and udp{,6};
//! - `diag`: NETLINK_SOCK_DIAG, the kernel's answer for one state only
//!   (fast on a machine with thousands of connections), with the text
//!   tables where it is refused;
//! - here: the `/proc/<pid>/fd` walker, and the questions the labs ask.

mod diag;
mod proc_net;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::ops::RangeInclusive;

use super::sandbox;
use proc_net::{LISTEN, SYN_SENT, each_row};

// ---------------------------------------------------------------------------
// Whose sockets: the /proc/<pid>/fd walker.

/// The inode of the socket behind each descriptor open in `processes`
/// (one per descriptor: a socket open twice comes twice).
fn socket_descriptors(processes: &BTreeSet<i32>) -> impl Iterator<Item = u64> + '_ {
    processes
        .iter()
        .filter_map(|pid| std::fs::read_dir(format!("/proc/{pid}/fd")).ok())
        .flatten()
        .flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|link| {
            link.to_str()?
                .strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse()
                .ok()
        })
}

/// The inodes of the sockets that `processes` hold open.
pub fn held_by(processes: &BTreeSet<i32>) -> BTreeSet<u64> {
    socket_descriptors(processes).collect()
}

/// How many descriptors of sockets `pid` and its descendants hold.
pub fn open_in(pid: i32) -> usize {
    socket_descriptors(&sandbox::descendants(pid)).count()
}

/// The socket inodes open in `pid` and its descendants.
fn socket_inodes(pid: i32) -> BTreeSet<u64> {
    held_by(&sandbox::descendants(pid))
}

// ---------------------------------------------------------------------------
// A program's listening sockets.

/// Where the server started as `pid` (and its descendants) listens on
/// `told`'s port, if it does: `told` itself when one of its sockets accepts
/// connections there (bound to that address, or to every address), or else
/// the address it did bind (another one than it was told).
pub fn listening(pid: i32, told: SocketAddr) -> Option<SocketAddr> {
    let inodes = socket_inodes(pid);
    if inodes.is_empty() {
        return None;
    }
    let found: Vec<SocketAddr> = listeners(&inodes)
        .into_iter()
        .filter(|addr| addr.port() == told.port())
        .collect();
    if found.iter().any(|addr| covers(addr.ip(), told.ip())) {
        return Some(told);
    }
    found.first().copied()
}

/// Whether the server started as `pid` (or a process it started) has a
/// listening socket that takes connections to `addr`: bound to its
/// address, or to every address. Tells the server's own listener from
/// another program's that happens to hold the same port elsewhere.
pub fn accepts_at(pid: i32, addr: SocketAddr) -> bool {
    let inodes = socket_inodes(pid);
    !inodes.is_empty()
        && listeners(&inodes)
            .iter()
            .any(|bound| bound.port() == addr.port() && covers(bound.ip(), addr.ip()))
}

/// The local addresses of the listening TCP sockets among `inodes`.
fn listeners(inodes: &BTreeSet<u64>) -> Vec<SocketAddr> {
    let mut found = Vec::new();
    each_row(&["tcp", "tcp6"], |row| {
        if row.state() == Some(LISTEN) && row.inode().is_some_and(|i| inodes.contains(&i)) {
            found.extend(row.local());
        }
    });
    found
}

/// Whether the server started as `pid` (or a process it started) has a UDP
/// socket bound to `port`, at any address: /proc/net/udp{,6}, like TCP.
pub fn udp_bound(pid: i32, port: u16) -> bool {
    let inodes = socket_inodes(pid);
    let mut bound = false;
    if !inodes.is_empty() {
        each_row(&["udp", "udp6"], |row| {
            bound |= row.inode().is_some_and(|i| inodes.contains(&i))
                && row.local().is_some_and(|addr| addr.port() == port);
        });
    }
    bound
}

/// Whether a socket bound to `bound` accepts connections to `ip`: the same
/// address, or the wildcard of its family (`::` also takes IPv4, unless
/// the machine sets net.ipv6.bindv6only).
fn covers(bound: IpAddr, ip: IpAddr) -> bool {
    bound == ip || (bound.is_unspecified() && (bound.is_ipv4() == ip.is_ipv4() || bound.is_ipv6()))
}

// ---------------------------------------------------------------------------
// The machine's sockets: every listener, every connect() in progress.

/// The TCP ports something listens on, any address, IPv4 or IPv6: asked
/// of the kernel with sock_diag (what `ss -tl` uses; only the listening
/// sockets, however many connections the machine has), or read from
/// /proc/net/tcp and tcp6 where that is not possible.
pub fn listening_ports() -> BTreeSet<u16> {
    let mut ports = BTreeSet::new();
    for family in [libc::AF_INET, libc::AF_INET6] {
        if diag::listening(family as u8, &mut ports).is_err() {
            return listening_ports_from_proc();
        }
    }
    ports
}

fn listening_ports_from_proc() -> BTreeSet<u16> {
    let mut ports = BTreeSet::new();
    each_row(&["tcp", "tcp6"], |row| {
        if row.state() == Some(LISTEN) {
            ports.extend(row.local().map(|addr| addr.port()));
        }
    });
    ports
}

/// The connect()s in progress (sockets in SYN-SENT, IPv4) to `ports` of
/// the sockets that `processes` hold, as (remote port, inode): sock_diag,
/// or /proc/net/tcp where that is not possible. Only the sockets the
/// processes hold count, so that the checker's own, or another program's
/// scan at the same time, never do. `processes` is asked for by the
/// caller (sandbox::descendants reads a file per thread: a sampler asks
/// for it now and then, not every time).
pub fn connecting(ports: &RangeInclusive<u16>, processes: &BTreeSet<i32>) -> Vec<(u16, u32)> {
    let mut sockets = Vec::new();
    if diag::connecting(libc::AF_INET as u8, &mut sockets).is_err() {
        sockets = connecting_from_proc();
    }
    sockets.retain(|(port, _)| ports.contains(port));
    if sockets.is_empty() {
        return sockets;
    }
    let held = held_by(processes);
    sockets.retain(|(_, inode)| held.contains(&u64::from(*inode)));
    sockets
}

/// (remote port, inode) of the IPv4 sockets in SYN-SENT.
fn connecting_from_proc() -> Vec<(u16, u32)> {
    let mut sockets = Vec::new();
    each_row(&["tcp"], |row| {
        if row.state() == Some(SYN_SENT) {
            let inode = row.inode().and_then(|i| u32::try_from(i).ok());
            if let (Some(remote), Some(inode)) = (row.remote(), inode) {
                sockets.push((remote.port(), inode));
            }
        }
    });
    sockets
}

// ---------------------------------------------------------------------------
// One connection's far end.

/// One TCP connection as the kernel's table shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TcpSocket {
    /// The TCP state (1 ESTABLISHED, 10 LISTEN, ...).
    pub state: u8,
    /// Bytes received that the program has not read yet (rx_queue).
    pub unread: u32,
    /// Bytes the program has sent that the far end has not acknowledged
    /// yet (tx_queue): it grows while the far end reads nothing.
    pub queued: u32,
}

/// The TCP socket `local` → `remote` in the kernel's table (/proc/net/tcp
/// or tcp6), if there is one: what the checker can see of a connection's
/// far end without asking the program (whether it has read what it was
/// sent, whether it has shut its side down).
pub fn tcp_socket(local: SocketAddr, remote: SocketAddr) -> Option<TcpSocket> {
    // sock_diag finds the one socket at once; the text table, where it is
    // refused, takes tens of milliseconds on a busy machine.
    match diag::one(local, remote) {
        Ok(found) => found.map(|(state, unread, queued)| TcpSocket {
            state,
            unread,
            queued,
        }),
        Err(_) => tcp_sockets(&[(local, remote)]).pop().flatten(),
    }
}

/// [`tcp_socket`] for several connections, from one read of the table (on
/// a busy machine it has thousands of rows, and reading it takes tens of
/// milliseconds).
pub fn tcp_sockets(pairs: &[(SocketAddr, SocketAddr)]) -> Vec<Option<TcpSocket>> {
    let mut found: Vec<Option<TcpSocket>> = pairs.iter().map(|_| None).collect();
    // Rows are parsed only if they name one of the remote ports (as the
    // table writes it, `:ABCD`): parsing them all is most of the time on a
    // busy machine.
    let ports: Vec<String> = pairs
        .iter()
        .map(|(_, remote)| format!(":{:04X} ", remote.port()))
        .collect();
    for (table, v4) in [("tcp", true), ("tcp6", false)] {
        if !pairs.iter().any(|(local, _)| local.is_ipv4() == v4) {
            continue;
        }
        each_row(&[table], |row| {
            if !ports.iter().any(|port| row.0.contains(port.as_str())) {
                return;
            }
            let (Some(local), Some(remote)) = (row.local(), row.remote()) else {
                return;
            };
            let Some(i) = pairs.iter().position(|&pair| pair == (local, remote)) else {
                return;
            };
            let socket = (|| {
                let (queued, unread) = row.queues()?;
                Some(TcpSocket {
                    state: u8::from_str_radix(row.state()?, 16).ok()?,
                    unread,
                    queued,
                })
            })();
            found[i] = found[i].take().or(socket);
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn a_connection_shows_what_its_far_end_has_not_read() {
        use std::io::Write;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        client.write_all(b"hello\n").unwrap();
        let (local, remote) = (server.local_addr().unwrap(), server.peer_addr().unwrap());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut seen = tcp_socket(local, remote);
        while seen.map(|s| s.unread) != Some(6) && std::time::Instant::now() < deadline {
            std::thread::yield_now();
            seen = tcp_socket(local, remote);
        }
        assert_eq!(
            seen,
            Some(TcpSocket {
                state: 1,
                unread: 6,
                queued: 0
            })
        );
        let mut buffer = [0u8; 16];
        std::io::Read::read(&mut &server, &mut buffer).unwrap();
        assert_eq!(tcp_socket(local, remote).map(|s| s.unread), Some(0));
    }

    #[test]
    fn a_listener_of_this_process_is_found_without_a_connection() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let me = std::process::id() as i32;
        assert_eq!(listening(me, addr), Some(addr));
        let elsewhere = SocketAddr::new("127.0.0.2".parse().unwrap(), addr.port());
        assert_eq!(
            listening(me, elsewhere),
            Some(addr),
            "the address it did bind"
        );
        listener.set_nonblocking(true).unwrap();
        assert!(listener.accept().is_err(), "nobody connected to find out");
        drop(listener);
        assert_eq!(listening(me, addr), None);
    }

    #[test]
    fn a_udp_socket_of_this_process_is_found() {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = socket.local_addr().unwrap().port();
        let me = std::process::id() as i32;
        assert!(udp_bound(me, port));
        drop(socket);
        assert!(!udp_bound(me, port));
    }

    #[test]
    fn a_listener_is_in_both_the_dump_and_the_text_table() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        assert!(listening_ports().contains(&port));
        assert!(listening_ports_from_proc().contains(&port));
    }

    #[test]
    fn a_wildcard_covers_its_family() {
        use std::net::{Ipv4Addr, Ipv6Addr};
        let any4 = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        let any6 = IpAddr::V6(Ipv6Addr::UNSPECIFIED);
        let lo4 = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let lo6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
        assert!(covers(any4, lo4) && covers(any6, lo6) && covers(any6, lo4));
        assert!(!covers(any4, lo6) && !covers(lo4, "127.0.0.2".parse().unwrap()));
    }
}
