//! The handouts' rules and the tests that check them.
//!
//! Each lab's [`Rule`] table is the list of what its handout requires; each
//! [`TestCase`](super::TestCase) names the rules it checks. From the two:
//!
//! - [`problems`]: a rule no test checks (and that does not say why), a test
//!   that names no rule or a rule that does not exist: the kit's tests fail
//!   on any of them, so a rule can't silently go unchecked;
//! - [`markdown`]: the handout's "Rules" table, in English or Polish, with
//!   an anchor per rule and the tests that check it (the kit's tests keep
//!   the handouts' copies equal to it: `SOCKLAB_BLESS=1 cargo test -p
//!   kit-tests --test handouts` rewrites them);
//! - `checker list --rules`: the same, on the terminal.

use super::{Lab, Rule};
use crate::i18n::{Lang, Text};

/// The rule's sentence, in `lang` (Polish from `rule-<id>` in `labNN.ftl`).
pub fn says(lab: &Lab, rule: &Rule, lang: Lang) -> String {
    Text::of_test(&lab.id(), &message(rule), "says", rule.says)
        .render(lang)
        .into_owned()
}

/// Why the rule has no test, in `lang`, if it says so.
pub fn unchecked(lab: &Lab, rule: &Rule, lang: Lang) -> Option<String> {
    rule.unchecked.map(|why| {
        Text::of_test(&lab.id(), &message(rule), "unchecked", why)
            .render(lang)
            .into_owned()
    })
}

/// The Fluent message of a rule: `rule-02-walkover-at-once`.
pub fn message(rule: &Rule) -> String {
    format!("rule-{}", rule.id)
}

/// What is wrong with a lab's rules and their tests, one sentence each;
/// empty when every rule is checked or says why not.
pub fn problems(lab: &Lab) -> Vec<String> {
    let mut problems = Vec::new();
    let prefix = format!("{:02}-", lab.number);
    for (i, rule) in lab.rules.iter().enumerate() {
        let kebab = rule.id.strip_prefix(&prefix).is_some_and(|rest| {
            !rest.is_empty()
                && rest.split('-').all(|w| {
                    !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        });
        // A lab that serves another's protocol (lab 06: lab 03's chat)
        // takes that lab's rules as they are, ids and all.
        let shared = super::all().iter().any(|other| {
            other.number != lab.number
                && other
                    .rules
                    .iter()
                    .any(|theirs| theirs.id == rule.id && theirs.says == rule.says)
        });
        if !kebab && !shared {
            problems.push(format!(
                "{}: rule id {:?} is not `{prefix}` and kebab-case words",
                lab.id(),
                rule.id
            ));
        }
        if lab.rules[..i].iter().any(|other| other.id == rule.id) {
            problems.push(format!("{}: rule {} is listed twice", lab.id(), rule.id));
        }
        let tests = lab.tests_of(rule.id);
        match (tests.is_empty(), rule.unchecked) {
            (true, None) => problems.push(format!(
                "{}: no test checks rule {} ({:?}); write one (and a mutant it catches), \
                 or say in `unchecked` why it can't be checked",
                lab.id(),
                rule.id,
                rule.says
            )),
            (false, Some(_)) => problems.push(format!(
                "{}: rule {} says it is not checked, but {} check it",
                lab.id(),
                rule.id,
                tests.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
            )),
            _ => {}
        }
    }
    for test in lab.tests {
        if test.rules.is_empty() {
            problems.push(format!(
                "{}: test {} names no rule of the handout",
                lab.id(),
                test.name
            ));
        }
        for id in test.rules {
            if !lab.rules.iter().any(|rule| rule.id == *id) {
                problems.push(format!(
                    "{}: test {} names rule {id}, which the lab's table doesn't have",
                    lab.id(),
                    test.name
                ));
            }
        }
    }
    problems
}

/// The handout's "Rules" table in `lang`, between its markers.
pub fn markdown(lab: &Lab, lang: Lang) -> String {
    let (header, not_checked) = match lang {
        Lang::En => ("| rule | what it requires | checked by |", "not checked:"),
        Lang::Pl => ("| reguła | co jest wymagane | sprawdza |", "niesprawdzana:"),
    };
    let mut out = format!("{}\n{header}\n|---|---|---|\n", begin_marker(lab));
    for rule in lab.rules {
        let tests = lab.tests_of(rule.id);
        let checked_by = if tests.is_empty() {
            format!(
                "*{not_checked} {}*",
                cell(&unchecked(lab, rule, lang).unwrap_or_default())
            )
        } else {
            tests
                .iter()
                .map(|test| format!("`{}`", test.name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "| <a id=\"{id}\"></a>`{id}` | {} | {checked_by} |\n",
            cell(&says(lab, rule, lang)),
            id = rule.id
        ));
    }
    out.push_str(END_MARKER);
    out.push('\n');
    out
}

/// The line before a handout's generated rules table.
pub fn begin_marker(lab: &Lab) -> String {
    format!(
        "<!-- rules: made from checker/src/labs/{}.rs; SOCKLAB_BLESS=1 cargo test -p kit-tests --test handouts rewrites it -->",
        lab.id()
    )
}

/// The line after it.
pub const END_MARKER: &str = "<!-- /rules -->";

/// A table cell: `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `checker list --rules`: every rule of `lab` with the tests that check it.
pub fn list(lab: &Lab, lang: Lang) -> String {
    let mut out = String::new();
    for rule in lab.rules {
        out.push_str(&format!("  {}  {}\n", rule.id, says(lab, rule, lang)));
        let tests = lab.tests_of(rule.id);
        if tests.is_empty() {
            let why = unchecked(lab, rule, lang).unwrap_or_default();
            let label = match lang {
                Lang::En => "not checked",
                Lang::Pl => "niesprawdzana",
            };
            out.push_str(&format!("      {label}: {why}\n"));
        } else {
            let names: Vec<&str> = tests.iter().map(|t| t.name).collect();
            out.push_str(&format!("      -> {}\n", names.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs;

    /// Every rule of every lab is checked by a test or says why not, and
    /// every test checks a rule that exists.
    #[test]
    fn every_rule_is_checked_and_every_test_names_its_rules() {
        let problems: Vec<String> = labs::all().iter().flat_map(|lab| problems(lab)).collect();
        assert!(
            problems.is_empty(),
            "{} problem(s) with the rules tables:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    #[test]
    fn problems_names_an_unchecked_rule_and_an_unknown_one() {
        fn nothing(_: &mut crate::harness::Ctx) -> Result<(), crate::harness::Failure> {
            Ok(())
        }
        static LAB: Lab = Lab {
            number: 9,
            name: "x",
            title: "x",
            rules: &[
                Rule {
                    id: "09-checked",
                    says: "a",
                    unchecked: None,
                },
                Rule {
                    id: "09-forgotten",
                    says: "b",
                    unchecked: None,
                },
                Rule {
                    id: "09-explained",
                    says: "c",
                    unchecked: Some("can't be told from outside"),
                },
                Rule {
                    id: "Bad_Id",
                    says: "d",
                    unchecked: Some("x"),
                },
            ],
            tests: &[
                crate::labs::TestCase {
                    name: "t",
                    points: 1,
                    rules: &["09-checked", "09-nowhere"],
                    checks: "",
                    hints: crate::labs::Hints::of(&[""]),
                    run: nothing,
                },
                crate::labs::TestCase {
                    name: "u",
                    points: 1,
                    rules: &[],
                    checks: "",
                    hints: crate::labs::Hints::of(&[""]),
                    run: nothing,
                },
            ],
        };
        let found = problems(&LAB).join("\n");
        for expected in [
            "no test checks rule 09-forgotten",
            "rule id \"Bad_Id\"",
            "test u names no rule",
            "names rule 09-nowhere",
        ] {
            assert!(found.contains(expected), "{expected:?} not in:\n{found}");
        }
        assert!(!found.contains("09-explained"), "{found}");
        let table = markdown(&LAB, Lang::En);
        assert!(
            table.contains("| <a id=\"09-checked\"></a>`09-checked` | a | `t` |"),
            "{table}"
        );
        assert!(
            table.contains("*not checked: can't be told from outside*"),
            "{table}"
        );
    }
}
