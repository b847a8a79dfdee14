//! `cargo run -p checker -- lab1`: build the student's lab and grade it.

use std::io::{self, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use checker::labs::{self, Lab};
use checker::report::{self, Style};
use checker::runner::{self, LabReport, Options};
use checker::{Target, build_target, harness, target_for};
use clap::{Parser, ValueEnum};

/// Grades socklab labs over real TCP: builds your lab, starts your server
/// and client, and checks them with the checker's own scripted peers.
///
/// Exit status: 0 every selected test passed, 1 some test failed, 2 the lab
/// could not be graded (bad arguments, a build failure).
#[derive(Debug, Parser)]
#[command(version, after_help = EXAMPLES)]
struct Cli {
    /// The lab to grade (`lab1`, `1`, `lab01`, `hello`), `all` for every
    /// lab, `list` to list the labs and their tests, or `bench` to measure
    /// a lab's programs under load (`bench lab3`; `bench` alone lists the
    /// benchmarks).
    lab: String,

    /// With `bench`: the lab to measure.
    #[arg(value_name = "BENCH_LAB")]
    bench_lab: Option<String>,

    /// Grade the reference solution in solutions/ instead of labs/.
    #[arg(long)]
    solution: bool,

    /// Grade the labs of the workspace at DIR (a student's repository)
    /// instead of the ones beside this checker. CI builds the instructor's
    /// checker apart and grades the student's labs/ with it.
    #[arg(long, value_name = "DIR")]
    workspace: Option<PathBuf>,

    /// Grade this executable instead of building the lab (it must take the
    /// lab's `server` and `client` arguments).
    #[arg(long, value_name = "PATH", conflicts_with = "solution")]
    exe: Option<PathBuf>,

    /// Run only the tests whose name contains TEXT.
    #[arg(short, long, value_name = "TEXT")]
    test: Option<String>,

    /// Show the transcripts of passing tests too.
    #[arg(short, long)]
    verbose: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Seed for the random choices (printed by every run).
    #[arg(long)]
    seed: Option<u64>,

    /// Multiply every deadline by this (for slow or loaded machines), more
    /// than 0 and at most 100.
    #[arg(
        long,
        env = "SOCKLAB_TIMEOUT_SCALE",
        default_value_t = 1.0,
        value_name = "FACTOR",
        value_parser = parse_scale
    )]
    timeout_scale: f64,

    /// The loopback address to grade on: servers are told to listen there
    /// and the checker's own sockets are bound there. `::1` grades over
    /// IPv6; any address of 127.0.0.0/8 works too. Only loopback addresses:
    /// graded code never reaches beyond this machine.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR", value_parser = parse_host)]
    host: IpAddr,

    /// How many tests run at once (1 to 64).
    #[arg(short, long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    jobs: u16,

    /// Write the report to FILE (atomically, once grading is over) instead
    /// of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Let the graded programs see this environment variable too (they get
    /// only PATH, HOME, LANG, TERM and the lab's own). Repeatable.
    #[arg(long, value_name = "NAME", value_parser = parse_env_name,
          help_heading = "Sandbox (limits for every graded program)")]
    pass_env: Vec<String>,

    /// Address space of each graded program (RLIMIT_AS), e.g. 4G, 512M.
    #[arg(long, value_name = "SIZE", default_value = "4G", value_parser = harness::sandbox::parse_bytes,
          help_heading = "Sandbox (limits for every graded program)")]
    memory_limit: u64,

    /// CPU seconds of each graded program (RLIMIT_CPU).
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86_400),
          help_heading = "Sandbox (limits for every graded program)")]
    cpu_limit: u64,

    /// The largest file a graded program may write (RLIMIT_FSIZE).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = harness::sandbox::parse_bytes,
          help_heading = "Sandbox (limits for every graded program)")]
    file_size_limit: u64,

    /// Processes and threads of your user a graded program may have
    /// (RLIMIT_NPROC; Linux does not apply it to root).
    #[arg(long, value_name = "N", default_value_t = 4096,
          value_parser = clap::value_parser!(u64).range(16..=1_000_000),
          help_heading = "Sandbox (limits for every graded program)")]
    process_limit: u64,

    /// Open files and sockets of each graded program (RLIMIT_NOFILE).
    #[arg(long, value_name = "N", default_value_t = 4096,
          value_parser = clap::value_parser!(u64).range(64..=1_048_576),
          help_heading = "Sandbox (limits for every graded program)")]
    open_files_limit: u64,

    /// How many simulated users, clients or connections: one measurement
    /// for each number (default: the benchmark's own, e.g. 100,1000 for
    /// lab 3).
    #[arg(
        long,
        visible_alias = "clients",
        help_heading = "Benchmark (bench labN)",
        value_delimiter = ',',
        value_name = "N,N,...",
        value_parser = clap::value_parser!(u32).range(1..=100_000)
    )]
    users: Vec<u32>,

    /// Messages or requests per second, in total (default: the
    /// benchmark's own).
    #[arg(long, help_heading = "Benchmark (bench labN)",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    rate: Option<u32>,

    /// How long each measurement runs, in seconds (default: the
    /// benchmark's own).
    #[arg(long, help_heading = "Benchmark (bench labN)",
          value_parser = clap::value_parser!(u32).range(1..=3600))]
    seconds: Option<u32>,

    /// How many times each measurement is made; the summary gives the
    /// median and spread (min–max) of each figure, and says when they are
    /// not to be trusted (a large spread, or a busy machine).
    #[arg(long, help_heading = "Benchmark (bench labN)", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..=100))]
    rounds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

const EXAMPLES: &str = "Examples:
  cargo run --release -p checker -- bench lab3 --solution   load figures for the chat server
  cargo run -p checker -- lab1                  grade labs/01-hello
  cargo run -p checker -- lab1 --test client    only the client's tests
  cargo run -p checker -- lab1 --solution       grade the reference solution
  cargo run -p checker -- lab1 --host ::1       grade over IPv6
  cargo run -p checker -- all --format json     every lab, machine-readable
  cargo run -p checker -- list                  the labs and their tests";

/// `checker export DIR`: the student edition.
#[derive(Debug, Parser)]
#[command(name = "checker export")]
struct ExportCommand {
    #[command(flatten)]
    args: checker::export::ExportArgs,
}

fn main() -> ExitCode {
    if std::env::args_os().nth(1).is_some_and(|a| a == "export") {
        let command = ExportCommand::parse_from(std::env::args_os().skip(1));
        return export(&command.args);
    }
    let cli = Cli::parse();
    // Orphans of graded programs come back to us, to be killed.
    harness::sandbox::become_subreaper();
    harness::sandbox::configure(harness::sandbox::Settings {
        limits: harness::Limits {
            memory: cli.memory_limit,
            cpu_seconds: cli.cpu_limit,
            file_size: cli.file_size_limit,
            processes: cli.process_limit,
            open_files: cli.open_files_limit,
        },
        pass_env: cli.pass_env.clone(),
    });
    // Ctrl-C or SIGTERM: kill every program we started before leaving.
    let _ = ctrlc::set_handler(|| {
        harness::program::kill_all();
        harness::sandbox::kill_everything();
        std::process::exit(130);
    });
    let result = run(&cli);
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

/// Writes the student edition and says what it wrote.
fn export(args: &checker::export::ExportArgs) -> ExitCode {
    match checker::export::run(args) {
        Ok(done) => {
            println!(
                "wrote the student edition to {}: {} files, {} lines\n\
                 its CI grades with the checker of {} ({}; change it with --grader-repo and --grader-ref)",
                args.dir.display(),
                done.files,
                done.lines,
                done.grader,
                checker::export::GRADE_WORKFLOW
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("checker export: {message}");
            ExitCode::from(2)
        }
    }
}

/// Returns whether every selected test passed; `Err` when it could not grade.
fn run(cli: &Cli) -> Result<bool, String> {
    if let Some(dir) = &cli.workspace {
        checker::compile::use_workspace(dir)?;
    }
    if cli.lab != "bench" && cli.bench_lab.is_some() {
        return Err(format!(
            "unexpected argument {:?}; grade one lab at a time, or `all`",
            cli.bench_lab.as_deref().unwrap_or_default()
        ));
    }
    let chosen: Vec<&'static Lab> = match cli.lab.as_str() {
        "list" => return list().map(|()| true).map_err(|e| e.to_string()),
        "bench" => return bench(cli),
        "all" => labs::all().to_vec(),
        key => vec![labs::find(key).ok_or_else(|| unknown_lab(key))?],
    };
    if cli.exe.is_some() && chosen.len() > 1 {
        return Err("--exe grades one lab; name it instead of `all`".to_string());
    }
    if let Some(filter) = &cli.test {
        if chosen
            .iter()
            .all(|lab| runner::selected(lab, Some(filter)).is_empty())
        {
            return Err(format!(
                "no test name contains {filter:?} (`checker list` shows them)"
            ));
        }
    }
    let options = Options {
        filter: cli.test.clone(),
        timeout_scale: cli.timeout_scale,
        seed: cli.seed.unwrap_or_else(random_seed),
        jobs: usize::from(cli.jobs),
        host: cli.host,
    };
    let style = if cli.output.is_some() {
        Style {
            colour: false,
            verbose: cli.verbose,
        }
    } else {
        Style::detect(cli.verbose)
    };
    // The report goes to stdout as it is made, or, with --output, into
    // memory and then into the file once every graded process is dead.
    let mut buffer = Vec::new();
    let mut stdout = io::stdout();
    let out: &mut dyn Write = if cli.output.is_some() {
        &mut buffer
    } else {
        &mut stdout
    };
    let mut reports = Vec::new();
    let mut unbuilt = Vec::new();
    for lab in chosen {
        if runner::selected(lab, cli.test.as_deref()).is_empty() {
            continue;
        }
        let target = match &cli.exe {
            Some(exe) => {
                if !exe.is_file() {
                    return Err(format!("--exe {}: no such file", exe.display()));
                }
                target_for(exe)
            }
            // A lab that does not compile is reported, and the others are
            // still graded; the exit status says that not all could be.
            None => match build_target(lab, cli.solution, true) {
                Ok(target) => target,
                Err(message) => {
                    eprintln!("checker: {message}");
                    unbuilt.push(lab.id());
                    continue;
                }
            },
        };
        reports.push(
            grade_one(out, lab, &target, &options, cli.format, style).map_err(|e| e.to_string())?,
        );
    }
    // Grading is over: nothing a graded program started may touch what
    // comes next.
    harness::program::kill_all();
    harness::sandbox::kill_everything();
    let mut out = out;
    match cli.format {
        Format::Json => report::json(&mut out, &reports).map_err(|e| e.to_string())?,
        Format::Human if reports.len() > 1 => {
            report::summary_table(&mut out, &reports).map_err(|e| e.to_string())?
        }
        Format::Human => {}
    }
    if let Some(path) = &cli.output {
        write_atomically(path, &buffer)?;
    }
    if !unbuilt.is_empty() {
        return Err(format!(
            "not graded, because they do not compile: {}",
            unbuilt.join(", ")
        ));
    }
    Ok(reports.iter().all(LabReport::all_passed))
}

/// Grades one lab, printing each test's line as soon as it is known.
fn grade_one(
    mut out: &mut dyn Write,
    lab: &Lab,
    target: &Target,
    options: &Options,
    format: Format,
    style: Style,
) -> io::Result<LabReport> {
    if format == Format::Human {
        report::lab_header(&mut out, &lab.id(), lab.title, &target.shown, options.seed)?;
    }
    let mut printed = Ok(());
    let report = runner::grade(lab, target, options, |result| {
        if format == Format::Human && printed.is_ok() {
            printed = report::test_line(&mut out, style, result).and_then(|()| out.flush());
        }
    });
    printed?;
    if format == Format::Human {
        report::summary(&mut out, style, &report)?;
    }
    Ok(report)
}

/// `checker bench labN`: load figures for a lab's programs, from the
/// table in `bench::all()`.
fn bench(cli: &Cli) -> Result<bool, String> {
    let known = || {
        checker::bench::all()
            .iter()
            .map(|b| format!("\n  bench lab{}  {}", b.lab, b.about))
            .collect::<String>()
    };
    let key = cli
        .bench_lab
        .as_deref()
        .ok_or_else(|| format!("bench needs a lab; the benchmarks are:{}", known()))?;
    let lab = labs::find(key).ok_or_else(|| unknown_lab(key))?;
    let bench = checker::bench::find(lab.number).ok_or_else(|| {
        format!(
            "there is no benchmark for {}; the benchmarks are:{}",
            lab.id(),
            known()
        )
    })?;
    let target = match &cli.exe {
        Some(exe) => target_for(exe),
        None => {
            let exe = checker::compile::build_profile(&lab.package(cli.solution), true, true)?;
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
            open_files: 65_536,
            ..harness::Limits::default()
        },
        pass_env: cli.pass_env.clone(),
    });
    println!(
        "bench {} {}: {} (release build)",
        lab.id(),
        lab.title,
        target.shown
    );
    (bench.run)(&checker::bench::Options {
        target,
        rounds: cli.rounds,
        seconds: cli.seconds,
        counts: cli.users.iter().map(|&n| n as usize).collect(),
        rate: cli.rate,
    })?;
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

fn parse_scale(text: &str) -> Result<f64, String> {
    let scale: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if scale.is_finite() && scale > 0.0 && scale <= 100.0 {
        Ok(scale)
    } else {
        Err(format!(
            "{text} is out of range: more than 0 and at most 100"
        ))
    }
}

fn parse_host(text: &str) -> Result<IpAddr, String> {
    let host: IpAddr = text.parse().map_err(|_| {
        format!("{text:?} is not an IP address (e.g. 127.0.0.1 or ::1; names are not looked up)")
    })?;
    if host.is_loopback() {
        Ok(host)
    } else {
        Err(format!(
            "{host} is not a loopback address: the checker grades only on this machine \
             (127.0.0.1, any address of 127.0.0.0/8, or ::1)"
        ))
    }
}

fn parse_env_name(text: &str) -> Result<String, String> {
    let valid = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(text.to_string())
    } else {
        Err(format!("{text:?} is not an environment variable name"))
    }
}

fn list() -> io::Result<()> {
    let mut out = io::stdout().lock();
    for lab in labs::all() {
        writeln!(
            out,
            "{} {} ({}, {} points): cargo run -p checker -- lab{}",
            lab.id(),
            lab.title,
            lab.folder(false),
            lab.max_points(),
            lab.number
        )?;
        for test in lab.tests {
            writeln!(
                out,
                "  {:<28} {:>2}  {}",
                test.name, test.points, test.checks
            )?;
        }
    }
    Ok(())
}

fn unknown_lab(key: &str) -> String {
    let known: Vec<String> = labs::all()
        .iter()
        .map(|l| format!("lab{} ({})", l.number, l.name))
        .collect();
    format!(
        "no lab {key:?}; the labs are {}, or `all`, or `list`",
        known.join(", ")
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
