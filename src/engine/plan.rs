//! Replays the log and projects the plan.

use chrono::{Datelike, Duration, NaiveDate};

use super::dosage;
use super::rule::Rule;
use super::rules::{Judged, State, load_cap};
use super::schedule::pattern;
use super::track::{Before, FinishMove, Stop, Tracker, Visit, WithdrawnFlag};
use crate::model::{
    AdjustKind, Completion, EntryKind, LogEntry, Pain, Pause, Plan, PlannedSession, Profile,
    Program, SessionLog, SessionStatus, SlotStatus, Stall, Symptom, rpe,
};

/// The log replayed from the start: every row judged, and where the person stands now.
#[derive(Debug, Clone)]
pub struct Replay {
    /// One per log row, in date order.
    pub judged: Vec<Judged>,
    /// The state after the last row.
    pub state: State,
}

/// Longest projection when no horizon is given (the program normally completes far sooner).
const MAX_WEEKS: i64 = 156;

/// How far a paused plan is projected: the next two weeks, at the same dose, until a clinician
/// clears the person.
const PAUSED_DAYS: i64 = 14;

/// A projection whose sessions (but the lighter weeks) stay the same, stage, step and every
/// dose, for this many days past the stage's minimum would repeat for ever: it stops, two
/// weeks into the repeat, and says why [SYNTH]. No gate of a built-in program holds a green
/// session that long; a therapist's load cap under what the finish needs does.
const STALL_DAYS: i64 = 28;

/// The rows in force, in date order (rows on one date in file order), the rows struck out
/// (withdrawn or replaced), in the same order: those are kept and shown, never judged; and the
/// therapists' notes in force, set aside here so that no rule ever sees one.
fn sorted(log: &SessionLog) -> (Vec<&LogEntry>, Vec<&LogEntry>, Vec<&LogEntry>) {
    let (mut live, mut struck): (Vec<&LogEntry>, Vec<&LogEntry>) =
        log.entries.iter().partition(|e| e.in_force());
    let (mut notes, mut live): (Vec<&LogEntry>, Vec<&LogEntry>) =
        live.drain(..).partition(|e| e.kind == EntryKind::Note);
    live.sort_by_key(|e| e.date);
    struck.sort_by_key(|e| e.date);
    notes.sort_by_key(|e| e.date);
    (live, struck, notes)
}

/// The red flags the struck rows reported that no row in force on the same day still reports:
/// taken back by a correction, each once (with the last correction that took it back).
fn withdrawn_flags(live: &[&LogEntry], struck: &[&LogEntry]) -> Vec<WithdrawnFlag> {
    let mut out: Vec<WithdrawnFlag> = Vec::new();
    for e in struck {
        let Some(c) = &e.correction else { continue };
        let flags: Vec<Symptom> = e
            .symptoms
            .iter()
            .copied()
            .filter(|s| s.flag().is_some())
            .filter(|s| {
                !live
                    .iter()
                    .any(|l| l.date == e.date && l.symptoms.contains(s))
            })
            .collect();
        if flags.is_empty() {
            continue;
        }
        // A flag taken back along a chain of amendments is said once, with the last step.
        for w in out.iter_mut().filter(|w| w.date == e.date) {
            w.flags.retain(|f| !flags.contains(f));
        }
        out.retain(|w| !w.flags.is_empty());
        out.push(WithdrawnFlag {
            date: e.date,
            flags,
            on: c.date,
            kind: c.kind,
            reason: c.reason.clone(),
        });
    }
    out
}

fn slot(
    program: &Program,
    profile: &Profile,
    state: &State,
    date: NaiveDate,
    status: SlotStatus,
    session: u32,
) -> PlannedSession {
    let stage = &program.stages[state.stage()];
    let deload = state.deload(program, date);
    let (gates, gate_labels) = super::rules::tightened(&profile.adjust, date, &stage.gates);
    let exercises = state.exercises(program, profile, date);
    let adjusted = super::rules::adjusted(profile, program, state.stage(), date, gate_labels)
        .into_iter()
        .map(|r| r.text.to_string())
        .collect();
    PlannedSession {
        date,
        time: profile.local_time(date),
        week: crate::model::plan::program_week(profile.start, date),
        stage: state.stage() + 1,
        stage_id: stage.id.clone(),
        stage_name: stage.name.clone(),
        step: state.step() + 1,
        session,
        deload,
        status,
        outcome: None,
        logged: None,
        exercises,
        stop_above: gates.amber_max,
        gates,
        notes: stage.notes.clone(),
        adjusted,
        moved_from: None,
    }
}

/// A projected session that passes every gate: no pain, and each estimate set at the effort it
/// takes someone back at full strength (so the estimate lands on the pre-injury 1RM) [RPE].
fn projected_green(profile: &Profile, slot: &PlannedSession) -> LogEntry {
    let mut green = LogEntry::session(slot.date);
    green.pain_during = Some(Pain::NONE);
    green.pain_after = Some(Pain::NONE);
    green.next_morning = Some(Pain::NONE);
    for (lift, load, reps) in slot.exercises.iter().filter_map(|e| e.estimate_set()) {
        let Some(orm) = profile.lift(lift).map(|l| l.one_rep_max()) else {
            continue;
        };
        if let Some(r) = rpe::expected(reps, load / orm * 100.0) {
            green.lift_rpe.push((lift.to_string(), r));
        }
    }
    green
}

/// Each stage's training weekdays, worked out once per pass.
fn patterns(program: &Program, profile: &Profile) -> Vec<Vec<chrono::Weekday>> {
    program
        .stages
        .iter()
        .map(|s| pattern(&profile.days, s.sessions_per_week, s.hard))
        .collect()
}

/// The moves in force (issue 23), as the projection takes them: a session moved from its
/// planned day to another (and a time), and, once one is taken, the sessions after it
/// re-flowed under the stage's own rules.
struct Moved {
    /// The moves in force by the day the session moves to.
    to: std::collections::BTreeMap<NaiveDate, crate::model::SessionMove>,
    /// The days sessions moved away from.
    from: std::collections::BTreeSet<NaiveDate>,
    /// A move has been taken: the sessions after it re-flow.
    reflow: bool,
}

impl Moved {
    fn of(moves: &[crate::model::SessionMove]) -> Moved {
        let mut to = std::collections::BTreeMap::new();
        let mut from = std::collections::BTreeSet::new();
        for m in crate::model::session_move::in_force(moves).into_values() {
            if m.to != m.session {
                from.insert(m.session);
            }
            to.insert(m.to, m.clone());
        }
        Moved {
            to,
            from,
            reflow: false,
        }
    }

    /// Whether `d` holds a session by the pattern and the moves: a session moved there, or a
    /// pattern day no session moved away from.
    fn training_day(&self, d: NaiveDate, on_pattern: bool) -> bool {
        self.to.contains_key(&d) || (on_pattern && !self.from.contains(&d))
    }

    /// Whether the projection puts a session on `d`: [`Moved::training_day`], and while a
    /// session moved later waits for its day, or once a move was taken, only where the stage's
    /// own rules allow it after the sessions already placed: a hard stage keeps a day between
    /// sessions, and no week holds more than its sessions per week.
    fn takes(
        &self,
        d: NaiveDate,
        on_pattern: bool,
        stage: &crate::model::Stage,
        placed: &[PlannedSession],
    ) -> bool {
        if self.to.contains_key(&d) {
            return true;
        }
        if !self.training_day(d, on_pattern) {
            return false;
        }
        // A session moved to a later day is the next one: nothing comes before it.
        if self
            .from
            .range(..d)
            .any(|f| self.to.values().any(|m| m.session == *f && m.to > d))
        {
            return false;
        }
        if !self.reflow {
            return true;
        }
        let gap = if stage.hard { 2 } else { 1 };
        let week = d.iso_week();
        let last = placed.iter().map(|s| s.date).filter(|&p| p < d).max();
        let this_week = placed
            .iter()
            .filter(|s| s.date.iso_week() == week)
            .filter(|s| !matches!(s.status, SlotStatus::Missed | SlotStatus::Skipped))
            .count();
        last.is_none_or(|l| (d - l).num_days() >= gap)
            && this_week < usize::from(stage.sessions_per_week)
    }
}

/// The plan and the replayed log: the course without the first day's projection (see
/// [`super::course::course`] for the whole course).
pub fn build_plan(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
) -> (Plan, Replay) {
    let p = pass(program, profile, log, today, weeks, false);
    (p.plan, p.replay)
}

/// What the one pass gives: the plan, the judged rows, and what was recorded on the way.
pub(super) struct Pass {
    /// Past slots and the projection.
    pub(super) plan: Plan,
    /// Every row judged, and the state after the last.
    pub(super) replay: Replay,
    /// Stage visits in order.
    pub(super) visits: Vec<Visit>,
    /// Stops in order, with their clearances.
    pub(super) stops: Vec<Stop>,
    /// Rows struck out by a correction, in date order.
    pub(super) struck: Vec<LogEntry>,
    /// Therapists' notes in force, in date order.
    pub(super) notes: Vec<LogEntry>,
    /// Red-flag reports taken back by a correction.
    pub(super) withdrawn_flags: Vec<WithdrawnFlag>,
    /// How the latest judged session moved the projected finish, when the pass watched for it.
    pub(super) moved: Option<FinishMove>,
}

/// The one pass: past slots (done, skipped, missed) from the start, then a projection from
/// `today` that assumes every gate passes at the earliest moment, up to `weeks` weeks past
/// today or, without a horizon, until the program is complete; stage visits and stops are
/// recorded as the rows are judged. With `finish_move`, the pass also keeps the state just
/// before the latest judged session and at the end of its day, and says how that session
/// moved the projected finish ([`Watch`]).
pub(super) fn pass(
    program: &Program,
    profile: &Profile,
    log: &SessionLog,
    today: NaiveDate,
    weeks: Option<u32>,
    finish_move: bool,
) -> Pass {
    let (entries, struck, notes) = sorted(log);
    let withdrawn = withdrawn_flags(&entries, &struck);
    let mut walk = Walk::new(program, profile, log, entries.len(), weeks);
    if finish_move {
        walk.watch = Some(Watch::of(&entries));
    }
    let past_end = past_end(&entries, profile, today);
    let rest = walk.replay(&entries, today, past_end);
    // Screens and clearances from today on, in order, before anything is projected.
    for e in rest {
        walk.apply(e);
    }
    let moved = walk.finish_move(&entries);
    let replay_state = walk.state.clone();
    let end = match weeks {
        Some(w) => past_end + Duration::days(7 * i64::from(w)),
        // Paused until a clinician clears the person: only the next two weeks, at the same dose.
        None if walk.state.paused() => past_end + Duration::days(PAUSED_DAYS),
        None => past_end + Duration::days(7 * MAX_WEEKS),
    };
    let completion = walk
        .project(past_end, end)
        .or_else(|| completed_by_log(&walk.track.visits, &walk.judged, &[], &replay_state));
    // Paused today, or at a session the projection reached.
    let pause = match replay_state.pause() {
        Some(why) if replay_state.paused() && replay_state.stopped().is_none() => Some(Pause {
            from: past_end,
            ahead: false,
            why: why.to_string(),
        }),
        _ => walk.pause.take(),
    };
    let stall = walk.stall.take();
    let Walk {
        track,
        judged,
        sessions,
        ..
    } = walk;
    let plan = Plan {
        program_id: program.id.clone(),
        program_name: program.name.clone(),
        workspace_id: profile.id.clone(),
        timezone: profile.timezone.name().to_string(),
        unit: profile.units,
        session_minutes: profile.session_minutes,
        today,
        stopped: replay_state.stopped().is_some(),
        completion,
        pause,
        stall,
        sessions,
    };
    Pass {
        plan,
        replay: Replay {
            judged,
            state: replay_state,
        },
        visits: track.visits,
        stops: track.stops,
        struck: struck.into_iter().cloned().collect(),
        notes: notes.into_iter().cloned().collect(),
        withdrawn_flags: withdrawn,
        moved,
    }
}

/// Where the log's replay ends: the later of today and the day after the last session (a
/// screen or clearance after that, today's say, takes no training day from the plan), never
/// before the start, even when today comes before it.
fn past_end(entries: &[&LogEntry], profile: &Profile, today: NaiveDate) -> NaiveDate {
    entries
        .iter()
        .filter(|e| e.kind == EntryKind::Session)
        .map(|e| e.date + Duration::days(1))
        .max()
        .map_or(today, |d| d.max(today))
        .max(profile.start)
}

/// The pass as it walks the days: the state, the slots so far, every row judged, and the
/// visits and stops recorded on the way.
struct Walk<'a> {
    program: &'a Program,
    profile: &'a Profile,
    /// The training weekdays of each stage.
    days: Vec<Vec<chrono::Weekday>>,
    /// The sessions moved on the calendar, as the plan takes them.
    moved: Moved,
    state: State,
    track: Tracker,
    judged: Vec<Judged>,
    sessions: Vec<PlannedSession>,
    /// The latest judged session and the states around it, when the pass watches for it.
    watch: Option<Watch>,
    /// The projection reached a pause: the session's day, and why.
    pause: Option<Pause>,
    /// The projection stopped making progress: where, and why.
    stall: Option<Stall>,
}

impl<'a> Walk<'a> {
    fn new(
        program: &'a Program,
        profile: &'a Profile,
        log: &SessionLog,
        rows: usize,
        weeks: Option<u32>,
    ) -> Self {
        let state = State::new(profile);
        let track = Tracker::new(profile, &state);
        Walk {
            program,
            profile,
            days: patterns(program, profile),
            moved: Moved::of(&log.moves),
            state,
            track,
            // One judged row per entry, and about one slot per logged session: reserved once.
            judged: Vec::with_capacity(rows),
            sessions: Vec::with_capacity(rows + 7 * weeks.map_or(8, |w| w as usize)),
            watch: None,
            pause: None,
            stall: None,
        }
    }

    /// A slot on `d` at the state's dose, no lift above the weekly cap over its lightest load
    /// of the 7 days before ([`load_cap::within_the_weekly_cap`]).
    fn slot(&self, d: NaiveDate, status: SlotStatus) -> PlannedSession {
        let next = self.state.next_session();
        let mut s = slot(self.program, self.profile, &self.state, d, status, next);
        let cap = load_cap::weekly_cap_pct(&self.program.stages[self.state.stage()]);
        load_cap::within_the_weekly_cap(&self.sessions, &mut s, cap, self.profile);
        s
    }

    /// Judges a row that is not a session (a screen, a clearance, a report) and records it.
    fn apply(&mut self, e: &LogEntry) {
        let before = Before::of(&self.state);
        let j = self.state.apply(self.program, self.profile, e);
        self.track.observe(before, &self.state, &j);
        self.judged.push(j);
    }

    /// Judges a logged session at the dose just planned for it, and records its slot.
    fn session(&mut self, e: &LogEntry) {
        let before = Before::of(&self.state);
        // The gap rule steps back before the session, so its dose shows the step back; a red
        // flag stops first (as `State::apply` does) and skips it.
        if e.status != SessionStatus::Skipped && e.symptoms.iter().all(|s| s.flag().is_none()) {
            self.state.check_gap(self.program, e.date);
        }
        let mut s = self.slot(e.date, SlotStatus::Done);
        let j = self
            .state
            .apply_planned(self.program, self.profile, e, Some(&s.exercises));
        if e.status == SessionStatus::Skipped {
            s.status = SlotStatus::Skipped;
        }
        s.outcome = Some(j.outcome);
        s.logged = Some(crate::model::plan::Logged {
            decision: j.decision,
            source: e.source,
            pain_during: e.pain_during,
            pain_after: e.pain_after,
            rpe: e.rpe,
            next_morning: e.next_morning,
            stiffness_min: e.stiffness_min,
        });
        self.sessions.push(s);
        self.track.observe(before, &self.state, &j);
        self.judged.push(j);
    }

    /// Whether `d` is a training day of the current stage (by its weekdays and the moves),
    /// with the program going on.
    fn training_day(&self, d: NaiveDate) -> bool {
        self.state.stopped().is_none()
            && !self.state.completed()
            && self
                .moved
                .training_day(d, self.days[self.state.stage()].contains(&d.weekday()))
    }

    /// Replays the log day by day from the start up to `past_end`: each row in date order, and
    /// a missed slot on a past training day with no session. Returns the rows after that.
    fn replay<'e>(
        &mut self,
        entries: &'e [&'e LogEntry],
        today: NaiveDate,
        past_end: NaiveDate,
    ) -> &'e [&'e LogEntry] {
        let mut next = 0;
        let mut d = self.profile.start;
        while d < past_end {
            let mut any_session = false;
            while let Some(e) = entries.get(next).filter(|e| e.date <= d) {
                if e.kind == EntryKind::Session {
                    any_session = true;
                    self.watched_session(e, next);
                } else {
                    self.apply(e);
                }
                next += 1;
            }
            self.watch_day_end(d);
            if !any_session && d < today && self.training_day(d) {
                let missed = self.slot(d, SlotStatus::Missed);
                self.sessions.push(missed);
            }
            d += Duration::days(1);
        }
        &entries[next..]
    }

    /// Projects from `from` to `end`: a slot on each training day, every gate passed at the
    /// earliest moment and the weekly screen done when due; a pause that comes on the way (a
    /// review that finds no progress) ends it two weeks on, as a pause at its start does.
    /// Returns when the projection completes the program, and what that means.
    fn project(&mut self, from: NaiveDate, mut end: NaiveDate) -> Option<Completion> {
        let mut completion = None;
        let mut d = from;
        // The projected sessions that repeat one, if the latest do.
        let mut repeat: Option<Repeat> = None;
        while d < end && self.state.stopped().is_none() && !self.state.completed() {
            let stage = &self.program.stages[self.state.stage()];
            let on_pattern = self.days[self.state.stage()].contains(&d.weekday());
            if self.moved.takes(d, on_pattern, stage, &self.sessions) {
                self.state.check_gap(self.program, d);
                let mut s = self.slot(d, SlotStatus::Planned);
                if let Some(m) = self.moved.to.get(&d) {
                    s.time = m.time;
                    s.moved_from = Some(m.session);
                    self.moved.reflow = true;
                }
                if self.state.screen_due(d) {
                    let screen = LogEntry {
                        kind: EntryKind::Screen,
                        ..LogEntry::session(d)
                    };
                    self.state.apply(self.program, self.profile, &screen);
                }
                let green = projected_green(self.profile, &s);
                let j = self.state.apply_planned(
                    self.program,
                    self.profile,
                    &green,
                    Some(&s.exercises),
                );
                self.sessions.push(s);
                if let Some(stall) = self.stalled(&mut repeat, &j) {
                    self.sessions
                        .retain(|s| s.date < stall.from + Duration::days(PAUSED_DAYS));
                    self.stall = Some(stall);
                    break;
                }
                if self.state.paused() && end > d + Duration::days(PAUSED_DAYS) {
                    end = d + Duration::days(PAUSED_DAYS);
                    self.pause = Some(Pause {
                        from: d,
                        ahead: true,
                        why: self
                            .state
                            .pause()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    });
                }
                if self.state.completed() {
                    completion = Some(Completion {
                        date: d,
                        means: j
                            .reasons
                            .last()
                            .map(|r| r.text.to_string())
                            .unwrap_or_default(),
                        projected: true,
                    });
                }
            }
            d += Duration::days(1);
        }
        completion
    }
}

/// A run of projected sessions that repeat one: its first session (an index into the
/// sessions), why the latest that tried to move on held, and how many tried past the stage's
/// minimum days.
struct Repeat {
    first: usize,
    why: Option<String>,
    tries: u32,
}

impl Walk<'_> {
    /// Whether the projected session just pushed ends a run that repeats for ever: the same
    /// stage, step and doses as the run's first for [`STALL_DAYS`] past the stage's minimum,
    /// with no adjustment yet to start or end, and at least two sessions past that minimum held
    /// by a rule other than the 2-for-2 count (which always ends within its count: a stage
    /// asking 20 greens in a row is slow, not stalled). Then the stall, with why the last
    /// such session held (`j` is the one just judged) and the therapist's caps on its lifts. A
    /// lighter week's session counts as neither a change nor a repeat.
    fn stalled(&self, repeat: &mut Option<Repeat>, j: &Judged) -> Option<Stall> {
        let last = self.sessions.len() - 1;
        let s = &self.sessions[last];
        if s.deload {
            return None;
        }
        // A pause ends the projection itself, and says why.
        if self.state.paused() {
            *repeat = None;
            return None;
        }
        // An adjustment that starts or ends later changes the plan then: no repeat is for ever.
        let settled = self
            .profile
            .adjust
            .iter()
            .all(|a| a.made <= s.date && a.until.is_none_or(|u| u < s.date));
        if !settled {
            *repeat = None;
            return None;
        }
        let same = |r: &PlannedSession| {
            r.stage == s.stage && r.step == s.step && r.exercises == s.exercises
        };
        let run = match repeat {
            Some(run) if same(&self.sessions[run.first]) => run,
            _ => repeat.insert(Repeat {
                first: last,
                why: None,
                tries: 0,
            }),
        };
        let first = self.sessions[run.first].date;
        let min_days = Duration::days(i64::from(self.program.stages[s.stage - 1].min_days));
        if s.date - first > min_days
            && let Some(r) = j.why().filter(|r| r.rule != Rule::TwoForTwo)
        {
            run.why = Some(r.to_string());
            run.tries += 1;
        }
        if run.tries < 2 || s.date - first <= min_days + Duration::days(STALL_DAYS) {
            return None;
        }
        // The changes that hold it: a cap at whose load a lift of the session stands, or a
        // swap that took a loaded exercise of the stage out.
        let stage = &self.program.stages[s.stage - 1];
        let holds = |a: &crate::model::Adjustment| match &a.kind {
            // The strictest cap on the lift, when it holds the load down (a looser one holds
            // nothing).
            AdjustKind::MaxPct { lift, pct } => s.exercises.iter().any(|e| {
                e.lift.as_deref() == Some(lift.as_str())
                    && dosage::lift_max_pct(self.profile, lift, s.date) == Some(*pct)
                    && dosage::held_by_cap(self.profile, lift, e.load, s.date)
            }),
            AdjustKind::Swap { from, .. } => stage
                .exercises
                .iter()
                .any(|e| *e.id == **from && e.lift.is_some()),
            _ => false,
        };
        Some(Stall {
            from: first,
            why: run.why.clone().unwrap_or_default(),
            held_by: crate::model::adjust::in_force(&self.profile.adjust, s.date)
                .filter(|(_, a)| holds(a))
                .map(|(n, a)| a.label(n))
                .collect(),
        })
    }
}

/// Completed by the log itself: the session that completed the last stage (not a later one
/// that repeats it) says when, and what that means (the judged rows are `earlier` then `own`).
fn completed_by_log(
    visits: &[Visit],
    earlier: &[Judged],
    own: &[Judged],
    replayed: &State,
) -> Option<Completion> {
    if !replayed.completed() {
        return None;
    }
    let on = visits
        .iter()
        .rev()
        .find_map(|v| v.end.as_ref().filter(|e| e.completed).map(|e| e.date));
    earlier
        .iter()
        .chain(own)
        .filter(|j| Some(j.entry.date) == on)
        .find_map(|j: &Judged| {
            j.reasons
                .iter()
                .find(|r| r.rule == super::Rule::ProgramComplete)
                .map(|r| Completion {
                    date: j.entry.date,
                    means: r.text.to_string(),
                    projected: false,
                })
        })
}

/// What the pass keeps to say how the latest judged session moved the projected finish: the
/// walk just before that session and at the end of its day, each projected as the log up to
/// that day would be without and with it (`Course::moved`).
struct Watch {
    /// The live rows from this one on may hold the latest judged session: before it, the last
    /// session whose outcome cannot be pending (its morning given, or skipped).
    from: usize,
    /// The latest judged session so far (not pending): its row, and the walk around it.
    latest: Option<Latest>,
}

/// The latest judged session and the walk around it.
struct Latest {
    /// Its index among the live rows.
    row: usize,
    /// Its index among the judged rows.
    judged: usize,
    /// The walk just before it.
    before: Fork,
    /// The walk at the end of its day (taken when the day ends).
    with: Option<Fork>,
}

/// A walk's state kept to project from: the state, the visits, the sessions of the last week
/// (all that a projection looks back at) and how many rows were judged.
struct Fork {
    state: State,
    track: Tracker,
    sessions: Vec<PlannedSession>,
    judged: usize,
}

impl Watch {
    fn of(entries: &[&LogEntry]) -> Watch {
        let from = entries
            .iter()
            .rposition(|e| {
                e.kind == EntryKind::Session
                    && (e.next_morning.is_some() || e.status == SessionStatus::Skipped)
            })
            .unwrap_or(0);
        Watch { from, latest: None }
    }
}

impl<'a> Walk<'a> {
    /// The walk as it stands, kept to project from later.
    fn fork(&self, day: NaiveDate) -> Fork {
        let cut = day - Duration::days(7);
        let recent = self
            .sessions
            .iter()
            .rev()
            .take_while(|s| s.date >= cut)
            .count();
        Fork {
            state: self.state.clone(),
            track: self.track.clone(),
            sessions: self.sessions[self.sessions.len() - recent..].to_vec(),
            judged: self.judged.len(),
        }
    }

    /// A walk that goes on from a fork, recording only what a projection needs.
    fn resume(&self, f: Fork) -> Walk<'a> {
        Walk {
            program: self.program,
            profile: self.profile,
            days: self.days.clone(),
            moved: Moved {
                to: self.moved.to.clone(),
                from: self.moved.from.clone(),
                reflow: false,
            },
            state: f.state,
            track: f.track,
            judged: Vec::new(),
            sessions: f.sessions,
            watch: None,
            pause: None,
            stall: None,
        }
    }

    /// [`Walk::session`], keeping the walk before it while it may be the latest judged one.
    fn watched_session(&mut self, e: &LogEntry, row: usize) {
        let before = match &self.watch {
            Some(w) if row >= w.from => Some(self.fork(e.date)),
            _ => None,
        };
        self.session(e);
        let judged = self.judged.len() - 1;
        if let (Some(before), Some(w)) = (before, self.watch.as_mut())
            && self.judged[judged].outcome != super::Outcome::Pending
        {
            w.latest = Some(Latest {
                row,
                judged,
                before,
                with: None,
            });
        }
    }

    /// At the end of day `d`: the walk with the latest judged session of that day.
    fn watch_day_end(&mut self, d: NaiveDate) {
        let due = self
            .watch
            .as_ref()
            .and_then(|w| w.latest.as_ref())
            .is_some_and(|l| l.with.is_none() && self.judged[l.judged].entry.date == d);
        if due {
            let with = self.fork(d);
            if let Some(l) = self.watch.as_mut().and_then(|w| w.latest.as_mut()) {
                l.with = Some(with);
            }
        }
    }

    /// How the latest judged session moved the projected finish: the finish projected from
    /// its day as the log up to that day gives it without the session, and with it; none when
    /// a later row moved the program (a clearance after a stop).
    fn finish_move(&mut self, entries: &[&LogEntry]) -> Option<FinishMove> {
        let latest = self.watch.take()?.latest?;
        // A later row that moved the program (a clearance, a screen's red flag) has the last
        // word on the finish: the session's move of it is no longer where things stand.
        let superseded = self.judged[latest.judged + 1..]
            .iter()
            .any(|r| r.reasons.iter().any(|x| x.rule.moves_stage()));
        if superseded {
            return None;
        }
        let j = &self.judged[latest.judged];
        let day = j.entry.date;
        // Without it: the rest of its day's rows, then the projection from the day (the day
        // after, when another session was logged that day).
        let earlier = latest.before.judged;
        let mut before = self.resume(latest.before);
        let rest = entries[latest.row + 1..]
            .iter()
            .take_while(|e| e.date == day);
        for e in rest {
            if e.kind == EntryKind::Session {
                before.session(e);
            } else {
                before.apply(e);
            }
        }
        let another = entries
            .iter()
            .enumerate()
            .any(|(i, e)| i != latest.row && e.date == day && e.kind == EntryKind::Session);
        let start = if another {
            day + Duration::days(1)
        } else {
            day
        };
        let from = before.finish(&self.judged[..earlier], start.max(self.profile.start))?;
        let with = latest.with?;
        let earlier = with.judged;
        let to = self.resume(with).finish(
            &self.judged[..earlier],
            (day + Duration::days(1)).max(self.profile.start),
        );
        (Some(from) != to).then(|| FinishMove {
            session: day,
            from,
            to,
            decision: j.decision,
            why: j.why().cloned(),
        })
    }

    /// The projected finish from `from`, without a horizon (see [`pass`]), or the log's own
    /// completion (the judged rows before this walk's are `earlier`).
    fn finish(mut self, earlier: &[Judged], from: NaiveDate) -> Option<NaiveDate> {
        if self.state.completed() {
            return completed_by_log(&self.track.visits, earlier, &self.judged, &self.state)
                .map(|c| c.date);
        }
        let end = if self.state.paused() {
            from + Duration::days(PAUSED_DAYS)
        } else {
            from + Duration::days(7 * MAX_WEEKS)
        };
        self.project(from, end).map(|c| c.date)
    }
}
