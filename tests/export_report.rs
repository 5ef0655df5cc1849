//! The Markdown report holds everything the scorecard screen shows: the
//! exemplar, time per question, and for a mock the pacing chart (as a
//! table) and the key facts never asked for.

use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn the_report_has_time_pacing_facts_and_the_exemplar() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions/mixed");
    let tmp = tempfile::tempdir().unwrap();
    for e in fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("--sessions-dir")
        .arg(tmp.path())
        .args(["export", "fraud-detection_ok01"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    let order = [
        "## Scorecard",
        "## Answers",
        "## Time per question",
        "| Question | Time | Hints |",
        "Total: 40:00",
        "## Pacing",
        "| Phase | Spent | Budget | Over | Reached |",
        "## Questions to the client",
        "## A strong answer to this prompt",
    ];
    let mut at = 0;
    for part in order {
        let Some(i) = md[at..].find(part) else {
            panic!("missing or out of order: {part:?}\n---\n{md}");
        };
        at += i + part.len();
    }
    // One row per phase of the content's mock profile, with a time each.
    let rows = md
        .lines()
        .skip_while(|l| !l.starts_with("| Phase |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .count();
    assert!(rows >= 3, "{md}");
}

/// A drill's export is the drill's own view: each drilled criterion before
/// → after (replayed from the other saved sessions), mastered or not, next
/// due, and the schedule; not the general scorecard.
#[test]
fn a_drill_exports_the_drilled_criteria_before_and_after() {
    use mlsd_coach::core::content::load_embedded;
    use mlsd_coach::core::session::{Mode, Session, SessionStatus};
    use mlsd_coach::core::store::Store;

    let content = load_embedded();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let (_, q) = content
        .rubric
        .questions()
        .find(|(_, q)| q.id == "framing-problem")
        .unwrap();
    let day = |d| chrono::DateTime::parse_from_rfc3339(d).unwrap().to_utc();
    let finished = |mut s: Session, answer: &str| {
        s.id = store.new_id(s.started_at, &s.scenario);
        s.answer_mut(&q.id).text = answer.to_string();
        s.status = SessionStatus::Complete;
        s.ended_at = Some(s.started_at + chrono::Duration::minutes(20));
        store.save(&s).unwrap();
        s
    };
    // A practice answer that says little, then a drill that says it well.
    let practice = Session::new(
        "fraud-detection",
        Mode::Practice,
        day("2026-11-01T09:00:00Z"),
        &content.version,
    );
    finished(practice, "We want to use machine learning.");
    let mut drill = Session::new(
        "fraud-detection",
        Mode::Drill,
        day("2026-11-03T09:00:00Z"),
        &content.version,
    );
    drill.questions = vec![q.id.clone()];
    let drill = finished(
        drill,
        "Fraud losses are 0.3% of volume today and the rules engine blocks too many good \
         customers. The goal is to cut fraud losses by a third without raising false declines, \
         framed as a binary classifier that scores each card payment before authorisation.",
    );

    let o = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("--sessions-dir")
        .arg(tmp.path())
        .args(["export", &drill.id])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("— drill session"), "{md}");
    assert!(md.contains("- Drilled: 1 question · "), "{md}");
    assert!(
        md.contains("| Criterion | Before | After | Box | Mastered | Next due |"),
        "{md}"
    );
    // One row per criterion the question targets, each tried before.
    let rows: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Criterion |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(rows.len(), q.criteria.len(), "{md}");
    assert!(rows.iter().all(|r| !r.contains("not tried")), "{md}");
    assert!(
        rows.iter().any(|r| r.contains("| yes |")),
        "something drilled is mastered: {md}"
    );
    assert!(md.contains("## Schedule"), "{md}");
    assert!(md.contains("Fraud losses are 0.3% of volume today"), "{md}");
    for general in ["Overall score", "## Scorecard", "Gaps, most valuable first"] {
        assert!(!md.contains(general), "{general} in a drill's export: {md}");
    }
    // `show` gives the same drill view.
    let o = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("--sessions-dir")
        .arg(tmp.path())
        .args(["show", &drill.id])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let shown = String::from_utf8(o.stdout).unwrap();
    assert!(shown.contains("— drill session"), "{shown}");
    assert!(shown.contains("| Criterion | Before | After | Box | Mastered | Next due |"));
    assert!(!shown.contains("Overall score"), "{shown}");
}
