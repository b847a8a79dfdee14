//! `checker gradescope`: the autograder it writes, run for real.
//!
//! The package is written and zipped, the zip unpacked into a fake
//! /autograder (AUTOGRADER_ROOT, a temporary folder: no root needed),
//! build.sh run offline (the step of setup.sh after rustup; setup.sh itself
//! needs the network and root, and CI lints it with shellcheck), then
//! run_autograder against submissions: the reference solution's sources in
//! labs/ (full marks), the untouched skeleton (zero, every test listed), one
//! whose checker/ and Cargo.toml would give full marks and whose lab's
//! build script writes a forged results.json (zero all the same), one that
//! does not compile (zero, with the compiler's error), one without the lab,
//! and an autograder whose setup never ran (zero, with the reason). The
//! results.json files are checked against the samples of
//! `--format gradescope` in tests/samples.
//!
//! Lab 01 only, and the checker built in the dev profile, reusing the
//! workspace's build directory (CARGO_BUILD_BUILD_DIR): only the checker's
//! own crate and lab 01 are compiled here.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use assert_cmd::cargo::cargo_bin_cmd;

// The Rust toolchain where another user can run it (shared with the kit's
// rehearsal of the grading workflow, tests/rehearsal.rs).
#[path = "support/toolchain.rs"]
mod toolchain;
use toolchain::{give_all, toolchain_for};

/// The folder `path` is in.
fn parent(path: &str) -> PathBuf {
    Path::new(path).parent().unwrap().to_path_buf()
}

fn workspace() -> PathBuf {
    parent(env!("CARGO_MANIFEST_DIR"))
}

/// What run_autograder printed (both streams), once it succeeded.
fn log_of_success(output: &std::process::Output) -> String {
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "run_autograder failed:\n{log}");
    log
}

/// A fresh folder of its own under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("gradescope-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// What of a results.json does not change from run to run: the points,
/// and each test's name, number, points and status.
fn shape(results: &serde_json::Value) -> serde_json::Value {
    let mut keys: Vec<&String> = results.as_object().unwrap().keys().collect();
    keys.sort();
    let tests: Vec<serde_json::Value> = results["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert!(t["output"].is_string(), "{t}");
            serde_json::json!([
                t["name"],
                t["number"],
                t["score"],
                t["max_score"],
                t["status"],
                t["tags"]
            ])
        })
        .collect();
    serde_json::json!({
        "keys": keys,
        "score": results["score"],
        "max_score": results["max_score"],
        "tests": tests,
    })
}

fn sample(name: &str) -> serde_json::Value {
    json(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/samples")
            .join(name),
    )
}

/// A fake /autograder: the unpacked zip in source/, a submission, results.
struct Autograder {
    root: PathBuf,
}

impl Autograder {
    fn command(&self, script: &str) -> Command {
        let mut cmd = Command::new(self.root.join("source").join(script));
        cmd.env("AUTOGRADER_ROOT", &self.root)
            .env_remove("SOCKLAB_STATE")
            // Not root's other user: the test runs the student's code as
            // itself (whoever runs the test).
            .env("SOCKLAB_STUDENT", "")
            .current_dir(&self.root);
        cmd
    }

    /// Replaces the submission with `make`'s, runs run_autograder and
    /// returns results.json and what the script printed.
    fn grade(&self, make: impl FnOnce(&Path)) -> (serde_json::Value, String) {
        let submission = self.root.join("submission");
        let results = self.root.join("results");
        let _ = fs::remove_dir_all(&submission);
        let _ = fs::remove_dir_all(&results);
        fs::create_dir_all(&submission).unwrap();
        fs::create_dir_all(&results).unwrap();
        make(&submission);
        let output = self.command("run_autograder").output().unwrap();
        (json(&results.join("results.json")), log_of_success(&output))
    }
}

/// The workspace's build folder, whose dependencies the autograder's
/// build reuses.
fn build_dir() -> PathBuf {
    parent(env!("CARGO_TARGET_TMPDIR"))
}

/// labs/01-hello of the kit's skeleton, into `submission`.
fn skeleton_lab(submission: &Path) -> PathBuf {
    let lab = submission.join("labs/01-hello");
    copy_tree(&workspace().join("labs/01-hello"), &lab);
    lab
}

/// The skeleton's crate (lab01-hello) with the reference solution's
/// sources, at `lab`.
fn solved_lab(lab: &Path) {
    copy_tree(&workspace().join("labs/01-hello"), lab);
    for file in fs::read_dir(workspace().join("solutions/01-hello/src")).unwrap() {
        let file = file.unwrap();
        let text = fs::read_to_string(file.path())
            .unwrap()
            .replace("solution01_hello", "lab01_hello");
        fs::write(lab.join("src").join(file.file_name()), text).unwrap();
    }
}

#[test]
#[cfg_attr(
    not(socklab_kit),
    ignore = "grades the solutions' sources, which only the kit has"
)]
fn the_gradescope_autograder_grades_only_the_submissions_labs() {
    let started = Instant::now();
    let dir = scratch("package");
    let package = dir.join("autograder");
    let zip_path = dir.join("autograder.zip");

    // The package, and the zip an instructor uploads.
    let output = cargo_bin_cmd!("checker")
        .arg("gradescope")
        .arg(&package)
        .args(["--labs", "lab1", "--zip"])
        .arg(&zip_path)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("grades lab01 (25 points)"), "{said}");
    for script in ["setup.sh", "build.sh", "run_autograder"] {
        let mode = fs::metadata(package.join(script))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111, "{script} is not executable");
    }
    let kit = package.join("kit");
    assert!(kit.join("checker/src/main.rs").is_file());
    for lab in fs::read_dir(workspace().join("labs")).unwrap() {
        let name = lab.unwrap().file_name();
        assert!(
            kit.join("labs").join(&name).join("Cargo.toml").is_file(),
            "{name:?}"
        );
    }
    // No reference solution, nor the kit's tests made from them.
    for withheld in ["solutions", "tests", "target", ".git"] {
        assert!(!kit.join(withheld).exists(), "kit/{withheld} is shipped");
    }
    let manifest = fs::read_to_string(kit.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("solutions"), "{manifest}");
    let lock = fs::read_to_string(kit.join("Cargo.lock")).unwrap();
    assert!(!lock.contains("name = \"solution01-hello\""));

    // The zip has the package's files at its root, executables executable;
    // Gradescope unpacks it into /autograder/source.
    let root = dir.join("autograder-root");
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip_path).unwrap()).unwrap();
    for name in ["setup.sh", "run_autograder"] {
        let entry = archive.by_name(name).unwrap();
        assert_eq!(
            entry.unix_mode().unwrap() & 0o111,
            0o111,
            "{name} in the zip"
        );
    }
    assert!(archive.by_name("kit/labs/01-hello/src/main.rs").is_ok());
    archive.extract(root.join("source")).unwrap();
    let autograder = Autograder { root: root.clone() };

    // setup.sh's build step, offline.
    let built = Instant::now();
    let build_dir = build_dir();
    let output = autograder
        .command("build.sh")
        .env("SOCKLAB_OFFLINE", "1")
        .env("SOCKLAB_GRADER_PROFILE", "dev")
        .env("CARGO_BUILD_BUILD_DIR", build_dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "build.sh failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(root.join("socklab/bin/checker").is_file());
    let build_seconds = built.elapsed().as_secs_f64();

    // The reference solution's sources in the skeleton's crate.
    let (results, log) =
        autograder.grade(|submission| solved_lab(&submission.join("labs/01-hello")));
    assert_eq!(results["score"], 25, "{log}");
    assert_eq!(
        shape(&results),
        shape(&sample("lab01-solution.gradescope.json")),
        "{log}"
    );

    // The skeleton, in a zip of the repository's folder (labs/ one down).
    let (results, log) = autograder.grade(|submission| {
        skeleton_lab(&submission.join("socklab-main"));
    });
    assert_eq!(results["score"], 0, "{log}");
    let skeleton = shape(&sample("lab01-skeleton.gradescope.json"));
    assert_eq!(shape(&results), skeleton, "{log}");
    assert!(log.contains("grading socklab-main/labs/01-hello"), "{log}");

    // What would give full marks if the submission were used as it is:
    // a checker/ that prints them, a Cargo.toml whose lab01-hello is
    // another crate (the solution, in cheat/), and a build script in the
    // lab that forges results.json. Only labs/01-hello is taken, the
    // submission's checker is never built, and results.json is written
    // after grading, from what the instructor's checker printed.
    let forged = serde_json::json!({"score": 25, "output": "forged"}).to_string();
    let results_path = root.join("results/results.json");
    let (results, log) = autograder.grade(|submission| {
        let lab = skeleton_lab(submission);
        fs::write(
            lab.join("build.rs"),
            format!(
                "fn main() {{ let _ = std::fs::write({:?}, {forged:?}); }}\n",
                results_path.display().to_string()
            ),
        )
        .unwrap();
        solved_lab(&submission.join("cheat"));
        fs::write(
            submission.join("Cargo.toml"),
            fs::read_to_string(kit.join("Cargo.toml"))
                .unwrap()
                .replace("\"labs/*\"", "\"cheat\""),
        )
        .unwrap();
        let checker = submission.join("checker");
        fs::create_dir_all(checker.join("src")).unwrap();
        fs::write(
            checker.join("Cargo.toml"),
            "[package]\nname = \"checker\"\nversion = \"9.9.9\"\nedition = \"2024\"\n",
        )
        .unwrap();
        fs::write(
            checker.join("src/main.rs"),
            format!("fn main() {{ println!(\"{{}}\", {forged:?}); }}\n"),
        )
        .unwrap();
    });
    assert_eq!(results["score"], 0, "{log}");
    assert_eq!(shape(&results), skeleton, "{log}");

    // A lab that does not compile: zero, every test listed, and the
    // compiler's error in the results (the student sees only those).
    let (results, log) = autograder.grade(|submission| {
        let lab = skeleton_lab(submission);
        let mut text = fs::read_to_string(lab.join("src/server.rs")).unwrap();
        text.push_str("fn broken() -> u32 { \"not a number\" }\n");
        fs::write(lab.join("src/server.rs"), text).unwrap();
    });
    assert_eq!(results["score"], 0, "{log}");
    assert_eq!(results["tests"].as_array().unwrap().len(), 19);
    let said = results["tests"][0]["output"].as_str().unwrap();
    assert!(said.contains("lab01-hello does not compile"), "{said}");
    assert!(said.contains("error[E0308]: mismatched types"), "{said}");
    assert!(said.contains("labs/01-hello/src/server.rs"), "{said}");

    // A submission without the lab: zero, and the results say why.
    let (results, log) = autograder.grade(|submission| {
        fs::write(submission.join("main.rs"), "fn main() {}\n").unwrap();
    });
    assert_eq!(results["score"], 0, "{log}");
    assert_eq!(results["tests"].as_array().unwrap().len(), 19);
    let said = results["tests"][0]["output"].as_str().unwrap();
    assert!(
        said.contains("there is no labs/01-hello/Cargo.toml"),
        "{said}"
    );

    // An autograder whose setup never finished: zero, every test listed,
    // and the reason.
    let mut cmd = autograder.command("run_autograder");
    cmd.env("SOCKLAB_STATE", root.join("never-set-up"));
    assert!(cmd.status().unwrap().success());
    let results = json(&results_path);
    assert_eq!(results["score"], 0);
    assert_eq!(results["max_score"], 25);
    assert_eq!(results["tests"].as_array().unwrap().len(), 19);
    assert!(
        results["output"]
            .as_str()
            .unwrap()
            .contains("setup.sh did not finish"),
        "{results}"
    );

    eprintln!(
        "gradescope autograder: build.sh {build_seconds:.1} s, everything {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let _ = fs::remove_dir_all(&dir);
}

/// The forger's code (checker/tests/forger/forger.rs).
const FORGER: &str = include_str!("forger/forger.rs");

/// Gradescope as it is: run_autograder as root, the student's code as a
/// user of its own (nobody here; setup.sh adds `socklab` there). The
/// skeleton scores 0, the solution full marks, and a submission whose
/// build script and programs try every way to write their own grade
/// (taking the descriptors of the processes above them, writing
/// results.json, printing a full mark: checker/tests/forger/forger.rs)
/// scores 0, with the checker's own results.
#[test]
#[cfg_attr(
    not(socklab_kit),
    ignore = "grades the solutions' sources, which only the kit has"
)]
fn as_root_the_gradescope_autograder_runs_the_submission_as_its_own_user() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!(
            "SKIPPED: needs root (Gradescope runs the autograder as root, and only root can run the submission as another user); run `cargo test -p checker --test gradescope` as root"
        );
        return;
    }
    let user = match checker::harness::sandbox::RunAs::lookup("nobody") {
        Ok(user) => user,
        Err(why) => {
            eprintln!("SKIPPED: {why}");
            return;
        }
    };
    let started = Instant::now();
    // Under /tmp, not target/: the student's user must reach it, and the
    // workspace may be in a folder it can't enter (/root).
    let dir = std::env::temp_dir().join(format!("socklab-gradescope-root-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    let (bin, cargo_home) = match toolchain_for(&user, &dir) {
        Ok(found) => found,
        Err(why) => {
            eprintln!("SKIPPED: {why}");
            let _ = fs::remove_dir_all(&dir);
            return;
        }
    };
    let root = dir.join("autograder");
    let output = cargo_bin_cmd!("checker")
        .arg("gradescope")
        .arg(root.join("source"))
        .args(["--labs", "lab1"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let autograder = Autograder { root: root.clone() };

    // What setup.sh leaves (build.sh is run by the test above): this
    // test's checker installed, the environment run_autograder grades in,
    // and the target folder and cargo's home given to the student's user.
    let state = root.join("socklab");
    fs::create_dir_all(state.join("bin")).unwrap();
    fs::create_dir_all(state.join("target")).unwrap();
    fs::copy(
        assert_cmd::cargo::cargo_bin!("checker"),
        state.join("bin/checker"),
    )
    .unwrap();
    fs::write(
        state.join("env"),
        format!(
            "export PATH='{path}'\nexport CARGO_HOME='{}'\nexport CARGO_TARGET_DIR='{}'\n",
            cargo_home.display(),
            state.join("target").display()
        ),
    )
    .unwrap();
    for folder in [&root, &state, &state.join("bin")] {
        fs::set_permissions(folder, fs::Permissions::from_mode(0o755)).unwrap();
    }
    give_all(&user, &root.join("socklab/target"));
    let grade = |make: &dyn Fn(&Path)| {
        let submission = root.join("submission");
        let results = root.join("results");
        let _ = fs::remove_dir_all(&submission);
        let _ = fs::remove_dir_all(&results);
        fs::create_dir_all(&submission).unwrap();
        fs::create_dir_all(&results).unwrap();
        make(&submission);
        let output = autograder
            .command("run_autograder")
            .env("SOCKLAB_STUDENT", &user.name)
            .output()
            .unwrap();
        (json(&results.join("results.json")), log_of_success(&output))
    };

    let build_seconds = started.elapsed().as_secs_f64();
    let (results, log) = grade(&|submission| solved_lab(&submission.join("labs/01-hello")));
    eprintln!(
        "set-up {build_seconds:.1} s, the first submission (the dependencies built as {}) by {:.1} s",
        user.name,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(results["score"], 25, "{log}");
    assert_eq!(
        shape(&results),
        shape(&sample("lab01-solution.gradescope.json")),
        "{log}"
    );
    let (results, log) = grade(&|submission| {
        skeleton_lab(submission);
    });
    assert_eq!(results["score"], 0, "{log}");
    let skeleton = shape(&sample("lab01-skeleton.gradescope.json"));
    assert_eq!(shape(&results), skeleton, "{log}");

    // The forger, as build script and as program.
    let results_path = root.join("results/results.json");
    let said_path = dir.join("said/forger.txt");
    fs::create_dir_all(said_path.parent().unwrap()).unwrap();
    fs::set_permissions(
        said_path.parent().unwrap(),
        fs::Permissions::from_mode(0o1777),
    )
    .unwrap();
    let (results, log) = grade(&|submission| {
        let lab = skeleton_lab(submission);
        let forger = format!(
            "const RESULTS: &str = {:?};\nconst SAID: &str = {:?};\n{FORGER}",
            results_path.display().to_string(),
            said_path.display().to_string()
        );
        fs::write(lab.join("forger.rs"), forger).unwrap();
        fs::write(
            lab.join("build.rs"),
            "include!(\"forger.rs\");\nfn main() { forge(\"build.rs\"); }\n",
        )
        .unwrap();
        fs::write(
            lab.join("src/main.rs"),
            "include!(\"../forger.rs\");\nfn main() { forge(\"the program\"); }\n",
        )
        .unwrap();
    });
    // It ran, as build script and as program, and reached nothing of
    // another user.
    let said = fs::read_to_string(&said_path).unwrap_or_default();
    assert!(
        said.contains("forger in build.rs: reached 0 "),
        "{said}\n{log}"
    );
    assert!(
        said.contains("forger in the program: reached 0 "),
        "{said}\n{log}"
    );
    assert!(
        said.lines().all(|line| line.contains("reached 0 ")),
        "{said}"
    );
    assert_eq!(results["score"], 0, "{log}");
    assert_eq!(results["max_score"], 25, "{log}");
    assert_eq!(results["tests"].as_array().unwrap().len(), 19, "{log}");
    // The checker's results: its summary, 0 in every test (where the
    // forger's output is quoted as what the program printed).
    let summary = results["output"].as_str().unwrap();
    assert!(summary.starts_with("lab01 "), "{summary}");
    for test in results["tests"].as_array().unwrap() {
        assert_eq!(test["score"], 0, "{test}");
    }
    eprintln!("{said}");
    eprintln!(
        "gradescope autograder as root: everything {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let _ = fs::remove_dir_all(&dir);
}
