//! The course tools: what an instructor hands out, made from the kit.
//!
//! - `export`: the student edition (`checker export DIR`).
//! - `gradescope`: the Gradescope autograder (`checker gradescope DIR`).
//! - `classroom`: the GitHub Classroom workflow, from the test tables.
//! - `class`: an instructor's grading of a whole class (`checker class`).
//!
//! The tools copy parts of the kit into a new folder; this module is what
//! they share: which labs `--labs` names, the files of a tree, the check
//! that the destination is new, writing a file with its mode, and the
//! pruned Cargo.lock of a workspace made from the kit.

pub mod class;
pub mod classroom;
pub mod export;
pub mod gradescope;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::labs::{self, Lab};
use anyhow::{Context, anyhow, bail};

/// The labs `--labs` names, in the kit's order; every lab without it.
pub fn chosen_labs(keys: &[String]) -> anyhow::Result<Vec<&'static Lab>> {
    if keys.is_empty() {
        return Ok(labs::all().to_vec());
    }
    let mut chosen = crate::cli::find_labs(keys.iter().map(|key| key.trim())).map_err(|bad| {
        // Named as given, spaces and all.
        let key = keys
            .iter()
            .find(|key| key.trim() == bad)
            .map_or(bad, String::as_str);
        let known: Vec<String> = labs::all()
            .iter()
            .map(|l| format!("lab{}", l.number))
            .collect();
        anyhow!("--labs: no lab {key:?}; the labs are {}", known.join(", "))
    })?;
    chosen.sort_by_key(|l| l.number);
    Ok(chosen)
}

/// Build output (`target`) and hidden files (`.git`, editors' swap
/// files): never copied by a course tool.
pub fn built_or_hidden(name: &str) -> bool {
    name == "target" || name.starts_with('.')
}

/// Every file under `relative` of `root` (a file or a folder), in a stable
/// order; of a folder's entries, those `take` accepts (given their path
/// relative to `root`).
pub fn walk(
    root: &Path,
    relative: &Path,
    take: &dyn Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    walk_into(root, relative, take, &mut files)?;
    Ok(files)
}

fn walk_into(
    root: &Path,
    relative: &Path,
    take: &dyn Fn(&Path) -> bool,
    files: &mut Vec<PathBuf>,
) -> anyhow::Result<()> {
    let path = root.join(relative);
    let meta = fs::symlink_metadata(&path).with_context(|| path.display().to_string())?;
    if meta.is_file() {
        files.push(relative.to_path_buf());
    } else if meta.is_dir() {
        let mut names: Vec<_> = fs::read_dir(&path)
            .with_context(|| path.display().to_string())?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names.sort();
        for name in names {
            let child = relative.join(&name);
            if take(&child) {
                walk_into(root, &child, take, files)?;
            }
        }
    }
    Ok(())
}

/// Makes the folder `out`, or checks that it holds nothing but the names
/// `allowed`; `advice` ends the error (what to write into instead).
pub fn check_destination(out: &Path, allowed: &[&str], advice: &str) -> anyhow::Result<()> {
    if !out.exists() {
        return fs::create_dir_all(out).with_context(|| out.display().to_string());
    }
    let entries = fs::read_dir(out).with_context(|| out.display().to_string())?;
    for entry in entries {
        let name = entry?.file_name();
        if !allowed.iter().any(|a| name == *a) {
            bail!(format!(
                "{} is not empty (it has {}): {advice}",
                out.display(),
                name.to_string_lossy()
            ));
        }
    }
    Ok(())
}

/// The permissions a written file gets.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// What a new file gets (rw-rw-rw- less the umask).
    Umask,
    /// rw-r--r--
    Plain,
    /// rwxr-xr-x: a script.
    Executable,
    /// Those of this file (the kit's original).
    Of(&'a Path),
}

/// Writes `bytes` to `path` (making its folder) with the permissions `mode`
/// says.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
    }
    fs::write(path, bytes).with_context(|| path.display().to_string())?;
    let permissions = match mode {
        Mode::Umask => return Ok(()),
        Mode::Plain => fs::Permissions::from_mode(0o644),
        Mode::Executable => fs::Permissions::from_mode(0o755),
        Mode::Of(original) => fs::metadata(original)
            .with_context(|| original.display().to_string())?
            .permissions(),
    };
    fs::set_permissions(path, permissions).with_context(|| path.display().to_string())
}

/// The kit's Cargo.lock lists the solutions and the kit's tests too: let
/// cargo drop what a workspace made from the kit (the edition, the
/// Gradescope package's `kit/`) does not use, keeping every version as it
/// is (no new ones are chosen, so it builds with what the kit was tested
/// with, and `cargo build --locked` takes it). `what` names the workspace
/// in the error.
pub fn prune_lockfile(workspace: &Path, what: &str) -> anyhow::Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut failure = String::new();
    for offline in [true, false] {
        let output = Command::new(&cargo)
            .current_dir(workspace)
            .args(["metadata", "--format-version", "1", "--quiet"])
            .args(offline.then_some("--offline"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .context("could not run cargo")?;
        if output.status.success() {
            return Ok(());
        }
        let _ = write!(failure, "{}", String::from_utf8_lossy(&output.stderr));
    }
    Err(anyhow!(
        "cargo could not resolve {what}'s workspace:\n{failure}"
    ))
}
