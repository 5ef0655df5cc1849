//! Review: the history browser and the pages opened from it — one
//! session (read-only), a comparison of two attempts, progress — plus the
//! drill entry and the self-assessment step before a scorecard.
//!
//! One screen ([`Review`]) holds the loaded history and the list's
//! filters, so coming back from a page keeps them. The history arrives
//! from the runtime (`Effect::LoadReview` → `Msg::ReviewLoaded`), scored
//! once with the current content.

pub mod compare;
pub mod drill;
pub mod predict;
pub mod progress;
pub mod rich;
pub mod session;

pub use crate::tui::history::{Damaged, ReviewData};

use crate::core::review::{ScoredSession, latest_pair};
use crate::core::session::Mode;
use crate::tui::screens::{home, title_line};
use crate::tui::text::truncate;
use crate::tui::vocab::{Ctx, Effect, KeyHelp, Msg, Screen, ScreenView, key};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row as TableRow, Table, TableState};
use std::sync::Arc;

/// What to open once the history has loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    List,
    Progress,
    Drill,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Newest,
    Oldest,
    Best,
    Worst,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Best,
            Sort::Best => Sort::Worst,
            Sort::Worst => Sort::Newest,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Best => "best score",
            Sort::Worst => "worst score",
        }
    }
}

/// A row of the history list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// Index into `ReviewData::sessions`.
    Session(usize),
    /// Index into `ReviewData::damaged`.
    Damaged(usize),
}

pub enum Page {
    List,
    Session(session::SessionPage),
    Compare(Box<compare::ComparePage>),
    Progress(Box<progress::ProgressPage>),
}

pub struct Review {
    pub data: Option<Arc<ReviewData>>,
    pub load_error: Option<String>,
    pub scenario: Option<String>,
    pub mode: Option<Mode>,
    pub query: String,
    pub searching: bool,
    pub sort: Sort,
    /// Selected row of the visible list.
    pub selected: usize,
    /// Session id marked as the first side of a comparison.
    pub marked: Option<String>,
    pub page: Page,
    pub then: Then,
}

/// Open the review screen (loading the history first).
pub fn go(ctx: &mut Ctx, then: Then) -> Vec<Effect> {
    ctx.goto(Screen::new(Review::new(then)));
    vec![Effect::LoadReview(ctx.content.clone())]
}

impl Review {
    pub fn new(then: Then) -> Review {
        Review {
            data: None,
            load_error: None,
            scenario: None,
            mode: None,
            query: String::new(),
            searching: false,
            sort: Sort::Newest,
            selected: 0,
            marked: None,
            page: Page::List,
            then,
        }
    }

    /// A review screen over already loaded data (tests, snapshots).
    pub fn with_data(data: ReviewData) -> Review {
        let mut r = Review::new(Then::List);
        r.data = Some(Arc::new(data));
        r
    }

    /// The visible rows: filtered, searched and sorted sessions, then the
    /// damaged files (only when no scenario or mode filter is set).
    pub fn rows(&self) -> Vec<Row> {
        let Some(d) = &self.data else {
            return Vec::new();
        };
        let needle = self.query.trim().to_lowercase();
        let mut rows: Vec<usize> = (0..d.sessions.len())
            .filter(|&i| {
                let s = &d.sessions[i].session;
                self.scenario.as_ref().is_none_or(|sc| *sc == s.scenario)
                    && self.mode.is_none_or(|m| m == s.mode)
                    && d.matches(i, &needle)
            })
            .collect();
        // `sessions` is newest first already.
        let overall = |i: &usize| d.sessions[*i].card.overall;
        match self.sort {
            Sort::Newest => {}
            Sort::Oldest => rows.reverse(),
            Sort::Best => rows.sort_by(|a, b| overall(b).total_cmp(&overall(a))),
            Sort::Worst => rows.sort_by(|a, b| overall(a).total_cmp(&overall(b))),
        }
        let mut out: Vec<Row> = rows.into_iter().map(Row::Session).collect();
        if self.scenario.is_none() && self.mode.is_none() {
            out.extend(
                d.damaged
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| {
                        needle.is_empty()
                            || x.path
                                .display()
                                .to_string()
                                .to_lowercase()
                                .contains(&needle)
                            || x.reason.to_lowercase().contains(&needle)
                    })
                    .map(|(i, _)| Row::Damaged(i)),
            );
        }
        out
    }

    fn selected_session(&self) -> Option<usize> {
        match self.rows().get(self.selected) {
            Some(Row::Session(i)) => Some(*i),
            _ => None,
        }
    }

    fn clamp(&mut self) {
        let n = self.rows().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    fn loaded(&mut self, ctx: &mut Ctx, data: Arc<ReviewData>) -> Vec<Effect> {
        self.data = Some(data.clone());
        self.clamp();
        match self.then {
            Then::List => Vec::new(),
            Then::Progress => {
                self.open_progress(ctx);
                Vec::new()
            }
            Then::Drill => drill::start(ctx, &data),
        }
    }

    fn open_progress(&mut self, ctx: &Ctx) {
        if let Some(d) = &self.data {
            self.page = Page::Progress(Box::new(progress::ProgressPage::new(ctx, d)));
        }
    }

    /// Compare: the marked session with the selected one; else the selected
    /// one with its previous attempt (or the next one, for a first attempt);
    /// with nothing selected, the latest two attempts at one scenario.
    fn open_compare(&mut self, ctx: &mut Ctx) {
        let Some(d) = self.data.clone() else { return };
        let sel = self.selected_session();
        let pair = match (&self.marked, sel) {
            (Some(m), Some(i)) if *m != d.sessions[i].session.id => {
                Some((m.clone(), d.sessions[i].session.id.clone()))
            }
            (_, Some(i)) => {
                let s = &d.sessions[i].session;
                // Sessions are newest first: older ones follow `i`.
                let other = |x: &&ScoredSession| {
                    x.session.scenario == s.scenario
                        && x.session.id != s.id
                        && x.session.mode != Mode::Drill
                };
                let near = d.sessions[i + 1..]
                    .iter()
                    .find(other)
                    .or_else(|| d.sessions[..i].iter().rev().find(other));
                match near {
                    Some(x) => Some((x.session.id.clone(), s.id.clone())),
                    None => {
                        ctx.error(format!(
                            "only one attempt at '{}': nothing to compare it with",
                            s.scenario
                        ));
                        return;
                    }
                }
            }
            (_, None) => latest_pair(d.sessions.iter().map(|x| &x.session), None),
        };
        let Some((a, b)) = pair else {
            ctx.error("nothing to compare: two attempts at the same scenario are needed");
            return;
        };
        let (Some(ia), Some(ib)) = (d.index_of(&a), d.index_of(&b)) else {
            return;
        };
        // Older attempt on the left.
        let (ia, ib) = if d.sessions[ia].session.started_at <= d.sessions[ib].session.started_at {
            (ia, ib)
        } else {
            (ib, ia)
        };
        match compare::ComparePage::new(&ctx.content.rubric, &d, ia, ib) {
            Ok(p) => {
                self.marked = None;
                self.page = Page::Compare(Box::new(p));
            }
            Err(e) => ctx.error(e),
        }
    }

    fn list_key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> Vec<Effect> {
        let n = self.rows().len();
        if self.searching {
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
            return Vec::new();
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
                        self.page = Page::Session(session::SessionPage::new(*i));
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
            }
            KeyCode::Char(' ') => {
                if let (Some(i), Some(d)) = (self.selected_session(), &self.data) {
                    let id = d.sessions[i].session.id.clone();
                    if self.marked.as_ref() == Some(&id) {
                        self.marked = None;
                    } else {
                        ctx.info("marked: choose another attempt and press c to compare");
                        self.marked = Some(id);
                    }
                }
            }
            KeyCode::Char('c') => self.open_compare(ctx),
            KeyCode::Char('p') => self.open_progress(ctx),
            KeyCode::Char('d') => {
                if let Some(d) = self.data.clone() {
                    return drill::start(ctx, &d);
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

    fn render_list(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let [title, filters, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let Some(d) = &self.data else {
            f.render_widget(title_line(ctx, "History", title), title);
            let text = match &self.load_error {
                Some(e) => Line::styled(truncate(e, body.width as usize), t.error),
                None => Line::styled(" Loading sessions…", t.dim),
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
        f.render_widget(title_line(ctx, &head, title), title);

        let mut spans = vec![
            Span::styled(" scenario ", t.dim),
            Span::raw(self.scenario.clone().unwrap_or_else(|| "all".into())),
            Span::styled("  mode ", t.dim),
            Span::raw(self.mode.map_or("all", |m| m.as_str())),
            Span::styled("  sort ", t.dim),
            Span::raw(self.sort.label()),
            Span::styled("  search ", t.dim),
        ];
        if self.searching {
            spans.push(Span::styled(format!("{}▏", self.query), t.focus));
        } else if self.query.is_empty() {
            spans.push(Span::styled("(/)", t.dim));
        } else {
            spans.push(Span::raw(self.query.clone()));
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
        // As wide as the longest time (`45:00`, `1:05:00`), at least the header.
        let mut time_w = "time".len();
        let table_rows: Vec<TableRow> = rows
            .iter()
            .map(|r| match r {
                Row::Session(i) => {
                    let s = &d.sessions[*i];
                    let ss = &s.session;
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
                        Cell::from(format!("{:>5.1}", s.card.overall)),
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
        let (list_area, detail_area) = if body.height >= 8 {
            let [l, d] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(body);
            (l, Some(d))
        } else {
            (body, None)
        };
        let mut state = TableState::default().with_selected(Some(self.selected));
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
                let s = &d.sessions[*i];
                let answered = s
                    .session
                    .answers
                    .iter()
                    .filter(|a| !a.text.trim().is_empty())
                    .count();
                let mut x = format!("{} · {answered} answered", s.session.id);
                if let Some(p) = s.session.predicted_score {
                    x.push_str(&format!(" · guessed {p}"));
                }
                if s.session.status == crate::core::session::SessionStatus::InProgress {
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

impl ScreenView for Review {
    fn name(&self) -> &'static str {
        "review"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::ReviewLoaded(Ok(data)) => return self.loaded(ctx, data),
            Msg::ReviewLoaded(Err(e)) => {
                ctx.error(e.clone());
                self.load_error = Some(e);
            }
            Msg::Exported(Ok(path)) => ctx.info(format!("exported to {}", path.display())),
            Msg::Exported(Err(e)) => ctx.error(format!("export failed: {e}")),
            Msg::Key(k) => {
                let back = matches!(k.code, KeyCode::Esc | KeyCode::Char('q') | KeyCode::Left);
                let data = self.data.clone();
                match (&mut self.page, data) {
                    (Page::List, _) | (_, None) => return self.list_key(ctx, k),
                    (Page::Session(p), Some(d)) => {
                        if back {
                            self.page = Page::List;
                        } else {
                            let (effects, cmp) = p.key(ctx, &d, k);
                            if cmp {
                                self.select_session(p_index(&self.page));
                                self.open_compare(ctx);
                            }
                            return effects;
                        }
                    }
                    (Page::Compare(p), _) => {
                        if back {
                            self.page = Page::List;
                        } else {
                            p.key(k);
                        }
                    }
                    (Page::Progress(p), _) => {
                        if back {
                            self.page = Page::List;
                        } else {
                            p.key(k);
                        }
                    }
                }
            }
            Msg::Mouse(m) => {
                let down = match m.kind {
                    MouseEventKind::ScrollDown => true,
                    MouseEventKind::ScrollUp => false,
                    _ => return Vec::new(),
                };
                let code = if down { KeyCode::Down } else { KeyCode::Up };
                let k = KeyEvent::new(code, KeyModifiers::NONE);
                return self.update(ctx, Msg::Key(k));
            }
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        match (&self.page, &self.data) {
            (Page::Session(p), Some(d)) => p.render(f, area, ctx, d),
            (Page::Compare(p), _) => p.render(f, area, ctx),
            (Page::Progress(p), _) => p.render(f, area, ctx),
            _ => self.render_list(f, area, ctx),
        }
    }

    fn keys(&self) -> Vec<KeyHelp> {
        match (&self.page, &self.data) {
            (Page::Session(p), Some(d)) => p.keys(d),
            (Page::Compare(_), _) => {
                vec![key("↑/↓", "scroll"), key("Esc", "back"), key("?", "help")]
            }
            (Page::Progress(_), _) => vec![
                key("↑/↓", "scroll missed"),
                key("Esc", "back"),
                key("?", "help"),
            ],
            _ if self.searching => vec![key("Enter", "done"), key("Esc", "clear")],
            _ => vec![
                key("Enter", "open"),
                key("/", "search"),
                key("c", "compare"),
                key("p", "progress"),
                key("Esc", "home"),
                key("s/m/o", "filter"),
                key("d", "drill"),
                key("?", "help"),
            ],
        }
    }

    fn help(&self) -> Vec<KeyHelp> {
        match &self.page {
            Page::List => vec![
                key("↑/↓ j/k", "move"),
                key("Enter", "open the session"),
                key("/", "search ids, scenarios and answers"),
                key("s", "next scenario filter"),
                key("m", "next mode filter"),
                key("o", "sort: newest, oldest, best, worst"),
                key("x", "clear filters and search"),
                key("Space", "mark an attempt to compare"),
                key(
                    "c",
                    "compare (marked vs highlighted, else with the previous attempt)",
                ),
                key("p", "progress over time"),
                key("d", "drill the criteria you miss most"),
                key("Esc", "home"),
            ],
            _ => self.keys(),
        }
    }

    fn takes_text(&self) -> bool {
        self.searching && matches!(self.page, Page::List)
    }
}

fn p_index(page: &Page) -> Option<usize> {
    match page {
        Page::Session(p) => Some(p.index),
        _ => None,
    }
}

impl Review {
    /// Move the list selection to session `i` (clearing filters if it is hidden).
    fn select_session(&mut self, i: Option<usize>) {
        let Some(i) = i else { return };
        if let Some(pos) = self.rows().iter().position(|r| *r == Row::Session(i)) {
            self.selected = pos;
            return;
        }
        self.scenario = None;
        self.mode = None;
        self.query.clear();
        if let Some(pos) = self.rows().iter().position(|r| *r == Row::Session(i)) {
            self.selected = pos;
        }
    }
}

#[cfg(test)]
mod tests;
