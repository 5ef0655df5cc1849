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
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

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

struct Phrase {
    /// Stems after the first.
    rest: Vec<u32>,
    owner: u32,
}

/// Compiled phrases and patterns.
pub struct Matcher {
    by_first: HashMap<u32, Vec<Phrase>>,
    patterns: Vec<(Regex, u32)>,
    set: Option<RegexSet>,
    stemmer: rust_stemmers::Stemmer,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher {
            by_first: HashMap::new(),
            patterns: Vec::new(),
            set: None,
            stemmer: english_stemmer(),
        }
    }
}

/// Builds a pattern the way the scorer matches it.
fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
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

    /// Adds a pattern; one that does not compile is skipped (validation
    /// reports it).
    pub fn add_pattern(&mut self, pattern: &str, owner: u32) {
        if let Ok(re) = build_regex(pattern) {
            self.patterns.push((re, owner));
        }
    }

    /// Call once every phrase and pattern is added.
    pub fn finish(&mut self) {
        if !self.patterns.is_empty() {
            self.set = RegexSetBuilder::new(self.patterns.iter().map(|(r, _)| r.as_str()))
                .case_insensitive(true)
                .size_limit(1 << 24)
                .build()
                .ok();
        }
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
        let Some(set) = &self.set else {
            return;
        };
        if toks.is_empty() {
            return;
        }
        for pi in set.matches(sentence).iter() {
            let (re, owner) = &self.patterns[pi];
            for m in re.find_iter(sentence) {
                let start = toks.partition_point(|t| t.end <= m.start());
                let end_excl = toks.partition_point(|t| t.start < m.end());
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
}
