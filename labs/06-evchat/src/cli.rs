//! The command line: `server` and `client`, the same in the skeleton and the
//! solution, so the checker can drive either one.

use std::net::IpAddr;

use clap::{Args, Parser, Subcommand};

/// The port the server uses when you give none (see docs/labs/06-evchat.md).
pub const DEFAULT_PORT: u16 = 7706;

/// Lab 06: the chat of lab 03 served by one thread with an event loop, and its client.
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
    /// Run the chat server; type on its console to talk as admin
    /// (`/kick <nick> [reason]`, `/list`).
    Server(ServerArgs),
    /// Join a chat: what you type is sent, what others say is shown.
    Client(ClientArgs),
}

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// The local address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The port to listen on; 0 lets the operating system pick.
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
    /// Your nick; without it the client asks for one.
    #[arg(long)]
    pub nick: Option<String>,
}
