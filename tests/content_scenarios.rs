//! Quality bar for every shipped scenario, judged by the scoring engine:
//! its exemplar is a strong answer in the top band that covers every key
//! point and raises no red flag, and every example sentence it shows earns
//! what it illustrates (see `scoring::check_examples`).

use mlsd_coach::core::content::{Content, load_embedded};
use mlsd_coach::core::scoring::{AnswerInput, Scorer, Status, check_examples};

fn content() -> Content {
    load_embedded()
}

#[test]
fn exemplars_land_in_the_top_band_cover_every_key_point_and_raise_no_flag() {
    let c = content();
    let top = c
        .rubric
        .scoring
        .bands
        .first()
        .map(|b| b.min)
        .unwrap_or(80.0);
    let mut problems = Vec::new();
    for s in &c.scenarios {
        let words = s.exemplar.split_whitespace().count();
        if !(600..=900).contains(&words) {
            problems.push(format!(
                "{}: exemplar has {words} words (want 600–900)",
                s.id
            ));
        }
        let card = Scorer::new(&c, Some(s)).score(&[AnswerInput {
            question: "answer",
            text: &s.exemplar,
        }]);
        if card.overall < top {
            problems.push(format!(
                "{}: exemplar scores {:.1}, below the top band ({top})",
                s.id, card.overall
            ));
        }
        for f in &card.flags {
            problems.push(format!("{}: exemplar raises `{}`: {}", s.id, f.id, f.quote));
        }
        for k in card
            .key_points
            .iter()
            .filter(|k| k.status != Status::Covered)
        {
            problems.push(format!(
                "{}: exemplar leaves key point `{}` {}",
                s.id,
                k.id,
                k.status.as_str()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn example_sentences_earn_what_they_illustrate() {
    let c = content();
    let problems: Vec<String> = check_examples(&c)
        .into_iter()
        .map(|p| format!("{}: {}: {}", p.scenario, p.path, p.message))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_example_check_is_not_vacuous() {
    let mut c = content();
    let s = &mut c.scenarios[0];
    if let Some(k) = s.key_points.first_mut() {
        k.example = "The weather was pleasant and the meeting ran long.".into();
    }
    let first = s.id.clone();
    let problems = check_examples(&c);
    assert!(
        problems
            .iter()
            .any(|p| p.scenario == first && p.path == "key_points[0].example"),
        "{problems:?}"
    );
}
