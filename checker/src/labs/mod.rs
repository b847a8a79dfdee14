//! The labs, each declared as a table of tests. A lab module only says what
//! to send and what to expect; the harness does the rest.
//!
//! - `labNN.rs`, or `labNN/mod.rs` once a lab has checks of its own worth
//!   a module: `RULES` (the handout's rules), `LAB` (the table: one
//!   [`TestCase`] a row) and the tests, in table order. Beside a
//!   `labNN/mod.rs` sit the checks only that lab makes (lab 04: `ports`,
//!   `scan`, `watch`, `lock`; lab 05: `printed`, `retry`).
//! - `common`: checks more than one lab makes (a server's host and
//!   defaults, a refused client, comparing bytes).
//! - `rules`: the rules' table type and the checks that tie rules to tests.
//! - A new lab: a `labNN` module like the others, listed in [`all`]; its
//!   messages are `t!("labNN-...", "English")` with Polish in
//!   `checker/locales/pl/labNN.ftl`, listed in [`crate::i18n::PL_LABS`].

mod common;
pub mod lab00;
pub mod lab01;
pub mod lab02;
pub mod lab03;
pub mod lab04;
pub mod lab05;
pub mod lab06;
pub mod rules;

use crate::harness::{Ctx, Failure, Kind};

/// One checker test: a row of a lab's table. `Copy`, so that a lab can
/// take another's rows into its own table (lab 06 has lab 03's).
#[derive(Clone, Copy)]
pub struct TestCase {
    /// Short, stable, kebab-case: `--test` matches it and the kit's tests
    /// name it.
    pub name: &'static str,
    pub points: u32,
    /// The ids of the handout's rules this test checks (`02-walkover-at-once`),
    /// from its lab's [`Lab::rules`]. Every rule has a test, or says why not.
    pub rules: &'static [&'static str],
    /// What it checks, in one sentence of the protocol's words.
    pub checks: &'static str,
    /// Shown when it fails, chosen by what went wrong, in levels: see
    /// [`Hints`].
    pub hints: Hints,
    pub run: fn(&mut Ctx) -> Result<(), Failure>,
}

/// A test's hints: a default for any failure, and hints of their own for
/// the failures that call for another one, each in levels. Level 1 is
/// gentle (what to look at), level 2 says where in the code (which call),
/// level 3 names the fix. The report shows level 1, and the levels a
/// student asked for with `checker hint` ([`crate::hints`]).
///
/// Polish, in the lab's `labNN.ftl`: the default's levels are the test's
/// `.hint`, `.hint-2`, `.hint-3`; a [`Hint`]'s are the message
/// `hint-<id>` and its `.level-2`, `.level-3`.
#[derive(Debug, Clone, Copy)]
pub struct Hints {
    /// For any failure no [`Hint`] of [`Hints::on`] is for; level 1 first.
    pub default: &'static [&'static str],
    /// Hints for particular failures: the first whose conditions all hold
    /// is shown.
    pub on: &'static [Hint],
}

impl Hints {
    /// The default hint's levels, and no failure-specific ones.
    pub const fn of(default: &'static [&'static str]) -> Hints {
        Hints { default, on: &[] }
    }

    /// These hints, with `on` for particular failures.
    pub const fn on(self, on: &'static [Hint]) -> Hints {
        Hints { on, ..self }
    }

    /// The hint for `failure`: the first of [`Hints::on`] whose conditions
    /// all hold, or the default. `step` is the key of the last note the
    /// test wrote before it failed (see [`On::After`]).
    pub fn choose(&self, failure: &Failure, step: Option<&str>) -> Chosen {
        self.on
            .iter()
            .find(|hint| hint.on.iter().all(|on| on.holds(failure, step)))
            .map_or(
                Chosen {
                    id: None,
                    levels: self.default,
                },
                |hint| Chosen {
                    id: Some(hint.id),
                    levels: hint.levels,
                },
            )
    }
}

/// The hint chosen for a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    /// The [`Hint::id`], or `None` for the test's default.
    pub id: Option<&'static str>,
    /// Its levels, level 1 first.
    pub levels: &'static [&'static str],
}

/// A hint for one way a test fails, in levels.
#[derive(Debug)]
pub struct Hint {
    /// kebab-case, one hint of that id in its lab (tests may share it): its
    /// Polish is the message `hint-<id>`, and `checker hint` remembers it by it.
    pub id: &'static str,
    /// When it applies: all of these hold for the failure.
    pub on: &'static [On],
    /// Level 1 (what to look at), 2 (where, which call), 3 (the fix).
    pub levels: &'static [&'static str],
}

/// What a failure must be for a [`Hint`] to apply.
#[derive(Debug, Clone, Copy)]
pub enum On {
    /// A failure of this kind (a hang, a crash, a wrong answer).
    Kind(Kind),
    /// The failure says this sentence: the key of its message's `t!`
    /// (`lab05-offset-sign`), or of a sentence inside it.
    Says(&'static str),
    /// The failure expected this: the key of its `expected` text, or of a
    /// sentence inside it.
    Expected(&'static str),
    /// The step that failed: the last note the test wrote before it
    /// failed has this key (`lab02-half-a-choice`).
    After(&'static str),
}

impl On {
    fn holds(self, failure: &Failure, step: Option<&str>) -> bool {
        match self {
            On::Kind(kind) => failure.kind == kind,
            On::Says(key) => failure.message.says(key),
            On::Expected(key) => failure.expected.as_ref().is_some_and(|e| e.says(key)),
            On::After(key) => step == Some(key),
        }
    }
}

/// A lab: its number, its short name, and its tests.
pub struct Lab {
    pub number: u8,
    /// `hello`: the package is `lab01-hello`, the folder `labs/01-hello`.
    pub name: &'static str,
    pub title: &'static str,
    /// What the handout requires, sentence by sentence; its "Rules" section
    /// is made from this table (see [`rules`]).
    pub rules: &'static [Rule],
    pub tests: &'static [TestCase],
}

/// One normative sentence of a lab's handout, with a stable id.
///
/// The handout shows it in its "Rules" table with an anchor (`#02-walkover-at-once`);
/// the tests that check it name it in [`TestCase::rules`]. Its Polish is
/// the message `rule-<id>` of the lab's `labNN.ftl` (`.says`, and
/// `.unchecked` where there is one).
#[derive(Clone, Copy)]
pub struct Rule {
    /// `NN-kebab-case`, NN the lab's number: stable, handouts link to it.
    pub id: &'static str,
    /// The rule, in one sentence of the handout's words.
    pub says: &'static str,
    /// Why no test checks it ("can't be told from outside"), for the rare
    /// rule that has no test. `None`: tests must name it.
    pub unchecked: Option<&'static str>,
}

impl Lab {
    /// `lab01`
    pub fn id(&self) -> String {
        format!("lab{:02}", self.number)
    }

    /// The Cargo package of the skeleton (`lab01-hello`) or the solution
    /// (`solution01-hello`).
    pub fn package(&self, solution: bool) -> String {
        let kind = if solution { "solution" } else { "lab" };
        format!("{kind}{:02}-{}", self.number, self.name)
    }

    /// The folder, relative to the workspace (`labs/01-hello`).
    pub fn folder(&self, solution: bool) -> String {
        let parent = if solution { "solutions" } else { "labs" };
        format!("{parent}/{:02}-{}", self.number, self.name)
    }

    /// The tests that check the rule `id`, in table order.
    pub fn tests_of(&self, id: &str) -> Vec<&'static TestCase> {
        self.tests
            .iter()
            .filter(|test| test.rules.contains(&id))
            .collect()
    }

    /// The test named `name`.
    pub fn test(&self, name: &str) -> Option<&'static TestCase> {
        self.tests.iter().find(|test| test.name == name)
    }

    pub fn max_points(&self) -> u32 {
        self.tests.iter().map(|t| t.points).sum()
    }
}

/// Every lab the checker can grade, in order.
pub fn all() -> &'static [&'static Lab] {
    &[
        &lab00::LAB,
        &lab01::LAB,
        &lab02::LAB,
        &lab03::LAB,
        &lab04::LAB,
        &lab05::LAB,
        &lab06::LAB,
    ]
}

/// Finds a lab by what a student may type: `lab1`, `lab01`, `1`, `01`,
/// `hello`, `01-hello`.
pub fn find(key: &str) -> Option<&'static Lab> {
    let key = key.trim().to_ascii_lowercase();
    let number_part = key.strip_prefix("lab").unwrap_or(&key);
    all().iter().copied().find(|lab| {
        number_part.parse::<u8>().ok() == Some(lab.number)
            || key == lab.name
            || key == format!("{:02}-{}", lab.number, lab.name)
            || key == lab.package(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labs_are_found_by_every_spelling() {
        for key in [
            "lab1",
            "lab01",
            "1",
            "01",
            "hello",
            "01-hello",
            "LAB1",
            "lab01-hello",
        ] {
            assert_eq!(find(key).map(|l| l.number), Some(1), "{key}");
        }
        assert!(find("lab99").is_none());
        assert!(find("").is_none());
    }

    /// A hint's id names one hint in its lab (its Polish is `hint-<id>`),
    /// and every hint has a level 1 and at most three levels.
    #[test]
    fn hints_have_levels_and_ids_name_one_hint_in_their_lab() {
        for lab in all() {
            let mut seen: Vec<&Hint> = Vec::new();
            for test in lab.tests {
                let hints = &test.hints;
                assert!(
                    (1..=3).contains(&hints.default.len()),
                    "{} {}: the default hint has {} levels (1 to 3)",
                    lab.id(),
                    test.name,
                    hints.default.len()
                );
                for hint in hints.on {
                    assert!(
                        (1..=3).contains(&hint.levels.len()) && !hint.on.is_empty(),
                        "{} {}: hint {} needs 1 to 3 levels and a condition",
                        lab.id(),
                        test.name,
                        hint.id
                    );
                    assert!(
                        hint.id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                        "{}",
                        hint.id
                    );
                    match seen.iter().find(|h| h.id == hint.id) {
                        Some(other) => assert!(
                            std::ptr::eq(*other, hint) || other.levels == hint.levels,
                            "{}: two hints are named {}",
                            lab.id(),
                            hint.id
                        ),
                        None => seen.push(hint),
                    }
                }
            }
        }
    }

    #[test]
    fn a_hint_is_chosen_by_the_failure_and_the_default_otherwise() {
        use crate::i18n::Text;
        const SIGN: Hint = Hint {
            id: "sign",
            on: &[On::Says("test-offset-sign")],
            levels: &["the sign", "where", "fix"],
        };
        const STEP: Hint = Hint {
            id: "step",
            on: &[On::Kind(Kind::Timeout), On::After("test-half-a-choice")],
            levels: &["a step"],
        };
        let hints = Hints::of(&["look"]).on(&[SIGN, STEP]);
        let words = |key: &'static str| Text::keyed(key, "words".into(), Vec::new());
        let sign = Failure::wrong(words("test-offset-sign"));
        assert_eq!(hints.choose(&sign, None).id, Some("sign"));
        assert_eq!(hints.choose(&sign, None).levels.len(), 3);
        // Inside another sentence, as a crash wraps what a test said.
        let inside = vec![("message", crate::i18n::Arg::Text(sign.message.clone()))];
        let wrapped = Failure::crashed(Text::keyed("stopped-by-limit", "x".into(), inside));
        assert_eq!(hints.choose(&wrapped, None).id, Some("sign"));
        let hang = Failure::timeout(words("test-no-reply"));
        let at = |step: &'static str| Some(step);
        assert_eq!(
            hints.choose(&hang, at("test-half-a-choice")).id,
            Some("step")
        );
        // Every condition must hold: a hang at another step, or a wrong
        // answer at that step, gets the default.
        assert_eq!(hints.choose(&hang, at("test-other")).id, None);
        let wrong = Failure::wrong(words("test-no"));
        assert_eq!(hints.choose(&wrong, at("test-half-a-choice")).id, None);
        assert_eq!(hints.choose(&wrong, None).levels, &["look"]);
    }

    #[test]
    fn test_names_are_unique_and_kebab_case() {
        for lab in all() {
            let mut names: Vec<_> = lab.tests.iter().map(|t| t.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(
                names.len(),
                lab.tests.len(),
                "{} has duplicate test names",
                lab.id()
            );
            for name in names {
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{name}"
                );
            }
        }
    }
}
