//! Leaving or quitting when the session could not be saved.
//!
//! A session is left (or the program quits) only once its last save has
//! succeeded. When that save fails, this dialog says so and offers to try
//! again, to write a recovery copy elsewhere (its path is shown), to go
//! without saving, or to keep editing. The state and keys live here; the
//! app runs the choices and `view` draws the box.

use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};
use std::path::PathBuf;

/// What was asked for once the session is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSave {
    /// Leave the session for the home screen.
    Leave,
    /// Quit the program.
    Quit,
}

impl AfterSave {
    fn verb(self) -> &'static str {
        match self {
            AfterSave::Leave => "leave",
            AfterSave::Quit => "quit",
        }
    }
}

/// The dialog's state.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveFailed {
    /// Why the save failed.
    pub error: String,
    pub then: AfterSave,
    /// The recovery copy: not asked for (`None`), written (its path) or not.
    pub recovery: Option<Result<PathBuf, String>>,
}

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Save again where the session lives.
    Retry,
    /// Write a recovery copy somewhere else.
    Recover,
    /// Leave or quit without saving.
    Abandon,
    /// Close the dialog and keep editing.
    Stay,
}

impl SaveFailed {
    pub fn new(error: String, then: AfterSave) -> SaveFailed {
        SaveFailed {
            error,
            then,
            recovery: None,
        }
    }

    /// Has a recovery copy been written?
    pub fn recovered(&self) -> bool {
        matches!(self.recovery, Some(Ok(_)))
    }

    /// The choice a key makes, if any (other keys are ignored).
    pub fn choice(&self, k: &KeyEvent) -> Option<Choice> {
        match k.code {
            KeyCode::Char('r' | 'R') => Some(Choice::Retry),
            KeyCode::Char('w' | 'W') => Some(Choice::Recover),
            KeyCode::Char('x' | 'X') => Some(Choice::Abandon),
            KeyCode::Enter if self.recovered() => Some(Choice::Abandon),
            KeyCode::Enter => Some(Choice::Retry),
            KeyCode::Esc => Some(Choice::Stay),
            _ => None,
        }
    }

    /// The dialog's lines, wrapped to `width` columns.
    pub fn lines(&self, t: &Theme, width: usize) -> Vec<Line<'static>> {
        let verb = self.then.verb();
        let mut out: Vec<Line<'static>> = Vec::new();
        let mut para = |text: &str, style| {
            for l in wrap(text, width.saturating_sub(1).max(1)) {
                out.push(Line::styled(format!(" {l}"), style));
            }
        };
        para("Your last changes are NOT saved.", t.error);
        para(&self.error, t.dim);
        match &self.recovery {
            None => {}
            Some(Ok(path)) => para(
                &format!(
                    "A recovery copy is in {}. Copy it into the sessions directory to resume it.",
                    path.display()
                ),
                t.warn,
            ),
            Some(Err(e)) => para(&format!("No recovery copy could be written: {e}"), t.error),
        }
        out.push(Line::raw(""));
        let key = |k: &'static str, what: String| {
            Line::from(vec![
                Span::styled(format!(" {k:<8}"), t.key),
                Span::raw(what),
            ])
        };
        if self.recovered() {
            out.push(key(
                "Enter",
                format!("{verb} (your text is in the recovery copy)"),
            ));
            out.push(key("r", "try saving again".to_string()));
        } else {
            out.push(key("r/Enter", "try saving again".to_string()));
            out.push(key("w", "write a recovery copy elsewhere".to_string()));
            out.push(key(
                "x",
                format!("{verb} without saving (the changes are lost)"),
            ));
        }
        out.push(key("Esc", "keep editing".to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn enter_retries_until_a_recovery_copy_exists() {
        let mut d = SaveFailed::new("disk full".into(), AfterSave::Quit);
        assert_eq!(d.choice(&k(KeyCode::Enter)), Some(Choice::Retry));
        assert_eq!(d.choice(&k(KeyCode::Char('w'))), Some(Choice::Recover));
        assert_eq!(d.choice(&k(KeyCode::Char('x'))), Some(Choice::Abandon));
        assert_eq!(d.choice(&k(KeyCode::Esc)), Some(Choice::Stay));
        assert_eq!(d.choice(&k(KeyCode::Char('y'))), None);
        d.recovery = Some(Err("no room".into()));
        assert_eq!(d.choice(&k(KeyCode::Enter)), Some(Choice::Retry));
        d.recovery = Some(Ok("/tmp/copy.yaml".into()));
        assert_eq!(d.choice(&k(KeyCode::Enter)), Some(Choice::Abandon));
    }

    #[test]
    fn the_text_names_the_error_the_copy_and_the_way_out() {
        let t = Theme::plain();
        let text = |d: &SaveFailed| {
            d.lines(&t, 60)
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut d = SaveFailed::new("cannot write /s/x.yaml: read-only".into(), AfterSave::Leave);
        let s = text(&d);
        assert!(s.contains("NOT saved") && s.contains("read-only"), "{s}");
        assert!(s.contains("leave without saving"), "{s}");
        d.recovery = Some(Ok("/tmp/copy.yaml".into()));
        let s = text(&d);
        assert!(s.contains("/tmp/copy.yaml"), "{s}");
        assert!(
            s.contains("Enter   leave (your text is in the recovery copy)"),
            "{s}"
        );
    }
}
