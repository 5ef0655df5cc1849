//! Drawing the mock interview: the countdown for the interview and the
//! phase with the overrun ledger, the brief, the side (phases and
//! requirements), the question with the answer, the notice of a curveball
//! or follow-up waiting, the conversation with the client, and the reply,
//! pause and brief boxes.

use super::{Focus, MockScreen, side, transcript};
use crate::core::content::Scenario;
use crate::core::mock::{Interjection, PhaseStatus};
use crate::core::time::format_mss;
use crate::tui::layout::centered;
use crate::tui::text::{truncate, width, wrap};
use crate::tui::theme::Theme;
use crate::tui::vocab::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Where the scrollable parts were drawn (the mouse wheel scrolls what is
/// under the pointer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub side: Rect,
    pub log: Rect,
    /// How far each can scroll.
    pub side_max: usize,
    pub log_max: usize,
}

/// A clock reading in milliseconds as `m:ss` (whole seconds, rounded down).
pub fn mmss(ms: u64) -> String {
    format_mss(ms / 1000)
}

pub fn status_style(t: &Theme, s: PhaseStatus) -> Style {
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
    let brief_h = s.brief.height(scenario, area.width, area.height);
    let [head, phase_line, brief, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(brief_h),
        Constraint::Min(0),
    ])
    .areas(area);
    render_head(s, f, head, scenario, t);
    render_phase_line(s, f, phase_line, t);
    s.brief.render_panel(f, brief, scenario, t);

    let side_w = (area.width / 3).clamp(24, 40);
    let [side_area, main] =
        Layout::horizontal([Constraint::Length(side_w), Constraint::Min(0)]).areas(body);
    let (side, side_max) = side::render(s, f, side_area, ctx);
    let (log, log_max) = render_main(s, f, main, ctx);
    s.areas.set(Areas {
        side,
        log,
        side_max,
        log_max,
    });

    if s.brief.is_open() {
        s.brief.render_full(f, area, scenario, t);
    } else if s.mock.clock().is_paused() {
        render_paused(s, f, area, t);
    } else if let (Focus::Reply, Some(i)) = (s.focus, s.mock.pending()) {
        render_reply(s, f, area, i, t);
    }
}

fn render_head(s: &MockScreen, f: &mut Frame, area: Rect, scenario: &Scenario, t: &Theme) {
    let clock = s.mock.clock();
    let total = clock.plan().total_ms;
    let overall = status_style(t, clock.overall_status());
    let label = format!(" {} left of {} ", mmss(clock.remaining_ms()), mmss(total));
    let status = if clock.is_paused() {
        Some(Span::styled("PAUSED", t.warn))
    } else if s.is_locked() {
        Some(Span::styled("TIME UP", t.error))
    } else {
        None
    };
    let status_w = status.as_ref().map_or(0, Span::width);
    // The clock always shows whole: a long title gives way (" title ",
    // "· mock ", the narrowest bar with its brackets, the label, the status).
    let title_max = (area.width as usize).saturating_sub(2 + 7 + 6 + width(&label) + status_w);
    let title = truncate(&scenario.title, title_max);
    let used = width(&title) + 9 + width(&label) + 2;
    let bar_w = (area.width as usize).saturating_sub(used + 14).clamp(4, 30);
    let frac = clock.elapsed_ms() as f64 / total.max(1) as f64;
    let mut spans = vec![
        Span::styled(format!(" {title} "), t.title),
        Span::styled("· mock ", t.dim),
        Span::styled(bar(frac, bar_w), overall),
        Span::styled(label, overall),
    ];
    spans.extend(status);
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_phase_line(s: &MockScreen, f: &mut Frame, area: Rect, t: &Theme) {
    let clock = s.mock.clock();
    let plan = clock.plan();
    let cur = clock.current();
    let Some(p) = plan.phases.get(cur) else {
        return;
    };
    let (spent, target, st) = (
        clock.spent_ms(cur),
        clock.target_ms(),
        clock.phase_status(cur),
    );
    let wide = area.width >= 110;
    let name = if wide { &p.title } else { &p.id };
    let squeezed = if target < p.budget_ms && wide {
        format!(" (squeezed from {})", mmss(p.budget_ms))
    } else {
        String::new()
    };
    let mut spans = vec![
        Span::styled(
            format!(" Phase {}/{} {} ", cur + 1, plan.phases.len(), name),
            t.title,
        ),
        Span::styled(
            bar(spent as f64 / target.max(1) as f64, 10),
            status_style(t, st),
        ),
        Span::styled(
            format!(
                " {}/{}{squeezed}{}",
                mmss(spent),
                mmss(target),
                status_word(st)
            ),
            status_style(t, st),
        ),
    ];
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
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The line announcing what waits for a reply (none while replying).
fn notice(s: &MockScreen, w: usize) -> Option<String> {
    let first = s.mock.pending()?;
    if s.focus == Focus::Reply {
        return None;
    }
    let who = if first.is_probe() {
        "The interviewer follows up"
    } else {
        "The client interjects"
    };
    let more = match s.mock.pending_count() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    Some(truncate(
        &format!(
            " ▶ {who}{more}: Ctrl-R to reply · the clock is running · “{}”",
            first.text().trim()
        ),
        w,
    ))
}

/// The question, the answer and the conversation; returns where the
/// conversation was drawn and how far it can scroll.
fn render_main(s: &MockScreen, f: &mut Frame, area: Rect, ctx: &Ctx) -> (Rect, usize) {
    let t = &ctx.theme;
    let Some((qarea, q)) = ctx.content.rubric.question(s.current_id()) else {
        return (Rect::default(), 0);
    };
    let w = area.width.saturating_sub(1).max(1) as usize;
    let mut top: Vec<Line> = Vec::new();
    if let Some(n) = notice(s, w) {
        top.push(Line::styled(n, t.warn));
    }
    let pos = crate::tui::screens::interview::area_position(
        qarea,
        &q.id,
        crate::core::session::Mode::Mock,
    );
    let qline = format!(" Q{}/{} · {pos}", s.current + 1, s.questions.len());
    top.push(Line::styled(truncate(&qline, w), t.dim));
    let prompt_lines = if area.height >= 20 { 3 } else { 2 };
    for l in wrap(&q.prompt, w.saturating_sub(1))
        .into_iter()
        .take(prompt_lines)
    {
        top.push(Line::styled(format!(" {l}"), t.title));
    }
    let (log, newest) = log_lines(s, area.width.saturating_sub(2) as usize, t);
    // Up to two fifths of the height for the conversation, more (down to
    // three rows of answer) so that the newest reply shows in full.
    let room = area.height.saturating_sub(top.len() as u16 + 5).max(3);
    let share = (area.height * 2 / 5)
        .max(3)
        .max(newest as u16 + 2)
        .min(room);
    let log_h = (log.len() as u16 + 2).clamp(3, share);
    let [ta, ea, la] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Min(3),
        Constraint::Length(log_h),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(top), ta);
    render_answer(s, f, ea, t);
    let max = log
        .len()
        .saturating_sub(la.height.saturating_sub(2) as usize);
    render_log(s, f, la, log, t);
    (la, max)
}

fn render_answer(s: &MockScreen, f: &mut Frame, area: Rect, t: &Theme) {
    let words: usize = s
        .editor
        .lines()
        .iter()
        .map(|l| l.split_whitespace().count())
        .sum();
    let title = if s.is_locked() {
        " Answer (locked) "
    } else {
        " Answer "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(s.focus == Focus::Editor))
        .title(title)
        .title_bottom(Line::styled(format!(" {words} words "), t.dim).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(&s.editor, inner);
}

/// The conversation's lines, with the question being typed last.
/// The conversation's lines, and how many the newest exchange (a question
/// and its reply, or an interjection and the reply) takes.
fn log_lines(s: &MockScreen, w: usize, t: &Theme) -> (Vec<Line<'static>>, usize) {
    let waiting: Vec<String> = s.mock.pending_all().map(Interjection::answer_key).collect();
    let entries = transcript::entries(&s.session, &waiting);
    let mut lines = transcript::lines(&entries, w.max(1), t);
    let newest = transcript::lines(&entries[entries.len().saturating_sub(2)..], w.max(1), t);
    let mut newest = newest.len();
    if s.focus == Focus::Ask {
        let typed = format!("Ask the client: {}▏", s.ask_input);
        let shown: Vec<String> = wrap(&typed, w.max(1));
        newest += shown.len();
        lines.extend(shown.into_iter().map(|l| Line::styled(l, t.focus)));
    } else if lines.is_empty() {
        let hint = "Ctrl-A asks the client: volumes, rates, costs, delays, constraints…";
        lines.extend(
            wrap(hint, w.max(1))
                .into_iter()
                .map(|l| Line::styled(l, t.dim)),
        );
    }
    (lines, newest)
}

fn render_log(s: &MockScreen, f: &mut Frame, area: Rect, lines: Vec<Line<'static>>, t: &Theme) {
    let h = area.height.saturating_sub(2) as usize;
    let total = lines.len();
    let back = s.log_scroll.min(total.saturating_sub(h));
    let start = total.saturating_sub(h + back);
    let hint = if total > h {
        if back > 0 {
            format!(" ↓ {back} newer · Alt-PgDn ")
        } else {
            " ↑ Alt-PgUp ".to_string()
        }
    } else {
        String::new()
    };
    let focused = s.focus == Focus::Ask;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(if focused {
            " Ask the client (Enter asks · Esc) "
        } else {
            " Client "
        })
        .title_bottom(Line::styled(hint, t.dim).right_aligned());
    let shown: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
    f.render_widget(Paragraph::new(shown).block(block), area);
}

fn render_paused(s: &MockScreen, f: &mut Frame, area: Rect, t: &Theme) {
    let clock = s.mock.clock();
    let mut lines = vec![Line::raw(" The clock is stopped; the pause is recorded.")];
    if s.resumed {
        lines.push(Line::raw(format!(
            " Resumed where you stopped: {} of {} used.",
            mmss(clock.elapsed_ms()),
            mmss(clock.plan().total_ms)
        )));
    }
    lines.push(Line::styled(" Press Enter or Ctrl-B to continue.", t.title));
    let h = lines.len() as u16 + 2;
    let r = centered(area, 52.min(area.width), h);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.warn)
        .title(" Paused ");
    f.render_widget(Paragraph::new(lines).block(block), r);
}

fn render_reply(s: &MockScreen, f: &mut Frame, area: Rect, i: &Interjection, t: &Theme) {
    let bw = area.width.saturating_sub(4).min(80);
    let iw = bw.saturating_sub(3) as usize;
    let said = wrap(&format!("“{}”", i.text().trim()), iw.max(1));
    let room = area.height.saturating_sub(2);
    let text_h = (said.len() as u16).min(room / 2).max(1);
    let h = (text_h + 2 + 7).min(room);
    let r = centered(area, bw, h);
    f.render_widget(Clear, r);
    let who = if i.is_probe() {
        " The interviewer follows up "
    } else {
        " The client interjects "
    };
    let title = match s.mock.pending_count() {
        1 => who.to_string(),
        n => format!("{who}(1 of {n}) "),
    };
    let hint = " Ctrl-S sends · Esc back (kept) · the clock keeps running ";
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.warn)
        .title(title)
        .title_bottom(Line::styled(hint, t.dim).right_aligned());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [ta, ea] = Layout::vertical([Constraint::Length(text_h), Constraint::Min(1)]).areas(inner);
    let lines: Vec<Line> = said
        .into_iter()
        .take(text_h as usize)
        .map(|l| Line::styled(format!(" {l}"), t.warn))
        .collect();
    f.render_widget(Paragraph::new(lines), ta);
    let eb = Block::default()
        .borders(Borders::TOP)
        .border_style(t.focus)
        .title(" Your reply ");
    let ei = eb.inner(ea);
    f.render_widget(eb, ea);
    f.render_widget(&s.reply, ei);
}
