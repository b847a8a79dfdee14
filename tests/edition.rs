//! The student edition (`checker export`), end to end: exported to a
//! temporary folder it has no solution code in it, builds offline, its
//! `cargo test` passes, its checker grades its skeletons at zero and, with
//! the solutions' sources copied into its labs/, at full marks; and a copy
//! whose checker was edited to pass everything still gets zero from the
//! instructor's checker (`--workspace`), as in CI (.github/workflows/classroom.yml).
//!
//! One test, because each step needs the build of the one before. The
//! edition builds in a target folder of its own, kept between runs, so a
//! rerun compiles only the edition's own crates. (Not the kit's target
//! folder: cargo names a workspace's crates by their path inside the
//! workspace, which is the same in both, so the two would overwrite each
//! other's checker.)

#[path = "common/source.rs"]
mod source;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use checker::cli::{ExportArgs, GraderArgs};
use checker::compile::{CargoOutput, Profile};
use checker::course::export::export;
use checker::labs;

fn kit() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs `program` in `dir` with the edition's target folder; panics with
/// its output if it fails and `must_succeed`.
fn run(program: &Path, dir: &Path, target: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(program);
    // As root, the checker would build the labs as nobody (--run-as), who
    // may not reach this machine's Rust (rustup's, under /root); this test
    // is about the edition. checker/tests/gradescope.rs and .ci/run grade
    // with --run-as.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        command.env("SOCKLAB_RUN_AS", "root");
    }
    command
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_NET_OFFLINE", "true")
        .env("NO_COLOR", "1")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()))
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = run(Path::new(&cargo), dir, target, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "cargo {} in the edition failed:\n{text}",
        args.join(" ")
    );
    text
}

/// Grades every lab with `checker` and returns (lab, points, max) per lab.
fn grade_all(checker: &Path, dir: &Path, target: &Path, extra: &[&str]) -> Vec<(String, u64, u64)> {
    let mut args = vec!["all", "--format", "json", "--seed", "1"];
    args.extend_from_slice(extra);
    let output = run(checker, dir, target, &args);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{} {}: {e}\n{}",
            checker.display(),
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    json["labs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|lab| {
            (
                lab["lab"].as_str().unwrap().to_string(),
                lab["points"].as_u64().unwrap(),
                lab["max_points"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_student_edition_builds_passes_its_tests_grades_and_has_no_solution_code() {
    let started = Instant::now();
    let kit = kit();
    // The edition goes outside the kit: cargo does not notice edits of a
    // workspace that lies in another repository's ignored target/ (as
    // CARGO_TARGET_TMPDIR is).
    let tmp = std::env::temp_dir().join(format!("socklab-edition-{}", std::process::id()));
    let edition = tmp.join("socklab");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("edition-target");
    let _ = std::fs::remove_dir_all(&tmp);
    let exported = export(
        &kit,
        &ExportArgs {
            dir: edition.clone(),
            grader: GraderArgs {
                grader_repo: Some("uni/socklab-2027".into()),
                grader_ref: Some("grader-v1".into()),
                grader_sha256: None,
            },
            labs: Vec::new(),
            hints: Default::default(),
        },
    )
    .unwrap();
    eprintln!(
        "edition: {} files, {} lines, grader {}",
        exported.files, exported.lines, exported.grader
    );
    assert_eq!(exported.grader, "uni/socklab-2027@grader-v1");
    let text = std::fs::read_to_string(edition.join(".github/workflows/classroom.yml"))
        .unwrap_or_default();
    assert!(
        text.starts_with("# socklab-workflow: grader=uni/socklab-2027@grader-v1 ")
            && text.contains("          repository: uni/socklab-2027\n")
            && text.contains("          ref: grader-v1\n")
            && text.contains("github.repository != 'uni/socklab-2027'"),
        "classroom.yml does not build the pinned grader:\n{text}"
    );
    assert!(
        !edition.join(".github/workflows/grade.yml").exists(),
        "one workflow grades a push, once"
    );

    no_solution_code_and_docs_make_sense(&kit, &edition);

    // It builds offline, from the pruned Cargo.lock as it is, and its own
    // tests pass: the checker's unit tests and its command line (the tests
    // that grade solutions/ are ignored, and say so).
    cargo(
        &edition,
        &target,
        &["build", "--workspace", "--offline", "--locked"],
    );
    let tests = cargo(&edition, &target, &["test", "--offline", "--locked"]);
    let passed: usize = tests
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(
        passed >= 30,
        "the edition's cargo test ran only {passed} tests:\n{tests}"
    );
    assert!(tests.contains("ignored, grades solutions/"), "{tests}");
    eprintln!("built and tested after {:.0?}", started.elapsed());

    let checker = target.join("debug").join("checker");
    let every_lab: BTreeSet<String> = labs::all().iter().map(|l| l.id()).collect();

    // Its checker grades its skeletons at zero, every lab.
    let skeletons = grade_all(&checker, &edition, &target, &[]);
    assert_eq!(
        skeletons
            .iter()
            .map(|l| l.0.clone())
            .collect::<BTreeSet<_>>(),
        every_lab
    );
    for (lab, points, max) in &skeletons {
        assert!(
            *points == 0 && *max > 0,
            "the skeleton of {lab}: {points}/{max}"
        );
    }

    // The student edits the checker to pass everything: their own checker
    // now says full marks, the instructor's (the kit's, with --workspace,
    // as CI runs it) still says zero.
    let honest = tmp.join("checker-before-the-edit");
    std::fs::copy(&checker, &honest).unwrap();
    let runner = edition.join("checker/src/runner.rs");
    let original = std::fs::read_to_string(&runner).unwrap();
    let cheat = "let outcome = outcome.map_err(|failure| classify(failure, &programs));";
    assert_eq!(
        original.matches(cheat).count(),
        1,
        "the edit this test makes to checker/src/runner.rs no longer fits it; update `cheat`"
    );
    std::fs::write(
        &runner,
        original.replace(
            cheat,
            "let outcome: Result<(), Failure> = Ok(()); // every test passes",
        ),
    )
    .unwrap();
    cargo(
        &edition,
        &target,
        &["build", "--offline", "--locked", "--package", "checker"],
    );
    for (lab, points, max) in grade_all(&checker, &edition, &target, &[]) {
        assert_eq!(
            points, max,
            "the edited checker should pass {lab}: the edit is no cheat"
        );
    }
    let instructors = checker::compile::build("checker", Profile::Dev, CargoOutput::Keep).unwrap();
    let workspace = edition.to_str().unwrap();
    for (lab, points, max) in grade_all(&instructors, &kit, &target, &["--workspace", workspace]) {
        assert_eq!(
            points, 0,
            "the instructor's checker gave {lab} {points}/{max}"
        );
    }
    std::fs::write(&runner, original).unwrap();

    // With the solutions' sources in its labs/, its checker gives full marks.
    for lab in labs::all() {
        let from = kit.join(lab.folder(true)).join("src");
        let to = edition.join(lab.folder(false)).join("src");
        let number = format!("{:02}", lab.number);
        for file in source::files_under(&from) {
            let text = std::fs::read_to_string(&file)
                .unwrap()
                .replace(&format!("solution{number}_"), &format!("lab{number}_"));
            std::fs::write(to.join(file.strip_prefix(&from).unwrap()), text).unwrap();
        }
    }
    let solved = grade_all(&honest, &edition, &target, &[]);
    assert_eq!(solved.len(), every_lab.len());
    for (lab, points, max) in &solved {
        assert_eq!(
            points, max,
            "{lab} with the solution's sources: {points}/{max}"
        );
    }
    std::fs::remove_dir_all(&tmp).unwrap();
    eprintln!("the whole test took {:.0?}", started.elapsed());
}

/// No body of a solution's function that the skeleton leaves to the
/// student appears anywhere in the edition, however it is formatted; and
/// the edition's Markdown neither sends students to what it lacks nor
/// keeps a marker.
fn no_solution_code_and_docs_make_sense(kit: &Path, edition: &Path) {
    let files = source::files_under(edition);
    for path in &files {
        let relative = path.strip_prefix(edition).unwrap();
        assert!(
            !relative.starts_with("solutions") && !relative.starts_with("tests"),
            "{} was exported",
            relative.display()
        );
    }
    let texts: Vec<(PathBuf, String)> = files
        .iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(p).ok()?)))
        .collect();
    let haystacks: Vec<(PathBuf, String)> = texts
        .iter()
        .map(|(p, t)| (p.clone(), source::searchable(p, t)))
        .collect();
    let mut checked = 0;
    for lab in labs::all() {
        let solution_dir = kit.join(lab.folder(true));
        for file in source::files_under(&solution_dir.join("src")) {
            let relative = file.strip_prefix(&solution_dir).unwrap();
            let solution = std::fs::read_to_string(&file).unwrap();
            let skeleton = std::fs::read_to_string(kit.join(lab.folder(false)).join(relative))
                .unwrap_or_default();
            let students: Vec<String> = source::functions(&source::parse(relative, &skeleton))
                .into_iter()
                .filter(|f| f.todo)
                .map(|f| f.key)
                .collect();
            let own = source::searchable(&file, &solution);
            for function in source::functions(&source::parse(&file, &solution)) {
                if !students.contains(&function.key) || function.tokens < 8 {
                    continue;
                }
                // The search must find the body where it came from, or
                // it finds nothing anywhere.
                assert!(
                    own.contains(&function.body),
                    "{}: {}",
                    file.display(),
                    function.key
                );
                for (path, haystack) in &haystacks {
                    assert!(
                        !haystack.contains(&function.body),
                        "{} contains the body of {} from {}",
                        path.display(),
                        function.key,
                        file.display()
                    );
                }
                checked += 1;
            }
        }
    }
    eprintln!(
        "looked for {checked} solution bodies in {} files",
        haystacks.len()
    );
    assert!(
        checked >= labs::all().len() * 2,
        "only {checked} solution bodies were looked for"
    );

    // (`--solution` is an option of the edition's checker too, which says
    // the solutions are not there: naming it is fine, telling students to
    // run it is not.)
    let kit_only = [
        "solutions/",
        "solution0",
        "kit-tests",
        "tests/src",
        "tests/build.rs",
        "tests/hostile",
        "instructors.md",
        "contributing.md",
        "<!-- kit-only",
        "<!-- edition-only",
        "<!-- /kit-only",
    ];
    for (path, text) in texts
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "md"))
    {
        for word in kit_only {
            assert!(
                !text.contains(word),
                "{} mentions {word:?}, which the student edition does not have",
                path.display()
            );
        }
        let commands = ["cargo run", "checker lab", "checker grade", "checker bench"];
        for line in text
            .lines()
            .filter(|l| commands.iter().any(|c| l.contains(c)))
        {
            assert!(
                !line.contains("--solution"),
                "{} tells students to run `{line}`, and the edition has no solutions",
                path.display()
            );
        }
        for link in relative_links(text) {
            let target = path.parent().unwrap().join(&link);
            assert!(
                target.exists(),
                "{} links to {link}, which the edition does not have",
                path.display()
            );
        }
    }
}

/// The targets of `[text](target)` links that are paths, without `#anchor`.
fn relative_links(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|link| link.split('#').next().unwrap_or_default().to_string())
        .filter(|link| !link.is_empty() && !link.contains("://") && !link.starts_with("mailto:"))
        .collect()
}
