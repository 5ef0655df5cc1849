//! The review screens over a generated history, through the runtime's
//! effects: the history loads in the background with its progress shown
//! while the screen answers keys; the list shows each session's fresh
//! score; a session opens once read in full; the answer search builds its
//! index on first use, matching ids and scenarios meanwhile.

#[path = "../benches/support/history.rs"]
mod history;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use mlsd_coach::core::content::load_embedded;
use mlsd_coach::core::review::search::words;
use mlsd_coach::core::review::{Attempt, SessionScorer};
use mlsd_coach::core::store::{SessionsDir, Store};
use mlsd_coach::tui::app::{App, Effect, Msg, update};
use mlsd_coach::tui::runtime::{Background, Effects};
use mlsd_coach::tui::screens::review::{Page, Review, Row};
use mlsd_coach::tui::theme::Theme;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn draw_text(app: &App, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| mlsd_coach::tui::view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..h {
        for x in 0..w {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Run `effects`, then deliver what comes back (background messages
/// included) until `done` holds or 60 s pass; returns what was delivered.
fn settle(
    app: &mut App,
    fx: &mut Effects,
    effects: Vec<Effect>,
    done: impl Fn(&App) -> bool,
) -> Vec<&'static str> {
    let mut seen = Vec::new();
    let mut queue: Vec<Msg> = effects.into_iter().filter_map(|e| fx.run(e)).collect();
    let start = Instant::now();
    loop {
        queue.extend(fx.background.drain());
        for m in std::mem::take(&mut queue) {
            seen.push(match m {
                Msg::ReviewProgress { .. } => "progress",
                Msg::ReviewLoaded(_) => "loaded",
                Msg::AnswersIndexed { .. } => "indexed",
                Msg::ScoredOpened { .. } => "opened",
                _ => "other",
            });
            let more = update(app, m);
            queue.extend(more.into_iter().filter_map(|e| fx.run(e)));
        }
        if done(app) && queue.is_empty() {
            return seen;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "stuck: {seen:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The history is loaded with every score in.
fn complete(app: &App) -> bool {
    app.screen
        .get::<Review>()
        .and_then(|r| r.data.as_ref())
        .is_some_and(|d| d.unscored() == 0)
}

fn review(app: &App) -> &Review {
    app.screen.get::<Review>().expect("on the review screen")
}

#[test]
fn history_loads_in_the_background_and_opens_sessions_in_full() {
    let content = Arc::new(load_embedded());
    let tmp = tempfile::tempdir().unwrap();
    let made = history::write(tmp.path(), &content, 60, 5);
    let dir = SessionsDir {
        path: tmp.path().to_path_buf(),
        reason: "--sessions-dir".into(),
    };
    let mut fx = Effects {
        store: Store::open(tmp.path()).unwrap(),
        content: content.clone(),
        lock: None,
        recovery: vec![],
        background: Background::default(),
        page_scorer: Default::default(),
    };
    let now = chrono::Utc::now();
    let mut app = App::new(content.clone(), dir, Theme::plain(), now, 1);
    update(&mut app, Msg::Resize(120, 40));

    // Opening the history: nothing comes back at once (it loads on a
    // thread); progress, when shown, is on screen, and keys still work.
    let effects = app.start(mlsd_coach::tui::Start::Review);
    assert!(effects.iter().any(|e| matches!(e, Effect::LoadReview(_))));
    for e in effects {
        let load = matches!(e, Effect::LoadReview(_));
        let back = fx.run(e);
        assert!(!load || back.is_none(), "{back:?}");
        if let Some(m) = back {
            update(&mut app, m);
        }
    }
    assert!(review(&app).data.is_none());
    update(
        &mut app,
        Msg::ReviewProgress {
            done: 12,
            total: 60,
        },
    );
    let screen = draw_text(&app, 120, 40);
    assert!(
        screen.contains("Scoring sessions… 12 of 60 (20%)"),
        "{screen}"
    );
    update(&mut app, key(KeyCode::Char('?')));
    assert!(draw_text(&app, 120, 40).contains("search ids, scenarios and answers"));
    update(&mut app, key(KeyCode::Esc));
    let seen = settle(&mut app, &mut fx, vec![], complete);
    assert_eq!(seen.last(), Some(&"loaded"), "{seen:?}");
    assert!(seen.contains(&"progress"), "{seen:?}");

    // Every session listed with its fresh score.
    let d = review(&app).data.clone().unwrap();
    assert_eq!(d.sessions.len(), made.sessions);
    assert_eq!(d.damaged.len(), made.damaged);
    let mut scorer = SessionScorer::new(&content);
    for r in &d.sessions {
        let s = Store::load_path(&r.summary.path).unwrap();
        assert_eq!(r.overall(), scorer.score(&s).overall, "{}", r.id());
    }

    // Enter reads the session in full, then opens it.
    update(&mut app, key(KeyCode::Down));
    let effects = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(&effects[..], [Effect::OpenScored(p)] if *p == [d.sessions[1].summary.path.clone()]),
        "{effects:?}"
    );
    settle(&mut app, &mut fx, effects, |a| {
        matches!(review(a).page, Page::Session(_))
    });
    let Page::Session(p) = &review(&app).page else {
        unreachable!()
    };
    assert_eq!(p.scored.session.id, d.sessions[1].summary.id);
    assert_eq!(p.scored.card.overall, d.sessions[1].overall());
    update(&mut app, key(KeyCode::Esc));

    // Searching: the first key asks for the answers' index; ids and
    // scenarios match at once, answers once it is built.
    let scenario = d.sessions[0].summary.scenario.clone();
    update(&mut app, key(KeyCode::Char('/')));
    let mut effects = Vec::new();
    for c in scenario.chars() {
        effects.extend(update(&mut app, key(KeyCode::Char(c))));
    }
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, Effect::IndexAnswers { .. }))
            .count(),
        1
    );
    let by_scenario: Vec<Row> = review(&app).rows();
    assert!(!by_scenario.is_empty());
    assert!(by_scenario.iter().all(|r| match r {
        Row::Session(i) => d.sessions[*i].summary.scenario == scenario,
        Row::Damaged(_) => true,
    }));
    assert!(draw_text(&app, 120, 40).contains("indexing answers"));
    settle(&mut app, &mut fx, effects, |a| !review(a).indexing);

    // A word only in answers: the sessions whose answers have it.
    for _ in 0..scenario.chars().count() {
        update(&mut app, key(KeyCode::Backspace));
    }
    for c in "chargeback".chars() {
        update(&mut app, key(KeyCode::Char(c)));
    }
    let hits: Vec<usize> = review(&app)
        .rows()
        .into_iter()
        .filter_map(|r| match r {
            Row::Session(i) => Some(i),
            Row::Damaged(_) => None,
        })
        .collect();
    let expected: Vec<usize> = (0..d.sessions.len())
        .filter(|&i| {
            let s = Store::load_path(&d.sessions[i].summary.path).unwrap();
            s.answers
                .iter()
                .any(|a| words(&a.text).any(|w| w.starts_with("chargeback")))
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(hits, expected);
}

#[test]
fn a_stale_score_cache_lists_the_sessions_first_and_fills_in_their_scores() {
    let content = Arc::new(load_embedded());
    let tmp = tempfile::tempdir().unwrap();
    let made = history::write(tmp.path(), &content, 40, 8);
    let store = Store::open(tmp.path()).unwrap();
    // The summaries are indexed; the scores are not (a new content pack or
    // scorer leaves them so).
    store.summaries().unwrap();
    let dir = SessionsDir {
        path: tmp.path().to_path_buf(),
        reason: "--sessions-dir".into(),
    };
    let mut fx = Effects {
        store,
        content: content.clone(),
        lock: None,
        recovery: vec![],
        background: Background::default(),
        page_scorer: Default::default(),
    };
    let mut app = App::new(content.clone(), dir, Theme::plain(), chrono::Utc::now(), 1);
    update(&mut app, Msg::Resize(120, 40));
    for e in app.start(mlsd_coach::tui::Start::Review) {
        assert!(fx.run(e).is_none());
    }
    // The first message is the list, every session in it, none scored.
    let first = loop {
        if let Some(m) = fx.background.drain().into_iter().next() {
            break m;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let Msg::ReviewLoaded(Ok(d)) = &first else {
        panic!("{first:?}")
    };
    assert_eq!(d.sessions.len(), made.sessions);
    assert_eq!(d.unscored(), made.sessions);
    update(&mut app, first);
    let screen = draw_text(&app, 120, 40);
    assert!(
        screen.contains(&format!("{} to score", made.sessions)),
        "{screen}"
    );
    assert!(screen.contains("    …"), "{screen}");
    // Usable meanwhile: moving, and progress says it waits.
    update(&mut app, key(KeyCode::Down));
    assert_eq!(review(&app).selected, 1);
    update(&mut app, key(KeyCode::Char('p')));
    assert!(matches!(review(&app).page, Page::List));
    assert!(draw_text(&app, 120, 40).contains("being scored"));

    // Then the scores fill in, the selection kept; progress opens.
    settle(&mut app, &mut fx, vec![], complete);
    assert_eq!(review(&app).selected, 1);
    assert!(!draw_text(&app, 120, 40).contains("    …"));
    update(&mut app, key(KeyCode::Char('p')));
    assert!(matches!(review(&app).page, Page::Progress(_)));
}
