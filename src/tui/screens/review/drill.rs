//! Drill: a short session (mode `Drill`) of the questions behind the
//! criteria the drill schedule says are due, scored and saved like any
//! session.

use super::ReviewData;
use crate::core::review::drill_plan;
use crate::core::session::{Mode, Session};
use crate::tui::vocab::{Ctx, Effect};

/// Questions in one drill.
pub const DRILL_QUESTIONS: usize = 3;

/// The drill session for this history, or why there is none.
pub fn drill_session(ctx: &Ctx, d: &ReviewData) -> Result<Session, String> {
    let questions = drill_plan(&d.sessions, &ctx.content.rubric, ctx.now, DRILL_QUESTIONS);
    if questions.is_empty() {
        return Err("nothing to drill yet: finish a practice session first".to_string());
    }
    // The scenario of the latest complete attempt (sessions are newest first).
    let scenario = d
        .sessions
        .iter()
        .filter(|s| s.is_complete())
        .map(|s| s.session.scenario.as_str())
        .find(|id| ctx.content.scenario(id).is_some())
        .or_else(|| ctx.content.scenarios.first().map(|s| s.id.as_str()))
        .ok_or("the content pack has no scenarios")?
        .to_string();
    Ok(Session {
        current_question: questions.first().cloned(),
        questions,
        ..Session::new(&scenario, Mode::Drill, ctx.now, &ctx.content.version)
    })
}

/// Ask the runtime to create the drill session (it opens in the interview).
pub fn start(ctx: &mut Ctx, d: &ReviewData) -> Vec<Effect> {
    match drill_session(ctx, d) {
        Ok(s) => {
            ctx.info(format!("drill: {}", s.questions.join(", ")));
            vec![Effect::CreateSession(Box::new(s))]
        }
        Err(e) => {
            ctx.error(e);
            Vec::new()
        }
    }
}
