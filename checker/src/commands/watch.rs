//! `checker LAB --watch`: grades again each time the files of a lab
//! change, for the edit-compile-grade loop. Built on notify (inotify on Linux) through
//! notify-debouncer-full, which turns an editor's save — a temporary file,
//! a rename, a write — into one change and keeps each event's kind: cargo
//! reading the sources or the checker running the --exe file is not a
//! change. Nothing is polled.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::i18n::{Lang, Text};
use crate::labs::Lab;
use crate::t;

/// Runs `grade_round` (which says how the round went, in a few words),
/// then again after every change to `path`, with a status line in `lang`
/// after each round, until Ctrl-C (whose handler kills what runs).
pub fn until_ctrl_c(
    lab: &Lab,
    path: &Path,
    lang: Lang,
    mut grade_round: impl FnMut() -> Text,
) -> anyhow::Result<bool> {
    let watch = Watch::new(path)?;
    let shown = crate::workspace::shown_path(watch.path());
    let mut why = t!("watch-started", "started");
    for round in 1.. {
        let result = grade_round();
        let time = chrono::Local::now().format("%H:%M:%S").to_string();
        let status = status(round, lab, result, &why, &time, &shown);
        eprintln!("{}", status.render(lang));
        let changed = watch.next_change()?;
        why = t!(
            "watch-after-change",
            "after a change to {files}",
            files = describe_in(&changed, watch.folder(), lang)
        );
    }
    unreachable!("the loop ends with Ctrl-C")
}

/// The line after each round: which round, the lab, how it went, why it
/// ran and when, and what is watched.
fn status(round: usize, lab: &Lab, result: Text, why: &Text, time: &str, path: &str) -> Text {
    t!(
        "watch-status",
        "[watch {round}] {lab} {title}: {result} ({why}, at {time}); watching {path}, Ctrl-C to stop",
        round = round.to_string(),
        lab = lab.id(),
        title = Text::lab_title(&lab.id(), lab.title),
        result = result,
        why = why,
        time = time,
        path = path
    )
}

/// How long the files must stay quiet before a change counts: saving
/// several files at once (or `cargo fmt`) is one change.
pub const QUIET: Duration = Duration::from_millis(300);

/// Watches a folder (recursively) or one file.
pub struct Watch {
    root: PathBuf,
    /// A single file, watched through its folder (a rebuild or an editor
    /// replaces the file, and a watch on the file itself would be lost).
    only: Option<PathBuf>,
    events: Receiver<DebounceEventResult>,
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl Watch {
    /// Starts watching `path`: a folder and everything in it, or a file.
    pub fn new(path: &Path) -> anyhow::Result<Watch> {
        let fail = |e: &dyn std::fmt::Display| anyhow!("--watch {}: {e}", path.display());
        let path = path.canonicalize().map_err(|e| fail(&e))?;
        let (only, root, mode) = if path.is_dir() {
            (None, path.clone(), RecursiveMode::Recursive)
        } else {
            let parent = path.parent().ok_or_else(|| fail(&"no folder"))?;
            (
                Some(path.clone()),
                parent.to_path_buf(),
                RecursiveMode::NonRecursive,
            )
        };
        let (sender, events) = mpsc::channel();
        let mut debouncer = new_debouncer(QUIET, None, sender).map_err(|e| fail(&e))?;
        debouncer.watch(&root, mode).map_err(|e| fail(&e))?;
        Ok(Watch {
            root,
            only,
            events,
            _debouncer: debouncer,
        })
    }

    /// What is watched, as given (canonical).
    pub fn path(&self) -> &Path {
        self.only.as_deref().unwrap_or(&self.root)
    }

    /// The folder watched (the file's own, for a file).
    pub fn folder(&self) -> &Path {
        &self.root
    }

    /// Waits for the next change that matters and returns the files it
    /// touched (after draining whatever else had arrived meanwhile).
    pub fn next_change(&self) -> anyhow::Result<Vec<PathBuf>> {
        loop {
            if let Some(changed) = self.next_change_within(Duration::from_secs(3600))? {
                return Ok(changed);
            }
        }
    }

    /// Like [`Watch::next_change`], but gives up after `wait`: `None`.
    pub fn next_change_within(&self, wait: Duration) -> anyhow::Result<Option<Vec<PathBuf>>> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let batch = match self.events.recv_timeout(left) {
                Ok(batch) => batch,
                Err(RecvTimeoutError::Timeout) => return Ok(None),
                Err(RecvTimeoutError::Disconnected) => {
                    bail!("the file watcher stopped");
                }
            };
            let mut changed = self.relevant(batch)?;
            if changed.is_empty() {
                continue;
            }
            // Changes that came in while we were busy are part of this one.
            while let Ok(batch) = self.events.try_recv() {
                changed.extend(self.relevant(batch)?);
            }
            changed.sort();
            changed.dedup();
            return Ok(Some(changed));
        }
    }

    fn relevant(&self, batch: DebounceEventResult) -> anyhow::Result<Vec<PathBuf>> {
        let events = batch.map_err(|errors| {
            let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            anyhow!("watching {}: {}", self.root.display(), errors.join("; "))
        })?;
        Ok(events
            .into_iter()
            // Reading a file (cargo, an editor opening it) or running it
            // changes nothing.
            .filter(|event| !matches!(event.kind, EventKind::Access(_)))
            .flat_map(|event| event.event.paths)
            .filter(|path| self.matters(path))
            .collect())
    }

    /// A change that should re-grade: the watched file, or a file of the
    /// folder that is not a build output, hidden, or an editor's scratch.
    fn matters(&self, path: &Path) -> bool {
        if let Some(only) = &self.only {
            return path == only;
        }
        let Ok(inside) = path.strip_prefix(&self.root) else {
            return false;
        };
        let hidden_or_built = inside.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name == "target" || name.starts_with('.')
        });
        let name = inside
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let scratch = name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name == "4913" // vim's probe that a folder is writable
            || name.starts_with('#'); // emacs' autosave
        !inside.as_os_str().is_empty() && !hidden_or_built && !scratch
    }
}

/// Shows the changed files briefly, relative to `root`.
pub fn describe(changed: &[PathBuf], root: &Path) -> String {
    describe_in(changed, root, Lang::En)
}

/// [`describe`], in `lang`.
pub fn describe_in(changed: &[PathBuf], root: &Path, lang: Lang) -> String {
    let mut names: Vec<String> = changed
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    if names.len() > 3 {
        let more = names.len() - 3;
        names.truncate(3);
        names.push(
            t!("watch-more-files", "{count} more", count = more)
                .render(lang)
                .into_owned(),
        );
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn the_status_line_follows_the_language() {
        let lab = crate::labs::find("lab1").unwrap();
        let graded = t!(
            "watch-graded",
            "{points}/{max} points, {passed}/{counted} tests",
            points = 1u32,
            max = 1u32,
            passed = 1usize,
            counted = 1usize
        );
        let why = t!(
            "watch-after-change",
            "after a change to {files}",
            files = "src/server.rs"
        );
        let line = status(2, lab, graded, &why, "14:03:07", "labs/01-hello");
        assert_eq!(
            line.render(Lang::En),
            "[watch 2] lab01 hello/time command server: 1/1 points, 1/1 tests (after a change to \
             src/server.rs, at 14:03:07); watching labs/01-hello, Ctrl-C to stop"
        );
        assert_eq!(
            line.render(Lang::Pl),
            "[watch 2] lab01 serwer poleceń hello/time: punkty 1/1, testy 1/1 (po zmianie w \
             src/server.rs, o 14:03:07); obserwuję labs/01-hello, Ctrl-C kończy"
        );
    }

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("socklab-watch-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src")).unwrap();
        fs::create_dir_all(dir.join("target")).unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn a_saved_source_file_is_a_change_and_scratch_files_are_not() {
        let dir = folder("dir");
        fs::write(dir.join("src/lib.rs"), "// read, not changed").unwrap();
        let watch = Watch::new(&dir).unwrap();
        // Reading is not a change (cargo reads every source it builds).
        fs::read(dir.join("src/lib.rs")).unwrap();
        fs::write(dir.join(".server.rs.swp"), "x").unwrap();
        fs::write(dir.join("target/out"), "x").unwrap();
        fs::write(dir.join("src/server.rs~"), "x").unwrap();
        fs::write(dir.join("src/server.rs"), "fn main() {}").unwrap();
        let changed = watch
            .next_change_within(Duration::from_secs(30))
            .unwrap()
            .expect("the write was seen");
        assert_eq!(changed, vec![dir.join("src/server.rs")]);
        assert_eq!(describe(&changed, &dir), "src/server.rs");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_replaced_file_is_a_change_and_its_neighbours_are_not() {
        let dir = folder("file");
        let exe = dir.join("program");
        fs::write(&exe, "old").unwrap();
        let watch = Watch::new(&exe).unwrap();
        fs::write(dir.join("neighbour"), "x").unwrap();
        // Replaced the way a build or an editor does: a new file renamed
        // over the old one.
        fs::write(dir.join("program.new"), "new").unwrap();
        fs::rename(dir.join("program.new"), &exe).unwrap();
        let changed = watch
            .next_change_within(Duration::from_secs(30))
            .unwrap()
            .expect("the rename was seen");
        assert_eq!(changed, vec![exe.clone()]);
        assert_eq!(watch.path(), exe);
        let _ = fs::remove_dir_all(&dir);
    }
}
