//! Tells the checker's tests whether they run in the instructors' kit or in
//! the student edition (`checker export`): a test that grades `solutions/`,
//! or needs a skeleton nobody has filled in yet, carries
//! `#[cfg_attr(not(socklab_kit), ignore = "...")]` and is skipped, with
//! its reason, in the edition.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(socklab_kit)");
    // Only this file: a directory here would make every edit of a
    // solution rebuild the checker.
    println!("cargo::rerun-if-changed=build.rs");
    if std::path::Path::new("../solutions").is_dir() {
        println!("cargo::rustc-cfg=socklab_kit");
    }
}
