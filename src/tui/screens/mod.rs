//! One module per screen: its state, its `update` and its rendering.

pub mod home;
pub mod interview;
pub mod picker;
pub mod review;
pub mod scorecard;
pub mod setup;

use crate::tui::text::truncate;
use crate::tui::vocab::{Ctx, Effect, Screen};
use ratatui::layout::Rect;
use ratatui::text::Line;

/// A one-line title at the top of a screen.
pub fn title_line<'a>(ctx: &Ctx, text: &str, area: Rect) -> Line<'a> {
    Line::styled(
        truncate(&format!(" {text}"), area.width as usize),
        ctx.theme.title,
    )
}

/// Open the screen for a freshly opened session (by its mode).
pub fn open_session(
    ctx: &mut Ctx,
    session: crate::core::session::Session,
    read_only: bool,
) -> Vec<Effect> {
    use crate::core::session::Mode;
    match session.mode {
        Mode::Practice | Mode::Drill => {
            match interview::Interview::open(&ctx.content, session, read_only) {
                Ok(mut iv) => {
                    // Score what is already written (resumed sessions) at
                    // the first tick, for the coverage marks.
                    if !iv.session.answers.is_empty() {
                        iv.score_due = Some(ctx.now);
                    }
                    if read_only {
                        ctx.info("this session is open in another mlsd-coach: read-only");
                    }
                    ctx.goto(Screen::new(iv));
                    Vec::new()
                }
                Err(e) => {
                    ctx.error(e);
                    vec![Effect::CloseSession]
                }
            }
        }
        // Hook: the mock-interview screen opens its sessions here.
        Mode::Mock => crate::tui::mock::open_session(ctx, session, read_only),
    }
}
