//! The scoring engine: answers in, a scorecard out.
//!
//! A [`Scorer`] is compiled once per rubric and scenario (`compile`). To
//! score, the answers are split into sentences (`sentences`); each sentence
//! is analysed on its own — words (`words`), matches (`matcher`), declines
//! (`negation`), deferrals and vetoes (`markers`), fit with the prompt
//! (`vocab`), copies of the rubric (`echo`), substance (`analyse`) — and
//! the analysis is cached by text, so re-scoring after a keystroke only
//! analyses the sentence that changed. The sentences are then judged in
//! their place (`judge`) and the results aggregated into a scorecard
//! (`aggregate`); `explain` says per sentence what it earned and why not
//! more.

mod aggregate;
mod analyse;
mod arith;
mod check;
mod clause_table;
mod compile;
mod echo;
mod explain;
mod fold;
mod formulas;
mod judge;
mod literals;
mod markers;
mod matcher;
mod negation;
pub mod sentences;
pub mod types;
mod vocab;
mod words;

pub use analyse::Verdict;
pub use check::{ContentProblem, check_examples};
pub use explain::SentenceReport;
pub use matcher::check_pattern;
pub use types::*;

use crate::core::content::{Content, Rubric, Scenario};
use analyse::{Analysis, analyse};
use compile::{Compiled, Subject};
use judge::Placed;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use words::{Lexicon, WordCache};

/// Sentences analysed and kept between calls; past this many the cache is
/// emptied (pasted noise must not grow it without bound).
const ANALYSES_LIMIT: usize = 50_000;

/// A prompt picks a scenario when at least this share of its distinctive
/// words are the scenario's…
const INFER_MIN: f32 = 0.34;

struct Cache {
    words: WordCache,
    analyses: HashMap<Box<str>, Arc<Analysis>>,
}

/// A compiled rubric (and scenario), ready to score answers.
pub struct Scorer {
    c: Compiled,
    cache: Mutex<Cache>,
}

impl Scorer {
    /// A scorer for a scenario of a content pack (the general rubric when
    /// `scenario` is `None`).
    pub fn new(content: &Content, scenario: Option<&Scenario>) -> Scorer {
        let subject = match scenario {
            Some(s) => Subject::Scenario(s),
            None => Subject::None,
        };
        Scorer::compile(&content.rubric, &content.scenarios, subject)
    }

    /// A scorer for a free prompt: the scenario it is about when one
    /// matches, else the general rubric with the prompt's words for fit.
    /// Returns the scenario chosen.
    pub fn for_prompt<'a>(content: &'a Content, prompt: &str) -> (Scorer, Option<&'a Scenario>) {
        match infer_scenario(content, prompt) {
            Some(s) => (Scorer::new(content, Some(s)), Some(s)),
            None => (
                Scorer::compile(&content.rubric, &content.scenarios, Subject::Prompt(prompt)),
                None,
            ),
        }
    }

    fn compile(rubric: &Rubric, all: &[Scenario], subject: Subject<'_>) -> Scorer {
        Scorer {
            c: Compiled::new(rubric, all, subject),
            cache: Mutex::new(Cache {
                words: WordCache::default(),
                analyses: HashMap::new(),
            }),
        }
    }

    /// Empties the caches, this thread's stems included (benchmarks of a
    /// cold score use it).
    pub fn clear_cache(&self) {
        words::clear_stem_memo();
        let mut cache = self.lock();
        cache.words.clear();
        cache.analyses.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A panic while holding the lock leaves only a cache behind.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The sentences of the answers and their analyses.
    fn analysed<'a>(
        &self,
        answers: &'a [AnswerInput<'a>],
    ) -> (Vec<Placed<'a>>, Vec<Arc<Analysis>>) {
        let mut placed = Vec::new();
        for a in answers {
            for s in sentences::sentences(a.text) {
                placed.push(Placed {
                    question: a.question,
                    line: s.line,
                    text: s.text,
                    heading: s.heading,
                });
            }
        }
        let mut cache = self.lock();
        if cache.analyses.len() > ANALYSES_LIMIT {
            cache.analyses.clear();
        }
        let Cache { words, analyses } = &mut *cache;
        let out = placed
            .iter()
            .map(|p| {
                if let Some(a) = analyses.get(p.text) {
                    return Arc::clone(a);
                }
                let a = Arc::new(analyse(&self.c, words, p.text));
                analyses.insert(p.text.into(), Arc::clone(&a));
                a
            })
            .collect();
        (placed, out)
    }

    /// Did the client speak? An input under a question that voices the
    /// client (a client-area question, `curveball:*`, `client:*`), even an
    /// empty one, means the client area can be judged.
    fn client_spoke(&self, answers: &[AnswerInput<'_>]) -> bool {
        answers
            .iter()
            .any(|a| judge::voices_client(&self.c, a.question))
    }

    /// Scores answers. The client area counts only when the client spoke
    /// (see `client_spoke`); otherwise it is shown as not asked.
    pub fn score(&self, answers: &[AnswerInput<'_>]) -> Scorecard {
        self.score_with(answers, &[])
    }

    /// Scores answers, with criteria whose status is known from elsewhere
    /// (a mock's key facts asked for): each is at least that status, with
    /// the sentences written under `client:ask` as its evidence.
    pub fn score_with(&self, answers: &[AnswerInput<'_>], known: &[(&str, Status)]) -> Scorecard {
        let (placed, analyses) = self.analysed(answers);
        let refs: Vec<&Analysis> = analyses.iter().map(|a| a.as_ref()).collect();
        let mut tally = judge::judge(&self.c, &placed, &refs, self.client_spoke(answers));
        for &(id, status) in known {
            if let Some(t) = self.c.target_index(id) {
                tally.grant(&self.c, t as usize, status, &placed);
            }
        }
        aggregate::aggregate(&self.c, &placed, &tally)
    }

    /// How each sentence of the answers was judged.
    pub fn explain(&self, answers: &[AnswerInput<'_>]) -> Vec<SentenceReport> {
        let (placed, analyses) = self.analysed(answers);
        let refs: Vec<&Analysis> = analyses.iter().map(|a| a.as_ref()).collect();
        let tally = judge::judge(&self.c, &placed, &refs, self.client_spoke(answers));
        explain::reports(&self.c, &placed, &tally.outcomes)
    }

    /// What one sentence expresses on its own, whatever its place or
    /// wording (content validation checks example sentences with it): the
    /// ids of the criteria and key points whose concepts it names without
    /// declining them, and of the red flags it raises.
    pub fn sentence_targets(&self, text: &str) -> SentenceCheck {
        let a = {
            let mut cache = self.lock();
            analyse(&self.c, &mut cache.words, text)
        };
        let id = |t: u32| self.c.targets[t as usize].id.clone();
        let mut earned: Vec<String> = a
            .concepts
            .iter()
            .filter(|x| !x.declined)
            .map(|x| id(x.target))
            .collect();
        earned.dedup();
        SentenceCheck {
            earned,
            flags: a.flags.iter().map(|&t| id(t)).collect(),
            echo: a.verdict == Verdict::Echo,
        }
    }
}

/// What a sentence expresses on its own (see [`Scorer::sentence_targets`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceCheck {
    /// Criteria and key points named and not declined.
    pub earned: Vec<String>,
    /// Red flags raised.
    pub flags: Vec<String>,
    /// It copies the rubric's or the scenario's own texts.
    pub echo: bool,
}

/// The scenario a free prompt is about, if one clearly is.
pub fn infer_scenario<'a>(content: &'a Content, prompt: &str) -> Option<&'a Scenario> {
    let mut lexicon = Lexicon::default();
    let asked = vocab::Vocab::new(
        &mut lexicon,
        prompt,
        None,
        &content.scenarios,
        &content.rubric,
    );
    let mut best: Option<(f32, &Scenario)> = None;
    for s in &content.scenarios {
        let v = vocab::Vocab::of_scenario(&mut lexicon, s, &content.scenarios, &content.rubric);
        let o = asked.overlap(&v);
        if best.is_none_or(|(b, _)| o > b) {
            best = Some((o, s));
        }
    }
    best.filter(|(o, _)| *o >= INFER_MIN).map(|(_, s)| s)
}

/// A set of phrases matched the way evidence phrases are (normalised,
/// stemmed, small gaps allowed). Used to match a clarifying question
/// against a fact's `unlocked_by` phrases.
pub struct PhraseSet {
    lexicon: Lexicon,
    matcher: matcher::Matcher,
    len: usize,
    words: Mutex<WordCache>,
}

impl PhraseSet {
    pub fn new(phrases: &[String]) -> PhraseSet {
        let mut lexicon = Lexicon::default();
        let mut matcher = matcher::Matcher::default();
        for (i, p) in phrases.iter().enumerate() {
            matcher.add_phrase(&mut lexicon, p, i as u32);
        }
        matcher.finish();
        PhraseSet {
            lexicon,
            matcher,
            len: phrases.len(),
            words: Mutex::new(WordCache::default()),
        }
    }

    /// How many distinct phrases of the set the text matches.
    pub fn count_matches(&self, text: &str) -> usize {
        let mut words = self.words.lock().unwrap_or_else(|e| e.into_inner());
        let mut matched = vec![false; self.len];
        let mut hits = Vec::new();
        for s in sentences::sentences(text) {
            let toks = words.tokens(&self.lexicon, s.text);
            hits.clear();
            self.matcher.find(s.text, &toks, &mut hits);
            for h in &hits {
                if let Some(m) = matched.get_mut(h.owner as usize) {
                    *m = true;
                }
            }
        }
        matched.iter().filter(|m| **m).count()
    }
}
