//! The mock-interview core against the built-in content pack and the real
//! scoring engine: plans, schedules, clarifying questions matched with
//! `PhraseSet`, curveball responses that count, and the fact credit.

use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::mock::{
    CLARIFY_CRITERION, Client, CurveballSchedule, MockInterview, PhasePlan, Trigger,
    curveball_answer_key, fact_credit,
};
use mlsd_coach::core::scoring::{AnswerInput, Scorer};
use mlsd_coach::core::session::EventKind;
use std::time::Duration;

#[test]
fn the_built_in_profile_plans_every_length_exactly() {
    let c = load_embedded();
    for minutes in [1, 5, 20, 30, 45, 60, 90] {
        let plan = PhasePlan::new(&c.mock, Some(minutes)).unwrap();
        let sum: u64 = plan.phases.iter().map(|p| p.budget_ms).sum();
        assert_eq!(sum, u64::from(minutes) * 60_000, "{minutes} min");
    }
    let plan = PhasePlan::new(&c.mock, None).unwrap();
    assert_eq!(plan.minutes, c.mock.minutes);
    // Every rubric area belongs to a phase, so every question moves the clock.
    for a in &c.rubric.areas {
        assert!(
            plan.phase_for_area(&a.id).is_some(),
            "area {} has no phase",
            a.id
        );
    }
}

#[test]
fn every_scenario_gets_a_reproducible_schedule_with_curveballs() {
    let c = load_embedded();
    let plan = PhasePlan::new(&c.mock, None).unwrap();
    for s in &c.scenarios {
        for seed in 0..10 {
            let a = CurveballSchedule::new(&plan, s, &c.mock, seed);
            assert_eq!(a, CurveballSchedule::new(&plan, s, &c.mock, seed));
            assert!(a.items().len() >= 2, "{}: {:?}", s.id, a.items());
            for item in a.items() {
                if let Trigger::PhaseStart(i) = item.trigger {
                    assert_eq!(
                        item.curveball.phase.as_deref(),
                        Some(plan.phases[i].id.as_str())
                    );
                }
            }
        }
    }
}

#[test]
fn every_fact_of_every_scenario_can_be_asked_for() {
    let c = load_embedded();
    for s in &c.scenarios {
        let mut client = Client::new(s, &c.mock, 1);
        for f in &s.facts {
            for phrase in &f.unlocked_by {
                let q = format!("Could you tell me about {phrase}?");
                let r = client.ask(&q).unwrap();
                assert!(r.fact.is_some(), "{}: '{q}' revealed nothing", s.id);
            }
        }
        for f in &s.facts {
            assert!(
                client.revealed().contains(&f.id),
                "{}: fact {} is never the best match for its own phrases",
                s.id,
                f.id
            );
        }
        let r = client.ask("What is your favourite colour?").unwrap();
        assert_eq!(r.fact, None);
        assert!(c.mock.fallback_answers.contains(&r.reply));
    }
}

#[test]
fn a_curveball_response_is_scored_as_client_evidence() {
    let c = load_embedded();
    let s = c
        .scenario("fraud-detection")
        .expect("fraud-detection scenario");
    let key = curveball_answer_key("five-percent-accuracy");
    let text = "Accuracy is misleading here: with so little fraud we would track recall at a fixed false positive rate instead.";
    let card = Scorer::new(&c, Some(s)).score(&[AnswerInput {
        question: &key,
        text,
    }]);
    let crit = card.criterion("metric-reframe").unwrap();
    assert!(crit.evidence.iter().any(|e| e.question == key), "{crit:?}");
}

#[test]
fn asking_for_key_facts_raises_the_framing_score() {
    let c = load_embedded();
    let s = c.scenario("fraud-detection").unwrap();
    let mut m = MockInterview::new(&c.mock, s, None, 4).unwrap();
    let mut events = m.start();
    events.extend(m.tick(Duration::from_secs(30)));
    for f in s.facts.iter().filter(|f| f.key) {
        let (_, ev) = m.ask(&format!("What about {}?", f.unlocked_by[0])).unwrap();
        events.push(ev);
    }
    let answers = [AnswerInput {
        question: "pain-point",
        text: "Fraud chargebacks cost us money every month and manual review cannot keep up.",
    }];
    let scorer = Scorer::new(&c, Some(s));
    let all = fact_credit(&events, s).unwrap();
    assert!(all.missed.is_empty(), "{:?}", all.missed);
    let asked = scorer.score_with(&answers, &[(CLARIFY_CRITERION, all.status)]);
    let none = fact_credit(&[], s).unwrap();
    let silent = scorer.score_with(&answers, &[(CLARIFY_CRITERION, none.status)]);

    let framing = |card: &mlsd_coach::core::scoring::Scorecard| card.area("framing").unwrap().score;
    assert!(framing(&asked) > framing(&silent));
    assert!(asked.overall > silent.overall);
    let status = |card: &mlsd_coach::core::scoring::Scorecard| {
        card.criterion(CLARIFY_CRITERION).map(|c| c.status)
    };
    assert_eq!(status(&asked), Some(mlsd_coach::core::scoring::Status::Covered));
    assert_eq!(status(&silent), Some(mlsd_coach::core::scoring::Status::Missing));
    // Re-asking never counts twice.
    let asked_ids: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Asked { fact: Some(f), .. } => Some(f.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(all.asked.len(), s.facts.iter().filter(|f| f.key).count());
    assert!(asked_ids.len() >= all.asked.len());
}

#[test]
fn score_session_adds_the_fact_credit_to_mock_sessions_only() {
    use mlsd_coach::core::review::score_session;
    use mlsd_coach::core::session::{Answer, Event, Mode, Session, SessionStatus};
    let c = load_embedded();
    let s = c.scenario("fraud-detection").unwrap();
    let key_fact = s.facts.iter().find(|f| f.key).unwrap();
    let mut session = Session {
        schema_version: 1,
        id: "x".into(),
        scenario: s.id.clone(),
        mode: Mode::Mock,
        started_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        ended_at: None,
        status: SessionStatus::Complete,
        content_version: c.version.clone(),
        minutes: Some(45),
        seed: Some(1),
        current_question: None,
        cursor: None,
        questions: vec![],
        predicted_score: None,
        elapsed_seconds: 2700,
        answers: vec![Answer {
            question: curveball_answer_key("five-percent-accuracy"),
            text: "Accuracy is misleading here: with so little fraud we would track recall at a fixed false positive rate instead.".into(),
            seconds: 20,
            hints: 0,
        }],
        events: vec![Event {
            at: 10,
            kind: EventKind::Asked {
                question: "q".into(),
                fact: Some(key_fact.id.clone()),
                reply: key_fact.answer.clone(),
            },
        }],
    };
    let card = score_session(&c, &session);
    let mock_status = card.criterion(CLARIFY_CRITERION).unwrap().status;
    assert!(
        card.criterion("metric-reframe")
            .unwrap()
            .evidence
            .iter()
            .any(|e| e.question.starts_with("curveball:"))
    );
    // Outside a mock the questions asked are not credited.
    session.mode = Mode::Practice;
    let practice_status = score_session(&c, &session)
        .criterion(CLARIFY_CRITERION)
        .map(|x| x.status)
        .unwrap();
    assert!(mock_status >= practice_status);
}
