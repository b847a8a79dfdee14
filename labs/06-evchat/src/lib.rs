//! Lab 06: lab 03's chat, served by one thread with an event loop.
//!
//! Read the files in this order: `protocol.rs` (lines as they arrive in
//! pieces, nicks, commands: no sockets), `server.rs` (the event loop: every
//! connection, its buffers, readiness), `console.rs` (stdin and stdout,
//! which the loop can't wait on), `client.rs` (lab 03's client), and
//! `main.rs` (the command line, already written).

pub mod cli;
pub mod client;
pub mod console;
pub mod protocol;
pub mod server;
