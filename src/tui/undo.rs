//! Undo by word or pause, as other editors do: ratatui-textarea keeps one
//! history entry per edit (a typed character, a deleted one), so undoing
//! a sentence took a key per character. [`UndoGroups`] groups the entries:
//! a word with the spaces after it, a run of deletions, or one other edit
//! (a paste, a deleted word, clearing the answer). A pause of
//! [`PAUSE`] or a cursor move starts a new group.

use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// A pause this long between two edits starts a new undo group.
pub const PAUSE: Duration = Duration::seconds(1);

/// What an edit did, for grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// Typed a character of a word.
    Letter,
    /// Typed a space, tab or line break.
    Space,
    /// Deleted a character (Backspace, Delete).
    Delete,
    /// Anything else: paste, deleted word, cleared text.
    Other,
}

impl EditKind {
    /// The kind of edit a key makes (if it edits).
    pub fn of(k: &KeyEvent) -> EditKind {
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match k.code {
            KeyCode::Char(c) if plain && c.is_whitespace() => EditKind::Space,
            KeyCode::Char(_) if plain => EditKind::Letter,
            KeyCode::Enter | KeyCode::Tab if plain => EditKind::Space,
            KeyCode::Backspace | KeyCode::Delete if plain => EditKind::Delete,
            _ => EditKind::Other,
        }
    }

    /// Does an edit of kind `next` join a group that ended with `self`?
    fn joins(self, next: EditKind) -> bool {
        matches!(
            (self, next),
            (EditKind::Letter, EditKind::Letter | EditKind::Space)
                | (EditKind::Space, EditKind::Space)
                | (EditKind::Delete, EditKind::Delete)
        )
    }
}

/// Sizes (in history entries) of the undo and redo groups.
#[derive(Debug, Clone, Default)]
pub struct UndoGroups {
    undo: Vec<usize>,
    redo: Vec<usize>,
    /// The last edit, while a following one may join its group.
    last: Option<(DateTime<Utc>, EditKind)>,
}

impl UndoGroups {
    /// One history entry was added by an edit of `kind` at `now`.
    pub fn record(&mut self, kind: EditKind, now: DateTime<Utc>) {
        self.redo.clear();
        let join = self
            .last
            .is_some_and(|(at, k)| now - at < PAUSE && k.joins(kind));
        match self.undo.last_mut() {
            Some(n) if join => *n += 1,
            _ => self.undo.push(1),
        }
        self.last = Some((now, kind));
    }

    /// The next edit starts a new group (the cursor moved).
    pub fn cut(&mut self) {
        self.last = None;
    }

    /// Undo the last group; true when something changed.
    pub fn undo(&mut self, ta: &mut TextArea<'_>) -> bool {
        let n = self.undo.pop().unwrap_or(1);
        let done = (0..n).take_while(|_| ta.undo()).count();
        if done > 0 {
            self.redo.push(done);
        }
        self.last = None;
        done > 0
    }

    /// Redo the last undone group; true when something changed.
    pub fn redo(&mut self, ta: &mut TextArea<'_>) -> bool {
        let n = self.redo.pop().unwrap_or(1);
        let done = (0..n).take_while(|_| ta.redo()).count();
        if done > 0 {
            self.undo.push(done);
        }
        self.last = None;
        done > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui_textarea::Input;

    fn at(ms: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::milliseconds(ms)
    }

    fn typed(ta: &mut TextArea<'_>, g: &mut UndoGroups, text: &str, from_ms: i64, step_ms: i64) {
        for (i, c) in text.chars().enumerate() {
            let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert!(ta.input(Input::from(k)));
            g.record(EditKind::of(&k), at(from_ms + i as i64 * step_ms));
        }
    }

    #[test]
    fn undo_takes_back_a_word_at_a_time() {
        let mut ta = TextArea::default();
        let mut g = UndoGroups::default();
        typed(&mut ta, &mut g, "we need labels", 0, 100);
        assert!(g.undo(&mut ta));
        assert_eq!(ta.lines(), ["we need "]);
        assert!(g.undo(&mut ta));
        assert_eq!(ta.lines(), ["we "]);
        assert!(g.redo(&mut ta));
        assert_eq!(ta.lines(), ["we need "]);
        assert!(g.undo(&mut ta) && g.undo(&mut ta));
        assert_eq!(ta.lines(), [""]);
        assert!(!g.undo(&mut ta));
    }

    #[test]
    fn a_pause_starts_a_new_group() {
        let mut ta = TextArea::default();
        let mut g = UndoGroups::default();
        typed(&mut ta, &mut g, "label", 0, 100);
        // Two seconds later, the same word goes on.
        typed(&mut ta, &mut g, "ling", 2_400, 100);
        assert!(g.undo(&mut ta));
        assert_eq!(ta.lines(), ["label"]);
    }

    #[test]
    fn deletions_group_together_and_apart_from_typing() {
        let mut ta = TextArea::default();
        let mut g = UndoGroups::default();
        typed(&mut ta, &mut g, "abc", 0, 10);
        for i in 0..2 {
            let k = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
            assert!(ta.input(Input::from(k)));
            g.record(EditKind::of(&k), at(100 + i * 10));
        }
        assert_eq!(ta.lines(), ["a"]);
        assert!(g.undo(&mut ta));
        assert_eq!(ta.lines(), ["abc"]);
        assert!(g.undo(&mut ta));
        assert_eq!(ta.lines(), [""]);
    }

    #[test]
    fn a_cursor_move_cuts_the_group() {
        let mut ta = TextArea::default();
        let mut g = UndoGroups::default();
        typed(&mut ta, &mut g, "ab", 0, 10);
        g.cut();
        typed(&mut ta, &mut g, "cd", 30, 10);
        assert!(g.undo(&mut ta));
        assert_eq!(ta.lines(), ["ab"]);
    }
}
