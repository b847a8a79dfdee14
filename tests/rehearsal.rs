//! A rehearsal of the grading workflow of a student's repository, as
//! GitHub would run it: the student edition is exported (`checker export
//! --labs lab1`, the grader pinned by the SHA-256 of the kit's checker),
//! its `.github/workflows/classroom.yml` is read as YAML, and the steps of
//! its jobs are carried out in order: every `run:` script with `bash
//! --noprofile --norc -eo pipefail`, as GitHub does, with the `${{ ... }}`
//! expressions and the variables a runner gives (GITHUB_WORKSPACE,
//! RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY ...), as an unprivileged
//! user (`nobody` when the test is root, else whoever runs it). What needs
//! the network is done with local copies: the checkout copies the
//! submission, the artifacts are folders, the grader's release is the
//! kit's checker (a `curl` that hands over that file for the release's URL
//! and nothing else), and "Install Rust" is skipped (the toolchain is on
//! the PATH, as it would be after it). Then the jobs that publish read what
//! they would: the JUnit report of the artifact, and GitHub Classroom's
//! results from the grading job's outputs, added up as the reporter does.
//!
//! Three submissions: the skeleton (0 points), the solution's sources
//! copied into labs/ as docs/instructors.md says (full marks), and a
//! hostile one whose build script prints a fake results JSON and workflow
//! commands, writes the solution's genuine full-mark results and JUnit
//! report where the step reads them, appends them to the step's outputs,
//! and blocks the checker's own writes of its reports (0 points, and
//! nothing forged is published).
//!
//! Not rehearsed: the grader built from source (a release build of the
//! checker, minutes here; checker/tests/classroom.rs checks that job's
//! text), and the actions themselves.

#[path = "../checker/tests/support/toolchain.rs"]
mod toolchain;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use checker::cli::{ExportArgs, GraderArgs};
use checker::compile::{CargoOutput, Profile};
use checker::course::export::export;
use checker::harness::sandbox::RunAs;
use yaml_rust2::{Yaml, YamlLoader};

// The model of what a runner obeys, shared with the other tests of steps.
#[path = "../checker/tests/support/workflow_commands.rs"]
mod workflow_commands;
use workflow_commands::obeyed;

const GRADER_REPO: &str = "uni/socklab-2027";
const GRADER_REF: &str = "grader-v1";
const STUDENT_REPO: &str = "uni/socklab-2027-ada";

fn kit() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn sha256(path: &Path) -> String {
    let output = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(output.stdout).unwrap()[..64].to_string()
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Everything in `files` (the lines `NAME=VALUE`, or `NAME<<DELIMITER`
/// ... `DELIMITER`) as the runner reads a step's GITHUB_OUTPUT: the last
/// value of a name wins.
fn outputs(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            out.insert(name.to_string(), value.join("\n"));
        } else if let Some((name, value)) = line.split_once('=') {
            out.insert(name.to_string(), value.to_string());
        } else {
            panic!("GITHUB_OUTPUT: the runner would refuse the line {line:?}");
        }
    }
    out
}

/// The runner: a scratch folder, the user the steps run as (None: this
/// test's own), what every step's environment holds, and the artifacts.
struct Runner {
    dir: PathBuf,
    user: Option<RunAs>,
    env: Vec<(String, String)>,
    artifacts: PathBuf,
}

/// One job's run: its outputs, and the output of its steps.
struct JobRun {
    outputs: BTreeMap<String, String>,
    log: String,
}

impl Runner {
    /// Gives `path` and what is in it to the steps' user.
    fn give(&self, path: &Path) {
        if let Some(user) = &self.user {
            toolchain::give_all(user, path);
        }
    }

    /// A fresh folder of the steps' user.
    fn folder(&self, path: &Path) -> PathBuf {
        let _ = fs::remove_dir_all(path);
        fs::create_dir_all(path).unwrap();
        self.give(path);
        path.to_path_buf()
    }

    /// Replaces each `${{ EXPRESSION }}` with its value in `context`; an
    /// expression it does not know fails the test (the rehearsal must be
    /// taught it).
    fn expand(text: &str, context: &BTreeMap<String, String>) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find("}}")
                .unwrap_or_else(|| panic!("an unclosed expression in {text}"))
                + start;
            let expression = rest[start + 3..end].trim();
            let value = context.get(expression).unwrap_or_else(|| {
                panic!("the rehearsal does not know the expression `{expression}` (in {text:?})")
            });
            out.push_str(value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// Runs the job `name` of `workflow`: `needs` gives the expressions
    /// `needs.JOB.outputs.NAME`, `submission` what its checkout gets. The
    /// job's folders are `dir/run/{workspace,temp}`.
    fn job(
        &self,
        workflow: &Yaml,
        name: &str,
        run: &str,
        needs: &BTreeMap<String, String>,
        submission: Option<&Path>,
    ) -> JobRun {
        let job = &workflow["jobs"][name];
        assert!(!job.is_badvalue(), "no job {name}");
        let base = self.dir.join(run);
        fs::create_dir_all(&base).unwrap();
        let workspace = self.folder(&base.join("workspace"));
        let temp = self.folder(&base.join("temp"));
        let files = self.folder(&base.join("files"));
        let summary = files.join("step-summary.md");
        let mut context = needs.clone();
        context.insert("runner.temp".into(), temp.display().to_string());
        context.insert("github.workspace".into(), workspace.display().to_string());
        context.insert("github.repository".into(), STUDENT_REPO.into());
        context.insert("!cancelled()".into(), "true".into());
        let mut log = String::new();
        for (index, step) in job["steps"].as_vec().unwrap().iter().enumerate() {
            let title = step["name"].as_str().unwrap_or("a step").to_string();
            if let Some(condition) = step["if"].as_str() {
                assert_eq!(
                    Self::expand(condition, &context),
                    "true",
                    "the step {title}: its condition"
                );
            }
            if let Some(action) = step["uses"].as_str() {
                let action = action.split('@').next().unwrap();
                let with = |key: &str| {
                    step["with"][key]
                        .as_str()
                        .map(|v| Self::expand(v, &context))
                };
                match action {
                    "actions/checkout" => {
                        assert!(
                            with("repository").is_none(),
                            "the rehearsal checks out only the student's repository"
                        );
                        assert_eq!(step["with"]["persist-credentials"].as_bool(), Some(false));
                        copy_tree(submission.expect("a submission"), &workspace);
                        self.give(&workspace);
                    }
                    "actions/upload-artifact" => {
                        let path = PathBuf::from(with("path").unwrap());
                        let path = if path.is_absolute() {
                            path
                        } else {
                            workspace.join(path)
                        };
                        let stored = self.artifacts.join(with("name").unwrap());
                        let _ = fs::remove_dir_all(&stored);
                        fs::create_dir_all(&stored).unwrap();
                        assert!(
                            path.exists() || with("if-no-files-found").as_deref() != Some("error"),
                            "the step {title}: {} does not exist",
                            path.display()
                        );
                        if path.is_dir() {
                            copy_tree(&path, &stored);
                        } else if path.is_file() {
                            fs::copy(&path, stored.join(path.file_name().unwrap())).unwrap();
                        }
                    }
                    "actions/download-artifact" => {
                        let path = PathBuf::from(with("path").unwrap());
                        let path = if path.is_absolute() {
                            path
                        } else {
                            workspace.join(path)
                        };
                        copy_tree(&self.artifacts.join(with("name").unwrap()), &path);
                        self.give(&path);
                    }
                    other => panic!("the rehearsal does not know the action {other}"),
                }
                continue;
            }
            let script = step["run"]
                .as_str()
                .unwrap_or_else(|| panic!("the step {title} neither uses an action nor runs"));
            // Installing Rust needs the network: the toolchain is on the
            // PATH already, as after that step.
            if script.contains("rustup toolchain install") {
                continue;
            }
            let script = Self::expand(script, &context);
            let id = step["id"].as_str().map(str::to_string);
            let key = id.clone().unwrap_or_else(|| format!("step{index}"));
            let path = files.join(format!("{key}.sh"));
            fs::write(&path, &script).unwrap();
            let output_file = files.join(format!("output-{key}"));
            fs::write(&output_file, "").unwrap();
            self.give(&output_file);
            let mut command = Command::new("bash");
            command
                .args(["--noprofile", "--norc", "-eo", "pipefail"])
                .arg(&path)
                .current_dir(&workspace)
                .env_clear()
                .envs(self.env.iter().map(|(k, v)| (k, v)))
                .env("CI", "true")
                .env("GITHUB_ACTIONS", "true")
                .env("GITHUB_REPOSITORY", STUDENT_REPO)
                .env("GITHUB_WORKSPACE", &workspace)
                .env("RUNNER_TEMP", &temp)
                .env("GITHUB_OUTPUT", &output_file)
                .env("GITHUB_STEP_SUMMARY", &summary);
            if let Some(env) = step["env"].as_hash() {
                for (key, value) in env {
                    command.env(
                        key.as_str().unwrap(),
                        Self::expand(value.as_str().unwrap(), &context),
                    );
                }
            }
            if let Some(user) = &self.user {
                command.uid(user.uid).gid(user.gid);
            }
            let output = command.output().unwrap();
            let shown = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.status.success(),
                "the step {title} of {run} failed ({}):\n{shown}",
                output.status
            );
            log.push_str(&shown);
            if let Some(id) = id {
                for (name, value) in outputs(&fs::read_to_string(&output_file).unwrap()) {
                    context.insert(format!("steps.{id}.outputs.{name}"), value);
                }
            }
        }
        let mut outputs = BTreeMap::new();
        for (key, value) in job["outputs"].as_hash().into_iter().flatten() {
            outputs.insert(
                key.as_str().unwrap().to_string(),
                Self::expand(value.as_str().unwrap(), &context),
            );
        }
        JobRun { outputs, log }
    }
}

/// What GitHub Classroom records from the reporter's job: each runner's
/// results from its environment, added up as the reporter does: (the log's
/// total, Classroom's points, Classroom's maximum).
fn classroom_points(workflow: &Yaml, grade: &BTreeMap<String, String>) -> (f64, u64, u64) {
    use base64::Engine;
    let step = &workflow["jobs"]["run-autograding-tests"]["steps"][0];
    let mut context = BTreeMap::new();
    for (name, value) in grade {
        context.insert(format!("needs.grade.outputs.{name}"), value.clone());
    }
    let mut results = Vec::new();
    for runner in step["with"]["runners"].as_str().unwrap().split(',') {
        let variable = format!("{}_RESULTS", runner.to_uppercase());
        let value = step["env"][variable.as_str()]
            .as_str()
            .unwrap_or_else(|| panic!("the reporter gets no {variable}"));
        let encoded = Runner::expand(value, &context);
        let json = base64::engine::general_purpose::STANDARD
            .decode(&encoded)
            .unwrap_or_else(|e| panic!("{variable}={encoded:?}: {e}"));
        results.push((runner.to_string(), serde_json::from_slice(&json).unwrap()));
    }
    checker::report::as_the_reporter_adds_up(&results)
}

/// What the report job publishes: (test cases, failures and errors) over
/// the artifact's JUnit reports (`report_paths: reports/*.xml`).
fn junit_counts(workflow: &Yaml, artifacts: &Path) -> (usize, usize) {
    let report = &workflow["jobs"]["report"]["steps"];
    assert_eq!(report[0]["with"]["name"].as_str(), Some("socklab-reports"));
    assert_eq!(
        report[1]["with"]["report_paths"].as_str(),
        Some("reports/*.xml")
    );
    let mut cases = 0;
    let mut failed = 0;
    for entry in fs::read_dir(artifacts.join("socklab-reports")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        cases += text.matches("<testcase ").count();
        failed += text.matches("<failure").count() + text.matches("<error").count();
    }
    (cases, failed)
}

#[test]
fn the_grading_workflow_rehearsed_as_an_unprivileged_user() {
    let started = Instant::now();
    let kit = kit();
    // SAFETY: geteuid has no preconditions.
    let user = if unsafe { libc::geteuid() } == 0 {
        Some(RunAs::lookup("nobody").expect("the user nobody, to run the steps as"))
    } else {
        None
    };
    // Under /tmp: the steps' user must reach it, and the kit may be in a
    // folder it can't enter (/root).
    let dir = std::env::temp_dir().join(format!("socklab-rehearsal-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();

    // The grader: the kit's checker, as the release asset of the tag.
    let built = checker::compile::build("checker", Profile::Dev, CargoOutput::Keep).unwrap();
    let release = dir.join("release");
    fs::create_dir_all(&release).unwrap();
    fs::copy(&built, release.join("checker")).unwrap();
    let digest = sha256(&release.join("checker"));

    // The edition, its workflow pinned to that digest, grading lab 1.
    let edition = dir.join("edition");
    export(
        &kit,
        &ExportArgs {
            dir: edition.clone(),
            grader: GraderArgs {
                grader_repo: Some(GRADER_REPO.into()),
                grader_ref: Some(GRADER_REF.into()),
                grader_sha256: Some(digest.clone()),
            },
            labs: vec!["lab1".into()],
            hints: Default::default(),
        },
    )
    .unwrap();
    let text = fs::read_to_string(edition.join(".github/workflows/classroom.yml")).unwrap();
    let workflow = YamlLoader::load_from_str(&text).unwrap().remove(0);
    let lab1 = checker::labs::find("lab1").unwrap();
    let max = u64::from(lab1.max_points());

    // The machine: no network (curl hands over the release, and nothing
    // else), a sudo that does nothing, Rust where the user can run it.
    let shims = dir.join("shims");
    fs::create_dir_all(&shims).unwrap();
    let url = format!("https://github.com/{GRADER_REPO}/releases/download/{GRADER_REF}/checker");
    fs::write(
        shims.join("curl"),
        format!(
            "#!/bin/bash\n\
             out=; url=\n\
             while [ $# -gt 0 ]; do\n\
             \x20 case \"$1\" in\n\
             \x20   --output) out=\"$2\"; shift 2 ;;\n\
             \x20   --retry) shift 2 ;;\n\
             \x20   -*) shift ;;\n\
             \x20   *) url=\"$1\"; shift ;;\n\
             \x20 esac\n\
             done\n\
             if [ \"$url\" != '{url}' ]; then\n\
             \x20 echo \"curl (rehearsal): no network here, and $url is not the grader's release\" >&2\n\
             \x20 exit 22\n\
             fi\n\
             cp '{}' \"$out\"\n",
            release.join("checker").display()
        ),
    )
    .unwrap();
    fs::write(
        shims.join("sudo"),
        "#!/bin/sh\necho \"sudo (rehearsal, not run): $*\" >&2\n",
    )
    .unwrap();
    for shim in ["curl", "sudo"] {
        fs::set_permissions(shims.join(shim), fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (bin, cargo_home) = match &user {
        Some(user) => toolchain::toolchain_for(user, &dir).unwrap(),
        None => {
            let rustc = Command::new("rustc")
                .args(["--print", "sysroot"])
                .output()
                .unwrap();
            let sysroot = PathBuf::from(String::from_utf8_lossy(&rustc.stdout).trim());
            let home = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
            (sysroot.join("bin"), home)
        }
    };
    let home = dir.join("home");
    fs::create_dir_all(&home).unwrap();
    // The labs' build, shared by the three submissions (a runner would
    // build in each checkout's target/; the dependencies once is enough).
    let target = dir.join("target");
    fs::create_dir_all(&target).unwrap();
    let artifacts = dir.join("artifacts");
    fs::create_dir_all(&artifacts).unwrap();
    let runner = Runner {
        dir: dir.clone(),
        user: user.clone(),
        env: vec![
            (
                "PATH".into(),
                format!(
                    "{}:{}:/usr/local/bin:/usr/bin:/bin",
                    shims.display(),
                    bin.display()
                ),
            ),
            ("HOME".into(), home.display().to_string()),
            ("CARGO_HOME".into(), cargo_home.display().to_string()),
            ("CARGO_TARGET_DIR".into(), target.display().to_string()),
            ("CARGO_NET_OFFLINE".into(), "true".into()),
            ("LANG".into(), "C.UTF-8".into()),
        ],
        artifacts: artifacts.clone(),
    };
    runner.give(&home);
    runner.give(&target);

    // The grader job: the release downloaded and checked, handed on.
    let grader = runner.job(&workflow, "grader", "grader", &BTreeMap::new(), None);
    assert_eq!(grader.outputs["sha256"], digest);
    assert!(artifacts.join("socklab-grader/checker").is_file());
    assert!(obeyed(&grader.log).is_empty(), "{}", grader.log);
    let needs: BTreeMap<String, String> = grader
        .outputs
        .iter()
        .map(|(k, v)| (format!("needs.grader.outputs.{k}"), v.clone()))
        .collect();
    eprintln!("the grader job after {:.0?}", started.elapsed());

    // 1. The skeleton, untouched: 0 points.
    let grade = runner.job(&workflow, "grade", "skeleton", &needs, Some(&edition));
    assert_eq!(obeyed(&grade.log), Vec::<String>::new(), "{}", grade.log);
    assert_eq!(
        classroom_points(&workflow, &grade.outputs).1,
        0,
        "{}",
        grade.log
    );
    assert_eq!(classroom_points(&workflow, &grade.outputs).2, max);
    let (cases, failed) = junit_counts(&workflow, &artifacts);
    assert_eq!(cases, lab1.tests.len(), "{}", grade.log);
    assert!(failed > 0, "{}", grade.log);
    eprintln!("the skeleton graded after {:.0?}", started.elapsed());

    // 2. The solution, copied in as docs/instructors.md says: full marks.
    let solved = dir.join("submissions/solution");
    copy_tree(&edition, &solved);
    let steps = acceptance_steps(&kit.join("docs/instructors.md"));
    let scene = dir.join("acceptance");
    fs::create_dir_all(&scene).unwrap();
    std::os::unix::fs::symlink(kit.join("solutions"), scene.join("solutions")).unwrap();
    std::os::unix::fs::symlink(solved.join("labs"), scene.join("labs")).unwrap();
    let status = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &steps])
        .current_dir(&scene)
        .status()
        .unwrap();
    assert!(status.success(), "the documented steps failed:\n{steps}");
    let grade = runner.job(&workflow, "grade", "solution", &needs, Some(&solved));
    assert_eq!(obeyed(&grade.log), Vec::<String>::new(), "{}", grade.log);
    let (shown, points, most) = classroom_points(&workflow, &grade.outputs);
    assert_eq!((points, most), (max, max), "{}", grade.log);
    assert!(
        (shown - max as f64).abs() < 0.01,
        "the reporter shows {shown}"
    );
    assert_eq!(
        junit_counts(&workflow, &artifacts),
        (lab1.tests.len(), 0),
        "{}",
        grade.log
    );
    let genuine_results = grade.outputs.clone();
    let genuine_xml = fs::read_to_string(artifacts.join("socklab-reports/lab01.xml")).unwrap();
    eprintln!("the solution graded after {:.0?}", started.elapsed());

    // 3. The hostile one: the skeleton, with a build script that forges.
    let hostile = dir.join("submissions/hostile");
    copy_tree(&edition, &hostile);
    let reports = dir.join("hostile/temp/reports");
    let step_output = dir.join("hostile/files/output-lab01");
    let forged_lines: String = genuine_results
        .iter()
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect();
    let fake_json =
        serde_json::json!({"lab": "lab01", "points": max, "max_points": max}).to_string();
    fs::write(
        hostile.join("labs/01-hello/build.rs"),
        format!(
            r#"// Forges the grade every way a build script of the graded job could.
use std::io::Write;

const REPORTS: &str = {reports:?};
const STEP_OUTPUT: &str = {step_output:?};
const RESULTS: &str = {forged_lines:?};
const XML: &str = {genuine_xml:?};
const FAKE_JSON: &str = {fake_json:?};

fn main() {{
    println!("{{FAKE_JSON}}");
    eprintln!("{{FAKE_JSON}}");
    println!("cargo:warning=::error title=forged::{max}/{max}");
    println!("cargo:warning=::add-mask::points");
    eprintln!("::set-output name=lab01::{{FAKE_JSON}}");
    for line in RESULTS.lines() {{
        println!("::set-output name={{}}", line.replacen('=', "::", 1));
    }}
    // The results and the report where the step reads them.
    let _ = std::fs::create_dir_all(REPORTS);
    let _ = std::fs::write(format!("{{REPORTS}}/lab01.results"), RESULTS);
    let _ = std::fs::write(format!("{{REPORTS}}/lab01.xml"), XML);
    // A folder where the checker would write each report first (beside it,
    // named after the checker's process id): every process above this one.
    let mut pid = std::process::id().to_string();
    while let Ok(stat) = std::fs::read_to_string(format!("/proc/{{pid}}/stat")) {{
        let after = &stat[stat.rfind(')').unwrap_or(0) + 2..];
        let Some(parent) = after.split(' ').nth(1) else {{ break }};
        if parent == "0" || parent == "1" {{
            break;
        }}
        for report in ["lab01.results", "lab01.xml"] {{
            let _ = std::fs::create_dir(format!("{{REPORTS}}/.{{report}}.{{parent}}.tmp"));
        }}
        pid = parent.to_string();
    }}
    // The step's outputs, directly.
    if let Ok(mut file) = std::fs::OpenOptions::new().append(true).open(STEP_OUTPUT) {{
        let _ = file.write_all(RESULTS.as_bytes());
    }}
}}
"#
        ),
    )
    .unwrap();
    let grade = runner.job(&workflow, "grade", "hostile", &needs, Some(&hostile));
    assert_eq!(obeyed(&grade.log), Vec::<String>::new(), "{}", grade.log);
    // It ran (cargo shows a build script's output only when it fails).
    let blocked = fs::read_dir(artifacts.join("socklab-reports"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with(".lab01.results.") && name.ends_with(".tmp")
        })
        .count();
    assert!(blocked > 0, "the build script did not run:\n{}", grade.log);
    let (shown, points, most) = classroom_points(&workflow, &grade.outputs);
    assert_eq!((points, most), (0, max), "a forged grade:\n{}", grade.log);
    assert_eq!(shown, 0.0, "{}", grade.log);
    for (name, value) in &grade.outputs {
        assert_ne!(Some(value), genuine_results.get(name), "{name}: forged");
    }
    let forged = fs::read_dir(artifacts.join("socklab-reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| fs::read_to_string(p).is_ok_and(|t| t == genuine_xml || t == forged_lines))
        .collect::<Vec<_>>();
    assert_eq!(
        forged,
        Vec::<PathBuf>::new(),
        "a forged report is published"
    );
    // The checker could not write its reports (exit status 2): the step
    // trusts none of the files there, and the JUnit report publishes no
    // passed test.
    let (cases, failed) = junit_counts(&workflow, &artifacts);
    assert!(cases == 0 || failed > 0, "{}", grade.log);

    eprintln!("the rehearsal took {:.0?}", started.elapsed());
    let _ = fs::remove_dir_all(&dir);
}

/// The `sh` block after docs/instructors.md's acceptance marker.
fn acceptance_steps(document: &Path) -> String {
    const MARKER: &str = "<!-- acceptance: the solution in the skeleton's crate -->";
    let text = fs::read_to_string(document).unwrap();
    let after = &text[text.find(MARKER).expect(MARKER)..];
    let mut lines = after.lines().skip(1).map(str::trim);
    assert_eq!(lines.next(), Some("```sh"));
    lines
        .take_while(|l| *l != "```")
        .map(|l| format!("{l}\n"))
        .collect()
}
