//! The Polish edition says one thing one way: docs/pl/slowniczek.md lists
//! each term with the variants we don't use (its third column, in
//! backticks), and no Polish handout (docs/pl/) and no Polish message
//! (checker/locales/pl/) may use them in prose. Code spans, code blocks,
//! link targets, paths and Fluent comments are not prose: `cargo run -p
//! checker` stays as it is.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

const GLOSSARY: &str = "docs/pl/slowniczek.md";

/// Each term of the glossary (its English name) with its forbidden variants.
fn forbidden() -> Vec<(String, Vec<String>)> {
    let text = fs::read_to_string(root().join(GLOSSARY)).unwrap();
    let mut terms = Vec::new();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() != 3 || cells[0].starts_with("---") || cells[0] == "po angielsku" {
            continue;
        }
        let variants: Vec<String> = cells[2]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_lowercase)
            .collect();
        if !variants.is_empty() {
            terms.push((cells[0].to_string(), variants));
        }
    }
    terms
}

/// Text without its code spans and link targets.
fn without_code(line: &str) -> String {
    let mut out = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        }
        out.push(' ');
    }
    // Link targets: ](path) is an address, not prose.
    while let Some(start) = out.find("](") {
        let end = out[start..].find(')').map_or(out.len(), |e| start + e + 1);
        out.replace_range(start + 1..end, " ");
    }
    out
}

/// The prose lines of a markdown page, numbered from 1.
fn markdown_prose(text: &str) -> Vec<(usize, String)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut line = line.to_string();
        // Markers such as <!-- rules: made from checker/src/... --> and the
        // first line of <!-- edition-only; the prose inside such a block
        // is shown in the edition, so it is checked.
        while let Some(start) = line.find("<!--") {
            let end = line[start..]
                .find("-->")
                .map_or(line.len(), |e| start + e + 3);
            line.replace_range(start..end, " ");
        }
        out.push((index + 1, without_code(&line)));
    }
    out
}

/// The values of a Fluent file (messages and attributes), numbered from 1.
fn fluent_values(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let head = line.trim_start();
        let is_entry = head.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            !key.is_empty() && !key.contains(char::is_whitespace)
        });
        let value = if is_entry {
            line.split_once('=').unwrap().1
        } else {
            line
        };
        out.push((index + 1, without_code(value)));
    }
    out
}

/// Where `variant` begins a word of `prose` (case ignored; whitespace in a
/// variant of several words matches any run of whitespace), unless that word
/// is a path or a file name (`checker/src`, `checker.md`).
fn uses(prose: &str, variant: &str) -> bool {
    let text = prose
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let variant = variant.split_whitespace().collect::<Vec<_>>().join(" ");
    text.match_indices(&variant).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let word_start = before.is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_');
        let rest: String = text[at..]
            .chars()
            .skip_while(|c| c.is_alphanumeric())
            .take(2)
            .collect();
        let path = rest.starts_with('/')
            || (rest.starts_with('.') && rest.chars().nth(1).is_some_and(char::is_alphanumeric));
        word_start && !path
    })
}

#[test]
fn the_glossary_names_forbidden_variants() {
    let terms = forbidden();
    assert!(
        terms.iter().any(|(term, _)| term == "checker")
            && terms.iter().any(|(term, _)| term == "request"),
        "{GLOSSARY}: no forbidden variants for `checker` and `request`: {terms:?}"
    );
}

#[test]
fn polish_handouts_and_messages_use_the_glossary_s_terms() {
    let root = root();
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["docs/pl", "checker/locales/pl"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str());
            if matches!(ext, Some("md" | "ftl")) && !path.ends_with(GLOSSARY) {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "too few Polish files found: {files:?}");
    let terms = forbidden();
    let mut problems = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let lines = if path.extension().is_some_and(|e| e == "ftl") {
            fluent_values(&text)
        } else {
            markdown_prose(&text)
        };
        for (number, prose) in &lines {
            for (term, variants) in &terms {
                for variant in variants.iter().filter(|v| uses(prose, v)) {
                    problems.push(format!(
                        "{}:{number}: `{variant}` — the glossary's word for `{term}` is another \
                         (see {GLOSSARY})",
                        path.strip_prefix(&root).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check itself: a variant in prose is caught; in code, in a path, or
/// inside a longer word it is not.
#[test]
fn the_check_finds_variants_only_in_prose() {
    assert!(uses("Wynik podaje checker.", "checker"));
    assert!(uses("testy Checkera", "checker"));
    assert!(uses("jedno żądanie", "żądani"));
    assert!(uses("wątek\n  zapisujący", "wątek zapisujący"));
    assert!(!uses("jedno zapytanie", "pytani"));
    assert!(!uses("zob. checker/src/labs", "checker"));
    assert!(!uses("zob. checker.md", "checker"));
    assert!(!uses(
        &without_code("uruchom `cargo run -p checker`"),
        "checker"
    ));
    assert!(!uses(
        &without_code("[sprawdzarka](../checker.md)"),
        "checker"
    ));
    let md = markdown_prose(
        "```sh\ncargo run -p checker\n```\n<!-- rules: checker/src -->\nsprawdzarka",
    );
    assert!(md.iter().all(|(_, l)| !uses(l, "checker")));
    let ftl = fluent_values("# the checker's words\nchecker-x = sprawdzarka\n    .hint = checker");
    assert_eq!(ftl.iter().filter(|(_, l)| uses(l, "checker")).count(), 1);
}
