//! A UDP client's retries: when its datagrams arrived (the kernel's
//! stamps), and how long it waited for a CPU between them, so that a
//! retry a loaded machine made late is not held against it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::harness::{Failure, Program, Udp, cpu, ensure};
use crate::t;

/// How long a UDP client waits for a reply before asking again when it is
/// given no --retry-ms (client-udp-retry checks it)...
pub(super) const RETRY_DEFAULT: Duration = Duration::from_secs(1);
/// ...and what client-udp-gives-up gives it, so as not to wait 3 s.
pub(super) const RETRY_SHORT: Duration = Duration::from_millis(200);

/// How long the client's threads have waited for a CPU, runnable but not
/// running, since they started (the kernel's schedstat), and whether they
/// were all asleep: a retry that came late because the loaded machine gave
/// the client no CPU is not the client's doing. `None` once the client has
/// gone (or where the kernel doesn't say).
fn waited_for_cpu(client: &Program) -> Option<cpu::ProcessWait> {
    let wait = cpu::process_wait(client.pid())?;
    client.exit_status().is_none().then_some(wait)
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
    /// None of the client's threads was waiting for a CPU then.
    asleep: bool,
}

/// A client's wait for a CPU, read every few milliseconds by a thread of
/// the checker's own and, through [`CpuWaits::read_now`], by the test each
/// time a request arrives: on a loaded machine either may be given no CPU
/// for a while, and a gap is judged only from readings taken while the
/// client was surely blocked waiting for its reply.
pub(super) struct CpuWaits {
    client: Program,
    readings: Arc<Mutex<Readings>>,
}

#[derive(Default)]
struct Readings {
    taken: Vec<CpuWaitReading>,
    /// The client has gone, the test has ended, or the kernel doesn't say.
    done: bool,
    /// The kernel gave a reading at least once while the client ran.
    counted: bool,
}

/// What the readings say of the client's wait for a CPU between two of its
/// requests.
pub(super) enum Waited {
    /// It waited this long (at most: see [`CpuWaits::between`]).
    For(Duration),
    /// The checker read too late to tell, or the client waited so long
    /// that a late retry would fit: the machine is too busy.
    TooBusy,
    /// The kernel doesn't say (no schedstat), or gave no time stamps.
    Unknown,
}

impl CpuWaits {
    /// How often the thread reads: small beside any retry interval.
    const EVERY: Duration = Duration::from_millis(5);

    pub(super) fn watch(client: &Program) -> CpuWaits {
        let waits = CpuWaits {
            client: client.clone(),
            readings: Arc::new(Mutex::new(Readings::default())),
        };
        let (client, readings) = (client.clone(), waits.readings.clone());
        std::thread::spawn(move || {
            while read(&client, &readings) {
                // Not a wait for an event: the thread samples a counter.
                std::thread::sleep(Self::EVERY);
            }
        });
        waits
    }

    /// Reads the client's wait now, on the calling thread: the test calls
    /// it as soon as a request has arrived, before it answers.
    pub(super) fn read_now(&self) {
        read(&self.client, &self.readings);
    }

    /// How long the client waited for a CPU between its requests at `from`
    /// and at `to`, judged from a reading taken after `from` and one taken
    /// after `to`. Each must be taken within `window` of its request, while
    /// a correct client is still blocked waiting for its reply (or for its
    /// timeout): a client that waits for nothing then adds nothing between
    /// its request and the reading, and a later reading could count the
    /// client's work after the answer as a wait that delayed it. A reading
    /// from before `from` would count its start-up (it would count too
    /// much: a late retry would pass).
    fn between(&self, from: SystemTime, to: SystemTime, window: Duration) -> Waited {
        let readings = lock(&self.readings);
        if !readings.counted {
            // No reading at all: where the kernel keeps the counts, the
            // client came and went before the checker could read it (a
            // loaded machine ran the checker's threads that late).
            return if cpu::process_waited(std::process::id() as i32).is_some() {
                Waited::TooBusy
            } else {
                Waited::Unknown
            };
        }
        // The earliest reading taken wholly within the window (one begun
        // earlier but kept from a CPU halfway through does not count).
        let first_after = |at: SystemTime| {
            readings
                .taken
                .iter()
                .filter(|r| r.before >= at && r.after <= at + window)
                .min_by_key(|r| r.before)
        };
        match (first_after(from), first_after(to)) {
            (Some(start), Some(end)) => Waited::For(real_waits(&readings.taken, start, end)),
            _ => Waited::TooBusy,
        }
    }
}

/// How many of the client's threads may wait for a CPU at once: a client
/// has one thread or a few.
const THREADS_WAITING: u32 = 4;

/// What the client's count of waits grew by from `start` to `end`, less
/// what it cannot have waited. The kernel adds a wait to the count when the
/// thread gets its CPU, so a wait that shows at a reading began no sooner
/// than the last reading before it that found every thread asleep: each
/// growth is held to the time since then (times the threads that may have
/// waited at once). A thread that blocks and is left on the run queue a
/// while (kernels from 6.12 on) can have its sleep counted as a wait: a
/// client that asked again 1.5 s too late passed once in 500 gradings on
/// a loaded machine before this.
fn real_waits(taken: &[CpuWaitReading], start: &CpuWaitReading, end: &CpuWaitReading) -> Duration {
    let mut readings: Vec<&CpuWaitReading> = taken.iter().collect();
    readings.sort_by_key(|r| r.before);
    let (mut real, mut counted) = (Duration::ZERO, start.waited);
    let mut asleep_at: Option<SystemTime> = None;
    for reading in readings.into_iter().take_while(|r| r.before <= end.before) {
        if reading.before > start.before && reading.waited > counted {
            let grew = reading.waited - counted;
            let most = asleep_at.map_or(grew, |at| {
                reading.after.duration_since(at).unwrap_or_default() * THREADS_WAITING
            });
            real += grew.min(most);
            counted = reading.waited;
        }
        if reading.asleep {
            asleep_at = Some(reading.before);
        }
    }
    real
}

/// Takes one reading of the client's wait into `readings`; false once
/// there is no more to read.
fn read(client: &Program, readings: &Mutex<Readings>) -> bool {
    let before = SystemTime::now();
    let waited = waited_for_cpu(client);
    let after = SystemTime::now();
    let mut readings = lock(readings);
    match waited {
        Some(wait) if !readings.done => {
            readings.counted = true;
            readings.taken.push(CpuWaitReading {
                before,
                after,
                waited: wait.waited,
                asleep: wait.asleep,
            });
        }
        _ => readings.done = true,
    }
    !readings.done
}

impl Drop for CpuWaits {
    fn drop(&mut self) {
        lock(&self.readings).done = true;
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
/// between the two requests. Returns what was known of that wait: the
/// upper bound is judged only where it was, and where it was at most half
/// of `retry` (more, and a client asked again at 2.5 times `retry` passed
/// on a loaded machine: the machine was too busy to tell).
pub(super) fn check_retry_gap(
    previous: &Arrival,
    next: &Arrival,
    retry: Duration,
    waits: &CpuWaits,
) -> Result<Waited, Failure> {
    if !(previous.stamped && next.stamped) {
        // When the checker got them is no measure of when they were sent.
        return Ok(Waited::Unknown);
    }
    let gap = next.at.duration_since(previous.at).unwrap_or_default();
    let shortest = shortest_gap(retry);
    let waited = match waits.between(previous.at, next.at, retry / 2) {
        // A client kept from a CPU that long could have had a timer of
        // twice `retry` or more and still fit: the gap tells nothing.
        Waited::For(waited) if waited > retry / 2 => Waited::TooBusy,
        waited => waited,
    };
    let longest = match waited {
        Waited::For(waited) => Some((retry + retry * 3 / 4 + waited, waited)),
        _ => None,
    };
    ensure(
        gap >= shortest && longest.is_none_or(|(longest, _)| gap <= longest),
        || {
            let expected = match longest {
                Some((longest, waited)) => t!(
                    "lab05-retry-gap-between",
                    "from {shortest} to {longest} ms (the client waited {waited} ms of that for a CPU)",
                    shortest = shortest.as_millis() as u64,
                    longest = longest.as_millis() as u64,
                    waited = waited.as_millis() as u64
                ),
                None => t!(
                    "lab05-retry-gap-at-least",
                    "at least {shortest} ms",
                    shortest = shortest.as_millis() as u64
                ),
            };
            Failure::wrong(t!(
                "lab05-retry-gap",
                "the client asked again {gap} ms after its previous request, not {retry} ms",
                gap = gap.as_millis() as u64,
                retry = retry.as_millis() as u64
            ))
            .expected(expected)
            .got(t!("lab05-gap-ms", "{gap} ms", gap = gap.as_millis() as u64))
        },
    )?;
    Ok(waited)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(at_ms: u64, waited_ms: u64, asleep: bool) -> CpuWaitReading {
        let at = SystemTime::UNIX_EPOCH + Duration::from_millis(at_ms);
        CpuWaitReading {
            before: at,
            after: at + Duration::from_millis(1),
            waited: Duration::from_millis(waited_ms),
            asleep,
        }
    }

    /// A client asleep for 2.5 s whose count then grows by all of it (a
    /// kernel that left it on the run queue) waited only since it was last
    /// seen asleep.
    #[test]
    fn a_sleep_counted_as_a_wait_is_not_a_wait() {
        let taken = [
            reading(0, 40, true),
            reading(1000, 40, true),
            reading(2490, 40, true),
            reading(2500, 2540, false),
            reading(2510, 2545, true),
        ];
        let waited = real_waits(&taken, &taken[0], &taken[4]);
        assert_eq!(
            waited,
            Duration::from_millis(11 * THREADS_WAITING as u64 + 5)
        );
    }

    /// A client kept from running for 800 ms after its timeout, seen
    /// runnable all that time, waited all of it.
    #[test]
    fn a_wait_seen_runnable_counts_in_full() {
        let taken = [
            reading(0, 40, true),
            reading(900, 40, true),
            reading(1100, 40, false),
            reading(1500, 40, false),
            reading(1800, 840, true),
        ];
        let waited = real_waits(&taken, &taken[0], &taken[4]);
        assert_eq!(waited, Duration::from_millis(800));
    }
}
