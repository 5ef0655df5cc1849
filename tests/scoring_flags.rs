//! Red flags fire on the mistake and not on the sentence that names the
//! trap in order to handle it: a plain remedy ("so we reweight…", "…but
//! they get closed, so we rank by watching") must stay unflagged, and the
//! bare mistake must still be caught.

use mlsd_coach::core::content::{Content, load_embedded};
use mlsd_coach::core::scoring::{AnswerInput, Scorer};

fn flags(c: &Content, scenario: &str, text: &str) -> Vec<String> {
    let s = c.scenario(scenario).expect("scenario");
    Scorer::new(c, Some(s))
        .score(&[AnswerInput {
            question: "answer",
            text,
        }])
        .flags
        .into_iter()
        .map(|f| f.id)
        .collect()
}

#[test]
fn remedies_in_plain_words_are_not_flagged() {
    let c = load_embedded();
    let cases = [
        (
            "video-recommendation",
            "Training examples come from our own recommendations, so each one is reweighted by \
             how likely it was to be shown.",
        ),
        (
            "video-recommendation",
            "Flashy thumbnails earn clicks but get closed fast, so we rank by how long people keep \
             watching.",
        ),
        (
            "product-search-marketplace",
            "For a small share of searches we swap neighbouring results at random to measure how \
             much the position alone drives clicks.",
        ),
    ];
    for (scenario, text) in cases {
        let got = flags(&c, scenario, text);
        assert!(got.is_empty(), "{scenario}: {text:?} flagged {got:?}");
    }
}

#[test]
fn the_bare_mistakes_are_still_flagged() {
    let c = load_embedded();
    let cases = [
        (
            "video-recommendation",
            "We retrain each night on our own recommendations as the positives.",
            "own-predictions-as-labels",
        ),
        (
            "video-recommendation",
            "The objective is simple: maximise clicks on the home feed.",
            "optimise-clicks",
        ),
    ];
    for (scenario, text, id) in cases {
        let got = flags(&c, scenario, text);
        assert!(
            got.iter().any(|f| f == id),
            "{scenario}: {text:?} should raise {id}, got {got:?}"
        );
    }
}
