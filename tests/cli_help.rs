//! The command line as a new user meets it: unmatched filters, finding a
//! session by any part of its id, help text, shell completions and the
//! manual page (through the real binary).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn fixture_copy() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions/mixed");
    let tmp = tempfile::tempdir().unwrap();
    for e in fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("--sessions-dir")
        .arg(dir)
        .args(args)
        .current_dir(dir)
        .env_remove("MLSD_COACH_SESSIONS")
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn history_with_an_unknown_scenario_says_so_and_lists_the_scenarios() {
    let tmp = fixture_copy();
    let o = run(tmp.path(), &["history", "--scenario", "nonexistent"]);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    assert!(
        text.contains("No session matches scenario 'nonexistent'."),
        "{text}"
    );
    assert!(!text.contains("No sessions yet"), "{text}");
    assert!(
        text.contains("fraud-detection") && text.contains("Card fraud detection"),
        "the scenarios are listed: {text}"
    );
    // JSON keeps stdout machine-readable and says it on stderr.
    let o = run(
        tmp.path(),
        &["history", "--scenario", "nonexistent", "--format", "json"],
    );
    assert_eq!(out(&o).trim(), "[]");
    assert!(err(&o).contains("No session matches scenario 'nonexistent'"));
}

#[test]
fn history_with_a_real_scenario_and_no_sessions_says_nothing_matched() {
    let tmp = fixture_copy();
    let o = run(tmp.path(), &["history", "--scenario", "spam-email"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert_eq!(text, "No session matches scenario 'spam-email'.\n");
    let o = run(
        tmp.path(),
        &[
            "history",
            "--scenario",
            "fraud-detection",
            "--mode",
            "drill",
        ],
    );
    assert_eq!(
        out(&o),
        "No session matches scenario 'fraud-detection' and mode drill.\n"
    );
}

#[test]
fn show_finds_a_session_by_any_unique_part_of_its_id() {
    let tmp = fixture_copy();
    for part in ["ok01", "fraud", "fraud-detection", "2026-11-20"] {
        let o = run(tmp.path(), &["show", part]);
        assert!(o.status.success(), "{part}: {}", err(&o));
        assert!(
            out(&o).contains("session 2026-11-20T09-15-00_fraud-detection_ok01"),
            "{part}"
        );
    }
    // A hint is counted in words, not "hint(s)".
    let text = out(&run(tmp.path(), &["show", "ok01"]));
    assert!(text.contains(", 1 hint]"), "{text}");
    assert!(!text.contains("hint(s)"));
}

#[test]
fn show_lists_the_candidates_when_several_ids_match() {
    let tmp = fixture_copy();
    let o = run(tmp.path(), &["show", "ads-ctr"]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains("'ads-ctr' matches 6 sessions:"), "{e}");
    assert!(e.contains("2026-11-22T09-00-00_ads-ctr_new3"), "{e}");
    let o = run(tmp.path(), &["show", "zzzz"]);
    assert!(err(&o).contains("no session matches 'zzzz'"), "{}", err(&o));
}

#[test]
fn export_to_a_file_prints_its_full_path() {
    let tmp = fixture_copy();
    let o = run(tmp.path(), &["export", "ok01", "-o", "report.md"]);
    assert!(o.status.success(), "{}", err(&o));
    let full = tmp.path().join("report.md");
    assert!(full.is_file());
    let e = err(&o);
    assert_eq!(
        e.lines().last(),
        Some(format!("wrote {}", full.display()).as_str()),
        "{e}"
    );
}

fn help(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}");
    out(&o)
}

#[test]
fn help_has_examples_argument_descriptions_and_good_grammar() {
    let top = help(&["--help"]);
    assert!(top.contains("Examples:"), "{top}");
    assert!(top.contains("completions") && top.contains("man"), "{top}");
    let show = help(&["show", "--help"]);
    assert!(!show.contains("an unique"), "{show}");
    assert!(
        show.contains("any part of it that only one id contains"),
        "{show}"
    );
    assert!(show.contains("Examples:"), "{show}");
    let history = help(&["history", "--help"]);
    assert!(
        history.contains("--scenario <ID>") && history.contains("Only sessions of this scenario"),
        "{history}"
    );
    let compare = help(&["compare", "--help"]);
    assert!(
        compare.contains("The earlier attempt") && compare.contains("The later attempt"),
        "{compare}"
    );
    for cmd in ["practice", "mock", "score", "export", "completions"] {
        assert!(help(&[cmd, "--help"]).contains("Examples:"), "{cmd}");
    }
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef mlsd-coach"),
        ("fish", "complete -c mlsd-coach"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let text = help(&["completions", shell]);
        assert!(text.contains(marker), "{shell}: {text:.300}");
        for cmd in ["practice", "history", "export", "completions"] {
            assert!(text.contains(cmd), "{shell} lacks {cmd}");
        }
    }
    let o = Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn man_prints_a_roff_page() {
    let page = help(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH mlsd-coach"),
        "{page:.200}"
    );
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    assert!(
        page.contains("history") && page.contains("\\-\\-sessions\\-dir"),
        "{page}"
    );
}
