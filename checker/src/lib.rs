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
pub mod classroom;
pub mod cli;
pub mod commands;
pub mod compile;
pub mod export;
pub mod gradescope_package;
pub mod harness;
pub mod i18n;
pub mod labs;
pub mod report;
pub mod runner;

use std::path::Path;

pub use harness::Target;
pub use runner::{LabReport, Options, Status, TestResult};

/// Builds the skeleton (or solution) of `lab` and returns what to grade.
pub fn build_target(lab: &labs::Lab, solution: bool, echo: bool) -> Result<Target, String> {
    build_lab(lab, solution, echo).map_err(|failure| failure.told(echo))
}

/// Builds the skeleton (or solution) of `lab`; a failure keeps cargo's
/// output for the reports.
pub fn build_lab(
    lab: &labs::Lab,
    solution: bool,
    echo: bool,
) -> Result<Target, compile::BuildFailure> {
    // A workspace given with --workspace (a student's repository, a
    // submission) may lack the lab: say that, rather than cargo's
    // "package not found".
    let root = compile::workspace_root();
    if !root.join(lab.folder(solution)).join("Cargo.toml").is_file() {
        return Err(compile::BuildFailure {
            message: format!(
                "there is no {}/Cargo.toml in {}: the lab's folder is missing, so there is nothing to build",
                lab.folder(solution),
                root.display()
            ),
            output: String::new(),
        });
    }
    let exe = compile::build_reporting(&lab.package(solution), echo, false)?;
    Ok(target_for(&exe))
}

/// A target for an executable that is already built.
pub fn target_for(exe: &Path) -> Target {
    Target::executable(
        // A root checker's own build, where the user of --run-as can't
        // reach it, is copied where it can.
        &harness::sandbox::runnable(exe),
        harness::program::shell_quote(&compile::shown_path(exe)),
    )
}

/// Grades without printing: for the kit's own tests.
pub fn grade(lab: &labs::Lab, target: &Target, options: &Options) -> LabReport {
    runner::grade(lab, target, options, |_| {})
}
