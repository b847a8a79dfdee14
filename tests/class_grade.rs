//! `checker class grade`, end to end, as an instructor who is not root
//! runs it (or root with `--run-as root`: no user to switch to): a local
//! git repository with a commit before the deadline and one after, graded
//! by a child `checker grade` whose row says what it found, and a second
//! run that grades nothing again.
//!
//! The repository's lab doesn't compile (its workspace manifest is not
//! TOML), so that no dependency is built and the test takes a second; what
//! it checks is the way there: the child is started with arguments it
//! accepts and writes its report. (Started with two empty arguments, as it
//! once was without `--run-as`, every row said "not graded (exit status:
//! 2)".) tests/class/make_class.py and check_class.py grade a real class.

use std::path::Path;
use std::process::Command;

use checker::compile::{CargoOutput, Profile};

fn git(repo: &Path, args: &[&str], when: &str) {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args([
            "-c",
            "user.name=student",
            "-c",
            "user.email=student@example.com",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

fn commit(repo: &Path, message: &str, when: &str) {
    git(repo, &["add", "-A"], when);
    git(repo, &["commit", "-q", "-m", message], when);
}

fn head(repo: &Path) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "HEAD"])
        .output()
        .expect("git runs");
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[test]
fn a_class_graded_as_the_instructors_own_user_gets_real_rows() {
    let checker = checker::compile::build("checker", Profile::Dev, CargoOutput::Keep).unwrap();
    let tmp = std::env::temp_dir().join(format!("socklab-class-grade-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let repo = tmp.join("student");
    std::fs::create_dir_all(repo.join("labs/01-hello/src")).unwrap();
    git(&repo, &["init", "-q", "-b", "main"], "2026-12-01T10:00:00Z");
    std::fs::write(repo.join("Cargo.toml"), "[workspace\nnot toml").unwrap();
    std::fs::write(repo.join("labs/01-hello/src/main.rs"), "fn main() {}\n").unwrap();
    commit(&repo, "my work", "2026-12-01T10:00:00Z");
    let graded = head(&repo);
    std::fs::write(repo.join("labs/01-hello/src/main.rs"), "fn main() { }\n").unwrap();
    commit(&repo, "too late", "2026-12-09T10:00:00Z");
    let roster = tmp.join("roster.txt");
    std::fs::write(&roster, format!("{}\n", repo.display())).unwrap();
    let out = tmp.join("out");

    let grade = || {
        let mut command = Command::new(&checker);
        command
            .args(["class", "grade"])
            .arg(&roster)
            .args(["--labs", "lab1", "--deadline", "2026-12-07T12:00:00Z"])
            .arg("--out")
            .arg(&out)
            // No dependency layer: nothing here would use it.
            .arg("--deps-from")
            .arg(tmp.join("no-kit"))
            .env("NO_COLOR", "1");
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            command.args(["--run-as", "root"]);
        }
        let output = command.output().expect("the checker runs");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };

    let said = grade();
    let class: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("class.json")).unwrap()).unwrap();
    let row = &class["students"][0];
    assert_eq!(row["commit"]["id"], graded.as_str(), "{said}");
    assert_eq!(row["late"].as_array().map(Vec::len), Some(1), "{said}");
    let gradebook = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    assert!(
        gradebook.contains("does not compile: lab01"),
        "the child checker grade did not grade the repository:\n{gradebook}\n{said}"
    );

    let again = grade();
    assert!(
        again.contains("(kept from the last run"),
        "the second run graded again:\n{again}"
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}
