//! Two attempts at the same scenario side by side: the score change per
//! area, criteria gained / lost / still missing, and the answers.

use super::rich::{para, signed, status_style, wrap_spans};
use crate::core::content::Rubric;
use crate::core::review::{Change, Comparison, ScoredSession, compare};
use crate::tui::text::{truncate, width};
use crate::tui::theme::Theme;
use crate::tui::vocab::Ctx;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;

pub struct ComparePage {
    pub cmp: Comparison,
    pub scroll: usize,
    total: Cell<usize>,
    height: Cell<usize>,
}

impl ComparePage {
    /// Compare the attempts `a` (the older) and `b`.
    pub fn new(
        rubric: &Rubric,
        a: &ScoredSession,
        b: &ScoredSession,
    ) -> Result<ComparePage, String> {
        let cmp = compare(a, b, rubric).map_err(|e| e.to_string())?;
        Ok(ComparePage {
            cmp,
            scroll: 0,
            total: Cell::new(usize::MAX),
            height: Cell::new(10),
        })
    }

    pub fn key(&mut self, k: KeyEvent) {
        let max = self.total.get().saturating_sub(self.height.get());
        let page = self.height.get().max(2) - 1;
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => self.scroll = (self.scroll + 1).min(max),
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll = (self.scroll + page).min(max),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => self.scroll = max,
            _ => {}
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ctx.theme.focus)
            .title(format!(
                " Compare · {} ",
                truncate(&self.cmp.a.scenario, area.width.saturating_sub(14) as usize)
            ));
        let inner = block.inner(area);
        let lines = compare_lines(&self.cmp, &ctx.theme, inner.width as usize);
        self.total.set(lines.len());
        self.height.set(inner.height as usize);
        let max = lines.len().saturating_sub(inner.height as usize);
        let scroll = self.scroll.min(max).min(u16::MAX as usize) as u16;
        f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    }
}

fn change_style(t: &Theme, x: f32) -> Style {
    if x > 0.05 {
        t.covered
    } else if x < -0.05 {
        t.missing
    } else {
        t.dim
    }
}

pub fn compare_lines(c: &Comparison, t: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    for (side, s) in [("A", &c.a), ("B", &c.b)] {
        out.push(Line::from(vec![
            Span::styled(format!(" {side} "), t.key),
            Span::raw(truncate(
                &format!(
                    "{}  {:<8} overall {:>5.1}  {}",
                    s.started_at.format("%Y-%m-%d %H:%M"),
                    s.mode.as_str(),
                    s.overall,
                    s.id
                ),
                w.saturating_sub(3),
            )),
        ]));
    }
    out.push(Line::from(vec![
        Span::raw("   Overall change "),
        Span::styled(signed(c.overall_change), change_style(t, c.overall_change)),
    ]));

    out.push(Line::raw(""));
    out.push(Line::styled(
        "Areas                A      B   change",
        t.title,
    ));
    for a in &c.areas {
        out.push(Line::from(vec![
            Span::raw(format!(
                "  {:<15} {:>5.1}  {:>5.1}  ",
                truncate(&a.title, 15),
                a.a,
                a.b
            )),
            Span::styled(
                format!("{:>6}", signed(a.change)),
                change_style(t, a.change),
            ),
        ]));
    }

    for (change, title) in [
        (Change::Gained, "Gained"),
        (Change::Lost, "Lost"),
        (Change::StillMissing, "Still missing"),
    ] {
        let list: Vec<_> = c.criteria_with(change).collect();
        out.push(Line::raw(""));
        out.push(Line::styled(format!("{title} ({})", list.len()), t.title));
        if list.is_empty() {
            out.push(Line::styled("  (none)", t.dim));
        }
        for x in list {
            out.extend(wrap_spans(
                &[
                    (
                        if x.a == x.b {
                            format!("{} ", x.b.as_str())
                        } else {
                            format!("{} → {} ", x.a.as_str(), x.b.as_str())
                        },
                        status_style(t, x.b),
                    ),
                    (x.label.clone(), Style::default()),
                    (format!(" [{}]", x.id), t.dim),
                ],
                w,
                2,
            ));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "Kept ({}): covered in both",
            c.criteria_with(Change::Kept).count()
        ),
        t.dim,
    ));

    out.push(Line::raw(""));
    out.push(Line::styled("Answers", t.title));
    if c.questions.is_empty() {
        out.push(Line::styled("  (neither attempt has answers)", t.dim));
    }
    let two_columns = w >= 70;
    let col = (w.saturating_sub(3)) / 2;
    for q in &c.questions {
        let prompt = q.prompt.clone().unwrap_or_else(|| q.id.clone());
        out.extend(para(&format!("▸ {prompt}"), t.key, w, 0));
        let text = |x: &Option<String>| x.clone().unwrap_or_else(|| "(no answer)".into());
        let style = |x: &Option<String>| if x.is_some() { Style::default() } else { t.dim };
        if two_columns {
            let la = para(&format!("A: {}", text(&q.a)), style(&q.a), col, 0);
            let lb = para(&format!("B: {}", text(&q.b)), style(&q.b), col, 0);
            for i in 0..la.len().max(lb.len()) {
                let mut spans: Vec<Span<'static>> = Vec::new();
                let left = la.get(i).cloned().unwrap_or_default();
                let lw: usize = left.spans.iter().map(|s| width(&s.content)).sum();
                spans.extend(left.spans);
                spans.push(Span::raw(" ".repeat(col.saturating_sub(lw))));
                spans.push(Span::styled(" │ ", t.dim));
                if let Some(r) = lb.get(i) {
                    spans.extend(r.spans.clone());
                }
                out.push(Line::from(spans));
            }
        } else {
            out.extend(para(&format!("A: {}", text(&q.a)), style(&q.a), w, 2));
            out.extend(para(&format!("B: {}", text(&q.b)), style(&q.b), w, 2));
        }
    }
    out
}
