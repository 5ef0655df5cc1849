//! Engine behaviour on small inputs: negation, lists, headings, spelling
//! variants, stems, qualifiers, phrase sets, and robustness.

mod scoring_support;

use mlsd_coach::core::content::{Concept, Criterion, Emphasis, Evidence, Scenario};
use mlsd_coach::core::scoring::{AnswerInput, PhraseSet, Scorer, Status, Verdict};
use proptest::prelude::*;
use scoring_support::*;
use std::sync::OnceLock;

fn shipped() -> &'static Scorer {
    static S: OnceLock<Scorer> = OnceLock::new();
    S.get_or_init(|| Scorer::new(&rubric(), None))
}

fn one(text: &str) -> mlsd_coach::core::scoring::Scorecard {
    shipped().score(&[AnswerInput {
        question: "answer",
        text,
    }])
}

fn st(text: &str, id: &str) -> Status {
    status(&one(text), id)
}

fn verdicts(text: &str) -> Vec<Verdict> {
    shipped()
        .explain(&[AnswerInput {
            question: "answer",
            text,
        }])
        .into_iter()
        .map(|r| r.verdict)
        .collect()
}

#[test]
fn negated_or_declined_topics_earn_nothing() {
    let yes = "We will monitor the model for data drift after launch.";
    assert_ne!(st(yes, "monitoring"), Status::Missing);
    for no in [
        "We will not monitor the model for data drift after launch.",
        "We won't monitor the model or track data drift after launch.",
        "There is no need to monitor data drift for this model.",
        "Monitoring data drift is unnecessary for this model.",
        "We skip monitoring data drift for this model entirely.",
    ] {
        assert_eq!(st(no, "monitoring"), Status::Missing, "{no}");
    }
    assert_eq!(
        st(
            "We skip baselines and train the final model straight away.",
            "baselines"
        ),
        Status::Missing
    );
    assert_eq!(
        st(
            "Baselines are unnecessary for a problem this simple.",
            "baselines"
        ),
        Status::Missing
    );
    assert_eq!(
        st("No A/B test is needed before the launch here.", "rollout"),
        Status::Missing
    );
}

#[test]
fn emphatic_negations_and_hazards_still_count() {
    // "can't afford" is emphasis, not a decline.
    let c =
        one("We can't afford false negatives, since each missed fraud costs us the whole amount.");
    assert_ne!(status(&c, "fp-fn-cost"), Status::Missing);
    // Double negation.
    assert_ne!(
        st(
            "We never ship a model without monitoring data drift on its inputs.",
            "monitoring"
        ),
        Status::Missing
    );
    // Naming a hazard with a negation addresses it.
    assert_ne!(
        st(
            "Make sure there is no leakage from the future into the aggregates.",
            "leakage"
        ),
        Status::Missing
    );
    // A negation in another clause does not reach the topic.
    assert_ne!(
        st(
            "We do not need a GPU, but we monitor data drift daily on the input features.",
            "monitoring"
        ),
        Status::Missing
    );
}

#[test]
fn lists_and_keyword_strings_earn_nothing() {
    for text in [
        "Precision, recall, F1, PR-AUC, false positives, false negatives.",
        "Monitoring drift retraining A/B testing canary shadow rollback.",
        "We use monitoring, drift detection, retraining, A/B tests and a feature store.",
        "Cross-validation bias-variance error analysis SHAP fairness calibration.",
    ] {
        let c = one(text);
        assert_eq!(c.overall, 0.0, "{text}: {}", summary(&c));
    }
    // Chaining terms with "and" is still a list.
    let c = one(
        "We do monitoring and retraining and A/B testing and SHAP explanations and fairness checks for the model.",
    );
    assert_eq!(c.overall, 0.0, "{}", summary(&c));
    // A list of specifics inside one criterion is content.
    let c = one(
        "We have impression logs, clicks, likes, comments, shares and dwell time for every post shown.",
    );
    assert_ne!(
        status(&c, "data-sources"),
        Status::Missing,
        "{}",
        summary(&c)
    );
}

#[test]
fn marketing_fluff_earns_nothing() {
    for text in [
        "We will monitor everything, roll out safely and retrain as needed to guarantee optimal performance.",
        "Explainability, fairness and privacy will be first-class citizens across the whole lifecycle.",
        "Best practices around monitoring, fairness and scalability will be applied throughout.",
    ] {
        let c = one(text);
        assert_eq!(c.overall, 0.0, "{text}: {}", summary(&c));
    }
    // A concrete sentence on the same topics does earn.
    let c =
        one("We monitor feature drift with PSI every day and retrain weekly when it crosses 0.2.");
    assert_eq!(status(&c, "monitoring"), Status::Covered, "{}", summary(&c));
}

#[test]
fn headings_earn_nothing() {
    let text = "# Monitoring and data drift\n## Retraining schedule\nMonitoring:\n**A/B testing and canary rollout**\n";
    assert_eq!(one(text).overall, 0.0);
    assert!(
        verdicts(text).iter().all(|v| *v == Verdict::Heading),
        "{:?}",
        verdicts(text)
    );
    // The same words as a sentence under a heading do count.
    let c =
        one("## Monitoring\nWe monitor data drift on the inputs and alert the on-call engineer.");
    assert_eq!(status(&c, "monitoring"), Status::Covered, "{}", summary(&c));
    assert_eq!(c.criterion("monitoring").unwrap().evidence[0].line, 2);
}

#[test]
fn spelling_variants_and_inflections_meet() {
    for text in [
        "We add L2 regularisation and early stopping to limit overfitting on the small dataset.",
        "We add L2 regularization and early stopping to limit overfitting on the small dataset.",
        "We are regularizing the network with dropout because it was overfitting badly.",
    ] {
        assert_eq!(st(text, "regularisation"), Status::Covered, "{text}");
    }
    for text in [
        "Before modelling we visualise the distributions of every feature by country.",
        "Before modeling we visualize the distributions of every feature by country.",
    ] {
        assert_ne!(st(text, "eda"), Status::Missing, "{text}");
    }
    assert_eq!(
        st(
            "The labelled examples come from annotators who disagree on noisy cases.",
            "labels"
        ),
        st(
            "The labeled examples come from annotators who disagree on noisy cases.",
            "labels"
        )
    );
}

#[test]
fn plain_word_production_answers_are_recognised() {
    let c = one(
        "We will check every week whether the inputs still look like the training data and rebuild the model when they drift.\n\
         We will try a new model on a small slice of traffic first and compare it against the old one before switching everyone over.",
    );
    assert_eq!(status(&c, "monitoring"), Status::Covered, "{}", summary(&c));
    assert_eq!(status(&c, "retraining"), Status::Covered, "{}", summary(&c));
    assert_eq!(status(&c, "rollout"), Status::Covered, "{}", summary(&c));
    assert_eq!(c.criterion("rollout").unwrap().evidence[0].line, 2);
    assert_eq!(
        status(&c, "error-analysis"),
        Status::Missing,
        "{}",
        summary(&c)
    );
}

#[test]
fn qualifiers_need_their_topic() {
    // A number alone is not a latency budget.
    assert_eq!(
        st(
            "We expect around 100 ms of network time from the office.",
            "latency"
        ),
        Status::Missing
    );
    // "because" alone justifies nothing.
    assert_eq!(
        st(
            "We chose this because it is simple to explain to people.",
            "model-selection"
        ),
        Status::Missing
    );
    // Topic + number covers, also when the number follows in the next sentence.
    assert_eq!(
        st(
            "The latency budget is tight for this call. It must answer in 100 ms at p99.",
            "latency"
        ),
        Status::Covered
    );
}

#[test]
fn repeats_earn_once_and_lines_are_counted_per_answer() {
    let s = shipped();
    let a = "We split by time: train on January to September and test on November.";
    let card = s.score(&[
        AnswerInput { question: "q1", text: "Intro line.\n\nWe split by time: train on January to September and test on November." },
        AnswerInput { question: "q2", text: a },
    ]);
    let ev = &card.criterion("train-test-split").unwrap().evidence;
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!((ev[0].question.as_str(), ev[0].line), ("q1", 3));
}

#[test]
fn scenario_emphasis_and_criteria_apply() {
    let mut r = rubric();
    let extra = Criterion {
        id: "chargeback-flow".into(),
        area: "data".into(),
        label: "Explains the chargeback flow".into(),
        weight: 1.0,
        source: "scenario".into(),
        gap: "g".into(),
        hint: "h".into(),
        evidence: Evidence {
            concepts: vec![Concept {
                name: "chargeback".into(),
                phrases: vec!["chargeback dispute".into()],
                patterns: vec![],
                allow_negation: false,
                qualifier: false,
            }],
            need: None,
        },
    };
    let sc = Scenario {
        id: "fraud".into(),
        title: "t".into(),
        domain: "d".into(),
        prompt: "p".into(),
        context: "c".into(),
        facts: vec![],
        curveballs: vec![],
        emphasis: vec![Emphasis {
            criterion: "latency".into(),
            weight: 3.0,
            why: "checkout waits".into(),
        }],
        criteria: vec![extra],
        exemplar: String::new(),
    };
    let s = Scorer::new(&r, Some(&sc));
    let card = s.score(&[AnswerInput {
        question: "a",
        text: "Each chargeback dispute takes the bank weeks to settle with us.",
    }]);
    assert_eq!(
        card.criterion("chargeback-flow").unwrap().status,
        Status::Covered
    );
    let lat = card.criterion("latency").unwrap();
    assert_eq!(lat.weight, 3.0 * r.criterion("latency").unwrap().weight);
    assert_eq!(lat.emphasis.as_deref(), Some("checkout waits"));
    // Bad patterns and unknown areas are skipped, not fatal.
    r.criteria[0].evidence.concepts[0]
        .patterns
        .push("(unclosed".into());
    r.criteria[1].area = "nowhere".into();
    let s = Scorer::new(&r, None);
    assert!(s.score(&[]).criteria.len() == r.criteria.len() - 1);
}

#[test]
fn phrase_set_counts_distinct_matching_phrases() {
    let p = PhraseSet::new(&[
        "label delay".into(),
        "how late labels arrive".into(),
        "chargeback".into(),
        "".into(),
    ]);
    assert_eq!(
        p.count_matches("How late do the labels arrive, and is there a label delay?"),
        2
    );
    assert_eq!(p.count_matches("When do chargebacks come in?"), 1);
    assert_eq!(p.count_matches("What is the budget?"), 0);
    assert_eq!(p.count_matches(""), 0);
    assert_eq!(PhraseSet::new(&[]).count_matches("anything"), 0);
}

#[test]
fn empty_and_odd_inputs_score_zero() {
    let s = shipped();
    assert_eq!(s.score(&[]).overall, 0.0);
    assert_eq!(s.score(&[]).areas.len(), 8);
    for t in [
        "",
        "\n\n\n",
        "\u{0}\u{1}\u{7f}",
        "```\nmonitor drift daily in code\n```",
        "💥🔥 ü ß 中文 عربى",
    ] {
        assert_eq!(one(t).overall, 0.0, "{t:?}");
    }
    let c =
        one("We monitor\u{0007} data drift on the\u{0000} inputs and alert the on-call engineer.");
    let q = &c.criterion("monitoring").unwrap().evidence[0].quote;
    assert!(!q.chars().any(|ch| ch.is_control()), "{q:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn never_panics_and_stays_in_range(text in "(?s).{0,400}", reps in 0usize..40, ctrl in proptest::collection::vec(0u8..32, 0..20)) {
        let mut t = text.repeat(reps.max(1));
        for c in ctrl { t.push(c as char); t.push_str(" monitor drift "); }
        let card = shipped().score(&[AnswerInput { question: "answer", text: &t }]);
        prop_assert!((0.0..=100.0).contains(&card.overall));
        for a in &card.areas { prop_assert!((0.0..=100.0).contains(&a.score)); }
        for c in &card.criteria { for e in &c.evidence { prop_assert!(!e.quote.chars().any(|ch| ch.is_control())); } }
    }

    #[test]
    fn mixed_answers_never_panic(parts in proptest::collection::vec("[a-zA-Z ,.;:!?#*\\-\n0-9%$]{0,200}", 0..8)) {
        let inputs: Vec<AnswerInput<'_>> = parts.iter().map(|p| AnswerInput { question: "q", text: p }).collect();
        let card = shipped().score(&inputs);
        prop_assert!((0.0..=100.0).contains(&card.overall));
        let gaps: f32 = card.gaps.iter().map(|g| g.worth).sum();
        prop_assert!((card.overall + gaps - 100.0).abs() < 0.1);
    }
}

#[test]
fn a_huge_binaryish_input_does_not_panic() {
    let mut t = String::new();
    for i in 0..20_000u32 {
        t.push(char::from_u32((i * 7919) % 0x2FFF).unwrap_or('x'));
        if i % 97 == 0 {
            t.push_str(" we monitor data drift daily. ");
        }
    }
    let c = one(&t);
    assert!((0.0..=100.0).contains(&c.overall));
}
