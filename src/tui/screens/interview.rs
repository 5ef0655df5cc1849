//! The interview: scenario prompt, the framing questions by area, the
//! current question with why it matters, and the answer editor.
//!
//! The editor holds the current question's text; the session holds every
//! other answer. `sync()` writes the editor back before anything leaves
//! the screen (save, score, snapshot).

use crate::core::content::{Content, Scenario};
use crate::core::scoring::{AnswerInput, Scorecard, Scorer, Status};
use crate::core::session::{Event, EventKind, Mode, Session, SessionStatus};
use crate::core::time::format_mss;
use crate::tui::brief::Brief;
use crate::tui::editor::Editor;
use crate::tui::screens::review::predict::Predict;
use crate::tui::text::{clean_line, normalize_input, truncate, wrap};
use crate::tui::vocab::{
    AfterSave, ConfirmAction, Ctx, Effect, KeyHelp, Msg, ScreenView, after_save, key,
};
use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};
use std::collections::HashMap;

/// Autosave at most this long after the first unsaved edit, however the
/// typing goes on (a steady typist never pauses long enough for a
/// debounce): a kill loses at most about this much text.
pub const AUTOSAVE_AFTER: Duration = Duration::seconds(1);
/// Re-score (live panel, coverage marks) this long after the last edit.
pub const RESCORE_AFTER: Duration = Duration::milliseconds(600);
/// A gap between two clock readings longer than this counts as this much
/// (the user was away).
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
        if let Some(last) = self.last_clock {
            let dt = (now - last).num_milliseconds().clamp(0, IDLE_CAP_MS);
            self.carry_ms += dt;
        }
        self.last_clock = Some(now);
        if self.read_only || self.carry_ms < 1000 {
            return;
        }
        let secs = (self.carry_ms / 1000) as u64;
        self.carry_ms %= 1000;
        self.session.elapsed_seconds += secs;
        let id = self.current_id().to_string();
        self.session.answer_mut(&id).seconds += secs;
    }

    /// Fraction of a question's criteria the answers cover (practice mode).
    pub fn coverage(&self, content: &Content, question: &str) -> Option<(f32, usize)> {
        let card = self.card.as_ref()?;
        let (_, q) = content.rubric.question(question)?;
        if q.criteria.is_empty() {
            return None;
        }
        let credit: f32 = q
            .criteria
            .iter()
            .filter_map(|c| card.criterion(c))
            .map(|c| c.status.credit())
            .sum();
        Some((credit / q.criteria.len() as f32, q.criteria.len()))
    }

    fn answered(&self, question: &str) -> bool {
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

    /// Leave for home once the session is saved (see [`after_save`]).
    fn leave(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let save = self.save();
        after_save(ctx, AfterSave::Leave, save)
    }

    fn editor_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Esc => {
                self.focus = Focus::Questions;
                self.list_sel = self.current;
                return Vec::new();
            }
            KeyCode::Tab => return self.goto_question(self.current + 1),
            KeyCode::BackTab => return self.goto_question(self.current.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => return self.goto_question(self.current + 1),
            KeyCode::Char('p') if ctrl => {
                return self.goto_question(self.current.saturating_sub(1));
            }
            KeyCode::Char('t') if ctrl => {
                self.reveal_hint(ctx.now);
                return Vec::new();
            }
            KeyCode::Char('l') if ctrl => {
                self.toggle_live(ctx);
                return Vec::new();
            }
            KeyCode::Char('g') if ctrl => {
                self.ask_finish(ctx);
                return Vec::new();
            }
            KeyCode::Char('s') if ctrl => {
                return self.save();
            }
            KeyCode::Char('q') if ctrl => {
                ctx.confirm(leave_question(ctx), ConfirmAction::Leave);
                return Vec::new();
            }
            _ => {}
        }
        let nav = matches!(
            k.code,
            KeyCode::Left
                | KeyCode::Right
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::PageUp
                | KeyCode::PageDown
        );
        if self.read_only && !nav {
            ctx.info("read-only: this session is open in another mlsd-coach");
            return Vec::new();
        }
        if self.editor.key(k) {
            self.edited(ctx.now);
        }
        Vec::new()
    }

    fn list_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let last = self.questions.len() - 1;
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => self.list_sel = (self.list_sel + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.list_sel = self.list_sel.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.list_sel = 0,
            KeyCode::End | KeyCode::Char('G') => self.list_sel = last,
            KeyCode::Enter | KeyCode::Char('i' | 'l') | KeyCode::Right => {
                self.focus = Focus::Editor;
                return self.goto_question(self.list_sel);
            }
            KeyCode::Tab => return self.goto_question(self.current + 1),
            KeyCode::BackTab => return self.goto_question(self.current.saturating_sub(1)),
            KeyCode::Char('h') => self.reveal_hint(ctx.now),
            KeyCode::Char('c') => self.toggle_live(ctx),
            KeyCode::Char('f') => self.ask_finish(ctx),
            KeyCode::Char('s') => return self.save(),
            KeyCode::Esc | KeyCode::Char('q') => {
                ctx.confirm(leave_question(ctx), ConfirmAction::Leave)
            }
            _ => {}
        }
        Vec::new()
    }

    fn toggle_live(&mut self, ctx: &Ctx) {
        self.show_live = !self.show_live;
        if self.show_live && self.card.is_none() {
            self.score_due = Some(ctx.now);
        }
    }

    fn ask_finish(&mut self, ctx: &mut Ctx) {
        if self.read_only {
            ctx.info("read-only: this session is open in another mlsd-coach");
            return;
        }
        ctx.confirm(
            "Finish this session and see your scorecard?",
            ConfirmAction::Finish,
        );
    }
}

impl ScreenView for Interview {
    fn name(&self) -> &'static str {
        "interview"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
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
            _ => Vec::new(),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        render(self, f, area, ctx);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        if self.brief.is_open() {
            return Brief::keys();
        }
        match self.focus {
            Focus::Editor => vec![
                key("Tab/S-Tab", "next/prev"),
                key("Esc", "questions"),
                key("^T", "hint"),
                key("^L", "criteria"),
                key("^G", "finish"),
                key("F1", "help"),
            ],
            Focus::Questions => vec![
                key("j/k", "move"),
                key("Enter", "answer"),
                key("h", "hint"),
                key("c", "criteria"),
                key("f", "finish"),
                key("q", "leave"),
                key("?", "help"),
            ],
        }
    }

    fn help(&self) -> Vec<KeyHelp> {
        vec![
            key("Tab / Ctrl-N", "next question (answers are kept)"),
            key("Shift-Tab / Ctrl-P", "previous question"),
            key("Esc", "editor → question list (text is kept)"),
            key(
                "j/k ↑/↓, Enter",
                "question list: move, answer the highlighted one",
            ),
            key("Ctrl-T / h", "reveal the hint (counted in the session)"),
            key("Ctrl-L / c", "live panel: criteria this question covers"),
            key("Ctrl-G / f", "finish and see the scorecard"),
            key("Ctrl-S / s", "save now (autosave within 1 s of typing)"),
            key("Ctrl-Q / q", "leave the session (resume from home)"),
            key("Ctrl-Z / Ctrl-Y", "undo / redo (also Ctrl-U / Ctrl-R)"),
            key("Ctrl-←/→, Alt-b/f", "word left / right"),
            key(
                "Ctrl-Backspace, Ctrl-W",
                "delete the word before the cursor",
            ),
            key("Home/End, Ctrl-A/E", "start / end of line"),
            key("Mouse wheel", "scroll the answer"),
            key("Ctrl-O", "the brief (prompt and context) in full"),
            key("F2", "collapse / expand the brief above the questions"),
            key("Ctrl-C", "save and quit"),
        ]
    }

    fn takes_text(&self) -> bool {
        self.focus == Focus::Editor
    }

    fn deadline(&self) -> Option<DateTime<Utc>> {
        match (self.save_due, self.score_due) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn snapshot(&self) -> Option<Session> {
        (!self.read_only).then(|| self.synced())
    }

    fn on_quit(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let save = self.save();
        after_save(ctx, AfterSave::Quit, save)
    }
}

fn leave_question(ctx: &Ctx) -> &'static str {
    if ctx.save_failure.is_some() {
        "Leave this session? Its last changes are NOT saved yet; leaving tries again first."
    } else {
        "Leave this session? It is saved; resume it from the home screen."
    }
}

fn render(s: &Interview, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let content = &ctx.content;
    let Some(scenario) = s.scenario(content) else {
        return;
    };
    let brief_h = s.brief.height(scenario, area.width, area.height);
    let [head, prompt_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(brief_h),
        Constraint::Min(0),
    ])
    .areas(area);

    let mut title = vec![
        Span::styled(format!(" {} ", clean_line(&scenario.title)), t.title),
        Span::styled(
            format!(
                "· {} · Q{}/{} · {}",
                s.session.mode.as_str(),
                s.current + 1,
                s.questions.len(),
                format_mss(s.session.elapsed_seconds)
            ),
            t.dim,
        ),
    ];
    if s.read_only {
        title.push(Span::styled(" · READ-ONLY (open elsewhere)", t.warn));
    }
    f.render_widget(Paragraph::new(Line::from(title)), head);
    s.brief.render_panel(f, prompt_area, scenario, t);

    let list_w = (area.width / 3).clamp(20, 36);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Min(0)]).areas(body);
    render_list(s, f, left, ctx);
    render_question(s, f, right, ctx);
    s.brief.render_full(f, area, scenario, t);
}

fn render_list(s: &Interview, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let focused = s.focus == Focus::Questions;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(" Questions ");
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut items = Vec::new();
    let mut selected = None;
    let mut area_id = "";
    let sel = if focused { s.list_sel } else { s.current };
    for (i, q) in s.questions.iter().enumerate() {
        if q.area != area_id {
            area_id = &q.area;
            let title = ctx
                .content
                .rubric
                .area(area_id)
                .map(|a| a.title.as_str())
                .unwrap_or(area_id);
            items.push(ListItem::new(Line::styled(
                truncate(title, inner_w),
                t.title,
            )));
        }
        let Some((_, question)) = ctx.content.rubric.question(&q.id) else {
            continue;
        };
        let answered = s.answered(&q.id);
        let (mark, style) = if answered {
            ("●", t.covered)
        } else {
            ("○", t.dim)
        };
        let cov = match (s.session.mode, s.coverage(&ctx.content, &q.id)) {
            (Mode::Practice, Some((frac, _))) => format!("{:>3}%", (frac * 100.0).round() as u32),
            _ => String::new(),
        };
        let cur = if i == s.current { "›" } else { " " };
        let label_w = inner_w.saturating_sub(4 + cov.len() + usize::from(!cov.is_empty()));
        let mut spans = vec![
            Span::raw(cur),
            Span::styled(format!("{mark} "), style),
            Span::raw(truncate(&question.prompt, label_w)),
        ];
        if !cov.is_empty() {
            let used = 3 + crate::tui::text::width(&truncate(&question.prompt, label_w));
            let pad = inner_w.saturating_sub(used + cov.len());
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(cov, t.dim));
        }
        if i == sel {
            selected = Some(items.len());
        }
        items.push(ListItem::new(Line::from(spans)));
    }
    let list = List::new(items).block(block).highlight_style(if focused {
        t.selected
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    });
    let mut state = ListState::default().with_selected(selected);
    f.render_stateful_widget(list, area, &mut state);
}

/// "Problem framing · question 2 of 4": where a question sits in its area.
pub(crate) fn area_position(area: &crate::core::content::Area, question: &str) -> String {
    let n = area.questions.len();
    match area.questions.iter().position(|q| q.id == question) {
        Some(i) => format!("{} · question {} of {n}", area.title, i + 1),
        None => area.title.clone(),
    }
}

fn render_question(s: &Interview, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let Some((qarea, q)) = ctx.content.rubric.question(s.current_id()) else {
        return;
    };
    let w = area.width.saturating_sub(1).max(1) as usize;
    let mut top: Vec<Line> = Vec::new();
    top.push(Line::styled(
        truncate(&area_position(qarea, &q.id), w),
        t.dim,
    ));
    for l in wrap(&q.prompt, w).into_iter().take(3) {
        top.push(Line::styled(l, t.title));
    }
    let why_lines = if area.height >= 24 { 4 } else { 2 };
    let why = wrap(&format!("Why it matters: {}", q.why), w);
    let cut = why.len() > why_lines;
    for (i, l) in why.into_iter().take(why_lines).enumerate() {
        let l = if cut && i + 1 == why_lines {
            truncate(&format!("{l}…"), w)
        } else {
            l
        };
        top.push(Line::styled(l, t.dim));
    }
    if s.show_hint {
        for l in wrap(&format!("Hint: {}", q.hint), w).into_iter().take(3) {
            top.push(Line::styled(l, t.warn));
        }
    }
    let live_h = if s.show_live {
        (q.criteria.len() as u16 + 2).min(area.height / 3).max(3)
    } else {
        0
    };
    let [top_area, editor_area, live_area] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Min(3),
        Constraint::Length(live_h),
    ])
    .areas(area);
    let top_area = Rect {
        x: top_area.x + 1,
        width: top_area.width.saturating_sub(1),
        ..top_area
    };
    f.render_widget(Paragraph::new(top), top_area);

    let focused = s.focus == Focus::Editor;
    let words = s.words;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(" Answer ")
        .title_bottom(Line::styled(format!(" {words} words "), t.dim).right_aligned());
    let inner = block.inner(editor_area);
    f.render_widget(block, editor_area);
    f.render_widget(&s.editor, inner);

    if s.show_live {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border(false))
            .title(" Criteria (live) ");
        let iw = live_area.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = q
            .criteria
            .iter()
            .map(|cid| {
                let label = ctx
                    .content
                    .rubric
                    .criterion(cid)
                    .map(|c| c.label.as_str())
                    .unwrap_or(cid);
                let status = s
                    .card
                    .as_ref()
                    .and_then(|c| c.criterion(cid))
                    .map(|c| c.status);
                let (mark, style) = match status {
                    Some(Status::Covered) => ("✓", t.covered),
                    Some(Status::Partial) => ("~", t.partial),
                    Some(Status::Missing) => ("✗", t.missing),
                    None => ("·", t.dim),
                };
                Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::styled(truncate(label, iw.saturating_sub(2)), style),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines).block(block), live_area);
    }
}
