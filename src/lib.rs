//! mlsd-coach: an offline terminal coach for ML system design interviews.
//!
//! See ARCHITECTURE.md for the map. `core` is UI-free; `cli` and `tui`
//! stand on it.

pub mod cli;
pub mod core;
pub mod tui;
