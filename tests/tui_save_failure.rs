//! When saving fails, leaving or quitting keeps the text: the failure
//! stays in view, and leaving asks to retry, write a recovery copy
//! elsewhere (its path shown), go without saving, or keep editing.

// Both fixtures include the shared key helpers; each gets its own copy.
#![allow(clippy::duplicate_mod)]

#[path = "support/mock_fixture.rs"]
mod mock_fixture;
#[path = "support/tui_fixture.rs"]
mod tui_fixture;

use crossterm::event::KeyCode;
use mlsd_coach::core::session::Session;
use mlsd_coach::core::store::Store;
use mlsd_coach::tui::Start;
use mlsd_coach::tui::app::{AfterSave, App, Effect, Msg, Overlay, update};
use mlsd_coach::tui::runtime::Effects;
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::sync::Arc;
use tui_fixture::{ctrl, interview_app, key, run_saves, saved, typed};

const DISK: &str = "cannot write /s/s1.yaml: Read-only file system (os error 30)";

fn screen_text(app: &App, w: u16, h: u16) -> String {
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

fn dialog(app: &App) -> &mlsd_coach::tui::save_failed::SaveFailed {
    match app.overlay() {
        Some(Overlay::SaveFailed(d)) => d,
        other => panic!("no save-failed dialog: {other:?}"),
    }
}

fn recovery_copy(effects: &[Effect]) -> Option<&Session> {
    effects.iter().find_map(|e| match e {
        Effect::WriteRecovery(s) => Some(s.as_ref()),
        _ => None,
    })
}

#[test]
fn leaving_when_the_save_fails_keeps_the_session_open_and_asks() {
    let mut app = interview_app();
    typed(&mut app, "precious words");
    update(&mut app, ctrl('q'));
    let effects = update(&mut app, key(KeyCode::Char('y')));
    // Not closed until the save is known to have worked.
    assert!(saved(&effects).is_some());
    assert!(!effects.contains(&Effect::CloseSession), "{effects:?}");
    assert_eq!(app.screen.name(), "interview");

    let effects = run_saves(&mut app, effects, Some(DISK));
    assert!(!effects.contains(&Effect::CloseSession), "{effects:?}");
    assert_eq!(app.screen.name(), "interview");
    assert_eq!(dialog(&app).then, AfterSave::Leave);
    assert_eq!(app.ctx.save_failure.as_deref(), Some(DISK));
    assert_eq!(
        app.snapshot().unwrap().answer("pain-point").unwrap().text,
        "precious words"
    );
    let shown = screen_text(&app, 120, 40);
    assert!(
        shown.contains("Your last changes are NOT saved."),
        "{shown}"
    );
    assert!(shown.contains("Read-only file system"), "{shown}");
    assert!(shown.contains("write a recovery copy elsewhere"), "{shown}");
    assert!(shown.contains("NOT SAVED"), "footer: {shown}");
    // Still legible at 80x24.
    let small = screen_text(&app, 80, 24);
    assert!(
        small.contains("NOT saved") && small.contains("keep editing"),
        "{small}"
    );

    // Trying again fails again: the dialog comes back.
    let effects = update(&mut app, key(KeyCode::Char('r')));
    assert_eq!(
        saved(&effects).unwrap().answer("pain-point").unwrap().text,
        "precious words"
    );
    run_saves(&mut app, effects, Some(DISK));
    assert_eq!(dialog(&app).then, AfterSave::Leave);
    assert_eq!(app.screen.name(), "interview");

    // A recovery copy: the dialog stays and shows where it went.
    let effects = update(&mut app, key(KeyCode::Char('w')));
    let copy = recovery_copy(&effects).expect("a recovery copy is written");
    assert_eq!(copy.answer("pain-point").unwrap().text, "precious words");
    assert_eq!(copy.id, "s1");
    update(
        &mut app,
        Msg::RecoveryWritten(Ok(PathBuf::from("/data/recovery/s1.yaml"))),
    );
    let shown = screen_text(&app, 120, 40);
    assert!(shown.contains("/data/recovery/s1.yaml"), "{shown}");
    assert!(dialog(&app).recovered());

    // Now Enter leaves.
    let effects = update(&mut app, key(KeyCode::Enter));
    assert!(effects.contains(&Effect::CloseSession));
    assert!(effects.contains(&Effect::ListSessions));
    assert_eq!(app.screen.name(), "home");
    assert!(app.overlay().is_none());
    assert_eq!(app.ctx.save_failure, None);
}

#[test]
fn a_retry_that_works_leaves_and_esc_keeps_editing() {
    let mut app = interview_app();
    typed(&mut app, "draft");
    update(&mut app, ctrl('q'));
    let effects = update(&mut app, key(KeyCode::Char('y')));
    run_saves(&mut app, effects, Some(DISK));
    // Esc: back to the editor, the failure still in view.
    update(&mut app, key(KeyCode::Esc));
    assert!(app.overlay().is_none());
    assert_eq!(app.screen.name(), "interview");
    typed(&mut app, " more");
    update(&mut app, key(KeyCode::Esc));
    assert!(screen_text(&app, 120, 40).contains("NOT SAVED"));
    // Asking to leave again says the changes are not saved yet.
    update(&mut app, key(KeyCode::Char('q')));
    match app.overlay() {
        Some(Overlay::Confirm { text, .. }) => assert!(text.contains("NOT saved"), "{text}"),
        other => panic!("{other:?}"),
    }
    let effects = update(&mut app, key(KeyCode::Char('y')));
    run_saves(&mut app, effects, Some(DISK));
    // The disk is back: retrying saves the latest text and leaves.
    let effects = update(&mut app, key(KeyCode::Char('r')));
    assert_eq!(
        saved(&effects).unwrap().answer("pain-point").unwrap().text,
        "draft more"
    );
    let effects = run_saves(&mut app, effects, None);
    assert!(effects.contains(&Effect::CloseSession));
    assert_eq!(app.screen.name(), "home");
    assert_eq!(app.ctx.save_failure, None);
}

#[test]
fn a_failed_autosave_stays_in_view_until_a_save_works() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(tui_fixture::at_ms(0)));
    typed(&mut app, "abc");
    let effects = update(&mut app, Msg::Tick(tui_fixture::at_ms(1_000)));
    run_saves(&mut app, effects, Some(DISK));
    // No dialog for an autosave: the footer says it, through keys.
    assert!(app.overlay().is_none());
    typed(&mut app, "d");
    assert!(screen_text(&app, 120, 40).contains("NOT SAVED: cannot write"));
    // The next edit schedules another attempt; it works.
    let effects = update(&mut app, Msg::Tick(tui_fixture::at_ms(2_100)));
    assert_eq!(
        saved(&effects).unwrap().answer("pain-point").unwrap().text,
        "abcd"
    );
    run_saves(&mut app, effects, None);
    assert_eq!(app.ctx.save_failure, None);
    assert!(!screen_text(&app, 120, 40).contains("NOT SAVED"));
}

#[test]
fn quitting_when_the_save_fails_asks_before_throwing_anything_away() {
    let mut app = interview_app();
    typed(&mut app, "last words");
    let effects = update(&mut app, ctrl('c'));
    assert!(!effects.contains(&Effect::Quit));
    let effects = run_saves(&mut app, effects, Some(DISK));
    assert!(!effects.contains(&Effect::Quit));
    assert!(!app.quitting);
    assert_eq!(dialog(&app).then, AfterSave::Quit);
    assert!(screen_text(&app, 120, 40).contains("quit without saving"));
    // Ctrl-C again tries again (and fails again): still asking.
    let effects = update(&mut app, ctrl('c'));
    run_saves(&mut app, effects, Some(DISK));
    assert!(!app.quitting);
    // A recovery copy that fails is said so, and nothing is lost yet.
    let effects = update(&mut app, key(KeyCode::Char('w')));
    assert!(recovery_copy(&effects).is_some());
    update(
        &mut app,
        Msg::RecoveryWritten(Err("no room anywhere".into())),
    );
    assert!(screen_text(&app, 120, 40).contains("No recovery copy could be written"));
    assert!(!app.quitting);
    // x: quit without saving, as asked.
    let effects = update(&mut app, key(KeyCode::Char('x')));
    assert_eq!(effects, vec![Effect::CloseSession, Effect::Quit]);
    assert!(app.quitting);
}

#[test]
fn a_mock_interview_left_when_the_save_fails_stays_open() {
    let (mut app, _) = mock_fixture::mock_app(Some(45), 7);
    mock_fixture::typed(&mut app, "mock answer");
    update(&mut app, ctrl('q'));
    let effects = update(&mut app, key(KeyCode::Char('y')));
    run_saves(&mut app, effects, Some(DISK));
    assert_eq!(app.screen.name(), "mock");
    assert_eq!(dialog(&app).then, AfterSave::Leave);
    let effects = update(&mut app, key(KeyCode::Char('w')));
    let copy = recovery_copy(&effects).unwrap();
    assert_eq!(copy.answer("pain-point").unwrap().text, "mock answer");
    // The pause of leaving is in the copy.
    assert_eq!(
        copy.events.last().unwrap().kind,
        mlsd_coach::core::session::EventKind::Paused
    );
    let effects = update(&mut app, key(KeyCode::Char('r')));
    run_saves(&mut app, effects, None);
    assert_eq!(app.screen.name(), "home");
}

#[test]
fn steady_typing_in_a_mock_is_saved_every_second() {
    let (mut app, _) = mock_fixture::mock_app(Some(45), 7);
    let mut saves = Vec::new();
    for i in 0..100i64 {
        let now = mock_fixture::t0() + chrono::Duration::milliseconds(i * 100);
        let mut effects = update(&mut app, Msg::Tick(now));
        effects.extend(mock_fixture::typed(&mut app, "x"));
        if saved(&effects).is_some() {
            saves.push(i * 100);
        }
    }
    assert_eq!(saves, (1..10).map(|s| s * 1_000).collect::<Vec<_>>());
}

/// Run effects as the runtime does, each result fed back at once.
fn drive(app: &mut App, fx: &mut Effects, effects: Vec<Effect>) -> Vec<Effect> {
    let mut all = Vec::new();
    for e in effects {
        all.push(e.clone());
        if let Some(m) = fx.run(e) {
            let more = update(app, m);
            all.extend(drive(app, fx, more));
        }
    }
    all
}

#[test]
fn with_a_failing_store_the_text_reaches_a_recovery_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let content = Arc::new(tui_fixture::content());
    let mut fx = Effects {
        store: Store::open(&dir).unwrap(),
        content: content.clone(),
        lock: None,
        recovery: vec![tmp.path().join("recovery")],
        background: Default::default(),
        page_scorer: Default::default(),
    };
    let mut app = tui_fixture::app();
    let start = app.start(Start::Practice {
        scenario: Some("fraud-detection".into()),
    });
    drive(&mut app, &mut fx, start);
    assert_eq!(app.screen.name(), "interview");
    let id = app.snapshot().unwrap().id;
    assert!(fx.lock.is_some());

    // The sessions directory goes away (an unplugged disk); a file takes
    // its place, so no save can succeed, even for root.
    std::fs::rename(&dir, tmp.path().join("gone")).unwrap();
    std::fs::write(&dir, "").unwrap();

    let typed_effects = typed(&mut app, "words that must survive");
    drive(&mut app, &mut fx, typed_effects);
    let leave = update(&mut app, ctrl('q'));
    drive(&mut app, &mut fx, leave);
    let yes = update(&mut app, key(KeyCode::Char('y')));
    let effects = drive(&mut app, &mut fx, yes);
    assert!(!effects.contains(&Effect::CloseSession));
    assert_eq!(app.screen.name(), "interview");
    assert!(
        dialog(&app).error.contains("sessions"),
        "{}",
        dialog(&app).error
    );

    let w = update(&mut app, key(KeyCode::Char('w')));
    drive(&mut app, &mut fx, w);
    let path = match &dialog(&app).recovery {
        Some(Ok(p)) => p.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(path, tmp.path().join("recovery").join(format!("{id}.yaml")));
    let copy = Session::from_yaml(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        copy.answer("pain-point").unwrap().text,
        "words that must survive"
    );
    let enter = update(&mut app, key(KeyCode::Enter));
    let effects = drive(&mut app, &mut fx, enter);
    assert!(effects.contains(&Effect::CloseSession));
    assert_eq!(app.screen.name(), "home");
    assert!(fx.lock.is_none());
}
