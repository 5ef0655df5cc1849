//! For content authors: scores the blind-written answers under a fixtures
//! directory and prints, per answer, the score beside the interviewer's
//! grade, how many of its wrong sentences were flagged, and (with `-v`)
//! each wrong sentence missed and each flag raised.
//!
//! ```text
//! cargo run --release --example fixture_report -- tests/fixtures/blind [-v] [--content DIR] [--only confident]
//! ```
//!
//! `--content DIR` scores with a pack on disk instead of the embedded one,
//! so a pattern can be tried without a rebuild.

#[path = "../tests/support/devset.rs"]
mod devset;

use devset::{answers_under, dirs_under, mae, score, spearman};
use mlsd_coach::core::content::{load_dir, load_embedded};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut root, mut content_dir, mut only, mut verbose) = (None, None, String::new(), false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-v" => verbose = true,
            "--content" => content_dir = args.next().map(PathBuf::from),
            "--only" => only = args.next().unwrap_or_default(),
            _ => root = Some(PathBuf::from(a)),
        }
    }
    let Some(root) = root else {
        eprintln!("usage: fixture_report FIXTURES_DIR [-v] [--content DIR] [--only NAME]");
        std::process::exit(2);
    };
    let content = match content_dir {
        Some(d) => load_dir(&d).unwrap_or_else(|errors| {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1)
        }),
        None => load_embedded(),
    };
    let (mut ours, mut grades) = (Vec::new(), Vec::new());
    let (mut caught, mut wrong_total, mut extra_total) = (0, 0, 0);
    for sc in dirs_under(&root) {
        let Some(s) = content.scenario(&sc) else {
            continue;
        };
        for a in answers_under(&root, &sc) {
            if !a.file.contains(&only) {
                continue;
            }
            let r = score(&content, s, &a.body);
            let wrong = &a.front.wrong;
            let n_hit = wrong.iter().filter(|w| r.is_flagged(w)).count();
            let extra = r.other_flagged(wrong);
            caught += n_hit;
            wrong_total += wrong.len();
            extra_total += extra;
            let grade = a.front.grade.unwrap_or(f32::NAN);
            if !grade.is_nan() {
                ours.push(r.card.overall);
                grades.push(grade);
            }
            println!(
                "{sc:28} {:16} ours {:5.1} grade {grade:5.1}  wrong flagged {n_hit}/{}  other flagged sentences {extra}",
                a.file,
                r.card.overall,
                wrong.len()
            );
            if verbose {
                for raw in wrong {
                    if !r.is_flagged(raw) {
                        println!("    missed: {raw}");
                    }
                }
                for f in &r.card.flags {
                    let quote: String = f.quote.chars().take(150).collect();
                    println!("    flag {}: {quote}", f.id);
                }
            }
        }
    }
    let mae = mae(&ours, &grades);
    println!(
        "{} graded answers: Spearman {:.3}, MAE {mae:.1}; wrong sentences flagged {caught}/{wrong_total}; other sentences flagged {extra_total}",
        ours.len(),
        spearman(&ours, &grades)
    );
}
