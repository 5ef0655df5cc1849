//! Hostile files in the sessions directory (nesting and alias bombs, a
//! FIFO, a link to a device, a 50 MB file, a link out of the directory)
//! cost milliseconds and a "damaged" row, in the store and in every
//! command, never the whole program.

#[path = "support/hostile.rs"]
mod hostile;

use hostile::*;
use mlsd_coach::core::store::{Listing, Store, StoreError, SummaryRow};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Far above the milliseconds these take in a release build, far below
/// the tens of seconds (or the abort) they took before the limits.
const BOUND: Duration = Duration::from_secs(5);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    let took = t.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < BOUND, "{what} took {took:?}");
    r
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    populate(&dir);
    (root, dir)
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn listing_marks_each_hostile_file_damaged_quickly() {
    let (_root, dir) = setup();
    let store = Store::open(&dir).unwrap();
    let hostile = hostile_stems(&dir);
    assert!(hostile.len() >= 5, "{hostile:?}");

    let rows = timed("summaries", || store.summaries().unwrap());
    let mut damaged: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| match r {
            SummaryRow::Damaged { path, reason } => Some((stem(path), reason.clone())),
            SummaryRow::Ok(_) => None,
        })
        .collect();
    damaged.sort();
    let mut names: Vec<String> = damaged.iter().map(|(n, _)| n.clone()).collect();
    names.sort();
    let mut want: Vec<String> = hostile.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(names, want, "{damaged:#?}");
    let ok: Vec<&str> = rows
        .iter()
        .filter_map(|r| match r {
            SummaryRow::Ok(s) => Some(s.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ok, [GOOD]);
    let reason = |s: &str| damaged.iter().find(|(n, _)| n == s).unwrap().1.clone();
    assert!(
        reason(DEEP).contains("nested more than"),
        "{}",
        reason(DEEP)
    );
    assert!(
        reason(ALIASES).contains("aliases expand too far"),
        "{}",
        reason(ALIASES)
    );
    assert!(
        reason(HUGE).contains("too large (50 MB"),
        "{}",
        reason(HUGE)
    );
    if hostile.contains(&FIFO) {
        assert!(reason(FIFO).contains("FIFO"), "{}", reason(FIFO));
    }
    if hostile.contains(&DEVICE_LINK) {
        assert!(reason(DEVICE_LINK).contains("symbolic link"));
        assert!(reason(OUTSIDE_LINK).contains("symbolic link"));
    }

    // Again from the index, and through the full listing.
    timed("summaries (indexed)", || store.summaries().unwrap());
    let list = timed("list", || store.list().unwrap());
    let bad = list
        .iter()
        .filter(|l| matches!(l, Listing::Damaged { .. }))
        .count();
    assert_eq!(bad, hostile.len());
}

#[test]
fn loading_a_hostile_file_by_id_says_why_at_once() {
    let (_root, dir) = setup();
    let store = Store::open(&dir).unwrap();
    for stem in hostile_stems(&dir) {
        let r = timed(stem, || store.load(stem));
        match r {
            Err(StoreError::Damaged { reason, .. }) => eprintln!("{stem}: {reason}"),
            other => panic!("{stem}: {other:?}"),
        }
        // Saving over it is refused: it may be someone's only copy.
        let mut s = good_session();
        s.id = stem.to_string();
        assert!(matches!(
            timed("save", || store.save(&s)),
            Err(StoreError::Damaged { .. })
        ));
    }
    // The link out of the directory was left alone, as was its target.
    #[cfg(unix)]
    assert!(
        std::fs::symlink_metadata(dir.join(format!("{OUTSIDE_LINK}.yaml")))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("--sessions-dir")
        .arg(dir)
        .args(args)
        .env_remove("MLSD_COACH_SESSIONS")
        .output()
        .unwrap()
}

#[test]
fn every_command_lists_or_refuses_hostile_files_quickly() {
    let (_root, dir) = setup();
    let hostile = hostile_stems(&dir);
    let out = timed("history", || run(&dir, &["history"]));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(GOOD), "{text}");
    for stem in &hostile {
        let line = text.lines().find(|l| l.starts_with(stem)).unwrap_or("");
        assert!(line.contains("DAMAGED"), "{stem}: {text}");
    }
    let out = timed("history --format json", || {
        run(&dir, &["history", "--format", "json"])
    });
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let damaged = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "damaged")
        .count();
    assert_eq!(damaged, hostile.len());

    for stem in &hostile {
        for args in [
            vec!["show", stem],
            vec!["export", stem],
            vec!["compare", stem, GOOD],
        ] {
            let out = timed(&format!("{args:?}"), || run(&dir, &args));
            assert!(!out.status.success(), "{args:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(stem), "{args:?}: {err}");
        }
        let file = dir.join(format!("{stem}.yaml"));
        // `score` reads the file it is given, links included: the link
        // out of the directory names a good session.
        let out = timed("score", || run(&dir, &["score", file.to_str().unwrap()]));
        assert_eq!(out.status.success(), *stem == OUTSIDE_LINK, "score {stem}");
    }
    // The good session still works beside them.
    let out = timed("show good", || run(&dir, &["show", GOOD]));
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Fraud losses"));
}
