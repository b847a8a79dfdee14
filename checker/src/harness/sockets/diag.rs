//! NETLINK_SOCK_DIAG: a dump of the TCP sockets in one state, asked of
//! the kernel as `ss` asks it (only the sockets in that state, however
//! many connections the machine has), or one socket looked up by its
//! addresses.

use std::collections::BTreeSet;
use std::io;
use std::net::{IpAddr, SocketAddr};

const SOCK_DIAG_BY_FAMILY: u16 = 20;
const TCP_SYN_SENT: u32 = 2;
const TCP_LISTEN: u32 = 10;
const HEADER: usize = 16; // struct nlmsghdr

/// struct inet_diag_req_v2, after its nlmsghdr.
#[repr(C)]
struct Request {
    len: u32,
    kind: u16,
    flags: u16,
    seq: u32,
    pid: u32,
    family: u8,
    protocol: u8,
    ext: u8,
    pad: u8,
    states: u32,
    id: [u8; 48], // struct inet_diag_sockid, zero: every socket
}

/// The local ports of the listening sockets of `family`.
pub fn listening(family: u8, ports: &mut BTreeSet<u16>) -> io::Result<()> {
    // inet_diag_msg: family, state, timer, retrans, then the sockid,
    // whose first field is the local port in network byte order.
    each(family, TCP_LISTEN, |body| {
        ports.insert(u16::from_be_bytes([body[4], body[5]]));
    })
}

/// (remote port, inode) of each socket of `family` whose connect() is
/// in progress: it has sent a SYN and has no answer yet.
pub fn connecting(family: u8, sockets: &mut Vec<(u16, u32)>) -> io::Result<()> {
    // The sockid's second field is the remote port; the inode follows
    // the sockid (48 bytes) and four u32s (expires, rqueue, wqueue, uid).
    each(family, TCP_SYN_SENT, |body| {
        if body.len() >= 72 {
            let port = u16::from_be_bytes([body[6], body[7]]);
            let inode = u32::from_ne_bytes(body[68..72].try_into().unwrap());
            sockets.push((port, inode));
        }
    })
}

/// The TCP socket `local` → `remote`, looked up by its addresses as the
/// kernel looks up a packet's socket (not a dump: as fast with a hundred
/// thousand connections as with ten): its (state, bytes received and not
/// read, bytes sent and not acknowledged); `None` if there is none.
pub fn one(local: SocketAddr, remote: SocketAddr) -> io::Result<Option<(u8, u32, u32)>> {
    // struct inet_diag_sockid: ports (network order), the addresses
    // (an IPv4 one in the first 4 of 16 bytes), the interface, and the
    // cookie, all ones: "any".
    let mut id = [0u8; 48];
    id[0..2].copy_from_slice(&local.port().to_be_bytes());
    id[2..4].copy_from_slice(&remote.port().to_be_bytes());
    for (at, ip) in [(4, local.ip()), (20, remote.ip())] {
        match ip {
            IpAddr::V4(v4) => id[at..at + 4].copy_from_slice(&v4.octets()),
            IpAddr::V6(v6) => id[at..at + 16].copy_from_slice(&v6.octets()),
        }
    }
    id[40..48].fill(0xff);
    let family = if local.is_ipv4() {
        libc::AF_INET
    } else {
        libc::AF_INET6
    } as u8;
    let mut found = None;
    let mut request = request(family, 0, id);
    request.flags = libc::NLM_F_REQUEST as u16;
    let asked = with_socket(|fd| {
        // SAFETY: the socket of with_socket, our request.
        unsafe {
            ask(fd, &request, |body| {
                // inet_diag_msg: family, state, timer, retrans, the sockid
                // (48 bytes), expires, rqueue, wqueue.
                if body.len() >= 64 {
                    let word = |at: usize| u32::from_ne_bytes(body[at..at + 4].try_into().unwrap());
                    found = Some((body[1], word(56), word(60)));
                }
            })
        }
    });
    match asked {
        Ok(()) => Ok(found),
        // No such socket: the kernel answers ENOENT.
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Calls `visit` with the inet_diag_msg of each socket in `state`.
fn each(family: u8, state: u32, visit: impl FnMut(&[u8])) -> io::Result<()> {
    let request = request(family, 1 << state, [0; 48]);
    // SAFETY: the socket of with_socket, our request.
    with_socket(|fd| unsafe { ask(fd, &request, visit) })
}

/// A dump of the sockets of `family` in `states` (a bit each), or with
/// `flags` changed, the one socket `id` names.
fn request(family: u8, states: u32, id: [u8; 48]) -> Request {
    Request {
        len: std::mem::size_of::<Request>() as u32,
        kind: SOCK_DIAG_BY_FAMILY,
        flags: (libc::NLM_F_REQUEST | libc::NLM_F_DUMP) as u16,
        seq: 1,
        pid: 0,
        family,
        protocol: libc::IPPROTO_TCP as u8,
        ext: 0,
        pad: 0,
        states,
        id,
    }
}

/// Calls `with` with a NETLINK_SOCK_DIAG socket, closed after.
fn with_socket(with: impl FnOnce(i32) -> io::Result<()>) -> io::Result<()> {
    // SAFETY: a socket of our own, closed once.
    unsafe {
        let fd = libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
            libc::NETLINK_SOCK_DIAG,
        );
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let result = with(fd);
        libc::close(fd);
        result
    }
}

/// Sends `request` and calls `visit` with each inet_diag_msg of the
/// answer, until its end: NLMSG_DONE after a dump, the one message of a
/// lookup.
unsafe fn ask(fd: i32, request: &Request, mut visit: impl FnMut(&[u8])) -> io::Result<()> {
    let lookup = request.flags & libc::NLM_F_DUMP as u16 == 0;
    // SAFETY: the caller's socket; the request lives across the call.
    let sent = unsafe {
        let mut kernel: libc::sockaddr_nl = std::mem::zeroed();
        kernel.nl_family = libc::AF_NETLINK as u16;
        libc::sendto(
            fd,
            (request as *const Request).cast(),
            request.len as usize,
            0,
            (&kernel as *const libc::sockaddr_nl).cast(),
            std::mem::size_of::<libc::sockaddr_nl>() as u32,
        )
    };
    if sent < 0 {
        return Err(io::Error::last_os_error());
    }
    let mut buffer = vec![0u8; 64 << 10];
    loop {
        // SAFETY: reads into our buffer, at most its length.
        let n = unsafe { libc::recv(fd, buffer.as_mut_ptr().cast(), buffer.len(), 0) };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut rest = &buffer[..n as usize];
        while rest.len() >= HEADER {
            let len = u32::from_ne_bytes(rest[0..4].try_into().unwrap()) as usize;
            let kind = u16::from_ne_bytes(rest[4..6].try_into().unwrap());
            if len < HEADER || len > rest.len() {
                return Err(io::Error::other("a truncated netlink message"));
            }
            match kind {
                k if k == libc::NLMSG_DONE as u16 => return Ok(()),
                k if k == libc::NLMSG_ERROR as u16 => {
                    // struct nlmsgerr: a negative errno first.
                    let errno = rest
                        .get(HEADER..HEADER + 4)
                        .map_or(0, |e| i32::from_ne_bytes(e.try_into().unwrap()));
                    return Err(if errno < 0 {
                        io::Error::from_raw_os_error(-errno)
                    } else {
                        io::Error::other("sock_diag refused the request")
                    });
                }
                SOCK_DIAG_BY_FAMILY if len >= HEADER + 8 => {
                    visit(&rest[HEADER..len]);
                    if lookup {
                        return Ok(());
                    }
                }
                _ => {}
            }
            // Messages are aligned to 4 bytes.
            let step = (len + 3) & !3;
            rest = &rest[step.min(rest.len())..];
        }
    }
}
