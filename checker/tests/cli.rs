//! The checker's command line, as a student or CI uses it.
//!
//! The student edition (`checker export`) runs these tests too, without
//! `solutions/` and with skeletons the student is filling in: a test that
//! grades a solution, or needs an untouched skeleton, is marked
//! `#[cfg_attr(not(socklab_kit), ignore = ...)]` (checker/build.rs).

use std::fs;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;
use checker::compile::CargoOutput;
use predicates::prelude::*;
use rstest::rstest;

fn checker() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("checker");
    // English whatever the machine's locale; the tests of --lang set it.
    cmd.env_remove("SOCKLAB_TIMEOUT_SCALE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("NO_COLOR", "1");
    // As root, the checker would build the labs as nobody (--run-as), who
    // may not reach this machine's Rust (rustup's, under /root): these
    // tests are about the command line. tests/gradescope.rs and .ci/run
    // grade as root with --run-as, and as an unprivileged user.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.env("SOCKLAB_RUN_AS", "root");
    }
    cmd
}

/// Runs the checker with `args` and expects it to refuse (exit 2) with
/// `message` on stderr.
fn exits_2_saying(args: &[&str], message: &str) {
    checker()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn list_shows_labs_and_tests() {
    checker()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("lab01 hello/time"))
        .stdout(predicate::str::contains("client-refused"));
}

#[rstest]
#[case("lab1")]
#[case("1")]
#[case("lab01")]
#[case("hello")]
// After the last case, so that it applies to every case.
#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
fn a_lab_is_named_many_ways(#[case] name: &str) {
    checker()
        .args([name, "--solution", "--test", "crlf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lab01: 1/1 tests, 1/1 points"));
}

#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
#[test]
fn the_solution_gets_full_marks_and_exit_0() {
    checker()
        .args(["lab1", "--solution"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lab01: 19/19 tests, 25/25 points"))
        .stdout(predicate::str::contains("--seed"));
}

#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
#[test]
fn the_skeleton_fails_with_not_implemented_and_exit_1() {
    checker()
        .arg("lab1")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not implemented yet"))
        .stdout(predicate::str::contains(
            "todo!() at labs/01-hello/src/server.rs:",
        ))
        // Told once, with the tests it holds back.
        .stdout(predicate::str::contains("holds back 16 tests"))
        .stdout(predicate::str::contains("serve(): the accept loop").count(1))
        .stdout(predicate::str::contains("lab01: 0/19 tests, 0/25 points"))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
#[test]
fn json_output_follows_the_schema() {
    let output = checker()
        .args(["lab1", "--format", "json", "--seed", "7"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    assert_eq!(json["schema"], "socklab-checker/1");
    let lab = &json["labs"][0];
    assert_eq!(lab["lab"], "lab01");
    assert_eq!(lab["seed"], 7);
    assert_eq!(lab["points"], 0);
    assert_eq!(lab["max_points"], 25);
    let test = &lab["tests"][0];
    assert_eq!(test["status"], "fail");
    assert_eq!(test["failure"]["kind"], "not-implemented");
    assert!(
        test["failure"]["location"]
            .as_str()
            .unwrap()
            .starts_with("labs/01-hello/src/")
    );
    assert!(
        test["programs"][0]["command"]
            .as_str()
            .unwrap()
            .contains("server --host 127.0.0.1 --port 0")
    );
}

#[rstest]
#[case(&["lab99"], "no lab \"lab99\"")]
#[case(&["lab1", "--test", "no-such-test"], "lab01 has no test \"no-such-test\"; its tests are hello, ")]
#[case(&["lab1", "--test", "helo"], "lab01 has no test \"helo\" (did you mean hello?)")]
#[case(&["lab5", "-t", "time-format", "-t", "udp-tme*"], "lab05 has no test \"udp-tme*\" (did you mean udp-time")]
#[case(&["all", "-t", "clinet-refused"], "no lab graded has a test \"clinet-refused\" (did you mean client-refused?)")]
#[case(&["lab1", "--timeout-scale", "0"], "out of range: more than 0 and at most 100")]
#[case(&["lab1", "--timeout-scale", "1e19"], "out of range: more than 0 and at most 100")]
#[case(&["lab1", "--timeout-scale", "NaN"], "out of range")]
#[case(&["lab1", "--timeout-scale", "fast"], "is not a number")]
#[case(&["lab1", "-j", "0"], "0 is not in 1..=64")]
#[case(&["lab1", "--seed", "12x"], "invalid value '12x' for '--seed")]
#[case(&["lab1", "--pass-env", "A=B"], "is not an environment variable name")]
#[case(&["lab1", "--memory-limit", "lots"], "is not a size")]
#[case(&["lab1", "--open-files-limit", "3"], "3 is not in 64..=1048576")]
#[case(&["lab1", "--exe", "/no/such/file"], "no such file")]
#[case(&["lab1", "--format", "xml"], "invalid value 'xml'")]
#[case(&["lab1", "--host", "10.0.0.1"], "10.0.0.1 is not a loopback address")]
#[case(&["lab1", "--host", "localhost"], "is not an IP address")]
#[case(&["export"], "<DIR>")]
#[case(&["export", "x", "--grader-repo", "nobody"], "is not OWNER/NAME")]
#[case(&["export", "x", "--grader-ref", "v1;rm"], "is not a tag, branch or commit")]
fn bad_arguments_exit_2_with_a_message(#[case] args: &[&str], #[case] message: &str) {
    exits_2_saying(args, message);
}

/// A fake "student program": a shell script that ignores its arguments,
/// claims to listen on a port the test holds, starts a marked background
/// process and then hangs.
fn hanging_program(dir: &Path, port: u16, marker: &str) -> PathBuf {
    let script = dir.join("fake-student-program");
    fs::write(
        &script,
        format!("#!/bin/sh\necho \"listening on 127.0.0.1:{port}\"\nsleep {marker} &\nexec sleep {marker}\n"),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// Processes whose command line contains `marker`.
fn processes_with(marker: &str) -> usize {
    fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| fs::read(entry.ok()?.path().join("cmdline")).ok())
        .filter(|cmdline| String::from_utf8_lossy(cmdline).contains(marker))
        .count()
}

fn wait_until(deadline: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    condition()
}

#[test]
fn a_hanging_program_is_reported_as_a_timeout_and_killed_with_its_children() {
    let dir = tempdir("timeout");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let marker = "31.4159";
    let exe = hanging_program(&dir, listener.local_addr().unwrap().port(), marker);
    checker()
        .args(["lab1", "--test", "crlf", "--timeout-scale", "0.2", "--exe"])
        .arg(&exe)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("timed out"));
    assert!(
        wait_until(Duration::from_secs(2), || processes_with(marker) == 0),
        "the checker left processes behind"
    );
}

/// A program whose main thread has panicked is on its way out, however
/// long its backtrace takes to print on a loaded machine: the report waits
/// for it and says it panicked, not that it was still running. (The fake
/// program takes 1.2 s to die after printing the panic; the test's reply
/// deadline, 0.3 s at this scale, passes long before.)
/// A lab 01 "server" (a shell script) that prints its ready line for
/// `port`, runs `before`, panics in its main thread, runs `after`, and
/// exits with 101: how a Rust program's panic looks from outside.
fn panicking_program(name: &str, before: &str, after: &str) -> (PathBuf, TcpListener) {
    let dir = tempdir(name);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let exe = dir.join("panicking-program");
    fs::write(
        &exe,
        format!(
            "#!/bin/sh\necho \"listening on 127.0.0.1:{port}\"\n{before}\n\
             echo \"thread 'main' panicked at src/server.rs:9:5:\" >&2\n\
             echo \"index out of bounds: the len is 0 but the index is 0\" >&2\n\
             {after}\nexit 101\n"
        ),
    )
    .unwrap();
    fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
    (exe, listener)
}

/// Grades `exe` on lab 01's `crlf` (0.3 s) and expects the report to say
/// the server panicked, not that it was still running.
fn reported_as_panicked(exe: &Path) {
    checker()
        .args(["lab1", "--test", "crlf", "--timeout-scale", "0.1", "--exe"])
        .arg(exe)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("panicked (exit status 101)"))
        .stdout(predicate::str::contains("still running").not());
}

/// A program whose main thread panicked but takes a while to exit (a
/// backtrace being printed on a loaded machine) is waited for.
#[test]
fn a_program_dying_of_a_panic_is_reported_as_panicked() {
    let (exe, _listener) = panicking_program("slow-panic", "", "sleep 1.2");
    reported_as_panicked(&exe);
}

/// A server that reached todo!() right after its ready line, and was
/// given no CPU until the test had failed, has written no panic yet when
/// the test ends: the checker lets it run until it sleeps or exits, and
/// the report says it panicked.
#[test]
fn a_program_that_panics_after_the_test_failed_is_reported_as_panicked() {
    // About half a second of CPU (dash's arithmetic, no other process)
    // before the panic: more than the test's 0.3 s, however the deadline
    // is stretched for the program's waits, and less than the second it
    // is then given.
    let (exe, _listener) = panicking_program(
        "late-panic",
        "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done",
        "",
    );
    reported_as_panicked(&exe);
}

#[test]
fn ctrl_c_kills_every_program_the_checker_started() {
    let dir = tempdir("ctrlc");
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let marker = "27.1828";
    let exe = hanging_program(&dir, listener.local_addr().unwrap().port(), marker);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("checker"))
        .args(["lab1", "--test", "crlf", "--timeout-scale", "20", "--exe"])
        .arg(&exe)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    assert!(
        wait_until(Duration::from_secs(5), || processes_with(marker) == 2),
        "the program never started"
    );
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(
        wait_until(Duration::from_secs(2), || processes_with(marker) == 0),
        "Ctrl-C left processes behind"
    );
}

fn tempdir(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
#[test]
fn bench_prints_its_figures() {
    let lab = checker::labs::find("lab3").unwrap();
    let solution = checker::build_lab(lab, true, CargoOutput::Keep).unwrap();
    checker()
        .args([
            "bench",
            "lab3",
            "--users",
            "5",
            "--rate",
            "20",
            "--seconds",
            "1",
            "--rounds",
            "2",
            "--exe",
        ])
        .arg(solution.exe().unwrap())
        .assert()
        .success()
        .stdout(predicate::str::contains("5 users, 20 msg/s for 1 s"))
        .stdout(predicate::str::contains("100 of 100 deliveries (0 lost"))
        .stdout(predicate::str::contains("latency p50"))
        .stdout(predicate::str::contains("server peak memory"))
        .stdout(predicate::str::contains("over 2 rounds: median (min–max)"))
        .stdout(predicate::str::contains("latency p99"));
}

#[test]
#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
fn bench_plot_draws_both_servers_on_one_chart() {
    let lab = checker::labs::find("lab3").unwrap();
    let solution = checker::build_lab(lab, true, CargoOutput::Keep).unwrap();
    let exe = solution.exe().unwrap();
    let dir = tempdir("bench-plot");
    let chart = dir.join("chart.svg");
    checker()
        .args([
            "bench",
            "lab3",
            "--users",
            "3,6",
            "--rate",
            "20",
            "--seconds",
            "1",
        ])
        .args(["--rounds", "1", "--exe"])
        .arg(exe)
        .arg("--vs")
        .arg(exe)
        .arg("--plot")
        .arg(&chart)
        .assert()
        .success()
        .stdout(predicate::str::contains("beside it:"))
        .stdout(predicate::str::contains("chart: "));
    let svg = fs::read_to_string(&chart).unwrap();
    fs::remove_dir_all(&dir).unwrap();
    // Well-formed XML whose root is <svg>, and its texts name every series.
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut root = None;
    let mut texts = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if root.is_none() => {
                root = Some(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            Ok(quick_xml::events::Event::Text(t)) => {
                texts.push(t.decode().unwrap().trim().to_string());
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("the chart is not well-formed XML: {e}\n{svg}"),
        }
    }
    assert_eq!(root.as_deref(), Some("svg"));
    let name = exe.file_name().unwrap().to_string_lossy().into_owned();
    for label in [
        format!("{name} · 3 users"),
        format!("{name} · 6 users"),
        format!("{name} (--vs) · 3 users"),
        format!("{name} (--vs) · 6 users"),
        format!("{name} delivered"),
        format!("{name} (--vs) delivered"),
    ] {
        assert!(
            texts.contains(&label),
            "no series {label:?} in the chart: {texts:?}"
        );
    }
}

#[test]
fn bench_plot_is_for_the_chat() {
    checker()
        .args(["bench", "lab2", "--plot", "x.svg"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--plot and --vs are for the chat benchmarks",
        ));
}

#[test]
#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
fn bench_lab5_measures_the_time_server_beside_xinetd_or_alone() {
    let lab = checker::labs::find("lab5").unwrap();
    let solution = checker::build_lab(lab, true, CargoOutput::Keep).unwrap();
    let output = checker()
        .args([
            "bench",
            "lab5",
            "--users",
            "1",
            "--seconds",
            "1",
            "--rounds",
            "1",
            "--exe",
        ])
        .arg(solution.exe().unwrap())
        .assert()
        .success()
        .stdout(predicate::str::contains("TCP, 1 persistent connection"))
        .stdout(predicate::str::contains(
            "TCP, a new connection per request, 1 client",
        ))
        .stdout(predicate::str::contains("UDP, 1 client"))
        .stdout(predicate::str::contains("solution p99"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&output);
    // The solution's figures never show errors; xinetd is measured beside
    // it where it is installed, and said to be missing where it is not.
    assert!(
        !text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("solution "))
            .any(|l| l.split("; xinetd").next().unwrap_or(l).contains("ERRORS")),
        "{text}"
    );
    assert!(
        text.contains("solution / xinetd") || text.contains("xinetd is not installed"),
        "{text}"
    );
}

#[rstest]
#[case(&["bench"], "bench needs a lab")]
#[case(&["bench", "lab1"], "there is no benchmark for lab01; the benchmarks are:")]
#[case(&["bench", "lab3", "--rounds", "0"], "--rounds")]
#[case(&["lab1", "lab3"], "grade one lab at a time")]
#[case(&["lab1", "--users", "5"], "unexpected argument '--users'")]
fn bench_arguments_are_checked(#[case] args: &[&str], #[case] message: &str) {
    exits_2_saying(args, message);
}

#[test]
fn every_subcommand_has_its_own_help() {
    checker()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("checker <LAB> [OPTIONS]"))
        .stdout(predicate::str::contains("grade"))
        .stdout(predicate::str::contains("list"))
        .stdout(predicate::str::contains("bench"));
    checker()
        .args(["grade", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--timeout-scale"))
        .stdout(predicate::str::contains("--hints <WHICH>"))
        .stdout(predicate::str::contains("--users").not());
    checker()
        .args(["hint", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "checker hint [OPTIONS] <LAB> [TEST]",
        ))
        .stdout(predicate::str::contains("--timeout-scale").not());
    checker()
        .args(["bench", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--users"))
        .stdout(predicate::str::contains("--timeout-scale").not());
}

#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
#[test]
fn grade_is_the_default_subcommand() {
    checker()
        .args(["grade", "lab1", "--solution", "--test", "crlf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lab01: 1/1 tests, 1/1 points"));
    // Options may come before the lab, as they always could.
    checker()
        .args(["--solution", "lab1", "--test", "crlf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("lab01: 1/1 tests, 1/1 points"));
}

#[rstest]
#[case(&["lab1", "--format", "human,json"], "at most one --format goes to standard output")]
#[case(&["lab1", "--format", "json=a.json", "--output", "b.json"], "every --format already names its file")]
#[case(&["lab1", "--format", "json=a.json,human=a.json"], "two reports would go to a.json")]
#[case(&["lab1", "--format", "json="], "the file name is missing")]
fn report_destinations_are_checked(#[case] args: &[&str], #[case] message: &str) {
    exits_2_saying(args, message);
}

#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
#[test]
fn one_run_writes_several_formats() {
    let dir = tempdir("formats");
    let json = dir.join("report.json");
    let text = dir.join("report.txt");
    checker()
        .args(["lab1", "--solution", "--test", "crlf", "--format"])
        .arg(format!("json={},human={}", json.display(), text.display()))
        .assert()
        .success()
        .stdout("");
    let report: serde_json::Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    assert_eq!(report["labs"][0]["points"], 1);
    let text = fs::read_to_string(&text).unwrap();
    assert!(text.contains("lab01: 1/1 tests, 1/1 points"), "{text}");
    assert!(!text.contains("\x1b["));
}

#[test]
fn classroom_writes_the_workflow_and_checks_it() {
    let dir = tempdir("classroom");
    let file = dir.join("classroom.yml");
    let classroom = |extra: &[&str]| {
        let mut cmd = checker();
        cmd.args([
            "classroom",
            "--grader-repo",
            "uni/net",
            "--grader-ref",
            "v2",
        ])
        .args(extra)
        .arg("--output")
        .arg(&file);
        cmd
    };
    classroom(&[])
        .assert()
        .success()
        .stdout(predicate::str::contains("uni/net@v2"));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# socklab-workflow: grader=uni/net@v2 sha256=none labs=lab00,"));
    assert!(text.contains("runners: lab00p1a,lab00p1b,"));
    classroom(&["--check"]).assert().success();
    fs::write(&file, text.replace("(25 points)", "(20 points)")).unwrap();
    classroom(&["--check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "regenerate it with `cargo run -p checker -- classroom`",
        ));
}

/// No placeholder: without a grader named, or a checkout whose origin
/// names one, `classroom` and `export` refuse and say what to give.
#[test]
fn classroom_and_export_refuse_without_a_grader() {
    let dir = tempdir("no-grader");
    let file = dir.join("classroom.yml");
    let edition = dir.join("edition");
    let mut commands = vec![vec!["classroom", "--output", file.to_str().unwrap()]];
    // A student edition's checker refuses to export before it asks for a
    // grader: it has no solutions/ to leave out.
    if cfg!(socklab_kit) {
        commands.push(vec!["export", edition.to_str().unwrap()]);
    }
    for args in commands {
        checker()
            .args(&args)
            // Not the kit's checkout: a folder with no origin.
            .current_dir(&dir)
            .env("GIT_DIR", dir.join("no-such-git"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--grader-repo OWNER/NAME"));
    }
    assert!(!file.exists());
    checker()
        .args(["classroom", "--grader-repo", "uni/net", "--output"])
        .arg(&file)
        .env("GIT_DIR", dir.join("no-such-git"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --grader-ref"));
    checker()
        .args([
            "classroom",
            "--grader-repo",
            "uni/net",
            "--grader-ref",
            "v1",
        ])
        .args(["--grader-sha256", "abc", "--output"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a SHA-256"));
}

/// Lines of a child's stderr, as they come.
fn stderr_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let stderr = child.stderr.take().unwrap();
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            if sender.send(line.unwrap_or_default()).is_err() {
                return;
            }
        }
    });
    lines
}

/// The next `[watch N]` status line, within a deadline.
fn next_status(lines: &std::sync::mpsc::Receiver<String>) -> String {
    let end = Instant::now() + Duration::from_secs(60);
    loop {
        let left = end.saturating_duration_since(Instant::now());
        let line = lines.recv_timeout(left).expect("a status line in time");
        if line.starts_with("[watch ") {
            return line;
        }
    }
}

#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
#[test]
fn watch_regrades_when_the_program_changes_and_stops_on_ctrl_c() {
    // The seam: --watch with --exe watches that file, so the test changes
    // a copy of its own instead of the kit's sources.
    let dir = tempdir("watch");
    let lab = checker::labs::find("lab1").unwrap();
    let solution = checker::build_lab(lab, true, CargoOutput::Keep).unwrap();
    let skeleton = checker::build_lab(lab, false, CargoOutput::Keep).unwrap();
    let exe = dir.join("server-under-test");
    fs::copy(solution.exe().unwrap(), &exe).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("checker"))
        .args(["lab1", "--test", "crlf", "--watch", "--exe"])
        .arg(&exe)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = stderr_lines(&mut child);
    let first = next_status(&lines);
    assert!(first.starts_with("[watch 1] lab01"), "{first}");
    assert!(first.contains("1/1 points"), "{first}");
    assert!(first.contains("Ctrl-C to stop"), "{first}");
    // A rebuild replaces the file: the skeleton now, which fails.
    let new = dir.join("server-under-test.new");
    fs::copy(skeleton.exe().unwrap(), &new).unwrap();
    fs::rename(&new, &exe).unwrap();
    let second = next_status(&lines);
    assert!(second.starts_with("[watch 2] lab01"), "{second}");
    assert!(second.contains("0/1 points"), "{second}");
    assert!(
        second.contains("after a change to server-under-test"),
        "{second}"
    );
    // SAFETY: sending a signal to our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    assert_eq!(child.wait().unwrap().code(), Some(130));
}

#[test]
fn watch_grades_one_lab() {
    exits_2_saying(&["all", "--watch"], "--watch grades one lab");
}

/// The labs of another workspace (a student's repository, graded by the
/// instructor's checker in CI).
#[rstest]
#[case::no_such_folder("no-such-folder", "--workspace")]
#[case::not_a_workspace("empty", "no Cargo.toml there")]
#[case::no_labs("no-labs", "no labs/ folder there, so there is nothing to grade")]
fn a_workspace_without_labs_is_refused(#[case] name: &str, #[case] message: &str) {
    let dir = tempdir("workspace").join(name);
    match name {
        "empty" => fs::create_dir_all(&dir).unwrap(),
        "no-labs" => {
            fs::create_dir_all(dir.join("checker")).unwrap();
            fs::write(
                dir.join("Cargo.toml"),
                "[workspace]\nmembers = [\"checker\"]\n",
            )
            .unwrap();
        }
        _ => {}
    }
    checker()
        .args(["lab1", "--workspace"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn the_labs_of_another_workspace_are_graded_there() {
    // A workspace whose lab 01 is a program that stops at a todo!() at
    // once (no dependencies, so it builds in a moment): graded at zero,
    // with the todo!() found in that workspace's labs/.
    let dir = tempdir("other-workspace");
    let _ = fs::remove_dir_all(&dir);
    let lab = dir.join("labs/01-hello");
    fs::create_dir_all(lab.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"labs/*\"]\n",
    )
    .unwrap();
    fs::write(
        lab.join("Cargo.toml"),
        "[package]\nname = \"lab01-hello\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    )
    .unwrap();
    fs::write(
        lab.join("src/main.rs"),
        "fn main() {\n    todo!(\"the other workspace\")\n}\n",
    )
    .unwrap();
    let output = checker()
        .args(["lab1", "--format", "json", "--workspace"])
        .arg(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    let lab = &json["labs"][0];
    assert_eq!(lab["points"], 0, "{lab}");
    let failure = &lab["tests"][0]["failure"];
    assert_eq!(failure["kind"], "not-implemented", "{lab}");
    assert_eq!(failure["step"], "the other workspace", "{lab}");
    assert!(
        failure["location"]
            .as_str()
            .unwrap()
            .starts_with("labs/01-hello/src/main.rs"),
        "{lab}"
    );
}

#[test]
#[cfg_attr(not(socklab_kit), ignore = "exports the kit, which only the kit has")]
fn export_writes_an_edition_without_solutions_and_refuses_a_full_folder() {
    let dir = tempdir("export").join("edition");
    let _ = fs::remove_dir_all(&dir);
    checker()
        .arg("export")
        .arg(&dir)
        .args(["--grader-repo", "uni/net-2027", "--grader-ref", "grader-v1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("uni/net-2027@grader-v1"));
    for shipped in [
        "labs/01-hello/src/server.rs",
        "checker/src/main.rs",
        "docs/labs/01-hello.md",
        "README.md",
        "Cargo.lock",
        ".github/workflows/classroom.yml",
    ] {
        assert!(dir.join(shipped).is_file(), "{shipped} is missing");
    }
    for withheld in [
        "solutions",
        "tests",
        ".ci",
        "docs/instructors.md",
        "docs/contributing.md",
    ] {
        assert!(!dir.join(withheld).exists(), "{withheld} was exported");
    }
    let workflow = fs::read_to_string(dir.join(".github/workflows/classroom.yml")).unwrap();
    assert!(workflow.starts_with("# socklab-workflow: grader=uni/net-2027@grader-v1 "));
    checker()
        .arg("export")
        .arg(&dir)
        .args(["--grader-repo", "uni/net-2027", "--grader-ref", "grader-v1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not empty"));
}

#[cfg_attr(not(socklab_kit), ignore = "grades solutions/, which only the kit has")]
#[test]
fn lang_pl_prints_the_summary_in_polish() {
    checker()
        .args(["lab1", "--solution", "--lang", "pl"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "lab01: testy 19/19, punkty 25/25, czas ",
        ))
        .stdout(predicate::str::contains("sprawdzam"))
        .stdout(predicate::str::contains("--seed"))
        .stdout(predicate::str::contains("tests,").not());
}

#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
#[test]
fn the_skeleton_says_not_implemented_yet_in_polish() {
    checker()
        .args(["lab1", "--lang", "pl", "--test", "client-*"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("jeszcze nie zaimplementowane"))
        .stdout(predicate::str::contains(
            "todo!() w labs/01-hello/src/client.rs:",
        ))
        .stdout(predicate::str::contains(
            "Jeszcze nie zaimplementowane: testy zatrzymały się na 1 todo!() do napisania",
        ))
        // Polish plurals; test names stay as they are.
        .stdout(predicate::str::contains(
            "wstrzymuje 3 testy (4 punkty): client-sends-hello, client-message, client-refused",
        ))
        .stdout(predicate::str::contains("lab01: testy 0/3, punkty 0/4"))
        .stdout(predicate::str::contains("not implemented yet").not());
}

#[rstest]
#[case::lang(&[("LANG", "pl_PL.UTF-8")], &[], true)]
#[case::lc_messages(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "pl_PL.UTF-8")], &[], true)]
#[case::lc_all_wins(&[("LANG", "pl_PL.UTF-8"), ("LC_ALL", "C.UTF-8")], &[], false)]
#[case::flag_wins(&[("LANG", "pl_PL.UTF-8")], &["--lang", "en"], false)]
#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
fn the_locale_chooses_the_language(
    #[case] env: &[(&str, &str)],
    #[case] args: &[&str],
    #[case] polish: bool,
) {
    let mut cmd = checker();
    cmd.args(["lab1", "--test", "client-refused"]).args(args);
    for (name, value) in env {
        cmd.env(name, value);
    }
    let output = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let summary = if polish {
        "lab01: testy 0/1, punkty 0/1"
    } else {
        "lab01: 0/1 tests, 0/1 points"
    };
    assert!(stdout.contains(summary), "{env:?} {args:?}:\n{stdout}");
    assert_eq!(
        stdout.contains("Jeszcze nie zaimplementowane:"),
        polish,
        "{stdout}"
    );
}

#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
#[test]
fn json_stays_english_under_lang_pl() {
    let output = checker()
        .args([
            "lab1",
            "--format",
            "json",
            "--lang",
            "pl",
            "--test",
            "client-refused",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
    let test = &json["labs"][0]["tests"][0];
    let message = test["failure"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("the client reached todo!() at"),
        "{message}"
    );
    assert!(
        test["hint"]
            .as_str()
            .unwrap()
            .starts_with("a refused connection is an error to report")
    );
}

#[test]
fn errors_of_the_command_line_follow_the_language() {
    exits_2_saying(&["lab99", "--lang", "pl"], "nie ma labu \"lab99\"");
}

#[cfg_attr(not(socklab_kit), ignore = "needs the untouched skeleton of lab 01")]
#[test]
fn markdown_follows_the_language_and_junit_stays_english() {
    let dir = tempdir("lang-formats");
    let junit = dir.join("junit.xml");
    let output = checker()
        .args([
            "lab1",
            "--lang",
            "pl",
            "--test",
            "client-refused",
            "--format",
        ])
        .arg(format!("markdown,junit={}", junit.display()))
        .output()
        .unwrap();
    let markdown = String::from_utf8_lossy(&output.stdout);
    assert!(
        markdown.contains("punkty 0/1, zaliczone testy 0/1"),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("❌ niezaliczony | jeszcze nie zaimplementowane: klient doszedł do todo!()"),
        "{markdown}"
    );
    let junit = fs::read_to_string(&junit).unwrap();
    assert!(junit.contains("not implemented yet"), "{junit}");
    assert!(!junit.contains("zaimplementowane"), "{junit}");
}

// ---------------------------------------------------------------------------
// Any language: --server-cmd and --client-cmd.

#[rstest]
#[case(&["lab1", "--server-cmd", "sh server.sh {host}"], "there is no {port} in it")]
#[case(&["lab1", "--client-cmd", "sh client.sh {port}"], "there is no {host} in it")]
#[case(&["lab1", "--server-cmd", "sh 'server.sh {host} {port}"], "a quote is not closed")]
#[case(&["lab1", "--server-cmd", "sh {hots} {host} {port}"], "{hots} is not a placeholder")]
#[case(&["lab1", "--server-cmd", "sh --x={args} {host} {port}"], "{args} must be a word of its own")]
#[case(&["lab1", "--server-cmd", "no-such-program-here {host} {port}"], "there is no program \"no-such-program-here\" on PATH")]
#[case(&["lab1", "--server-cmd", "./no/such.py {host} {port}"], "there is no ./no/such.py")]
#[case(&["lab1", "--server-cmd", ""], "it is empty")]
#[case(&["all", "--server-cmd", "sh {host} {port}"], "grade one lab; name it instead of `all`")]
#[case(&["lab1", "--solution", "--server-cmd", "sh {host} {port}"], "cannot be used with")]
#[case(&["lab1", "--watch", "--client-cmd", "sh {host} {port}"], "cannot be used with")]
#[case(&["lab4", "--client-cmd", "sh {host} {port}"], "none of the selected tests of lab04 could run")]
#[case(&["lab1", "--test", "client-*", "--server-cmd", "sh {host} {port}"], "none of the selected tests of lab01 could run")]
#[case(&["bench", "lab3", "--server-cmd", "sh {host} {port}"], "unexpected argument '--server-cmd'")]
fn bad_commands_exit_2_with_a_message(#[case] args: &[&str], #[case] message: &str) {
    exits_2_saying(args, message);
}

#[test]
fn a_failure_of_a_command_shows_the_command_filled_in() {
    checker()
        .args(["lab1", "--test", "close-after-hello", "--server-cmd"])
        .arg("sh -c 'echo oops >&2; exit 3' {host} {port} {args}")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "the server exited with status 3 before it printed a ready line or listened",
        ))
        .stdout(predicate::str::is_match(r"run it:   sh -c 'echo oops >&2; exit 3' 127\.0\.0\.1 [1-9][0-9]*   \(server exited with status 3\)").unwrap())
        .stdout(predicate::str::contains("oops"))
        .stdout(predicate::str::contains("skipped").not());
}

// Hints in levels: `--hints` and `checker hint`.

/// A workspace of the test's own (its target/ keeps the levels of hints
/// shown), and a lab 05 client that exits at once, having printed nothing:
/// client-udp fails with its default hint, in three levels.
fn hint_workspace(name: &str) -> (PathBuf, PathBuf) {
    let dir = tempdir("hints").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("labs")).unwrap();
    fs::write(dir.join("Cargo.toml"), "[workspace]\n").unwrap();
    let exe = dir.join("client-that-prints-nothing");
    fs::write(&exe, "#!/bin/sh\necho 'no time here' >&2\nexit 3\n").unwrap();
    fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
    (dir, exe)
}

/// `checker lab5 -t client-udp` on that client, with `extra` arguments.
fn grade_client_udp(dir: &Path, exe: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    checker()
        .args(["lab5", "--test", "client-udp", "--exe"])
        .arg(exe)
        .arg("--workspace")
        .arg(dir)
        .args(extra)
        .assert()
        .code(1)
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

const LEVEL_1: &str = "hint 1/3: over UDP the client sends one datagram";
const LEVEL_2: &str = "hint 2/3: the client's UDP socket";
const LEVEL_3: &str = "hint 3/3: UdpSocket::bind((host, 0))";

#[test]
fn hint_shows_the_next_level_and_grading_remembers_it() {
    let (dir, exe) = hint_workspace("levels");
    let first = stdout_of(&grade_client_udp(&dir, &exe, &[]));
    assert!(first.contains(LEVEL_1), "{first}");
    assert!(!first.contains("hint 2/3"), "{first}");
    assert!(
        first.contains("more help: `checker hint lab05 client-udp` shows the next level"),
        "{first}"
    );
    // Without a test: the first test that failed.
    checker()
        .args(["hint", "lab5", "--workspace"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^lab05 client-udp \([a-z ]+\): hint 2/3\n").unwrap())
        .stdout(predicate::str::contains("  2/3: the client's UDP socket"))
        .stdout(predicate::str::contains(
            "`checker hint lab05 client-udp` once more shows level 3",
        ));
    // Grading again shows the level reached, for the same failure.
    let again = stdout_of(&grade_client_udp(&dir, &exe, &[]));
    assert!(
        again.contains(LEVEL_1) && again.contains(LEVEL_2),
        "{again}"
    );
    assert!(!again.contains("hint 3/3"), "{again}");
    checker()
        .args(["hint", "lab05", "client-udp", "--workspace"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  3/3: UdpSocket::bind((host, 0))",
        ))
        .stdout(predicate::str::contains("That was the last level"));
    checker()
        .args(["hint", "lab05", "client-udp", "--workspace"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "That is the last level of this hint",
        ));
    let state = fs::read_to_string(dir.join("target/socklab-hints.json")).unwrap();
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["labs"]["lab05"]["client-udp"]["level"], 3, "{state}");
    assert_eq!(
        state["labs"]["lab05"]["client-udp"]["hint"], "default",
        "{state}"
    );
    // In Polish too.
    let polish = stdout_of(&grade_client_udp(&dir, &exe, &["--lang", "pl"]));
    assert!(
        polish.contains("wskazówka 3/3: UdpSocket::bind((host, 0))"),
        "{polish}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn hints_none_shows_no_hint_and_remembers_nothing_and_all_shows_every_level() {
    let (dir, exe) = hint_workspace("none-all");
    let exam = stdout_of(&grade_client_udp(&dir, &exe, &["--hints", "none"]));
    assert!(exam.contains("FAIL client-udp "), "{exam}");
    assert!(!exam.contains("hint"), "{exam}");
    assert!(!dir.join("target/socklab-hints.json").exists());
    let report = dir.join("all.json");
    let format = format!("human,json={}", report.display());
    let all = stdout_of(&grade_client_udp(
        &dir,
        &exe,
        &["--hints", "all", "--format", &format],
    ));
    for level in [LEVEL_1, LEVEL_2, LEVEL_3] {
        assert!(all.contains(level), "{level}: {all}");
    }
    assert!(!all.contains("more help"), "{all}");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    let test = &json["labs"][0]["tests"][0];
    assert_eq!(test["name"], "client-udp");
    assert_eq!(test["hint_for"], "default");
    assert_eq!(test["hint_levels"], 3);
    assert_eq!(test["hints"].as_array().map(Vec::len), Some(3), "{test}");
    assert!(
        test["hint"]
            .as_str()
            .unwrap()
            .starts_with("UdpSocket::bind((host, 0))")
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn hint_says_what_to_do_when_there_is_nothing_to_show() {
    let (dir, _) = hint_workspace("nothing");
    let hint = |args: &[&str]| {
        checker()
            .arg("hint")
            .args(args)
            .arg("--workspace")
            .arg(&dir)
            .assert()
            .code(2)
    };
    hint(&["lab5"]).stderr(predicate::str::contains(
        "no failed test of lab05 is remembered: grade it first (`checker lab05`)",
    ));
    hint(&["lab5", "client-udp"]).stderr(predicate::str::contains(
        "no failure of client-udp is remembered",
    ));
    hint(&["lab5", "udp"]).stderr(predicate::str::contains("lab05 has no test \"udp\""));
    hint(&["lab9"]).stderr(predicate::str::contains("no lab \"lab9\""));
    let _ = fs::remove_dir_all(&dir);
}
