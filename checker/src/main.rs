//! `cargo run -p checker -- lab1`: build the student's lab and grade it.

use std::io::{self, Write};
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
    /// a lab's server under load (`bench lab3`).
    lab: String,

    /// With `bench`: the lab to measure.
    #[arg(value_name = "BENCH_LAB")]
    bench_lab: Option<String>,

    /// Grade the reference solution in solutions/ instead of labs/.
    #[arg(long)]
    solution: bool,

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

    /// Multiply every deadline by this (for slow or loaded machines).
    #[arg(
        long,
        env = "SOCKLAB_TIMEOUT_SCALE",
        default_value_t = 1.0,
        value_name = "FACTOR"
    )]
    timeout_scale: f64,

    /// How many tests run at once.
    #[arg(short, long, default_value_t = 4, value_name = "N")]
    jobs: usize,

    /// How many simulated users, one run for each number.
    #[arg(
        long,
        help_heading = "Benchmark (bench lab3)",
        value_delimiter = ',',
        default_value = "100,1000"
    )]
    users: Vec<usize>,

    /// Messages per second, in total.
    #[arg(long, help_heading = "Benchmark (bench lab3)", default_value_t = 100)]
    rate: u32,

    /// How long each run sends, in seconds.
    #[arg(long, help_heading = "Benchmark (bench lab3)", default_value_t = 5)]
    seconds: u32,
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
  cargo run -p checker -- all --format json     every lab, machine-readable
  cargo run -p checker -- list                  the labs and their tests";

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C or SIGTERM: kill every program we started before leaving.
    let _ = ctrlc::set_handler(|| {
        harness::program::kill_all();
        std::process::exit(130);
    });
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("checker: {message}");
            ExitCode::from(2)
        }
    }
}

/// Returns whether every selected test passed; `Err` when it could not grade.
fn run(cli: &Cli) -> Result<bool, String> {
    if !(cli.timeout_scale.is_finite() && cli.timeout_scale > 0.0) {
        return Err(format!(
            "--timeout-scale must be a positive number, not {}",
            cli.timeout_scale
        ));
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
        jobs: cli.jobs.max(1),
    };
    let style = Style::detect(cli.verbose);
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
        reports
            .push(grade_one(lab, &target, &options, cli.format, style).map_err(|e| e.to_string())?);
    }
    let mut out = io::stdout().lock();
    match cli.format {
        Format::Json => report::json(&mut out, &reports).map_err(|e| e.to_string())?,
        Format::Human if reports.len() > 1 => {
            report::summary_table(&mut out, &reports).map_err(|e| e.to_string())?
        }
        Format::Human => {}
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
    lab: &Lab,
    target: &Target,
    options: &Options,
    format: Format,
    style: Style,
) -> io::Result<LabReport> {
    let mut out = io::stdout().lock();
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

/// `checker bench lab3`: load figures for a chat server.
fn bench(cli: &Cli) -> Result<bool, String> {
    let key = cli
        .bench_lab
        .as_deref()
        .ok_or("bench needs a lab: `checker bench lab3`")?;
    let lab = labs::find(key).ok_or_else(|| unknown_lab(key))?;
    if lab.number != 3 {
        return Err(format!(
            "there is no benchmark for {}; `bench lab3` measures the chat server",
            lab.id()
        ));
    }
    if cli.rate == 0 || cli.seconds == 0 || cli.users.contains(&0) {
        return Err("--rate, --seconds and --users must be above 0".to_string());
    }
    let target = match &cli.exe {
        Some(exe) => target_for(exe),
        None => {
            let exe = checker::compile::build_profile(&lab.package(cli.solution), true, true)?;
            target_for(&exe)
        }
    };
    checker::bench::raise_file_limit();
    println!(
        "bench {} {}: {} (release build)",
        lab.id(),
        lab.title,
        target.shown
    );
    for &users in &cli.users {
        let settings = checker::bench::Settings {
            users,
            rate: cli.rate,
            seconds: cli.seconds,
        };
        let measured = checker::bench::chat(&target, &settings)?;
        println!("  {}", checker::bench::describe(&measured));
    }
    Ok(true)
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
