//! The mock interview's keys: answering a curveball, asking the client,
//! the answer editor (undo by word), the footer and the help overlay.

use super::{ASK_MAX, Focus, MockScreen};
use crate::tui::undo::EditKind;
use crate::tui::vocab::{ConfirmAction, Ctx, Effect, KeyHelp, key};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::Input;

impl MockScreen {
    pub(super) fn curveball_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
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

    pub(super) fn ask_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
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

    pub(super) fn editor_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
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
                    "Finish the interview now and see your scorecard?",
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
        let (modified, edit) = match (k.code, ctrl, alt) {
            (KeyCode::Char('z'), true, false) => (self.undo.undo(&mut self.editor), false),
            (KeyCode::Char('y'), true, false) => (self.undo.redo(&mut self.editor), false),
            (KeyCode::Backspace, true, _) | (KeyCode::Char('h'), true, false) => {
                (self.editor.delete_word(), true)
            }
            (KeyCode::Delete, true, _) => (self.editor.delete_next_word(), true),
            _ => (self.editor.input(Input::from(k)), true),
        };
        match (modified, edit) {
            (true, true) => self.undo.record(EditKind::of(&k), ctx.now),
            (false, _) => self.undo.cut(),
            _ => {}
        }
        if modified {
            self.save_soon(ctx.now);
        }
        Vec::new()
    }

    pub(super) fn footer_keys(&self) -> Vec<KeyHelp> {
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
                key("^N/^P", "area"),
                key("^A", "ask client"),
                key("^B", "pause"),
                key("^G", "finish"),
                key("F1", "help"),
            ],
        }
    }
}

pub(super) fn help() -> Vec<KeyHelp> {
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
