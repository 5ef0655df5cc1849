//! A stand-in for screens that land later (timed mock, review, drill).
//! Replace the `Placeholder::…` calls in `home.rs`, `app.rs` (`App::start`)
//! and `screens::open_session` with the real screen.

use crate::tui::app::{Ctx, Effect, KeyHelp, Msg, ScreenView, key};
use crate::tui::screens::home;
use crate::tui::text::wrap;
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    pub title: &'static str,
    pub text: &'static str,
}

impl Placeholder {
    pub fn mock() -> Placeholder {
        Placeholder {
            title: "Timed mock interview",
            text: "Coming: a phase clock, curveballs and a client to question. Until then, practise a scenario from the home screen.",
        }
    }
    pub fn review() -> Placeholder {
        Placeholder {
            title: "Review past sessions",
            text: "Coming: history, compare attempts, progress. Until then, `mlsd-coach history` and `mlsd-coach show ID` work from the shell.",
        }
    }
    pub fn drill() -> Placeholder {
        Placeholder {
            title: "Drill weak areas",
            text: "Coming: a short session on the criteria you miss most.",
        }
    }
}

impl ScreenView for Placeholder {
    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(k) if matches!(k.code, KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter) => {
                home::go(ctx)
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let w = area.width.saturating_sub(4).max(1) as usize;
        let mut lines = vec![Line::raw("")];
        lines.extend(wrap(self.text, w).into_iter().map(Line::raw));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ctx.theme.focus)
            .title(format!(" {} ", self.title));
        f.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![key("Esc", "home"), key("?", "help")]
    }
}
