//! The review's per-session records (cached in `.scores.json`) give the
//! same progress, drill schedule, drill plan and scores as a fresh full
//! scoring of every session file, cold and warm; a stale key scores again.

#[path = "../benches/support/history.rs"]
mod history;

use chrono::{TimeZone, Utc};
use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::review::drill_report::schedule_summary;
use mlsd_coach::core::review::{
    Attempt, Record, ScoredSession, cache, drill_picks, drill_schedule, progress, score_sessions,
};
use mlsd_coach::core::store::{Listing, Store, SummaryRow};

fn records(content: &mlsd_coach::core::content::Content, store: &Store) -> Vec<Record> {
    cache::scored_summaries(content, store, None)
        .unwrap()
        .into_iter()
        .filter_map(|r| match (r.row, r.score) {
            (SummaryRow::Ok(s), Some(sc)) => Some(Record::new(s, sc)),
            _ => None,
        })
        .collect()
}

fn fresh(content: &mlsd_coach::core::content::Content, store: &Store) -> Vec<ScoredSession> {
    let sessions = store
        .list()
        .unwrap()
        .into_iter()
        .filter_map(|l| match l {
            Listing::Ok { session, .. } => Some(*session),
            Listing::Damaged { .. } => None,
        })
        .collect();
    score_sessions(content, sessions)
}

#[test]
fn records_give_what_full_scoring_gives() {
    let content = load_embedded();
    let tmp = tempfile::tempdir().unwrap();
    let made = history::write(tmp.path(), &content, 80, 11);
    let store = Store::open(tmp.path()).unwrap();

    let cold = records(&content, &store);
    let full = fresh(&content, &store);
    assert_eq!(cold.len(), made.sessions);
    assert_eq!(full.len(), made.sessions);

    // Every score, area score and attempted criterion, session by session.
    for r in &cold {
        let f = full.iter().find(|f| f.id() == r.id()).unwrap();
        assert_eq!(r.overall(), f.overall(), "{}", r.id());
        assert_eq!(r.areas(&content.rubric), f.areas(&content.rubric));
        assert_eq!(r.attempted(&content.rubric), f.attempted_list(&content));
        assert_eq!(
            Attempt::pacing(r, &content.rubric, &content.mock),
            Attempt::pacing(f, &content.rubric, &content.mock)
        );
        assert_eq!(r.is_complete(), f.is_complete());
        assert_eq!(r.predicted_score(), f.predicted_score());
    }

    // The statistics over all of them, at two points in time.
    let rubric = &content.rubric;
    let p = progress(&full, rubric, &content.mock, 10);
    assert!(!p.overall.is_empty() && !p.most_missed.is_empty() && !p.pacing.is_empty());
    assert_eq!(progress(&cold, rubric, &content.mock, 10), p);
    for now in [
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    ] {
        let d = drill_schedule(&full, rubric, now);
        assert!(!d.is_empty());
        assert_eq!(drill_schedule(&cold, rubric, now), d);
        assert_eq!(
            drill_picks(&cold, rubric, now, 6),
            drill_picks(&full, rubric, now, 6)
        );
        assert_eq!(
            schedule_summary(&cold, rubric, now),
            schedule_summary(&full, rubric, now)
        );
    }

    // Warm: read back from the cache, identical.
    assert!(store.scores_path().exists());
    assert_eq!(records(&content, &store), cold);
}

/// The attempted criteria of a fully scored session, as records list them.
trait AttemptedList {
    fn attempted_list<'a>(
        &'a self,
        content: &'a mlsd_coach::core::content::Content,
    ) -> Vec<mlsd_coach::core::review::Tried<'a>>;
}

impl AttemptedList for ScoredSession {
    fn attempted_list<'a>(
        &'a self,
        content: &'a mlsd_coach::core::content::Content,
    ) -> Vec<mlsd_coach::core::review::Tried<'a>> {
        Attempt::attempted(self, &content.rubric)
    }
}

#[test]
fn a_changed_session_or_a_damaged_cache_is_scored_again() {
    let content = load_embedded();
    let tmp = tempfile::tempdir().unwrap();
    history::write(tmp.path(), &content, 20, 3);
    let store = Store::open(tmp.path()).unwrap();
    let before = records(&content, &store);

    // A session edited since: its record follows the file.
    let r = &before[0];
    let mut s = Store::load_path(&r.summary.path).unwrap();
    s.answers.clear();
    store.save(&s).unwrap();
    let after = records(&content, &store);
    let now = after.iter().find(|x| x.id() == r.id()).unwrap();
    let full = fresh(&content, &store);
    let f = full.iter().find(|f| f.id() == r.id()).unwrap();
    assert_eq!(now.overall(), f.overall());
    assert!(now.scores.as_ref().unwrap().empty);

    // A damaged cache is rebuilt with the same records.
    std::fs::write(store.scores_path(), "{ not json").unwrap();
    assert_eq!(records(&content, &store), after);
}
