//! The trash: discarded and deleted sessions are moved to `trash/` in the
//! sessions directory and can be restored; only a blank session is ever
//! removed, and a session open elsewhere is not moved.

use chrono::{TimeZone, Utc};
use mlsd_coach::core::session::{Mode, Session};
use mlsd_coach::core::store::{Store, StoreError};

fn session(store: &Store, text: &str) -> Session {
    let t = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let mut s = Session::new("fraud-detection", Mode::Practice, t, "v1");
    s.id = store.new_id(t, "fraud-detection");
    if !text.is_empty() {
        s.answer_mut("pain-point").text = text.into();
    }
    store.save(&s).unwrap();
    // new_id reserved the id with a lock file; let it go.
    drop(store.lock(&s.id));
    s
}

#[test]
fn trashed_sessions_leave_the_listing_and_come_back() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let s = session(&store, "The pain point is fraud.");
    let to = store.trash(&s.id).unwrap();
    assert_eq!(to, tmp.path().join("trash").join(format!("{}.yaml", s.id)));
    assert!(to.is_file());
    assert!(store.list().unwrap().is_empty(), "gone from the listing");
    let trashed = store.trashed().unwrap();
    assert_eq!(trashed.len(), 1);
    assert_eq!(trashed[0].id, s.id);
    assert_eq!(
        trashed[0]
            .session
            .as_ref()
            .unwrap()
            .answer("pain-point")
            .unwrap()
            .text,
        "The pain point is fraud."
    );
    let back = store.restore(&s.id).unwrap();
    assert_eq!(back, store.path_of(&s.id));
    assert_eq!(store.load(&s.id).unwrap().1, s);
    assert!(store.trashed().unwrap().is_empty());
}

#[test]
fn the_trash_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let s = session(&store, "first");
    store.trash(&s.id).unwrap();
    store.save(&s).unwrap();
    let second = store.trash(&s.id).unwrap();
    assert!(second.ends_with(format!("{}-2.yaml", s.id)), "{second:?}");
    assert_eq!(store.trashed().unwrap().len(), 2);
    // Restoring the copy while the first is back is refused.
    store.restore(&s.id).unwrap();
    let err = store.restore(&format!("{}-2", s.id)).unwrap_err();
    assert!(err.to_string().contains("not overwriting"), "{err}");
    assert_eq!(store.trashed().unwrap().len(), 1);
}

#[test]
fn a_session_open_elsewhere_is_not_moved() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let s = session(&store, "text");
    let held = store.lock(&s.id).unwrap();
    assert!(matches!(store.trash(&s.id), Err(StoreError::Locked(_))));
    drop(held);
    assert!(store.trash(&s.id).is_ok());
    assert!(matches!(store.trash(&s.id), Err(StoreError::NotFound(_))));
}

#[test]
fn only_a_blank_session_is_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let blank = session(&store, "");
    let full = session(&store, "an answer");
    assert!(store.remove_blank(&full.id).is_err());
    assert!(store.path_of(&full.id).is_file());
    store.remove_blank(&blank.id).unwrap();
    assert!(!store.path_of(&blank.id).exists());
    assert!(!tmp.path().join("trash").exists());
}
