//! Semantic checks of the mock-interview profile (`mock.yaml`) and of
//! curveballs, which scenarios share with it.

use super::model::{Curveball, MockProfile};
use super::parse::{Cx, Parsed};
use super::validate::{Ids, list, nonempty, positive};
use std::collections::BTreeSet;

pub(super) fn check_curveball<T>(
    p: &Parsed<T>,
    bp: &str,
    b: &Curveball,
    phases: Option<&[String]>,
    criteria: Option<&BTreeSet<String>>,
    ids: &mut Ids,
    cx: &mut Cx,
) {
    ids.add(p, &format!("{bp}.id"), &b.id, cx);
    nonempty(p, &format!("{bp}.text"), "curveball text", &b.text, cx);
    if let (Some(ph), Some(phases)) = (&b.phase, phases)
        && !phases.contains(ph)
    {
        cx.err(
            p,
            &format!("{bp}.phase"),
            format!(
                "curveball `{}` refers to unknown phase `{ph}`: expected one of {}",
                b.id,
                list(phases)
            ),
        );
    }
    if let Some(criteria) = criteria {
        for (k, e) in b.expects.iter().enumerate() {
            if !criteria.contains(e) {
                cx.err(
                    p,
                    &format!("{bp}.expects[{k}]"),
                    format!("curveball `{}` expects unknown criterion `{e}`", b.id),
                );
            }
        }
    }
}

pub(super) fn check_mock(
    p: &Parsed<MockProfile>,
    area_ids: Option<&[String]>,
    criteria: Option<&BTreeSet<String>>,
    phase_ids: &[String],
    cx: &mut Cx,
) {
    let m = &p.value;
    if m.minutes == 0 {
        cx.err(p, "minutes", "minutes must be at least 1".to_string());
    }
    if m.phases.is_empty() {
        cx.err(
            p,
            "phases",
            "no phases: a mock interview needs at least one".to_string(),
        );
    }
    let mut ids = Ids::new("phase");
    for (i, ph) in m.phases.iter().enumerate() {
        let pp = format!("phases[{i}]");
        ids.add(p, &format!("{pp}.id"), &ph.id, cx);
        nonempty(p, &format!("{pp}.title"), "phase title", &ph.title, cx);
        if !positive(ph.minutes) {
            cx.err(
                p,
                &format!("{pp}.minutes"),
                format!(
                    "phase `{}` minutes must be a positive number, got {}",
                    ph.id, ph.minutes
                ),
            );
        }
        if let Some(areas) = area_ids {
            for (k, a) in ph.areas.iter().enumerate() {
                if !areas.contains(a) {
                    cx.err(
                        p,
                        &format!("{pp}.areas[{k}]"),
                        format!(
                            "phase `{}` refers to unknown area `{a}`: expected one of {}",
                            ph.id,
                            list(areas)
                        ),
                    );
                }
            }
        }
    }
    if let Some(areas) = area_ids
        && !m.phases.is_empty()
    {
        for a in areas {
            if !m.phases.iter().any(|ph| ph.areas.contains(a)) {
                cx.warn(
                    p,
                    "phases",
                    format!("area `{a}` is in no phase: mock interviews never ask its questions"),
                );
            }
        }
    }
    let total: f32 = m.phases.iter().map(|ph| ph.minutes).sum();
    if m.minutes > 0 && !m.phases.is_empty() && (total - m.minutes as f32).abs() > 0.5 {
        cx.warn(
            p,
            "minutes",
            format!(
                "phase minutes add up to {total} but the interview lasts {} minutes (phases are scaled to fit)",
                m.minutes
            ),
        );
    }
    let mut ids = Ids::new("curveball");
    for (i, b) in m.client_speak.iter().enumerate() {
        check_curveball(
            p,
            &format!("client_speak[{i}]"),
            b,
            Some(phase_ids),
            criteria,
            &mut ids,
            cx,
        );
    }
    if m.fallback_answers.is_empty() {
        cx.err(
            p,
            "fallback_answers",
            "no fallback answers: the client needs something to say to questions no fact answers"
                .to_string(),
        );
    }
    for (i, a) in m.fallback_answers.iter().enumerate() {
        nonempty(
            p,
            &format!("fallback_answers[{i}]"),
            "fallback answer",
            a,
            cx,
        );
    }
}
