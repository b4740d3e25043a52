//! The person's course as the report tells it: the engine's stage visits, stops and
//! clearances, and the stage dates the plan expected at the start and expects now, as spans
//! for the timelines. Nothing here judges a row again: it reads the computed course.

use chrono::NaiveDate;

use crate::engine::Judged;
use crate::export::Document;
use crate::model::{EntryKind, SlotStatus};

pub(super) use crate::engine::course::{Stop, Visit};

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
    /// The first day the charts show: the program's start, or the window's of a long course.
    pub from: NaiveDate,
    /// The logged training sessions the charts show (from `from`), in date order.
    pub charted: Vec<&'a Judged>,
    /// Stage visits in order.
    pub visits: &'a [Visit],
    /// Stops in order.
    pub stops: &'a [Stop],
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
    /// Derives the course from a document; the charts show from `window` on (the whole course
    /// when `None`, or when it begins later).
    pub fn new(doc: &'a Document<'a>, window: Option<NaiveDate>) -> Course<'a> {
        let judged = &doc.course.replay.judged;
        let sessions: Vec<&Judged> = judged
            .iter()
            .filter(|j| j.entry.kind == EntryKind::Session)
            .collect();
        let (visits, stops) = (&doc.course.visits[..], &doc.course.stops[..]);
        let origin = doc.profile.start;
        let until = judged
            .iter()
            .map(|j| j.entry.date)
            .max()
            .map_or(doc.course.plan.today, |d| d.max(doc.course.plan.today));
        let stages = doc.program.stages.len();
        let original = spans(
            stages,
            doc.course
                .original()
                .sessions
                .iter()
                .map(|s| (s.stage, s.date)),
            Some((0, origin)),
        );

        let state = &doc.course.replay.state;
        let expected = if state.stopped().is_some() || state.completed() {
            vec![None; stages]
        } else {
            let current = visits.last().map_or(origin, |v| v.start);
            spans(
                stages,
                doc.course
                    .plan
                    .sessions
                    .iter()
                    .filter(|s| s.status == SlotStatus::Planned)
                    .map(|s| (s.stage, s.date)),
                Some((state.stage(), current)),
            )
        };
        let from = window.map_or(origin, |w| w.max(origin));
        let charted = sessions
            .iter()
            .copied()
            .filter(|j| j.entry.date >= from)
            .collect();
        Course {
            doc,
            sessions,
            from,
            charted,
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
