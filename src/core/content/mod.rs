//! Content: the rubric, scenarios and mock profile, loaded from the
//! embedded default pack or a user's directory, and validated with
//! located errors.

pub mod load;
pub mod model;
mod parse;
pub mod spans;
mod validate;
mod validate_mock;
mod validate_scenario;

pub use load::{
    check_and_load_dir, check_and_load_embedded, check_dir, check_embedded, embedded_prebuilt,
    embedded_sketch, load_dir, load_embedded, scenario_source, validate_dir,
};
pub use model::*;
pub use parse::{Diagnostic, Report};
