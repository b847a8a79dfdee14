//! The report formats CI and course platforms read (JUnit, markdown,
//! Gradescope, GitHub Classroom), checked against samples in
//! `checker/tests/samples/`: lab 01's reference solution and its skeleton,
//! graded with a fixed seed, each once with every format at once.
//!
//! What changes from run to run (times, ports, the checker's own loopback
//! addresses) is normalised first. After a deliberate change of a format,
//! regenerate the samples with
//! `SOCKLAB_BLESS=1 cargo test -p checker --test reports` and review the diff.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use base64::Engine;
use quick_xml::events::Event;

/// Grades lab 01 (`--solution` or the skeleton) once, writing every format
/// into a directory of its own; returns it.
fn grade_every_format(name: &str, solution: bool, expected_exit: i32) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("reports-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let summary = dir.join("step-summary.md");
    fs::write(&summary, "# earlier step\n").unwrap();
    let mut cmd = cargo_bin_cmd!("checker");
    cmd.env_remove("SOCKLAB_TIMEOUT_SCALE")
        .env("NO_COLOR", "1")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["lab1", "--seed", "7", "--format"])
        .arg(format!(
            "human,junit={d}/junit.xml,markdown={d}/summary.md,gradescope={d}/results.json,classroom={d}/result.b64,json={d}/report.json",
            d = dir.display()
        ));
    if solution {
        cmd.arg("--solution");
    }
    // As root, the checker would build the skeleton as nobody (--run-as),
    // who may not reach this machine's Rust (rustup's, under /root); the
    // samples are about the formats. tests/gradescope.rs and .ci/run grade
    // as root with --run-as, and as an unprivileged user.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.env("SOCKLAB_RUN_AS", "root");
    }
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(expected_exit),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir
}

/// Replaces what differs between runs: durations, ports, and the
/// loopback addresses the checker picks for itself (127.x.y.z).
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let mut matched = false;
        for (prefix, replacement) in [
            ("time=\"", "time=\"0\""),
            ("--port ", "--port PORT"),
            ("\"duration\": ", "\"duration\": 0"),
            ("\"execution_time\": ", "\"execution_time\": 0"),
            ("\"elapsed_ms\": ", "\"elapsed_ms\": 0"),
        ] {
            if let Some(after) = rest.strip_prefix(prefix) {
                let number = after
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(after.len());
                out.push_str(replacement);
                rest = &after[number..];
                if prefix.ends_with('"') {
                    rest = rest.strip_prefix('"').unwrap_or(rest);
                }
                matched = true;
                break;
            }
        }
        if matched {
            continue;
        }
        if let Some(after) = rest.strip_prefix("127.") {
            let end = after
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(after.len());
            let address = &after[..end];
            if address != "0.0.1" && address.split('.').count() == 3 {
                out.push_str("127.A.B.C");
            } else {
                out.push_str("127.");
                out.push_str(address);
            }
            rest = &after[end..];
            continue;
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Compares with the sample, or writes it under SOCKLAB_BLESS=1.
fn check_sample(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(name);
    if std::env::var_os("SOCKLAB_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; make it with SOCKLAB_BLESS=1 cargo test -p checker --test reports",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from checker/tests/samples/{name}. If the change is meant, \
         regenerate with SOCKLAB_BLESS=1 cargo test -p checker --test reports.\n\
         --- sample\n{expected}\n--- now\n{actual}"
    );
}

/// The classroom results (a line `RUNNER=BASE64` each), decoded: the
/// runners in order, for the sample, and as the reporter reads them.
fn classroom_json(dir: &Path) -> (serde_json::Value, Vec<(String, serde_json::Value)>) {
    let text = fs::read_to_string(dir.join("result.b64")).unwrap();
    let mut runners = Vec::new();
    let mut sample = serde_json::Map::new();
    for line in text.lines() {
        let (runner, encoded) = line.split_once('=').expect("RUNNER=BASE64");
        let json = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .expect("the result is base64");
        let json: serde_json::Value = serde_json::from_slice(&json).expect("the result is JSON");
        sample.insert(runner.to_string(), json.clone());
        runners.push((runner.to_string(), json));
    }
    (serde_json::Value::Object(sample), runners)
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

#[test]
#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
fn the_solution_reports_match_the_samples() {
    let dir = grade_every_format("solution", true, 0);
    check_all(&dir, "lab01-solution", 25, 25);
}

#[test]
#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
fn the_skeleton_reports_match_the_samples() {
    let dir = grade_every_format("skeleton", false, 1);
    check_all(&dir, "lab01-skeleton", 0, 25);
}

fn check_all(dir: &Path, sample: &str, points: u64, max: u64) {
    let junit = fs::read_to_string(dir.join("junit.xml")).unwrap();
    validate_junit(&junit, 1, 19);
    validate_against_junit_xsd(&dir.join("junit.xml"));
    check_sample(&format!("{sample}.junit.xml"), &normalise(&junit));

    let markdown = fs::read_to_string(dir.join("summary.md")).unwrap();
    check_sample(&format!("{sample}.md"), &normalise(&markdown));
    // The same summary is appended to GitHub's step summary, after what an
    // earlier step wrote there.
    let step = fs::read_to_string(dir.join("step-summary.md")).unwrap();
    assert_eq!(step, format!("# earlier step\n{markdown}"));

    let gradescope: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("results.json")).unwrap()).unwrap();
    validate_gradescope(&gradescope, points, max);
    check_sample(
        &format!("{sample}.gradescope.json"),
        &normalise(&pretty(&gradescope)),
    );

    let (classroom, runners) = classroom_json(dir);
    validate_classroom(&runners, points, max);
    check_sample(
        &format!("{sample}.classroom.json"),
        &normalise(&pretty(&classroom)),
    );

    // Every format tells the same points as the stable JSON report.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["labs"][0]["points"], points);
    assert_eq!(json["labs"][0]["max_points"], max);
}

/// Gradescope's documented fields, with the types it expects.
fn validate_gradescope(results: &serde_json::Value, points: u64, max: u64) {
    assert_eq!(results["score"], points);
    assert_eq!(results["max_score"], max);
    assert!(results["execution_time"].is_u64());
    assert!(results["output"].is_string());
    let tests = results["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 19);
    let mut sum = 0;
    for test in tests {
        assert!(test["name"].as_str().unwrap().starts_with("lab01 "));
        let score = test["score"].as_u64().unwrap();
        assert!(score <= test["max_score"].as_u64().unwrap());
        assert!(["passed", "failed"].contains(&test["status"].as_str().unwrap()));
        assert!(test["output"].is_string());
        sum += score;
    }
    assert_eq!(sum, points);
}

/// What autograding-grading-reporter reads: per runner `version`,
/// `status`, `max_score`, and per test `name`, `status`, `score`,
/// `message`; and what it shows: the points Classroom records and the
/// totals of its log, computed as its code does
/// (`checker::report::as_the_reporter_adds_up`), the same as the checker's.
fn validate_classroom(runners: &[(String, serde_json::Value)], points: u64, max: u64) {
    let lab = checker::labs::find("lab1").unwrap();
    let expected: Vec<String> = checker::report::classroom_runners(lab)
        .into_iter()
        .map(|r| r.name)
        .collect();
    let names: Vec<&String> = runners.iter().map(|(name, _)| name).collect();
    assert_eq!(names, expected.iter().collect::<Vec<_>>());
    let mut tests = 0;
    for (_, result) in runners {
        assert_eq!(result["version"], 1);
        let expected_status = if points == max { "pass" } else { "fail" };
        assert_eq!(result["status"], expected_status);
        for test in result["tests"].as_array().unwrap() {
            tests += 1;
            assert!(test["name"].is_string());
            assert!(["pass", "fail", "error"].contains(&test["status"].as_str().unwrap()));
            assert!(test["message"].is_string());
        }
    }
    assert_eq!(tests, 19);
    let (shown, recorded, recorded_max) = checker::report::as_the_reporter_adds_up(runners);
    assert_eq!((recorded, recorded_max), (points, max));
    assert_eq!(
        shown, points as f64,
        "the reporter's log says {shown}, not {points}"
    );
}

/// An XML element, as far as the structure check needs it.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Element>,
    text: String,
}

fn parse_xml(xml: &str) -> Element {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    let element = |e: &quick_xml::events::BytesStart| Element {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("escaped attribute")
                        .into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(element(&e)),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().expect("balanced tags").children.push(done);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.decode().expect("UTF-8 text")),
            Event::GeneralRef(r) => {
                let name = String::from_utf8(r.to_vec()).unwrap();
                let c = match name.as_str() {
                    "quot" => "\"",
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "apos" => "'",
                    other => panic!("unknown entity &{other};"),
                };
                stack.last_mut().unwrap().text.push_str(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().unwrap()
}

/// The structure of the JUnit schema the report actions accept (Jenkins'
/// junit-10.xsd / Ant's): elements where they may be, the attributes they
/// must have, and counts that add up.
fn validate_junit(xml: &str, suites: usize, cases: usize) {
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let root = parse_xml(xml);
    assert_eq!(root.name, "testsuites");
    assert!(
        !root.attributes.contains_key("skipped"),
        "junit-10.xsd has no skipped on <testsuites>"
    );
    assert_eq!(root.children.len(), suites);
    let mut total = (0, 0, 0);
    for suite in &root.children {
        assert_eq!(suite.name, "testsuite");
        for attribute in ["name", "tests", "failures", "errors", "skipped", "time"] {
            assert!(
                suite.attributes.contains_key(attribute),
                "testsuite {attribute}"
            );
        }
        let testcases: Vec<&Element> = suite
            .children
            .iter()
            .filter(|c| c.name == "testcase")
            .collect();
        assert!(suite.children.iter().all(|c| {
            ["testcase", "properties", "system-out", "system-err"].contains(&c.name.as_str())
        }));
        assert_eq!(testcases.len(), cases);
        assert_eq!(suite.attributes["tests"], cases.to_string());
        let mut counts = (0, 0, 0);
        for case in testcases {
            for attribute in ["name", "classname", "time"] {
                assert!(
                    case.attributes.contains_key(attribute),
                    "testcase {attribute}"
                );
            }
            case.attributes["time"]
                .parse::<f64>()
                .expect("time is seconds");
            for child in &case.children {
                match child.name.as_str() {
                    "failure" => {
                        counts.0 += 1;
                        assert!(!child.attributes["message"].is_empty());
                        assert!(child.text.starts_with("checks:"), "{}", child.text);
                    }
                    "error" => counts.1 += 1,
                    "skipped" => counts.2 += 1,
                    "system-out" => assert!(child.text.starts_with("points: "), "{}", child.text),
                    "system-err" => {}
                    other => panic!("<{other}> in a testcase"),
                }
            }
        }
        assert_eq!(suite.attributes["failures"], counts.0.to_string());
        assert_eq!(suite.attributes["errors"], counts.1.to_string());
        assert_eq!(suite.attributes["skipped"], counts.2.to_string());
        total = (total.0 + counts.0, total.1 + counts.1, total.2 + counts.2);
    }
    assert_eq!(root.attributes["failures"], total.0.to_string());
}

/// Validates a JUnit report against Jenkins' xunit `junit-10.xsd`
/// (checker/tests/schemas/junit-10.xsd, from jenkinsci/xunit-plugin at
/// 8c515de, src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/,
/// MIT) with xmllint (Debian's libxml2-utils, which .ci/run installs): the
/// schema checked by the XML library most of the readers use, not a
/// reimplementation of it. Without xmllint the test says so and fails under
/// KIT_REQUIRE_XMLLINT=1 (set by .ci/run).
fn validate_against_junit_xsd(file: &Path) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/junit-10.xsd");
    let output = match std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            assert!(
                std::env::var_os("KIT_REQUIRE_XMLLINT").is_none(),
                "xmllint: {e} (install libxml2-utils)"
            );
            eprintln!(
                "note: no xmllint ({e}): {} not validated against junit-10.xsd",
                file.display()
            );
            return;
        }
    };
    assert!(
        output.status.success(),
        "{} is not valid against junit-10.xsd:\n{}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A lab that does not compile, a skipped test and a checker error, each
/// as JUnit: valid against the schema, the first and last `<error>`s.
#[test]
fn every_kind_of_result_is_valid_junit() {
    use checker::runner::{LabReport, Status};
    let lab = checker::labs::find("lab1").unwrap();
    let not_built = LabReport::not_built(lab, &[], 1, "lab01-hello does not compile");
    let mut skipped = LabReport::not_built(lab, &[], 1, "skipped here");
    for test in &mut skipped.tests {
        test.status = Status::Skip;
        if let Some(failure) = test.failure.as_mut() {
            failure.kind = checker::harness::Kind::Skipped;
        }
    }
    let mut xml = Vec::new();
    checker::report::junit(&mut xml, &[not_built, skipped]).unwrap();
    let xml = String::from_utf8(xml).unwrap();
    validate_junit(&xml, 2, lab.tests.len());
    let root = parse_xml(&xml);
    let kinds = |suite: &Element| -> Vec<String> {
        suite
            .children
            .iter()
            .filter(|c| c.name == "testcase")
            .flat_map(|case| case.children.iter().map(|c| c.name.clone()))
            .filter(|name| name != "system-out")
            .collect()
    };
    assert!(
        kinds(&root.children[0]).iter().all(|k| k == "error"),
        "{xml}"
    );
    assert!(kinds(&root.children[1]).iter().all(|k| k == "skipped"));
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("junit-kinds-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("junit.xml"), &xml).unwrap();
    validate_against_junit_xsd(&dir.join("junit.xml"));
}

#[test]
fn normalising_keeps_what_matters() {
    assert_eq!(
        normalise("time=\"0.207\" --port 37993 127.50.71.109 127.0.0.1 \"duration\": 12,"),
        "time=\"0\" --port PORT 127.A.B.C 127.0.0.1 \"duration\": 0,"
    );
}
