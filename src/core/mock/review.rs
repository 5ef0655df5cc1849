//! What a mock session shows afterwards, as pure functions of the saved
//! session: pacing per phase, the requirements revealed, the key facts
//! asked for (with the framing credit they earn) and the curveballs with
//! their responses.

use super::ask::{FactMatcher, choose};
use super::clock::PhaseStatus;
use super::plan::{PhasePlan, PlanError};
use crate::core::content::{CurveballKind, MockProfile, Scenario};
use crate::core::scoring::{Scorecard, Status};
use crate::core::session::{Event, EventKind, Session};

/// Time spent in one phase against its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhasePacing {
    pub id: String,
    pub title: String,
    pub budget_secs: u64,
    pub spent_secs: u64,
    pub status: PhaseStatus,
    /// Whether the candidate was ever in this phase.
    pub visited: bool,
}

impl PhasePacing {
    /// Seconds over budget (0 when within it).
    pub fn over_secs(&self) -> u64 {
        self.spent_secs.saturating_sub(self.budget_secs)
    }
}

/// Pacing of a whole mock session: the scorecard's pacing chart and the
/// progress screen's timing data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pacing {
    pub minutes: u32,
    pub total_secs: u64,
    pub elapsed_secs: u64,
    pub phases: Vec<PhasePacing>,
    /// The interview ran to time-up.
    pub time_up: bool,
    /// Times the clock was paused.
    pub pauses: usize,
}

impl Pacing {
    /// Sum of the overruns of all phases.
    pub fn over_secs(&self) -> u64 {
        self.phases.iter().map(PhasePacing::over_secs).sum()
    }
    /// Phases past their budget.
    pub fn phases_over(&self) -> usize {
        self.phases.iter().filter(|p| p.over_secs() > 0).count()
    }
}

/// Pacing of a saved session, from its `Phase` events: the candidate is in
/// the plan's first phase until the first `Phase` event, and each event
/// moves them; time runs to the `TimeUp` event or `elapsed_seconds`.
/// Unknown phase ids (content changed since) are ignored.
pub fn pacing(session: &Session, profile: &MockProfile) -> Result<Pacing, PlanError> {
    let plan = PhasePlan::new(profile, session.minutes)?;
    let n = plan.phases.len();
    let mut spent = vec![0u64; n];
    let mut visited = vec![false; n];
    let mut current = 0usize;
    let mut last = 0u64;
    let mut end = session.elapsed_seconds;
    let mut time_up = false;
    let mut pauses = 0;
    for ev in &session.events {
        match &ev.kind {
            EventKind::Phase { id } => {
                if let Some(i) = plan.index_of(id) {
                    let at = ev.at.max(last);
                    spent[current] += at - last;
                    if at > last {
                        visited[current] = true;
                    }
                    last = at;
                    current = i;
                }
            }
            EventKind::TimeUp => {
                time_up = true;
                end = ev.at;
            }
            EventKind::Paused => pauses += 1,
            _ => {}
        }
    }
    let end = end.max(last);
    spent[current] += end - last;
    visited[current] = true;
    let phases = plan
        .phases
        .iter()
        .zip(spent)
        .zip(visited)
        .map(|((p, s), v)| PhasePacing {
            id: p.id.clone(),
            title: p.title.clone(),
            budget_secs: p.budget_secs(),
            spent_secs: s,
            status: PhaseStatus::of(s * 1000, p.budget_ms),
            visited: v,
        })
        .collect();
    Ok(Pacing {
        minutes: plan.minutes,
        total_secs: plan.total_ms / 1000,
        elapsed_secs: end,
        phases,
        time_up,
        pauses,
    })
}

/// Where an entry of "requirements so far" came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequirementSource {
    /// A fact the client revealed when asked.
    Fact(String),
    /// A change of requirements (a `requirement` curveball).
    Change(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub at: u64,
    pub source: RequirementSource,
    pub text: String,
}

/// Every fact revealed (once, when first revealed) and every requirement
/// change stated, in order.
pub fn requirements_so_far(
    events: &[Event],
    scenario: &Scenario,
    profile: &MockProfile,
) -> Vec<Requirement> {
    let mut out: Vec<Requirement> = Vec::new();
    for ev in events {
        match &ev.kind {
            EventKind::Asked {
                fact: Some(fact),
                reply,
                ..
            } => {
                let seen = out
                    .iter()
                    .any(|r| matches!(&r.source, RequirementSource::Fact(f) if f == fact));
                if !seen {
                    out.push(Requirement {
                        at: ev.at,
                        source: RequirementSource::Fact(fact.clone()),
                        text: reply.clone(),
                    });
                }
            }
            EventKind::Curveball { id, text } => {
                let kind = scenario
                    .curveballs
                    .iter()
                    .chain(profile.client_speak.iter())
                    .find(|c| &c.id == id)
                    .map(|c| c.kind);
                if kind == Some(CurveballKind::Requirement) {
                    out.push(Requirement {
                        at: ev.at,
                        source: RequirementSource::Change(id.clone()),
                        text: text.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// A key fact the candidate never asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedFact {
    pub id: String,
    pub area: String,
    /// What the client would have said.
    pub answer: String,
    /// Kinds of question that would have revealed it.
    pub asked_by: Vec<String>,
}

/// How well the candidate questioned the client before designing.
#[derive(Debug, Clone, PartialEq)]
pub struct FactCredit {
    /// Key facts asked for, in the order first revealed.
    pub asked: Vec<String>,
    /// The questions that revealed them (same order).
    pub questions: Vec<String>,
    pub missed: Vec<MissedFact>,
    pub key_total: usize,
    /// Covered when every key fact was asked for, partial from half of them.
    pub status: Status,
}

impl FactCredit {
    /// e.g. "asked 4/6 key facts".
    pub fn label(&self) -> String {
        format!("asked {}/{} key facts", self.asked.len(), self.key_total)
    }
}

/// The criterion the key facts asked for in a mock count towards.
pub const CLARIFY_CRITERION: &str = "clarifying-questions";

/// Which of the scenario's key facts were asked for, from the session's
/// `Asked` events: the fact a question revealed, or, for a question that
/// revealed none (a session from before the facts or the matcher
/// changed), the fact it clearly asks for today. `None` when the scenario
/// has no key facts.
pub fn fact_credit(events: &[Event], scenario: &Scenario) -> Option<FactCredit> {
    let keys: Vec<_> = scenario.facts.iter().filter(|f| f.key).collect();
    if keys.is_empty() {
        return None;
    }
    let mut matcher: Option<FactMatcher> = None;
    let mut asked: Vec<String> = Vec::new();
    let mut questions = Vec::new();
    for ev in events {
        let EventKind::Asked { question, fact, .. } = &ev.kind else {
            continue;
        };
        let fact = match fact {
            Some(f) => Some(f.clone()),
            None => {
                let m = matcher.get_or_insert_with(|| FactMatcher::new(scenario));
                match choose(&m.rank(question), |_| true) {
                    Some((i, false)) => Some(scenario.facts[i].id.clone()),
                    _ => None,
                }
            }
        };
        if let Some(fact) = fact
            && keys.iter().any(|k| k.id == fact)
            && !asked.contains(&fact)
        {
            asked.push(fact);
            questions.push(question.clone());
        }
    }
    let missed = keys
        .iter()
        .filter(|k| !asked.contains(&k.id))
        .map(|k| MissedFact {
            id: k.id.clone(),
            area: k.area.clone(),
            answer: k.answer.clone(),
            asked_by: k.unlocked_by.clone(),
        })
        .collect();
    let status = if asked.len() == keys.len() {
        Status::Covered
    } else if asked.len() * 2 >= keys.len() && !asked.is_empty() {
        Status::Partial
    } else {
        Status::Missing
    };
    Some(FactCredit {
        asked,
        questions,
        missed,
        key_total: keys.len(),
        status,
    })
}

/// A curveball shown in a session, with the candidate's response.
#[derive(Debug, Clone, PartialEq)]
pub struct CurveballReview {
    pub id: String,
    pub at: u64,
    pub text: String,
    /// The response (answer `curveball:<id>`), when one was written.
    pub response: Option<String>,
    /// Criteria a good response addresses, with whether this response
    /// earned evidence for them (needs a scorecard; false without one).
    pub expects: Vec<(String, bool)>,
}

/// Answer key of the response to a curveball.
pub fn curveball_answer_key(id: &str) -> String {
    format!("curveball:{id}")
}

/// The curveballs of a session in the order shown, with their responses.
pub fn curveball_reviews(
    session: &Session,
    scenario: Option<&Scenario>,
    profile: &MockProfile,
    card: Option<&Scorecard>,
) -> Vec<CurveballReview> {
    session
        .events
        .iter()
        .filter_map(|ev| match &ev.kind {
            EventKind::Curveball { id, text } => Some((ev.at, id, text)),
            _ => None,
        })
        .map(|(at, id, text)| {
            let key = curveball_answer_key(id);
            let response = session
                .answer(&key)
                .map(|a| a.text.trim().to_string())
                .filter(|t| !t.is_empty());
            let expects = scenario
                .into_iter()
                .flat_map(|s| s.curveballs.iter())
                .chain(profile.client_speak.iter())
                .find(|c| &c.id == id)
                .map(|c| c.expects.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|crit| {
                    let hit = card
                        .and_then(|c| c.criterion(&crit))
                        .is_some_and(|c| c.evidence.iter().any(|e| e.question == key));
                    (crit, hit)
                })
                .collect();
            CurveballReview {
                id: id.clone(),
                at,
                text: text.clone(),
                response,
                expects,
            }
        })
        .collect()
}
