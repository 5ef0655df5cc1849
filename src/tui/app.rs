//! Application state and the pure `update` function.
//!
//! `update(&mut App, Msg) -> Vec<Effect>` does no IO and never reads the
//! clock: time arrives as `Msg::Tick(now)`, results of IO arrive as
//! messages, and everything that touches the outside world leaves as an
//! [`Effect`] for the runtime to execute.
//!
//! Adding a screen: a module under `screens/` with a state type that
//! implements [`ScreenView`], a variant of [`Screen`], and an arm in
//! [`Screen::view`] / [`Screen::view_mut`].

use crate::core::content::Content;
use crate::core::scoring::Scorecard;
use crate::core::session::{Mode, Session, SessionStatus};
use crate::core::store::SessionsDir;
use crate::tui::Start;
pub use crate::tui::save_failed::AfterSave;
use crate::tui::save_failed::{Choice, SaveFailed};
use crate::tui::screens::{self, home::Home};
use crate::tui::theme::Theme;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use rand::SeedableRng;
use rand::rngs::StdRng;
use ratatui::Frame;
use ratatui::layout::Rect;
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
    /// Result of `Effect::LoadReview`: every session scored, damaged files.
    ReviewLoaded(Result<Arc<screens::review::ReviewData>, String>),
    /// Result of `Effect::ExportMarkdown`.
    Exported(Result<PathBuf, String>),
    /// Result of `Effect::WriteRecovery`: where the copy went.
    RecoveryWritten(Result<PathBuf, String>),
    /// An effect failed; shown in the status line.
    Error(String),
    /// The user answered "yes" to a confirmation (delivered to the screen).
    Confirmed(ConfirmAction),
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
    /// Write a Markdown report next to the sessions (→ `Msg::Exported`).
    ExportMarkdown {
        session: Box<Session>,
        scorecard: Box<Scorecard>,
    },
    /// List and score every session for the review screens (→ `Msg::ReviewLoaded`).
    LoadReview(Arc<Content>),
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
    /// Why the last save failed, while it stays unsaved (shown in the
    /// footer until a save succeeds or the session is closed).
    pub save_failure: Option<String>,
    /// Leave or quit when the save in flight succeeds (see [`after_save`]).
    after_save: Option<AfterSave>,
    goto: Option<Screen>,
    overlay: Option<Overlay>,
}

impl Ctx {
    /// Switch to `screen` after the current update.
    pub fn goto(&mut self, screen: Screen) {
        self.goto = Some(screen);
    }
    pub fn open(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
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

/// One screen's behaviour. Only `update`, `render` and `keys` are required.
pub trait ScreenView {
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

/// The screens. Per-screen state lives in the variant.
pub enum Screen {
    Home(Home),
    Picker(screens::picker::Picker),
    Interview(Box<screens::interview::Interview>),
    Scorecard(Box<screens::scorecard::ScorecardView>),
    Mock(Box<crate::tui::mock::MockScreen>),
    /// History, session view, compare, progress (and the drill entry).
    Review(Box<screens::review::Review>),
    /// Self-assessment before the scorecard.
    Predict(Box<screens::review::predict::Predict>),
}

impl Screen {
    pub fn view(&self) -> &dyn ScreenView {
        match self {
            Screen::Home(s) => s,
            Screen::Picker(s) => s,
            Screen::Interview(s) => s.as_ref(),
            Screen::Scorecard(s) => s.as_ref(),
            Screen::Mock(s) => s.as_ref(),
            Screen::Review(s) => s.as_ref(),
            Screen::Predict(s) => s.as_ref(),
        }
    }
    pub fn view_mut(&mut self) -> &mut dyn ScreenView {
        match self {
            Screen::Home(s) => s,
            Screen::Picker(s) => s,
            Screen::Interview(s) => s.as_mut(),
            Screen::Scorecard(s) => s.as_mut(),
            Screen::Mock(s) => s.as_mut(),
            Screen::Review(s) => s.as_mut(),
            Screen::Predict(s) => s.as_mut(),
        }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Home(_) => "home",
            Screen::Picker(_) => "picker",
            Screen::Interview(_) => "interview",
            Screen::Scorecard(_) => "scorecard",
            Screen::Mock(_) => "mock",
            Screen::Review(_) => "review",
            Screen::Predict(_) => "predict",
        }
    }
}

pub struct App {
    pub ctx: Ctx,
    pub screen: Screen,
    /// Set once `Effect::Quit` has been issued.
    pub quitting: bool,
}

impl App {
    /// A new app on the home screen; call [`App::start`] for the initial effects.
    pub fn new(
        content: Arc<Content>,
        sessions: SessionsDir,
        theme: Theme,
        now: DateTime<Utc>,
        seed: u64,
    ) -> App {
        App {
            ctx: Ctx {
                content,
                sessions,
                theme,
                now,
                rng: StdRng::seed_from_u64(seed),
                status: None,
                listing: Vec::new(),
                save_failure: None,
                after_save: None,
                goto: None,
                overlay: None,
            },
            screen: Screen::Home(Home::default()),
            quitting: false,
        }
    }

    /// Open the screen the command line asked for; returns the first effects.
    pub fn start(&mut self, start: Start) -> Vec<Effect> {
        let mut effects = vec![Effect::ListSessions];
        match start {
            Start::Home => {}
            Start::Practice { scenario } => {
                let scenario = match scenario {
                    Some(id) if self.ctx.content.scenario(&id).is_none() => {
                        self.ctx.error(format!("no scenario '{id}'; pick one"));
                        self.screen = Screen::Picker(screens::picker::Picker::new(&self.ctx));
                        return effects;
                    }
                    Some(id) => Some(id),
                    None => screens::picker::random_scenario(&mut self.ctx),
                };
                match scenario {
                    Some(id) => effects.extend(screens::interview::create(&self.ctx, &id)),
                    None => self.ctx.error("the content pack has no scenarios"),
                }
            }
            Start::Mock {
                minutes,
                scenario,
                seed,
            } => effects.extend(crate::tui::mock::start(
                &mut self.ctx,
                minutes,
                scenario,
                seed,
            )),
            Start::Review | Start::Drill => {
                use screens::review::{Review, Then};
                let then = if start == Start::Drill {
                    Then::Drill
                } else {
                    Then::List
                };
                self.screen = Screen::Review(Box::new(Review::new(then)));
                effects.push(Effect::LoadReview(self.ctx.content.clone()));
            }
        }
        effects
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.ctx.overlay.as_ref()
    }

    /// The next time the app needs a `Tick`, if any. The runtime blocks on
    /// input until then (forever when `None`).
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.screen.view().deadline()
    }

    /// The session to save if the program dies now.
    pub fn snapshot(&self) -> Option<Session> {
        self.screen.view().snapshot()
    }
}

fn is_press(k: &KeyEvent) -> bool {
    k.kind != KeyEventKind::Release
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

/// Leave the session or quit once `save` (a screen's effects saving its
/// session) has succeeded: the session is closed only when its text is on
/// disk. When the save fails, [`SaveFailed`] asks what to do. With nothing
/// to save (a read-only session), at once.
pub fn after_save(ctx: &mut Ctx, then: AfterSave, save: Vec<Effect>) -> Vec<Effect> {
    if save.iter().any(|e| matches!(e, Effect::Save(_))) {
        ctx.after_save = Some(then);
        save
    } else {
        let mut effects = save;
        effects.extend(proceed(ctx, then));
        effects
    }
}

/// Close the session, then go home or quit.
fn proceed(ctx: &mut Ctx, then: AfterSave) -> Vec<Effect> {
    ctx.save_failure = None;
    let mut effects = vec![Effect::CloseSession];
    match then {
        AfterSave::Leave => effects.extend(screens::home::go(ctx)),
        AfterSave::Quit => effects.push(Effect::Quit),
    }
    effects
}

/// The one state transition function.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = Vec::new();
    match msg {
        Msg::Tick(now) => {
            if now > app.ctx.now {
                app.ctx.now = now;
            }
            effects = app.screen.view_mut().update(&mut app.ctx, Msg::Tick(now));
        }
        Msg::Key(k) if !is_press(&k) => {}
        Msg::Key(k) if ctrl(&k, 'c') => {
            app.ctx.overlay = None;
            effects = app.screen.view_mut().on_quit(&mut app.ctx);
            if app.ctx.after_save.is_none() && !effects.contains(&Effect::Quit) {
                effects.push(Effect::Quit);
            }
        }
        Msg::Key(k) if app.ctx.overlay.is_some() => {
            effects = overlay_key(app, k);
        }
        Msg::Key(k)
            if k.code == KeyCode::F(1)
                || (k.code == KeyCode::Char('?') && !app.screen.view().takes_text()) =>
        {
            app.ctx.overlay = Some(Overlay::Help);
        }
        Msg::SessionsListed(list) => {
            app.ctx.listing = list.clone();
            effects = app
                .screen
                .view_mut()
                .update(&mut app.ctx, Msg::SessionsListed(list));
        }
        Msg::SessionOpened { session, read_only } => {
            effects = screens::open_session(&mut app.ctx, *session, read_only);
        }
        Msg::Error(e) => app.ctx.error(e),
        Msg::Saved { id, result } => {
            app.ctx.save_failure = result.as_ref().err().cloned();
            let after = app.ctx.after_save.take();
            effects = app.screen.view_mut().update(
                &mut app.ctx,
                Msg::Saved {
                    id,
                    result: result.clone(),
                },
            );
            match (after, result) {
                (Some(then), Ok(_)) => effects.extend(proceed(&mut app.ctx, then)),
                (Some(then), Err(error)) => {
                    app.ctx.overlay = Some(Overlay::SaveFailed(SaveFailed::new(error, then)));
                }
                (None, _) => {}
            }
        }
        Msg::RecoveryWritten(result) => match &mut app.ctx.overlay {
            Some(Overlay::SaveFailed(d)) => d.recovery = Some(result),
            _ => match result {
                Ok(p) => app
                    .ctx
                    .info(format!("recovery copy written to {}", p.display())),
                Err(e) => app.ctx.error(format!("no recovery copy: {e}")),
            },
        },
        Msg::Paste(_) | Msg::Mouse(_) if app.ctx.overlay.is_some() => {}
        msg => {
            app.ctx.status = match msg {
                Msg::Key(_) => None,
                _ => app.ctx.status.take(),
            };
            effects = app.screen.view_mut().update(&mut app.ctx, msg);
        }
    }
    if let Some(next) = app.ctx.goto.take() {
        app.screen = next;
    }
    if effects.contains(&Effect::Quit) {
        app.quitting = true;
    }
    effects
}

fn overlay_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    match app.ctx.overlay.take() {
        Some(Overlay::Help) => Vec::new(),
        Some(Overlay::Confirm { text, action }) => match k.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => app
                .screen
                .view_mut()
                .update(&mut app.ctx, Msg::Confirmed(action)),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Vec::new(),
            _ => {
                app.ctx.overlay = Some(Overlay::Confirm { text, action });
                Vec::new()
            }
        },
        Some(Overlay::SaveFailed(d)) => save_failed_key(app, d, k),
        None => Vec::new(),
    }
}

fn save_failed_key(app: &mut App, mut d: SaveFailed, k: KeyEvent) -> Vec<Effect> {
    let snapshot = app.snapshot();
    match (d.choice(&k), snapshot) {
        (Some(Choice::Retry), Some(s)) => {
            after_save(&mut app.ctx, d.then, vec![Effect::Save(Box::new(s))])
        }
        (Some(Choice::Recover), Some(s)) => {
            d.recovery = None;
            app.ctx.overlay = Some(Overlay::SaveFailed(d));
            vec![Effect::WriteRecovery(Box::new(s))]
        }
        // Nothing left to save (the screen has no session any more).
        (Some(Choice::Retry | Choice::Recover | Choice::Abandon), _) => {
            proceed(&mut app.ctx, d.then)
        }
        (Some(Choice::Stay), _) => Vec::new(),
        (None, _) => {
            app.ctx.overlay = Some(Overlay::SaveFailed(d));
            Vec::new()
        }
    }
}
