//! The embedded pack's pattern clauses, worked out at build time.
//!
//! Finding a pattern's clauses (see `literals`) parses it, the bulk of
//! building a scorer; the embedded pack cannot change after the build, so
//! `build.rs` does it once. A pattern not in the table (a `--content DIR`
//! pack, a marker) is parsed when the scorer is built.

use super::literals::Clause;

// `CLAUSES`: (folded pattern source, its clauses), sorted by source.
include!(concat!(env!("OUT_DIR"), "/pattern_clauses.rs"));

/// The clauses of a folded pattern source, when the build worked them out.
pub fn lookup(source: &str) -> Option<Vec<Clause>> {
    let i = CLAUSES.binary_search_by(|(s, _)| (*s).cmp(source)).ok()?;
    Some(
        CLAUSES[i]
            .1
            .iter()
            .map(|c| c.iter().map(|l| l.to_vec()).collect())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::super::literals::required;
    use super::*;

    #[test]
    fn the_table_is_what_parsing_each_pattern_gives() {
        assert!(
            CLAUSES.len() > 500,
            "the embedded pack's patterns are in the table"
        );
        for (source, _) in CLAUSES {
            assert_eq!(lookup(source), Some(required(source)), "{source}");
        }
        assert_eq!(lookup("no such pattern"), None);
    }
}
