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
