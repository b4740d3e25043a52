//! The plan: every session slot from the start to the horizon, past ones with what happened.

use super::Text;
use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::Units;

/// What became of a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotStatus {
    /// Ahead (a projection that assumes every gate passes at the earliest moment).
    Planned,
    /// Logged as done (or partly done).
    Done,
    /// Logged as skipped.
    Skipped,
    /// A past training day with nothing logged.
    Missed,
}

impl SlotStatus {
    /// The CSV/JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SlotStatus::Planned => "planned",
            SlotStatus::Done => "done",
            SlotStatus::Skipped => "skipped",
            SlotStatus::Missed => "missed",
        }
    }
}

/// One exercise of a session with its dose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedExercise {
    /// Exercise id.
    pub id: Text,
    /// Exercise name.
    pub name: Text,
    /// Sets (already reduced in a lighter week).
    pub sets: Option<u32>,
    /// Reps per set.
    pub reps: Option<Text>,
    /// Hold per rep, seconds.
    pub hold_s: Option<u32>,
    /// Minutes.
    pub duration_min: Option<u32>,
    /// Load in `unit`, rounded down to a loadable weight.
    pub load: Option<f64>,
    /// The load's real % of the pre-injury 1RM, after rounding down and the caps.
    pub pct_1rm: Option<f64>,
    /// Effort cap, RPE 0-10.
    pub rpe_cap: Option<u8>,
    /// The pre-injury lift the load scales from.
    pub lift: Option<Text>,
    /// The set estimates the 1RM from its load, reps and RPE [RPE].
    pub estimate_1rm: bool,
    /// The most the weekly load cap let this lift be planned at: its stage's cap above the
    /// lightest load of it in the 7 days before, rounded down [GABBETT]; none when it was not
    /// lifted in those days (`rules::load_cap`). The report draws it; the exports leave it out.
    #[serde(skip)]
    pub weekly_ceiling: Option<f64>,
}

impl PlannedExercise {
    /// An estimate set's lift, load and (most) reps: what an estimated 1RM is computed from.
    pub fn estimate_set(&self) -> Option<(&str, f64, u32)> {
        if !self.estimate_1rm {
            return None;
        }
        Some((
            self.lift.as_deref()?,
            self.load?,
            self.reps.as_deref().and_then(super::rpe::most_reps)?,
        ))
    }

    /// The dose in a few words: `3 x 5 @ 115 lb (50%), RPE <= 6`.
    pub fn dose_text(&self, unit: Units) -> String {
        let mut out = String::new();
        self.write_dose(&mut out, unit);
        out
    }

    /// Appends [`PlannedExercise::dose_text`] to `out` (long exports write thousands of them).
    pub fn write_dose(&self, out: &mut String, unit: Units) {
        use std::fmt::Write as _;
        let start = out.len();
        let mut int = itoa::Buffer::new();
        let sep = |out: &mut String| {
            if out.len() > start {
                out.push_str(", ");
            }
        };
        // The load goes with the last of sets/reps, hold and duration (or stands alone).
        match (self.sets, self.reps.as_deref()) {
            (Some(s), Some(r)) => {
                out.push_str(int.format(s));
                out.push_str(" x ");
                out.push_str(r);
            }
            (None, Some(r)) => {
                out.push_str(r);
                out.push_str(" reps");
            }
            (Some(s), None) => {
                out.push_str(int.format(s));
                out.push_str(" sets");
            }
            (None, None) => {}
        }
        if let Some(h) = self.hold_s {
            sep(out);
            out.push_str(int.format(h));
            out.push_str(" s hold");
        }
        if let Some(m) = self.duration_min {
            sep(out);
            out.push_str(int.format(m));
            out.push_str(" min");
        }
        if let Some(l) = self.load {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str("@ ");
            push_load(out, l);
            out.push(' ');
            out.push_str(unit.as_str());
            if let Some(p) = self.pct_1rm {
                let _ = write!(out, " ({p}%)");
            }
        }
        if let Some(r) = self.rpe_cap {
            sep(out);
            out.push_str("RPE <= ");
            out.push_str(int.format(r));
        }
        if self.estimate_1rm {
            sep(out);
            out.push_str("log its RPE to estimate your 1RM");
        }
    }
}

/// The Monday on or before `d`: weeks run Monday to Sunday everywhere in graded.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Program week of `date`: calendar weeks (Monday to Sunday), week 1 holding the start date.
pub fn program_week(start: NaiveDate, date: NaiveDate) -> u32 {
    ((week_start(date) - week_start(start)).num_days().max(0) / 7 + 1) as u32
}

/// A load without a needless `.0`: `115`, `112.5`.
pub fn fmt_load(load: f64) -> String {
    let mut out = String::new();
    push_load(&mut out, load);
    out
}

/// Appends [`fmt_load`] to `out`.
pub fn push_load(out: &mut String, load: f64) {
    if load.fract() == 0.0 && load.abs() < 1e15 {
        // A whole number of plates: the integer's digits (what `{:.0}` prints, without the
        // exact float formatter).
        out.push_str(itoa::Buffer::new().format(load as i64));
    } else {
        use std::fmt::Write as _;
        let _ = write!(out, "{load}");
    }
}

/// One session slot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedSession {
    /// Local date.
    pub date: NaiveDate,
    /// Local start time.
    pub time: NaiveTime,
    /// Program week, 1-based from the start date.
    pub week: u32,
    /// Stage index, 1-based.
    pub stage: usize,
    /// Stage id.
    pub stage_id: Text,
    /// Stage name.
    pub stage_name: Text,
    /// Dose step within the stage, 1-based.
    pub step: usize,
    /// Session number within the stage, 1-based.
    pub session: u32,
    /// A lighter week [DELOAD].
    pub deload: bool,
    /// Planned, done, skipped or missed.
    pub status: SlotStatus,
    /// What the logged session's pain said, as the engine judged it (a session done or
    /// skipped); none for a slot missed or ahead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<super::Outcome>,
    /// What the logged row said and what the engine decided on it (a session done or
    /// skipped): what a calendar that talks back shows on the session's event (issue 23).
    #[serde(skip)]
    pub logged: Option<Logged>,
    /// Exercises and doses.
    pub exercises: Vec<PlannedExercise>,
    /// The in-session pain rule: stop the session if pain goes above this [PMM].
    pub stop_above: super::Pain,
    /// The session's gates, from its stage.
    #[serde(skip)]
    pub gates: super::Gates,
    /// The stage's advice.
    pub notes: Text,
    /// The adjustments in force that change this session, each naming who made it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjusted: Vec<String>,
    /// Moved on the calendar from this day (`moves.csv`): its calendar event keeps the UID
    /// of that day, so the event the person moved is the one updated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<NaiveDate>,
}

/// A logged slot as the calendar shows it: the engine's decision on the row, where the row
/// came from and its next-morning score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Logged {
    /// What the engine did after the session.
    pub decision: super::Decision,
    /// Typed in graded, or read from the calendar.
    pub source: super::Source,
    /// Worst pain during the session.
    pub pain_during: Option<super::Pain>,
    /// Pain right after.
    pub pain_after: Option<super::Pain>,
    /// The session's effort.
    pub rpe: Option<u8>,
    /// The next-morning pain, once logged.
    pub next_morning: Option<super::Pain>,
    /// Morning stiffness, minutes.
    pub stiffness_min: Option<u32>,
}

/// The plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Program id.
    pub program_id: String,
    /// Program name.
    pub program_name: String,
    /// Workspace identity.
    pub workspace_id: String,
    /// IANA zone of every time.
    pub timezone: String,
    /// Units of every load.
    pub unit: Units,
    /// Session length, minutes.
    pub session_minutes: u32,
    /// The date the plan was made for (`--today`).
    pub today: NaiveDate,
    /// Set when the program is stopped: no sessions lie ahead.
    pub stopped: bool,
    /// When the projection completes the program, and what that means.
    pub completion: Option<Completion>,
    /// Where progression pauses until a clinician's clearance, when it does (now, or at a
    /// session the projection reaches): the plan goes two weeks on from there, at the same
    /// dose, with no finish date.
    #[serde(skip)]
    pub pause: Option<Pause>,
    /// Where the projection stops because the same session would repeat for ever (a
    /// therapist's cap under the load the finish needs): it goes two weeks on from there, with
    /// no finish date.
    #[serde(skip)]
    pub stall: Option<Stall>,
    /// Slots in date order.
    pub sessions: Vec<PlannedSession>,
}

/// A pause until a clinician's clearance that the plan shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    /// The session it comes at (ahead), or where the plan starts (now).
    pub from: NaiveDate,
    /// Reached by the projection at a session ahead, not in force now.
    pub ahead: bool,
    /// Why, in words with its rule and sources.
    pub why: String,
}

impl Pause {
    /// What the plan says about it.
    pub fn text(&self) -> String {
        let when = if self.ahead {
            format!(
                "On {} the plan reaches a pause until a clinician has seen you: it goes two \
                 weeks on from there",
                self.from.format("%a %d %b %Y")
            )
        } else {
            "Progression is paused until a clinician has seen you: the plan goes two weeks on"
                .to_string()
        };
        format!("{when} at the same dose, with no finish date. {}", self.why)
    }
}

/// A projection that stops making progress: from `from` on every session would be the same,
/// and the program would never be complete.
#[derive(Debug, Clone, PartialEq)]
pub struct Stall {
    /// The first session of the repeat.
    pub from: NaiveDate,
    /// Why the session holds there, in words with its rule and sources.
    pub why: String,
    /// The therapist's changes that hold it (`graded adjust`): a cap a lift of the session
    /// stands at, or a swap that took a loaded exercise out; as the plan names them.
    pub held_by: Vec<String>,
}

impl Stall {
    /// What the plan says about it.
    pub fn text(&self) -> String {
        let by = if self.held_by.is_empty() {
            "Nothing in the plan moves it on: ask your physical therapist what comes next."
                .to_string()
        } else {
            format!(
                "It is held there by {}: the finish waits until that changes (graded adjust).",
                self.held_by.join("; ")
            )
        };
        let mut text = format!(
            "From {} the same session repeats and the program is never complete, so the plan \
             goes two weeks on from there, with no finish date. ",
            self.from.format("%a %d %b %Y"),
        );
        if !self.why.is_empty() {
            text.push_str(&self.why);
            text.push(' ');
        }
        text.push_str(&by);
        text
    }
}

/// The end of the program as projected: the date and what "complete" means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completion {
    /// The session that completes the program (if every gate passes at the earliest moment).
    pub date: NaiveDate,
    /// What complete means, in plain words.
    pub means: String,
    /// A projection (every gate passing at the earliest moment), not yet logged.
    pub projected: bool,
}

impl Completion {
    /// `Complete on Wed 10 Feb 2027 if every session is green.`, or `Completed on ...` once logged.
    pub fn headline(&self) -> String {
        let date = self.date.format("%a %d %b %Y");
        if self.projected {
            format!("Complete on {date} if every session is green.")
        } else {
            format!("Completed on {date}.")
        }
    }
}

impl Plan {
    /// The days a coming-week view shows (the report's and the handout's): today and the six
    /// after it.
    pub fn coming_week(&self) -> std::ops::Range<NaiveDate> {
        self.today..self.today + chrono::Duration::days(7)
    }

    /// Why the plan ends with no finish date, as its last lines say it: a pause it is in or
    /// reaches, and a repeat it stops in.
    pub fn open_ends(&self) -> impl Iterator<Item = String> + '_ {
        let pause = self.pause.as_ref().map(Pause::text);
        let stall = self.stall.as_ref().map(Stall::text);
        pause.into_iter().chain(stall)
    }

    /// The same plan's heading (program, workspace, zone, units) with no sessions, dated `today`.
    pub fn heading(&self, today: NaiveDate) -> Plan {
        Plan {
            program_id: self.program_id.clone(),
            program_name: self.program_name.clone(),
            workspace_id: self.workspace_id.clone(),
            timezone: self.timezone.clone(),
            unit: self.unit,
            session_minutes: self.session_minutes,
            today,
            stopped: false,
            completion: None,
            pause: None,
            stall: None,
            sessions: vec![],
        }
    }
}
