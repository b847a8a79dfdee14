//! GitHub Classroom's results: for each runner, a line `RUNNER=BASE64`
//! (what a workflow step appends to `$GITHUB_OUTPUT`), the base64 of a JSON
//! document that classroom-resources/autograding-grading-reporter decodes
//! from the environment variable `<RUNNER>_RESULTS`, in the shape the
//! classroom graders (autograding-command-grader, -io-grader) produce:
//! `{"version": 1, "status", "max_score", "tests": [{"name", "status",
//! "score", "message", "test_code", "filename", "line_no", "duration"}]}`.
//!
//! Why not one runner per lab. The reporter (v1, commit d13b591) adds up
//! two different things: the points Classroom records are the sum of the
//! tests' `score`s against `max_score` (src/notify-classroom.js), but the
//! totals it prints in the log are, per runner, `passed tests / tests ×
//! max_score` (getTestScore in src/helpers/test-helpers.js): every test of
//! a runner weighs the same. A lab whose tests are worth 1, 2 and 3 points
//! then showed 1.62/21 beside a correct 25/206. So a runner holds tests of
//! one lab worth the same points each, and at most a power of two of them:
//! `passed / 2^k × points × 2^k` is then exact in floating point, as the
//! reporter computes it (a plain group of 11 tests prints 14.999999999999998
//! for 15). [`runners`] makes the runners from the test tables, the same
//! for the workflow (which lists them) and for the report.
//!
//! A skipped test is a `fail` worth 0 of its points, the reason in its
//! message: the reporter shows every status but `pass` and `error` as
//! failed, and Classroom's maximum stays the tables' wherever it runs.

use std::io::{self, Write};

use base64::Engine;
use serde::Serialize;

use crate::harness::Kind;
use crate::labs::Lab;
use crate::runner::{LabReport, Status, TestResult};

/// How long a test's message may be: the reporter prints it in the log.
const MESSAGE: usize = 600;

/// A runner of the reporter: tests of one lab, each worth `points`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Runner {
    /// `lab01p2a`: the lab, the points each test is worth, a letter per
    /// group of them (letters and digits only, as the reporter's `runners`
    /// input wants).
    pub name: String,
    pub points: u32,
    /// The names of its tests, in the table's order.
    pub tests: Vec<&'static str>,
}

impl Runner {
    pub fn max_score(&self) -> u32 {
        self.points * self.tests.len() as u32
    }
}

/// The runners of a lab: its tests grouped by their points, each group cut
/// into powers of two (13 tests: 8, 4 and 1), largest first.
pub fn runners(lab: &Lab) -> Vec<Runner> {
    let mut weights: Vec<u32> = lab.tests.iter().map(|t| t.points).collect();
    weights.sort_unstable();
    weights.dedup();
    let mut out = Vec::new();
    for points in weights {
        let mut tests: Vec<&'static str> = lab
            .tests
            .iter()
            .filter(|t| t.points == points)
            .map(|t| t.name)
            .collect();
        let mut letter = b'a';
        while !tests.is_empty() {
            let size = 1usize << tests.len().ilog2();
            let rest = tests.split_off(size);
            out.push(Runner {
                name: format!("{}p{points}{}", lab.id(), letter as char),
                points,
                tests,
            });
            tests = rest;
            letter += 1;
        }
    }
    out
}

#[derive(Serialize)]
struct Result {
    version: u32,
    status: &'static str,
    max_score: u32,
    tests: Vec<Test>,
}

#[derive(Serialize)]
struct Test {
    name: String,
    status: &'static str,
    score: u32,
    message: String,
    test_code: String,
    filename: String,
    line_no: u32,
    /// Milliseconds, as the classroom graders give it.
    duration: u64,
}

/// Each runner's JSON document, before base64 (the kit's tests read
/// them): the runners of every lab reported, with the tests the report
/// has (`--test` grades some).
pub fn classroom_results(reports: &[LabReport]) -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    for report in reports {
        let Some(lab) = crate::labs::find(&report.lab) else {
            continue;
        };
        for runner in runners(lab) {
            let tests: Vec<Test> = runner
                .tests
                .iter()
                .filter_map(|name| report.tests.iter().find(|t| t.name == *name))
                .map(|test| Test {
                    name: test.name.clone(),
                    status: status(test),
                    score: test.points,
                    message: message(test),
                    test_code: format!(
                        "cargo run -p checker -- {} --test {}",
                        report.lab, test.name
                    ),
                    filename: String::new(),
                    line_no: 0,
                    duration: test.elapsed_ms,
                })
                .collect();
            if tests.is_empty() {
                continue;
            }
            let max_score = runner.points * tests.len() as u32;
            out.push((runner.name, document(max_score, tests)));
        }
    }
    out
}

fn document(max_score: u32, tests: Vec<Test>) -> serde_json::Value {
    let overall = if tests.iter().any(|t| t.status == "error") {
        "error"
    } else if tests.iter().any(|t| t.status == "fail") {
        "fail"
    } else {
        "pass"
    };
    serde_json::to_value(Result {
        version: 1,
        status: overall,
        max_score,
        tests,
    })
    .expect("plain data serialises")
}

/// The results of a lab the checker could not grade (it did not run, or
/// wrote nothing): each runner an error worth none of its points, as
/// `RUNNER=BASE64` lines. The workflow writes them when the checker did
/// not.
pub fn not_graded(lab: &Lab) -> String {
    let mut out = String::new();
    for runner in runners(lab) {
        let json = document(
            runner.max_score(),
            vec![Test {
                name: format!("{} was not graded", lab.id()),
                status: "error",
                score: 0,
                message: "the checker did not grade this lab: see the log of the job `grade`"
                    .to_string(),
                test_code: String::new(),
                filename: String::new(),
                line_no: 0,
                duration: 0,
            }],
        );
        out.push_str(&line(&runner.name, &json));
    }
    out
}

fn line(runner: &str, json: &serde_json::Value) -> String {
    format!(
        "{runner}={}\n",
        base64::engine::general_purpose::STANDARD.encode(json.to_string())
    )
}

/// The runners' results, a line `RUNNER=BASE64` each.
pub fn classroom(out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    for (runner, json) in classroom_results(reports) {
        out.write_all(line(&runner, &json).as_bytes())?;
    }
    Ok(())
}

/// `error` when the test could not be run at all (the lab did not build,
/// the checker failed): the reporter tells that apart from a failure. A
/// skipped test is not passed.
fn status(test: &TestResult) -> &'static str {
    match (test.status, test.failure.as_ref().map(|f| f.kind)) {
        (Status::Fail, Some(Kind::DoesNotCompile | Kind::CheckerError)) => "error",
        (Status::Fail | Status::Skip, _) => "fail",
        (Status::Pass, _) => "pass",
    }
}

fn message(test: &TestResult) -> String {
    match test.status {
        Status::Pass => String::new(),
        Status::Skip => format!(
            "skipped, 0 of {} points here (the checker's own report leaves it out of its \
             maximum): {}",
            test.max_points,
            super::reason(test, MESSAGE)
        ),
        Status::Fail if test.hints.is_empty() => super::reason(test, MESSAGE),
        Status::Fail => format!("{} (hint: {})", super::reason(test, MESSAGE), test.hint),
    }
}

/// What the reporter shows, computed as its code does (v1, commit
/// d13b591): per runner, `getTestScore` (src/helpers/test-helpers.js),
/// `passed / tests.length * max_score` in double precision, printed
/// `toFixed(2)` and summed in the table; and the total Classroom records
/// (src/notify-classroom.js), the sum of the `score`s and `max_score`s.
/// Returns (the log's total, Classroom's total, Classroom's maximum).
pub fn as_the_reporter_adds_up(results: &[(String, serde_json::Value)]) -> (f64, u64, u64) {
    let mut shown = 0.0;
    let (mut points, mut max) = (0, 0);
    for (_, result) in results {
        let tests = result["tests"].as_array().expect("tests");
        let max_score = result["max_score"].as_u64().unwrap_or(0);
        let passed = tests.iter().filter(|t| t["status"] == "pass").count();
        shown += (passed as f64 / tests.len() as f64) * max_score as f64;
        if max_score != 0 {
            max += max_score;
            points += tests
                .iter()
                .map(|t| t["score"].as_u64().unwrap_or(0))
                .sum::<u64>();
        }
    }
    (shown, points, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lab_that_does_not_build_is_an_error_worth_its_points() {
        let lab = crate::labs::find("lab1").unwrap();
        let report = LabReport::not_built(lab, &[], 1, "lab01-hello does not compile");
        let results = classroom_results(&[report]);
        assert_eq!(results.len(), runners(lab).len());
        let max: u64 = results
            .iter()
            .map(|(_, r)| r["max_score"].as_u64().unwrap())
            .sum();
        assert_eq!(max, lab.max_points() as u64);
        let (_, json) = &results[0];
        assert_eq!(json["status"], "error");
        assert_eq!(json["tests"][0]["status"], "error");
        assert_eq!(json["tests"][0]["score"], 0);
        assert!(
            results
                .iter()
                .flat_map(|(_, r)| r["tests"].as_array().unwrap().clone())
                .any(|t| t["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("does not compile: lab01-hello does not compile"))
        );
    }

    /// Every lab, every number of passed tests in every runner: the log's
    /// total is exactly Classroom's (no 14.999999999999998).
    #[test]
    fn the_reporters_log_adds_up_to_the_points_exactly() {
        for lab in crate::labs::all() {
            let runners = runners(lab);
            let names: Vec<&str> = runners.iter().flat_map(|r| r.tests.clone()).collect();
            assert_eq!(names.len(), lab.tests.len(), "{}", lab.id());
            for runner in &runners {
                assert!(runner.tests.len().is_power_of_two());
                assert!(runner.name.chars().all(|c| c.is_ascii_alphanumeric()));
                for passed in 0..=runner.tests.len() {
                    let tests: Vec<serde_json::Value> = (0..runner.tests.len())
                        .map(|i| {
                            let pass = i < passed;
                            serde_json::json!({
                                "status": if pass { "pass" } else { "fail" },
                                "score": if pass { runner.points } else { 0 },
                            })
                        })
                        .collect();
                    let result = serde_json::json!({
                        "max_score": runner.max_score(),
                        "tests": tests,
                    });
                    let (shown, points, max) =
                        as_the_reporter_adds_up(&[(runner.name.clone(), result)]);
                    assert_eq!(shown, points as f64, "{} {passed}", runner.name);
                    assert_eq!(points, passed as u64 * runner.points as u64);
                    assert_eq!(max, runner.max_score() as u64);
                }
            }
        }
    }

    #[test]
    fn a_lab_not_graded_is_an_error_worth_nothing() {
        let lab = crate::labs::find("lab3").unwrap();
        let text = not_graded(lab);
        let mut max = 0;
        for line in text.lines() {
            let (_, encoded) = line.split_once('=').unwrap();
            let json = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap();
            let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
            assert_eq!(json["status"], "error");
            assert_eq!(json["tests"][0]["score"], 0);
            max += json["max_score"].as_u64().unwrap();
        }
        assert_eq!(max, lab.max_points() as u64);
    }
}
