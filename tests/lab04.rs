//! Lab 04 (port scanner): the solution scores full marks, the skeleton
//! zero, and every broken implementation in kit_tests::lab04 is caught.
//! Its gradings scan all of loopback, so they hold the loopback lock
//! alone (see standard_lab_tests!).

#[macro_use]
mod common;

use checker::harness::PrivateNetwork;
use checker::labs::lab04::LAB;
use checker::runner::{self, Status};
use predicates::prelude::PredicateBooleanExt;

standard_lab_tests!(
    LAB,
    "broken-lab04",
    "lab04-",
    kit_tests::lab04,
    &["self-connect"],
    exclusive
);

/// The self-connect test runs the scanner in a network namespace of its
/// own, and is skipped where the machine allows none; here it must run,
/// pass the solution and catch the scanner that calls a self-connect open.
#[test]
fn self_connect_test_catches_a_scanner_that_trusts_every_connect() {
    let _loopback = common::LoopbackLock::exclusive();
    PrivateNetwork::available().unwrap_or_else(|why| {
        panic!(
            "this machine lets the checker make no network namespace ({why}), so the \
             self-connect test is skipped and proves nothing here"
        )
    });
    let case = LAB.tests.iter().find(|t| t.name == "self-connect").unwrap();
    let options = common::options();
    let solution = runner::run_test(case, &common::built(&LAB, true), &options);
    assert_eq!(solution.status, Status::Pass, "{:?}", solution.failure);
    let mutant = common::mutant_exe(
        env!("CARGO_BIN_EXE_broken-lab04"),
        "lab04-",
        "self-connect-open",
    );
    for _ in 0..3 {
        let result = runner::run_test(case, &checker::target_for(&mutant), &options);
        assert_eq!(
            result.status,
            Status::Fail,
            "the self-connect mutant passed"
        );
    }
}

/// Bad port lists, as the solution's command line reports them: exit
/// status 2 and a message saying what is wrong, never a panic.
#[rstest::rstest]
#[case::port_zero("0", "port 0")]
#[case::over_65535("65536", "over 65535")]
#[case::reversed("100-80", "did you mean 80-100")]
#[case::not_a_number("http", "not a port number")]
#[case::empty_item("22,,80", "not a port or a range")]
fn bad_port_lists_exit_2_with_a_message(#[case] spec: &str, #[case] message: &str) {
    assert_cmd::Command::new(common::built(&LAB, true).exe().unwrap())
        .args(["scan", "127.0.0.1", "-p", spec])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(message))
        .stderr(predicates::str::contains("panicked").not());
}

#[test]
fn a_name_is_looked_up() {
    // "localhost" comes from /etc/hosts: no network needed.
    assert_cmd::Command::new(common::built(&LAB, true).exe().unwrap())
        .args(["scan", "localhost", "-p", "1"])
        .assert()
        .success()
        .stderr(predicates::str::contains("scanned 1 ports of localhost"));
}
