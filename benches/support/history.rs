//! A realistic sessions directory, generated: answers written from the
//! content's own example sentences and exemplars (real punctuation,
//! numbers, dashes, quotes) mixed with plain candidate prose; practice,
//! mock (with client questions, phases, curveballs) and drill sessions;
//! some unfinished; and about 2% damaged files (truncated, not UTF-8, not
//! YAML). Deterministic for a given count and seed.
//!
//! Shared by the benches and the tests (`#[path]`), so what is measured
//! is what is tested.

#![allow(dead_code)]

use mlsd_coach::core::content::Content;
use mlsd_coach::core::session::{Answer, Event, EventKind, Mode, Session, SessionStatus};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// What was written.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Made {
    pub sessions: usize,
    pub damaged: usize,
    pub unfinished: usize,
    pub words: usize,
}

const PLAIN: &[&str] = &[
    "I'd start by asking who feels the pain today, and what it costs them per week.",
    "Honestly, we don't know yet whether the labels are reliable: I'd audit 500 of them first.",
    "A simple baseline — logistic regression on 20 features — tells us if ML is worth it at all.",
    "Latency matters: the p99 has to stay under 100 ms, otherwise checkout slows down.",
    "We'd split by time, not at random; otherwise next week's data leaks into training.",
    "False positives annoy good customers (they call support), false negatives cost money.",
    "Then I'd monitor drift weekly, and retrain when the precision at our threshold drops by 5%.",
    "What would the client say? \"Just make it accurate\" isn't a goal, so I'd pin a number down.",
    "Let's see... the data sits in three places; joining them is half the work.",
    "TODO: come back to this.",
];

fn sentences(content: &Content, scenario: usize) -> Vec<String> {
    let sc = &content.scenarios[scenario];
    let mut out: Vec<String> = sc.key_points.iter().map(|k| k.example.clone()).collect();
    out.extend(
        sc.exemplar
            .split_inclusive(['.', '?', '!'])
            .map(|s| s.trim().to_string())
            .filter(|s| s.len() > 20),
    );
    out.extend(PLAIN.iter().map(|s| s.to_string()));
    out
}

fn answer_text(rng: &mut ChaCha8Rng, pool: &[String]) -> String {
    let n = rng.random_range(1..=5);
    let mut text = String::new();
    for k in 0..n {
        let s = &pool[rng.random_range(0..pool.len())];
        if k > 0 {
            text.push(if rng.random_bool(0.3) { '\n' } else { ' ' });
        }
        if rng.random_bool(0.15) {
            text.push_str("- ");
        }
        text.push_str(s);
    }
    text
}

/// One generated session (valid), number `i` of a history.
pub fn session(content: &Content, i: usize, rng: &mut ChaCha8Rng) -> Session {
    let sc_i = rng.random_range(0..content.scenarios.len());
    let scenario = &content.scenarios[sc_i];
    let pool = sentences(content, sc_i);
    let mode = match rng.random_range(0..20) {
        0..=11 => Mode::Practice,
        12..=16 => Mode::Mock,
        _ => Mode::Drill,
    };
    let started_at = chrono::DateTime::from_timestamp(
        1_780_000_000 + i as i64 * 5_400 + rng.random_range(0..600),
        0,
    )
    .expect("a valid time");
    let mut s = Session::new(&scenario.id, mode, started_at, &content.version);
    s.id = format!(
        "{}_{}_{:05}",
        started_at.format("%Y-%m-%dT%H-%M-%S"),
        scenario.id,
        i
    );
    let questions: Vec<&str> = content
        .rubric
        .questions()
        .map(|(_, q)| q.id.as_str())
        .collect();
    let asked: Vec<&str> = match mode {
        Mode::Drill => {
            let k = rng.random_range(0..questions.len().saturating_sub(3));
            s.questions = questions[k..k + 3].iter().map(|q| q.to_string()).collect();
            questions[k..k + 3].to_vec()
        }
        _ => questions.clone(),
    };
    let unfinished = rng.random_bool(0.12);
    let answered = if unfinished {
        rng.random_range(0..asked.len().max(1))
    } else {
        asked.len()
    };
    for q in asked.iter().take(answered) {
        if rng.random_bool(0.15) {
            continue; // skipped
        }
        s.answers.push(Answer {
            question: q.to_string(),
            text: answer_text(rng, &pool),
            seconds: rng.random_range(20..400),
            hints: rng.random_range(0..2),
        });
    }
    if mode == Mode::Mock {
        s.minutes = Some(45);
        s.seed = Some(i as u64);
        let mut at = 0;
        for ph in &content.mock.phases {
            s.events.push(Event {
                at,
                kind: EventKind::Phase { id: ph.id.clone() },
            });
            at += rng.random_range(120..900);
        }
        for f in scenario.facts.iter().take(rng.random_range(0..4)) {
            s.events.push(Event {
                at: rng.random_range(0..at.max(1)),
                kind: EventKind::Asked {
                    question: format!("What about {}?", f.id.replace('-', " ")),
                    fact: Some(f.id.clone()),
                    reply: "Good question: we see about 2% of that, give or take.".into(),
                },
            });
        }
        if let Some(c) = scenario.curveballs.first().filter(|_| rng.random_bool(0.5)) {
            s.events.push(Event {
                at: at / 2,
                kind: EventKind::Curveball {
                    id: c.id.clone(),
                    text: c.text.clone(),
                },
            });
        }
        s.events.sort_by_key(|e| e.at);
    }
    s.elapsed_seconds = s.answers.iter().map(|a| a.seconds).sum();
    if !unfinished {
        s.status = SessionStatus::Complete;
        s.ended_at = Some(started_at + chrono::Duration::seconds(s.elapsed_seconds as i64));
        if rng.random_bool(0.3) {
            s.predicted_score = Some(rng.random_range(20..90));
        }
    }
    s
}

/// Write `n` sessions into `dir` (which should be empty).
pub fn write(dir: &Path, content: &Content, n: usize, seed: u64) -> Made {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut made = Made::default();
    std::fs::create_dir_all(dir).expect("create the sessions directory");
    for i in 0..n {
        let s = session(content, i, &mut rng);
        let path = dir.join(format!("{}.yaml", s.id));
        let yaml = s.to_yaml();
        let bytes: Vec<u8> = match rng.random_range(0..100) {
            // Cut short (a crash mid-copy): the end marker is missing.
            0 => yaml.as_bytes()[..yaml.len() / 2].to_vec(),
            // Not UTF-8.
            1 if i % 2 == 0 => {
                let mut b = yaml.into_bytes();
                b[40] = 0xff;
                b
            }
            // Not a session at all.
            1 => b"{{{ this is: [not yaml\n".to_vec(),
            _ => {
                made.sessions += 1;
                made.words += s.word_count();
                made.unfinished += usize::from(s.status == SessionStatus::InProgress);
                yaml.into_bytes()
            }
        };
        if made.sessions + made.damaged == i {
            made.damaged += 1;
        }
        std::fs::write(&path, bytes).expect("write a session file");
    }
    made
}
