//! `checker hint LAB [TEST]`: the next level of a failed test's hint, for
//! the failure the last grading found ([`crate::hints`] remembers it).

use anyhow::{anyhow, bail};

use crate::cli::HintArgs;
use crate::hints::{self, Memory};
use crate::i18n::{Lang, Text};
use crate::labs;
use crate::t;

/// Shows the levels of the hint up to the next one, and remembers it.
/// `Err` when there is nothing to show (no such test, no failure known).
pub fn run(args: &HintArgs) -> anyhow::Result<bool> {
    if let Some(dir) = &args.workspace {
        crate::workspace::choose(dir)?;
    }
    let lang = Lang::resolve(args.lang);
    let say = |text: Text| text.render(lang).into_owned();
    let lab = labs::find(&args.lab).ok_or_else(|| anyhow!(say(super::unknown_lab(&args.lab))))?;
    let id = lab.id();
    let path = hints::path();
    let mut memory = Memory::load(&path);
    let case = match &args.test {
        Some(name) => {
            let case = lab.test(name).ok_or_else(|| {
                anyhow!(say(t!(
                    "error-hint-no-test",
                    "{lab} has no test {test} (`checker list {lab}` shows them)",
                    lab = &id,
                    test = format!("{name:?}")
                )))
            })?;
            if memory.seen(&id, name).is_none() {
                bail!(say(t!(
                    "error-hint-not-failed",
                    "no failure of {test} is remembered: it passed when {lab} was last graded, or it has not failed since; grade it first (`checker {lab}`)",
                    lab = &id,
                    test = name
                )));
            }
            case
        }
        None => lab
            .tests
            .iter()
            .find(|test| memory.seen(&id, test.name).is_some())
            .ok_or_else(|| {
                anyhow!(say(t!(
                    "error-hint-nothing-failed",
                    "no failed test of {lab} is remembered: grade it first (`checker {lab}`); once a test fails, this shows the next level of its hint",
                    lab = &id
                )))
            })?,
    };
    let seen = memory.seen(&id, case.name).cloned().expect("found above");
    // A hint the table no longer has (the checker was updated): the
    // test's default.
    let chosen = hints::by_id(case, &seen.hint)
        .unwrap_or_else(|| hints::by_id(case, hints::DEFAULT).expect("every test has a default"));
    let levels = chosen.levels.len();
    let (level, new) = memory
        .next(&id, case.name, levels)
        .expect("remembered above");
    let header = t!(
        "hint-header",
        "{lab} {test} ({kind}): hint {level}/{levels}",
        lab = &id,
        test = case.name,
        kind = seen.kind.text(),
        level = level,
        levels = levels
    );
    println!("{}", say(header));
    for shown in 1..=level {
        let text = hints::text(lab, case, chosen, shown);
        println!("  {shown}/{levels}: {}", say(text));
    }
    let after = if !new {
        t!(
            "hint-no-more",
            "That is the last level of this hint; grading again shows it until the test passes or fails in another way."
        )
    } else if level < levels {
        t!(
            "hint-next",
            "`checker hint {lab} {test}` once more shows level {next}; grading shows the levels seen until the test passes or fails in another way.",
            lab = &id,
            test = case.name,
            next = level + 1
        )
    } else {
        t!("hint-last", "That was the last level: it names the fix.")
    };
    println!("{}", say(after));
    if new {
        memory.save(&path).map_err(|e| {
            anyhow!(
                "could not remember the level shown in {}: {e}",
                path.display()
            )
        })?;
    }
    Ok(true)
}
