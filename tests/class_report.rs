//! The class report (`checker class`'s class.html) in a real browser: a
//! headless Chromium opens it from a file with the network unused, and
//! the test reads what it drew and clicks the table's headers.
//!
//! Without a Chromium on this machine the test says so and passes, unless
//! KIT_REQUIRE_BROWSER=1 (CI): then it fails. Debian: `apt-get install
//! chromium`.

use std::ffi::OsStr;
use std::path::PathBuf;

use checker::course::class::fetch::Commit;
use checker::course::class::grade::{Key, LabScore, RepoResult, TestOutcome};
use checker::course::class::roster::Student;
use checker::course::class::{CLASS_SCHEMA, Class, ClassLab, page};
use headless_chrome::{Browser, LaunchOptions};

/// A class of `totals.len()` graded students on one made-up lab of three
/// tests (a: 10 points, b: 5, c: 5), and one repository not graded.
fn class(totals: &[u32]) -> Class {
    let lab = ClassLab {
        lab: "lab01".into(),
        title: "Hello".into(),
        max_points: 20,
        tests: vec![("a".into(), 10), ("b".into(), 5), ("c".into(), 5)],
    };
    let mut students: Vec<RepoResult> = totals
        .iter()
        .enumerate()
        .map(|(i, &total)| {
            // Tests passed by points: a (10), b (5), c (5).
            let passes = match total {
                20 => [true, true, true],
                15 => [true, true, false],
                10 => [true, false, false],
                5 => [false, true, false],
                _ => [false, false, false],
            };
            let tests = lab
                .tests
                .iter()
                .zip(passes)
                .map(|((name, points), pass)| TestOutcome {
                    lab: "lab01".into(),
                    test: name.clone(),
                    status: if pass { "pass" } else { "fail" }.into(),
                    points: if pass { *points } else { 0 },
                    max_points: *points,
                    message: if pass {
                        String::new()
                    } else {
                        format!("wrong-reply: expected <hello>, got port {}", 4000 + i)
                    },
                    transcript: if pass {
                        vec![]
                    } else {
                        vec!["     3 ms c1       -> Hello\\n".into()]
                    },
                })
                .collect();
            RepoResult {
                student: Student {
                    name: format!("student{i:02}"),
                    identifier: format!("s{i}"),
                    repository: format!("/srv/student{i:02}"),
                    slug: format!("student{i:02}"),
                },
                index: i,
                key: Some(Key {
                    commit: format!("{i:040}"),
                    checker: "0".repeat(64),
                    labs: vec!["lab01".into()],
                }),
                commit: Some(Commit {
                    id: format!("{i:040}"),
                    time: "2026-12-07T11:00:00Z".into(),
                    subject: "work".into(),
                }),
                late: vec![],
                labs: vec![LabScore {
                    lab: "lab01".into(),
                    points: total,
                    max_points: 20,
                }],
                points: total,
                max_points: 20,
                tests,
                error: None,
                elapsed_ms: 1000,
                reused: false,
            }
        })
        .collect();
    let mut missing = students[0].clone();
    missing.index = students.len();
    missing.student.name = "nobody-cloned".into();
    missing.student.slug = "nobody-cloned".into();
    missing.key = None;
    missing.commit = None;
    missing.points = 0;
    missing.tests.clear();
    missing.error = Some("could not clone: repository not found".into());
    students.push(missing);
    Class {
        schema: CLASS_SCHEMA.into(),
        deadline: "2026-12-07T12:00:00+00:00".into(),
        labs: vec![lab],
        checker: "0".repeat(64),
        students,
    }
}

fn browser() -> Option<Browser> {
    let required = std::env::var_os("KIT_REQUIRE_BROWSER").is_some_and(|v| v == OsStr::new("1"));
    let options = LaunchOptions::default_builder()
        .headless(true)
        // As root (CI containers) Chromium's sandbox can't start.
        .sandbox(false)
        .build()
        .expect("launch options");
    match Browser::new(options) {
        Ok(browser) => Some(browser),
        Err(e) if !required => {
            eprintln!(
                "note: no Chromium to open the class report in ({e}); not checked in a browser \
                 (install chromium; KIT_REQUIRE_BROWSER=1 makes this a failure)"
            );
            None
        }
        Err(e) => panic!("KIT_REQUIRE_BROWSER=1 but no Chromium could start: {e}"),
    }
}

#[test]
fn the_class_report_draws_its_pictures_and_sorts_its_table_offline() {
    let totals = [20, 15, 15, 10, 5, 0, 20, 10];
    let class = class(&totals);
    let html = page::html(&class);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("class-report");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("class.html");
    std::fs::write(&file, &html).unwrap();
    let Some(browser) = browser() else {
        return;
    };
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("file://{}", file.display()))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let eval = |js: &str| -> serde_json::Value {
        tab.evaluate(js, false)
            .unwrap_or_else(|e| panic!("{js}: {e}"))
            .value
            .unwrap_or(serde_json::Value::Null)
    };
    // Offline: the page asked for nothing beyond itself.
    assert_eq!(
        eval("performance.getEntriesByType('resource').length"),
        0,
        "the page loaded other resources"
    );
    // The histogram: every graded student in one bar, drawn with a height.
    let counts = eval(
        "JSON.stringify(Array.from(document.querySelectorAll('#histogram .hist-bar'))\
         .map(r => [Number(r.dataset.count), r.getBBox().height]))",
    );
    let counts: Vec<(usize, f64)> = serde_json::from_str(counts.as_str().unwrap()).unwrap();
    assert_eq!(counts.len(), 10, "{counts:?}");
    assert_eq!(counts.iter().map(|c| c.0).sum::<usize>(), totals.len());
    assert!(
        counts.iter().all(|&(n, h)| (n == 0) == (h == 0.0)),
        "{counts:?}"
    );
    // Full marks (two students) in the last bar, 0 (one) in the first.
    assert_eq!((counts[0].0, counts[9].0), (1, 2));
    // The pass rates, worst first: c passes 2 of 8, b 5, a 6.
    let rates = eval(
        "JSON.stringify(Array.from(document.querySelectorAll('#pass-rates .test-rate'))\
         .map(g => [g.dataset.test, Number(g.dataset.passed), Number(g.dataset.ran),\
                    g.querySelector('.pass-bar').getBBox().width]))",
    );
    let rates: Vec<(String, usize, usize, f64)> =
        serde_json::from_str(rates.as_str().unwrap()).unwrap();
    let order: Vec<(&str, usize, usize)> = rates.iter().map(|r| (r.0.as_str(), r.1, r.2)).collect();
    assert_eq!(
        order,
        [("lab01/c", 2, 8), ("lab01/b", 5, 8), ("lab01/a", 6, 8)]
    );
    assert!(
        rates[0].3 < rates[1].3 && rates[1].3 < rates[2].3,
        "{rates:?}"
    );
    // The failure messages, grouped although their numbers differ.
    assert_eq!(
        eval("document.querySelector('section[data-test=\"lab01/c\"] .count').textContent"),
        "6×"
    );
    // The table sorts by total, up then down, numbers as numbers.
    let column = |name: &str| {
        eval(&format!(
            "(function () {{ var ths = Array.from(document.querySelectorAll('#students th'));\
             var i = ths.findIndex(t => t.textContent === '{name}');\
             return JSON.stringify(Array.from(document.querySelectorAll('#students tbody tr'))\
             .map(r => r.cells[i].dataset.sort)); }})()"
        ))
    };
    let click = |name: &str| {
        let th = tab
            .find_elements("#students th")
            .unwrap()
            .into_iter()
            .find(|th| th.get_inner_text().unwrap() == name)
            .unwrap_or_else(|| panic!("no header {name}"));
        th.click().unwrap();
    };
    let numbers = |v: serde_json::Value| -> Vec<u32> {
        let texts: Vec<String> = serde_json::from_str(v.as_str().unwrap()).unwrap();
        texts.iter().map(|t| t.parse().unwrap()).collect()
    };
    click("total");
    assert_eq!(numbers(column("total")), [0, 0, 5, 10, 10, 15, 15, 20, 20]);
    click("total");
    assert_eq!(numbers(column("total")), [20, 20, 15, 15, 10, 10, 5, 0, 0]);
    click("student");
    let names: Vec<String> = serde_json::from_str(column("student").as_str().unwrap()).unwrap();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let _ = std::fs::remove_dir_all(&dir);
}
