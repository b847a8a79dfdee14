//! Gradescope's autograder `results.json`
//! (gradescope-autograders.readthedocs.io, "Autograder Specifications"):
//! the score, and one entry per test with its points, status and output.

use std::io::{self, Write};

use serde::Serialize;

use super::details_text;
use crate::labs::Lab;
use crate::runner::{LabReport, Status};

#[derive(Serialize)]
struct Results {
    score: u32,
    max_score: u32,
    /// Seconds; none in the results of a submission not graded.
    #[serde(skip_serializing_if = "Option::is_none")]
    execution_time: Option<u64>,
    output: String,
    output_format: &'static str,
    test_output_format: &'static str,
    tests: Vec<Test>,
}

#[derive(Serialize)]
struct Test {
    name: String,
    number: String,
    score: u32,
    max_score: u32,
    status: &'static str,
    output: String,
    tags: Vec<String>,
}

pub fn gradescope(out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    let mut tests = Vec::new();
    let mut output = String::new();
    for (lab_index, lab) in reports.iter().enumerate() {
        output.push_str(&format!(
            "{} {}: {}/{} tests, {}/{} points (seed {}; `cargo run -p checker -- {} --seed {}` repeats this run)\n",
            lab.lab,
            lab.title,
            lab.passed,
            lab.counted,
            lab.points,
            lab.max_points,
            lab.seed,
            lab.lab,
            lab.seed
        ));
        for (index, test) in lab.tests.iter().enumerate() {
            tests.push(Test {
                name: format!("{} {}", lab.lab, test.name),
                number: format!("{}.{}", lab_index + 1, index + 1),
                score: test.points,
                // A skipped test is shown, and is worth nothing here.
                max_score: if test.status == Status::Skip {
                    0
                } else {
                    test.max_points
                },
                status: if test.status == Status::Fail {
                    "failed"
                } else {
                    "passed"
                },
                // A pass says what it checked; a failure all the
                // human report shows of it.
                output: if test.status == Status::Fail {
                    details_text(test)
                } else {
                    format!("checks:   {}\n", test.checks)
                },
                tags: vec![lab.lab.clone()],
            });
        }
    }
    let results = Results {
        score: reports.iter().map(|r| r.points).sum(),
        max_score: reports.iter().map(|r| r.max_points).sum(),
        execution_time: Some(
            reports
                .iter()
                .map(|r| r.elapsed_ms)
                .sum::<u64>()
                .div_ceil(1000),
        ),
        output,
        output_format: "text",
        test_output_format: "text",
        tests,
    };
    serde_json::to_writer_pretty(&mut *out, &results)?;
    writeln!(out)
}

/// results.json for a submission that could not be graded (the Gradescope
/// package's `not_graded.json`): every graded test at 0 of its points, and
/// `@REASON@` where run_autograder puts why. Its keys are in alphabetical
/// order (through a JSON value), as the package has always had them.
pub fn not_graded(labs: &[&Lab]) -> String {
    let mut tests = Vec::new();
    for (lab_index, lab) in labs.iter().enumerate() {
        for (index, test) in lab.tests.iter().enumerate() {
            tests.push(Test {
                name: format!("{} {}", lab.id(), test.name),
                number: format!("{}.{}", lab_index + 1, index + 1),
                score: 0,
                max_score: test.points,
                status: "failed",
                output: "not graded: @REASON@\n".to_string(),
                tags: vec![lab.id()],
            });
        }
    }
    let results = Results {
        score: 0,
        max_score: labs.iter().map(|l| l.max_points()).sum(),
        execution_time: None,
        output: "Not graded: @REASON@\n".to_string(),
        output_format: "text",
        test_output_format: "text",
        tests,
    };
    let value = serde_json::to_value(&results).expect("JSON of plain values");
    let mut text = serde_json::to_string_pretty(&value).expect("JSON of plain values");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_graded_lists_every_test_at_zero() {
        let chosen = vec![crate::labs::find("lab1").unwrap()];
        let text = not_graded(&chosen).replace("@REASON@", "no time");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["score"], 0);
        assert_eq!(json["max_score"], chosen[0].max_points());
        assert_eq!(
            json["tests"].as_array().unwrap().len(),
            chosen[0].tests.len()
        );
        assert!(json["output"].as_str().unwrap().contains("no time"));
    }
}
