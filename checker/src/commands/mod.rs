//! One module per subcommand (`cli::Subcommand`): each `run` takes the
//! subcommand's clap arguments and returns whether all it checked passed
//! (`Ok(false)`: exit 1), or why it could not run (`Err`: exit 2).

pub mod bench;
pub mod class;
pub mod classroom;
pub mod export;
pub mod grade;
pub mod gradescope;
pub mod hint;
pub mod list;
pub mod watch;

use crate::i18n::Text;
use crate::labs;
use crate::t;

/// The error for a lab name that names no lab, with the labs there are.
pub(crate) fn unknown_lab(key: &str) -> Text {
    let known: Vec<String> = labs::all()
        .iter()
        .map(|l| format!("lab{} ({})", l.number, l.name))
        .collect();
    t!(
        "error-no-lab",
        "no lab {key}; the labs are {labs}, or `all` (`checker list` shows them)",
        key = format!("{key:?}"),
        labs = known.join(", ")
    )
}
