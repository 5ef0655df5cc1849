//! Rendering: snapshots of every screen at 80×24 and 120×40, every size
//! from 0×0 to 20×5 plus large ones without a panic, NO_COLOR, sanitising.

#[path = "support/tui_fixture.rs"]
mod fixture;

use crossterm::event::KeyCode;
use fixture::*;
use mlsd_coach::tui::app::{App, Msg, Screen, SessionInfo, update};
use mlsd_coach::tui::screens::interview::Interview;
use mlsd_coach::tui::screens::scorecard::ScorecardView;
use mlsd_coach::tui::theme::Theme;
use mlsd_coach::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use std::sync::Arc;

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    term
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Every screen the coach has, in a representative state.
fn screens() -> Vec<(&'static str, App)> {
    let mut v = Vec::new();

    let mut home = app();
    let mut open = session("2026-11-27T09-00-00_fraud-detection_k3f9");
    open.answer_mut("pain-point").text = "x".into();
    update(&mut home, Msg::SessionsListed(vec![SessionInfo::of(&open)]));
    v.push(("home", home));

    let mut picker = app();
    update(&mut picker, key(KeyCode::Char('p')));
    v.push(("picker", picker));

    let mut filtered = app();
    update(&mut filtered, key(KeyCode::Char('p')));
    typed(&mut filtered, "news");
    v.push(("picker_filtered", filtered));

    let mut editing = interview_app();
    typed(
        &mut editing,
        "The pain point is fraud losses: 2% of revenue.\nChargebacks arrive 60 days late, 日本語 and emoji 🎉 too.",
    );
    v.push(("interview_editor", editing));

    let mut list = interview_app();
    typed(&mut list, "A false positive blocks a good customer.");
    update(&mut list, key(KeyCode::Tab));
    update(&mut list, key(KeyCode::Esc));
    update(&mut list, key(KeyCode::Char('h')));
    if let Some(iv) = list.screen.get_mut::<Interview>() {
        iv.card = Some(scorecard());
        iv.show_live = true;
    }
    v.push(("interview_list_hint_live", list));

    let mut help = interview_app();
    update(&mut help, key(KeyCode::F(1)));
    v.push(("interview_help", help));

    let mut confirm = interview_app();
    update(&mut confirm, ctrl('g'));
    v.push(("interview_confirm_finish", confirm));

    let mut read_only = app();
    let mut s = session("s-ro");
    s.answer_mut("pain-point").text = "someone else's answer".into();
    update(
        &mut read_only,
        Msg::SessionOpened {
            session: Box::new(s),
            read_only: true,
        },
    );
    v.push(("interview_read_only", read_only));

    let mut card = app();
    let mut s = session("s-done");
    s.answer_mut("pain-point").text = "The pain point is fraud losses of 2% of revenue.".into();
    s.answer_mut("pain-point").seconds = 95;
    s.elapsed_seconds = 95;
    card.screen = Screen::new(ScorecardView::new(&content(), s, scorecard()));
    v.push(("scorecard", card));
    v
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.add_filter(r"\d{4}-\d{2}-\d{2}[ T]\d{2}[:-]\d{2}([:-]\d{2})?", "[time]");
    s.add_filter(r"/tmp/sessions", "[sessions]");
    s
}

#[test]
fn snapshots_of_every_screen() {
    let settings = settings();
    for (name, app) in screens() {
        for (w, h) in [(80, 24), (120, 40)] {
            let term = draw(&app, w, h);
            settings.bind(|| {
                insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(term.backend().buffer()));
            });
        }
    }
}

#[test]
fn every_screen_survives_every_small_and_large_size() {
    for (name, app) in screens() {
        for w in 0..=20 {
            for h in 0..=5 {
                let term = draw(&app, w, h);
                if w >= 18 && h >= 1 {
                    assert!(
                        text(term.backend().buffer()).contains("Terminal too small"),
                        "{name} at {w}x{h}"
                    );
                }
            }
        }
        for (w, h) in [
            (49, 30),
            (50, 14),
            (80, 24),
            (120, 40),
            (300, 100),
            (1000, 3),
        ] {
            draw(&app, w, h);
        }
    }
}

#[test]
fn resizing_between_frames_is_fine() {
    for (_, app) in screens() {
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for (w, h) in [(120, 40), (10, 3), (0, 0), (300, 100), (50, 14), (80, 24)] {
            term.backend_mut().resize(w, h);
            term.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
            term.draw(|f| view::draw(f, &app)).unwrap();
        }
    }
}

#[test]
fn no_color_theme_draws_without_colours() {
    for (name, mut app) in screens() {
        app.ctx.theme = Theme::plain();
        let term = draw(&app, 120, 40);
        let buf = term.backend().buffer();
        for cell in buf.content() {
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{name}: cell {:?} has a colour",
                cell.symbol()
            );
        }
    }
}

#[test]
fn colour_theme_uses_only_named_colours_and_no_background() {
    for (name, mut app) in screens() {
        app.ctx.theme = Theme::color();
        let term = draw(&app, 120, 40);
        for cell in term.backend().buffer().content() {
            assert!(
                !matches!(cell.fg, Color::Rgb(..) | Color::Indexed(_)),
                "{name}: {:?}",
                cell.fg
            );
            assert!(
                matches!(cell.bg, Color::Reset | Color::LightBlue),
                "{name}: background {:?}",
                cell.bg
            );
        }
    }
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let mut app = app();
    let mut s = session("ctl");
    s.scenario = "news-feed".into();
    s.answer_mut("pain-point").text = "bell\x07 esc\x1b[2J csi\u{9b}31m tab\tend".into();
    update(
        &mut app,
        Msg::SessionOpened {
            session: Box::new(s),
            read_only: false,
        },
    );
    update(&mut app, Msg::Paste("\x1b]0;title\x07 pasted".into()));
    let mut shots = vec![draw(&app, 120, 40)];
    let mut picker = fixture::app();
    update(&mut picker, key(KeyCode::Char('p')));
    update(&mut picker, key(KeyCode::Down));
    shots.push(draw(&picker, 120, 40));
    for term in shots {
        for cell in term.backend().buffer().content() {
            assert!(
                !cell.symbol().chars().any(char::is_control),
                "control character in {:?}",
                cell.symbol()
            );
        }
        let t = text(term.backend().buffer());
        assert!(!t.contains('\x1b'));
    }
}

#[test]
fn wide_characters_are_measured_by_display_width() {
    let mut app = fixture::app();
    update(&mut app, key(KeyCode::Char('p')));
    update(&mut app, key(KeyCode::Down));
    for w in [50u16, 57, 63, 80, 120] {
        let term = draw(&app, w, 20);
        let buf = term.backend().buffer();
        let row = (0..buf.area.height)
            .map(|y| {
                let mut line = String::new();
                let mut x = 0;
                while x < buf.area.width {
                    let sym = buf[(x, y)].symbol();
                    line.push_str(sym);
                    // A wide character covers the next cell.
                    x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
                }
                line
            })
            .find(|l| l.contains("› News feed"))
            .unwrap_or_else(|| panic!("no selected news feed row at width {w}"));
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(row.as_str()),
            w as usize,
            "{row}"
        );
        // Whole, or cut with an ellipsis: never half a character.
        assert!(row.contains("📰 日本") || row.contains('…'), "{row}");
    }
}

#[test]
fn home_shows_where_sessions_are_stored() {
    let term = draw(&app(), 80, 24);
    let t = text(term.backend().buffer());
    assert!(t.contains("/tmp/sessions"), "{t}");
    assert!(t.contains("--sessions-dir"));
}

#[test]
fn the_app_is_shareable_content_wise() {
    // Screens only read content through the context.
    let app = app();
    assert_eq!(Arc::strong_count(&app.ctx.content), 1);
}

#[test]
fn scorecard_scrolls_to_the_exemplar_and_back() {
    let mut app = app();
    let s = session("s-done");
    app.screen = Screen::new(ScorecardView::new(&content(), s, scorecard()));
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| view::draw(f, &app)).unwrap();
    assert!(!text(term.backend().buffer()).contains("Cost of a missed fraud"));
    update(&mut app, key(KeyCode::End));
    term.draw(|f| view::draw(f, &app)).unwrap();
    let t = text(term.backend().buffer());
    assert!(t.contains("Cost of a missed fraud"), "{t}");
    assert!(t.contains("of 33"), "{t}");
    // Scrolling past the end stays at the end; Home goes back up.
    update(&mut app, key(KeyCode::Down));
    term.draw(|f| view::draw(f, &app)).unwrap();
    assert_eq!(text(term.backend().buffer()), t);
    update(&mut app, key(KeyCode::Home));
    term.draw(|f| view::draw(f, &app)).unwrap();
    assert!(text(term.backend().buffer()).contains("Overall"));
}

#[test]
fn help_keeps_its_closing_line_on_a_short_terminal() {
    let mut app = interview_app();
    update(&mut app, key(KeyCode::F(1)));
    for h in [14, 18, 24] {
        let t = text(draw(&app, 80, h).backend().buffer());
        assert!(t.contains("Press any key to close"), "height {h}:\n{t}");
    }
    let t = text(draw(&app, 80, 40).backend().buffer());
    assert!(t.contains("Ctrl-C                  save and quit"), "{t}");
}
