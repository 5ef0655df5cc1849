//! A small content pack and app builders shared by the TUI tests
//! (included with `#[path]`).

#![allow(dead_code)]

#[path = "keys.rs"]
mod keys;
pub use keys::*;

use chrono::{DateTime, Utc};
use mlsd_coach::core::content::*;
use mlsd_coach::core::session::{Mode, Session};
use mlsd_coach::core::store::SessionsDir;
use mlsd_coach::tui::app::{App, Msg, update};
use mlsd_coach::tui::theme::Theme;
use std::path::PathBuf;
use std::sync::Arc;

pub fn at_ms(ms: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::milliseconds(ms)
}

fn concept(name: &str, phrases: &[&str]) -> Concept {
    Concept {
        name: name.into(),
        phrases: phrases.iter().map(|s| s.to_string()).collect(),
        patterns: vec![],
        allow_negation: false,
        qualifier: false,
    }
}

fn criterion(id: &str, area: &str, label: &str, concepts: Vec<Concept>) -> Criterion {
    Criterion {
        id: id.into(),
        area: area.into(),
        label: label.into(),
        weight: 1.0,
        source: format!("1. Project setup › {label}"),
        gap: format!("Without {label} the design floats."),
        hint: format!("Say something about {label}."),
        evidence: Evidence {
            concepts,
            need: None,
        },
        ..Default::default()
    }
}

fn question(id: &str, prompt: &str, criteria: &[&str]) -> Question {
    Question {
        id: id.into(),
        prompt: prompt.into(),
        why: format!("Because {id} shapes everything after it, and interviewers listen for it."),
        hint: format!("Think about {id} in terms of the business."),
        criteria: criteria.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn content() -> Content {
    Content {
        rubric: Rubric {
            version: "test".into(),
            areas: vec![
                Area {
                    id: "framing".into(),
                    title: "Problem framing".into(),
                    weight: 2.0,
                    section: "1. Project setup / problem framing".into(),
                    summary: "What and why".into(),
                    questions: vec![
                        question("pain-point", "What is the current pain point?", &["pain-point"]),
                        question(
                            "fp-fn-cost",
                            "What's more costly: a false positive or a false negative?",
                            &["fp-fn-cost", "precision-recall"],
                        ),
                    ],
                },
                Area {
                    id: "data".into(),
                    title: "Data collection".into(),
                    weight: 1.0,
                    section: "2. Data collection".into(),
                    summary: "Where data comes from".into(),
                    questions: vec![question(
                        "labels",
                        "Where do labels come from, and how late do they arrive?",
                        &["labels"],
                    )],
                },
            ],
            criteria: vec![
                criterion(
                    "pain-point",
                    "framing",
                    "Names the current pain point",
                    vec![concept("pain", &["pain point", "problem today"])],
                ),
                criterion(
                    "fp-fn-cost",
                    "framing",
                    "Weighs false positives against false negatives",
                    vec![
                        concept("false positive", &["false positive", "fp"]),
                        concept("false negative", &["false negative", "fn"]),
                    ],
                ),
                criterion(
                    "precision-recall",
                    "framing",
                    "Chooses between precision and recall",
                    vec![concept("recall", &["recall"]), concept("precision", &["precision"])],
                ),
                criterion(
                    "labels",
                    "data",
                    "Says where labels come from",
                    vec![concept("labels", &["label", "chargeback"])],
                ),
            ],
            ..Default::default()
        },
        scenarios: vec![
            Scenario {
                id: "fraud-detection".into(),
                title: "Fraud detection".into(),
                domain: "fintech".into(),
                prompt: "Design a fraud detection system for a payments company that processes 10,000 card transactions a second.".into(),
                context: "Chargebacks arrive up to 60 days later.".into(),
                facts: vec![],
                curveballs: vec![],
                emphasis: vec![],
                criteria: vec![],
                task_type: "binary-classification".into(),
                exemplar: "I would start from the cost of a missed fraud against a blocked customer.".into(),
                ..Default::default()
            },
            Scenario {
                id: "news-feed".into(),
                title: "News feed ranking 📰 日本".into(),
                domain: "recommendation".into(),
                prompt: "Rank posts in a social news feed.\x1b[31m".into(),
                context: "Engagement is the current metric.".into(),
                facts: vec![],
                curveballs: vec![],
                emphasis: vec![],
                criteria: vec![],
                exemplar: String::new(),
                ..Default::default()
            },
        ],
        mock: MockProfile {
            minutes: 45,
            phases: vec![],
            client_speak: vec![],
            fallback_answers: vec![],
        },
        version: "abc123".into(),
        origin: "embedded".into(),
    }
}

pub fn sessions_dir() -> SessionsDir {
    SessionsDir {
        path: PathBuf::from("/tmp/sessions"),
        reason: "--sessions-dir".into(),
    }
}

pub fn app() -> App {
    App::new(Arc::new(content()), sessions_dir(), Theme::plain(), t0(), 7)
}

pub fn session(id: &str) -> Session {
    Session {
        id: id.into(),
        ..Session::new("fraud-detection", Mode::Practice, t0(), "abc123")
    }
}

/// An app in the interview screen on a fresh session.
pub fn interview_app() -> App {
    let mut app = app();
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(session("s1")),
            read_only: false,
        },
    );
    app
}

/// A hand-made scorecard for the fixture content (independent of the
/// scoring engine).
pub fn scorecard() -> mlsd_coach::core::scoring::Scorecard {
    use mlsd_coach::core::scoring::*;
    let c =
        |id: &str, area: &str, label: &str, status: Status, quote: Option<&str>| CriterionResult {
            id: id.into(),
            area: area.into(),
            label: label.into(),
            status,
            weight: 1.0,
            evidence: quote
                .map(|q| EvidenceHit {
                    quote: q.into(),
                    question: "pain-point".into(),
                    line: 1,
                    concepts: vec!["pain".into()],
                })
                .into_iter()
                .collect(),
            missing_concepts: if status == Status::Partial {
                vec!["false negative".into()]
            } else {
                vec![]
            },
            gap: format!("Without {label} the design floats."),
            hint: format!("Say something about {label}."),
            source: "1. Project setup › Motivation".into(),
            emphasis: None,
            ..Default::default()
        };
    Scorecard {
        overall: 41.7,
        areas: vec![
            AreaScore {
                id: "framing".into(),
                title: "Problem framing".into(),
                score: 50.0,
                weight: 2.0,
                covered: 1,
                partial: 1,
                missing: 1,
            },
            AreaScore {
                id: "data".into(),
                title: "Data collection".into(),
                score: 0.0,
                weight: 1.0,
                covered: 0,
                partial: 0,
                missing: 1,
            },
        ],
        criteria: vec![
            c(
                "pain-point",
                "framing",
                "Names the current pain point",
                Status::Covered,
                Some("The pain point is fraud losses of 2% of revenue."),
            ),
            c(
                "fp-fn-cost",
                "framing",
                "Weighs false positives against false negatives",
                Status::Partial,
                Some("A false positive blocks a good customer."),
            ),
            c(
                "precision-recall",
                "framing",
                "Chooses between precision and recall",
                Status::Missing,
                None,
            ),
            c(
                "labels",
                "data",
                "Says where labels come from",
                Status::Missing,
                None,
            ),
        ],
        gaps: vec![Gap {
            criterion: "labels".into(),
            area: "data".into(),
            label: "Says where labels come from".into(),
            status: Status::Missing,
            why: "Labels decide what the model can learn.".into(),
            hint: "Chargebacks, manual review, user reports.".into(),
            source: "2. Data collection › Labels".into(),
            worth: 8.3,
            ..Default::default()
        }],
        ..Default::default()
    }
}
