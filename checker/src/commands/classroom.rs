//! `checker classroom`: writes (or checks) the GitHub Classroom workflow
//! that [`crate::course::classroom`] makes from the test tables.

use crate::cli::ClassroomArgs;
use crate::course::classroom::{Setup, resolve_grader, setup_of, workflow};
use crate::report::plan;
use anyhow::Context;

/// `checker classroom`: writes (or checks) the grading workflow.
pub fn run(args: &ClassroomArgs) -> anyhow::Result<bool> {
    let path = args.output.clone().unwrap_or_else(|| {
        crate::workspace::graded().join(crate::course::classroom::WORKFLOW_PATH)
    });
    let shown = crate::workspace::shown_path(&path);
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
            grader: crate::course::classroom::Grader {
                hints: args.hints,
                ..resolve_grader(&crate::workspace::graded(), &args.grader)?
            },
            labs: crate::course::chosen_labs(&args.labs)?,
        }
    };
    let text = workflow(&setup);
    if path.as_os_str() == "-" {
        print!("{text}");
        return Ok(true);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    plan::write_atomically(&path, text.as_bytes())?;
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
