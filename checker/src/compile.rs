//! Builds a lab's crate with cargo and finds the executable it produced.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::harness::{self, Target};
use crate::i18n::Text;
use crate::labs::Lab;
use crate::t;
use crate::workspace;

/// Which of cargo's profiles a build uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// What grading uses: fast to build, and what the kit's tests build.
    Dev,
    /// For benchmarks.
    Release,
}

/// What becomes of cargo's messages (compile errors and warnings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CargoOutput {
    /// Copied to our stderr as they come (in colour on a terminal), and
    /// kept for the reports.
    Echo,
    /// Only kept: the error carries them.
    Keep,
}

/// Builds the skeleton (or solution) of `lab` and returns what to grade; a
/// failure keeps cargo's output for the reports.
pub fn build_lab(lab: &Lab, solution: bool, output: CargoOutput) -> Result<Target, BuildFailure> {
    // A workspace given with --workspace (a student's repository, a
    // submission) may lack the lab: say that, rather than cargo's
    // "package not found".
    let root = workspace::graded();
    if !root.join(lab.folder(solution)).join("Cargo.toml").is_file() {
        return Err(BuildFailure::new(t!(
            "build-no-lab-folder",
            "there is no {folder}/Cargo.toml in {root}: the lab's folder is missing, so there is nothing to build",
            folder = lab.folder(solution),
            root = root.display().to_string()
        )));
    }
    let exe = build(&lab.package(solution), Profile::Dev, output)?;
    Ok(target_for(&exe))
}

/// A target for an executable that is already built.
pub fn target_for(exe: &Path) -> Target {
    Target::executable(
        // A root checker's own build, where the user of --run-as can't
        // reach it, is copied where it can.
        &harness::sandbox::runnable(exe),
        harness::program::shell_quote(&workspace::shown_path(exe)),
    )
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

/// And cargo's settings of how to build (`CARGO_PROFILE_DEV_DEBUG=0`,
/// `CARGO_INCREMENTAL=0`): the labs are then built as the rest of the
/// workspace was, and share its artifacts instead of building their
/// dependencies a second time. (Registry tokens are `CARGO_REGISTRY_*`
/// and `CARGO_REGISTRIES_*`: not these.)
const BUILD_SETTINGS: [&str; 2] = ["CARGO_PROFILE_", "CARGO_INCREMENTAL"];

/// The environment of a build: [`BUILD_ENVIRONMENT`] and [`BUILD_SETTINGS`].
pub(crate) fn build_environment(
    vars: impl Iterator<Item = (std::ffi::OsString, std::ffi::OsString)>,
) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    vars.filter(|(name, _)| {
        let name = name.to_string_lossy();
        BUILD_ENVIRONMENT.contains(&name.as_ref())
            || BUILD_SETTINGS.iter().any(|prefix| name.starts_with(prefix))
    })
    .collect()
}

/// A build that failed: what to tell the user, and what cargo printed
/// (the compiler's errors), for the reports read where cargo's output is
/// not (Gradescope's results, JUnit, GitHub Classroom).
#[derive(Debug, Clone)]
pub struct BuildFailure {
    /// What went wrong (in the report's language where it is shown).
    pub message: Text,
    /// What cargo printed on stderr, without colour; may be empty.
    pub output: String,
}

impl std::fmt::Display for BuildFailure {
    /// The message and cargo's output: for those who saw neither.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.told(CargoOutput::Keep))
    }
}

impl BuildFailure {
    fn new(message: Text) -> BuildFailure {
        BuildFailure {
            message,
            output: String::new(),
        }
    }

    /// The message, and cargo's output unless it was already shown.
    pub fn told(&self, output: CargoOutput) -> String {
        if output == CargoOutput::Echo || self.output.is_empty() {
            self.message.to_string()
        } else {
            format!("{}\n{}", self.message, self.output)
        }
    }
}

/// Builds `package` (its binary of the same name) and returns the
/// executable; on failure, keeps what cargo printed.
pub fn build(
    package: &str,
    profile: Profile,
    output: CargoOutput,
) -> Result<PathBuf, BuildFailure> {
    use std::io::{IsTerminal, Read, Write};
    let echo = output == CargoOutput::Echo;
    let root = workspace::graded();
    if package.starts_with("solution") && !root.join("solutions").is_dir() {
        return Err(BuildFailure::new(t!(
            "build-no-solutions",
            "there is no solutions/ in {root}: the reference solutions come only with the instructors' kit, not with the student edition",
            root = root.display().to_string()
        )));
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    let mut environment = build_environment(std::env::vars_os());
    // A student's lab (its build script, its macros) is built as the user
    // of --run-as when the checker is root; the kit's own packages (the
    // reference solutions, the checker) are the instructor's.
    let run_as = package
        .starts_with("lab")
        .then(|| harness::sandbox::settings().run_as)
        .flatten();
    if let Some(user) = &run_as {
        student_build(&mut environment, user).map_err(|e| BuildFailure::new(Text::english(e)))?;
        use std::os::unix::process::CommandExt as _;
        let user = user.clone();
        // SAFETY: become_user and prctl only make system calls.
        unsafe {
            command.pre_exec(move || {
                user.become_user()?;
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    let as_whom = |problem: &str| match &run_as {
        Some(user) if problem.contains("ermission denied") => t!(
            "build-as-whom",
            "\n(The checker is root, so it builds the student's lab as {name}, with --run-as {name}: {name} must be able to run cargo and read the Rust toolchain (RUSTUP_HOME, CARGO_HOME), the workspace and the target folder. Install Rust where {name} can read it, or grade as another user; --run-as root builds as root, only for code you trust.)",
            name = user.name.clone()
        ),
        _ => Text::english(""),
    };
    command
        .env_clear()
        .envs(environment)
        .current_dir(&root)
        .args(["build", "--quiet", "--package", package, "--bin", package])
        .args(["--message-format", "json-render-diagnostics"])
        .args((profile == Profile::Release).then_some("--release"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // cargo's stderr is ours to copy: keep its colours for a terminal.
    let colour =
        echo && std::io::stderr().is_terminal() && std::env::var_os("CARGO_TERM_COLOR").is_none();
    if colour {
        command.arg("--color=always");
    }
    let mut child = command.spawn().map_err(|e| {
        let e = e.to_string();
        BuildFailure::new(t!(
            "build-no-cargo",
            "could not run cargo to build {package}: {error}{as_whom}",
            package = package,
            as_whom = as_whom(&e),
            error = e
        ))
    })?;
    let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
    let copier = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buffer = [0; 8192];
        while let Ok(n @ 1..) = stderr_pipe.read(&mut buffer) {
            if echo {
                let mut stderr = std::io::stderr().lock();
                let _ = stderr.write_all(&buffer[..n]).and_then(|()| stderr.flush());
            }
            kept.extend_from_slice(&buffer[..n]);
        }
        kept
    });
    let mut stdout = Vec::new();
    let read = child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_end(&mut stdout);
    let status = child.wait();
    let kept = copier.join().unwrap_or_default();
    let (Ok(_), Ok(status)) = (read, status) else {
        return Err(BuildFailure::new(t!(
            "build-unread",
            "could not read what cargo said while building {package}",
            package = package
        )));
    };
    if !status.success() {
        let output = strip_colour(&String::from_utf8_lossy(&kept));
        return Err(BuildFailure {
            message: t!(
                "build-does-not-compile",
                "{package} does not compile; fix the errors cargo printed above, then grade again{as_whom}",
                package = package,
                as_whom = as_whom(&output)
            ),
            output,
        });
    }
    String::from_utf8_lossy(&stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|msg| msg["reason"] == "compiler-artifact" && msg["target"]["name"] == package)
        .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| {
            BuildFailure::new(t!(
                "build-no-executable",
                "cargo built {package} but reported no executable for it",
                package = package
            ))
        })
}

/// The environment of a build as `user`: a HOME and a target folder of
/// its own (unless CARGO_TARGET_DIR names one), and the toolchain and
/// cargo's registry where the checker's user has them, said outright now
/// that HOME is another.
fn student_build(
    environment: &mut Vec<(std::ffi::OsString, std::ffi::OsString)>,
    user: &harness::sandbox::RunAs,
) -> Result<(), String> {
    use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _};
    let set = |environment: &mut Vec<(std::ffi::OsString, std::ffi::OsString)>,
               name: &str,
               value: std::ffi::OsString| {
        environment.retain(|(n, _)| n != name);
        environment.push((name.into(), value));
    };
    let has = |environment: &Vec<(std::ffi::OsString, std::ffi::OsString)>, name: &str| {
        environment.iter().any(|(n, _)| n == name)
    };
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        for (name, dir) in [("CARGO_HOME", ".cargo"), ("RUSTUP_HOME", ".rustup")] {
            if !has(environment, name) && home.join(dir).is_dir() {
                set(environment, name, home.join(dir).into());
            }
        }
    }
    // Its own folder, made by the checker (so made by no one else first),
    // kept from run to run so that cargo builds the dependencies once.
    let dir = std::env::temp_dir().join(format!("socklab-build-{}", user.name));
    match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
        Ok(()) => user
            .give(&dir)
            .map_err(|e| format!("could not give {} to {}: {e}", dir.display(), user.name))?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let meta =
                std::fs::symlink_metadata(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            if !meta.is_dir() || meta.uid() != user.uid || meta.mode() & 0o022 != 0 {
                return Err(format!(
                    "{} is not a folder of {} alone; remove it, and the checker makes it again",
                    dir.display(),
                    user.name
                ));
            }
        }
        Err(e) => return Err(format!("could not make {}: {e}", dir.display())),
    }
    set(environment, "HOME", dir.clone().into());
    if !has(environment, "CARGO_TARGET_DIR") {
        set(environment, "CARGO_TARGET_DIR", dir.join("target").into());
    }
    Ok(())
}

/// `text` without ANSI colour sequences (ESC `[` ... a letter).
fn strip_colour(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_gets_how_to_build_and_no_secrets() {
        let vars = [
            ("PATH", "/usr/bin"),
            ("CARGO_PROFILE_DEV_DEBUG", "0"),
            ("CARGO_INCREMENTAL", "0"),
            ("CARGO_REGISTRY_TOKEN", "secret"),
            ("CARGO_REGISTRIES_MINE_TOKEN", "secret"),
            ("GITHUB_TOKEN", "secret"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
        ]
        .map(|(k, v)| (k.into(), v.into()));
        let passed: Vec<String> = build_environment(vars.into_iter())
            .into_iter()
            .map(|(k, _)| k.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            passed,
            ["PATH", "CARGO_PROFILE_DEV_DEBUG", "CARGO_INCREMENTAL"]
        );
    }

    #[test]
    fn colour_is_stripped_and_long_output_cut() {
        assert_eq!(
            strip_colour("\u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror[E0425]\u{1b}[0m: x"),
            "error[E0425]: x"
        );
        let failure = BuildFailure {
            message: "lab does not compile".into(),
            output: "error[E0308]".into(),
        };
        assert_eq!(failure.told(CargoOutput::Echo), "lab does not compile");
        assert_eq!(
            failure.told(CargoOutput::Keep),
            "lab does not compile\nerror[E0308]"
        );
    }
}
