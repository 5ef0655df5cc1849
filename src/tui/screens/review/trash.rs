//! Deleting from the history, and the trash: a deleted session's file is
//! moved to `trash/` in the sessions directory (after a confirmation),
//! never removed; this page lists the trash and restores from it.

use super::{Review, ReviewData, Row, rich};
use crate::tui::screens::title_line;
use crate::tui::text::{clean_line, truncate};
use crate::tui::vocab::{ConfirmAction, Ctx, Effect};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

impl Review {
    /// Ask before moving the highlighted session (or damaged file) to the
    /// trash.
    pub(super) fn ask_delete(&mut self, ctx: &mut Ctx) {
        let Some(d) = &self.data else { return };
        let (name, what) = match self.rows().get(self.selected) {
            Some(Row::Session(i)) => {
                let s = &d.sessions[*i].summary;
                let answered = s.answers;
                (
                    s.id.clone(),
                    format!("this {} session ({answered} answered)", s.mode.as_str()),
                )
            }
            Some(Row::Damaged(i)) => {
                let x = &d.damaged[*i];
                let name = x.file_name();
                let stem = name.strip_suffix(".yaml").unwrap_or(&name).to_string();
                (stem, "this damaged file".to_string())
            }
            None => return,
        };
        ctx.confirm(
            format!(
                "Delete {what}? Its file moves to {} and can be restored (t).",
                ctx.sessions.path.join("trash").display()
            ),
            ConfirmAction::Discard,
        );
        self.pending_delete = Some(name);
    }
}

/// The trash page.
pub struct TrashPage {
    pub selected: usize,
    len: usize,
}

impl TrashPage {
    pub fn new(d: &ReviewData) -> TrashPage {
        TrashPage {
            selected: 0,
            len: d.trash.len(),
        }
    }

    pub fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let last = self.len.saturating_sub(1);
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            _ => {}
        }
        Vec::new()
    }

    /// The trashed name to restore with Enter or r, if any.
    pub fn chosen<'d>(&self, d: &'d ReviewData, k: &KeyEvent) -> Option<&'d str> {
        matches!(k.code, KeyCode::Enter | KeyCode::Char('r'))
            .then(|| d.trash.get(self.selected).map(|t| t.id.as_str()))
            .flatten()
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx, d: &ReviewData) {
        let t = &ctx.theme;
        let [title, where_, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        f.render_widget(
            title_line(
                ctx,
                &format!(
                    "Trash — {}",
                    crate::core::report::plural(d.trash.len() as u64, "session", "sessions")
                ),
                title,
            ),
            title,
        );
        f.render_widget(
            Paragraph::new(Line::styled(
                truncate(
                    &format!(" in {}", ctx.sessions.path.join("trash").display()),
                    where_.width as usize,
                ),
                t.dim,
            )),
            where_,
        );
        let w = body.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = if d.trash.is_empty() {
            vec![ListItem::new(Line::styled("The trash is empty.", t.dim))]
        } else {
            d.trash
                .iter()
                .map(|x| {
                    let text = match &x.session {
                        Some(s) => format!(
                            "{}  {}  {}  {} answered",
                            s.started_at.format("%Y-%m-%d %H:%M"),
                            clean_line(&s.scenario),
                            s.mode.as_str(),
                            s.answers
                                .iter()
                                .filter(|a| !a.text.trim().is_empty())
                                .count()
                        ),
                        None => format!("{} (unreadable)", clean_line(&x.id)),
                    };
                    ListItem::new(Line::raw(truncate(&text, w)))
                })
                .collect()
        };
        let list = List::new(items)
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(t.border),
            )
            .highlight_style(t.selected)
            .highlight_symbol("› ");
        let sel = (!d.trash.is_empty()).then_some(self.selected.min(d.trash.len() - 1));
        let mut state = ListState::default().with_selected(sel);
        let [list_area, detail] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(body);
        f.render_stateful_widget(list, list_area, &mut state);
        if let Some(x) = sel.and_then(|i| d.trash.get(i)) {
            let line = rich::para(
                &x.path.display().to_string(),
                t.dim,
                detail.width as usize,
                1,
            );
            f.render_widget(Paragraph::new(line), detail);
        }
    }
}
