//! The scoring engine: a pure, deterministic function of
//! (rubric, scenario, answers) → scorecard.
//!
//! `Scorer::new` compiles the rubric (plus a scenario's emphasis and
//! criteria) once: every evidence phrase becomes a sequence of interned
//! stems, indexed by its first stem; every pattern joins one `RegexSet`.
//! `Scorer::score` then walks the answers sentence by sentence:
//!
//! 1. split into sentences (lines, sentence ends; bullets are sentences);
//! 2. skip headings and sentences already seen (normalised);
//! 3. find phrase and pattern matches; drop the ones that are declined
//!    ("we will not monitor", "baselines are unnecessary", "monitoring is
//!    out of scope", "we won't do shadow mode or a canary");
//! 4. keep the sentence only if it has substance: enough words (a terse
//!    bullet counts when it states a complete point, "Split by time.", or
//!    answers the question it sits under), not marketing prose, not a
//!    comma-separated list of fragments, not mostly rubric vocabulary, not
//!    one short sentence naming many criteria;
//! 5. credit the concepts it expresses to their criteria.
//!
//! A criterion is covered when its earned concepts reach `need`, partial
//! with at least one. Area scores are weighted means of credits; the
//! overall score is the weighted mean of the area scores.

mod ordered;
pub mod text;
pub mod types;

pub use types::*;

use crate::core::content::{Criterion, Rubric, Scenario};
use regex_automata::util::{iter::Searcher, syntax};
use regex_automata::{Input, MatchKind, PatternSet, meta};
use std::collections::HashMap;
use text::{Normaliser, Tok, UNKNOWN};

/// At most this many evidence sentences are kept per criterion.
pub const MAX_EVIDENCE: usize = 3;
/// Fewest words a sentence needs to earn anything.
const MIN_WORDS: usize = 4;
/// A sentence this long (in words) is never judged too broad: it has room
/// to say something about each thing it touches.
const BROAD_WORDS: usize = 12;
/// Largest number of non-stop words allowed between two words of a phrase.
const MAX_GAP: usize = 2;
/// Largest distance in tokens between two consecutive words of a phrase.
const MAX_SPAN: usize = 4;
/// How far (in tokens) before a match a negation is looked for.
const NEG_BEFORE: usize = 7;
/// … and in content words outside other matches.
const NEG_BEFORE_WORDS: usize = 4;
/// How far after a match a decline ("… is unnecessary") is looked for, in
/// content words outside other matches (filler and matched words are free,
/// up to three times this many tokens).
const NEG_AFTER: usize = 3;

/// Checks that an evidence pattern compiles the way the engine compiles it.
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    build_regex(pattern).map(|_| ()).map_err(|e| e.to_string())
}

/// Patterns are compiled as the `regex` crate compiles a case-insensitive
/// `Regex` (leftmost-first; `size_limit` bytes for the compiled program)
/// or `RegexSet` (every pattern that matches), but searched with caches
/// the scorer keeps (see `RegexCaches`) rather than the crate's shared pool.
fn regex_builder(kind: MatchKind, size_limit: usize) -> meta::Builder {
    let config = meta::Config::new()
        .nfa_size_limit(Some(size_limit))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(kind)
        .utf8_empty(true);
    let config = if kind == MatchKind::All {
        config.which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
    } else {
        config
    };
    let mut b = meta::Builder::new();
    b.configure(config)
        .syntax(syntax::Config::new().case_insensitive(true).utf8(true));
    b
}

fn build_regex(pattern: &str) -> Result<meta::Regex, Box<meta::BuildError>> {
    regex_builder(MatchKind::LeftmostFirst, 1 << 20)
        .build(pattern)
        .map_err(Box::new)
}

/// Search caches for a matcher's patterns (one set per thread, kept
/// between calls so the lazy DFAs stay built).
struct RegexCaches {
    set: meta::Cache,
    each: Vec<meta::Cache>,
    matched: PatternSet,
}

/// Phrases and patterns compiled for matching. `owner` is whatever the
/// caller attaches to each phrase (a concept, or a phrase index).
struct Matcher {
    vocab: HashMap<String, u32>,
    /// Phrase token sequences, owners and signatures (a bit per
    /// `stem id % 64` of their words: a quick "all words present" filter).
    phrases: Vec<(Vec<u32>, usize, u64)>,
    /// For each stem id, the phrases starting with it (after `finish`:
    /// for each stem id that starts a phrase).
    by_first: Vec<Vec<u32>>,
    /// Per stem id that starts a phrase, where its phrases are in
    /// `singles`, `groups` and `members`. Built by `finish`, which numbers
    /// those stems first: a word that starts no phrase is past the end.
    /// (These tables are read for every word of every sentence: they are
    /// kept apart from `phrases`, each read in one place.)
    cands: Vec<StemCands>,
    /// The owners of one-word phrases, stem after stem.
    singles: Vec<usize>,
    /// Longer phrases grouped by their first two stems: (second stem,
    /// range of `members`), each stem's groups sorted by second stem.
    groups: Vec<(u32, u32, u32)>,
    /// Longer phrases, group after group.
    members: Vec<Member>,
    /// The stems after the first of each longer phrase, each run preceded
    /// by its length (see `Member::rest`).
    rests: Vec<u32>,
    patterns: Vec<(meta::Regex, usize)>,
    /// The patterns' sources (for `set`).
    sources: Vec<String>,
    /// Per owner: do its matches mark their tokens in `vocab`? (Absent:
    /// no.)
    marks: Vec<bool>,
    set: Option<meta::Regex>,
    /// The phrases' words as written, with their stems and flags (for
    /// `known`).
    stems: foldhash::HashMap<String, (String, u16)>,
    /// The phrases' words and the flagged words, normalised in advance
    /// (by `learn_words`; a `PhraseSet` has none).
    known: text::WordCache,
}

/// The phrases starting with one stem: its one-word phrases
/// (`singles[single.0..single.1]`), its longer ones grouped by second stem
/// (`groups[pairs.0..pairs.1]`), and a bit per `second stem % 64` of those
/// groups (a quick "no phrase continues with this word").
#[derive(Clone, Copy, Default)]
struct StemCands {
    single: (u32, u32),
    pairs: (u32, u32),
    seconds: u64,
}

/// A phrase of two or more stems, as `find` reads it.
#[derive(Clone, Copy)]
struct Member {
    /// A bit per `stem id % 64` of its stems.
    sig: u64,
    owner: u32,
    /// Where its stems after the first are in `rests` (after their count).
    rest: u32,
}

/// A match in a sentence: owner and token range (inclusive).
#[derive(Debug, Clone, Copy)]
struct Hit {
    owner: usize,
    start: usize,
    end: usize,
}

impl Matcher {
    fn new() -> Self {
        Matcher {
            vocab: HashMap::new(),
            phrases: Vec::new(),
            by_first: Vec::new(),
            cands: Vec::new(),
            singles: Vec::new(),
            groups: Vec::new(),
            members: Vec::new(),
            rests: Vec::new(),
            patterns: Vec::new(),
            sources: Vec::new(),
            marks: Vec::new(),
            set: None,
            stems: foldhash::HashMap::default(),
            known: text::WordCache::default(),
        }
    }

    fn intern(&mut self, stem: String) -> u32 {
        let next = self.vocab.len() as u32;
        *self.vocab.entry(stem).or_insert(next)
    }

    fn add_phrase(&mut self, stemmer: &rust_stemmers::Stemmer, phrase: &str, owner: usize) {
        use unicode_segmentation::UnicodeSegmentation;
        let words: Vec<(String, u16)> = phrase
            .unicode_words()
            .map(|w| match self.stems.get(w) {
                // Each distinct word is stemmed once.
                Some(known) => known.clone(),
                None => {
                    let stemmed = text::stem_word(stemmer, w);
                    self.stems.insert(w.to_string(), stemmed.clone());
                    stemmed
                }
            })
            .collect();
        // Filler words are dropped, unless that would leave a single word:
        // "train on" must not become "train".
        let content = words.iter().filter(|(_, f)| f & text::STOP == 0).count();
        let keep_all = content < 2;
        let toks: Vec<u32> = words
            .into_iter()
            .filter(|(_, f)| keep_all || f & text::STOP == 0)
            .map(|(s, _)| self.intern(s))
            .collect();
        if toks.is_empty() {
            return;
        }
        let idx = self.phrases.len() as u32;
        let first = toks[0] as usize;
        if self.by_first.len() <= first {
            self.by_first.resize(first + 1, Vec::new());
        }
        // The same phrase for the same owner twice is a no-op.
        if self.by_first[first].iter().any(|&p| {
            let (t, o, _) = &self.phrases[p as usize];
            *t == toks && *o == owner
        }) {
            return;
        }
        let sig = toks.iter().fold(0u64, |m, &t| m | 1 << (t % 64));
        self.by_first[first].push(idx);
        self.phrases.push((toks, owner, sig));
    }

    fn add_pattern(&mut self, pattern: &str, owner: usize) {
        if let Ok(re) = build_regex(pattern) {
            self.patterns.push((re, owner));
            self.sources.push(pattern.to_string());
        }
    }

    /// Numbers the stems that start a phrase first (`0..by_first.len()`,
    /// in their order), then the others.
    fn renumber(&mut self) {
        let n = self.vocab.len();
        let mut by_first = std::mem::take(&mut self.by_first);
        by_first.resize(n.max(by_first.len()), Vec::new());
        let mut new_id = vec![0u32; by_first.len()];
        let mut next = 0u32;
        for starts in [true, false] {
            for (id, ps) in by_first.iter().enumerate() {
                if ps.is_empty() != starts {
                    new_id[id] = next;
                    next += 1;
                }
            }
        }
        for id in self.vocab.values_mut() {
            *id = new_id[*id as usize];
        }
        for (toks, _, sig) in &mut self.phrases {
            for t in toks.iter_mut() {
                *t = new_id[*t as usize];
            }
            *sig = toks.iter().fold(0u64, |m, &t| m | 1 << (t % 64));
        }
        let mut starting = vec![Vec::new(); by_first.iter().filter(|ps| !ps.is_empty()).count()];
        for (id, ps) in by_first.into_iter().enumerate() {
            if !ps.is_empty() {
                starting[new_id[id] as usize] = ps;
            }
        }
        self.by_first = starting;
    }

    fn finish(&mut self) {
        self.renumber();
        self.singles.clear();
        self.groups.clear();
        self.members.clear();
        self.rests.clear();
        let mut cands = Vec::with_capacity(self.by_first.len());
        for ps in &self.by_first {
            let mut c = StemCands::default();
            let at = self.singles.len() as u32;
            self.singles.extend(
                ps.iter()
                    .map(|&p| &self.phrases[p as usize])
                    .filter(|(toks, _, _)| toks.len() == 1)
                    .map(|&(_, owner, _)| owner),
            );
            c.single = (at, self.singles.len() as u32);
            let mut longer: Vec<(u32, u64, u32)> = ps
                .iter()
                .map(|&p| &self.phrases[p as usize])
                .zip(ps)
                .filter(|((toks, _, _), _)| toks.len() > 1)
                .map(|((toks, _, sig), &p)| (toks[1], *sig, p))
                .collect();
            // Stable: phrases of a group keep their order.
            longer.sort_by_key(|&(second, _, _)| second);
            let first_group = self.groups.len() as u32;
            for (k, &(second, sig, p)) in longer.iter().enumerate() {
                if k == 0 || longer[k - 1].0 != second {
                    let at = self.members.len() as u32;
                    self.groups.push((second, at, at));
                    c.seconds |= 1 << (second % 64);
                }
                let (toks, owner, _) = &self.phrases[p as usize];
                self.members.push(Member {
                    sig,
                    owner: *owner as u32,
                    rest: self.rests.len() as u32,
                });
                self.rests.push(toks.len() as u32 - 1);
                self.rests.extend(&toks[1..]);
                if let Some(g) = self.groups.last_mut() {
                    g.2 = self.members.len() as u32;
                }
            }
            c.pairs = (first_group, self.groups.len() as u32);
            cands.push(c);
        }
        self.cands = cands;
        if !self.patterns.is_empty() {
            self.set = regex_builder(MatchKind::All, 1 << 24)
                .build_many(&self.sources)
                .ok();
        }
    }

    /// Every phrase and pattern match in a sentence; `vocab` marks the
    /// tokens that matched words belong to (for owners in `marks`).
    /// Normalises the phrases' words (and the flagged words) in advance,
    /// for scoring long texts (see `text::known_words`).
    fn learn_words(&mut self) {
        let stems = std::mem::take(&mut self.stems);
        self.known = text::known_words(
            &self.vocab,
            stems.iter().map(|(w, (s, _))| (w.as_str(), s.as_str())),
        );
    }

    fn regex_caches(&self, set: &meta::Regex) -> RegexCaches {
        RegexCaches {
            set: set.create_cache(),
            each: self
                .patterns
                .iter()
                .map(|(r, _)| r.create_cache())
                .collect(),
            matched: PatternSet::new(self.patterns.len()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn find(
        &self,
        sentence: &str,
        toks: &[Tok],
        vocab: &mut [bool],
        hits: &mut Vec<Hit>,
        present: &mut Vec<u64>,
        regex: &mut Option<RegexCaches>,
    ) {
        let marks = |owner: usize| self.marks.get(owner).copied().unwrap_or(false);
        hits.clear();
        let n = toks.len();
        // The stems of the sentence, as a bit set over the vocabulary: a
        // phrase with a word missing from the sentence cannot match.
        let words = self.vocab.len().div_ceil(64);
        if present.len() < words {
            present.resize(words, 0);
        }
        let mut sig = 0u64;
        for t in toks.iter().filter(|t| t.id != UNKNOWN) {
            sig |= 1 << (t.id % 64);
            if let Some(w) = present.get_mut((t.id / 64) as usize) {
                *w |= 1 << (t.id % 64);
            }
        }
        let has = |id: u32| {
            present
                .get((id / 64) as usize)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        };
        for i in 0..n {
            let id = toks[i].id;
            if id == UNKNOWN {
                continue;
            }
            let Some(&c) = self.cands.get(id as usize) else {
                continue;
            };
            // One-word phrases match here.
            for &owner in &self.singles[c.single.0 as usize..c.single.1 as usize] {
                if marks(owner) {
                    if let Some(x) = vocab.get_mut(i) {
                        *x = true;
                    }
                }
                hits.push(Hit {
                    owner,
                    start: i,
                    end: i,
                });
            }
            // (No group's second stem in the sentence: nothing longer can
            // match from here.)
            if c.pairs.0 == c.pairs.1 || c.seconds & sig == 0 {
                continue;
            }
            // Longer phrases: only the groups whose second stem is among
            // the next words `match_from` may reach (each stem once).
            let groups = &self.groups[c.pairs.0 as usize..c.pairs.1 as usize];
            let mut j = i + 1;
            while j < n && j - i <= MAX_SPAN && !toks[j].clause_start {
                let second = toks[j].id;
                j += 1;
                if second == UNKNOWN || c.seconds & (1 << (second % 64)) == 0 {
                    continue;
                }
                let Ok(g) = groups.binary_search_by_key(&second, |g| g.0) else {
                    continue;
                };
                if toks[i + 1..j - 1].iter().any(|t| t.id == second) {
                    continue;
                }
                let (_, from, to) = groups[g];
                for m in &self.members[from as usize..to as usize] {
                    if m.sig & !sig != 0 {
                        continue;
                    }
                    let at = m.rest as usize;
                    let rest = &self.rests[at + 1..at + 1 + self.rests[at] as usize];
                    if !rest[1..].iter().all(|&t| has(t)) {
                        continue;
                    }
                    let owner = m.owner as usize;
                    let mut scratch = [false; 0];
                    let v: &mut [bool] = if marks(owner) { vocab } else { &mut scratch };
                    if let Some(end) = match_from(toks, i, rest, v) {
                        if let Some(x) = v.get_mut(i) {
                            *x = true;
                        }
                        hits.push(Hit {
                            owner,
                            start: i,
                            end,
                        });
                    }
                }
            }
        }
        for t in toks.iter().filter(|t| t.id != UNKNOWN) {
            if let Some(w) = present.get_mut((t.id / 64) as usize) {
                *w = 0;
            }
        }
        // Most sentences match no pattern, and finding out is cheaper than
        // finding which patterns match.
        let Some(set) = self.set.as_ref() else {
            return;
        };
        let rc = regex.get_or_insert_with(|| self.regex_caches(set));
        let input = Input::new(sentence);
        if set.is_match_with(&mut rc.set, &input) {
            rc.matched.clear();
            set.which_overlapping_matches_with(&mut rc.set, &input, &mut rc.matched);
            for pi in rc.matched.iter() {
                let (re, owner) = &self.patterns[pi.as_usize()];
                let cache = &mut rc.each[pi.as_usize()];
                let mut it = Searcher::new(input.clone());
                while let Some(m) = it.advance(|input| Ok(re.search_with(cache, input))) {
                    let start = toks.partition_point(|t| t.start < m.start());
                    let end_excl = toks.partition_point(|t| t.start < m.end());
                    let (start, end) = if end_excl > start {
                        (start, end_excl - 1)
                    } else {
                        // A match with no word in it (e.g. "<"): anchor on
                        // the preceding word.
                        let s = start.saturating_sub(1);
                        (s, s)
                    };
                    if marks(*owner) {
                        for v in vocab.iter_mut().take(end + 1).skip(start) {
                            *v = true;
                        }
                    }
                    if n > 0 {
                        hits.push(Hit {
                            owner: *owner,
                            start: start.min(n - 1),
                            end: end.min(n - 1),
                        });
                    }
                }
            }
        }
    }
}

/// Matches the rest of a phrase after its first word at `i`: each next
/// word within a small gap of filler. Returns the last matched token.
fn match_from(toks: &[Tok], i: usize, rest: &[u32], vocab: &mut [bool]) -> Option<usize> {
    let mut pos = i;
    let mut found_at: [usize; 16] = [0; 16];
    for (k, &t) in rest.iter().enumerate() {
        let mut j = pos + 1;
        let mut gap = 0;
        let mut found = None;
        // A phrase never spans a clause boundary ("data, tests").
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
        if k < found_at.len() {
            found_at[k] = pos;
        }
    }
    for &p in found_at.iter().take(rest.len().min(found_at.len())) {
        if let Some(v) = vocab.get_mut(p) {
            *v = true;
        }
    }
    Some(pos)
}

/// Is the match at tokens `start..=end` a declined topic ("we will not
/// monitor", "no A/B test needed", "baselines are unnecessary", "monitoring
/// is out of scope")? Words inside other matches (`covered`) and filler do
/// not count towards the distance, so a decline reaches every topic of a
/// coordinated list ("we won't do shadow mode or a canary", "leakage and
/// skew are not something we need to think about").
///
/// A concept with `allow_negation` ("no leakage" is good) is declined only
/// by a decline verb ("we ignore label delay"), by "won't worry about …" /
/// "no need for …", or by a decline after it.
fn declined(
    toks: &[Tok],
    covered: &[bool],
    start: usize,
    end: usize,
    allow_negation: bool,
) -> bool {
    use text::{DECLINE_AFTER, DVERB, NEED, NEG, OUT, OVERRIDE};
    let counts = |k: usize| !toks[k].is_stop() && !covered.get(k).copied().unwrap_or(false);
    let mut negs = 0;
    let mut overridden = false;
    let mut verb = false;
    let mut need_between = false;
    let mut k = start;
    let mut steps = 0;
    let mut total = 0;
    while k > 0 && steps < NEG_BEFORE_WORDS && total < 2 * NEG_BEFORE && !toks[k].clause_start {
        k -= 1;
        total += 1;
        if counts(k) {
            steps += 1;
        }
        let f = toks[k].flags;
        // "No A/B test is needed and we won't do shadow mode", "we will
        // not monitor it and we won't retrain it" are not double
        // negations: a negation's reach ends at "needed" or "and".
        if negs > 0 && f & (NEED | text::CONJ) != 0 && f & NEG == 0 {
            break;
        }
        if f & NEG != 0 {
            negs += 1;
            if f & DVERB != 0 && negs == 1 && !overridden {
                verb = true;
            }
        } else if f & OVERRIDE != 0 && negs == 0 {
            overridden = true;
        } else if f & NEED != 0 && negs == 0 {
            need_between = true;
        }
    }
    if allow_negation {
        if (verb || (negs % 2 == 1 && need_between)) && !overridden {
            return true;
        }
    } else if negs % 2 == 1 && !overridden {
        return true;
    }
    let mut neg_seen = false;
    let mut k = end + 1;
    let mut steps = 0;
    while k < toks.len() && steps < NEG_AFTER && k <= end + 3 * NEG_AFTER && !toks[k].clause_start {
        if counts(k) {
            steps += 1;
        }
        let f = toks[k].flags;
        if f & DECLINE_AFTER != 0 && !neg_seen {
            return true;
        }
        if f & NEG != 0 {
            neg_seen = true;
        } else if f & NEED != 0
            && (neg_seen || (k >= 2 && (toks[k - 1].flags | toks[k - 2].flags) & OUT != 0))
        {
            return true;
        }
        k += 1;
    }
    false
}

/// Sentence cache key: hash and length of the text.
type Key = (u64, usize);

/// Where a sentence's analysis is: `at` in the cache (`chunk == CACHED`),
/// or `at` in the batch of chunk `chunk` (moved to the cache when that
/// chunk is judged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    chunk: u32,
    at: u32,
}

const CACHED: u32 = u32::MAX;

/// Part of one answer, split into sentences on its own.
struct Piece<'a> {
    answer: usize,
    text: &'a str,
}

/// Cuts the answers into pieces, in order, to share out in chunks
/// between `threads` threads: returns the pieces and where each chunk's
/// run of them starts. Chunks get smaller towards the end (each about
/// `1 / (2 × threads)` of what is left, at least `MIN_CHUNK` bytes), so
/// that the threads finish close together while there are few chunks to
/// hand out. An answer is cut only at line ends, and not at all when it
/// has a code fence (see `text::cuttable`). One thread: one chunk.
fn plan<'a>(answers: &[AnswerInput<'a>], threads: usize) -> (Vec<Piece<'a>>, Vec<usize>) {
    let total: usize = answers.iter().map(|a| a.text.len()).sum();
    // Cut points in the answers laid end to end.
    let mut cuts = std::iter::successors(Some(0), |&at: &usize| {
        let left = total - at;
        (threads > 1 && left > MIN_CHUNK).then(|| at + (left / (2 * threads)).max(MIN_CHUNK))
    })
    .skip(1)
    .filter(|&at| at < total);
    let mut next_cut = cuts.next();
    let mut pieces = Vec::with_capacity(answers.len() + 4 * threads);
    let mut starts = vec![0];
    let mut offset = 0;
    for (answer, a) in answers.iter().enumerate() {
        let len = a.text.len();
        let cuttable = next_cut.is_some_and(|c| c < offset + len) && text::cuttable(a.text);
        let mut from = 0;
        while let Some(c) = next_cut.filter(|&c| c < offset + len) {
            let at = if cuttable {
                text::line_end_from(a.text, c - offset)
            } else {
                len
            };
            if at > from {
                pieces.push(Piece {
                    answer,
                    text: &a.text[from..at],
                });
                from = at;
            }
            if starts.last() != Some(&pieces.len()) {
                starts.push(pieces.len());
            }
            next_cut = cuts.next();
        }
        if from < len || len == 0 {
            pieces.push(Piece {
                answer,
                text: &a.text[from..],
            });
        }
        offset += len;
    }
    // A run that would start after the last piece is empty.
    starts.retain(|&s| s < pieces.len().max(1));
    (pieces, starts)
}

/// A piece split into sentences, and where their analyses are.
struct Split<'a> {
    answer: usize,
    sentences: Vec<text::Sentence<'a>>,
    /// Per non-heading sentence: where its analysis is.
    slots: Vec<Slot>,
    /// Line ends in the piece (the lines of the pieces after it follow).
    lines: usize,
}

/// A chunk of the answers, split, with the analyses of its sentences new
/// to the cache (`keys`: their keys, in the same order).
struct Chunk<'a> {
    splits: Vec<Split<'a>>,
    batch: Batch,
    keys: Vec<Key>,
}

/// What a thread keeps from one chunk to the next.
struct Worker<'s> {
    norm: Normaliser<'s>,
    scratch: Scratch,
    /// Sentences this thread analysed in this call (by key): a repeat is
    /// analysed once per thread.
    mine: foldhash::HashMap<Key, Slot>,
}

/// Judges sentences in order: each sentence's analysis in the context of
/// its answer and the sentences before it (repeats, and qualifiers that
/// follow up on the previous sentence).
struct Judge<'s> {
    scorer: &'s Scorer,
    /// Where each chunk judged so far starts in the cache.
    bases: Vec<u32>,
    /// Where the sentences new to the cache are in it.
    added: foldhash::HashMap<Key, u32>,
    seen: foldhash::HashSet<u64>,
    /// Criteria with a non-qualifier concept in the previous sentence of
    /// the same answer: a qualifier may follow up on them ("… so we …").
    prev: Vec<usize>,
    cur: Vec<usize>,
    /// Concept lists with lone qualifiers put back (rare).
    earned: Vec<u32>,
    refused: Vec<u32>,
    crits: Vec<usize>,
    /// The answer being judged, and its lines in the pieces before.
    answer: Option<usize>,
    lines_before: usize,
}

impl<'s> Judge<'s> {
    fn new(
        scorer: &'s Scorer,
        added: foldhash::HashMap<Key, u32>,
        seen: foldhash::HashSet<u64>,
    ) -> Self {
        Judge {
            scorer,
            bases: Vec::new(),
            added,
            seen,
            prev: Vec::new(),
            cur: Vec::new(),
            earned: Vec::new(),
            refused: Vec::new(),
            crits: Vec::new(),
            answer: None,
            lines_before: 0,
        }
    }

    /// Moves the analyses of the next chunk into the cache's `analysed`
    /// and judges its sentences.
    fn chunk<'a>(
        &mut self,
        answers: &[AnswerInput<'a>],
        mut chunk: Chunk<'a>,
        analysed: &mut Batch,
        f: &mut impl FnMut(usize, &text::Sentence<'a>, Verdict, &[u32], &[u32]),
    ) {
        let base = analysed.len() as u32;
        self.bases.push(base);
        analysed.append(std::mem::take(&mut chunk.batch));
        // The first of equal sentences analysed by two threads.
        self.added.reserve(chunk.keys.len());
        for (k, &key) in chunk.keys.iter().enumerate() {
            self.added.entry(key).or_insert(base + k as u32);
        }
        self.seen
            .reserve(chunk.splits.iter().map(|s| s.slots.len()).sum());
        for split in &mut chunk.splits {
            self.split(answers, split, analysed, f);
        }
    }

    fn split<'a>(
        &mut self,
        answers: &[AnswerInput<'a>],
        split: &mut Split<'a>,
        analysed: &Batch,
        f: &mut impl FnMut(usize, &text::Sentence<'a>, Verdict, &[u32], &[u32]),
    ) {
        let scorer = self.scorer;
        let qi = split.answer;
        if self.answer != Some(qi) {
            self.answer = Some(qi);
            self.lines_before = 0;
            self.prev.clear();
        }
        let on_topic: &[usize] = answers
            .get(qi)
            .and_then(|a| scorer.question_criteria.get(a.question))
            .map_or(&[], |v| v.as_slice());
        let bases = &self.bases;
        let mut slots = split.slots.iter().map(|s| match s.chunk {
            CACHED => Some(s.at),
            c => bases.get(c as usize).map(|b| b + s.at),
        });
        for s in &mut split.sentences {
            s.line += self.lines_before;
            if s.heading {
                f(qi, s, Verdict::Heading, &[], &[]);
                continue;
            }
            let Some((a, here)) = slots
                .next()
                .flatten()
                .and_then(|k| analysed.get(k as usize))
            else {
                continue;
            };
            if a.stats.words == 0 {
                f(qi, s, Verdict::OffTopic, &[], &[]);
                continue;
            }
            if !self.seen.insert(a.norm_hash) {
                f(qi, s, Verdict::Repeat, &[], &[]);
                continue;
            }
            let prev = &self.prev;
            let backed = |c: &u32| prev.contains(&scorer.concepts[*c as usize].criterion);
            let refused_here = if here.refused_lone.iter().any(backed) {
                with_backed(&mut self.refused, here.refused, here.refused_lone, backed)
            } else {
                here.refused
            };
            let (earned_here, verdict) = if here.earned_lone.iter().any(backed) {
                let e = with_backed(&mut self.earned, here.earned, here.earned_lone, backed);
                (e, scorer.verdict(&a.stats, e, on_topic, &mut self.crits))
            } else {
                let v = match a.verdict {
                    Some(v) => v,
                    None => scorer.verdict(&a.stats, here.earned, on_topic, &mut self.crits),
                };
                (here.earned, v)
            };
            self.cur.clear();
            if verdict == Verdict::Substantive {
                // Lone qualifiers are qualifiers: `here.earned` has every
                // non-qualifier concept.
                self.cur.extend(
                    here.earned
                        .iter()
                        .map(|&c| &scorer.concepts[c as usize])
                        .filter(|c| !c.qualifier)
                        .map(|c| c.criterion),
                );
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
            f(qi, s, verdict, earned_here, refused_here);
        }
        self.lines_before += split.lines;
    }
}

/// `kept` (sorted) plus the lone qualifiers in `lone` that the previous
/// sentence backs, sorted, in `buf`.
fn with_backed<'b>(
    buf: &'b mut Vec<u32>,
    kept: &[u32],
    lone: &[u32],
    backed: impl Fn(&u32) -> bool,
) -> &'b [u32] {
    buf.clear();
    buf.extend_from_slice(kept);
    buf.extend(lone.iter().filter(|c| backed(c)));
    buf.sort_unstable();
    buf
}

struct CArea {
    id: String,
    title: String,
    weight: f32,
}

struct CCriterion {
    id: String,
    area: usize,
    label: String,
    weight: f32,
    gap: String,
    hint: String,
    source: String,
    emphasis: Option<String>,
    /// Concept indices (global).
    concepts: Vec<usize>,
    need: usize,
}

/// What scoring needs of a concept, small for the inner loops (names
/// are in `Scorer::concept_names`).
struct CConcept {
    criterion: usize,
    /// Index of the concept within its criterion (< 64).
    local: u8,
    allow_negation: bool,
    qualifier: bool,
}

/// A rubric (plus scenario) compiled for fast repeated scoring.
pub struct Scorer {
    areas: Vec<CArea>,
    criteria: Vec<CCriterion>,
    concepts: Vec<CConcept>,
    concept_names: Vec<String>,
    matcher: Matcher,
    /// Criteria each rubric question asks about (by question id).
    question_criteria: HashMap<String, Vec<usize>>,
    /// Words and sentences analysed by earlier calls (caches only: results
    /// never depend on them).
    caches: std::sync::Mutex<Caches>,
    /// Threads to use for a long text (0: `worker_threads()`; tests set
    /// others).
    threads: std::sync::atomic::AtomicUsize,
}

/// Fewest bytes of answer text worth sharing between threads.
const PARALLEL_BYTES: usize = 128 * 1024;
/// Fewest bytes of answer text in a chunk of shared work (see `plan`):
/// small enough that the threads finish close together, large enough that
/// sharing costs little.
const MIN_CHUNK: usize = 4 * 1024;
/// Most threads used to analyse sentences.
const MAX_THREADS: usize = 4;

/// Threads to share large work between: the available cores, at most
/// `MAX_THREADS`. (Asked once: asking reads the process's CPU limits,
/// which is too slow for every score call of the live coach.)
fn worker_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
    })
}

/// Largest number of analysed sentences kept between calls.
const SENTENCE_CACHE_LIMIT: usize = 100_000;

#[derive(Default)]
struct Caches {
    words: text::WordCache,
    /// Analysed sentences, and where each sentence (by key) is among them.
    analysed: Batch,
    index: foldhash::HashMap<(u64, usize), u32>,
    /// Normalised sentences judged (emptied at each call, its room kept).
    seen: foldhash::HashSet<u64>,
    /// Per-thread buffers and regex caches, kept for the next call (not
    /// cleared by `clear_cache`: they hold no results).
    scratch: Vec<Scratch>,
}

/// Buffers reused from one sentence to the next.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    vocab: Vec<bool>,
    hits: Vec<Hit>,
    /// Stem bit set (see `Matcher::find`); all zero between sentences.
    present: Vec<u64>,
    covered: Vec<bool>,
    earned: Vec<u32>,
    refused: Vec<u32>,
    /// For the verdict: criteria of the concepts.
    crits: Vec<usize>,
    /// Concept bit sets (see `Scorer::analyse`); all zero between
    /// sentences.
    bits: Vec<u64>,
    /// Lone qualifiers (see `Scorer::split_lone`).
    lone: Vec<u32>,
    /// Made on first use.
    regex: Option<RegexCaches>,
    /// A worker thread's word cache, and the sentences it analysed in
    /// this call (see `Worker`): emptied at each call, their room kept.
    words: text::WordCache,
    mine: foldhash::HashMap<Key, Slot>,
}

/// Whitespace-separated words of `raw` that are "and" or "or" (any case),
/// counted from its tokens: a token "and" with whitespace (or an end of the
/// sentence) on both sides.
fn count_ands(raw: &str, toks: &[Tok]) -> usize {
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    toks.iter()
        .filter(|t| t.flags & text::CONJ != 0)
        .filter(|t| {
            let rest = &raw.as_bytes()[t.start..];
            let len = if rest.len() >= 3 && rest[..3].eq_ignore_ascii_case(b"and") {
                3
            } else if rest.len() >= 2 && rest[..2].eq_ignore_ascii_case(b"or") {
                2
            } else {
                return false;
            };
            raw.get(t.start + len..)
                .is_some_and(|after| spaced(after.chars().next()))
                && raw
                    .get(..t.start)
                    .is_some_and(|before| spaced(before.chars().next_back()))
        })
        .count()
}

/// Substance figures of a sentence.
#[derive(Debug, Clone, Copy)]
struct Stats {
    words: usize,
    /// Filler words.
    stops: usize,
    /// Content words not part of any (non-qualifier) match.
    free: usize,
    /// Comma/semicolon-separated fragments.
    frags: usize,
    /// Fluff words and vagueness markers.
    fluff: usize,
    /// Has a number (a specific, not a promise).
    concrete: bool,
}

/// What a sentence expresses, before its context (the previous sentence)
/// is taken into account.
struct Analysed {
    /// Hash of its normalised words (repeat detection).
    norm_hash: u64,
    /// Where its concepts are: `concepts[at..]` of the `Batch` the
    /// analysis belongs to, as four sorted runs of the lengths in `lens`
    /// (see `Concepts`).
    at: u32,
    lens: [u16; 4],
    stats: Stats,
    /// The verdict when no lone qualifier is kept (the previous sentence
    /// backs none of them), for sentences long enough not to depend on
    /// the question.
    verdict: Option<Verdict>,
}

/// The concepts of an analysed sentence. A lone qualifier (a qualifier
/// whose criterion has no other concept in the list) stays only when the
/// previous sentence expressed its criterion, so lone qualifiers are kept
/// apart: `earned` and `refused` (concepts only declined) hold the rest.
struct Concepts<'b> {
    earned: &'b [u32],
    earned_lone: &'b [u32],
    refused: &'b [u32],
    refused_lone: &'b [u32],
}

/// Analysed sentences and, in one buffer, the concepts they list (one
/// allocation for all of them rather than two per sentence).
#[derive(Default)]
struct Batch {
    analysed: Vec<Analysed>,
    concepts: Vec<u32>,
}

impl Batch {
    fn len(&self) -> usize {
        self.analysed.len()
    }

    fn get(&self, k: usize) -> Option<(&Analysed, Concepts<'_>)> {
        let a = self.analysed.get(k)?;
        let mut at = a.at as usize;
        let mut run = |len: u16| {
            let r = self.concepts.get(at..at + len as usize);
            at += len as usize;
            r
        };
        let concepts = Concepts {
            earned: run(a.lens[0])?,
            earned_lone: run(a.lens[1])?,
            refused: run(a.lens[2])?,
            refused_lone: run(a.lens[3])?,
        };
        Some((a, concepts))
    }

    fn clear(&mut self) {
        self.analysed.clear();
        self.concepts.clear();
    }

    /// Adds `other`'s analyses to the end of this batch: copied into its
    /// room, or taken whole when this batch is empty and too small.
    fn append(&mut self, other: Batch) {
        if self.analysed.is_empty()
            && self.concepts.is_empty()
            && self.analysed.capacity() < other.analysed.len()
        {
            *self = other;
            return;
        }
        let base = self.concepts.len() as u32;
        self.concepts.extend(other.concepts);
        self.analysed
            .extend(other.analysed.into_iter().map(|mut a| {
                a.at += base;
                a
            }));
    }
}

/// Why a sentence earns nothing (exposed for explanations and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Earns what it expresses.
    Substantive,
    Heading,
    /// Already said (normalised repeat).
    Repeat,
    TooShort,
    /// A comma-separated list of short fragments.
    List,
    /// Almost every content word is rubric vocabulary.
    KeywordDense,
    /// One short sentence touching many criteria.
    TooBroad,
    /// Marketing fluff or vague promises ("we will monitor everything",
    /// "best practices will be applied throughout").
    Vague,
    /// Matches nothing.
    OffTopic,
}

/// How one sentence was judged: its verdict and the criteria it expresses
/// (declined topics excluded).
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceReport {
    pub text: String,
    pub line: usize,
    pub verdict: Verdict,
    pub criteria: Vec<String>,
    /// Criteria named only to decline them.
    pub declined: Vec<String>,
    /// `criterion/concept` for every concept earned.
    pub concepts: Vec<String>,
}

struct Earned<'a> {
    text: &'a str,
    question: usize,
    line: usize,
}

impl Scorer {
    pub fn new(rubric: &Rubric, scenario: Option<&Scenario>) -> Scorer {
        let stemmer = text::english_stemmer();
        let areas: Vec<CArea> = rubric
            .areas
            .iter()
            .map(|a| CArea {
                id: a.id.clone(),
                title: a.title.clone(),
                weight: if a.weight.is_finite() {
                    a.weight.max(0.0)
                } else {
                    0.0
                },
            })
            .collect();
        let mut all: Vec<&Criterion> = rubric.criteria.iter().collect();
        if let Some(s) = scenario {
            for c in &s.criteria {
                if !all.iter().any(|x| x.id == c.id) {
                    all.push(c);
                }
            }
        }
        let mut scorer = Scorer {
            areas,
            criteria: Vec::new(),
            concepts: Vec::new(),
            concept_names: Vec::new(),
            matcher: Matcher::new(),
            question_criteria: HashMap::new(),
            caches: std::sync::Mutex::new(Caches::default()),
            threads: std::sync::atomic::AtomicUsize::new(0),
        };
        for c in all {
            let Some(area) = scorer.areas.iter().position(|a| a.id == c.area) else {
                continue;
            };
            let emphasis = scenario.and_then(|s| s.emphasis.iter().find(|e| e.criterion == c.id));
            let mult = emphasis
                .map(|e| e.weight)
                .filter(|w| w.is_finite() && *w >= 0.0)
                .unwrap_or(1.0);
            let base = if c.weight.is_finite() {
                c.weight.max(0.0)
            } else {
                0.0
            };
            let ci = scorer.criteria.len();
            let mut concepts = Vec::new();
            // At most 64 concepts per criterion (a bit mask each).
            for (local, concept) in c.evidence.concepts.iter().take(64).enumerate() {
                let k = scorer.concepts.len();
                scorer.concept_names.push(concept.name.clone());
                scorer.concepts.push(CConcept {
                    criterion: ci,
                    local: local as u8,
                    allow_negation: concept.allow_negation,
                    qualifier: concept.qualifier,
                });
                concepts.push(k);
                for p in &concept.phrases {
                    scorer.matcher.add_phrase(&stemmer, p, k);
                }
                for p in &concept.patterns {
                    scorer.matcher.add_pattern(p, k);
                }
            }
            let need = c
                .evidence
                .need
                .unwrap_or(concepts.len())
                .clamp(1, concepts.len().max(1));
            scorer.criteria.push(CCriterion {
                id: c.id.clone(),
                area,
                label: c.label.clone(),
                weight: base * mult,
                gap: c.gap.clone(),
                hint: c.hint.clone(),
                source: c.source.clone(),
                emphasis: emphasis.map(|e| e.why.clone()),
                concepts,
                need,
            });
        }
        for q in rubric.areas.iter().flat_map(|a| &a.questions) {
            let ids: Vec<usize> = q
                .criteria
                .iter()
                .filter_map(|id| scorer.criteria.iter().position(|c| &c.id == id))
                .collect();
            scorer.question_criteria.insert(q.id.clone(), ids);
        }
        // Words matched by a qualifier stay the sentence's own (free) words.
        scorer.matcher.marks = scorer.concepts.iter().map(|c| !c.qualifier).collect();
        scorer.matcher.finish();
        scorer.matcher.learn_words();
        scorer
    }

    /// Splits the answers into sentences and judges each in order,
    /// calling `f` with the sentence, its verdict, the concepts it earns
    /// and those it only declines.
    ///
    /// A long text is cut at line ends into chunks, shared between threads
    /// (see `ordered`): each thread splits the chunks it claims into
    /// sentences and analyses the sentences the cache does not know, and
    /// this thread judges the chunks' sentences in order as they become
    /// ready. An analysis depends on its sentence only, so the results do
    /// not depend on how the text was cut or shared.
    fn walk<'a>(
        &self,
        answers: &[AnswerInput<'a>],
        mut f: impl FnMut(usize, &text::Sentence<'a>, Verdict, &[u32], &[u32]),
    ) {
        // Borrow the shared caches; when another thread holds them, start
        // empty ones instead of waiting.
        let mut caches = match self.caches.try_lock() {
            Ok(mut c) => std::mem::take(&mut *c),
            Err(_) => Caches::default(),
        };
        if caches.analysed.len() > SENTENCE_CACHE_LIMIT {
            caches.analysed = Batch::default();
            caches.index = foldhash::HashMap::default();
        }
        let Caches {
            words,
            analysed,
            index,
            seen,
            scratch: spare,
        } = &mut caches;
        let words_known = Some(&self.matcher.known);
        let total: usize = answers.iter().map(|a| a.text.len()).sum();
        let threads = match self.threads.load(std::sync::atomic::Ordering::Relaxed) {
            0 if total >= PARALLEL_BYTES => worker_threads(),
            0 => 1,
            n => n,
        };
        let (pieces, starts) = plan(answers, threads);
        let run = |k: usize| {
            let from = starts.get(k).copied().unwrap_or(pieces.len());
            let to = starts.get(k + 1).copied().unwrap_or(pieces.len());
            &pieces[from..to]
        };
        let worker = |scratch: Option<Scratch>, words: Option<&mut text::WordCache>| {
            let mut scratch = scratch.unwrap_or_default();
            let mut mine = std::mem::take(&mut scratch.mine);
            mine.clear();
            // The caller's word cache is kept between calls; a worker's
            // starts empty.
            let cache = match words {
                Some(w) => std::mem::take(w),
                None => {
                    let mut own = std::mem::take(&mut scratch.words);
                    own.clear();
                    own
                }
            };
            Worker {
                norm: Normaliser::with_cache(&self.matcher.vocab, words_known, cache),
                scratch,
                mine,
            }
        };
        let mut caller = worker(spare.pop(), Some(words));
        let workers: Vec<Worker<'_>> = (1..threads.min(starts.len()))
            .map(|_| worker(spare.pop(), None))
            .collect();
        // With nothing cached, the cache's index (emptied, with its room
        // kept) collects the new sentences directly.
        let added = if index.is_empty() {
            let mut added = std::mem::take(index);
            added.reserve(total / 128);
            analysed.analysed.reserve(total / 128);
            added
        } else {
            foldhash::HashMap::default()
        };
        seen.clear();
        let mut judge = Judge::new(self, added, std::mem::take(seen));
        let known: &foldhash::HashMap<Key, u32> = index;
        let done = ordered::ordered(
            starts.len(),
            &mut caller,
            workers,
            |k, w: &mut Worker<'_>| self.prepare(k as u32, run(k), known, w),
            |_, chunk| judge.chunk(answers, chunk, analysed, &mut f),
        );
        if index.is_empty() {
            *index = judge.added;
        } else {
            index.extend(judge.added);
        }
        *seen = judge.seen;
        *words = caller.norm.into_cache();
        caller.scratch.mine = caller.mine;
        spare.push(caller.scratch);
        for w in done {
            let mut scratch = w.scratch;
            scratch.mine = w.mine;
            scratch.words = w.norm.into_cache();
            spare.push(scratch);
        }
        if let Ok(mut c) = self.caches.try_lock() {
            *c = caches;
        }
    }

    /// Splits a chunk's pieces into sentences and analyses those the
    /// cache (`known`) does not have and this thread has not analysed
    /// in an earlier chunk.
    fn prepare<'a>(
        &self,
        chunk: u32,
        pieces: &[Piece<'a>],
        known: &foldhash::HashMap<Key, u32>,
        w: &mut Worker<'_>,
    ) -> Chunk<'a> {
        use std::collections::hash_map::Entry;
        let sentence_key = foldhash::fast::FixedState::with_seed(0x5e17);
        let mut batch = Batch::default();
        let mut keys: Vec<Key> = Vec::new();
        // Room for a sentence per 128 bytes, the most the text is likely
        // to need, so that the buffers are not copied as they grow.
        let guess = pieces.iter().map(|p| p.text.len()).sum::<usize>() / 128;
        if known.is_empty() {
            w.mine.reserve(guess);
            keys.reserve(guess);
            batch.analysed.reserve(guess);
        }
        let mut splits = Vec::with_capacity(pieces.len());
        for p in pieces {
            let sentences = text::sentences(p.text);
            let mut slots = Vec::with_capacity(sentences.len());
            for s in sentences.iter().filter(|s| !s.heading) {
                let key = (
                    std::hash::BuildHasher::hash_one(&sentence_key, s.text),
                    s.text.len(),
                );
                if let Some(&at) = known.get(&key) {
                    slots.push(Slot { chunk: CACHED, at });
                    continue;
                }
                let new = Slot {
                    chunk,
                    at: keys.len() as u32,
                };
                match w.mine.entry(key) {
                    // Analysed in this chunk or an earlier one (judged
                    // before this one).
                    Entry::Occupied(e) if e.get().chunk <= chunk => {
                        slots.push(*e.get());
                        continue;
                    }
                    // (Only when a chunk is done again after a worker
                    // failed: the entry is in a later chunk.)
                    Entry::Occupied(_) => {}
                    Entry::Vacant(e) => {
                        e.insert(new);
                    }
                }
                let a = self.analyse(s.text, &mut w.norm, &mut w.scratch, &mut batch.concepts);
                batch.analysed.push(a);
                keys.push(key);
                slots.push(new);
            }
            splits.push(Split {
                answer: p.answer,
                sentences,
                slots,
                lines: text::line_ends(p.text),
            });
        }
        Chunk {
            splits,
            batch,
            keys,
        }
    }

    /// Tokens, matches, declines and substance figures of one sentence.
    fn analyse(
        &self,
        raw: &str,
        norm: &mut Normaliser<'_>,
        scratch: &mut Scratch,
        concepts_out: &mut Vec<u32>,
    ) -> Analysed {
        let Scratch {
            toks,
            vocab,
            hits,
            present,
            covered,
            earned,
            refused,
            crits,
            bits,
            lone,
            regex,
            ..
        } = scratch;
        let norm_hash = norm.tokens(raw, toks);
        vocab.clear();
        vocab.resize(toks.len(), false);
        self.matcher.find(raw, toks, vocab, hits, present, regex);
        // Substance figures, and which flags the sentence has at all.
        let mut any = 0u16;
        let (mut stops, mut free, mut fluff) = (0, 0, 0);
        for (t, &v) in toks.iter().zip(vocab.iter()) {
            let f = t.flags;
            any |= f;
            let stop = usize::from(f & text::STOP != 0);
            stops += stop;
            fluff += usize::from(f & text::FLUFF != 0);
            // Content words not part of any (non-qualifier) match.
            free += (1 - stop) & usize::from(!v && f & text::NEG == 0);
        }
        // Tokens inside any match (qualifiers included).
        covered.clear();
        covered.resize(toks.len(), false);
        for hit in hits.iter() {
            for x in covered.iter_mut().take(hit.end + 1).skip(hit.start) {
                *x = true;
            }
        }
        // Only a negation, a decline word or a "need" word can decline a
        // match: most sentences have none, and skip the checks.
        let any_decline = any & (text::NEG | text::DECLINE_AFTER | text::NEED) != 0;
        // Concepts earned, and those only declined, as bit sets (words
        // `0..n` and `n..2n` of `bits`): sorted and without repeats.
        let n = self.concepts.len().div_ceil(64);
        bits.resize(2 * n, 0);
        for hit in hits.iter() {
            let c = hit.owner;
            let refuse = any_decline
                && declined(
                    toks,
                    covered,
                    hit.start,
                    hit.end,
                    self.concepts[c].allow_negation,
                );
            if let Some(w) = bits.get_mut(c / 64 + if refuse { n } else { 0 }) {
                *w |= 1 << (c % 64);
            }
        }
        earned.clear();
        refused.clear();
        for w in 0..n {
            let e = std::mem::take(&mut bits[w]);
            let r = std::mem::take(&mut bits[n + w]) & !e;
            for (mut set, out) in [(e, &mut *earned), (r, &mut *refused)] {
                while set != 0 {
                    out.push((w * 64) as u32 + set.trailing_zeros());
                    set &= set - 1;
                }
            }
        }
        // "A and B and C": two or more coordinations chain terms; a single
        // "and" joins two clauses.
        let ands = if any & text::CONJ != 0 {
            count_ands(raw, toks)
        } else {
            0
        };
        let stats = Stats {
            words: toks.len(),
            stops,
            free,
            // Fragments: separated by , ; | or by a chain of "and"/"or"
            // (whichever splits more: "A, B and C" is three, not four).
            frags: 1 + memchr::memchr3_iter(b',', b';', b'|', raw.as_bytes())
                .count()
                .max(if ands >= 2 { ands } else { 0 }),
            concrete: any & text::HAS_DIGIT != 0,
            fluff,
        };
        let at = concepts_out.len();
        let [e, el] = self.split_lone(earned, concepts_out, lone);
        let [r, rl] = self.split_lone(refused, concepts_out, lone);
        let verdict = (stats.words >= MIN_WORDS).then(|| {
            let kept = concepts_out.get(at..at + e as usize).unwrap_or(&[]);
            self.verdict(&stats, kept, &[], crits)
        });
        Analysed {
            norm_hash,
            at: at as u32,
            lens: [e, el, r, rl],
            stats,
            verdict,
        }
    }

    /// Forgets the words and sentences cached by earlier calls (for
    /// cold-start benchmarks).
    pub fn clear_cache(&self) {
        if let Ok(mut c) = self.caches.lock() {
            // Emptied, their room kept for the next call.
            c.words.clear();
            c.analysed.clear();
            c.index.clear();
        }
    }

    /// Appends `concepts` (sorted) to `out` in two sorted runs: first
    /// the concepts of criteria with a non-qualifier concept in the list,
    /// then lone qualifiers (those of criteria with only qualifiers in the
    /// list). Returns the lengths of the two runs (`lone` is a buffer).
    fn split_lone(&self, concepts: &[u32], out: &mut Vec<u32>, lone: &mut Vec<u32>) -> [u16; 2] {
        // A criterion's concepts have adjacent indices, so in a sorted list
        // they form one run.
        let start = out.len();
        lone.clear();
        let mut i = 0;
        while i < concepts.len() {
            let crit = self.concepts[concepts[i] as usize].criterion;
            let mut j = i;
            let mut backed = false;
            while let Some(k) = concepts.get(j).map(|&c| &self.concepts[c as usize]) {
                if k.criterion != crit {
                    break;
                }
                backed |= !k.qualifier;
                j += 1;
            }
            if backed {
                out.extend_from_slice(&concepts[i..j]);
            } else {
                lone.extend_from_slice(&concepts[i..j]);
            }
            i = j;
        }
        let kept = out.len() - start;
        out.extend_from_slice(lone);
        [kept as u16, lone.len() as u16]
    }

    /// A terse bullet ("Split by time.", "Inline, <50 ms p99.") is a
    /// complete thought when each criterion it touches (at most two) is
    /// expressed by two of its concepts, or is what the question asks
    /// about. A lone term ("Monitoring.") never is.
    fn terse_ok(&self, words: usize, earned: &[u32], on_topic: &[usize], crits: &[usize]) -> bool {
        if words < 2 || crits.len() > 2 {
            return false;
        }
        crits.iter().all(|&c| {
            let n = earned
                .iter()
                .filter(|&&k| self.concepts[k as usize].criterion == c)
                .count();
            n >= 2 || (on_topic.contains(&c) && words >= 3)
        })
    }

    fn verdict(
        &self,
        stats: &Stats,
        earned: &[u32],
        on_topic: &[usize],
        crits: &mut Vec<usize>,
    ) -> Verdict {
        if earned.is_empty() {
            return Verdict::OffTopic;
        }
        let Stats {
            words,
            stops,
            free,
            frags,
            fluff,
            concrete,
        } = *stats;
        crits.clear();
        crits.extend(earned.iter().map(|&c| self.concepts[c as usize].criterion));
        crits.sort_unstable();
        crits.dedup();
        if words < MIN_WORDS {
            if self.terse_ok(words, earned, on_topic, crits) {
                return Verdict::Substantive;
            }
            return Verdict::TooShort;
        }
        let short = words < BROAD_WORDS;
        if fluff >= 2 || (fluff >= 1 && crits.len() >= 2 && !concrete) {
            return Verdict::Vague;
        }
        // A list of short fragments spanning several criteria is a list of
        // terms; a list of specifics within one or two criteria (fields,
        // sources) is content.
        if crits.len() >= 3
            && ((frags >= 4 && words < 4 * frags) || (frags >= 3 && words < 3 * frags))
        {
            return Verdict::List;
        }
        // Enough filler words to read as a sentence rather than a string of terms.
        let wordy = stops * 3 >= words;
        // Breadth counts the criteria the sentence itself names: a qualifier
        // following up on the previous sentence is not another topic.
        // (`earned` is sorted, so a criterion's concepts are adjacent.)
        let mut named = 0;
        let mut last = usize::MAX;
        for c in earned
            .iter()
            .map(|&c| &self.concepts[c as usize])
            .filter(|c| !c.qualifier)
        {
            let crit = c.criterion;
            if crit != last {
                named += 1;
                last = crit;
            }
        }
        if short && named >= 4 && free * 2 < crits.len() && !wordy {
            return Verdict::TooBroad;
        }
        // Telegraphic strings of terms have almost no filler words; real
        // sentences need some words of their own beyond rubric vocabulary.
        // Numbers make terse notes specific ("p99 budget ~200ms, ranker ~50ms").
        let telegraphic = (stops as f32) < 0.15 * words as f32
            && crits.len() >= 3
            && (!concrete || crits.len() >= 4);
        if telegraphic || (free == 0 && (words < 6 || (crits.len() >= 3 && !wordy))) {
            return Verdict::KeywordDense;
        }
        Verdict::Substantive
    }

    /// How each sentence of the answers was judged (for explanations and tests).
    pub fn explain(&self, answers: &[AnswerInput<'_>]) -> Vec<SentenceReport> {
        let mut out = Vec::new();
        let names = |cs: &[u32]| -> Vec<String> {
            let mut v: Vec<String> = cs
                .iter()
                .map(|&c| {
                    self.criteria[self.concepts[c as usize].criterion]
                        .id
                        .clone()
                })
                .collect();
            v.dedup();
            v
        };
        self.walk(answers, |_, s, verdict, earned, refused| {
            out.push(SentenceReport {
                text: text::clean_quote(s.text),
                line: s.line,
                verdict,
                criteria: names(earned),
                declined: names(refused),
                concepts: earned
                    .iter()
                    .map(|&c| {
                        let k = &self.concepts[c as usize];
                        format!(
                            "{}/{}",
                            self.criteria[k.criterion].id, self.concept_names[c as usize]
                        )
                    })
                    .collect(),
            });
        });
        out
    }

    pub fn score(&self, answers: &[AnswerInput<'_>]) -> Scorecard {
        // Per criterion: (sentence index, mask of the concepts it expressed).
        let mut per_crit: Vec<Vec<(usize, u64)>> = vec![Vec::new(); self.criteria.len()];
        let mut sentences: Vec<Earned<'_>> = Vec::new();
        self.walk(answers, |qi, s, verdict, earned, _| {
            if verdict != Verdict::Substantive || earned.is_empty() {
                return;
            }
            let si = sentences.len();
            sentences.push(Earned {
                text: s.text,
                question: qi,
                line: s.line,
            });
            let mut i = 0;
            while i < earned.len() {
                let crit = self.concepts[earned[i] as usize].criterion;
                let mut mask = 0u64;
                while i < earned.len() && self.concepts[earned[i] as usize].criterion == crit {
                    mask |= 1 << self.concepts[earned[i] as usize].local;
                    i += 1;
                }
                per_crit[crit].push((si, mask));
            }
        });

        let mut results = Vec::with_capacity(self.criteria.len());
        for (ci, c) in self.criteria.iter().enumerate() {
            let hits = &per_crit[ci];
            let got = hits.iter().fold(0u64, |m, (_, x)| m | x);
            let n_got = got.count_ones() as usize;
            let status = if n_got >= c.need {
                Status::Covered
            } else if n_got > 0 {
                Status::Partial
            } else {
                Status::Missing
            };
            // Evidence: greedily the sentences adding the most new concepts
            // (earliest first on ties), then the next earliest if room.
            let mut chosen: Vec<usize> = Vec::new();
            let mut have = 0u64;
            while chosen.len() < MAX_EVIDENCE && have != got {
                let want = (got & !have).count_ones();
                let mut best: Option<(usize, u32)> = None;
                for (k, (_, m)) in hits.iter().enumerate() {
                    let n = (m & !have).count_ones();
                    if n > best.map_or(0, |b| b.1) {
                        best = Some((k, n));
                        if n == want {
                            break;
                        }
                    }
                }
                match best {
                    Some((k, _)) => {
                        have |= hits[k].1;
                        chosen.push(k);
                    }
                    None => break,
                }
            }
            for k in 0..hits.len() {
                if chosen.len() >= MAX_EVIDENCE.min(2) {
                    break;
                }
                if !chosen.contains(&k) {
                    chosen.push(k);
                }
            }
            chosen.sort_unstable();
            let mut evidence: Vec<EvidenceHit> = Vec::new();
            for k in chosen {
                let (si, mask) = hits[k];
                let e = &sentences[si];
                let quote = text::clean_quote(e.text);
                if evidence.iter().any(|x| x.quote == quote) {
                    continue;
                }
                evidence.push(EvidenceHit {
                    quote,
                    question: answers[e.question].question.to_string(),
                    line: e.line,
                    concepts: c
                        .concepts
                        .iter()
                        .filter(|&&g| mask & (1 << self.concepts[g].local) != 0)
                        .map(|&g| self.concept_names[g].clone())
                        .collect(),
                });
            }
            let missing_concepts = c
                .concepts
                .iter()
                .filter(|&&g| got & (1 << self.concepts[g].local) == 0)
                .map(|&g| self.concept_names[g].clone())
                .collect();
            results.push(CriterionResult {
                id: c.id.clone(),
                area: self.areas[c.area].id.clone(),
                label: c.label.clone(),
                status,
                weight: c.weight,
                evidence,
                missing_concepts,
                gap: c.gap.clone(),
                hint: c.hint.clone(),
                source: c.source.clone(),
                emphasis: c.emphasis.clone(),
            });
        }

        // Area scores and the overall score.
        let mut area_w = vec![0.0f32; self.areas.len()];
        let mut area_got = vec![0.0f32; self.areas.len()];
        let mut counts = vec![(0usize, 0usize, 0usize); self.areas.len()];
        for (c, r) in self.criteria.iter().zip(&results) {
            area_w[c.area] += c.weight;
            area_got[c.area] += c.weight * r.status.credit();
            match r.status {
                Status::Covered => counts[c.area].0 += 1,
                Status::Partial => counts[c.area].1 += 1,
                Status::Missing => counts[c.area].2 += 1,
            }
        }
        let scored_weight: f32 = self
            .areas
            .iter()
            .zip(&area_w)
            .filter(|(_, w)| **w > 0.0)
            .map(|(a, _)| a.weight)
            .sum();
        let mut areas = Vec::with_capacity(self.areas.len());
        let mut overall = 0.0f32;
        for (i, a) in self.areas.iter().enumerate() {
            let score = if area_w[i] > 0.0 {
                clamp100(100.0 * area_got[i] / area_w[i])
            } else {
                0.0
            };
            if area_w[i] > 0.0 && scored_weight > 0.0 {
                overall += a.weight * score / scored_weight;
            }
            areas.push(AreaScore {
                id: a.id.clone(),
                title: a.title.clone(),
                score,
                weight: a.weight,
                covered: counts[i].0,
                partial: counts[i].1,
                missing: counts[i].2,
            });
        }

        let mut gaps: Vec<Gap> = Vec::new();
        for (c, r) in self.criteria.iter().zip(&results) {
            if r.status == Status::Covered {
                continue;
            }
            let worth = if area_w[c.area] > 0.0 && scored_weight > 0.0 {
                100.0 * (1.0 - r.status.credit()) * c.weight / area_w[c.area]
                    * self.areas[c.area].weight
                    / scored_weight
            } else {
                0.0
            };
            gaps.push(Gap {
                criterion: c.id.clone(),
                area: self.areas[c.area].id.clone(),
                label: c.label.clone(),
                status: r.status,
                why: c.gap.clone(),
                hint: c.hint.clone(),
                source: c.source.clone(),
                worth: if worth.is_finite() { worth } else { 0.0 },
            });
        }
        // Stable sort: ties keep rubric order.
        gaps.sort_by(|a, b| b.worth.total_cmp(&a.worth));

        Scorecard {
            overall: clamp100(overall),
            areas,
            criteria: results,
            gaps,
        }
    }
}

fn clamp100(x: f32) -> f32 {
    if x.is_finite() {
        x.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// One-shot scoring.
pub fn score(
    rubric: &Rubric,
    scenario: Option<&Scenario>,
    answers: &[AnswerInput<'_>],
) -> Scorecard {
    Scorer::new(rubric, scenario).score(answers)
}

/// A set of phrases matched the way evidence phrases are (normalised,
/// stemmed, small gaps allowed). Used to match a clarifying question
/// against a fact's `unlocked_by` phrases.
pub struct PhraseSet {
    matcher: Matcher,
    len: usize,
}

impl PhraseSet {
    pub fn new(phrases: &[String]) -> PhraseSet {
        let stemmer = text::english_stemmer();
        let mut matcher = Matcher::new();
        for (i, p) in phrases.iter().enumerate() {
            matcher.add_phrase(&stemmer, p, i);
        }
        matcher.finish();
        PhraseSet {
            matcher,
            len: phrases.len(),
        }
    }

    /// How many distinct phrases of the set the text matches.
    pub fn count_matches(&self, text: &str) -> usize {
        let mut norm = Normaliser::new(&self.matcher.vocab);
        let mut matched = vec![false; self.len];
        let mut toks = Vec::new();
        let mut vocab = Vec::new();
        let mut hits = Vec::new();
        let mut present = Vec::new();
        let mut regex = None;
        for s in text::sentences(text) {
            norm.tokens(s.text, &mut toks);
            vocab.clear();
            vocab.resize(toks.len(), false);
            self.matcher.find(
                s.text,
                &toks,
                &mut vocab,
                &mut hits,
                &mut present,
                &mut regex,
            );
            for h in &hits {
                if let Some(m) = matched.get_mut(h.owner) {
                    *m = true;
                }
            }
        }
        matched.iter().filter(|m| **m).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::content::load_embedded;

    fn earned_under(question: &str, text: &str, id: &str) -> bool {
        let content = load_embedded();
        let fraud = content.scenarios.iter().find(|s| s.id == "fraud-detection");
        let card = Scorer::new(&content.rubric, fraud).score(&[AnswerInput { question, text }]);
        card.criterion(id)
            .is_some_and(|c| c.status != Status::Missing)
    }

    fn earned(text: &str, id: &str) -> bool {
        earned_under("answer", text, id)
    }

    #[test]
    fn terse_bullets_that_say_something_earn() {
        assert!(earned("Split by time.", "train-test-split"));
        assert!(earned("Inline, <50ms p99.", "latency"));
        // A lone term is not an answer.
        assert!(!earned("Monitoring.", "monitoring"));
        assert!(!earned("Canary.", "rollout"));
        // A short bullet under the question that asks about it earns…
        assert!(earned_under(
            "production-serving",
            "Shadow, then canary.",
            "rollout"
        ));
        // …but not under a question about something else.
        assert!(!earned_under(
            "data-sources",
            "Shadow, then canary.",
            "rollout"
        ));
    }

    #[test]
    fn long_sentences_keep_their_credits() {
        let s = "In production, monitor the score distribution for drift and retrain weekly; shadow deploy before rollout.";
        for id in ["monitoring", "retraining", "rollout"] {
            assert!(earned(s, id), "{id}");
        }
        assert!(earned(
            "If it overfits I'd add L2 regularisation, limit the tree depth and use early stopping.",
            "regularisation"
        ));
    }

    #[test]
    fn scope_cuts_and_coordinated_declines_earn_nothing() {
        assert!(!earned(
            "Monitoring is out of scope for this design.",
            "monitoring"
        ));
        assert!(!earned(
            "We won't bother with an A/B test or a canary.",
            "rollout"
        ));
        assert!(!earned(
            "No A/B test is needed and we won't do shadow mode or a canary either.",
            "rollout"
        ));
        assert!(!earned(
            "We will not monitor it after launch and we won't retrain it.",
            "retraining"
        ));
        assert!(!earned(
            "We won't worry about class imbalance, and we ignore label delay.",
            "label-delay"
        ));
        // A hazard named with a plain negation is addressed.
        assert!(earned(
            "Make sure there is no leakage from the future into the aggregates.",
            "leakage"
        ));
    }

    /// Varied text: fixtures, non-ASCII words and whitespace, punctuation
    /// between words, "and"/"or" chains, repeats.
    fn varied_text() -> String {
        let mut t = String::new();
        for f in [
            include_str!("../../../tests/fixtures/answers/fraud-strong.md"),
            include_str!("../../../tests/fixtures/answers/feed-medium.md"),
            include_str!("../../../tests/fixtures/answers/fraud-refusal.md"),
            include_str!("../../../tests/fixtures/answers/fraud-buzzword.md"),
        ] {
            t.push_str(f);
            t.push('\n');
        }
        t.push_str(
            "We won't do A/B tests and or canary\u{000B}and shadow; data — labels: (leakage) - drift.\n\
             Colour behaviour labelled modelling, 5% of transactions are fraud; p99 < 50ms.\n\
             Monitor drift\u{00A0}and\u{3000}or retrain — café `monitoring` weekly, AND compare.\n\
             We care about recall. We care about recall.\n",
        );
        t
    }

    #[test]
    fn cold_and_warm_scoring_agree() {
        let content = load_embedded();
        let fraud = content.scenarios.iter().find(|s| s.id == "fraud-detection");
        let text = varied_text();
        let answers = [
            AnswerInput {
                question: "answer",
                text: &text,
            },
            AnswerInput {
                question: "production-serving",
                text: "Shadow, then canary. Monitoring.",
            },
        ];
        let scorer = Scorer::new(&content.rubric, fraud);
        let cold = scorer.score(&answers);
        let cold_explained = scorer.explain(&answers);
        let warm = scorer.score(&answers);
        assert_eq!(cold, warm);
        assert_eq!(cold_explained, scorer.explain(&answers));
        // Emptying the caches gives the same card again, and so does a
        // cache warmed on other text first.
        scorer.clear_cache();
        assert_eq!(scorer.score(&answers), cold);
        let other = Scorer::new(&content.rubric, fraud);
        other.score(&[AnswerInput {
            question: "answer",
            text: include_str!("../../../tests/fixtures/answers/feed-strong.md"),
        }]);
        assert_eq!(other.score(&answers), cold);
        assert!(cold.criteria.iter().any(|c| c.status == Status::Covered));
    }

    /// A long text with every line distinct.
    fn long_text(bytes: usize) -> String {
        let mut text = String::new();
        let base = varied_text();
        let mut copy = 0;
        while text.len() < bytes {
            for line in base.lines() {
                text.push_str(&format!("Step {copy}: {line}\n"));
            }
            copy += 1;
        }
        text
    }

    #[test]
    fn shared_work_matches_one_thread() {
        let content = load_embedded();
        let long = long_text(3 * PARALLEL_BYTES);
        let fenced = format!("Intro.\n```\ncode. Not prose.\n```\n{long}");
        let half = &long[..long.len() / 2];
        let sets: Vec<Vec<AnswerInput<'_>>> = vec![
            vec![AnswerInput {
                question: "answer",
                text: &long,
            }],
            vec![
                AnswerInput {
                    question: "pain-point",
                    text: "Chargebacks cost us $2M a month.",
                },
                AnswerInput {
                    question: "answer",
                    text: &fenced,
                },
                AnswerInput {
                    question: "answer",
                    text: "",
                },
                AnswerInput {
                    question: "metrics",
                    text: half,
                },
                AnswerInput {
                    question: "answer",
                    text: &long,
                },
            ],
        ];
        for answers in &sets {
            let one = Scorer::new(&content.rubric, None);
            one.threads.store(1, std::sync::atomic::Ordering::Relaxed);
            let card = one.score(answers);
            let explained = one.explain(answers);
            assert!(card.criteria.iter().any(|c| c.status == Status::Covered));
            for threads in [2, 3, 4, 7] {
                let shared = Scorer::new(&content.rubric, None);
                shared
                    .threads
                    .store(threads, std::sync::atomic::Ordering::Relaxed);
                assert_eq!(shared.score(answers), card, "{threads} threads");
                // Warm: every sentence known.
                assert_eq!(shared.score(answers), card, "{threads} threads, warm");
                assert_eq!(shared.explain(answers), explained, "{threads} threads");
            }
        }
    }

    /// The patterns match as the `regex` crate matches them: the same
    /// spans for each, the same patterns for the set.
    #[test]
    fn patterns_match_as_the_regex_crate_does() {
        let content = load_embedded();
        let mut sources: Vec<String> = content
            .rubric
            .criteria
            .iter()
            .flat_map(|c| &c.evidence.concepts)
            .flat_map(|k| k.patterns.iter().cloned())
            .collect();
        sources.extend(["", "x*", "\\b", "(?m)^", "é|ß"].map(String::from));
        let mut matcher = Matcher::new();
        for (i, p) in sources.iter().enumerate() {
            matcher.add_pattern(p, i);
        }
        matcher.finish();
        assert_eq!(matcher.patterns.len(), sources.len());
        let set = matcher.set.as_ref().expect("a set");
        let mut rc = matcher.regex_caches(set);
        let theirs_set = regex::RegexSetBuilder::new(&sources)
            .case_insensitive(true)
            .build()
            .expect("set");
        let haystacks = [
            "",
            "p99 under 200ms, $2M a month; 30% of transactions are fraud",
            "FPs and FNs; A/B test @ k=10, every 3 weeks, 1 in 1000",
            "Jan to MAR; 10x more traffic; sub-second; nightly? ",
            "ÉTÉ naïve ß 12 µs × 3 \u{212a}m 5ſ",
            "xxx\nyyy",
        ];
        for h in haystacks {
            let input = Input::new(h);
            rc.matched.clear();
            set.which_overlapping_matches_with(&mut rc.set, &input, &mut rc.matched);
            let ours: Vec<usize> = rc.matched.iter().map(|p| p.as_usize()).collect();
            let theirs: Vec<usize> = theirs_set.matches(h).iter().collect();
            assert_eq!(ours, theirs, "{h:?}");
            assert_eq!(
                set.is_match_with(&mut rc.set, &input),
                theirs_set.is_match(h)
            );
            for (i, src) in sources.iter().enumerate() {
                let (re, _) = &matcher.patterns[i];
                let cache = &mut rc.each[i];
                let mut it = Searcher::new(input.clone());
                let mut ours = Vec::new();
                while let Some(m) = it.advance(|inp| Ok(re.search_with(cache, inp))) {
                    ours.push((m.start(), m.end()));
                }
                let theirs: Vec<(usize, usize)> = regex::RegexBuilder::new(src)
                    .case_insensitive(true)
                    .build()
                    .expect("pattern")
                    .find_iter(h)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(ours, theirs, "{src:?} in {h:?}");
            }
        }
    }

    /// Stems that start a phrase are numbered first, so that a word
    /// starting none is past the end of `cands`; phrases still match
    /// through words that start none, and words outside every phrase.
    #[test]
    fn stems_that_start_phrases_come_first() {
        let phrases: Vec<String> = ["label delay", "delay", "feedback loop", "loop of labels"]
            .map(String::from)
            .to_vec();
        let set = PhraseSet::new(&phrases);
        let m = &set.matcher;
        let id = |w: &str| m.vocab[&text::stem_word(&text::english_stemmer(), w).0];
        let starts = m.cands.len() as u32;
        for w in ["label", "delay", "feedback", "loop"] {
            assert!(id(w) < starts, "{w} starts a phrase");
        }
        assert!(id("labels") < starts, "same stem as label");
        assert_eq!(m.vocab.len(), 4);
        assert_eq!(set.count_matches("The label delay is a week."), 2);
        assert_eq!(set.count_matches("A loop of labels, then feedback."), 1);
        assert_eq!(set.count_matches("Feedback loop; the loop of labels."), 2);
        assert_eq!(set.count_matches("Nothing here."), 0);
        // Longer phrases with a second word that starts no phrase.
        let set = PhraseSet::new(&["model drift".to_string(), "drift".to_string()]);
        assert!(set.matcher.vocab.len() == 2 && set.matcher.cands.len() == 2);
        let set = PhraseSet::new(&["model drift".to_string()]);
        let drift = set.matcher.vocab["drift"];
        assert!(drift >= set.matcher.cands.len() as u32);
        assert_eq!(set.count_matches("The model may drift."), 1);
        assert_eq!(set.count_matches("Drift of the model."), 0);
    }

    /// A thread analyses a repeated sentence once, and refers back to it
    /// only in a chunk judged no later than the one referring (a chunk
    /// done again after a worker failed may come after a later one).
    #[test]
    fn repeats_refer_back_to_earlier_chunks_only() {
        let content = load_embedded();
        let scorer = Scorer::new(&content.rubric, None);
        let mut w = Worker {
            norm: Normaliser::new(&scorer.matcher.vocab),
            scratch: Scratch::default(),
            mine: foldhash::HashMap::default(),
        };
        let known = foldhash::HashMap::default();
        let piece = |text| Piece { answer: 0, text };
        let said = "We track recall on fraud weekly.\n";
        let slots = |c: &Chunk<'_>| -> Vec<Slot> {
            c.splits.iter().flat_map(|s| s.slots.clone()).collect()
        };
        let two = scorer.prepare(2, &[piece(said), piece(said)], &known, &mut w);
        assert_eq!(two.batch.len(), 1);
        assert_eq!(slots(&two), vec![Slot { chunk: 2, at: 0 }; 2]);
        let three = scorer.prepare(3, &[piece(said)], &known, &mut w);
        assert_eq!(three.batch.len(), 0);
        assert_eq!(slots(&three), vec![Slot { chunk: 2, at: 0 }]);
        // Chunk 1, done again after chunk 2: its own analysis.
        let one = scorer.prepare(1, &[piece(said)], &known, &mut w);
        assert_eq!(one.batch.len(), 1);
        assert_eq!(slots(&one), vec![Slot { chunk: 1, at: 0 }]);
    }

    #[test]
    fn plans_cover_the_answers_in_order() {
        let long = long_text(PARALLEL_BYTES);
        let fenced = format!("```\n{long}");
        let answers = [
            AnswerInput {
                question: "a",
                text: "",
            },
            AnswerInput {
                question: "a",
                text: &long,
            },
            AnswerInput {
                question: "a",
                text: "short\n",
            },
            AnswerInput {
                question: "a",
                text: &fenced,
            },
            AnswerInput {
                question: "a",
                text: &long,
            },
        ];
        for threads in 1..9 {
            let (pieces, starts) = plan(&answers, threads);
            assert_eq!(starts[0], 0);
            if threads == 1 {
                assert_eq!(starts.len(), 1);
            } else {
                // Enough chunks to share; chunks of at least about
                // `MIN_CHUNK` bytes (a line more or less).
                assert!(starts.len() >= threads, "{threads}: {starts:?}");
                assert!(starts.len() <= 2 * PARALLEL_BYTES / MIN_CHUNK + 2);
            }
            assert!(starts.windows(2).all(|w| w[0] < w[1]));
            assert!(starts.iter().all(|&s| s < pieces.len()));
            for (i, a) in answers.iter().enumerate() {
                let mine: Vec<&str> = pieces
                    .iter()
                    .filter(|p| p.answer == i)
                    .map(|p| p.text)
                    .collect();
                assert_eq!(mine.concat(), a.text, "{threads} threads, answer {i}");
                // Cut at line ends only, and never a fenced answer.
                assert!(mine.iter().rev().skip(1).all(|p| p.ends_with('\n')));
                if i == 3 {
                    assert_eq!(mine.len(), 1);
                }
            }
            assert!(pieces.windows(2).all(|w| w[0].answer <= w[1].answer));
        }
        // Later chunks are smaller.
        let (pieces, starts) = plan(&answers, 2);
        let size = |k: usize| -> usize {
            let end = starts.get(k + 1).copied().unwrap_or(pieces.len());
            pieces[starts[k]..end].iter().map(|p| p.text.len()).sum()
        };
        assert!(size(0) > 4 * size(starts.len() - 2), "{starts:?}");
    }

    #[test]
    fn and_chains_counted_like_whitespace_words() {
        let vocab = HashMap::new();
        let mut norm = Normaliser::new(&vocab);
        let mut toks = Vec::new();
        let mut check = |s: &str| {
            let want = s
                .split_whitespace()
                .filter(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
                .count();
            norm.tokens(s, &mut toks);
            assert_eq!(count_ands(s, &toks), want, "{s:?}");
        };
        for s in [
            "a and b or c",
            "AND Or and, or",
            "x\u{000B}and\u{000C}or\r\nand",
            "caf\u{00E9} and\u{00A0}or\u{3000}and",
            "",
            "android order",
            "and/or, and-or, (and) or. and",
            "sand and\u{200B} or'and and's",
        ] {
            check(s);
        }
        let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(7);
        let parts = [
            "and", "AND", "or", "Or", "andor", "x", "so", " ", "  ", "\t", "\n", ",", ".", "-",
            "'", "(", "\u{A0}", "\u{3000}", "\u{200B}", "é", "1",
        ];
        for _ in 0..5000 {
            let n = rand::Rng::random_range(&mut rng, 0..12);
            let s: String = (0..n)
                .map(|_| parts[rand::Rng::random_range(&mut rng, 0..parts.len())])
                .collect();
            check(&s);
        }
    }

    #[test]
    fn numbers_keep_a_sentence_with_one_vague_word() {
        assert!(earned(
            "Accuracy is the wrong metric with 0.15% fraud; a model that approves everything is 99.85% accurate.",
            "metric-reframe"
        ));
        assert!(!earned(
            "We will monitor everything and retrain as needed to guarantee optimal performance.",
            "retraining"
        ));
    }
}
