//! JUnit XML, as the GitHub test-report actions read it: one `<testsuite>`
//! per lab, one `<testcase>` per test, a failure carrying the checker's
//! message (the `message` attribute) and everything the human report shows
//! of it (the element's text: expected and got, commands, transcript,
//! stderr, hint).
//!
//! Written with quick-junit: it escapes what a student's program printed,
//! drops what XML cannot hold (ANSI escapes, control characters) and puts
//! the attributes where the readers look for them.
//!
//! Valid against Jenkins' xunit `junit-10.xsd` (the strictest of the
//! readers; the kit's tests validate every report against it with
//! xmllint): a `<testcase>` holds no `<properties>` (a test's points are
//! in its `<system-out>`), `<testsuites>` has no `skipped` attribute, and
//! a lab that does not compile, or a checker that failed, is an `<error>`
//! (the test could not be run), not a `<failure>`.

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
                    // Not run at all: the lab did not build, or the checker
                    // failed. JUnit's <error>, not a test that failed.
                    let junit_kind = if matches!(kind, Kind::CheckerError | Kind::DoesNotCompile) {
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
                .set_system_out(format!("points: {} of {}\n", test.points, test.max_points));
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    let xml = report.to_string().map_err(io::Error::other)?;
    writeln!(out, "{}", without_skipped_total(&xml))
}

/// quick-junit puts `skipped="N"` on `<testsuites>`, an attribute
/// junit-10.xsd does not allow there (each `<testsuite>` keeps its own).
fn without_skipped_total(xml: &str) -> String {
    let Some(start) = xml.find("<testsuites ") else {
        return xml.to_string();
    };
    let end = start + xml[start..].find('>').unwrap_or(0);
    let tag = &xml[start..end];
    let Some(at) = tag.find(" skipped=\"") else {
        return xml.to_string();
    };
    let value_end =
        at + " skipped=\"".len() + tag[at + " skipped=\"".len()..].find('"').unwrap_or(0) + 1;
    format!("{}{}{}", &xml[..start + at], &tag[value_end..], &xml[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_program_printed_cannot_break_the_xml() {
        let lab = crate::labs::find("lab1").unwrap();
        let hostile = "\u{1b}[2J<x>]]></failure></testcase>&amp;\u{0}\"'";
        let report = LabReport::not_built(lab, &["crlf".to_string()], 1, hostile);
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
                quick_xml::events::Event::GeneralRef(r) => match &*r {
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
        assert_eq!(failures, 0, "a lab that does not compile is an <error>");
        assert!(xml.contains("<error "));
        // The text survives, escaped (the escape character shown as text).
        assert!(
            text.contains("\\u{1b}[2J<x>]]></failure></testcase>&amp;"),
            "{text}"
        );
    }
}
