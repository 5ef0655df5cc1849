//! Drawing the mock interview: countdown gauges for the interview and the
//! phase, the phases with their budgets, the overrun ledger, requirements
//! so far, the question and editor, the client line, and the curveball
//! and pause boxes.

use super::{Focus, MockScreen};
use crate::core::mock::{PhaseStatus, RequirementSource};
use crate::core::time::format_mss;
use crate::tui::layout::centered;
use crate::tui::text::{clean_line, truncate, width, wrap};
use crate::tui::theme::Theme;
use crate::tui::vocab::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// A clock reading in milliseconds as `m:ss` (whole seconds, rounded down).
pub fn mmss(ms: u64) -> String {
    format_mss(ms / 1000)
}

fn status_style(t: &Theme, s: PhaseStatus) -> Style {
    match s {
        PhaseStatus::Normal => t.covered,
        PhaseStatus::Amber => t.partial,
        PhaseStatus::Red => t.missing,
    }
}

/// A word for the status, so it reads without colour too.
fn status_word(s: PhaseStatus) -> &'static str {
    match s {
        PhaseStatus::Normal => "",
        PhaseStatus::Amber => " near budget",
        PhaseStatus::Red => " OVER",
    }
}

/// `[█████░░░░]` filled to `frac` (0–1), `w` cells inside the brackets.
fn bar(frac: f64, w: usize) -> String {
    let filled = ((frac.clamp(0.0, 1.0) * w as f64).round() as usize).min(w);
    format!("[{}{}]", "█".repeat(filled), "░".repeat(w - filled))
}

pub fn render(s: &MockScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let Some(scenario) = ctx.content.scenario(&s.session.scenario) else {
        return;
    };
    let clock = s.mock.clock();
    let plan = clock.plan();
    let w = area.width as usize;
    let [head, phase_line, prompt_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);

    // Line 1: the whole interview.
    let left = clock.remaining_ms();
    let overall = clock.overall_status();
    let mut spans = vec![
        Span::styled(format!(" {} ", clean_line(&scenario.title)), t.title),
        Span::styled("· mock ", t.dim),
    ];
    let label = format!(" {} left of {} ", mmss(left), mmss(plan.total_ms));
    let used = width(&scenario.title) + 9 + width(&label) + 2;
    let bar_w = w.saturating_sub(used + 14).clamp(4, 30);
    let frac = clock.elapsed_ms() as f64 / plan.total_ms.max(1) as f64;
    spans.push(Span::styled(bar(frac, bar_w), status_style(t, overall)));
    spans.push(Span::styled(label, status_style(t, overall)));
    if clock.is_paused() {
        spans.push(Span::styled("PAUSED", t.warn));
    } else if s.is_locked() {
        spans.push(Span::styled("TIME UP", t.error));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), head);

    // Line 2: the current phase and the ledger.
    let cur = clock.current();
    if let Some(p) = plan.phases.get(cur) {
        let spent = clock.spent_ms(cur);
        let target = clock.target_ms();
        let st = clock.phase_status(cur);
        let wide = w >= 110;
        let name = if wide { &p.title } else { &p.id };
        let mut spans = vec![Span::styled(
            format!(" Phase {}/{} {} ", cur + 1, plan.phases.len(), name),
            t.title,
        )];
        let pbar = bar(spent as f64 / target.max(1) as f64, 10);
        spans.push(Span::styled(pbar, status_style(t, st)));
        let squeezed = if target < p.budget_ms && wide {
            format!(" (squeezed from {})", mmss(p.budget_ms))
        } else {
            String::new()
        };
        spans.push(Span::styled(
            format!(
                " {}/{}{}{}",
                mmss(spent),
                mmss(target),
                squeezed,
                status_word(st)
            ),
            status_style(t, st),
        ));
        let ledger = clock.ledger();
        if ledger.owed_ms >= 1000 {
            let names: Vec<&str> = ledger.squeezed.iter().map(|q| q.id.as_str()).collect();
            let text = if wide && !names.is_empty() {
                format!(
                    " · owe {} → squeezes {}",
                    mmss(ledger.owed_ms),
                    names.join(", ")
                )
            } else {
                format!(" · owe {}", mmss(ledger.owed_ms))
            };
            spans.push(Span::styled(text, t.warn));
        } else if ledger.ahead_ms >= 1000 {
            spans.push(Span::styled(
                format!(" · ahead {}", mmss(ledger.ahead_ms)),
                t.dim,
            ));
        }
        let line = Line::from(spans);
        f.render_widget(Paragraph::new(line), phase_line);
    }
    f.render_widget(
        Paragraph::new(Line::styled(
            truncate(&format!(" {}", scenario.prompt), w),
            t.dim,
        )),
        prompt_area,
    );

    let side_w = (area.width / 3).clamp(24, 40);
    let [side, main] =
        Layout::horizontal([Constraint::Length(side_w), Constraint::Min(0)]).areas(body);
    render_side(s, f, side, ctx);
    render_main(s, f, main, ctx);

    if clock.is_paused() {
        let r = centered(area, 44.min(area.width), 5);
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(vec![
                Line::raw(" The clock is stopped; the pause is"),
                Line::raw(" recorded. Ctrl-B resumes."),
            ])
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.warn)
                    .title(" Paused "),
            ),
            r,
        );
    } else if let Some(c) = s.mock.pending_curveball() {
        let bw = area.width.saturating_sub(6).min(72);
        let iw = bw.saturating_sub(2) as usize;
        let text = wrap(&format!("“{}”", c.text.trim()), iw.saturating_sub(1));
        let text_h = text.len().min(5) as u16;
        let h = (text_h + 2 + 6).min(area.height.saturating_sub(2));
        let r = centered(area, bw, h);
        f.render_widget(Clear, r);
        let title = if s.mock.pending_count() > 1 {
            format!(" The client interjects (1 of {}) ", s.mock.pending_count())
        } else {
            " The client interjects ".to_string()
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.warn)
            .title(title)
            .title_bottom(
                Line::styled(" Ctrl-S sends · the clock keeps running ", t.dim).right_aligned(),
            );
        let inner = block.inner(r);
        f.render_widget(block, r);
        let [ta, ea] =
            Layout::vertical([Constraint::Length(text_h), Constraint::Min(1)]).areas(inner);
        let lines: Vec<Line> = text
            .into_iter()
            .take(text_h as usize)
            .map(|l| Line::styled(format!(" {l}"), t.warn))
            .collect();
        f.render_widget(Paragraph::new(lines), ta);
        let eb = Block::default()
            .borders(Borders::TOP)
            .border_style(t.focus)
            .title(" Your response ");
        let ei = eb.inner(ea);
        f.render_widget(eb, ea);
        f.render_widget(&s.response, ei);
    }
}

fn render_side(s: &MockScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let clock = s.mock.clock();
    let plan = clock.plan();
    let iw = area.width.saturating_sub(2) as usize;
    let phases_h = (plan.phases.len() as u16 + 2).min(area.height / 2).max(3);
    let [pa, ra] = Layout::vertical([Constraint::Length(phases_h), Constraint::Min(0)]).areas(area);
    let mut lines = Vec::new();
    let squeezed = clock.ledger().squeezed;
    for (i, p) in plan.phases.iter().enumerate() {
        let spent = clock.spent_ms(i);
        let st = clock.phase_status(i);
        let mark = if i == clock.current() {
            "›"
        } else if clock.visited(i) {
            "·"
        } else {
            " "
        };
        let budget = if i == clock.current() {
            clock.target_ms()
        } else {
            squeezed
                .iter()
                .find(|q| q.index == i)
                .map_or(p.budget_ms, |q| spent + q.squeezed_ms)
        };
        let times = format!("{}/{}", mmss(spent), mmss(budget));
        let name_w = iw.saturating_sub(width(&times) + 3);
        let name = truncate(&p.id, name_w);
        let pad = iw.saturating_sub(2 + width(&name) + width(&times));
        let cut = if squeezed.iter().any(|q| q.index == i) {
            "↓"
        } else {
            " "
        };
        lines.push(Line::from(vec![
            Span::raw(mark),
            Span::raw(cut),
            Span::styled(
                name,
                if i == clock.current() {
                    t.title
                } else {
                    Style::default()
                },
            ),
            Span::raw(" ".repeat(pad)),
            Span::styled(
                times,
                if clock.visited(i) {
                    status_style(t, st)
                } else {
                    t.dim
                },
            ),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border(false))
                .title(" Phases "),
        ),
        pa,
    );

    let reqs = s.mock.requirements();
    let h = ra.height.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if reqs.is_empty() {
        for l in wrap(
            "Nothing yet. Ask the client (Ctrl-A) about costs, data and constraints.",
            iw,
        ) {
            lines.push(Line::styled(l, t.dim));
        }
    }
    // The newest entries that fit, each from its start; an entry too long
    // for the panel is cut with an ellipsis.
    let mut groups: Vec<Vec<Line>> = Vec::new();
    let mut used = 0;
    for r in reqs.iter().rev() {
        let (mark, style) = match r.source {
            RequirementSource::Fact(_) => ("• ", Style::default()),
            RequirementSource::Change(_) => ("! ", t.warn),
        };
        let mut wrapped = wrap(r.text.trim(), iw.saturating_sub(2).max(1));
        if used + wrapped.len() > h {
            if !groups.is_empty() {
                break;
            }
            wrapped.truncate(h.max(1));
            if let Some(last) = wrapped.last_mut() {
                *last = truncate(&format!("{last}…"), iw.saturating_sub(2));
            }
        }
        used += wrapped.len();
        groups.push(
            wrapped
                .into_iter()
                .enumerate()
                .map(|(i, l)| {
                    let m = if i == 0 { mark } else { "  " };
                    Line::from(vec![Span::styled(m, style), Span::styled(l, style)])
                })
                .collect(),
        );
    }
    lines.extend(groups.into_iter().rev().flatten());
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border(false))
                .title(format!(" Requirements so far ({}) ", reqs.len())),
        ),
        ra,
    );
}

fn render_main(s: &MockScreen, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let Some((qarea, q)) = ctx.content.rubric.question(s.current_id()) else {
        return;
    };
    let w = area.width.saturating_sub(1).max(1) as usize;
    let mut top: Vec<Line> = vec![Line::styled(
        truncate(
            &format!(
                " Q{}/{} · {}",
                s.current + 1,
                s.questions.len(),
                crate::tui::screens::interview::area_position(qarea, &q.id)
            ),
            w,
        ),
        t.dim,
    )];
    let prompt_lines = if area.height >= 20 { 3 } else { 2 };
    for l in wrap(&q.prompt, w.saturating_sub(1))
        .into_iter()
        .take(prompt_lines)
    {
        top.push(Line::styled(format!(" {l}"), t.title));
    }
    // The client line: the prompt to ask, or the latest reply.
    let mut client: Vec<Line> = Vec::new();
    if s.focus == Focus::Ask {
        let shown = truncate(&format!("Ask the client: {}▏", s.ask_input), w);
        client.push(Line::styled(format!(" {shown}"), t.focus));
        client.push(Line::styled(" Enter asks · Esc cancels", t.dim));
    } else if let Some(r) = &s.last_reply {
        client.push(Line::styled(
            truncate(&format!(" You: {}", r.question), w),
            t.dim,
        ));
        let tag = if r.new_fact { " (noted)" } else { "" };
        for l in wrap(
            &format!("Client: {}{}", r.reply.trim(), tag),
            w.saturating_sub(1),
        )
        .into_iter()
        .take(if area.height >= 24 { 3 } else { 2 })
        {
            client.push(Line::raw(format!(" {l}")));
        }
    } else {
        client.push(Line::styled(
            " Ctrl-A asks the client a question (facts, costs, constraints)",
            t.dim,
        ));
    }
    let [ta, ea, ca] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Min(3),
        Constraint::Length(client.len() as u16),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(top), ta);
    let words = s
        .editor
        .lines()
        .iter()
        .map(|l| l.split_whitespace().count())
        .sum::<usize>();
    let editing = s.focus == Focus::Editor && s.mock.pending_curveball().is_none();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(editing))
        .title(if s.is_locked() {
            " Answer (locked) "
        } else {
            " Answer "
        })
        .title_bottom(Line::styled(format!(" {words} words "), t.dim).right_aligned());
    let inner = block.inner(ea);
    f.render_widget(block, ea);
    f.render_widget(&s.editor, inner);
    f.render_widget(Paragraph::new(client), ca);
}
