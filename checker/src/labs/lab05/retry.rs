//! A UDP client's retries: when its datagrams arrived (the kernel's
//! stamps), and how long it waited for a CPU between them, so that a
//! retry a loaded machine made late is not held against it.

use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::harness::{Failure, Program, Udp, cpu, ensure};
use crate::t;

/// How long a UDP client waits for a reply before asking again when it is
/// given no --retry-ms (client-udp-retry checks it)...
pub(super) const RETRY_DEFAULT: Duration = Duration::from_secs(1);
/// ...and what client-udp-gives-up gives it, so as not to wait 3 s.
pub(super) const RETRY_SHORT: Duration = Duration::from_millis(200);

/// How long the client's threads have waited for a CPU, runnable but not
/// running, since they started (the kernel's schedstat): a retry that came
/// late because the loaded machine gave the client no CPU is not the
/// client's doing. `None` once the client has gone (or where the kernel
/// doesn't say).
fn waited_for_cpu(client: &Program) -> Option<Duration> {
    let waited = cpu::process_waited(client.pid())?;
    client.exit_status().is_none().then_some(waited)
}

/// One of a UDP client's requests, as the checker's socket got it.
pub(super) struct Arrival {
    /// The kernel's time stamp: when the client's send() handed it over
    /// (`None`: the kernel had no stamp; then when the checker got it, and
    /// `stamped` is false).
    pub(super) at: SystemTime,
    pub(super) stamped: bool,
    pub(super) from: SocketAddr,
}

/// The client's next datagram, if it sends one before `deadline`.
pub(super) fn arrival(
    deadline: Instant,
    udp: &Udp,
    client: &Program,
) -> Option<(Vec<u8>, Arrival)> {
    let (request, from, stamp) = udp.recv_stamped(deadline, client)?;
    let (at, stamped) = match stamp {
        Some(at) => (at, true),
        None => (SystemTime::now(), false),
    };
    Some((request, Arrival { at, stamped, from }))
}

/// One reading of a client's wait for a CPU, and the times just before and
/// just after the checker read it: the value held at some moment between.
#[derive(Clone, Copy)]
struct CpuWaitReading {
    before: SystemTime,
    after: SystemTime,
    waited: Duration,
}

/// A thread of the checker's own that reads a client's wait for a CPU
/// every few milliseconds while it runs. A gap between two requests is
/// judged from a reading before the first and one after the second: the
/// checker's main thread, which may be given no CPU for a while on a
/// loaded machine, need not be running at either moment.
pub(super) struct CpuWaits {
    shared: Arc<(Mutex<Readings>, Condvar)>,
}

#[derive(Default)]
struct Readings {
    taken: Vec<CpuWaitReading>,
    /// The thread has stopped: the client has gone (or the test ended).
    done: bool,
}

impl CpuWaits {
    /// How often the thread reads: small beside any retry interval.
    const EVERY: Duration = Duration::from_millis(5);

    pub(super) fn watch(client: &Program) -> CpuWaits {
        let shared = Arc::new((Mutex::new(Readings::default()), Condvar::new()));
        let (client, into) = (client.clone(), shared.clone());
        std::thread::spawn(move || {
            let (readings, changed) = &*into;
            loop {
                let before = SystemTime::now();
                let waited = waited_for_cpu(&client);
                let after = SystemTime::now();
                let mut readings = lock(readings);
                match waited {
                    Some(waited) if !readings.done => readings.taken.push(CpuWaitReading {
                        before,
                        after,
                        waited,
                    }),
                    _ => readings.done = true,
                }
                changed.notify_all();
                if readings.done {
                    break;
                }
                drop(readings);
                // Not a wait for an event: the thread samples a counter.
                std::thread::sleep(Self::EVERY);
            }
        });
        CpuWaits { shared }
    }

    /// How long the client waited for a CPU from (at the latest) `from` to
    /// (at the least) `to`; `None` if no reading came after `to` while it
    /// ran. Before the client's first reading it had waited for nothing.
    pub(super) fn between(&self, from: SystemTime, to: SystemTime) -> Option<Duration> {
        let (readings, changed) = &*self.shared;
        let mut readings = lock(readings);
        // The thread reads again within EVERY of its CPU time, or stops.
        while !readings.done && readings.taken.last().is_none_or(|r| r.before < to) {
            readings = changed
                .wait(readings)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        let start = readings
            .taken
            .iter()
            .rev()
            .find(|r| r.after <= from)
            .map_or(Duration::ZERO, |r| r.waited);
        let end = readings.taken.iter().find(|r| r.before >= to)?.waited;
        Some(end.saturating_sub(start))
    }
}

impl Drop for CpuWaits {
    fn drop(&mut self) {
        let (readings, changed) = &*self.shared;
        lock(readings).done = true;
        changed.notify_all();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The least time a client given `retry` waits before it asks again: a
/// timer may fire a tick early.
pub(super) fn shortest_gap(retry: Duration) -> Duration {
    retry - (retry / 10).max(Duration::from_millis(10)).min(retry)
}

/// Checks that a UDP client asked again `retry` after its previous request,
/// as the kernel stamped the two: not sooner (less a timer's tick), and not
/// later than three quarters more (a coarse timer's rounding, the client's
/// work, and its wait for a CPU between its send() and its recv(), which
/// the checker can't place) plus all the time the client waited for a CPU
/// around the two requests. Where the kernel doesn't say that (or the
/// client was gone before it was read), only the lower bound is judged.
/// Returns whether the upper bound was.
pub(super) fn check_retry_gap(
    previous: &Arrival,
    next: &Arrival,
    retry: Duration,
    waits: &CpuWaits,
) -> Result<bool, Failure> {
    if !(previous.stamped && next.stamped) {
        // When the checker got them is no measure of when they were sent.
        return Ok(false);
    }
    let gap = next.at.duration_since(previous.at).unwrap_or_default();
    let waited = waits.between(previous.at, next.at);
    let shortest = shortest_gap(retry);
    let longest = retry + retry * 3 / 4 + waited.unwrap_or_default();
    ensure(
        gap >= shortest && (waited.is_none() || gap <= longest),
        || {
            Failure::wrong(t!(
                "lab05-retry-gap",
                "the client asked again {gap} ms after its previous request, not {retry} ms",
                gap = gap.as_millis() as u64,
                retry = retry.as_millis() as u64
            ))
            .expected(t!(
                "lab05-retry-gap-between",
                "from {shortest} to {longest} ms (the client waited {waited} ms of that for a CPU)",
                shortest = shortest.as_millis() as u64,
                longest = longest.as_millis() as u64,
                waited = waited.unwrap_or_default().as_millis() as u64
            ))
            .got(t!("lab05-gap-ms", "{gap} ms", gap = gap.as_millis() as u64))
        },
    )?;
    Ok(waited.is_some())
}
