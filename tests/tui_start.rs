//! Starting things on purpose: home's mock entry opens a setup step
//! (scenario or random, length, seed shown and re-rollable) and its random
//! entry a preview of the drawn scenario with a re-roll.

#[path = "support/mock_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::tui::app::{App, Effect, update};
use mlsd_coach::tui::screens::setup::{MockSetup, RandomPreview};
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn created(effects: &[Effect]) -> &mlsd_coach::core::session::Session {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateSession(s) => Some(s.as_ref()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no session created: {effects:?}"))
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn home_m_opens_the_mock_setup_instead_of_starting() {
    let mut a = app();
    assert!(update(&mut a, key(KeyCode::Char('m'))).is_empty());
    let setup = a.screen.get::<MockSetup>().expect("the setup step").clone();
    assert_eq!(setup.scenario, None, "random by default");
    assert_eq!(setup.minutes, 45, "the content's length");
    insta::assert_snapshot!(
        "mock_setup_80x24",
        screen(&a).replace(&setup.seed.to_string(), "SEED")
    );

    // Pick the scenario, a shorter length, a new seed.
    update(&mut a, key(KeyCode::Right));
    update(&mut a, key(KeyCode::Down));
    update(&mut a, key(KeyCode::Left));
    update(&mut a, key(KeyCode::Char('r')));
    let chosen = a.screen.get::<MockSetup>().unwrap().clone();
    assert_eq!(chosen.scenario, Some(0));
    assert_eq!(chosen.minutes, 40);
    assert_ne!(chosen.seed, setup.seed, "r re-rolls the seed");
    assert!(
        screen(&a).contains(&chosen.seed.to_string()),
        "the seed is shown"
    );
    let effects = update(&mut a, key(KeyCode::Enter));
    let s = created(&effects);
    assert_eq!(s.scenario, "fraud");
    assert_eq!((s.minutes, s.seed), (Some(40), Some(chosen.seed)));
    // Esc goes back home.
    let mut a = app();
    update(&mut a, key(KeyCode::Char('m')));
    update(&mut a, key(KeyCode::Esc));
    assert_eq!(a.screen.name(), "home");
}

#[test]
fn a_random_mock_draws_its_scenario_at_start() {
    let mut a = app();
    update(&mut a, key(KeyCode::Char('m')));
    let effects = update(&mut a, key(KeyCode::Enter));
    let s = created(&effects);
    assert!(a.ctx.content.scenario(&s.scenario).is_some());
    assert_eq!(s.minutes, Some(45));
}

#[test]
fn home_r_previews_a_random_scenario_and_re_rolls() {
    let mut a = app();
    let mut c = content();
    let mut other = c.scenarios[0].clone();
    other.id = "ads".into();
    other.title = "Ad click prediction".into();
    c.scenarios.push(other);
    a.ctx.content = std::sync::Arc::new(c);
    assert!(update(&mut a, key(KeyCode::Char('r'))).is_empty());
    let first = a.screen.get::<RandomPreview>().expect("a preview").scenario;
    let title = a.ctx.content.scenarios[first].title.clone();
    assert!(screen(&a).contains(&title), "the drawn scenario is shown");
    // With more than one scenario, a re-roll draws another.
    assert!(a.ctx.content.scenarios.len() > 1);
    update(&mut a, key(KeyCode::Char('r')));
    let second = a.screen.get::<RandomPreview>().unwrap().scenario;
    assert_ne!(first, second);
    let effects = update(&mut a, key(KeyCode::Enter));
    assert_eq!(
        created(&effects).scenario,
        a.ctx.content.scenarios[second].id
    );
}
