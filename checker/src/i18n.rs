//! The checker in Polish (`--lang pl`, or a locale starting with `pl`).
//!
//! English is written where a sentence is made, as ever; its Polish is in
//! Fluent files (<https://projectfluent.org>) embedded in the binary:
//!
//! - `checker/locales/pl/checker.ftl`: the report's own words and the
//!   harness's messages, each made with [`t!`](crate::t) under a key.
//! - `checker/locales/pl/labNN.ftl`: one message per test of lab NN, named
//!   as the test, with a `.checks` and a `.hint` attribute; and the
//!   messages lab NN's tests make, each with [`t!`](crate::t) under a key that starts
//!   with `labNN-` (`t!("lab03-nick-taken", ...)`). A new lab adds its file
//!   and one line to [`PL_LABS`]; the tests below say what is missing.
//!
//! A [`Text`] keeps its English and what it takes to say it in Polish, so
//! the same failure is shown in Polish to a person and in English in JSON.
//! A sentence without a Polish translation is shown in English.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::Pattern;
use serde::{Serialize, Serializer};

/// The languages of the human report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Pl,
}

impl Lang {
    /// `--lang` if given, else the locale of the environment.
    pub fn resolve(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| Lang::from_locale(|name| std::env::var(name).ok()))
    }

    /// As POSIX looks up the language of messages: the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set and not empty decides; Polish if it
    /// starts with `pl` (`pl_PL.UTF-8`, `pl`), English otherwise.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).filter(|value| !value.is_empty()))
            .filter(|value| value.starts_with("pl"))
            .map_or(Lang::En, |_| Lang::Pl)
    }
}

/// Says `english` (a `format!` string over the named values) and keeps its
/// key in `checker/locales/pl/checker.ftl`, where the Polish uses the same
/// names as Fluent variables: `t!("conn-closed", "{conn}: closed", conn = name)`
/// and `conn-closed = { $conn }: zamknięte`.
#[macro_export]
macro_rules! t {
    ($key:literal, $english:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        // Each value once, for the English and for the translation (all
        // evaluated before any is named: `lab = &lab.lab, title = &lab.title`).
        #[allow(unused_parens, clippy::redundant_locals)]
        let ($($name,)*) = ($($value,)*);
        $crate::i18n::Text::keyed(
            $key,
            format!($english $(, $name = $name)*),
            vec![$( (stringify!($name), $crate::i18n::Arg::from($name)) ),*],
        )
    }};
}

/// A sentence of the report: its English, and how to find its Polish.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text {
    english: String,
    key: Key,
    args: Vec<(&'static str, Arg)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
enum Key {
    /// English only (a message made in a lab's test, or quoted output).
    #[default]
    None,
    /// A message of `checker.ftl`.
    Message(Cow<'static, str>),
    /// A message of `labNN.ftl`: a test's `.checks` or `.hint` (an
    /// attribute), or a hint of the lab's (`hint-<id>`, its value or an
    /// attribute).
    Lab {
        lab: String,
        message: String,
        attribute: Option<String>,
    },
}

/// A value put into a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Plain(String),
    /// Numbers choose Polish plural forms (1 test, 2 testy, 5 testów).
    Number(f64),
    /// A sentence inside a sentence: translated too.
    Text(Text),
}

impl From<String> for Arg {
    fn from(value: String) -> Arg {
        Arg::Plain(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Arg {
        Arg::Plain(value.clone())
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Arg {
        Arg::Plain(value.to_string())
    }
}

impl From<Text> for Arg {
    fn from(value: Text) -> Arg {
        Arg::Text(value)
    }
}

impl From<&Text> for Arg {
    fn from(value: &Text) -> Arg {
        Arg::Text(value.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Arg {
                Arg::Number(value as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

impl Text {
    /// English only.
    pub fn english(text: impl Into<String>) -> Text {
        Text {
            english: text.into(),
            ..Text::default()
        }
    }

    /// What [`t!`](crate::t) makes: a key of `checker.ftl`, the English, the values.
    pub fn keyed(
        key: impl Into<Cow<'static, str>>,
        english: String,
        args: Vec<(&'static str, Arg)>,
    ) -> Text {
        Text {
            english,
            key: Key::Message(key.into()),
            args,
        }
    }

    /// A test's `checks` or `hint` (`attribute`), English from the lab's
    /// table, Polish from `labNN.ftl`.
    pub fn of_test(lab: &str, test: &str, attribute: &str, english: &str) -> Text {
        Text::of_lab(lab, test, Some(attribute), english)
    }

    /// A message of lab `lab`'s `labNN.ftl` (or one of its attributes),
    /// English from the lab's table: a test's words, or a hint's.
    pub fn of_lab(lab: &str, message: &str, attribute: Option<&str>, english: &str) -> Text {
        Text {
            english: english.to_string(),
            key: Key::Lab {
                lab: lab.to_string(),
                message: message.to_string(),
                attribute: attribute.map(str::to_string),
            },
            args: Vec::new(),
        }
    }

    /// Whether this sentence, or one inside it, is the `t!` of `key`: what
    /// a hint for a particular failure looks for ([`crate::labs::On`]).
    pub fn says(&self, key: &str) -> bool {
        matches!(&self.key, Key::Message(k) if k == key)
            || self
                .args
                .iter()
                .any(|(_, arg)| matches!(arg, Arg::Text(text) if text.says(key)))
    }

    /// A lab's title (`lab01`, "hello/time command server"), as the
    /// report's header, tables and `--watch` show it; its Polish is
    /// `labNN-title` in the lab's file.
    pub fn lab_title(lab: &str, english: &str) -> Text {
        Text::keyed(format!("{lab}-title"), english.to_string(), Vec::new())
    }

    /// How a program the checker started is named ("server", "client",
    /// "scanner"): `program-server` in `checker.ftl`.
    pub fn program(label: &str) -> Text {
        Text::keyed(format!("program-{label}"), label.to_string(), Vec::new())
    }

    /// The key of a sentence made with [`t!`](crate::t), if it was.
    pub fn key(&self) -> Option<&str> {
        match &self.key {
            Key::Message(key) => Some(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.english
    }

    /// The sentence in `lang`; English where there is no translation.
    pub fn render(&self, lang: Lang) -> Cow<'_, str> {
        if lang == Lang::Pl {
            if let Some(polish) = self.polish() {
                return Cow::Owned(polish);
            }
        }
        Cow::Borrowed(&self.english)
    }

    fn polish(&self) -> Option<String> {
        let catalog = catalog();
        let (bundle, pattern) = match &self.key {
            Key::None => return None,
            Key::Message(key) => match lab_of_key(key) {
                Some(lab) => catalog.find(lab, key, None)?,
                None => (&catalog.checker, catalog.checker.get_message(key)?.value()?),
            },
            Key::Lab {
                lab,
                message,
                attribute,
            } => catalog.find(lab, message, attribute.as_deref())?,
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Plain(text) => FluentValue::from(text.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(text) => FluentValue::from(text.render(Lang::Pl).into_owned()),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let polish = bundle.format_pattern(pattern, Some(&args), &mut errors);
        // A translation that refers to a value it was not given is a bug
        // of the translation (the tests look for them): say it in English.
        errors.is_empty().then(|| polish.into_owned())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english)
    }
}

/// A Text reads as its English, as the message strings it replaced did.
impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.english
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::english(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::english(text)
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Text {
        Text::english(text.clone())
    }
}

impl From<&Text> for Text {
    fn from(text: &Text) -> Text {
        text.clone()
    }
}

impl From<Text> for String {
    fn from(text: Text) -> String {
        text.english
    }
}

/// JSON stays English: a stable format for machines.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english)
    }
}

/// The lab whose file holds a message: `lab03-nick-taken` is in
/// `lab03.ftl` beside lab 03's tests; other keys are in `checker.ftl`.
fn lab_of_key(key: &str) -> Option<&str> {
    let lab = key.get(..5)?;
    let numbered = lab.starts_with("lab") && lab[3..].bytes().all(|b| b.is_ascii_digit());
    (numbered && key[5..].starts_with('-')).then_some(lab)
}

/// The Polish of the checker's own messages.
pub const PL_CHECKER: &str = include_str!("../locales/pl/checker.ftl");

/// The Polish `checks` and `hint` of every lab's tests, by lab id. A new
/// lab adds a line here and its file beside the others.
pub const PL_LABS: &[(&str, &str)] = &[
    ("lab00", include_str!("../locales/pl/lab00.ftl")),
    ("lab01", include_str!("../locales/pl/lab01.ftl")),
    ("lab02", include_str!("../locales/pl/lab02.ftl")),
    ("lab03", include_str!("../locales/pl/lab03.ftl")),
    ("lab04", include_str!("../locales/pl/lab04.ftl")),
    ("lab05", include_str!("../locales/pl/lab05.ftl")),
    ("lab06", include_str!("../locales/pl/lab06.ftl")),
];

/// A lab whose table holds another lab's tests and rules (lab 06 has lab
/// 03's): `(lab, the other lab)`. Its Polish is its own file first, then
/// the other's, message attribute by attribute: a shared test's `.checks`
/// comes from the other lab's file, and the lab's own hints for it (its
/// own `.hint`, `.hint-2`, `hint-<id>`) win over the other lab's.
pub const PL_SHARED: &[(&str, &str)] = &[("lab06", "lab03")];

type Bundle = FluentBundle<FluentResource>;

struct Catalog {
    checker: Bundle,
    labs: Vec<(&'static str, Bundle)>,
}

impl Catalog {
    fn lab(&self, id: &str) -> Option<&Bundle> {
        self.labs.iter().find(|(lab, _)| *lab == id).map(|(_, b)| b)
    }

    /// Lab `id`'s Polish of `message` (or of its `attribute`), and the
    /// bundle to format it with: from the lab's own file, else from the
    /// file of a lab it shares tests with ([`PL_SHARED`]).
    fn find<'a>(
        &'a self,
        id: &str,
        message: &str,
        attribute: Option<&str>,
    ) -> Option<(&'a Bundle, &'a Pattern<&'a str>)> {
        let shared = PL_SHARED
            .iter()
            .filter(|(lab, _)| *lab == id)
            .map(|(_, other)| *other);
        std::iter::once(id).chain(shared).find_map(|lab| {
            let bundle = self.lab(lab)?;
            let found = bundle.get_message(message)?;
            let pattern = match attribute {
                Some(attribute) => found.get_attribute(attribute)?.value(),
                None => found.value()?,
            };
            Some((bundle, pattern))
        })
    }
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog {
        checker: bundle(PL_CHECKER),
        labs: PL_LABS
            .iter()
            .map(|(lab, ftl)| (*lab, bundle(ftl)))
            .collect(),
    })
}

/// A Polish bundle of one file. What does not parse is left out (and
/// shown in English); the tests below find it first.
fn bundle(ftl: &'static str) -> Bundle {
    let resource = FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(partial, _)| partial);
    let mut bundle = Bundle::new_concurrent(vec!["pl".parse().expect("a language tag")]);
    // No Unicode isolation marks around values: a terminal shows them as
    // junk, and the values here are never right-to-left.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// Parse errors of a file, for the tests.
pub fn parse_errors(ftl: &str) -> Vec<String> {
    match FluentResource::try_new(ftl.to_string()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// The message names of a file (test names, or keys of `checker.ftl`),
/// in the file's order.
pub fn message_names(ftl: &str) -> Vec<String> {
    let resource = FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(partial, _)| partial);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs;

    /// Where a lab's Polish is, as a contributor types it.
    fn lab_file(lab: &str) -> String {
        format!("checker/locales/pl/{lab}.ftl")
    }

    #[test]
    fn every_test_of_every_lab_has_a_polish_hint_and_checks() {
        let mut missing = Vec::new();
        for lab in labs::all() {
            let id = lab.id();
            if catalog().lab(&id).is_none() {
                // The whole file to translate, from the English table.
                let template: String = lab
                    .tests
                    .iter()
                    .map(|t| {
                        format!(
                            "{} =\n    .checks = {}\n    .hint = {}\n",
                            t.name, t.checks, t.hints.default[0]
                        )
                    })
                    .collect();
                missing.push(format!(
                    "{id} has no Polish file: create {} with a message per test, as below \
                     (the English of checker/src/labs/{id}.rs, to translate), and add \
                     (\"{id}\", include_str!(\"../locales/pl/{id}.ftl\")) to PL_LABS in \
                     checker/src/i18n.rs\n\n{template}",
                    lab_file(&id)
                ));
                continue;
            }
            for test in lab.tests {
                let absent: Vec<&str> = ["checks", "hint"]
                    .into_iter()
                    .filter(|a| catalog().find(&id, test.name, Some(a)).is_none())
                    .collect();
                if !absent.is_empty() {
                    missing.push(format!(
                        "{id} test `{}` has no Polish {}: add to {} (the English is in \
                         checker/src/labs/{id}.rs)\n\n{} =\n    .checks = {}\n    .hint = {}",
                        test.name,
                        absent.join(" and no Polish "),
                        lab_file(&id),
                        test.name,
                        test.checks,
                        test.hints.default[0]
                    ));
                }
            }
        }
        assert!(missing.is_empty(), "\n{}\n", missing.join("\n\n"));
    }

    /// Every level of every hint, the texts a test's failure may show: each
    /// (lab, message, attribute, English). A hint several tests share is
    /// listed once.
    fn hint_texts() -> Vec<(String, String, Option<String>, &'static str)> {
        let mut texts = Vec::new();
        for lab in labs::all() {
            let id = lab.id();
            for test in lab.tests {
                let chosen = std::iter::once(crate::labs::Chosen {
                    id: None,
                    levels: test.hints.default,
                })
                .chain(test.hints.on.iter().map(|h| crate::labs::Chosen {
                    id: Some(h.id),
                    levels: h.levels,
                }));
                for chosen in chosen {
                    for level in 1..=chosen.levels.len() {
                        let text = crate::hints::text(lab, test, chosen, level);
                        let Key::Lab {
                            message, attribute, ..
                        } = text.key.clone()
                        else {
                            unreachable!("a hint is a lab's message");
                        };
                        let entry = (id.clone(), message, attribute, chosen.levels[level - 1]);
                        if !texts.contains(&entry) {
                            texts.push(entry);
                        }
                    }
                }
            }
        }
        texts
    }

    /// Each level of each hint has its Polish: a test's default in its
    /// message (`.hint`, `.hint-2`, `.hint-3`), a hint for a particular
    /// failure in `hint-<id>` (the value, `.level-2`, `.level-3`).
    #[test]
    fn every_level_of_every_hint_has_its_polish() {
        let mut missing = Vec::new();
        for (lab, message, attribute, english) in hint_texts() {
            let Some((bundle, pattern)) = catalog().find(&lab, &message, attribute.as_deref())
            else {
                let at = attribute.map_or(String::new(), |a| format!(" .{a}"));
                missing.push(format!(
                    "{}: `{message}`{at} has no Polish (English: {english:?})",
                    lab_file(&lab)
                ));
                continue;
            };
            let mut errors = Vec::new();
            let polish = bundle.format_pattern(pattern, None, &mut errors);
            if !errors.is_empty() || polish.trim().is_empty() {
                missing.push(format!(
                    "{}: `{message}` does not format: {errors:?}",
                    lab_file(&lab)
                ));
            }
        }
        assert!(missing.is_empty(), "\n{}\n", missing.join("\n"));
    }

    /// A lab that shares another's tests ([`PL_SHARED`]) and gives one of
    /// them hints of its own (lab 06's for lab 03's tests): their Polish is
    /// in its own file, or the other lab's Polish, other advice, would be
    /// shown under them.
    #[test]
    fn a_labs_own_hints_for_a_shared_test_have_its_own_polish() {
        let texts = hint_texts();
        let mut missing = Vec::new();
        for (id, other) in PL_SHARED {
            for (_, message, attribute, english) in texts.iter().filter(|t| t.0 == *id) {
                let theirs = texts
                    .iter()
                    .find(|(l, m, a, _)| l == other && m == message && a == attribute);
                if theirs.is_some_and(|(_, _, _, e)| e == english) {
                    continue; // the other lab's hint, and its Polish
                }
                let own = catalog()
                    .lab(id)
                    .and_then(|b| b.get_message(message))
                    .and_then(|m| match attribute {
                        Some(attribute) => m.get_attribute(attribute).map(|_| ()),
                        None => m.value().map(|_| ()),
                    });
                if own.is_none() {
                    let at = attribute
                        .as_ref()
                        .map_or(String::new(), |a| format!(" .{a}"));
                    missing.push(format!(
                        "{}: `{message}`{at} has no Polish of {id}'s own (English: {english:?}); \
                         {}'s says something else",
                        lab_file(id),
                        lab_file(other)
                    ));
                }
            }
        }
        assert!(missing.is_empty(), "\n{}\n", missing.join("\n"));
    }

    /// Each rule of a lab's handout says itself in Polish too (and why it
    /// is not checked, where it says so): `list --rules` and the Polish
    /// handout's rules table are made from these.
    #[test]
    fn every_lab_has_its_title_in_polish() {
        for lab in labs::all() {
            let title = Text::lab_title(&lab.id(), lab.title);
            assert!(
                title
                    .polish()
                    .is_some_and(|p| !p.is_empty() && p != lab.title),
                "{}: no `{}-title`",
                lab_file(&lab.id()),
                lab.id()
            );
        }
    }

    #[test]
    fn every_rule_of_every_lab_has_its_polish() {
        let mut missing = Vec::new();
        for lab in labs::all() {
            let id = lab.id();
            for rule in lab.rules {
                let name = crate::labs::rules::message(rule);
                let mut wanted = vec![("says", rule.says)];
                wanted.extend(rule.unchecked.map(|why| ("unchecked", why)));
                for (attribute, english) in wanted {
                    if catalog().find(&id, &name, Some(attribute)).is_none() {
                        missing.push(format!(
                            "{}: `{name}` has no Polish .{attribute} (English: {english:?})",
                            lab_file(&id)
                        ));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "\n{}\n", missing.join("\n"));
    }

    /// No Polish level of a hint that its English does not have (a level
    /// taken out of the table, or a hint renamed).
    #[test]
    fn no_polish_level_of_a_hint_is_left_over() {
        let mut missing = Vec::new();
        let texts = hint_texts();
        for (lab, ftl) in PL_LABS {
            let resource =
                FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(partial, _)| partial);
            for entry in resource.entries() {
                let fluent_syntax::ast::Entry::Message(message) = entry else {
                    continue;
                };
                let name = message.id.name;
                for attribute in &message.attributes {
                    let attribute = attribute.id.name;
                    let is_level = (attribute.starts_with("hint-") && !name.starts_with("hint-"))
                        || (attribute.starts_with("level-") && name.starts_with("hint-"));
                    let known = texts.iter().any(|(l, m, a, _)| {
                        l == lab && m == name && a.as_deref() == Some(attribute)
                    });
                    if is_level && !known {
                        missing.push(format!(
                            "{}: `{name}` has .{attribute}, a level the English of its hint \
                             does not have",
                            lab_file(lab)
                        ));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "\n{}\n", missing.join("\n"));
    }

    #[test]
    fn every_polish_lab_message_names_a_test_of_its_lab() {
        let mut stale = Vec::new();
        for (id, ftl) in PL_LABS {
            let Some(lab) = labs::all().iter().find(|lab| lab.id() == *id) else {
                stale.push(format!("PL_LABS lists {id}, which is not a lab"));
                continue;
            };
            for name in message_names(ftl) {
                if lab_of_key(&name).is_some() {
                    continue; // a message of the lab's tests: t!, below
                }
                if let Some(hint_id) = name.strip_prefix("hint-") {
                    let used = lab
                        .tests
                        .iter()
                        .any(|t| t.hints.on.iter().any(|h| h.id == hint_id));
                    if !used {
                        stale.push(format!(
                            "{} has `{name}`, but no test of {id} has a hint {hint_id} \
                             (renamed? rename it there too)",
                            lab_file(id)
                        ));
                    }
                    continue;
                }
                if let Some(rule_id) = name.strip_prefix("rule-") {
                    if !lab.rules.iter().any(|rule| rule.id == rule_id) {
                        stale.push(format!(
                            "{} has `{name}`, but {rule_id} is not a rule of {id} (renamed? \
                             rename it there too)",
                            lab_file(id)
                        ));
                    }
                    continue;
                }
                if !lab.tests.iter().any(|t| t.name == name) {
                    stale.push(format!(
                        "{} has `{name}`, but {id} has no test of that name (renamed? \
                         rename it there too)",
                        lab_file(id)
                    ));
                }
            }
        }
        assert!(stale.is_empty(), "\n{}\n", stale.join("\n"));
    }

    #[test]
    fn the_polish_files_parse_and_their_texts_format() {
        let files = std::iter::once(("checker", PL_CHECKER)).chain(PL_LABS.iter().copied());
        for (name, ftl) in files {
            let errors = parse_errors(ftl);
            assert!(
                errors.is_empty(),
                "checker/locales/pl/{name}.ftl: {errors:?}"
            );
        }
        for (id, _) in PL_LABS {
            let Some(lab) = labs::all().iter().find(|lab| lab.id() == *id) else {
                continue; // the test above says so
            };
            for test in lab.tests {
                for (attribute, english) in
                    [("checks", test.checks), ("hint", test.hints.default[0])]
                {
                    let text = Text::of_test(id, test.name, attribute, english);
                    if catalog().find(id, test.name, Some(attribute)).is_none() {
                        continue; // missing: the test above says so
                    }
                    assert!(
                        text.polish().is_some_and(|p| !p.trim().is_empty()),
                        "{} `{}`: its .{attribute} does not format",
                        lab_file(id),
                        test.name
                    );
                }
            }
        }
    }

    /// The `t!` calls of the checker's source: key and the names its
    /// English uses (`{name}`, `{name:?}`), which are all its values.
    fn t_calls() -> Vec<(String, Vec<String>, String)> {
        let checker = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let workspace = checker.parent().unwrap();
        let mut calls = Vec::new();
        for path in rust_files(&checker.join("src")) {
            let shown = path.strip_prefix(workspace).unwrap_or(&path);
            for (key, english, _) in sayings(&path).t {
                calls.push((key, placeholders(&english), shown.display().to_string()));
            }
        }
        calls
    }

    /// The Rust files under `dir`, every level down, in order.
    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let (mut found, mut dirs) = (Vec::new(), vec![dir.to_path_buf()]);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    /// What one source file says: its t! calls, and the sentences it gives
    /// a failure, a note or the harness without t!. Read with syn, so that
    /// comments, strings and macro definitions are what they are.
    #[derive(Default)]
    struct Sayings {
        /// Each t!: key, English, line.
        t: Vec<(String, String, usize)>,
        /// Each sentence without t!: line, text.
        bare: Vec<(usize, String)>,
    }

    fn sayings(path: &std::path::Path) -> Sayings {
        let source = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut sayings = Sayings::default();
        syn::visit::Visit::visit_file(&mut sayings, &file);
        sayings
    }

    /// The text of a string literal.
    fn literal(expr: Option<&syn::Expr>) -> Option<String> {
        match expr? {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        }
    }

    fn line(span: proc_macro2::Span) -> usize {
        span.start().line
    }

    /// Whether `mac` is `name!`, however its path is written (`crate::t!`).
    fn named(mac: &syn::Macro, name: &str) -> bool {
        mac.path.segments.last().is_some_and(|s| s.ident == name)
    }

    /// A macro's arguments, if they are expressions (`format!`, `t!`,
    /// `vec!`...; not `matches!`'s patterns).
    fn macro_arguments(mac: &syn::Macro) -> Option<Vec<syn::Expr>> {
        use syn::punctuated::Punctuated;
        let arguments = mac
            .parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
            .ok()?;
        Some(arguments.into_iter().collect())
    }

    impl Sayings {
        /// A sentence given as a bare string or a `format!` (borrowed or
        /// not) with words in it is one without t!; t!(...), a variable or
        /// a call is not.
        fn check(&mut self, argument: Option<&syn::Expr>) {
            use syn::spanned::Spanned;
            let Some(mut argument) = argument else {
                return;
            };
            while let syn::Expr::Reference(reference) = argument {
                argument = &reference.expr;
            }
            let text = match argument {
                syn::Expr::Macro(call) if named(&call.mac, "format") => {
                    macro_arguments(&call.mac).and_then(|a| literal(a.first()))
                }
                other => literal(Some(other)),
            };
            if let Some(text) = text.filter(|text| has_words(text)) {
                self.bare.push((line(argument.span()), text));
            }
        }
    }

    impl<'ast> syn::visit::Visit<'ast> for Sayings {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            let Some(arguments) = macro_arguments(mac) else {
                return;
            };
            if named(mac, "t") {
                if let Some(key) = literal(arguments.first()) {
                    let english = literal(arguments.get(1)).unwrap_or_else(|| {
                        panic!(
                            "line {}: t!(\"{key}\", …) needs a string literal",
                            line(mac.bang_token.span)
                        )
                    });
                    let at = line(mac.bang_token.span);
                    self.t.push((key, english, at));
                }
            }
            for argument in &arguments {
                self.visit_expr(argument);
            }
        }

        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(function) = &*call.func {
                let names: Vec<String> = function
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if let [.., kind, made] = names.as_slice() {
                    if kind == "Failure" && FAILURES.contains(&made.as_str()) {
                        self.check(call.args.first());
                    }
                }
                let name = names.last().map(String::as_str);
                if let Some((_, at)) = HELPERS.iter().find(|(helper, _)| Some(*helper) == name) {
                    self.check(call.args.iter().nth(*at));
                }
            }
            syn::visit::visit_expr_call(self, call);
        }

        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            let name = call.method.to_string();
            if ["expected", "got", "note"].contains(&name.as_str()) {
                self.check(call.args.first());
            }
            if PHRASES.contains(&name.as_str()) {
                self.check(call.args.last());
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }

    #[test]
    fn every_sentence_of_the_labs_tests_is_said_with_t() {
        let problems: Vec<String> = lab_messages_without_t()
            .into_iter()
            .map(|(path, line, text)| {
                format!(
                    "{path}:{line}: a sentence without t! (it stays English under --lang pl): \
                     {text:?}"
                )
            })
            .collect();
        assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    }

    /// The sentences of the labs' tests (checker/src/labs/) given to a
    /// failure or a note, and the phrases they give the harness (what a
    /// read waits for, why a program should exit: [`PHRASES`],
    /// [`HELPERS`]), as a bare string or a `format!`, not with t!:
    /// (file, line, the string). Strings without words (`"{line:?}"`,
    /// a protocol line in backticks) need no translation.
    fn lab_messages_without_t() -> Vec<(String, usize, String)> {
        let checker = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        for path in rust_files(&checker.join("src/labs")) {
            let shown = path
                .strip_prefix(checker.parent().unwrap())
                .unwrap_or(&path);
            for (line, text) in sayings(&path).bare {
                found.push((shown.display().to_string(), line, text));
            }
        }
        found
    }

    /// The failures a test makes, from their first argument.
    const FAILURES: [&str; 5] = ["wrong", "timeout", "crashed", "checker", "skipped"];

    /// The harness's methods that say a test's phrase, as their last
    /// argument: what a read waits for, why a program should exit.
    const PHRASES: [&str; 13] = [
        "read_line",
        "read_line_by",
        "read_raw_line",
        "read_raw_line_by",
        "read_exact",
        "read_exact_by",
        "read_to_end",
        "read_to_end_by",
        "expect_close",
        "expect_close_by",
        "send_and_read_to_end",
        "expect_exit",
        "expect_clean_exit",
    ];

    /// The labs' helpers that say a phrase, and which argument it is.
    const HELPERS: [(&str, usize); 3] = [
        ("expect_error_exit", 2),
        ("compare_bytes", 0),
        ("stdout_shows", 3),
    ];

    /// Whether a message has words of its own to translate: letters left
    /// once `{values}` and `` `quoted protocol` `` are taken out.
    fn has_words(text: &str) -> bool {
        let mut rest = String::new();
        let (mut in_value, mut in_quote) = (false, false);
        for c in text.chars() {
            match c {
                '{' if !in_quote => in_value = true,
                '}' if in_value => in_value = false,
                '`' if !in_value => in_quote = !in_quote,
                c if !in_value && !in_quote => rest.push(c),
                _ => {}
            }
        }
        rest.split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().count() >= 2)
    }

    #[test]
    fn words_and_values_are_told_apart() {
        assert!(!has_words("{line:?}"));
        assert!(!has_words("`WELCOME alice`"));
        assert!(!has_words("{n}: `{line}`"));
        assert!(has_words("no reply to {n}"));
        assert!(has_words("`QUIT` closes"));
    }

    fn placeholders(format: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut rest = format.replace("{{", "").replace("}}", "");
        while let Some(start) = rest.find('{') {
            let end = rest[start..].find('}').unwrap() + start;
            let name = rest[start + 1..end].split(':').next().unwrap().to_string();
            if !names.contains(&name) {
                names.push(name);
            }
            rest = rest[end + 1..].to_string();
        }
        names
    }

    #[test]
    fn every_message_of_the_checker_has_polish_that_uses_its_values() {
        let calls = t_calls();
        assert!(calls.len() > 50, "found only {} t! calls", calls.len());
        let mut problems = Vec::new();
        for (key, names, file) in &calls {
            let (found, ftl) = match lab_of_key(key) {
                Some(lab) => (catalog().find(lab, key, None), lab_file(lab)),
                None => {
                    let checker = &catalog().checker;
                    let pattern = checker.get_message(key).and_then(|m| m.value());
                    (pattern.map(|p| (checker, p)), lab_file("checker"))
                }
            };
            let Some((bundle, pattern)) = found else {
                problems.push(format!(
                    "{file}: t!(\"{key}\", …) has no Polish: add `{key} = …` to {ftl}"
                ));
                continue;
            };
            let mut args = FluentArgs::new();
            for name in names {
                args.set(name.as_str(), FluentValue::from(2));
            }
            let mut errors = Vec::new();
            bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                problems.push(format!(
                    "{ftl} `{key}` uses values that {file} does not give (it gives \
                     {names:?}): {errors:?}"
                ));
            }
        }
        for name in message_names(PL_CHECKER) {
            let dynamic = name.starts_with("program-") || name.starts_with("signal-");
            if !dynamic && !calls.iter().any(|(key, _, _)| *key == name) {
                problems.push(format!(
                    "checker/locales/pl/checker.ftl has `{name}`, which no t! in checker/src uses"
                ));
            }
            if lab_of_key(&name).is_some() {
                problems.push(format!(
                    "checker/locales/pl/checker.ftl has `{name}`: a lab's message goes in its \
                     own file"
                ));
            }
        }
        for (id, ftl) in PL_LABS {
            for name in message_names(ftl) {
                if lab_of_key(&name).is_some_and(|lab| lab != *id) {
                    problems.push(format!(
                        "{} has `{name}`, a key of another lab",
                        lab_file(id)
                    ));
                } else if lab_of_key(&name).is_some()
                    // A lab's title: Text::lab_title, tested above.
                    && !name.ends_with("-title")
                    && !calls.iter().any(|(key, _, _)| *key == name)
                {
                    problems.push(format!(
                        "{} has `{name}`, which no t! in checker/src uses",
                        lab_file(id)
                    ));
                }
            }
        }

        assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
    }

    #[test]
    fn the_locale_decides_in_the_posix_order() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "pl_PL.UTF-8")])), Lang::Pl);
        assert_eq!(Lang::from_locale(env(&[("LANG", "pl")])), Lang::Pl);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_GB.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
        let messages = &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "pl_PL.UTF-8")];
        assert_eq!(Lang::from_locale(env(messages)), Lang::Pl);
        let all = &[
            ("LC_ALL", "C.UTF-8"),
            ("LC_MESSAGES", "pl_PL"),
            ("LANG", "pl"),
        ];
        assert_eq!(Lang::from_locale(env(all)), Lang::En);
        // An empty variable is as good as unset.
        let empty = &[("LC_ALL", ""), ("LANG", "pl_PL.UTF-8")];
        assert_eq!(Lang::from_locale(env(empty)), Lang::Pl);
    }

    #[test]
    fn a_text_is_english_in_json_and_polish_when_asked() {
        let text = crate::t!("exited-with", "exited with status {code}", code = 3);
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            "\"exited with status 3\""
        );
        assert_eq!(text.render(Lang::En), "exited with status 3");
        assert_eq!(text.render(Lang::Pl), "zakończył się z kodem 3");
        // Inside another sentence, and a label: translated too.
        let nested = crate::t!(
            "ended-without-connecting",
            "the {label} {ended} without connecting to the checker",
            label = Text::program("client"),
            ended = text
        );
        assert_eq!(
            nested.render(Lang::Pl),
            "klient zakończył się z kodem 3, nie łącząc się ze sprawdzarką"
        );
        // Made in a lab's test: English in every language.
        assert_eq!(Text::from("the reply").render(Lang::Pl), "the reply");
    }

    #[test]
    fn polish_plurals_follow_the_number() {
        let holds = |count: usize| {
            crate::t!(
                "todos-holds-back",
                "holds back {count} test{s} ({points} points): {names}",
                count = count,
                s = "s",
                points = count,
                names = "a"
            )
            .render(Lang::Pl)
            .into_owned()
        };
        assert_eq!(holds(1), "wstrzymuje 1 test (1 punkt): a");
        assert_eq!(holds(3), "wstrzymuje 3 testy (3 punkty): a");
        assert_eq!(holds(5), "wstrzymuje 5 testów (5 punktów): a");
        assert_eq!(holds(22), "wstrzymuje 22 testy (22 punkty): a");
    }
}
