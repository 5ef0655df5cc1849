//! The vocabulary the screens and the app share: [`Msg`] (what happens),
//! [`Effect`] (work for the runtime), [`Ctx`] (state every screen sees),
//! the [`ScreenView`] trait and the [`Screen`] that holds one, and the
//! small types around them (keys, overlays, the status line, session
//! summaries).
//!
//! This module names no screen: screens and `app` both depend on it, and it
//! on neither, so the arrows run one way (`tests/architecture.rs`).

use crate::core::content::Content;
use crate::core::review::ScoredSession;
use crate::core::review::search::SearchIndex;
use crate::core::scoring::Scorecard;
use crate::core::session::{Mode, Session, SessionStatus};
use crate::core::store::{SessionsDir, Summary};
use crate::tui::history::ReviewData;
pub use crate::tui::save_failed::AfterSave;
use crate::tui::save_failed::SaveFailed;
use crate::tui::theme::Theme;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};
use rand::rngs::StdRng;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::any::Any;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything that can happen to the app.
#[derive(Debug, Clone)]
pub enum Msg {
    /// The clock: sent by the runtime before each batch of input and when a
    /// deadline (`App::deadline`) passes.
    Tick(DateTime<Utc>),
    Key(KeyEvent),
    /// Bracketed paste.
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Result of `Effect::ListSessions`.
    SessionsListed(Vec<SessionInfo>),
    /// Result of `Effect::CreateSession` / `Effect::OpenSession`: the session
    /// (with its id) and whether another instance holds its lock.
    SessionOpened {
        session: Box<Session>,
        read_only: bool,
    },
    /// Result of `Effect::Save`.
    Saved {
        id: String,
        result: Result<PathBuf, String>,
    },
    /// Result of `Effect::LoadReview`: every session's record, damaged files.
    ReviewLoaded(Result<Arc<ReviewData>, String>),
    /// `Effect::LoadReview` is scoring sessions: `done` of `total`.
    ReviewProgress {
        done: usize,
        total: usize,
    },
    /// The whole content pack, replacing the sketch the first frame was
    /// drawn from (before any input).
    ContentLoaded(Arc<Content>),
    /// Result of `Effect::OpenScored`: the sessions read and scored in full.
    ScoredOpened {
        /// The files asked for (`Effect::OpenScored`).
        paths: Vec<PathBuf>,
        result: Result<Vec<Arc<ScoredSession>>, String>,
    },
    /// Result of `Effect::IndexAnswers`.
    AnswersIndexed {
        generation: u64,
        index: Arc<SearchIndex>,
    },
    /// Result of `Effect::ExportMarkdown`.
    Exported(Result<PathBuf, String>),
    /// Result of `Effect::WriteRecovery`: where the copy went.
    RecoveryWritten(Result<PathBuf, String>),
    /// Result of `Effect::TrashSession`: where the file went.
    Trashed {
        id: String,
        result: Result<PathBuf, String>,
    },
    /// Result of `Effect::RestoreSession`: where the file is again.
    Restored {
        id: String,
        result: Result<PathBuf, String>,
    },
    /// An effect failed; shown in the status line.
    Error(String),
    /// The user answered "yes" to a confirmation (delivered to the screen).
    Confirmed(ConfirmAction),
    /// The user entered `value` in a prompt (delivered to the screen).
    Prompted {
        action: PromptAction,
        value: String,
    },
}

/// Work for the runtime (IO, locks, leaving).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// List sessions (→ `Msg::SessionsListed`).
    ListSessions,
    /// Give the session an id, lock it and save it (→ `Msg::SessionOpened`).
    CreateSession(Box<Session>),
    /// Load and lock a session by id (→ `Msg::SessionOpened`).
    OpenSession(String),
    /// Write the session atomically (→ `Msg::Saved`).
    Save(Box<Session>),
    /// Write the session somewhere other than the sessions directory, as
    /// it cannot be saved there (→ `Msg::RecoveryWritten`).
    WriteRecovery(Box<Session>),
    /// Release the lock of the open session.
    CloseSession,
    /// Move a session file to `trash/` in the sessions directory
    /// (→ `Msg::Trashed`).
    TrashSession(String),
    /// Move a session back from the trash, by its name there
    /// (→ `Msg::Restored`).
    RestoreSession(String),
    /// Remove a session with nothing in it (the store checks the file
    /// first); errors come back as `Msg::Error`.
    RemoveBlank(String),
    /// Write the Markdown report to `path` (relative to the directory
    /// the program started in; `~/` is the home directory). An existing
    /// file is not overwritten (→ `Msg::Exported` with the full path).
    ExportMarkdown {
        session: Box<Session>,
        scorecard: Box<Scorecard>,
        path: PathBuf,
    },
    /// Every session's record for the review screens, scoring the ones
    /// not in the score cache, in the background (→ `Msg::ReviewProgress`
    /// now and then, then `Msg::ReviewLoaded`).
    LoadReview(Arc<Content>),
    /// Read and score these session files in full (→ `Msg::ScoredOpened`).
    OpenScored(Vec<PathBuf>),
    /// Build the answer search index of these session files, in this
    /// order, in the background (→ `Msg::AnswersIndexed`).
    IndexAnswers {
        generation: u64,
        paths: Vec<PathBuf>,
    },
    /// Leave the program (after running the effects before it).
    Quit,
}

/// What a confirmation dialog confirms. Screens add variants as needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmAction {
    /// Finish the interview and show the scorecard.
    Finish,
    /// Leave the session for the home screen (it stays resumable).
    Leave,
    /// Clear the answer being written.
    ClearAnswer,
    /// Move a session file to the trash (the id is the screen's selection).
    Discard,
}

/// What a text prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptAction {
    /// Where to write the Markdown report.
    ExportPath,
}

/// A summary of a saved session for lists (home, review).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInfo {
    pub id: String,
    pub scenario: String,
    pub mode: Mode,
    pub status: SessionStatus,
    pub started_at: DateTime<Utc>,
    /// Answers with text.
    pub answered: usize,
}

impl SessionInfo {
    pub fn of(s: &Session) -> SessionInfo {
        SessionInfo {
            id: s.id.clone(),
            scenario: s.scenario.clone(),
            mode: s.mode,
            status: s.status,
            started_at: s.started_at,
            answered: s
                .answers
                .iter()
                .filter(|a| !a.text.trim().is_empty())
                .count(),
        }
    }

    /// From a listing's summary (the index), without reading the file.
    pub fn of_summary(s: &Summary) -> SessionInfo {
        SessionInfo {
            id: s.id.clone(),
            scenario: s.scenario.clone(),
            mode: s.mode,
            status: s.status,
            started_at: s.started_at,
            answered: s.answers,
        }
    }
}

/// Modal layers drawn above the screen; they get keys first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help,
    Confirm {
        text: String,
        action: ConfirmAction,
    },
    /// Leaving or quitting, the last save failed.
    SaveFailed(SaveFailed),
    /// A line of text to enter (Enter accepts, Esc cancels).
    Prompt {
        text: String,
        input: String,
        action: PromptAction,
    },
}

/// A line of the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A key and what it does (footer and help overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHelp {
    pub keys: &'static str,
    pub what: &'static str,
}

pub const fn key(keys: &'static str, what: &'static str) -> KeyHelp {
    KeyHelp { keys, what }
}

/// State shared by all screens.
pub struct Ctx {
    pub content: Arc<Content>,
    pub sessions: SessionsDir,
    pub theme: Theme,
    /// The last time the runtime told us.
    pub now: DateTime<Utc>,
    pub rng: StdRng,
    pub status: Option<Status>,
    /// The latest listing of saved sessions, newest first.
    pub listing: Vec<SessionInfo>,
    /// Where exports go by default (the runtime sets the directory the
    /// program started in; else the sessions directory).
    pub export_dir: PathBuf,
    /// Why the last save failed, while it stays unsaved (shown in the
    /// footer until a save succeeds or the session is closed).
    pub save_failure: Option<String>,
    /// Leave or quit asked for during this update (see [`after_save`]).
    requested: Option<AfterSave>,
    /// Leave or quit when the save in flight succeeds.
    after_save: Option<AfterSave>,
    goto: Option<Screen>,
    overlay: Option<Overlay>,
}

impl Ctx {
    pub fn new(
        content: Arc<Content>,
        sessions: SessionsDir,
        theme: Theme,
        now: DateTime<Utc>,
        rng: StdRng,
    ) -> Ctx {
        let export_dir = sessions.path.clone();
        Ctx {
            content,
            sessions,
            theme,
            now,
            rng,
            status: None,
            listing: Vec::new(),
            export_dir,
            save_failure: None,
            requested: None,
            after_save: None,
            goto: None,
            overlay: None,
        }
    }
    /// Switch to `screen` after the current update.
    pub fn goto(&mut self, screen: Screen) {
        self.goto = Some(screen);
    }
    /// The screen asked for during this update, if any (for the app).
    pub fn take_goto(&mut self) -> Option<Screen> {
        self.goto.take()
    }
    /// The leave or quit a screen asked for during this update (for the app).
    pub fn take_request(&mut self) -> Option<AfterSave> {
        self.requested.take()
    }
    /// Leave or quit once the save in flight succeeds (for the app).
    pub fn wait_for_save(&mut self, then: AfterSave) {
        self.after_save = Some(then);
    }
    /// What waits for the save in flight, if anything.
    pub fn waiting_for_save(&self) -> Option<AfterSave> {
        self.after_save
    }
    pub fn take_waiting(&mut self) -> Option<AfterSave> {
        self.after_save.take()
    }
    pub fn overlay_mut(&mut self) -> Option<&mut Overlay> {
        self.overlay.as_mut()
    }
    pub fn open(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
    }
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }
    /// Remove the overlay (it gets the key being handled).
    pub fn take_overlay(&mut self) -> Option<Overlay> {
        self.overlay.take()
    }
    /// Ask for a line of text, starting from `default`.
    pub fn prompt(
        &mut self,
        text: impl Into<String>,
        default: impl Into<String>,
        action: PromptAction,
    ) {
        self.overlay = Some(Overlay::Prompt {
            text: text.into(),
            input: default.into(),
            action,
        });
    }

    /// Ask where to export a session's report; the answer comes back as
    /// `Msg::Prompted { action: ExportPath, .. }`.
    pub fn ask_export_path(&mut self, id: &str) {
        let default = self.export_dir.join(format!("{id}.md"));
        self.prompt(
            "Export the report (Markdown) to:",
            default.display().to_string(),
            PromptAction::ExportPath,
        );
    }

    pub fn confirm(&mut self, text: impl Into<String>, action: ConfirmAction) {
        self.overlay = Some(Overlay::Confirm {
            text: text.into(),
            action,
        });
    }
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}

/// Leave the session or quit once `save` (a screen's effects saving its
/// session) has succeeded: the session is closed only when its text is on
/// disk. When the save fails, a [`SaveFailed`] dialog asks what to do. With
/// nothing to save (a read-only session), at once. The app carries it out
/// after the screen's update (closing the session, then home or quit).
pub fn after_save(ctx: &mut Ctx, then: AfterSave, save: Vec<Effect>) -> Vec<Effect> {
    ctx.requested = Some(then);
    save
}

/// One screen's behaviour. Only `name`, `update`, `render` and `keys` are
/// required.
pub trait ScreenView: Any {
    /// A short stable name (`"home"`, `"interview"`, …) for tests and logs.
    fn name(&self) -> &'static str;
    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect>;
    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx);
    /// Keys shown in the footer (the most useful first).
    fn keys(&self) -> Vec<KeyHelp>;
    /// Keys shown in the help overlay (default: the footer's).
    fn help(&self) -> Vec<KeyHelp> {
        self.keys()
    }
    /// True while plain characters are text input (then `?` and `q` are
    /// not global keys).
    fn takes_text(&self) -> bool {
        false
    }
    /// The next time this screen needs a `Tick` (debounce, clocks).
    fn deadline(&self) -> Option<DateTime<Utc>> {
        None
    }
    /// The session to save if the program dies now.
    fn snapshot(&self) -> Option<Session> {
        None
    }
    /// The program is quitting: save what must be saved. The app adds
    /// `Effect::Quit` unless the screen waits for a save ([`after_save`]).
    fn on_quit(&mut self, _ctx: &mut Ctx) -> Vec<Effect> {
        Vec::new()
    }
}

/// The current screen: any [`ScreenView`], with its state.
pub struct Screen(Box<dyn ScreenView>);

impl Screen {
    pub fn new(view: impl ScreenView) -> Screen {
        Screen(Box::new(view))
    }
    pub fn view(&self) -> &dyn ScreenView {
        self.0.as_ref()
    }
    pub fn view_mut(&mut self) -> &mut dyn ScreenView {
        self.0.as_mut()
    }
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
    /// The screen's state if it is a `T`.
    pub fn get<T: ScreenView>(&self) -> Option<&T> {
        (self.0.as_ref() as &dyn Any).downcast_ref()
    }
    pub fn get_mut<T: ScreenView>(&mut self) -> Option<&mut T> {
        (self.0.as_mut() as &mut dyn Any).downcast_mut()
    }
    pub fn is<T: ScreenView>(&self) -> bool {
        self.get::<T>().is_some()
    }
}
