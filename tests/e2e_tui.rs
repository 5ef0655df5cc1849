//! End-to-end: the real binary in a pseudo-terminal (portable-pty), the
//! screen read back through a terminal emulator (vt100).

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const TIMEOUT: Duration = Duration::from_secs(10);

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    started: Instant,
}

impl Tui {
    fn start(sessions: &Path, args: &[&str]) -> Tui {
        Tui::spawn(sessions, args, None)
    }

    fn start_with_env(sessions: &Path, args: &[&str], fault: &str) -> Tui {
        Tui::spawn(sessions, args, Some(fault))
    }

    fn spawn(sessions: &Path, args: &[&str], fault: Option<&str>) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mlsd-coach"));
        cmd.arg("--sessions-dir");
        cmd.arg(sessions);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("MLSD_COACH_SESSIONS");
        match fault {
            Some(f) => cmd.env("MLSD_COACH_FAULT", f),
            None => cmd.env_remove("MLSD_COACH_FAULT"),
        }
        cmd.cwd(sessions);
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            ROWS.try_into().unwrap(),
            COLS.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (screen.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui {
            child,
            writer,
            _master: pair.master,
            screen,
            raw,
            started,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; panics with the screen on timeout.
    fn wait_for(&self, text: &str) -> Duration {
        let t0 = Instant::now();
        loop {
            if self.contents().contains(text) {
                return self.started.elapsed();
            }
            if t0.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {text:?}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn paste(&mut self, text: &str) {
        let mut b = b"\x1b[200~".to_vec();
        b.extend_from_slice(text.as_bytes());
        b.extend_from_slice(b"\x1b[201~");
        self.send(&b);
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let t0 = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if t0.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(pid.to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig} {pid}");
    }

    fn raw_output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn session_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// Wait until exactly one session file exists and contains `text`.
fn wait_for_saved(dir: &Path, text: &str) -> String {
    let t0 = Instant::now();
    loop {
        if let [f] = session_files(dir).as_slice()
            && let Ok(s) = std::fs::read_to_string(f)
            && s.contains(text)
        {
            return s;
        }
        if t0.elapsed() > TIMEOUT {
            panic!("no session file with {text:?} in {}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The terminal was put back: alternate screen left, paste and mouse
/// modes off, cursor shown.
fn assert_restored(t: &Tui) {
    // The reader thread may still be draining the last bytes the program
    // wrote before it exited: wait for the restore sequence to arrive.
    let t0 = Instant::now();
    while !t.raw_output().contains("\x1b[?1049l") && t0.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(50));
    let out = t.raw_output();
    let screen = t.screen.lock().unwrap();
    let s = screen.screen();
    assert!(!s.alternate_screen(), "still on the alternate screen");
    assert!(!s.bracketed_paste(), "bracketed paste still on");
    assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    assert!(!s.hide_cursor(), "cursor still hidden");
    assert!(
        out.contains("\x1b[?1049l"),
        "never left the alternate screen"
    );
}

#[test]
fn practise_type_paste_move_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), &[]);
    let first = t.wait_for("Practise a scenario");
    eprintln!("first frame visible after {first:?}");
    assert!(first < Duration::from_secs(5));
    t.send(b"p");
    t.wait_for("Choose a scenario");
    t.send(b"fraud");
    t.wait_for("(1/");
    t.send(b"\r");
    t.wait_for("Type your answer");
    t.send(b"Fraud losses are the pain point.");
    t.wait_for("pain point.");
    t.paste("Chargebacks\r\narrive late.\rDeclines annoy customers.");
    t.wait_for("Declines annoy");
    t.send(b"\t");
    t.wait_for("Q2/");
    t.send(b"Latency under 100 ms.");
    t.wait_for("100 ms.");
    // Back to the first question: the answer is still there.
    t.send(b"\x1b[Z");
    t.wait_for("Q1/");
    t.wait_for("Fraud losses are the pain point.");
    // Esc moves focus (text kept), q asks to leave, y leaves.
    t.send(b"\x1b");
    t.wait_for("Enter answer");
    t.send(b"q");
    t.wait_for("Leave this session?");
    t.send(b"y");
    t.wait_for("Resume:");
    t.send(b"q");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_restored(&t);
    let saved = wait_for_saved(dir.path(), "Latency under 100 ms.");
    assert!(saved.contains(
        "Fraud losses are the pain point.Chargebacks\n    arrive late.\n    Declines annoy customers."
    ), "{saved}");
    assert!(saved.contains("status: in_progress"));
    assert!(!saved.contains('\r'));
}

#[test]
fn sigkill_then_resume_finds_the_autosaved_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), &["practice", "--scenario", "fraud-detection"]);
    t.wait_for("Type your answer");
    t.send(b"Answer on screen before the kill.");
    t.wait_for("before the kill.");
    // Autosave lands within 1 s of the first unsaved edit.
    wait_for_saved(dir.path(), "Answer on screen before the kill.");
    t.signal("KILL");
    t.wait_exit();
    drop(t);

    let mut t = Tui::start(dir.path(), &[]);
    t.wait_for("Resume:");
    // Practise, Random, Mock, then the resumable session.
    t.send(b"jjj\r");
    t.wait_for("Answer on screen before the kill.");
    t.send(b" More.");
    t.wait_for("kill. More.");
    t.send(b"\x03");
    assert!(t.wait_exit().success());
    assert_restored(&t);
    wait_for_saved(dir.path(), "Answer on screen before the kill. More.");
}

#[test]
fn sigterm_saves_unsaved_text_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tui::start(dir.path(), &["practice", "--scenario", "fraud-detection"]);
    t.wait_for("Type your answer");
    t.send(b"typed just now");
    t.wait_for("typed just now");
    t.signal("TERM");
    let status = t.wait_exit();
    assert!(!status.success());
    assert_restored(&t);
    wait_for_saved(dir.path(), "typed just now");
}

#[test]
fn a_session_open_elsewhere_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Tui::start(dir.path(), &["practice", "--scenario", "fraud-detection"]);
    a.wait_for("Type your answer");
    a.send(b"mine");
    a.send(b"\x13"); // Ctrl-S: save now
    wait_for_saved(dir.path(), "mine");
    let mut b = Tui::start(dir.path(), &[]);
    b.wait_for("Resume:");
    b.send(b"jjj\r");
    b.wait_for("READ-ONLY");
    b.send(b"theirs");
    b.wait_for("read-only");
    assert!(!b.contents().contains("theirs"));
    b.send(b"\x03");
    assert!(b.wait_exit().success());
    a.send(b"\x03");
    assert!(a.wait_exit().success());
    let saved = wait_for_saved(dir.path(), "mine");
    assert!(!saved.contains("theirs"));
}

/// Start practising, type `text` and wait until it is on screen.
fn typed_session(dir: &Path, env_fault: Option<&str>, text: &str) -> Tui {
    let mut t = match env_fault {
        Some(f) => Tui::start_with_env(dir, &["practice", "--scenario", "fraud-detection"], f),
        None => Tui::start(dir, &["practice", "--scenario", "fraud-detection"]),
    };
    t.wait_for("Type your answer");
    t.send(text.as_bytes());
    t.wait_for(text);
    t
}

#[test]
fn sighup_saves_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = typed_session(dir.path(), None, "hung up");
    t.signal("HUP");
    assert!(!t.wait_exit().success());
    assert_restored(&t);
    wait_for_saved(dir.path(), "hung up");
}

#[test]
fn a_panic_saves_the_session_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = typed_session(dir.path(), Some("panic"), "before the crash");
    t.send(b"\x1b[24~"); // F12
    assert!(!t.wait_exit().success());
    assert_restored(&t);
    wait_for_saved(dir.path(), "before the crash");
    let out = t.raw_output();
    let restored_at = out.rfind("\x1b[?1049l").unwrap();
    let message_at = out
        .find("injected fault")
        .expect("the panic message is shown");
    assert!(
        message_at > restored_at,
        "the message is printed after the restore"
    );
}

#[test]
fn an_error_saves_the_session_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = typed_session(dir.path(), Some("error"), "before the error");
    t.send(b"\x1b[24~");
    assert!(!t.wait_exit().success());
    assert_restored(&t);
    wait_for_saved(dir.path(), "before the error");
    assert!(t.raw_output().contains("injected fault"));
}
