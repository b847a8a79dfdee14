//! Shared by the kit's test files: build a lab once, grade it, and check
//! verdicts.

#![allow(dead_code)] // each test file uses its own part of this

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use checker::harness::Kind;
use checker::labs::Lab;
use checker::runner::{self, LabReport, Options, Status};
use checker::{Target, TestResult};
use kit_tests::Mutant;

/// Options for the kit's runs: a fixed seed, so a failure here can be
/// repeated with `cargo run -p checker -- labN --seed 1`.
pub fn options() -> Options {
    Options {
        tests: Vec::new(),
        timeout_scale: std::env::var("SOCKLAB_TIMEOUT_SCALE")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1.0),
        seed: 1,
        jobs: 4,
        host: std::net::Ipv4Addr::LOCALHOST.into(),
        hints: Default::default(),
    }
}

/// Builds a lab's skeleton or solution once per test process.
pub fn built(lab: &Lab, solution: bool) -> Target {
    built_profile(lab, solution, false)
}

/// Builds a lab's skeleton or solution, in the release profile or the dev
/// one, once per test process.
pub fn built_profile(lab: &Lab, solution: bool, release: bool) -> Target {
    static BUILT: OnceLock<Mutex<HashMap<(String, bool), Target>>> = OnceLock::new();
    let package = lab.package(solution);
    let mut cache = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    cache
        .entry((package.clone(), release))
        .or_insert_with(|| {
            use checker::compile::{CargoOutput, Profile};
            let profile = if release {
                Profile::Release
            } else {
                Profile::Dev
            };
            let exe = checker::compile::build(&package, profile, CargoOutput::Keep)
                .unwrap_or_else(|e| panic!("{e}"));
            checker::target_for(&exe)
        })
        .clone()
}

/// Renders a report the way the checker prints it, for assertion messages.
pub fn render(report: &LabReport) -> String {
    let mut out = Vec::new();
    let style = checker::report::Style {
        colour: false,
        verbose: false,
        lang: checker::i18n::Lang::En,
    };
    for test in &report.tests {
        checker::report::test_line(&mut out, style, test).unwrap();
    }
    checker::report::summary(&mut out, style, report).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

/// The solution scores full marks, built in the dev profile or (ten times
/// faster, so a different program as far as timing goes) in release.
pub fn assert_full_marks(lab: &Lab, release: bool) {
    let report = checker::grade(lab, &built_profile(lab, true, release), &options());
    let profile = if release { "release" } else { "debug" };
    assert!(
        report.all_passed(),
        "the solution of {} built in {profile} lost points:\n{}",
        lab.id(),
        render(&report)
    );
    assert_eq!(report.points, report.max_points);
    assert_eq!(report.tests.len(), lab.tests.len());
}

/// The solution scores full marks graded over IPv6 (`checker --host ::1`):
/// every test of the lab works on whatever host the run gives it. Passes
/// with a note where the machine has no IPv6 loopback.
pub fn assert_full_marks_over_ipv6(lab: &Lab) {
    let Some(options) = ipv6_options() else {
        return;
    };
    let report = checker::grade(lab, &built(lab, true), &options);
    assert!(
        report.all_passed(),
        "the solution of {} graded with --host ::1 lost points:\n{}",
        lab.id(),
        render(&report)
    );
}

/// The kit's options with `--host ::1`, or `None` (and a note) where the
/// machine has no IPv6 loopback.
pub fn ipv6_options() -> Option<Options> {
    let host = std::net::Ipv6Addr::LOCALHOST;
    if std::net::TcpListener::bind((host, 0)).is_err() {
        eprintln!("no IPv6 loopback (::1) on this machine: not graded over IPv6");
        return None;
    }
    Some(Options {
        host: host.into(),
        ..options()
    })
}

/// Every correct variant (a change the handouts allow: `\r\n` endings,
/// lines written in pieces, extra logging) scores full marks.
pub fn assert_variants_full_marks<P: Sync>(
    lab: &Lab,
    binary: &str,
    prefix: &str,
    variants: &[Mutant<P>],
) {
    assert!(
        !variants.is_empty(),
        "{} has no correct variants: a checker that fails correct work goes unnoticed",
        lab.id()
    );
    let options = options();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = variants
            .iter()
            .map(|variant| {
                let options = &options;
                scope.spawn(move || {
                    let exe = mutant_exe(binary, prefix, variant.name);
                    let report = checker::grade(lab, &checker::target_for(&exe), options);
                    (!report.all_passed()).then(|| {
                        format!(
                            "correct variant {} ({}) lost points:\n{}",
                            variant.name,
                            variant.bug,
                            render(&report)
                        )
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The untouched skeleton: zero points, every failure "not implemented
/// yet" with a location in the lab's folder, and no deadline waited out.
pub fn assert_skeleton_not_implemented(lab: &Lab) {
    // Every deadline ten times as long: a test that waits one out takes
    // 30 s or more, which no load makes of one that saw the panic at once
    // (a fixed 3 s bound failed on a loaded machine).
    let scale = 10.0;
    let options = Options {
        timeout_scale: options().timeout_scale * scale,
        ..options()
    };
    let report = checker::grade(lab, &built(lab, false), &options);
    let shown = render(&report);
    assert_eq!(
        report.points,
        0,
        "the skeleton of {} scored:\n{shown}",
        lab.id()
    );
    for test in report.tests.iter().filter(|t| t.status != Status::Skip) {
        let failure = test.failure.as_ref().expect("a failed test has a failure");
        assert_eq!(
            failure.kind,
            Kind::NotImplemented,
            "{}:\n{shown}",
            test.name
        );
        let location = failure.location.as_deref().unwrap_or_default();
        assert!(
            location.starts_with(&lab.folder(false)),
            "{}: location {location:?}",
            test.name
        );
        assert!(
            (test.elapsed_ms as f64) < checker::harness::REPLY.as_millis() as f64 * scale,
            "{} took {} ms: the checker waited for a program that had already died",
            test.name,
            test.elapsed_ms
        );
    }
}

/// The broken-labNN binary, linked under the mutant's name.
pub fn mutant_exe(binary: &str, prefix: &str, mutant: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mutants");
    kit_tests::link_mutant(Path::new(binary), &dir, prefix, mutant).unwrap()
}

/// How many of a lab's `programs` the kit grades at once. Lab 04's tests
/// sample the kernel's socket table every millisecond while a scan runs;
/// with all its mutants graded at once on two cores the samplers starve,
/// and a test then judges only the time floor (a fresh-clone CI run let
/// default-concurrency-128 through that way). Its programs are graded a
/// few at a time; every other lab's all at once.
pub fn at_once(lab: &Lab, programs: usize) -> usize {
    if lab.number == 4 { 4 } else { programs.max(1) }
}

/// How many times a mutant's test is graded again while it is skipped (a
/// test the machine was too busy to judge says so rather than pass).
const TRIES_WHEN_SKIPPED: usize = 3;

/// Grades every mutant on the tests that must catch it, in parallel, and
/// checks that each of those tests fails and that every test of the lab
/// catches at least one mutant. A test in `proven_elsewhere` may be skipped
/// here (another kit test runs it where it applies).
pub fn assert_mutants_caught<P: Sync>(
    lab: &Lab,
    binary: &str,
    prefix: &str,
    mutants: &[Mutant<P>],
    proven_elsewhere: &[&str],
) {
    let options = options();
    let at_once = at_once(lab, mutants.len());
    let mut verdicts: Vec<Verdict> = mutants
        .chunks(at_once)
        .flat_map(|chunk| grade_mutants(lab, binary, prefix, chunk, &options))
        .collect();
    // A test skipped because the machine was too busy to judge is graded
    // again, as a student would, once the crowd of gradings has gone: one
    // at a time. (Graded again at once, beside the other mutants' gradings,
    // the late-retry mutant of lab 05 was skipped three times in a row.)
    for verdict in verdicts.iter_mut() {
        for _ in 0..TRIES_WHEN_SKIPPED {
            if verdict.result.status != Status::Skip || proven_elsewhere.contains(&verdict.test) {
                break;
            }
            let target = checker::target_for(&mutant_exe(binary, prefix, verdict.mutant));
            verdict.result = runner::run_test(case(lab, verdict.test), &target, &options);
        }
    }
    let problems: Vec<String> = verdicts
        .iter()
        .filter_map(|v| v.problem(mutants, proven_elsewhere))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for test in lab.tests {
        assert!(
            mutants.iter().any(|m| m.caught_by.contains(&test.name)),
            "{} {}: no broken implementation proves this test can fail",
            lab.id(),
            test.name
        );
    }
}

/// How one of the tests that must catch a mutant went.
struct Verdict {
    mutant: &'static str,
    test: &'static str,
    result: TestResult,
}

impl Verdict {
    /// What went wrong, in a sentence, if anything did.
    fn problem<P>(&self, mutants: &[Mutant<P>], proven_elsewhere: &[&str]) -> Option<String> {
        let bug = mutants
            .iter()
            .find(|m| m.name == self.mutant)
            .map_or("", |m| m.bug);
        match self.result.status {
            Status::Skip if proven_elsewhere.contains(&self.test) => None,
            Status::Fail => self
                .result
                .failure
                .as_ref()
                .filter(|f| f.kind == Kind::CheckerError)
                .map(|f| {
                    format!(
                        "mutant {}: checker error in {}: {f:?}",
                        self.mutant, self.test
                    )
                }),
            Status::Skip => Some(format!(
                "mutant {} ({bug}) was skipped by {} {} times: {:?}",
                self.mutant,
                self.test,
                TRIES_WHEN_SKIPPED + 1,
                self.result.failure.as_ref().map(|f| &f.message)
            )),
            // What the test saw, to tell a weak test from a loaded machine.
            _ => Some(format!(
                "mutant {} ({bug}) passed {}; its transcript:\n{}",
                self.mutant,
                self.test,
                self.result
                    .transcript
                    .iter()
                    .map(|e| format!("  {:>6} {:<10} {}", e.at_ms, e.who, e.text))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }
}

fn case(lab: &Lab, name: &str) -> &'static checker::labs::TestCase {
    lab.tests
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("{}: no test {name}", lab.id()))
}

/// Grades `mutants` at once, each on the tests that must catch it.
fn grade_mutants<P: Sync>(
    lab: &Lab,
    binary: &str,
    prefix: &str,
    mutants: &[Mutant<P>],
    options: &Options,
) -> Vec<Verdict> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = mutants
            .iter()
            .map(|mutant| {
                scope.spawn(move || {
                    let target = checker::target_for(&mutant_exe(binary, prefix, mutant.name));
                    mutant
                        .caught_by
                        .iter()
                        .map(|test| Verdict {
                            mutant: mutant.name,
                            test,
                            result: runner::run_test(case(lab, test), &target, options),
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

/// The loopback interface, as the kit's tests share it: tests that grade
/// take it shared, lab 04's full-range scans alone. An flock(2) on a file
/// in the temporary folder, across test binaries and processes (nextest);
/// the kernel lets go of a dead process's hold. (serial_test's file locks
/// kept a count of shared holders in a file: a test run killed while it
/// held one left the count behind, and the next run's lab 04 tests waited
/// for it for ever.)
pub struct LoopbackLock(std::fs::File);

impl LoopbackLock {
    pub fn shared() -> LoopbackLock {
        LoopbackLock::take(libc::LOCK_SH)
    }

    pub fn exclusive() -> LoopbackLock {
        LoopbackLock::take(libc::LOCK_EX)
    }

    fn take(operation: libc::c_int) -> LoopbackLock {
        use std::os::fd::AsRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        let path = std::env::temp_dir().join("socklab-kit-loopback.lock");
        // Made by another user (root, or nobody in .ci/run): read-only is
        // enough to lock it.
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o666)
            .open(&path)
            .or_else(|_| std::fs::File::open(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        loop {
            // SAFETY: flock on a descriptor this File owns.
            if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
                return LoopbackLock(file);
            }
            let error = std::io::Error::last_os_error();
            assert_eq!(
                error.kind(),
                std::io::ErrorKind::Interrupted,
                "flock {}: {error}",
                path.display()
            );
        }
    }
}

/// The tests every lab has: the solution scores full marks (debug and
/// release), the untouched skeleton scores zero, every mutant in
/// `broken-labNN` is caught by the checker tests it names, and every
/// correct variant scores full marks. `$kit` is the lab's module in
/// kit_tests (its MUTANTS and VARIANTS).
///
/// Lab 04's scans of all 65535 loopback ports would connect to the servers
/// other labs' tests start, and be slowed by them: the tests that grade
/// lab 04 take the [`LoopbackLock`] alone (`exclusive`, as the sixth
/// argument), the others share it.
///
/// The labs that share the lock are also graded over IPv6 (`--host ::1`):
/// every test of theirs works on the run's host. Lab 04's tests pick the
/// hosts they scan themselves (IPv4 and IPv6 among them), so it is not.
macro_rules! standard_lab_tests {
    ($lab:expr, $binary:literal, $prefix:literal, $kit:path, $proven_elsewhere:expr) => {
        standard_lab_tests!(@with shared, $lab, $binary, $prefix, $kit, $proven_elsewhere);

        #[test]
        fn solution_scores_full_marks_over_ipv6() {
            let _loopback = common::LoopbackLock::shared();
            common::assert_full_marks_over_ipv6(&$lab);
        }
    };
    ($lab:expr, $binary:literal, $prefix:literal, $kit:path, $proven_elsewhere:expr, exclusive) => {
        standard_lab_tests!(@with exclusive, $lab, $binary, $prefix, $kit, $proven_elsewhere);
    };
    (@with $lock:ident, $lab:expr, $binary:literal, $prefix:literal, $kit:path, $proven_elsewhere:expr) => {
        #[test]
        fn solution_scores_full_marks() {
            let _loopback = common::LoopbackLock::$lock();
            common::assert_full_marks(&$lab, false);
        }

        #[test]
        fn solution_built_in_release_scores_full_marks() {
            let _loopback = common::LoopbackLock::$lock();
            common::assert_full_marks(&$lab, true);
        }

        #[test]
        fn every_correct_variant_scores_full_marks() {
            let _loopback = common::LoopbackLock::$lock();
            use $kit as kit;
            common::assert_variants_full_marks(
                &$lab,
                env!(concat!("CARGO_BIN_EXE_", $binary)),
                $prefix,
                kit::VARIANTS,
            );
        }

        #[test]
        fn skeleton_scores_zero_with_not_implemented() {
            let _loopback = common::LoopbackLock::$lock();
            common::assert_skeleton_not_implemented(&$lab);
        }

        #[test]
        fn every_broken_implementation_is_caught() {
            let _loopback = common::LoopbackLock::$lock();
            use $kit as kit;
            common::assert_mutants_caught(
                &$lab,
                env!(concat!("CARGO_BIN_EXE_", $binary)),
                $prefix,
                kit::MUTANTS,
                $proven_elsewhere,
            );
        }
    };
}

/// Grades each (mutant, test) and checks that the test fails with the hint
/// about that mutant's own mistake (`hint`: a hint's id, or `default`),
/// whose level 1 the report shows.
pub fn assert_hints_follow_the_mistake(
    lab: &Lab,
    binary: &str,
    prefix: &str,
    cases: &[(&str, &str, &str)],
) {
    let options = options();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .iter()
            .map(|&(mutant, test, hint)| {
                let options = &options;
                scope.spawn(move || {
                    let target = checker::target_for(&mutant_exe(binary, prefix, mutant));
                    let case = lab
                        .test(test)
                        .unwrap_or_else(|| panic!("{}: no test {test}", lab.id()));
                    let result = runner::run_test(case, &target, options);
                    let shown = result.hints.first().map(|h| h.to_string());
                    let wanted = checker::hints::by_id(case, hint)
                        .unwrap_or_else(|| panic!("{} {test}: no hint {hint}", lab.id()));
                    if result.status != Status::Fail
                        || result.hint_for != hint
                        || shown.as_deref() != wanted.levels.first().copied()
                    {
                        Some(format!(
                            "mutant {mutant} on {test}: wanted the hint {hint}, got {} ({:?}) \
                             for {:?}",
                            result.hint_for, shown, result.failure
                        ))
                    } else {
                        None
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
