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

use crate::harness::{Ctx, Failure};

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
    /// Shown when it fails: where to look in your code.
    pub hint: &'static str,
    pub run: fn(&mut Ctx) -> Result<(), Failure>,
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
