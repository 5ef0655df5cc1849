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
