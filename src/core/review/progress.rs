//! Progress statistics over the session history: overall score over time,
//! per-area averages, the criteria missed most often, mock pacing and
//! self-assessment accuracy.

use super::chronological;
use super::compare::{round1, ser1, ser1_opt};
use super::record::Attempt;
use crate::core::content::{MockProfile, Rubric};
use crate::core::scoring::Status;
use crate::core::session::{EventKind, Mode, Session};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverallPoint {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub scenario: String,
    pub mode: Mode,
    #[serde(serialize_with = "ser1")]
    pub overall: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaAverage {
    pub id: String,
    pub title: String,
    /// Mean area score (0–100) over the window.
    #[serde(serialize_with = "ser1")]
    pub average: f32,
    /// Sessions averaged.
    pub sessions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissCount {
    pub criterion: String,
    pub area: String,
    pub label: String,
    /// Sessions where it was missing.
    pub missed: usize,
    /// Sessions where it was only partly earned.
    pub partial: usize,
    /// Sessions that attempted it.
    pub attempts: usize,
    pub last_missed: Option<DateTime<Utc>>,
}

impl MissCount {
    /// Misses count fully, partials half.
    pub fn weight(&self) -> f32 {
        self.missed as f32 + 0.5 * self.partial as f32
    }
}

/// Time spent in one mock phase against its budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhasePace {
    pub id: String,
    pub title: String,
    pub spent_seconds: u64,
    pub budget_seconds: u64,
}

impl PhasePace {
    pub fn overrun_seconds(&self) -> u64 {
        self.spent_seconds.saturating_sub(self.budget_seconds)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PacingPoint {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub minutes: u32,
    pub phases: Vec<PhasePace>,
    /// Sum of the phases' overruns.
    pub overrun_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfAssessmentPoint {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub predicted: u8,
    #[serde(serialize_with = "ser1")]
    pub actual: f32,
    /// `predicted - actual`: positive means over-confident.
    #[serde(serialize_with = "ser1")]
    pub error: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Predictions are getting closer to the scorer's.
    Improving,
    Steady,
    Worsening,
    /// Fewer than 4 predictions.
    Unknown,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Improving => "improving",
            Trend::Steady => "steady",
            Trend::Worsening => "worsening",
            Trend::Unknown => "not enough data",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfAssessment {
    /// Oldest first.
    pub points: Vec<SelfAssessmentPoint>,
    #[serde(serialize_with = "ser1_opt")]
    pub mean_abs_error: Option<f32>,
    /// Mean signed error: positive means over-confident on average.
    #[serde(serialize_with = "ser1_opt")]
    pub bias: Option<f32>,
    /// Mean absolute error of the last 5 predictions.
    #[serde(serialize_with = "ser1_opt")]
    pub recent_mae: Option<f32>,
    /// Earlier half against later half: a change of more than 2 points.
    pub trend: Trend,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Complete practice and mock sessions, oldest first.
    pub overall: Vec<OverallPoint>,
    /// How many of the latest sessions the area averages cover (at most).
    pub window: usize,
    /// In rubric order.
    pub area_averages: Vec<AreaAverage>,
    /// Most often missed first (only criteria missed or partial at least once).
    pub most_missed: Vec<MissCount>,
    /// Complete mock sessions, oldest first.
    pub pacing: Vec<PacingPoint>,
    pub self_assessment: SelfAssessment,
}

/// Statistics over `history` (any order); area averages over the latest
/// `window` practice/mock sessions.
pub fn progress<A: Attempt>(
    history: &[A],
    rubric: &Rubric,
    mock: &MockProfile,
    window: usize,
) -> Progress {
    let ordered = chronological(history);
    let complete: Vec<&A> = ordered
        .iter()
        .copied()
        .filter(|s| s.is_complete())
        .collect();
    let charted: Vec<&A> = complete
        .iter()
        .copied()
        .filter(|s| s.counts_for_progress())
        .collect();

    let overall = charted
        .iter()
        .map(|s| OverallPoint {
            id: s.id().to_string(),
            started_at: s.started_at(),
            scenario: s.scenario().to_string(),
            mode: s.mode(),
            overall: round1(s.overall()),
        })
        .collect();

    let recent = &charted[charted.len().saturating_sub(window)..];
    let area_averages = area_averages(recent, rubric);

    let pacing = complete
        .iter()
        .filter(|s| s.mode() == Mode::Mock)
        .map(|s| {
            let (minutes, phases) = s.pacing(rubric, mock);
            PacingPoint {
                id: s.id().to_string(),
                started_at: s.started_at(),
                minutes,
                overrun_seconds: phases.iter().map(PhasePace::overrun_seconds).sum(),
                phases,
            }
        })
        .collect();

    Progress {
        overall,
        window,
        area_averages,
        most_missed: most_missed(&complete, rubric),
        pacing,
        self_assessment: self_assessment(&complete),
    }
}

fn area_averages<A: Attempt>(recent: &[&A], rubric: &Rubric) -> Vec<AreaAverage> {
    let mut ids: Vec<(String, String)> = rubric
        .areas
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    let areas: Vec<Vec<(&str, &str, f32)>> = recent.iter().map(|s| s.areas(rubric)).collect();
    for (id, title, _) in areas.iter().flatten() {
        if !ids.iter().any(|(x, _)| x == id) {
            ids.push((id.to_string(), title.to_string()));
        }
    }
    ids.into_iter()
        .filter_map(|(id, title)| {
            let scores: Vec<f32> = areas
                .iter()
                .filter_map(|a| a.iter().find(|x| x.0 == id).map(|x| x.2))
                .collect();
            (!scores.is_empty()).then(|| AreaAverage {
                average: round1(scores.iter().sum::<f32>() / scores.len() as f32),
                sessions: scores.len(),
                id,
                title,
            })
        })
        .collect()
}

fn most_missed<'h, A: Attempt>(complete: &[&'h A], rubric: &'h Rubric) -> Vec<MissCount> {
    let mut counts: Vec<MissCount> = Vec::new();
    // foldhash: a few hundred thousand lookups at 10,000 sessions.
    let mut index: HashMap<&'h str, usize, foldhash::fast::RandomState> = HashMap::default();
    // The same criterion's id is mostly the same string (the rubric's):
    // looked up by its address first, by its text when that is new.
    let mut by_address: HashMap<(usize, usize), usize, foldhash::fast::RandomState> =
        HashMap::default();
    for &s in complete {
        s.each_attempted(rubric, &mut |c| {
            let address = (c.id.as_ptr() as usize, c.id.len());
            let i = *by_address.entry(address).or_insert_with(|| {
                *index.entry(c.id).or_insert_with(|| {
                    counts.push(MissCount {
                        criterion: c.id.to_string(),
                        area: c.area.to_string(),
                        label: c.label.to_string(),
                        missed: 0,
                        partial: 0,
                        attempts: 0,
                        last_missed: None,
                    });
                    counts.len() - 1
                })
            });
            let m = &mut counts[i];
            m.attempts += 1;
            match c.status {
                Status::Missing => m.missed += 1,
                Status::Partial => m.partial += 1,
                Status::Covered => {}
            }
            if c.status != Status::Covered {
                m.last_missed = Some(s.started_at());
            }
        });
    }
    let order: HashMap<&str, usize> = rubric
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let rank = |id: &str| order.get(id).copied().unwrap_or(usize::MAX);
    counts.retain(|m| m.missed + m.partial > 0);
    counts.sort_by(|x, y| {
        y.weight()
            .total_cmp(&x.weight())
            .then_with(|| y.missed.cmp(&x.missed))
            .then_with(|| y.last_missed.cmp(&x.last_missed))
            .then_with(|| rank(&x.criterion).cmp(&rank(&y.criterion)))
    });
    counts
}

fn mean(xs: impl IntoIterator<Item = f32>) -> Option<f32> {
    let (sum, n) = xs
        .into_iter()
        .fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f32)
}

fn self_assessment<A: Attempt>(complete: &[&A]) -> SelfAssessment {
    let points: Vec<SelfAssessmentPoint> = complete
        .iter()
        .filter_map(|s| {
            let predicted = s.predicted_score()?;
            let actual = round1(s.overall());
            Some(SelfAssessmentPoint {
                id: s.id().to_string(),
                started_at: s.started_at(),
                predicted,
                actual,
                error: round1(predicted as f32 - actual),
            })
        })
        .collect();
    let abs = |p: &SelfAssessmentPoint| p.error.abs();
    let trend = if points.len() < 4 {
        Trend::Unknown
    } else {
        let half = points.len() / 2;
        let early = mean(points[..half].iter().map(abs)).unwrap_or(0.0);
        let late = mean(points[points.len() - half..].iter().map(abs)).unwrap_or(0.0);
        if late < early - 2.0 {
            Trend::Improving
        } else if late > early + 2.0 {
            Trend::Worsening
        } else {
            Trend::Steady
        }
    };
    SelfAssessment {
        mean_abs_error: mean(points.iter().map(abs)).map(round1),
        bias: mean(points.iter().map(|p| p.error)).map(round1),
        recent_mae: mean(points[points.len().saturating_sub(5)..].iter().map(abs)).map(round1),
        trend,
        points,
    }
}

/// Time per mock phase against its budget (scaled to the session's
/// length). From the session's `Phase` events when it has any, through the
/// mock interview's own accounting ([`crate::core::mock::pacing`]);
/// otherwise from the time spent on each answer, charged to the phase
/// holding its question's area. Empty when the profile has no usable plan.
pub fn pacing(session: &Session, rubric: &Rubric, mock: &MockProfile) -> Vec<PhasePace> {
    let Ok(p) = crate::core::mock::pacing(session, mock) else {
        return Vec::new();
    };
    let has_phases = session
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Phase { .. }));
    let mut phases: Vec<PhasePace> = p
        .phases
        .into_iter()
        .map(|ph| PhasePace {
            id: ph.id,
            title: ph.title,
            spent_seconds: if has_phases { ph.spent_secs } else { 0 },
            budget_seconds: ph.budget_secs,
        })
        .collect();
    if !has_phases {
        for a in &session.answers {
            let Some((area, _)) = rubric.question(&a.question) else {
                continue;
            };
            let phase = mock.phases.iter().position(|p| p.areas.contains(&area.id));
            if let Some(x) = phase.and_then(|i| phases.get_mut(i)) {
                x.spent_seconds += a.seconds;
            }
        }
    }
    phases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::content::Phase;
    use crate::core::review::ScoredSession;
    use crate::core::review::fixtures::*;
    use crate::core::session::{Event, SessionStatus};
    use Status::*;

    fn profile() -> MockProfile {
        let phase = |id: &str, minutes: f32, areas: &[&str]| Phase {
            id: id.into(),
            title: id.to_uppercase(),
            minutes,
            areas: areas.iter().map(|s| s.to_string()).collect(),
        };
        MockProfile {
            minutes: 45,
            phases: vec![
                phase("framing", 10.0, &["framing"]),
                phase("data", 15.0, &["data"]),
                phase("modelling", 20.0, &["modelling"]),
            ],
            client_speak: vec![],
            fallback_answers: vec![],
        }
    }

    fn practice(id: &str, d: i64, st: &[(&str, Status)]) -> ScoredSession {
        scored(session(id, "fraud", Mode::Practice, day(d)), st)
    }

    #[test]
    fn empty_history() {
        let p = progress::<ScoredSession>(&[], &rubric(), &profile(), 10);
        assert!(p.overall.is_empty());
        assert!(p.area_averages.is_empty());
        assert!(p.most_missed.is_empty());
        assert!(p.pacing.is_empty());
        assert_eq!(p.self_assessment.mean_abs_error, None);
        assert_eq!(p.self_assessment.trend, Trend::Unknown);
    }

    #[test]
    fn one_session() {
        let h = [practice(
            "s1",
            0,
            &[("pain-point", Covered), ("labels", Partial)],
        )];
        let p = progress(&h, &rubric(), &profile(), 10);
        assert_eq!(p.overall.len(), 1);
        assert_eq!(p.overall[0].overall, round1(h[0].card.overall));
        let framing = &p.area_averages[0];
        assert_eq!((framing.id.as_str(), framing.sessions), ("framing", 1));
        assert_eq!(framing.average, 33.3);
        // 7 criteria, one covered: 6 listed, missing before partial.
        assert_eq!(p.most_missed.len(), 6);
        assert_eq!(p.most_missed.last().unwrap().criterion, "labels");
    }

    #[test]
    fn overall_in_time_order_without_drills_or_unfinished() {
        let mut unfinished = practice("u", 1, &[]);
        unfinished.session.status = SessionStatus::InProgress;
        let h = vec![
            practice("s3", 5, &[("goals", Covered)]),
            practice("s1", 0, &[]),
            scored(session("d", "fraud", Mode::Drill, day(2)), &[]),
            unfinished,
            practice("s2", 3, &[("goals", Covered), ("labels", Covered)]),
        ];
        let p = progress(&h, &rubric(), &profile(), 10);
        let ids: Vec<&str> = p.overall.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2", "s3"]);
        assert!(p.overall[1].overall > p.overall[0].overall);
    }

    #[test]
    fn area_averages_cover_the_latest_window_only() {
        let all = [
            ("pain-point", Covered),
            ("goals", Covered),
            ("fp-fn-cost", Covered),
        ];
        let h = vec![
            practice("old", 0, &all),
            practice("mid", 1, &[]),
            practice("new", 2, &[("pain-point", Covered)]),
        ];
        let p = progress(&h, &rubric(), &profile(), 2);
        let f = p.area_averages.iter().find(|a| a.id == "framing").unwrap();
        assert_eq!(f.sessions, 2);
        // (0 + 33.3) / 2
        assert_eq!(f.average, 16.7);
        let p = progress(&h, &rubric(), &profile(), 3);
        let f = p.area_averages.iter().find(|a| a.id == "framing").unwrap();
        assert_eq!(f.average, 44.4);
    }

    #[test]
    fn most_missed_ranks_by_misses_then_recency() {
        let h = vec![
            practice(
                "s1",
                0,
                &[
                    ("goals", Covered),
                    ("labels", Covered),
                    ("data-quality", Covered),
                    ("baselines", Partial),
                ],
            ),
            practice(
                "s2",
                1,
                &[
                    ("goals", Covered),
                    ("baselines", Covered),
                    ("fp-fn-cost", Covered),
                    ("labels", Partial),
                ],
            ),
            practice(
                "s3",
                2,
                &[
                    ("goals", Covered),
                    ("labels", Covered),
                    ("baselines", Covered),
                    ("fp-fn-cost", Covered),
                    ("data-quality", Covered),
                    ("model-selection", Covered),
                ],
            ),
        ];
        let p = progress(&h, &rubric(), &profile(), 10);
        let top: Vec<(&str, usize, usize)> = p
            .most_missed
            .iter()
            .map(|m| (m.criterion.as_str(), m.missed, m.partial))
            .collect();
        // data-quality was missed more recently than fp-fn-cost, so it
        // comes first although the rubric lists it later.
        assert_eq!(
            top,
            [
                ("pain-point", 3, 0),
                ("model-selection", 2, 0),
                ("data-quality", 1, 0),
                ("fp-fn-cost", 1, 0),
                ("labels", 0, 1),
                ("baselines", 0, 1),
            ]
        );
        assert_eq!(p.most_missed[0].attempts, 3);
        assert_eq!(p.most_missed[0].last_missed, Some(day(2)));
        assert_eq!(p.most_missed[1].last_missed, Some(day(1)));
    }

    #[test]
    fn drills_count_only_their_criteria_in_misses() {
        let mut d = session("d", "fraud", Mode::Drill, day(0));
        d.questions = vec!["baselines".into()];
        let h = vec![scored(d, &[])];
        let p = progress(&h, &rubric(), &profile(), 10);
        assert_eq!(p.most_missed.len(), 1);
        assert_eq!(p.most_missed[0].criterion, "baselines");
        assert!(p.overall.is_empty());
    }

    #[test]
    fn pacing_from_phase_events() {
        let mut s = session("m", "fraud", Mode::Mock, day(0));
        s.minutes = Some(30);
        s.elapsed_seconds = 1800;
        let ph = |at, id: &str| Event {
            at,
            kind: EventKind::Phase { id: id.into() },
        };
        s.events = vec![
            ph(0, "framing"),
            Event {
                at: 100,
                kind: EventKind::Paused,
            },
            ph(600, "data"),
            ph(900, "framing"),
            ph(1000, "modelling"),
        ];
        let phases = pacing(&s, &rubric(), &profile());
        let got: Vec<(&str, u64, u64)> = phases
            .iter()
            .map(|p| (p.id.as_str(), p.spent_seconds, p.budget_seconds))
            .collect();
        // 30 of 45 minutes: budgets 10/15/20 → 400 s / 600 s / 800 s.
        assert_eq!(
            got,
            [
                ("framing", 700, 400),
                ("data", 300, 600),
                ("modelling", 800, 800)
            ]
        );
        assert_eq!(phases[0].overrun_seconds(), 300);
        let p = progress(&[scored(s, &[])], &rubric(), &profile(), 10);
        assert_eq!(p.pacing.len(), 1);
        assert_eq!(p.pacing[0].overrun_seconds, 300);
        assert_eq!(p.pacing[0].minutes, 30);
    }

    #[test]
    fn pacing_from_answers_without_phase_events() {
        let mut s = session("m", "fraud", Mode::Mock, day(0));
        s.answers = vec![
            answer("pain-point", "x", 120),
            answer("performance", "y", 60),
            answer("baselines", "z", 300),
            answer("curveball:late", "w", 50),
            answer("unknown-question", "v", 999),
        ];
        let phases = pacing(&s, &rubric(), &profile());
        let spent: Vec<u64> = phases.iter().map(|p| p.spent_seconds).collect();
        assert_eq!(spent, [180, 0, 300]);
        // Default length: 45 minutes.
        assert_eq!(phases[2].budget_seconds, 1200);
    }

    #[test]
    fn pacing_survives_an_empty_profile() {
        let mut prof = profile();
        prof.phases.clear();
        let s = session("m", "fraud", Mode::Mock, day(0));
        assert!(pacing(&s, &rubric(), &prof).is_empty());
    }

    #[test]
    fn self_assessment_error_bias_and_trend() {
        // Each fixture card with one framing criterion covered scores 11.1.
        let predictions = [41u8, 31, 16, 12, 11];
        let h: Vec<ScoredSession> = predictions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut s = practice(&format!("s{i}"), i as i64, &[("goals", Covered)]);
                s.session.predicted_score = Some(*p);
                s
            })
            .collect();
        let sa = progress(&h, &rubric(), &profile(), 10).self_assessment;
        assert_eq!(sa.points.len(), 5);
        assert_eq!(sa.points[0].actual, 11.1);
        assert_eq!(sa.points[0].error, 29.9);
        // |errors| = 29.9, 19.9, 4.9, 0.9, 0.1 → mean 11.14
        assert_eq!(sa.mean_abs_error, Some(11.1));
        assert_eq!(sa.bias, Some(11.1));
        assert_eq!(sa.trend, Trend::Improving);

        let mut rev = h.clone();
        for (i, s) in rev.iter_mut().enumerate() {
            s.session.predicted_score = Some(predictions[4 - i]);
        }
        let sa = progress(&rev, &rubric(), &profile(), 10).self_assessment;
        assert_eq!(sa.trend, Trend::Worsening);
        let sa = progress(&rev[..3], &rubric(), &profile(), 10).self_assessment;
        assert_eq!(sa.trend, Trend::Unknown);
    }

    #[test]
    fn a_thousand_sessions() {
        let h: Vec<ScoredSession> = (0..1000)
            .map(|i| {
                let st: &[(&str, Status)] = if i % 2 == 0 {
                    &[("goals", Covered)]
                } else {
                    &[("goals", Partial), ("labels", Covered)]
                };
                let mut s = practice(&format!("s{i:04}"), i, st);
                s.session.predicted_score = Some((i % 100) as u8);
                s
            })
            .collect();
        let p = progress(&h, &rubric(), &profile(), 20);
        assert_eq!(p.overall.len(), 1000);
        assert_eq!(p.overall[999].id, "s0999");
        assert!(p.area_averages.iter().all(|a| a.sessions == 20));
        assert_eq!(p.most_missed[0].missed, 1000);
        assert_eq!(p.self_assessment.points.len(), 1000);
    }
}
