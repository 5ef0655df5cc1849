//! Review statistics and the drill plan over the built-in content and the
//! real scorer, with sessions read back through the store.

use chrono::{DateTime, Duration, TimeZone, Utc};
use mlsd_coach::core::content::{Content, load_embedded};
use mlsd_coach::core::review::{self, ScoredSession};
use mlsd_coach::core::scoring::Status;
use mlsd_coach::core::session::{Answer, Mode, Session, SessionStatus};
use mlsd_coach::core::store::{Listing, Store};
use std::time::Instant;

fn t(day: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap() + Duration::days(day)
}

fn session(c: &Content, id: &str, mode: Mode, day: i64, answers: &[(&str, &str)]) -> Session {
    Session {
        id: id.to_string(),
        ended_at: Some(t(day) + Duration::minutes(40)),
        status: SessionStatus::Complete,
        elapsed_seconds: 2400,
        answers: answers
            .iter()
            .map(|(q, text)| Answer {
                question: q.to_string(),
                text: text.to_string(),
                seconds: 300,
                hints: 0,
            })
            .collect(),
        ..Session::new("fraud-detection", mode, t(day), &c.version)
    }
}

const COSTS: &str = "A missed fraud (false negative) costs the full transaction amount while a false positive costs a support call, so recall matters more than precision.";

fn first_question_for(c: &Content, criterion: &str) -> String {
    c.rubric
        .questions()
        .find(|(_, q)| q.criteria.iter().any(|x| x == criterion))
        .map(|(_, q)| q.id.clone())
        .expect("a question targets the criterion")
}

fn status(s: &ScoredSession, criterion: &str) -> Status {
    s.card
        .criterion(criterion)
        .map_or(Status::Missing, |c| c.status)
}

#[test]
fn history_from_the_store_feeds_progress_and_drills() {
    let c = load_embedded();
    assert!(c.scenario("fraud-detection").is_some());
    let q = first_question_for(&c, "fp-fn-cost");
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    for (i, text) in ["We will build a model.", "We will build a better model."]
        .iter()
        .enumerate()
    {
        let s = session(
            &c,
            &format!("2026-11-0{}T09-00-00_fraud-detection_w00{i}", i + 1),
            Mode::Practice,
            i as i64,
            &[(&q, text)],
        );
        store.save(&s).unwrap();
    }
    let sessions: Vec<Session> = store
        .list()
        .unwrap()
        .into_iter()
        .filter_map(|l| match l {
            Listing::Ok { session, .. } => Some(*session),
            Listing::Damaged { .. } => None,
        })
        .collect();
    assert_eq!(sessions.len(), 2);
    let mut history = review::score_sessions(&c, sessions);
    assert!(
        history
            .iter()
            .all(|s| status(s, "fp-fn-cost") == Status::Missing)
    );

    let p = review::progress(&history, &c.rubric, &c.mock, 10);
    assert_eq!(p.overall.len(), 2);
    let fp = p
        .most_missed
        .iter()
        .find(|m| m.criterion == "fp-fn-cost")
        .unwrap();
    assert_eq!((fp.missed, fp.attempts), (2, 2));
    let area_ids: Vec<&str> = p.area_averages.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(area_ids, mlsd_coach::core::content::AREA_IDS);

    // The plan names real questions, and the costs question is in it.
    let plan = review::drill_plan(&history, &c.rubric, t(2), 40);
    assert!(
        plan.iter().all(|id| c.rubric.question(id).is_some()),
        "{plan:?}"
    );
    assert!(plan.contains(&q), "{plan:?}");
    let pos_before = review::drill_schedule(&history, &c.rubric, t(2))
        .iter()
        .position(|d| d.state.id == "fp-fn-cost")
        .unwrap();

    // A drill that answers it well moves it back in the schedule.
    let mut d = session(
        &c,
        "2026-11-03T09-00-00_fraud-detection_d001",
        Mode::Drill,
        2,
        &[(&q, COSTS)],
    );
    d.questions = vec![q.clone()];
    let drilled = review::score_sessions(&c, vec![d]).remove(0);
    assert_eq!(
        status(&drilled, "fp-fn-cost"),
        Status::Covered,
        "{:?}",
        drilled.card.criterion("fp-fn-cost")
    );
    history.push(drilled);
    let sched = review::drill_schedule(&history, &c.rubric, t(2));
    let after = sched
        .iter()
        .position(|d| d.state.id == "fp-fn-cost")
        .unwrap();
    assert!(after > pos_before, "{pos_before} → {after}");
    assert!(!sched[after].is_due);
    // The drill does not count as a miss of everything else it never asked.
    let p = review::progress(&history, &c.rubric, &c.mock, 10);
    let other = p
        .most_missed
        .iter()
        .find(|m| m.criterion == "privacy")
        .unwrap();
    assert_eq!(other.attempts, 2);
}

#[test]
fn a_thousand_sessions_score_and_summarise() {
    let c = load_embedded();
    let q = first_question_for(&c, "fp-fn-cost");
    let sessions: Vec<Session> = (0..1000)
        .map(|i| {
            let text = if i % 3 == 0 {
                COSTS
            } else {
                "We will build a model."
            };
            let mut s = session(
                &c,
                &format!("s{i:04}"),
                if i % 4 == 0 {
                    Mode::Mock
                } else {
                    Mode::Practice
                },
                i / 10,
                &[(&q, text)],
            );
            s.predicted_score = Some((i % 60) as u8);
            s
        })
        .collect();
    let started = Instant::now();
    let history = review::score_sessions(&c, sessions);
    let scored = started.elapsed();
    let started = Instant::now();
    let p = review::progress(&history, &c.rubric, &c.mock, 10);
    let plan = review::drill_plan(&history, &c.rubric, t(200), 5);
    let summarised = started.elapsed();
    eprintln!("1,000 sessions: scored in {scored:?}, progress + drill plan in {summarised:?}");
    assert_eq!(p.overall.len(), 1000);
    assert_eq!(p.pacing.len(), 250);
    assert_eq!(p.self_assessment.points.len(), 1000);
    assert_eq!(plan.len(), 5);
    let fp = p
        .most_missed
        .iter()
        .find(|m| m.criterion == "fp-fn-cost")
        .unwrap();
    assert_eq!(fp.missed + fp.partial, 666);
}

#[test]
fn mock_sessions_carry_the_key_fact_credit_and_their_pacing() {
    use mlsd_coach::core::session::{Event, EventKind};
    let c = load_embedded();
    let scenario = c.scenario("fraud-detection").unwrap();
    let q = first_question_for(&c, "fp-fn-cost");
    let mut m = session(
        &c,
        "2026-11-05T09-00-00_fraud-detection_m001",
        Mode::Mock,
        4,
        &[(&q, COSTS)],
    );
    m.minutes = Some(45);
    m.events = scenario
        .facts
        .iter()
        .filter(|f| f.key)
        .enumerate()
        .map(|(i, f)| Event {
            at: 60 * i as u64,
            kind: EventKind::Asked {
                question: f.unlocked_by[0].clone(),
                fact: Some(f.id.clone()),
                reply: f.answer.clone(),
            },
        })
        .collect();
    m.events.push(Event {
        at: 600,
        kind: EventKind::Phase { id: "data".into() },
    });
    let mut practice = m.clone();
    practice.mode = Mode::Practice;
    let mock_card = review::score_session(&c, &m);
    // Asking for every key fact covers the clarifying-questions criterion
    // in a mock, citing the questions; a practice session has no such credit.
    let credit = mock_card
        .criterion(mlsd_coach::core::mock::CLARIFY_CRITERION)
        .expect("clarifying questions are scored");
    assert_eq!(credit.status, Status::Covered);
    assert!(!credit.evidence.is_empty());
    assert_ne!(
        review::score_session(&c, &practice)
            .criterion(mlsd_coach::core::mock::CLARIFY_CRITERION)
            .map(|x| x.status),
        Some(Status::Covered)
    );
    // Same numbers in bulk as one by one.
    let bulk = review::score_sessions(&c, vec![m.clone()]);
    assert_eq!(bulk[0].card, mock_card);
    // Pacing: the first phase until the data phase starts at 600 s.
    let pacing = review::pacing(&m, &c.rubric, &c.mock);
    assert_eq!(pacing[0].spent_seconds, 600);
    assert_eq!(pacing[1].id, "data");
    assert_eq!(pacing[1].spent_seconds, m.elapsed_seconds - 600);
    let total: u64 = pacing.iter().map(|p| p.budget_seconds).sum();
    assert!((2690..=2710).contains(&total), "{total}");
}
