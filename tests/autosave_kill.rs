//! Kill -9 during steady typing loses at most about a second of text, in
//! practice and in a mock interview: the autosave fires within a second
//! of the first unsaved key however the typing goes on.
//!
//! Each run types without pausing for ten seconds (plus a random fraction
//! of a second, so the kill lands anywhere in the save cycle), kills the
//! program, and measures the text lost: the time between sending the
//! first character missing from the session file and the kill.
//!
//! `MLSD_COACH_KILL_RUNS=N` repeats each mode N times and prints the
//! median and maximum (to measure; `MLSD_COACH_TEST_BIN` picks another
//! binary, e.g. a release build).

#[path = "support/pty.rs"]
mod pty;

use mlsd_coach::core::session::Session;
use pty::{Tui, names};
use rand::Rng;
use std::path::Path;
use std::time::{Duration, Instant};

/// The bound under test.
const MAX_LOSS: Duration = Duration::from_millis(1500);
/// One key every 40 ms: 25 characters a second, a fast typist.
const KEY_EVERY: Duration = Duration::from_millis(40);
const TYPING: Duration = Duration::from_secs(10);

/// Deterministic text in which every prefix is distinct: `w0001 w0002 …`.
fn stream(n: usize) -> String {
    let mut s = String::new();
    let mut i = 1;
    while s.len() < n {
        s.push_str(&format!("w{i:04} "));
        i += 1;
    }
    s.truncate(n);
    s
}

/// The longest answer in the one session file of `dir`.
fn saved_text(dir: &Path) -> String {
    let files: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".yaml") && !n.starts_with('.'))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(dir.join(&files[0])).unwrap();
    let session = Session::from_yaml(&text).expect("the file is whole after a kill");
    session
        .answers
        .iter()
        .map(|a| a.text.clone())
        .max_by_key(String::len)
        .unwrap_or_default()
}

/// One run: start, type steadily, kill -9; the seconds of text lost.
fn one_kill(args: &[&str], ready: &str) -> f64 {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("sessions");
    let mut t = Tui::start(&dir, root.path(), args, (120, 40));
    t.wait_for(ready);
    let extra = Duration::from_millis(rand::rng().random_range(0..1000));
    let text = stream(((TYPING + extra).as_millis() / KEY_EVERY.as_millis()) as usize + 1);
    let mut sent_at = Vec::with_capacity(text.len());
    let start = Instant::now();
    for (i, b) in text.bytes().enumerate() {
        // A steady rhythm against the clock, not drifting with sleeps.
        let due = start + KEY_EVERY * i as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        sent_at.push(Instant::now());
        t.send(&[b]);
    }
    // The kill comes as the next key would have.
    let due = start + KEY_EVERY * text.len() as u32;
    if let Some(wait) = due.checked_duration_since(Instant::now()) {
        std::thread::sleep(wait);
    }
    let killed = Instant::now();
    t.signal("KILL");
    t.wait_exit();
    let saved = saved_text(&dir);
    assert!(
        text.starts_with(&saved),
        "the saved text is not what was typed: {saved:?}"
    );
    assert!(
        saved.len() > text.len() / 2,
        "most of ten seconds of typing was never saved ({} of {} characters)",
        saved.len(),
        text.len()
    );
    match sent_at.get(saved.len()) {
        None => 0.0,
        Some(first_lost) => (killed - *first_lost).as_secs_f64(),
    }
}

fn kill_runs(mode: &str, args: &[&str], ready: &str) {
    let runs: usize = std::env::var("MLSD_COACH_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut lost: Vec<f64> = (0..runs)
        .map(|i| {
            let l = one_kill(args, ready);
            eprintln!("{mode} kill {}: {l:.2} s of text lost", i + 1);
            l
        })
        .collect();
    lost.sort_by(f64::total_cmp);
    let median = if lost.len() % 2 == 1 {
        lost[lost.len() / 2]
    } else {
        (lost[lost.len() / 2 - 1] + lost[lost.len() / 2]) / 2.0
    };
    let max = *lost.last().unwrap();
    eprintln!(
        "{mode}: {runs} kills, median {median:.2} s, max {max:.2} s of text lost; all: {lost:.2?}"
    );
    assert!(
        max <= MAX_LOSS.as_secs_f64(),
        "{mode}: lost up to {max:.2} s of text ({lost:.2?})"
    );
}

#[test]
fn practice_loses_at_most_a_second_and_a_half_to_kill_9() {
    kill_runs(
        "practice",
        &["practice", "--scenario", "fraud-detection"],
        "Type your answer",
    );
}

#[test]
fn mock_loses_at_most_a_second_and_a_half_to_kill_9() {
    kill_runs(
        "mock",
        &[
            "mock",
            "--scenario",
            "fraud-detection",
            "--minutes",
            "45",
            "--seed",
            "7",
        ],
        "Type your answer",
    );
}
