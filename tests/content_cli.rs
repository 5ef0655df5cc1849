//! `mlsd-coach content validate` and `content list`, run as a process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/content")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(args)
        .env_remove("MLSD_COACH_SESSIONS")
        .output()
        .expect("binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn validate_valid_pack_exits_zero_with_counts() {
    let dir = fixture("valid");
    let out = run(&["content", "validate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "content OK: 8 areas, 9 criteria, 8 questions, 1 scenarios\n"
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn validate_broken_pack_prints_located_errors_and_exits_two() {
    let dir = fixture("broken-syntax");
    let out = run(&["content", "validate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert_eq!(
        lines[0],
        format!(
            "{}:10:5: phases[1]: unknown field `colour`, expected one of `id`, `title`, `minutes`, `areas`",
            dir.join("mock.yaml").display()
        )
    );
    assert!(
        lines[1].starts_with(&format!("{}:24:7: ", dir.join("rubric.yaml").display())),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!(
            "{}:24:13: emphasis[0].weight: invalid type",
            dir.join("scenarios/spam-filter.yaml").display()
        )),
        "{}",
        lines[2]
    );
    assert_eq!(
        lines[3],
        format!("{}: 3 error(s), 0 warning(s)", dir.display())
    );
}

#[test]
fn validate_uses_content_flag_when_no_dir_is_given() {
    let dir = fixture("broken-semantic");
    let out = run(&["--content", dir.to_str().unwrap(), "content", "validate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(&format!(
        "{}:23:28: question `labels` refers to unknown criterion `label-delay`",
        dir.join("rubric.yaml").display()
    )));
    assert!(err.contains(&format!(
        "{}:74:9: warning: area `clients` has no criteria",
        dir.join("rubric.yaml").display()
    )));
    assert!(err.ends_with(&format!("{}: 26 error(s), 3 warning(s)\n", dir.display())));
}

#[test]
fn validate_without_dir_checks_the_built_in_pack() {
    let out = run(&["content", "validate"]);
    let has_rubric = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/rubric.yaml")
        .exists();
    if has_rubric {
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("content OK: 8 areas, "));
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out.stderr).starts_with("content/rubric.yaml:0:0: missing file"));
    }
}

#[test]
fn list_prints_a_table_of_scenarios() {
    let dir = fixture("valid");
    let out = run(&["--content", dir.to_str().unwrap(), "content", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ID           DOMAIN         TITLE\nspam-filter  communication  Spam filter for a mail service\n"
    );
}

#[test]
fn list_with_a_broken_pack_exits_two() {
    let dir = fixture("broken-syntax");
    let out = run(&["--content", dir.to_str().unwrap(), "content", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("rubric.yaml:24:7:"));
}
