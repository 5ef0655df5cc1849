//! Control characters in text that leaves the program (printed by a
//! command, written to an exported file). Session fields, answers and file
//! names are the user's or anyone's text: an escape sequence in them must
//! not retitle or clear a terminal. The text is kept, the controls made
//! visible.

use std::borrow::Cow;

/// Would `c` act on a terminal (or reorder what it shows) instead of
/// being shown? Line feeds and tabs are layout and stay.
fn acts(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if c.is_control() => true,
        // Bidirectional embeddings, overrides and isolates.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `s` with every control character made visible: C0 controls become
/// their Unicode control pictures (ESC `␛`, BEL `␇`, CR `␍`), DEL `␡`, C1
/// controls and bidirectional controls `<U+009B>`. CR LF becomes LF.
/// Borrowed when there is nothing to change.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c if !acts(c) => out.push(c),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// JSON text (as serde_json writes it) with the characters JSON leaves
/// raw escaped too: DEL, C1 controls and bidirectional controls become
/// `\u` escapes. The value is unchanged: these characters can only occur
/// inside strings, where the escape means the same character.
pub fn json_escaped(json: &str) -> Cow<'_, str> {
    if !json.chars().any(acts) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // serde_json escapes C0 controls itself; a raw one (a line break of
        // pretty output) is layout.
        if acts(c) && (c as u32) >= 0x20 {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_text_stays() {
        let s = "fraud\x1b]0;pwned\x07\x1b[2J\r\nnext\rline\x7f\u{9b}31m\u{202e}abc\ttab";
        assert_eq!(
            neutralise(s),
            "fraud␛]0;pwned␇␛[2J\nnext␍line␡<U+009B>31m<U+202E>abc\ttab"
        );
        assert!(matches!(neutralise("plain 文字\n\t"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_json_leaves_raw() {
        let v = serde_json::json!({ "s": "a\x1b[2J\u{9b}b\u{7f}\u{2066}" });
        let text = serde_json::to_string_pretty(&v).unwrap();
        let safe = json_escaped(&text);
        assert!(!safe.chars().any(|c| c != '\n' && acts(c)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }
}
