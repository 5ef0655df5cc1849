//! The Markdown export of a session, as `export` and the TUI's `e` write
//! it: for a drill, the drill's own view — each drilled criterion before →
//! after, mastered or not, when it is due next, and the schedule — rather
//! than the general scorecard, whose overall score and gaps a drill of a
//! few questions would make look poor for no reason; for any other
//! session, the full report (`report::markdown::session_report`).

use super::ScoredSession;
use super::drill_report::{Outcome, drill_outcome, schedule_summary};
use super::record::Attempt;
use crate::core::content::Content;
use crate::core::report::markdown::{answers, inline, meta, one_line, session_report};
use crate::core::report::{mark, plural};
use crate::core::scoring::{Scorecard, Status};
use crate::core::session::{Mode, Session, SessionStatus};
use chrono::{DateTime, Utc};
use std::fmt::Write;

/// The Markdown report of `session`. `history` is called only for a drill
/// (its before → after and the schedule are replayed from the saved
/// sessions; it may or may not hold the drill itself). `card` is `None`
/// when the session could not be scored.
pub fn export_markdown<A: Attempt>(
    content: &Content,
    session: &Session,
    card: Option<&Scorecard>,
    history: impl FnOnce() -> Vec<A>,
    now: DateTime<Utc>,
) -> String {
    match card {
        Some(card) if session.mode == Mode::Drill => {
            drill_markdown(content, session, card, &history(), now)
        }
        _ => session_report(content, session, card),
    }
}

/// A drill's report: the drilled criteria only.
pub fn drill_markdown<A: Attempt>(
    content: &Content,
    session: &Session,
    card: &Scorecard,
    history: &[A],
    now: DateTime<Utc>,
) -> String {
    let mut o = String::new();
    let title = content
        .scenario(&session.scenario)
        .map_or(session.scenario.as_str(), |s| s.title.as_str());
    let _ = writeln!(o, "# {} — drill session\n", inline(title));
    meta(&mut o, title, session);
    let drill = ScoredSession::new(session.clone(), card.clone());
    let outcome = drill_outcome(history, &drill, &content.rubric);
    let mastered = outcome.iter().filter(|x| x.mastered()).count();
    let _ = writeln!(
        o,
        "- Drilled: {} · {mastered} of {} now covered (only the drilled criteria count)",
        plural(session.questions.len() as u64, "question", "questions"),
        plural(outcome.len() as u64, "criterion", "criteria"),
    );

    o.push_str("\n## Drilled criteria\n\n");
    if outcome.is_empty() {
        o.push_str("None: the drilled questions target no criterion of this rubric.\n");
    } else {
        o.push_str("| Criterion | Before | After | Box | Mastered | Next due |\n");
        o.push_str("| --- | --- | --- | --- | --- | --- |\n");
        for x in &outcome {
            let _ = writeln!(o, "{}", outcome_row(x));
        }
        notes(&mut o, &outcome, card);
    }

    // The schedule once this drill is done.
    let mut done = drill;
    done.session.status = SessionStatus::Complete;
    let mut all: Vec<&dyn Attempt> = history
        .iter()
        .filter(|s| s.id() != session.id)
        .map(|s| s as &dyn Attempt)
        .collect();
    all.push(&done);
    let s = schedule_summary(&all, &content.rubric, now);
    o.push_str("\n## Schedule\n\n");
    for line in s.lines() {
        let _ = writeln!(o, "- {line}");
    }

    answers(&mut o, content, session);
    o
}

/// `| label | missing | ✓ covered | 1 → 2 | yes | 2026-11-20 |`
fn outcome_row(x: &Outcome) -> String {
    let before = x
        .before
        .as_ref()
        .map_or("not tried", |b| b.last_status.as_str());
    let after = x.after.last_status;
    format!(
        "| {} | {before} | {} {} | {} → {} | {} | {} |",
        inline(&x.label),
        mark(after),
        after.as_str(),
        x.before.as_ref().map_or(1, |b| b.level),
        x.after.level,
        if x.mastered() { "yes" } else { "not yet" },
        x.after.due().format("%Y-%m-%d"),
    )
}

/// Per drilled criterion: the sentences that earned it, and the hint for
/// one not mastered.
fn notes(o: &mut String, outcome: &[Outcome], card: &Scorecard) {
    let with_notes: Vec<_> = outcome
        .iter()
        .filter_map(|x| card.criterion(&x.id).map(|c| (x, c)))
        .filter(|(x, c)| !c.evidence.is_empty() || !x.mastered())
        .collect();
    if with_notes.is_empty() {
        return;
    }
    o.push_str("\n### What earned it, and what to add\n\n");
    for (x, c) in with_notes {
        let _ = writeln!(o, "- **{}** ({})", inline(&x.label), c.status.as_str());
        for e in &c.evidence {
            let _ = writeln!(o, "  - “{}” (`{}`)", inline(&e.quote), e.question);
        }
        if c.status != Status::Covered && !c.hint.is_empty() {
            let _ = writeln!(o, "  - Hint: {}", one_line(&c.hint));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::fixtures::*;
    use Status::*;

    fn content() -> Content {
        Content {
            rubric: rubric(),
            scenarios: vec![],
            mock: crate::core::content::MockProfile {
                minutes: 45,
                phases: vec![],
                client_speak: vec![],
                fallback_answers: vec![],
            },
            version: "test".into(),
            origin: "test".into(),
        }
    }

    fn drill() -> (Session, Scorecard) {
        let mut d = session("d1", "fraud", Mode::Drill, day(1));
        d.questions = vec!["data-sources".into()];
        d.answers = vec![answer("data-sources", "Labels come from chargebacks.", 80)];
        let mut c = card(&[("labels", Covered), ("data-quality", Partial)]);
        let r = c.criteria.iter_mut().find(|x| x.id == "labels").unwrap();
        r.evidence = vec![crate::core::scoring::EvidenceHit {
            quote: "Labels come from chargebacks.".into(),
            question: "data-sources".into(),
            line: 1,
            concepts: vec!["labels".into()],
        }];
        (d, c)
    }

    #[test]
    fn a_drill_exports_its_criteria_before_and_after_not_the_scorecard() {
        let history = vec![scored(
            session("s1", "fraud", Mode::Practice, day(0)),
            &[("pain-point", Covered)],
        )];
        let (d, c) = drill();
        let md = export_markdown(&content(), &d, Some(&c), || history.clone(), day(1));
        assert!(md.starts_with("# fraud — drill session\n"), "{md}");
        assert!(
            md.contains("- Drilled: 1 question · 1 of 2 criteria now covered"),
            "{md}"
        );
        let due = |n| day(n).format("%Y-%m-%d").to_string();
        // labels: missed in the practice (box 1), covered now (box 2, due a day later).
        assert!(
            md.contains(&format!(
                "| Addresses labels | missing | ✓ covered | 1 → 2 | yes | {} |",
                due(2)
            )),
            "{md}"
        );
        assert!(
            md.contains(&format!(
                "| Addresses data-quality | missing | ◐ partial | 1 → 1 | not yet | {} |",
                due(1)
            )),
            "{md}"
        );
        assert!(md.contains("  - “Labels come from chargebacks.” (`data-sources`)"));
        assert!(md.contains("## Schedule"), "{md}");
        assert!(md.contains("> Labels come from chargebacks."), "{md}");
        // Not the general scorecard: no overall score, no other criteria.
        for general in ["Overall score", "## Scorecard", "Gaps, most valuable first"] {
            assert!(!md.contains(general), "{general} in {md}");
        }
        assert!(!md.contains("| Addresses pain-point"), "{md}");
    }

    #[test]
    fn other_sessions_export_the_full_report_without_loading_the_history() {
        let s = session("p1", "fraud", Mode::Practice, day(0));
        let c = card(&[("pain-point", Covered)]);
        let md = export_markdown(
            &content(),
            &s,
            Some(&c),
            || -> Vec<ScoredSession> { panic!("the history is only needed for a drill") },
            day(0),
        );
        assert_eq!(md, session_report(&content(), &s, Some(&c)));
        // A drill that could not be scored has nothing to compare.
        let (d, _) = drill();
        let md = export_markdown(
            &content(),
            &d,
            None,
            || -> Vec<ScoredSession> { panic!("not needed") },
            day(1),
        );
        assert_eq!(md, session_report(&content(), &d, None));
    }
}
