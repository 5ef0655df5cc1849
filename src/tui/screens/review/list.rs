//! The history list: its keys (move, search, filter, sort, mark, compare,
//! progress, drill, delete, the trash) and its drawing (the filters, the
//! table of sessions and damaged files, two lines about the highlighted
//! row).

use super::{Page, Review, ReviewData, Row, drill, home, rich, trash};
use crate::core::session::Mode;
use crate::tui::screens::title_line;
use crate::tui::text::truncate;
use crate::tui::vocab::Ctx;
use crate::tui::vocab::Effect;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row as TableRow, Table, TableState};

impl Review {
    pub(super) fn list_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let n = self.rows().len();
        if self.searching {
            let typed =
                matches!(k.code, KeyCode::Char(_)) && !k.modifiers.contains(KeyModifiers::CONTROL);
            match k.code {
                KeyCode::Enter | KeyCode::Down | KeyCode::Up => self.searching = false,
                KeyCode::Esc => {
                    self.searching = false;
                    self.query.clear();
                }
                KeyCode::Backspace => {
                    self.query.pop();
                }
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.query.push(c)
                }
                _ => {}
            }
            self.selected = 0;
            self.clamp();
            return if typed && !self.query.trim().is_empty() {
                self.want_search()
            } else {
                Vec::new()
            };
        }
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(n.saturating_sub(1)),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = n.saturating_sub(1),
            KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => {
                match (self.rows().get(self.selected), &self.data) {
                    (Some(Row::Session(i)), _) => {
                        return self.open(ctx, super::Pending::Session(*i), true);
                    }
                    (Some(Row::Damaged(i)), Some(d)) => {
                        let x = &d.damaged[*i];
                        ctx.error(format!("{} is damaged: {}", x.file_name(), x.reason));
                    }
                    _ => {}
                }
            }
            KeyCode::Char('/') => self.searching = true,
            KeyCode::Char('s') => {
                let scenarios = self
                    .data
                    .as_ref()
                    .map(|d| d.scenarios())
                    .unwrap_or_default();
                self.scenario = match &self.scenario {
                    None => scenarios.first().cloned(),
                    Some(cur) => scenarios
                        .iter()
                        .position(|s| s == cur)
                        .and_then(|i| scenarios.get(i + 1))
                        .cloned(),
                };
                self.selected = 0;
            }
            KeyCode::Char('m') => {
                self.mode = match self.mode {
                    None => Some(Mode::Practice),
                    Some(Mode::Practice) => Some(Mode::Mock),
                    Some(Mode::Mock) => Some(Mode::Drill),
                    Some(Mode::Drill) => None,
                };
                self.selected = 0;
            }
            KeyCode::Char('o') => {
                self.sort = self.sort.next();
                self.selected = 0;
            }
            KeyCode::Char('x') => {
                self.scenario = None;
                self.mode = None;
                self.query.clear();
                self.marked = None;
                self.unfinished = false;
            }
            KeyCode::Delete | KeyCode::Char('D') => self.ask_delete(ctx),
            KeyCode::Char('t') => {
                if let Some(d) = &self.data {
                    self.page = Page::Trash(trash::TrashPage::new(d));
                }
            }
            KeyCode::Char(' ') => {
                if let (Some(i), Some(d)) = (self.selected_session(), &self.data) {
                    let id = d.sessions[i].summary.id.clone();
                    if self.marked.as_ref() == Some(&id) {
                        self.marked = None;
                    } else {
                        ctx.info("marked: choose another attempt and press c to compare");
                        self.marked = Some(id);
                    }
                }
            }
            KeyCode::Char('c') => return self.open_compare(ctx),
            KeyCode::Char('p') if self.wait_for_scores(ctx, "progress") => self.open_progress(ctx),
            KeyCode::Char('d') => {
                if let Some(d) = self.data.clone()
                    && self.wait_for_scores(ctx, "the drill")
                {
                    self.page = Page::Drill(Box::new(drill::DrillPage::new(ctx, &d)));
                }
            }
            KeyCode::Esc if !self.query.is_empty() => self.query.clear(),
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Left | KeyCode::Char('h') => {
                return home::go(ctx);
            }
            _ => {}
        }
        self.clamp();
        Vec::new()
    }

    pub(super) fn render_list(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let [title, filters, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let Some(d) = &self.data else {
            f.render_widget(title_line(ctx, "History", title), title);
            let text = match (&self.load_error, self.progress) {
                (Some(e), _) => Line::styled(truncate(e, body.width as usize), t.error),
                (None, Some((done, total))) => Line::styled(
                    format!(
                        " Scoring sessions… {done} of {total} ({}%) · Esc home",
                        done * 100 / total.max(1)
                    ),
                    t.dim,
                ),
                (None, None) => Line::styled(" Loading sessions…", t.dim),
            };
            f.render_widget(Paragraph::new(text), body);
            return;
        };
        let rows = self.rows();
        let damaged = rows.iter().filter(|r| matches!(r, Row::Damaged(_))).count();
        let mut head = format!(
            "History — {} of {} sessions",
            rows.len() - damaged,
            d.sessions.len()
        );
        if damaged > 0 {
            head.push_str(&format!(", {damaged} damaged"));
        }
        let unscored = d.unscored();
        if unscored > 0 {
            match self.progress {
                Some((done, total)) => head.push_str(&format!(
                    " · scoring {done} of {total} ({}%)",
                    done * 100 / total.max(1)
                )),
                None => head.push_str(&format!(" · {unscored} to score")),
            }
        }
        if self.opening() {
            head.push_str(" · opening…");
        }
        f.render_widget(title_line(ctx, &head, title), title);

        let mut spans = vec![];
        if self.unfinished {
            spans.push(Span::styled(" unfinished only (x clears)", t.warn));
        }
        spans.extend([
            Span::styled(" scenario ", t.dim),
            Span::raw(self.scenario.clone().unwrap_or_else(|| "all".into())),
            Span::styled("  mode ", t.dim),
            Span::raw(self.mode.map_or("all", |m| m.as_str())),
            Span::styled("  sort ", t.dim),
            Span::raw(self.sort.label()),
            Span::styled("  search ", t.dim),
        ]);
        if self.searching {
            spans.push(Span::styled(format!("{}▏", self.query), t.focus));
        } else if self.query.is_empty() {
            spans.push(Span::styled("(/)", t.dim));
        } else {
            spans.push(Span::raw(self.query.clone()));
        }
        if self.indexing && !self.query.trim().is_empty() {
            spans.push(Span::styled("  (indexing answers…)", t.dim));
        }
        let line: Line = spans.into();
        let w = filters.width as usize;
        let line = if line.width() > w {
            Line::raw(truncate(
                &line
                    .spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>(),
                w,
            ))
        } else {
            line
        };
        f.render_widget(Paragraph::new(line), filters);

        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(t.border);
        if rows.is_empty() {
            let msg = if d.sessions.is_empty() && d.damaged.is_empty() {
                " No sessions yet. Practise a scenario from the home screen first."
            } else {
                " No session matches. Press x to clear the filters."
            };
            f.render_widget(Paragraph::new(Line::styled(msg, t.dim)).block(block), body);
            return;
        }
        let wide = body.width >= 100;
        let (list_area, detail_area) = if body.height >= 8 {
            let [l, d] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(body);
            (l, Some(d))
        } else {
            (body, None)
        };
        // Only the rows on screen are drawn: the selection at the bottom
        // once it is past the first screenful (as the table would scroll).
        let shown = list_area.height.saturating_sub(2).max(1) as usize;
        let first = self.selected.saturating_sub(shown - 1);
        let window = &rows[first.min(rows.len())..(first + shown).min(rows.len())];
        // As wide as the longest time (`45:00`, `1:05:00`), at least the header.
        let mut time_w = "time".len();
        let table_rows: Vec<TableRow> = window
            .iter()
            .map(|r| match r {
                Row::Session(i) => {
                    let s = &d.sessions[*i];
                    let ss = &s.summary;
                    let mark = if self.marked.as_deref() == Some(ss.id.as_str()) {
                        "▶"
                    } else {
                        " "
                    };
                    let secs = if ss.elapsed_seconds > 0 {
                        ss.elapsed_seconds
                    } else {
                        ss.ended_at
                            .map(|e| (e - ss.started_at).num_seconds().max(0) as u64)
                            .unwrap_or(0)
                    };
                    let status = match ss.status {
                        crate::core::session::SessionStatus::Complete => "",
                        crate::core::session::SessionStatus::InProgress => "in progress",
                    };
                    let mut cells = vec![
                        Cell::from(mark),
                        Cell::from(ss.started_at.format("%Y-%m-%d %H:%M").to_string()),
                        Cell::from(crate::tui::text::clean_line(&ss.scenario).into_owned()),
                        Cell::from(ss.mode.as_str()),
                        Cell::from({
                            let time = rich::duration(secs);
                            time_w = time_w.max(time.chars().count());
                            time
                        }),
                        Cell::from(
                            s.overall_score()
                                .map_or_else(|| "    …".to_string(), |o| format!("{o:>5.1}")),
                        ),
                        Cell::from(status).style(t.warn),
                    ];
                    if wide {
                        cells.push(
                            Cell::from(crate::tui::text::clean_line(&ss.id).into_owned())
                                .style(t.dim),
                        );
                    }
                    TableRow::new(cells)
                }
                Row::Damaged(i) => {
                    let x = &d.damaged[*i];
                    TableRow::new(vec![
                        Cell::from("!"),
                        Cell::from("damaged").style(t.error),
                        Cell::from(crate::tui::text::clean_line(&x.file_name()).into_owned()),
                    ])
                }
            })
            .collect();
        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(16),
            Constraint::Fill(2),
            Constraint::Length(8),
            Constraint::Length(time_w as u16),
            Constraint::Length(5),
            Constraint::Length(11),
        ];
        if wide {
            widths.push(Constraint::Fill(3));
        }
        let header = TableRow::new(
            [
                "", "date", "scenario", "mode", "time", "score", "status", "id",
            ]
            .into_iter()
            .take(widths.len())
            .map(|h| Cell::from(h).style(t.dim)),
        );
        let table = Table::new(table_rows, widths)
            .header(header)
            .column_spacing(1)
            .block(block)
            .row_highlight_style(t.selected)
            .highlight_symbol("›");
        let mut state = TableState::default().with_selected(Some(self.selected - first));
        f.render_stateful_widget(table, list_area, &mut state);
        if let Some(area) = detail_area {
            f.render_widget(
                Paragraph::new(self.detail(d, ctx, area.width as usize)),
                area,
            );
        }
    }

    /// Two lines about the selected row, under the list.
    fn detail(&self, d: &ReviewData, ctx: &Ctx, w: usize) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        let text = match self.rows().get(self.selected) {
            Some(Row::Damaged(i)) => {
                let x = &d.damaged[*i];
                return rich::para(
                    &format!("{}: {}", x.path.display(), x.reason),
                    t.error,
                    w,
                    1,
                )
                .into_iter()
                .take(2)
                .collect();
            }
            Some(Row::Session(i)) => {
                let s = &d.sessions[*i].summary;
                let mut x = format!("{} · {} answered", s.id, s.answers);
                if let Some(p) = s.predicted_score {
                    x.push_str(&format!(" · guessed {p}"));
                }
                if s.status == crate::core::session::SessionStatus::InProgress {
                    x.push_str(" · in progress: Enter, then r to resume");
                }
                if let Some(m) = &self.marked {
                    x.push_str(&format!(" · marked for compare: {m}"));
                }
                x
            }
            None => return Vec::new(),
        };
        rich::para(&text, t.dim, w, 1).into_iter().take(2).collect()
    }
}
