//! Loading content packs.
//!
//! A pack is a directory with `rubric.yaml`, `mock.yaml` and
//! `scenarios/*.yaml`. The default pack (the repository's `content/`
//! directory) is compiled into the binary. Every problem is reported with
//! the file, line and column it comes from: syntax and type errors from the
//! YAML deserializer (`parse.rs`), semantic errors (unknown references,
//! duplicate ids, bad regexes, …) from `validate*.rs`, located by walking
//! the file with a span-aware parser along the offending node's path.

use super::model::{AREA_IDS, Content, MockProfile, Rubric, Scenario};
use super::parse::{
    Cx, Diagnostic, MOCK_ITEMS, Parsed, RUBRIC_ITEMS, Report, SCENARIO_ITEMS, Source, parse,
};
use super::validate::check_rubric;
use super::validate_mock::check_mock;
use super::validate_scenario::{Refs, check_scenario};
use include_dir::{Dir, include_dir};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository's `content/` directory, compiled in.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The text of a scenario's file with this `id:` (from the pack in `dir`,
/// or the embedded one), and its path: to locate problems found later.
pub fn scenario_source(dir: Option<&Path>, id: &str) -> Option<(PathBuf, String)> {
    let has_id = |text: &str| text.lines().any(|l| l.trim() == format!("id: {id}"));
    match dir {
        Some(d) => std::fs::read_dir(d.join("scenarios"))
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .find_map(|p| {
                let text = std::fs::read_to_string(&p).ok()?;
                has_id(&text).then_some((p, text))
            }),
        None => EMBEDDED.get_dir("scenarios")?.files().find_map(|f| {
            let text = f.contents_utf8()?;
            has_id(text).then(|| (Path::new("content").join(f.path()), text.to_string()))
        }),
    }
}

/// The default pack as the build parsed it (`build.rs`): JSON of the
/// [`Content`], version included. Empty when the YAML did not parse.
const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded_content.json"));

/// The default pack from the build's copy, without parsing the YAML or
/// validating it again (the test suite validates it and checks that this
/// equals [`check_and_load_embedded`]'s content). `None` when the build
/// could not parse it.
pub fn embedded_prebuilt() -> Option<Content> {
    serde_json::from_str(EMBEDDED_JSON).ok()
}

/// The build's sketch of the default pack: what the TUI's first frame
/// draws (see build.rs), a twentieth of the whole.
const EMBEDDED_SKETCH: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded_sketch.json"));

/// The default pack's sketch: the rubric's areas and questions, each
/// scenario's names, prompt and context, the mock profile, the version
/// (about 0.1 ms to read, against a few for the whole). The TUI draws its
/// first frame from it and swaps the whole in before it reads any input;
/// nothing may score, hint or save from it. `None` when the build could
/// not parse the pack.
pub fn embedded_sketch() -> Option<Content> {
    serde_json::from_str(EMBEDDED_SKETCH).ok()
}

/// The default content pack compiled into the binary.
///
/// Read from the build's parsed copy (a few milliseconds); should that be
/// missing, the pack is checked in full, and should it be invalid this
/// panics with every problem, each naming its file. The shipped pack is
/// checked by the test suite.
pub fn load_embedded() -> Content {
    // Deserialising the copy costs about what cloning a cached one would.
    if let Some(c) = embedded_prebuilt() {
        return c;
    }
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
    let area_ids: Vec<String> = AREA_IDS.iter().map(|a| a.to_string()).collect();
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
            Some(&area_ids),
            rubric_criteria.as_ref(),
            phase_ids.as_deref().unwrap_or(&[]),
            &mut cx,
        );
    }
    let mock_speak: Vec<String> = mock
        .as_ref()
        .map(|m| m.value.client_speak.iter().map(|b| b.id.clone()).collect())
        .unwrap_or_default();
    let refs = Refs {
        area_ids: &area_ids,
        rubric: rubric.as_ref().map(|r| &r.value),
        phases: phase_ids.as_deref(),
        mock_speak: &mock_speak,
    };
    for s in &scenarios {
        check_scenario(s, &refs, &mut cx);
    }
    check_scenario_names(&scenarios, &mut cx);

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

/// Scenario ids and aliases name one scenario each across the pack.
fn check_scenario_names(scenarios: &[Parsed<Scenario>], cx: &mut Cx) {
    let mut ids: HashMap<&str, &PathBuf> = HashMap::new();
    for s in scenarios {
        if let Some(first) = ids.get(s.value.id.as_str()) {
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
            ids.insert(&s.value.id, &s.file);
        }
    }
    let mut aliases: HashMap<&str, &PathBuf> = HashMap::new();
    for s in scenarios {
        for (i, a) in s.value.aliases.iter().enumerate() {
            let path = format!("aliases[{i}]");
            if let Some(owner) = ids.get(a.as_str()).filter(|_| *a != s.value.id) {
                cx.err(
                    s,
                    &path,
                    format!(
                        "alias `{a}` is the id of another scenario (in {})",
                        owner.display()
                    ),
                );
            } else if let Some(first) = aliases.get(a.as_str()) {
                cx.err(
                    s,
                    &path,
                    format!("alias `{a}` is also an alias in {}", first.display()),
                );
            } else {
                aliases.insert(a, &s.file);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
