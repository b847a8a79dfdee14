//! `checker list`: the labs and their tests (or their handouts' rules).

use std::io::{self, Write};

use crate::cli::ListArgs;
use crate::i18n::{Lang, Text};
use crate::labs::{self, Lab};
use crate::t;
use anyhow::anyhow;

/// `checker list [LAB] [--rules]`: the labs, their tests and points, or
/// the rules of each handout.
pub fn run(args: &ListArgs) -> anyhow::Result<bool> {
    let lang = Lang::resolve(args.lang);
    let chosen: Vec<&Lab> = match &args.lab {
        Some(key) => {
            vec![
                labs::find(key)
                    .ok_or_else(|| anyhow!(super::unknown_lab(key).render(lang).into_owned()))?,
            ]
        }
        None => labs::all().to_vec(),
    };
    let mut out = io::stdout().lock();
    let written = (|| -> io::Result<()> {
        for lab in chosen {
            let line = t!(
                "list-lab",
                "{lab} {title} ({folder}, {points} points): {command}",
                lab = lab.id(),
                title = Text::lab_title(&lab.id(), lab.title),
                folder = lab.folder(false),
                points = lab.max_points(),
                command = format!("cargo run -p checker -- lab{}", lab.number)
            );
            writeln!(out, "{}", line.render(lang))?;
            if args.rules {
                write!(out, "{}", labs::rules::list(lab, lang))?;
                continue;
            }
            for test in lab.tests {
                let checks = Text::of_test(&lab.id(), test.name, "checks", test.checks);
                writeln!(
                    out,
                    "  {:<28} {:>2}  {}",
                    test.name,
                    test.points,
                    checks.render(lang)
                )?;
            }
        }
        Ok(())
    })();
    written?;
    Ok(true)
}
