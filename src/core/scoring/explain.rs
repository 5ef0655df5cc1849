//! Per-sentence explanations: what each sentence earned and why not more,
//! for a user who disputes a verdict (`score --explain`, the scorecard's
//! explain view).

use super::analyse::Verdict;
use super::compile::{Compiled, Kind};
use super::judge::{Outcome, Placed};
use super::sentences::clean_quote;

/// How one sentence was judged.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceReport {
    pub text: String,
    pub question: String,
    pub line: usize,
    pub verdict: Verdict,
    /// Criteria and key points it earned (ids).
    pub criteria: Vec<String>,
    /// `target/concept` for every concept earned.
    pub concepts: Vec<String>,
    /// Criteria and key points named only to decline them.
    pub declined: Vec<String>,
    /// Red flags it raised (ids).
    pub flags: Vec<String>,
    /// Why it earned nothing, or no more than it did (one line each).
    pub why_not_more: Vec<String>,
}

pub fn reports(c: &Compiled, placed: &[Placed<'_>], outcomes: &[Outcome]) -> Vec<SentenceReport> {
    placed
        .iter()
        .zip(outcomes)
        .map(|(p, o)| {
            let id = |t: u32| c.targets[t as usize].id.clone();
            let mut why = Vec::new();
            if o.verdict != Verdict::Substantive {
                why.push(o.verdict.reason().to_string());
            } else if o.earned.is_empty() && o.withheld.is_empty() {
                why.push("earns nothing on its own: it names only a qualifier (a number, a reason) or a mistake".to_string());
            }
            if o.generic {
                why.push(
                    "generic: nothing in it is specific to this prompt (its users, data, \
                     numbers), so criteria it touches are partial at most"
                        .to_string(),
                );
            }
            if o.hedged {
                why.push(
                    "hedged: it names the topic but leaves the decision open (\"maybe\", \
                     \"it depends\", \"whether A or B\"), so partial at most"
                        .to_string(),
                );
            }
            for (t, reason) in &o.withheld {
                why.push(format!("{}: {reason}", c.targets[*t as usize].label));
            }
            for f in &o.flags {
                why.push(format!("red flag: {}", c.targets[*f as usize].label));
            }
            if let Some(s) = &o.slip {
                why.push(format!(
                    "red flag: an estimate that does not add up ({}, not {})",
                    s.worked, s.said
                ));
            }
            if !o.declined.is_empty() && o.verdict == Verdict::Substantive {
                let names: Vec<&str> = o
                    .declined
                    .iter()
                    .map(|t| c.targets[*t as usize].label.as_str())
                    .collect();
                why.push(format!("declined, so not credited: {}", names.join("; ")));
            }
            SentenceReport {
                text: clean_quote(p.text),
                question: p.question.to_string(),
                line: p.line,
                verdict: o.verdict,
                criteria: o.earned.iter().map(|(t, _)| id(*t)).collect(),
                concepts: o
                    .earned
                    .iter()
                    .flat_map(|(t, cs)| {
                        let tg = &c.targets[*t as usize];
                        cs.iter()
                            .map(move |k| format!("{}/{}", tg.id, tg.concepts[*k as usize].name))
                    })
                    .collect(),
                declined: o
                    .declined
                    .iter()
                    .filter(|t| c.targets[**t as usize].kind != Kind::Flag)
                    .map(|t| id(*t))
                    .collect(),
                flags: o
                    .flags
                    .iter()
                    .map(|t| id(*t))
                    .chain(o.slip.as_ref().map(|_| super::arith::FLAG_ID.to_string()))
                    .collect(),
                why_not_more: why,
            }
        })
        .collect()
}
