//! A small content pack and helpers for the mock-interview tests
//! (included with `#[path]`).

#![allow(dead_code)]

#[path = "keys.rs"]
mod keys;
pub use keys::*;

use chrono::{DateTime, Utc};
use mlsd_coach::core::content::{Content, MockProfile, Rubric, Scenario};
use mlsd_coach::core::store::SessionsDir;
use mlsd_coach::tui::Start;
use mlsd_coach::tui::app::{App, Effect, Msg, update};
use mlsd_coach::tui::theme::Theme;
use std::path::PathBuf;
use std::sync::Arc;

pub const RUBRIC: &str = r#"
version: test
areas:
  - id: framing
    title: Problem framing
    weight: 2
    section: 1. Project setup / problem framing
    questions:
      - id: pain-point
        prompt: What is the current pain point?
        why: Everything follows from it.
        hint: Money lost, users annoyed.
        criteria: [pain-point]
      - id: fp-fn-cost
        prompt: "What's more costly: a false positive or a false negative?"
        why: It picks the metric.
        hint: Blocked customers versus lost money.
        criteria: [fp-fn-cost]
  - id: data
    title: Data collection
    weight: 1
    section: 2. Data collection
    questions:
      - id: labels
        prompt: Where do labels come from, and how late do they arrive?
        why: Labels decide what the model can learn.
        hint: Chargebacks.
        criteria: [labels]
  - id: modelling
    title: Modelling
    weight: 1
    section: 5. Modelling
    questions:
      - id: baselines
        prompt: What baseline would you beat first?
        why: A model must beat something simple.
        hint: Rules, logistic regression.
        criteria: [baselines]
  - id: client
    title: Talking to the client
    weight: 1
    section: Client speak
    questions:
      - id: business-translation
        prompt: How would you explain the result to the business?
        why: The client pays for outcomes, not AUC.
        hint: Money saved.
        criteria: [metric-reframe]
  - id: exploration
    title: Exploration
    weight: 1
    section: 3. Exploration
    questions:
      - id: eda
        prompt: What would you look at in the data first?
        why: Surprises hide there.
        hint: Distributions.
        criteria: [baselines]
  - id: preprocessing
    title: Preprocessing
    weight: 1
    section: 4. Preprocessing
    questions:
      - id: features
        prompt: Which features would you build?
        why: Features carry the signal.
        hint: Velocity.
        criteria: [baselines]
  - id: reporting
    title: Reporting
    weight: 1
    section: 6. Reporting
    questions:
      - id: explain
        prompt: How would you explain a decision?
        why: Trust.
        hint: Reasons.
        criteria: [baselines]
  - id: production
    title: Production
    weight: 1
    section: 7. Production
    questions:
      - id: monitoring
        prompt: What would you monitor?
        why: Models drift.
        hint: Drift.
        criteria: [baselines]
criteria:
  - id: pain-point
    area: framing
    label: Names the current pain point
    weight: 1
    source: 1. Project setup › Motivation
    gap: Without it the design floats.
    hint: Say what hurts today.
    evidence:
      concepts:
        - name: pain
          phrases: [pain point, losing money]
  - id: fp-fn-cost
    area: framing
    label: Weighs false positives against false negatives
    weight: 1
    source: 1. Project setup › Performance constraints
    gap: The threshold depends on it.
    hint: Compare the two costs.
    evidence:
      concepts:
        - name: false positive
          phrases: [false positive]
        - name: false negative
          phrases: [false negative]
    probes:
      - "You named one kind of error: what does the other one cost, and which would you rather make?"
  - id: labels
    area: data
    label: Says where labels come from
    weight: 1
    source: 2. Data collection
    gap: No labels, no model.
    hint: Chargebacks arrive late.
    evidence:
      concepts:
        - name: labels
          phrases: [label, chargeback]
  - id: baselines
    area: modelling
    label: Starts from a baseline
    weight: 1
    source: 5. Modelling › Baselines
    gap: Without a baseline there is no yardstick.
    hint: A rule or a logistic regression.
    evidence:
      concepts:
        - name: baseline
          phrases: [baseline]
  - id: metric-reframe
    area: client
    label: Reframes accuracy into a metric that matters
    weight: 1
    source: Client speak
    gap: Accuracy is rarely what the client means.
    hint: Ask what 5% means to the business.
    evidence:
      concepts:
        - name: reframe
          phrases: [different metric, what does it mean, business]
"#;

pub const SCENARIO: &str = r#"
id: fraud
title: Fraud detection
domain: fintech
task_type: binary-classification
prompt: Design fraud detection for a payments company.
context: >-
  A payments company loses money to card fraud. Chargebacks keep rising and
  merchants complain when good customers are blocked at checkout. A risk team
  maintains a few hundred hand-written rules; two analysts review the
  payments the rules flag. Leadership wants fewer losses without blocking
  more good customers.
facts:
  - id: volume
    answer: About 2 million transactions a day.
    unlocked_by: [how many transactions, volume]
    key: true
  - id: cost
    answer: Fraud costs us 0.3% of volume; a blocked good customer costs about 5 euros.
    unlocked_by: [cost, how much does fraud cost]
    key: true
  - id: label-delay
    answer: Chargebacks arrive up to 60 days later.
    unlocked_by: [label, chargeback, how late]
    key: true
    area: data
  - id: current-rules
    answer: >-
      About 400 hand-written rules decline about 2% of all transactions and
      catch around 55% of fraud by value. Payments the rules find suspicious
      but do not decline are queued for two analysts, who confirm the cases
      they review within a day or two; that is only the payments the rules
      flagged, so most fraud is never reviewed by anyone at all.
    unlocked_by: [rules, current system]
  - id: fraud-rate
    answer: About 0.2% of transactions turn out to be fraud.
    unlocked_by: [fraud rate]
    area: data
curveballs:
  - id: latency-cut
    kind: requirement
    text: Checkout now needs a decision within 50 ms.
    phase: data
    expects: [metric-reframe]
  - id: new-market
    kind: requirement
    text: We launch in Brazil next month, with no labels there yet.
    phase: modelling
    expects: [labels]
key_points:
  - id: label-delay-plan
    area: data
    label: Plans around chargebacks arriving weeks late
    why: Labels mature late.
    hint: Say how you train and evaluate before the labels arrive.
    example: Chargebacks arrive up to 60 days later, so we train on matured labels.
    evidence:
      concepts:
        - name: chargeback
          phrases: [chargeback]
        - name: maturity
          phrases: [matured labels, mature labels, label maturity]
    probes:
      - "Chargebacks take up to 60 days: what do you train and evaluate on meanwhile?"
      - "How would you know the live model still works before the labels arrive?"
vocabulary: [chargeback, merchant, checkout, card]
exemplar: I would weigh fraud losses against blocked customers first.
"#;

pub const MOCK: &str = r#"
minutes: 45
phases:
  - id: framing
    title: Clarify and frame the problem
    minutes: 15
    areas: [framing]
  - id: data
    title: Data sources and labels
    minutes: 15
    areas: [data]
  - id: modelling
    title: Baselines and models
    minutes: 10
    areas: [modelling]
  - id: wrap-up
    title: Wrap up for the client
    minutes: 5
    areas: [client]
client_speak:
  - id: five-percent
    kind: client_speak
    text: I want 5% more accuracy.
    phase: modelling
    expects: [metric-reframe]
  - id: hundred-percent
    kind: client_speak
    text: I want 100% accuracy.
    expects: [metric-reframe]
fallback_answers:
  - What would you assume?
  - Good question. What would you need to know to decide?
"#;

pub fn content() -> Content {
    let rubric: Rubric = serde_yaml::from_str(RUBRIC).expect("fixture rubric");
    let scenario: Scenario = serde_yaml::from_str(SCENARIO).expect("fixture scenario");
    let mock: MockProfile = serde_yaml::from_str(MOCK).expect("fixture mock profile");
    Content {
        rubric,
        scenarios: vec![scenario],
        mock,
        version: "test".into(),
        origin: "embedded".into(),
    }
}

/// Write the pack as a content directory (`--content DIR`): the areas no
/// phase lists come last, so the questions above keep their order.
pub fn write_pack(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    std::fs::write(dir.join("rubric.yaml"), RUBRIC).unwrap();
    std::fs::write(dir.join("mock.yaml"), MOCK).unwrap();
    std::fs::write(dir.join("scenarios/fraud.yaml"), SCENARIO).unwrap();
}

pub fn at_secs(s: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::seconds(s)
}

pub fn app() -> App {
    App::new(
        Arc::new(content()),
        SessionsDir {
            path: PathBuf::from("/tmp/sessions"),
            reason: "--sessions-dir".into(),
        },
        Theme::plain(),
        t0(),
        42,
    )
}

/// An app on a fresh mock interview, as the runtime would open it.
pub fn mock_app(minutes: Option<u32>, seed: u64) -> (App, Vec<Effect>) {
    let mut app = app();
    let effects = app.start(Start::Mock {
        minutes,
        scenario: Some("fraud".into()),
        seed: Some(seed),
    });
    let mut session = effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateSession(s) => Some(s.as_ref().clone()),
            _ => None,
        })
        .expect("a session is created");
    session.id = "2026-11-27T09-00-00_fraud_test".into();
    let effects = update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(session),
            read_only: false,
        },
    );
    update(&mut app, Msg::Tick(t0()));
    (app, effects)
}

/// Tick the app once a second from `from` to `to` (seconds after t0).
pub fn tick_through(app: &mut App, from: i64, to: i64) -> Vec<Effect> {
    let mut effects = Vec::new();
    for s in from..=to {
        effects.extend(update(app, Msg::Tick(at_secs(s))));
    }
    effects
}
