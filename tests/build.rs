//! Builds the lab 03 mutants: for each entry of src/lab03_mutants.rs, a
//! copy of the solution's modules with that entry's changes applied,
//! wrapped in `pub mod <name> { ... }` in $OUT_DIR/lab03_mutants.rs.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/mutant.rs"]
#[allow(dead_code)]
mod mutant;

#[path = "src/lab03_mutants.rs"]
mod lab03_mutants;

const SOLUTION: &str = "../solutions/03-chat/src";
const FILES: [&str; 7] = [
    "cli", "client", "console", "hub", "protocol", "server", "main",
];

fn main() {
    println!("cargo::rerun-if-changed={SOLUTION}");
    println!("cargo::rerun-if-changed=src/lab03_mutants.rs");
    println!("cargo::rerun-if-changed=src/mutant.rs");
    let mut out = String::new();
    let mut dispatch = String::new();
    for mutant in lab03_mutants::MUTANTS {
        let module = mutant.name.replace('-', "_");
        let root = format!("crate::lab03::{module}::");
        for change in mutant.parts {
            assert!(
                FILES.contains(&change.file),
                "mutant {}: no file {}.rs",
                mutant.name,
                change.file
            );
        }
        writeln!(
            out,
            "#[allow(dead_code, unused, clippy::all)]\npub mod {module} {{"
        )
        .unwrap();
        for file in FILES {
            let path = Path::new(SOLUTION).join(format!("{file}.rs"));
            let mut text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for change in mutant.parts.iter().filter(|c| c.file == file) {
                let found = text.matches(change.find).count();
                assert_eq!(
                    found,
                    1,
                    "mutant {}: {:?} occurs {found} times in {}; update src/lab03_mutants.rs",
                    mutant.name,
                    change.find,
                    path.display()
                );
                text = text.replace(change.find, change.replace);
            }
            // The solution's unit tests stay with the solution.
            if let Some(tests) = text.find("#[cfg(test)]") {
                text.truncate(tests);
            }
            let text = text
                .replace("crate::", &root)
                .replace("solution03_chat::", &root);
            let (name, text) = match file {
                "main" => ("app", text.replace("fn main()", "pub fn main()")),
                _ => (file, text),
            };
            writeln!(out, "pub mod {name} {{\n{text}\n}}").unwrap();
        }
        writeln!(out, "}}").unwrap();
        writeln!(
            dispatch,
            "        {:?} => Some({module}::app::main()),",
            mutant.name
        )
        .unwrap();
    }
    writeln!(
        out,
        "/// Runs the mutant called `name`.\npub fn run(name: &str) -> Option<std::process::ExitCode> {{\n    match name {{\n{dispatch}        _ => None,\n    }}\n}}"
    )
    .unwrap();
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("lab03_mutants.rs");
    std::fs::write(target, out).unwrap();
}
