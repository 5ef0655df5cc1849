//! The session store: one YAML file per session, atomic writes, locks,
//! listing with damaged files reported.
//!
//! Layout of a sessions directory:
//! - `ID.yaml` — one per session (`2026-11-26T23-40-12_fraud-detection_k3f9.yaml`);
//! - `.ID.lock` — advisory lock of a session being edited;
//! - `.NAME.tmp-PID-RAND` — a write in progress (or left by a crash);
//! - `.index.json` — a cache of summaries and scores, rebuilt when missing,
//!   stale or damaged; never the only copy of anything;
//! - `trash/` — sessions discarded or deleted, restorable (see [`trash`]).

pub mod fsutil;
pub mod index;
pub mod limits;
mod lock;
pub mod recovery;
pub mod trash;
pub mod yaml;

pub use index::{Summary, SummaryRow};
pub use lock::SessionLock;
pub use trash::Trashed;

use crate::core::session::Session;
use rand::Rng;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Environment variable naming the sessions directory.
pub const SESSIONS_ENV: &str = "MLSD_COACH_SESSIONS";

/// Where sessions live and why that directory was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionsDir {
    pub path: PathBuf,
    /// e.g. `--sessions-dir`, `MLSD_COACH_SESSIONS`, `./sessions exists`, `platform data directory`.
    pub reason: String,
}

/// Why the platform data directory was chosen: the one sessions
/// directory that only this program creates.
const PLATFORM_REASON: &str = "platform data directory";

impl SessionsDir {
    /// Is this the program's own directory (the platform data directory,
    /// which nothing else creates)?
    pub fn is_own(&self) -> bool {
        self.reason == PLATFORM_REASON
    }
}

/// Answers are private: is the sessions directory open to other users?
/// The program's own directory is made private (0700) on the spot, with a
/// note saying so; any other gets a warning that says how to fix it.
/// `None` when the directory is private or does not exist. Call it once,
/// when a command or the coach starts.
pub fn check_private(dir: &SessionsDir) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&dir.path).ok()?.permissions().mode() & 0o777;
        if mode & 0o077 == 0 {
            return None;
        }
        let shown = dir.path.display();
        if dir.is_own() && fsutil::make_private_dir(&dir.path).is_ok() {
            return Some(format!(
                "note: made the sessions directory {shown} private (mode {mode:o} → 700): answers are private"
            ));
        }
        Some(format!(
            "warning: other users can read the sessions directory {shown} (mode {mode:o}); answers are private: run `chmod 700 '{shown}'`"
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// `--sessions-dir`, else `MLSD_COACH_SESSIONS`, else `./sessions` when it exists,
/// else the platform data directory.
pub fn resolve_sessions_dir(flag: Option<&Path>) -> SessionsDir {
    let env = std::env::var_os(SESSIONS_ENV).map(PathBuf::from);
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let data =
        directories::ProjectDirs::from("", "", "mlsd-coach").map(|p| p.data_dir().join("sessions"));
    resolve_sessions_dir_from(flag, env.as_deref(), &cwd, data)
}

/// [`resolve_sessions_dir`] with its inputs given (for tests).
pub fn resolve_sessions_dir_from(
    flag: Option<&Path>,
    env: Option<&Path>,
    cwd: &Path,
    platform_data: Option<PathBuf>,
) -> SessionsDir {
    if let Some(p) = flag {
        return SessionsDir {
            path: p.to_path_buf(),
            reason: "--sessions-dir".to_string(),
        };
    }
    if let Some(p) = env.filter(|p| !p.as_os_str().is_empty()) {
        return SessionsDir {
            path: p.to_path_buf(),
            reason: format!("${SESSIONS_ENV}"),
        };
    }
    let local = cwd.join("sessions");
    if local.is_dir() {
        return SessionsDir {
            path: local,
            reason: "./sessions exists in the current directory".to_string(),
        };
    }
    match platform_data {
        Some(path) => SessionsDir {
            path,
            reason: PLATFORM_REASON.to_string(),
        },
        None => SessionsDir {
            path: PathBuf::from("sessions"),
            reason: "no platform data directory (no home directory); using ./sessions".to_string(),
        },
    }
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
    Ambiguous {
        prefix: String,
        matches: Vec<String>,
    },
    #[error("session {0} is open in another mlsd-coach")]
    Locked(String),
}

/// One row of a listing.
#[derive(Debug, Clone)]
pub enum Listing {
    Ok {
        path: PathBuf,
        session: Box<Session>,
    },
    Damaged {
        path: PathBuf,
        reason: String,
    },
}

impl Listing {
    pub fn path(&self) -> &Path {
        match self {
            Listing::Ok { path, .. } | Listing::Damaged { path, .. } => path,
        }
    }
}

pub struct Store {
    pub dir: PathBuf,
}

fn io_at(path: &Path, what: &str, e: io::Error) -> StoreError {
    StoreError::Io(io::Error::new(
        e.kind(),
        format!("{what} {}: {e}", path.display()),
    ))
}

/// Is `name` a session file (`ID.yaml`, not hidden)?
pub fn is_session_file(name: &str) -> bool {
    !name.starts_with('.') && name.ends_with(".yaml") && name.len() > ".yaml".len()
}

/// Keep ids safe as file names: lowercase ASCII letters, digits and `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let mut out: String = out.chars().take(48).collect();
    if out.is_empty() {
        out.push_str("session");
    }
    out
}

/// Reject ids that could name a file outside the directory.
fn check_id(id: &str) -> Result<(), StoreError> {
    if id.is_empty()
        || id.starts_with('.')
        || id.contains(['/', '\\', '\0'])
        || id.chars().any(char::is_control)
    {
        return Err(StoreError::NotFound(id.to_string()));
    }
    Ok(())
}

impl Store {
    /// Opens (creating, 0700 on Unix) the directory. Cheap: call it per save
    /// if convenient.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        if !dir.is_dir() {
            fs::create_dir_all(dir).map_err(|e| io_at(dir, "cannot create", e))?;
            fsutil::make_private_dir(dir).map_err(|e| io_at(dir, "cannot set mode of", e))?;
        }
        Ok(Store {
            dir: dir.to_path_buf(),
        })
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.yaml"))
    }

    /// A new unique id: `2026-11-26T23-40-12_fraud-detection_k3f9`.
    ///
    /// The id is reserved across processes by creating its lock file with
    /// O_EXCL; [`Store::lock`] then takes that file.
    pub fn new_id(&self, started_at: chrono::DateTime<chrono::Utc>, scenario: &str) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let stem = format!(
            "{}_{}",
            started_at.format("%Y-%m-%dT%H-%M-%S"),
            slug(scenario)
        );
        let mut rng = rand::rng();
        let mut len = 4;
        for attempt in 0.. {
            if attempt > 0 && attempt % 32 == 0 {
                len += 1;
            }
            let suffix: String = (0..len)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect();
            let id = format!("{stem}_{suffix}");
            if fs::symlink_metadata(self.path_of(&id)).is_ok() {
                continue;
            }
            match fsutil::create_new_private(&lock::lock_path(&self.dir, &id)) {
                Ok(_) => return id,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                // Read-only directory or similar: the id is still very
                // likely unique; saving will report the real problem.
                Err(_) => return id,
            }
        }
        unreachable!("the loop only returns")
    }

    /// Atomic: temp file, fsync, rename, fsync dir. 0600 on Unix.
    ///
    /// Refuses to overwrite a file that exists but is damaged (it may be
    /// the user's only copy of something).
    pub fn save(&self, session: &Session) -> Result<PathBuf, StoreError> {
        if check_id(&session.id).is_err() {
            return Err(StoreError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "cannot save session {:?}: an id must be a plain file name",
                    session.id
                ),
            )));
        }
        let path = self.path_of(&session.id);
        match Self::load_path(&path) {
            Ok(_) => {}
            Err(StoreError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {}
            Err(StoreError::Damaged { path, reason }) => {
                return Err(StoreError::Damaged {
                    path,
                    reason: format!("{reason}; not overwriting a damaged file"),
                });
            }
            Err(e) => return Err(e),
        }
        let text = session.to_yaml();
        if text.len() as u64 > limits::MAX_FILE_BYTES {
            return Err(StoreError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "cannot save session {}: it is too large ({}; session files are at most {})",
                    session.id,
                    limits::size_text(text.len() as u64),
                    limits::size_text(limits::MAX_FILE_BYTES)
                ),
            )));
        }
        fsutil::write_atomic(&path, text.as_bytes())
            .map_err(|e| io_at(&path, "cannot write", e))?;
        Ok(path)
    }

    /// Read one session file (see [`limits`]: only a regular file, never
    /// through a symbolic link, of bounded size, depth and alias expansion;
    /// anything else is `Damaged` at once).
    pub fn load_path(path: &Path) -> Result<Session, StoreError> {
        let damaged = |reason: String| StoreError::Damaged {
            path: path.to_path_buf(),
            reason,
        };
        let bytes = match limits::read_regular(path) {
            Ok(b) => b,
            Err(limits::ReadError::Io(e)) => return Err(io_at(path, "cannot read", e)),
            Err(limits::ReadError::Refused(reason)) => return Err(damaged(reason)),
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            damaged(format!(
                "not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        Session::from_yaml(&text).map_err(|e| damaged(e.to_string()))
    }

    /// The ids of every session file, sorted (oldest first).
    pub fn ids(&self) -> Result<Vec<String>, StoreError> {
        let rd = fs::read_dir(&self.dir).map_err(|e| io_at(&self.dir, "cannot list", e))?;
        let mut ids = Vec::new();
        for e in rd {
            let e = e.map_err(|e| io_at(&self.dir, "cannot list", e))?;
            if let Some(name) = e.file_name().to_str().filter(|n| is_session_file(n)) {
                ids.push(name[..name.len() - ".yaml".len()].to_string());
            }
        }
        ids.sort();
        Ok(ids)
    }

    /// The one id equal to `id_or_prefix`, else the one starting with it,
    /// else the one containing it anywhere (`fraud`, a suffix like `n9wp`,
    /// a date). Several candidates at the first rule that finds any are
    /// `Ambiguous`, listing them.
    pub fn resolve(&self, id_or_prefix: &str) -> Result<String, StoreError> {
        check_id(id_or_prefix)?;
        // Whatever its type: loading it then says what is wrong with it,
        // as `history` lists it.
        if fs::symlink_metadata(self.path_of(id_or_prefix)).is_ok() {
            return Ok(id_or_prefix.to_string());
        }
        let ids = self.ids()?;
        let mut matches: Vec<String> = ids
            .iter()
            .filter(|id| id.starts_with(id_or_prefix))
            .cloned()
            .collect();
        if matches.is_empty() {
            let needle = id_or_prefix.to_lowercase();
            matches = ids
                .into_iter()
                .filter(|id| id.to_lowercase().contains(&needle))
                .collect();
        }
        match matches.len() {
            0 => Err(StoreError::NotFound(id_or_prefix.to_string())),
            1 => Ok(matches.remove(0)),
            _ => Err(StoreError::Ambiguous {
                prefix: id_or_prefix.to_string(),
                matches,
            }),
        }
    }

    /// By id, unique id prefix or unique part of an id.
    pub fn load(&self, id_or_prefix: &str) -> Result<(PathBuf, Session), StoreError> {
        let id = self.resolve(id_or_prefix)?;
        let path = self.path_of(&id);
        let session = Self::load_path(&path)?;
        Ok((path, session))
    }

    /// Every session, newest first; damaged files included as such.
    /// Temp files left long ago by crashed saves are removed on the way.
    pub fn list(&self) -> Result<Vec<Listing>, StoreError> {
        fsutil::clean_temp_files(&self.dir);
        let ids = self.ids()?;
        let mut out: Vec<Listing> = ids
            .iter()
            .rev()
            .map(|id| {
                let path = self.path_of(id);
                match Self::load_path(&path) {
                    Ok(s) => Listing::Ok {
                        path,
                        session: Box::new(s),
                    },
                    Err(StoreError::Damaged { path, reason }) => Listing::Damaged { path, reason },
                    Err(e) => Listing::Damaged {
                        path,
                        reason: e.to_string(),
                    },
                }
            })
            .collect();
        // File names sort by start time; sort by the recorded time too, in
        // case a file was renamed by hand. Damaged rows keep their place
        // by name.
        out.sort_by_cached_key(|l| std::cmp::Reverse(sort_key(l)));
        Ok(out)
    }

    /// Lock a session for editing; `Err(Locked)` when another process holds it.
    pub fn lock(&self, id: &str) -> Result<SessionLock, StoreError> {
        check_id(id)?;
        match lock::try_lock(&self.dir, id) {
            Ok(Some(l)) => Ok(l),
            Ok(None) => Err(StoreError::Locked(id.to_string())),
            Err(e) => Err(io_at(&lock::lock_path(&self.dir, id), "cannot lock", e)),
        }
    }

    /// Remove lock files older than the temp-file age limit that nobody
    /// holds (left by ids reserved with [`Store::new_id`] and never used).
    pub fn clean_stale_locks(&self, names: &[String]) {
        for name in names {
            let Some(id) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".lock")) else {
                continue;
            };
            let old = fs::metadata(self.dir.join(name))
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > fsutil::TEMP_MAX_AGE);
            if old {
                // Taking and dropping the lock removes the file.
                let _ = lock::try_lock(&self.dir, id);
            }
        }
    }

    /// Is the session locked by someone (this process included)?
    pub fn is_locked(&self, id: &str) -> bool {
        match lock::try_lock(&self.dir, id) {
            Ok(Some(_)) => false,
            Ok(None) => true,
            Err(_) => false,
        }
    }
}

fn sort_key(l: &Listing) -> (String, String) {
    let name = l
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match l {
        Listing::Ok { session, .. } => (
            session.started_at.format("%Y-%m-%dT%H-%M-%S").to_string(),
            name,
        ),
        Listing::Damaged { .. } => (name.clone(), name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_order() {
        let tmp = tempfile::tempdir().unwrap();
        let flag = Path::new("/x/flag");
        let env = Path::new("/x/env");
        let data = Some(PathBuf::from("/x/data"));
        let r = resolve_sessions_dir_from(Some(flag), Some(env), tmp.path(), data.clone());
        assert_eq!(
            (r.path.as_path(), r.reason.as_str()),
            (flag, "--sessions-dir")
        );
        let r = resolve_sessions_dir_from(None, Some(env), tmp.path(), data.clone());
        assert_eq!(r.path, env);
        assert!(r.reason.contains(SESSIONS_ENV));
        let r = resolve_sessions_dir_from(None, None, tmp.path(), data.clone());
        assert_eq!(r.path, PathBuf::from("/x/data"));
        assert_eq!(r.reason, "platform data directory");
        fs::create_dir(tmp.path().join("sessions")).unwrap();
        let r = resolve_sessions_dir_from(None, None, tmp.path(), data);
        assert_eq!(r.path, tmp.path().join("sessions"));
        assert!(r.reason.contains("./sessions"));
    }

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("fraud-detection"), "fraud-detection");
        assert_eq!(slug("../Evil Name/é"), "evil-name");
        assert_eq!(slug("///"), "session");
    }

    #[test]
    fn ids_sort_by_time_and_differ() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::open(tmp.path()).unwrap();
        let t: chrono::DateTime<chrono::Utc> = "2026-11-26T23:40:12Z".parse().unwrap();
        let a = store.new_id(t, "fraud-detection");
        let b = store.new_id(t, "fraud-detection");
        assert_ne!(a, b);
        assert!(a.starts_with("2026-11-26T23-40-12_fraud-detection_"), "{a}");
        assert_eq!(a.len(), "2026-11-26T23-40-12_fraud-detection_k3f9".len());
        let later = store.new_id(t + chrono::Duration::seconds(1), "ads");
        assert!(later > a && later > b);
    }
}
