//! Pattern and sentence, folded alike: patterns run byte by byte on ASCII
//! lower case, every other character one byte standing for its kind.
//!
//! Also compiled into the build script (`build.rs`), which works out the
//! embedded pack's pattern clauses ahead of time (see `literals`).

/// A pattern as the scorer builds it: ASCII classes (see
/// [`ascii_boundaries`]), lower case, and every character beyond ASCII
/// folded to the byte [`fold`] gives it, to run on the folded sentence
/// byte by byte — the same match as a case-insensitive search for every
/// ASCII letter, at a fraction of the cost to build: a Unicode class under
/// a repetition (`[^.;]{0,60}`) compiles to an automaton many times larger.
pub fn source(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    for c in ascii_boundaries(pattern).chars() {
        if !c.is_ascii() {
            if escaped {
                out.pop();
            }
            out.push_str(&format!("\\x{:02x}", fold_char(c)));
            escaped = false;
        } else if escaped {
            // `\W`, `\B`, `\D`, `\S` mean other things in lower case.
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            out.push(c);
            escaped = true;
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The byte a character beyond ASCII stands for in the folded text: its
/// ASCII look-alike for quotes, dashes and spaces, a letter for a letter, a
/// digit for a digit, and `~` for any other sign.
fn fold_char(c: char) -> u8 {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{2032}' => b'\'',
        '\u{201c}' | '\u{201d}' | '\u{2033}' => b'"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
        '\u{00d7}' => b'*',
        '\u{20ac}' | '\u{00a3}' => b'$',
        '\u{2192}' | '\u{21d2}' | '\u{2265}' | '\u{226b}' => b'>',
        '\u{2190}' | '\u{2264}' | '\u{226a}' => b'<',
        '\u{2248}' | '\u{2261}' => b'=',
        '\u{00b5}' => b'u',
        c if c.is_whitespace() => b' ',
        c if c.is_alphabetic() => b'a',
        c if c.is_numeric() => b'0',
        _ => b'~',
    }
}

/// A sentence as the patterns run on it: ASCII lower case, each other
/// character one byte (see [`fold_char`]); with, for each folded byte and
/// the end, the byte offset in the sentence it comes from.
pub fn fold(sentence: &str) -> (Vec<u8>, Vec<usize>) {
    let mut text = Vec::with_capacity(sentence.len());
    let mut at = Vec::with_capacity(sentence.len() + 1);
    for (i, c) in sentence.char_indices() {
        text.push(if c.is_ascii() {
            (c as u8).to_ascii_lowercase()
        } else {
            fold_char(c)
        });
        at.push(i);
    }
    at.push(sentence.len());
    (text, at)
}

/// Word boundaries (`\b`) and the classes `\w`, `\d` and `\s` (outside
/// brackets) judged on ASCII: a Unicode word boundary makes the regex
/// engine fall back from its fast automaton to a slow one on any text with
/// a curly quote or a dash, and a Unicode `\w` under a repetition
/// (`(\w+\s+){0,3}`) compiles to an automaton a hundred times larger. The
/// patterns are about English words, so nothing is lost.
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ ('b' | 'w' | 'd' | 's')) if !in_class => {
                    out.push_str("(?-u:\\");
                    out.push(n);
                    out.push(')');
                }
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is literal.
                let rest = chars.as_str();
                let lead = if rest.starts_with("^]") {
                    2
                } else if rest.starts_with(']') || rest.starts_with('^') {
                    1
                } else {
                    0
                };
                for _ in 0..lead {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
