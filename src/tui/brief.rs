//! The scenario's brief (prompt and context) while answering, in practice
//! and in a mock: a panel under the header, wrapped, that can be collapsed
//! to one line (F2), and a full view at any size (Ctrl-O) that scrolls.
//!
//! [`Brief`] is the state a screen keeps; the screen passes it the keys
//! first ([`Brief::key`]) and draws the panel and the full view with it.

use crate::core::content::Scenario;
use crate::tui::layout::centered;
use crate::tui::text::{self, truncate, wrap};
use crate::tui::theme::Theme;
use crate::tui::vocab::{KeyHelp, key};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::cell::Cell;

/// What the screen keeps about the brief.
#[derive(Debug, Clone, Default)]
pub struct Brief {
    /// The panel shows one line.
    pub collapsed: bool,
    /// The full view is open, scrolled by this many lines.
    pub full: Option<usize>,
    /// Lines of the full view at its last drawing, and its height (for
    /// scrolling by pages and stopping at the end).
    drawn: Cell<(usize, usize)>,
}

impl Brief {
    /// The full view is open (it takes every key).
    pub fn is_open(&self) -> bool {
        self.full.is_some()
    }

    /// Handle a key when it is the brief's: Ctrl-O opens (and closes) the
    /// full view, F2 collapses or expands the panel; while the full view is
    /// open every key is its own (arrows, pages, Home/End scroll; Esc, q or
    /// Ctrl-O close). Returns whether the key was used.
    pub fn key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if let Some(top) = self.full {
            let (lines, h) = self.drawn.get();
            let last = lines.saturating_sub(h.max(1));
            let page = h.saturating_sub(1).max(1);
            self.full = match k.code {
                KeyCode::Esc | KeyCode::Char('q') => None,
                KeyCode::Char('o') if ctrl => None,
                KeyCode::Up | KeyCode::Char('k') => Some(top.saturating_sub(1)),
                KeyCode::Down | KeyCode::Char('j') => Some((top + 1).min(last)),
                KeyCode::PageUp => Some(top.saturating_sub(page)),
                KeyCode::PageDown | KeyCode::Char(' ') => Some((top + page).min(last)),
                KeyCode::Home => Some(0),
                KeyCode::End => Some(last),
                _ => Some(top),
            };
            return true;
        }
        match k.code {
            KeyCode::Char('o') if ctrl => {
                self.full = Some(0);
                true
            }
            KeyCode::F(2) => {
                self.collapsed = !self.collapsed;
                true
            }
            _ => false,
        }
    }

    /// Scroll the full view (mouse wheel).
    pub fn scroll(&mut self, rows: isize) {
        if let Some(top) = self.full {
            let (lines, h) = self.drawn.get();
            let last = lines.saturating_sub(h.max(1));
            self.full = Some(top.saturating_add_signed(rows).min(last));
        }
    }

    /// The panel's lines at `width` columns, at most `max` of them; the
    /// last one says how to see the rest when some is cut.
    fn panel_lines(&self, s: &Scenario, width: usize, max: usize) -> Vec<String> {
        let w = width.saturating_sub(2).max(1);
        if self.collapsed {
            let hint = " ▸ F2 brief · ^O full";
            let room = width.saturating_sub(hint.chars().count() + 1).max(1);
            let first = s.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
            return vec![format!("{}{hint}", truncate(&first, room))];
        }
        let mut all = wrap(s.prompt.trim(), w);
        let context = s.context.trim();
        if !context.is_empty() {
            all.extend(wrap(context, w));
        }
        let max = max.max(1);
        if all.len() <= max {
            return all;
        }
        let hint = "^O full brief · F2 hides";
        let mut shown: Vec<String> = all.into_iter().take(max).collect();
        if let Some(last) = shown.last_mut() {
            let room = w.saturating_sub(hint.chars().count() + 1);
            // The line cut short ends with "…" already; a whole one gets it.
            let cut = if text::width(last) < room {
                format!("{last}…")
            } else {
                truncate(last, room)
            };
            *last = format!("{cut} {hint}");
        }
        shown
    }

    /// Rows the panel needs at this size: one collapsed; else the prompt
    /// and context up to a quarter of the height (a sixth below 30 rows),
    /// at least two.
    pub fn height(&self, s: &Scenario, width: u16, height: u16) -> u16 {
        let max = self.max_rows(height);
        self.panel_lines(s, width as usize, max).len() as u16
    }

    fn max_rows(&self, height: u16) -> usize {
        let share = if height >= 30 { height / 4 } else { height / 6 };
        usize::from(share.max(2))
    }

    /// Draw the panel into `area` (its height from [`Brief::height`]).
    pub fn render_panel(&self, f: &mut Frame, area: Rect, s: &Scenario, t: &Theme) {
        let lines = self.panel_lines(s, area.width as usize, area.height as usize);
        let prompt_rows = if self.collapsed {
            0
        } else {
            wrap(
                s.prompt.trim(),
                (area.width as usize).saturating_sub(2).max(1),
            )
            .len()
        };
        let out: Vec<Line> = lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let style = if i < prompt_rows || self.collapsed {
                    t.title
                } else {
                    t.dim
                };
                Line::from(vec![Span::raw(" "), Span::styled(l, style)])
            })
            .collect();
        f.render_widget(Paragraph::new(out), area);
    }

    /// Draw the full view over `area` when it is open.
    pub fn render_full(&self, f: &mut Frame, area: Rect, s: &Scenario, t: &Theme) {
        let Some(top) = self.full else {
            return;
        };
        let r = centered(area, area.width.min(100), area.height);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.focus)
            .title(" The brief ")
            .title_bottom(
                Line::styled(" ↑↓ PgUp PgDn scroll · Esc closes ", t.dim).right_aligned(),
            );
        let inner = block.inner(r);
        f.render_widget(Clear, r);
        f.render_widget(block, r);
        let w = inner.width.saturating_sub(2).max(1) as usize;
        let mut lines: Vec<Line> = vec![Line::styled(format!(" {}", s.title.trim()), t.title)];
        lines.push(Line::raw(""));
        for l in wrap(s.prompt.trim(), w) {
            lines.push(Line::styled(format!(" {l}"), t.title));
        }
        if !s.context.trim().is_empty() {
            lines.push(Line::raw(""));
            for l in wrap(s.context.trim(), w) {
                lines.push(Line::raw(format!(" {l}")));
            }
        }
        let h = inner.height as usize;
        self.drawn.set((lines.len(), h));
        let top = top.min(lines.len().saturating_sub(h));
        let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
        f.render_widget(Paragraph::new(shown), inner);
    }

    /// The keys for the footer while the full view is open.
    pub fn keys() -> Vec<KeyHelp> {
        vec![key("↑↓/PgUp/PgDn", "scroll"), key("Esc", "close")]
    }

    /// The help lines for the brief's keys.
    pub fn help() -> Vec<KeyHelp> {
        vec![
            key("Ctrl-O", "the brief (prompt and context) in full"),
            key("F2", "collapse / expand the brief above the answer"),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn scenario() -> Scenario {
        Scenario {
            title: "Invoices".into(),
            prompt: "Our customers upload supplier invoices as PDFs and photos. We want to extract the supplier, the total and the due date so that accounts payable stops typing them in.".into(),
            context: "About 120,000 invoices a month; 40 clerks; errors cost us late fees.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_panel_wraps_and_says_how_to_see_what_is_cut() {
        let b = Brief::default();
        let s = scenario();
        let wide = b.panel_lines(&s, 120, 10);
        assert!(
            wide.iter().any(|l| l.contains("accounts payable")),
            "{wide:?}"
        );
        assert!(wide.iter().any(|l| l.contains("late fees")), "{wide:?}");
        let narrow = b.panel_lines(&s, 60, 3);
        assert_eq!(narrow.len(), 3);
        assert!(
            narrow[2].ends_with("… ^O full brief · F2 hides"),
            "{narrow:?}"
        );
        assert!(narrow.iter().all(|l| !l.starts_with(' ')), "{narrow:?}");
    }

    #[test]
    fn keys_collapse_open_scroll_and_close() {
        let mut b = Brief::default();
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        assert!(!b.key(&k(KeyCode::Char('x'))));
        assert!(b.key(&k(KeyCode::F(2))));
        assert!(b.collapsed);
        assert_eq!(b.panel_lines(&scenario(), 80, 5).len(), 1);
        assert!(b.key(&KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)));
        assert_eq!(b.full, Some(0));
        b.drawn.set((30, 10));
        b.key(&k(KeyCode::PageDown));
        assert_eq!(b.full, Some(9));
        b.key(&k(KeyCode::End));
        assert_eq!(b.full, Some(20));
        assert!(
            b.key(&k(KeyCode::Char('a'))),
            "typing is swallowed, not redirected"
        );
        b.key(&k(KeyCode::Esc));
        assert!(!b.is_open());
    }
}
