//! The client the candidate questions: clarifying questions reveal the
//! scenario's facts.

use crate::core::content::{MockProfile, Scenario};
use crate::core::scoring::PhraseSet;
use std::fmt;
use std::sync::Arc;

/// What the client says when a question matches no fact and the profile
/// has no fallback lines.
pub const DEFAULT_FALLBACK: &str = "I'm not sure I follow. What would you need to know, and why?";

/// How a question is compared with a fact's `unlocked_by` phrases: the
/// number of distinct phrases it matches.
#[derive(Clone)]
enum Matcher {
    Phrases(Arc<Vec<PhraseSet>>),
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
    /// A client matching questions the way evidence phrases are matched
    /// (`core::scoring::PhraseSet`).
    pub fn new(scenario: &Scenario, profile: &MockProfile, seed: u64) -> Client {
        let sets = scenario
            .facts
            .iter()
            .map(|f| PhraseSet::new(&f.unlocked_by))
            .collect();
        Client::build(scenario, profile, seed, Matcher::Phrases(Arc::new(sets)))
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

    fn matches(&self, index: usize, question: &str) -> usize {
        match &self.matcher {
            Matcher::Phrases(sets) => sets.get(index).map_or(0, |s| s.count_matches(question)),
            Matcher::Custom(f) => f(&self.scenario.facts[index].unlocked_by, question),
        }
    }

    /// Answer a clarifying question. The best-matching fact (most phrases
    /// matched; a fact not revealed yet wins a tie, then scenario order)
    /// is revealed; an already revealed fact is answered again but not
    /// counted twice. No match: a fallback line chosen by seed and count.
    /// `None` for a blank question.
    pub fn ask(&mut self, question: &str) -> Option<ClientReply> {
        if question.trim().is_empty() {
            return None;
        }
        let mut best: Option<(usize, bool, usize)> = None; // (count, unrevealed, index)
        for (i, fact) in self.scenario.facts.iter().enumerate() {
            let count = self.matches(i, question);
            if count == 0 {
                continue;
            }
            let unrevealed = !self.revealed.contains(&fact.id);
            let better = match best {
                None => true,
                Some((bc, bu, _)) => count > bc || (count == bc && unrevealed && !bu),
            };
            if better {
                best = Some((count, unrevealed, i));
            }
        }
        if let Some((_, unrevealed, i)) = best {
            let fact = &self.scenario.facts[i];
            if unrevealed {
                self.revealed.push(fact.id.clone());
            }
            return Some(ClientReply {
                fact: Some(fact.id.clone()),
                reply: fact.answer.clone(),
                new_fact: unrevealed,
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
        })
    }
}
