//! The class's roster: GitHub Classroom's grades CSV, or a plain list of
//! repositories (URLs or paths), one per line.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

/// One student (or group) of the roster and the repository graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    /// Who, as the gradebook shows it: the GitHub username from a
    /// Classroom roster, else the repository's name.
    pub name: String,
    /// The roster's identifier (a student number, an e-mail), empty if the
    /// roster has none: the column an LMS matches its users by.
    pub identifier: String,
    /// What `git clone` takes: a URL or a path.
    pub repository: String,
    /// A name unique in the class, safe as a file name: the student's
    /// files in the output folder are named by it.
    pub slug: String,
}

/// The columns of GitHub Classroom's grades export ("Download grades" on
/// an assignment's page, and the REST API's `grades` of an assignment):
/// assignment_name, assignment_url, starter_code_url, github_username,
/// roster_identifier, student_repository_name, student_repository_url,
/// submission_timestamp, points_awarded, points_available[, group_name].
const URL_COLUMN: &str = "student_repository_url";
const USER_COLUMN: &str = "github_username";
const IDENTIFIER_COLUMN: &str = "roster_identifier";
const REPOSITORY_NAME_COLUMN: &str = "student_repository_name";
const GROUP_COLUMN: &str = "group_name";

/// Reads the roster at `path`.
pub fn read(path: &Path) -> anyhow::Result<Vec<Student>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    parse(&text).with_context(|| path.display().to_string())
}

/// The roster in `text`: a CSV whose header names `student_repository_url`,
/// or else one repository per line (blank lines and `#` comments skipped).
pub fn parse(text: &str) -> anyhow::Result<Vec<Student>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut students = if first.contains(URL_COLUMN) {
        from_classroom_csv(text)?
    } else {
        from_list(text)
    };
    if students.is_empty() {
        bail!("the roster names no repository");
    }
    name_uniquely(&mut students);
    Ok(students)
}

fn from_classroom_csv(text: &str) -> anyhow::Result<Vec<Student>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let url = column(URL_COLUMN).expect("the header was seen to name it");
    let (user, identifier) = (column(USER_COLUMN), column(IDENTIFIER_COLUMN));
    let (repo_name, group) = (column(REPOSITORY_NAME_COLUMN), column(GROUP_COLUMN));
    let mut students = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record?;
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        let repository = field(Some(url));
        if repository.is_empty() {
            // A student on the roster who never accepted the assignment:
            // Classroom lists them with no repository. Nothing to grade,
            // and no row invented for them.
            continue;
        }
        let name = [field(group), field(user), field(repo_name)]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_else(|| format!("row {}", line + 2));
        students.push(Student {
            name,
            identifier: field(identifier),
            repository,
            slug: String::new(),
        });
    }
    Ok(students)
}

fn from_list(text: &str) -> Vec<Student> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|repository| Student {
            name: repository_name(repository),
            identifier: String::new(),
            repository: repository.to_string(),
            slug: String::new(),
        })
        .collect()
}

/// `https://github.com/org/lab-alice.git` → `lab-alice`; `/srv/alice/` →
/// `alice`; `git@github.com:org/lab-bob.git` → `lab-bob`.
pub fn repository_name(repository: &str) -> String {
    let trimmed = repository.trim_end_matches('/');
    let last = trimmed
        .rsplit(['/', ':'])
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(trimmed);
    last.strip_suffix(".git").unwrap_or(last).to_string()
}

/// Gives each student a slug: the name, with what is not a letter, digit,
/// `-`, `_` or `.` made `_`; a second of the same gets `-2`, and so on.
fn name_uniquely(students: &mut [Student]) {
    let mut taken = BTreeSet::new();
    for student in students {
        let base: String = student
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let base = match base.trim_start_matches('.') {
            "" => "student".to_string(),
            b => b.to_string(),
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.to_ascii_lowercase()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        student.slug = slug;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_classroom_export_is_read_by_its_header() {
        let csv = "\u{feff}assignment_name,assignment_url,starter_code_url,github_username,roster_identifier,student_repository_name,student_repository_url,submission_timestamp,points_awarded,points_available\n\
            lab1,https://classroom.github.com/a/x,https://github.com/org/t,alice,s1001,lab1-alice,https://github.com/org/lab1-alice,2026-12-01 10:00:00 UTC,0,60\n\
            lab1,https://classroom.github.com/a/x,https://github.com/org/t,,\"Kowalski, Jan\",,,,,\n\
            lab1,https://classroom.github.com/a/x,https://github.com/org/t,bob,s1002,lab1-bob,https://github.com/org/lab1-bob,,0,60\n";
        let roster = parse(csv).unwrap();
        assert_eq!(
            roster.len(),
            2,
            "the student without a repository is left out"
        );
        assert_eq!(roster[0].name, "alice");
        assert_eq!(roster[0].identifier, "s1001");
        assert_eq!(roster[0].repository, "https://github.com/org/lab1-alice");
        assert_eq!(roster[1].slug, "bob");
    }

    #[test]
    fn a_list_names_repositories_and_slugs_are_unique() {
        let roster =
            parse("# the class\n/srv/a/alice/\n\ngit@github.com:org/alice.git\nhttps://h/x/a b\n")
                .unwrap();
        let slugs: Vec<&str> = roster.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, ["alice", "alice-2", "a_b"]);
        assert_eq!(roster[1].repository, "git@github.com:org/alice.git");
        assert!(parse("\n# nothing\n").is_err());
    }
}
