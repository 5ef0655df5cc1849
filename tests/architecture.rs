//! The layering rules of ARCHITECTURE.md, checked on the source tree.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of code (comments dropped) of every `.rs` file under `dir`.
fn code_lines(dir: &str) -> Vec<(PathBuf, usize, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    assert!(!files.is_empty(), "no sources under {dir}");
    let mut lines = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("").to_string();
            if !code.trim().is_empty() {
                lines.push((f.clone(), i + 1, code));
            }
        }
    }
    lines
}

#[test]
fn core_never_uses_the_terminal_libraries() {
    let offenders: Vec<_> = code_lines("src/core")
        .into_iter()
        .filter(|(_, _, l)| l.contains("ratatui") || l.contains("crossterm"))
        .collect();
    assert!(
        offenders.is_empty(),
        "core imports a UI crate: {offenders:#?}"
    );
}

#[test]
fn only_the_runtime_reads_the_clock_or_touches_files_in_the_tui() {
    let forbidden = [
        "Utc::now",
        "Local::now",
        "Instant::now",
        "SystemTime::now",
        "std::fs",
        "fs::write",
        "File::",
        "event::read",
        "event::poll",
    ];
    let offenders: Vec<_> = code_lines("src/tui")
        .into_iter()
        .filter(|(f, _, _)| !f.ends_with("runtime.rs"))
        .filter(|(_, _, l)| forbidden.iter().any(|w| l.contains(w)))
        .collect();
    assert!(
        offenders.is_empty(),
        "clock or IO outside tui/runtime.rs: {offenders:#?}"
    );
}
