//! The words a pattern cannot match without.
//!
//! Every match of `\b(chargeback|dispute)s?\b.{0,40}\bdelay` contains
//! "chargeback" or "dispute" (and "delay"): a set of literals one of which
//! is in every match. The matcher looks for all patterns' literals in one
//! pass over a sentence and runs only the patterns whose literals it found,
//! so it never builds an automaton over all the patterns — the build that
//! made a one-off `score` wait for it.

use regex_syntax::ParserBuilder;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals shorter than this are found in nearly every sentence: a set
/// with one is no filter — unless it is a digit or a sign (`?`, `$`, `>`),
/// rare enough in prose.
const MIN_LEN: usize = 2;
/// A class of at most this many bytes (the ten digits) counts as that many
/// literals.
const MAX_CLASS: usize = 10;
/// A set of more literals than this is not worth tracking.
const MAX_SET: usize = 64;
/// Clauses kept per pattern, the best first.
const MAX_CLAUSES: usize = 4;

/// A set of literals one of which every match contains.
pub type Clause = Vec<Vec<u8>>;

/// Clauses (lower case literals, as the pattern is written) every match of
/// `source` satisfies — each of them, one literal at least; empty when the
/// pattern has none worth using (it must then run on every sentence) or
/// does not parse.
pub fn required(source: &str) -> Vec<Clause> {
    let Ok(hir) = ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
    else {
        return Vec::new();
    };
    let mut all: Vec<Clause> = clauses(&hir).into_iter().filter(|c| usable(c)).collect();
    for c in &mut all {
        c.sort();
        c.dedup();
    }
    all.sort_by_key(|c| std::cmp::Reverse(rank(c)));
    all.dedup();
    all.truncate(MAX_CLAUSES);
    all
}

/// Whether a clause filters at all: each literal long enough or rare.
fn usable(set: &[Vec<u8>]) -> bool {
    !set.is_empty()
        && set.len() <= MAX_SET
        && set.iter().all(|l| match l.as_slice() {
            [b] => !b.is_ascii_alphabetic() && !b.is_ascii_whitespace(),
            l => l.len() >= MIN_LEN,
        })
}

/// How well a clause filters: usable at all, then its shortest literal
/// longer, then fewer literals.
fn rank(set: &[Vec<u8>]) -> (bool, usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (usable(set), shortest, std::cmp::Reverse(set.len()))
}

/// Every clause this walk finds for `hir`.
fn clauses(hir: &Hir) -> Vec<Clause> {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => exact(hir).into_iter().collect(),
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Repetition(r) if r.min >= 1 => clauses(&r.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(c) => clauses(&c.sub),
        HirKind::Concat(parts) => of_concat(parts),
        HirKind::Alternation(alts) => {
            // Each alternative's best clause; a match satisfies one of them.
            let mut union: Clause = Vec::new();
            for alt in alts {
                let Some(best) = clauses(alt).into_iter().max_by_key(|c| rank(c)) else {
                    return Vec::new();
                };
                union.extend(best);
            }
            vec![union]
        }
    }
}

/// A concatenation's clauses: every part's, and for each run of parts that
/// each match one of a few literals, their combinations ("label" then
/// " delay" is "label delay").
fn of_concat(parts: &[Hir]) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut run: Option<Clause> = None;
    for part in parts {
        match exact(part) {
            Some(set) => {
                run = Some(match run.take() {
                    None => set,
                    Some(prefixes) if prefixes.len() * set.len() <= MAX_SET => prefixes
                        .iter()
                        .flat_map(|p| set.iter().map(move |s| [p.as_slice(), s].concat()))
                        .collect(),
                    Some(prefixes) => {
                        out.push(prefixes);
                        set
                    }
                });
            }
            None => {
                out.extend(run.take());
                out.extend(clauses(part));
            }
        }
    }
    out.extend(run);
    out
}

/// The literals `hir` matches exactly (every match is one of them), when
/// there are a few.
fn exact(hir: &Hir) -> Option<Clause> {
    match hir.kind() {
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u8> = c
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .take(MAX_CLASS + 1)
                .collect();
            (bytes.len() <= MAX_CLASS).then(|| bytes.into_iter().map(|b| vec![b]).collect())
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Alternation(alts) => {
            let mut union = Vec::new();
            for alt in alts {
                union.extend(exact(alt)?);
            }
            (union.len() <= MAX_SET).then_some(union)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::required;

    /// The clauses, each sorted, in a stable order.
    fn req(p: &str) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = required(p)
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|l| String::from_utf8(l).unwrap())
                    .collect()
            })
            .collect();
        out.sort();
        out
    }

    fn set(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn every_part_a_match_needs_is_a_clause() {
        assert_eq!(
            req(r"\b(chargeback|dispute)s?\b.{0,40}\bdelay"),
            [set(&["chargeback", "dispute"]), set(&["delay"])]
        );
        assert_eq!(
            req(r"label(l?ed)? delay"),
            [set(&[" delay"]), set(&["label"])]
        );
        assert_eq!(
            req(r"\b(false|true) (positive|negative)s?"),
            [set(&[
                "false negative",
                "false positive",
                "true negative",
                "true positive"
            ])]
        );
        assert_eq!(req(r"don['`]t"), [set(&["don't", "don`t"])]);
        assert_eq!(req(r"(alpha|beta(gamma)+)"), [set(&["alpha", "gamma"])]);
    }

    #[test]
    fn optional_parts_and_short_literals_give_no_clause() {
        assert!(req(r"(\w+\s+){0,3}").is_empty());
        assert!(req(r"(foo)?bar|x").is_empty());
        assert!(req(r"a|b").is_empty());
        assert!(req(r"a|\s").is_empty());
        assert!(req(r"(unclosed").is_empty());
        assert_eq!(req(r"[a-z]+ly"), [set(&["ly"])]);
        assert_eq!(req(r"\?\s*$"), [set(&["?"])]);
        let digits = set(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        assert_eq!(req(r"(?-u:\d)+ ?ms"), [digits, set(&["ms"])]);
        assert_eq!(req(r"(?-u:\d)+%").len(), 2);
        assert_eq!(req(r"(?-u:\d)+ ?(x|times)")[0].len(), 10);
    }
}
