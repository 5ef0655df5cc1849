//! End to end: the real binary in a pseudo-terminal runs a one-minute mock
//! interview to time-up; the session is saved complete with a `TimeUp`
//! event and the scorecard is on screen.

use mlsd_coach::core::session::{EventKind, Mode, SessionStatus};
use mlsd_coach::core::store::{Listing, Store};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Wait until the screen contains every needle, or fail with the screen.
    fn wait_for(&self, needles: &[&str], timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if needles.iter().all(|n| text.contains(n)) {
                return text;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {needles:?}; screen:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[test]
fn one_minute_mock_runs_to_time_up_and_saves_a_complete_session() {
    let dir = tempfile::tempdir().unwrap();
    let (rows, cols) = (30u16, 100u16);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mlsd-coach"));
    cmd.args([
        "mock",
        "--minutes",
        "1",
        "--seed",
        "7",
        "--sessions-dir",
        dir.path().to_str().unwrap(),
    ]);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pty.slave.spawn_command(cmd).expect("spawn mlsd-coach");
    drop(pty.slave);

    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(rows).unwrap(),
        NonZeroU16::new(cols).unwrap(),
        0,
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let p = parser.clone();
    let reader_thread = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => p.lock().unwrap().process(&buf[..n]),
            }
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    let screen = Screen { parser };

    screen.wait_for(&["mock", "left of 1:00"], Duration::from_secs(20));
    writer
        .write_all(b"The pain point is fraud losses; a false negative costs more.")
        .unwrap();
    writer.flush().unwrap();

    // The clock runs out after a minute: the answers lock and the
    // self-assessment step opens by itself; a guess reveals the scorecard.
    screen.wait_for(&["Before the reveal"], Duration::from_secs(100));
    writer.write_all(b"40\r").unwrap();
    writer.flush().unwrap();
    let text = screen.wait_for(&["Scorecard", "Pacing"], Duration::from_secs(20));
    assert!(text.contains("1:00 of 1:00 used"), "{text}");

    // Ctrl-C leaves.
    writer.write_all(b"\x03").unwrap();
    writer.flush().unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().ok();
            panic!("mlsd-coach did not exit after Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(writer);
    drop(pty.master);
    reader_thread.join().ok();

    let store = Store::open(dir.path()).unwrap();
    let sessions: Vec<_> = store
        .list()
        .unwrap()
        .into_iter()
        .map(|l| match l {
            Listing::Ok { session, .. } => session,
            Listing::Damaged { path, reason } => panic!("{}: {reason}", path.display()),
        })
        .collect();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    let s = &sessions[0];
    assert_eq!(s.mode, Mode::Mock);
    assert_eq!(s.status, SessionStatus::Complete);
    assert_eq!(s.minutes, Some(1));
    assert_eq!(s.seed, Some(7));
    assert_eq!(s.elapsed_seconds, 60);
    let last = s.events.last().expect("events");
    assert_eq!(last.kind, EventKind::TimeUp);
    assert_eq!(last.at, 60);
    assert!(
        s.events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Phase { id } if id == "framing"))
    );
    let typed = s
        .answers
        .iter()
        .any(|a| a.text.contains("fraud losses") || a.text.contains("false negative"));
    assert!(typed, "{:?}", s.answers);
}

#[path = "support/mock_fixture.rs"]
mod fixture;
#[path = "support/pty.rs"]
mod pty;

/// A seed whose timed curveball comes between 20 and 35 s into a
/// one-minute mock on the fixture pack, and that curveball's text.
fn seed_with_a_timed_curveball(content: &mlsd_coach::core::content::Content) -> (u64, String) {
    use mlsd_coach::core::mock::{CurveballSchedule, PhasePlan, Trigger};
    let plan = PhasePlan::new(&content.mock, Some(1)).unwrap();
    let scenario = content.scenario("fraud").unwrap();
    (0..1000)
        .find_map(|seed| {
            let s = CurveballSchedule::new(&plan, scenario, &content.mock, seed);
            s.items().iter().find_map(|i| match i.trigger {
                Trigger::At(ms) if (20_000..=35_000).contains(&ms) => {
                    Some((seed, i.curveball.text.clone()))
                }
                _ => None,
            })
        })
        .expect("a seed with a curveball at 20–35 s")
}

/// Wait up to `secs` for `text` on the screen.
fn wait_long(tui: &pty::Tui, text: &str, secs: u64) {
    let t0 = Instant::now();
    while !tui.contents().contains(text) {
        assert!(
            t0.elapsed() < Duration::from_secs(secs),
            "timed out waiting for {text:?}; screen:\n{}",
            tui.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The whole flow of issue 16 in the real binary: a question to the
/// client, a curveball arriving mid-sentence without taking the typing, a
/// follow-up at the end of a phase answered with Ctrl-R, and time-up.
#[test]
fn a_mock_asks_the_client_takes_a_curveball_mid_sentence_answers_a_follow_up_and_times_up() {
    let sessions = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let pack = tempfile::tempdir().unwrap();
    fixture::write_pack(pack.path());
    let content = mlsd_coach::core::content::load_dir(pack.path()).expect("the fixture pack loads");
    let (seed, curveball) = seed_with_a_timed_curveball(&content);
    let seed_arg = seed.to_string();
    let pack_arg = pack.path().to_str().unwrap();
    let mut tui = pty::Tui::start(
        sessions.path(),
        data.path(),
        &[
            "--content",
            pack_arg,
            "mock",
            "--minutes",
            "1",
            "--seed",
            &seed_arg,
        ],
        (100, 30),
    );
    tui.wait_for("left of 1:00");
    tui.send(b"Fraud losses are the pain point.");
    tui.send(b"\x01"); // Ctrl-A
    tui.send(b"How many payments go through a day?\r");
    tui.wait_for("About 2 million transactions a day.");
    tui.send(b"\t\t"); // data
    tui.wait_for("Q3/");
    tui.send(b"Labels for card fraud come from");
    // The timed curveball arrives mid-sentence: announced, not taking over.
    let snippet: String = curveball.chars().take(18).collect();
    wait_long(&tui, &snippet, 40);
    tui.wait_for("Ctrl-R to reply");
    tui.send(b" chargebacks.");
    tui.wait_for("Labels for card fraud come from chargebacks.");
    // Leaving the data phase brings the interviewer's follow-up.
    tui.send(b"\t");
    tui.wait_for("Interviewer follows up");
    // Reply to everything waiting, oldest first, the follow-up among them.
    let reply = b"We train on matured labels, waiting until chargebacks arrive for card fraud.";
    for _ in 0..4 {
        if !tui.contents().contains("^R reply") {
            break;
        }
        tui.send(b"\x12"); // Ctrl-R
        tui.wait_for("Your reply");
        tui.send(reply);
        tui.send(b"\x13"); // Ctrl-S
        tui.wait_for("sent");
        std::thread::sleep(Duration::from_millis(150));
    }
    wait_long(&tui, "Before the reveal", 70);
    tui.send(b"40\r");
    tui.wait_for("Pacing");
    tui.send(b"\x03");
    tui.wait_exit();

    let store = Store::open(sessions.path()).unwrap();
    let s = match store.list().unwrap().pop() {
        Some(Listing::Ok { session, .. }) => session,
        other => panic!("{other:?}"),
    };
    assert_eq!(s.status, SessionStatus::Complete);
    assert_eq!(s.events.last().unwrap().kind, EventKind::TimeUp);
    assert_eq!(
        s.answer("labels").unwrap().text,
        "Labels for card fraud come from chargebacks."
    );
    assert!(s.events.iter().any(|e| matches!(&e.kind,
        EventKind::Asked { fact: Some(f), .. } if f == "volume")));
    let follow_up = s
        .answer("probe:label-delay-plan")
        .expect("the follow-up was answered");
    assert!(follow_up.text.contains("matured labels"), "{follow_up:?}");
    let card = mlsd_coach::core::review::score_session(&content, &s);
    let reviews = mlsd_coach::core::mock::probe_reviews(&s, Some(&card));
    assert_eq!(
        mlsd_coach::core::mock::follow_ups_label(&reviews),
        "Follow-ups: 1 asked, 1 answered well"
    );
}
