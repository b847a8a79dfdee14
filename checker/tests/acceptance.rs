//! The acceptance steps the instructors' guide (docs/instructors.md) and
//! the Gradescope autograder's README (checker/gradescope/README.md) give,
//! run as they are written: the commands under the marker
//! `<!-- acceptance: the solution in the skeleton's crate -->`, in a copy
//! of the kit, then lab 01 graded there: full marks.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;

const MARKER: &str = "<!-- acceptance: the solution in the skeleton's crate -->";

fn kit() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The `sh` block just after the marker, its lines unindented.
fn commands(document: &Path) -> String {
    let text = fs::read_to_string(document).unwrap();
    let after = &text[text
        .find(MARKER)
        .unwrap_or_else(|| panic!("{}: no {MARKER}", document.display()))..];
    let mut lines = after.lines().skip(1).map(str::trim);
    assert_eq!(lines.next(), Some("```sh"), "{}", document.display());
    let mut out = String::new();
    for line in lines.by_ref() {
        if line == "```" {
            return out;
        }
        out.push_str(line);
        out.push('\n');
    }
    panic!("{}: the block is not closed", document.display());
}

/// The kit's files, without build output and git's.
fn copy_kit(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_kit(&entry.path(), &to.join(&name));
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

#[test]
fn both_documents_give_the_same_steps() {
    assert_eq!(
        commands(&kit().join("docs/instructors.md")),
        commands(&kit().join("checker/gradescope/README.md"))
    );
}

#[test]
#[cfg_attr(not(socklab_kit), ignore = "copies solutions/, which only the kit has")]
fn the_documented_steps_give_full_marks() {
    let steps = commands(&kit().join("docs/instructors.md"));
    let copy =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("acceptance-{}", std::process::id()));
    let _ = fs::remove_dir_all(&copy);
    copy_kit(&kit(), &copy);
    let status = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &steps])
        .current_dir(&copy)
        .status()
        .unwrap();
    assert!(status.success(), "the documented steps failed:\n{steps}");
    // Built apart from the kit's own target/ (whose lab01-hello is the
    // skeleton other tests grade), in one kept between runs.
    let output = cargo_bin_cmd!("checker")
        .args(["lab1", "--format", "json", "--workspace"])
        .arg(&copy)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("acceptance-target"),
        )
        .env_remove("SOCKLAB_TIMEOUT_SCALE")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}):\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let lab = &report["labs"][0];
    assert_eq!(
        lab["points"],
        lab["max_points"],
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        lab["max_points"],
        checker::labs::find("lab1").unwrap().max_points()
    );
    assert_eq!(output.status.code(), Some(0));
    let _ = fs::remove_dir_all(&copy);
}
