//! Lab 02: rock-paper-scissors for two players over TCP, first to 3 wins.
//!
//! Read the files in this order: `protocol.rs` (choices, who wins, the
//! lines: no sockets), `server.rs` (accepting players and pairing them),
//! `game.rs` (one game: a thread that waits on both players at once),
//! `client.rs` (the keyboard and the socket at once), and `main.rs` (the
//! command line, already written).

pub mod cli;
pub mod client;
pub mod game;
pub mod protocol;
pub mod server;
