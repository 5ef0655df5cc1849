//! Text helpers for the terminal: sanitising, display width, wrapping.
//!
//! Everything drawn comes from content files, session files or the user's
//! own typing; none of it may reach the terminal as a raw control or escape
//! sequence, and wide characters (CJK, emoji) are measured by display width.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One line of display text: tabs become a space, line breaks a space, every
/// other control character (C0, DEL, C1, including ESC) is dropped, and so
/// are emoji joiners (see [`is_joiner`]).
pub fn clean_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() || is_joiner(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if c.is_control() || is_joiner(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Text for the editor: CRLF and lone CR become LF, tabs stay, every other
/// control character is dropped.
pub fn normalize_input(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Characters that join or restyle emoji: the zero-width joiner
/// (👨‍👩‍👧), the emoji presentation selector (❤️) and skin-tone
/// modifiers (👍🏽). Terminals disagree on the width of such sequences
/// (one emoji of two cells, or each part drawn), which shifted borders;
/// they are left out of what is drawn, so each part is drawn on its own
/// and every width is the sum of its characters' widths.
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// Display width of one character as drawn (see [`is_joiner`]).
pub fn char_width(c: char) -> usize {
    if c.is_ascii() {
        usize::from(!c.is_ascii_control())
    } else if is_joiner(c) {
        0
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

/// Cut `s` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    let s = clean_line(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w + 1 > max {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Greedy word wrap to `max` cells; words wider than a line are broken at
/// grapheme boundaries. Always returns at least one (possibly empty) line.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let para = clean_line(para);
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word);
            let gap = usize::from(!line.is_empty());
            if used + gap + w <= max {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                used += gap + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= max {
                line.push_str(word);
                used = w;
                continue;
            }
            for g in word.graphemes(true) {
                let gw = width(g);
                if used + gw > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(g);
                used += gw;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_drops_escapes_and_keeps_text() {
        assert_eq!(clean_line("a\x1b[31mb\tc\nd\u{9b}e"), "a[31mb c de");
        assert!(matches!(clean_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn normalize_input_turns_cr_and_crlf_into_lf() {
        assert_eq!(normalize_input("a\r\nb\rc\nd\x07\x1b"), "a\nb\nc\nd");
        assert_eq!(normalize_input("tab\there"), "tab\there");
    }

    #[test]
    fn emoji_sequences_are_drawn_part_by_part() {
        // Once cleaned, a sequence is as wide as its characters, so the
        // terminal and the layout agree whether it joins them or not.
        for s in [
            "👨\u{200D}👩\u{200D}👧",
            "🇩🇪",
            "❤\u{FE0F}",
            "👍🏽",
            "a👨\u{200D}💻b",
            "日本",
        ] {
            let c = clean_line(s);
            let sum: usize = c.chars().map(char_width).sum();
            assert_eq!(width(&c), sum, "{s:?} → {c:?}");
            for g in c.graphemes(true) {
                assert_eq!(width(g), g.chars().map(char_width).sum::<usize>(), "{g:?}");
            }
        }
        assert_eq!(clean_line("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(width(&clean_line("👨\u{200D}👩\u{200D}👧")), 6);
    }

    #[test]
    fn truncate_measures_wide_characters() {
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(width(&truncate("日本語テキスト", 7)), 7);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrap_respects_width_and_breaks_long_words() {
        let lines = wrap("the quick brown fox jumps", 10);
        assert_eq!(lines, vec!["the quick", "brown fox", "jumps"]);
        let lines = wrap("日本語のテキストです", 6);
        assert!(lines.iter().all(|l| width(l) <= 6), "{lines:?}");
        assert_eq!(lines.concat(), "日本語のテキストです");
        assert_eq!(wrap("", 5), vec![String::new()]);
        assert_eq!(wrap("a\nb", 5), vec!["a", "b"]);
    }
}
