//! `checker gradescope DIR`: a Gradescope autograder for the kit's labs.
//!
//! Gradescope takes a zip with `setup.sh` (run once, as root, when the
//! autograder's image is built) and `run_autograder` (run for every
//! submission, which is in /autograder/submission; the results go to
//! /autograder/results/results.json). What this writes:
//!
//! - `setup.sh`: Rust through rustup (the toolchain pinned here), the
//!   unprivileged user that builds and runs students' code, then
//!   `build.sh`;
//! - `build.sh`: builds the instructor's checker from `kit/` with the kit's
//!   Cargo.lock (never from a submission), and the graded skeletons, so
//!   that grading compiles only the student's crate; a script of its own
//!   so that it can run offline (the kit's test runs it);
//! - `run_autograder`: copies the submission's graded `labs/NN-name`
//!   folders over a fresh copy of `kit/` and grades them with that checker
//!   (`--workspace`), the checker as root and the student's build and
//!   programs as the unprivileged user (`--run-as`); the checker writes
//!   the results into a folder only root can write, and the script takes
//!   them only from a checker that ended as it does after grading, with a
//!   results.json worth 0 points and the reason when nothing could be
//!   graded (`not_graded.json`);
//! - `kit/`: the workspace of the instructor's checker and the skeletons
//!   (`labs/`), without `solutions/` or the kit's tests;
//! - `README.md`: the instructor's steps in Gradescope.
//!
//! The scripts are templates in `checker/gradescope/`, with `@NAME@` for
//! what this fills in.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Mode, chosen_labs};
use crate::cli::GradescopeArgs;
use crate::labs::Lab;
use anyhow::{Context, anyhow, bail};

/// The user that builds and runs students' code on Gradescope.
pub const STUDENT_USER: &str = "socklab";

const SETUP: &str = include_str!("../../gradescope/setup.sh");
const BUILD: &str = include_str!("../../gradescope/build.sh");
const RUN: &str = include_str!("../../gradescope/run_autograder");
const README: &str = include_str!("../../gradescope/README.md");

/// What of the kit goes into `kit/`, besides the workspace's manifest:
/// folders whole, except build output and hidden files.
const SHIPPED: [&str; 4] = ["Cargo.lock", "checker", "labs", "trace"];

/// What [`write`] made.
#[derive(Clone)]
pub struct Written {
    pub dir: PathBuf,
    pub labs: Vec<&'static Lab>,
    pub files: usize,
    pub bytes: u64,
    pub toolchain: String,
    /// The zip and its size, if one was asked for.
    pub zip: Option<(PathBuf, u64)>,
}

impl Written {
    /// What `checker gradescope` prints.
    pub fn summary(&self) -> String {
        let labs: Vec<String> = self
            .labs
            .iter()
            .map(|l| format!("{} ({} points)", l.id(), l.max_points()))
            .collect();
        let mut text = format!(
            "wrote the Gradescope autograder to {}: {} files, {} KiB; grades {}; Rust {}",
            self.dir.display(),
            self.files,
            self.bytes.div_ceil(1024),
            labs.join(", "),
            self.toolchain
        );
        match &self.zip {
            Some((zip, size)) => text.push_str(&format!(
                "\nwrote {} ({} KiB): upload it on the assignment's Configure Autograder page",
                zip.display(),
                size.div_ceil(1024)
            )),
            None => text.push_str(
                "\nzip the files inside it (not the folder), or use --zip FILE, and upload that",
            ),
        }
        text.push_str(&format!(
            "\nthe steps are in {}",
            self.dir.join("README.md").display()
        ));
        text
    }
}

/// `checker gradescope DIR`, from the kit the checker was built in.
pub fn write(args: &GradescopeArgs) -> anyhow::Result<Written> {
    let toolchain = match &args.toolchain {
        Some(t) => t.clone(),
        None => local_toolchain()?,
    };
    package(
        &crate::workspace::own(),
        args,
        &toolchain,
        &chosen_labs(&args.labs)?,
    )
}

/// Writes the autograder for `labs` of the kit at `kit` into `args.dir`.
pub fn package(
    kit: &Path,
    args: &GradescopeArgs,
    toolchain: &str,
    labs: &[&'static Lab],
) -> anyhow::Result<Written> {
    let out = &args.dir;
    for needed in ["Cargo.toml", "Cargo.lock", "checker/Cargo.toml", "labs"] {
        if !kit.join(needed).exists() {
            bail!(format!(
                "{} has no {needed}: not socklab's workspace",
                kit.display()
            ));
        }
    }
    super::check_destination(out, &[], "write the autograder into a new folder")?;
    for entry in SHIPPED {
        for relative in super::walk(kit, Path::new(entry), &taken)? {
            let from = kit.join(&relative);
            let bytes = fs::read(&from).with_context(|| from.display().to_string())?;
            super::write(&out.join("kit").join(relative), &bytes, Mode::Of(&from))?;
        }
    }
    let manifest = fs::read_to_string(kit.join("Cargo.toml"))
        .with_context(|| kit.join("Cargo.toml").display().to_string())?;
    super::write(
        &out.join("kit/Cargo.toml"),
        kit_manifest(&manifest)?.as_bytes(),
        Mode::Plain,
    )?;
    super::prune_lockfile(&out.join("kit"), "the package")?;

    let hints = match args.hints {
        crate::hints::Mode::None => "none",
        crate::hints::Mode::First => "first",
        crate::hints::Mode::All => "all",
    };
    let fill = |template: &str| fill_template(template, labs, toolchain, args.timeout_scale, hints);
    for (name, template) in [
        ("setup.sh", SETUP),
        ("build.sh", BUILD),
        ("run_autograder", RUN),
    ] {
        super::write(&out.join(name), fill(template).as_bytes(), Mode::Executable)?;
    }
    super::write(&out.join("README.md"), fill(README).as_bytes(), Mode::Plain)?;
    super::write(
        &out.join("not_graded.json"),
        crate::report::gradescope_not_graded(labs).as_bytes(),
        Mode::Plain,
    )?;

    let all = package_files(out)?;
    let bytes = all
        .iter()
        .map(|f| fs::metadata(out.join(f)).map(|m| m.len()).unwrap_or(0))
        .sum();
    let zip = match &args.zip {
        Some(path) => Some((path.clone(), write_zip(out, &all, path)?)),
        None => None,
    };
    Ok(Written {
        dir: out.clone(),
        labs: labs.to_vec(),
        files: all.len(),
        bytes,
        toolchain: toolchain.to_string(),
        zip,
    })
}

/// A template with the package's values in place of its `@NAME@`s.
/// `hints`: what `--hints` the gradings take (`none` for an exam).
fn fill_template(
    template: &str,
    labs: &[&Lab],
    toolchain: &str,
    timeout_scale: f64,
    hints: &str,
) -> String {
    let folders: Vec<String> = labs
        .iter()
        .map(|l| l.folder(false).trim_start_matches("labs/").to_string())
        .collect();
    let packages: Vec<String> = labs.iter().map(|l| l.package(false)).collect();
    let ids: Vec<String> = labs.iter().map(|l| l.id()).collect();
    let points: u32 = labs.iter().map(|l| l.max_points()).sum();
    let table: String = labs
        .iter()
        .map(|l| {
            format!(
                "| {} | {} | `labs/{}` | {} | {} |\n",
                l.id(),
                l.title,
                l.folder(false).trim_start_matches("labs/"),
                l.tests.len(),
                l.max_points()
            )
        })
        .collect();
    template
        .replace("@LAB_FOLDERS@", &folders.join(" "))
        .replace("@LAB_PACKAGES@", &packages.join(" "))
        .replace("@LABS@", &ids.join(","))
        .replace("@LAB_TABLE@", table.trim_end())
        .replace("@POINTS@", &points.to_string())
        .replace("@TOOLCHAIN@", toolchain)
        .replace("@TIMEOUT_SCALE@", &timeout_scale.to_string())
        .replace("@HINTS@", hints)
        .replace("@STUDENT@", STUDENT_USER)
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
}

/// The package's workspace manifest: the kit's, with the checker, trace and the
/// labs as members (no solutions/, no tests/).
fn kit_manifest(kit: &str) -> anyhow::Result<String> {
    let mut out = String::new();
    let mut members = false;
    let mut default_members = false;
    for line in kit.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("members") {
            out.push_str("members = [\"checker\", \"labs/*\", \"trace\"]\n");
            members = true;
        } else if trimmed.starts_with("default-members") {
            out.push_str("default-members = [\"checker\"]\n");
            default_members = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !members || !default_members {
        bail!("the kit's Cargo.toml has no members or default-members line");
    }
    // Every multi-line member list would have been cut above: say so
    // rather than write a broken manifest.
    if out.contains("\n    \"") {
        bail!("the kit's Cargo.toml lists its members on several lines");
    }
    Ok(format!(
        "# socklab's workspace for the Gradescope autograder (`checker gradescope`):\n\
         # the instructor's checker and the skeletons.\n{out}"
    ))
}

/// Whether a file or folder of the kit goes into `kit/`.
fn taken(relative: &Path) -> bool {
    let name = relative.file_name().unwrap_or_default().to_string_lossy();
    !super::built_or_hidden(&name)
}

/// The files of the package, relative to it.
fn package_files(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut names: Vec<_> = fs::read_dir(out)
        .with_context(|| out.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
    for name in names {
        files.extend(super::walk(out, Path::new(&name), &taken)?);
    }
    Ok(files)
}

/// The zip Gradescope takes: the package's files at its root, with their
/// Unix modes. Returns its size.
fn write_zip(out: &Path, files: &[PathBuf], path: &Path) -> anyhow::Result<u64> {
    use std::os::unix::fs::PermissionsExt;
    let fail = |e: &dyn std::fmt::Display| anyhow!("--zip {}: {e}", path.display());
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| fail(&e))?;
    }
    let file = fs::File::create(path).map_err(|e| fail(&e))?;
    let mut zip = zip::ZipWriter::new(file);
    for relative in files {
        let from = out.join(relative);
        let mode = fs::metadata(&from)
            .map_err(|e| fail(&e))?
            .permissions()
            .mode();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(mode & 0o777);
        // Zip names use `/` whatever the platform.
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        let bytes = fs::read(&from).map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    let file = zip.finish().map_err(|e| fail(&e))?;
    file.sync_all().map_err(|e| fail(&e))?;
    Ok(file.metadata().map_err(|e| fail(&e))?.len())
}

/// `1.95.0` from `rustc --version` on this machine.
fn local_toolchain() -> anyhow::Result<String> {
    let output = Command::new("rustc")
        .arg("--version")
        .output()
        .map_err(|e| anyhow!("could not run rustc to learn its version ({e}); give --toolchain"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    text.split_whitespace()
        .nth(1)
        .and_then(|v| crate::cli::parse_toolchain(v).ok())
        .ok_or_else(|| anyhow!("rustc --version said {text:?}; give --toolchain"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_has_the_checker_and_the_labs() {
        let kit = "[workspace]\nresolver = \"3\"\nmembers = [\"checker\", \"labs/*\", \"solutions/*\", \"tests\"]\n\
                   default-members = [\"checker\", \"solutions/*\", \"tests\"]\n\n[profile.dev]\ndebug = 1\n";
        let manifest = kit_manifest(kit).unwrap();
        assert!(manifest.contains("members = [\"checker\", \"labs/*\", \"trace\"]\n"));
        assert!(manifest.contains("default-members = [\"checker\"]\n"));
        assert!(!manifest.contains("solutions") && !manifest.contains("tests"));
        assert!(manifest.contains("[profile.dev]\ndebug = 1\n"));
        assert!(kit_manifest("[workspace]\n").is_err());
    }

    #[test]
    fn templates_are_filled_in_everywhere() {
        let chosen = chosen_labs(&["lab3".into(), "1".into(), "lab01".into()]).unwrap();
        assert_eq!(
            chosen.iter().map(|l| l.id()).collect::<Vec<_>>(),
            ["lab01", "lab03"]
        );
        for template in [SETUP, BUILD, RUN, README] {
            let text =
                fill_template(template, &chosen, "1.95.0", 2.0, "first").replace("@REASON@", "");
            let left = text.split('@').skip(1).step_by(2).find(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            });
            assert_eq!(left, None, "a placeholder is left in:\n{text}");
        }
        let run = fill_template(RUN, &chosen, "1.95.0", 2.5, "none");
        assert!(run.contains("LAB_FOLDERS=\"01-hello 03-chat\"\n"));
        assert!(run.contains("LABS=\"lab01,lab03\"\n"));
        assert!(run.contains("TIMEOUT_SCALE=\"2.5\"\n"));
        assert!(run.contains("HINTS=\"none\"\n"));
        assert!(run.contains("--hints \"$HINTS\""));
        assert!(
            fill_template(SETUP, &chosen, "1.95.0", 2.0, "first")
                .contains("TOOLCHAIN=\"1.95.0\"\n")
        );
        assert!(chosen_labs(&["lab9".into()]).is_err());
    }
}
