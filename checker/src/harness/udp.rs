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
        // The first SIOCGSTAMPNS turns on the kernel's time stamps of the
        // datagrams this socket receives (it has none to give yet).
        let _ = arrival(&socket);
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

/// The kernel's time stamp of the last datagram the socket received
/// (SIOCGSTAMPNS), on the real-time clock.
fn arrival(socket: &UdpSocket) -> Option<SystemTime> {
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
    (asked == 0 && stamp.tv_sec > 0)
        .then(|| SystemTime::UNIX_EPOCH + Duration::new(stamp.tv_sec as u64, stamp.tv_nsec as u32))
}
