//! Flow tests: key events through `update`, asserting state and effects.

#[path = "support/tui_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::core::session::{EventKind, Mode, SessionStatus};
use mlsd_coach::tui::Start;
use mlsd_coach::tui::app::{ConfirmAction, Effect, Msg, Overlay, SessionInfo, update};
use mlsd_coach::tui::screens::interview::{Focus, Interview};
use mlsd_coach::tui::screens::scorecard::ScorecardView;

fn iv(app: &mlsd_coach::tui::app::App) -> &Interview {
    app.screen
        .get::<Interview>()
        .unwrap_or_else(|| panic!("not on the interview screen but {}", app.screen.name()))
}

#[test]
fn start_practice_creates_a_session_for_the_scenario() {
    let mut app = app();
    let effects = app.start(Start::Practice {
        scenario: Some("fraud-detection".into()),
    });
    assert!(effects.contains(&Effect::ListSessions));
    let created = effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateSession(s) => Some(s),
            _ => None,
        })
        .expect("a CreateSession effect");
    assert_eq!(created.scenario, "fraud-detection");
    assert_eq!(created.mode, Mode::Practice);
    assert_eq!(created.content_version, "abc123");
    assert_eq!(created.started_at, t0());
    assert_eq!(created.status, SessionStatus::InProgress);
}

#[test]
fn practice_shows_its_screen_before_the_session_file_exists() {
    let mut app = app();
    let effects = app.start(Start::Practice {
        scenario: Some("fraud-detection".into()),
    });
    let created = effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateSession(s) => Some(s.clone()),
            _ => None,
        })
        .expect("a CreateSession effect");
    // The first frame is the interview, but nothing is saved or typed
    // until the session exists.
    assert_eq!(app.screen.name(), "interview");
    assert!(app.creating);
    assert!(app.snapshot().is_none(), "no id yet: nothing to save");
    assert!(typed(&mut app, "early").is_empty());
    assert_eq!(iv(&app).editor_text(), "");
    // Created: the same screen, now saving what is typed.
    let mut session = *created;
    session.id = "2026-01-01T00-00-00_fraud-detection_abcd".into();
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(session),
            read_only: false,
        },
    );
    assert!(!app.creating);
    assert_eq!(app.screen.name(), "interview");
    typed(&mut app, "the pain point");
    let snap = app.snapshot().expect("a session to save");
    assert_eq!(snap.id, "2026-01-01T00-00-00_fraud-detection_abcd");
    assert_eq!(iv(&app).editor_text(), "the pain point");
}

#[test]
fn practice_whose_session_cannot_be_created_goes_home_with_the_error() {
    let mut app = app();
    app.start(Start::Practice {
        scenario: Some("fraud-detection".into()),
    });
    update(&mut app, Msg::Error("creating session x: disk full".into()));
    assert!(!app.creating);
    assert_eq!(app.screen.name(), "home");
    assert!(app.snapshot().is_none());
    assert!(app.ctx.status.as_ref().unwrap().text.contains("disk full"));
}

#[test]
fn unknown_scenario_opens_the_picker_with_an_error() {
    let mut app = app();
    let effects = app.start(Start::Practice {
        scenario: Some("nope".into()),
    });
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::CreateSession(_)))
    );
    assert_eq!(app.screen.name(), "picker");
    assert!(app.ctx.status.as_ref().unwrap().text.contains("nope"));
}

#[test]
fn typing_autosaves_one_second_after_the_first_unsaved_edit() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    let effects = typed(&mut app, "the pain point is fraud losses");
    assert!(saved(&effects).is_none(), "no save on every key");
    assert_eq!(app.deadline(), Some(at_ms(600)), "re-score is due first");
    // Before the second: nothing saved.
    let effects = update(&mut app, Msg::Tick(at_ms(900)));
    assert!(saved(&effects).is_none());
    let effects = update(&mut app, Msg::Tick(at_ms(1_000)));
    let s = saved(&effects).expect("autosave after 1 s");
    assert_eq!(
        s.answer("pain-point").unwrap().text,
        "the pain point is fraud losses"
    );
    assert_eq!(s.current_question.as_deref(), Some("pain-point"));
    assert_eq!(s.cursor, Some((0, 30)));
    assert!(!iv(&app).dirty);
    assert_eq!(iv(&app).save_due, None);
}

#[test]
fn steady_typing_is_saved_every_second() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    // A key every 100 ms for ten seconds, without a pause: the save is
    // not pushed back by later keys.
    let mut saves = Vec::new();
    let mut text = String::new();
    for i in 0..100 {
        let now = at_ms(i * 100);
        let mut effects = update(&mut app, Msg::Tick(now));
        let c = char::from(b'a' + (i % 26) as u8);
        text.push(c);
        effects.extend(typed(&mut app, &c.to_string()));
        if let Some(s) = saved(&effects) {
            saves.push((i * 100, s.answer("pain-point").unwrap().text.clone()));
        }
        // Never more than a second of typing unsaved.
        assert!(app.deadline().unwrap() <= at_ms(i * 100 + 1_000));
    }
    let times: Vec<i64> = saves.iter().map(|(t, _)| *t).collect();
    assert_eq!(times, (1..10).map(|s| s * 1_000).collect::<Vec<_>>());
    for (t, saved) in &saves {
        // Everything typed before the save's tick.
        assert_eq!(saved.as_str(), &text[..(*t / 100) as usize], "at {t} ms");
    }
}

#[test]
fn moving_between_questions_saves_and_keeps_answers() {
    let mut app = interview_app();
    typed(&mut app, "first answer");
    let effects = update(&mut app, key(KeyCode::Tab));
    let s = saved(&effects).expect("save on question change");
    assert_eq!(s.answer("pain-point").unwrap().text, "first answer");
    assert_eq!(s.current_question.as_deref(), Some("fp-fn-cost"));
    assert_eq!(iv(&app).current_id(), "fp-fn-cost");
    assert_eq!(iv(&app).editor_text(), "");
    typed(&mut app, "second\nline");
    update(&mut app, ctrl('n'));
    assert_eq!(iv(&app).current_id(), "labels");
    update(&mut app, ctrl('p'));
    assert_eq!(iv(&app).editor_text(), "second\nline");
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!(iv(&app).editor_text(), "first answer");
    // Past the ends: stays put.
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!(iv(&app).current_id(), "pain-point");
}

#[test]
fn esc_in_the_editor_keeps_the_text_and_moves_focus() {
    let mut app = interview_app();
    typed(&mut app, "do not lose me");
    let effects = update(&mut app, key(KeyCode::Esc));
    assert!(effects.is_empty());
    assert_eq!(iv(&app).focus, Focus::Questions);
    assert_eq!(iv(&app).editor_text(), "do not lose me");
    // Esc in the list asks before leaving; "n" keeps everything.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Confirm {
            action: ConfirmAction::Leave,
            ..
        })
    ));
    update(&mut app, key(KeyCode::Char('n')));
    assert!(app.overlay().is_none());
    assert_eq!(iv(&app).editor_text(), "do not lose me");
    // Enter goes back to editing the same question.
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(iv(&app).focus, Focus::Editor);
    typed(&mut app, "!");
    assert_eq!(iv(&app).editor_text(), "do not lose me!");
}

#[test]
fn leaving_saves_releases_the_lock_and_goes_home() {
    let mut app = interview_app();
    typed(&mut app, "keep");
    update(&mut app, ctrl('q'));
    let effects = update_saved(&mut app, key(KeyCode::Char('y')));
    assert_eq!(
        saved(&effects).unwrap().answer("pain-point").unwrap().text,
        "keep"
    );
    assert!(effects.contains(&Effect::CloseSession));
    assert!(effects.contains(&Effect::ListSessions));
    assert_eq!(app.screen.name(), "home");
}

#[test]
fn question_list_navigation_with_j_k() {
    let mut app = interview_app();
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Char('j')));
    update(&mut app, key(KeyCode::Char('j')));
    update(&mut app, key(KeyCode::Char('j')));
    update(&mut app, key(KeyCode::Char('k')));
    assert_eq!(iv(&app).list_sel, 1);
    assert_eq!(
        iv(&app).current_id(),
        "pain-point",
        "moving the highlight is not answering"
    );
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(iv(&app).current_id(), "fp-fn-cost");
    assert_eq!(iv(&app).focus, Focus::Editor);
}

#[test]
fn paste_is_normalised_and_never_submits() {
    let mut app = interview_app();
    let effects = update(
        &mut app,
        Msg::Paste("one\r\ntwo\rthree\n\x1b[31mred".into()),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(iv(&app).editor_text(), "one\ntwo\nthree\n[31mred");
    assert!(app.overlay().is_none());
    assert_eq!(app.screen.name(), "interview");
}

#[test]
fn a_one_megabyte_paste_lands_in_the_editor() {
    let mut app = interview_app();
    let line = "fraud losses are the pain point and recall matters more than precision\r\n";
    let text: String = line.repeat(1_048_576 / line.len() + 1);
    assert!(text.len() > 1_048_576);
    let effects = update(&mut app, Msg::Paste(text.clone()));
    assert!(effects.is_empty());
    let got = iv(&app).editor_text();
    assert_eq!(got, text.replace("\r\n", "\n"));
    assert_eq!(app.screen.name(), "interview");
    // Autosave follows as for typing.
    let s = saved(&update(&mut app, Msg::Tick(at_ms(1_000))))
        .unwrap()
        .clone();
    assert_eq!(s.answer("pain-point").unwrap().text.len(), got.len());
}

#[test]
fn hint_is_counted_once_with_an_event() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    update(&mut app, ctrl('t'));
    assert!(iv(&app).show_hint);
    update(&mut app, ctrl('t'));
    assert!(!iv(&app).show_hint);
    update(&mut app, ctrl('t'));
    let s = &iv(&app).session;
    assert_eq!(s.answer("pain-point").unwrap().hints, 1);
    let hints: Vec<_> = s
        .events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Hint { question } if question == "pain-point"))
        .collect();
    assert_eq!(hints.len(), 1);
    assert!(saved(&update(&mut app, Msg::Tick(at_ms(2_000)))).is_some());
}

#[test]
fn time_per_question_accumulates_from_ticks_with_an_idle_cap() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    update(&mut app, Msg::Tick(at_ms(1_500)));
    update(&mut app, Msg::Tick(at_ms(3_000)));
    assert_eq!(iv(&app).session.answer("pain-point").unwrap().seconds, 3);
    update(&mut app, key(KeyCode::Tab));
    // Ten minutes away counts as the idle cap (60 s).
    update(&mut app, Msg::Tick(at_ms(603_000)));
    let s = &iv(&app).session;
    assert_eq!(s.answer("fp-fn-cost").unwrap().seconds, 60);
    assert_eq!(s.answer("pain-point").unwrap().seconds, 3);
    assert_eq!(s.elapsed_seconds, 63);
}

#[test]
fn resume_restores_question_text_and_cursor() {
    let mut app = app();
    let mut s = session("s2");
    s.answer_mut("fp-fn-cost").text = "line one\nline two".into();
    s.answer_mut("pain-point").text = "earlier".into();
    s.current_question = Some("fp-fn-cost".into());
    s.cursor = Some((1, 4));
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(s),
            read_only: false,
        },
    );
    let i = iv(&app);
    assert_eq!(i.current_id(), "fp-fn-cost");
    assert_eq!(i.editor_text(), "line one\nline two");
    assert_eq!(i.editor.cursor(), (1, 4));
    typed(&mut app, "X");
    assert_eq!(iv(&app).editor_text(), "line one\nlineX two");
}

#[test]
fn read_only_session_refuses_edits_and_never_saves() {
    let mut app = app();
    let mut s = session("s3");
    s.answer_mut("pain-point").text = "theirs".into();
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(s),
            read_only: true,
        },
    );
    assert!(iv(&app).read_only);
    let mut effects = typed(&mut app, "mine");
    effects.extend(update(&mut app, Msg::Paste("pasted".into())));
    effects.extend(update(&mut app, Msg::Tick(at_ms(5_000))));
    effects.extend(update(&mut app, key(KeyCode::Tab)));
    assert!(saved(&effects).is_none(), "{effects:?}");
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!(iv(&app).editor_text(), "theirs");
    assert!(app.snapshot().is_none());
}

#[test]
fn ctrl_c_saves_releases_and_quits() {
    let mut app = interview_app();
    typed(&mut app, "last words");
    let effects = update_saved(&mut app, ctrl('c'));
    assert_eq!(
        saved(&effects).unwrap().answer("pain-point").unwrap().text,
        "last words"
    );
    let close = effects
        .iter()
        .position(|e| *e == Effect::CloseSession)
        .unwrap();
    let quit = effects.iter().position(|e| *e == Effect::Quit).unwrap();
    assert!(close < quit);
    assert!(app.quitting);
}

#[test]
fn snapshot_holds_the_unsaved_editor_text() {
    let mut app = interview_app();
    typed(&mut app, "not yet saved");
    let snap = app.snapshot().expect("a snapshot while editing");
    assert_eq!(snap.answer("pain-point").unwrap().text, "not yet saved");
}

#[test]
fn help_overlay_opens_with_f1_and_closes_with_any_key() {
    let mut app = interview_app();
    typed(&mut app, "?");
    assert!(app.overlay().is_none(), "? is text in the editor");
    assert_eq!(iv(&app).editor_text(), "?");
    update(&mut app, key(KeyCode::F(1)));
    assert_eq!(app.overlay(), Some(&Overlay::Help));
    update(&mut app, key(KeyCode::Char('x')));
    assert!(app.overlay().is_none());
    assert_eq!(iv(&app).editor_text(), "?", "the closing key is not typed");
}

#[test]
fn home_offers_in_progress_sessions_for_resume() {
    let mut app = app();
    let mut done = session("done");
    done.status = SessionStatus::Complete;
    update(
        &mut app,
        Msg::SessionsListed(vec![
            SessionInfo::of(&session("open1")),
            SessionInfo::of(&done),
        ]),
    );
    // Practice, Random, Mock, Resume(open1), Review, Quit.
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Down));
    }
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::OpenSession("open1".into())]);
}

#[test]
fn picker_filters_as_you_type_and_starts_the_match() {
    let mut app = app();
    update(&mut app, key(KeyCode::Char('p')));
    assert_eq!(app.screen.name(), "picker");
    typed(&mut app, "feed");
    let effects = update(&mut app, key(KeyCode::Enter));
    match effects.as_slice() {
        [Effect::CreateSession(s)] => assert_eq!(s.scenario, "news-feed"),
        other => panic!("{other:?}"),
    }
    // Esc clears the filter first, then goes home.
    let mut app = fixture::app();
    update(&mut app, key(KeyCode::Char('p')));
    typed(&mut app, "zzz");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen.name(), "picker");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.screen.name(), "home");
}

#[test]
fn random_draw_is_deterministic_for_a_seed() {
    let pick = || {
        let mut app = fixture::app();
        // A preview first; Enter starts it.
        assert!(update(&mut app, key(KeyCode::Char('r'))).is_empty());
        assert_eq!(app.screen.name(), "random-preview");
        match update(&mut app, key(KeyCode::Enter)).as_slice() {
            [Effect::CreateSession(s)] => s.scenario.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(pick(), pick());
}

#[test]
fn word_delete_and_undo_redo() {
    let mut app = interview_app();
    typed(&mut app, "alpha beta");
    update(&mut app, ctrl('w'));
    assert_eq!(iv(&app).editor_text(), "alpha ");
    update(&mut app, ctrl('z'));
    assert_eq!(iv(&app).editor_text(), "alpha beta");
    update(&mut app, ctrl('y'));
    assert_eq!(iv(&app).editor_text(), "alpha ");
    update(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Backspace,
            crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    assert_eq!(iv(&app).editor_text(), "");
}

#[test]
fn finish_asks_then_scores_saves_and_shows_the_scorecard() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    typed(
        &mut app,
        "The pain point is fraud losses; chargebacks are the labels.",
    );
    update(&mut app, ctrl('g'));
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Confirm {
            action: ConfirmAction::Finish,
            ..
        })
    ));
    assert_eq!(app.screen.name(), "interview", "nothing happens before yes");
    let effects = update(&mut app, key(KeyCode::Enter));
    let s = saved(&effects).expect("the finished session is saved");
    assert_eq!(s.status, SessionStatus::Complete);
    assert_eq!(s.ended_at, Some(at_ms(0)));
    assert!(effects.contains(&Effect::CloseSession));
    // The self-assessment step comes first; Enter with no guess skips it.
    assert_eq!(app.screen.name(), "predict");
    update(&mut app, key(KeyCode::Enter));
    let Some(card) = app.screen.get::<ScorecardView>() else {
        panic!("not on the scorecard: {}", app.screen.name());
    };
    let pain = card
        .card
        .criterion("pain-point")
        .expect("pain-point scored");
    assert_ne!(pain.status, mlsd_coach::core::scoring::Status::Missing);
    // Export goes to the runtime; Esc goes home.
    let mut app = app;
    assert!(update(&mut app, key(KeyCode::Char('e'))).is_empty());
    match app.overlay() {
        Some(Overlay::Prompt { input, .. }) => {
            assert_eq!(
                input, "/tmp/sessions/s1.md",
                "the default: the export directory"
            )
        }
        o => panic!("no path prompt: {o:?}"),
    }
    // The path can be edited before Enter.
    for _ in 0.."s1.md".len() {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "report.md");
    let effects = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(effects.as_slice(), [Effect::ExportMarkdown { path, .. }] if path == std::path::Path::new("/tmp/sessions/report.md")),
        "{effects:?}"
    );
    update(
        &mut app,
        Msg::Exported(Ok("/tmp/sessions/report.md".into())),
    );
    assert_eq!(
        app.ctx.status.as_ref().unwrap().text,
        "exported to /tmp/sessions/report.md"
    );
    let effects = update(&mut app, key(KeyCode::Esc));
    assert_eq!(effects, vec![Effect::ListSessions]);
    assert_eq!(app.screen.name(), "home");
}

#[test]
fn live_panel_rescores_after_the_debounce_not_on_every_key() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    update(&mut app, ctrl('l'));
    update(&mut app, Msg::Tick(at_ms(1)));
    typed(&mut app, "The pain point is fraud losses.");
    assert!(iv(&app).score_due.is_some());
    update(&mut app, Msg::Tick(at_ms(300)));
    assert!(iv(&app).score_due.is_some(), "not yet");
    update(&mut app, Msg::Tick(at_ms(700)));
    assert!(iv(&app).score_due.is_none());
    let card = iv(&app).card.as_ref().expect("scored");
    assert_ne!(
        card.criterion("pain-point").unwrap().status,
        mlsd_coach::core::scoring::Status::Missing
    );
}
