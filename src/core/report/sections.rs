//! The parts of the Markdown report that mirror the rest of the scorecard
//! screen: time per question, the pacing chart as a table, the key facts
//! never asked for and the interviewer's follow-ups (mocks), and the
//! scenario's strong answer.
//!
//! Each is a [`Section`]; [`SCORECARD_SECTIONS`] lists them in report
//! order. A new part of the scorecard (red flags, follow-up questions)
//! becomes one more function in that list.

use super::plural;
use crate::core::content::Content;
use crate::core::mock::{fact_credit, follow_ups_label, pacing, probe_reviews};
use crate::core::scoring::Scorecard;
use crate::core::session::{Mode, Session};
use crate::core::time::format_mss;
use std::fmt::Write;

/// What a section is written from.
pub struct Report<'a> {
    pub content: &'a Content,
    pub session: &'a Session,
    pub card: Option<&'a Scorecard>,
}

/// Appends one part of the report (nothing when it does not apply).
pub type Section = fn(&mut String, &Report);

/// The sections after the answers, in order.
pub const SCORECARD_SECTIONS: &[Section] = &[
    time_per_question,
    pacing_table,
    missed_facts,
    follow_ups,
    exemplar,
];

/// A table cell: one line, `|` escaped.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// `## Time per question`: each rubric question with time or text, its
/// time and hints, and the total.
pub fn time_per_question(o: &mut String, r: &Report) {
    let rows: Vec<(String, u64, u32)> = r
        .content
        .rubric
        .questions()
        .filter_map(|(_, q)| {
            r.session
                .answer(&q.id)
                .filter(|a| a.seconds > 0 || !a.text.trim().is_empty())
                .map(|a| (q.prompt.clone(), a.seconds, a.hints))
        })
        .collect();
    o.push_str("\n## Time per question\n\n");
    if rows.is_empty() {
        o.push_str("No time recorded.\n");
    } else {
        o.push_str("| Question | Time | Hints |\n| --- | ---: | ---: |\n");
        for (prompt, secs, hints) in rows {
            let _ = writeln!(o, "| {} | {} | {hints} |", cell(&prompt), format_mss(secs));
        }
    }
    let _ = writeln!(o, "\nTotal: {}", format_mss(r.session.elapsed_seconds));
}

/// `## Pacing` (mocks): time per phase against its budget, as a table.
pub fn pacing_table(o: &mut String, r: &Report) {
    if r.session.mode != Mode::Mock {
        return;
    }
    let Ok(p) = pacing(r.session, &r.content.mock) else {
        return;
    };
    let _ = writeln!(
        o,
        "\n## Pacing\n\n{} of {} used, {}.\n",
        format_mss(p.elapsed_secs),
        format_mss(p.total_secs),
        if p.time_up {
            "ran to time-up"
        } else {
            "finished early"
        }
    );
    o.push_str("| Phase | Spent | Budget | Over | Reached |\n| --- | ---: | ---: | ---: | --- |\n");
    for ph in &p.phases {
        let over = match ph.over_secs() {
            0 => "–".to_string(),
            s => format!("+{}", format_mss(s)),
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {over} | {} |",
            cell(&ph.title),
            format_mss(ph.spent_secs),
            format_mss(ph.budget_secs),
            if ph.visited { "yes" } else { "no" }
        );
    }
    if p.pauses > 0 {
        let _ = writeln!(
            o,
            "\nPaused {} (a real interview does not pause).",
            plural(p.pauses as u64, "time", "times")
        );
    }
}

/// `## Key facts never asked for` (mocks with key facts).
pub fn missed_facts(o: &mut String, r: &Report) {
    if r.session.mode != Mode::Mock {
        return;
    }
    let Some(credit) = r
        .content
        .scenario(&r.session.scenario)
        .and_then(|s| fact_credit(&r.session.events, s))
    else {
        return;
    };
    let _ = writeln!(o, "\n## Questions to the client\n\nYou {}.", credit.label());
    if credit.missed.is_empty() {
        o.push_str("\nYou asked for every key fact.\n");
        return;
    }
    o.push_str("\nKey facts never asked for:\n\n");
    for m in &credit.missed {
        let _ = write!(
            o,
            "- **{}** ({}): {}",
            cell(&m.id),
            cell(&m.area),
            cell(&m.answer)
        );
        if !m.asked_by.is_empty() {
            let _ = write!(o, " — ask about: {}", cell(&m.asked_by.join(", ")));
        }
        o.push('\n');
    }
}

/// `## Follow-ups` (mocks where the interviewer followed up): how many
/// were answered well, and each with its target and the outcome.
pub fn follow_ups(o: &mut String, r: &Report) {
    let reviews = probe_reviews(r.session, r.card);
    if reviews.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n## Follow-ups\n\n{}.\n", follow_ups_label(&reviews));
    for p in &reviews {
        let outcome = match (&p.response, p.answered_well) {
            (None, _) => "no reply",
            (Some(_), true) => "answered above; now covered",
            (Some(_), false) => "answered above; still not covered",
        };
        let _ = writeln!(
            o,
            "- [{}] {} — on *{}* ({outcome})",
            format_mss(p.at),
            cell(&p.text),
            cell(&p.label)
        );
    }
}

/// `## A strong answer to this prompt`: the scenario's exemplar, as the
/// candidate would say it.
pub fn exemplar(o: &mut String, r: &Report) {
    let Some(s) = r.content.scenario(&r.session.scenario) else {
        return;
    };
    if s.exemplar.trim().is_empty() {
        return;
    }
    o.push_str("\n## A strong answer to this prompt\n");
    for para in s
        .exemplar
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let _ = writeln!(
            o,
            "\n{}",
            para.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}
