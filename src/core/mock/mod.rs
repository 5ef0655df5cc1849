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
//! - [`client`]: clarifying questions answered from the scenario's facts.
//! - [`review`]: pacing, requirements so far, fact-asking credit and
//!   curveball responses, from a saved session.

pub mod ask;
pub mod client;
pub mod clock;
pub mod plan;
pub mod review;
pub mod schedule;

pub use client::{Client, ClientReply};
pub use clock::{ClockSignal, Ledger, MockClock, PhaseStatus, Squeeze};
pub use plan::{PhasePlan, PlanError, PlannedPhase};
pub use review::{
    CLARIFY_CRITERION, CurveballReview, FactCredit, MissedFact, Pacing, PhasePacing, Requirement,
    RequirementSource, curveball_answer_key, curveball_reviews, fact_credit, pacing,
    requirements_so_far,
};
pub use schedule::{CurveballSchedule, Scheduled, Trigger};

use crate::core::content::{Curveball, MockProfile, Scenario};
use crate::core::session::{Event, EventKind, Session};
use std::collections::VecDeque;
use std::time::Duration;

/// One running mock interview.
#[derive(Debug, Clone)]
pub struct MockInterview {
    scenario: Scenario,
    profile: MockProfile,
    seed: u64,
    clock: MockClock,
    schedule: CurveballSchedule,
    client: Client,
    /// Curveballs shown and not answered yet, oldest first.
    pending: VecDeque<Curveball>,
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
    /// The curveball the candidate must answer now, if any.
    pub fn pending_curveball(&self) -> Option<&Curveball> {
        self.pending.front()
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
            self.pending.push_back(c);
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

    /// The candidate answered the pending curveball (the caller stores the
    /// response as the answer [`curveball_answer_key`]); the next one, if
    /// any, becomes pending. Returns the curveball answered.
    pub fn answer_curveball(&mut self) -> Option<Curveball> {
        self.pending.pop_front()
    }

    /// Rebuild the state of an interview from a saved (in-progress) session:
    /// the clock is replayed through its events to `elapsed_seconds`,
    /// curveballs shown and facts revealed are not repeated, shown
    /// curveballs without a response are pending again, and a session
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
                            self.pending.push_back(c);
                        }
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
