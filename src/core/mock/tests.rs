use super::*;
use crate::core::content::{Curveball, CurveballKind, Fact, MockProfile, Phase, Scenario};
use crate::core::scoring::{AreaScore, CriterionResult, Scorecard, Status};
use crate::core::session::{Answer, Event, EventKind, Mode, Session, SessionStatus};

const MIN: u64 = 60_000;

fn phase(id: &str, minutes: f32, areas: &[&str]) -> Phase {
    Phase {
        id: id.into(),
        title: format!("{id} title"),
        minutes,
        areas: areas.iter().map(|s| s.to_string()).collect(),
    }
}

fn curveball(id: &str, kind: CurveballKind, phase: Option<&str>) -> Curveball {
    Curveball {
        id: id.into(),
        kind,
        text: format!("text of {id}"),
        phase: phase.map(str::to_string),
        expects: vec!["metric-reframe".into()],
    }
}

fn profile() -> MockProfile {
    MockProfile {
        minutes: 45,
        phases: vec![
            phase("framing", 7.0, &["framing"]),
            phase("data", 8.0, &["data"]),
            phase("explore-prep", 7.0, &["exploration", "preprocessing"]),
            phase("modelling", 10.0, &["modelling"]),
            phase("reporting", 4.0, &["reporting"]),
            phase("production", 7.0, &["production"]),
            phase("wrap-up", 2.0, &["client"]),
        ],
        client_speak: vec![
            curveball(
                "five-percent",
                CurveballKind::ClientSpeak,
                Some("modelling"),
            ),
            curveball(
                "hundred-percent",
                CurveballKind::ClientSpeak,
                Some("framing"),
            ),
            curveball("increase", CurveballKind::ClientSpeak, None),
        ],
        fallback_answers: vec![
            "fallback A".into(),
            "fallback B".into(),
            "fallback C".into(),
        ],
    }
}

fn fact(id: &str, key: bool, unlocked_by: &[&str]) -> Fact {
    Fact {
        id: id.into(),
        answer: format!("answer about {id}"),
        unlocked_by: unlocked_by.iter().map(|s| s.to_string()).collect(),
        key,
        area: "framing".into(),
    }
}

fn scenario() -> Scenario {
    Scenario {
        id: "fraud".into(),
        title: "Fraud".into(),
        domain: "fintech".into(),
        prompt: "Design fraud detection".into(),
        context: "A payments company".into(),
        facts: vec![
            fact("volume", true, &["how many transactions", "volume"]),
            fact("cost", true, &["cost of fraud", "chargeback", "cost"]),
            fact("labels", true, &["labels", "chargeback delay"]),
            fact("team", false, &["team size"]),
        ],
        curveballs: vec![
            curveball("label-delay", CurveballKind::Requirement, Some("data")),
            curveball(
                "latency-cut",
                CurveballKind::Requirement,
                Some("production"),
            ),
            curveball("new-market", CurveballKind::Requirement, Some("modelling")),
            curveball("regulator", CurveballKind::Requirement, None),
        ],
        emphasis: vec![],
        criteria: vec![],
        exemplar: String::new(),
        ..Default::default()
    }
}

/// Test matcher: how many phrases occur (case-insensitively) in the question.
fn contains_matcher(phrases: &[String], question: &str) -> usize {
    let q = question.to_lowercase();
    phrases.iter().filter(|p| q.contains(p.as_str())).count()
}

fn interview(minutes: Option<u32>, seed: u64) -> MockInterview {
    let p = profile();
    let s = scenario();
    let client = Client::with_matcher(&s, &p, seed, contains_matcher);
    MockInterview::with_client(&p, &s, minutes, seed, client).expect("valid plan")
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

// ---- plan ----

#[test]
fn plan_scales_to_length_and_sums_exactly() {
    let p = profile();
    let plan = PhasePlan::new(&p, None).unwrap();
    assert_eq!(plan.minutes, 45);
    assert_eq!(plan.total_ms, 45 * MIN);
    let budgets: Vec<u64> = plan.phases.iter().map(|p| p.budget_ms / 1000).collect();
    assert_eq!(budgets, vec![420, 480, 420, 600, 240, 420, 120]);

    let plan = PhasePlan::new(&p, Some(30)).unwrap();
    let sum: u64 = plan.phases.iter().map(|p| p.budget_ms).sum();
    assert_eq!(sum, 30 * MIN);
    // framing is 7/45 of 30 minutes = 280 s.
    assert_eq!(plan.phases[0].budget_ms, 280_000);
    // Starts are cumulative.
    assert_eq!(plan.phases[1].start_ms, 280_000);

    let plan = PhasePlan::new(&p, Some(1)).unwrap();
    let sum: u64 = plan.phases.iter().map(|p| p.budget_ms).sum();
    assert_eq!(sum, 60_000);
    assert!(plan.phases.iter().all(|p| p.budget_ms % 1000 == 0));
}

#[test]
fn plan_rejects_bad_input_with_a_named_error() {
    let p = profile();
    assert_eq!(PhasePlan::new(&p, Some(0)), Err(PlanError::ZeroMinutes(0)));
    assert!(matches!(
        PhasePlan::new(&p, Some(100_000)),
        Err(PlanError::TooLong(_))
    ));
    let mut empty = profile();
    empty.phases.clear();
    assert_eq!(PhasePlan::new(&empty, None), Err(PlanError::NoPhases));
    let mut bad = profile();
    bad.phases[2].minutes = f32::NAN;
    let err = PhasePlan::new(&bad, None).unwrap_err();
    assert!(err.to_string().contains("explore-prep"), "{err}");
    bad.phases[2].minutes = -1.0;
    assert!(PhasePlan::new(&bad, None).is_err());
}

#[test]
fn plan_maps_areas_to_phases() {
    let plan = PhasePlan::new(&profile(), None).unwrap();
    assert_eq!(plan.phase_for_area("preprocessing"), Some(2));
    assert_eq!(plan.phase_for_area("client"), Some(6));
    assert_eq!(plan.phase_for_area("nope"), None);
    assert_eq!(plan.planned_phase_at(0), 0);
    assert_eq!(plan.planned_phase_at(420_000), 1);
    assert_eq!(plan.planned_phase_at(45 * MIN), 6);
}

// ---- clock ----

#[test]
fn status_thresholds() {
    assert_eq!(PhaseStatus::of(0, 100), PhaseStatus::Normal);
    assert_eq!(PhaseStatus::of(79, 100), PhaseStatus::Normal);
    assert_eq!(PhaseStatus::of(80, 100), PhaseStatus::Amber);
    assert_eq!(PhaseStatus::of(100, 100), PhaseStatus::Amber);
    assert_eq!(PhaseStatus::of(101, 100), PhaseStatus::Red);
    assert_eq!(PhaseStatus::of(1, 0), PhaseStatus::Red);
}

#[test]
fn clock_counts_time_in_the_current_phase_and_goes_amber_then_red() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), None).unwrap());
    assert_eq!(c.current(), 0);
    assert_eq!(c.advance(secs(300)), None);
    assert_eq!(c.spent_ms(0), 300_000);
    assert_eq!(c.phase_status(0), PhaseStatus::Normal);
    c.advance(secs(40)); // 340 s of 420: 81 %
    assert_eq!(c.phase_status(0), PhaseStatus::Amber);
    c.advance(secs(81)); // 421 s
    assert_eq!(c.phase_status(0), PhaseStatus::Red);
    assert_eq!(c.elapsed_ms(), 421_000);
    assert_eq!(c.remaining_ms(), 45 * MIN - 421_000);
}

#[test]
fn moving_between_phases_records_first_visits() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), None).unwrap());
    assert_eq!(c.enter_phase(0), None, "already there");
    assert_eq!(c.enter_phase(99), None, "out of range");
    c.advance(secs(60));
    assert_eq!(
        c.enter_phase(1),
        Some(ClockSignal::PhaseEntered {
            index: 1,
            first_visit: true
        })
    );
    c.advance(secs(30));
    assert_eq!(
        c.enter_phase(0),
        Some(ClockSignal::PhaseEntered {
            index: 0,
            first_visit: false
        })
    );
    c.advance(secs(10));
    assert_eq!(c.spent_ms(0), 70_000);
    assert_eq!(c.spent_ms(1), 30_000);
}

#[test]
fn overrun_is_owed_and_squeezes_later_phases_proportionally() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), None).unwrap());
    // On plan: nothing owed, nothing ahead.
    c.advance(secs(100));
    assert_eq!(c.ledger(), Ledger::default());
    // Framing overruns by 120 s.
    c.advance(secs(440));
    let l = c.ledger();
    assert_eq!(l.owed_ms, 120_000);
    assert_eq!(l.ahead_ms, 0);
    let later_rem: u64 = l.squeezed.iter().map(|s| s.remaining_ms).sum();
    let later_sq: u64 = l.squeezed.iter().map(|s| s.squeezed_ms).sum();
    assert_eq!(later_rem, (45 * 60 - 420) * 1000);
    // The debt is spread over the later phases (floor rounding may leave ms).
    assert!(later_rem - later_sq >= 120_000 && later_rem - later_sq < 120_000 + 10);
    // Modelling (600 s left) is cut five times more than wrap-up (120 s).
    let m = l.squeezed.iter().find(|s| s.id == "modelling").unwrap();
    let w = l.squeezed.iter().find(|s| s.id == "wrap-up").unwrap();
    // Each loses its share of the debt (rounded up to the millisecond).
    assert_eq!(
        m.remaining_ms - m.squeezed_ms,
        (120_000u64 * 600).div_ceil(2280)
    );
    assert_eq!(
        w.remaining_ms - w.squeezed_ms,
        (120_000u64 * 120).div_ceil(2280)
    );
}

#[test]
fn entering_a_phase_while_owing_gives_it_a_squeezed_target() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), None).unwrap());
    c.advance(secs(420 + 228)); // framing 228 s over: 10 % of the rest (2280 s)
    c.enter_phase(1);
    // data's 480 s are cut by 10 %.
    assert_eq!(c.target_ms(), 432_000);
    c.advance(secs(346)); // 80 % of 432
    assert_eq!(c.phase_status(1), PhaseStatus::Amber);
    c.advance(secs(87)); // 433 s: past the squeezed target, within the nominal budget
    assert_eq!(c.phase_status(1), PhaseStatus::Red);
    // Leaving it, the framing phase shows its own (nominal) status.
    assert_eq!(c.phase_status(0), PhaseStatus::Red);
    // The part of the debt data did not absorb is still owed by the rest.
    let l = c.ledger();
    assert_eq!(l.owed_ms, 228_000 - 48_000 + 1000);
}

#[test]
fn leaving_early_banks_time_without_squeezing() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), None).unwrap());
    c.advance(secs(300));
    c.enter_phase(1);
    let l = c.ledger();
    assert_eq!(l.owed_ms, 0);
    assert_eq!(l.ahead_ms, 120_000);
    assert!(l.squeezed.is_empty());
    assert_eq!(c.target_ms(), 480_000, "no bonus time for data");
}

#[test]
fn pause_stops_the_clock_and_time_up_locks_it() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), Some(1)).unwrap());
    c.advance(secs(10));
    assert!(c.pause());
    assert!(!c.pause(), "already paused");
    assert_eq!(c.advance(secs(1000)), None);
    assert_eq!(c.elapsed_ms(), 10_000);
    assert!(c.resume());
    assert!(!c.resume());
    assert_eq!(c.advance(secs(49)), None);
    assert_eq!(c.overall_status(), PhaseStatus::Red); // 59 of 60 s
    assert_eq!(c.advance(secs(5)), Some(ClockSignal::TimeUp));
    assert_eq!(c.elapsed_ms(), 60_000, "clamped to the length");
    assert!(c.is_time_up());
    assert_eq!(c.advance(secs(5)), None, "time-up only once");
    assert_eq!(c.enter_phase(3), None, "locked");
    assert!(!c.pause());
}

#[test]
fn overall_status_goes_amber_at_80_percent() {
    let mut c = MockClock::new(PhasePlan::new(&profile(), Some(10)).unwrap());
    c.advance(secs(479));
    assert_eq!(c.overall_status(), PhaseStatus::Normal);
    c.advance(secs(1));
    assert_eq!(c.overall_status(), PhaseStatus::Amber);
    c.advance(secs(90));
    assert_eq!(c.overall_status(), PhaseStatus::Red);
}

// ---- schedule ----

#[test]
fn same_seed_same_schedule_and_different_seeds_differ() {
    let p = profile();
    let s = scenario();
    let plan = PhasePlan::new(&p, None).unwrap();
    let a = CurveballSchedule::new(&plan, &s, &p, 7);
    let b = CurveballSchedule::new(&plan, &s, &p, 7);
    assert_eq!(a, b);
    let differs = (0..20u64).any(|seed| CurveballSchedule::new(&plan, &s, &p, seed) != a);
    assert!(differs, "the seed changes the schedule");
}

#[test]
fn schedule_has_boundary_and_timed_curveballs_without_repeats() {
    let p = profile();
    let s = scenario();
    let plan = PhasePlan::new(&p, None).unwrap();
    for seed in 0..50 {
        let sch = CurveballSchedule::new(&plan, &s, &p, seed);
        let items = sch.items();
        let boundary: Vec<_> = items
            .iter()
            .filter(|i| matches!(i.trigger, Trigger::PhaseStart(_)))
            .collect();
        let timed: Vec<_> = items
            .iter()
            .filter(|i| matches!(i.trigger, Trigger::At(_)))
            .collect();
        // 45 minutes: 3 phases have a scenario curveball → 3 at boundaries, 2 timed.
        assert_eq!(boundary.len(), 3, "seed {seed}");
        assert_eq!(timed.len(), 2, "seed {seed}");
        for b in &boundary {
            let Trigger::PhaseStart(i) = b.trigger else {
                unreachable!()
            };
            assert!(i >= 1);
            assert_eq!(
                b.curveball.phase.as_deref(),
                Some(plan.phases[i].id.as_str())
            );
        }
        for t in &timed {
            let Trigger::At(at) = t.trigger else {
                unreachable!()
            };
            assert!(at >= plan.total_ms / 10 && at < plan.total_ms * 9 / 10);
        }
        let mut ids: Vec<_> = items.iter().map(|i| i.curveball.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), items.len(), "no repeats, seed {seed}");
    }
}

#[test]
fn timed_curveballs_prefer_the_planned_phase() {
    let p = profile();
    let mut s = scenario();
    s.curveballs.clear(); // only the profile's client-speak lines
    let plan = PhasePlan::new(&p, None).unwrap();
    let mut saw_preferred = 0;
    for seed in 0..40 {
        let sch = CurveballSchedule::new(&plan, &s, &p, seed);
        let mut used: Vec<&str> = Vec::new();
        for item in sch.items() {
            let Trigger::At(at) = item.trigger else {
                panic!("no boundary curveballs without scenario curveballs")
            };
            let planned = &plan.phases[plan.planned_phase_at(at)].id;
            let matching = p.client_speak.iter().any(|c| {
                c.phase.as_deref() == Some(planned.as_str()) && !used.contains(&c.id.as_str())
            });
            used.push(&item.curveball.id);
            if matching {
                assert_eq!(item.curveball.phase.as_deref(), Some(planned.as_str()));
                saw_preferred += 1;
            }
        }
    }
    assert!(saw_preferred > 0);
}

#[test]
fn short_interview_still_gets_one_timed_curveball() {
    let p = profile();
    let plan = PhasePlan::new(&p, Some(1)).unwrap();
    let sch = CurveballSchedule::new(&plan, &scenario(), &p, 7);
    let timed = sch
        .items()
        .iter()
        .filter(|i| matches!(i.trigger, Trigger::At(_)))
        .count();
    assert_eq!(timed, 1);
    let mut empty = scenario();
    empty.curveballs.clear();
    let mut p2 = profile();
    p2.client_speak.clear();
    assert!(
        CurveballSchedule::new(&plan, &empty, &p2, 7)
            .items()
            .is_empty()
    );
}

#[test]
fn due_curveballs_fire_once() {
    let p = profile();
    let plan = PhasePlan::new(&p, None).unwrap();
    let mut sch = CurveballSchedule::new(&plan, &scenario(), &p, 3);
    let first_at = sch
        .items()
        .iter()
        .filter_map(|i| match i.trigger {
            Trigger::At(at) => Some(at),
            _ => None,
        })
        .min()
        .unwrap();
    assert!(sch.due_at(first_at - 1).is_empty());
    assert_eq!(sch.due_at(first_at).len(), 1);
    assert!(sch.due_at(first_at).is_empty());
    assert_eq!(sch.due_at(plan.total_ms).len(), 1, "the second one");
}

// ---- client ----

#[test]
fn questions_reveal_the_best_matching_fact_once() {
    let p = profile();
    let s = scenario();
    let mut c = Client::with_matcher(&s, &p, 0, contains_matcher);
    let r = c.ask("What is the cost of fraud per chargeback?").unwrap();
    assert_eq!(r.fact.as_deref(), Some("cost"));
    assert!(r.new_fact);
    assert_eq!(r.reply, "answer about cost");
    let again = c.ask("and the cost again?").unwrap();
    assert_eq!(again.fact.as_deref(), Some("cost"));
    assert!(!again.new_fact);
    assert_eq!(c.revealed(), ["cost".to_string()]);
    // One phrase each for `labels` ("chargeback delay") and `cost`
    // ("chargeback"): the tie goes to the fact not revealed yet.
    let r = c.ask("what is the chargeback delay").unwrap();
    assert_eq!(r.fact.as_deref(), Some("labels"));
    assert!(c.ask("   ").is_none());
}

#[test]
fn unmatched_questions_get_deterministic_fallbacks() {
    let p = profile();
    let s = scenario();
    let mut a = Client::with_matcher(&s, &p, 1, contains_matcher);
    let mut b = Client::with_matcher(&s, &p, 1, contains_matcher);
    let ra: Vec<String> = (0..4)
        .map(|_| a.ask("what colour is the logo").unwrap().reply)
        .collect();
    let rb: Vec<String> = (0..4)
        .map(|_| b.ask("what colour is the logo").unwrap().reply)
        .collect();
    assert_eq!(ra, rb);
    assert_eq!(ra, ["fallback B", "fallback C", "fallback A", "fallback B"]);
    let mut none = profile();
    none.fallback_answers.clear();
    let mut c = Client::with_matcher(&s, &none, 1, contains_matcher);
    let r = c.ask("what colour").unwrap();
    assert_eq!(r.fact, None);
    assert_eq!(r.reply, client::DEFAULT_FALLBACK);
}

// ---- interview ----

#[test]
fn interview_runs_to_time_up_and_locks() {
    let mut m = interview(Some(1), 7);
    let ev = m.start();
    assert_eq!(
        ev,
        vec![Event {
            at: 0,
            kind: EventKind::Phase {
                id: "framing".into()
            }
        }]
    );
    assert!(m.start().is_empty(), "start only once");
    let mut all = ev;
    for _ in 0..70 {
        all.extend(m.tick(secs(1)));
    }
    assert!(m.is_locked());
    assert_eq!(all.last().unwrap().kind, EventKind::TimeUp);
    assert_eq!(all.last().unwrap().at, 60);
    assert_eq!(
        all.iter().filter(|e| e.kind == EventKind::TimeUp).count(),
        1
    );
    assert!(m.pending().is_none(), "pending dropped at time-up");
    assert!(m.ask("volume?").is_none(), "no questions after time-up");
    assert!(m.enter_area("data").is_empty());
    assert_eq!(m.events(), all.as_slice());
}

#[test]
fn interview_shows_timed_and_boundary_curveballs() {
    let mut m = interview(None, 11);
    m.start();
    let boundary: Vec<(usize, String)> = m
        .schedule()
        .items()
        .iter()
        .filter_map(|i| match i.trigger {
            Trigger::PhaseStart(p) => Some((p, i.curveball.id.clone())),
            _ => None,
        })
        .collect();
    let (phase_idx, id) = boundary[0].clone();
    let area = m.plan().phases[phase_idx].areas[0].clone();
    m.tick(secs(5));
    let ev = m.enter_area(&area);
    assert_eq!(ev.len(), 2);
    assert!(matches!(&ev[1].kind, EventKind::Curveball { id: got, .. } if *got == id));
    assert_eq!(
        m.pending().map(|c| c.answer_key()),
        Some(curveball_answer_key(&id))
    );
    // Coming back to the phase does not show it again.
    m.enter_phase(0);
    let again = m.enter_phase(phase_idx);
    assert_eq!(again.len(), 1);
    assert_eq!(
        m.answer_pending().map(|c| c.answer_key()),
        Some(curveball_answer_key(&id))
    );
    assert!(m.pending().is_none());
    // Ticking through the whole interview shows the timed ones.
    let mut shown = 0;
    for _ in 0..(45 * 60) {
        shown += m
            .tick(secs(1))
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Curveball { .. }))
            .count();
    }
    assert_eq!(shown, 2);
}

#[test]
fn pause_and_resume_are_recorded_and_stop_time() {
    let mut m = interview(Some(10), 1);
    m.start();
    m.tick(secs(30));
    let p = m.pause();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, EventKind::Paused);
    assert_eq!(p[0].at, 30);
    assert!(m.pause().is_empty());
    assert!(m.tick(secs(600)).is_empty());
    assert_eq!(m.clock().elapsed_secs(), 30);
    let r = m.resume();
    assert_eq!(r[0].kind, EventKind::Resumed);
    m.tick(secs(15));
    assert_eq!(m.clock().elapsed_secs(), 45);
}

#[test]
fn asking_records_events_and_builds_requirements_so_far() {
    let mut m = interview(None, 2);
    m.start();
    m.tick(secs(20));
    let (r, ev) = m.ask("  how many transactions a day? ").unwrap();
    assert_eq!(r.fact.as_deref(), Some("volume"));
    assert_eq!(
        ev.kind,
        EventKind::Asked {
            question: "how many transactions a day?".into(),
            fact: Some("volume".into()),
            reply: "answer about volume".into()
        }
    );
    assert_eq!(ev.at, 20);
    m.ask("what volume again?").unwrap();
    let (r, _) = m.ask("what's the weather").unwrap();
    assert_eq!(r.fact, None);
    // A requirement change arrives at the data phase (seed permitting): show one by hand.
    m.enter_area("data");
    let reqs = m.requirements();
    assert_eq!(reqs[0].source, RequirementSource::Fact("volume".into()));
    assert_eq!(
        reqs.iter()
            .filter(|r| r.source == RequirementSource::Fact("volume".into()))
            .count(),
        1,
        "revealed twice, listed once"
    );
    let changes: Vec<_> = m
        .events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Curveball { .. }))
        .collect();
    assert_eq!(reqs.len(), 1 + changes.len());
}

#[test]
fn requirements_list_only_requirement_changes() {
    let s = scenario();
    let p = profile();
    let events = vec![
        ev(
            5,
            EventKind::Curveball {
                id: "label-delay".into(),
                text: "labels late".into(),
            },
        ),
        ev(
            6,
            EventKind::Curveball {
                id: "five-percent".into(),
                text: "5% more".into(),
            },
        ),
        ev(7, asked("cost?", Some("cost"))),
        ev(8, asked("cost again?", Some("cost"))),
    ];
    let reqs = requirements_so_far(&events, &s, &p);
    assert_eq!(
        reqs,
        vec![
            Requirement {
                at: 5,
                source: RequirementSource::Change("label-delay".into()),
                text: "labels late".into()
            },
            Requirement {
                at: 7,
                source: RequirementSource::Fact("cost".into()),
                text: "reply".into()
            },
        ]
    );
}

// ---- review ----

fn ev(at: u64, kind: EventKind) -> Event {
    Event { at, kind }
}

fn asked(q: &str, fact: Option<&str>) -> EventKind {
    EventKind::Asked {
        question: q.into(),
        fact: fact.map(str::to_string),
        reply: "reply".into(),
    }
}

fn session(minutes: u32, elapsed: u64, events: Vec<Event>) -> Session {
    Session {
        schema_version: 1,
        id: "x".into(),
        scenario: "fraud".into(),
        mode: Mode::Mock,
        started_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        ended_at: None,
        status: SessionStatus::Complete,
        content_version: "v".into(),
        minutes: Some(minutes),
        seed: Some(1),
        current_question: None,
        cursor: None,
        questions: vec![],
        predicted_score: None,
        elapsed_seconds: elapsed,
        answers: vec![],
        events,
    }
}

#[test]
fn pacing_sums_time_per_phase_including_revisits() {
    let s = session(
        45,
        2700,
        vec![
            ev(
                0,
                EventKind::Phase {
                    id: "framing".into(),
                },
            ),
            ev(600, EventKind::Phase { id: "data".into() }),
            ev(700, EventKind::Paused),
            ev(700, EventKind::Resumed),
            ev(
                900,
                EventKind::Phase {
                    id: "framing".into(),
                },
            ),
            ev(
                960,
                EventKind::Phase {
                    id: "modelling".into(),
                },
            ),
            ev(1000, EventKind::Phase { id: "gone".into() }),
            ev(2700, EventKind::TimeUp),
        ],
    );
    let pc = pacing(&s, &profile()).unwrap();
    let spent: Vec<u64> = pc.phases.iter().map(|p| p.spent_secs).collect();
    assert_eq!(spent, vec![660, 300, 0, 1740, 0, 0, 0]);
    assert_eq!(pc.phases[0].status, PhaseStatus::Red);
    assert_eq!(pc.phases[0].over_secs(), 240);
    assert_eq!(pc.phases[1].status, PhaseStatus::Normal);
    assert!(!pc.phases[2].visited);
    assert!(pc.time_up);
    assert_eq!(pc.pauses, 1);
    assert_eq!(pc.phases_over(), 2);
    assert_eq!(pc.over_secs(), 240 + 1140);
    assert_eq!(spent.iter().sum::<u64>(), 2700);
}

#[test]
fn pacing_of_the_interview_log_matches_the_clock() {
    let mut m = interview(None, 5);
    let mut events = m.start();
    events.extend(m.tick(secs(500)));
    events.extend(m.enter_area("data"));
    events.extend(m.tick(secs(100)));
    events.extend(m.enter_area("modelling"));
    events.extend(m.tick(secs(45 * 60)));
    let s = session(45, m.clock().elapsed_secs(), events);
    let pc = pacing(&s, &profile()).unwrap();
    for (i, p) in pc.phases.iter().enumerate() {
        assert_eq!(p.spent_secs * 1000, m.clock().spent_ms(i), "phase {}", p.id);
    }
}

#[test]
fn fact_credit_counts_key_facts_once() {
    let s = scenario();
    let events = vec![
        ev(1, asked("volume?", Some("volume"))),
        ev(2, asked("volume again?", Some("volume"))),
        ev(3, asked("team size?", Some("team"))),
        ev(4, asked("weather?", None)),
    ];
    let fc = fact_credit(&events, &s).unwrap();
    assert_eq!(fc.asked, vec!["volume".to_string()]);
    assert_eq!(fc.key_total, 3);
    assert_eq!(fc.label(), "asked 1/3 key facts");
    assert_eq!(fc.status, Status::Missing);
    let missed: Vec<_> = fc.missed.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(missed, ["cost", "labels"]);

    let mut more = events.clone();
    more.push(ev(5, asked("cost?", Some("cost"))));
    assert_eq!(fact_credit(&more, &s).unwrap().status, Status::Partial);
    more.push(ev(6, asked("labels?", Some("labels"))));
    let all = fact_credit(&more, &s).unwrap();
    assert_eq!(all.status, Status::Covered);
    assert!(all.missed.is_empty());

    let mut nokeys = scenario();
    nokeys.facts.retain(|f| !f.key);
    assert!(fact_credit(&events, &nokeys).is_none());
}

fn criterion(id: &str, area: &str, status: Status, weight: f32) -> CriterionResult {
    CriterionResult {
        id: id.into(),
        area: area.into(),
        label: id.into(),
        status,
        weight,
        evidence: vec![],
        missing_concepts: vec![],
        gap: String::new(),
        hint: String::new(),
        source: String::new(),
        emphasis: None,
        ..Default::default()
    }
}

fn card() -> Scorecard {
    // framing: 1 of 2 covered (50), data: covered (100); equal area weights.
    Scorecard {
        overall: 75.0,
        areas: vec![
            AreaScore {
                id: "framing".into(),
                title: "Framing".into(),
                score: 50.0,
                weight: 1.0,
                covered: 1,
                partial: 0,
                missing: 1,
            },
            AreaScore {
                id: "data".into(),
                title: "Data".into(),
                score: 100.0,
                weight: 1.0,
                covered: 1,
                partial: 0,
                missing: 0,
            },
        ],
        criteria: vec![
            criterion("goals", "framing", Status::Covered, 1.0),
            criterion("latency", "framing", Status::Missing, 1.0),
            criterion("labels", "data", Status::Covered, 1.0),
        ],
        gaps: vec![],
        ..Default::default()
    }
}

#[test]
fn curveball_reviews_pair_curveballs_with_responses() {
    let s = scenario();
    let p = profile();
    let mut sess = session(
        45,
        100,
        vec![
            ev(
                10,
                EventKind::Curveball {
                    id: "label-delay".into(),
                    text: "labels late".into(),
                },
            ),
            ev(
                20,
                EventKind::Curveball {
                    id: "five-percent".into(),
                    text: "5% more".into(),
                },
            ),
        ],
    );
    sess.answers.push(Answer {
        question: curveball_answer_key("label-delay"),
        text: "We train on matured labels and reframe the metric.\n".into(),
        seconds: 30,
        hints: 0,
    });
    let mut c = card();
    let mut hit = criterion("metric-reframe", "client", Status::Covered, 1.0);
    hit.evidence.push(crate::core::scoring::EvidenceHit {
        quote: "reframe the metric".into(),
        question: "curveball:label-delay".into(),
        line: 1,
        concepts: vec![],
    });
    c.criteria.push(hit);
    let r = curveball_reviews(&sess, Some(&s), &p, Some(&c));
    assert_eq!(r.len(), 2);
    assert_eq!(
        r[0].response.as_deref(),
        Some("We train on matured labels and reframe the metric.")
    );
    assert_eq!(r[0].expects, vec![("metric-reframe".to_string(), true)]);
    assert_eq!(r[1].response, None);
    assert_eq!(r[1].expects, vec![("metric-reframe".to_string(), false)]);
}

#[test]
fn restore_replays_a_saved_session() {
    let mut m = interview(None, 11);
    let mut events = m.start();
    events.extend(m.tick(secs(200)));
    events.push(m.ask("what volume?").unwrap().1);
    events.extend(m.enter_area("data"));
    events.extend(m.tick(secs(900)));
    let mut s = session(45, m.clock().elapsed_secs(), events);
    s.status = SessionStatus::InProgress;
    let mut r = interview(None, 11);
    r.restore(&s);
    assert_eq!(r.clock().elapsed_ms(), m.clock().elapsed_ms());
    assert_eq!(r.clock().current(), m.clock().current());
    for i in 0..7 {
        assert_eq!(r.clock().spent_ms(i), m.clock().spent_ms(i));
    }
    assert_eq!(r.client().revealed(), m.client().revealed());
    assert_eq!(r.pending_count(), m.pending_count());
    assert_eq!(r.events(), m.events());
    // The rest of the schedule continues identically.
    assert_eq!(r.tick(secs(1200)), m.tick(secs(1200)));
}

#[test]
fn restore_keeps_a_paused_session_paused() {
    let mut m = interview(None, 11);
    let mut events = m.start();
    events.extend(m.tick(secs(100)));
    events.extend(m.pause());
    let s = session(45, m.clock().elapsed_secs(), events);
    let mut r = interview(None, 11);
    r.restore(&s);
    assert!(r.clock().is_paused());
    assert!(r.tick(secs(50)).is_empty());
    assert_eq!(r.clock().elapsed_secs(), 100);
    assert_eq!(r.resume().len(), 1);
}
