//! `checker class`: an instructor grades a whole class at the deadline.
//!
//! - `deps`: the labs' registry dependencies, built once, copied into
//!   each repository's target folder.
//! - `roster`: who is graded: GitHub Classroom's grades CSV, or a list.
//! - `fetch`: each repository cloned or fetched with plain git, the commit
//!   chosen by committer time, its files written out.
//! - `grade`: one repository graded by a child `checker grade`, its result
//!   kept (and reused on the next run).
//! - `limited`: a command with a wall-clock limit (git, the child).
//! - `gradebook`: the CSV an LMS imports.
//! - `page`: the class report, one self-contained HTML page.
//! - `workflow`: the GitHub Actions workflow that grades in shards.

//!
//! Outputs, in `--out`: `results/SLUG.json` (one per repository: what the
//! next run reuses and `class merge` reads), `students/SLUG.json` (the
//! student's report, the `--format json` of `checker grade`),
//! `gradebook.csv`, `class.json` and `class.html`; the clones in `cache/`,
//! the built dependencies in `cache/.deps/`.

pub mod deps;
pub mod fetch;
pub mod grade;
pub mod gradebook;
pub mod limited;
pub mod page;
pub mod roster;
pub mod workflow;

use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::cli::ClassGradeArgs;
pub use crate::cli::CsvFlavour as Flavour;
use crate::harness::sandbox::{RunAs, SLOT_UIDS};
use crate::i18n::Lang;
use crate::labs::Lab;
use crate::report::plan;
use crate::t;
use grade::{RepoResult, Setup};

/// The version of class.json's shape.
pub const CLASS_SCHEMA: &str = "socklab-class/1";

/// A lab of the assignment, as the outputs name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassLab {
    pub lab: String,
    pub title: String,
    pub max_points: u32,
    /// Its tests, in the table's order, with their points.
    pub tests: Vec<(String, u32)>,
}

impl ClassLab {
    pub fn of(lab: &Lab) -> ClassLab {
        ClassLab {
            lab: lab.id(),
            title: lab.title.to_string(),
            max_points: lab.max_points(),
            tests: lab
                .tests
                .iter()
                .map(|t| (t.name.to_string(), t.points))
                .collect(),
        }
    }
}

/// class.json: everything the class report and the gradebook are made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Class {
    pub schema: String,
    /// The deadline, RFC 3339.
    pub deadline: String,
    pub labs: Vec<ClassLab>,
    /// The SHA-256 of the checker that graded.
    pub checker: String,
    /// In the roster's order.
    pub students: Vec<RepoResult>,
}

/// The SHA-256 of the running checker, in hex: part of each result's key.
pub fn checker_sha256(exe: &Path) -> anyhow::Result<String> {
    use sha2::{Digest, Sha256};
    let mut file = std::fs::File::open(exe).with_context(|| exe.display().to_string())?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// The options each child `checker grade` gets from `class grade`'s.
fn grade_args(args: &ClassGradeArgs) -> Vec<std::ffi::OsString> {
    let sandbox = &args.sandbox;
    let mut out: Vec<String> = vec![
        "--jobs".into(),
        args.test_jobs.to_string(),
        "--timeout-scale".into(),
        args.timeout_scale.to_string(),
        "--memory-limit".into(),
        sandbox.memory_limit.to_string(),
        "--cpu-limit".into(),
        sandbox.cpu_limit.to_string(),
        "--file-size-limit".into(),
        sandbox.file_size_limit.to_string(),
        "--process-limit".into(),
        sandbox.process_limit.to_string(),
        "--open-files-limit".into(),
        sandbox.open_files_limit.to_string(),
    ];
    for name in &sandbox.pass_env {
        out.extend(["--pass-env".into(), name.clone()]);
    }
    out.into_iter().map(Into::into).collect()
}

/// `checker class grade`: grades the roster (or its shard) into `--out`.
/// Returns the class as written to class.json.
pub fn grade_class(args: &ClassGradeArgs) -> anyhow::Result<Class> {
    let lang = Lang::resolve(args.lang);
    let settings = args.sandbox.settings().map_err(anyhow::Error::msg)?;
    let labs = crate::course::chosen_labs(&args.labs)?;
    let roster = roster::read(&args.roster)?;
    let shown_total = roster.len();
    let mine: Vec<(usize, roster::Student)> = roster
        .into_iter()
        .enumerate()
        .filter(|(i, _)| args.shard.is_none_or(|(shard, of)| i % of == shard))
        .collect();
    let out = absolute(&args.out)?;
    for dir in ["results", "students", "cache"] {
        let dir = out.join(dir);
        std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    }
    let checker = std::env::current_exe().context("where is the checker binary?")?;
    let setup = Setup {
        out: out.clone(),
        labs: labs.clone(),
        deadline: args.deadline,
        checker_sha256: checker_sha256(&checker)?,
        checker,
        grade_args: grade_args(args),
        repo_timeout: Duration::from_secs(args.repo_timeout),
        force: args.force,
        users: workers_users(args, settings.run_as, lang),
        deps_from: deps_from(args, lang),
        deps: std::sync::OnceLock::new(),
        lang,
    };
    let told = t!(
        "class-grading",
        "grading {count} of {total} repositories ({labs}), {jobs} at once, deadline {deadline}",
        count = mine.len(),
        total = shown_total,
        labs = labs.iter().map(|l| l.id()).collect::<Vec<_>>().join(", "),
        jobs = args.jobs,
        deadline = args.deadline.to_rfc3339()
    );
    eprintln!("{}", told.render(lang));
    let results = grade_all(&setup, mine, usize::from(args.jobs), lang);
    let class = Class {
        schema: CLASS_SCHEMA.to_string(),
        deadline: args.deadline.to_rfc3339(),
        labs: labs.iter().map(|l| ClassLab::of(l)).collect(),
        checker: setup.checker_sha256.clone(),
        students: results,
    };
    write_outputs(&out, &class, args.csv)?;
    Ok(class)
}

/// The users the workers build and run students' code as: none when the
/// checker isn't root (or runs it as root, told so), the one named with
/// `--run-as` for all, and otherwise a user of its own for each worker
/// ([`RunAs::slots`]), or, where the kernel won't switch to those, `nobody`
/// for all, with a warning.
fn workers_users(args: &ClassGradeArgs, chosen: Option<RunAs>, lang: Lang) -> Vec<RunAs> {
    let Some(user) = chosen else {
        return Vec::new();
    };
    if args.sandbox.run_as.is_some() {
        return vec![user];
    }
    let jobs = usize::from(args.jobs).max(1);
    match RunAs::slots(jobs) {
        Some(users) => users,
        None => {
            let told = t!(
                "class-one-user",
                "the kernel won't run programs as uids {first} to {last} (a user namespace?): every grading runs as {user}, and gradings at once share its process limit",
                first = SLOT_UIDS + 1,
                last = SLOT_UIDS + jobs as u32,
                user = user.name.clone()
            );
            eprintln!("{}", told.render(lang));
            vec![user]
        }
    }
}

/// The workspace to build the labs' registry dependencies from:
/// `--deps-from`, or the kit the checker was built in; `None` with a
/// warning: each repository then builds them itself, slower but graded
/// the same.
fn deps_from(args: &ClassGradeArgs, lang: Lang) -> Option<PathBuf> {
    let own = crate::workspace::own();
    match &args.deps_from {
        Some(dir) => Some(dir.clone()),
        None if own.join("Cargo.lock").is_file() => Some(own),
        None => {
            let told = t!(
                "class-no-deps",
                "no workspace to build the labs' dependencies from (give --deps-from KIT): each repository builds them again"
            );
            eprintln!("{}", told.render(lang));
            None
        }
    }
}

/// The layer of dependencies built from `setup.deps_from` ([`Setup::deps`]
/// calls it once, when a first repository is to be graded), or `None` with
/// a warning.
fn built_deps(setup: &Setup) -> Option<deps::Layer> {
    let kit = setup.deps_from.as_ref()?;
    let started = std::time::Instant::now();
    match deps::prepare(kit, &setup.labs, &setup.out.join("cache").join(".deps")) {
        Ok(layer) => {
            let told = t!(
                "class-deps-built",
                "built the labs' dependencies from {kit} ({seconds} s): each repository starts with a copy",
                kit = kit.display().to_string(),
                seconds = started.elapsed().as_secs()
            );
            eprintln!("{}", told.render(setup.lang));
            Some(layer)
        }
        Err(error) => {
            let told = t!(
                "class-deps-failed",
                "{error}\n(each repository builds the labs' dependencies again)",
                error = format!("{error:#}")
            );
            eprintln!("{}", told.render(setup.lang));
            None
        }
    }
}

/// Grades `students` with `jobs` workers, a progress bar on stderr (on a
/// terminal; a line per repository otherwise). In the roster's order.
fn grade_all(
    setup: &Setup,
    students: Vec<(usize, roster::Student)>,
    jobs: usize,
    lang: Lang,
) -> Vec<RepoResult> {
    use indicatif::{ProgressBar, ProgressStyle};
    let bar = ProgressBar::new(students.len() as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} repositories, {eta} left  {msg}",
        )
        .expect("a valid template")
        .progress_chars("=> "),
    );
    let queue = Mutex::new(students.into_iter().collect::<VecDeque<_>>());
    let done = Mutex::new(Vec::new());
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    std::thread::scope(|scope| {
        for slot in 0..jobs.max(1) {
            let (queue, done, bar) = (&queue, &done, &bar);
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop_front();
                    let Some((index, student)) = next else {
                        return;
                    };
                    bar.set_message(student.name.clone());
                    let result = grade::grade_one(setup, slot, index, &student);
                    if let Err(error) = grade::save(setup, &result) {
                        let told = t!(
                            "class-not-saved",
                            "{name}: could not save its result: {error}",
                            name = student.name.clone(),
                            error = format!("{error:#}")
                        );
                        bar.println(told.render(lang));
                    }
                    let line = row_line(&result, lang);
                    if terminal {
                        bar.println(line);
                    } else {
                        eprintln!("{line}");
                    }
                    bar.inc(1);
                    done.lock().unwrap_or_else(|p| p.into_inner()).push(result);
                }
            });
        }
    });
    bar.finish_and_clear();
    let mut results = done.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|r| r.index);
    results
}

/// One line per repository graded, as the run goes.
fn row_line(result: &RepoResult, lang: Lang) -> String {
    let commit = result
        .commit
        .as_ref()
        .map(|c| c.id[..c.id.len().min(10)].to_string())
        .unwrap_or_else(|| "-".into());
    let late = match result.late.len() {
        0 => String::new(),
        count => t!(
            "class-row-late",
            ", {count} late commits not graded",
            count = count
        )
        .render(lang)
        .into_owned(),
    };
    let how = if result.reused {
        t!("class-row-kept", "kept from the last run")
            .render(lang)
            .into_owned()
    } else {
        format!("{:.0} s", result.elapsed_ms as f64 / 1000.0)
    };
    let error = result
        .error
        .as_ref()
        .map(|e| format!(": {e}"))
        .unwrap_or_default();
    format!(
        "{:<24} {commit:<10} {:>4}/{:<4} ({how}{late}){error}",
        result.student.name, result.points, result.max_points
    )
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(path).with_context(|| path.display().to_string())?;
    path.canonicalize()
        .with_context(|| path.display().to_string())
}

/// Writes gradebook.csv, class.json and class.html of `class` into `out`.
pub fn write_outputs(out: &Path, class: &Class, flavour: Flavour) -> anyhow::Result<()> {
    gradebook::write(
        &out.join("gradebook.csv"),
        flavour,
        &class.labs,
        &class.students,
    )?;
    plan::write_atomically(&out.join("class.json"), &serde_json::to_vec_pretty(class)?)?;
    plan::write_atomically(&out.join("class.html"), page::html(class).as_bytes())?;
    Ok(())
}

/// `checker class merge`: the shards' results (each shard's class.json
/// and students/) into one class in `out`.
pub fn merge(shards: &[PathBuf], out: &Path, flavour: Flavour) -> anyhow::Result<Class> {
    let mut merged: Option<Class> = None;
    std::fs::create_dir_all(out.join("students")).with_context(|| out.display().to_string())?;
    for shard in shards {
        let path = shard.join("class.json");
        let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        let class: Class = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a class.json", path.display()))?;
        if class.schema != CLASS_SCHEMA {
            bail!(
                "{}: schema {:?}, not {CLASS_SCHEMA}",
                path.display(),
                class.schema
            );
        }
        for student in &class.students {
            let from = shard
                .join("students")
                .join(format!("{}.json", student.student.slug));
            if from.is_file() {
                let to = out
                    .join("students")
                    .join(format!("{}.json", student.student.slug));
                std::fs::copy(&from, &to).with_context(|| to.display().to_string())?;
            }
        }
        match &mut merged {
            None => merged = Some(class),
            Some(all) => {
                if all.labs != class.labs || all.deadline != class.deadline {
                    bail!(
                        "{} was graded with other labs or another deadline than {}",
                        path.display(),
                        shards[0].display()
                    );
                }
                all.students.extend(class.students);
            }
        }
    }
    let mut class = merged.context("no shard to merge")?;
    class.students.sort_by_key(|s| s.index);
    if let Some(pair) = class.students.windows(2).find(|p| p[0].index == p[1].index) {
        bail!(
            "roster entry {} ({}) is in two shards",
            pair[0].index,
            pair[0].student.name
        );
    }
    write_outputs(out, &class, flavour)?;
    Ok(class)
}

#[cfg(test)]
mod tests {
    use super::grade::{Key, LabScore};
    use super::*;

    fn student(index: usize, name: &str, points: u32) -> RepoResult {
        RepoResult {
            student: roster::Student {
                name: name.into(),
                identifier: format!("s{index}"),
                repository: format!("/srv/{name}"),
                slug: name.into(),
            },
            index,
            key: Some(Key {
                commit: "c".repeat(40),
                checker: "0".repeat(64),
                labs: vec!["lab01".into()],
            }),
            commit: Some(fetch::Commit {
                id: "c".repeat(40),
                time: "2026-12-07T11:00:00Z".into(),
                subject: "work".into(),
            }),
            late: vec![],
            labs: vec![LabScore {
                lab: "lab01".into(),
                points,
                max_points: 25,
            }],
            points,
            max_points: 25,
            tests: vec![],
            error: None,
            elapsed_ms: 0,
            reused: false,
        }
    }

    fn class(students: Vec<RepoResult>) -> Class {
        Class {
            schema: CLASS_SCHEMA.into(),
            deadline: "2026-12-07T12:00:00+00:00".into(),
            labs: vec![ClassLab {
                lab: "lab01".into(),
                title: "hello, \"quoted\"".into(),
                max_points: 25,
                tests: vec![("hello".into(), 25)],
            }],
            checker: "0".repeat(64),
            students,
        }
    }

    #[test]
    fn shards_merge_into_the_rosters_order_and_a_repeat_is_refused() {
        let root = std::env::temp_dir().join(format!("socklab-merge-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let shards = [root.join("shard-0"), root.join("shard-1")];
        let parts = [
            class(vec![student(0, "ann", 25), student(2, "cid", 0)]),
            class(vec![student(1, "bo, jr", 10)]),
        ];
        for (dir, part) in shards.iter().zip(&parts) {
            std::fs::create_dir_all(dir.join("students")).unwrap();
            std::fs::write(dir.join("class.json"), serde_json::to_vec(part).unwrap()).unwrap();
            for s in &part.students {
                let report = dir
                    .join("students")
                    .join(format!("{}.json", s.student.slug));
                std::fs::write(report, "{}").unwrap();
            }
        }
        let out = root.join("merged");
        let merged = merge(&shards, &out, Flavour::Plain).unwrap();
        let names: Vec<&str> = merged
            .students
            .iter()
            .map(|s| s.student.name.as_str())
            .collect();
        assert_eq!(names, ["ann", "bo, jr", "cid"]);
        let csv = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4, "{csv}");
        assert!(
            lines[2].starts_with("\"bo, jr\",s1,\"/srv/bo, jr\","),
            "{csv}"
        );
        assert!(out.join("students/cid.json").is_file());
        assert!(
            std::fs::read_to_string(out.join("class.html"))
                .unwrap()
                .contains("bo, jr")
        );
        // The same student in two shards: refused.
        let again = [shards[0].clone(), shards[0].clone()];
        assert!(merge(&again, &root.join("twice"), Flavour::Plain).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn the_lms_flavours_have_their_columns() {
        let class = class(vec![student(0, "ann", 25)]);
        let text = |flavour| {
            String::from_utf8(gradebook::csv(flavour, &class.labs, &class.students).unwrap())
                .unwrap()
        };
        let canvas = text(Flavour::Canvas);
        let lines: Vec<&str> = canvas.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Student,ID,SIS User ID,SIS Login ID,Section,\"lab01 hello, \"\"quoted\"\"\""
        );
        assert_eq!(lines[1], "    Points Possible,,,,,25");
        assert_eq!(lines[2], "ann,,,s0,,25");
        let moodle = text(Flavour::Moodle);
        assert!(
            moodle.starts_with("identifier,\"lab01 hello, \"\"quoted\"\"\",total\r\ns0,25,25\r\n"),
            "{moodle}"
        );
    }
}
