//! The command line: `server` and `client`, the same in the skeleton and the
//! solution, so the checker can drive either one.

use std::net::IpAddr;

use clap::{Args, Parser, Subcommand};

/// The port the server uses when you give none (see docs/labs/01-hello.md).
pub const DEFAULT_PORT: u16 = 7701;

/// Lab 01: a server that answers `Hello` and `Time`, and a client for it.
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
    /// Listen for connections and answer commands, one connection at a time.
    Server(ServerArgs),
    /// Connect, send one command, print the reply.
    Client(ClientArgs),
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// The local address to listen on (127.0.0.1 only accepts connections
    /// from this machine; 0.0.0.0 or :: from anywhere).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port to listen on; 0 lets the operating system pick a free one.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Exit after the first connection ends, instead of serving forever.
    #[arg(long)]
    pub once: bool,
}

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// The server's address.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The server's port.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The command to send: Hello, Time, or anything else.
    #[arg(long, default_value = "Hello")]
    pub message: String,
}
