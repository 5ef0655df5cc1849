//! Scorecard types: the output of the scoring engine.

use serde::{Deserialize, Serialize};

/// One answer to score: the question it was written under, and its text.
/// Curveball responses use the question id `curveball:<id>`; a free-form
/// document scored by `mlsd-coach score` uses `answer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerInput<'a> {
    pub question: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Missing,
    Partial,
    Covered,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
    /// Credit towards the score: 1, ½ or 0.
    pub fn credit(self) -> f32 {
        match self {
            Status::Covered => 1.0,
            Status::Partial => 0.5,
            Status::Missing => 0.0,
        }
    }
}

/// A sentence that earned (part of) a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceHit {
    /// The sentence quoted as written (control characters removed).
    pub quote: String,
    /// Question id the sentence was written under.
    pub question: String,
    /// 1-based line of the sentence within that answer.
    pub line: usize,
    /// Names of the concepts this sentence expressed.
    pub concepts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: String,
    pub area: String,
    pub label: String,
    pub status: Status,
    /// Effective weight (rubric weight × scenario emphasis).
    pub weight: f32,
    pub evidence: Vec<EvidenceHit>,
    /// Concepts still missing (for partial criteria).
    pub missing_concepts: Vec<String>,
    pub gap: String,
    pub hint: String,
    pub source: String,
    /// Why this scenario emphasises it, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emphasis: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaScore {
    pub id: String,
    pub title: String,
    /// 0–100.
    pub score: f32,
    pub weight: f32,
    pub covered: usize,
    pub partial: usize,
    pub missing: usize,
}

/// A criterion not (fully) earned, ranked by how much it would add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub criterion: String,
    pub area: String,
    pub label: String,
    pub status: Status,
    /// Why it matters.
    pub why: String,
    pub hint: String,
    pub source: String,
    /// Points of the overall score it would add if covered.
    pub worth: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// 0–100, weighted over areas.
    pub overall: f32,
    pub areas: Vec<AreaScore>,
    pub criteria: Vec<CriterionResult>,
    /// Missing and partial criteria, most valuable first.
    pub gaps: Vec<Gap>,
}

impl Scorecard {
    pub fn criterion(&self, id: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }
    pub fn area(&self, id: &str) -> Option<&AreaScore> {
        self.areas.iter().find(|a| a.id == id)
    }
}
