//! Whether a server listens yet, seen from the outside without touching it.
//!
//! A server started from a command template (`--server-cmd`) may print no
//! ready line. The checker could connect to its port until one succeeds,
//! but the server would accept that probe as a client: a `--once` server
//! would then exit after it, a game server would take it for the first
//! player. So the checker never connects to find out: it reads the kernel's
//! table of TCP sockets (`/proc/net/tcp`, `/proc/net/tcp6`) for one that
//! listens on the port and belongs to the server (its inode is among the
//! open files, `/proc/<pid>/fd`, of the server or a process it started).
//! The server sees nothing at all. Linux only, like the rest of the sandbox.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::sandbox;

/// The state of a listening socket in /proc/net/tcp.
const LISTEN: &str = "0A";

/// Where the server started as `pid` (and its descendants) listens on
/// `told`'s port, if it does: `told` itself when one of its sockets accepts
/// connections there (bound to that address, or to every address), or else
/// the address it did bind (another one than it was told).
pub fn listening(pid: i32, told: SocketAddr) -> Option<SocketAddr> {
    let inodes = socket_inodes(pid);
    if inodes.is_empty() {
        return None;
    }
    let found: Vec<SocketAddr> = ["/proc/net/tcp", "/proc/net/tcp6"]
        .iter()
        .filter_map(|table| std::fs::read_to_string(table).ok())
        .flat_map(|text| {
            text.lines()
                .skip(1)
                .filter_map(|line| listener(line, &inodes))
                .collect::<Vec<_>>()
        })
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
        && ["/proc/net/tcp", "/proc/net/tcp6"]
            .iter()
            .filter_map(|table| std::fs::read_to_string(table).ok())
            .any(|text| {
                text.lines()
                    .skip(1)
                    .filter_map(|line| listener(line, &inodes))
                    .any(|bound| bound.port() == addr.port() && covers(bound.ip(), addr.ip()))
            })
}

/// Whether the server started as `pid` (or a process it started) has a UDP
/// socket bound to `port`, at any address: /proc/net/udp{,6}, like TCP.
pub fn udp_bound(pid: i32, port: u16) -> bool {
    let inodes = socket_inodes(pid);
    !inodes.is_empty()
        && ["/proc/net/udp", "/proc/net/udp6"]
            .iter()
            .filter_map(|table| std::fs::read_to_string(table).ok())
            .any(|text| {
                text.lines().skip(1).any(|line| {
                    let fields: Vec<&str> = line.split_whitespace().collect();
                    fields.get(9).is_some_and(|inode| inodes.contains(*inode))
                        && fields
                            .get(1)
                            .and_then(|local| parse_address(local))
                            .is_some_and(|addr| addr.port() == port)
                })
            })
}

/// Whether a socket bound to `bound` accepts connections to `ip`: the same
/// address, or the wildcard of its family (`::` also takes IPv4, unless
/// the machine sets net.ipv6.bindv6only).
fn covers(bound: IpAddr, ip: IpAddr) -> bool {
    bound == ip || (bound.is_unspecified() && (bound.is_ipv4() == ip.is_ipv4() || bound.is_ipv6()))
}

/// The socket inodes open in `pid` and its descendants.
fn socket_inodes(pid: i32) -> BTreeSet<String> {
    sandbox::descendants(pid)
        .into_iter()
        .filter_map(|pid| std::fs::read_dir(format!("/proc/{pid}/fd")).ok())
        .flatten()
        .flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|link| {
            let link = link.to_string_lossy();
            Some(
                link.strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .to_string(),
            )
        })
        .collect()
}

/// The local address of a line of /proc/net/tcp{,6} if it is a listening
/// socket whose inode is one of `inodes`. The columns: `sl local_address
/// rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode`.
fn listener(line: &str, inodes: &BTreeSet<String>) -> Option<SocketAddr> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let (local, state, inode) = (fields.get(1)?, fields.get(3)?, fields.get(9)?);
    if *state != LISTEN || !inodes.contains(*inode) {
        return None;
    }
    parse_address(local)
}

/// `0100007F:1F90` (127.0.0.1:8080) or 32 hex digits and a port for IPv6.
/// The kernel prints each 32-bit word of the address as a number in the
/// machine's byte order.
fn parse_address(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let words: Vec<[u8; 4]> = (0..ip.len() / 8)
        .map(|i| u32::from_str_radix(ip.get(8 * i..8 * i + 8)?, 16).ok())
        .collect::<Option<Vec<u32>>>()?
        .into_iter()
        .map(u32::to_ne_bytes)
        .collect();
    let ip = match words.as_slice() {
        [word] => IpAddr::V4(Ipv4Addr::from(*word)),
        [a, b, c, d] => {
            let bytes: [u8; 16] = [*a, *b, *c, *d].concat().try_into().ok()?;
            IpAddr::V6(Ipv6Addr::from(bytes)).to_canonical()
        }
        _ => return None,
    };
    Some(SocketAddr::new(ip, port))
}

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
    tcp_sockets(&[(local, remote)]).pop().flatten()
}

/// [`tcp_socket`] for several connections, from one read of the table (on
/// a busy machine it has thousands of rows, and reading it takes tens of
/// milliseconds).
pub fn tcp_sockets(pairs: &[(SocketAddr, SocketAddr)]) -> Vec<Option<TcpSocket>> {
    let mut found: Vec<Option<TcpSocket>> = pairs.iter().map(|_| None).collect();
    for (file, v4) in [("tcp", true), ("tcp6", false)] {
        if !pairs.iter().any(|(local, _)| local.is_ipv4() == v4) {
            continue;
        }
        let Ok(table) = std::fs::read_to_string(format!("/proc/net/{file}")) else {
            continue;
        };
        // Rows are parsed only if they name one of the remote ports (as
        // the table writes it, `:ABCD`): parsing them all is most of the
        // time on a busy machine.
        let ports: Vec<String> = pairs
            .iter()
            .map(|(_, remote)| format!(":{:04X} ", remote.port()))
            .collect();
        for row in table.lines().skip(1) {
            if !ports.iter().any(|port| row.contains(port.as_str())) {
                continue;
            }
            let fields: Vec<&str> = row.split_whitespace().collect();
            let (Some(local), Some(remote)) = (
                fields.get(1).and_then(|f| parse_address(f)),
                fields.get(2).and_then(|f| parse_address(f)),
            ) else {
                continue;
            };
            let Some(i) = pairs.iter().position(|&pair| pair == (local, remote)) else {
                continue;
            };
            let socket = (|| {
                let (tx, rx) = fields.get(4)?.split_once(':')?;
                Some(TcpSocket {
                    state: u8::from_str_radix(fields.get(3)?, 16).ok()?,
                    unread: u32::from_str_radix(rx, 16).ok()?,
                    queued: u32::from_str_radix(tx, 16).ok()?,
                })
            })();
            found[i] = found[i].take().or(socket);
        }
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
    fn the_kernels_addresses_parse() {
        let v4 = u32::from_ne_bytes([127, 0, 0, 1]);
        assert_eq!(
            parse_address(&format!("{v4:08X}:1F90")),
            Some("127.0.0.1:8080".parse().unwrap())
        );
        let one = u32::from_ne_bytes([0, 0, 0, 1]);
        assert_eq!(
            parse_address(&format!("000000000000000000000000{one:08X}:0050")),
            Some("[::1]:80".parse().unwrap())
        );
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
    fn a_wildcard_covers_its_family() {
        let any4 = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        let any6 = IpAddr::V6(Ipv6Addr::UNSPECIFIED);
        let lo4 = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let lo6 = IpAddr::V6(Ipv6Addr::LOCALHOST);
        assert!(covers(any4, lo4) && covers(any6, lo6) && covers(any6, lo4));
        assert!(!covers(any4, lo6) && !covers(lo4, "127.0.0.2".parse().unwrap()));
    }
}
