//! `checker bench lab3`: drives a chat server with many simulated users and
//! prints what it delivers: deliveries per second, broadcast latency
//! (p50/p99/max) and the server's peak memory.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::{Figure, Latencies, LoadWatch, OnLine, Options, Readers, Rounds, plot};
use crate::harness::{Ctx, Target};

/// Users per run, messages per second and seconds, unless given.
const USERS: &[usize] = &[100, 1000];
const RATE: u32 = 100;
const SECONDS: u32 = 5;
/// Users who connect and send their nicks before reading their welcomes.
const JOIN_WAVE: usize = 100;

/// `checker bench lab3`: for each number of users and each server (the
/// one measured, then `--vs`'s), `--rounds` runs, each described on a
/// line, then their median and spread; and the chart, with `--plot`.
pub fn run(options: &Options) -> Result<(), String> {
    run_with(options, USERS, "lab3")
}

/// `checker bench lab6`: the same chat, a crowd: 1000 and 10 000 users.
pub fn run_crowd(options: &Options) -> Result<(), String> {
    run_with(options, CROWD, "lab6")
}

/// Users per run of `bench lab6`, unless given.
const CROWD: &[usize] = &[1000, 10_000];

fn run_with(options: &Options, users: &[usize], name: &str) -> Result<(), String> {
    let rate = options.rate.unwrap_or(RATE);
    let seconds = options.seconds.unwrap_or(SECONDS);
    let servers = options.servers();
    let mut series = Vec::new();
    for users in options.counts_or(users) {
        let settings = Settings {
            users,
            rate,
            seconds,
        };
        for &(name, target) in &servers {
            if servers.len() > 1 {
                println!("  {name}:");
            }
            let mut all = plot::Series {
                server: name.to_string(),
                users,
                latencies_us: Vec::new(),
                delivered_pct: 0.0,
            };
            let (mut delivered, mut expected) = (0, 0);
            Rounds::print(
                options.rounds,
                || {
                    let (measured, load) = chat(target, &settings)?;
                    all.latencies_us
                        .extend_from_slice(measured.latencies.values());
                    delivered += measured.delivered;
                    expected += measured.expected;
                    Ok((measured, load))
                },
                describe,
                figures,
            )?;
            all.delivered_pct = 100.0 * delivered as f64 / expected.max(1) as f64;
            series.push(all);
        }
    }
    if let Some(path) = &options.plot {
        let title = format!("bench {name}: {rate} messages/s for {seconds} s");
        plot::write_svg(path, &title, &series)?;
        println!("chart: {}", path.display());
    }
    Ok(())
}

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
    /// Every delivery's latency, for the chart.
    pub latencies: Latencies,
    /// The server's peak resident memory (VmHWM), in KiB.
    pub peak_kib: Option<u64>,
    /// The server's threads once every user has joined and the last
    /// message was sent: a thread per user, or one loop.
    pub threads: Option<usize>,
    pub users_dropped: u64,
}

/// Runs one benchmark against the chat server `target`; also says how busy
/// the machine was meanwhile.
pub fn chat(target: &Target, settings: &Settings) -> Result<(Measured, super::Load), String> {
    // Each user is one file of the checker's (its socket, which the
    // readers watch and the sender writes on) and one of the server's.
    let files = rlimit::Resource::NOFILE.get().map_or(0, |(soft, _)| soft);
    let needed = settings.users as u64 + 256;
    if files < needed {
        return Err(format!(
            "{} users need about {needed} open files and this machine lets the checker have {files}: \
             raise the hard limit (ulimit -Hn as root, LimitNOFILE in systemd), or measure fewer (--users)",
            settings.users
        ));
    }
    let mut ctx = Ctx::new(target.clone(), 1.0, 1);
    let server = ctx.start_server(&[]).map_err(|f| f.message)?;
    let watch = LoadWatch::start(&[server.program.pid()]);
    let epoch = Instant::now();
    let counters = Arc::new(Counters::default());
    let mut readers = Readers::start(
        epoch,
        Users {
            counters: Arc::clone(&counters),
            latencies: Latencies::default(),
            received: vec![0; settings.users],
        },
    )?;

    // Users arrive in waves, as a crowd does: a wave connects and sends
    // its nicks, then reads its welcomes. (One at a time, each waiting for
    // its welcome, would measure round trips, not the server.)
    let mut writers = Vec::with_capacity(settings.users);
    for wave in (0..settings.users).collect::<Vec<_>>().chunks(JOIN_WAVE) {
        let mut arriving = Vec::with_capacity(wave.len());
        for &i in wave {
            let nick = format!("b{i:04}");
            let stream =
                TcpStream::connect(server.addr).map_err(|e| format!("user {nick}: {e}"))?;
            stream.set_nodelay(true).map_err(|e| e.to_string())?;
            (&stream)
                .write_all(format!("{nick}\n").as_bytes())
                .map_err(|e| e.to_string())?;
            arriving.push((nick, stream));
        }
        for (nick, stream) in arriving {
            let welcome = read_welcome(&stream).map_err(|e| format!("user {nick}: {e}"))?;
            if welcome != format!("WELCOME {nick}") {
                return Err(format!("user {nick} was not welcomed: {welcome:?}"));
            }
            let stream = Arc::new(stream);
            readers.add(Arc::clone(&stream))?;
            writers.push(stream);
        }
    }
    // Every join is announced to everyone already there: N(N+1)/2 lines.
    // Wait until all have arrived, so that measuring starts with empty
    // queues, for as long as they keep arriving.
    let notices = (settings.users * (settings.users + 1) / 2) as u64;
    let all_joined = super::wait_while_growing(
        notices,
        Duration::from_secs(5),
        Duration::from_secs(600),
        || counters.joins.load(Ordering::Relaxed),
    );
    let join_time = epoch.elapsed();
    if !all_joined {
        eprintln!(
            "bench: {} of {notices} join announcements arrived before they stopped coming; measuring with the rest still queued",
            counters.joins.load(Ordering::Relaxed)
        );
    }

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
        let _ = (&**sender).write_all(format!("bench {seq} {sent_us}\n").as_bytes());
    }
    let sending_time = started.elapsed();

    // Let the last messages arrive, giving up after 2 s.
    let expected = total * settings.users as u64;
    super::wait_until(Duration::from_secs(2), || {
        counters.delivered.load(Ordering::Relaxed) >= expected
    });
    let peak_kib = super::peak_memory_kib(server.program.pid());
    let threads = server.program.thread_count();
    let load = watch.stop();
    server.program.kill();
    let mut users = readers.finish()?;
    let latency = users.latencies.percentiles();
    let delivered = latency.count as u64;
    let measured = Measured {
        settings: settings.clone(),
        join_time,
        sent: total,
        expected,
        delivered,
        deliveries_per_second: delivered as f64 / sending_time.as_secs_f64(),
        latency_us: [latency.p50, latency.p99, latency.max],
        peak_kib,
        threads,
        users_dropped: users.received.iter().filter(|&&n| n == 0).count() as u64,
        latencies: users.latencies,
    };
    Ok((measured, load))
}

/// What the reading thread shares with the driving one while it runs.
#[derive(Default)]
struct Counters {
    /// Bench messages received, by all users together.
    delivered: AtomicU64,
    /// `* <nick> joined` lines received, by all users together.
    joins: AtomicU64,
}

/// The users' side of the measurement: the latency of each bench message
/// as it arrives.
struct Users {
    counters: Arc<Counters>,
    latencies: Latencies,
    /// Bench messages each user received.
    received: Vec<u64>,
}

impl OnLine for Users {
    fn line(&mut self, conn: usize, _: &TcpStream, line: &[u8], at_us: u64) {
        if let Some(sent_us) = bench_timestamp(line) {
            self.latencies.record(at_us.saturating_sub(sent_us));
            self.received[conn] += 1;
            self.counters.delivered.fetch_add(1, Ordering::Relaxed);
        } else if line.starts_with(b"* ") && line.ends_with(b" joined") {
            self.counters.joins.fetch_add(1, Ordering::Relaxed);
        }
    }
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
    let line = line.strip_suffix(b"\r").unwrap_or(&line);
    Ok(String::from_utf8_lossy(line).into_owned())
}

/// The send time in `b0001: bench <seq> <microseconds>`.
fn bench_timestamp(line: &[u8]) -> Option<u64> {
    let text = std::str::from_utf8(line).ok()?;
    let (_, rest) = text.split_once(": bench ")?;
    rest.trim_end_matches('\r').split(' ').nth(1)?.parse().ok()
}

/// The figures the rounds are summarised by.
fn figures(m: &Measured) -> Vec<Figure> {
    vec![
        Figure::new("joined in", m.join_time.as_secs_f64(), "s", 2),
        Figure::new(
            "delivered",
            100.0 * m.delivered as f64 / m.expected.max(1) as f64,
            "%",
            1,
        ),
        Figure::new("deliveries/s", m.deliveries_per_second, "", 0),
        Figure::new("latency p50", m.latency_us[0] as f64 / 1000.0, "ms", 2),
        Figure::new("latency p99", m.latency_us[1] as f64 / 1000.0, "ms", 2),
        Figure::new("latency max", m.latency_us[2] as f64 / 1000.0, "ms", 2),
        Figure::new(
            "peak memory",
            m.peak_kib.unwrap_or(0) as f64 / 1024.0,
            "MiB",
            1,
        ),
        Figure::new("threads", m.threads.unwrap_or(0) as f64, "", 0),
    ]
}

/// One line per run.
pub fn describe(m: &Measured) -> String {
    let s = &m.settings;
    let memory = m.peak_kib.map_or("unknown".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    });
    let threads = m.threads.map_or("unknown".to_string(), |n| n.to_string());
    format!(
        "{} users, {} msg/s for {} s: joined in {:.2} s; {} of {} deliveries ({} lost, {} users got nothing), \
         {:.0} deliveries/s; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; server peak memory {memory}, {threads} threads",
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
