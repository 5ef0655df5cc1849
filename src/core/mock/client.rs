//! The client the candidate questions: clarifying questions reveal the
//! scenario's facts.
//!
//! A question is matched to the facts by meaning ([`FactMatcher`]): a
//! confident match reveals the fact; a near miss is answered with the
//! closest fact ("If you mean the chargeback delay: …"); a question the
//! facts do not answer but a sentence of the brief does gets that
//! sentence; anything else gets a fallback line that invites an
//! assumption and never claims the data does not exist.

use super::ask::{FactMatcher, Ranked, choose};
use crate::core::content::{MockProfile, Scenario};
use std::fmt;
use std::sync::Arc;

/// What the client says when a question matches no fact and the profile
/// has no fallback lines.
pub const DEFAULT_FALLBACK: &str =
    "Good question. What would you assume, and how would you check it?";

/// How a question is compared with the facts.
#[derive(Clone)]
enum Matcher {
    Meaning(Arc<FactMatcher>),
    /// `f(unlocked_by, question)`: how many of the phrases the question
    /// matches (any match is confident).
    Custom(fn(&[String], &str) -> usize),
}

/// The client's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientReply {
    /// The fact revealed (or revealed again), if any.
    pub fact: Option<String>,
    pub reply: String,
    /// True when this question revealed the fact for the first time.
    pub new_fact: bool,
    /// The question was not clearly about the fact: the closest one was
    /// given.
    pub near_miss: bool,
}

#[derive(Clone)]
pub struct Client {
    scenario: Scenario,
    fallbacks: Vec<String>,
    seed: u64,
    matcher: Matcher,
    revealed: Vec<String>,
    fallback_count: u64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("scenario", &self.scenario.id)
            .field("revealed", &self.revealed)
            .field("fallback_count", &self.fallback_count)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client matching questions to facts by meaning ([`FactMatcher`]).
    pub fn new(scenario: &Scenario, profile: &MockProfile, seed: u64) -> Client {
        let m = FactMatcher::new(scenario);
        Client::build(scenario, profile, seed, Matcher::Meaning(Arc::new(m)))
    }

    /// A client with a custom matcher: `matcher(unlocked_by, question)`
    /// returns how many of the phrases the question matches.
    pub fn with_matcher(
        scenario: &Scenario,
        profile: &MockProfile,
        seed: u64,
        matcher: fn(&[String], &str) -> usize,
    ) -> Client {
        Client::build(scenario, profile, seed, Matcher::Custom(matcher))
    }

    fn build(scenario: &Scenario, profile: &MockProfile, seed: u64, matcher: Matcher) -> Client {
        Client {
            scenario: scenario.clone(),
            fallbacks: profile.fallback_answers.clone(),
            seed,
            matcher,
            revealed: Vec::new(),
            fallback_count: 0,
        }
    }

    /// Facts revealed so far, in the order they were revealed.
    pub fn revealed(&self) -> &[String] {
        &self.revealed
    }

    /// Mark a fact as revealed (when resuming a session).
    pub fn mark_revealed(&mut self, fact: &str) {
        if !self.revealed.iter().any(|r| r == fact) {
            self.revealed.push(fact.to_string());
        }
    }

    /// Restore the number of fallback answers given (when resuming).
    pub fn set_fallback_count(&mut self, n: u64) {
        self.fallback_count = n;
    }

    /// Each fact's confidence for the question, best first.
    fn ranked(&self, question: &str) -> Vec<Ranked> {
        match &self.matcher {
            Matcher::Meaning(m) => m.rank(question),
            Matcher::Custom(f) => {
                let mut v: Vec<Ranked> = (self.scenario.facts.iter().enumerate())
                    .map(|(index, fact)| {
                        let n = f(&fact.unlocked_by, question);
                        Ranked {
                            index,
                            confidence: if n == 0 { 0.0 } else { 1.0 + n as f32 },
                            phrase: n > 0,
                        }
                    })
                    .collect();
                v.sort_by(|a, b| {
                    b.confidence
                        .total_cmp(&a.confidence)
                        .then(a.index.cmp(&b.index))
                });
                v
            }
        }
    }

    /// The fact to answer with, and whether it is only a near miss (see
    /// [`choose`]; a fact not revealed yet wins a tie).
    fn best(&self, question: &str) -> Option<(usize, bool)> {
        let ranked = self.ranked(question);
        choose(&ranked, |i| {
            !self.revealed.contains(&self.scenario.facts[i].id)
        })
    }

    /// Answer a clarifying question: the fact it asks for (a fact already
    /// revealed is answered again but not counted twice), the closest fact
    /// for a near miss, a sentence of the brief, or a fallback line chosen
    /// by seed and count. `None` for a blank question.
    pub fn ask(&mut self, question: &str) -> Option<ClientReply> {
        if question.trim().is_empty() {
            return None;
        }
        if let Some((i, near_miss)) = self.best(question) {
            let fact = &self.scenario.facts[i];
            let unrevealed = !self.revealed.contains(&fact.id);
            if unrevealed {
                self.revealed.push(fact.id.clone());
            }
            let answer = fact.answer.trim();
            let reply = if near_miss {
                format!(
                    "If you mean the {}: {answer}",
                    fact.id.replace(['-', '_'], " ")
                )
            } else {
                answer.to_string()
            };
            return Some(ClientReply {
                fact: Some(fact.id.clone()),
                reply,
                new_fact: unrevealed,
                near_miss,
            });
        }
        if let Matcher::Meaning(m) = &self.matcher
            && let Some((sentence, _)) = m.from_context(question)
        {
            // Counted like a fallback: a resumed session replays the count
            // from the events that revealed no fact.
            self.fallback_count += 1;
            return Some(ClientReply {
                fact: None,
                reply: format!("As in the brief: {sentence}"),
                new_fact: false,
                near_miss: false,
            });
        }
        let reply = if self.fallbacks.is_empty() {
            DEFAULT_FALLBACK.to_string()
        } else {
            let n = self.fallbacks.len() as u64;
            let i = self.seed.wrapping_add(self.fallback_count) % n;
            self.fallbacks[i as usize].clone()
        };
        self.fallback_count += 1;
        Some(ClientReply {
            fact: None,
            reply,
            new_fact: false,
            near_miss: false,
        })
    }
}
