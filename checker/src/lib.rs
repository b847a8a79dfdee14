//! The socklab checker: grades a student's lab over real TCP, with the
//! checker's own scripted clients and servers.
//!
//! - `harness`: the machinery shared by every lab (processes, connections
//!   with deadlines, transcripts, failures).
//! - `labs`: one module per lab, each a table of tests.
//! - `runner`: runs a table against a program and classifies failures.
//! - `report`: human and JSON output.
//! - `compile`: builds a lab's crate with cargo.
//! - `bench`: load figures (`checker bench labN`), one module per lab.
//! - `i18n`: the report in Polish (`--lang pl`).
//! - `classroom`: the GitHub Classroom workflow, made from the test tables.
//! - `watch`: waits for a lab's files to change (`--watch`).

// A Failure is made once per failed test and carries what the report shows;
// its size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod bench;
pub mod classroom;
pub mod compile;
pub mod harness;
pub mod i18n;
pub mod labs;
pub mod report;
pub mod runner;
pub mod watch;

use std::path::Path;

pub use harness::Target;
pub use runner::{LabReport, Options, Status, TestResult};

/// Builds the skeleton (or solution) of `lab` and returns what to grade.
pub fn build_target(lab: &labs::Lab, solution: bool, echo: bool) -> Result<Target, String> {
    let exe = compile::build(&lab.package(solution), echo)?;
    Ok(target_for(&exe))
}

/// A target for an executable that is already built.
pub fn target_for(exe: &Path) -> Target {
    Target::executable(
        exe,
        harness::program::shell_quote(&compile::shown_path(exe)),
    )
}

/// Grades without printing: for the kit's own tests.
pub fn grade(lab: &labs::Lab, target: &Target, options: &Options) -> LabReport {
    runner::grade(lab, target, options, |_| {})
}
