//! Drill: a short session (mode `Drill`) of the questions behind the
//! criteria the drill schedule says are due, scored and saved like any
//! session. Before it, a page says why each item was picked and what the
//! schedule holds (due now, next due dates, the streak); after it, the
//! scorecard is about the drilled criteria only: each before → after, and
//! whether it is now mastered.

use super::ReviewData;
use crate::core::content::Content;
use crate::core::report::{mark, plural};
use crate::core::review::drill::picks_from;
use crate::core::review::drill_report::{
    Outcome, ScheduleSummary, drill_outcome, reason, schedule_summary, summary_from,
};
use crate::core::review::{Attempt, Pick, ScoredSession, drill_schedule};
use crate::core::scoring::{Scorecard, Status};
use crate::core::session::{Mode, Session};
use crate::core::time::format_mss;
use crate::tui::screens::scorecard::{Kind, Row};
use crate::tui::screens::title_line;
use crate::tui::vocab::{Ctx, Effect};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

/// Questions in one drill.
pub const DRILL_QUESTIONS: usize = 3;

fn row(kind: Kind, indent: u16, text: impl Into<String>) -> Row {
    Row {
        kind,
        indent,
        text: text.into(),
    }
}

/// The drill entry: the items with why each was picked, and the schedule.
pub struct DrillPage {
    pub picks: Vec<Pick>,
    pub summary: ScheduleSummary,
    /// The session to create (`Err`: why there is none).
    pub session: Result<Session, String>,
    pub now: DateTime<Utc>,
}

impl DrillPage {
    pub fn new(ctx: &Ctx, d: &ReviewData) -> DrillPage {
        // One schedule for the picks and the summary.
        let schedule = drill_schedule(&d.sessions, &ctx.content.rubric, ctx.now);
        let picks = picks_from(&schedule, &ctx.content.rubric, DRILL_QUESTIONS);
        DrillPage {
            session: drill_session(ctx, d, &picks),
            summary: summary_from(&schedule, &d.sessions, ctx.now),
            picks,
            now: ctx.now,
        }
    }

    /// Enter: create the drill session (it opens in the interview).
    pub fn start(&self, ctx: &mut Ctx) -> Vec<Effect> {
        match &self.session {
            Ok(s) => vec![Effect::CreateSession(Box::new(s.clone()))],
            Err(e) => {
                ctx.error(e.clone());
                Vec::new()
            }
        }
    }

    pub fn lines(&self, content: &Content) -> Vec<Row> {
        let mut r = Vec::new();
        if self.picks.is_empty() {
            r.push(row(
                Kind::Dim,
                1,
                "Nothing to drill yet: finish a practice session first.",
            ));
        } else {
            r.push(row(Kind::Heading, 1, "Why these"));
        }
        for (i, p) in self.picks.iter().enumerate() {
            let prompt = content
                .rubric
                .question(&p.question)
                .map_or(p.question.as_str(), |(_, q)| q.prompt.as_str());
            r.push(row(Kind::Text, 1, format!("{}. {prompt}", i + 1)));
            r.push(row(
                Kind::Status(p.why.state.last_status),
                4,
                format!(
                    "{} {}: {}",
                    mark(p.why.state.last_status),
                    p.why.state.label,
                    reason(&p.why, self.now)
                ),
            ));
        }
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(Kind::Heading, 1, "Schedule"));
        r.extend(schedule_rows(&self.summary));
        r
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let [title, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let head = format!(
            "Drill — {}",
            plural(self.picks.len() as u64, "item", "items")
        );
        f.render_widget(title_line(ctx, &head, title), title);
        let rows = self.lines(&ctx.content);
        let w = body.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = crate::tui::screens::scorecard::layout_rows(&ctx.theme, &rows, w);
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::TOP)
                    .border_style(ctx.theme.border),
            ),
            body,
        );
    }
}

/// Due now, the next due dates, the streak, what is mastered.
pub fn schedule_rows(s: &ScheduleSummary) -> Vec<Row> {
    let [now, next] = s.lines();
    vec![row(Kind::Text, 2, now), row(Kind::Dim, 2, next)]
}

/// The drill session for this history, or why there is none.
pub fn drill_session(ctx: &Ctx, d: &ReviewData, picks: &[Pick]) -> Result<Session, String> {
    let questions: Vec<String> = picks.iter().map(|p| p.question.clone()).collect();
    if questions.is_empty() {
        return Err("nothing to drill yet: finish a practice session first".to_string());
    }
    // The scenario of the latest complete attempt (sessions are newest first).
    let scenario = d
        .sessions
        .iter()
        .filter(|s| s.is_complete())
        .map(|s| s.scenario())
        .find(|id| ctx.content.scenario(id).is_some())
        .or_else(|| ctx.content.scenarios.first().map(|s| s.id.as_str()))
        .ok_or("the content pack has no scenarios")?
        .to_string();
    Ok(Session {
        current_question: questions.first().cloned(),
        questions,
        ..Session::new(&scenario, Mode::Drill, ctx.now, &ctx.content.version)
    })
}

/// The scorecard rows of a finished drill: the drilled criteria only, each
/// before → after and mastered or not, then the schedule and the time per
/// question. `history` (when loaded) gives the "before" and the schedule.
pub fn scorecard_rows(
    content: &Content,
    session: &Session,
    card: &Scorecard,
    history: Option<&ReviewData>,
    now: DateTime<Utc>,
) -> Vec<Row> {
    let title = content
        .scenario(&session.scenario)
        .map_or(session.scenario.as_str(), |s| s.title.as_str());
    let mut r = vec![row(Kind::Heading, 0, format!("{title} — drill"))];
    let drill = ScoredSession::new(session.clone(), card.clone());
    let outcome: Vec<Outcome> = drill_outcome(
        history.map_or(&[][..], |d| &d.sessions[..]),
        &drill,
        &content.rubric,
    );
    let mastered = outcome.iter().filter(|o| o.mastered()).count();
    r.push(row(
        Kind::Dim,
        0,
        format!(
            "{} drilled · {mastered} of {} criteria now covered (only the drilled criteria count)",
            plural(session.questions.len() as u64, "question", "questions"),
            outcome.len()
        ),
    ));
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Drilled criteria"));
    for o in &outcome {
        let after = o.after.last_status;
        let before = match &o.before {
            Some(b) => b.last_status.as_str(),
            None => "not tried",
        };
        let verdict = if o.mastered() { "mastered" } else { "not yet" };
        r.push(row(
            Kind::Status(after),
            2,
            format!(
                "{} {} — {before} → {} · {verdict}",
                mark(after),
                o.label,
                after.as_str()
            ),
        ));
        let box_before = o.before.as_ref().map_or(1, |b| b.level);
        r.push(row(
            Kind::Dim,
            4,
            format!(
                "box {box_before} → {} · next due {}",
                o.after.level,
                o.after.due().format("%Y-%m-%d")
            ),
        ));
        if let Some(c) = card.criterion(&o.id) {
            for e in &c.evidence {
                r.push(row(Kind::Text, 4, format!("“{}”", e.quote)));
            }
            if after != Status::Covered && !c.hint.is_empty() {
                r.push(row(Kind::Dim, 4, format!("Hint: {}", c.hint)));
            }
        }
    }
    if history.is_some() {
        r.push(row(Kind::Blank, 0, ""));
        r.push(row(Kind::Heading, 0, "Schedule"));
        let mut done = drill;
        done.session.status = crate::core::session::SessionStatus::Complete;
        let mut all: Vec<&dyn Attempt> = history
            .iter()
            .flat_map(|d| d.sessions.iter())
            .filter(|s| s.id() != session.id)
            .map(|s| s as &dyn Attempt)
            .collect();
        all.push(&done);
        r.extend(schedule_rows(&schedule_summary(&all, &content.rubric, now)));
    }
    r.push(row(Kind::Blank, 0, ""));
    r.push(row(Kind::Heading, 0, "Time per question"));
    for q in &session.questions {
        if let (Some((_, question)), Some(a)) = (content.rubric.question(q), session.answer(q)) {
            r.push(row(
                Kind::Text,
                2,
                format!("{:>6}  {}", format_mss(a.seconds), question.prompt),
            ));
        }
    }
    r.push(row(
        Kind::Dim,
        2,
        format!("Total {}", format_mss(session.elapsed_seconds)),
    ));
    r
}
