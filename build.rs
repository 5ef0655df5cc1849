//! Build script.
//!
//! - The default content pack is embedded with `include_dir!`, which does
//!   not tell cargo about the files it reads: rebuild when anything under
//!   `content/` changes (cargo scans a directory for modifications).
//! - `MLSD_SCORING_FINGERPRINT`: a hash of the sources that decide a
//!   session's score, so cached scores (the sessions index) are recomputed
//!   whenever the scoring code changes, even within one release.
//! - `embedded_content.json` in `OUT_DIR`: the default pack, parsed here
//!   once with the same data model (`src/core/content/model.rs`) and written
//!   as JSON with its version, so a run deserialises it in a few
//!   milliseconds instead of parsing and validating the YAML. The pack
//!   cannot change after the build; the test suite validates it and checks
//!   that this copy equals the validated load. `embedded_sketch.json`: the
//!   part the TUI's first frame draws, so it need not wait for the whole. Should the YAML not parse,
//!   the file is left empty and the program falls back to the full check,
//!   which reports every problem.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/core/content/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/core/scoring/fold.rs"]
mod fold;

#[allow(dead_code)]
#[path = "src/core/scoring/literals.rs"]
mod literals;

const SCORING_SOURCES: [&str; 3] = ["src/core/scoring", "src/core/mock", "src/core/review"];

fn hash_dir(dir: &Path, h: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            hash_dir(&p, h);
        } else if let Ok(bytes) = std::fs::read(&p) {
            p.file_name().hash(h);
            bytes.hash(h);
        }
    }
}

/// The embedded pack's files as the loader sees them: `rubric.yaml`,
/// `mock.yaml`, `scenarios/*.yaml` (pack path, bytes).
fn pack_sources(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for name in ["rubric.yaml", "mock.yaml"] {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            out.push((name.to_string(), bytes));
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("scenarios")) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let Some(name) = name.filter(|n| n.ends_with(".yaml") || n.ends_with(".yml")) else {
                continue;
            };
            if let Ok(bytes) = std::fs::read(&p) {
                out.push((format!("scenarios/{name}"), bytes));
            }
        }
    }
    out
}

/// The pack's version: the loader's `fingerprint` (sha256 over the files
/// by pack path, 12 hex characters).
fn pack_version(sources: &[(String, Vec<u8>)]) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<&(String, Vec<u8>)> = sources.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut h = Sha256::new();
    for (rel, bytes) in sorted {
        h.update(rel.as_bytes());
        h.update([0u8]);
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The pack as JSON, and its sketch (what the TUI's first frame draws; see
/// `sketch`), or `None` when a file is missing or does not parse (the
/// program then runs the full, located check).
fn pack_json(sources: &[(String, Vec<u8>)]) -> Option<(String, String)> {
    let (mut rubric, mut mock, mut scenarios) = (None, None, Vec::new());
    for (rel, bytes) in sources {
        let text = std::str::from_utf8(bytes).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match rel.as_str() {
            "rubric.yaml" => rubric = Some(serde_yaml::from_str::<model::Rubric>(text).ok()?),
            "mock.yaml" => mock = Some(serde_yaml::from_str::<model::MockProfile>(text).ok()?),
            _ => scenarios.push(serde_yaml::from_str::<model::Scenario>(text).ok()?),
        }
    }
    scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    let content = model::Content {
        rubric: rubric?,
        scenarios,
        mock: mock?,
        version: pack_version(sources),
        origin: "embedded".to_string(),
    };
    Some((
        serde_json::to_string(&content).ok()?,
        serde_json::to_string(&sketch(&content)).ok()?,
    ))
}

/// The pack less what only scoring, hints and mock interviews read: the
/// rubric's areas and questions, each scenario's names, prompt and context
/// (and its key points' and red flags' ids, for `content list`), the mock
/// profile, the version. A twentieth of the whole, it draws the
/// home and practice screens as the whole does (`tests/tui_start.rs`).
fn sketch(c: &model::Content) -> model::Content {
    model::Content {
        rubric: model::Rubric {
            criteria: Vec::new(),
            red_flags: Vec::new(),
            ..c.rubric.clone()
        },
        scenarios: c
            .scenarios
            .iter()
            .map(|s| model::Scenario {
                id: s.id.clone(),
                title: s.title.clone(),
                domain: s.domain.clone(),
                task_type: s.task_type.clone(),
                other_task_types: s.other_task_types.clone(),
                aliases: s.aliases.clone(),
                prompt: s.prompt.clone(),
                context: s.context.clone(),
                key_points: s
                    .key_points
                    .iter()
                    .map(|k| model::KeyPoint {
                        id: k.id.clone(),
                        ..Default::default()
                    })
                    .collect(),
                red_flags: s
                    .red_flags
                    .iter()
                    .map(|f| model::RedFlag {
                        id: f.id.clone(),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            })
            .collect(),
        ..c.clone()
    }
}

/// Every evidence pattern in the pack (values of `patterns` keys).
fn pack_patterns(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "patterns"
                    && let Some(list) = v.as_array()
                {
                    out.extend(list.iter().filter_map(|p| p.as_str().map(String::from)));
                }
                pack_patterns(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| pack_patterns(i, out)),
        _ => {}
    }
}

/// `pattern_clauses.bin`: each pattern of the pack, folded as the scorer
/// folds it, with its clauses (`literals::required`), sorted by source.
/// Plain bytes, not Rust slices: a table of 40,000 `&[u8]` is as many
/// relocations for the loader at every start. Layout (little endian):
/// count `u32`; per pattern `u32` source offset, `u32` source length,
/// `u32` clauses offset; then the data. Clauses: count `u8`; per clause a
/// literal count `u16`; per literal its length `u16` and bytes.
fn clause_table(json: &str) -> Vec<u8> {
    let mut patterns = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(json) {
        pack_patterns(&v, &mut patterns);
    }
    let mut sources: Vec<String> = patterns.iter().map(|p| fold::source(p)).collect();
    sources.sort();
    sources.dedup();
    let mut index: Vec<u8> = Vec::new();
    let mut data: Vec<u8> = Vec::new();
    let at = |data: &Vec<u8>| u32::try_from(data.len()).expect("under 4 GB");
    let short = |n: usize| u16::try_from(n).expect("a literal or clause under 64 KB");
    for s in &sources {
        index.extend(at(&data).to_le_bytes());
        index.extend(
            u32::try_from(s.len())
                .expect("a short pattern")
                .to_le_bytes(),
        );
        data.extend(s.as_bytes());
        index.extend(at(&data).to_le_bytes());
        let clauses = literals::required(s);
        data.push(u8::try_from(clauses.len()).expect("few clauses"));
        for c in &clauses {
            data.extend(short(c.len()).to_le_bytes());
            for l in c {
                data.extend(short(l.len()).to_le_bytes());
                data.extend(l);
            }
        }
    }
    let mut out = u32::try_from(sources.len())
        .expect("a count")
        .to_le_bytes()
        .to_vec();
    out.extend(index);
    out.extend(data);
    out
}

fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=src/core/content/model.rs");
    println!("cargo:rerun-if-changed=src/core/scoring/fold.rs");
    println!("cargo:rerun-if-changed=src/core/scoring/literals.rs");
    let sources = pack_sources(Path::new("content"));
    let (json, sketch) = pack_json(&sources).unwrap_or_default();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("embedded_content.json"), &json).expect("OUT_DIR is writable");
    std::fs::write(out.join("embedded_sketch.json"), sketch).expect("OUT_DIR is writable");
    std::fs::write(out.join("pattern_clauses.bin"), clause_table(&json))
        .expect("OUT_DIR is writable");
    let mut h = DefaultHasher::new();
    for dir in SCORING_SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        hash_dir(Path::new(dir), &mut h);
    }
    println!(
        "cargo:rustc-env=MLSD_SCORING_FINGERPRINT={:016x}",
        h.finish()
    );
}
