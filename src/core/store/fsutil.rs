//! Durable file writes: temp file in the same directory, fsync, rename over
//! the target, fsync the directory. A crash at any instant leaves the old or
//! the new version of the target, never a mix; at worst a hidden temp file
//! (`.NAME.tmp-PID-RAND`) is left, which listing ignores and
//! [`clean_temp_files`] removes once it is old.

use rand::Rng;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Marker in the names of temp files.
pub const TEMP_TAG: &str = ".tmp-";

/// Temp files older than this belong to a crashed writer (a save takes
/// milliseconds) and may be removed.
pub const TEMP_MAX_AGE: Duration = Duration::from_secs(15 * 60);

/// Create a file that must not exist yet (O_EXCL), 0600 on Unix.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Is `name` one of our temp files?
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMP_TAG)
}

/// Write `bytes` to `target` atomically and durably.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, |w| w.write_all(bytes))
}

/// [`write_atomic`] with the bytes written by `fill` (buffered).
pub fn write_atomic_with(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?
        .to_string_lossy()
        .into_owned();
    let (tmp_path, mut tmp) = loop {
        let suffix: u32 = rand::rng().random();
        let p = dir.join(format!(
            ".{name}{TEMP_TAG}{}-{suffix:08x}",
            std::process::id()
        ));
        match create_new_private(&p) {
            Ok(f) => break (p, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        let mut w = io::BufWriter::new(&mut tmp);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        tmp.sync_all()?;
        drop(tmp);
        fs::rename(&tmp_path, target)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

/// fsync a directory so a rename in it is durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Remove temp files older than [`TEMP_MAX_AGE`] from `dir`. A younger one
/// may belong to a save in progress in another process and is left alone.
/// Returns how many were removed.
pub fn clean_temp_files(dir: &Path) -> usize {
    let Ok(rd) = fs::read_dir(dir) else { return 0 };
    let now = SystemTime::now();
    let mut removed = 0;
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_temp_name(name) && remove_if_old_at(&e.path(), now) {
            removed += 1;
        }
    }
    removed
}

/// Remove the temp file at `path` if it is older than [`TEMP_MAX_AGE`].
pub fn remove_if_old(path: &Path) -> bool {
    remove_if_old_at(path, SystemTime::now())
}

fn remove_if_old_at(path: &Path, now: SystemTime) -> bool {
    let old = fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|m| now.duration_since(m).ok())
        .is_some_and(|age| age > TEMP_MAX_AGE);
    old && fs::remove_file(path).is_ok()
}

/// Make `dir` private (0700) on Unix.
pub fn make_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir)?;
        if meta.permissions().mode() & 0o777 != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
