//! Broken lab 01 implementations, made from the solution's source by
//! build.rs; the changes are listed in src/lab01_mutants.rs.

pub use crate::lab01_mutants::{HOSTILE, MUTANTS, VARIANTS};

include!(concat!(env!("OUT_DIR"), "/lab01_mutants.rs"));

/// Runs the mutant named by the binary's file name.
pub fn main() -> std::process::ExitCode {
    crate::run_mutant("lab01-", run)
}
