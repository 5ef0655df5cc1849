//! Key events, typing and saved-session lookup shared by the TUI test
//! fixtures (included with `#[path]` from each fixture).
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlsd_coach::core::session::Session;
use mlsd_coach::tui::app::{App, Effect, Msg, update};

/// The fixed instant the tests start from.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn alt(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::ALT))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        effects.extend(update(app, key(code)));
    }
    effects
}

pub fn saved(effects: &[Effect]) -> Option<&Session> {
    effects.iter().rev().find_map(|e| match e {
        Effect::Save(s) => Some(s.as_ref()),
        _ => None,
    })
}

/// What the runtime does with a batch of effects, as far as saving goes:
/// each `Save` succeeds (or fails with `error`) and its result is fed
/// back. Returns the batch followed by the effects the results caused.
pub fn run_saves(app: &mut App, effects: Vec<Effect>, error: Option<&str>) -> Vec<Effect> {
    let mut all = effects.clone();
    for e in effects {
        if let Effect::Save(s) = e {
            let result = match error {
                None => Ok(std::path::PathBuf::from(format!("{}.yaml", s.id))),
                Some(e) => Err(e.to_string()),
            };
            let more = update(
                app,
                Msg::Saved {
                    id: s.id.clone(),
                    result,
                },
            );
            all.extend(run_saves(app, more, error));
        }
    }
    all
}

/// `update`, with every save the message causes succeeding.
pub fn update_saved(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = update(app, msg);
    run_saves(app, effects, None)
}
