//! The interview: scenario prompt, the framing questions by area, the
//! current question with why it matters, and the answer editor.
//!
//! The editor holds the current question's text; the session holds every
//! other answer. `sync()` writes the editor back before anything leaves
//! the screen (save, score, snapshot).

mod keys;
mod view;

pub use view::{area_position, list_width};

use crate::core::content::{Content, Scenario};
use crate::core::scoring::{AnswerInput, Scorecard, Scorer};
use crate::core::session::{Event, EventKind, Mode, Session, SessionStatus};
use crate::tui::brief::Brief;
use crate::tui::editor::Editor;
use crate::tui::screens::review::predict::Predict;
use crate::tui::text::normalize_input;
use crate::tui::vocab::{
    AfterSave, ConfirmAction, Ctx, Effect, KeyHelp, Msg, ScreenView, after_save,
};
use chrono::{DateTime, Duration, Utc};
use crossterm::event::MouseEventKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::HashMap;

/// Autosave at most this long after the first unsaved edit, however the
/// typing goes on (a steady typist never pauses long enough for a
/// debounce): a kill loses at most about this much text.
pub const AUTOSAVE_AFTER: Duration = Duration::seconds(1);
/// Re-score (live panel, coverage marks) this long after the last edit.
pub const RESCORE_AFTER: Duration = Duration::milliseconds(600);
/// The clock runs until this long after the last key (then the user is
/// taken to be away, and it stops until the next key).
pub const IDLE_CAP_MS: i64 = 60_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Questions,
}

/// One question of the interview, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRef {
    pub area: String,
    pub id: String,
}

/// Where a session resumes: the index of its current question (the first
/// when unknown) and that question's answer so far.
pub(crate) fn resume_point(
    questions: &[QuestionRef],
    session: &Session,
) -> Result<(usize, String), String> {
    if questions.is_empty() {
        return Err("the rubric has no questions".to_string());
    }
    let current = session
        .current_question
        .as_deref()
        .and_then(|id| questions.iter().position(|q| q.id == id))
        .unwrap_or(0);
    let text = session
        .answer(&questions[current].id)
        .map(|a| a.text.clone())
        .unwrap_or_default();
    Ok((current, text))
}

pub struct Interview {
    pub session: Session,
    pub questions: Vec<QuestionRef>,
    /// Index of the question being answered.
    pub current: usize,
    /// Highlighted row while the question list has focus.
    pub list_sel: usize,
    pub focus: Focus,
    pub editor: Editor,
    /// Words in the editor, refreshed when idle (not on every key).
    pub words: usize,
    pub read_only: bool,
    pub show_live: bool,
    pub show_hint: bool,
    /// Cursor per question, to come back where one left.
    cursors: HashMap<String, (usize, usize)>,
    /// Unsaved edits.
    pub dirty: bool,
    pub save_due: Option<DateTime<Utc>>,
    pub score_due: Option<DateTime<Utc>>,
    last_clock: Option<DateTime<Utc>>,
    /// The last key or paste (the clock stops [`IDLE_CAP_MS`] after it).
    last_input: Option<DateTime<Utc>>,
    carry_ms: i64,
    scorer: Option<Scorer>,
    /// The latest score of all answers (practice mode).
    pub card: Option<Scorecard>,
    /// The scenario's prompt and context above the questions.
    pub brief: Brief,
}

/// Build a new practice session for `scenario` and ask the runtime to
/// create it.
pub fn create(ctx: &Ctx, scenario: &str) -> Vec<Effect> {
    let session = Session::new(scenario, Mode::Practice, ctx.now, &ctx.content.version);
    vec![Effect::CreateSession(Box::new(session))]
}

/// What the editor holds, to write into a session.
struct EditorState {
    question: String,
    text: String,
    cursor: (usize, usize),
}

fn write_editor(s: &mut Session, e: EditorState) {
    if s.answer(&e.question).is_some() || !e.text.is_empty() {
        s.answer_mut(&e.question).text = e.text;
    }
    s.current_question = Some(e.question);
    s.cursor = Some(e.cursor);
}

fn new_editor(text: &str) -> Editor {
    Editor::new(&normalize_input(text))
}

fn count_words(lines: &[String]) -> usize {
    lines.iter().map(|l| l.split_whitespace().count()).sum()
}

impl Interview {
    /// The interview for an opened session. Errors name what is missing.
    pub fn open(content: &Content, session: Session, read_only: bool) -> Result<Interview, String> {
        if content.scenario(&session.scenario).is_none() {
            return Err(format!(
                "session {}: scenario '{}' is not in the content pack",
                session.id, session.scenario
            ));
        }
        let questions: Vec<QuestionRef> = if session.questions.is_empty() {
            content
                .rubric
                .questions()
                .map(|(a, q)| QuestionRef {
                    area: a.id.clone(),
                    id: q.id.clone(),
                })
                .collect()
        } else {
            session
                .questions
                .iter()
                .filter_map(|id| content.rubric.question(id))
                .map(|(a, q)| QuestionRef {
                    area: a.id.clone(),
                    id: q.id.clone(),
                })
                .collect()
        };
        let (current, text) = resume_point(&questions, &session)?;
        let mut editor = new_editor(&text);
        match session.cursor {
            Some((row, col)) => editor.jump(row, col),
            None => editor.jump_to_end(),
        }
        let words = count_words(editor.lines());
        Ok(Interview {
            session,
            questions,
            current,
            list_sel: current,
            focus: Focus::Editor,
            editor,
            words,
            read_only,
            show_live: false,
            show_hint: false,
            cursors: HashMap::new(),
            dirty: false,
            save_due: None,
            score_due: None,
            last_clock: None,
            last_input: None,
            carry_ms: 0,
            scorer: None,
            card: None,
            brief: Brief::default(),
        })
    }

    pub fn current_id(&self) -> &str {
        &self.questions[self.current].id
    }

    /// The editor's text.
    pub fn editor_text(&self) -> String {
        self.editor.text()
    }

    /// Write the editor's text and cursor into the session.
    pub fn sync(&mut self) {
        let state = self.editor_state();
        write_editor(&mut self.session, state);
    }

    /// A copy of the session with the editor written into it.
    fn synced(&self) -> Session {
        let mut s = self.session.clone();
        write_editor(&mut s, self.editor_state());
        s
    }

    fn editor_state(&self) -> EditorState {
        EditorState {
            question: self.current_id().to_string(),
            text: self.editor.text(),
            cursor: self.editor.cursor(),
        }
    }

    fn save(&mut self) -> Vec<Effect> {
        if self.read_only {
            return Vec::new();
        }
        self.sync();
        self.dirty = false;
        self.save_due = None;
        vec![Effect::Save(Box::new(self.session.clone()))]
    }

    fn scenario<'c>(&self, content: &'c Content) -> Option<&'c Scenario> {
        content.scenario(&self.session.scenario)
    }

    /// Score every answer (editor included).
    pub fn rescore(&mut self, content: &Content) -> &Scorecard {
        self.score_due = None;
        let scorer = self
            .scorer
            .get_or_insert_with(|| Scorer::new(content, content.scenario(&self.session.scenario)));
        let current = &self.questions[self.current].id;
        let editor_text = self.editor.text();
        let mut inputs: Vec<AnswerInput<'_>> = self
            .session
            .answers
            .iter()
            .filter(|a| &a.question != current)
            .map(|a| AnswerInput {
                question: &a.question,
                text: &a.text,
            })
            .collect();
        inputs.push(AnswerInput {
            question: current,
            text: &editor_text,
        });
        let card = scorer.score(&inputs);
        self.words = count_words(self.editor.lines());
        self.card.insert(card)
    }

    /// Switch to question `i` (saving the answer being left).
    pub fn goto_question(&mut self, i: usize) -> Vec<Effect> {
        let i = i.min(self.questions.len() - 1);
        if i == self.current {
            return Vec::new();
        }
        self.sync();
        self.cursors
            .insert(self.current_id().to_string(), self.editor.cursor());
        self.current = i;
        self.list_sel = i;
        self.show_hint = false;
        let id = self.current_id().to_string();
        let text = self
            .session
            .answer(&id)
            .map(|a| a.text.clone())
            .unwrap_or_default();
        self.editor = new_editor(&text);
        match self.cursors.get(&id) {
            Some(&(r, c)) => self.editor.jump(r, c),
            None => self.editor.jump_to_end(),
        }
        self.words = count_words(self.editor.lines());
        self.session.current_question = Some(id);
        self.save()
    }

    fn edited(&mut self, now: DateTime<Utc>) {
        // Counting is linear in the text: live for short answers, when idle
        // (with the re-score) for long ones.
        if self.editor.lines().iter().map(String::len).sum::<usize>() < 16_384 {
            self.words = count_words(self.editor.lines());
        }
        self.dirty = true;
        self.save_due.get_or_insert(now + AUTOSAVE_AFTER);
        self.score_due = Some(now + RESCORE_AFTER);
    }

    /// Reveal the current question's hint (counted once per question).
    pub fn reveal_hint(&mut self, now: DateTime<Utc>) {
        self.show_hint = !self.show_hint;
        if !self.show_hint || self.read_only {
            return;
        }
        let id = self.current_id().to_string();
        let at = self.session.elapsed_seconds;
        let answer = self.session.answer_mut(&id);
        if answer.hints == 0 {
            answer.hints = 1;
            self.session.events.push(Event {
                at,
                kind: EventKind::Hint { question: id },
            });
            self.dirty = true;
            self.save_due.get_or_insert(now + AUTOSAVE_AFTER);
        }
    }

    fn clock(&mut self, now: DateTime<Utc>) {
        let active_until =
            *self.last_input.get_or_insert(now) + Duration::milliseconds(IDLE_CAP_MS);
        if let Some(last) = self.last_clock {
            let dt = (now.min(active_until) - last).num_milliseconds().max(0);
            self.carry_ms += dt;
        }
        if self.last_clock.is_none_or(|l| now > l) {
            self.last_clock = Some(now);
        }
        if self.read_only || self.carry_ms < 1000 {
            return;
        }
        let secs = (self.carry_ms / 1000) as u64;
        self.carry_ms %= 1000;
        self.session.elapsed_seconds += secs;
        let id = self.current_id().to_string();
        self.session.answer_mut(&id).seconds += secs;
    }

    /// What a question's criteria earned, told apart by where from (see
    /// [`Coverage`]); `None` before the first score.
    pub fn coverage(&self, content: &Content, question: &str) -> Option<Coverage> {
        let card = self.card.as_ref()?;
        let (_, q) = content.rubric.question(question)?;
        let mut cov = Coverage {
            criteria: q.criteria.len(),
            ..Coverage::default()
        };
        for c in q.criteria.iter().filter_map(|c| card.criterion(c)) {
            let credit = c.status.credit();
            if credit <= 0.0 {
                continue;
            }
            if c.evidence.iter().any(|e| e.question == question) {
                cov.own += credit;
            } else {
                cov.elsewhere += credit;
            }
        }
        Some(cov)
    }

    /// Questions with an answer, and all of them.
    pub fn answered_count(&self) -> (usize, usize) {
        let n = self
            .questions
            .iter()
            .filter(|q| self.answered(&q.id))
            .count();
        (n, self.questions.len())
    }

    pub fn answered(&self, question: &str) -> bool {
        if question == self.current_id() {
            return !self.editor.is_blank();
        }
        self.session
            .answer(question)
            .is_some_and(|a| !a.text.trim().is_empty())
    }

    fn finish(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        self.sync();
        let content = ctx.content.clone();
        let card = self.rescore(&content).clone();
        self.session.status = SessionStatus::Complete;
        self.session.ended_at = Some(ctx.now);
        let session = self.session.clone();
        ctx.goto(Predict::screen(&content, session.clone(), card));
        vec![Effect::Save(Box::new(session)), Effect::CloseSession]
    }

    /// Leave for home once the session is saved (see [`after_save`]). A
    /// session with nothing in it is not kept.
    fn leave(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        if let Some(effects) = drop_blank(&mut self.session, self.read_only, ctx, || {
            self.editor.text()
        }) {
            return effects;
        }
        let save = self.save();
        after_save(ctx, AfterSave::Leave, save)
    }
}

impl ScreenView for Interview {
    fn name(&self) -> &'static str {
        "interview"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        if matches!(msg, Msg::Key(_) | Msg::Paste(_)) {
            // The clock runs while the user is active (see `clock`).
            self.last_input = Some(ctx.now);
        }
        match msg {
            Msg::Tick(now) => {
                self.clock(now);
                let mut effects = Vec::new();
                if self.score_due.is_some_and(|d| d <= now) {
                    let content = ctx.content.clone();
                    self.rescore(&content);
                }
                if self.save_due.is_some_and(|d| d <= now) {
                    effects = self.save();
                }
                effects
            }
            Msg::Key(k) if self.brief.key(&k) => Vec::new(),
            Msg::Key(k) => match self.focus {
                Focus::Editor => self.editor_key(ctx, k),
                Focus::Questions => self.list_key(ctx, k),
            },
            Msg::Paste(text) => {
                if self.read_only {
                    ctx.info("read-only: this session is open in another mlsd-coach");
                    return Vec::new();
                }
                self.focus = Focus::Editor;
                if self.editor.insert_str(&normalize_input(&text)) {
                    self.edited(ctx.now);
                }
                Vec::new()
            }
            Msg::Mouse(m) if self.brief.is_open() => {
                match m.kind {
                    MouseEventKind::ScrollDown => self.brief.scroll(3),
                    MouseEventKind::ScrollUp => self.brief.scroll(-3),
                    _ => {}
                }
                Vec::new()
            }
            Msg::Mouse(m) => {
                match (self.focus, m.kind) {
                    (Focus::Questions, MouseEventKind::ScrollDown) => {
                        self.list_sel = (self.list_sel + 1).min(self.questions.len() - 1)
                    }
                    (Focus::Questions, MouseEventKind::ScrollUp) => {
                        self.list_sel = self.list_sel.saturating_sub(1)
                    }
                    (_, MouseEventKind::ScrollDown) => self.editor.scroll(3),
                    (_, MouseEventKind::ScrollUp) => self.editor.scroll(-3),
                    _ => {}
                }
                Vec::new()
            }
            // The app shows the failure until a save succeeds.
            Msg::Saved { result: Err(_), .. } => {
                self.dirty = true;
                Vec::new()
            }
            Msg::Confirmed(ConfirmAction::Finish) => self.finish(ctx),
            Msg::Confirmed(ConfirmAction::Leave) => self.leave(ctx),
            Msg::Confirmed(ConfirmAction::ClearAnswer) => {
                if self.editor.clear() {
                    self.focus = Focus::Editor;
                    self.edited(ctx.now);
                    ctx.info("answer cleared: Ctrl-Z brings it back");
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        view::render(self, f, area, ctx);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        if self.brief.is_open() {
            return Brief::keys();
        }
        keys::footer(self.focus)
    }

    fn help(&self) -> Vec<KeyHelp> {
        keys::help()
    }

    fn takes_text(&self) -> bool {
        self.focus == Focus::Editor
    }

    fn deadline(&self) -> Option<DateTime<Utc>> {
        // The header clock moves every second while the user is active.
        let tick = match (self.last_clock, self.last_input) {
            (Some(last), Some(input)) if !self.read_only => {
                let next = last + Duration::milliseconds(1000 - self.carry_ms.clamp(0, 999));
                (next <= input + Duration::milliseconds(IDLE_CAP_MS)).then_some(next)
            }
            _ => None,
        };
        [self.save_due, self.score_due, tick]
            .into_iter()
            .flatten()
            .min()
    }

    fn snapshot(&self) -> Option<Session> {
        (!self.read_only).then(|| self.synced())
    }

    fn on_quit(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let text = self.editor.text();
        if let Some(mut effects) = drop_blank(&mut self.session, self.read_only, ctx, || text) {
            // Quitting, not going home.
            effects.retain(|e| *e != Effect::ListSessions);
            return effects;
        }
        let save = self.save();
        after_save(ctx, AfterSave::Quit, save)
    }
}

/// Leaving a session that holds nothing (no text in the editor `text`
/// nor in the session, no hint, no question asked): it is removed rather
/// than kept as a "Resume … 0 answered" row. `None` when it holds
/// something (or is read-only).
pub fn drop_blank(
    session: &mut Session,
    read_only: bool,
    ctx: &mut Ctx,
    text: impl FnOnce() -> String,
) -> Option<Vec<Effect>> {
    if read_only || !session.is_blank() || !text().trim().is_empty() {
        return None;
    }
    ctx.save_failure = None;
    ctx.info("left an empty session: not kept");
    let mut effects = vec![
        Effect::CloseSession,
        Effect::RemoveBlank(session.id.clone()),
    ];
    effects.extend(crate::tui::screens::home::go(ctx));
    Some(effects)
}

/// What a question's criteria earned: by its own answer, and by other
/// answers (points the scorer gives wherever a criterion is met). Credits
/// are 1 per covered criterion, ½ per partial one.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Coverage {
    pub criteria: usize,
    pub own: f32,
    pub elsewhere: f32,
}

impl Coverage {
    /// The share this question's own answer covers, 0–1.
    pub fn own_share(&self) -> f32 {
        if self.criteria == 0 {
            0.0
        } else {
            self.own / self.criteria as f32
        }
    }
}
