//! A skeleton and its solution share layout and names, so the diff between
//! them is exactly the student's work: the same files, the same items and
//! signatures, the same glue. (That a completed skeleton gets full marks
//! follows from this and from the solution's own full marks.)

use std::collections::BTreeSet;
use std::path::Path;

use rstest::rstest;

/// The lines that declare something: items, signatures, imports, fields.
fn declarations(text: &str) -> Vec<String> {
    let starts = [
        "pub ", "fn ", "use ", "mod ", "struct ", "enum ", "const ", "type ", "impl ", "#[",
    ];
    text.lines()
        .map(str::trim)
        .filter(|line| starts.iter().any(|s| line.starts_with(s)))
        .map(str::to_string)
        .collect()
}

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[rstest]
#[case("00-echo")]
#[case("01-hello")]
#[case("02-rps")]
#[case("03-chat")]
#[case("04-scanner")]
#[case("05-time")]
fn skeleton_and_solution_declare_the_same_things(#[case] lab: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let skeleton = root.join("labs").join(lab).join("src");
    let solution = root.join("solutions").join(lab).join("src");
    assert_eq!(files(&skeleton), files(&solution), "{lab}: the same files");
    let number = &lab[..2];
    for file in files(&solution) {
        let ours = std::fs::read_to_string(skeleton.join(&file)).unwrap();
        let theirs = std::fs::read_to_string(solution.join(&file))
            .unwrap()
            .replace(&format!("solution{number}_"), &format!("lab{number}_"));
        assert_eq!(
            declarations(&ours),
            declarations(&theirs),
            "{lab}/src/{file}: declarations differ"
        );
        if !ours.contains("todo!(") {
            assert_eq!(
                ours, theirs,
                "{lab}/src/{file} has no todo!() but differs from the solution"
            );
        }
    }
}
