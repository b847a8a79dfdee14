//! The sampler of the kernel's socket tables while a scan runs: every
//! port that listened at some time during the scan, and the scanner's
//! connect()s in progress (how many at once, and how long each waited).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::harness::sockets;

/// One connect() of the scanner's to a counted port, as the samples saw
/// its socket in SYN-SENT. Each bound is taken on the safe side of the
/// sample (its start or its end), so that a sampler slowed down by a
/// loaded machine only widens the bounds, never puts them wrong.
#[derive(Clone, Copy, Debug)]
pub(super) struct Try {
    /// When the sample before the first that saw it started, and when the
    /// first that saw it ended.
    pub(super) before: Instant,
    pub(super) first: Instant,
    /// When the last sample that saw it started, and when the first that
    /// no longer saw it ended (None: still there when the sampling stopped).
    pub(super) last: Instant,
    pub(super) gone: Option<Instant>,
}

impl Try {
    /// It waited for an answer at least this long.
    pub(super) fn at_least(&self) -> Duration {
        self.last.saturating_duration_since(self.first)
    }

    /// And at most this long (`stopped`: when the sampling ended).
    pub(super) fn at_most(&self, stopped: Instant) -> Duration {
        self.gone.unwrap_or(stopped) - self.before
    }
}

/// What the sampler has seen so far, and whether to stop.
#[derive(Default)]
pub(super) struct Sampled {
    /// Every port seen listening.
    listening: BTreeSet<u16>,
    /// The most connect()s of the scanner in progress at once to the
    /// ports being counted.
    most_at_once: usize,
    /// Each of those connect()s, by its socket's inode.
    tries: std::collections::BTreeMap<u32, Try>,
    /// When the last sample started.
    previous: Option<Instant>,
    /// The longest time between two samples that counted, the first of
    /// them counted from when the watch began: how well the samples saw
    /// the scan (a loaded machine may starve the sampler).
    max_gap: Duration,
    stopped: bool,
}

impl Sampled {
    /// Takes in a sample of the scanner's sockets in SYN-SENT, taken
    /// between `start` and `end`.
    pub(super) fn track(&mut self, sockets: &[(u16, u32)], start: Instant, end: Instant) {
        self.most_at_once = self.most_at_once.max(sockets.len());
        let before = self.previous.unwrap_or(start);
        // A socket neither this sample nor the one before saw lived
        // between the moment the one before looked at it (at the earliest
        // when it started) and the moment this one did (at the latest when
        // it ended): that is the gap a connect() may fall into unseen, and
        // a dump of the table slowed by a loaded machine widens it.
        // The first sample that counts is no exception: its `before` is
        // when the watch started, just before the scanner did, and a
        // sampler starved then would miss the scanner's first round.
        self.max_gap = self.max_gap.max(end - before);
        for &(_, inode) in sockets {
            self.tries
                .entry(inode)
                .and_modify(|t| t.last = start)
                .or_insert(Try {
                    before,
                    first: end,
                    last: start,
                    gone: None,
                });
        }
        for (inode, t) in self.tries.iter_mut() {
            if t.gone.is_none() && !sockets.iter().any(|(_, i)| i == inode) {
                t.gone = Some(end);
            }
        }
    }
}

/// Connections in progress to count: to `ports`, by the process `scanner`
/// (0 until it is started: until then there is nothing to count).
pub(super) struct InFlight {
    ports: RangeInclusive<u16>,
    scanner: AtomicI32,
}

/// The sampler's findings; its condition variable wakes it when it is
/// told to stop.
pub(super) type Watched = (Mutex<Sampled>, Condvar);

/// Samples the listening sockets on a thread until stopped: a server of
/// another test that lives only while the scan runs is seen too. If told
/// to, it also counts the scanner's connections in progress.
pub(super) struct SocketWatch {
    state: Arc<Watched>,
    counting: Option<Arc<InFlight>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SocketWatch {
    pub(super) fn start(counting: Option<RangeInclusive<u16>>) -> SocketWatch {
        // Before the scanner starts: the `before` of the sockets the first
        // sample that counts them sees.
        let first = Sampled {
            listening: sockets::listening_ports(),
            previous: Some(Instant::now()),
            ..Sampled::default()
        };
        let state = Arc::new((Mutex::new(first), Condvar::new()));
        let counting = counting.map(|ports| {
            Arc::new(InFlight {
                ports,
                scanner: AtomicI32::new(0),
            })
        });
        let shared = Arc::clone(&state);
        let counted = counting.clone();
        let thread = std::thread::spawn(move || {
            let (lock, stopped) = &*shared;
            // Each sample costs a dump of the machine's sockets: while
            // counting, the listening ones are asked for every 8th sample
            // only, and the scanner's processes every 32nd, so that many
            // tests sampling at once on a loaded machine still sample
            // often (a sampler starved for 300 ms would miss a connect()).
            let mut processes = BTreeSet::new();
            let mut n: u64 = 0;
            loop {
                let start = Instant::now();
                let now = (counted.is_none() || n % 8 == 0).then(sockets::listening_ports);
                let connecting =
                    counted
                        .as_ref()
                        .and_then(|c| match c.scanner.load(Ordering::Relaxed) {
                            0 => None,
                            pid => {
                                if n % 32 == 0 || !processes.contains(&pid) {
                                    processes = crate::harness::sandbox::descendants(pid);
                                }
                                Some(sockets::connecting(&c.ports, &processes))
                            }
                        });
                n += 1;
                let end = Instant::now();
                let mut guard = lock.lock().unwrap_or_else(|p| p.into_inner());
                guard.listening.extend(now.into_iter().flatten());
                if let Some(sockets) = connecting {
                    guard.track(&sockets, start, end);
                    guard.previous = Some(start);
                }
                if guard.stopped {
                    return;
                }
                // A sample every millisecond (a dump of the listening
                // sockets takes microseconds), or at once when stopped.
                let (guard, _) = stopped
                    .wait_timeout(guard, Duration::from_millis(1))
                    .unwrap_or_else(|p| p.into_inner());
                if guard.stopped {
                    return;
                }
            }
        });
        SocketWatch {
            state,
            counting,
            thread: Some(thread),
        }
    }

    /// From now on, counts the connections of the process `pid`.
    pub(super) fn scanner_is(&self, pid: i32) {
        if let Some(counting) = &self.counting {
            counting.scanner.store(pid, Ordering::Relaxed);
        }
    }

    /// Every port seen listening (the last sample taken now), the most
    /// connections seen in progress at once, each of them, and when the
    /// sampling stopped.
    pub(super) fn stop(mut self) -> (BTreeSet<u16>, usize, Vec<Try>, Instant, Duration) {
        let (lock, stopped) = &*self.state;
        lock.lock().unwrap_or_else(|p| p.into_inner()).stopped = true;
        stopped.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let stopped_at = Instant::now();
        let mut sampled = std::mem::take(&mut *lock.lock().unwrap_or_else(|p| p.into_inner()));
        sampled.listening.extend(sockets::listening_ports());
        let tries = sampled.tries.into_values().collect();
        // The time from the last sample to the end counts as a gap too.
        let last_gap = sampled.previous.map_or(Duration::ZERO, |p| stopped_at - p);
        let gap = sampled.max_gap.max(last_gap);
        (
            sampled.listening,
            sampled.most_at_once,
            tries,
            stopped_at,
            gap,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan that lost a round: the sampler, starved while the scanner
    /// started, first looked 300 ms after the watch began. Four connect()s
    /// of 300 ms could have come and gone unseen, so the samples were not
    /// close enough together to judge by, however close the rest were.
    #[test]
    fn a_sampler_late_to_its_first_look_counts_that_gap() {
        let began = Instant::now();
        let mut sampled = Sampled {
            previous: Some(began),
            ..Sampled::default()
        };
        let first = began + Duration::from_millis(300);
        sampled.track(&[(1000, 7)], first, first + Duration::from_millis(1));
        assert!(sampled.max_gap >= Duration::from_millis(300));
        sampled.previous = Some(first);
        let next = first + Duration::from_millis(2);
        sampled.track(&[], next, next + Duration::from_millis(1));
        assert!(sampled.max_gap >= Duration::from_millis(300));
        assert_eq!(sampled.tries.len(), 1);
    }
}
