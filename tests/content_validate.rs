//! Loading and validating content packs: fixture packs with known problems,
//! and the shipped content.

use mlsd_coach::core::content::{
    AREA_IDS, Diagnostic, check_and_load_embedded, check_dir, check_embedded, embedded_prebuilt,
    load_dir, load_embedded, validate_dir,
};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/content")
        .join(name)
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// (file relative to the pack, line, column, message)
fn rows(base: &Path, diags: &[Diagnostic]) -> Vec<(String, usize, usize, String)> {
    diags
        .iter()
        .map(|d| {
            let file = d
                .file
                .strip_prefix(base)
                .unwrap_or(&d.file)
                .to_string_lossy()
                .replace('\\', "/");
            (file, d.line, d.column, d.message.clone())
        })
        .collect()
}

fn row(file: &str, line: usize, col: usize, msg: &str) -> (String, usize, usize, String) {
    (file.to_string(), line, col, msg.to_string())
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn valid_pack_loads_with_fingerprint_and_origin() {
    let dir = fixture("valid");
    let c = load_dir(&dir).expect("valid fixture loads");
    assert_eq!(c.rubric.areas.len(), 8);
    assert_eq!(c.rubric.criteria.len(), 9);
    assert_eq!(c.scenarios.len(), 1);
    assert_eq!(c.scenarios[0].id, "spam-filter");
    let s = &c.scenarios[0];
    assert_eq!(s.task_type, "binary-classification");
    assert_eq!(s.key_points.len(), 1);
    assert_eq!(s.red_flags.len(), 1);
    assert_eq!(
        s.not_applicable("eda"),
        Some("The example pack keeps exploration out of scope.")
    );
    assert!(s.example("labels").is_some());
    assert_eq!(
        c.scenario("mail-spam").map(|x| x.id.as_str()),
        Some("spam-filter")
    );
    assert_eq!(c.rubric.red_flags.len(), 1);
    let bands: Vec<f32> = c.rubric.scoring.bands.iter().map(|b| b.min).collect();
    assert_eq!(bands, [80.0, 60.0, 0.0]);
    assert_eq!(c.mock.minutes, 30);
    assert_eq!(c.origin, dir.display().to_string());
    assert_eq!(c.version.len(), 12);
    assert!(c.version.chars().all(|ch| ch.is_ascii_hexdigit()));
    assert_eq!(load_dir(&dir).unwrap().version, c.version, "stable");
    let report = check_dir(&dir);
    assert!(report.errors.is_empty() && report.warnings.is_empty());
    assert!(validate_dir(&dir).is_empty());
}

#[test]
fn fingerprint_changes_with_any_file_and_scenarios_sort_by_id() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), tmp.path());
    let before = load_dir(tmp.path()).unwrap().version;
    // A second scenario whose id sorts before the first; file name sorts after.
    let text = fs::read_to_string(tmp.path().join("scenarios/spam-filter.yaml")).unwrap();
    fs::write(
        tmp.path().join("scenarios/zz-abuse.yaml"),
        text.replace("id: spam-filter", "id: abuse-filter")
            .replace("aliases: [mail-spam]", "aliases: []"),
    )
    .unwrap();
    let c = load_dir(tmp.path()).unwrap();
    assert_ne!(c.version, before);
    let ids: Vec<&str> = c.scenarios.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["abuse-filter", "spam-filter"]);
    // One changed byte in the mock profile changes the fingerprint too.
    let mock = fs::read_to_string(tmp.path().join("mock.yaml")).unwrap();
    fs::write(
        tmp.path().join("mock.yaml"),
        mock.replace("minutes: 30", "minutes: 31"),
    )
    .unwrap();
    assert_ne!(load_dir(tmp.path()).unwrap().version, c.version);
}

#[test]
fn syntax_unknown_field_and_wrong_type_are_located() {
    let dir = fixture("broken-syntax");
    let errs = load_dir(&dir).unwrap_err();
    assert_eq!(
        rows(&dir, &errs),
        vec![
            row(
                "mock.yaml",
                10,
                5,
                "phases[1]: unknown field `colour`, expected one of `id`, `title`, `minutes`, `areas`"
            ),
            row(
                "rubric.yaml",
                24,
                7,
                "did not find expected ',' or ']', while parsing a flow sequence at line 23 column 19"
            ),
            row(
                "scenarios/spam-filter.yaml",
                24,
                13,
                "emphasis[0].weight: invalid type: string \"heavy\", expected f32"
            ),
        ]
    );
}

#[test]
fn every_broken_item_of_a_file_is_reported() {
    let dir = fixture("broken-types");
    let errs = load_dir(&dir).unwrap_err();
    assert_eq!(
        rows(&dir, &errs),
        vec![
            row("rubric.yaml", 24, 5, "areas[2]: missing field `title`"),
            row(
                "rubric.yaml",
                98,
                13,
                "criteria[1].weight: invalid type: string \"heavy\", expected f32"
            ),
            row(
                "rubric.yaml",
                123,
                11,
                "criteria[2].evidence.concepts[0]: unknown field `phrase`, expected one of `name`, `phrases`, `patterns`, `allow_negation`, `qualifier`"
            ),
            row(
                "rubric.yaml",
                158,
                13,
                "criteria[5].evidence.need: invalid type: integer `-1`, expected usize"
            ),
        ]
    );
}

#[test]
fn semantic_errors_are_all_reported_with_location() {
    let dir = fixture("broken-semantic");
    let report = check_dir(&dir);
    let areas =
        "framing, data, exploration, preprocessing, modelling, reporting, production, client";
    let expected = vec![
        row(
            "mock.yaml",
            11,
            9,
            "duplicate phase id `build` (first defined at line 7, column 9)",
        ),
        row(
            "mock.yaml",
            14,
            36,
            &format!("phase `build` refers to unknown area `deployment`: expected one of {areas}"),
        ),
        row(
            "mock.yaml",
            20,
            31,
            "curveball `five-percent` expects unknown criterion `accuracy-boost`",
        ),
        row(
            "mock.yaml",
            21,
            9,
            "duplicate curveball id `five-percent` (first defined at line 16, column 9)",
        ),
        row(
            "mock.yaml",
            24,
            12,
            "curveball `five-percent` refers to unknown phase `wrap-up`: expected one of framing, build",
        ),
        row(
            "rubric.yaml",
            3,
            3,
            &format!("missing area `client`: a rubric defines all 8 areas ({areas})"),
        ),
        row(
            "rubric.yaml",
            16,
            13,
            "area `data` weight must be a positive number, got 0",
        ),
        row(
            "rubric.yaml",
            23,
            28,
            "question `labels` refers to unknown criterion `label-delay`",
        ),
        row(
            "rubric.yaml",
            29,
            13,
            "duplicate question id `pain-point` (first defined at line 9, column 13)",
        ),
        row(
            "rubric.yaml",
            74,
            9,
            &format!("unknown area id `clients`: expected one of {areas}"),
        ),
        row(
            "rubric.yaml",
            96,
            13,
            "criterion `pain-point`: need is 3 but there are only 1 concept(s)",
        ),
        row(
            "rubric.yaml",
            108,
            22,
            "pattern `\\bFPs?(\\b` does not compile: unclosed group",
        ),
        row(
            "rubric.yaml",
            124,
            11,
            "concept `labels` of criterion `labels` has no phrases and no patterns: it can never match",
        ),
        row(
            "rubric.yaml",
            133,
            17,
            "criterion `eda` has no evidence: add at least one concept with phrases or patterns",
        ),
        row(
            "rubric.yaml",
            158,
            12,
            "`criteria[6].label` contains an escape character (U+001B): text is drawn on a terminal, use plain characters (newlines are fine)",
        ),
        row(
            "rubric.yaml",
            170,
            13,
            "criterion `monitoring` weight must be a positive number, got -1",
        ),
        row(
            "rubric.yaml",
            189,
            9,
            "duplicate criterion id `labels` (first defined at line 115, column 9)",
        ),
        row(
            "scenarios/spam-copy.yaml",
            20,
            12,
            "curveball `lost-invoice` refers to unknown phase `ship`: expected one of framing, build",
        ),
        row(
            "scenarios/spam-copy.yaml",
            27,
            9,
            "duplicate criterion id `labels`: the rubric already defines it",
        ),
        row(
            "scenarios/spam-filter.yaml",
            1,
            5,
            &format!(
                "duplicate scenario id `spam-filter` (also in {})",
                dir.join("scenarios/spam-copy.yaml").display()
            ),
        ),
        row(
            "scenarios/spam-filter.yaml",
            12,
            9,
            "duplicate fact id `spam-rate` (first defined at line 7, column 9)",
        ),
        row(
            "scenarios/spam-filter.yaml",
            13,
            11,
            &format!("fact `spam-rate` refers to unknown area `dataset`: expected one of {areas}"),
        ),
        row(
            "scenarios/spam-filter.yaml",
            20,
            12,
            "curveball `lost-invoice` refers to unknown phase `ship`: expected one of framing, build",
        ),
        row(
            "scenarios/spam-filter.yaml",
            21,
            27,
            "curveball `lost-invoice` expects unknown criterion `fp-cost`",
        ),
        row(
            "scenarios/spam-filter.yaml",
            26,
            16,
            "emphasis refers to unknown criterion `latency-budget`",
        ),
    ];
    let got = rows(&dir, &report.errors);
    for (g, e) in got.iter().zip(expected.iter()) {
        assert_eq!(g, e);
    }
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    assert_eq!(
        without_probe_warnings(rows(&dir, &report.warnings)),
        vec![
            row(
                "rubric.yaml",
                74,
                9,
                "area `clients` has no criteria: nothing in it can be scored"
            ),
            row(
                "scenarios/spam-copy.yaml",
                1,
                5,
                "scenario id `spam-filter` differs from its file name `spam-copy`"
            ),
            row(
                "scenarios/spam-copy.yaml",
                39,
                3,
                "the exemplar has 37 words: a spoken answer of 500–1000 reads best"
            ),
            row(
                "scenarios/spam-filter.yaml",
                42,
                3,
                "the exemplar has 37 words: a spoken answer of 500–1000 reads best"
            ),
        ]
    );
    assert_eq!(validate_dir(&dir), report.errors);
    assert_eq!(load_dir(&dir).unwrap_err(), report.errors);
}

/// The warnings other than missing probes (these packs leave probes out;
/// `probes_are_expected_on_key_points_and_major_criteria` checks them).
fn without_probe_warnings(
    rows: Vec<(String, usize, usize, String)>,
) -> Vec<(String, usize, usize, String)> {
    rows.into_iter()
        .filter(|r| !r.3.contains("has no probes"))
        .collect()
}

#[test]
fn probes_are_expected_on_key_points_and_major_criteria() {
    let rubric = fs::read_to_string(fixture("valid").join("rubric.yaml")).unwrap();
    // fp-fn-cost (weight 2, emphasised by the scenario) loses its probes;
    // baselines (weight 1) gets four.
    let rubric = rubric
        .replacen(
            "    probes: [\"What would you add about fp-fn-cost here?\"]\n",
            "",
            1,
        )
        .replacen(
            "    probes: [\"What would you add about baselines here?\"]",
            "    probes: [one, two, three, four]",
            1,
        )
        // A minor criterion needs none.
        .replacen(
            "    probes: [\"What would you add about eda here?\"]\n",
            "",
            1,
        )
        .replacen("  - id: eda\n    area: exploration\n    label: Explores the data before modelling\n    weight: 1", "  - id: eda\n    area: exploration\n    label: Explores the data before modelling\n    weight: 0.5", 1);
    let scenario = fs::read_to_string(fixture("valid").join("scenarios/spam-filter.yaml")).unwrap();
    let scenario = scenario.replacen(
        "    probes:\n      - \"How many lost emails a month would your users tolerate?\"\n",
        "",
        1,
    );
    let tmp = pack_with("rubric.yaml", rubric.as_bytes());
    fs::write(tmp.path().join("scenarios/spam-filter.yaml"), scenario).unwrap();
    let report = check_dir(tmp.path());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let got: Vec<(String, String)> = rows(tmp.path(), &report.warnings)
        .into_iter()
        .map(|(f, l, _, m)| (format!("{f}:{l}"), m))
        .collect();
    let lines = |text: &str, needle: &str| text.lines().position(|l| l == needle).unwrap() + 1;
    let scenario = fs::read_to_string(tmp.path().join("scenarios/spam-filter.yaml")).unwrap();
    let rubric = fs::read_to_string(tmp.path().join("rubric.yaml")).unwrap();
    assert_eq!(
        got,
        vec![
            (
                format!("rubric.yaml:{}", lines(&rubric, "  - id: fp-fn-cost")),
                "major criterion `fp-fn-cost` (weight 2 ≥ 0.8) has no probes: the mock interview cannot follow up on it (give it 1–3 questions)".to_string()
            ),
            (
                format!(
                    "rubric.yaml:{}",
                    lines(&rubric, "    probes: [one, two, three, four]")
                ),
                "major criterion `baselines` (weight 1 ≥ 0.8) has 4 probes: 3 at most, the sharpest ones".to_string()
            ),
            (
                format!(
                    "scenarios/spam-filter.yaml:{}",
                    lines(&scenario, "  - criterion: fp-fn-cost")
                ),
                "emphasis on `fp-fn-cost`, which has no probes in the rubric: the mock interview cannot follow up on it".to_string()
            ),
            (
                format!(
                    "scenarios/spam-filter.yaml:{}",
                    lines(&scenario, "  - id: lost-mail-cost")
                ),
                "key point `lost-mail-cost` has no probes: the mock interview cannot follow up on it (give it 1–3 questions)".to_string()
            ),
        ]
    );
}

/// A copy of the valid pack with one file replaced.
fn pack_with(file: &str, text: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), tmp.path());
    fs::write(tmp.path().join(file), text).unwrap();
    tmp
}

#[test]
fn missing_pieces_are_named() {
    let errs = load_dir(Path::new("/definitely/not/here")).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.starts_with("content directory not found"));

    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), tmp.path());
    fs::remove_file(tmp.path().join("rubric.yaml")).unwrap();
    fs::remove_dir_all(tmp.path().join("scenarios")).unwrap();
    let got = rows(tmp.path(), &load_dir(tmp.path()).unwrap_err());
    assert_eq!(
        got,
        vec![
            row(
                "rubric.yaml",
                0,
                0,
                "missing file: expected rubric.yaml (the rubric: areas, questions and criteria)"
            ),
            row(
                "scenarios",
                0,
                0,
                "no scenarios: expected at least one scenarios/*.yaml file"
            ),
        ]
    );
}

#[test]
fn empty_file_bad_utf8_and_tabs() {
    let tmp = pack_with("mock.yaml", b"");
    let errs = load_dir(tmp.path()).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].file.ends_with("mock.yaml"));
    assert!(
        errs[0].message.starts_with("the file is empty"),
        "{}",
        errs[0]
    );

    let mut bytes = fs::read(fixture("valid/mock.yaml")).unwrap();
    bytes.splice(0..0, b"# caf\xe9\n".iter().copied());
    let tmp = pack_with("mock.yaml", &bytes);
    let errs = load_dir(tmp.path()).unwrap_err();
    assert_eq!(
        rows(tmp.path(), &errs),
        vec![row(
            "mock.yaml",
            1,
            6,
            "invalid UTF-8: content files must be UTF-8 text"
        )]
    );

    let text = fs::read_to_string(fixture("valid/mock.yaml")).unwrap();
    let tmp = pack_with(
        "mock.yaml",
        text.replace("\"What would you assume?\"", "\"What would\\tyou assume?\"")
            .as_bytes(),
    );
    let errs = load_dir(tmp.path()).unwrap_err();
    assert_eq!(
        rows(tmp.path(), &errs),
        vec![row(
            "mock.yaml",
            22,
            5,
            "`fallback_answers[0]` contains a tab: text is drawn on a terminal, use plain characters (newlines are fine)"
        )]
    );
}

#[test]
fn need_zero_only_qualifiers_and_unknown_area_in_scenario_criterion() {
    let text = fs::read_to_string(fixture("valid/scenarios/spam-filter.yaml")).unwrap();
    let text = text
        .replace(
            "    area: production\n    label: Expects",
            "    area: ops\n    label: Expects",
        )
        .replace(
            "        - name: adversaries\n",
            "        - name: adversaries\n          qualifier: true\n",
        )
        .replace(
            "phrases: [spammers adapt, adversarial, new campaigns]\n",
            "phrases: [spammers adapt, adversarial, new campaigns]\n      need: 0\n",
        );
    let tmp = pack_with("scenarios/spam-filter.yaml", text.as_bytes());
    let got = rows(tmp.path(), &load_dir(tmp.path()).unwrap_err());
    let msgs: Vec<&str> = got.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(msgs[0].starts_with("criterion `spam-adversaries` refers to unknown area `ops`"));
    assert!(msgs[1].starts_with("criterion `spam-adversaries` has only qualifier concepts"));
    assert_eq!(
        msgs[2],
        "criterion `spam-adversaries`: need must be at least 1"
    );
    assert_eq!((got[0].1, got[0].2), (28, 11));
    assert_eq!((got[1].1, got[1].2), (36, 9));
    assert_eq!((got[2].1, got[2].2), (39, 13));
}

#[test]
fn scenario_curveball_ids_must_differ_from_mock_client_speak() {
    let text = fs::read_to_string(fixture("valid/scenarios/spam-filter.yaml")).unwrap();
    let text = text.replace("  - id: lost-invoice\n", "  - id: five-percent\n");
    let tmp = pack_with("scenarios/spam-filter.yaml", text.as_bytes());
    let got = rows(tmp.path(), &load_dir(tmp.path()).unwrap_err());
    assert_eq!(
        got,
        vec![row(
            "scenarios/spam-filter.yaml",
            17,
            9,
            "curveball id `five-percent` is also a client_speak id in mock.yaml: mock interviews schedule both together, so ids must differ"
        )]
    );
}

/// The shipped mock profile and scenarios against a rubric that defines
/// every criterion id of the shared contract.
fn shipped_with_contract_rubric() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("contract-rubric.yaml"),
        tmp.path().join("rubric.yaml"),
    )
    .unwrap();
    fs::copy(repo("content/mock.yaml"), tmp.path().join("mock.yaml")).unwrap();
    copy_dir(&repo("content/scenarios"), &tmp.path().join("scenarios"));
    tmp
}

#[test]
fn shipped_scenarios_and_mock_are_valid_against_the_contract() {
    let tmp = shipped_with_contract_rubric();
    let report = check_dir(tmp.path());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let c = load_dir(tmp.path()).unwrap();
    let files = fs::read_dir(repo("content/scenarios")).unwrap().count();
    assert_eq!(c.scenarios.len(), files);
    let mut sorted: Vec<&str> = c.scenarios.iter().map(|s| s.id.as_str()).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        c.scenarios
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn shipped_mock_profile_follows_the_contract() {
    let tmp = shipped_with_contract_rubric();
    let c = load_dir(tmp.path()).unwrap();
    let ids: Vec<&str> = c.mock.phases.iter().map(|p| p.id.as_str()).collect();
    // Scenarios schedule curveballs by these ids: they stay stable.
    assert_eq!(
        ids,
        [
            "framing",
            "data",
            "explore-prep",
            "modelling",
            "reporting",
            "production",
            "wrap-up"
        ]
    );
    assert_eq!(c.mock.minutes, 45);
    let minutes = |ids: &[&str]| -> f32 {
        c.mock
            .phases
            .iter()
            .filter(|p| ids.contains(&p.id.as_str()))
            .map(|p| p.minutes)
            .sum()
    };
    // The common advice for 45 minutes: about 8 framing, 10 data, 14
    // modelling and design, 10 evaluation and deployment, 3 wrap-up.
    assert_eq!(minutes(&["framing"]), 8.0);
    assert_eq!(minutes(&["data", "explore-prep"]), 10.0);
    assert_eq!(minutes(&["modelling"]), 14.0);
    assert_eq!(minutes(&["reporting", "production"]), 10.0);
    assert_eq!(minutes(&["wrap-up"]), 3.0);
    let total: f32 = c.mock.phases.iter().map(|p| p.minutes).sum();
    assert!((total - 45.0).abs() < 0.01, "phases add up to {total}");
    let design = c.mock.phases.iter().find(|p| p.id == "modelling").unwrap();
    assert!(
        design.title.to_lowercase().contains("design"),
        "{}",
        design.title
    );
    assert_eq!(design.areas, ["modelling"]);
    for a in AREA_IDS {
        assert!(
            c.mock.phases.iter().any(|p| p.areas.iter().any(|x| x == a)),
            "area {a} in no phase"
        );
    }
    let texts: Vec<&str> = c
        .mock
        .client_speak
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    for line in [
        "I want 5% more accuracy.",
        "I want 100% accuracy.",
        "I want to increase accuracy.",
    ] {
        assert!(texts.contains(&line), "missing client line {line}");
    }
    for b in &c.mock.client_speak {
        assert!(!b.expects.is_empty(), "{} expects nothing", b.id);
        for e in &b.expects {
            assert_eq!(c.rubric.criterion(e).unwrap().area, "client", "{}", b.id);
        }
    }
    assert!(c.mock.fallback_answers.len() >= 4);
    // The client never claims the data does not exist: a fallback asks the
    // candidate to assume, decide or recommend.
    for a in &c.mock.fallback_answers {
        let lower = a.to_lowercase();
        for denial in [
            "don't track",
            "don't have",
            "do not have",
            "no data",
            "not available",
        ] {
            assert!(!lower.contains(denial), "fallback denies data: {a}");
        }
        assert!(
            ["assum", "recommend", "decide", "weighing", "what would"]
                .iter()
                .any(|w| lower.contains(w)),
            "fallback asks nothing of the candidate: {a}"
        );
    }
}

#[test]
fn v2_fields_are_checked_with_locations() {
    let dir = fixture("broken-v2");
    let report = check_dir(&dir);
    let tasks = "binary-classification, multiclass-classification, regression, forecasting, ranking, recommendation, detection, anomaly-detection, extraction, transcription, generation";
    let areas =
        "framing, data, exploration, preprocessing, modelling, reporting, production, client";
    let expected = vec![
        row(
            "rubric.yaml",
            117,
            41,
            &format!(
                "criterion `labels` refers to unknown task type `ranker`: expected one of {tasks}"
            ),
        ),
        row(
            "rubric.yaml",
            194,
            9,
            &format!(
                "red flag `accuracy-headline` has no applies_to: a general red flag lists the task types it applies to ({tasks})"
            ),
        ),
        row(
            "rubric.yaml",
            197,
            16,
            "red flag `accuracy-headline` refers to unknown criterion `offline-metrics`",
        ),
        row(
            "rubric.yaml",
            204,
            9,
            "red flag id `labels` is also a criterion id: `not_applicable` could not tell them apart",
        ),
        row(
            "rubric.yaml",
            206,
            17,
            "red flag `labels` applies to no known task type, so it can never be raised",
        ),
        row(
            "rubric.yaml",
            206,
            18,
            &format!(
                "red flag `labels` refers to unknown task type `classification`: expected one of {tasks}"
            ),
        ),
        row(
            "rubric.yaml",
            213,
            22,
            "pattern `reports (are|as) (labels|truth` does not compile: unclosed group",
        ),
        row("rubric.yaml", 214, 14, "empty unless phrase"),
        row(
            "rubric.yaml",
            216,
            20,
            "key_point_share must be between 0 and 1, got 1.5",
        ),
        row(
            "rubric.yaml",
            217,
            30,
            "scale point [0.5, 80] after [0.6, 70]: coverage must increase and the score must not fall",
        ),
        row(
            "rubric.yaml",
            217,
            41,
            "scale point [1, 120]: coverage must be within 0-1 and score within 0-100",
        ),
        row(
            "rubric.yaml",
            218,
            17,
            "flag_penalty must be between 0 and 100 points, got -5",
        ),
        row(
            "rubric.yaml",
            220,
            23,
            "full_answer_points must be between 0 (off) and 100 sentences, got 500",
        ),
        row(
            "rubric.yaml",
            223,
            38,
            "band `solid` starts at 85 but the band above it starts at 80: list bands from the highest down",
        ),
        row(
            "rubric.yaml",
            224,
            36,
            "the lowest band `weak` starts at 10: it must start at 0 so every score has a band",
        ),
        row(
            "scenarios/spam-filter.yaml",
            26,
            16,
            "emphasis on `eda`, which does not apply here: the scenario marks it not_applicable",
        ),
        row(
            "scenarios/spam-filter.yaml",
            41,
            12,
            &format!("unknown task type `spam-detection`: expected one of {tasks}"),
        ),
        row(
            "scenarios/spam-filter.yaml",
            42,
            29,
            &format!(
                "scenario `spam-filter` refers to unknown task type `retrieval`: expected one of {tasks}"
            ),
        ),
        row(
            "scenarios/spam-filter.yaml",
            43,
            11,
            "alias `spam-filter` is the scenario's own id",
        ),
        row(
            "scenarios/spam-filter.yaml",
            56,
            11,
            "concept `worse` of key point `lost-mail-cost` has no phrases and no patterns: it can never match",
        ),
        row(
            "scenarios/spam-filter.yaml",
            57,
            13,
            "key point `lost-mail-cost`: need is 3 but there are only 2 concept(s)",
        ),
        row(
            "scenarios/spam-filter.yaml",
            58,
            9,
            "key point id `labels` is also a criterion id: give the key point its own id",
        ),
        row(
            "scenarios/spam-filter.yaml",
            59,
            11,
            &format!(
                "key point `labels` refers to unknown area `deployment`: expected one of {areas}"
            ),
        ),
        row(
            "scenarios/spam-filter.yaml",
            65,
            17,
            "key point `labels` has no evidence: add at least one concept with phrases or patterns",
        ),
        row(
            "scenarios/spam-filter.yaml",
            69,
            13,
            "key point `campaigns` weight must be a positive number, got 0",
        ),
        row(
            "scenarios/spam-filter.yaml",
            76,
            22,
            "pattern `campaign(s` does not compile: unclosed group",
        ),
        row(
            "scenarios/spam-filter.yaml",
            80,
            16,
            "red flag `spam-reports-truth` refers to unknown criterion or key point `label-quality`",
        ),
        row(
            "scenarios/spam-filter.yaml",
            87,
            9,
            "red flag id `accuracy-headline` is also a rubric red flag: give the scenario's flag its own id (or mark the rubric's not_applicable)",
        ),
        row(
            "scenarios/spam-filter.yaml",
            98,
            17,
            "not_applicable refers to unknown criterion or rubric red flag `ensembles`",
        ),
        row(
            "scenarios/spam-filter.yaml",
            101,
            17,
            "example for unknown criterion `latency`",
        ),
        row(
            "scenarios/spam-filter.yaml",
            102,
            21,
            "empty vocabulary entry",
        ),
    ];
    let got = rows(&dir, &report.errors);
    for (g, e) in got.iter().zip(expected.iter()) {
        assert_eq!(g, e);
    }
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    assert_eq!(
        without_probe_warnings(rows(&dir, &report.warnings)),
        vec![row(
            "scenarios/spam-filter.yaml",
            100,
            17,
            "example for `labels`, which does not apply here (it applies to binary-classification, ranker and the scenario is spam-detection, ranking, retrieval): it is never shown"
        )]
    );
}

#[test]
fn aliases_must_not_name_another_scenario() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), tmp.path());
    let text = fs::read_to_string(tmp.path().join("scenarios/spam-filter.yaml")).unwrap();
    // A second scenario whose alias is the first one's id, and which repeats
    // the first one's alias.
    let other = text
        .replace("id: spam-filter", "id: phishing-filter")
        .replace(
            "title: Spam filter for a mail service",
            "title: Phishing filter",
        )
        .replace("aliases: [mail-spam]", "aliases: [spam-filter, mail-spam]");
    fs::write(tmp.path().join("scenarios/phishing-filter.yaml"), other).unwrap();
    let got = rows(tmp.path(), &load_dir(tmp.path()).unwrap_err());
    let base = tmp.path().join("scenarios");
    assert_eq!(
        got,
        vec![
            row(
                "scenarios/phishing-filter.yaml",
                40,
                11,
                &format!(
                    "alias `spam-filter` is the id of another scenario (in {})",
                    base.join("spam-filter.yaml").display()
                )
            ),
            // Files are read in name order: the second to use an alias is told.
            row(
                "scenarios/spam-filter.yaml",
                40,
                11,
                &format!(
                    "alias `mail-spam` is also an alias in {}",
                    base.join("phishing-filter.yaml").display()
                )
            ),
        ]
    );
}

#[test]
fn scoring_settings_default_when_absent_and_task_types_are_required() {
    // Without a `scoring:` block the defaults apply (and are valid).
    let text = fs::read_to_string(fixture("valid/rubric.yaml")).unwrap();
    let cut = text.find("scoring:\n").unwrap();
    let tmp = pack_with("rubric.yaml", &text.as_bytes()[..cut]);
    let c = load_dir(tmp.path()).expect("loads without a scoring block");
    assert_eq!(c.rubric.scoring.key_point_share, 0.5);
    assert_eq!(c.rubric.scoring.bands.last().unwrap().min, 0.0);

    // A scenario without a task type does not load, and says where.
    let text = fs::read_to_string(fixture("valid/scenarios/spam-filter.yaml")).unwrap();
    let tmp = pack_with(
        "scenarios/spam-filter.yaml",
        text.replace("task_type: binary-classification\n", "")
            .as_bytes(),
    );
    let errs = load_dir(tmp.path()).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("missing field `task_type`"),
        "{}",
        errs[0]
    );
    let tmp = pack_with(
        "scenarios/spam-filter.yaml",
        text.replace("task_type: binary-classification\n", "task_type: \"\"\n")
            .as_bytes(),
    );
    let errs = load_dir(tmp.path()).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.starts_with("task_type must not be empty"),
        "{}",
        errs[0]
    );
}

#[test]
fn embedded_pack_is_valid_once_the_rubric_is_present() {
    let report = check_embedded();
    if repo("content/rubric.yaml").exists() {
        assert!(report.errors.is_empty(), "{:#?}", report.errors);
        // Nothing to warn about either: every key point and major criterion
        // has its follow-up probes, and so on.
        assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
        let c = load_embedded();
        assert_eq!(c.origin, "embedded");
        assert_eq!(c.version.len(), 12);
        assert_eq!(
            c.scenarios.len(),
            fs::read_dir(repo("content/scenarios")).unwrap().count()
        );
        // Same bytes as the directory on disk, so the same fingerprint.
        assert_eq!(load_dir(&repo("content")).unwrap().version, c.version);
        // What a run loads (the build's parsed copy) is exactly what the
        // full, validated load of the same files gives.
        let (checked, _) = check_and_load_embedded();
        let checked = checked.expect("the embedded pack is valid");
        assert_eq!(embedded_prebuilt().as_ref(), Some(&checked));
        assert_eq!(c, checked);
    } else {
        // Before the rubric lands the only error is its absence.
        let msgs: Vec<String> = report.errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "content/rubric.yaml:0:0: missing file: expected rubric.yaml (the rubric: areas, questions and criteria)"
            ]
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_file() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), tmp.path());
    for file in ["rubric.yaml", "mock.yaml", "scenarios/spam-filter.yaml"] {
        let path = tmp.path().join(file);
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(&fs::read(&path).unwrap());
        fs::write(&path, bytes).unwrap();
    }
    let content = load_dir(tmp.path()).expect("a pack whose files start with a BOM loads");
    assert_eq!(content.scenarios.len(), 1);

    // Errors after a BOM keep their columns.
    let path = tmp.path().join("scenarios/spam-filter.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    fs::write(&path, format!("{first}\nbogus_field: 1\n{rest}")).unwrap();
    let errs = load_dir(tmp.path()).unwrap_err();
    assert!(
        errs.iter().any(|d| d.line == 2 && d.column == 1),
        "{errs:?}"
    );
}

/// The contract fixture defines every contract criterion in its area, with
/// the shipped rubric's task types, and every shipped red flag id (scenarios
/// may mark those not applicable). Regenerate it when this fails.
#[test]
fn the_contract_fixture_matches_the_contract_and_the_shipped_flags() {
    use mlsd_coach::core::content::{CRITERION_CONTRACT, Rubric};
    let read =
        |p: PathBuf| -> Rubric { serde_yaml::from_str(&fs::read_to_string(p).unwrap()).unwrap() };
    let fixture_rubric = read(fixture("contract-rubric.yaml"));
    let shipped = read(repo("content/rubric.yaml"));
    for (area, ids) in CRITERION_CONTRACT {
        for id in *ids {
            let c = fixture_rubric
                .criterion(id)
                .unwrap_or_else(|| panic!("contract fixture lacks `{id}`"));
            assert_eq!(c.area, *area, "{id}");
            let s = shipped.criterion(id).unwrap();
            assert_eq!(c.applies_to, s.applies_to, "{id}: applies_to differs");
        }
    }
    let ids: Vec<&str> = fixture_rubric
        .red_flags
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    for f in &shipped.red_flags {
        assert!(
            ids.contains(&f.id.as_str()),
            "contract fixture lacks red flag `{}`",
            f.id
        );
    }
}
