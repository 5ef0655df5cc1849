//! `score FILE [--prompt TEXT] [--scenario ID] [--format text|json]`.
//!
//! FILE is Markdown or plain text (or `-` for stdin), scored as the single
//! answer `answer`, or a saved session file (recognised by its
//! `schema_version:` line), scored answer by answer.

use super::{Format, GlobalArgs};
use crate::core::content::{Content, Scenario};
use crate::core::report::text::{self, TextOptions};
use crate::core::scoring::{AnswerInput, Scorecard, Scorer};
use crate::core::session::{SCHEMA_VERSION, Session};
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// What was read from FILE.
#[derive(Debug)]
pub enum Input {
    /// A free-form document: one answer.
    Document(String),
    /// A saved session.
    Session(Box<Session>),
}

/// Reads FILE (`-` = stdin) and recognises a saved session. Errors name
/// the file and what is wrong with it.
pub fn read_input(file: &Path) -> Result<Input, String> {
    let name = file.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    let name = if name == "-" {
        "standard input".to_string()
    } else {
        name
    };
    // Text with a stray bad byte is fine; a binary file is not an answer.
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|b| **b == 0).count();
    if nul > 0 && nul * 100 > head.len() {
        return Err(format!("{name} does not look like text (binary data)"));
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if looks_like_session(&text) {
        let session: Session = serde_yaml::from_str(&text)
            .map_err(|e| format!("{name} looks like a saved session but cannot be read: {e}"))?;
        if session.schema_version > SCHEMA_VERSION {
            return Err(format!(
                "{name} was written by a newer mlsd-coach (schema {}, this one reads up to {SCHEMA_VERSION})",
                session.schema_version
            ));
        }
        return Ok(Input::Session(Box::new(session)));
    }
    Ok(Input::Document(text))
}

fn looks_like_session(text: &str) -> bool {
    text.lines()
        .take(50)
        .any(|l| l.starts_with("schema_version:"))
}

/// The scenario whose title and prompt share the most words with `prompt`
/// (none when nothing meaningful overlaps).
pub fn closest_scenario<'c>(content: &'c Content, prompt: &str) -> Option<&'c Scenario> {
    use std::collections::HashSet;
    use unicode_segmentation::UnicodeSegmentation;
    const SKIP: &[&str] = &[
        "a", "an", "the", "for", "of", "to", "and", "in", "on", "at", "with", "design", "system",
        "build", "ml", "machine", "learning", "model", "we", "you", "your", "our", "how", "would",
        "company", "i", "is", "are", "that", "this", "it", "be", "by",
    ];
    let words = |s: &str| -> HashSet<String> {
        s.unicode_words()
            .map(|w| w.to_lowercase())
            .map(|w| w.trim_end_matches('s').to_string())
            .filter(|w| w.len() > 1 && !SKIP.contains(&w.as_str()))
            .collect()
    };
    let p = words(prompt);
    if p.is_empty() {
        return None;
    }
    let mut best: Option<(f32, &Scenario)> = None;
    for s in &content.scenarios {
        let title = words(&s.title);
        let body = words(&format!(
            "{} {} {}",
            s.id.replace('-', " "),
            s.prompt,
            s.domain
        ));
        let hits = p
            .iter()
            .filter(|w| body.contains(*w) || title.contains(*w))
            .count() as f32
            + p.iter().filter(|w| title.contains(*w)).count() as f32;
        let score = hits / (p.len() as f32).sqrt();
        if hits > 0.0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, s));
        }
    }
    best.map(|(_, s)| s)
}

/// The scorecard as the one JSON object `score --format json` prints.
pub fn scorecard_json(
    card: &Scorecard,
    scenario: Option<&Scenario>,
    rubric_version: &str,
) -> serde_json::Value {
    use serde_json::json;
    let r1 = |x: f32| (x as f64 * 10.0).round() / 10.0;
    json!({
        "overall": r1(card.overall),
        "scenario": scenario.map(|s| s.id.as_str()),
        "rubric_version": rubric_version,
        "areas": card.areas.iter().map(|a| json!({
            "id": a.id,
            "title": a.title,
            "score": r1(a.score),
            "weight": a.weight,
            "covered": a.covered,
            "partial": a.partial,
            "missing": a.missing,
        })).collect::<Vec<_>>(),
        "criteria": card.criteria.iter().map(|c| json!({
            "id": c.id,
            "area": c.area,
            "label": c.label,
            "status": c.status.as_str(),
            "weight": c.weight,
            "evidence": c.evidence.iter().map(|e| json!({
                "quote": e.quote,
                "line": e.line,
                "question": e.question,
                "concepts": e.concepts,
            })).collect::<Vec<_>>(),
            "missing_concepts": c.missing_concepts,
        })).collect::<Vec<_>>(),
        "gaps": card.gaps.iter().map(|g| json!({
            "criterion": g.criterion,
            "area": g.area,
            "label": g.label,
            "status": g.status.as_str(),
            "worth": r1(g.worth),
            "why": g.why,
            "hint": g.hint,
            "source": g.source,
        })).collect::<Vec<_>>(),
    })
}

pub fn run(
    g: &GlobalArgs,
    file: &Path,
    prompt: Option<&str>,
    scenario: Option<&str>,
    format: Format,
) -> ExitCode {
    let content = match super::load_content(g) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let input = match read_input(file) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    // The scenario: --scenario, else the session's, else the closest to --prompt.
    let chosen: Option<&Scenario> = match scenario {
        Some(id) => match content.scenario(id) {
            Some(s) => Some(s),
            None => {
                let known: Vec<&str> = content.scenarios.iter().map(|s| s.id.as_str()).collect();
                eprintln!(
                    "error: unknown scenario '{id}' (known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                );
                return ExitCode::from(2);
            }
        },
        None => match &input {
            Input::Session(s) => {
                let found = content.scenario(&s.scenario);
                if found.is_none() {
                    eprintln!(
                        "warning: the session's scenario '{}' is not in this content pack; scoring against the rubric alone",
                        s.scenario
                    );
                }
                found
            }
            Input::Document(_) => prompt.and_then(|p| closest_scenario(&content, p)),
        },
    };
    let scorer = Scorer::new(&content.rubric, chosen);
    let card = match &input {
        Input::Document(text) => scorer.score(&[AnswerInput {
            question: "answer",
            text,
        }]),
        Input::Session(s) => {
            let answers: Vec<AnswerInput<'_>> = s
                .answers
                .iter()
                .map(|a| AnswerInput {
                    question: &a.question,
                    text: &a.text,
                })
                .collect();
            scorer.score(&answers)
        }
    };
    match format {
        Format::Json => {
            let v = scorecard_json(&card, chosen, &content.rubric.version);
            super::print_out(&format!("{v}\n"))
        }
        Format::Text => {
            let title = match (&input, chosen) {
                (Input::Session(s), Some(sc)) => Some(format!("Session {} — {}", s.id, sc.title)),
                (Input::Session(s), None) => Some(format!("Session {}", s.id)),
                (Input::Document(_), Some(sc)) => Some(format!("Scenario: {}", sc.title)),
                (Input::Document(_), None) => None,
            };
            let opts = TextOptions {
                title,
                ..TextOptions::default()
            };
            super::print_out(&text::scorecard(&card, &opts))
        }
    }
}
