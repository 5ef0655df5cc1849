//! The real binary in a pseudo-terminal (portable-pty), its screen read
//! back through a terminal emulator (vt100). Included with `#[path]`.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Generous: a loaded two-core machine runs a debug build slowly.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The binary under test: `MLSD_COACH_TEST_BIN` when set (to measure a
/// release build), else the one cargo built for the tests.
pub fn binary() -> PathBuf {
    std::env::var_os("MLSD_COACH_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_mlsd-coach")))
}

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    reading: Option<(Arc<AtomicBool>, std::thread::JoinHandle<()>)>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Tui {
    /// Run the coach on `sessions` with `args`, in a `cols`×`rows`
    /// terminal; the data directory (recovery copies) is `data`.
    pub fn start(sessions: &Path, data: &Path, args: &[&str], size: (u16, u16)) -> Tui {
        Tui::spawn(sessions, data, args, size, false)
    }

    /// As [`Tui::start`], but run by a shell that ignores hangups and stays
    /// the terminal's session leader: when the terminal goes away, no
    /// SIGHUP reaches the coach (`ssh -t host 'sh -c …'`, a killed tmux
    /// pane under such a shell).
    pub fn start_under_shell(sessions: &Path, data: &Path, args: &[&str], size: (u16, u16)) -> Tui {
        Tui::spawn(sessions, data, args, size, true)
    }

    fn spawn(
        sessions: &Path,
        data: &Path,
        args: &[&str],
        (cols, rows): (u16, u16),
        under_shell: bool,
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = if under_shell {
            // `; true` keeps the shell from exec'ing the coach.
            let mut c = CommandBuilder::new("sh");
            c.args(["-c", "trap '' HUP; \"$@\"; true", "sh"]);
            c.arg(binary());
            c
        } else {
            CommandBuilder::new(binary())
        };
        cmd.arg("--sessions-dir");
        cmd.arg(sessions);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", data);
        cmd.env("HOME", data);
        cmd.env("TMPDIR", data);
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("MLSD_COACH_SESSIONS");
        cmd.env_remove("MLSD_COACH_FAULT");
        cmd.cwd(data);
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r) = (screen.clone(), raw.clone());
        let stop = Arc::new(AtomicBool::new(false));
        let fd = pair.master.as_raw_fd().expect("a pty master fd");
        let stopping = stop.clone();
        // Reads only what is there, so it can stop and let the terminal
        // close (its reader is a second handle on the terminal).
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopping.load(Ordering::Relaxed) {
                let mut p = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd; the master outlives this thread
                // (`hang_up` and `drop` join it first).
                if unsafe { libc::poll(&mut p, 1, 20) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        s.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    _ => break,
                }
            }
        });
        Tui {
            child,
            writer: Some(writer),
            master: Some(pair.master),
            reading: Some((stop, reading)),
            screen,
            raw,
        }
    }

    fn stop_reading(&mut self) {
        if let Some((stop, reading)) = self.reading.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = reading.join();
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `text`; panics with the screen on timeout.
    pub fn wait_for(&self, text: &str) {
        let t0 = Instant::now();
        while !self.contents().contains(text) {
            if t0.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {text:?}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Closes the terminal, as a dropped connection or a killed terminal
    /// window does.
    pub fn hang_up(&mut self) {
        self.stop_reading();
        // portable-pty's writer sends a newline and the end-of-file
        // character when dropped (keys a real hangup never sends: Ctrl-J
        // would reach the coach); with no end-of-file character set, it
        // sends nothing.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: a zeroed termios filled by tcgetattr on a valid fd.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    pub fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{sig}");
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
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

    /// Everything the program wrote to the terminal.
    pub fn raw_output(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop_reading();
    }
}

/// Names in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}
