//! Styled text helpers for the review pages: wrapping runs of styled text
//! to a width, and small formatting helpers.

use crate::core::scoring::Status;
use crate::core::time::format_mss;
use crate::tui::text::clean_line;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Styled characters of a word, with the style of the space before it.
type Word = (Option<Style>, Vec<(char, Style)>);

/// Word-wrap styled runs to `width` cells (words wider than a line are
/// broken). Control characters are dropped; at least one line is returned.
pub fn wrap_spans(runs: &[(String, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 1);
    let cells: Vec<(char, Style)> = runs
        .iter()
        .flat_map(|(t, s)| clean_line(t).chars().map(|c| (c, *s)).collect::<Vec<_>>())
        .collect();
    // Words, each with the style of the space before it.
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Vec<(char, Style)> = Vec::new();
    let mut space: Option<Style> = None;
    for (c, s) in cells {
        if c == ' ' {
            if !cur.is_empty() {
                words.push((space.take(), std::mem::take(&mut cur)));
            }
            space = Some(s);
        } else {
            cur.push((c, s));
        }
    }
    if !cur.is_empty() {
        words.push((space, cur));
    }
    let cw = |c: char| c.width().unwrap_or(0);
    let mut lines: Vec<Vec<(char, Style)>> = Vec::new();
    let pad: Vec<(char, Style)> = vec![(' ', Style::default()); indent];
    let mut line: Vec<(char, Style)> = pad.clone();
    let mut used = indent;
    for (i, (sp, word)) in words.into_iter().enumerate() {
        let ww: usize = word.iter().map(|(c, _)| cw(*c)).sum();
        let gap = usize::from(used > indent && i > 0);
        if used + gap + ww <= width {
            if gap == 1 {
                line.push((' ', sp.unwrap_or_default()));
            }
            used += gap + ww;
            line.extend(word);
            continue;
        }
        if used > indent {
            lines.push(std::mem::replace(&mut line, pad.clone()));
            used = indent;
        }
        for (c, s) in word {
            let w = cw(c);
            if used + w > width && used > indent {
                lines.push(std::mem::replace(&mut line, pad.clone()));
                used = indent;
            }
            line.push((c, s));
            used += w;
        }
    }
    lines.push(line);
    lines.into_iter().map(to_line).collect()
}

fn to_line(cells: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style: Option<Style> = None;
    for (c, s) in cells {
        if style.is_some_and(|x| x != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans)
}

/// Wrap one plain paragraph in a style.
pub fn para(text: &str, style: Style, width: usize, indent: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for p in text.trim_end().split('\n') {
        out.extend(wrap_spans(&[(p.to_string(), style)], width, indent));
    }
    out
}

pub fn status_mark(s: Status) -> &'static str {
    crate::core::report::mark(s)
}

pub fn status_style(t: &Theme, s: Status) -> Style {
    match s {
        Status::Covered => t.covered,
        Status::Partial => t.partial,
        Status::Missing => t.missing,
    }
}

/// `+4.5`, `-3.0`, `±0.0`.
pub fn signed(x: f32) -> String {
    if x > 0.05 {
        format!("+{x:.1}")
    } else if x < -0.05 {
        format!("{x:.1}")
    } else {
        "±0.0".to_string()
    }
}

/// A time spent as `m:ss` (`h:mm:ss` from an hour), `–` when none was
/// recorded.
pub fn duration(seconds: u64) -> String {
    if seconds == 0 {
        "–".to_string()
    } else {
        format_mss(seconds)
    }
}

/// A text bar of `width` cells for a 0–100 score.
pub fn bar(score: f32, width: usize) -> String {
    let full = ((score.clamp(0.0, 100.0) / 100.0) * width as f32).round() as usize;
    format!(
        "{}{}",
        "█".repeat(full),
        "░".repeat(width - full.min(width))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::text::width;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wraps_and_keeps_styles() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let lines = wrap_spans(
            &[
                ("one two ".into(), Style::default()),
                ("three four".into(), bold),
                (" five".into(), Style::default()),
            ],
            10,
            0,
        );
        let t: Vec<String> = lines.iter().map(text).collect();
        assert_eq!(t, ["one two", "three four", "five"]);
        assert_eq!(lines[1].spans.len(), 1);
        assert_eq!(lines[1].spans[0].style, bold);
    }

    #[test]
    fn indents_breaks_long_words_and_drops_escapes() {
        let lines = wrap_spans(&[("ab cdefghijkl".into(), Style::default())], 6, 2);
        let t: Vec<String> = lines.iter().map(text).collect();
        assert_eq!(t, ["  ab", "  cdef", "  ghij", "  kl"]);
        assert!(t.iter().all(|l| width(l) <= 6));
        let lines = wrap_spans(&[("a\x1b[2Jb 日本語".into(), Style::default())], 40, 0);
        assert_eq!(text(&lines[0]), "a[2Jb 日本語");
        assert_eq!(wrap_spans(&[], 10, 0).len(), 1);
    }

    #[test]
    fn formats() {
        assert_eq!(signed(4.5), "+4.5");
        assert_eq!(signed(-3.0), "-3.0");
        assert_eq!(signed(0.0), "±0.0");
        assert_eq!(duration(0), "–");
        assert_eq!(duration(5), "0:05");
        assert_eq!(duration(190), "3:10");
        assert_eq!(duration(3905), "1:05:05");
        assert_eq!(bar(50.0, 4), "██░░");
        assert_eq!(bar(150.0, 2), "██");
    }
}
