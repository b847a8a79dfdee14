//! A network namespace of a program's own: its own loopback, nothing else
//! listening, and an ephemeral port range the checker chooses. Used where
//! a test needs the kernel to behave in a way it otherwise does only by
//! chance (a TCP self-connect, lab 04), without touching the machine's own
//! network.
//!
//! Root enters a new network namespace directly; another user first makes
//! a user namespace of its own, where it is root (unprivileged user
//! namespaces: allowed by most Linux systems, refused by some containers
//! and hardened systems, where the test that needs this is skipped).

use std::io;

/// What the child sets up between fork and exec. Every text it writes is
/// formatted before the fork: the child only makes system calls.
#[derive(Debug, Clone, Copy)]
pub struct PrivateNetwork {
    /// `"low high\n"` for /proc/sys/net/ipv4/ip_local_port_range.
    range: [u8; 16],
    range_len: usize,
    /// `"0 <uid> 1\n"` and `"0 <gid> 1\n"` for the user namespace's maps.
    uid_map: [u8; 32],
    uid_map_len: usize,
    gid_map: [u8; 32],
    gid_map_len: usize,
}

fn text<const N: usize>(s: &str) -> ([u8; N], usize) {
    let mut buffer = [0u8; N];
    buffer[..s.len()].copy_from_slice(s.as_bytes());
    (buffer, s.len())
}

impl PrivateNetwork {
    /// A namespace whose ephemeral ports (the local ports of connect()s)
    /// are `low..=high`.
    pub fn with_ephemeral_ports(low: u16, high: u16) -> PrivateNetwork {
        // SAFETY: getuid and getgid have no preconditions.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        let (range, range_len) = text(&format!("{low} {high}\n"));
        let (uid_map, uid_map_len) = text(&format!("0 {uid} 1\n"));
        let (gid_map, gid_map_len) = text(&format!("0 {gid} 1\n"));
        PrivateNetwork {
            range,
            range_len,
            uid_map,
            uid_map_len,
            gid_map,
            gid_map_len,
        }
    }

    /// Whether this machine lets the checker make one: tried on a child
    /// that does nothing else (`true`).
    pub fn available() -> Result<(), String> {
        let network = PrivateNetwork::with_ephemeral_ports(40000, 40001);
        let mut command = std::process::Command::new("true");
        use std::os::unix::process::CommandExt;
        // SAFETY: enter() only makes system calls.
        unsafe {
            command.pre_exec(move || network.enter());
        }
        match command.status() {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("a test child ended with {status}")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Moves the calling process into a new network namespace with
    /// loopback up and the chosen ephemeral ports.
    ///
    /// # Safety
    /// For `pre_exec` (a child between fork and exec, one thread): only
    /// system calls.
    pub unsafe fn enter(&self) -> io::Result<()> {
        // SAFETY: unshare, open, write, close, socket and ioctl on memory
        // of our own.
        unsafe {
            if libc::unshare(libc::CLONE_NEWNET) != 0 {
                // The checker is not dumpable (sandbox::become_subreaper),
                // and so neither is this fork of it: the kernel then makes
                // its /proc/self files root's, and a user that is not root
                // can't write its own setgroups and maps (EACCES). Dumpable
                // for the set-up only; exec makes the program dumpable
                // anyway, and the exec follows at once.
                libc::prctl(libc::PR_SET_DUMPABLE, 1, 0, 0, 0);
                let made = user_namespace(self);
                libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
                made?;
            }
            loopback_up()?;
            write(
                c"/proc/sys/net/ipv4/ip_local_port_range",
                &self.range[..self.range_len],
            )
        }
    }
}

/// A user namespace of the caller's own, where it is root (with the
/// user and group it has outside), so that it may make a network one.
///
/// # Safety
/// As [`PrivateNetwork::enter`].
unsafe fn user_namespace(network: &PrivateNetwork) -> io::Result<()> {
    // SAFETY: unshare, and writes of buffers of ours.
    unsafe {
        if libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET) != 0 {
            return Err(io::Error::last_os_error());
        }
        write(c"/proc/self/setgroups", b"deny")?;
        write(
            c"/proc/self/uid_map",
            &network.uid_map[..network.uid_map_len],
        )?;
        write(
            c"/proc/self/gid_map",
            &network.gid_map[..network.gid_map_len],
        )
    }
}

/// Writes `bytes` to the file at `path` (one write).
unsafe fn write(path: &std::ffi::CStr, bytes: &[u8]) -> io::Result<()> {
    // SAFETY: a NUL-terminated path and a buffer of ours.
    unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let written = libc::write(fd, bytes.as_ptr().cast(), bytes.len());
        let error = io::Error::last_os_error();
        libc::close(fd);
        if written != bytes.len() as isize {
            return Err(error);
        }
    }
    Ok(())
}

/// `ip link set lo up`: a new namespace's loopback starts down.
unsafe fn loopback_up() -> io::Result<()> {
    // SAFETY: an ifreq of our own for SIOCSIFFLAGS.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut request: libc::ifreq = std::mem::zeroed();
        for (to, from) in request.ifr_name.iter_mut().zip(b"lo\0") {
            *to = *from as libc::c_char;
        }
        request.ifr_ifru.ifru_flags = (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        let result = libc::ioctl(fd, libc::SIOCSIFFLAGS, &request);
        let error = io::Error::last_os_error();
        libc::close(fd);
        if result != 0 {
            return Err(error);
        }
    }
    Ok(())
}

/// The line after which [`super::Ctx::spawn_isolated_counted`] writes the TCP
/// counters on stderr.
pub const COUNTERS_FOLLOW: &str = "--- socklab: /proc/net/snmp of the namespace";

/// A TCP counter (`ActiveOpens`: connect()s begun) from what
/// [`super::Ctx::spawn_isolated_counted`] wrote on stderr, and stderr without
/// the counters. None if they are not there.
pub fn tcp_counter<'a>(stderr: &'a str, name: &str) -> Option<(u64, &'a str)> {
    let (before, counters) = stderr.rsplit_once(COUNTERS_FOLLOW)?;
    let mut tcp = counters.lines().filter(|l| l.starts_with("Tcp:"));
    let (names, values) = (tcp.next()?, tcp.next()?);
    let at = names.split_whitespace().position(|n| n == name)?;
    let value = values.split_whitespace().nth(at)?.parse().ok()?;
    Some((value, before.strip_suffix('\n').unwrap_or(before)))
}
