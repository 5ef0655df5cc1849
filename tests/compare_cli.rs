//! `mlsd-coach compare A B`: the real binary over a temporary sessions
//! directory filled through the store.

use chrono::{Duration, TimeZone, Utc};
use mlsd_coach::core::content::{AREA_IDS, load_embedded};
use mlsd_coach::core::session::{Answer, Mode, Session, SessionStatus};
use mlsd_coach::core::store::Store;
use serde_json::Value;
use std::process::{Command, Output};

fn session(store: &Store, scenario: &str, day: i64, answers: &[(&str, &str)]) -> Session {
    let started = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap() + Duration::days(day);
    let s = Session {
        id: store.new_id(started, scenario),
        ended_at: Some(started + Duration::minutes(40)),
        status: SessionStatus::Complete,
        elapsed_seconds: 2400,
        answers: answers
            .iter()
            .map(|(q, t)| Answer {
                question: q.to_string(),
                text: t.to_string(),
                seconds: 60,
                hints: 0,
            })
            .collect(),
        ..Session::new(scenario, Mode::Practice, started, &load_embedded().version)
    };
    store.save(&s).expect("save fixture session");
    s
}

fn run(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlsd-coach"))
        .arg("--sessions-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run mlsd-coach")
}

const WEAK: &str = "We should build a model.";
const STRONG: &str = "The pain point is money lost to fraudulent transactions and chargebacks. \
The goal is to cut fraud losses without blocking good customers. \
A false negative costs the full transaction amount while a false positive annoys a customer, \
so we weigh precision against recall and pick a threshold by cost. \
Labels come from chargebacks, which arrive weeks late. \
Offline we track precision at a fixed recall and PR-AUC; online we watch the fraud loss rate in an A/B test.";

struct Fixture {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    scenarios: Vec<String>,
    first_question: String,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let content = load_embedded();
    let first_question = content.rubric.questions().next().unwrap().1.id.clone();
    Fixture {
        dir,
        scenarios: content.scenarios.iter().map(|s| s.id.clone()).collect(),
        first_question,
        _tmp: tmp,
    }
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("compare --format json prints JSON")
}

#[test]
fn json_compares_two_attempts() {
    let f = fixture();
    let store = Store::open(&f.dir).unwrap();
    let sc = &f.scenarios[0];
    let a = session(&store, sc, 0, &[(&f.first_question, WEAK)]);
    let b = session(&store, sc, 2, &[(&f.first_question, STRONG)]);
    let v = json(&run(&f.dir, &["compare", &a.id, &b.id, "--format", "json"]));

    assert_eq!(v["a"]["id"], a.id.as_str());
    assert_eq!(v["b"]["id"], b.id.as_str());
    assert_eq!(v["a"]["scenario"], sc.as_str());
    assert!(
        v["a"]["started_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-01T09:00:00")
    );
    let (oa, ob) = (
        v["a"]["overall"].as_f64().unwrap(),
        v["b"]["overall"].as_f64().unwrap(),
    );
    assert!(ob > oa, "the strong answer scores higher: {oa} vs {ob}");
    let change = v["overall_change"].as_f64().unwrap();
    assert!((change - (ob - oa)).abs() < 0.11, "{change} vs {ob} - {oa}");

    let areas: Vec<&str> = v["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(areas, AREA_IDS);
    for area in v["areas"].as_array().unwrap() {
        let d = area["b"].as_f64().unwrap() - area["a"].as_f64().unwrap();
        assert!(
            (area["change"].as_f64().unwrap() - d).abs() < 0.11,
            "{area}"
        );
    }

    let rank = |s: &str| {
        ["missing", "partial", "covered"]
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    let mut gained = 0;
    for c in v["criteria"].as_array().unwrap() {
        let (ca, cb) = (
            rank(c["a"].as_str().unwrap()),
            rank(c["b"].as_str().unwrap()),
        );
        let expected = match cb.cmp(&ca) {
            std::cmp::Ordering::Greater => "gained",
            std::cmp::Ordering::Less => "lost",
            _ if cb == 2 => "kept",
            _ => "still_missing",
        };
        assert_eq!(c["change"], expected, "{c}");
        assert!(AREA_IDS.contains(&c["area"].as_str().unwrap()), "{c}");
        gained += (expected == "gained") as usize;
    }
    assert!(gained > 0, "the strong answer gains criteria");

    let q = &v["questions"][0];
    assert_eq!(q["id"], f.first_question.as_str());
    assert_eq!(q["a"], WEAK);
    assert_eq!(q["b"], STRONG);
}

#[test]
fn prefixes_resolve_and_text_is_the_default() {
    let f = fixture();
    let store = Store::open(&f.dir).unwrap();
    let sc = &f.scenarios[0];
    let a = session(&store, sc, 0, &[(&f.first_question, WEAK)]);
    let b = session(&store, sc, 5, &[(&f.first_question, STRONG)]);
    // Ids start with the date, which differs: a prefix up to the day is unique.
    let out = run(&f.dir, &["compare", &a.id[..10], &b.id[..10]]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("Comparing two attempts at {sc}")),
        "{text}"
    );
    assert!(text.contains(&a.id) && text.contains(&b.id), "{text}");
    assert!(text.contains("Gained ("), "{text}");
    assert!(text.contains(STRONG.split(". ").next().unwrap()), "{text}");
}

#[test]
fn different_scenarios_are_refused() {
    let f = fixture();
    assert!(
        f.scenarios.len() >= 2,
        "the built-in content has several scenarios"
    );
    let store = Store::open(&f.dir).unwrap();
    let a = session(&store, &f.scenarios[0], 0, &[(&f.first_question, WEAK)]);
    let b = session(&store, &f.scenarios[1], 1, &[(&f.first_question, STRONG)]);
    let out = run(&f.dir, &["compare", &a.id, &b.id, "--format", "json"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&f.scenarios[0]) && err.contains(&f.scenarios[1]),
        "{err}"
    );
    assert!(err.contains("same scenario"), "{err}");
}

#[test]
fn unknown_id_is_an_error_naming_it() {
    let f = fixture();
    let store = Store::open(&f.dir).unwrap();
    let a = session(&store, &f.scenarios[0], 0, &[(&f.first_question, WEAK)]);
    let out = run(&f.dir, &["compare", &a.id, "no-such-session"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-session"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
