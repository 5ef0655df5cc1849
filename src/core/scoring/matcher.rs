//! Finding phrases and patterns in a sentence.
//!
//! A phrase is a sequence of stems: its words must appear in order, each
//! within a small gap of filler after the previous one, inside one clause
//! ("share of real fraud we catch" matches "share fraud catch"). Filler
//! words of a phrase are dropped unless that would leave a single word.
//! A pattern is a case-insensitive regular expression on the raw sentence.
//! Every phrase and pattern has an *owner* (a number the caller gives
//! meaning to); a match reports its owner and the tokens it covers.

use super::words::{Lexicon, Tok, UNKNOWN, english_stemmer, stem_word};
use regex::bytes::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::nfa::thompson::{self, backtrack::BoundedBacktracker};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// Patterns per set. One set of all of them builds its automaton so slowly
/// on first use (each state a set of hundreds of pattern states) that the
/// first score of a session waits ~90 ms for it; sets of 32 take a fifth
/// of that, and are still one pass over a sentence per 32 patterns.
const SET_SIZE: usize = 32;

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
    /// Finds the matches in a sentence the set says it matches: a bounded
    /// backtracker, five times cheaper to build than a full regex and as
    /// fast on a sentence…
    quick: OnceLock<Option<BoundedBacktracker>>,
    /// …and, for a sentence too long for it, the full regex.
    full: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// The byte ranges the pattern matches in `sentence` (folded, see
    /// [`fold`]).
    fn find(&self, sentence: &[u8], out: &mut Vec<(usize, usize)>) {
        out.clear();
        let quick = self.quick.get_or_init(|| {
            BoundedBacktracker::builder()
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .thompson(thompson::Config::new().utf8(false))
                .build(&self.source)
                .ok()
        });
        if let Some(bt) = quick {
            let mut cache = bt.create_cache();
            let found: Result<Vec<(usize, usize)>, _> = bt
                .try_find_iter(&mut cache, sentence)
                .map(|m| m.map(|m| (m.start(), m.end())))
                .collect();
            if let Ok(found) = found {
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
    /// the first time the set finds it in a sentence.
    patterns: Vec<Pattern>,
    /// The patterns in sets of `SET_SIZE`, each with the indices of its
    /// patterns: which patterns a sentence matches.
    sets: Vec<(meta::Regex, Vec<usize>)>,
    stemmer: rust_stemmers::Stemmer,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            by_first: HashMap::new(),
            patterns: Vec::new(),
            sets: Vec::new(),
            stemmer: english_stemmer(),
        }
    }
}

/// Builds a pattern the way the scorer matches it.
fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    build_source(&source(pattern))
}

/// A pattern as the scorer builds it: ASCII classes (see
/// [`ascii_boundaries`]), lower case, and every character beyond ASCII
/// folded to the byte [`fold`] gives it, to run on the folded sentence
/// byte by byte — the same match as a case-insensitive search for every
/// ASCII letter, at a fraction of the cost to build: a Unicode class under
/// a repetition (`[^.;]{0,60}`) compiles to an automaton many times larger.
fn source(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    for c in ascii_boundaries(pattern).chars() {
        if !c.is_ascii() {
            if escaped {
                out.pop();
            }
            out.push_str(&format!("\\x{:02x}", fold_char(c)));
            escaped = false;
        } else if escaped {
            // `\W`, `\B`, `\D`, `\S` mean other things in lower case.
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            out.push(c);
            escaped = true;
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The byte a character beyond ASCII stands for in the folded text: its
/// ASCII look-alike for quotes, dashes and spaces, a letter for a letter, a
/// digit for a digit, and `~` for any other sign.
fn fold_char(c: char) -> u8 {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{2032}' => b'\'',
        '\u{201c}' | '\u{201d}' | '\u{2033}' => b'"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
        '\u{00d7}' => b'*',
        '\u{20ac}' | '\u{00a3}' => b'$',
        '\u{2192}' | '\u{21d2}' | '\u{2265}' | '\u{226b}' => b'>',
        '\u{2190}' | '\u{2264}' | '\u{226a}' => b'<',
        '\u{2248}' | '\u{2261}' => b'=',
        '\u{00b5}' => b'u',
        c if c.is_whitespace() => b' ',
        c if c.is_alphabetic() => b'a',
        c if c.is_numeric() => b'0',
        _ => b'~',
    }
}

/// A sentence as the patterns run on it: ASCII lower case, each other
/// character one byte (see [`fold_char`]); with, for each folded byte and
/// the end, the byte offset in the sentence it comes from.
fn fold(sentence: &str) -> (Vec<u8>, Vec<usize>) {
    let mut text = Vec::with_capacity(sentence.len());
    let mut at = Vec::with_capacity(sentence.len() + 1);
    for (i, c) in sentence.char_indices() {
        text.push(if c.is_ascii() {
            (c as u8).to_ascii_lowercase()
        } else {
            fold_char(c)
        });
        at.push(i);
    }
    at.push(sentence.len());
    (text, at)
}

fn build_source(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source)
        .unicode(false)
        .size_limit(1 << 22)
        .build()
}

/// A set of patterns as one automaton that says which of them match (what
/// `regex::bytes::RegexSet` builds), without a literal prefilter: the sets'
/// prefilters (automata over the many alternatives' literals) cost more
/// memory and build time than they save on sentences.
fn build_set<'a>(sources: impl Iterator<Item = &'a str>) -> Option<meta::Regex> {
    let sources: Vec<&str> = sources.collect();
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::All)
                .utf8_empty(false)
                .which_captures(thompson::WhichCaptures::None)
                .nfa_size_limit(Some(1 << 24))
                .hybrid_cache_capacity(1 << 26)
                .auto_prefilter(false),
        )
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build_many(&sources)
        .ok()
}

/// Which patterns of a set match a sentence.
fn set_matches(set: &meta::Regex, haystack: &[u8]) -> PatternSet {
    let mut found = PatternSet::new(set.pattern_len());
    set.which_overlapping_matches(&Input::new(haystack), &mut found);
    found
}

/// Word boundaries (`\b`) and the classes `\w`, `\d` and `\s` (outside
/// brackets) judged on ASCII: a Unicode word boundary makes the regex
/// engine fall back from its fast automaton to a slow one on any text with
/// a curly quote or a dash, and a Unicode `\w` under a repetition
/// (`(\w+\s+){0,3}`) compiles to an automaton a hundred times larger. The
/// patterns are about English words, so nothing is lost.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('b' | 'w' | 'd' | 's')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(n);
                    out.push(')');
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is literal.
                let rest = chars.as_str();
                let lead = if rest.starts_with("^]") {
                    2
                } else if rest.starts_with(']') || rest.starts_with('^') {
                    1
                } else {
                    0
                };
                for _ in 0..lead {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
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

    /// Call once every phrase and pattern is added.
    pub fn finish(&mut self) {
        let all: Vec<usize> = (0..self.patterns.len()).collect();
        self.sets = all
            .chunks(SET_SIZE)
            .filter_map(|chunk| {
                let sources = |ids: &[usize]| -> Vec<&str> {
                    ids.iter()
                        .map(|&i| self.patterns[i].source.as_str())
                        .collect()
                };
                if let Some(set) = build_set(sources(chunk).into_iter()) {
                    return Some((set, chunk.to_vec()));
                }
                // Some pattern does not compile: leave it out.
                let good: Vec<usize> = chunk
                    .iter()
                    .copied()
                    .filter(|&i| build_source(&self.patterns[i].source).is_ok())
                    .collect();
                build_set(sources(&good).into_iter()).map(|set| (set, good))
            })
            .collect();
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
        if self.sets.is_empty() || toks.is_empty() {
            return;
        }
        // The patterns are lower case and folded (see `source`).
        let (folded, at) = fold(sentence);
        let mut found = Vec::new();
        let mut matched = Vec::new();
        for (set, ids) in &self.sets {
            matched.extend(set_matches(set, &folded).iter().map(|i| ids[i.as_usize()]));
        }
        for pi in matched {
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
}
