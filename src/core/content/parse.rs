//! Reading one content file: UTF-8, YAML syntax and the typed schema, with
//! every problem located (file, line, column). When a file does not match
//! the schema, each list item is checked on its own so that every broken
//! item is reported, not only the first. Semantic checks are in
//! `validate*.rs`.

use super::model::{
    Area, Criterion, CriterionExample, Curveball, Emphasis, Fact, KeyPoint, NotApplicable, Phase,
    RedFlag,
};
use super::spans::Spans;
use serde::de::DeserializeOwned;
use std::fmt;
use std::path::{Path, PathBuf};

/// One file of a pack: its path inside the pack (`scenarios/x.yaml`), the
/// path shown in diagnostics, and its bytes.
pub(super) struct Source {
    pub rel: String,
    pub shown: PathBuf,
    pub bytes: Vec<u8>,
}

/// A located problem in a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is not tied to a place in the file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Everything a check found: errors make a pack unusable, warnings point at
/// content that loads but that the coach cannot make full use of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A parsed file with where its nodes are.
pub(super) struct Parsed<T> {
    pub value: T,
    pub file: PathBuf,
    pub spans: Spans,
}

/// Collects diagnostics.
#[derive(Default)]
pub(super) struct Cx {
    pub report: Report,
}

impl Cx {
    fn at(file: &Path, spans: &Spans, path: &str, message: String) -> Diagnostic {
        let (line, column) = spans.loc(path);
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            message,
        }
    }
    pub fn err<T>(&mut self, p: &Parsed<T>, path: &str, message: String) {
        self.report
            .errors
            .push(Self::at(&p.file, &p.spans, path, message));
    }
    pub fn warn<T>(&mut self, p: &Parsed<T>, path: &str, message: String) {
        self.report
            .warnings
            .push(Self::at(&p.file, &p.spans, path, message));
    }
}

/// Drop the deserializer's own " at line L column C" where it repeats the
/// diagnostic's location; other locations (where a flow sequence started,
/// say) stay.
fn clean_yaml_message(msg: &str, line: usize, column: usize) -> String {
    let mut msg = msg
        .trim()
        .replace(&format!(" at line {line} column {column}"), "");
    if msg.ends_with(',') {
        msg.pop();
    }
    msg
}

fn describe_char(c: char) -> String {
    match c {
        '\t' => "a tab".to_string(),
        '\r' => "a carriage return".to_string(),
        '\u{1b}' => "an escape character (U+001B)".to_string(),
        c => format!("the control character U+{:04X}", c as u32),
    }
}

/// Checks one list item's text against the item type.
pub(super) type ItemCheck = fn(&str) -> Result<(), serde_yaml::Error>;

fn item_check<T: DeserializeOwned>(text: &str) -> Result<(), serde_yaml::Error> {
    serde_yaml::from_str::<T>(text).map(|_| ())
}

/// The lists of structs in each kind of file, with their item types: when a
/// file fails to deserialize, each item is checked on its own so that every
/// broken item is reported, not only the first.
pub(super) const RUBRIC_ITEMS: &[(&str, ItemCheck)] = &[
    ("areas", item_check::<Area>),
    ("criteria", item_check::<Criterion>),
    ("red_flags", item_check::<RedFlag>),
];
pub(super) const MOCK_ITEMS: &[(&str, ItemCheck)] = &[
    ("phases", item_check::<Phase>),
    ("client_speak", item_check::<Curveball>),
];
pub(super) const SCENARIO_ITEMS: &[(&str, ItemCheck)] = &[
    ("facts", item_check::<Fact>),
    ("curveballs", item_check::<Curveball>),
    ("emphasis", item_check::<Emphasis>),
    ("criteria", item_check::<Criterion>),
    ("key_points", item_check::<KeyPoint>),
    ("red_flags", item_check::<RedFlag>),
    ("not_applicable", item_check::<NotApplicable>),
    ("examples", item_check::<CriterionExample>),
];

/// The text of a block-style list item starting at (line, col), padded so
/// that it parses on its own with the same line-relative columns: it ends
/// before the first later line indented less than the item (the next `- `
/// or the next top-level key). `None` for flow-style items.
fn item_text(text: &str, (line, col): (usize, usize)) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.get(line.checked_sub(1)?)?;
    let start = first.char_indices().nth(col.checked_sub(1)?)?.0;
    let head = &first[start..];
    if head.starts_with(['{', '[']) {
        return None;
    }
    let indent = col - 1;
    let mut out = format!("{}{}\n", " ".repeat(indent), head);
    for l in &lines[line..] {
        let trimmed = l.trim_start_matches(' ');
        let blank = trimmed.is_empty() || trimmed.starts_with('#');
        if !blank && l.len() - trimmed.len() < indent {
            break;
        }
        out.push_str(l);
        out.push('\n');
    }
    Some(out)
}

/// `questions[1]: unknown field` → true; `unknown field` → false.
fn has_path_prefix(msg: &str) -> bool {
    let Some((head, _)) = msg.split_once(": ") else {
        return false;
    };
    !head.is_empty()
        && !head.contains(' ')
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
}

/// Every list item that does not deserialize on its own, located in the file.
fn item_errors(
    text: &str,
    spans: &Spans,
    items: &[(&str, ItemCheck)],
) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (key, check) in items {
        let mut i = 0;
        while spans.has(&format!("{key}[{i}]")) {
            let path = format!("{key}[{i}]");
            let (line, col) = spans.loc(&path);
            i += 1;
            let Some(item) = item_text(text, (line, col)) else {
                continue;
            };
            let Err(e) = check(&item) else {
                continue;
            };
            let Some(loc) = e.location() else {
                continue;
            };
            let (l, c) = (loc.line() + line - 1, loc.column());
            let msg = clean_yaml_message(&e.to_string(), loc.line(), loc.column());
            let msg = if has_path_prefix(&msg) {
                format!("{path}.{msg}")
            } else {
                format!("{path}: {msg}")
            };
            out.push((l, c, msg));
        }
    }
    out
}

pub(super) fn parse<T: DeserializeOwned>(
    src: &Source,
    items: &[(&str, ItemCheck)],
    cx: &mut Cx,
) -> Option<Parsed<T>> {
    let text = match std::str::from_utf8(&src.bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &src.bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            cx.report.errors.push(Diagnostic {
                file: src.shown.clone(),
                line,
                column,
                message: "invalid UTF-8: content files must be UTF-8 text".to_string(),
            });
            return None;
        }
    };
    // A byte-order mark is not part of the YAML (editors on Windows add one).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parsed_spans = false;
    let spans = match Spans::parse(text) {
        Ok((spans, bad)) => {
            parsed_spans = true;
            for b in bad {
                let field = if b.path.is_empty() {
                    "a string".to_string()
                } else {
                    format!("`{}`", b.path)
                };
                cx.report.errors.push(Diagnostic {
                    file: src.shown.clone(),
                    line: b.loc.0,
                    column: b.loc.1,
                    message: format!(
                        "{field} contains {}: text is drawn on a terminal, use plain characters (newlines are fine)",
                        describe_char(b.ch)
                    ),
                });
            }
            spans
        }
        Err((info, (line, column))) if info.contains("recursion limit") => {
            // Skip the typed parse: it finds this only after quadratic work.
            cx.report.errors.push(Diagnostic {
                file: src.shown.clone(),
                line,
                column,
                message: "nesting too deep: content files are a few levels deep".to_string(),
            });
            return None;
        }
        Err(_) => Spans::default(),
    };
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Some(Parsed {
            value,
            file: src.shown.clone(),
            spans,
        }),
        Err(e) => {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let mut message = clean_yaml_message(&e.to_string(), line, column);
            if text.trim().is_empty() {
                message = format!("the file is empty ({message})");
            }
            cx.report.errors.push(Diagnostic {
                file: src.shown.clone(),
                line,
                column,
                message,
            });
            if parsed_spans {
                for (l, c, message) in item_errors(text, &spans, items) {
                    if (l, c) != (line, column) {
                        cx.report.errors.push(Diagnostic {
                            file: src.shown.clone(),
                            line: l,
                            column: c,
                            message,
                        });
                    }
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_messages_lose_their_location_suffix() {
        assert_eq!(
            clean_yaml_message("areas[0]: unknown field `x` at line 3 column 5", 3, 5),
            "areas[0]: unknown field `x`"
        );
        assert_eq!(
            clean_yaml_message(
                "did not find ']' at line 4 column 7, while parsing a flow sequence at line 3 column 9",
                4,
                7
            ),
            "did not find ']', while parsing a flow sequence at line 3 column 9"
        );
        assert_eq!(clean_yaml_message("no location", 1, 1), "no location");
    }

    #[test]
    fn item_text_cuts_at_the_next_sibling_and_keeps_columns() {
        let text = "areas:\n  - id: a\n    title: |\n      long\n\n    weight: 1\n  - id: b\ncriteria: []\n";
        assert_eq!(
            item_text(text, (2, 5)).unwrap(),
            "    id: a\n    title: |\n      long\n\n    weight: 1\n"
        );
        assert_eq!(item_text(text, (7, 5)).unwrap(), "    id: b\n");
        assert_eq!(item_text("- {id: a}\n", (1, 3)), None);
        assert_eq!(item_text("a: 1\n", (9, 1)), None);
    }

    #[test]
    fn path_prefix_detection() {
        assert!(has_path_prefix("questions[1]: unknown field `x`"));
        assert!(has_path_prefix("evidence.need: invalid type"));
        assert!(!has_path_prefix(
            "unknown field `x`, expected one of `a`: b"
        ));
        assert!(!has_path_prefix("missing field `title`"));
    }
}
