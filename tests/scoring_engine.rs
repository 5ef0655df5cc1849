//! The scoring engine's rules, on a small content pack written for these
//! tests (so the shipped content can change without breaking them): task
//! types, not-applicable criteria, tailoring, key points, red flags and
//! their vetoes, deferrals, rubric echo, client speak, qualifiers, repeats,
//! the scale and bands, explanations and scenario inference.

use mlsd_coach::core::content::{Content, MockProfile, Rubric, Scenario};
use mlsd_coach::core::scoring::{
    AnswerInput, PhraseSet, Scorecard, Scorer, Skip, Status, Verdict, infer_scenario,
};

const RUBRIC: &str = r#"
version: test
areas:
  - {id: framing, title: Framing, weight: 2, section: "1", questions: [{id: q-frame, prompt: "What does a mistake cost?", why: w, hint: "Put a price on each kind of mistake.", criteria: [fp-fn-cost, over-under-cost]}]}
  - {id: production, title: Production, weight: 1, section: "7", questions: [{id: q-prod, prompt: "How do you keep it working?", why: w, hint: "Say how often you retrain and what triggers it.", criteria: [retraining]}]}
  - {id: client, title: Client, weight: 1, section: "8", questions: [{id: q-client, prompt: "The client wants 5% more accuracy.", why: w, hint: h, criteria: [metric-reframe]}]}
criteria:
  - id: fp-fn-cost
    area: framing
    label: Weighs the cost of false positives against false negatives
    weight: 1
    source: s
    gap: Errors cost different amounts.
    hint: Put a price on a false positive and a false negative.
    applies_to: [binary-classification]
    evidence:
      need: 2
      concepts:
        - {name: false positive, phrases: [false positive, false alarm, block a genuine]}
        - {name: false negative, phrases: [false negative, missed fraud, miss a]}
        - {name: cost, phrases: [cost, costs], qualifier: true}
  - id: over-under-cost
    area: framing
    label: Weighs over- against under-estimating
    weight: 1
    source: s
    gap: g
    hint: h
    applies_to: [regression]
    evidence: {concepts: [{name: late, phrases: [late, under-estimate]}]}
  - id: retraining
    area: production
    label: Plans retraining
    weight: 1
    source: s
    gap: Models go stale.
    hint: Say how often you retrain and what triggers it.
    evidence:
      concepts:
        - {name: retrain, phrases: [retrain, refresh the model]}
        - {name: cadence, phrases: [weekly, daily, every week, trigger], patterns: ['\bevery \d+ (days|weeks)\b']}
  - id: metric-reframe
    area: client
    label: Reframes the metric in business terms
    weight: 1
    source: s
    gap: g
    hint: h
    evidence: {concepts: [{name: reframe, phrases: [in euros, business terms, what 5% means]}]}
red_flags:
  - id: accuracy-headline
    label: Accuracy as the headline metric
    applies_to: [binary-classification]
    criterion: fp-fn-cost
    why: Positives are rare.
    instead: Use recall at a fixed false positive rate.
    evidence:
      concepts:
        - {name: accuracy, phrases: [accuracy]}
        - {name: headline, phrases: [headline, main metric, primary metric, optimise for]}
scoring:
  key_point_share: 0.5
  scale: [[0, 0], [0.5, 60], [1, 100]]
  flag_penalty: 5
  penalty_cap: 20
"#;

const FRAUD: &str = r#"
id: fraud
title: Card fraud detection
domain: fintech
task_type: binary-classification
prompt: Design a system that blocks fraudulent card payments for a processor.
context: Chargebacks arrive 30 to 90 days after a payment; fraud is 0.15% of 1.3 million daily payments.
key_points:
  - id: chargeback-delay
    area: framing
    label: Chargebacks arrive weeks late
    why: Recent payments look genuine.
    hint: Train on matured data.
    example: Chargebacks come 30 to 90 days later, so the newest payments are not labelled yet.
    evidence:
      need: 2
      concepts:
        - {name: chargeback, phrases: [chargeback, dispute]}
        - {name: late, phrases: [late, later, weeks, delay]}
red_flags:
  - id: chargeback-feature
    label: Uses the chargeback as a feature
    why: It is the label, known only weeks later.
    instead: Use only what is known at authorisation.
    criterion: chargeback-delay
    evidence:
      concepts:
        - {name: chargeback, phrases: [chargeback status]}
        - {name: feature, phrases: [as a feature, feature]}
not_applicable:
  - {criterion: retraining, why: "A test: retraining is out of this scenario."}
examples:
  - {criterion: fp-fn-cost, text: "Blocking a genuine shopper costs a sale, a missed fraud costs 180 euros."}
vocabulary: [shopper, merchant]
exemplar: "A strong answer."
"#;

const ETA: &str = r#"
id: eta
title: Delivery ETA for couriers
domain: logistics
task_type: regression
prompt: Predict when a courier delivers a restaurant order.
context: Couriers deliver 3 million orders a week; kitchens are often slow.
vocabulary: [courier, kitchen]
exemplar: "A strong answer."
"#;

const SOFA: &str = r#"
id: sofa
title: Visual search for furniture
domain: retail
task_type: ranking
prompt: Find sofas and armchairs in our furniture catalogue from a customer's photo.
context: The catalogue has 2 million furniture items photographed in a studio.
vocabulary: [sofa, armchair, furniture, catalogue]
exemplar: "A strong answer."
"#;

fn content() -> Content {
    let rubric: Rubric = serde_yaml::from_str(RUBRIC).expect("test rubric");
    let scenarios: Vec<Scenario> = [FRAUD, ETA, SOFA]
        .iter()
        .map(|y| serde_yaml::from_str(y).expect("test scenario"))
        .collect();
    Content {
        rubric,
        scenarios,
        mock: MockProfile {
            minutes: 45,
            phases: vec![],
            client_speak: vec![],
            fallback_answers: vec![],
        },
        version: "test".into(),
        origin: "test".into(),
    }
}

fn score_as(id: &str, question: &str, text: &str) -> Scorecard {
    let c = content();
    let s = c.scenario(id);
    Scorer::new(&c, s).score(&[AnswerInput { question, text }])
}

fn score(id: &str, text: &str) -> Scorecard {
    score_as(id, "answer", text)
}

fn verdicts(id: &str, text: &str) -> Vec<Verdict> {
    let c = content();
    Scorer::new(&c, c.scenario(id))
        .explain(&[AnswerInput {
            question: "answer",
            text,
        }])
        .into_iter()
        .map(|r| r.verdict)
        .collect()
}

#[test]
fn criteria_that_do_not_fit_the_task_are_neither_credited_nor_gaps() {
    let card = score(
        "eta",
        "Showing a late ETA costs a refund; a false positive costs little.",
    );
    assert!(
        card.criterion("fp-fn-cost").is_none(),
        "not for a regression"
    );
    assert!(card.gaps.iter().all(|g| g.criterion != "fp-fn-cost"));
    let skipped = card.skipped.iter().find(|s| s.id == "fp-fn-cost").unwrap();
    assert!(matches!(&skipped.reason, Skip::NotApplicable(why) if why.contains("regression")));
    assert_eq!(
        card.criterion("over-under-cost").unwrap().status,
        Status::Covered
    );
    // A scenario's own not-applicable entry, with its reason.
    let card = score("fraud", "We retrain weekly on fresh chargebacks.");
    let skipped = card.skipped.iter().find(|s| s.id == "retraining").unwrap();
    assert_eq!(
        skipped.reason,
        Skip::NotApplicable("A test: retraining is out of this scenario.".into())
    );
}

#[test]
fn generic_sentences_earn_partial_credit_and_tailored_ones_full() {
    let generic = score(
        "fraud",
        "A false positive and a false negative have different costs.",
    );
    let c = generic.criterion("fp-fn-cost").unwrap();
    assert_eq!(c.status, Status::Partial);
    assert!(c.generic);
    let tailored = score(
        "fraud",
        "A false alarm loses us the shopper's sale, and each missed fraud costs the merchant 180 euros.",
    );
    assert_eq!(
        tailored.criterion("fp-fn-cost").unwrap().status,
        Status::Covered
    );
    assert!(tailored.overall > generic.overall);
}

#[test]
fn another_prompts_sentences_earn_nothing_and_a_mostly_off_prompt_answer_is_told() {
    let text = "Sofas photographed in a studio look unlike a customer's armchair photo, so a false positive costs little and a false negative costs a sale.\n\
        The furniture catalogue has sofas, armchairs and tables to index.\n\
        Armchair and sofa photos from customers are cluttered, furniture is occluded.";
    assert!(
        verdicts("fraud", text)
            .iter()
            .all(|v| *v == Verdict::OffPrompt)
    );
    let card = score("fraud", text);
    assert_eq!(
        card.criterion("fp-fn-cost").unwrap().status,
        Status::Missing
    );
    assert!(
        card.notices.iter().any(|n| n.contains("another prompt")),
        "{:?}",
        card.notices
    );
}

#[test]
fn key_points_need_their_concepts_in_a_sentence_about_the_prompt() {
    let one = score("fraud", "Chargebacks are the labels.");
    assert_eq!(
        one.key_point("chargeback-delay").unwrap().status,
        Status::Partial
    );
    let both = score(
        "fraud",
        "Chargebacks arrive weeks later, so recent payments are not yet labelled.",
    );
    let kp = both.key_point("chargeback-delay").unwrap();
    assert_eq!(kp.status, Status::Covered);
    assert_eq!(kp.evidence.len(), 1);
    assert_eq!(both.key_point_score, Some(100.0));
    assert!(both.overall > one.overall);
    // Waving the point away names it without meeting it: partial at most.
    let waved = score(
        "fraud",
        "Chargebacks arrive weeks later, but that is fine for the card payments.",
    );
    assert_eq!(
        waved.key_point("chargeback-delay").unwrap().status,
        Status::Partial
    );
}

#[test]
fn red_flags_are_raised_shown_and_cost_points_but_rejections_are_not() {
    let wrong = score(
        "fraud",
        "Accuracy will be our headline metric for the card payments.\nThe chargeback status goes in as a feature.",
    );
    let ids: Vec<&str> = wrong.flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["accuracy-headline", "chargeback-feature"]);
    assert_eq!(wrong.penalty, 10.0);
    let f = &wrong.flags[0];
    assert_eq!(f.line, 1);
    assert!(f.quote.starts_with("Accuracy will be"));
    assert_eq!(f.instead, "Use recall at a fixed false positive rate.");
    // The flagged sentence earns nothing for what it gets wrong.
    assert_eq!(
        wrong.key_point("chargeback-delay").unwrap().status,
        Status::Missing
    );
    for ok in [
        "Accuracy would be a misleading headline metric at 0.15% fraud.",
        "We won't use accuracy as the headline metric for payments.",
        "Rather than accuracy as the main metric, we track recall on payments.",
    ] {
        assert!(score("fraud", ok).flags.is_empty(), "{ok}");
    }
    // Only for the task types it applies to.
    assert!(
        score(
            "eta",
            "Accuracy will be our headline metric for courier orders."
        )
        .flags
        .is_empty()
    );
}

#[test]
fn deferrals_earn_nothing_and_repeated_deferrals_cost_points() {
    let text = "The platform team will handle retraining of the fraud model after launch.\n\
        Retraining is a product decision, so the business will decide.\n\
        We will retrain later.";
    let v = verdicts("eta", text);
    assert_eq!(v, [Verdict::Deferral, Verdict::Deferral, Verdict::Deferral]);
    let card = score("eta", text);
    assert!(card.flags.iter().any(|f| f.id == "defers-decisions"));
    assert!(card.penalty >= 10.0);
    // Specifics are not a deferral.
    assert_eq!(
        verdicts("eta", "After launch we retrain the courier model weekly."),
        [Verdict::Substantive]
    );
}

#[test]
fn copying_the_rubric_earns_nothing_and_is_flagged() {
    let card = score(
        "fraud",
        "Put a price on a false positive and a false negative.\nWeighs the cost of false positives against false negatives.",
    );
    assert_eq!(
        card.criterion("fp-fn-cost").unwrap().status,
        Status::Missing
    );
    assert!(card.flags.iter().any(|f| f.id == "rubric-echo"));
    // One sentence that reads like the coach earns nothing, but copying is
    // flagged only as a habit (two or more).
    let once = score(
        "fraud",
        "Put a price on a false positive and a false negative.",
    );
    assert_eq!(
        once.criterion("fp-fn-cost").unwrap().status,
        Status::Missing
    );
    assert!(!once.flags.iter().any(|f| f.id == "rubric-echo"));
}

#[test]
fn client_speak_counts_only_where_the_client_spoke() {
    let text = "In business terms, what 5% means is 2 million euros of fraud a year.";
    let written = score("fraud", text);
    assert!(written.criterion("metric-reframe").is_none());
    assert!(
        written
            .skipped
            .iter()
            .any(|s| s.id == "metric-reframe" && s.reason == Skip::NotAsked)
    );
    let asked = score_as("fraud", "q-client", text);
    assert_eq!(
        asked.criterion("metric-reframe").unwrap().status,
        Status::Covered
    );
    let curveball = score_as("fraud", "curveball:five-percent", text);
    assert_eq!(
        curveball.criterion("metric-reframe").unwrap().status,
        Status::Covered
    );
    // Said elsewhere in a session where the client spoke: not earned.
    let c = content();
    let card = Scorer::new(&c, c.scenario("fraud")).score(&[
        AnswerInput {
            question: "q-frame",
            text,
        },
        AnswerInput {
            question: "client:asked",
            text: "",
        },
    ]);
    assert_eq!(
        card.criterion("metric-reframe").unwrap().status,
        Status::Missing
    );
}

#[test]
fn qualifiers_repeats_and_terse_notes() {
    // "cost" is a qualifier of fp-fn-cost: alone it earns nothing.
    let card = score(
        "fraud",
        "The card payments cost money to process every day here.",
    );
    assert_eq!(
        card.criterion("fp-fn-cost").unwrap().status,
        Status::Missing
    );
    let v = verdicts(
        "fraud",
        "Retrain the fraud model weekly.\nRetrain the fraud model weekly.",
    );
    assert_eq!(v, [Verdict::Substantive, Verdict::Repeat]);
    // A verbless note with specifics counts.
    let card = score("fraud", "Retrain: every 14 days");
    assert_eq!(
        card.criterion("retraining").map(|c| c.status),
        None,
        "n/a here"
    );
    let card = score("eta", "Retrain courier ETAs: every 14 days");
    assert_eq!(
        card.criterion("retraining").unwrap().status,
        Status::Covered
    );
}

#[test]
fn the_scale_and_bands_make_the_overall() {
    let empty = score("eta", "");
    assert_eq!(empty.overall, 0.0);
    assert_eq!(empty.band.id, "weak");
    let full = score(
        "eta",
        "Showing a courier ETA that is late is worse than early, so we under-estimate rarely.\n\
         We retrain the courier model weekly, and a kitchen delay spike triggers it early.",
    );
    // framing (2) and production (1) both covered, no key points: raw 1.
    assert_eq!(full.overall, 100.0);
    assert_eq!(full.band.id, "strong");
    assert!(!full.band.meaning.is_empty());
}

#[test]
fn explanations_say_why_a_sentence_earned_no_more() {
    let c = content();
    let r = Scorer::new(&c, c.scenario("fraud")).explain(&[AnswerInput {
        question: "answer",
        text: "A false positive and a false negative have different costs.\nAccuracy is our main metric for payments.",
    }]);
    assert_eq!(r[0].criteria, ["fp-fn-cost"]);
    assert!(r[0].why_not_more.iter().any(|w| w.contains("generic")));
    assert_eq!(r[1].flags, ["accuracy-headline"]);
    assert!(r[1].why_not_more.iter().any(|w| w.contains("red flag")));
}

#[test]
fn known_statuses_raise_a_criterion_and_cite_the_questions_asked() {
    let c = content();
    let scorer = Scorer::new(&c, c.scenario("eta"));
    let answers = [AnswerInput {
        question: "client:ask",
        text: "How often do kitchens run late?",
    }];
    let plain = scorer.score(&answers);
    let granted = scorer.score_with(&answers, &[("retraining", Status::Covered)]);
    assert_eq!(
        granted.criterion("retraining").unwrap().status,
        Status::Covered
    );
    assert!(granted.overall > plain.overall);
    assert_eq!(granted.criterion("retraining").unwrap().evidence.len(), 1);
}

#[test]
fn a_free_prompt_picks_its_scenario_or_none() {
    let c = content();
    let pick = |p: &str| infer_scenario(&c, p).map(|s| s.id.as_str());
    assert_eq!(
        pick("Design fraud detection for card payments"),
        Some("fraud")
    );
    assert_eq!(
        pick("Predict courier delivery times for restaurant orders"),
        Some("eta")
    );
    assert_eq!(
        pick("Let customers find similar sofas from a photo"),
        Some("sofa")
    );
    assert_eq!(pick("Design a pothole detector for dashcams"), None);
    let (scorer, chosen) = Scorer::for_prompt(&c, "Design a pothole detector for dashcams");
    assert!(chosen.is_none());
    let card = scorer.score(&[AnswerInput {
        question: "answer",
        text: "Potholes are rare, so a false positive costs a truck trip.",
    }]);
    assert!(card.notices.iter().any(|n| n.contains("general rubric")));
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in [
        "",
        "\u{0}\u{1b}[2J",
        "→→→ ×× “”",
        &"word ".repeat(20_000),
        "# Heading\n\n```\ncode\n```",
    ] {
        let card = score("fraud", text);
        assert!(card.overall.is_finite());
    }
}

#[test]
fn phrase_set_counts_distinct_matching_phrases() {
    let set = PhraseSet::new(&[
        "fraud rate".into(),
        "how many payments".into(),
        "volume".into(),
    ]);
    assert_eq!(
        set.count_matches("What is the fraud rate, and how many payments a day?"),
        2
    );
    assert_eq!(set.count_matches("Tell me about the weather."), 0);
}
