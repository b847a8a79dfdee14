//! Where the reports of a grading go: which format to standard output,
//! which into files (written atomically once grading is over), the human
//! report streamed as tests finish, and the summary GitHub Actions shows.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Format, Style};
use crate::i18n::Lang;
use crate::runner::LabReport;
use anyhow::{anyhow, bail};

/// A report format and where it goes (`None`: standard output, or
/// `--output`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    pub format: Format,
    pub file: Option<PathBuf>,
}

/// Where each report goes: standard output or a file.
pub struct Plan {
    /// Formats written once grading is over, with their file (`None`:
    /// standard output).
    pub reports: Vec<(Format, Option<PathBuf>)>,
}

impl Plan {
    /// Checks `--format` and `--output` together: at most one report goes
    /// to standard output, and `--output` names the file of the one that
    /// has no `=FILE`.
    pub fn new(specs: &[FormatSpec], output: Option<&Path>) -> anyhow::Result<Plan> {
        let unnamed = specs.iter().filter(|s| s.file.is_none()).count();
        if unnamed > 1 {
            bail!(
                "at most one --format goes to standard output (or --output); \
                        give the others a file: --format human,junit=junit.xml"
                    .to_string(),
            );
        }
        if unnamed == 0 && output.is_some() {
            bail!("--output FILE: every --format already names its file");
        }
        let reports = specs
            .iter()
            .map(|spec| {
                let file = spec.file.clone().or_else(|| output.map(Path::to_path_buf));
                (spec.format, file)
            })
            .collect::<Vec<_>>();
        let mut files: Vec<&PathBuf> = reports.iter().filter_map(|(_, f)| f.as_ref()).collect();
        files.sort();
        if let Some(twice) = files.windows(2).find(|w| w[0] == w[1]) {
            bail!(format!("two reports would go to {}", twice[0].display()));
        }
        Ok(Plan { reports })
    }

    /// How the human report streams, if it goes to standard output.
    pub fn human_to_stdout(&self) -> bool {
        self.reports.contains(&(Format::Human, None))
    }

    /// Whether the human report also goes to a file.
    pub fn human_to_file(&self) -> bool {
        self.reports
            .iter()
            .any(|(f, file)| *f == Format::Human && file.is_some())
    }
}

/// Where the human report goes as it is made.
pub struct Human {
    pub stdout: Option<Style>,
    pub file: Option<(Vec<u8>, Style)>,
}

impl Human {
    pub fn each(
        &mut self,
        mut write: impl FnMut(&mut dyn Write, Style) -> io::Result<()>,
    ) -> io::Result<()> {
        if let Some(style) = self.stdout {
            let mut stdout = io::stdout().lock();
            write(&mut stdout, style)?;
            stdout.flush()?;
        }
        if let Some((buffer, style)) = &mut self.file {
            write(buffer, *style)?;
        }
        Ok(())
    }
}

/// On GitHub Actions (GITHUB_STEP_SUMMARY names a file), the markdown
/// summary is appended to the job's summary page; a failure to do so is
/// told, and grading stands.
pub fn append_step_summary(reports: &[LabReport], lang: Lang) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let mut text = Vec::new();
    let written = super::markdown_in(&mut text, reports, lang).and_then(|()| {
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)?
            .write_all(&text)
    });
    if let Err(e) = written {
        eprintln!(
            "checker: could not append the summary to GITHUB_STEP_SUMMARY ({}): {e}",
            Path::new(&path).display()
        );
    }
}

/// Writes `bytes` to `path` so that a reader sees the old file or the whole
/// new one, never a part: a temporary file beside it, then rename().
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.file_name().is_none() {
        return Err(anyhow!("--output {}: not a file name", path.display()));
    }
    write_file_atomically(path, bytes).map_err(|e| anyhow!("--output {}: {e}", path.display()))
}

/// [`write_atomically`], for any file the checker keeps (the hints'
/// state too).
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file name"))?;
    let temporary = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes).and_then(|()| file.sync_all())?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}
