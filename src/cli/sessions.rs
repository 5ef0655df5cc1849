//! `history`, `show`, `export`, `paths`.

use super::{ExportFormat, Format, GlobalArgs, ModeArg, load_content, sessions_dir};
use super::{err_line, print_json, print_out, write_stdout};
use crate::core::content::{Content, embedded_sketch, load_embedded};
use crate::core::report::{controls, markdown, text};
use crate::core::review::{
    ScoredSession, Scores, SessionScorer, cache, export_markdown, score_sessions,
};
use crate::core::scoring::Scorecard;
use crate::core::session::{Mode, Session};
use crate::core::store::index::Scored;
use crate::core::store::{self, Listing, Store, StoreError, SummaryRow, fsutil};
use crate::core::time::format_mss;
use chrono::{Datelike, Timelike, Utc};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// Scores sessions (see [`SessionScorer`]); `None` when there is nothing
/// to score (no answer text).
struct Scorers<'c>(SessionScorer<'c>);

impl<'c> Scorers<'c> {
    fn new(content: &'c Content) -> Self {
        Scorers(SessionScorer::new(content))
    }
    fn score(&mut self, session: &Session) -> Option<Scorecard> {
        if session.answer_inputs().is_empty() {
            return None;
        }
        Some(self.0.score(session))
    }
}

/// Progress of a long scoring pass on stderr (a cold or stale index):
/// `scoring sessions: 4,200/10,000`, on one line rewritten in place when
/// stderr is a terminal, else a line now and then. Nothing for a pass
/// under half a second.
struct Progress {
    started: std::time::Instant,
    /// Last report: (time since start in ms, done).
    last: std::sync::Mutex<(u128, usize)>,
    tty: bool,
}

impl Progress {
    fn new() -> Progress {
        use std::io::IsTerminal as _;
        Progress {
            started: std::time::Instant::now(),
            last: std::sync::Mutex::new((0, 0)),
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn report(&self, done: usize, total: usize) {
        let ms = self.started.elapsed().as_millis();
        let every = if self.tty { 100 } else { 2000 };
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if ms < 500 || ms < last.0 + every || done < last.1 {
            return;
        }
        *last = (ms, done);
        let line = format!("scoring sessions: {done}/{total}");
        if self.tty {
            eprint!("\r{line}\x1b[K");
        } else {
            eprintln!("{line}");
        }
    }

    /// Ends the progress line (when one was shown).
    fn finish(&self) {
        let shown = self.last.lock().map(|l| l.1 > 0).unwrap_or(false);
        if shown && self.tty {
            eprint!("\r\x1b[K");
        }
        if shown {
            err_line(format!(
                "scored in {:.1} s",
                self.started.elapsed().as_secs_f64()
            ));
        }
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    err_line(format!("error: {msg}"));
    ExitCode::FAILURE
}

fn open_store(g: &GlobalArgs) -> Result<Store, ExitCode> {
    let dir = sessions_dir(g);
    let store = Store::open(&dir.path).map_err(|e| {
        fail(format!(
            "cannot open the sessions directory {} ({}): {e}",
            dir.path.display(),
            dir.reason
        ))
    })?;
    if let Some(w) = store::check_private(&dir) {
        err_line(w);
    }
    Ok(store)
}

fn store_error(e: StoreError) -> ExitCode {
    match e {
        StoreError::Ambiguous { prefix, matches } => {
            let mut m = format!("'{prefix}' matches {} sessions:", matches.len());
            for id in matches {
                let _ = write!(m, "\n  {id}");
            }
            fail(m)
        }
        StoreError::Damaged { path, reason } => fail(format!(
            "{} is damaged and was left as it is: {reason}",
            path.display()
        )),
        other => fail(other),
    }
}

fn mode_of(m: ModeArg) -> Mode {
    match m {
        ModeArg::Practice => Mode::Practice,
        ModeArg::Mock => Mode::Mock,
        ModeArg::Drill => Mode::Drill,
    }
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn run_history(
    g: &GlobalArgs,
    scenario: Option<&str>,
    mode: Option<ModeArg>,
    format: Format,
) -> ExitCode {
    // The built-in pack's sketch names its version and scenarios; the
    // whole is loaded only if some session is to be scored.
    let sketch = g.content.is_none().then(embedded_sketch).flatten();
    let (content, whole) = match sketch {
        Some(sketch) => (sketch, Some(load_embedded as fn() -> Content)),
        None => match load_content(g) {
            Ok(c) => (c, None),
            Err(code) => return code,
        },
    };
    let store = match open_store(g) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let progress = Progress::new();
    let report = |done: usize, total: usize| progress.report(done, total);
    let loaded = std::sync::OnceLock::new();
    let for_scoring = || match whole {
        Some(load) => loaded.get_or_init(load),
        None => &content,
    };
    let key = cache::score_key(&content);
    let rows = cache::scored_summaries_with(&key, &for_scoring, &store, Some(&report), 0);
    progress.finish();
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return store_error(e),
    };
    let mode = mode.map(mode_of);
    let rows: Vec<Scored<Scores>> = rows
        .into_iter()
        .filter(|r| match &r.row {
            SummaryRow::Ok(s) => {
                scenario.is_none_or(|x| s.scenario == x) && mode.is_none_or(|m| s.mode == m)
            }
            // A damaged file has no readable mode; its name tells the scenario.
            SummaryRow::Damaged { path, .. } => {
                mode.is_none() && scenario.is_none_or(|x| stem(path).contains(&format!("_{x}_")))
            }
        })
        .collect();
    if rows.is_empty() && (scenario.is_some() || mode.is_some()) {
        // Say what did not match (on stderr for JSON, whose stdout stays `[]`).
        let note = no_match(&content, scenario, mode);
        let code = match format {
            Format::Json => {
                err_line(note.trim_end());
                print_json(&history_json(&rows))
            }
            Format::Text => print_out(&note),
        };
        return if scenario.is_some_and(|x| content.scenario(x).is_none()) {
            ExitCode::FAILURE
        } else {
            code
        };
    }
    let out = match format {
        Format::Json => return print_json(&history_json(&rows)),
        Format::Text => history_text(&rows),
    };
    print_out(&out)
}

/// Nothing matched the filters: say which, and list the scenarios.
fn no_match(content: &Content, scenario: Option<&str>, mode: Option<Mode>) -> String {
    let mut what = Vec::new();
    if let Some(x) = scenario {
        what.push(format!("scenario '{x}'"));
    }
    if let Some(m) = mode {
        what.push(format!("mode {}", m.as_str()));
    }
    let mut o = format!("No session matches {}.\n", what.join(" and "));
    if let Some(x) = scenario.filter(|x| content.scenario(x).is_none()) {
        let _ = writeln!(o, "'{x}' is not a scenario id. The scenarios are:");
        for s in &content.scenarios {
            let _ = writeln!(o, "  {:28}  {}", s.id, s.title);
        }
    }
    o
}

/// The overall score history shows: none for a session with nothing scored.
fn overall_of(r: &Scored<Scores>) -> Option<f32> {
    r.score.as_ref().filter(|sc| !sc.empty).map(Scores::overall)
}

fn history_json(rows: &[Scored<Scores>]) -> String {
    let v: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| match &r.row {
            SummaryRow::Ok(s) => serde_json::json!({
                "id": s.id,
                "scenario": s.scenario,
                "mode": s.mode.as_str(),
                "started_at": s.started_at,
                "ended_at": s.ended_at,
                "duration_seconds": s.elapsed_seconds,
                "status": s.status.as_str(),
                "overall": overall_of(r).map(|o| (f64::from(o) * 10.0).round() / 10.0),
                "predicted_score": s.predicted_score,
                "answers": s.answers,
                "words": s.words,
                "content_version": s.content_version,
                "path": s.path,
            }),
            SummaryRow::Damaged { path, reason } => serde_json::json!({
                "id": stem(path),
                "scenario": null,
                "mode": null,
                "started_at": null,
                "status": "damaged",
                "overall": null,
                "reason": reason,
                "path": path,
            }),
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

fn history_text(rows: &[Scored<Scores>]) -> String {
    if rows.is_empty() {
        return "No sessions yet. Start one with `mlsd-coach practice`.\n".to_string();
    }
    let id_w = rows
        .iter()
        .map(|r| match &r.row {
            SummaryRow::Ok(s) => s.id.len(),
            SummaryRow::Damaged { path, .. } => stem(path).len(),
        })
        .max()
        .unwrap_or(2)
        .max(2);
    let sc_w = rows
        .iter()
        .filter_map(|r| match &r.row {
            SummaryRow::Ok(s) => Some(s.scenario.len()),
            _ => None,
        })
        .max()
        .unwrap_or(8)
        .max(8);
    let mut o = format!(
        "{:id_w$}  {:sc_w$}  {:8}  {:16}  {:>12}  {:>5}  STATUS\n",
        "ID", "SCENARIO", "MODE", "STARTED", "DURATION", "SCORE"
    );
    for r in rows {
        match &r.row {
            SummaryRow::Ok(s) => {
                let score = overall_of(r).map_or("-".to_string(), |o| format!("{o:.0}"));
                // `%Y-%m-%d %H:%M`, without chrono parsing that pattern
                // for each of 10,000 rows.
                let t = s.started_at.with_timezone(&chrono::Local);
                let _ = writeln!(
                    o,
                    "{:id_w$}  {:sc_w$}  {:8}  {:04}-{:02}-{:02} {:02}:{:02}  {:>12}  {:>5}  {}",
                    s.id,
                    s.scenario,
                    s.mode.as_str(),
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute(),
                    format_mss(s.elapsed_seconds),
                    score,
                    s.status.as_str().replace('_', " ")
                );
            }
            SummaryRow::Damaged { path, reason } => {
                let _ = writeln!(
                    o,
                    "{:id_w$}  DAMAGED {}: {reason}",
                    stem(path),
                    path.display()
                );
            }
        }
    }
    o
}

fn load(
    g: &GlobalArgs,
    id: &str,
) -> Result<(Content, Store, std::path::PathBuf, Session), ExitCode> {
    let content = load_content(g)?;
    let store = open_store(g)?;
    let (path, session) = store.load(id).map_err(store_error)?;
    Ok((content, store, path, session))
}

pub fn run_show(g: &GlobalArgs, id: &str) -> ExitCode {
    let (content, store, path, session) = match load(g, id) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let card = Scorers::new(&content).score(&session);
    // A drill is shown as its drill report (the drilled criteria before →
    // after, the schedule), as the TUI and `export` show it.
    if session.mode == Mode::Drill
        && let Some(card) = card.as_ref()
    {
        let history = || scored_history(&content, &store);
        let md = export_markdown(&content, &session, Some(card), history, Utc::now());
        return print_out(&format!("file: {}\n\n{md}", path.display()));
    }
    print_out(&show_text(&content, &path, &session, card.as_ref()))
}

/// The plain-text view of `show`.
fn show_text(content: &Content, path: &Path, s: &Session, card: Option<&Scorecard>) -> String {
    let mut o = String::new();
    let scenario = content.scenario(&s.scenario);
    let title = scenario.map_or(s.scenario.as_str(), |x| x.title.as_str());
    let _ = writeln!(o, "{title} — {} session {}", s.mode.as_str(), s.id);
    let _ = writeln!(o, "file:     {}", path.display());
    let _ = writeln!(
        o,
        "started:  {}",
        s.started_at
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(
        o,
        "clock:    {}{}",
        format_mss(s.elapsed_seconds),
        s.minutes
            .map_or(String::new(), |m| format!(" of a {m}-minute interview"))
    );
    let _ = writeln!(o, "status:   {}", s.status.as_str().replace('_', " "));
    match card {
        Some(c) => {
            let _ = write!(o, "score:    {:.0}/100", c.overall);
            if let Some(p) = s.predicted_score {
                let _ = write!(o, " (you predicted {p})");
            }
            o.push('\n');
        }
        None => o.push_str("score:    - (no answers)\n"),
    }
    if let Some(sc) = scenario {
        let _ = writeln!(o, "\nPROMPT\n  {}", sc.prompt.trim().replace('\n', "\n  "));
    }
    o.push_str("\nANSWERS\n");
    let answers: Vec<_> = markdown::ordered_answers(content, s)
        .into_iter()
        .filter(|a| !a.text.trim().is_empty())
        .collect();
    if answers.is_empty() {
        o.push_str("  (none)\n");
    }
    for a in answers {
        let _ = write!(
            o,
            "\n  {} [{}, {}",
            markdown::question_title(content, s, &a.question),
            a.question,
            format_mss(a.seconds)
        );
        if a.hints > 0 {
            let _ = write!(
                o,
                ", {}",
                crate::core::report::plural(a.hints, "hint", "hints")
            );
        }
        o.push_str("]\n");
        for line in a.text.trim_end().lines() {
            let _ = writeln!(o, "    {line}");
        }
    }
    if let Some(c) = card {
        o.push_str("\nSCORECARD\n\n");
        o.push_str(&text::scorecard(c, &text::TextOptions::default()));
        if c.gaps.len() > text::TextOptions::default().max_gaps {
            let _ = writeln!(o, "\n(`mlsd-coach export {}` lists every gap.)", s.id);
        }
    }
    o
}

/// Every readable session of the store, scored (damaged files are left
/// out: `history` lists them).
fn scored_history(content: &Content, store: &Store) -> Vec<ScoredSession> {
    let sessions = store
        .list()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|l| match l {
            Listing::Ok { session, .. } => Some(*session),
            Listing::Damaged { .. } => None,
        })
        .collect();
    score_sessions(content, sessions)
}

pub fn run_export(
    g: &GlobalArgs,
    id: &str,
    format: ExportFormat,
    output: Option<&Path>,
) -> ExitCode {
    let (content, store) = match load_content(g).and_then(|c| Ok((c, open_store(g)?))) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let (path, session) = match store.load(id) {
        Ok(x) => x,
        Err(e) => return store_error(e),
    };
    let card = Scorers::new(&content).score(&session);
    // Control characters made visible (Markdown) or escaped (JSON), for a
    // file as for the terminal: a file is read on a terminal too.
    let text = match format {
        ExportFormat::Md => {
            // A drill's report is about the drilled criteria, before → after,
            // replayed from every saved session.
            let history = || scored_history(&content, &store);
            let md = export_markdown(&content, &session, card.as_ref(), history, Utc::now());
            controls::neutralise(&md).into_owned()
        }
        ExportFormat::Json => {
            let v = serde_json::json!({
                "path": path,
                "content_version": content.version,
                "session": session,
                "scorecard": card,
            });
            match serde_json::to_string_pretty(&v) {
                Ok(mut s) => {
                    s.push('\n');
                    controls::json_escaped(&s).into_owned()
                }
                Err(e) => return fail(format!("cannot encode {}: {e}", session.id)),
            }
        }
    };
    match output {
        None => write_stdout(&text),
        Some(file) => match fsutil::write_atomic(file, text.as_bytes()) {
            Ok(()) => {
                let full = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
                err_line(format!("wrote {}", full.display()));
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("cannot write {}: {e}", file.display())),
        },
    }
}

pub fn run_paths(g: &GlobalArgs) -> ExitCode {
    let content = match &g.content {
        Some(dir) => format!("{} (--content)", dir.display()),
        None => "embedded (built into this binary)".to_string(),
    };
    let dir = sessions_dir(g);
    let exists = if dir.path.is_dir() {
        ""
    } else {
        "; created on first save"
    };
    print_out(&format!(
        "content:  {content}\nsessions: {} ({}{exists})\n",
        dir.path.display(),
        dir.reason
    ))
}
