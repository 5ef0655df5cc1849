//! Review screens: flows through `update` and snapshots at 80×24 and
//! 120×40 over hand-built sessions and scorecards (independent of the
//! built-in content and the scoring engine, so they only change when these
//! screens do).

use super::*;
use crate::core::content::{Content, MockProfile, Phase, Scenario};
use crate::core::review::ScoredSession;
use crate::core::review::fixtures::{answer, card, day, rubric, session};
use crate::core::scoring::{EvidenceHit, Gap, Scorecard, Status};
use crate::core::session::{Event, EventKind, SessionStatus};
use crate::core::store::SessionsDir;
use crate::tui::app::{App, update};
use crate::tui::theme::Theme;
use crate::tui::view;
use Status::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;

fn scenario(id: &str, title: &str, prompt: &str) -> Scenario {
    Scenario {
        id: id.into(),
        title: title.into(),
        domain: "test".into(),
        prompt: prompt.into(),
        context: String::new(),
        facts: vec![],
        curveballs: vec![],
        emphasis: vec![],
        criteria: vec![],
        exemplar: String::new(),
        ..Default::default()
    }
}

fn content() -> Content {
    let phase = |id: &str, minutes: f32, areas: &[&str]| Phase {
        id: id.into(),
        title: id.into(),
        minutes,
        areas: areas.iter().map(|s| s.to_string()).collect(),
    };
    Content {
        rubric: rubric(),
        scenarios: vec![
            scenario(
                "fraud",
                "Fraud detection for a payments company",
                "Design a system that flags fraudulent card payments in real time.",
            ),
            scenario(
                "churn",
                "Churn prediction for a subscription app",
                "Predict which subscribers will cancel next month.",
            ),
        ],
        mock: MockProfile {
            minutes: 45,
            phases: vec![
                phase("framing", 10.0, &["framing"]),
                phase("data", 15.0, &["data"]),
                phase("modelling", 20.0, &["modelling"]),
            ],
            client_speak: vec![],
            fallback_answers: vec![],
        },
        version: "test".into(),
        origin: "embedded".into(),
    }
}

/// Point `criterion`'s evidence at a sentence of an answer.
fn evidence(c: &mut Scorecard, criterion: &str, question: &str, quote: &str) {
    let r = c.criteria.iter_mut().find(|x| x.id == criterion).unwrap();
    r.evidence = vec![EvidenceHit {
        quote: quote.into(),
        question: question.into(),
        line: 1,
        concepts: vec![criterion.into()],
    }];
}

fn with_gaps(mut c: Scorecard) -> Scorecard {
    c.gaps = c
        .criteria
        .iter()
        .filter(|x| x.status != Covered)
        .map(|x| Gap {
            criterion: x.id.clone(),
            area: x.area.clone(),
            label: x.label.clone(),
            status: x.status,
            why: x.gap.clone(),
            hint: x.hint.clone(),
            source: String::new(),
            worth: 4.8,
            ..Default::default()
        })
        .collect();
    c
}

const PAIN: &str = "Fraud costs us 2% of revenue. Chargebacks arrive weeks later.";
const PAIN2: &str =
    "Fraud costs us 2% of revenue. The goal is to halve losses without blocking good customers.";
const DATA: &str = "Labels come from chargebacks.\nSome transactions have missing merchant data.";

fn history() -> Vec<ScoredSession> {
    let mut v = Vec::new();

    let mut s = session(
        "2026-11-01T09-00-00_fraud_aaaa",
        "fraud",
        Mode::Practice,
        day(0),
    );
    s.answers = vec![
        answer("pain-point", PAIN, 300),
        answer("baselines", "A rules engine.", 120),
    ];
    s.predicted_score = Some(40);
    let mut c = card(&[("pain-point", Covered), ("baselines", Partial)]);
    evidence(
        &mut c,
        "pain-point",
        "pain-point",
        "Fraud costs us 2% of revenue.",
    );
    evidence(&mut c, "baselines", "baselines", "A rules engine.");
    v.push(ScoredSession::new(s, with_gaps(c)));

    let mut s = session(
        "2026-11-04T09-00-00_fraud_bbbb",
        "fraud",
        Mode::Practice,
        day(3),
    );
    s.answers = vec![
        answer("pain-point", PAIN2, 400),
        answer("data-sources", DATA, 200),
    ];
    s.predicted_score = Some(50);
    let mut c = card(&[
        ("pain-point", Covered),
        ("goals", Covered),
        ("labels", Covered),
        ("data-quality", Partial),
    ]);
    evidence(
        &mut c,
        "pain-point",
        "pain-point",
        "Fraud costs us 2% of revenue.",
    );
    evidence(
        &mut c,
        "goals",
        "pain-point",
        "The goal is to halve losses without blocking good customers.",
    );
    evidence(
        &mut c,
        "labels",
        "data-sources",
        "Labels come from chargebacks.",
    );
    evidence(
        &mut c,
        "data-quality",
        "data-sources",
        "Some transactions have missing merchant data.",
    );
    v.push(ScoredSession::new(s, with_gaps(c)));

    let mut s = session(
        "2026-11-06T09-00-00_churn_cccc",
        "churn",
        Mode::Mock,
        day(5),
    );
    s.minutes = Some(30);
    s.elapsed_seconds = 1800;
    s.answers = vec![
        answer("pain-point", "Cancellations cut revenue.", 700),
        answer("curveball:late", "Then we train on proxy labels.", 60),
    ];
    s.events = vec![
        Event {
            at: 0,
            kind: EventKind::Phase {
                id: "framing".into(),
            },
        },
        Event {
            at: 240,
            kind: EventKind::Asked {
                question: "How many subscribers do you have?".into(),
                fact: Some("scale".into()),
                reply: "About two million.".into(),
            },
        },
        Event {
            at: 700,
            kind: EventKind::Phase { id: "data".into() },
        },
        Event {
            at: 900,
            kind: EventKind::Curveball {
                id: "late".into(),
                text: "Cancellations are only known 30 days later.".into(),
            },
        },
        Event {
            at: 1200,
            kind: EventKind::Phase {
                id: "modelling".into(),
            },
        },
    ];
    v.push(ScoredSession::new(
        s,
        with_gaps(card(&[("pain-point", Partial)])),
    ));

    let mut s = session(
        "2026-11-07T09-00-00_fraud_dddd",
        "fraud",
        Mode::Drill,
        day(6),
    );
    s.questions = vec!["baselines".into()];
    s.answers = vec![answer("baselines", "Logistic regression first.", 90)];
    v.push(ScoredSession::new(s, card(&[("baselines", Covered)])));

    let mut s = session(
        "2026-11-09T09-00-00_fraud_eeee",
        "fraud",
        Mode::Practice,
        day(8),
    );
    s.status = SessionStatus::InProgress;
    s.ended_at = None;
    s.elapsed_seconds = 600;
    s.answers = vec![answer("pain-point", "Unfinished thoughts.", 600)];
    v.push(ScoredSession::new(s, card(&[])));
    v
}

fn damaged() -> Vec<Damaged> {
    vec![Damaged {
        path: PathBuf::from("/tmp/s/2026-10-30T08-00-00_fraud_zzzz.yaml"),
        reason: "line 4 column 3: invalid type: expected a string".into(),
    }]
}

fn app_with(sessions: Vec<ScoredSession>, damaged: Vec<Damaged>) -> App {
    let mut app = App::new(
        Arc::new(content()),
        SessionsDir {
            path: PathBuf::from("/tmp/sessions"),
            reason: "--sessions-dir".into(),
        },
        Theme::plain(),
        day(10),
        7,
    );
    app.screen = Screen::new(Review::with_data(ReviewData::new(
        &content(),
        sessions,
        damaged,
    )));
    app
}

fn app() -> App {
    app_with(history(), damaged())
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn review(app: &App) -> &Review {
    app.screen
        .get::<Review>()
        .unwrap_or_else(|| panic!("not on the review screen: {}", app.screen.name()))
}

fn visible_ids(app: &App) -> Vec<String> {
    let r = review(app);
    let d = r.data.as_ref().unwrap();
    r.rows()
        .into_iter()
        .map(|row| match row {
            Row::Session(i) => d.sessions[i].summary.id[..10].to_string(),
            Row::Damaged(i) => format!("damaged:{}", d.damaged[i].file_name()),
        })
        .collect()
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(app, w, h));
    }
}

// ---- flows ----

#[test]
fn history_lists_newest_first_with_damaged_last() {
    let app = app();
    assert_eq!(
        visible_ids(&app),
        [
            "2026-11-09",
            "2026-11-07",
            "2026-11-06",
            "2026-11-04",
            "2026-11-01",
            "damaged:2026-10-30T08-00-00_fraud_zzzz.yaml"
        ]
    );
}

#[test]
fn history_shows_times_as_minutes_and_seconds_even_past_an_hour() {
    let times = [
        ("2026-11-09", 5, " 0:05 "),
        ("2026-11-07", 3905, " 1:05:05 "),
    ];
    let mut sessions = history();
    for s in &mut sessions {
        if let Some((_, secs, _)) = times.iter().find(|t| s.session.id.starts_with(t.0)) {
            s.session.elapsed_seconds = *secs;
        }
    }
    let app = app_with(sessions, damaged());
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&app, w, h);
        for (day, secs, shown) in times {
            let row = text
                .lines()
                .find(|l| l.contains(&format!("{day} 09:00")))
                .unwrap_or_else(|| panic!("no row for {day} in\n{text}"));
            assert!(row.contains(shown), "{secs} s at {w}x{h}: {row:?}");
        }
    }
}

#[test]
fn filters_search_and_sort() {
    let mut app = app();
    press(&mut app, KeyCode::Char('m')); // practice
    assert_eq!(
        visible_ids(&app),
        ["2026-11-09", "2026-11-04", "2026-11-01"]
    );
    press(&mut app, KeyCode::Char('m')); // mock
    assert_eq!(visible_ids(&app), ["2026-11-06"]);
    press(&mut app, KeyCode::Char('m')); // drill
    press(&mut app, KeyCode::Char('m')); // all
    press(&mut app, KeyCode::Char('s')); // churn (sorted first)
    assert_eq!(visible_ids(&app), ["2026-11-06"]);
    press(&mut app, KeyCode::Char('s')); // fraud
    assert_eq!(visible_ids(&app).len(), 4);
    press(&mut app, KeyCode::Char('s')); // all
    assert_eq!(visible_ids(&app).len(), 6);

    // Search answers; `q` and `?` are text while searching.
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "merchant");
    assert_eq!(visible_ids(&app), ["2026-11-04"]);
    assert!(app.screen.is::<Review>());
    press(&mut app, KeyCode::Enter);
    assert_eq!(review(&app).query, "merchant");
    press(&mut app, KeyCode::Esc); // clears the search, stays
    assert_eq!(visible_ids(&app).len(), 6);

    press(&mut app, KeyCode::Char('o')); // oldest
    assert_eq!(visible_ids(&app)[0], "2026-11-01");
    press(&mut app, KeyCode::Char('o')); // best score
    assert_eq!(visible_ids(&app)[0], "2026-11-04");
    press(&mut app, KeyCode::Char('o')); // worst score
    assert_eq!(visible_ids(&app)[0], "2026-11-09");
}

#[test]
fn open_a_session_and_come_back_to_the_same_list() {
    let mut app = app();
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    match &review(&app).page {
        Page::Session(p) => {
            let d = review(&app).data.as_ref().unwrap();
            assert_eq!(
                d.sessions[p.index].summary.id,
                "2026-11-04T09-00-00_fraud_bbbb"
            );
        }
        _ => panic!("expected the session page"),
    }
    // Export asks where, defaulting to the session's name in the export
    // directory.
    assert!(press(&mut app, KeyCode::Char('e')).is_empty());
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&effects[..], [Effect::ExportMarkdown { session, path, .. }]
            if session.id.ends_with("bbbb") && path.ends_with("2026-11-04T09-00-00_fraud_bbbb.md")),
        "{effects:?}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(review(&app).page, Page::List));
    assert_eq!(review(&app).mode, Some(Mode::Practice));
    assert_eq!(review(&app).selected, 1);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.name(), "home");
}

#[test]
fn resume_only_in_progress_sessions() {
    let mut app = app();
    press(&mut app, KeyCode::Enter); // newest: in progress
    let effects = press(&mut app, KeyCode::Char('r'));
    assert_eq!(
        effects,
        [Effect::OpenSession("2026-11-09T09-00-00_fraud_eeee".into())]
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(press(&mut app, KeyCode::Char('r')).is_empty());
}

#[test]
fn damaged_rows_explain_themselves() {
    let mut app = app();
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(review(&app).page, Page::List));
    let status = app.ctx.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("invalid type"),
        "{status:?}"
    );
}

fn compared(app: &App) -> (String, String) {
    match &review(app).page {
        Page::Compare(p) => (p.cmp.a.id[..10].to_string(), p.cmp.b.id[..10].to_string()),
        _ => panic!("expected the compare page"),
    }
}

#[test]
fn compare_with_the_previous_attempt_or_the_marked_one() {
    let mut app = app();
    // Newest is the in-progress fraud session: compared with the one before.
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(compared(&app), ("2026-11-04".into(), "2026-11-09".into()));
    press(&mut app, KeyCode::Esc);
    // Mark the first attempt, select the second: A is the older one.
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Up); // 2026-11-01
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Up); // 2026-11-04
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(compared(&app), ("2026-11-01".into(), "2026-11-04".into()));
    press(&mut app, KeyCode::Esc);
    // The only churn attempt: nothing to compare it with.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down); // 11-06 churn
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(review(&app).page, Page::List));
    assert!(
        app.ctx
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("only one attempt at 'churn'")
    );
    // The first attempt is compared with the next one.
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Up); // 11-01
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(compared(&app), ("2026-11-01".into(), "2026-11-04".into()));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Up); // 11-04
    // Different scenarios: refused with the reason.
    press(&mut app, KeyCode::Char(' ')); // mark 11-04
    press(&mut app, KeyCode::Up); // 11-06 churn
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(review(&app).page, Page::List));
    assert!(
        app.ctx
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("same scenario")
    );
}

#[test]
fn compare_from_the_session_page() {
    let mut app = app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j')); // 11-04
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(compared(&app), ("2026-11-01".into(), "2026-11-04".into()));
}

#[test]
fn drill_creates_a_drill_session_from_the_plan() {
    let mut app = app();
    // d opens the drill page: why each item, and the schedule; Enter starts.
    assert!(press(&mut app, KeyCode::Char('d')).is_empty());
    assert!(matches!(review(&app).page, Page::Drill(_)));
    let text = screen_text(&app, 100, 30);
    assert!(
        text.contains("Drill — 3 items") && text.contains("Why these"),
        "{text}"
    );
    assert!(
        text.contains("Due now:") && text.contains("streak:"),
        "{text}"
    );
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::CreateSession(s)] = &effects[..] else {
        panic!("expected a new session: {effects:?}");
    };
    assert_eq!(s.mode, Mode::Drill);
    assert_eq!(s.status, SessionStatus::InProgress);
    let expected = crate::core::review::drill_plan(
        &review(&app).data.as_ref().unwrap().sessions,
        &app.ctx.content.rubric,
        app.ctx.now,
        drill::DRILL_QUESTIONS,
    );
    assert_eq!(s.questions, expected);
    assert_eq!(s.questions.len(), drill::DRILL_QUESTIONS);
    // The latest complete attempt was the fraud drill.
    assert_eq!(s.scenario, "fraud");
    assert_eq!(s.current_question.as_ref(), s.questions.first());
}

#[test]
fn drill_start_waits_for_the_history() {
    let mut app = app_with(vec![], vec![]);
    let effects = app.start(crate::tui::Start::Drill);
    assert!(effects.iter().any(|e| matches!(e, Effect::LoadReview(_))));
    let data = Arc::new(ReviewData::new(&content(), history(), vec![]));
    assert!(update(&mut app, Msg::ReviewLoaded(Ok(data))).is_empty());
    assert!(matches!(review(&app).page, Page::Drill(_)));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::CreateSession(s)] if s.mode == Mode::Drill));
    // Opened from home, Esc goes back home.
    let mut app = app_with(vec![], vec![]);
    app.start(crate::tui::Start::Drill);
    let data = Arc::new(ReviewData::new(&content(), history(), vec![]));
    update(&mut app, Msg::ReviewLoaded(Ok(data)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.name(), "home");
}

#[test]
fn snapshot_drill_page() {
    let mut app = app();
    press(&mut app, KeyCode::Char('d'));
    insta::assert_snapshot!("drill_page_100x30", screen_text(&app, 100, 30));
    insta::assert_snapshot!("drill_page_80x24", screen_text(&app, 80, 24));
}

#[test]
fn drill_with_no_history_says_why() {
    let mut app = app_with(vec![], vec![]);
    assert!(press(&mut app, KeyCode::Char('d')).is_empty());
    assert!(screen_text(&app, 80, 24).contains("Nothing to drill yet"));
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        app.ctx
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("nothing to drill")
    );
}

#[test]
fn load_error_is_shown() {
    let mut app = app_with(vec![], vec![]);
    app.start(crate::tui::Start::Review);
    update(
        &mut app,
        Msg::ReviewLoaded(Err("listing sessions in /x: denied".into())),
    );
    assert!(screen_text(&app, 80, 24).contains("denied"));
}

#[test]
fn predict_then_reveal() {
    let h = history();
    let mut app = app();
    app.screen = predict::Predict::screen(&content(), h[1].session.clone(), h[1].card.clone());
    typed(&mut app, "7x2?q");
    assert!(screen_text(&app, 80, 24).contains("Your guess (0–100): 72"));
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::Save(s)] = &effects[..] else {
        panic!("expected a save: {effects:?}");
    };
    assert_eq!(s.predicted_score, Some(72));
    assert_eq!(app.screen.name(), "scorecard");
    let v = app
        .screen
        .get::<crate::tui::screens::scorecard::ScorecardView>()
        .unwrap();
    assert_eq!(v.session.predicted_score, Some(72));
    // h[1] scores 47.2: the guess is 25 too high.
    let status = app.ctx.status.as_ref().unwrap();
    assert!(
        status.text.contains("scorer gave 47 (25 too high)"),
        "{status:?}"
    );

    let mut app = self::app();
    app.screen = predict::Predict::screen(&content(), h[1].session.clone(), h[1].card.clone());
    typed(&mut app, "200");
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.screen.name(), "predict");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.name(), "scorecard");
}

#[test]
fn every_page_draws_at_every_size() {
    let mut pages: Vec<App> = Vec::new();
    for keys in [
        &[][..],
        &[KeyCode::Enter],
        &[KeyCode::Char('c')],
        &[KeyCode::Char('p')],
    ] {
        let mut a = app();
        for k in keys {
            press(&mut a, *k);
        }
        pages.push(a);
    }
    for a in &pages {
        for w in (0..=130).step_by(7) {
            for h in (0..=45).step_by(4) {
                screen_text(a, w, h);
            }
        }
        screen_text(a, 300, 100);
    }
}

// ---- snapshots ----

#[test]
fn snapshot_history() {
    snap("history", &app());
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "fraud");
    snap("history_search", &app);
    snap("history_empty", &app_with(vec![], vec![]));
}

#[test]
fn snapshot_session_view() {
    let mut app = app();
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up); // 11-04, with evidence
    press(&mut app, KeyCode::Enter);
    snap("session", &app);
    let mut app = self::app();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down); // the mock, with client events
    press(&mut app, KeyCode::Enter);
    for _ in 0..12 {
        press(&mut app, KeyCode::Down);
    }
    snap("session_mock_scrolled", &app);
}

#[test]
fn snapshot_compare() {
    let mut app = app();
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char('c'));
    snap("compare", &app);
}

#[test]
fn snapshot_progress() {
    let mut app = app();
    press(&mut app, KeyCode::Char('p'));
    snap("progress", &app);

    let mut empty = app_with(vec![], vec![]);
    press(&mut empty, KeyCode::Char('p'));
    snap("progress_empty", &empty);

    let mut one = app_with(history()[..1].to_vec(), vec![]);
    press(&mut one, KeyCode::Char('p'));
    snap("progress_one", &one);

    // 1,000 sessions: practice and mocks, improving slowly.
    let many: Vec<ScoredSession> = (0..1000)
        .map(|i| {
            let mode = if i % 4 == 0 {
                Mode::Mock
            } else {
                Mode::Practice
            };
            let mut s = session(
                &format!("s{i:04}"),
                "fraud",
                mode,
                day(0) + chrono::Duration::hours(i),
            );
            s.predicted_score = Some((30 + i / 20) as u8);
            s.answers = vec![answer("pain-point", "x", 400 + (i as u64 % 7) * 60)];
            let st: &[(&str, Status)] = match i % 5 {
                0 => &[("pain-point", Covered)],
                1 | 2 => &[
                    ("pain-point", Covered),
                    ("goals", Partial),
                    ("labels", Covered),
                ],
                _ => &[
                    ("pain-point", Covered),
                    ("goals", Covered),
                    ("labels", Covered),
                    ("baselines", Covered),
                ],
            };
            ScoredSession::new(s, card(st))
        })
        .collect();
    let mut many_app = app_with(many, vec![]);
    press(&mut many_app, KeyCode::Char('p'));
    insta::assert_snapshot!("progress_many_80x24", screen_text(&many_app, 80, 24));
}

#[test]
fn a_drill_shows_only_its_criteria() {
    let mut app = app();
    press(&mut app, KeyCode::Down); // 11-07, the drill on baselines
    press(&mut app, KeyCode::Enter);
    for _ in 0..20 {
        press(&mut app, KeyCode::Down);
    }
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("✓ Addresses baselines [baselines]"), "{text}");
    assert!(!text.contains("[pain-point]"), "{text}");
}

/// A mock with two follow-ups: one answered and now covered, one left
/// without a reply.
fn mock_with_follow_ups() -> ScoredSession {
    let mut s = session(
        "2026-11-08T09-00-00_fraud_ffff",
        "fraud",
        Mode::Mock,
        day(7),
    );
    s.minutes = Some(30);
    s.elapsed_seconds = 1500;
    s.answers = vec![
        answer("pain-point", "Chargebacks cost us 2% of revenue.", 500),
        answer(
            "probe:goals",
            "Halve fraud losses within a year without more false declines.",
            90,
        ),
    ];
    let ev = |at, kind| Event { at, kind };
    s.events = vec![
        ev(
            0,
            EventKind::Phase {
                id: "framing".into(),
            },
        ),
        ev(
            600,
            EventKind::Probe {
                target: "goals".into(),
                text: "What number would tell us in six months that this worked?".into(),
            },
        ),
        ev(700, EventKind::Phase { id: "data".into() }),
        ev(
            1400,
            EventKind::Probe {
                target: "labels".into(),
                text: "Where do the labels come from, and how late?".into(),
            },
        ),
    ];
    let mut c = card(&[
        ("pain-point", Partial),
        ("goals", Covered),
        ("labels", Partial),
    ]);
    evidence(
        &mut c,
        "goals",
        "probe:goals",
        "Halve fraud losses within a year without more false declines.",
    );
    ScoredSession::new(s, with_gaps(c))
}

#[test]
fn the_session_view_shows_a_mocks_follow_ups() {
    let mut app = app_with(vec![mock_with_follow_ups()], vec![]);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("Follow-ups: 2 asked, 1 answered well"),
        "{text}"
    );
    assert!(
        text.contains("10:00 Interviewer: What number would tell us"),
        "{text}"
    );
    assert!(text.contains("Halve fraud losses within a year"), "{text}");
    assert!(
        text.contains("✓ Addresses goals: answered well, now covered"),
        "{text}"
    );
    assert!(text.contains("(no reply)"), "{text}");
    assert!(text.contains("✗ Addresses labels: not answered"), "{text}");
    // The reply is shown under its follow-up, not as an answer to an
    // unknown question.
    assert!(!text.contains("probe:goals"), "{text}");
    snap("session_mock_follow_ups", &app);
}

/// The history as records only (as loaded from the score cache): a page
/// reads its sessions in full first.
fn app_with_records() -> (App, Vec<ScoredSession>) {
    let sessions = history();
    let c = content();
    let records = sessions
        .iter()
        .map(|s| {
            let path = PathBuf::from(format!("/tmp/sessions/{}.yaml", s.session.id));
            crate::core::review::Record::new(
                crate::core::store::Summary::of(&s.session, &path),
                crate::core::review::Scores::of(&s.session, &s.card, &c.rubric, &c.mock),
            )
        })
        .collect();
    let mut app = app_with(vec![], vec![]);
    app.screen = Screen::new(Review::with_data(ReviewData::from_records(records, vec![])));
    (app, sessions)
}

#[test]
fn a_page_opens_when_its_sessions_come_back_and_the_key_returns_at_once() {
    let (mut app, sessions) = app_with_records();
    let full = |id: &str| {
        Arc::new(
            sessions
                .iter()
                .find(|s| s.session.id == id)
                .unwrap()
                .clone(),
        )
    };
    let asked = |effects: &[Effect]| match effects {
        [Effect::OpenScored(p)] => p.clone(),
        other => panic!("expected one OpenScored, got {other:?}"),
    };
    // Enter asks for the session; the list stays, saying so.
    let first = asked(&press(&mut app, KeyCode::Enter));
    assert!(matches!(review(&app).page, Page::List));
    assert!(screen_text(&app, 120, 40).contains("opening…"));
    // Another row asked for before the first came back.
    press(&mut app, KeyCode::Down);
    let second = asked(&press(&mut app, KeyCode::Enter));
    assert_ne!(first, second);
    let id_of = |p: &[PathBuf]| p[0].file_stem().unwrap().to_string_lossy().into_owned();
    // The first result: kept, but the page waits for its own.
    update(
        &mut app,
        Msg::ScoredOpened {
            paths: first.clone(),
            result: Ok(vec![full(&id_of(&first))]),
        },
    );
    assert!(matches!(review(&app).page, Page::List));
    assert!(app.ctx.status.is_none(), "{:?}", app.ctx.status);
    // A failure of a request no page waits for says nothing either.
    update(
        &mut app,
        Msg::ScoredOpened {
            paths: first,
            result: Err("gone".into()),
        },
    );
    assert!(app.ctx.status.is_none(), "{:?}", app.ctx.status);
    update(
        &mut app,
        Msg::ScoredOpened {
            paths: second.clone(),
            result: Ok(vec![full(&id_of(&second))]),
        },
    );
    match &review(&app).page {
        Page::Session(p) => assert_eq!(p.scored.session.id, id_of(&second)),
        _ => panic!("expected the session page"),
    }
    assert!(!screen_text(&app, 120, 40).contains("opening…"));
    // Its own failure is reported, and nothing waits any more.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    let third = asked(&press(&mut app, KeyCode::Enter));
    update(
        &mut app,
        Msg::ScoredOpened {
            paths: third,
            result: Err("permission denied".into()),
        },
    );
    assert!(matches!(review(&app).page, Page::List));
    assert!(!review(&app).opening());
    assert!(
        app.ctx
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("permission denied")
    );
}
