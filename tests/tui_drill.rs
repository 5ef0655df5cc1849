//! A drill's scorecard is about the drilled criteria only: each before →
//! after and mastered or not, with the schedule, once the history is in.

#[path = "support/tui_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::core::review::score_sessions;
use mlsd_coach::core::session::{Mode, SessionStatus};
use mlsd_coach::tui::app::{Effect, Msg, update};
use mlsd_coach::tui::history::ReviewData;
use mlsd_coach::tui::screens::scorecard::ScorecardView;
use std::sync::Arc;

#[test]
fn a_finished_drill_reports_before_and_after_for_its_criteria_only() {
    let mut app = app();
    // Earlier: a practice that covered the pain point and missed labels.
    let mut earlier = session("2026-11-26T09-00-00_fraud-detection_p001");
    earlier.started_at = t0() - chrono::Duration::days(1);
    earlier.answer_mut("pain-point").text = "The pain point is fraud losses.".into();
    earlier.status = SessionStatus::Complete;

    let mut drill = session("2026-11-27T09-00-00_fraud-detection_d001");
    drill.mode = Mode::Drill;
    drill.questions = vec!["labels".into()];
    drill.current_question = Some("labels".into());
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(drill.clone()),
            read_only: false,
        },
    );
    let text = {
        let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        term.draw(|f| mlsd_coach::tui::view::draw(f, &app)).unwrap();
        format!("{:?}", term.backend().buffer())
    };
    assert!(
        text.contains("drill item 1 of 1"),
        "the header counts drill items"
    );
    assert!(text.contains("Data collection"));
    assert!(
        !text.contains("question 1 of 1"),
        "no area count in a drill"
    );

    typed(&mut app, "Labels come from chargebacks.");
    update(&mut app, ctrl('g'));
    update_saved(&mut app, key(KeyCode::Char('y')));
    // Skip the guess: the scorecard asks for the history.
    let effects = update(&mut app, key(KeyCode::Enter));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::LoadReview(_))),
        "{effects:?}"
    );
    let rows = |app: &mlsd_coach::tui::app::App| -> Vec<String> {
        app.screen
            .get::<ScorecardView>()
            .expect("the scorecard")
            .rows
            .iter()
            .map(|r| r.text.clone())
            .collect()
    };
    let before = rows(&app);
    assert!(before.iter().any(|r| r == "Drilled criteria"), "{before:?}");
    assert!(!before.iter().any(|r| r.contains("Overall")), "{before:?}");
    assert!(
        !before
            .iter()
            .any(|r| r.contains("Names the current pain point")),
        "criteria not drilled are left out: {before:?}"
    );

    let history = ReviewData::new(
        &app.ctx.content,
        score_sessions(&app.ctx.content, vec![earlier]),
        vec![],
    );
    update(&mut app, Msg::ReviewLoaded(Ok(Arc::new(history))));
    let after = rows(&app);
    let line = after
        .iter()
        .find(|r| r.contains("Says where labels come from"))
        .unwrap_or_else(|| panic!("{after:?}"));
    assert!(line.contains("missing → covered · mastered"), "{line}");
    assert!(
        after
            .iter()
            .any(|r| r.starts_with("box 1 → 2 · next due 2026-11-28")),
        "{after:?}"
    );
    assert!(after.iter().any(|r| r == "Schedule"), "{after:?}");
    assert!(
        after
            .iter()
            .any(|r| r.starts_with("Due now:") && r.contains("streak: 2 days")),
        "{after:?}"
    );
}
