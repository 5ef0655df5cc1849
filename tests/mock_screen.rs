//! What the mock screen shows, driven through `update` with injected
//! time: the brief (prompt and context) at every size, collapsible and in
//! full; replies in full; wrapped answer lines that never start with a
//! space; exact pacing percentages; resuming paused; snapshots of the new
//! states at 80×24 and 120×40.

#[path = "support/mock_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::core::session::EventKind;
use mlsd_coach::tui::app::{App, Msg, update};
use mlsd_coach::tui::mock::{self, MockScreen};
use mlsd_coach::tui::screens::scorecard::Kind;
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> &MockScreen {
    app.screen
        .get::<MockScreen>()
        .unwrap_or_else(|| panic!("expected the mock screen, got {}", app.screen.name()))
}

fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// The screen's text with box borders and spaces squeezed, to look for
/// a sentence wrapped over several lines.
fn flat(out: &str) -> String {
    out.replace(['│', '┌', '┐', '└', '┘', '─'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

const CONTEXT_END: &str = "Leadership wants fewer losses without blocking more good customers.";

#[test]
fn the_brief_is_shown_and_opens_in_full_at_80x24() {
    let (mut a, _) = mock_app(Some(45), 7);
    let out = draw(&a, 80, 24);
    assert!(
        out.contains("Design fraud detection for a payments company."),
        "{out}"
    );
    assert!(out.contains("A payments company loses money"), "{out}");
    // Cut at this size, and it says how to see the rest.
    assert!(!flat(&out).contains(CONTEXT_END), "{out}");
    assert!(out.contains("^O full brief"), "{out}");
    update(&mut a, ctrl('o'));
    let full = draw(&a, 80, 24);
    assert!(full.contains("The brief"), "{full}");
    assert!(flat(&full).contains(CONTEXT_END), "{full}");
    // Typing while it is open goes nowhere; Esc closes it.
    typed(&mut a, "x");
    assert_eq!(screen(&a).editor.text(), "");
    update(&mut a, key(KeyCode::Esc));
    assert!(!screen(&a).brief.is_open());
    // At 120×40 the whole brief fits above the answer.
    assert!(flat(&draw(&a, 120, 40)).contains(CONTEXT_END));
}

#[test]
fn the_brief_collapses_to_one_line_and_back() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, key(KeyCode::F(2)));
    let out = draw(&a, 120, 40);
    assert!(out.contains("▸ F2 brief · ^O full"), "{out}");
    assert!(!out.contains("A payments company loses money"), "{out}");
    update(&mut a, key(KeyCode::F(2)));
    assert!(draw(&a, 120, 40).contains("A payments company loses money"));
}

#[test]
fn practice_shows_the_brief_and_opens_it_in_full() {
    let mut a = app();
    let mut s = mlsd_coach::core::session::Session::new(
        "fraud",
        mlsd_coach::core::session::Mode::Practice,
        t0(),
        "test",
    );
    s.id = "2026-11-27T09-00-00_fraud_prac".into();
    update(
        &mut a,
        Msg::SessionOpened {
            session: Box::new(s),
            read_only: false,
        },
    );
    let out = draw(&a, 80, 24);
    assert!(out.contains("A payments company loses money"), "{out}");
    assert!(!flat(&out).contains(CONTEXT_END), "{out}");
    update(&mut a, ctrl('o'));
    let full = draw(&a, 80, 24);
    assert!(flat(&full).contains(CONTEXT_END), "{full}");
    update(&mut a, key(KeyCode::Esc));
    typed(&mut a, "typed");
    assert!(draw(&a, 80, 24).contains("typed"));
}

#[test]
fn a_long_reply_is_shown_in_full() {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, ctrl('a'));
    typed(
        &mut a,
        "How much does fraud cost, and what does a blocked customer cost?",
    );
    update(&mut a, key(KeyCode::Enter));
    for (w, h) in [(80, 24), (120, 40)] {
        let out = flat(&draw(&a, w, h));
        assert!(
            out.contains("Client: Fraud costs us 0.3% of volume; a blocked good customer costs about 5 euros."),
            "{w}x{h}: {out}"
        );
    }
}

#[test]
fn the_newest_reply_shows_in_full_at_80x24_even_when_long() {
    let (mut a, _) = mock_app(Some(45), 7);
    for q in ["How much does fraud cost?", "What rules run today?"] {
        update(&mut a, ctrl('a'));
        typed(&mut a, q);
        update(&mut a, key(KeyCode::Enter));
    }
    let raw = draw(&a, 80, 24);
    // The conversation is right of the side panel (26 columns at 80).
    let right: String = raw
        .lines()
        .map(|l| l.chars().skip(26).collect::<String>() + "\n")
        .collect();
    let out = flat(&right);
    assert!(out.contains("You: What rules run today?"), "{raw}");
    assert!(
        out.contains(
            "Client: About 400 hand-written rules decline about 2% of all transactions and \
             catch around 55% of fraud by value. Payments the rules find suspicious but do \
             not decline are queued for two analysts, who confirm the cases they review \
             within a day or two; that is only the payments the rules flagged, so most \
             fraud is never reviewed by anyone at all. (noted)"
        ),
        "{raw}"
    );
}

#[test]
fn wrapped_answer_lines_never_start_with_a_space() {
    let (mut a, _) = mock_app(Some(45), 7);
    let text = "The pain point is fraud losses on card payments at checkout and \
                merchants who complain when good customers are blocked by the rules \
                engine that the risk team maintains by hand every week";
    typed(&mut a, text);
    let out = draw(&a, 80, 24);
    let inside: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split("││").nth(1))
        .filter_map(|l| l.strip_suffix('│'))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(inside.len() >= 3, "{out}");
    assert!(inside.iter().all(|l| !l.starts_with(' ')), "{inside:#?}");
}

#[test]
fn pacing_percentages_are_exact_past_255() {
    assert_eq!(mock::report::percent_of(60, 10), 600);
    assert_eq!(mock::report::percent_of(2, 3), 66);
    assert_eq!(mock::report::percent_of(5, 0), 500);
    // A one-minute mock: framing's budget is 20 s; spending the whole
    // minute in it is 300 %.
    let (mut a, _) = mock_app(Some(1), 7);
    tick_through(&mut a, 1, 40);
    let mut s = screen(&a).session.clone();
    s.elapsed_seconds = 60;
    let card = mock::score(&content(), &s);
    let rows = mock::report::rows(&content(), &s, &card);
    let framing = rows
        .iter()
        .find(|r| r.text.starts_with("framing "))
        .unwrap();
    assert_eq!(framing.kind, Kind::Bar { percent: 300 });
    assert_eq!(framing.text, "framing 1:00/0:20");
}

#[test]
fn a_session_resumed_after_a_crash_starts_paused_and_says_how_to_continue() {
    let (mut a, _) = mock_app(Some(45), 7);
    typed(&mut a, "Fraud losses.");
    tick_through(&mut a, 1, 75);
    // kill -9: only the last snapshot is left, no pause recorded.
    let snap = a.snapshot().unwrap();
    assert_ne!(snap.events.last().unwrap().kind, EventKind::Paused);
    let mut b = app();
    update(
        &mut b,
        Msg::SessionOpened {
            session: Box::new(snap),
            read_only: false,
        },
    );
    update(&mut b, Msg::Tick(at_secs(500)));
    update(&mut b, Msg::Tick(at_secs(600)));
    let m = screen(&b);
    assert!(m.mock.clock().is_paused());
    assert_eq!(m.mock.clock().elapsed_secs(), 75);
    assert_eq!(m.editor.text(), "Fraud losses.");
    let out = draw(&b, 80, 24);
    assert!(
        out.contains("Resumed where you stopped: 1:15 of 45:00 used."),
        "{out}"
    );
    assert!(out.contains("Press Enter or Ctrl-B to continue."), "{out}");
    // Typing does not reach the answer while paused; Enter continues.
    typed(&mut b, "zz");
    assert_eq!(screen(&b).editor.text(), "Fraud losses.");
    update(&mut b, key(KeyCode::Enter));
    update(&mut b, Msg::Tick(at_secs(610)));
    assert_eq!(screen(&b).mock.clock().elapsed_secs(), 85);
    let kinds: Vec<EventKind> = screen(&b)
        .session
        .events
        .iter()
        .map(|e| e.kind.clone())
        .collect();
    assert!(
        kinds.ends_with(&[EventKind::Paused, EventKind::Resumed]),
        "{kinds:?}"
    );
}

/// The states issue 16 added, at both sizes.
#[test]
fn snapshots_of_interjections_replies_the_brief_and_resuming() {
    let settings = settings();
    let waiting = waiting_app();
    // Replying to the curveball.
    let mut replying = waiting_app();
    update(&mut replying, ctrl('r'));
    typed(&mut replying, "A smaller model at checkout");
    // The brief in full.
    let (mut brief, _) = mock_app(Some(45), 7);
    update(&mut brief, ctrl('o'));
    // Resumed after an exit.
    let (mut left, _) = mock_app(Some(45), 7);
    tick_through(&mut left, 1, 75);
    let mut resumed = app();
    update(
        &mut resumed,
        Msg::SessionOpened {
            session: Box::new(left.snapshot().unwrap()),
            read_only: false,
        },
    );
    for (name, app) in [
        ("mock_waiting", &waiting),
        ("mock_replying", &replying),
        ("mock_brief", &brief),
        ("mock_resumed", &resumed),
    ] {
        for (w, h) in [(80, 24), (120, 40)] {
            let out = draw(app, w, h);
            settings.bind(|| insta::assert_snapshot!(format!("{name}_{w}x{h}"), out));
        }
    }
}

/// Curveballs and a follow-up waiting while the answer is typed.
fn waiting_app() -> App {
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, key(KeyCode::Tab));
    update(&mut a, key(KeyCode::Tab));
    tick_through(&mut a, 1, 5);
    typed(&mut a, "Labels for card fraud come from chargebacks.");
    update(&mut a, key(KeyCode::Tab));
    typed(&mut a, "A rules baseline first");
    a
}

/// Clearing an answer in the mock works as in practice: Ctrl-X asks, `y`
/// clears it, Ctrl-Z brings it back; with text selected Ctrl-X cuts it
/// instead, and an empty answer is not asked about.
#[test]
fn the_answer_can_be_cleared_after_asking_and_brought_back() {
    use mlsd_coach::tui::app::{ConfirmAction, Overlay};
    let (mut a, _) = mock_app(Some(45), 7);
    update(&mut a, ctrl('x'));
    assert!(a.overlay().is_none(), "nothing to clear yet");
    typed(&mut a, "chargebacks cost us money");
    update(&mut a, ctrl('x'));
    match a.overlay() {
        Some(Overlay::Confirm { text, action }) => {
            assert_eq!(*action, ConfirmAction::ClearAnswer);
            assert!(text.contains("4 words"), "{text}");
        }
        o => panic!("no confirmation: {o:?}"),
    }
    // `n` keeps it.
    update(&mut a, key(KeyCode::Char('n')));
    assert_eq!(screen(&a).editor.text(), "chargebacks cost us money");
    update(&mut a, ctrl('x'));
    update(&mut a, key(KeyCode::Char('y')));
    assert_eq!(screen(&a).editor.text(), "");
    // Saved like any edit: the next tick after the autosave delay writes it.
    let effects = tick_through(&mut a, 1, 3);
    assert!(
        saved(&effects).is_some_and(|s| s.answers.iter().all(|x| x.text.is_empty())),
        "{effects:?}"
    );
    update(&mut a, ctrl('z'));
    assert_eq!(screen(&a).editor.text(), "chargebacks cost us money");
    // A selection is cut, not the whole answer.
    let shift_left = || {
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Left,
            crossterm::event::KeyModifiers::SHIFT,
        ))
    };
    update(&mut a, shift_left());
    update(&mut a, shift_left());
    update(&mut a, ctrl('x'));
    assert!(a.overlay().is_none());
    assert_eq!(screen(&a).editor.text(), "chargebacks cost us mon");
}

/// However narrow the terminal and long the title, the clock shows whole:
/// the title gives way (it is cut with `…`).
#[test]
fn the_clock_shows_whole_and_a_long_title_gives_way() {
    let long =
        "Customer-support assistant answering from help-centre articles and resolved tickets";
    let (mut a, _) = mock_app(Some(45), 7);
    for sc in &mut std::sync::Arc::make_mut(&mut a.ctx.content).scenarios {
        sc.title = long.into();
    }
    for w in [50u16, 60, 80, 100, 120] {
        let out = draw(&a, w, 30);
        let head = out.lines().next().unwrap();
        assert!(head.contains("left of 45:00"), "width {w}: {head}");
        // Cut where it cannot fit with the clock, whole where it can.
        assert_eq!(head.contains(long), w >= 120, "width {w}: {head}");
    }
}
