//! JUnit XML, as the GitHub test-report actions read it: one `<testsuite>`
//! per lab, one `<testcase>` per test, a failure carrying the checker's
//! message (the `message` attribute) and everything the human report shows
//! of it (the element's text: expected and got, commands, transcript,
//! stderr, hint).
//!
//! Written with quick-junit: it escapes what a student's program printed,
//! drops what XML cannot hold (ANSI escapes, control characters) and puts
//! the attributes where the readers look for them.

use std::io::{self, Write};
use std::time::Duration;

use quick_junit::{NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestSuite};

use super::{details_text, reason};
use crate::harness::Kind;
use crate::runner::{LabReport, Status};

/// How long the `message` attribute may be (the text below has the rest).
const MESSAGE: usize = 300;

pub fn junit(out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    let mut report = Report::new("socklab");
    let elapsed: u64 = reports.iter().map(|r| r.elapsed_ms).sum();
    report.set_time(Duration::from_millis(elapsed));
    for lab in reports {
        let mut suite = TestSuite::new(format!("{} {}", lab.lab, lab.title));
        suite.set_time(Duration::from_millis(lab.elapsed_ms));
        suite.add_properties([
            Property::new("seed", lab.seed.to_string()),
            Property::new("points", lab.points.to_string()),
            Property::new("max_points", lab.max_points.to_string()),
            Property::new("executable", lab.executable.as_str()),
        ]);
        for test in &lab.tests {
            let status = match (&test.failure, test.status) {
                (_, Status::Pass) => TestCaseStatus::success(),
                (failure, Status::Skip) => {
                    let mut status = TestCaseStatus::skipped();
                    if let Some(failure) = failure {
                        status.set_message(failure.message.as_str());
                    }
                    status
                }
                (failure, Status::Fail) => {
                    let kind = failure.as_ref().map_or(Kind::CheckerError, |f| f.kind);
                    // The checker failing is an error, not the student's fault.
                    let junit_kind = if kind == Kind::CheckerError {
                        NonSuccessKind::Error
                    } else {
                        NonSuccessKind::Failure
                    };
                    let mut status = TestCaseStatus::non_success(junit_kind);
                    status
                        .set_message(reason(test, MESSAGE))
                        .set_type(kind.describe())
                        .set_description(details_text(test));
                    status
                }
            };
            let mut case = TestCase::new(test.name.as_str(), status);
            case.set_classname(lab.lab.as_str())
                .set_time(Duration::from_millis(test.elapsed_ms))
                .add_properties([
                    Property::new("points", test.points.to_string()),
                    Property::new("max_points", test.max_points.to_string()),
                ]);
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.serialize(&mut *out).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_program_printed_cannot_break_the_xml() {
        let lab = crate::labs::find("lab1").unwrap();
        let hostile = "\u{1b}[2J<x>]]></failure></testcase>&amp;\u{0}\"'";
        let report = LabReport::not_built(lab, Some("crlf"), 1, hostile);
        let mut xml = Vec::new();
        junit(&mut xml, &[report]).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        assert!(!xml.contains('\u{1b}') && !xml.contains('\u{0}'));
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut failures, mut text) = (0, String::new());
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Start(e) if e.name().as_ref() == b"failure" => {
                    failures += 1
                }
                quick_xml::events::Event::Text(t) => text.push_str(&t.decode().unwrap()),
                quick_xml::events::Event::GeneralRef(r) => match r.as_ref() {
                    b"lt" => text.push('<'),
                    b"gt" => text.push('>'),
                    b"amp" => text.push('&'),
                    b"quot" => text.push('"'),
                    b"apos" => text.push('\''),
                    other => panic!("unexpected entity {other:?}"),
                },
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(failures, 1);
        // The text survives, escaped (the escape character shown as text).
        assert!(
            text.contains("\\u{1b}[2J<x>]]></failure></testcase>&amp;"),
            "{text}"
        );
    }
}
