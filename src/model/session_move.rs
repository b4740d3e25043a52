//! A session moved to another day or time (issue 23): moved on the phone, read back by
//! `graded sync`, kept in `moves.csv` and taken by the plan. Input data, like the log: the
//! engine takes the moves in force and re-flows the sessions after them.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::Correction;

/// One move, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionMove {
    /// The CSV line it was read from (1-based; the header is line 1), 0 when not from a file.
    #[serde(skip)]
    pub line: usize,
    /// The day it was recorded.
    pub recorded: NaiveDate,
    /// The session's day in the plan (its calendar event's UID is made from it).
    pub session: NaiveDate,
    /// The day it moved to.
    pub to: NaiveDate,
    /// The local time it starts then.
    pub time: NaiveTime,
    /// Where the move came from (`calendar`).
    pub source: String,
    /// Taken back (`graded sync --undo-move`): kept, struck out, not taken by the plan.
    pub correction: Option<Correction>,
}

impl SessionMove {
    /// Whether the plan takes it: not taken back.
    pub fn in_force(&self) -> bool {
        self.correction.is_none()
    }
}

/// The moves in force, by the session's day in the plan: the last recorded of each wins.
pub fn in_force(moves: &[SessionMove]) -> std::collections::BTreeMap<NaiveDate, &SessionMove> {
    moves
        .iter()
        .filter(|m| m.in_force())
        .map(|m| (m.session, m))
        .collect()
}
