//! Builds the mutants: for each entry of src/labNN_mutants.rs, a copy of
//! that lab's solution with the entry's changes applied (the broken
//! implementations in MUTANTS and the correct variants in VARIANTS), wrapped in
//! `pub mod <name> { ... }` in $OUT_DIR/labNN_mutants.rs, and a `run(name)`
//! that starts one of them.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/mutant.rs"]
#[allow(dead_code)]
mod mutant;

#[path = "src/lab00_mutants.rs"]
mod lab00_mutants;
#[path = "src/lab01_mutants.rs"]
mod lab01_mutants;
#[path = "src/lab02_mutants.rs"]
mod lab02_mutants;
#[path = "src/lab03_mutants.rs"]
mod lab03_mutants;
#[path = "src/lab04_mutants.rs"]
mod lab04_mutants;
#[path = "src/lab05_mutants.rs"]
mod lab05_mutants;
#[path = "src/lab06_mutants.rs"]
mod lab06_mutants;

use mutant::{Change, Mutant};

/// A lab whose solution is mutated: its module here, its solution's folder
/// and crate name, and the source files (without `.rs`, lib.rs aside).
struct Lab {
    module: &'static str,
    folder: &'static str,
    krate: &'static str,
    files: &'static [&'static str],
    mutants: &'static [Mutant<&'static [Change]>],
    /// Correct variants: changes the handouts allow, which must score
    /// full marks. Built into the same binary as the mutants.
    variants: &'static [Mutant<&'static [Change]>],
    /// Hostile programs, for the checker's safety tests.
    hostile: &'static [Mutant<&'static [Change]>],
}

const LABS: [Lab; 7] = [
    Lab {
        module: "lab00",
        folder: "../solutions/00-echo/src",
        krate: "solution00_echo",
        files: &["cli", "client", "listener", "server", "main"],
        mutants: lab00_mutants::MUTANTS,
        variants: lab00_mutants::VARIANTS,
        hostile: &[],
    },
    Lab {
        module: "lab01",
        folder: "../solutions/01-hello/src",
        krate: "solution01_hello",
        files: &["cli", "client", "protocol", "server", "main"],
        mutants: lab01_mutants::MUTANTS,
        variants: lab01_mutants::VARIANTS,
        hostile: lab01_mutants::HOSTILE,
    },
    Lab {
        module: "lab02",
        folder: "../solutions/02-rps/src",
        krate: "solution02_rps",
        files: &["cli", "client", "game", "protocol", "server", "main"],
        mutants: lab02_mutants::MUTANTS,
        variants: lab02_mutants::VARIANTS,
        hostile: &[],
    },
    Lab {
        module: "lab03",
        folder: "../solutions/03-chat/src",
        krate: "solution03_chat",
        files: &[
            "cli", "client", "console", "hub", "outbox", "protocol", "server", "main",
        ],
        mutants: lab03_mutants::MUTANTS,
        variants: lab03_mutants::VARIANTS,
        hostile: &[],
    },
    Lab {
        module: "lab05",
        folder: "../solutions/05-time/src",
        krate: "solution05_time",
        files: &["cli", "client", "protocol", "server", "main"],
        mutants: lab05_mutants::MUTANTS,
        variants: lab05_mutants::VARIANTS,
        hostile: &[],
    },
    Lab {
        module: "lab04",
        folder: "../solutions/04-scanner/src",
        krate: "solution04_scanner",
        files: &["cli", "ports", "probe", "report", "scan", "main"],
        mutants: lab04_mutants::MUTANTS,
        variants: lab04_mutants::VARIANTS,
        hostile: &[],
    },
    Lab {
        module: "lab06",
        folder: "../solutions/06-evchat/src",
        krate: "solution06_evchat",
        files: &["cli", "client", "console", "protocol", "server", "main"],
        mutants: lab06_mutants::MUTANTS,
        variants: lab06_mutants::VARIANTS,
        hostile: &[],
    },
];

fn main() {
    println!("cargo::rerun-if-changed=src/mutant.rs");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for lab in &LABS {
        println!("cargo::rerun-if-changed={}", lab.folder);
        println!("cargo::rerun-if-changed=src/{}_mutants.rs", lab.module);
        let generated = generate(lab);
        std::fs::write(
            Path::new(&out_dir).join(format!("{}_mutants.rs", lab.module)),
            generated,
        )
        .expect("write the generated mutants");
    }
}

/// The source of every mutant of one lab, and the `run` dispatcher.
fn generate(lab: &Lab) -> String {
    let mut out = String::new();
    let mut dispatch = String::new();
    let mut names: Vec<&str> = lab
        .mutants
        .iter()
        .chain(lab.variants)
        .chain(lab.hostile)
        .map(|m| m.name)
        .collect();
    names.sort_unstable();
    if let Some(twice) = names.windows(2).find(|pair| pair[0] == pair[1]) {
        panic!(
            "{}: two mutants or variants are called {}",
            lab.module, twice[0]
        );
    }
    for mutant in lab.mutants.iter().chain(lab.variants).chain(lab.hostile) {
        let module = mutant.name.replace('-', "_");
        for change in mutant.parts {
            assert!(
                lab.files.contains(&change.file),
                "mutant {}: no file {}.rs",
                mutant.name,
                change.file
            );
        }
        let root = format!("crate::{}::{module}::", lab.module);
        writeln!(
            out,
            "#[allow(dead_code, unused, unreachable_code, clippy::all)]\npub mod {module} {{"
        )
        .unwrap();
        for file in lab.files {
            let text = mutate(lab, mutant, file)
                .replace("crate::", &root)
                .replace(&format!("{}::", lab.krate), &root);
            let (name, text) = match *file {
                "main" => ("app", text.replace("fn main()", "pub fn main()")),
                _ => (*file, text),
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
        "/// Runs the mutant called `name`.\npub fn run(name: &str) -> Option<std::process::ExitCode> {{\n    \
         match name {{\n{dispatch}        _ => None,\n    }}\n}}"
    )
    .unwrap();
    out
}

/// One solution file with the mutant's changes to it, without its tests.
fn mutate(lab: &Lab, mutant: &Mutant<&[Change]>, file: &str) -> String {
    let path = Path::new(lab.folder).join(format!("{file}.rs"));
    let mut text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The solution's unit tests stay with the solution.
    if let Some(tests) = text.find("#[cfg(test)]") {
        text.truncate(tests);
    }
    for change in mutant.parts.iter().filter(|c| c.file == file) {
        let found = text.matches(change.find).count();
        assert_eq!(
            found,
            1,
            "mutant {}: {:?} occurs {found} times in {}; update src/{}_mutants.rs",
            mutant.name,
            change.find,
            path.display(),
            lab.module
        );
        text = text.replace(change.find, change.replace);
    }
    text
}
