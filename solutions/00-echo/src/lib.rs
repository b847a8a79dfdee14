//! Lab 00: an echo server, built one Berkeley call at a time, and its client.
//!
//! Read the files in this order: `listener.rs` (socket, SO_REUSEADDR, bind,
//! listen), `server.rs` (accept, recv, send, close), `client.rs` (connect,
//! send, shutdown, recv), and `main.rs` (the command line and the error
//! messages, already written).

pub mod cli;
pub mod client;
pub mod listener;
pub mod server;
