//! The history the review screens work on: every saved session's
//! [`Record`] (summary and scores, from the score cache), damaged files
//! with their reason. The runtime loads it (`Effect::LoadReview`, on a
//! thread that reports progress) and sends it as `Msg::ReviewLoaded`. A
//! session is read in full only when a page needs it (`Effect::OpenScored`);
//! answer search builds its index on first use (`Effect::IndexAnswers`).

use crate::core::content::Content;
use crate::core::review::search::{SearchBuilder, SearchIndex};
use crate::core::review::{Record, ScoredSession, Scores, SessionScorer, cache};
use crate::core::store::index::Scored;
use crate::core::store::{Store, Summary, SummaryRow, Trashed};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    pub path: PathBuf,
    pub reason: String,
}

impl Damaged {
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

#[derive(Debug, Default)]
pub struct ReviewData {
    /// Newest first.
    pub sessions: Vec<Record>,
    pub damaged: Vec<Damaged>,
    /// Sessions in the sessions directory's `trash/`, restorable.
    pub trash: Vec<Trashed>,
    /// Sessions already scored in full, by id (made from scored sessions).
    full: HashMap<String, Arc<ScoredSession>>,
    /// The answer search index, when built with the data.
    pub search: Option<Arc<SearchIndex>>,
}

impl ReviewData {
    /// From sessions scored in full (kept, with their search index).
    pub fn new(content: &Content, sessions: Vec<ScoredSession>, damaged: Vec<Damaged>) -> Self {
        let records = sessions
            .iter()
            .map(|s| {
                let summary = Summary::of(&s.session, &PathBuf::new());
                let scores = Scores::of(&s.session, &s.card, &content.rubric, &content.mock);
                Record::new(summary, scores)
            })
            .collect();
        let mut data = ReviewData::from_records(records, damaged);
        let mut search = SearchBuilder::default();
        let mut full = HashMap::new();
        for s in sessions {
            full.insert(s.session.id.clone(), Arc::new(s));
        }
        for (i, r) in data.sessions.iter().enumerate() {
            if let Some(s) = full.get(&r.summary.id) {
                search.add(i, s.session.answers.iter().map(|a| a.text.as_str()));
            }
        }
        data.search = Some(Arc::new(search.finish(data.sessions.len())));
        data.full = full;
        data
    }

    /// From records (sessions are read when opened).
    pub fn from_records(mut sessions: Vec<Record>, damaged: Vec<Damaged>) -> ReviewData {
        sessions.sort_by(|a, b| {
            b.summary
                .started_at
                .cmp(&a.summary.started_at)
                .then_with(|| b.summary.id.cmp(&a.summary.id))
        });
        ReviewData {
            sessions,
            damaged,
            trash: Vec::new(),
            full: HashMap::new(),
            search: None,
        }
    }

    /// Session `id` scored in full, when the data holds it.
    pub fn full(&self, id: &str) -> Option<&Arc<ScoredSession>> {
        self.full.get(id)
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.sessions.iter().position(|s| s.summary.id == id)
    }

    /// Sessions not scored yet (a first list, while scoring goes on).
    pub fn unscored(&self) -> usize {
        self.sessions.iter().filter(|r| r.scores.is_none()).count()
    }

    /// Scenario ids present, sorted.
    pub fn scenarios(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .sessions
            .iter()
            .map(|s| s.summary.scenario.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Every session's record from the score cache, scoring what is new or
/// stale (runs in the runtime, on a thread, which scores them too: the list
/// is usable meanwhile, and one compiled scorer at a time keeps the memory
/// down; `progress` gets (done, to do)).
pub fn load(
    content: &Content,
    store: &Store,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<ReviewData, String> {
    let rows = cache::scored_summaries_lean(content, store, progress)
        .map_err(|e| format!("listing sessions in {}: {e}", store.dir.display()))?;
    Ok(data_of(store, rows, true))
}

/// Every session's record with the scores already cached (none for those
/// to score): the first list while [`load`] scores the rest.
pub fn load_cached(content: &Content, store: &Store) -> Result<ReviewData, String> {
    let rows = cache::cached_summaries(content, store)
        .map_err(|e| format!("listing sessions in {}: {e}", store.dir.display()))?;
    Ok(data_of(store, rows, false))
}

/// The review's data from listed rows; when `scored` (every session was
/// scored), one without scores is listed as damaged.
fn data_of(store: &Store, rows: Vec<Scored<Scores>>, scored: bool) -> ReviewData {
    let mut sessions = Vec::with_capacity(rows.len());
    let mut damaged = Vec::new();
    for r in rows {
        match (r.row, r.score) {
            (SummaryRow::Ok(summary), None) if scored => damaged.push(Damaged {
                path: summary.path,
                reason: "could not be scored".into(),
            }),
            (SummaryRow::Ok(summary), scores) => sessions.push(Record { summary, scores }),
            (SummaryRow::Damaged { path, reason }, _) => damaged.push(Damaged { path, reason }),
        }
    }
    let mut data = ReviewData::from_records(sessions, damaged);
    // An unreadable trash hides nothing that matters here.
    data.trash = store.trashed().unwrap_or_default();
    data
}

/// The session files `paths` read and scored in full (runs in the runtime,
/// on a thread, with a scorer it keeps: the scenarios' compiled scorers are
/// reused from one page to the next).
pub fn open_scored(
    scorer: &mut SessionScorer<'_>,
    paths: &[PathBuf],
) -> Result<Vec<Arc<ScoredSession>>, String> {
    paths
        .iter()
        .map(|path| {
            let session = Store::load_path(path).map_err(|e| e.to_string())?;
            let card = scorer.score(&session);
            Ok(Arc::new(ScoredSession::new(session, card)))
        })
        .collect()
}

/// The answer search index of these session files, by position (runs in
/// the runtime, on a thread; an unreadable file is left out).
pub fn index_answers(paths: &[PathBuf]) -> SearchIndex {
    let mut search = SearchBuilder::default();
    for (i, path) in paths.iter().enumerate() {
        if let Ok(s) = Store::load_path(path) {
            search.add(i, s.answers.iter().map(|a| a.text.as_str()));
        }
    }
    search.finish(paths.len())
}
