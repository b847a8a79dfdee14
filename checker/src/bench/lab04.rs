//! `checker bench lab4`: the port scanner against `nmap -sT -T5`, on one
//! machine in one run, over the same listeners: all of 1-65535 on
//! 127.0.0.1, with a few open ports and a few hundred filtered ones (the
//! ports that make concurrency matter). Prints both times, the ratio, and
//! whether the two found the same open ports.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Figure, LoadWatch, Options, Rounds};
use crate::labs::lab04::{Ports, full_scan_lock};

/// Open and filtered ports the benchmark holds (`--users` sets how many
/// filtered, e.g. `--users 300`).
const OPEN: usize = 10;
const FILTERED: &[usize] = &[300];

/// The timeout both scanners use: nmap -T5 waits at most 300 ms for a
/// probe (its --max-rtt-timeout), so the scanner is given the same.
const TIMEOUT_MS: u64 = 300;

pub fn run(options: &Options) -> Result<(), String> {
    let nmap = nmap()?;
    println!("  against {nmap}");
    for filtered in options.counts_or(FILTERED) {
        let ports = listeners(filtered)?;
        println!(
            "  127.0.0.1, ports 1-65535: {} open ports of the checker's ({}), {} filtered; timeout {TIMEOUT_MS} ms",
            ports.open.len(),
            ports
                .open
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            ports.filtered.len()
        );
        let mut rounds = Rounds::new();
        for _ in 0..options.rounds {
            // One full scan at a time on the machine (see labs::lab04).
            let (lock, _) = full_scan_lock();
            let watch = LoadWatch::start(&[]);
            let (ours, ours_open) = scan_ours(options)?;
            let (theirs, nmap_open) = scan_nmap()?;
            let load = watch.stop();
            drop(lock);
            let same = ours_open == nmap_open;
            let missed: Vec<&u16> = ports.open.difference(&ours_open).collect();
            println!(
                "  scanner {:.2} s, nmap {:.2} s: {:.1}x as fast; open ports {}{}",
                ours.as_secs_f64(),
                theirs.as_secs_f64(),
                theirs.as_secs_f64() / ours.as_secs_f64(),
                if same {
                    format!("the same ({})", ours_open.len())
                } else {
                    format!(
                        "DIFFER: scanner only {:?}, nmap only {:?}",
                        ours_open.difference(&nmap_open).collect::<Vec<_>>(),
                        nmap_open.difference(&ours_open).collect::<Vec<_>>()
                    )
                },
                if missed.is_empty() {
                    String::new()
                } else {
                    format!("; the scanner MISSED the checker's {missed:?}")
                }
            );
            rounds.add(
                vec![
                    Figure::new("scanner", ours.as_secs_f64(), "s", 2),
                    Figure::new("nmap -sT -T5", theirs.as_secs_f64(), "s", 2),
                    Figure::new(
                        "nmap time / scanner time",
                        theirs.as_secs_f64() / ours.as_secs_f64(),
                        "",
                        1,
                    ),
                    Figure::new("same open ports", if same { 1.0 } else { 0.0 }, "", 0),
                ],
                load,
            );
        }
        print!("{}", rounds.summary("    "));
    }
    Ok(())
}

/// The open ports the checker listens on, and `filtered` listeners whose
/// accept queue is full, at random ports of 1024-65535.
fn listeners(filtered: usize) -> Result<Ports, String> {
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut ports = Ports::default();
    let mut rng = crate::harness::Rng::new(std::hash::BuildHasher::hash_one(
        &std::collections::hash_map::RandomState::new(),
        filtered,
    ));
    for _ in 0..100_000 {
        if ports.open.len() >= OPEN && ports.filtered.len() >= filtered {
            return Ok(ports);
        }
        let port = rng.range(1024, 65536) as u16;
        if ports.open.len() < OPEN {
            ports.listen_open(localhost, port);
        } else {
            ports
                .listen_filtered(localhost, port)
                .map_err(|f| f.message)?;
        }
    }
    Err("could not find free ports to listen on".to_string())
}

/// Times the scanner over all ports; returns its time and open ports.
fn scan_ours(options: &Options) -> Result<(Duration, BTreeSet<u16>), String> {
    let timeout = TIMEOUT_MS.to_string();
    let exe = options
        .target
        .exe()
        .ok_or("the scanner benchmark runs an executable (--exe), not a command")?;
    let mut scanner = Command::new(exe);
    scanner.args(["scan", "127.0.0.1", "-p", "-", "--timeout", &timeout]);
    timed(scanner, "the scanner", &options.target.shown)
}

/// Times nmap over all ports; returns its time and open ports.
fn scan_nmap() -> Result<(Duration, BTreeSet<u16>), String> {
    // -sT: connect() scan, like ours; -T5: its fastest timing; -n: no DNS;
    // -Pn: no ping first (the host is up).
    let mut nmap = Command::new("nmap");
    nmap.args(["-sT", "-T5", "-p-", "-n", "-Pn", "127.0.0.1"]);
    timed(nmap, "nmap", "nmap")
}

/// Runs a scan to its end; returns how long it took and the open ports
/// it printed. `who` names it in a failure, `shown` in one to start it.
fn timed(mut scan: Command, who: &str, shown: &str) -> Result<(Duration, BTreeSet<u16>), String> {
    let started = Instant::now();
    let output = scan
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "{who} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok((
        elapsed,
        open_ports(&String::from_utf8_lossy(&output.stdout)),
    ))
}

/// The ports of lines `22/tcp open ssh` (ours) or `22/tcp  open  ssh`
/// (nmap's).
fn open_ports(text: &str) -> BTreeSet<u16> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let port = words.next()?.strip_suffix("/tcp")?.parse().ok()?;
            (words.next()? == "open").then_some(port)
        })
        .collect()
}

/// nmap's version line, installing Debian's nmap if it is missing and we
/// may (root with apt-get). An error says how to get it otherwise.
fn nmap() -> Result<String, String> {
    let version = || {
        Command::new("nmap")
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .next()
                    .map(str::to_string)
            })
    };
    if let Some(line) = version() {
        return Ok(line);
    }
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        println!("  nmap is not installed: apt-get install -y nmap");
        let install = || {
            Command::new("apt-get")
                .args(["install", "-y", "-q", "nmap"])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if !install() {
            let _ = Command::new("apt-get")
                .args(["update", "-q"])
                .stdout(Stdio::null())
                .status();
            install();
        }
        if let Some(line) = version() {
            return Ok(line);
        }
    }
    Err(
        "skipped: this benchmark compares with nmap, which is not installed and could not be \
         installed here (sudo apt-get install nmap, or your system's package)"
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_ports_are_read_from_both_outputs() {
        let nmap = "PORT      STATE SERVICE\n22/tcp    open  ssh\n631/tcp   open  ipp\nNot shown: 65533 closed tcp ports\n";
        assert_eq!(open_ports(nmap), BTreeSet::from([22, 631]));
        assert_eq!(
            open_ports("22/tcp open ssh\n40123/tcp open unknown\n"),
            BTreeSet::from([22, 40123])
        );
    }
}
