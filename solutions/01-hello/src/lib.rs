//! Lab 01: a hello/time command server and its client.
//!
//! Read the files in this order: `protocol.rs` (what the server answers),
//! `server.rs` (accepting connections and reading commands), `client.rs`
//! (the other side), and `main.rs` (the command line, already written).

pub mod cli;
pub mod client;
pub mod protocol;
pub mod server;
