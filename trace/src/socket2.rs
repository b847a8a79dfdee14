//! socket2's `Socket`, narrated: lab 00 makes its listening socket one
//! system call at a time, and each call prints as it happens. Import from
//! here what you would import from `socket2`.

pub use ::socket2::*;

use std::io;
use std::ops::Deref;

use crate::{enabled, net, say};

/// A socket not yet listening or connected: `socket2::Socket`, narrated.
#[derive(Debug)]
pub struct Socket {
    inner: ::socket2::Socket,
}

/// `→ error: Address already in use (os error 98)` after a failed call.
fn outcome(result: &io::Result<()>) -> String {
    match result {
        Ok(()) => String::new(),
        Err(e) => format!(" → error: {e}"),
    }
}

impl Socket {
    /// socket(domain, type, protocol).
    pub fn new(domain: Domain, kind: Type, protocol: Option<Protocol>) -> io::Result<Socket> {
        let result = ::socket2::Socket::new(domain, kind, protocol);
        if enabled() {
            let protocol = protocol.map(|p| format!(", {p:?}")).unwrap_or_default();
            match &result {
                Ok(_) => say(None, format_args!("socket({domain:?}, {kind:?}{protocol})")),
                Err(e) => say(
                    None,
                    format_args!("socket({domain:?}, {kind:?}{protocol}) → error: {e}"),
                ),
            }
        }
        result.map(|inner| Socket { inner })
    }

    /// setsockopt(SO_REUSEADDR).
    pub fn set_reuse_address(&self, reuse: bool) -> io::Result<()> {
        let result = self.inner.set_reuse_address(reuse);
        if enabled() {
            let outcome = outcome(&result);
            say(
                None,
                format_args!("setsockopt(SO_REUSEADDR, {}){outcome}", reuse as u8),
            );
        }
        result
    }

    /// bind(address).
    pub fn bind(&self, addr: &SockAddr) -> io::Result<()> {
        let result = self.inner.bind(addr);
        if enabled() {
            let outcome = outcome(&result);
            let local = self.inner.local_addr().map(|local| local.as_socket());
            match (addr.as_socket(), local) {
                // With port 0 the kernel picks one: say which.
                (Some(asked), Ok(Some(got))) if asked.port() == 0 && result.is_ok() => {
                    say(None, format_args!("bind({asked}) → {got}"))
                }
                (Some(asked), _) => say(None, format_args!("bind({asked}){outcome}")),
                (None, _) => say(None, format_args!("bind({addr:?}){outcome}")),
            }
        }
        result
    }

    /// listen(backlog).
    pub fn listen(&self, backlog: i32) -> io::Result<()> {
        let result = self.inner.listen(backlog);
        if enabled() {
            say(None, format_args!("listen({backlog}){}", outcome(&result)));
        }
        result
    }
}

impl Deref for Socket {
    type Target = ::socket2::Socket;
    fn deref(&self) -> &::socket2::Socket {
        &self.inner
    }
}

/// A listening socket becomes the standard library's kind, narrated.
impl From<Socket> for net::TcpListener {
    fn from(socket: Socket) -> net::TcpListener {
        std::net::TcpListener::from(socket.inner).into()
    }
}

#[cfg(unix)]
impl std::os::fd::AsFd for Socket {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        self.inner.as_fd()
    }
}
