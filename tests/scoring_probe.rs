//! A probe set written and graded blind to the scorer and its content, from
//! each scenario's brief alone: for every scenario a strong answer
//! (`solid.md`, no mistakes), a polished answer with four to six confident
//! mistakes (`confident.md`) and a partial answer with one or two
//! (`medium.md`), each with the interviewer's grade and its wrong sentences
//! verbatim (`tests/fixtures/probe/<scenario>/`).
//!
//! It was measured once before the content was widened against the other
//! blind sets, so its first reading was out of sample; the floors below hold
//! what is achieved now so it only improves. `-- --nocapture` prints every
//! figure.

#[path = "support/devset.rs"]
mod devset;

use devset::{answers_under, dirs_under, fixtures, norm, score, spearman};
use mlsd_coach::core::content::load_embedded;

struct Row {
    name: String,
    kind: String,
    ours: f32,
    grade: f32,
    /// Wrong sentences flagged, of how many.
    flagged: (usize, usize),
    /// Sentences flagged that the interviewer did not mark wrong.
    other: usize,
}

fn run() -> Vec<Row> {
    let content = load_embedded();
    let root = fixtures("probe");
    let dirs = dirs_under(&root);
    assert_eq!(dirs.len(), 21, "one directory per shipped scenario");
    let mut rows = Vec::new();
    for sc in &dirs {
        let s = content.scenario(sc).expect("a shipped scenario");
        for a in answers_under(&root, sc) {
            let r = score(&content, s, &a.body);
            let wrong: Vec<String> = a.front.wrong.iter().map(|w| norm(w)).collect();
            let same = |f: &String, w: &String| f.contains(w.as_str()) || w.contains(f.as_str());
            let hit = wrong
                .iter()
                .filter(|w| r.flagged.iter().any(|f| same(f, w)))
                .count();
            let other = r
                .flagged
                .iter()
                .filter(|f| !wrong.iter().any(|w| same(f, w)))
                .count();
            rows.push(Row {
                name: format!("{sc}/{}", a.file),
                kind: a.front.kind.clone(),
                ours: r.card.overall,
                grade: a.front.grade.expect("graded"),
                flagged: (hit, wrong.len()),
                other,
            });
        }
    }
    rows
}

fn mean(rows: &[Row], kind: &str, f: impl Fn(&Row) -> f32) -> f32 {
    let v: Vec<f32> = rows.iter().filter(|r| r.kind == kind).map(f).collect();
    v.iter().sum::<f32>() / v.len().max(1) as f32
}

#[test]
fn probe_answers_hold_the_floor() {
    let rows = run();
    for r in &rows {
        println!(
            "{:40} ours {:5.1} grade {:5.1}  wrong flagged {}/{}  other flagged {}",
            r.name, r.ours, r.grade, r.flagged.0, r.flagged.1, r.other
        );
    }
    let (ours, grades): (Vec<f32>, Vec<f32>) = rows.iter().map(|r| (r.ours, r.grade)).unzip();
    let rho = spearman(&grades, &ours);
    let mae = ours
        .iter()
        .zip(&grades)
        .map(|(a, b)| (a - b).abs())
        .sum::<f32>()
        / ours.len() as f32;
    let hit: usize = rows.iter().map(|r| r.flagged.0).sum();
    let total: usize = rows.iter().map(|r| r.flagged.1).sum();
    let solid_other: usize = rows
        .iter()
        .filter(|r| r.kind == "solid")
        .map(|r| r.other)
        .sum();
    let (solid, confident, medium) = (
        mean(&rows, "solid", |r| r.ours),
        mean(&rows, "confident", |r| r.ours),
        mean(&rows, "medium", |r| r.ours),
    );
    println!(
        "probe: Spearman {rho:.3}, MAE {mae:.1} over {} answers; wrong sentences flagged {hit}/{total}; \
         sentences flagged in the strong answers {solid_other}; mean score solid {solid:.1} (graded {:.1}), \
         confident {confident:.1} (graded {:.1}), medium {medium:.1} (graded {:.1})",
        rows.len(),
        mean(&rows, "solid", |r| r.grade),
        mean(&rows, "confident", |r| r.grade),
        mean(&rows, "medium", |r| r.grade),
    );
    let mut problems = Vec::new();
    if rho < FLOOR_RHO {
        problems.push(format!("Spearman {rho:.3} < {FLOOR_RHO}"));
    }
    if mae > CEILING_MAE {
        problems.push(format!("MAE {mae:.1} > {CEILING_MAE}"));
    }
    if (hit as f32) < FLOOR_FLAGGED * total as f32 {
        problems.push(format!("wrong sentences flagged {hit}/{total}"));
    }
    if solid_other > CEILING_SOLID_FLAGS {
        problems.push(format!(
            "{solid_other} sentences of the strong answers flagged"
        ));
    }
    if solid < confident + FLOOR_SOLID_OVER_CONFIDENT {
        problems.push(format!(
            "strong answers {solid:.1} not {FLOOR_SOLID_OVER_CONFIDENT} above confident ones {confident:.1}"
        ));
    }
    if solid < medium + 20.0 {
        problems.push(format!(
            "strong answers {solid:.1} not 20 above partial ones {medium:.1}"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// Measured when the set was committed: Spearman 0.714, MAE 13.4, 68/146
// wrong sentences flagged (before any content was widened: 0.645, 15.9,
// 43/146), one sentence of the strong answers flagged, strong answers 19.4
// points above the confident ones.
const FLOOR_RHO: f32 = 0.68;
const CEILING_MAE: f32 = 14.5;
const FLOOR_FLAGGED: f32 = 0.44;
const CEILING_SOLID_FLAGS: usize = 3;
const FLOOR_SOLID_OVER_CONFIDENT: f32 = 15.0;
