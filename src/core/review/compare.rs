//! Comparing two attempts at the same scenario.
//!
//! Attempts at different scenarios are refused with
//! [`CompareError::DifferentScenarios`]: their criteria, emphasis and
//! questions differ, so a per-criterion comparison would mislead.

use super::ScoredSession;
use crate::core::content::Rubric;
use crate::core::scoring::Status;
use crate::core::session::{EventKind, Mode, Session};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What a comparison says about each side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    pub id: String,
    pub scenario: String,
    pub started_at: DateTime<Utc>,
    #[serde(serialize_with = "ser1")]
    pub overall: f32,
    pub mode: Mode,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaChange {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "ser1")]
    pub a: f32,
    #[serde(serialize_with = "ser1")]
    pub b: f32,
    /// `b - a`, in points.
    #[serde(serialize_with = "ser1")]
    pub change: f32,
}

/// How a criterion moved from A to B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// B earned more of it than A (missing → partial/covered, partial → covered).
    Gained,
    /// B earned less of it than A.
    Lost,
    /// Not fully earned in either (same status, missing or partial).
    StillMissing,
    /// Covered in both.
    Kept,
}

impl Change {
    pub fn of(a: Status, b: Status) -> Change {
        use std::cmp::Ordering::*;
        match b.cmp(&a) {
            Greater => Change::Gained,
            Less => Change::Lost,
            Equal if b == Status::Covered => Change::Kept,
            Equal => Change::StillMissing,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::StillMissing => "still_missing",
            Change::Kept => "kept",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionChange {
    pub id: String,
    pub area: String,
    pub label: String,
    pub a: Status,
    pub b: Status,
    pub change: Change,
}

/// One question's answers side by side (`None`: not answered).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionPair {
    pub id: String,
    /// The question's prompt (or the curveball's text) when known.
    pub prompt: Option<String>,
    pub a: Option<String>,
    pub b: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub a: SessionSummary,
    pub b: SessionSummary,
    /// `b.overall - a.overall`, in points.
    #[serde(serialize_with = "ser1")]
    pub overall_change: f32,
    pub areas: Vec<AreaChange>,
    /// In the order of B's scorecard (then criteria only A has).
    pub criteria: Vec<CriterionChange>,
    /// Rubric questions in interview order, then curveball responses.
    pub questions: Vec<QuestionPair>,
}

impl Comparison {
    pub fn criteria_with(&self, change: Change) -> impl Iterator<Item = &CriterionChange> {
        self.criteria.iter().filter(move |c| c.change == change)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    #[error(
        "{a_id} is an attempt at '{a_scenario}' but {b_id} is an attempt at '{b_scenario}': only attempts at the same scenario can be compared"
    )]
    DifferentScenarios {
        a_id: String,
        a_scenario: String,
        b_id: String,
        b_scenario: String,
    },
    #[error("both sides are session {0}: choose two different sessions")]
    SameSession(String),
}

/// One decimal place, so JSON and text show the same figures.
pub(crate) fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

/// Serialise a score with one decimal (`16.7`, not `16.700000762939453`).
pub(crate) fn ser1<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((*x as f64 * 10.0).round() / 10.0)
}

pub(crate) fn ser1_opt<S: serde::Serializer>(x: &Option<f32>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => ser1(x, s),
        None => s.serialize_none(),
    }
}

fn summary(s: &ScoredSession) -> SessionSummary {
    SessionSummary {
        id: s.session.id.clone(),
        scenario: s.session.scenario.clone(),
        started_at: s.session.started_at,
        overall: round1(s.card.overall),
        mode: s.session.mode,
    }
}

/// Compare attempt `a` with attempt `b` (changes are `b - a`).
pub fn compare(
    a: &ScoredSession,
    b: &ScoredSession,
    rubric: &Rubric,
) -> Result<Comparison, CompareError> {
    if a.session.id == b.session.id {
        return Err(CompareError::SameSession(a.session.id.clone()));
    }
    if a.session.scenario != b.session.scenario {
        return Err(CompareError::DifferentScenarios {
            a_id: a.session.id.clone(),
            a_scenario: a.session.scenario.clone(),
            b_id: b.session.id.clone(),
            b_scenario: b.session.scenario.clone(),
        });
    }
    let (sa, sb) = (summary(a), summary(b));

    // Areas: B's order, then any only A has.
    let mut areas: Vec<AreaChange> = Vec::new();
    let area_ids = b
        .card
        .areas
        .iter()
        .chain(a.card.areas.iter())
        .map(|x| (x.id.as_str(), x.title.as_str()));
    for (id, title) in area_ids {
        if areas.iter().any(|x| x.id == id) {
            continue;
        }
        let va = round1(a.card.area(id).map_or(0.0, |x| x.score));
        let vb = round1(b.card.area(id).map_or(0.0, |x| x.score));
        areas.push(AreaChange {
            id: id.to_string(),
            title: title.to_string(),
            a: va,
            b: vb,
            change: round1(vb - va),
        });
    }

    let mut criteria: Vec<CriterionChange> = Vec::new();
    for c in b.card.criteria.iter().chain(a.card.criteria.iter()) {
        if criteria.iter().any(|x| x.id == c.id) {
            continue;
        }
        let st = |s: &ScoredSession| {
            s.card
                .criterion(&c.id)
                .map_or(Status::Missing, |x| x.status)
        };
        let (ca, cb) = (st(a), st(b));
        criteria.push(CriterionChange {
            id: c.id.clone(),
            area: c.area.clone(),
            label: c.label.clone(),
            a: ca,
            b: cb,
            change: Change::of(ca, cb),
        });
    }

    Ok(Comparison {
        overall_change: round1(sb.overall - sa.overall),
        a: sa,
        b: sb,
        areas,
        criteria,
        questions: question_pairs(&a.session, &b.session, rubric),
    })
}

fn answer_text(s: &Session, q: &str) -> Option<String> {
    s.answer(q)
        .filter(|a| !a.text.trim().is_empty())
        .map(|a| a.text.clone())
}

fn curveball_text(s: &Session, id: &str) -> Option<String> {
    s.events.iter().find_map(|e| match &e.kind {
        EventKind::Curveball { id: cid, text } if cid == id => Some(text.clone()),
        _ => None,
    })
}

fn question_pairs(a: &Session, b: &Session, rubric: &Rubric) -> Vec<QuestionPair> {
    let mut out: Vec<QuestionPair> = Vec::new();
    let mut push = |id: &str, prompt: Option<String>| {
        let (ta, tb) = (answer_text(a, id), answer_text(b, id));
        if (ta.is_some() || tb.is_some()) && !out.iter().any(|p| p.id == id) {
            out.push(QuestionPair {
                id: id.to_string(),
                prompt,
                a: ta,
                b: tb,
            });
        }
    };
    for (_, q) in rubric.questions() {
        push(&q.id, Some(q.prompt.clone()));
    }
    for ans in a.answers.iter().chain(b.answers.iter()) {
        let id = ans.question.as_str();
        let prompt = id
            .strip_prefix("curveball:")
            .and_then(|cb| curveball_text(a, cb).or_else(|| curveball_text(b, cb)));
        push(id, prompt);
    }
    out
}

/// The default pair to compare: the two latest attempts at the scenario of
/// the newest practice or mock session that has an earlier attempt
/// (restricted to `scenario` when given). Returns `(older id, newer id)`.
pub fn latest_pair<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    scenario: Option<&str>,
) -> Option<(String, String)> {
    let mut v: Vec<&Session> = sessions
        .into_iter()
        .filter(|s| s.mode != Mode::Drill)
        .filter(|s| scenario.is_none_or(|sc| s.scenario == sc))
        .collect();
    // Newest first.
    v.sort_by(|x, y| {
        y.started_at
            .cmp(&x.started_at)
            .then_with(|| y.id.cmp(&x.id))
    });
    for (i, newer) in v.iter().enumerate() {
        if let Some(older) = v[i + 1..].iter().find(|s| s.scenario == newer.scenario) {
            return Some((older.id.clone(), newer.id.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::review::fixtures::*;
    use crate::core::session::Event;
    use Status::*;

    fn pair() -> (ScoredSession, ScoredSession) {
        let mut sa = session("a1", "fraud", Mode::Practice, day(0));
        sa.answers = vec![
            answer("pain-point", "Chargebacks cost us money.", 60),
            answer("baselines", "A rules baseline.", 30),
        ];
        let mut sb = session("b1", "fraud", Mode::Practice, day(3));
        sb.answers = vec![
            answer("pain-point", "Chargebacks and goals.", 90),
            answer("data-sources", "Labels from chargebacks.", 40),
            answer("baselines", "   ", 0),
        ];
        let a = scored(
            sa,
            &[
                ("pain-point", Covered),
                ("goals", Partial),
                ("baselines", Covered),
            ],
        );
        let b = scored(
            sb,
            &[
                ("pain-point", Covered),
                ("goals", Covered),
                ("labels", Partial),
            ],
        );
        (a, b)
    }

    #[test]
    fn change_classification() {
        assert_eq!(Change::of(Missing, Covered), Change::Gained);
        assert_eq!(Change::of(Missing, Partial), Change::Gained);
        assert_eq!(Change::of(Partial, Covered), Change::Gained);
        assert_eq!(Change::of(Covered, Partial), Change::Lost);
        assert_eq!(Change::of(Partial, Missing), Change::Lost);
        assert_eq!(Change::of(Covered, Covered), Change::Kept);
        assert_eq!(Change::of(Missing, Missing), Change::StillMissing);
        assert_eq!(Change::of(Partial, Partial), Change::StillMissing);
    }

    #[test]
    fn criteria_gained_lost_missing_kept() {
        let (a, b) = pair();
        let c = compare(&a, &b, &rubric()).unwrap();
        let ids = |ch| {
            c.criteria_with(ch)
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Change::Gained), ["goals", "labels"]);
        assert_eq!(ids(Change::Lost), ["baselines"]);
        assert_eq!(ids(Change::Kept), ["pain-point"]);
        assert_eq!(
            ids(Change::StillMissing),
            ["fp-fn-cost", "data-quality", "model-selection"]
        );
        assert_eq!(c.criteria.len(), rubric().criteria.len());
    }

    #[test]
    fn area_and_overall_changes() {
        let (a, b) = pair();
        let c = compare(&a, &b, &rubric()).unwrap();
        let framing = c.areas.iter().find(|x| x.id == "framing").unwrap();
        // A: (1 + 0.5 + 0)/3 = 50; B: (1 + 1 + 0)/3 = 66.7
        assert_eq!(framing.a, 50.0);
        assert_eq!(framing.b, 66.7);
        assert_eq!(framing.change, 16.7);
        let modelling = c.areas.iter().find(|x| x.id == "modelling").unwrap();
        assert_eq!(
            (modelling.a, modelling.b, modelling.change),
            (50.0, 0.0, -50.0)
        );
        assert_eq!(c.overall_change, round1(c.b.overall - c.a.overall));
        assert_eq!(c.a.overall, round1(a.card.overall));
        assert_eq!(
            c.areas.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            ["framing", "data", "modelling"]
        );
    }

    #[test]
    fn answers_side_by_side_in_rubric_order() {
        let (a, b) = pair();
        let c = compare(&a, &b, &rubric()).unwrap();
        let ids: Vec<&str> = c.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["pain-point", "data-sources", "baselines"]);
        let ds = &c.questions[1];
        assert_eq!(ds.a, None);
        assert_eq!(ds.b.as_deref(), Some("Labels from chargebacks."));
        assert_eq!(ds.prompt.as_deref(), Some("Question about data-sources?"));
        // A blank answer counts as not answered.
        assert_eq!(c.questions[2].b, None);
        assert_eq!(c.questions[2].a.as_deref(), Some("A rules baseline."));
    }

    #[test]
    fn curveball_answers_follow_with_their_text() {
        let (mut a, b) = pair();
        a.session.events.push(Event {
            at: 100,
            kind: EventKind::Curveball {
                id: "late-labels".into(),
                text: "Labels now arrive 30 days late.".into(),
            },
        });
        a.session
            .answers
            .push(answer("curveball:late-labels", "Use proxy labels.", 20));
        let c = compare(&a, &b, &rubric()).unwrap();
        let last = c.questions.last().unwrap();
        assert_eq!(last.id, "curveball:late-labels");
        assert_eq!(
            last.prompt.as_deref(),
            Some("Labels now arrive 30 days late.")
        );
        assert_eq!(last.b, None);
    }

    #[test]
    fn different_scenarios_refused_with_both_named() {
        let (a, mut b) = pair();
        b.session.scenario = "churn".into();
        let err = compare(&a, &b, &rubric()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("a1") && msg.contains("fraud"), "{msg}");
        assert!(msg.contains("b1") && msg.contains("churn"), "{msg}");
        assert!(matches!(err, CompareError::DifferentScenarios { .. }));
    }

    #[test]
    fn same_session_refused() {
        let (a, _) = pair();
        assert_eq!(
            compare(&a, &a, &rubric()).unwrap_err(),
            CompareError::SameSession("a1".into())
        );
    }

    #[test]
    fn json_shape() {
        let (a, b) = pair();
        let c = compare(&a, &b, &rubric()).unwrap();
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(v["a"]["id"], "a1");
        assert_eq!(v["b"]["scenario"], "fraud");
        assert!(
            v["a"]["started_at"]
                .as_str()
                .unwrap()
                .starts_with("2026-11-01T09:00:00")
        );
        assert!(v["overall_change"].is_number());
        assert_eq!(v["areas"][0]["id"], "framing");
        assert_eq!(v["areas"][0]["change"], 16.7);
        let goals = v["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "goals")
            .unwrap();
        assert_eq!(goals["a"], "partial");
        assert_eq!(goals["b"], "covered");
        assert_eq!(goals["change"], "gained");
        assert_eq!(goals["area"], "framing");
        assert!(v["questions"][1]["a"].is_null());
    }

    #[test]
    fn latest_pair_picks_two_newest_of_a_scenario() {
        let s = |id: &str, sc: &str, mode, d| session(id, sc, mode, day(d));
        let sessions = vec![
            s("f1", "fraud", Mode::Practice, 0),
            s("c1", "churn", Mode::Practice, 1),
            s("f2", "fraud", Mode::Mock, 2),
            s("f3", "fraud", Mode::Practice, 3),
            s("d1", "fraud", Mode::Drill, 5),
            s("c2", "churn", Mode::Practice, 4),
        ];
        // Newest non-drill is c2, whose scenario has c1.
        assert_eq!(
            latest_pair(&sessions, None),
            Some(("c1".into(), "c2".into()))
        );
        assert_eq!(
            latest_pair(&sessions, Some("fraud")),
            Some(("f2".into(), "f3".into()))
        );
        assert_eq!(latest_pair(&sessions, Some("ads")), None);
        // Only one attempt per scenario: nothing to compare.
        assert_eq!(latest_pair(&sessions[..2], None), None);
        assert_eq!(latest_pair(std::iter::empty(), None), None);
    }

    #[test]
    fn latest_pair_skips_scenarios_with_one_attempt() {
        let sessions = vec![
            session("f1", "fraud", Mode::Practice, day(0)),
            session("f2", "fraud", Mode::Practice, day(1)),
            session("x1", "ads", Mode::Practice, day(9)),
        ];
        assert_eq!(
            latest_pair(&sessions, None),
            Some(("f1".into(), "f2".into()))
        );
    }
}
