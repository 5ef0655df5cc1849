//! The drill schedule: spaced repetition over rubric criteria, replayed
//! from the saved sessions (no state file: the history is the state).
//!
//! Leitner boxes: each criterion sits in a box from 1 to [`MAX_BOX`].
//! Replaying complete sessions oldest first, every criterion a session
//! attempted moves:
//! - covered → one box up (at most [`MAX_BOX`]),
//! - partial → one box down (at least 1),
//! - missing → back to box 1 (a lapse).
//!
//! A criterion first seen starts in box 1 before its first move, so a first
//! miss is box 1 and a first cover box 2. It is due [`INTERVAL_DAYS`]
//! `[box]` days after it was last attempted: box 1 at once, the top box after
//! three weeks — a criterion covered several times in a row fades out.
//!
//! Due criteria come first: lowest box, then most lapses, then the most
//! recently seen (a recent miss before an old one), then the heaviest rubric
//! weight, then rubric order. Not yet due criteria follow by due date
//! (top-box criteria are left out of the plan until due). Among equally
//! urgent criteria the plan spreads over areas before taking a second
//! criterion from the same area.

use super::chronological;
use super::record::Attempt;
use crate::core::content::Rubric;
use crate::core::scoring::Status;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::HashMap;

pub const MAX_BOX: u8 = 5;
/// Days until due, by box (index 0 unused).
pub const INTERVAL_DAYS: [i64; MAX_BOX as usize + 1] = [0, 0, 1, 3, 7, 21];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionState {
    pub id: String,
    pub area: String,
    pub label: String,
    /// Rubric weight (within its area).
    pub weight: f32,
    /// Leitner box, 1..=MAX_BOX.
    pub level: u8,
    /// Times missing.
    pub lapses: u32,
    /// Times covered.
    pub successes: u32,
    /// Attempts in a row that covered it.
    pub streak: u32,
    pub last_seen: DateTime<Utc>,
    pub last_status: Status,
}

impl CriterionState {
    pub fn due(&self) -> DateTime<Utc> {
        self.last_seen + Duration::days(INTERVAL_DAYS[self.level.clamp(1, MAX_BOX) as usize])
    }

    fn apply(&mut self, status: Status, at: DateTime<Utc>) {
        match status {
            Status::Covered => {
                self.level = (self.level + 1).min(MAX_BOX);
                self.successes += 1;
                self.streak += 1;
            }
            Status::Partial => {
                self.level = self.level.saturating_sub(1).max(1);
                self.streak = 0;
            }
            Status::Missing => {
                self.level = 1;
                self.lapses += 1;
                self.streak = 0;
            }
        }
        self.last_seen = at;
        self.last_status = status;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCriterion {
    pub state: CriterionState,
    pub due: DateTime<Utc>,
    /// Due at `now` or earlier.
    pub is_due: bool,
}

/// The state of every rubric criterion the history attempted, in rubric
/// order. Only complete sessions count; a drill only for the criteria its
/// questions target.
pub fn replay<A: Attempt>(history: &[A], rubric: &Rubric) -> Vec<CriterionState> {
    // foldhash: a few hundred thousand lookups at 10,000 sessions.
    let mut states: HashMap<String, CriterionState, foldhash::fast::RandomState> =
        HashMap::default();
    let weights: HashMap<&str, f32, foldhash::fast::RandomState> = rubric
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.weight))
        .collect();
    for s in chronological(history) {
        if !s.is_complete() {
            continue;
        }
        for c in s.attempted(rubric) {
            let Some(&weight) = weights.get(c.id) else {
                continue;
            };
            let at = s.started_at();
            let state = match states.get_mut(c.id) {
                Some(x) => x,
                None => states.entry(c.id.to_string()).or_insert(CriterionState {
                    id: c.id.to_string(),
                    area: c.area.to_string(),
                    label: c.label.to_string(),
                    weight,
                    level: 1,
                    lapses: 0,
                    successes: 0,
                    streak: 0,
                    last_seen: at,
                    last_status: c.status,
                }),
            };
            state.apply(c.status, at);
        }
    }
    rubric
        .criteria
        .iter()
        .filter_map(|c| states.remove(c.id.as_str()))
        .collect()
}

/// Every attempted criterion, most urgent first (see the module docs).
pub fn drill_schedule<A: Attempt>(
    history: &[A],
    rubric: &Rubric,
    now: DateTime<Utc>,
) -> Vec<DueCriterion> {
    let mut v: Vec<DueCriterion> = replay(history, rubric)
        .into_iter()
        .map(|state| {
            let due = state.due();
            DueCriterion {
                is_due: due <= now,
                due,
                state,
            }
        })
        .collect();
    // `v` is in rubric order and the sort is stable: rubric order breaks ties.
    v.sort_by(|x, y| {
        y.is_due.cmp(&x.is_due).then_with(|| {
            if x.is_due {
                x.state
                    .level
                    .cmp(&y.state.level)
                    .then_with(|| y.state.lapses.cmp(&x.state.lapses))
                    .then_with(|| y.state.last_seen.cmp(&x.state.last_seen))
                    .then_with(|| y.state.weight.total_cmp(&x.state.weight))
            } else {
                x.due
                    .cmp(&y.due)
                    .then_with(|| x.state.level.cmp(&y.state.level))
            }
        })
    });
    v
}

/// The questions to drill now: for the most urgent criteria, the first
/// rubric question targeting each (no question twice), at most `n`.
/// Empty when the history has no complete session.
pub fn drill_plan<A: Attempt>(
    history: &[A],
    rubric: &Rubric,
    now: DateTime<Utc>,
    n: usize,
) -> Vec<String> {
    drill_picks(history, rubric, now, n)
        .into_iter()
        .map(|p| p.question)
        .collect()
}

/// One drill item: a question and the scheduled criterion that picked it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    pub question: String,
    pub why: DueCriterion,
}

/// [`drill_plan`] with the reason for each question.
pub fn drill_picks<A: Attempt>(
    history: &[A],
    rubric: &Rubric,
    now: DateTime<Utc>,
    n: usize,
) -> Vec<Pick> {
    picks_from(&drill_schedule(history, rubric, now), rubric, n)
}

/// [`drill_picks`] from the schedule already made.
pub fn picks_from(schedule: &[DueCriterion], rubric: &Rubric, n: usize) -> Vec<Pick> {
    let schedule: Vec<&DueCriterion> = schedule
        .iter()
        .filter(|d| d.is_due || d.state.level < MAX_BOX)
        .collect();
    let mut plan: Vec<Pick> = Vec::new();
    let mut areas: Vec<&str> = Vec::new();
    // Tiers of equally urgent criteria: one per area first, then the rest.
    for tier in schedule.chunk_by(|x, y| urgency(x) == urgency(y)) {
        for spread in [true, false] {
            for d in tier {
                if plan.len() >= n {
                    return plan;
                }
                if spread == areas.contains(&d.state.area.as_str()) {
                    continue;
                }
                let question = rubric.questions().map(|(_, q)| q).find(|q| {
                    q.criteria.contains(&d.state.id) && !plan.iter().any(|p| p.question == q.id)
                });
                if let Some(q) = question {
                    plan.push(Pick {
                        question: q.id.clone(),
                        why: (*d).clone(),
                    });
                    areas.push(&d.state.area);
                }
            }
        }
    }
    plan
}

/// What makes two scheduled criteria equally urgent.
fn urgency(d: &DueCriterion) -> (bool, u8, u32, DateTime<Utc>, DateTime<Utc>) {
    if d.is_due {
        (
            true,
            d.state.level,
            d.state.lapses,
            d.state.last_seen,
            d.due,
        )
    } else {
        (false, 0, 0, d.due, d.due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::ScoredSession;
    use crate::core::review::fixtures::*;
    use crate::core::session::{Mode, SessionStatus};
    use Status::*;

    fn practice(id: &str, d: i64, st: &[(&str, Status)]) -> ScoredSession {
        scored(session(id, "fraud", Mode::Practice, day(d)), st)
    }

    fn drill(id: &str, d: i64, questions: &[&str], st: &[(&str, Status)]) -> ScoredSession {
        let mut s = session(id, "fraud", Mode::Drill, day(d));
        s.questions = questions.iter().map(|q| q.to_string()).collect();
        scored(s, st)
    }

    fn order(h: &[ScoredSession], now: DateTime<Utc>) -> Vec<String> {
        drill_schedule(h, &rubric(), now)
            .into_iter()
            .map(|d| d.state.id)
            .collect()
    }

    const ALL: [(&str, Status); 7] = [
        ("pain-point", Covered),
        ("goals", Covered),
        ("fp-fn-cost", Covered),
        ("labels", Covered),
        ("data-quality", Covered),
        ("baselines", Covered),
        ("model-selection", Covered),
    ];

    fn all_but(missing: &[&str], partial: &[&str]) -> Vec<(&'static str, Status)> {
        ALL.iter()
            .filter(|(c, _)| !missing.contains(c))
            .map(|(c, s)| (*c, if partial.contains(c) { Partial } else { *s }))
            .collect()
    }

    /// labels missed twice, baselines once (recently), goals partial.
    fn history() -> Vec<ScoredSession> {
        vec![
            practice("s1", 0, &all_but(&["labels"], &[])),
            practice("s2", 1, &all_but(&["labels", "baselines"], &["goals"])),
        ]
    }

    #[test]
    fn box_moves() {
        let states = replay(&history(), &rubric());
        let get = |id: &str| states.iter().find(|s| s.id == id).unwrap().clone();
        assert_eq!((get("labels").level, get("labels").lapses), (1, 2));
        assert_eq!((get("baselines").level, get("baselines").lapses), (1, 1));
        // covered (2) then partial (1)
        assert_eq!(get("goals").level, 1);
        assert_eq!((get("pain-point").level, get("pain-point").streak), (3, 2));
        assert_eq!(get("pain-point").last_seen, day(1));
        // Rubric order.
        assert_eq!(states[0].id, "pain-point");
        assert_eq!(states.len(), 7);
    }

    #[test]
    fn missed_often_then_recent_misses_come_first() {
        let o = order(&history(), day(1));
        // Box 1: labels (2 lapses), baselines (1 lapse), goals (partial, 0 lapses).
        assert_eq!(o[..3], ["labels", "baselines", "goals"]);
        // The rest, covered twice, are not due until day 1 + 3.
        let sched = drill_schedule(&history(), &rubric(), day(1));
        assert!(sched[..3].iter().all(|d| d.is_due));
        assert!(sched[3..].iter().all(|d| !d.is_due && d.due == day(4)));
    }

    #[test]
    fn recent_miss_before_old_miss() {
        let h = vec![
            practice("s1", 0, &all_but(&["labels"], &[])),
            // baselines was covered on day 0, then missed in a drill on day 5.
            drill("d1", 5, &["baselines"], &[]),
        ];
        // Both in box 1 with one lapse; baselines was missed more recently,
        // so it comes first although the rubric lists labels first.
        assert_eq!(order(&h, day(5))[..2], ["baselines", "labels"]);
    }

    #[test]
    fn a_good_answer_moves_a_criterion_back() {
        let mut h = history();
        assert_eq!(order(&h, day(2))[0], "labels");
        // A drill on the data-sources question covers labels.
        h.push(drill(
            "d1",
            2,
            &["data-sources"],
            &[("labels", Covered), ("data-quality", Covered)],
        ));
        let o = order(&h, day(2));
        assert_eq!(o[..2], ["baselines", "goals"]);
        let labels = drill_schedule(&h, &rubric(), day(2))
            .into_iter()
            .find(|d| d.state.id == "labels")
            .unwrap();
        assert_eq!((labels.state.level, labels.is_due), (2, false));
        assert_eq!(labels.due, day(3));
        // The drill only touched its own criteria: baselines was not re-scored.
        let states = replay(&h, &rubric());
        let b = states.iter().find(|s| s.id == "baselines").unwrap();
        assert_eq!(b.last_seen, day(1));
        // A day later labels is due again, but after the box-1 criteria.
        let o = order(&h, day(3));
        assert_eq!(o[..3], ["baselines", "goals", "labels"]);
    }

    #[test]
    fn covered_several_times_fades_out() {
        let h: Vec<ScoredSession> = (0..4)
            .map(|i| practice(&format!("s{i}"), i, &all_but(&["labels"], &[])))
            .collect();
        let states = replay(&h, &rubric());
        let pp = states.iter().find(|s| s.id == "pain-point").unwrap();
        assert_eq!(pp.level, MAX_BOX);
        // Asking for many questions still leaves the faded ones out.
        let plan = drill_plan(&h, &rubric(), day(4), 10);
        assert_eq!(plan, ["data-sources"]);
        // Three weeks after the last attempt they are due again.
        let plan = drill_plan(&h, &rubric(), day(3 + 21), 10);
        assert_eq!(plan.len(), 5);
        assert_eq!(plan[0], "data-sources");
    }

    #[test]
    fn plan_maps_criteria_to_questions_without_repeats() {
        // labels and data-quality share a question; goals and pain-point too.
        let h = vec![practice(
            "s1",
            0,
            &[("baselines", Covered), ("model-selection", Partial)],
        )];
        let plan = drill_plan(&h, &rubric(), day(0), 10);
        // Due, equally (box 1, one lapse each): pain-point, goals, fp-fn-cost,
        // labels, data-quality — one per area first (pain-point, labels),
        // then fp-fn-cost (goals and data-quality share questions already
        // chosen); then model-selection (partial); baselines is not due.
        assert_eq!(
            plan,
            [
                "pain-point",
                "data-sources",
                "performance",
                "models",
                "baselines"
            ]
        );
        assert_eq!(
            drill_plan(&h, &rubric(), day(0), 2),
            ["pain-point", "data-sources"]
        );
        assert!(drill_plan(&h, &rubric(), day(0), 0).is_empty());
    }

    #[test]
    fn heavier_criteria_first_then_one_per_area() {
        let mut r = rubric();
        r.criteria
            .iter_mut()
            .find(|c| c.id == "fp-fn-cost")
            .unwrap()
            .weight = 3.0;
        // Everything missed once, in the same session: equally urgent.
        let h = vec![practice("s1", 0, &[])];
        let sched: Vec<String> = drill_schedule(&h, &r, day(0))
            .into_iter()
            .map(|d| d.state.id)
            .collect();
        assert_eq!(sched[..2], ["fp-fn-cost", "pain-point"]);
        assert_eq!(
            drill_plan(&h, &r, day(0), 3),
            ["performance", "data-sources", "baselines"]
        );
    }

    #[test]
    fn nothing_to_drill_without_complete_sessions() {
        assert!(drill_plan::<ScoredSession>(&[], &rubric(), day(0), 5).is_empty());
        let mut s = practice("s1", 0, &[]);
        s.session.status = SessionStatus::InProgress;
        assert!(drill_plan(&[s], &rubric(), day(0), 5).is_empty());
    }

    #[test]
    fn input_order_does_not_matter() {
        let mut h = history();
        h.reverse();
        assert_eq!(order(&h, day(1)), order(&history(), day(1)));
    }

    #[test]
    fn scales_to_a_thousand_sessions() {
        let h: Vec<ScoredSession> = (0..1000)
            .map(|i| {
                let missing: &[&str] = if i % 3 == 0 { &["labels"] } else { &[] };
                practice(&format!("s{i:04}"), i, &all_but(missing, &[]))
            })
            .collect();
        let plan = drill_plan(&h, &rubric(), day(999), 3);
        // s0999 (999 % 3 == 0) missed labels last.
        assert_eq!(plan[0], "data-sources");
    }
}
