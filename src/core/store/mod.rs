//! The session store: one YAML file per session, atomic writes, locks,
//! listing with damaged files reported. (Placeholder API: to be implemented.)

use crate::core::session::Session;
use std::path::{Path, PathBuf};

/// Where sessions live and why that directory was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionsDir {
    pub path: PathBuf,
    /// e.g. `--sessions-dir`, `MLSD_COACH_SESSIONS`, `./sessions exists`, `platform data directory`.
    pub reason: String,
}

/// `--sessions-dir`, else `MLSD_COACH_SESSIONS`, else `./sessions` when it exists,
/// else the platform data directory.
pub fn resolve_sessions_dir(_flag: Option<&Path>) -> SessionsDir {
    todo!("resolve_sessions_dir")
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{path}: {reason}")]
    Damaged { path: PathBuf, reason: String },
    #[error("no session matches '{0}'")]
    NotFound(String),
    #[error("'{prefix}' is ambiguous: {matches:?}")]
    Ambiguous { prefix: String, matches: Vec<String> },
    #[error("session {0} is open in another mlsd-coach")]
    Locked(String),
}

/// One row of a listing.
#[derive(Debug, Clone)]
pub enum Listing {
    Ok { path: PathBuf, session: Box<Session> },
    Damaged { path: PathBuf, reason: String },
}

pub struct Store {
    pub dir: PathBuf,
}

/// Held while a session is being edited; released on drop.
pub struct SessionLock {}

impl Store {
    /// Opens (creating, 0700 on Unix) the directory.
    pub fn open(_dir: &Path) -> Result<Store, StoreError> {
        todo!("Store::open")
    }
    /// A new unique id: `2026-11-26T23-40-12_fraud-detection_k3f9`.
    pub fn new_id(&self, _started_at: chrono::DateTime<chrono::Utc>, _scenario: &str) -> String {
        todo!("Store::new_id")
    }
    /// Atomic: temp file, fsync, rename, fsync dir. 0600 on Unix.
    pub fn save(&self, _session: &Session) -> Result<PathBuf, StoreError> {
        todo!("Store::save")
    }
    /// By id or unique id prefix.
    pub fn load(&self, _id_or_prefix: &str) -> Result<(PathBuf, Session), StoreError> {
        todo!("Store::load")
    }
    /// Every session, newest first; damaged files included as such.
    pub fn list(&self) -> Result<Vec<Listing>, StoreError> {
        todo!("Store::list")
    }
    /// Lock a session for editing; `Err(Locked)` when another process holds it.
    pub fn lock(&self, _id: &str) -> Result<SessionLock, StoreError> {
        todo!("Store::lock")
    }
}
