//! `checker export DIR`: the student edition of the kit.
//!
//! An instructor can't hand students a repository with `solutions/` in it.
//! The student edition is the kit without the instructors' part: the labs
//! (skeletons), the checker, the handouts and the checker's manual, the
//! README, and the workflow that grades every push with the instructor's
//! checker (`checker classroom`'s, pinned to the grader the instructor
//! names). Left out: `solutions/`, the kit's own tests in
//! `tests/` (they grade the solutions and the mutants made from them),
//! the kit's CI (`.ci/`) and the instructors' guide.
//!
//! Markdown files say different things in the two: a passage between the
//! lines `<!-- kit-only -->` and `<!-- /kit-only -->` is left out of the
//! edition, and one between `<!-- edition-only` and `-->` (a comment in the
//! kit, so not shown there) is put in.

use std::fs;
use std::path::Path;

use super::{Mode, classroom};
use crate::cli::ExportArgs;
use anyhow::{Context, anyhow, bail};

/// What goes into the edition, relative to the kit: folders are copied
/// whole, except what [`WITHHELD`] names and build output.
const SHIPPED: [&str; 8] = [
    "labs",
    "checker",
    "trace",
    "docs",
    ".github",
    "README.md",
    ".gitignore",
    "LICENSE",
];

/// Inside the shipped folders, what stays with the instructors.
const WITHHELD: [&str; 2] = ["docs/instructors.md", "docs/contributing.md"];

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    pub files: usize,
    pub lines: usize,
    /// `OWNER/NAME@REF`: the checker CI grades with.
    pub grader: String,
}

/// `checker export DIR`, from the kit the checker was built in.
pub fn run(args: &ExportArgs) -> anyhow::Result<Exported> {
    export(&crate::workspace::own(), args)
}

/// Writes the student edition of the kit at `kit` to `args.dir`.
pub fn export(kit: &Path, args: &ExportArgs) -> anyhow::Result<Exported> {
    let out = &args.dir;
    if !kit.join("solutions").is_dir() {
        bail!(format!(
            "{} is not the instructors' kit (it has no solutions/): it is already a student edition",
            kit.display()
        ));
    }
    let grader = classroom::Grader {
        hints: args.hints,
        ..classroom::resolve_grader(out, &args.grader)?
    };
    let setup = classroom::Setup::Pinned {
        grader: grader.clone(),
        labs: super::chosen_labs(&args.labs)?,
    };
    super::check_destination(out, &[".git"], "export into a new folder, or a fresh clone")?;
    let mut files = Vec::new();
    for entry in SHIPPED {
        // LICENSE, .github: shipped if there.
        if fs::symlink_metadata(kit.join(entry)).is_ok() {
            files.extend(super::walk(kit, Path::new(entry), &shipped)?);
        }
    }
    let mut exported = Exported {
        files: 0,
        lines: 0,
        grader: format!("{}@{}", grader.repo, grader.reference),
    };
    for relative in &files {
        let from = kit.join(relative);
        let to = out.join(relative);
        let bytes = fs::read(&from).with_context(|| from.display().to_string())?;
        let bytes = if relative.extension().is_some_and(|e| e == "md") {
            let text =
                String::from_utf8(bytes).map_err(|_| anyhow!("{}: not UTF-8", from.display()))?;
            run_the_lab(&for_edition(&text).map_err(|e| anyhow!("{}: {e}", relative.display()))?)
                .into_bytes()
        } else if relative == Path::new(classroom::WORKFLOW_PATH) {
            // Made from the test tables, with the instructor's grader.
            classroom::workflow(&setup).into_bytes()
        } else {
            bytes
        };
        super::write(&to, &bytes, Mode::Of(&from))?;
        exported.files += 1;
        exported.lines += bytes.iter().filter(|&&b| b == b'\n').count();
    }
    let manifest = fs::read_to_string(kit.join("Cargo.toml"))
        .with_context(|| kit.join("Cargo.toml").display().to_string())?;
    let manifest = edition_manifest(&manifest, &member_manifests(out)?);
    super::write(&out.join("Cargo.toml"), manifest.as_bytes(), Mode::Umask)?;
    fs::copy(kit.join("Cargo.lock"), out.join("Cargo.lock")).context("Cargo.lock")?;
    super::prune_lockfile(out, "the edition")?;
    for name in ["Cargo.toml", "Cargo.lock"] {
        exported.files += 1;
        exported.lines += fs::read_to_string(out.join(name))
            .context(name)?
            .lines()
            .count();
    }
    Ok(exported)
}

/// Whether a file or folder below the shipped ones goes into the edition:
/// not what [`WITHHELD`] names, build output or hidden files, except those
/// right in `.github`, which [`SHIPPED`] names.
fn shipped(relative: &Path) -> bool {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let in_github = relative.parent() == Some(Path::new(".github"));
    let built_or_hidden = name == "target" || (name.starts_with('.') && !in_github);
    !built_or_hidden && !WITHHELD.iter().any(|w| Path::new(w) == relative)
}

/// A Markdown file as the edition has it: kit-only passages left out,
/// edition-only ones put in, and no blank line doubled where one was cut.
pub fn for_edition(text: &str) -> Result<String, String> {
    #[derive(PartialEq)]
    enum In {
        Both,
        KitOnly(usize),
        EditionOnly(usize),
    }
    let mut state = In::Both;
    let mut out = String::new();
    // Just after a marker, a blank line that would double one is dropped.
    let mut after_marker = false;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let marker = line.trim();
        let was_after_marker = std::mem::replace(&mut after_marker, true);
        state = match (state, marker) {
            (In::Both, "<!-- kit-only -->") => In::KitOnly(number),
            (In::Both, "<!-- edition-only") => In::EditionOnly(number),
            (In::Both, "<!-- /kit-only -->" | "-->") => {
                return Err(format!("line {number}: {marker} closes nothing"));
            }
            (In::KitOnly(_), "<!-- /kit-only -->") | (In::EditionOnly(_), "-->") => In::Both,
            (In::KitOnly(start) | In::EditionOnly(start), "<!-- kit-only -->")
            | (In::KitOnly(start) | In::EditionOnly(start), "<!-- edition-only") => {
                return Err(format!(
                    "line {number}: {marker} inside the passage opened at line {start}"
                ));
            }
            (In::KitOnly(start), _) => {
                after_marker = was_after_marker;
                In::KitOnly(start)
            }
            // The markers around a handout's rules table (labs::rules) name
            // the kit's tests that keep it: the edition has the table only.
            (In::Both, marker)
                if marker.starts_with("<!-- rules:")
                    || marker == crate::labs::rules::END_MARKER =>
            {
                after_marker = was_after_marker;
                In::Both
            }
            (state @ (In::Both | In::EditionOnly(_)), _) => {
                let blank = line.trim().is_empty();
                after_marker = was_after_marker && blank;
                if !(after_marker && (out.is_empty() || out.ends_with("\n\n"))) {
                    out.push_str(line);
                    out.push('\n');
                }
                state
            }
        };
    }
    match state {
        In::Both => Ok(out),
        In::KitOnly(start) | In::EditionOnly(start) => Err(format!(
            "the passage opened at line {start} is never closed"
        )),
    }
}

/// The handouts show what a finished lab prints by running the reference
/// solution (`cargo run -q -p solution01-hello -- server --trace`): in the
/// edition the same command runs the student's own lab, which prints the
/// same once it is done.
fn run_the_lab(text: &str) -> String {
    text.replace("-p solution", "-p lab")
}

/// The edition's workspace manifest: the kit's, with the members that
/// ship and only the shared dependencies they use.
fn edition_manifest(kit: &str, members: &[String]) -> String {
    let mut out = String::from(
        "# The student edition of socklab (made by `checker export` from the\n\
         # instructors' kit).\n\
         [workspace]\n\
         resolver = \"3\"\n\
         members = [\"checker\", \"labs/*\", \"trace\"]\n\
         # The labs are left out of the default members: their unit tests fail\n\
         # until you fill in the `todo!()`s. `cargo test` tests the checker;\n\
         # `cargo test -p lab01-hello` tests your lab 01, and\n\
         # `cargo run -p checker -- lab1` grades it.\n\
         default-members = [\"checker\", \"trace\"]\n",
    );
    // Everything after the kit's [workspace] table, as it is.
    let mut table = String::new();
    for line in kit.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            table = trimmed.to_string();
            if table == "[workspace]" {
                continue;
            }
            out.push('\n');
        }
        if table.is_empty() || table == "[workspace]" {
            continue;
        }
        if table == "[workspace.dependencies]" && !trimmed.starts_with('[') {
            let name = trimmed.split(['=', ' ', '.']).next().unwrap_or_default();
            let used = members.iter().any(|m| {
                m.lines().any(|l| {
                    let l = l.trim();
                    l.starts_with(&format!("{name}.workspace"))
                        || l.starts_with(&format!("{name} = {{ workspace"))
                })
            });
            if !name.is_empty() && !name.starts_with('#') && !used {
                continue;
            }
        }
        if !(line.is_empty() && out.ends_with("\n\n")) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.replace("\n\n\n", "\n\n")
}

/// The manifests of the edition's members (checker, trace and labs).
fn member_manifests(out: &Path) -> anyhow::Result<Vec<String>> {
    let mut manifests = vec![
        fs::read_to_string(out.join("checker/Cargo.toml")).context("checker/Cargo.toml")?,
        fs::read_to_string(out.join("trace/Cargo.toml")).context("trace/Cargo.toml")?,
    ];
    let labs = fs::read_dir(out.join("labs")).context("labs")?;
    for lab in labs.filter_map(Result::ok) {
        if let Ok(text) = fs::read_to_string(lab.path().join("Cargo.toml")) {
            manifests.push(text);
        }
    }
    Ok(manifests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kit_only_passages_are_cut_and_edition_only_ones_shown() {
        let kit = "# Title\n\nBoth.\n\n<!-- kit-only -->\nSolutions.\n<!-- /kit-only -->\n\n\
                   <!-- edition-only\nYour repository.\n-->\n\nEnd.\n";
        assert_eq!(
            for_edition(kit).unwrap(),
            "# Title\n\nBoth.\n\nYour repository.\n\nEnd.\n"
        );
    }

    #[test]
    fn the_rules_tables_markers_are_cut_and_the_table_kept() {
        let lab = crate::labs::find("lab0").unwrap();
        let kit = format!(
            "## Rules\n\n{}| rule |\n{}\n\nEnd.\n",
            crate::labs::rules::begin_marker(lab) + "\n",
            crate::labs::rules::END_MARKER
        );
        assert_eq!(for_edition(&kit).unwrap(), "## Rules\n\n| rule |\n\nEnd.\n");
    }

    #[test]
    fn the_handouts_commands_run_the_students_lab() {
        assert_eq!(
            run_the_lab("$ cargo run -q -p solution05-time -- client --udp --trace\n"),
            "$ cargo run -q -p lab05-time -- client --udp --trace\n"
        );
    }

    #[test]
    fn unbalanced_markers_are_errors() {
        for (text, message) in [
            ("<!-- kit-only -->\nx\n", "never closed"),
            ("x\n<!-- /kit-only -->\n", "closes nothing"),
            (
                "<!-- kit-only -->\n<!-- edition-only\n",
                "inside the passage",
            ),
            ("-->\n", "closes nothing"),
        ] {
            let error = for_edition(text).unwrap_err();
            assert!(error.contains(message), "{text:?}: {error}");
        }
    }

    #[test]
    fn the_manifest_keeps_the_shared_settings_and_the_used_dependencies() {
        let kit = "[workspace]\nresolver = \"3\"\nmembers = [\"checker\", \"solutions/*\"]\n\n\
                   [workspace.package]\nedition = \"2024\"\n\n[workspace.dependencies]\n\
                   clap = { version = \"4\" }\nrlimit = \"0.10\"\n\n[profile.dev]\ndebug = 1\n";
        let manifest = edition_manifest(kit, &["clap.workspace = true".to_string()]);
        assert!(manifest.contains("members = [\"checker\", \"labs/*\", \"trace\"]"));
        assert!(!manifest.contains("solutions"));
        assert!(manifest.contains("[workspace.package]\nedition = \"2024\"\n"));
        assert!(manifest.contains("clap = { version = \"4\" }"));
        assert!(!manifest.contains("rlimit"));
        assert!(manifest.contains("[profile.dev]\ndebug = 1\n"));
    }
}
