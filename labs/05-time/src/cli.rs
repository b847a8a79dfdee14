//! The command line: `server` and `client`, the same in the skeleton and the
//! solution, so the checker can drive either one.

use std::net::IpAddr;

use clap::{Args, Parser, Subcommand};

/// The port the server uses when you give none (see docs/labs/05-time.md).
pub const DEFAULT_PORT: u16 = 7705;

/// How long the UDP client waits for a reply before it asks again, in
/// milliseconds, when you give no --retry-ms.
pub const DEFAULT_RETRY_MS: u64 = 1000;

/// Lab 05: a server that tells the time in UTC, over TCP and UDP, and a
/// client that measures how far its own clock is off.
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
    /// Answer TIME over TCP (and, with --udp, over UDP on the same port number).
    Server(ServerArgs),
    /// Ask for the time, and print it with the round trip and the offset.
    Client(ClientArgs),
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// The local address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port to listen on; 0 lets the operating system pick a free one.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Also answer UDP datagrams, on the same port number.
    #[arg(long)]
    pub udp: bool,
}

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// The server's address.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The server's port.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Ask over UDP instead of TCP.
    #[arg(long)]
    pub udp: bool,
    /// How many times to ask.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: u32,
    /// Over UDP: how long to wait for a reply before asking again, in
    /// milliseconds.
    #[arg(long, default_value_t = DEFAULT_RETRY_MS, value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub retry_ms: u64,
}
