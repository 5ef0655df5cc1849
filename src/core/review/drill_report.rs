//! What a drill is about, told to the user: why each item was picked,
//! what the schedule holds (due now, next due dates, the streak), and after
//! a drill, each drilled criterion before → after and whether it is
//! mastered. All of it is replayed from the saved sessions, like the
//! schedule itself.

use super::drill::{CriterionState, DueCriterion, MAX_BOX, drill_schedule, replay};
use super::record::Attempt;
use super::{ScoredSession, chronological};
use crate::core::content::Rubric;
use crate::core::report::plural;
use crate::core::scoring::Status;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Why a scheduled criterion is drilled now, in words:
/// "missed 2 times, last 2026-11-20 · due since 2026-11-21".
pub fn reason(d: &DueCriterion, now: DateTime<Utc>) -> String {
    let s = &d.state;
    let last = match s.last_status {
        Status::Missing => "missed",
        Status::Partial => "partly covered",
        Status::Covered => "covered",
    };
    let mut out = format!("{last} last time ({})", s.last_seen.format("%Y-%m-%d"));
    if s.lapses > 0 {
        out.push_str(&format!(", missed {}", plural(s.lapses, "time", "times")));
    }
    if d.is_due {
        if d.due.date_naive() < now.date_naive() {
            out.push_str(&format!(" · due since {}", d.due.format("%Y-%m-%d")));
        } else {
            out.push_str(" · due today");
        }
    } else {
        out.push_str(&format!(" · next due {}", d.due.format("%Y-%m-%d")));
    }
    out
}

/// The schedule at a glance.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSummary {
    /// Criteria due now.
    pub due_now: usize,
    /// The next days something falls due, with how many criteria (at most
    /// three days).
    pub next: Vec<(NaiveDate, usize)>,
    /// Days in a row, up to today (or yesterday), with a finished session.
    pub streak_days: u32,
    /// Criteria in the top box (covered several times in a row).
    pub mastered: usize,
    /// Criteria attempted at all.
    pub tracked: usize,
}

impl ScheduleSummary {
    /// The summary in words: "Due now: 5 criteria · streak: 2 days ·
    /// mastered: 1 of 7", then the next due dates (or that nothing else
    /// falls due).
    pub fn lines(&self) -> [String; 2] {
        let now = format!(
            "Due now: {} · streak: {} · mastered: {} of {}",
            plural(self.due_now as u64, "criterion", "criteria"),
            plural(self.streak_days, "day", "days"),
            self.mastered,
            self.tracked
        );
        let next = if self.next.is_empty() {
            "Nothing else falls due later.".to_string()
        } else {
            let next: Vec<String> = self
                .next
                .iter()
                .map(|(day, n)| format!("{} ({n})", day.format("%Y-%m-%d")))
                .collect();
            format!("Next due: {}", next.join(", "))
        };
        [now, next]
    }
}

pub fn schedule_summary<A: Attempt>(
    history: &[A],
    rubric: &Rubric,
    now: DateTime<Utc>,
) -> ScheduleSummary {
    summary_from(&drill_schedule(history, rubric, now), history, now)
}

/// [`schedule_summary`] from the schedule already made of `history`.
pub fn summary_from<A: Attempt>(
    schedule: &[DueCriterion],
    history: &[A],
    now: DateTime<Utc>,
) -> ScheduleSummary {
    let mut next: Vec<(NaiveDate, usize)> = Vec::new();
    for d in schedule.iter().filter(|d| !d.is_due) {
        let day = d.due.date_naive();
        match next.iter_mut().find(|(x, _)| *x == day) {
            Some((_, n)) => *n += 1,
            None => next.push((day, 1)),
        }
    }
    next.sort();
    next.truncate(3);
    ScheduleSummary {
        due_now: schedule.iter().filter(|d| d.is_due).count(),
        next,
        streak_days: streak(history, now),
        mastered: schedule.iter().filter(|d| d.state.level == MAX_BOX).count(),
        tracked: schedule.len(),
    }
}

/// Days in a row with a finished session, ending today or yesterday.
pub fn streak<A: Attempt>(history: &[A], now: DateTime<Utc>) -> u32 {
    let mut days: Vec<NaiveDate> = history
        .iter()
        .filter(|s| s.is_complete())
        .map(|s| s.ended_at().unwrap_or(s.started_at()).date_naive())
        .collect();
    days.sort_unstable();
    days.dedup();
    let today = now.date_naive();
    let mut day = if days.last() == Some(&today) {
        today
    } else {
        today - Duration::days(1)
    };
    let mut n = 0;
    while days.binary_search(&day).is_ok() {
        n += 1;
        day -= Duration::days(1);
    }
    n
}

/// A drilled criterion before and after the drill.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub label: String,
    /// Its state before the drill (`None`: never attempted before).
    pub before: Option<CriterionState>,
    pub after: CriterionState,
}

impl Outcome {
    /// Covered in the drill: it moves up a box and is not due again soon.
    pub fn mastered(&self) -> bool {
        self.after.last_status == Status::Covered
    }
}

/// For each criterion `drill` attempted (its questions' criteria), the
/// state before it and after it, in rubric order. `history` may hold the
/// drill itself (it is left out of "before").
pub fn drill_outcome<A: Attempt>(
    history: &[A],
    drill: &ScoredSession,
    rubric: &Rubric,
) -> Vec<Outcome> {
    let mut done = drill.clone();
    // Only a finished session moves the schedule.
    done.session.status = crate::core::session::SessionStatus::Complete;
    let before_history: Vec<&dyn Attempt> = chronological(history)
        .into_iter()
        .filter(|s| s.id() != drill.session.id)
        .map(|s| s as &dyn Attempt)
        .collect();
    let mut after_history = before_history.clone();
    after_history.push(&done);
    let before = replay(&before_history, rubric);
    let after = replay(&after_history, rubric);
    done.attempted(rubric)
        .filter_map(|c| {
            let a = after.iter().find(|s| s.id == c.id)?.clone();
            Some(Outcome {
                id: c.id.clone(),
                label: c.label.clone(),
                before: before.iter().find(|s| s.id == c.id).cloned(),
                after: a,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::fixtures::*;
    use crate::core::session::Mode;
    use Status::*;

    fn practice(id: &str, d: i64, st: &[(&str, Status)]) -> ScoredSession {
        scored(session(id, "fraud", Mode::Practice, day(d)), st)
    }

    #[test]
    fn a_drill_reports_each_criterion_before_and_after() {
        let h = vec![practice("s1", 0, &[("pain-point", Covered)])];
        let mut d = session("d1", "fraud", Mode::Drill, day(1));
        d.questions = vec!["data-sources".into()];
        let drill = scored(d, &[("labels", Covered)]);
        let out = drill_outcome(&h, &drill, &rubric());
        let ids: Vec<&str> = out.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["labels", "data-quality"], "only the drilled criteria");
        let labels = &out[0];
        assert_eq!(labels.before.as_ref().unwrap().last_status, Missing);
        assert_eq!(labels.after.last_status, Covered);
        assert_eq!(
            (labels.before.as_ref().unwrap().level, labels.after.level),
            (1, 2)
        );
        assert!(labels.mastered());
        assert!(!out[1].mastered());
        // The drill already in the history changes nothing.
        let mut with = h.clone();
        with.push(drill.clone());
        assert_eq!(drill_outcome(&with, &drill, &rubric()), out);
    }

    #[test]
    fn the_schedule_counts_due_next_days_and_the_streak() {
        let h = vec![
            practice("s1", 0, &[("pain-point", Covered)]),
            practice("s2", 1, &[("pain-point", Covered), ("goals", Covered)]),
        ];
        let s = schedule_summary(&h, &rubric(), day(1));
        assert_eq!(s.tracked, 7);
        // goals (box 2, due day 2), pain-point (box 3, due day 4); the rest missed: due.
        assert_eq!(s.due_now, 5);
        assert_eq!(
            s.next,
            vec![(day(2).date_naive(), 1), (day(4).date_naive(), 1)]
        );
        assert_eq!(s.streak_days, 2);
        assert_eq!(streak(&h, day(3)), 0, "a day without a session breaks it");
        assert_eq!(streak(&h, day(2)), 2, "yesterday still counts");
    }

    #[test]
    fn reasons_say_what_happened_and_when_it_is_due() {
        let h = vec![practice("s1", 0, &[("pain-point", Covered)])];
        let sched = drill_schedule(&h, &rubric(), day(2));
        let labels = sched.iter().find(|d| d.state.id == "labels").unwrap();
        assert_eq!(
            reason(labels, day(2)),
            format!(
                "missed last time ({}), missed 1 time · due since {}",
                day(0).format("%Y-%m-%d"),
                day(0).format("%Y-%m-%d")
            )
        );
        let sched = drill_schedule(&h, &rubric(), day(0));
        let pp = sched.iter().find(|d| d.state.id == "pain-point").unwrap();
        assert!(reason(pp, day(0)).ends_with(&format!("next due {}", day(1).format("%Y-%m-%d"))));
    }
}
