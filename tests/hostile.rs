//! The checker survives hostile programs: each is lab 01's solution plus
//! something a grader must not let through (tests/src/lab01_mutants.rs,
//! HOSTILE). Each is graded by the real checker binary, as CI would run it,
//! and each test checks that the run ends in time, that the report is whole
//! and honest, and that no process of the program is left (found by the
//! program's name in /proc/*/cmdline).

#[allow(unused_macros)]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use checker::compile::{CargoOutput, Profile};

/// The checker binary, built once (it is another package of the workspace).
fn checker_exe() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        checker::compile::build("checker", Profile::Dev, CargoOutput::Keep)
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The hostile program's executable: broken-lab01 linked under its name.
fn hostile(name: &str) -> PathBuf {
    common::mutant_exe(
        env!("CARGO_BIN_EXE_broken-lab01"),
        "lab01-",
        &format!("hostile-{name}"),
    )
}

/// Runs `checker lab1 --exe <hostile> <args>`, giving up after 60 s. Its
/// output goes to files, not pipes: a leftover process that held a pipe
/// open would keep a reader waiting, where a file just ends.
fn grade(name: &str, args: &[&str], env: &[(&str, &str)]) -> (Output, Duration) {
    let exe = hostile(name);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let unique = format!("{name}-{}-{}", std::process::id(), args.len());
    let (out_path, err_path) = (
        dir.join(format!("{unique}.out")),
        dir.join(format!("{unique}.err")),
    );
    let started = Instant::now();
    let mut child = Command::new(checker_exe())
        .args(["lab1", "--exe"])
        .arg(&exe)
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("start the checker");
    let deadline = started + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("{name}: the checker was still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let output = Output {
        status,
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: std::fs::read(&err_path).unwrap(),
    };
    (output, elapsed)
}

/// The processes whose command line names the hostile program.
fn survivors(name: &str) -> Vec<String> {
    let marker = format!("lab01-hostile-{name}");
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .filter_map(|e| {
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            let zombie = stat
                .rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'));
            (cmdline.contains(&marker) && !zombie)
                .then(|| format!("{} {cmdline}", e.file_name().to_string_lossy()))
        })
        .collect()
}

fn assert_none_left(name: &str) {
    let left = survivors(name);
    assert!(left.is_empty(), "{name}: processes left: {left:?}");
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_double_forked_daemon_is_killed() {
    let (output, _) = grade("daemon", &["--test", "hello"], &[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_none_left("daemon");
}

#[test]
fn a_fork_bomb_is_killed_to_the_last_process() {
    let (output, elapsed) = grade("fork-bomb", &["--test", "hello"], &[]);
    assert!(output.status.code().is_some(), "{}", text(&output.stderr));
    assert_none_left("fork-bomb");
    println!("fork bomb of 2000 graded and cleaned up in {elapsed:?}");
}

#[test]
fn a_leftover_cannot_write_into_the_report() {
    let dir = std::env::temp_dir().join(format!("socklab-hostile-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("report.json");
    let (output, _) = grade(
        "proc-writer",
        &[
            "--test",
            "hello",
            "--format",
            "json",
            "--output",
            report.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // The checker has exited; the daemon it killed can't write any more.
    assert_none_left("proc-writer");
    let written = std::fs::read_to_string(&report).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).expect("a whole JSON report");
    assert_eq!(
        json["labs"][0]["passed"], json["labs"][0]["counted"],
        "{written}"
    );
    assert!(!written.contains("HACKED") && !text(&output.stdout).contains("HACKED"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn secrets_in_the_environment_are_not_passed_on() {
    let secret = ("CI_SECRET_TOKEN", "hunter2-kit-test");
    let (output, _) = grade("env-spy", &["--test", "hello", "-v"], &[secret]);
    let shown = text(&output.stdout);
    assert!(
        !shown.contains("hunter2"),
        "the program saw the secret:\n{shown}"
    );
    // The test could fail: with --pass-env the program does see it.
    let (output, _) = grade(
        "env-spy",
        &["--test", "hello", "-v", "--pass-env", "CI_SECRET_TOKEN"],
        &[secret],
    );
    assert!(text(&output.stdout).contains("hunter2"));
    assert_none_left("env-spy");
}

#[test]
fn a_memory_hog_is_stopped_and_told_so() {
    // A lower limit than the default: touching 4 GiB takes seconds here.
    let (output, _) = grade(
        "memory-hog",
        &["--test", "hello", "--memory-limit", "512M"],
        &[],
    );
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("ran out of memory"), "{shown}");
    assert_none_left("memory-hog");
}

#[test]
fn a_file_filler_is_stopped_and_told_so() {
    // It writes into std::env::temp_dir() and is stopped by the file-size
    // limit before it can remove the file: the checker gives each test a
    // temporary folder of its own and removes it.
    let started = std::time::SystemTime::now();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let (output, _) = grade(
        "file-filler",
        &["--test", "hello"],
        &[("TMPDIR", tmp.to_str().unwrap())],
    );
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(shown.contains("file larger than 64 MiB"), "{shown}");
    assert_none_left("file-filler");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(left.is_empty(), "left in the checker's TMPDIR: {left:?}");
    // Nor where the program would write if it were not told a TMPDIR.
    let written: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("socklab-hostile-")
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| m >= started)
        })
        .map(|e| e.path())
        .collect();
    for path in &written {
        let _ = std::fs::remove_file(path);
    }
    assert!(
        written.is_empty(),
        "the program wrote outside its TMPDIR: {written:?}"
    );
}

#[test]
fn output_that_poses_as_the_checker_is_escaped_and_marked() {
    let (output, _) = grade("fake-pass", &["--test", "hello"], &[]);
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{shown}");
    assert!(
        !shown.contains('\u{1b}'),
        "raw escape in the report:\n{shown}"
    );
    assert!(
        !shown.contains('\r'),
        "raw carriage return in the report:\n{shown}"
    );
    for line in shown.lines() {
        assert!(
            !line.trim_start().starts_with("PASS  lab01"),
            "a line of the program's poses as the checker's: {line:?}"
        );
    }
    assert!(shown.contains("│ "), "{shown}");
    assert_none_left("fake-pass");
}

#[test]
fn a_huge_panic_is_cut_but_its_location_survives() {
    let (output, _) = grade("huge-panic", &["--test", "hello"], &[]);
    let shown = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(shown.len() < 64 * 1024, "report of {} bytes", shown.len());
    assert!(
        shown.contains("the server panicked at ") && shown.contains(".rs:"),
        "{shown}"
    );
    assert!(shown.contains("characters cut"), "{shown}");
    let (output, _) = grade("huge-panic", &["--test", "hello", "--format", "json"], &[]);
    assert!(
        output.stdout.len() < 256 * 1024,
        "JSON of {} bytes",
        output.stdout.len()
    );
    assert_none_left("huge-panic");
}
