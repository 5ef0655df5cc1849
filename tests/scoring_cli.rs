//! `mlsd-coach score` through the built binary.

use mlsd_coach::core::content::AREA_IDS;
use mlsd_coach::core::session::{Answer, Mode, Session, SessionStatus};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"));
    c.env("NO_COLOR", "1");
    c
}

fn fixture_path(name: &str) -> String {
    format!(
        "{}/tests/fixtures/answers/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run mlsd-coach")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout.clone()).expect("utf-8");
    assert_eq!(s.trim().lines().count(), 1, "exactly one JSON object: {s}");
    serde_json::from_str(&s).expect("valid JSON")
}

#[test]
fn text_scorecard_shows_overall_areas_evidence_and_gaps() {
    let out = run(&[
        "score",
        &fixture_path("fraud-medium.md"),
        "--scenario",
        "fraud-detection",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Scenario: Card fraud detection"), "{s}");
    assert!(s.contains("Overall "), "{s}");
    for title in [
        "Problem framing",
        "Data",
        "Exploration",
        "Modelling",
        "Production",
    ] {
        assert!(s.contains(title), "{title} in {s}");
    }
    // A written answer never saw a client line: the client area is not asked.
    assert!(s.contains("client speak not asked"), "{s}");
    assert!(
        s.contains("Strong")
            || s.contains("Solid")
            || s.contains("Borderline")
            || s.contains("Weak"),
        "{s}"
    );
    // Evidence is quoted with where it was written.
    assert!(s.contains("(answer, line "), "{s}");
    assert!(
        s.contains("Top gaps") && s.contains("Hint:") && s.contains("Notes:"),
        "{s}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let v = json(&run(&[
        "score",
        &fixture_path("fraud-strong.md"),
        "--format",
        "json",
    ]));
    let overall = v["overall"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&overall));
    let areas = v["areas"].as_array().unwrap();
    let ids: Vec<&str> = areas.iter().map(|a| a["id"].as_str().unwrap()).collect();
    // Every area but the client's, which a written answer is never asked.
    assert_eq!(ids, AREA_IDS[..7]);
    let skipped = v["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|x| x["area"] == "client" && x["reason"] == "not_asked"),
        "{v}"
    );
    assert!(v["band"]["label"].is_string() && v["flags"].is_array() && v["key_points"].is_array());
    assert!(
        areas
            .iter()
            .all(|a| a["title"].is_string() && a["score"].is_number())
    );
    let crits = v["criteria"].as_array().unwrap();
    let lat = crits.iter().find(|c| c["id"] == "latency").unwrap();
    assert_eq!(lat["area"], "framing");
    assert_eq!(lat["status"], "covered");
    let ev = lat["evidence"].as_array().unwrap();
    assert!(ev.iter().any(
        |e| e["quote"].as_str().unwrap().contains("p99 under 100 ms")
            && e["line"].as_u64().is_some()
    ));
    for g in v["gaps"].as_array().unwrap() {
        assert!(g["criterion"].is_string() && g["hint"].is_string());
    }
    // The document is one answer: lines count within it (fixture line 8).
    let line = ev
        .iter()
        .find(|e| e["quote"].as_str().unwrap().contains("p99"))
        .unwrap()["line"]
        .as_u64();
    assert_eq!(line, Some(8));
}

#[test]
fn stronger_answers_score_higher_through_the_cli() {
    let strong = json(&run(&[
        "score",
        &fixture_path("fraud-strong.md"),
        "--format",
        "json",
    ]));
    let thin = json(&run(&[
        "score",
        &fixture_path("fraud-thin.md"),
        "--format",
        "json",
    ]));
    assert!(strong["overall"].as_f64().unwrap() > thin["overall"].as_f64().unwrap() + 40.0);
}

#[test]
fn reads_stdin_and_picks_the_scenario_from_the_prompt() {
    let mut child = bin()
        .args([
            "score",
            "-",
            "--prompt",
            "Design fraud detection for a payments company",
            "--format",
            "json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Recall matters more than precision because missing fraud is expensive.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v = json(&out);
    assert_eq!(v["scenario"], "fraud-detection");
    let pr = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "precision-recall")
        .unwrap()
        .clone();
    assert_eq!(pr["status"], "covered");
    assert_eq!(pr["evidence"][0]["line"], 1);
}

#[test]
fn scores_a_saved_session_answer_by_answer() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session {
        id: "2026-11-27T10-00-00_fraud-detection_ab12".into(),
        status: SessionStatus::Complete,
        answers: vec![
            Answer { question: "framing-problem".into(), text: "Chargebacks cost us $2M a month today.\n".into(), seconds: 0, hints: 0 },
            Answer {
                question: "framing-users".into(),
                text: "It runs at checkout.\nThe latency budget is p99 under 100 ms for the whole call.\n".into(),
                seconds: 0,
                hints: 0,
            },
        ],
        ..Session::new("fraud-detection", Mode::Practice, "2026-11-27T10:00:00Z".parse().unwrap(), "test")
    };
    let path = dir.path().join("s.yaml");
    std::fs::write(&path, serde_yaml::to_string(&session).unwrap()).unwrap();
    let v = json(&run(&["score", path.to_str().unwrap(), "--format", "json"]));
    assert_eq!(v["scenario"], "fraud-detection");
    let lat = v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "latency")
        .unwrap()
        .clone();
    assert_eq!(lat["status"], "covered");
    assert_eq!(lat["evidence"][0]["question"], "framing-users");
    assert_eq!(lat["evidence"][0]["line"], 2);
    let text = run(&["score", path.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("Session 2026-11-27T10-00-00_fraud-detection_ab12")
    );
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let out = run(&["score", "/no/such/answer.md"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/answer.md"));

    let out = run(&[
        "score",
        &fixture_path("fraud-thin.md"),
        "--scenario",
        "no-such-scenario",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no-such-scenario") && err.contains("fraud-detection"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let bin_file = dir.path().join("blob.bin");
    std::fs::write(&bin_file, [0u8, 159, 146, 150, 0, 0, 1, 2, 0, 0].repeat(50)).unwrap();
    let out = run(&["score", bin_file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("blob.bin"));

    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "schema_version: 1\nid: [unclosed\n").unwrap();
    let out = run(&["score", broken.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.yaml") && err.contains("session"),
        "{err}"
    );
}

#[test]
fn odd_text_is_scored_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("odd.md");
    let mut bytes =
        b"# Heading\n\x07\x1b[31mWe monitor data drift daily on every input feature.\x1b[0m\n"
            .to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    bytes.extend_from_slice("Ünïcödé 文字 🚀\n".as_bytes());
    std::fs::write(&f, bytes).unwrap();
    let out = run(&["score", f.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(!s.contains('\x1b') && !s.contains('\x07'), "{s:?}");
}

/// Piping into a reader that has gone (`| head`) ends the command quietly:
/// no panic, no error message, success.
#[test]
fn a_closed_pipe_is_not_a_crash() {
    for args in [
        vec!["score", "FILE"],
        vec!["score", "FILE", "--format", "json"],
        vec!["content", "list"],
    ] {
        let file = fixture_path("fraud-strong.md");
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "FILE" { file.as_str() } else { a })
            .collect();
        let mut child = bin()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Close the reading end before the command gets to write.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.trim().is_empty(), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
    }
}

/// Deterministic noise: `n` bytes from a xorshift generator.
fn noise(n: usize, mut x: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn refused(args: &[&str], what: &str) -> String {
    let t = std::time::Instant::now();
    let out = run(args);
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{what}: {err}");
    assert!(out.stdout.is_empty(), "{what}");
    // Before the checks, 50 MB of noise took two minutes to score.
    assert!(
        took < std::time::Duration::from_secs(10),
        "{what}: {took:?}"
    );
    err
}

#[test]
fn binary_oversized_and_empty_input_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();

    // Random bytes, not UTF-8 at all.
    std::fs::write(p("noise.bin"), noise(200_000, 7)).unwrap();
    let err = refused(&["score", &p("noise.bin")], "noise");
    assert!(
        err.contains("noise.bin is not text (binary data:") && err.contains("not UTF-8"),
        "{err}"
    );

    // A gzip file of an answer.
    let gz = Command::new("gzip")
        .arg("-c")
        .arg(fixture_path("fraud-strong.md"))
        .output();
    if let Some(gz) = gz.ok().filter(|o| o.status.success()) {
        std::fs::write(p("answer.md.gz"), &gz.stdout).unwrap();
        let err = refused(&["score", &p("answer.md.gz")], "gzip");
        assert!(err.contains("is not text"), "{err}");
    }

    // UTF-16: half NULs.
    let utf16: Vec<u8> = "We monitor drift daily and retrain weekly.\n"
        .repeat(20)
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(p("utf16.txt"), utf16).unwrap();
    let err = refused(&["score", &p("utf16.txt")], "utf-16");
    assert!(err.contains("NUL"), "{err}");

    // Mostly control characters, all valid UTF-8.
    std::fs::write(p("controls.txt"), "ab\x01\x02\x03\x04\x05".repeat(1000)).unwrap();
    let err = refused(&["score", &p("controls.txt")], "controls");
    assert!(err.contains("control characters"), "{err}");

    // 50 MB: refused by its size without being read.
    let mut big = std::fs::File::create(p("big.md")).unwrap();
    let chunk = noise(1 << 20, 11);
    for _ in 0..50 {
        big.write_all(&chunk).unwrap();
    }
    drop(big);
    let err = refused(&["score", &p("big.md")], "50 MB");
    assert!(err.contains("big.md is too large (over 16 MB)"), "{err}");
    // The same from a pipe: at most the limit is read.
    let mut child = bin()
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let text = b"We monitor drift daily. ".repeat(1 << 16);
        for _ in 0..40 {
            if stdin.write_all(&text).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("standard input is too large"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Empty, or only blank lines.
    std::fs::write(p("empty.md"), "\n  \n").unwrap();
    let err = refused(&["score", &p("empty.md")], "empty");
    assert!(err.contains("empty.md is empty"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.md");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(&std::fs::read(fixture_path("fraud-strong.md")).unwrap());
    std::fs::write(&f, bytes).unwrap();
    let with_bom = json(&run(&["score", f.to_str().unwrap(), "--format", "json"]));
    let without = json(&run(&[
        "score",
        &fixture_path("fraud-strong.md"),
        "--format",
        "json",
    ]));
    assert_eq!(with_bom, without);
}
