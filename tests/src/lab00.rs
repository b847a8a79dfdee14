//! Broken lab 00 implementations, made from the solution's source by
//! build.rs; the changes are listed in src/lab00_mutants.rs.

pub use crate::lab00_mutants::{MUTANTS, VARIANTS};

include!(concat!(env!("OUT_DIR"), "/lab00_mutants.rs"));

/// Runs the mutant named by the binary's file name.
pub fn main() -> std::process::ExitCode {
    crate::run_mutant("lab00-", run)
}
