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
//! A mutant is a source mutation: `build.rs` copies the lab's solution
//! and applies one small textual change (`src/labNN_mutants.rs`), like a
//! student's one-line mistake. Adding a lab's mutants: a table file, and
//! an entry in build.rs's `LABS`.

pub mod lab00;
mod lab00_mutants;
pub mod lab01;
mod lab01_mutants;
pub mod lab02;
mod lab02_mutants;
pub mod lab03;
mod lab03_mutants;
pub mod lab04;
mod lab04_mutants;
pub mod lab05;
mod lab05_mutants;
pub mod lab06;
mod lab06_mutants;
mod mutant;

pub use mutant::{Change, Mutant, change};

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The mutant's name: the file name the binary was started under, after
/// the lab prefix (`lab01-single-recv` → `single-recv`).
pub fn mutant_name(lab_prefix: &str) -> Option<String> {
    let exe = std::env::args_os().next()?;
    let file = Path::new(&exe).file_name()?.to_str()?.to_string();
    file.strip_prefix(lab_prefix).map(str::to_string)
}

/// Runs the mutant the binary is named after (`<prefix><name>`), with the
/// lab's generated `run`.
pub fn run_mutant(prefix: &str, run: fn(&str) -> Option<ExitCode>) -> ExitCode {
    let name = mutant_name(prefix).unwrap_or_default();
    run(&name).unwrap_or_else(|| {
        eprintln!("start me as {prefix}<mutant>; I am {name:?}");
        ExitCode::from(2)
    })
}

/// Links `binary` as `<dir>/<prefix><mutant>` so that starting the link
/// runs that mutant. A hard link where possible, else a copy.
pub fn link_mutant(
    binary: &Path,
    dir: &Path,
    prefix: &str,
    mutant: &str,
) -> std::io::Result<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    std::fs::create_dir_all(dir)?;
    let link = dir.join(format!("{prefix}{mutant}"));
    // Several tests (and test processes) may link the same mutant at once,
    // and one may be running it: make the link under a name of our own and
    // rename() it into place, which replaces the old one atomically.
    let unique = NEXT.fetch_add(1, Ordering::Relaxed);
    let temporary = dir.join(format!(".{prefix}{mutant}.{}.{unique}", std::process::id()));
    let _ = std::fs::remove_file(&temporary);
    if std::fs::hard_link(binary, &temporary).is_err() {
        std::fs::copy(binary, &temporary)?;
    }
    std::fs::rename(&temporary, &link)?;
    Ok(link)
}
