//! The class report: one self-contained HTML page (class.html).

use super::Class;

/// The page of `class`.
pub fn html(class: &Class) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report</title></head><body><p>{} students</p></body></html>\n",
        class.students.len()
    )
}
