//! The phase plan: the profile's phases scaled to the interview length.

use crate::core::content::MockProfile;

/// Why a phase plan could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("mock interview length must be at least 1 minute (got {0})")]
    ZeroMinutes(u32),
    #[error("mock profile (content/mock.yaml) has no phases")]
    NoPhases,
    #[error(
        "mock profile (content/mock.yaml): phase '{id}' has an invalid length ({minutes} minutes)"
    )]
    BadPhase { id: String, minutes: String },
    #[error("mock interview length {0} minutes is too long (at most {MAX_MINUTES})")]
    TooLong(u32),
}

/// Longest interview accepted (a day), to keep arithmetic far from overflow.
pub const MAX_MINUTES: u32 = 24 * 60;

/// One phase with its budget at the chosen length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPhase {
    pub id: String,
    pub title: String,
    /// Budget in milliseconds of clock time.
    pub budget_ms: u64,
    /// Planned start (sum of the budgets before it), in milliseconds.
    pub start_ms: u64,
    pub areas: Vec<String>,
}

impl PlannedPhase {
    pub fn budget_secs(&self) -> u64 {
        self.budget_ms / 1000
    }
}

/// The phases of one interview, with budgets that add up exactly to its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhasePlan {
    pub minutes: u32,
    pub total_ms: u64,
    pub phases: Vec<PlannedPhase>,
}

impl PhasePlan {
    /// Scale the profile's phases to `minutes` (the profile's default when `None`).
    ///
    /// Each phase keeps its share of the profile's total; budgets are whole
    /// seconds, distributed by largest remainder so they add up to the length.
    pub fn new(profile: &MockProfile, minutes: Option<u32>) -> Result<PhasePlan, PlanError> {
        let minutes = minutes.unwrap_or(profile.minutes);
        if minutes == 0 {
            return Err(PlanError::ZeroMinutes(minutes));
        }
        if minutes > MAX_MINUTES {
            return Err(PlanError::TooLong(minutes));
        }
        if profile.phases.is_empty() {
            return Err(PlanError::NoPhases);
        }
        for p in &profile.phases {
            if !p.minutes.is_finite() || p.minutes <= 0.0 {
                return Err(PlanError::BadPhase {
                    id: p.id.clone(),
                    minutes: p.minutes.to_string(),
                });
            }
        }
        let total_secs = u64::from(minutes) * 60;
        let weight_sum: f64 = profile.phases.iter().map(|p| f64::from(p.minutes)).sum();
        // Largest-remainder rounding to whole seconds.
        let exact: Vec<f64> = profile
            .phases
            .iter()
            .map(|p| f64::from(p.minutes) / weight_sum * total_secs as f64)
            .collect();
        let mut secs: Vec<u64> = exact.iter().map(|e| e.floor() as u64).collect();
        let assigned: u64 = secs.iter().sum();
        let mut order: Vec<usize> = (0..exact.len()).collect();
        order.sort_by(|&a, &b| {
            let ra = exact[a] - exact[a].floor();
            let rb = exact[b] - exact[b].floor();
            rb.total_cmp(&ra).then(a.cmp(&b))
        });
        for &i in order
            .iter()
            .cycle()
            .take(total_secs.saturating_sub(assigned) as usize)
        {
            secs[i] += 1;
        }
        let mut start_ms = 0;
        let phases = profile
            .phases
            .iter()
            .zip(secs)
            .map(|(p, s)| {
                let planned = PlannedPhase {
                    id: p.id.clone(),
                    title: p.title.clone(),
                    budget_ms: s * 1000,
                    start_ms,
                    areas: p.areas.clone(),
                };
                start_ms += s * 1000;
                planned
            })
            .collect();
        Ok(PhasePlan {
            minutes,
            total_ms: total_secs * 1000,
            phases,
        })
    }

    /// Index of the phase with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }

    /// Index of the first phase that lists this area.
    pub fn phase_for_area(&self, area: &str) -> Option<usize> {
        self.phases
            .iter()
            .position(|p| p.areas.iter().any(|a| a == area))
    }

    /// The phase the clock says the candidate should be in at `elapsed_ms`.
    pub fn planned_phase_at(&self, elapsed_ms: u64) -> usize {
        self.phases
            .iter()
            .rposition(|p| p.start_ms <= elapsed_ms)
            .unwrap_or(0)
    }
}
