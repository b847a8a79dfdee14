//! The socklab checker: grades a student's lab over real TCP, with the
//! checker's own scripted clients and servers.
//!
//! - `harness`: the machinery shared by every lab (processes, connections
//!   with deadlines, transcripts, failures).
//! - `labs`: one module per lab, each a table of tests.
//! - `runner`: runs a table against a program and classifies failures.
//! - `report`: human and JSON output.
//! - `compile`: builds a lab's crate with cargo (in the checker's own
//!   workspace, or the one given with `--workspace`).
//! - `export`: writes the student edition (`checker export DIR`).
//! - `bench`: load figures (`checker bench labN`), one module per lab.
//! - `i18n`: the report in Polish (`--lang pl`).
//! - `classroom`: the GitHub Classroom workflow, made from the test tables.
//! - `gradescope_package`: the Gradescope autograder (`checker gradescope`).
//! - `watch`: waits for a lab's files to change (`--watch`).

// A Failure is made once per failed test and carries what the report shows;
// its size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod bench;
pub mod cli;
pub mod commands;
pub mod compile;
pub mod course;
pub mod harness;
pub mod i18n;
pub mod labs;
pub mod report;
pub mod runner;
pub mod workspace;

pub use compile::{build_lab, target_for};
pub use harness::Target;
pub use runner::{LabReport, Options, Status, TestResult, grade};
