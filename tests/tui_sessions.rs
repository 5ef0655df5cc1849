//! Sessions a user no longer wants: an empty session is not kept; an
//! unfinished one is discarded from home, any one deleted from the history,
//! both after a confirmation, into `trash/` (restorable); home offers
//! "More unfinished sessions…" when they do not all fit.

#[path = "support/tui_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::core::review::score_sessions;
use mlsd_coach::core::store::Trashed;
use mlsd_coach::tui::app::{App, ConfirmAction, Effect, Msg, Overlay, Screen, SessionInfo, update};
use mlsd_coach::tui::history::ReviewData;
use mlsd_coach::tui::screens::home::{Home, Item, RESUME_MAX};
use mlsd_coach::tui::screens::review::{Page, Review};
use std::path::PathBuf;

fn confirm_text(app: &App) -> String {
    match app.overlay() {
        Some(Overlay::Confirm { text, action }) => {
            assert_eq!(*action, ConfirmAction::Discard);
            text.clone()
        }
        o => panic!("no confirmation: {o:?}"),
    }
}

#[test]
fn leaving_an_empty_practice_session_does_not_keep_it() {
    let mut app = interview_app();
    update(&mut app, ctrl('q'));
    let effects = update_saved(&mut app, key(KeyCode::Char('y')));
    assert!(saved(&effects).is_none(), "{effects:?}");
    assert!(effects.contains(&Effect::CloseSession));
    assert!(effects.contains(&Effect::RemoveBlank("s1".into())));
    assert_eq!(app.screen.name(), "home");
    // With a word typed, it is saved and kept.
    let mut app = interview_app();
    typed(&mut app, "fraud");
    update(&mut app, ctrl('q'));
    let effects = update_saved(&mut app, key(KeyCode::Char('y')));
    assert_eq!(
        saved(&effects).unwrap().answer("pain-point").unwrap().text,
        "fraud"
    );
    assert!(!effects.iter().any(|e| matches!(e, Effect::RemoveBlank(_))));
}

fn unfinished(n: usize) -> Vec<SessionInfo> {
    (0..n)
        .map(|i| {
            let mut s = session(&format!("2026-11-2{i}T09-00-00_fraud-detection_u00{i}"));
            s.answer_mut("pain-point").text = "x".into();
            SessionInfo::of(&s)
        })
        .collect()
}

#[test]
fn home_offers_more_when_unfinished_sessions_do_not_fit() {
    let mut app = app();
    update(&mut app, Msg::SessionsListed(unfinished(RESUME_MAX + 2)));
    let items = Home::items(&app.ctx);
    let resumes = items
        .iter()
        .filter(|i| matches!(i, Item::Resume(_)))
        .count();
    assert_eq!(resumes, RESUME_MAX);
    assert!(items.contains(&Item::More(2)));
    let pos = items.iter().position(|i| *i == Item::More(2)).unwrap();
    for _ in 0..pos {
        update(&mut app, key(KeyCode::Down));
    }
    let effects = update(&mut app, key(KeyCode::Enter));
    assert!(matches!(effects[..], [Effect::LoadReview(_)]));
    let review = app.screen.get::<Review>().expect("the history");
    assert!(review.unfinished);
    // Exactly as many as fit: no "more".
    let mut app = self::app();
    update(&mut app, Msg::SessionsListed(unfinished(RESUME_MAX)));
    assert!(
        !Home::items(&app.ctx)
            .iter()
            .any(|i| matches!(i, Item::More(_)))
    );
}

#[test]
fn home_discards_an_unfinished_session_into_the_trash_and_brings_it_back() {
    let mut app = app();
    let listing = unfinished(1);
    let id = listing[0].id.clone();
    update(&mut app, Msg::SessionsListed(listing));
    // Move to the resume row (after practise, random, mock).
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Down));
    }
    update(&mut app, key(KeyCode::Char('x')));
    let text = confirm_text(&app);
    assert!(text.contains("1 answered"), "{text}");
    assert!(text.contains("/tmp/sessions/trash"), "{text}");
    // "n" keeps it.
    assert!(update(&mut app, key(KeyCode::Char('n'))).is_empty());
    update(&mut app, key(KeyCode::Char('x')));
    let effects = update(&mut app, key(KeyCode::Char('y')));
    assert_eq!(effects, vec![Effect::TrashSession(id.clone())]);
    let path = PathBuf::from(format!("/tmp/sessions/trash/{id}.yaml"));
    let effects = update(
        &mut app,
        Msg::Trashed {
            id: id.clone(),
            result: Ok(path.clone()),
        },
    );
    assert_eq!(effects, vec![Effect::ListSessions]);
    let status = app.ctx.status.clone().unwrap().text;
    assert!(status.contains(&path.display().to_string()) && status.contains("u brings it back"));
    let effects = update(&mut app, key(KeyCode::Char('u')));
    assert_eq!(effects, vec![Effect::RestoreSession(id)]);
}

fn history_app(trash: Vec<Trashed>) -> App {
    let mut app = app();
    let mut s = session("2026-11-27T09-00-00_fraud-detection_h001");
    s.answer_mut("pain-point").text = "The pain point is fraud.".into();
    s.status = mlsd_coach::core::session::SessionStatus::Complete;
    let mut data = ReviewData::new(
        &app.ctx.content,
        score_sessions(&app.ctx.content, vec![s]),
        vec![],
    );
    data.trash = trash;
    app.screen = Screen::new(Review::with_data(data));
    app
}

#[test]
fn history_deletes_into_the_trash_and_restores_from_it() {
    let mut app = history_app(vec![]);
    update(&mut app, key(KeyCode::Delete));
    let text = confirm_text(&app);
    assert!(
        text.contains("Delete this practice session (1 answered)"),
        "{text}"
    );
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::TrashSession(
            "2026-11-27T09-00-00_fraud-detection_h001".into()
        )]
    );
    let effects = update(
        &mut app,
        Msg::Trashed {
            id: "x".into(),
            result: Ok("/tmp/sessions/trash/x.yaml".into()),
        },
    );
    assert!(matches!(effects[..], [Effect::LoadReview(_)]));

    // The trash page lists what is there; Enter restores.
    let mut s = session("2026-11-20T09-00-00_fraud-detection_t001");
    s.answer_mut("pain-point").text = "old".into();
    let mut app = history_app(vec![Trashed {
        id: "2026-11-20T09-00-00_fraud-detection_t001".into(),
        path: "/tmp/sessions/trash/2026-11-20T09-00-00_fraud-detection_t001.yaml".into(),
        session: Some(Box::new(s)),
    }]);
    update(&mut app, key(KeyCode::Char('t')));
    assert!(matches!(
        app.screen.get::<Review>().unwrap().page,
        Page::Trash(_)
    ));
    insta::assert_snapshot!("history_trash_80x24", draw_text(&app, 80, 24));
    let effects = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::RestoreSession(
            "2026-11-20T09-00-00_fraud-detection_t001".into()
        )]
    );
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(
        app.screen.get::<Review>().unwrap().page,
        Page::List
    ));
}

fn draw_text(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| mlsd_coach::tui::view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}
