//! Rendering scorecards and sessions as plain text, Markdown and JSON
//! (for the CLI and exports; the TUI draws its own).

pub mod controls;
pub mod markdown;
pub mod text;
