//! The grading workflow (`checker classroom`): the kit's copy is what the
//! generator makes; a generated one grades once, with the pinned checker
//! only, in a job that can write nothing, with workflow commands of the
//! student's output stopped; and the step that grades does that when run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use checker::course::classroom::{Grader, Setup, WORKFLOW_PATH, lab_script, setup_of, workflow};
use yaml_rust2::{Yaml, YamlLoader};

// The model of what a runner obeys, shared with the other tests of steps.
#[path = "support/workflow_commands.rs"]
mod workflow_commands;
use workflow_commands::{obeyed, shown_forged};

fn pinned(sha256: Option<&str>, labs: &[&str]) -> Setup {
    let keys: Vec<String> = labs.iter().map(|l| l.to_string()).collect();
    Setup::Pinned {
        grader: Grader {
            repo: "uni/net-2027".into(),
            reference: "grader-v1".into(),
            sha256: sha256.map(str::to_string),
            hints: Default::default(),
        },
        labs: checker::course::chosen_labs(&keys).unwrap(),
    }
}

fn yaml(text: &str) -> Yaml {
    YamlLoader::load_from_str(text).unwrap().remove(0)
}

#[test]
fn the_committed_workflow_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join(WORKFLOW_PATH);
    let committed = fs::read_to_string(&path).unwrap_or_default();
    // The kit's is the template; a student edition's, what `checker export`
    // or `checker classroom` pinned (its first line says).
    let setup = setup_of(&committed).unwrap_or(Setup::KitTemplate);
    assert!(
        committed == workflow(&setup),
        "{WORKFLOW_PATH} is not what the checker's test tables make (a test or its points \
         changed, or a lab was added): regenerate it with `cargo run -p checker -- classroom \
         --kit-template` in the kit (in an edition, with the options of its first line) and \
         commit it"
    );
}

#[test]
fn the_kit_template_names_no_grader_and_grades_nothing() {
    let text = workflow(&Setup::KitTemplate);
    let doc = yaml(&text);
    assert_eq!(doc["jobs"].as_hash().unwrap().len(), 1);
    assert!(!text.contains("uses:"));
    assert!(!text.contains("socklab/socklab"));
    assert!(text.contains("exit 1"));
}

/// Every `uses:` is pinned by a full commit SHA, its version in a comment.
#[test]
fn every_action_is_pinned_by_commit() {
    for setup in [pinned(None, &[]), pinned(Some(&"a".repeat(64)), &["lab1"])] {
        let text = workflow(&setup);
        let mut actions = 0;
        for line in text.lines() {
            let Some(rest) = line.trim().strip_prefix("uses: ") else {
                continue;
            };
            actions += 1;
            let (action, comment) = rest.split_once(" # ").expect("a version comment");
            let (_, sha) = action.split_once('@').unwrap();
            assert!(
                sha.len() == 40 && sha.chars().all(|c| c.is_ascii_hexdigit()),
                "{line}"
            );
            assert!(!comment.trim().is_empty(), "{line}");
        }
        assert!(actions >= 4);
    }
}

/// The jobs, their permissions and what runs where.
#[test]
fn one_push_grades_once_in_a_job_that_can_write_nothing() {
    for setup in [
        pinned(None, &[]),
        pinned(Some(&"a".repeat(64)), &["lab1", "lab3"]),
    ] {
        let text = workflow(&setup);
        let doc = yaml(&text);
        // Pushes only: no pull_request (a pull request's commits are pushed
        // too), and one workflow.
        let on = &doc["on"];
        assert!(on["pull_request"].is_badvalue() && on["pull_request_target"].is_badvalue());
        assert!(!on["push"].is_badvalue());
        // Nothing at the workflow's level; each job says what it needs.
        assert!(doc["permissions"].as_hash().unwrap().is_empty());
        let jobs = doc["jobs"].as_hash().unwrap();
        let names: Vec<&str> = jobs.keys().map(|k| k.as_str().unwrap()).collect();
        assert_eq!(
            names,
            ["grader", "grade", "report", "run-autograding-tests"]
        );
        let grade = &doc["jobs"]["grade"];
        let permissions = grade["permissions"].as_hash().unwrap();
        assert_eq!(permissions.len(), 1);
        assert_eq!(grade["permissions"]["contents"].as_str(), Some("read"));
        // The student's repository is checked out only there, without its
        // token kept; the jobs that publish run no script of theirs.
        let student_checkouts = text
            .lines()
            .filter(|l| l.contains("name: Check out the student's repository"))
            .count();
        assert_eq!(student_checkouts, 1);
        assert!(grade["steps"].as_vec().unwrap().iter().all(|s| {
            s["uses"]
                .as_str()
                .is_none_or(|u| !u.starts_with("actions/checkout"))
                || s["with"]["persist-credentials"].as_bool() == Some(false)
        }));
        for publisher in ["report", "run-autograding-tests"] {
            let job = &doc["jobs"][publisher];
            for step in job["steps"].as_vec().unwrap() {
                assert!(step["run"].is_badvalue(), "{publisher} runs a script");
                assert!(
                    !step["uses"]
                        .as_str()
                        .unwrap()
                        .starts_with("actions/checkout"),
                    "{publisher} checks out"
                );
            }
        }
        // No cache anywhere: what a cache restores, a student's workflow
        // run may have saved.
        assert!(!text.contains("actions/cache"));
        assert!(!text.contains("restore-keys"));
        // The student's checker/ is never built (comments aside).
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect();
        assert!(!code.contains("cargo run"));
        assert!(!code.contains("-p checker"));
    }
}

/// `--labs`: only those labs' steps and runners; the check passes when
/// their tests pass (the reporter fails only on a runner that failed).
#[test]
fn an_assignment_grades_only_its_labs() {
    let text = workflow(&pinned(None, &["lab1", "lab3"]));
    let doc = yaml(&text);
    let runners = doc["jobs"]["run-autograding-tests"]["steps"][0]["with"]["runners"]
        .as_str()
        .unwrap();
    assert!(
        runners
            .split(',')
            .all(|r| r.starts_with("lab01") || r.starts_with("lab03"))
    );
    let steps: Vec<&str> = doc["jobs"]["grade"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(steps, ["lab01", "lab03"]);
    let lab1 = checker::labs::find("lab1").unwrap();
    let lab3 = checker::labs::find("lab3").unwrap();
    assert!(text.contains(&format!(
        "{} points in 2 labs",
        lab1.max_points() + lab3.max_points()
    )));
}

/// The pinned grader: with a digest, the downloaded file is checked before
/// it is handed on; without, it is built from the pinned ref. Each lab's
/// step checks the hash again before grading.
#[test]
fn the_grader_is_the_pinned_one() {
    let sha = "0123456789abcdef".repeat(4);
    let text = workflow(&pinned(Some(&sha), &[]));
    let doc = yaml(&text);
    let steps = doc["jobs"]["grader"]["steps"].as_vec().unwrap();
    let download = steps[0]["run"].as_str().unwrap();
    assert!(
        download.contains("https://github.com/uni/net-2027/releases/download/grader-v1/checker")
    );
    let check = download.find(&format!(
        "echo \"{sha}  grader/checker\" | sha256sum --check"
    ));
    let output = download.find(">> \"$GITHUB_OUTPUT\"");
    assert!(check.is_some() && check < output, "{download}");
    assert_eq!(
        steps[1]["uses"].as_str().unwrap().split('@').next(),
        Some("actions/upload-artifact")
    );
    // Each lab checks the instructor's digest, written into the script.
    assert_eq!(
        text.matches(&format!(
            "echo \"{sha}  $checker\" | /usr/bin/sha256sum --check"
        ))
        .count(),
        checker::labs::all().len()
    );

    let text = workflow(&pinned(None, &[]));
    let doc = yaml(&text);
    let checkout = &doc["jobs"]["grader"]["steps"][0];
    assert_eq!(
        checkout["with"]["repository"].as_str(),
        Some("uni/net-2027")
    );
    assert_eq!(checkout["with"]["ref"].as_str(), Some("grader-v1"));
    assert_eq!(
        text.matches("--manifest-path grader/Cargo.toml --package checker")
            .count(),
        1
    );
    assert_eq!(
        text.matches("echo \"$CHECKER_SHA256  $checker\" | /usr/bin/sha256sum --check")
            .count(),
        checker::labs::all().len()
    );
}

/// Every step that prints the student's output stops workflow commands
/// around it.
#[test]
fn every_step_that_shows_student_output_stops_workflow_commands() {
    let text = workflow(&pinned(None, &[]));
    let doc = yaml(&text);
    let mut graded = 0;
    for job in doc["jobs"].as_hash().unwrap().values() {
        for step in job["steps"].as_vec().unwrap() {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            // Cargo building the student's crate, or the checker grading.
            if !script.contains("--workspace") {
                continue;
            }
            graded += 1;
            let stop = script
                .find("echo \"::stop-commands::$token\"")
                .expect(script);
            let show = script.find("cat \"$log\"").unwrap();
            let resume = script.find("echo \"::$token::\"").unwrap();
            let run = script.find("\"$checker\" ").unwrap();
            assert!(stop < show && show < resume, "{script}");
            // The program's output goes to the log, not the step's output.
            assert!(
                script[run..]
                    .lines()
                    .take(2)
                    .collect::<String>()
                    .contains(">\"$log\" 2>&1")
            );
            assert!(script.contains("token=\"$(od -An -N16 -tx1 /dev/urandom"));
        }
    }
    assert_eq!(graded, checker::labs::all().len());
}

fn tempdir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("classroom-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn sha256(path: &Path) -> String {
    let output = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(output.stdout).unwrap()[..64].to_string()
}

/// Runs lab 01's step as GitHub would (`bash -eo pipefail`), with a
/// checker that prints workflow commands (on both streams, indented, and
/// from a process it leaves behind that prints after it exits): they are
/// shown, and none is obeyed. Without results from the checker, the lab's
/// results say it was not graded.
#[test]
fn the_grading_step_shows_injected_commands_as_text() {
    let dir = tempdir("inject");
    let grader_dir = dir.join("grader");
    fs::create_dir_all(&grader_dir).unwrap();
    let fake = grader_dir.join("checker");
    fs::write(
        &fake,
        "#!/bin/sh\n\
         echo '::error title=forged::25/25'\n\
         echo '   ::add-mask::points' >&2\n\
         (sleep 1; echo '::error::late') &\n\
         exit 1\n",
    )
    .unwrap();
    let lab = checker::labs::find("lab1").unwrap();
    let grader = Grader {
        repo: "uni/net".into(),
        reference: "v1".into(),
        sha256: Some(sha256(&fake)),
        hints: Default::default(),
    };
    let script = dir.join("step.sh");
    fs::write(&script, lab_script(&grader, lab)).unwrap();
    let outputs = dir.join("github-output");
    let run = || {
        Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .env("RUNNER_TEMP", &dir)
            .env("GITHUB_WORKSPACE", &dir)
            .env("GITHUB_OUTPUT", &outputs)
            .output()
            .unwrap()
    };
    let output = run();
    let shown = shown_forged(&output);
    assert!(
        !shown.contains("::error::late"),
        "a program of the student's held the step's output:\n{shown}"
    );
    assert_eq!(obeyed(&shown), Vec::<String>::new(), "{shown}");
    // The results: every runner of lab 01, not graded, worth 0.
    let results = fs::read_to_string(&outputs).unwrap();
    let runners = checker::report::classroom_runners(lab);
    assert_eq!(results.lines().count(), runners.len());
    for (line, runner) in results.lines().zip(&runners) {
        assert!(line.starts_with(&format!("{}=", runner.name)), "{line}");
    }

    // A checker that is not the pinned one is not run.
    fs::write(&fake, "#!/bin/sh\necho swapped\n").unwrap();
    let output = run();
    assert!(!output.status.success());
    assert!(!String::from_utf8_lossy(&output.stdout).contains("swapped"));
}

#[test]
fn the_runners_model_obeys_what_it_should() {
    assert_eq!(obeyed("::error::x\n"), ["::error::x"]);
    assert_eq!(obeyed("  ::add-mask::y\n"), ["::add-mask::y"]);
    assert!(obeyed("::stop-commands::t\n::error::x\n::t::\n").is_empty());
    assert_eq!(
        obeyed("::stop-commands::t\n::t::\n::error::z\n"),
        ["::error::z"]
    );
}
