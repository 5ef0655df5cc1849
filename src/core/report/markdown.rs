//! Markdown export of a session with its scorecard: a report a user could
//! send to a mentor (prompt, answers per question, scorecard with evidence
//! and gaps, then everything else the scorecard screen shows — time per
//! question, pacing, key facts, the exemplar: see [`super::sections`] —
//! clarifying questions and curveballs).

use crate::core::content::Content;
use crate::core::scoring::{Scorecard, Status};
use crate::core::session::{Answer, EventKind, Session};
use crate::core::time::format_mss;
use std::fmt::Write;

/// A heading-safe title for a question id: `Area — prompt`, the curveball
/// text, or the id itself.
pub fn question_title(content: &Content, session: &Session, question: &str) -> String {
    if let Some((area, q)) = content.rubric.question(question) {
        return format!("{} — {}", area.title, q.prompt);
    }
    if let Some(id) = question.strip_prefix("curveball:") {
        let text = session
            .events
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::Curveball { id: cid, text } if cid == id => Some(text.clone()),
                _ => None,
            })
            .or_else(|| {
                content
                    .scenario(&session.scenario)
                    .and_then(|s| s.curveballs.iter().find(|c| c.id == id))
                    .map(|c| c.text.clone())
            });
        return match text {
            Some(t) => format!("Curveball — {}", one_line(&t)),
            None => format!("Curveball `{id}`"),
        };
    }
    if let Some(target) = question.strip_prefix("probe:") {
        let text = session.events.iter().find_map(|e| match &e.kind {
            EventKind::Probe { target: t, text } if t == target => Some(text.clone()),
            _ => None,
        });
        return match text {
            Some(t) => format!("Follow-up — {}", one_line(&t)),
            None => format!("Follow-up `{target}`"),
        };
    }
    format!("`{question}`")
}

/// The answers in interview order (rubric questions first, in rubric
/// order; then curveball responses and unknown questions as written).
pub fn ordered_answers<'a>(content: &Content, session: &'a Session) -> Vec<&'a Answer> {
    let rank = |q: &str| {
        content
            .rubric
            .questions()
            .position(|(_, x)| x.id == q)
            .unwrap_or(usize::MAX)
    };
    let mut v: Vec<(usize, usize, &Answer)> = session
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| (rank(&a.question), i, a))
        .collect();
    v.sort_by_key(|&(r, i, _)| (r, i));
    v.into_iter().map(|(_, _, a)| a).collect()
}

pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Quote text as a Markdown block quote, so the user's own `#`, `-` or
/// `|` cannot turn into structure.
pub(crate) fn block_quote(out: &mut String, text: &str) {
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {line}");
        }
    }
}

/// Escape characters that would break a table cell or inline emphasis.
pub(crate) fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(c, '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The session's facts as a list: id, scenario, mode, times, status.
pub(crate) fn meta(o: &mut String, title: &str, session: &Session) {
    let _ = writeln!(o, "- Session: `{}`", session.id);
    let _ = writeln!(o, "- Scenario: {} (`{}`)", inline(title), session.scenario);
    let mut mode = session.mode.as_str().to_string();
    if let Some(m) = session.minutes {
        let _ = write!(mode, ", {m} min");
    }
    if let Some(s) = session.seed {
        let _ = write!(mode, ", seed {s}");
    }
    let _ = writeln!(o, "- Mode: {mode}");
    let _ = writeln!(
        o,
        "- Started: {}",
        session.started_at.format("%Y-%m-%d %H:%M UTC")
    );
    if let Some(end) = session.ended_at {
        let _ = writeln!(o, "- Ended: {}", end.format("%Y-%m-%d %H:%M UTC"));
    }
    let _ = writeln!(
        o,
        "- Time on the clock: {}",
        format_mss(session.elapsed_seconds)
    );
    let _ = writeln!(o, "- Status: {}", session.status.as_str().replace('_', " "));
}

/// `## Answers`: each answer with text, in interview order, with its
/// question, time and hints.
pub(crate) fn answers(o: &mut String, content: &Content, session: &Session) {
    o.push_str("\n## Answers\n");
    let answers = ordered_answers(content, session);
    if answers.iter().all(|a| a.text.trim().is_empty()) {
        o.push_str("\nNo answers written.\n");
    }
    for a in answers.into_iter().filter(|a| !a.text.trim().is_empty()) {
        let _ = writeln!(
            o,
            "\n### {}\n",
            question_title(content, session, &a.question)
        );
        let mut meta = format!("`{}` · {}", a.question, format_mss(a.seconds));
        if a.hints > 0 {
            let _ = write!(
                meta,
                " · {} hint{}",
                a.hints,
                if a.hints == 1 { "" } else { "s" }
            );
        }
        let _ = writeln!(o, "_{meta}_\n");
        block_quote(o, &a.text);
    }
}

/// The full Markdown report. `card` is `None` when the session could not be
/// scored (no answers).
pub fn session_report(content: &Content, session: &Session, card: Option<&Scorecard>) -> String {
    let mut o = String::new();
    let scenario = content.scenario(&session.scenario);
    let title = scenario.map_or(session.scenario.as_str(), |s| s.title.as_str());
    let _ = writeln!(
        o,
        "# {} — {} session\n",
        inline(title),
        session.mode.as_str()
    );

    meta(&mut o, title, session);
    if let Some(card) = card {
        let _ = write!(o, "- Overall score: **{:.0}/100**", card.overall);
        if !card.band.label.is_empty() {
            let _ = write!(o, " — {}", card.band.label);
        }
        if let Some(p) = session.predicted_score {
            let _ = write!(o, " (predicted {p})");
        }
        o.push('\n');
        if !card.band.meaning.is_empty() {
            let _ = writeln!(o, "- {}", one_line(&card.band.meaning));
        }
        if let Some(k) = card.key_point_score {
            let _ = writeln!(o, "- Key points for this prompt: {k:.0}%");
        }
        if card.penalty > 0.0 {
            let _ = writeln!(o, "- Red flags: −{:.0} points", card.penalty);
        }
    }
    if session.content_version != content.version {
        let _ = writeln!(
            o,
            "- Scored with content `{}` (the session was written against `{}`)",
            content.version, session.content_version
        );
    }

    if let Some(s) = scenario {
        o.push_str("\n## Prompt\n\n");
        block_quote(&mut o, &s.prompt);
        if !s.context.trim().is_empty() {
            o.push_str("\n**Context.** ");
            o.push_str(&one_line(&s.context));
            o.push('\n');
        }
    }

    if let Some(card) = card {
        o.push_str("\n## Scorecard\n\n");
        o.push_str("| Area | Score | Covered | Partial | Missing |\n");
        o.push_str("| --- | ---: | ---: | ---: | ---: |\n");
        for a in &card.areas {
            let _ = writeln!(
                o,
                "| {} | {:.0} | {} | {} | {} |",
                inline(&a.title),
                a.score,
                a.covered,
                a.partial,
                a.missing
            );
        }
        for n in &card.notices {
            let _ = writeln!(o, "\n> Note: {}", one_line(n));
        }
        if !card.flags.is_empty() {
            o.push_str("\n### What an interviewer would challenge\n\n");
            for f in &card.flags {
                let _ = writeln!(
                    o,
                    "- **{}** — “{}” ({}, line {})",
                    inline(&f.label),
                    inline(&f.quote),
                    f.question,
                    f.line
                );
                let _ = writeln!(o, "  - Why: {}", one_line(&f.why));
                let _ = writeln!(o, "  - Instead: {}", one_line(&f.instead));
            }
        }
        if !card.key_points.is_empty() {
            o.push_str("\n### Key points for this prompt\n\n");
            for c in &card.key_points {
                let _ = writeln!(o, "- **{}** ({})", inline(&c.label), c.status.as_str());
                for e in &c.evidence {
                    let _ = writeln!(
                        o,
                        "  - “{}” ({}, line {})",
                        inline(&e.quote),
                        e.question,
                        e.line
                    );
                }
            }
        }
        let earned: Vec<_> = card
            .criteria
            .iter()
            .filter(|c| c.status != Status::Missing)
            .collect();
        if !earned.is_empty() {
            o.push_str("\n### Points earned\n\n");
            for c in earned {
                let _ = write!(o, "- **{}** ({})", inline(&c.label), c.status.as_str());
                if c.status == Status::Partial && !c.missing_concepts.is_empty() {
                    let _ = write!(o, " — still missing: {}", c.missing_concepts.join(", "));
                }
                o.push('\n');
                for e in &c.evidence {
                    let _ = writeln!(
                        o,
                        "  - “{}” ({}, line {})",
                        inline(&e.quote),
                        e.question,
                        e.line
                    );
                }
            }
        }
        if !card.gaps.is_empty() {
            o.push_str("\n### Gaps, most valuable first\n\n");
            for (i, g) in card.gaps.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "{}. **{}** ({}, +{:.1} points) — {}",
                    i + 1,
                    inline(&g.label),
                    g.status.as_str(),
                    g.worth,
                    one_line(&g.why)
                );
                if let Some(e) = &g.emphasis {
                    let _ = writeln!(o, "   - Here: {}", one_line(e));
                }
                let _ = writeln!(o, "   - Hint: {}", one_line(&g.hint));
                if let Some(e) = &g.example {
                    let _ = writeln!(o, "   - For example: “{}”", one_line(e));
                }
                if !g.source.is_empty() {
                    let _ = writeln!(o, "   - Source: {}", one_line(&g.source));
                }
            }
        }
    }

    answers(&mut o, content, session);

    let report = super::sections::Report {
        content,
        session,
        card,
    };
    for section in super::sections::SCORECARD_SECTIONS {
        section(&mut o, &report);
    }

    let asked: Vec<_> = session
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Asked {
                question,
                fact,
                reply,
            } => Some((e.at, question, fact, reply)),
            _ => None,
        })
        .collect();
    if !asked.is_empty() {
        o.push_str("\n## Clarifying questions\n\n");
        for (at, q, fact, reply) in asked {
            let _ = write!(
                o,
                "- [{}] **{}** — {}",
                format_mss(at),
                inline(q),
                inline(reply)
            );
            if let Some(f) = fact {
                let _ = write!(o, " (fact `{f}`)");
            }
            o.push('\n');
        }
    }
    let curveballs: Vec<_> = session
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Curveball { id, text } => Some((e.at, id, text)),
            _ => None,
        })
        .collect();
    if !curveballs.is_empty() {
        o.push_str("\n## Curveballs\n\n");
        for (at, id, text) in curveballs {
            let responded = session
                .answer(&format!("curveball:{id}"))
                .is_some_and(|a| !a.text.trim().is_empty());
            let _ = writeln!(
                o,
                "- [{}] {} ({})",
                format_mss(at),
                inline(text),
                if responded {
                    "answered above"
                } else {
                    "no response"
                }
            );
        }
    }

    let timeline: Vec<String> = session
        .events
        .iter()
        .filter_map(|e| {
            let what = match &e.kind {
                EventKind::Phase { id } => content
                    .mock
                    .phases
                    .iter()
                    .find(|p| &p.id == id)
                    .map_or(format!("phase `{id}`"), |p| format!("phase: {}", p.title)),
                EventKind::Paused => "paused".into(),
                EventKind::Resumed => "resumed".into(),
                EventKind::Hint { question } => format!("hint for `{question}`"),
                EventKind::TimeUp => "time up".into(),
                EventKind::Asked { .. } | EventKind::Curveball { .. } | EventKind::Probe { .. } => {
                    return None;
                }
            };
            Some(format!("- [{}] {what}", format_mss(e.at)))
        })
        .collect();
    if !timeline.is_empty() {
        o.push_str("\n## Timeline\n\n");
        for t in timeline {
            o.push_str(&t);
            o.push('\n');
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::content::{
        Area, Curveball, CurveballKind, MockProfile, Phase, Question, Rubric, Scenario,
    };
    use crate::core::scoring::{AreaScore, CriterionResult, EvidenceHit, Gap};
    use crate::core::session::{Event, Mode, SCHEMA_VERSION, SessionStatus};

    fn content() -> Content {
        let q = |id: &str, prompt: &str| Question {
            id: id.into(),
            prompt: prompt.into(),
            why: String::new(),
            hint: String::new(),
            criteria: vec![],
        };
        Content {
            rubric: Rubric {
                version: "t".into(),
                areas: vec![Area {
                    id: "framing".into(),
                    title: "Problem framing".into(),
                    weight: 1.0,
                    section: "1".into(),
                    summary: String::new(),
                    questions: vec![
                        q("pain-point", "What is the current pain point?"),
                        q("goals", "What do you want to achieve?"),
                    ],
                }],
                criteria: vec![],
                ..Default::default()
            },
            scenarios: vec![Scenario {
                id: "fraud-detection".into(),
                title: "Fraud detection".into(),
                domain: "fintech".into(),
                prompt: "Design fraud detection for a payments company.".into(),
                context: "Card payments,\n2M a day.".into(),
                facts: vec![],
                curveballs: vec![Curveball {
                    id: "labels-late".into(),
                    kind: CurveballKind::Requirement,
                    text: "Labels now arrive 30 days late.".into(),
                    phase: None,
                    expects: vec![],
                }],
                emphasis: vec![],
                criteria: vec![],
                exemplar: String::new(),
                ..Default::default()
            }],
            mock: MockProfile {
                minutes: 45,
                phases: vec![Phase {
                    id: "framing".into(),
                    title: "Framing".into(),
                    minutes: 8.0,
                    areas: vec!["framing".into()],
                }],
                client_speak: vec![],
                fallback_answers: vec![],
            },
            version: "cv1".into(),
            origin: "embedded".into(),
        }
    }

    fn session() -> Session {
        let mut s = Session {
            schema_version: SCHEMA_VERSION,
            id: "2026-11-20T09-15-00_fraud-detection_ok01".into(),
            scenario: "fraud-detection".into(),
            mode: Mode::Mock,
            started_at: "2026-11-20T09:15:00Z".parse().unwrap(),
            ended_at: Some("2026-11-20T09:55:00Z".parse().unwrap()),
            status: SessionStatus::Complete,
            content_version: "cv0".into(),
            minutes: Some(45),
            seed: Some(7),
            current_question: None,
            cursor: None,
            questions: vec![],
            predicted_score: Some(60),
            elapsed_seconds: 2400,
            answers: vec![],
            events: vec![
                Event {
                    at: 0,
                    kind: EventKind::Phase {
                        id: "framing".into(),
                    },
                },
                Event {
                    at: 120,
                    kind: EventKind::Asked {
                        question: "How late are chargebacks?".into(),
                        fact: Some("label-delay".into()),
                        reply: "Up to 60 days.".into(),
                    },
                },
                Event {
                    at: 900,
                    kind: EventKind::Curveball {
                        id: "labels-late".into(),
                        text: "Labels now arrive 30 days late.".into(),
                    },
                },
            ],
        };
        s.answer_mut("curveball:labels-late").text = "Use proxy labels.".into();
        s.answer_mut("goals").text = "Cut losses by half.".into();
        let a = s.answer_mut("pain-point");
        a.text = "# not a heading\nChargebacks cost 1.2% of volume.".into();
        a.seconds = 305;
        a.hints = 1;
        s.answer_mut("extra").text = String::new();
        s
    }

    fn card() -> Scorecard {
        Scorecard {
            overall: 42.4,
            areas: vec![AreaScore {
                id: "framing".into(),
                title: "Problem framing".into(),
                score: 50.0,
                weight: 1.0,
                covered: 1,
                partial: 0,
                missing: 1,
            }],
            criteria: vec![CriterionResult {
                id: "pain-point".into(),
                area: "framing".into(),
                label: "Names the pain point".into(),
                status: Status::Covered,
                weight: 1.0,
                evidence: vec![EvidenceHit {
                    quote: "Chargebacks cost 1.2% of volume.".into(),
                    question: "pain-point".into(),
                    line: 2,
                    concepts: vec!["cost".into()],
                }],
                missing_concepts: vec![],
                gap: String::new(),
                hint: String::new(),
                source: String::new(),
                emphasis: None,
                ..Default::default()
            }],
            gaps: vec![Gap {
                criterion: "latency".into(),
                area: "framing".into(),
                label: "States a latency budget".into(),
                status: Status::Missing,
                why: "Fraud checks sit in the payment path.".into(),
                hint: "Give a p99 budget in ms.".into(),
                source: "1. Project setup › Performance constraints".into(),
                worth: 6.25,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn report_has_every_part_in_order() {
        let md = session_report(&content(), &session(), Some(&card()));
        let order = [
            "# Fraud detection — mock session",
            "- Mode: mock, 45 min, seed 7",
            "- Time on the clock: 40:00",
            "- Overall score: **42/100** (predicted 60)",
            "- Scored with content `cv1` (the session was written against `cv0`)",
            "## Prompt",
            "> Design fraud detection for a payments company.",
            "**Context.** Card payments, 2M a day.",
            "## Scorecard",
            "| Problem framing | 50 | 1 | 0 | 1 |",
            "- **Names the pain point** (covered)",
            "  - “Chargebacks cost 1.2% of volume.” (pain-point, line 2)",
            "1. **States a latency budget** (missing, +6.2 points) — Fraud checks sit in the payment path.",
            "   - Hint: Give a p99 budget in ms.",
            "   - Source: 1. Project setup › Performance constraints",
            "## Answers",
            "### Problem framing — What is the current pain point?",
            "_`pain-point` · 5:05 · 1 hint_",
            "> # not a heading\n> Chargebacks cost 1.2% of volume.",
            "### Problem framing — What do you want to achieve?",
            "### Curveball — Labels now arrive 30 days late.",
            "> Use proxy labels.",
            "## Clarifying questions",
            "- [2:00] **How late are chargebacks?** — Up to 60 days. (fact `label-delay`)",
            "## Curveballs",
            "- [15:00] Labels now arrive 30 days late. (answered above)",
            "## Timeline",
            "- [0:00] phase: Framing",
        ];
        let mut at = 0;
        for part in order {
            let Some(i) = md[at..].find(part) else {
                panic!("missing or out of order: {part:?}\n---\n{md}");
            };
            at += i + part.len();
        }
        assert!(!md.contains("`extra`"), "empty answers are left out");
    }

    #[test]
    fn report_without_scorecard_or_answers() {
        let mut s = session();
        s.answers.clear();
        s.scenario = "gone".into();
        let md = session_report(&content(), &s, None);
        assert!(md.starts_with("# gone — mock session"));
        assert!(md.contains("No answers written."));
        assert!(!md.contains("## Scorecard") && !md.contains("Overall score"));
    }
}
