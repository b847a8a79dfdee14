//! A skeleton and its solution differ only in the bodies students write, so
//! the diff between them is exactly the student's work: the same files, the
//! same Cargo.toml (dependencies, features, binaries), the same modules,
//! items, signatures, attributes and doc comments (the command line is made
//! from them by clap), and the same bodies everywhere but in the functions
//! the skeleton leaves as `todo!()`. (That a completed skeleton gets full
//! marks follows from this and from the solution's own full marks.)
//!
//! Keeping them in step: change the solution and the skeleton in one
//! commit; a function whose body is the student's work has `todo!()` in
//! the skeleton, and everything else is copied as it is.

#[path = "common/source.rs"]
mod source;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quote::ToTokens;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The folders of `labs/` or `solutions/` that are crates.
fn crates(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_lab_has_a_skeleton_a_solution_and_a_checker_table() {
    let root = root();
    let skeletons = crates(&root.join("labs"));
    assert_eq!(skeletons, crates(&root.join("solutions")));
    let graded: BTreeSet<String> = checker::labs::all()
        .iter()
        .map(|lab| lab.folder(false)["labs/".len()..].to_string())
        .collect();
    assert_eq!(skeletons, graded, "labs/ and the checker's labs::all()");
}

/// A lab's files, relative to its folder.
fn relative_files(dir: &Path) -> BTreeSet<PathBuf> {
    source::files_under(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Cargo.toml without what must differ: the package's name and
/// description, comments, and the skeleton's `[lints.rust]` table (it
/// allows the unused arguments of `todo!()` functions).
fn manifest(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut table = String::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            table = line.to_string();
        }
        let skipped = line.is_empty()
            || line.starts_with('#')
            || table == "[lints.rust]"
            || (table == "[package]"
                && (line.starts_with("name ") || line.starts_with("description ")));
        if !skipped {
            out.push(line.to_string());
        }
    }
    out
}

#[test]
fn skeleton_and_solution_differ_only_in_the_students_bodies() {
    let root = root();
    let mut compared = 0;
    for lab in crates(&root.join("solutions")) {
        let skeleton_dir = root.join("labs").join(&lab);
        let solution_dir = root.join("solutions").join(&lab);
        let files = relative_files(&solution_dir);
        assert_eq!(
            relative_files(&skeleton_dir),
            files,
            "{lab}: the skeleton and the solution have different files"
        );
        let number = &lab[..2];
        let as_skeleton =
            |text: String| text.replace(&format!("solution{number}_"), &format!("lab{number}_"));
        assert_eq!(
            manifest(&std::fs::read_to_string(skeleton_dir.join("Cargo.toml")).unwrap()),
            manifest(&std::fs::read_to_string(solution_dir.join("Cargo.toml")).unwrap()),
            "{lab}/Cargo.toml: the skeleton's and the solution's differ (dependencies, features, targets)"
        );
        let mut todos = 0;
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        {
            let path = Path::new(&lab).join(file);
            let ours = std::fs::read_to_string(skeleton_dir.join(file)).unwrap();
            let theirs = as_skeleton(std::fs::read_to_string(solution_dir.join(file)).unwrap());
            assert!(
                !theirs.contains("todo!("),
                "solutions/{}: a solution has no todo!()",
                path.display()
            );
            if !ours.contains("todo!(") {
                assert_eq!(
                    ours,
                    theirs,
                    "labs/{} has no todo!() but differs from the solution",
                    path.display()
                );
                continue;
            }
            let skeleton = source::parse(&path, &ours);
            let solution = source::parse(&path, &theirs);
            let students: Vec<String> = source::functions(&skeleton)
                .into_iter()
                .filter(|f| f.todo)
                .map(|f| f.key)
                .collect();
            assert!(
                ours.matches("todo!(").count() == students.len(),
                "labs/{}: a todo!() outside a function body, or two in one",
                path.display()
            );
            todos += students.len();
            let skeleton = source::without_bodies(&skeleton, &students);
            let solution = source::without_bodies(&solution, &students);
            let ours: Vec<_> = skeleton
                .items
                .iter()
                .map(|i| i.to_token_stream().to_string())
                .collect();
            let theirs: Vec<_> = solution
                .items
                .iter()
                .map(|i| i.to_token_stream().to_string())
                .collect();
            assert_eq!(
                skeleton.attrs.len(),
                solution.attrs.len(),
                "{}: inner attributes differ",
                path.display()
            );
            for (index, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                assert!(
                    a == b,
                    "{}: item {} differs between skeleton and solution (only the bodies of the \
                     skeleton's todo!() functions may):\n  skeleton: {}\n  solution: {}",
                    path.display(),
                    index + 1,
                    source::item_name(&skeleton.items[index]),
                    source::item_name(&solution.items[index])
                );
            }
            assert_eq!(
                ours.len(),
                theirs.len(),
                "{}: the skeleton has {} items and the solution {}",
                path.display(),
                ours.len(),
                theirs.len()
            );
        }
        assert!(todos > 0, "{lab}: the skeleton leaves nothing to write");
        compared += 1;
    }
    assert!(compared > 0, "no labs compared");
}

/// The comparison itself: a signature changed in a solution is caught,
/// and so is a body that is not the student's.
#[test]
fn the_comparison_catches_a_changed_signature_and_a_changed_glue_body() {
    let skeleton = "pub fn serve(port: u16) -> u8 { todo!(\"serve\") }\nfn glue() -> u8 { 1 }\n";
    let compare = |solution: &str| {
        let path = Path::new("x.rs");
        let students: Vec<String> = source::functions(&source::parse(path, skeleton))
            .into_iter()
            .filter(|f| f.todo)
            .map(|f| f.key)
            .collect();
        assert_eq!(students, ["serve"]);
        let a = source::without_bodies(&source::parse(path, skeleton), &students);
        let b = source::without_bodies(&source::parse(path, solution), &students);
        a.to_token_stream().to_string() == b.to_token_stream().to_string()
    };
    assert!(compare(
        "pub fn serve(port: u16) -> u8 { (port % 7) as u8 }\nfn glue() -> u8 { 1 }\n"
    ));
    assert!(!compare(
        "pub fn serve(port: u32) -> u8 { 0 }\nfn glue() -> u8 { 1 }\n"
    ));
    assert!(!compare(
        "pub fn serve(port: u16) -> u8 { 0 }\nfn glue() -> u8 { 2 }\n"
    ));
    assert!(!compare(
        "/// Doc.\npub fn serve(port: u16) -> u8 { 0 }\nfn glue() -> u8 { 1 }\n"
    ));
}

/// The files named by the tree in docs/contributing.md: one name (or
/// several, `a.rs, b.rs`) a line, then two spaces and what it holds; a
/// folder's name ends with `/`, its children are indented under it.
fn files_in_tree(page: &str) -> BTreeSet<PathBuf> {
    let block = page
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/contributing.md has a ```text tree");
    let mut folders: Vec<String> = Vec::new();
    let mut files = BTreeSet::new();
    for line in block.lines().skip(1) {
        let Some(connector) = line.find("├── ").or_else(|| line.find("└── ")) else {
            panic!("not a line of the tree: {line:?}");
        };
        // Box-drawing characters are three bytes: a level is 4 of them.
        let depth = line[..connector].chars().count() / 4;
        let names = line[connector + "├── ".len()..]
            .split("  ")
            .next()
            .unwrap()
            .trim();
        folders.truncate(depth);
        for name in names.split(", ") {
            match name.strip_suffix('/') {
                Some(folder) => folders.push(folder.to_string()),
                None => {
                    files.insert(folders.iter().collect::<PathBuf>().join(name));
                }
            }
        }
    }
    files
}

#[test]
fn the_contributors_tree_names_every_file_of_the_checker() {
    let root = root();
    let page = std::fs::read_to_string(root.join("docs/contributing.md")).unwrap();
    let src = root.join("checker/src");
    let actual: BTreeSet<PathBuf> = relative_files(&src)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    let drawn = files_in_tree(&page);
    let missing: Vec<_> = actual.difference(&drawn).collect();
    let gone: Vec<_> = drawn.difference(&actual).collect();
    assert!(
        missing.is_empty() && gone.is_empty(),
        "docs/contributing.md's tree is out of date: not in it {missing:?}; no such file {gone:?}"
    );
}
