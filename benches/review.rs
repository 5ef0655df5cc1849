//! The review screens over generated histories of 100 / 1,000 / 10,000
//! sessions (warm score cache): the history list's first frame (records
//! loaded from the cache, the screen updated and drawn at 120x40), a move
//! down, a search keystroke (answers indexed), opening progress and the
//! drill page, and opening a session view (the key; the page when the
//! session, read and scored in full on a thread, comes back — its scenario's
//! scorer kept from an earlier page, or compiled first). Budgets at 10,000: first frame 100 ms, a keystroke 16 ms.
//!
//! Peak memory of the real binary (resident set) is measured by
//! `benches/startup.rs` (`scripts/startup.sh`); here, a counting allocator
//! reports the heap's peak while each size loads, cold and warm, and what
//! the loaded history holds.
//!
//! `SIZES=100,1000 cargo bench --bench review` picks the sizes.

#[path = "support/history.rs"]
mod generated;

use criterion::{BenchmarkId, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlsd_coach::core::content::{Content, load_embedded};
use mlsd_coach::core::review::SessionScorer;
use mlsd_coach::core::store::{SessionsDir, Store};
use mlsd_coach::tui::app::{App, Effect, Msg, update};
use mlsd_coach::tui::history;
use mlsd_coach::tui::screens::review::{Page, Review, ReviewData};
use mlsd_coach::tui::theme::Theme;
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Counts the bytes allocated and not yet freed, and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn draw(term: &mut Terminal<TestBackend>, app: &App) {
    term.draw(|f| view::draw(f, app)).unwrap();
}

/// The review screen with `data` loaded, drawn once.
fn loaded(content: &Arc<Content>, dir: &Path, data: Arc<ReviewData>) -> App {
    let sessions = SessionsDir {
        path: dir.to_path_buf(),
        reason: "--sessions-dir".into(),
    };
    let now = chrono::Utc::now();
    let mut app = App::new(content.clone(), sessions, Theme::plain(), now, 1);
    update(&mut app, Msg::Resize(120, 40));
    app.start(mlsd_coach::tui::Start::Review);
    update(&mut app, Msg::ReviewLoaded(Ok(data)));
    app
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SIZES")
        .unwrap_or_else(|_| "100,1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let content = Arc::new(load_embedded());
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("review");
    g.sample_size(10);
    for n in sizes {
        let dir = tmp.path().join(format!("h{n}"));
        generated::write(&dir, &content, n, 42);
        let store = Store::open(&dir).unwrap();
        // Cold (every session scored), then warm: the heap's peak during
        // each load, and what the loaded history holds.
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        drop(history::load(&content, &store, None).unwrap());
        let cold_peak = PEAK.load(Ordering::Relaxed) - base;
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let data = Arc::new(history::load(&content, &store, None).unwrap());
        println!(
            "review, {n} sessions: heap peak while loading cold {:.1} MB, warm {:.1} MB; the loaded history holds {:.1} MB",
            mb(cold_peak),
            mb(PEAK.load(Ordering::Relaxed) - base),
            mb(LIVE.load(Ordering::Relaxed) - base)
        );
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();

        g.bench_function(BenchmarkId::new("first frame", n), |b| {
            b.iter(|| {
                let data = Arc::new(history::load(&content, &store, None).unwrap());
                let app = loaded(&content, &dir, data);
                draw(&mut term, &app);
                black_box(app);
            })
        });

        let mut app = loaded(&content, &dir, data.clone());
        g.bench_function(BenchmarkId::new("move down", n), |b| {
            b.iter(|| {
                update(&mut app, key(KeyCode::Down));
                draw(&mut term, &app);
            })
        });

        // Search: the answers indexed (as on the first search), then a
        // keystroke of a query and its deletion.
        let paths: Vec<_> = data
            .sessions
            .iter()
            .map(|r| r.summary.path.clone())
            .collect();
        let index = Arc::new(history::index_answers(&paths));
        let mut app = loaded(&content, &dir, data.clone());
        update(&mut app, key(KeyCode::Char('/')));
        for e in update(&mut app, key(KeyCode::Char('l'))) {
            if let Effect::IndexAnswers { generation, .. } = e {
                update(
                    &mut app,
                    Msg::AnswersIndexed {
                        generation,
                        index: index.clone(),
                    },
                );
            }
        }
        g.bench_function(BenchmarkId::new("search keystroke", n), |b| {
            b.iter(|| {
                update(&mut app, key(KeyCode::Char('a')));
                draw(&mut term, &app);
                update(&mut app, key(KeyCode::Backspace));
                draw(&mut term, &app);
            })
        });

        let mut app = loaded(&content, &dir, data.clone());
        g.bench_function(BenchmarkId::new("open progress", n), |b| {
            b.iter(|| {
                update(&mut app, key(KeyCode::Char('p')));
                draw(&mut term, &app);
                update(&mut app, key(KeyCode::Esc));
            })
        });
        g.bench_function(BenchmarkId::new("open drill page", n), |b| {
            b.iter(|| {
                update(&mut app, key(KeyCode::Char('d')));
                draw(&mut term, &app);
                update(&mut app, key(KeyCode::Esc));
            })
        });
        // Opening a session's page: the key (the list says "opening…"; the
        // session is read and scored on a thread), then the page when the
        // result comes: with the scenario's scorer kept from an earlier
        // page, and with it compiled first (a scenario's first page).
        g.bench_function(BenchmarkId::new("open session view: the key", n), |b| {
            b.iter(|| {
                let mut app = loaded(&content, &dir, data.clone());
                let effects = update(&mut app, key(KeyCode::Enter));
                assert!(matches!(&effects[..], [Effect::OpenScored(_)]));
                draw(&mut term, &app);
                black_box(effects);
            })
        });
        let mut kept = SessionScorer::shared(content.clone(), 4);
        g.bench_function(
            BenchmarkId::new("open session view: the page, scorer kept", n),
            |b| {
                b.iter(|| {
                    let mut app = loaded(&content, &dir, data.clone());
                    for e in update(&mut app, key(KeyCode::Enter)) {
                        if let Effect::OpenScored(paths) = e {
                            let result = history::open_scored(&mut kept, &paths);
                            update(&mut app, Msg::ScoredOpened { paths, result });
                        }
                    }
                    assert!(matches!(
                        app.screen.get::<Review>().unwrap().page,
                        Page::Session(_)
                    ));
                    draw(&mut term, &app);
                })
            },
        );
        g.bench_function(
            BenchmarkId::new("open session view: the page, scorer compiled", n),
            |b| {
                b.iter(|| {
                    let mut app = loaded(&content, &dir, data.clone());
                    for e in update(&mut app, key(KeyCode::Enter)) {
                        if let Effect::OpenScored(paths) = e {
                            let mut fresh = SessionScorer::new(&content);
                            let result = history::open_scored(&mut fresh, &paths);
                            update(&mut app, Msg::ScoredOpened { paths, result });
                        }
                    }
                    assert!(matches!(
                        app.screen.get::<Review>().unwrap().page,
                        Page::Session(_)
                    ));
                    draw(&mut term, &app);
                })
            },
        );
    }
    g.finish();
    c.final_summary();
}
