//! Catch rates under load: every lab's mutants and correct variants graded
//! N times, all seven labs at once, with every core kept busy by a busy loop
//! of its own; prints each mutant's catch rate and each variant's
//! full-marks rate, and fails unless every one is N out of N.
//!
//! How many programs are graded at once (`SOCKLAB_STRESS_AT_ONCE`):
//! - `labs` (the default): one program per lab at a time, the seven labs side
//!   by side, as `checker all` grades a student's labs, beside the busy
//!   loops: the load a student's or a runner's machine sees;
//! - `kit`: each lab's programs as many at once as the kit's own tests
//!   grade them (every mutant of a lab at once), a load several times
//!   that, to find what gives way first.
//!
//! A verdict must not depend on the machine's load: the kit's ordinary
//! tests grade each mutant once, so a test that catches its mutant nine
//! times in ten passes there nine times in ten. Run it before trusting a
//! change to a timing or a race:
//!
//! ```sh
//! .ci/stress 20          # or:
//! SOCKLAB_STRESS=20 cargo test -p kit-tests --test stress -- --ignored --nocapture
//! SOCKLAB_STRESS=5 SOCKLAB_STRESS_AT_ONCE=kit .ci/stress
//! SOCKLAB_STRESS_LABS=lab04,lab05 .ci/stress 20   # only those labs
//! ```

#[macro_use]
#[allow(unused_macros)]
mod common;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use checker::harness::Kind;
use checker::labs::Lab;
use checker::runner::{self, Status};
use kit_tests::Mutant;

/// One lab's broken implementations and correct variants, and the binary
/// they are built into.
struct Kit {
    lab: &'static Lab,
    binary: &'static str,
    prefix: &'static str,
    mutants: &'static [Mutant<&'static [kit_tests::Change]>],
    variants: &'static [Mutant<&'static [kit_tests::Change]>],
    /// Tests another kit test proves where they apply (they may be skipped
    /// here: lab 00's privileged port as root).
    proven_elsewhere: &'static [&'static str],
}

fn kits() -> Vec<Kit> {
    use checker::labs::{lab00, lab01, lab02, lab03, lab04, lab05, lab06};
    vec![
        Kit {
            lab: &lab00::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab00"),
            prefix: "lab00-",
            mutants: kit_tests::lab00::MUTANTS,
            variants: kit_tests::lab00::VARIANTS,
            proven_elsewhere: &["privileged-port"],
        },
        Kit {
            lab: &lab01::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab01"),
            prefix: "lab01-",
            mutants: kit_tests::lab01::MUTANTS,
            variants: kit_tests::lab01::VARIANTS,
            proven_elsewhere: &[],
        },
        Kit {
            lab: &lab02::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab02"),
            prefix: "lab02-",
            mutants: kit_tests::lab02::MUTANTS,
            variants: kit_tests::lab02::VARIANTS,
            proven_elsewhere: &[],
        },
        Kit {
            lab: &lab03::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab03"),
            prefix: "lab03-",
            mutants: kit_tests::lab03::MUTANTS,
            variants: kit_tests::lab03::VARIANTS,
            proven_elsewhere: &[],
        },
        Kit {
            lab: &lab04::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab04"),
            prefix: "lab04-",
            mutants: kit_tests::lab04::MUTANTS,
            variants: kit_tests::lab04::VARIANTS,
            proven_elsewhere: &["self-connect"],
        },
        Kit {
            lab: &lab05::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab05"),
            prefix: "lab05-",
            mutants: kit_tests::lab05::MUTANTS,
            variants: kit_tests::lab05::VARIANTS,
            proven_elsewhere: &[],
        },
        Kit {
            lab: &lab06::LAB,
            binary: env!("CARGO_BIN_EXE_broken-lab06"),
            prefix: "lab06-",
            mutants: kit_tests::lab06::MUTANTS,
            variants: kit_tests::lab06::VARIANTS,
            proven_elsewhere: &[],
        },
    ]
}

/// A process that keeps one core busy until dropped.
struct BusyLoop(Child);

impl BusyLoop {
    fn start() -> BusyLoop {
        let child = Command::new("sh")
            .args(["-c", "while :; do :; done"])
            .stdin(Stdio::null())
            .spawn()
            .expect("sh starts");
        BusyLoop(child)
    }
}

impl Drop for BusyLoop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A lab's programs to grade in one round, taken in turn by its workers.
struct Queue<'a> {
    kit: &'a Kit,
    jobs: Vec<(&'static str, &'static Mutant<&'static [kit_tests::Change]>)>,
    next: AtomicUsize,
}

/// What one graded program did in one round: `Ok` as it should (caught,
/// or full marks), `Err` with what went wrong.
type Verdict = Result<(), String>;

/// (lab, "mutant" or "variant", name) -> the rounds it did as it should,
/// and its first miss.
type Tally = BTreeMap<(String, &'static str, &'static str), (u32, Option<String>)>;

/// Grades a mutant on the tests that must catch it: caught if each fails
/// (not by a checker error).
fn grade_mutant(kit: &Kit, mutant: &Mutant<&'static [kit_tests::Change]>) -> Verdict {
    let exe = common::mutant_exe(kit.binary, kit.prefix, mutant.name);
    let target = checker::target_for(&exe);
    let options = common::options();
    for name in mutant.caught_by {
        let case = kit
            .lab
            .tests
            .iter()
            .find(|t| t.name == *name)
            .unwrap_or_else(|| panic!("{}: no test {name}", mutant.name));
        let result = runner::run_test(case, &target, &options);
        match result.status {
            Status::Skip if kit.proven_elsewhere.contains(name) => {}
            Status::Fail
                if result
                    .failure
                    .as_ref()
                    .is_none_or(|f| f.kind != Kind::CheckerError) => {}
            status => return Err(format!("{name}: {status:?} {:?}", result.failure)),
        }
    }
    Ok(())
}

/// Grades a correct variant on every test: full marks.
fn grade_variant(kit: &Kit, variant: &Mutant<&'static [kit_tests::Change]>) -> Verdict {
    let exe = common::mutant_exe(kit.binary, kit.prefix, variant.name);
    let report = checker::grade(kit.lab, &checker::target_for(&exe), &common::options());
    if report.all_passed() {
        Ok(())
    } else {
        Err(common::render(&report))
    }
}

#[test]
#[ignore = "minutes long: SOCKLAB_STRESS=N cargo test -p kit-tests --test stress -- --ignored --nocapture"]
fn every_verdict_holds_under_load() {
    let rounds: u32 = std::env::var("SOCKLAB_STRESS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let kit_load = match std::env::var("SOCKLAB_STRESS_AT_ONCE").as_deref() {
        Ok("kit") => true,
        Ok("labs") | Err(_) => false,
        Ok(other) => panic!("SOCKLAB_STRESS_AT_ONCE={other}: `labs` or `kit`"),
    };
    // SOCKLAB_STRESS_LABS=lab04,lab05: only those labs (a change to one).
    let only = std::env::var("SOCKLAB_STRESS_LABS").unwrap_or_default();
    let kits: Vec<Kit> = kits()
        .into_iter()
        .filter(|kit| only.is_empty() || only.split(',').any(|id| id.trim() == kit.lab.id()))
        .collect();
    assert!(
        !kits.is_empty(),
        "SOCKLAB_STRESS_LABS={only}: no such lab (lab00 … lab06)"
    );
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let tally: Mutex<Tally> = Mutex::new(BTreeMap::new());
    let started = Instant::now();
    for round in 1..=rounds {
        let _busy: Vec<BusyLoop> = (0..cores).map(|_| BusyLoop::start()).collect();
        let round_started = Instant::now();
        // Every lab at once; each lab's programs one at a time, or as many
        // at once as the kit grades them (common::at_once).
        let queues: Vec<Queue> = kits
            .iter()
            .map(|kit| Queue {
                kit,
                jobs: kit
                    .mutants
                    .iter()
                    .map(|m| ("mutant", m))
                    .chain(kit.variants.iter().map(|v| ("variant", v)))
                    .collect(),
                next: AtomicUsize::new(0),
            })
            .collect();
        std::thread::scope(|scope| {
            for queue in &queues {
                let Queue { kit, jobs, next } = queue;
                let (kit, tally) = (*kit, &tally);
                let workers = if kit_load {
                    common::at_once(kit.lab, jobs.len())
                } else {
                    1
                };
                for _ in 0..workers {
                    scope.spawn(move || {
                        while let Some(&(kind, program)) =
                            jobs.get(next.fetch_add(1, Ordering::Relaxed))
                        {
                            let verdict = match kind {
                                "mutant" => grade_mutant(kit, program),
                                _ => grade_variant(kit, program),
                            };
                            let mut tally = tally.lock().unwrap_or_else(|p| p.into_inner());
                            let entry = tally
                                .entry((kit.lab.id(), kind, program.name))
                                .or_insert((0, None));
                            match verdict {
                                Ok(()) => entry.0 += 1,
                                Err(why) => {
                                    entry.1.get_or_insert(format!("round {round}: {why}"));
                                }
                            }
                        }
                    });
                }
            }
        });
        eprintln!(
            "stress: round {round}/{rounds} in {:.1} s",
            round_started.elapsed().as_secs_f64()
        );
    }
    let tally = tally.into_inner().unwrap();
    let mut misses = Vec::new();
    println!(
        "\n{rounds} rounds, all labs at once ({}), {cores} busy loops, in {:.0} s",
        if kit_load {
            "each lab's programs at once"
        } else {
            "one program per lab at a time"
        },
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<6} {:<8} {:<36} {:>7}",
        "lab", "kind", "program", "as due"
    );
    for ((lab, kind, name), (good, miss)) in &tally {
        let rate = format!("{good}/{rounds}");
        println!("{lab:<6} {kind:<8} {name:<36} {rate:>7}");
        if let Some(miss) = miss {
            misses.push(format!("{lab} {kind} {name} ({rate}): {miss}"));
        }
    }
    let mutants = tally.keys().filter(|(_, k, _)| *k == "mutant").count();
    println!(
        "{mutants} mutants, {} variants; {} not as due in every round",
        tally.len() - mutants,
        misses.len()
    );
    assert!(misses.is_empty(), "\n{}", misses.join("\n\n"));
}
