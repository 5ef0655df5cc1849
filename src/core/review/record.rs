//! A scored session in brief: what the history list, progress and the
//! drill schedule need of a scorecard (overall, area scores, the attempted
//! criteria with their status, a mock's pacing), small enough to keep for
//! 10,000 sessions on disk (`.scores.json`) and in memory.
//!
//! Names of areas, criteria and phases are kept as their position in the
//! rubric or the mock profile (the content is part of the cache key, so the
//! positions hold), spelled out only when the scorecard's names differ.
//!
//! [`Attempt`] is what the statistics read: a [`Record`] and a fully
//! scored session give identical results (tests check it).

use super::ScoredSession;
use super::packed::Packed;
use super::progress::{PhasePace, pacing};
use crate::core::content::{MockProfile, Rubric};
use crate::core::scoring::{CriterionResult, Scorecard, Status};
use crate::core::session::{Mode, Session, SessionStatus};
use crate::core::store::Summary;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One criterion a session attempted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tried<'a> {
    pub id: &'a str,
    pub area: &'a str,
    pub label: &'a str,
    pub status: Status,
}

/// A scored session as the statistics see it.
pub trait Attempt {
    fn id(&self) -> &str;
    fn scenario(&self) -> &str;
    fn mode(&self) -> Mode;
    fn status(&self) -> SessionStatus;
    fn started_at(&self) -> DateTime<Utc>;
    fn ended_at(&self) -> Option<DateTime<Utc>>;
    fn predicted_score(&self) -> Option<u8>;
    fn overall(&self) -> f32;
    /// (id, title, score) of each area, in the scorecard's order.
    fn areas<'a>(&'a self, rubric: &'a Rubric) -> Vec<(&'a str, &'a str, f32)>;
    /// The criteria this session was an attempt at (see
    /// [`ScoredSession::attempted`]).
    fn attempted<'a>(&'a self, rubric: &'a Rubric) -> Vec<Tried<'a>>;
    /// What [`Attempt::attempted`] lists, handed to `f` one by one (over
    /// 10,000 records, no list is made for each).
    fn each_attempted<'a>(&'a self, rubric: &'a Rubric, f: &mut dyn FnMut(Tried<'a>)) {
        self.attempted(rubric).into_iter().for_each(f);
    }
    /// A mock's length in minutes (the profile's when not recorded) and
    /// its time per phase (see [`pacing`]); no phases for other modes.
    fn pacing(&self, rubric: &Rubric, mock: &MockProfile) -> (u32, Vec<PhasePace>);

    fn is_complete(&self) -> bool {
        self.status() == SessionStatus::Complete
    }
    /// Counts in the progress charts: complete practice and mock sessions.
    fn counts_for_progress(&self) -> bool {
        self.is_complete() && self.mode() != Mode::Drill
    }
}

impl<T: Attempt + ?Sized> Attempt for &T {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn scenario(&self) -> &str {
        (**self).scenario()
    }
    fn mode(&self) -> Mode {
        (**self).mode()
    }
    fn status(&self) -> SessionStatus {
        (**self).status()
    }
    fn started_at(&self) -> DateTime<Utc> {
        (**self).started_at()
    }
    fn ended_at(&self) -> Option<DateTime<Utc>> {
        (**self).ended_at()
    }
    fn predicted_score(&self) -> Option<u8> {
        (**self).predicted_score()
    }
    fn overall(&self) -> f32 {
        (**self).overall()
    }
    fn areas<'a>(&'a self, rubric: &'a Rubric) -> Vec<(&'a str, &'a str, f32)> {
        (**self).areas(rubric)
    }
    fn attempted<'a>(&'a self, rubric: &'a Rubric) -> Vec<Tried<'a>> {
        (**self).attempted(rubric)
    }
    fn each_attempted<'a>(&'a self, rubric: &'a Rubric, f: &mut dyn FnMut(Tried<'a>)) {
        (**self).each_attempted(rubric, f)
    }
    fn pacing(&self, rubric: &Rubric, mock: &MockProfile) -> (u32, Vec<PhasePace>) {
        (**self).pacing(rubric, mock)
    }
}

impl Attempt for ScoredSession {
    fn id(&self) -> &str {
        &self.session.id
    }
    fn scenario(&self) -> &str {
        &self.session.scenario
    }
    fn mode(&self) -> Mode {
        self.session.mode
    }
    fn status(&self) -> SessionStatus {
        self.session.status
    }
    fn started_at(&self) -> DateTime<Utc> {
        self.session.started_at
    }
    fn ended_at(&self) -> Option<DateTime<Utc>> {
        self.session.ended_at
    }
    fn predicted_score(&self) -> Option<u8> {
        self.session.predicted_score
    }
    fn overall(&self) -> f32 {
        self.card.overall
    }
    fn areas<'a>(&'a self, _: &'a Rubric) -> Vec<(&'a str, &'a str, f32)> {
        self.card
            .areas
            .iter()
            .map(|a| (a.id.as_str(), a.title.as_str(), a.score))
            .collect()
    }
    fn attempted<'a>(&'a self, rubric: &'a Rubric) -> Vec<Tried<'a>> {
        ScoredSession::attempted(self, rubric)
            .map(|c| Tried {
                id: &c.id,
                area: &c.area,
                label: &c.label,
                status: c.status,
            })
            .collect()
    }
    fn pacing(&self, rubric: &Rubric, mock: &MockProfile) -> (u32, Vec<PhasePace>) {
        let phases = if self.session.mode == Mode::Mock {
            pacing(&self.session, rubric, mock)
        } else {
            Vec::new()
        };
        (self.session.minutes.unwrap_or(mock.minutes), phases)
    }
}

/// A name from the content on disk: its position in the rubric's (or
/// profile's) list, or spelled out (id, title or area, label) when it is
/// not there.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
enum Name {
    At(u16),
    Own(Box<(String, String, String)>),
}

/// A number or three strings, told apart by what comes: serde's untagged
/// enums buffer each value first, a tenth of reading 10,000 records.
impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        use serde::de::{Error, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a position or three names")
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<Name, E> {
                u16::try_from(v)
                    .map(Name::At)
                    .map_err(|_| E::custom(format!("position {v} out of range")))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Name, A::Error> {
                let mut next = || -> Result<String, A::Error> {
                    seq.next_element()?
                        .ok_or_else(|| A::Error::custom("three names expected"))
                };
                let names = (next()?, next()?, next()?);
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(A::Error::custom("three names expected"));
                }
                Ok(Name::Own(Box::new(names)))
            }
        }
        d.deserialize_any(V)
    }
}

fn status_code(s: Status) -> u8 {
    match s {
        Status::Missing => 0,
        Status::Partial => 1,
        Status::Covered => 2,
    }
}

fn status_of(code: u8) -> Status {
    match code {
        2 => Status::Covered,
        1 => Status::Partial,
        _ => Status::Missing,
    }
}

/// [`Scores`] as stored in `.scores.json`. Area scores and criteria whose
/// names are content positions (always, for a pack the record was made
/// under) are packed into strings of hex digits — a tenth of the parsing of
/// arrays of numbers at 10,000 sessions —, others spelled out.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
struct ScoresFile {
    /// The overall score, as bits (an exact round trip).
    #[serde(rename = "o")]
    overall: u32,
    #[serde(rename = "e", default, skip_serializing_if = "std::ops::Not::not")]
    empty: bool,
    /// Per area: its position (3 hex digits), its score's bits (8).
    #[serde(rename = "ap", default, skip_serializing_if = "Packed::is_empty")]
    areas_packed: Packed<3, 8>,
    /// Per attempted criterion: its position (3 hex digits), its status
    /// (one digit: 0 missing, 1 partial, 2 covered).
    #[serde(rename = "cp", default, skip_serializing_if = "Packed::is_empty")]
    criteria_packed: Packed<3, 1>,
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    areas: Vec<(Name, u32)>,
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    criteria: Vec<(Name, u8)>,
    #[serde(rename = "m", default, skip_serializing_if = "Option::is_none")]
    minutes: Option<u32>,
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pacing: Option<Vec<(Name, u64, u64)>>,
}

/// A name in memory: a position in the content's list, or (with
/// [`OWN`] set) in the record's own names.
type NameRef = u16;
const OWN: NameRef = 0x8000;
/// Positions packed in three hex digits are below this.
const PACKED_MAX: NameRef = 0x1000;

/// What scoring a session gave, as the review keeps it (cached in
/// `.scores.json` under the content version and the scorer's fingerprint):
/// about 300 bytes in memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ScoresFile", into = "ScoresFile")]
pub struct Scores {
    overall: u32,
    /// No answer text: nothing was scored (`history` shows no score).
    pub empty: bool,
    /// (area, score bits).
    areas: Vec<(NameRef, u32)>,
    /// (criterion, status code): the attempted criteria.
    criteria: Vec<(NameRef, u8)>,
    /// A mock's recorded length.
    minutes: Option<u32>,
    /// A mock's (phase, spent seconds, budget seconds).
    pacing: Option<Vec<(NameRef, u64, u64)>>,
    /// Names not in the content (rare; never for the embedded pack).
    own: Vec<(String, String, String)>,
}

impl TryFrom<ScoresFile> for Scores {
    type Error = String;
    fn try_from(f: ScoresFile) -> Result<Scores, String> {
        let mut own = Vec::new();
        let mut name = |n: Name| match n {
            Name::At(i) if i < OWN => i,
            Name::At(_) => NameRef::MAX,
            Name::Own(b) if own.len() < usize::from(OWN - 1) => {
                own.push(*b);
                OWN | (own.len() - 1) as NameRef
            }
            Name::Own(_) => NameRef::MAX,
        };
        // Three hex digits: a position below `PACKED_MAX`; one: a status.
        let mut areas: Vec<(NameRef, u32)> = (f.areas_packed.0.into_iter())
            .map(|(n, v)| (n as NameRef, v))
            .collect();
        areas.extend(f.areas.into_iter().map(|(n, v)| (name(n), v)));
        let mut criteria: Vec<(NameRef, u8)> = (f.criteria_packed.0.into_iter())
            .map(|(n, c)| (n as NameRef, c as u8))
            .collect();
        criteria.extend(f.criteria.into_iter().map(|(n, v)| (name(n), v)));
        let pacing = f
            .pacing
            .map(|p| p.into_iter().map(|(n, a, b)| (name(n), a, b)).collect());
        Ok(Scores {
            overall: f.overall,
            empty: f.empty,
            areas,
            criteria,
            minutes: f.minutes,
            pacing,
            own,
        })
    }
}

impl From<Scores> for ScoresFile {
    fn from(s: Scores) -> ScoresFile {
        let name = |r: NameRef| match s.own.get(usize::from(r & !OWN)) {
            Some(b) if r & OWN != 0 => Name::Own(Box::new(b.clone())),
            _ => Name::At(r),
        };
        let mut f = ScoresFile {
            overall: s.overall,
            empty: s.empty,
            minutes: s.minutes,
            pacing: s
                .pacing
                .as_ref()
                .map(|p| p.iter().map(|(n, a, b)| (name(*n), *a, *b)).collect()),
            ..ScoresFile::default()
        };
        if s.areas.iter().all(|(n, _)| *n < PACKED_MAX) {
            f.areas_packed = Packed(s.areas.iter().map(|(n, v)| (u32::from(*n), *v)).collect());
        } else {
            f.areas = s.areas.iter().map(|(n, v)| (name(*n), *v)).collect();
        }
        if s.criteria.iter().all(|(n, c)| *n < PACKED_MAX && *c < 16) {
            let packed = s
                .criteria
                .iter()
                .map(|(n, c)| (u32::from(*n), u32::from(*c)));
            f.criteria_packed = Packed(packed.collect());
        } else {
            f.criteria = s.criteria.iter().map(|(n, v)| (name(*n), *v)).collect();
        }
        f
    }
}

impl Scores {
    /// The brief of a scored session.
    pub fn of(session: &Session, card: &Scorecard, rubric: &Rubric, mock: &MockProfile) -> Scores {
        let at = |i: Option<usize>| {
            i.filter(|i| *i < usize::from(OWN))
                .map(|i| Name::At(i as u16))
        };
        let area = |id: &str, title: &str| {
            at(rubric
                .areas
                .iter()
                .position(|a| a.id == id && a.title == title))
            .unwrap_or_else(|| Name::Own(Box::new((id.into(), title.into(), String::new()))))
        };
        let criterion = |t: &CriterionResult| {
            at(rubric
                .criteria
                .iter()
                .position(|c| c.id == t.id && c.area == t.area && c.label == t.label))
            .unwrap_or_else(|| Name::Own(Box::new((t.id.clone(), t.area.clone(), t.label.clone()))))
        };
        let phase = |id: &str, title: &str| {
            at(mock
                .phases
                .iter()
                .position(|p| p.id == id && p.title == title))
            .unwrap_or_else(|| Name::Own(Box::new((id.into(), title.into(), String::new()))))
        };
        let mock_pacing = (session.mode == Mode::Mock).then(|| {
            pacing(session, rubric, mock)
                .into_iter()
                .map(|p| (phase(&p.id, &p.title), p.spent_seconds, p.budget_seconds))
                .collect()
        });
        ScoresFile {
            overall: card.overall.to_bits(),
            empty: session.answer_inputs().is_empty(),
            areas: card
                .areas
                .iter()
                .map(|a| (area(&a.id, &a.title), a.score.to_bits()))
                .collect(),
            criteria: super::attempted(session, card, rubric)
                .map(|t| (criterion(t), status_code(t.status)))
                .collect(),
            minutes: session.minutes,
            pacing: mock_pacing,
            ..ScoresFile::default()
        }
        .try_into()
        .expect("made from names, not packed text")
    }

    pub fn overall(&self) -> f32 {
        f32::from_bits(self.overall)
    }

    /// The names `r` stands for (id, second, third), from `list` (the
    /// content's) or the record's own; empty when out of range (never for
    /// a record made under the same content).
    fn names<'a>(
        &'a self,
        r: NameRef,
        content: impl FnOnce(usize) -> Option<(&'a str, &'a str, &'a str)>,
    ) -> (&'a str, &'a str, &'a str) {
        if r & OWN != 0 {
            self.own
                .get(usize::from(r & !OWN))
                .map_or(("", "", ""), |b| (b.0.as_str(), b.1.as_str(), b.2.as_str()))
        } else {
            content(usize::from(r)).unwrap_or(("", "", ""))
        }
    }
}

/// A session in the history: its summary and its scores — `None` while
/// not yet scored under the current content and scorer (the review shows
/// no statistic until every session has them; as an [`Attempt`], such a
/// record scores nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub summary: Summary,
    pub scores: Option<Scores>,
}

/// What a record not yet scored reads as.
static UNSCORED: Scores = Scores {
    overall: 0,
    empty: true,
    areas: Vec::new(),
    criteria: Vec::new(),
    minutes: None,
    pacing: None,
    own: Vec::new(),
};

impl Record {
    pub fn new(summary: Summary, scores: Scores) -> Record {
        Record {
            summary,
            scores: Some(scores),
        }
    }

    /// Its scores, or nothing scored.
    fn sc(&self) -> &Scores {
        self.scores.as_ref().unwrap_or(&UNSCORED)
    }

    /// Its overall score, once scored.
    pub fn overall_score(&self) -> Option<f32> {
        self.scores.as_ref().map(Scores::overall)
    }
}

impl Attempt for Record {
    fn id(&self) -> &str {
        &self.summary.id
    }
    fn scenario(&self) -> &str {
        &self.summary.scenario
    }
    fn mode(&self) -> Mode {
        self.summary.mode
    }
    fn status(&self) -> SessionStatus {
        self.summary.status
    }
    fn started_at(&self) -> DateTime<Utc> {
        self.summary.started_at
    }
    fn ended_at(&self) -> Option<DateTime<Utc>> {
        self.summary.ended_at
    }
    fn predicted_score(&self) -> Option<u8> {
        self.summary.predicted_score
    }
    fn overall(&self) -> f32 {
        self.sc().overall()
    }
    fn areas<'a>(&'a self, rubric: &'a Rubric) -> Vec<(&'a str, &'a str, f32)> {
        let list = |i: usize| {
            let a = rubric.areas.get(i)?;
            Some((a.id.as_str(), a.title.as_str(), ""))
        };
        self.sc()
            .areas
            .iter()
            .map(|(n, score)| {
                let (id, title, _) = self.sc().names(*n, list);
                (id, title, f32::from_bits(*score))
            })
            .collect()
    }
    fn attempted<'a>(&'a self, rubric: &'a Rubric) -> Vec<Tried<'a>> {
        let mut all = Vec::new();
        self.each_attempted(rubric, &mut |t| all.push(t));
        all
    }
    fn each_attempted<'a>(&'a self, rubric: &'a Rubric, f: &mut dyn FnMut(Tried<'a>)) {
        let list = |i: usize| {
            let c = rubric.criteria.get(i)?;
            Some((c.id.as_str(), c.area.as_str(), c.label.as_str()))
        };
        for (n, code) in &self.sc().criteria {
            let (id, area, label) = self.sc().names(*n, list);
            f(Tried {
                id,
                area,
                label,
                status: status_of(*code),
            });
        }
    }
    fn pacing(&self, _: &Rubric, mock: &MockProfile) -> (u32, Vec<PhasePace>) {
        let list = |i: usize| {
            let p = mock.phases.get(i)?;
            Some((p.id.as_str(), p.title.as_str(), ""))
        };
        let phases = self.sc().pacing.iter().flatten().map(|(n, spent, budget)| {
            let (id, title, _) = self.sc().names(*n, list);
            PhasePace {
                id: id.to_string(),
                title: title.to_string(),
                spent_seconds: *spent,
                budget_seconds: *budget,
            }
        });
        (self.sc().minutes.unwrap_or(mock.minutes), phases.collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outside_the_content_are_spelled_out_and_read_back() {
        let file = ScoresFile {
            overall: 42.5f32.to_bits(),
            empty: false,
            areas: vec![(Name::At(1), 50f32.to_bits())],
            criteria: vec![
                (Name::At(3), 2),
                (Name::Own(Box::new(("x".into(), "a".into(), "X".into()))), 1),
            ],
            minutes: Some(30),
            pacing: None,
            ..ScoresFile::default()
        };
        let s = Scores::try_from(file.clone()).unwrap();
        assert_eq!(s.criteria, [(3, 2), (OWN, 1)]);
        assert_eq!(s.names(OWN, |_| None), ("x", "a", "X"));
        assert_eq!(s.names(5, |_| None), ("", "", ""));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Scores>(&json).unwrap(), s);
        // Areas are content positions: packed; the criteria are not.
        let back = ScoresFile::from(s);
        assert_eq!(back.areas_packed, Packed(vec![(1, 50f32.to_bits())]));
        assert_eq!(back.criteria, file.criteria);
    }

    #[test]
    fn names_read_as_positions_or_three_names() {
        let n: Vec<Name> = serde_json::from_str(r#"[7, ["a", "b", "c"]]"#).unwrap();
        assert_eq!(n[0], Name::At(7));
        assert_eq!(
            n[1],
            Name::Own(Box::new(("a".into(), "b".into(), "c".into())))
        );
        for bad in [
            r#"["a", "b"]"#,
            r#"["a", "b", "c", "d"]"#,
            "-1",
            "70000",
            r#""a""#,
        ] {
            assert!(serde_json::from_str::<Name>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn packed_lists_read_back_and_bad_ones_are_refused() {
        let s: Scores =
            serde_json::from_str(r#"{"o":0,"ap":"00a42480000","cp":"002201f0"}"#).unwrap();
        assert_eq!(s.areas, [(10, 0x4248_0000)]);
        assert_eq!(s.criteria, [(2, 2), (0x1f, 0)]);
        let round: Scores = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(round, s);
        for bad in [r#"{"o":0,"cp":"00220"}"#, r#"{"o":0,"cp":"zz12"}"#] {
            assert!(serde_json::from_str::<Scores>(bad).is_err(), "{bad}");
        }
    }
}
