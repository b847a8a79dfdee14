//! The command line glue: parse the arguments, find the host, size the
//! pool of workers, run the scan and print what it found. Your work is in
//! ports.rs, probe.rs and scan.rs.

use std::io::IsTerminal;
use std::net::{IpAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use lab04_scanner::cli::{Cli, Command, ScanArgs};
use lab04_scanner::{ports, report, scan};

/// A scan of more ports than this gets a progress bar (on a terminal).
const LONG_SCAN: usize = 1024;

/// Why the scanner gave up: the user's mistake (exit status 2, as for a
/// bad option) or a failure on the way (1).
enum Error {
    Usage(String),
    Failed(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.trace {
        socklab_trace::enable();
    }
    let Command::Scan(args) = cli.command;
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Error::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: ScanArgs) -> Result<(), Error> {
    let ports = ports::parse(&args.ports)
        .map_err(|e| Error::Usage(format!("bad port list -p {:?}: {e}", args.ports)))?;
    let ip = resolve(&args.host)?;
    let workers = workers(args.concurrency, ports.len());
    let progress = progress_bar(ports.len());
    let timeout = Duration::from_millis(args.timeout);

    let started = Instant::now();
    let found = scan::scan(ip, &ports, timeout, workers, &progress)
        .and_then(|mut found| scan::confirm(ip, &mut found, timeout).map(|()| found))
        .map_err(|e| Error::Failed(format!("the scan of {ip} stopped: {e}")))?;
    let elapsed = started.elapsed();
    progress.finish_and_clear();

    let mut stdout = std::io::stdout().lock();
    let printed = if args.json {
        use std::io::Write as _;
        let text = report::json(&args.host, ip, ports.len(), &found, elapsed);
        writeln!(stdout, "{text}").and_then(|()| stdout.flush())
    } else {
        report::write_lines(&mut stdout, &found)
    };
    printed.map_err(|e| Error::Failed(format!("cannot write the results: {e}")))?;
    eprintln!(
        "{}",
        report::summary(&args.host, ip, ports.len(), &found, elapsed)
    );
    Ok(())
}

/// The address to scan: an IP address as it is, or a name looked up once
/// (getaddrinfo: /etc/hosts, then DNS); the first address it has.
fn resolve(host: &str) -> Result<IpAddr, Error> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(ip);
    }
    let mut addrs = (bare, 0)
        .to_socket_addrs()
        .map_err(|e| Error::Failed(format!("cannot find the host {host:?}: {e}")))?;
    addrs
        .next()
        .map(|addr| addr.ip())
        .ok_or_else(|| Error::Failed(format!("the host {host:?} has no address")))
}

/// How many workers: scan::concurrency() under this process's limit on
/// open files, saying so when the user asked for more than it allows.
fn workers(requested: u64, ports: usize) -> usize {
    // getrlimit(RLIMIT_NOFILE): the soft limit is the one that applies.
    let limit = match rlimit::getrlimit(rlimit::Resource::NOFILE) {
        Ok((soft, _hard)) => soft,
        Err(_) => 1024,
    };
    let workers = scan::concurrency(requested, ports, limit);
    let allowed = limit.saturating_sub(scan::RESERVED_FILES);
    if requested > allowed {
        eprintln!(
            "note: --concurrency {requested} is more than the limit on open files allows \
             ({limit} files, `ulimit -n`): at most {allowed} connections at once"
        );
    }
    workers
}

/// A progress bar on stderr for a long scan, when stderr is a terminal;
/// otherwise (a pipe, a file, the checker) nothing at all.
fn progress_bar(ports: usize) -> ProgressBar {
    if ports <= LONG_SCAN || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(ports as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} ports, {eta} left") {
        bar.set_style(style);
    }
    bar
}
