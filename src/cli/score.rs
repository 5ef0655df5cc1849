//! `score FILE [--prompt TEXT] [--scenario ID] [--format text|json]`.
//!
//! FILE is Markdown or plain text (or `-` for stdin), scored as the single
//! answer `answer`, or a saved session file (recognised by its
//! `schema_version:` line), scored answer by answer.

use super::{Format, GlobalArgs};
use crate::core::content::{Content, Scenario};
use crate::core::report::text::{self, TextOptions};
use crate::core::scoring::{AnswerInput, GapKind, Scorecard, Scorer, SentenceReport, Skip};
use crate::core::session::{SCHEMA_VERSION, Session};
use crate::core::store::limits;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// What was read from FILE.
#[derive(Debug)]
pub enum Input {
    /// A free-form document: one answer.
    Document(String),
    /// A saved session.
    Session(Box<Session>),
}

/// Largest input `score` reads. A long written answer is tens of
/// kilobytes; a saved session is at most the store's limit.
pub const MAX_INPUT_BYTES: u64 = limits::MAX_FILE_BYTES;

/// Reads FILE (`-` = stdin) and recognises a saved session. Errors name
/// the file and what is wrong with it: unreadable, too large, empty, not
/// text (binary data), or a session file that cannot be read.
pub fn read_input(file: &Path) -> Result<Input, String> {
    let stdin = file.as_os_str() == "-";
    let name = if stdin {
        "standard input".to_string()
    } else {
        file.display().to_string()
    };
    let bytes = if stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Some(buf).filter(|b| b.len() as u64 <= MAX_INPUT_BYTES)
    } else {
        read_file(file).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    let Some(bytes) = bytes else {
        return Err(format!(
            "{name} is too large (over {}); score reads one written answer or a saved session",
            limits::size_text(MAX_INPUT_BYTES)
        ));
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    if let Some(why) = not_text(bytes) {
        return Err(format!(
            "{name} is not text ({why}); score reads Markdown, plain text or a saved session"
        ));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    if text.trim().is_empty() {
        return Err(format!("{name} is empty: there is no answer to score"));
    }
    if looks_like_session(&text) {
        let unreadable = |e: &dyn std::fmt::Display| {
            format!("{name} looks like a saved session but cannot be read: {e}")
        };
        limits::check_yaml(&text).map_err(|e| unreadable(&e))?;
        let session: Session = serde_yaml::from_str(&text).map_err(|e| unreadable(&e))?;
        if session.schema_version > SCHEMA_VERSION {
            return Err(format!(
                "{name} was written by a newer mlsd-coach (schema {}, this one reads up to {SCHEMA_VERSION})",
                session.schema_version
            ));
        }
        return Ok(Input::Session(Box::new(session)));
    }
    Ok(Input::Document(text))
}

/// Read `file`, `None` when it holds more than [`MAX_INPUT_BYTES`] (never
/// reading much more). A FIFO with no writer reads as empty instead of
/// blocking; a pipe with a slow writer (`<(command)`) is waited for.
fn read_file(file: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    let f = o.open(file)?;
    let meta = f.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::other("it is a directory"));
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES {
        return Ok(None);
    }
    let mut reader = f.take(MAX_INPUT_BYTES + 1);
    let mut buf = Vec::new();
    loop {
        match reader.read_to_end(&mut buf) {
            Ok(_) => return Ok(Some(buf).filter(|b| b.len() as u64 <= MAX_INPUT_BYTES)),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Why `bytes` is not text, if it is not: more than 10% of its bytes are
/// not UTF-8, more than 1% are NUL (UTF-16 text is half NULs), or more than
/// 10% of its characters are control characters (other than line breaks,
/// tabs and form feeds). A stray bad byte or escape sequence in a text file
/// is fine.
pub fn not_text(bytes: &[u8]) -> Option<String> {
    let (mut invalid, mut controls, mut nuls, mut chars) = (0usize, 0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        invalid += chunk.invalid().len();
        for c in chunk.valid().chars() {
            chars += 1;
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
                controls += 1;
                nuls += usize::from(c == '\0');
            }
        }
    }
    let pct = |n: usize, of: usize| (n * 100).div_ceil(of.max(1));
    if invalid * 10 > bytes.len() {
        return Some(format!(
            "binary data: {}% of its bytes are not UTF-8",
            pct(invalid, bytes.len())
        ));
    }
    if nuls * 100 > bytes.len() {
        return Some(format!(
            "binary data: {}% of its bytes are NUL (UTF-16 text? save it as UTF-8)",
            pct(nuls, bytes.len())
        ));
    }
    if controls * 10 > chars {
        return Some(format!(
            "binary data: {}% of its characters are control characters",
            pct(controls, chars)
        ));
    }
    None
}

fn looks_like_session(text: &str) -> bool {
    text.lines()
        .take(50)
        .any(|l| l.starts_with("schema_version:"))
}

/// The scenario a prompt is about, when one clearly is (shared with the
/// scorer's own inference).
pub fn closest_scenario<'c>(content: &'c Content, prompt: &str) -> Option<&'c Scenario> {
    crate::core::scoring::infer_scenario(content, prompt)
}

/// The scorecard as the one JSON object `score --format json` prints.
pub fn scorecard_json(
    card: &Scorecard,
    scenario: Option<&Scenario>,
    rubric_version: &str,
) -> serde_json::Value {
    use serde_json::json;
    let r1 = |x: f32| (x as f64 * 10.0).round() / 10.0;
    let result = |c: &crate::core::scoring::CriterionResult| {
        json!({
            "id": c.id,
            "area": c.area,
            "label": c.label,
            "status": c.status.as_str(),
            "weight": c.weight,
            "generic": c.generic,
            "evidence": c.evidence.iter().map(|e| json!({
                "quote": e.quote,
                "line": e.line,
                "question": e.question,
                "concepts": e.concepts,
            })).collect::<Vec<_>>(),
            "missing_concepts": c.missing_concepts,
        })
    };
    json!({
        "overall": r1(card.overall),
        "band": {"id": card.band.id, "label": card.band.label, "meaning": card.band.meaning},
        "scenario": scenario.map(|s| s.id.as_str()),
        "task_type": card.task_type,
        "key_point_score": card.key_point_score.map(r1),
        "penalty": r1(card.penalty),
        "notices": card.notices,
        "flags": card.flags.iter().map(|f| json!({
            "id": f.id,
            "label": f.label,
            "quote": f.quote,
            "line": f.line,
            "question": f.question,
            "why": f.why,
            "instead": f.instead,
        })).collect::<Vec<_>>(),
        "key_points": card.key_points.iter().map(result).collect::<Vec<_>>(),
        "skipped": card.skipped.iter().map(|x| json!({
            "id": x.id,
            "area": x.area,
            "label": x.label,
            "reason": match &x.reason {
                Skip::NotApplicable(_) => "not_applicable",
                Skip::NotAsked => "not_asked",
            },
            "why": match &x.reason {
                Skip::NotApplicable(why) => why.as_str(),
                Skip::NotAsked => "The client never spoke in this answer.",
            },
        })).collect::<Vec<_>>(),
        "rubric_version": rubric_version,
        "areas": card.areas.iter().map(|a| json!({
            "id": a.id,
            "title": a.title,
            "score": r1(a.score),
            "weight": a.weight,
            "covered": a.covered,
            "partial": a.partial,
            "missing": a.missing,
        })).collect::<Vec<_>>(),
        "criteria": card.criteria.iter().map(result).collect::<Vec<_>>(),
        "gaps": card.gaps.iter().map(|g| json!({
            "criterion": g.criterion,
            "area": g.area,
            "label": g.label,
            "status": g.status.as_str(),
            "worth": r1(g.worth),
            "why": g.why,
            "hint": g.hint,
            "source": g.source,
            "kind": match g.kind {
                GapKind::KeyPoint => "key_point",
                GapKind::Criterion => "criterion",
            },
            "example": g.example,
            "emphasis": g.emphasis,
        })).collect::<Vec<_>>(),
    })
}

/// What `score` was asked to do.
pub struct Options<'a> {
    pub prompt: Option<&'a str>,
    pub scenario: Option<&'a str>,
    pub explain: bool,
    pub format: Format,
}

pub fn run(g: &GlobalArgs, file: &Path, o: Options<'_>) -> ExitCode {
    let content = match super::load_content(g) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let input = match read_input(file) {
        Ok(i) => i,
        Err(e) => {
            super::err_line(format!("error: {e}"));
            return ExitCode::from(1);
        }
    };
    // The scenario: --scenario, else the session's, else the one --prompt
    // is about (none: the general rubric, with the prompt's words for fit).
    let chosen: Option<&Scenario> = match o.scenario {
        Some(id) => match content.scenario(id) {
            Some(s) => Some(s),
            None => {
                let known: Vec<&str> = content.scenarios.iter().map(|s| s.id.as_str()).collect();
                super::err_line(format!(
                    "error: unknown scenario '{id}' (known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ));
                return ExitCode::from(2);
            }
        },
        None => match &input {
            Input::Session(s) => {
                let found = content.scenario(&s.scenario);
                if found.is_none() {
                    super::err_line(format!(
                        "warning: the session's scenario '{}' is not in this content pack; scoring against the rubric alone",
                        s.scenario
                    ));
                }
                found
            }
            Input::Document(_) => o.prompt.and_then(|p| closest_scenario(&content, p)),
        },
    };
    let scorer = match (chosen, o.prompt, &input) {
        (None, Some(p), Input::Document(_)) => Scorer::for_prompt(&content, p).0,
        _ => Scorer::new(&content, chosen),
    };
    let (card, report) = match &input {
        Input::Document(text) => {
            let answers = [AnswerInput {
                question: "answer",
                text,
            }];
            let report = o.explain.then(|| scorer.explain(&answers));
            (scorer.score(&answers), report)
        }
        Input::Session(s) if o.scenario.is_none() && !o.explain => {
            (crate::core::review::score_session(&content, s), None)
        }
        Input::Session(s) => {
            let answers = s.answer_inputs();
            let report = o.explain.then(|| scorer.explain(&answers));
            (scorer.score(&answers), report)
        }
    };
    match o.format {
        Format::Json => {
            let mut v = scorecard_json(&card, chosen, &content.rubric.version);
            if let Some(r) = &report {
                v["explain"] = explain_json(r);
            }
            super::print_json(&format!("{v}\n"))
        }
        Format::Text => {
            let title = match (&input, chosen) {
                (Input::Session(s), Some(sc)) => Some(format!("Session {} — {}", s.id, sc.title)),
                (Input::Session(s), None) => Some(format!("Session {}", s.id)),
                (Input::Document(_), Some(sc)) => Some(format!("Scenario: {}", sc.title)),
                (Input::Document(_), None) => None,
            };
            let opts = TextOptions {
                title,
                ..TextOptions::default()
            };
            let mut out = text::scorecard(&card, &opts);
            if let Some(r) = &report {
                out.push_str(&text::explanation(r));
            }
            super::print_out(&out)
        }
    }
}

fn explain_json(report: &[SentenceReport]) -> serde_json::Value {
    use serde_json::json;
    report
        .iter()
        .map(|r| {
            json!({
                "question": r.question,
                "line": r.line,
                "text": r.text,
                "verdict": format!("{:?}", r.verdict),
                "earned": r.criteria,
                "concepts": r.concepts,
                "declined": r.declined,
                "flags": r.flags,
                "why_not_more": r.why_not_more,
            })
        })
        .collect()
}
