//! Choose a scenario: type to filter, arrows to move, Enter to start.

use crate::tui::screens::{home, interview};
use crate::tui::text::{clean_line, truncate, wrap};
use crate::tui::vocab::{Ctx, Effect, KeyHelp, Msg, ScreenView, key};
use crossterm::event::{KeyCode, KeyModifiers, MouseEventKind};
use rand::Rng;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

#[derive(Debug, Default)]
pub struct Picker {
    pub filter: String,
    /// Indices into `content.scenarios` matching the filter.
    pub matches: Vec<usize>,
    pub selected: usize,
}

/// A random scenario id.
pub fn random_scenario(ctx: &mut Ctx) -> Option<String> {
    let n = ctx.content.scenarios.len();
    (n > 0).then(|| ctx.content.scenarios[ctx.rng.random_range(0..n)].id.clone())
}

/// Does the scenario match every word of the filter (case-insensitive,
/// in its title, id, domain or prompt)?
pub fn matches(s: &crate::core::content::Scenario, filter: &str) -> bool {
    let hay = format!("{} {} {} {}", s.title, s.id, s.domain, s.prompt).to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

impl Picker {
    pub fn new(ctx: &Ctx) -> Picker {
        let mut p = Picker::default();
        p.refilter(ctx);
        p
    }

    fn refilter(&mut self, ctx: &Ctx) {
        self.matches = ctx
            .content
            .scenarios
            .iter()
            .enumerate()
            .filter(|(_, s)| matches(s, &self.filter))
            .map(|(i, _)| i)
            .collect();
        self.selected = 0;
    }

    fn start(&self, ctx: &mut Ctx) -> Vec<Effect> {
        match self.matches.get(self.selected) {
            Some(&i) => {
                let id = ctx.content.scenarios[i].id.clone();
                interview::create(ctx, &id)
            }
            None => {
                ctx.info("no scenario matches the filter");
                Vec::new()
            }
        }
    }
}

impl ScreenView for Picker {
    fn name(&self) -> &'static str {
        "picker"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        let last = self.matches.len().saturating_sub(1);
        match msg {
            Msg::Key(k) => {
                let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
                match k.code {
                    KeyCode::Down => self.selected = (self.selected + 1).min(last),
                    KeyCode::Char('n') if ctrl => self.selected = (self.selected + 1).min(last),
                    KeyCode::Up => self.selected = self.selected.saturating_sub(1),
                    KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
                    KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
                    KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
                    KeyCode::Enter => return self.start(ctx),
                    KeyCode::Char('r') if ctrl && !self.matches.is_empty() => {
                        // A preview first, drawn among the matches.
                        if let Some(s) = crate::tui::screens::setup::RandomPreview::screen(
                            ctx,
                            &self.matches,
                            true,
                        ) {
                            ctx.goto(s);
                        }
                    }
                    KeyCode::Char('u') if ctrl => {
                        self.filter.clear();
                        self.refilter(ctx);
                    }
                    KeyCode::Backspace => {
                        self.filter.pop();
                        self.refilter(ctx);
                    }
                    KeyCode::Esc if !self.filter.is_empty() => {
                        self.filter.clear();
                        self.refilter(ctx);
                    }
                    KeyCode::Esc => return home::go(ctx),
                    KeyCode::Char(c) if !ctrl && !c.is_control() => {
                        self.filter.push(c);
                        self.refilter(ctx);
                    }
                    _ => {}
                }
            }
            Msg::Paste(text) => {
                self.filter
                    .push_str(clean_line(&text.replace(['\r', '\n'], " ")).trim());
                self.refilter(ctx);
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
        let [filter_area, body] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
        let fw = filter_area.width.saturating_sub(4) as usize;
        let filter_line = if self.filter.is_empty() {
            Line::styled("type to filter…", t.dim)
        } else {
            Line::raw(truncate(&self.filter, fw))
        };
        f.render_widget(
            Paragraph::new(filter_line).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.focus)
                    .title(format!(
                        " Choose a scenario ({}/{}) ",
                        self.matches.len(),
                        ctx.content.scenarios.len()
                    )),
            ),
            filter_area,
        );
        let list_w = if body.width >= 70 {
            body.width / 2
        } else {
            body.width
        };
        let [list_area, preview] =
            Layout::horizontal([Constraint::Length(list_w), Constraint::Min(0)]).areas(body);
        let iw = list_area.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = self
            .matches
            .iter()
            .map(|&i| {
                let s = &ctx.content.scenarios[i];
                let dom = format!(" · {}", s.domain);
                let title = truncate(
                    &s.title,
                    iw.saturating_sub(crate::tui::text::width(&dom)).max(iw / 2),
                );
                ListItem::new(Line::from(vec![
                    Span::raw(title),
                    Span::styled(truncate(&dom, iw), t.dim),
                ]))
            })
            .collect();
        let list = List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border),
            )
            .highlight_style(t.selected)
            .highlight_symbol("› ");
        let sel = (!self.matches.is_empty()).then_some(self.selected);
        let mut state = ListState::default().with_selected(sel);
        f.render_stateful_widget(list, list_area, &mut state);
        if self.matches.is_empty() {
            let inner = Rect {
                x: list_area.x + 2,
                y: list_area.y + 1,
                width: list_area.width.saturating_sub(4),
                height: list_area.height.saturating_sub(2).min(2),
            };
            let msg = if self.filter.is_empty() {
                "the content pack has no scenarios"
            } else {
                "no scenario matches — Esc to clear"
            };
            f.render_widget(
                Paragraph::new(Line::styled(truncate(msg, inner.width as usize), t.warn)),
                inner,
            );
        }
        if preview.width > 0
            && let Some(&i) = self.matches.get(self.selected)
        {
            let s = &ctx.content.scenarios[i];
            let pw = preview.width.saturating_sub(2).max(1) as usize;
            let mut lines = vec![Line::styled(truncate(&s.title, pw), t.title)];
            lines.extend(wrap(&s.prompt, pw).into_iter().map(Line::raw));
            lines.push(Line::raw(""));
            lines.extend(
                wrap(&s.context, pw)
                    .into_iter()
                    .map(|l| Line::styled(l, t.dim)),
            );
            f.render_widget(
                Paragraph::new(lines)
                    .block(Block::default().borders(Borders::ALL).title(" Prompt ")),
                preview,
            );
        }
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![
            key("type", "filter"),
            key("↑/↓", "move"),
            key("Enter", "start"),
            key("^R", "random"),
            key("Esc", "clear/back"),
            key("F1", "help"),
        ]
    }

    fn takes_text(&self) -> bool {
        true
    }
}
