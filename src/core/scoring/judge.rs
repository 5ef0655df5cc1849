//! Judging sentences in their place: which of them earn what, for which
//! criteria and key points, and which red flags stand.
//!
//! In order, a sentence earns nothing when it is a heading, repeats an
//! earlier one, copies the rubric, defers, is about another prompt or lacks
//! substance. Otherwise it earns its concepts that are not declined, except
//! a lone qualifier ("because…" with nothing of the same target), a
//! client-area criterion outside a question that voices the client, and
//! anything at all when it raises a red flag. Whether a sentence
//! engages with the prompt (tailored) is kept with what it earns.

use super::analyse::{Analysis, Verdict};
use super::compile::{Compiled, Kind};
use super::types::Status;

/// A sentence naming this many key points or more, in fewer than
/// `SUMMARY_WORDS_PER_POINT` words for each, is a summary: each key point
/// is at most partial from it.
const SUMMARY_KEY_POINTS: usize = 3;
const SUMMARY_WORDS_PER_POINT: usize = 8;

/// A sentence of the answers, where it was written.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub question: &'a str,
    pub line: usize,
    pub text: &'a str,
    pub heading: bool,
}

/// What one sentence earned, and why not more.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Targets earned, each with the concepts earned.
    pub earned: Vec<(u32, Vec<u16>)>,
    /// It earned, but could be said of any prompt.
    pub generic: bool,
    /// It earned, but hedges ("maybe", "it depends"): partial at most.
    pub hedged: bool,
    /// Targets named only to decline them.
    pub declined: Vec<u32>,
    /// Red flags it raised.
    pub flags: Vec<u32>,
    /// Its estimate slipped by a power of ten (and it raised no red flag).
    pub slip: Option<super::arith::Slip>,
    /// Targets it matched but may not earn here, with the reason.
    pub withheld: Vec<(u32, &'static str)>,
}

/// A sentence that contributed to a target.
#[derive(Debug, Clone)]
pub struct Contribution {
    pub sentence: usize,
    pub concepts: Vec<u16>,
    pub tailored: bool,
}

/// Everything the aggregation needs.
#[derive(Debug, Default)]
pub struct Tally {
    /// Per target: which concepts were earned.
    pub earned: Vec<Vec<bool>>,
    /// Per target: a sentence that engages with the prompt contributed.
    pub tailored: Vec<bool>,
    pub evidence: Vec<Vec<Contribution>>,
    /// Each raised flag once: (flag target, sentence).
    pub flags: Vec<(u32, usize)>,
    /// First sentence that copies the rubric.
    pub echo: Option<usize>,
    /// First sentence that defers.
    pub deferral: Option<usize>,
    /// First sentence that hedges and would otherwise have earned.
    pub hedge: Option<usize>,
    /// First earning sentence that could be said of any prompt.
    pub generic: Option<usize>,
    pub outcomes: Vec<Outcome>,
    /// The client spoke: a question that voices the client, a curveball or
    /// a clarifying question is among the inputs (answered or not).
    pub client_spoke: bool,
    pub counts: Counts,
    /// Every distinct word the answers use (outside headings).
    pub words: std::collections::HashSet<u32>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Sentences that earned something.
    pub earning: usize,
    /// …of which engage with the prompt.
    pub tailored: usize,
    pub off_prompt: usize,
    pub deferrals: usize,
    /// Sentences that would have earned but hedge ("maybe", "it depends").
    pub hedges: usize,
    pub echoes: usize,
    /// Sentences that string terms or names together without saying
    /// anything about them (lists, keyword strings, sweeping summaries).
    pub strings: usize,
    /// Sentences that are not headings or repeats.
    pub sentences: usize,
    /// Their words, and the product or model names among them.
    pub words: usize,
    pub names: usize,
}

/// Is a question one where the client speaks?
pub fn voices_client(c: &Compiled, question: &str) -> bool {
    question.starts_with("curveball:")
        || question.starts_with("client:")
        || c.client_questions.iter().any(|q| q == question)
}

pub fn judge(
    c: &Compiled,
    placed: &[Placed<'_>],
    analyses: &[&Analysis],
    client_spoke: bool,
) -> Tally {
    let n = c.targets.len();
    let mut t = Tally {
        earned: c
            .targets
            .iter()
            .map(|x| vec![false; x.concepts.len()])
            .collect(),
        tailored: vec![false; n],
        evidence: vec![Vec::new(); n],
        client_spoke,
        ..Tally::default()
    };
    let mut seen: Vec<u64> = Vec::with_capacity(placed.len());
    for (i, (p, a)) in placed.iter().zip(analyses).enumerate() {
        let mut out = Outcome {
            verdict: a.verdict,
            earned: Vec::new(),
            generic: false,
            hedged: false,
            declined: Vec::new(),
            flags: Vec::new(),
            slip: None,
            withheld: Vec::new(),
        };
        if !p.heading {
            t.words.extend(a.stems.iter().copied());
        }
        if p.heading {
            out.verdict = Verdict::Heading;
            t.outcomes.push(out);
            continue;
        }
        if seen.contains(&a.key) {
            out.verdict = Verdict::Repeat;
            t.outcomes.push(out);
            continue;
        }
        seen.push(a.key);
        t.counts.sentences += 1;
        t.counts.words += a.words as usize;
        t.counts.names += a.names as usize;
        if matches!(
            a.verdict,
            Verdict::KeywordDense | Verdict::List | Verdict::TooBroad
        ) {
            t.counts.strings += 1;
        }
        // Red flags stand whatever else the sentence is (a wrong statement
        // in a list is still wrong), except in a copy of the rubric.
        if a.verdict != Verdict::Echo {
            for &f in &a.flags {
                out.flags.push(f);
                if !t.flags.iter().any(|(x, _)| *x == f) {
                    t.flags.push((f, i));
                }
            }
            // A sentence already charged with a red flag is not charged
            // again for the figure in it.
            if a.flags.is_empty() {
                out.slip = a.slip.as_deref().cloned();
            }
        }
        match a.verdict {
            Verdict::Echo => {
                t.counts.echoes += 1;
                t.echo.get_or_insert(i);
            }
            Verdict::Deferral => {
                t.counts.deferrals += 1;
                t.deferral.get_or_insert(i);
            }
            Verdict::OffPrompt => t.counts.off_prompt += 1,
            _ => {}
        }
        out.declined = a
            .concepts
            .iter()
            .filter(|x| x.declined)
            .map(|x| x.target)
            .collect();
        out.declined.dedup();
        if a.verdict != Verdict::Substantive {
            t.outcomes.push(out);
            continue;
        }
        let client = voices_client(c, p.question);
        let tailored = !c.vocab.active || a.fit.tailored();
        let mut k = 0;
        let live: Vec<_> = a.concepts.iter().filter(|x| !x.declined).collect();
        // A sentence that names three or more of the prompt's key points
        // in a few words is a summary or a list ("fast, personal, fresh and
        // safe"): it shows the candidate knows the points, not how they
        // would meet them, so each is at most partial from it.
        let mut key_points: Vec<u32> = live
            .iter()
            .filter(|x| {
                let tg = &c.targets[x.target as usize];
                tg.kind == Kind::KeyPoint && !tg.concepts[x.concept as usize].qualifier
            })
            .map(|x| x.target)
            .collect();
        key_points.dedup();
        let words = p.text.split_whitespace().count();
        let summary = key_points.len() >= SUMMARY_KEY_POINTS
            && words < SUMMARY_WORDS_PER_POINT * key_points.len();
        while k < live.len() {
            let target = live[k].target;
            let mut j = k;
            while j < live.len() && live[j].target == target {
                j += 1;
            }
            let concepts: Vec<u16> = live[k..j].iter().map(|x| x.concept).collect();
            k = j;
            let tg = &c.targets[target as usize];
            if concepts.iter().all(|&x| tg.concepts[x as usize].qualifier) {
                continue;
            }
            if tg.client_only && !client {
                out.withheld
                    .push((target, "only counts in answers to the client"));
                continue;
            }
            // A sentence with a mistake in it is not evidence of knowing the
            // topic, whichever it touches: an interviewer marks the mistake
            // and credits nothing of that sentence.
            if !a.flags.is_empty() {
                out.withheld
                    .push((target, "the sentence gets it wrong (see the red flag)"));
                continue;
            }
            if out.slip.is_some() {
                out.withheld
                    .push((target, "the sentence's estimate is off by a power of ten"));
                continue;
            }
            for &x in &concepts {
                t.earned[target as usize][x as usize] = true;
            }
            // A key point is earned only by a sentence about this prompt
            // (a generic checklist line cannot land one by sharing words).
            if tg.kind == Kind::KeyPoint && !tailored {
                out.withheld
                    .push((target, "nothing in the sentence is specific to this prompt"));
                continue;
            }
            // A hedge lands nothing in full: it names the topic and leaves
            // the decision open.
            let tail = tailored
                && !a.hedged
                && !(tg.kind == Kind::KeyPoint && (summary || a.dismissive || a.restates));
            t.tailored[target as usize] |= tail;
            t.evidence[target as usize].push(Contribution {
                sentence: i,
                concepts: concepts.clone(),
                tailored: tail,
            });
            out.earned.push((target, concepts));
        }
        if !out.earned.is_empty() {
            t.counts.earning += 1;
            if a.hedged {
                out.hedged = true;
                t.counts.hedges += 1;
                t.hedge.get_or_insert(i);
            }
            if tailored {
                t.counts.tailored += 1;
            } else {
                t.generic.get_or_insert(i);
                out.generic = out
                    .earned
                    .iter()
                    .any(|(x, _)| c.targets[*x as usize].kind == Kind::Criterion);
            }
        }
        t.outcomes.push(out);
    }
    t
}

impl Tally {
    /// Raises a target to at least `status`, citing the clarifying
    /// questions asked (`client:ask`) as its evidence.
    pub fn grant(&mut self, c: &Compiled, target: usize, status: Status, placed: &[Placed<'_>]) {
        let tg = &c.targets[target];
        let n = match status {
            Status::Covered => tg.concepts.len(),
            Status::Partial => 1,
            Status::Missing => 0,
        };
        let mut given = 0;
        for (k, concept) in tg.concepts.iter().enumerate() {
            if given >= n {
                break;
            }
            if !concept.qualifier || n == tg.concepts.len() {
                self.earned[target][k] = true;
                given += 1;
            }
        }
        if n == 0 {
            return;
        }
        self.tailored[target] = true;
        for (i, p) in placed.iter().enumerate() {
            if p.question == "client:ask" && !self.evidence[target].iter().any(|x| x.sentence == i)
            {
                self.evidence[target].push(Contribution {
                    sentence: i,
                    concepts: Vec::new(),
                    tailored: true,
                });
            }
        }
    }
}
