//! The class report: one self-contained HTML page (class.html), made of
//! class.json alone, that opens from a file with no network: the styles,
//! the pictures (SVG drawn here) and a few lines of script to sort the
//! table are all inside it.
//!
//! What it shows, for the lecture after the deadline: the distribution of
//! the totals (a histogram), each test's pass rate (bars, worst first),
//! for each failing test its most common failure messages with counts and
//! one example transcript, and every student's row in a sortable table.
//! The test of the page in a browser is tests/class_report.rs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Class;
use super::grade::RepoResult;

/// How many bars the histogram of totals has (at most).
const BINS: u32 = 10;
/// How many failure messages are shown per test.
const MESSAGES: usize = 5;

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for HTML text and
/// attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The histogram's bins over 0..=max: (from, to, how many totals), `to`
/// inclusive; the last bin holds the full marks.
pub fn histogram(totals: &[u32], max: u32) -> Vec<(u32, u32, usize)> {
    let bins = BINS.min(max.max(1));
    let width = max.max(1).div_ceil(bins);
    let mut out: Vec<(u32, u32, usize)> = (0..bins)
        .map(|i| (i * width, ((i + 1) * width).saturating_sub(1).min(max), 0))
        .filter(|(from, _, _)| *from <= max)
        .collect();
    if let Some(last) = out.last_mut() {
        last.1 = max;
    }
    for &total in totals {
        let i = out
            .iter()
            .position(|(from, to, _)| (*from..=*to).contains(&total))
            .unwrap_or(out.len() - 1);
        out[i].2 += 1;
    }
    out
}

/// One test across the class.
#[derive(Debug, Clone, PartialEq)]
pub struct TestStats {
    pub lab: String,
    pub test: String,
    pub passed: usize,
    /// Graded repositories where it ran (not skipped).
    pub ran: usize,
    /// Failure messages grouped (numbers made `#`), most common first:
    /// (message as first seen, count, a student, their transcript).
    pub messages: Vec<(String, usize, String, Vec<String>)>,
}

impl TestStats {
    pub fn rate(&self) -> f64 {
        if self.ran == 0 {
            1.0
        } else {
            self.passed as f64 / self.ran as f64
        }
    }
}

/// A message with its numbers (ports, times, counts) made `#`: the same
/// mistake with other numbers is one group.
fn shape(message: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// Each test's pass rate and failure messages, worst first (then in the
/// labs' order).
pub fn test_stats(class: &Class) -> Vec<TestStats> {
    let mut stats: Vec<TestStats> = Vec::new();
    let mut place = BTreeMap::new();
    for lab in &class.labs {
        for (test, _) in &lab.tests {
            place.insert((lab.lab.clone(), test.clone()), stats.len());
            stats.push(TestStats {
                lab: lab.lab.clone(),
                test: test.clone(),
                passed: 0,
                ran: 0,
                messages: Vec::new(),
            });
        }
    }
    for student in class.students.iter().filter(|s| s.key.is_some()) {
        for outcome in &student.tests {
            let Some(&i) = place.get(&(outcome.lab.clone(), outcome.test.clone())) else {
                continue;
            };
            let s = &mut stats[i];
            match outcome.status.as_str() {
                "pass" => {
                    s.ran += 1;
                    s.passed += 1;
                }
                "fail" => {
                    s.ran += 1;
                    let key = shape(&outcome.message);
                    match s.messages.iter_mut().find(|m| shape(&m.0) == key) {
                        Some(m) => m.1 += 1,
                        None => s.messages.push((
                            outcome.message.clone(),
                            1,
                            student.student.name.clone(),
                            outcome.transcript.clone(),
                        )),
                    }
                }
                _ => {}
            }
        }
    }
    for s in &mut stats {
        // Stable: the first seen stays first among equals.
        s.messages.sort_by_key(|m| std::cmp::Reverse(m.1));
    }
    let mut order: Vec<usize> = (0..stats.len()).collect();
    order.sort_by(|&a, &b| stats[a].rate().total_cmp(&stats[b].rate()).then(a.cmp(&b)));
    order.into_iter().map(|i| stats[i].clone()).collect()
}

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
svg text{font-size:12px;fill:#222}
.hist-bar{fill:#4a78b5}.pass-bar{fill:#3a9a5b}.fail-bar{fill:#d9534f}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}
th{cursor:pointer;background:#f4f4f4;user-select:none}
th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}
td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f7f7f7;padding:.5rem;overflow-x:auto;font-size:.8rem}
.error{color:#a33}.muted{color:#777}
";

/// Sorts the table by the clicked column: numbers as numbers (data-sort
/// holds the value), again to reverse.
const SCRIPT: &str = "
document.querySelectorAll('#students th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0];
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = th.dataset.type === 'num';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
";

/// The page of `class`.
pub fn html(class: &Class) -> String {
    let mut page = String::new();
    let graded: Vec<&RepoResult> = class.students.iter().filter(|s| s.key.is_some()).collect();
    let max: u32 = class.labs.iter().map(|l| l.max_points).sum();
    let labs: Vec<String> = class
        .labs
        .iter()
        .map(|l| format!("{} {}", l.lab, l.title))
        .collect();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Class report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Class report: {}</h1>\n<p>Deadline {}; {} of {} repositories graded; {} points in all. \
         Checker <code>{}</code>.</p>\n",
        escape(&labs.join(", ")),
        escape(&labs.join(", ")),
        escape(&class.deadline),
        graded.len(),
        class.students.len(),
        max,
        escape(&class.checker[..class.checker.len().min(12)])
    );
    histogram_svg(&mut page, &graded, max);
    pass_rates_svg(&mut page, class);
    failures(&mut page, class);
    students_table(&mut page, class);
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    page
}

fn histogram_svg(page: &mut String, graded: &[&RepoResult], max: u32) {
    let totals: Vec<u32> = graded.iter().map(|s| s.points).collect();
    let bins = histogram(&totals, max);
    let most = bins.iter().map(|b| b.2).max().unwrap_or(0).max(1);
    let (bar, gap, height, base) = (48.0, 6.0, 160.0, 190.0);
    let width = bins.len() as f64 * (bar + gap) + 40.0;
    let _ = write!(
        page,
        "<h2>Total points</h2>\n<svg id=\"histogram\" role=\"img\" width=\"{width}\" height=\"230\" \
         viewBox=\"0 0 {width} 230\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title>How many students scored each range of total points</title>\n"
    );
    for (i, (from, to, count)) in bins.iter().enumerate() {
        let x = 20.0 + i as f64 * (bar + gap);
        let h = height * *count as f64 / most as f64;
        let range = if from == to {
            from.to_string()
        } else {
            format!("{from}–{to}")
        };
        let _ = write!(
            page,
            "<rect class=\"hist-bar\" data-from=\"{from}\" data-to=\"{to}\" data-count=\"{count}\" \
             x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\"><title>{range} points: {count}</title></rect>\n\
             <text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\">{count}</text>\n\
             <text x=\"{cx}\" y=\"{ly}\" text-anchor=\"middle\">{range}</text>\n",
            y = base - h,
            cx = x + bar / 2.0,
            ty = base - h - 4.0,
            ly = base + 16.0,
        );
    }
    page.push_str("</svg>\n");
}

fn pass_rates_svg(page: &mut String, class: &Class) {
    let stats = test_stats(class);
    let (row, label, bar) = (20.0, 300.0, 360.0);
    let height = stats.len() as f64 * row + 10.0;
    let width = label + bar + 80.0;
    let _ = write!(
        page,
        "<h2>Pass rate of each test, worst first</h2>\n<svg id=\"pass-rates\" role=\"img\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title>The share of graded repositories that pass each test</title>\n"
    );
    for (i, s) in stats.iter().enumerate() {
        let y = 5.0 + i as f64 * row;
        let pass = bar * s.rate();
        let _ = writeln!(
            page,
            "<g class=\"test-rate\" data-test=\"{lab}/{test}\" data-passed=\"{passed}\" data-ran=\"{ran}\">\
             <text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{lab} {test}</text>\
             <rect class=\"pass-bar\" x=\"{label}\" y=\"{y}\" width=\"{pass:.1}\" height=\"{h}\"/>\
             <rect class=\"fail-bar\" x=\"{fx:.1}\" y=\"{y}\" width=\"{fw:.1}\" height=\"{h}\"/>\
             <text x=\"{px}\" y=\"{ty}\">{passed}/{ran}</text></g>",
            lab = escape(&s.lab),
            test = escape(&s.test),
            passed = s.passed,
            ran = s.ran,
            lx = label - 6.0,
            ty = y + 13.0,
            h = row - 4.0,
            fx = label + pass,
            fw = bar - pass,
            px = label + bar + 6.0,
        );
    }
    page.push_str("</svg>\n");
}

fn failures(page: &mut String, class: &Class) {
    page.push_str("<h2>Why tests fail</h2>\n");
    let stats = test_stats(class);
    let failing: Vec<&TestStats> = stats.iter().filter(|s| s.passed < s.ran).collect();
    if failing.is_empty() {
        page.push_str("<p>Every test passed in every graded repository.</p>\n");
    }
    for s in failing {
        let _ = write!(
            page,
            "<section class=\"failures\" data-test=\"{lab}/{test}\">\n<h3>{lab} {test}: {failed} of {ran} fail</h3>\n<ol>\n",
            lab = escape(&s.lab),
            test = escape(&s.test),
            failed = s.ran - s.passed,
            ran = s.ran
        );
        for (message, count, who, transcript) in s.messages.iter().take(MESSAGES) {
            let _ = write!(
                page,
                "<li><span class=\"count\">{count}×</span> <code>{}</code>",
                escape(message)
            );
            if !transcript.is_empty() {
                let _ = write!(
                    page,
                    "<details><summary>example: {}</summary><pre>{}</pre></details>",
                    escape(who),
                    escape(&transcript.join("\n"))
                );
            }
            page.push_str("</li>\n");
        }
        if s.messages.len() > MESSAGES {
            let _ = writeln!(
                page,
                "<li class=\"muted\">and {} other messages</li>",
                s.messages.len() - MESSAGES
            );
        }
        page.push_str("</ol>\n</section>\n");
    }
}

fn students_table(page: &mut String, class: &Class) {
    page.push_str("<h2>Students</h2>\n<table id=\"students\">\n<thead><tr>");
    let mut headers = vec![
        ("student", "text"),
        ("commit", "text"),
        ("commit time", "text"),
    ];
    let lab_names: Vec<String> = class.labs.iter().map(|l| l.lab.clone()).collect();
    headers.extend(lab_names.iter().map(|l| (l.as_str(), "num")));
    headers.extend([("total", "num"), ("late commits", "num"), ("note", "text")]);
    for (name, kind) in &headers {
        let _ = write!(page, "<th data-type=\"{kind}\">{}</th>", escape(name));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for s in &class.students {
        let commit = s.commit.as_ref();
        let id = commit.map(|c| c.id.clone()).unwrap_or_default();
        let short = &id[..id.len().min(10)];
        let time = commit.map(|c| c.time.clone()).unwrap_or_default();
        let _ = write!(
            page,
            "<tr><td data-sort=\"{name}\">{name}</td><td data-sort=\"{id}\"><code>{short}</code></td>\
             <td data-sort=\"{time}\">{time}</td>",
            name = escape(&s.student.name),
            id = escape(&id),
            short = escape(short),
            time = escape(&time),
        );
        for lab in &lab_names {
            let points = s
                .labs
                .iter()
                .find(|l| &l.lab == lab)
                .map_or(0, |l| l.points);
            let _ = write!(
                page,
                "<td class=\"num\" data-sort=\"{points}\">{points}</td>"
            );
        }
        let late: Vec<String> = s
            .late
            .iter()
            .map(|c| format!("{} {}", &c.id[..c.id.len().min(10)], c.time))
            .collect();
        let note = s.error.clone().unwrap_or_default();
        let _ = writeln!(
            page,
            "<td class=\"num\" data-sort=\"{total}\">{total}/{max}</td>\
             <td class=\"num\" data-sort=\"{n}\" title=\"{late}\">{n}</td>\
             <td class=\"error\" data-sort=\"{note}\">{note}</td></tr>",
            total = s.points,
            max = s.max_points,
            n = s.late.len(),
            late = escape(&late.join("; ")),
            note = escape(&note),
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_total_falls_in_one_bin_and_full_marks_in_the_last() {
        let bins = histogram(&[0, 5, 9, 10, 66, 66, 33], 66);
        assert_eq!(bins.len(), 10);
        assert_eq!(bins.iter().map(|b| b.2).sum::<usize>(), 7);
        assert_eq!(bins.last().unwrap().1, 66);
        assert_eq!(bins.last().unwrap().2, 2);
        assert_eq!(bins[0], (0, 6, 2));
        let small = histogram(&[0, 1, 2], 2);
        assert_eq!(small, vec![(0, 0, 1), (1, 2, 2)]);
    }

    #[test]
    fn messages_that_differ_in_numbers_are_one_group() {
        assert_eq!(
            shape("port 4242 closed after 15 ms"),
            "port # closed after # ms"
        );
        assert_eq!(
            escape("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
