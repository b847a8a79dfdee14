//! One student's repository graded: fetched, the commit chosen, its files
//! written out, and the assignment's labs graded by a child `checker
//! grade` with a wall-clock limit. Its result (`results/SLUG.json`) is
//! kept, keyed by the commit, the checker and the labs, so that a run
//! again skips it.
//!
//! Why a child process, not the grading functions called here: a single
//! grading's state is the process's (the workspace graded is chosen once,
//! the sandbox's user and limits, the registry of programs to kill, the
//! subreaper that collects orphans). A child per repository is graded
//! exactly as `checker grade --workspace` grades one, and whatever the
//! student's code does to it (a hang past every deadline, a fork bomb, a
//! crash of the checker) ends with that child: it is killed with
//! everything below it at the repository's time limit, and the class run
//! goes on.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::deps::{self, Layer};
use super::fetch::{self, Commit};
use super::limited;
use super::roster::Student;
use crate::harness::sandbox::RunAs;
use crate::i18n::Lang;
use crate::labs::Lab;
use crate::report::plan;

/// What a result was graded with: the same again is not graded again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub commit: String,
    /// The SHA-256 of the checker binary that graded.
    pub checker: String,
    /// The labs graded (`lab01`, `lab03`).
    pub labs: Vec<String>,
}

/// A lab's points in one repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabScore {
    pub lab: String,
    pub points: u32,
    pub max_points: u32,
}

/// One test of one repository, as the class report needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestOutcome {
    pub lab: String,
    pub test: String,
    /// `pass`, `fail` or `skip`.
    pub status: String,
    pub points: u32,
    pub max_points: u32,
    /// Why it failed, in one line (`kind: message`); empty for a pass.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The start of its transcript, for a failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transcript: Vec<String>,
}

/// Everything the class's outputs show of one repository.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepoResult {
    pub student: Student,
    /// Its place in the roster, from 0 (merged shards are put back in it).
    pub index: usize,
    /// What it was graded with; `None`: it was not graded (see `error`).
    pub key: Option<Key>,
    /// The commit graded.
    pub commit: Option<Commit>,
    /// Commits after the deadline: listed, not graded.
    pub late: Vec<Commit>,
    pub labs: Vec<LabScore>,
    pub points: u32,
    pub max_points: u32,
    pub tests: Vec<TestOutcome>,
    /// Why it has no points or fewer than its tests gave: it could not be
    /// cloned, had no commit before the deadline, did not compile, ran
    /// past its time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// How long its grading took (0 when kept from an earlier run).
    pub elapsed_ms: u64,
    /// It was kept from an earlier run, not graded in this one.
    #[serde(default)]
    pub reused: bool,
}

/// What every repository of a run is graded with.
pub struct Setup {
    pub out: PathBuf,
    pub labs: Vec<&'static Lab>,
    pub deadline: DateTime<FixedOffset>,
    pub checker: PathBuf,
    pub checker_sha256: String,
    /// Options given to each `checker grade` (jobs, scale, the sandbox).
    pub grade_args: Vec<OsString>,
    pub repo_timeout: Duration,
    pub force: bool,
    /// The users the students' builds and programs run as (when root):
    /// one per worker, so that gradings at once share no process limit
    /// and can't signal each other's programs; one for all when the
    /// instructor named it (`--run-as`); none when not root.
    pub users: Vec<RunAs>,
    /// Where the labs' registry dependencies are built from (`None`: each
    /// repository builds its own).
    pub deps_from: Option<PathBuf>,
    /// Those dependencies, built when a first repository is to be graded
    /// (a run that only keeps earlier results builds nothing); each
    /// repository's target folder starts as a copy of them.
    pub deps: OnceLock<Option<Layer>>,
    /// The language of the run's messages.
    pub lang: Lang,
}

impl Setup {
    /// The built dependencies, built now if they are not yet (the other
    /// workers wait for them).
    pub fn deps(&self) -> Option<&Layer> {
        self.deps.get_or_init(|| super::built_deps(self)).as_ref()
    }
    /// The user of worker `slot`, if the checker runs code as another.
    pub fn user(&self, slot: usize) -> Option<&RunAs> {
        (!self.users.is_empty()).then(|| &self.users[slot % self.users.len()])
    }
    pub fn result_path(&self, slug: &str) -> PathBuf {
        self.out.join("results").join(format!("{slug}.json"))
    }
    pub fn report_path(&self, slug: &str) -> PathBuf {
        self.out.join("students").join(format!("{slug}.json"))
    }
    fn cache(&self, slug: &str) -> PathBuf {
        self.out.join("cache").join(slug)
    }
    fn lab_ids(&self) -> Vec<String> {
        self.labs.iter().map(|l| l.id()).collect()
    }
}

/// Grades one repository; never fails: what went wrong is its row's
/// `error`.
pub fn grade_one(setup: &Setup, slot: usize, index: usize, student: &Student) -> RepoResult {
    let started = Instant::now();
    let mut result = RepoResult {
        student: student.clone(),
        index,
        key: None,
        commit: None,
        late: Vec::new(),
        labs: setup
            .labs
            .iter()
            .map(|lab| LabScore {
                lab: lab.id(),
                points: 0,
                max_points: lab.max_points(),
            })
            .collect(),
        points: 0,
        max_points: setup.labs.iter().map(|l| l.max_points()).sum(),
        tests: Vec::new(),
        error: None,
        elapsed_ms: 0,
        reused: false,
    };
    if let Err(error) = fetch_and_grade(setup, setup.user(slot), student, &mut result) {
        result.error = Some(format!("{error:#}"));
    }
    result.elapsed_ms = if result.reused {
        0
    } else {
        started.elapsed().as_millis() as u64
    };
    result
}

fn fetch_and_grade(
    setup: &Setup,
    user: Option<&RunAs>,
    student: &Student,
    result: &mut RepoResult,
) -> anyhow::Result<()> {
    let cache = setup.cache(&student.slug);
    let clone = cache.join("repo.git");
    fetch::update(&student.repository, &clone)?;
    let chosen = fetch::choose(&clone, setup.deadline)?;
    result.late = chosen.late;
    let Some(commit) = chosen.graded else {
        anyhow::bail!(
            "no commit at or before the deadline ({} later)",
            result.late.len()
        );
    };
    let key = Key {
        commit: commit.id.clone(),
        checker: setup.checker_sha256.clone(),
        labs: setup.lab_ids(),
    };
    result.commit = Some(commit.clone());
    if !setup.force {
        if let Some(kept) = kept_result(setup, &student.slug, &key) {
            // Graded already: its points and tests, with this run's late
            // commits and the roster's name and place.
            result.labs = kept.labs;
            result.points = kept.points;
            result.tests = kept.tests;
            result.error = kept.error;
            result.key = Some(key);
            result.reused = true;
            return Ok(());
        }
    }
    let tree = cache.join("tree");
    let target = cache.join("target");
    let graded = (|| {
        fetch::export(&clone, &commit.id, &tree)?;
        let _ = std::fs::remove_dir_all(&target);
        match setup.deps() {
            Some(layer) => deps::seed(layer, &target)?,
            None => {
                std::fs::create_dir_all(&target).with_context(|| target.display().to_string())?
            }
        }
        if let Some(user) = user {
            // The student's build runs as this user: its workspace (cargo
            // may update Cargo.lock) and its own target folder (with its
            // copy of the dependencies) are its.
            give_all(user, &tree)?;
            give_all(user, &target)?;
        }
        run_checker(setup, user, student, &tree, &target, result)
    })();
    // Only the result and the clone are kept: a class's builds would fill
    // the disk.
    let _ = std::fs::remove_dir_all(&tree);
    let _ = std::fs::remove_dir_all(&target);
    graded?;
    result.key = Some(key);
    Ok(())
}

/// The result kept from an earlier run, if it was graded with `key`.
fn kept_result(setup: &Setup, slug: &str, key: &Key) -> Option<RepoResult> {
    let text = std::fs::read_to_string(setup.result_path(slug)).ok()?;
    let kept: RepoResult = serde_json::from_str(&text).ok()?;
    let report = setup.report_path(slug).is_file();
    (kept.key.as_ref() == Some(key) && report).then_some(kept)
}

/// Gives `path` and everything in it to `user` (links themselves, not
/// what they point to).
fn give_all(user: &RunAs, path: &Path) -> anyhow::Result<()> {
    std::os::unix::fs::lchown(path, Some(user.uid), Some(user.gid))
        .with_context(|| format!("could not give {} to {}", path.display(), user.name))?;
    let meta = std::fs::symlink_metadata(path).with_context(|| path.display().to_string())?;
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).with_context(|| path.display().to_string())? {
            give_all(user, &entry?.path())?;
        }
    }
    Ok(())
}

/// `--run-as USER` for a grading as `user`, nothing for one as the
/// checker's own user (not root, or `--run-as root`). (Not two empty
/// arguments, which the child's command line refuses.)
fn run_as_args(user: Option<&RunAs>) -> Vec<&str> {
    user.map(|user| vec!["--run-as", user.name.as_str()])
        .unwrap_or_default()
}

/// Grades the labs of `tree` with a child `checker grade`; fills in the
/// result from its JSON report.
fn run_checker(
    setup: &Setup,
    user: Option<&RunAs>,
    student: &Student,
    tree: &Path,
    target: &Path,
    result: &mut RepoResult,
) -> anyhow::Result<()> {
    let report = setup.report_path(&student.slug);
    let _ = std::fs::remove_file(&report);
    let log_path = setup.cache(&student.slug).join("grade.log");
    let log = std::fs::File::create(&log_path).with_context(|| log_path.display().to_string())?;
    let mut command = Command::new(&setup.checker);
    let mut format = OsString::from("json=");
    format.push(&report);
    command
        .arg("grade")
        .arg(setup.lab_ids().join(","))
        .arg("--workspace")
        .arg(tree)
        .arg("--format")
        .arg(format)
        .args(["--lang", "en"])
        .args(&setup.grade_args)
        .args(run_as_args(user))
        .env("CARGO_TARGET_DIR", target)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("SOCKLAB_TIMEOUT_SCALE")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    let ended = limited::run_with(command, setup.repo_timeout)?;
    let said = std::fs::read_to_string(&log_path).unwrap_or_default();
    if ended.timed_out {
        anyhow::bail!(
            "its grading ran past {} s and was killed",
            setup.repo_timeout.as_secs()
        );
    }
    let json = match std::fs::read_to_string(&report) {
        Ok(json) => json,
        Err(_) => {
            let tail: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
            anyhow::bail!(
                "not graded ({}): {}",
                ended.status,
                tail[tail.len().saturating_sub(2)..].join(" / ")
            );
        }
    };
    let value: Value = serde_json::from_str(&json).context("the child's JSON report")?;
    fill_from_report(result, &value);
    // A test the checker could not run (a program it could not start,
    // say: the run-as user's processes at their limit, machine-wide) is
    // not the student's failure: the row says so, and without a key it is
    // graded again on the next run instead of kept.
    if let Some((count, first)) = checker_errors(&value) {
        anyhow::bail!(
            "the checker could not run {count} of its tests, not the student's fault; the next run grades it again (first: {first})"
        );
    }
    // `grade` says so when a lab did not compile; its report has it at 0.
    if let Some(line) = said
        .lines()
        .find(|l| l.contains("do not compile:"))
        .and_then(|l| l.split_once("do not compile:"))
    {
        result.error = Some(format!("does not compile: {}", line.1.trim()));
    }
    Ok(())
}

/// How many tests of a `--format json` report failed as `checker-error`,
/// and the first one's message.
fn checker_errors(report: &Value) -> Option<(usize, String)> {
    let empty = Vec::new();
    let failures: Vec<&Value> = report["labs"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .flat_map(|lab| lab["tests"].as_array().unwrap_or(&empty))
        .map(|test| &test["failure"])
        .filter(|failure| failure["kind"] == "checker-error")
        .collect();
    let first = failures.first()?;
    Some((
        failures.len(),
        crate::harness::shown(first["message"].as_str().unwrap_or(""), 200),
    ))
}

/// The points and tests of a `--format json` report.
pub fn fill_from_report(result: &mut RepoResult, report: &Value) {
    let empty = Vec::new();
    for lab in report["labs"].as_array().unwrap_or(&empty) {
        let id = lab["lab"].as_str().unwrap_or("").to_string();
        let points = lab["points"].as_u64().unwrap_or(0) as u32;
        if let Some(score) = result.labs.iter_mut().find(|s| s.lab == id) {
            score.points = points;
        }
        for test in lab["tests"].as_array().unwrap_or(&empty) {
            let status = test["status"].as_str().unwrap_or("fail").to_string();
            let failure = &test["failure"];
            let message = if status == "pass" || failure.is_null() {
                String::new()
            } else {
                crate::harness::shown(
                    &format!(
                        "{}: {}",
                        failure["kind"].as_str().unwrap_or("failure"),
                        failure["message"].as_str().unwrap_or("")
                    ),
                    300,
                )
            };
            let transcript = if status == "fail" {
                transcript_lines(test)
            } else {
                Vec::new()
            };
            result.tests.push(TestOutcome {
                lab: id.clone(),
                test: test["name"].as_str().unwrap_or("").to_string(),
                status,
                points: test["points"].as_u64().unwrap_or(0) as u32,
                max_points: test["max_points"].as_u64().unwrap_or(0) as u32,
                message,
                transcript,
            });
        }
    }
    result.points = result.labs.iter().map(|l| l.points).sum();
}

/// The lines of a failed test's transcript the class report shows.
fn transcript_lines(test: &Value) -> Vec<String> {
    const SHOWN: usize = 40;
    let empty = Vec::new();
    let entries = test["transcript"].as_array().unwrap_or(&empty);
    let mut lines: Vec<String> = entries
        .iter()
        .take(SHOWN)
        .map(|e| {
            let arrow = match e["direction"].as_str().unwrap_or("") {
                "sent" => "->",
                "received" => "<-",
                "closed" => "x ",
                _ => "  ",
            };
            format!(
                "{:>6} ms {:<8} {arrow} {}",
                e["at_ms"].as_u64().unwrap_or(0),
                e["who"].as_str().unwrap_or(""),
                e["text"].as_str().unwrap_or("")
            )
        })
        .collect();
    if entries.len() > SHOWN {
        lines.push(format!("… {} more", entries.len() - SHOWN));
    }
    lines
}

/// Writes a repository's result (atomically: a killed run leaves the old
/// one or the new, whole).
pub fn save(setup: &Setup, result: &RepoResult) -> anyhow::Result<()> {
    let path = setup.result_path(&result.student.slug);
    let bytes = serde_json::to_vec_pretty(result)?;
    plan::write_atomically(&path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Graded as the checker's own user (an instructor who is not root),
    /// the child got two empty arguments and refused them: every row of
    /// the class said "not graded (exit status: 2)".
    #[test]
    fn a_grading_as_the_checkers_own_user_passes_no_run_as() {
        assert!(run_as_args(None).is_empty());
        let user = RunAs {
            name: "2140000001".into(),
            uid: 2_140_000_001,
            gid: 65534,
        };
        assert_eq!(run_as_args(Some(&user)), ["--run-as", "2140000001"]);
    }

    #[test]
    fn a_test_the_checker_could_not_run_is_told_apart_from_a_failure() {
        let report = |kinds: &[&str]| {
            let tests: Vec<Value> = kinds
                .iter()
                .map(|kind| {
                    serde_json::json!({
                        "name": "hello", "status": "fail", "points": 0, "max_points": 2,
                        "failure": {"kind": kind, "message": format!("{kind} here")}
                    })
                })
                .collect();
            serde_json::json!({"labs": [{"lab": "lab01", "points": 0, "tests": tests}]})
        };
        assert_eq!(checker_errors(&report(&["wrong", "timeout"])), None);
        assert_eq!(
            checker_errors(&report(&["wrong", "checker-error", "checker-error"])),
            Some((2, "checker-error here".to_string()))
        );
    }
}
