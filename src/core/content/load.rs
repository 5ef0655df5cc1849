//! Loading and validating content packs. (Placeholder API: to be implemented.)

use super::model::Content;
use std::fmt;
use std::path::{Path, PathBuf};

/// A located problem in a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is not tied to a place in the file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// The default content pack compiled into the binary.
pub fn load_embedded() -> Content {
    todo!("embedded content")
}

/// Load a content pack from a directory (`rubric.yaml`, `mock.yaml`, `scenarios/*.yaml`).
pub fn load_dir(_dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    todo!("load_dir")
}

/// Every problem found in a pack (empty when valid).
pub fn validate_dir(_dir: &Path) -> Vec<Diagnostic> {
    todo!("validate_dir")
}
