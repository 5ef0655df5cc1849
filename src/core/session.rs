//! The saved-session data model (one YAML file per session).
//!
//! A session holds everything needed to replay and re-score it later:
//! the answers, time spent, hints revealed and the events of a mock
//! interview. The store (`core::store`) reads and writes these files: its
//! `yaml` module adds `Session::to_yaml` and `Session::from_yaml`, so the
//! model does not depend on the store.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The schema this binary writes. Files with a newer version are refused.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Practice,
    Mock,
    Drill,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Mock => "mock",
            Mode::Drill => "drill",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    InProgress,
    Complete,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "in_progress",
            SessionStatus::Complete => "complete",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema_version: u32,
    /// Also the file stem, e.g. `2026-11-26T23-40-12_fraud-detection_k3f9`.
    pub id: String,
    pub scenario: String,
    pub mode: Mode,
    pub started_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    pub status: SessionStatus,
    /// Fingerprint of the content the session was written against.
    pub content_version: String,
    /// Mock interviews: the length in minutes and the curveball seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The question the user was on (to resume exactly there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_question: Option<String>,
    /// Cursor (row, column) in the current question's editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<(usize, usize)>,
    /// Drill sessions: the questions drilled, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// The user's own prediction of their overall score, made before the reveal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicted_score: Option<u8>,
    /// Seconds the clock ran (pauses excluded).
    #[serde(default)]
    pub elapsed_seconds: u64,
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Question id, `curveball:<id>` for a response to a curveball, or
    /// `probe:<target>` for the answer to a follow-up.
    pub question: String,
    /// Written as a `|` block scalar.
    pub text: String,
    #[serde(default)]
    pub seconds: u64,
    #[serde(default)]
    pub hints: u32,
}

/// Something that happened during the session, at `at` seconds of session
/// clock time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: u64,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A clarifying question; `fact` is the id of the fact it revealed.
    Asked {
        question: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fact: Option<String>,
        reply: String,
    },
    /// A curveball shown by the client.
    Curveball {
        id: String,
        text: String,
    },
    /// A follow-up the interviewer asked at the end of a phase, on the key
    /// point or criterion `target` (answered as `probe:<target>`).
    Probe {
        target: String,
        text: String,
    },
    /// A phase of a mock interview started.
    Phase {
        id: String,
    },
    Paused,
    Resumed,
    /// A hint was revealed for a question.
    Hint {
        question: String,
    },
    /// Time ran out; answers were locked.
    TimeUp,
}

impl Session {
    /// A new, empty, in-progress session (the store gives it an id when
    /// it is first saved).
    pub fn new(
        scenario: &str,
        mode: Mode,
        started_at: DateTime<Utc>,
        content_version: &str,
    ) -> Session {
        Session {
            schema_version: SCHEMA_VERSION,
            id: String::new(),
            scenario: scenario.to_string(),
            mode,
            started_at,
            ended_at: None,
            status: SessionStatus::InProgress,
            content_version: content_version.to_string(),
            minutes: None,
            seed: None,
            current_question: None,
            cursor: None,
            questions: Vec::new(),
            predicted_score: None,
            elapsed_seconds: 0,
            answers: Vec::new(),
            events: Vec::new(),
        }
    }

    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.question == question)
    }
    pub fn answer_mut(&mut self, question: &str) -> &mut Answer {
        if let Some(i) = self.answers.iter().position(|a| a.question == question) {
            &mut self.answers[i]
        } else {
            self.answers.push(Answer {
                question: question.to_string(),
                text: String::new(),
                seconds: 0,
                hints: 0,
            });
            self.answers.last_mut().expect("just pushed")
        }
    }
}

/// The last line of every session file. A file without it was cut short
/// (the store writes atomically, so only a copy or an editor can do that).
pub const END_MARKER: &str = "# end of session";

/// Why a session file could not be read, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFileError {
    /// 1-based; 0 when the problem is not tied to a place in the file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for SessionFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for SessionFileError {}

impl Session {
    /// Nothing in it worth keeping: no answer text, no hint taken, no
    /// question asked of the client (a session opened and left at once).
    pub fn is_blank(&self) -> bool {
        self.answers
            .iter()
            .all(|a| a.text.trim().is_empty() && a.hints == 0)
            && !self
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Asked { .. } | EventKind::Hint { .. }))
            && self.predicted_score.is_none()
    }

    /// The answers as scorer input (empty answers left out).
    pub fn answer_inputs(&self) -> Vec<crate::core::scoring::AnswerInput<'_>> {
        self.answers
            .iter()
            .filter(|a| !a.text.trim().is_empty())
            .map(|a| crate::core::scoring::AnswerInput {
                question: &a.question,
                text: &a.text,
            })
            .collect()
    }

    /// Total words written across all answers.
    pub fn word_count(&self) -> usize {
        self.answers
            .iter()
            .map(|a| a.text.split_whitespace().count())
            .sum()
    }
}
