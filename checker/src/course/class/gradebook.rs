//! The gradebook CSV, in the columns an LMS imports (`--csv`):
//!
//! - `plain`: every column the class run knows, for a spreadsheet;
//! - `canvas`: Canvas's gradebook import wants the columns of its own
//!   export first — `Student`, `ID`, `SIS User ID`, `SIS Login ID`,
//!   `Section` — then one column per assignment, named as the assignment
//!   (a new name makes a new assignment), holding points; a second row
//!   `Points Possible` as in Canvas's export. A column of text would be
//!   read as an assignment too, so commits and late commits are left to
//!   the plain CSV.
//! - `moodle`: Moodle's CSV grade import maps one column to its users
//!   (choose "ID number", "Email address" or "Username" as the roster's
//!   identifier is) and each other column to a grade item or "ignore";
//!   the points only, plain numbers with a `.` decimal.

use std::path::Path;

use anyhow::Context;

use super::grade::RepoResult;
use super::{ClassLab, Flavour};
use crate::report::plan;

/// The gradebook of `students` in `flavour`.
pub fn csv(
    flavour: Flavour,
    labs: &[ClassLab],
    students: &[RepoResult],
) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let lab_columns = labs.iter().map(|l| format!("{} {}", l.lab, l.title));
    match flavour {
        Flavour::Plain => {
            let mut header: Vec<String> = [
                "student",
                "identifier",
                "repository",
                "commit",
                "commit_time",
            ]
            .map(String::from)
            .to_vec();
            header.extend(labs.iter().map(|l| l.lab.clone()));
            header.extend(["total", "max_points", "late_commits", "error"].map(String::from));
            writer.write_record(&header)?;
            for s in students {
                let mut row = vec![
                    s.student.name.clone(),
                    s.student.identifier.clone(),
                    s.student.repository.clone(),
                    s.commit.as_ref().map(|c| c.id.clone()).unwrap_or_default(),
                    s.commit
                        .as_ref()
                        .map(|c| c.time.clone())
                        .unwrap_or_default(),
                ];
                row.extend(labs.iter().map(|l| points_of(s, &l.lab)));
                row.push(s.points.to_string());
                row.push(s.max_points.to_string());
                row.push(
                    s.late
                        .iter()
                        .map(|c| format!("{} {}", &c.id[..c.id.len().min(12)], c.time))
                        .collect::<Vec<_>>()
                        .join("; "),
                );
                row.push(s.error.clone().unwrap_or_default());
                writer.write_record(&row)?;
            }
        }
        Flavour::Canvas => {
            let mut header: Vec<String> =
                ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
                    .map(String::from)
                    .to_vec();
            header.extend(lab_columns);
            writer.write_record(&header)?;
            let mut possible = vec![
                "    Points Possible".to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            possible.extend(labs.iter().map(|l| l.max_points.to_string()));
            writer.write_record(&possible)?;
            for s in students {
                let mut row = vec![
                    s.student.name.clone(),
                    String::new(),
                    String::new(),
                    s.student.identifier.clone(),
                    String::new(),
                ];
                row.extend(labs.iter().map(|l| points_of(s, &l.lab)));
                writer.write_record(&row)?;
            }
        }
        Flavour::Moodle => {
            let mut header = vec!["identifier".to_string()];
            header.extend(lab_columns);
            header.push("total".to_string());
            writer.write_record(&header)?;
            for s in students {
                let who = if s.student.identifier.is_empty() {
                    s.student.name.clone()
                } else {
                    s.student.identifier.clone()
                };
                let mut row = vec![who];
                row.extend(labs.iter().map(|l| points_of(s, &l.lab)));
                row.push(s.points.to_string());
                writer.write_record(&row)?;
            }
        }
    }
    writer.into_inner().context("the gradebook CSV")
}

fn points_of(student: &RepoResult, lab: &str) -> String {
    student
        .labs
        .iter()
        .find(|l| l.lab == lab)
        .map(|l| l.points.to_string())
        .unwrap_or_else(|| "0".to_string())
}

/// Writes the gradebook into `path`.
pub fn write(
    path: &Path,
    flavour: Flavour,
    labs: &[ClassLab],
    students: &[RepoResult],
) -> anyhow::Result<()> {
    plan::write_atomically(path, &csv(flavour, labs, students)?)
}
