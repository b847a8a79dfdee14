//! The machinery every lab's tests share: starting the student's programs,
//! scripted connections with deadlines, transcripts, and turning what
//! happened into a verdict. Labs only declare what to send and expect.
//!
//! - `ctx`: [`Ctx`], what one test works with: it starts the programs
//!   (and kills them at its end), connects, listens, and keeps the
//!   transcript; the deadlines ([`READY`], [`REPLY`], [`EXIT`]).
//! - `conn`, `udp`: the checker's scripted connections, each read with a
//!   deadline; `transcript`: what was said, for the report.
//! - `program`: a started program and its output; `target`: how to start
//!   one (a built executable or a command template);
//!   `ready`: when a server is ready.
//! - `sandbox`: limits and isolation of the graded programs; `netns`: a
//!   private network namespace (and its TCP counters).
//! - `sockets`: the kernel's socket tables, read without touching a
//!   socket (sock_diag, /proc/net, `/proc/<pid>/fd`).
//! - `cpu`: how long the programs waited for a CPU (schedstat), which
//!   stretches a deadline on a loaded machine.
//! - `failure`: what went wrong, as the report shows it; `rng`: the
//!   run's reproducible random numbers.

mod conn;
pub mod cpu;
mod ctx;
mod failure;
pub mod netns;
pub mod program;
mod ready;
mod rng;
pub mod sandbox;
pub mod sockets;
pub mod target;
mod transcript;
mod udp;

pub use conn::{Conn, ScriptedListener};
pub use ctx::{Ctx, EXIT, READY, READY_COMMAND, REPLY, Server};
pub use failure::{Failure, Kind, Panic, ensure, find_panics};
pub use netns::{COUNTERS_FOLLOW, PrivateNetwork, tcp_counter};
pub use program::{Program, Spawn, complete_lines};
pub use rng::Rng;
pub use sandbox::Limits;
pub use target::{Commands, Target, Template};
pub use transcript::{Direction, Entry, Line, Transcript, escape, fold, shown};
pub use udp::Udp;
