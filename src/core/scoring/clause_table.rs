//! The embedded pack's pattern clauses, worked out at build time.
//!
//! Finding a pattern's clauses (see `literals`) parses it, the bulk of
//! building a scorer; the embedded pack cannot change after the build, so
//! `build.rs` does it once. A pattern not in the table (a `--content DIR`
//! pack, a marker) is parsed when the scorer is built.

use super::literals::Clause;

/// The table `build.rs` writes (layout in its `clause_table`): bytes, so
/// the loader relocates nothing in it at start-up.
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pattern_clauses.bin"));

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let bytes = b.get(at..at + 4)?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?) as usize)
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let bytes = b.get(at..at + 2)?;
    Some(usize::from(u16::from_le_bytes(bytes.try_into().ok()?)))
}

/// The table's patterns: (source, offset of its clauses in the data).
struct Table {
    count: usize,
    data: &'static [u8],
}

impl Table {
    fn new() -> Table {
        let count = u32_at(TABLE, 0).unwrap_or(0);
        let data = TABLE.get(4 + 12 * count..).unwrap_or(&[]);
        Table { count, data }
    }

    fn entry(&self, i: usize) -> Option<(&'static str, usize)> {
        let at = 4 + 12 * i;
        let (start, len) = (u32_at(TABLE, at)?, u32_at(TABLE, at + 4)?);
        let source = std::str::from_utf8(self.data.get(start..start + len)?).ok()?;
        Some((source, u32_at(TABLE, at + 8)?))
    }

    fn clauses(&self, mut at: usize) -> Option<Vec<Clause>> {
        let d = self.data;
        let n = usize::from(*d.get(at)?);
        at += 1;
        let mut clauses = Vec::with_capacity(n);
        for _ in 0..n {
            let lits = u16_at(d, at)?;
            at += 2;
            let mut clause = Vec::with_capacity(lits);
            for _ in 0..lits {
                let len = u16_at(d, at)?;
                clause.push(d.get(at + 2..at + 2 + len)?.to_vec());
                at += 2 + len;
            }
            clauses.push(clause);
        }
        Some(clauses)
    }

    /// Sorted by source: a binary search.
    fn find(&self, source: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (s, at) = self.entry(mid)?;
            match s.cmp(source) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(at),
            }
        }
        None
    }
}

/// The clauses of a folded pattern source, when the build worked them out.
pub fn lookup(source: &str) -> Option<Vec<Clause>> {
    let table = Table::new();
    table.clauses(table.find(source)?)
}

#[cfg(test)]
mod tests {
    use super::super::literals::required;
    use super::*;

    #[test]
    fn the_table_is_what_parsing_each_pattern_gives() {
        let table = Table::new();
        assert!(
            table.count > 500,
            "the embedded pack's patterns are in the table"
        );
        for i in 0..table.count {
            let (source, _) = table.entry(i).expect("an entry");
            assert_eq!(lookup(source), Some(required(source)), "{source}");
        }
        assert_eq!(lookup("no such pattern"), None);
    }
}
