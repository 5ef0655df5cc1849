//! Drawing the interview: the header (scenario, mode, question, answered,
//! clock), the prompt, the question list (answered or not, and what each
//! answer covers by itself), the question with why it matters, the editor
//! and the live criteria.

use super::{Focus, Interview};
use crate::core::scoring::Status;
use crate::core::session::Mode;
use crate::core::time::format_mss;
use crate::tui::text::{truncate, wrap};
use crate::tui::vocab::Ctx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

pub(super) fn render(s: &Interview, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let content = &ctx.content;
    let Some(scenario) = s.scenario(content) else {
        return;
    };
    let w = area.width as usize;
    let brief_h = s.brief.height(scenario, area.width, area.height);
    let [head, prompt_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(brief_h),
        Constraint::Min(0),
    ])
    .areas(area);

    let (answered, total) = s.answered_count();
    let position = match s.session.mode {
        Mode::Drill => format!("drill item {} of {total}", s.current + 1),
        _ => format!("Q{}/{total}", s.current + 1),
    };
    let info = format!(
        "· {} · {position} · {} · {answered} answered",
        s.session.mode.as_str(),
        format_mss(s.session.elapsed_seconds)
    );
    // The title gives way so the position, clock and count stay in view.
    let title_w = w
        .saturating_sub(crate::tui::text::width(&info) + 2)
        .max(w / 3);
    let mut title = vec![
        Span::styled(format!(" {} ", truncate(&scenario.title, title_w)), t.title),
        Span::styled(info, t.dim),
    ];
    if s.read_only {
        title.push(Span::styled(" · READ-ONLY (open elsewhere)", t.warn));
    }
    f.render_widget(Paragraph::new(Line::from(title)), head);
    s.brief.render_panel(f, prompt_area, scenario, t);

    let list_w = list_width(area.width);
    let [left, right] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Min(0)]).areas(body);
    render_list(s, f, left, ctx);
    render_question(s, f, right, ctx);
    s.brief.render_full(f, area, scenario, t);
}

/// The question list's share of the width: 30 %, at least 20 columns
/// (36 at 120 columns, 60 at 200).
pub fn list_width(total: u16) -> u16 {
    (total * 3 / 10).max(20).min(total / 2)
}

fn render_list(s: &Interview, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let focused = s.focus == Focus::Questions;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(" Questions ");
    let inner_w = area.width.saturating_sub(2) as usize;
    let mut items = Vec::new();
    let mut selected = None;
    let mut area_id = "";
    let sel = if focused { s.list_sel } else { s.current };
    for (i, q) in s.questions.iter().enumerate() {
        if q.area != area_id {
            area_id = &q.area;
            let title = ctx
                .content
                .rubric
                .area(area_id)
                .map(|a| a.title.as_str())
                .unwrap_or(area_id);
            items.push(ListItem::new(Line::styled(
                truncate(title, inner_w),
                t.title,
            )));
        }
        let Some((_, question)) = ctx.content.rubric.question(&q.id) else {
            continue;
        };
        let answered = s.answered(&q.id);
        let (mark, style) = if answered {
            ("●", t.covered)
        } else {
            ("○", t.dim)
        };
        // What this answer covers by itself; nothing for an unanswered
        // question (criteria met elsewhere show in the question pane).
        let cov = match (s.session.mode, s.coverage(&ctx.content, &q.id)) {
            (Mode::Mock, _) | (_, None) => String::new(),
            _ if !answered => "  –".to_string(),
            (_, Some(c)) => format!("{:>3}%", (c.own_share() * 100.0).round() as u32),
        };
        let cur = if i == s.current { "›" } else { " " };
        let label_w = inner_w.saturating_sub(4 + cov.len() + usize::from(!cov.is_empty()));
        let mut spans = vec![
            Span::raw(cur),
            Span::styled(format!("{mark} "), style),
            Span::raw(truncate(&question.prompt, label_w)),
        ];
        if !cov.is_empty() {
            let used = 3 + crate::tui::text::width(&truncate(&question.prompt, label_w));
            let pad = inner_w.saturating_sub(used + cov.len());
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(cov, t.dim));
        }
        if i == sel {
            selected = Some(items.len());
        }
        items.push(ListItem::new(Line::from(spans)));
    }
    let list = List::new(items).block(block).highlight_style(if focused {
        t.selected
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    });
    let mut state = ListState::default().with_selected(selected);
    f.render_stateful_widget(list, area, &mut state);
}

/// "Problem framing · question 2 of 4": where a question sits in its area
/// (a drill, whose items come from several areas, names the area only).
pub fn area_position(area: &crate::core::content::Area, question: &str, mode: Mode) -> String {
    let n = area.questions.len();
    match area.questions.iter().position(|q| q.id == question) {
        Some(i) if mode != Mode::Drill => format!("{} · question {} of {n}", area.title, i + 1),
        _ => area.title.clone(),
    }
}

/// "This answer covers 1 of 2 criteria · 1 more met by other answers".
fn coverage_line(s: &Interview, ctx: &Ctx, question: &str) -> Option<String> {
    let c = s.coverage(&ctx.content, question)?;
    if c.criteria == 0 || s.session.mode == Mode::Mock {
        return None;
    }
    let n = |x: f32| {
        if x.fract() == 0.0 {
            format!("{x:.0}")
        } else {
            format!("{x:.1}")
        }
    };
    let mut line = if s.answered(question) {
        format!("This answer covers {} of {} criteria", n(c.own), c.criteria)
    } else {
        format!("Not answered yet ({} criteria)", c.criteria)
    };
    if c.elsewhere > 0.0 {
        line.push_str(&format!(" · {} met by other answers", n(c.elsewhere)));
    }
    Some(line)
}

fn render_question(s: &Interview, f: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.theme;
    let Some((qarea, q)) = ctx.content.rubric.question(s.current_id()) else {
        return;
    };
    let w = area.width.saturating_sub(1).max(1) as usize;
    let mut top: Vec<Line> = Vec::new();
    top.push(Line::styled(
        truncate(&area_position(qarea, &q.id, s.session.mode), w),
        t.dim,
    ));
    for l in wrap(&q.prompt, w).into_iter().take(3) {
        top.push(Line::styled(l, t.title));
    }
    if let Some(line) = coverage_line(s, ctx, &q.id) {
        top.push(Line::styled(truncate(&line, w), t.dim));
    }
    let why_lines = if area.height >= 24 { 4 } else { 2 };
    let why = wrap(&format!("Why it matters: {}", q.why), w);
    let cut = why.len() > why_lines;
    for (i, l) in why.into_iter().take(why_lines).enumerate() {
        let l = if cut && i + 1 == why_lines {
            truncate(&format!("{l}…"), w)
        } else {
            l
        };
        top.push(Line::styled(l, t.dim));
    }
    if s.show_hint {
        for l in wrap(&format!("Hint: {}", q.hint), w).into_iter().take(3) {
            top.push(Line::styled(l, t.warn));
        }
    }
    let live_h = if s.show_live {
        (q.criteria.len() as u16 + 2).min(area.height / 3).max(3)
    } else {
        0
    };
    let [top_area, editor_area, live_area] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Min(3),
        Constraint::Length(live_h),
    ])
    .areas(area);
    let top_area = Rect {
        x: top_area.x + 1,
        width: top_area.width.saturating_sub(1),
        ..top_area
    };
    f.render_widget(Paragraph::new(top), top_area);

    let focused = s.focus == Focus::Editor;
    let words = s.words;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(focused))
        .title(" Answer ")
        .title_bottom(Line::styled(format!(" {words} words "), t.dim).right_aligned());
    let inner = block.inner(editor_area);
    f.render_widget(block, editor_area);
    f.render_widget(&s.editor, inner);

    if s.show_live {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border(false))
            .title(" Criteria (live) ");
        let iw = live_area.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = q
            .criteria
            .iter()
            .map(|cid| {
                let label = ctx
                    .content
                    .rubric
                    .criterion(cid)
                    .map(|c| c.label.as_str())
                    .unwrap_or(cid);
                let result = s.card.as_ref().and_then(|c| c.criterion(cid));
                let status = result.map(|c| c.status);
                // Earned by another answer, not this one.
                let elsewhere = result.is_some_and(|c| {
                    c.status != Status::Missing && !c.evidence.iter().any(|e| e.question == q.id)
                });
                let label = if elsewhere {
                    format!("{label} (by another answer)")
                } else {
                    label.to_string()
                };
                let (mark, style) = match status {
                    Some(s @ Status::Covered) => (crate::core::report::mark(s), t.covered),
                    Some(s @ Status::Partial) => (crate::core::report::mark(s), t.partial),
                    Some(s @ Status::Missing) => (crate::core::report::mark(s), t.missing),
                    None => ("·", t.dim),
                };
                Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::styled(truncate(&label, iw.saturating_sub(2)), style),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines).block(block), live_area);
    }
}
