//! Loading and validating content packs.
//!
//! A pack is a directory with `rubric.yaml`, `mock.yaml` and
//! `scenarios/*.yaml`. The default pack (the repository's `content/`
//! directory) is compiled into the binary. Every problem is reported with
//! the file, line and column it comes from: syntax and type errors from the
//! YAML deserializer, semantic errors (unknown references, duplicate ids,
//! bad regexes, …) located by walking the file with a span-aware parser
//! along the offending node's path.

use super::model::{
    AREA_IDS, Area, Content, Criterion, CriterionExample, Curveball, Emphasis, Fact, KeyPoint,
    MockProfile, NotApplicable, Phase, RedFlag, Rubric, Scenario,
};
use super::spans::Spans;
use include_dir::{Dir, include_dir};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository's `content/` directory, compiled in.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

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

/// The default content pack compiled into the binary.
///
/// The shipped pack is checked by the test suite; should it ever be invalid
/// this panics with every problem, each naming its file.
pub fn load_embedded() -> Content {
    static CACHE: OnceLock<Content> = OnceLock::new();
    CACHE
        .get_or_init(|| {
            let (content, report) = check_embedded_full();
            match content {
                Some(c) => c,
                None => panic!(
                    "the built-in content pack is invalid:\n{}",
                    report
                        .errors
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
            }
        })
        .clone()
}

/// Check the built-in pack.
pub fn check_embedded() -> Report {
    check_embedded_full().1
}

/// Check the built-in pack and load it in the same pass (the content is
/// `None` when there is any error).
pub fn check_and_load_embedded() -> (Option<Content>, Report) {
    check_embedded_full()
}

/// Check a pack directory and load it in the same pass (the content is
/// `None` when there is any error).
pub fn check_and_load_dir(dir: &Path) -> (Option<Content>, Report) {
    check_dir_full(dir)
}

/// Load a content pack from a directory (`rubric.yaml`, `mock.yaml`, `scenarios/*.yaml`).
pub fn load_dir(dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    let (content, report) = check_dir_full(dir);
    content.ok_or(report.errors)
}

/// Every problem found in a pack (empty when valid). Warnings are not
/// included: see [`check_dir`].
pub fn validate_dir(dir: &Path) -> Vec<Diagnostic> {
    check_dir(dir).errors
}

/// Errors and warnings for a pack directory.
pub fn check_dir(dir: &Path) -> Report {
    check_dir_full(dir).1
}

// ---------------------------------------------------------------- sources

/// One file of a pack: its path inside the pack (`scenarios/x.yaml`), the
/// path shown in diagnostics, and its bytes.
struct Source {
    rel: String,
    shown: PathBuf,
    bytes: Vec<u8>,
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

fn check_embedded_full() -> (Option<Content>, Report) {
    let base = Path::new("content");
    let mut report = Report::default();
    let mut sources = Vec::new();
    for name in ["rubric.yaml", "mock.yaml"] {
        match EMBEDDED.get_file(name) {
            Some(f) => sources.push(Source {
                rel: name.to_string(),
                shown: base.join(name),
                bytes: f.contents().to_vec(),
            }),
            None => report.errors.push(missing_file(base, name)),
        }
    }
    if let Some(dir) = EMBEDDED.get_dir("scenarios") {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            if is_yaml(&rel) {
                sources.push(Source {
                    shown: base.join(&rel),
                    rel,
                    bytes: f.contents().to_vec(),
                });
            }
        }
    }
    if report.errors.is_empty() {
        check_sources(sources, "embedded", base)
    } else {
        let (_, more) = check_sources(sources, "embedded", base);
        report.errors.extend(more.errors);
        report.warnings.extend(more.warnings);
        (None, report)
    }
}

fn missing_file(base: &Path, name: &str) -> Diagnostic {
    let what = match name {
        "rubric.yaml" => "the rubric: areas, questions and criteria",
        _ => "the mock-interview profile: phases, client lines, fallback answers",
    };
    Diagnostic {
        file: base.join(name),
        line: 0,
        column: 0,
        message: format!("missing file: expected {name} ({what})"),
    }
}

fn check_dir_full(dir: &Path) -> (Option<Content>, Report) {
    let mut report = Report::default();
    if !dir.is_dir() {
        report.errors.push(Diagnostic {
            file: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: "content directory not found: expected a directory with rubric.yaml, mock.yaml and scenarios/".to_string(),
        });
        return (None, report);
    }
    let mut sources = Vec::new();
    for name in ["rubric.yaml", "mock.yaml"] {
        let path = dir.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => sources.push(Source {
                rel: name.to_string(),
                shown: path,
                bytes,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.errors.push(missing_file(dir, name))
            }
            Err(e) => report.errors.push(Diagnostic {
                file: path,
                line: 0,
                column: 0,
                message: format!("cannot read file: {e}"),
            }),
        }
    }
    let sdir = dir.join("scenarios");
    // A missing scenarios/ directory is reported below as "no scenarios".
    if let Ok(entries) = std::fs::read_dir(&sdir) {
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file() && is_yaml(&p.to_string_lossy()))
            .collect();
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match std::fs::read(&path) {
                Ok(bytes) => sources.push(Source {
                    rel: format!("scenarios/{name}"),
                    shown: path,
                    bytes,
                }),
                Err(e) => report.errors.push(Diagnostic {
                    file: path,
                    line: 0,
                    column: 0,
                    message: format!("cannot read file: {e}"),
                }),
            }
        }
    }
    let origin = dir.display().to_string();
    let (content, more) = check_sources(sources, &origin, dir);
    report.errors.extend(more.errors);
    report.warnings.extend(more.warnings);
    if report.errors.is_empty() {
        (content, report)
    } else {
        (None, report)
    }
}

/// `sha256` of the files (by pack path, in order), as 12 hex characters.
fn fingerprint(sources: &[Source]) -> String {
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut h = Sha256::new();
    for s in sorted {
        h.update(s.rel.as_bytes());
        h.update([0u8]);
        h.update((s.bytes.len() as u64).to_le_bytes());
        h.update(&s.bytes);
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------- parsing

/// A parsed file with where its nodes are.
struct Parsed<T> {
    value: T,
    file: PathBuf,
    spans: Spans,
}

/// Collects diagnostics.
#[derive(Default)]
struct Cx {
    report: Report,
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
    fn err<T>(&mut self, p: &Parsed<T>, path: &str, message: String) {
        self.report
            .errors
            .push(Self::at(&p.file, &p.spans, path, message));
    }
    fn warn<T>(&mut self, p: &Parsed<T>, path: &str, message: String) {
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
type ItemCheck = fn(&str) -> Result<(), serde_yaml::Error>;

fn item_check<T: DeserializeOwned>(text: &str) -> Result<(), serde_yaml::Error> {
    serde_yaml::from_str::<T>(text).map(|_| ())
}

/// The lists of structs in each kind of file, with their item types: when a
/// file fails to deserialize, each item is checked on its own so that every
/// broken item is reported, not only the first.
const RUBRIC_ITEMS: &[(&str, ItemCheck)] = &[
    ("areas", item_check::<Area>),
    ("criteria", item_check::<Criterion>),
    ("red_flags", item_check::<RedFlag>),
];
const MOCK_ITEMS: &[(&str, ItemCheck)] = &[
    ("phases", item_check::<Phase>),
    ("client_speak", item_check::<Curveball>),
];
const SCENARIO_ITEMS: &[(&str, ItemCheck)] = &[
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

fn parse<T: DeserializeOwned>(
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

// ---------------------------------------------------------------- checks

fn check_sources(sources: Vec<Source>, origin: &str, base: &Path) -> (Option<Content>, Report) {
    let mut cx = Cx::default();
    let version = fingerprint(&sources);
    let mut rubric: Option<Parsed<Rubric>> = None;
    let mut mock: Option<Parsed<MockProfile>> = None;
    let mut scenarios: Vec<Parsed<Scenario>> = Vec::new();
    let mut n_scenario_files = 0;
    for src in &sources {
        match src.rel.as_str() {
            "rubric.yaml" => rubric = parse(src, RUBRIC_ITEMS, &mut cx),
            "mock.yaml" => mock = parse(src, MOCK_ITEMS, &mut cx),
            _ => {
                n_scenario_files += 1;
                if let Some(s) = parse(src, SCENARIO_ITEMS, &mut cx) {
                    scenarios.push(s);
                }
            }
        }
    }
    if n_scenario_files == 0 {
        cx.report.errors.push(Diagnostic {
            file: base.join("scenarios"),
            line: 0,
            column: 0,
            message: "no scenarios: expected at least one scenarios/*.yaml file".to_string(),
        });
    }

    // References to areas are checked against the contract's ids, which the
    // rubric must define (it is checked for that once, without cascades).
    let area_ids: Option<Vec<String>> = Some(AREA_IDS.iter().map(|a| a.to_string()).collect());
    let rubric_criteria: Option<BTreeSet<String>> = rubric
        .as_ref()
        .map(|r| r.value.criteria.iter().map(|c| c.id.clone()).collect());
    if let Some(r) = &rubric {
        check_rubric(r, &mut cx);
    }
    let phase_ids: Option<Vec<String>> = mock.as_ref().map(|m| {
        let mut ids: Vec<String> = Vec::new();
        for ph in &m.value.phases {
            if !ids.contains(&ph.id) {
                ids.push(ph.id.clone());
            }
        }
        ids
    });
    if let Some(m) = &mock {
        check_mock(
            m,
            area_ids.as_deref(),
            rubric_criteria.as_ref(),
            phase_ids.as_deref().unwrap_or(&[]),
            &mut cx,
        );
    }
    let mock_speak: Vec<String> = mock
        .as_ref()
        .map(|m| m.value.client_speak.iter().map(|b| b.id.clone()).collect())
        .unwrap_or_default();
    let mut seen_scenarios: HashMap<String, PathBuf> = HashMap::new();
    for s in &scenarios {
        if let Some(first) = seen_scenarios.get(&s.value.id) {
            cx.err(
                s,
                "id",
                format!(
                    "duplicate scenario id `{}` (also in {})",
                    s.value.id,
                    first.display()
                ),
            );
        } else {
            seen_scenarios.insert(s.value.id.clone(), s.file.clone());
        }
        check_scenario(
            s,
            area_ids.as_deref(),
            rubric_criteria.as_ref(),
            phase_ids.as_deref(),
            &mock_speak,
            &mut cx,
        );
    }

    let mut report = cx.report;
    let key = |d: &Diagnostic| (d.file.clone(), d.line, d.column);
    report.errors.sort_by_key(key);
    report.warnings.sort_by_key(key);
    if !report.errors.is_empty() {
        return (None, report);
    }
    let (Some(rubric), Some(mock)) = (rubric, mock) else {
        return (None, report);
    };
    let mut scenarios: Vec<Scenario> = scenarios.into_iter().map(|s| s.value).collect();
    scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    (
        Some(Content {
            rubric: rubric.value,
            scenarios,
            mock: mock.value,
            version,
            origin: origin.to_string(),
        }),
        report,
    )
}

fn list(ids: &[String]) -> String {
    ids.join(", ")
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn positive(w: f32) -> bool {
    w.is_finite() && w > 0.0
}

/// Records ids and reports the second and later occurrences.
struct Ids {
    kind: &'static str,
    seen: HashMap<String, (usize, usize)>,
}

impl Ids {
    fn new(kind: &'static str) -> Self {
        Ids {
            kind,
            seen: HashMap::new(),
        }
    }
    fn add<T>(&mut self, p: &Parsed<T>, path: &str, id: &str, cx: &mut Cx) {
        if id.trim().is_empty() {
            cx.err(p, path, format!("empty {} id", self.kind));
            return;
        }
        let loc = p.spans.loc(path);
        if let Some((l, c)) = self.seen.get(id) {
            cx.err(
                p,
                path,
                format!(
                    "duplicate {} id `{id}` (first defined at line {l}, column {c})",
                    self.kind
                ),
            );
        } else {
            self.seen.insert(id.to_string(), loc);
        }
    }
}

fn nonempty<T>(p: &Parsed<T>, path: &str, what: &str, value: &str, cx: &mut Cx) {
    if value.trim().is_empty() {
        cx.err(p, path, format!("{what} must not be empty"));
    }
}

fn check_rubric(p: &Parsed<Rubric>, cx: &mut Cx) {
    let r = &p.value;
    let mut areas = Ids::new("area");
    let mut questions = Ids::new("question");
    let criteria: BTreeSet<&str> = r.criteria.iter().map(|c| c.id.as_str()).collect();
    let contract: Vec<String> = AREA_IDS.iter().map(|s| s.to_string()).collect();
    for (i, a) in r.areas.iter().enumerate() {
        let ap = format!("areas[{i}]");
        areas.add(p, &format!("{ap}.id"), &a.id, cx);
        if !a.id.is_empty() && !AREA_IDS.contains(&a.id.as_str()) {
            cx.err(
                p,
                &format!("{ap}.id"),
                format!(
                    "unknown area id `{}`: expected one of {}",
                    a.id,
                    list(&contract)
                ),
            );
        }
        nonempty(p, &format!("{ap}.title"), "area title", &a.title, cx);
        if !positive(a.weight) {
            cx.err(
                p,
                &format!("{ap}.weight"),
                format!(
                    "area `{}` weight must be a positive number, got {}",
                    a.id, a.weight
                ),
            );
        }
        if a.questions.is_empty() {
            cx.err(
                p,
                &format!("{ap}.questions"),
                format!(
                    "area `{}` has no questions: add at least one (the coach asks them in order)",
                    a.id
                ),
            );
        }
        for (j, q) in a.questions.iter().enumerate() {
            let qp = format!("{ap}.questions[{j}]");
            questions.add(p, &format!("{qp}.id"), &q.id, cx);
            nonempty(p, &format!("{qp}.prompt"), "question prompt", &q.prompt, cx);
            for (k, c) in q.criteria.iter().enumerate() {
                if !criteria.contains(c.as_str()) {
                    cx.err(
                        p,
                        &format!("{qp}.criteria[{k}]"),
                        format!("question `{}` refers to unknown criterion `{c}`", q.id),
                    );
                }
            }
        }
    }
    if !r.areas.is_empty() {
        for id in AREA_IDS {
            if !r.areas.iter().any(|a| a.id == id) {
                cx.err(
                    p,
                    "areas",
                    format!(
                        "missing area `{id}`: a rubric defines all {} areas ({})",
                        AREA_IDS.len(),
                        list(&contract)
                    ),
                );
            }
        }
    } else {
        cx.err(
            p,
            "areas",
            format!("no areas: expected all of {}", list(&contract)),
        );
    }
    let mut ids = Ids::new("criterion");
    for (i, c) in r.criteria.iter().enumerate() {
        check_criterion(p, &format!("criteria[{i}]"), c, &contract, &mut ids, cx);
    }
    let targeted: BTreeSet<&str> = r
        .questions()
        .flat_map(|(_, q)| q.criteria.iter().map(String::as_str))
        .collect();
    for (i, c) in r.criteria.iter().enumerate() {
        if !targeted.contains(c.id.as_str()) {
            cx.warn(
                p,
                &format!("criteria[{i}].id"),
                format!(
                    "criterion `{}` is not targeted by any question: list it in a question's `criteria`",
                    c.id
                ),
            );
        }
    }
    for (i, a) in r.areas.iter().enumerate() {
        if !r.criteria.iter().any(|c| c.area == a.id) {
            cx.warn(
                p,
                &format!("areas[{i}].id"),
                format!(
                    "area `{}` has no criteria: nothing in it can be scored",
                    a.id
                ),
            );
        }
    }
}

/// Compiled-size limit for evidence patterns, as the scoring engine builds them.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

fn regex_error_line(e: &regex::Error) -> String {
    let s = e.to_string();
    s.lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim().trim_start_matches("error:").trim().to_string())
        .unwrap_or_else(|| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn check_criterion<T>(
    p: &Parsed<T>,
    cp: &str,
    c: &Criterion,
    area_ids: &[String],
    ids: &mut Ids,
    cx: &mut Cx,
) {
    ids.add(p, &format!("{cp}.id"), &c.id, cx);
    if !area_ids.contains(&c.area) {
        cx.err(
            p,
            &format!("{cp}.area"),
            format!(
                "criterion `{}` refers to unknown area `{}`: expected one of {}",
                c.id,
                c.area,
                list(area_ids)
            ),
        );
    }
    nonempty(p, &format!("{cp}.label"), "criterion label", &c.label, cx);
    if !positive(c.weight) {
        cx.err(
            p,
            &format!("{cp}.weight"),
            format!(
                "criterion `{}` weight must be a positive number, got {}",
                c.id, c.weight
            ),
        );
    }
    let ev = &c.evidence;
    let ep = format!("{cp}.evidence");
    if ev.concepts.is_empty() {
        cx.err(
            p,
            &format!("{ep}.concepts"),
            format!(
                "criterion `{}` has no evidence: add at least one concept with phrases or patterns",
                c.id
            ),
        );
    }
    for (k, con) in ev.concepts.iter().enumerate() {
        let kp = format!("{ep}.concepts[{k}]");
        nonempty(p, &format!("{kp}.name"), "concept name", &con.name, cx);
        if con.phrases.is_empty() && con.patterns.is_empty() {
            cx.err(
                p,
                &kp,
                format!(
                    "concept `{}` of criterion `{}` has no phrases and no patterns: it can never match",
                    con.name, c.id
                ),
            );
        }
        for (m, ph) in con.phrases.iter().enumerate() {
            if ph.trim().is_empty() {
                cx.err(
                    p,
                    &format!("{kp}.phrases[{m}]"),
                    format!("empty phrase in concept `{}`", con.name),
                );
            }
        }
        for (m, pat) in con.patterns.iter().enumerate() {
            if let Err(e) = regex::RegexBuilder::new(pat)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
            {
                cx.err(
                    p,
                    &format!("{kp}.patterns[{m}]"),
                    format!("pattern `{pat}` does not compile: {}", regex_error_line(&e)),
                );
            }
        }
    }
    if !ev.concepts.is_empty() && ev.concepts.iter().all(|k| k.qualifier) {
        cx.err(
            p,
            &format!("{ep}.concepts"),
            format!(
                "criterion `{}` has only qualifier concepts: a qualifier counts only beside another concept, so it can never be earned",
                c.id
            ),
        );
    }
    match ev.need {
        Some(0) => cx.err(
            p,
            &format!("{ep}.need"),
            format!("criterion `{}`: need must be at least 1", c.id),
        ),
        Some(n) if n > ev.concepts.len() => cx.err(
            p,
            &format!("{ep}.need"),
            format!(
                "criterion `{}`: need is {n} but there are only {} concept(s)",
                c.id,
                ev.concepts.len()
            ),
        ),
        _ => {}
    }
}

fn check_curveball<T>(
    p: &Parsed<T>,
    bp: &str,
    b: &Curveball,
    phases: Option<&[String]>,
    criteria: Option<&BTreeSet<String>>,
    ids: &mut Ids,
    cx: &mut Cx,
) {
    ids.add(p, &format!("{bp}.id"), &b.id, cx);
    nonempty(p, &format!("{bp}.text"), "curveball text", &b.text, cx);
    if let (Some(ph), Some(phases)) = (&b.phase, phases)
        && !phases.contains(ph)
    {
        cx.err(
            p,
            &format!("{bp}.phase"),
            format!(
                "curveball `{}` refers to unknown phase `{ph}`: expected one of {}",
                b.id,
                list(phases)
            ),
        );
    }
    if let Some(criteria) = criteria {
        for (k, e) in b.expects.iter().enumerate() {
            if !criteria.contains(e) {
                cx.err(
                    p,
                    &format!("{bp}.expects[{k}]"),
                    format!("curveball `{}` expects unknown criterion `{e}`", b.id),
                );
            }
        }
    }
}

fn check_mock(
    p: &Parsed<MockProfile>,
    area_ids: Option<&[String]>,
    criteria: Option<&BTreeSet<String>>,
    phase_ids: &[String],
    cx: &mut Cx,
) {
    let m = &p.value;
    if m.minutes == 0 {
        cx.err(p, "minutes", "minutes must be at least 1".to_string());
    }
    if m.phases.is_empty() {
        cx.err(
            p,
            "phases",
            "no phases: a mock interview needs at least one".to_string(),
        );
    }
    let mut ids = Ids::new("phase");
    for (i, ph) in m.phases.iter().enumerate() {
        let pp = format!("phases[{i}]");
        ids.add(p, &format!("{pp}.id"), &ph.id, cx);
        nonempty(p, &format!("{pp}.title"), "phase title", &ph.title, cx);
        if !positive(ph.minutes) {
            cx.err(
                p,
                &format!("{pp}.minutes"),
                format!(
                    "phase `{}` minutes must be a positive number, got {}",
                    ph.id, ph.minutes
                ),
            );
        }
        if let Some(areas) = area_ids {
            for (k, a) in ph.areas.iter().enumerate() {
                if !areas.contains(a) {
                    cx.err(
                        p,
                        &format!("{pp}.areas[{k}]"),
                        format!(
                            "phase `{}` refers to unknown area `{a}`: expected one of {}",
                            ph.id,
                            list(areas)
                        ),
                    );
                }
            }
        }
    }
    if let Some(areas) = area_ids
        && !m.phases.is_empty()
    {
        for a in areas {
            if !m.phases.iter().any(|ph| ph.areas.contains(a)) {
                cx.warn(
                    p,
                    "phases",
                    format!("area `{a}` is in no phase: mock interviews never ask its questions"),
                );
            }
        }
    }
    let total: f32 = m.phases.iter().map(|ph| ph.minutes).sum();
    if m.minutes > 0 && !m.phases.is_empty() && (total - m.minutes as f32).abs() > 0.5 {
        cx.warn(
            p,
            "minutes",
            format!(
                "phase minutes add up to {total} but the interview lasts {} minutes (phases are scaled to fit)",
                m.minutes
            ),
        );
    }
    let mut ids = Ids::new("curveball");
    for (i, b) in m.client_speak.iter().enumerate() {
        check_curveball(
            p,
            &format!("client_speak[{i}]"),
            b,
            Some(phase_ids),
            criteria,
            &mut ids,
            cx,
        );
    }
    if m.fallback_answers.is_empty() {
        cx.err(
            p,
            "fallback_answers",
            "no fallback answers: the client needs something to say to questions no fact answers"
                .to_string(),
        );
    }
    for (i, a) in m.fallback_answers.iter().enumerate() {
        nonempty(
            p,
            &format!("fallback_answers[{i}]"),
            "fallback answer",
            a,
            cx,
        );
    }
}

fn check_scenario(
    p: &Parsed<Scenario>,
    area_ids: Option<&[String]>,
    rubric_criteria: Option<&BTreeSet<String>>,
    phases: Option<&[String]>,
    mock_speak: &[String],
    cx: &mut Cx,
) {
    let s = &p.value;
    if !is_kebab(&s.id) {
        cx.err(
            p,
            "id",
            format!(
                "scenario id `{}` must be kebab-case (lowercase letters, digits and single hyphens)",
                s.id
            ),
        );
    }
    let stem = p
        .file
        .file_stem()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_kebab(&s.id) && stem != s.id {
        cx.warn(
            p,
            "id",
            format!("scenario id `{}` differs from its file name `{stem}`", s.id),
        );
    }
    nonempty(p, "title", "scenario title", &s.title, cx);
    nonempty(p, "domain", "scenario domain", &s.domain, cx);
    nonempty(p, "prompt", "scenario prompt", &s.prompt, cx);

    // Scenario criteria: unique against the rubric's and each other.
    let mut criteria: Option<BTreeSet<String>> = rubric_criteria.cloned();
    if let Some(areas) = area_ids {
        let mut ids = Ids::new("criterion");
        for (i, c) in s.criteria.iter().enumerate() {
            let cp = format!("criteria[{i}]");
            if rubric_criteria.is_some_and(|r| r.contains(&c.id)) {
                cx.err(
                    p,
                    &format!("{cp}.id"),
                    format!(
                        "duplicate criterion id `{}`: the rubric already defines it",
                        c.id
                    ),
                );
                let mut fresh = Ids::new("criterion");
                check_criterion(p, &cp, c, areas, &mut fresh, cx);
            } else {
                check_criterion(p, &cp, c, areas, &mut ids, cx);
            }
        }
    }
    if let Some(set) = criteria.as_mut() {
        set.extend(s.criteria.iter().map(|c| c.id.clone()));
    }

    let mut facts = Ids::new("fact");
    for (i, f) in s.facts.iter().enumerate() {
        let fp = format!("facts[{i}]");
        facts.add(p, &format!("{fp}.id"), &f.id, cx);
        nonempty(p, &format!("{fp}.answer"), "fact answer", &f.answer, cx);
        if f.unlocked_by.is_empty() {
            cx.err(
                p,
                &format!("{fp}.unlocked_by"),
                format!(
                    "fact `{}` has no unlocked_by phrases: no question could reveal it",
                    f.id
                ),
            );
        }
        for (k, u) in f.unlocked_by.iter().enumerate() {
            nonempty(
                p,
                &format!("{fp}.unlocked_by[{k}]"),
                "unlocked_by phrase",
                u,
                cx,
            );
        }
        if let Some(areas) = area_ids
            && !areas.contains(&f.area)
        {
            cx.err(
                p,
                &format!("{fp}.area"),
                format!(
                    "fact `{}` refers to unknown area `{}`: expected one of {}",
                    f.id,
                    f.area,
                    list(areas)
                ),
            );
        }
    }

    let mut balls = Ids::new("curveball");
    for (i, b) in s.curveballs.iter().enumerate() {
        check_curveball(
            p,
            &format!("curveballs[{i}]"),
            b,
            phases,
            criteria.as_ref(),
            &mut balls,
            cx,
        );
        if mock_speak.contains(&b.id) {
            cx.err(
                p,
                &format!("curveballs[{i}].id"),
                format!(
                    "curveball id `{}` is also a client_speak id in mock.yaml: mock interviews schedule both together, so ids must differ",
                    b.id
                ),
            );
        }
    }

    let mut emph = Ids::new("emphasis criterion");
    for (i, e) in s.emphasis.iter().enumerate() {
        let ep = format!("emphasis[{i}]");
        emph.add(p, &format!("{ep}.criterion"), &e.criterion, cx);
        if let Some(set) = &criteria
            && !set.contains(&e.criterion)
        {
            cx.err(
                p,
                &format!("{ep}.criterion"),
                format!("emphasis refers to unknown criterion `{}`", e.criterion),
            );
        }
        if !positive(e.weight) {
            cx.err(
                p,
                &format!("{ep}.weight"),
                format!(
                    "emphasis on `{}`: weight must be a positive number, got {}",
                    e.criterion, e.weight
                ),
            );
        }
    }

    let words = s.exemplar.split_whitespace().count();
    if words == 0 {
        cx.err(p, "exemplar", "the exemplar answer is empty".to_string());
    } else if !(EXEMPLAR_WORDS.0..=EXEMPLAR_WORDS.1).contains(&words) {
        cx.warn(
            p,
            "exemplar",
            format!(
                "the exemplar has {words} words: a spoken answer of {}–{} reads best",
                EXEMPLAR_WORDS.0, EXEMPLAR_WORDS.1
            ),
        );
    }
}

/// Length of an exemplar answer, in words, that a candidate could say.
const EXEMPLAR_WORDS: (usize, usize) = (500, 1000);

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

    #[test]
    fn kebab_case() {
        assert!(is_kebab("fraud-detection"));
        assert!(is_kebab("ads-ctr2"));
        assert!(!is_kebab("Fraud"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
        assert!(!is_kebab(""));
    }

    #[test]
    fn fingerprint_depends_on_bytes_and_names() {
        let a = vec![Source {
            rel: "rubric.yaml".into(),
            shown: "x".into(),
            bytes: b"a: 1".to_vec(),
        }];
        let b = vec![Source {
            rel: "rubric.yaml".into(),
            shown: "y".into(),
            bytes: b"a: 2".to_vec(),
        }];
        let c = vec![Source {
            rel: "mock.yaml".into(),
            shown: "x".into(),
            bytes: b"a: 1".to_vec(),
        }];
        let fa = fingerprint(&a);
        assert_eq!(fa.len(), 12);
        assert!(fa.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(fa, fingerprint(&a));
        assert_ne!(fa, fingerprint(&b));
        assert_ne!(fa, fingerprint(&c));
    }
}
