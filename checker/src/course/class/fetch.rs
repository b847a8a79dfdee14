//! A student's repository, with plain `git`: cloned once (bare) into the
//! class's cache, fetched on later runs, the commit to grade chosen by
//! committer time, and its files written out to be graded.
//!
//! Credentials are git's business (an SSH key, a credential helper): the
//! kit never sees them. Git never asks on a terminal (GIT_TERMINAL_PROMPT=0):
//! a repository it can't read fails, and the others go on.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::limited::{self, Ended};

/// How long one clone or fetch may take.
const NETWORK_LIMIT: Duration = Duration::from_secs(600);

/// A commit, as the gradebook shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    pub id: String,
    /// Its committer time, RFC 3339 with the committer's offset.
    pub time: String,
    /// The first line of its message.
    pub subject: String,
}

fn git() -> Command {
    let mut git = Command::new("git");
    git.env("GIT_TERMINAL_PROMPT", "0")
        // No pager, no editor, no local hooks or settings of the graded
        // repository: only what clone and fetch need.
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::null());
    git
}

/// The message of a git command that failed: its last lines of stderr.
fn failed(what: &str, ended: &Ended) -> anyhow::Error {
    let said = String::from_utf8_lossy(&ended.stderr);
    let tail: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = tail[tail.len().saturating_sub(3)..].join(" / ");
    if ended.timed_out {
        anyhow!("{what}: git took longer than {} s", NETWORK_LIMIT.as_secs())
    } else {
        anyhow!(
            "{what}: {}",
            if tail.is_empty() { "git failed" } else { &tail }
        )
    }
}

/// Clones `repository` (bare) into `clone`, or fetches it if already
/// there. A clone that did not finish is removed and made again.
pub fn update(repository: &str, clone: &Path) -> anyhow::Result<()> {
    if clone.join("HEAD").is_file() {
        let mut fetch = git();
        fetch
            .arg("--git-dir")
            .arg(clone)
            .args([
                "fetch",
                "--quiet",
                "--prune",
                "--force",
                "--no-tags",
                "origin",
            ])
            .arg("+refs/heads/*:refs/heads/*");
        let ended = limited::run(fetch, NETWORK_LIMIT)?;
        if !ended.success() {
            return Err(failed("could not fetch", &ended));
        }
        return Ok(());
    }
    let partial = clone.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    if let Some(parent) = clone.parent() {
        std::fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
    }
    let mut command = git();
    command
        .args(["clone", "--bare", "--quiet", "--no-tags", "--"])
        .arg(repository)
        .arg(&partial);
    let ended = limited::run(command, NETWORK_LIMIT)?;
    if !ended.success() {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(failed("could not clone", &ended));
    }
    std::fs::rename(&partial, clone).with_context(|| clone.display().to_string())
}

/// Every commit of the default branch (HEAD of the clone) with its
/// committer time, newest first as git lists them.
fn history(clone: &Path) -> anyhow::Result<Vec<(Commit, i64)>> {
    let mut log = git();
    log.arg("--git-dir").arg(clone).args([
        "log",
        "--no-show-signature",
        "--format=%H%x00%ct%x00%cI%x00%s",
        "HEAD",
        "--",
    ]);
    let ended = limited::run(log, NETWORK_LIMIT)?;
    if !ended.success() {
        let said = String::from_utf8_lossy(&ended.stderr);
        if said.contains("does not have any commits") || said.contains("unknown revision") {
            bail!("the repository has no commits");
        }
        return Err(failed("could not read the history", &ended));
    }
    String::from_utf8_lossy(&ended.stdout)
        .lines()
        .map(|line| {
            let mut parts = line.splitn(4, '\0');
            let (Some(id), Some(seconds), Some(time), subject) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                bail!("git log printed {line:?}");
            };
            let seconds: i64 = seconds
                .parse()
                .with_context(|| format!("git log: {line:?}"))?;
            Ok((
                Commit {
                    id: id.to_string(),
                    time: time.to_string(),
                    subject: subject.unwrap_or("").to_string(),
                },
                seconds,
            ))
        })
        .collect()
}

/// The commit graded, and the later ones (listed, not graded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The commit of the default branch with the latest committer time at
    /// or before the deadline; `None` if every commit is later.
    pub graded: Option<Commit>,
    /// The commits whose committer time is after the deadline, newest
    /// first.
    pub late: Vec<Commit>,
}

/// Chooses the commit to grade in `clone` by committer time. (Not
/// `git rev-list -1 --before`: that gives the first match in git's walk,
/// which follows parents and can pass over a later-dated commit on a
/// merged branch; here every commit of the branch is compared.)
pub fn choose(clone: &Path, deadline: DateTime<FixedOffset>) -> anyhow::Result<Chosen> {
    Ok(choose_in(history(clone)?, deadline.timestamp()))
}

fn choose_in(history: Vec<(Commit, i64)>, deadline: i64) -> Chosen {
    let mut graded: Option<(Commit, i64)> = None;
    let mut late = Vec::new();
    for (commit, seconds) in history {
        if seconds > deadline {
            late.push(commit);
        } else if graded.as_ref().is_none_or(|(_, best)| seconds > *best) {
            graded = Some((commit, seconds));
        }
    }
    Chosen {
        graded: graded.map(|(commit, _)| commit),
        late,
    }
}

/// Writes the files of `commit` into `into` (made anew): `git archive`,
/// unpacked by tar. No checkout, so no hooks, filters or settings of the
/// student's run.
pub fn export(clone: &Path, commit: &str, into: &Path) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(into);
    std::fs::create_dir_all(into).with_context(|| into.display().to_string())?;
    let mut archive = git()
        .arg("--git-dir")
        .arg(clone)
        .args(["archive", "--format=tar", commit])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("could not run git")?;
    let tar_input = archive.stdout.take().expect("piped");
    let tar = Command::new("tar")
        .args(["-x", "--no-same-owner", "-f", "-", "-C"])
        .arg(into)
        .stdin(tar_input)
        .stderr(Stdio::piped())
        .output()
        .context("could not run tar")?;
    let git_said = archive.wait_with_output().context("git archive")?;
    if !git_said.status.success() || !tar.status.success() {
        bail!(
            "could not write out commit {commit}: {}{}",
            String::from_utf8_lossy(&git_said.stderr).trim(),
            String::from_utf8_lossy(&tar.stderr).trim()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(id: &str) -> Commit {
        Commit {
            id: id.into(),
            time: String::new(),
            subject: String::new(),
        }
    }

    #[test]
    fn the_latest_commit_at_or_before_the_deadline_is_graded() {
        // As git log lists them: a merged branch's commit dated later than
        // its parent's comes after it.
        let history = vec![
            (commit("late2"), 300),
            (commit("late1"), 201),
            (commit("merge"), 150),
            (commit("side"), 200),
            (commit("old"), 100),
        ];
        let chosen = choose_in(history, 200);
        assert_eq!(chosen.graded.unwrap().id, "side", "at the deadline counts");
        let late: Vec<&str> = chosen.late.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(late, ["late2", "late1"]);
        let none = choose_in(vec![(commit("a"), 500)], 200);
        assert!(none.graded.is_none());
    }
}
