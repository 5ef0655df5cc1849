//! Review: comparing attempts, progress statistics and the drill schedule,
//! all derived from saved sessions.
//!
//! Everything here is a pure function of sessions and their scorecards
//! (plus the content they are read against). Scoring is done once per
//! session by [`score_sessions`], which compiles one [`Scorer`] per
//! scenario; the statistics then work on [`ScoredSession`]s, so tests can
//! build scorecards by hand.
//!
//! Which sessions count where:
//! - progress charts (overall over time, area averages) use complete
//!   practice and mock sessions: a drill answers a handful of questions,
//!   so its overall score is not comparable;
//! - criterion statistics and the drill schedule use every complete
//!   session, but a drill only for the criteria its questions target;
//! - in-progress sessions are ignored by the statistics (their unanswered
//!   questions are not misses yet).

pub mod cache;
pub mod compare;
pub mod drill;
pub mod drill_export;
pub mod drill_report;
mod packed;
pub mod progress;
pub mod record;
pub mod search;

pub use compare::{
    AreaChange, Change, CompareError, Comparison, CriterionChange, QuestionPair, SessionSummary,
    compare, latest_pair,
};
pub use drill::{
    CriterionState, DueCriterion, Pick, drill_picks, drill_plan, drill_schedule, replay,
};
pub use drill_export::export_markdown;
pub use progress::{
    AreaAverage, MissCount, OverallPoint, PacingPoint, PhasePace, Progress, SelfAssessment,
    SelfAssessmentPoint, Trend, pacing, progress,
};

pub use record::{Attempt, Record, Scores, Tried};

use crate::core::content::{Content, Rubric};
use crate::core::mock;
use crate::core::scoring::{AnswerInput, Scorecard, Scorer};
use crate::core::session::{Mode, Session, SessionStatus};
use std::collections::{HashMap, HashSet};

/// A saved session with its scorecard (re-scored with the current content).
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredSession {
    pub session: Session,
    pub card: Scorecard,
}

impl ScoredSession {
    pub fn new(session: Session, card: Scorecard) -> ScoredSession {
        ScoredSession { session, card }
    }

    /// Complete (not in progress).
    pub fn is_complete(&self) -> bool {
        self.session.status == SessionStatus::Complete
    }

    /// Counts in the progress charts: complete practice and mock sessions.
    pub fn counts_for_progress(&self) -> bool {
        self.is_complete() && self.session.mode != Mode::Drill
    }

    /// The scorecard's results for the criteria this session was an attempt
    /// at: every criterion, except for drills, where only the criteria the
    /// drilled questions target count.
    pub fn attempted<'a>(
        &'a self,
        rubric: &Rubric,
    ) -> impl Iterator<Item = &'a crate::core::scoring::CriterionResult> + 'a {
        attempted(&self.session, &self.card, rubric)
    }
}

/// See [`ScoredSession::attempted`].
fn attempted<'a>(
    session: &Session,
    card: &'a Scorecard,
    rubric: &Rubric,
) -> impl Iterator<Item = &'a crate::core::scoring::CriterionResult> + 'a {
    let drilled = (session.mode == Mode::Drill).then(|| drilled_criteria(session, rubric));
    card.criteria
        .iter()
        .filter(move |c| drilled.as_ref().is_none_or(|d| d.contains(&c.id)))
}

/// The criteria targeted by a drill session's questions (falling back to
/// the questions it has answers for when `questions` is empty).
fn drilled_criteria(session: &Session, rubric: &Rubric) -> HashSet<String> {
    let answered: Vec<&str> = if session.questions.is_empty() {
        session
            .answers
            .iter()
            .filter(|a| !a.text.trim().is_empty())
            .map(|a| a.question.as_str())
            .collect()
    } else {
        session.questions.iter().map(String::as_str).collect()
    };
    answered
        .into_iter()
        .filter_map(|q| rubric.question(q))
        .flat_map(|(_, q)| q.criteria.iter().cloned())
        .collect()
}

/// Scores saved sessions the way their scorecards show them, compiling one
/// scorer per scenario: every answer with text (curveball responses count
/// as client evidence), plus, for mock interviews, the credit for the key
/// facts asked for. The one place a saved session is scored, so the TUI,
/// `show`, `export`, `history`, `compare` and progress agree.
pub struct SessionScorer<'c> {
    content: ContentRef<'c>,
    by_scenario: HashMap<String, Scorer>,
    /// At most this many scorers are kept (a compiled scorer is several
    /// MB); `None`: one per scenario met.
    keep: Option<usize>,
}

/// The content a [`SessionScorer`] scores against: borrowed, or shared
/// (a scorer kept across threads and calls).
enum ContentRef<'c> {
    Borrowed(&'c Content),
    Shared(std::sync::Arc<Content>),
}

impl<'c> SessionScorer<'c> {
    pub fn new(content: &'c Content) -> Self {
        SessionScorer {
            content: ContentRef::Borrowed(content),
            by_scenario: HashMap::new(),
            keep: None,
        }
    }

    /// One that owns its share of the content and keeps at most `n`
    /// compiled scorers: to keep across calls (compiling a scenario's
    /// scorer takes tens of milliseconds, scoring with it a few).
    pub fn shared(content: std::sync::Arc<Content>, n: usize) -> SessionScorer<'static> {
        SessionScorer {
            content: ContentRef::Shared(content),
            by_scenario: HashMap::new(),
            keep: Some(n.max(1)),
        }
    }

    /// Does it score against `content` (the very same pack)?
    pub fn scores_against(&self, content: &Content) -> bool {
        std::ptr::eq(self.content(), content)
    }

    fn content(&self) -> &Content {
        match &self.content {
            ContentRef::Borrowed(c) => c,
            ContentRef::Shared(c) => c,
        }
    }

    /// One that keeps at most `n` compiled scorers (for many sessions
    /// taken a scenario at a time, in little memory).
    pub fn keeping(content: &'c Content, n: usize) -> Self {
        SessionScorer {
            keep: Some(n.max(1)),
            ..SessionScorer::new(content)
        }
    }

    pub fn score(&mut self, session: &Session) -> Scorecard {
        let SessionScorer {
            content,
            by_scenario,
            keep,
        } = self;
        let content: &Content = match content {
            ContentRef::Borrowed(c) => c,
            ContentRef::Shared(c) => c,
        };
        let scenario = content.scenario(&session.scenario);
        if let Some(n) = *keep
            && by_scenario.len() >= n
            && !by_scenario.contains_key(&session.scenario)
        {
            by_scenario.clear();
        }
        let scorer = by_scenario
            .entry(session.scenario.clone())
            .or_insert_with(|| Scorer::new(content, scenario));
        let mut inputs = session.answer_inputs();
        // Practice walks through the questions that voice the client, so
        // the client area is judged even when they were left blank.
        if session.mode == Mode::Practice {
            inputs.push(AnswerInput {
                question: "client:asked",
                text: "",
            });
        }
        // A mock's client spoke when a curveball came: one left without a
        // reply is scored as unanswered, not as never asked.
        let interjected = session
            .events
            .iter()
            .any(|e| matches!(e.kind, crate::core::session::EventKind::Curveball { .. }));
        if session.mode == Mode::Mock && interjected {
            inputs.push(AnswerInput {
                question: "client:curveball",
                text: "",
            });
        }
        let credit = match session.mode {
            Mode::Mock => scenario.and_then(|sc| mock::fact_credit(&session.events, sc)),
            _ => None,
        };
        let Some(credit) = credit else {
            return scorer.score(&inputs);
        };
        // A mock's clarifying questions: what they earn as sentences, and
        // the key facts they got the client to reveal.
        for q in &credit.questions {
            inputs.push(AnswerInput {
                question: "client:ask",
                text: q,
            });
        }
        scorer.score_with(&inputs, &[(mock::CLARIFY_CRITERION, credit.status)])
    }
}

/// Score one session (see [`SessionScorer`]).
pub fn score_session(content: &Content, session: &Session) -> Scorecard {
    SessionScorer::new(content).score(session)
}

/// Score many sessions, compiling one scorer per scenario.
pub fn score_sessions(content: &Content, sessions: Vec<Session>) -> Vec<ScoredSession> {
    let mut scorer = SessionScorer::new(content);
    sessions
        .into_iter()
        .map(|session| {
            let card = scorer.score(&session);
            ScoredSession { session, card }
        })
        .collect()
}

/// Sessions sorted oldest first (ties by id, so the order is stable).
pub(crate) fn chronological<A: Attempt>(history: &[A]) -> Vec<&A> {
    let mut v: Vec<&A> = history.iter().collect();
    v.sort_by(|a, b| {
        a.started_at()
            .cmp(&b.started_at())
            .then_with(|| a.id().cmp(b.id()))
    });
    v
}

#[cfg(test)]
pub(crate) mod fixtures;
