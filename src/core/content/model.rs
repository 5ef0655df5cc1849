//! The content data model: rubric, scenarios and the mock-interview profile.
//!
//! These types mirror the YAML files under `content/` one to one. They are
//! plain data: loading and validation live in `load.rs`, matching in
//! `core::scoring`.

use serde::{Deserialize, Serialize};

/// The eight area ids, in interview order. Other tools depend on them.
pub const AREA_IDS: [&str; 8] = [
    "framing",
    "data",
    "exploration",
    "preprocessing",
    "modelling",
    "reporting",
    "production",
    "client",
];

/// The criterion ids other tools and scenario packs rely on, per area. The
/// shipped rubric defines every one (a rubric may add more).
pub const CRITERION_CONTRACT: &[(&str, &[&str])] = &[
    (
        "framing",
        &[
            "pain-point",
            "goals",
            "ml-framing",
            "end-user-experience",
            "latency",
            "precision-recall",
            "fp-fn-cost",
            "offline-metrics",
            "online-metrics",
            "project-constraints",
            "dev-tools",
            "foresight",
        ],
    ),
    (
        "data",
        &[
            "data-sources",
            "labels",
            "label-delay",
            "data-quality",
            "data-bias",
            "privacy",
            "data-storage",
            "representation",
            "class-distribution",
        ],
    ),
    ("exploration", &["eda", "structure", "leakage"]),
    (
        "preprocessing",
        &[
            "feature-engineering",
            "feature-transformation",
            "feature-selection",
            "train-test-split",
            "augmentation",
            "class-imbalance",
        ],
    ),
    (
        "modelling",
        &[
            "baselines",
            "model-selection",
            "transfer-learning",
            "regularisation",
            "hyperparameter-tuning",
            "ensembles",
            "loss-function",
            "model-speed",
            "scaling",
            "cross-validation",
            "bias-variance",
            "error-analysis",
        ],
    ),
    (
        "reporting",
        &[
            "explainability",
            "fairness",
            "reported-metrics",
            "inference-speed",
            "confidence",
            "misuse",
            "ablations",
            "visualisations",
        ],
    ),
    (
        "production",
        &[
            "continual-collection",
            "data-versioning",
            "testing",
            "serving",
            "monitoring",
            "retraining",
            "rollout",
            "training-serving-skew",
            "production-bias",
        ],
    ),
    (
        "client",
        &[
            "business-translation",
            "metric-reframe",
            "expectations",
            "clarify-vague",
        ],
    ),
];

/// Everything the coach needs: one rubric, the scenarios and the mock profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub rubric: Rubric,
    pub scenarios: Vec<Scenario>,
    pub mock: MockProfile,
    /// Short stable fingerprint of the source files (sessions record it).
    pub version: String,
    /// Where it came from: `embedded` or a directory path.
    pub origin: String,
}

/// `content/rubric.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Human-readable version label of the rubric, e.g. `2026.11`.
    pub version: String,
    pub areas: Vec<Area>,
    pub criteria: Vec<Criterion>,
}

/// One area of the interview (a section of the notes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub title: String,
    /// Relative weight of the area in the overall score.
    pub weight: f32,
    /// The section of the notes this area follows, e.g. `1. Project setup / problem framing`.
    pub section: String,
    /// One line on what this area is about.
    #[serde(default)]
    pub summary: String,
    /// The framing questions the coach asks, in order.
    pub questions: Vec<Question>,
}

/// A framing question asked in an area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique across the rubric, e.g. `pain-point`.
    pub id: String,
    pub prompt: String,
    /// Why the question matters (shown under the prompt).
    pub why: String,
    /// A hint the user may reveal in practice mode.
    pub hint: String,
    /// Criteria this question targets (the live panel shows these).
    #[serde(default)]
    pub criteria: Vec<String>,
}

/// Something a strong answer addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Unique across the rubric and scenarios, e.g. `fp-fn-cost`.
    pub id: String,
    /// Area id this criterion belongs to.
    pub area: String,
    /// Short label, e.g. "Weighs the cost of false positives against false negatives".
    pub label: String,
    /// Relative weight within its area.
    pub weight: f32,
    /// The section of the notes it comes from, e.g. `1. Project setup › Performance constraints`.
    pub source: String,
    /// Shown when missing: why it matters.
    pub gap: String,
    /// Shown when missing: how to address it.
    pub hint: String,
    /// What in an answer shows the criterion was addressed.
    pub evidence: Evidence,
}

/// Evidence for a criterion: concepts, each with the ways people phrase it.
///
/// A criterion is **covered** when substantive sentences express at least
/// `need` distinct concepts (default: all of them), **partial** when they
/// express at least one but fewer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub concepts: Vec<Concept>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<usize>,
}

/// One idea, with its phrasings: words, synonyms, abbreviations, paraphrases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Short name shown in explanations, e.g. `recall`.
    pub name: String,
    /// Phrases matched on normalised, stemmed words (case, spelling variants
    /// such as -ise/-ize and inflections do not matter; small gaps of filler
    /// words between the phrase's words are allowed).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions matched case-insensitively on the raw sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// The concept is a risk or hazard, so naming it with a negation still
    /// addresses it ("no leakage from the future", "no PII leaves the
    /// device"): negation/decline cues are not applied to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_negation: bool,
    /// A qualifier (a number, a reason, a consequence) counts only in a
    /// sentence that also expresses a non-qualifier concept of the same
    /// criterion: "because" earns nothing on its own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub qualifier: bool,
}

/// `content/scenarios/*.yaml`: one interview prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique, kebab-case, e.g. `fraud-detection`.
    pub id: String,
    pub title: String,
    /// e.g. `fintech`, `recommendation`.
    pub domain: String,
    /// The interview prompt as the interviewer says it.
    pub prompt: String,
    /// Background the client gives up front.
    pub context: String,
    /// Facts the client reveals when asked.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Requirement changes and client-speak lines for mock interviews.
    #[serde(default)]
    pub curveballs: Vec<Curveball>,
    /// Criteria that matter more (or less) in this scenario.
    #[serde(default)]
    pub emphasis: Vec<Emphasis>,
    /// Scenario-specific criteria, scored with the rubric's.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Outline of a strong answer, per area, shown after an attempt.
    pub exemplar: Vec<ExemplarSection>,
}

/// A fact the client reveals when a clarifying question asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    /// What the client says when asked.
    pub answer: String,
    /// Kinds of question that unlock it: phrases matched like evidence
    /// phrases against the candidate's question.
    pub unlocked_by: Vec<String>,
    /// Important facts: the scorecard lists the ones never asked for.
    #[serde(default)]
    pub key: bool,
    /// Area the fact informs (defaults to `framing`).
    #[serde(default = "default_fact_area")]
    pub area: String,
}

fn default_fact_area() -> String {
    "framing".to_string()
}

/// A client interjection during a mock interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curveball {
    pub id: String,
    pub kind: CurveballKind,
    /// What the client says.
    pub text: String,
    /// Phase id at whose start it is preferably shown (any phase when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// Criteria a good response addresses.
    #[serde(default)]
    pub expects: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CurveballKind {
    /// A change of requirements: "labels now arrive 30 days late".
    Requirement,
    /// A client-speak line: "I want 5% more accuracy".
    ClientSpeak,
}

/// A per-scenario weight multiplier for a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emphasis {
    pub criterion: String,
    /// Multiplier on the criterion's weight (e.g. 2.0 doubles it).
    pub weight: f32,
    /// Why it matters in this scenario.
    pub why: String,
}

/// One area's part of the exemplar answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExemplarSection {
    pub area: String,
    pub points: Vec<String>,
}

/// `content/mock.yaml`: how a timed mock interview is paced and what the
/// client says regardless of scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockProfile {
    /// Default length of a mock interview in minutes.
    pub minutes: u32,
    /// Phases in order; their minutes are scaled to the interview length.
    pub phases: Vec<Phase>,
    /// Generic client-speak lines from the notes (any scenario).
    pub client_speak: Vec<Curveball>,
    /// What the client says to a question no fact answers.
    pub fallback_answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub title: String,
    /// Budget at the default length.
    pub minutes: f32,
    /// Areas whose questions belong to this phase.
    pub areas: Vec<String>,
}

impl Rubric {
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
    /// All questions in interview order with their area.
    pub fn questions(&self) -> impl Iterator<Item = (&Area, &Question)> {
        self.areas
            .iter()
            .flat_map(|a| a.questions.iter().map(move |q| (a, q)))
    }
    pub fn question(&self, id: &str) -> Option<(&Area, &Question)> {
        self.questions().find(|(_, q)| q.id == id)
    }
}

impl Content {
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }
}
