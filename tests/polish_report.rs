//! `--lang pl` prints no English but what docs/pl/slowniczek.md lists as
//! staying English (its last section): each lab is graded with a broken
//! program (a mutant, so that tests fail and their messages, expected and
//! got, transcripts and hints are shown) and `-v`, once in Polish and
//! once in English with the same seed. A word of the Polish report that
//! the English report has too is English, unless it is a name (a test's,
//! a path, a command, what a program sent, a connection's) or listed.

#[allow(unused_macros)]
mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use checker::compile::{CargoOutput, Profile};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The words the glossary's last section lists in backticks.
fn stays_english() -> BTreeSet<String> {
    let glossary = std::fs::read_to_string(root().join("docs/pl/slowniczek.md")).unwrap();
    let section = glossary
        .split("## Co sprawdzarka zostawia po angielsku")
        .nth(1)
        .expect("docs/pl/slowniczek.md: the section of words that stay English");
    let section = section.split("\n## ").next().unwrap();
    section
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn checker_exe() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        checker::compile::build("checker", Profile::Dev, CargoOutput::Keep)
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The words of a report's prose: without the names it shows (test
/// names, commands and paths, quoted bytes, code spans, stderr lines,
/// the connections of a transcript) and numbers.
fn prose_words(report: &str, names: &[&str]) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for line in report.lines() {
        let mut line = line.trim_start();
        if line.starts_with('│') {
            continue;
        }
        // A transcript's line: `   12 c3        → "TIME\n"`: its time and
        // connection are names.
        if let Some((head, rest)) = line.split_once(['→', '←', '×', '·']) {
            if head.split_whitespace().count() == 2
                && head
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<u64>()
                    .is_ok()
            {
                line = rest;
            }
        }
        // `run it: COMMAND   (how it ended)`: only how it ended is prose.
        let mut owned = line.to_string();
        for label in ["uruchom:", "run it:"] {
            if let Some(rest) = owned.strip_prefix(label) {
                owned = rest
                    .rsplit_once("   (")
                    .map(|(_, e)| e)
                    .unwrap_or("")
                    .to_string();
            }
        }
        // A system's error, as the system words it: `Broken pipe (os
        // error 32)`, from the `: ` before it.
        while let Some(at) = owned.find("(os error") {
            let from = owned[..at].rfind(": ").map_or(0, |f| f + 2);
            let to = owned[at..].find(')').map_or(owned.len(), |t| at + t + 1);
            owned.replace_range(from..to, "");
        }
        let mut prose = String::new();
        let mut inside: Option<char> = None;
        for c in owned.chars() {
            match (inside, c) {
                (None, '"' | '`') => inside = Some(c),
                (None, '„') => inside = Some('”'),
                (Some(close), c) if c == close => inside = None,
                (None, c) => prose.push(c),
                _ => {}
            }
        }
        // A command (a path, then its arguments) goes on until `(`.
        let mut in_command = false;
        for token in prose.split_whitespace() {
            if in_command && !token.starts_with('(') {
                continue;
            }
            in_command = token.contains('/')
                && token.contains(char::is_alphabetic)
                && !token.starts_with('(');
            // A call, a macro or a type: `recv()`, `eprintln!`, `IpAddr`.
            let bare = token.trim_end_matches(|c: char| ",;:.".contains(c));
            let camel = bare
                .chars()
                .zip(bare.chars().skip(1))
                .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
            let call = (bare.ends_with(')') && bare.contains("()")) || bare.ends_with('!') || camel;
            let token = token.trim_matches(|c: char| ",;:()[].!?…".contains(c));
            let is_name = token.is_empty()
                || call
                || in_command
                || token.contains(|c: char| c.is_ascii_digit() || "/\\_=<>{}+".contains(c))
                || token.starts_with('-')
                || token.contains("::")
                || names.contains(&token)
                || (token.contains('.') && !token.ends_with('.'));
            if is_name {
                continue;
            }
            for word in token.split(|c: char| !c.is_alphabetic()) {
                if word.chars().count() >= 2 {
                    words.insert(word.to_string());
                }
            }
        }
    }
    words
}

fn report(lab: &checker::labs::Lab, exe: &Path, lang: &str) -> String {
    let mut command = Command::new(checker_exe());
    command
        .arg(lab.id())
        .arg("--exe")
        .arg(exe)
        .args(["-v", "--seed", "1", "--lang", lang])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    // As root the checker runs graded programs as nobody, who can run the
    // kit's mutants too (they are in target/tmp); nothing to change.
    let output = command.output().expect("run the checker");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{} {lang}: the mutant should fail some tests\n{}",
        lab.id(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn no_english(lab_key: &str, binary: &str, mutant: &str) {
    let lab = checker::labs::find(lab_key).unwrap();
    let prefix = format!("{}-", lab.id());
    let exe = common::mutant_exe(binary, &prefix, mutant);
    let (polish, english) = std::thread::scope(|scope| {
        let polish = scope.spawn(|| report(lab, &exe, "pl"));
        let english = report(lab, &exe, "en");
        (polish.join().unwrap(), english)
    });
    let names: Vec<&str> = lab.tests.iter().map(|t| t.name).collect();
    let stays = stays_english();
    let english_words = prose_words(&english, &names);
    let left: Vec<String> = prose_words(&polish, &names)
        .intersection(&english_words)
        .filter(|w| !stays.contains(*w))
        .cloned()
        .collect();
    let lines: Vec<String> = left
        .iter()
        .map(|word| {
            let line = polish
                .lines()
                .find(|line| prose_words(line, &names).contains(word))
                .unwrap_or("");
            format!("{word}: {}", line.trim())
        })
        .collect();
    assert!(
        left.is_empty(),
        "{} graded with --lang pl still says in English: {left:?}\n(add a word that \
         truly stays English to the last section of docs/pl/slowniczek.md)\n{}",
        lab.id(),
        lines.join("\n")
    );
}

#[test]
fn prose_words_leave_out_names() {
    let report = "  FAIL many-connections   0/2   3139 ms  timed out\n\
                  \x20     run it:   target/x server --port 0   (server was killed)\n\
                  \x20        12 c3…c100   → \"TIME\\n\" (×98)\n\
                  \x20        13 server    · ready on 127.0.0.1:4\n\
                  \x20 │ thread panicked\n\
                  \x20 expected: `* bob left` in lab01\n";
    let words = prose_words(report, &["many-connections"]);
    let expected: BTreeSet<String> = [
        "FAIL", "ms", "timed", "out", "was", "killed", "server", "ready", "on", "expected", "in",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    assert_eq!(words, expected);
}

#[test]
fn lab00_in_polish_has_no_english() {
    no_english("lab0", env!("CARGO_BIN_EXE_broken-lab00"), "reads-once");
}

#[test]
fn lab01_in_polish_has_no_english() {
    no_english("lab1", env!("CARGO_BIN_EXE_broken-lab01"), "single-recv");
}

#[test]
fn lab02_in_polish_has_no_english() {
    no_english("lab2", env!("CARGO_BIN_EXE_broken-lab02"), "reads-in-turn");
}

#[test]
fn lab03_in_polish_has_no_english() {
    no_english(
        "lab3",
        env!("CARGO_BIN_EXE_broken-lab03"),
        "one-user-at-a-time",
    );
}

#[test]
fn lab04_in_polish_has_no_english() {
    no_english("lab4", env!("CARGO_BIN_EXE_broken-lab04"), "closed-as-open");
}

#[test]
fn lab05_in_polish_has_no_english() {
    no_english("lab5", env!("CARGO_BIN_EXE_broken-lab05"), "one-at-a-time");
}

#[test]
fn lab06_in_polish_has_no_english() {
    no_english(
        "lab6",
        env!("CARGO_BIN_EXE_broken-lab06"),
        "waits-for-a-slow-reader",
    );
}
