//! The assignment's registry dependencies (clap, chrono, socket2, …),
//! built once per class run and copied into each repository's own target
//! folder before its build, so that cargo finds them fresh and compiles
//! only the student's crates. Without it every repository compiled them
//! all again: most of a repository's grading time.
//!
//! The layer is built from a workspace the instructor trusts (the kit the
//! checker was built in, or `--deps-from`), with the build environment a
//! student's build gets ([`crate::compile`]), one `cargo build` per lab as
//! `checker grade` does it, so that cargo's fingerprints match. The
//! workspace's own packages (the labs, the trace library) are then cleaned
//! out of it: a student's lab is always compiled from the student's files.
//!
//! Isolation: the layer is the grader's and no student's build writes in
//! it. Each repository gets a copy (not hard links: a copy is the
//! repository's own to change), given to the `--run-as` user with the rest
//! of its target folder, and removed with it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::labs::Lab;

/// The built dependencies: a target folder to copy.
pub struct Layer {
    pub dir: PathBuf,
}

/// Builds (or brings up to date: cargo decides) the layer of `labs` from
/// the workspace `kit` into `dir`.
pub fn prepare(kit: &Path, labs: &[&Lab], dir: &Path) -> anyhow::Result<Layer> {
    for needed in ["Cargo.toml", "Cargo.lock"] {
        if !kit.join(needed).is_file() {
            bail!("{} has no {needed}", kit.display());
        }
    }
    for lab in labs {
        let manifest = kit.join(lab.folder(false)).join("Cargo.toml");
        if !manifest.is_file() {
            bail!("{} has no {}", kit.display(), lab.folder(false));
        }
    }
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    for lab in labs {
        let package = lab.package(false);
        // As compile::build builds it: the same command and environment,
        // so the same fingerprints. --locked: the kit's Cargo.lock as it
        // is, never rewritten.
        cargo(kit, dir)
            .args(["build", "--quiet", "--locked", "--package", &package])
            .args(["--bin", &package])
            .run(&format!("building {package}'s dependencies"))?;
    }
    let mut clean = cargo(kit, dir);
    clean.args(["clean", "--quiet"]);
    for member in members(kit)? {
        clean.args(["--package", &member]);
    }
    clean.run("cleaning the kit's own packages out of the dependencies")?;
    Ok(Layer {
        dir: dir.to_path_buf(),
    })
}

/// A cargo command in `kit` with `target` as its target folder and only
/// the environment of a student's build.
fn cargo(kit: &Path, target: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command
        .env_clear()
        .envs(crate::compile::build_environment(std::env::vars_os()))
        .env("CARGO_TARGET_DIR", target)
        .current_dir(kit)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

trait Run {
    fn run(&mut self, what: &str) -> anyhow::Result<Vec<u8>>;
}

impl Run for Command {
    /// Runs it; its stdout, or an error with the end of its stderr.
    fn run(&mut self, what: &str) -> anyhow::Result<Vec<u8>> {
        let output = self.output().with_context(|| format!("{what}: cargo"))?;
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stderr);
            let tail: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
            bail!(
                "{what}: {}",
                tail[tail.len().saturating_sub(3)..].join(" / ")
            );
        }
        Ok(output.stdout)
    }
}

/// The names of the workspace's own packages.
fn members(kit: &Path) -> anyhow::Result<Vec<String>> {
    let mut metadata = cargo(kit, &kit.join("target"));
    metadata
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .stdout(Stdio::piped());
    let out = metadata.run("listing the kit's packages")?;
    let value: serde_json::Value =
        serde_json::from_slice(&out).context("cargo metadata's output")?;
    let names: Vec<String> = value["packages"]
        .as_array()
        .map(|packages| {
            packages
                .iter()
                .filter_map(|p| p["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        bail!("cargo metadata named no package in {}", kit.display());
    }
    Ok(names)
}

/// Copies the layer into `target` (new or empty): files copied, not
/// linked, with their modification times, which cargo compares.
pub fn seed(layer: &Layer, target: &Path) -> anyhow::Result<()> {
    copy_tree(&layer.dir, target)
        .with_context(|| format!("copying the built dependencies to {}", target.display()))
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let (source, copy) = (entry.path(), to.join(entry.file_name()));
        if kind.is_dir() {
            copy_tree(&source, &copy)?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&source)?, &copy)?;
        } else if kind.is_file() {
            // Cargo's lock of the layer's own builds is not copied.
            if entry.file_name() == ".cargo-lock" {
                continue;
            }
            std::fs::copy(&source, &copy)?;
            let modified = entry.metadata()?.modified()?;
            std::fs::File::options()
                .write(true)
                .open(&copy)?
                .set_modified(modified)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt as _;
    use std::time::{Duration, SystemTime};

    #[test]
    fn a_seeded_copy_keeps_times_and_is_the_repositorys_own() {
        let root = std::env::temp_dir().join(format!("socklab-deps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let layer = Layer {
            dir: root.join("layer"),
        };
        let deep = layer.dir.join("debug/.fingerprint/clap-1");
        std::fs::create_dir_all(&deep).unwrap();
        let rlib = layer.dir.join("debug/deps/libclap-1.rlib");
        std::fs::create_dir_all(rlib.parent().unwrap()).unwrap();
        std::fs::write(&rlib, "built").unwrap();
        std::fs::write(deep.join("lib-clap"), "hash").unwrap();
        std::fs::write(layer.dir.join("debug/.cargo-lock"), "").unwrap();
        std::os::unix::fs::symlink("deps/libclap-1.rlib", layer.dir.join("debug/link")).unwrap();
        let old = SystemTime::now() - Duration::from_secs(86_400);
        std::fs::File::options()
            .write(true)
            .open(&rlib)
            .unwrap()
            .set_modified(old)
            .unwrap();

        let target = root.join("repo/target");
        seed(&layer, &target).unwrap();
        let copy = target.join("debug/deps/libclap-1.rlib");
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), "built");
        assert_eq!(std::fs::metadata(&copy).unwrap().modified().unwrap(), old);
        assert_eq!(
            std::fs::read_to_string(target.join("debug/.fingerprint/clap-1/lib-clap")).unwrap(),
            "hash"
        );
        assert_eq!(
            std::fs::read_link(target.join("debug/link")).unwrap(),
            Path::new("deps/libclap-1.rlib")
        );
        assert!(!target.join("debug/.cargo-lock").exists());
        // A copy, not a link: what the student's build writes in its own
        // stays there.
        assert_ne!(
            std::fs::metadata(&copy).unwrap().ino(),
            std::fs::metadata(&rlib).unwrap().ino()
        );
        std::fs::write(&copy, "tampered").unwrap();
        assert_eq!(std::fs::read_to_string(&rlib).unwrap(), "built");
        let _ = std::fs::remove_dir_all(&root);
    }
}
