//! The interactive coach. (To be implemented.)
//!
//! State + `update(msg) -> effects` + rendering from `&state`; one module
//! (`runtime`) owns the terminal.

use crate::core::content::Content;
use crate::core::store::SessionsDir;

/// Which screen the coach opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Practice {
        scenario: Option<String>,
    },
    Mock {
        minutes: Option<u32>,
        scenario: Option<String>,
        seed: Option<u64>,
    },
    Review,
    Drill,
}

pub fn run(_content: Content, _sessions: SessionsDir, _start: Start) -> anyhow::Result<()> {
    todo!("tui")
}
