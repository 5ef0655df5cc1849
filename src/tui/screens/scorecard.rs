//! The scorecard after an attempt: overall and per-area bars, each
//! criterion with its evidence, the top gaps with hints and their notes
//! section, time per question and the scenario's strong answer; `x`
//! switches to what each sentence earned and why not more.
//! Scrollable; export to Markdown.

use crate::core::content::Content;
use crate::core::report::mark;
use crate::core::scoring::{Scorecard, Scorer, SentenceReport, Skip, Status, Verdict};
use crate::core::session::{Mode, Session};
use crate::core::time::format_mss;
use crate::tui::screens::home;
use crate::tui::text::{truncate, width, wrap};
use crate::tui::theme::Theme;
use crate::tui::vocab::{Ctx, Effect, KeyHelp, Msg, PromptAction, ScreenView, key};
use crossterm::event::{KeyCode, MouseEventKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;

/// How many gaps the "top gaps" section lists.
pub const TOP_GAPS: usize = 5;

/// What a row of the report is, which decides its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading,
    Text,
    Dim,
    Status(Status),
    /// A bar filled to `percent` (capped at 100); the number is shown as
    /// it is (a phase at 600 % of its budget says 600 %).
    Bar {
        percent: u32,
    },
    Blank,
}

/// One logical row; wrapped to the width at render time.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: Kind,
    pub indent: u16,
    pub text: String,
}

pub struct ScorecardView {
    pub session: Session,
    pub card: Scorecard,
    pub rows: Vec<Row>,
    /// The per-sentence explanation, shown instead of `rows` with `x`.
    pub explained: Vec<Row>,
    pub explaining: bool,
    pub scroll: usize,
    /// Rows visible at the last render (for paging), set during render.
    page: Cell<usize>,
    /// Wrapped length at the last render (to clamp scrolling).
    total: Cell<usize>,
}

fn row(kind: Kind, indent: u16, text: impl Into<String>) -> Row {
    Row {
        kind,
        indent,
        text: text.into(),
    }
}

/// The report rows for a scored session.
pub fn rows(content: &Content, session: &Session, card: &Scorecard) -> Vec<Row> {
    let mut r = Vec::new();
    let pct = |x: f32| x.round().clamp(0.0, 100.0) as u32;
    let scenario = content.scenario(&session.scenario);
    r.push(row(
        Kind::Heading,
        0,
        format!(
            "{} — {}",
            scenario
                .map(|s| s.title.as_str())
                .unwrap_or(&session.scenario),
            session.mode.as_str()
        ),
    ));
    r.push(row(
        Kind::Bar {
            percent: pct(card.overall),
        },
        0,
        if card.band.label.is_empty() {
            "Overall".to_string()
        } else {
            format!("Overall · {}", card.band.label)
        },
    ));
    if !card.band.meaning.is_empty() {
        r.push(row(Kind::Dim, 2, card.band.meaning.clone()));
    }
    if let Some(k) = card.key_point_score {
        let got = card
            .key_points
            .iter()
            .filter(|c| c.status == Status::Covered)
            .count();
        let mut line = format!(
            "Key points for this prompt: {got} of {} covered ({k:.0}%)",
            card.key_points.len()
        );
        if card.penalty > 0.0 {
            line.push_str(&format!(" · red flags −{:.0}", card.penalty));
        }
        r.push(row(Kind::Text, 2, line));
    }
    for n in &card.notices {
        r.push(row(Kind::Status(Status::Partial), 2, format!("Note: {n}")));
    }
    if !card.flags.is_empty() {
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(Kind::Heading, 0, "What an interviewer would challenge"));
        for fl in &card.flags {
            r.push(row(
                Kind::Status(Status::Missing),
                2,
                format!("! {}", fl.label),
            ));
            r.push(row(
                Kind::Text,
                4,
                format!("“{}” ({}, line {})", fl.quote, fl.question, fl.line),
            ));
            r.push(row(Kind::Text, 4, format!("Why: {}", fl.why)));
            r.push(row(Kind::Text, 4, format!("Instead: {}", fl.instead)));
        }
    }
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Areas"));
    for a in &card.areas {
        r.push(row(
            Kind::Bar {
                percent: pct(a.score),
            },
            2,
            format!(
                "{}  ({}✓ {}◐ {}✗)",
                a.title, a.covered, a.partial, a.missing
            ),
        ));
    }
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Top gaps"));
    if card.gaps.is_empty() {
        r.push(row(Kind::Dim, 2, "None: every criterion is covered."));
    }
    for g in card.gaps.iter().take(TOP_GAPS) {
        r.push(row(
            Kind::Status(g.status),
            2,
            format!("{} {}  (+{:.1} points)", mark(g.status), g.label, g.worth),
        ));
        r.push(row(Kind::Text, 4, format!("Why: {}", g.why)));
        if let Some(e) = &g.emphasis {
            r.push(row(Kind::Text, 4, format!("Here: {e}")));
        }
        r.push(row(Kind::Text, 4, format!("Hint: {}", g.hint)));
        if let Some(e) = &g.example {
            r.push(row(Kind::Text, 4, format!("For example: “{e}”")));
        }
        if !g.source.is_empty() {
            r.push(row(Kind::Dim, 4, format!("Notes: {}", g.source)));
        }
    }
    if !card.key_points.is_empty() {
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(Kind::Heading, 0, "Key points for this prompt"));
        for c in &card.key_points {
            r.push(row(
                Kind::Status(c.status),
                2,
                format!("{} {} — {}", mark(c.status), c.label, c.status.as_str()),
            ));
            for e in &c.evidence {
                r.push(row(
                    Kind::Text,
                    4,
                    format!("“{}” ({}, line {})", e.quote, e.question, e.line),
                ));
            }
            if c.status != Status::Covered {
                r.push(row(Kind::Dim, 4, c.gap.clone()));
            }
        }
    }
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Criteria"));
    for a in &card.areas {
        r.push(row(Kind::Dim, 2, a.title.clone()));
        for c in card.criteria.iter().filter(|c| c.area == a.id) {
            r.push(row(
                Kind::Status(c.status),
                4,
                format!("{} {} — {}", mark(c.status), c.label, c.status.as_str()),
            ));
            for e in &c.evidence {
                r.push(row(
                    Kind::Text,
                    6,
                    format!("“{}” ({}, line {})", e.quote, e.question, e.line),
                ));
            }
            if c.generic {
                r.push(row(
                    Kind::Dim,
                    6,
                    "partial: generic — nothing in it is specific to this prompt",
                ));
            } else if c.status == Status::Partial && !c.missing_concepts.is_empty() {
                r.push(row(
                    Kind::Dim,
                    6,
                    format!("still missing: {}", c.missing_concepts.join(", ")),
                ));
            }
            if c.status == Status::Missing {
                r.push(row(Kind::Dim, 6, c.gap.clone()));
            }
        }
    }
    if !card.skipped.is_empty() {
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(Kind::Heading, 0, "Not scored"));
        for x in &card.skipped {
            let why = match &x.reason {
                Skip::NotApplicable(why) => why.clone(),
                Skip::NotAsked => "not asked: the client never spoke".to_string(),
            };
            r.push(row(Kind::Dim, 2, format!("{} — {why}", x.label)));
        }
    }
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Time per question"));
    let mut any = false;
    for (_, q) in content.rubric.questions() {
        if let Some(a) = session
            .answer(&q.id)
            .filter(|a| a.seconds > 0 || !a.text.is_empty())
        {
            any = true;
            let hints = if a.hints > 0 { " · hint" } else { "" };
            r.push(row(
                Kind::Text,
                2,
                format!("{:>6}  {}{}", format_mss(a.seconds), q.prompt, hints),
            ));
        }
    }
    if !any {
        r.push(row(Kind::Dim, 2, "No time recorded."));
    }
    r.push(row(
        Kind::Dim,
        2,
        format!("Total {}", format_mss(session.elapsed_seconds)),
    ));
    if let Some(s) = scenario {
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(Kind::Heading, 0, "A strong answer to this prompt"));
        for para in s
            .exemplar
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            r.push(row(
                Kind::Text,
                2,
                para.split_whitespace().collect::<Vec<_>>().join(" "),
            ));
            r.push(row(Kind::Blank, 0, ""));
        }
    }
    r
}

/// Per sentence: what it earned and why not more.
pub fn explain_rows(content: &Content, report: &[SentenceReport]) -> Vec<Row> {
    let mut r = vec![
        row(Kind::Heading, 0, "Sentence by sentence"),
        row(
            Kind::Dim,
            2,
            "What each sentence earned, and why not more. x: back to the scorecard.",
        ),
    ];
    let question = |id: &str| {
        content
            .rubric
            .question(id)
            .map(|(_, q)| q.prompt.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut last = String::new();
    for s in report {
        if s.question != last {
            r.push(row(Kind::Blank, 0, ""));
            r.push(row(Kind::Dim, 0, question(&s.question)));
            last = s.question.clone();
        }
        let status = if !s.flags.is_empty() || s.criteria.is_empty() {
            Status::Missing
        } else if s.why_not_more.is_empty() {
            Status::Covered
        } else {
            Status::Partial
        };
        let kind = if s.verdict == Verdict::Heading {
            Kind::Dim
        } else {
            Kind::Status(status)
        };
        r.push(row(kind, 2, format!("line {}: “{}”", s.line, s.text)));
        if !s.concepts.is_empty() {
            r.push(row(
                Kind::Text,
                4,
                format!("earned: {}", s.concepts.join(", ")),
            ));
        }
        for w in &s.why_not_more {
            r.push(row(Kind::Dim, 4, format!("why not more: {w}")));
        }
    }
    r
}

impl ScorecardView {
    pub fn new(content: &Content, session: Session, card: Scorecard) -> ScorecardView {
        // A drill's scorecard is about the drilled criteria only.
        let rows = if session.mode == Mode::Drill {
            let now = session.ended_at.unwrap_or(session.started_at);
            crate::tui::screens::review::drill::scorecard_rows(content, &session, &card, None, now)
        } else {
            rows(content, &session, &card)
        };
        let scorer = Scorer::new(content, content.scenario(&session.scenario));
        let explained = explain_rows(content, &scorer.explain(&session.answer_inputs()));
        ScorecardView {
            session,
            card,
            rows,
            explained,
            explaining: false,
            scroll: 0,
            page: Cell::new(10),
            total: Cell::new(usize::MAX),
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let max = self.total.get().saturating_sub(self.page.get());
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }
}

fn style_of(t: &Theme, k: Kind) -> Style {
    match k {
        Kind::Heading => t.title,
        Kind::Dim => t.dim,
        Kind::Status(Status::Covered) => t.covered,
        Kind::Status(Status::Partial) => t.partial,
        Kind::Status(Status::Missing) => t.missing,
        _ => Style::default(),
    }
}

/// Wrap the rows to `w` cells.
pub fn layout_rows<'a>(t: &Theme, rows: &'a [Row], w: usize) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for r in rows {
        let pad = " ".repeat(r.indent as usize);
        let avail = w.saturating_sub(r.indent as usize).max(1);
        match r.kind {
            Kind::Bar { percent } => {
                let label_w = 28.min(avail / 2);
                let label = truncate(&r.text, label_w);
                let lw = width(&label);
                let bar_w = avail.saturating_sub(label_w + 6).min(40);
                let filled = (bar_w * percent as usize).div_ceil(100).min(bar_w);
                out.push(Line::from(vec![
                    Span::raw(pad),
                    Span::raw(label),
                    Span::raw(" ".repeat(label_w - lw + 1)),
                    Span::styled("█".repeat(filled), t.bar),
                    Span::styled("░".repeat(bar_w - filled), t.dim),
                    Span::raw(format!("{percent:>4}%")),
                ]));
            }
            Kind::Blank => out.push(Line::raw("")),
            k => {
                let style = style_of(t, k);
                for l in wrap(&r.text, avail) {
                    out.push(Line::from(vec![
                        Span::raw(pad.clone()),
                        Span::styled(l, style),
                    ]));
                }
            }
        }
    }
    out
}

impl ScreenView for ScorecardView {
    fn name(&self) -> &'static str {
        "scorecard"
    }

    fn update(&mut self, ctx: &mut Ctx, msg: Msg) -> Vec<Effect> {
        let page = self.page.get().max(1) as isize;
        match msg {
            Msg::Key(k) => match k.code {
                KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
                KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
                KeyCode::PageDown | KeyCode::Char(' ') => self.scroll_by(page - 1),
                KeyCode::PageUp => self.scroll_by(1 - page),
                KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
                KeyCode::End | KeyCode::Char('G') => self.scroll_by(isize::MAX / 2),
                KeyCode::Char('x') => {
                    self.explaining = !self.explaining;
                    self.scroll = 0;
                }
                KeyCode::Char('e') => ctx.ask_export_path(&self.session.id),
                KeyCode::Esc | KeyCode::Char('q' | 'h') => return home::go(ctx),
                _ => {}
            },
            Msg::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => self.scroll_by(3),
                MouseEventKind::ScrollUp => self.scroll_by(-3),
                _ => {}
            },
            Msg::Prompted {
                action: PromptAction::ExportPath,
                value,
            } => {
                if value.is_empty() {
                    ctx.info("not exported: no file name");
                } else {
                    return vec![Effect::ExportMarkdown {
                        session: Box::new(self.session.clone()),
                        scorecard: Box::new(self.card.clone()),
                        path: value.into(),
                    }];
                }
            }
            Msg::Exported(Ok(path)) => ctx.info(format!("exported to {}", path.display())),
            Msg::Exported(Err(e)) => ctx.error(format!("export failed: {e}")),
            // The history, for a drill's before → after and schedule.
            Msg::ReviewLoaded(Ok(d)) if self.session.mode == Mode::Drill => {
                self.rows = crate::tui::screens::review::drill::scorecard_rows(
                    &ctx.content,
                    &self.session,
                    &self.card,
                    Some(&d),
                    ctx.now,
                );
            }
            _ => {}
        }
        Vec::new()
    }

    fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let inner_w = area.width.saturating_sub(2) as usize;
        let h = area.height.saturating_sub(2) as usize;
        let rows = if self.explaining {
            &self.explained
        } else {
            &self.rows
        };
        let lines = layout_rows(&ctx.theme, rows, inner_w);
        self.page.set(h);
        self.total.set(lines.len());
        let start = self.scroll.min(lines.len().saturating_sub(h));
        let end = (start + h).min(lines.len());
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ctx.theme.focus)
            .title(if self.explaining {
                " Scorecard · why each sentence earned what it did "
            } else {
                " Scorecard "
            })
            .title_bottom(
                Line::styled(
                    format!(" {}–{} of {} ", start + 1, end, lines.len()),
                    ctx.theme.dim,
                )
                .right_aligned(),
            );
        let visible: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
        f.render_widget(Paragraph::new(visible).block(block), area);
    }

    fn keys(&self) -> Vec<KeyHelp> {
        vec![
            key("↑/↓ PgUp/PgDn", "scroll"),
            key("x", "explain per sentence"),
            key("e", "export Markdown"),
            key("Esc", "home"),
            key("?", "help"),
        ]
    }
}
