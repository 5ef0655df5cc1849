//! Plain-text scorecard for the terminal (`score`, `show`).
//!
//! No colours and no terminal queries: the output is the same in a pipe,
//! a file or a terminal, and reads well at 80 columns.

use crate::core::scoring::{Scorecard, SentenceReport, Skip, Status};
use std::fmt::Write;

/// How a scorecard is rendered.
#[derive(Debug, Clone)]
pub struct TextOptions {
    /// A title line above the scorecard (e.g. the scenario), if any.
    pub title: Option<String>,
    /// How many gaps to list (most valuable first).
    pub max_gaps: usize,
    /// Evidence quotes shown per covered or partial criterion.
    pub max_quotes: usize,
    /// Width of the area bars, in cells.
    pub bar_width: usize,
    /// Plain ASCII only (`#`/`-` bars, no check marks).
    pub ascii: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            title: None,
            max_gaps: 8,
            max_quotes: 2,
            bar_width: 20,
            ascii: false,
        }
    }
}

/// A bar of `width` cells filled to `score` (0–100).
pub fn bar(score: f32, width: usize, ascii: bool) -> String {
    let score = if score.is_finite() {
        score.clamp(0.0, 100.0)
    } else {
        0.0
    };
    let filled = ((score / 100.0) * width as f32).round() as usize;
    let (on, off) = if ascii { ('#', '-') } else { ('█', '░') };
    let mut s = String::with_capacity(width * 3);
    for i in 0..width {
        s.push(if i < filled { on } else { off });
    }
    s
}

/// Cuts `s` to at most `max` characters, with an ellipsis.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The scorecard as plain text: overall score, area bars, covered and
/// partial criteria with the sentences that earned them, then the most
/// valuable gaps with why they matter, a hint and the notes section.
pub fn scorecard(card: &Scorecard, opts: &TextOptions) -> String {
    let mut out = String::new();
    let (tick, half, cross) = if opts.ascii {
        ("+", "~", "-")
    } else {
        (
            super::mark(Status::Covered),
            super::mark(Status::Partial),
            super::mark(Status::Missing),
        )
    };
    if let Some(t) = &opts.title {
        let _ = writeln!(out, "{t}");
        let _ = writeln!(out);
    }
    let covered = card
        .criteria
        .iter()
        .filter(|c| c.status == Status::Covered)
        .count();
    let partial = card
        .criteria
        .iter()
        .filter(|c| c.status == Status::Partial)
        .count();
    let band = if card.band.label.is_empty() {
        String::new()
    } else {
        format!("  {}", card.band.label)
    };
    let _ = writeln!(
        out,
        "Overall  {:.0}/100{band}   ({covered} covered, {partial} partial, {} missing of {} criteria)",
        card.overall,
        card.criteria.len() - covered - partial,
        card.criteria.len()
    );
    if !card.band.meaning.is_empty() {
        let _ = writeln!(out, "         {}", card.band.meaning);
    }
    if let Some(k) = card.key_point_score {
        let got = card
            .key_points
            .iter()
            .filter(|c| c.status == Status::Covered)
            .count();
        let _ = writeln!(
            out,
            "Key points  {got} of {} covered ({k:.0}%){}",
            card.key_points.len(),
            if card.penalty > 0.0 {
                format!("   red flags −{:.0}", card.penalty)
            } else {
                String::new()
            }
        );
    }
    for n in &card.notices {
        let _ = writeln!(out, "Note: {n}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Areas");
    let title_w = card
        .areas
        .iter()
        .map(|a| a.title.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for a in &card.areas {
        let title = cut(&a.title, 24);
        let pad = title_w.saturating_sub(title.chars().count());
        let _ = writeln!(
            out,
            "  {title}{}  {}  {:>3.0}   {}/{}",
            " ".repeat(pad),
            bar(a.score, opts.bar_width, opts.ascii),
            a.score,
            a.covered,
            a.covered + a.partial + a.missing
        );
    }

    if !card.flags.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "What an interviewer would challenge");
        for f in &card.flags {
            let _ = writeln!(out, "  ! {} [{}]", f.label, f.id);
            let _ = writeln!(
                out,
                "      \"{}\"  ({}, line {})",
                cut(&f.quote, 160),
                f.question,
                f.line
            );
            let _ = writeln!(out, "      Why:     {}", f.why);
            let _ = writeln!(out, "      Instead: {}", f.instead);
        }
    }
    if !card.key_points.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Key points for this prompt");
        for c in &card.key_points {
            let mark = match c.status {
                Status::Covered => tick,
                Status::Partial => half,
                Status::Missing => cross,
            };
            let _ = writeln!(out, "  {mark} {} [{}]", c.label, c.id);
            for e in c.evidence.iter().take(opts.max_quotes) {
                let _ = writeln!(
                    out,
                    "      \"{}\"  ({}, line {})",
                    cut(&e.quote, 160),
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
        let _ = writeln!(out);
        let _ = writeln!(out, "Earned");
        for c in earned {
            let mark = if c.status == Status::Covered {
                tick
            } else {
                half
            };
            let _ = write!(out, "  {mark} {} [{}]", c.label, c.id);
            if c.generic {
                let _ = write!(out, "  (partial: generic, nothing specific to this prompt)");
            } else if c.status == Status::Partial && !c.missing_concepts.is_empty() {
                let _ = write!(
                    out,
                    "  (partial: missing {})",
                    c.missing_concepts.join(", ")
                );
            }
            let _ = writeln!(out);
            for e in c.evidence.iter().take(opts.max_quotes) {
                let _ = writeln!(
                    out,
                    "      \"{}\"  ({}, line {})",
                    cut(&e.quote, 160),
                    e.question,
                    e.line
                );
            }
        }
    }

    if !card.gaps.is_empty() && opts.max_gaps > 0 {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Top gaps (of {}, most valuable first)",
            card.gaps.len()
        );
        for (i, g) in card.gaps.iter().take(opts.max_gaps).enumerate() {
            let mark = if g.status == Status::Partial {
                half
            } else {
                cross
            };
            let _ = writeln!(
                out,
                "  {:>2}. {mark} {} [{}]  +{:.1} pts",
                i + 1,
                g.label,
                g.criterion,
                g.worth
            );
            let _ = writeln!(out, "      Why:   {}", g.why);
            if let Some(e) = &g.emphasis {
                let _ = writeln!(out, "      Here:  {e}");
            }
            let _ = writeln!(out, "      Hint:  {}", g.hint);
            if let Some(e) = &g.example {
                let _ = writeln!(out, "      e.g.   \"{e}\"");
            }
            if !g.source.is_empty() {
                let _ = writeln!(out, "      Notes: {}", g.source);
            }
        }
        if card.gaps.len() > opts.max_gaps {
            let _ = writeln!(
                out,
                "  {} and {} more (use --format json for all)",
                if opts.ascii { "..." } else { "…" },
                card.gaps.len() - opts.max_gaps
            );
        }
    }
    let not_applicable = card
        .skipped
        .iter()
        .filter(|x| matches!(x.reason, Skip::NotApplicable(_)))
        .count();
    let not_asked = card.skipped.len() - not_applicable;
    if not_applicable + not_asked > 0 {
        let _ = writeln!(out);
        let mut parts = Vec::new();
        if not_applicable > 0 {
            parts.push(format!(
                "{not_applicable} criteria do not apply to this task"
            ));
        }
        if not_asked > 0 {
            parts.push(format!(
                "client speak not asked ({not_asked} criteria: no client line to answer)"
            ));
        }
        let _ = writeln!(out, "Not scored: {}.", parts.join("; "));
    }
    out
}

/// Per sentence: what it earned and why not more (`score --explain`).
pub fn explanation(report: &[SentenceReport]) -> String {
    let mut out = String::new();
    let _ = writeln!(out);
    let _ = writeln!(out, "Sentence by sentence");
    for r in report {
        let _ = writeln!(
            out,
            "  {} line {}: \"{}\"",
            r.question,
            r.line,
            cut(&r.text, 140)
        );
        if r.criteria.is_empty() {
            let _ = writeln!(out, "      earned nothing");
        } else {
            let _ = writeln!(out, "      earned: {}", r.concepts.join(", "));
        }
        for w in &r.why_not_more {
            let _ = writeln!(out, "      why not more: {w}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scoring::{AreaScore, CriterionResult, EvidenceHit, Gap};

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
            criteria: vec![
                CriterionResult {
                    id: "latency".into(),
                    area: "framing".into(),
                    label: "Sets a latency budget".into(),
                    status: Status::Covered,
                    weight: 1.0,
                    evidence: vec![EvidenceHit {
                        quote: "p99 under 100 ms".into(),
                        question: "framing-users".into(),
                        line: 2,
                        concepts: vec!["number".into()],
                    }],
                    missing_concepts: vec![],
                    gap: String::new(),
                    hint: String::new(),
                    source: String::new(),
                    emphasis: None,
                    ..Default::default()
                },
                CriterionResult {
                    id: "goals".into(),
                    area: "framing".into(),
                    label: "Sets a goal".into(),
                    status: Status::Missing,
                    weight: 1.0,
                    evidence: vec![],
                    missing_concepts: vec!["goal".into()],
                    gap: "Why goals".into(),
                    hint: "Say the goal".into(),
                    source: "1. Goals".into(),
                    emphasis: None,
                    ..Default::default()
                },
            ],
            gaps: vec![Gap {
                criterion: "goals".into(),
                area: "framing".into(),
                label: "Sets a goal".into(),
                status: Status::Missing,
                why: "Why goals".into(),
                hint: "Say the goal".into(),
                source: "1. Goals".into(),
                worth: 7.5,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn renders_overall_areas_evidence_and_gaps() {
        let s = scorecard(&card(), &TextOptions::default());
        assert!(s.starts_with("Overall  42/100"), "{s}");
        assert!(
            s.contains("Problem framing  ██████████░░░░░░░░░░   50   1/2"),
            "{s}"
        );
        assert!(s.contains("✓ Sets a latency budget [latency]"), "{s}");
        assert!(
            s.contains("\"p99 under 100 ms\"  (framing-users, line 2)"),
            "{s}"
        );
        assert!(s.contains("1. ✗ Sets a goal [goals]  +7.5 pts"), "{s}");
        assert!(
            s.contains("Hint:  Say the goal") && s.contains("Notes: 1. Goals"),
            "{s}"
        );
    }

    #[test]
    fn ascii_mode_has_no_unicode() {
        let opts = TextOptions {
            ascii: true,
            title: Some("Fraud".into()),
            ..TextOptions::default()
        };
        let s = scorecard(&card(), &opts);
        assert!(s.is_ascii(), "{s}");
        assert!(s.starts_with("Fraud\n"));
    }

    #[test]
    fn bars_clamp() {
        assert_eq!(bar(150.0, 4, true), "####");
        assert_eq!(bar(f32::NAN, 4, true), "----");
        assert_eq!(bar(50.0, 4, true), "##--");
    }
}
