//! The socklab checker: grades a student's lab over real TCP, with the
//! checker's own scripted clients and servers.
//!
//! Layout, from the command line down (each layer uses only those below):
//!
//! - `main.rs`, `cli`: parse the command line (every clap type is in
//!   `cli`) and dispatch to `commands`.
//! - `commands`: one module per subcommand (`grade`, `list`, `bench`,
//!   `hint`, `export`, `gradescope`, `classroom`; `watch` is `grade
//!   --watch`).
//!   A new subcommand: its Args in `cli`, its `run` in `commands/`.
//! - `course`: what an instructor hands out, made from the kit: the
//!   student edition, the Gradescope autograder, the Classroom workflow.
//! - `report`: the report formats (a new one goes here), and `plan`:
//!   where each report of a grading goes.
//! - `runner`: runs a lab's table against a program, side by side;
//!   `hints`: which level of a failed test's hint is shown, remembered
//!   per test (`checker hint`).
//! - `compile`, `workspace`: builds a lab with cargo; which workspace's
//!   labs are graded (`--workspace`).
//! - `labs`: one module per lab, each a table of tests (a new lab's tests
//!   go here); `bench`: load figures, one module per lab.
//! - `harness`: what every lab's tests use (programs, connections with
//!   deadlines, transcripts, failures); `i18n`: Polish (`--lang pl`).

// A Failure is made once per failed test and carries what the report shows;
// its size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod bench;
pub mod cli;
pub mod commands;
pub mod compile;
pub mod course;
pub mod harness;
pub mod hints;
pub mod i18n;
pub mod labs;
pub mod report;
pub mod runner;
pub mod workspace;

pub use compile::{build_lab, target_for};
pub use harness::Target;
pub use runner::{LabReport, Options, Status, TestResult, grade};
