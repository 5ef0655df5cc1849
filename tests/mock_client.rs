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
    let r = c.ask("What does a blocked customer mean for us?").unwrap();
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
    let r = c.ask("Do merchants complain at checkout?").unwrap();
    assert_eq!(r.fact, None);
    assert_eq!(
        r.reply,
        "As in the brief: Chargebacks keep rising and merchants complain when good customers are blocked at checkout."
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

/// Paraphrases for the shipped scenarios: (scenario, [(question, fact)]).
/// None of them is one of the fact's `unlocked_by` phrases as written.
const SHIPPED: &[(&str, &[(&str, &str)])] = &[
    (
        "fraud-detection",
        &[
            ("What share of transactions are fraudulent?", "fraud-rate"),
            (
                "How long until we learn that a payment was fraud?",
                "chargeback-delay",
            ),
            ("How frequent is fraud among card payments?", "fraud-rate"),
            (
                "Roughly how many payments do you process each day?",
                "volume",
            ),
            ("What's the peak load per second?", "volume"),
            (
                "How quickly must we decide on a payment?",
                "decision-latency",
            ),
            (
                "What does a missed fraudulent payment cost us?",
                "error-costs",
            ),
            (
                "How many flagged cases can the analysts look at daily?",
                "review-capacity",
            ),
            (
                "Can we challenge a customer instead of declining them?",
                "step-up",
            ),
            (
                "Do fraudsters change their tactics after we block them?",
                "adaptive-fraudsters",
            ),
            ("What rules are running at the moment?", "current-rules"),
            ("Are there laws we have to comply with?", "regulation"),
        ],
    ),
    (
        "ads-ctr",
        &[
            ("How many ad requests do we serve per day?", "scale"),
            (
                "How much time does the model get to score candidates?",
                "latency",
            ),
            ("What proportion of impressions get clicked?", "base-rate"),
            (
                "How are the predicted probabilities used in the auction?",
                "pricing",
            ),
            ("What logs and features do we keep?", "data"),
            ("How many users refuse tracking cookies?", "consent"),
            (
                "How soon after an impression do clicks come in?",
                "label-timing",
            ),
            (
                "How many new ads appear, and how long do campaigns run?",
                "new-ads",
            ),
            ("What model runs in production today?", "current-model"),
            ("How much do advertisers spend with us per day?", "revenue"),
        ],
    ),
    (
        "demand-forecasting",
        &[
            (
                "How many stores and products are we forecasting for?",
                "scale",
            ),
            ("By what time do the orders have to be ready?", "timing"),
            ("How many years of sales history do we have?", "history"),
            (
                "What happens to sales when a shelf runs empty?",
                "censored-demand",
            ),
            (
                "Do most products sell only a few units a day?",
                "intermittent",
            ),
            ("How much of the sales happen on promotion?", "promotions"),
            (
                "Which is worse, throwing food away or missing a sale?",
                "costs",
            ),
            ("Does the weather affect what people buy?", "external"),
            ("What waste and availability targets do we have?", "success"),
            (
                "How often do store managers change the suggested order?",
                "managers",
            ),
            (
                "How many new products are launched each year?",
                "new-products",
            ),
        ],
    ),
    (
        "document-understanding",
        &[
            ("How many invoices come in each month?", "volume"),
            (
                "How big is the team that types invoices in today?",
                "keying-team",
            ),
            ("Do we have annotated training examples?", "labels"),
            (
                "Are the documents scanned, photographed or digital?",
                "input-quality",
            ),
            (
                "What happens if we extract the wrong bank account?",
                "error-cost",
            ),
            (
                "What share of invoices should go through without a human?",
                "success",
            ),
            ("Can we send invoices to an external API?", "privacy"),
            (
                "What GPUs do we have and what's the budget per document?",
                "infra-cost",
            ),
            ("How many lines can one invoice have?", "line-items"),
            (
                "Are corrections by the data-entry team logged?",
                "corrections",
            ),
        ],
    ),
    (
        "eta-prediction",
        &[
            ("How many orders do we get per week?", "volume"),
            (
                "How many ETA calls does the restaurant list make?",
                "eta-requests",
            ),
            (
                "How far off is the current delivery estimate?",
                "current-error",
            ),
            ("Is it worse to arrive late or early?", "asymmetric-cost"),
            ("What is the average order worth to us?", "order-economics"),
            (
                "Which timestamps do we record for an order?",
                "order-lifecycle",
            ),
            (
                "How often do courier phones report their location?",
                "courier-gps",
            ),
            (
                "How quickly must the checkout estimate come back?",
                "latency",
            ),
            ("Does rain slow deliveries down?", "dynamics"),
            ("Where in the app do customers see the estimate?", "updates"),
            ("How often do we launch in a new city?", "new-cities"),
            (
                "How long may we keep courier GPS traces?",
                "courier-privacy",
            ),
        ],
    ),
    (
        "feed-ranking",
        &[
            ("How many people use the app every day?", "scale"),
            ("How much time does ranking get per request?", "latency"),
            ("What metric does leadership care about?", "goal"),
            (
                "Which interactions do we log for each impression?",
                "signals",
            ),
            (
                "Does the top slot get more likes just for being first?",
                "position-bias",
            ),
            ("How often do users hide posts?", "negative-feedback"),
            (
                "How many users joined recently and follow few accounts?",
                "new-users",
            ),
            ("Could ranking on comments boost outrage bait?", "integrity"),
            (
                "Do small creators get their share of impressions?",
                "creators",
            ),
            ("How many users can one A/B test include?", "experiments"),
            (
                "Can we use posts from private groups for training?",
                "privacy",
            ),
        ],
    ),
    (
        "medical-imaging-triage",
        &[
            ("How many chest X-rays are taken per day?", "volume"),
            (
                "Which findings count as critical, and how common are they?",
                "urgent-findings",
            ),
            ("Do we have labelled images, or only reports?", "labels"),
            (
                "What does a missed pneumothorax cost compared to a false flag?",
                "error-costs",
            ),
            (
                "What sensitivity does the safety officer expect?",
                "success",
            ),
            ("Is this a regulated medical device?", "regulation"),
            ("Is patient data allowed to leave NHS systems?", "privacy"),
            ("Which X-ray machines and vendors are in use?", "equipment"),
            (
                "How quickly must a flag appear in the radiologists' worklist?",
                "workflow",
            ),
            ("Are children's films part of the volume?", "population"),
        ],
    ),
    (
        "people-you-may-know",
        &[
            (
                "How many members and connections does the network have?",
                "scale",
            ),
            ("What counts as a successful suggestion?", "success"),
            ("What share of suggestions lead to an invitation?", "funnel"),
            ("How many people sign up each week?", "cold-start"),
            (
                "Have suggestions from address books caused complaints?",
                "privacy",
            ),
            ("How fast must the module load on the home page?", "latency"),
            ("What profile information can we use?", "signals"),
            ("Do recruiters send too many invitations?", "spam"),
            ("What tooling do we have for offline graph jobs?", "infra"),
            ("Can we A/B test by randomising members?", "experiments"),
        ],
    ),
    (
        "product-search-marketplace",
        &[
            ("How many searches happen per day?", "scale"),
            ("How long can the ranking step take?", "latency"),
            ("What is the business goal for search?", "success"),
            ("What do we log about searches and purchases?", "logs"),
            (
                "Do listings at the top of the grid get more clicks?",
                "position-bias",
            ),
            ("How messy are the listing titles?", "listing-quality"),
            ("Which languages are queries written in?", "multilingual"),
            (
                "What share of traffic comes from the most popular queries?",
                "query-mix",
            ),
            (
                "Do new sellers without reviews get seen?",
                "seller-fairness",
            ),
            ("How many counterfeit listings get removed?", "counterfeits"),
            (
                "Does the Digital Services Act apply to our ranking?",
                "regulation",
            ),
        ],
    ),
    (
        "spam-email",
        &[
            ("How many messages arrive each day?", "volume"),
            ("What fraction of filtered mail is spam?", "base-rate"),
            (
                "Is it worse to put a real email in the spam folder?",
                "error-costs",
            ),
            ("How often do users click the report spam button?", "labels"),
            ("How fast do spammers change their tricks?", "adversaries"),
            (
                "How many milliseconds can classification take per message?",
                "latency",
            ),
            ("May reviewers read users' emails?", "privacy"),
            ("Which sender reputation signals do we have?", "signals"),
            ("Which languages do our users write in?", "languages"),
            (
                "How well does the naive Bayes filter work today?",
                "current-system",
            ),
        ],
    ),
    (
        "speech-recognition",
        &[
            ("How many voice requests do drivers make per day?", "usage"),
            (
                "What word error rate does the current engine get?",
                "current-quality",
            ),
            ("How quickly must the response start?", "latency"),
            ("What chip and memory does the head unit have?", "hardware"),
            ("How many hours of recordings do we keep?", "audio-data"),
            (
                "How much does it cost to transcribe an hour of audio?",
                "transcription-cost",
            ),
            ("Can we store passengers' voices?", "privacy"),
            (
                "Which drivers complain most about being misunderstood?",
                "accents",
            ),
            ("How many microphones are in a car?", "noise"),
            ("How many requests are repeated or abandoned?", "success"),
            ("How often does the wake word fire by mistake?", "wake-word"),
        ],
    ),
    (
        "video-recommendation",
        &[
            ("How many users open the home screen each day?", "scale"),
            ("How much time does the recommendation call get?", "latency"),
            (
                "Which events do we log when people watch?",
                "interaction-logs",
            ),
            (
                "Is watch time the metric leadership cares about?",
                "objective",
            ),
            ("How many videos are uploaded per day?", "cold-start"),
            ("What share of tiles shown get a click?", "labels"),
            (
                "What do we know about each video's content?",
                "content-metadata",
            ),
            (
                "How much borderline content do uploads contain?",
                "safety-policy",
            ),
            ("How many GPUs do we have for training?", "infra"),
            ("How many EU users decline personalisation?", "privacy"),
            (
                "How long must an A/B test run to read retention?",
                "experiments",
            ),
        ],
    ),
    (
        "credit-risk",
        &[
            ("How many people apply for a loan each month?", "volumes"),
            ("When does a loan count as gone bad?", "default-definition"),
            (
                "How long must a loan be on the books before we know it defaulted?",
                "label-maturity",
            ),
            (
                "Do we know how the applicants we turned away would have repaid?",
                "reject-inference",
            ),
            (
                "Which rules from the FCA apply to our decisions?",
                "regulation",
            ),
            ("How much do we lose when a borrower defaults?", "economics"),
            ("What interest rates do approved customers get?", "pricing"),
            (
                "How many applications can the underwriters check by hand?",
                "underwriters",
            ),
            (
                "What do we know about each applicant from the bureau?",
                "data-sources",
            ),
            (
                "How quickly must the decision come back to the applicant?",
                "latency",
            ),
            ("What bad rate is the board aiming for?", "success"),
            ("Has inflation changed who applies?", "drift"),
        ],
    ),
    (
        "face-plate-blurring",
        &[
            ("How many panoramas are captured every day?", "volume"),
            (
                "What share of faces does the current detector find?",
                "current-quality",
            ),
            (
                "How many milliseconds does a tile take on the GPU?",
                "compute",
            ),
            (
                "How long do we have to blur a batch before it goes live?",
                "deadline",
            ),
            (
                "How many annotated panoramas can we train on?",
                "annotations",
            ),
            (
                "How many reviewers check imagery, and how many panoramas each?",
                "review-team",
            ),
            ("Which faces and plates are hardest to find?", "hard-cases"),
            (
                "Who else reads the imagery, and what if we blur a shop sign?",
                "map-data",
            ),
            (
                "How many people report an unblurred face each month?",
                "reports-legal",
            ),
            ("How long do we keep the unblurred originals?", "originals"),
        ],
    ),
    (
        "metrics-anomaly-detection",
        &[
            ("How many time series do we monitor?", "series"),
            (
                "How many pages does the threshold alerting send a week?",
                "current-alerting",
            ),
            ("How many past incidents have postmortems?", "labels"),
            (
                "What does a minute of authorisation outage cost us?",
                "cost-of-delay",
            ),
            (
                "How much noise will the on-call engineer put up with?",
                "on-call",
            ),
            (
                "Is there a daily and weekly cycle in the traffic?",
                "seasonality",
            ),
            (
                "Do small merchants' series have very few transactions?",
                "sparse-series",
            ),
            (
                "How many series move together when one bank goes down?",
                "fan-out",
            ),
            (
                "How late do the aggregated minutes land in the store?",
                "pipeline",
            ),
            (
                "Are deployments and configuration changes logged?",
                "changes",
            ),
        ],
    ),
    (
        "notification-ranking",
        &[
            ("How many users have notifications enabled?", "volume"),
            ("How many pushes does each user get per day?", "sends"),
            ("What share of ranked pushes get opened?", "open-rates"),
            (
                "What happens when people turn notifications off?",
                "switch-off-cost",
            ),
            ("What do we record for every candidate we send?", "logging"),
            ("How quickly does a price drop lose its value?", "freshness"),
            ("At what hours are we allowed to send?", "send-time"),
            (
                "Do we run A/B tests or keep a holdout group?",
                "experiments",
            ),
            ("Which teams own the notification types?", "teams"),
            ("How many new users install each month?", "new-users"),
        ],
    ),
    (
        "query-autocomplete",
        &[
            ("How many searches happen per day?", "volume"),
            (
                "How many milliseconds do suggestions get on the server?",
                "latency",
            ),
            ("How many distinct queries are in our logs?", "query-logs"),
            (
                "Do we record which suggestion the customer picked?",
                "logging",
            ),
            (
                "What share of searches start from a suggestion?",
                "current-performance",
            ),
            (
                "How often do people pick the first suggestion?",
                "position-bias",
            ),
            ("How fast can a trending query take off?", "trends"),
            ("Which terms must we never complete to?", "safety"),
            (
                "How many customers are logged in when they search?",
                "context-signals",
            ),
            ("How much of the GMV comes from search?", "business"),
        ],
    ),
    (
        "rag-support-assistant",
        &[
            ("How many chats do we get per day?", "volume"),
            (
                "How many help articles are there, and how often do they change?",
                "knowledge-base",
            ),
            (
                "What share of questions can the articles fully answer?",
                "coverage",
            ),
            (
                "What happens if the bot promises a customer something wrong?",
                "wrong-answer-cost",
            ),
            (
                "How many customers fill in the satisfaction survey?",
                "quality-signals",
            ),
            (
                "How soon must the first words of an answer appear?",
                "latency",
            ),
            ("What does the LLM cost per million tokens?", "llm-cost"),
            (
                "Can the assistant issue refunds on an account?",
                "pii-and-actions",
            ),
            (
                "What deflection target does leadership have?",
                "agents-and-goal",
            ),
            (
                "What happens to chat volume during a network outage?",
                "outages",
            ),
        ],
    ),
    (
        "visual-search",
        &[
            (
                "How many listings and photos are in the catalogue?",
                "catalogue",
            ),
            ("How many photo searches a day do we expect?", "traffic"),
            ("How long may it take for results to appear?", "latency"),
            ("What are the photos from the beta like?", "user-photos"),
            (
                "Do we have photos paired with the product they show?",
                "labels",
            ),
            (
                "What does a labelling vendor charge per judgement?",
                "annotation",
            ),
            ("What is the average furniture order worth?", "business"),
            (
                "How many listings are the same item sold by several sellers?",
                "duplicates",
            ),
            ("How many images a second can one GPU embed?", "compute"),
            (
                "How long may we keep users' photos of their homes?",
                "privacy",
            ),
        ],
    ),
    (
        "churn-prediction",
        &[
            ("How big is your subscriber base?", "subscribers"),
            (
                "How many mobile customers do you have in total?",
                "subscribers",
            ),
            ("What counts as a customer leaving?", "churn-definition"),
            (
                "What percentage of subscribers leave each month?",
                "churn-definition",
            ),
            ("How many calls can the agents make in a month?", "capacity"),
            (
                "What does a retention call cost us, and what is a customer worth?",
                "capacity",
            ),
            ("What information do you keep about each customer?", "data"),
            (
                "Did you ever test whether calling people makes them stay?",
                "uplift",
            ),
            (
                "How much notice does the retention team need before someone leaves?",
                "lead-time",
            ),
            (
                "Are there restrictions on which customer data we may use?",
                "privacy",
            ),
            ("How good is the rule you use today?", "current-rule"),
            (
                "Who are your main rivals, and are they winning customers?",
                "competitor",
            ),
            (
                "What tech stack does the analytics team work with?",
                "tooling",
            ),
        ],
    ),
    (
        "harmful-content",
        &[
            ("How many posts are uploaded each day?", "volume"),
            (
                "What share of content actually breaks the rules?",
                "prevalence",
            ),
            (
                "How many people do you have reviewing flagged content?",
                "moderators",
            ),
            ("Where do your training labels come from?", "labels"),
            ("Which languages do people post in?", "languages"),
            ("How quickly must bad posts be taken down?", "speed"),
            ("Are there laws we have to comply with?", "regulation"),
            (
                "What happens when we remove a post by mistake?",
                "error-costs",
            ),
            ("How will leadership judge whether this worked?", "success"),
            ("Do people try to get around the filters?", "evasion"),
            ("What catches harmful posts right now?", "current-system"),
            (
                "Has anyone checked whether moderation treats some communities unfairly?",
                "dialect-bias",
            ),
        ],
    ),
];

fn read_shipped(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
    std::fs::read_to_string(format!("{root}/{path}")).unwrap()
}

fn shipped_profile() -> mlsd_coach::core::content::MockProfile {
    serde_yaml::from_str(&read_shipped("mock.yaml")).unwrap()
}

fn shipped_scenario(id: &str) -> mlsd_coach::core::content::Scenario {
    serde_yaml::from_str(&read_shipped(&format!("scenarios/{id}.yaml")))
        .unwrap_or_else(|e| panic!("{id}: {e}"))
}

/// Asking with a fact's own phrase reveals a fact, and every fact is the
/// best match for at least one of its phrases.
#[test]
fn every_fact_of_the_shipped_scenarios_can_be_asked_for_with_its_phrases() {
    let profile = shipped_profile();
    for (id, _) in SHIPPED {
        let scenario = shipped_scenario(id);
        let mut c = Client::new(&scenario, &profile, 1);
        for f in &scenario.facts {
            for phrase in &f.unlocked_by {
                let r = c
                    .ask(&format!("Could you tell me about {phrase}?"))
                    .unwrap();
                assert!(
                    r.fact.is_some(),
                    "{id}: {phrase:?} revealed nothing: {}",
                    r.reply
                );
            }
        }
        for f in &scenario.facts {
            assert!(
                c.revealed().contains(&f.id),
                "{id}: {} is never revealed",
                f.id
            );
        }
    }
}

#[test]
fn shipped_scenarios_answer_ten_paraphrases_each() {
    let read = read_shipped;
    let profile = shipped_profile();
    let mut bad = Vec::new();
    for (id, table) in SHIPPED {
        assert!(table.len() >= 10, "{id}: fewer than ten questions");
        let scenario: mlsd_coach::core::content::Scenario =
            serde_yaml::from_str(&read(&format!("scenarios/{id}.yaml")))
                .unwrap_or_else(|e| panic!("{id}: {e}"));
        for (q, want) in *table {
            let fact = scenario.facts.iter().find(|f| f.id == *want);
            let fact = fact.unwrap_or_else(|| panic!("{id}: no fact {want}"));
            let verbatim = fact
                .unlocked_by
                .iter()
                .any(|u| q.to_lowercase() == u.to_lowercase());
            assert!(
                !verbatim,
                "{id}: {q:?} is an unlocked_by phrase, not a paraphrase"
            );
            let mut c = Client::new(&scenario, &profile, 1);
            let r = c.ask(q).unwrap();
            if r.fact.as_deref() != Some(*want) || r.near_miss {
                bad.push(format!(
                    "{id}: {q:?} → {:?} near {} (want {want})",
                    r.fact, r.near_miss
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} of the paraphrases missed:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The paraphrase table covers every scenario shipped in `content/scenarios/`.
#[test]
fn every_shipped_scenario_has_paraphrases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/content/scenarios");
    let mut shipped: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "yaml")
                .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    shipped.sort();
    assert!(shipped.len() >= 21, "{shipped:?}");
    let missing: Vec<&String> = shipped
        .iter()
        .filter(|id| !SHIPPED.iter().any(|(t, _)| t == id))
        .collect();
    assert!(missing.is_empty(), "no paraphrase table for {missing:?}");
}
