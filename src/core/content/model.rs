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
            "clarifying-questions",
            "pain-point",
            "goals",
            "ml-framing",
            "end-user-experience",
            "latency",
            "precision-recall",
            "fp-fn-cost",
            "over-under-cost",
            "objective-tradeoff",
            "generation-errors",
            "offline-metrics",
            "online-metrics",
            "output-evaluation",
            "project-constraints",
        ],
    ),
    (
        "data",
        &[
            "data-sources",
            "labels",
            "label-delay",
            "training-examples",
            "data-quality",
            "data-bias",
            "privacy",
            "data-storage",
            "representation",
            "class-distribution",
        ],
    ),
    ("exploration", &["eda", "structure"]),
    (
        "preprocessing",
        &[
            "feature-engineering",
            "feature-transformation",
            "feature-selection",
            "train-test-split",
            "leakage",
            "augmentation",
            "class-imbalance",
        ],
    ),
    (
        "modelling",
        &[
            "architecture",
            "baselines",
            "model-selection",
            "transfer-learning",
            "loss-function",
            "regularisation",
            "hyperparameter-tuning",
            "ensembles",
            "scaling",
            "cross-validation",
            "bias-variance",
            "error-analysis",
            "cold-start",
        ],
    ),
    (
        "reporting",
        &[
            "explainability",
            "fairness",
            "reported-metrics",
            "confidence",
            "misuse",
            "ablations",
            "visualisations",
        ],
    ),
    (
        "production",
        &[
            "serving",
            "capacity",
            "testing",
            "rollout",
            "monitoring",
            "retraining",
            "continual-collection",
            "data-versioning",
            "training-serving-skew",
            "production-bias",
            "dev-tools",
            "foresight",
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

/// The kinds of ML task a scenario can be. Criteria and red flags say
/// which of them they apply to.
pub const TASK_TYPES: [&str; 11] = [
    "binary-classification",
    "multiclass-classification",
    "regression",
    "forecasting",
    "ranking",
    "recommendation",
    "detection",
    "anomaly-detection",
    "extraction",
    "transcription",
    "generation",
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Human-readable version label of the rubric, e.g. `2026.11`.
    pub version: String,
    pub areas: Vec<Area>,
    pub criteria: Vec<Criterion>,
    /// Misconceptions an interviewer would challenge, each for the task
    /// types it applies to.
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
    /// How criteria, key points and red flags become one number.
    #[serde(default)]
    pub scoring: ScoringSettings,
}

/// How the overall score is put together (see `content/README.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringSettings {
    /// Share of the score that a scenario's key points carry (0–1); the
    /// rest is the general criteria. A scenario without key points is
    /// scored on the criteria alone.
    #[serde(default = "default_key_point_share")]
    pub key_point_share: f32,
    /// The scale: `[coverage, score]` points (coverage 0–1, score 0–100),
    /// in increasing order, joined by straight lines.
    #[serde(default = "default_scale")]
    pub scale: Vec<[f32; 2]>,
    /// Points taken off the overall for each red flag raised...
    #[serde(default = "default_flag_penalty")]
    pub flag_penalty: f32,
    /// ...and at most this many in all.
    #[serde(default = "default_penalty_cap")]
    pub penalty_cap: f32,
    /// An answer that earns credit in fewer sentences than this keeps that
    /// share of its score (7 of 12 keep 7/12): a few good sentences cover
    /// too little of a design. 0 turns it off.
    #[serde(default)]
    pub full_answer_points: u32,
    /// Bands, highest first: the lowest score of each, and what it means.
    #[serde(default = "default_bands")]
    pub bands: Vec<Band>,
}

impl Default for ScoringSettings {
    fn default() -> Self {
        ScoringSettings {
            key_point_share: default_key_point_share(),
            scale: default_scale(),
            flag_penalty: default_flag_penalty(),
            penalty_cap: default_penalty_cap(),
            full_answer_points: 0,
            bands: default_bands(),
        }
    }
}

fn default_key_point_share() -> f32 {
    0.5
}
fn default_scale() -> Vec<[f32; 2]> {
    vec![[0.0, 0.0], [1.0, 100.0]]
}
fn default_flag_penalty() -> f32 {
    5.0
}
fn default_penalty_cap() -> f32 {
    20.0
}
fn default_bands() -> Vec<Band> {
    [
        (
            "strong",
            "Strong",
            80.0,
            "A design an interviewer would pass with confidence.",
        ),
        (
            "solid",
            "Solid",
            65.0,
            "A sound answer with gaps an interviewer would probe.",
        ),
        (
            "borderline",
            "Borderline",
            45.0,
            "Parts are there; too much is missing, generic or wrong.",
        ),
        (
            "weak",
            "Weak",
            0.0,
            "Little an interviewer could credit for this prompt.",
        ),
    ]
    .into_iter()
    .map(|(id, label, min, meaning)| Band {
        id: id.into(),
        label: label.into(),
        min,
        meaning: meaning.into(),
    })
    .collect()
}

/// A band of the overall score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    pub label: String,
    /// Lowest overall score in the band.
    pub min: f32,
    /// One line on what the band means.
    pub meaning: String,
}

/// A misconception: a statement an interviewer would challenge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedFlag {
    /// Unique across the rubric and the scenario.
    pub id: String,
    /// Short statement of the mistake, e.g. "Accuracy as the headline metric".
    pub label: String,
    /// Task types it applies to (required in the rubric; a scenario's own
    /// flags apply to that scenario).
    #[serde(default)]
    pub applies_to: Vec<String>,
    /// The criterion or key point the flagged sentence gets wrong: it earns
    /// nothing for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// Why it is wrong.
    pub why: String,
    /// What to say instead.
    pub instead: String,
    /// How the mistake is phrased: the concepts a sentence must express
    /// (all of them, or `need`) to raise the flag.
    pub evidence: Evidence,
    /// Phrases that show a sentence rejects the idea rather than states it
    /// ("misleading", "instead of"), besides the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
}

/// One of the handful of things an interviewer listens for on a prompt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPoint {
    /// Unique within the scenario (and distinct from criterion ids).
    pub id: String,
    /// Area it belongs to.
    pub area: String,
    /// What the interviewer listens for, e.g. "Chargebacks arrive weeks late".
    pub label: String,
    /// Relative weight among the scenario's key points (default 1).
    #[serde(default = "default_weight")]
    pub weight: f32,
    /// Why it matters for this prompt.
    pub why: String,
    /// How to address it.
    pub hint: String,
    /// A sentence a strong candidate would say, in the scenario's terms.
    pub example: String,
    /// How it is phrased in an answer.
    pub evidence: Evidence,
    /// Follow-up questions an interviewer asks when it is only touched on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub probes: Vec<String>,
}

fn default_weight() -> f32 {
    1.0
}

/// A rubric criterion or red flag that does not apply to a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotApplicable {
    /// A criterion id or a rubric red flag id.
    pub criterion: String,
    /// Why it does not apply here (shown to the user).
    pub why: String,
}

/// An example sentence, in a scenario's own terms, for a general
/// criterion's gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionExample {
    pub criterion: String,
    pub text: String,
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

/// A criterion of at least this weight is *major*: the mock's follow-ups
/// need probe questions for it (`content validate` warns when it has none).
pub const MAJOR_WEIGHT: f32 = 0.8;
/// Most probe questions a key point or criterion should have.
pub const MAX_PROBES: usize = 3;

/// Something a strong answer addresses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// Task types it applies to (empty: every task type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
    /// Follow-up questions an interviewer asks when it is only touched on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub probes: Vec<String>,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique, kebab-case, e.g. `fraud-detection`.
    pub id: String,
    pub title: String,
    /// e.g. `fintech`, `recommendation`.
    pub domain: String,
    /// The kind of ML task (one of `TASK_TYPES`).
    pub task_type: String,
    /// Further task types the scenario also involves (criteria and red
    /// flags for them apply too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_task_types: Vec<String>,
    /// Former ids of this scenario (saved sessions keep working).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
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
    /// What an interviewer listens for on this prompt.
    #[serde(default)]
    pub key_points: Vec<KeyPoint>,
    /// Misconceptions specific to this prompt.
    #[serde(default)]
    pub red_flags: Vec<RedFlag>,
    /// Rubric criteria and red flags that do not apply, with the reason.
    #[serde(default)]
    pub not_applicable: Vec<NotApplicable>,
    /// Example sentences in this scenario's terms for general criteria.
    #[serde(default)]
    pub examples: Vec<CriterionExample>,
    /// Words that show an answer engages with this prompt, besides those
    /// found in its prompt, context and facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vocabulary: Vec<String>,
    /// A strong answer as a candidate would give it, shown after an attempt.
    pub exemplar: String,
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
    /// The scenario with this id (or a former id of it).
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id).or_else(|| {
            self.scenarios
                .iter()
                .find(|s| s.aliases.iter().any(|a| a == id))
        })
    }
}

impl Scenario {
    /// The task types the scenario involves, the main one first.
    pub fn task_types(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.task_type.as_str())
            .chain(self.other_task_types.iter().map(String::as_str))
    }
    pub fn key_point(&self, id: &str) -> Option<&KeyPoint> {
        self.key_points.iter().find(|k| k.id == id)
    }
    /// Why a criterion or red flag does not apply here, if it does not.
    pub fn not_applicable(&self, id: &str) -> Option<&str> {
        self.not_applicable
            .iter()
            .find(|n| n.criterion == id)
            .map(|n| n.why.as_str())
    }
    /// The example sentence for a criterion's gap, in this scenario's terms.
    pub fn example(&self, criterion: &str) -> Option<&str> {
        self.examples
            .iter()
            .find(|e| e.criterion == criterion)
            .map(|e| e.text.as_str())
    }
}

impl Criterion {
    /// Does it apply to a scenario of these task types?
    pub fn applies<'a>(&self, mut task_types: impl Iterator<Item = &'a str>) -> bool {
        self.applies_to.is_empty() || task_types.any(|t| self.applies_to.iter().any(|a| a == t))
    }
}
