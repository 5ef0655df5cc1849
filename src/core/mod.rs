//! The core: content, scoring, sessions and their store.
//!
//! Nothing under `core` imports ratatui or crossterm; the CLI and the TUI
//! both stand on it.

pub mod content;
pub mod mock;
pub mod report;
pub mod review;
pub mod scoring;
pub mod session;
pub mod store;
pub mod time;
