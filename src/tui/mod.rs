//! The interactive coach.
//!
//! - `app`: state, `Msg`, `Effect` and the pure `update` function;
//! - `screens/*`: one module per screen (state, update, rendering);
//! - `view`: the frame (footer, overlays, "too small");
//! - `runtime`: the only module that touches the terminal, the clock and
//!   the store;
//! - `theme`, `text`: styles (with `NO_COLOR`), sanitising and wrapping.

pub mod app;
pub mod editor;
pub mod mock;
pub mod runtime;
pub mod screens;
pub mod text;
pub mod theme;
pub mod view;

use crate::core::content::Content;
use crate::core::store::SessionsDir;

/// Which screen the coach opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Practice {
        scenario: Option<String>,
    },
    Mock {
        minutes: Option<u32>,
        scenario: Option<String>,
        seed: Option<u64>,
    },
    Review,
    Drill,
}

pub fn run(content: Content, sessions: SessionsDir, start: Start) -> anyhow::Result<()> {
    runtime::run(content, sessions, start)
}
