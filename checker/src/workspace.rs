//! Which workspace's labs are graded: the checker's own, or the one given
//! with `--workspace` (a student's repository, a submission).

use anyhow::{Context, anyhow, bail};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The workspace chosen with `--workspace`, if any.
static CHOSEN: OnceLock<PathBuf> = OnceLock::new();

/// The workspace whose labs are graded: the one given to [`choose`]
/// (`--workspace DIR`), or else the one the checker was built in (it grades
/// the labs beside it).
pub fn graded() -> PathBuf {
    CHOSEN.get().cloned().unwrap_or_else(own)
}

/// The workspace the checker was built in.
pub fn own() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the checker lives inside the workspace")
        .to_path_buf()
}

/// Grades the labs of the workspace at `dir` instead of the checker's own:
/// CI builds the instructor's checker apart and grades the student's
/// repository with it, so the student's copy of `checker/` is never built.
/// `dir` must hold a `Cargo.toml` and a `labs/` folder. Once per process.
pub fn choose(dir: &Path) -> anyhow::Result<PathBuf> {
    let shown = dir.display();
    let root = dir
        .canonicalize()
        .with_context(|| format!("--workspace {shown}"))?;
    if !root.join("Cargo.toml").is_file() {
        bail!(format!(
            "--workspace {shown}: no Cargo.toml there; give the folder of the student's repository (the one with labs/ in it)"
        ));
    }
    if !root.join("labs").is_dir() {
        bail!(format!(
            "--workspace {shown}: no labs/ folder there, so there is nothing to grade; give the folder of the student's repository (the one with labs/ in it)"
        ));
    }
    CHOSEN
        .set(root.clone())
        .map_err(|_| anyhow!("the workspace to grade is chosen once"))?;
    Ok(root)
}

/// How to show a path in a command: relative to the graded workspace if
/// inside it.
pub fn shown_path(path: &Path) -> String {
    let root = graded();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
