//! Build script.
//!
//! - The default content pack is embedded with `include_dir!`, which does
//!   not tell cargo about the files it reads: rebuild when anything under
//!   `content/` changes (cargo scans a directory for modifications).
//! - `MLSD_SCORING_FINGERPRINT`: a hash of the sources that decide a
//!   session's score, so cached scores (the sessions index) are recomputed
//!   whenever the scoring code changes, even within one release.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

const SCORING_SOURCES: [&str; 3] = ["src/core/scoring", "src/core/mock", "src/core/review"];

fn hash_dir(dir: &Path, h: &mut DefaultHasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            hash_dir(&p, h);
        } else if let Ok(bytes) = std::fs::read(&p) {
            p.file_name().hash(h);
            bytes.hash(h);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=content");
    let mut h = DefaultHasher::new();
    for dir in SCORING_SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        hash_dir(Path::new(dir), &mut h);
    }
    println!(
        "cargo:rustc-env=MLSD_SCORING_FINGERPRINT={:016x}",
        h.finish()
    );
}
