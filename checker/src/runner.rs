//! Runs a lab's tests against a program and turns each outcome into a
//! verdict: passed, failed (and how), or skipped.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Serialize;

use std::os::unix::process::ExitStatusExt;

use crate::harness::{
    Ctx, Entry, Failure, Kind, Panic, Program, Target, cpu::Stretched, find_panics,
    program::describe_exit, sandbox, shown,
};

/// How long a line of a program's output may be in the report, and how
/// many of its last stderr lines are shown.
const SHOWN_LINE: usize = 300;
const SHOWN_LINES: usize = 10;
use crate::i18n::Text;
use crate::labs::{Lab, TestCase};
use crate::t;

/// How to run a lab's tests.
#[derive(Debug, Clone)]
pub struct Options {
    /// The tests `-t`/`--test` named (see [`selected`]); empty: every test.
    pub tests: Vec<String>,
    /// Stretches every deadline (slow machines: 2, 3...).
    pub timeout_scale: f64,
    /// Seeds every random choice; printed so a run can be repeated.
    pub seed: u64,
    /// How many tests run at once.
    pub jobs: usize,
    /// The loopback address every test works on: 127.0.0.1, or ::1 to
    /// grade over IPv6 (any address of 127.0.0.0/8 works too).
    pub host: std::net::IpAddr,
    /// Which levels of a failed test's hint to show (`--hints`), and what
    /// the student has seen.
    pub hints: crate::hints::Shown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Fail,
    Skip,
}

/// A program a test started, as the report shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ProgramReport {
    /// "server" or "client".
    pub label: String,
    /// The exact command, to run by hand.
    pub command: String,
    /// How it ended, or that it was still running and was killed.
    pub ended: Text,
    /// The last lines of its stderr.
    pub stderr_tail: Vec<String>,
}

/// The result of one test.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    pub name: String,
    /// From the lab's table; the Polish from `checker/locales/pl/labNN.ftl`.
    pub checks: Text,
    pub status: Status,
    pub points: u32,
    pub max_points: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
    /// The last level of the hint shown for its failure (empty when none
    /// is shown: a pass, `--hints none`).
    pub hint: Text,
    /// Every level of that hint shown, level 1 first.
    pub hints: Vec<Text>,
    /// Which of the test's hints it is: a hint's id, or `default`
    /// ([`crate::labs::Hints`]); empty for a pass.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hint_for: String,
    /// How many levels that hint has (`checker hint` shows the next).
    pub hint_levels: usize,
    pub programs: Vec<ProgramReport>,
    pub transcript: Vec<Entry>,
    /// Transcript entries left out past the limit.
    pub transcript_omitted: usize,
    pub elapsed_ms: u64,
}

/// The results of one lab.
#[derive(Debug, Clone, Serialize)]
pub struct LabReport {
    /// `lab01`
    pub lab: String,
    pub title: String,
    /// The executable graded, as shown in commands.
    pub executable: String,
    pub seed: u64,
    pub tests: Vec<TestResult>,
    pub passed: usize,
    /// Tests run and not skipped.
    pub counted: usize,
    pub skipped: usize,
    pub points: u32,
    /// The points of the tests run and not skipped.
    pub max_points: u32,
    pub elapsed_ms: u64,
}

impl LabReport {
    pub fn all_passed(&self) -> bool {
        self.passed == self.counted
    }

    /// The report of a lab whose crate did not build: each selected test
    /// failed, with `message` (what cargo said), so that machine reports
    /// still show the lab and its points.
    pub fn not_built(
        lab: &Lab,
        tests: &[String],
        seed: u64,
        message: impl Into<Text>,
    ) -> LabReport {
        LabReport::not_built_by_cargo(lab, tests, seed, message, None)
    }

    /// [`LabReport::not_built`], with what cargo printed shown under the
    /// lab's first test (once, however many tests): the compiler's errors,
    /// for the reports read where cargo's output is not (Gradescope's
    /// results, JUnit, GitHub Classroom).
    pub fn not_built_by_cargo(
        lab: &Lab,
        names: &[String],
        seed: u64,
        message: impl Into<Text>,
        cargo: Option<ProgramReport>,
    ) -> LabReport {
        let mut cargo = cargo;
        let message: Text = message.into();
        let tests: Vec<TestResult> = selected(lab, names)
            .into_iter()
            .map(|case| TestResult {
                name: case.name.to_string(),
                checks: Text::of_test(&lab.id(), case.name, "checks", case.checks),
                status: Status::Fail,
                points: 0,
                max_points: case.points,
                failure: Some(Failure::new(Kind::DoesNotCompile, message.clone())),
                hint: t!(
                    "hint-does-not-compile",
                    "fix the errors cargo printed, then grade again"
                ),
                hints: vec![t!(
                    "hint-does-not-compile",
                    "fix the errors cargo printed, then grade again"
                )],
                hint_for: String::new(),
                hint_levels: 1,
                programs: cargo.take().into_iter().collect(),
                transcript: Vec::new(),
                transcript_omitted: 0,
                elapsed_ms: 0,
            })
            .collect();
        LabReport {
            lab: lab.id(),
            title: lab.title.to_string(),
            executable: String::new(),
            seed,
            passed: 0,
            counted: tests.len(),
            skipped: 0,
            points: 0,
            max_points: tests.iter().map(|t| t.max_points).sum(),
            tests,
            elapsed_ms: 0,
        }
    }
}

/// cargo, as a program of a lab's report: the command, and the first
/// lines of what it printed (where the first errors are).
pub fn cargo_report(package: &str, output: &str) -> ProgramReport {
    const SHOWN_LINES: usize = 120;
    let lines: Vec<&str> = output.trim_end().lines().collect();
    let mut shown: Vec<String> = lines
        .iter()
        .take(SHOWN_LINES)
        .map(|l| l.to_string())
        .collect();
    if lines.len() > SHOWN_LINES {
        shown.push(format!("... and {} more lines", lines.len() - SHOWN_LINES));
    }
    ProgramReport {
        label: "build".to_string(),
        command: format!("cargo build --package {package}"),
        ended: Text::english("failed"),
        stderr_tail: shown,
    }
}

/// The tests of `lab` that `names` (what `-t`/`--test` gave) select, in
/// the table's order: every test when `names` is empty, else each test
/// one of them [`picks`].
pub fn selected<'a>(lab: &'a Lab, names: &[String]) -> Vec<&'a TestCase> {
    lab.tests
        .iter()
        .filter(|t| names.is_empty() || names.iter().any(|n| picks(n, t.name)))
        .collect()
}

/// Whether `-t pattern` picks the test `name`: the exact name, or, where
/// the pattern has a `*`, a glob in which `*` stands for any text
/// (`udp-*`, `*-refused`). Exact by default because the handouts' steps
/// name one test each: `-t time` must not run `time-is-now` too.
pub fn picks(pattern: &str, name: &str) -> bool {
    if !pattern.contains('*') {
        return pattern == name;
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if name.len() < first.len() + last.len() || !name.starts_with(first) || !name.ends_with(last) {
        return false;
    }
    // The middle parts, in order, each as early as it can be: the
    // leftmost match leaves the most room for the rest.
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The names of `among` closest to `pattern`, that picks none of them,
/// best first (at most five): names that contain it (`kick` for
/// `kick-rejoin`, as `-t` worked before it was exact), then those a few
/// typos away.
pub fn closest<'a>(pattern: &str, among: &[&'a str]) -> Vec<&'a str> {
    let bare = pattern.replace('*', "");
    let near = (bare.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = among
        .iter()
        .filter_map(|&name| {
            let distance = strsim::levenshtein(&bare, name);
            if !bare.is_empty() && name.contains(bare.as_str()) {
                Some((0, name))
            } else {
                (distance <= near).then_some((distance, name))
            }
        })
        .collect();
    scored.sort_by_key(|&(score, name)| (score, name.len(), name));
    // `all` lists a name once per lab that has it.
    scored.dedup();
    scored.into_iter().take(5).map(|(_, name)| name).collect()
}

/// Grades `target` on the lab's selected tests, `jobs` at a time, without
/// printing: for the kit's own tests.
pub fn grade(lab: &Lab, target: &Target, options: &Options) -> LabReport {
    let mut reports = grade_labs(&[(lab, target)], options, |_, _| {});
    reports.pop().expect("one lab graded")
}

/// What [`grade_labs`] tells as it goes.
pub enum Graded<'a> {
    /// A test's result (each lab's in its table's order).
    Test(&'a TestResult),
    /// A lab is done: its report.
    Lab(&'a LabReport),
}

/// Grades several labs side by side: their selected tests share one pool
/// of `options.jobs` workers, so a lab whose tests wait (timeouts, quiet
/// periods) does not hold up the next one. `on_event(i, …)` is called
/// with the results of `labs[i]` in its table's order, as soon as a result
/// and every one before it in that lab are known, then with the lab's
/// report once its last test is done. The reports come in the order of
/// `labs`.
pub fn grade_labs(
    labs: &[(&Lab, &Target)],
    options: &Options,
    mut on_event: impl FnMut(usize, Graded<'_>),
) -> Vec<LabReport> {
    let started = Instant::now();
    let cases: Vec<Vec<&TestCase>> = labs
        .iter()
        .map(|(lab, _)| selected(lab, &options.tests))
        .collect();
    // One queue of (lab, test), the labs' tables interleaved: each lab's
    // first tests start at once, and no lab waits for another to finish.
    let longest = cases.iter().map(Vec::len).max().unwrap_or(0);
    let sizes: Vec<usize> = cases.iter().map(Vec::len).collect();
    let queue: Vec<(usize, usize)> = (0..longest)
        .flat_map(|row| {
            let sizes = &sizes;
            (0..sizes.len()).filter_map(move |lab| (row < sizes[lab]).then_some((lab, row)))
        })
        .collect();
    let next = Mutex::new(0usize);
    let (sender, receiver) = mpsc::channel();
    let mut results: Vec<Vec<Option<TestResult>>> =
        cases.iter().map(|c| vec![None; c.len()]).collect();
    let mut shown = vec![0usize; labs.len()];
    let mut reports: Vec<Option<LabReport>> = labs.iter().map(|_| None).collect();
    let mut finish = |lab: usize,
                      results: &mut Vec<Option<TestResult>>,
                      on_event: &mut dyn FnMut(usize, Graded<'_>)| {
        let tests: Vec<TestResult> = std::mem::take(results).into_iter().flatten().collect();
        let (lab_table, target) = labs[lab];
        let report = report_of(lab_table, target, options, tests, started.elapsed());
        on_event(lab, Graded::Lab(&report));
        reports[lab] = Some(report);
    };
    // A lab with no selected test is done before it starts.
    for (lab, _) in cases.iter().enumerate().filter(|(_, c)| c.is_empty()) {
        finish(lab, &mut Vec::new(), &mut on_event);
    }
    std::thread::scope(|scope| {
        for _ in 0..options.jobs.clamp(1, queue.len().max(1)) {
            let sender = sender.clone();
            let (cases, next, queue) = (&cases, &next, &queue);
            scope.spawn(move || {
                loop {
                    let index = {
                        let mut next = next.lock().unwrap_or_else(|p| p.into_inner());
                        let index = *next;
                        *next += 1;
                        index
                    };
                    let Some(&(lab, row)) = queue.get(index) else {
                        return;
                    };
                    let (lab_table, target) = labs[lab];
                    let case = cases[lab][row];
                    let mut result = run_test(case, target, options);
                    // The test's words in the report's language.
                    let id = lab_table.id();
                    result.checks = Text::of_test(&id, case.name, "checks", case.checks);
                    crate::hints::show(&mut result, lab_table, case, &options.hints);
                    if sender.send((lab, row, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        for (lab, row, result) in receiver {
            results[lab][row] = Some(result);
            while let Some(Some(result)) = results[lab].get(shown[lab]) {
                on_event(lab, Graded::Test(result));
                shown[lab] += 1;
            }
            if shown[lab] == cases[lab].len() {
                finish(lab, &mut results[lab], &mut on_event);
            }
        }
    });
    reports.into_iter().flatten().collect()
}

/// A lab's report from its tests' results.
fn report_of(
    lab: &Lab,
    target: &Target,
    options: &Options,
    tests: Vec<TestResult>,
    elapsed: Duration,
) -> LabReport {
    let counted: Vec<&TestResult> = tests.iter().filter(|t| t.status != Status::Skip).collect();
    LabReport {
        lab: lab.id(),
        title: lab.title.to_string(),
        executable: target.shown.clone(),
        seed: options.seed,
        passed: counted.iter().filter(|t| t.status == Status::Pass).count(),
        counted: counted.len(),
        skipped: tests.len() - counted.len(),
        points: counted.iter().map(|t| t.points).sum(),
        max_points: counted.iter().map(|t| t.max_points).sum(),
        elapsed_ms: elapsed.as_millis() as u64,
        tests,
    }
}

/// Each test gets its own seed, derived from the run's seed and its name,
/// so that running one test alone repeats exactly what it did in the
/// full run.
fn test_seed(seed: u64, name: &str) -> u64 {
    name.bytes().fold(seed ^ 0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// Runs one test and builds its result.
pub fn run_test(case: &TestCase, target: &Target, options: &Options) -> TestResult {
    let mut ctx = Ctx::new(
        target.clone(),
        options.timeout_scale,
        test_seed(options.seed, case.name),
    )
    .with_host(options.host);
    let outcome = catch_unwind(AssertUnwindSafe(|| (case.run)(&mut ctx))).unwrap_or_else(|panic| {
        Err(Failure::checker(t!(
            "checker-panicked",
            "the checker itself panicked: {panic}",
            panic = panic_text(&panic)
        )))
    });
    let step = ctx.step();
    let programs = ctx.programs().to_vec();
    let outcome = outcome.map_err(|failure| classify(failure, &programs));
    let elapsed_ms = ctx.elapsed().as_millis() as u64;
    // Describe the programs before killing them: "still running" is news.
    let reports = programs.iter().map(program_report).collect();
    ctx.finish();
    let (transcript, transcript_omitted) = ctx.transcript().entries();
    let (status, points, failure) = match outcome {
        Ok(()) => (Status::Pass, case.points, None),
        Err(failure) if failure.kind == Kind::Skipped => (Status::Skip, 0, Some(failure)),
        Err(failure) => (Status::Fail, 0, Some(failure)),
    };
    // The hint for what went wrong, level 1 in English; the runner puts
    // in the levels to show, in the report's language.
    let chosen = failure
        .as_ref()
        .filter(|_| status == Status::Fail)
        .map(|failure| case.hints.choose(failure, step.as_deref()));
    let hints: Vec<Text> = chosen
        .iter()
        .flat_map(|c| c.levels.first())
        .map(|&level| level.into())
        .collect();
    TestResult {
        name: case.name.to_string(),
        checks: case.checks.into(),
        status,
        points,
        max_points: case.points,
        failure,
        hint: hints.last().cloned().unwrap_or_default(),
        hints,
        hint_for: chosen.map(crate::hints::id).unwrap_or_default().to_string(),
        hint_levels: chosen.map_or(0, |c| c.levels.len()),
        programs: reports,
        transcript,
        transcript_omitted,
        elapsed_ms,
    }
}

/// Looks behind a failure: a program that reached `todo!()` or panicked
/// explains it better than "the connection closed".
fn classify(mut failure: Failure, programs: &[Program]) -> Failure {
    if matches!(failure.kind, Kind::Skipped | Kind::CheckerError) {
        return failure;
    }
    let mut panics: Vec<(String, Panic)> = Vec::new();
    for program in programs {
        settle(program);
        for panic in find_panics(&program.stderr()) {
            if !panics.iter().any(|(_, p)| p.location == panic.location) {
                panics.push((program.label().to_string(), panic));
            }
        }
    }
    // A todo!() explains more than any other panic: it is where to work next.
    panics.sort_by_key(|(_, panic)| !panic.is_todo());
    let todo = panics.first().is_some_and(|(_, p)| p.is_todo());
    if !todo {
        if let Some((label, why)) = stopped_by_limit(programs) {
            failure.kind = Kind::Crashed;
            failure.message = t!(
                "stopped-by-limit",
                "the {label} was stopped: {why} ({message})",
                label = Text::program(&label),
                why = why,
                message = failure.message
            );
            return failure;
        }
    }
    let Some((label, first)) = panics.first() else {
        return failure;
    };
    if first.is_todo() {
        let todos = panics
            .iter()
            .filter(|(_, p)| p.is_todo())
            .map(|(_, p)| {
                Text::english(format!(
                    "{} ({})",
                    shown(&p.location, SHOWN_LINE),
                    shown(todo_step(p), SHOWN_LINE)
                ))
            })
            .reduce(|all, next| t!("and-at", "{all}, and at {next}", all = all, next = next))
            .unwrap_or_default();
        failure.kind = Kind::NotImplemented;
        failure.step = Some(shown(todo_step(first), SHOWN_LINE));
        failure.message = t!(
            "reached-todo",
            "the {label} reached todo!() at {at}",
            label = Text::program(label),
            at = todos
        );
        // What the exchange would have been is noise next to "you have not
        // written this yet".
        failure.expected = None;
        failure.got = None;
    } else {
        failure.kind = Kind::Crashed;
        failure.message = t!(
            "panicked-at",
            "the {label} panicked at {at}: {panic} ({message})",
            label = Text::program(label),
            at = shown(&first.location, SHOWN_LINE),
            panic = shown(&first.message, SHOWN_LINE),
            message = failure.message
        );
    }
    failure.location = Some(shown(&first.location, SHOWN_LINE));
    failure
}

/// A program stopped by one of the checker's resource limits, said so.
fn stopped_by_limit(programs: &[Program]) -> Option<(String, Text)> {
    let limits = sandbox::settings().limits;
    programs.iter().find_map(|program| {
        let signal = program.exit_status().and_then(|s| s.signal());
        let why = limits.explain(signal, &program.stderr())?;
        Some((program.label().to_string(), why))
    })
}

/// "serve(): the accept loop", from "not yet implemented: serve(): ...".
fn todo_step(panic: &Panic) -> &str {
    let step = panic
        .message
        .trim_start_matches("not yet implemented")
        .trim_start_matches(": ");
    if step.is_empty() { "todo!()" } else { step }
}

/// Gives a program that is exiting (or has just printed a panic) a moment
/// to finish writing its stderr, so the panic message is there to read.
/// Returns as soon as the program has exited and its output is closed.
///
/// A program whose main thread has panicked is on its way out: printing
/// the backtrace (RUST_BACKTRACE=1) of a debug build takes a few hundred
/// milliseconds, more on a loaded machine (over 2 s with a load average
/// of 23 on two cores). Its exit is waited for (up to 10 s: the wait ends
/// when the kernel reports the exit) so that the report says "panicked"
/// rather than "still running" however busy the machine is. A panic in
/// another thread leaves the program running: that gets the short wait.
///
/// A test can fail before the program has even written its panic: a
/// server that reached todo!() right after its ready line, still waiting
/// for a CPU when the checker's connection is refused. So a program that
/// is running is first given the time to go to sleep (blocked in a read,
/// an accept) or exit: up to 1 s, stretched by its waits for a CPU (3 s
/// at most), so that only a program that computes for a second is not
/// waited for to the end. (Without it, the report said "still running"
/// in 2 of 20 runs of the report samples at load 35-70.)
fn settle(program: &Program) {
    let now = Instant::now();
    let most = now + Duration::from_secs(3);
    let mut deadline = Stretched::new(now + Duration::from_secs(1), program.waiters());
    deadline.waiting();
    while program.exit_status().is_none()
        && !program.wait_asleep(deadline.at().min(most))
        && !deadline.passed()
        && Instant::now() < most
    {}
    // A panic's message may still sit in the pipe, unread by the reader
    // thread on a loaded machine (the report then said "still running").
    program.stderr_lines_by_now(Instant::now() + Duration::from_secs(2));
    let wait = if program.exit_status().is_some() {
        Duration::from_secs(1)
    } else if main_thread_panicked(&program.stderr()) {
        Duration::from_secs(10)
    } else {
        Duration::from_millis(100)
    };
    program.wait_exit(Instant::now() + wait);
}

/// Rust's `thread 'main' panicked at ...`: the process ends once the panic
/// has unwound out of main(), whatever its other threads are doing.
fn main_thread_panicked(stderr: &str) -> bool {
    stderr
        .lines()
        .any(|line| line.starts_with("thread 'main' panicked at "))
}

fn program_report(program: &Program) -> ProgramReport {
    // What the program wrote before the test ended is in its report, even
    // if the reader thread has not read it from the pipe yet.
    program.stderr_lines_by_now(Instant::now() + Duration::from_secs(1));
    let stderr = program.stderr();
    // Backtraces (RUST_BACKTRACE=1) are for the student's own terminal;
    // the report keeps the lines around them.
    let mut in_backtrace = false;
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| {
            if line.starts_with("stack backtrace:") {
                in_backtrace = true;
                return false;
            }
            if in_backtrace {
                if line.starts_with(' ') {
                    return false;
                }
                in_backtrace = false;
                return !line.starts_with("note: Some details are omitted");
            }
            true
        })
        .collect();
    ProgramReport {
        label: program.label().to_string(),
        command: program.command_line().to_string(),
        ended: match program.exit_status() {
            Some(status) => describe_exit(status),
            None => t!(
                "still-running-killed",
                "was still running when the test ended (killed)"
            ),
        },
        stderr_tail: lines[lines.len().saturating_sub(SHOWN_LINES)..]
            .iter()
            .map(|line| shown(line, SHOWN_LINE))
            .collect(),
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_picks_only_itself() {
        assert!(picks("time", "time"));
        for other in ["time-is-now", "udp-time", "times", "tim"] {
            assert!(!picks("time", other), "{other}");
        }
    }

    #[test]
    fn a_star_stands_for_any_text() {
        for (pattern, name) in [
            ("udp-*", "udp-time"),
            ("udp-*", "udp-"),
            ("*-refused", "client-refused"),
            ("client-*-retry", "client-udp-retry"),
            ("*", "echo"),
            ("k*k*", "kick-not-reading"),
            ("*time*", "udp-time"),
        ] {
            assert!(picks(pattern, name), "{pattern} {name}");
        }
        for (pattern, name) in [
            ("udp-*", "client-udp"),
            ("*-refused", "refused-client"),
            ("a*a", "a"),
            ("client-*-retry", "client-retry"),
            ("k*k*k", "kick"),
        ] {
            assert!(!picks(pattern, name), "{pattern} {name}");
        }
    }

    #[test]
    fn several_names_select_each_once_in_the_tables_order() {
        let lab = crate::labs::find("lab5").unwrap();
        let names = |given: &[&str]| -> Vec<&str> {
            let given: Vec<String> = given.iter().map(|s| s.to_string()).collect();
            selected(lab, &given).iter().map(|t| t.name).collect()
        };
        assert_eq!(names(&["time-format"]), ["time-format"]);
        assert_eq!(
            names(&["udp-*", "time-format", "udp-time"]),
            [
                "time-format",
                "udp-time",
                "udp-host",
                "udp-error",
                "udp-garbage"
            ]
        );
        assert_eq!(names(&[]).len(), lab.tests.len());
    }

    #[test]
    fn the_closest_names_come_first() {
        let names = [
            "kick",
            "kick-rejoin",
            "kick-not-reading",
            "list",
            "broadcast",
        ];
        assert_eq!(
            closest("kick", &names[1..]),
            ["kick-rejoin", "kick-not-reading"]
        );
        assert_eq!(closest("kik", &names), ["kick"]);
        assert_eq!(closest("brodcast", &names), ["broadcast"]);
        assert!(closest("zzzzzzzz", &names).is_empty());
    }
}
