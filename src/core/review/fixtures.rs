//! Hand-built rubric, sessions and scorecards for the review tests.

use crate::core::content::{Area, Criterion, Evidence, Question, Rubric};
use crate::core::scoring::{AreaScore, CriterionResult, EvidenceHit, Scorecard, Status};
use crate::core::session::{Answer, Mode, Session, SessionStatus};
use chrono::{DateTime, Duration, TimeZone, Utc};

use super::ScoredSession;

/// A question id with the criteria it targets.
type Q = (&'static str, &'static [&'static str]);

/// (area, criterion ids, questions)
const LAYOUT: &[(&str, &[&str], &[Q])] = &[
    (
        "framing",
        &["pain-point", "goals", "fp-fn-cost"],
        &[
            ("pain-point", &["pain-point", "goals"]),
            ("performance", &["fp-fn-cost"]),
        ],
    ),
    (
        "data",
        &["labels", "data-quality"],
        &[("data-sources", &["labels", "data-quality"])],
    ),
    (
        "modelling",
        &["baselines", "model-selection"],
        &[
            ("baselines", &["baselines"]),
            ("models", &["model-selection"]),
        ],
    ),
];

pub fn rubric() -> Rubric {
    let mut areas = Vec::new();
    let mut criteria = Vec::new();
    for (area, crits, questions) in LAYOUT {
        areas.push(Area {
            id: area.to_string(),
            title: title(area),
            weight: 1.0,
            section: format!("{area} section"),
            summary: String::new(),
            questions: questions
                .iter()
                .map(|(id, targets)| Question {
                    id: id.to_string(),
                    prompt: format!("Question about {id}?"),
                    why: String::new(),
                    hint: String::new(),
                    criteria: targets.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
        });
        for c in *crits {
            criteria.push(Criterion {
                id: c.to_string(),
                area: area.to_string(),
                label: format!("Addresses {c}"),
                weight: 1.0,
                source: String::new(),
                gap: format!("{c} matters"),
                hint: format!("mention {c}"),
                evidence: Evidence {
                    concepts: vec![],
                    need: None,
                },
                ..Default::default()
            });
        }
    }
    Rubric {
        version: "test".into(),
        areas,
        criteria,
        ..Default::default()
    }
}

fn title(id: &str) -> String {
    let mut s = id.to_string();
    s[..1].make_ascii_uppercase();
    s
}

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

pub fn day(n: i64) -> DateTime<Utc> {
    t0() + Duration::days(n)
}

pub fn session(id: &str, scenario: &str, mode: Mode, at: DateTime<Utc>) -> Session {
    Session {
        schema_version: 1,
        id: id.to_string(),
        scenario: scenario.to_string(),
        mode,
        started_at: at,
        ended_at: Some(at + Duration::minutes(30)),
        status: SessionStatus::Complete,
        content_version: "test".into(),
        minutes: None,
        seed: None,
        current_question: None,
        cursor: None,
        questions: vec![],
        predicted_score: None,
        elapsed_seconds: 1800,
        answers: vec![],
        events: vec![],
    }
}

pub fn answer(question: &str, text: &str, seconds: u64) -> Answer {
    Answer {
        question: question.into(),
        text: text.into(),
        seconds,
        hints: 0,
    }
}

/// A scorecard for the fixture rubric: criteria not listed are missing.
/// Area score = mean credit of its criteria; overall = mean of areas.
pub fn card(statuses: &[(&str, Status)]) -> Scorecard {
    let rubric = rubric();
    let status_of = |id: &str| {
        statuses
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, s)| *s)
            .unwrap_or(Status::Missing)
    };
    let criteria: Vec<CriterionResult> = rubric
        .criteria
        .iter()
        .map(|c| {
            let status = status_of(&c.id);
            CriterionResult {
                id: c.id.clone(),
                area: c.area.clone(),
                label: c.label.clone(),
                status,
                weight: 1.0,
                evidence: if status == Status::Missing {
                    vec![]
                } else {
                    vec![EvidenceHit {
                        quote: format!("I talk about {}.", c.id),
                        question: "pain-point".into(),
                        line: 1,
                        concepts: vec![c.id.clone()],
                    }]
                },
                missing_concepts: vec![],
                gap: c.gap.clone(),
                hint: c.hint.clone(),
                source: String::new(),
                emphasis: None,
                ..Default::default()
            }
        })
        .collect();
    let areas: Vec<AreaScore> = rubric
        .areas
        .iter()
        .map(|a| {
            let mine: Vec<&CriterionResult> = criteria.iter().filter(|c| c.area == a.id).collect();
            let credit: f32 = mine.iter().map(|c| c.status.credit()).sum();
            let count = |s| mine.iter().filter(|c| c.status == s).count();
            AreaScore {
                id: a.id.clone(),
                title: a.title.clone(),
                score: 100.0 * credit / mine.len() as f32,
                weight: 1.0,
                covered: count(Status::Covered),
                partial: count(Status::Partial),
                missing: count(Status::Missing),
            }
        })
        .collect();
    let overall = areas.iter().map(|a| a.score).sum::<f32>() / areas.len() as f32;
    Scorecard {
        overall,
        areas,
        criteria,
        gaps: vec![],
        ..Default::default()
    }
}

pub fn scored(session: Session, statuses: &[(&str, Status)]) -> ScoredSession {
    ScoredSession::new(session, card(statuses))
}
