//! Start-up as a user sees it, against a reference Rust TUI in the same run.
//!
//! - First frame: the program runs in a pseudo-terminal (80x24); the time
//!   from spawn until its screen shows at least 20 drawn cells. Runs of the
//!   coach (home, practice) and of the reference (`REF_TUI`, e.g. ttyper)
//!   are interleaved; medians are reported.
//! - Whole commands (`content list`, `score` of a 10 KB answer, `history`
//!   over generated histories of 100 / 1,000 / 10,000 sessions, warm and
//!   cold): spawn to exit, medians of interleaved runs.
//!
//! Run through `scripts/startup.sh` (builds the release binary first).
//! Env: `MLSD_BIN` (default target/release/mlsd-coach), `REF_TUI` (a
//! command line; skipped when unset), `RUNS` (default 15), `SIZES`
//! (default `100,1000,10000`).

#[path = "support/history.rs"]
mod history;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Spawn to a screen with at least 20 drawn cells, in milliseconds.
fn first_frame(argv: &[String], env: &[(&str, &Path)], cwd: &Path) -> f64 {
    let drawn = |screen: &str| screen.chars().filter(|c| !c.is_whitespace()).count() >= 20;
    screen_with(argv, env, cwd, &[&drawn])[0].0
}

/// Peak resident set of process `pid` so far, in MB (from /proc).
fn peak_mb(pid: Option<u32>) -> f64 {
    pid.and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Spawn, then wait for screens meeting each of `stages` in turn: for
/// each, milliseconds since the spawn and the process's peak memory then
/// (MB).
fn screen_with(
    argv: &[String],
    env: &[(&str, &Path)],
    cwd: &Path,
    stages: &[&dyn Fn(&str) -> bool],
) -> Vec<(f64, f64)> {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(&argv[0]);
    cmd.args(&argv[1..]);
    cmd.cwd(cwd);
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let _writer = pty.master.take_writer().expect("pty writer");
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(24u16.try_into().unwrap(), 80u16.try_into().unwrap(), 0);
    let mut out = Vec::new();
    while out.len() < stages.len()
        && let Ok(chunk) = rx.recv_timeout(Duration::from_secs(60))
    {
        parser.process(&chunk);
        let screen = parser.screen().contents();
        while out.len() < stages.len() && stages[out.len()](&screen) {
            out.push((
                start.elapsed().as_secs_f64() * 1000.0,
                peak_mb(child.process_id()),
            ));
        }
    }
    out.resize(stages.len(), (f64::NAN, f64::NAN));
    let _ = child.kill();
    let _ = child.wait();
    out
}

/// Spawn to exit, in milliseconds (output discarded).
fn command(argv: &[String], env: &[(&str, &Path)], stdin: Option<&Path>) -> f64 {
    let mut cmd = Command::new(&argv[0]);
    cmd.args(&argv[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(p) = stdin {
        cmd.stdin(std::fs::File::open(p).expect("the answer file"));
    }
    let start = Instant::now();
    let status = cmd.status().expect("spawn");
    let took = start.elapsed().as_secs_f64() * 1000.0;
    assert!(status.success(), "{argv:?} failed: {status}");
    took
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(String::from).collect()
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken.
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let bin = std::env::var("MLSD_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/mlsd-coach")
        });
    let bin = bin.to_string_lossy().into_owned();
    let reference = std::env::var("REF_TUI").ok().filter(|s| !s.is_empty());
    let content = mlsd_coach::core::content::load_embedded();
    let tmp = tempfile::tempdir().expect("a temp dir");
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let senv = |d: &Path| -> Vec<(&'static str, PathBuf)> {
        vec![("MLSD_COACH_SESSIONS", d.to_path_buf())]
    };

    println!(
        "machine: {} cores; runs: {runs} (medians of interleaved runs)",
        { std::thread::available_parallelism().map_or(1, |n| n.get()) }
    );

    // ---- first frames
    let e = senv(&empty);
    let env: Vec<(&str, &Path)> = e.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let home = vec![bin.clone()];
    let practice = words(&format!("{bin} practice --scenario fraud-detection"));
    let mut t_home = Vec::new();
    let mut t_practice = Vec::new();
    let mut t_ref = Vec::new();
    for _ in 0..runs {
        t_home.push(first_frame(&home, &env, tmp.path()));
        t_practice.push(first_frame(&practice, &env, tmp.path()));
        if let Some(r) = &reference {
            t_ref.push(first_frame(&words(r), &[], tmp.path()));
        }
        // Practice leaves an unfinished (blank) session only if killed
        // after typing; nothing was typed, but keep the directory empty.
        for f in std::fs::read_dir(&empty).unwrap().flatten() {
            let _ = std::fs::remove_file(f.path());
        }
    }
    let r = (!t_ref.is_empty()).then(|| median(t_ref.clone()));
    let show = |what: &str, v: &[f64]| {
        let m = median(v.to_vec());
        match r {
            Some(r) => println!(
                "first frame, {what:<28} {m:7.1} ms   reference {r:6.1} ms   ratio {:.2}",
                m / r
            ),
            None => println!("first frame, {what:<28} {m:7.1} ms"),
        }
    };
    if let Some(r) = &reference {
        println!("reference TUI: {r}");
    }
    show("home, empty sessions dir", &t_home);
    show("practice", &t_practice);

    // ---- whole commands
    let answer = tmp.path().join("answer.md");
    let mut text = String::new();
    let sc = content
        .scenario("fraud-detection")
        .expect("fraud-detection");
    while text.len() < 10_240 {
        text.push_str(&sc.exemplar);
        text.push('\n');
    }
    let mut cut = 10_240;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    std::fs::write(&answer, &text).unwrap();
    let list = words(&format!("{bin} content list"));
    let score = vec![
        bin.clone(),
        "score".into(),
        answer.to_string_lossy().into_owned(),
        "--scenario".into(),
        "fraud-detection".into(),
    ];
    let version = words(&format!("{bin} --version"));
    let (mut t_list, mut t_score, mut t_version) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        t_version.push(command(&version, &env, None));
        t_list.push(command(&list, &env, None));
        t_score.push(command(&score, &env, None));
    }
    println!(
        "--version                                 {:7.1} ms",
        median(t_version)
    );
    println!(
        "content list                              {:7.1} ms",
        median(t_list)
    );
    println!(
        "score, 10 KB answer ({} words)         {:7.1} ms",
        text.split_whitespace().count(),
        median(t_score)
    );

    // ---- history at scale
    let sizes: Vec<usize> = std::env::var("SIZES")
        .unwrap_or_else(|_| "100,1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let history_cmd = words(&format!("{bin} history"));
    // KEEP_HISTORIES=DIR writes the histories there (kept, to try them).
    let keep = std::env::var_os("KEEP_HISTORIES").map(PathBuf::from);
    for n in sizes {
        let dir = keep.as_deref().unwrap_or(tmp.path()).join(format!("h{n}"));
        let made = history::write(&dir, &content, n, 42);
        let e = senv(&dir);
        let env: Vec<(&str, &Path)> = e.iter().map(|(k, v)| (*k, v.as_path())).collect();
        let index = dir.join(".index.json");
        let scores = dir.join(".scores.json");
        // Cold: no index (first run, or deleted); every session read and scored.
        let cold_runs = if n >= 10_000 { 1 } else { 3 };
        let mut cold = Vec::new();
        for _ in 0..cold_runs {
            let _ = std::fs::remove_file(&index);
            let _ = std::fs::remove_file(&scores);
            cold.push(command(&history_cmd, &env, None));
        }
        let cold = median(cold);
        let mut warm = Vec::new();
        for _ in 0..runs.min(7) {
            warm.push(command(&history_cmd, &env, None));
        }
        let mut home = Vec::new();
        for _ in 0..runs.min(7) {
            home.push(first_frame(std::slice::from_ref(&bin), &env, tmp.path()));
        }
        println!(
            "history, {n:>6} sessions ({} damaged, {} unfinished, {:.0} words/session): cold {:8.1} ms ({:.0} sessions/s), warm {:6.1} ms; home first frame {:6.1} ms",
            made.damaged,
            made.unfinished,
            made.words as f64 / made.sessions.max(1) as f64,
            cold,
            n as f64 / cold * 1000.0,
            median(warm),
            median(home)
        );
        // The review screen, warm: until the list is drawn, and the peak
        // memory of the process then.
        let review_cmd = words(&format!("{bin} review"));
        let mut review = Vec::new();
        let mut review_peak = Vec::new();
        let listed = |s: &str| s.contains("History —");
        let scored = |s: &str| {
            s.contains("History —") && !s.contains(" to score") && !s.contains("· scoring")
        };
        for _ in 0..runs.min(7) {
            let (ms, mb) = screen_with(&review_cmd, &env, tmp.path(), &[&listed])[0];
            review.push(ms);
            review_peak.push(mb);
        }
        // A stale score cache (content or scorer changed): the list first,
        // its scores filling in, then every session scored; the peak
        // memory of the process then.
        let _ = std::fs::remove_file(&scores);
        let cold = screen_with(&review_cmd, &env, tmp.path(), &[&listed, &scored]);
        println!(
            "review,  {n:>6} sessions: list first frame warm {:6.1} ms, peak RSS {:5.1} MB; stale scores: list {:6.1} ms, all scored {:8.1} ms ({:.0} sessions/s), peak RSS {:5.1} MB",
            median(review),
            median(review_peak),
            cold[0].0,
            cold[1].0,
            n as f64 / cold[1].0 * 1000.0,
            cold[1].1
        );
    }
}
