//! The interactive coach.
//!
//! - `vocab`: what the screens and the app share: [`vocab::Msg`],
//!   [`vocab::Effect`], [`vocab::Ctx`] (state every screen sees), the
//!   [`vocab::ScreenView`] trait and the [`vocab::Screen`] holding one. It
//!   names no screen.
//! - `app`: state ([`app::App`] = shared `Ctx` + the current `Screen`) and
//!   the pure [`app::update`]: no IO and no clock reads; time arrives as
//!   `Msg::Tick(now)`, IO results as messages.
//! - `screens/*`, `mock/`: one module per screen, each a state type
//!   implementing `ScreenView` (name, update, render from `&self`, footer
//!   keys, help, deadline, snapshot, on_quit). Screens import `vocab`, never
//!   `app`, `view` or `runtime`.
//! - `view`: the frame: screen, footer (keys + status), overlays (help,
//!   confirm) and the "terminal too small" notice.
//! - `editor`: the answer editor (ratatui-textarea for editing, our own
//!   soft wrap for display, so long answers stay fast).
//! - `runtime`: the only module that touches the terminal, reads the clock
//!   or does IO (store, export); panic hook, signal handler, emergency save.
//! - `history` (the scored sessions the review screens browse), `layout`,
//!   `theme`, `text`: styles (named ANSI colours or, with `NO_COLOR`,
//!   modifiers only), sanitising, width-aware truncation and wrapping.
//!
//! Ticks: the runtime blocks on input until [`app::App::deadline`] (the
//! earliest deadline of the current screen: autosave, re-score, a running
//! clock) and sends `Msg::Tick(now)` before each batch of input and when
//! the deadline passes. A screen with a running clock returns a deadline
//! one second ahead; an idle screen returns `None` and costs no CPU.
//!
//! Adding a screen: a module under `screens/` with a type implementing
//! `ScreenView`. Navigate with `ctx.goto(Screen::new(..))`; ask with
//! `ctx.confirm(text, ConfirmAction::..)` (the answer comes back as
//! `Msg::Confirmed`).

pub mod app;
pub mod brief;
pub mod editor;
pub mod history;
pub mod layout;
pub mod mock;
pub mod runtime;
pub mod save_failed;
pub mod screens;
pub mod text;
pub mod theme;
pub mod undo;
pub mod view;
pub mod vocab;

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

/// Run the coach on `content`; with `whole`, `content` is only the
/// built-in pack's sketch (see `core::content::embedded_sketch`), enough for the
/// first frame, and the whole replaces it before any input is read.
pub fn run(
    content: Content,
    whole: Option<fn() -> Content>,
    sessions: SessionsDir,
    start: Start,
) -> anyhow::Result<()> {
    runtime::run(content, whole, sessions, start)
}
