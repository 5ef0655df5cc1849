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
//! question (its stems in order, small gaps allowed) adds to it. What the question asks for — a rate, a number of
//! things, a time or delay, an amount of money — is read from its wording
//! and raises the confidence of a fact whose answer gives that kind of
//! number, and lowers that of one which gives none of it.

use crate::core::content::Scenario;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};

/// At or above: the question asks for the fact.
pub const CONFIDENT: f32 = 0.5;
/// At or above (and below [`CONFIDENT`]): a near miss, answered with the
/// closest fact.
pub const NEAR_MISS: f32 = 0.3;

/// Added to the confidence when one of the fact's phrases is in the question.
const PHRASE_BONUS: f32 = 0.5;
/// Added when the fact gives the kind of number the question asks for…
const INTENT_BONUS: f32 = 0.15;
/// …and the factor when it gives none of it.
const INTENT_MISMATCH: f32 = 0.7;
/// Weight added to every question's total: a question of one or two
/// common words cannot be very sure of anything.
const PRIOR: f32 = 0.5;
/// The best fact must lead the next by this much, unless its own
/// phrases matched.
const MARGIN: f32 = 0.1;
/// Two confidences this close are a tie.
const TIE: f32 = 0.05;

/// Weight of a stem found only in a fact's answer (not in its phrases nor
/// in the scenario's vocabulary).
const ANSWER_WEIGHT: f32 = 0.6;
/// Weight of a question stem no fact knows (it still counts against them).
const UNKNOWN_WEIGHT: f32 = 0.7;

/// What kind of answer a question asks for, or a fact gives.
const RATE: u8 = 1;
const COUNT: u8 = 1 << 1;
const TIME: u8 = 1 << 2;
const MONEY: u8 = 1 << 3;

#[rustfmt::skip]
const FILLER: &[&str] = &[
    "a", "about", "across", "actually", "after", "again", "all", "already", "also", "am", "an",
    "and", "any", "anything", "approximately", "are", "around", "as", "at", "be", "been", "being",
    "both", "but", "by", "can", "could", "currently", "did", "do", "does", "doing", "each",
    "else", "exactly", "for", "from", "get", "give", "go", "got", "had", "has", "have", "having",
    "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "kind",
    "know", "let", "like", "look", "lot", "many", "may", "me", "might", "more", "most", "much",
    "must", "my", "need", "of", "on", "one", "or", "our", "ours", "out", "over", "please",
    "quite", "rather", "really", "right", "roughly", "s", "say", "see", "she", "should", "so",
    "some", "sort", "such", "tell", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "thing", "things", "think", "this", "those", "to", "today", "typical",
    "typically", "up", "us", "usual", "usually", "very", "want", "was", "we", "were", "what",
    "whats", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "you", "your", "yours", "ll", "re", "ve", "d", "t", "don", "isn", "aren", "doesn",
    "currently", "generally", "overall", "idea", "sense", "wonder", "wondering", "curious",
    "guess", "estimate", "dont", "long", "soon", "often", "big", "large", "before", "come",
    "happen", "happens",
];

/// Synonym groups: every word of a group (stemmed) counts as the first.
#[rustfmt::skip]
const SYNONYMS: &[&[&str]] = &[
    &[
        "rate", "share", "fraction", "proportion", "percentage", "percent", "ratio", "prevalence",
        "portion", "frequency", "frequent", "common", "rare", "incidence", "likely",
    ],
    &["delay", "lag", "late", "later", "wait", "until", "lead", "turnaround"],
    &["latency", "millisecond", "ms", "fast", "quick", "quickly", "speed", "respond", "response"],
    &[
        "cost", "price", "expense", "expensive", "spend", "budget", "money", "euro", "dollar",
        "pound", "loss", "lose", "lost", "cheap", "pay",
    ],
    &["volume", "traffic", "throughput", "scale", "load", "qps", "rps", "amount"],
    &["transaction", "payment", "purchase", "charge"],
    &["user", "customer", "subscriber", "member", "people", "person", "client", "shopper"],
    &["label", "annotation", "annotate", "annotator", "truth", "tag", "tagged", "outcome"],
    &["fraud", "fraudulent", "fraudster", "scam"],
    &["data", "dataset", "record", "log", "logged", "history", "historical"],
    &["image", "photo", "picture", "scan", "frame"],
    &["document", "pdf", "file", "invoice", "form"],
    &["email", "mail", "message", "inbox"],
    &["churn", "cancel", "cancellation", "leave", "quit", "attrition"],
    &["device", "phone", "mobile", "handset"],
    &["regulation", "regulator", "compliance", "legal", "law", "gdpr", "regulatory", "audit"],
    &["explain", "explanation", "interpret", "interpretable", "justify", "reason"],
    &["deadline", "launch", "timeline", "ship", "live", "date"],
    &["compute", "hardware", "gpu", "server", "infrastructure", "cluster", "machine"],
    &["team", "staff", "engineer", "analyst", "agent", "reviewer", "moderator"],
    &["accuracy", "performance", "precision", "recall", "metric", "kpi"],
    &["day", "daily"],
    &["week", "weekly"],
    &["month", "monthly"],
    &["hour", "hourly"],
    &["year", "annual", "yearly"],
];

/// Wordings that ask for a kind of number.
#[rustfmt::skip]
const INTENT_CUES: &[(u8, &[&str])] = &[
    (RATE, &[
        "what share", "what fraction", "what proportion", "what percent", "percentage",
        "how common", "how rare", "how often", "how frequent", "what portion", "rate", "ratio",
        "prevalence", "%", "per cent", "percent", "how likely",
    ]),
    (COUNT, &[
        "how many", "how much data", "how big", "volume", "number of", "size of", "scale",
        "per second", "per day", "a day", "traffic", "throughput", "how large",
    ]),
    (TIME, &[
        "how long", "how soon", "how late", "how quickly", "how fast", "until", "delay", "lag",
        "latency", "deadline", "timeline", "when do", "when does", "when will", "when can",
        "how old", "how fresh", "how recent",
    ]),
    (MONEY, &[
        "how much does", "how much do", "how much is", "how much money", "cost", "price",
        "budget", "spend", "expensive", "worth", "lose", "money", "revenue", "euro", "dollar",
    ]),
];

#[rustfmt::skip]
const TIME_UNITS: &[&str] = &[
    "ms", "millisecond", "milliseconds", "second", "seconds", "minute", "minutes", "hour",
    "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
];

/// One fact (or one sentence of the context) as the matcher sees it.
#[derive(Debug, Clone)]
struct Profile {
    /// Each `unlocked_by` phrase as topic stems, in order.
    phrases: Vec<Vec<String>>,
    /// Topic stem → weight (1 from phrases and vocabulary, less from the answer).
    topic: HashMap<String, f32>,
    intents: u8,
}

/// Words → topic stems, shared by questions and facts.
struct Normaliser {
    stemmer: Stemmer,
    filler: HashSet<&'static str>,
    /// Stem → the stem of its group's first word.
    canon: HashMap<String, String>,
}

impl Normaliser {
    fn new() -> Normaliser {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut canon = HashMap::new();
        for group in SYNONYMS {
            let head = stemmer.stem(group[0]).into_owned();
            for w in *group {
                canon.insert(stemmer.stem(w).into_owned(), head.clone());
            }
        }
        Normaliser {
            stemmer,
            filler: FILLER.iter().copied().collect(),
            canon,
        }
    }

    /// The topic stems of a text, in order (filler dropped, synonyms folded).
    fn stems(&self, text: &str) -> Vec<String> {
        words(text)
            .into_iter()
            .filter(|w| !self.filler.contains(w.as_str()))
            .map(|w| {
                let stem = if w.chars().any(|c| c.is_ascii_digit()) {
                    w
                } else {
                    self.stemmer.stem(&w).into_owned()
                };
                self.canon.get(&stem).cloned().unwrap_or(stem)
            })
            .collect()
    }
}

/// Lower-cased words; `%` is a word of its own ("percent"), apostrophes
/// join ("what's" → "whats"), digits stay with their number ("1,200" →
/// "1200").
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') && !cur.is_empty() {
            // what's → whats
        } else if matches!(c, ',' | '.')
            && next_digit
            && cur.chars().all(|d| d.is_ascii_digit())
            && !cur.is_empty()
        {
            // 1,200 → 1200; 0.15 stays one token
            if c == '.' {
                cur.push('.');
            }
        } else {
            flush(&mut cur, &mut out);
            if c == '%' {
                out.push("percent".into());
            } else if c == '€' || c == '$' || c == '£' {
                out.push("money".into());
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The kinds of number a question's wording asks for (a cue matches at
/// the start of a word: "cost" in "costs", "percent" in "percentage").
fn asked_intents(text: &str) -> u8 {
    let joined = format!(" {}", words(text).join(" "));
    INTENT_CUES
        .iter()
        .filter(|(_, cues)| {
            cues.iter()
                .any(|c| joined.contains(&format!(" {}", c.replace('%', "percent"))))
        })
        .fold(0, |acc, (bit, _)| acc | bit)
}

/// The kinds of number an answer gives.
fn given_intents(answer: &str) -> u8 {
    let w = words(answer);
    let mut out = 0;
    for (i, word) in w.iter().enumerate() {
        let number = word.chars().next().is_some_and(|c| c.is_ascii_digit())
            || matches!(
                word.as_str(),
                "one" | "two" | "three" | "few" | "several" | "half"
            );
        let next = w.get(i + 1).map(String::as_str).unwrap_or("");
        match word.as_str() {
            "percent" => out |= RATE,
            "money" | "euro" | "euros" | "dollar" | "dollars" | "pounds" | "cost" | "costs" => {
                out |= MONEY
            }
            "million" | "thousand" | "billion" => out |= COUNT,
            _ if number && TIME_UNITS.contains(&next) => out |= TIME,
            _ if number && word.len() >= 3 && word.chars().all(|c| c.is_ascii_digit()) => {
                out |= COUNT
            }
            _ => {}
        }
    }
    out
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
        let profile = |phrases: &[String], answer: &str| {
            let phrases: Vec<Vec<String>> = phrases
                .iter()
                .map(|p| norm.stems(p))
                .filter(|p| !p.is_empty())
                .collect();
            let mut topic: HashMap<String, f32> = HashMap::new();
            for s in norm.stems(answer) {
                let w = if vocab.contains(&s) {
                    1.0
                } else {
                    ANSWER_WEIGHT
                };
                let e = topic.entry(s).or_insert(0.0);
                *e = e.max(w);
            }
            for s in phrases.iter().flatten() {
                topic.insert(s.clone(), 1.0);
            }
            Profile {
                phrases,
                topic,
                intents: given_intents(answer),
            }
        };
        let facts: Vec<Profile> = scenario
            .facts
            .iter()
            .map(|f| {
                let mut p = profile(&f.unlocked_by, &f.answer);
                p.intents |= f.unlocked_by.iter().fold(0, |a, u| a | asked_intents(u));
                p
            })
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

    fn score(&self, p: &Profile, stems: &[String], intents: u8) -> (f32, bool) {
        let mut seen = HashSet::new();
        let distinct: Vec<&String> = stems.iter().filter(|s| seen.insert(*s)).collect();
        let total: f32 = distinct.iter().map(|s| self.weight(s)).sum();
        let known: f32 = distinct
            .iter()
            .map(|s| self.weight(s) * topic_weight(&p.topic, s))
            .sum();
        if known <= 0.0 {
            return (0.0, false);
        }
        // The longest of the fact's phrases found in the question.
        let phrase = p
            .phrases
            .iter()
            .filter(|ph| contains_in_order(stems, ph))
            .map(Vec::len)
            .max();
        let mut c = known / (total + PRIOR);
        match phrase {
            Some(1) => c += PHRASE_BONUS / 2.0,
            Some(_) => c += PHRASE_BONUS,
            None => {}
        }
        let phrase = phrase.is_some();
        if intents != 0 {
            if p.intents & intents != 0 {
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
        let stems = self.question_stems(question);
        let intents = asked_intents(question);
        let mut out: Vec<Ranked> = self
            .facts
            .iter()
            .enumerate()
            .map(|(index, p)| {
                let (confidence, phrase) = self.score(p, &stems, intents);
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
        let stems = self.question_stems(question);
        let intents = asked_intents(question);
        self.context
            .iter()
            .map(|(s, p)| (s.as_str(), self.score(p, &stems, intents).0))
            .filter(|(_, c)| *c >= CONFIDENT)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// Which fact answers a question, from its ranking: `None` when none is
/// close enough, or when several are equally close and none of them on
/// the strength of its own phrases (the question is too vague to pick
/// one). Among the facts within [`TIE`] of the best, the first that
/// `prefer` accepts (say, one not revealed yet) wins. The flag is true
/// for a near miss.
pub fn choose(ranked: &[Ranked], prefer: impl Fn(usize) -> bool) -> Option<(usize, bool)> {
    let top = *ranked.first()?;
    if top.confidence < NEAR_MISS {
        return None;
    }
    let second = ranked.get(1).map_or(0.0, |r| r.confidence);
    if !top.phrase && top.confidence - second < MARGIN {
        return None;
    }
    let pick = ranked
        .iter()
        .take_while(|r| top.confidence - r.confidence <= TIE)
        .find(|r| prefer(r.index))
        .unwrap_or(&top);
    Some((pick.index, top.confidence < CONFIDENT))
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
    fn words_keep_numbers_and_percent() {
        assert_eq!(
            words("What's the 1,200 rate (0.15%)?"),
            vec!["whats", "the", "1200", "rate", "0.15", "percent"]
        );
    }

    #[test]
    fn synonyms_fold_onto_one_stem() {
        let n = Normaliser::new();
        assert_eq!(n.stems("payments"), n.stems("transactions"));
        assert_eq!(n.stems("what proportion"), n.stems("share"));
        assert_eq!(n.stems("labelled"), n.stems("labels"));
    }

    #[test]
    fn intents_from_wording_and_from_answers() {
        assert_eq!(asked_intents("What share of payments are fraud?"), RATE);
        assert_eq!(asked_intents("How long until we learn it?") & TIME, TIME);
        assert_eq!(asked_intents("How many transactions a day?") & COUNT, COUNT);
        assert_eq!(given_intents("About 0.15% of transactions"), RATE);
        assert_eq!(given_intents("It arrives 30 to 90 days later"), TIME);
        assert_eq!(given_intents("40 million a month") & COUNT, COUNT);
        assert_eq!(given_intents("about 5 euros each") & MONEY, MONEY);
    }

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
