//! The session log: `log.csv` in the workspace, one row per logged session (or screen, or resume).

use chrono::NaiveDate;
use serde::Serialize;

use super::Pain;

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

/// The `rpe` column read: the session's RPE and each lift's (`7;squat=7.5`).
pub type Efforts = (Option<u8>, Vec<(String, f64)>);

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
    /// Worst pain during the session.
    pub pain_during: Option<Pain>,
    /// Pain right after.
    pub pain_after: Option<Pain>,
    /// Pain the next morning.
    pub next_morning: Option<Pain>,
    /// Morning stiffness, minutes.
    pub stiffness_min: Option<u32>,
    /// Effort of the whole session, RPE 0-10.
    pub rpe: Option<u8>,
    /// Effort of single lifts (`squat=7.5`), RPE 0-10 in half points: wins over the session's
    /// for that lift.
    pub lift_rpe: Vec<(String, f64)>,
    /// Red-flag symptom ids.
    pub symptoms: Vec<super::Symptom>,
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
            lift_rpe: vec![],
            symptoms: vec![],
            note: String::new(),
        }
    }

    /// The effort logged for `lift`: its own RPE, else the session's.
    pub fn rpe_for(&self, lift: &str) -> Option<f64> {
        self.lift_rpe
            .iter()
            .find(|(l, _)| l == lift)
            .map(|&(_, r)| r)
            .or(self.rpe.map(f64::from))
    }

    /// The `rpe` column: the session's RPE and `lift=RPE` pairs, `;`-separated (`7;squat=8`).
    pub fn rpe_text(&self) -> String {
        self.rpe
            .map(|r| r.to_string())
            .into_iter()
            .chain(self.lift_rpe.iter().map(|(l, r)| format!("{l}={r}")))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The worse of pain during and after.
    pub fn session_pain(&self) -> Option<Pain> {
        self.pain_during.max(self.pain_after)
    }
}

/// The whole log, in file order (graded never reorders the file; the engine replays by date).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SessionLog {
    /// Rows.
    pub entries: Vec<LogEntry>,
}
