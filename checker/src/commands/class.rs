//! `checker class grade|merge|workflow`: the instructor's grading of a
//! whole class; the work is in [`crate::course::class`].

use anyhow::Context;

use crate::cli::{ClassCommand, ClassWorkflowArgs};
use crate::course::class;
use crate::i18n::Lang;
use crate::t;

/// Runs a `class` subcommand: `Ok(true)` when every repository was graded
/// (whatever its points), `Ok(false)` when some could not be (their rows
/// say why).
pub fn run(command: &ClassCommand) -> anyhow::Result<bool> {
    let (class, out, lang) = match command {
        ClassCommand::Grade(args) => (
            class::grade_class(args)?,
            args.out.clone(),
            Lang::resolve(args.lang),
        ),
        ClassCommand::Merge(args) => (
            class::merge(&args.shards, &args.out, args.csv)?,
            args.out.clone(),
            Lang::resolve(args.lang),
        ),
        ClassCommand::Workflow(args) => return write_workflow(args),
    };
    let graded = class.students.iter().filter(|s| s.key.is_some()).count();
    let reused = class.students.iter().filter(|s| s.reused).count();
    let failed: Vec<&str> = class
        .students
        .iter()
        .filter(|s| s.key.is_none())
        .map(|s| s.student.name.as_str())
        .collect();
    let told = t!(
        "class-done",
        "{graded} of {total} repositories graded ({reused} kept from the last run); wrote {files}",
        graded = graded,
        total = class.students.len(),
        reused = reused,
        files = ["gradebook.csv", "class.json", "class.html", "students/"]
            .map(|f| out.join(f).display().to_string())
            .join(", ")
    );
    println!("{}", told.render(lang));
    if !failed.is_empty() {
        let told = t!(
            "class-not-graded",
            "not graded (see their rows): {names}",
            names = failed.join(", ")
        );
        println!("{}", told.render(lang));
    }
    Ok(failed.is_empty())
}

/// `checker class workflow`: writes the sharded grading workflow.
fn write_workflow(args: &ClassWorkflowArgs) -> anyhow::Result<bool> {
    let grader =
        crate::course::classroom::resolve_grader(&crate::workspace::graded(), &args.grader)?;
    let plan = class::workflow::Plan {
        grader,
        labs: crate::course::chosen_labs(&args.labs)?,
        roster: &args.roster,
        deadline: args.deadline,
        shards: args.shards,
        csv: args.csv,
    };
    let text = class::workflow::workflow(&plan);
    if args.output.as_os_str() == "-" {
        print!("{text}");
        return Ok(true);
    }
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    crate::report::plan::write_atomically(&args.output, text.as_bytes())?;
    println!(
        "wrote {}: {} shards of {}, graded by {}@{}",
        args.output.display(),
        args.shards,
        args.roster,
        plan.grader.repo,
        plan.grader.reference
    );
    Ok(true)
}
