//! The person's course, computed once per run: every logged row judged, where that left the
//! person, the stage visits and what ended each, stops and their clearances, and the plan as
//! projected now and as it was projected on the first day. Every view renders this value and
//! nothing else (the report's timelines, the tables, the calendar).

use chrono::NaiveDate;

use super::plan::{Replay, pass};
use super::progression::{Decision, Judged, State};
use crate::model::{CorrectionKind, Gates, LogEntry, Plan, Profile, Program, SessionLog, Triage};

/// The course: one pass over the log (plus the first day's projection, from an empty log).
#[derive(Debug, Clone)]
pub struct Course {
    /// Past slots and the projection from today.
    pub plan: Plan,
    /// Every row judged, and the state after the last.
    pub replay: Replay,
    /// Stage visits in order (a stage may be visited again after a step back or a stop).
    pub visits: Vec<Visit>,
    /// Stops in order, with their clearances.
    pub stops: Vec<Stop>,
    /// The plan as projected on the first day, every gate passing.
    pub original: Plan,
    /// Rows withdrawn or replaced by a correction, in date order: kept in the log and shown
    /// in the history, struck out, never judged.
    pub struck: Vec<LogEntry>,
    /// Therapists' notes in force (`graded note`), in date order: shown, never judged.
    pub notes: Vec<LogEntry>,
    /// Red-flag reports taken back by a correction (said in status and the report).
    pub withdrawn_flags: Vec<WithdrawnFlag>,
    /// The gates sessions were judged under, from the start on: a span per stage visit, split
    /// wherever a therapist's gate adjustment begins or ends ([`gate_spans`]).
    pub gate_spans: Vec<GateSpan>,
    /// The gates in force today, in today's stage, after adjustments.
    pub gates_today: Gates,
}

/// The gates in force from a day on (until the next span's day).
#[derive(Debug, Clone, PartialEq)]
pub struct GateSpan {
    /// The first day.
    pub from: NaiveDate,
    /// The gates, after adjustments.
    pub gates: Gates,
}

/// The gates in force over the course: for each stage visit, its stage's gates tightened by
/// the adjustments in force ([`crate::model::adjust::tightened`]), a new span wherever a gate
/// adjustment begins (`made`) or ends (the day after `until`) within the visit [SYNTH].
pub fn gate_spans(program: &Program, profile: &Profile, visits: &[Visit]) -> Vec<GateSpan> {
    let mut edges: Vec<NaiveDate> = profile
        .adjust
        .iter()
        .filter(|a| matches!(a.kind, crate::model::AdjustKind::Gate { .. }))
        .flat_map(|a| [Some(a.made), a.until.map(|u| u + chrono::Duration::days(1))])
        .flatten()
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut spans = Vec::with_capacity(visits.len());
    for (i, v) in visits.iter().enumerate() {
        let next = visits.get(i + 1).map(|n| n.start);
        let inside = edges
            .iter()
            .copied()
            .filter(|&d| d > v.start && next.is_none_or(|n| d < n));
        for from in std::iter::once(v.start).chain(inside) {
            let stage = &program.stages[v.stage].gates;
            let gates = crate::model::adjust::tightened(&profile.adjust, from, stage).0;
            spans.push(GateSpan { from, gates });
        }
    }
    spans
}

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
            crate::model::red_flag::ids(&self.flags, ", "),
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
    /// The reason that made it.
    pub reason: String,
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

impl Course {
    /// A course made of a plan and a replay already computed (a hand-built document), with no
    /// visits, stops or first-day projection; today's gates are those of the replay's stage.
    pub fn from_parts(plan: Plan, replay: Replay, program: &Program, profile: &Profile) -> Course {
        let stage = &program.stages[replay.state.stage()].gates;
        let gates_today = crate::model::adjust::tightened(&profile.adjust, plan.today, stage).0;
        Course {
            gate_spans: vec![],
            gates_today,
            original: plan.heading(plan.today),
            plan,
            replay,
            visits: vec![],
            stops: vec![],
            struck: vec![],
            notes: vec![],
            withdrawn_flags: vec![],
        }
    }
}

/// Computes the course: the log replayed in date order up to `today` (or its last session),
/// then projected `weeks` weeks ahead or, without a horizon, to the end of the program.
pub fn course(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
) -> Course {
    let mut course = pass(program, profile, log, today, weeks);
    course.original = pass(
        program,
        profile,
        &SessionLog::default(),
        profile.start,
        None,
    )
    .plan;
    course
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
            stage: state.stage,
            stopped: state.stopped.is_some(),
            completed: state.completed,
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
        if let Some(s) = &state.stopped {
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
                    reason: deciding_reason(j),
                    completed,
                });
            }
        };
        if after.stage != before.stage {
            close(&mut self.visits, j.decision, false);
            self.visits.push(Visit {
                stage: after.stage,
                start: date,
                end: None,
            });
        }
        match (&after.stopped, before.stopped) {
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
                    stage: after.stage,
                    start: date,
                    end: None,
                });
            }
            (None, false) => {}
        }
        if !before.completed && after.completed {
            close(&mut self.visits, Decision::Advance, true);
        }
    }
}

/// The reason behind a decision that moved the person: the rule that made the move, else the
/// last reason given.
fn deciding_reason(j: &Judged) -> String {
    j.reasons
        .iter()
        .find(|r| r.rule.moves_stage())
        .or(j.reasons.last())
        .map(|r| r.text.to_string())
        // Never an empty "why": the decision and its day at the least.
        .unwrap_or_else(|| format!("{} on {}", j.decision.as_str(), j.entry.date))
}
