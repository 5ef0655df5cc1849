//! Advisory per-session locks: `.ID.lock` files locked with the OS's file
//! lock (`flock` on Unix). The OS drops the lock when the holder dies, so a
//! killed process never blocks a session for good.

use super::fsutil;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Held while a session is being edited; released on drop.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    id: String,
    file: Option<File>,
}

impl SessionLock {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Unlink while still holding the lock: a process that opened the old
        // file before the unlink sees the path changed and retries.
        let _ = fs::remove_file(&self.path);
        if let Some(f) = self.file.take() {
            let _ = fs4::FileExt::unlock(&f);
        }
    }
}

pub fn lock_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!(".{id}.lock"))
}

/// `Ok(None)` when another holder has it.
pub fn try_lock(dir: &Path, id: &str) -> io::Result<Option<SessionLock>> {
    let path = lock_path(dir, id);
    for _ in 0..100 {
        let file = match OpenOptions::new().read(true).write(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match fsutil::create_new_private(&path) {
                    Ok(f) => f,
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        // fs4 rather than std's `File::try_lock` (Rust 1.89) for the MSRV.
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Ok(None),
            Err(fs4::TryLockError::Error(e)) => return Err(e),
        }
        // The holder we raced with may have unlinked the file after we
        // opened it: the lock is only ours if the path still names our file.
        if same_file(&file, &path) {
            return Ok(Some(SessionLock {
                path,
                id: id.to_string(),
                file: Some(file),
            }));
        }
    }
    Err(io::Error::other(format!(
        "could not settle the lock file {}",
        path.display()
    )))
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}
