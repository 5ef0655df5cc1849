//! Pages that show sessions in full — the session view and compare —
//! open once the runtime has read and scored them (`Effect::OpenScored`,
//! on a thread: the key returns at once, the list says "opening…" until
//! the page comes); the screen keeps the last few.

use super::{OPENED_MAX, Page, Review, compare, session};
use crate::core::review::{Record, ScoredSession};
use crate::core::session::Mode;
use crate::tui::vocab::{Ctx, Effect};
use std::path::PathBuf;
use std::sync::Arc;

/// A page that opens once its sessions are read in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pending {
    Session(usize),
    Compare(usize, usize),
}

impl Review {
    /// Session `id` scored in full, when at hand.
    pub(super) fn full(&self, id: &str) -> Option<Arc<ScoredSession>> {
        self.opened
            .get(id)
            .or_else(|| self.data.as_ref().and_then(|d| d.full(id)))
            .cloned()
    }

    /// Open the page `p`, or ask for its sessions first (when `fetch`).
    pub(super) fn open(&mut self, ctx: &mut Ctx, p: Pending, fetch: bool) -> Vec<Effect> {
        let Some(d) = self.data.clone() else {
            return Vec::new();
        };
        let ids: Vec<usize> = match p {
            Pending::Session(i) => vec![i],
            Pending::Compare(a, b) => vec![a, b],
        };
        let Some(records) = ids
            .iter()
            .map(|i| d.sessions.get(*i))
            .collect::<Option<Vec<&Record>>>()
        else {
            return Vec::new();
        };
        let full: Vec<Option<Arc<ScoredSession>>> =
            records.iter().map(|r| self.full(&r.summary.id)).collect();
        if full.iter().any(Option::is_none) {
            if !fetch {
                ctx.error("the session changed on disk: open it again");
                return Vec::new();
            }
            let paths: Vec<PathBuf> = records.iter().map(|r| r.summary.path.clone()).collect();
            self.pending = Some((p, paths.clone()));
            return vec![Effect::OpenScored(paths)];
        }
        let full: Vec<Arc<ScoredSession>> = full.into_iter().flatten().collect();
        match p {
            Pending::Session(i) => {
                self.page = Page::Session(session::SessionPage::new(i, full[0].clone()));
            }
            Pending::Compare(..) => {
                match compare::ComparePage::new(&ctx.content.rubric, &full[0], &full[1]) {
                    Ok(page) => {
                        self.marked = None;
                        self.page = Page::Compare(Box::new(page));
                    }
                    Err(e) => ctx.error(e),
                }
            }
        }
        Vec::new()
    }

    /// The sessions read for `paths` came back: kept, and the page waiting
    /// for them opened (a page asked for since waits for its own).
    pub(super) fn opened_sessions(
        &mut self,
        ctx: &mut Ctx,
        paths: &[PathBuf],
        result: Result<Vec<Arc<ScoredSession>>, String>,
    ) -> Vec<Effect> {
        let mine = self.pending.as_ref().is_some_and(|(_, p)| p == paths);
        let v = match result {
            Ok(v) => v,
            Err(e) => {
                if mine {
                    self.pending = None;
                    ctx.error(format!("could not open the session: {e}"));
                }
                return Vec::new();
            }
        };
        if self.opened.len() + v.len() > OPENED_MAX {
            self.opened.clear();
        }
        for s in v {
            self.opened.insert(s.session.id.clone(), s);
        }
        match self.pending.take() {
            Some((p, _)) if mine => self.open(ctx, p, false),
            other => {
                self.pending = other;
                Vec::new()
            }
        }
    }

    /// Is a page waiting for its sessions?
    pub fn opening(&self) -> bool {
        self.pending.is_some()
    }

    /// Compare: the marked session with the selected one; else the selected
    /// one with its previous attempt (or the next one, for a first attempt);
    /// with nothing selected, the latest two attempts at one scenario.
    pub(super) fn open_compare(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        let Some(d) = self.data.clone() else {
            return Vec::new();
        };
        let sel = self.selected_session();
        let pair = match (&self.marked, sel) {
            (Some(m), Some(i)) if *m != d.sessions[i].summary.id => {
                Some((m.clone(), d.sessions[i].summary.id.clone()))
            }
            (_, Some(i)) => {
                let s = &d.sessions[i].summary;
                // Sessions are newest first: older ones follow `i`.
                let other = |x: &&Record| {
                    x.summary.scenario == s.scenario
                        && x.summary.id != s.id
                        && x.summary.mode != Mode::Drill
                };
                let near = d.sessions[i + 1..]
                    .iter()
                    .find(other)
                    .or_else(|| d.sessions[..i].iter().rev().find(other));
                match near {
                    Some(x) => Some((x.summary.id.clone(), s.id.clone())),
                    None => {
                        ctx.error(format!(
                            "only one attempt at '{}': nothing to compare it with",
                            s.scenario
                        ));
                        return Vec::new();
                    }
                }
            }
            (_, None) => latest_pair(&d.sessions),
        };
        let Some((a, b)) = pair else {
            ctx.error("nothing to compare: two attempts at the same scenario are needed");
            return Vec::new();
        };
        let (Some(ia), Some(ib)) = (d.index_of(&a), d.index_of(&b)) else {
            return Vec::new();
        };
        // Older attempt on the left.
        let (ia, ib) = if d.sessions[ia].summary.started_at <= d.sessions[ib].summary.started_at {
            (ia, ib)
        } else {
            (ib, ia)
        };
        self.open(ctx, Pending::Compare(ia, ib), true)
    }
}

/// The latest two attempts at one scenario (drills left out), older first,
/// from sessions newest first (see `core::review::latest_pair`).
fn latest_pair(sessions: &[Record]) -> Option<(String, String)> {
    let v: Vec<&Record> = sessions
        .iter()
        .filter(|s| s.summary.mode != Mode::Drill)
        .collect();
    for (i, newer) in v.iter().enumerate() {
        if let Some(older) = v[i + 1..]
            .iter()
            .find(|s| s.summary.scenario == newer.summary.scenario)
        {
            return Some((older.summary.id.clone(), newer.summary.id.clone()));
        }
    }
    None
}
