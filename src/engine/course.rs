//! The person's course, computed once per run: every logged row judged, where that left the
//! person, the stage visits and what ended each, stops and their clearances, and the plan as
//! projected now and as it was projected on the first day. Every view renders this value and
//! nothing else (the report's timelines, the tables, the calendar).

use chrono::NaiveDate;

use super::plan::{Replay, pass};
use super::rules::Judged;
use super::standing::Standing;
pub use super::track::{End, FinishMove, Stop, Visit, WithdrawnFlag};
use crate::model::{Gates, LogEntry, Plan, PlannedSession, Profile, Program, SessionLog};

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
    /// The plan as projected on the first day, every gate passing: only for the views that
    /// show it ([`Course::original`], [`Course::with_first_day`]).
    pub original: Option<Plan>,
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
    /// Where the person stands today ([`Standing`]).
    pub standing: Standing,
    /// The sessions logged (in force) and the training days missed, from the start to today.
    pub tally: Tally,
    /// The calendar diff, for a command that sends the plan to a calendar (an `.ics` file, a
    /// CalDAV server): computed once with the course, from what that calendar was sent before
    /// ([`Course::with_calendar`]); `None` for every other command.
    pub calendar: Option<super::calendar::CalendarDiff>,
    /// How the latest judged session moved the projected finish, when it did (worked out on
    /// request, in the same pass: [`course_with_finish_move`]).
    pub moved: Option<FinishMove>,
}

impl Course {
    /// The next planned session ([`Standing::next_session`]), none while stopped.
    pub fn next_session(&self) -> Option<&PlannedSession> {
        self.standing
            .next_session
            .and_then(|i| self.plan.sessions.get(i))
    }

    /// The latest row that moved things ([`super::standing::Latest::row`]).
    pub fn latest_row(&self) -> Option<&Judged> {
        self.standing
            .latest
            .row
            .and_then(|i| self.replay.judged.get(i))
    }

    /// The course with its calendar diff ([`super::calendar::diff`]) on top of `previous`
    /// (what earlier exports to that calendar sent), from `from` on; for a calendar that
    /// `talks_back` (CalDAV), the last week's sessions too, answered.
    pub fn with_calendar(
        mut self,
        previous: &super::calendar::CalendarState,
        profile: &Profile,
        from: Option<NaiveDate>,
        talks_back: bool,
    ) -> Course {
        self.calendar = Some(super::calendar::diff(
            previous, &self.plan, profile, from, talks_back,
        ));
        self
    }

    /// The calendar diff computed with the course.
    ///
    /// # Panics
    /// When the course was built without one: a command that renders a calendar builds it
    /// with [`Course::with_calendar`].
    pub fn calendar(&self) -> &super::calendar::CalendarDiff {
        self.calendar
            .as_ref()
            .expect("a course built with its calendar diff")
    }
}

/// How many sessions the log holds, by status (rows in force only: a struck row is not a
/// session), and how many past training days have nothing logged. Counted once, over the whole
/// course, so a view that shows only the last weeks still says the same numbers as the history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Sessions logged as done in full.
    pub done: usize,
    /// Sessions logged as done in part.
    pub partial: usize,
    /// Sessions logged as skipped.
    pub skipped: usize,
    /// Past training days with nothing logged.
    pub missed: usize,
}

impl Tally {
    /// Counts the plan's past slots (one per logged session in force, one per missed day) and,
    /// of the sessions done, those the judged rows say were done in part.
    pub fn of(judged: &[crate::engine::Judged], plan: &Plan) -> Tally {
        use crate::model::{EntryKind, SessionStatus, SlotStatus};
        let mut t = Tally::default();
        for s in &plan.sessions {
            match s.status {
                SlotStatus::Done => t.done += 1,
                SlotStatus::Skipped => t.skipped += 1,
                SlotStatus::Missed => t.missed += 1,
                SlotStatus::Planned => {}
            }
        }
        t.partial = judged
            .iter()
            .filter(|j| j.entry.kind == EntryKind::Session)
            .filter(|j| j.entry.status == SessionStatus::Partial)
            .count()
            .min(t.done);
        t.done -= t.partial;
        t
    }
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
/// the adjustments in force ([`super::rules::tightened`]), a new span wherever a gate
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
            let gates = super::rules::tightened(&profile.adjust, from, stage).0;
            spans.push(GateSpan { from, gates });
        }
    }
    spans
}

impl Course {
    /// A course made of a plan and a replay already computed (a hand-built document), with no
    /// visits, stops or first-day projection; today's gates are those of the replay's stage.
    pub fn from_parts(plan: Plan, replay: Replay, program: &Program, profile: &Profile) -> Course {
        let stage = &program.stages[replay.state.stage()].gates;
        let gates_today = super::rules::tightened(&profile.adjust, plan.today, stage).0;
        let standing = Standing::of(&replay.state, &replay.judged, &plan, &gates_today);
        Course {
            tally: Tally::of(&replay.judged, &plan),
            calendar: None,
            gate_spans: vec![],
            gates_today,
            standing,
            original: Some(plan.heading(plan.today)),
            plan,
            replay,
            visits: vec![],
            stops: vec![],
            struck: vec![],
            notes: vec![],
            withdrawn_flags: vec![],
            moved: None,
        }
    }
}

/// The projected finish: the day the program completes if every gate passes from `today` at
/// the earliest moment (`None` while stopped or never within the horizon). Compared before and
/// after a row is written, it says whether the row moved the finish.
pub fn projected_finish(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
) -> Option<NaiveDate> {
    pass(program, profile, log, today, None, false)
        .plan
        .completion
        .map(|c| c.date)
}

/// Computes the course: the log replayed in date order up to `today` (or its last session),
/// then projected `weeks` weeks ahead or, without a horizon, to the end of the program; with
/// the first day's projection.
pub fn course(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
) -> Course {
    course_today(program, profile, log, today, weeks).with_first_day(program, profile)
}

/// [`course`] without the first day's projection (a second pass, from an empty log), which
/// only the report shows: a command adds it with [`Course::with_first_day`].
pub fn course_today(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
) -> Course {
    of_pass(program, profile, log, today, weeks, false)
}

/// [`course_today`] with [`Course::moved`]: the latest judged session (its morning in) and the
/// projected finishes from its day without and with it, as the log up to that day gives them;
/// a move is kept when the two differ. Worked out in the same pass, from the state kept just
/// before that session and at the end of its day.
pub fn course_with_finish_move(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
) -> Course {
    of_pass(program, profile, log, today, weeks, true)
}

impl Course {
    /// The course with [`Course::original`]: the plan as projected on the first day, every
    /// gate passing, under the adjustments made by then (a later one is not in it).
    pub fn with_first_day(mut self, program: &Program, profile: &Profile) -> Course {
        let then = Profile {
            adjust: profile
                .adjust
                .iter()
                .filter(|a| a.made <= profile.start)
                .cloned()
                .collect(),
            ..profile.clone()
        };
        let first_day = pass(
            program,
            &then,
            &SessionLog::default(),
            profile.start,
            None,
            false,
        );
        self.original = Some(first_day.plan);
        self
    }

    /// The plan as projected on the first day.
    ///
    /// # Panics
    /// When the course was built without it: a command that shows it builds the course
    /// [`Course::with_first_day`].
    pub fn original(&self) -> &Plan {
        self.original
            .as_ref()
            .expect("a course built with its first day's projection")
    }
}

/// The course of one pass over `log` (without the first day's projection), with the finish
/// move worked out in it when `finish_move`.
fn of_pass(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
    finish_move: bool,
) -> Course {
    let now = pass(program, profile, log, today, weeks, finish_move);
    let gate_spans = gate_spans(program, profile, &now.visits);
    let gates_today = super::rules::tightened(
        &profile.adjust,
        today,
        &program.stages[now.replay.state.stage()].gates,
    )
    .0;
    let standing = Standing::of(
        &now.replay.state,
        &now.replay.judged,
        &now.plan,
        &gates_today,
    );
    Course {
        standing,
        tally: Tally::of(&now.replay.judged, &now.plan),
        calendar: None,
        plan: now.plan,
        replay: now.replay,
        visits: now.visits,
        stops: now.stops,
        original: None,
        struck: now.struck,
        notes: now.notes,
        withdrawn_flags: now.withdrawn_flags,
        gate_spans,
        gates_today,
        moved: now.moved,
    }
}
