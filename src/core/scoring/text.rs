//! Text handling for scoring: sentence splitting, word normalisation
//! (British → American spelling, then English stemming) and a per-call
//! stem cache.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// Token flag: a stop word (filler; does not count towards phrase gaps).
pub const STOP: u16 = 1;
/// Token flag: a negation or decline cue placed before a topic ("not", "skip").
pub const NEG: u16 = 2;
/// Token flag: a decline cue placed after a topic ("unnecessary", "overkill").
pub const DECLINE_AFTER: u16 = 4;
/// Token flag: "need", "necessary", "required"… (after a negation: a decline).
pub const NEED: u16 = 8;
/// Token flag: a word that turns a preceding negation into emphasis
/// ("we can't *afford* false negatives", "we must not *ignore* drift").
pub const OVERRIDE: u16 = 16;
/// Token flag: a conjunction that starts a new clause ("but", "however").
pub const CLAUSE: u16 = 32;
/// Token flag: a verb that declines whatever follows ("ignore", "skip"),
/// even a topic whose plain negation is a good thing ("no leakage").
pub const DVERB: u16 = 64;
/// Token flag: "out" (as in "out of scope").
pub const OUT: u16 = 128;
/// Token flag: marketing fluff or a vagueness marker ("leverage",
/// "best practices", "everything", "optimal").
pub const FLUFF: u16 = 256;
/// Token flag: a coordinating word ("and", "or", "so", "then").
pub const CONJ: u16 = 512;
/// Token flag: the word has an ASCII digit (every digit of a text is in
/// one of its words).
pub const HAS_DIGIT: u16 = 1024;

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
    "guarantee",
    "guaranteed",
    "maximum",
    "maximise",
    "maximize",
    "delight",
    "delights",
    "delightful",
    "innovative",
    "revolutionary",
    "cutting",
    "powered",
    "everything",
    "throughout",
    "lifecycle",
    "practices",
    "art",
    "excellence",
    "paradigm",
    "empower",
    "empowers",
    "transformative",
    "unparalleled",
    "superior",
    "citizens",
    "generation",
    "changer",
    "game-changing",
    "bleeding",
    "effortless",
    "effortlessly",
    "frictionless",
];

/// Id of a word no phrase uses.
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

/// British spelling → American spelling, word-level, on a lower-cased word.
pub fn americanise(w: &str) -> String {
    match w {
        "centre" | "centres" | "centred" => return w.replacen("centre", "center", 1),
        "metre" | "metres" => return w.replacen("metre", "meter", 1),
        "fibre" | "fibres" => return w.replacen("fibre", "fiber", 1),
        "defence" => return "defense".into(),
        "licence" | "licences" => return w.replacen("licence", "license", 1),
        "offence" | "offences" => return w.replacen("offence", "offense", 1),
        "programme" | "programmes" => return w.replacen("programme", "program", 1),
        "grey" => return "gray".into(),
        "judgement" | "judgements" => return w.replacen("judgement", "judgment", 1),
        "ageing" => return "aging".into(),
        "artefact" | "artefacts" => return w.replacen("artefact", "artifact", 1),
        "catalogue" | "catalogues" => return w.replacen("catalogue", "catalog", 1),
        "dialogue" | "dialogues" => return w.replacen("dialogue", "dialog", 1),
        "analogue" => return "analog".into(),
        "enrol" | "enrolment" => return w.replacen("enrol", "enroll", 1),
        "whilst" => return "while".into(),
        "amongst" => return "among".into(),
        _ => {}
    }
    let mut s = w.to_string();
    // -our → -or (colour, behaviour, labour, favourite, honour, endeavour)
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

/// A word of a sentence, normalised.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Interned stem id (`UNKNOWN` when no phrase uses the stem).
    pub id: u32,
    pub flags: u16,
    /// Byte offset of the word in the sentence.
    pub start: usize,
    /// A clause boundary (comma, semicolon, colon, bracket, "but") comes
    /// right before this word.
    pub clause_start: bool,
}

impl Tok {
    pub fn is_stop(&self) -> bool {
        self.flags & STOP != 0
    }
}

/// Words → (stem id, flags), with a cache so each distinct word is
/// normalised and stemmed once.
pub struct Normaliser<'v> {
    stemmer: Stemmer,
    vocab: &'v HashMap<String, u32>,
    /// Words known in advance (see `known_words`), looked up on a miss.
    known: Option<&'v WordCache>,
    cache: WordCache,
    buf: String,
}

/// Lower-cases, folds typographic apostrophes, and americanises.
fn normal_form(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() && !word.contains('`') {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

fn flag_table() -> &'static foldhash::HashMap<&'static str, u16> {
    static TABLE: std::sync::OnceLock<foldhash::HashMap<&'static str, u16>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: foldhash::HashMap<&'static str, u16> = foldhash::HashMap::default();
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
        ] {
            for w in words {
                *t.entry(w).or_insert(0) |= flag;
            }
        }
        t
    })
}

fn flags_for(lower: &str) -> u16 {
    let mut f = flag_table().get(lower).copied().unwrap_or(0);
    if lower.len() > 3 && lower.ends_with("n't") {
        f |= NEG;
    }
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        f |= HAS_DIGIT;
    }
    f
}

/// The stem of one word (normal form → americanised → English stem).
pub fn stem_word(stemmer: &Stemmer, word: &str) -> (String, u16) {
    let mut lower = String::new();
    normal_form(word, &mut lower);
    let flags = flags_for(&lower);
    let am = americanise(&lower);
    let stem = stemmer.stem(&am).into_owned();
    (stem, flags)
}

pub fn english_stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// What a word (as written) normalises to: stem id, flags, and a hash of
/// its normal form (so "Data" and "data" hash alike).
#[derive(Debug, Clone, Copy, PartialEq)]
struct WordInfo {
    id: u32,
    flags: u16,
    norm_hash: u64,
}

impl WordInfo {
    /// The info of a word whose normal form is in `normal`, given its
    /// stem.
    fn of(normal: &str, stem: &str, vocab: &HashMap<String, u32>) -> WordInfo {
        WordInfo {
            id: vocab.get(stem).copied().unwrap_or(UNKNOWN),
            flags: flags_for(normal),
            norm_hash: std::hash::BuildHasher::hash_one(
                &foldhash::fast::FixedState::with_seed(0x6d6c7364),
                normal,
            ),
        }
    }
}

/// The words of a rubric known in advance, so that scoring a new text
/// stems only the words the rubric does not use: each of `words` (as
/// written, with its stem as `stem_word` gives it) and every filler,
/// negation and other flagged word, each also capitalised and in
/// capitals ("Data", "DATA": the same normal form, so the same info).
pub fn known_words<'w>(
    vocab: &HashMap<String, u32>,
    words: impl IntoIterator<Item = (&'w str, &'w str)>,
) -> WordCache {
    let mut known = WordCache::default();
    let mut normal = String::new();
    let mut variant = String::new();
    let mut variant_normal = String::new();
    // The word, then the variants with the same normal form.
    let mut add = |known: &mut WordCache, word: &str, normal: &str, info: WordInfo| {
        known.insert(word, info);
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return;
        };
        for upper in [false, true] {
            variant.clear();
            variant.extend(first.to_uppercase());
            if upper {
                variant.extend(chars.clone().flat_map(char::to_uppercase));
            } else {
                variant.push_str(chars.as_str());
            }
            // An ASCII word's variants lower-case back to it; others may
            // not ("ß" → "SS").
            let same = word.is_ascii() || {
                normal_form(&variant, &mut variant_normal);
                variant_normal == normal
            };
            if same {
                known.insert(&variant, info);
            }
        }
    };
    for (word, stem) in words {
        normal_form(word, &mut normal);
        let info = WordInfo::of(&normal, stem, vocab);
        add(&mut known, word, &normal, info);
    }
    let stemmer = english_stemmer();
    for &word in flag_table().keys() {
        if known.get_in(word, 0, word.len()).is_none() {
            let (stem, _) = stem_word(&stemmer, word);
            normal_form(word, &mut normal);
            let info = WordInfo::of(&normal, &stem, vocab);
            add(&mut known, word, &normal, info);
        }
    }
    known
}

/// A word cache kept between calls, keyed by the word as written: words
/// seen before are not normalised or stemmed again. Words of up to 15
/// bytes (nearly all) are keyed by their bytes packed into an integer, so
/// a lookup compares one number rather than two strings.
#[derive(Default)]
pub struct WordCache {
    short: foldhash::HashMap<u128, WordInfo>,
    long: foldhash::HashMap<Box<str>, WordInfo>,
}

/// A word of at most 15 bytes, packed with its length.
fn packed(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// `LOW_BYTES[n]`: the low `n` bytes of a `u128` set.
const LOW_BYTES: [u128; 16] = {
    let mut t = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        t[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// `packed(&text[start..end])`, reading the word with one 16-byte load
/// when the text has 16 bytes from `start` (no copy of a variable length).
fn packed_in(text: &str, start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    match text.as_bytes().get(start..start + 16) {
        Some(b) if len <= 15 => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(b);
            Some((u128::from_le_bytes(buf) & LOW_BYTES[len]) | ((len as u128) << 120))
        }
        _ => packed(&text[start..end]),
    }
}

impl WordCache {
    #[inline(always)]
    fn get_in(&self, text: &str, start: usize, end: usize) -> Option<WordInfo> {
        match packed_in(text, start, end) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(&text[start..end]).copied(),
        }
    }

    fn insert(&mut self, word: &str, info: WordInfo) {
        match packed(word) {
            Some(k) => self.short.insert(k, info),
            None => self.long.insert(word.into(), info),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Forgets every word, keeping the room.
    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// Largest number of cached words kept between calls.
const CACHE_LIMIT: usize = 200_000;

/// Byte classes for `ascii_words`.
const WORD: u8 = 1;
const ALPHA: u8 = 2;
const DIGIT: u8 = 4;
/// Joins two letters (':', '.', '\'').
const MID_LETTER: u8 = 8;
/// Joins two digits (',', ';', '.', '\'').
const MID_NUM: u8 = 16;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            WORD | ALPHA
        } else if c.is_ascii_digit() {
            WORD | DIGIT
        } else if c == b'_' {
            WORD
        } else {
            match c {
                b':' => MID_LETTER,
                b'.' | b'\'' => MID_LETTER | MID_NUM,
                b',' | b';' => MID_NUM,
                _ => 0,
            }
        };
        b += 1;
    }
    t
};

/// The words of an ASCII text as (start, end) byte ranges: exactly the
/// words `unicode_word_indices` finds (Unicode word boundaries restricted
/// to ASCII), without its general machinery. Letters, digits and '_' run
/// together; ':', '.' and '\'' join two letters, and ',', ';', '.' and
/// '\'' join two digits; a run of '_' alone is not a word.
fn ascii_words(text: &[u8], mut f: impl FnMut(usize, usize)) {
    let class = |i: usize| BYTE_CLASS[text[i] as usize];
    // Bytes from `i` up to the first one that is (not) a word byte.
    let run = |i: usize, word: bool| {
        text.get(i..).map_or(0, |rest| {
            rest.iter()
                .position(|&b| (BYTE_CLASS[b as usize] & WORD != 0) != word)
                .unwrap_or(rest.len())
        })
    };
    let n = text.len();
    let mut i = run(0, false);
    while i < n {
        let start = i;
        loop {
            i += run(i, true);
            if i + 1 < n {
                let (prev, mid, next) = (class(i - 1), class(i), class(i + 1));
                let joins = (prev & next & ALPHA != 0 && mid & MID_LETTER != 0)
                    || (prev & next & DIGIT != 0 && mid & MID_NUM != 0);
                if joins {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        // A run of '_' alone is not a word.
        if text[start] != b'_' || text[start..i].iter().any(|&b| b != b'_') {
            f(start, i);
        }
        i += run(i, false);
    }
}

impl<'v> Normaliser<'v> {
    pub fn new(vocab: &'v HashMap<String, u32>) -> Self {
        Self::with_cache(vocab, None, WordCache::default())
    }

    /// Starts from words known in advance (`known_words` against the same
    /// vocabulary) and a cache filled by earlier calls.
    pub fn with_cache(
        vocab: &'v HashMap<String, u32>,
        known: Option<&'v WordCache>,
        cache: WordCache,
    ) -> Self {
        Normaliser {
            stemmer: english_stemmer(),
            vocab,
            known,
            cache,
            buf: String::new(),
        }
    }

    /// The cache, to keep for the next call (emptied when it grew too big).
    pub fn into_cache(mut self) -> WordCache {
        if self.cache.len() > CACHE_LIMIT {
            self.cache = WordCache::default();
        }
        self.cache
    }

    /// What one word, `text[start..end]` (as written), normalises to.
    #[inline(always)]
    fn info(&mut self, text: &str, start: usize, end: usize) -> WordInfo {
        match self.cache.get_in(text, start, end) {
            Some(v) => v,
            None => self.learn(text, start, end),
        }
    }

    /// `info` of a word the cache does not have yet.
    #[inline(never)]
    fn learn(&mut self, text: &str, start: usize, end: usize) -> WordInfo {
        let word = &text[start..end];
        // The words a text uses are far fewer than the rubric's: copy the
        // ones it uses into the (smaller, faster) cache.
        if let Some(v) = self.known.and_then(|k| k.get_in(text, start, end)) {
            self.cache.insert(word, v);
            return v;
        }
        normal_form(word, &mut self.buf);
        let am = americanise(&self.buf);
        let stem = self.stemmer.stem(&am);
        let info = WordInfo::of(&self.buf, &stem, self.vocab);
        self.cache.insert(word, info);
        info
    }

    /// Tokens of a sentence, plus a hash of its normalised words (to
    /// detect repeats).
    pub fn tokens(&mut self, sentence: &str, out: &mut Vec<Tok>) -> u64 {
        use std::hash::{BuildHasher, Hasher};
        out.clear();
        let mut h = foldhash::fast::FixedState::with_seed(0x6d6c7364).build_hasher();
        let mut prev_end = 0usize;
        // (Not a closure: called from two places, it would not be inlined.)
        macro_rules! push {
            ($start:expr, $end:expr, $punct:expr) => {{
                let (start, end, punct) = ($start, $end, $punct);
                let w = self.info(sentence, start, end);
                h.write_u64(w.norm_hash);
                out.push(Tok {
                    id: w.id,
                    flags: w.flags,
                    start,
                    clause_start: out.is_empty() || punct || w.flags & CLAUSE != 0,
                });
            }};
        }
        if sentence.is_ascii() {
            let bytes = sentence.as_bytes();
            ascii_words(bytes, |start, end| {
                let between = &bytes[prev_end..start];
                // Most words are separated by a single space.
                let punct = between != b" "
                    && (between
                        .iter()
                        .any(|b| matches!(b, b',' | b';' | b':' | b'(' | b')' | b'[' | b']'))
                        || between.windows(3).any(|w| w == b" - "));
                push!(start, end, punct);
                prev_end = end;
            });
        } else {
            for (start, w) in sentence.unicode_word_indices() {
                let between = sentence.get(prev_end..start).unwrap_or("");
                let punct = between != " "
                    && (between
                        .chars()
                        .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '[' | ']'))
                        || between.contains(" - "));
                push!(start, start + w.len(), punct);
                prev_end = start + w.len();
            }
        }
        h.finish()
    }
}

/// One sentence of an answer.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The sentence as written (bullet markers trimmed).
    pub text: &'a str,
    /// 1-based line within the answer.
    pub line: usize,
    /// A Markdown heading or a short line ending with a colon.
    pub heading: bool,
}

/// Splits an answer into sentences: each line separately, then on
/// sentence ends. A bullet line is a sentence (or several).
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, raw_line) in text.lines().enumerate() {
        let line = raw_line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.is_empty() {
            continue;
        }
        let (body, heading) = strip_line(line);
        if body.is_empty() {
            continue;
        }
        if heading {
            out.push(Sentence {
                text: body,
                line: i + 1,
                heading: true,
            });
            continue;
        }
        split_sentences(body, |s| {
            let s = s.trim();
            if !s.is_empty() {
                out.push(Sentence {
                    text: s,
                    line: i + 1,
                    heading: false,
                });
            }
        });
    }
    out
}

/// Can `text` be cut at line ends into pieces split into sentences one by
/// one (`sentences` of each piece, their lines renumbered after the
/// pieces before, gives `sentences(text)`)? Not when it has a code fence:
/// whether a line is code depends on the lines before it.
pub fn cuttable(text: &str) -> bool {
    // One pass for both fences.
    let b = text.as_bytes();
    !memchr::memchr2_iter(b'`', b'~', b)
        .any(|i| b.get(i + 1) == Some(&b[i]) && b.get(i + 2) == Some(&b[i]))
}

/// Where to cut `text` at or after byte `at`: just after the end of the
/// line holding that byte (or the end of the text).
pub fn line_end_from(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |p| at + p + 1)
}

/// Line ends in `text` (the lines a piece adds before the next one).
pub fn line_ends(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// Removes bullet / quote markers; tells whether the line is a heading.
fn strip_line(line: &str) -> (&str, bool) {
    if let Some(rest) = line.strip_prefix('#') {
        return (rest.trim_start_matches('#').trim(), true);
    }
    let mut s = line;
    // Only a line starting with a marker character can lose a marker.
    while s
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'-' | b'*' | b'+' | b'>' | b'0'..=b'9' | 0xE2))
    {
        let t = s.trim_start();
        let stripped = t
            .strip_prefix("- [ ] ")
            .or_else(|| t.strip_prefix("- [x] "))
            .or_else(|| t.strip_prefix("- "))
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| t.strip_prefix("• "))
            .or_else(|| t.strip_prefix("> "))
            .or_else(|| strip_numbered(t));
        match stripped {
            Some(r) => s = r,
            None => break,
        }
    }
    let s = s.trim();
    // A short line ending with a colon, or a line that is only bold text, is a heading.
    let bold_only = s.len() > 4
        && s.starts_with("**")
        && s.ends_with("**")
        && !s[2..s.len() - 2].contains("**");
    let heading = (s.ends_with(':') || bold_only) && s.unicode_words().take(7).count() <= 6;
    (s, heading)
}

fn strip_numbered(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
}

/// Splits a line on sentence ends ('.', '!', '?' followed by a space and
/// not part of a number or a common abbreviation), calling `f` with each.
fn split_sentences<'a>(line: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += k;
        let b = bytes[i];
        // Consume runs like "?!" or "...".
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'') {
            j += 1;
        }
        let at_space = j >= bytes.len() || bytes[j] == b' ' || bytes[j] == b'\t';
        if at_space && !(b == b'.' && is_abbreviation(&bytes[start..i])) {
            f(&line[start..j]);
            start = j;
        }
        i = j;
    }
    if start < line.len() {
        f(&line[start..]);
    }
}

/// Does the text before a '.' end with an abbreviation ("e.g", "vs", a
/// single letter)? The last word is what follows the last whitespace or
/// '('.
fn is_abbreviation(before: &[u8]) -> bool {
    let from = if !before.is_ascii() {
        // Non-ASCII: find the last word with char-level whitespace rules.
        let s = std::str::from_utf8(before).unwrap_or("");
        s.rfind(|c: char| c.is_whitespace() || c == '(')
            .map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8))
    } else {
        before
            .iter()
            .rposition(|b| b.is_ascii_whitespace() || *b == b'\x0b' || *b == b'(')
            .map_or(0, |p| p + 1)
    };
    let last = &before[from..];
    const ABBREVIATIONS: &[&[u8]] = &[
        b"e.g", b"i.e", b"eg", b"ie", b"etc", b"vs", b"approx", b"cf", b"mr", b"dr", b"fig",
    ];
    ABBREVIATIONS.iter().any(|a| last.eq_ignore_ascii_case(a))
        || (last.len() == 1 && last[0].is_ascii_alphabetic())
}

/// Zero-width and bidirectional formatting characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The sentence with control characters removed and whitespace collapsed,
/// cut to a readable length.
pub fn clean_quote(s: &str) -> String {
    // Fast path: nothing to clean.
    if s.len() <= 280
        && !s.contains("  ")
        && s.chars()
            .all(|c| !c.is_control() && !is_invisible(c) && (c == ' ' || !c.is_whitespace()))
    {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len().min(400));
    let mut space = false;
    let mut n = 0;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible(c) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if n >= 280 {
            out.push('…');
            break;
        }
        out.push(c);
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ascii_split(s: &str) -> Vec<(usize, &str)> {
        let mut v = Vec::new();
        ascii_words(s.as_bytes(), |a, b| v.push((a, &s[a..b])));
        v
    }

    proptest! {
        /// A word read in place keys the cache exactly as the word alone.
        #[test]
        fn packed_in_place_matches_packed(s in "[a-zé]{0,40}", a in 0usize..40, len in 1usize..20) {
            let start = a.min(s.len());
            let end = (start + len).min(s.len());
            prop_assume!(start < end && s.is_char_boundary(start) && s.is_char_boundary(end));
            prop_assert_eq!(packed_in(&s, start, end), packed(&s[start..end]));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The ASCII fast path splits words exactly as Unicode word
        /// boundaries do: on any printable ASCII…
        #[test]
        fn ascii_words_match_unicode_words(s in "[ -~\t\n\r\x0b\x0c]{0,60}") {
            prop_assert_eq!(ascii_split(&s), s.unicode_word_indices().collect::<Vec<_>>());
        }

        /// …and on the characters that join or split words, densely mixed.
        #[test]
        fn ascii_words_match_at_joiners(s in "[aZ9_:.,;'\" \n-]{0,30}") {
            prop_assert_eq!(ascii_split(&s), s.unicode_word_indices().collect::<Vec<_>>());
        }

        /// Every ASCII digit of a text is in one of its words: the words'
        /// flags tell whether it has one.
        #[test]
        fn word_flags_show_every_digit(s in "([a-z0-9_.,:' \n-]|[٣½é²—])*") {
            let vocab = HashMap::new();
            let mut norm = Normaliser::new(&vocab);
            let mut toks = Vec::new();
            norm.tokens(&s, &mut toks);
            let flagged = toks.iter().any(|t| t.flags & HAS_DIGIT != 0);
            prop_assert_eq!(flagged, s.bytes().any(|b| b.is_ascii_digit()));
        }
    }

    /// The sentence splitter as first written (a char-level reference).
    fn split_reference(line: &str) -> Vec<&str> {
        let abbreviation = |before: &str| {
            let last = before
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            matches!(
                last.as_str(),
                "e.g" | "i.e" | "eg" | "ie" | "etc" | "vs" | "approx" | "cf" | "mr" | "dr" | "fig"
            ) || (last.len() == 1 && last.chars().all(|c| c.is_ascii_alphabetic()))
        };
        let mut out = Vec::new();
        let bytes = line.as_bytes();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'')
                {
                    j += 1;
                }
                let at_space = j >= bytes.len() || bytes[j] == b' ' || bytes[j] == b'\t';
                if at_space && !(b == b'.' && abbreviation(&line[start..i])) {
                    out.push(&line[start..j]);
                    start = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        if start < line.len() {
            out.push(&line[start..]);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn sentence_ends_match_the_reference(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("e.g"), Just("I.E"), Just("vs"), Just("Fig"), Just("x"), Just("ab"),
                    Just("."), Just("!"), Just("?"), Just("\""), Just(")"), Just("("),
                    Just(" "), Just("\t"), Just("\u{0b}"), Just("\u{a0}"), Just("\u{3000}"),
                    Just("é"), Just("3"),
                ],
                0..24,
            )
        ) {
            let line: String = parts.concat();
            let mut got = Vec::new();
            split_sentences(&line, |s| got.push(s));
            prop_assert_eq!(got, split_reference(&line));
        }
    }

    #[test]
    fn fences_make_a_text_uncuttable() {
        for fenced in ["```", "a\n```rust\nb", "a\n~~~\nb\n~~~\n", "x ~~~~ y"] {
            assert!(!cuttable(fenced), "{fenced:?}");
        }
        for plain in ["", "a `b` c", "~~ `` ~", "x~~", "`~`~`", "a\n~ ~ ~\n"] {
            assert!(cuttable(plain), "{plain:?}");
        }
    }

    #[test]
    fn pieces_split_like_the_whole() {
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(match i % 7 {
                0 => "# Heading\n",
                1 => "- A bullet. Then e.g. more!\r\n",
                2 => "\n",
                3 => "Plain line with 3.5 numbers? Yes.\n",
                4 => "Short line:\n",
                5 => "   \n",
                _ => "1. Numbered point; another clause\n",
            });
        }
        text.push_str("no final newline");
        let key = |v: Vec<Sentence<'_>>| -> Vec<(usize, String, usize, bool)> {
            v.into_iter()
                .map(|s| {
                    (
                        s.text.as_ptr() as usize,
                        s.text.to_string(),
                        s.line,
                        s.heading,
                    )
                })
                .collect()
        };
        let one = key(sentences(&text));
        assert!(cuttable(&text));
        // Cut near every k/n of the text, for several n: the pieces'
        // sentences, renumbered, are the text's.
        for n in [2, 3, 4, 7, 50] {
            let mut cuts = vec![0];
            for k in 1..n {
                cuts.push(line_end_from(&text, text.len() * k / n).max(cuts[k - 1]));
            }
            cuts.push(text.len());
            let mut all = Vec::new();
            let mut lines_before = 0;
            for w in cuts.windows(2) {
                let piece = &text[w[0]..w[1]];
                all.extend(sentences(piece).into_iter().map(|mut s| {
                    s.line += lines_before;
                    s
                }));
                lines_before += line_ends(piece);
            }
            assert_eq!(key(all), one, "{n} pieces");
        }
        assert_eq!(line_end_from(&text, text.len() + 5), text.len());
        // A code fence anywhere: not cut, as fences need.
        assert!(!cuttable(&format!("{text}```\n")));
        assert!(!cuttable(&format!("~~~\n{text}")));
    }

    #[test]
    fn known_words_normalise_as_stemming_does() {
        let stemmer = english_stemmer();
        let phrase_words = [
            "data",
            "monitoring",
            "labels",
            "isn't",
            "behaviour",
            "naïve",
        ];
        let mut vocab = HashMap::new();
        for w in phrase_words {
            let n = vocab.len() as u32;
            vocab.entry(stem_word(&stemmer, w).0).or_insert(n);
        }
        let stems: Vec<(&str, String)> = phrase_words
            .iter()
            .map(|&w| (w, stem_word(&stemmer, w).0))
            .collect();
        let known = known_words(&vocab, stems.iter().map(|(w, s)| (*w, s.as_str())));
        for w in [
            "Data",
            "DATA",
            "Monitoring",
            "ISN'T",
            "Behaviour",
            "NAÏVE",
            "not",
            "Not",
        ] {
            assert!(known.get_in(w, 0, w.len()).is_some(), "{w} known");
        }
        let mut seeded = Normaliser::with_cache(&vocab, Some(&known), WordCache::default());
        let mut plain = Normaliser::new(&vocab);
        for w in [
            "data",
            "Data",
            "DATA",
            "dAta",
            "monitoring",
            "Monitored",
            "ISN'T",
            "isn’t",
            "behaviour",
            "behavior",
            "Behaviour",
            "naïve",
            "NAÏVE",
            "not",
            "Not",
            "NOT",
            "never",
            "Never",
            "unrelated",
            "labels",
            "Labels",
        ] {
            assert_eq!(seeded.info(w, 0, w.len()), plain.info(w, 0, w.len()), "{w}");
        }
    }

    #[test]
    fn normalised_repeats_hash_alike() {
        let vocab = HashMap::new();
        let mut norm = Normaliser::new(&vocab);
        let mut toks = Vec::new();
        let a = norm.tokens("We Split BY time, don\u{2019}t we", &mut toks);
        let b = norm.tokens("we split by time,  don't WE", &mut toks);
        let c = norm.tokens("we split by time don't we", &mut toks);
        let d = norm.tokens("we split by date, don't we", &mut toks);
        assert_eq!(a, b);
        assert_eq!(a, c, "punctuation is not part of the words");
        assert_ne!(a, d);
    }

    fn stem(w: &str) -> String {
        stem_word(&english_stemmer(), w).0
    }

    #[test]
    fn spelling_variants_meet() {
        assert_eq!(stem("regularisation"), stem("regularization"));
        assert_eq!(stem("regularising"), stem("regularizing"));
        assert_eq!(stem("regularise"), stem("regularize"));
        assert_eq!(stem("normalisation"), stem("normalization"));
        assert_eq!(stem("analyse"), stem("analyze"));
        assert_eq!(stem("behaviour"), stem("behavior"));
        assert_eq!(stem("labelled"), stem("labeled"));
        assert_eq!(stem("modelling"), stem("modeling"));
        assert_eq!(stem("centre"), stem("center"));
        assert_eq!(stem("Optimisation"), stem("optimization"));
        assert_ne!(stem("precision"), stem("recall"));
    }

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("monitoring"), stem("monitor"));
        assert_eq!(stem("monitored"), stem("monitors"));
        assert_eq!(stem("labels"), stem("label"));
        assert_eq!(stem("retraining"), stem("retrain"));
    }

    #[test]
    fn splits_sentences_lines_and_bullets() {
        let s = sentences(
            "# Metrics\nWe care about recall. Precision is 0.9 e.g. for X!\n- bullet one\n\n2. numbered",
        );
        let texts: Vec<_> = s.iter().map(|s| (s.text, s.line, s.heading)).collect();
        assert_eq!(
            texts,
            vec![
                ("Metrics", 1, true),
                ("We care about recall.", 2, false),
                ("Precision is 0.9 e.g. for X!", 2, false),
                ("bullet one", 3, false),
                ("numbered", 5, false),
            ]
        );
    }

    #[test]
    fn colon_lines_and_bold_lines_are_headings() {
        let s = sentences("Monitoring:\n**Data**\nWe watch drift: daily.");
        assert!(s[0].heading && s[1].heading);
        assert!(!s[2].heading);
    }

    #[test]
    fn quotes_drop_control_characters() {
        assert_eq!(clean_quote("a\u{0007}b\u{0000}  c\t\nd"), "ab c d");
        assert_eq!(clean_quote(""), "");
    }
}
