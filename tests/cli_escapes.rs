//! No escape sequence reaches the terminal from a command: session fields,
//! answers, file names, content field names and ids come out with their
//! control characters made visible (text) or escaped (JSON), on stdout and
//! stderr alike.

#[path = "support/hostile.rs"]
mod hostile;

use hostile::{ESCAPES, GOOD, escapes_session, good_session};
use mlsd_coach::core::store::Store;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A character that would act on a terminal: C0 controls other than line
/// feed and tab, DEL, C1 controls, bidirectional overrides and isolates.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<(usize, char)> = text.char_indices().filter(|(_, c)| acts(*c)).collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{text}");
}

fn run(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(args)
        .env_remove("MLSD_COACH_SESSIONS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_clean(&format!("stdout of {args:?}"), &out.stdout);
    assert_clean(&format!("stderr of {args:?}"), &out.stderr);
    out
}

/// A sessions directory with a session full of escapes, a good one, and
/// a damaged file whose name holds escapes.
fn sessions(root: &Path) -> std::path::PathBuf {
    let dir = root.join("sessions");
    let store = Store::open(&dir).unwrap();
    store.save(&good_session()).unwrap();
    store.save(&escapes_session()).unwrap();
    fs::write(
        dir.join("2026-11-22T00-00-00_x\x1b]0;t\x07\x1b[2J_bad1.yaml"),
        "nonsense: [\x1b[31m",
    )
    .unwrap();
    dir
}

#[test]
fn session_commands_print_no_escape_sequences() {
    let root = tempfile::tempdir().unwrap();
    let dir = sessions(root.path());
    let d = dir.to_str().unwrap();
    let s = |args: &[&str]| {
        let mut v = vec!["--sessions-dir", d];
        v.extend_from_slice(args);
        run(&v)
    };

    let out = s(&["history"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // The text is kept, made visible.
    assert!(text.contains("fraud␛]0;pwned␇␛[2J"), "{text}");
    assert!(text.contains("DAMAGED"), "{text}");

    let out = s(&["history", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["scenario"] == "fraud\x1b]0;pwned\x07\x1b[2J"),
        "JSON keeps the value: {rows}"
    );

    for args in [
        vec!["show", ESCAPES],
        vec!["export", ESCAPES],
        vec!["export", ESCAPES, "--format", "json"],
        vec!["compare", ESCAPES, GOOD],
        vec!["compare", ESCAPES, ESCAPES, "--format", "json"],
        vec!["show", "2026-11-22T00-00-00_x"],
        vec!["export", "2026-11-22T00-00-00_x"],
        vec!["paths"],
    ] {
        s(&args);
    }
    let out = s(&["export", ESCAPES, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["session"]["answers"][0]["text"],
        "Fraud \x1b[2Jlosses\x07 hurt\u{9b}31m."
    );

    // Exported to files: Markdown keeps the text with its controls made
    // visible; JSON escapes them.
    let md = root.path().join("report.md");
    s(&["export", ESCAPES, "-o", md.to_str().unwrap()]);
    let report = fs::read(&md).unwrap();
    assert_clean("exported Markdown", &report);
    assert!(String::from_utf8_lossy(&report).contains("Fraud ␛[2Jlosses␇ hurt<U+009B>31m."));
    let json = root.path().join("report.json");
    s(&[
        "export",
        ESCAPES,
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_clean("exported JSON", &fs::read(&json).unwrap());

    // A sessions directory whose name holds escapes.
    let odd = root.path().join("odd\x1b[2J\x07dir");
    fs::create_dir(&odd).unwrap();
    run(&["--sessions-dir", odd.to_str().unwrap(), "paths"]);
    run(&["--sessions-dir", odd.to_str().unwrap(), "show", "nothing"]);
}

#[test]
fn score_prints_no_escape_sequences() {
    let root = tempfile::tempdir().unwrap();
    let dir = sessions(root.path());
    let file = dir.join(format!("{ESCAPES}.yaml"));
    let f = file.to_str().unwrap();
    // The session's scenario is unknown: the warning quotes it.
    let out = run(&["score", f]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("fraud␛]0;pwned␇␛[2J"));
    run(&["score", f, "--format", "json"]);
    // An answer with escapes, and a file name with escapes.
    let answer = root.path().join("answer\x1b[2J\x07.md");
    fs::write(
        &answer,
        "The pain point is fraud \x1b]0;x\x07losses; recall matters.\n",
    )
    .unwrap();
    run(&["score", answer.to_str().unwrap()]);
    run(&["score", answer.to_str().unwrap(), "--format", "json"]);
    run(&["score", answer.to_str().unwrap(), "--scenario", "no\x1b[2J"]);
    let missing = root.path().join("missing\x1b[2J.md");
    let out = run(&["score", missing.to_str().unwrap()]);
    assert!(!out.status.success());
}

#[test]
fn content_validate_prints_no_escape_sequences() {
    let root = tempfile::tempdir().unwrap();
    let pack = root.path().join("pack\x1b[2J");
    let valid = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content/valid");
    fs::create_dir_all(pack.join("scenarios")).unwrap();
    for f in ["rubric.yaml", "mock.yaml"] {
        fs::copy(valid.join(f), pack.join(f)).unwrap();
    }
    let scenario = fs::read_to_string(valid.join("scenarios/spam-filter.yaml")).unwrap();
    // A field name, an id and a file name with escapes.
    let hostile = scenario
        .replacen("id: spam-filter", "id: \"spam\\e]0;pwned\\a\"", 1)
        .replacen("title:", "\"ti\\e[2Jtle\": x\ntitle:", 1);
    fs::write(pack.join("scenarios/spam\x1b[2J\x07.yaml"), hostile).unwrap();
    let out = run(&["content", "validate", pack.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("spam␛[2J␇.yaml"), "{err}");
    run(&["--content", pack.to_str().unwrap(), "content", "list"]);
    run(&["--content", pack.to_str().unwrap(), "history"]);
}
