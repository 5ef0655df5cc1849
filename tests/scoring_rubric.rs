//! The shipped rubric: well-formed, consistent with the id contract.

use mlsd_coach::core::content::{AREA_IDS, CRITERION_CONTRACT as CONTRACT, Rubric};
use std::collections::HashSet;

fn rubric() -> Rubric {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/rubric.yaml"))
        .expect("read content/rubric.yaml");
    serde_yaml::from_str(&text).expect("parse content/rubric.yaml")
}

#[test]
fn areas_follow_the_contract_in_order() {
    let r = rubric();
    let ids: Vec<&str> = r.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, AREA_IDS);
    for a in &r.areas {
        assert!(
            (1..=6).contains(&a.questions.len()),
            "area {} has {} questions",
            a.id,
            a.questions.len()
        );
        assert!(a.weight > 0.0);
    }
}

#[test]
fn every_contract_criterion_exists_in_its_area() {
    let r = rubric();
    for (area, ids) in CONTRACT {
        for id in *ids {
            let c = r
                .criterion(id)
                .unwrap_or_else(|| panic!("criterion {id} missing"));
            assert_eq!(c.area, *area, "criterion {id}");
        }
    }
}

#[test]
fn ids_unique_and_references_resolve() {
    let r = rubric();
    let mut seen = HashSet::new();
    for c in &r.criteria {
        assert!(seen.insert(c.id.as_str()), "duplicate criterion {}", c.id);
        assert!(
            AREA_IDS.contains(&c.area.as_str()),
            "{}: unknown area {}",
            c.id,
            c.area
        );
        assert!(!c.evidence.concepts.is_empty(), "{}: no concepts", c.id);
        assert!(
            c.evidence.concepts.iter().any(|k| !k.qualifier),
            "{}: only qualifiers",
            c.id
        );
        if let Some(n) = c.evidence.need {
            assert!(
                n >= 1 && n <= c.evidence.concepts.len(),
                "{}: need {n}",
                c.id
            );
        }
        for k in &c.evidence.concepts {
            assert!(
                !k.phrases.is_empty() || !k.patterns.is_empty(),
                "{}/{}: empty",
                c.id,
                k.name
            );
            for p in &k.patterns {
                mlsd_coach::core::scoring::check_pattern(p)
                    .unwrap_or_else(|e| panic!("{}/{}: bad pattern {p}: {e}", c.id, k.name));
            }
        }
        for t in [&c.label, &c.gap, &c.hint, &c.source] {
            assert!(!t.trim().is_empty(), "{}: empty text", c.id);
        }
    }
    let mut qids = HashSet::new();
    let mut targeted = HashSet::new();
    for (area, q) in r.questions() {
        assert!(qids.insert(q.id.as_str()), "duplicate question {}", q.id);
        assert!(
            (1..=3).contains(&q.criteria.len()),
            "question {} targets {} criteria (want 1-3)",
            q.id,
            q.criteria.len()
        );
        let mut own_area = false;
        for c in &q.criteria {
            let crit = r
                .criterion(c)
                .unwrap_or_else(|| panic!("question {} targets unknown {c}", q.id));
            own_area |= crit.area == area.id;
            targeted.insert(c.as_str());
        }
        // A question may reach into another area (the design question asks
        // about serving and capacity) but is about its own area first.
        assert!(
            own_area,
            "question {} targets no criterion of its area {}",
            q.id, area.id
        );
    }
    for c in &r.criteria {
        assert!(
            targeted.contains(c.id.as_str()),
            "criterion {} is targeted by no question",
            c.id
        );
    }
}
