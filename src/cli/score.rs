//! `score FILE`. (To be implemented.)

use super::{Format, GlobalArgs};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    _g: &GlobalArgs,
    _file: &Path,
    _prompt: Option<&str>,
    _scenario: Option<&str>,
    _format: Format,
) -> ExitCode {
    todo!("score")
}
