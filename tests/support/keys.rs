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
