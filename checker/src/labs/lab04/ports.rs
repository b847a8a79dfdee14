//! The checker's ports: the scanned host's open and filtered ports,
//! each test's window of ports kept from the other tests of this process,
//! and listeners that count the connections they get.

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::Mutex;
use std::time::Duration;

use socket2::{Domain, Protocol, Socket, Type};

use super::REGION;
use crate::harness::{Ctx, Failure, sandbox};
use crate::t;

/// Ports the checker holds for one test: listening ones (open), listening
/// ones with a full queue (filtered), and the connections that fill them.
#[derive(Default)]
pub(crate) struct Ports {
    listeners: Vec<TcpListener>,
    sockets: Vec<Socket>,
    fillers: Vec<TcpStream>,
    pub(crate) open: BTreeSet<u16>,
    pub(crate) filtered: BTreeSet<u16>,
    /// The window of ports the test scans, kept from the other tests of
    /// this process while the test runs (never read: dropping it gives
    /// the window back).
    _window: Option<Reservation>,
}

/// The windows of ports that tests running in this checker hold. The kit
/// grades dozens of scanners at once in one process, every test of a lab
/// with the same seed; two tests whose windows overlap would see each
/// other's listeners as ports "reported open where nothing listened"
/// whenever the other test's came and went between two looks at the
/// kernel's table. Other processes' ports are still told apart by that
/// table.
static RESERVED: Mutex<Vec<(u16, u16)>> = Mutex::new(Vec::new());

/// Ports `first..first + len`, while it lives.
pub(super) struct Reservation {
    first: u16,
    len: u16,
}

impl Reservation {
    /// None if another test of this process holds a port of the window.
    pub(super) fn take(first: u16, len: u16) -> Option<Reservation> {
        let mut reserved = RESERVED.lock().unwrap_or_else(|p| p.into_inner());
        let end = first as u32 + len as u32;
        let overlaps = reserved
            .iter()
            .any(|&(f, l)| (first as u32) < f as u32 + l as u32 && (f as u32) < end);
        if overlaps {
            return None;
        }
        reserved.push((first, len));
        Some(Reservation { first, len })
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        let mut reserved = RESERVED.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = reserved
            .iter()
            .position(|&window| window == (self.first, self.len))
        {
            reserved.swap_remove(at);
        }
    }
}

impl Ports {
    /// Listens on `ip:port`; false if the port is taken.
    pub(crate) fn listen_open(&mut self, ip: IpAddr, port: u16) -> bool {
        match TcpListener::bind((ip, port)) {
            Ok(listener) => {
                self.listeners.push(listener);
                self.open.insert(port);
                true
            }
            Err(_) => false,
        }
    }

    /// Listens on `ip:port` with an accept queue of one and fills it with
    /// a connection nobody accepts: Linux then drops every new SYN to the
    /// port, and a connect() gets no answer at all. False if taken.
    pub(crate) fn listen_filtered(&mut self, ip: IpAddr, port: u16) -> Result<bool, Failure> {
        let addr = SocketAddr::new(ip, port);
        let Ok(socket) = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))
        else {
            return Err(Failure::checker(t!(
                "lab04-no-socket",
                "cannot make a socket (open file limit?)"
            )));
        };
        if socket.bind(&addr.into()).is_err() || socket.listen(0).is_err() {
            return Ok(false);
        }
        // The queue may already be full (a scan of another test got there
        // first): the port is filtered either way.
        if let Ok(filler) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) {
            self.fillers.push(filler);
        }
        self.sockets.push(socket);
        self.filtered.insert(port);
        Ok(true)
    }
}

/// Takes a window of `len` ports in the test's region (`region` 0, 1, ...)
/// and sets it up with `plan`, which gets the window's first port and
/// returns false when a port it needs is taken. Then another window is
/// tried, anywhere in 10000-31999, chosen at random (not from the seed:
/// runs of the same seed at once, as in the kit's tests, would otherwise
/// keep choosing the same taken windows).
pub(super) fn window(
    ctx: &mut Ctx,
    region: u16,
    len: u16,
    mut plan: impl FnMut(&mut Ctx, &mut Ports, u16) -> Result<bool, Failure>,
) -> Result<(Ports, u16), Failure> {
    sandbox::raise_file_limit();
    let base = 10_000 + region * REGION;
    let mut first = base + ctx.rng().range(0, (REGION - len) as usize) as u16;
    let mut elsewhere = crate::harness::Rng::new(std::hash::BuildHasher::hash_one(
        &std::collections::hash_map::RandomState::new(),
        region,
    ));
    for _ in 0..100 {
        if let Some(window) = Reservation::take(first, len) {
            let mut ports = Ports {
                _window: Some(window),
                ..Ports::default()
            };
            if plan(ctx, &mut ports, first)? {
                return Ok((ports, first));
            }
        }
        first = elsewhere.range(10_000, 32_000 - len as usize) as u16;
    }
    Err(Failure::checker(t!(
        "lab04-no-free-ports",
        "could not find {len} free ports in 10000-31999: is something else using them all?",
        len = len
    )))
}

/// `count` distinct ports picked from `from..=to`.
pub(super) fn pick(ctx: &mut Ctx, from: u16, to: u16, count: usize) -> BTreeSet<u16> {
    let mut picked = BTreeSet::new();
    while picked.len() < count.min((to - from + 1) as usize) {
        picked.insert(ctx.rng().range(from as usize, to as usize + 1) as u16);
    }
    picked
}

/// Ports 32000-32767: above every window() (which ends below 32000) and
/// below Linux's ephemeral range (32768 and up), so no other test's scan
/// reaches them (the full-range scan aside: see quiet_ports_lock).
pub(super) const QUIET_PORTS: (u16, u16) = (32_000, 32_767);

/// Listeners that count the connections they get: a connection the
/// scanner opened and closed at once waits in the accept queue all the
/// same (a reset one too), so accepting after the scan counts them all.
#[derive(Default)]
pub(super) struct Counting {
    listeners: Vec<(SocketAddr, TcpListener)>,
}

impl Counting {
    /// Listens on `addr`; false if it is taken.
    pub(super) fn listen(&mut self, addr: SocketAddr) -> bool {
        match TcpListener::bind(addr).and_then(|l| l.set_nonblocking(true).map(|()| l)) {
            Ok(listener) => {
                self.listeners.push((addr, listener));
                true
            }
            Err(_) => false,
        }
    }

    /// How many connections each address got, accepting every one waiting.
    pub(super) fn connections(&self) -> Vec<(SocketAddr, usize)> {
        self.listeners
            .iter()
            .map(|(addr, listener)| {
                let mut count = 0;
                while listener.accept().is_ok() {
                    count += 1;
                }
                (*addr, count)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::sockets;
    use crate::labs::lab04::v4;

    #[test]
    fn a_window_is_one_tests_while_it_holds_it() {
        // Ports of their own (in 32000-32767, where no window() goes).
        let held = Reservation::take(32_100, 10).expect("free");
        assert!(Reservation::take(32_109, 5).is_none(), "overlaps the end");
        assert!(Reservation::take(32_095, 6).is_none(), "overlaps the start");
        let next = Reservation::take(32_110, 5).expect("adjacent is free");
        drop(held);
        assert!(Reservation::take(32_100, 10).is_some(), "given back");
        drop(next);
    }

    #[test]
    fn this_kernel_lists_our_listener_and_drops_syns_to_a_full_queue() {
        let mut ports = Ports::default();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !ports.listen_filtered(v4(), port).unwrap() {
            return; // taken in between
        }
        assert!(sockets::listening_ports().contains(&port));
        let addr = SocketAddr::new(v4(), port);
        let error = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
    }
}
