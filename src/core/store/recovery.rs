//! Recovery copies: when a session cannot be saved where it lives (a
//! read-only or vanished sessions directory, a full disk), its text is
//! written somewhere else rather than lost, and the user is told where.
//!
//! A recovery copy is an ordinary session file: copied into the sessions
//! directory, it resumes like any other session.

use super::fsutil;
use crate::core::session::Session;
use rand::Rng;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where recovery copies go, in order: `recovery/` in the platform data
/// directory (next to its `sessions/`), then the temporary directory.
pub fn default_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(p) = directories::ProjectDirs::from("", "", "mlsd-coach") {
        dirs.push(p.data_dir().join("recovery"));
    }
    dirs.push(std::env::temp_dir());
    dirs
}

/// Write `session` to the first of `dirs` that takes it; its path, or why
/// every place failed.
///
/// A directory the program owns (any but the temporary directory) is
/// created private and the copy written atomically as `ID.yaml`; in the
/// temporary directory, shared with others, the copy is a new private file
/// (`mlsd-coach-recovery-ID-RAND.yaml`, never through an existing name).
pub fn write_copy(session: &Session, dirs: &[PathBuf]) -> Result<PathBuf, String> {
    let text = session.to_yaml();
    let id = if session.id.is_empty() || session.id.contains(['/', '\\']) {
        "session".to_string()
    } else {
        session.id.clone()
    };
    let temp = std::env::temp_dir();
    let mut errors = Vec::new();
    for dir in dirs {
        let written = if *dir == temp {
            write_new(dir, &id, text.as_bytes())
        } else {
            write_own(dir, &id, text.as_bytes())
        };
        match written {
            Ok(p) => return Ok(p),
            Err(e) => errors.push(format!("{}: {e}", dir.display())),
        }
    }
    Err(if errors.is_empty() {
        "nowhere to write a recovery copy".to_string()
    } else {
        errors.join("; ")
    })
}

fn write_own(dir: &Path, id: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    fsutil::make_private_dir(dir)?;
    let path = dir.join(format!("{id}.yaml"));
    fsutil::write_atomic(&path, bytes)?;
    Ok(path)
}

fn write_new(dir: &Path, id: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    loop {
        let suffix: u32 = rand::rng().random();
        let path = dir.join(format!("mlsd-coach-recovery-{id}-{suffix:08x}.yaml"));
        match fsutil::create_new_private(&path) {
            Ok(mut f) => {
                let done = f.write_all(bytes).and_then(|()| f.sync_all());
                if let Err(e) = done {
                    let _ = std::fs::remove_file(&path);
                    return Err(e);
                }
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::session::Mode;

    fn session() -> Session {
        let mut s = Session::new(
            "fraud-detection",
            Mode::Practice,
            "2026-11-26T23:40:12Z".parse().unwrap(),
            "v1",
        );
        s.id = "2026-11-26T23-40-12_fraud-detection_k3f9".into();
        s.answer_mut("pain-point").text = "unsaved words".into();
        s
    }

    #[test]
    fn the_first_place_that_takes_it_gets_a_readable_copy() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where a directory should be: that place fails.
        let blocked = tmp.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let own = tmp.path().join("data").join("recovery");
        let p = write_copy(&session(), &[blocked.join("recovery"), own.clone()]).unwrap();
        assert_eq!(p, own.join(format!("{}.yaml", session().id)));
        let back = Session::from_yaml(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert_eq!(back, session());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&own), 0o700);
            assert_eq!(mode(&p), 0o600);
        }
        // Again: the newer text replaces the older copy.
        let mut s = session();
        s.answer_mut("pain-point").text = "more unsaved words".into();
        assert_eq!(write_copy(&s, std::slice::from_ref(&own)).unwrap(), p);
        assert!(
            std::fs::read_to_string(&p)
                .unwrap()
                .contains("more unsaved words")
        );
    }

    #[test]
    fn in_the_temp_dir_each_copy_is_a_new_file() {
        let temp = std::env::temp_dir();
        let a = write_copy(&session(), std::slice::from_ref(&temp)).unwrap();
        let b = write_copy(&session(), std::slice::from_ref(&temp)).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(&temp));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("mlsd-coach-recovery-2026-11-26T23-40-12_fraud-detection_k3f9-"));
        assert!(Session::from_yaml(&std::fs::read_to_string(&a).unwrap()).is_ok());
        std::fs::remove_file(a).unwrap();
        std::fs::remove_file(b).unwrap();
    }

    #[test]
    fn when_every_place_fails_each_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let blocked = tmp.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let e = write_copy(&session(), &[blocked.join("a"), blocked.join("b")]).unwrap_err();
        assert!(e.contains("blocked/a:") && e.contains("blocked/b:"), "{e}");
    }
}
