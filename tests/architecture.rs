//! The layering rules of ARCHITECTURE.md, checked on the source tree.

#[path = "support/module_graph.rs"]
mod module_graph;

use module_graph::{module, module_graph, offences, rust_files, under};
use std::path::{Path, PathBuf};

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

/// The TUI's wiring: the only modules that may know every screen.
const WIRING: [&[&str]; 4] = [
    &["tui"],
    &["tui", "app"],
    &["tui", "view"],
    &["tui", "runtime"],
];

fn is_wiring(path: &[String]) -> bool {
    WIRING
        .iter()
        .any(|w| path.iter().map(String::as_str).eq(w.iter().copied()))
}

fn is_screen(path: &[String]) -> bool {
    under(path, &["tui", "screens"]) || under(path, &["tui", "mock"])
}

#[test]
fn the_module_graph_sees_the_imports_it_should() {
    let graph = module_graph();
    let app = module(&graph, &["tui", "app"]);
    assert!(
        app.deps
            .iter()
            .any(|d| d.target == ["tui", "screens", "home"]),
        "app.rs imports the home screen: {:#?}",
        app.deps
    );
    // `super::ReviewData` in a review page lands in the review screen.
    let progress = module(&graph, &["tui", "screens", "review", "progress"]);
    assert!(
        progress
            .deps
            .iter()
            .any(|d| d.target == ["tui", "screens", "review"]),
        "{:#?}",
        progress.deps
    );
    // Test-only files are not part of the graph.
    assert!(
        !graph
            .iter()
            .any(|m| m.path == ["tui", "screens", "review", "tests"])
    );
}

#[test]
fn tui_screens_and_helpers_never_import_the_app_or_the_wiring() {
    let graph = module_graph();
    let found = offences(
        graph
            .iter()
            .filter(|m| under(&m.path, &["tui"]) && !is_wiring(&m.path)),
        |d| is_wiring(&d.target),
    );
    assert!(
        found.is_empty(),
        "screens take Msg, Effect, Ctx, … from tui::vocab, not from the app \
         (app.rs, view.rs, runtime.rs or tui/mod.rs):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_tui_vocabulary_and_helpers_import_no_screen() {
    let graph = module_graph();
    // Panics if the vocabulary module is gone (the rule would hold vacuously).
    module(&graph, &["tui", "vocab"]);
    let found = offences(
        graph
            .iter()
            .filter(|m| under(&m.path, &["tui"]) && !is_wiring(&m.path) && !is_screen(&m.path)),
        |d| is_screen(&d.target),
    );
    assert!(
        found.is_empty(),
        "tui::vocab and the helpers must not name a screen:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_session_model_does_not_import_the_store() {
    let graph = module_graph();
    let found = offences(std::iter::once(module(&graph, &["core", "session"])), |d| {
        under(&d.target, &["core", "store"])
    });
    assert!(
        found.is_empty(),
        "core/session.rs must not use core::store (the store depends on the model):\n{}",
        found.join("\n")
    );
}

#[test]
fn core_imports_neither_the_tui_nor_the_cli() {
    let graph = module_graph();
    let found = offences(graph.iter().filter(|m| under(&m.path, &["core"])), |d| {
        under(&d.target, &["tui"]) || under(&d.target, &["cli"])
    });
    assert!(
        found.is_empty(),
        "core depends upwards:\n{}",
        found.join("\n")
    );
}
