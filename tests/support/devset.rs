//! What the scoring tests on blind-written answers share: the fixture
//! format (Markdown with YAML front matter: kind, the interviewer's grade,
//! the wrong sentences verbatim), one scorer per scenario, and rank
//! correlation.
#![allow(dead_code)]

use mlsd_coach::core::content::{Content, Scenario};
use mlsd_coach::core::scoring::{AnswerInput, Scorecard, Scorer};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Front {
    pub kind: String,
    /// The candidate's level where a set spreads one style over several
    /// (strong, average, weak; generic for a recited framework).
    pub level: Option<String>,
    pub grade: Option<f32>,
    pub scenario: Option<String>,
    pub wrong: Vec<String>,
    pub fit: Vec<String>,
    pub grades: BTreeMap<String, f32>,
}

#[derive(Debug)]
pub struct Answer {
    pub scenario: String,
    pub file: String,
    pub front: Front,
    pub body: String,
}

pub fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

fn dir() -> PathBuf {
    fixtures("devset")
}

pub fn parse(path: &Path, scenario: &str) -> Answer {
    let text = std::fs::read_to_string(path).expect("readable fixture");
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (front, body) = rest.split_once("\n---\n").expect("end of front matter");
    let front: Front = serde_yaml::from_str(front).expect("front matter parses");
    Answer {
        scenario: front
            .scenario
            .clone()
            .unwrap_or_else(|| scenario.to_string()),
        file: path.file_name().unwrap().to_string_lossy().into_owned(),
        front,
        body: body.to_string(),
    }
}

pub fn answers_in(sub: &str) -> Vec<Answer> {
    answers_under(&dir(), sub)
}

/// The answers in `root/sub`, in file name order.
pub fn answers_under(root: &Path, sub: &str) -> Vec<Answer> {
    let d = root.join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "md"));
    files.sort();
    files.iter().map(|p| parse(p, sub)).collect()
}

pub fn scenario_dirs() -> Vec<String> {
    dirs_under(&dir())
}

/// The scenario directories under `root` (not the `_special` ones).
pub fn dirs_under(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('_'))
        .collect();
    v.sort();
    v
}

pub struct Scored {
    pub card: Scorecard,
    /// The sentences that raised a red flag, normalised (`norm`).
    pub flagged: Vec<String>,
}

impl Scored {
    /// Whether the scorer flagged the sentence (quoted verbatim in `wrong:`).
    pub fn is_flagged(&self, wrong: &str) -> bool {
        let n = norm(wrong);
        self.flagged
            .iter()
            .any(|f| f.contains(&n) || n.contains(f.as_str()))
    }

    /// Flagged sentences the interviewer did not mark wrong.
    pub fn other_flagged(&self, wrong: &[String]) -> usize {
        let wrong: Vec<String> = wrong.iter().map(|w| norm(w)).collect();
        self.flagged
            .iter()
            .filter(|f| {
                !wrong
                    .iter()
                    .any(|w| f.contains(w.as_str()) || w.contains(f.as_str()))
            })
            .count()
    }
}

thread_local! {
    /// One scorer per scenario (compiling is the slow part in a debug build).
    static SCORERS: std::cell::RefCell<BTreeMap<String, std::rc::Rc<Scorer>>> =
        const { std::cell::RefCell::new(BTreeMap::new()) };
}

pub fn score(content: &Content, s: &Scenario, body: &str) -> Scored {
    let scorer = SCORERS.with(|m| {
        m.borrow_mut()
            .entry(s.id.clone())
            .or_insert_with(|| std::rc::Rc::new(Scorer::new(content, Some(s))))
            .clone()
    });
    let input = [AnswerInput {
        question: "answer",
        text: body,
    }];
    let flagged = scorer
        .explain(&input)
        .into_iter()
        .filter(|r| !r.flags.is_empty())
        .map(|r| norm(&r.text))
        .collect();
    Scored {
        card: scorer.score(&input),
        flagged,
    }
}

/// Below a minimum, or missing (NaN: the file was not there).
pub fn below(x: f32, min: f32) -> bool {
    x.is_nan() || x < min
}

pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn ranks(xs: &[f32]) -> Vec<f32> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f32 / 2.0 + 1.0;
        for k in &idx[i..=j] {
            r[*k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Mean absolute difference.
pub fn mae(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len().max(1) as f32
}

pub fn spearman(a: &[f32], b: &[f32]) -> f32 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f32;
    let (ma, mb) = (ra.iter().sum::<f32>() / n, rb.iter().sum::<f32>() / n);
    let cov: f32 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f32 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f32 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}
