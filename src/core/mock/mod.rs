//! Mock interviews: the phase clock, curveball schedule and clarifying
//! questions, as pure logic driven by elapsed time.
//!
//! [`MockInterview`] ties the parts together for the TUI: it is fed time
//! ([`MockInterview::tick`]) and the candidate's moves, and returns the
//! session [`Event`]s to record. It never reads a clock.
//!
//! - [`plan`]: phases from `content/mock.yaml` scaled to the length.
//! - [`clock`]: elapsed time, phase budgets, amber/red status, overrun ledger.
//! - [`schedule`]: the seeded curveball schedule.
//! - [`ask`]: which fact a clarifying question asks for, by meaning.
//! - [`client`]: clarifying questions answered from the scenario's facts.
//! - [`probe`]: the follow-up asked at the end of a phase.
//! - [`review`]: pacing, requirements so far, fact-asking credit and
//!   curveball responses, from a saved session.
//!
//! Curveballs and follow-ups are *interjections*: announced, then waiting
//! in a queue until the candidate chooses to reply. Nothing here moves
//! the candidate's keyboard; a waiting one never blocks anything.

pub mod ask;
pub mod client;
pub mod clock;
pub mod plan;
pub mod probe;
pub mod review;
pub mod schedule;

pub use client::{Client, ClientReply};
pub use clock::{ClockSignal, Ledger, MockClock, PhaseStatus, Squeeze};
pub use plan::{PhasePlan, PlanError, PlannedPhase};
pub use probe::{
    Probe, ProbeReview, follow_ups_label, pick_probe, probe_answer_key, probe_reviews,
};
pub use review::{
    CLARIFY_CRITERION, CurveballReview, FactCredit, MissedFact, Pacing, PhasePacing, Requirement,
    RequirementSource, curveball_answer_key, curveball_reviews, fact_credit, pacing,
    requirements_so_far,
};
pub use schedule::{CurveballSchedule, Scheduled, Trigger};

use crate::core::content::{Curveball, MockProfile, Rubric, Scenario};
use crate::core::scoring::Scorecard;
use crate::core::session::{Event, EventKind, Session};
use std::collections::VecDeque;
use std::time::Duration;

/// Something the client or the interviewer said that waits for a reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Interjection {
    Curveball(Curveball),
    Probe(Probe),
}

impl Interjection {
    /// The answer the reply is saved as.
    pub fn answer_key(&self) -> String {
        match self {
            Interjection::Curveball(c) => curveball_answer_key(&c.id),
            Interjection::Probe(p) => probe_answer_key(&p.target),
        }
    }
    pub fn text(&self) -> &str {
        match self {
            Interjection::Curveball(c) => &c.text,
            Interjection::Probe(p) => &p.text,
        }
    }
    pub fn is_probe(&self) -> bool {
        matches!(self, Interjection::Probe(_))
    }
}

/// One running mock interview.
#[derive(Debug, Clone)]
pub struct MockInterview {
    scenario: Scenario,
    profile: MockProfile,
    seed: u64,
    clock: MockClock,
    schedule: CurveballSchedule,
    client: Client,
    /// Curveballs and follow-ups announced and not answered yet, oldest
    /// first.
    pending: VecDeque<Interjection>,
    /// Phases whose follow-up was considered (asked or none to ask).
    probed: Vec<usize>,
    /// Targets followed up on so far.
    probe_targets: Vec<String>,
    /// Every event produced, in order.
    log: Vec<Event>,
}

impl MockInterview {
    /// A new interview at time zero. Call [`MockInterview::start`] first.
    pub fn new(
        profile: &MockProfile,
        scenario: &Scenario,
        minutes: Option<u32>,
        seed: u64,
    ) -> Result<MockInterview, PlanError> {
        let client = Client::new(scenario, profile, seed);
        MockInterview::with_client(profile, scenario, minutes, seed, client)
    }

    /// Like [`MockInterview::new`] with a given client (e.g. a custom matcher).
    pub fn with_client(
        profile: &MockProfile,
        scenario: &Scenario,
        minutes: Option<u32>,
        seed: u64,
        client: Client,
    ) -> Result<MockInterview, PlanError> {
        let plan = PhasePlan::new(profile, minutes)?;
        let schedule = CurveballSchedule::new(&plan, scenario, profile, seed);
        Ok(MockInterview {
            scenario: scenario.clone(),
            profile: profile.clone(),
            seed,
            clock: MockClock::new(plan),
            schedule,
            client,
            pending: VecDeque::new(),
            probed: Vec::new(),
            probe_targets: Vec::new(),
            log: Vec::new(),
        })
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn profile(&self) -> &MockProfile {
        &self.profile
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn clock(&self) -> &MockClock {
        &self.clock
    }
    pub fn plan(&self) -> &PhasePlan {
        self.clock.plan()
    }
    pub fn schedule(&self) -> &CurveballSchedule {
        &self.schedule
    }
    pub fn client(&self) -> &Client {
        &self.client
    }
    /// Every event so far, in order.
    pub fn events(&self) -> &[Event] {
        &self.log
    }
    /// Answers are locked once the time is up.
    pub fn is_locked(&self) -> bool {
        self.clock.is_time_up()
    }
    /// The oldest interjection waiting for a reply, if any.
    pub fn pending(&self) -> Option<&Interjection> {
        self.pending.front()
    }
    /// Every interjection waiting for a reply, oldest first.
    pub fn pending_all(&self) -> impl Iterator<Item = &Interjection> {
        self.pending.iter()
    }
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }
    /// The facts revealed and requirement changes stated so far.
    pub fn requirements(&self) -> Vec<Requirement> {
        requirements_so_far(&self.log, &self.scenario, &self.profile)
    }

    fn emit(&mut self, kind: EventKind) -> Event {
        let ev = Event {
            at: self.clock.elapsed_secs(),
            kind,
        };
        self.log.push(ev.clone());
        ev
    }

    fn show(&mut self, curveballs: Vec<Curveball>, out: &mut Vec<Event>) {
        for c in curveballs {
            out.push(self.emit(EventKind::Curveball {
                id: c.id.clone(),
                text: c.text.clone(),
            }));
            self.pending.push_back(Interjection::Curveball(c));
        }
    }

    /// Start the interview: records the first phase. Only once.
    pub fn start(&mut self) -> Vec<Event> {
        if !self.log.is_empty() {
            return Vec::new();
        }
        match self.plan().phases.first().map(|p| p.id.clone()) {
            Some(id) => vec![self.emit(EventKind::Phase { id })],
            None => Vec::new(),
        }
    }

    /// Let `dt` of time pass: curveballs come due, the time may run out
    /// (then answers lock and pending curveballs are dropped).
    pub fn tick(&mut self, dt: Duration) -> Vec<Event> {
        let mut out = Vec::new();
        if self.clock.is_paused() || self.clock.is_time_up() {
            return out;
        }
        let signal = self.clock.advance(dt);
        let due = self.schedule.due_at(self.clock.elapsed_ms());
        if signal == Some(ClockSignal::TimeUp) {
            self.pending.clear();
            out.push(self.emit(EventKind::TimeUp));
        } else {
            self.show(due, &mut out);
        }
        out
    }

    /// The candidate moved to a question of `area`: its phase becomes the
    /// current one (areas no phase lists keep the current phase).
    pub fn enter_area(&mut self, area: &str) -> Vec<Event> {
        match self.plan().phase_for_area(area) {
            Some(i) => self.enter_phase(i),
            None => Vec::new(),
        }
    }

    /// Like [`MockInterview::enter_area`], and when this ends a phase for
    /// the first time, the interviewer first follows up on its weakest
    /// partial point (`score` gives the scorecard of the answers so far;
    /// it is called only then).
    pub fn enter_area_probing(
        &mut self,
        area: &str,
        rubric: &Rubric,
        score: impl FnOnce() -> Scorecard,
    ) -> Vec<Event> {
        let Some(next) = self.plan().phase_for_area(area) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(ending) = self.phase_ending(next) {
            out.extend(self.follow_up(ending, rubric, &score()));
        }
        out.extend(self.enter_phase(next));
        out
    }

    /// The phase that moving to phase `next` ends for the first time (and
    /// has not been followed up on), if any.
    pub fn phase_ending(&self, next: usize) -> Option<usize> {
        let cur = self.clock.current();
        let moving = next != cur && next < self.plan().phases.len();
        (moving && !self.is_locked() && !self.probed.contains(&cur)).then_some(cur)
    }

    /// The follow-up at the end of phase `index`: the weakest partial
    /// point of its areas with probes, announced and waiting for a reply.
    /// Considered once per phase.
    pub fn follow_up(&mut self, index: usize, rubric: &Rubric, card: &Scorecard) -> Vec<Event> {
        if self.probed.contains(&index) || self.is_locked() {
            return Vec::new();
        }
        self.probed.push(index);
        let Some(phase) = self.plan().phases.get(index) else {
            return Vec::new();
        };
        let (areas, id) = (phase.areas.clone(), phase.id.clone());
        let picked = pick_probe(
            card,
            &self.scenario,
            rubric,
            &areas,
            &id,
            self.seed,
            &self.probe_targets,
        );
        let Some(probe) = picked else {
            return Vec::new();
        };
        self.probe_targets.push(probe.target.clone());
        let ev = self.emit(EventKind::Probe {
            target: probe.target.clone(),
            text: probe.text.clone(),
        });
        self.pending.push_back(Interjection::Probe(probe));
        vec![ev]
    }

    /// The candidate moved to phase `index`; a first visit may bring the
    /// curveball scheduled for it.
    pub fn enter_phase(&mut self, index: usize) -> Vec<Event> {
        let mut out = Vec::new();
        if let Some(ClockSignal::PhaseEntered { index, first_visit }) =
            self.clock.enter_phase(index)
        {
            let id = self.plan().phases[index].id.clone();
            out.push(self.emit(EventKind::Phase { id }));
            if first_visit {
                let due = self.schedule.due_on_phase(index);
                self.show(due, &mut out);
            }
        }
        out
    }

    /// Pause the clock (recorded). Nothing when paused already or time is up.
    pub fn pause(&mut self) -> Vec<Event> {
        if self.clock.pause() {
            vec![self.emit(EventKind::Paused)]
        } else {
            Vec::new()
        }
    }

    /// Resume the clock (recorded). Nothing when not paused.
    pub fn resume(&mut self) -> Vec<Event> {
        if self.clock.resume() {
            vec![self.emit(EventKind::Resumed)]
        } else {
            Vec::new()
        }
    }

    /// Ask the client a clarifying question. `None` for a blank question or
    /// after time-up.
    pub fn ask(&mut self, question: &str) -> Option<(ClientReply, Event)> {
        if self.is_locked() {
            return None;
        }
        let reply = self.client.ask(question)?;
        let ev = self.emit(EventKind::Asked {
            question: question.trim().to_string(),
            fact: reply.fact.clone(),
            reply: reply.reply.clone(),
        });
        Some((reply, ev))
    }

    /// The candidate answered the oldest interjection (the caller stores
    /// the reply as its [`Interjection::answer_key`]); the next one, if
    /// any, comes first now. Returns the one answered.
    pub fn answer_pending(&mut self) -> Option<Interjection> {
        self.pending.pop_front()
    }

    /// Rebuild the state of an interview from a saved (in-progress) session:
    /// the clock is replayed through its events to `elapsed_seconds`,
    /// curveballs shown, follow-ups asked and facts revealed are not
    /// repeated, those without a reply are pending again, and a session
    /// left paused stays paused.
    pub fn restore(&mut self, session: &Session) {
        let mut fallbacks = 0u64;
        for ev in &session.events {
            let target = ev.at.saturating_mul(1000);
            if target > self.clock.elapsed_ms() {
                let dt = target - self.clock.elapsed_ms();
                self.clock.advance(Duration::from_millis(dt));
            }
            match &ev.kind {
                EventKind::Phase { id } => {
                    if let Some(i) = self.plan().index_of(id) {
                        self.clock.enter_phase(i);
                    }
                }
                EventKind::Curveball { id, .. } => {
                    self.schedule.mark_fired(id);
                    let answered = session
                        .answer(&curveball_answer_key(id))
                        .is_some_and(|a| !a.text.trim().is_empty());
                    if !answered {
                        let found = self
                            .scenario
                            .curveballs
                            .iter()
                            .chain(self.profile.client_speak.iter())
                            .find(|c| &c.id == id)
                            .cloned();
                        if let Some(c) = found {
                            self.pending.push_back(Interjection::Curveball(c));
                        }
                    }
                }
                EventKind::Probe { target, text } => {
                    let cur = self.clock.current();
                    if !self.probed.contains(&cur) {
                        self.probed.push(cur);
                    }
                    self.probe_targets.push(target.clone());
                    let answered = session
                        .answer(&probe_answer_key(target))
                        .is_some_and(|a| !a.text.trim().is_empty());
                    if !answered {
                        self.pending.push_back(Interjection::Probe(Probe {
                            target: target.clone(),
                            text: text.clone(),
                        }));
                    }
                }
                EventKind::Asked { fact, .. } => match fact {
                    Some(f) => self.client.mark_revealed(f),
                    None => fallbacks += 1,
                },
                EventKind::TimeUp => {
                    let rest = self.clock.remaining_ms();
                    self.clock.advance(Duration::from_millis(rest));
                }
                EventKind::Paused => {
                    self.clock.pause();
                }
                EventKind::Resumed => {
                    self.clock.resume();
                }
                _ => {}
            }
            self.log.push(ev.clone());
        }
        self.client.set_fallback_count(fallbacks);
        let target = session.elapsed_seconds.saturating_mul(1000);
        if target > self.clock.elapsed_ms() {
            let dt = target - self.clock.elapsed_ms();
            self.clock.advance(Duration::from_millis(dt));
        }
        if self.clock.is_time_up() {
            self.pending.clear();
        }
    }
}

#[cfg(test)]
mod tests;
