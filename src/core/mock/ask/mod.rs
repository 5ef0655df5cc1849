//! Matching a clarifying question to the fact it asks for, by meaning
//! rather than by exact wording.
//!
//! A question and each fact become bags of *topic stems*: words stemmed
//! (English Porter2), filler dropped, and synonyms folded onto one stem
//! ("payment" → "transaction", "share"/"proportion"/"%" → "rate",
//! "lag"/"late" → "delay"). A fact's topic is the stems of its
//! `unlocked_by` phrases (full weight), of the scenario's vocabulary words
//! found in its answer (full weight) and of the rest of its answer (less).
//!
//! The confidence that a question asks for a fact is the share of the
//! question's topic stems, weighted by how rare each is among the facts,
//! that the fact knows about; an `unlocked_by` phrase found in the
//! question (its stems in order, small gaps allowed; in another order or
//! in part for less) adds to it. What the question asks for — a rate, a
//! number of things, a time or delay, an amount of money — is read from
//! its wording (`lexicon`) and raises the confidence of a fact whose
//! phrases ask for (or, failing those, whose answer gives) that kind of
//! number, and lowers that of one which does not.

mod lexicon;

use crate::core::content::Scenario;
use lexicon::{Normaliser, answers_intent, asked_intents, given_intents};
use std::collections::{HashMap, HashSet};

/// At or above: the question asks for the fact.
pub const CONFIDENT: f32 = 0.5;
/// At or above (and below [`CONFIDENT`]): a near miss, answered with the
/// closest fact.
pub const NEAR_MISS: f32 = 0.3;

/// Added to the confidence when one of the fact's phrases is in the question.
const PHRASE_BONUS: f32 = 0.5;
/// Added when the fact's phrases ask for, or its answer gives, the kind of
/// number the question asks for…
const INTENT_BONUS: f32 = 0.15;
/// …and the factor when it gives none of it.
const INTENT_MISMATCH: f32 = 0.7;
/// Weight added to every question's total: a question of one or two
/// common words cannot be very sure of anything.
const PRIOR: f32 = 0.5;
/// Added for each pair of consecutive question words found together in
/// the fact's answer (at most two).
const PAIR_BONUS: f32 = 0.1;
/// The best fact must lead the next by this much, unless its own
/// phrases matched, to be more than a near miss.
const MARGIN: f32 = 0.05;
/// Two confidences this close are a tie.
const TIE: f32 = 0.05;

/// Weight of a stem found only in a fact's answer (not in its phrases nor
/// in the scenario's vocabulary).
const ANSWER_WEIGHT: f32 = 0.6;
/// Weight of a question stem no fact knows (it still counts against them).
const UNKNOWN_WEIGHT: f32 = 0.7;

/// An `unlocked_by` phrase: its topic stems in order, and the kinds of
/// number its wording asks for ("how many transactions": a count).
#[derive(Debug, Clone)]
struct Phrase {
    stems: Vec<String>,
    /// Its words as written, for a phrase of filler only ("how do we
    /// know"), matched as a whole.
    words: Vec<String>,
    intents: u8,
}

/// A question as the matcher sees it.
struct Question {
    stems: Vec<String>,
    words: Vec<String>,
    intents: u8,
}

/// One fact (or one sentence of the context) as the matcher sees it.
#[derive(Debug, Clone)]
struct Profile {
    phrases: Vec<Phrase>,
    /// Topic stem → weight (1 from phrases and vocabulary, less from the answer).
    topic: HashMap<String, f32>,
    /// The kinds of number its phrases ask for, and its answer gives.
    asked: u8,
    given: u8,
    /// Consecutive topic stems of its answer ("search start", "start
    /// suggest"): a question in the answer's own words.
    pairs: HashSet<(String, String)>,
}

/// How a question matches the facts of a scenario.
pub struct FactMatcher {
    norm: Normaliser,
    facts: Vec<Profile>,
    /// One profile per sentence of the scenario's context.
    context: Vec<(String, Profile)>,
    /// Number of facts whose topic has the stem.
    df: HashMap<String, usize>,
}

impl std::fmt::Debug for FactMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FactMatcher")
            .field("facts", &self.facts.len())
            .finish_non_exhaustive()
    }
}

/// The best match of a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Index of the fact in the scenario.
    pub index: usize,
    pub confidence: f32,
    /// One of the fact's own phrases is in the question.
    pub phrase: bool,
}

impl FactMatcher {
    pub fn new(scenario: &Scenario) -> FactMatcher {
        let norm = Normaliser::new();
        let vocab: HashSet<String> = scenario
            .vocabulary
            .iter()
            .flat_map(|v| norm.stems(v))
            .collect();
        let profile = |phrases_raw: &[String], answer: &str| {
            let phrases: Vec<Phrase> = phrases_raw
                .iter()
                .map(|p| Phrase {
                    stems: norm.stems(p),
                    words: lexicon::words(p),
                    intents: asked_intents(p),
                })
                .filter(|p| !p.words.is_empty())
                .collect();
            let mut topic: HashMap<String, f32> = HashMap::new();
            let answer_stems = norm.stems(answer);
            let pairs = answer_stems
                .windows(2)
                .map(|w| (w[0].clone(), w[1].clone()))
                .collect();
            for s in answer_stems {
                let w = if vocab.contains(&s) {
                    1.0
                } else {
                    ANSWER_WEIGHT
                };
                let e = topic.entry(s).or_insert(0.0);
                *e = e.max(w);
            }
            for s in phrases.iter().flat_map(|p| &p.stems) {
                topic.insert(s.clone(), 1.0);
            }
            Profile {
                asked: phrases.iter().fold(0, |a, p| a | p.intents),
                phrases,
                topic,
                pairs,
                given: given_intents(answer),
            }
        };
        let facts: Vec<Profile> = scenario
            .facts
            .iter()
            .map(|f| profile(&f.unlocked_by, &f.answer))
            .collect();
        let context = sentences(&scenario.context)
            .into_iter()
            .map(|s| {
                let p = profile(&[], &s);
                (s, p)
            })
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        for p in &facts {
            for s in p.topic.keys() {
                *df.entry(s.clone()).or_default() += 1;
            }
        }
        FactMatcher {
            norm,
            facts,
            context,
            df,
        }
    }

    /// How strongly a phrase is found in the question (0–1), if at all:
    /// its words in order, or in another order ("see the estimate" for
    /// "where is the eta shown") for a little less, or, when the question
    /// asks for the same kind of number, half its words ("how much time
    /// does ranking get" for "how long can ranking take"). A phrase of one
    /// word counts half; one of words every fact uses counts less, unless
    /// the question asks for the kind of number it does ("how many
    /// payments" for "how many transactions").
    fn phrase_match(&self, ph: &Phrase, q: &Question) -> Option<f32> {
        let (stems, intents) = (q.stems.as_slice(), q.intents);
        if ph.stems.is_empty() {
            // A phrase of filler words counts as a whole or not at all.
            return contains_in_order(&q.words, &ph.words).then_some(1.0);
        }
        let same_kind = ph.intents & intents != 0;
        let found = ph
            .stems
            .iter()
            .filter(|n| stems.iter().any(|h| same_word(h, n)))
            .count();
        // Part of a phrase counts only with a word of its topic, not just
        // the kind of number ("rate" of "purchase rate").
        let topical = ph
            .stems
            .iter()
            .any(|n| !self.norm.is_kind(n) && stems.iter().any(|h| same_word(h, n)));
        let how = if contains_in_order(stems, &ph.stems) {
            1.0
        } else if found == ph.stems.len() {
            0.7
        } else if same_kind && topical && ph.stems.len() >= 2 && found * 2 >= ph.stems.len() {
            // Less than a whole phrase of one word.
            0.4
        } else {
            return None;
        };
        let most = (1.0 + self.facts.len() as f32).ln().max(0.3);
        let n = ph.stems.len() as f32;
        let mean = ph.stems.iter().map(|s| self.weight(s)).sum::<f32>() / n;
        let rarity = (mean / most).clamp(0.25, 1.0);
        let telling = match (ph.intents & intents, ph.intents != 0 && intents != 0) {
            (0, true) => rarity * 0.5, // "how many requests" for "how much time"
            (0, false) => rarity,
            _ => rarity.max(0.9),
        };
        let length = if ph.stems.len() == 1 { 0.5 } else { 1.0 };
        Some(how * length * telling)
    }

    /// Rarer stems say more about which fact is meant.
    fn weight(&self, stem: &str) -> f32 {
        match self.df.get(stem) {
            Some(&df) => (1.0 + self.facts.len() as f32 / df as f32).ln().max(0.3),
            None => UNKNOWN_WEIGHT,
        }
    }

    /// A question's stems, each spelt as the facts spell it when the
    /// stemmer left the two apart ("imbalanc" → "imbal").
    fn question_stems(&self, question: &str) -> Vec<String> {
        self.norm
            .stems(question)
            .into_iter()
            .map(|s| {
                if self.df.contains_key(&s) {
                    return s;
                }
                let mut known: Vec<&String> = self.df.keys().filter(|k| same_word(k, &s)).collect();
                known.sort();
                known.first().map_or(s.clone(), |k| (*k).clone())
            })
            .collect()
    }

    fn question(&self, text: &str) -> Question {
        Question {
            stems: self.question_stems(text),
            words: lexicon::words(text),
            intents: asked_intents(text),
        }
    }

    fn score(&self, p: &Profile, q: &Question) -> (f32, bool) {
        let (stems, intents) = (q.stems.as_slice(), q.intents);
        let mut seen = HashSet::new();
        let distinct: Vec<&String> = stems.iter().filter(|s| seen.insert(*s)).collect();
        let total: f32 = distinct.iter().map(|s| self.weight(s)).sum();
        let known: f32 = distinct
            .iter()
            .map(|s| self.weight(s) * topic_weight(&p.topic, s))
            .sum();
        // The strongest of the fact's phrases found in the question.
        let phrase = p
            .phrases
            .iter()
            .filter_map(|ph| self.phrase_match(ph, q))
            .reduce(f32::max);
        // One word of the question found in passing in the answer ("your
        // favourite colour" and "favourites" in a list of logged events)
        // is not a match: it takes a phrase, a word of the fact's own
        // phrases, two words, or the kind of number the question asks for.
        let hits: Vec<&&String> = distinct
            .iter()
            .filter(|s| topic_weight(&p.topic, s) > 0.0)
            .collect();
        let own = hits.iter().any(|s| {
            p.phrases
                .iter()
                .any(|ph| ph.stems.iter().any(|x| same_word(x, s)))
        });
        let kinds = if p.asked != 0 { p.asked } else { p.given };
        let same_kind = intents != 0 && answers_intent(kinds, intents);
        if phrase.is_none() && !own && hits.len() < 2 && !same_kind {
            return (0.0, false);
        }
        let mut c = known / (total + PRIOR);
        if let Some(strength) = phrase {
            c += PHRASE_BONUS * strength;
        }
        let phrase = phrase.is_some();
        let shared = stems
            .windows(2)
            .filter(|w| p.pairs.contains(&(w[0].clone(), w[1].clone())))
            .count();
        c += PAIR_BONUS * shared.min(2) as f32;
        if intents != 0 {
            // What its phrases ask for says what the fact is about; a
            // number its answer gives in passing neither helps nor hurts.
            // What its phrases ask for says what the fact is about; its
            // answer may give other numbers in passing.
            if same_kind {
                c += INTENT_BONUS;
            } else {
                c *= INTENT_MISMATCH;
            }
        }
        (c, phrase)
    }

    /// Every fact with its confidence for `question`, best first (ties in
    /// scenario order).
    pub fn rank(&self, question: &str) -> Vec<Ranked> {
        let q = self.question(question);
        let mut out: Vec<Ranked> = self
            .facts
            .iter()
            .enumerate()
            .map(|(index, p)| {
                let (confidence, phrase) = self.score(p, &q);
                Ranked {
                    index,
                    confidence,
                    phrase,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then(a.index.cmp(&b.index))
        });
        out
    }

    /// The sentence of the scenario's context that answers the question,
    /// when one clearly does.
    pub fn from_context(&self, question: &str) -> Option<(&str, f32)> {
        let q = self.question(question);
        self.context
            .iter()
            .map(|(s, p)| (s.as_str(), self.score(p, &q).0))
            .filter(|(_, c)| *c >= CONFIDENT)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// Which fact answers a question, from its ranking: `None` when none is
/// close enough. A fact is given as a near miss (the flag) when it is not
/// confident, or when another is about as close and neither on the
/// strength of its own phrases (the question is vague). Among the facts
/// within [`TIE`] of the best, the first that `prefer` accepts (say, one
/// not revealed yet) wins.
pub fn choose(ranked: &[Ranked], prefer: impl Fn(usize) -> bool) -> Option<(usize, bool)> {
    let top = *ranked.first()?;
    if top.confidence < NEAR_MISS {
        return None;
    }
    let second = ranked.get(1).map_or(0.0, |r| r.confidence);
    let vague = !top.phrase && top.confidence - second < MARGIN;
    let pick = ranked
        .iter()
        .take_while(|r| top.confidence - r.confidence <= TIE)
        .find(|r| prefer(r.index))
        .unwrap_or(&top);
    Some((pick.index, vague || top.confidence < CONFIDENT))
}

/// Two stems that are the same word: equal, or one a prefix of the other
/// of at least five letters (the stemmer leaves "imbalanc" and "imbal").
fn same_word(a: &str, b: &str) -> bool {
    a == b || {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short.len() >= 5 && long.starts_with(short)
    }
}

/// A stem's weight in a fact's topic (a prefix match counts a little less).
fn topic_weight(topic: &HashMap<String, f32>, stem: &str) -> f32 {
    if let Some(&w) = topic.get(stem) {
        return w;
    }
    topic
        .iter()
        .filter(|(t, _)| same_word(t, stem))
        .map(|(_, &w)| w * 0.8)
        .fold(0.0, f32::max)
}

/// `needle` appears in `hay` in order, with at most two other stems
/// between consecutive ones.
fn contains_in_order(hay: &[String], needle: &[String]) -> bool {
    if needle.is_empty() {
        return false;
    }
    (0..hay.len()).any(|start| {
        if !same_word(&hay[start], &needle[0]) {
            return false;
        }
        let mut at = start;
        for n in &needle[1..] {
            match hay[at + 1..].iter().take(3).position(|h| same_word(h, n)) {
                Some(k) => at += k + 1,
                None => return false,
            }
        }
        true
    })
}

/// The sentences of a paragraph (split after `.`, `!`, `?` before a space).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let end =
            matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if end {
            let s = cur.split_whitespace().collect::<Vec<_>>().join(" ");
            if !s.is_empty() {
                out.push(s);
            }
            cur.clear();
        }
    }
    let s = cur.split_whitespace().collect::<Vec<_>>().join(" ");
    if !s.is_empty() {
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_with_small_gaps() {
        let s = |t: &str| t.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(contains_in_order(&s("a x b"), &s("a b")));
        assert!(contains_in_order(&s("a x y b"), &s("a b")));
        assert!(!contains_in_order(&s("a x y z b"), &s("a b")));
        assert!(!contains_in_order(&s("b a"), &s("a b")));
    }

    #[test]
    fn sentences_split_on_stops() {
        assert_eq!(
            sentences("Monthly churn is 1.8 %. We have 120 agents! Fine"),
            vec!["Monthly churn is 1.8 %.", "We have 120 agents!", "Fine"]
        );
    }
}
