//! Time spent waiting for a CPU: the kernel's schedstat, which counts for
//! each thread how long it was runnable but not running. A deadline that
//! passes while the program under test (or the checker's thread waiting for
//! it) was kept from running by a loaded machine is moved on by that long,
//! so that a verdict doesn't depend on the machine's load: a program that
//! hangs in a read() or sleeps never waits for a CPU, and is timed out on
//! the deadline as it stands.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The most a wait is stretched, in all: a program that spins on a loaded
/// machine waits for a CPU all the time, and must still be timed out.
const MOST: Duration = Duration::from_secs(30);

/// Less than this is noise (a thread waits a little for a CPU even on an
/// idle machine), not a reason to wait longer.
const LEAST: Duration = Duration::from_millis(2);

/// How far a deadline moves on at a time while a thread spawned for the
/// test has not run yet.
const STARTING: Duration = Duration::from_millis(10);

/// How long one thread has waited for a CPU since it started (the second
/// field of `/proc/.../schedstat`); `None` once it has gone, or where the
/// kernel doesn't say.
fn task_waited(schedstat: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(schedstat).ok()?;
    let nanos = stat.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// How long all the threads a process has now have waited for a CPU;
/// `None` once it has gone.
pub fn process_waited(pid: i32) -> Option<Duration> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let waits: Vec<Duration> = tasks
        .flatten()
        .filter_map(|task| task_waited(task.path().join("schedstat").to_str()?))
        .collect();
    (!waits.is_empty()).then(|| waits.iter().sum())
}

/// How many times each thread of a process was given a CPU since it
/// started (the third field of `/proc/.../schedstat`): a thread asleep in
/// poll() is given none, a loop that wakes by itself is given one at each
/// wake, however loaded the machine. `None` once the process has gone.
pub fn thread_runs(pid: i32) -> Option<ThreadRuns> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let runs: ThreadRuns = tasks
        .flatten()
        .filter_map(|task| {
            let tid = task.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
            let runs = stat.split_whitespace().nth(2)?.parse().ok()?;
            let wchan = std::fs::read_to_string(task.path().join("wchan")).unwrap_or_default();
            Some((
                tid,
                Thread {
                    runs,
                    in_poller: in_poller(&wchan),
                },
            ))
        })
        .collect();
    (!runs.is_empty()).then_some(runs)
}

/// Each thread of a process by its id.
pub type ThreadRuns = std::collections::BTreeMap<i32, Thread>;

/// One thread, as [`thread_runs`] saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thread {
    /// How many times it was given a CPU.
    pub runs: u64,
    /// It was asleep waiting for readiness events: in epoll_wait(), poll()
    /// or select() (or io_uring's wait).
    pub in_poller: bool,
}

/// Whether a thread's wait channel (`/proc/.../wchan`: the kernel function
/// it sleeps in) is a readiness wait: `do_epoll_wait` (`ep_poll` on older
/// kernels), `poll_schedule_timeout` (poll and select; `do_sys_poll`,
/// `do_select` on older kernels), `io_cqring_wait`. Where the kernel won't
/// say (a process the reader may not trace), it reads `0`: no thread is in
/// a poller, as far as the reader can tell.
fn in_poller(wchan: &str) -> bool {
    let wchan = wchan.trim();
    wchan.contains("poll") || wchan.contains("select") || wchan.contains("io_cqring_wait")
}

/// How many more times the threads of `after` ran than in `before`, split
/// into the threads that were asleep in a poller in `before` and the rest.
/// Threads that started meanwhile count in full, with the rest.
pub fn runs_since(before: &ThreadRuns, after: &ThreadRuns) -> (u64, u64) {
    let (mut pollers, mut others) = (0, 0);
    for (tid, now) in after {
        match before.get(tid) {
            Some(then) if then.in_poller => pollers += now.runs.saturating_sub(then.runs),
            Some(then) => others += now.runs.saturating_sub(then.runs),
            None => others += now.runs,
        }
    }
    (pollers, others)
}

/// A process's wait for a CPU, and whether all its threads were asleep
/// when it was read.
#[derive(Clone, Copy, Debug)]
pub struct ProcessWait {
    /// How long all its threads have waited for a CPU (see
    /// [`process_waited`]).
    pub waited: Duration,
    /// Every thread was blocked (sleeping, in a disk wait, stopped), none
    /// runnable: none of them was waiting for a CPU at that moment.
    pub asleep: bool,
}

/// [`process_waited`], and whether all its threads were asleep. The kernel
/// adds a wait to the count only when the thread gets its CPU, and (on
/// kernels that leave a thread that blocks on the run queue a while, 6.12
/// on) may then add time the thread spent asleep: a reader that knows when
/// a thread slept can tell a real wait from one the count made up.
pub fn process_wait(pid: i32) -> Option<ProcessWait> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let (mut waited, mut asleep, mut any) = (Duration::ZERO, true, false);
    for task in tasks.flatten() {
        let path = task.path();
        let Some(wait) = path.join("schedstat").to_str().and_then(task_waited) else {
            continue;
        };
        any = true;
        waited += wait;
        // The state is the field after the command's name, which is in
        // parentheses and may hold anything: read after the last ')'.
        let stat = std::fs::read_to_string(path.join("stat")).unwrap_or_default();
        let state = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next());
        asleep &= state.is_some_and(|s| s != "R");
    }
    any.then_some(ProcessWait { waited, asleep })
}

/// The calling thread's id, to name it to [`Waiters::thread`].
pub fn this_thread() -> i32 {
    // SAFETY: gettid has no preconditions and touches no memory.
    unsafe { libc::gettid() }
}

/// The processes and threads whose waits for a CPU stretch a test's
/// deadlines: the test's programs, and the checker's threads that read
/// for it. Clones share the list.
#[derive(Clone, Debug, Default)]
pub struct Waiters {
    inner: Arc<Mutex<Lists>>,
}

#[derive(Debug, Default)]
struct Lists {
    processes: Vec<i32>,
    threads: Vec<i32>,
    /// Threads spawned for the test that have not run yet.
    starting: usize,
}

impl Waiters {
    /// A process of the test (every thread it has counts).
    pub fn process(&self, pid: i32) {
        self.lock().processes.push(pid);
    }

    /// A thread of the checker's that works for the test (a connection's
    /// drain).
    pub fn thread(&self, tid: i32) {
        self.lock().threads.push(tid);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Lists> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How long they, and the calling thread, have waited for a CPU in all.
    /// Processes that have gone no longer count, so the sum can go down:
    /// callers take only what it grew by.
    fn waited(&self) -> Duration {
        let (processes, threads) = {
            let lists = self.lock();
            (lists.processes.clone(), lists.threads.clone())
        };
        let me = std::process::id();
        let own = threads
            .into_iter()
            .chain(std::iter::once(this_thread()))
            .filter_map(|tid| task_waited(&format!("/proc/{me}/task/{tid}/schedstat")));
        processes
            .iter()
            .filter_map(|&pid| process_waited(pid))
            .chain(own)
            .sum()
    }
}

/// Spawns a thread of the checker's that works for a test (a connection's
/// drain, a program's pipe reader or exit waiter) and counts it among
/// `waiters`. Until it has first run, a deadline that passes moves on (see
/// [`Stretched::passed`]): a thread the loaded machine has not run yet
/// holds back what the test waits for, and the kernel counts its wait only
/// once it runs. On a loaded machine a new thread of the checker's waited
/// seconds for its first turn, and a correct server lost a test; waiting
/// here for the thread to start instead held the test up while its client
/// ran on and gave up.
pub fn spawn_counted<F>(waiters: &Waiters, work: F) -> std::thread::JoinHandle<()>
where
    F: FnOnce() + Send + 'static,
{
    waiters.lock().starting += 1;
    let waiters = waiters.clone();
    std::thread::spawn(move || {
        {
            let mut lists = waiters.lock();
            lists.threads.push(this_thread());
            lists.starting -= 1;
        }
        work();
    })
}

/// A deadline that moves on by the time the test's programs and the
/// checker's own threads waited for a CPU while it ran (at most [`MOST`]
/// in all). The waiting function makes one from its deadline, calls
/// [`Stretched::waiting`] before it blocks, and asks [`Stretched::passed`]
/// when it wakes.
pub struct Stretched {
    at: Instant,
    waiters: Waiters,
    /// The waiters' sum when the wait began (or when the deadline last
    /// moved); `None` until the first time the wait blocks.
    since: Option<Duration>,
    moved: Duration,
}

impl Stretched {
    pub fn new(at: Instant, waiters: &Waiters) -> Stretched {
        Stretched {
            at,
            waiters: waiters.clone(),
            since: None,
            moved: Duration::ZERO,
        }
    }

    /// The deadline as it stands.
    pub fn at(&self) -> Instant {
        self.at
    }

    /// Time left until the deadline as it stands.
    pub fn left(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// About to block: from here on, waits for a CPU count. Taken only
    /// when the wait really blocks, so that a read that finds its bytes
    /// already there costs no look at /proc.
    pub fn waiting(&mut self) {
        if self.since.is_none() {
            self.since = Some(self.waiters.waited());
        }
    }

    /// Whether the deadline has passed for good: when it has passed as it
    /// stands but the programs or the checker waited for a CPU meanwhile,
    /// it moves on by that long and has not.
    pub fn passed(&mut self) -> bool {
        let now = Instant::now();
        if now < self.at {
            return false;
        }
        let Some(since) = self.since else {
            return true;
        };
        let waited = self.waiters.waited();
        let mut grew = waited.saturating_sub(since);
        if self.waiters.lock().starting > 0 {
            // A thread of the test's has waited since it was made, and the
            // kernel will count it only once it runs.
            grew = grew.max(STARTING);
        }
        if grew < LEAST || self.moved >= MOST {
            return true;
        }
        let grew = grew.min(MOST - self.moved);
        self.moved += grew;
        self.since = Some(waited);
        self.at = now + grew;
        false
    }
}

#[cfg(test)]
/// `sh` spinning on the first CPU this process may use.
pub(crate) fn spinner_on_one_cpu() -> std::process::Child {
    use std::os::unix::process::CommandExt;
    // SAFETY: a zeroed cpu_set_t is an empty set; the calls write
    // only into it.
    let cpu = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        assert_eq!(libc::sched_getaffinity(0, size_of_val(&set), &mut set), 0);
        (0..libc::CPU_SETSIZE as usize)
            .find(|&c| libc::CPU_ISSET(c, &set))
            .expect("some CPU")
    };
    let mut command = std::process::Command::new("sh");
    command.args(["-c", "while :; do :; done"]);
    // SAFETY: sched_setaffinity is async-signal-safe.
    unsafe {
        command.pre_exec(move || {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu, &mut set);
            libc::sched_setaffinity(0, size_of_val(&set), &set);
            Ok(())
        });
    }
    command.spawn().expect("sh starts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_on_an_idle_thread_passes_on_time() {
        let waiters = Waiters::default();
        let mut deadline = Stretched::new(Instant::now() + Duration::from_millis(20), &waiters);
        deadline.waiting();
        std::thread::sleep(Duration::from_millis(30));
        // A sleeping thread waits for no CPU (the little it may on a
        // loaded machine is under LEAST, or moves the deadline once).
        let mut moves = 0;
        while !deadline.passed() {
            moves += 1;
            std::thread::sleep(deadline.left());
            assert!(moves < 100, "the deadline kept moving");
        }
    }

    #[test]
    fn a_deadline_moves_on_while_the_program_waits_for_a_cpu() {
        // Two spinners on one CPU: each waits for it half the time.
        let mut spinners = [spinner_on_one_cpu(), spinner_on_one_cpu()];
        let waiters = Waiters::default();
        waiters.process(spinners[0].id() as i32);
        let mut deadline = Stretched::new(Instant::now() + Duration::from_millis(50), &waiters);
        deadline.waiting();
        std::thread::sleep(Duration::from_millis(200));
        let moved = !deadline.passed();
        for spinner in &mut spinners {
            let _ = spinner.kill();
            let _ = spinner.wait();
        }
        assert!(
            moved,
            "the deadline passed though the program waited for a CPU"
        );
    }

    #[test]
    fn a_deadline_waits_on_for_a_thread_not_yet_run() {
        let waiters = Waiters::default();
        waiters.lock().starting = 1;
        let mut deadline = Stretched::new(Instant::now(), &waiters);
        deadline.waiting();
        assert!(!deadline.passed(), "passed while a reader had not run");
        assert!(deadline.left() <= STARTING);
    }

    #[test]
    fn a_spawned_thread_is_counted_once_it_runs() {
        let waiters = Waiters::default();
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_counted(&waiters, move || tx.send(this_thread()).unwrap());
        let tid = rx.recv().unwrap();
        let lists = waiters.lock();
        assert_eq!((lists.threads.as_slice(), lists.starting), (&[tid][..], 0));
    }

    #[test]
    fn a_process_that_is_gone_waits_for_nothing() {
        assert_eq!(process_waited(i32::MAX), None);
        assert!(process_waited(std::process::id() as i32).is_some());
    }

    #[test]
    fn a_deadline_never_moves_past_the_most() {
        // Stands in for a process that waited ever longer for a CPU.
        let waiters = Waiters::default();
        let mut deadline = Stretched::new(Instant::now(), &waiters);
        deadline.since = Some(Duration::ZERO);
        deadline.moved = MOST;
        assert!(deadline.passed());
    }

    /// Three threads of this process: one asleep in epoll_wait() with no
    /// timeout, one in poll() with a 1 ms timeout (a loop that wakes
    /// itself), one sleeping 1 ms at a time. The first two are seen in a
    /// poller, the third is not; only the idle one doesn't run.
    #[test]
    fn threads_asleep_in_a_poller_are_told_from_the_others() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = Arc::new(AtomicBool::new(false));
        // SAFETY: plain system calls on descriptors this test owns.
        let wake = unsafe { libc::eventfd(0, 0) };
        assert!(wake >= 0);
        let (tids, got) = std::sync::mpsc::channel();
        let mut threads = Vec::new();
        let tid = tids.clone();
        threads.push(std::thread::spawn(move || unsafe {
            let poller = libc::epoll_create1(0);
            let mut event = libc::epoll_event {
                events: libc::EPOLLIN as u32,
                u64: 0,
            };
            libc::epoll_ctl(poller, libc::EPOLL_CTL_ADD, wake, &mut event);
            tid.send(("idle", libc::gettid())).unwrap();
            libc::epoll_wait(poller, &mut event, 1, -1);
            libc::close(poller);
        }));
        let (tid, stopped) = (tids.clone(), Arc::clone(&stop));
        threads.push(std::thread::spawn(move || {
            tid.send(("polling", unsafe { libc::gettid() })).unwrap();
            while !stopped.load(Ordering::Relaxed) {
                unsafe { libc::poll(std::ptr::null_mut(), 0, 1) };
            }
        }));
        let (tid, stopped) = (tids, Arc::clone(&stop));
        threads.push(std::thread::spawn(move || {
            tid.send(("sleeping", unsafe { libc::gettid() })).unwrap();
            while !stopped.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }));
        let tids: std::collections::HashMap<_, _> = got.iter().take(3).collect();
        let pid = std::process::id() as i32;
        // Wait until the idle thread is in its wait, and the polling one
        // is seen in its own (it runs now and then).
        let seen = Instant::now() + Duration::from_secs(5);
        let before = loop {
            let runs = thread_runs(pid).unwrap();
            if runs[&tids["idle"]].in_poller && runs[&tids["polling"]].in_poller {
                break Some(runs);
            }
            if Instant::now() > seen {
                break None;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        std::thread::sleep(Duration::from_millis(200));
        let after = thread_runs(pid);
        stop.store(true, Ordering::Relaxed);
        unsafe { libc::eventfd_write(wake, 1) };
        for thread in threads {
            thread.join().unwrap();
        }
        unsafe { libc::close(wake) };
        let Some(before) = before else {
            let wchan = std::fs::read_to_string(format!("/proc/self/task/{}/wchan", tids["idle"]));
            // A kernel that won't name wait channels (no kallsyms) says 0.
            assert_eq!(
                wchan.ok().as_deref().map(str::trim),
                Some("0"),
                "the idle thread was never seen in epoll_wait()"
            );
            eprintln!("this kernel doesn't name wait channels: nothing to check");
            return;
        };
        let after = after.expect("schedstat is there");
        assert!(!before[&tids["sleeping"]].in_poller);
        assert_eq!(after[&tids["idle"]].runs, before[&tids["idle"]].runs);
        let polled = after[&tids["polling"]].runs - before[&tids["polling"]].runs;
        let slept = after[&tids["sleeping"]].runs - before[&tids["sleeping"]].runs;
        assert!(
            polled > 20,
            "the polling thread ran {polled} times in 200 ms"
        );
        assert!(
            slept > 20,
            "the sleeping thread ran {slept} times in 200 ms"
        );
        // Split by what each thread was doing when first seen.
        let only = |names: &[&str], runs: &ThreadRuns| -> ThreadRuns {
            names.iter().map(|n| (tids[n], runs[&tids[n]])).collect()
        };
        let names = ["idle", "polling", "sleeping"];
        let (pollers, others) = runs_since(&only(&names, &before), &only(&names, &after));
        assert_eq!((pollers, others), (polled, slept));
    }
}
