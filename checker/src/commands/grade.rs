//! `checker grade LAB` (and `checker LAB`): builds the chosen labs,
//! grades them side by side, and writes every report the plan names.

use std::io::{self, Write};

use crate::cli::GradeArgs;
use crate::compile::{self, CargoOutput};
use crate::harness::Commands;
use crate::i18n::{Lang, Text};
use crate::labs::{self, Lab};
use crate::report::plan::{self, Human, Plan};
use crate::report::{self, Format, Style};
use crate::runner::{self, LabReport, Options};
use crate::t;
use crate::{Target, harness};
use anyhow::{anyhow, bail};

/// `checker grade LAB`: returns whether every selected test passed; `Err`
/// when it could not grade.
pub fn run(args: &GradeArgs) -> anyhow::Result<bool> {
    if let Some(dir) = &args.workspace {
        crate::workspace::choose(dir)?;
    }
    let lang = Lang::resolve(args.lang);
    let say = |text: Text| text.render(lang).into_owned();
    if let Some(extra) = &args.extra {
        bail!(say(t!(
            "error-unexpected-argument",
            "unexpected argument {argument}; grade one lab at a time, or `all`",
            argument = format!("{extra:?}")
        )));
    }
    // `all`, one lab, or several with commas (`lab1,lab3`: what the
    // Gradescope autograder grades in one run, one results.json).
    let chosen: Vec<&'static Lab> = match args.lab.as_str() {
        "all" => labs::all().to_vec(),
        keys => crate::cli::find_labs(keys.split(','))
            .map_err(|key| anyhow!(say(super::unknown_lab(key))))?,
    };
    if args.exe.is_some() && chosen.len() > 1 {
        bail!(say(t!(
            "error-exe-one-lab",
            "--exe grades one lab; name it instead of `all`"
        )));
    }
    if args.command_templates().is_some() && chosen.len() > 1 {
        bail!(say(t!(
            "error-commands-one-lab",
            "--server-cmd and --client-cmd grade one lab; name it instead of `all`"
        )));
    }
    for name in &args.test {
        if let Some(error) = no_test(&chosen, name) {
            bail!(say(error));
        }
    }
    let plan = Plan::new(&args.format, args.output.as_deref())?;
    let options = Options {
        tests: args.test.clone(),
        timeout_scale: args.timeout_scale,
        seed: args.seed.unwrap_or_else(random_seed),
        jobs: usize::from(args.jobs),
        host: args.host,
        hints: crate::hints::Shown {
            mode: args.hints,
            memory: Default::default(),
        },
    };
    if args.watch {
        return regrade_on_change(args, &chosen, &plan, &options);
    }
    let graded = grade_and_report(args, &chosen, &plan, &options)?;
    if !graded.unbuilt.is_empty() {
        bail!(say(t!(
            "error-not-compiled",
            "not graded, because they do not compile: {labs}",
            labs = graded.unbuilt.join(", ")
        )));
    }
    if args.command_templates().is_some() {
        if let Some(report) = graded.reports.iter().find(|r| r.counted == 0) {
            bail!(say(t!(
                "error-commands-nothing-ran",
                "none of the selected tests of {lab} could run with the commands given (each starts a program that has no command: see the SKIP lines)",
                lab = &report.lab
            )));
        }
    }
    Ok(graded.reports.iter().all(LabReport::all_passed))
}

/// Why `-t name` picks no test of the chosen labs (`None`: it picks
/// some): the closest names, and the lab's tests when one lab is graded.
fn no_test(chosen: &[&Lab], name: &str) -> Option<Text> {
    let names: Vec<&str> = chosen
        .iter()
        .flat_map(|lab| lab.tests.iter().map(|t| t.name))
        .collect();
    if names.iter().any(|test| runner::picks(name, test)) {
        return None;
    }
    let closest = runner::closest(name, &names);
    let suggestion = match closest.is_empty() {
        true => Text::english(""),
        false => t!(
            "error-no-test-closest",
            " (did you mean {names}?)",
            names = closest.join(", ")
        ),
    };
    Some(match chosen {
        [lab] => t!(
            "error-no-test",
            "{lab} has no test {name}{suggestion}; its tests are {tests}. -t takes a test's exact name, or a pattern with * (-t 'udp-*'), and can be given several times",
            lab = lab.id(),
            name = format!("{name:?}"),
            suggestion = suggestion,
            tests = names.join(", ")
        ),
        _ => t!(
            "error-no-test-any-lab",
            "no lab graded has a test {name}{suggestion}; `checker list` shows every lab's tests. -t takes a test's exact name, or a pattern with * (-t 'udp-*'), and can be given several times",
            name = format!("{name:?}"),
            suggestion = suggestion
        ),
    })
}

/// What one grading run gave.
struct Graded {
    reports: Vec<LabReport>,
    /// The labs that did not compile (their reports say so too).
    unbuilt: Vec<String>,
}

/// `--watch`: grades, then again after every change to the lab's folder
/// (or to the --exe file), until Ctrl-C (whose handler kills what runs).
fn regrade_on_change(
    args: &GradeArgs,
    chosen: &[&'static Lab],
    plan: &Plan,
    options: &Options,
) -> anyhow::Result<bool> {
    let [lab] = chosen else {
        bail!(
            t!(
                "error-watch-one-lab",
                "--watch grades one lab; name it instead of `all`"
            )
            .render(Lang::resolve(args.lang))
            .into_owned()
        );
    };
    let path = match &args.exe {
        Some(exe) => exe.clone(),
        None => crate::workspace::graded().join(lab.folder(args.solution)),
    };
    // Whatever went wrong in a round (a rebuild that had not finished, a
    // file not written), the next change may fix it: keep watching.
    let lang = Lang::resolve(args.lang);
    super::watch::until_ctrl_c(lab, &path, lang, || {
        match grade_and_report(args, chosen, plan, options) {
            Err(error) => t!(
                "watch-not-graded",
                "not graded: {error}",
                error = format!("{error:#}")
            ),
            Ok(graded) if !graded.unbuilt.is_empty() => {
                t!("watch-does-not-compile", "does not compile")
            }
            Ok(graded) => match graded.reports.first() {
                Some(r) => t!(
                    "watch-graded",
                    "{points}/{max} points, {passed}/{counted} tests",
                    points = r.points,
                    max = r.max_points,
                    passed = r.passed,
                    counted = r.counted
                ),
                None => t!("watch-nothing-graded", "nothing graded"),
            },
        }
    })
}
/// Grades the chosen labs once and writes every report of the plan.
fn grade_and_report(
    args: &GradeArgs,
    chosen: &[&'static Lab],
    plan: &Plan,
    options: &Options,
) -> anyhow::Result<Graded> {
    // The human report streams to stdout as tests finish (in colour on a
    // terminal), and into memory, without colour, for a file; both in the
    // language of --lang (or the locale).
    let lang = Lang::resolve(args.lang);
    let say = |text: Text| text.render(lang).into_owned();
    // The levels of each test's hint the student has reached, read anew
    // each round (`checker hint` may have been run in between).
    let hints_file = crate::hints::path();
    let mut options = options.clone();
    if options.hints.mode == crate::hints::Mode::First {
        options.hints.memory = crate::hints::Memory::load(&hints_file);
    }
    let options = &options;
    let mut human = Human {
        stdout: plan
            .human_to_stdout()
            .then(|| Style::detect(args.verbose).in_lang(lang)),
        file: plan.human_to_file().then(|| {
            (
                Vec::new(),
                Style {
                    colour: false,
                    verbose: args.verbose,
                    lang,
                },
            )
        }),
    };
    // Build (or find) every lab's program first; a lab that does not
    // compile gets its report now, at 0 points, and the others are graded.
    let mut slots: Vec<Result<(&'static Lab, Target), LabReport>> = Vec::new();
    let mut unbuilt = Vec::new();
    let commands: Option<Commands> = args.command_templates();
    for &lab in chosen {
        if runner::selected(lab, &args.test).is_empty() {
            continue;
        }
        let target = match (&args.exe, &commands) {
            (_, Some(commands)) => Target::commands(commands.clone()),
            (Some(exe), None) => {
                if !exe.is_file() {
                    bail!(say(t!(
                        "error-no-such-exe",
                        "--exe {path}: no such file",
                        path = exe.display().to_string()
                    )));
                }
                compile::target_for(exe)
            }
            // A lab that does not compile is reported, and the others are
            // still graded; the exit status says that not all could be.
            (None, None) => match compile::build_lab(lab, args.solution, CargoOutput::Echo) {
                Ok(target) => target,
                Err(failure) => {
                    eprintln!("checker: {}", say(failure.message.clone()));
                    unbuilt.push(lab.id());
                    // Machine reports still show the lab, at 0 points,
                    // with cargo's errors: they are read where cargo's
                    // output is not (Gradescope, CI).
                    let cargo = (!failure.output.trim().is_empty()).then(|| {
                        runner::cargo_report(&lab.package(args.solution), &failure.output)
                    });
                    slots.push(Err(LabReport::not_built_by_cargo(
                        lab,
                        &args.test,
                        options.seed,
                        &failure.message,
                        cargo,
                    )));
                    continue;
                }
            },
        };
        slots.push(Ok((lab, target)));
    }
    let built: Vec<(&Lab, &Target)> = slots
        .iter()
        .filter_map(|slot| slot.as_ref().ok().map(|(lab, target)| (*lab, target)))
        .collect();
    let mut graded = grade_streaming(&mut human, &built, options)?.into_iter();
    let reports: Vec<LabReport> = slots
        .into_iter()
        .map(|slot| match slot {
            Ok(_) => graded.next().expect("a report for every lab graded"),
            Err(unbuilt) => unbuilt,
        })
        .collect();
    // Grading is over: nothing a graded program started may touch what
    // comes next.
    harness::program::kill_all();
    harness::sandbox::kill_everything();
    if reports.len() > 1 {
        human.each(|mut out, style| report::summary_table(&mut out, style, &reports))?;
    }
    for (format, file) in &plan.reports {
        let bytes = match format {
            Format::Human => match file {
                None => continue,
                Some(_) => human
                    .file
                    .as_ref()
                    .map(|(b, _)| b.clone())
                    .unwrap_or_default(),
            },
            _ => {
                let mut bytes = Vec::new();
                // Markdown follows --lang; the machine formats are English.
                report::render_in(*format, &mut bytes, &reports, lang)?;
                bytes
            }
        };
        match file {
            Some(path) => plan::write_atomically(path, &bytes)?,
            None => {
                let mut stdout = io::stdout().lock();
                stdout.write_all(&bytes).and_then(|()| stdout.flush())?
            }
        }
    }
    plan::append_step_summary(&reports, lang);
    remember_hints(&hints_file, options.hints.mode, &reports);
    Ok(Graded { reports, unbuilt })
}

/// Remembers which level of each failed test's hint was shown, for
/// `checker hint` and the next grading; an exam (`--hints none`) shows
/// none and leaves them as they were. A state file that cannot be written
/// costs the student the levels reached, not the grading: said, not fatal.
fn remember_hints(path: &std::path::Path, mode: crate::hints::Mode, reports: &[LabReport]) {
    if mode == crate::hints::Mode::None {
        return;
    }
    let mut memory = crate::hints::Memory::load(path);
    for report in reports {
        memory.record(report);
    }
    if let Err(e) = memory.save(path) {
        eprintln!(
            "checker: could not remember the hints shown in {}: {e}",
            path.display()
        );
    }
}

/// Grades the labs side by side (one pool of workers for all their
/// tests), printing each lab's header, test lines and summary in the
/// labs' order: the first lab's lines as soon as they are known, a later
/// lab's once every lab before it is done.
fn grade_streaming(
    human: &mut Human,
    labs: &[(&Lab, &Target)],
    options: &Options,
) -> io::Result<Vec<LabReport>> {
    // What came for a lab whose turn to be printed has not come yet.
    #[derive(Default)]
    struct Kept {
        tests: Vec<runner::TestResult>,
        report: Option<LabReport>,
    }
    let print = |human: &mut Human, event: runner::Graded<'_>| match event {
        runner::Graded::Test(result) => {
            human.each(|mut out, style| report::test_line(&mut out, style, result))
        }
        runner::Graded::Lab(lab_report) => {
            human.each(|mut out, style| report::summary(&mut out, style, lab_report))
        }
    };
    let header = |human: &mut Human, (lab, target): (&Lab, &Target)| {
        human.each(|mut out, style| {
            report::lab_header(
                &mut out,
                style,
                &lab.id(),
                lab.title,
                &target.shown,
                options.seed,
            )
        })
    };
    let mut printed = match labs.first() {
        Some(&first) => header(human, first),
        None => Ok(()),
    };
    let mut current = 0;
    let mut kept: Vec<Kept> = labs.iter().map(|_| Kept::default()).collect();
    let reports = runner::grade_labs(labs, options, |lab, event| {
        if printed.is_err() {
            return;
        }
        if lab != current {
            match event {
                runner::Graded::Test(result) => kept[lab].tests.push(result.clone()),
                runner::Graded::Lab(report) => kept[lab].report = Some(report.clone()),
            }
            return;
        }
        let lab_done = matches!(event, runner::Graded::Lab(_));
        printed = print(human, event);
        if !lab_done {
            return;
        }
        // The next labs' turn: what they have so far, and on while they
        // are done too.
        while printed.is_ok() {
            current += 1;
            let Some(&next) = labs.get(current) else {
                return;
            };
            let Kept { tests, report } = std::mem::take(&mut kept[current]);
            printed = header(human, next);
            for result in &tests {
                if printed.is_ok() {
                    printed = print(human, runner::Graded::Test(result));
                }
            }
            match report {
                Some(report) if printed.is_ok() => {
                    printed = print(human, runner::Graded::Lab(&report));
                }
                _ => return,
            }
        }
    });
    printed?;
    Ok(reports)
}

fn random_seed() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    // Short enough to type back.
    (nanos as u64 ^ std::process::id() as u64) % 1_000_000
}
