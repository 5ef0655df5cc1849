//! Semantic checks shared by every file of a pack (ids, weights, evidence,
//! task types, red flags) and the rubric's own: its areas, questions,
//! criteria, general red flags and scoring settings.

use super::model::{
    AREA_IDS, Criterion, Evidence, MAJOR_WEIGHT, MAX_PROBES, RedFlag, Rubric, ScoringSettings,
    TASK_TYPES,
};
use super::parse::{Cx, Parsed};
use std::collections::{BTreeSet, HashMap};

pub(super) fn list(ids: &[String]) -> String {
    ids.join(", ")
}

pub(super) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

pub(super) fn positive(w: f32) -> bool {
    w.is_finite() && w > 0.0
}

/// Records ids and reports the second and later occurrences.
pub(super) struct Ids {
    kind: &'static str,
    seen: HashMap<String, (usize, usize)>,
}

impl Ids {
    pub fn new(kind: &'static str) -> Self {
        Ids {
            kind,
            seen: HashMap::new(),
        }
    }
    pub fn add<T>(&mut self, p: &Parsed<T>, path: &str, id: &str, cx: &mut Cx) {
        if id.trim().is_empty() {
            cx.err(p, path, format!("empty {} id", self.kind));
            return;
        }
        let loc = p.spans.loc(path);
        if let Some((l, c)) = self.seen.get(id) {
            cx.err(
                p,
                path,
                format!(
                    "duplicate {} id `{id}` (first defined at line {l}, column {c})",
                    self.kind
                ),
            );
        } else {
            self.seen.insert(id.to_string(), loc);
        }
    }
}

pub(super) fn nonempty<T>(p: &Parsed<T>, path: &str, what: &str, value: &str, cx: &mut Cx) {
    if value.trim().is_empty() {
        cx.err(p, path, format!("{what} must not be empty"));
    }
}

/// Every entry of a list of strings must be non-empty (`probes`,
/// `unless`, `vocabulary`, …).
pub(super) fn nonempty_items<T>(
    p: &Parsed<T>,
    path: &str,
    what: &str,
    items: &[String],
    cx: &mut Cx,
) {
    for (i, s) in items.iter().enumerate() {
        if s.trim().is_empty() {
            cx.err(p, &format!("{path}[{i}]"), format!("empty {what}"));
        }
    }
}

/// A key point's or criterion's follow-up probes: none empty, at most
/// [`MAX_PROBES`], and at least one when `needed` (a key point, a major
/// criterion). Missing or surplus probes are warnings: the pack loads, but
/// the mock cannot follow up on the point, or draws from too many.
pub(super) fn check_probes<T>(
    p: &Parsed<T>,
    path: &str,
    owner: &str,
    probes: &[String],
    needed: bool,
    cx: &mut Cx,
) {
    nonempty_items(p, path, "probe", probes, cx);
    if needed && probes.is_empty() {
        cx.warn(
            p,
            path,
            format!("{owner} has no probes: the mock interview cannot follow up on it (give it 1–{MAX_PROBES} questions)"),
        );
    } else if probes.len() > MAX_PROBES {
        cx.warn(
            p,
            path,
            format!(
                "{owner} has {} probes: {MAX_PROBES} at most, the sharpest ones",
                probes.len()
            ),
        );
    }
}

fn task_type_list() -> String {
    TASK_TYPES.join(", ")
}

pub(super) fn is_task_type(t: &str) -> bool {
    TASK_TYPES.contains(&t)
}

/// Reports every entry of a task-type list that is not a known task type;
/// returns how many are known.
pub(super) fn check_task_types<T>(
    p: &Parsed<T>,
    path: &str,
    owner: &str,
    types: &[String],
    cx: &mut Cx,
) -> usize {
    let mut known = 0;
    for (i, t) in types.iter().enumerate() {
        if is_task_type(t) {
            known += 1;
        } else {
            cx.err(
                p,
                &format!("{path}[{i}]"),
                format!(
                    "{owner} refers to unknown task type `{t}`: expected one of {}",
                    task_type_list()
                ),
            );
        }
    }
    known
}

/// Unknown task type message for a single field (`task_type`).
pub(super) fn unknown_task_type(t: &str) -> String {
    if t.trim().is_empty() {
        format!(
            "task_type must not be empty: expected one of {}",
            task_type_list()
        )
    } else {
        format!(
            "unknown task type `{t}`: expected one of {}",
            task_type_list()
        )
    }
}

/// Compiled-size limit for evidence patterns, as the scoring engine builds them.
const REGEX_SIZE_LIMIT: usize = 1 << 22;

fn regex_error_line(e: &regex::Error) -> String {
    let s = e.to_string();
    s.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim().trim_start_matches("error:").trim().to_string())
        .unwrap_or_else(|| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Evidence of a criterion, key point or red flag (`owner` names it, e.g.
/// "criterion `labels`"): at least one concept, each with phrases or
/// patterns that compile, not only qualifiers, and a sensible `need`.
pub(super) fn check_evidence<T>(p: &Parsed<T>, ep: &str, owner: &str, ev: &Evidence, cx: &mut Cx) {
    if ev.concepts.is_empty() {
        cx.err(
            p,
            &format!("{ep}.concepts"),
            format!("{owner} has no evidence: add at least one concept with phrases or patterns"),
        );
    }
    for (k, con) in ev.concepts.iter().enumerate() {
        let kp = format!("{ep}.concepts[{k}]");
        nonempty(p, &format!("{kp}.name"), "concept name", &con.name, cx);
        if con.phrases.is_empty() && con.patterns.is_empty() {
            cx.err(
                p,
                &kp,
                format!(
                    "concept `{}` of {owner} has no phrases and no patterns: it can never match",
                    con.name
                ),
            );
        }
        for (m, ph) in con.phrases.iter().enumerate() {
            if ph.trim().is_empty() {
                cx.err(
                    p,
                    &format!("{kp}.phrases[{m}]"),
                    format!("empty phrase in concept `{}`", con.name),
                );
            }
        }
        for (m, pat) in con.patterns.iter().enumerate() {
            if let Err(e) = regex::RegexBuilder::new(pat)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
            {
                cx.err(
                    p,
                    &format!("{kp}.patterns[{m}]"),
                    format!("pattern `{pat}` does not compile: {}", regex_error_line(&e)),
                );
            }
        }
    }
    if !ev.concepts.is_empty() && ev.concepts.iter().all(|k| k.qualifier) {
        cx.err(
            p,
            &format!("{ep}.concepts"),
            format!(
                "{owner} has only qualifier concepts: a qualifier counts only beside another concept, so it can never be earned"
            ),
        );
    }
    match ev.need {
        Some(0) => cx.err(
            p,
            &format!("{ep}.need"),
            format!("{owner}: need must be at least 1"),
        ),
        Some(n) if n > ev.concepts.len() => cx.err(
            p,
            &format!("{ep}.need"),
            format!(
                "{owner}: need is {n} but there are only {} concept(s)",
                ev.concepts.len()
            ),
        ),
        _ => {}
    }
}

/// A criterion of the rubric or of a scenario.
pub(super) fn check_criterion<T>(
    p: &Parsed<T>,
    cp: &str,
    c: &Criterion,
    area_ids: &[String],
    ids: &mut Ids,
    cx: &mut Cx,
) {
    ids.add(p, &format!("{cp}.id"), &c.id, cx);
    if !area_ids.contains(&c.area) {
        cx.err(
            p,
            &format!("{cp}.area"),
            format!(
                "criterion `{}` refers to unknown area `{}`: expected one of {}",
                c.id,
                c.area,
                list(area_ids)
            ),
        );
    }
    nonempty(p, &format!("{cp}.label"), "criterion label", &c.label, cx);
    if !positive(c.weight) {
        cx.err(
            p,
            &format!("{cp}.weight"),
            format!(
                "criterion `{}` weight must be a positive number, got {}",
                c.id, c.weight
            ),
        );
    }
    let owner = format!("criterion `{}`", c.id);
    let known = check_task_types(p, &format!("{cp}.applies_to"), &owner, &c.applies_to, cx);
    if !c.applies_to.is_empty() && known == 0 {
        cx.err(
            p,
            &format!("{cp}.applies_to"),
            format!("{owner} applies to no known task type, so it is never scored (leave applies_to out for every task type)"),
        );
    }
    let major = c.weight >= MAJOR_WEIGHT;
    let what = if major {
        format!("major {owner} (weight {} ≥ {MAJOR_WEIGHT})", c.weight)
    } else {
        owner.clone()
    };
    check_probes(p, &format!("{cp}.probes"), &what, &c.probes, major, cx);
    check_evidence(p, &format!("{cp}.evidence"), &owner, &c.evidence, cx);
}

/// A red flag of the rubric (`general`: it must say which task types it
/// applies to) or of a scenario. `targets` are the ids its `criterion` may
/// name.
pub(super) fn check_flag<T>(
    p: &Parsed<T>,
    fp: &str,
    f: &RedFlag,
    targets: &BTreeSet<String>,
    general: bool,
    ids: &mut Ids,
    cx: &mut Cx,
) {
    ids.add(p, &format!("{fp}.id"), &f.id, cx);
    let owner = format!("red flag `{}`", f.id);
    nonempty(p, &format!("{fp}.label"), "red flag label", &f.label, cx);
    nonempty(p, &format!("{fp}.why"), "red flag why", &f.why, cx);
    nonempty(
        p,
        &format!("{fp}.instead"),
        "red flag instead",
        &f.instead,
        cx,
    );
    let known = check_task_types(p, &format!("{fp}.applies_to"), &owner, &f.applies_to, cx);
    if general && f.applies_to.is_empty() {
        cx.err(
            p,
            &format!("{fp}.id"),
            format!(
                "{owner} has no applies_to: a general red flag lists the task types it applies to ({})",
                task_type_list()
            ),
        );
    } else if !f.applies_to.is_empty() && known == 0 {
        cx.err(
            p,
            &format!("{fp}.applies_to"),
            format!("{owner} applies to no known task type, so it can never be raised"),
        );
    }
    if let Some(c) = &f.criterion
        && !targets.contains(c)
    {
        let what = if general {
            "criterion"
        } else {
            "criterion or key point"
        };
        cx.err(
            p,
            &format!("{fp}.criterion"),
            format!("{owner} refers to unknown {what} `{c}`"),
        );
    }
    nonempty_items(p, &format!("{fp}.unless"), "unless phrase", &f.unless, cx);
    check_evidence(p, &format!("{fp}.evidence"), &owner, &f.evidence, cx);
}

pub(super) fn check_rubric(p: &Parsed<Rubric>, cx: &mut Cx) {
    let r = &p.value;
    let mut areas = Ids::new("area");
    let mut questions = Ids::new("question");
    let criteria: BTreeSet<String> = r.criteria.iter().map(|c| c.id.clone()).collect();
    let contract: Vec<String> = AREA_IDS.iter().map(|s| s.to_string()).collect();
    for (i, a) in r.areas.iter().enumerate() {
        let ap = format!("areas[{i}]");
        areas.add(p, &format!("{ap}.id"), &a.id, cx);
        if !a.id.is_empty() && !AREA_IDS.contains(&a.id.as_str()) {
            cx.err(
                p,
                &format!("{ap}.id"),
                format!(
                    "unknown area id `{}`: expected one of {}",
                    a.id,
                    list(&contract)
                ),
            );
        }
        nonempty(p, &format!("{ap}.title"), "area title", &a.title, cx);
        if !positive(a.weight) {
            cx.err(
                p,
                &format!("{ap}.weight"),
                format!(
                    "area `{}` weight must be a positive number, got {}",
                    a.id, a.weight
                ),
            );
        }
        if a.questions.is_empty() {
            cx.err(
                p,
                &format!("{ap}.questions"),
                format!(
                    "area `{}` has no questions: add at least one (the coach asks them in order)",
                    a.id
                ),
            );
        }
        for (j, q) in a.questions.iter().enumerate() {
            let qp = format!("{ap}.questions[{j}]");
            questions.add(p, &format!("{qp}.id"), &q.id, cx);
            nonempty(p, &format!("{qp}.prompt"), "question prompt", &q.prompt, cx);
            for (k, c) in q.criteria.iter().enumerate() {
                if !criteria.contains(c) {
                    cx.err(
                        p,
                        &format!("{qp}.criteria[{k}]"),
                        format!("question `{}` refers to unknown criterion `{c}`", q.id),
                    );
                }
            }
        }
    }
    if !r.areas.is_empty() {
        for id in AREA_IDS {
            if !r.areas.iter().any(|a| a.id == id) {
                cx.err(
                    p,
                    "areas",
                    format!(
                        "missing area `{id}`: a rubric defines all {} areas ({})",
                        AREA_IDS.len(),
                        list(&contract)
                    ),
                );
            }
        }
    } else {
        cx.err(
            p,
            "areas",
            format!("no areas: expected all of {}", list(&contract)),
        );
    }
    let mut ids = Ids::new("criterion");
    for (i, c) in r.criteria.iter().enumerate() {
        check_criterion(p, &format!("criteria[{i}]"), c, &contract, &mut ids, cx);
    }
    let targeted: BTreeSet<&str> = r
        .questions()
        .flat_map(|(_, q)| q.criteria.iter().map(String::as_str))
        .collect();
    for (i, c) in r.criteria.iter().enumerate() {
        if !targeted.contains(c.id.as_str()) {
            cx.warn(
                p,
                &format!("criteria[{i}].id"),
                format!(
                    "criterion `{}` is not targeted by any question: list it in a question's `criteria`",
                    c.id
                ),
            );
        }
    }
    for (i, a) in r.areas.iter().enumerate() {
        if !r.criteria.iter().any(|c| c.area == a.id) {
            cx.warn(
                p,
                &format!("areas[{i}].id"),
                format!(
                    "area `{}` has no criteria: nothing in it can be scored",
                    a.id
                ),
            );
        }
    }
    let mut flags = Ids::new("red flag");
    for (i, f) in r.red_flags.iter().enumerate() {
        let fp = format!("red_flags[{i}]");
        check_flag(p, &fp, f, &criteria, true, &mut flags, cx);
        if criteria.contains(&f.id) {
            cx.err(
                p,
                &format!("{fp}.id"),
                format!(
                    "red flag id `{}` is also a criterion id: `not_applicable` could not tell them apart",
                    f.id
                ),
            );
        }
    }
    check_scoring(p, &r.scoring, cx);
}

/// The scoring settings: a share within 0–1, a scale of increasing points
/// within 0–1 × 0–100, non-negative penalties, and bands from the highest
/// down to one that starts at 0.
fn check_scoring<T>(p: &Parsed<T>, s: &ScoringSettings, cx: &mut Cx) {
    let in_range = |x: f32, hi: f32| x.is_finite() && (0.0..=hi).contains(&x);
    if !in_range(s.key_point_share, 1.0) {
        cx.err(
            p,
            "scoring.key_point_share",
            format!(
                "key_point_share must be between 0 and 1, got {}",
                s.key_point_share
            ),
        );
    }
    if s.scale.len() < 2 {
        cx.err(
            p,
            "scoring.scale",
            "the scale needs at least two [coverage, score] points, e.g. [[0, 0], [1, 100]]"
                .to_string(),
        );
    }
    for (i, [cov, score]) in s.scale.iter().copied().enumerate() {
        let sp = format!("scoring.scale[{i}]");
        if !in_range(cov, 1.0) || !in_range(score, 100.0) {
            cx.err(
                p,
                &sp,
                format!(
                    "scale point [{cov}, {score}]: coverage must be within 0-1 and score within 0-100"
                ),
            );
        }
        if i > 0 {
            let [prev_cov, prev_score] = s.scale[i - 1];
            if cov <= prev_cov || score < prev_score {
                cx.err(
                    p,
                    &sp,
                    format!(
                        "scale point [{cov}, {score}] after [{prev_cov}, {prev_score}]: coverage must increase and the score must not fall"
                    ),
                );
            }
        }
    }
    for (name, v) in [
        ("flag_penalty", s.flag_penalty),
        ("penalty_cap", s.penalty_cap),
    ] {
        if !in_range(v, 100.0) {
            cx.err(
                p,
                &format!("scoring.{name}"),
                format!("{name} must be between 0 and 100 points, got {v}"),
            );
        }
    }
    if s.full_answer_points > 100 {
        cx.err(
            p,
            "scoring.full_answer_points",
            format!(
                "full_answer_points must be between 0 (off) and 100 sentences, got {}",
                s.full_answer_points
            ),
        );
    }
    if s.bands.is_empty() {
        cx.err(
            p,
            "scoring.bands",
            "no bands: list them from the highest down to one starting at 0".to_string(),
        );
    }
    let mut ids = Ids::new("band");
    for (i, b) in s.bands.iter().enumerate() {
        let bp = format!("scoring.bands[{i}]");
        ids.add(p, &format!("{bp}.id"), &b.id, cx);
        nonempty(p, &format!("{bp}.label"), "band label", &b.label, cx);
        nonempty(p, &format!("{bp}.meaning"), "band meaning", &b.meaning, cx);
        if !in_range(b.min, 100.0) {
            cx.err(
                p,
                &format!("{bp}.min"),
                format!("band `{}` min must be within 0-100, got {}", b.id, b.min),
            );
        } else if i > 0 && b.min >= s.bands[i - 1].min {
            cx.err(
                p,
                &format!("{bp}.min"),
                format!(
                    "band `{}` starts at {} but the band above it starts at {}: list bands from the highest down",
                    b.id,
                    b.min,
                    s.bands[i - 1].min
                ),
            );
        }
    }
    if let Some(last) = s.bands.last()
        && last.min != 0.0
    {
        cx.err(
            p,
            &format!("scoring.bands[{}].min", s.bands.len() - 1),
            format!(
                "the lowest band `{}` starts at {}: it must start at 0 so every score has a band",
                last.id, last.min
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert!(is_kebab("fraud-detection"));
        assert!(is_kebab("ads-ctr2"));
        assert!(!is_kebab("Fraud"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
        assert!(!is_kebab(""));
    }

    #[test]
    fn task_types() {
        assert!(is_task_type("regression"));
        assert!(!is_task_type("Regression"));
        assert!(unknown_task_type("").starts_with("task_type must not be empty"));
        assert!(unknown_task_type("ranker").contains("`ranker`"));
    }
}
