//! The mock-interview part of the scorecard: the pacing chart (time per
//! phase against its budget, exact percentages), the key facts never asked
//! for, the curveballs and the interviewer's follow-ups with the replies,
//! and the locked answers.

use crate::core::content::Content;
use crate::core::mock::{curveball_reviews, fact_credit, follow_ups_label, pacing, probe_reviews};
use crate::core::scoring::{Scorecard, Status};
use crate::core::session::Session;
use crate::core::time::format_mss;
use crate::tui::screens::scorecard::{Kind, Row};

fn row(kind: Kind, indent: u16, text: impl Into<String>) -> Row {
    Row {
        kind,
        indent,
        text: text.into(),
    }
}

/// `spent` as a whole percentage of `budget` (rounded down, no cap; a
/// phase with no budget and time spent in it counts as 100 % per second).
pub fn percent_of(spent: u64, budget: u64) -> u32 {
    let p = u128::from(spent) * 100 / u128::from(budget.max(1));
    u32::try_from(p).unwrap_or(u32::MAX)
}

/// The follow-ups: how many, how many answered well, each with the reply.
fn follow_up_rows(session: &Session, card: &Scorecard, r: &mut Vec<Row>) {
    let reviews = probe_reviews(session, Some(card));
    r.push(row(Kind::Blank, 0, ""));
    if reviews.is_empty() {
        r.push(row(Kind::Heading, 0, "Follow-ups"));
        r.push(row(
            Kind::Dim,
            2,
            "None: no phase ended with a point only touched on.",
        ));
        return;
    }
    r.push(row(Kind::Heading, 0, follow_ups_label(&reviews)));
    for p in &reviews {
        r.push(row(
            Kind::Text,
            2,
            format!("[{}] Interviewer: “{}”", format_mss(p.at), p.text.trim()),
        ));
        match &p.response {
            Some(t) => r.push(row(Kind::Text, 4, format!("You: {t}"))),
            None => r.push(row(Kind::Status(Status::Missing), 4, "✗ No reply.")),
        }
        let (status, mark, verdict) = if p.answered_well {
            (Status::Covered, "✓", "now covered")
        } else {
            (Status::Partial, "~", "still not covered")
        };
        r.push(row(
            Kind::Status(status),
            4,
            format!("{mark} {}: {verdict}", p.label),
        ));
    }
}

/// The rows a mock session adds to its scorecard.
pub fn rows(content: &Content, session: &Session, card: &Scorecard) -> Vec<Row> {
    let mut r = Vec::new();
    let scenario = content.scenario(&session.scenario);
    match pacing(session, &content.mock) {
        Ok(p) => {
            r.push(row(
                Kind::Heading,
                0,
                format!(
                    "Pacing — {} of {} used{}",
                    format_mss(p.elapsed_secs),
                    format_mss(p.total_secs),
                    if p.time_up {
                        ", ran to time-up"
                    } else {
                        ", finished early"
                    }
                ),
            ));
            for ph in &p.phases {
                let percent = percent_of(ph.spent_secs, ph.budget_secs);
                r.push(row(
                    Kind::Bar { percent },
                    2,
                    format!(
                        "{} {}/{}",
                        ph.id,
                        format_mss(ph.spent_secs),
                        format_mss(ph.budget_secs)
                    ),
                ));
            }
            let summary = if p.phases_over() == 0 {
                "Every phase within its budget.".to_string()
            } else {
                let over: Vec<String> = p
                    .phases
                    .iter()
                    .filter(|ph| ph.over_secs() > 0)
                    .map(|ph| format!("{} +{}", ph.id, format_mss(ph.over_secs())))
                    .collect();
                format!(
                    "Over budget: {} ({} in total, taken from the phases after them).",
                    over.join(", "),
                    format_mss(p.over_secs())
                )
            };
            r.push(row(Kind::Dim, 2, summary));
            let skipped: Vec<&str> = p
                .phases
                .iter()
                .filter(|ph| !ph.visited)
                .map(|ph| ph.id.as_str())
                .collect();
            if !skipped.is_empty() {
                r.push(row(
                    Kind::Dim,
                    2,
                    format!("Never reached: {}.", skipped.join(", ")),
                ));
            }
            if p.pauses > 0 {
                r.push(row(
                    Kind::Dim,
                    2,
                    format!(
                        "Paused {} (a real interview does not pause).",
                        crate::core::report::plural(p.pauses as u64, "time", "times")
                    ),
                ));
            }
        }
        Err(e) => r.push(row(Kind::Dim, 2, format!("No pacing: {e}"))),
    }

    if let Some(credit) = scenario.and_then(|s| fact_credit(&session.events, s)) {
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(
            Kind::Heading,
            0,
            format!("Questions to the client — {}", credit.label()),
        ));
        if credit.missed.is_empty() {
            r.push(row(
                Kind::Status(Status::Covered),
                2,
                "✓ You asked for every key fact.",
            ));
        } else {
            r.push(row(Kind::Dim, 2, "Key facts never asked for:"));
            for m in &credit.missed {
                r.push(row(
                    Kind::Status(Status::Missing),
                    2,
                    format!("✗ {} ({})", m.id, m.area),
                ));
                r.push(row(
                    Kind::Text,
                    4,
                    format!("The client would have said: {}", m.answer.trim()),
                ));
                if !m.asked_by.is_empty() {
                    r.push(row(
                        Kind::Dim,
                        4,
                        format!("Ask about: {}", m.asked_by.join(", ")),
                    ));
                }
            }
        }
    }

    let reviews = curveball_reviews(session, scenario, &content.mock, Some(card));
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Curveballs"));
    if reviews.is_empty() {
        r.push(row(Kind::Dim, 2, "None came up."));
    }
    for cb in &reviews {
        r.push(row(
            Kind::Text,
            2,
            format!("[{}] Client: “{}”", format_mss(cb.at), cb.text.trim()),
        ));
        match &cb.response {
            Some(t) => r.push(row(Kind::Text, 4, format!("You: {t}"))),
            None => r.push(row(Kind::Status(Status::Missing), 4, "✗ No response.")),
        }
        for (crit, hit) in &cb.expects {
            let label = content
                .rubric
                .criterion(crit)
                .map(|c| c.label.as_str())
                .unwrap_or(crit);
            let (status, mark) = if *hit {
                (Status::Covered, "✓")
            } else {
                (Status::Missing, "✗")
            };
            r.push(row(Kind::Status(status), 4, format!("{mark} {label}")));
        }
    }

    follow_up_rows(session, card, &mut r);

    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Your answers (locked)"));
    let mut any = false;
    for (_, q) in content.rubric.questions() {
        if let Some(a) = session.answer(&q.id).filter(|a| !a.text.trim().is_empty()) {
            any = true;
            r.push(row(
                Kind::Dim,
                2,
                format!("{} ({})", q.prompt, format_mss(a.seconds)),
            ));
            for line in a.text.lines() {
                r.push(row(Kind::Text, 4, line));
            }
        }
    }
    if !any {
        r.push(row(Kind::Dim, 2, "No answers written."));
    }
    r.push(row(Kind::Blank, 0, ""));
    r
}

/// Insert the mock rows before the scorecard's "Top gaps" (at the end when
/// there is none).
pub fn insert_rows(rows: &mut Vec<Row>, extra: Vec<Row>) {
    let at = rows
        .iter()
        .position(|r| r.kind == Kind::Heading && r.text == "Top gaps")
        .unwrap_or(rows.len());
    rows.splice(at..at, extra);
}
