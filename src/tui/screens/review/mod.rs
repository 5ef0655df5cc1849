//! Review: the history browser and the pages opened from it — one
//! session (read-only), a comparison of two attempts, progress — plus the
//! drill entry and the self-assessment step before a scorecard.
//!
//! One screen ([`Review`]) holds the loaded history and the list's
//! filters, so coming back from a page keeps them. The history arrives
//! from the runtime (`Effect::LoadReview` → `Msg::ReviewProgress` while
//! sessions are scored, then `Msg::ReviewLoaded`) as one record per
//! session; the screen answers keys meanwhile. The session view and
//! compare ask for the sessions they show in full (`Effect::OpenScored`);
//! the first search of answers builds their index in the background
//! (`Effect::IndexAnswers`), matching ids, scenarios and modes until then.

pub mod compare;
pub mod drill;
mod list;
mod open;
pub mod predict;
pub mod progress;
pub mod rich;
mod rows;
pub mod session;
pub mod trash;

pub use crate::tui::history::{Damaged, ReviewData};

use crate::core::review::ScoredSession;
use crate::core::review::search::SearchIndex;
use crate::core::session::Mode;
use crate::tui::screens::home;
use crate::tui::vocab::{
    ConfirmAction, Ctx, Effect, KeyHelp, Msg, PromptAction, Screen, ScreenView, key,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
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
    Trash(trash::TrashPage),
    Drill(Box<drill::DrillPage>),
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
    /// Only unfinished sessions (home's "More unfinished sessions…").
    pub unfinished: bool,
    /// The session a delete confirmation is about.
    pub pending_delete: Option<String>,
    /// Esc on the drill page goes home (it was opened from there).
    drill_from_home: bool,
    /// Sessions read and scored in full for the pages, by id (a few).
    opened: HashMap<String, Arc<ScoredSession>>,
    /// A page waiting for its sessions (`Effect::OpenScored` of these
    /// files).
    pending: Option<(Pending, Vec<PathBuf>)>,
    /// Scoring progress of the history being loaded: (done, to do).
    pub progress: Option<(usize, usize)>,
    /// The answer search index (built on the first search).
    search: Option<Arc<SearchIndex>>,
    /// The search index is being built.
    pub indexing: bool,
    /// Loads of the history so far: a search index is for one of them.
    generation: u64,
    /// The visible rows for the filters they were made with.
    rows_cache: RefCell<Option<(RowsKey, Vec<Row>)>>,
}

/// How many fully scored sessions the screen keeps.
const OPENED_MAX: usize = 8;

use open::Pending;
use rows::RowsKey;

/// Open the review screen (loading the history first).
pub fn go(ctx: &mut Ctx, then: Then) -> Vec<Effect> {
    ctx.goto(Screen::new(Review::new(then)));
    vec![Effect::LoadReview(ctx.content.clone())]
}

/// Open the history on the unfinished sessions only.
pub fn go_unfinished(ctx: &mut Ctx) -> Vec<Effect> {
    let mut r = Review::new(Then::List);
    r.unfinished = true;
    ctx.goto(Screen::new(r));
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
            unfinished: false,
            pending_delete: None,
            drill_from_home: false,
            opened: HashMap::new(),
            pending: None,
            progress: None,
            search: None,
            indexing: false,
            generation: 0,
            rows_cache: RefCell::new(None),
        }
    }

    /// A review screen over already loaded data (tests, snapshots).
    pub fn with_data(data: ReviewData) -> Review {
        let mut r = Review::new(Then::List);
        r.data = Some(Arc::new(data));
        r
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
        // A first list with the scores cached so far: scoring goes on.
        let partial = data.unscored() > 0;
        if !partial {
            self.progress = None;
        }
        self.generation += 1;
        self.search = None;
        self.indexing = false;
        self.opened.clear();
        self.clamp();
        // A search typed while loading searches the answers too.
        let effects = if self.query.trim().is_empty() {
            Vec::new()
        } else {
            self.want_search()
        };
        if let Page::Trash(p) = &mut self.page {
            let selected = p.selected;
            *p = trash::TrashPage::new(&data);
            p.selected = selected.min(data.trash.len().saturating_sub(1));
        }
        // What to open happens once (a reload after a delete stays put),
        // with every score in.
        if partial {
            return effects;
        }
        match std::mem::replace(&mut self.then, Then::List) {
            Then::List => {}
            Then::Progress => self.open_progress(ctx),
            Then::Drill => {
                self.drill_from_home = true;
                self.page = Page::Drill(Box::new(drill::DrillPage::new(ctx, &data)));
            }
        }
        effects
    }

    /// Are the scores still coming in? Then say so (`what` waits).
    pub(super) fn wait_for_scores(&self, ctx: &mut Ctx, what: &str) -> bool {
        let Some(d) = &self.data else { return false };
        let n = d.unscored();
        if n > 0 {
            ctx.info(format!(
                "{n} sessions are being scored; {what} opens once they are"
            ));
        }
        n == 0
    }

    fn open_progress(&mut self, ctx: &Ctx) {
        if let Some(d) = &self.data {
            self.page = Page::Progress(Box::new(progress::ProgressPage::new(ctx, d)));
        }
    }
}

impl ScreenView for Review {
    fn name(&self) -> &'static str {
        "review"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::ReviewLoaded(Ok(data)) => return self.loaded(ctx, data),
            Msg::ReviewProgress { done, total } => self.progress = Some((done, total)),
            Msg::ScoredOpened { paths, result } => {
                return self.opened_sessions(ctx, &paths, result);
            }
            Msg::AnswersIndexed { generation, index } if generation == self.generation => {
                self.indexing = false;
                self.search = Some(index);
                self.clamp();
            }
            Msg::ReviewLoaded(Err(e)) => {
                ctx.error(e.clone());
                self.load_error = Some(e);
            }
            Msg::Confirmed(ConfirmAction::Discard) => {
                if let Some(name) = self.pending_delete.take() {
                    return vec![Effect::TrashSession(name)];
                }
            }
            Msg::Trashed { result, .. } => {
                match result {
                    Ok(path) => {
                        ctx.info(format!("moved to {} · t shows the trash", path.display()))
                    }
                    Err(e) => ctx.error(format!("not deleted: {e}")),
                }
                return vec![Effect::LoadReview(ctx.content.clone())];
            }
            Msg::Restored { result, .. } => {
                match result {
                    Ok(path) => ctx.info(format!("restored {}", path.display())),
                    Err(e) => ctx.error(format!("not restored: {e}")),
                }
                return vec![Effect::LoadReview(ctx.content.clone())];
            }
            Msg::Prompted {
                action: PromptAction::ExportPath,
                value,
            } => {
                let session = match &self.page {
                    Page::Session(p) => Some(p.scored.clone()),
                    _ => None,
                };
                match session {
                    Some(_) if value.is_empty() => ctx.info("not exported: no file name"),
                    Some(s) => {
                        return vec![Effect::ExportMarkdown {
                            session: Box::new(s.session.clone()),
                            scorecard: Box::new(s.card.clone()),
                            path: value.into(),
                        }];
                    }
                    None => {}
                }
            }
            Msg::Exported(Ok(path)) => ctx.info(format!("exported to {}", path.display())),
            Msg::Exported(Err(e)) => ctx.error(format!("export failed: {e}")),
            Msg::Key(k) => {
                let back = matches!(k.code, KeyCode::Esc | KeyCode::Char('q') | KeyCode::Left);
                let data = self.data.clone();
                match (&mut self.page, data) {
                    (Page::List, _) | (_, None) => return self.list_key(ctx, k),
                    (Page::Session(p), Some(_)) => {
                        if back {
                            self.page = Page::List;
                        } else {
                            let (mut effects, cmp) = p.key(ctx, k);
                            if cmp {
                                self.select_session(p_index(&self.page));
                                effects.extend(self.open_compare(ctx));
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
                    (Page::Drill(p), _) => {
                        if back && self.drill_from_home {
                            return home::go(ctx);
                        } else if back {
                            self.page = Page::List;
                        } else if k.code == KeyCode::Enter {
                            return p.start(ctx);
                        }
                    }
                    (Page::Trash(p), Some(d)) => {
                        if back {
                            self.page = Page::List;
                        } else if let Some(name) = p.chosen(&d, &k) {
                            return vec![Effect::RestoreSession(name.to_string())];
                        } else {
                            return p.key(k);
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
            (Page::Session(p), Some(_)) => p.render(f, area, ctx),
            (Page::Compare(p), _) => p.render(f, area, ctx),
            (Page::Progress(p), _) => p.render(f, area, ctx),
            (Page::Trash(p), Some(d)) => p.render(f, area, ctx, d),
            (Page::Drill(p), _) => p.render(f, area, ctx),
            _ => self.render_list(f, area, ctx),
        }
    }

    fn keys(&self) -> Vec<KeyHelp> {
        match (&self.page, &self.data) {
            (Page::Session(p), Some(_)) => p.keys(),
            (Page::Compare(_), _) => {
                vec![key("↑/↓", "scroll"), key("Esc", "back"), key("?", "help")]
            }
            (Page::Progress(_), _) => vec![
                key("↑/↓", "scroll missed"),
                key("Esc", "back"),
                key("?", "help"),
            ],
            (Page::Drill(_), _) => vec![
                key("Enter", "start the drill"),
                key("Esc", "back"),
                key("?", "help"),
            ],
            (Page::Trash(_), _) => vec![
                key("↑/↓", "move"),
                key("Enter/r", "restore"),
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
                key("Del", "delete"),
                key("s/m/o", "filter"),
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
                key(
                    "Delete / D",
                    "delete the highlighted session: it moves to trash/ in the sessions directory",
                ),
                key("t", "the trash: restore deleted sessions"),
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
