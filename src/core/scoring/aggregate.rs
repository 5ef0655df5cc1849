//! From what the sentences earned to a scorecard: each criterion's and key
//! point's status, area scores, the overall on the content's scale, the
//! red-flag penalty, the band, ranked gaps and notices.
//!
//! A criterion is covered when its `need` concepts are earned *and* some
//! sentence that earned it engages with the prompt; with generic sentences
//! only it is partial. A key point is earned only by sentences about this
//! prompt. The raw coverage is
//! `share × key points + (1 − share) × criteria` (criteria weighted by area,
//! then within the area); the scale turns it into 0–100.

use super::analyse::Verdict;
use super::compile::{Compiled, Kind};
use super::judge::{Counts, Placed, Tally};
use super::sentences::clean_quote;
use super::types::{
    AreaScore, BandInfo, CriterionResult, EvidenceHit, FlagHit, Gap, GapKind, Scorecard, Skip,
    Skipped, Status,
};

/// Evidence quoted per criterion or key point.
const EVIDENCE_MAX: usize = 3;
/// Gaps listed.
const GAPS_MAX: usize = 12;
/// An answer is about another prompt when that prompt's distinctive words
/// weigh at least this much in it (about five words only that prompt uses;
/// 7 sat on the edge for a long answer to a neighbouring prompt)…
const ELSEWHERE_MIN: f32 = 5.0;
/// …and this many times this prompt's.
const ELSEWHERE_RATIO: f32 = 4.0;
/// …keeping at least this share of its score.
const ELSEWHERE_KEEP: f32 = 0.15;
/// An answer to another prompt keeps this many times the ratio of this
/// prompt's words to the other's (at most all of its score).
const ELSEWHERE_SCALE: f32 = 1.5;
/// Credit of a criterion met only by generic sentences.
const GENERIC_CREDIT: f32 = 0.25;
/// An answer whose points are mostly hedged ("maybe", "it depends") or
/// handed off has decided little: past this share of its earning and
/// deferring sentences it keeps a falling fraction of its score…
const NONCOMMITTAL_FROM: f32 = 0.15;
/// …losing this much per unit of share above it…
const NONCOMMITTAL_SLOPE: f32 = 2.0;
/// …and keeping at least this much.
const NONCOMMITTAL_KEEP: f32 = 0.4;

/// An answer that recites a template: when more than this share of the
/// sentences that earn could be said of any prompt (none of its words or
/// figures is this prompt's)…
const GENERIC_FROM: f32 = 0.16;
/// …it keeps a falling fraction of its score, down to `GENERIC_KEEP` when
/// the share reaches `GENERIC_FLOOR_AT`…
const GENERIC_FLOOR_AT: f32 = 0.32;
const GENERIC_KEEP: f32 = 0.4;
/// …once it has this many earning sentences to judge. (Strong answers,
/// in any style, keep under a sixth of their points generic; a framework
/// recited with the prompt's nouns sprinkled in, a quarter to a third.)
const GENERIC_MIN_POINTS: usize = 5;

/// An answer that is mostly strings of product and model names: past this
/// many names per word (with at least a fifth of its sentences strings of
/// terms)…
const NAME_DROP_FROM: f32 = 0.03;
/// …it loses this much per unit of density…
const NAME_DROP_SLOPE: f32 = 25.0;
/// …keeping at least this much.
const NAME_DROP_KEEP: f32 = 0.3;
const NAME_DROP_STRINGS: f32 = 0.2;

/// The share of an answer's words that are product and model names, when
/// enough of its sentences string terms together.
fn name_density(n: &Counts) -> f32 {
    if n.sentences < 4 || (n.strings as f32) < NAME_DROP_STRINGS * n.sentences as f32 {
        return 0.0;
    }
    n.names as f32 / n.words.max(1) as f32
}

/// The share of its score an answer keeps for being mostly product names.
fn name_keep(n: &Counts) -> f32 {
    let density = name_density(n);
    if density > NAME_DROP_FROM {
        (1.0 - NAME_DROP_SLOPE * (density - NAME_DROP_FROM)).max(NAME_DROP_KEEP)
    } else {
        1.0
    }
}

/// The share of an answer's earning sentences that could be said of any
/// prompt, when it has enough to judge.
fn generic_share(n: &Counts) -> f32 {
    if n.earning < GENERIC_MIN_POINTS {
        return 0.0;
    }
    1.0 - n.tailored as f32 / n.earning as f32
}

/// The share of its score an answer keeps for points that fit any prompt:
/// an interviewer marks a recited checklist down, however many topics it
/// names.
fn tailored_keep(n: &Counts) -> f32 {
    let generic = generic_share(n);
    if generic <= GENERIC_FROM {
        return 1.0;
    }
    let t = ((generic - GENERIC_FROM) / (GENERIC_FLOOR_AT - GENERIC_FROM)).min(1.0);
    1.0 - (1.0 - GENERIC_KEEP) * t
}

/// The share of its score an answer keeps for the ground it covers: a
/// candidate who ran out of time after a few good sentences is graded on
/// what they covered, and a few sentences that each touch several criteria
/// overstate it. `full`: the content's `full_answer_points` (0: off).
fn depth_keep(n: &Counts, full: u32) -> f32 {
    if full == 0 {
        return 1.0;
    }
    (n.earning as f32 / full as f32).min(1.0)
}

/// The share of its score an answer keeps for leaving its points open.
fn commitment(n: &Counts) -> f32 {
    let open = noncommittal_share(n);
    if open > NONCOMMITTAL_FROM {
        (1.0 - NONCOMMITTAL_SLOPE * (open - NONCOMMITTAL_FROM)).max(NONCOMMITTAL_KEEP)
    } else {
        1.0
    }
}

/// The share of an answer's points left open (hedged or handed off), when
/// it has enough points to judge.
fn noncommittal_share(n: &Counts) -> f32 {
    let said = n.earning + n.deferrals;
    if said < 4 {
        return 0.0;
    }
    (n.hedges + n.deferrals) as f32 / said as f32
}

pub fn aggregate(c: &Compiled, placed: &[Placed<'_>], t: &Tally) -> Scorecard {
    let mut skipped = c.skipped.clone();
    let client_asked = t.client_spoke;
    let counted = |i: usize| {
        let tg = &c.targets[i];
        tg.kind != Kind::Flag && (client_asked || !tg.client_only)
    };
    if !client_asked {
        for tg in c
            .targets
            .iter()
            .filter(|x| x.client_only && x.kind == Kind::Criterion)
        {
            skipped.push(Skipped {
                id: tg.id.clone(),
                area: tg.area.clone(),
                label: tg.label.clone(),
                reason: Skip::NotAsked,
            });
        }
    }

    // Status of each target.
    let mut results: Vec<Option<CriterionResult>> = Vec::with_capacity(c.targets.len());
    for (i, tg) in c.targets.iter().enumerate() {
        if !counted(i) {
            results.push(None);
            continue;
        }
        let got = t.earned[i].iter().filter(|x| **x).count();
        let tailored = t.tailored[i] || !c.vocab.active;
        let status = if got >= tg.need && tailored {
            Status::Covered
        } else if got > 0 {
            Status::Partial
        } else {
            Status::Missing
        };
        let mut contribs: Vec<_> = t.evidence[i].iter().collect();
        contribs.sort_by_key(|x| (!x.tailored, x.sentence));
        contribs.truncate(EVIDENCE_MAX);
        contribs.sort_by_key(|x| x.sentence);
        let evidence = contribs
            .iter()
            .map(|x| {
                let p = &placed[x.sentence];
                EvidenceHit {
                    quote: clean_quote(p.text),
                    question: p.question.to_string(),
                    line: p.line,
                    concepts: x
                        .concepts
                        .iter()
                        .map(|&k| tg.concepts[k as usize].name.clone())
                        .collect(),
                }
            })
            .collect();
        results.push(Some(CriterionResult {
            id: tg.id.clone(),
            area: tg.area.clone(),
            label: tg.label.clone(),
            status,
            weight: tg.weight,
            evidence,
            missing_concepts: tg
                .concepts
                .iter()
                .zip(&t.earned[i])
                .filter(|(k, e)| !**e && !k.qualifier)
                .map(|(k, _)| k.name.clone())
                .collect(),
            gap: tg.why.clone(),
            hint: tg.hint.clone(),
            source: tg.source.clone(),
            emphasis: tg.emphasis.clone(),
            example: tg.example.clone(),
            generic: status == Status::Partial && got > 0 && !tailored,
        }));
    }

    let has_kp = c.targets.iter().any(|x| x.kind == Kind::KeyPoint);
    let share = if has_kp {
        c.settings.key_point_share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let kind_of = |i: usize| c.targets[i].kind;
    let coverage = |filter: &dyn Fn(usize) -> bool| -> Option<(f32, f32)> {
        let (mut got, mut all) = (0.0, 0.0);
        for (i, r) in results.iter().enumerate() {
            if let Some(r) = r
                && filter(i)
            {
                got += r.weight * credit(r);
                all += r.weight;
            }
        }
        (all > 0.0).then_some((got / all, all))
    };
    let kp_cov = coverage(&|i| kind_of(i) == Kind::KeyPoint).map(|x| x.0);

    // Areas: criteria by weight, blended with the area's key points.
    let mut areas = Vec::new();
    let (mut general, mut general_w) = (0.0, 0.0);
    let mut area_weights: Vec<(String, f32, f32)> = Vec::new();
    for a in &c.areas {
        let crit = coverage(&|i| kind_of(i) == Kind::Criterion && c.targets[i].area == a.id);
        let kps = coverage(&|i| kind_of(i) == Kind::KeyPoint && c.targets[i].area == a.id);
        if let Some((cov, w)) = crit {
            general += a.weight * cov;
            general_w += a.weight;
            area_weights.push((a.id.clone(), a.weight, w));
        }
        let blended = match (crit, kps) {
            (Some((x, _)), Some((k, _))) => (1.0 - share) * x + share * k,
            (Some((x, _)), None) => x,
            (None, Some((k, _))) => k,
            (None, None) => continue,
        };
        let in_area = results
            .iter()
            .flatten()
            .filter(|r| r.area == a.id)
            .map(|r| r.status);
        let (mut cov, mut par, mut mis) = (0, 0, 0);
        for s in in_area {
            match s {
                Status::Covered => cov += 1,
                Status::Partial => par += 1,
                Status::Missing => mis += 1,
            }
        }
        areas.push(AreaScore {
            id: a.id.clone(),
            title: a.title.clone(),
            score: round1(scale(&c.settings.scale, blended)),
            weight: a.weight,
            covered: cov,
            partial: par,
            missing: mis,
        });
    }
    let general = if general_w > 0.0 {
        general / general_w
    } else {
        0.0
    };
    let raw = match kp_cov {
        Some(k) => share * k + (1.0 - share) * general,
        None => general,
    };

    // Red flags and the penalty.
    let mut flags: Vec<FlagHit> = t
        .flags
        .iter()
        .map(|&(f, s)| {
            let tg = &c.targets[f as usize];
            let p = &placed[s];
            FlagHit {
                id: tg.id.clone(),
                label: tg.label.clone(),
                quote: clean_quote(p.text),
                question: p.question.to_string(),
                line: p.line,
                why: tg.why.clone(),
                instead: tg.instead.clone(),
            }
        })
        .collect();
    // An estimate off by a power of ten, worked through for the user.
    let slips = t.outcomes.iter().enumerate();
    for (p, slip) in slips.filter_map(|(i, o)| Some((&placed[i], o.slip.as_ref()?))) {
        let (times, way) = if slip.factor >= 1.0 {
            (slip.factor, "too small")
        } else {
            (1.0 / slip.factor, "too large")
        };
        flags.push(FlagHit {
            id: super::arith::FLAG_ID.into(),
            label: "An estimate that does not add up".into(),
            quote: clean_quote(p.text),
            question: p.question.to_string(),
            line: p.line,
            why: format!(
                "{}, not {}: {}× {way}. A figure that does not follow from the numbers beside \
                 it changes what the design must handle, and the interviewer checks it.",
                slip.worked,
                slip.said,
                if times < 10.0 {
                    format!("{times:.1}")
                } else {
                    format!("{times:.0}")
                }
            ),
            instead: "Work the figure through aloud, units included, then say what it means \
                      for the design."
                .into(),
        });
    }
    // One sentence that happens to read like the coach earns nothing and
    // is no flag; copying is a habit from the second one on.
    if let Some(s) = t.echo.filter(|_| t.counts.echoes >= 2) {
        let p = &placed[s];
        flags.push(FlagHit {
            id: "rubric-echo".into(),
            label: "Copies the coach's own wording".into(),
            quote: clean_quote(p.text),
            question: p.question.to_string(),
            line: p.line,
            why: "Repeating the rubric's labels or hints shows you read the checklist, not that \
                  you can design this system; it earns nothing."
                .into(),
            instead: "Say what you would do for this prompt, in your own words and its terms."
                .into(),
        });
    }
    // A sentence is charged once however many red flags it raises: a
    // scenario's flag and a general one often name the same mistake, and
    // the interviewer marks it once. (Every flag is still listed.)
    let mut flagged: Vec<usize> = t.flags.iter().map(|&(_, s)| s).collect();
    flagged.sort_unstable();
    flagged.dedup();
    let mut charged = flags.len() - (t.flags.len() - flagged.len());
    // Deferring the hard parts is what an interviewer marks down: from the
    // second deferral on, each costs as much as a red flag.
    if let Some(s) = t.deferral.filter(|_| t.counts.deferrals >= 2) {
        let p = &placed[s];
        flags.push(FlagHit {
            id: "defers-decisions".into(),
            label: "Hands the hard parts to others or to later".into(),
            quote: clean_quote(p.text),
            question: p.question.to_string(),
            line: p.line,
            why: format!(
                "{} sentences hand a topic to another team, the stakeholders or \"after launch\" \
                 without saying what would be done; the interviewer is asking what you would do.",
                t.counts.deferrals
            ),
            instead: "Make the call yourself and say how: a number, a method, a trigger. If it \
                      truly needs someone else's input, say what you would propose to them."
                .into(),
        });
        charged += t.counts.deferrals - 1;
    }
    let commit = commitment(&t.counts);
    if let Some(s) = t.hedge.filter(|_| commit < 1.0 && t.counts.hedges >= 2) {
        let p = &placed[s];
        flags.push(FlagHit {
            id: "commits-to-nothing".into(),
            label: "Names the topics but decides nothing".into(),
            quote: clean_quote(p.text),
            question: p.question.to_string(),
            line: p.line,
            why: format!(
                "{} of the answer's {} points hedge (\"maybe\", \"it depends\", \"whether we \
                 do A or B\") or hand the call to others; an interviewer hears a candidate who \
                 has not made a design.",
                t.counts.hedges + t.counts.deferrals,
                t.counts.earning + t.counts.deferrals
            ),
            instead: "Make each call and give the reason in the prompt's terms; where you are \
                      unsure, pick one, say what would change your mind and how you would check."
                .into(),
        });
    }
    let tailored = tailored_keep(&t.counts);
    if let Some(s) = t.generic.filter(|_| tailored < 1.0) {
        let p = &placed[s];
        flags.push(FlagHit {
            id: "fits-any-prompt".into(),
            label: "Recites steps that would fit any prompt".into(),
            quote: clean_quote(p.text),
            question: p.question.to_string(),
            line: p.line,
            why: format!(
                "{} of the answer's {} points name nothing of this prompt: no figure, user, \
                 data or cost of its own. An interviewer hears a framework recited, not a design \
                 for this problem.",
                t.counts.earning - t.counts.tailored,
                t.counts.earning
            ),
            instead: "Say each step in this prompt's terms: its users, its data and their traps, \
                      what a mistake costs here, the numbers it gives; drop the steps you cannot \
                      tie to it."
                .into(),
        });
    }
    let named = name_keep(&t.counts);
    if named < 1.0 {
        let s = t
            .outcomes
            .iter()
            .position(|o| matches!(o.verdict, Verdict::KeywordDense | Verdict::List))
            .unwrap_or(0);
        let p = &placed[s.min(placed.len().saturating_sub(1))];
        flags.push(FlagHit {
            id: "strings-of-names".into(),
            label: "Strings product and model names together".into(),
            quote: clean_quote(p.text),
            question: p.question.to_string(),
            line: p.line,
            why: format!(
                "{} of the answer's {} words are product or model names, and {} of its {} \
                 sentences list terms without saying what they do here; naming tools is not \
                 designing with them.",
                t.counts.names, t.counts.words, t.counts.strings, t.counts.sentences
            ),
            instead: "Pick the one or two pieces that matter for this prompt and say why: what \
                      each does with this data, what it costs, and what you would try if it \
                      fell short."
                .into(),
        });
    }
    let depth = depth_keep(&t.counts, c.settings.full_answer_points);
    let penalty = (c.settings.flag_penalty * charged as f32).min(c.settings.penalty_cap);
    // An answer to another prompt: its words are another scenario's far
    // more than this one's. It keeps only a fraction of its score.
    let elsewhere = c
        .vocab
        .closest_other(&t.words)
        .filter(|&(_, other, own)| other >= ELSEWHERE_MIN && other >= ELSEWHERE_RATIO * own);
    let fit = elsewhere.map_or(1.0, |(_, other, own)| {
        (ELSEWHERE_SCALE * own / other).clamp(ELSEWHERE_KEEP, 1.0)
    });
    let overall = round1(
        (scale(&c.settings.scale, raw) * fit * commit * named * tailored * depth - penalty)
            .clamp(0.0, 100.0),
    ) + 0.0;

    // Gaps: what each would add to the raw coverage, most first.
    let total_area_w: f32 = area_weights.iter().map(|x| x.1).sum();
    let kp_total: f32 = c
        .targets
        .iter()
        .enumerate()
        .filter(|(i, x)| x.kind == Kind::KeyPoint && counted(*i))
        .map(|(_, x)| x.weight)
        .sum();
    let mut gaps: Vec<Gap> = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let Some(r) = r else { continue };
        if r.status == Status::Covered {
            continue;
        }
        let tg = &c.targets[i];
        let share_of_raw = match tg.kind {
            Kind::KeyPoint => share * tg.weight / kp_total.max(f32::EPSILON),
            _ => area_weights
                .iter()
                .find(|x| x.0 == tg.area)
                .map(|x| (1.0 - share) * x.1 / total_area_w.max(f32::EPSILON) * tg.weight / x.2)
                .unwrap_or(0.0),
        };
        gaps.push(Gap {
            criterion: r.id.clone(),
            kind: if tg.kind == Kind::KeyPoint {
                GapKind::KeyPoint
            } else {
                GapKind::Criterion
            },
            area: r.area.clone(),
            label: r.label.clone(),
            status: r.status,
            why: r.gap.clone(),
            hint: r.hint.clone(),
            source: r.source.clone(),
            worth: round1(share_of_raw * (1.0 - credit(r)) * 100.0),
            example: r.example.clone(),
            emphasis: r.emphasis.clone(),
        });
    }
    gaps.sort_by(|a, b| {
        b.worth
            .total_cmp(&a.worth)
            .then((a.kind != GapKind::KeyPoint).cmp(&(b.kind != GapKind::KeyPoint)))
    });
    gaps.truncate(GAPS_MAX);

    let (criteria, key_points): (Vec<_>, Vec<_>) = results
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|r| (i, r)))
        .partition(|(i, _)| c.targets[*i].kind == Kind::Criterion);
    Scorecard {
        overall,
        band: band(c, overall),
        task_type: c.task_type.clone(),
        areas,
        criteria: criteria.into_iter().map(|x| x.1).collect(),
        key_points: key_points.into_iter().map(|x| x.1).collect(),
        key_point_score: kp_cov.map(|k| round1(k * 100.0)),
        skipped,
        flags,
        penalty,
        notices: notices(
            c,
            t,
            elsewhere.map(|x| x.0),
            [commit, named, tailored, depth],
        ),
        gaps,
    }
}

/// Credit towards the score: covered 1, partial ½, and a criterion met
/// only by generic sentences (that could be said of any prompt) ¼.
fn credit(r: &CriterionResult) -> f32 {
    if r.generic {
        GENERIC_CREDIT
    } else {
        r.status.credit()
    }
}

/// Remarks on the answer as a whole.
/// `keep`: the shares of its score the answer keeps for hedging its
/// points, for stringing names together, for points that fit any prompt
/// and for the ground it covers.
fn notices(c: &Compiled, t: &Tally, elsewhere: Option<&str>, keep: [f32; 4]) -> Vec<String> {
    let [commit, named, tailored, depth] = keep;
    let mut out = Vec::new();
    if depth < 1.0 && t.counts.earning > 0 {
        let (earn, what) = match t.counts.earning {
            1 => ("earns", "it earns"),
            _ => ("earn", "they earn"),
        };
        out.push(format!(
            "Only {} of the answer's sentences {earn} credit; a design interview answer makes at \
             least {}, so the score keeps {:.0}% of what {what}. Cover the stages still missing, \
             each in this prompt's terms.",
            t.counts.earning,
            c.settings.full_answer_points,
            depth * 100.0
        ));
    }
    if commit < 1.0 {
        out.push(format!(
            "Most points are hedged or handed off rather than decided, so the score keeps {:.0}% \
             of what the topics named would earn.",
            commit * 100.0
        ));
    }
    if named < 1.0 {
        out.push(format!(
            "Much of the answer strings product and model names together, so the score keeps \
             {:.0}% of what the topics named would earn.",
            named * 100.0
        ));
    }
    if let Some(id) = elsewhere {
        let title = c.vocab.title(id);
        out.push(format!(
            "This reads as an answer to another prompt (“{title}”), not this one: it uses that \
             prompt's terms far more than this one's, so it keeps only a fraction of its score."
        ));
    }
    if c.task_type.is_none() && c.vocab.active {
        out.push(
            "No scenario matches this prompt: scored against the general rubric, with the \
             prompt's own words for fit."
                .to_string(),
        );
    }
    let n = &t.counts;
    if elsewhere.is_none() && n.off_prompt >= 3 && n.off_prompt >= n.earning {
        out.push(format!(
            "Most of this answer is about a different problem: {} sentences use another \
             prompt's terms and none of this one's, and earn nothing.",
            n.off_prompt
        ));
    } else if c.vocab.active && tailored < 1.0 {
        let sample: Vec<&str> = c.vocab.sample.iter().take(6).map(String::as_str).collect();
        out.push(format!(
            "{} of the {} points could be said of any prompt, so the score keeps {:.0}% of what \
             the topics named would earn: tie them to this one ({}…).",
            n.earning - n.tailored,
            n.earning,
            tailored * 100.0,
            sample.join(", ")
        ));
    }
    if n.deferrals >= 2 {
        out.push(format!(
            "{} sentences hand a topic to someone else or to later without saying what would be \
             done; they earn nothing.",
            n.deferrals
        ));
    }
    out
}

fn band(c: &Compiled, overall: f32) -> BandInfo {
    c.settings
        .bands
        .iter()
        .find(|b| overall >= b.min)
        .or(c.settings.bands.last())
        .map(|b| BandInfo {
            id: b.id.clone(),
            label: b.label.clone(),
            meaning: b.meaning.clone(),
        })
        .unwrap_or_default()
}

/// The content's scale: piecewise linear through `[coverage, score]`.
pub fn scale(points: &[[f32; 2]], x: f32) -> f32 {
    let x = if x.is_finite() {
        x.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let Some(first) = points.first() else {
        return x * 100.0;
    };
    if x <= first[0] {
        return first[1];
    }
    for w in points.windows(2) {
        let ([x0, y0], [x1, y1]) = (w[0], w[1]);
        if x <= x1 {
            let f = if x1 > x0 { (x - x0) / (x1 - x0) } else { 1.0 };
            return y0 + f * (y1 - y0);
        }
    }
    points.last().map_or(100.0, |p| p[1])
}

fn round1(x: f32) -> f32 {
    if x.is_finite() {
        (x * 10.0).round() / 10.0
    } else {
        0.0
    }
}
