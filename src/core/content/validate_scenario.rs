//! Semantic checks of one scenario file: its ids and task types, facts,
//! curveballs, emphasis, own criteria, key points, red flags, the criteria
//! it marks not applicable, its example sentences and its exemplar.

use super::model::{Rubric, Scenario};
use super::parse::{Cx, Parsed};
use super::validate::{
    Ids, check_criterion, check_evidence, check_flag, check_probes, check_task_types, is_kebab,
    is_task_type, list, nonempty, nonempty_items, positive, unknown_task_type,
};
use super::validate_mock::check_curveball;
use std::collections::BTreeSet;

/// What a scenario may refer to in the rest of the pack.
pub(super) struct Refs<'a> {
    pub area_ids: &'a [String],
    /// The rubric, when it parsed.
    pub rubric: Option<&'a Rubric>,
    /// Phase ids of the mock profile, when it parsed.
    pub phases: Option<&'a [String]>,
    /// `client_speak` ids of the mock profile.
    pub mock_speak: &'a [String],
}

/// Length of an exemplar answer, in words, that a candidate could say.
const EXEMPLAR_WORDS: (usize, usize) = (500, 1000);

pub(super) fn check_scenario(p: &Parsed<Scenario>, refs: &Refs<'_>, cx: &mut Cx) {
    let s = &p.value;
    check_identity(p, cx);

    // Criteria: the rubric's and the scenario's own, unique together.
    let rubric_criteria: Option<BTreeSet<String>> = refs
        .rubric
        .map(|r| r.criteria.iter().map(|c| c.id.clone()).collect());
    let mut ids = Ids::new("criterion");
    for (i, c) in s.criteria.iter().enumerate() {
        let cp = format!("criteria[{i}]");
        if rubric_criteria.as_ref().is_some_and(|r| r.contains(&c.id)) {
            cx.err(
                p,
                &format!("{cp}.id"),
                format!(
                    "duplicate criterion id `{}`: the rubric already defines it",
                    c.id
                ),
            );
            let mut fresh = Ids::new("criterion");
            check_criterion(p, &cp, c, refs.area_ids, &mut fresh, cx);
        } else {
            check_criterion(p, &cp, c, refs.area_ids, &mut ids, cx);
        }
    }
    let criteria: Option<BTreeSet<String>> = rubric_criteria.map(|mut set| {
        set.extend(s.criteria.iter().map(|c| c.id.clone()));
        set
    });

    check_facts(p, refs, cx);
    let mut balls = Ids::new("curveball");
    for (i, b) in s.curveballs.iter().enumerate() {
        check_curveball(
            p,
            &format!("curveballs[{i}]"),
            b,
            refs.phases,
            criteria.as_ref(),
            &mut balls,
            cx,
        );
        if refs.mock_speak.contains(&b.id) {
            cx.err(
                p,
                &format!("curveballs[{i}].id"),
                format!(
                    "curveball id `{}` is also a client_speak id in mock.yaml: mock interviews schedule both together, so ids must differ",
                    b.id
                ),
            );
        }
    }
    check_key_points(p, refs, criteria.as_ref(), cx);
    check_flags(p, refs, criteria.as_ref(), cx);
    check_not_applicable(p, refs, criteria.as_ref(), cx);
    check_emphasis(p, refs, criteria.as_ref(), cx);
    check_examples(p, refs, criteria.as_ref(), cx);
    nonempty_items(p, "vocabulary", "vocabulary entry", &s.vocabulary, cx);

    let words = s.exemplar.split_whitespace().count();
    if words == 0 {
        cx.err(p, "exemplar", "the exemplar answer is empty".to_string());
    } else if !(EXEMPLAR_WORDS.0..=EXEMPLAR_WORDS.1).contains(&words) {
        cx.warn(
            p,
            "exemplar",
            format!(
                "the exemplar has {words} words: a spoken answer of {}–{} reads best",
                EXEMPLAR_WORDS.0, EXEMPLAR_WORDS.1
            ),
        );
    }
}

/// Id, file name, required texts, task types and aliases.
fn check_identity(p: &Parsed<Scenario>, cx: &mut Cx) {
    let s = &p.value;
    if !is_kebab(&s.id) {
        cx.err(
            p,
            "id",
            format!(
                "scenario id `{}` must be kebab-case (lowercase letters, digits and single hyphens)",
                s.id
            ),
        );
    }
    let stem = p
        .file
        .file_stem()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_kebab(&s.id) && stem != s.id {
        cx.warn(
            p,
            "id",
            format!("scenario id `{}` differs from its file name `{stem}`", s.id),
        );
    }
    nonempty(p, "title", "scenario title", &s.title, cx);
    nonempty(p, "domain", "scenario domain", &s.domain, cx);
    nonempty(p, "prompt", "scenario prompt", &s.prompt, cx);
    if !is_task_type(&s.task_type) {
        cx.err(p, "task_type", unknown_task_type(&s.task_type));
    }
    let owner = format!("scenario `{}`", s.id);
    check_task_types(p, "other_task_types", &owner, &s.other_task_types, cx);
    for (i, t) in s.other_task_types.iter().enumerate() {
        if *t == s.task_type {
            cx.warn(
                p,
                &format!("other_task_types[{i}]"),
                format!("`{t}` is already the scenario's task_type"),
            );
        }
    }
    for (i, a) in s.aliases.iter().enumerate() {
        let ap = format!("aliases[{i}]");
        if !is_kebab(a) {
            cx.err(
                p,
                &ap,
                format!("alias `{a}` must be kebab-case (it is a former scenario id)"),
            );
        } else if *a == s.id {
            cx.err(p, &ap, format!("alias `{a}` is the scenario's own id"));
        }
    }
}

fn check_facts(p: &Parsed<Scenario>, refs: &Refs<'_>, cx: &mut Cx) {
    let mut facts = Ids::new("fact");
    for (i, f) in p.value.facts.iter().enumerate() {
        let fp = format!("facts[{i}]");
        facts.add(p, &format!("{fp}.id"), &f.id, cx);
        nonempty(p, &format!("{fp}.answer"), "fact answer", &f.answer, cx);
        if f.unlocked_by.is_empty() {
            cx.err(
                p,
                &format!("{fp}.unlocked_by"),
                format!(
                    "fact `{}` has no unlocked_by phrases: no question could reveal it",
                    f.id
                ),
            );
        }
        nonempty_items(
            p,
            &format!("{fp}.unlocked_by"),
            "unlocked_by phrase",
            &f.unlocked_by,
            cx,
        );
        if !refs.area_ids.contains(&f.area) {
            cx.err(
                p,
                &format!("{fp}.area"),
                format!(
                    "fact `{}` refers to unknown area `{}`: expected one of {}",
                    f.id,
                    f.area,
                    list(refs.area_ids)
                ),
            );
        }
    }
}

fn check_key_points(
    p: &Parsed<Scenario>,
    refs: &Refs<'_>,
    criteria: Option<&BTreeSet<String>>,
    cx: &mut Cx,
) {
    let mut ids = Ids::new("key point");
    for (i, k) in p.value.key_points.iter().enumerate() {
        let kp = format!("key_points[{i}]");
        ids.add(p, &format!("{kp}.id"), &k.id, cx);
        if criteria.is_some_and(|c| c.contains(&k.id)) {
            cx.err(
                p,
                &format!("{kp}.id"),
                format!(
                    "key point id `{}` is also a criterion id: give the key point its own id",
                    k.id
                ),
            );
        }
        if !refs.area_ids.contains(&k.area) {
            cx.err(
                p,
                &format!("{kp}.area"),
                format!(
                    "key point `{}` refers to unknown area `{}`: expected one of {}",
                    k.id,
                    k.area,
                    list(refs.area_ids)
                ),
            );
        }
        for (field, what, value) in [
            ("label", "key point label", &k.label),
            ("why", "key point why", &k.why),
            ("hint", "key point hint", &k.hint),
            ("example", "key point example", &k.example),
        ] {
            nonempty(p, &format!("{kp}.{field}"), what, value, cx);
        }
        if !positive(k.weight) {
            cx.err(
                p,
                &format!("{kp}.weight"),
                format!(
                    "key point `{}` weight must be a positive number, got {}",
                    k.id, k.weight
                ),
            );
        }
        let owner = format!("key point `{}`", k.id);
        check_probes(p, &format!("{kp}.probes"), &owner, &k.probes, true, cx);
        check_evidence(p, &format!("{kp}.evidence"), &owner, &k.evidence, cx);
    }
}

fn check_flags(
    p: &Parsed<Scenario>,
    refs: &Refs<'_>,
    criteria: Option<&BTreeSet<String>>,
    cx: &mut Cx,
) {
    let s = &p.value;
    // A flag's `criterion` may name a criterion or one of the key points;
    // unknown only when the rubric parsed (else every name is suspect).
    let targets: BTreeSet<String> = match criteria {
        Some(c) => c
            .iter()
            .cloned()
            .chain(s.key_points.iter().map(|k| k.id.clone()))
            .collect(),
        None => s
            .red_flags
            .iter()
            .filter_map(|f| f.criterion.clone())
            .collect(),
    };
    let general: BTreeSet<&str> = refs
        .rubric
        .map(|r| r.red_flags.iter().map(|f| f.id.as_str()).collect())
        .unwrap_or_default();
    let mut ids = Ids::new("red flag");
    for (i, f) in s.red_flags.iter().enumerate() {
        let fp = format!("red_flags[{i}]");
        check_flag(p, &fp, f, &targets, false, &mut ids, cx);
        if general.contains(f.id.as_str()) {
            cx.err(
                p,
                &format!("{fp}.id"),
                format!(
                    "red flag id `{}` is also a rubric red flag: give the scenario's flag its own id (or mark the rubric's not_applicable)",
                    f.id
                ),
            );
        }
    }
}

/// Why a criterion does not apply to this scenario, if it does not: marked
/// `not_applicable`, or its `applies_to` misses every task type.
fn not_applying(s: &Scenario, rubric: Option<&Rubric>, id: &str) -> Option<String> {
    if s.not_applicable(id).is_some() {
        return Some("the scenario marks it not_applicable".to_string());
    }
    let c = rubric
        .and_then(|r| r.criterion(id))
        .or_else(|| s.criteria.iter().find(|c| c.id == id))?;
    (!c.applies(s.task_types())).then(|| {
        format!(
            "it applies to {} and the scenario is {}",
            c.applies_to.join(", "),
            s.task_types().collect::<Vec<_>>().join(", ")
        )
    })
}

fn check_not_applicable(
    p: &Parsed<Scenario>,
    refs: &Refs<'_>,
    criteria: Option<&BTreeSet<String>>,
    cx: &mut Cx,
) {
    let s = &p.value;
    let mut ids = Ids::new("not_applicable criterion");
    for (i, n) in s.not_applicable.iter().enumerate() {
        let np = format!("not_applicable[{i}]");
        ids.add(p, &format!("{np}.criterion"), &n.criterion, cx);
        nonempty(p, &format!("{np}.why"), "not_applicable why", &n.why, cx);
        let (Some(criteria), Some(rubric)) = (criteria, refs.rubric) else {
            continue;
        };
        let is_flag = rubric.red_flags.iter().any(|f| f.id == n.criterion);
        if !criteria.contains(&n.criterion) && !is_flag {
            cx.err(
                p,
                &format!("{np}.criterion"),
                format!(
                    "not_applicable refers to unknown criterion or rubric red flag `{}`",
                    n.criterion
                ),
            );
        }
    }
}

fn check_emphasis(
    p: &Parsed<Scenario>,
    refs: &Refs<'_>,
    criteria: Option<&BTreeSet<String>>,
    cx: &mut Cx,
) {
    let s = &p.value;
    let mut emph = Ids::new("emphasis criterion");
    for (i, e) in s.emphasis.iter().enumerate() {
        let ep = format!("emphasis[{i}]");
        emph.add(p, &format!("{ep}.criterion"), &e.criterion, cx);
        if let Some(set) = criteria
            && !set.contains(&e.criterion)
        {
            cx.err(
                p,
                &format!("{ep}.criterion"),
                format!("emphasis refers to unknown criterion `{}`", e.criterion),
            );
        } else if let Some(why) = not_applying(s, refs.rubric, &e.criterion) {
            cx.err(
                p,
                &format!("{ep}.criterion"),
                format!(
                    "emphasis on `{}`, which does not apply here: {why}",
                    e.criterion
                ),
            );
        }
        if !positive(e.weight) {
            cx.err(
                p,
                &format!("{ep}.weight"),
                format!(
                    "emphasis on `{}`: weight must be a positive number, got {}",
                    e.criterion, e.weight
                ),
            );
        }
        nonempty(p, &format!("{ep}.why"), "emphasis why", &e.why, cx);
        // What a scenario stresses is what an interviewer follows up on.
        let probes = refs
            .rubric
            .and_then(|r| r.criteria.iter().find(|c| c.id == e.criterion))
            .map(|c| c.probes.len());
        if probes == Some(0) {
            cx.warn(
                p,
                &format!("{ep}.criterion"),
                format!(
                    "emphasis on `{}`, which has no probes in the rubric: the mock interview cannot follow up on it",
                    e.criterion
                ),
            );
        }
    }
}

fn check_examples(
    p: &Parsed<Scenario>,
    refs: &Refs<'_>,
    criteria: Option<&BTreeSet<String>>,
    cx: &mut Cx,
) {
    let s = &p.value;
    let mut ids = Ids::new("example criterion");
    for (i, e) in s.examples.iter().enumerate() {
        let ep = format!("examples[{i}]");
        ids.add(p, &format!("{ep}.criterion"), &e.criterion, cx);
        nonempty(p, &format!("{ep}.text"), "example text", &e.text, cx);
        if let Some(set) = criteria
            && !set.contains(&e.criterion)
        {
            cx.err(
                p,
                &format!("{ep}.criterion"),
                format!("example for unknown criterion `{}`", e.criterion),
            );
        } else if let Some(why) = not_applying(s, refs.rubric, &e.criterion) {
            cx.warn(
                p,
                &format!("{ep}.criterion"),
                format!(
                    "example for `{}`, which does not apply here ({why}): it is never shown",
                    e.criterion
                ),
            );
        }
    }
}
