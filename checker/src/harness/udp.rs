//! The checker's UDP socket: datagrams sent and received with deadlines,
//! each one in the test's transcript.

use std::io::ErrorKind;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

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
        let mut buffer = vec![0u8; 65536];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || program.exit_status().is_some() {
                return None;
            }
            // Look at the program again every few milliseconds: a program
            // that died will never send.
            let _ = self
                .socket
                .set_read_timeout(Some(left.min(Duration::from_millis(20))));
            match self.socket.recv_from(&mut buffer) {
                Ok((size, from)) => {
                    let datagram = buffer[..size].to_vec();
                    self.transcript
                        .received(&format!("{}←{}", self.name, from.port()), &datagram);
                    return Some((datagram, from));
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                // ICMP errors from an earlier sendto, and interruptions.
                Err(_) => continue,
            }
        }
    }
}
