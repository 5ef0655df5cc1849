//! The runtime: the only module that touches the terminal, reads the clock
//! or does IO. It turns terminal events into `Msg`s, runs `update`, draws
//! when something changed and executes `Effect`s against the store.
//!
//! Terminal hygiene: the terminal is restored on normal exit, on error, on
//! panic (a hook chained in before anything else) and on SIGTERM, SIGHUP
//! and SIGINT, and when the terminal goes away without a signal; a panic,
//! signal or hangup first saves the session being edited
//! (the latest snapshot, kept in [`Snapshot`]), or when that fails writes a
//! recovery copy elsewhere and says where, and removes the session's lock
//! file.

use crate::core::content::Content;
use crate::core::report::controls;
use crate::core::review::export_markdown;
use crate::core::session::Session;
use crate::core::store::{self, SessionLock, SessionsDir, Store, StoreError, SummaryRow, recovery};
use crate::tui::Start;
use crate::tui::app::{App, update};
use crate::tui::theme::Theme;
use crate::tui::view;
use crate::tui::vocab::{Effect, Msg, SessionInfo};
use anyhow::Context as _;
use chrono::Utc;
use crossterm::event::{self, Event, KeyEventKind};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::collections::VecDeque;
use std::io::{self, Stdout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, TryLockError};
use std::time::{Duration, Instant};

/// The latest saveable state of the open session, for the panic hook and
/// the signal handler.
pub type Snapshot = Arc<Mutex<Option<Session>>>;

static TERMINAL_ACTIVE: AtomicBool = AtomicBool::new(false);

/// The lock file of the open session, for the signal handler: the process
/// exits from there without running destructors.
static LOCK_FILE: Mutex<Option<PathBuf>> = Mutex::new(None);

fn remove_lock_file() {
    let path = match LOCK_FILE.try_lock() {
        Ok(mut g) => g.take(),
        Err(TryLockError::Poisoned(p)) => p.into_inner().take(),
        Err(TryLockError::WouldBlock) => None,
    };
    if let Some(p) = path {
        let _ = std::fs::remove_file(p);
    }
}

/// Put the terminal back: leave raw mode and the alternate screen, stop
/// bracketed paste and mouse capture, show the cursor. Idempotent.
pub fn restore_terminal() {
    if TERMINAL_ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(
            out,
            event::DisableMouseCapture,
            event::DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
    }
}

fn enter_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    TERMINAL_ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        event::EnableBracketedPaste,
        event::EnableMouseCapture
    )
}

/// Restores the terminal when dropped (normal exit and errors).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// How an emergency save went.
enum Rescued {
    /// Saved where it lives.
    Saved(PathBuf),
    /// Not saved there (why), but a recovery copy was written (where).
    Recovered(String, PathBuf),
    /// Neither (why not, for each).
    Lost(String),
}

/// Save the snapshot, if any, without blocking (the hook may run while the
/// main thread holds the lock); when it cannot be saved where it lives,
/// write a recovery copy elsewhere.
fn save_snapshot(snapshot: &Snapshot, dir: &Path) -> Option<Rescued> {
    // The main thread holds the lock only to swap in a new snapshot; wait
    // a little for it, but never block forever (a panic may happen while
    // this very thread holds it).
    let mut tries = 0;
    let guard = loop {
        match snapshot.try_lock() {
            Ok(g) => break g,
            Err(TryLockError::Poisoned(p)) => break p.into_inner(),
            Err(TryLockError::WouldBlock) if tries < 50 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    };
    let session = guard.as_ref()?;
    let saved = Store::open(dir)
        .and_then(|s| s.save(session))
        .map_err(|e| e.to_string());
    Some(match saved {
        Ok(p) => Rescued::Saved(p),
        Err(e) => match recovery::write_copy(session, &recovery::default_dirs()) {
            Ok(p) => Rescued::Recovered(e, p),
            Err(e2) => Rescued::Lost(format!("{e}; no recovery copy either: {e2}")),
        },
    })
}

fn report_emergency_save(what: &str, saved: Option<Rescued>) {
    let line = match saved {
        Some(Rescued::Saved(p)) => format!("mlsd-coach: {what}; session saved to {}", p.display()),
        Some(Rescued::Recovered(e, p)) => format!(
            "mlsd-coach: {what}; could not save the session ({e}); a recovery copy is in {} (copy it into the sessions directory to resume it)",
            p.display()
        ),
        Some(Rescued::Lost(e)) => format!("mlsd-coach: {what}; could not save the session: {e}"),
        None => return,
    };
    // Not `eprintln!`: it panics when the terminal has gone away.
    use std::io::Write as _;
    let _ = writeln!(io::stderr(), "{}", controls::neutralise(&line));
}

/// Chain a panic hook that saves the session and restores the terminal
/// before the default hook prints the message.
pub fn install_panic_hook(snapshot: Snapshot, dir: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let saved = save_snapshot(&snapshot, &dir);
        remove_lock_file();
        restore_terminal();
        report_emergency_save("crashed", saved);
        previous(info);
    }));
}

/// On SIGTERM, SIGHUP or SIGINT: save the session (or a recovery copy),
/// remove its lock file, restore the terminal and exit with 128 + the
/// signal number. The signals are caught from now on; they are acted on
/// once [`SignalWatch::start`] runs (after the first frame: the thread
/// costs a tenth of a millisecond, and a signal caught before waits for it).
pub fn install_signal_handler(snapshot: Snapshot, dir: PathBuf) -> io::Result<SignalWatch> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    Ok(SignalWatch {
        signals,
        snapshot,
        dir,
    })
}

/// Signals caught, waiting for the thread that acts on them.
pub struct SignalWatch {
    signals: signal_hook::iterator::Signals,
    snapshot: Snapshot,
    dir: PathBuf,
}

impl SignalWatch {
    pub fn start(self) -> io::Result<()> {
        let SignalWatch {
            mut signals,
            snapshot,
            dir,
        } = self;
        std::thread::Builder::new().name("signals".into()).spawn({
            let (snapshot, dir) = (snapshot.clone(), dir.clone());
            move || {
                if let Some(sig) = signals.forever().next() {
                    save_and_exit(&snapshot, &dir, &format!("signal {sig}"), sig);
                }
            }
        })?;
        watch_hangup(snapshot, dir)
    }
}

/// Saves the session (or a recovery copy), removes its lock file,
/// restores the terminal (harmless when it is gone), says what happened and
/// exits with 128 + `signal`.
fn save_and_exit(snapshot: &Snapshot, dir: &Path, what: &str, signal: i32) -> ! {
    let saved = save_snapshot(snapshot, dir);
    remove_lock_file();
    restore_terminal();
    report_emergency_save(what, saved);
    std::process::exit(128 + signal);
}

/// Acts as on SIGHUP when the terminal goes away and no signal comes (the
/// coach is not the session leader: `ssh -t host 'sh -c …'`, a killed
/// tmux pane under a shell that ignores hangups). Input then reads
/// end-of-file for ever, and crossterm's reader retries it in a loop that
/// never returns: without this the session would never be saved and a
/// core would spin. A thread blocks in `poll` on the terminal until it
/// hangs up, so idle costs nothing.
#[cfg(unix)]
fn watch_hangup(snapshot: Snapshot, dir: PathBuf) -> io::Result<()> {
    use std::os::fd::AsRawFd as _;
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return Ok(());
    };
    std::thread::Builder::new()
        .name("hangup".into())
        .spawn(move || {
            loop {
                let mut p = libc::pollfd {
                    fd: tty.as_raw_fd(),
                    events: 0,
                    revents: 0,
                };
                // SAFETY: one valid pollfd on a file this thread owns.
                let n = unsafe { libc::poll(&mut p, 1, -1) };
                if n < 0 {
                    if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    return;
                }
                if p.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                    save_and_exit(&snapshot, &dir, "the terminal closed", libc::SIGHUP);
                }
                if p.revents & libc::POLLNVAL != 0 {
                    return;
                }
            }
        })?;
    Ok(())
}

#[cfg(not(unix))]
fn watch_hangup(_: Snapshot, _: PathBuf) -> io::Result<()> {
    Ok(())
}

/// Executes effects against the store; holds the lock of the open session.
pub struct Effects {
    pub store: Store,
    pub content: Arc<Content>,
    pub lock: Option<SessionLock>,
    /// Where recovery copies go, in order of preference.
    pub recovery: Vec<PathBuf>,
    /// Effects running on threads (loading and scoring the history,
    /// indexing answers, opening sessions in full).
    pub background: Background,
    /// The scorer the pages opened on sessions use, kept from one to the
    /// next (a few scenarios' compiled scorers).
    pub page_scorer: PageScorer,
}

/// How many scenarios' compiled scorers the pages keep (several MB each).
const PAGE_SCORERS: usize = 4;

/// A [`SessionScorer`](crate::core::review::SessionScorer) shared with the
/// threads that open sessions.
pub type PageScorer = Arc<Mutex<Option<crate::core::review::SessionScorer<'static>>>>;

/// Work on threads; their messages come back through a channel the event
/// loop drains.
pub struct Background {
    tx: std::sync::mpsc::Sender<Msg>,
    rx: std::sync::mpsc::Receiver<Msg>,
    running: Arc<std::sync::atomic::AtomicUsize>,
}

impl Default for Background {
    fn default() -> Background {
        let (tx, rx) = std::sync::mpsc::channel();
        Background {
            tx,
            rx,
            running: Arc::new(std::sync::atomic::AtomicUsize::new(0)),
        }
    }
}

impl Background {
    /// Run `job` on a thread; it may send messages as it goes, and its
    /// result is sent when it ends.
    fn spawn(&self, job: impl FnOnce(&std::sync::mpsc::Sender<Msg>) -> Msg + Send + 'static) {
        let tx = self.tx.clone();
        let running = self.running.clone();
        running.fetch_add(1, Ordering::SeqCst);
        std::thread::spawn(move || {
            let msg = job(&tx);
            running.fetch_sub(1, Ordering::SeqCst);
            let _ = tx.send(msg);
        });
    }

    /// Is some job running (or a message waiting)?
    pub fn busy(&self) -> bool {
        self.running.load(Ordering::SeqCst) > 0
    }

    /// The messages sent so far.
    pub fn drain(&self) -> Vec<Msg> {
        self.rx.try_iter().collect()
    }
}

impl Effects {
    /// Hold `lock` (releasing the one held); its file is known to the
    /// signal handler, which removes it.
    pub fn set_lock(&mut self, lock: Option<SessionLock>) {
        let path = lock.as_ref().map(|l| l.path().to_path_buf());
        self.lock = lock;
        match LOCK_FILE.lock() {
            Ok(mut g) => *g = path,
            Err(p) => *p.into_inner() = path,
        }
    }

    /// Run one effect; IO results come back as messages.
    pub fn run(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            // From the index: only new or changed files are read.
            Effect::ListSessions => Some(match self.store.summaries() {
                Ok(rows) => Msg::SessionsListed(
                    rows.iter()
                        .filter_map(|r| match r {
                            SummaryRow::Ok(s) => Some(SessionInfo::of_summary(s)),
                            SummaryRow::Damaged { .. } => None,
                        })
                        .collect(),
                ),
                Err(e) => Msg::Error(format!(
                    "listing sessions in {}: {e}",
                    self.store.dir.display()
                )),
            }),
            Effect::CreateSession(mut session) => {
                session.id = self.store.new_id(session.started_at, &session.scenario);
                let lock = match self.store.lock(&session.id) {
                    Ok(l) => l,
                    Err(e) => {
                        return Some(Msg::Error(format!("locking session {}: {e}", session.id)));
                    }
                };
                if let Err(e) = self.store.save(&session) {
                    return Some(Msg::Error(format!("creating session {}: {e}", session.id)));
                }
                self.set_lock(Some(lock));
                Some(Msg::SessionOpened {
                    session,
                    read_only: false,
                })
            }
            Effect::OpenSession(id) => {
                let (_, session) = match self.store.load(&id) {
                    Ok(x) => x,
                    Err(e) => return Some(Msg::Error(format!("opening session {id}: {e}"))),
                };
                let read_only = match self.store.lock(&session.id) {
                    Ok(l) => {
                        self.set_lock(Some(l));
                        false
                    }
                    Err(StoreError::Locked(_)) => true,
                    Err(e) => return Some(Msg::Error(format!("locking session {id}: {e}"))),
                };
                Some(Msg::SessionOpened {
                    session: Box::new(session),
                    read_only,
                })
            }
            Effect::Save(session) => {
                let result = self.store.save(&session).map_err(|e| e.to_string());
                Some(Msg::Saved {
                    id: session.id.clone(),
                    result,
                })
            }
            Effect::WriteRecovery(session) => Some(Msg::RecoveryWritten(recovery::write_copy(
                &session,
                &self.recovery,
            ))),
            Effect::CloseSession => {
                self.set_lock(None);
                None
            }
            Effect::TrashSession(id) => {
                let result = self.store.trash(&id).map_err(|e| e.to_string());
                Some(Msg::Trashed { id, result })
            }
            Effect::RestoreSession(id) => {
                let result = self.store.restore(&id).map_err(|e| e.to_string());
                Some(Msg::Restored { id, result })
            }
            Effect::RemoveBlank(id) => self
                .store
                .remove_blank(&id)
                .err()
                .map(|e| Msg::Error(format!("removing the empty session {id}: {e}"))),
            Effect::ExportMarkdown {
                session,
                scorecard,
                path,
            } => {
                // A drill's report replays every saved session for its
                // criteria before → after; other reports need none of them.
                let history = || {
                    crate::tui::history::load(&self.content, &self.store, None)
                        .map(|d| d.sessions)
                        .unwrap_or_default()
                };
                let report = export_markdown(
                    &self.content,
                    &session,
                    Some(&scorecard),
                    history,
                    Utc::now(),
                );
                let text = controls::neutralise(&report);
                Some(Msg::Exported(export_to(&path, text.as_bytes())))
            }
            Effect::LoadReview(content) => {
                let store = Store {
                    dir: self.store.dir.clone(),
                };
                self.background.spawn(move |tx| {
                    // Progress at most every 50 ms (and not for a warm
                    // index, which takes less).
                    let started = Instant::now();
                    let last = Mutex::new(Duration::ZERO);
                    let report = |done: usize, total: usize| {
                        let now = started.elapsed();
                        if let Ok(mut l) = last.lock()
                            && (now >= *l + Duration::from_millis(50) || done == total)
                        {
                            *l = now;
                            let _ = tx.send(Msg::ReviewProgress { done, total });
                        }
                    };
                    // The list with the scores cached so far first; when
                    // some are missing, the whole once they are scored.
                    match crate::tui::history::load_cached(&content, &store) {
                        Ok(d) if d.unscored() == 0 => return Msg::ReviewLoaded(Ok(Arc::new(d))),
                        Ok(d) => {
                            let _ = tx.send(Msg::ReviewLoaded(Ok(Arc::new(d))));
                        }
                        Err(_) => {}
                    }
                    Msg::ReviewLoaded(
                        crate::tui::history::load(&content, &store, Some(&report)).map(Arc::new),
                    )
                });
                None
            }
            // On a thread: compiling a scenario's scorer takes tens of
            // milliseconds; the page opens when the result comes back.
            Effect::OpenScored(paths) => {
                let content = self.content.clone();
                let scorer = self.page_scorer.clone();
                self.background.spawn(move |_| {
                    let mut guard = scorer.lock().unwrap_or_else(|p| p.into_inner());
                    let scorer = match guard.take() {
                        Some(s) if s.scores_against(&content) => guard.insert(s),
                        _ => guard.insert(crate::core::review::SessionScorer::shared(
                            content,
                            PAGE_SCORERS,
                        )),
                    };
                    let result = crate::tui::history::open_scored(scorer, &paths);
                    Msg::ScoredOpened { paths, result }
                });
                None
            }
            Effect::IndexAnswers { generation, paths } => {
                self.background.spawn(move |_| Msg::AnswersIndexed {
                    generation,
                    index: Arc::new(crate::tui::history::index_answers(&paths)),
                });
                None
            }
            Effect::Quit => None,
        }
    }
}

/// Write an export to `path` (`~/` is the home directory, a relative path
/// is relative to the directory the program started in), never over an
/// existing file; returns the full path written.
fn export_to(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    let path = match path.strip_prefix("~") {
        Ok(rest) => match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(rest),
            None => path.to_path_buf(),
        },
        Err(_) => path.to_path_buf(),
    };
    let full = std::path::absolute(&path).unwrap_or(path);
    if full.as_os_str().is_empty() || full.is_dir() {
        return Err(format!(
            "{} is a directory; give a file name",
            full.display()
        ));
    }
    if std::fs::symlink_metadata(&full).is_ok() {
        return Err(format!("{} exists; not overwriting it", full.display()));
    }
    crate::core::store::fsutil::write_atomic(&full, bytes)
        .map(|()| full.clone())
        .map_err(|e| format!("writing {}: {e}", full.display()))
}

fn to_msg(ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(k)),
        Event::Paste(s) => Some(Msg::Paste(s)),
        Event::Mouse(m) => Some(Msg::Mouse(m)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// Run the interactive coach until the user quits.
pub fn run(
    content: Content,
    whole: Option<fn() -> Content>,
    sessions: SessionsDir,
    start: Start,
) -> anyhow::Result<()> {
    let started = Instant::now();
    // Two malloc arenas, not one per thread: memory freed in one is not
    // reused by another (scoring the history at 10,000 sessions peaked
    // ~5 MB higher with four), while with one the review's listing threads
    // (index, scores) wait on each other's allocations (its list at 10,000
    // sessions came ~25 ms later).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: a tuning parameter, set before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
    let snapshot: Snapshot = Arc::new(Mutex::new(None));
    install_panic_hook(snapshot.clone(), sessions.path.clone());
    let signals = install_signal_handler(snapshot.clone(), sessions.path.clone())
        .context("installing signal handlers")?;
    let store = Store::open(&sessions.path)
        .with_context(|| format!("opening the sessions directory {}", sessions.path.display()))?;
    let content = Arc::new(content);
    let private = store::check_private(&sessions);
    let mut effects = Effects {
        store,
        content: content.clone(),
        lock: None,
        recovery: recovery::default_dirs(),
        background: Background::default(),
        page_scorer: PageScorer::default(),
    };

    let now = Utc::now();
    let seed = now.timestamp_nanos_opt().unwrap_or_default() as u64 ^ u64::from(std::process::id());
    let mut app = App::new(content, sessions.clone(), Theme::from_env(), now, seed);
    if let Ok(dir) = std::env::current_dir() {
        app.ctx.export_dir = dir;
    }
    if let Some(note) = private {
        app.ctx.info(note);
    }
    let mut queue: VecDeque<Msg> = VecDeque::new();
    // The start's effects (listing the sessions, creating the session to
    // practise) run once the first frame is drawn, before any input.
    let start = app.start(start);

    enter_terminal().context("setting up the terminal")?;
    let _guard = TerminalGuard;
    let mut term =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("opening the terminal")?;
    // The app ignores input while the terminal is too small to show it.
    if let Ok((w, h)) = terminal::size() {
        queue.push_front(Msg::Resize(w, h));
    }
    let result = event_loop(
        &mut term,
        &mut app,
        &mut effects,
        &mut queue,
        AfterFirstFrame {
            effects: start,
            whole,
            signals,
        },
        &snapshot,
        started,
    );
    if result.is_err() {
        let saved = save_snapshot(&snapshot, &sessions.path);
        effects.set_lock(None);
        restore_terminal();
        report_emergency_save("stopped on an error", saved);
    }
    result
}

/// What waits for the first frame: the thread acting on signals, the
/// start's effects, and the whole content pack when the frame is drawn
/// from its sketch.
struct AfterFirstFrame {
    effects: Vec<Effect>,
    whole: Option<fn() -> Content>,
    signals: SignalWatch,
}

fn event_loop(
    term: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    effects: &mut Effects,
    queue: &mut VecDeque<Msg>,
    after_first_frame: AfterFirstFrame,
    snapshot: &Snapshot,
    started: Instant,
) -> anyhow::Result<()> {
    let mut start = Some(after_first_frame);
    let mut first_frame = None;
    let mut dirty = true;
    // Fault injection for the end-to-end tests of terminal hygiene:
    // MLSD_COACH_FAULT=panic|error fails on the F12 key.
    let fault = std::env::var("MLSD_COACH_FAULT").ok();
    loop {
        while let Some(msg) = queue.pop_front() {
            if let (Some(f), Msg::Key(k)) = (fault.as_deref(), &msg)
                && k.code == crossterm::event::KeyCode::F(12)
            {
                match f {
                    "panic" => panic!("injected fault (MLSD_COACH_FAULT=panic)"),
                    "error" => anyhow::bail!("injected fault (MLSD_COACH_FAULT=error)"),
                    _ => {}
                }
            }
            dirty = true;
            // The results of IO come before any further input: a save's
            // result reaches the app before the next key does.
            let results: Vec<Msg> = update(app, msg)
                .into_iter()
                .filter_map(|e| effects.run(e))
                .collect();
            for m in results.into_iter().rev() {
                queue.push_front(m);
            }
        }
        if app.quitting {
            break;
        }
        if dirty {
            // Snapshot before drawing: whatever is on screen is already in
            // the snapshot a signal or panic would save.
            let snap = app.snapshot();
            match snapshot.lock() {
                Ok(mut g) => *g = snap,
                Err(p) => *p.into_inner() = snap,
            }
            term.draw(|f| view::draw(f, app)).context("drawing")?;
            dirty = false;
            if first_frame.is_none() {
                first_frame = Some(started.elapsed());
            }
        }
        // After the first frame: the start's effects, their results
        // handled (and drawn) before any input is read; the whole content
        // pack, when the frame was drawn from its sketch, first of all.
        if let Some(AfterFirstFrame {
            effects: start,
            whole,
            signals,
        }) = start.take()
        {
            signals.start().context("watching for signals")?;
            for e in start {
                queue.extend(effects.run(e));
            }
            if let Some(whole) = whole {
                let content = Arc::new(whole());
                effects.content = content.clone();
                queue.push_front(Msg::ContentLoaded(content));
            }
            continue;
        }
        // While work runs in the background, wake up for its messages.
        let busy = effects
            .background
            .busy()
            .then_some(Duration::from_millis(10));
        let wait = app
            .deadline()
            .map(|d| (d - Utc::now()).to_std().unwrap_or(Duration::ZERO));
        let ready = match (wait, busy) {
            (Some(w), Some(b)) => event::poll(w.min(b)).context("waiting for input")?,
            (Some(w), None) | (None, Some(w)) => event::poll(w).context("waiting for input")?,
            (None, None) => true,
        };
        let done = effects.background.drain();
        if !done.is_empty() {
            dirty = true;
        }
        queue.extend(done);
        queue.push_back(Msg::Tick(Utc::now()));
        if ready {
            queue.extend(to_msg(event::read().context("reading input")?));
            while event::poll(Duration::ZERO).context("reading input")? {
                queue.extend(to_msg(event::read().context("reading input")?));
            }
        }
    }
    effects.set_lock(None);
    if std::env::var_os("MLSD_COACH_TIMING").is_some()
        && let Some(t) = first_frame
    {
        restore_terminal();
        eprintln!("first frame after {:.1} ms", t.as_secs_f64() * 1000.0);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::export_to;

    #[test]
    fn an_export_never_overwrites_and_names_its_full_path() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("report.md");
        assert_eq!(export_to(&path, b"one").unwrap(), path);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        let err = export_to(&path, b"two").unwrap_err();
        assert!(err.contains("exists; not overwriting it"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        let err = export_to(tmp.path(), b"x").unwrap_err();
        assert!(err.contains("is a directory"), "{err}");
        let err = export_to(&tmp.path().join("no/such/dir/r.md"), b"x").unwrap_err();
        assert!(err.starts_with("writing "), "{err}");
    }
}
