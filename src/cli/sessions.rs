//! `history`, `show`, `export`, `paths`. (To be implemented.)

use super::{ExportFormat, Format, GlobalArgs, ModeArg};
use std::path::Path;
use std::process::ExitCode;

pub fn run_history(
    _g: &GlobalArgs,
    _scenario: Option<&str>,
    _mode: Option<ModeArg>,
    _format: Format,
) -> ExitCode {
    todo!("history")
}

pub fn run_show(_g: &GlobalArgs, _id: &str) -> ExitCode {
    todo!("show")
}

pub fn run_export(
    _g: &GlobalArgs,
    _id: &str,
    _format: ExportFormat,
    _output: Option<&Path>,
) -> ExitCode {
    todo!("export")
}

pub fn run_paths(_g: &GlobalArgs) -> ExitCode {
    todo!("paths")
}
