//! What the one pass records as it judges each row: the stage visits and what ended each,
//! the stops and their clearances, and the red-flag reports taken back. The course is made of
//! these ([`super::course`]).

use chrono::NaiveDate;

use super::gate::Reason;
use super::rules::{Decision, Judged, State};
use crate::model::{CorrectionKind, Profile, Triage};

/// A red-flag report taken back by a correction: the flags a struck row reported that no row
/// in force on that day still reports.
#[derive(Debug, Clone, PartialEq)]
pub struct WithdrawnFlag {
    /// The day the flags were reported for.
    pub date: NaiveDate,
    /// The flags taken back.
    pub flags: Vec<crate::model::Symptom>,
    /// The day of the correction.
    pub on: NaiveDate,
    /// Withdrawn (`--undo`) or replaced (`--amend`).
    pub kind: CorrectionKind,
    /// Why, as given with `--reason`.
    pub reason: String,
}

impl WithdrawnFlag {
    /// One sentence: `A red-flag report of Sat 28 Nov 2026 (fever) was withdrawn on Mon 30 Nov
    /// 2026: answered yes by mistake.`
    pub fn sentence(&self) -> String {
        let how = match self.kind {
            CorrectionKind::Replaced => "amended away",
            _ => "withdrawn",
        };
        let mut s = format!(
            "A red-flag report of {} ({}) was {how} on {}",
            self.date.format("%a %d %b %Y"),
            crate::model::red_flag::in_words(&self.flags),
            self.on.format("%a %d %b %Y"),
        );
        if self.reason.is_empty() {
            s.push('.');
        } else {
            s.push_str(": ");
            s.push_str(&self.reason);
            if !self.reason.ends_with(['.', '!', '?']) {
                s.push('.');
            }
        }
        s
    }
}

/// What ended a stage visit.
#[derive(Debug, Clone, PartialEq)]
pub struct End {
    /// The day of the decision.
    pub date: NaiveDate,
    /// Advance, regress or stop.
    pub decision: Decision,
    /// The reason that made it (none when the row gave none).
    pub reason: Option<Reason>,
    /// The stage was the last one and is complete.
    pub completed: bool,
}

/// A stretch of time in one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// 0-based stage.
    pub stage: usize,
    /// The day it began.
    pub start: NaiveDate,
    /// What ended it; `None` while it lasts.
    pub end: Option<End>,
}

/// A stop, and the clearance that lifted it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    /// The day of the stop.
    pub date: NaiveDate,
    /// How urgently to be seen (the strongest in force when it was lifted, or now).
    pub triage: Triage,
    /// Red flags (empty for two red sessions or the intake's rest pain).
    pub flags: Vec<crate::model::Symptom>,
    /// What stopped it.
    pub cause: String,
    /// The day of the clearance and who gave it.
    pub resumed: Option<(NaiveDate, String)>,
}

/// Where the person stood before a row, to see what the row changed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Before {
    stage: usize,
    stopped: bool,
    completed: bool,
}

impl Before {
    /// The standing in `state`.
    pub(super) fn of(state: &State) -> Before {
        Before {
            stage: state.stage(),
            stopped: state.stopped().is_some(),
            completed: state.completed(),
        }
    }
}

/// Records stage visits and stops as the pass judges each row.
#[derive(Debug, Clone)]
pub(super) struct Tracker {
    pub(super) visits: Vec<Visit>,
    pub(super) stops: Vec<Stop>,
}

impl Tracker {
    /// A course that begins in the first stage on the first day (stopped at once if the intake
    /// stops it).
    pub(super) fn new(profile: &Profile, state: &State) -> Tracker {
        let mut t = Tracker {
            visits: vec![Visit {
                stage: 0,
                start: profile.start,
                end: None,
            }],
            stops: vec![],
        };
        if let Some(s) = state.stopped() {
            t.stops.push(Stop {
                date: s.date,
                triage: s.triage,
                flags: s.flags.clone(),
                cause: s.cause.clone(),
                resumed: None,
            });
        }
        t
    }

    /// What row `j` changed between `before` and `after`.
    pub(super) fn observe(&mut self, before: Before, after: &State, j: &Judged) {
        let date = j.entry.date;
        let close = |visits: &mut Vec<Visit>, decision: Decision, completed: bool| {
            if let Some(v) = visits.last_mut().filter(|v| v.end.is_none()) {
                v.end = Some(End {
                    date,
                    decision,
                    reason: j.why().cloned(),
                    completed,
                });
            }
        };
        if after.stage() != before.stage {
            close(&mut self.visits, j.decision, false);
            self.visits.push(Visit {
                stage: after.stage(),
                start: date,
                end: None,
            });
        }
        match (after.stopped(), before.stopped) {
            (Some(s), false) => {
                close(&mut self.visits, Decision::Stop, false);
                self.stops.push(Stop {
                    date,
                    triage: s.triage,
                    flags: s.flags.clone(),
                    cause: s.cause.clone(),
                    resumed: None,
                });
            }
            // A milder or stronger flag while stopped: the stop's record follows the state.
            (Some(s), true) => {
                if let Some(last) = self.stops.last_mut() {
                    last.triage = s.triage;
                    last.flags = s.flags.clone();
                    last.cause = s.cause.clone();
                }
            }
            (None, true) => {
                if let Some(s) = self.stops.last_mut() {
                    s.resumed = Some((date, j.entry.note.clone()));
                }
                self.visits.push(Visit {
                    stage: after.stage(),
                    start: date,
                    end: None,
                });
            }
            (None, false) => {}
        }
        if !before.completed && after.completed() {
            close(&mut self.visits, Decision::Advance, true);
        }
    }
}

/// A session that moved the projected finish: from when to when, its decision and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishMove {
    /// The session's date.
    pub session: NaiveDate,
    /// The projected finish before it.
    pub from: NaiveDate,
    /// The projected finish after it (`None`: no date within the horizon).
    pub to: Option<NaiveDate>,
    /// The session's decision.
    pub decision: Decision,
    /// Why: [`Judged::why`].
    pub why: Option<Reason>,
}
