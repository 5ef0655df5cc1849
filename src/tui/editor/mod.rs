//! The answer editor: ratatui-textarea does the editing (keys, undo/redo,
//! word motions, selection) with its own wrapping switched off, and this
//! module soft-wraps for display.
//!
//! Why: ratatui-textarea 0.9 re-wraps the whole buffer (Unicode word
//! segmentation of every line) after every edit, which costs ~10 ms per
//! keystroke with a 10,000-word answer. Here wrapping is computed only for
//! the lines on screen and the cursor's line, so a keystroke stays well
//! under a millisecond. Up/Down/PageUp/PageDown move by screen rows.

use crate::tui::text::{char_width, clean_line};
use crate::tui::undo::{EditKind, UndoGroups};
use crate::tui::vocab::{ConfirmAction, Ctx};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::{CursorMove, Input, TextArea, WrapMode};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

pub struct Editor {
    ta: TextArea<'static>,
    /// First visible (line, wrapped row), kept between frames.
    top: Cell<(usize, usize)>,
    /// Text width and height at the last render (for row motions).
    size: Cell<(u16, u16)>,
    /// Screen column Up/Down try to keep.
    goal: Option<usize>,
    pub placeholder: String,
    cache: RefCell<Rows>,
    /// Undo by word or pause.
    undo: UndoGroups,
}

/// Greedy soft wrap of one line to `w` cells: byte ranges of its rows.
/// Breaks after spaces; a word wider than a row is cut. Spaces never start
/// a new row (they may hang past the edge).
pub fn wrap_rows(line: &str, w: usize) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    wrap_rows_from(line, w, 0, &mut rows);
    rows
}

/// Wrap `line` from byte `start` (the start of a row) on, appending rows.
/// Greedy wrapping restarted at a row start gives the same rows as
/// wrapping the whole line, which is what makes caching possible.
fn wrap_rows_from(line: &str, w: usize, mut start: usize, rows: &mut Vec<(usize, usize)>) {
    let w = w.max(1);
    let bytes = line.as_bytes();
    let mut col = 0;
    // Byte and column just after the last space of the current row.
    let mut brk: Option<(usize, usize)> = None;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let (cw, len) = if b == b' ' {
            col += 1;
            i += 1;
            brk = Some((i, col));
            continue;
        } else if b < 0x80 {
            (usize::from(!b.is_ascii_control()), 1)
        } else {
            let c = line[i..].chars().next().unwrap_or(' ');
            (char_width(c), c.len_utf8())
        };
        while col + cw > w && col > 0 {
            match brk.take() {
                Some((b, bc)) if b > start && b <= i => {
                    rows.push((start, b));
                    start = b;
                    col -= bc;
                }
                _ => {
                    rows.push((start, i));
                    start = i;
                    col = 0;
                }
            }
        }
        col += cw;
        i += len;
    }
    rows.push((start, line.len()));
}

/// Wrapped rows of one line, kept between frames and re-wrapped only from
/// the row before the first edit on.
#[derive(Debug, Clone, Default)]
struct RowCache {
    width: usize,
    rows: Vec<(usize, usize)>,
    /// First byte edited since `rows` were computed.
    dirty_from: Option<usize>,
}

/// Rows of the lines drawn in the last frames, by line index; cleared when
/// lines are added or removed.
#[derive(Debug, Default)]
struct Rows {
    line_count: usize,
    lines: HashMap<usize, RowCache>,
}

/// Row of `rows` holding byte `b` (a row boundary belongs to the next row).
fn row_of(rows: &[(usize, usize)], b: usize) -> usize {
    rows.partition_point(|r| r.0 <= b).saturating_sub(1)
}

fn width_of(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn byte_of_char(line: &str, col: usize) -> usize {
    line.char_indices()
        .nth(col)
        .map(|(i, _)| i)
        .unwrap_or(line.len())
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        let lines: Vec<String> = text.split('\n').map(String::from).collect();
        let mut ta = TextArea::new(lines);
        ta.set_wrap_mode(WrapMode::None);
        ta.set_max_histories(200);
        Editor {
            ta,
            top: Cell::new((0, 0)),
            size: Cell::new((80, 10)),
            goal: None,
            placeholder: "Type your answer…".into(),
            cache: RefCell::new(Rows::default()),
            undo: UndoGroups::default(),
        }
    }

    pub fn lines(&self) -> &[String] {
        self.ta.lines()
    }

    pub fn text(&self) -> String {
        self.ta.lines().join("\n")
    }

    /// No visible text.
    /// Some text is selected (Ctrl-X cuts it; with none, Ctrl-X offers to
    /// clear the answer).
    pub fn has_selection(&self) -> bool {
        self.ta.selection_range().is_some()
    }

    /// Ask before clearing the answer (`ConfirmAction::ClearAnswer`; Ctrl-Z
    /// brings it back): practice and the mock alike.
    pub fn ask_clear(&self, ctx: &mut Ctx) {
        if self.is_blank() {
            ctx.info("this answer is empty already");
            return;
        }
        let words = self.text().split_whitespace().count();
        ctx.confirm(
            format!(
                "Clear this answer ({})? Ctrl-Z in the editor brings it back.",
                crate::core::report::plural(words as u64, "word", "words")
            ),
            ConfirmAction::ClearAnswer,
        );
    }

    pub fn is_blank(&self) -> bool {
        self.ta.lines().iter().all(|l| l.trim().is_empty())
    }

    /// (line, char column).
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.ta.cursor();
        (c.0, c.1)
    }

    /// Move the cursor to (line, char column), clamped to the text.
    /// Lines and columns past 65,535 (ratatui-textarea's jump limit) are
    /// reached by stepping, at most 256 steps (each costs a pass over the
    /// line); beyond that the cursor stops short.
    pub fn jump(&mut self, row: usize, col: usize) {
        let max = u16::MAX as usize;
        let row = row.min(self.ta.lines().len() - 1).min(max);
        let len = self.ta.lines()[row].chars().count();
        let col = col.min(len);
        self.ta
            .move_cursor(CursorMove::Jump(row as u16, col.min(max) as u16));
        if col == len {
            self.ta.move_cursor(CursorMove::End);
        } else {
            for _ in max..col.min(max + 256) {
                self.ta.move_cursor(CursorMove::Forward);
            }
        }
    }

    pub fn jump_to_end(&mut self) {
        self.ta.move_cursor(CursorMove::Bottom);
        self.ta.move_cursor(CursorMove::End);
    }

    fn text_width(&self) -> usize {
        (self.size.get().0 as usize).saturating_sub(1).max(1)
    }

    /// Move the cursor by `n` screen rows (negative: up), extending the
    /// selection when `select`.
    pub fn move_rows_selecting(&mut self, n: isize, select: bool) {
        match (select, self.ta.selection_range().is_some()) {
            (true, false) => self.ta.start_selection(),
            (false, true) => self.ta.cancel_selection(),
            _ => {}
        }
        self.move_rows(n);
    }

    /// Move the cursor by `n` screen rows (negative: up).
    pub fn move_rows(&mut self, n: isize) {
        let w = self.text_width();
        let (mut l, c) = self.cursor();
        let lines = self.ta.lines();
        let line = &lines[l];
        let b = byte_of_char(line, c);
        let rows = self.rows_cached(l, w);
        let mut r = row_of(&rows, b);
        let goal = *self
            .goal
            .get_or_insert_with(|| width_of(&line[rows[r].0..b]));
        let mut rows = rows;
        let mut left = n.unsigned_abs();
        while left > 0 {
            if n < 0 {
                if r > 0 {
                    r -= 1;
                } else if l > 0 {
                    l -= 1;
                    rows = self.rows_cached(l, w);
                    r = rows.len() - 1;
                } else {
                    break;
                }
            } else if r + 1 < rows.len() {
                r += 1;
            } else if l + 1 < lines.len() {
                l += 1;
                rows = self.rows_cached(l, w);
                r = 0;
            } else {
                break;
            }
            left -= 1;
        }
        let line = &lines[l];
        let (s, e) = rows[r];
        let last = r + 1 == rows.len();
        let mut col = 0;
        let mut b = s;
        for (i, ch) in line[s..e].char_indices() {
            let cw = char_width(ch);
            if col + cw > goal || (!last && s + i + ch.len_utf8() == e) {
                b = s + i;
                break;
            }
            col += cw;
            b = s + i + ch.len_utf8();
        }
        let chars = line[..b].chars().count();
        let goal = self.goal;
        self.jump(l, chars);
        self.goal = goal;
    }

    /// Handle a key; true when the text changed. Undo groups by word
    /// only (see [`Editor::key_at`]).
    pub fn key(&mut self, k: KeyEvent) -> bool {
        self.key_at(k, DateTime::<Utc>::MIN_UTC)
    }

    /// Handle a key typed at `now`; true when the text changed. Undo
    /// (Ctrl-Z) takes back a word, a run of deletions or a pause's worth
    /// of typing at a time.
    pub fn key_at(&mut self, k: KeyEvent, now: DateTime<Utc>) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        let page = self.size.get().1.max(2) as isize - 1;
        let shift = k.modifiers.contains(KeyModifiers::SHIFT);
        match (k.code, ctrl, alt) {
            (KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown, false, false) => {
                self.undo.cut();
                self.key_rows(k.code, page, shift);
            }
            _ => {
                self.goal = None;
                let before = (self.ta.lines().len(), self.cursor());
                let (modified, local) = match (k.code, ctrl, alt) {
                    (KeyCode::Char('z' | 'u'), true, false) => {
                        (self.undo.undo(&mut self.ta), false)
                    }
                    (KeyCode::Char('y' | 'r'), true, false) => {
                        (self.undo.redo(&mut self.ta), false)
                    }
                    (KeyCode::Backspace, true, _) | (KeyCode::Char('h'), true, false) => {
                        (self.ta.delete_word(), true)
                    }
                    (KeyCode::Delete, true, _) => (self.ta.delete_next_word(), true),
                    _ => (self.ta.input(Input::from(k)), true),
                };
                if modified {
                    if local {
                        self.undo.record(EditKind::of(&k), now);
                    }
                    self.note_edit(local.then_some(before));
                } else {
                    // A cursor move: the next edit starts a new group.
                    self.undo.cut();
                }
                return modified;
            }
        }
        false
    }

    fn key_rows(&mut self, code: KeyCode, page: isize, shift: bool) {
        match code {
            KeyCode::Up => self.move_rows_selecting(-1, shift),
            KeyCode::Down => self.move_rows_selecting(1, shift),
            KeyCode::PageUp => self.move_rows_selecting(-page, shift),
            _ => self.move_rows_selecting(page, shift),
        }
    }

    /// Clear the whole answer as one edit (Ctrl-Z brings it back).
    pub fn clear(&mut self) -> bool {
        self.goal = None;
        self.ta.select_all();
        let modified = self.ta.delete_char();
        if modified {
            self.undo.record(EditKind::Other, DateTime::<Utc>::MIN_UTC);
            self.undo.cut();
            self.note_edit(None);
        }
        modified
    }

    pub fn insert_str(&mut self, s: &str) -> bool {
        self.goal = None;
        let before = (self.ta.lines().len(), self.cursor());
        let modified = self.ta.insert_str(s);
        if modified {
            self.undo.record(EditKind::Other, DateTime::<Utc>::MIN_UTC);
            self.undo.cut();
            self.note_edit(Some(before));
        }
        modified
    }

    /// Invalidate cached rows after an edit: from the edited byte when the
    /// edit stayed within the cursor's line (`before` = line count and
    /// cursor before it), else entirely.
    fn note_edit(&self, before: Option<(usize, (usize, usize))>) {
        let mut cache = self.cache.borrow_mut();
        let (row, col) = self.cursor();
        match before {
            Some((n, (r, c))) if n == self.ta.lines().len() && r == row => {
                if let Some(rc) = cache.lines.get_mut(&row) {
                    let b = byte_of_char(&self.ta.lines()[row], c.min(col));
                    rc.dirty_from = Some(rc.dirty_from.map_or(b, |d| d.min(b)));
                }
            }
            _ => cache.lines.clear(),
        }
    }

    /// Rows of line `l` at width `w`, from the cache when it holds them.
    fn rows_cached(&self, l: usize, w: usize) -> Vec<(usize, usize)> {
        let lines = self.ta.lines();
        let line = &lines[l];
        let mut cache = self.cache.borrow_mut();
        if cache.line_count != lines.len() {
            cache.lines.clear();
            cache.line_count = lines.len();
        }
        if cache.lines.len() > 256 {
            cache.lines.clear();
        }
        match cache.lines.get_mut(&l) {
            Some(rc) if rc.width == w => {
                if let Some(d) = rc.dirty_from.take() {
                    // A row's end depends on the word that overflowed it,
                    // which may run on over rows cut mid-word: go back to
                    // the row where the edited word starts, then one more.
                    let bytes = line.as_bytes();
                    let mut k = row_of(&rc.rows, d.min(line.len()));
                    while k > 0 {
                        let b = rc.rows[k].0;
                        if b == 0 || b > bytes.len() || bytes[b - 1] == b' ' {
                            break;
                        }
                        k -= 1;
                    }
                    let mut k = k.saturating_sub(1);
                    let mut restart = rc.rows[k].0.min(line.len());
                    if !line.is_char_boundary(restart) {
                        k = 0;
                        restart = 0;
                    }
                    rc.rows.truncate(k);
                    wrap_rows_from(line, w, restart, &mut rc.rows);
                }
                rc.rows.clone()
            }
            _ => {
                let rows = wrap_rows(line, w);
                cache.lines.insert(
                    l,
                    RowCache {
                        width: w,
                        rows: rows.clone(),
                        dirty_from: None,
                    },
                );
                rows
            }
        }
    }

    /// Scroll (mouse wheel): moves the cursor by rows.
    pub fn scroll(&mut self, rows: isize) {
        self.move_rows(rows);
        self.goal = None;
    }

    /// Make the cursor's row visible in a viewport of `h` rows; returns the
    /// new top.
    fn settle_top(&self, w: usize, h: usize, cur: (usize, usize)) -> (usize, usize) {
        let lines = self.ta.lines();
        let (mut tl, mut tr) = self.top.get();
        tl = tl.min(lines.len() - 1);
        if (tl, tr) > cur {
            return cur;
        }
        // Rows from the top to the cursor, stopping once past the viewport.
        let mut n = 0;
        for l in tl..=cur.0 {
            let count = if l == cur.0 {
                cur.1 + 1
            } else {
                self.rows_cached(l, w).len()
            };
            let skip = if l == tl {
                tr.min(count.saturating_sub(1))
            } else {
                0
            };
            n += count - skip;
            if n > h {
                break;
            }
        }
        if n <= h {
            if tl == cur.0 {
                tr = tr.min(cur.1);
            }
            return (tl, tr);
        }
        // Put the cursor on the last row.
        let (mut l, mut r) = cur;
        let mut left = h.saturating_sub(1);
        while left > 0 {
            if r > 0 {
                let step = r.min(left);
                r -= step;
                left -= step;
            } else if l > 0 {
                l -= 1;
                r = self.rows_cached(l, w).len() - 1;
                left -= 1;
            } else {
                break;
            }
        }
        (l, r)
    }
}

impl Widget for &Editor {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.size.set((area.width, area.height));
        if area.width == 0 || area.height == 0 {
            return;
        }
        let cursor_style = Style::default().add_modifier(Modifier::REVERSED);
        if self.ta.is_empty() {
            Paragraph::new(Line::from(vec![
                Span::styled(" ", cursor_style),
                Span::styled(
                    self.placeholder.as_str(),
                    Style::default().add_modifier(Modifier::DIM),
                ),
            ]))
            .render(area, buf);
            return;
        }
        let w = self.text_width();
        let h = area.height as usize;
        let lines = self.ta.lines();
        let (cl, cc) = self.cursor();
        let cline = &lines[cl];
        let cb = byte_of_char(cline, cc);
        let crow_list = self.rows_cached(cl, w);
        let cr = row_of(&crow_list, cb);
        let top = self.settle_top(w, h, (cl, cr));
        self.top.set(top);
        // Selection as (line, byte) bounds, start inclusive, end exclusive.
        let sel = self.ta.selection_range().map(|((r1, c1), (r2, c2))| {
            (
                (r1, byte_of_char(&lines[r1], c1)),
                (r2, byte_of_char(&lines[r2], c2)),
            )
        });
        let select_style = Style::default().add_modifier(Modifier::REVERSED | Modifier::DIM);
        let mut out: Vec<Line> = Vec::with_capacity(h);
        let (mut l, mut r) = top;
        while out.len() < h && l < lines.len() {
            let line = &lines[l];
            let rows = if l == cl {
                crow_list.clone()
            } else {
                self.rows_cached(l, w)
            };
            // This line's selected bytes.
            let sel_here = sel.and_then(|((r1, b1), (r2, b2))| {
                (r1 <= l && l <= r2).then(|| {
                    let a = if l == r1 { b1 } else { 0 };
                    let b = if l == r2 { b2 } else { line.len() };
                    (a, b)
                })
            });
            for &(s, e) in rows.iter().skip(r) {
                if out.len() >= h {
                    break;
                }
                let cursor_here = l == cl && s <= cb && (cb < e || (cb == e && e == line.len()));
                out.push(row_line(
                    line,
                    (s, e),
                    cursor_here.then_some(cb),
                    sel_here,
                    cursor_style,
                    select_style,
                ));
            }
            l += 1;
            r = 0;
        }
        Paragraph::new(out).render(area, buf);
    }
}

/// One screen row: bytes `s..e` of `line`, with the cursor at byte `cursor`
/// (a space after the text when it is at the end) and the selected bytes
/// `sel` styled.
fn row_line(
    line: &str,
    (s, e): (usize, usize),
    cursor: Option<usize>,
    sel: Option<(usize, usize)>,
    cursor_style: Style,
    select_style: Style,
) -> Line<'static> {
    if cursor.is_none() && sel.is_none_or(|(a, b)| b <= s || a >= e) {
        return Line::raw(clean_line(&line[s..e]).into_owned());
    }
    let cursor_end = cursor.map(|c| c + line[c..e].chars().next().map_or(0, char::len_utf8));
    let mut cuts = vec![s, e];
    cuts.extend(cursor.into_iter().chain(cursor_end));
    if let Some((a, b)) = sel {
        cuts.extend([a.clamp(s, e), b.clamp(s, e)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let style = if Some(a) == cursor {
            cursor_style
        } else if sel.is_some_and(|(x, y)| x <= a && b <= y) {
            select_style
        } else {
            Style::default()
        };
        spans.push(Span::styled(clean_line(&line[a..b]).into_owned(), style));
    }
    if cursor == Some(e) {
        spans.push(Span::styled(" ", cursor_style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests;
