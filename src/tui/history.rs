//! The history the review screens work on: every saved session scored
//! with the current content, damaged files with their reason. The runtime
//! loads it (`Effect::LoadReview`) and sends it as `Msg::ReviewLoaded`.

use crate::core::content::Content;
use crate::core::review::{self, ScoredSession};
use crate::core::store::{Listing, Store, Trashed};
use std::path::PathBuf;

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

#[derive(Debug, Clone, Default)]
pub struct ReviewData {
    /// Newest first.
    pub sessions: Vec<ScoredSession>,
    pub damaged: Vec<Damaged>,
    /// Sessions in the sessions directory's `trash/`, restorable.
    pub trash: Vec<Trashed>,
    /// Lower-cased id, scenario, mode and answers of each session, for search.
    haystacks: Vec<String>,
}

impl ReviewData {
    pub fn new(mut sessions: Vec<ScoredSession>, damaged: Vec<Damaged>) -> ReviewData {
        sessions.sort_by(|a, b| {
            b.session
                .started_at
                .cmp(&a.session.started_at)
                .then_with(|| b.session.id.cmp(&a.session.id))
        });
        let haystacks = sessions
            .iter()
            .map(|s| {
                let mut h = format!(
                    "{} {} {}",
                    s.session.id,
                    s.session.scenario,
                    s.session.mode.as_str()
                );
                for a in &s.session.answers {
                    h.push('\n');
                    h.push_str(&a.text);
                }
                h.to_lowercase()
            })
            .collect();
        ReviewData {
            sessions,
            damaged,
            trash: Vec::new(),
            haystacks,
        }
    }

    /// Does session `i` contain `needle` (already lower-cased)?
    pub fn matches(&self, i: usize, needle: &str) -> bool {
        needle.is_empty() || self.haystacks.get(i).is_some_and(|h| h.contains(needle))
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.sessions.iter().position(|s| s.session.id == id)
    }

    /// Scenario ids present, sorted.
    pub fn scenarios(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .sessions
            .iter()
            .map(|s| s.session.scenario.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// List and score every session of the store (runs in the runtime).
pub fn load(content: &Content, store: &Store) -> Result<ReviewData, String> {
    let listing = store
        .list()
        .map_err(|e| format!("listing sessions in {}: {e}", store.dir.display()))?;
    let mut sessions = Vec::new();
    let mut damaged = Vec::new();
    for l in listing {
        match l {
            Listing::Ok { session, .. } => sessions.push(*session),
            Listing::Damaged { path, reason } => damaged.push(Damaged { path, reason }),
        }
    }
    let mut data = ReviewData::new(review::score_sessions(content, sessions), damaged);
    // An unreadable trash hides nothing that matters here.
    data.trash = store.trashed().unwrap_or_default();
    Ok(data)
}
