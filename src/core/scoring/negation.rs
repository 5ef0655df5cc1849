//! Declined topics: a match that the sentence negates or dismisses ("we
//! will not monitor", "no A/B test needed", "baselines are unnecessary",
//! "monitoring is out of scope") earns nothing.

use super::words::{CONJ, DECLINE_AFTER, DVERB, NEED, NEG, OUT, OVERRIDE, Tok};

/// How far (in tokens) before a match a negation is looked for…
const NEG_BEFORE: usize = 7;
/// …and in content words outside other matches.
const NEG_BEFORE_WORDS: usize = 4;
/// How far after a match a decline ("… is unnecessary") is looked for, in
/// content words outside other matches.
const NEG_AFTER: usize = 3;

/// Is the match at tokens `start..=end` declined? Words inside other
/// matches (`covered`) and filler do not count towards the distance, so a
/// decline reaches every topic of a coordinated list ("we won't do shadow
/// mode or a canary").
///
/// With `allow_negation` (a hazard, where "no leakage" is good) only a
/// decline verb ("we ignore label delay"), "no need for …" or a decline
/// after the match counts.
pub fn declined(
    toks: &[Tok],
    covered: &[bool],
    start: usize,
    end: usize,
    allow_negation: bool,
) -> bool {
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
        // "No A/B test is needed and we won't do shadow mode" is not a
        // double negation: a negation's reach ends at "needed" or "and".
        if negs > 0 && f & (NEED | CONJ) != 0 && f & NEG == 0 {
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

#[cfg(test)]
mod tests {
    use super::super::words::{Lexicon, WordCache, english_stemmer, stem_word};
    use super::*;

    /// Is the word `topic` declined in `s`?
    fn is_declined(s: &str, topic: &str, allow_negation: bool) -> bool {
        let mut lex = Lexicon::default();
        let id = lex.intern(&stem_word(&english_stemmer(), topic).0);
        let toks = WordCache::default().tokens(&lex, s);
        let at = toks.iter().position(|t| t.id == id).expect("topic present");
        let mut covered = vec![false; toks.len()];
        covered[at] = true;
        declined(&toks, &covered, at, at, allow_negation)
    }

    #[test]
    fn negations_and_dismissals_decline() {
        assert!(is_declined("We will not monitor it", "monitor", false));
        assert!(is_declined(
            "Baselines are unnecessary here",
            "baselines",
            false
        ));
        assert!(is_declined(
            "Monitoring is out of scope",
            "monitoring",
            false
        ));
        assert!(!is_declined("We monitor drift daily", "monitor", false));
        assert!(!is_declined("We can't afford to miss fraud", "miss", false));
    }

    #[test]
    fn hazards_may_be_negated() {
        assert!(!is_declined("No leakage from the future", "leakage", true));
        assert!(is_declined("We ignore leakage", "leakage", true));
    }
}
