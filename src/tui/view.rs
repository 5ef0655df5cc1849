//! Drawing the whole frame from `&App`: the screen, the footer with its
//! keys and the status line, overlays, and the "too small" notice.

use crate::tui::app::App;
use crate::tui::layout::centered;
use crate::tui::save_failed::SaveFailed;
use crate::tui::text::{truncate, width, wrap};
use crate::tui::vocab::{KeyHelp, Overlay, Status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Below this size the screens are replaced by a notice.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 14;

pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area);
        return;
    }
    let [body, footer] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let view = app.screen.view();
    view.render(f, body, &app.ctx);
    draw_footer(f, footer, app, &view.keys());
    match app.overlay() {
        Some(Overlay::Help) => draw_help(f, body, app, &view.help()),
        Some(Overlay::Confirm { text, .. }) => draw_confirm(f, body, app, text),
        Some(Overlay::SaveFailed(d)) => draw_save_failed(f, body, app, d),
        None => {}
    }
}

fn too_small(f: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let lines: Vec<Line> = [
        "Terminal too small".to_string(),
        format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        ),
    ]
    .iter()
    .take(area.height as usize)
    .map(|s| Line::raw(truncate(s, w)))
    .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn draw_footer(f: &mut Frame, area: Rect, app: &App, keys: &[KeyHelp]) {
    let t = &app.ctx.theme;
    let w = area.width as usize;
    // A failed save stays in view until a save succeeds.
    let unsaved = app.ctx.save_failure.as_ref().map(|e| Status {
        text: format!("NOT SAVED: {e}"),
        error: true,
    });
    let status = unsaved.as_ref().or(app.ctx.status.as_ref());
    let status_w = status.map(|s| width(&s.text).min(w / 2) + 1).unwrap_or(0);
    let mut spans = Vec::new();
    let mut used = 0;
    for k in keys {
        let piece = width(k.keys) + width(k.what) + 3;
        if used + piece > w.saturating_sub(status_w) {
            break;
        }
        spans.push(Span::styled(format!(" {}", k.keys), t.key));
        spans.push(Span::raw(format!(" {} ", k.what)));
        used += piece;
    }
    if let Some(s) = status {
        let text = truncate(&s.text, w / 2);
        let pad = w.saturating_sub(used + width(&text) + 1);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(text, if s.error { t.error } else { t.warn }));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_help(f: &mut Frame, area: Rect, app: &App, keys: &[KeyHelp]) {
    let t = &app.ctx.theme;
    let kw = keys
        .iter()
        .map(|k| width(k.keys))
        .max()
        .unwrap_or(0)
        .min(24);
    let w = area.width.saturating_sub(4).min(76);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    for k in keys {
        let desc_w = inner_w.saturating_sub(kw + 3).max(1);
        for (i, d) in wrap(k.what, desc_w).into_iter().enumerate() {
            let keys = if i == 0 {
                truncate(k.keys, kw)
            } else {
                String::new()
            };
            let pad = kw.saturating_sub(width(&keys));
            lines.push(Line::from(vec![
                Span::styled(format!(" {keys}{}", " ".repeat(pad)), t.key),
                Span::raw(format!("  {d}")),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " F1 or ? opens this help · Ctrl-C saves and quits",
        t.dim,
    ));
    // Keep the closing line visible when the terminal is short.
    let room = area.height.saturating_sub(3) as usize;
    if lines.len() > room {
        lines.truncate(room.saturating_sub(1));
        lines.push(Line::styled(" … (a taller terminal shows all keys)", t.dim));
    }
    lines.push(Line::styled(" Press any key to close", t.dim));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus)
                .title(" Keys "),
        ),
        r,
    );
}

fn draw_confirm(f: &mut Frame, area: Rect, app: &App, text: &str) {
    let t = &app.ctx.theme;
    let w = area.width.saturating_sub(4).min(60);
    let inner_w = w.saturating_sub(4).max(1) as usize;
    let mut lines: Vec<Line> = wrap(text, inner_w)
        .into_iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" y/Enter", t.key),
        Span::raw(" yes   "),
        Span::styled("n/Esc", t.key),
        Span::raw(" no"),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.warn)
                .title(" Confirm "),
        ),
        r,
    );
}

fn draw_save_failed(f: &mut Frame, area: Rect, app: &App, d: &SaveFailed) {
    let t = &app.ctx.theme;
    let w = area.width.saturating_sub(4).min(72);
    let lines = d.lines(t, w.saturating_sub(3).max(1) as usize);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.error)
                .title(" Not saved "),
        ),
        r,
    );
}
