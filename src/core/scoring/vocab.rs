//! A prompt's vocabulary: the words and numbers that show a sentence
//! engages with *this* prompt (its entities, users, data, consequences),
//! and the words that belong to other prompts.
//!
//! A scenario's own words come from its title, prompt, context, facts,
//! key points and `vocabulary`, minus generic words: filler, the built-in
//! list of words every ML design uses, and words that most scenarios use.
//! Foreign words are the distinctive words of other scenarios (used by at
//! most two of them) that this one does not use.

use super::words::{DIGIT, Lexicon, NEG, STOP, Tok, UNKNOWN, english_stemmer, stem_word};
use crate::core::content::{Rubric, Scenario};
use std::collections::{HashMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

/// Words any ML design uses: never evidence of engaging with a prompt.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "model", "models", "data", "dataset", "system", "systems", "feature", "features", "user",
    "users", "customer", "customers", "client", "clients", "predict", "prediction", "predictions",
    "train", "training", "time", "times", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "hour", "hours", "minute", "minutes", "second", "seconds", "rate", "rates",
    "cost", "costs", "business", "metric", "metrics", "accuracy", "accurate", "product",
    "products", "team", "teams", "company", "platform", "design", "build", "want", "need", "good",
    "bad", "better", "best", "new", "old", "high", "higher", "low", "lower", "large", "small",
    "number", "numbers", "million", "millions", "billion", "thousand", "percent", "today",
    "current", "currently", "real", "online", "offline", "service", "app", "people", "person",
    "problem", "problems", "solution", "result", "results", "value", "information", "process",
    "work", "make", "set", "show", "see", "get", "give", "take", "help", "able", "around",
    "roughly", "average", "most", "often", "label", "labels", "labelled", "review", "reviewed",
    "score", "scores", "signal", "signals", "event", "events", "log", "logs", "history",
    "historical", "quality", "performance", "latency", "fast", "slow", "speed", "error", "errors",
    "wrong", "right", "true", "false", "positive", "negative", "positives", "negatives",
    "precision", "recall", "threshold", "ml", "ai", "machine", "learning", "use", "used", "using",
    "based", "per", "also", "about", "like", "case", "cases", "way", "ways", "thing", "things",
    "lot", "kind", "type", "types", "part", "parts", "level", "levels", "total", "share", "peak",
    "volume", "volumes", "request", "requests", "much", "many", "less", "least", "every", "each",
    "one", "two", "three", "first", "last", "next", "know", "known", "new", "goal", "goals",
    "target", "today's", "us", "we", "our", "they", "them", "their", "would", "could", "should",
    "will", "may", "might", "can", "because", "since", "so", "however", "still", "already", "get",
    "gets", "got", "give", "gives", "given", "go", "goes", "went", "come", "comes", "came", "say",
    "says", "said", "tell", "told", "ask", "asked", "question", "questions", "answer", "answers",
    "idea", "approach", "plan", "step", "steps", "start", "end", "end-to-end", "team's", "manual",
    "manually", "automatic", "automatically", "check", "checks", "test", "tests", "testing",
    "evaluate", "evaluation", "monitor", "monitoring", "deploy", "deployment", "retrain",
    "retraining", "pipeline", "pipelines", "store", "storage", "database", "api", "service",
    "services", "cloud", "gpu", "gpus", "cpu", "cpus", "server", "servers", "infrastructure",
    "engineer", "engineers", "scientist", "scientists", "vendor", "vendors", "policy", "policies",
    "decision", "decisions", "important", "key", "main", "major", "minor", "simple", "complex",
    "different", "same", "similar", "specific", "general", "overall", "whole", "entire", "full",
    "half", "quarter", "double", "twice", "increase", "decrease", "reduce", "improve",
    "improvement", "change", "changes", "growth", "grow", "growing", "support", "tool", "tools",
    "human", "humans", "expert", "experts", "rule", "rules", "heuristic", "heuristics", "baseline",
    "baselines", "sample", "samples", "example", "examples", "class", "classes", "category",
    "categories", "group", "groups", "segment", "segments", "region", "regions", "country",
    "countries", "market", "markets", "language", "languages", "english", "eu", "us", "uk",
    "europe", "mobile", "web", "desktop", "page", "pages", "screen", "list", "lists", "show",
    "shown", "shows", "open", "opens", "click", "clicks", "view", "views", "item", "items",
    "content", "account", "accounts", "message", "messages", "order", "orders", "cent", "cents",
    "eur", "usd", "dollar", "dollars", "euro", "euros", "pound", "pounds", "money", "revenue",
    "margin", "margins", "profit", "loss", "losses", "budget", "budgets", "spend", "price",
    "prices", "fee", "fees", "ms", "millisecond", "milliseconds", "p50", "p95", "p99",
];

/// A word used by at least this share of the scenarios is generic.
const COMMON_SHARE: f32 = 0.25;
/// …and by at least this many (small packs).
const COMMON_MIN: usize = 4;
/// A word of another scenario counts as foreign only if at most this many
/// scenarios use it.
const FOREIGN_MAX: usize = 2;

/// How a sentence relates to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fit {
    /// Distinct own words.
    pub own: u8,
    /// Distinct foreign words.
    pub foreign: u8,
    /// It cites a number the prompt states.
    pub number: bool,
    /// It gives a number of its own (one the prompt does not state).
    pub own_number: bool,
}

impl Fit {
    /// Engages with the prompt: names something of it.
    pub fn tailored(&self) -> bool {
        self.own > 0 || self.number
    }
    /// About another problem: two or more of another prompt's distinctive
    /// words and none of this one's (one stray word is not enough).
    pub fn off_prompt(&self) -> bool {
        !self.tailored() && self.foreign >= 2
    }
}

/// The vocabulary a scorer judges fit with.
#[derive(Debug, Default)]
pub struct Vocab {
    /// False when there is no prompt to judge against: every sentence
    /// counts as tailored.
    pub active: bool,
    own: HashSet<u32>,
    foreign: HashSet<u32>,
    /// Every content word of the prompt, context and facts, common ones
    /// included: what restating the brief sounds like.
    given: HashSet<u32>,
    numbers: HashSet<String>,
    /// Every scenario's distinctive words (the pack's, this one's
    /// included), to tell which prompt a whole answer is about.
    field: Vec<(String, HashSet<u32>)>,
    /// How distinctive a word is: 1 / the number of scenarios using it.
    weight: HashMap<u32, f32>,
    own_id: Option<String>,
    /// Scenario id → title.
    titles: HashMap<String, String>,
    /// Some of the prompt's own words, for explanations.
    pub sample: Vec<String>,
}

/// A sentence of at least this many content words…
const RESTATE_MIN_WORDS: usize = 3;
/// …this share of them from the brief restates it.
const RESTATE_SHARE: f32 = 0.85;

/// The texts a scenario's words come from.
fn scenario_text(s: &Scenario) -> String {
    let mut t = format!("{}\n{}\n{}\n", s.title, s.prompt, s.context);
    for f in &s.facts {
        t.push_str(&f.answer);
        t.push('\n');
    }
    for k in &s.key_points {
        t.push_str(&k.label);
        t.push('\n');
    }
    for v in &s.vocabulary {
        t.push_str(v);
        t.push('\n');
    }
    t
}

/// The rubric's own words: labels, hints, evidence phrases, red flags.
fn rubric_text(r: &Rubric) -> String {
    let mut t = String::new();
    for c in &r.criteria {
        for x in [&c.label, &c.hint, &c.gap] {
            t.push_str(x);
            t.push('\n');
        }
        for k in &c.evidence.concepts {
            for p in &k.phrases {
                t.push_str(p);
                t.push('\n');
            }
        }
    }
    for f in &r.red_flags {
        for k in &f.evidence.concepts {
            for p in &k.phrases {
                t.push_str(p);
                t.push('\n');
            }
        }
    }
    for (_, q) in r.questions() {
        t.push_str(&q.prompt);
        t.push('\n');
    }
    t
}

/// Distinct content stems of a text (generic words dropped later), with a
/// surface form of each.
fn content_stems(text: &str) -> HashMap<String, String> {
    let stemmer = english_stemmer();
    let mut out = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for w in text.unicode_words() {
        // Texts repeat their words: stem each spelling once.
        if !seen.insert(w) {
            continue;
        }
        let (stem, flags) = stem_word(&stemmer, w);
        if flags & (STOP | DIGIT) != 0 || w.chars().count() < 3 {
            continue;
        }
        out.entry(stem).or_insert_with(|| w.to_lowercase());
    }
    out
}

/// Numbers a text states (ignoring small integers, which any answer uses).
fn numbers(text: &str) -> HashSet<String> {
    text.unicode_words()
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .map(|w| w.replace(',', "").to_lowercase())
        .filter(|w| {
            let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
            w.contains('.') || digits.parse::<u64>().map_or(true, |n| n >= 10)
        })
        .collect()
}

fn generic_stems() -> HashSet<String> {
    let stemmer = english_stemmer();
    GENERIC.iter().map(|w| stem_word(&stemmer, w).0).collect()
}

impl Vocab {
    /// The vocabulary of `own` (a scenario's texts, or a bare prompt),
    /// against every scenario of the pack (`all`, which may include it).
    /// `extra_generic` are texts whose words are generic too (the rubric).
    pub fn new(
        lexicon: &mut Lexicon,
        own_text: &str,
        own_id: Option<&str>,
        all: &[Scenario],
        rubric: &Rubric,
    ) -> Vocab {
        Vocab::build(lexicon, own_text, own_text, own_id, all, rubric)
    }

    /// `given` is what the brief itself says (see [`Vocab::restates`]).
    fn build(
        lexicon: &mut Lexicon,
        own_text: &str,
        given: &str,
        own_id: Option<&str>,
        all: &[Scenario],
        rubric: &Rubric,
    ) -> Vocab {
        let generic = generic_stems();
        // ML vocabulary (the rubric's words) is never another prompt's.
        let shared = content_stems(&rubric_text(rubric));
        let per_scenario: Vec<(&str, HashMap<String, String>)> = all
            .iter()
            .map(|s| (s.id.as_str(), content_stems(&scenario_text(s))))
            .collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for (_, stems) in &per_scenario {
            for stem in stems.keys() {
                *df.entry(stem.as_str()).or_default() += 1;
            }
        }
        let common = ((all.len() as f32 * COMMON_SHARE).ceil() as usize).max(COMMON_MIN);
        let is_generic =
            |stem: &str| generic.contains(stem) || df.get(stem).copied().unwrap_or(0) >= common;
        let own_stems = content_stems(own_text);
        let given: HashSet<u32> = content_stems(given)
            .keys()
            .map(|s| lexicon.intern(s))
            .collect();
        let mut own = HashSet::new();
        let mut sample: Vec<String> = Vec::new();
        let mut own_set: HashSet<&str> = HashSet::new();
        for (stem, surface) in &own_stems {
            if is_generic(stem) {
                continue;
            }
            own_set.insert(stem.as_str());
            own.insert(lexicon.intern(stem));
            sample.push(surface.clone());
        }
        // In the order the brief first uses them (title, prompt, context…):
        // the words a user would recognise as this prompt's.
        let mut first: HashMap<String, usize> = HashMap::new();
        for (i, w) in own_text.unicode_words().enumerate() {
            first.entry(w.to_lowercase()).or_insert(i);
        }
        sample.sort_by_key(|w| (first.get(w).copied().unwrap_or(usize::MAX), w.clone()));
        let mut field: Vec<(String, HashSet<u32>)> = Vec::new();
        let mut weight: HashMap<u32, f32> = HashMap::new();
        for (id, stems) in &per_scenario {
            let mut set = HashSet::new();
            for stem in stems.keys() {
                if is_generic(stem) || shared.contains_key(stem.as_str()) {
                    continue;
                }
                let w = lexicon.intern(stem);
                set.insert(w);
                weight.insert(
                    w,
                    1.0 / df.get(stem.as_str()).copied().unwrap_or(1).max(1) as f32,
                );
            }
            field.push((id.to_string(), set));
        }
        let mut foreign = HashSet::new();
        for (id, stems) in &per_scenario {
            if Some(*id) == own_id {
                continue;
            }
            for stem in stems.keys() {
                if !is_generic(stem)
                    && !shared.contains_key(stem.as_str())
                    && !own_set.contains(stem.as_str())
                    && df.get(stem.as_str()).copied().unwrap_or(0) <= FOREIGN_MAX
                {
                    foreign.insert(lexicon.intern(stem));
                }
            }
        }
        Vocab {
            active: !own.is_empty(),
            own,
            foreign,
            given,
            numbers: numbers(own_text),
            field,
            weight,
            own_id: own_id.map(str::to_string),
            titles: all
                .iter()
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect(),
            sample,
        }
    }

    /// A scenario's title (its id when unknown).
    pub fn title<'a>(&'a self, id: &'a str) -> &'a str {
        self.titles.get(id).map_or(id, String::as_str)
    }

    /// Which prompt a whole answer (the distinct stems it uses) is about:
    /// the other scenario whose distinctive words it uses most, with that
    /// scenario's weight of words and this prompt's.
    pub fn closest_other(&self, stems: &HashSet<u32>) -> Option<(&str, f32, f32)> {
        let own_id = self.own_id.as_deref()?;
        let mass = |set: &HashSet<u32>| -> f32 {
            stems
                .iter()
                .filter(|w| set.contains(w))
                .map(|w| self.weight.get(w).copied().unwrap_or(1.0))
                .sum()
        };
        let own = self
            .field
            .iter()
            .find(|(id, _)| id == own_id)
            .map_or(0.0, |(_, set)| mass(set));
        self.field
            .iter()
            .filter(|(id, _)| id != own_id)
            .map(|(id, set)| (id.as_str(), mass(set), own))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The vocabulary of a scenario.
    pub fn of_scenario(
        lexicon: &mut Lexicon,
        scenario: &Scenario,
        all: &[Scenario],
        rubric: &Rubric,
    ) -> Vocab {
        // What the brief itself says: restating a key point's label is
        // not restating the brief.
        let mut brief = format!("{}\n{}\n", scenario.prompt, scenario.context);
        for f in &scenario.facts {
            brief.push_str(&f.answer);
            brief.push('\n');
        }
        Vocab::build(
            lexicon,
            &scenario_text(scenario),
            &brief,
            Some(&scenario.id),
            all,
            rubric,
        )
    }

    /// Whether a sentence only restates the brief: nearly all its content
    /// words are the prompt's, context's or facts' own, and it adds no
    /// figure of its own (`fit.own_number`): "Latency is 50 ms at p99".
    pub fn restates(&self, toks: &[Tok], fit: &Fit) -> bool {
        if !self.active || fit.own_number {
            return false;
        }
        let content = toks
            .iter()
            .filter(|t| t.flags & (STOP | NEG | DIGIT) == 0 && t.end - t.start >= 3);
        let (mut n, mut given) = (0usize, 0usize);
        for t in content {
            n += 1;
            given += usize::from(t.id != UNKNOWN && self.given.contains(&t.id));
        }
        n >= RESTATE_MIN_WORDS && given as f32 >= RESTATE_SHARE * n as f32
    }

    /// Whether a known word is one of the prompt's own.
    pub fn is_own(&self, id: u32) -> bool {
        self.own.contains(&id)
    }

    /// How a sentence (its tokens, over `text`) fits the prompt.
    pub fn fit(&self, text: &str, toks: &[Tok]) -> Fit {
        if !self.active {
            return Fit {
                own: 1,
                ..Fit::default()
            };
        }
        let mut own: Vec<u32> = Vec::new();
        let mut foreign: Vec<u32> = Vec::new();
        let mut number = false;
        let mut own_number = false;
        for t in toks {
            if t.flags & DIGIT != 0 {
                let w = text[t.start..t.end].replace(',', "").to_lowercase();
                if self.numbers.contains(&w) {
                    number = true;
                } else if w.starts_with(|c: char| c.is_ascii_digit()) {
                    // A figure ("5%", "200 ms"), not a name with a digit
                    // in it ("v1", "p99" counts through its words).
                    own_number = true;
                }
            } else if t.id != UNKNOWN {
                if self.own.contains(&t.id) && !own.contains(&t.id) {
                    own.push(t.id);
                } else if self.foreign.contains(&t.id) && !foreign.contains(&t.id) {
                    foreign.push(t.id);
                }
            }
        }
        Fit {
            own: own.len().min(255) as u8,
            foreign: foreign.len().min(255) as u8,
            number,
            own_number,
        }
    }

    /// How well a prompt's words match a scenario's (for picking the
    /// scenario a prompt is about): the share of the prompt's distinctive
    /// words that the scenario uses.
    pub fn overlap(&self, other: &Vocab) -> f32 {
        if self.own.is_empty() {
            return 0.0;
        }
        let shared = self.own.intersection(&other.own).count();
        shared as f32 / self.own.len() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::content::load_embedded;

    #[test]
    fn own_words_and_foreign_words() {
        let content = load_embedded();
        let mut lex = Lexicon::default();
        let fraud = content.scenario("fraud-detection").expect("fraud");
        let v = Vocab::of_scenario(&mut lex, fraud, &content.scenarios, &content.rubric);
        let mut cache = super::super::words::WordCache::default();
        let fit =
            |s: &str, cache: &mut super::super::words::WordCache| v.fit(s, &cache.tokens(&lex, s));
        assert!(fit("Chargebacks arrive weeks after the payment", &mut cache).tailored());
        assert!(!fit("We will monitor the model and retrain it", &mut cache).tailored());
        assert!(fit("Show similar sofas from the furniture catalog", &mut cache).off_prompt());
    }
}
