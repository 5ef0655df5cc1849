//! A keystroke's `update` + render with a 10,000-word answer in the editor
//! (budget: 1 ms in release).

#[path = "../tests/support/tui_fixture.rs"]
mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use mlsd_coach::tui::app::{App, Msg, update};
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

const WORDS: [&str; 8] = [
    "fraud",
    "recall",
    "latency",
    "chargebacks",
    "labels",
    "drift",
    "precision",
    "customers",
];

/// `words` words in paragraphs of `per_line` words.
fn answer(words: usize, per_line: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        s.push_str(WORDS[i % WORDS.len()]);
        s.push(if (i + 1) % per_line == 0 { '\n' } else { ' ' });
    }
    s
}

fn app_with(text: &str) -> App {
    let mut app = fixture::interview_app();
    update(&mut app, Msg::Paste(text.to_string()));
    app
}

/// CPU time this thread has run, from /proc (the machine is shared, so
/// wall-clock figures include waiting for a core).
fn thread_cpu() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// Mean CPU time of `f` over `n` runs, printed next to criterion's figures.
fn cpu_per_iter(name: &str, n: u32, mut f: impl FnMut()) {
    let Some(start) = thread_cpu() else { return };
    for _ in 0..n {
        f();
    }
    if let Some(end) = thread_cpu() {
        println!(
            "{name}: {:.3} ms CPU per iteration",
            (end - start).as_secs_f64() * 1e3 / f64::from(n)
        );
    }
}

fn bench(c: &mut Criterion) {
    // Reference: the same keystroke with a short answer (the frame itself).
    let mut small = app_with(&answer(100, 50));
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut n = 0u64;
    cpu_per_iter("keystroke_100_words", 400, || {
        n += 1;
        let code = if n % 2 == 0 {
            KeyCode::Backspace
        } else {
            KeyCode::Char('x')
        };
        black_box(update(&mut small, fixture::key(code)));
        term.draw(|f| view::draw(f, &small)).unwrap();
    });
    for (name, per_line) in [("paragraphs", 100), ("one_paragraph", 10_000)] {
        let mut app = app_with(&answer(10_000, per_line));
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| view::draw(f, &app)).unwrap();
        let mut n = 0u64;
        cpu_per_iter(&format!("keystroke_10k_words_{name}"), 400, || {
            n += 1;
            let code = if n % 2 == 0 {
                KeyCode::Backspace
            } else {
                KeyCode::Char('x')
            };
            black_box(update(&mut app, fixture::key(code)));
            term.draw(|f| view::draw(f, &app)).unwrap();
        });
        c.bench_function(&format!("keystroke_10k_words_{name}"), |b| {
            b.iter(|| {
                // Type a character, then delete it, so the text stays the same size.
                n += 1;
                let code = if n % 2 == 0 {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('x')
                };
                black_box(update(&mut app, fixture::key(code)));
                term.draw(|f| view::draw(f, &app)).unwrap();
            })
        });
        c.bench_function(&format!("cursor_move_10k_words_{name}"), |b| {
            b.iter(|| {
                n += 1;
                let code = if n % 2 == 0 {
                    KeyCode::Left
                } else {
                    KeyCode::Right
                };
                black_box(update(&mut app, fixture::key(code)));
                term.draw(|f| view::draw(f, &app)).unwrap();
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
