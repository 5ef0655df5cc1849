mod scoring_support;
use mlsd_coach::core::scoring::*;
use scoring_support::*;

#[test]
#[ignore]
fn debug_print() {
    let r = rubric();
    let s = Scorer::new(&r, None);
    let name = std::env::var("FIX").unwrap_or("fraud-strong.md".into());
    let text = fixture(&name);
    let owned = answers(&text);
    let inputs: Vec<AnswerInput<'_>> = owned
        .iter()
        .map(|(q, t)| AnswerInput {
            question: q,
            text: t,
        })
        .collect();
    for rep in s.explain(&inputs) {
        println!(
            "{:?} {:?} -{:?} | {}",
            rep.verdict, rep.concepts, rep.declined, rep.text
        );
    }
    let card = s.score(&inputs);
    println!("{}", summary(&card));
    for c in &card.criteria {
        if c.status != Status::Covered {
            println!("  {} {:?} missing {:?}", c.id, c.status, c.missing_concepts);
        }
    }
}
