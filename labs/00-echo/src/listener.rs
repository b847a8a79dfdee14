//! The listening socket, made one system call at a time with socket2, so
//! that each step of the diagram is a line you can point at. Later labs do
//! all of this with one call: `TcpListener::bind(addr)`.

use std::io;

// std::net's and socket2's types, which also print each call they make
// with --trace.
use socklab_trace::net::{SocketAddr, TcpListener};
use socklab_trace::socket2::{Domain, Protocol, Socket, Type};

// ANCHOR: open_listener
/// How many finished handshakes the kernel may queue for us while we are
/// busy with another client. They wait there until accept() takes them.
pub const BACKLOG: i32 = 128;

/// socket(), setsockopt(SO_REUSEADDR), bind(), listen(): a socket that
/// accepts connections on `addr`.
pub fn open_listener(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = create_socket(addr)?;
    allow_address_reuse(&socket)?;
    bind(&socket, addr)?;
    listen(&socket)?;
    // From here on the standard library's type is easier to use.
    Ok(socket.into())
}
// ANCHOR_END: open_listener

/// socket(): a new TCP socket of the right family for `addr` (IPv4 or IPv6).
/// It is not yet tied to any address.
pub fn create_socket(addr: SocketAddr) -> io::Result<Socket> {
    // The family must match `addr`'s: an IPv4 socket can't bind an IPv6
    // address, nor the other way round.
    todo!("create_socket(): socket()")
}

/// setsockopt(SO_REUSEADDR): let bind() take a port that still has old
/// connections in TIME_WAIT, so a restarted server can listen again at
/// once. It does not let two servers listen on the same port.
pub fn allow_address_reuse(socket: &Socket) -> io::Result<()> {
    todo!("allow_address_reuse(): setsockopt(SO_REUSEADDR)")
}

/// bind(): tie the socket to a local address and port. This is where
/// "address already in use" and "permission denied" (ports below 1024)
/// come from.
pub fn bind(socket: &Socket, addr: SocketAddr) -> io::Result<()> {
    // Return the error, don't unwrap it: main.rs explains it to the user,
    // and that message is this lab's second half.
    todo!("bind(): bind()")
}

/// listen(): turn the socket into a listening one. From now on the kernel
/// completes handshakes with clients by itself and queues them.
pub fn listen(socket: &Socket) -> io::Result<()> {
    todo!("listen(): listen()")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, TcpStream};

    fn loopback() -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0))
    }

    #[test]
    fn a_listener_on_port_0_gets_a_real_port_and_accepts() {
        let listener = open_listener(loopback()).unwrap();
        let addr = listener.local_addr().unwrap();
        assert_ne!(addr.port(), 0);
        let _client = TcpStream::connect(addr).unwrap();
        listener.accept().unwrap();
    }

    #[test]
    fn a_port_in_use_is_an_error_not_a_panic() {
        let first = open_listener(loopback()).unwrap();
        let taken = first.local_addr().unwrap();
        let error = open_listener(taken).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AddrInUse);
    }
}
