//! Checks of a content pack that need the scorer: every example sentence a
//! scenario shows (key point examples, examples for general criteria) must
//! earn the criterion or key point it illustrates and raise no red flag, and
//! the scenario's exemplar answer must raise none either, nor copy the
//! rubric's or key points' own wording (it would earn nothing).

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
            let got = scorer.sentence_targets(text);
            if must_earn && !got.earned.iter().any(|e| e == target) {
                out.push(ContentProblem {
                    scenario: s.id.clone(),
                    path: path.clone(),
                    message: format!(
                        "the example does not express `{target}`: add its wording to that \
                         target's evidence, or rephrase the example"
                    ),
                });
            }
            for f in got.flags {
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
            check(
                format!("examples[{i}].text"),
                &e.criterion,
                &e.text,
                applies,
            );
        }
        for sentence in sentences(&s.exemplar) {
            let got = scorer.sentence_targets(sentence.text);
            if got.echo {
                out.push(ContentProblem {
                    scenario: s.id.clone(),
                    path: "exemplar".into(),
                    message: format!(
                        "line {} copies a key point's or the rubric's own wording (so it \
                         would earn nothing): say it differently in the exemplar or the key \
                         point: “{}”",
                        sentence.line, sentence.text
                    ),
                });
            }
            for f in got.flags {
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
