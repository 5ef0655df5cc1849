//! `compare A B`: two attempts at the same scenario, side by side.
//!
//! Sessions are found by id or unique id prefix; both are re-scored with
//! the current content. Attempts at different scenarios are refused (exit
//! status 1) — their criteria differ, so the comparison would mislead.

use super::{Format, GlobalArgs};
use crate::core::review::{self, Change, Comparison};
use crate::core::store::Store;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run_compare(g: &GlobalArgs, a: &str, b: &str, format: Format) -> ExitCode {
    let content = match super::load_content(g) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let dir = super::sessions_dir(g);
    let store = match Store::open(&dir.path) {
        Ok(s) => s,
        Err(e) => {
            super::err_line(format!(
                "error: sessions directory {}: {e}",
                dir.path.display()
            ));
            return ExitCode::FAILURE;
        }
    };
    if let Some(w) = crate::core::store::check_private(&dir) {
        super::err_line(w);
    }
    let mut sessions = Vec::with_capacity(2);
    for (side, id) in [("A", a), ("B", b)] {
        match store.load(id) {
            Ok((_, s)) => sessions.push(s),
            Err(e) => {
                super::err_line(format!("error: session {side} ({id}): {e}"));
                return ExitCode::FAILURE;
            }
        }
    }
    let scored = review::score_sessions(&content, sessions);
    let cmp = match review::compare(&scored[0], &scored[1], &content.rubric) {
        Ok(c) => c,
        Err(e) => {
            super::err_line(format!("error: {e}"));
            return ExitCode::FAILURE;
        }
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&cmp) {
            Ok(s) => super::print_json(&format!("{s}\n")),
            Err(e) => {
                super::err_line(format!("error: could not write JSON: {e}"));
                ExitCode::FAILURE
            }
        },
        Format::Text => super::print_out(&comparison_text(&cmp)),
    }
}

fn signed(x: f32) -> String {
    if x > 0.0 {
        format!("+{x:.1}")
    } else if x < 0.0 {
        format!("{x:.1}")
    } else {
        "±0.0".to_string()
    }
}

/// Strip control characters (answers are user text; keep newlines/tabs).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// The plain-text comparison printed by `compare`.
pub fn comparison_text(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Comparing two attempts at {}", clean(&c.a.scenario));
    for (side, s) in [("A", &c.a), ("B", &c.b)] {
        let _ = writeln!(
            o,
            "  {side}  {}  {:<8}  {}  overall {:.1}",
            s.started_at.format("%Y-%m-%d %H:%M"),
            s.mode.as_str(),
            clean(&s.id),
            s.overall
        );
    }
    let _ = writeln!(o, "  Overall change: {}", signed(c.overall_change));

    let _ = writeln!(o, "\nAreas");
    let width = c
        .areas
        .iter()
        .map(|a| a.title.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        o,
        "  {:<width$}  {:>6}  {:>6}  {:>7}",
        "", "A", "B", "change"
    );
    for a in &c.areas {
        let _ = writeln!(
            o,
            "  {:<width$}  {:>6.1}  {:>6.1}  {:>7}",
            clean(&a.title),
            a.a,
            a.b,
            signed(a.change)
        );
    }

    for (change, title, mark) in [(Change::Gained, "Gained", '+'), (Change::Lost, "Lost", '-')] {
        let list: Vec<_> = c.criteria_with(change).collect();
        let _ = writeln!(o, "\n{title} ({})", list.len());
        if list.is_empty() {
            let _ = writeln!(o, "  (none)");
        }
        for x in list {
            let _ = writeln!(
                o,
                "  {mark} {} [{}]: {} → {}",
                clean(&x.label),
                clean(&x.id),
                x.a.as_str(),
                x.b.as_str()
            );
        }
    }
    // Still missing: ids only (partial ones marked), wrapped.
    let still: Vec<String> = c
        .criteria_with(Change::StillMissing)
        .map(|x| match x.b {
            crate::core::scoring::Status::Partial => format!("{} (partial)", clean(&x.id)),
            _ => clean(&x.id),
        })
        .collect();
    let _ = writeln!(o, "\nStill missing ({})", still.len());
    if still.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    let mut line = String::from(" ");
    for (i, id) in still.iter().enumerate() {
        let piece = if i + 1 < still.len() {
            format!(" {id},")
        } else {
            format!(" {id}")
        };
        if line.chars().count() + piece.chars().count() > 78 && line.trim() != "" {
            let _ = writeln!(o, "{line}");
            line = String::from(" ");
        }
        line.push_str(&piece);
    }
    if !line.trim().is_empty() {
        let _ = writeln!(o, "{line}");
    }
    let _ = writeln!(
        o,
        "\nKept ({}): covered in both",
        c.criteria_with(Change::Kept).count()
    );

    let _ = writeln!(o, "\nAnswers");
    if c.questions.is_empty() {
        let _ = writeln!(o, "  (neither attempt has answers)");
    }
    for q in &c.questions {
        match &q.prompt {
            Some(p) => {
                let _ = writeln!(o, "\n── {}: {}", clean(&q.id), clean(p));
            }
            None => {
                let _ = writeln!(o, "\n── {}", clean(&q.id));
            }
        }
        for (side, text) in [("A", &q.a), ("B", &q.b)] {
            match text {
                None => {
                    let _ = writeln!(o, "  {side}: (no answer)");
                }
                Some(t) => {
                    let t = clean(t);
                    let mut lines = t.trim_end().lines();
                    let _ = writeln!(o, "  {side}: {}", lines.next().unwrap_or(""));
                    for l in lines {
                        let _ = writeln!(o, "     {l}");
                    }
                }
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::fixtures::*;
    use crate::core::scoring::Status::*;
    use crate::core::session::Mode;

    #[test]
    fn text_lists_changes_and_answers() {
        let mut sa = session("a1", "fraud", Mode::Practice, day(0));
        sa.answers = vec![answer("pain-point", "Old\x1b[31m answer\nsecond line", 10)];
        let mut sb = session("b1", "fraud", Mode::Mock, day(1));
        sb.answers = vec![answer("baselines", "A baseline.", 10)];
        let a = scored(sa, &[("goals", Covered), ("labels", Partial)]);
        let b = scored(sb, &[("goals", Covered), ("baselines", Covered)]);
        let c = review::compare(&a, &b, &rubric()).unwrap();
        let t = comparison_text(&c);
        assert!(t.contains("Comparing two attempts at fraud"), "{t}");
        assert!(
            t.contains("Gained (1)\n  + Addresses baselines [baselines]: missing → covered\n"),
            "{t}"
        );
        assert!(
            t.contains("Lost (1)\n  - Addresses labels [labels]: partial → missing\n"),
            "{t}"
        );
        assert!(t.contains("Kept (1)"), "{t}");
        assert!(
            t.contains(
                "Still missing (4)\n  pain-point, fp-fn-cost, data-quality, model-selection\n"
            ),
            "{t}"
        );
        // modelling: 0 → 50
        assert!(t.contains("+50.0"), "{t}");
        // Control characters never reach the terminal.
        assert!(!t.contains('\x1b'), "{t}");
        assert!(
            t.contains("  A: Old[31m answer\n     second line\n  B: (no answer)"),
            "{t}"
        );
        assert!(
            t.contains(
                "── baselines: Question about baselines?\n  A: (no answer)\n  B: A baseline."
            ),
            "{t}"
        );
    }
}
