//! Builds a lab's crate with cargo and finds the executable it produced.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The workspace chosen with `--workspace`, if any.
static WORKSPACE: OnceLock<PathBuf> = OnceLock::new();

/// The workspace whose labs are graded: the one given to [`use_workspace`]
/// (`--workspace DIR`), or else the one the checker was built in (it grades
/// the labs beside it).
pub fn workspace_root() -> PathBuf {
    WORKSPACE.get().cloned().unwrap_or_else(own_workspace)
}

/// The workspace the checker was built in.
pub fn own_workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the checker lives inside the workspace")
        .to_path_buf()
}

/// Grades the labs of the workspace at `dir` instead of the checker's own:
/// CI builds the instructor's checker apart and grades the student's
/// repository with it, so the student's copy of `checker/` is never built.
/// `dir` must hold a `Cargo.toml` and a `labs/` folder. Once per process.
pub fn use_workspace(dir: &Path) -> Result<PathBuf, String> {
    let shown = dir.display();
    let root = dir
        .canonicalize()
        .map_err(|e| format!("--workspace {shown}: {e}"))?;
    if !root.join("Cargo.toml").is_file() {
        return Err(format!(
            "--workspace {shown}: no Cargo.toml there; give the folder of the student's repository (the one with labs/ in it)"
        ));
    }
    if !root.join("labs").is_dir() {
        return Err(format!(
            "--workspace {shown}: no labs/ folder there, so there is nothing to grade; give the folder of the student's repository (the one with labs/ in it)"
        ));
    }
    WORKSPACE
        .set(root.clone())
        .map_err(|_| "the workspace to grade is chosen once".to_string())?;
    Ok(root)
}

/// How to show a path in a command: relative to the workspace if inside it.
pub fn shown_path(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Builds `package` and returns its binary. With `echo`, cargo's messages
/// (compile errors and warnings, as cargo prints them) go to our stderr;
/// without it they are returned in the error.
pub fn build(package: &str, echo: bool) -> Result<PathBuf, String> {
    build_profile(package, echo, false)
}

/// What cargo and rustup need to build, and no more: building the student's
/// crate runs its build script and macros, which see this environment.
/// (Secrets of a CI job are not among it. The build itself is not
/// sandboxed otherwise: see docs/checker.md.)
const BUILD_ENVIRONMENT: [&str; 15] = [
    "PATH",
    "HOME",
    "LANG",
    "TERM",
    "TMPDIR",
    "CARGO",
    "CARGO_HOME",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_BUILD_DIR",
    "CARGO_BUILD_JOBS",
    "CARGO_NET_OFFLINE",
    "RUSTUP_HOME",
    "RUSTUP_TOOLCHAIN",
    "RUSTFLAGS",
    "CARGO_TERM_COLOR",
];

/// Builds `package` in the release profile (for benchmarks) or the dev one.
pub fn build_profile(package: &str, echo: bool, release: bool) -> Result<PathBuf, String> {
    let root = workspace_root();
    if package.starts_with("solution") && !root.join("solutions").is_dir() {
        return Err(format!(
            "there is no solutions/ in {}: the reference solutions come only with the instructors' kit, not with the student edition",
            root.display()
        ));
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .env_clear()
        .envs(
            BUILD_ENVIRONMENT
                .iter()
                .filter_map(|name| Some((name, std::env::var_os(name)?))),
        )
        .current_dir(&root)
        .args(["build", "--quiet", "--package", package, "--bin", package])
        .args(["--message-format", "json-render-diagnostics"])
        .args(release.then_some("--release"))
        .stdout(Stdio::piped())
        .stderr(if echo {
            Stdio::inherit()
        } else {
            Stdio::piped()
        });
    let output = command
        .output()
        .map_err(|e| format!("could not run cargo to build {package}: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let shown = if echo {
            String::new()
        } else {
            format!("\n{stderr}")
        };
        return Err(format!(
            "{package} does not compile; fix the errors cargo printed above, then grade again{shown}"
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|msg| msg["reason"] == "compiler-artifact" && msg["target"]["name"] == package)
        .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("cargo built {package} but reported no executable for it"))
}
