//! `compare A B`. (To be implemented.)

use super::{Format, GlobalArgs};
use std::process::ExitCode;

pub fn run_compare(_g: &GlobalArgs, _a: &str, _b: &str, _format: Format) -> ExitCode {
    todo!("compare")
}
