//! `history`, `show`, `export` and `paths` through the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions/mixed")
}

fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in fs::read_dir(fixtures()).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(args)
        .current_dir(cwd)
        .env_remove("MLSD_COACH_SESSIONS")
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn with_dir<'a>(dir: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--sessions-dir", dir.to_str().unwrap()];
    v.extend_from_slice(args);
    v
}

#[test]
fn paths_says_which_directory_and_why() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(tmp.path(), &["paths", "--sessions-dir", "/some/where"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("content:  embedded"), "{out}");
    assert!(
        out.contains("sessions: /some/where (--sessions-dir"),
        "{out}"
    );

    let o = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("paths")
        .current_dir(tmp.path())
        .env("MLSD_COACH_SESSIONS", "/from/env")
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("sessions: /from/env ($MLSD_COACH_SESSIONS"),
        "{}",
        stdout(&o)
    );

    fs::create_dir(tmp.path().join("sessions")).unwrap();
    let out = stdout(&run(tmp.path(), &["paths", "--content", "pack"]));
    assert!(out.contains("content:  pack (--content)"), "{out}");
    assert!(
        out.contains("/sessions (./sessions exists in the current directory)"),
        "{out}"
    );
}

#[test]
fn history_json_lists_every_session_newest_first_with_damage() {
    let tmp = fixture_copy();
    let o = run(
        tmp.path(),
        &with_dir(tmp.path(), &["history", "--format", "json"]),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "2026-11-22T13-00-00_ads-ctr_bin7",
            "2026-11-22T12-00-00_ads-ctr_emp6",
            "2026-11-22T11-00-00_ads-ctr_typ5",
            "2026-11-22T10-00-00_ads-ctr_cut4",
            "2026-11-22T09-00-00_ads-ctr_new3",
            "2026-11-22T08-00-00_ads-ctr_bad1",
            "2026-11-21T10-00-00_news-feed_ok02",
            "2026-11-20T09-15-00_fraud-detection_ok01",
        ]
    );
    for r in &rows[..6] {
        assert_eq!(r["status"], "damaged");
        assert!(r["overall"].is_null());
        assert!(!r["reason"].as_str().unwrap().is_empty());
        assert!(r["path"].as_str().unwrap().ends_with(".yaml"));
    }
    assert_eq!(
        rows[4]["reason"],
        "written by a newer mlsd-coach (schema 3; this one reads 1)"
    );
    let ok = &rows[7];
    assert_eq!(ok["scenario"], "fraud-detection");
    assert_eq!(ok["mode"], "mock");
    assert_eq!(ok["status"], "complete");
    assert_eq!(ok["started_at"], "2026-11-20T09:15:00Z");
    let overall = ok["overall"].as_f64().expect("a scored session");
    assert!((0.0..=100.0).contains(&overall));
    assert_eq!(rows[6]["status"], "in_progress");
    assert!(rows[6]["overall"].is_number());
    // The scores are now cached beside the index, under the content
    // version, one entry per readable session.
    let scores: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join(".scores.json")).unwrap()).unwrap();
    let key = scores["key"].as_str().unwrap();
    let version = mlsd_coach::core::content::load_embedded().version;
    assert!(key.starts_with(&format!("{version}+")), "{key}");
    assert_eq!(scores["entries"].as_object().unwrap().len(), 2, "{scores}");

    // The same answer twice: served from the cache, same numbers.
    let again = run(
        tmp.path(),
        &with_dir(tmp.path(), &["history", "--format", "json"]),
    );
    assert_eq!(again.stdout, o.stdout);
}

#[test]
fn sessions_without_answers_have_no_overall() {
    use mlsd_coach::core::session::{Mode, Session};
    use mlsd_coach::core::store::Store;
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let started_at = "2026-11-26T10:00:00Z".parse().unwrap();
    let s = Session {
        id: store.new_id(started_at, "fraud-detection"),
        elapsed_seconds: 3,
        ..Session::new("fraud-detection", Mode::Drill, started_at, "x")
    };
    store.save(&s).unwrap();
    let o = run(
        tmp.path(),
        &with_dir(tmp.path(), &["history", "--format", "json"]),
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["mode"], "drill");
    assert!(rows[0]["overall"].is_null(), "{}", rows[0]);
    let o = run(tmp.path(), &with_dir(tmp.path(), &["show", &s.id]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("score:    - (no answers)"));
}

#[test]
fn history_filters_and_text() {
    let tmp = fixture_copy();
    let o = run(
        tmp.path(),
        &with_dir(
            tmp.path(),
            &["history", "--mode", "mock", "--format", "json"],
        ),
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "2026-11-20T09-15-00_fraud-detection_ok01");

    let o = run(
        tmp.path(),
        &with_dir(
            tmp.path(),
            &["history", "--scenario", "ads-ctr", "--format", "json"],
        ),
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 6, "damaged files of the scenario, by name");

    let o = run(tmp.path(), &with_dir(tmp.path(), &["history"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("ID ") && lines[0].contains("SCORE"),
        "{out}"
    );
    assert_eq!(lines.len(), 9, "{out}");
    assert!(
        lines[1].contains("DAMAGED") && lines[1].contains("not UTF-8"),
        "{out}"
    );
    let last = lines[8];
    assert!(
        last.starts_with("2026-11-20T09-15-00_fraud-detection_ok01")
            && last.contains("mock")
            && last.contains("2026-11-20 09:15")
            && last.contains(" 40:00  ")
            && last.ends_with("complete"),
        "{last}"
    );
}

#[test]
fn show_by_prefix_with_scorecard() {
    let tmp = fixture_copy();
    let o = run(tmp.path(), &with_dir(tmp.path(), &["show", "2026-11-20"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for part in [
        "mock session 2026-11-20T09-15-00_fraud-detection_ok01",
        "clock:    40:00 of a 45-minute interview",
        "score:    ",
        "PROMPT",
        "ANSWERS",
        "    Chargebacks cost the company 1.2% of volume and manual review is slow.",
        "SCORECARD",
    ] {
        assert!(out.contains(part), "missing {part:?} in\n{out}");
    }
}

#[test]
fn ambiguous_missing_and_damaged_ids_fail_with_reasons() {
    let tmp = fixture_copy();
    let o = run(tmp.path(), &with_dir(tmp.path(), &["show", "2026-11-2"]));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("'2026-11-2' matches 8 sessions"), "{err}");
    assert!(
        err.contains("\n  2026-11-21T10-00-00_news-feed_ok02"),
        "{err}"
    );
    assert!(o.stdout.is_empty());

    let o = run(tmp.path(), &with_dir(tmp.path(), &["export", "1999"]));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no session matches '1999'"),
        "{}",
        stderr(&o)
    );

    let o = run(
        tmp.path(),
        &with_dir(tmp.path(), &["show", "2026-11-22T09"]),
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("is damaged") && err.contains("schema 3; this one reads 1"),
        "{err}"
    );
}

#[test]
fn export_markdown_to_a_file_and_json_to_stdout() {
    let tmp = fixture_copy();
    let out_file = tmp.path().join("out/report.md");
    fs::create_dir(tmp.path().join("out")).unwrap();
    let o = run(
        tmp.path(),
        &with_dir(
            tmp.path(),
            &["export", "2026-11-20T09", "-o", out_file.to_str().unwrap()],
        ),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let md = fs::read_to_string(&out_file).unwrap();
    for part in [
        "# ",
        "- Session: `2026-11-20T09-15-00_fraud-detection_ok01`",
        "## Prompt",
        "## Scorecard",
        "## Answers",
        "> Chargebacks cost the company 1.2% of volume and manual review is slow.",
        "## Clarifying questions",
        "**How quickly do chargebacks arrive?**",
        "## Curveballs",
        "Labels now arrive 30 days late.",
    ] {
        assert!(md.contains(part), "missing {part:?} in\n{md}");
    }
    // No temp file left next to the output.
    assert_eq!(fs::read_dir(tmp.path().join("out")).unwrap().count(), 1);

    let o = run(
        tmp.path(),
        &with_dir(tmp.path(), &["export", "2026-11-21", "--format", "json"]),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["session"]["id"], "2026-11-21T10-00-00_news-feed_ok02");
    assert_eq!(
        v["session"]["answers"][0]["text"],
        "Users scroll past most posts."
    );
    assert!(v["scorecard"]["overall"].is_number(), "{v}");
    assert!(v["scorecard"]["areas"].is_array());
}
