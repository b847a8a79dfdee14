//! Lab 03: a multi-user chat server with an admin console, and its client.
//!
//! Read the files in this order: `protocol.rs` (lines, nicks, commands: no
//! sockets), `hub.rs` (who is connected, and how a line reaches everyone),
//! `outbox.rs` (how a line reaches one user's socket),
//! `server.rs` (a reader and a writer thread per user), `console.rs` (the
//! admin at the server's keyboard), `client.rs` (reading the keyboard and
//! the socket at once), and `main.rs` (the command line, already written).

pub mod cli;
pub mod client;
pub mod console;
pub mod hub;
pub mod outbox;
pub mod protocol;
pub mod server;
