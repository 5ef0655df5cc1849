//! Limits that keep one hostile or broken session file cheap.
//!
//! A session file is read only when it is a regular file (never through a
//! symbolic link, never a FIFO, device or directory: opening those could
//! block or read forever) of at most [`MAX_FILE_BYTES`], and parsed only
//! when a streaming pass over its YAML events finds it at most
//! [`MAX_DEPTH`] deep and, with every alias expanded, at most
//! [`MAX_EVENTS`] events and [`MAX_FILE_BYTES`] of text. The pass stops at
//! the first limit crossed, so a nesting or alias bomb costs milliseconds
//! instead of the deserializer's quadratic time or unbounded memory.

use crate::core::session::SessionFileError;
use saphyr_parser::{Event, Parser};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Largest session file read (a session with a megabyte-long answer is
/// about a megabyte).
pub const MAX_FILE_BYTES: u64 = 16 << 20;
/// Deepest nesting of collections (a session file is four levels deep).
pub const MAX_DEPTH: usize = 64;
/// Most YAML events, aliases expanded (a long session has a few thousand).
pub const MAX_EVENTS: u64 = 250_000;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read (missing, no permission).
    Io(io::Error),
    /// The file is not something a session can be read from.
    Refused(String),
}

/// `16 MB`, `1.2 MB`, `900 KB`.
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    if bytes >= 10 * MB {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

fn not_regular(what: &str) -> ReadError {
    ReadError::Refused(format!(
        "{what}, not a regular file: session files must be plain files in the sessions directory"
    ))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> Result<File, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading does not wait for a writer
    // (it is refused below without being read); no effect on plain files.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => not_regular("a symbolic link"),
            _ => ReadError::Io(e),
        })
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> Result<File, ReadError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(not_regular("a symbolic link")),
        Ok(_) => File::open(path).map_err(ReadError::Io),
        Err(e) => Err(ReadError::Io(e)),
    }
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Read a session file: a regular file, not followed through a symbolic
/// link, at most [`MAX_FILE_BYTES`]. Never blocks on a FIFO and never
/// reads more than the limit (a file that grows while read included).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open_no_follow(path)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(not_regular(kind_of(&meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(bytes: u64) -> ReadError {
    ReadError::Refused(format!(
        "too large ({}; session files are at most {})",
        size_text(bytes),
        size_text(MAX_FILE_BYTES)
    ))
}

fn at(span: &saphyr_parser::Span, message: String) -> SessionFileError {
    SessionFileError {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
        message,
    }
}

fn too_deep() -> String {
    format!("nested more than {MAX_DEPTH} levels deep: not a session file")
}

/// One open collection: its anchor (0 when none) and the totals when it
/// started, to know its expanded size when it ends.
struct Open {
    anchor: usize,
    events: u64,
    bytes: u64,
}

/// Check the shape of a YAML text before it is deserialized: depth, alias
/// expansion, event count, and well-formedness. Stops at the first
/// problem; linear in the part of the text read.
pub fn check_yaml(text: &str) -> Result<(), SessionFileError> {
    let mut parser = Parser::new_from_str(text);
    let mut open: Vec<Open> = Vec::new();
    // Expanded size (events, bytes) of each anchored node, by anchor id.
    let mut anchored: HashMap<usize, (u64, u64)> = HashMap::new();
    let (mut events, mut bytes) = (0u64, 0u64);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| SessionFileError {
            line: e.marker().line().max(1),
            column: e.marker().col() + 1,
            // The scanner has its own limit on flow nesting.
            message: if e.info().contains("recursion limit") {
                too_deep()
            } else {
                format!("not valid YAML: {}", e.info())
            },
        })?;
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MAX_DEPTH {
                    return Err(at(&span, too_deep()));
                }
                open.push(Open {
                    anchor,
                    events,
                    bytes,
                });
                events += 1;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                events += 1;
                if let Some(o) = open.pop()
                    && o.anchor != 0
                {
                    anchored.insert(o.anchor, (events - o.events, bytes - o.bytes));
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                events += 1;
                bytes += value.len() as u64;
                if anchor != 0 {
                    anchored.insert(anchor, (1, value.len() as u64));
                }
            }
            Event::Alias(id) => {
                let Some(&(e, b)) = anchored.get(&id) else {
                    return Err(at(&span, "an alias to an unfinished node".to_string()));
                };
                events += e;
                bytes += b;
            }
            _ => {}
        }
        if events > MAX_EVENTS || bytes > MAX_FILE_BYTES {
            let what = if anchored.is_empty() {
                "too many YAML nodes"
            } else {
                "aliases expand too far"
            };
            return Err(at(
                &span,
                format!(
                    "{what} (over {MAX_EVENTS} nodes or {}): not a session file",
                    size_text(MAX_FILE_BYTES)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn quick<T>(f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let r = f();
        // Generous for a debug build on a busy machine; the unguarded
        // parse takes tens of seconds or runs out of memory.
        assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
        r
    }

    #[test]
    fn deep_nesting_is_refused_at_once() {
        let flow = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = quick(|| check_yaml(&flow)).unwrap_err();
        assert!(e.message.contains("nested more than 64"), "{e}");
        assert_eq!(e.line, 1);
        let block: String = (0..70)
            .map(|i| format!("{}- \n", " ".repeat(i * 2)))
            .collect();
        let block = block.replace("- \n", "-\n");
        let e = quick(|| check_yaml(&block)).unwrap_err();
        assert!(e.message.contains("nested"), "{e}");
        let maps: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(quick(|| check_yaml(&maps)).is_err());
    }

    #[test]
    fn alias_amplification_is_refused_at_once() {
        // Each level refers to the one before nine times: 9^12 nodes.
        let mut y = String::from("a0: &a0 [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]\n");
        for i in 1..=12 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            y.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = quick(|| check_yaml(&y)).unwrap_err();
        assert!(e.message.contains("aliases expand too far"), "{e}");
        // A few aliases are fine.
        assert!(check_yaml("a: &x [1, 2]\nb: *x\nc: *x\n").is_ok());
    }

    #[test]
    fn too_many_nodes_and_bad_yaml_are_refused() {
        let many = format!("[{}]", "1,".repeat(300_000));
        let e = quick(|| check_yaml(&many)).unwrap_err();
        assert!(e.message.contains("too many YAML nodes"), "{e}");
        let e = check_yaml("a: [unclosed\n").unwrap_err();
        assert!(e.message.starts_with("not valid YAML"), "{e}");
        assert!(check_yaml("b: *nowhere\n").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            match quick(|| read_regular(&fifo)) {
                Err(ReadError::Refused(m)) => assert!(m.contains("FIFO"), "{m}"),
                other => panic!("{other:?}"),
            }
        }
        let link = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        match quick(|| read_regular(&link)) {
            Err(ReadError::Refused(m)) => assert!(m.contains("symbolic link"), "{m}"),
            other => panic!("{other:?}"),
        }
        match read_regular(dir.path()) {
            Err(ReadError::Refused(m)) => assert!(m.contains("directory"), "{m}"),
            other => panic!("{other:?}"),
        }
        let big = dir.path().join("big.yaml");
        let f = File::create(&big).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        match quick(|| read_regular(&big)) {
            Err(ReadError::Refused(m)) => assert!(m.contains("too large (16 MB"), "{m}"),
            other => panic!("{other:?}"),
        }
        let fine = dir.path().join("fine.yaml");
        std::fs::write(&fine, "a: 1\n").unwrap();
        assert_eq!(read_regular(&fine).unwrap(), b"a: 1\n");
        assert!(matches!(
            read_regular(&dir.path().join("missing.yaml")),
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound
        ));
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(size_text(16 << 20), "16 MB");
        assert_eq!(size_text(1_300_000), "1.2 MB");
        assert_eq!(size_text(1000), "1 KB");
    }
}
