//! The side of the mock screen: the phases with their budgets, and the
//! requirements panel: what still waits for a reply, then every fact the
//! client revealed and every change of requirements, each in full. The
//! panel scrolls (Alt-↑/↓, the wheel) and its title says what is shown.

use super::MockScreen;
use super::view::{mmss, status_style};
use crate::core::mock::{Interjection, RequirementSource};
use crate::tui::text::{truncate, width, wrap};
use crate::tui::theme::Theme;
use crate::tui::vocab::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Draw the side; returns the requirements panel's area and how far it
/// can scroll.
pub fn render(s: &MockScreen, f: &mut Frame, area: Rect, ctx: &Ctx) -> (Rect, usize) {
    let plan = s.mock.plan();
    let phases_h = (plan.phases.len() as u16 + 2).min(area.height / 2).max(3);
    let [pa, ra] = Layout::vertical([Constraint::Length(phases_h), Constraint::Min(0)]).areas(area);
    render_phases(s, f, pa, &ctx.theme);
    let max = render_requirements(s, f, ra, &ctx.theme);
    (ra, max)
}

fn render_phases(s: &MockScreen, f: &mut Frame, area: Rect, t: &Theme) {
    let clock = s.mock.clock();
    let iw = area.width.saturating_sub(2) as usize;
    let squeezed = clock.ledger().squeezed;
    let mut lines = Vec::new();
    for (i, p) in clock.plan().phases.iter().enumerate() {
        let spent = clock.spent_ms(i);
        let current = i == clock.current();
        let mark = if current {
            "›"
        } else if clock.visited(i) {
            "·"
        } else {
            " "
        };
        let cut = squeezed.iter().find(|q| q.index == i);
        let budget = if current {
            clock.target_ms()
        } else {
            cut.map_or(p.budget_ms, |q| spent + q.squeezed_ms)
        };
        let times = format!("{}/{}", mmss(spent), mmss(budget));
        let name = truncate(&p.id, iw.saturating_sub(width(&times) + 3));
        let pad = iw.saturating_sub(2 + width(&name) + width(&times));
        let time_style = if clock.visited(i) {
            status_style(t, clock.phase_status(i))
        } else {
            t.dim
        };
        lines.push(Line::from(vec![
            Span::raw(mark),
            Span::raw(if cut.is_some() { "↓" } else { " " }),
            Span::styled(name, if current { t.title } else { Style::default() }),
            Span::raw(" ".repeat(pad)),
            Span::styled(times, time_style),
        ]));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(false))
        .title(" Phases ");
    f.render_widget(Paragraph::new(lines).block(block), area);
}

/// Every line of the panel: the interjections waiting, then the
/// requirements, newest first (so a new one shows without scrolling);
/// and how many requirements and interjections there are.
fn panel_lines(s: &MockScreen, iw: usize, t: &Theme) -> (Vec<Line<'static>>, usize, usize) {
    let mut lines: Vec<Line> = Vec::new();
    let mut push = |mark: &'static str, text: &str, style: Style| {
        for (i, l) in wrap(text, iw.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
        {
            let m = if i == 0 || mark.is_empty() {
                mark
            } else {
                "  "
            };
            lines.push(Line::from(vec![
                Span::styled(m, style),
                Span::styled(l, style),
            ]));
        }
    };
    let waiting: Vec<&Interjection> = s.mock.pending_all().collect();
    let reqs = s.mock.requirements();
    // A change of requirements waiting for a reply is listed once, as a
    // requirement marked as waiting.
    let is_change = |i: &Interjection| {
        reqs.iter().any(|r| {
            matches!((&r.source, i), (RequirementSource::Change(id), Interjection::Curveball(c)) if *id == c.id)
        })
    };
    for w in waiting.iter().filter(|w| !is_change(w)) {
        let who = if w.is_probe() { "Follow-up" } else { "Client" };
        push(
            "? ",
            &format!("{who}, no reply yet (^R): “{}”", w.text().trim()),
            t.warn,
        );
    }
    for r in reqs.iter().rev() {
        match &r.source {
            RequirementSource::Fact(_) => push("• ", r.text.trim(), Style::default()),
            RequirementSource::Change(id) => {
                let open = waiting
                    .iter()
                    .any(|w| matches!(w, Interjection::Curveball(c) if c.id == *id));
                let tag = if open { " (no reply yet: ^R)" } else { "" };
                push("! ", &format!("{}{tag}", r.text.trim()), t.warn);
            }
        }
    }
    if waiting.is_empty() && reqs.is_empty() {
        push(
            "",
            "Nothing yet. Ask the client (Ctrl-A) about volumes, rates, costs, delays and constraints.",
            t.dim,
        );
    }
    (lines, reqs.len(), waiting.len())
}

fn render_requirements(s: &MockScreen, f: &mut Frame, area: Rect, t: &Theme) -> usize {
    let iw = area.width.saturating_sub(2) as usize;
    let h = area.height.saturating_sub(2) as usize;
    let (lines, count, waiting) = panel_lines(s, iw, t);
    let total = lines.len();
    let top = s.side_scroll.min(total.saturating_sub(h));
    let scroll = if total > h {
        format!(" {}–{}/{total} Alt-↑↓ ", top + 1, (top + h).min(total))
    } else {
        String::new()
    };
    let name = if iw >= 36 {
        "Requirements so far"
    } else {
        "Requirements"
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(false))
        .title(if waiting > 0 && iw >= 36 {
            format!(" {name} ({count}) · {waiting} waiting ")
        } else {
            format!(" {name} ({count}) ")
        })
        .title_bottom(Line::styled(scroll, t.dim).right_aligned());
    let shown: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    f.render_widget(Paragraph::new(shown).block(block), area);
    total.saturating_sub(h)
}
