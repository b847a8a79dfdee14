//! Hints in levels, remembered per test.
//!
//! A test's hints are chosen by what went wrong ([`crate::labs::Hints`]).
//! Grading shows level 1 of the hint for a test's failure, or the level
//! the student reached with `checker hint` for that same failure; once
//! the failure calls for another hint (or is of another kind), it starts
//! again at level 1, and a test that passes is forgotten. What was shown is
//! kept in `target/socklab-hints.json` of the graded workspace, written
//! whole or not at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::harness::Kind;
use crate::i18n::Text;
use crate::labs::{Chosen, Lab, TestCase};
use crate::runner::{LabReport, Status, TestResult};

/// How much of a hint grading shows (`--hints`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Mode {
    /// No hint at all (an exam).
    None,
    /// Level 1, or the level reached with `checker hint` for that failure.
    #[default]
    First,
    /// Every level.
    All,
}

/// How grading shows hints: the mode, and what the student has seen.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub mode: Mode,
    pub memory: Memory,
}

/// The name a test's default hint is remembered by.
pub const DEFAULT: &str = "default";

/// What a student has been shown of one test's hints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// The hint: its id ([`crate::labs::Hint::id`]), or [`DEFAULT`].
    pub hint: String,
    /// The kind of the failure it was shown for.
    pub kind: Kind,
    /// The highest level shown, from 1.
    pub level: usize,
}

/// What was shown, by lab (`lab05`) and test: the state file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    pub labs: BTreeMap<String, BTreeMap<String, Seen>>,
}

impl Memory {
    pub fn seen(&self, lab: &str, test: &str) -> Option<&Seen> {
        self.labs.get(lab)?.get(test)
    }

    /// How many levels of `chosen` to show for a failure of `kind`: none,
    /// every one, or the level reached for that same failure (1 at first).
    pub fn level(&self, mode: Mode, lab: &str, test: &str, chosen: Chosen, kind: Kind) -> usize {
        let levels = chosen.levels.len();
        match mode {
            Mode::None => 0,
            Mode::All => levels,
            Mode::First => match self.seen(lab, test) {
                Some(seen) if seen.hint == id(chosen) && seen.kind == kind => {
                    seen.level.clamp(1, levels)
                }
                _ => 1.min(levels),
            },
        }
    }

    /// After grading: remembers the level each failed test was shown, and
    /// forgets the tests that passed (a new failure is a new mistake).
    /// Skipped tests and failures the student did not cause are left as
    /// they were.
    pub fn record(&mut self, report: &LabReport) {
        let lab = self.labs.entry(report.lab.clone()).or_default();
        for test in &report.tests {
            match (test.status, &test.failure) {
                (Status::Pass, _) => {
                    lab.remove(&test.name);
                }
                (Status::Fail, Some(failure))
                    if failure.kind != Kind::CheckerError
                        && !test.hints.is_empty()
                        && !test.hint_for.is_empty() =>
                {
                    lab.insert(
                        test.name.clone(),
                        Seen {
                            hint: test.hint_for.clone(),
                            kind: failure.kind,
                            level: test.hints.len(),
                        },
                    );
                }
                _ => {}
            }
        }
        self.labs.retain(|_, tests| !tests.is_empty());
    }

    /// `checker hint`: one level more of the hint last shown for `test`,
    /// up to `levels`; the level now reached, and whether it is new.
    pub fn next(&mut self, lab: &str, test: &str, levels: usize) -> Option<(usize, bool)> {
        let seen = self.labs.get_mut(lab)?.get_mut(test)?;
        let before = seen.level;
        seen.level = (before + 1).clamp(1, levels.max(1));
        Some((seen.level, seen.level > before))
    }

    /// The state file at `path`; empty if there is none yet, or if it is
    /// not one (a file from another version: hints start again at 1).
    pub fn load(path: &Path) -> Memory {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the state file: a reader sees the old file or the new one.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        crate::report::plan::write_file_atomically(path, &bytes)
    }
}

/// Where the levels shown are kept: in the graded workspace's target
/// folder, beside what cargo builds, so `cargo clean` forgets them too.
pub fn path() -> PathBuf {
    crate::workspace::graded()
        .join("target")
        .join("socklab-hints.json")
}

/// The name `chosen` is remembered by.
pub fn id(chosen: Chosen) -> &'static str {
    chosen.id.unwrap_or(DEFAULT)
}

/// The hint of `case` remembered as `id`, if the table still has it.
pub fn by_id(case: &TestCase, id: &str) -> Option<Chosen> {
    if id == DEFAULT {
        return Some(Chosen {
            id: None,
            levels: case.hints.default,
        });
    }
    case.hints.on.iter().find(|h| h.id == id).map(|h| Chosen {
        id: Some(h.id),
        levels: h.levels,
    })
}

/// Level `level` (from 1) of `chosen`, a hint of `case` in `lab`: English
/// from the table, Polish from the lab's file (see [`crate::labs::Hints`]).
pub fn text(lab: &Lab, case: &TestCase, chosen: Chosen, level: usize) -> Text {
    let english = chosen.levels[level - 1];
    match chosen.id {
        None => {
            let attribute = match level {
                1 => "hint".to_string(),
                n => format!("hint-{n}"),
            };
            Text::of_test(&lab.id(), case.name, &attribute, english)
        }
        Some(id) => {
            let attribute = (level > 1).then(|| format!("level-{level}"));
            Text::of_lab(
                &lab.id(),
                &format!("hint-{id}"),
                attribute.as_deref(),
                english,
            )
        }
    }
}

/// Puts into a failed test's result the hint for its failure, as many
/// levels as `shown` says.
pub fn show(result: &mut TestResult, lab: &Lab, case: &TestCase, shown: &Shown) {
    let Some(failure) = result
        .failure
        .as_ref()
        .filter(|_| result.status == Status::Fail)
    else {
        return;
    };
    let Some(chosen) = by_id(case, &result.hint_for) else {
        return;
    };
    let levels = shown
        .memory
        .level(shown.mode, &lab.id(), case.name, chosen, failure.kind);
    result.hints = (1..=levels)
        .map(|level| text(lab, case, chosen, level))
        .collect();
    result.hint = result.hints.last().cloned().unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEVELS: &[&str] = &["look", "where", "fix"];

    fn chosen(id: Option<&'static str>) -> Chosen {
        Chosen { id, levels: LEVELS }
    }

    fn seen(hint: &str, kind: Kind, level: usize) -> Memory {
        let mut memory = Memory::default();
        memory.labs.entry("lab05".into()).or_default().insert(
            "client-tcp".into(),
            Seen {
                hint: hint.into(),
                kind,
                level,
            },
        );
        memory
    }

    #[test]
    fn grading_shows_level_1_then_the_level_reached_for_the_same_failure() {
        let level = |memory: &Memory, mode, id, kind| {
            memory.level(mode, "lab05", "client-tcp", chosen(id), kind)
        };
        let fresh = Memory::default();
        assert_eq!(level(&fresh, Mode::First, Some("sign"), Kind::Wrong), 1);
        assert_eq!(level(&fresh, Mode::None, Some("sign"), Kind::Wrong), 0);
        assert_eq!(level(&fresh, Mode::All, Some("sign"), Kind::Wrong), 3);
        let reached = seen("sign", Kind::Wrong, 2);
        assert_eq!(level(&reached, Mode::First, Some("sign"), Kind::Wrong), 2);
        // Another failure: another hint, or the same one for another kind.
        assert_eq!(level(&reached, Mode::First, None, Kind::Wrong), 1);
        assert_eq!(level(&reached, Mode::First, Some("sign"), Kind::Timeout), 1);
        // A table that now has fewer levels.
        let beyond = seen("sign", Kind::Wrong, 7);
        assert_eq!(level(&beyond, Mode::First, Some("sign"), Kind::Wrong), 3);
    }

    #[test]
    fn checker_hint_goes_one_level_further_up_to_the_last() {
        let mut memory = seen("sign", Kind::Wrong, 1);
        assert_eq!(memory.next("lab05", "client-tcp", 3), Some((2, true)));
        assert_eq!(memory.next("lab05", "client-tcp", 3), Some((3, true)));
        assert_eq!(memory.next("lab05", "client-tcp", 3), Some((3, false)));
        assert_eq!(memory.next("lab05", "client-udp", 3), None);
        assert_eq!(memory.next("lab04", "client-tcp", 3), None);
    }

    #[test]
    fn the_state_file_is_written_whole_and_read_back() {
        let dir = std::env::temp_dir().join(format!("socklab-hints-{}", std::process::id()));
        let path = dir.join("target").join("socklab-hints.json");
        assert_eq!(Memory::load(&path), Memory::default(), "no file yet");
        let memory = seen("sign", Kind::Wrong, 2);
        memory.save(&path).unwrap();
        assert_eq!(Memory::load(&path), memory);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"kind\": \"wrong\""), "{text}");
        // Nothing left beside it.
        let files = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(files, 1);
        // A file that is not one: hints start again.
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(Memory::load(&path), Memory::default());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn grading_remembers_failures_and_forgets_passes() {
        let lab = crate::labs::find("lab1").unwrap();
        let report = |status, hints: usize| {
            let mut report = LabReport::not_built(lab, &[], 1, "x");
            report.tests.truncate(1);
            let test = &mut report.tests[0];
            test.status = status;
            test.hint_for = DEFAULT.into();
            test.hints = vec![Text::default(); hints];
            report
        };
        let mut memory = Memory::default();
        memory.record(&report(Status::Fail, 2));
        let name = &lab.tests[0].name;
        assert_eq!(
            memory.seen("lab01", name),
            Some(&Seen {
                hint: DEFAULT.into(),
                kind: Kind::DoesNotCompile,
                level: 2
            })
        );
        // --hints none showed nothing: nothing to remember.
        memory.record(&report(Status::Fail, 0));
        assert_eq!(memory.seen("lab01", name).map(|s| s.level), Some(2));
        memory.record(&report(Status::Pass, 0));
        assert_eq!(memory, Memory::default());
    }
}
