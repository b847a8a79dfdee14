//! The CI workflows (`.github/workflows/*.yml`, and the grading workflow as
//! `checker classroom` writes it for a student's repository) are YAML the checker's tests can
//! read, and every checker command they run is one the checker takes:
//! each is run here with `--help` added, which parses every subcommand and
//! option it names (and their values) and stops there. A workflow is only
//! run on GitHub, so this is where a renamed option is caught. (`.ci/run`
//! also lints them with actionlint.)

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use yaml_rust2::{Yaml, YamlLoader};

/// The kit's workflows, and the grading workflow as `checker classroom`
/// writes it for an instructor (the kit's own copy is a template that runs
/// no checker), both ways of pinning the grader.
fn workflows() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.github/workflows");
    let generated =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("workflows-{}", std::process::id()));
    std::fs::create_dir_all(&generated).unwrap();
    // An exam's workflow too: its gradings take `--hints none`.
    use checker::hints::Mode;
    for (name, sha256, hints) in [
        ("source.yml", None, Mode::First),
        ("digest.yml", Some("ab".repeat(32)), Mode::First),
        ("exam.yml", None, Mode::None),
    ] {
        let setup = checker::course::classroom::Setup::Pinned {
            grader: checker::course::classroom::Grader {
                repo: "uni/net".into(),
                reference: "v1".into(),
                sha256,
                hints,
            },
            labs: checker::labs::all().to_vec(),
        };
        std::fs::write(
            generated.join(name),
            checker::course::classroom::workflow(&setup),
        )
        .unwrap();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    files.extend(["source.yml", "digest.yml", "exam.yml"].map(|name| generated.join(name)));
    files
}

/// The shell scripts and commands of a workflow's steps: `run:`, and the
/// `command:` / `setup-command:` inputs of actions that run one (GitHub
/// Classroom's graders).
fn scripts(workflow: &Yaml) -> Vec<String> {
    let mut out = Vec::new();
    let jobs = workflow["jobs"].as_hash().expect("a workflow has jobs");
    for job in jobs.values() {
        for step in job["steps"].as_vec().into_iter().flatten() {
            out.extend(step["run"].as_str().map(str::to_string));
            for input in ["command", "setup-command"] {
                out.extend(step["with"][input].as_str().map(str::to_string));
            }
        }
    }
    out
}

/// Splits a line into words as the shell would, near enough for these
/// scripts: quotes group, `$VAR`, `${VAR}` and the workflow's `${{ ... }}`
/// become a path.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    let mut chars = line.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match (quote, c) {
            (None, '#') if !started => break,
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (q, '$') if q != Some('\'') && line[index..].starts_with("${{") => {
                // An expression of the workflow, filled in before the
                // shell runs.
                let end = line[index..]
                    .find("}}")
                    .map_or(line.len(), |e| index + e + 2);
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                word.push_str("/tmp/socklab-var");
                started = true;
            }
            (q, '$') if q != Some('\'') => {
                let braced = chars.peek().is_some_and(|&(_, c)| c == '{');
                if braced {
                    chars.next();
                }
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        chars.next();
                    } else {
                        break;
                    }
                }
                if braced {
                    chars.next();
                }
                word.push_str("/tmp/socklab-var");
                started = true;
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// The arguments of every checker command in a script: `cargo run ... -p
/// checker -- ARGS`, or a command whose program is called `checker` (a
/// path, or a variable named so).
fn checker_commands(script: &str) -> Vec<Vec<String>> {
    let joined = script.replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines() {
        // Only what a line runs: `|| exit`, `;`, `&&` end the command.
        let line = line.split(['|', ';', '&']).next().unwrap_or_default();
        let line = line
            .replace("\"$checker\"", "checker")
            .replace("$checker", "checker");
        // Redirections (`>"$log"`, `2>`) are the shell's, not arguments.
        let words: Vec<String> = words(&line)
            .into_iter()
            .filter(|w| !(w.starts_with('>') || w.starts_with("2>")))
            .collect();
        let Some(program) = words.first() else {
            continue;
        };
        if program == "cargo" && words.get(1).is_some_and(|w| w == "run") {
            let is_checker = words
                .windows(2)
                .any(|w| (w[0] == "-p" || w[0] == "--package") && w[1] == "checker");
            if let (true, Some(dashes)) = (is_checker, words.iter().position(|w| w == "--")) {
                out.push(words[dashes + 1..].to_vec());
            }
        } else if program.contains('=') {
            // An assignment (`checker=".../checker"`), not a command.
        } else if program == "checker" || program.ends_with("/checker") {
            out.push(words[1..].to_vec());
        }
    }
    out
}

#[test]
fn workflows_parse_and_every_checker_command_in_them_exists() {
    let files = workflows();
    assert!(
        files.iter().any(|f| f.ends_with("classroom.yml")),
        "no .github/workflows/classroom.yml"
    );
    let mut commands = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let docs = YamlLoader::load_from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not YAML: {e}", file.display()));
        assert_eq!(docs.len(), 1, "{}: one document", file.display());
        for script in scripts(&docs[0]) {
            for args in checker_commands(&script) {
                commands += 1;
                let output = cargo_bin_cmd!("checker")
                    .args(&args)
                    .arg("--help")
                    .output()
                    .unwrap();
                assert!(
                    output.status.success(),
                    "{}: `checker {}` is not a command the checker takes:\n{}",
                    file.display(),
                    args.join(" "),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
    }
    assert!(commands > 0, "no workflow runs the checker");
}

#[test]
fn checker_commands_are_found_in_scripts() {
    let script = "checker=\"$RUNNER_TEMP/grader/checker\"\nchmod +x \"$checker\"\n\
                  \"${{ runner.temp }}/grader/checker\" lab1 --workspace \"${{ github.workspace }}\"\n\
                  \"$checker\" all --workspace \"$GITHUB_WORKSPACE\" \\\n  --format \"human,junit=$RUNNER_TEMP/j.xml\"\n\
                  cargo run --quiet -p checker -- grade lab1 --format classroom || true\n\
                  echo checker # not a command\n";
    assert_eq!(
        checker_commands(script),
        [
            vec!["lab1", "--workspace", "/tmp/socklab-var"],
            vec![
                "all",
                "--workspace",
                "/tmp/socklab-var",
                "--format",
                "human,junit=/tmp/socklab-var/j.xml"
            ],
            vec!["grade", "lab1", "--format", "classroom"],
        ]
    );
}

#[test]
fn a_command_the_checker_does_not_take_fails_with_help() {
    let output = cargo_bin_cmd!("checker")
        .args(["all", "--no-such-option", "--help"])
        .output()
        .unwrap();
    assert!(!output.status.success());
}
