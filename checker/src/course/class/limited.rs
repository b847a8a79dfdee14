//! A command run with a wall-clock limit: git, and the child checker that
//! grades one repository. Past the limit, it and everything it started
//! are killed; either way its output is kept.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;

use crate::harness::sandbox;

/// How a limited command ended.
#[derive(Debug)]
pub struct Ended {
    pub status: ExitStatus,
    /// It ran past its limit and was killed.
    pub timed_out: bool,
    /// What it wrote, if its stdout and stderr were left piped by `run`.
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Ended {
    pub fn success(&self) -> bool {
        !self.timed_out && self.status.success()
    }
}

/// Runs `command` for at most `limit`. Its stdout and stderr are read
/// into [`Ended`] unless the caller set them (to a file) with
/// [`run_with`].
pub fn run(mut command: Command, limit: Duration) -> anyhow::Result<Ended> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    run_with(command, limit)
}

/// Runs `command` as set up (its stdout and stderr as the caller chose;
/// pipes are read) for at most `limit`.
pub fn run_with(mut command: Command, limit: Duration) -> anyhow::Result<Ended> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .spawn()
        .with_context(|| format!("could not run {program}"))?;
    let pid = child.id() as i32;
    // The clean-up of orphans must not reap it: its waiter does.
    sandbox::watch(pid);
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut kept);
            }
            kept
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let (sender, ended) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait());
    });
    let (status, timed_out) = match ended.recv_timeout(limit) {
        Ok(status) => (status, false),
        Err(_) => {
            sandbox::kill_tree(pid);
            (
                ended.recv().context("the waiter of a killed command")?,
                true,
            )
        }
    };
    sandbox::unwatch(pid);
    let status = status.with_context(|| format!("could not wait for {program}"))?;
    Ok(Ended {
        status,
        timed_out,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_command_past_its_limit_is_killed_with_its_children() {
        let mut command = Command::new("sh");
        // A child that would outlive the shell if only the shell died.
        command.args(["-c", "sleep 300 & echo started; wait"]);
        let start = Instant::now();
        let ended = run(command, Duration::from_millis(500)).unwrap();
        assert!(ended.timed_out && !ended.success());
        assert_eq!(String::from_utf8_lossy(&ended.stdout), "started\n");
        assert!(start.elapsed() < Duration::from_secs(60));
        let ok = run(Command::new("true"), Duration::from_secs(60)).unwrap();
        assert!(ok.success());
    }
}
