//! The sessions index at scale: a generated history (mixed modes, some
//! unfinished, some damaged) rebuilt in parallel gives the same scores as a
//! fresh score of each file, lists damaged files as damaged, reports its
//! progress, and is reused while the key holds.

#[path = "../benches/support/history.rs"]
mod history;

use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::review::SessionScorer;
use mlsd_coach::core::session::Session;
use mlsd_coach::core::store::index::{ScoreFn, Scoring};
use mlsd_coach::core::store::{Store, SummaryRow};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[test]
fn a_cold_index_is_rebuilt_in_parallel_with_fresh_scores_and_progress() {
    let content = load_embedded();
    let tmp = tempfile::tempdir().unwrap();
    let made = history::write(tmp.path(), &content, 36, 7);
    assert!(made.damaged > 0 && made.unfinished > 0, "{made:?}");
    let store = Store::open(tmp.path()).unwrap();

    let calls = AtomicUsize::new(0);
    let calls = &calls;
    let make = || -> ScoreFn<'_, f32> {
        let mut scorer = SessionScorer::new(&content);
        Box::new(move |s: &Session| {
            calls.fetch_add(1, Ordering::Relaxed);
            scorer.score(s).overall
        })
    };
    let seen = Mutex::new(Vec::new());
    let progress = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
    let scoring = || Scoring {
        key: "k1",
        make: &make,
        progress: Some(&progress),
        workers: 0,
    };
    let rows = store.summaries_scored(scoring()).unwrap();
    assert_eq!(rows.len(), 36);
    assert_eq!(calls.load(Ordering::Relaxed), made.sessions);

    // Progress: every file once, ending at the total.
    let mut seen = std::mem::take(&mut *seen.lock().unwrap());
    seen.sort();
    assert_eq!(seen.len(), 36);
    assert_eq!(seen.last(), Some(&(36, 36)));

    // Each score is a fresh score of the file; damaged files are damaged.
    let mut fresh = SessionScorer::new(&content);
    let mut damaged = 0;
    for r in &rows {
        match (&r.row, Store::load_path(r.row.path())) {
            (SummaryRow::Ok(s), Ok(session)) => {
                assert_eq!(r.score, Some(fresh.score(&session).overall), "{}", s.id);
                assert_eq!(
                    s.answers,
                    session
                        .answers
                        .iter()
                        .filter(|a| !a.text.trim().is_empty())
                        .count()
                );
            }
            (SummaryRow::Damaged { .. }, Err(_)) => damaged += 1,
            (r, l) => panic!("{} listed as {r:?}, loads as {l:?}", r.path().display()),
        }
    }
    assert_eq!(damaged, made.damaged);

    // Warm: nothing is scored again under the same key, the rows are equal.
    let again = store.summaries_scored(scoring()).unwrap();
    assert_eq!(again, rows);
    assert_eq!(calls.load(Ordering::Relaxed), made.sessions);

    // A new key (content or scorer changed) scores every session again.
    let again_calls = AtomicUsize::new(0);
    let counting = || -> ScoreFn<'_, f32> {
        Box::new(|_: &Session| {
            again_calls.fetch_add(1, Ordering::Relaxed);
            1.0
        })
    };
    let stale = Scoring {
        key: "k2",
        make: &counting,
        progress: None,
        workers: 0,
    };
    let rescored = store.summaries_scored(stale).unwrap();
    assert_eq!(rescored.len(), rows.len());
    assert_eq!(again_calls.load(Ordering::Relaxed), made.sessions);
}
