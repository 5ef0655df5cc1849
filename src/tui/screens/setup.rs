//! Starting things on purpose: the mock setup step (scenario or random,
//! length, the seed shown and re-rollable) and the random-scenario preview
//! (the drawn scenario's prompt, re-roll until it suits, then start).

use crate::tui::screens::{home, interview, title_line};
use crate::tui::text::{truncate, wrap};
use crate::tui::vocab::{Ctx, Effect, KeyHelp, Msg, Screen, ScreenView, key};
use crossterm::event::KeyCode;
use rand::Rng;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Mock lengths offered, in minutes (plus the content's own).
pub const LENGTHS: [u32; 8] = [15, 20, 30, 40, 45, 50, 60, 90];

/// A fresh seed for the curveball schedule.
fn new_seed(ctx: &mut Ctx) -> u64 {
    ctx.rng.random_range(0..1_000_000)
}

/// The mock setup step.
#[derive(Debug, Clone, PartialEq)]
pub struct MockSetup {
    /// `None`: a random scenario, drawn at start; else an index into
    /// `content.scenarios`.
    pub scenario: Option<usize>,
    pub minutes: u32,
    pub seed: u64,
    /// Highlighted field: 0 scenario, 1 length, 2 seed.
    pub field: usize,
}

impl MockSetup {
    pub fn new(ctx: &mut Ctx) -> MockSetup {
        MockSetup {
            scenario: None,
            minutes: ctx.content.mock.minutes,
            seed: new_seed(ctx),
            field: 0,
        }
    }

    /// The lengths to cycle through: [`LENGTHS`] and the content's own.
    fn lengths(ctx: &Ctx) -> Vec<u32> {
        let mut v = LENGTHS.to_vec();
        v.push(ctx.content.mock.minutes);
        v.sort_unstable();
        v.dedup();
        v
    }

    fn step(&mut self, ctx: &mut Ctx, forward: bool) {
        match self.field {
            0 => {
                let n = ctx.content.scenarios.len();
                // None, 0, 1, …, n-1, None …
                let pos = self.scenario.map_or(0, |i| i + 1);
                let next = if forward {
                    (pos + 1) % (n + 1)
                } else {
                    (pos + n) % (n + 1)
                };
                self.scenario = next.checked_sub(1);
            }
            1 => {
                let v = Self::lengths(ctx);
                let i = v.iter().position(|&m| m == self.minutes).unwrap_or(0);
                let j = if forward {
                    (i + 1).min(v.len() - 1)
                } else {
                    i.saturating_sub(1)
                };
                self.minutes = v[j];
            }
            _ => self.seed = new_seed(ctx),
        }
    }

    fn start(&self, ctx: &mut Ctx) -> Vec<Effect> {
        let scenario = self.scenario.map(|i| ctx.content.scenarios[i].id.clone());
        crate::tui::mock::start(ctx, Some(self.minutes), scenario, Some(self.seed))
    }
}

impl ScreenView for MockSetup {
    fn name(&self) -> &'static str {
        "mock-setup"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        let Msg::Key(k) = msg else {
            return Vec::new();
        };
        match k.code {
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                self.field = self.field.saturating_sub(1)
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                self.field = (self.field + 1).min(2)
            }
            KeyCode::Right | KeyCode::Char('l' | '+') => self.step(ctx, true),
            KeyCode::Left | KeyCode::Char('h' | '-') => self.step(ctx, false),
            KeyCode::Char('r') => self.seed = new_seed(ctx),
            KeyCode::Enter => return self.start(ctx),
            KeyCode::Esc | KeyCode::Char('q') => return home::go(ctx),
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let w = area.width as usize;
        let [title, form, about] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(5),
            Constraint::Min(0),
        ])
        .areas(area);
        f.render_widget(title_line(ctx, "Timed mock interview", title), title);
        let scenario = match self.scenario {
            None => "Random (drawn when it starts)".to_string(),
            Some(i) => ctx.content.scenarios[i].title.clone(),
        };
        let fields = [
            ("Scenario", scenario),
            ("Length", format!("{} minutes", self.minutes)),
            (
                "Seed",
                format!(
                    "{}   (r re-rolls; the same seed, the same curveballs)",
                    self.seed
                ),
            ),
        ];
        let lines: Vec<Line> = fields
            .iter()
            .enumerate()
            .map(|(i, (name, value))| {
                let sel = i == self.field;
                let (l, r) = if sel && i < 2 {
                    ("‹ ", " ›")
                } else {
                    ("  ", "")
                };
                Line::from(vec![
                    Span::styled(if sel { " › " } else { "   " }, t.key),
                    Span::styled(format!("{name:<9}"), t.dim),
                    Span::styled(
                        truncate(&format!("{l}{value}{r}"), w.saturating_sub(13)),
                        if sel {
                            t.selected
                        } else {
                            ratatui::style::Style::default()
                        },
                    ),
                ])
            })
            .collect();
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(t.border),
            ),
            form,
        );
        let text = format!(
            "A {}-minute interview under a phase clock, with curveballs and a client to question; no hints. ←/→ change the highlighted line, Enter starts.",
            self.minutes
        );
        let lines: Vec<Line> = wrap(&text, w.saturating_sub(2).max(1))
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), t.dim))
            .collect();
        f.render_widget(Paragraph::new(lines), about);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![
            key("↑/↓", "field"),
            key("←/→", "change"),
            key("r", "new seed"),
            key("Enter", "start"),
            key("Esc", "back"),
            key("?", "help"),
        ]
    }
}

/// The random-scenario preview: re-roll until it suits, then start.
#[derive(Debug, Clone, PartialEq)]
pub struct RandomPreview {
    /// Index into `content.scenarios`.
    pub scenario: usize,
    /// Where Esc goes back to (the picker when it came from there).
    pub from_picker: bool,
    /// The scenarios to draw from (indices; all when empty).
    among: Vec<usize>,
}

impl RandomPreview {
    /// A preview of a scenario drawn at random among `among` (indices into
    /// `content.scenarios`; all when empty), or `None` without scenarios.
    pub fn screen(ctx: &mut Ctx, among: &[usize], from_picker: bool) -> Option<Screen> {
        let scenario = Self::draw(ctx, among, None)?;
        Some(Screen::new(RandomPreview {
            scenario,
            from_picker,
            among: among.to_vec(),
        }))
    }

    /// Draw a scenario, another than `not` when there is a choice.
    fn draw(ctx: &mut Ctx, among: &[usize], not: Option<usize>) -> Option<usize> {
        let all: Vec<usize> = if among.is_empty() {
            (0..ctx.content.scenarios.len()).collect()
        } else {
            among.to_vec()
        };
        let pool: Vec<usize> = all
            .iter()
            .copied()
            .filter(|i| all.len() < 2 || Some(*i) != not)
            .collect();
        (!pool.is_empty()).then(|| pool[ctx.rng.random_range(0..pool.len())])
    }
}

impl ScreenView for RandomPreview {
    fn name(&self) -> &'static str {
        "random-preview"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        let Msg::Key(k) = msg else {
            return Vec::new();
        };
        match k.code {
            KeyCode::Char('r') | KeyCode::Char(' ') => {
                if let Some(i) = Self::draw(ctx, &self.among, Some(self.scenario)) {
                    self.scenario = i;
                }
            }
            KeyCode::Enter => {
                let id = ctx.content.scenarios[self.scenario].id.clone();
                return interview::create(ctx, &id);
            }
            KeyCode::Esc | KeyCode::Char('q') if self.from_picker => {
                ctx.goto(Screen::new(crate::tui::screens::picker::Picker::new(ctx)));
            }
            KeyCode::Esc | KeyCode::Char('q') => return home::go(ctx),
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let s = &ctx.content.scenarios[self.scenario];
        let [title, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
        f.render_widget(title_line(ctx, "A random scenario", title), title);
        let w = body.width.saturating_sub(2).max(1) as usize;
        let mut lines = vec![
            Line::styled(truncate(&s.title, w), t.title),
            Line::styled(truncate(&s.domain, w), t.dim),
            Line::raw(""),
        ];
        lines.extend(wrap(&s.prompt, w).into_iter().map(Line::raw));
        lines.push(Line::raw(""));
        lines.extend(
            wrap(&s.context, w)
                .into_iter()
                .map(|l| Line::styled(l, t.dim)),
        );
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.focus)
                    .title(" Practise this one? "),
            ),
            body,
        );
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![
            key("Enter", "practise it"),
            key("r", "draw another"),
            key("Esc", "back"),
            key("?", "help"),
        ]
    }
}
