//! `cargo run -p checker -- lab1`: build the student's lab and grade it.
//!
//! Parses the command line (`cli.rs`), sets up the sandbox and the
//! Ctrl-C handler, and runs the subcommand's module in `commands/`.

use std::process::ExitCode;

use checker::cli::{self, Subcommand};
use checker::{commands, harness};

fn main() -> ExitCode {
    let cli = cli::parse();
    // Orphans of graded programs come back to us, to be killed.
    harness::sandbox::become_subreaper();
    let settings = match &cli.command {
        Subcommand::Grade(args) => Some(args.sandbox.settings()),
        Subcommand::Bench(args) => Some(args.sandbox.settings()),
        Subcommand::List(_)
        | Subcommand::Hint(_)
        | Subcommand::Classroom(_)
        | Subcommand::Export(_)
        | Subcommand::Gradescope(_)
        // Each repository is graded by a child `checker grade`, which sets
        // up its own sandbox from the options passed on.
        | Subcommand::Class(_) => None,
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
        Subcommand::Grade(args) => commands::grade::run(args),
        // `list` speaks the language of the environment (LANG and the rest).
        Subcommand::List(args) => commands::list::run(args),
        Subcommand::Bench(args) => commands::bench::run(args),
        Subcommand::Hint(args) => commands::hint::run(args),
        Subcommand::Classroom(args) => commands::classroom::run(args),
        Subcommand::Export(args) => commands::export::run(args),
        Subcommand::Gradescope(args) => commands::gradescope::run(args),
        Subcommand::Class(command) => commands::class::run(command),
    };
    // Whatever happened, nothing we started outlives us.
    harness::program::kill_all();
    harness::sandbox::kill_everything();
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            // The context, then the cause: `--output out/r.json: No such file`.
            eprintln!("checker: {error:#}");
            ExitCode::from(2)
        }
    }
}
