//! One port: try to connect, and say what the answer means.

use std::io;
use std::time::Duration;

// std::net's types, which also print each call they make with --trace.
use socklab_trace::net::{SocketAddr, TcpStream};

// ANCHOR: state
/// What one port turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortState {
    /// The handshake completed: a program is listening there.
    Open,
    /// The host answered the SYN with a RST: nothing listens there.
    Closed,
    /// No answer before the timeout (or a router said "unreachable"):
    /// a firewall, or a listener too busy to take the connection.
    Filtered,
}
// ANCHOR_END: state

/// Probes one port with a TCP connect: the three-way handshake, and then
/// close() at once. Errors that say nothing about the port (no file
/// descriptors left, say) are returned: the scan can't go on.
pub fn probe(addr: SocketAddr, timeout: Duration) -> io::Result<PortState> {
    // A plain connect() to a port that drops SYNs waits for the kernel to
    // give up: over two minutes on Linux. The socket is closed as soon as
    // the answer is known.
    todo!("probe(): connect with a timeout")
}

/// A connection whose local address is its peer address: the socket has
/// connected to itself. Linux picks the local port of a connect() from its
/// ephemeral range (/proc/sys/net/ipv4/ip_local_port_range); if nothing
/// listens on port P and the kernel happens to pick P as the local port of
/// a connect to the same address and P, the SYN arrives at the sending
/// socket itself and TCP's "simultaneous open" completes the handshake.
/// No program is listening there, and the port must not be called open.
/// (The kernel never picks a port somebody listens on, so the port is
/// closed.)
pub fn is_self_connect(stream: &TcpStream) -> io::Result<bool> {
    todo!("is_self_connect(): local address = peer address")
}

/// What a failed connect() says about the port.
pub fn classify(error: io::Error) -> io::Result<PortState> {
    // Only an answer about the port is a PortState; anything else (no file
    // descriptors left, say) is an error the scan can't go on after.
    todo!("classify(): what a failed connect says about the port")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, TcpListener};

    const TIMEOUT: Duration = Duration::from_secs(2);

    #[test]
    fn a_listening_port_is_open() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        assert_eq!(probe(addr, TIMEOUT).unwrap(), PortState::Open);
    }

    #[test]
    fn a_port_nobody_listens_on_is_closed() {
        // A free port: bound, then closed again.
        let addr = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap();
        assert_eq!(probe(addr, TIMEOUT).unwrap(), PortState::Closed);
    }

    #[test]
    fn errors_are_classified() {
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(classify(refused).unwrap(), PortState::Closed);
        let timed_out = io::Error::from(io::ErrorKind::TimedOut);
        assert_eq!(classify(timed_out).unwrap(), PortState::Filtered);
        let no_files = io::Error::from_raw_os_error(24); // EMFILE
        assert!(classify(no_files).is_err());
    }
}
