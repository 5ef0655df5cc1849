//! Colours and text styles. Named ANSI colours on the terminal's own
//! foreground/background (readable on 16-colour and light terminals); with
//! `NO_COLOR` set, modifiers (bold, reverse, dim, underline) only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub no_color: bool,
    /// Screen titles and headings.
    pub title: Style,
    /// Secondary text: explanations, paths, counters.
    pub dim: Style,
    /// Keys in the footer and help.
    pub key: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// Border of the focused pane.
    pub focus: Style,
    /// Border of other panes.
    pub border: Style,
    pub covered: Style,
    pub partial: Style,
    pub missing: Style,
    pub warn: Style,
    pub error: Style,
    /// Bars in the scorecard.
    pub bar: Style,
}

impl Theme {
    /// `NO_COLOR` (any non-empty value) selects the colourless theme.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::plain(),
            _ => Theme::color(),
        }
    }

    pub fn color() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Theme {
            no_color: false,
            title: bold.fg(Color::Cyan),
            dim: Style::default().add_modifier(Modifier::DIM),
            key: bold.fg(Color::Yellow),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            focus: Style::default().fg(Color::Cyan),
            border: Style::default(),
            covered: Style::default().fg(Color::Green),
            partial: Style::default().fg(Color::Yellow),
            missing: Style::default().fg(Color::Red),
            warn: bold.fg(Color::Yellow),
            error: bold.fg(Color::Red),
            bar: Style::default().fg(Color::Blue),
        }
    }

    pub fn plain() -> Theme {
        let s = Style::default();
        Theme {
            no_color: true,
            title: s.add_modifier(Modifier::BOLD),
            dim: s.add_modifier(Modifier::DIM),
            key: s.add_modifier(Modifier::BOLD),
            selected: s.add_modifier(Modifier::REVERSED),
            focus: s.add_modifier(Modifier::BOLD),
            border: s,
            covered: s.add_modifier(Modifier::BOLD),
            partial: s,
            missing: s.add_modifier(Modifier::DIM),
            warn: s.add_modifier(Modifier::BOLD),
            error: s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar: s,
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused { self.focus } else { self.border }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_theme_has_no_colours() {
        let t = Theme::plain();
        for s in [
            t.title, t.dim, t.key, t.selected, t.focus, t.border, t.covered, t.partial, t.missing,
            t.warn, t.error, t.bar,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }

    #[test]
    fn colour_theme_never_sets_a_background() {
        let t = Theme::color();
        for s in [t.title, t.key, t.selected, t.covered, t.missing, t.bar] {
            assert_eq!(s.bg, None);
        }
    }
}
