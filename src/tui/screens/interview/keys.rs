//! The interview's keys: in the editor, in the question list, the footer
//! and the help overlay, and the confirmations they open (finish with
//! unanswered questions, clear an answer, leave).

use super::{Focus, Interview};
use crate::tui::vocab::{ConfirmAction, Ctx, Effect, KeyHelp, key};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl Interview {
    pub(super) fn editor_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
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
            // With text selected, Ctrl-X cuts it.
            KeyCode::Char('x') if ctrl && !self.editor.has_selection() => {
                self.ask_clear(ctx);
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
        if self.editor.key_at(k, ctx.now) {
            self.edited(ctx.now);
        }
        Vec::new()
    }

    pub(super) fn list_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
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
            KeyCode::Char('x') => self.ask_clear(ctx),
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
        let (answered, total) = self.answered_count();
        let text = if answered < total {
            format!(
                "Finish this session and see your scorecard? {} of {total} questions are unanswered: their criteria can only be earned by other answers.",
                total - answered
            )
        } else {
            "Finish this session and see your scorecard?".to_string()
        };
        ctx.confirm(text, ConfirmAction::Finish);
    }

    /// Ask before clearing the answer (Ctrl-Z brings it back).
    fn ask_clear(&mut self, ctx: &mut Ctx) {
        if self.read_only {
            ctx.info("read-only: this session is open in another mlsd-coach");
        } else {
            self.editor.ask_clear(ctx);
        }
    }
}

fn leave_question(ctx: &Ctx) -> &'static str {
    if ctx.save_failure.is_some() {
        "Leave this session? Its last changes are NOT saved yet; leaving tries again first."
    } else {
        "Leave this session? It is saved; resume it from the home screen."
    }
}

pub(super) fn footer(focus: Focus) -> Vec<KeyHelp> {
    match focus {
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
            key("x", "clear"),
            key("f", "finish"),
            key("q", "leave"),
            key("?", "help"),
        ],
    }
}

pub(super) fn help() -> Vec<KeyHelp> {
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
        key(
            "Ctrl-Z / Ctrl-Y",
            "undo / redo a word, a run of deletions or a pause's typing (also Ctrl-U / Ctrl-R)",
        ),
        key(
            "Esc, x / Ctrl-X",
            "clear this answer (asks first; Ctrl-Z brings it back); Ctrl-X with text selected cuts it",
        ),
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
