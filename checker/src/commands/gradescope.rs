//! `checker gradescope DIR`: the Gradescope autograder, written by
//! [`crate::gradescope_package`].

use crate::cli::GradescopeArgs;

/// `checker gradescope DIR`: writes the Gradescope autograder.
pub fn run(args: &GradescopeArgs) -> Result<bool, String> {
    let written = crate::gradescope_package::write(args)?;
    println!("{}", written.summary());
    Ok(true)
}
