//! Application state and the pure `update` function.
//!
//! `update(&mut App, Msg) -> Vec<Effect>` does no IO and never reads the
//! clock: time arrives as `Msg::Tick(now)`, results of IO arrive as
//! messages, and everything that touches the outside world leaves as an
//! [`Effect`] for the runtime to execute.
//!
//! The shared vocabulary (`Msg`, `Effect`, `Ctx`, `ScreenView`, `Screen`,
//! …) lives in [`crate::tui::vocab`] and is re-exported here; this module
//! adds the app state, the start-up and the global keys. It is the one
//! module (with the runtime and the frame drawing) that knows every screen.
//!
//! Adding a screen: a module under `screens/` with a state type that
//! implements [`ScreenView`]; open it with `ctx.goto(Screen::new(..))`.

use crate::core::content::Content;
use crate::core::session::Session;
use crate::core::store::SessionsDir;
use crate::tui::Start;
use crate::tui::save_failed::{Choice, SaveFailed};
use crate::tui::screens::{self, home::Home};
use crate::tui::theme::Theme;
use crate::tui::view;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::sync::Arc;

pub use crate::tui::vocab::{
    AfterSave, ConfirmAction, Ctx, Effect, KeyHelp, Msg, Overlay, Screen, ScreenView, SessionInfo,
    Status, after_save, key,
};

pub struct App {
    pub ctx: Ctx,
    pub screen: Screen,
    /// Set once `Effect::Quit` has been issued.
    pub quitting: bool,
    /// The terminal's size, from `Msg::Resize` (the runtime sends one at
    /// start); `None` until known.
    pub size: Option<(u16, u16)>,
    /// The screen shows a session its `Effect::CreateSession` has not
    /// created yet (practice and mock open at once, before the file is
    /// written): nothing to save, input ignored until `SessionOpened` (or
    /// an error, which goes home).
    pub creating: bool,
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
            ctx: Ctx::new(content, sessions, theme, now, StdRng::seed_from_u64(seed)),
            screen: Screen::new(Home::default()),
            quitting: false,
            size: None,
            creating: false,
        }
    }

    /// Open the screen the command line asked for; returns the first effects.
    pub fn start(&mut self, start: Start) -> Vec<Effect> {
        // Home's list of resumable sessions; the review screens load their
        // own (home lists again when opened).
        let mut effects = match start {
            Start::Review | Start::Drill => Vec::new(),
            _ => vec![Effect::ListSessions],
        };
        match start {
            Start::Home => {}
            Start::Practice { scenario } => {
                let scenario = match scenario {
                    Some(id) if self.ctx.content.scenario(&id).is_none() => {
                        self.ctx.error(format!("no scenario '{id}'; pick one"));
                        self.screen = Screen::new(screens::picker::Picker::new(&self.ctx));
                        return effects;
                    }
                    Some(id) => Some(id),
                    None => screens::picker::random_scenario(&mut self.ctx),
                };
                match scenario {
                    Some(id) => {
                        let create = screens::interview::create(&self.ctx, &id);
                        self.show_creating(&create);
                        effects.extend(create);
                    }
                    None => self.ctx.error("the content pack has no scenarios"),
                }
            }
            Start::Mock {
                minutes,
                scenario,
                seed,
            } => {
                let create = crate::tui::mock::start(&mut self.ctx, minutes, scenario, seed);
                if let Some(next) = self.ctx.take_goto() {
                    self.screen = next;
                }
                self.show_creating(&create);
                effects.extend(create);
            }
            Start::Review | Start::Drill => {
                use screens::review::{Review, Then};
                let then = if start == Start::Drill {
                    Then::Drill
                } else {
                    Then::List
                };
                self.screen = Screen::new(Review::new(then));
                effects.push(Effect::LoadReview(self.ctx.content.clone()));
            }
        }
        effects
    }

    /// Show the screen of the session `effects` create, at once: the first
    /// frame need not wait for the file to be written. Its own effects are
    /// dropped; the real screen comes with `Msg::SessionOpened`.
    fn show_creating(&mut self, effects: &[Effect]) {
        let Some(session) = effects.iter().find_map(|e| match e {
            Effect::CreateSession(s) => Some(s),
            _ => None,
        }) else {
            return;
        };
        let _ = screens::open_session(&mut self.ctx, (**session).clone(), false);
        if let Some(next) = self.ctx.take_goto() {
            self.screen = next;
            self.creating = true;
        }
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.ctx.overlay()
    }

    /// Is the terminal too small to show the screen ("Terminal too
    /// small")? Then keys, pastes and clicks are ignored: nothing may
    /// change unseen. Ctrl-C still saves and quits.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < view::MIN_WIDTH || h < view::MIN_HEIGHT)
    }

    /// The next time the app needs a `Tick`, if any. The runtime blocks on
    /// input until then (forever when `None`).
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.screen.view().deadline()
    }

    /// The session to save if the program dies now (none while it is
    /// being created: it has no id yet, and nothing was typed).
    pub fn snapshot(&self) -> Option<Session> {
        if self.creating {
            return None;
        }
        self.screen.view().snapshot()
    }
}

fn is_press(k: &KeyEvent) -> bool {
    k.kind != KeyEventKind::Release
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char(c)
}

/// Carry out a leave or quit a screen asked for ([`after_save`]): wait for
/// the save among `effects` to succeed, or with nothing to save, at once.
fn settle_request(ctx: &mut Ctx, effects: &mut Vec<Effect>) {
    if let Some(then) = ctx.take_request() {
        if effects.iter().any(|e| matches!(e, Effect::Save(_))) {
            ctx.wait_for_save(then);
        } else {
            effects.extend(proceed(ctx, then));
        }
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
        Msg::Key(k) if app.creating && ctrl(&k, 'c') => effects.push(Effect::Quit),
        Msg::Key(_) | Msg::Paste(_) | Msg::Mouse(_) | Msg::Tick(_) if app.creating => {}
        Msg::Tick(now) => {
            if now > app.ctx.now {
                app.ctx.now = now;
            }
            effects = app.screen.view_mut().update(&mut app.ctx, Msg::Tick(now));
        }
        Msg::Key(k) if !is_press(&k) => {}
        Msg::Resize(w, h) => {
            app.size = Some((w, h));
            effects = app
                .screen
                .view_mut()
                .update(&mut app.ctx, Msg::Resize(w, h));
        }
        Msg::Key(k) if app.too_small() && !ctrl(&k, 'c') => {}
        Msg::Paste(_) | Msg::Mouse(_) if app.too_small() => {}
        Msg::Key(k) if ctrl(&k, 'c') => {
            app.ctx.take_overlay();
            effects = app.screen.view_mut().on_quit(&mut app.ctx);
            settle_request(&mut app.ctx, &mut effects);
            if app.ctx.waiting_for_save().is_none() && !effects.contains(&Effect::Quit) {
                effects.push(Effect::Quit);
            }
        }
        Msg::Key(k) if app.ctx.overlay().is_some() => {
            effects = overlay_key(app, k);
        }
        Msg::Key(k)
            if k.code == KeyCode::F(1)
                || (k.code == KeyCode::Char('?') && !app.screen.view().takes_text()) =>
        {
            app.ctx.open(Overlay::Help);
        }
        Msg::SessionsListed(list) => {
            app.ctx.listing = list.clone();
            effects = app
                .screen
                .view_mut()
                .update(&mut app.ctx, Msg::SessionsListed(list));
        }
        Msg::ContentLoaded(content) => app.ctx.content = content,
        Msg::SessionOpened { session, read_only } => {
            app.creating = false;
            effects = screens::open_session(&mut app.ctx, *session, read_only);
        }
        Msg::Error(e) => {
            app.ctx.error(e);
            // The session shown could not be created: home, as before it.
            if app.creating {
                app.creating = false;
                app.screen = Screen::new(Home::default());
            }
        }
        Msg::Saved { id, result } => {
            app.ctx.save_failure = result.as_ref().err().cloned();
            let after = app.ctx.take_waiting();
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
                    app.ctx
                        .open(Overlay::SaveFailed(SaveFailed::new(error, then)));
                }
                (None, _) => {}
            }
        }
        Msg::RecoveryWritten(result) => match app.ctx.overlay_mut() {
            Some(Overlay::SaveFailed(d)) => d.recovery = Some(result),
            _ => match result {
                Ok(p) => app
                    .ctx
                    .info(format!("recovery copy written to {}", p.display())),
                Err(e) => app.ctx.error(format!("no recovery copy: {e}")),
            },
        },
        Msg::Paste(text) if matches!(app.ctx.overlay(), Some(Overlay::Prompt { .. })) => {
            if let Some(Overlay::Prompt { input, .. }) = app.ctx.overlay_mut() {
                input.push_str(&crate::tui::text::clean_line(&text));
            }
        }
        Msg::Paste(_) | Msg::Mouse(_) if app.ctx.overlay().is_some() => {}
        msg => {
            app.ctx.status = match msg {
                Msg::Key(_) => None,
                _ => app.ctx.status.take(),
            };
            effects = app.screen.view_mut().update(&mut app.ctx, msg);
        }
    }
    settle_request(&mut app.ctx, &mut effects);
    if let Some(next) = app.ctx.take_goto() {
        app.screen = next;
    }
    if effects.contains(&Effect::Quit) {
        app.quitting = true;
    }
    effects
}

fn overlay_key(app: &mut App, k: KeyEvent) -> Vec<Effect> {
    match app.ctx.take_overlay() {
        Some(Overlay::Help) => Vec::new(),
        Some(Overlay::Confirm { text, action }) => match k.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => app
                .screen
                .view_mut()
                .update(&mut app.ctx, Msg::Confirmed(action)),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Vec::new(),
            _ => {
                app.ctx.open(Overlay::Confirm { text, action });
                Vec::new()
            }
        },
        Some(Overlay::SaveFailed(d)) => save_failed_key(app, d, k),
        Some(Overlay::Prompt {
            text,
            mut input,
            action,
        }) => {
            match k.code {
                KeyCode::Enter => {
                    let value = input.trim().to_string();
                    return app
                        .screen
                        .view_mut()
                        .update(&mut app.ctx, Msg::Prompted { action, value });
                }
                KeyCode::Esc => return Vec::new(),
                KeyCode::Backspace => {
                    input.pop();
                }
                KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => input.clear(),
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => input.push(c),
                _ => {}
            }
            app.ctx.open(Overlay::Prompt {
                text,
                input,
                action,
            });
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn save_failed_key(app: &mut App, mut d: SaveFailed, k: KeyEvent) -> Vec<Effect> {
    let snapshot = app.snapshot();
    match (d.choice(&k), snapshot) {
        (Some(Choice::Retry), Some(s)) => {
            app.ctx.wait_for_save(d.then);
            vec![Effect::Save(Box::new(s))]
        }
        (Some(Choice::Recover), Some(s)) => {
            d.recovery = None;
            app.ctx.open(Overlay::SaveFailed(d));
            vec![Effect::WriteRecovery(Box::new(s))]
        }
        // Nothing left to save (the screen has no session any more).
        (Some(Choice::Retry | Choice::Recover | Choice::Abandon), _) => {
            proceed(&mut app.ctx, d.then)
        }
        (Some(Choice::Stay), _) => Vec::new(),
        (None, _) => {
            app.ctx.open(Overlay::SaveFailed(d));
            Vec::new()
        }
    }
}
