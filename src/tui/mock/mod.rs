//! The timed mock interview screen: the framing questions under a phase
//! clock, curveballs to answer, a client to question, no hints and no live
//! criteria. At time-up the answers lock, the session is saved complete and
//! the scorecard opens with the pacing chart, the key facts never asked
//! for and the curveballs with their responses.
//!
//! The logic lives in `core::mock`; this module feeds it the runtime's
//! ticks and keys and records its events in the session.

pub mod report;
pub mod view;

use crate::core::content::Content;
use crate::core::mock::{MockInterview, PhasePlan, curveball_answer_key};
use crate::core::review::score_session;
use crate::core::scoring::Scorecard;
use crate::core::session::{EventKind, Mode, Session, SessionStatus};
use crate::tui::screens::interview::QuestionRef;
use crate::tui::screens::scorecard::ScorecardView;
use crate::tui::screens::{home, picker};
use crate::tui::text::normalize_input;
use crate::tui::vocab::{
    AfterSave, ConfirmAction, Ctx, Effect, KeyHelp, Msg, Screen, ScreenView, after_save, key,
};
use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};
use rand::Rng;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};

/// Autosave as in practice: at most this long after the first unsaved edit.
use crate::tui::screens::interview::AUTOSAVE_AFTER;
/// Longest question the client is asked (characters).
pub const ASK_MAX: usize = 300;

/// Where typing goes (a pending curveball always takes it first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Ask,
}

/// The client's latest reply, shown under the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub question: String,
    pub reply: String,
    pub new_fact: bool,
}

pub struct MockScreen {
    pub session: Session,
    pub mock: MockInterview,
    pub questions: Vec<QuestionRef>,
    pub current: usize,
    pub editor: TextArea<'static>,
    pub focus: Focus,
    pub ask_input: String,
    /// The response being written to the pending curveball.
    pub response: TextArea<'static>,
    pub last_reply: Option<Reply>,
    pub read_only: bool,
    last_clock: Option<DateTime<Utc>>,
    carry_ms: u64,
    save_due: Option<DateTime<Utc>>,
}

fn new_editor(text: &str, placeholder: &str) -> TextArea<'static> {
    let lines: Vec<String> = normalize_input(text)
        .split('\n')
        .map(String::from)
        .collect();
    let mut ta = TextArea::new(lines);
    ta.set_wrap_mode(WrapMode::WordOrGlyph);
    ta.set_cursor_line_style(Style::default());
    ta.set_placeholder_text(placeholder.to_string());
    ta.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    ta.set_max_histories(200);
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

/// Start a mock interview: check the scenario and length, then ask the
/// runtime to create the session (it opens through [`open`]).
pub fn start(
    ctx: &mut Ctx,
    minutes: Option<u32>,
    scenario: Option<String>,
    seed: Option<u64>,
) -> Vec<Effect> {
    let scenario = match scenario {
        Some(id) if ctx.content.scenario(&id).is_none() => {
            ctx.error(format!(
                "no scenario '{id}' (see `mlsd-coach content list`)"
            ));
            return home::go(ctx);
        }
        Some(id) => id,
        None => match picker::random_scenario(ctx) {
            Some(id) => id,
            None => {
                ctx.error("the content pack has no scenarios");
                return home::go(ctx);
            }
        },
    };
    let plan = match PhasePlan::new(&ctx.content.mock, minutes) {
        Ok(p) => p,
        Err(e) => {
            ctx.error(e.to_string());
            return home::go(ctx);
        }
    };
    let seed = seed.unwrap_or_else(|| ctx.rng.random_range(0..1_000_000));
    let session = Session {
        minutes: Some(plan.minutes),
        seed: Some(seed),
        ..Session::new(&scenario, Mode::Mock, ctx.now, &ctx.content.version)
    };
    vec![Effect::CreateSession(Box::new(session))]
}

/// Open a mock session: a running interview, or the scorecard when it is
/// complete.
pub fn open_session(ctx: &mut Ctx, session: Session, read_only: bool) -> Vec<Effect> {
    let content = ctx.content.clone();
    if session.status == SessionStatus::Complete {
        return match scorecard_view(&content, session) {
            Ok(v) => {
                ctx.goto(Screen::new(v));
                vec![Effect::CloseSession]
            }
            Err(e) => {
                ctx.error(e);
                vec![Effect::CloseSession]
            }
        };
    }
    match MockScreen::open(&content, session, read_only) {
        Ok(m) => {
            if read_only {
                ctx.info("this session is open in another mlsd-coach: read-only");
            }
            let effects = if read_only {
                Vec::new()
            } else {
                vec![Effect::Save(Box::new(m.session.clone()))]
            };
            ctx.goto(Screen::new(m));
            effects
        }
        Err(e) => {
            ctx.error(e);
            vec![Effect::CloseSession]
        }
    }
}

/// Score a mock session (see [`score_session`]).
pub fn score(content: &Content, session: &Session) -> Scorecard {
    score_session(content, session)
}

/// The scorecard screen for a finished mock session, with the mock rows.
pub fn scorecard_view(content: &Content, session: Session) -> Result<ScorecardView, String> {
    if content.scenario(&session.scenario).is_none() {
        return Err(format!(
            "session {}: scenario '{}' is not in the content pack",
            session.id, session.scenario
        ));
    }
    let card = score(content, &session);
    let extra = report::rows(content, &session, &card);
    let mut view = ScorecardView::new(content, session, card);
    report::insert_rows(&mut view.rows, extra);
    Ok(view)
}

impl MockScreen {
    /// The screen for an opened mock session (new or in progress).
    pub fn open(content: &Content, mut session: Session, read_only: bool) -> Result<Self, String> {
        let scenario = content.scenario(&session.scenario).ok_or_else(|| {
            format!(
                "session {}: scenario '{}' is not in the content pack",
                session.id, session.scenario
            )
        })?;
        let seed = session.seed.unwrap_or(0);
        let mut mock = MockInterview::new(&content.mock, scenario, session.minutes, seed)
            .map_err(|e| format!("session {}: {e}", session.id))?;
        if session.events.is_empty() {
            let evs = mock.start();
            session.events.extend(evs);
        } else {
            mock.restore(&session);
        }
        let questions: Vec<QuestionRef> = content
            .rubric
            .questions()
            .map(|(a, q)| QuestionRef {
                area: a.id.clone(),
                id: q.id.clone(),
            })
            .collect();
        let (current, text) = crate::tui::screens::interview::resume_point(&questions, &session)?;
        let response_text = mock
            .pending_curveball()
            .and_then(|c| session.answer(&curveball_answer_key(&c.id)))
            .map(|a| a.text.clone())
            .unwrap_or_default();
        let mut screen = MockScreen {
            session,
            mock,
            questions,
            current,
            editor: new_editor(&text, "Type your answer…"),
            focus: Focus::Editor,
            ask_input: String::new(),
            response: new_editor(&response_text, "Answer the client…"),
            last_reply: None,
            read_only,
            last_clock: None,
            carry_ms: 0,
            save_due: None,
        };
        // The opening question decides the phase.
        let area = screen.questions[current].area.clone();
        let evs = screen.mock.enter_area(&area);
        screen.session.events.extend(evs);
        screen.session.current_question = Some(screen.current_id().to_string());
        Ok(screen)
    }

    pub fn current_id(&self) -> &str {
        &self.questions[self.current].id
    }

    pub fn is_locked(&self) -> bool {
        self.mock.is_locked()
    }

    fn editor_text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Write the editor into the session.
    pub fn sync(&mut self) {
        let id = self.current_id().to_string();
        let text = self.editor_text();
        if self.session.answer(&id).is_some() || !text.is_empty() {
            self.session.answer_mut(&id).text = text;
        }
        if let Some(c) = self.mock.pending_curveball() {
            let key = curveball_answer_key(&c.id);
            let text = self.response.lines().join("\n");
            if self.session.answer(&key).is_some() || !text.is_empty() {
                self.session.answer_mut(&key).text = text;
            }
        }
        self.session.current_question = Some(id);
        self.session.elapsed_seconds = self.mock.clock().elapsed_secs();
        let c = self.editor.cursor();
        self.session.cursor = Some((c.0, c.1));
    }

    fn synced(&self) -> Session {
        let mut s = self.session.clone();
        let id = self.current_id();
        let text = self.editor_text();
        if s.answer(id).is_some() || !text.is_empty() {
            s.answer_mut(id).text = text;
        }
        if let Some(c) = self.mock.pending_curveball() {
            let key = curveball_answer_key(&c.id);
            let text = self.response.lines().join("\n");
            if s.answer(&key).is_some() || !text.is_empty() {
                s.answer_mut(&key).text = text;
            }
        }
        s.current_question = Some(id.to_string());
        s.elapsed_seconds = self.mock.clock().elapsed_secs();
        s
    }

    fn save(&mut self) -> Vec<Effect> {
        if self.read_only {
            return Vec::new();
        }
        self.sync();
        self.save_due = None;
        vec![Effect::Save(Box::new(self.session.clone()))]
    }

    fn save_soon(&mut self, now: DateTime<Utc>) {
        if self.save_due.is_none() {
            self.save_due = Some(now + AUTOSAVE_AFTER);
        }
    }

    /// Move to question `i`: the answer being left is kept, and the new
    /// question's area may move the clock to another phase.
    pub fn goto_question(&mut self, i: usize) -> Vec<Effect> {
        let i = i.min(self.questions.len() - 1);
        if i == self.current {
            return Vec::new();
        }
        self.sync();
        self.current = i;
        let id = self.current_id().to_string();
        let text = self
            .session
            .answer(&id)
            .map(|a| a.text.clone())
            .unwrap_or_default();
        self.editor = new_editor(&text, "Type your answer…");
        let area = self.questions[i].area.clone();
        let evs = self.mock.enter_area(&area);
        let curveball = evs
            .iter()
            .any(|e| matches!(e.kind, EventKind::Curveball { .. }));
        self.session.events.extend(evs);
        if curveball {
            self.response = new_editor("", "Answer the client…");
        }
        self.save()
    }

    /// First question of the next (`forward`) or previous area.
    fn goto_area(&mut self, forward: bool) -> Vec<Effect> {
        let area = self.questions[self.current].area.clone();
        let target = if forward {
            self.questions
                .iter()
                .enumerate()
                .skip(self.current)
                .find(|(_, q)| q.area != area)
                .map(|(i, _)| i)
        } else {
            let start = self
                .questions
                .iter()
                .position(|q| q.area == area)
                .unwrap_or(0);
            start.checked_sub(1).map(|prev| {
                let prev_area = &self.questions[prev].area;
                self.questions
                    .iter()
                    .position(|q| &q.area == prev_area)
                    .unwrap_or(prev)
            })
        };
        match target {
            Some(i) => self.goto_question(i),
            None => Vec::new(),
        }
    }

    fn toggle_pause(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        if self.read_only || self.is_locked() {
            return Vec::new();
        }
        let evs = if self.mock.clock().is_paused() {
            self.mock.resume()
        } else {
            self.mock.pause()
        };
        if self.mock.clock().is_paused() {
            ctx.info("paused (recorded in the session)");
        }
        self.session.events.extend(evs);
        self.save()
    }

    /// Let the clock run to `now`; returns effects (time-up finishes).
    fn clock(&mut self, ctx: &mut Ctx, now: DateTime<Utc>) -> Vec<Effect> {
        let dt = match self.last_clock {
            Some(last) => (now - last).num_milliseconds().max(0) as u64,
            None => 0,
        };
        if self.last_clock.is_none_or(|l| now > l) {
            self.last_clock = Some(now);
        }
        if self.read_only || dt == 0 || self.mock.clock().is_paused() {
            return Vec::new();
        }
        // A response being written when the time runs out is kept.
        if let Some(c) = self.mock.pending_curveball() {
            let text = self.response.lines().join("\n");
            if !text.trim().is_empty() {
                self.session.answer_mut(&curveball_answer_key(&c.id)).text = text;
            }
        }
        let evs = self.mock.tick(std::time::Duration::from_millis(dt));
        self.carry_ms += dt;
        if self.carry_ms >= 1000 {
            let secs = self.carry_ms / 1000;
            self.carry_ms %= 1000;
            let id = self.current_id().to_string();
            self.session.answer_mut(&id).seconds += secs;
        }
        self.session.elapsed_seconds = self.mock.clock().elapsed_secs();
        let time_up = evs.iter().any(|e| e.kind == EventKind::TimeUp);
        let curveball = evs
            .iter()
            .any(|e| matches!(e.kind, EventKind::Curveball { .. }));
        self.session.events.extend(evs);
        if time_up {
            ctx.info("time is up: answers are locked");
            return self.finish(ctx);
        }
        if curveball {
            self.response = new_editor("", "Answer the client…");
            return self.save();
        }
        Vec::new()
    }

    /// Lock the answers, save the session complete and open the scorecard.
    pub fn finish(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        self.sync();
        self.session.status = SessionStatus::Complete;
        self.session.ended_at = Some(ctx.now);
        let session = self.session.clone();
        let content = ctx.content.clone();
        match scorecard_view(&content, session.clone()) {
            // The self-assessment step comes first, as after practice.
            Ok(v) => ctx.goto(crate::tui::screens::review::predict::Predict::before(v)),
            Err(e) => {
                ctx.error(e);
                ctx.goto(Screen::new(home::Home::default()));
            }
        }
        vec![
            Effect::Save(Box::new(session)),
            Effect::CloseSession,
            Effect::ListSessions,
        ]
    }

    /// Leave for the home screen once saved (see [`after_save`]): the
    /// clock is paused (recorded), so the interview resumes paused, where
    /// it stopped.
    fn leave(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        if !self.read_only && !self.mock.clock().is_paused() {
            let evs = self.mock.pause();
            self.session.events.extend(evs);
        }
        let save = self.save();
        after_save(ctx, AfterSave::Leave, save)
    }

    fn submit_response(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(c) = self.mock.pending_curveball().cloned() else {
            return Vec::new();
        };
        let text = self.response.lines().join("\n");
        if text.trim().is_empty() {
            ctx.info("answer the client first: the interview waits for no one");
            return Vec::new();
        }
        self.session.answer_mut(&curveball_answer_key(&c.id)).text = text;
        self.mock.answer_curveball();
        let next = self
            .mock
            .pending_curveball()
            .and_then(|c| self.session.answer(&curveball_answer_key(&c.id)))
            .map(|a| a.text.clone())
            .unwrap_or_default();
        self.response = new_editor(&next, "Answer the client…");
        self.save()
    }

    fn submit_question(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let q = self.ask_input.trim().to_string();
        self.focus = Focus::Editor;
        self.ask_input.clear();
        if q.is_empty() {
            return Vec::new();
        }
        let Some((reply, ev)) = self.mock.ask(&q) else {
            return Vec::new();
        };
        self.session.events.push(ev);
        if reply.new_fact {
            ctx.info("new requirement noted");
        }
        self.last_reply = Some(Reply {
            question: q,
            reply: reply.reply,
            new_fact: reply.new_fact,
        });
        self.save()
    }

    fn curveball_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        match k.code {
            KeyCode::Char('s' | 'd') if ctrl => return self.submit_response(ctx),
            KeyCode::Enter if alt || ctrl => return self.submit_response(ctx),
            KeyCode::Char('b') if ctrl => return self.toggle_pause(ctx),
            _ => {}
        }
        let modified = match (k.code, ctrl) {
            (KeyCode::Char('z'), true) => self.response.undo(),
            (KeyCode::Char('y'), true) => self.response.redo(),
            _ => self.response.input(Input::from(k)),
        };
        if modified {
            self.save_soon(ctx.now);
        }
        Vec::new()
    }

    fn ask_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Enter => return self.submit_question(ctx),
            KeyCode::Esc => {
                self.focus = Focus::Editor;
            }
            KeyCode::Backspace => {
                self.ask_input.pop();
            }
            KeyCode::Char('u') if ctrl => self.ask_input.clear(),
            KeyCode::Char('b') if ctrl => return self.toggle_pause(ctx),
            KeyCode::Char(c) if !ctrl && self.ask_input.chars().count() < ASK_MAX => {
                self.ask_input.push(c);
            }
            _ => {}
        }
        Vec::new()
    }

    fn editor_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        match k.code {
            KeyCode::Tab => return self.goto_question(self.current + 1),
            KeyCode::BackTab => return self.goto_question(self.current.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => return self.goto_area(true),
            KeyCode::Char('p') if ctrl => return self.goto_area(false),
            KeyCode::Char('a') if ctrl => {
                self.focus = Focus::Ask;
                return Vec::new();
            }
            KeyCode::Char('b') if ctrl => return self.toggle_pause(ctx),
            KeyCode::Char('g') if ctrl => {
                ctx.confirm(
                    "Finish the interview now and see your scorecard? (y/n)",
                    ConfirmAction::Finish,
                );
                return Vec::new();
            }
            KeyCode::Char('s') if ctrl => return self.save(),
            KeyCode::Char('q') if ctrl => {
                ctx.confirm(
                    "Leave the interview? The clock pauses; resume it from the home screen.",
                    ConfirmAction::Leave,
                );
                return Vec::new();
            }
            KeyCode::Char('t' | 'l') if ctrl => {
                ctx.info("a mock is a test: no hints or live criteria until the scorecard");
                return Vec::new();
            }
            _ => {}
        }
        let modified = match (k.code, ctrl, alt) {
            (KeyCode::Char('z'), true, false) => self.editor.undo(),
            (KeyCode::Char('y'), true, false) => self.editor.redo(),
            (KeyCode::Backspace, true, _) | (KeyCode::Char('h'), true, false) => {
                self.editor.delete_word()
            }
            (KeyCode::Delete, true, _) => self.editor.delete_next_word(),
            _ => self.editor.input(Input::from(k)),
        };
        if modified {
            self.save_soon(ctx.now);
        }
        Vec::new()
    }
}

impl ScreenView for MockScreen {
    fn name(&self) -> &'static str {
        "mock"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Tick(now) => {
                let mut effects = self.clock(ctx, now);
                if self.is_locked() {
                    return effects;
                }
                if self.save_due.is_some_and(|d| d <= now) {
                    effects.extend(self.save());
                }
                effects
            }
            Msg::Key(_) | Msg::Paste(_) if self.read_only || self.is_locked() => {
                ctx.info(if self.is_locked() {
                    "time is up: answers are locked"
                } else {
                    "read-only: this session is open in another mlsd-coach"
                });
                Vec::new()
            }
            Msg::Key(k) if self.mock.clock().is_paused() => {
                let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
                match k.code {
                    KeyCode::Char('b') if ctrl => self.toggle_pause(ctx),
                    KeyCode::Char('q') if ctrl => {
                        ctx.confirm(
                            "Leave the interview? Resume it from the home screen.",
                            ConfirmAction::Leave,
                        );
                        Vec::new()
                    }
                    _ => {
                        ctx.info("paused: Ctrl-B resumes");
                        Vec::new()
                    }
                }
            }
            Msg::Key(k) if self.mock.pending_curveball().is_some() => self.curveball_key(ctx, k),
            Msg::Key(k) => match self.focus {
                Focus::Ask => self.ask_key(ctx, k),
                Focus::Editor => self.editor_key(ctx, k),
            },
            Msg::Paste(_) if self.mock.clock().is_paused() => Vec::new(),
            Msg::Paste(text) => {
                let text = normalize_input(&text);
                if self.mock.pending_curveball().is_some() {
                    if self.response.insert_str(text) {
                        self.save_soon(ctx.now);
                    }
                } else if self.focus == Focus::Ask {
                    let line = text.replace(['\n', '\t'], " ");
                    let room = ASK_MAX.saturating_sub(self.ask_input.chars().count());
                    self.ask_input.extend(line.chars().take(room));
                } else if self.editor.insert_str(text) {
                    self.save_soon(ctx.now);
                }
                Vec::new()
            }
            Msg::Mouse(m) => {
                match m.kind {
                    MouseEventKind::ScrollDown => self.editor.scroll((3, 0)),
                    MouseEventKind::ScrollUp => self.editor.scroll((-3, 0)),
                    _ => {}
                }
                Vec::new()
            }
            Msg::Confirmed(ConfirmAction::Finish) => self.finish(ctx),
            Msg::Confirmed(ConfirmAction::Leave) => self.leave(ctx),
            _ => Vec::new(),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        view::render(self, f, area, ctx);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        if self.mock.clock().is_paused() {
            return vec![key("^B", "resume"), key("^Q", "leave"), key("F1", "help")];
        }
        if self.mock.pending_curveball().is_some() {
            return vec![
                key("^S", "send response"),
                key("^B", "pause"),
                key("F1", "help"),
            ];
        }
        match self.focus {
            Focus::Ask => vec![key("Enter", "ask"), key("Esc", "cancel")],
            Focus::Editor => vec![
                key("Tab/S-Tab", "next/prev"),
                key("^N/^P", "next/prev area"),
                key("^A", "ask client"),
                key("^B", "pause"),
                key("^G", "finish"),
                key("F1", "help"),
            ],
        }
    }

    fn help(&self) -> Vec<KeyHelp> {
        vec![
            key(
                "Tab / Shift-Tab",
                "next / previous question (answers are kept)",
            ),
            key(
                "Ctrl-N / Ctrl-P",
                "first question of the next / previous area",
            ),
            key(
                "Ctrl-A",
                "ask the client a clarifying question (Enter sends)",
            ),
            key(
                "Ctrl-S",
                "in a curveball: send your response (also Alt-Enter)",
            ),
            key(
                "Ctrl-B",
                "pause / resume the clock (recorded in the session)",
            ),
            key("Ctrl-G", "finish early and see the scorecard"),
            key(
                "Ctrl-Q",
                "leave: the clock pauses; resume from the home screen",
            ),
            key("Ctrl-Z / Ctrl-Y", "undo / redo"),
            key(
                "The clock",
                "moves to the phase of the question you are on; time over a phase's budget is taken from the phases after it",
            ),
            key("Ctrl-C", "save and quit"),
        ]
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn deadline(&self) -> Option<DateTime<Utc>> {
        let tick = if self.is_locked() || self.mock.clock().is_paused() || self.read_only {
            None
        } else {
            let ms = 1000 - (self.mock.clock().elapsed_ms() % 1000);
            Some(self.last_clock.unwrap_or_default() + Duration::milliseconds(ms as i64))
        };
        match (tick, self.save_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn snapshot(&self) -> Option<Session> {
        (!self.read_only).then(|| self.synced())
    }

    fn on_quit(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        if !self.read_only && !self.mock.clock().is_paused() {
            let evs = self.mock.pause();
            self.session.events.extend(evs);
        }
        let save = self.save();
        after_save(ctx, AfterSave::Quit, save)
    }
}
