//! The course book (docs/) is checked like code:
//!
//! - code a handout shows from a lab's files is exactly that file's region
//!   (`<!-- code: PATH:ANCHOR -->` before the block; the region is between
//!   `// ANCHOR: name` and `// ANCHOR_END: name`, mdBook's own markers);
//! - the English and Polish edition of a handout agree on the protocol: the
//!   same headings, the same code blocks (less shell comments and diagram
//!   notes, which are prose) and the same `code` spans in the protocol
//!   sections;
//! - SUMMARY.md lists every handout, and every relative link resolves;
//! - every handout has a Mermaid diagram and a common-mistakes section.
//!
//! `SOCKLAB_BLESS=1 cargo test -p kit-tests --test handouts` rewrites the
//! shown code from the labs' files instead of failing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A path relative to the repository, for messages.
fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every markdown file of the book (docs/, recursively), sorted.
fn book_pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut pages = Vec::new();
    walk(&root().join("docs"), &mut pages);
    pages.sort();
    pages
}

/// The English handouts (docs/labs/NN-name.md), as (lab, path).
fn english_handouts() -> Vec<(String, PathBuf)> {
    handouts_in(&root().join("docs/labs"))
}

/// The Polish handouts (docs/pl/NN-name.md).
fn polish_handouts() -> Vec<(String, PathBuf)> {
    handouts_in(&root().join("docs/pl"))
}

fn handouts_in(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut found: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.ends_with(".md") && name.as_bytes()[0].is_ascii_digit()
        })
        .map(|path| {
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                path,
            )
        })
        .collect();
    found.sort();
    found
}

// ---------------------------------------------------------------------------
// A little markdown: fenced blocks, headings, code spans.

/// A fenced code block.
#[derive(Debug)]
struct Block {
    /// The info string: `rust`, `sh`, `mermaid`, or empty.
    lang: String,
    /// 1-based line of the opening fence.
    line: usize,
    /// The lines between the fences, less the fence's indentation.
    lines: Vec<String>,
}

/// A line of a page outside fenced blocks, with its number.
struct Prose<'a> {
    line: usize,
    text: &'a str,
}

struct Page<'a> {
    blocks: Vec<Block>,
    prose: Vec<Prose<'a>>,
}

fn parse(text: &str) -> Page<'_> {
    let mut blocks = Vec::new();
    let mut prose = Vec::new();
    let mut open: Option<(Block, usize)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match open.take() {
            None if trimmed.starts_with("```") => {
                let lang = trimmed.trim_start_matches('`').trim().to_string();
                open = Some((
                    Block {
                        lang,
                        line: i + 1,
                        lines: Vec::new(),
                    },
                    indent,
                ));
            }
            None => prose.push(Prose {
                line: i + 1,
                text: line,
            }),
            Some((block, _)) if trimmed.starts_with("```") => blocks.push(block),
            Some((mut block, fence_indent)) => {
                let cut = fence_indent.min(line.len() - line.trim_start().len());
                block.lines.push(line[cut..].to_string());
                open = Some((block, fence_indent));
            }
        }
    }
    assert!(open.is_none(), "a code block is not closed");
    Page { blocks, prose }
}

/// A `##` or `###` heading: (level, text, line).
fn headings(page: &Page) -> Vec<(usize, String, usize)> {
    page.prose
        .iter()
        .filter_map(|p| {
            let level = p.text.chars().take_while(|&c| c == '#').count();
            let rest = p.text[level..].strip_prefix(' ')?;
            (level == 2 || level == 3).then(|| (level, rest.trim().to_string(), p.line))
        })
        .collect()
}

/// The `code` spans of some prose lines, each with the line it starts on;
/// a span may wrap onto the next line (its whitespace is then one space).
fn code_spans(lines: &[&Prose]) -> Vec<(String, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for p in lines {
        // A blank line ends a paragraph, and any span left open in it.
        if p.text.trim().is_empty() {
            open = None;
            continue;
        }
        let mut rest = p.text;
        while let Some(i) = rest.find('`') {
            match open.take() {
                Some((mut span, line)) => {
                    span.push_str(&rest[..i]);
                    spans.push((normalize_space(&span), line));
                }
                None => open = Some((String::new(), p.line)),
            }
            rest = &rest[i + 1..];
        }
        if let Some((span, _)) = &mut open {
            span.push_str(rest);
            span.push(' ');
        }
    }
    spans
}

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What of a code block the two editions must share. Rust, JSON and plain
/// blocks (command lines, output) are compared whole. Shell comments are
/// prose, and so are a Mermaid diagram's notes and labels: of a diagram,
/// only the quoted strings of a sequence diagram's messages (`->>` lines:
/// the bytes on the wire, `send("Hello\n")`) count.
fn protocol_of(block: &Block) -> Vec<String> {
    match block.lang.as_str() {
        "sh" | "console" | "bash" => block
            .lines
            .iter()
            .map(|line| strip_shell_comment(line).trim_end().to_string())
            .collect(),
        "mermaid" => block
            .lines
            .iter()
            .filter(|l| l.contains("->>"))
            .flat_map(|l| quoted(l))
            .collect(),
        _ => block
            .lines
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect(),
    }
}

/// A line less its `# comment` (a `#` at the start or after a space, not
/// inside quotes).
fn strip_shell_comment(line: &str) -> &str {
    let mut quote = None;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'\'' | b'"') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'#') if i == 0 || bytes[i - 1] == b' ' => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The "double-quoted" strings of a line.
fn quoted(line: &str) -> Vec<String> {
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------
// Code shown from the labs' files.

const MARKER: &str = "<!-- code: ";

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` in a file, less
/// any other anchor lines inside (as mdBook's `{{#include file:name}}`).
fn region(file: &Path, anchor: &str) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", shown(file)))?;
    let is = |line: &str, what: &str| {
        line.trim()
            .strip_prefix("//")
            .map(str::trim)
            .and_then(|l| l.strip_prefix(what))
            .is_some_and(|l| l.trim() == anchor)
    };
    let start = text
        .lines()
        .position(|l| is(l, "ANCHOR:"))
        .ok_or_else(|| format!("{} has no `// ANCHOR: {anchor}`", shown(file)))?;
    let lines: Vec<&str> = text.lines().skip(start + 1).collect();
    let end = lines
        .iter()
        .position(|l| is(l, "ANCHOR_END:"))
        .ok_or_else(|| format!("{} has no `// ANCHOR_END: {anchor}`", shown(file)))?;
    Ok(lines[..end]
        .iter()
        .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
        .map(|l| l.to_string())
        .collect())
}

#[test]
fn code_shown_in_the_book_is_the_labs_own() {
    let bless = std::env::var_os("SOCKLAB_BLESS").is_some();
    let mut problems = Vec::new();
    let mut shown_blocks = 0;
    for page in book_pages() {
        let text = read(&page);
        let lines: Vec<&str> = text.lines().collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            out.push(lines[i].to_string());
            let Some(spec) = lines[i]
                .trim()
                .strip_prefix(MARKER)
                .and_then(|s| s.strip_suffix("-->"))
            else {
                i += 1;
                continue;
            };
            shown_blocks += 1;
            let at = format!("{}:{}", shown(&page), i + 1);
            let spec = spec.trim();
            let Some((file, anchor)) = spec.rsplit_once(':') else {
                problems.push(format!("{at}: `{spec}` is not PATH:ANCHOR"));
                i += 1;
                continue;
            };
            let expected = match region(&root().join(file), anchor) {
                Ok(lines) => lines,
                Err(e) => {
                    problems.push(format!("{at}: {e}"));
                    i += 1;
                    continue;
                }
            };
            // The block must follow the marker at once.
            let fence = lines.get(i + 1).copied().unwrap_or("");
            if !fence.starts_with("```") {
                problems.push(format!("{at}: a ``` code block must follow the marker"));
                i += 1;
                continue;
            }
            let close = (i + 2..lines.len())
                .find(|&k| lines[k].starts_with("```"))
                .unwrap_or_else(|| panic!("{at}: the code block is not closed"));
            let actual: Vec<&str> = lines[i + 2..close].to_vec();
            if actual != expected {
                let first = actual
                    .iter()
                    .zip(&expected)
                    .position(|(a, e)| a != e)
                    .unwrap_or(actual.len().min(expected.len()));
                problems.push(format!(
                    "{at}: the block differs from {file}, region `{anchor}`, from its line {} on \
                     (handout: {:?}, file: {:?}). The block should read:\n{fence}\n{}\n```\n\
                     (or run SOCKLAB_BLESS=1 cargo test -p kit-tests --test handouts)",
                    first + 1,
                    actual.get(first).copied().unwrap_or("<end>"),
                    expected.get(first).map(String::as_str).unwrap_or("<end>"),
                    expected.join("\n"),
                ));
            }
            out.push(fence.to_string());
            out.extend(expected);
            i = close;
        }
        if bless {
            let mut new = out.join("\n");
            new.push('\n');
            if new != text {
                fs::write(&page, new).unwrap();
            }
        }
    }
    if bless {
        return;
    }
    assert!(
        shown_blocks > 0,
        "no page shows code from a lab: the check has nothing to check"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
}

// ---------------------------------------------------------------------------
// The English and Polish editions.

/// The sections that state the protocol: a `##` heading of the English
/// edition that says "protocol" or "exactly", with its `###` subsections.
fn is_protocol_heading(english: &str) -> bool {
    let lower = english.to_lowercase();
    lower.contains("protocol") || lower.contains("exactly")
}

/// The prose lines of each `##` section, by the section's index among the
/// page's `##` headings.
fn sections<'a>(page: &'a Page<'a>) -> Vec<(String, Vec<&'a Prose<'a>>)> {
    let mut out: Vec<(String, Vec<&Prose>)> = Vec::new();
    for p in &page.prose {
        if let Some(title) = p.text.strip_prefix("## ") {
            out.push((title.trim().to_string(), Vec::new()));
        } else if let Some((_, lines)) = out.last_mut() {
            lines.push(p);
        }
    }
    out
}

/// What one lab's two editions disagree on, each as a sentence naming the
/// lab and the line.
fn disagreements(lab: &str, english: &Path, polish: &Path) -> Vec<String> {
    let (en_text, pl_text) = (read(english), read(polish));
    let (en, pl) = (parse(&en_text), parse(&pl_text));
    let (en_name, pl_name) = (shown(english), shown(polish));
    let mut problems = Vec::new();

    // The same structure: one heading for each heading.
    let (en_heads, pl_heads) = (headings(&en), headings(&pl));
    for k in 0..en_heads.len().max(pl_heads.len()) {
        match (en_heads.get(k), pl_heads.get(k)) {
            (Some((a, _, _)), Some((b, _, _))) if a == b => {}
            (Some((level, title, line)), other) => {
                problems.push(format!(
                    "lab {lab}: heading {} of {en_name} (line {line}, {} \"{title}\") has no \
                     counterpart in {pl_name}{}",
                    k + 1,
                    "#".repeat(*level),
                    match other {
                        Some((l, t, n)) =>
                            format!(" (there: line {n}, {} \"{t}\")", "#".repeat(*l)),
                        None => String::new(),
                    }
                ));
                break;
            }
            (None, Some((level, title, line))) => {
                problems.push(format!(
                    "lab {lab}: {pl_name} has a heading {en_name} lacks: line {line}, {} \"{title}\"",
                    "#".repeat(*level)
                ));
                break;
            }
            (None, None) => unreachable!(),
        }
    }

    // The same code blocks, in the same order.
    if en.blocks.len() != pl.blocks.len() {
        problems.push(format!(
            "lab {lab}: {en_name} has {} code blocks, {pl_name} {}",
            en.blocks.len(),
            pl.blocks.len()
        ));
    }
    for (a, b) in en.blocks.iter().zip(&pl.blocks) {
        let (pa, pb) = (protocol_of(a), protocol_of(b));
        if a.lang != b.lang {
            problems.push(format!(
                "lab {lab}: the code block at {en_name}:{} is ```{}, at {pl_name}:{} ```{}",
                a.line, a.lang, b.line, b.lang
            ));
        } else if pa != pb {
            let k = pa
                .iter()
                .zip(&pb)
                .position(|(x, y)| x != y)
                .unwrap_or(pa.len().min(pb.len()));
            problems.push(format!(
                "lab {lab}: the code blocks at {en_name}:{} and {pl_name}:{} differ: English {:?}, Polish {:?}",
                a.line,
                b.line,
                pa.get(k).map(String::as_str).unwrap_or("<end of block>"),
                pb.get(k).map(String::as_str).unwrap_or("<end of block>"),
            ));
        }
    }

    // The same `code` spans in the protocol sections (in any order: word
    // order is the language's business).
    let (en_sections, pl_sections) = (sections(&en), sections(&pl));
    let mut protocol_sections = 0;
    for (k, (title, en_lines)) in en_sections.iter().enumerate() {
        if !is_protocol_heading(title) {
            continue;
        }
        protocol_sections += 1;
        let Some((pl_title, pl_lines)) = pl_sections.get(k) else {
            continue; // reported with the headings
        };
        let count = |spans: &[(String, usize)]| {
            let mut counts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (span, line) in spans {
                counts.entry(span.clone()).or_default().push(*line);
            }
            counts
        };
        let en_spans = count(&code_spans(en_lines));
        let pl_spans = count(&code_spans(pl_lines));
        for (span, lines) in &en_spans {
            let there = pl_spans.get(span).map_or(0, Vec::len);
            if there < lines.len() {
                problems.push(format!(
                    "lab {lab}: `{span}` appears {} times in \"{title}\" of {en_name} (line {}) \
                     but {there} in \"{pl_title}\" of {pl_name}",
                    lines.len(),
                    lines[0]
                ));
            }
        }
        for (span, lines) in &pl_spans {
            let there = en_spans.get(span).map_or(0, Vec::len);
            if there < lines.len() {
                problems.push(format!(
                    "lab {lab}: `{span}` appears {} times in \"{pl_title}\" of {pl_name} (line {}) \
                     but {there} in \"{title}\" of {en_name}",
                    lines.len(),
                    lines[0]
                ));
            }
        }
    }
    if protocol_sections == 0 {
        problems.push(format!(
            "lab {lab}: {en_name} has no `##` section whose title says \"protocol\" or \"exactly\""
        ));
    }
    problems
}

#[test]
fn every_handout_has_a_polish_edition_that_agrees_on_the_protocol() {
    let polish: BTreeMap<_, _> = polish_handouts().into_iter().collect();
    let english = english_handouts();
    assert!(english.len() >= 5, "the English handouts: {english:?}");
    let mut problems = Vec::new();
    for (lab, path) in &english {
        match polish.get(lab) {
            Some(pl) => problems.extend(disagreements(lab, path, pl)),
            None => problems.push(format!(
                "lab {lab}: {} has no Polish edition docs/pl/{lab}.md",
                shown(path)
            )),
        }
    }
    for lab in polish.keys() {
        if !english.iter().any(|(l, _)| l == lab) {
            problems.push(format!(
                "docs/pl/{lab}.md has no English docs/labs/{lab}.md"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The check itself: a changed protocol line is caught, changed prose is
/// not.
#[test]
fn the_editions_check_catches_a_protocol_change_and_not_prose() {
    let dir = std::env::temp_dir().join(format!("socklab-handouts-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let english = "# Lab 99\n\n```mermaid\nsequenceDiagram\n    Note over S: accept() blocks\n    \
                   C->>S: send(\"Hello\\n\")\n```\n\n## The protocol, exactly\n\nThe client sends \
                   `Hello`\nand the server says `Hello from server`.\n\n```\nlab99 server \
                   [--port 7799]\n```\n\n## Try it\n\n```sh\nnc 127.0.0.1 7799   # type Hello\n```\n";
    let polish_ok = "# Lab 99\n\n```mermaid\nsequenceDiagram\n    Note over S: accept() czeka\n    \
                     C->>S: send(\"Hello\\n\")\n```\n\n## Protokół, dokładnie\n\nSerwer odpowiada `Hello from server`, \
                     gdy klient wyśle `Hello`.\n\n```\nlab99 server [--port 7799]\n```\n\n\
                     ## Spróbuj\n\n```sh\nnc 127.0.0.1 7799   # wpisz Hello\n```\n";
    let cases = [
        (polish_ok.to_string(), None),
        (
            polish_ok.replace("`Hello from server`", "`Hello from Server`"),
            Some("`Hello from server` appears 1 times"),
        ),
        (
            polish_ok.replace("[--port 7799]", "[--port 7798]"),
            Some("code blocks at"),
        ),
        (
            polish_ok.replace("nc 127.0.0.1 7799 ", "nc -C 127.0.0.1 7799 "),
            Some("code blocks at"),
        ),
        (
            polish_ok.replace("send(\"Hello", "send(\"Helo"),
            Some("code blocks at"),
        ),
        (
            polish_ok.replace("## Spróbuj", "Spróbuj"),
            Some("no counterpart"),
        ),
    ];
    let en_path = dir.join("en.md");
    fs::write(&en_path, english).unwrap();
    for (polish, expected) in cases {
        let pl_path = dir.join("pl.md");
        fs::write(&pl_path, &polish).unwrap();
        let problems = disagreements("99", &en_path, &pl_path);
        match expected {
            None => assert!(problems.is_empty(), "{problems:?}"),
            Some(text) => assert!(
                problems
                    .iter()
                    .any(|p| p.contains(text) && p.contains("lab 99")),
                "expected {text:?} in {problems:?}"
            ),
        }
    }
    fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------
// The book's table of contents and links.

/// The relative link targets of a page (outside code), with their lines.
fn links(text: &str) -> Vec<(String, usize)> {
    let page = parse(text);
    let mut out = Vec::new();
    for p in &page.prose {
        // Leave out code spans: `[a](b)` in code is not a link.
        let outside: String = p.text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = outside.as_str();
        while let Some(at) = rest.find("](") {
            let tail = &rest[at + 2..];
            let Some(end) = tail.find(')') else { break };
            let target = tail[..end].trim();
            if !target.contains("://") && !target.starts_with("mailto:") {
                out.push((target.to_string(), p.line));
            }
            rest = &tail[end..];
        }
    }
    out
}

/// GitHub's (and mdBook's) anchor for a heading: lower case, spaces to
/// `-`, punctuation other than `-` and `_` dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    parse(text)
        .prose
        .iter()
        .filter(|p| p.text.starts_with('#'))
        .map(|p| slug(p.text.trim_start_matches('#')))
        .collect()
}

#[test]
fn every_link_in_the_book_and_the_readme_resolves() {
    let mut pages = book_pages();
    pages.push(root().join("README.md"));
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let text = read(page);
        for (target, line) in links(&text) {
            checked += 1;
            let (file, anchor) = match target.split_once('#') {
                Some((file, anchor)) => (file, Some(anchor)),
                None => (target.as_str(), None),
            };
            let path = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            if !path.exists() {
                problems.push(format!("{}:{line}: {target}: no such file", shown(page)));
                continue;
            }
            if let Some(anchor) = anchor {
                if path.is_file() && !anchors(&read(&path)).iter().any(|a| a == anchor) {
                    problems.push(format!(
                        "{}:{line}: {target}: {} has no heading #{anchor}",
                        shown(page),
                        shown(&path)
                    ));
                }
            }
        }
    }
    assert!(
        checked > 10,
        "only {checked} links found: the check is broken"
    );
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_summary_lists_every_page_of_the_book() {
    let docs = root().join("docs");
    let summary = read(&docs.join("SUMMARY.md"));
    let listed: Vec<PathBuf> = links(&summary)
        .into_iter()
        .map(|(target, _)| docs.join(target))
        .collect();
    let mut problems = Vec::new();
    for page in book_pages() {
        if page.file_name().unwrap() == "SUMMARY.md" {
            continue;
        }
        if !listed.contains(&page) {
            problems.push(format!("docs/SUMMARY.md does not list {}", shown(&page)));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn every_handout_has_a_diagram_and_its_common_mistakes() {
    let mut problems = Vec::new();
    let editions = [
        (english_handouts(), "## Common mistakes"),
        (polish_handouts(), "## Typowe błędy"),
    ];
    for (handouts, mistakes) in editions {
        for (_, path) in handouts {
            let text = read(&path);
            let page = parse(&text);
            if !page.blocks.iter().any(|b| b.lang == "mermaid") {
                problems.push(format!("{} has no ```mermaid diagram", shown(&path)));
            }
            if !page.prose.iter().any(|p| p.text.trim() == mistakes) {
                problems.push(format!("{} has no \"{mistakes}\" section", shown(&path)));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// The rules table: every handout shows its lab's rules, with the tests that
// check them, exactly as the checker's table has them.

/// The generated block of a page, if its markers are there: (first line,
/// line after the end marker).
fn rules_block(lines: &[&str], begin: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| *l == begin)?;
    let end = (start..lines.len()).find(|&k| lines[k] == checker::labs::rules::END_MARKER)?;
    Some((start, end + 1))
}

#[test]
fn every_handout_shows_its_rules_as_the_checker_has_them() {
    use checker::i18n::Lang;
    let bless = std::env::var_os("SOCKLAB_BLESS").is_some();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (lang, handouts) in [
        (Lang::En, english_handouts()),
        (Lang::Pl, polish_handouts()),
    ] {
        for (key, page) in handouts {
            let Some(lab) = checker::labs::find(&key) else {
                continue;
            };
            let expected = checker::labs::rules::markdown(lab, lang);
            let text = read(&page);
            let lines: Vec<&str> = text.lines().collect();
            let begin = checker::labs::rules::begin_marker(lab);
            let Some((start, end)) = rules_block(&lines, &begin) else {
                problems.push(format!(
                    "{}: no rules table; put a section for it (`## Rules`, `## Reguły`) with \
                     these two lines where the table goes, then run SOCKLAB_BLESS=1 cargo \
                     test -p kit-tests --test handouts:\n{begin}\n{}",
                    shown(&page),
                    checker::labs::rules::END_MARKER
                ));
                continue;
            };
            checked += 1;
            let actual = lines[start..end].join("\n") + "\n";
            if actual == expected {
                continue;
            }
            if bless {
                let mut new = lines[..start].join("\n");
                new.push('\n');
                new.push_str(&expected);
                for line in &lines[end..] {
                    new.push_str(line);
                    new.push('\n');
                }
                fs::write(&page, new).unwrap();
            } else {
                problems.push(format!(
                    "{}: the rules table differs from the checker's (checker/src/labs/{}.rs \
                     and its Polish); run SOCKLAB_BLESS=1 cargo test -p kit-tests --test \
                     handouts. It should read:\n{expected}",
                    shown(&page),
                    lab.id()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
    assert!(checked > 0 || bless, "no handout has a rules table");
}
