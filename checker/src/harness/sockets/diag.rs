//! NETLINK_SOCK_DIAG: a dump of the TCP sockets in one state, asked of
//! the kernel as `ss` asks it (only the sockets in that state, however
//! many connections the machine has).

use std::collections::BTreeSet;
use std::io;

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

/// Calls `visit` with the inet_diag_msg of each socket in `state`.
fn each(family: u8, state: u32, visit: impl FnMut(&[u8])) -> io::Result<()> {
    // SAFETY: a socket of our own, a request and a buffer of ours.
    unsafe {
        let fd = libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
            libc::NETLINK_SOCK_DIAG,
        );
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let result = dump(fd, family, state, visit);
        libc::close(fd);
        result
    }
}

unsafe fn dump(fd: i32, family: u8, state: u32, mut visit: impl FnMut(&[u8])) -> io::Result<()> {
    let request = Request {
        len: std::mem::size_of::<Request>() as u32,
        kind: SOCK_DIAG_BY_FAMILY,
        flags: (libc::NLM_F_REQUEST | libc::NLM_F_DUMP) as u16,
        seq: 1,
        pid: 0,
        family,
        protocol: libc::IPPROTO_TCP as u8,
        ext: 0,
        pad: 0,
        states: 1 << state,
        id: [0; 48],
    };
    // SAFETY: the caller's socket; the request lives across the call.
    let sent = unsafe {
        let mut kernel: libc::sockaddr_nl = std::mem::zeroed();
        kernel.nl_family = libc::AF_NETLINK as u16;
        libc::sendto(
            fd,
            (&request as *const Request).cast(),
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
                    return Err(io::Error::other("sock_diag refused the dump"));
                }
                SOCK_DIAG_BY_FAMILY if len >= HEADER + 8 => visit(&rest[HEADER..len]),
                _ => {}
            }
            // Messages are aligned to 4 bytes.
            let step = (len + 3) & !3;
            rest = &rest[step.min(rest.len())..];
        }
    }
}
