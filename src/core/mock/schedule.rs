//! The curveball schedule: which client interjections come, and when.
//!
//! Built once from the seed (`--seed`), so the same seed, scenario, profile
//! and length always give the same schedule:
//!
//! - **Phase boundaries**: up to `max(1, minutes / 15)` phases after the
//!   first get one of the scenario's curveballs whose `phase` names them,
//!   shown when the candidate first enters that phase.
//! - **Random moments**: `max(1, minutes / 20)` moments, one in each equal
//!   slot of the 10 %–90 % span of the interview. Each draws, in order of
//!   preference, a curveball (scenario's or the profile's client-speak
//!   lines) meant for the phase planned at that moment, then one meant for
//!   no particular phase, then any one not used yet.
//!
//! No curveball is scheduled twice.

use super::plan::PhasePlan;
use crate::core::content::{Curveball, MockProfile, Scenario};
// ChaCha8 (not StdRng): its stream is fixed, so a seed replays the same
// schedule whatever the rand version.
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// When a scheduled curveball is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// When the candidate first enters this phase (index in the plan).
    PhaseStart(usize),
    /// When the clock reaches this time (milliseconds).
    At(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scheduled {
    pub trigger: Trigger,
    pub curveball: Curveball,
    pub fired: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CurveballSchedule {
    items: Vec<Scheduled>,
}

impl CurveballSchedule {
    pub fn new(
        plan: &PhasePlan,
        scenario: &Scenario,
        profile: &MockProfile,
        seed: u64,
    ) -> CurveballSchedule {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut used: Vec<String> = Vec::new();
        let mut items = Vec::new();

        // Phase boundaries.
        let mut boundary: Vec<usize> = (1..plan.phases.len())
            .filter(|&i| {
                scenario
                    .curveballs
                    .iter()
                    .any(|c| c.phase.as_deref() == Some(plan.phases[i].id.as_str()))
            })
            .collect();
        boundary.shuffle(&mut rng);
        let max_boundary = (plan.minutes / 15).max(1) as usize;
        boundary.truncate(max_boundary);
        boundary.sort_unstable();
        for i in boundary {
            let candidates: Vec<&Curveball> = scenario
                .curveballs
                .iter()
                .filter(|c| c.phase.as_deref() == Some(plan.phases[i].id.as_str()))
                .filter(|c| !used.contains(&c.id))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            let pick = candidates[rng.random_range(0..candidates.len())].clone();
            used.push(pick.id.clone());
            items.push(Scheduled {
                trigger: Trigger::PhaseStart(i),
                curveball: pick,
                fired: false,
            });
        }

        // Random moments.
        let pool: Vec<&Curveball> = scenario
            .curveballs
            .iter()
            .chain(profile.client_speak.iter())
            .collect();
        let count = u64::from((plan.minutes / 20).max(1));
        let lo = plan.total_ms / 10;
        let hi = plan.total_ms * 9 / 10;
        let slot = (hi - lo) / count;
        for k in 0..count {
            let start = lo + k * slot;
            let at = if slot == 0 {
                start
            } else {
                rng.random_range(start..start + slot)
            };
            let phase_id = plan
                .phases
                .get(plan.planned_phase_at(at))
                .map(|p| p.id.as_str());
            let unused = |c: &&&Curveball| !used.contains(&c.id);
            let tiers: [Vec<&Curveball>; 3] = [
                pool.iter()
                    .filter(unused)
                    .filter(|c| c.phase.is_some() && c.phase.as_deref() == phase_id)
                    .copied()
                    .collect(),
                pool.iter()
                    .filter(unused)
                    .filter(|c| c.phase.is_none())
                    .copied()
                    .collect(),
                pool.iter().filter(unused).copied().collect(),
            ];
            let Some(tier) = tiers.iter().find(|t| !t.is_empty()) else {
                break;
            };
            let pick = tier[rng.random_range(0..tier.len())].clone();
            used.push(pick.id.clone());
            items.push(Scheduled {
                trigger: Trigger::At(at),
                curveball: pick,
                fired: false,
            });
        }
        CurveballSchedule { items }
    }

    pub fn items(&self) -> &[Scheduled] {
        &self.items
    }

    /// Mark a curveball as already shown (when resuming a session).
    pub fn mark_fired(&mut self, id: &str) {
        for s in &mut self.items {
            if s.curveball.id == id {
                s.fired = true;
            }
        }
    }

    /// Timed curveballs due at `elapsed_ms` not shown yet, in time order;
    /// they are marked shown.
    pub fn due_at(&mut self, elapsed_ms: u64) -> Vec<Curveball> {
        let mut due: Vec<(u64, usize)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s.trigger {
                Trigger::At(at) if !s.fired && at <= elapsed_ms => Some((at, i)),
                _ => None,
            })
            .collect();
        due.sort_unstable();
        due.into_iter()
            .map(|(_, i)| {
                self.items[i].fired = true;
                self.items[i].curveball.clone()
            })
            .collect()
    }

    /// Curveballs waiting for the candidate to enter phase `index`; they
    /// are marked shown.
    pub fn due_on_phase(&mut self, index: usize) -> Vec<Curveball> {
        self.items
            .iter_mut()
            .filter(|s| !s.fired && s.trigger == Trigger::PhaseStart(index))
            .map(|s| {
                s.fired = true;
                s.curveball.clone()
            })
            .collect()
    }
}
