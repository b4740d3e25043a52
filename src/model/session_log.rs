//! The session log: `log.csv` in the workspace, one row per logged session (or screen, or resume).

use chrono::NaiveDate;
use serde::Serialize;

/// What a log row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// A training session and its pain scores.
    Session,
    /// A repeated red-flag screen (`graded screen`).
    Screen,
    /// A clinician's clearance after a stop (`graded resume`).
    Resume,
}

impl EntryKind {
    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Session => "session",
            EntryKind::Screen => "screen",
            EntryKind::Resume => "resume",
        }
    }
}

/// Whether the planned session was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionStatus {
    /// Done in full.
    Done,
    /// Done in part: counts as a session but never toward progression.
    Partial,
    /// Not done.
    Skipped,
}

impl SessionStatus {
    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Done => "done",
            SessionStatus::Partial => "partial",
            SessionStatus::Skipped => "skipped",
        }
    }
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    /// The CSV line it was read from (1-based; the header is line 1), 0 when not from a file.
    #[serde(skip)]
    pub line: usize,
    /// Date of the session.
    pub date: NaiveDate,
    /// Session, screen or resume.
    pub kind: EntryKind,
    /// Done, partial or skipped (sessions only).
    pub status: SessionStatus,
    /// Worst pain during the session, 0-10.
    pub pain_during: Option<u8>,
    /// Pain right after, 0-10.
    pub pain_after: Option<u8>,
    /// Pain the next morning, 0-10.
    pub next_morning: Option<u8>,
    /// Morning stiffness, minutes.
    pub stiffness_min: Option<u32>,
    /// Effort, RPE 0-10.
    pub rpe: Option<u8>,
    /// Red-flag symptom ids.
    pub symptoms: Vec<String>,
    /// Free text (for a resume: who cleared the person).
    pub note: String,
}

impl LogEntry {
    /// An empty session row on `date`.
    pub fn session(date: NaiveDate) -> LogEntry {
        LogEntry {
            line: 0,
            date,
            kind: EntryKind::Session,
            status: SessionStatus::Done,
            pain_during: None,
            pain_after: None,
            next_morning: None,
            stiffness_min: None,
            rpe: None,
            symptoms: vec![],
            note: String::new(),
        }
    }

    /// The worse of pain during and after.
    pub fn session_pain(&self) -> Option<u8> {
        self.pain_during.max(self.pain_after)
    }
}

/// The whole log, in file order (graded never reorders the file; the engine replays by date).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionLog {
    /// Rows.
    pub entries: Vec<LogEntry>,
}
