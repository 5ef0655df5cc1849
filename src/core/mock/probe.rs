//! Follow-up probes: at the end of a phase the interviewer asks one
//! question about the weakest point the candidate only touched on.
//!
//! The target is the weakest *partially covered* key point or criterion of
//! the phase's areas that has probe questions in the content
//! (`KeyPoint.probes`, `Criterion.probes`): most of its concepts missing
//! first, then the heavier, then key points before criteria, then by id.
//! The question is one of its probes, drawn from the seed, the phase and
//! the target, so a seed replays the same follow-ups. The answer is saved
//! under [`probe_answer_key`] and scored like any other; a follow-up was
//! *answered well* when its target is covered in the final scorecard.

use crate::core::content::{Rubric, Scenario};
use crate::core::scoring::{CriterionResult, Scorecard, Status};
use crate::core::session::{EventKind, Session};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// A follow-up question the interviewer asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The key point or criterion it probes.
    pub target: String,
    pub text: String,
}

/// Answer key of the response to a follow-up on `target`.
pub fn probe_answer_key(target: &str) -> String {
    format!("probe:{target}")
}

/// The probe questions the content has for a key point or criterion.
fn probes_of<'a>(scenario: &'a Scenario, rubric: &'a Rubric, id: &str) -> &'a [String] {
    if let Some(k) = scenario.key_point(id) {
        return &k.probes;
    }
    scenario
        .criteria
        .iter()
        .chain(rubric.criteria.iter())
        .find(|c| c.id == id)
        .map_or(&[], |c| &c.probes)
}

/// Share of a result's concepts still missing (0–1).
fn missing_share(r: &CriterionResult) -> f32 {
    let earned: HashSet<&str> = r
        .evidence
        .iter()
        .flat_map(|e| e.concepts.iter().map(String::as_str))
        .collect();
    let missing = r.missing_concepts.len();
    let total = missing + earned.len();
    if total == 0 {
        0.5
    } else {
        missing as f32 / total as f32
    }
}

/// A stable 64-bit hash (FNV-1a), so a seed means the same on every build.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The follow-up for the end of a phase covering `areas`, if any partial
/// target there has probes; targets in `asked` are skipped.
pub fn pick_probe(
    card: &Scorecard,
    scenario: &Scenario,
    rubric: &Rubric,
    areas: &[String],
    phase: &str,
    seed: u64,
    asked: &[String],
) -> Option<Probe> {
    let key_points = card.key_points.iter().map(|r| (r, true));
    let criteria = card.criteria.iter().map(|r| (r, false));
    let mut candidates: Vec<(&CriterionResult, bool)> = key_points
        .chain(criteria)
        .filter(|(r, _)| r.status == Status::Partial)
        .filter(|(r, _)| areas.contains(&r.area))
        .filter(|(r, _)| !asked.contains(&r.id))
        .filter(|(r, _)| !probes_of(scenario, rubric, &r.id).is_empty())
        .collect();
    candidates.sort_by(|(a, ka), (b, kb)| {
        missing_share(b)
            .total_cmp(&missing_share(a))
            .then(b.weight.total_cmp(&a.weight))
            .then(kb.cmp(ka))
            .then(a.id.cmp(&b.id))
    });
    let (target, _) = candidates.first()?;
    let probes = probes_of(scenario, rubric, &target.id);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fnv(phase) ^ fnv(&target.id).rotate_left(17));
    let text = probes[rng.random_range(0..probes.len())].trim().to_string();
    Some(Probe {
        target: target.id.clone(),
        text,
    })
}

/// A follow-up asked in a session, with the response.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeReview {
    pub target: String,
    /// The target's label (its id when the scorecard does not know it).
    pub label: String,
    pub at: u64,
    pub text: String,
    pub response: Option<String>,
    /// The target is covered in the scorecard.
    pub answered_well: bool,
}

/// The follow-ups of a session in the order asked.
pub fn probe_reviews(session: &Session, card: Option<&Scorecard>) -> Vec<ProbeReview> {
    session
        .events
        .iter()
        .filter_map(|ev| match &ev.kind {
            EventKind::Probe { target, text } => Some((ev.at, target, text)),
            _ => None,
        })
        .map(|(at, target, text)| {
            let result = card.and_then(|c| c.key_point(target).or_else(|| c.criterion(target)));
            let response = session
                .answer(&probe_answer_key(target))
                .map(|a| a.text.trim().to_string())
                .filter(|t| !t.is_empty());
            ProbeReview {
                target: target.clone(),
                label: result.map_or_else(|| target.clone(), |r| r.label.clone()),
                at,
                text: text.clone(),
                answered_well: response.is_some()
                    && result.is_some_and(|r| r.status == Status::Covered),
                response,
            }
        })
        .collect()
}

/// "Follow-ups: 3 asked, 2 answered well".
pub fn follow_ups_label(reviews: &[ProbeReview]) -> String {
    let well = reviews.iter().filter(|r| r.answered_well).count();
    format!("Follow-ups: {} asked, {well} answered well", reviews.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::content::{Criterion, KeyPoint};
    use crate::core::scoring::EvidenceHit;

    fn result(
        id: &str,
        area: &str,
        status: Status,
        earned: &[&str],
        missing: &[&str],
    ) -> CriterionResult {
        CriterionResult {
            id: id.into(),
            area: area.into(),
            label: format!("label of {id}"),
            status,
            weight: 1.0,
            evidence: earned
                .iter()
                .map(|c| EvidenceHit {
                    quote: "q".into(),
                    question: "pain-point".into(),
                    line: 1,
                    concepts: vec![c.to_string()],
                })
                .collect(),
            missing_concepts: missing.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn key_point(id: &str, area: &str, probes: &[&str]) -> KeyPoint {
        KeyPoint {
            id: id.into(),
            area: area.into(),
            label: id.into(),
            weight: 1.0,
            why: String::new(),
            hint: String::new(),
            example: String::new(),
            evidence: Default::default(),
            probes: probes.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn fixture() -> (Scenario, Rubric, Scorecard) {
        let scenario = Scenario {
            key_points: vec![
                key_point(
                    "label-delay",
                    "data",
                    &["How late exactly?", "What do you train on meanwhile?"],
                ),
                key_point(
                    "retrain",
                    "production",
                    &["How often, and what triggers it early?"],
                ),
                key_point("no-probes", "data", &[]),
            ],
            ..Default::default()
        };
        let rubric = Rubric {
            criteria: vec![Criterion {
                id: "labels".into(),
                area: "data".into(),
                probes: vec!["Where exactly do the labels come from?".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        let card = Scorecard {
            key_points: vec![
                result(
                    "label-delay",
                    "data",
                    Status::Partial,
                    &["delay"],
                    &["weeks"],
                ),
                result("retrain", "production", Status::Partial, &[], &["cadence"]),
                result("no-probes", "data", Status::Partial, &[], &["x", "y"]),
            ],
            criteria: vec![
                result("labels", "data", Status::Partial, &[], &["source", "delay"]),
                result("covered", "data", Status::Covered, &["a"], &[]),
            ],
            ..Default::default()
        };
        (scenario, rubric, card)
    }

    #[test]
    fn the_weakest_partial_target_of_the_phase_with_probes_is_probed() {
        let (s, r, card) = fixture();
        let data = vec!["data".to_string()];
        let p = pick_probe(&card, &s, &r, &data, "data", 7, &[]).unwrap();
        // labels misses 2 of 2 concepts, label-delay 1 of 2; no-probes has none.
        assert_eq!(p.target, "labels");
        assert_eq!(p.text, "Where exactly do the labels come from?");
        let next = pick_probe(&card, &s, &r, &data, "data", 7, &["labels".into()]).unwrap();
        assert_eq!(next.target, "label-delay");
        let none = pick_probe(&card, &s, &r, &["modelling".into()], "modelling", 7, &[]);
        assert_eq!(none, None);
    }

    #[test]
    fn the_question_is_drawn_from_the_seed_and_replays() {
        let (s, r, card) = fixture();
        let data = vec!["data".to_string()];
        let asked = vec!["labels".to_string()];
        let texts: HashSet<String> = (0..40)
            .map(|seed| {
                pick_probe(&card, &s, &r, &data, "data", seed, &asked)
                    .unwrap()
                    .text
            })
            .collect();
        assert_eq!(texts.len(), 2, "both probes get drawn: {texts:?}");
        for seed in 0..10 {
            assert_eq!(
                pick_probe(&card, &s, &r, &data, "data", seed, &asked),
                pick_probe(&card, &s, &r, &data, "data", seed, &asked)
            );
        }
    }

    #[test]
    fn follow_ups_answered_well_are_those_covered_after_the_answer() {
        let (_, _, mut card) = fixture();
        card.key_points[0].status = Status::Covered;
        let mut session = Session::new(
            "s",
            crate::core::session::Mode::Mock,
            chrono::Utc::now(),
            "v",
        );
        for (target, answer) in [
            ("label-delay", "Weeks: 30 to 90 days."),
            ("retrain", ""),
            ("labels", "From chargebacks."),
        ] {
            session.events.push(crate::core::session::Event {
                at: 60,
                kind: EventKind::Probe {
                    target: target.into(),
                    text: format!("About {target}?"),
                },
            });
            if !answer.is_empty() {
                session.answer_mut(&probe_answer_key(target)).text = answer.into();
            }
        }
        let reviews = probe_reviews(&session, Some(&card));
        let well: Vec<bool> = reviews.iter().map(|r| r.answered_well).collect();
        assert_eq!(well, [true, false, false]);
        assert_eq!(reviews[1].response, None);
        assert_eq!(reviews[0].label, "label of label-delay");
        assert_eq!(
            follow_ups_label(&reviews),
            "Follow-ups: 3 asked, 1 answered well"
        );
    }
}
