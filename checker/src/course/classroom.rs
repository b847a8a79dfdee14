//! `checker classroom`: the grading workflow of a student's repository
//! (`.github/workflows/classroom.yml`), made from the checker's own test
//! tables so that its points never drift from them. `checker export`
//! writes the same workflow into the student edition.
//!
//! One workflow, run once per push: it grades the assignment's labs with
//! the instructor's checker, publishes the JUnit report as a check run, and
//! hands GitHub Classroom its points. Four jobs, so that nothing the student
//! wrote runs where it could change the grade or write anything:
//! - `grader` gets the instructor's checker, where no student code runs:
//!   a release asset of the grader's repository checked against the SHA-256
//!   the instructor gave (`--grader-sha256`), or else built from the grader's
//!   repository at the pinned tag or commit with no cache (nothing a student's
//!   repository can write goes into it); it records the binary's SHA-256;
//! - `grade` checks out the student's repository and grades each lab with
//!   that checker (`--workspace`), checking the binary's hash before each
//!   lab; everything the student's code prints is shown with GitHub's
//!   workflow commands stopped (`::stop-commands::` with a random token).
//!   Its token can read the repository and write nothing;
//! - `report` publishes the JUnit report as a check run, from the artifact
//!   alone: it runs no student code;
//! - `run-autograding-tests` runs only GitHub Classroom's reporter, with the
//!   results in its environment; Classroom reads its points there.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::cli::{GraderArgs, parse_ref, parse_repo, parse_sha256};
use crate::labs::Lab;
use crate::report::{ClassroomRunner, classroom_not_graded, classroom_runners};
use anyhow::anyhow;

/// Where the workflow goes, relative to the workspace.
pub const WORKFLOW_PATH: &str = ".github/workflows/classroom.yml";

/// The actions the workflows use, each pinned by the commit of a release
/// (its tag in the comment): a tag can be moved, a commit can't. Found in
/// the actions' own repositories.
pub const CHECKOUT: &str = "actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803 # v6.1.0";
pub const UPLOAD_ARTIFACT: &str =
    "actions/upload-artifact@b7c566a772e6b6bfb58ed0dc250532a479d7789f # v6.0.0";
pub const DOWNLOAD_ARTIFACT: &str =
    "actions/download-artifact@37930b1c2abaa49bbe596cd826c3c89aef350131 # v7.0.0";
pub const JUNIT_REPORT: &str =
    "mikepenz/action-junit-report@d9f48fc87bc235f7e214acf696ca5abc0a986f16 # v6.4.2";
pub const CLASSROOM_REPORTER: &str = "classroom-resources/autograding-grading-reporter@d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca # v1";

/// Rust's stable toolchain, with the rustup of GitHub's runner images (no
/// action to trust for it).
pub const INSTALL_RUST: &str =
    "rustup toolchain install stable --profile minimal --no-self-update && rustup default stable";

/// The first line of a generated workflow: what it was made from, so that
/// `checker classroom --check` can make it again.
const HEADER: &str = "# socklab-workflow:";

/// The checker that grades: the instructor's, pinned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grader {
    /// OWNER/NAME on GitHub.
    pub repo: String,
    /// The tag or commit.
    pub reference: String,
    /// The SHA-256 of the release asset `checker` of `reference`; without
    /// it, the checker is built from the repository at `reference`.
    pub sha256: Option<String>,
    /// How much of a failed test's hint each grading shows (`--hints`):
    /// `none` for an exam. The workflow says it only when it is not the
    /// default (`first`).
    pub hints: crate::hints::Mode,
}

/// What the workflow grades, and with what.
#[derive(Clone)]
pub enum Setup {
    /// The kit's own copy: it grades nothing, and says how to make the real
    /// one (the kit has no grader of its own to name).
    KitTemplate,
    Pinned {
        grader: Grader,
        labs: Vec<&'static Lab>,
    },
}

/// The workflow for `setup`.
pub fn workflow(setup: &Setup) -> String {
    match setup {
        Setup::KitTemplate => kit_template(),
        Setup::Pinned { grader, labs } => pinned_workflow(grader, labs),
    }
}

/// What a workflow's first line says it was made from (None: not one of
/// ours, or made by an older checker).
pub fn setup_of(text: &str) -> Option<Setup> {
    let line = text.lines().next()?.strip_prefix(HEADER)?.trim();
    if line == "kit-template" {
        return Some(Setup::KitTemplate);
    }
    let mut grader = None;
    let mut sha256 = None;
    let mut hints = crate::hints::Mode::First;
    let mut labs = Vec::new();
    for word in line.split_whitespace() {
        let (key, value) = word.split_once('=')?;
        match key {
            "grader" => {
                let (repo, reference) = value.split_once('@')?;
                grader = Some((parse_repo(repo).ok()?, parse_ref(reference).ok()?));
            }
            "sha256" if value != "none" => sha256 = Some(parse_sha256(value).ok()?),
            "sha256" => {}
            "hints" => hints = clap::ValueEnum::from_str(value, false).ok()?,
            "labs" => {
                let keys: Vec<String> = value.split(',').map(str::to_string).collect();
                labs = super::chosen_labs(&keys).ok()?;
            }
            _ => return None,
        }
    }
    let (repo, reference) = grader?;
    Some(Setup::Pinned {
        grader: Grader {
            repo,
            reference,
            sha256,
            hints,
        },
        labs,
    })
}

fn kit_template() -> String {
    format!(
        "{HEADER} kit-template
# The kit's own copy of the grading workflow: it grades nothing. The kit
# names no grader, because there is none to name: the grader is yours, in
# the repository you give your students (see docs/instructors.md). The
# student edition gets the real workflow, pinned to your checker:
#   cargo run -p checker -- export DIR --grader-repo OWNER/NAME --grader-ref TAG
# or, in a clone of that repository,
#   cargo run -p checker -- classroom [--grader-sha256 HEX] [--labs lab1,lab3]
# Regenerate this copy with `cargo run -p checker -- classroom --kit-template`.
name: Autograding Tests
\"on\":
  workflow_dispatch:

permissions: {{}}

concurrency:
  group: socklab-grade-${{{{ github.ref }}}}
  cancel-in-progress: true

jobs:
  not-set-up:
    name: Not set up
    runs-on: ubuntu-latest
    timeout-minutes: 1
    steps:
      - name: Say how to set it up
        run: |
          echo \"::error::This is the kit's template of the grading workflow: it names no grader. Write the real one with: cargo run -p checker -- classroom --grader-repo OWNER/NAME --grader-ref TAG (docs/instructors.md).\"
          exit 1
"
    )
}

fn pinned_workflow(grader: &Grader, labs: &[&Lab]) -> String {
    let mut y = String::new();
    let ids: Vec<String> = labs.iter().map(|l| l.id()).collect();
    let _ = writeln!(
        y,
        "{HEADER} grader={}@{} sha256={} labs={}",
        grader.repo,
        grader.reference,
        grader.sha256.as_deref().unwrap_or("none"),
        ids.join(",")
    );
    if let Some(hints) = hints_flag(grader) {
        // The header's line goes on: `--check` reads the setup from it.
        y.pop();
        let _ = writeln!(y, " hints={hints}");
    }
    let total: u32 = labs.iter().map(|l| l.max_points()).sum();
    let _ = writeln!(
        y,
        "# The grading of socklab: {total} points in {} labs, each test its own points:",
        labs.len()
    );
    for lab in labs {
        let _ = writeln!(
            y,
            "#   {} {}: {} points in {} tests",
            lab.id(),
            lab.title,
            lab.max_points(),
            lab.tests.len()
        );
    }
    let how = match &grader.sha256 {
        Some(sha256) => format!(
            "the release asset `checker` of {}\n# at {}, checked against the SHA-256\n# {sha256}",
            grader.repo, grader.reference
        ),
        None => format!(
            "built from {}\n# at {} with no cache (nothing the student's repository can write\n# goes into it)",
            grader.repo, grader.reference
        ),
    };
    let _ = write!(
        y,
        "#
# Generated by `cargo run -p checker -- classroom` from the checker's test
# tables; do not edit it by hand (regenerate it: the points would drift).
# Once per push. The checker that grades is the instructor's: {how}.
# The student's copy of checker/ is never built; only labs/ is graded, in
# a job whose token can write nothing. The JUnit report and GitHub
# Classroom's points are published by jobs that run no student code.
name: Autograding Tests
\"on\":
  push:
  repository_dispatch:
  workflow_dispatch:

permissions: {{}}

concurrency:
  group: socklab-grade-${{{{ github.ref }}}}
  cancel-in-progress: true

jobs:
"
    );
    y.push_str(&grader_job(grader));
    y.push_str(&grade_job(grader, labs));
    y.push_str(&report_job());
    y.push_str(&reporter_job(labs));
    y
}

/// Gets the instructor's checker and hands it on with its hash.
fn grader_job(grader: &Grader) -> String {
    let mut y = format!(
        "  grader:
    name: Get the instructor's checker
    # Not in the grader's own repository, nor in a template repository
    # (their labs/ are the skeletons), nor for Classroom's own commits.
    if: ${{{{ github.repository != '{repo}' && !github.event.repository.is_template && github.actor != 'github-classroom[bot]' }}}}
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
    outputs:
      sha256: ${{{{ steps.checker.outputs.sha256 }}}}
    steps:
",
        repo = grader.repo
    );
    y.push_str(&grader_steps(grader));
    let _ = write!(
        y,
        "      - name: Hand the checker to the grading job
        uses: {UPLOAD_ARTIFACT}
        with:
          name: socklab-grader
          path: grader/checker
          if-no-files-found: error
          retention-days: 1

"
    );
    y
}

/// The steps that get the instructor's checker to `grader/checker`, where
/// no student code runs, with its SHA-256 as the output `sha256` of the
/// step `checker`: the release asset checked against the SHA-256 the
/// instructor gave, or else built from the grader's repository at the
/// pinned tag or commit. Every workflow the kit writes gets its checker
/// with these, so that hardening one hardens all.
pub fn grader_steps(grader: &Grader) -> String {
    let mut y = String::new();
    match &grader.sha256 {
        Some(sha256) => {
            let _ = write!(
                y,
                "      - name: Download the checker and check its SHA-256
        id: checker
        run: |
          mkdir -p grader
          curl --fail --silent --show-error --location --retry 3 --output grader/checker \\
            https://github.com/{repo}/releases/download/{reference}/checker
          echo \"{sha256}  grader/checker\" | sha256sum --check
          echo \"sha256={sha256}\" >> \"$GITHUB_OUTPUT\"
",
                repo = grader.repo,
                reference = grader.reference,
            );
        }
        None => {
            let _ = write!(
                y,
                "      - name: Check out the grader
        uses: {CHECKOUT}
        with:
          repository: {repo}
          ref: {reference}
          path: grader
          persist-credentials: false
      - name: Install Rust
        run: {INSTALL_RUST}
      # No cache: a cache entry is anything a workflow run of this
      # repository (a student's, in a student's repository) saved under
      # that key.
      - name: Build the checker
        run: cargo build --release --locked --manifest-path grader/Cargo.toml --package checker
      - name: Record the checker's SHA-256
        id: checker
        run: |
          mv grader/target/release/checker grader/checker
          echo \"sha256=$(sha256sum grader/checker | cut -d' ' -f1)\" >> \"$GITHUB_OUTPUT\"
",
                repo = grader.repo,
                reference = grader.reference,
            );
        }
    }
    y
}

/// Grades each lab with the instructor's checker; the Classroom results
/// are the job's outputs, the reports an artifact.
fn grade_job(grader: &Grader, labs: &[&Lab]) -> String {
    let mut y = String::from(
        "  grade:
    name: Grade labs/
    needs: grader
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: read
    outputs:
",
    );
    for lab in labs {
        for runner in classroom_runners(lab) {
            let _ = writeln!(
                y,
                "      {name}: ${{{{ steps.{id}.outputs.{name} }}}}",
                name = runner.name,
                id = lab.id()
            );
        }
    }
    let _ = write!(
        y,
        "    steps:
      # Before any code of the student's runs. Ubuntu 24.04 forbids
      # unprivileged user namespaces (actions/runner-images#10443), which
      # the checker uses to test self-connects (lab 04); the runner is the
      # student's own for this job.
      - name: Allow user namespaces
        run: |
          if [ -e /proc/sys/kernel/apparmor_restrict_unprivileged_userns ]; then
            sudo sysctl -q -w kernel.apparmor_restrict_unprivileged_userns=0
          fi
      - name: Check out the student's repository
        uses: {CHECKOUT}
        with:
          persist-credentials: false
      - name: Install Rust
        run: {INSTALL_RUST}
      - name: Get the instructor's checker
        uses: {DOWNLOAD_ARTIFACT}
        with:
          name: socklab-grader
          path: ${{{{ runner.temp }}}}/grader
"
    );
    for lab in labs {
        y.push_str(&lab_step(grader, lab));
    }
    let _ = write!(
        y,
        "      - name: Keep the reports
        if: ${{{{ !cancelled() }}}}
        uses: {UPLOAD_ARTIFACT}
        with:
          name: socklab-reports
          path: ${{{{ runner.temp }}}}/reports
          if-no-files-found: error

"
    );
    y
}

/// The `--hints` a workflow's gradings take, if not the default.
fn hints_flag(grader: &Grader) -> Option<&'static str> {
    match grader.hints {
        crate::hints::Mode::First => None,
        crate::hints::Mode::None => Some("none"),
        crate::hints::Mode::All => Some("all"),
    }
}

/// The script of a lab's step: check the checker, grade with workflow
/// commands stopped, hand on the results (or, when the checker did not
/// grade, the lab's results as not graded: its files are then not trusted,
/// as tests/rehearsal.rs shows a build script forging them).
pub fn lab_script(grader: &Grader, lab: &Lab) -> String {
    let id = lab.id();
    // The hash: the instructor's, written here, when there is one; else the
    // one the grader job recorded (in the step's environment).
    let sha256 = grader.sha256.as_deref().unwrap_or("$CHECKER_SHA256");
    let hints = hints_flag(grader).map_or(String::new(), |h| format!(" --hints {h}"));
    let mut s = format!(
        "checker=\"$RUNNER_TEMP/grader/checker\"
reports=\"$RUNNER_TEMP/reports\"
mkdir -p \"$reports\"
chmod +x \"$checker\"
echo \"{sha256}  $checker\" | /usr/bin/sha256sum --check --quiet
rm -f \"$reports/{id}.results\" \"$reports/{id}.xml\"
# What the student's code prints (cargo building the lab, the programs'
# output in the report) is shown with workflow commands stopped, so that
# a line `::error ...` or `::add-mask::...` of theirs is only text. Their
# programs never hold this step's output: it is shown once they are gone.
log=\"$(mktemp)\"
status=0
\"$checker\" {id} --workspace \"$GITHUB_WORKSPACE\"{hints} \\
  --format \"human,classroom=$reports/{id}.results,junit=$reports/{id}.xml\" >\"$log\" 2>&1 || status=$?
token=\"$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')\"
echo \"::stop-commands::$token\"
cat \"$log\"
echo \"::$token::\"
rm -f \"$log\"
# The reports are the checker's only when it graded (0: every test passed,
# 1: some failed). With any other status (2: the lab does not compile, or
# the checker could not write its reports) what is there may be the work
# of the student's code, which runs as this user: a build script that
# writes full marks there and then makes the checker's own write fail.
if [ \"$status\" -gt 1 ] || [ ! -f \"$reports/{id}.results\" ] || [ ! -s \"$reports/{id}.results\" ]; then
  echo \"the checker did not grade {id} (exit status $status): its results say so, at 0 points\"
  rm -rf \"$reports/{id}.results\" \"$reports/{id}.xml\"
  cat > \"$reports/{id}.results\" <<'EOF'
"
    );
    s.push_str(&classroom_not_graded(lab));
    let _ = write!(
        s,
        "EOF\nfi\ncat \"$reports/{id}.results\" >> \"$GITHUB_OUTPUT\"\n"
    );
    s
}

fn lab_step(grader: &Grader, lab: &Lab) -> String {
    let id = lab.id();
    let mut y = format!(
        "      - name: {id} {title} ({points} points)
        id: {id}
        if: ${{{{ !cancelled() }}}}
",
        title = lab.title,
        points = lab.max_points(),
    );
    if grader.sha256.is_none() {
        y.push_str("        env:\n          CHECKER_SHA256: ${{ needs.grader.outputs.sha256 }}\n");
    }
    y.push_str("        run: |\n");
    for line in lab_script(grader, lab).lines() {
        if line.is_empty() {
            y.push('\n');
        } else {
            let _ = writeln!(y, "          {line}");
        }
    }
    y
}

/// Publishes the JUnit reports as a check run: the only job with a token
/// that writes, and it runs nothing of the student's.
fn report_job() -> String {
    format!(
        "  report:
    name: Publish the test report
    needs: grade
    if: ${{{{ !cancelled() && needs.grade.result != 'skipped' }}}}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read # the commit the check run is on
      checks: write # the check run of the test report
    steps:
      - name: Get the reports
        uses: {DOWNLOAD_ARTIFACT}
        with:
          name: socklab-reports
          path: reports
      - name: Publish the test report
        uses: {JUNIT_REPORT}
        with:
          report_paths: reports/*.xml
          check_name: socklab tests
          require_tests: true
          include_passed: true
          detailed_summary: true

"
    )
}

/// GitHub Classroom's reporter, in the job whose results Classroom reads.
fn reporter_job(labs: &[&Lab]) -> String {
    let mut y = format!(
        "  run-autograding-tests:
    name: run-autograding-tests
    needs: grade
    if: ${{{{ !cancelled() && needs.grade.result != 'skipped' }}}}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions: {{}}
    steps:
      - name: Autograding Reporter
        uses: {CLASSROOM_REPORTER}
        env:
"
    );
    let runners: Vec<ClassroomRunner> = labs.iter().flat_map(|l| classroom_runners(l)).collect();
    for runner in &runners {
        let _ = writeln!(
            y,
            "          {}_RESULTS: ${{{{ needs.grade.outputs.{} }}}}",
            runner.name.to_uppercase(),
            runner.name
        );
    }
    let names: Vec<&str> = runners.iter().map(|r| r.name.as_str()).collect();
    let _ = writeln!(y, "        with:\n          runners: {}", names.join(","));
    y
}

/// The grader `checker classroom` and `checker export` pin: the one the
/// instructor named, else the one the git checkout at `workspace` names
/// (its `origin` on GitHub, and HEAD's tag or commit, once pushed).
/// Refuses, saying what to give, when there is none.
pub fn resolve_grader(workspace: &Path, args: &GraderArgs) -> anyhow::Result<Grader> {
    let repo = args.grader_repo.as_deref();
    let reference = args.grader_ref.as_deref();
    let sha256 = args.grader_sha256.as_deref();
    let sha256 = sha256
        .map(parse_sha256)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let repo = match repo {
        Some(repo) => parse_repo(repo).map_err(anyhow::Error::msg)?,
        None => origin_repo(workspace).ok_or_else(|| {
            anyhow!(
                "no grader: give --grader-repo OWNER/NAME and --grader-ref TAG (the GitHub \
                 repository your students' workflows take your checker from, e.g. the student \
                 edition's template repository, and a tag or commit of it; docs/instructors.md), \
                 or run this in a clone whose `origin` is that repository ({} has no origin on \
                 GitHub)",
                workspace.display()
            )
        })?,
    };
    let reference = match reference {
        Some(reference) => parse_ref(reference).map_err(anyhow::Error::msg)?,
        None => pushed_head(workspace).map_err(|why| {
            anyhow!("no --grader-ref, and {why}: give --grader-ref TAG (a tag or commit of {repo})")
        })?,
    };
    Ok(Grader {
        repo,
        reference,
        sha256,
        hints: crate::hints::Mode::First,
    })
}

fn git(workspace: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(workspace)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !text.is_empty()).then_some(text)
}

/// `OWNER/NAME` of the checkout's `origin`, if it is on GitHub.
fn origin_repo(workspace: &Path) -> Option<String> {
    let url = git(workspace, &["remote", "get-url", "origin"])?;
    let path = url
        .strip_prefix("https://github.com/")
        .or_else(|| url.strip_prefix("git@github.com:"))
        .or_else(|| url.strip_prefix("ssh://git@github.com/"))?;
    let path = path.trim_end_matches('/');
    parse_repo(path.strip_suffix(".git").unwrap_or(path)).ok()
}

/// HEAD's tag, or its commit, if origin has it (a remote branch contains
/// it, as of the last fetch).
fn pushed_head(workspace: &Path) -> Result<String, String> {
    let commit = git(workspace, &["rev-parse", "--verify", "HEAD^{commit}"])
        .ok_or("this is not a git checkout")?;
    if git(workspace, &["branch", "--remotes", "--contains", &commit]).is_none() {
        return Err(format!(
            "HEAD ({commit}) is on no branch of origin: push it first"
        ));
    }
    Ok(git(workspace, &["describe", "--tags", "--exact-match", "HEAD"]).unwrap_or(commit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs;

    fn grader(sha256: Option<&str>) -> Grader {
        Grader {
            hints: crate::hints::Mode::First,
            repo: "kit/socklab".into(),
            reference: "v9".into(),
            sha256: sha256.map(str::to_string),
        }
    }

    /// An exam's workflow: every grading is told `--hints none`, and the
    /// workflow's first line says so, for `checker classroom --check`.
    #[test]
    fn hints_off_reach_every_grading_and_the_header() {
        let exam = Grader {
            hints: crate::hints::Mode::None,
            ..grader(None)
        };
        let setup = Setup::Pinned {
            grader: exam.clone(),
            labs: labs::all().to_vec(),
        };
        let text = workflow(&setup);
        assert!(
            text.lines().next().unwrap().ends_with(" hints=none"),
            "{text}"
        );
        for lab in labs::all() {
            let script = lab_script(&exam, lab);
            assert!(
                script.contains(&format!(
                    "{} --workspace \"$GITHUB_WORKSPACE\" --hints none \\\n",
                    lab.id()
                )),
                "{script}"
            );
        }
        assert!(matches!(setup_of(&text), Some(Setup::Pinned { grader: g, .. }) if g == exam));
        // The default is not written: workflows made before stay as they were.
        let usual = workflow(&Setup::Pinned {
            grader: grader(None),
            labs: labs::all().to_vec(),
        });
        assert!(!usual.contains("hints"), "{usual}");
    }

    #[test]
    fn every_runner_of_every_lab_is_reported_with_its_points() {
        let setup = Setup::Pinned {
            grader: grader(None),
            labs: labs::all().to_vec(),
        };
        let text = workflow(&setup);
        assert!(text.contains("github.repository != 'kit/socklab'"));
        let runners: Vec<ClassroomRunner> = labs::all()
            .iter()
            .flat_map(|l| classroom_runners(l))
            .collect();
        let names: Vec<&str> = runners.iter().map(|r| r.name.as_str()).collect();
        assert!(text.contains(&format!("runners: {}\n", names.join(","))));
        for runner in &runners {
            let name = &runner.name;
            assert!(text.contains(&format!(
                "{}_RESULTS: ${{{{ needs.grade.outputs.{name} }}}}",
                name.to_uppercase()
            )));
        }
        for lab in labs::all() {
            let id = lab.id();
            assert!(text.contains(&format!("        id: {id}\n")), "{id}");
            assert!(text.contains(&format!("({} points)", lab.max_points())));
        }
        assert!(!text.contains('\t'));
        assert!(
            matches!(setup_of(&text), Some(Setup::Pinned { grader: g, labs }) if g == grader(None) && labs.len() == labs::all().len())
        );
    }

    #[test]
    fn the_header_says_what_the_workflow_was_made_from() {
        let sha = "ab".repeat(32);
        let labs = vec![labs::find("lab1").unwrap(), labs::find("lab3").unwrap()];
        let text = workflow(&Setup::Pinned {
            grader: grader(Some(&sha)),
            labs: labs.clone(),
        });
        let Some(Setup::Pinned { grader: g, labs: l }) = setup_of(&text) else {
            panic!("no header: {text}");
        };
        assert_eq!(g, grader(Some(&sha)));
        assert_eq!(l.len(), 2);
        assert!(matches!(
            setup_of(&workflow(&Setup::KitTemplate)),
            Some(Setup::KitTemplate)
        ));
        assert!(setup_of("name: x\n").is_none());
    }

    #[test]
    fn pins_are_checked() {
        assert!(parse_repo("uni/socklab").is_ok());
        for bad in ["uni", "uni/", "/x", "a/b/c", "a b/c", "a/b'"] {
            assert!(parse_repo(bad).is_err(), "{bad}");
        }
        assert!(parse_ref("v2027.1").is_ok());
        for bad in ["", "-x", "a b", "v1'", "$(x)"] {
            assert!(parse_ref(bad).is_err(), "{bad}");
        }
        assert!(parse_sha256(&"0".repeat(64)).is_ok());
        for bad in ["", "abc", &"g".repeat(64), &"0".repeat(65)] {
            assert!(parse_sha256(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn without_a_grader_and_a_remote_it_refuses_and_says_what_to_give() {
        let dir = std::env::temp_dir().join(format!("socklab-no-remote-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let grader = |repo: Option<&str>, reference: Option<&str>| GraderArgs {
            grader_repo: repo.map(String::from),
            grader_ref: reference.map(String::from),
            grader_sha256: None,
        };
        let error = resolve_grader(&dir, &grader(None, None))
            .unwrap_err()
            .to_string();
        assert!(error.contains("--grader-repo OWNER/NAME"), "{error}");
        let error = resolve_grader(&dir, &grader(Some("uni/net"), None))
            .unwrap_err()
            .to_string();
        assert!(error.contains("--grader-ref"), "{error}");
        let ok = resolve_grader(&dir, &grader(Some("uni/net"), Some("v1"))).unwrap();
        assert_eq!(ok.repo, "uni/net");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
