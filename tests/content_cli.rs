//! `mlsd-coach content validate`, `content list` and `content show`, run as
//! a process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/content")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(args)
        .env_remove("MLSD_COACH_SESSIONS")
        .output()
        .expect("binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn validate_valid_pack_exits_zero_with_counts() {
    let dir = fixture("valid");
    let out = run(&["content", "validate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "content OK: 8 areas, 9 criteria, 8 questions, 1 scenarios\n"
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn validate_broken_pack_prints_located_errors_and_exits_two() {
    let dir = fixture("broken-syntax");
    let out = run(&["content", "validate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert_eq!(
        lines[0],
        format!(
            "{}:10:5: phases[1]: unknown field `colour`, expected one of `id`, `title`, `minutes`, `areas`",
            dir.join("mock.yaml").display()
        )
    );
    assert!(
        lines[1].starts_with(&format!("{}:24:7: ", dir.join("rubric.yaml").display())),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!(
            "{}:24:13: emphasis[0].weight: invalid type",
            dir.join("scenarios/spam-filter.yaml").display()
        )),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[3],
        format!("{}: 3 error(s), 0 warning(s)", dir.display())
    );
}

#[test]
fn validate_uses_content_flag_when_no_dir_is_given() {
    let dir = fixture("broken-semantic");
    let out = run(&["--content", dir.to_str().unwrap(), "content", "validate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(&format!(
        "{}:23:28: question `labels` refers to unknown criterion `label-delay`",
        dir.join("rubric.yaml").display()
    )));
    assert!(err.contains(&format!(
        "{}:74:9: warning: area `clients` has no criteria",
        dir.join("rubric.yaml").display()
    )));
    // 4 warnings, and 13 for the probes the pack leaves out.
    assert!(err.ends_with(&format!("{}: 25 error(s), 17 warning(s)\n", dir.display())));
}

#[test]
fn validate_without_dir_checks_the_built_in_pack() {
    let out = run(&["content", "validate"]);
    let has_rubric = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/rubric.yaml")
        .exists();
    if has_rubric {
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("content OK: 8 areas, "));
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).starts_with("content/rubric.yaml:0:0: missing file"));
    }
}

#[test]
fn list_prints_a_table_of_scenarios() {
    let dir = fixture("valid");
    let out = run(&["--content", dir.to_str().unwrap(), "content", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ID           TASK TYPE              KEY POINTS  DOMAIN         TITLE\n\
         spam-filter  binary-classification  1           communication  Spam filter for a mail service\n"
    );
}

#[test]
fn list_as_json_gives_id_title_domain_task_type_and_key_points() {
    let dir = fixture("valid");
    let out = run(&[
        "--content",
        dir.to_str().unwrap(),
        "content",
        "list",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = v.as_array().expect("an array");
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["id"], "spam-filter");
    assert_eq!(r["title"], "Spam filter for a mail service");
    assert_eq!(r["domain"], "communication");
    assert_eq!(r["task_type"], "binary-classification");
    assert_eq!(r["key_points"], 1);
    assert_eq!(r["aliases"], serde_json::json!(["mail-spam"]));
}

#[test]
fn the_built_in_list_has_every_scenario_with_a_task_type() {
    let out = run(&["content", "list", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/scenarios"))
        .unwrap()
        .count();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), files);
    for r in rows {
        assert!(
            r["task_type"].as_str().is_some_and(|t| !t.is_empty()),
            "{r}"
        );
        assert!(r["key_points"].as_u64().is_some(), "{r}");
    }
}

/// The valid pack plus a second scenario, `spam-phishing`.
fn two_scenario_pack() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let valid = fixture("valid");
    std::fs::create_dir_all(tmp.path().join("scenarios")).unwrap();
    for f in ["rubric.yaml", "mock.yaml", "scenarios/spam-filter.yaml"] {
        std::fs::copy(valid.join(f), tmp.path().join(f)).unwrap();
    }
    let text = std::fs::read_to_string(valid.join("scenarios/spam-filter.yaml")).unwrap();
    std::fs::write(
        tmp.path().join("scenarios/spam-phishing.yaml"),
        text.replace("id: spam-filter", "id: spam-phishing")
            .replace(
                "title: Spam filter for a mail service",
                "title: Phishing detection",
            )
            .replace("aliases: [mail-spam]", "aliases: []"),
    )
    .unwrap();
    tmp
}

#[test]
fn show_prints_the_scenario_as_markdown() {
    let dir = fixture("valid");
    let out = run(&[
        "--content",
        dir.to_str().unwrap(),
        "content",
        "show",
        "spam-filter",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.starts_with("# Spam filter for a mail service\n\n"),
        "{md}"
    );
    // In order: prompt, context, facts, key points (with why), red flags
    // (with why and instead), the example answer.
    let order = [
        "## Prompt\n\nDesign a spam filter for our email service.",
        "## Context\n\nWe host mail for 2 million users",
        "## What the client can tell you\n\n- About 45% of incoming mail is spam. *(key)*",
        "### 1. Losing a real email costs far more than letting one spam through",
        "People miss invoices and interviews when real mail lands in spam",
        "> Losing a customer's invoice to the spam folder",
        "## What an interviewer would challenge",
        "### Treats \"report spam\" clicks as complete labels",
        "**Instead:** Use reports as a noisy signal",
        "## A strong answer\n\nI'd start by asking what hurts today.",
    ];
    let mut at = 0;
    for part in order {
        let found = md[at..]
            .find(part)
            .unwrap_or_else(|| panic!("`{part}` missing or out of order in:\n{md}"));
        at += found + part.len();
    }
    assert!(md.ends_with("on the agreed retention schedule.\n"), "{md}");
}

#[test]
fn show_exemplar_prints_only_the_answer_as_plain_text() {
    let dir = fixture("valid");
    let out = run(&[
        "--content",
        dir.to_str().unwrap(),
        "content",
        "show",
        "spam-filter",
        "--exemplar",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let answer = text(&out.stdout);
    assert!(
        answer.starts_with("I'd start by asking what hurts today."),
        "{answer}"
    );
    assert!(!answer.contains('#'), "{answer}");
    assert!(answer.ends_with("retention schedule.\n"), "{answer}");
    assert!(answer.split_whitespace().count() > 500);
}

#[test]
fn show_accepts_a_former_id_and_a_unique_part_of_an_id() {
    let tmp = two_scenario_pack();
    let pack = tmp.path().to_str().unwrap();
    for (query, title) in [
        ("mail-spam", "# Spam filter for a mail service"),
        ("filter", "# Spam filter for a mail service"),
        ("PHISH", "# Phishing detection"),
        ("spam-phishing", "# Phishing detection"),
    ] {
        let out = run(&["--content", pack, "content", "show", query]);
        assert_eq!(out.status.code(), Some(0), "{query}: {}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with(title), "{query}");
    }
}

#[test]
fn show_lists_the_candidates_when_an_id_is_ambiguous_or_unknown() {
    let tmp = two_scenario_pack();
    let pack = tmp.path().to_str().unwrap();
    let out = run(&["--content", pack, "content", "show", "spam"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: 'spam' matches several scenarios: spam-filter, spam-phishing; give more of the id\n"
    );
    let out = run(&["--content", pack, "content", "show", "ranking"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: no scenario matches 'ranking' (known: spam-filter, spam-phishing)\n"
    );
}

#[test]
fn show_works_on_the_built_in_pack() {
    let out = run(&["content", "show", "eta-prediction"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.contains("## What an interviewer listens for"), "{md}");
    assert!(md.contains("## A strong answer"), "{md}");
    let out = run(&["content", "show", "eta-prediction", "--exemplar"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!text(&out.stdout).contains("## "));
}

#[test]
fn list_with_a_broken_pack_exits_two() {
    let dir = fixture("broken-syntax");
    let out = run(&["--content", dir.to_str().unwrap(), "content", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("rubric.yaml:24:7:"));
}
