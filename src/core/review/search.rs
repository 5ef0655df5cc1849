//! Answer search over a large history without keeping the answers: for
//! each word (lower-cased letters and digits), the sessions it appears in,
//! as ascending positions delta-encoded in bytes (about a byte a session).
//! A query matches a session when each of its words starts some word of
//! the session's answers (or is in its id, scenario or mode, checked by the
//! caller).

use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Sorted by word.
    words: Vec<(Box<str>, Box<[u8]>)>,
    /// Sessions added (positions are below this).
    len: usize,
}

/// Builds a [`SearchIndex`]; sessions are added in ascending position.
#[derive(Debug, Default)]
pub struct SearchBuilder {
    /// Word → (last position added + 1, postings so far).
    words: HashMap<Box<str>, (u32, Vec<u8>)>,
    len: usize,
}

/// The words of a text, lower-cased.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl SearchBuilder {
    /// Add the texts of the session at `pos` (greater than any added).
    pub fn add<'a>(&mut self, pos: usize, texts: impl IntoIterator<Item = &'a str>) {
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for t in texts {
            seen.extend(words(t));
        }
        let pos32 = pos as u32;
        for w in seen {
            let (next, bytes) = self.words.entry(w.into_boxed_str()).or_default();
            // Deltas from the previous position (+1, so the first is pos + 1).
            push_varint(bytes, pos32 + 1 - *next);
            *next = pos32 + 1;
        }
        self.len = self.len.max(pos + 1);
    }

    pub fn finish(self, len: usize) -> SearchIndex {
        let mut words: Vec<(Box<str>, Box<[u8]>)> = self
            .words
            .into_iter()
            .map(|(w, (_, b))| (w, b.into_boxed_slice()))
            .collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        SearchIndex {
            words,
            len: len.max(self.len),
        }
    }
}

impl SearchIndex {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Which sessions have a word starting with `prefix` (lower-cased), as
    /// a bit per position.
    pub fn with_prefix(&self, prefix: &str) -> Vec<bool> {
        let mut hit = vec![false; self.len];
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        for (w, bytes) in &self.words[start..] {
            if !w.starts_with(prefix) {
                break;
            }
            let (mut pos, mut v, mut shift) = (0u32, 0u32, 0);
            for b in bytes.iter() {
                v |= u32::from(b & 0x7f) << shift;
                if b & 0x80 != 0 {
                    shift += 7;
                    continue;
                }
                pos += v;
                if let Some(h) = hit.get_mut(pos as usize - 1) {
                    *h = true;
                }
                v = 0;
                shift = 0;
            }
        }
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        let mut b = SearchBuilder::default();
        for (i, t) in texts.iter().enumerate() {
            b.add(i, [*t]);
        }
        b.finish(texts.len())
    }

    #[test]
    fn finds_sessions_by_word_prefix() {
        let ix = index(&["Merchants pay fees", "no match here", "the MERCHANT side"]);
        assert_eq!(ix.with_prefix("merchant"), [true, false, true]);
        assert_eq!(ix.with_prefix("fee"), [true, false, false]);
        assert_eq!(ix.with_prefix("xyz"), [false, false, false]);
        assert_eq!(ix.with_prefix("m"), [true, true, true]);
    }

    #[test]
    fn positions_survive_long_gaps() {
        let mut b = SearchBuilder::default();
        b.add(3, ["alpha"]);
        b.add(300, ["alpha beta"]);
        b.add(70_000, ["alpha"]);
        let ix = b.finish(70_001);
        let alpha = ix.with_prefix("alpha");
        let hits: Vec<usize> = (0..ix.len()).filter(|&i| alpha[i]).collect();
        assert_eq!(hits, [3, 300, 70_000]);
        assert_eq!(ix.with_prefix("beta").iter().filter(|h| **h).count(), 1);
    }
}
