//! Listing the session store: 100, 1,000 and 10,000 sessions, cold (no
//! index: every file read and parsed) and warm (index present: one stat
//! per file). Also one autosave of a session with 20 answers of 2 KB.
//!
//! Run: `cargo bench --bench store_list`.

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use mlsd_coach::core::session::{Answer, Mode, Session, SessionStatus};
use mlsd_coach::core::store::Store;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn session(i: usize, answers: usize, bytes: usize) -> Session {
    let started_at = chrono::DateTime::from_timestamp(1_790_000_000 + i as i64 * 3600, 0).unwrap();
    let line = "We weigh recall against precision because a missed fraud costs more.\n";
    Session {
        id: format!(
            "{}_scenario-{}_{:04}",
            started_at.format("%Y-%m-%dT%H-%M-%S"),
            i % 12,
            i % 10_000
        ),
        status: SessionStatus::Complete,
        elapsed_seconds: 1800,
        answers: (0..answers)
            .map(|k| Answer {
                question: format!("q{k}"),
                text: line.repeat(bytes / line.len() + 1),
                seconds: 60,
                hints: 0,
            })
            .collect(),
        ..Session::new(
            &format!("scenario-{}", i % 12),
            if i % 3 == 0 {
                Mode::Mock
            } else {
                Mode::Practice
            },
            started_at,
            "bench",
        )
    }
}

/// `n` typical sessions (8 answers of ~400 bytes), written directly.
fn populate(dir: &Path, n: usize) {
    for i in 0..n {
        let s = session(i, 8, 400);
        std::fs::write(dir.join(format!("{}.yaml", s.id)), s.to_yaml()).unwrap();
    }
}

fn bench_list(c: &mut Criterion) {
    let mut g = c.benchmark_group("store_list");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(4));
    for n in [100usize, 1_000, 10_000] {
        let tmp = tempfile::tempdir().unwrap();
        populate(tmp.path(), n);
        let store = Store::open(tmp.path()).unwrap();
        g.bench_with_input(BenchmarkId::new("cold", n), &n, |b, &n| {
            b.iter_batched(
                || {
                    let _ = std::fs::remove_file(store.index_path());
                },
                |()| {
                    let rows = store.summaries().unwrap();
                    assert_eq!(rows.len(), n);
                    black_box(rows)
                },
                BatchSize::PerIteration,
            )
        });
        store.summaries().unwrap();
        g.bench_with_input(BenchmarkId::new("warm", n), &n, |b, &n| {
            b.iter(|| {
                let rows = store.summaries().unwrap();
                assert_eq!(rows.len(), n);
                black_box(rows)
            })
        });
    }
    g.finish();
}

fn bench_save(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut s = session(1, 20, 2048);
    store.save(&s).unwrap();
    let mut g = c.benchmark_group("store_save");
    g.sample_size(20);
    g.bench_function("20 answers x 2 KB", |b| {
        b.iter(|| {
            s.elapsed_seconds += 1;
            black_box(store.save(&s).unwrap())
        })
    });
    g.bench_function("to_yaml only", |b| b.iter(|| black_box(s.to_yaml())));
    g.finish();
}

criterion_group!(benches, bench_list, bench_save);
criterion_main!(benches);
