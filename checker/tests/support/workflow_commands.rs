//! What a GitHub Actions runner obeys in a step's output: the model the
//! tests of the grading steps check them against. Shared by
//! checker/tests/acceptance.rs, checker/tests/classroom.rs and the kit's
//! tests/rehearsal.rs (included with `#[path]`).

// Not every test that includes this file uses all of it.
#![allow(dead_code)]

/// The standard output of a grading step that must have succeeded (its
/// output, both streams, in the panic if not), once checked to show the
/// commands that the forging checker of these tests prints.
pub fn shown_forged(output: &std::process::Output) -> String {
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{shown}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(shown.contains("::error title=forged::25/25"), "{shown}");
    assert!(shown.contains("::add-mask::points"), "{shown}");
    shown
}

/// The workflow commands (`::name ...::`, leading spaces trimmed) outside
/// a `::stop-commands::TOKEN` ... `::TOKEN::` region.
pub fn obeyed(output: &str) -> Vec<String> {
    let mut stopped: Option<String> = None;
    let mut out = Vec::new();
    for line in output.lines() {
        let line = line.trim_start();
        if let Some(token) = &stopped {
            if line == format!("::{token}::") {
                stopped = None;
            }
        } else if let Some(token) = line.strip_prefix("::stop-commands::") {
            stopped = Some(token.to_string());
        } else if line.starts_with("::") {
            out.push(line.to_string());
        }
    }
    out
}
