//! Rendering scorecards and sessions as plain text, Markdown and JSON
//! (for the CLI and exports; the TUI draws its own).

pub mod controls;
pub mod markdown;
pub mod sections;
pub mod text;

use crate::core::scoring::Status;

/// The one mark of each status, everywhere a status is shown (scorecards,
/// the session view, the live panel, the CLI): ✓ covered, ◐ partial,
/// ✗ missing.
pub fn mark(s: Status) -> &'static str {
    match s {
        Status::Covered => "✓",
        Status::Partial => "◐",
        Status::Missing => "✗",
    }
}

/// `1 hint`, `3 hints`, `0 hints`: a count with its noun.
pub fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn plural_agrees_with_the_count() {
        assert_eq!(super::plural(1u32, "hint", "hints"), "1 hint");
        assert_eq!(super::plural(0u32, "hint", "hints"), "0 hints");
        assert_eq!(super::plural(3u8, "time", "times"), "3 times");
    }
}
