//! `std::net`, with `TcpListener`, `TcpStream` and `UdpSocket` that
//! narrate their calls when tracing is on. Import from here what you would
//! import from `std::net`: the other items are the standard library's own.

pub use std::net::*;

use std::fmt;
use std::io::{self, Read, Write};
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use crate::{Bytes, Data, enabled, say};

/// The family name socket() is given for an address.
fn family(addr: &SocketAddr) -> &'static str {
    match addr {
        SocketAddr::V4(_) => "AF_INET",
        SocketAddr::V6(_) => "AF_INET6",
    }
}

/// `bind(127.0.0.1:0) → 127.0.0.1:40211`: with port 0 the kernel picks.
fn bound(asked: SocketAddr, got: io::Result<SocketAddr>) -> String {
    match got {
        Ok(got) if asked.port() == 0 => format!("bind({asked}) → {got}"),
        _ => format!("bind({asked})"),
    }
}

/// What a failed call said: `error: Connection refused (os error 111)`.
/// A timeout (SO_RCVTIMEO, SO_SNDTIMEO) shows as EAGAIN on Linux.
fn failure(error: &io::Error, timeout: Option<Duration>) -> String {
    match (error.kind(), timeout) {
        (io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut, Some(timeout)) => {
            format!("timed out after {timeout:?}")
        }
        _ => format!("error: {error}"),
    }
}

/// `→ 6 bytes "Hello\n"`, `→ 0 bytes (end of stream)`, `→ error: ...`.
fn received(result: &io::Result<usize>, buffer: &[u8], timeout: Option<Duration>) -> String {
    match result {
        Ok(0) => "0 bytes (end of stream)".to_string(),
        Ok(n) => format!("{} {}", Bytes(*n), Data(&buffer[..*n])),
        Err(e) => failure(e, timeout),
    }
}

/// `→ 4 bytes "TIME"`: one datagram, which may be empty (that is no end of
/// anything in UDP).
fn datagram(result: &io::Result<usize>, buffer: &[u8], timeout: Option<Duration>) -> String {
    match result {
        Ok(n) => format!("{} {}", Bytes(*n), Data(&buffer[..*n])),
        Err(e) => failure(e, timeout),
    }
}

/// `send(18 bytes "Hello from server\n")`, and what came of it when the
/// kernel took only part of it, or none.
fn sent(call: &str, result: &io::Result<usize>, data: &[u8], timeout: Option<Duration>) -> String {
    let call = format!("{call}({} {})", Bytes(data.len()), Data(data));
    match result {
        Ok(n) if *n == data.len() => call,
        Ok(n) => format!("{call} → {} taken", Bytes(*n)),
        Err(e) => format!("{call} → {}", failure(e, timeout)),
    }
}

/// The standard library's error when an address resolves to nothing.
const NO_ADDRESS: &str = "could not resolve to any addresses";

/// A listening socket: `std::net::TcpListener`, narrated.
#[derive(Debug)]
pub struct TcpListener {
    inner: std::net::TcpListener,
}

impl TcpListener {
    /// socket(), setsockopt(SO_REUSEADDR), bind(), listen(128): what the
    /// standard library's `TcpListener::bind` does on Linux.
    pub fn bind<A: ToSocketAddrs>(addr: A) -> io::Result<TcpListener> {
        if !enabled() {
            return std::net::TcpListener::bind(addr).map(TcpListener::from);
        }
        let mut last = None;
        for addr in addr.to_socket_addrs()? {
            let result = std::net::TcpListener::bind(addr);
            say(None, format_args!("socket({}, SOCK_STREAM)", family(&addr)));
            say(None, format_args!("setsockopt(SO_REUSEADDR, 1)"));
            match result {
                Ok(inner) => {
                    say(None, format_args!("{}", bound(addr, inner.local_addr())));
                    say(None, format_args!("listen(128)"));
                    return Ok(TcpListener { inner });
                }
                Err(e) => {
                    // Nearly always bind(): the port is taken, privileged,
                    // or the address is not this machine's.
                    say(None, format_args!("bind({addr}) → {}", failure(&e, None)));
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, NO_ADDRESS)))
    }

    /// accept(): the next connection, and who it is from.
    pub fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let result = self.inner.accept();
        if enabled() {
            match &result {
                Ok((_, peer)) => say(None, format_args!("accept() → {peer}")),
                Err(e) => say(None, format_args!("accept() → {}", failure(e, None))),
            }
        }
        let (stream, peer) = result?;
        Ok((TcpStream::with_peer(stream, peer), peer))
    }

    /// accept() in a loop: `for stream in listener.incoming()`.
    pub fn incoming(&self) -> Incoming<'_> {
        Incoming { listener: self }
    }

    /// A second handle to the same listening socket.
    pub fn try_clone(&self) -> io::Result<TcpListener> {
        self.inner.try_clone().map(TcpListener::from)
    }
}

impl From<std::net::TcpListener> for TcpListener {
    fn from(inner: std::net::TcpListener) -> TcpListener {
        TcpListener { inner }
    }
}

impl Deref for TcpListener {
    type Target = std::net::TcpListener;
    fn deref(&self) -> &std::net::TcpListener {
        &self.inner
    }
}

/// The connections of [`TcpListener::incoming`], accepted one by one.
#[derive(Debug)]
pub struct Incoming<'a> {
    listener: &'a TcpListener,
}

impl Iterator for Incoming<'_> {
    type Item = io::Result<TcpStream>;
    fn next(&mut self) -> Option<io::Result<TcpStream>> {
        Some(self.listener.accept().map(|(stream, _)| stream))
    }
}

/// A connection: `std::net::TcpStream`, narrated. Reading is recv() and
/// writing is send(); `try_clone` gives another handle to the same
/// connection, and close() is said when the last handle is dropped.
pub struct TcpStream {
    inner: std::net::TcpStream,
    /// Only when tracing: whom the lines name; shared by all handles.
    peer: Option<Arc<Peer>>,
}

/// The other end of a traced connection. When the last handle goes, the
/// socket is closed.
struct Peer(SocketAddr);

impl Drop for Peer {
    fn drop(&mut self) {
        say(Some(self.0), format_args!("close()"));
    }
}

impl TcpStream {
    fn with_peer(inner: std::net::TcpStream, peer: SocketAddr) -> TcpStream {
        let peer = enabled().then(|| Arc::new(Peer(peer)));
        TcpStream { inner, peer }
    }

    /// The peer this connection's lines name, when tracing.
    fn peer(&self) -> Option<SocketAddr> {
        self.peer.as_ref().map(|peer| peer.0)
    }

    /// socket() and connect(): the three-way handshake.
    pub fn connect<A: ToSocketAddrs>(addr: A) -> io::Result<TcpStream> {
        if !enabled() {
            return std::net::TcpStream::connect(addr).map(TcpStream::from);
        }
        let mut last = None;
        for addr in addr.to_socket_addrs()? {
            match traced_connect(addr, None) {
                Ok(stream) => return Ok(stream),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, NO_ADDRESS)))
    }

    /// socket() and connect(), giving up on the handshake after `timeout`.
    pub fn connect_timeout(addr: &SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
        if !enabled() {
            return std::net::TcpStream::connect_timeout(addr, timeout).map(TcpStream::from);
        }
        traced_connect(*addr, Some(timeout))
    }

    /// Another handle to the same connection (dup()): one to read through
    /// while another writes.
    pub fn try_clone(&self) -> io::Result<TcpStream> {
        Ok(TcpStream {
            inner: self.inner.try_clone()?,
            peer: self.peer.clone(),
        })
    }

    /// shutdown(SHUT_WR, SHUT_RD or SHUT_RDWR).
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        let result = self.inner.shutdown(how);
        if let Some(peer) = self.peer() {
            let how = match how {
                Shutdown::Read => "SHUT_RD",
                Shutdown::Write => "SHUT_WR",
                Shutdown::Both => "SHUT_RDWR",
            };
            match &result {
                Ok(()) => say(Some(peer), format_args!("shutdown({how})")),
                Err(e) => say(
                    Some(peer),
                    format_args!("shutdown({how}) → {}", failure(e, None)),
                ),
            }
        }
        result
    }

    /// send(..., MSG_DONTWAIT): as much of `data` as the socket's send
    /// buffer has room for right now, without waiting for the rest, or
    /// `WouldBlock` if it has none. Only this call doesn't wait: the socket
    /// stays blocking for every other call, and for every other thread.
    pub fn send_now(&self, data: &[u8]) -> io::Result<usize> {
        let result = socket2::SockRef::from(&self.inner).send_with_flags(data, libc::MSG_DONTWAIT);
        if let Some(peer) = self.peer() {
            let call = format!("send({} {}, MSG_DONTWAIT)", Bytes(data.len()), Data(data));
            match &result {
                Ok(n) if *n == data.len() => say(Some(peer), format_args!("{call}")),
                Ok(n) => say(Some(peer), format_args!("{call} → {} taken", Bytes(*n))),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    say(Some(peer), format_args!("{call} → no room (EAGAIN)"))
                }
                Err(e) => say(Some(peer), format_args!("{call} → {}", failure(e, None))),
            }
        }
        result
    }

    /// setsockopt(TCP_NODELAY): send small writes at once (no Nagle).
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        let result = self.inner.set_nodelay(nodelay);
        if let Some(peer) = self.peer() {
            say(
                Some(peer),
                format_args!("setsockopt(TCP_NODELAY, {})", nodelay as u8),
            );
        }
        result
    }
}

fn traced_connect(addr: SocketAddr, timeout: Option<Duration>) -> io::Result<TcpStream> {
    say(None, format_args!("socket({}, SOCK_STREAM)", family(&addr)));
    let result = match timeout {
        Some(timeout) => std::net::TcpStream::connect_timeout(&addr, timeout),
        None => std::net::TcpStream::connect(addr),
    };
    match &result {
        // The kernel picked our own port (an "ephemeral" one): the server's
        // accept() shows it.
        Ok(stream) => match stream.local_addr() {
            Ok(local) => say(None, format_args!("connect({addr}) → from {local}")),
            Err(_) => say(None, format_args!("connect({addr})")),
        },
        Err(e) => say(
            None,
            format_args!("connect({addr}) → {}", failure(e, timeout)),
        ),
    }
    Ok(TcpStream::with_peer(result?, addr))
}

impl From<std::net::TcpStream> for TcpStream {
    fn from(inner: std::net::TcpStream) -> TcpStream {
        match enabled().then(|| inner.peer_addr()) {
            Some(Ok(peer)) => TcpStream::with_peer(inner, peer),
            _ => TcpStream { inner, peer: None },
        }
    }
}

impl Deref for TcpStream {
    type Target = std::net::TcpStream;
    fn deref(&self) -> &std::net::TcpStream {
        &self.inner
    }
}

impl fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl Read for &TcpStream {
    /// recv(): whatever has arrived, from 1 byte to the whole buffer.
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let result = (&self.inner).read(buffer);
        if let Some(peer) = self.peer() {
            let timeout = self.inner.read_timeout().ok().flatten();
            let what = received(&result, buffer, timeout);
            say(Some(peer), format_args!("recv() → {what}"));
        }
        result
    }
}

impl Write for &TcpStream {
    /// send(): the kernel may take only part of it (write_all sends the rest).
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let result = (&self.inner).write(data);
        if let Some(peer) = self.peer() {
            let timeout = self.inner.write_timeout().ok().flatten();
            say(
                Some(peer),
                format_args!("{}", sent("send", &result, data, timeout)),
            );
        }
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        (&self.inner).flush()
    }
}

impl Read for TcpStream {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        (&*self).read(buffer)
    }
}

impl Write for TcpStream {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        (&*self).write(data)
    }

    fn flush(&mut self) -> io::Result<()> {
        (&*self).flush()
    }
}

/// A UDP socket: `std::net::UdpSocket`, narrated. No connections: each
/// datagram names its peer.
#[derive(Debug)]
pub struct UdpSocket {
    inner: std::net::UdpSocket,
    traced: bool,
}

impl UdpSocket {
    /// socket(SOCK_DGRAM) and bind().
    pub fn bind<A: ToSocketAddrs>(addr: A) -> io::Result<UdpSocket> {
        if !enabled() {
            return std::net::UdpSocket::bind(addr).map(|inner| UdpSocket {
                inner,
                traced: false,
            });
        }
        let mut last = None;
        for addr in addr.to_socket_addrs()? {
            say(None, format_args!("socket({}, SOCK_DGRAM)", family(&addr)));
            match std::net::UdpSocket::bind(addr) {
                Ok(inner) => {
                    say(None, format_args!("{}", bound(addr, inner.local_addr())));
                    return Ok(UdpSocket {
                        inner,
                        traced: true,
                    });
                }
                Err(e) => {
                    say(None, format_args!("bind({addr}) → {}", failure(&e, None)));
                    last = Some(e);
                }
            }
        }
        Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, NO_ADDRESS)))
    }

    /// The peer a connected socket's lines name.
    fn peer(&self) -> Option<SocketAddr> {
        self.inner.peer_addr().ok()
    }

    /// connect() on UDP sends nothing: it only fixes the peer, so that
    /// send() needs no address and recv() takes only its datagrams.
    pub fn connect<A: ToSocketAddrs>(&self, addr: A) -> io::Result<()> {
        let result = self.inner.connect(addr);
        if self.traced {
            match (&result, self.peer()) {
                (Ok(()), Some(peer)) => say(None, format_args!("connect({peer})")),
                (Ok(()), None) => say(None, format_args!("connect()")),
                (Err(e), _) => say(None, format_args!("connect() → {}", failure(e, None))),
            }
        }
        result
    }

    /// send() one datagram to the connected peer.
    pub fn send(&self, data: &[u8]) -> io::Result<usize> {
        let result = self.inner.send(data);
        if self.traced {
            let timeout = self.inner.write_timeout().ok().flatten();
            say(
                self.peer(),
                format_args!("{}", sent("send", &result, data, timeout)),
            );
        }
        result
    }

    /// recv() one datagram from the connected peer.
    pub fn recv(&self, buffer: &mut [u8]) -> io::Result<usize> {
        let result = self.inner.recv(buffer);
        if self.traced {
            let timeout = self.inner.read_timeout().ok().flatten();
            let what = datagram(&result, buffer, timeout);
            say(self.peer(), format_args!("recv() → {what}"));
        }
        result
    }

    /// sendto(): one datagram to `addr`.
    pub fn send_to<A: ToSocketAddrs>(&self, data: &[u8], addr: A) -> io::Result<usize> {
        if !self.traced {
            return self.inner.send_to(data, addr);
        }
        let Some(addr) = addr.to_socket_addrs()?.next() else {
            return self.inner.send_to(data, addr);
        };
        let result = self.inner.send_to(data, addr);
        let timeout = self.inner.write_timeout().ok().flatten();
        say(
            Some(addr),
            format_args!("{}", sent("sendto", &result, data, timeout)),
        );
        result
    }

    /// recvfrom(): the next datagram, and who sent it.
    pub fn recv_from(&self, buffer: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        let result = self.inner.recv_from(buffer);
        if self.traced {
            let timeout = self.inner.read_timeout().ok().flatten();
            match &result {
                Ok((n, peer)) => {
                    let what = datagram(&Ok(*n), buffer, timeout);
                    say(Some(*peer), format_args!("recvfrom() → {what}"));
                }
                Err(e) => say(None, format_args!("recvfrom() → {}", failure(e, timeout))),
            }
        }
        result
    }
}

impl Deref for UdpSocket {
    type Target = std::net::UdpSocket;
    fn deref(&self) -> &std::net::UdpSocket {
        &self.inner
    }
}

impl Drop for UdpSocket {
    fn drop(&mut self) {
        if self.traced {
            say(None, format_args!("close()"));
        }
    }
}

#[cfg(unix)]
mod fd {
    use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};

    use super::{TcpListener, TcpStream, UdpSocket};

    // So that socket2's SockRef::from(&stream) can set other options.
    macro_rules! fd {
        ($($type:ty),*) => {$(
            impl AsFd for $type {
                fn as_fd(&self) -> BorrowedFd<'_> {
                    self.inner.as_fd()
                }
            }
            impl AsRawFd for $type {
                fn as_raw_fd(&self) -> RawFd {
                    self.inner.as_raw_fd()
                }
            }
        )*};
    }
    fd!(TcpListener, TcpStream, UdpSocket);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_traced_exchange_works_like_the_standard_one() {
        // Tracing stays off here (the lines would go to the test's stderr):
        // the wrappers must behave the same either way.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(addr).unwrap();
        let (server, peer) = listener.accept().unwrap();
        assert_eq!(peer, client.local_addr().unwrap());
        client.write_all(b"ping\n").unwrap();
        client.shutdown(Shutdown::Write).unwrap();
        let mut got = String::new();
        server
            .try_clone()
            .unwrap()
            .read_to_string(&mut got)
            .unwrap();
        assert_eq!(got, "ping\n");
    }

    #[test]
    fn results_read_like_the_calls() {
        assert_eq!(received(&Ok(6), b"Hello\nxx", None), "6 bytes \"Hello\\n\"");
        assert_eq!(received(&Ok(0), b"", None), "0 bytes (end of stream)");
        assert_eq!(datagram(&Ok(0), b"", None), "0 bytes \"\"");
        let again = io::Error::from(io::ErrorKind::WouldBlock);
        let second = Some(Duration::from_secs(1));
        assert_eq!(received(&Err(again), b"", second), "timed out after 1s");
        assert_eq!(sent("send", &Ok(3), b"abc", None), "send(3 bytes \"abc\")");
        assert_eq!(
            sent("send", &Ok(1), b"abc", None),
            "send(3 bytes \"abc\") → 1 byte taken"
        );
        let asked: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let got: SocketAddr = "127.0.0.1:40211".parse().unwrap();
        assert_eq!(bound(asked, Ok(got)), "bind(127.0.0.1:0) → 127.0.0.1:40211");
        assert_eq!(bound(got, Ok(got)), "bind(127.0.0.1:40211)");
    }
}
