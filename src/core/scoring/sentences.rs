//! Splitting an answer into sentences: line by line (bullets and numbered
//! items are sentences, headings are marked), then on sentence ends that
//! are not part of a number or an abbreviation. Code blocks are skipped.

use unicode_segmentation::UnicodeSegmentation;

/// One sentence of an answer.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The sentence as written (bullet markers trimmed).
    pub text: &'a str,
    /// 1-based line within the answer.
    pub line: usize,
    /// A Markdown heading or a short line ending with a colon.
    pub heading: bool,
}

/// Splits an answer into sentences: each line separately, then on
/// sentence ends. A bullet line is a sentence (or several).
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let mut in_code = false;
    for (i, raw_line) in text.lines().enumerate() {
        let line = raw_line.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.is_empty() {
            continue;
        }
        let (body, heading) = strip_line(line);
        if body.is_empty() {
            continue;
        }
        if heading {
            out.push(Sentence {
                text: body,
                line: i + 1,
                heading: true,
            });
            continue;
        }
        split_sentences(body, |s| {
            let s = s.trim();
            if !s.is_empty() {
                out.push(Sentence {
                    text: s,
                    line: i + 1,
                    heading: false,
                });
            }
        });
    }
    out
}

/// Removes bullet / quote markers; tells whether the line is a heading.
fn strip_line(line: &str) -> (&str, bool) {
    if let Some(rest) = line.strip_prefix('#') {
        return (rest.trim_start_matches('#').trim(), true);
    }
    let mut s = line;
    // Only a line starting with a marker character can lose a marker.
    while s
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'-' | b'*' | b'+' | b'>' | b'0'..=b'9' | 0xE2))
    {
        let t = s.trim_start();
        let stripped = t
            .strip_prefix("- [ ] ")
            .or_else(|| t.strip_prefix("- [x] "))
            .or_else(|| t.strip_prefix("- "))
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "))
            .or_else(|| t.strip_prefix("• "))
            .or_else(|| t.strip_prefix("> "))
            .or_else(|| strip_numbered(t));
        match stripped {
            Some(r) => s = r,
            None => break,
        }
    }
    let s = s.trim();
    // A short line ending with a colon, or a line that is only bold text, is a heading.
    let bold_only = s.len() > 4
        && s.starts_with("**")
        && s.ends_with("**")
        && !s[2..s.len() - 2].contains("**");
    let heading = (s.ends_with(':') || bold_only) && s.unicode_words().take(7).count() <= 6;
    (s, heading)
}

fn strip_numbered(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))
}

/// Splits a line on sentence ends ('.', '!', '?' followed by a space and
/// not part of a number or a common abbreviation), calling `f` with each.
fn split_sentences<'a>(line: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += k;
        let b = bytes[i];
        // Consume runs like "?!" or "...".
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'') {
            j += 1;
        }
        let at_space = j >= bytes.len() || bytes[j] == b' ' || bytes[j] == b'\t';
        if at_space && !(b == b'.' && is_abbreviation(&bytes[start..i])) {
            f(&line[start..j]);
            start = j;
        }
        i = j;
    }
    if start < line.len() {
        f(&line[start..]);
    }
}

/// Does the text before a '.' end with an abbreviation ("e.g", "vs", a
/// single letter)? The last word is what follows the last whitespace or
/// '('.
fn is_abbreviation(before: &[u8]) -> bool {
    let from = if !before.is_ascii() {
        // Non-ASCII: find the last word with char-level whitespace rules.
        let s = std::str::from_utf8(before).unwrap_or("");
        s.rfind(|c: char| c.is_whitespace() || c == '(')
            .map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8))
    } else {
        before
            .iter()
            .rposition(|b| b.is_ascii_whitespace() || *b == b'\x0b' || *b == b'(')
            .map_or(0, |p| p + 1)
    };
    let last = &before[from..];
    const ABBREVIATIONS: &[&[u8]] = &[
        b"e.g", b"i.e", b"eg", b"ie", b"etc", b"vs", b"approx", b"cf", b"mr", b"dr", b"fig",
        b"incl", b"excl", b"esp", b"avg", b"resp", b"wrt", b"w.r.t",
    ];
    ABBREVIATIONS.iter().any(|a| last.eq_ignore_ascii_case(a))
        || (last.len() == 1 && last[0].is_ascii_alphabetic())
}

/// Zero-width and bidirectional formatting characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The sentence with control characters removed and whitespace collapsed,
/// cut to a readable length.
pub fn clean_quote(s: &str) -> String {
    // Fast path: nothing to clean.
    if s.len() <= 280
        && !s.contains("  ")
        && s.chars()
            .all(|c| !c.is_control() && !is_invisible(c) && (c == ' ' || !c.is_whitespace()))
    {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len().min(400));
    let mut space = false;
    let mut n = 0;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible(c) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if n >= 280 {
            out.push('…');
            break;
        }
        out.push(c);
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split_reference(line: &str) -> Vec<&str> {
        let abbreviation = |before: &str| {
            let last = before
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            matches!(
                last.as_str(),
                "e.g"
                    | "i.e"
                    | "eg"
                    | "ie"
                    | "etc"
                    | "vs"
                    | "approx"
                    | "cf"
                    | "mr"
                    | "dr"
                    | "fig"
                    | "incl"
                    | "excl"
                    | "esp"
                    | "avg"
                    | "resp"
                    | "wrt"
                    | "w.r.t"
            ) || (last.len() == 1 && last.chars().all(|c| c.is_ascii_alphabetic()))
        };
        let mut out = Vec::new();
        let bytes = line.as_bytes();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'')
                {
                    j += 1;
                }
                let at_space = j >= bytes.len() || bytes[j] == b' ' || bytes[j] == b'\t';
                if at_space && !(b == b'.' && abbreviation(&line[start..i])) {
                    out.push(&line[start..j]);
                    start = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        if start < line.len() {
            out.push(&line[start..]);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn sentence_ends_match_the_reference(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("e.g"), Just("I.E"), Just("vs"), Just("Fig"), Just("x"), Just("ab"),
                    Just("."), Just("!"), Just("?"), Just("\""), Just(")"), Just("("),
                    Just(" "), Just("\t"), Just("\u{0b}"), Just("\u{a0}"), Just("\u{3000}"),
                    Just("é"), Just("3"),
                ],
                0..24,
            )
        ) {
            let line: String = parts.concat();
            let mut got = Vec::new();
            split_sentences(&line, |s| got.push(s));
            prop_assert_eq!(got, split_reference(&line));
        }
    }

    #[test]
    fn splits_sentences_lines_and_bullets() {
        let s = sentences(
            "# Metrics\nWe care about recall. Precision is 0.9 e.g. for X!\n- bullet one\n\n2. numbered\n150 ms p99 incl. lookups",
        );
        let texts: Vec<_> = s.iter().map(|s| (s.text, s.line, s.heading)).collect();
        assert_eq!(
            texts,
            vec![
                ("Metrics", 1, true),
                ("We care about recall.", 2, false),
                ("Precision is 0.9 e.g. for X!", 2, false),
                ("bullet one", 3, false),
                ("numbered", 5, false),
                ("150 ms p99 incl. lookups", 6, false),
            ]
        );
    }

    #[test]
    fn colon_lines_and_bold_lines_are_headings() {
        let s = sentences("Monitoring:\n**Data**\nWe watch drift: daily.");
        assert!(s[0].heading && s[1].heading);
        assert!(!s[2].heading);
    }

    #[test]
    fn quotes_drop_control_characters() {
        assert_eq!(clean_quote("a\u{0007}b\u{0000}  c\t\nd"), "ab c d");
        assert_eq!(clean_quote(""), "");
    }
}
