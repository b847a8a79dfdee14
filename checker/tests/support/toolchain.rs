//! The Rust toolchain and cargo's registry where another user (the one a
//! root checker runs a student's code as, `nobody` in the tests) can run
//! and read them. Shared by checker/tests/gradescope.rs and the kit's
//! tests/rehearsal.rs (included with `#[path]`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy, made of hard links, of the Rust toolchain this test runs with,
/// and of cargo's registry, where `user` can read them (root's are usually
/// under /root, which no one else may enter): the PATH to put first and
/// the CARGO_HOME to use. Err: why there can't be one.
pub fn toolchain_for(
    user: &checker::harness::sandbox::RunAs,
    dir: &Path,
) -> Result<(PathBuf, PathBuf), String> {
    let rustc = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("rustc: {e}"))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&rustc.stdout).trim());
    let bin = if user.can_run(&sysroot.join("bin/cargo")) {
        sysroot.join("bin")
    } else {
        let copy = dir.join("toolchain");
        let status = Command::new("cp")
            .arg("-al")
            .arg(&sysroot)
            .arg(&copy)
            .status()
            .map_err(|e| format!("cp: {e}"))?;
        if !status.success() {
            return Err(format!(
                "{} can't run the toolchain in {}, and it could not be linked into {} (another file system?)",
                user.name,
                sysroot.display(),
                dir.display()
            ));
        }
        copy.join("bin")
    };
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let home = dir.join("cargo");
    fs::create_dir_all(&home).unwrap();
    let status = Command::new("cp")
        .arg("-al")
        .arg(cargo_home.join("registry"))
        .arg(home.join("registry"))
        .status()
        .map_err(|e| format!("cp: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo's registry in {} could not be linked into {}",
            cargo_home.display(),
            dir.display()
        ));
    }
    // The student's cargo takes its locks here; the registry's files stay
    // root's (hard links: giving them away would give away the originals).
    user.give(&home).unwrap();
    Ok((bin, home))
}

/// Gives `path` and everything in it to `user` (chown -R).
pub fn give_all(user: &checker::harness::sandbox::RunAs, path: &Path) {
    let status = Command::new("chown")
        .arg("-R")
        .arg(format!("{}:{}", user.uid, user.gid))
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "chown -R {}", path.display());
}
