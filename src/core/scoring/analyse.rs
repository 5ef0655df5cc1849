//! Analysing one sentence on its own: what it expresses (concepts of
//! criteria and key points, declined or not), which red flags it raises,
//! how it fits the prompt, whether it defers or copies the rubric, and
//! whether it has the substance of a statement rather than a string of
//! terms. Depends only on the sentence's text, so it is cached by text.

use super::arith::{self, Slip};
use super::compile::{Compiled, Kind, Owner};
use super::formulas;
use super::matcher::Hit;
use super::negation::declined;
use super::vocab::Fit;
use super::words::{
    CADENCE, DECLINE_AFTER, DIGIT, FLUFF, NEED, NEG, STOP, Tok, UNKNOWN, WordCache,
};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Fewer words than this is a fragment (unless it is a complete note).
const MIN_WORDS: usize = 4;
/// A sentence with this many product or model names…
const NAME_MIN: usize = 3;
/// …making up this share of its words, and no reason given, is a string
/// of names.
const NAME_SHARE: f32 = 0.1;
/// Fewer words than this touching many criteria is too broad.
const BROAD_WORDS: usize = 12;
/// A sentence naming this many criteria…
const SWEEP_TOPICS: usize = 6;
/// …with fewer words than this per criterion sweeps over them.
const SWEEP_WORDS_PER_TOPIC: usize = 4;

/// How a sentence was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Earns what it expresses.
    Substantive,
    Heading,
    /// Already said (normalised repeat).
    Repeat,
    TooShort,
    /// A comma-separated list of short terms.
    List,
    /// Almost every content word is rubric vocabulary.
    KeywordDense,
    /// One short sentence touching many criteria.
    TooBroad,
    /// Marketing fluff or vague promises.
    Vague,
    /// Matches nothing.
    OffTopic,
    /// Copies the rubric's own texts.
    Echo,
    /// Hands the topic to someone else or puts it off.
    Deferral,
    /// About another problem: another prompt's words, none of this one's.
    OffPrompt,
}

impl Verdict {
    /// Why a sentence with this verdict earns nothing (for explanations).
    pub fn reason(self) -> &'static str {
        match self {
            Verdict::Substantive => "",
            Verdict::Heading => "a heading",
            Verdict::Repeat => "repeats an earlier sentence",
            Verdict::TooShort => "too short to be a complete point",
            Verdict::List => "a list of terms without specifics",
            Verdict::KeywordDense => "terms strung together without reasoning",
            Verdict::TooBroad => "touches many topics in a few words",
            Verdict::Vague => "vague or promotional wording",
            Verdict::OffTopic => "matches nothing the rubric looks for",
            Verdict::Echo => "copies the rubric's own wording",
            Verdict::Deferral => "hands the topic to someone else or to later",
            Verdict::OffPrompt => "about a different problem than this prompt",
        }
    }
}

/// A concept a sentence expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConceptHit {
    pub target: u32,
    pub concept: u16,
    /// Only named to be declined ("we won't monitor").
    pub declined: bool,
}

/// One sentence, analysed.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Concepts of criteria and key points (not red flags), one entry per
    /// concept; declined only if every mention of it is.
    pub concepts: Vec<ConceptHit>,
    /// Red flags it raises.
    pub flags: Vec<u32>,
    pub fit: Fit,
    /// What the sentence is, before its place among others is known.
    pub verdict: Verdict,
    /// Hash of its normalised words, to find repeats.
    pub key: u64,
    /// Its distinct known content words (to tell what the answer is about).
    pub stems: Vec<u32>,
    /// It waves a need away ("no need for", "is fine"): it cannot land a
    /// key point in full.
    pub dismissive: bool,
    /// It hedges ("maybe", "it depends"): it lands nothing in full.
    pub hedged: bool,
    /// Product, model and tool names in it that are not the prompt's own.
    pub names: u16,
    /// It only restates the brief: it cannot land a key point in full.
    pub restates: bool,
    /// Its words.
    pub words: u16,
    /// An estimate in it that slipped by a power of ten (boxed: analyses
    /// are cached by the tens of thousands, and few sentences slip).
    pub slip: Option<Box<Slip>>,
}

/// Analyses one sentence.
pub fn analyse(c: &Compiled, cache: &mut WordCache, text: &str) -> Analysis {
    let toks = cache.tokens(&c.lexicon, text);
    let mut hits: Vec<Hit> = Vec::new();
    c.matcher.find(text, &toks, &mut hits);
    let fit = c.vocab.fit(text, &toks);
    let names = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            *i > 0
                && !(t.id != UNKNOWN && c.vocab.is_own(t.id))
                && is_name(&text[t.start..t.end], t.clause_start)
        })
        .count();
    let key = norm_key(text, &toks);

    // Tokens inside a concept match (so declines reach across lists).
    let mut covered = vec![false; toks.len()];
    for h in &hits {
        if matches!(c.owners[h.owner as usize], Owner::Concept { .. }) {
            covered[h.start..=h.end].iter_mut().for_each(|x| *x = true);
        }
    }
    let any = toks.iter().fold(0u16, |a, t| a | t.flags);
    let may_decline = any & (NEG | DECLINE_AFTER | NEED) != 0;

    let mut concepts: Vec<ConceptHit> = Vec::new();
    let mut flag_concepts: Vec<(u32, u16)> = Vec::new();
    let mut hand_off = false;
    let mut put_off = false;
    let mut dismissive = false;
    let mut hedged = false;
    let mut vetoes: Vec<(Option<u32>, usize, usize)> = Vec::new();
    for h in &hits {
        match c.owners[h.owner as usize] {
            Owner::Concept { target, concept } => {
                let t = &c.targets[target as usize];
                let allow = t.concepts[concept as usize].allow_negation;
                let dec = may_decline && declined(&toks, &covered, h.start, h.end, allow);
                if t.kind == Kind::Flag {
                    if !dec && !flag_concepts.contains(&(target, concept)) {
                        flag_concepts.push((target, concept));
                    }
                    continue;
                }
                match concepts
                    .iter_mut()
                    .find(|x| x.target == target && x.concept == concept)
                {
                    Some(x) => x.declined &= dec,
                    None => concepts.push(ConceptHit {
                        target,
                        concept,
                        declined: dec,
                    }),
                }
            }
            Owner::HandOff => hand_off = true,
            Owner::PutOff => put_off = true,
            Owner::Dismiss => dismissive = true,
            Owner::Hedge => hedged = true,
            Owner::Veto(of) => vetoes.push((of, h.start, h.end)),
        }
    }
    concepts.sort_by_key(|x| (x.target, x.concept));

    let flags = raised_flags(
        c,
        &hits,
        &flag_concepts,
        &vetoes,
        conclusion_start(text, &toks),
        reason_start(text, &toks),
    );
    // Topics the sentence names: distinct stretches of words that match a
    // criterion (one phrase shared by several criteria is one topic).
    let mut spans: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| match c.owners[h.owner as usize] {
            Owner::Concept { target, concept } => {
                let t = &c.targets[target as usize];
                t.kind == Kind::Criterion && !t.concepts[concept as usize].qualifier
            }
            _ => false,
        })
        .map(|h| (h.start, h.end))
        .collect();
    spans.sort_unstable();
    spans.dedup_by(|b, a| b.0 <= a.1);
    let topics = spans.len();
    let specific = any & DIGIT != 0;
    // Handing a topic off is excused by a number of the answer's own (a
    // budget, a cadence), not by restating the prompt's ("150 ms is tight,
    // but that's a serving problem").
    let own_number = if c.vocab.active {
        fit.own_number
    } else {
        specific
    };
    let deferral = !concepts.is_empty()
        && ((hand_off && !own_number)
            || (put_off && !specific && any & CADENCE == 0 && fit.own == 0));
    let verdict = if c.echo.echoes(&toks) {
        Verdict::Echo
    } else if deferral {
        Verdict::Deferral
    } else if c.vocab.active && fit.off_prompt() {
        Verdict::OffPrompt
    } else {
        substance(
            c,
            &toks,
            text,
            &concepts,
            &covered,
            Shape {
                any,
                fit,
                topics,
                names,
            },
        )
    };
    let mut stems: Vec<u32> = toks
        .iter()
        .filter(|t| !t.is_stop() && t.id != UNKNOWN)
        .map(|t| t.id)
        .collect();
    stems.sort_unstable();
    stems.dedup();
    Analysis {
        stems,
        concepts,
        flags,
        fit,
        verdict,
        key,
        dismissive,
        hedged,
        names: names as u16,
        restates: c.vocab.restates(&toks, &fit),
        words: toks.len().min(u16::MAX as usize) as u16,
        slip: if specific {
            let text = arith::spelled_out(text);
            arith::slip(&text)
                .or_else(|| formulas::slip(&text))
                .map(Box::new)
        } else {
            None
        },
    }
}

/// Where a sentence that argues from a premise to a conclusion starts its
/// conclusion: after "so" / "therefore" ("declines never get a chargeback,
/// so I'd label them legitimate"), or after the first clause of one that
/// opens with "since" / "because".
fn conclusion_start(text: &str, toks: &[Tok]) -> Option<usize> {
    let word = |i: usize| toks.get(i).map_or("", |t| &text[t.start..t.end]);
    let is = |i: usize, w: &str| word(i).eq_ignore_ascii_case(w);
    if ["since", "because", "as", "given"].iter().any(|w| is(0, w)) {
        return (1..toks.len()).find(|&i| toks[i].clause_start);
    }
    (1..toks.len()).find(|&i| {
        ["therefore", "hence", "thus"].iter().any(|w| is(i, w))
            || (is(i, "so")
                && (toks[i].clause_start
                    || ["i", "we", "i'd", "we'd", "i’d", "we’d", "i'll", "we'll"]
                        .iter()
                        .any(|w| is(i + 1, w))))
            || (is(i, "which") && is(i + 1, "means") && toks[i].clause_start)
    })
}

/// Where a sentence that makes a claim and then gives its reason or its
/// purpose starts that reason ("…, since we can't personalise for them",
/// "… so that the forecasts don't break"): a veto word there defends the
/// claim rather than rejecting it. None when the claim itself is negated
/// ("gaps are not filled with zero, because…"): then it may be the
/// rejection, and the reason says why.
fn reason_start(text: &str, toks: &[Tok]) -> Option<usize> {
    let word = |i: usize| toks.get(i).map_or("", |t| &text[t.start..t.end]);
    let is = |i: usize, w: &str| word(i).eq_ignore_ascii_case(w);
    let b = (2..toks.len()).find(|&i| {
        (toks[i].clause_start && (is(i, "since") || is(i, "as")))
            || (is(i, "so") && is(i + 1, "that"))
            || is(i, "because")
    })?;
    let negated = (0..b).any(|i| {
        let w = word(i).to_ascii_lowercase().replace('\u{2019}', "'");
        ["not", "no", "never", "cannot", "nothing", "none"].contains(&w.as_str())
            || w.ends_with("n't")
            || toks[i].flags & NEG != 0
    });
    (!negated).then_some(b)
}

/// The red flags whose concepts the sentence expresses (enough of them)
/// and that no veto outside the flag's own words rejects. A general veto
/// in the premise of an argument does not reject a mistake made wholly
/// in its conclusion.
fn raised_flags(
    c: &Compiled,
    hits: &[Hit],
    flag_concepts: &[(u32, u16)],
    vetoes: &[(Option<u32>, usize, usize)],
    conclusion: Option<usize>,
    reason: Option<usize>,
) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for &(target, _) in flag_concepts {
        if out.contains(&target) {
            continue;
        }
        let t = &c.targets[target as usize];
        let n = flag_concepts.iter().filter(|(x, _)| *x == target).count();
        if n < t.need {
            continue;
        }
        // The flag's own words (a veto word inside them is part of the
        // mistake, e.g. a flag phrased "instead of a time split").
        let own = |s: usize, e: usize| {
            hits.iter().any(|h| {
                matches!(c.owners[h.owner as usize], Owner::Concept { target: x, .. } if x == target)
                    && h.start <= s
                    && e <= h.end
            })
        };
        let mut matched = hits.iter().filter(|h| {
            matches!(c.owners[h.owner as usize], Owner::Concept { target: x, .. } if x == target)
        });
        // The flag's words all reach into the conclusion.
        let concluded = conclusion.is_some_and(|b| matched.clone().all(|h| h.end >= b));
        let in_premise = |e: usize| concluded && conclusion.is_some_and(|b| e < b);
        // The flag's words all come before the reason given for them.
        let reasoned = reason.is_some_and(|b| matched.all(|h| h.end <= b));
        // A veto word in the reason defends the claim ("…, since we can't
        // personalise for them", "…, because it counts as a service
        // contact"); it does not reject it.
        let in_reason = |s: usize| reasoned && reason.is_some_and(|b| s >= b);
        let vetoed = vetoes.iter().any(|&(of, s, e)| {
            (of == Some(target) || (of.is_none() && !in_premise(e))) && !own(s, e) && !in_reason(s)
        });
        if !vetoed {
            out.push(target);
        }
    }
    out
}

/// What the substance rules need to know of a sentence beyond its words.
struct Shape {
    /// Every word flag it has.
    any: u16,
    /// Product and model names in it.
    names: usize,
    fit: Fit,
    /// Distinct topics it names.
    topics: usize,
}

/// Whether a sentence reads as a statement with substance.
fn substance(
    c: &Compiled,
    toks: &[Tok],
    text: &str,
    concepts: &[ConceptHit],
    covered: &[bool],
    shape: Shape,
) -> Verdict {
    let Shape {
        any,
        fit,
        topics,
        names,
    } = shape;
    let earned: Vec<&ConceptHit> = concepts.iter().filter(|x| !x.declined).collect();
    if earned.is_empty() {
        return Verdict::OffTopic;
    }
    let words = toks.len();
    let stops = toks.iter().filter(|t| t.flags & STOP != 0).count();
    let fluff = toks.iter().filter(|t| t.flags & FLUFF != 0).count();
    let free = toks
        .iter()
        .zip(covered)
        .filter(|(t, cov)| t.flags & (STOP | NEG) == 0 && !**cov)
        .count();
    let concrete = any & DIGIT != 0;
    // Distinct criteria touched (key points are the prompt's own, so they
    // do not make a sentence look like a checklist), by what they are
    // about: a qualifier word ("daily", "per", "cost") touches many
    // criteria without naming any of them.
    let mut crits: Vec<u32> = earned
        .iter()
        .filter(|x| {
            let tg = &c.targets[x.target as usize];
            tg.kind == Kind::Criterion
                && !tg
                    .concepts
                    .get(x.concept as usize)
                    .is_some_and(|k| k.qualifier)
        })
        .map(|x| x.target)
        .collect();
    crits.dedup();
    let mut targets: Vec<u32> = earned.iter().map(|x| x.target).collect();
    targets.dedup();

    if words < MIN_WORDS {
        // A terse note is complete when each thing it touches is said by
        // two of its concepts, or it gives a number.
        let complete = words >= 2
            && targets.len() <= 2
            && (concrete
                || targets
                    .iter()
                    .all(|&t| earned.iter().filter(|x| x.target == t).count() >= 2));
        return if complete {
            Verdict::Substantive
        } else {
            Verdict::TooShort
        };
    }
    if fluff >= 2 || (fluff >= 1 && crits.len() >= 2 && !concrete) {
        return Verdict::Vague;
    }
    // Specifics (a number, the prompt's own terms) make a list of items
    // content rather than a list of terms.
    let specific = concrete || fit.own >= 2;
    let frags = fragments(text, toks);
    if crits.len() >= 3
        && !specific
        && ((frags >= 4 && words < 4 * frags) || (frags >= 3 && words < 3 * frags))
    {
        return Verdict::List;
    }
    let wordy = stops * 3 >= words;
    if words < BROAD_WORDS && topics >= 4 && free * 2 < crits.len() && !wordy {
        return Verdict::TooBroad;
    }
    // A summary sweeping across many topics says little about any of them.
    if topics >= SWEEP_TOPICS && words < SWEEP_WORDS_PER_TOPIC * topics {
        return Verdict::TooBroad;
    }
    // Strings of product and model names with no reasoning between them
    // ("CLIP and DINOv2 embeddings, YOLOv8 plus SAM, Milvus with HNSW").
    if names >= NAME_MIN && names as f32 >= NAME_SHARE * words as f32 && !reasons(text, toks) {
        return Verdict::KeywordDense;
    }
    // Strings of terms: almost no filler, several topics, cut into pieces.
    let telegraphic = (stops as f32) < 0.15 * words as f32
        && crits.len() >= 3
        && frags >= 2
        && (!specific || crits.len() >= 5);
    if telegraphic || (free == 0 && !specific && (words < 6 || (crits.len() >= 3 && !wordy))) {
        return Verdict::KeywordDense;
    }
    Verdict::Substantive
}

/// A product, model or tool name: mixed case ("DINOv2", "ArcFace",
/// "LightGBM"), a capitalised word inside a clause ("indexed in Milvus"),
/// or a name with a version ("GPT-4V", "FP16"). Short all-capital
/// acronyms (CPU, EU, GBDT) and numbers with units (225M, 6k) are not.
fn is_name(w: &str, clause_start: bool) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_alphabetic() {
        return false;
    }
    let rest_upper = chars.clone().any(char::is_uppercase);
    let rest_lower = chars.clone().any(char::is_lowercase);
    let digit = w.chars().any(|c| c.is_ascii_digit());
    let mixed = rest_upper && w.chars().any(char::is_lowercase);
    let capitalised = first.is_uppercase() && rest_lower && !rest_upper;
    let versioned = first.is_uppercase() && digit && w.len() > 3;
    mixed || versioned || (capitalised && !clause_start)
}

/// Whether the sentence gives a reason or a consequence anywhere.
fn reasons(text: &str, toks: &[Tok]) -> bool {
    const WORDS: &[&str] = &[
        "because",
        "since",
        "so",
        "therefore",
        "which",
        "means",
        "otherwise",
        "unless",
        "if",
        "when",
        "while",
        "whereas",
        "but",
        "instead",
        "rather",
        "avoid",
        "keeps",
        "keep",
    ];
    toks.iter().any(|t| {
        let w = &text[t.start..t.end];
        WORDS.iter().any(|x| w.eq_ignore_ascii_case(x))
    })
}

/// Comma/semicolon-separated fragments, or a chain of "and"/"or".
fn fragments(text: &str, toks: &[Tok]) -> usize {
    let punct = text
        .bytes()
        .filter(|b| matches!(b, b',' | b';' | b'|'))
        .count();
    let ands = toks
        .iter()
        .filter(|t| {
            let w = &text[t.start..t.end];
            w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or")
        })
        .count();
    1 + punct.max(if ands >= 2 { ands } else { 0 })
}

/// A hash of the sentence's known content words, in order.
fn norm_key(text: &str, toks: &[Tok]) -> u64 {
    let mut h = DefaultHasher::new();
    for t in toks.iter().filter(|t| !t.is_stop()) {
        if t.id == UNKNOWN {
            text[t.start..t.end].to_lowercase().hash(&mut h);
        } else {
            t.id.hash(&mut h);
        }
    }
    h.finish()
}
