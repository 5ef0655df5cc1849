//! Compiling a rubric and a scenario into what the scorer matches against:
//! *targets* (the criteria that apply, the scenario's key points and the
//! red flags that apply), each a set of concepts whose phrases and
//! patterns go into one [`Matcher`]; the markers of deferral and of
//! rejecting an idea; the prompt's vocabulary; the rubric's own texts for
//! echo detection.

use super::echo::Echo;
use super::markers;
use super::matcher::Matcher;
use super::types::{Skip, Skipped};
use super::vocab::Vocab;
use super::words::Lexicon;
use crate::core::content::{Criterion, Evidence, RedFlag, Rubric, Scenario, ScoringSettings};
use std::collections::HashMap;

/// What a phrase or pattern means when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A concept of a target.
    Concept { target: u32, concept: u16 },
    /// Hands the topic to someone else ("the platform team will handle").
    HandOff,
    /// Puts the topic off ("after launch", "later").
    PutOff,
    /// Waves a need away ("is fine", "no need for", "already covers").
    Dismiss,
    /// Commits to nothing ("maybe", "it depends on what the business wants").
    Hedge,
    /// Shows the sentence rejects an idea ("misleading", "instead of"):
    /// for every red flag (`None`) or one.
    Veto(Option<u32>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Criterion,
    KeyPoint,
    Flag,
}

#[derive(Debug, Clone)]
pub struct Concept {
    pub name: String,
    pub qualifier: bool,
    pub allow_negation: bool,
}

/// A criterion, key point or red flag, compiled.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: Kind,
    pub id: String,
    pub area: String,
    pub label: String,
    /// Effective weight (a criterion's weight × the scenario's emphasis).
    pub weight: f32,
    pub need: usize,
    pub concepts: Vec<Concept>,
    /// Earned only where the client spoke (client-area criteria).
    pub client_only: bool,
    pub why: String,
    pub hint: String,
    pub source: String,
    pub example: Option<String>,
    pub emphasis: Option<String>,
    /// A red flag's advice.
    pub instead: String,
}

#[derive(Debug, Clone)]
pub struct AreaInfo {
    pub id: String,
    pub title: String,
    pub weight: f32,
}

/// Everything the scorer needs, compiled once.
pub struct Compiled {
    pub lexicon: Lexicon,
    pub matcher: Matcher,
    pub owners: Vec<Owner>,
    pub targets: Vec<Target>,
    pub skipped: Vec<Skipped>,
    pub areas: Vec<AreaInfo>,
    pub vocab: Vocab,
    pub echo: Echo,
    pub settings: ScoringSettings,
    /// Question ids that voice the client (the client area's questions).
    pub client_questions: Vec<String>,
    /// Question id → the targets it asks about.
    pub question_targets: HashMap<String, Vec<u32>>,
    pub task_type: Option<String>,
}

/// What a scorer is compiled for.
pub enum Subject<'a> {
    Scenario(&'a Scenario),
    /// A prompt that matches no scenario: the general rubric, with the
    /// prompt's words as its vocabulary.
    Prompt(&'a str),
    /// Nothing to judge fit against.
    None,
}

impl Compiled {
    pub fn new(rubric: &Rubric, all: &[Scenario], subject: Subject<'_>) -> Compiled {
        let scenario = match subject {
            Subject::Scenario(s) => Some(s),
            _ => None,
        };
        let mut c = Compiled {
            lexicon: Lexicon::default(),
            matcher: Matcher::default(),
            owners: Vec::new(),
            targets: Vec::new(),
            skipped: Vec::new(),
            areas: rubric
                .areas
                .iter()
                .map(|a| AreaInfo {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    weight: a.weight,
                })
                .collect(),
            vocab: Vocab::default(),
            echo: Echo::default(),
            settings: rubric.scoring.clone(),
            client_questions: rubric
                .areas
                .iter()
                .filter(|a| a.id == "client")
                .flat_map(|a| a.questions.iter().map(|q| q.id.clone()))
                .collect(),
            question_targets: HashMap::new(),
            task_type: scenario.map(|s| s.task_type.clone()),
        };
        let task_types: Vec<&str> = scenario
            .map(|s| s.task_types().collect())
            .unwrap_or_default();
        let applies = |applies_to: &[String]| {
            applies_to.is_empty()
                || task_types.is_empty()
                || task_types.iter().any(|t| applies_to.iter().any(|a| a == t))
        };
        // Criteria: the rubric's, then the scenario's own.
        let own_criteria = scenario.map(|s| s.criteria.as_slice()).unwrap_or_default();
        for cr in rubric.criteria.iter().chain(own_criteria) {
            if let Some(why) = scenario.and_then(|s| s.not_applicable(&cr.id)) {
                c.skip(cr, Skip::NotApplicable(why.to_string()));
                continue;
            }
            if !applies(&cr.applies_to) {
                let why = format!(
                    "Not part of a {} problem.",
                    scenario
                        .map(|s| s.task_type.replace('-', " "))
                        .unwrap_or_default()
                );
                c.skip(cr, Skip::NotApplicable(why));
                continue;
            }
            c.add_criterion(cr, scenario);
        }
        if let Some(s) = scenario {
            for k in &s.key_points {
                let t = c.add_target(
                    Target {
                        kind: Kind::KeyPoint,
                        id: k.id.clone(),
                        area: k.area.clone(),
                        label: k.label.clone(),
                        weight: k.weight,
                        need: 0,
                        concepts: Vec::new(),
                        client_only: false,
                        why: k.why.clone(),
                        hint: k.hint.clone(),
                        source: String::new(),
                        example: Some(k.example.clone()),
                        emphasis: None,
                        instead: String::new(),
                    },
                    &k.evidence,
                );
                let _ = t;
            }
        }
        // Red flags: the rubric's that apply, then the scenario's.
        let scenario_flags = scenario.map(|s| s.red_flags.as_slice()).unwrap_or_default();
        for f in &rubric.red_flags {
            let off = scenario.is_some_and(|s| s.not_applicable(&f.id).is_some());
            if !off && applies(&f.applies_to) && !task_types.is_empty() {
                c.add_flag(f);
            }
        }
        for f in scenario_flags {
            c.add_flag(f);
        }
        // Questions → targets.
        for (_, q) in rubric.questions() {
            let ids: Vec<u32> = q
                .criteria
                .iter()
                .filter_map(|id| c.target_index(id))
                .collect();
            c.question_targets.insert(q.id.clone(), ids);
        }
        markers::add(&mut c);
        c.matcher.finish();
        c.vocab = match subject {
            Subject::Scenario(s) => Vocab::of_scenario(&mut c.lexicon, s, all, rubric),
            Subject::Prompt(p) => Vocab::new(&mut c.lexicon, p, None, all, rubric),
            Subject::None => Vocab::default(),
        };
        add_echo_texts(&mut c, rubric, scenario);
        c
    }

    pub fn target_index(&self, id: &str) -> Option<u32> {
        self.targets
            .iter()
            .position(|t| t.id == id && t.kind != Kind::Flag)
            .map(|i| i as u32)
    }

    fn skip(&mut self, cr: &Criterion, why: Skip) {
        self.skipped.push(Skipped {
            id: cr.id.clone(),
            area: cr.area.clone(),
            label: cr.label.clone(),
            reason: why,
        });
    }

    fn add_criterion(&mut self, cr: &Criterion, scenario: Option<&Scenario>) {
        let emphasis = scenario.and_then(|s| s.emphasis.iter().find(|e| e.criterion == cr.id));
        self.add_target(
            Target {
                kind: Kind::Criterion,
                id: cr.id.clone(),
                area: cr.area.clone(),
                label: cr.label.clone(),
                weight: cr.weight * emphasis.map_or(1.0, |e| e.weight),
                need: 0,
                concepts: Vec::new(),
                client_only: cr.area == "client",
                why: cr.gap.clone(),
                hint: cr.hint.clone(),
                source: cr.source.clone(),
                example: scenario.and_then(|s| s.example(&cr.id)).map(str::to_string),
                emphasis: emphasis.map(|e| e.why.clone()),
                instead: String::new(),
            },
            &cr.evidence,
        );
    }

    fn add_flag(&mut self, f: &RedFlag) {
        let t = self.add_target(
            Target {
                kind: Kind::Flag,
                id: f.id.clone(),
                area: String::new(),
                label: f.label.clone(),
                weight: 0.0,
                need: 0,
                concepts: Vec::new(),
                client_only: false,
                why: f.why.clone(),
                hint: String::new(),
                source: String::new(),
                example: None,
                emphasis: None,
                instead: f.instead.clone(),
            },
            &f.evidence,
        );
        for phrase in &f.unless {
            let owner = self.owner(Owner::Veto(Some(t)));
            self.matcher.add_phrase(&mut self.lexicon, phrase, owner);
        }
    }

    /// Adds a target and its evidence; returns its index.
    fn add_target(&mut self, mut t: Target, evidence: &Evidence) -> u32 {
        let idx = self.targets.len() as u32;
        t.need = evidence
            .need
            .unwrap_or(evidence.concepts.len())
            .clamp(1, evidence.concepts.len().max(1));
        for (ci, concept) in evidence.concepts.iter().enumerate() {
            t.concepts.push(Concept {
                name: concept.name.clone(),
                qualifier: concept.qualifier,
                allow_negation: concept.allow_negation,
            });
            let owner = self.owner(Owner::Concept {
                target: idx,
                concept: ci as u16,
            });
            for p in &concept.phrases {
                if t.kind == Kind::Flag {
                    self.matcher.add_exact_phrase(&mut self.lexicon, p, owner);
                } else {
                    self.matcher.add_phrase(&mut self.lexicon, p, owner);
                }
            }
            for p in &concept.patterns {
                self.matcher.add_pattern(p, owner);
            }
        }
        self.targets.push(t);
        idx
    }

    pub fn owner(&mut self, o: Owner) -> u32 {
        if let Some(i) = self.owners.iter().position(|x| *x == o) {
            return i as u32;
        }
        self.owners.push(o);
        (self.owners.len() - 1) as u32
    }
}

/// The rubric's own texts a sentence must not copy.
fn add_echo_texts(c: &mut Compiled, rubric: &Rubric, scenario: Option<&Scenario>) {
    let mut texts: Vec<&str> = Vec::new();
    for a in &rubric.areas {
        for q in &a.questions {
            texts.extend([q.prompt.as_str(), q.why.as_str(), q.hint.as_str()]);
        }
    }
    for cr in &rubric.criteria {
        texts.extend([cr.label.as_str(), cr.gap.as_str(), cr.hint.as_str()]);
    }
    for f in &rubric.red_flags {
        texts.extend([f.label.as_str(), f.why.as_str(), f.instead.as_str()]);
    }
    if let Some(s) = scenario {
        for k in &s.key_points {
            texts.extend([
                k.label.as_str(),
                k.why.as_str(),
                k.hint.as_str(),
                k.example.as_str(),
            ]);
        }
        for f in &s.red_flags {
            texts.extend([f.label.as_str(), f.why.as_str(), f.instead.as_str()]);
        }
        for e in &s.examples {
            texts.push(e.text.as_str());
        }
        for e in &s.emphasis {
            texts.push(e.why.as_str());
        }
        for cr in &s.criteria {
            texts.extend([cr.label.as_str(), cr.gap.as_str(), cr.hint.as_str()]);
        }
    }
    for t in texts {
        c.echo.add(&mut c.lexicon, t);
    }
    if let Some(s) = scenario {
        let given = [s.prompt.as_str(), s.context.as_str()]
            .into_iter()
            .chain(s.facts.iter().map(|f| f.answer.as_str()))
            .chain(s.curveballs.iter().map(|b| b.text.as_str()));
        for t in given {
            c.echo.allow(&mut c.lexicon, t);
        }
    }
}
