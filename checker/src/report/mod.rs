//! Shows results: one line per test for a person (with the details of each
//! failure), JSON for a machine (schema in docs/checker.md), and the
//! formats CI and course platforms read: JUnit XML, a markdown summary,
//! Gradescope's results.json and GitHub Classroom's runner result.

mod classroom;
mod gradescope;
mod junit;
mod markdown;
pub mod plan;

pub use classroom::{
    Runner as ClassroomRunner, as_the_reporter_adds_up, classroom, classroom_results,
    not_graded as classroom_not_graded, runners as classroom_runners,
};
pub use gradescope::{gradescope, not_graded as gradescope_not_graded};
pub use junit::junit;
pub use markdown::{markdown, markdown_in};

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::harness::{Direction, Entry, Kind, Line, fold, shown};
use crate::i18n::{Lang, Text};
use crate::runner::{LabReport, Status, TestResult};
use crate::t;

/// A report format (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per test as it finishes, details of each failure.
    Human,
    /// The stable machine format (schema in docs/checker.md).
    Json,
    /// JUnit XML: a testsuite per lab, a testcase per test.
    Junit,
    /// A table per lab, for `$GITHUB_STEP_SUMMARY` or a pull request.
    Markdown,
    /// Gradescope's autograder `results.json`.
    Gradescope,
    /// GitHub Classroom's grading reporter's results: `RUNNER=BASE64` lines.
    Classroom,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Human,
        Format::Json,
        Format::Junit,
        Format::Markdown,
        Format::Gradescope,
        Format::Classroom,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Junit => "junit",
            Format::Markdown => "markdown",
            Format::Gradescope => "gradescope",
            Format::Classroom => "classroom",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The version of the JSON output's shape.
pub const JSON_SCHEMA: &str = "socklab-checker/1";

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    /// Show transcripts of passing tests too.
    pub verbose: bool,
    /// The language of the report's words, hints and messages (`--lang`).
    pub lang: Lang,
}

impl Style {
    /// Colour only on a terminal, and never when NO_COLOR is set.
    pub fn detect(verbose: bool) -> Style {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            colour: io::stdout().is_terminal() && !no_colour,
            verbose,
            lang: Lang::En,
        }
    }

    /// The same style, in `lang`.
    pub fn in_lang(self, lang: Lang) -> Style {
        Style { lang, ..self }
    }

    /// `text` in the report's language, escaped and shortened as every
    /// text that may quote a program.
    fn say(&self, text: &Text) -> String {
        shown(&text.render(self.lang), SHOWN_TEXT)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

pub fn lab_header(
    out: &mut impl Write,
    style: Style,
    report_lab: &str,
    title: &str,
    exe: &str,
    seed: u64,
) -> io::Result<()> {
    let header = t!(
        "report-header",
        "{lab} {title}: grading {exe} (seed {seed}; --seed {seed} repeats this run)",
        lab = report_lab,
        title = Text::lab_title(report_lab, title),
        exe = exe,
        seed = seed.to_string()
    );
    writeln!(out, "{}", header.render(style.lang))
}

/// One test: a line with its mark and points, then details if it failed.
pub fn test_line(out: &mut impl Write, style: Style, result: &TestResult) -> io::Result<()> {
    let mark = match result.status {
        Status::Pass => style.paint("32", "PASS"),
        Status::Fail => style.paint("31", "FAIL"),
        Status::Skip => style.paint("33", "SKIP"),
    };
    let why = match &result.failure {
        Some(f) if result.status == Status::Fail => format!("  {}", style.say(&f.kind.text())),
        Some(f) => format!("  {}", style.say(&f.message)),
        None => String::new(),
    };
    writeln!(
        out,
        "  {mark} {:<28} {:>2}/{:<2} {:>5} ms{why}",
        result.name, result.points, result.max_points, result.elapsed_ms
    )?;
    // A todo!() is told once, in the summary, for all the tests it holds
    // back: fourteen identical blocks would hide where to start.
    let todo = result
        .failure
        .as_ref()
        .filter(|f| f.kind == Kind::NotImplemented && result.status == Status::Fail);
    if let Some(failure) = todo.filter(|_| !style.verbose) {
        let at = failure.location.as_deref().unwrap_or("?");
        let line = t!("todo-at", "todo!() at {at}", at = shown(at, SHOWN_TEXT));
        writeln!(out, "         {}", line.render(style.lang))?;
    } else if result.status == Status::Fail || style.verbose {
        details(out, style, result)?;
    }
    Ok(())
}

/// The `todo!()`s the tests stopped at, each once, with the tests it holds
/// back: where the student should start.
pub fn todos(out: &mut impl Write, style: Style, report: &LabReport) -> io::Result<()> {
    let mut groups: Vec<(String, String, Vec<&TestResult>)> = Vec::new();
    for test in &report.tests {
        let Some(failure) = test
            .failure
            .as_ref()
            .filter(|f| f.kind == Kind::NotImplemented && test.status == Status::Fail)
        else {
            continue;
        };
        let location = failure.location.clone().unwrap_or_default();
        match groups.iter_mut().find(|(at, _, _)| *at == location) {
            Some((_, _, tests)) => tests.push(test),
            None => groups.push((
                location,
                failure.step.clone().unwrap_or_default(),
                vec![test],
            )),
        }
    }
    if groups.is_empty() {
        return Ok(());
    }
    let title = t!("todos-title", "Not implemented yet:");
    let intro = t!(
        "todos-intro",
        "the tests stopped at {count} todo!(){s} you have not written yet; start with the first:",
        count = groups.len(),
        s = if groups.len() == 1 { "" } else { "s" }
    );
    writeln!(
        out,
        "  {} {}",
        style.paint("1", &title.render(style.lang)),
        intro.render(style.lang)
    )?;
    for (location, step, tests) in &groups {
        let points: u32 = tests.iter().map(|t| t.max_points).sum();
        let names: Vec<&str> = tests.iter().map(|t| t.name.as_str()).collect();
        writeln!(
            out,
            "    {}  {}",
            style.paint("1", &shown(location, SHOWN_TEXT)),
            shown(step, SHOWN_TEXT)
        )?;
        let holds = t!(
            "todos-holds-back",
            "holds back {count} test{s} ({points} points): {names}",
            count = tests.len(),
            s = if tests.len() == 1 { "" } else { "s" },
            points = points,
            names = names.join(", ")
        );
        writeln!(out, "      {}", holds.render(style.lang))?;
    }
    Ok(())
}

fn details(out: &mut impl Write, style: Style, result: &TestResult) -> io::Result<()> {
    details_padded(out, style, result, "         ")
}

/// What the human report shows of one test (its check, the failure, the
/// commands, the transcript, stderr, the hint), without colour and without
/// indentation: the text machine reports attach to a failed test.
pub fn details_text(result: &TestResult) -> String {
    // Machine reports are English, as JSON is.
    let style = Style {
        colour: false,
        verbose: true,
        lang: Lang::En,
    };
    let mut text = Vec::new();
    // Writing into memory cannot fail.
    let _ = details_padded(&mut text, style, result, "");
    String::from_utf8_lossy(&text).into_owned()
}

/// One line on why a test failed (or was skipped): its kind and message,
/// escaped and cut to `max` characters; empty for a pass.
pub fn reason(result: &TestResult, max: usize) -> String {
    reason_in(result, max, Lang::En)
}

/// [`reason`] in `lang`.
pub fn reason_in(result: &TestResult, max: usize, lang: Lang) -> String {
    match &result.failure {
        Some(f) if result.status == Status::Fail => shown(
            &format!("{}: {}", f.kind.text().render(lang), f.message.render(lang)),
            max,
        ),
        Some(f) => shown(&f.message.render(lang), max),
        None => String::new(),
    }
}

fn details_padded(
    out: &mut impl Write,
    style: Style,
    result: &TestResult,
    pad: &str,
) -> io::Result<()> {
    let lang = style.lang;
    // The labels line up, in English (`expected: `) and in Polish alike.
    let labels = [
        t!("label-checks", "checks"),
        t!("label-expected", "expected"),
        t!("label-got", "got"),
        t!("label-run-it", "run it"),
    ];
    let width = labels
        .iter()
        .map(|l| l.render(lang).chars().count() + 2)
        .max()
        .unwrap_or(10);
    let [checks, expected, got, run_it] =
        labels.map(|l| format!("{:<width$}", format!("{}:", l.render(lang))));
    writeln!(out, "{pad}{}{}", checks, result.checks.render(lang))?;
    let failure = result
        .failure
        .as_ref()
        .filter(|_| result.status == Status::Fail);
    if let Some(failure) = failure {
        // What a failure says may quote the program: escaped, one line each.
        let message = style.say(&failure.message);
        writeln!(out, "{pad}{}", style.paint("1", &message))?;
        if let Some(text) = &failure.expected {
            writeln!(out, "{pad}{expected}{}", style.say(text))?;
        }
        if let Some(text) = &failure.got {
            writeln!(out, "{pad}{got}{}", style.say(text))?;
        }
    }
    for program in &result.programs {
        let how = t!(
            "run-it-ended",
            "{label} {ended}",
            label = Text::program(&program.label),
            ended = &program.ended
        );
        writeln!(
            out,
            "{pad}{}{}   ({})",
            run_it,
            program.command,
            how.render(lang)
        )?;
    }
    // For a todo!() the location says it all; otherwise show the exchange.
    let brief = failure.is_some_and(|f| f.kind == Kind::NotImplemented);
    if !brief {
        if !result.transcript.is_empty() {
            let title = t!(
                "transcript-title",
                "transcript (ms since the test started; c1, c2…: the checker's connections; → sent by the checker, ← received):"
            );
            writeln!(out, "{pad}{}", title.render(lang))?;
            // The connection the failure names and the last entries
            // before it stay whole; runs of repeats fold into one line.
            let named: Vec<&str> = failure
                .map(|f| f.message.as_str())
                .unwrap_or("")
                .split(|c: char| !c.is_ascii_alphanumeric())
                .collect();
            let tail = result.transcript.len().saturating_sub(KEPT_LAST);
            let lines = fold(&result.transcript, |i, entry| {
                i >= tail || named.contains(&entry.who.as_str())
            });
            let text = |entry: &Entry| {
                let arrow = match entry.direction {
                    Direction::Sent => "→",
                    Direction::Received => "←",
                    Direction::Closed => "×",
                    Direction::Note => "·",
                };
                let text = match entry.direction {
                    Direction::Sent | Direction::Received if entry.bytes > entry.text.len() => {
                        let size = t!("transcript-bytes", "{count} bytes", count = entry.bytes);
                        format!("\"{}\"… ({})", entry.text, size.render(lang))
                    }
                    Direction::Sent | Direction::Received => format!("\"{}\"", entry.text),
                    _ => entry.text.render(lang).into_owned(),
                };
                format!("{arrow} {text}")
            };
            // A transcript that does not fold is cut in the middle: its
            // start, and its end where the test failed.
            let cut = lines.len() > SHOWN_TRANSCRIPT;
            let half = SHOWN_TRANSCRIPT / 2;
            for (n, line) in lines.iter().enumerate() {
                if cut && n >= half && n < lines.len() - half {
                    if n == half {
                        let left_out = t!(
                            "transcript-left-out",
                            "… {count} lines left out …",
                            count = lines.len() - 2 * half
                        );
                        writeln!(out, "{pad}  {}", left_out.render(lang))?;
                    }
                    continue;
                }
                match line {
                    Line::One(entry) => writeln!(
                        out,
                        "{pad}  {:>6} {:<9} {}",
                        entry.at_ms,
                        entry.who,
                        text(entry)
                    )?,
                    Line::Repeated {
                        block,
                        count,
                        last_who,
                        ..
                    } => {
                        let what: Vec<String> = block.iter().map(text).collect();
                        writeln!(
                            out,
                            "{pad}  {:>6} {:<9} {} (×{count})",
                            block[0].at_ms,
                            format!("{}…{last_who}", block[0].who),
                            what.join(", ")
                        )?
                    }
                }
            }
            if result.transcript_omitted > 0 {
                let more = t!(
                    "transcript-more",
                    "... and {count} more entries",
                    count = result.transcript_omitted
                );
                writeln!(out, "{pad}  {}", more.render(lang))?;
            }
        }
        for program in result.programs.iter().filter(|p| !p.stderr_tail.is_empty()) {
            let title = t!(
                "stderr-title",
                "stderr of the {label} (last lines, escaped; │ marks the program's output):",
                label = Text::program(&program.label)
            );
            writeln!(out, "{pad}{}", title.render(lang))?;
            for line in &program.stderr_tail {
                writeln!(out, "{pad}  │ {}", shown(line, SHOWN_TEXT))?;
            }
        }
    }
    if failure.is_some() {
        for (level, text) in result.hints.iter().enumerate() {
            // A hint in levels says which one this is (1/3); a hint of one
            // level reads as it always has.
            let label = if result.hint_levels > 1 {
                t!(
                    "label-hint-level",
                    "hint {level}/{levels}",
                    level = level + 1,
                    levels = result.hint_levels
                )
            } else {
                t!("label-hint", "hint")
            };
            writeln!(
                out,
                "{pad}{} {}",
                style.paint("36", &format!("{}:", label.render(lang))),
                text.render(lang)
            )?;
        }
    }
    Ok(())
}

/// After a lab's tests: how to get the next level of a hint, if a failed
/// test has more than the report showed.
fn more_hints(out: &mut impl Write, style: Style, report: &LabReport) -> io::Result<()> {
    let more = report
        .tests
        .iter()
        .find(|t| t.status == Status::Fail && !t.hints.is_empty() && t.hints.len() < t.hint_levels);
    let Some(test) = more else {
        return Ok(());
    };
    let line = t!(
        "more-hints",
        "more help: `checker hint {lab} {test}` shows the next level of its hint",
        lab = &report.lab,
        test = &test.name
    );
    writeln!(out, "  {}", style.paint("36", &line.render(style.lang)))
}

/// How much of one failure text or output line the human report shows.
const SHOWN_TEXT: usize = 600;
/// How many of a transcript's last entries are never folded: the test
/// failed there.
const KEPT_LAST: usize = 8;
/// How many lines of a transcript, once folded, are shown: its start and
/// its end.
const SHOWN_TRANSCRIPT: usize = 200;

/// `lab01: 7/10 tests, 14/20 points in 0.84 s`, after the todo!()s.
pub fn summary(out: &mut impl Write, style: Style, report: &LabReport) -> io::Result<()> {
    todos(out, style, report)?;
    more_hints(out, style, report)?;
    let skipped = if report.skipped > 0 {
        t!(
            "summary-skipped",
            " ({count} skipped)",
            count = report.skipped
        )
    } else {
        Text::default()
    };
    let seconds = format!("{:.2}", report.elapsed_ms as f64 / 1000.0);
    let line = t!(
        "summary",
        "{lab}: {passed}/{counted} tests, {points}/{max} points in {seconds} s{skipped}",
        lab = &report.lab,
        passed = report.passed,
        counted = report.counted,
        points = report.points,
        max = report.max_points,
        // A decimal comma in Polish.
        seconds = match style.lang {
            Lang::Pl => seconds.replace('.', ","),
            Lang::En => seconds,
        },
        skipped = skipped
    );
    let code = if report.all_passed() { "1;32" } else { "1;31" };
    writeln!(out, "{}", style.paint(code, &line.render(style.lang)))
}

/// The table printed after `checker all`.
pub fn summary_table(out: &mut impl Write, style: Style, reports: &[LabReport]) -> io::Result<()> {
    let say = |text: Text| text.render(style.lang).into_owned();
    writeln!(
        out,
        "\n{:<8} {:<36} {:>7} {:>8}",
        say(t!("table-lab", "lab")),
        say(t!("table-title", "title")),
        say(t!("table-tests", "tests")),
        say(t!("table-points", "points"))
    )?;
    for r in reports {
        writeln!(
            out,
            "{:<8} {:<36} {:>7} {:>8}",
            r.lab,
            say(Text::lab_title(&r.lab, &r.title)),
            format!("{}/{}", r.passed, r.counted),
            format!("{}/{}", r.points, r.max_points)
        )?;
    }
    let (points, max): (u32, u32) = reports
        .iter()
        .fold((0, 0), |(p, m), r| (p + r.points, m + r.max_points));
    writeln!(
        out,
        "{:<8} {:<36} {:>7} {:>8}",
        say(t!("table-total", "total")),
        "",
        "",
        format!("{points}/{max}")
    )
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    schema: &'static str,
    labs: &'a [LabReport],
}

/// The whole run as one JSON document.
pub fn json(out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &JsonOutput {
            schema: JSON_SCHEMA,
            labs: reports,
        },
    )?;
    writeln!(out)
}

/// Writes the report of a whole run in `format` (the human report is
/// written as grading goes, and is not made here).
pub fn render(format: Format, out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    render_in(format, out, reports, Lang::En)
}

/// [`render`], with markdown in `lang`; the machine formats stay English.
pub fn render_in(
    format: Format,
    out: &mut impl Write,
    reports: &[LabReport],
    lang: Lang,
) -> io::Result<()> {
    match format {
        Format::Human => Ok(()),
        Format::Json => json(out, reports),
        Format::Junit => junit(out, reports),
        Format::Markdown => markdown_in(out, reports, lang),
        Format::Gradescope => gradescope(out, reports),
        Format::Classroom => classroom(out, reports),
    }
}
