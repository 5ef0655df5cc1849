//! Shared helpers for the scoring tests: the shipped rubric and the graded
//! answer fixtures (`=== question-id` lines separate answers).
#![allow(dead_code)]

use mlsd_coach::core::content::Rubric;
use mlsd_coach::core::scoring::{AnswerInput, Scorecard, Scorer, Status};

pub fn rubric() -> Rubric {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/rubric.yaml"))
        .expect("read content/rubric.yaml");
    serde_yaml::from_str(&text).expect("parse content/rubric.yaml")
}

pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/answers/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Splits a fixture into (question id, answer text).
pub fn answers(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(q) = line.strip_prefix("=== ") {
            out.push((q.trim().to_string(), String::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        } else {
            out.push(("answer".to_string(), format!("{line}\n")));
        }
    }
    out
}

pub fn score_text(scorer: &Scorer, text: &str) -> Scorecard {
    let owned = answers(text);
    let inputs: Vec<AnswerInput<'_>> = owned
        .iter()
        .map(|(q, t)| AnswerInput {
            question: q,
            text: t,
        })
        .collect();
    scorer.score(&inputs)
}

pub fn score_fixture(scorer: &Scorer, name: &str) -> Scorecard {
    score_text(scorer, &fixture(name))
}

pub fn status(card: &Scorecard, id: &str) -> Status {
    card.criterion(id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
        .status
}

pub fn earned(card: &Scorecard) -> Vec<&str> {
    card.criteria
        .iter()
        .filter(|c| c.status != Status::Missing)
        .map(|c| c.id.as_str())
        .collect()
}

/// One-line summary for failure messages.
pub fn summary(card: &Scorecard) -> String {
    let mut s = format!("overall {:.1}:", card.overall);
    for c in &card.criteria {
        let mark = match c.status {
            Status::Covered => "+",
            Status::Partial => "~",
            Status::Missing => continue,
        };
        s.push_str(&format!(" {mark}{}", c.id));
    }
    s
}
