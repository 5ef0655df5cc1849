//! Probe sets written and graded blind to the scorer and its content, from
//! each scenario's brief alone (`tests/fixtures/probe{,2,…,12}/<scenario>/`),
//! each answer with the interviewer's grade and its wrong sentences
//! verbatim.
//!
//! - `probe`, `probe2`, `probe3`: for every scenario a strong answer
//!   (`solid.md`, no mistakes), a polished answer with four to six
//!   confident mistakes (`confident.md`) and a partial answer with one or
//!   two (`medium.md`).
//! - `probe4`, styles of real candidates: a live transcript (`spoken.md`)
//!   and terse notes (`notes.md`), each strong, average or weak by
//!   scenario, and a generic framework recited with the prompt's nouns
//!   sprinkled in (`checklist.md`).
//! - `probe5`: a framework recited in the first person with generic
//!   reasons ("because data quality is important", `recital.md`), a strong
//!   answer in bullets from the prompt alone, without the facts
//!   (`bullets.md`), and an ordinary candidate's mixed answer (`real.md`).
//! - `probe6`, in mixed styles: strong (`strong.md`), a standard template
//!   walked through with the prompt's entities (`template.md`), polished
//!   with three to five confident mistakes (`flawed.md`) and an ordinary
//!   partial answer (`partial.md`).
//! - `probe7`: a senior answer, a mid-level one, a fluent one framed wrongly
//!   or optimising the wrong thing (`misframed.md`) and one that names the
//!   right topics but decides nothing (`deferring.md`).
//! - `probe8`: strong, a good answer with one or two confident slips
//!   (`slip.md`), misframed, and a short correct answer that ran out of
//!   time (`thin.md`).
//! - `probe9`: strong, good, flawed, short and vague, read once after the
//!   changes made on probe7 and probe8.
//! - `probe10`: strong, flawed and mixed, read once after the scenario
//!   flags were widened against probe7-9.
//! - `probe11`: strong, flawed, good, and a framework recited step by step
//!   with the prompt's nouns dropped in (`recital.md`), read once before and
//!   once after a round of widening it took no part in.
//! - `probe12`: the same four kinds, written afresh and read once, at the
//!   end of the work that used probe11.
//!
//! Each was read once out of sample before it was used: `probe` before the
//! content was widened against the older blind sets, `probe2` after, and
//! `probe3` after two rounds of widening against `probe` and `probe2`;
//! `probe4` found recited frameworks scoring twice their grade, and
//! `probe5` was written to check the remedy (and rejected a first one);
//! `probe6` was read once after it, and nothing was tuned on it.
//! The floors hold what is achieved now so it only improves.
//! `-- --nocapture` prints every figure.

#[path = "support/devset.rs"]
mod devset;

use devset::{answers_under, dirs_under, fixtures, mae, score, spearman};
use mlsd_coach::core::content::load_embedded;

struct Row {
    name: String,
    /// The answer's kind, or its level where the set has levels.
    group: String,
    ours: f32,
    grade: f32,
    /// Wrong sentences flagged, of how many.
    flagged: (usize, usize),
    /// Sentences flagged that the interviewer did not mark wrong.
    other: usize,
}

fn run(set: &str) -> Vec<Row> {
    let content = load_embedded();
    let root = fixtures(set);
    let dirs = dirs_under(&root);
    assert_eq!(dirs.len(), 21, "one directory per shipped scenario");
    let mut rows = Vec::new();
    for sc in &dirs {
        let s = content.scenario(sc).expect("a shipped scenario");
        for a in answers_under(&root, sc) {
            let r = score(&content, s, &a.body);
            let wrong = &a.front.wrong;
            let hit = wrong.iter().filter(|w| r.is_flagged(w)).count();
            let other = r.other_flagged(wrong);
            rows.push(Row {
                name: format!("{sc}/{}", a.file),
                group: a
                    .front
                    .level
                    .clone()
                    .unwrap_or_else(|| a.front.kind.clone()),
                ours: r.card.overall,
                grade: a.front.grade.expect("graded"),
                flagged: (hit, wrong.len()),
                other,
            });
        }
    }
    rows
}

fn mean(rows: &[Row], group: &str, f: impl Fn(&Row) -> f32) -> f32 {
    let v: Vec<f32> = rows.iter().filter(|r| r.group == group).map(f).collect();
    assert!(!v.is_empty(), "no answers of group {group}");
    v.iter().sum::<f32>() / v.len() as f32
}

/// The floors a probe set is held to.
struct Floors {
    rho: f32,
    mae: f32,
    flagged: f32,
    /// The group with no mistakes, and how many of its sentences may be
    /// flagged.
    strong: &'static str,
    strong_flags: usize,
    /// Each (higher, lower, margin): the higher group's mean score is at
    /// least `margin` above the lower one's.
    order: &'static [(&'static str, &'static str, f32)],
}

fn check(set: &str, f: Floors) {
    let rows = run(set);
    for r in &rows {
        println!(
            "{:40} ours {:5.1} grade {:5.1}  wrong flagged {}/{}  other flagged {}",
            r.name, r.ours, r.grade, r.flagged.0, r.flagged.1, r.other
        );
    }
    let (ours, grades): (Vec<f32>, Vec<f32>) = rows.iter().map(|r| (r.ours, r.grade)).unzip();
    let rho = spearman(&grades, &ours);
    let mae = mae(&ours, &grades);
    let hit: usize = rows.iter().map(|r| r.flagged.0).sum();
    let total: usize = rows.iter().map(|r| r.flagged.1).sum();
    let strong_other: usize = rows
        .iter()
        .filter(|r| r.group == f.strong)
        .map(|r| r.other)
        .sum();
    let mut groups: Vec<&str> = rows.iter().map(|r| r.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let means: Vec<String> = groups
        .iter()
        .map(|g| {
            format!(
                "{g} {:.1} (graded {:.1})",
                mean(&rows, g, |r| r.ours),
                mean(&rows, g, |r| r.grade)
            )
        })
        .collect();
    println!(
        "{set}: Spearman {rho:.3}, MAE {mae:.1} over {} answers; wrong sentences flagged {hit}/{total}; \
         sentences flagged in the {} answers {strong_other}; mean scores: {}",
        rows.len(),
        f.strong,
        means.join(", ")
    );
    let mut problems = Vec::new();
    if rho < f.rho {
        problems.push(format!("Spearman {rho:.3} < {}", f.rho));
    }
    if mae > f.mae {
        problems.push(format!("MAE {mae:.1} > {}", f.mae));
    }
    if (hit as f32) < f.flagged * total as f32 {
        problems.push(format!("wrong sentences flagged {hit}/{total}"));
    }
    if strong_other > f.strong_flags {
        problems.push(format!(
            "{strong_other} sentences of the {} answers flagged",
            f.strong
        ));
    }
    for &(hi, lo, margin) in f.order {
        let (h, l) = (mean(&rows, hi, |r| r.ours), mean(&rows, lo, |r| r.ours));
        if h < l + margin {
            problems.push(format!(
                "{hi} answers {h:.1} not {margin} above {lo} ones {l:.1}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{set}: {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// Out-of-sample readings, each taken once before the set was used
// (Spearman, MAE, wrong sentences flagged):
// - probe: 0.645, 15.9, 43/146 with the content as it was;
// - probe2: 0.630, 15.5, 39/149 with that content, 0.621, 14.4, 54/149
//   after the first widening;
// - probe3: 0.680, 15.5, 33/146 with that content, 0.729, 14.0, 51/146
//   after both widenings (its only reading: it was not used to widen).
// Now: probe 0.741, 9.1, 112/146; probe2 0.742, 8.9, 109/149 (in sample).
#[test]
fn first_probe_set_holds_the_floor() {
    check(
        "probe",
        Floors {
            rho: 0.71,
            mae: 10.0,
            flagged: 0.72,
            strong: "solid",
            strong_flags: 3,
            order: &[("solid", "confident", 25.0), ("solid", "medium", 20.0)],
        },
    );
}

#[test]
fn second_probe_set_holds_the_floor() {
    check(
        "probe2",
        Floors {
            rho: 0.71,
            mae: 10.0,
            flagged: 0.69,
            strong: "solid",
            strong_flags: 4,
            order: &[("solid", "confident", 25.0), ("solid", "medium", 20.0)],
        },
    );
}

#[test]
fn third_probe_set_holds_the_floor() {
    check(
        "probe3",
        Floors {
            rho: 0.70,
            mae: 14.5,
            flagged: 0.37,
            strong: "solid",
            strong_flags: 5,
            order: &[("solid", "confident", 11.0), ("solid", "medium", 20.0)],
        },
    );
}

// Out-of-sample readings of the style sets (Spearman, MAE, wrong sentences
// flagged; mean score against the interviewer's for the recited answers):
// - probe4: 0.752, 17.4, 52/95; checklists 56 (graded 26);
// - probe5, with answers that keep under a sixth of their points generic
//   as they were: 0.694, 16.1, 46/76; recitals 55 (27). A first remedy,
//   charging answers whose points give no reason, raised nothing there
//   (the recitals give generic reasons) and cost the strong bullets.
// Now, with a score kept in proportion to the points that name nothing
// of the prompt: probe4 0.839, 13.2, checklists 31; probe5 0.808, 12.6,
// recitals 37 (in sample for the one constant chosen on both).
#[test]
fn styles_of_real_candidates_hold_the_floor() {
    check(
        "probe4",
        Floors {
            rho: 0.8,
            mae: 14.0,
            flagged: 0.85,
            strong: "strong",
            strong_flags: 4,
            order: &[
                ("strong", "average", 12.0),
                ("average", "weak", 25.0),
                ("strong", "generic", 35.0),
                ("average", "generic", 15.0),
            ],
        },
    );
}

#[test]
fn recited_frameworks_stay_below_strong_bullets() {
    check(
        "probe5",
        Floors {
            rho: 0.77,
            mae: 13.5,
            flagged: 0.9,
            strong: "bullets",
            strong_flags: 2,
            order: &[("bullets", "recital", 30.0), ("real", "recital", 10.0)],
        },
    );
}

// probe6, its only reading (Spearman, MAE, wrong sentences flagged; mean
// scores against the interviewer's): with the scorer before the style
// sets, 0.546, 15.9, 61/123, templates 51 (graded 30), flawed 66 (46),
// partial 48 (51), strong 83 (89); with the score kept in proportion to
// the points that name nothing of the prompt, 0.632, 14.8, templates 29.
// What was left was the confident mistakes: half of them raised no flag.
// The scenario flags were then widened against probe4-6 (in sample since):
// probe4 88/95, probe5 72/76, probe6 0.665, 13.2, 104/123 (flawed 56);
// probe3, kept out of that round, moved from 52/146 to 57/146 and 0.730
// to 0.743: the out-of-sample share of the gain.
#[test]
fn mixed_styles_hold_the_floor() {
    check(
        "probe6",
        Floors {
            rho: 0.64,
            mae: 14.0,
            flagged: 0.8,
            strong: "strong",
            strong_flags: 4,
            order: &[
                ("strong", "flawed", 12.0),
                ("strong", "partial", 30.0),
                ("strong", "template", 45.0),
            ],
        },
    );
}

// probe7 (senior, mid, misframed: framed wrongly or optimising the wrong
// thing, deferring: the right topics, nothing decided) and probe8 (strong,
// slip: one or two confident mistakes, misframed, thin: a short correct
// answer that ran out of time), first readings before anything was tuned
// on them (Spearman, MAE, wrong sentences flagged; mean scores against the
// interviewer's):
// - probe7: 0.905, 13.3, 44/83; deferring 4 (graded 27), misframed 52
//   (43), senior 81 (89), mid 67 (65);
// - probe8: 0.777, 14.0, 54/119; thin 56 (30), misframed 56 (41), slip
//   73 (67), strong 81 (88).
// Then: a score kept in proportion to the points an answer makes, up to
// the rubric's `full_answer_points`; a noncommittal answer keeping at least
// 40% (was 25%); a veto in the reason given for a claim no longer excusing
// it; a few general flags widened.
#[test]
fn wrong_framings_and_deferrals_hold_the_floor() {
    check(
        "probe7",
        Floors {
            rho: 0.88,
            mae: 12.5,
            flagged: 0.55,
            strong: "senior",
            strong_flags: 4,
            order: &[
                ("senior", "mid", 10.0),
                ("mid", "misframed", 10.0),
                ("misframed", "deferring", 25.0),
            ],
        },
    );
}

#[test]
fn thin_answers_and_slips_hold_the_floor() {
    check(
        "probe8",
        Floors {
            rho: 0.82,
            mae: 12.5,
            flagged: 0.45,
            strong: "strong",
            strong_flags: 4,
            order: &[
                ("strong", "slip", 5.0),
                ("slip", "misframed", 12.0),
                ("strong", "thin", 30.0),
            ],
        },
    );
}

// probe9 (strong, good, flawed: two to four confident mistakes, short: a
// correct answer that ran out of time, vague: standard steps with the
// prompt's nouns and some hedging) was written after all of the above and
// read once, nothing tuned on it: with the scorer before probe7 and probe8,
// 0.845, 14.9, 37/80 (short 58 against a grade of 35, vague 11 against 27,
// flawed 66 against 46); with it, 0.863, 12.8, 38/80 (short 47, vague 16,
// flawed 65). Half the confident mistakes still raise no flag. Vetoes
// were then added for five correct sentences of its strong answers that
// drew a flag (12 sentences flagged there, now 6).
#[test]
fn answers_written_after_the_rules_hold_the_floor() {
    check(
        "probe9",
        Floors {
            rho: 0.84,
            mae: 13.5,
            flagged: 0.45,
            strong: "strong",
            strong_flags: 6,
            order: &[
                ("strong", "good", 4.0),
                ("strong", "flawed", 12.0),
                ("good", "short", 20.0),
                ("short", "vague", 20.0),
                ("flawed", "vague", 30.0),
            ],
        },
    );
}

// probe10 (strong, flawed: two to four confident mistakes, mixed: an
// ordinary candidate with one or two) was written after all of the above
// and read once: with the scorer at the start of that work 0.687, 11.8,
// 41/100; before the last round of scenario flags 0.685, 11.7, 44/100;
// after it (widened against probe7-9 misses, probe10 unseen) 0.680, 11.3,
// 48/100. Flawed answers still score 62 against 48.
#[test]
fn strong_flawed_and_mixed_hold_the_floor() {
    check(
        "probe10",
        Floors {
            rho: 0.64,
            mae: 12.5,
            flagged: 0.42,
            strong: "strong",
            strong_flags: 8,
            order: &[("strong", "flawed", 14.0), ("strong", "mixed", 20.0)],
        },
    );
}

// probe11 (strong, flawed, good, recital) was written after all of the
// above and read twice before anything was tuned on it: 0.757, 12.8, 43/83
// at the start of that work; 0.755, 12.6, 46/83 after a round of flags
// widened against probe7-10. Recited frameworks score 43 against 30: the
// ones that earn most name the prompt's key points in its own nouns
// ("low latency, high availability, freshness") without deciding anything.
// Then widened against it: 0.801, 10.4, 76/83 (in sample).
#[test]
fn recited_frameworks_and_confident_mistakes_hold_the_floor() {
    check(
        "probe11",
        Floors {
            rho: 0.76,
            mae: 11.5,
            flagged: 0.85,
            strong: "strong",
            strong_flags: 10,
            order: &[
                ("strong", "good", 6.0),
                ("strong", "flawed", 14.0),
                ("good", "recital", 20.0),
                ("strong", "recital", 30.0),
            ],
        },
    );
}

// probe12 (the same four kinds as probe11, other candidates) was written
// while probe11 was used to widen the flags, and read once at the end of
// that work: 0.721, 11.9, 44/77. With the scorer and content as they were
// before any of it, the same set reads 0.722, 12.0, 43/77: a round of
// scenario flags widened against probe7-11 (probe11: 46 -> 76 of 83
// flagged) caught one more of a new set's mistakes. Most of the misses are
// mistakes an existing flag is about, worded in a way its patterns miss.
#[test]
fn a_fresh_set_of_the_same_kinds_holds_the_floor() {
    check(
        "probe12",
        Floors {
            rho: 0.68,
            mae: 13.0,
            flagged: 0.52,
            strong: "strong",
            strong_flags: 10,
            order: &[
                ("strong", "good", 4.0),
                ("strong", "flawed", 12.0),
                ("good", "recital", 20.0),
                ("strong", "recital", 30.0),
            ],
        },
    );
}
