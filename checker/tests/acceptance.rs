//! Steps run as they are written, in a copy of the kit:
//! - the acceptance steps the instructors' guide (docs/instructors.md) and
//!   the Gradescope autograder's README (checker/gradescope/README.md) give,
//!   the commands under the marker
//!   `<!-- acceptance: the solution in the skeleton's crate -->`; then lab 01
//!   graded there: full marks;
//! - the grading workflow's step of lab 01, with the real checker, on a
//!   submission whose build script prints workflow commands: 0 points, and
//!   none of its commands would be obeyed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;

// The model of what a runner obeys, shared with the other tests of steps.
#[path = "support/workflow_commands.rs"]
mod workflow_commands;
use workflow_commands::{obeyed, shown_forged};

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
#[cfg_attr(
    not(socklab_kit),
    ignore = "reads docs/instructors.md, which only the kit has"
)]
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
        .envs(builds_as_root())
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

#[test]
fn the_workflows_grading_step_stops_a_build_scripts_commands() {
    let copy =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("injector-{}", std::process::id()));
    let _ = fs::remove_dir_all(&copy);
    let workspace = copy.join("workspace");
    copy_kit(&kit(), &workspace);
    // A build script that prints workflow commands and fails, so that cargo
    // shows what it printed (indented: the runner trims that).
    let lab = workspace.join("labs/01-hello");
    fs::write(
        lab.join("build.rs"),
        "fn main() {\n\
         println!(\"cargo:warning=::error title=forged::25/25\");\n\
         eprintln!(\"::add-mask::points\");\n\
         eprintln!(\"::error file=labs/01-hello/src/main.rs::forged\");\n\
         std::process::exit(1);\n\
         }\n",
    )
    .unwrap();
    // The instructor's checker, where the workflow puts it.
    let temp = copy.join("runner-temp");
    fs::create_dir_all(temp.join("grader")).unwrap();
    let checker = temp.join("grader/checker");
    fs::copy(assert_cmd::cargo::cargo_bin!("checker"), &checker).unwrap();
    let sha256 = String::from_utf8(
        Command::new("sha256sum")
            .arg(&checker)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()[..64]
        .to_string();
    let grader = checker::course::classroom::Grader {
        repo: "uni/net".into(),
        reference: "v1".into(),
        sha256: Some(sha256),
        hints: Default::default(),
    };
    let lab1 = checker::labs::find("lab1").unwrap();
    let script = copy.join("step.sh");
    fs::write(
        &script,
        checker::course::classroom::lab_script(&grader, lab1),
    )
    .unwrap();
    let outputs = copy.join("github-output");
    let output = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .env("RUNNER_TEMP", &temp)
        .env("GITHUB_WORKSPACE", &workspace)
        .env("GITHUB_OUTPUT", &outputs)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("acceptance-target"),
        )
        .envs(builds_as_root())
        .output()
        .unwrap();
    let shown = shown_forged(&output);
    assert_eq!(obeyed(&shown), Vec::<String>::new(), "{shown}");
    // Without the stop, the runner would obey them (they start a line).
    let unstopped: String = shown
        .lines()
        .filter(|l| !l.starts_with("::stop-commands::"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        obeyed(&unstopped)
            .iter()
            .any(|c| c.starts_with("::add-mask::")),
        "{shown}"
    );
    // The lab does not compile: every runner's result an error, 0 points.
    let results = fs::read_to_string(&outputs).unwrap();
    let runners = checker::report::classroom_runners(lab1);
    assert_eq!(results.lines().count(), runners.len(), "{results}");
    use base64::Engine;
    let decoded: Vec<(String, serde_json::Value)> = results
        .lines()
        .map(|line| {
            let (name, encoded) = line.split_once('=').unwrap();
            let json = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap();
            (name.to_string(), serde_json::from_slice(&json).unwrap())
        })
        .collect();
    for (_, result) in &decoded {
        assert_eq!(result["status"], "error");
    }
    let (shown_total, points, max) = checker::report::as_the_reporter_adds_up(&decoded);
    assert_eq!(
        (shown_total, points, max),
        (0.0, 0, lab1.max_points() as u64)
    );
    let _ = fs::remove_dir_all(&copy);
}

/// As root, `SOCKLAB_RUN_AS=root`: the checker would otherwise build the
/// lab as nobody (--run-as), who may not reach this machine's Rust
/// (rustup's, under /root), and a GitHub runner's checker is not root.
/// These tests are about the documented steps and the workflow's step;
/// tests/gradescope.rs and .ci/run grade as root with --run-as.
fn builds_as_root() -> Option<(&'static str, &'static str)> {
    // SAFETY: geteuid has no preconditions.
    (unsafe { libc::geteuid() } == 0).then_some(("SOCKLAB_RUN_AS", "root"))
}
