//! What a new user trips over, as flow tests through `update` and
//! snapshots on TestBackend: input while the terminal is too small, emoji
//! widths, the question pane's width, the picker with no match, undo by
//! word and clearing an answer, the confirm legend, the resume label, one
//! partial mark, the finish warning, what each answer covers, the ticking
//! clock and the footer keeping its help key.

#[path = "support/tui_fixture.rs"]
mod fixture;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fixture::*;
use mlsd_coach::core::session::Mode;
use mlsd_coach::tui::app::{App, ConfirmAction, Msg, Overlay, SessionInfo, update};
use mlsd_coach::tui::screens::interview::{Focus, Interview, list_width};
use mlsd_coach::tui::view;
use mlsd_coach::tui::vocab::key as help_key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App, w: u16, h: u16) -> String {
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

fn iv(app: &App) -> &Interview {
    app.screen.get::<Interview>().expect("the interview")
}

#[test]
fn keys_typed_while_the_terminal_is_too_small_are_ignored() {
    let mut app = interview_app();
    update(&mut app, Msg::Resize(40, 10));
    assert!(screen(&app, 40, 10).contains("Terminal too small"));
    typed(&mut app, "lost text");
    update(&mut app, Msg::Paste("pasted".into()));
    assert_eq!(iv(&app).editor_text(), "", "nothing changes unseen");
    // Ctrl-C still quits.
    update(&mut app, ctrl('c'));
    assert!(app.quitting);
    let mut app = interview_app();
    update(&mut app, Msg::Resize(40, 10));
    update(&mut app, Msg::Resize(80, 24));
    typed(&mut app, "seen");
    assert_eq!(iv(&app).editor_text(), "seen");
}

#[test]
fn zwj_emoji_and_flags_leave_the_borders_in_place() {
    use mlsd_coach::tui::text::{char_width, width};
    let mut app = interview_app();
    typed(
        &mut app,
        "Family 👨\u{200D}👩\u{200D}👧 and flag 🇩🇪 and ❤\u{FE0F} and 👍🏽 end",
    );
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| view::draw(f, &app)).unwrap();
    let buf = term.backend().buffer();
    // Each cell holds what a terminal draws in exactly the cells counted
    // for it, whether or not it joins emoji: no joiner, no sequence whose
    // width differs from the sum of its characters'.
    for y in 0..24 {
        for x in 0..80 {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.contains('\u{200D}') && !sym.contains('\u{FE0F}'),
                "{sym:?} at {x},{y}"
            );
            assert_eq!(
                width(sym),
                sym.chars().map(char_width).sum::<usize>(),
                "{sym:?} at {x},{y}"
            );
        }
    }
    let text = screen(&app, 80, 24);
    let row = text.lines().find(|l| l.contains("Family")).unwrap();
    assert!(row.contains("👨 👩 👧"), "drawn part by part: {row}");
    assert!(row.ends_with('│'), "{row}");
}

#[test]
fn the_question_pane_takes_a_share_of_the_width() {
    assert_eq!(list_width(80), 24);
    assert_eq!(list_width(120), 36);
    assert_eq!(list_width(200), 60);
    assert_eq!(list_width(50), 20);
    let app = interview_app();
    let wide = screen(&app, 200, 40);
    let top = wide.lines().find(|l| l.contains("┌ Questions")).unwrap();
    // The list box's top-right corner sits at column 60.
    assert_eq!(top.chars().position(|c| c == '┐'), Some(59), "{top}");
}

#[test]
fn the_picker_says_when_nothing_matches() {
    let mut app = app();
    update(&mut app, key(KeyCode::Char('p')));
    typed(&mut app, "zzz");
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("no scenario matches — Esc to clear"),
        "{text}"
    );
    update(&mut app, key(KeyCode::Esc));
    assert!(!screen(&app, 80, 24).contains("no scenario matches"));
    insta::assert_snapshot!("picker_no_match_80x24", {
        typed(&mut app, "zzz");
        screen(&app, 80, 24)
    });
}

#[test]
fn undo_takes_back_a_word_and_the_answer_can_be_cleared() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    typed(&mut app, "fraud costs us money");
    update(&mut app, ctrl('z'));
    assert_eq!(iv(&app).editor_text(), "fraud costs us ");
    update(&mut app, ctrl('z'));
    assert_eq!(iv(&app).editor_text(), "fraud costs ");
    update(&mut app, ctrl('y'));
    assert_eq!(iv(&app).editor_text(), "fraud costs us ");
    // A pause starts a new group within a word.
    typed(&mut app, "mon");
    update(&mut app, Msg::Tick(at_ms(3_000)));
    typed(&mut app, "ey");
    update(&mut app, ctrl('z'));
    assert_eq!(iv(&app).editor_text(), "fraud costs us mon");

    // Clear: Esc, x, a confirmation, then Ctrl-Z brings it back.
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Char('x')));
    match app.overlay() {
        Some(Overlay::Confirm { text, action }) => {
            assert_eq!(*action, ConfirmAction::ClearAnswer);
            assert!(text.contains("4 words"), "{text}");
            assert!(!text.contains("(y/n)"), "one key legend: {text}");
        }
        o => panic!("no confirmation: {o:?}"),
    }
    let effects = update_saved(&mut app, key(KeyCode::Char('y')));
    assert!(effects.is_empty() || saved(&effects).is_none());
    assert_eq!(iv(&app).editor_text(), "");
    assert_eq!(iv(&app).focus, Focus::Editor);
    update(&mut app, ctrl('z'));
    assert_eq!(iv(&app).editor_text(), "fraud costs us mon");
}

#[test]
fn confirm_dialogs_show_one_key_legend() {
    let mut app = interview_app();
    update(&mut app, ctrl('q'));
    let text = screen(&app, 80, 24);
    assert_eq!(text.matches("y/Enter yes").count(), 1, "{text}");
    assert!(!text.contains("(y/n)"), "{text}");
}

#[test]
fn resume_rows_name_the_mode_once() {
    let mut app = app();
    let mut mock = session("2026-11-27T09-00-00_fraud-detection_mk01");
    mock.mode = Mode::Mock;
    update(&mut app, Msg::SessionsListed(vec![SessionInfo::of(&mock)]));
    let text = screen(&app, 80, 24);
    let row = text.lines().find(|l| l.contains("Resume")).unwrap();
    assert!(row.contains("Resume mock: Fraud detection"), "{row}");
    assert!(!row.contains("(mock)"), "{row}");
}

#[test]
fn partial_is_one_mark_everywhere() {
    use mlsd_coach::core::scoring::Status;
    assert_eq!(mlsd_coach::core::report::mark(Status::Partial), "◐");
    let content = content();
    let rows = mlsd_coach::tui::screens::scorecard::rows(&content, &session("s1"), &scorecard());
    let text: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    assert!(text.iter().any(|t| t.starts_with("◐ Weighs")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("1◐")), "{text:?}");
    assert!(!text.iter().any(|t| t.starts_with("~ ") || t.contains("1~")));
}

#[test]
fn finishing_with_unanswered_questions_warns() {
    let mut app = interview_app();
    typed(&mut app, "The pain point is fraud.");
    update(&mut app, ctrl('g'));
    match app.overlay() {
        Some(Overlay::Confirm { text, .. }) => {
            assert!(text.contains("2 of 3 questions are unanswered"), "{text}")
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn each_question_shows_what_its_own_answer_covers() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    // Answer Q1 in words that also meet Q2's false-positive criterion.
    typed(
        &mut app,
        "The pain point is fraud; a false positive blocks a good customer and a false negative loses money.",
    );
    update(&mut app, Msg::Tick(at_ms(700)));
    let cov = |app: &App, q: &str| iv(app).coverage(&app.ctx.content, q).unwrap();
    let q1 = cov(&app, "pain-point");
    assert_eq!((q1.own, q1.elsewhere), (1.0, 0.0));
    let q2 = cov(&app, "fp-fn-cost");
    assert_eq!(q2.own, 0.0, "Q2 is not answered");
    assert!(q2.elsewhere > 0.0, "but Q1 met one of its criteria");
    let text = screen(&app, 120, 40);
    let q2_row = text
        .lines()
        .find(|l| l.contains("What's more costly"))
        .unwrap();
    assert!(q2_row.contains("–") && !q2_row.contains('%'), "{q2_row}");
    // On Q2, the pane says where its points came from.
    update(&mut app, key(KeyCode::Tab));
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("Not answered yet (2 criteria) · 1 met by other answers"),
        "{text}"
    );
    assert!(text.contains("· Q2/3 · 0:00 · 1 answered"), "{text}");
}

#[test]
fn the_header_clock_ticks_without_a_key() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    typed(&mut app, "a");
    update(&mut app, Msg::Tick(at_ms(100)));
    // A tick is asked for within the second, and each moves the clock.
    let mut now = at_ms(100);
    for _ in 0..5 {
        let due = app.deadline().expect("a tick is due");
        assert!(
            due <= now + chrono::Duration::seconds(1),
            "{due} after {now}"
        );
        now = due;
        update(&mut app, Msg::Tick(now));
    }
    assert!(
        iv(&app).session.elapsed_seconds >= 4,
        "{}",
        iv(&app).session.elapsed_seconds
    );
    assert!(screen(&app, 80, 24).contains(&format!("0:0{}", iv(&app).session.elapsed_seconds)));
    // Away for ten minutes: the clock stops a minute after the last key,
    // and no more ticks are asked for.
    update(&mut app, Msg::Tick(at_ms(600_000)));
    assert_eq!(iv(&app).session.elapsed_seconds, 60);
    assert_eq!(app.deadline(), None);
}

#[test]
fn the_footer_keeps_the_help_key_when_keys_must_go() {
    let keys = [
        help_key("Tab/S-Tab", "next/prev"),
        help_key("Esc", "questions"),
        help_key("^G", "finish"),
        help_key("F1", "help"),
    ];
    let shown: Vec<&str> = view::footer_keys(&keys, 40)
        .iter()
        .map(|k| k.keys)
        .collect();
    assert_eq!(shown, ["Tab/S-Tab", "F1"]);
    assert_eq!(view::footer_keys(&keys, 200).len(), 4);
    // A long status line in a drill no longer pushes ^G and F1 out.
    let mut app = interview_app();
    app.ctx.info("drill: pain-point, fp-fn-cost, labels");
    let text = screen(&app, 80, 24);
    assert!(text.lines().last().unwrap().contains("F1 help"), "{text}");
}

#[test]
fn ctrl_c_on_a_too_small_terminal_still_quits_outside_a_session() {
    let mut app = app();
    update(&mut app, Msg::Resize(20, 5));
    update(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
    );
    assert!(!app.quitting, "q is ignored while nothing is visible");
    update(&mut app, ctrl('c'));
    assert!(app.quitting);
}

#[test]
fn the_export_prompt_shows_the_end_of_a_long_path() {
    let mut app = app();
    app.ctx.export_dir = std::path::PathBuf::from(
        "/home/someone/a/very/long/directory/name/that/does/not/fit/in/the/box/at/all",
    );
    let card = scorecard();
    app.screen = mlsd_coach::tui::app::Screen::new(
        mlsd_coach::tui::screens::scorecard::ScorecardView::new(&content(), session("s1"), card),
    );
    update(&mut app, key(KeyCode::Char('e')));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Export the report (Markdown) to:"), "{text}");
    assert!(
        text.contains("…") && text.contains("/at/all/s1.md▏"),
        "{text}"
    );
    assert!(text.contains("Enter accept   Esc cancel"), "{text}");
    update(&mut app, key(KeyCode::Esc));
    assert!(app.overlay().is_none());
}

#[test]
fn a_path_in_the_status_line_is_shown_whole_at_80_columns() {
    let mut app = interview_app();
    let msg = "exported to /tmp/sessions/2026-12-06T09-26-46_fraud-detection_n9wp.md";
    app.ctx.info(msg);
    let text = screen(&app, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(footer.contains(msg), "{footer}");
    assert!(footer.contains("F1 help"), "{footer}");
}

/// In the practice editor, Ctrl-X with nothing selected asks to clear the
/// answer, as `x` does in the question list.
#[test]
fn ctrl_x_in_the_practice_editor_asks_to_clear_the_answer() {
    let mut app = interview_app();
    update(&mut app, Msg::Tick(at_ms(0)));
    typed(&mut app, "fraud costs us money");
    update(&mut app, ctrl('x'));
    match app.overlay() {
        Some(Overlay::Confirm { action, .. }) => assert_eq!(*action, ConfirmAction::ClearAnswer),
        o => panic!("no confirmation: {o:?}"),
    }
    update_saved(&mut app, key(KeyCode::Char('y')));
    assert_eq!(iv(&app).editor_text(), "");
}
