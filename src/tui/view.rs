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
        Some(Overlay::Prompt { text, input, .. }) => draw_prompt(f, body, app, text, input),
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
        "Keys are ignored until it is larger (Ctrl-C saves and quits).".to_string(),
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
    // A status (a path written, an error) takes the room it needs, keys
    // giving way, but for the help key's (it lasts until the next key).
    let status_max = w.saturating_sub(10).max(w / 2);
    let status_w = status
        .map(|s| width(&s.text).min(status_max) + 1)
        .unwrap_or(0);
    let mut spans = Vec::new();
    let mut used = 0;
    for k in footer_keys(keys, w.saturating_sub(status_w)) {
        spans.push(Span::styled(format!(" {}", k.keys), t.key));
        spans.push(Span::raw(format!(" {} ", k.what)));
        used += key_width(k);
    }
    if let Some(s) = status {
        let text = truncate(&s.text, status_max);
        let pad = w.saturating_sub(used + width(&text) + 1);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(text, if s.error { t.error } else { t.warn }));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn key_width(k: &KeyHelp) -> usize {
    width(k.keys) + width(k.what) + 3
}

/// The keys that fit in `room` cells, in order. When some must go, the
/// last one (the help key) stays and those before it go first.
pub fn footer_keys(keys: &[KeyHelp], room: usize) -> Vec<&KeyHelp> {
    let total: usize = keys.iter().map(key_width).sum();
    if total <= room {
        return keys.iter().collect();
    }
    let Some((last, rest)) = keys.split_last() else {
        return Vec::new();
    };
    let mut left = room.saturating_sub(key_width(last));
    let mut out: Vec<&KeyHelp> = rest
        .iter()
        .take_while(|k| {
            let fits = key_width(k) <= left;
            if fits {
                left -= key_width(k);
            }
            fits
        })
        .collect();
    if key_width(last) <= room {
        out.push(last);
    }
    out
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
    // The one key legend (question texts carry none).
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

fn draw_prompt(f: &mut Frame, area: Rect, app: &App, text: &str, input: &str) {
    let t = &app.ctx.theme;
    let w = area.width.saturating_sub(4).min(90);
    let inner_w = w.saturating_sub(4).max(1) as usize;
    let mut lines: Vec<Line> = wrap(text, inner_w)
        .into_iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    // The end of a long path stays in view, with the cursor.
    let shown = crate::tui::text::clean_line(input);
    let room = inner_w.saturating_sub(1);
    let tail: String = {
        let mut out: Vec<&str> = Vec::new();
        let mut used = 0;
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(shown.as_ref(), true).rev() {
            used += width(g);
            if used > room {
                break;
            }
            out.push(g);
        }
        out.into_iter().rev().collect()
    };
    let cut = if tail.len() < shown.len() { "…" } else { "" };
    lines.push(Line::from(vec![
        Span::raw(format!(" {cut}")),
        Span::styled(format!("{tail}▏"), t.key),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(" Enter", t.key),
        Span::raw(" accept   "),
        Span::styled("Esc", t.key),
        Span::raw(" cancel   "),
        Span::styled("^U", t.key),
        Span::raw(" clear"),
    ]));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.focus)
                .title(" Export "),
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
