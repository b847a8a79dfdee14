//! Lab 00 (echo and ports): the solution scores full marks, the skeleton
//! zero, and every broken implementation in kit_tests::lab00 is caught.

#[macro_use]
mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

use checker::labs::lab00::LAB;
use checker::runner::{self, Status};
use predicates::prelude::PredicateBooleanExt;

standard_lab_tests!(
    LAB,
    "broken-lab00",
    "lab00-",
    kit_tests::lab00,
    &["privileged-port"]
);

const UNPRIVILEGED_RUN: &str = "KIT_UNPRIVILEGED_RUN";

/// The privileged-port test is skipped when the checker runs as root, as it
/// does in CI. This test runs it as an unprivileged user (as root: by
/// running itself again as `nobody`), where the solution must pass it and
/// the mutant that unwrap()s bind() must fail it.
#[test]
fn privileged_port_test_catches_an_unwrapped_bind() {
    let (solution, mutant) = match std::env::var(UNPRIVILEGED_RUN) {
        Ok(paths) => {
            let (s, m) = paths.split_once('\n').expect("two paths");
            (PathBuf::from(s), PathBuf::from(m))
        }
        Err(_) => (
            common::built(&LAB, true).exe().unwrap().to_path_buf(),
            common::mutant_exe(env!("CARGO_BIN_EXE_broken-lab00"), "lab00-", "unwraps-bind"),
        ),
    };
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // The checkout may sit in a folder only root can enter (a 0700
        // temporary directory, say), so `nobody` gets copies of the three
        // programs in a folder of its own.
        let dir = std::env::temp_dir().join(format!("socklab-unprivileged-{}", std::process::id()));
        let copy = |from: &std::path::Path, name: &str| -> PathBuf {
            let to = dir.join(name);
            std::fs::copy(from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
            to
        };
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let test = copy(&std::env::current_exe().unwrap(), "kit-test");
        let solution = copy(&solution, "solution00-echo");
        let mutant = copy(&mutant, "lab00-unwraps-bind");
        let status = Command::new(&test)
            .args([
                "privileged_port_test_catches_an_unwrapped_bind",
                "--exact",
                "--nocapture",
            ])
            .env(
                UNPRIVILEGED_RUN,
                format!("{}\n{}", solution.display(), mutant.display()),
            )
            .current_dir(&dir)
            .uid(65534)
            .gid(65534)
            .status()
            .expect("run this test again as the user nobody (uid 65534)");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            status.success(),
            "the unprivileged run failed (its output is above)"
        );
        return;
    }
    let case = LAB
        .tests
        .iter()
        .find(|t| t.name == "privileged-port")
        .unwrap();
    let options = common::options();
    let on_solution = runner::run_test(case, &checker::target_for(&solution), &options);
    assert_eq!(
        on_solution.status,
        Status::Pass,
        "the solution, as an unprivileged user: {:?}",
        on_solution.failure
    );
    let on_mutant = runner::run_test(case, &checker::target_for(&mutant), &options);
    assert_eq!(
        on_mutant.status,
        Status::Fail,
        "the mutant unwraps-bind was not caught"
    );
}

/// The port errors a student meets, as the solution's command line reports
/// them: a clear message and a non-zero exit, never a panic.
#[rstest::rstest]
#[case::port_over_65535(&["server", "--port", "70000"], 2, "not in 0..=65535")]
#[case::host_not_an_ip(&["server", "--host", "localhost"], 2, "invalid IP address")]
#[case::host_not_on_this_machine(&["server", "--host", "192.0.2.1", "--port", "0"], 1, "not an address of this machine")]
fn bad_server_arguments_get_a_clear_error(
    #[case] args: &[&str],
    #[case] code: i32,
    #[case] message: &str,
) {
    assert_cmd::Command::new(common::built(&LAB, true).exe().unwrap())
        .args(args)
        .assert()
        .code(code)
        .stderr(predicates::str::contains(message))
        .stderr(predicates::str::contains("panicked").not());
}

#[test]
fn a_port_in_use_is_named_with_a_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    assert_cmd::Command::new(common::built(&LAB, true).exe().unwrap())
        .args(["server", "--port", &port])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!(
            "port {port} is already in use"
        )))
        .stderr(predicates::str::contains("--port 0"));
}
