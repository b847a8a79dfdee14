//! Gradescope's autograder `results.json`
//! (gradescope-autograders.readthedocs.io, "Autograder Specifications"):
//! the score, and one entry per test with its points, status and output.

use std::io::{self, Write};

use serde::Serialize;

use super::details_text;
use crate::runner::{LabReport, Status};

#[derive(Serialize)]
struct Results {
    score: u32,
    max_score: u32,
    /// Seconds.
    execution_time: u64,
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
        execution_time: reports
            .iter()
            .map(|r| r.elapsed_ms)
            .sum::<u64>()
            .div_ceil(1000),
        output,
        output_format: "text",
        test_output_format: "text",
        tests,
    };
    serde_json::to_writer_pretty(&mut *out, &results)?;
    writeln!(out)
}
