//! The real binary in a pseudo-terminal, under faults: hostile files in
//! the sessions directory, a sessions directory that goes away while
//! typing, and signals (which must not leave lock files behind).

#[path = "support/hostile.rs"]
mod hostile;
#[path = "support/pty.rs"]
mod pty;

use mlsd_coach::core::session::Session;
use pty::{Tui, names};
use std::path::Path;
use std::time::{Duration, Instant};

const PRACTICE: &[&str] = &["practice", "--scenario", "fraud-detection"];

/// The session files of `dir` (hidden files and locks aside).
fn sessions(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
        .collect()
}

fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !f() {
        assert!(t0.elapsed() < pty::TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The answer of a session file (the longest, to be independent of the
/// content's question ids).
fn saved_answer(path: &Path) -> String {
    let s = Session::from_yaml(&std::fs::read_to_string(path).unwrap()).unwrap();
    s.answers
        .iter()
        .map(|a| a.text.clone())
        .max_by_key(String::len)
        .unwrap_or_default()
}

#[test]
fn home_and_review_draw_beside_hostile_session_files() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    hostile::populate(&dir);
    let damaged = hostile::hostile_stems(&dir).len();

    let t0 = Instant::now();
    let mut t = Tui::start(&dir, root.path(), &[], (120, 40));
    t.wait_for("Practise a scenario");
    // The good session is offered for resuming.
    t.wait_for("Resume:");
    let home = t0.elapsed();
    t.send(b"\x03");
    assert!(t.wait_exit().success());

    let t0 = Instant::now();
    let mut t = Tui::start(&dir, root.path(), &["review"], (120, 40));
    t.wait_for(&format!("{damaged} damaged"));
    let review = t0.elapsed();
    t.wait_for("damaged");
    t.send(b"\x03");
    assert!(t.wait_exit().success());
    eprintln!("home drawn after {home:?}, review after {review:?}");
    // Before the limits: ~58 s to open, or an abort, or never drawn. A
    // debug build on a loaded machine needs some seconds.
    assert!(home < Duration::from_secs(10), "{home:?}");
    assert!(review < Duration::from_secs(10), "{review:?}");
}

#[test]
fn signals_leave_no_lock_file() {
    for sig in ["TERM", "HUP", "INT"] {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sessions");
        let mut t = Tui::start(&dir, root.path(), PRACTICE, (120, 40));
        t.wait_for("Type your answer");
        t.send(b"typed before the signal");
        t.wait_for("before the signal");
        assert!(
            names(&dir).iter().any(|n| n.ends_with(".lock")),
            "the open session is locked: {:?}",
            names(&dir)
        );
        t.signal(sig);
        assert!(!t.wait_exit().success());
        let left: Vec<String> = names(&dir)
            .into_iter()
            .filter(|n| n.ends_with(".lock"))
            .collect();
        assert!(left.is_empty(), "SIG{sig} left {left:?}");
        let files = sessions(&dir);
        assert_eq!(files.len(), 1);
        assert_eq!(
            saved_answer(&dir.join(&files[0])),
            "typed before the signal"
        );
    }
}

#[test]
fn leaving_after_the_sessions_directory_went_away_offers_a_recovery_copy() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    let mut t = Tui::start(&dir, root.path(), PRACTICE, (120, 40));
    t.wait_for("Type your answer");
    t.send(b"saved part.");
    t.send(b"\x13"); // Ctrl-S
    wait_until("the first save", || {
        sessions(&dir)
            .first()
            .is_some_and(|f| saved_answer(&dir.join(f)) == "saved part.")
    });
    let id = sessions(&dir)[0].trim_end_matches(".yaml").to_string();

    // The directory goes (an unplugged disk); a file takes its place, so
    // no save can work, even for root.
    std::fs::rename(&dir, root.path().join("gone")).unwrap();
    std::fs::write(&dir, "").unwrap();
    t.send(b" Unsaved part.");
    t.wait_for("Unsaved part.");
    // The autosave fails: the footer says so and keeps saying it.
    t.wait_for("NOT SAVED");
    t.send(b"\x11"); // Ctrl-Q
    t.wait_for("NOT saved yet");
    t.send(b"y");
    t.wait_for("Your last changes are NOT saved.");
    t.wait_for("write a recovery copy elsewhere");
    t.send(b"w");
    t.wait_for("A recovery copy is in");
    let copy = root
        .path()
        .join("mlsd-coach")
        .join("recovery")
        .join(format!("{id}.yaml"));
    assert_eq!(saved_answer(&copy), "saved part. Unsaved part.");
    t.send(b"\r");
    t.wait_for("Practise a scenario");
    t.send(b"q");
    assert!(t.wait_exit().success());
}

#[test]
fn a_signal_when_saving_fails_writes_a_recovery_copy_and_says_where() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    let mut t = Tui::start(&dir, root.path(), PRACTICE, (120, 40));
    t.wait_for("Type your answer");
    wait_until("the session file", || sessions(&dir).len() == 1);
    let id = sessions(&dir)[0].trim_end_matches(".yaml").to_string();
    std::fs::rename(&dir, root.path().join("gone")).unwrap();
    std::fs::write(&dir, "").unwrap();
    t.send(b"only in memory");
    t.wait_for("only in memory");
    t.signal("TERM");
    assert!(!t.wait_exit().success());
    let copy = root
        .path()
        .join("mlsd-coach")
        .join("recovery")
        .join(format!("{id}.yaml"));
    wait_until("the message", || {
        t.raw_output().contains("a recovery copy is in")
    });
    assert_eq!(saved_answer(&copy), "only in memory");
}

#[test]
fn a_terminal_that_goes_away_without_a_hangup_signal_saves_and_exits() {
    // The coach runs under a shell that ignores SIGHUP and stays the
    // session leader, so closing the terminal sends the coach no signal;
    // its input then reads end-of-file forever. Before the watch, it spun
    // on a core for good and never saved.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    let mut t = Tui::start_under_shell(&dir, root.path(), PRACTICE, (120, 40));
    t.wait_for("Type your answer");
    t.send(b"typed before the terminal closed");
    t.wait_for("terminal closed");
    t.hang_up();
    t.wait_exit();
    let left: Vec<String> = names(&dir)
        .into_iter()
        .filter(|n| n.ends_with(".lock"))
        .collect();
    assert!(left.is_empty(), "left {left:?}");
    let files = sessions(&dir);
    assert_eq!(files.len(), 1);
    assert_eq!(
        saved_answer(&dir.join(&files[0])),
        "typed before the terminal closed"
    );
}
