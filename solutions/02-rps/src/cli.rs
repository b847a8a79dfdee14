//! The command line: `server` and `client`, the same in the skeleton and the
//! solution, so the checker can drive either one.

use std::net::IpAddr;

use clap::{Args, Parser, Subcommand};

/// The port the server uses when you give none (see docs/labs/02-rps.md).
pub const DEFAULT_PORT: u16 = 7702;

/// Lab 02: rock-paper-scissors (papier, nożyce, kamień) for two players.
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
    /// Pair the players who connect, two by two, and referee their games.
    Server(ServerArgs),
    /// Play one game: the server's lines shown in words, choices typed.
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
    /// Round wins a player needs to win the game.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub wins: u32,
}

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// The server's address.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The server's port.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
}
