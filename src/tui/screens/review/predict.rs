//! Self-assessment: before the scorecard is revealed, the user may guess
//! their overall score. The guess is stored in `Session::predicted_score`
//! and the progress page tracks it against the scorer.

use crate::core::content::Content;
use crate::core::scoring::Scorecard;
use crate::core::session::Session;
use crate::tui::layout::centered;
use crate::tui::screens::scorecard::ScorecardView;
use crate::tui::vocab::{Ctx, Effect, KeyHelp, Msg, Screen, ScreenView, key};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Holds the scorecard until the user has guessed (or skipped).
pub struct Predict {
    pub view: Option<Box<ScorecardView>>,
    pub input: String,
}

impl Predict {
    /// Ask for a guess, then show `view` (any scorecard, e.g. a mock's).
    pub fn before(view: ScorecardView) -> Screen {
        Screen::new(Predict {
            view: Some(Box::new(view)),
            input: String::new(),
        })
    }

    /// The screen to show after finishing an attempt (instead of the scorecard).
    pub fn screen(content: &Content, session: Session, card: Scorecard) -> Screen {
        Predict::before(ScorecardView::new(content, session, card))
    }

    fn reveal(&mut self, ctx: &mut Ctx, predicted: Option<u8>) -> Vec<Effect> {
        let Some(mut view) = self.view.take() else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        if let Some(p) = predicted {
            view.session.predicted_score = Some(p);
            effects.push(Effect::Save(Box::new(view.session.clone())));
            let actual = view.card.overall;
            let how = match p as f32 - actual {
                x if x > 0.5 => format!("{x:.0} too high"),
                x if x < -0.5 => format!("{:.0} too low", -x),
                _ => "spot on".to_string(),
            };
            ctx.info(format!(
                "you guessed {p}; the scorer gave {actual:.0} ({how})"
            ));
        }
        // A drill's scorecard compares with the history before it.
        if view.session.mode == crate::core::session::Mode::Drill {
            effects.push(Effect::LoadReview(ctx.content.clone()));
        }
        ctx.goto(Screen::new(*view));
        effects
    }
}

/// `Some(0..=100)` for a valid guess.
pub fn parse(input: &str) -> Option<u8> {
    input.trim().parse::<u8>().ok().filter(|v| *v <= 100)
}

impl ScreenView for Predict {
    fn name(&self) -> &'static str {
        "predict"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        let Msg::Key(k) = msg else {
            return Vec::new();
        };
        match k.code {
            KeyCode::Enter if self.input.trim().is_empty() => return self.reveal(ctx, None),
            KeyCode::Enter => match parse(&self.input) {
                Some(p) => return self.reveal(ctx, Some(p)),
                None => ctx.error("a whole number from 0 to 100, or Enter alone to skip"),
            },
            KeyCode::Esc => return self.reveal(ctx, None),
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char(c)
                if c.is_ascii_digit()
                    && self.input.len() < 3
                    && !k.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.input.push(c)
            }
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let r = centered(area, 56, 8);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.focus)
            .title(Span::styled(" Before the reveal ", t.title));
        let lines = vec![
            Line::raw(
                "How well do you think you did? Guess your overall score; the progress page tracks your guesses against the scorer.",
            ),
            Line::raw(""),
            Line::from(vec![
                Span::raw("Your guess (0–100): "),
                Span::styled(format!("{}▏", self.input), t.key),
            ]),
        ];
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            r,
        );
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![
            key("0-9", "guess"),
            key("Enter", "reveal"),
            key("Esc", "skip"),
        ]
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn snapshot(&self) -> Option<Session> {
        self.view.as_ref().map(|v| v.session.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_0_to_100_only() {
        assert_eq!(parse("0"), Some(0));
        assert_eq!(parse(" 72 "), Some(72));
        assert_eq!(parse("100"), Some(100));
        assert_eq!(parse("101"), None);
        assert_eq!(parse("-1"), None);
        assert_eq!(parse("abc"), None);
        assert_eq!(parse(""), None);
    }
}
