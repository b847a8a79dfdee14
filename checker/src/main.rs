//! `cargo run -p checker -- lab1`: build the student's lab and grade it.
//!
//! The command line is in `cli.rs`; this file runs each subcommand.

mod cli;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use checker::harness::Commands;
use checker::i18n::{Lang, Text};
use checker::labs::{self, Lab};
use checker::report::{self, Format, Style};
use checker::runner::{self, LabReport, Options};
use checker::t;
use checker::{Target, harness, target_for};

use cli::{BenchArgs, ClassroomArgs, Command, FormatSpec, GradeArgs};

fn main() -> ExitCode {
    let cli = cli::parse();
    // Orphans of graded programs come back to us, to be killed.
    harness::sandbox::become_subreaper();
    let settings = match &cli.command {
        Command::Grade(args) => Some(args.sandbox.settings()),
        Command::Bench(args) => Some(args.sandbox.settings()),
        Command::List(_) | Command::Classroom(_) | Command::Export(_) | Command::Gradescope(_) => {
            None
        }
    };
    match settings {
        Some(Ok(settings)) => harness::sandbox::configure(settings),
        Some(Err(message)) => {
            eprintln!("checker: {message}");
            return ExitCode::from(2);
        }
        None => {}
    }
    // Ctrl-C or SIGTERM: kill every program we started before leaving.
    let _ = ctrlc::set_handler(|| {
        harness::program::kill_all();
        harness::sandbox::kill_everything();
        std::process::exit(130);
    });
    let result = match &cli.command {
        Command::Grade(args) => grade(args),
        // `list` speaks the language of the environment (LANG and the rest).
        Command::List(args) => list(args),
        Command::Bench(args) => bench(args),
        Command::Classroom(args) => classroom(args),
        Command::Export(args) => export(args),
        Command::Gradescope(args) => gradescope(args),
    };
    // Whatever happened, nothing we started outlives us.
    harness::program::kill_all();
    harness::sandbox::kill_everything();
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("checker: {message}");
            ExitCode::from(2)
        }
    }
}

/// Where each report goes: standard output or a file.
struct Plan {
    /// Formats written once grading is over, with their file (`None`:
    /// standard output).
    reports: Vec<(Format, Option<PathBuf>)>,
}

impl Plan {
    /// Checks `--format` and `--output` together: at most one report goes
    /// to standard output, and `--output` names the file of the one that
    /// has no `=FILE`.
    fn new(specs: &[FormatSpec], output: Option<&Path>) -> Result<Plan, String> {
        let unnamed = specs.iter().filter(|s| s.file.is_none()).count();
        if unnamed > 1 {
            return Err(
                "at most one --format goes to standard output (or --output); \
                        give the others a file: --format human,junit=junit.xml"
                    .to_string(),
            );
        }
        if unnamed == 0 && output.is_some() {
            return Err("--output FILE: every --format already names its file".to_string());
        }
        let reports = specs
            .iter()
            .map(|spec| {
                let file = spec.file.clone().or_else(|| output.map(Path::to_path_buf));
                (spec.format, file)
            })
            .collect::<Vec<_>>();
        let mut files: Vec<&PathBuf> = reports.iter().filter_map(|(_, f)| f.as_ref()).collect();
        files.sort();
        if let Some(twice) = files.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("two reports would go to {}", twice[0].display()));
        }
        Ok(Plan { reports })
    }

    /// How the human report streams, if it goes to standard output.
    fn human_to_stdout(&self) -> bool {
        self.reports.contains(&(Format::Human, None))
    }

    /// Whether the human report also goes to a file.
    fn human_to_file(&self) -> bool {
        self.reports
            .iter()
            .any(|(f, file)| *f == Format::Human && file.is_some())
    }
}

/// `checker grade LAB`: returns whether every selected test passed; `Err`
/// when it could not grade.
fn grade(args: &GradeArgs) -> Result<bool, String> {
    if let Some(dir) = &args.workspace {
        checker::compile::use_workspace(dir)?;
    }
    let lang = Lang::resolve(args.lang);
    let say = |text: Text| text.render(lang).into_owned();
    if let Some(extra) = &args.extra {
        return Err(say(t!(
            "error-unexpected-argument",
            "unexpected argument {argument}; grade one lab at a time, or `all`",
            argument = format!("{extra:?}")
        )));
    }
    // `all`, one lab, or several with commas (`lab1,lab3`: what the
    // Gradescope autograder grades in one run, one results.json).
    let chosen: Vec<&'static Lab> = match args.lab.as_str() {
        "all" => labs::all().to_vec(),
        keys => {
            let mut chosen: Vec<&'static Lab> = Vec::new();
            for key in keys.split(',') {
                let lab = labs::find(key).ok_or_else(|| say(unknown_lab(key)))?;
                if !chosen.iter().any(|c| c.number == lab.number) {
                    chosen.push(lab);
                }
            }
            chosen
        }
    };
    if args.exe.is_some() && chosen.len() > 1 {
        return Err(say(t!(
            "error-exe-one-lab",
            "--exe grades one lab; name it instead of `all`"
        )));
    }
    if args.commands().is_some() && chosen.len() > 1 {
        return Err(say(t!(
            "error-commands-one-lab",
            "--server-cmd and --client-cmd grade one lab; name it instead of `all`"
        )));
    }
    if let Some(filter) = &args.test {
        if chosen
            .iter()
            .all(|lab| runner::selected(lab, Some(filter)).is_empty())
        {
            return Err(say(t!(
                "error-no-test",
                "no test name contains {filter} (`checker list` shows them)",
                filter = format!("{filter:?}")
            )));
        }
    }
    let plan = Plan::new(&args.format, args.output.as_deref())?;
    let options = Options {
        filter: args.test.clone(),
        timeout_scale: args.timeout_scale,
        seed: args.seed.unwrap_or_else(random_seed),
        jobs: usize::from(args.jobs),
        host: args.host,
    };
    if args.watch {
        return watch(args, &chosen, &plan, &options);
    }
    let graded = grade_once(args, &chosen, &plan, &options)?;
    if !graded.unbuilt.is_empty() {
        return Err(say(t!(
            "error-not-compiled",
            "not graded, because they do not compile: {labs}",
            labs = graded.unbuilt.join(", ")
        )));
    }
    if args.commands().is_some() {
        if let Some(report) = graded.reports.iter().find(|r| r.counted == 0) {
            return Err(say(t!(
                "error-commands-nothing-ran",
                "none of the selected tests of {lab} could run with the commands given (each starts a program that has no command: see the SKIP lines)",
                lab = &report.lab
            )));
        }
    }
    Ok(graded.reports.iter().all(LabReport::all_passed))
}

/// What one grading run gave.
struct Graded {
    reports: Vec<LabReport>,
    /// The labs that did not compile (their reports say so too).
    unbuilt: Vec<String>,
}

/// `--watch`: grades, then again after every change to the lab's folder
/// (or to the --exe file), until Ctrl-C (whose handler kills what runs).
fn watch(
    args: &GradeArgs,
    chosen: &[&'static Lab],
    plan: &Plan,
    options: &Options,
) -> Result<bool, String> {
    let [lab] = chosen else {
        return Err("--watch grades one lab; name it instead of `all`".to_string());
    };
    let path = match &args.exe {
        Some(exe) => exe.clone(),
        None => checker::compile::workspace_root().join(lab.folder(args.solution)),
    };
    let watch = checker::watch::Watch::new(&path)?;
    let shown = checker::compile::shown_path(watch.path());
    let mut why = String::from("started");
    for round in 1.. {
        // Whatever went wrong this time (a rebuild that had not finished,
        // a file not written), the next change may fix it: keep watching.
        let result = match grade_once(args, chosen, plan, options) {
            Err(message) => format!("not graded: {message}"),
            Ok(graded) if !graded.unbuilt.is_empty() => "does not compile".to_string(),
            Ok(graded) => match graded.reports.first() {
                Some(r) => format!(
                    "{}/{} points, {}/{} tests",
                    r.points, r.max_points, r.passed, r.counted
                ),
                None => "nothing graded".to_string(),
            },
        };
        eprintln!(
            "[watch {round}] {} {}: {result} ({why}, at {}); watching {shown}, Ctrl-C to stop",
            lab.id(),
            lab.title,
            chrono::Local::now().format("%H:%M:%S")
        );
        let changed = watch.next_change()?;
        why = format!(
            "after a change to {}",
            checker::watch::describe(&changed, watch.folder())
        );
    }
    unreachable!("the loop ends with Ctrl-C")
}

/// Grades the chosen labs once and writes every report of the plan.
fn grade_once(
    args: &GradeArgs,
    chosen: &[&'static Lab],
    plan: &Plan,
    options: &Options,
) -> Result<Graded, String> {
    // The human report streams to stdout as tests finish (in colour on a
    // terminal), and into memory, without colour, for a file; both in the
    // language of --lang (or the locale).
    let lang = Lang::resolve(args.lang);
    let say = |text: Text| text.render(lang).into_owned();
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
    let commands: Option<Commands> = args.commands();
    for &lab in chosen {
        if runner::selected(lab, args.test.as_deref()).is_empty() {
            continue;
        }
        let target = match (&args.exe, &commands) {
            (_, Some(commands)) => Target::commands(commands.clone()),
            (Some(exe), None) => {
                if !exe.is_file() {
                    return Err(say(t!(
                        "error-no-such-exe",
                        "--exe {path}: no such file",
                        path = exe.display().to_string()
                    )));
                }
                target_for(exe)
            }
            // A lab that does not compile is reported, and the others are
            // still graded; the exit status says that not all could be.
            (None, None) => match checker::build_lab(lab, args.solution, true) {
                Ok(target) => target,
                Err(failure) => {
                    eprintln!("checker: {}", failure.message);
                    unbuilt.push(lab.id());
                    // Machine reports still show the lab, at 0 points,
                    // with cargo's errors: they are read where cargo's
                    // output is not (Gradescope, CI).
                    let cargo = (!failure.output.trim().is_empty()).then(|| {
                        runner::cargo_report(&lab.package(args.solution), &failure.output)
                    });
                    slots.push(Err(LabReport::not_built_by_cargo(
                        lab,
                        args.test.as_deref(),
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
    let mut graded = grade_side_by_side(&mut human, &built, options)
        .map_err(|e| e.to_string())?
        .into_iter();
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
        human
            .each(|mut out, style| report::summary_table(&mut out, style, &reports))
            .map_err(|e| e.to_string())?;
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
                report::render_in(*format, &mut bytes, &reports, lang)
                    .map_err(|e| e.to_string())?;
                bytes
            }
        };
        match file {
            Some(path) => write_atomically(path, &bytes)?,
            None => {
                let mut stdout = io::stdout().lock();
                stdout
                    .write_all(&bytes)
                    .and_then(|()| stdout.flush())
                    .map_err(|e| e.to_string())?
            }
        }
    }
    append_step_summary(&reports, lang);
    Ok(Graded { reports, unbuilt })
}

/// On GitHub Actions (GITHUB_STEP_SUMMARY names a file), the markdown
/// summary is appended to the job's summary page; a failure to do so is
/// told, and grading stands.
fn append_step_summary(reports: &[LabReport], lang: Lang) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let mut text = Vec::new();
    let written = report::markdown_in(&mut text, reports, lang).and_then(|()| {
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)?
            .write_all(&text)
    });
    if let Err(e) = written {
        eprintln!(
            "checker: could not append the summary to GITHUB_STEP_SUMMARY ({}): {e}",
            Path::new(&path).display()
        );
    }
}

/// Where the human report goes as it is made.
struct Human {
    stdout: Option<Style>,
    file: Option<(Vec<u8>, Style)>,
}

impl Human {
    fn each(
        &mut self,
        mut write: impl FnMut(&mut dyn Write, Style) -> io::Result<()>,
    ) -> io::Result<()> {
        if let Some(style) = self.stdout {
            let mut stdout = io::stdout().lock();
            write(&mut stdout, style)?;
            stdout.flush()?;
        }
        if let Some((buffer, style)) = &mut self.file {
            write(buffer, *style)?;
        }
        Ok(())
    }
}

/// Grades the labs side by side (one pool of workers for all their
/// tests), printing each lab's header, test lines and summary in the
/// labs' order: the first lab's lines as soon as they are known, a later
/// lab's once every lab before it is done.
fn grade_side_by_side(
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

/// `checker bench labN`: load figures for a lab's programs, from the
/// table in `bench::all()`.
fn bench(args: &BenchArgs) -> Result<bool, String> {
    let known = || {
        checker::bench::all()
            .iter()
            .map(|b| format!("\n  bench lab{}  {}", b.lab, b.about))
            .collect::<String>()
    };
    let key = args
        .lab
        .as_deref()
        .ok_or_else(|| format!("bench needs a lab; the benchmarks are:{}", known()))?;
    let lab = labs::find(key).ok_or_else(|| unknown_lab(key).to_string())?;
    let bench = checker::bench::find(lab.number).ok_or_else(|| {
        format!(
            "there is no benchmark for {}; the benchmarks are:{}",
            lab.id(),
            known()
        )
    })?;
    let target = match &args.exe {
        Some(exe) => target_for(exe),
        None => {
            let exe = checker::compile::build_profile(&lab.package(args.solution), true, true)?;
            target_for(&exe)
        }
    };
    checker::bench::raise_file_limit();
    // A thousand users are two thousand threads: lift the limits that are
    // about runaway programs, not about load.
    harness::sandbox::configure(harness::sandbox::Settings {
        limits: harness::Limits {
            memory: libc::RLIM_INFINITY,
            processes: libc::RLIM_INFINITY,
            // A server under load for minutes uses minutes of CPU.
            cpu_seconds: libc::RLIM_INFINITY,
            open_files: 65_536,
            ..harness::Limits::default()
        },
        pass_env: args.sandbox.pass_env.clone(),
        run_as: harness::sandbox::settings().run_as,
    });
    println!(
        "bench {} {}: {} (release build)",
        lab.id(),
        lab.title,
        target.shown
    );
    (bench.run)(&checker::bench::Options {
        target,
        rounds: args.rounds,
        seconds: args.seconds,
        counts: args.users.iter().map(|&n| n as usize).collect(),
        rate: args.rate,
    })?;
    Ok(true)
}

/// `checker export DIR`: writes the student edition and says what it wrote.
fn export(args: &checker::export::ExportArgs) -> Result<bool, String> {
    let done = checker::export::run(args)?;
    println!(
        "wrote the student edition to {}: {} files, {} lines\n\
         its CI ({}) grades with the checker of {}",
        args.dir.display(),
        done.files,
        done.lines,
        checker::classroom::WORKFLOW_PATH,
        done.grader,
    );
    Ok(true)
}

/// `checker classroom`: writes (or checks) the grading workflow.
fn classroom(args: &ClassroomArgs) -> Result<bool, String> {
    use checker::classroom::{Setup, resolve_grader, setup_of, workflow};
    let path = args.output.clone().unwrap_or_else(|| {
        checker::compile::workspace_root().join(checker::classroom::WORKFLOW_PATH)
    });
    let shown = checker::compile::shown_path(&path);
    if args.check {
        // Made again from what the file says it was made from.
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let Some(setup) = setup_of(&current) else {
            eprintln!(
                "checker: {shown} was not made by `checker classroom` (its first line does not \
                 say what from); write it with `cargo run -p checker -- classroom --grader-repo \
                 OWNER/NAME --grader-ref TAG`"
            );
            return Ok(false);
        };
        if current == workflow(&setup) {
            println!("{shown} is current");
            return Ok(true);
        }
        eprintln!(
            "checker: {shown} is not what the test tables make; regenerate it with \
             `cargo run -p checker -- classroom` (and the options it was made with: its first \
             line)"
        );
        return Ok(false);
    }
    let setup = if args.kit_template {
        Setup::KitTemplate
    } else {
        Setup::Pinned {
            grader: resolve_grader(
                &checker::compile::workspace_root(),
                args.grader_repo.as_deref(),
                args.grader_ref.as_deref(),
                args.grader_sha256.as_deref(),
            )?,
            labs: checker::gradescope_package::chosen_labs(&args.labs)?,
        }
    };
    let text = workflow(&setup);
    if path.as_os_str() == "-" {
        print!("{text}");
        return Ok(true);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    write_atomically(&path, text.as_bytes())?;
    match setup {
        Setup::KitTemplate => println!("wrote {shown}: the kit's template, which grades nothing"),
        Setup::Pinned { grader, labs } => {
            let points: u32 = labs.iter().map(|l| l.max_points()).sum();
            println!(
                "wrote {shown}: {} labs, {points} points, graded by the checker of {}@{} ({})",
                labs.len(),
                grader.repo,
                grader.reference,
                match &grader.sha256 {
                    Some(sha256) => format!("the release asset `checker` with SHA-256 {sha256}"),
                    None => "built from source, no cache".to_string(),
                }
            );
        }
    }
    Ok(true)
}

/// `checker gradescope DIR`: writes the Gradescope autograder.
fn gradescope(args: &checker::gradescope_package::GradescopeArgs) -> Result<bool, String> {
    let written = checker::gradescope_package::write(args)?;
    println!("{}", written.summary());
    Ok(true)
}

/// Writes `bytes` to `path` so that a reader sees the old file or the whole
/// new one, never a part: a temporary file beside it, then rename().
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| format!("--output {}: not a file name", path.display()))?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let fail = |e: io::Error| format!("--output {}: {e}", path.display());
    let mut file = std::fs::File::create(&temporary).map_err(fail)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        fail(e)
    })
}

fn list(args: &cli::ListArgs) -> Result<bool, String> {
    let lang = Lang::resolve(args.lang);
    let chosen: Vec<&Lab> = match &args.lab {
        Some(key) => {
            vec![labs::find(key).ok_or_else(|| unknown_lab(key).render(lang).into_owned())?]
        }
        None => labs::all().to_vec(),
    };
    let mut out = io::stdout().lock();
    let written = (|| -> io::Result<()> {
        for lab in chosen {
            writeln!(
                out,
                "{} {} ({}, {} points): cargo run -p checker -- lab{}",
                lab.id(),
                lab.title,
                lab.folder(false),
                lab.max_points(),
                lab.number
            )?;
            if args.rules {
                write!(out, "{}", labs::rules::list(lab, lang))?;
                continue;
            }
            for test in lab.tests {
                let checks = Text::of_test(&lab.id(), test.name, "checks", test.checks);
                writeln!(
                    out,
                    "  {:<28} {:>2}  {}",
                    test.name,
                    test.points,
                    checks.render(lang)
                )?;
            }
        }
        Ok(())
    })();
    written.map(|()| true).map_err(|e| e.to_string())
}

fn unknown_lab(key: &str) -> Text {
    let known: Vec<String> = labs::all()
        .iter()
        .map(|l| format!("lab{} ({})", l.number, l.name))
        .collect();
    t!(
        "error-no-lab",
        "no lab {key}; the labs are {labs}, or `all` (`checker list` shows them)",
        key = format!("{key:?}"),
        labs = known.join(", ")
    )
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
