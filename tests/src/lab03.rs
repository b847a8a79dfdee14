//! Broken lab 03 chat servers and clients, made from the solution's source
//! by build.rs; the changes are listed in src/lab03_mutants.rs.

use std::process::ExitCode;

pub use crate::lab03_mutants::MUTANTS;

include!(concat!(env!("OUT_DIR"), "/lab03_mutants.rs"));

/// Runs the mutant named by the binary's file name.
pub fn main() -> ExitCode {
    let name = crate::mutant_name("lab03-").unwrap_or_default();
    run(&name).unwrap_or_else(|| {
        eprintln!("broken-lab03: start me as lab03-<mutant>; I am {name:?}");
        ExitCode::from(2)
    })
}
