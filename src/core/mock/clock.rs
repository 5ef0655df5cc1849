//! The phase clock: elapsed time (pauses excluded), the current phase, time
//! spent per phase against its budget, and the overrun ledger.
//!
//! Time only moves through [`MockClock::advance`]: the caller measures it
//! (the TUI sends ticks), so everything here is testable without sleeping.
//!
//! ## Overrun policy
//!
//! Time over budget is carried over and taken from the phases still ahead
//! **in proportion to their remaining budget**: a two-minute debt with
//! ten minutes of modelling and five of reporting left squeezes them by
//! 80 s and 40 s. The candidate moves between phases themselves; when they
//! enter a phase, its *target* (the budget its gauge measures against) is
//! fixed at its squeezed share, so the debt is paid back phase by phase.
//! Time saved in a phase left early is shown as "ahead" and never squeezes
//! anything; it is not added to later targets either (a real interviewer
//! does not hand it back).

use super::plan::PhasePlan;
use std::time::Duration;

/// How close a phase (or the whole interview) is to its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseStatus {
    /// Under 80 % of the budget.
    Normal,
    /// At or over 80 % of the budget, not past it.
    Amber,
    /// Past the budget.
    Red,
}

impl PhaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseStatus::Normal => "normal",
            PhaseStatus::Amber => "amber",
            PhaseStatus::Red => "red",
        }
    }

    /// Status of `spent` against `budget`: amber from 80 %, red past it.
    pub fn of(spent_ms: u64, budget_ms: u64) -> PhaseStatus {
        if spent_ms > budget_ms {
            PhaseStatus::Red
        } else if spent_ms > 0 && u128::from(spent_ms) * 5 >= u128::from(budget_ms) * 4 {
            PhaseStatus::Amber
        } else {
            PhaseStatus::Normal
        }
    }
}

/// A later phase whose remaining time shrinks because of the debt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Squeeze {
    pub index: usize,
    pub id: String,
    pub title: String,
    /// What it had left by plan.
    pub remaining_ms: u64,
    /// What it has left after taking its share of the debt.
    pub squeezed_ms: u64,
}

/// Where the interview stands against the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ledger {
    /// Time over plan still to be paid back by later phases.
    pub owed_ms: u64,
    /// Time under plan (phases left early); banked, never squeezes anything.
    pub ahead_ms: u64,
    /// Later phases that lose time, in order (empty when nothing is owed).
    pub squeezed: Vec<Squeeze>,
}

/// What a change of the clock means for the session log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockSignal {
    /// The candidate moved into a phase.
    PhaseEntered { index: usize, first_visit: bool },
    /// The interview's time ran out.
    TimeUp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockClock {
    plan: PhasePlan,
    elapsed_ms: u64,
    current: usize,
    spent_ms: Vec<u64>,
    visited: Vec<bool>,
    /// The current phase's target: total time it may have used by its end.
    target_ms: u64,
    paused: bool,
    time_up: bool,
}

impl MockClock {
    /// A clock at zero, in the plan's first phase.
    pub fn new(plan: PhasePlan) -> MockClock {
        let n = plan.phases.len();
        let mut visited = vec![false; n];
        if n > 0 {
            visited[0] = true;
        }
        let target_ms = plan.phases.first().map_or(0, |p| p.budget_ms);
        MockClock {
            plan,
            elapsed_ms: 0,
            current: 0,
            spent_ms: vec![0; n],
            visited,
            target_ms,
            paused: false,
            time_up: false,
        }
    }

    pub fn plan(&self) -> &PhasePlan {
        &self.plan
    }
    pub fn elapsed_ms(&self) -> u64 {
        self.elapsed_ms
    }
    /// Whole seconds of clock time (what events record).
    pub fn elapsed_secs(&self) -> u64 {
        self.elapsed_ms / 1000
    }
    pub fn remaining_ms(&self) -> u64 {
        self.plan.total_ms.saturating_sub(self.elapsed_ms)
    }
    pub fn current(&self) -> usize {
        self.current
    }
    pub fn spent_ms(&self, index: usize) -> u64 {
        self.spent_ms.get(index).copied().unwrap_or(0)
    }
    pub fn visited(&self, index: usize) -> bool {
        self.visited.get(index).copied().unwrap_or(false)
    }
    pub fn is_paused(&self) -> bool {
        self.paused
    }
    pub fn is_time_up(&self) -> bool {
        self.time_up
    }
    /// The budget the current phase's gauge measures against (its squeezed
    /// share when it was entered owing time), as total time in the phase.
    pub fn target_ms(&self) -> u64 {
        self.target_ms
    }

    /// Let `dt` of clock time pass. Nothing moves while paused or after
    /// time-up. Returns `TimeUp` once, when the time runs out.
    pub fn advance(&mut self, dt: Duration) -> Option<ClockSignal> {
        if self.paused || self.time_up {
            return None;
        }
        let dt_ms = u64::try_from(dt.as_millis()).unwrap_or(u64::MAX);
        let step = dt_ms.min(self.remaining_ms());
        self.elapsed_ms += step;
        if let Some(s) = self.spent_ms.get_mut(self.current) {
            *s += step;
        }
        if self.remaining_ms() == 0 {
            self.time_up = true;
            self.paused = false;
            return Some(ClockSignal::TimeUp);
        }
        None
    }

    /// The candidate moves to phase `index`. Ignored (None) when it is the
    /// current phase, out of range, or the time is up.
    pub fn enter_phase(&mut self, index: usize) -> Option<ClockSignal> {
        if self.time_up || index == self.current || index >= self.plan.phases.len() {
            return None;
        }
        let first_visit = !self.visited[index];
        self.visited[index] = true;
        self.current = index;
        self.target_ms = self.entry_target(index);
        Some(ClockSignal::PhaseEntered { index, first_visit })
    }

    fn remaining_budget(&self, index: usize) -> u64 {
        self.plan.phases[index]
            .budget_ms
            .saturating_sub(self.spent_ms[index])
    }

    /// Target for a phase being entered: its remaining budget, scaled down
    /// with the phases after it when the time left cannot cover them all.
    fn entry_target(&self, index: usize) -> u64 {
        let spent = self.spent_ms[index];
        let rem = self.remaining_budget(index);
        let all: u64 = (index..self.plan.phases.len())
            .map(|j| self.remaining_budget(j))
            .sum();
        let left = self.remaining_ms();
        if all > left && all > 0 {
            spent + scale(rem, left, all)
        } else {
            spent + rem
        }
    }

    /// Status of phase `index`: the current phase against its target, the
    /// others against their budget.
    pub fn phase_status(&self, index: usize) -> PhaseStatus {
        if index == self.current {
            PhaseStatus::of(self.spent_ms(index), self.target_ms)
        } else {
            match self.plan.phases.get(index) {
                Some(p) => PhaseStatus::of(self.spent_ms(index), p.budget_ms),
                None => PhaseStatus::Normal,
            }
        }
    }

    /// Status of the whole interview: amber from 80 % of the time, red from
    /// 95 % (and at time-up).
    pub fn overall_status(&self) -> PhaseStatus {
        let total = u128::from(self.plan.total_ms);
        let el = u128::from(self.elapsed_ms);
        if self.time_up || el * 20 >= total * 19 {
            PhaseStatus::Red
        } else if el * 5 >= total * 4 {
            PhaseStatus::Amber
        } else {
            PhaseStatus::Normal
        }
    }

    /// Time owed or banked, and the later phases it squeezes.
    pub fn ledger(&self) -> Ledger {
        let n = self.plan.phases.len();
        if n == 0 {
            return Ledger::default();
        }
        let left = self.remaining_ms();
        let current_rem = self.target_ms.saturating_sub(self.spent_ms(self.current));
        let later: Vec<usize> = (self.current + 1..n).collect();
        let later_rem: u64 = later.iter().map(|&j| self.remaining_budget(j)).sum();
        let needed = current_rem + later_rem;
        let mut ledger = Ledger::default();
        if needed > left {
            ledger.owed_ms = needed - left;
            let available = left.saturating_sub(current_rem);
            for &j in &later {
                let rem = self.remaining_budget(j);
                if rem == 0 {
                    continue;
                }
                let p = &self.plan.phases[j];
                ledger.squeezed.push(Squeeze {
                    index: j,
                    id: p.id.clone(),
                    title: p.title.clone(),
                    remaining_ms: rem,
                    squeezed_ms: scale(rem, available, later_rem),
                });
            }
        } else {
            ledger.ahead_ms = left - needed;
        }
        ledger
    }

    /// Pause the clock; false when already paused or the time is up.
    pub fn pause(&mut self) -> bool {
        if self.paused || self.time_up {
            return false;
        }
        self.paused = true;
        true
    }

    /// Resume the clock; false when it was not paused.
    pub fn resume(&mut self) -> bool {
        if !self.paused {
            return false;
        }
        self.paused = false;
        true
    }
}

/// `value × num / den`, rounded down, without overflow (den > 0).
fn scale(value: u64, num: u64, den: u64) -> u64 {
    if den == 0 {
        return 0;
    }
    (u128::from(value) * u128::from(num) / u128::from(den)) as u64
}
