//! Estimates an interviewer checks: a result announced from two figures
//! ("at 1.8% a month, that's about 10,800") that slipped by a power of
//! ten is flagged with the figure worked through, and its sentence earns
//! nothing; right estimates, and figures that are no calculation, are
//! left alone. Also measured on spoken estimates written blind
//! (`tests/fixtures/arith/estimates.yaml`).

use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::scoring::{AnswerInput, Scorecard, Scorer};

fn score(scorer: &Scorer, text: &str) -> Scorecard {
    scorer.score(&[AnswerInput {
        question: "answer",
        text,
    }])
}

fn slipped(card: &Scorecard) -> bool {
    card.flags.iter().any(|f| f.id == "numbers-dont-add-up")
}

#[test]
fn an_estimate_off_by_ten_is_worked_through_and_earns_nothing() {
    let content = load_embedded();
    let s = content.scenario("harmful-content").expect("shipped scenario");
    let scorer = Scorer::new(&content, Some(s));
    let wrong = "At 0.3% of 30 million posts a day that's about 9,000 violating posts a day, \
                 so moderators can review every post the model flags.";
    let right = "At 0.3% of 30 million posts a day that's about 90,000 violating posts a day, \
                 so moderators cannot review every post the model flags.";
    let (w, r) = (score(&scorer, wrong), score(&scorer, right));
    assert!(slipped(&w), "{:?}", w.flags);
    assert!(!slipped(&r), "{:?}", r.flags);
    let f = w
        .flags
        .iter()
        .find(|f| f.id == "numbers-dont-add-up")
        .unwrap();
    assert!(f.why.contains("90,000") && f.why.contains("10×"), "{}", f.why);
    assert_eq!(f.line, 1);
    assert!(w.overall < r.overall, "{} vs {}", w.overall, r.overall);
    assert!(w.penalty > r.penalty);
}
