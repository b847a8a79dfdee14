//! The `result` of a GitHub Classroom runner step: base64 of a JSON
//! document that classroom-resources/autograding-grading-reporter decodes
//! (from the environment variable `<RUNNER>_RESULTS`) and adds up, in the
//! shape the classroom graders (autograding-command-grader, -io-grader)
//! produce: `{"version": 1, "status", "max_score", "tests": [{"name",
//! "status", "score", "message", "test_code", "filename", "line_no",
//! "duration"}]}`. The reporter sums the tests' `score`s against
//! `max_score`, so each test gives its own points: partial credit.

use std::io::{self, Write};

use base64::Engine;
use serde::Serialize;

use crate::harness::Kind;
use crate::runner::{LabReport, Status, TestResult};

/// How long a test's message may be: the reporter prints it in the log.
const MESSAGE: usize = 600;

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

/// The JSON document, before base64 (the kit's tests read it).
pub fn classroom_json(reports: &[LabReport]) -> serde_json::Value {
    let several = reports.len() > 1;
    let tests: Vec<Test> = reports
        .iter()
        .flat_map(|lab| {
            lab.tests.iter().map(move |test| Test {
                name: if several {
                    format!("{} {}", lab.lab, test.name)
                } else {
                    test.name.clone()
                },
                status: status(test),
                score: test.points,
                message: message(test),
                test_code: format!("cargo run -p checker -- {} --test {}", lab.lab, test.name),
                filename: String::new(),
                line_no: 0,
                duration: test.elapsed_ms,
            })
        })
        .collect();
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
        max_score: reports.iter().map(|r| r.max_points).sum(),
        tests,
    })
    .expect("plain data serialises")
}

/// The step's `result` output: one line of base64.
pub fn classroom(out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    let json = classroom_json(reports).to_string();
    writeln!(
        out,
        "{}",
        base64::engine::general_purpose::STANDARD.encode(json)
    )
}

/// `error` when the test could not be run at all (the lab did not build,
/// the checker failed): the reporter tells that apart from a failure.
fn status(test: &TestResult) -> &'static str {
    match (test.status, test.failure.as_ref().map(|f| f.kind)) {
        (Status::Fail, Some(Kind::DoesNotCompile | Kind::CheckerError)) => "error",
        (Status::Fail, _) => "fail",
        (Status::Pass | Status::Skip, _) => "pass",
    }
}

fn message(test: &TestResult) -> String {
    match test.status {
        Status::Pass => String::new(),
        Status::Skip | Status::Fail => {
            let reason = super::reason(test, MESSAGE);
            if test.status == Status::Fail {
                format!("{reason} (hint: {})", test.hint)
            } else {
                reason
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lab_that_does_not_build_is_an_error_worth_its_points() {
        let lab = crate::labs::find("lab1").unwrap();
        let report = LabReport::not_built(lab, None, 1, "lab01-hello does not compile");
        let json = classroom_json(&[report]);
        assert_eq!(json["status"], "error");
        assert_eq!(json["max_score"], lab.max_points());
        assert_eq!(json["tests"].as_array().unwrap().len(), lab.tests.len());
        assert_eq!(json["tests"][0]["status"], "error");
        assert_eq!(json["tests"][0]["score"], 0);
        assert!(
            json["tests"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with("does not compile: lab01-hello does not compile")
        );
    }
}
