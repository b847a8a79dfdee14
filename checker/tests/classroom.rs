//! The GitHub Classroom workflow in the repository is the one the test
//! tables make: its points can't drift from the checker's.

use std::path::Path;

use checker::classroom::{DEFAULT_GRADER_REF, DEFAULT_GRADER_REPO, WORKFLOW_PATH, workflow};

#[test]
fn the_classroom_workflow_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join(WORKFLOW_PATH);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let made = workflow(DEFAULT_GRADER_REPO, DEFAULT_GRADER_REF);
    assert!(
        committed == made,
        "{WORKFLOW_PATH} is not what the checker's test tables make (a test or its points \
         changed, or a lab was added): regenerate it with `cargo run -p checker -- classroom` \
         and commit it"
    );
}

#[test]
fn the_workflow_grades_with_the_pinned_checker_only() {
    let text: String = workflow(DEFAULT_GRADER_REPO, DEFAULT_GRADER_REF)
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    // The student's repository is checked out only in the job `grade`, and
    // nothing there builds its checker/.
    assert_eq!(text.matches("uses: actions/checkout@").count(), 2);
    assert!(
        !text.contains("cargo run"),
        "no cargo run of the student's checker"
    );
    assert!(!text.contains("-p checker"));
    assert_eq!(
        text.matches("--manifest-path grader/Cargo.toml --package checker")
            .count(),
        1
    );
    // Each lab checks the checker before it grades.
    let labs = checker::labs::all().len();
    assert_eq!(text.matches("/usr/bin/sha256sum --check").count(), labs);
    // The reporter's job runs nothing of the student's.
    let reporter = &text[text.find("  run-autograding-tests:").unwrap()..];
    assert!(!reporter.contains("checkout"));
    assert!(!reporter.contains("run:"));
}
