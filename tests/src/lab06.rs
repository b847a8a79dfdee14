//! Broken lab 06 implementations, made from the solution's source by
//! build.rs; the changes are listed in src/lab06_mutants.rs.

pub use crate::lab06_mutants::{MUTANTS, VARIANTS};

include!(concat!(env!("OUT_DIR"), "/lab06_mutants.rs"));

/// Runs the mutant named by the binary's file name.
pub fn main() -> std::process::ExitCode {
    crate::run_mutant("lab06-", run)
}
