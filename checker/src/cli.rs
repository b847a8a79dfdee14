//! The checker's command line: clap subcommands, each with its own `--help`.
//!
//! `checker lab3 [OPTIONS]` is short for `checker grade lab3 [OPTIONS]`:
//! [`parse`] inserts `grade` when the first argument is not a subcommand, so
//! what students type keeps working and `--help` can describe every command.

use std::ffi::OsString;
use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser};

use crate::harness;
use crate::harness::{Commands, Template};
use crate::i18n::Lang;
use crate::labs::{self, Lab};
use crate::report::Format;
use crate::report::plan::FormatSpec;

/// Grades socklab labs over real TCP: builds your lab, starts your server
/// and client, and checks them with the checker's own scripted peers.
///
/// `checker LAB [OPTIONS]` is short for `checker grade LAB [OPTIONS]`.
///
/// Exit status: 0 every selected test passed, 1 some test failed, 2 the lab
/// could not be graded (bad arguments, a build failure).
#[derive(Debug, Parser)]
#[command(
    version,
    after_help = EXAMPLES,
    arg_required_else_help = true,
    override_usage = "checker <COMMAND> [OPTIONS]\n       checker <LAB> [OPTIONS]   (short for `checker grade <LAB> [OPTIONS]`)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Subcommand,
}

/// The subcommands; each runs in its module of [`crate::commands`].
#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// Grade a lab (`checker lab1` is short for `checker grade lab1`).
    #[command(after_help = GRADE_EXAMPLES)]
    Grade(Box<GradeArgs>),
    /// List the labs and their tests, with points; `--rules`: the rules
    /// of each handout and the tests that check them.
    List(ListArgs),
    /// Measure a lab's programs under load (release build).
    #[command(after_help = BENCH_EXAMPLES)]
    Bench(BenchArgs),
    /// Write the GitHub Classroom autograding workflow, made from the
    /// checker's test tables (a runner per lab, each test its own points).
    Classroom(ClassroomArgs),
    /// Show the next level of a failed test's hint: where in the code to
    /// look, then the fix.
    #[command(after_help = HINT_EXAMPLES)]
    Hint(HintArgs),
    /// Write the student edition of the kit to DIR: labs, checker, docs and
    /// the CI workflows, without solutions/ or the kit's own tests.
    Export(ExportArgs),
    /// Write a Gradescope autograder (setup.sh, run_autograder, the
    /// instructor's checker and the skeletons) into DIR, or a zip to upload.
    #[command(after_help = GRADESCOPE_EXAMPLES)]
    Gradescope(GradescopeArgs),
    /// Grade a whole class at a deadline (`class grade`), merge the
    /// shards of a CI run (`class merge`), or write the CI workflow that
    /// grades the class in shards (`class workflow`).
    #[command(subcommand)]
    Class(ClassCommand),
}

/// `checker class ...`: the instructor's grading of a whole class.
#[derive(Debug, clap::Subcommand)]
pub enum ClassCommand {
    /// Grade every repository of a roster at the last commit before the
    /// deadline: a gradebook CSV, each student's JSON report and the class
    /// report (class.html) in --out.
    #[command(after_help = CLASS_EXAMPLES)]
    Grade(Box<ClassGradeArgs>),
    /// Merge the folders that shards of `class grade` wrote (a CI
    /// matrix's artifacts) into one gradebook and class report.
    Merge(ClassMergeArgs),
    /// Write the GitHub Actions workflow that grades the class in shards
    /// on the instructor's repository.
    Workflow(ClassWorkflowArgs),
}

/// The gradebook's columns (`--csv`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum CsvFlavour {
    /// Every column: student, repository, commit, its time, points per
    /// lab, total, late commits, what went wrong.
    Plain,
    /// Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID,
    /// Section, then a column of points per lab and the total.
    Canvas,
    /// Moodle's grade import: an identifier column to map users by, then
    /// a column of points per lab and the total.
    Moodle,
}

/// `checker class grade ROSTER --labs ... --deadline ...`
#[derive(Debug, Args)]
pub struct ClassGradeArgs {
    /// The roster: GitHub Classroom's grades CSV (with
    /// `student_repository_url`, `github_username`, `roster_identifier`),
    /// or a list of repository URLs or local paths, one per line.
    #[arg(value_name = "ROSTER")]
    pub roster: PathBuf,

    /// The labs of the assignment, comma-separated (`lab1,lab3`).
    #[arg(
        long,
        value_name = "LAB,LAB,...",
        value_delimiter = ',',
        required = true
    )]
    pub labs: Vec<String>,

    /// The deadline, RFC 3339 (`2026-12-07T23:59:00+01:00`): each
    /// repository is graded at the last commit of its default branch whose
    /// committer time is at or before it.
    #[arg(long, value_name = "TIME", value_parser = parse_deadline)]
    pub deadline: chrono::DateTime<chrono::FixedOffset>,

    /// The folder of the outputs (gradebook.csv, class.json, class.html,
    /// students/, results/) and of the clones (cache/).
    #[arg(long, value_name = "DIR", default_value = "class")]
    pub out: PathBuf,

    /// How many repositories are graded at once.
    #[arg(short, long, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,

    /// How many tests of one repository run at once (`grade --jobs`).
    #[arg(long, default_value_t = 2, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub test_jobs: u16,

    /// Wall-clock limit of one repository's grading (its build and every
    /// lab), in seconds; past it, the grading is killed and its row says so.
    #[arg(long, default_value_t = 1800, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(10..=86_400))]
    pub repo_timeout: u64,

    /// Grade again what was already graded at the same commit with the
    /// same checker and labs.
    #[arg(long)]
    pub force: bool,

    /// The gradebook's columns: plain, canvas or moodle.
    #[arg(long, value_enum, default_value = "plain")]
    pub csv: CsvFlavour,

    /// Grade only shard I of N (`0/4`): the roster's entries whose place
    /// in it, counted from 0, is I modulo N. A CI matrix runs one per job.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,

    /// Multiply every deadline of the tests by this (`grade --timeout-scale`).
    #[arg(
        long,
        env = "SOCKLAB_TIMEOUT_SCALE",
        default_value_t = 1.0,
        value_name = "FACTOR",
        value_parser = parse_scale
    )]
    pub timeout_scale: f64,

    /// A workspace you trust (the kit, or the student edition you handed
    /// out) whose labs' registry dependencies (clap, chrono, …) are built
    /// once and copied into each repository's own target folder, so that
    /// only the student's crates are compiled per repository. Default: the
    /// kit the checker was built in, if it is there; without one, every
    /// repository builds them all again.
    #[arg(long, value_name = "DIR")]
    pub deps_from: Option<PathBuf>,

    /// The language of its messages: `en` or `pl` (default: from LC_ALL,
    /// LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,

    #[command(flatten)]
    pub sandbox: SandboxArgs,
}

/// `checker class merge --out DIR SHARD...`
#[derive(Debug, Args)]
pub struct ClassMergeArgs {
    /// The folders `class grade --shard` wrote (each with results/).
    #[arg(value_name = "SHARD_DIR", required = true)]
    pub shards: Vec<PathBuf>,

    /// Where the merged gradebook, class.json, class.html and students/ go.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// The gradebook's columns: plain, canvas or moodle.
    #[arg(long, value_enum, default_value = "plain")]
    pub csv: CsvFlavour,

    /// The language of its messages: `en` or `pl` (default: from LC_ALL,
    /// LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// `checker class workflow`
#[derive(Debug, Args)]
pub struct ClassWorkflowArgs {
    /// Where to write the workflow (`-`: standard output).
    #[arg(
        long,
        value_name = "FILE",
        default_value = ".github/workflows/grade-class.yml"
    )]
    pub output: PathBuf,

    /// The roster, as a path inside the instructor's repository.
    #[arg(long, value_name = "PATH", default_value = "roster.csv", value_parser = parse_repo_path)]
    pub roster: String,

    /// The labs of the assignment (`lab1,lab3`).
    #[arg(
        long,
        value_name = "LAB,LAB,...",
        value_delimiter = ',',
        required = true
    )]
    pub labs: Vec<String>,

    /// The deadline, RFC 3339.
    #[arg(long, value_name = "TIME", value_parser = parse_deadline)]
    pub deadline: chrono::DateTime<chrono::FixedOffset>,

    /// How many jobs grade the roster, each its share.
    #[arg(long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub shards: u16,

    #[command(flatten)]
    pub grader: GraderArgs,

    /// The gradebook's columns: plain, canvas or moodle.
    #[arg(long, value_enum, default_value = "plain")]
    pub csv: CsvFlavour,
}

/// `checker list [LAB] [--rules]`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this lab (`lab2`, `2`, `rps`); every lab if not given.
    pub lab: Option<String>,

    /// Show each rule of the handout (its id, what it requires) and the
    /// tests that check it, instead of the tests.
    #[arg(long)]
    pub rules: bool,

    /// The language: `en` or `pl` (default: from LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// `checker hint LAB [TEST]`.
#[derive(Debug, Args)]
pub struct HintArgs {
    /// The lab (`lab5`, `5`, `time`).
    pub lab: String,

    /// The test (its exact name, as the report shows it); default: the
    /// first test that failed when the lab was last graded.
    pub test: Option<String>,

    /// The workspace whose last grading it is (as `grade --workspace`).
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// The language: `en` or `pl` (default: from LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// What grading takes: `checker grade LAB [OPTIONS]`.
#[derive(Debug, Args)]
pub struct GradeArgs {
    /// The lab to grade: `lab1`, `1`, `lab01`, `hello`, `01-hello`, or `all`
    /// for every lab; several with commas (`lab1,lab3`).
    pub lab: String,

    /// Grading takes one lab (or `all`); a second name is an error.
    #[arg(hide = true)]
    pub extra: Option<String>,

    /// Grade the reference solution in solutions/ instead of labs/.
    #[arg(long)]
    pub solution: bool,

    /// Grade the labs of the workspace at DIR (a student's repository)
    /// instead of the ones beside this checker. CI builds the instructor's
    /// checker apart and grades the student's labs/ with it.
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// Grade this executable instead of building the lab (it must take the
    /// lab's `server` and `client` arguments).
    #[arg(long, value_name = "PATH", conflicts_with = "solution")]
    pub exe: Option<PathBuf>,

    /// Grade a server written in any language: the command that starts
    /// it, with {host} and {port} where it takes them and {args} where the
    /// lab's other flags go (--once, --udp; appended if there is no
    /// {args}). Split like a shell splits it, run without one. E.g.
    /// 'python3 -u server.py {host} {port} {args}'.
    #[arg(long, value_name = "COMMAND", value_parser = parse_command,
          conflicts_with_all = ["solution", "exe", "watch"], help_heading = "Any language")]
    pub server_cmd: Option<Template>,

    /// Grade a client written in any language, as --server-cmd does: the
    /// client's {host} and {port} are the server's to connect to, {args}
    /// its other flags (--message Time). Tests of a role without a command
    /// are skipped.
    #[arg(long, value_name = "COMMAND", value_parser = parse_command,
          conflicts_with_all = ["solution", "exe", "watch"], help_heading = "Any language")]
    pub client_cmd: Option<Template>,

    /// Run only the test NAME (`checker list LAB` shows the names);
    /// several `-t` run several tests. A NAME with `*` is a pattern, `*`
    /// standing for any text: `-t 'udp-*'`.
    #[arg(short, long, value_name = "NAME")]
    pub test: Vec<String>,

    /// Show the transcripts of passing tests too.
    #[arg(short, long)]
    pub verbose: bool,

    /// Report format, and where it goes: FMT to standard output (at most
    /// one), FMT=FILE into FILE once grading is over (atomically).
    /// Repeatable or comma-separated: `--format human,junit=junit.xml`.
    /// FMT is human, json, junit, markdown, gradescope or classroom (the
    /// base64 `result` of a GitHub Classroom runner step).
    #[arg(long, value_name = "FMT[=FILE]", value_delimiter = ',',
          default_value = "human", value_parser = parse_format_spec)]
    pub format: Vec<FormatSpec>,

    /// Write the report that has no `=FILE` into FILE (atomically, once
    /// grading is over) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The language of the human and markdown reports (hints, messages, the
    /// summary): `pl` for Polish. Default: from LC_ALL, LC_MESSAGES or LANG
    /// (Polish if it starts with `pl`), else English. JSON, JUnit,
    /// Gradescope and Classroom reports are always English.
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// Which hints a failed test shows: `first`, the first level of the
    /// hint for its failure (or the level reached with `checker hint`),
    /// `all` every level, `none` no hint at all (an exam).
    #[arg(long, value_enum, value_name = "WHICH", default_value = "first")]
    pub hints: crate::hints::Mode,

    /// Re-grade whenever a file of the lab's folder changes (or the --exe
    /// file is rebuilt), with a one-line status after each run, until
    /// Ctrl-C.
    #[arg(long)]
    pub watch: bool,

    /// Seed for the random choices (printed by every run).
    #[arg(long)]
    pub seed: Option<u64>,

    /// Multiply every deadline by this (for slow or loaded machines), more
    /// than 0 and at most 100.
    #[arg(
        long,
        env = "SOCKLAB_TIMEOUT_SCALE",
        default_value_t = 1.0,
        value_name = "FACTOR",
        value_parser = parse_scale
    )]
    pub timeout_scale: f64,

    /// The loopback address to grade on: servers are told to listen there
    /// and the checker's own sockets are bound there. `::1` grades over
    /// IPv6; any address of 127.0.0.0/8 works too. Only loopback addresses:
    /// graded code never reaches beyond this machine.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR", value_parser = parse_host)]
    pub host: IpAddr,

    /// How many tests run at once (1 to 64).
    #[arg(short, long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,

    #[command(flatten)]
    pub sandbox: SandboxArgs,
}

/// Limits for every graded program, shared by `grade` and `bench`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Sandbox (limits for every graded program)")]
pub struct SandboxArgs {
    /// Let the graded programs see this environment variable too (they get
    /// only PATH, HOME, LANG, TERM and the lab's own). Repeatable.
    #[arg(long, value_name = "NAME", value_parser = parse_env_name)]
    pub pass_env: Vec<String>,

    /// Address space of each graded program (RLIMIT_AS), e.g. 4G, 512M.
    #[arg(long, value_name = "SIZE", default_value = "4G", value_parser = harness::sandbox::parse_bytes)]
    pub memory_limit: u64,

    /// CPU seconds of each graded program (RLIMIT_CPU).
    #[arg(long, value_name = "SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub cpu_limit: u64,

    /// The largest file a graded program may write (RLIMIT_FSIZE).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = harness::sandbox::parse_bytes)]
    pub file_size_limit: u64,

    /// Processes and threads of your user a graded program may have
    /// (RLIMIT_NPROC; Linux does not apply it to root).
    #[arg(long, value_name = "N", default_value_t = 4096,
          value_parser = clap::value_parser!(u64).range(16..=1_000_000))]
    pub process_limit: u64,

    /// When the checker runs as root: the user that builds the student's
    /// lab (its build script too) and runs every graded program, so that
    /// none of it can reach the checker or its report. Default: nobody.
    /// `--run-as root` builds and runs them as root: only code you trust.
    /// Only root can name another user.
    #[arg(long, value_name = "USER", env = "SOCKLAB_RUN_AS")]
    pub run_as: Option<String>,

    /// Open files and sockets of each graded program (RLIMIT_NOFILE).
    #[arg(long, value_name = "N", default_value_t = 4096,
          value_parser = clap::value_parser!(u64).range(64..=1_048_576))]
    pub open_files_limit: u64,
}

impl GradeArgs {
    /// The command templates given (`--server-cmd`, `--client-cmd`), if any.
    pub fn command_templates(&self) -> Option<Commands> {
        (self.server_cmd.is_some() || self.client_cmd.is_some()).then(|| Commands {
            server: self.server_cmd.clone(),
            client: self.client_cmd.clone(),
        })
    }
}

impl SandboxArgs {
    pub fn settings(&self) -> Result<harness::sandbox::Settings, String> {
        // SAFETY: geteuid has no preconditions.
        let euid = unsafe { libc::geteuid() };
        Ok(harness::sandbox::Settings {
            run_as: harness::sandbox::RunAs::choose(self.run_as.as_deref(), euid)?,
            limits: harness::Limits {
                memory: self.memory_limit,
                cpu_seconds: self.cpu_limit,
                file_size: self.file_size_limit,
                processes: self.process_limit,
                open_files: self.open_files_limit,
            },
            pass_env: self.pass_env.clone(),
        })
    }
}

/// What a benchmark takes: `checker bench LAB [OPTIONS]`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The lab to measure (`lab3`); without it, the benchmarks are listed.
    pub lab: Option<String>,

    /// Measure the reference solution in solutions/ instead of labs/.
    #[arg(long)]
    pub solution: bool,

    /// Measure this executable instead of building the lab.
    #[arg(long, value_name = "PATH", conflicts_with = "solution")]
    pub exe: Option<PathBuf>,

    /// Measure this server too, beside the first (e.g. your build beside
    /// the reference's), with the same load; both on one chart with
    /// --plot.
    #[arg(long, value_name = "EXE")]
    pub vs: Option<PathBuf>,

    /// Draw the latency distribution and the share delivered of every
    /// server and users count in an SVG file (lab 3).
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,

    /// How many simulated users, clients or connections: one measurement
    /// for each number (default: the benchmark's own, e.g. 100,1000 for
    /// lab 3).
    #[arg(
        long,
        visible_alias = "clients",
        value_delimiter = ',',
        value_name = "N,N,...",
        value_parser = clap::value_parser!(u32).range(1..=100_000)
    )]
    pub users: Vec<u32>,

    /// Messages or requests per second, in total (default: the
    /// benchmark's own).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rate: Option<u32>,

    /// How long each measurement runs, in seconds (default: the
    /// benchmark's own).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub seconds: Option<u32>,

    /// How many times each measurement is made; the summary gives the
    /// median and spread (min–max) of each figure, and says when they are
    /// not to be trusted (a large spread, or a busy machine).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub rounds: u32,

    #[command(flatten)]
    pub sandbox: SandboxArgs,
}

/// What `checker classroom` takes.
#[derive(Debug, Args)]
pub struct ClassroomArgs {
    /// Where to write the workflow (`-`: standard output) [default:
    /// .github/workflows/classroom.yml in the kit's workspace].
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write nothing; exit 1 if the file is not what the test tables make.
    #[arg(long)]
    pub check: bool,

    #[command(flatten)]
    pub grader: GraderArgs,

    /// The labs the assignment grades, comma-separated (`lab1,lab3`);
    /// default: every lab. The check passes when their tests pass.
    #[arg(long, value_name = "LAB,LAB,...", value_delimiter = ',')]
    pub labs: Vec<String>,

    /// Which hints the gradings show (`checker grade --hints`): `none` for
    /// an exam, `first` (the default) or `all`.
    #[arg(long, value_enum, value_name = "WHICH", default_value = "first")]
    pub hints: crate::hints::Mode,

    /// Write the kit's own copy, which names no grader and grades nothing.
    #[arg(long, conflicts_with_all = ["grader_repo", "grader_ref", "grader_sha256", "labs"])]
    pub kit_template: bool,
}

/// The instructor's checker a generated workflow grades with: `classroom`,
/// `export` and `class workflow` take the same three options.
#[derive(Debug, Clone, Args)]
pub struct GraderArgs {
    /// The GitHub repository (OWNER/NAME) the workflow takes your checker
    /// from: the student edition's own repository will do (it has your
    /// checker and no solutions) [default: the `origin` of the git
    /// checkout the workflow is written from (for `export`: of DIR), if it
    /// is on GitHub].
    #[arg(long, value_name = "OWNER/NAME", value_parser = parse_repo)]
    pub grader_repo: Option<String>,

    /// The tag or commit of that repository, e.g. the tag you will put on
    /// the edition's commit once pushed [default: HEAD's tag, or its
    /// commit, once a branch of `origin` has it].
    #[arg(long, value_name = "TAG|COMMIT", value_parser = parse_ref)]
    pub grader_ref: Option<String>,

    /// The SHA-256 of the release asset `checker` of that tag: the workflow
    /// downloads it and grades only with that very file. Without it, the
    /// workflow builds the checker from the repository at the tag or commit.
    #[arg(long, value_name = "HEX", value_parser = parse_sha256)]
    pub grader_sha256: Option<String>,
}

/// `checker export DIR`
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The folder to write the edition to: new, empty, or holding only a
    /// `.git` (a fresh clone of the repository it goes to).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    #[command(flatten)]
    pub grader: GraderArgs,

    /// The labs the workflow grades (`lab1,lab3`); default: every lab.
    #[arg(long, value_name = "LAB,LAB,...", value_delimiter = ',')]
    pub labs: Vec<String>,

    /// Which hints the workflow's gradings show: `none` for an exam,
    /// `first` (the default) or `all`.
    #[arg(long, value_enum, value_name = "WHICH", default_value = "first")]
    pub hints: crate::hints::Mode,
}

/// `checker gradescope DIR`
#[derive(Debug, Clone, Args)]
pub struct GradescopeArgs {
    /// The folder to write the autograder to (new, or empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// The labs graded, comma-separated (`lab1,lab3`); default: every lab.
    #[arg(long, value_name = "LAB,LAB,...", value_delimiter = ',')]
    pub labs: Vec<String>,

    /// Also write the zip to upload to Gradescope (the files at its root,
    /// as Gradescope wants them).
    #[arg(long, value_name = "FILE")]
    pub zip: Option<PathBuf>,

    /// The Rust toolchain setup.sh installs [default: the version of the
    /// `rustc` on this machine, which the kit was tested with].
    #[arg(long, value_name = "VERSION", value_parser = parse_toolchain)]
    pub toolchain: Option<String>,

    /// Multiply every deadline by this when grading on Gradescope, whose
    /// default is half a CPU per submission.
    #[arg(long, value_name = "FACTOR", default_value_t = 2.0,
          value_parser = parse_scale)]
    pub timeout_scale: f64,

    /// Which hints the results show the students: `none` for an exam,
    /// `first` (the default) or `all`.
    #[arg(long, value_enum, value_name = "WHICH", default_value = "first")]
    pub hints: crate::hints::Mode,
}

pub const EXAMPLES: &str = "Examples:
  cargo run -p checker -- lab1                  grade labs/01-hello
  cargo run -p checker -- lab1 --test hello     only the test `hello`
  cargo run -p checker -- lab1 -t 'client-*'    only the client's tests
  cargo run -p checker -- lab1 --solution       grade the reference solution
  cargo run -p checker -- lab1 --host ::1       grade over IPv6
  cargo run -p checker -- lab3 --watch          re-grade labs/03-chat on every save
  cargo run -p checker -- all --format json     every lab, machine-readable
  cargo run -p checker -- all --format human,junit=junit.xml,markdown=summary.md
  cargo run -p checker -- list                  the labs and their tests
  cargo run --release -p checker -- bench lab3 --solution   load figures for the chat server
  cargo run -p checker -- classroom --grader-repo uni/net --grader-ref v1   write .github/workflows/classroom.yml
  cargo run -p checker -- export ../student --grader-repo uni/net --grader-ref v1   the student edition
  cargo run -p checker -- gradescope out/gs --zip out/autograder.zip   a Gradescope autograder";

const GRADE_EXAMPLES: &str = "Examples:
  cargo run -p checker -- lab1                  same as `checker grade lab1`
  cargo run -p checker -- grade lab1 -t hello -t time   only these two tests
  cargo run -p checker -- grade lab1 -t 'client-*'      only the client's tests
  cargo run -p checker -- lab3 --watch          re-grade on every save, until Ctrl-C
  cargo run -p checker -- all --format human,junit=junit.xml,gradescope=results.json
  cargo run -p checker -- lab1 --server-cmd 'python3 -u server.py {host} {port} {args}'
                                                grade a server written in Python

When GITHUB_STEP_SUMMARY is set (GitHub Actions), the markdown summary is
appended to that file too.";

const HINT_EXAMPLES: &str = "Examples:
  cargo run -p checker -- lab5                  grade: each failed test shows level 1 of its hint
  cargo run -p checker -- hint lab5             the next level for the first failed test
  cargo run -p checker -- hint lab5 client-tcp  the next level for that test

Each test's levels are remembered (in target/socklab-hints.json): grading
shows the level reached, until the test fails in another way (level 1
again) or passes.";

const GRADESCOPE_EXAMPLES: &str = "Examples:
  cargo run -p checker -- gradescope out/gradescope --zip out/lab1.zip --labs lab1
  cargo run -p checker -- gradescope out/gradescope           every lab, a folder to zip yourself

Upload the zip on the assignment's Configure Autograder page; see the
README.md written beside setup.sh.";

const CLASS_EXAMPLES: &str = "Examples:
  checker class grade roster.csv --labs lab1,lab2 --deadline 2026-12-07T23:59:00+01:00 --out class -j 2
  checker class grade repos.txt --labs lab3 --deadline 2026-12-14T12:00:00Z --csv canvas
  checker class merge --out class shard-0 shard-1 shard-2

The roster is GitHub Classroom's grades CSV (Download grades on the
assignment's page) or a list of repository URLs or paths, one per line.
Clones are fetched with plain git: its credentials are yours (an SSH key,
a credential helper). Run again: what was graded at the same commit with
the same checker is kept (--force grades it again).";

const BENCH_EXAMPLES: &str = "Examples:
  cargo run --release -p checker -- bench lab2 --solution
  cargo run --release -p checker -- bench lab3 --solution
  cargo run --release -p checker -- bench lab3 --users 100,1000 --rate 100 --seconds 5 --rounds 3";

/// The labs `keys` name (`lab2`, `2`, `rps`), each once, in the order
/// given: the one parser of a list of labs (`grade lab1,lab3`, `--labs`).
/// `Err` is the first key that names no lab.
pub fn find_labs<'k>(
    keys: impl IntoIterator<Item = &'k str>,
) -> Result<Vec<&'static Lab>, &'k str> {
    let mut chosen: Vec<&'static Lab> = Vec::new();
    for key in keys {
        let lab = labs::find(key).ok_or(key)?;
        if !chosen.iter().any(|c| c.number == lab.number) {
            chosen.push(lab);
        }
    }
    Ok(chosen)
}

/// Parses the command line, reading `checker LAB ...` as
/// `checker grade LAB ...`.
pub fn parse() -> Cli {
    Cli::parse_from(with_default_subcommand(std::env::args_os().collect()))
}

/// Inserts `grade` after the program's name unless the first argument is a
/// subcommand (or an alias of one) or asks for help or the version.
pub fn with_default_subcommand(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(first) = args.get(1).and_then(|a| a.to_str()) else {
        return args;
    };
    let command = Cli::command();
    let is_subcommand = first == "help"
        || command
            .get_subcommands()
            .any(|sub| sub.get_name() == first || sub.get_all_aliases().any(|a| a == first));
    let asks_for_help = ["-h", "--help", "-V", "--version"].contains(&first);
    if !is_subcommand && !asks_for_help {
        args.insert(1, "grade".into());
    }
    args
}

fn parse_format_spec(text: &str) -> Result<FormatSpec, String> {
    let (name, file) = match text.split_once('=') {
        Some((name, "")) => {
            return Err(format!("{name}=: the file name is missing"));
        }
        Some((name, file)) => (name, Some(PathBuf::from(file))),
        None => (text, None),
    };
    let format = Format::from_name(name).ok_or_else(|| {
        format!(
            "no format {name:?}; the formats are {}",
            Format::ALL.map(|f| f.name()).join(", ")
        )
    })?;
    Ok(FormatSpec { format, file })
}

fn parse_command(text: &str) -> Result<Template, String> {
    Template::parse(text)
}

/// A factor of the deadlines (`--timeout-scale`, of `grade` and of
/// `gradescope`): more than 0 and at most 100.
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

/// An RFC 3339 time (`--deadline`).
pub fn parse_deadline(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(text).map_err(|e| {
        format!("{text:?} is not an RFC 3339 time ({e}); say e.g. 2026-12-07T23:59:00+01:00")
    })
}

/// `I/N` with I < N (`--shard`).
fn parse_shard(text: &str) -> Result<(usize, usize), String> {
    let parsed = text
        .split_once('/')
        .and_then(|(i, n)| Some((i.parse::<usize>().ok()?, n.parse::<usize>().ok()?)));
    match parsed {
        Some((i, n)) if n >= 1 && i < n => Ok((i, n)),
        _ => Err(format!("{text:?} is not I/N with 0 <= I < N (e.g. 0/4)")),
    }
}

/// A relative path inside a repository, as a workflow may name it.
fn parse_repo_path(text: &str) -> Result<String, String> {
    let valid = !text.is_empty()
        && !text.starts_with(['/', '-'])
        && !text.split('/').any(|part| part == "..")
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if valid {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{text:?} is not a plain relative path in the repository (letters, digits, - _ . /)"
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

/// A toolchain rustup installs: `1.95.0`, `stable`, `nightly-2026-01-01`.
pub fn parse_toolchain(text: &str) -> Result<String, String> {
    let valid = !text.is_empty()
        && !text.starts_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
    if valid {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{text:?} is not a Rust toolchain (say 1.95.0 or stable)"
        ))
    }
}

/// A GitHub repository, OWNER/NAME (`--grader-repo`, and the header of
/// the classroom workflow).
pub fn parse_repo(text: &str) -> Result<String, String> {
    let valid = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    };
    match text.split_once('/') {
        Some((owner, name)) if valid(owner) && valid(name) => Ok(text.to_string()),
        _ => Err(format!("{text:?} is not OWNER/NAME")),
    }
}

/// A tag, branch or commit of a repository (`--grader-ref`).
pub fn parse_ref(text: &str) -> Result<String, String> {
    let valid = !text.is_empty()
        && !text.starts_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if valid {
        Ok(text.to_string())
    } else {
        Err(format!("{text:?} is not a tag, branch or commit"))
    }
}

/// The SHA-256 of a release asset (`--grader-sha256`), in lower case.
pub fn parse_sha256(text: &str) -> Result<String, String> {
    if text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(format!(
            "{text:?} is not a SHA-256 (64 hexadecimal digits, as `sha256sum checker` prints)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        with_default_subcommand(list.iter().map(OsString::from).collect())
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn a_lab_first_means_grade() {
        assert_eq!(args(&["checker", "lab3"]), ["checker", "grade", "lab3"]);
        assert_eq!(
            args(&["checker", "--solution", "all"]),
            ["checker", "grade", "--solution", "all"]
        );
        for kept in [
            &["checker", "list"][..],
            &["checker", "bench", "lab3"],
            &["checker", "grade", "lab1"],
            &["checker", "classroom", "--check"],
            &["checker", "gradescope", "out"],
            &["checker", "class", "grade", "r.csv"],
            &["checker", "help", "grade"],
            &["checker", "--help"],
            &["checker", "-V"],
            &["checker"],
        ] {
            assert_eq!(args(kept), kept);
        }
    }

    #[test]
    fn clap_accepts_the_definition() {
        Cli::command().debug_assert();
    }

    #[test]
    fn format_specs_parse() {
        assert_eq!(
            parse_format_spec("junit=out/j.xml"),
            Ok(FormatSpec {
                format: Format::Junit,
                file: Some("out/j.xml".into())
            })
        );
        assert_eq!(
            parse_format_spec("human").map(|s| s.file),
            Ok(None::<PathBuf>)
        );
        assert!(parse_format_spec("xml").unwrap_err().contains("no format"));
        assert!(parse_format_spec("json=").is_err());
    }

    #[test]
    fn toolchains_are_checked() {
        for good in ["1.95.0", "stable", "nightly-2026-01-01"] {
            assert!(parse_toolchain(good).is_ok(), "{good}");
        }
        for bad in ["", "-x", "1.95 ; rm", "$(x)", "a\"b"] {
            assert!(parse_toolchain(bad).is_err(), "{bad}");
        }
    }
}
