//! Lab 05: a UTC time server over TCP and UDP, and a client that measures
//! the round trip and the offset of its own clock (Cristian's algorithm).
//!
//! Read the files in this order: `protocol.rs` (requests, replies, the
//! time format), `server.rs` (TCP with a thread for each client, and UDP),
//! `client.rs` (measuring), and `main.rs` (the command line, already
//! written).

pub mod cli;
pub mod client;
pub mod protocol;
pub mod server;
