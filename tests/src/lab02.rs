//! Broken lab 02 implementations, made from the solution's source by
//! build.rs; the changes are listed in src/lab02_mutants.rs.

pub use crate::lab02_mutants::{MUTANTS, VARIANTS};

include!(concat!(env!("OUT_DIR"), "/lab02_mutants.rs"));

/// Runs the mutant named by the binary's file name.
pub fn main() -> std::process::ExitCode {
    crate::run_mutant("lab02-", run)
}
