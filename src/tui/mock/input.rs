//! Keys, pastes and the mouse on the mock screen, and its `ScreenView`
//! implementation. Typing goes where the focus is, and only the user moves
//! the focus: Ctrl-A to ask the client, Ctrl-R to reply to a curveball or
//! follow-up, Esc back to the answer. Ctrl-G finishes and Ctrl-B pauses
//! from anywhere; nothing waiting blocks either.

use super::{Focus, MockScreen, view};
use crate::tui::brief::Brief;
use crate::tui::text::normalize_input;
use crate::tui::vocab::{AfterSave, ConfirmAction, Ctx, Effect, KeyHelp, Msg, ScreenView, key};
use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};

/// Longest question the client is asked (characters).
pub const ASK_MAX: usize = 300;

fn ctrl(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL)
}
fn alt(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::ALT)
}

impl MockScreen {
    /// Move to question `i`: the answer being left is kept, and the new
    /// question's area may move the clock to another phase; leaving a
    /// phase for the first time brings the interviewer's follow-up.
    pub fn goto_question(&mut self, ctx: &mut Ctx, i: usize) -> Vec<Effect> {
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
        self.editor = super::new_editor(&text, super::ANSWER_PLACEHOLDER);
        let area = self.questions[i].area.clone();
        let content = ctx.content.clone();
        let session = &self.session;
        let evs = self
            .mock
            .enter_area_probing(&area, &content.rubric, || super::score(&content, session));
        self.record(ctx, evs);
        self.save()
    }

    /// First question of the next (`forward`) or previous area.
    fn goto_area(&mut self, ctx: &mut Ctx, forward: bool) -> Vec<Effect> {
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
            Some(i) => self.goto_question(ctx, i),
            None => Vec::new(),
        }
    }

    fn toggle_pause(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        if self.read_only || self.is_locked() {
            return Vec::new();
        }
        let evs = if self.mock.clock().is_paused() {
            self.resumed = false;
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

    fn ask_finish(&self, ctx: &mut Ctx) {
        let waiting = self.mock.pending_count();
        let text = match waiting {
            0 => "Finish the interview now and see your scorecard?".to_string(),
            1 => "Finish now? One curveball or follow-up has no reply; it is scored as unanswered."
                .to_string(),
            n => format!(
                "Finish now? {n} curveballs or follow-ups have no reply; they are scored as unanswered."
            ),
        };
        ctx.confirm(text, ConfirmAction::Finish);
    }

    fn ask_leave(&self, ctx: &mut Ctx) {
        ctx.confirm(
            "Leave the interview? The clock pauses; resume it from the home screen.",
            ConfirmAction::Leave,
        );
    }

    /// Send the reply to the oldest interjection waiting.
    fn send_reply(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(key) = self.mock.pending().map(|p| p.answer_key()) else {
            self.focus = super::Focus::Editor;
            return Vec::new();
        };
        if self.reply.is_blank() {
            ctx.info("write a reply first (Esc goes back: it can wait)");
            return Vec::new();
        }
        self.session.answer_mut(&key).text = self.reply.text();
        self.mock.answer_pending();
        self.focus = Focus::Editor;
        self.load_reply();
        if self.mock.pending().is_some() {
            ctx.info("sent; another one waits: Ctrl-R to reply");
        } else {
            ctx.info("reply sent");
        }
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
        self.log_scroll = 0;
        if reply.new_fact {
            ctx.info("new requirement noted");
        }
        self.save()
    }

    /// Keys that work whatever the focus; `None` when the key is not one.
    fn global_key(&mut self, ctx: &mut Ctx, k: &KeyEvent) -> Option<Vec<Effect>> {
        if self.brief.key(k) {
            return Some(Vec::new());
        }
        let out = match k.code {
            KeyCode::Char('b') if ctrl(k) => self.toggle_pause(ctx),
            KeyCode::Char('g') if ctrl(k) => {
                self.ask_finish(ctx);
                Vec::new()
            }
            KeyCode::Char('q') if ctrl(k) => {
                self.ask_leave(ctx);
                Vec::new()
            }
            KeyCode::Char('a') if ctrl(k) => {
                self.focus = Focus::Ask;
                Vec::new()
            }
            KeyCode::Char('r') if ctrl(k) => {
                if self.mock.pending().is_some() {
                    self.focus = Focus::Reply;
                } else {
                    ctx.info("nothing to reply to: the client has not interjected");
                }
                Vec::new()
            }
            KeyCode::Up if alt(k) => self.scroll_side(-1),
            KeyCode::Down if alt(k) => self.scroll_side(1),
            KeyCode::PageUp if alt(k) => self.scroll_log(3),
            KeyCode::PageDown if alt(k) => self.scroll_log(-3),
            _ => return None,
        };
        Some(out)
    }

    fn scroll_side(&mut self, by: isize) -> Vec<Effect> {
        let max = self.areas.get().side_max;
        self.side_scroll = self.side_scroll.min(max).saturating_add_signed(by).min(max);
        Vec::new()
    }

    fn scroll_log(&mut self, by: isize) -> Vec<Effect> {
        let max = self.areas.get().log_max;
        self.log_scroll = self.log_scroll.min(max).saturating_add_signed(by).min(max);
        Vec::new()
    }

    fn reply_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        match k.code {
            KeyCode::Char('s') if ctrl(&k) => return self.send_reply(ctx),
            KeyCode::Enter if alt(&k) || ctrl(&k) => return self.send_reply(ctx),
            KeyCode::Esc => {
                self.focus = Focus::Editor;
                self.store_reply();
                return Vec::new();
            }
            _ => {}
        }
        if self.reply.key_at(k, ctx.now) {
            self.save_soon(ctx.now);
        }
        Vec::new()
    }

    fn ask_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        match k.code {
            KeyCode::Enter => return self.submit_question(ctx),
            KeyCode::Esc => self.focus = Focus::Editor,
            KeyCode::Backspace => {
                self.ask_input.pop();
            }
            KeyCode::Char('u') if ctrl(&k) => self.ask_input.clear(),
            KeyCode::Char(c) if !ctrl(&k) && self.ask_input.chars().count() < ASK_MAX => {
                self.ask_input.push(c);
            }
            _ => {}
        }
        Vec::new()
    }

    fn editor_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        match k.code {
            KeyCode::Tab => return self.goto_question(ctx, self.current + 1),
            KeyCode::BackTab => return self.goto_question(ctx, self.current.saturating_sub(1)),
            KeyCode::Char('n') if ctrl(&k) => return self.goto_area(ctx, true),
            KeyCode::Char('p') if ctrl(&k) => return self.goto_area(ctx, false),
            KeyCode::Char('s') if ctrl(&k) => return self.save(),
            KeyCode::Char('t' | 'l') if ctrl(&k) => {
                ctx.info("a mock is a test: no hints or live criteria until the scorecard");
                return Vec::new();
            }
            KeyCode::Char('x') if ctrl(&k) && !self.editor.has_selection() => {
                self.editor.ask_clear(ctx);
                return Vec::new();
            }
            _ => {}
        }
        if self.editor.key_at(k, ctx.now) {
            self.save_soon(ctx.now);
        }
        Vec::new()
    }

    /// While paused only resuming, leaving and the brief work.
    fn paused_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        if self.brief.key(&k) {
            return Vec::new();
        }
        match k.code {
            KeyCode::Char('b') if ctrl(&k) => self.toggle_pause(ctx),
            KeyCode::Enter => self.toggle_pause(ctx),
            KeyCode::Char('q') if ctrl(&k) => {
                self.ask_leave(ctx);
                Vec::new()
            }
            _ => {
                ctx.info("paused: Enter or Ctrl-B continues");
                Vec::new()
            }
        }
    }

    fn key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        if self.mock.clock().is_paused() {
            return self.paused_key(ctx, k);
        }
        if let Some(effects) = self.global_key(ctx, &k) {
            return effects;
        }
        match self.focus {
            Focus::Ask => self.ask_key(ctx, k),
            Focus::Reply => self.reply_key(ctx, k),
            Focus::Editor => self.editor_key(ctx, k),
        }
    }

    fn paste(&mut self, ctx: &mut Ctx, text: String) {
        if self.mock.clock().is_paused() || self.brief.is_open() {
            return;
        }
        let text = normalize_input(&text);
        let changed = match self.focus {
            Focus::Reply => self.reply.insert_str(&text),
            Focus::Ask => {
                let line = text.replace(['\n', '\t'], " ");
                let room = ASK_MAX.saturating_sub(self.ask_input.chars().count());
                self.ask_input.extend(line.chars().take(room));
                false
            }
            Focus::Editor => self.editor.insert_str(&text),
        };
        if changed {
            self.save_soon(ctx.now);
        }
    }

    /// The wheel scrolls what is under the pointer.
    fn mouse(&mut self, m: MouseEvent) {
        let by: isize = match m.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            _ => return,
        };
        let at = Position::new(m.column, m.row);
        let areas: view::Areas = self.areas.get();
        if self.brief.is_open() {
            self.brief.scroll(by);
        } else if areas.side.contains(at) {
            self.scroll_side(by);
        } else if areas.log.contains(at) {
            self.scroll_log(-by);
        } else if self.focus == Focus::Reply {
            self.reply.scroll(by);
        } else {
            self.editor.scroll(by);
        }
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
            Msg::Key(k) => self.key(ctx, k),
            Msg::Paste(text) => {
                self.paste(ctx, text);
                Vec::new()
            }
            Msg::Mouse(m) => {
                self.mouse(m);
                Vec::new()
            }
            Msg::Confirmed(ConfirmAction::Finish) => self.finish(ctx),
            Msg::Confirmed(ConfirmAction::Leave) => self.pause_and(ctx, AfterSave::Leave),
            Msg::Confirmed(ConfirmAction::ClearAnswer) => {
                // Time may have run out while the question was open.
                if !self.read_only && !self.is_locked() && self.editor.clear() {
                    self.focus = Focus::Editor;
                    self.save_soon(ctx.now);
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
        if self.mock.clock().is_paused() {
            return vec![
                key("Enter/^B", "continue"),
                key("^Q", "leave"),
                key("F1", "help"),
            ];
        }
        let waiting = self.mock.pending().is_some();
        match self.focus {
            Focus::Ask => vec![
                key("Enter", "ask"),
                key("Esc", "cancel"),
                key("^G", "finish"),
            ],
            Focus::Reply => vec![
                key("^S", "send reply"),
                key("Esc", "back (kept)"),
                key("^A", "ask client"),
                key("^G", "finish"),
            ],
            Focus::Editor => {
                let mut v = Vec::new();
                if waiting {
                    v.push(key("^R", "reply"));
                }
                v.extend([
                    key("Tab/S-Tab", "next/prev"),
                    key("^A", "ask client"),
                    key("^O", "brief"),
                    key("^B", "pause"),
                    key("^G", "finish"),
                    key("F1", "help"),
                ]);
                v
            }
        }
    }

    fn help(&self) -> Vec<KeyHelp> {
        let mut v = vec![
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
                "ask the client a clarifying question (Enter sends, Esc cancels)",
            ),
            key(
                "Ctrl-R",
                "reply to the client's curveball or the interviewer's follow-up (they wait; the clock does not)",
            ),
            key(
                "Ctrl-S",
                "in a reply: send it (also Alt-Enter); Esc goes back, the draft is kept",
            ),
            key(
                "Ctrl-B",
                "pause / resume the clock (recorded in the session)",
            ),
            key(
                "Ctrl-G",
                "finish and see the scorecard (replies still waiting count as unanswered)",
            ),
            key(
                "Ctrl-Q",
                "leave: the clock pauses; resume from the home screen",
            ),
            key("Alt-↑ / Alt-↓", "scroll the requirements panel"),
            key(
                "Alt-PgUp / Alt-PgDn",
                "scroll the conversation with the client",
            ),
        ];
        v.extend(Brief::help());
        v.extend([
            key("Ctrl-Z / Ctrl-Y", "undo / redo"),
            key(
                "Ctrl-X",
                "clear this answer (asks first; Ctrl-Z brings it back); with text selected, cut it",
            ),
            key(
                "The clock",
                "moves to the phase of the question you are on; time over a phase's budget is taken from the phases after it",
            ),
            key("Ctrl-C", "save and quit"),
        ]);
        v
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

    fn snapshot(&self) -> Option<crate::core::session::Session> {
        (!self.read_only).then(|| self.synced())
    }

    fn on_quit(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        self.pause_and(ctx, AfterSave::Quit)
    }
}
