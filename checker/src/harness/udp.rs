//! The checker's UDP socket: datagrams sent and received with deadlines,
//! each one in the test's transcript.

use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant, SystemTime};

use super::cpu::Stretched;
use super::transcript::Transcript;
use super::{Failure, Program};

/// A UDP socket of the checker's, on a loopback address.
pub struct Udp {
    name: String,
    socket: UdpSocket,
    transcript: Transcript,
}

impl Udp {
    pub(crate) fn bind(
        addr: SocketAddr,
        name: String,
        transcript: Transcript,
    ) -> Result<Udp, Failure> {
        let socket = UdpSocket::bind(addr)
            .map_err(|e| Failure::checker(format!("could not bind UDP on {addr}: {e}")))?;
        stamps_on(&socket);
        Ok(Udp {
            name,
            socket,
            transcript,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.socket
            .local_addr()
            .expect("a bound socket has an address")
    }

    /// Sends one datagram to `to`.
    pub fn send_to(&self, bytes: &[u8], to: SocketAddr) -> Result<(), Failure> {
        self.transcript
            .sent(&format!("{}→{}", self.name, to.port()), bytes);
        self.socket
            .send_to(bytes, to)
            .map(|_| ())
            .map_err(|e| Failure::checker(format!("sendto {to}: {e}")))
    }

    /// The next datagram and its sender, or `None` at the deadline, or as
    /// soon as `program` (the one expected to send) has exited.
    pub fn recv(&self, deadline: Instant, program: &Program) -> Option<(Vec<u8>, SocketAddr)> {
        self.recv_stamped(deadline, program)
            .map(|(datagram, from, _)| (datagram, from))
    }

    /// [`Udp::recv`], and when the datagram arrived: the kernel's time
    /// stamp, taken as the sender's send() handed it over (on loopback),
    /// however late the checker's thread reads it. `None` when the kernel
    /// had none to give (it turns stamping on for the machine a moment after
    /// a socket asks, from a worker thread a loaded machine may run late).
    pub fn recv_stamped(
        &self,
        deadline: Instant,
        program: &Program,
    ) -> Option<(Vec<u8>, SocketAddr, Option<SystemTime>)> {
        let mut buffer = vec![0u8; 65536];
        // A client the loaded machine runs late has not stopped sending:
        // the deadline moves on while it waits for a CPU.
        let mut deadline = Stretched::new(deadline, program.waiters());
        deadline.waiting();
        loop {
            let left = if deadline.passed() {
                Duration::ZERO
            } else {
                deadline.left()
            };
            // At the deadline, or once the program has exited (it will never
            // send again), only what is already queued is still taken: a
            // loaded machine can run a program to its end before the
            // checker reads what it sent.
            let done = left.is_zero() || program.exit_status().is_some();
            // Look at the program again every few milliseconds: a program
            // that died will never send.
            let wait = if done {
                Duration::from_millis(1)
            } else {
                left.min(Duration::from_millis(20))
            };
            let _ = self.socket.set_read_timeout(Some(wait));
            match self.socket.recv_from(&mut buffer) {
                Ok((size, from)) => {
                    let read = SystemTime::now();
                    // Without a stamp of its own, the kernel gives the time
                    // it was asked.
                    let arrived = arrival(&self.socket).filter(|&at| at < read);
                    let datagram = buffer[..size].to_vec();
                    self.transcript
                        .received(&format!("{}←{}", self.name, from.port()), &datagram);
                    return Some((datagram, from, arrived));
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    if done {
                        return None;
                    }
                }
                // ICMP errors from an earlier sendto, and interruptions.
                Err(_) if done => return None,
                Err(_) => continue,
            }
        }
    }
}

/// Turns on the kernel's time stamps of the datagrams `socket` receives,
/// and waits until they are on. The first SIOCGSTAMPNS asks for them, but
/// the kernel turns stamping on for the machine a moment later, from a
/// worker thread a loaded machine may run late: a client's first datagram
/// would then come unstamped, and a test that needs its stamp could judge
/// less than it should (a client that asked again too late once passed
/// that way). The socket sends itself a datagram until one comes stamped,
/// for up to a few seconds; where the kernel never stamps, tests judge
/// without stamps, as they say.
fn stamps_on(socket: &UdpSocket) {
    const AT_MOST: Duration = Duration::from_secs(5);
    // Before any datagram the kernel says "no stamp yet" (ENOENT); any
    // other error: it keeps no stamps here, and waiting would not help.
    if let Err(e) = ask_stamp(socket) {
        if e.raw_os_error() != Some(libc::ENOENT) {
            return;
        }
    }
    let (Ok(itself), Ok(())) = (
        socket.local_addr(),
        socket.set_read_timeout(Some(Duration::from_millis(100))),
    ) else {
        return;
    };
    let give_up = Instant::now() + AT_MOST;
    let mut buffer = [0u8; 16];
    while Instant::now() < give_up {
        let sent = SystemTime::now();
        if socket.send_to(b"stamp?", itself).is_err() {
            return;
        }
        if socket.recv_from(&mut buffer).is_err() {
            continue;
        }
        let read = SystemTime::now();
        // Without a stamp of the datagram's own, the kernel gives the time
        // it was asked: later than `read`.
        if arrival(socket).is_some_and(|at| sent <= at && at < read) {
            return;
        }
        // Not an event one can wait for: the kernel's worker runs when it
        // gets a CPU.
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The kernel's time stamp of the last datagram the socket received
/// (SIOCGSTAMPNS), on the real-time clock.
fn arrival(socket: &UdpSocket) -> Option<SystemTime> {
    ask_stamp(socket).ok().flatten()
}

/// SIOCGSTAMPNS: the stamp (`None` if zero), or the ioctl's error.
fn ask_stamp(socket: &UdpSocket) -> std::io::Result<Option<SystemTime>> {
    /// SIOCGSTAMPNS from linux/sockios.h (the libc crate lacks it).
    const SIOCGSTAMPNS: libc::c_ulong = 0x8907;
    let mut stamp = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: the ioctl writes one timespec into the one given.
    let asked = unsafe {
        libc::ioctl(
            std::os::fd::AsRawFd::as_raw_fd(socket),
            SIOCGSTAMPNS as _,
            &mut stamp,
        )
    };
    if asked != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok((stamp.tv_sec > 0)
        .then(|| SystemTime::UNIX_EPOCH + Duration::new(stamp.tv_sec as u64, stamp.tv_nsec as u32)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// However late the kernel turns stamping on, the first datagram a new
    /// socket receives comes with the kernel's stamp of when it was sent.
    #[test]
    fn the_first_datagram_comes_stamped() {
        for _ in 0..20 {
            let udp = Udp::bind(
                "127.0.0.1:0".parse().unwrap(),
                "udp".into(),
                Transcript::new(Instant::now()),
            )
            .unwrap();
            let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
            let sent = SystemTime::now();
            sender.send_to(b"TIME\n", udp.addr()).unwrap();
            let mut buffer = [0u8; 16];
            udp.socket.recv_from(&mut buffer).unwrap();
            let read = SystemTime::now();
            let at = arrival(&udp.socket).expect("a stamp");
            assert!(sent <= at && at < read, "{sent:?} {at:?} {read:?}");
        }
    }
}
