//! Words: normalisation (case, typographic apostrophes, British → American
//! spelling, English stemming), the flags the judging rules read, and
//! splitting a sentence into tokens.
//!
//! Every stem the scorer can match has an id in a [`Lexicon`]; other words
//! get [`UNKNOWN`]. A [`WordCache`] remembers what each word as written
//! normalises to, so a word is stemmed once per scorer.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// Filler: does not count towards phrase gaps or a sentence's substance.
pub const STOP: u16 = 1;
/// A negation or decline cue placed before a topic ("not", "skip").
pub const NEG: u16 = 1 << 1;
/// A decline cue placed after a topic ("unnecessary", "overkill").
pub const DECLINE_AFTER: u16 = 1 << 2;
/// "need", "necessary", "required"… (after a negation: a decline).
pub const NEED: u16 = 1 << 3;
/// Turns a preceding negation into emphasis ("we can't *afford* misses").
pub const OVERRIDE: u16 = 1 << 4;
/// A conjunction that starts a new clause ("but", "however").
pub const CLAUSE: u16 = 1 << 5;
/// A verb that declines whatever follows ("ignore", "skip").
pub const DVERB: u16 = 1 << 6;
/// "out" (as in "out of scope").
pub const OUT: u16 = 1 << 7;
/// Marketing fluff or a vagueness marker ("leverage", "best practices").
pub const FLUFF: u16 = 1 << 8;
/// A coordinating word ("and", "or", "so", "then").
pub const CONJ: u16 = 1 << 9;
/// The word has a digit.
pub const DIGIT: u16 = 1 << 10;
/// A word of frequency or cadence ("weekly", "hourly", "nightly").
pub const CADENCE: u16 = 1 << 11;

/// Id of a stem the scorer does not know.
pub const UNKNOWN: u32 = u32::MAX;

const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "between", "both", "by", "can", "could",
    "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had",
    "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "let", "may", "me", "might", "more", "most",
    "must", "my", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over",
    "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "we'll", "we're",
    "we'd", "i'll", "i'd", "i'm", "it's", "that's", "there's", "they're", "let's", "you're", "s",
    "etc", "e.g", "i.e", "eg", "ie", "via", "per", "really", "going", "gonna", "well", "still",
    "even", "much", "many", "lot", "lots", "ll", "re", "ve", "d",
];

const NEG_WORDS: &[&str] = &[
    "no", "not", "never", "without", "cannot", "nor", "neither", "none", "skip", "skips",
    "skipping", "skipped", "ignore", "ignores", "ignoring", "ignored", "forgo", "forget", "omit",
    "omitting",
];

const DECLINE_VERBS: &[&str] = &[
    "skip", "skips", "skipping", "skipped", "ignore", "ignores", "ignoring", "ignored", "forgo",
    "forget", "omit", "omitting", "descope",
];

const DECLINE_AFTER_WORDS: &[&str] = &[
    "unnecessary",
    "needless",
    "overkill",
    "pointless",
    "irrelevant",
    "unneeded",
    "superfluous",
    "skip",
    "skipped",
    "skipping",
    "optional",
];

const NEED_WORDS: &[&str] = &[
    "need",
    "needed",
    "necessary",
    "required",
    "require",
    "worth",
    "useful",
    "important",
    "relevant",
    "bother",
    "matter",
    "matters",
    "apply",
    "applicable",
    "planned",
    "scope",
    "worry",
    "care",
    "think",
    "concern",
    "concerned",
    "bothering",
    "issue",
    "problem",
    "priority",
];

const OVERRIDE_WORDS: &[&str] = &[
    "afford",
    "tolerate",
    "allow",
    "accept",
    "acceptable",
    "overlook",
    "underestimate",
    "neglect",
    "risk",
    "only",
    "just",
    "enough",
    "sufficient",
    "wait",
    "trust",
    "assume",
    "rely",
];

const CLAUSE_WORDS: &[&str] = &[
    "but",
    "however",
    "although",
    "though",
    "whereas",
    "instead",
    "yet",
    "otherwise",
    "unless",
];

const FLUFF_WORDS: &[&str] = &[
    "leverage",
    "leveraging",
    "holistic",
    "holistically",
    "synergy",
    "synergies",
    "synergistic",
    "seamless",
    "seamlessly",
    "optimal",
    "optimally",
    "delight",
    "delights",
    "delightful",
    "innovative",
    "revolutionary",
    "cutting-edge",
    "powered",
    "throughout",
    "lifecycle",
    "practices",
    "excellence",
    "paradigm",
    "empower",
    "empowers",
    "transformative",
    "unparalleled",
    "superior",
    "world-class",
    "best-in-class",
    "state-of-the-art",
    "game-changing",
    "effortless",
    "effortlessly",
    "frictionless",
    "appropriate",
    "appropriately",
    "various",
];

const CADENCE_WORDS: &[&str] = &[
    "hourly",
    "daily",
    "nightly",
    "weekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "yearly",
    "annually",
    "every",
    "minutes",
    "seconds",
    "hours",
    "days",
    "weeks",
    "months",
    "ms",
];

fn flag_table() -> &'static HashMap<&'static str, u16> {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, u16>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: HashMap<&'static str, u16> = HashMap::new();
        for (words, flag) in [
            (STOP_WORDS, STOP),
            (NEG_WORDS, NEG),
            (DECLINE_AFTER_WORDS, DECLINE_AFTER),
            (NEED_WORDS, NEED),
            (OVERRIDE_WORDS, OVERRIDE),
            (CLAUSE_WORDS, CLAUSE | STOP),
            (DECLINE_VERBS, DVERB),
            (&["out"], OUT),
            (FLUFF_WORDS, FLUFF),
            (&["and", "or", "so", "then", "plus"], CONJ),
            (CADENCE_WORDS, CADENCE),
        ] {
            for w in words {
                *t.entry(w).or_insert(0) |= flag;
            }
        }
        t
    })
}

/// The flags of a word in normal form.
pub fn flags_for(lower: &str) -> u16 {
    let mut f = flag_table().get(lower).copied().unwrap_or(0);
    if lower.len() > 3 && lower.ends_with("n't") {
        f |= NEG;
    }
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        f |= DIGIT;
    }
    f
}

/// Lower-cases, folds typographic apostrophes.
pub fn normal_form(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// British spelling → American spelling, on a lower-cased word.
pub fn americanise(w: &str) -> String {
    match w {
        "centre" | "centres" | "centred" => return w.replacen("centre", "center", 1),
        "metre" | "metres" => return w.replacen("metre", "meter", 1),
        "defence" => return "defense".into(),
        "licence" | "licences" => return w.replacen("licence", "license", 1),
        "offence" | "offences" => return w.replacen("offence", "offense", 1),
        "programme" | "programmes" => return w.replacen("programme", "program", 1),
        "grey" => return "gray".into(),
        "judgement" | "judgements" => return w.replacen("judgement", "judgment", 1),
        "ageing" => return "aging".into(),
        "catalogue" | "catalogues" => return w.replacen("catalogue", "catalog", 1),
        "dialogue" | "dialogues" => return w.replacen("dialogue", "dialog", 1),
        "enrol" | "enrolment" => return w.replacen("enrol", "enroll", 1),
        "whilst" => return "while".into(),
        "amongst" => return "among".into(),
        "cheque" | "cheques" => return w.replacen("cheque", "check", 1),
        "tyre" | "tyres" => return w.replacen("tyre", "tire", 1),
        _ => {}
    }
    let mut s = w.to_string();
    // -our → -or (colour, behaviour, labour, favourite)
    for (from, to) in [
        ("iour", "ior"),
        ("lour", "lor"),
        ("vour", "vor"),
        ("bour", "bor"),
        ("nour", "nor"),
        ("mour", "mor"),
    ] {
        if s.len() > 5
            && let Some(p) = s.find(from)
        {
            s.replace_range(p..p + from.len(), to);
            break;
        }
    }
    // -elled / -elling → -eled / -eling (labelled, modelling, cancelled)
    for (from, to) in [("elled", "eled"), ("elling", "eling"), ("ellers", "elers")] {
        if s.len() > from.len() + 1 && s.ends_with(from) {
            let p = s.len() - from.len();
            s.replace_range(p.., to);
            break;
        }
    }
    // -isation / -ise / -yse → -ization / -ize / -yze
    const SUFFIXES: &[(&str, &str)] = &[
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("isers", "izers"),
        ("iser", "izer"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
        ("yses", "yzes"),
        ("yse", "yze"),
    ];
    for (from, to) in SUFFIXES {
        if s.ends_with(from) && s.len() >= from.len() + 3 {
            let p = s.len() - from.len();
            s.replace_range(p.., to);
            break;
        }
    }
    s
}

pub fn english_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// Words stemmed on this thread, kept for the next time (compiling a
/// scorer stems the same words of the rubric and scenarios many times).
/// Emptied past `STEM_MEMO_LIMIT` words.
const STEM_MEMO_LIMIT: usize = 100_000;

/// Word → (stem, flags).
type StemMemo = HashMap<Box<str>, (Box<str>, u16)>;

thread_local! {
    static STEM_MEMO: std::cell::RefCell<StemMemo> = std::cell::RefCell::new(HashMap::new());
}

/// Forgets the words stemmed on this thread (benchmarks of a cold score).
pub fn clear_stem_memo() {
    STEM_MEMO.with(|m| m.borrow_mut().clear());
}

/// The stem of one word, and its flags.
pub fn stem_word(stemmer: &Stemmer, word: &str) -> (String, u16) {
    if let Some((stem, flags)) = STEM_MEMO.with(|m| m.borrow().get(word).cloned()) {
        return (stem.into(), flags);
    }
    let out = stem_fresh(stemmer, word);
    STEM_MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= STEM_MEMO_LIMIT {
            m.clear();
        }
        m.insert(word.into(), (out.0.as_str().into(), out.1));
    });
    out
}

fn stem_fresh(stemmer: &Stemmer, word: &str) -> (String, u16) {
    let lower = normal_form(word);
    let flags = flags_for(&lower);
    let stem = if flags & DIGIT != 0 {
        // "1,200" and "1200" are the same number.
        lower.replace(',', "")
    } else {
        stemmer.stem(&americanise(&lower)).into_owned()
    };
    (stem, flags)
}

/// Stems the scorer knows, each with an id.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    ids: HashMap<String, u32>,
}

impl Lexicon {
    /// The id of `stem`, adding it when new.
    pub fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(stem.to_string(), id);
        id
    }
    pub fn get(&self, stem: &str) -> u32 {
        self.ids.get(stem).copied().unwrap_or(UNKNOWN)
    }
}

/// A word of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Stem id (`UNKNOWN` when the lexicon does not have it).
    pub id: u32,
    pub flags: u16,
    /// Byte range of the word in the sentence.
    pub start: usize,
    pub end: usize,
    /// A clause boundary (comma, semicolon, colon, bracket, dash, "but")
    /// comes right before this word.
    pub clause_start: bool,
}

impl Tok {
    pub fn is_stop(&self) -> bool {
        self.flags & STOP != 0
    }
    #[cfg(test)]
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// What each word as written normalises to, kept between calls.
pub struct WordCache {
    stemmer: Stemmer,
    map: HashMap<Box<str>, (u32, u16)>,
}

/// Past this many words the cache is emptied (a guard against unbounded
/// growth from pasted noise).
const CACHE_LIMIT: usize = 200_000;

impl Default for WordCache {
    fn default() -> Self {
        WordCache {
            stemmer: english_stemmer(),
            map: HashMap::new(),
        }
    }
}

impl WordCache {
    fn info(&mut self, lexicon: &Lexicon, word: &str) -> (u32, u16) {
        if let Some(&v) = self.map.get(word) {
            return v;
        }
        if self.map.len() >= CACHE_LIMIT {
            self.map.clear();
        }
        let (stem, flags) = stem_word(&self.stemmer, word);
        let v = (lexicon.get(&stem), flags);
        self.map.insert(word.into(), v);
        v
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// The tokens of `sentence`.
    pub fn tokens(&mut self, lexicon: &Lexicon, sentence: &str) -> Vec<Tok> {
        let mut out: Vec<Tok> = Vec::new();
        let mut prev_end = 0;
        for (start, w) in sentence.unicode_word_indices() {
            let between = sentence.get(prev_end..start).unwrap_or("");
            let punct = between.chars().any(|c| {
                matches!(
                    c,
                    ',' | ';' | ':' | '(' | ')' | '—' | '–' | '[' | ']' | '→' | '/' | '='
                )
            }) || between.contains(" - ");
            let (id, flags) = self.info(lexicon, w);
            out.push(Tok {
                id,
                flags,
                start,
                end: start + w.len(),
                clause_start: out.is_empty() || punct || flags & CLAUSE != 0,
            });
            prev_end = start + w.len();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_and_inflection_share_a_stem() {
        let s = english_stemmer();
        assert_eq!(stem_word(&s, "Modelling").0, stem_word(&s, "modeling").0);
        assert_eq!(stem_word(&s, "optimise").0, stem_word(&s, "optimizes").0);
        assert_eq!(stem_word(&s, "behaviour").0, stem_word(&s, "behavior").0);
        assert_eq!(stem_word(&s, "1,200").0, "1200");
    }

    #[test]
    fn tokens_mark_clause_starts_and_flags() {
        let mut lex = Lexicon::default();
        let s = english_stemmer();
        lex.intern(&stem_word(&s, "monitor").0);
        let mut cache = WordCache::default();
        let toks = cache.tokens(&lex, "We won't monitor it, but we retrain weekly");
        assert!(toks[1].has(NEG));
        assert_ne!(toks[2].id, UNKNOWN);
        assert_eq!(toks[3].id, UNKNOWN);
        assert!(toks[4].clause_start, "a comma starts a clause");
        assert!(toks[7].has(CADENCE));
    }
}
