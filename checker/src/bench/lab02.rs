//! `checker bench lab2`: many games of rock-paper-scissors at once. The
//! checker connects all the players (1000 unless `--users` says otherwise:
//! 500 games), waits until every game has asked for round 1, and then lets
//! them all play at once: two draws, then three rounds player 1 wins, five
//! rounds a game. It prints completed games per second, the latency of a
//! round (from the second choice sent to both RESULT lines received:
//! p50/p99/max), and the server's peak memory and threads.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::{Figure, Latencies, LoadWatch, OnLine, Options, Readers, Rounds};
use crate::harness::{Ctx, Target};

/// Players per run, unless `--users` gives others (two per game).
const PLAYERS: &[usize] = &[1000];

/// Rounds each game lasts: draws first, then player 1 wins three.
const DRAWS: u32 = 2;
const ROUNDS: u32 = DRAWS + 3;

pub fn run(options: &Options) -> Result<(), String> {
    for players in options.counts_or(PLAYERS) {
        let games = (players / 2).max(1);
        println!(
            "  {} players, {games} games at once, {ROUNDS} rounds each ({DRAWS} draws, then 3:0)",
            games * 2
        );
        Rounds::print(
            options.rounds,
            || tournament(&options.target, games),
            describe,
            figures,
        )?;
    }
    Ok(())
}

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Measured {
    pub games: usize,
    pub connect_time: Duration,
    pub completed: u64,
    pub play_time: Duration,
    pub games_per_second: f64,
    /// Microseconds from the second choice to both RESULT lines.
    pub latency: super::Percentiles,
    pub peak_kib: Option<u64>,
    pub peak_threads: u64,
    pub errors: u64,
}

/// One run: start the server, connect `2 × games` players, play.
pub fn tournament(target: &Target, games: usize) -> Result<(Measured, super::Load), String> {
    let mut ctx = Ctx::new(target.clone(), 1.0, 1);
    // On a loopback address of its own: a port scan of 127.0.0.1 elsewhere
    // on the machine would become a player and shift every pair after it.
    let host = ctx.own_loopback();
    let server = ctx
        .start_server_on(host, 0, &[])
        .map_err(|f| f.message.to_string())?;
    let pid = server.program.pid();
    let watch = LoadWatch::start(&[pid]);
    let epoch = Instant::now();
    let shared = Arc::new(Shared::new(games));
    let mut readers = Readers::start(
        epoch,
        Players {
            shared: Arc::clone(&shared),
            epoch,
            games: vec![GameState::default(); games],
            latencies: Latencies::default(),
        },
    )?;

    // The server pairs players in the order it accepts them, which is the
    // order they connect: connections 2g and 2g+1 are game g.
    let mut writers = Vec::with_capacity(games * 2);
    for i in 0..games * 2 {
        let stream =
            TcpStream::connect(server.addr).map_err(|e| format!("player {}: {e}", i + 1))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let stream = Arc::new(stream);
        readers.add(Arc::clone(&stream))?;
        writers.push(stream);
    }
    let mut peak_threads = 0;
    let asked = super::wait_until(Duration::from_secs(30), || {
        peak_threads = peak_threads.max(threads(pid));
        shared.asked.load(Ordering::Relaxed) >= (games * 2) as u64
    });
    let connect_time = epoch.elapsed();
    if !asked {
        server.program.kill();
        return Err(format!(
            "only {} of {} players were asked for round 1 within 30 s (WELCOME, START, ROUND 1)",
            shared.asked.load(Ordering::Relaxed),
            games * 2
        ));
    }

    // Go: round 1's choices for every game, as fast as they can be
    // written; the reading thread plays the rounds after that.
    let started = Instant::now();
    for (game, pair) in writers.chunks(2).enumerate() {
        let _ = (&*pair[0]).write_all(choice(0, 1).as_bytes());
        shared.second_sent_us[game].store(epoch.elapsed().as_micros() as u64, Ordering::SeqCst);
        let _ = (&*pair[1]).write_all(choice(1, 1).as_bytes());
    }
    super::wait_until(Duration::from_secs(60), || {
        peak_threads = peak_threads.max(threads(pid));
        shared.completed.load(Ordering::Relaxed) >= games as u64
    });
    let play_time = started.elapsed();
    let peak_kib = super::peak_memory_kib(pid);
    let load = watch.stop();
    server.program.kill();
    let mut players = readers.finish()?;
    let completed = shared.completed.load(Ordering::Relaxed);
    let measured = Measured {
        games,
        connect_time,
        completed,
        play_time,
        games_per_second: completed as f64 / play_time.as_secs_f64(),
        latency: players.latencies.percentiles(),
        peak_kib,
        peak_threads,
        errors: shared.errors.load(Ordering::Relaxed),
    };
    Ok((measured, load))
}

/// A player's choice in round `round`: draws first, then player 1 wins.
fn choice(player: usize, round: u32) -> &'static str {
    match (round <= DRAWS, player) {
        (true, _) => "papier\n",
        (false, 0) => "kamień\n",
        (false, _) => "nożyce\n",
    }
}

/// The server's threads now (the figure a thread per player costs).
fn threads(pid: i32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Threads:"))
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(0)
}

/// What the reading thread shares with the driving one.
struct Shared {
    /// Players who have been asked for round 1.
    asked: AtomicU64,
    /// Games both of whose players got GAME OVER.
    completed: AtomicU64,
    /// Lines that were not what the protocol says (ERROR, a wrong WELCOME,
    /// a wrong RESULT).
    errors: AtomicU64,
    /// When the second choice of each game's current round was sent, in
    /// microseconds since the epoch.
    second_sent_us: Vec<AtomicU64>,
}

impl Shared {
    fn new(games: usize) -> Shared {
        Shared {
            asked: AtomicU64::new(0),
            completed: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            second_sent_us: (0..games).map(|_| AtomicU64::new(0)).collect(),
        }
    }
}

#[derive(Debug, Default, Clone)]
struct GameState {
    /// Choices sent and RESULT lines received in the current round.
    chosen: u8,
    results: u8,
    over: u8,
}

/// The players, all of them played by the reading thread.
struct Players {
    shared: Arc<Shared>,
    epoch: Instant,
    games: Vec<GameState>,
    latencies: Latencies,
}

impl OnLine for Players {
    fn line(&mut self, conn: usize, stream: &TcpStream, line: &[u8], at_us: u64) {
        let (game, player) = (conn / 2, conn % 2);
        let Some(state) = self.games.get_mut(game) else {
            return;
        };
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches('\r');
        if let Some(n) = text.strip_prefix("ROUND ") {
            let round: u32 = n.trim().parse().unwrap_or(0);
            if round == 1 {
                self.shared.asked.fetch_add(1, Ordering::Relaxed);
                return; // the driving thread starts every game at once
            }
            state.chosen += 1;
            if state.chosen == 2 {
                state.chosen = 0;
                let now = self.epoch.elapsed().as_micros() as u64;
                self.shared.second_sent_us[game].store(now, Ordering::SeqCst);
            }
            // A short line into an empty send buffer: it fits.
            let _ = (&*stream).write_all(choice(player, round).as_bytes());
        } else if text.starts_with("RESULT ") {
            state.results += 1;
            if state.results == 2 {
                state.results = 0;
                let sent = self.shared.second_sent_us[game].load(Ordering::SeqCst);
                self.latencies.record(at_us.saturating_sub(sent));
            }
        } else if text.starts_with("GAME OVER") {
            state.over += 1;
            if state.over == 2 {
                self.shared.completed.fetch_add(1, Ordering::Relaxed);
            }
        } else if text.starts_with("WELCOME ") {
            if text != format!("WELCOME {}", player + 1) {
                self.shared.errors.fetch_add(1, Ordering::Relaxed);
            }
        } else if text != "WAIT" && !text.starts_with("START ") {
            self.shared.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// The figures the rounds are summarised by.
fn figures(m: &Measured) -> Vec<Figure> {
    vec![
        Figure::new("connected in", m.connect_time.as_secs_f64(), "s", 2),
        Figure::new("games/s", m.games_per_second, "", 0),
        Figure::new("round p50", m.latency.p50 as f64 / 1000.0, "ms", 2),
        Figure::new("round p99", m.latency.p99 as f64 / 1000.0, "ms", 2),
        Figure::new("round max", m.latency.max as f64 / 1000.0, "ms", 2),
        Figure::new(
            "peak memory",
            m.peak_kib.unwrap_or(0) as f64 / 1024.0,
            "MiB",
            1,
        ),
        Figure::new("peak threads", m.peak_threads as f64, "", 0),
    ]
}

/// One line per run.
pub fn describe(m: &Measured) -> String {
    let memory = m.peak_kib.map_or("unknown".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    });
    format!(
        "connected in {:.2} s; {} of {} games completed in {:.2} s, {:.0} games/s; \
         round latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} rounds); \
         server peak memory {memory}, {} threads{}",
        m.connect_time.as_secs_f64(),
        m.completed,
        m.games,
        m.play_time.as_secs_f64(),
        m.games_per_second,
        m.latency.p50 as f64 / 1000.0,
        m.latency.p99 as f64 / 1000.0,
        m.latency.max as f64 / 1000.0,
        m.latency.count,
        m.peak_threads,
        if m.errors > 0 {
            format!("; {} UNEXPECTED LINES", m.errors)
        } else {
            String::new()
        }
    )
}
