//! The editor's wrapping, row motions, selection and long lines.

use super::*;

fn rows(s: &str, w: usize) -> Vec<&str> {
    wrap_rows(s, w).into_iter().map(|(a, b)| &s[a..b]).collect()
}

#[test]
fn wraps_at_spaces_and_cuts_long_words() {
    assert_eq!(
        rows("the quick brown fox", 10),
        vec!["the quick ", "brown fox"]
    );
    assert_eq!(rows("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    assert_eq!(rows("", 4), vec![""]);
    assert_eq!(rows("日本語です", 4), vec!["日本", "語で", "す"]);
    // Rows cover the line exactly.
    let s = "a bb ccc dddd eeeee ffffff ggggggg";
    for w in 1..12 {
        assert_eq!(rows(s, w).concat(), s);
        for r in rows(s, w) {
            assert!(width_of(r.trim_end()) <= w, "{r:?} at {w}");
        }
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

proptest::proptest! {
    #[test]
    fn cached_rows_match_a_fresh_wrap(
        ops in proptest::collection::vec(0u8..10, 1..300),
        w in 3usize..14,
    ) {
        let mut e = Editor::new("start of the answer with some words");
        e.jump_to_end();
        let area = Rect::new(0, 0, w as u16 + 1, 6);
        let mut buf = Buffer::empty(area);
        for op in ops {
            let k = match op {
                0 => key(KeyCode::Char(' ')),
                1 => key(KeyCode::Char('x')),
                2 => key(KeyCode::Char('日')),
                3 => key(KeyCode::Backspace),
                4 => key(KeyCode::Left),
                5 => key(KeyCode::Right),
                6 => KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL),
                7 => key(KeyCode::Delete),
                8 => key(KeyCode::Enter),
                _ => key(KeyCode::Up),
            };
            e.key(k);
            (&e).render(area, &mut buf);
            for l in 0..e.lines().len() {
                let fresh = wrap_rows(&e.lines()[l], w);
                proptest::prop_assert_eq!(e.rows_cached(l, w), fresh);
            }
        }
    }
}

#[test]
fn up_and_down_move_by_screen_rows_inside_a_paragraph() {
    let mut e = Editor::new("aaaa bbbb cccc dddd");
    e.size.set((6, 5)); // text width 5
    e.jump(0, 0);
    e.key(key(KeyCode::Down));
    assert_eq!(e.cursor(), (0, 5));
    e.key(key(KeyCode::Right));
    e.key(key(KeyCode::Down));
    assert_eq!(e.cursor(), (0, 11));
    e.key(key(KeyCode::Up));
    e.key(key(KeyCode::Up));
    assert_eq!(e.cursor(), (0, 1));
    e.key(key(KeyCode::Up));
    assert_eq!(e.cursor(), (0, 1), "stays on the first row");
}

#[test]
fn jump_reaches_the_end_of_a_very_long_line() {
    let line = "word ".repeat(20_000);
    let mut e = Editor::new(&format!("{line}\nnext"));
    e.jump(0, usize::MAX);
    assert_eq!(e.cursor(), (0, 100_000));
    e.jump(0, 65_600);
    assert_eq!(e.cursor(), (0, 65_600));
    e.jump(9, 2);
    assert_eq!(e.cursor(), (1, 2));
}

#[test]
fn selection_is_drawn_and_cancelled_by_a_plain_move() {
    let mut e = Editor::new("alpha beta gamma");
    e.jump(0, 0);
    for _ in 0..5 {
        e.key(KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT));
    }
    assert_eq!(e.ta.selection_range(), Some(((0, 0), (0, 5))));
    let area = Rect::new(0, 0, 30, 2);
    let mut buf = Buffer::empty(area);
    (&e).render(area, &mut buf);
    let reversed = |x: u16| buf[(x, 0)].modifier.contains(Modifier::REVERSED);
    assert!((0..5).all(reversed), "the selected word is highlighted");
    assert!(reversed(5), "the cursor cell");
    assert!(!reversed(7));
    e.key(key(KeyCode::Down));
    assert_eq!(e.ta.selection_range(), None);
}

#[test]
fn render_keeps_the_cursor_visible() {
    let text: String = (0..200).map(|i| format!("word{i} ")).collect();
    let mut e = Editor::new(&text);
    e.jump_to_end();
    let area = Rect::new(0, 0, 20, 4);
    let mut buf = Buffer::empty(area);
    (&e).render(area, &mut buf);
    let shown: String = (0..4)
        .flat_map(|y| (0..20).map(move |x| (x, y)))
        .map(|p| buf[p].symbol().to_string())
        .collect();
    assert!(shown.contains("word199"), "{shown}");
    e.jump(0, 0);
    (&e).render(area, &mut buf);
    let first: String = (0..20).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    assert!(first.starts_with("word0 word1"), "{first}");
}
