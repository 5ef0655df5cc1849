//! Session summaries for fast listing, cached in `.index.json`.
//!
//! The index maps each session file name to its size, modification time and
//! inode (every save renames a new file in, so the inode changes too) and
//! the summary read from it. What scoring a session gave (any serialisable
//! value: the review's per-session record) is cached apart, in
//! `.scores.json`, under a scoring key (content version + scoring-code
//! fingerprint) and the file's stamp, so listing without scores (home)
//! never reads it. A missing, stale or damaged cache is rebuilt; the
//! session files stay the only source of truth.

use super::{Store, StoreError, fsutil, io_at, is_session_file};
use crate::core::session::{Mode, Session, SessionStatus};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

pub const INDEX_FILE: &str = ".index.json";
pub const SCORES_FILE: &str = ".scores.json";
const INDEX_VERSION: u32 = 3;
const SCORES_VERSION: u32 = 2;

/// What a listing shows about a session, without its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub scenario: String,
    pub mode: Mode,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    pub status: SessionStatus,
    pub content_version: String,
    pub elapsed_seconds: u64,
    /// Answers with some text.
    pub answers: usize,
    pub words: usize,
    #[serde(default)]
    pub predicted_score: Option<u8>,
    /// The session file (not stored in the index).
    #[serde(skip)]
    pub path: PathBuf,
}

impl Summary {
    pub fn of(session: &Session, path: &Path) -> Summary {
        Summary {
            id: session.id.clone(),
            scenario: session.scenario.clone(),
            mode: session.mode,
            started_at: session.started_at,
            ended_at: session.ended_at,
            status: session.status,
            content_version: session.content_version.clone(),
            elapsed_seconds: session.elapsed_seconds,
            answers: session
                .answers
                .iter()
                .filter(|a| !a.text.trim().is_empty())
                .count(),
            words: session.word_count(),
            predicted_score: session.predicted_score,
            path: path.to_path_buf(),
        }
    }
}

/// One row of [`Store::summaries`].
#[derive(Debug, Clone, PartialEq)]
pub enum SummaryRow {
    Ok(Summary),
    Damaged { path: PathBuf, reason: String },
}

impl SummaryRow {
    pub fn path(&self) -> &Path {
        match self {
            SummaryRow::Ok(s) => &s.path,
            SummaryRow::Damaged { path, .. } => path,
        }
    }
    /// Sort key: start time for readable rows, the file name otherwise
    /// (names start with the start time).
    fn key(&self) -> String {
        match self {
            SummaryRow::Ok(s) => name_time(&s.started_at),
            SummaryRow::Damaged { path, .. } => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// `t` as a session file name starts (`%Y-%m-%dT%H-%M-%S`), from its
/// fields: chrono's `format` parses its pattern on every call, a tenth of
/// listing 10,000 sessions.
fn name_time(t: &DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write as _;
    let mut o = String::with_capacity(20);
    let _ = write!(
        o,
        "{:04}-{:02}-{:02}T{:02}-{:02}-{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    o
}

/// Stored as `[size, secs, nanos, ino]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u64, u64, u32, u64)", into = "(u64, u64, u32, u64)")]
struct Stamp {
    size: u64,
    secs: u64,
    nanos: u32,
    ino: u64,
}

impl From<(u64, u64, u32, u64)> for Stamp {
    fn from((size, secs, nanos, ino): (u64, u64, u32, u64)) -> Stamp {
        Stamp {
            size,
            secs,
            nanos,
            ino,
        }
    }
}

impl From<Stamp> for (u64, u64, u32, u64) {
    fn from(s: Stamp) -> Self {
        (s.size, s.secs, s.nanos, s.ino)
    }
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        let (secs, nanos) = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or((0, 0), |d| (d.as_secs(), d.subsec_nanos()));
        #[cfg(unix)]
        let ino = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let ino = 0;
        Stamp {
            size: meta.len(),
            secs,
            nanos,
            ino,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Row {
    Ok(Summary),
    Damaged(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    stamp: Stamp,
    row: Row,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

fn read_index(path: &Path) -> IndexFile {
    let Ok(bytes) = fs::read(path) else {
        return IndexFile::default();
    };
    match serde_json::from_slice::<IndexFile>(&bytes) {
        Ok(i) if i.version == INDEX_VERSION => i,
        _ => IndexFile::default(),
    }
}

/// `.scores.json`: what scoring each file gave, under one key.
#[derive(Debug, Serialize, Deserialize)]
struct ScoresFile<T> {
    version: u32,
    key: String,
    /// File name → (its stamp when scored, the result).
    entries: BTreeMap<String, (Stamp, T)>,
}

/// The cached scores under `key` (empty when missing, damaged, under
/// another key, or not readable as `T`).
fn read_scores<T: DeserializeOwned>(path: &Path, key: &str) -> ScoresFile<T> {
    let empty = || ScoresFile {
        version: SCORES_VERSION,
        key: key.to_string(),
        entries: BTreeMap::new(),
    };
    let Ok(bytes) = fs::read(path) else {
        return empty();
    };
    // The key first: a file under another key is not parsed further.
    #[derive(Deserialize)]
    struct Head {
        version: u32,
        key: String,
    }
    match serde_json::from_slice::<Head>(&bytes) {
        Ok(h) if h.version == SCORES_VERSION && h.key == key => {}
        _ => return empty(),
    }
    serde_json::from_slice::<ScoresFile<T>>(&bytes).unwrap_or_else(|_| empty())
}

/// A listed row with what scoring gave for it (`None` for a damaged file).
#[derive(Debug, Clone, PartialEq)]
pub struct Scored<T> {
    pub row: SummaryRow,
    pub score: Option<T>,
}

/// How summaries are scored: the key scores are cached under (the content
/// version and the scoring code's fingerprint), a maker of scoring
/// functions (one per worker thread, so each compiles its own scorers),
/// and an optional progress report.
pub struct Scoring<'a, T> {
    pub key: &'a str,
    pub make: &'a (dyn Fn() -> ScoreFn<'a, T> + Sync),
    /// Called as sessions are read and scored, with (done, to do), from
    /// the worker threads; only when some session needs reading.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// Threads reading and scoring: 0 for one per core (up to 8). Each
    /// holds a compiled scorer (~20 MB with its caches): in the
    /// background of the TUI one keeps the memory down.
    pub workers: usize,
}

/// One worker's scoring function: what a session's score is cached as.
pub type ScoreFn<'a, T> = Box<dyn FnMut(&Session) -> T + 'a>;

/// What a worker found in one file.
struct Read<T> {
    /// `None` when the index's row is current (only the score was asked
    /// for): 10,000 rows are not made twice.
    row: Option<Row>,
    /// The result of scoring it, when asked for.
    score: Option<T>,
}

/// A value the scores cache holds.
pub trait Cached: Serialize + DeserializeOwned + Send {}
impl<T: Serialize + DeserializeOwned + Send> Cached for T {}

impl Store {
    pub fn index_path(&self) -> PathBuf {
        self.dir.join(INDEX_FILE)
    }

    pub fn scores_path(&self) -> PathBuf {
        self.dir.join(SCORES_FILE)
    }

    /// Summaries of every session, newest first; damaged files included.
    /// Uses and refreshes `.index.json`; removes temp files left long ago by
    /// crashed saves.
    pub fn summaries(&self) -> Result<Vec<SummaryRow>, StoreError> {
        let rows = self.rows_cached::<()>(None, None)?;
        Ok(rows.into_iter().map(|r| r.row).collect())
    }

    /// Like [`Store::summaries`], each readable session with what
    /// `scoring` makes of it, cached in `.scores.json` under `scoring.key`
    /// (a cache that does not read back as `T` is computed again).
    pub fn summaries_scored<T: Cached>(
        &self,
        scoring: Scoring<'_, T>,
    ) -> Result<Vec<Scored<T>>, StoreError> {
        self.rows_cached(Some(scoring.key), Some(&scoring))
    }

    /// Like [`Store::summaries_scored`] with only the scores already cached
    /// under `key` (none for a session new, changed or not scored under
    /// it): nothing is scored, so it takes about as long as
    /// [`Store::summaries`].
    pub fn summaries_cached<T: Cached>(&self, key: &str) -> Result<Vec<Scored<T>>, StoreError> {
        self.rows_cached::<T>(Some(key), None)
    }

    /// The directory's session files with their stamps; removes old temp
    /// files and stale locks.
    fn stamps(&self) -> Result<Vec<(String, Stamp)>, StoreError> {
        let rd = fs::read_dir(&self.dir).map_err(|e| io_at(&self.dir, "cannot list", e))?;
        let mut files: Vec<(String, Stamp)> = Vec::new();
        let mut locks: Vec<String> = Vec::new();
        for e in rd {
            let e = e.map_err(|e| io_at(&self.dir, "cannot list", e))?;
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            if fsutil::is_temp_name(&name) {
                fsutil::remove_if_old(&e.path());
                continue;
            }
            if name.starts_with('.') && name.ends_with(".lock") {
                locks.push(name);
                continue;
            }
            if !is_session_file(&name) {
                continue;
            }
            // A file removed since read_dir is just skipped. Links, FIFOs
            // and the like are listed too: reading them says they are not
            // session files (without following or opening them for long).
            if let Ok(meta) = e.metadata() {
                files.push((name, Stamp::of(&meta)));
            }
        }
        self.clean_stale_locks(&locks);
        Ok(files)
    }

    /// The rows with the scores cached under `key`; with `scoring`, the
    /// missing ones computed (and cached).
    fn rows_cached<T: Cached>(
        &self,
        key: Option<&str>,
        scoring: Option<&Scoring<'_, T>>,
    ) -> Result<Vec<Scored<T>>, StoreError> {
        let index_path = self.index_path();
        let scores_path = self.scores_path();
        // The caches are parsed while the directory is listed.
        let (files, mut index, scores) = std::thread::scope(|s| {
            let index = s.spawn(|| read_index(&index_path));
            let scores_path = &scores_path;
            let scores = key.map(|key| s.spawn(move || read_scores::<T>(scores_path, key)));
            let files = self.stamps();
            let index = index.join().unwrap_or_default();
            let scores = scores.map(|h| {
                h.join().unwrap_or_else(|_| ScoresFile {
                    version: SCORES_VERSION,
                    key: key.unwrap_or_default().to_string(),
                    entries: BTreeMap::new(),
                })
            });
            (files, index, scores)
        });
        // In name order, as the caches' maps are: they are walked in step.
        let mut files = files?;
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut scores = scores;
        let mut changed = index.version != INDEX_VERSION;
        index.version = INDEX_VERSION;
        let mut scores_changed = false;

        // Files whose entry is missing or stale, or whose score is not
        // cached under this key: read (and score) them, in parallel.
        let mut todo: Vec<&(String, Stamp)> = Vec::new();
        {
            let mut entries = index.entries.iter().peekable();
            let mut cached = scores.as_ref().map(|sc| sc.entries.iter().peekable());
            for file in &files {
                let (name, stamp) = (&file.0, &file.1);
                let entry = step_to(&mut entries, name);
                let score = cached.as_mut().and_then(|c| step_to(c, name));
                let stale = match entry {
                    None => true,
                    Some(e) if e.stamp != *stamp => true,
                    Some(e) => {
                        matches!(e.row, Row::Ok(_))
                            && scoring.is_some()
                            && cached.is_some()
                            && score.is_none_or(|(st, _)| st != stamp)
                    }
                };
                if stale {
                    todo.push(file);
                }
            }
        }
        // A scenario at a time (the name's middle part), so a worker
        // keeps few scorers; the rows are keyed by name again below.
        todo.sort_by(|a, b| scenario_part(&a.0).cmp(scenario_part(&b.0)));
        // Files whose index row is current are read for their score only.
        let row_current = |name: &str, stamp: &Stamp| {
            index
                .entries
                .get(name)
                .is_some_and(|e| e.stamp == *stamp && matches!(e.row, Row::Ok(_)))
        };
        let fresh = read_many(&self.dir, &todo, scoring, &row_current);
        for ((name, stamp), read) in todo.iter().map(|f| (&f.0, f.1)).zip(fresh) {
            // Unread (its reader failed): listed as damaged, under a stamp
            // no file has, so the next listing reads it again.
            let (stamp, read) = match read {
                Some(r) => (stamp, r),
                None => (
                    Stamp {
                        size: u64::MAX,
                        ..stamp
                    },
                    Read {
                        row: Some(Row::Damaged("could not read (reader failed)".into())),
                        score: None,
                    },
                ),
            };
            if let Some(sc) = scores.as_mut().filter(|_| scoring.is_some()) {
                match read.score {
                    Some(v) => {
                        sc.entries.insert(name.clone(), (stamp, v));
                    }
                    None => {
                        sc.entries.remove(name);
                    }
                }
                scores_changed = true;
            }
            if let Some(row) = read.row {
                index.entries.insert(name.clone(), Entry { stamp, row });
                changed = true;
            }
        }
        // Entries of files gone since.
        for name in absent(index.entries.keys(), &files) {
            index.entries.remove(&name);
            changed = true;
        }
        if let Some(sc) = scores.as_mut().filter(|_| scoring.is_some()) {
            for name in absent(sc.entries.keys(), &files) {
                sc.entries.remove(&name);
                scores_changed = true;
            }
        }

        // The index and the scores are caches: failing to write them is
        // not an error (e.g. a read-only directory).
        if changed {
            let _ = write_json(&index_path, &index);
        }
        if scores_changed && let Some(sc) = &scores {
            let _ = write_json(&scores_path, sc);
        }
        // Rows from the entries, moved out (no copy of 10,000 summaries);
        // both maps are in name order, so their scores are met in step.
        let mut scored = scores
            .map(|sc| sc.entries)
            .unwrap_or_default()
            .into_iter()
            .peekable();
        let mut rows = Vec::with_capacity(index.entries.len());
        for (name, entry) in index.entries {
            let path = self.dir.join(&name);
            let score = step_to(&mut scored, &name)
                .filter(|(st, _)| *st == entry.stamp)
                .map(|(_, v)| v);
            let row = match entry.row {
                Row::Damaged(reason) => SummaryRow::Damaged { path, reason },
                Row::Ok(mut summary) => {
                    summary.path = path;
                    SummaryRow::Ok(summary)
                }
            };
            let score = score.filter(|_| matches!(row, SummaryRow::Ok(_)));
            rows.push(Scored { row, score });
        }
        rows.sort_by_cached_key(|r| std::cmp::Reverse(r.row.key()));
        Ok(rows)
    }
}

/// The value under `name` in a map's entries in name order, the ones
/// before it skipped: called with names in ascending order, it walks the
/// map once (10,000 lookups in a `BTreeMap` cost a tenth of a listing).
fn step_to<K: AsRef<str>, V>(
    entries: &mut std::iter::Peekable<impl Iterator<Item = (K, V)>>,
    name: &str,
) -> Option<V> {
    while entries.next_if(|(n, _)| n.as_ref() < name).is_some() {}
    entries.next_if(|(n, _)| n.as_ref() == name).map(|(_, v)| v)
}

/// The keys (ascending) with no file of that name in `files` (sorted).
fn absent<'a>(keys: impl Iterator<Item = &'a String>, files: &[(String, Stamp)]) -> Vec<String> {
    let mut files = files.iter().map(|f| f.0.as_str()).peekable();
    keys.filter(|k| {
        while files.next_if(|f| *f < k.as_str()).is_some() {}
        files.peek() != Some(&k.as_str())
    })
    .cloned()
    .collect()
}

/// Write `value` as JSON, atomically, streamed (not built in memory).
fn write_json(path: &Path, value: &impl Serialize) -> std::io::Result<()> {
    fsutil::write_atomic_with(path, |w| {
        serde_json::to_writer(w, value).map_err(std::io::Error::other)
    })
}

/// The scenario in a session file's name (`START_SCENARIO_SUFFIX.yaml`),
/// or the whole name.
fn scenario_part(name: &str) -> &str {
    name.split_once('_')
        .and_then(|(_, rest)| rest.rsplit_once('_'))
        .map_or(name, |(scenario, _)| scenario)
}

/// Read, parse and (when asked) score the files, on as many threads as
/// there are cores (at most 8). The files come sorted by scenario; each
/// thread takes the next chunk of them — a scenario's files, split when a
/// scenario holds more than a share of the work — so each scenario's
/// scorer is compiled by few threads, and a few long sessions do not hold
/// the others up.
/// Hand the allocator's free pages back to the system: reading and scoring
/// thousands of sessions leaves the heap fragmented (the records kept
/// between the files read and freed), so the resident set would grow to
/// about three times what is live.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused memory; no pointer changes.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn read_many<T: Cached>(
    dir: &Path,
    files: &[&(String, Stamp)],
    scoring: Option<&Scoring<'_, T>>,
    row_current: &(dyn Fn(&str, &Stamp) -> bool + Sync),
) -> Vec<Option<Read<T>>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = files.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(match scoring.map_or(0, |sc| sc.workers) {
            0 => usize::MAX,
            n => n,
        });
    let most = (total / (threads * 4)).max(32);
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    for (i, (name, _)) in files.iter().enumerate() {
        match chunks.last_mut() {
            Some((start, end))
                if *end - *start < most
                    && scenario_part(&files[*start].0) == scenario_part(name) =>
            {
                *end = i + 1
            }
            _ => chunks.push((i, i + 1)),
        }
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let work = || -> Vec<(usize, Read<T>)> {
        // Made on the first file to score: a scorer (and the content it
        // scores against) is not built for nothing.
        let mut score: Option<ScoreFn<'_, T>> = None;
        let mut out = Vec::new();
        while let Some(&(start, end)) = chunks.get(next.fetch_add(1, Ordering::Relaxed)) {
            for (i, (name, stamp)) in files.iter().enumerate().take(end).skip(start) {
                let path = dir.join(name);
                let read = match Store::load_path(&path) {
                    Ok(s) => Read {
                        score: scoring.map(|sc| score.get_or_insert_with(|| (sc.make)())(&s)),
                        row: (!row_current(name, stamp)).then(|| Row::Ok(Summary::of(&s, &path))),
                    },
                    Err(e) => Read {
                        row: Some(Row::Damaged(match e {
                            StoreError::Damaged { reason, .. } => reason,
                            other => other.to_string(),
                        })),
                        score: None,
                    },
                };
                out.push((i, read));
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if let Some(p) = scoring.and_then(|sc| sc.progress) {
                    p(n, total);
                }
                if n % 64 == 0 {
                    release_free_memory();
                }
            }
        }
        out
    };
    let parts: Vec<Vec<(usize, Read<T>)>> = if total < 16 || threads < 2 {
        vec![work()]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        })
    };
    let mut slots: Vec<Option<Read<T>>> = (0..total).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    // A worker that panicked leaves its files unread (`None`).
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_time_is_the_file_name_format() {
        for s in [
            "2026-01-02T03:04:05Z",
            "1999-12-31T23:59:59.999Z",
            "2028-02-29T00:00:00Z",
        ] {
            let t: DateTime<Utc> = s.parse().unwrap();
            assert_eq!(name_time(&t), t.format("%Y-%m-%dT%H-%M-%S").to_string());
        }
    }

    #[test]
    fn absent_keys_are_those_without_a_file() {
        let stamp = Stamp {
            size: 1,
            secs: 2,
            nanos: 3,
            ino: 4,
        };
        let files: Vec<(String, Stamp)> = ["b", "d", "e"]
            .iter()
            .map(|n| (n.to_string(), stamp))
            .collect();
        let keys: Vec<String> = ["a", "b", "c", "e", "f"].map(String::from).to_vec();
        assert_eq!(absent(keys.iter(), &files), ["a", "c", "f"]);
        assert!(absent(keys.iter().take(0), &files).is_empty());
    }

    #[test]
    fn step_to_finds_each_name_walking_once() {
        let map: BTreeMap<String, u32> = [("a", 1), ("c", 3), ("d", 4)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        let mut it = map.iter().peekable();
        assert_eq!(step_to(&mut it, "a"), Some(&1));
        assert_eq!(step_to(&mut it, "b"), None);
        assert_eq!(step_to(&mut it, "d"), Some(&4));
        assert_eq!(step_to(&mut it, "e"), None);
    }
}
