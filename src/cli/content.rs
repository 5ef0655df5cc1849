//! `content validate` and `content list`. (To be implemented.)

use super::GlobalArgs;
use std::path::Path;
use std::process::ExitCode;

pub fn run_validate(_g: &GlobalArgs, _dir: Option<&Path>) -> ExitCode {
    todo!("content validate")
}

pub fn run_list(_g: &GlobalArgs) -> ExitCode {
    todo!("content list")
}
