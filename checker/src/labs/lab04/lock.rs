//! The machine's lock on a scan of every port of loopback.

use std::time::{Duration, Instant};

/// Held while a scan of all of loopback runs: one at a time on the
/// machine. Two at once connect to each other: the SYN of one, from local
/// port S to port D, meets the SYN of the other, from D to S, and TCP's
/// simultaneous open connects the two; both then report a port open where
/// nothing listens. An flock(2) on a file at a path that is the same for
/// every checker on the machine (in the same network namespace), root or
/// not, whatever TMPDIR each has ([`SCAN_LOCK_DIRS`]); the kernel releases
/// it when its holder exits, however it exits.
pub(crate) struct FullScanLock(#[allow(dead_code)] Option<std::fs::File>);

/// Where the lock file goes: the first of these folders that exists.
/// Each is writable by everyone (sticky) where it exists, and none
/// depends on the environment. A file another user made there is opened
/// read-only: flock works on that too.
pub(super) const SCAN_LOCK_DIRS: [&str; 3] = ["/run/lock", "/dev/shm", "/tmp"];

/// One lock per network namespace: scans in two namespaces have two
/// loopbacks and can't meet (`net:[4026531840]` names this one).
pub(super) fn scan_lock_path() -> Option<std::path::PathBuf> {
    let namespace = std::fs::read_link("/proc/self/ns/net")
        .ok()
        .map(|link| {
            link.to_string_lossy()
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .unwrap_or_default();
    SCAN_LOCK_DIRS
        .iter()
        .map(std::path::Path::new)
        .find(|dir| dir.is_dir())
        .map(|dir| dir.join(format!("socklab-full-range-scan-{namespace}.lock")))
}

/// Waits for the machine's full-range lock; returns it and how long the
/// wait took. Without a lock file (a folder nobody may write), no lock.
pub(crate) fn full_scan_lock() -> (FullScanLock, Duration) {
    scan_lock(libc::LOCK_EX)
}

/// The same lock, shared: held by a test whose listeners must hear from
/// its own scanner alone (only-host). Such tests run at once with each
/// other, never during a scan of all ports, whose connects would reach
/// their listeners.
pub(super) fn quiet_ports_lock() -> (FullScanLock, Duration) {
    scan_lock(libc::LOCK_SH)
}

pub(super) fn scan_lock(mode: i32) -> (FullScanLock, Duration) {
    let started = Instant::now();
    let lock = lock_file(mode);
    (FullScanLock(lock), started.elapsed())
}

/// The lock file, locked with flock `mode` (LOCK_NB added: None if it is
/// held); None also where there is no lock file to be had.
pub(super) fn lock_file(mode: i32) -> Option<std::fs::File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    use std::os::unix::io::AsRawFd;
    let path = scan_lock_path()?;
    let file = match std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o666)
        .open(&path)
    {
        Ok(file) => {
            // Readable by the other users whatever the umask.
            let _ = file.set_permissions(std::fs::Permissions::from_mode(0o666));
            file
        }
        Err(_) => std::fs::File::open(&path).ok()?,
    };
    // SAFETY: flock on a descriptor we own; without LOCK_NB it blocks
    // until the lock is ours. Every holder ends within its scan's deadline.
    let locked = unsafe { libc::flock(file.as_raw_fd(), mode) } == 0;
    locked.then_some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full-range scan's lock holds against a checker whose TMPDIR is
    /// another folder: this test, run again as a child with TMPDIR
    /// elsewhere, must find it held.
    #[test]
    fn the_full_range_lock_is_the_machines_whatever_tmpdir_says() {
        if std::env::var_os("SOCKLAB_LOCK_PROBE").is_some() {
            // The child: the parent holds the lock.
            assert!(lock_file(libc::LOCK_SH | libc::LOCK_NB).is_none());
            return;
        }
        let elsewhere = std::env::temp_dir().join(format!("socklab-tmpdir-{}", std::process::id()));
        std::fs::create_dir_all(&elsewhere).unwrap();
        let (held, _) = full_scan_lock();
        assert!(held.0.is_some(), "no lock file in {SCAN_LOCK_DIRS:?}");
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "labs::lab04::lock::tests::the_full_range_lock_is_the_machines_whatever_tmpdir_says",
                "--test-threads=1",
            ])
            .env("SOCKLAB_LOCK_PROBE", "1")
            .env("TMPDIR", &elsewhere)
            .output()
            .unwrap();
        drop(held);
        let _ = std::fs::remove_dir(&elsewhere);
        let out = String::from_utf8_lossy(&child.stdout);
        assert!(child.status.success() && out.contains("1 passed"), "{out}");
    }
}
