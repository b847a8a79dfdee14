//! Lab 04: a TCP connect port scanner.
//!
//! Read the files in this order: `ports.rs` (which ports to scan),
//! `probe.rs` (one port: connect with a timeout, and what the answer
//! means), `scan.rs` (many ports at once, with a bound), `report.rs` (what
//! is printed, already written) and `main.rs` (the command line, already
//! written).
//!
//! Scan only machines you own or are allowed to scan.

pub mod cli;
pub mod ports;
pub mod probe;
pub mod report;
pub mod scan;
