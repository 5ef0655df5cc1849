//! Finding phrases and patterns in a sentence.
//!
//! A phrase is a sequence of stems: its words must appear in order, each
//! within a small gap of filler after the previous one, inside one clause
//! ("share of real fraud we catch" matches "share fraud catch"). Filler
//! words of a phrase are dropped unless that would leave a single word.
//! A pattern is a case-insensitive regular expression on the raw sentence.
//! Every phrase and pattern has an *owner* (a number the caller gives
//! meaning to); a match reports its owner and the tokens it covers.

use super::clause_table;
use super::fold::{fold, source};
use super::literals;
use super::words::{Lexicon, Tok, UNKNOWN, english_stemmer, stem_word};
use aho_corasick::AhoCorasick;
use regex::bytes::{Regex, RegexBuilder};
use regex_automata::Input;
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, backtrack, backtrack::BoundedBacktracker};
use regex_automata::util::syntax;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use unicode_segmentation::UnicodeSegmentation;

/// NFA states above which a pattern gets a lazy DFA as well (see `Quick`).
const BIG_NFA: usize = 100;

/// Largest number of non-filler words allowed between two words of a phrase.
const MAX_GAP: usize = 2;
/// Largest distance in tokens between two consecutive words of a phrase.
const MAX_SPAN: usize = 4;

/// A match: its owner and the tokens it covers (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub owner: u32,
    pub start: usize,
    pub end: usize,
}

struct Pattern {
    source: String,
    owner: u32,
    /// Built the first time a sentence holds the pattern's literals.
    quick: OnceLock<Option<Quick>>,
    /// For a sentence too long for the backtracker, the full regex.
    full: OnceLock<Option<Regex>>,
}

/// One pattern's automaton, two ways to run it: a lazy DFA that says
/// whether a sentence matches (most sentences that hold a pattern's
/// literals do not), and a bounded backtracker that finds where. Both are
/// cheap to build from the one NFA, a fifth of what a full regex costs.
struct Quick {
    /// Only for a large automaton (more than `BIG_NFA` states): the
    /// backtracker's work grows with its size.
    dfa: Option<(hybrid::dfa::DFA, Mutex<hybrid::dfa::Cache>)>,
    bt: BoundedBacktracker,
    bt_cache: Mutex<backtrack::Cache>,
}

impl Quick {
    fn build(source: &str) -> Option<Quick> {
        let nfa = thompson::Compiler::new()
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .configure(thompson::Config::new().utf8(false))
            .build(source)
            .ok()?;
        // Without a DFA (small, or it would not build) the backtracker
        // alone answers.
        let dfa = (nfa.states().len() > BIG_NFA)
            .then(|| hybrid::dfa::Builder::new().build_from_nfa(nfa.clone()).ok())
            .flatten()
            .map(|dfa| {
                let cache = Mutex::new(dfa.create_cache());
                (dfa, cache)
            });
        let bt = BoundedBacktracker::builder().build_from_nfa(nfa).ok()?;
        Some(Quick {
            dfa,
            bt_cache: Mutex::new(bt.create_cache()),
            bt,
        })
    }

    /// Whether `sentence` may match: `false` only when the DFA is sure.
    fn may_match(&self, sentence: &[u8]) -> bool {
        let Some((dfa, cache)) = &self.dfa else {
            return true;
        };
        let input = Input::new(sentence);
        let found = match cache.try_lock() {
            Ok(mut cache) => dfa.try_search_fwd(&mut cache, &input),
            // Another thread is using it: a cache of our own.
            Err(_) => dfa.try_search_fwd(&mut dfa.create_cache(), &input),
        };
        !matches!(found, Ok(None))
    }

    /// Every match, or `None` if the sentence is too long for the
    /// backtracker.
    fn find(&self, sentence: &[u8]) -> Option<Vec<(usize, usize)>> {
        let run = |cache: &mut backtrack::Cache| {
            self.bt
                .try_find_iter(cache, sentence)
                .map(|m| m.map(|m| (m.start(), m.end())))
                .collect::<Result<Vec<_>, _>>()
                .ok()
        };
        match self.bt_cache.try_lock() {
            Ok(mut cache) => run(&mut cache),
            Err(_) => run(&mut self.bt.create_cache()),
        }
    }
}

impl Pattern {
    /// The byte ranges the pattern matches in `sentence` (folded, see
    /// [`fold`]).
    fn find(&self, sentence: &[u8], out: &mut Vec<(usize, usize)>) {
        out.clear();
        if let Some(quick) = self.quick.get_or_init(|| Quick::build(&self.source)) {
            if !quick.may_match(sentence) {
                return;
            }
            if let Some(found) = quick.find(sentence) {
                out.extend(found);
                return;
            }
        }
        let full = self.full.get_or_init(|| build_source(&self.source).ok());
        if let Some(re) = full {
            out.extend(re.find_iter(sentence).map(|m| (m.start(), m.end())));
        }
    }
}

struct Phrase {
    /// Stems after the first.
    rest: Vec<u32>,
    owner: u32,
}

/// Compiled phrases and patterns.
pub struct Matcher {
    by_first: HashMap<u32, Vec<Phrase>>,
    /// Each pattern's source (as built) and owner; compiled on its own only
    /// the first time a sentence holds one of its literals.
    patterns: Vec<Pattern>,
    /// Every pattern's required literals (see [`literals`]), in one
    /// automaton; for each literal, the patterns it triggers.
    literals: Option<AhoCorasick>,
    needed_by: Vec<Vec<usize>>,
    /// Each pattern's clauses (see [`literals::required`]) as literal
    /// numbers: the first, its best, triggers it (`needed_by`); the others
    /// must hold too.
    clauses: Vec<Vec<Vec<u32>>>,
    /// Patterns with no required literal: they run on every sentence.
    unfiltered: Vec<usize>,
    stemmer: rust_stemmers::Stemmer,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            by_first: HashMap::new(),
            patterns: Vec::new(),
            literals: None,
            needed_by: Vec::new(),
            clauses: Vec::new(),
            unfiltered: Vec::new(),
            stemmer: english_stemmer(),
        }
    }
}

/// Builds a pattern the way the scorer matches it.
fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    build_source(&source(pattern))
}

fn build_source(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .unicode(false)
        .size_limit(1 << 22)
        .build()
}

/// Checks that an evidence pattern compiles the way the scorer compiles it.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    build_regex(pattern).map(|_| ()).map_err(|e| e.to_string())
}

/// The stems of a phrase as the matcher stores them (filler dropped unless
/// that leaves fewer than two words).
pub fn phrase_stems(
    lexicon: &mut Lexicon,
    stemmer: &rust_stemmers::Stemmer,
    phrase: &str,
    exact: bool,
) -> Vec<u32> {
    let words: Vec<(String, u16)> = phrase
        .unicode_words()
        .map(|w| stem_word(stemmer, w))
        .collect();
    let content = words
        .iter()
        .filter(|(_, f)| f & super::words::STOP == 0)
        .count();
    let keep_all = exact || content < 2;
    words
        .into_iter()
        .filter(|(_, f)| keep_all || f & super::words::STOP == 0)
        .map(|(s, _)| lexicon.intern(&s))
        .collect()
}

impl Matcher {
    pub fn add_phrase(&mut self, lexicon: &mut Lexicon, phrase: &str, owner: u32) {
        self.add(lexicon, phrase, owner, false);
    }

    /// Adds a phrase whose filler words count too ("one off model" must not
    /// match "one model"): for red flags, where a false match costs points.
    pub fn add_exact_phrase(&mut self, lexicon: &mut Lexicon, phrase: &str, owner: u32) {
        self.add(lexicon, phrase, owner, true);
    }

    fn add(&mut self, lexicon: &mut Lexicon, phrase: &str, owner: u32, exact: bool) {
        let stems = phrase_stems(lexicon, &self.stemmer, phrase, exact);
        let Some((&first, rest)) = stems.split_first() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if !list.iter().any(|p| p.owner == owner && p.rest == rest) {
            list.push(Phrase {
                rest: rest.to_vec(),
                owner,
            });
        }
    }

    /// Adds a pattern; one that does not compile is skipped when the set is
    /// built (validation reports it).
    pub fn add_pattern(&mut self, pattern: &str, owner: u32) {
        self.patterns.push(Pattern {
            source: source(pattern),
            owner,
            quick: OnceLock::new(),
            full: OnceLock::new(),
        });
    }

    /// Call once every phrase and pattern is added. A pattern that does
    /// not compile never matches (validation reports it).
    pub fn finish(&mut self) {
        let mut index: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut lits: Vec<Vec<u8>> = Vec::new();
        self.needed_by.clear();
        self.unfiltered.clear();
        self.clauses.clear();
        for (pi, p) in self.patterns.iter().enumerate() {
            let clauses: Vec<Vec<u32>> = clause_table::lookup(&p.source)
                .unwrap_or_else(|| literals::required(&p.source))
                .into_iter()
                .map(|clause| {
                    clause
                        .into_iter()
                        .map(|lit| {
                            *index.entry(lit.clone()).or_insert_with(|| {
                                lits.push(lit);
                                self.needed_by.push(Vec::new());
                                (lits.len() - 1) as u32
                            })
                        })
                        .collect()
                })
                .collect();
            match clauses.first() {
                Some(first) => {
                    for &li in first {
                        self.needed_by[li as usize].push(pi);
                    }
                }
                None => self.unfiltered.push(pi),
            }
            self.clauses.push(clauses);
        }
        self.literals = AhoCorasick::new(&lits).ok();
    }

    /// The patterns that may match the folded `sentence`: those with every
    /// clause of literals satisfied, and those with none; each once, in
    /// order.
    fn candidates(&self, sentence: &[u8]) -> Vec<usize> {
        let mut out = self.unfiltered.clone();
        let Some(ac) = &self.literals else {
            return out;
        };
        let mut found: Vec<u32> = ac
            .find_overlapping_iter(sentence)
            .map(|m| m.pattern().as_u32())
            .collect();
        found.sort_unstable();
        found.dedup();
        for &li in &found {
            for &pi in &self.needed_by[li as usize] {
                let holds = self.clauses[pi][1..]
                    .iter()
                    .all(|c| c.iter().any(|l| found.binary_search(l).is_ok()));
                if holds {
                    out.push(pi);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every match in a sentence (tokens `toks` of `sentence`).
    pub fn find(&self, sentence: &str, toks: &[Tok], hits: &mut Vec<Hit>) {
        for i in 0..toks.len() {
            let id = toks[i].id;
            if id == UNKNOWN {
                continue;
            }
            let Some(phrases) = self.by_first.get(&id) else {
                continue;
            };
            for p in phrases {
                if p.rest.is_empty() {
                    hits.push(Hit {
                        owner: p.owner,
                        start: i,
                        end: i,
                    });
                } else if let Some(end) = match_rest(toks, i, &p.rest) {
                    hits.push(Hit {
                        owner: p.owner,
                        start: i,
                        end,
                    });
                }
            }
        }
        if self.patterns.is_empty() || toks.is_empty() {
            return;
        }
        // The patterns are lower case and folded (see `source`).
        let (folded, at) = fold(sentence);
        let mut found = Vec::new();
        for pi in self.candidates(&folded) {
            let p = &self.patterns[pi];
            let owner = &p.owner;
            p.find(&folded, &mut found);
            for &(f_start, f_end) in &found {
                let (m_start, m_end) = (at[f_start], at[f_end]);
                let start = toks.partition_point(|t| t.end <= m_start);
                let end_excl = toks.partition_point(|t| t.start < m_end);
                let (start, end) = if end_excl > start {
                    (start, end_excl - 1)
                } else {
                    // A match with no word in it ("<"): anchor on a neighbour.
                    let s = start.min(toks.len() - 1);
                    (s, s)
                };
                hits.push(Hit {
                    owner: *owner,
                    start,
                    end,
                });
            }
        }
    }
}

/// Matches the rest of a phrase after its first word at `i`. Returns the
/// last matched token.
fn match_rest(toks: &[Tok], i: usize, rest: &[u32]) -> Option<usize> {
    let mut pos = i;
    for &t in rest {
        let mut j = pos + 1;
        let mut gap = 0;
        let mut found = None;
        while j < toks.len() && j - pos <= MAX_SPAN && !toks[j].clause_start {
            if toks[j].id == t {
                found = Some(j);
                break;
            }
            if !toks[j].is_stop() {
                gap += 1;
                if gap > MAX_GAP {
                    break;
                }
            }
            j += 1;
        }
        pos = found?;
    }
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::super::words::WordCache;
    use super::*;

    fn matcher(phrases: &[(&str, u32)], patterns: &[(&str, u32)]) -> (Matcher, Lexicon) {
        let mut lex = Lexicon::default();
        let mut m = Matcher::default();
        for (p, o) in phrases {
            m.add_phrase(&mut lex, p, *o);
        }
        for (p, o) in patterns {
            m.add_pattern(p, *o);
        }
        m.finish();
        (m, lex)
    }

    fn owners(m: &Matcher, lex: &Lexicon, s: &str) -> Vec<u32> {
        let toks = WordCache::default().tokens(lex, s);
        let mut hits = Vec::new();
        m.find(s, &toks, &mut hits);
        let mut o: Vec<u32> = hits.iter().map(|h| h.owner).collect();
        o.sort_unstable();
        o.dedup();
        o
    }

    #[test]
    fn phrases_allow_small_gaps_within_a_clause() {
        let (m, lex) = matcher(&[("share of fraud caught", 1), ("label delay", 2)], &[]);
        assert_eq!(owners(&m, &lex, "the share of real fraud we caught"), [1]);
        assert_eq!(owners(&m, &lex, "Labels are delayed"), [2]);
        assert!(owners(&m, &lex, "label quality, delay of reports").is_empty());
        assert!(owners(&m, &lex, "label a sample of these payments and delay").is_empty());
    }

    #[test]
    fn patterns_report_the_tokens_they_cover() {
        let (m, lex) = matcher(&[], &[(r"\bp99\b", 7)]);
        let s = "keep p99 under 100 ms";
        let toks = WordCache::default().tokens(&lex, s);
        let mut hits = Vec::new();
        m.find(s, &toks, &mut hits);
        assert_eq!(
            hits,
            [Hit {
                owner: 7,
                start: 1,
                end: 1
            }]
        );
    }

    #[test]
    fn patterns_match_whatever_the_case_the_set_and_the_sentence_length() {
        // More patterns than one set holds, upper case in pattern and text,
        // a class that must stay upper case (`\W`), and a sentence far
        // longer than the quick matcher takes.
        let mut patterns: Vec<(String, u32)> =
            (0..40).map(|i| (format!(r"\bzz{i}\b"), i)).collect();
        patterns.push((r"\bFPs?\b".into(), 100));
        patterns.push((r"\bdon\Wt\s+(\w+\s+){0,2}retrain".into(), 101));
        let refs: Vec<(&str, u32)> = patterns.iter().map(|(p, o)| (p.as_str(), *o)).collect();
        let (m, lex) = matcher(&[], &refs);
        assert_eq!(owners(&m, &lex, "Too many FPs here, see ZZ39"), [39, 100]);
        assert_eq!(owners(&m, &lex, "We don’t ever retrain"), [101]);
        let long = format!("{} fps, we don't really retrain", "word ".repeat(20_000));
        assert_eq!(owners(&m, &lex, &long), [100, 101]);
    }

    #[test]
    fn text_beyond_ascii_is_folded_the_same_way_in_pattern_and_sentence() {
        let (m, lex) = matcher(
            &[],
            &[
                (r"[$€£]\s?\d", 1),
                (r"->|→|=>", 2),
                (r"\bdon.t\b", 3),
                (r"\bp99\b", 4),
            ],
        );
        assert_eq!(owners(&m, &lex, "it costs €5 a month"), [1]);
        assert_eq!(owners(&m, &lex, "about £ 3 each"), [1]);
        assert!(owners(&m, &lex, "roughly ≈ 3 of them").is_empty());
        assert_eq!(owners(&m, &lex, "events → features"), [2]);
        assert!(owners(&m, &lex, "events ≈ features").is_empty());
        assert_eq!(owners(&m, &lex, "we don’t retrain"), [3]);
        // Offsets map back to the sentence's own tokens past multi-byte text.
        let s = "naïve “quotes” — keep p99 low";
        let toks = WordCache::default().tokens(&lex, s);
        let mut hits = Vec::new();
        m.find(s, &toks, &mut hits);
        let p99 = toks
            .iter()
            .position(|t| &s[t.start..t.end] == "p99")
            .unwrap();
        assert_eq!(
            hits,
            [Hit {
                owner: 4,
                start: p99,
                end: p99
            }]
        );
    }

    /// Every value of a `patterns` key in `v`.
    fn patterns_in(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if k == "patterns" {
                        let list = v.as_array().into_iter().flatten();
                        out.extend(list.filter_map(|p| p.as_str().map(String::from)));
                    }
                    patterns_in(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| patterns_in(i, out)),
            _ => {}
        }
    }

    #[test]
    fn the_literal_filter_never_drops_a_match() {
        // Every pattern of the embedded pack on every sentence of answers
        // for four scenarios: the filtered matcher finds what running every
        // pattern on every sentence finds.
        let content = crate::core::content::load_embedded();
        let mut pats = Vec::new();
        patterns_in(&serde_json::to_value(&content).unwrap(), &mut pats);
        assert!(pats.len() > 1000, "{}", pats.len());
        let refs: Vec<(&str, u32)> = pats.iter().zip(0..).map(|(p, i)| (p.as_str(), i)).collect();
        let (m, lex) = matcher(&[], &refs);
        let texts = [
            include_str!("../../../tests/fixtures/devset/fraud-detection/strong.md"),
            include_str!("../../../tests/fixtures/devset/eta-prediction/thin.md"),
            include_str!("../../../tests/fixtures/devset/spam-email/generic.md"),
            include_str!("../../../tests/fixtures/devset/speech-recognition/plain.md"),
        ];
        let mut matched = 0;
        for s in texts.iter().flat_map(|t| t.split(['.', '\n'])) {
            let toks = WordCache::default().tokens(&lex, s);
            if toks.is_empty() {
                continue;
            }
            let mut hits = Vec::new();
            m.find(s, &toks, &mut hits);
            let mut filtered: Vec<u32> = hits.iter().map(|h| h.owner).collect();
            filtered.dedup();
            let (folded, _) = fold(s);
            let mut found = Vec::new();
            let all: Vec<u32> = m
                .patterns
                .iter()
                .filter(|p| {
                    p.find(&folded, &mut found);
                    !found.is_empty()
                })
                .map(|p| p.owner)
                .collect();
            assert_eq!(filtered, all, "{s}");
            matched += all.len();
        }
        assert!(matched > 100, "the answers match patterns: {matched}");
    }
}
