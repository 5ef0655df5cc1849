//! Progress: overall score over time (line chart), per-area averages over
//! the latest sessions (bar chart), the criteria missed most often, mock
//! pacing over time and self-assessment against the scorer.

use super::ReviewData;
use super::rich::para;
use crate::core::review::{Progress, Trend, progress};
use crate::core::time::format_mss;
use crate::tui::screens::title_line;
use crate::tui::text::truncate;
use crate::tui::vocab::Ctx;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, Block, Borders, Chart, Dataset, GraphType, Paragraph};
use std::collections::HashMap;

/// Area averages cover this many of the latest practice/mock sessions.
pub const WINDOW: usize = 10;

/// At most this many points in the chart: longer histories are averaged
/// in consecutive buckets, so 1,000 sessions read as a trend, not a smear.
pub const MAX_POINTS: usize = 60;

/// (session number, overall) points; bucket means for long histories
/// (placed at the bucket's middle session).
pub fn chart_points(p: &Progress) -> Vec<(f64, f64)> {
    let n = p.overall.len();
    if n <= MAX_POINTS {
        return p
            .overall
            .iter()
            .enumerate()
            .map(|(i, x)| ((i + 1) as f64, x.overall as f64))
            .collect();
    }
    let size = n.div_ceil(MAX_POINTS);
    p.overall
        .chunks(size)
        .enumerate()
        .map(|(b, chunk)| {
            let mean = chunk.iter().map(|x| x.overall as f64).sum::<f64>() / chunk.len() as f64;
            let mid = (b * size) as f64 + (chunk.len() as f64 + 1.0) / 2.0;
            (mid, mean)
        })
        .collect()
}

pub struct ProgressPage {
    pub progress: Progress,
    /// First row shown of the most-missed list.
    pub missed_scroll: usize,
    points: Vec<(f64, f64)>,
}

impl ProgressPage {
    pub fn new(ctx: &Ctx, d: &ReviewData) -> ProgressPage {
        let progress = progress(&d.sessions, &ctx.content.rubric, &ctx.content.mock, WINDOW);
        let points = chart_points(&progress);
        ProgressPage {
            progress,
            missed_scroll: 0,
            points,
        }
    }

    pub fn key(&mut self, k: KeyEvent) {
        let max = self.progress.most_missed.len().saturating_sub(1);
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => {
                self.missed_scroll = (self.missed_scroll + 1).min(max)
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.missed_scroll = self.missed_scroll.saturating_sub(1)
            }
            KeyCode::Home | KeyCode::Char('g') => self.missed_scroll = 0,
            _ => {}
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.theme;
        let p = &self.progress;
        let [title, top, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Percentage(50),
            Constraint::Min(0),
        ])
        .areas(area);
        let n = p.overall.len();
        let head = match n {
            0 => "Progress — no complete practice or mock session yet".to_string(),
            1 => "Progress — 1 session".to_string(),
            n => format!("Progress — {n} sessions"),
        };
        f.render_widget(title_line(ctx, &head, title), title);
        let [chart_area, bars_area] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
        let [missed_area, side] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(bottom);
        let block = |name: &str| {
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border)
                .title(Span::styled(format!(" {name} "), t.title))
        };

        // Overall score over time.
        let cb = if n > MAX_POINTS {
            block(&format!(
                "Overall score, mean of every {}",
                n.div_ceil(MAX_POINTS)
            ))
        } else {
            block("Overall score")
        };
        if n == 0 {
            let inner = cb.inner(chart_area);
            f.render_widget(cb, chart_area);
            let lines = para(
                "Finish a practice session or a mock interview to see your scores over time.",
                t.dim,
                inner.width as usize,
                0,
            );
            f.render_widget(Paragraph::new(lines), inner);
        } else {
            let (marker, kind) = if n == 1 {
                (Marker::Dot, GraphType::Scatter)
            } else {
                (Marker::Braille, GraphType::Line)
            };
            let data = Dataset::default()
                .marker(marker)
                .graph_type(kind)
                .style(t.bar)
                .data(&self.points);
            let last = p.overall.last().map_or(0.0, |x| x.overall);
            let x_hi = n.max(2) as f64;
            let chart = Chart::new(vec![data])
                .block(cb.title_bottom(Line::styled(format!(" latest {last:.1} "), t.dim)))
                .legend_position(None)
                .x_axis(
                    Axis::default()
                        .bounds([1.0, x_hi])
                        .labels(["1".to_string(), n.to_string()])
                        .style(t.dim),
                )
                .y_axis(
                    Axis::default()
                        .bounds([0.0, 100.0])
                        .labels(["0", "50", "100"])
                        .style(t.dim),
                );
            f.render_widget(chart, chart_area);
        }

        // Per-area averages.
        let bb = if n == 0 {
            block("Areas")
        } else {
            block(&format!("Areas, last {}", p.window.min(n)))
        };
        if p.area_averages.is_empty() {
            let inner = bb.inner(bars_area);
            f.render_widget(bb, bars_area);
            f.render_widget(Paragraph::new(Line::styled("No scores yet.", t.dim)), inner);
        } else {
            let label_w = (bars_area.width as usize * 2 / 5).clamp(4, 13);
            let bars: Vec<Bar> = p
                .area_averages
                .iter()
                .map(|a| {
                    Bar::default()
                        .value(a.average.round().clamp(0.0, 100.0) as u64)
                        .label(Line::raw(truncate(&a.id, label_w)))
                        .text_value(format!("{:.0}", a.average))
                })
                .collect();
            let inner_h = bars_area.height.saturating_sub(2) as usize;
            let gap = u16::from(inner_h >= bars.len() * 2);
            let chart = BarChart::horizontal(bars)
                .block(bb)
                .max(100)
                .bar_width(1)
                .bar_gap(gap)
                .bar_style(t.bar)
                .value_style(t.key)
                .direction(Direction::Horizontal);
            f.render_widget(chart, bars_area);
        }

        // Most missed criteria.
        let mb = block("Missed most often");
        let inner = mb.inner(missed_area);
        f.render_widget(mb, missed_area);
        let w = inner.width as usize;
        let lines: Vec<Line> = if p.most_missed.is_empty() {
            vec![Line::styled("Nothing missed yet.", t.dim)]
        } else {
            p.most_missed
                .iter()
                .skip(self.missed_scroll)
                .map(|m| {
                    let a = m.attempts.max(1);
                    let pct = (100 * (m.missed + m.partial) + a / 2) / a;
                    let counts = format!(" {}/{}", m.missed + m.partial, m.attempts);
                    let room = w.saturating_sub(5 + counts.len());
                    Line::from(vec![
                        Span::styled(format!("{pct:>3}% "), t.missing),
                        Span::raw(truncate(&m.label, room)),
                        Span::styled(counts, t.dim),
                    ])
                })
                .collect()
        };
        f.render_widget(Paragraph::new(lines), inner);

        // Pacing and self-assessment.
        let sa_h = 3.min(side.height / 2);
        let [pace_area, self_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(sa_h + 2)]).areas(side);
        let pb = block("Mock pacing");
        let inner = pb.inner(pace_area);
        f.render_widget(pb, pace_area);
        f.render_widget(Paragraph::new(self.pacing_lines(ctx, inner)), inner);

        let sb = block("Self-assessment");
        let inner = sb.inner(self_area);
        f.render_widget(sb, self_area);
        let s = &p.self_assessment;
        let iw = inner.width as usize;
        let lines: Vec<Line> = match s.mean_abs_error {
            None => para(
                "No guesses yet: guess your score before each scorecard.",
                t.dim,
                iw,
                0,
            ),
            Some(mae) => {
                let lean = match s.bias.unwrap_or(0.0) {
                    b if b > 0.5 => format!("over-confident by {b:.1}"),
                    b if b < -0.5 => format!("under-confident by {:.1}", -b),
                    _ => "neither over- nor under-confident".to_string(),
                };
                [
                    format!("{} guesses · mean error {mae:.1}", s.points.len()),
                    match s.trend {
                        Trend::Unknown => {
                            format!("last 5: {:.1} · no trend yet", s.recent_mae.unwrap_or(mae))
                        }
                        tr => format!(
                            "last 5: {:.1} · {}",
                            s.recent_mae.unwrap_or(mae),
                            tr.as_str()
                        ),
                    },
                    lean,
                ]
                .iter()
                .map(|x| Line::raw(truncate(x, iw)))
                .collect()
            }
        };
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn pacing_lines(&self, ctx: &Ctx, inner: Rect) -> Vec<Line<'static>> {
        let t = &ctx.theme;
        let w = inner.width as usize;
        let pacing = &self.progress.pacing;
        if pacing.is_empty() {
            return para("No mock interviews yet.", t.dim, w, 0);
        }
        // Usual overrun per phase, over every mock.
        let mut over: HashMap<&str, u64> = HashMap::new();
        for pt in pacing {
            for ph in &pt.phases {
                *over.entry(ph.id.as_str()).or_default() += ph.overrun_seconds();
            }
        }
        let mut worst: Vec<(&str, u64)> = over.into_iter().filter(|(_, s)| *s > 0).collect();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut lines = Vec::new();
        let summary = match worst.first() {
            None => "Every phase within budget.".to_string(),
            Some((id, secs)) => {
                let mocks = pacing.len() as u64;
                let per_mock = (secs + mocks / 2) / mocks;
                format!("Worst: {id}, +{}/mock", format_mss(per_mock))
            }
        };
        lines.push(Line::styled(truncate(&summary, w), t.warn));
        let room = (inner.height as usize).saturating_sub(lines.len());
        for pt in pacing.iter().rev().take(room) {
            let over = pt.overrun_seconds;
            let style = if over == 0 { t.covered } else { t.missing };
            let text = if over == 0 {
                "on time".to_string()
            } else {
                format!("+{} over", format_mss(over))
            };
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "{} {:>3}m ",
                    pt.started_at.format("%m-%d"),
                    pt.minutes
                )),
                Span::styled(text, style),
            ]));
        }
        lines
    }
}
