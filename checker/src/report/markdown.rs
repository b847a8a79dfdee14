//! A markdown summary: a table per lab (test, points, result, short
//! reason), for `$GITHUB_STEP_SUMMARY`, a pull-request comment or a README.
//!
//! Whatever a student's program printed can reach a reason, so every cell
//! is escaped: it can't end the cell or the row, open a link, an image or
//! an HTML tag, or start emphasis or code.

use std::io::{self, Write};

use super::reason_in;
use crate::i18n::{Lang, Text};
use crate::runner::{LabReport, Status};
use crate::t;

/// How long a reason may be in the table (the other formats carry all).
const REASON: usize = 160;

pub fn markdown(out: &mut impl Write, reports: &[LabReport]) -> io::Result<()> {
    markdown_in(out, reports, Lang::En)
}

/// The summary in `lang` (`--lang`); test names stay as they are.
pub fn markdown_in(out: &mut impl Write, reports: &[LabReport], lang: Lang) -> io::Result<()> {
    for lab in reports {
        let heading = t!(
            "md-heading",
            "### {lab} {title}: {points}/{max} points, {passed}/{counted} tests passed",
            lab = &lab.lab,
            title = cell(&Text::lab_title(&lab.lab, &lab.title).render(lang)),
            points = lab.points,
            max = lab.max_points,
            passed = lab.passed,
            counted = lab.counted
        );
        writeln!(out, "{}\n", heading.render(lang))?;
        let columns = t!("md-columns", "| test | points | result | reason |");
        writeln!(out, "{}", columns.render(lang))?;
        writeln!(out, "|---|---:|---|---|")?;
        for test in &lab.tests {
            let result = match test.status {
                Status::Pass => t!("md-pass", "✅ pass"),
                Status::Fail => t!("md-fail", "❌ fail"),
                Status::Skip => t!("md-skip", "⏭️ skip"),
            };
            let result = result.render(lang);
            writeln!(
                out,
                "| {} | {}/{} | {result} | {} |",
                cell(&test.name),
                test.points,
                test.max_points,
                cell(&reason_in(test, REASON, lang))
            )?;
        }
        writeln!(out)?;
    }
    if reports.len() > 1 {
        let points: u32 = reports.iter().map(|r| r.points).sum();
        let max: u32 = reports.iter().map(|r| r.max_points).sum();
        let total = t!(
            "md-total",
            "**Total: {points}/{max} points**",
            points = points,
            max = max
        );
        writeln!(out, "{}\n", total.render(lang))?;
    }
    Ok(())
}

/// Text made safe for one cell of a GitHub-flavoured markdown table.
pub fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '\n' | '\r' => escaped.push(' '),
            c if c.is_control() => escaped.extend(c.escape_debug()),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn a_cell_cannot_break_the_table_or_inject_markup() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(cell("[click](http://x)"), "\\[click\\](http://x)");
        assert_eq!(cell("![i](y)"), "!\\[i\\](y)");
        assert_eq!(cell("*bold* _it_ `code`"), "\\*bold\\* \\_it\\_ \\`code\\`");
        assert_eq!(cell("line\nnext"), "line next");
        assert_eq!(cell("a\\|b"), "a\\\\\\|b");
        assert_eq!(cell("\u{1b}[31m"), "\\u{1b}\\[31m");
        assert_eq!(cell("server-binds-only"), "server-binds-only");
    }
}
