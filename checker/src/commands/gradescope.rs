//! `checker gradescope DIR`: the Gradescope autograder, written by
//! [`crate::course::gradescope`].

use crate::cli::GradescopeArgs;

/// `checker gradescope DIR`: writes the Gradescope autograder.
pub fn run(args: &GradescopeArgs) -> Result<bool, String> {
    let written = crate::course::gradescope::write(args)?;
    println!("{}", written.summary());
    Ok(true)
}
