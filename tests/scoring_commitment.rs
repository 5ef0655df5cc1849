//! Commitment rules on the shipped content: a hedge lands nothing in full
//! and an answer made of hedges keeps a falling share of its score; strings
//! of product names are not a design; a framework recited in steps that fit
//! any prompt keeps a falling share too; so does an answer that makes only
//! a few points; a general veto in an argument's premise does not excuse
//! the mistake in its conclusion, nor one in the reason given for it.

use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::scoring::{AnswerInput, Scorecard, Scorer};

fn score(scenario: &str, text: &str) -> (Scorecard, Vec<Vec<String>>) {
    let content = load_embedded();
    let s = content.scenario(scenario).expect("shipped scenario");
    let scorer = Scorer::new(&content, Some(s));
    let input = [AnswerInput {
        question: "answer",
        text,
    }];
    let why = scorer
        .explain(&input)
        .into_iter()
        .map(|r| r.why_not_more)
        .collect();
    (scorer.score(&input), why)
}

fn flag_ids(c: &Scorecard) -> Vec<&str> {
    c.flags.iter().map(|f| f.id.as_str()).collect()
}

const DECIDED: &str = "\
Chargebacks arrive 30 to 90 days after the payment, so I train on payments older than 90 days \
and use analyst confirmations for the recent weeks.
A missed fraud costs about 195 euros and a wrongly refused payment about 20, so the cut-off is \
set where the refusal rate stays under 2%.
Velocity counts per card over the last minutes come from a streaming store, because a nightly \
batch is hours stale when a stolen card is tested.
I retrain weekly and alert when the share of refused payments moves by more than half a point.
The 2,000 daily reviews go to the scores just above the refusal cut-off, where an analyst adds \
the most.
Refused payments never get a chargeback, so I keep a 1% random pass-through of low-risk ones to \
learn what the model would have missed.
Card-not-present payments carry 80% of the losses, so they get their own features: device \
fingerprint, IP country against the card's issuing country, and the card's age.
The baseline is today's 400 rules; a gradient-boosted model has to beat them on recall at the \
same 2% refusal rate, measured on the last full month.
I split by time, training on older months and testing on the latest one, because fraud rings \
change their pattern within weeks.
The model answers inside the 30 ms scoring budget with features precomputed per card, and a \
timeout falls back to the rules.
For online payments in the grey zone a 3-D Secure challenge replaces a refusal, which stops \
most fraud while losing far fewer good customers.
Every refusal keeps the features that drove it, so the risk team can explain it to a regulator \
or a cardholder who complains.
I would launch to 5% of merchants first and compare fraud losses and refusals against the rules \
over six weeks.";

const HEDGED: &str = "\
Chargebacks arrive 30 to 90 days after the payment; maybe we wait for them, maybe we use \
analyst confirmations, it depends on what the risk team prefers.
A missed fraud costs about 195 euros and a wrongly refused payment about 20; where to set the \
cut-off is something we'd work out with the business.
Velocity counts per card could help, probably from some kind of streaming store, though I'm not \
sure yet.
Retraining is something we could look into once it's live.
Whether the 2,000 daily reviews go to the top scores or a random sample is a judgement call \
we'd make later.
Refused payments might need some special handling, perhaps, depending on what the data team \
says.
Card-not-present payments could maybe get some separate features, if that turns out to matter.
The model could be gradient boosting or maybe a neural network; we'd try a few and see.
How to split the data for testing is something we'd decide with the data scientists.
Latency might be a concern, so possibly we'd precompute something, depending on the platform.
3-D Secure could perhaps be used somehow, it depends on the product team.
Explaining refusals may be needed at some point, which legal would tell us about.
The launch plan would depend on what the stakeholders are comfortable with.";

#[test]
fn hedging_the_same_points_scores_far_lower_and_is_named() {
    let (decided, _) = score("fraud-detection", DECIDED);
    let (hedged, why) = score("fraud-detection", HEDGED);
    assert!(
        hedged.overall + 25.0 < decided.overall,
        "hedged {} against decided {}",
        hedged.overall,
        decided.overall
    );
    assert!(
        flag_ids(&hedged).contains(&"commits-to-nothing"),
        "{:?}",
        flag_ids(&hedged)
    );
    assert!(!flag_ids(&decided).contains(&"commits-to-nothing"));
    assert!(
        why.iter().flatten().any(|w| w.starts_with("hedged:")),
        "explain says which sentences hedge: {why:?}"
    );
}

/// A framework recited step by step, the prompt's nouns dropped in here
/// and there, with reasons that would fit any prompt.
const RECITED: &str = "\
First I'd clarify the requirements and the business goal of the payments processor.
For metrics I'd use precision, recall and F1, because they are the standard metrics for \
classification.
We'd collect the historical card transactions and clean the data, because data quality is \
important.
I'd handle missing values and outliers and normalise the numeric features.
Feature engineering matters a lot, so I'd create features from the transaction data.
The data is split into training, validation and test sets so that the evaluation is fair.
I'd try logistic regression, random forests and gradient boosting and pick the best one on the \
validation set.
Hyperparameters are tuned with cross-validation so that the model generalises well.
Class imbalance is handled with class weights, because imbalanced data hurts most models.
The model is deployed as a REST API behind a load balancer.
We monitor the model for drift and retrain it regularly on new transactions.
An A/B test confirms the new model is better before the full rollout.
Finally I'd present the results to the stakeholders with clear dashboards.";

#[test]
fn a_recited_framework_keeps_a_falling_share_and_is_named() {
    let (decided, _) = score("fraud-detection", DECIDED);
    let (recited, _) = score("fraud-detection", RECITED);
    assert!(
        recited.overall + 40.0 < decided.overall,
        "recited {} against decided {}",
        recited.overall,
        decided.overall
    );
    let flag = recited
        .flags
        .iter()
        .find(|f| f.id == "fits-any-prompt")
        .unwrap_or_else(|| panic!("named: {:?}", flag_ids(&recited)));
    assert!(
        flag.why.contains(" of the answer's 12 points"),
        "{}",
        flag.why
    );
    assert!(
        recited
            .notices
            .iter()
            .any(|n| n.contains("could be said of any prompt") && n.contains("card, fraud")),
        "the notice says how much is kept and names the prompt's words: {:?}",
        recited.notices
    );
    // Not charged as a red flag: the share kept is the whole remedy.
    assert_eq!(recited.penalty, 0.0, "{:?}", flag_ids(&recited));
    assert!(!flag_ids(&decided).contains(&"fits-any-prompt"));
    assert!(decided.notices.iter().all(|n| !n.contains("any prompt")));
}

#[test]
fn words_that_only_look_like_hedges_are_not() {
    // "possible" is no "possibly", a UI label in quotes is no "I don't
    // know", and "someone else's data" hands nothing off.
    let (_, why) = score(
        "fraud-detection",
        "For each possible merchant we keep a velocity count per card in a streaming store.\n\
         A shopper who taps \u{201c}I don\u{2019}t know this payment\u{201d} gives us a fast fraud label.\n\
         A stolen card is someone else\u{2019}s card, so its first payments at new shops are the signal.",
    );
    assert!(
        why.iter()
            .flatten()
            .all(|w| !w.starts_with("hedged:") && !w.contains("hands the topic")),
        "{why:?}"
    );
}

#[test]
fn strings_of_product_names_are_not_a_design() {
    let names = "\
Payments go through Kafka into Flink, features in Feast with Redis, models in XGBoost and \
LightGBM with Optuna tuning, tracked in MLflow.
Serving on Triton with TensorRT, Kubernetes autoscaling, Istio canaries, Prometheus and Grafana.
Explanations with SHAP and LIME, drift with Evidently and Arize, orchestration in Airflow and \
Kubeflow.
Graph features from Neo4j and DGL, embeddings with PyTorch, labels in Label Studio.";
    let (card, _) = score("fraud-detection", names);
    assert!(
        flag_ids(&card).contains(&"strings-of-names"),
        "{:?}",
        flag_ids(&card)
    );
    assert!(card.overall <= 20.0, "buzzwords score {}", card.overall);
    let (decided, _) = score("fraud-detection", DECIDED);
    assert!(!flag_ids(&decided).contains(&"strings-of-names"));
}

#[test]
fn a_veto_in_the_premise_does_not_excuse_the_conclusion() {
    let (wrong, _) = score(
        "fraud-detection",
        "Refused payments never get a chargeback, so in the next retrain I would count them as legitimate.",
    );
    assert!(
        flag_ids(&wrong).contains(&"blocked-as-negatives"),
        "{:?}",
        flag_ids(&wrong)
    );
    let (right, _) = score(
        "fraud-detection",
        "Counting refused payments as legitimate is a mistake, so I treat them as unlabelled and keep a small random pass-through.",
    );
    assert!(
        !flag_ids(&right).contains(&"blocked-as-negatives"),
        "{:?}",
        flag_ids(&right)
    );
}

#[test]
fn restating_the_brief_is_not_covering_a_key_point() {
    let status = |text: &str| {
        let (card, _) = score("fraud-detection", text);
        card.key_points
            .iter()
            .find(|k| k.id == "chargeback-label-delay")
            .map(|k| format!("{:?}", k.status))
            .unwrap_or_default()
    };
    assert_eq!(
        status("Chargebacks arrive 30 to 90 days after the payment."),
        "Partial",
        "the brief's own fact, repeated"
    );
    assert_eq!(
        status(
            "Chargebacks arrive 30 to 90 days after the payment, so I train only on payments \
             older than 90 days and use analyst confirmations for the recent weeks."
        ),
        "Covered",
        "the fact and what the design does about it"
    );
}

#[test]
fn a_few_good_sentences_keep_the_share_of_a_full_answer_they_make() {
    let (full, _) = score("fraud-detection", DECIDED);
    assert!(
        full.notices.iter().all(|n| !n.contains("earn credit")),
        "{:?}",
        full.notices
    );
    // The first five sentences of the same answer, word for word.
    let five: String = DECIDED.lines().take(5).collect::<Vec<_>>().join("\n");
    let (thin, _) = score("fraud-detection", &five);
    let notice = thin
        .notices
        .iter()
        .find(|n| n.contains("earn credit"))
        .unwrap_or_else(|| panic!("{:?}", thin.notices));
    assert!(
        notice.starts_with("Only 5 of the answer's sentences") && notice.contains("keeps 42%"),
        "{notice}"
    );
    // One sentence is said in the singular.
    let one: String = DECIDED.lines().take(1).collect();
    let (single, _) = score("fraud-detection", &one);
    assert!(
        single.notices.iter().any(|n| {
            n.starts_with("Only 1 of the answer's sentences earns credit")
                && n.contains("what it earns")
        }),
        "{:?}",
        single.notices
    );
    assert!(
        thin.overall * 2.0 < full.overall,
        "thin {} against full {}",
        thin.overall,
        full.overall
    );
    // Not a red flag: the share kept is the whole remedy.
    assert_eq!(thin.penalty, 0.0, "{:?}", flag_ids(&thin));
}

#[test]
fn a_veto_in_the_reason_given_does_not_excuse_the_claim() {
    let ids = |text: &str| {
        let (card, _) = score("metrics-anomaly-detection", text);
        card.flags.iter().map(|f| f.id.clone()).collect::<Vec<_>>()
    };
    // The negation defends the claim: the mistake stands.
    let wrong = ids("Gaps in a series get filled with zero, so that the detectors don't break.");
    assert!(wrong.contains(&"missing-as-zero".to_string()), "{wrong:?}");
    // A rejection before the reason still counts.
    let right = ids(
        "Instead of filling gaps with zero we mark them missing, because a gap is no evidence of no traffic.",
    );
    assert!(!right.contains(&"missing-as-zero".to_string()), "{right:?}");
}
