//! Work items shared between threads, their results taken in order.
//!
//! `ordered` runs `work(k)` for every item `k` on the calling thread and
//! some workers: each thread claims the next unclaimed item, so a thread
//! that is slowed down (another process on its core, a harder item)
//! simply claims fewer. The calling thread also takes the results in
//! order of `k` as they become ready: it takes the next result when it is
//! ready, claims an item otherwise, and waits only when every item is
//! claimed. So the in-order work overlaps the rest, and what is left at
//! the end is about one item's work.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

enum Done<T> {
    Ready(T),
    /// The work unwound (a worker panicked): the caller does it again.
    Failed,
}

struct Board<T> {
    next: AtomicUsize,
    n: usize,
    done: Mutex<Vec<Option<Done<T>>>>,
    changed: Condvar,
}

impl<T> Board<T> {
    fn claim(&self) -> Option<usize> {
        let k = self.next.fetch_add(1, Ordering::Relaxed);
        (k < self.n).then_some(k)
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Option<Done<T>>>> {
        // A poisoned lock still holds whole entries: it is only held to
        // move one in or out.
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn post(&self, k: usize, done: Done<T>) {
        if let Some(slot) = self.lock().get_mut(k) {
            *slot = Some(done);
        }
        self.changed.notify_all();
    }
}

/// A claimed item: posted as failed if its work unwinds.
struct Claim<'b, T> {
    board: &'b Board<T>,
    k: usize,
    posted: bool,
}

impl<T> Claim<'_, T> {
    fn post(mut self, t: T) {
        self.posted = true;
        self.board.post(self.k, Done::Ready(t));
    }
}

impl<T> Drop for Claim<'_, T> {
    fn drop(&mut self) {
        if !self.posted {
            self.board.post(self.k, Done::Failed);
        }
    }
}

/// Runs `work(k, state)` for `k` in `0..n`, on this thread (with
/// `caller`) and on a thread per state in `workers`, and hands each
/// result to `take(k, result)` on this thread, in order of `k`. Returns
/// the workers' states (but those of threads that panicked or could not
/// start). An item whose worker panicked is done again here, with
/// `caller`; a panic on this thread propagates.
///
/// `work` on this thread runs items in increasing order, except for one
/// done again after a worker panicked: it may then come after a later
/// item.
pub(super) fn ordered<S: Send, T: Send>(
    n: usize,
    caller: &mut S,
    workers: Vec<S>,
    work: impl Fn(usize, &mut S) -> T + Sync,
    mut take: impl FnMut(usize, T),
) -> Vec<S> {
    if workers.is_empty() || n < 2 {
        for k in 0..n {
            let t = work(k, caller);
            take(k, t);
        }
        return workers;
    }
    let board = Board {
        next: AtomicUsize::new(0),
        n,
        done: Mutex::new((0..n).map(|_| None).collect()),
        changed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let (board, work) = (&board, &work);
        let handles: Vec<_> = workers
            .into_iter()
            .filter_map(|mut state| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || {
                        while let Some(k) = board.claim() {
                            let claim = Claim {
                                board,
                                k,
                                posted: false,
                            };
                            claim.post(work(k, &mut state));
                        }
                        state
                    })
                    .ok()
            })
            .collect();
        let mut next = 0;
        while next < n {
            let ready = board.lock()[next].take();
            match ready {
                Some(Done::Ready(t)) => {
                    take(next, t);
                    next += 1;
                    continue;
                }
                Some(Done::Failed) => {
                    let t = work(next, caller);
                    take(next, t);
                    next += 1;
                    continue;
                }
                None => {}
            }
            if let Some(k) = board.claim() {
                let t = work(k, caller);
                if k == next {
                    take(k, t);
                    next += 1;
                } else {
                    board.post(k, Done::Ready(t));
                }
                continue;
            }
            // Every item is claimed: wait for the next one.
            let mut done = board.lock();
            while done[next].is_none() {
                done = board.changed.wait(done).unwrap_or_else(|e| e.into_inner());
            }
        }
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(n: usize, threads: usize, work: impl Fn(usize, &mut Vec<usize>) -> usize + Sync) {
        let mut caller = Vec::new();
        let workers = vec![Vec::new(); threads.saturating_sub(1)];
        let mut taken = Vec::new();
        let states = ordered(n, &mut caller, workers, work, |k, t| taken.push((k, t)));
        let want: Vec<(usize, usize)> = (0..n).map(|k| (k, k * k)).collect();
        assert_eq!(taken, want, "{n} items, {threads} threads");
        // Every item was done by exactly one surviving state (the caller's,
        // for an item a worker dropped).
        let mut all: Vec<usize> = states.into_iter().flatten().chain(caller).collect();
        all.sort_unstable();
        assert_eq!(all, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn results_are_taken_in_order() {
        for threads in [1, 2, 3, 8] {
            for n in [0, 1, 2, 7, 100] {
                run(n, threads, |k, seen| {
                    // Uneven work, so that items finish out of order.
                    if k % 3 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    seen.push(k);
                    k * k
                });
            }
        }
    }

    #[test]
    fn the_caller_redoes_what_a_worker_dropped() {
        let caller_thread = std::thread::current().id();
        for threads in [2, 4] {
            let failed = AtomicUsize::new(0);
            run(30, threads, |k, seen| {
                // Slow enough that the workers start and claim items.
                std::thread::sleep(std::time::Duration::from_millis(1));
                // A worker dies on the first item it claims.
                if std::thread::current().id() != caller_thread {
                    failed.fetch_add(1, Ordering::Relaxed);
                    panic!("worker fails on {k}");
                }
                seen.push(k);
                k * k
            });
            assert!(failed.load(Ordering::Relaxed) >= 1, "{threads} threads");
        }
    }
}
