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

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
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

/// A sentence that earned (part of) a criterion or key point.
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

/// How a criterion or a key point was judged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: String,
    pub area: String,
    pub label: String,
    pub status: Status,
    /// Effective weight (rubric weight × scenario emphasis; a key point's
    /// own weight).
    pub weight: f32,
    pub evidence: Vec<EvidenceHit>,
    /// Concepts still missing (for partial ones).
    pub missing_concepts: Vec<String>,
    pub gap: String,
    pub hint: String,
    pub source: String,
    /// Why this scenario emphasises it, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emphasis: Option<String>,
    /// A sentence in the scenario's terms that would earn it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Partial only because every sentence for it was generic (could be
    /// said of any prompt).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generic: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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

/// What a gap is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// One of the things an interviewer listens for on this prompt.
    KeyPoint,
    #[default]
    Criterion,
}

/// A criterion or key point not (fully) earned, ranked by how much it
/// matters for this scenario.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub criterion: String,
    #[serde(default)]
    pub kind: GapKind,
    pub area: String,
    pub label: String,
    pub status: Status,
    /// Why it matters.
    pub why: String,
    pub hint: String,
    pub source: String,
    /// Points of the overall score it would add if covered.
    pub worth: f32,
    /// A sentence in the scenario's own terms that would earn it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Why this scenario emphasises it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emphasis: Option<String>,
}

/// The band the overall score falls in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BandInfo {
    pub id: String,
    pub label: String,
    pub meaning: String,
}

/// A statement an interviewer would challenge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FlagHit {
    pub id: String,
    pub label: String,
    /// The sentence, as written.
    pub quote: String,
    pub question: String,
    pub line: usize,
    /// Why it is wrong here.
    pub why: String,
    /// What to say instead.
    pub instead: String,
}

/// Why a criterion is left out of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "why")]
pub enum Skip {
    /// It does not fit this task (the reason).
    NotApplicable(String),
    /// The client never spoke, so nothing could be answered to them.
    NotAsked,
}

/// A criterion left out of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub id: String,
    pub area: String,
    pub label: String,
    pub reason: Skip,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// 0–100: the scale applied to coverage, less the red-flag penalty.
    pub overall: f32,
    #[serde(default)]
    pub band: BandInfo,
    /// The scenario's task type, when scored against a scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type: Option<String>,
    pub areas: Vec<AreaScore>,
    /// The general criteria that apply.
    pub criteria: Vec<CriterionResult>,
    /// What an interviewer listens for on this prompt.
    #[serde(default)]
    pub key_points: Vec<CriterionResult>,
    /// Key point coverage, 0–100 (none without key points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_point_score: Option<f32>,
    /// Criteria left out, and why.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    /// Statements an interviewer would challenge.
    #[serde(default)]
    pub flags: Vec<FlagHit>,
    /// Points taken off for red flags.
    #[serde(default)]
    pub penalty: f32,
    /// Remarks on the answer as a whole (mostly off-prompt, generic…).
    #[serde(default)]
    pub notices: Vec<String>,
    /// Missing and partial key points and criteria, most important first.
    pub gaps: Vec<Gap>,
}

impl Scorecard {
    pub fn criterion(&self, id: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }
    pub fn key_point(&self, id: &str) -> Option<&CriterionResult> {
        self.key_points.iter().find(|c| c.id == id)
    }
    pub fn area(&self, id: &str) -> Option<&AreaScore> {
        self.areas.iter().find(|a| a.id == id)
    }
    pub fn flag(&self, id: &str) -> Option<&FlagHit> {
        self.flags.iter().find(|f| f.id == id)
    }
}
