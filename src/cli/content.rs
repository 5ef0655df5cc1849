//! `content validate`, `content list` and `content show`.

use super::{Format, GlobalArgs, err_line};
use crate::core::content::{self as content_core, Content, Report, Scenario};
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
    // Checks that need the scorer: example sentences earn what they
    // illustrate and raise no red flag; exemplars raise none.
    let problems = crate::core::scoring::check_examples(&content);
    for p in &problems {
        let located = content_core::scenario_source(dir, &p.scenario).and_then(|(file, text)| {
            let spans = content_core::spans::Spans::parse(&text).ok()?.0;
            let loc = spans.loc(&p.path);
            Some(format!("{}:{}:{}", file.display(), loc.0, loc.1))
        });
        err_line(format!(
            "{}: {}",
            located.unwrap_or_else(|| format!("scenario `{}` {}", p.scenario, p.path)),
            p.message
        ));
    }
    if !problems.is_empty() {
        err_line(format!(
            "{what}: {} error(s) in example sentences",
            problems.len()
        ));
        return ExitCode::from(2);
    }
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

/// The scenarios of the pack in use: a table (id, task type, key points,
/// domain, title) or JSON.
pub fn run_list(g: &GlobalArgs, format: Format) -> ExitCode {
    // The embedded pack's sketch holds all the list shows.
    let sketch = g
        .content
        .is_none()
        .then(content_core::embedded_sketch)
        .flatten();
    let content = match sketch.map_or_else(|| super::load_content(g), Ok) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match format {
        Format::Text => super::print_out(&scenario_table(&content)),
        Format::Json => super::print_json(&scenario_json(&content)),
    }
}

/// One object per scenario, by id.
pub fn scenario_json(c: &Content) -> String {
    let rows: Vec<serde_json::Value> = c
        .scenarios
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id,
                "title": s.title,
                "domain": s.domain,
                "task_type": s.task_type,
                "other_task_types": s.other_task_types,
                "aliases": s.aliases,
                "key_points": s.key_points.len(),
                "red_flags": s.red_flags.len(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

/// Render the scenario table (header, then one row per scenario by id).
pub fn scenario_table(c: &Content) -> String {
    let rows: Vec<[String; 5]> = c
        .scenarios
        .iter()
        .map(|s| {
            [
                s.id.clone(),
                s.task_type.clone(),
                s.key_points.len().to_string(),
                s.domain.clone(),
                s.title.clone(),
            ]
        })
        .collect();
    let header = ["ID", "TASK TYPE", "KEY POINTS", "DOMAIN", "TITLE"].map(String::from);
    let width = |k: usize| {
        rows.iter()
            .map(|r| r[k].width())
            .chain([header[k].width()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), width(3)];
    let mut out = String::new();
    for r in std::iter::once(&header).chain(rows.iter()) {
        let mut line = String::new();
        for (k, w) in widths.iter().enumerate() {
            line.push_str(&r[k]);
            line.push_str(&" ".repeat(w - r[k].width() + 2));
        }
        line.push_str(&r[4]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Which scenario an id names: its id or a former id exactly, else the
/// only scenario whose id (or a former id) contains it.
pub enum Pick<'a> {
    One(&'a Scenario),
    None,
    Several(Vec<&'a Scenario>),
}

pub fn pick<'a>(c: &'a Content, query: &str) -> Pick<'a> {
    let q = query.trim().to_lowercase();
    if let Some(s) = c.scenario(&q) {
        return Pick::One(s);
    }
    if q.is_empty() {
        return Pick::None;
    }
    let hits: Vec<&Scenario> = c
        .scenarios
        .iter()
        .filter(|s| s.id.contains(&q) || s.aliases.iter().any(|a| a.contains(&q)))
        .collect();
    match hits.len() {
        0 => Pick::None,
        1 => Pick::One(hits[0]),
        _ => Pick::Several(hits),
    }
}

/// `content show ID`: the scenario as Markdown, or `--exemplar` only the
/// example answer as plain text.
pub fn run_show(g: &GlobalArgs, id: &str, exemplar: bool) -> ExitCode {
    let content = match super::load_content(g) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let s = match pick(&content, id) {
        Pick::One(s) => s,
        Pick::None => {
            let known: Vec<&str> = content.scenarios.iter().map(|s| s.id.as_str()).collect();
            err_line(format!(
                "error: no scenario matches '{id}' (known: {})",
                known.join(", ")
            ));
            return ExitCode::from(2);
        }
        Pick::Several(hits) => {
            let ids: Vec<&str> = hits.iter().map(|s| s.id.as_str()).collect();
            err_line(format!(
                "error: '{id}' matches several scenarios: {}; give more of the id",
                ids.join(", ")
            ));
            return ExitCode::from(2);
        }
    };
    if exemplar {
        let mut text = s.exemplar.trim_end().to_string();
        text.push('\n');
        super::print_out(&text)
    } else {
        super::print_out(&super::content_show::scenario_markdown(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_from_the_sketch_is_the_list_from_the_whole_pack() {
        let sketch = content_core::embedded_sketch().expect("the build writes the sketch");
        let whole = content_core::load_embedded();
        assert_eq!(scenario_table(&sketch), scenario_table(&whole));
        assert_eq!(scenario_json(&sketch), scenario_json(&whole));
        assert!(scenario_json(&whole).contains("\"key_points\": 8"));
    }
}
