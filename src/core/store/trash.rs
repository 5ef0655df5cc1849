//! The trash: sessions a user discarded or deleted are moved (renamed, so
//! atomically) into `trash/` inside the sessions directory, never removed;
//! `restore` moves one back. Only a session with nothing in it (no answer
//! text, no hint, no question to the client) is ever removed outright.
//!
//! A session open in another mlsd-coach (its lock is held) is not moved.

use super::{Store, StoreError, check_id, fsutil, io_at, is_session_file, lock};
use crate::core::session::Session;
use std::fs;
use std::io;
use std::path::PathBuf;

/// The trash folder's name inside the sessions directory.
pub const TRASH_DIR: &str = "trash";

/// A session in the trash.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed {
    pub id: String,
    pub path: PathBuf,
    /// The session, when its file reads.
    pub session: Option<Box<Session>>,
}

impl Store {
    pub fn trash_dir(&self) -> PathBuf {
        self.dir.join(TRASH_DIR)
    }

    /// Move a session file into the trash; returns where it went. A name
    /// already in the trash gets a `-2`, `-3`… suffix; nothing is
    /// overwritten.
    pub fn trash(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        let from = self.path_of(id);
        if fs::symlink_metadata(&from).is_err() {
            return Err(StoreError::NotFound(id.to_string()));
        }
        // Holding the lock for the move keeps another instance from
        // opening it meanwhile; a held lock means it is open elsewhere.
        let guard = match lock::try_lock(&self.dir, id) {
            Ok(Some(l)) => l,
            Ok(None) => return Err(StoreError::Locked(id.to_string())),
            Err(e) => return Err(io_at(&lock::lock_path(&self.dir, id), "cannot lock", e)),
        };
        let dir = self.trash_dir();
        if !dir.is_dir() {
            fs::create_dir_all(&dir).map_err(|e| io_at(&dir, "cannot create", e))?;
            fsutil::make_private_dir(&dir).map_err(|e| io_at(&dir, "cannot set mode of", e))?;
        }
        let to = free_name(&dir, id);
        fs::rename(&from, &to).map_err(|e| io_at(&from, "cannot move to the trash", e))?;
        let _ = fsutil::sync_dir(&self.dir);
        let _ = fsutil::sync_dir(&dir);
        drop(guard);
        Ok(to)
    }

    /// Move a session back from the trash (by its file stem there); returns
    /// its path. Refused when a session of that id exists.
    pub fn restore(&self, trashed_id: &str) -> Result<PathBuf, StoreError> {
        check_id(trashed_id)?;
        let from = self.trash_dir().join(format!("{trashed_id}.yaml"));
        if fs::symlink_metadata(&from).is_err() {
            return Err(StoreError::NotFound(trashed_id.to_string()));
        }
        let id = original_id(trashed_id);
        let to = self.path_of(id);
        if fs::symlink_metadata(&to).is_ok() {
            return Err(StoreError::Io(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists; not overwriting it", to.display()),
            )));
        }
        fs::rename(&from, &to).map_err(|e| io_at(&from, "cannot restore", e))?;
        let _ = fsutil::sync_dir(&self.dir);
        Ok(to)
    }

    /// The sessions in the trash, newest name first.
    pub fn trashed(&self) -> Result<Vec<Trashed>, StoreError> {
        let dir = self.trash_dir();
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_at(&dir, "cannot list", e)),
        };
        let mut out = Vec::new();
        for e in rd {
            let e = e.map_err(|e| io_at(&dir, "cannot list", e))?;
            let Some(name) = e
                .file_name()
                .to_str()
                .filter(|n| is_session_file(n))
                .map(String::from)
            else {
                continue;
            };
            let path = e.path();
            out.push(Trashed {
                id: name[..name.len() - ".yaml".len()].to_string(),
                session: Store::load_path(&path).ok().map(Box::new),
                path,
            });
        }
        out.sort_by(|a, b| b.id.cmp(&a.id));
        Ok(out)
    }

    /// Remove a session that holds nothing (see [`Session::is_blank`]):
    /// the file is read again first, and anything else is refused.
    pub fn remove_blank(&self, id: &str) -> Result<(), StoreError> {
        check_id(id)?;
        let path = self.path_of(id);
        let session = Self::load_path(&path)?;
        if !session.is_blank() {
            return Err(StoreError::Io(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("session {id} is not empty; not removing it"),
            )));
        }
        fs::remove_file(&path).map_err(|e| io_at(&path, "cannot remove", e))?;
        let _ = fsutil::sync_dir(&self.dir);
        Ok(())
    }
}

/// `ID.yaml`, else `ID-2.yaml`, `ID-3.yaml`… in `dir`.
fn free_name(dir: &std::path::Path, id: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{id}.yaml")
        } else {
            format!("{id}-{n}.yaml")
        };
        let p = dir.join(name);
        if fs::symlink_metadata(&p).is_err() {
            return p;
        }
        n += 1;
    }
}

/// The session id of a trashed file's stem (`ID-2` → `ID`; ids end in
/// `_suffix`, so a `-N` after that is the trash's own).
fn original_id(stem: &str) -> &str {
    match stem.rsplit_once('-') {
        Some((id, n))
            if !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && id.rsplit_once('_').is_some_and(|(_, s)| !s.contains('-')) =>
        {
            id
        }
        _ => stem,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn trash_suffixes_are_taken_off() {
        let id = "2026-11-26T23-40-12_fraud-detection_k3f9";
        assert_eq!(super::original_id(id), id);
        assert_eq!(super::original_id(&format!("{id}-2")), id);
        assert_eq!(super::original_id("plain-2"), "plain-2");
    }
}
