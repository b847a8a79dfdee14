//! Broken lab 04 implementations, made from the solution's source by
//! build.rs; the changes are listed in src/lab04_mutants.rs.

pub use crate::lab04_mutants::{MUTANTS, VARIANTS};

include!(concat!(env!("OUT_DIR"), "/lab04_mutants.rs"));

/// Runs the mutant named by the binary's file name.
pub fn main() -> std::process::ExitCode {
    crate::run_mutant("lab04-", run)
}
