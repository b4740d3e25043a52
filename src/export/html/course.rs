//! The person's course as the report tells it: stage visits and what ended each, stops and
//! clearances, and the stage dates the plan expected at the start and expects now. Derived
//! from the document alone by replaying the judged rows through the engine's state machine.

use chrono::NaiveDate;

use crate::engine::{Decision, Judged, State, build_plan};
use crate::export::Document;
use crate::model::{EntryKind, SessionLog, SlotStatus, Triage};

/// What ended a stage visit.
pub(super) struct End {
    /// The day of the decision.
    pub date: NaiveDate,
    /// Advance, regress or stop.
    pub decision: Decision,
    /// The reason that made it.
    pub reason: String,
    /// The stage was the last one and is complete.
    pub completed: bool,
}

/// A stretch of time in one stage (a stage may be visited again after a regression or a stop).
pub(super) struct Visit {
    /// 0-based stage.
    pub stage: usize,
    /// The day it began.
    pub start: NaiveDate,
    /// What ended it; `None` while it lasts.
    pub end: Option<End>,
}

/// A stop, and the clearance that lifted it.
pub(super) struct Stop {
    /// The day of the stop.
    pub date: NaiveDate,
    /// How urgently to be seen.
    pub triage: Triage,
    /// Red flags (empty for two red sessions).
    pub flags: Vec<String>,
    /// The day of the clearance and who gave it.
    pub resumed: Option<(NaiveDate, String)>,
}

/// Planned dates of one stage: from the day it begins to its last session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// Everything the sections share.
pub(super) struct Course<'a> {
    /// The document.
    pub doc: &'a Document<'a>,
    /// Logged training sessions (done, partial or skipped), in date order.
    pub sessions: Vec<&'a Judged>,
    /// Stage visits in order.
    pub visits: Vec<Visit>,
    /// Stops in order.
    pub stops: Vec<Stop>,
    /// Per stage: the dates the plan expected on the first day, every gate passing.
    pub original: Vec<Option<Span>>,
    /// Per stage: the dates the plan expects now, for the current and later stages.
    pub expected: Vec<Option<Span>>,
    /// The first day of the program: day 0 of every time axis.
    pub origin: NaiveDate,
    /// The last day the log covers: today, or a later logged date.
    pub until: NaiveDate,
}

impl<'a> Course<'a> {
    /// Derives the course from a document.
    pub fn new(doc: &'a Document<'a>) -> Course<'a> {
        let judged = &doc.replay.judged;
        let sessions: Vec<&Judged> = judged
            .iter()
            .filter(|j| j.entry.kind == EntryKind::Session)
            .collect();
        let (visits, stops) = visits(doc);
        let origin = doc.profile.start;
        let until = judged
            .iter()
            .map(|j| j.entry.date)
            .max()
            .map_or(doc.plan.today, |d| d.max(doc.plan.today));
        let stages = doc.program.stages.len();

        let (first, _) = build_plan(
            doc.program,
            doc.profile,
            &SessionLog::default(),
            doc.profile.start,
            None,
        );
        let original = spans(
            stages,
            first.sessions.iter().map(|s| (s.stage, s.date)),
            Some((0, origin)),
        );

        let state = &doc.replay.state;
        let expected = if state.stopped.is_some() || state.completed {
            vec![None; stages]
        } else {
            let current = visits.last().map_or(origin, |v| v.start);
            spans(
                stages,
                doc.plan
                    .sessions
                    .iter()
                    .filter(|s| s.status == SlotStatus::Planned)
                    .map(|s| (s.stage, s.date)),
                Some((state.stage, current)),
            )
        };
        Course {
            doc,
            sessions,
            visits,
            stops,
            original,
            expected,
            origin,
            until,
        }
    }
}

/// Per stage, from (1-based stage, session date) pairs in date order: a stage begins on the day
/// of its predecessor's last session (when the advance happens) and ends on its own last
/// session. `current` (0-based stage, day) pins the start of the stage in progress to the day
/// it actually began. Stage numbers the program does not have are left out.
fn spans(
    stages: usize,
    sessions: impl Iterator<Item = (usize, NaiveDate)>,
    current: Option<(usize, NaiveDate)>,
) -> Vec<Option<Span>> {
    let mut last: Vec<Option<NaiveDate>> = vec![None; stages];
    let mut first: Vec<Option<NaiveDate>> = vec![None; stages];
    for (number, date) in sessions {
        let Some(stage) = number.checked_sub(1).filter(|s| *s < stages) else {
            continue;
        };
        first[stage].get_or_insert(date);
        last[stage] = Some(date);
    }
    (0..stages)
        .map(|s| {
            let end = last[s]?;
            let start = match current {
                Some((c, d)) if c == s => d,
                _ => s.checked_sub(1).and_then(|p| last[p]).or(first[s])?,
            };
            Some(Span {
                start: start.min(end),
                end,
            })
        })
        .collect()
}

/// The reason behind a decision that moved the person: the rule that made the move, else the
/// last reason given.
fn deciding_reason(j: &Judged) -> String {
    const MOVERS: [&str; 7] = [
        "stage complete",
        "program complete",
        "regress on red",
        "gap",
        "two reds",
        "red flag",
        "clearance",
    ];
    j.reasons
        .iter()
        .find(|r| MOVERS.contains(&r.rule))
        .or(j.reasons.last())
        .map(|r| r.text.clone())
        .unwrap_or_default()
}

/// Replays the judged rows through a fresh state to see where stages changed, stopped and
/// resumed (the rows say what was decided; the state says where that left the person).
fn visits(doc: &Document<'_>) -> (Vec<Visit>, Vec<Stop>) {
    let mut state = State::new(doc.profile);
    let mut visits = vec![Visit {
        stage: 0,
        start: doc.profile.start,
        end: None,
    }];
    let mut stops: Vec<Stop> = Vec::new();
    for j in &doc.replay.judged {
        let (stage, stopped, completed) = (state.stage, state.stopped.is_some(), state.completed);
        state.apply(doc.program, doc.profile, &j.entry);
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
        if state.stage != stage {
            close(&mut visits, j.decision, false);
            visits.push(Visit {
                stage: state.stage,
                start: date,
                end: None,
            });
        }
        if let (false, Some(s)) = (stopped, &state.stopped) {
            close(&mut visits, Decision::Stop, false);
            stops.push(Stop {
                date,
                triage: s.triage,
                flags: s.flags.clone(),
                resumed: None,
            });
        }
        if stopped && state.stopped.is_none() {
            if let Some(s) = stops.last_mut() {
                s.resumed = Some((date, j.entry.note.clone()));
            }
            visits.push(Visit {
                stage: state.stage,
                start: date,
                end: None,
            });
        }
        if !completed && state.completed {
            close(&mut visits, Decision::Advance, true);
        }
    }
    (visits, stops)
}
