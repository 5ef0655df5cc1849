//! Answers written and graded blind to the scorer after the development
//! set was in use, so they measure how far its rules reach beyond the
//! answers they were written against:
//! - `tests/fixtures/heldout/<scenario>/flawed.md`: one flawed answer each;
//! - `tests/fixtures/blind/<scenario>/`: a generic template with wrong
//!   statements and a tailored but confidently wrong answer for every
//!   scenario; a hedging answer that commits to nothing for every scenario;
//!   a plain-speech strong answer or a string of buzzwords; a second
//!   confidently wrong answer (`confident2.md`) for 12 scenarios, written
//!   after the estimate checks and the wider general flags, as their
//!   out-of-sample reading.
//!
//! The floors below hold what is achieved so it only improves; the issue's
//! targets are in the ignored test. `-- --nocapture` prints every figure.

#[path = "support/devset.rs"]
mod devset;

use devset::{Answer, answers_under, dirs_under, fixtures, parse, score, spearman};
use mlsd_coach::core::content::load_embedded;

struct Figures {
    /// Wrong statements flagged in generic templates, and in confident answers.
    generic_flagged: (usize, usize),
    confident_flagged: (usize, usize),
    /// (scenario/file, ours, interviewer's, kind).
    scores: Vec<(String, f32, f32, String)>,
}

fn run() -> Figures {
    let content = load_embedded();
    let root = fixtures("blind");
    let mut f = Figures {
        generic_flagged: (0, 0),
        confident_flagged: (0, 0),
        scores: Vec::new(),
    };
    let dirs = dirs_under(&root);
    assert_eq!(dirs.len(), 21, "one directory per shipped scenario");
    for sc in &dirs {
        let s = content.scenario(sc).expect("a shipped scenario");
        for a in answers_under(&root, sc) {
            let Answer {
                front, body, file, ..
            } = &a;
            let r = score(&content, s, body);
            let hits = front.wrong.iter().filter(|w| r.is_flagged(w)).count();
            let tally = match front.kind.as_str() {
                "generic" => Some(&mut f.generic_flagged),
                "confident" => Some(&mut f.confident_flagged),
                _ => None,
            };
            if let Some(t) = tally {
                t.0 += hits;
                t.1 += front.wrong.len();
            }
            f.scores.push((
                format!("{sc}/{file}"),
                r.card.overall,
                front.grade.unwrap_or(f32::NAN),
                front.kind.clone(),
            ));
        }
    }
    println!(
        "blind: generic templates {}/{} wrong statements flagged, confident answers {}/{}",
        f.generic_flagged.0, f.generic_flagged.1, f.confident_flagged.0, f.confident_flagged.1
    );
    for kind in ["generic", "confident", "hedged", "buzzword", "plain"] {
        let row: Vec<String> = f
            .scores
            .iter()
            .filter(|x| x.3 == kind)
            .map(|x| {
                format!(
                    "{} {:.0}/{:.0}",
                    x.0.split('/').next().unwrap_or(""),
                    x.1,
                    x.2
                )
            })
            .collect();
        println!("blind {kind} (ours/interviewer's): {}", row.join(", "));
    }
    f
}

fn of_kind<'a>(
    f: &'a Figures,
    kind: &'a str,
) -> impl Iterator<Item = &'a (String, f32, f32, String)> {
    f.scores.iter().filter(move |x| x.3 == kind)
}

fn share((hit, total): (usize, usize)) -> f32 {
    hit as f32 / total.max(1) as f32
}

/// The figures a blind run is held to.
struct Bounds {
    generic_flagged: f32,
    confident_flagged: f32,
    hedged_max: f32,
    hedged_mean: f32,
    buzzword_max: f32,
    generic_max: f32,
    plain_min: f32,
    rho: f32,
}

fn problems(f: &Figures, b: &Bounds) -> Vec<String> {
    let mut out = Vec::new();
    let c = share(f.confident_flagged);
    if c < b.confident_flagged {
        out.push(format!(
            "confident answers: {:.0}% of wrong statements flagged",
            c * 100.0
        ));
    }
    let g = share(f.generic_flagged);
    if g < b.generic_flagged {
        out.push(format!(
            "generic templates: {:.0}% of wrong statements flagged",
            g * 100.0
        ));
    }
    let mut hedged = Vec::new();
    for (name, ours, _, kind) in &f.scores {
        match kind.as_str() {
            "hedged" => {
                hedged.push(*ours);
                if *ours > b.hedged_max {
                    out.push(format!("{name}: hedging answer scores {ours}"));
                }
            }
            "buzzword" if *ours > b.buzzword_max => {
                out.push(format!("{name}: buzzwords score {ours}"))
            }
            "generic" if *ours > b.generic_max => {
                out.push(format!("{name}: generic template scores {ours}"))
            }
            "plain" if *ours < b.plain_min => {
                out.push(format!("{name}: strong plain-speech answer scores {ours}"))
            }
            _ => {}
        }
    }
    let mean = hedged.iter().sum::<f32>() / hedged.len().max(1) as f32;
    if mean > b.hedged_mean {
        out.push(format!("hedging answers score {mean:.1} on average"));
    }
    let (ours, grades): (Vec<f32>, Vec<f32>) = f.scores.iter().map(|x| (x.1, x.2)).unzip();
    let rho = spearman(&grades, &ours);
    println!("blind: Spearman {rho:.3} over {} answers", ours.len());
    if rho < b.rho {
        out.push(format!("Spearman {rho:.3} < {}", b.rho));
    }
    out
}

#[test]
fn blind_answers_hold_the_floor() {
    let f = run();
    let p = problems(
        &f,
        &Bounds {
            generic_flagged: 0.75,
            confident_flagged: 0.25,
            // This set's interviewer graded the hedging answers 8-14; the
            // one who wrote probe7 graded the same habit 26-30 when the
            // right topics were named. A noncommittal answer keeps at least
            // 40% of what its topics earn, between the two.
            hedged_max: 30.0,
            hedged_mean: 15.0,
            buzzword_max: 20.0,
            generic_max: 45.0,
            plain_min: 45.0,
            rho: 0.7,
        },
    );
    // Ordering, whatever the bounds: every kind below the plain strong
    // answers on average.
    let mean = |k: &str| {
        let v: Vec<f32> = of_kind(&f, k).map(|x| x.1).collect();
        v.iter().sum::<f32>() / v.len().max(1) as f32
    };
    let plain = mean("plain");
    for k in ["generic", "hedged", "buzzword"] {
        assert!(
            mean(k) + 20.0 < plain,
            "{k} {} too close to plain {plain}",
            mean(k)
        );
    }
    assert!(p.is_empty(), "{} problems:\n{}", p.len(), p.join("\n"));
}

#[test]
#[ignore = "the scoring issue's targets on the blind answers: run with --ignored"]
fn blind_answers_meet_the_targets() {
    let f = run();
    let p = problems(
        &f,
        &Bounds {
            generic_flagged: 0.8,
            confident_flagged: 0.5,
            hedged_max: 20.0,
            hedged_mean: 20.0,
            buzzword_max: 20.0,
            generic_max: 35.0,
            plain_min: 50.0,
            rho: 0.8,
        },
    );
    assert!(p.is_empty(), "{} problems:\n{}", p.len(), p.join("\n"));
}

/// The first blind set written after the development set was in use:
/// one flawed answer per scenario (tests/fixtures/heldout/<scenario>/
/// flawed.md) with its wrong sentences. It measures how far the red flags
/// reach beyond the development set they were written against; the figure
/// is printed, and the floor keeps it from sliding back.
#[test]
fn held_out_wrong_statements_are_flagged_above_the_floor() {
    const FLOOR: f32 = 0.5;
    let content = load_embedded();
    let root = fixtures("heldout");
    let dirs = dirs_under(&root);
    assert_eq!(dirs.len(), 21, "one flawed answer per scenario");
    let (mut total, mut flagged, mut scores) = (0, 0, Vec::new());
    for sc in &dirs {
        let s = content.scenario(sc).expect("a shipped scenario");
        let a = parse(&root.join(sc).join("flawed.md"), sc);
        let r = score(&content, s, &a.body);
        scores.push(format!(
            "{sc} {:.0}/{}",
            r.card.overall,
            a.front.grade.unwrap_or(f32::NAN)
        ));
        for w in &a.front.wrong {
            total += 1;
            if r.is_flagged(w) {
                flagged += 1;
            }
        }
    }
    let share = flagged as f32 / total as f32;
    println!(
        "held-out: {flagged}/{total} wrong statements flagged ({:.0}%)",
        share * 100.0
    );
    println!(
        "held-out scores (ours/interviewer's): {}",
        scores.join(", ")
    );
    assert!(share >= FLOOR, "held-out flags {share:.2} < {FLOOR}");
}
