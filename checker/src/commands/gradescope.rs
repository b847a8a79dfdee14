//! `checker gradescope DIR`: the Gradescope autograder, written by
//! [`crate::course::gradescope`].

use crate::cli::GradescopeArgs;

/// `checker gradescope DIR`: writes the Gradescope autograder.
pub fn run(args: &GradescopeArgs) -> anyhow::Result<bool> {
    let written = crate::course::gradescope::write(args)?;
    println!("{}", written.summary());
    Ok(true)
}
