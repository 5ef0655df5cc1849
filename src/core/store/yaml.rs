//! Session files as YAML: answers written as `|` block scalars.
//!
//! The YAML emitter picks a style by itself and falls back to
//! double-quoted strings for single-line answers, lines with trailing
//! spaces or tabs. We serialise the session with each answer's text swapped
//! for a unique placeholder word, then put each answer back as a literal
//! block we write ourselves (or as a one-line double-quoted scalar when the
//! text holds characters a block scalar cannot carry). Every other field
//! stays under serde's control, so new fields need no change here.

use crate::core::session::{END_MARKER, SCHEMA_VERSION, Session, SessionFileError};
use rand::Rng;
use serde::Deserialize;

pub fn session_to_yaml(session: &Session) -> String {
    let nonce: u64 = rand::rng().random();
    let token = |i: usize| format!("mlsdcoachanswer{nonce:016x}n{i}z");
    let mut masked = session.clone();
    for (i, a) in masked.answers.iter_mut().enumerate() {
        a.text = token(i);
    }
    let body = serde_yaml::to_string(&masked).unwrap_or_else(|e| {
        // Serialising plain data to a String cannot fail in practice; keep
        // the answers readable even if it ever does.
        format!("# serialisation failed: {e}\n")
    });
    let mut out = String::with_capacity(body.len() + session.word_count() * 8 + 128);
    out.push_str(&format!(
        "# mlsd-coach session (schema {SCHEMA_VERSION}). Answers are `|` block scalars.\n"
    ));
    let mut rest = body.as_str();
    for (i, a) in session.answers.iter().enumerate() {
        let t = token(i);
        let Some(pos) = rest.find(&t) else { continue };
        let line_start = rest[..pos].rfind('\n').map_or(0, |p| p + 1);
        let line = &rest[line_start..pos];
        // `  text: ` or `- text: `: the key starts after spaces and an optional dash.
        let key_col = line
            .char_indices()
            .find(|&(_, c)| c != ' ' && c != '-')
            .map_or(0, |(i, _)| i);
        out.push_str(&rest[..pos]);
        out.push_str(&scalar(&a.text, key_col + 2));
        rest = &rest[pos + t.len()..];
    }
    out.push_str(rest);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(END_MARKER);
    out.push('\n');
    out
}

/// A scalar for `text`, to follow `key: ` on a line; block content is
/// indented by `indent` spaces.
pub fn scalar(text: &str, indent: usize) -> String {
    if text.is_empty() {
        return "''".to_string();
    }
    // A block of only line breaks reads back as empty.
    if !block_ok(text) || text.trim_matches('\n').is_empty() {
        return double_quoted(text);
    }
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    // An explicit indentation indicator when the first line would not show
    // the indentation (it starts with blanks or is empty).
    let indicator = if text.starts_with([' ', '\t', '\n']) {
        "2"
    } else {
        ""
    };
    let mut out = format!("|{indicator}{chomp}");
    let content = if trailing > 0 {
        &text[..text.len() - 1]
    } else {
        text
    };
    let pad = " ".repeat(indent);
    for line in content.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// Can a literal block carry `text` exactly?
fn block_ok(text: &str) -> bool {
    text.chars().all(|c| match c {
        '\n' | '\t' => true,
        '\u{20}'..='\u{7e}' => true,
        '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' => {
            c != '\u{2028}' && c != '\u{2029}'
        }
        '\u{10000}'..='\u{10ffff}' => true,
        _ => false,
    })
}

/// A one-line YAML double-quoted scalar.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{20}'..='\u{7e}' => out.push(c),
            c if block_ok(&c.to_string()) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[derive(Deserialize)]
struct Probe {
    schema_version: Option<serde_yaml::Value>,
}

fn located(e: &serde_yaml::Error) -> SessionFileError {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut message = e.to_string();
    // The error text repeats the place; we show it once, in front.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    SessionFileError {
        line,
        column,
        message,
    }
}

fn newer(v: u64) -> SessionFileError {
    SessionFileError {
        line: 0,
        column: 0,
        message: format!(
            "written by a newer mlsd-coach (schema {v}; this one reads {SCHEMA_VERSION})"
        ),
    }
}

pub fn session_from_yaml(text: &str) -> Result<Session, SessionFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Depth, aliases and size first: the deserializer is quadratic in the
    // depth and expands aliases without bound.
    super::limits::check_yaml(text)?;
    match serde_yaml::from_str::<Session>(text) {
        Ok(s) => {
            if u64::from(s.schema_version) > u64::from(SCHEMA_VERSION) {
                return Err(newer(s.schema_version.into()));
            }
            if s.schema_version == 0 {
                return Err(SessionFileError {
                    line: 0,
                    column: 0,
                    message: "unknown schema version 0".to_string(),
                });
            }
            if text.trim_end().lines().next_back().map(str::trim_end) != Some(END_MARKER) {
                return Err(SessionFileError {
                    line: text.lines().count(),
                    column: 1,
                    message: format!(
                        "truncated: the file does not end with the line `{END_MARKER}`"
                    ),
                });
            }
            Ok(s)
        }
        Err(e) => {
            // A newer schema may have changed the shape: say so first.
            if let Ok(Probe {
                schema_version: Some(v),
            }) = serde_yaml::from_str::<Probe>(text)
            {
                match v.as_u64() {
                    Some(n) if n > u64::from(SCHEMA_VERSION) => return Err(newer(n)),
                    Some(_) => {}
                    None => {
                        return Err(SessionFileError {
                            line: 0,
                            column: 0,
                            message: format!("unknown schema version {v:?}"),
                        });
                    }
                }
            }
            if text.trim().is_empty() {
                return Err(SessionFileError {
                    line: 0,
                    column: 0,
                    message: "empty file".to_string(),
                });
            }
            Err(located(&e))
        }
    }
}

impl Session {
    /// The file text: YAML with every answer as a `|` block scalar (or a
    /// double-quoted scalar when the text holds characters a block cannot),
    /// a header comment and the closing [`END_MARKER`] line.
    pub fn to_yaml(&self) -> String {
        session_to_yaml(self)
    }

    /// Parse a session file, refusing newer schema versions and files cut
    /// short (no [`END_MARKER`]).
    pub fn from_yaml(text: &str) -> Result<Session, SessionFileError> {
        session_from_yaml(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::session::{Answer, Mode};
    use proptest::prelude::*;

    fn session(texts: &[&str]) -> Session {
        Session {
            id: "2026-11-26T23-40-12_fraud-detection_k3f9".into(),
            answers: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Answer {
                    question: format!("q{i}"),
                    text: t.to_string(),
                    seconds: i as u64,
                    hints: 0,
                })
                .collect(),
            ..Session::new(
                "fraud-detection",
                Mode::Practice,
                "2026-11-26T23:40:12Z".parse().unwrap(),
                "abc123",
            )
        }
    }

    #[test]
    fn answers_are_literal_blocks() {
        let s = session(&[
            "Fraud costs us money.\nWe want recall.",
            "one line",
            "trailing spaces   \n\tand a tab\n",
        ]);
        let y = s.to_yaml();
        assert!(
            y.contains("  text: |-\n    Fraud costs us money.\n    We want recall.\n"),
            "{y}"
        );
        assert!(y.contains("  text: |-\n    one line\n"), "{y}");
        assert!(
            y.contains("  text: |\n    trailing spaces   \n    \tand a tab\n"),
            "{y}"
        );
        assert!(y.ends_with("# end of session\n"));
        assert_eq!(Session::from_yaml(&y).unwrap(), s);
    }

    #[test]
    fn odd_texts_fall_back_to_double_quotes_and_round_trip() {
        let s = session(&["a\r\nb", "bell\u{7}", "", "  indented\n\n\nkept\n\n"]);
        let y = s.to_yaml();
        assert!(y.contains("text: \"a\\r\\nb\""), "{y}");
        assert!(y.contains("text: |2+\n      indented\n"), "{y}");
        assert_eq!(Session::from_yaml(&y).unwrap(), s);
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let s = session(&["x"]);
        let y = format!("\u{feff}{}", s.to_yaml());
        assert_eq!(Session::from_yaml(&y).unwrap(), s);
    }

    #[test]
    fn missing_end_marker_is_truncation() {
        let y = session(&["x"]).to_yaml();
        let cut = y.trim_end().strip_suffix(END_MARKER).unwrap();
        let e = Session::from_yaml(cut).unwrap_err();
        assert!(e.message.starts_with("truncated"), "{e}");
    }

    #[test]
    fn newer_schema_is_refused_even_when_shape_changed() {
        let y = "schema_version: 3\nid: x\nanswers: 7\n";
        let e = Session::from_yaml(y).unwrap_err();
        assert_eq!(
            e.message,
            "written by a newer mlsd-coach (schema 3; this one reads 1)"
        );
        let y = session(&["x"]).to_yaml().replace(
            &format!("schema_version: {SCHEMA_VERSION}"),
            "schema_version: 9",
        );
        assert!(
            Session::from_yaml(&y)
                .unwrap_err()
                .message
                .contains("schema 9")
        );
    }

    #[test]
    fn wrong_types_are_located() {
        let y = session(&["x"])
            .to_yaml()
            .replace("seconds: 0", "seconds: lots");
        let e = Session::from_yaml(&y).unwrap_err();
        assert!(e.line > 1, "{e:?}");
        assert!(e.message.contains("invalid type"), "{e}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn any_text_round_trips(texts in proptest::collection::vec(any::<String>(), 0..4),
                                spacey in proptest::collection::vec("[ \t\n]{0,3}[a-z #:|>-]{0,6}[ \t\n]{0,3}", 0..4),
                                question in any::<String>(),
                                reply in any::<String>()) {
            let mut all: Vec<&str> = texts.iter().map(String::as_str).collect();
            all.extend(spacey.iter().map(String::as_str));
            let mut s = session(&all);
            s.answer_mut(&question).text = reply.clone();
            s.events.push(crate::core::session::Event {
                at: 3,
                kind: crate::core::session::EventKind::Asked { question, fact: None, reply },
            });
            let y = s.to_yaml();
            prop_assert_eq!(Session::from_yaml(&y).map_err(|e| format!("{e}\n{y}")), Ok(s));
        }
    }
}
