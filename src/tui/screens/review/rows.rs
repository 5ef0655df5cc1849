//! The history list's visible rows: filters, sort and search (ids,
//! scenarios and modes at once; answers through their index, built on the
//! first search), cached for the filters they were made with.

use super::{Review, ReviewData, Row, Sort};
use crate::core::review::search::{SearchIndex, words};
use crate::core::session::{Mode, SessionStatus};
use crate::tui::vocab::Effect;
use std::sync::Arc;

/// What the visible rows depend on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RowsKey {
    data: usize,
    search: usize,
    query: String,
    scenario: Option<String>,
    mode: Option<Mode>,
    unfinished: bool,
    sort: Sort,
}

impl Review {
    /// The visible rows: filtered, searched and sorted sessions, then the
    /// damaged files (only when no scenario or mode filter is set).
    pub fn rows(&self) -> Vec<Row> {
        let Some(d) = &self.data else {
            return Vec::new();
        };
        let key = RowsKey {
            data: Arc::as_ptr(d) as usize,
            search: self.search_index().map_or(0, |x| Arc::as_ptr(x) as usize),
            query: self.query.clone(),
            scenario: self.scenario.clone(),
            mode: self.mode,
            unfinished: self.unfinished,
            sort: self.sort,
        };
        if let Some((k, rows)) = &*self.rows_cache.borrow()
            && *k == key
        {
            return rows.clone();
        }
        let rows = self.make_rows(d);
        *self.rows_cache.borrow_mut() = Some((key, rows.clone()));
        rows
    }

    /// The answer search index, once built.
    pub(super) fn search_index(&self) -> Option<&Arc<SearchIndex>> {
        self.search
            .as_ref()
            .or_else(|| self.data.as_ref().and_then(|d| d.search.as_ref()))
    }

    /// Which sessions match the search: its text in the id, scenario or
    /// mode, or each of its words there or starting a word of the answers
    /// (once their index is built).
    fn search_hits(&self, d: &ReviewData, needle: &str) -> Vec<bool> {
        let index = self.search_index();
        let query: Vec<String> = words(needle).collect();
        let answers: Vec<Vec<bool>> = match index {
            Some(ix) => query.iter().map(|w| ix.with_prefix(w)).collect(),
            None => Vec::new(),
        };
        let mut meta = String::new();
        d.sessions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                meta.clear();
                let s = &r.summary;
                meta.push_str(&s.id.to_lowercase());
                meta.push(' ');
                meta.push_str(&s.scenario.to_lowercase());
                meta.push(' ');
                meta.push_str(s.mode.as_str());
                meta.contains(needle)
                    || (!query.is_empty()
                        && query.iter().enumerate().all(|(k, w)| {
                            meta.contains(w.as_str())
                                || answers.get(k).and_then(|a| a.get(i)) == Some(&true)
                        }))
            })
            .collect()
    }

    pub(super) fn make_rows(&self, d: &ReviewData) -> Vec<Row> {
        let needle = self.query.trim().to_lowercase();
        let hits = (!needle.is_empty()).then(|| self.search_hits(d, &needle));
        let mut rows: Vec<usize> = (0..d.sessions.len())
            .filter(|&i| {
                let s = &d.sessions[i].summary;
                self.scenario.as_ref().is_none_or(|sc| *sc == s.scenario)
                    && self.mode.is_none_or(|m| m == s.mode)
                    && (!self.unfinished || s.status == SessionStatus::InProgress)
                    && hits.as_ref().is_none_or(|h| h[i])
            })
            .collect();
        // `sessions` is newest first already.
        // Sessions not scored yet come last either way.
        let overall = |i: &usize| d.sessions[*i].overall_score();
        let by = |a: Option<f32>, b: Option<f32>| match (a, b) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (a, b) => b.is_some().cmp(&a.is_some()),
        };
        match self.sort {
            Sort::Newest => {}
            Sort::Oldest => rows.reverse(),
            Sort::Best => rows.sort_by(|a, b| match (overall(a), overall(b)) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (x, y) => by(x, y),
            }),
            Sort::Worst => rows.sort_by(|a, b| by(overall(a), overall(b))),
        }
        let mut out: Vec<Row> = rows.into_iter().map(Row::Session).collect();
        if self.scenario.is_none() && self.mode.is_none() && !self.unfinished {
            out.extend(
                d.damaged
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| {
                        needle.is_empty()
                            || x.path
                                .display()
                                .to_string()
                                .to_lowercase()
                                .contains(&needle)
                            || x.reason.to_lowercase().contains(&needle)
                    })
                    .map(|(i, _)| Row::Damaged(i)),
            );
        }
        out
    }

    /// Start building the answer search index (once per load).
    pub(super) fn want_search(&mut self) -> Vec<Effect> {
        match &self.data {
            Some(d) if self.search_index().is_none() && !self.indexing => {
                self.indexing = true;
                vec![Effect::IndexAnswers {
                    generation: self.generation,
                    paths: d.sessions.iter().map(|r| r.summary.path.clone()).collect(),
                }]
            }
            _ => Vec::new(),
        }
    }
}
