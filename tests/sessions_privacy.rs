//! Answers are private: a sessions directory open to other users is made
//! private when it is the program's own, and warned about otherwise.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn run(cwd: &Path, data_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .args(args)
        .current_dir(cwd)
        .env_remove("MLSD_COACH_SESSIONS")
        .env("XDG_DATA_HOME", data_home)
        .env("HOME", data_home)
        .output()
        .unwrap()
}

#[test]
fn a_directory_open_to_others_is_warned_about_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shared");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    let d = dir.to_str().unwrap();
    for args in [
        vec!["--sessions-dir", d, "history"],
        vec!["--sessions-dir", d, "show", "x"],
        vec!["--sessions-dir", d, "compare", "x", "y"],
    ] {
        let out = run(tmp.path(), tmp.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err.matches("warning: other users can read the sessions directory")
                .count(),
            1,
            "{args:?}: {err}"
        );
        assert!(err.contains(&format!("chmod 700 '{d}'")), "{err}");
    }
    // Someone else's choice: left as it is.
    assert_eq!(mode(&dir), 0o755);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    let out = run(tmp.path(), tmp.path(), &["--sessions-dir", d, "history"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_programs_own_directory_is_made_private() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let own = data.join("mlsd-coach").join("sessions");
    fs::create_dir_all(&own).unwrap();
    fs::set_permissions(&own, fs::Permissions::from_mode(0o755)).unwrap();
    let out = run(tmp.path(), &data, &["paths"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("platform data directory"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = run(tmp.path(), &data, &["history"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("made the sessions directory"), "{err}");
    assert_eq!(mode(&own), 0o700);
    let out = run(tmp.path(), &data, &["history"]);
    assert!(out.stderr.is_empty(), "said once");
}

#[test]
fn a_directory_created_by_the_program_is_private() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new").join("sessions");
    let out = run(
        tmp.path(),
        tmp.path(),
        &["--sessions-dir", dir.to_str().unwrap(), "history"],
    );
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    assert_eq!(mode(&dir), 0o700);
}
