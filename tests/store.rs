//! The session store: saving, loading, listing, damaged files, locks,
//! concurrent writers.

use mlsd_coach::core::session::{Answer, Event, EventKind, Mode, Session};
use mlsd_coach::core::store::index::{ScoreFn, Scored, Scoring};
use mlsd_coach::core::store::{Listing, Store, StoreError, SummaryRow, fsutil};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions/mixed")
}

/// A copy of the mixed fixture directory (the temp file made old).
fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in fs::read_dir(fixtures()).unwrap() {
        let e = e.unwrap();
        let to = tmp.path().join(e.file_name());
        fs::copy(e.path(), &to).unwrap();
        if e.file_name().to_string_lossy().contains(".tmp-") {
            let old = SystemTime::now() - Duration::from_secs(3600);
            fs::File::options()
                .write(true)
                .open(&to)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }
    tmp
}

fn session(store: &Store, scenario: &str, at: &str, texts: &[&str]) -> Session {
    let started_at = at.parse().unwrap();
    Session {
        id: store.new_id(started_at, scenario),
        current_question: Some("goals".into()),
        cursor: Some((1, 2)),
        elapsed_seconds: 61,
        answers: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Answer {
                question: format!("q{i}"),
                text: t.to_string(),
                seconds: 30,
                hints: 1,
            })
            .collect(),
        events: vec![
            Event {
                at: 5,
                kind: EventKind::Asked {
                    question: "How late are labels?".into(),
                    fact: Some("label-delay".into()),
                    reply: "Thirty days.".into(),
                },
            },
            Event {
                at: 9,
                kind: EventKind::Paused,
            },
        ],
        ..Session::new(scenario, Mode::Practice, started_at, "v1")
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn save_then_load_round_trips_with_block_scalars() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let s = session(
        &store,
        "fraud-detection",
        "2026-11-26T23:40:12Z",
        &[
            "Chargebacks hurt.\nWe want recall over precision.",
            "one line",
        ],
    );
    let path = store.save(&s).unwrap();
    assert_eq!(path, tmp.path().join(format!("{}.yaml", s.id)));
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  text: |-\n    Chargebacks hurt.\n    We want recall over precision.\n"),
        "{text}"
    );
    assert!(text.contains("schema_version: 1\n"));
    let (p, back) = store.load(&s.id).unwrap();
    assert_eq!(p, path);
    assert_eq!(back, s);
    // No temp or other files left behind, apart from the id's lock file.
    let left: Vec<String> = names(tmp.path())
        .into_iter()
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert_eq!(left, vec![format!("{}.yaml", s.id)]);
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/sessions");
    let store = Store::open(&dir).unwrap();
    let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    let s = session(&store, "ads", "2026-11-26T10:00:00Z", &["x"]);
    let p = store.save(&s).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Still private after an overwrite.
    store.save(&s).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn prefixes_resolve_like_git() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let a = session(&store, "fraud-detection", "2026-11-26T10:00:00Z", &["a"]);
    let b = session(&store, "fraud-detection", "2026-11-26T10:00:00Z", &["b"]);
    let c = session(&store, "ads", "2026-11-27T10:00:00Z", &["c"]);
    for s in [&a, &b, &c] {
        store.save(s).unwrap();
    }
    assert_eq!(store.load("2026-11-27").unwrap().1, c);
    assert_eq!(store.load(&a.id).unwrap().1, a);
    match store.load("2026-11-26T10") {
        Err(StoreError::Ambiguous { matches, .. }) => {
            let mut want = vec![a.id.clone(), b.id.clone()];
            want.sort();
            assert_eq!(matches, want);
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
    assert!(matches!(store.load("2025"), Err(StoreError::NotFound(_))));
    let mut bad = a.clone();
    bad.id = "../outside".into();
    let err = store.save(&bad).unwrap_err().to_string();
    assert!(err.contains("plain file name"), "{err}");
    assert!(!tmp.path().join("../outside.yaml").exists());
    assert!(matches!(
        store.load("../etc/passwd"),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn list_reports_damaged_files_and_keeps_going() {
    let tmp = fixture_copy();
    let before: Vec<(String, Vec<u8>)> = names(tmp.path())
        .into_iter()
        .filter(|n| !n.contains(".tmp-"))
        .map(|n| {
            let b = fs::read(tmp.path().join(&n)).unwrap();
            (n, b)
        })
        .collect();
    let store = Store::open(tmp.path()).unwrap();
    let rows = store.list().unwrap();
    let ok: Vec<&str> = rows
        .iter()
        .filter_map(|r| match r {
            Listing::Ok { session, .. } => Some(session.id.as_str()),
            _ => None,
        })
        .collect();
    // Newest first.
    assert_eq!(
        ok,
        [
            "2026-11-21T10-00-00_news-feed_ok02",
            "2026-11-20T09-15-00_fraud-detection_ok01"
        ]
    );
    let damaged: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| match r {
            Listing::Damaged { path, reason } => Some((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                reason.clone(),
            )),
            _ => None,
        })
        .collect();
    let reason = |suffix: &str| -> String {
        damaged
            .iter()
            .find(|(n, _)| n.contains(suffix))
            .unwrap_or_else(|| panic!("{suffix} not listed as damaged: {damaged:?}"))
            .1
            .clone()
    };
    assert_eq!(damaged.len(), 6, "{damaged:?}");
    let bad = reason("bad1");
    assert!(
        bad.starts_with("line 12, column 11") && bad.contains("mapping values"),
        "{bad}"
    );
    assert_eq!(
        reason("new3"),
        "written by a newer mlsd-coach (schema 3; this one reads 1)"
    );
    assert!(reason("cut4").contains("truncated"), "{}", reason("cut4"));
    let typ = reason("typ5");
    assert!(
        typ.starts_with("line 9, column 18") && typ.contains("elapsed_seconds"),
        "{typ}"
    );
    assert_eq!(reason("emp6"), "empty file");
    assert!(reason("bin7").contains("not UTF-8"), "{}", reason("bin7"));

    // Summaries say the same (and build the index).
    let sums = store.summaries().unwrap();
    assert_eq!(sums.len(), 8);
    assert_eq!(
        sums.iter()
            .filter(|r| matches!(r, SummaryRow::Damaged { .. }))
            .count(),
        6
    );
    assert!(store.index_path().exists());

    // Nothing was changed, renamed or removed — except the old temp file,
    // which listing cleaned up.
    for (n, bytes) in &before {
        assert_eq!(&fs::read(tmp.path().join(n)).unwrap(), bytes, "{n} changed");
    }
    assert!(!names(tmp.path()).iter().any(|n| n.contains(".tmp-")));
}

#[test]
fn damaged_files_are_never_overwritten_and_load_says_why() {
    let tmp = fixture_copy();
    let store = Store::open(tmp.path()).unwrap();
    let (_, mut good) = store.load("2026-11-20").unwrap();
    for id in [
        "2026-11-22T08-00-00_ads-ctr_bad1",
        "2026-11-22T09-00-00_ads-ctr_new3",
        "2026-11-22T10-00-00_ads-ctr_cut4",
        "2026-11-22T12-00-00_ads-ctr_emp6",
        "2026-11-22T13-00-00_ads-ctr_bin7",
    ] {
        let path = tmp.path().join(format!("{id}.yaml"));
        let before = fs::read(&path).unwrap();
        match store.load(id) {
            Err(StoreError::Damaged { path: p, reason }) => {
                assert_eq!(p, path);
                assert!(!reason.is_empty());
            }
            other => panic!("{id}: expected damaged, got {other:?}"),
        }
        good.id = id.to_string();
        match store.save(&good) {
            Err(StoreError::Damaged { reason, .. }) => {
                assert!(reason.contains("not overwriting"), "{reason}")
            }
            other => panic!("{id}: save should refuse, got {other:?}"),
        }
        assert_eq!(fs::read(&path).unwrap(), before, "{id} was modified");
    }
}

#[test]
fn young_temp_files_are_ignored_not_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let young = tmp
        .path()
        .join(".2026-11-26T10-00-00_ads_abcd.yaml.tmp-1-0000");
    fs::write(&young, "half a sess").unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert!(store.list().unwrap().is_empty());
    assert!(store.summaries().unwrap().is_empty());
    assert!(
        young.exists(),
        "a save in progress elsewhere must not lose its file"
    );
    assert_eq!(fsutil::clean_temp_files(tmp.path()), 0);
}

#[test]
fn lock_refuses_a_second_editor_until_released() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let s = session(&store, "ads", "2026-11-26T10:00:00Z", &["x"]);
    store.save(&s).unwrap();
    let lock = store.lock(&s.id).unwrap();
    assert!(matches!(store.lock(&s.id), Err(StoreError::Locked(id)) if id == s.id));
    assert!(store.is_locked(&s.id));
    // Read-only access still works while locked.
    assert_eq!(store.load(&s.id).unwrap().1, s);
    drop(lock);
    assert!(!store.is_locked(&s.id));
    let again = store.lock(&s.id).unwrap();
    drop(again);
    // Lock files do not show up as sessions.
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn concurrent_writers_and_a_reader_never_see_damage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let store = Store::open(&dir).unwrap();
                let mut s = session(&store, &format!("writer-{w}"), "2026-11-26T10:00:00Z", &[]);
                let _lock = store.lock(&s.id).unwrap();
                for i in 0..60 {
                    s.answer_mut(&format!("q{}", i % 7)).text =
                        format!("writer {w} save {i}\n{}", "x".repeat(i * 20));
                    s.elapsed_seconds = i as u64;
                    store.save(&s).unwrap();
                }
                s
            })
        })
        .collect();
    let reader = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let store = Store::open(&dir).unwrap();
            for _ in 0..40 {
                for row in store.list().unwrap() {
                    if let Listing::Damaged { path, reason } = row {
                        panic!("{}: {reason}", path.display());
                    }
                }
                for row in store.summaries().unwrap() {
                    assert!(matches!(row, SummaryRow::Ok(_)), "{row:?}");
                }
            }
        })
    };
    let finals: Vec<Session> = writers.into_iter().map(|h| h.join().unwrap()).collect();
    reader.join().unwrap();
    let store = Store::open(&dir).unwrap();
    for s in finals {
        assert_eq!(store.load(&s.id).unwrap().1, s);
    }
    let sums = store.summaries().unwrap();
    assert_eq!(sums.len(), 2);
    for r in sums {
        let SummaryRow::Ok(s) = r else { panic!() };
        assert_eq!(s.elapsed_seconds, 59, "index must not keep a stale summary");
    }
}

#[test]
fn index_is_a_rebuildable_cache_with_cached_scores() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut ids = vec![];
    for (i, day) in ["2026-11-01", "2026-11-02", "2026-11-03"]
        .iter()
        .enumerate()
    {
        let texts: Vec<String> = (0..=i).map(|k| format!("answer {k}")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let s = session(&store, "ads", &format!("{day}T10:00:00Z"), &refs);
        store.save(&s).unwrap();
        ids.push(s.id);
    }
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let make = || -> ScoreFn<'_, f32> {
        Box::new(|s: &Session| {
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            s.answers.len() as f32 * 10.0
        })
    };
    let overall = |rows: Vec<Scored<f32>>| -> Vec<Option<f32>> {
        rows.into_iter()
            .map(|r| match r.row {
                SummaryRow::Ok(_) => r.score,
                SummaryRow::Damaged { .. } => None,
            })
            .collect()
    };
    let rows = store
        .summaries_scored(Scoring {
            key: "v1",
            make: &make,
            progress: None,
            workers: 0,
        })
        .unwrap();
    assert_eq!(overall(rows), [Some(30.0), Some(20.0), Some(10.0)]);
    // Cached: no re-scoring under the same key.
    let rows = store
        .summaries_scored(Scoring {
            key: "v1",
            make: &make,
            progress: None,
            workers: 0,
        })
        .unwrap();
    assert_eq!(overall(rows), [Some(30.0), Some(20.0), Some(10.0)]);
    // A new content version re-scores.
    let rows = store
        .summaries_scored(Scoring {
            key: "v2",
            make: &make,
            progress: None,
            workers: 0,
        })
        .unwrap();
    assert_eq!(overall(rows), [Some(30.0), Some(20.0), Some(10.0)]);
    assert_eq!(calls.into_inner(), 6);

    // A damaged index is rebuilt; a missing one too.
    fs::write(store.index_path(), "{ not json").unwrap();
    assert_eq!(store.summaries().unwrap().len(), 3);
    assert!(
        serde_json::from_slice::<serde_json::Value>(&fs::read(store.index_path()).unwrap()).is_ok()
    );
    fs::remove_file(store.index_path()).unwrap();
    assert_eq!(store.summaries().unwrap().len(), 3);
    // A removed session leaves the listing and the index.
    fs::remove_file(store.path_of(&ids[0])).unwrap();
    let rows = store.summaries().unwrap();
    assert_eq!(rows.len(), 2);
    let idx = fs::read_to_string(store.index_path()).unwrap();
    assert!(!idx.contains(&ids[0]));
}

#[test]
fn old_unheld_lock_files_are_cleaned_held_ones_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let t = "2026-11-26T10:00:00Z".parse().unwrap();
    let unused = store.new_id(t, "ads");
    let held_id = store.new_id(t, "ads");
    let held = store.lock(&held_id).unwrap();
    let old = SystemTime::now() - Duration::from_secs(3600);
    for id in [&unused, &held_id] {
        let p = tmp.path().join(format!(".{id}.lock"));
        assert!(p.exists(), "new_id reserves the id with a lock file");
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    store.summaries().unwrap();
    assert!(!tmp.path().join(format!(".{unused}.lock")).exists());
    assert!(tmp.path().join(format!(".{held_id}.lock")).exists());
    assert!(matches!(store.lock(&held_id), Err(StoreError::Locked(_))));
    drop(held);
}
