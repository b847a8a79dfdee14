//! `checker export DIR`: the student edition, written by [`crate::course::export`].

use crate::cli::ExportArgs;

/// `checker export DIR`: writes the student edition and says what it wrote.
pub fn run(args: &ExportArgs) -> anyhow::Result<bool> {
    let done = crate::course::export::run(args)?;
    println!(
        "wrote the student edition to {}: {} files, {} lines\n\
         its CI ({}) grades with the checker of {}",
        args.dir.display(),
        done.files,
        done.lines,
        crate::course::classroom::WORKFLOW_PATH,
        done.grader,
    );
    Ok(true)
}
