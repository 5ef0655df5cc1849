//! Graded answer fixtures scored against the shipped rubric: orderings,
//! criteria that must and must not be earned, and quoted evidence.

mod scoring_support;

use mlsd_coach::core::scoring::{Scorecard, Scorer, Status};
use scoring_support::*;

fn scorer() -> Scorer {
    Scorer::new(&rubric(), None)
}

fn card(name: &str) -> Scorecard {
    score_fixture(&scorer(), name)
}

fn assert_earned(card: &Scorecard, ids: &[&str]) {
    for id in ids {
        assert_ne!(
            status(card, id),
            Status::Missing,
            "{id} should be earned; {}",
            summary(card)
        );
    }
}

fn assert_missing(card: &Scorecard, ids: &[&str]) {
    for id in ids {
        assert_eq!(
            status(card, id),
            Status::Missing,
            "{id} should be missing; {}",
            summary(card)
        );
    }
}

/// The evidence of `id` quotes a sentence containing `needle`.
fn assert_quote(card: &Scorecard, id: &str, needle: &str) {
    let c = card.criterion(id).expect("criterion");
    assert!(
        c.evidence.iter().any(|e| e.quote.contains(needle)),
        "{id}: no evidence quoting {needle:?}; got {:?}",
        c.evidence.iter().map(|e| &e.quote).collect::<Vec<_>>()
    );
}

#[test]
fn fraud_answers_are_ordered_strong_medium_thin() {
    let strong = card("fraud-strong.md");
    let medium = card("fraud-medium.md");
    let thin = card("fraud-thin.md");
    assert!(
        strong.overall > medium.overall + 20.0,
        "strong {} medium {}",
        strong.overall,
        medium.overall
    );
    assert!(
        medium.overall > thin.overall + 10.0,
        "medium {} thin {}",
        medium.overall,
        thin.overall
    );
    assert!(strong.overall >= 75.0, "{}", summary(&strong));
    assert!(thin.overall <= 10.0, "{}", summary(&thin));
}

#[test]
fn feed_answers_are_ordered_strong_medium_thin() {
    let strong = card("feed-strong.md");
    let medium = card("feed-medium.md");
    let thin = card("feed-thin.md");
    assert!(
        strong.overall > medium.overall + 15.0,
        "strong {} medium {}",
        strong.overall,
        medium.overall
    );
    assert!(
        medium.overall > thin.overall + 5.0,
        "medium {} thin {}",
        medium.overall,
        thin.overall
    );
    for area in ["framing", "data", "modelling", "production"] {
        let s = strong.area(area).unwrap().score;
        let t = thin.area(area).unwrap().score;
        assert!(s > t, "{area}: strong {s} thin {t}");
    }
}

#[test]
fn strong_fraud_answer_earns_its_points_with_the_right_sentences() {
    let c = card("fraud-strong.md");
    for id in [
        "fp-fn-cost",
        "latency",
        "label-delay",
        "leakage",
        "rollout",
        "monitoring",
        "class-imbalance",
        "baselines",
        "metric-reframe",
    ] {
        assert_eq!(status(&c, id), Status::Covered, "{id}; {}", summary(&c));
    }
    assert_quote(&c, "latency", "p99 under 100 ms");
    assert_quote(
        &c,
        "fp-fn-cost",
        "A false negative costs us the full transaction amount",
    );
    assert_quote(
        &c,
        "label-delay",
        "Chargebacks arrive up to 60 days after the payment",
    );
    assert_quote(&c, "rollout", "shadow mode for two weeks");
    let lat = c.criterion("latency").unwrap();
    let hit = lat
        .evidence
        .iter()
        .find(|e| e.quote.contains("p99"))
        .unwrap();
    assert_eq!(hit.question, "framing-users");
    assert_eq!(hit.line, 2, "line within the answer");
    assert!(lat.evidence.len() <= mlsd_coach::core::scoring::MAX_EVIDENCE);
}

#[test]
fn medium_fraud_answer_is_partial_where_it_is_vague() {
    let c = card("fraud-medium.md");
    assert_earned(
        &c,
        [
            "precision-recall",
            "ml-framing",
            "train-test-split",
            "monitoring",
            "retraining",
        ]
        .as_slice(),
    );
    assert_missing(
        &c,
        [
            "leakage",
            "privacy",
            "rollout",
            "explainability",
            "label-delay",
        ]
        .as_slice(),
    );
    // "real time, well under a second" names speed but the budget has no number.
    assert_eq!(status(&c, "latency"), Status::Partial, "{}", summary(&c));
    assert_quote(&c, "precision-recall", "Recall matters more than precision");
}

#[test]
fn buzzword_lists_earn_no_more_than_a_thin_answer() {
    let buzz = card("fraud-buzzword.md");
    let thin = card("fraud-thin.md");
    assert!(
        buzz.overall <= thin.overall,
        "buzzword {} thin {}",
        buzz.overall,
        thin.overall
    );
    assert_missing(
        &buzz,
        [
            "monitoring",
            "rollout",
            "precision-recall",
            "fp-fn-cost",
            "privacy",
            "baselines",
        ]
        .as_slice(),
    );
}

#[test]
fn padding_a_thin_answer_changes_nothing() {
    let s = scorer();
    let thin = fixture("fraud-thin.md");
    let mut padded = String::new();
    for (q, t) in answers(&thin) {
        padded.push_str(&format!("=== {q}\n"));
        for _ in 0..20 {
            padded.push_str(&t);
        }
    }
    let a = score_text(&s, &thin);
    let b = score_text(&s, &padded);
    assert_eq!(a.overall, b.overall);
    assert_eq!(a.criteria, b.criteria);
    // Same for a strong answer padded with itself.
    let strong = fixture("fraud-strong.md");
    let a = score_text(&s, &strong);
    let b = score_text(&s, &format!("{strong}\n{strong}\n{strong}"));
    assert_eq!(a.overall, b.overall);
}

#[test]
fn declined_topics_earn_nothing() {
    let c = card("fraud-refusal.md");
    assert_missing(
        &c,
        ["baselines", "monitoring", "retraining", "rollout"].as_slice(),
    );
    assert!(c.overall < 10.0, "{}", summary(&c));
    // The real point it makes still counts.
    assert_eq!(status(&c, "pain-point"), Status::Covered, "{}", summary(&c));
}

#[test]
fn paraphrases_score_close_to_the_jargon_version() {
    let plain = card("fraud-paraphrased.md");
    let jargon = card("fraud-jargon.md");
    assert!(
        (plain.overall - jargon.overall).abs() <= 5.0,
        "plain {} jargon {}",
        plain.overall,
        jargon.overall
    );
    for id in [
        "precision-recall",
        "fp-fn-cost",
        "latency",
        "label-delay",
        "retraining",
    ] {
        assert_eq!(
            status(&plain, id),
            Status::Covered,
            "{id}; {}",
            summary(&plain)
        );
    }
    assert_earned(&plain, ["monitoring"].as_slice());
    assert_quote(
        &plain,
        "fp-fn-cost",
        "Letting a fraudulent payment slip through",
    );
    assert_quote(&plain, "latency", "The answer can take at most 100 ms");
}

#[test]
fn off_topic_text_earns_nothing() {
    let c = card("offtopic.md");
    assert_eq!(c.overall, 0.0, "{}", summary(&c));
    assert!(c.gaps.len() == c.criteria.len());
}

#[test]
fn feed_strong_answer_quotes_its_evidence() {
    let c = card("feed-strong.md");
    for id in [
        "ml-framing",
        "offline-metrics",
        "online-metrics",
        "data-bias",
        "rollout",
        "production-bias",
        "business-translation",
    ] {
        assert_eq!(status(&c, id), Status::Covered, "{id}; {}", summary(&c));
    }
    assert_quote(&c, "offline-metrics", "NDCG@10");
    assert_quote(&c, "production-bias", "feedback loop");
}

#[test]
fn gaps_are_ranked_by_worth_and_sum_to_the_missing_score() {
    let c = card("fraud-medium.md");
    for w in c.gaps.windows(2) {
        assert!(w[0].worth >= w[1].worth);
    }
    let total: f32 = c.gaps.iter().map(|g| g.worth).sum();
    assert!(
        (c.overall + total - 100.0).abs() < 0.05,
        "overall {} + gaps {}",
        c.overall,
        total
    );
    // Every gap is a missing or partial criterion, with its hint.
    for g in &c.gaps {
        assert_ne!(status(&c, &g.criterion), Status::Covered);
        assert!(!g.hint.is_empty());
    }
}

#[test]
fn area_scores_follow_the_weighted_criteria() {
    let r = rubric();
    let c = card("fraud-medium.md");
    for area in &c.areas {
        let crits: Vec<_> = c.criteria.iter().filter(|x| x.area == area.id).collect();
        let w: f32 = crits.iter().map(|x| x.weight).sum();
        let got: f32 = crits.iter().map(|x| x.weight * x.status.credit()).sum();
        assert!((area.score - 100.0 * got / w).abs() < 0.01, "{}", area.id);
    }
    let wsum: f32 = r.areas.iter().map(|a| a.weight).sum();
    let overall: f32 = c
        .areas
        .iter()
        .map(|a| a.score * r.area(&a.id).unwrap().weight / wsum)
        .sum();
    assert!((overall - c.overall).abs() < 0.01);
}
