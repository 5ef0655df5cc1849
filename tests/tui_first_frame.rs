//! The first frame of home and practice is drawn from the built-in pack's
//! sketch (the whole is read once it is on screen): it must look exactly
//! as it would with the whole pack, and the whole must be in place before
//! anything scores.

use mlsd_coach::core::content::{Content, embedded_sketch, load_embedded};
use mlsd_coach::core::store::SessionsDir;
use mlsd_coach::tui::Start;
use mlsd_coach::tui::app::{App, Effect, Msg, update};
use mlsd_coach::tui::screens::interview::Interview;
use mlsd_coach::tui::theme::Theme;
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::sync::Arc;

fn started(content: Content, start: Start, seed: u64) -> App {
    let sessions = SessionsDir {
        path: PathBuf::from("/tmp/sessions"),
        reason: "--sessions-dir".into(),
    };
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z")
        .unwrap()
        .to_utc();
    let mut app = App::new(Arc::new(content), sessions, Theme::plain(), now, seed);
    app.start(start);
    app
}

fn frame(app: &mut App, w: u16, h: u16) -> String {
    update(app, Msg::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn the_sketch_is_a_small_part_of_the_whole() {
    let sketch = embedded_sketch().expect("the build wrote the sketch");
    let whole = load_embedded();
    assert_eq!(sketch.version, whole.version);
    assert_eq!(sketch.origin, whole.origin);
    assert_eq!(sketch.mock, whole.mock);
    assert_eq!(sketch.rubric.areas, whole.rubric.areas);
    let ids = |c: &Content| c.scenarios.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&sketch), ids(&whole));
    for (s, w) in sketch.scenarios.iter().zip(&whole.scenarios) {
        assert_eq!(
            (&s.title, &s.prompt, &s.context, &s.task_type),
            (&w.title, &w.prompt, &w.context, &w.task_type)
        );
        // Key points and red flags by id only (for `content list`).
        let kp = |c: &mlsd_coach::core::content::Scenario| {
            c.key_points
                .iter()
                .map(|k| k.id.clone())
                .collect::<Vec<_>>()
        };
        let rf = |c: &mlsd_coach::core::content::Scenario| {
            c.red_flags.iter().map(|f| f.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!((kp(s), rf(s)), (kp(w), rf(w)));
        assert!(
            s.key_points
                .iter()
                .all(|k| k.label.is_empty() && k.evidence.concepts.is_empty())
        );
        assert!(
            s.red_flags
                .iter()
                .all(|f| f.why.is_empty() && f.evidence.concepts.is_empty())
        );
        assert!(s.facts.is_empty() && s.exemplar.is_empty());
    }
    assert!(sketch.rubric.criteria.is_empty());
    let size = |c: &Content| serde_json::to_string(c).unwrap().len();
    assert!(
        size(&sketch) * 10 < size(&whole),
        "{} of {}",
        size(&sketch),
        size(&whole)
    );
}

#[test]
fn home_and_practice_look_the_same_from_the_sketch() {
    let sketch = embedded_sketch().unwrap();
    let whole = load_embedded();
    let starts = [
        Start::Home,
        Start::Practice {
            scenario: Some("fraud-detection".into()),
        },
        Start::Practice { scenario: None },
        Start::Practice {
            scenario: Some("no-such-scenario".into()),
        },
    ];
    for start in starts {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let from_sketch = frame(&mut started(sketch.clone(), start.clone(), 7), w, h);
            let from_whole = frame(&mut started(whole.clone(), start.clone(), 7), w, h);
            assert_eq!(from_sketch, from_whole, "{start:?} at {w}x{h}");
        }
    }
}

#[test]
fn the_whole_replaces_the_sketch_before_the_session_opens() {
    let whole = Arc::new(load_embedded());
    let mut app = started(embedded_sketch().unwrap(), Start::Home, 7);
    let effects = app.start(Start::Practice {
        scenario: Some("fraud-detection".into()),
    });
    let mut session = effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateSession(s) => Some(*s.clone()),
            _ => None,
        })
        .expect("a CreateSession effect");
    update(&mut app, Msg::ContentLoaded(whole.clone()));
    assert!(Arc::ptr_eq(&app.ctx.content, &whole));
    session.id = "2026-11-02T09-00-00_fraud-detection_abcd".into();
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(session),
            read_only: false,
        },
    );
    // Scoring now sees the scenario's key points.
    let iv = app.screen.get::<Interview>().expect("the interview");
    let scenario = app.ctx.content.scenario(&iv.session.scenario).unwrap();
    assert!(!scenario.key_points.is_empty());
}
