//! Scoring a 5,000-word practice session against the shipped content.
//!
//! The session is built from the development set's strong answers (real
//! punctuation: curly quotes, dashes, ×, arrows), spread over the rubric's
//! questions, each copy made distinct by renumbering its figures.
//!
//! Budgets: `keystroke/5000w` — re-scoring after one key is typed at the end
//! of the last answer (every other sentence's analysis is cached; the edited
//! sentence is new each time) ≤ 2 ms; `cold/5000w` — the first score, every
//! cache emptied before the call ≤ 20 ms; `first/5000w` — the first score
//! of a scorer just built (its patterns compile on first use). `compile`
//! is building a scorer for a scenario (once per session opened).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::scoring::{AnswerInput, Scorer};
use std::hint::black_box;

const SOURCES: &[&str] = &[
    include_str!("../tests/fixtures/devset/fraud-detection/strong.md"),
    include_str!("../tests/fixtures/devset/eta-prediction/strong.md"),
    include_str!("../tests/fixtures/devset/spam-email/strong.md"),
    include_str!("../tests/fixtures/devset/feed-ranking/strong.md"),
    include_str!("../tests/fixtures/devset/medical-imaging-triage/strong.md"),
    include_str!("../tests/fixtures/devset/document-understanding/strong.md"),
    include_str!("../tests/fixtures/devset/churn-prediction/strong.md"),
];

/// The answer body (front matter removed).
fn body(s: &str) -> &str {
    s.splitn(3, "---\n").nth(2).unwrap_or(s)
}

/// About `words` words of answers, one block per question, every sentence
/// distinct.
fn session_text(words: usize) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut total = 0;
    let mut copy = 0u32;
    'outer: loop {
        for src in SOURCES {
            for para in body(src).split("\n\n").filter(|p| !p.trim().is_empty()) {
                let varied: String = para
                    .chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) => char::from_digit((d + copy) % 10, 10).unwrap_or(c),
                        None => c,
                    })
                    .collect();
                total += varied.split_whitespace().count();
                blocks.push(varied);
                if total >= words {
                    break 'outer;
                }
            }
            copy += 1;
        }
    }
    blocks
}

fn bench(c: &mut Criterion) {
    let content = load_embedded();
    let scenario = content.scenario("fraud-detection");
    let scorer = Scorer::new(&content, scenario);
    let questions: Vec<String> = content
        .rubric
        .questions()
        .map(|(_, q)| q.id.clone())
        .collect();
    let blocks = session_text(5_000);
    let inputs = |blocks: &[String]| -> Vec<(String, String)> {
        blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (questions[i % questions.len()].clone(), b.clone()))
            .collect()
    };
    let base = inputs(&blocks);
    let as_answers = |v: &[(String, String)]| -> Vec<(String, String)> { v.to_vec() };

    c.bench_function("compile", |b| {
        b.iter(|| Scorer::new(black_box(&content), scenario))
    });
    let mut g = c.benchmark_group("scoring");
    g.sample_size(30);
    g.bench_function("cold/5000w", |b| {
        b.iter_batched(
            || scorer.clear_cache(),
            |()| {
                let answers: Vec<AnswerInput<'_>> = base
                    .iter()
                    .map(|(q, t)| AnswerInput {
                        question: q,
                        text: t,
                    })
                    .collect();
                scorer.score(black_box(&answers))
            },
            BatchSize::PerIteration,
        )
    });
    // The first score of a scorer just built: its patterns compile on
    // first use, so this is the cold score a user waits for on opening.
    g.bench_function("first/5000w", |b| {
        b.iter_batched(
            || {
                let s = Scorer::new(&content, scenario);
                s.clear_cache();
                s
            },
            |fresh| {
                let answers: Vec<AnswerInput<'_>> = base
                    .iter()
                    .map(|(q, t)| AnswerInput {
                        question: q,
                        text: t,
                    })
                    .collect();
                let card = fresh.score(black_box(&answers));
                (fresh, card)
            },
            BatchSize::PerIteration,
        )
    });
    // Warm: one more key typed at the end of the last answer each time.
    let mut typed = as_answers(&base);
    let mut n = 0u64;
    g.bench_function("keystroke/5000w", |b| {
        b.iter(|| {
            n += 1;
            if let Some(last) = typed.last_mut() {
                last.1.push(if n % 7 == 0 { ' ' } else { 'a' });
            }
            let answers: Vec<AnswerInput<'_>> = typed
                .iter()
                .map(|(q, t)| AnswerInput {
                    question: q,
                    text: t,
                })
                .collect();
            scorer.score(black_box(&answers))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
