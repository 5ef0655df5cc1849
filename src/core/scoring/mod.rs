//! The scoring engine: a pure, deterministic function of
//! (rubric, scenario, answers) → scorecard. (Placeholder: to be implemented.)

pub mod types;

pub use types::*;

use crate::core::content::{Rubric, Scenario};

/// A rubric (plus scenario) compiled for fast repeated scoring.
pub struct Scorer {}

impl Scorer {
    pub fn new(_rubric: &Rubric, _scenario: Option<&Scenario>) -> Scorer {
        todo!("Scorer::new")
    }

    pub fn score(&self, _answers: &[AnswerInput<'_>]) -> Scorecard {
        todo!("Scorer::score")
    }
}

/// One-shot scoring.
pub fn score(rubric: &Rubric, scenario: Option<&Scenario>, answers: &[AnswerInput<'_>]) -> Scorecard {
    Scorer::new(rubric, scenario).score(answers)
}

/// A set of phrases matched the way evidence phrases are (normalised,
/// stemmed, small gaps allowed). Used to match a clarifying question
/// against a fact's `unlocked_by` phrases.
pub struct PhraseSet {}

impl PhraseSet {
    pub fn new(_phrases: &[String]) -> PhraseSet {
        todo!("PhraseSet::new")
    }
    /// How many distinct phrases of the set the text matches.
    pub fn count_matches(&self, _text: &str) -> usize {
        todo!("PhraseSet::count_matches")
    }
}
