//! The command line: `scan`, the same in the skeleton and the solution, so
//! the checker can drive either one.

use clap::{Args, Parser, Subcommand};

/// The ports scanned when you give none: the well-known ones.
pub const DEFAULT_PORTS: &str = "1-1024";

/// Lab 04: a TCP connect port scanner. Scan only machines you own or are
/// allowed to scan.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print every socket call on stderr as it happens (socket, bind,
    /// listen, accept, connect, recv, send, close), with the data.
    #[arg(long, global = true)]
    pub trace: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Connect to each port of one host and report which are open.
    Scan(ScanArgs),
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// The host: an IPv4 or IPv6 address (127.0.0.1, ::1) or a name.
    pub host: String,
    /// The ports: 80, 1-1024, 22,80,8000-8100, or - for all of 1-65535.
    #[arg(short, long, default_value = DEFAULT_PORTS)]
    pub ports: String,
    /// How long to wait for each port to answer, in milliseconds; a port
    /// that has not answered by then is filtered.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=600_000))]
    pub timeout: u64,
    /// How many connections at most are in progress at once (kept below
    /// the limit on open files).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    pub concurrency: u64,
    /// Print one JSON object instead of a line per open port.
    #[arg(long)]
    pub json: bool,
}
