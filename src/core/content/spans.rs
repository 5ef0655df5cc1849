//! Where each node of a YAML file starts, by path (`criteria[3].area`),
//! read with a span-aware parser; and the check for control characters
//! in every string of a file.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::collections::HashMap;

/// A 1-based line and column.
pub type Loc = (usize, usize);

/// The start of every node of one YAML document, keyed by path.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    map: HashMap<String, Loc>,
}

/// A string scalar (value or key) that contains a character not allowed
/// in content drawn on a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadChar {
    pub path: String,
    pub loc: Loc,
    pub ch: char,
}

impl Spans {
    /// Index a YAML text. On a syntax error, its message and location (the
    /// typed parse usually reports it better, except for nesting too deep,
    /// which it detects only after quadratic work).
    pub fn parse(text: &str) -> Result<(Spans, Vec<BadChar>), (String, Loc)> {
        let docs = MarkedYaml::load_from_str(text).map_err(|e| {
            let m = e.marker();
            (e.info().to_string(), (m.line().max(1), m.col() + 1))
        })?;
        let mut spans = Spans::default();
        let mut bad = Vec::new();
        if let Some(doc) = docs.first() {
            walk(doc, String::new(), 0, &mut spans.map, &mut bad);
        }
        Ok((spans, bad))
    }

    /// The location of `path`, or of its nearest ancestor that exists;
    /// `(1, 1)` when nothing matches.
    pub fn loc(&self, path: &str) -> Loc {
        let mut p = path;
        loop {
            if let Some(l) = self.map.get(p) {
                return *l;
            }
            match parent(p) {
                Some(up) => p = up,
                None => return self.map.get("").copied().unwrap_or((1, 1)),
            }
        }
    }

    /// Whether a node exists at exactly this path.
    pub fn has(&self, path: &str) -> bool {
        self.map.contains_key(path)
    }
}

/// `a.b[3]` → `a.b`; `a.b` → `a`; `a` → `` ; `` → None.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

fn loc_of(node: &MarkedYaml<'_>) -> Loc {
    let m = node.span.start;
    (m.line().max(1), m.col() + 1)
}

/// Characters refused in content strings: C0/C1 controls other than a
/// newline (escape sequences, bells, carriage returns, tabs) and the
/// bidirectional overrides that reorder what a terminal shows.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check_str(s: &str, path: &str, loc: Loc, bad: &mut Vec<BadChar>) {
    if let Some(ch) = s.chars().find(|c| is_forbidden_char(*c)) {
        bad.push(BadChar {
            path: path.to_string(),
            loc,
            ch,
        });
    }
}

fn join_key(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Deeper than any node of the content schema: nesting past this is a type
/// error anyway (the typed parse reports it), so it is not walked, which
/// keeps pathological inputs linear.
const MAX_DEPTH: usize = 32;

fn walk(
    node: &MarkedYaml<'_>,
    path: String,
    depth: usize,
    map: &mut HashMap<String, Loc>,
    bad: &mut Vec<BadChar>,
) {
    let loc = loc_of(node);
    if depth > MAX_DEPTH {
        return;
    }
    match &node.data {
        YamlData::Value(Scalar::String(s)) => check_str(s, &path, loc, bad),
        YamlData::Representation(s, _, _) => check_str(s, &path, loc, bad),
        YamlData::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), depth + 1, map, bad);
            }
        }
        YamlData::Mapping(entries) => {
            for (k, v) in entries.iter() {
                let key = match &k.data {
                    YamlData::Value(Scalar::String(s)) => s.to_string(),
                    YamlData::Representation(s, _, _) => s.to_string(),
                    YamlData::Value(Scalar::Integer(i)) => i.to_string(),
                    YamlData::Value(Scalar::Boolean(b)) => b.to_string(),
                    _ => continue,
                };
                let child = join_key(&path, &key);
                check_str(&key, &child, loc_of(k), bad);
                walk(v, child, depth + 1, map, bad);
            }
        }
        YamlData::Tagged(_, inner) => {
            walk(inner, path.clone(), depth + 1, map, bad);
        }
        _ => {}
    }
    map.entry(path).or_insert(loc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_point_at_values() {
        let text = "a: 1\nlist:\n  - id: x\n    area: nope\n  - id: y\n";
        let (s, bad) = Spans::parse(text).unwrap();
        assert!(bad.is_empty());
        assert_eq!(s.loc("a"), (1, 4));
        assert_eq!(s.loc("list[0].area"), (4, 11));
        assert_eq!(s.loc("list[1].id"), (5, 9));
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(s.loc("list[1].missing"), s.loc("list[1]"));
        assert!(s.has("list[1].id"));
        assert!(!s.has("list[2]"));
    }

    #[test]
    fn control_characters_are_found_with_place() {
        let text = "title: \"ok\"\nprompt: \"bell \\a here\"\n";
        let (_, bad) = Spans::parse(text).unwrap();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].path, "prompt");
        assert_eq!(bad[0].loc, (2, 9));
        assert_eq!(bad[0].ch, '\u{7}');
        assert!(is_forbidden_char('\u{1b}'));
        assert!(is_forbidden_char('\u{202E}'));
        assert!(!is_forbidden_char('\n'));
        assert!(!is_forbidden_char('é'));
    }

    #[test]
    fn syntax_errors_give_message_and_place() {
        let (msg, loc) = Spans::parse("a: [1, 2\n").unwrap_err();
        assert!(!msg.is_empty());
        assert_eq!(loc.0, 2);
        let deep = format!("a: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let (msg, loc) = Spans::parse(&deep).unwrap_err();
        assert_eq!(msg, "recursion limit exceeded");
        assert_eq!(loc.0, 1);
    }
}
