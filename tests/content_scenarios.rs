//! Quality bar for the five model scenarios, judged by the scoring engine:
//! each exemplar reads as a strong answer, and natural clarifying questions
//! reveal the key facts.

use mlsd_coach::core::content::{Content, load_embedded};
use mlsd_coach::core::scoring::{AnswerInput, PhraseSet, Status, score};

const MINE: [&str; 5] = [
    "fraud-detection",
    "feed-ranking",
    "search-ranking",
    "ads-ctr",
    "harmful-content",
];

fn content() -> Content {
    load_embedded()
}

#[test]
fn exemplars_score_as_strong_answers() {
    let c = content();
    let mut problems = Vec::new();
    for id in MINE {
        let s = c.scenario(id).unwrap_or_else(|| panic!("{id} missing"));
        let text: String = s
            .exemplar
            .iter()
            .flat_map(|x| x.points.iter())
            .map(|p| format!("{p}\n"))
            .collect();
        let card = score(
            &c.rubric,
            Some(s),
            &[AnswerInput {
                question: "answer",
                text: &text,
            }],
        );
        if card.overall < 70.0 {
            problems.push(format!("{id}: exemplar scores {:.1}", card.overall));
        }
        let wanted = s
            .emphasis
            .iter()
            .map(|e| e.criterion.as_str())
            .chain(s.criteria.iter().map(|k| k.id.as_str()));
        for crit in wanted {
            let st = card.criterion(crit).map(|k| k.status);
            if st.is_none_or(|st| st == Status::Missing) {
                problems.push(format!("{id}: exemplar misses `{crit}`"));
            }
        }
        let empty = score(&c.rubric, Some(s), &[]);
        assert!(empty.overall < card.overall);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A natural clarifying question for every key fact of the five scenarios.
const QUESTIONS: &[(&str, &str, &str)] = &[
    (
        "fraud-detection",
        "fraud-rate",
        "What fraction of transactions are fraudulent?",
    ),
    (
        "fraud-detection",
        "chargeback-delay",
        "How do we know a transaction was fraud, and when?",
    ),
    (
        "fraud-detection",
        "decision-latency",
        "How fast does the decision need to be?",
    ),
    (
        "fraud-detection",
        "error-costs",
        "What does a missed fraud cost compared with declining a good customer?",
    ),
    (
        "fraud-detection",
        "review-capacity",
        "How many cases can the analysts review per day?",
    ),
    (
        "fraud-detection",
        "regulation",
        "Are there any regulations or privacy rules we must follow?",
    ),
    (
        "fraud-detection",
        "success-target",
        "What would success look like for you?",
    ),
    (
        "feed-ranking",
        "scale",
        "How many daily active users and candidate posts are there?",
    ),
    (
        "feed-ranking",
        "latency",
        "What is the latency budget for ranking?",
    ),
    ("feed-ranking", "goal", "What is the goal of the new feed?"),
    (
        "feed-ranking",
        "signals",
        "What data do you log about how people interact with posts?",
    ),
    (
        "feed-ranking",
        "integrity",
        "Have there been side effects such as clickbait or harmful content?",
    ),
    (
        "search-ranking",
        "scale",
        "How many products and searches do you have?",
    ),
    (
        "search-ranking",
        "latency",
        "How fast must results come back?",
    ),
    (
        "search-ranking",
        "goal",
        "What is the business goal for search?",
    ),
    (
        "search-ranking",
        "logs",
        "What data is logged, and do you have relevance labels?",
    ),
    (
        "search-ranking",
        "position-bias",
        "How much does position affect whether people click?",
    ),
    (
        "search-ranking",
        "regulation",
        "Are there legal or transparency requirements for sellers?",
    ),
    (
        "ads-ctr",
        "scale",
        "How much traffic do you serve, in requests per second?",
    ),
    (
        "ads-ctr",
        "latency",
        "What's the time budget for scoring ads?",
    ),
    (
        "ads-ctr",
        "base-rate",
        "What is the typical click through rate?",
    ),
    (
        "ads-ctr",
        "pricing",
        "How is the prediction used in the auction?",
    ),
    (
        "ads-ctr",
        "consent",
        "What about privacy and tracking consent?",
    ),
    (
        "harmful-content",
        "volume",
        "How many posts a day, and is it images or text?",
    ),
    (
        "harmful-content",
        "prevalence",
        "How common are harmful posts?",
    ),
    (
        "harmful-content",
        "moderators",
        "How many moderators review content?",
    ),
    (
        "harmful-content",
        "labels",
        "How are labels made, and how good is the agreement?",
    ),
    (
        "harmful-content",
        "regulation",
        "What are the legal requirements around removals and appeals?",
    ),
    (
        "harmful-content",
        "error-costs",
        "Which mistake is worse, a wrong removal or a missed post?",
    ),
];

#[test]
fn natural_questions_reveal_every_key_fact() {
    let c = content();
    let mut problems = Vec::new();
    for id in MINE {
        let s = c.scenario(id).unwrap();
        for f in s.facts.iter().filter(|f| f.key) {
            let asked: Vec<&str> = QUESTIONS
                .iter()
                .filter(|(sid, fid, _)| *sid == id && *fid == f.id)
                .map(|(_, _, q)| *q)
                .collect();
            if asked.is_empty() {
                problems.push(format!("{id}/{}: no natural question listed", f.id));
            }
            let set = PhraseSet::new(&f.unlocked_by);
            for q in asked {
                if set.count_matches(q) == 0 {
                    problems.push(format!("{id}/{}: not revealed by {q:?}", f.id));
                }
            }
        }
    }
    // The check is not vacuous: an unrelated question reveals nothing.
    let s = c.scenario("fraud-detection").unwrap();
    let f = s.facts.iter().find(|f| f.id == "fraud-rate").unwrap();
    assert_eq!(
        PhraseSet::new(&f.unlocked_by).count_matches("What colour is the logo?"),
        0
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
