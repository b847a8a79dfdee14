//! The kit's deliberately broken implementations ("mutants") and helpers
//! for the kit's own tests.
//!
//! Each lab has one binary in `broken/` that contains all of that lab's
//! mutants; which one runs is chosen by the name the binary is started
//! under (`broken-lab01` linked as `lab01-single-recv` runs the mutant
//! `single-recv`), so the checker can grade each as if it were a student's
//! program. Each mutant is declared with the checker tests that must catch
//! it; `tests/labNN.rs` proves they do.
//!
//! Labs 00 and 01 build their mutants from the solution's public functions
//! (`Parts`: the solution with one piece swapped). Lab 03's mutants are
//! source mutations: `build.rs` copies the solution's source and applies
//! one small textual change per mutant (`src/lab03_mutants.rs`), like a
//! student's one-line mistake.

pub mod lab00;
pub mod lab01;
pub mod lab03;
mod lab03_mutants;
mod mutant;

pub use mutant::{Change, Mutant};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The mutant's name: the file name the binary was started under, after
/// the lab prefix (`lab01-single-recv` → `single-recv`).
pub fn mutant_name(lab_prefix: &str) -> Option<String> {
    let exe = std::env::args_os().next()?;
    let file = Path::new(&exe).file_name()?.to_str()?.to_string();
    file.strip_prefix(lab_prefix).map(str::to_string)
}

/// Runs the mutant the binary is named after (`<prefix><name>`), with its
/// parts; an error ends it with a message and status 1, like the solutions.
pub fn run_mutant<P: Copy>(
    prefix: &str,
    mutants: &[Mutant<P>],
    run: impl FnOnce(P) -> std::io::Result<()>,
) -> ExitCode {
    let name = mutant_name(prefix).unwrap_or_default();
    let Some(mutant) = mutants.iter().find(|m| m.name == name) else {
        eprintln!("start me as {prefix}<mutant>; I am {name:?}");
        return ExitCode::from(2);
    };
    match run(mutant.parts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Links `binary` as `<dir>/<prefix><mutant>` so that starting the link
/// runs that mutant. A hard link where possible, else a copy.
pub fn link_mutant(
    binary: &Path,
    dir: &Path,
    prefix: &str,
    mutant: &str,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let link = dir.join(format!("{prefix}{mutant}"));
    let _ = std::fs::remove_file(&link);
    if std::fs::hard_link(binary, &link).is_err() {
        std::fs::copy(binary, &link)?;
    }
    Ok(link)
}
