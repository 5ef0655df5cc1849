//! The conversation so far, as the transcript under the answer shows it:
//! questions to the client and the replies, curveballs and follow-ups with
//! the candidate's replies, and a line for each one still waiting. Every
//! reply is shown in full, wrapped; the pane scrolls.

use crate::core::mock::{curveball_answer_key, probe_answer_key};
use crate::core::session::{EventKind, Session};
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::collections::HashSet;

/// Who says a line of the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    You,
    Client,
    /// A curveball: the client interjects.
    Interjection,
    /// The interviewer's follow-up.
    Interviewer,
    /// Something waiting, or time-up.
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub who: Who,
    pub text: String,
}

fn entry(who: Who, text: impl Into<String>) -> Entry {
    Entry {
        who,
        text: text.into(),
    }
}

/// The reply saved under `key`, or a note that one is waiting (`waiting`
/// holds the answer keys of the interjections not replied to yet).
fn reply(session: &Session, key: &str, waiting: &[String]) -> Entry {
    let text = session
        .answer(key)
        .map(|a| a.text.trim())
        .filter(|t| !t.is_empty());
    match text {
        Some(t) if !waiting.iter().any(|w| w == key) => entry(Who::You, t),
        Some(_) => entry(Who::Note, "waiting for your reply (draft kept) · Ctrl-R"),
        None => entry(Who::Note, "waiting for your reply · Ctrl-R"),
    }
}

/// The transcript of a session, oldest first.
pub fn entries(session: &Session, waiting: &[String]) -> Vec<Entry> {
    let mut seen_facts: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for ev in &session.events {
        match &ev.kind {
            EventKind::Asked {
                question,
                fact,
                reply,
            } => {
                out.push(entry(Who::You, question.trim()));
                let noted = fact.as_deref().is_some_and(|f| seen_facts.insert(f));
                let tag = if noted { " (noted)" } else { "" };
                out.push(entry(Who::Client, format!("{}{tag}", reply.trim())));
            }
            EventKind::Curveball { id, text } => {
                out.push(entry(Who::Interjection, format!("“{}”", text.trim())));
                out.push(reply(session, &curveball_answer_key(id), waiting));
            }
            EventKind::Probe { target, text } => {
                out.push(entry(Who::Interviewer, format!("“{}”", text.trim())));
                out.push(reply(session, &probe_answer_key(target), waiting));
            }
            EventKind::TimeUp => out.push(entry(Who::Note, "time is up")),
            _ => {}
        }
    }
    out
}

fn label(who: Who) -> &'static str {
    match who {
        Who::You => "You: ",
        Who::Client => "Client: ",
        Who::Interjection => "Client interjects: ",
        Who::Interviewer => "Interviewer follows up: ",
        Who::Note => "",
    }
}

fn style(t: &Theme, who: Who) -> Style {
    match who {
        Who::You => t.dim,
        Who::Client => Style::default(),
        Who::Interjection | Who::Interviewer => t.warn,
        Who::Note => t.warn,
    }
}

/// The entries wrapped to `width` columns: each starts with who says it;
/// wrapped lines start at the margin, never with a space.
pub fn lines(entries: &[Entry], width: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for e in entries {
        let who = label(e.who);
        let text = format!("{who}{}", e.text);
        for (i, l) in wrap(&text, width.max(1)).into_iter().enumerate() {
            if i == 0 && !who.is_empty() && l.starts_with(who.trim_end()) {
                let rest = l[who.trim_end().len()..].to_string();
                out.push(Line::from(vec![
                    Span::styled(who.trim_end().to_string(), t.title),
                    Span::styled(rest, style(t, e.who)),
                ]));
            } else {
                out.push(Line::styled(l, style(t, e.who)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::session::{Event, Mode};

    fn ev(kind: EventKind) -> Event {
        Event { at: 1, kind }
    }

    #[test]
    fn questions_interjections_and_replies_in_order() {
        let mut s = Session::new("fraud", Mode::Mock, chrono::DateTime::UNIX_EPOCH, "v");
        s.events = vec![
            ev(EventKind::Asked {
                question: "How many?".into(),
                fact: Some("volume".into()),
                reply: "Two million.".into(),
            }),
            ev(EventKind::Asked {
                question: "Volume again?".into(),
                fact: Some("volume".into()),
                reply: "Two million.".into(),
            }),
            ev(EventKind::Curveball {
                id: "cut".into(),
                text: "50 ms now.".into(),
            }),
            ev(EventKind::Probe {
                target: "labels".into(),
                text: "How late?".into(),
            }),
        ];
        s.answer_mut("curveball:cut").text = "A smaller model.".into();
        s.answer_mut("probe:labels").text = "half".into();
        let e = entries(&s, &["probe:labels".to_string()]);
        let texts: Vec<(Who, &str)> = e.iter().map(|e| (e.who, e.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (Who::You, "How many?"),
                (Who::Client, "Two million. (noted)"),
                (Who::You, "Volume again?"),
                (Who::Client, "Two million."),
                (Who::Interjection, "“50 ms now.”"),
                (Who::You, "A smaller model."),
                (Who::Interviewer, "“How late?”"),
                (Who::Note, "waiting for your reply (draft kept) · Ctrl-R"),
            ]
        );
    }

    #[test]
    fn long_replies_wrap_in_full_without_leading_spaces() {
        let long = "word ".repeat(40);
        let e = vec![entry(Who::Client, long.trim())];
        let l = lines(&e, 30, &Theme::plain());
        let text: Vec<String> = l.iter().map(|l| l.to_string()).collect();
        assert_eq!(text.join(" ").matches("word").count(), 40);
        assert!(
            text.iter()
                .all(|l| !l.starts_with(' ') && l.chars().count() <= 30),
            "{text:?}"
        );
    }
}
