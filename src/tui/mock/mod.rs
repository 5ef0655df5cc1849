//! The timed mock interview screen: the framing questions under a phase
//! clock, a client to question, curveballs and follow-ups to reply to, no
//! hints and no live criteria. At time-up the answers lock, the session is
//! saved complete and the scorecard opens with the pacing chart, the key
//! facts never asked for, the curveballs and the follow-ups.
//!
//! Nothing takes the keyboard: a curveball or a follow-up is announced (a
//! line above the question, the status line, the transcript) and waits in
//! the requirements panel until the user presses Ctrl-R to reply.
//!
//! The logic lives in `core::mock`; this module feeds it the runtime's
//! ticks and keys and records its events in the session. `input` handles
//! keys, `view`, `side` and `transcript` draw, `report` adds the mock's
//! rows to the scorecard.

mod input;
pub mod report;
mod side;
pub mod transcript;
pub mod view;

use crate::core::content::Content;
use crate::core::mock::{Interjection, MockInterview, PhasePlan};
use crate::core::review::score_session;
use crate::core::scoring::Scorecard;
use crate::core::session::{EventKind, Mode, Session, SessionStatus};
use crate::tui::brief::Brief;
use crate::tui::editor::Editor;
use crate::tui::screens::interview::{AUTOSAVE_AFTER, QuestionRef, resume_point};
use crate::tui::screens::scorecard::ScorecardView;
use crate::tui::screens::{home, picker};
use crate::tui::text::normalize_input;
use crate::tui::vocab::{AfterSave, Ctx, Effect, Screen, after_save};
use chrono::{DateTime, Utc};
use rand::Rng;
use std::cell::Cell;

pub use input::ASK_MAX;

/// Where typing goes. Only the user moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The answer to the current question.
    Editor,
    /// A clarifying question to the client.
    Ask,
    /// The reply to the oldest curveball or follow-up waiting.
    Reply,
}

pub struct MockScreen {
    pub session: Session,
    pub mock: MockInterview,
    pub questions: Vec<QuestionRef>,
    pub current: usize,
    pub editor: Editor,
    pub focus: Focus,
    pub ask_input: String,
    /// The reply being written to the oldest interjection waiting.
    pub reply: Editor,
    /// The answer key `reply` holds the text of.
    reply_key: Option<String>,
    pub brief: Brief,
    /// Lines scrolled in the requirements panel, and back from the newest
    /// in the transcript.
    pub side_scroll: usize,
    pub log_scroll: usize,
    /// Opened from a saved session: the pause box says how to continue.
    pub resumed: bool,
    pub read_only: bool,
    last_clock: Option<DateTime<Utc>>,
    carry_ms: u64,
    save_due: Option<DateTime<Utc>>,
    /// Where the side panel and the transcript were last drawn (for the
    /// mouse wheel).
    areas: Cell<view::Areas>,
}

fn new_editor(text: &str, placeholder: &str) -> Editor {
    let mut e = Editor::new(&normalize_input(text));
    e.placeholder = placeholder.to_string();
    e.jump_to_end();
    e
}

const ANSWER_PLACEHOLDER: &str = "Type your answer…";
const REPLY_PLACEHOLDER: &str = "Your reply…";

/// Start a mock interview: check the scenario and length, then ask the
/// runtime to create the session (it opens through [`open_session`]).
pub fn start(
    ctx: &mut Ctx,
    minutes: Option<u32>,
    scenario: Option<String>,
    seed: Option<u64>,
) -> Vec<Effect> {
    let scenario = match scenario {
        Some(id) if ctx.content.scenario(&id).is_none() => {
            ctx.error(format!(
                "no scenario '{id}' (see `mlsd-coach content list`)"
            ));
            return home::go(ctx);
        }
        Some(id) => id,
        None => match picker::random_scenario(ctx) {
            Some(id) => id,
            None => {
                ctx.error("the content pack has no scenarios");
                return home::go(ctx);
            }
        },
    };
    let plan = match PhasePlan::new(&ctx.content.mock, minutes) {
        Ok(p) => p,
        Err(e) => {
            ctx.error(e.to_string());
            return home::go(ctx);
        }
    };
    let seed = seed.unwrap_or_else(|| ctx.rng.random_range(0..1_000_000));
    let session = Session {
        minutes: Some(plan.minutes),
        seed: Some(seed),
        ..Session::new(&scenario, Mode::Mock, ctx.now, &ctx.content.version)
    };
    vec![Effect::CreateSession(Box::new(session))]
}

/// Open a mock session: a running interview, or the scorecard when it is
/// complete.
pub fn open_session(ctx: &mut Ctx, session: Session, read_only: bool) -> Vec<Effect> {
    let content = ctx.content.clone();
    if session.status == SessionStatus::Complete {
        return match scorecard_view(&content, session) {
            Ok(v) => {
                ctx.goto(Screen::new(v));
                vec![Effect::CloseSession]
            }
            Err(e) => {
                ctx.error(e);
                vec![Effect::CloseSession]
            }
        };
    }
    match MockScreen::open(&content, session, read_only) {
        Ok(m) => {
            if read_only {
                ctx.info("this session is open in another mlsd-coach: read-only");
            }
            let effects = if read_only {
                Vec::new()
            } else {
                vec![Effect::Save(Box::new(m.session.clone()))]
            };
            ctx.goto(Screen::new(m));
            effects
        }
        Err(e) => {
            ctx.error(e);
            vec![Effect::CloseSession]
        }
    }
}

/// Score a mock session (see [`score_session`]).
pub fn score(content: &Content, session: &Session) -> Scorecard {
    score_session(content, session)
}

/// The scorecard screen for a finished mock session, with the mock rows.
pub fn scorecard_view(content: &Content, session: Session) -> Result<ScorecardView, String> {
    if content.scenario(&session.scenario).is_none() {
        return Err(format!(
            "session {}: scenario '{}' is not in the content pack",
            session.id, session.scenario
        ));
    }
    let card = score(content, &session);
    let extra = report::rows(content, &session, &card);
    let mut view = ScorecardView::new(content, session, card);
    report::insert_rows(&mut view.rows, extra);
    Ok(view)
}

impl MockScreen {
    /// The screen for an opened mock session (new or in progress). A
    /// session resumed after any exit (a quit, a crash) starts paused.
    pub fn open(content: &Content, mut session: Session, read_only: bool) -> Result<Self, String> {
        let scenario = content.scenario(&session.scenario).ok_or_else(|| {
            format!(
                "session {}: scenario '{}' is not in the content pack",
                session.id, session.scenario
            )
        })?;
        let seed = session.seed.unwrap_or(0);
        let mut mock = MockInterview::new(&content.mock, scenario, session.minutes, seed)
            .map_err(|e| format!("session {}: {e}", session.id))?;
        let resumed = !session.events.is_empty();
        if resumed {
            mock.restore(&session);
            if !read_only {
                session.events.extend(mock.pause());
            }
        } else {
            session.events.extend(mock.start());
        }
        let questions: Vec<QuestionRef> = content
            .rubric
            .questions()
            .map(|(a, q)| QuestionRef {
                area: a.id.clone(),
                id: q.id.clone(),
            })
            .collect();
        let (current, text) = resume_point(&questions, &session)?;
        let mut screen = MockScreen {
            session,
            mock,
            questions,
            current,
            editor: new_editor(&text, ANSWER_PLACEHOLDER),
            focus: Focus::Editor,
            ask_input: String::new(),
            reply: new_editor("", REPLY_PLACEHOLDER),
            reply_key: None,
            brief: Brief::default(),
            side_scroll: 0,
            log_scroll: 0,
            resumed,
            read_only,
            last_clock: None,
            carry_ms: 0,
            save_due: None,
            areas: Cell::new(view::Areas::default()),
        };
        if let Some((r, c)) = screen.session.cursor {
            screen.editor.jump(r, c);
        }
        screen.load_reply();
        // The opening question decides the phase.
        let area = screen.questions[current].area.clone();
        let evs = screen.mock.enter_area(&area);
        screen.session.events.extend(evs);
        screen.session.current_question = Some(screen.current_id().to_string());
        Ok(screen)
    }

    pub fn current_id(&self) -> &str {
        &self.questions[self.current].id
    }

    pub fn is_locked(&self) -> bool {
        self.mock.is_locked()
    }

    /// The interjection the reply editor answers (the oldest waiting).
    pub fn replying_to(&self) -> Option<&Interjection> {
        self.mock.pending()
    }

    /// Keep the reply editor on the oldest interjection waiting: when that
    /// changed, the draft goes into the session and the new one's draft
    /// (if any) comes back.
    fn load_reply(&mut self) {
        let want = self.mock.pending().map(Interjection::answer_key);
        if want == self.reply_key {
            return;
        }
        self.store_reply();
        let text = want
            .as_deref()
            .and_then(|k| self.session.answer(k))
            .map(|a| a.text.clone())
            .unwrap_or_default();
        self.reply = new_editor(&text, REPLY_PLACEHOLDER);
        self.reply_key = want;
        if self.reply_key.is_none() && self.focus == Focus::Reply {
            self.focus = Focus::Editor;
        }
    }

    /// Write the reply editor into the session.
    fn store_reply(&mut self) {
        let Some(k) = self.reply_key.clone() else {
            return;
        };
        let text = self.reply.text();
        if self.session.answer(&k).is_some() || !text.is_empty() {
            self.session.answer_mut(&k).text = text;
        }
    }

    /// The editors' text, the question, the clock and the cursor, written
    /// into `s`.
    fn write_into(&self, s: &mut Session) {
        let id = self.current_id().to_string();
        let text = self.editor.text();
        if s.answer(&id).is_some() || !text.is_empty() {
            s.answer_mut(&id).text = text;
        }
        if let Some(k) = &self.reply_key {
            let text = self.reply.text();
            if s.answer(k).is_some() || !text.is_empty() {
                s.answer_mut(k).text = text;
            }
        }
        s.current_question = Some(id);
        s.elapsed_seconds = self.mock.clock().elapsed_secs();
        s.cursor = Some(self.editor.cursor());
    }

    /// Write the editors into the session.
    pub fn sync(&mut self) {
        self.session = self.synced();
    }

    fn synced(&self) -> Session {
        let mut s = self.session.clone();
        self.write_into(&mut s);
        s
    }

    fn save(&mut self) -> Vec<Effect> {
        if self.read_only {
            return Vec::new();
        }
        self.sync();
        self.save_due = None;
        vec![Effect::Save(Box::new(self.session.clone()))]
    }

    fn save_soon(&mut self, now: DateTime<Utc>) {
        if self.save_due.is_none() {
            self.save_due = Some(now + AUTOSAVE_AFTER);
        }
    }

    /// Record events and announce the curveballs and follow-ups among them
    /// (status line; the transcript and the panel show them too).
    fn record(&mut self, ctx: &mut Ctx, evs: Vec<crate::core::session::Event>) {
        let announce = evs.iter().rev().find_map(|e| match e.kind {
            EventKind::Curveball { .. } => Some("the client interjects: Ctrl-R to reply"),
            EventKind::Probe { .. } => Some("the interviewer follows up: Ctrl-R to reply"),
            _ => None,
        });
        self.session.events.extend(evs);
        if let Some(text) = announce {
            ctx.info(text);
            self.log_scroll = 0;
        }
        self.load_reply();
    }

    /// Let the clock run to `now`; returns effects (time-up finishes).
    fn clock(&mut self, ctx: &mut Ctx, now: DateTime<Utc>) -> Vec<Effect> {
        let dt = match self.last_clock {
            Some(last) => (now - last).num_milliseconds().max(0) as u64,
            None => 0,
        };
        if self.last_clock.is_none_or(|l| now > l) {
            self.last_clock = Some(now);
        }
        if self.read_only || dt == 0 || self.mock.clock().is_paused() {
            return Vec::new();
        }
        // A reply being written when the time runs out is kept.
        self.store_reply();
        let evs = self.mock.tick(std::time::Duration::from_millis(dt));
        self.carry_ms += dt;
        if self.carry_ms >= 1000 {
            let secs = self.carry_ms / 1000;
            self.carry_ms %= 1000;
            let id = self.current_id().to_string();
            self.session.answer_mut(&id).seconds += secs;
        }
        self.session.elapsed_seconds = self.mock.clock().elapsed_secs();
        let time_up = evs.iter().any(|e| e.kind == EventKind::TimeUp);
        let announced = evs
            .iter()
            .any(|e| matches!(e.kind, EventKind::Curveball { .. }));
        self.record(ctx, evs);
        if time_up {
            ctx.info("time is up: answers are locked");
            return self.finish(ctx);
        }
        if announced {
            return self.save();
        }
        Vec::new()
    }

    /// Lock the answers, save the session complete and open the scorecard.
    /// Interjections still waiting are scored as unanswered.
    pub fn finish(&mut self, ctx: &mut Ctx) -> Vec<Effect> {
        self.sync();
        self.session.status = SessionStatus::Complete;
        self.session.ended_at = Some(ctx.now);
        let session = self.session.clone();
        let content = ctx.content.clone();
        match scorecard_view(&content, session.clone()) {
            // The self-assessment step comes first, as after practice.
            Ok(v) => ctx.goto(crate::tui::screens::review::predict::Predict::before(v)),
            Err(e) => {
                ctx.error(e);
                ctx.goto(Screen::new(home::Home::default()));
            }
        }
        vec![
            Effect::Save(Box::new(session)),
            Effect::CloseSession,
            Effect::ListSessions,
        ]
    }

    /// Pause (recorded) unless paused already, then save and leave or quit
    /// once saved (see [`after_save`]): the interview resumes paused.
    /// A session left with nothing written is removed instead (see
    /// `interview::drop_blank`).
    fn pause_and(&mut self, ctx: &mut Ctx, then: AfterSave) -> Vec<Effect> {
        let text = self.editor.text() + &self.reply.text();
        let blank = crate::tui::screens::interview::drop_blank(
            &mut self.session,
            self.read_only,
            ctx,
            || text,
        );
        if let Some(mut effects) = blank {
            if matches!(then, AfterSave::Quit) {
                effects.retain(|e| *e != Effect::ListSessions);
            }
            return effects;
        }
        if !self.read_only && !self.mock.clock().is_paused() {
            let evs = self.mock.pause();
            self.session.events.extend(evs);
        }
        let save = self.save();
        after_save(ctx, then, save)
    }
}
