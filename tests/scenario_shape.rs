//! Shape checks for every scenario under `content/scenarios/`.
//!
//! Each file must parse into `Scenario` and follow the authoring rules:
//! id = file stem, 8-12 facts with 4-6 key ones, 4-6 requirement curveballs
//! plus 1-2 client-speak lines, 3-6 emphasis entries, an exemplar for all
//! eight areas, known criterion / area / phase ids, plain text.

use mlsd_coach::core::content::{AREA_IDS, CRITERION_CONTRACT, CurveballKind, Scenario};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

const PHASE_IDS: [&str; 7] = [
    "framing",
    "data",
    "explore-prep",
    "modelling",
    "reporting",
    "production",
    "wrap-up",
];

/// The scenarios this suite requires to exist (others may be added).
const REQUIRED: [&str; 11] = [
    "video-recommendation",
    "spam-email",
    "eta-prediction",
    "churn-prediction",
    "credit-risk",
    "document-understanding",
    "speech-recognition",
    "product-search-marketplace",
    "demand-forecasting",
    "medical-imaging-triage",
    "people-you-may-know",
];

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/scenarios")
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = scenario_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Ids a scenario may refer to: the contract plus its own criteria.
fn known_criteria(s: &Scenario) -> HashSet<String> {
    let mut ids: HashSet<String> = CRITERION_CONTRACT
        .iter()
        .flat_map(|(_, ids)| ids.iter().map(|s| s.to_string()))
        .collect();
    ids.extend(s.criteria.iter().map(|c| c.id.clone()));
    ids
}

/// Every problem with one scenario file, as readable messages.
///
/// Structural rules (ids, references, plain text) apply to every file;
/// `strict` adds the authoring counts and ranges this suite's scenarios
/// follow (other authors may pick other counts).
fn problems(stem: &str, raw: &str, s: &Scenario, strict: bool) -> Vec<String> {
    let mut p = Vec::new();
    let known = known_criteria(s);

    if s.id != stem {
        p.push(format!("id `{}` differs from file stem `{stem}`", s.id));
    }
    if !is_kebab(&s.id) {
        p.push(format!("id `{}` is not kebab-case", s.id));
    }
    for (name, value) in [
        ("title", &s.title),
        ("domain", &s.domain),
        ("prompt", &s.prompt),
        ("context", &s.context),
    ] {
        if value.trim().is_empty() {
            p.push(format!("{name} is empty"));
        }
    }

    // Facts.
    if strict && !(8..=12).contains(&s.facts.len()) {
        p.push(format!("{} facts (want 8-12)", s.facts.len()));
    }
    let key = s.facts.iter().filter(|f| f.key).count();
    if strict && !(4..=6).contains(&key) {
        p.push(format!("{key} key facts (want 4-6)"));
    }
    let mut fact_ids = HashSet::new();
    for f in &s.facts {
        if !is_kebab(&f.id) {
            p.push(format!("fact id `{}` is not kebab-case", f.id));
        }
        if !fact_ids.insert(f.id.as_str()) {
            p.push(format!("fact id `{}` is duplicated", f.id));
        }
        if f.answer.trim().is_empty() {
            p.push(format!("fact `{}` has an empty answer", f.id));
        }
        let (lo, hi) = if strict { (3, 8) } else { (1, usize::MAX) };
        if !(lo..=hi).contains(&f.unlocked_by.len()) {
            p.push(format!(
                "fact `{}` has {} unlocked_by phrasings (want {lo}-{hi})",
                f.id,
                f.unlocked_by.len()
            ));
        }
        if f.unlocked_by.iter().any(|u| u.trim().is_empty()) {
            p.push(format!("fact `{}` has an empty unlocked_by phrasing", f.id));
        }
        if !AREA_IDS.contains(&f.area.as_str()) {
            p.push(format!("fact `{}` has unknown area `{}`", f.id, f.area));
        }
    }

    // Curveballs.
    let requirements = s
        .curveballs
        .iter()
        .filter(|c| c.kind == CurveballKind::Requirement)
        .count();
    let speak = s
        .curveballs
        .iter()
        .filter(|c| c.kind == CurveballKind::ClientSpeak)
        .count();
    if strict && !(4..=6).contains(&requirements) {
        p.push(format!("{requirements} requirement curveballs (want 4-6)"));
    }
    if strict && !(1..=2).contains(&speak) {
        p.push(format!("{speak} client_speak curveballs (want 1-2)"));
    }
    let mut curveball_ids = HashSet::new();
    for c in &s.curveballs {
        if !is_kebab(&c.id) {
            p.push(format!("curveball id `{}` is not kebab-case", c.id));
        }
        if !curveball_ids.insert(c.id.as_str()) {
            p.push(format!("curveball id `{}` is duplicated", c.id));
        }
        if c.text.trim().is_empty() {
            p.push(format!("curveball `{}` has empty text", c.id));
        }
        match c.phase.as_deref() {
            None => p.push(format!("curveball `{}` has no phase", c.id)),
            Some(ph) if !PHASE_IDS.contains(&ph) => {
                p.push(format!("curveball `{}` has unknown phase `{ph}`", c.id));
            }
            Some(_) => {}
        }
        if c.expects.is_empty() {
            p.push(format!("curveball `{}` expects nothing", c.id));
        }
        for e in &c.expects {
            if !known.contains(e) {
                p.push(format!(
                    "curveball `{}` expects unknown criterion `{e}`",
                    c.id
                ));
            }
        }
    }

    // Emphasis.
    if strict && !(3..=6).contains(&s.emphasis.len()) {
        p.push(format!("{} emphasis entries (want 3-6)", s.emphasis.len()));
    }
    let mut emphasised = HashSet::new();
    for e in &s.emphasis {
        if !known.contains(&e.criterion) {
            p.push(format!("emphasis on unknown criterion `{}`", e.criterion));
        }
        if !emphasised.insert(e.criterion.as_str()) {
            p.push(format!("emphasis on `{}` is duplicated", e.criterion));
        }
        let range = if strict { 1.5..=3.0 } else { 0.1..=5.0 };
        if !range.contains(&e.weight) {
            p.push(format!(
                "emphasis on `{}` has weight {} (want {}-{})",
                e.criterion,
                e.weight,
                range.start(),
                range.end()
            ));
        }
        if e.why.trim().is_empty() {
            p.push(format!("emphasis on `{}` has no why", e.criterion));
        }
    }

    // Exemplar: known areas, each once; strictly all eight in interview
    // order with 3-6 points each.
    let areas: Vec<&str> = s.exemplar.iter().map(|x| x.area.as_str()).collect();
    if strict && areas != AREA_IDS {
        p.push(format!(
            "exemplar areas are {areas:?} (want all eight in order: {AREA_IDS:?})"
        ));
    }
    let mut seen_areas = HashSet::new();
    for x in &s.exemplar {
        if !AREA_IDS.contains(&x.area.as_str()) {
            p.push(format!("exemplar has unknown area `{}`", x.area));
        }
        if !seen_areas.insert(x.area.as_str()) {
            p.push(format!("exemplar area `{}` is duplicated", x.area));
        }
        if x.points.is_empty() || (strict && !(3..=6).contains(&x.points.len())) {
            p.push(format!(
                "exemplar `{}` has {} points (want 3-6)",
                x.area,
                x.points.len()
            ));
        }
        if x.points.iter().any(|pt| pt.trim().is_empty()) {
            p.push(format!("exemplar `{}` has an empty point", x.area));
        }
    }

    // Strictly, texts carry no trailing newline or blanks (block scalars use `>-`).
    if strict {
        let mut texts: Vec<(String, &str)> = vec![
            ("prompt".into(), s.prompt.as_str()),
            ("context".into(), s.context.as_str()),
        ];
        texts.extend(
            s.facts
                .iter()
                .map(|f| (format!("fact `{}`", f.id), f.answer.as_str())),
        );
        texts.extend(
            s.curveballs
                .iter()
                .map(|c| (format!("curveball `{}`", c.id), c.text.as_str())),
        );
        texts.extend(
            s.emphasis
                .iter()
                .map(|e| (format!("emphasis `{}`", e.criterion), e.why.as_str())),
        );
        for x in &s.exemplar {
            texts.extend(
                x.points
                    .iter()
                    .map(|pt| (format!("exemplar `{}`", x.area), pt.as_str())),
            );
        }
        for (what, text) in texts {
            if text != text.trim() {
                p.push(format!(
                    "{what}: text has leading or trailing blanks (use `>-`)"
                ));
            }
        }
    }

    // Plain text: no tabs or control characters anywhere in the file.
    for (n, line) in raw.lines().enumerate() {
        if line.chars().any(|c| c.is_control()) {
            p.push(format!("line {}: tab or control character", n + 1));
        }
    }
    p
}

fn check_file(path: &Path) -> Vec<String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let raw = match std::fs::read_to_string(path) {
        Ok(raw) => raw,
        Err(e) => return vec![format!("cannot read: {e}")],
    };
    match serde_yaml::from_str::<Scenario>(&raw) {
        Ok(s) => problems(&stem, &raw, &s, REQUIRED.contains(&stem.as_str())),
        Err(e) => vec![format!("does not parse as a Scenario: {e}")],
    }
}

#[test]
fn every_scenario_file_has_the_required_shape() {
    let files = scenario_files();
    assert!(!files.is_empty(), "no scenario files found");
    let mut report = Vec::new();
    for path in &files {
        for problem in check_file(path) {
            report.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(
        report.is_empty(),
        "scenario problems:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_required_scenarios_exist() {
    let stems: HashSet<String> = scenario_files()
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|id| !stems.contains(*id))
        .collect();
    assert!(missing.is_empty(), "missing scenarios: {missing:?}");
}

#[test]
fn scenario_ids_are_unique_and_titles_distinct() {
    let mut ids = HashSet::new();
    let mut titles = HashSet::new();
    for path in scenario_files() {
        let raw = std::fs::read_to_string(&path).expect("readable");
        let Ok(s) = serde_yaml::from_str::<Scenario>(&raw) else {
            continue; // reported by the shape test
        };
        assert!(ids.insert(s.id.clone()), "duplicate id {}", s.id);
        assert!(
            titles.insert(s.title.clone()),
            "duplicate title {}",
            s.title
        );
    }
}

/// The checker itself must reject broken scenarios, not only accept good ones.
#[test]
fn the_checker_rejects_a_bad_scenario() {
    let raw = "id: Bad_Id\ntitle: t\ndomain: d\nprompt: p\ncontext: c\n\
               curveballs:\n  - id: x\n    kind: client_speak\n    text: |\n      hi\n    \
               phase: lunch\n    expects: [no-such-criterion]\n\
               emphasis:\n  - criterion: latency\n    weight: 5\n    why: w\n\
               exemplar:\n  - area: framing\n    points: [a]\n";
    let s: Scenario = serde_yaml::from_str(raw).expect("parses");
    let p = problems("bad", raw, &s, true).join("\n");
    for needle in [
        "differs from file stem",
        "not kebab-case",
        "0 facts",
        "0 key facts",
        "0 requirement curveballs",
        "unknown phase `lunch`",
        "unknown criterion `no-such-criterion`",
        "1 emphasis entries",
        "weight 5",
        "exemplar areas",
        "has 1 points",
        "trailing blanks",
    ] {
        assert!(p.contains(needle), "expected `{needle}` in:\n{p}");
    }
}

/// Other authors' files get the structural rules, not this suite's counts.
#[test]
fn the_relaxed_checker_keeps_structural_rules_only() {
    let raw = "id: other\ntitle: t\ndomain: d\nprompt: p\ncontext: c\n\
               curveballs:\n  - id: x\n    kind: requirement\n    text: hi\n    \
               phase: lunch\n    expects: [latency]\n\
               emphasis:\n  - criterion: latency\n    weight: 1.2\n    why: w\n\
               exemplar:\n  - area: framing\n    points: [a]\n  \
               - area: marketing\n    points: [b]\n";
    let s: Scenario = serde_yaml::from_str(raw).expect("parses");
    let p = problems("other", raw, &s, false).join("\n");
    assert!(p.contains("unknown phase `lunch`"), "{p}");
    assert!(p.contains("unknown area `marketing`"), "{p}");
    for absent in [
        "facts (want",
        "curveballs (want",
        "weight 1.2",
        "exemplar areas are",
    ] {
        assert!(!p.contains(absent), "unexpected `{absent}` in:\n{p}");
    }
    assert_eq!(p.lines().count(), 2, "{p}");
}

#[test]
fn unknown_fields_are_rejected() {
    let raw = "id: a\ntitle: t\ndomain: d\nprompt: p\ncontext: c\nexemplar: []\nsurprise: 1\n";
    assert!(serde_yaml::from_str::<Scenario>(raw).is_err());
}

/// The exemplar is shown as "an outline of a strong answer": scored by the
/// engine against the rubric, it must read as one. Every emphasised
/// criterion is at least partly earned and the overall score is high.
#[test]
fn exemplars_score_as_strong_answers() {
    use mlsd_coach::core::content::load_dir;
    use mlsd_coach::core::scoring::{AnswerInput, Status, score};

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let content = load_dir(&dir).unwrap_or_else(|d| panic!("content does not load: {d:?}"));
    let mut report = Vec::new();
    for id in REQUIRED {
        let Some(s) = content.scenario(id) else {
            report.push(format!("{id}: not loaded"));
            continue;
        };
        let text: String = s
            .exemplar
            .iter()
            .flat_map(|x| x.points.iter())
            .map(|p| format!("{p}\n"))
            .collect();
        let card = score(
            &content.rubric,
            Some(s),
            &[AnswerInput {
                question: "answer",
                text: &text,
            }],
        );
        if card.overall < 70.0 {
            report.push(format!(
                "{id}: exemplar scores {:.0} (want >= 70)",
                card.overall
            ));
        }
        for e in &s.emphasis {
            let status = card.criterion(&e.criterion).map(|c| c.status);
            if status.is_none_or(|st| st == Status::Missing) {
                report.push(format!(
                    "{id}: exemplar misses emphasised `{}`",
                    e.criterion
                ));
            }
        }
        // Removing the exemplar must lose the score: the check is not vacuous.
        let empty = score(&content.rubric, Some(s), &[]);
        if empty.overall >= card.overall {
            report.push(format!(
                "{id}: an empty answer scores as high as the exemplar"
            ));
        }
    }
    assert!(
        report.is_empty(),
        "exemplar problems:\n{}",
        report.join("\n")
    );
}

/// Natural clarifying questions a strong candidate asks, and the key fact
/// each must reveal (matched the way the client matches questions).
const KEY_QUESTIONS: &[(&str, &str, &str)] = &[
    (
        "credit-risk",
        "default-definition",
        "What percentage of loans go bad?",
    ),
    (
        "credit-risk",
        "label-maturity",
        "How long before we know whether a loan defaulted?",
    ),
    (
        "credit-risk",
        "reject-inference",
        "Do we have outcome data for applicants we declined?",
    ),
    (
        "credit-risk",
        "regulation",
        "Are there regulatory requirements on explaining decisions?",
    ),
    ("credit-risk", "economics", "What does a bad loan cost us?"),
    ("credit-risk", "success", "What is the business goal?"),
    (
        "video-recommendation",
        "scale",
        "How many users and videos do we have?",
    ),
    (
        "video-recommendation",
        "latency",
        "How quickly must recommendations be returned?",
    ),
    (
        "video-recommendation",
        "objective",
        "What metric are we trying to optimise?",
    ),
    (
        "video-recommendation",
        "cold-start",
        "How many videos are uploaded each day?",
    ),
    ("video-recommendation", "infra", "Do we have GPUs?"),
    (
        "spam-email",
        "base-rate",
        "What fraction of incoming mail is spam?",
    ),
    (
        "spam-email",
        "error-costs",
        "Is a false positive worse than a false negative here?",
    ),
    ("spam-email", "labels", "Where do labels come from?"),
    (
        "spam-email",
        "adversaries",
        "How quickly do spammers adapt to the filter?",
    ),
    (
        "spam-email",
        "privacy",
        "How long can we retain emails for training?",
    ),
    (
        "eta-prediction",
        "current-error",
        "How accurate is the current ETA?",
    ),
    (
        "eta-prediction",
        "asymmetric-cost",
        "Is it worse to be late or early?",
    ),
    (
        "eta-prediction",
        "order-lifecycle",
        "What timestamps do we record for each order?",
    ),
    (
        "eta-prediction",
        "latency",
        "What is the latency requirement?",
    ),
    (
        "eta-prediction",
        "updates",
        "How is the ETA shown to the customer?",
    ),
    (
        "churn-prediction",
        "churn-definition",
        "How do you define churn?",
    ),
    (
        "churn-prediction",
        "capacity",
        "How many customers can the retention team contact?",
    ),
    (
        "churn-prediction",
        "uplift",
        "Do the retention calls actually work?",
    ),
    (
        "churn-prediction",
        "lead-time",
        "How far in advance do we need to predict churn?",
    ),
    (
        "churn-prediction",
        "privacy",
        "Are there privacy constraints or opt-outs?",
    ),
    (
        "document-understanding",
        "volume",
        "How many invoices and suppliers do we process?",
    ),
    (
        "document-understanding",
        "labels",
        "Do we have bounding boxes for the fields?",
    ),
    (
        "document-understanding",
        "error-cost",
        "What is the cost of an error?",
    ),
    (
        "document-understanding",
        "success",
        "What is the target for automation?",
    ),
    (
        "document-understanding",
        "privacy",
        "Can we send documents to a third-party API?",
    ),
    (
        "speech-recognition",
        "current-quality",
        "What is the current word error rate?",
    ),
    (
        "speech-recognition",
        "latency",
        "Does it need to work offline?",
    ),
    (
        "speech-recognition",
        "hardware",
        "How much memory does the head unit have?",
    ),
    (
        "speech-recognition",
        "audio-data",
        "Do we have recordings to train on?",
    ),
    (
        "speech-recognition",
        "privacy",
        "Do drivers consent to recordings?",
    ),
    (
        "product-search-marketplace",
        "scale",
        "What is the query volume?",
    ),
    (
        "product-search-marketplace",
        "latency",
        "What is the latency budget for search?",
    ),
    (
        "product-search-marketplace",
        "success",
        "What business metric do we optimise?",
    ),
    (
        "product-search-marketplace",
        "logs",
        "Do we have click logs?",
    ),
    (
        "product-search-marketplace",
        "seller-fairness",
        "Do new sellers get exposure?",
    ),
    (
        "demand-forecasting",
        "scale",
        "When do the forecasts need to be ready?",
    ),
    (
        "demand-forecasting",
        "censored-demand",
        "What happens when an item is out of stock?",
    ),
    (
        "demand-forecasting",
        "intermittent",
        "How many products are slow movers?",
    ),
    (
        "demand-forecasting",
        "costs",
        "Is overstock or understock more costly?",
    ),
    ("demand-forecasting", "success", "What is the goal?"),
    (
        "medical-imaging-triage",
        "urgent-findings",
        "What is the base rate of pneumothorax?",
    ),
    (
        "medical-imaging-triage",
        "labels",
        "Do radiologists agree with each other?",
    ),
    (
        "medical-imaging-triage",
        "error-costs",
        "Is a missed finding worse than a false alarm?",
    ),
    (
        "medical-imaging-triage",
        "regulation",
        "Is this a medical device?",
    ),
    (
        "medical-imaging-triage",
        "privacy",
        "Can we use patient data for training?",
    ),
    ("people-you-may-know", "scale", "How big is the graph?"),
    (
        "people-you-may-know",
        "success",
        "What are we optimising for?",
    ),
    (
        "people-you-may-know",
        "funnel",
        "What is the acceptance rate of invitations?",
    ),
    (
        "people-you-may-know",
        "cold-start",
        "What do we know about new members at sign up?",
    ),
    (
        "people-you-may-know",
        "privacy",
        "Are there privacy concerns with suggestions?",
    ),
];

#[test]
fn natural_questions_reveal_every_key_fact() {
    use mlsd_coach::core::scoring::PhraseSet;

    let mut report = Vec::new();
    for id in REQUIRED {
        let path = scenario_dir().join(format!("{id}.yaml"));
        let raw = std::fs::read_to_string(&path).expect("readable");
        let s: Scenario = serde_yaml::from_str(&raw).expect("parses");
        let sets: Vec<PhraseSet> = s
            .facts
            .iter()
            .map(|f| PhraseSet::new(&f.unlocked_by))
            .collect();
        let asked: Vec<&(&str, &str, &str)> = KEY_QUESTIONS
            .iter()
            .filter(|(sc, _, _)| *sc == id)
            .collect();
        for f in s.facts.iter().filter(|f| f.key) {
            if !asked.iter().any(|(_, fact, _)| *fact == f.id) {
                report.push(format!("{id}: key fact `{}` has no probe question", f.id));
            }
        }
        for (_, fact, question) in asked {
            let Some(want) = s.facts.iter().position(|f| f.id == *fact) else {
                report.push(format!("{id}: no fact `{fact}`"));
                continue;
            };
            let counts: Vec<usize> = sets.iter().map(|p| p.count_matches(question)).collect();
            let best = counts.iter().copied().max().unwrap_or(0);
            if counts[want] == 0 || counts[want] < best {
                let winners: Vec<&str> = s
                    .facts
                    .iter()
                    .zip(&counts)
                    .filter(|(_, c)| **c == best && best > 0)
                    .map(|(f, _)| f.id.as_str())
                    .collect();
                report.push(format!(
                    "{id}: {question:?} reveals {winners:?}, not `{fact}`"
                ));
            }
        }
        // An off-topic remark reveals nothing.
        if sets
            .iter()
            .any(|p| p.count_matches("Let me think for a moment.") > 0)
        {
            report.push(format!("{id}: an off-topic remark reveals a fact"));
        }
    }
    assert!(report.is_empty(), "unlock problems:\n{}", report.join("\n"));
}
