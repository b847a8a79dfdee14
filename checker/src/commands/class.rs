//! `checker class grade|merge|workflow`: the instructor's grading of a
//! whole class; the work is in [`crate::course::class`].

use crate::cli::ClassCommand;
use crate::course::class;

/// Runs a `class` subcommand: `Ok(true)` when every repository was graded
/// (whatever its points), `Ok(false)` when some could not be (their rows
/// say why).
pub fn run(command: &ClassCommand) -> anyhow::Result<bool> {
    let (class, out) = match command {
        ClassCommand::Grade(args) => (class::grade_class(args)?, args.out.clone()),
        ClassCommand::Merge(args) => (
            class::merge(&args.shards, &args.out, args.csv)?,
            args.out.clone(),
        ),
        ClassCommand::Workflow(_) => anyhow::bail!("not yet"),
    };
    let graded = class.students.iter().filter(|s| s.key.is_some()).count();
    let reused = class.students.iter().filter(|s| s.reused).count();
    let failed: Vec<&str> = class
        .students
        .iter()
        .filter(|s| s.key.is_none())
        .map(|s| s.student.name.as_str())
        .collect();
    println!(
        "{graded} of {} repositories graded ({reused} kept from the last run); wrote {}",
        class.students.len(),
        ["gradebook.csv", "class.json", "class.html", "students/"]
            .map(|f| out.join(f).display().to_string())
            .join(", ")
    );
    if !failed.is_empty() {
        println!("not graded (see their rows): {}", failed.join(", "));
    }
    Ok(failed.is_empty())
}
