//! The command line: `server` and `client`, the same in the skeleton and the
//! solution, so the checker can drive either one.

use std::net::IpAddr;

use clap::{Args, Parser, Subcommand};

/// The port the server uses when you give none (see docs/labs/00-echo.md).
pub const DEFAULT_PORT: u16 = 7700;

/// Lab 00: an echo server and its client.
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
    /// Send back everything each client sends, one client after another.
    Server(ServerArgs),
    /// Send a message, stop sending, and print what comes back.
    Client(ClientArgs),
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// The local address to listen on: 127.0.0.1 or ::1 (this machine
    /// only), 0.0.0.0 or :: (every interface).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port to listen on (0 to 65535); 0 lets the operating system pick.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// The server's address.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The server's port.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The text to send.
    #[arg(long, default_value = "hello, echo")]
    pub message: String,
}
