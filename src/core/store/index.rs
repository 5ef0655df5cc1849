//! Session summaries for fast listing, cached in `.index.json`.
//!
//! The index maps each session file name to its size, modification time and
//! inode (every save renames a new file in, so the inode changes too) and
//! the summary read from it, plus the overall score under a scoring key
//! (the content version). A missing, stale or damaged index is rebuilt; the
//! session files stay the only source of truth.

use super::{Store, StoreError, fsutil, io_at, is_session_file};
use crate::core::session::{Mode, Session, SessionStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

pub const INDEX_FILE: &str = ".index.json";
const INDEX_VERSION: u32 = 1;

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
    /// Overall score under the scoring key asked for; `None` when not
    /// scored or not scorable (not stored in the index this way).
    #[serde(skip)]
    pub overall: Option<f32>,
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
            overall: None,
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
            SummaryRow::Ok(s) => s.started_at.format("%Y-%m-%dT%H-%M-%S").to_string(),
            SummaryRow::Damaged { path, .. } => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    secs: u64,
    nanos: u32,
    ino: u64,
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
    /// (scoring key, overall) — the score under that key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<(String, Option<f32>)>,
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

/// A scoring function for summaries: the key it is cached under (use the
/// content version) and the function.
pub struct Scoring<'a> {
    pub key: &'a str,
    pub score: &'a mut dyn FnMut(&Session) -> Option<f32>,
}

impl Store {
    pub fn index_path(&self) -> PathBuf {
        self.dir.join(INDEX_FILE)
    }

    /// Summaries of every session, newest first; damaged files included.
    /// Uses and refreshes `.index.json`; removes temp files left long ago by
    /// crashed saves.
    pub fn summaries(&self) -> Result<Vec<SummaryRow>, StoreError> {
        self.summaries_scored(None)
    }

    /// Like [`Store::summaries`], with each summary's `overall` filled in
    /// by `scoring`, cached in the index under `scoring.key`.
    pub fn summaries_scored(
        &self,
        mut scoring: Option<Scoring<'_>>,
    ) -> Result<Vec<SummaryRow>, StoreError> {
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
        let index_path = self.index_path();
        let mut index = read_index(&index_path);
        let mut changed = index.version != INDEX_VERSION;
        index.version = INDEX_VERSION;

        // Files whose entry is missing or stale: read them (in parallel).
        let stale: Vec<&(String, Stamp)> = files
            .iter()
            .filter(|(name, stamp)| index.entries.get(name).is_none_or(|e| e.stamp != *stamp))
            .collect();
        let fresh = read_many(&self.dir, &stale);
        let mut parsed: BTreeMap<String, Session> = BTreeMap::new();
        for ((name, stamp), result) in stale.iter().map(|f| (&f.0, f.1)).zip(fresh) {
            let row = match result {
                Ok(s) => {
                    let summary = Summary::of(&s, &self.dir.join(name));
                    parsed.insert(name.clone(), s);
                    Row::Ok(summary)
                }
                Err(reason) => Row::Damaged(reason),
            };
            index.entries.insert(
                name.clone(),
                Entry {
                    stamp,
                    row,
                    score: None,
                },
            );
            changed = true;
        }
        let before = index.entries.len();
        let present: std::collections::HashSet<&str> =
            files.iter().map(|(n, _)| n.as_str()).collect();
        index.entries.retain(|k, _| present.contains(k.as_str()));
        changed |= index.entries.len() != before;

        let mut rows = Vec::with_capacity(files.len());
        for (name, entry) in index.entries.iter_mut() {
            let path = self.dir.join(name);
            match &entry.row {
                Row::Damaged(reason) => rows.push(SummaryRow::Damaged {
                    path,
                    reason: reason.clone(),
                }),
                Row::Ok(summary) => {
                    let mut summary = summary.clone();
                    summary.path = path.clone();
                    if let Some(sc) = scoring.as_mut() {
                        let cached = entry
                            .score
                            .as_ref()
                            .filter(|(k, _)| k == sc.key)
                            .map(|(_, v)| *v);
                        summary.overall = match cached {
                            Some(v) => v,
                            None => {
                                let session = match parsed.remove(name) {
                                    Some(s) => Some(s),
                                    None => Store::load_path(&path).ok(),
                                };
                                let v = session.as_ref().and_then(|s| (sc.score)(s));
                                entry.score = Some((sc.key.to_string(), v));
                                changed = true;
                                v
                            }
                        };
                    }
                    rows.push(SummaryRow::Ok(summary));
                }
            }
        }
        if changed {
            // The index is a cache: failing to write it is not an error
            // (e.g. a read-only directory).
            if let Ok(bytes) = serde_json::to_vec(&index) {
                let _ = fsutil::write_atomic(&index_path, &bytes);
            }
        }
        rows.sort_by_cached_key(|r| std::cmp::Reverse(r.key()));
        Ok(rows)
    }
}

/// Read and parse the files, on as many threads as there are cores.
fn read_many(dir: &Path, files: &[&(String, Stamp)]) -> Vec<Result<Session, String>> {
    let read = |name: &str| -> Result<Session, String> {
        Store::load_path(&dir.join(name)).map_err(|e| match e {
            StoreError::Damaged { reason, .. } => reason,
            other => other.to_string(),
        })
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if files.len() < 16 || threads < 2 {
        return files.iter().map(|(n, _)| read(n)).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let h = s.spawn(move || part.iter().map(|(n, _)| read(n)).collect::<Vec<_>>());
                (part.len(), h)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(len, h)| {
                h.join()
                    .unwrap_or_else(|_| vec![Err("could not read (reader failed)".into()); len])
            })
            .collect()
    })
}
