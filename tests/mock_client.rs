//! The client answers clarifying questions by meaning: paraphrases reach
//! the fact they ask for, near misses get the closest fact, and a question
//! no fact answers gets a reply that invites an assumption and never
//! claims the data does not exist.

#[path = "support/mock_fixture.rs"]
mod fixture;

use mlsd_coach::core::content::Content;
use mlsd_coach::core::mock::Client;

/// Wordings that are not the fact's `unlocked_by` phrases: synonyms,
/// inflections, other word orders, filler.
const FIXTURE_TABLE: &[(&str, &str)] = &[
    ("How many payments do you process a day?", "volume"),
    ("What's the transaction volume like?", "volume"),
    ("Roughly what traffic are we talking about?", "volume"),
    ("What scale are we operating at?", "volume"),
    ("How much does fraud cost you each year?", "cost"),
    ("What do we lose when a good customer gets blocked?", "cost"),
    ("What's the price of a wrongly blocked shopper?", "cost"),
    ("How long until a chargeback comes in?", "label-delay"),
    ("When do the labels show up?", "label-delay"),
    ("Is the ground truth delayed?", "label-delay"),
    (
        "How late do we learn about fraudulent payments?",
        "label-delay",
    ),
    (
        "What fraction of payments turn out to be fraudulent?",
        "fraud-rate",
    ),
    ("How common is fraud?", "fraud-rate"),
    ("What percentage of transactions are fraud?", "fraud-rate"),
];

/// Asks each question of a fresh client; returns the mismatches.
fn mismatches(content: &Content, scenario: &str, table: &[(&str, &str)]) -> Vec<String> {
    let s = content.scenario(scenario).expect("scenario");
    table
        .iter()
        .filter_map(|(q, want)| {
            let mut c = Client::new(s, &content.mock, 1);
            let r = c.ask(q).expect("a reply");
            (r.fact.as_deref() != Some(*want)).then(|| {
                format!(
                    "{scenario}: {q:?} → {:?} (want {want}): {}",
                    r.fact, r.reply
                )
            })
        })
        .collect()
}

#[test]
fn paraphrased_questions_reach_the_fact_they_ask_for() {
    let bad = mismatches(&fixture::content(), "fraud", FIXTURE_TABLE);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_question_no_fact_answers_gets_an_invitation_to_assume() {
    let content = fixture::content();
    let s = content.scenario("fraud").unwrap();
    for q in ["What's the team's favourite colour?", "Is it raining?"] {
        let mut c = Client::new(s, &content.mock, 3);
        let r = c.ask(q).unwrap();
        assert_eq!(r.fact, None, "{q}");
        assert!(
            content.mock.fallback_answers.contains(&r.reply),
            "{q}: {}",
            r.reply
        );
    }
}

#[test]
fn a_repeated_question_is_answered_again_but_revealed_once() {
    let content = fixture::content();
    let s = content.scenario("fraud").unwrap();
    let mut c = Client::new(s, &content.mock, 0);
    let first = c.ask("How many payments a day?").unwrap();
    let again = c.ask("and the payment volume?").unwrap();
    assert_eq!(first.fact.as_deref(), Some("volume"));
    assert!(first.new_fact);
    assert_eq!(again.fact.as_deref(), Some("volume"));
    assert!(!again.new_fact);
    assert_eq!(c.revealed(), ["volume"]);
}

/// The shipped fallback lines invite an assumption; none of them says the
/// client does not have, track or know the data (it may well be a fact).
#[test]
fn shipped_fallbacks_never_deny_data() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/content/mock.yaml");
    let profile: mlsd_coach::core::content::MockProfile =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let denials = [
        "don't track",
        "don't have",
        "not sure",
        "don't know",
        "no idea",
        "no data",
    ];
    for line in &profile.fallback_answers {
        let lower = line.to_lowercase().replace('’', "'");
        for d in denials {
            assert!(!lower.contains(d), "fallback {line:?} denies data ({d:?})");
        }
    }
}

#[test]
fn a_near_miss_is_answered_with_the_closest_fact() {
    let content = fixture::content();
    let s = content.scenario("fraud").unwrap();
    let mut c = Client::new(s, &content.mock, 0);
    let r = c.ask("Do customers complain?").unwrap();
    assert_eq!(r.fact.as_deref(), Some("cost"));
    assert!(r.near_miss);
    assert!(
        r.reply.starts_with("If you mean the cost: Fraud costs us"),
        "{}",
        r.reply
    );
    assert!(r.new_fact);
}

#[test]
fn a_question_the_brief_answers_gets_the_brief() {
    let content = fixture::content();
    let s = content.scenario("fraud").unwrap();
    let mut c = Client::new(s, &content.mock, 0);
    let r = c.ask("Tell me about the cards").unwrap();
    assert_eq!(r.fact, None);
    assert_eq!(
        r.reply,
        "As in the brief: A payments company loses money to card fraud."
    );
}

/// A question saved without a fact (the matcher of the day missed it)
/// still counts the fact it clearly asks for: the scorecard's "never asked
/// for" list does not list it.
#[test]
fn a_question_that_matches_a_fact_counts_it_as_asked() {
    use mlsd_coach::core::mock::fact_credit;
    use mlsd_coach::core::session::{Event, EventKind};
    let content = fixture::content();
    let s = content.scenario("fraud").unwrap();
    let asked = |q: &str, fact: Option<&str>| Event {
        at: 10,
        kind: EventKind::Asked {
            question: q.into(),
            fact: fact.map(String::from),
            reply: "What would you assume?".into(),
        },
    };
    let events = vec![
        asked("How many payments go through a day?", None),
        asked("What's the weather?", None),
        asked("chargebacks?", Some("label-delay")),
    ];
    let credit = fact_credit(&events, s).unwrap();
    assert_eq!(credit.asked, ["volume", "label-delay"]);
    let missed: Vec<&str> = credit.missed.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(missed, ["cost"]);
}
