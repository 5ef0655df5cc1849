//! Checks of a content pack that need the scorer: every example sentence a
//! scenario shows (key point examples, examples for general criteria) must
//! earn the criterion or key point it illustrates and raise no red flag, and
//! the scenario's exemplar answer must raise none either.

use super::Scorer;
use super::sentences::sentences;
use crate::core::content::Content;

/// A problem found, located by scenario id and field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentProblem {
    pub scenario: String,
    /// e.g. `key_points[2].example`.
    pub path: String,
    pub message: String,
}

pub fn check_examples(content: &Content) -> Vec<ContentProblem> {
    let mut out = Vec::new();
    for s in &content.scenarios {
        let scorer = Scorer::new(content, Some(s));
        let mut check = |path: String, target: &str, text: &str, must_earn: bool| {
            let (earned, flags) = scorer.sentence_targets(text);
            if must_earn && !earned.iter().any(|e| e == target) {
                out.push(ContentProblem {
                    scenario: s.id.clone(),
                    path: path.clone(),
                    message: format!(
                        "the example does not express `{target}`: add its wording to that \
                         target's evidence, or rephrase the example"
                    ),
                });
            }
            for f in flags {
                out.push(ContentProblem {
                    scenario: s.id.clone(),
                    path: path.clone(),
                    message: format!("the example raises the red flag `{f}`"),
                });
            }
        };
        for (i, k) in s.key_points.iter().enumerate() {
            check(format!("key_points[{i}].example"), &k.id, &k.example, true);
        }
        for (i, e) in s.examples.iter().enumerate() {
            // An example for a criterion that does not apply is reported by
            // validation; here only applicable ones must earn.
            let applies = s.not_applicable(&e.criterion).is_none()
                && content
                    .rubric
                    .criterion(&e.criterion)
                    .is_none_or(|c| c.applies(s.task_types()));
            check(format!("examples[{i}].text"), &e.criterion, &e.text, applies);
        }
        for sentence in sentences(&s.exemplar) {
            let (_, flags) = scorer.sentence_targets(sentence.text);
            for f in flags {
                out.push(ContentProblem {
                    scenario: s.id.clone(),
                    path: "exemplar".into(),
                    message: format!(
                        "the exemplar raises the red flag `{f}` at line {}: “{}”",
                        sentence.line, sentence.text
                    ),
                });
            }
        }
    }
    out
}
