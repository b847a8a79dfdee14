//! Every `cargo run -p checker -- …` command of the handouts (English and
//! Polish) and of the README is run here as written, and must give the
//! result the handout claims.
//!
//! The claim is not guessed from the prose: each command is followed (on
//! its line, or after its code block) by an HTML comment that states it,
//! invisible to the reader:
//!
//! ```text
//! - Grade it: `cargo run -p checker -- lab0` <!-- expect: skeleton -->
//!
//! ```sh
//! cargo run -p checker -- lab1                  # everything
//! cargo run -p checker -- lab1 -t 'client-*'    # only the client's tests
//! ```
//! <!-- expect: skeleton; passes client-sends-hello, client-message, client-refused -->
//! ```
//!
//! An `expect` comment gives the claims of the commands since the one
//! before it, in order, separated by `;` or new lines. A claim is one of:
//!
//! - `skeleton`: run as written, on the lab's untouched skeleton: it
//!   grades (exit status 1), no test passes, and every test run stops at a
//!   `todo!()` (or is skipped).
//! - `passes NAME, NAME…`: run as written with `--solution` added, because
//!   the handout's step says so of a skeleton only partly filled in, which
//!   the kit does not have: exactly these tests run, and each passes.
//! - `runs`: run as written; exit status 0 (`checker list …`).
//! - `parses`: not run, because it measures for minutes (`bench`), never
//!   ends (`--watch`) or writes files into the kit (`classroom`, `export`,
//!   `gradescope`): its arguments must be what the checker accepts, and
//!   the lab it names must exist.
//!
//! A command without a claim, a claim without a command, or a claim this
//! file does not know fails the test. Each command and claim is checked
//! once however many handouts have it (the English and the Polish do);
//! the labs' commands run side by side, each lab built once.
//!
//! The steps of the handouts name tests in short (`-t broadcast`): each
//! such name must pick a test of the handout's lab.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use checker::compile::{CargoOutput, Profile};

/// A command a handout shows, with where it is and what it claims.
#[derive(Debug, Clone)]
struct Shown {
    file: String,
    line: usize,
    /// What follows `cargo run … -p checker --`.
    args: String,
    claim: Option<Claim>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    Skeleton,
    Passes(BTreeSet<String>),
    Runs,
    Parses,
    Unknown(String),
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The handouts and the README, as (shown name, text).
fn documents() -> Vec<(String, String)> {
    let mut files = vec![root().join("README.md")];
    for dir in ["docs/labs", "docs/pl"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
        .into_iter()
        .map(|path| {
            let shown = path
                .strip_prefix(root())
                .unwrap_or(&path)
                .display()
                .to_string();
            (shown, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The checker's arguments in `text` if it is a `cargo run … -p checker
/// -- ARGS` command (a shell comment after it left out).
fn command_in(text: &str) -> Option<String> {
    let start = text.find("cargo run")?;
    let text = &text[start..];
    let after = text.find("-p checker --")? + "-p checker --".len();
    let args = &text[after..];
    let args = match args.find(" #") {
        Some(comment) => &args[..comment],
        None => args,
    };
    Some(args.trim().to_string())
}

fn parse_claims(text: &str) -> Vec<Claim> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|claim| match claim.split_once(' ') {
            _ if claim == "skeleton" => Claim::Skeleton,
            _ if claim == "runs" => Claim::Runs,
            _ if claim == "parses" => Claim::Parses,
            Some(("passes", names)) => Claim::Passes(
                names
                    .split(',')
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect(),
            ),
            _ => Claim::Unknown(claim.to_string()),
        })
        .collect()
}

/// Every command of one document with its claim, and the problems of
/// pairing them (a command without a claim, a claim too many).
fn commands_of(file: &str, text: &str) -> (Vec<Shown>, Vec<String>) {
    let mut shown: Vec<Shown> = Vec::new();
    let mut problems = Vec::new();
    let mut waiting: Vec<usize> = Vec::new();
    let mut in_fence = false;
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let number = index + 1;
        index += 1;
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            if let Some(args) = command_in(line) {
                waiting.push(shown.len());
                shown.push(Shown {
                    file: file.to_string(),
                    line: number,
                    args,
                    claim: None,
                });
            }
            continue;
        }
        // Outside code: inline code spans and `expect` comments, in the
        // order they come; a comment may go on over several lines.
        let mut rest = line.to_string();
        loop {
            let code = rest.find('`');
            let comment = rest.find("<!--");
            match (code, comment) {
                (Some(c), m) if m.is_none_or(|m| c < m) => {
                    let after = &rest[c + 1..];
                    let Some(end) = after.find('`') else { break };
                    if let Some(args) = command_in(&after[..end]) {
                        waiting.push(shown.len());
                        shown.push(Shown {
                            file: file.to_string(),
                            line: number,
                            args,
                            claim: None,
                        });
                    }
                    rest = after[end + 1..].to_string();
                }
                (_, Some(m)) => {
                    let mut body = rest[m + 4..].to_string();
                    while !body.contains("-->") && index < lines.len() {
                        body.push('\n');
                        body.push_str(lines[index]);
                        index += 1;
                    }
                    let (inside, after) = body.split_once("-->").unwrap_or((&body, ""));
                    if let Some(claims) = inside.trim_start().strip_prefix("expect:") {
                        let claims = parse_claims(claims);
                        if claims.len() != waiting.len() {
                            problems.push(format!(
                                "{file}:{number}: {} claims for {} commands before it ({})",
                                claims.len(),
                                waiting.len(),
                                waiting
                                    .iter()
                                    .map(|&w| shown[w].args.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" | ")
                            ));
                        }
                        for (&w, claim) in waiting.iter().zip(claims) {
                            shown[w].claim = Some(claim);
                        }
                        waiting.clear();
                    }
                    rest = after.to_string();
                }
                _ => break,
            }
        }
    }
    for w in waiting {
        problems.push(format!(
            "{file}:{}: `{}` has no <!-- expect: … --> after it",
            shown[w].line, shown[w].args
        ));
    }
    (shown, problems)
}

/// Every command of every document, and the problems of their claims.
fn all_commands() -> (Vec<Shown>, Vec<String>) {
    let mut all = Vec::new();
    let mut problems = Vec::new();
    for (file, text) in documents() {
        let (shown, found) = commands_of(&file, &text);
        all.extend(shown);
        problems.extend(found);
    }
    for command in &all {
        if let Some(Claim::Unknown(claim)) = &command.claim {
            problems.push(format!(
                "{}:{}: `{}`: unknown claim {claim:?} (skeleton, passes NAME…, runs, parses)",
                command.file, command.line, command.args
            ));
        }
    }
    (all, problems)
}

/// The lab a command grades, lists or measures (`None`: every lab, or
/// none).
fn lab_of(words: &[String]) -> Option<&'static checker::labs::Lab> {
    let mut words = words.iter().filter(|w| !w.starts_with('-'));
    let first = words.next()?;
    let key = match first.as_str() {
        "grade" | "list" | "bench" => words.next()?,
        _ => first,
    };
    checker::labs::find(key)
}

fn words(args: &str) -> Vec<String> {
    shlex::split(args).unwrap_or_else(|| panic!("`{args}`: not split as a shell splits"))
}

/// The checker binary, built once.
fn checker_exe() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        checker::compile::build("checker", Profile::Dev, CargoOutput::Keep)
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// What a run of the checker gave.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    json: Option<serde_json::Value>,
}

/// Runs the checker with `words` (if it grades: and a JSON report beside
/// what it prints); gives up after 5 minutes.
fn run(words: &[String], tag: &str, grades: bool) -> Ran {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("handout-commands");
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join(format!("{tag}-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&json);
    let out = dir.join(format!("{tag}-{}.out", std::process::id()));
    let err = dir.join(format!("{tag}-{}.err", std::process::id()));
    let mut command = Command::new(checker_exe());
    command.args(words);
    if grades {
        command
            .arg("--format")
            .arg(format!("human,json={}", json.display()));
    }
    command
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap());
    // As root the checker builds and runs a student's lab as nobody, who
    // may not reach this machine's toolchain; the kit's labs are trusted.
    if unsafe { libc::geteuid() } == 0 {
        command.env("SOCKLAB_RUN_AS", "root");
    }
    let mut child = command.spawn().expect("start the checker");
    let deadline = Instant::now() + Duration::from_secs(300);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("checker {words:?}: still running after 5 minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let ran = Ran {
        code: status.code(),
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
        json: std::fs::read(&json)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok()),
    };
    for file in [&json, &out, &err] {
        let _ = std::fs::remove_file(file);
    }
    ran
}

/// The tests of a JSON report: (name, status, failure kind).
fn tests_of(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["labs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|lab| lab["tests"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            (
                t["name"].as_str().unwrap_or("").to_string(),
                t["status"].as_str().unwrap_or("").to_string(),
                t["failure"]["kind"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Checks one command against its claim; `Err` says how it differs.
fn check(args: &str, claim: &Claim, tag: &str) -> Result<(), String> {
    let words = words(args);
    match claim {
        Claim::Unknown(_) => Err("unknown claim".into()),
        Claim::Parses => {
            let mut argv = vec!["checker".to_string()];
            argv.extend(words.iter().cloned());
            let argv =
                checker::cli::with_default_subcommand(argv.into_iter().map(Into::into).collect());
            use clap::Parser;
            checker::cli::Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
            let names_a_lab = words.iter().any(|w| w.starts_with("lab") || w == "all");
            if names_a_lab && lab_of(&words).is_none() && !words.iter().any(|w| w == "all") {
                return Err("names no lab of the kit".into());
            }
            Ok(())
        }
        Claim::Runs => {
            let ran = run(&words, tag, false);
            match ran.code {
                Some(0) => Ok(()),
                code => Err(format!("exit status {code:?}:\n{}", ran.stderr)),
            }
        }
        Claim::Skeleton => {
            let ran = run(&words, tag, true);
            let json = ran
                .json
                .ok_or_else(|| format!("no report:\n{}", ran.stderr))?;
            let tests = tests_of(&json);
            let wrong: Vec<String> = tests
                .iter()
                .filter(|(_, status, kind)| {
                    !(status == "skip" || (status == "fail" && kind == "not-implemented"))
                })
                .map(|(name, status, kind)| format!("{name}: {status} {kind}"))
                .collect();
            if ran.code != Some(1) || tests.is_empty() || !wrong.is_empty() {
                return Err(format!(
                    "exit status {:?}, {} tests, not stopped at a todo!(): {wrong:?}\n{}",
                    ran.code,
                    tests.len(),
                    ran.stderr
                ));
            }
            Ok(())
        }
        Claim::Passes(names) => {
            let mut words = words;
            if !words.iter().any(|w| w == "--solution") {
                words.push("--solution".into());
            }
            let ran = run(&words, tag, true);
            let json = ran
                .json
                .ok_or_else(|| format!("no report:\n{}{}", ran.stdout, ran.stderr))?;
            let tests = tests_of(&json);
            let run_names: BTreeSet<String> = tests.iter().map(|t| t.0.clone()).collect();
            let failed: Vec<&String> = tests
                .iter()
                .filter(|t| t.1 != "pass")
                .map(|t| &t.0)
                .collect();
            if &run_names != names || !failed.is_empty() || ran.code != Some(0) {
                return Err(format!(
                    "ran {run_names:?}, claimed {names:?}; not passed: {failed:?}; exit status {:?}\n{}",
                    ran.code, ran.stdout
                ));
            }
            Ok(())
        }
    }
}

/// Checks every distinct (command, claim) of the documents whose lab is
/// `lab` (`None`: the commands of no one lab), once each.
fn check_lab(lab: Option<u8>) {
    let (all, _) = all_commands();
    let mut distinct: BTreeMap<(String, Claim), Vec<String>> = BTreeMap::new();
    for command in all {
        let Some(claim) = command.claim.clone() else {
            continue;
        };
        if lab_of(&words(&command.args)).map(|l| l.number) != lab {
            continue;
        }
        distinct
            .entry((command.args.clone(), claim))
            .or_default()
            .push(format!("{}:{}", command.file, command.line));
    }
    let started = Instant::now();
    let mut failures = Vec::new();
    for (i, ((args, claim), places)) in distinct.iter().enumerate() {
        let tag = format!("lab{lab:?}-{i}");
        if let Err(why) = check(args, claim, &tag) {
            failures.push(format!("{}: `{args}`: {claim:?}: {why}", places.join(", ")));
        }
    }
    println!(
        "lab {lab:?}: {} distinct commands checked in {:.1?}",
        distinct.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn every_command_has_a_claim_this_test_knows() {
    let (all, problems) = all_commands();
    assert!(all.len() > 40, "only {} commands found", all.len());
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    println!("{} commands in the handouts and the README", all.len());
}

#[test]
fn the_commands_of_lab00_do_what_the_handout_says() {
    check_lab(Some(0));
}

#[test]
fn the_commands_of_lab01_do_what_the_handout_says() {
    check_lab(Some(1));
}

#[test]
fn the_commands_of_lab02_do_what_the_handout_says() {
    check_lab(Some(2));
}

#[test]
fn the_commands_of_lab03_do_what_the_handout_says() {
    check_lab(Some(3));
}

#[test]
fn the_commands_of_lab04_do_what_the_handout_says() {
    check_lab(Some(4));
}

#[test]
fn the_commands_of_lab05_do_what_the_handout_says() {
    check_lab(Some(5));
}

#[test]
fn the_commands_of_lab06_do_what_the_handout_says() {
    check_lab(Some(6));
}

#[test]
fn the_commands_of_no_one_lab_do_what_the_readme_says() {
    check_lab(None);
}

/// The handout's lab, from its file name (`05-time.md`).
fn lab_of_file(file: &str) -> Option<&'static checker::labs::Lab> {
    let name = Path::new(file).file_stem()?.to_str()?;
    checker::labs::find(name)
}

#[test]
fn every_test_a_step_names_is_a_test_of_the_lab() {
    let mut problems = Vec::new();
    let mut named = 0;
    for (file, text) in documents() {
        let Some(lab) = lab_of_file(&file) else {
            continue;
        };
        let names: Vec<&str> = lab.tests.iter().map(|t| t.name).collect();
        let mut in_fence = false;
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
                continue;
            }
            // `-t NAME` and `--test NAME`, in code: a code block's lines,
            // the code spans of the prose.
            let code: Vec<&str> = match in_fence {
                true => vec![line],
                false => line.split('`').skip(1).step_by(2).collect(),
            };
            for span in code {
                let words: Vec<&str> = span.split_whitespace().collect();
                for pair in words.windows(2) {
                    if pair[0] != "-t" && pair[0] != "--test" {
                        continue;
                    }
                    let name = pair[1].trim_matches(|c| c == '\'' || c == '"');
                    named += 1;
                    if !names.iter().any(|n| checker::runner::picks(name, n)) {
                        problems.push(format!(
                            "{file}:{}: -t {name}: {} has no such test (closest: {:?})",
                            number + 1,
                            lab.id(),
                            checker::runner::closest(name, &names)
                        ));
                    }
                }
            }
        }
    }
    assert!(named > 50, "only {named} tests named");
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn a_command_without_its_claim_is_found() {
    let text = "Run `cargo run -p checker -- lab1`.\n\n```sh\ncargo run -p checker -- lab2 # all\ncargo run -p checker -- list\n```\n<!-- expect: skeleton;\n  runs; runs -->\n`cargo run -p checker -- lab3 -t kick` <!-- expect: fails -->\n`cargo run --release -p checker -- bench lab3`\n";
    let (shown, problems) = commands_of("x.md", text);
    let claims: Vec<Option<Claim>> = shown.iter().map(|s| s.claim.clone()).collect();
    assert_eq!(
        claims,
        [
            Some(Claim::Skeleton),
            Some(Claim::Runs),
            Some(Claim::Runs),
            Some(Claim::Unknown("fails".into())),
            None
        ]
    );
    assert_eq!(shown[1].args, "lab2");
    assert_eq!(
        problems,
        ["x.md:10: `bench lab3` has no <!-- expect: … --> after it"]
    );
    let (_, problems) = commands_of(
        "y.md",
        "`cargo run -p checker -- list` <!-- expect: runs; runs -->",
    );
    assert_eq!(
        problems,
        ["y.md:1: 2 claims for 1 commands before it (list)"]
    );
}
