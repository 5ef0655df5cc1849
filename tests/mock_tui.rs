//! The mock-interview screen driven through `update` with injected time:
//! phase moves, the overrun ledger, pause, curveballs, questions to the
//! client, time-up; snapshots at 80×24 and 120×40.

#[path = "support/mock_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::core::mock::curveball_answer_key;
use mlsd_coach::core::scoring::{AreaScore, CriterionResult, EvidenceHit, Scorecard, Status};
use mlsd_coach::core::session::{EventKind, Mode, Session, SessionStatus};
use mlsd_coach::tui::Start;
use mlsd_coach::tui::app::{App, Effect, Msg, Screen, update};
use mlsd_coach::tui::mock::{self, Focus, MockScreen};
use mlsd_coach::tui::screens::scorecard::ScorecardView;
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn screen(app: &App) -> &MockScreen {
    app.screen
        .get::<MockScreen>()
        .unwrap_or_else(|| panic!("expected the mock screen, got {}", app.screen.name()))
}

fn events(app: &App) -> Vec<EventKind> {
    screen(app)
        .session
        .events
        .iter()
        .map(|e| e.kind.clone())
        .collect()
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    text(term.backend().buffer())
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn start_creates_a_mock_session_with_length_and_seed() {
    let mut a = app();
    let effects = a.start(Start::Mock {
        minutes: Some(30),
        scenario: Some("fraud".into()),
        seed: Some(7),
    });
    let s = effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateSession(s) => Some(s),
            _ => None,
        })
        .expect("CreateSession");
    assert_eq!(s.mode, Mode::Mock);
    assert_eq!(s.minutes, Some(30));
    assert_eq!(s.seed, Some(7));
    assert_eq!(s.scenario, "fraud");
}

#[test]
fn bad_scenario_or_length_goes_home_with_an_error() {
    let mut a = app();
    let effects = a.start(Start::Mock {
        minutes: None,
        scenario: Some("nope".into()),
        seed: None,
    });
    update(&mut a, Msg::Tick(t0()));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::CreateSession(_)))
    );
    assert!(a.ctx.status.as_ref().unwrap().text.contains("nope"));

    let mut a = app();
    let effects = a.start(Start::Mock {
        minutes: Some(0),
        scenario: Some("fraud".into()),
        seed: None,
    });
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::CreateSession(_)))
    );
    assert!(
        a.ctx
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("at least 1 minute")
    );
}

#[test]
fn opening_records_the_first_phase_and_saves() {
    let (a, effects) = mock_app(Some(45), 7);
    assert_eq!(
        events(&a),
        vec![EventKind::Phase {
            id: "framing".into()
        }]
    );
    assert!(saved(&effects).is_some());
}

#[test]
fn moving_to_a_question_of_another_area_moves_the_phase() {
    let (mut a, _) = mock_app(Some(45), 7);
    tick_through(&mut a, 1, 30);
    update(&mut a, key(KeyCode::Tab)); // fp-fn-cost, still framing
    assert_eq!(events(&a).len(), 1);
    let effects = update(&mut a, key(KeyCode::Tab)); // labels: data
    let s = saved(&effects).expect("moving saves");
    assert_eq!(s.events[1].kind, EventKind::Phase { id: "data".into() });
    assert_eq!(s.events[1].at, 30);
    assert_eq!(screen(&a).mock.clock().current(), 1);
    // Time now counts in the data phase.
    tick_through(&mut a, 31, 40);
    assert_eq!(screen(&a).mock.clock().spent_ms(1), 10_000);
    assert_eq!(screen(&a).mock.clock().spent_ms(0), 30_000);
}

#[test]
fn overrun_shows_the_debt_and_squeezed_phases() {
    let (mut a, _) = mock_app(Some(45), 7);
    // Framing's budget is 15 min; stay 17.
    tick_through(&mut a, 1, 17 * 60);
    let l = screen(&a).mock.clock().ledger();
    assert_eq!(l.owed_ms, 120_000);
    let out = draw(&a, 120, 40);
    assert!(out.contains("owe 2:00"), "{out}");
    assert!(out.contains("OVER"), "{out}");
}

#[test]
fn time_up_locks_answers_saves_complete_and_opens_the_scorecard() {
    let (mut a, _) = mock_app(Some(1), 7);
    typed(&mut a, "The pain point is losing money to fraud.");
    let effects = tick_through(&mut a, 1, 61);
    let s = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(s) => Some(s.as_ref()),
            _ => None,
        })
        .find(|s| s.status == SessionStatus::Complete)
        .expect("saved complete");
    assert_eq!(s.elapsed_seconds, 60);
    assert!(s.ended_at.is_some());
    let last = s.events.last().unwrap();
    assert_eq!((last.at, &last.kind), (60, &EventKind::TimeUp));
    assert_eq!(
        s.answer("pain-point").unwrap().text,
        "The pain point is losing money to fraud."
    );
    assert!(effects.contains(&Effect::CloseSession));
    // The self-assessment step, then the scorecard.
    assert_eq!(a.screen.name(), "predict");
    // Typing no longer reaches the answers.
    let more = typed(&mut a, "more");
    assert!(saved(&more).is_none());
    update(&mut a, key(KeyCode::Esc));
    assert!(a.screen.is::<ScorecardView>());
}

#[test]
fn pause_stops_the_clock_blocks_typing_and_is_recorded() {
    let (mut a, _) = mock_app(Some(10), 3);
    tick_through(&mut a, 1, 20);
    update(&mut a, ctrl('b'));
    assert!(screen(&a).mock.clock().is_paused());
    tick_through(&mut a, 21, 300);
    assert_eq!(screen(&a).mock.clock().elapsed_secs(), 20);
    typed(&mut a, "sneaky");
    assert_eq!(screen(&a).editor.lines().join(""), "");
    update(&mut a, ctrl('b'));
    tick_through(&mut a, 301, 305);
    assert_eq!(screen(&a).mock.clock().elapsed_secs(), 25);
    let ev = events(&a);
    assert!(ev.contains(&EventKind::Paused) && ev.contains(&EventKind::Resumed));
}

#[test]
fn asking_the_client_reveals_facts_into_requirements() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, ctrl('a'));
    typed(&mut a, "How many transactions per day?");
    let effects = update(&mut a, key(KeyCode::Enter));
    let s = saved(&effects).expect("asking saves");
    assert!(matches!(
        &s.events.last().unwrap().kind,
        EventKind::Asked { fact: Some(f), .. } if f == "volume"
    ));
    // An unknown question gets a fallback, not a fact.
    update(&mut a, ctrl('a'));
    typed(&mut a, "What colour is the logo?");
    update(&mut a, key(KeyCode::Enter));
    assert!(matches!(
        events(&a).last().unwrap(),
        EventKind::Asked { fact: None, .. }
    ));
    let out = draw(&a, 120, 40);
    assert!(out.contains("Requirements so far (1)"), "{out}");
    assert!(out.contains("2 million transactions"), "{out}");
    // The question text did not land in the answer.
    assert_eq!(screen(&a).editor.lines().join(""), "");
}

#[test]
fn a_curveball_waits_for_ctrl_r_and_its_reply_is_stored() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab)); // into data: the data curveball
    let waiting = screen(&a)
        .mock
        .pending()
        .expect("a curveball at the data phase")
        .answer_key();
    assert_eq!(waiting, curveball_answer_key("latency-cut"));
    // Typing still goes to the answer.
    typed(&mut a, "Labels come from chargebacks.");
    assert_eq!(screen(&a).editor.text(), "Labels come from chargebacks.");
    update(&mut a, ctrl('r'));
    assert_eq!(screen(&a).focus, Focus::Reply);
    // Sending nothing is refused.
    update(&mut a, ctrl('s'));
    assert!(screen(&a).mock.pending().is_some());
    typed(
        &mut a,
        "We keep a fast model online; what does it mean for the business?",
    );
    assert_eq!(screen(&a).editor.text(), "Labels come from chargebacks.");
    let effects = update(&mut a, ctrl('s'));
    let s = saved(&effects).unwrap();
    assert!(
        s.answer(&curveball_answer_key("latency-cut"))
            .unwrap()
            .text
            .contains("fast model")
    );
    assert!(screen(&a).mock.pending().is_none());
    assert_eq!(screen(&a).focus, Focus::Editor);
}

#[test]
fn the_same_seed_gives_the_same_curveballs_at_the_same_times() {
    let run = |seed: u64| {
        let (mut a, _) = mock_app(Some(20), seed);
        tick_through(&mut a, 1, 20 * 60 - 1);
        events(&a)
            .into_iter()
            .zip(screen(&a).session.events.iter().map(|e| e.at))
            .filter(|(k, _)| matches!(k, EventKind::Curveball { .. }))
            .collect::<Vec<_>>()
    };
    let a = run(7);
    assert!(!a.is_empty());
    assert_eq!(a, run(7));
}

#[test]
fn no_hints_or_live_criteria_in_a_mock() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, ctrl('t'));
    update(&mut a, ctrl('l'));
    assert!(
        !events(&a)
            .iter()
            .any(|e| matches!(e, EventKind::Hint { .. }))
    );
    assert!(a.ctx.status.as_ref().unwrap().text.contains("no hints"));
}

#[test]
fn the_screen_survives_small_and_large_sizes() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab));
    for w in 0..30u16 {
        for h in 0..12u16 {
            draw(&a, w, h);
        }
    }
    for (w, h) in [(50, 14), (60, 16), (200, 60), (300, 100)] {
        draw(&a, w, h);
    }
}

/// Reply to every curveball and follow-up waiting.
fn answer_pending(a: &mut App) {
    while screen(a).mock.pending().is_some() {
        update(a, ctrl('r'));
        typed(a, "What does it mean for the business?");
        update(a, ctrl('s'));
    }
}

/// Tick second by second, answering curveballs as they come.
fn run_answering(a: &mut App, from: i64, to: i64) {
    for s in from..=to {
        update(a, Msg::Tick(at_secs(s)));
        if a.screen.is::<MockScreen>() {
            answer_pending(a);
        }
    }
}

fn mid_interview() -> App {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(
        &mut a,
        "Fraud losses are the pain point: we are losing money.",
    );
    update(&mut a, ctrl('a'));
    typed(&mut a, "How much does fraud cost you?");
    update(&mut a, key(KeyCode::Enter));
    run_answering(&mut a, 1, 16 * 60 + 5);
    a
}

#[test]
fn snapshots_of_the_mock_screen() {
    let settings = settings();
    let mid = mid_interview();
    let mut cb = mid_interview();
    update(&mut cb, key(KeyCode::Tab));
    update(&mut cb, key(KeyCode::Tab));
    typed(&mut cb, "Then we move the heavy model offline");
    let mut paused = mid_interview();
    update(&mut paused, ctrl('b'));
    for (name, app) in [
        ("mock_running", &mid),
        ("mock_curveball", &cb),
        ("mock_paused", &paused),
    ] {
        for (w, h) in [(80, 24), (120, 40)] {
            let out = draw(app, w, h);
            settings.bind(|| insta::assert_snapshot!(format!("{name}_{w}x{h}"), out));
        }
    }
}

/// A hand-made scorecard for the fixture (independent of the scoring engine).
fn card() -> Scorecard {
    let c = |id: &str, area: &str, status: Status, q: Option<&str>| CriterionResult {
        id: id.into(),
        area: area.into(),
        label: id.into(),
        status,
        weight: 1.0,
        evidence: q
            .map(|q| EvidenceHit {
                quote: "quoted".into(),
                question: q.into(),
                line: 1,
                concepts: vec![],
            })
            .into_iter()
            .collect(),
        missing_concepts: vec![],
        gap: "gap".into(),
        hint: "hint".into(),
        source: "source".into(),
        emphasis: None,
        ..Default::default()
    };
    Scorecard {
        overall: 40.0,
        areas: vec![AreaScore {
            id: "framing".into(),
            title: "Problem framing".into(),
            score: 50.0,
            weight: 1.0,
            covered: 1,
            partial: 0,
            missing: 1,
        }],
        criteria: vec![
            c("pain-point", "framing", Status::Covered, Some("pain-point")),
            c("fp-fn-cost", "framing", Status::Missing, None),
            c(
                "metric-reframe",
                "client",
                Status::Covered,
                Some("curveball:latency-cut"),
            ),
        ],
        gaps: vec![],
        ..Default::default()
    }
}

fn finished_session() -> Session {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "Fraud losses are the pain point.");
    update(&mut a, ctrl('a'));
    typed(&mut a, "How much does fraud cost you?");
    update(&mut a, key(KeyCode::Enter));
    run_answering(&mut a, 1, 17 * 60);
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, ctrl('r'));
    typed(
        &mut a,
        "A small model at checkout, what does it mean for the business.",
    );
    update(&mut a, ctrl('s'));
    update(&mut a, ctrl('b'));
    update(&mut a, ctrl('b'));
    run_answering(&mut a, 17 * 60 + 1, 30 * 60);
    let mut s = screen(&a).session.clone();
    s.status = SessionStatus::Complete;
    s
}

#[test]
fn scorecard_rows_show_pacing_missed_facts_and_curveballs() {
    let content = content();
    let s = finished_session();
    let rows = mock::report::rows(&content, &s, &card());
    let all: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    let joined = all.join("\n");
    assert!(joined.contains("framing 17:00/15:00"), "{joined}");
    assert!(joined.contains("Over budget: framing +2:00"), "{joined}");
    assert!(
        joined.contains("Never reached: modelling, wrap-up."),
        "{joined}"
    );
    assert!(joined.contains("asked 1/3 key facts"), "{joined}");
    assert!(joined.contains("✗ volume"), "{joined}");
    assert!(joined.contains("✗ label-delay"), "{joined}");
    assert!(
        joined.contains("Checkout now needs a decision within 50 ms"),
        "{joined}"
    );
    assert!(
        joined.contains("You: A small model at checkout"),
        "{joined}"
    );
    assert!(joined.contains("✓ Reframes accuracy"), "{joined}");
    assert!(joined.contains("Paused 1 time (a real"), "{joined}");
    assert!(
        joined.contains("Fraud losses are the pain point."),
        "{joined}"
    );

    let mut view = ScorecardView::new(&content, s, card());
    mock::report::insert_rows(&mut view.rows, rows);
    let mut a = app();
    a.screen = Screen::new(view);
    let settings = settings();
    for (w, h) in [(80, 24), (120, 40)] {
        let out = draw(&a, w, h);
        settings.bind(|| insta::assert_snapshot!(format!("mock_scorecard_{w}x{h}"), out));
    }
}

#[test]
fn a_response_being_written_at_time_up_is_kept() {
    let (mut a, _) = mock_app(Some(1), 7);
    let mut s = 1;
    while screen(&a).mock.pending().is_none() {
        update(&mut a, Msg::Tick(at_secs(s)));
        s += 1;
        assert!(s < 60, "a one-minute mock has a timed curveball");
    }
    let key_ = screen(&a).mock.pending().unwrap().answer_key();
    update(&mut a, ctrl('r'));
    typed(&mut a, "Half a thought about the business");
    let effects = tick_through(&mut a, s, 61);
    let done = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(s) => Some(s.as_ref()),
            _ => None,
        })
        .find(|s| s.status == SessionStatus::Complete)
        .expect("saved complete");
    assert_eq!(
        done.answer(&key_).unwrap().text,
        "Half a thought about the business"
    );
}

#[test]
fn requirements_panel_shows_every_entry_newest_first_and_scrolls() {
    let (mut a, _) = mock_app(Some(45), 7);
    for q in [
        "How much does fraud cost?",
        "How many transactions a day?",
        "How late do chargebacks arrive?",
    ] {
        update(&mut a, ctrl('a'));
        typed(&mut a, q);
        update(&mut a, key(KeyCode::Enter));
    }
    let out = draw(&a, 80, 24);
    assert!(out.contains("Requirements (3)"), "{out}");
    for needle in [
        "• Fraud costs us",
        "• About 2 million",
        "• Chargebacks arrive up",
    ] {
        assert!(out.contains(needle), "{needle}: {out}");
    }
    // Too short for all three: the newest shows first, the panel says
    // what is shown, and Alt-↓ scrolls to the oldest.
    let out = draw(&a, 80, 17);
    let first = out
        .lines()
        .skip_while(|l| !l.contains("Requirements (3)"))
        .nth(1)
        .unwrap();
    assert!(first.contains("│• Chargebacks arrive up"), "{out}");
    assert!(!out.contains("Fraud costs us"), "{out}");
    assert!(out.contains("1–4/8 Alt-↑↓"), "{out}");
    for _ in 0..10 {
        update(&mut a, alt(KeyCode::Down));
    }
    let out = draw(&a, 80, 17);
    assert!(out.contains("│• Fraud costs us 0.3% of"), "{out}");
    assert!(!out.contains("• Chargebacks arrive up"), "{out}");
    // Back up: the newest again.
    for _ in 0..10 {
        update(&mut a, alt(KeyCode::Up));
    }
    assert!(draw(&a, 80, 17).contains("│• Chargebacks arrive up"));
}

#[test]
fn leaving_pauses_and_the_interview_resumes_where_it_stopped() {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "Fraud losses hurt.");
    tick_through(&mut a, 1, 90);
    update(&mut a, ctrl('q'));
    let effects = update_saved(&mut a, key(KeyCode::Char('y')));
    let s = saved(&effects).expect("leaving saves").clone();
    assert_eq!(s.status, SessionStatus::InProgress);
    assert_eq!(s.elapsed_seconds, 90);
    assert_eq!(s.events.last().unwrap().kind, EventKind::Paused);
    assert!(effects.contains(&Effect::CloseSession));
    assert_eq!(a.screen.name(), "home");

    // Reopened later: paused at 01:30 with the answer back.
    update(
        &mut a,
        Msg::SessionOpened {
            session: Box::new(s),
            read_only: false,
        },
    );
    update(&mut a, Msg::Tick(at_secs(5000)));
    let m = screen(&a);
    assert!(m.mock.clock().is_paused());
    assert_eq!(m.mock.clock().elapsed_secs(), 90);
    assert_eq!(m.editor.lines().join("\n"), "Fraud losses hurt.");
    update(&mut a, ctrl('b'));
    tick_through(&mut a, 5001, 5010);
    assert_eq!(screen(&a).mock.clock().elapsed_secs(), 100);
    assert_eq!(events(&a).last().unwrap(), &EventKind::Resumed);
}

#[test]
fn home_offers_an_unfinished_mock_for_resuming() {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "Fraud losses.");
    update(&mut a, ctrl('q'));
    let effects = update_saved(&mut a, key(KeyCode::Char('y')));
    let s = saved(&effects).unwrap().clone();
    update(
        &mut a,
        Msg::SessionsListed(vec![mlsd_coach::tui::app::SessionInfo::of(&s)]),
    );
    let out = draw(&a, 80, 24);
    assert!(out.contains("Resume mock: Fraud detection"), "{out}");
}

#[test]
fn ctrl_c_pauses_saves_and_quits() {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "Fraud losses.");
    tick_through(&mut a, 1, 12);
    let effects = update_saved(&mut a, ctrl('c'));
    let s = saved(&effects).expect("quitting saves");
    assert_eq!(s.elapsed_seconds, 12);
    assert_eq!(s.events.last().unwrap().kind, EventKind::Paused);
    assert!(effects.contains(&Effect::CloseSession));
    assert!(effects.contains(&Effect::Quit));
}

#[test]
fn the_crash_snapshot_holds_unsaved_answer_and_response_text() {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "unsaved answer");
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab)); // the data curveball
    update(&mut a, ctrl('r'));
    typed(&mut a, "half a response");
    let snap = a.snapshot().expect("a mock in progress has a snapshot");
    assert_eq!(snap.answer("pain-point").unwrap().text, "unsaved answer");
    assert_eq!(
        snap.answer(&curveball_answer_key("latency-cut"))
            .unwrap()
            .text,
        "half a response"
    );
}

#[test]
fn undo_in_a_mock_takes_back_a_word_at_a_time() {
    let (mut app, _) = mock_app(Some(45), 1);
    typed(&mut app, "labels come late");
    let text = |app: &App| {
        app.screen
            .get::<MockScreen>()
            .unwrap()
            .editor
            .lines()
            .join("\n")
    };
    update(&mut app, ctrl('z'));
    assert_eq!(text(&app), "labels come ");
    update(&mut app, ctrl('z'));
    assert_eq!(text(&app), "labels ");
    update(&mut app, ctrl('y'));
    assert_eq!(text(&app), "labels come ");
}

#[test]
fn a_mock_left_with_nothing_written_is_not_kept() {
    let (mut a, _) = mock_app(Some(45), 7);
    tick_through(&mut a, 1, 30);
    update(&mut a, ctrl('q'));
    let effects = update_saved(&mut a, key(KeyCode::Char('y')));
    assert!(saved(&effects).is_none(), "{effects:?}");
    assert!(effects.contains(&Effect::RemoveBlank(
        "2026-11-27T09-00-00_fraud_test".into()
    )));
    assert!(effects.contains(&Effect::CloseSession));
    assert_eq!(a.screen.name(), "home");
    // Quitting likewise.
    let (mut a, _) = mock_app(Some(45), 7);
    let effects = update_saved(&mut a, ctrl('c'));
    assert!(effects.contains(&Effect::RemoveBlank(
        "2026-11-27T09-00-00_fraud_test".into()
    )));
    assert!(effects.contains(&Effect::Quit));
}
