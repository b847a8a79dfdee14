//! `checker bench lab3`: drives a chat server with many simulated users and
//! prints what it delivers: deliveries per second, broadcast latency
//! (p50/p99/max) and the server's peak memory. Numbers, not pass/fail.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::harness::{Ctx, Target};

/// One benchmark run's settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub users: usize,
    /// Messages per second, in total (each reaches every user).
    pub rate: u32,
    pub seconds: u32,
}

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Measured {
    pub settings: Settings,
    pub join_time: Duration,
    pub sent: u64,
    pub expected: u64,
    pub delivered: u64,
    pub deliveries_per_second: f64,
    /// Microseconds from send to receipt: p50, p99, max.
    pub latency_us: [u64; 3],
    /// The server's peak resident memory (VmHWM), in KiB.
    pub peak_kib: Option<u64>,
    pub users_dropped: u64,
}

/// Raises the soft limit on open files to the hard one: 1000 users are
/// 1000 sockets here and about 3000 descriptors in the server.
pub fn raise_file_limit() {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// Runs one benchmark against the chat server `target`.
pub fn chat(target: &Target, settings: &Settings) -> Result<Measured, String> {
    let mut ctx = Ctx::new(target.clone(), 1.0, 1);
    let server = ctx.start_server(&[]).map_err(|f| f.message)?;
    let epoch = Instant::now();
    // One thread reads every user's socket (epoll), so that the measuring
    // side does not compete with the server for the CPU with a thousand
    // threads of its own.
    let readers = Readers::start(epoch)?;

    let mut writers = Vec::with_capacity(settings.users);
    for i in 0..settings.users {
        let nick = format!("b{i:04}");
        let stream = TcpStream::connect(server.addr).map_err(|e| format!("user {nick}: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        (&stream)
            .write_all(format!("{nick}\n").as_bytes())
            .map_err(|e| e.to_string())?;
        let welcome = read_welcome(&stream).map_err(|e| format!("user {nick}: {e}"))?;
        if welcome != format!("WELCOME {nick}") {
            return Err(format!("user {nick} was not welcomed: {welcome:?}"));
        }
        readers.add(stream.try_clone().map_err(|e| e.to_string())?)?;
        writers.push(stream);
    }
    // Every join is announced to everyone already there: N(N+1)/2 lines.
    // Wait until all have arrived, so that measuring starts with empty
    // queues.
    let notices = (settings.users * (settings.users + 1) / 2) as u64;
    let settle = Instant::now() + Duration::from_secs(30);
    while readers.counters.joins.load(Ordering::Relaxed) < notices && Instant::now() < settle {
        thread::sleep(Duration::from_millis(20));
    }
    let join_time = epoch.elapsed();

    // Send at a steady rate, round robin over the users, for the duration.
    let total = u64::from(settings.rate) * u64::from(settings.seconds);
    let interval = Duration::from_secs(1) / settings.rate;
    let started = Instant::now();
    for seq in 0..total {
        let due = started + interval * seq as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            thread::sleep(wait);
        }
        let sent_us = epoch.elapsed().as_micros() as u64;
        let sender = &writers[seq as usize % writers.len()];
        let _ = (&*sender).write_all(format!("bench {seq} {sent_us}\n").as_bytes());
    }
    let sending_time = started.elapsed();

    // Let the last messages arrive, giving up after 2 s.
    let expected = total * settings.users as u64;
    let settle = Instant::now() + Duration::from_secs(2);
    while readers.delivered() < expected && Instant::now() < settle {
        thread::sleep(Duration::from_millis(20));
    }
    let peak_kib = peak_memory_kib(server.program.pid());
    server.program.kill();
    let (mut latencies, silent_users) = readers.finish();
    latencies.sort_unstable();
    let percentile = |p: f64| -> u64 {
        if latencies.is_empty() {
            return 0;
        }
        latencies[((latencies.len() - 1) as f64 * p).round() as usize]
    };
    let delivered = latencies.len() as u64;
    Ok(Measured {
        settings: settings.clone(),
        join_time,
        sent: total,
        expected,
        delivered,
        deliveries_per_second: delivered as f64 / sending_time.as_secs_f64(),
        latency_us: [percentile(0.5), percentile(0.99), percentile(1.0)],
        peak_kib,
        users_dropped: silent_users,
    })
}

/// The measuring side: one thread with an epoll set of every user's socket,
/// recording the latency of each bench message as it arrives.
struct Readers {
    epoll: i32,
    sockets: mpsc::Sender<TcpStream>,
    counters: Arc<Counters>,
    thread: thread::JoinHandle<(Vec<u64>, u64)>,
}

/// What the reading thread shares with the driving one.
#[derive(Default)]
struct Counters {
    /// Bench messages received, by all users together.
    delivered: AtomicU64,
    /// `* <nick> joined` lines received, by all users together.
    joins: AtomicU64,
    stop: AtomicBool,
}

impl Readers {
    fn start(epoch: Instant) -> Result<Readers, String> {
        // SAFETY: epoll_create1 has no memory preconditions.
        let epoll = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if epoll < 0 {
            return Err(format!(
                "epoll_create1: {}",
                std::io::Error::last_os_error()
            ));
        }
        let (sockets, incoming) = mpsc::channel();
        let counters = Arc::new(Counters::default());
        let shared = Arc::clone(&counters);
        let thread = thread::spawn(move || read_all(epoll, incoming, epoch, &shared));
        Ok(Readers {
            epoll,
            sockets,
            counters,
            thread,
        })
    }

    /// Starts watching a user's socket.
    fn add(&self, stream: TcpStream) -> Result<(), String> {
        stream.set_nonblocking(true).map_err(|e| e.to_string())?;
        let fd = stream.as_raw_fd();
        // The reader gets the stream before its first event can arrive.
        self.sockets.send(stream).map_err(|e| e.to_string())?;
        let mut event = libc::epoll_event {
            events: libc::EPOLLIN as u32,
            u64: fd as u64,
        };
        // SAFETY: a valid epoll fd, a valid socket fd, a pointer to a local.
        if unsafe { libc::epoll_ctl(self.epoll, libc::EPOLL_CTL_ADD, fd, &mut event) } < 0 {
            return Err(format!("epoll_ctl: {}", std::io::Error::last_os_error()));
        }
        Ok(())
    }

    fn delivered(&self) -> u64 {
        self.counters.delivered.load(Ordering::Relaxed)
    }

    /// Stops reading; returns every latency and how many users got nothing.
    fn finish(self) -> (Vec<u64>, u64) {
        self.counters.stop.store(true, Ordering::Relaxed);
        let result = self.thread.join().unwrap_or_default();
        // SAFETY: closing the epoll fd we created, once.
        unsafe { libc::close(self.epoll) };
        result
    }
}

fn read_all(
    epoll: i32,
    incoming: mpsc::Receiver<TcpStream>,
    epoch: Instant,
    counters: &Counters,
) -> (Vec<u64>, u64) {
    let mut users: HashMap<i32, (TcpStream, Vec<u8>, u64)> = HashMap::new();
    let mut latencies = Vec::new();
    let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
    let mut buffer = vec![0u8; 64 * 1024];
    while !counters.stop.load(Ordering::Relaxed) {
        for stream in incoming.try_iter() {
            users.insert(stream.as_raw_fd(), (stream, Vec::new(), 0));
        }
        // SAFETY: `events` has room for `events.len()` entries.
        let ready =
            unsafe { libc::epoll_wait(epoll, events.as_mut_ptr(), events.len() as i32, 50) };
        for event in events.iter().take(ready.max(0) as usize) {
            let fd = event.u64 as i32;
            let Some((stream, pending, count)) = users.get_mut(&fd) else {
                continue;
            };
            loop {
                match stream.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => pending.extend_from_slice(&buffer[..n]),
                    Err(_) => break,
                }
            }
            let now_us = epoch.elapsed().as_micros() as u64;
            let mut start = 0;
            while let Some(end) = pending[start..].iter().position(|&b| b == b'\n') {
                let line = &pending[start..start + end];
                start += end + 1;
                if let Some(sent_us) = bench_timestamp(line) {
                    latencies.push(now_us.saturating_sub(sent_us));
                    *count += 1;
                    counters.delivered.fetch_add(1, Ordering::Relaxed);
                } else if line.starts_with(b"* ") && line.ends_with(b" joined") {
                    counters.joins.fetch_add(1, Ordering::Relaxed);
                }
            }
            pending.drain(..start);
        }
    }
    let silent = users.values().filter(|(_, _, count)| *count == 0).count() as u64;
    (latencies, silent)
}

/// Reads `WELCOME <nick>` a byte at a time: a buffered reader could take
/// the join notices behind it too, and the measuring thread must see them.
fn read_welcome(mut stream: &TcpStream) -> std::io::Result<String> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while line.len() < 200 {
        if stream.read(&mut byte)? == 0 {
            break;
        }
        if byte[0] == b'\n' {
            break;
        }
        line.push(byte[0]);
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
}

/// The send time in `b0001: bench <seq> <microseconds>`.
fn bench_timestamp(line: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(line).ok()?;
    let (_, rest) = text.split_once(": bench ")?;
    rest.split(' ').nth(1)?.parse().ok()
}

/// VmHWM of a process: the most resident memory it has had, in KiB.
fn peak_memory_kib(pid: i32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One line per run.
pub fn describe(m: &Measured) -> String {
    let s = &m.settings;
    let memory = m.peak_kib.map_or("unknown".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    });
    format!(
        "{} users, {} msg/s for {} s: joined in {:.2} s; {} of {} deliveries ({} lost, {} users got nothing), \
         {:.0} deliveries/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; server peak memory {memory}",
        s.users,
        s.rate,
        s.seconds,
        m.join_time.as_secs_f64(),
        m.delivered,
        m.expected,
        m.expected.saturating_sub(m.delivered),
        m.users_dropped,
        m.deliveries_per_second,
        m.latency_us[0] as f64 / 1000.0,
        m.latency_us[1] as f64 / 1000.0,
        m.latency_us[2] as f64 / 1000.0,
    )
}
