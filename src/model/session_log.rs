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
    /// A physical therapist's or clinician's note (`graded note`): its author in the `status`
    /// column (a note has no status), its text in `note`. Never judged: the engine sets note
    /// rows aside before it replays the log.
    Note,
}

impl EntryKind {
    /// The CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Session => "session",
            EntryKind::Screen => "screen",
            EntryKind::Resume => "resume",
            EntryKind::Note => "note",
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

/// Where a row's scores came from: typed in graded, or read from the person's calendar by
/// `graded sync` (the log's `source` column, issue 23).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Typed in graded (`graded log`, `screen`, `resume`, `note`, or by hand).
    #[default]
    Graded,
    /// The session's scores (and its next-morning score, when that came too) were read from
    /// its calendar event.
    Calendar,
    /// Logged in graded; its next-morning score was read from the calendar's reminder.
    CalendarMorning,
}

impl Source {
    /// The log's spelling (empty for graded's own).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Graded => "",
            Source::Calendar => "calendar",
            Source::CalendarMorning => "calendar-morning",
        }
    }

    /// Reads the log's spelling of a row from the calendar (not the empty one).
    pub fn parse(s: &str) -> Option<Source> {
        match s {
            "calendar" => Some(Source::Calendar),
            "calendar-morning" => Some(Source::CalendarMorning),
            _ => None,
        }
    }
}

/// What a correction did to a row (`graded log --amend` / `--undo`). Nothing is erased: a row
/// taken back stays in the log, struck out, like a correction in a clinical record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionKind {
    /// Taken back (`--undo`): struck out, not judged.
    Withdrawn,
    /// Superseded by the amended row written right after it (`--amend`): struck out, not judged.
    Replaced,
    /// The corrected row that replaced the one before it: in force, judged.
    Amended,
}

impl CorrectionKind {
    /// The word in the log's `correction` column.
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionKind::Withdrawn => "withdrawn",
            CorrectionKind::Replaced => "replaced",
            CorrectionKind::Amended => "amended",
        }
    }
}

/// A row's correction: what was done, on which day, and why (the `correction` column:
/// `withdrawn 2026-11-30: answered yes by mistake`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// Withdrawn, replaced or amended.
    pub kind: CorrectionKind,
    /// The day the correction was made.
    pub date: NaiveDate,
    /// Why (may be empty; required to take back a red flag).
    pub reason: String,
}

impl std::fmt::Display for Correction {
    /// The `correction` column's text: `replaced 2026-11-30`, `withdrawn 2026-11-30: reason`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind.as_str(), self.date)?;
        if !self.reason.is_empty() {
            write!(f, ": {}", self.reason)?;
        }
        Ok(())
    }
}

/// Whether a row was typed in graded (its source left out of JSON).
fn is_graded(s: &Source) -> bool {
    *s == Source::Graded
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
    /// Typed in graded, or read from the calendar (`graded sync`).
    #[serde(skip_serializing_if = "is_graded")]
    pub source: Source,
    /// Worst pain during the session.
    pub pain_during: Option<Pain>,
    /// Pain right after.
    pub pain_after: Option<Pain>,
    /// Pain the next morning.
    pub next_morning: Option<Pain>,
    /// Morning stiffness, minutes.
    pub stiffness_min: Option<u32>,
    /// Muscle soreness after training (DOMS) the next morning, 0-10: recorded apart from the
    /// back pain of `next_morning`, shown beside it, and never judged [SYNTH].
    pub soreness: Option<Pain>,
    /// Effort of the whole session, RPE 0-10.
    pub rpe: Option<u8>,
    /// Effort of single lifts (`squat=7.5`), RPE 0-10 in half points: wins over the session's
    /// for that lift.
    pub lift_rpe: Vec<(String, f64)>,
    /// Red-flag symptom ids.
    pub symptoms: Vec<super::Symptom>,
    /// Free text (for a resume: who cleared the person).
    pub note: String,
    /// A correction made to the row, if any: a withdrawn or replaced row is kept but not judged.
    pub correction: Option<Correction>,
    /// Who wrote a note row (`Dr Lee, PT`); empty for every other kind.
    pub author: String,
}

impl LogEntry {
    /// An empty session row on `date`.
    pub fn session(date: NaiveDate) -> LogEntry {
        LogEntry {
            line: 0,
            date,
            kind: EntryKind::Session,
            status: SessionStatus::Done,
            source: Source::Graded,
            pain_during: None,
            pain_after: None,
            next_morning: None,
            stiffness_min: None,
            soreness: None,
            rpe: None,
            lift_rpe: vec![],
            symptoms: vec![],
            note: String::new(),
            correction: None,
            author: String::new(),
        }
    }

    /// Whether the row counts: not withdrawn, not replaced. The engine judges only these.
    pub fn in_force(&self) -> bool {
        !matches!(
            self.correction.as_ref().map(|c| c.kind),
            Some(CorrectionKind::Withdrawn | CorrectionKind::Replaced)
        )
    }

    /// The effort logged for `lift` itself (its top set): never the session's, which says how
    /// the whole session felt, not one lift [RPE][BBM].
    pub fn rpe_for(&self, lift: &str) -> Option<f64> {
        self.lift_rpe
            .iter()
            .find(|(l, _)| l == lift)
            .map(|&(_, r)| r)
    }

    /// The `rpe` column: the session's RPE and `lift=RPE` pairs, `;`-separated (`7;squat=8`).
    pub fn rpe_text(&self) -> String {
        let mut out = String::new();
        self.write_rpe(&mut out);
        out
    }

    /// Appends [`LogEntry::rpe_text`] to `out`.
    pub fn write_rpe(&self, out: &mut String) {
        use std::fmt::Write as _;
        let mut sep = "";
        if let Some(r) = self.rpe {
            let _ = write!(out, "{r}");
            sep = ";";
        }
        for (l, r) in &self.lift_rpe {
            let _ = write!(out, "{sep}{l}={r}");
            sep = ";";
        }
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
    /// Sessions moved on the calendar (`moves.csv`, issue 23), in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<super::SessionMove>,
}

impl SessionLog {
    /// One morning follows every session of a day [24H]: `pain` (with the stiffness and the
    /// soreness, when given) written to each in-force session of `date` not skipped and still
    /// without its morning score. The indices of the rows written.
    pub fn fill_morning(
        &mut self,
        date: NaiveDate,
        pain: Pain,
        stiffness_min: Option<u32>,
        soreness: Option<Pain>,
    ) -> Vec<usize> {
        let mut written = Vec::new();
        for (i, e) in self.entries.iter_mut().enumerate() {
            if e.kind != EntryKind::Session
                || e.date != date
                || e.status == SessionStatus::Skipped
                || e.next_morning.is_some()
                || !e.in_force()
            {
                continue;
            }
            e.next_morning = Some(pain);
            if stiffness_min.is_some() {
                e.stiffness_min = stiffness_min;
            }
            if soreness.is_some() {
                e.soreness = soreness;
            }
            written.push(i);
        }
        written
    }
}
