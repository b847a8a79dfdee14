//! What keeps a student's program from reaching past its test: a small,
//! stated environment, resource limits, and a clean-up that finds every
//! process a test started, including those that left its process group or
//! session (a double-forked daemon), and kills them before the report is
//! written.
//!
//! Linux only, without root, without cgroups: the checker makes itself a
//! *child subreaper* (prctl(PR_SET_CHILD_SUBREAPER)), so a process whose
//! parent dies is re-parented to the checker rather than to init, and the
//! checker can still find it under its own children in /proc. Each test's
//! processes carry the test's token in their environment
//! (`SOCKLAB_TEST`), which tells whose an orphan is while other tests run
//! beside it. A process that clears its environment is still found when
//! grading ends: then every descendant of the checker is killed.

use std::collections::BTreeSet;

use crate::i18n::Text;
use crate::t;
use std::sync::{Mutex, Once, RwLock};

/// The variables a student's program sees, besides the lab's own (such as
/// `TZ`) and those named with `--pass-env`. Documented in docs/checker.md.
pub const BASE_ENVIRONMENT: [&str; 4] = ["PATH", "HOME", "LANG", "TERM"];

/// The variable that names the test a process belongs to.
pub const TEST_VARIABLE: &str = "SOCKLAB_TEST";

/// Resource limits for every program the checker starts (setrlimit in the
/// child before exec). The defaults are far above what a correct solution
/// uses, and low enough that a runaway program can't hurt the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address space (RLIMIT_AS), bytes. Threads reserve 8 MiB of it each
    /// for their stacks, so this is generous.
    pub memory: u64,
    /// CPU time (RLIMIT_CPU), seconds.
    pub cpu_seconds: u64,
    /// The largest file it may write (RLIMIT_FSIZE), bytes.
    pub file_size: u64,
    /// Processes and threads of this user (RLIMIT_NPROC). Linux counts
    /// every task of the user, and does not apply it to root.
    pub processes: u64,
    /// Open file descriptors (RLIMIT_NOFILE).
    pub open_files: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            memory: 4 << 30,
            cpu_seconds: 60,
            file_size: 64 << 20,
            processes: 4096,
            open_files: 4096,
        }
    }
}

impl Limits {
    /// Applies the limits to the calling process. Called in the child
    /// between fork and exec: only async-signal-safe calls.
    ///
    /// # Safety
    /// Only for `pre_exec`: it calls setrlimit and nothing else.
    pub unsafe fn apply(&self) {
        let set = |resource, value: u64| {
            let limit = libc::rlimit {
                rlim_cur: value,
                rlim_max: value,
            };
            // SAFETY: setrlimit with a pointer to a local; a soft limit
            // above the hard one fails and leaves the old limit, which is
            // then the lower of the two anyway.
            unsafe {
                if libc::setrlimit(resource, &limit) != 0 {
                    let mut old = libc::rlimit {
                        rlim_cur: 0,
                        rlim_max: 0,
                    };
                    if libc::getrlimit(resource, &mut old) == 0 && old.rlim_max > value {
                        old.rlim_cur = value;
                        libc::setrlimit(resource, &old);
                    }
                }
            }
        };
        set(libc::RLIMIT_AS, self.memory);
        set(libc::RLIMIT_CPU, self.cpu_seconds);
        set(libc::RLIMIT_FSIZE, self.file_size);
        set(libc::RLIMIT_NPROC, self.processes);
        set(libc::RLIMIT_NOFILE, self.open_files);
        set(libc::RLIMIT_CORE, 0);
    }

    /// What a limit that ended a program means, from how it ended: the
    /// signal the kernel sends, or what the program said on stderr.
    pub fn explain(&self, signal: Option<i32>, stderr: &str) -> Option<Text> {
        match signal {
            Some(libc::SIGXCPU) => {
                return Some(t!(
                    "limit-cpu",
                    "it used more than {seconds} s of CPU time, the checker's limit (an endless loop?)",
                    seconds = self.cpu_seconds.to_string()
                ));
            }
            Some(libc::SIGXFSZ) => {
                return Some(t!(
                    "limit-file-size",
                    "it wrote a file larger than {size}, the checker's limit",
                    size = bytes(self.file_size)
                ));
            }
            _ => {}
        }
        if stderr.contains("memory allocation of") && stderr.contains("failed") {
            return Some(t!(
                "limit-memory",
                "it ran out of memory: the checker allows {size} of address space",
                size = bytes(self.memory)
            ));
        }
        if stderr.contains("Too many open files") {
            return Some(t!(
                "limit-open-files",
                "it opened more than {count} files or sockets at once, the checker's limit (are connections closed?)",
                count = self.open_files.to_string()
            ));
        }
        if stderr.contains("Resource temporarily unavailable") && stderr.contains("spawn") {
            return Some(t!(
                "limit-processes",
                "it could not start more threads or processes: the checker allows {count} per user",
                count = self.processes.to_string()
            ));
        }
        None
    }
}

/// `4 GiB`, `64 MiB`, `512 KiB`, `100 bytes`.
pub fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// Parses `4G`, `512M`, `64k`, `1000` (bytes) for the limit options.
pub fn parse_bytes(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" => 10,
        "m" | "mib" => 20,
        "g" | "gib" => 30,
        _ => return Err(format!("{text:?} is not a size (say 512M or 4G)")),
    };
    let value: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (say 512M or 4G)"))?;
    value
        .checked_mul(1 << shift)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("{text:?} is not a usable size"))
}

/// The grading run's settings for every program: limits, the extra
/// variables the user passes through, and the user it runs as.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub limits: Limits,
    pub pass_env: Vec<String>,
    /// When the checker is root: the user that builds the student's lab
    /// and runs every program graded (`--run-as`). `None`: the checker's
    /// own user.
    pub run_as: Option<RunAs>,
}

/// The user root runs a student's code as, when none is named.
pub const DEFAULT_RUN_AS: &str = "nobody";

/// Where the uids of `class grade`'s workers start: far above any
/// distribution's accounts and the subordinate ranges of containers.
pub const SLOT_UIDS: u32 = 2_140_000_000;

/// An unprivileged user that builds and runs a student's code for a
/// checker that is root (Gradescope, containers, CI as root). A student's
/// build script and programs are then another user than the checker and
/// the processes around it: they can't ptrace them, take their file
/// descriptors (pidfd_getfd, /proc/PID/fd), signal them or write their
/// files, so they can't write their own grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunAs {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
}

impl RunAs {
    /// The user named `name` (or a number), from the password database.
    pub fn lookup(name: &str) -> Result<RunAs, String> {
        let c_name = std::ffi::CString::new(name)
            .map_err(|_| format!("--run-as {name:?}: not a user name"))?;
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut buffer = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: getpwnam_r writes into `entry` and `buffer`, both ours
        // and large enough as said.
        let code = unsafe {
            libc::getpwnam_r(
                c_name.as_ptr(),
                &mut entry,
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut found,
            )
        };
        if code == 0 && !found.is_null() {
            return Ok(RunAs {
                name: name.to_string(),
                uid: entry.pw_uid,
                gid: entry.pw_gid,
            });
        }
        // A number with no entry: a user of its own, in a group of its own
        // (what `class grade` gives each of its workers).
        if let Ok(uid) = name.parse::<u32>() {
            return Ok(RunAs {
                name: name.to_string(),
                uid,
                gid: uid,
            });
        }
        Err(format!(
            "--run-as {name}: there is no such user on this machine; add one (useradd --system {name}) or name another (nobody)"
        ))
    }

    /// The user a checker run by `euid` builds and runs the student's code
    /// as, given `--run-as` (`chosen`): root's default is
    /// [`DEFAULT_RUN_AS`]; `None` means the checker's own user. Only root
    /// may name another user.
    pub fn choose(chosen: Option<&str>, euid: u32) -> Result<Option<RunAs>, String> {
        let name = match chosen {
            Some(name) => name,
            None if euid == 0 => DEFAULT_RUN_AS,
            None => return Ok(None),
        };
        let user = RunAs::lookup(name)?;
        if user.uid == euid {
            return Ok(None);
        }
        if euid != 0 {
            return Err(format!(
                "--run-as {name}: only root can run programs as another user; leave --run-as out to run them as yourself"
            ));
        }
        if user.uid == 0 {
            return Ok(None);
        }
        Ok(Some(user))
    }

    /// Becomes this user, with its group and no other: in the child
    /// between fork and exec, after everything that needs root (the
    /// network namespace). setuid from root clears every capability.
    ///
    /// # Safety
    /// Only for `pre_exec`: it makes system calls and nothing else.
    pub unsafe fn become_user(&self) -> std::io::Result<()> {
        // SAFETY: setgroups reads one gid of ours; setgid and setuid take
        // integers.
        unsafe {
            if libc::setgroups(1, &self.gid) != 0
                || libc::setgid(self.gid) != 0
                || libc::setuid(self.uid) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }

    /// Whether this user may read and run `path`: it and every folder
    /// above it, by their owner, group and mode bits (a user's other
    /// groups and ACLs aside).
    pub fn can_run(&self, path: &std::path::Path) -> bool {
        use std::os::unix::fs::MetadataExt as _;
        let allowed = |meta: &std::fs::Metadata, bits: u32| {
            let mode = meta.mode();
            let shift = if meta.uid() == self.uid {
                6
            } else if meta.gid() == self.gid {
                3
            } else {
                0
            };
            (mode >> shift) & bits == bits
        };
        let Ok(file) = std::fs::metadata(path) else {
            return false;
        };
        if !allowed(&file, 0o5) {
            return false;
        }
        path.ancestors().skip(1).all(|dir| {
            dir.as_os_str().is_empty()
                || std::fs::metadata(dir).is_ok_and(|meta| allowed(&meta, 0o1))
        })
    }

    /// A user of its own for each of `count` gradings run at once by a
    /// root checker (`class grade --jobs`): uids no account has, from
    /// [`SLOT_UIDS`] on. Gradings run as one user share its process limit
    /// (RLIMIT_NPROC counts every process of the user), so one student's
    /// fork bomb would fail another's tests, and they could signal each
    /// other's programs. `None` where the kernel won't switch to them (a
    /// user namespace that maps only some uids): then all share one user.
    pub fn slots(count: usize) -> Option<Vec<RunAs>> {
        let mut users = Vec::with_capacity(count);
        let mut uid = SLOT_UIDS;
        while users.len() < count && uid < SLOT_UIDS + 1000 {
            uid += 1;
            // SAFETY: getpwuid reads the password database; the pointer it
            // returns is only compared with null.
            if !unsafe { libc::getpwuid(uid) }.is_null() {
                continue;
            }
            let user = RunAs::lookup(&uid.to_string()).ok()?;
            user.can_become().then_some(())?;
            users.push(user);
        }
        (users.len() == count).then_some(users)
    }

    /// Whether a child can become this user (the kernel maps its uid).
    fn can_become(&self) -> bool {
        use std::os::unix::process::CommandExt as _;
        let user = self.clone();
        let mut command = std::process::Command::new("/bin/sh");
        command
            .args(["-c", "exit 0"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        // SAFETY: become_user makes system calls only.
        unsafe {
            command.pre_exec(move || user.become_user());
        }
        command.status().is_ok_and(|status| status.success())
    }

    /// Gives `path` (a folder the checker made for the student's code) to
    /// this user.
    pub fn give(&self, path: &std::path::Path) -> std::io::Result<()> {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid))
    }
}

/// What the programs of a run execute: `exe` itself if the user they run
/// as may run it, else a copy of it the checker makes in a folder of its
/// own that this user may read (a root checker's target/ under /root, say).
/// The copy goes with the tests' scratch folders.
pub fn runnable(exe: &std::path::Path) -> std::path::PathBuf {
    let Some(user) = settings().run_as else {
        return exe.to_path_buf();
    };
    if user.can_run(exe) {
        return exe.to_path_buf();
    }
    static COPIES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let copy = || -> std::io::Result<std::path::PathBuf> {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("{SCRATCH_PREFIX}{}-exe-{n}", std::process::id()));
        std::fs::DirBuilder::new().mode(0o755).create(&dir)?;
        let to = dir.join(exe.file_name().unwrap_or("program".as_ref()));
        std::fs::copy(exe, &to)?;
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o755))?;
        Ok(to)
    };
    copy().unwrap_or_else(|_| exe.to_path_buf())
}

static SETTINGS: RwLock<Option<Settings>> = RwLock::new(None);

/// Sets the limits and passed variables for every program started from now.
pub fn configure(settings: Settings) {
    *SETTINGS.write().unwrap_or_else(|p| p.into_inner()) = Some(settings);
}

pub fn settings() -> Settings {
    SETTINGS
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .unwrap_or_default()
}

/// The environment of a program: the base variables from the checker's
/// own environment, the passed ones, and the test's token. The lab's own
/// variables are added by the caller.
pub fn environment(token: &str) -> Vec<(String, String)> {
    let settings = settings();
    let mut names: BTreeSet<&str> = BASE_ENVIRONMENT.into_iter().collect();
    names.extend(settings.pass_env.iter().map(String::as_str));
    let mut env: Vec<(String, String)> = names
        .into_iter()
        .filter_map(|name| Some((name.to_string(), std::env::var(name).ok()?)))
        .collect();
    env.push(("RUST_BACKTRACE".into(), "1".into()));
    env.push(("NO_COLOR".into(), "1".into()));
    env.push((TEST_VARIABLE.into(), token.into()));
    if !token.is_empty() {
        env.push(("TMPDIR".into(), scratch_dir(token).display().to_string()));
    }
    env
}

/// The temporary folder of a test's programs (their `TMPDIR`): made before
/// the first of them starts, removed with everything in it once they are
/// all dead, so what a program leaves in `std::env::temp_dir()` (a half
/// written file, a 64 MiB one that hit the file-size limit) is not left
/// on the machine.
pub fn scratch_dir(token: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("{SCRATCH_PREFIX}{token}"))
}

/// Scratch folders are `socklab-<checker's pid>-<test number>`.
const SCRATCH_PREFIX: &str = "socklab-";

/// Makes the test's scratch folder (readable by its user only).
pub fn make_scratch_dir(token: &str) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    if token.is_empty() {
        return Ok(());
    }
    match std::fs::DirBuilder::new()
        .mode(0o700)
        .create(scratch_dir(token))
    {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => Ok(()),
        Ok(()) => match settings().run_as {
            Some(user) => user.give(&scratch_dir(token)),
            None => Ok(()),
        },
    }
}

/// Removes a test's scratch folder; its programs must be dead.
fn remove_scratch_dir(token: &str) {
    if !token.is_empty() {
        let _ = std::fs::remove_dir_all(scratch_dir(token));
    }
}

/// Removes the scratch folders of every test of this checker (grading
/// ends, or was interrupted).
fn remove_scratch_dirs() {
    let mine = format!("{SCRATCH_PREFIX}{}-", std::process::id());
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&mine) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Makes the checker the reaper of every orphan it leaves, once. Also
/// keeps same-user processes out of `/proc/<checker>/fd` (not dumpable), so
/// that a leftover can't write into the checker's output.
pub fn become_subreaper() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: prctl with integer arguments.
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
        }
    });
}

/// The pids whose exit the checker waits for itself (its Programs); the
/// clean-up must not reap those, or the waiting thread loses the status.
static WATCHED: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());

pub fn watch(pid: i32) {
    WATCHED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(pid);
}

pub fn unwatch(pid: i32) {
    WATCHED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&pid);
}

/// Raises the checker's own limit on open files: a benchmark's ten
/// thousand users, or a scan test's few hundred listeners, are that many
/// sockets on the checker's side alone (a benchmark's user is two: one to
/// write, one its reader watches). To [`WANTED_FILES`] where the kernel
/// lets the checker raise the hard limit too (root, CAP_SYS_RESOURCE),
/// else the soft limit to the hard one. Returns the limit it got.
pub fn raise_file_limit() -> u64 {
    let Ok((soft, hard)) = rlimit::Resource::NOFILE.get() else {
        return 0;
    };
    if hard < WANTED_FILES
        && rlimit::Resource::NOFILE
            .set(WANTED_FILES, WANTED_FILES)
            .is_ok()
    {
        return WANTED_FILES;
    }
    // A limit the kernel refuses leaves the old one: the tests that need
    // more files then say so themselves.
    if soft < hard && rlimit::Resource::NOFILE.set(hard, hard).is_ok() {
        return hard;
    }
    soft
}

/// The open files [`raise_file_limit`] asks for: ten thousand users of a
/// benchmark, three files each between the checker and the server, and
/// room besides.
pub const WANTED_FILES: u64 = 65_536;

/// The children of `pid`, from /proc/<pid>/task/*/children.
fn children(pid: i32) -> Vec<i32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|text| {
            text.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<i32>>()
        })
        .collect()
}

/// `pid` and all its descendants that are still alive (not zombies).
fn tree(pid: i32, into: &mut BTreeSet<i32>) {
    if !into.insert(pid) {
        return;
    }
    for child in children(pid) {
        tree(child, into);
    }
}

/// `pid` and all its descendants, as /proc shows them now.
pub fn descendants(pid: i32) -> BTreeSet<i32> {
    let mut found = BTreeSet::new();
    tree(pid, &mut found);
    found
}

fn is_zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| {
            // The state follows the command name in parentheses.
            stat.rsplit_once(')')
                .is_none_or(|(_, rest)| rest.trim_start().starts_with(['Z', 'X']))
        })
        .unwrap_or(true)
}

fn belongs_to(pid: i32, token: &str) -> bool {
    let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return false;
    };
    let wanted = format!("{TEST_VARIABLE}={token}");
    environ.split(|&b| b == 0).any(|v| v == wanted.as_bytes())
}

/// Reaps those of `killed` that are now dead children of the checker and
/// that no Program waits for. (Only processes it killed: a child that some
/// other part of the checker waits for, such as cargo, is left alone.)
fn reap_orphans(killed: &BTreeSet<i32>) {
    let me = std::process::id() as i32;
    let watched = WATCHED.lock().unwrap_or_else(|p| p.into_inner()).clone();
    for child in children(me) {
        if killed.contains(&child) && !watched.contains(&child) && is_zombie(child) {
            // SAFETY: waitpid on our own child, without blocking.
            unsafe {
                libc::waitpid(child, std::ptr::null_mut(), libc::WNOHANG);
            }
        }
    }
}

/// Kills `roots`, everything below them, and every orphan of the checker
/// whose environment names `token`, until none is left (a fork bomb keeps
/// forking while it is being killed; each round kills what the last one
/// missed). Returns how many processes it killed.
pub fn kill_test(roots: &[i32], token: &str) -> usize {
    let me = std::process::id() as i32;
    let killed = kill_rounds(|| {
        let mut found = BTreeSet::new();
        for &root in roots {
            tree(root, &mut found);
        }
        for orphan in children(me) {
            if belongs_to(orphan, token) {
                tree(orphan, &mut found);
            }
        }
        found
    });
    remove_scratch_dir(token);
    killed
}

/// Kills `pid` and everything below it, until none is left (a
/// `checker class` run stops one repository's grading that ran past its
/// time). Returns how many processes it killed.
pub fn kill_tree(pid: i32) -> usize {
    kill_rounds(|| {
        let mut found = BTreeSet::new();
        tree(pid, &mut found);
        found
    })
}

/// Kills every descendant of the checker: when grading ends, on Ctrl-C or
/// SIGTERM, and when the checker fails. Then removes the tests' scratch
/// folders.
pub fn kill_everything() -> usize {
    let me = std::process::id() as i32;
    let killed = kill_rounds(|| {
        let mut found = BTreeSet::new();
        for child in children(me) {
            tree(child, &mut found);
        }
        found
    });
    remove_scratch_dirs();
    killed
}

fn kill_rounds(mut find: impl FnMut() -> BTreeSet<i32>) -> usize {
    let mut killed = BTreeSet::new();
    for _ in 0..200 {
        let alive: Vec<i32> = find().into_iter().filter(|&p| !is_zombie(p)).collect();
        if alive.is_empty() {
            break;
        }
        for &pid in &alive {
            // Stop first, so that a process can't fork between our look
            // and our kill; then kill.
            // SAFETY: kill(2) has no memory-safety preconditions.
            unsafe {
                libc::kill(pid, libc::SIGSTOP);
            }
        }
        for &pid in &alive {
            // SAFETY: as above.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
            killed.insert(pid);
        }
        reap_orphans(&killed);
        std::thread::yield_now();
    }
    reap_orphans(&killed);
    killed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_bytes("4G"), Ok(4 << 30));
        assert_eq!(parse_bytes("512m"), Ok(512 << 20));
        assert_eq!(parse_bytes("1000"), Ok(1000));
        assert!(parse_bytes("lots").is_err());
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("99999999999G").is_err());
        assert_eq!(bytes(4 << 30), "4 GiB");
        assert_eq!(bytes(64 << 20), "64 MiB");
    }

    /// Two gradings at once run as two users (as root): neither can signal
    /// the other's programs, and each has a process limit of its own.
    #[test]
    fn each_grading_at_once_runs_as_a_user_of_its_own() {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return;
        }
        let Some(users) = RunAs::slots(2) else {
            eprintln!("this kernel maps no uids from {SLOT_UIDS}: not checked");
            return;
        };
        assert_ne!(users[0].uid, users[1].uid);
        assert!(users.iter().all(|u| u.uid > SLOT_UIDS && u.uid != 0));
        assert_eq!(RunAs::lookup(&users[0].name), Ok(users[0].clone()));
        use std::os::unix::process::CommandExt as _;
        let as_user = |user: &RunAs, script: &str| {
            let user = user.clone();
            let mut command = std::process::Command::new("/bin/sh");
            command.args(["-c", script]);
            // SAFETY: become_user makes system calls only.
            unsafe {
                command.pre_exec(move || user.become_user());
            }
            command
        };
        let mut sleeper = as_user(&users[0], "exec sleep 30").spawn().unwrap();
        let pid = sleeper.id();
        let other = as_user(&users[1], &format!("kill -TERM {pid}"))
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        let same = as_user(&users[0], &format!("kill -0 {pid}"))
            .status()
            .unwrap();
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        assert!(!other.success(), "another grading's user signalled it");
        assert!(same.success(), "its own user could not signal it");
    }

    #[test]
    fn root_runs_the_students_code_as_another_user_and_only_root_can() {
        // Not root: as itself, and no one else.
        assert_eq!(RunAs::choose(None, 1000), Ok(None));
        assert!(RunAs::choose(Some("root"), 1000).is_err());
        // Root: nobody unless told, root itself when told so.
        assert_eq!(RunAs::choose(Some("root"), 0), Ok(None));
        assert!(
            RunAs::choose(Some("no-such-user-of-socklab"), 0)
                .unwrap_err()
                .contains("no such user")
        );
        if let Ok(nobody) = RunAs::lookup(DEFAULT_RUN_AS) {
            assert_eq!(RunAs::choose(None, 0), Ok(Some(nobody.clone())));
            assert_ne!(nobody.uid, 0);
            // Everyone may run /bin/sh; no one but root may enter a 0700
            // folder of root's.
            assert!(nobody.can_run(std::path::Path::new("/bin/sh")));
            let private =
                std::env::temp_dir().join(format!("socklab-run-as-{}", std::process::id()));
            std::fs::create_dir_all(&private).unwrap();
            std::fs::set_permissions(
                &private,
                std::os::unix::fs::PermissionsExt::from_mode(0o700),
            )
            .unwrap();
            std::fs::copy("/bin/sh", private.join("sh")).unwrap();
            let owned_by_root =
                std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&private).unwrap()) == 0;
            if owned_by_root {
                assert!(!nobody.can_run(&private.join("sh")));
            }
            let _ = std::fs::remove_dir_all(&private);
        }
    }

    #[test]
    fn the_environment_is_small_and_stated() {
        // SAFETY: tests in this module don't read the variable concurrently.
        unsafe { std::env::set_var("SOCKLAB_SECRET_FOR_TEST", "hunter2") };
        let env = environment("t1");
        let names: Vec<&str> = env.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"SOCKLAB_SECRET_FOR_TEST"), "{names:?}");
        assert!(names.contains(&"RUST_BACKTRACE"));
        assert!(names.contains(&TEST_VARIABLE));
    }
}
