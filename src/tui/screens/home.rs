//! Home: start practising, draw a random scenario, start a mock, resume,
//! review, quit. Shows where sessions are stored.

use crate::core::session::{Mode, SessionStatus};
use crate::tui::screens::{picker, review, setup};
use crate::tui::text::{truncate, wrap};
use crate::tui::vocab::{ConfirmAction, Ctx, Effect, KeyHelp, Msg, Screen, ScreenView, key};
use crossterm::event::{KeyCode, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

/// At most this many in-progress sessions are offered for resuming.
pub const RESUME_MAX: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Practice,
    Random,
    Mock,
    Resume(String),
    /// More unfinished sessions than fit (how many more): opens the
    /// history on the unfinished ones.
    More(usize),
    Review,
    Drill,
    Quit,
}

#[derive(Debug, Default)]
pub struct Home {
    pub selected: usize,
    /// The session a discard confirmation is about.
    pub pending: Option<String>,
    /// The last session moved to the trash (its name there), for `u`.
    pub last_trashed: Option<String>,
}

/// Go to the home screen (refreshing the session listing).
pub fn go(ctx: &mut Ctx) -> Vec<Effect> {
    ctx.goto(Screen::new(Home::default()));
    vec![Effect::ListSessions]
}

impl Home {
    pub fn items(ctx: &Ctx) -> Vec<Item> {
        let mut items = vec![Item::Practice, Item::Random, Item::Mock];
        let unfinished: Vec<&str> = ctx
            .listing
            .iter()
            .filter(|s| s.status == SessionStatus::InProgress)
            .map(|s| s.id.as_str())
            .collect();
        items.extend(
            unfinished
                .iter()
                .take(RESUME_MAX)
                .map(|id| Item::Resume(id.to_string())),
        );
        if unfinished.len() > RESUME_MAX {
            items.push(Item::More(unfinished.len() - RESUME_MAX));
        }
        items.extend([Item::Review, Item::Drill, Item::Quit]);
        items
    }

    fn activate(&mut self, ctx: &mut Ctx, item: Item) -> Vec<Effect> {
        match item {
            Item::Practice => {
                ctx.goto(Screen::new(picker::Picker::new(ctx)));
                Vec::new()
            }
            Item::Random => {
                match setup::RandomPreview::screen(ctx, &[], false) {
                    Some(s) => ctx.goto(s),
                    None => ctx.error("the content pack has no scenarios"),
                }
                Vec::new()
            }
            Item::Mock => {
                let s = setup::MockSetup::new(ctx);
                ctx.goto(Screen::new(s));
                Vec::new()
            }
            Item::Resume(id) => vec![Effect::OpenSession(id)],
            Item::More(_) => review::go_unfinished(ctx),
            Item::Review => review::go(ctx, review::Then::List),
            Item::Drill => review::go(ctx, review::Then::Drill),
            Item::Quit => vec![Effect::Quit],
        }
    }

    fn ask_discard(&mut self, ctx: &mut Ctx, id: String) {
        let answered = ctx
            .listing
            .iter()
            .find(|s| s.id == id)
            .map_or(0, |s| s.answered);
        ctx.confirm(
            format!(
                "Discard this unfinished session ({answered} answered)? Its file moves to {} (restorable).",
                ctx.sessions.path.join("trash").display()
            ),
            ConfirmAction::Discard,
        );
        self.pending = Some(id);
    }

    /// One line on what an entry does.
    fn about(item: &Item) -> &'static str {
        match item {
            Item::Practice => {
                "Answer the framing questions of a scenario at your own pace, with hints and a live view of the criteria you cover; finish for a scorecard."
            }
            Item::Random => {
                "Practise a scenario drawn at random, as in a real interview: see it first, draw again if you like."
            }
            Item::Mock => {
                "A timed interview with a phase clock, curveballs and a client to question. Choose the scenario (or random), the length and the seed first."
            }
            Item::Resume(_) => {
                "Continue an unfinished session where you stopped. x discards it (to the trash; u brings it back)."
            }
            Item::More(_) => {
                "Every unfinished session, in the history: resume or delete them there."
            }
            Item::Review => "Past sessions, their scorecards, and your progress.",
            Item::Drill => "A short session on the criteria you miss most, by spaced repetition.",
            Item::Quit => "Leave mlsd-coach. Sessions are saved as you go.",
        }
    }

    fn label(ctx: &Ctx, item: &Item) -> Vec<Span<'static>> {
        let t = &ctx.theme;
        match item {
            Item::Practice => vec![Span::raw("Practise a scenario")],
            Item::Random => vec![Span::raw("Draw a random scenario")],
            Item::Mock => vec![Span::raw("Timed mock interview")],
            Item::Resume(id) => {
                let info = ctx.listing.iter().find(|s| &s.id == id);
                let (title, answered, started) = match info {
                    Some(s) => {
                        let title = ctx
                            .content
                            .scenario(&s.scenario)
                            .map_or(s.scenario.clone(), |sc| sc.title.clone());
                        let started = s.started_at.format("%Y-%m-%d %H:%M").to_string();
                        (title, s.answered, started)
                    }
                    None => (id.clone(), 0, String::new()),
                };
                vec![
                    // The mode once, in the prefix.
                    Span::raw(match info.map(|s| s.mode) {
                        Some(Mode::Mock) => "Resume mock: ",
                        Some(Mode::Drill) => "Resume drill: ",
                        _ => "Resume: ",
                    }),
                    Span::raw(crate::tui::text::clean_line(&title).into_owned()),
                    Span::styled(format!("  {answered} answered · {started}"), t.dim),
                ]
            }
            Item::More(n) => vec![
                Span::raw("More unfinished sessions…"),
                Span::styled(format!("  {n} more"), t.dim),
            ],
            Item::Review => vec![Span::raw("Review past sessions")],
            Item::Drill => vec![Span::raw("Drill weak areas")],
            Item::Quit => vec![Span::raw("Quit")],
        }
    }
}

impl ScreenView for Home {
    fn name(&self) -> &'static str {
        "home"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        let items = Home::items(ctx);
        let last = items.len() - 1;
        self.selected = self.selected.min(last);
        match msg {
            Msg::Key(k) => match k.code {
                KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
                KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
                KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
                KeyCode::End | KeyCode::Char('G') => self.selected = last,
                KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => {
                    return self.activate(ctx, items[self.selected].clone());
                }
                KeyCode::Char('p') => return self.activate(ctx, Item::Practice),
                KeyCode::Char('r') => return self.activate(ctx, Item::Random),
                KeyCode::Char('m') => return self.activate(ctx, Item::Mock),
                KeyCode::Char('v') => return self.activate(ctx, Item::Review),
                KeyCode::Char('d') => return self.activate(ctx, Item::Drill),
                KeyCode::Char('x') | KeyCode::Delete => {
                    if let Item::Resume(id) = &items[self.selected] {
                        self.ask_discard(ctx, id.clone());
                    }
                }
                KeyCode::Char('u') => match self.last_trashed.take() {
                    Some(name) => return vec![Effect::RestoreSession(name)],
                    None => ctx.info("nothing to bring back"),
                },
                KeyCode::Char('q') | KeyCode::Esc => return vec![Effect::Quit],
                _ => {}
            },
            Msg::Confirmed(ConfirmAction::Discard) => {
                if let Some(id) = self.pending.take() {
                    return vec![Effect::TrashSession(id)];
                }
            }
            Msg::Trashed { result, .. } => {
                match result {
                    Ok(path) => {
                        self.last_trashed =
                            path.file_stem().map(|s| s.to_string_lossy().into_owned());
                        ctx.info(format!("moved to {} · u brings it back", path.display()));
                    }
                    Err(e) => ctx.error(format!("not discarded: {e}")),
                }
                return vec![Effect::ListSessions];
            }
            Msg::Restored { result, .. } => {
                match result {
                    Ok(path) => ctx.info(format!("restored {}", path.display())),
                    Err(e) => ctx.error(format!("not restored: {e}")),
                }
                return vec![Effect::ListSessions];
            }
            Msg::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => self.selected = (self.selected + 1).min(last),
                MouseEventKind::ScrollUp => self.selected = self.selected.saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let items = Home::items(ctx);
        let w = area.width as usize;
        let [head, list_area, about, info] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(items.len() as u16 + 2),
            Constraint::Min(0),
            Constraint::Length(3),
        ])
        .areas(area);
        let head_lines = vec![
            Line::styled(truncate(" mlsd-coach", w), t.title),
            Line::styled(
                truncate(" Practise machine-learning system design interviews.", w),
                t.dim,
            ),
        ];
        f.render_widget(Paragraph::new(head_lines), head);
        let rows: Vec<ListItem> = items
            .iter()
            .map(|it| {
                let spans = Home::label(ctx, it);
                let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
                if crate::tui::text::width(&text) + 4 > w {
                    ListItem::new(Line::raw(truncate(&text, w.saturating_sub(4))))
                } else {
                    ListItem::new(Line::from(spans))
                }
            })
            .collect();
        let list = List::new(rows)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.focus)
                    .title(" Start "),
            )
            .highlight_style(t.selected)
            .highlight_symbol("› ");
        let mut state =
            ListState::default().with_selected(Some(self.selected.min(items.len() - 1)));
        f.render_stateful_widget(list, list_area, &mut state);
        let about_lines: Vec<Line> = wrap(
            Home::about(&items[self.selected.min(items.len() - 1)]),
            w.saturating_sub(2).max(1),
        )
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), t.dim))
        .collect();
        f.render_widget(Paragraph::new(about_lines), about);
        let info_lines = vec![
            Line::from(vec![
                Span::styled(" Sessions: ", t.dim),
                Span::raw(truncate(
                    &ctx.sessions.path.display().to_string(),
                    w.saturating_sub(12),
                )),
            ]),
            Line::styled(
                truncate(&format!("           ({})", ctx.sessions.reason), w),
                t.dim,
            ),
            Line::styled(
                truncate(
                    &format!(
                        " Content: {} · {} scenarios · version {}",
                        ctx.content.origin,
                        ctx.content.scenarios.len(),
                        ctx.content.version
                    ),
                    w,
                ),
                t.dim,
            ),
        ];
        f.render_widget(Paragraph::new(info_lines), info);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![
            key("↑/↓", "move"),
            key("Enter", "choose"),
            key("p", "practise"),
            key("r", "random"),
            key("x", "discard"),
            key("q", "quit"),
            key("?", "help"),
        ]
    }

    fn help(&self) -> Vec<KeyHelp> {
        vec![
            key("↑/↓ j/k", "move"),
            key("Enter", "choose the highlighted entry"),
            key("p", "practise: pick a scenario"),
            key("r", "practise a random scenario"),
            key("m", "timed mock interview"),
            key("v", "review past sessions"),
            key("d", "drill weak areas"),
            key(
                "x / Delete",
                "discard the highlighted unfinished session (to trash/)",
            ),
            key("u", "bring back the session just discarded"),
            key("q / Esc", "quit"),
            key("F1 / ?", "this help"),
        ]
    }
}
