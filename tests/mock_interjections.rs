//! Curveballs and follow-ups never take the keyboard: driven through
//! `update` with injected time, they announce themselves (a line above the
//! question, the status line, the transcript, the requirements panel)
//! while the clock runs, and wait for Ctrl-R; Esc backs out of a reply,
//! Ctrl-A asks and Ctrl-G finishes from anywhere; one left unanswered is
//! scored as unanswered.

#[path = "support/mock_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::core::mock::{Interjection, curveball_answer_key, probe_answer_key};
use mlsd_coach::core::review::score_session;
use mlsd_coach::core::scoring::{Skip, Status};
use mlsd_coach::core::session::{EventKind, SessionStatus};
use mlsd_coach::tui::app::{App, Effect, Msg, update};
use mlsd_coach::tui::mock::{Focus, MockScreen};
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> &MockScreen {
    app.screen
        .get::<MockScreen>()
        .unwrap_or_else(|| panic!("expected the mock screen, got {}", app.screen.name()))
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Tick a second at a time from `*at` until a curveball waits; returns it.
fn tick_until_curveball(a: &mut App, at: &mut i64) -> Interjection {
    loop {
        *at += 1;
        update(a, Msg::Tick(at_secs(*at)));
        if let Some(p) = screen(a).mock.pending() {
            return p.clone();
        }
        assert!(*at < 60 * 60, "no curveball came");
    }
}

#[test]
fn a_timed_curveball_announces_itself_and_typing_goes_on_in_the_answer() {
    let (mut a, _) = mock_app(Some(5), 7);
    typed(&mut a, "The pain point is ");
    let mut at = 0;
    let cb = tick_until_curveball(&mut a, &mut at);
    let clock_then = screen(&a).mock.clock().elapsed_secs();
    typed(&mut a, "losing money to fraud.");
    let m = screen(&a);
    assert_eq!(m.editor.text(), "The pain point is losing money to fraud.");
    assert_eq!(m.focus, Focus::Editor);
    assert!(
        !m.session
            .answers
            .iter()
            .any(|x| x.question == cb.answer_key())
    );
    // Announced: the status line, a line above the question, the
    // transcript, the requirements panel; the clock keeps running.
    let status = a.ctx.status.as_ref().map(|s| s.text.clone());
    assert_eq!(status, None, "a key clears the status line");
    let out = draw(&a, 120, 40);
    assert!(
        out.contains("▶ The client interjects: Ctrl-R to reply"),
        "{out}"
    );
    assert!(out.contains("Client interjects:"), "{out}");
    assert!(out.contains("waiting for your reply · Ctrl-R"), "{out}");
    assert!(out.contains("1 waiting"), "{out}");
    assert!(out.contains("^R reply"), "{out}");
    update(&mut a, Msg::Tick(at_secs(at + 10)));
    assert_eq!(screen(&a).mock.clock().elapsed_secs(), clock_then + 10);
}

#[test]
fn the_status_line_says_a_curveball_came() {
    let (mut a, _) = mock_app(Some(5), 7);
    let mut at = 0;
    tick_until_curveball(&mut a, &mut at);
    let status = a.ctx.status.as_ref().unwrap().text.clone();
    assert_eq!(status, "the client interjects: Ctrl-R to reply");
}

#[test]
fn a_question_being_typed_is_not_redirected_by_a_curveball() {
    let (mut a, _) = mock_app(Some(5), 7);
    update(&mut a, ctrl('a'));
    typed(&mut a, "How many payments ");
    let mut at = 0;
    tick_until_curveball(&mut a, &mut at);
    assert_eq!(screen(&a).focus, Focus::Ask);
    typed(&mut a, "a day?");
    update(&mut a, key(KeyCode::Enter));
    let asked = screen(&a)
        .session
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Asked { question, fact, .. } => Some((question.clone(), fact.clone())),
            _ => None,
        });
    assert_eq!(
        asked,
        Some(("How many payments a day?".into(), Some("volume".into())))
    );
    assert!(
        screen(&a).mock.pending().is_some(),
        "the curveball still waits"
    );
}

#[test]
fn esc_backs_out_of_a_reply_keeping_the_draft() {
    let (mut a, _) = mock_app(Some(5), 7);
    let mut at = 0;
    let cb = tick_until_curveball(&mut a, &mut at);
    update(&mut a, ctrl('r'));
    assert_eq!(screen(&a).focus, Focus::Reply);
    typed(&mut a, "Half a reply");
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(screen(&a).focus, Focus::Editor);
    typed(&mut a, "answer text");
    assert_eq!(screen(&a).editor.text(), "answer text");
    // The draft is in the crash snapshot and comes back with Ctrl-R.
    let snap = a.snapshot().unwrap();
    assert_eq!(snap.answer(&cb.answer_key()).unwrap().text, "Half a reply");
    update(&mut a, ctrl('r'));
    typed(&mut a, ", finished.");
    assert_eq!(screen(&a).reply.text(), "Half a reply, finished.");
    let effects = update(&mut a, ctrl('s'));
    let s = saved(&effects).unwrap();
    assert_eq!(
        s.answer(&cb.answer_key()).unwrap().text,
        "Half a reply, finished."
    );
}

#[test]
fn ctrl_a_asks_and_ctrl_g_finishes_from_a_reply() {
    let (mut a, _) = mock_app(Some(5), 7);
    let mut at = 0;
    tick_until_curveball(&mut a, &mut at);
    update(&mut a, ctrl('r'));
    typed(&mut a, "draft");
    update(&mut a, ctrl('a'));
    assert_eq!(screen(&a).focus, Focus::Ask);
    typed(&mut a, "How late do chargebacks arrive?");
    update(&mut a, key(KeyCode::Enter));
    assert!(matches!(
        &screen(&a).session.events.last().unwrap().kind,
        EventKind::Asked { fact: Some(f), .. } if f == "label-delay"
    ));
    update(&mut a, ctrl('r'));
    assert_eq!(screen(&a).reply.text(), "draft");
    update(&mut a, ctrl('g'));
    let confirm = a
        .ctx
        .overlay()
        .map(|o| format!("{o:?}"))
        .unwrap_or_default();
    assert!(confirm.contains("scored as unanswered"), "{confirm}");
    let effects = update(&mut a, key(KeyCode::Char('y')));
    let done = effects
        .iter()
        .find_map(|e| match e {
            Effect::Save(s) if s.status == SessionStatus::Complete => Some(s.as_ref()),
            _ => None,
        })
        .expect("finishing saves the session complete");
    assert!(
        done.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Curveball { .. }))
    );
}

#[test]
fn a_curveball_left_unanswered_is_scored_as_unanswered_and_blocks_nothing() {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "Fraud losses are the pain point.");
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab)); // data: the data curveball waits
    assert!(screen(&a).mock.pending().is_some());
    // Moving on, asking and finishing all work while it waits.
    update(&mut a, key(KeyCode::Tab));
    assert_eq!(screen(&a).current_id(), "baselines");
    update(&mut a, ctrl('g'));
    let effects = update(&mut a, key(KeyCode::Char('y')));
    let done = saved(&effects).unwrap().clone();
    assert_eq!(done.status, SessionStatus::Complete);
    assert_eq!(done.answer(&curveball_answer_key("latency-cut")), None);
    let card = score_session(&content(), &done);
    // The client spoke: its area is judged, and the unanswered curveball's
    // criterion is missing rather than "not asked".
    assert!(
        !card
            .skipped
            .iter()
            .any(|s| s.id == "metric-reframe" && s.reason == Skip::NotAsked),
        "{:?}",
        card.skipped
    );
    assert_eq!(
        card.criterion("metric-reframe").unwrap().status,
        Status::Missing
    );
    let rows = mlsd_coach::tui::mock::report::rows(&content(), &done, &card);
    assert!(rows.iter().any(|r| r.text == "✗ No response."));
}

#[test]
fn ctrl_r_with_nothing_waiting_says_so() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, ctrl('r'));
    assert_eq!(screen(&a).focus, Focus::Editor);
    assert!(
        a.ctx
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("nothing to reply to")
    );
}

// ---- follow-ups ----

/// Answer the data question partly (chargebacks, no plan for their delay),
/// then move on to modelling: the data phase ends.
fn leave_data_partly_answered(seed: u64) -> App {
    let (mut a, _) = mock_app(Some(45), seed);
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab)); // data, with its curveball
    tick_through(&mut a, 1, 5);
    typed(&mut a, "Labels for card fraud come from chargebacks.");
    update(&mut a, key(KeyCode::Tab)); // modelling
    a
}

#[test]
fn leaving_a_phase_brings_a_follow_up_on_its_weakest_partial_point() {
    let a = leave_data_partly_answered(7);
    let m = screen(&a);
    let probe = m
        .session
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Probe { target, text } => Some((target.clone(), text.clone())),
            _ => None,
        })
        .expect("a follow-up at the end of the data phase");
    assert_eq!(probe.0, "label-delay-plan");
    assert!(
        probe.1.contains("labels") || probe.1.contains("60 days"),
        "{}",
        probe.1
    );
    // Before the move to modelling in the log, and waiting behind the data
    // curveball (and before the one modelling brings).
    let kinds: Vec<&EventKind> = m.session.events.iter().map(|e| &e.kind).collect();
    let p = kinds
        .iter()
        .position(|k| matches!(k, EventKind::Probe { .. }))
        .unwrap();
    assert_eq!(
        kinds[p + 1],
        &EventKind::Phase {
            id: "modelling".into()
        }
    );
    let waiting: Vec<String> = m.mock.pending_all().map(|p| p.answer_key()).collect();
    assert_eq!(
        waiting,
        [
            curveball_answer_key("latency-cut"),
            probe_answer_key("label-delay-plan"),
            curveball_answer_key("new-market")
        ]
    );
    assert_eq!(m.focus, Focus::Editor);
    let out = draw(&a, 120, 40);
    assert!(out.contains("Interviewer follows up:"), "{out}");
    assert!(out.contains("Follow-up, no reply yet"), "{out}");
}

#[test]
fn follow_ups_are_reproducible_from_the_seed() {
    let probes = |seed| {
        let a = leave_data_partly_answered(seed);
        screen(&a)
            .session
            .events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Probe { .. }))
            .map(|e| e.kind.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(probes(7), probes(7));
    let texts: std::collections::HashSet<String> =
        (0..12).flat_map(probes).map(|k| format!("{k:?}")).collect();
    assert_eq!(
        texts.len(),
        2,
        "both of the key point's probes are drawn: {texts:?}"
    );
}

#[test]
fn a_phase_is_followed_up_once_and_a_covered_one_not_at_all() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab)); // data
    typed(
        &mut a,
        "Chargebacks arrive late, so we train on matured labels for card fraud.",
    );
    update(&mut a, key(KeyCode::Tab)); // modelling: data fully covered
    update(&mut a, key(KeyCode::BackTab)); // back to data
    update(&mut a, key(KeyCode::Tab)); // and out again
    let probes = screen(&a)
        .session
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Probe { .. }))
        .count();
    assert_eq!(probes, 0);
}

#[test]
fn a_follow_up_reply_is_scored_and_counted_as_answered_well() {
    let mut a = leave_data_partly_answered(7);
    // The curveball first (oldest), then the follow-up.
    update(&mut a, ctrl('r'));
    typed(
        &mut a,
        "A smaller model at checkout; what it means for the business.",
    );
    update(&mut a, ctrl('s'));
    assert!(screen(&a).mock.pending().unwrap().is_probe());
    update(&mut a, ctrl('r'));
    typed(
        &mut a,
        "We train on matured labels, waiting until chargebacks arrive for card fraud.",
    );
    let effects = update(&mut a, ctrl('s'));
    let s = saved(&effects).unwrap().clone();
    let reply = s.answer(&probe_answer_key("label-delay-plan")).unwrap();
    assert!(reply.text.contains("matured labels"));
    let next = screen(&a).mock.pending().map(|p| p.answer_key());
    assert_eq!(next, Some(curveball_answer_key("new-market")));
    update(&mut a, ctrl('g'));
    let effects = update(&mut a, key(KeyCode::Char('y')));
    let done = saved(&effects).unwrap().clone();
    let card = score_session(&content(), &done);
    assert_eq!(
        card.key_point("label-delay-plan").unwrap().status,
        Status::Covered
    );
    let rows = mlsd_coach::tui::mock::report::rows(&content(), &done, &card);
    let text: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    assert!(
        text.contains(&"Follow-ups: 1 asked, 1 answered well"),
        "{text:#?}"
    );
    let md = mlsd_coach::core::report::markdown::session_report(&content(), &done, Some(&card));
    assert!(md.contains("## Follow-ups"), "{md}");
    assert!(md.contains("Follow-ups: 1 asked, 1 answered well."), "{md}");
    assert!(md.contains("Follow-up — "), "{md}");
}

#[test]
fn a_follow_up_left_unanswered_waits_again_after_resuming() {
    let a = leave_data_partly_answered(7);
    let snap = a.snapshot().unwrap();
    let mut b = app();
    update(
        &mut b,
        Msg::SessionOpened {
            session: Box::new(snap),
            read_only: false,
        },
    );
    let m = screen(&b);
    let waiting: Vec<String> = m.mock.pending_all().map(|p| p.answer_key()).collect();
    assert_eq!(
        waiting,
        [
            curveball_answer_key("latency-cut"),
            probe_answer_key("label-delay-plan"),
            curveball_answer_key("new-market")
        ]
    );
    // Resumed after a crash: paused, saying how to continue.
    assert!(m.mock.clock().is_paused());
    let out = draw(&b, 80, 24);
    assert!(out.contains("Press Enter or Ctrl-B to continue."), "{out}");
    assert!(out.contains("Resumed where you stopped"), "{out}");
}
