//! Rubric echo: a sentence that copies the rubric's own words (criterion
//! labels, hints, gap texts, questions, key points' hints and examples,
//! red flags' advice) earns nothing, however well it would match.
//!
//! The rubric's texts are cut into shingles of `N` consecutive content
//! stems; a sentence echoes when most of its content words sit in shingles
//! the rubric has.

use super::words::{Lexicon, STOP, Tok, UNKNOWN, english_stemmer, stem_word};
use std::collections::HashSet;
use unicode_segmentation::UnicodeSegmentation;

/// Content words per shingle.
const N: usize = 4;
/// A sentence echoes when at least this share of its content words is
/// covered by shingles of the rubric…
const SHARE: f32 = 0.7;
/// …at least this many of them (two overlapping shingles: a shared
/// four-word term such as "false positive false negative" is not a copy)…
const MIN_COVERED: usize = N + 1;
/// …and it has at least this many content words.
const MIN_WORDS: usize = 5;

/// The shingles of a text.
fn shingles(lexicon: &mut Lexicon, text: &str) -> Vec<[u32; N]> {
    let stemmer = english_stemmer();
    let stems: Vec<u32> = text
        .unicode_words()
        .map(|w| stem_word(&stemmer, w))
        .filter(|(_, f)| f & STOP == 0)
        .map(|(s, _)| lexicon.intern(&s))
        .collect();
    stems
        .windows(N)
        .map(|w| {
            let mut k = [0u32; N];
            k.copy_from_slice(w);
            k
        })
        .collect()
}

#[derive(Debug, Default)]
pub struct Echo {
    shingles: HashSet<[u32; N]>,
}

impl Echo {
    /// Adds one of the rubric's texts.
    pub fn add(&mut self, lexicon: &mut Lexicon, text: &str) {
        self.shingles.extend(shingles(lexicon, text));
    }

    /// Takes back what a text the user is given says (the prompt, its
    /// context, the client's facts): restating the facts of the case is
    /// engaging with it, not copying the coach, even where a key point's
    /// explanation repeats them.
    pub fn allow(&mut self, lexicon: &mut Lexicon, text: &str) {
        for k in shingles(lexicon, text) {
            self.shingles.remove(&k);
        }
    }

    /// Does a sentence (its tokens) copy the rubric?
    pub fn echoes(&self, toks: &[Tok]) -> bool {
        let content: Vec<u32> = toks.iter().filter(|t| !t.is_stop()).map(|t| t.id).collect();
        if content.len() < MIN_WORDS {
            return false;
        }
        let mut covered = vec![false; content.len()];
        for (i, w) in content.windows(N).enumerate() {
            if w.contains(&UNKNOWN) {
                continue;
            }
            let mut k = [0u32; N];
            k.copy_from_slice(w);
            if self.shingles.contains(&k) {
                covered[i..i + N].iter_mut().for_each(|c| *c = true);
            }
        }
        let n = covered.iter().filter(|c| **c).count();
        n >= MIN_COVERED && n as f32 >= SHARE * content.len() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::WordCache;
    use super::*;

    #[test]
    fn copied_hints_echo_and_own_words_do_not() {
        let mut lex = Lexicon::default();
        let mut echo = Echo::default();
        echo.add(
            &mut lex,
            "Say who suffers today and what it costs, and set a measurable goal.",
        );
        let mut cache = WordCache::default();
        let copied = cache.tokens(
            &lex,
            "First, say who suffers today and what it costs, then set a measurable goal.",
        );
        assert!(echo.echoes(&copied));
        let own = cache.tokens(
            &lex,
            "Fraud costs us 0.3% of volume and the rules block good customers.",
        );
        assert!(!echo.echoes(&own));
    }
}
