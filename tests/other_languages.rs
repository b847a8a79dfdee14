//! Any language (`--server-cmd`, `--client-cmd`): the checker grades
//! programs that are not the lab's Rust crate, from command templates. Small
//! lab 01 implementations in Python 3 (tests/other-languages/lab01/): the
//! correct server and client score full marks, with and without a ready
//! line and over IPv6, and so does a server written another way (asyncio,
//! `\r\n` replies, no ready line); the broken server fails exactly the tests of its two
//! mistakes, and the broken client (a traceback instead of a message) only
//! `client-refused`. And every lab's solution, given as commands, scores
//! full marks: every lab's tests work from templates. A Python port
//! scanner (tests/other-languages/lab04/), graded with --exe, scores full
//! marks too.
//!
//! Like every lab's tests, they share the loopback lock (common::LoopbackLock),
//! which lab 04's scans of every loopback port take alone.
//!
//! Skipped, saying so, where python3 is not installed (unless
//! KIT_REQUIRE_PYTHON is set, as CI sets it: there a missing python3 fails).

#[allow(unused_macros)]
mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use checker::Target;
use checker::harness::program::shell_quote;
use checker::harness::{Commands, Template};
use checker::labs::Lab;
use checker::labs::lab01::LAB;
use checker::runner::{LabReport, Options, Status};

/// The Python interpreter itself (`sys.executable`, not a pyenv shim
/// that starts it, which costs a tenth of a second per program), or `None`
/// with a note on stderr when there is no python3.
fn python() -> Option<&'static str> {
    static PYTHON: OnceLock<Option<String>> = OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let found = std::process::Command::new("python3")
                .args(["-c", "import sys; print(sys.executable)"])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .filter(|path| !path.is_empty());
            if found.is_none() {
                assert!(
                    std::env::var_os("KIT_REQUIRE_PYTHON").is_none(),
                    "KIT_REQUIRE_PYTHON is set but python3 does not run"
                );
                eprintln!(
                    "python3 is not installed: the tests of grading other languages are \
                     skipped (install python3 to run them)"
                );
            }
            found
        })
        .as_deref()
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("other-languages/lab01")
        .join(name)
}

/// `PYTHON -u SCRIPT {host} {port} {args} EXTRA...`
fn template(python: &str, name: &str, extra: &str) -> Template {
    let text = format!(
        "{} -u {} {{host}} {{port}} {{args}} {extra}",
        shell_quote(python),
        shell_quote(&script(name).display().to_string())
    );
    Template::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn grade(server: Option<Template>, client: Option<Template>, options: &Options) -> LabReport {
    let target = Target::commands(Commands { server, client });
    checker::grade(&LAB, &target, options)
}

fn grade_lab(lab: &Lab, server: Option<Template>, client: Option<Template>) -> LabReport {
    let target = Target::commands(Commands { server, client });
    checker::grade(lab, &target, &common::options())
}

/// The names of the tests that ended with `status`.
fn with(report: &LabReport, status: Status) -> BTreeSet<&str> {
    report
        .tests
        .iter()
        .filter(|t| t.status == status)
        .map(|t| t.name.as_str())
        .collect()
}

fn assert_full_marks(report: &LabReport, what: &str) {
    assert!(
        report.all_passed() && report.points == LAB.max_points(),
        "{what} lost points:\n{}",
        common::render(report)
    );
    assert_eq!(report.tests.len(), LAB.tests.len());
    assert_eq!(report.skipped, 0, "{}", common::render(report));
}

#[test]
fn a_correct_python_server_and_client_score_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    let Some(python) = python() else { return };
    let report = grade(
        Some(template(python, "server.py", "")),
        Some(template(python, "client.py", "")),
        &common::options(),
    );
    assert_full_marks(
        &report,
        "the Python server and client (tests/other-languages/lab01)",
    );
}

#[test]
fn a_python_server_without_a_ready_line_scores_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    // The checker sees its socket listen in /proc: nothing connects to it
    // to find out (the `once` test would fail if a probe were its first
    // connection).
    let Some(python) = python() else { return };
    let report = grade(
        Some(template(python, "server.py", "--silent")),
        Some(template(python, "client.py", "")),
        &common::options(),
    );
    assert_full_marks(&report, "the Python server with --silent");
    let hello = report.tests.iter().find(|t| t.name == "hello").unwrap();
    assert!(
        hello
            .transcript
            .iter()
            .any(|e| e.text.contains("no ready line; its socket seen in /proc")),
        "{:?}",
        hello.transcript
    );
}

#[test]
fn a_python_server_scores_full_marks_over_ipv6() {
    let _loopback = common::LoopbackLock::shared();
    let Some(python) = python() else { return };
    let Some(options) = common::ipv6_options() else {
        return;
    };
    let report = grade(
        Some(template(python, "server.py", "")),
        Some(template(python, "client.py", "")),
        &options,
    );
    assert_full_marks(&report, "the Python server and client over IPv6");
}

/// A correct server that shares nothing with the solution's shape: one
/// thread, asyncio's stream reader (its own buffering and line limit),
/// every connection at once, replies ending in `\r\n`, no ready line.
#[test]
fn a_correct_asyncio_python_server_scores_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    let Some(python) = python() else { return };
    let report = grade(
        Some(template(python, "server_asyncio.py", "")),
        Some(template(python, "client.py", "")),
        &common::options(),
    );
    assert_full_marks(
        &report,
        "the asyncio Python server (tests/other-languages/lab01/server_asyncio.py)",
    );
}

#[test]
fn a_broken_python_server_fails_exactly_the_tests_of_its_mistakes() {
    let _loopback = common::LoopbackLock::shared();
    let Some(python) = python() else { return };
    let report = grade(
        Some(template(python, "broken_server.py", "")),
        None,
        &common::options(),
    );
    let shown = common::render(&report);
    // One recv() taken for one line (which also reads the rest of a line
    // over 1024 bytes as a command: unknown-command); bound to every
    // address.
    assert_eq!(
        with(&report, Status::Fail),
        BTreeSet::from([
            "fragments",
            "several-in-one-write",
            "unknown-command",
            "server-host"
        ]),
        "{shown}"
    );
    // No --client-cmd: the client's tests are skipped, and say why.
    assert_eq!(
        with(&report, Status::Skip),
        BTreeSet::from(["client-message", "client-refused", "client-sends-hello"]),
        "{shown}"
    );
    for test in report.tests.iter().filter(|t| t.status != Status::Pass) {
        let failure = test.failure.as_ref().unwrap();
        if test.status == Status::Skip {
            assert!(failure.message.contains("no --client-cmd"), "{shown}");
            continue;
        }
        assert!(
            failure.kind != checker::harness::Kind::CheckerError,
            "{}: {shown}",
            test.name
        );
        // The report shows the command filled in, to run by hand.
        let command = &test.programs[0].command;
        assert!(
            command.contains("broken_server.py 127.0.0.1 ") && !command.contains('{'),
            "{}: run it: {command}",
            test.name
        );
    }
}

#[test]
fn a_python_client_that_lets_an_exception_escape_fails_client_refused() {
    let _loopback = common::LoopbackLock::shared();
    let Some(python) = python() else { return };
    let report = grade(
        None,
        Some(template(python, "broken_client.py", "")),
        &common::options(),
    );
    let shown = common::render(&report);
    assert_eq!(
        with(&report, Status::Fail),
        BTreeSet::from(["client-refused"]),
        "{shown}"
    );
    let client_tests = LAB.tests.iter().filter(|t| t.name.starts_with("client-"));
    assert_eq!(report.counted, client_tests.count(), "{shown}");
    // Its traceback is taken for what it is: a crash, at its line.
    let failure = report.tests.iter().find(|t| t.name == "client-refused");
    let failure = failure.and_then(|t| t.failure.as_ref()).unwrap();
    assert!(
        failure
            .message
            .contains("panicked instead of reporting the error")
            && failure
                .got
                .as_deref()
                .is_some_and(|got| got.contains("ConnectionRefusedError")),
        "{shown}"
    );
}

/// Every lab's tests work from command templates: each solution, given as
/// `EXE server --host {host} --port {port} {args}` and the same for the
/// client, scores full marks on every test that starts a server or a
/// client (lab 04's scanner is neither: its tests are skipped, saying so).
/// The lab's own tests prove the same programs right; this proves the
/// templates are filled in as each lab's tests need.
#[test]
fn every_solution_given_as_commands_scores_full_marks() {
    let _loopback = common::LoopbackLock::shared();
    for lab in checker::labs::all() {
        let exe = common::built(lab, true);
        let exe = shell_quote(&exe.exe().unwrap().display().to_string());
        let role = |role: &str| {
            Template::parse(&format!(
                "{exe} {role} --host {{host}} --port {{port}} {{args}}"
            ))
            .unwrap()
        };
        let report = grade_lab(lab, Some(role("server")), Some(role("client")));
        let shown = common::render(&report);
        assert!(
            report.all_passed(),
            "{} given as commands lost points:\n{shown}",
            lab.id()
        );
        // Skipped: tests of another program (the scanner), and those the
        // lab skips on this machine anyway (privileged-port under root).
        for test in report.tests.iter().filter(|t| t.status == Status::Skip) {
            let why = &test.failure.as_ref().unwrap().message;
            assert!(
                !why.contains("-cmd was given"),
                "{} {}: {why}",
                lab.id(),
                test.name
            );
        }
    }
}

/// Lab 04's scanner is neither a server nor a client, so no template
/// stands for it: a Python scanner is graded as an executable (`--exe`,
/// its `#!/usr/bin/env python3` line). tests/other-languages/lab04/
/// scanner.py, with non-blocking sockets and selectors, a summary that
/// says `0.50s` and an `elapsed_ms` with a fraction, scores full marks.
/// Its gradings scan all of loopback: the lock is taken alone.
#[test]
fn a_correct_python_scanner_scores_full_marks() {
    let _loopback = common::LoopbackLock::exclusive();
    let Some(_python) = python() else { return };
    let lab = &checker::labs::lab04::LAB;
    let scanner = Path::new(env!("CARGO_MANIFEST_DIR")).join("other-languages/lab04/scanner.py");
    let report = checker::grade(lab, &checker::target_for(&scanner), &common::options());
    assert!(
        report.points == lab.max_points(),
        "the Python scanner (tests/other-languages/lab04) lost points:\n{}",
        common::render(&report)
    );
}
