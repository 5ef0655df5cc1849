//! Content: the rubric, scenarios and mock profile, loaded from the
//! embedded default pack or a user's directory, and validated with
//! located errors.

pub mod load;
pub mod model;

pub use load::{Diagnostic, load_dir, load_embedded, validate_dir};
pub use model::*;
