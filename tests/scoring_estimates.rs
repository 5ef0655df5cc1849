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
    let s = content
        .scenario("harmful-content")
        .expect("shipped scenario");
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
    assert!(
        f.why.contains("90,000") && f.why.contains("10×"),
        "{}",
        f.why
    );
    assert_eq!(f.line, 1);
    assert!(w.overall < r.overall, "{} vs {}", w.overall, r.overall);
    assert!(w.penalty > r.penalty);
}

#[derive(serde::Deserialize)]
struct Estimate {
    text: String,
    right: bool,
    #[serde(default)]
    slip: Option<f64>,
}

#[test]
fn spoken_estimates_written_blind() {
    let all: Vec<Estimate> = serde_yaml::from_str(
        &std::fs::read_to_string("tests/fixtures/arith/estimates.yaml").unwrap(),
    )
    .unwrap();
    let content = load_embedded();
    let s = content
        .scenario("fraud-detection")
        .expect("shipped scenario");
    let scorer = Scorer::new(&content, Some(s));
    let (mut caught, mut slips, mut false_right, mut false_other) = (0, 0, Vec::new(), Vec::new());
    let mut missed = Vec::new();
    for e in &all {
        let flagged = slipped(&score(&scorer, &e.text));
        match (e.right, e.slip) {
            (true, _) if flagged => false_right.push(&e.text),
            (false, Some(_)) => {
                slips += 1;
                if flagged {
                    caught += 1;
                } else {
                    missed.push(&e.text);
                }
            }
            (false, None) if flagged => false_other.push(&e.text),
            _ => {}
        }
    }
    eprintln!(
        "slips caught {caught}/{slips}; right estimates flagged {}; other wrong figures flagged {}",
        false_right.len(),
        false_other.len()
    );
    for m in &missed {
        eprintln!("  missed: {m}");
    }
    // A false flag costs a right answer points and tells the user their
    // arithmetic is wrong when it is not: none is allowed. Half the slips
    // are caught; the rest need three figures or a constant the sentence
    // does not say (a per-thousand price, a third factor).
    assert!(
        false_right.is_empty(),
        "right estimates flagged: {false_right:#?}"
    );
    // A figure wrong in another way may be flagged too when an identity
    // fixes it (weights at a stated precision): it is wrong, so no error.
    assert!(caught * 2 >= slips, "caught {caught} of {slips}");
}

#[test]
fn a_sentence_with_a_red_flag_is_not_charged_again_for_its_figure() {
    let content = load_embedded();
    let s = content.scenario("credit-risk").expect("shipped scenario");
    let scorer = Scorer::new(&content, Some(s));
    // Gini read as AUC: the metric flag stands; the figure that follows
    // from the same mistake costs nothing more.
    let card = score(
        &scorer,
        "Gini is just AUC under another name, so our Gini of 0.7 is an AUC of 0.7.",
    );
    let ids: Vec<&str> = card.flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["metric-misread"]);
    // On its own the figure is still checked.
    let card = score(&scorer, "A Gini of 0.6 corresponds to an AUC of about 0.7.");
    assert!(slipped(&card), "{:?}", card.flags);
}
