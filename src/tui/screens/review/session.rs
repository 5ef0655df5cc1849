//! One saved session, read-only: the prompt, each answer with the
//! sentences that earned criteria highlighted and labelled, the scorecard,
//! curveballs and clarifying questions, and a mock's follow-ups (the
//! question, the reply, answered well or not). Resume when in progress;
//! export.

use super::rich::{bar, duration, para, status_mark, status_style, wrap_spans};
use crate::core::content::Content;
use crate::core::mock::{follow_ups_label, probe_answer_key, probe_reviews};
use crate::core::review::ScoredSession;
use crate::core::scoring::Status;
use crate::core::session::{EventKind, SessionStatus};
use crate::core::time::format_mss;
use crate::tui::theme::Theme;
use crate::tui::vocab::{Ctx, Effect, KeyHelp, key};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;
use std::sync::Arc;

pub struct SessionPage {
    /// Index into `ReviewData::sessions`.
    pub index: usize,
    /// The session, read and scored in full.
    pub scored: Arc<ScoredSession>,
    pub scroll: usize,
    /// Wrapped length and visible height at the last render.
    total: Cell<usize>,
    height: Cell<usize>,
}

impl SessionPage {
    pub fn new(index: usize, scored: Arc<ScoredSession>) -> SessionPage {
        SessionPage {
            index,
            scored,
            scroll: 0,
            total: Cell::new(usize::MAX),
            height: Cell::new(10),
        }
    }

    /// Keys; returns effects and whether a comparison was asked for.
    pub fn key(&mut self, ctx: &mut Ctx, k: KeyEvent) -> (Vec<Effect>, bool) {
        let s = self.scored.clone();
        let max = self.total.get().saturating_sub(self.height.get());
        let page = self.height.get().max(2) - 1;
        match k.code {
            KeyCode::Down | KeyCode::Char('j') => self.scroll = (self.scroll + 1).min(max),
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll = (self.scroll + page).min(max),
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => self.scroll = max,
            KeyCode::Char('r') if s.session.status == SessionStatus::InProgress => {
                return (vec![Effect::OpenSession(s.session.id.clone())], false);
            }
            KeyCode::Char('r') => {
                ctx.info("this session is complete; start a new attempt from home")
            }
            KeyCode::Char('e') => ctx.ask_export_path(&s.session.id),
            KeyCode::Char('c') => return (Vec::new(), true),
            _ => {}
        }
        (Vec::new(), false)
    }

    pub fn keys(&self) -> Vec<KeyHelp> {
        let mut k = vec![key("↑/↓", "scroll")];
        if self.scored.session.status == SessionStatus::InProgress {
            k.push(key("r", "resume"));
        }
        k.extend([
            key("e", "export"),
            key("c", "compare"),
            key("Esc", "back"),
            key("?", "help"),
        ]);
        k
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let s = &*self.scored;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ctx.theme.focus)
            .title(format!(
                " Session · {} ",
                crate::tui::text::truncate(&s.session.id, area.width.saturating_sub(14) as usize)
            ));
        let inner = block.inner(area);
        let lines = session_lines(s, &ctx.content, &ctx.theme, inner.width as usize);
        self.total.set(lines.len());
        self.height.set(inner.height as usize);
        let max = lines.len().saturating_sub(inner.height as usize);
        let scroll = self.scroll.min(max).min(u16::MAX as usize) as u16;
        f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    }
}

/// The highlighted pieces of one answer line: byte ranges with the
/// criteria (and their status) the sentence earned.
/// A byte range of a line with the criteria it earned.
type Highlight = (usize, usize, Vec<(String, Status)>);

fn highlights(line: &str, hits: &[(&str, &str, Status)]) -> Vec<Highlight> {
    let mut out: Vec<Highlight> = Vec::new();
    for (quote, crit, status) in hits {
        let quote = quote.trim();
        if quote.is_empty() {
            continue;
        }
        let Some(start) = line.find(quote) else {
            continue;
        };
        let end = start + quote.len();
        if let Some(h) = out.iter_mut().find(|h| h.0 < end && start < h.1) {
            if !h.2.iter().any(|(c, _)| c == crit) {
                h.2.push((crit.to_string(), *status));
            }
        } else {
            out.push((start, end, vec![(crit.to_string(), *status)]));
        }
    }
    out.sort_by_key(|h| h.0);
    out
}

/// One answer, each line wrapped, evidence sentences highlighted and
/// followed by the criteria they earned.
pub fn answer_lines(
    s: &ScoredSession,
    question: &str,
    text: &str,
    t: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let hits: Vec<(&str, &str, Status)> = s
        .card
        .criteria
        .iter()
        .flat_map(|c| {
            c.evidence
                .iter()
                .filter(move |h| h.question == question)
                // Tagged with the criterion's label, as the scorecard names it.
                .map(move |h| (h.quote.as_str(), c.label.as_str(), c.status))
        })
        .collect();
    let mut out = Vec::new();
    for line in text.trim_end().split('\n') {
        let line = crate::tui::text::clean_line(line);
        let mut runs: Vec<(String, Style)> = Vec::new();
        let mut at = 0;
        for (start, end, crits) in highlights(&line, &hits) {
            if start < at {
                continue;
            }
            runs.push((line[at..start].to_string(), Style::default()));
            let best = crits.iter().map(|c| c.1).max().unwrap_or(Status::Partial);
            let style = status_style(t, best).add_modifier(Modifier::UNDERLINED);
            runs.push((line[start..end].to_string(), style));
            let labels: Vec<&str> = crits.iter().map(|c| c.0.as_str()).collect();
            runs.push((format!(" ⟦{}⟧", labels.join(", ")), t.dim));
            at = end;
        }
        runs.push((line[at..].to_string(), Style::default()));
        out.extend(wrap_spans(&runs, width, 2));
    }
    out
}

fn heading(text: &str, t: &Theme) -> Line<'static> {
    Line::styled(text.to_string(), t.title)
}

pub fn session_lines(
    s: &ScoredSession,
    content: &Content,
    t: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let ss = &s.session;
    let scenario = content.scenario(&ss.scenario);
    let mut out: Vec<Line<'static>> = Vec::new();
    let title = scenario.map_or(ss.scenario.as_str(), |x| x.title.as_str());
    out.extend(para(title, t.title, width, 0));
    let secs = if ss.elapsed_seconds > 0 {
        ss.elapsed_seconds
    } else {
        ss.ended_at
            .map(|e| (e - ss.started_at).num_seconds().max(0) as u64)
            .unwrap_or(0)
    };
    let status = match ss.status {
        SessionStatus::Complete => "complete",
        SessionStatus::InProgress => "in progress (r resumes)",
    };
    out.extend(para(
        &format!(
            "{} · {} · {} · {} · overall {:.1}",
            ss.mode.as_str(),
            ss.started_at.format("%Y-%m-%d %H:%M"),
            duration(secs),
            status,
            s.card.overall
        ),
        t.dim,
        width,
        0,
    ));
    if let Some(p) = ss.predicted_score {
        let off = p as f32 - s.card.overall;
        let how = match off {
            x if x > 0.05 => format!("{x:.1} too high"),
            x if x < -0.05 => format!("{:.1} too low", -x),
            _ => "spot on".to_string(),
        };
        out.extend(para(
            &format!(
                "You guessed {p}; the scorer gave {:.1} ({how})",
                s.card.overall
            ),
            t.warn,
            width,
            0,
        ));
    }
    if let Some(sc) = scenario {
        out.push(Line::raw(""));
        out.push(heading("Prompt", t));
        out.extend(para(&sc.prompt, Style::default(), width, 2));
    }

    out.push(Line::raw(""));
    out.push(heading("Score", t));
    let name_w = s
        .card
        .areas
        .iter()
        .map(|a| a.title.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let bar_w = width.saturating_sub(name_w + 12).clamp(4, 30);
    for a in &s.card.areas {
        let name = crate::tui::text::truncate(&a.title, name_w);
        out.push(Line::from(vec![
            ratatui::text::Span::raw(format!("  {name:<name_w$} ")),
            ratatui::text::Span::styled(bar(a.score, bar_w), t.bar),
            ratatui::text::Span::raw(format!(" {:>5.1}", a.score)),
        ]));
    }

    out.push(Line::raw(""));
    out.push(heading("Answers", t));
    let mut shown = 0;
    let rubric = &content.rubric;
    let mut ordered: Vec<&crate::core::session::Answer> = Vec::new();
    for (_, q) in rubric.questions() {
        if let Some(a) = ss.answer(&q.id) {
            ordered.push(a);
        }
    }
    for a in &ss.answers {
        // Replies to the client and the interviewer are shown with what
        // they answer (Client, Follow-ups).
        let reply = a.question.starts_with("curveball:") || a.question.starts_with("probe:");
        if rubric.question(&a.question).is_none() && !reply {
            ordered.push(a);
        }
    }
    for a in ordered {
        if a.text.trim().is_empty() {
            continue;
        }
        shown += 1;
        let prompt = rubric
            .question(&a.question)
            .map_or(a.question.clone(), |(_, q)| q.prompt.clone());
        out.extend(para(&format!("▸ {prompt}"), t.key, width, 0));
        out.extend(answer_lines(s, &a.question, &a.text, t, width));
        let mut meta = format!("  {}", duration(a.seconds));
        if a.hints > 0 {
            meta.push_str(&format!(
                " · {}",
                crate::core::report::plural(a.hints, "hint", "hints")
            ));
        }
        out.push(Line::styled(meta, t.dim));
    }
    if shown == 0 {
        out.push(Line::styled("  (no answers)", t.dim));
    }

    out.push(Line::raw(""));
    // A drill shows only the criteria its questions target.
    out.push(heading("Criteria", t));
    for c in s.attempted(rubric) {
        out.extend(wrap_spans(
            &[
                (
                    format!("{} ", status_mark(c.status)),
                    status_style(t, c.status),
                ),
                (c.label.clone(), Style::default()),
                (format!(" [{}]", c.id), t.dim),
            ],
            width,
            2,
        ));
    }
    if !s.card.gaps.is_empty() {
        out.push(Line::raw(""));
        out.push(heading("Top gaps", t));
        for g in s.card.gaps.iter().take(5) {
            out.extend(wrap_spans(
                &[
                    (
                        format!("{} ", status_mark(g.status)),
                        status_style(t, g.status),
                    ),
                    (g.label.clone(), Style::default()),
                    (format!(" (+{:.1}) ", g.worth), t.dim),
                    (g.hint.clone(), t.dim),
                ],
                width,
                2,
            ));
        }
    }

    let client: Vec<&crate::core::session::Event> = ss
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Asked { .. } | EventKind::Curveball { .. }
            )
        })
        .collect();
    if !client.is_empty() {
        out.push(Line::raw(""));
        out.push(heading("Client", t));
        for e in client {
            let at = format!("{:>5} ", format_mss(e.at));
            match &e.kind {
                EventKind::Asked {
                    question, reply, ..
                } => {
                    out.extend(wrap_spans(
                        &[
                            (at, t.dim),
                            ("You: ".into(), t.key),
                            (question.clone(), Style::default()),
                        ],
                        width,
                        2,
                    ));
                    out.extend(wrap_spans(
                        &[
                            ("Client: ".into(), t.key),
                            (reply.clone(), Style::default()),
                        ],
                        width,
                        8,
                    ));
                }
                EventKind::Curveball { id, text } => {
                    out.extend(wrap_spans(
                        &[
                            (at, t.dim),
                            ("Curveball: ".into(), t.warn),
                            (text.clone(), Style::default()),
                        ],
                        width,
                        2,
                    ));
                    let q = format!("curveball:{id}");
                    match ss.answer(&q).filter(|a| !a.text.trim().is_empty()) {
                        Some(a) => out.extend(answer_lines(s, &q, &a.text, t, width)),
                        None => out.push(Line::styled("    (not answered)", t.missing)),
                    }
                }
                _ => {}
            }
        }
    }
    out.extend(follow_up_lines(s, t, width));
    out
}

/// A mock's follow-ups: each question, the reply (or none), and whether
/// the point it probed is now covered.
fn follow_up_lines(s: &ScoredSession, t: &Theme, width: usize) -> Vec<Line<'static>> {
    let reviews = probe_reviews(&s.session, Some(&s.card));
    let mut out = Vec::new();
    if reviews.is_empty() {
        return out;
    }
    out.push(Line::raw(""));
    out.push(heading(&follow_ups_label(&reviews), t));
    for p in &reviews {
        out.extend(wrap_spans(
            &[
                (format!("{:>5} ", format_mss(p.at)), t.dim),
                ("Interviewer: ".into(), t.key),
                (p.text.trim().to_string(), Style::default()),
            ],
            width,
            2,
        ));
        match &p.response {
            Some(text) => {
                let key = probe_answer_key(&p.target);
                out.extend(answer_lines(s, &key, text, t, width));
            }
            None => out.push(Line::styled("    (no reply)", t.missing)),
        }
        let (status, verdict) = match (&p.response, p.answered_well) {
            (_, true) => (Status::Covered, "answered well, now covered"),
            (None, _) => (Status::Missing, "not answered"),
            (Some(_), false) => (Status::Partial, "not answered well, still not covered"),
        };
        out.extend(wrap_spans(
            &[
                (format!("{} ", status_mark(status)), status_style(t, status)),
                (format!("{}: {verdict}", p.label), Style::default()),
            ],
            width,
            4,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_hits_share_one_highlight() {
        let line = "We weigh precision against recall. Labels arrive late.";
        let hits = [
            (
                "We weigh precision against recall.",
                "precision-recall",
                Status::Covered,
            ),
            (
                "We weigh precision against recall.",
                "fp-fn-cost",
                Status::Partial,
            ),
            ("Labels arrive late.", "label-delay", Status::Covered),
            ("Not in this line.", "goals", Status::Covered),
        ];
        let h = highlights(line, &hits);
        assert_eq!(h.len(), 2);
        assert_eq!(&line[h[0].0..h[0].1], "We weigh precision against recall.");
        assert_eq!(h[0].2.len(), 2);
        assert_eq!(h[1].2, vec![("label-delay".to_string(), Status::Covered)]);
    }
}
