//! `content validate` and `content list`.

use super::{GlobalArgs, err_line};
use crate::core::content::{self as content_core, Content, Report};
use std::path::Path;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// Check a pack: DIR, else `--content`, else the built-in pack. Prints every
/// diagnostic as `file:line:col: message` on stderr; exit 2 on any error.
pub fn run_validate(g: &GlobalArgs, dir: Option<&Path>) -> ExitCode {
    let dir = dir.or(g.content.as_deref());
    let ((content, report), what) = match dir {
        Some(d) => (content_core::check_and_load_dir(d), d.display().to_string()),
        None => (
            content_core::check_and_load_embedded(),
            "built-in content".to_string(),
        ),
    };
    for d in &report.errors {
        err_line(d);
    }
    for d in &report.warnings {
        err_line(format!(
            "{}:{}:{}: warning: {}",
            d.file.display(),
            d.line,
            d.column,
            d.message
        ));
    }
    let Some(content) = content.filter(|_| report.is_ok()) else {
        err_line(summary_line(&what, &report));
        return ExitCode::from(2);
    };
    if !report.warnings.is_empty() {
        err_line(summary_line(&what, &report));
    }
    super::print_out(&format!("{}\n", ok_line(&content)))
}

fn summary_line(what: &str, r: &Report) -> String {
    format!(
        "{}: {} error(s), {} warning(s)",
        what,
        r.errors.len(),
        r.warnings.len()
    )
}

/// `content OK: 8 areas, 52 criteria, 40 questions, 5 scenarios`.
pub fn ok_line(c: &Content) -> String {
    format!(
        "content OK: {} areas, {} criteria, {} questions, {} scenarios",
        c.rubric.areas.len(),
        c.rubric.criteria.len(),
        c.rubric.questions().count(),
        c.scenarios.len()
    )
}

/// The scenarios of the pack in use, as a table: id, domain, title.
pub fn run_list(g: &GlobalArgs) -> ExitCode {
    let content = match super::load_content(g) {
        Ok(c) => c,
        Err(code) => return code,
    };
    super::print_out(&scenario_table(&content))
}

/// Render the scenario table (header, then one row per scenario by id).
pub fn scenario_table(c: &Content) -> String {
    let rows: Vec<[&str; 3]> = c
        .scenarios
        .iter()
        .map(|s| [s.id.as_str(), s.domain.as_str(), s.title.as_str()])
        .collect();
    let header = ["ID", "DOMAIN", "TITLE"];
    let w0 = rows
        .iter()
        .map(|r| r[0].width())
        .chain([header[0].width()])
        .max()
        .unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r[1].width())
        .chain([header[1].width()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for r in std::iter::once(&header).chain(rows.iter()) {
        let line = format!(
            "{}{}  {}{}  {}",
            r[0],
            " ".repeat(w0 - r[0].width()),
            r[1],
            " ".repeat(w1 - r[1].width()),
            r[2]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
