//! Every session's [`Scores`], from `.scores.json` where they are cached
//! under the content version and the scoring code's fingerprint; sessions
//! new, changed or not yet scored under that key are read and scored (on
//! all cores, see [`Store::summaries_scored`]) through [`SessionScorer`],
//! the one scoring path.

use super::{Scores, SessionScorer};
use crate::core::content::Content;
use crate::core::session::Session;
use crate::core::store::index::{ScoreFn, Scored, Scoring};
use crate::core::store::{Store, StoreError};

/// The layout of [`Scores`] in the cache; a change to it scores again.
const RECORD_FORMAT: u32 = 2;

/// The key cached scores live under: the content's fingerprint, the
/// scoring code's (see build.rs) and the record layout's, so a change to
/// any of them scores again.
pub fn score_key(content: &Content) -> String {
    format!(
        "{}+{}+r{RECORD_FORMAT}",
        content.version,
        env!("MLSD_SCORING_FINGERPRINT")
    )
}

/// A session scored as the review keeps it.
pub fn brief(scorer: &mut SessionScorer<'_>, content: &Content, session: &Session) -> Scores {
    let card = scorer.score(session);
    Scores::of(session, &card, &content.rubric, &content.mock)
}

/// Every session's summary and scores (damaged files with no scores),
/// newest first, scored on every core. `progress` gets (done, to do) while
/// sessions are scored.
pub fn scored_summaries(
    content: &Content,
    store: &Store,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<Vec<Scored<Scores>>, StoreError> {
    scored_summaries_on(content, store, progress, 0)
}

/// Like [`scored_summaries`], scored on one thread: one compiled scorer
/// at a time (for the TUI, where the list is usable meanwhile and the
/// memory counts more than the minutes).
pub fn scored_summaries_lean(
    content: &Content,
    store: &Store,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> Result<Vec<Scored<Scores>>, StoreError> {
    scored_summaries_on(content, store, progress, 1)
}

fn scored_summaries_on(
    content: &Content,
    store: &Store,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    workers: usize,
) -> Result<Vec<Scored<Scores>>, StoreError> {
    scored_summaries_with(&score_key(content), &|| content, store, progress, workers)
}

/// Like [`scored_summaries`] under `key` (see [`score_key`]), with the
/// content got from `content` only when some session is to be scored:
/// `history` over a warm cache never loads the whole pack.
pub fn scored_summaries_with<'c>(
    key: &str,
    content: &(dyn Fn() -> &'c Content + Sync),
    store: &Store,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
    workers: usize,
) -> Result<Vec<Scored<Scores>>, StoreError> {
    let make = || -> ScoreFn<'_, Scores> {
        let content = content();
        // Sessions come a scenario at a time (see `summaries_scored`):
        // one compiled scorer per worker is enough.
        let mut scorer = SessionScorer::keeping(content, 1);
        Box::new(move |s: &Session| brief(&mut scorer, content, s))
    };
    store.summaries_scored(Scoring {
        key,
        make: &make,
        progress,
        workers,
    })
}

/// Every session's summary with the scores already cached (none for a
/// session not scored under the current key); nothing is scored.
pub fn cached_summaries(
    content: &Content,
    store: &Store,
) -> Result<Vec<Scored<Scores>>, StoreError> {
    store.summaries_cached(&score_key(content))
}
