//! What every scenario under `content/scenarios/` must deliver (content v2):
//! a task type; 8-14 facts (4-9 key), each revealed by 5-12 phrasings;
//! curveballs on known phases expecting criteria that apply; 3-6 emphasis
//! entries whose `why` speaks of this prompt; 5-10 key points with
//! domain evidence, an example and follow-up probes, across at least three
//! areas; 3+ red flags; example sentences for the general criteria an
//! interviewer asks about, in the scenario's own terms; 10-30 vocabulary
//! words (up to 40); an exemplar that is one spoken answer of 500-1000
//! words.

use mlsd_coach::core::content::{
    AREA_IDS, CRITERION_CONTRACT, CurveballKind, Rubric, Scenario, TASK_TYPES,
};
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
const REQUIRED: [&str; 21] = [
    "ads-ctr",
    "churn-prediction",
    "credit-risk",
    "demand-forecasting",
    "document-understanding",
    "eta-prediction",
    "face-plate-blurring",
    "feed-ranking",
    "fraud-detection",
    "harmful-content",
    "medical-imaging-triage",
    "metrics-anomaly-detection",
    "notification-ranking",
    "people-you-may-know",
    "product-search-marketplace",
    "query-autocomplete",
    "rag-support-assistant",
    "spam-email",
    "speech-recognition",
    "video-recommendation",
    "visual-search",
];

/// General criteria an interviewer asks about on every prompt: each
/// scenario gives an example sentence for those that apply to it.
const EXAMPLE_CRITERIA: [&str; 27] = [
    "pain-point",
    "goals",
    "ml-framing",
    "latency",
    "fp-fn-cost",
    "over-under-cost",
    "objective-tradeoff",
    "generation-errors",
    "offline-metrics",
    "online-metrics",
    "labels",
    "label-delay",
    "training-examples",
    "feature-engineering",
    "train-test-split",
    "leakage",
    "baselines",
    "architecture",
    "serving",
    "monitoring",
    "retraining",
    "rollout",
    "fairness",
    "privacy",
    "data-quality",
    "class-imbalance",
    "capacity",
];

/// Words that belong to card fraud: no other scenario's examples, hints or
/// key point texts may use them (a spam drill must not say "chargeback").
const FRAUD_WORDS: [&str; 5] = ["fraud", "chargeback", "cardholder", "3-d secure", "3ds"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn scenario_dir() -> PathBuf {
    root().join("content/scenarios")
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

fn rubric() -> Rubric {
    let text = std::fs::read_to_string(root().join("content/rubric.yaml")).expect("rubric");
    serde_yaml::from_str(&text).expect("rubric parses")
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Lower-case words of four letters or more.
fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// Does the criterion apply to the scenario (task types, not_applicable)?
fn applies(r: &Rubric, s: &Scenario, id: &str) -> bool {
    s.not_applicable(id).is_none()
        && r.criterion(id)
            .or_else(|| s.criteria.iter().find(|c| c.id == id))
            .is_some_and(|c| c.applies(s.task_types()))
}

/// Every problem with one scenario, as readable messages.
fn problems(stem: &str, raw: &str, s: &Scenario, r: &Rubric) -> Vec<String> {
    let mut p = Vec::new();
    let mut known: HashSet<String> = CRITERION_CONTRACT
        .iter()
        .flat_map(|(_, ids)| ids.iter().map(|s| s.to_string()))
        .collect();
    known.extend(s.criteria.iter().map(|c| c.id.clone()));

    // Identity and task.
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
    if !TASK_TYPES.contains(&s.task_type.as_str()) {
        p.push(format!("task_type `{}` is not a task type", s.task_type));
    }
    for t in &s.other_task_types {
        if !TASK_TYPES.contains(&t.as_str()) {
            p.push(format!("other task type `{t}` is not a task type"));
        }
    }
    // The prompt is the interviewer's whole sentence, not a stub.
    let prompt = s.prompt.trim();
    if words(prompt) < 12 || !prompt.ends_with(['.', '?', '!']) {
        p.push(format!(
            "prompt is cut short ({} words): say the whole task as an interviewer would",
            words(prompt)
        ));
    }

    // Facts: every rate and volume the client might be asked for.
    if !(8..=14).contains(&s.facts.len()) {
        p.push(format!("{} facts (want 8-14)", s.facts.len()));
    }
    let key = s.facts.iter().filter(|f| f.key).count();
    if !(4..=9).contains(&key) {
        p.push(format!("{key} key facts (want 4-9)"));
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
        if !(5..=12).contains(&f.unlocked_by.len()) {
            p.push(format!(
                "fact `{}` has {} unlocked_by phrasings (want 5-12)",
                f.id,
                f.unlocked_by.len()
            ));
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
    let speak = s.curveballs.len() - requirements;
    if !(3..=6).contains(&requirements) {
        p.push(format!("{requirements} requirement curveballs (want 3-6)"));
    }
    if !(1..=2).contains(&speak) {
        p.push(format!("{speak} client_speak curveballs (want 1-2)"));
    }
    let mut curveball_ids = HashSet::new();
    for c in &s.curveballs {
        if !curveball_ids.insert(c.id.as_str()) {
            p.push(format!("curveball id `{}` is duplicated", c.id));
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
            } else if !applies(r, s, e) {
                p.push(format!(
                    "curveball `{}` expects `{e}`, which does not apply here",
                    c.id
                ));
            }
        }
    }

    // The prompt's own words: title, prompt, context, facts, vocabulary.
    let mut own = content_words(&s.title);
    own.extend(content_words(&s.prompt));
    own.extend(content_words(&s.context));
    for f in &s.facts {
        own.extend(content_words(&f.answer));
    }
    for v in &s.vocabulary {
        own.extend(content_words(v));
    }

    // Emphasis: its `why` is shown, so it speaks of this prompt.
    if !(3..=6).contains(&s.emphasis.len()) {
        p.push(format!("{} emphasis entries (want 3-6)", s.emphasis.len()));
    }
    let mut emphasised = HashSet::new();
    for e in &s.emphasis {
        if !emphasised.insert(e.criterion.as_str()) {
            p.push(format!("emphasis on `{}` is duplicated", e.criterion));
        }
        if !known.contains(&e.criterion) {
            p.push(format!("emphasis on unknown criterion `{}`", e.criterion));
        } else if !applies(r, s, &e.criterion) {
            p.push(format!(
                "emphasis on `{}`, which does not apply here",
                e.criterion
            ));
        }
        if !(1.0..=3.0).contains(&e.weight) {
            p.push(format!(
                "emphasis on `{}` has weight {} (want 1-3)",
                e.criterion, e.weight
            ));
        }
        if words(&e.why) < 8 || content_words(&e.why).is_disjoint(&own) {
            p.push(format!(
                "emphasis on `{}`: its why is generic (8+ words, in this prompt's terms)",
                e.criterion
            ));
        }
    }

    // Key points.
    if !(5..=10).contains(&s.key_points.len()) {
        p.push(format!("{} key points (want 5-10)", s.key_points.len()));
    }
    let kp_areas: HashSet<&str> = s.key_points.iter().map(|k| k.area.as_str()).collect();
    if kp_areas.len() < 3 {
        p.push(format!(
            "key points cover {} area(s) (want 3+: an interviewer listens across the answer)",
            kp_areas.len()
        ));
    }
    let mut kp_ids = HashSet::new();
    for k in &s.key_points {
        let at = format!("key point `{}`", k.id);
        if !kp_ids.insert(k.id.as_str()) {
            p.push(format!("{at} is duplicated"));
        }
        if known.contains(&k.id) {
            p.push(format!("{at} reuses a criterion id"));
        }
        if !AREA_IDS.contains(&k.area.as_str()) {
            p.push(format!("{at} has unknown area `{}`", k.area));
        }
        if !(0.5..=3.0).contains(&k.weight) {
            p.push(format!("{at} has weight {} (want 0.5-3)", k.weight));
        }
        for (name, text) in [("label", &k.label), ("why", &k.why), ("hint", &k.hint)] {
            if text.trim().is_empty() {
                p.push(format!("{at} has an empty {name}"));
            }
        }
        if !(8..=60).contains(&words(&k.example)) {
            p.push(format!(
                "{at}: the example is {} words (want one sentence of 8-60)",
                words(&k.example)
            ));
        }
        if !(1..=3).contains(&k.probes.len()) {
            p.push(format!("{at} has {} probes (want 1-3)", k.probes.len()));
        }
        let n = k.evidence.concepts.len();
        if !(2..=4).contains(&n) {
            p.push(format!(
                "{at} has {n} evidence concepts (want 2-3, at most 4)"
            ));
        }
        for con in k.evidence.concepts.iter().filter(|c| !c.qualifier) {
            let forms = con.phrases.len() + con.patterns.len();
            if forms < 6 {
                p.push(format!(
                    "{at}, concept `{}`: {forms} phrasings (want 6+: jargon, plain speech, terse notes)",
                    con.name
                ));
            }
        }
    }

    // Red flags specific to this prompt.
    if s.red_flags.len() < 3 {
        p.push(format!("{} red flags (want 3+)", s.red_flags.len()));
    }
    for f in &s.red_flags {
        let at = format!("red flag `{}`", f.id);
        match &f.criterion {
            None => p.push(format!(
                "{at} names no criterion or key point it gets wrong"
            )),
            Some(c) if !known.contains(c) && !kp_ids.contains(c.as_str()) => {
                p.push(format!("{at} refers to unknown `{c}`"))
            }
            Some(_) => {}
        }
        if f.why.trim().is_empty() || f.instead.trim().is_empty() {
            p.push(format!("{at} lacks why or instead"));
        }
    }

    // Examples for the general criteria that apply, in this prompt's terms.
    for id in EXAMPLE_CRITERIA {
        if applies(r, s, id) && s.example(id).is_none() {
            p.push(format!("no example for `{id}`"));
        }
    }
    let mut example_ids = HashSet::new();
    for e in &s.examples {
        if !example_ids.insert(e.criterion.as_str()) {
            p.push(format!("example for `{}` is duplicated", e.criterion));
        }
        if !(6..=60).contains(&words(&e.text)) {
            p.push(format!(
                "example for `{}` is {} words (want one sentence of 6-60)",
                e.criterion,
                words(&e.text)
            ));
        }
    }

    // No fraud words outside a fraud prompt.
    // A prompt is about fraud when its own setting says so (title, prompt,
    // context, facts or curveballs).
    let about_fraud = [&s.title, &s.prompt, &s.context]
        .into_iter()
        .chain(s.facts.iter().map(|f| &f.answer))
        .chain(s.curveballs.iter().flat_map(|c| [&c.id, &c.text]))
        .any(|t| t.to_lowercase().contains("fraud"));
    if !about_fraud {
        let mut texts: Vec<(String, &str)> = s
            .examples
            .iter()
            .map(|e| (format!("example for `{}`", e.criterion), e.text.as_str()))
            .collect();
        for k in &s.key_points {
            for t in [&k.why, &k.hint, &k.example] {
                texts.push((format!("key point `{}`", k.id), t.as_str()));
            }
        }
        for (what, text) in texts {
            let lower = text.to_lowercase();
            if let Some(w) = FRAUD_WORDS.iter().find(|w| lower.contains(*w)) {
                p.push(format!(
                    "{what} uses the fraud word `{w}` in a non-fraud scenario"
                ));
            }
        }
    }

    // Vocabulary.
    if !(10..=40).contains(&s.vocabulary.len()) {
        p.push(format!(
            "{} vocabulary words (want 10-40)",
            s.vocabulary.len()
        ));
    }

    // The exemplar: one spoken answer, not a keyword list.
    let n = words(&s.exemplar);
    if !(500..=1000).contains(&n) {
        p.push(format!("exemplar has {n} words (want 500-1000)"));
    }
    let lines: Vec<&str> = s.exemplar.lines().map(str::trim).collect();
    let listy = lines
        .iter()
        .filter(|l| l.starts_with(['-', '*', '#']) || l.starts_with(char::is_numeric))
        .count();
    let labelled = lines
        .iter()
        .filter(|l| {
            l.split_once(": ")
                .is_some_and(|(head, _)| (1..=4).contains(&words(head)) && !head.contains(','))
        })
        .count();
    let paragraphs = lines.iter().filter(|l| !l.is_empty()).count();
    if listy > 0 || labelled >= 4 || (labelled >= 2 && labelled * 2 >= paragraphs) {
        p.push(format!(
            "exemplar reads as a list ({listy} bullet or heading lines, {labelled} `Label: value` lines): write it as spoken paragraphs"
        ));
    }
    let first_person = s
        .exemplar
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| matches!(*w, "I" | "I'd" | "I’d" | "I'll" | "I’ll" | "I'm" | "I’m"))
        .count();
    if first_person < 5 {
        p.push(format!(
            "exemplar says `I` {first_person} times: write it in the candidate's voice"
        ));
    }
    let lower = s.exemplar.to_lowercase();
    if lower.contains("airflow") && lower.contains("mlflow") {
        p.push("exemplar lists tools (Airflow, MLflow): say what the system does instead".into());
    }

    // Strings carry no trailing newline or blanks (block scalars use `>-`/`|-`).
    let mut texts: Vec<(String, &str)> = vec![
        ("prompt".into(), s.prompt.as_str()),
        ("context".into(), s.context.as_str()),
        ("exemplar".into(), s.exemplar.as_str()),
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
    for (what, text) in texts {
        if text != text.trim() {
            p.push(format!(
                "{what}: text has leading or trailing blanks (use `>-` or `|-`)"
            ));
        }
    }
    for (n, line) in raw.lines().enumerate() {
        if line.chars().any(|c| c.is_control()) {
            p.push(format!("line {}: tab or control character", n + 1));
        }
    }
    p
}

fn check_file(path: &Path, r: &Rubric) -> Vec<String> {
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
        Ok(s) => problems(&stem, &raw, &s, r),
        Err(e) => vec![format!("does not parse as a Scenario: {e}")],
    }
}

#[test]
fn every_scenario_file_has_the_v2_shape() {
    let files = scenario_files();
    assert!(!files.is_empty(), "no scenario files found");
    let r = rubric();
    let mut report = Vec::new();
    for path in &files {
        for problem in check_file(path, &r) {
            let name = path.file_name().unwrap().to_string_lossy();
            report.push(format!("{name}: {problem}"));
        }
    }
    assert!(
        report.is_empty(),
        "{} scenario problems:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_required_scenarios_exist_and_the_set_is_large_enough() {
    let files = scenario_files();
    let stems: HashSet<String> = files
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
        .collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|id| !stems.contains(*id))
        .collect();
    assert!(missing.is_empty(), "missing scenarios: {missing:?}");
    assert!(files.len() >= 20, "{} scenarios (want 20+)", files.len());
    // The merged search prompt keeps its old id as an alias.
    let raw = std::fs::read_to_string(scenario_dir().join("product-search-marketplace.yaml"))
        .expect("product search");
    let s: Scenario = serde_yaml::from_str(&raw).expect("parses");
    assert!(
        !stems.contains("search-ranking"),
        "search-ranking should be merged"
    );
    assert!(
        s.aliases.iter().any(|a| a == "search-ranking"),
        "product-search-marketplace keeps the alias search-ranking"
    );
}

#[test]
fn every_task_family_has_a_scenario() {
    let mut types = HashSet::new();
    for path in scenario_files() {
        let raw = std::fs::read_to_string(&path).unwrap();
        if let Ok(s) = serde_yaml::from_str::<Scenario>(&raw) {
            types.extend(s.task_types().map(str::to_string));
        }
    }
    for family in [
        &["binary-classification", "multiclass-classification"][..],
        &["regression", "forecasting"],
        &["ranking", "recommendation"],
        &["detection", "anomaly-detection"],
        &["extraction"],
        &["transcription"],
        &["generation"],
    ] {
        assert!(
            family.iter().any(|t| types.contains(*t)),
            "no scenario for {family:?}"
        );
    }
}

#[test]
fn scenario_ids_and_aliases_are_unique_and_titles_distinct() {
    let mut names = HashSet::new();
    let mut titles = HashSet::new();
    for path in scenario_files() {
        let raw = std::fs::read_to_string(&path).expect("readable");
        let Ok(s) = serde_yaml::from_str::<Scenario>(&raw) else {
            continue; // reported by the shape test
        };
        for name in std::iter::once(&s.id).chain(&s.aliases) {
            assert!(names.insert(name.clone()), "duplicate id or alias {name}");
        }
        assert!(
            titles.insert(s.title.clone()),
            "duplicate title {}",
            s.title
        );
    }
}

/// The checker itself must reject a bad scenario, not only accept good ones.
#[test]
fn the_checker_rejects_a_bad_scenario() {
    let raw = "id: Bad_Id\ntitle: t\ndomain: d\ntask_type: ranker\nprompt: Design it\ncontext: c\n\
               curveballs:\n  - id: x\n    kind: client_speak\n    text: |\n      hi\n    \
               phase: lunch\n    expects: [no-such-criterion]\n\
               emphasis:\n  - criterion: latency\n    weight: 5\n    why: w\n\
               key_points:\n  - id: labels\n    area: framing\n    label: l\n    why: w\n    \
               hint: h\n    example: Short one.\n    evidence: {concepts: [{name: a, phrases: [x]}]}\n\
               examples:\n  - {criterion: labels, text: We train on chargebacks from the bank.}\n\
               exemplar: |-\n  - Framing: binary classification\n  - Data: logs\n";
    let s: Scenario = serde_yaml::from_str(raw).expect("parses");
    let p = problems("bad", raw, &s, &rubric()).join("\n");
    for needle in [
        "differs from file stem",
        "not kebab-case",
        "task_type `ranker`",
        "prompt is cut short",
        "0 facts",
        "0 key facts",
        "0 requirement curveballs",
        "unknown phase `lunch`",
        "unknown criterion `no-such-criterion`",
        "1 emphasis entries",
        "weight 5",
        "its why is generic",
        "1 key points",
        "cover 1 area",
        "key point `labels` reuses a criterion id",
        "the example is 2 words",
        "0 probes",
        "1 evidence concepts",
        "0 red flags",
        "no example for `goals`",
        "uses the fraud word `chargeback`",
        "0 vocabulary words",
        "exemplar has 7 words",
        "exemplar reads as a list",
        "exemplar says `I` 0 times",
        "trailing blanks",
    ] {
        assert!(p.contains(needle), "expected `{needle}` in:\n{p}");
    }
}

#[test]
fn unknown_fields_are_rejected() {
    let raw = "id: a\ntitle: t\ndomain: d\ntask_type: regression\nprompt: p\ncontext: c\nexemplar: e\nsurprise: 1\n";
    assert!(serde_yaml::from_str::<Scenario>(raw).is_err());
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
        "How many new videos are uploaded each day?",
    ),
    (
        "video-recommendation",
        "labels",
        "What counts as a positive label?",
    ),
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
        "volume",
        "How many orders do we get per day?",
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
        "Where is the ETA shown to the customer?",
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
        "keying-team",
        "How many keyers do data entry today?",
    ),
    (
        "document-understanding",
        "labels",
        "Do we have labels for the fields?",
    ),
    (
        "document-understanding",
        "error-cost",
        "What is the cost of errors?",
    ),
    (
        "document-understanding",
        "success",
        "What is the target for automation?",
    ),
    (
        "document-understanding",
        "privacy",
        "Can we send documents to a third party?",
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
        "How much memory does the hardware have?",
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
        "speech-recognition",
        "success",
        "What does good look like for the user?",
    ),
    (
        "product-search-marketplace",
        "scale",
        "What is the query traffic at peak?",
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
        "position-bias",
        "Do the top results get most of the clicks?",
    ),
    (
        "product-search-marketplace",
        "seller-fairness",
        "Do new sellers get exposure?",
    ),
    (
        "demand-forecasting",
        "scale",
        "How many products and stores do we forecast?",
    ),
    (
        "demand-forecasting",
        "timing",
        "When do you need the forecasts?",
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
        "Which findings are urgent, and how common are they?",
    ),
    (
        "medical-imaging-triage",
        "labels",
        "Where do the labels come from?",
    ),
    (
        "medical-imaging-triage",
        "error-costs",
        "Is a false negative worse than a false alarm?",
    ),
    (
        "medical-imaging-triage",
        "regulation",
        "Is this a medical device?",
    ),
    (
        "medical-imaging-triage",
        "success",
        "How long do films wait today?",
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

/// Scenarios whose key facts must each be revealed by a question above.
const PROBED: [&str; 11] = [
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

#[test]
fn natural_questions_reveal_every_key_fact() {
    use mlsd_coach::core::scoring::PhraseSet;

    let mut report = Vec::new();
    for id in PROBED {
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
