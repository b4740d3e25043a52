//! The calendar diff, a pure function of what earlier exports sent and the plan: which events
//! a calendar should now hold, each with its SEQUENCE, and which to cancel. The iCalendar
//! exporter renders it; the shell keeps the state (`calendar.json`) between runs.
//!
//! Updates, not duplicates: a slot's UID comes from the workspace id and the date; the state
//! remembers a hash of each exported slot so that SEQUENCE rises when it changes, and a slot a
//! re-plan drops is sent again as cancelled.
//!
//! Each session has a companion event: a short reminder the next morning, at the profile's
//! `morning_reminder` time, to log the next-morning pain [PMM][24H]. Its UID is derived from
//! its session's date like the session's own, and it goes through the same diff: a re-plan
//! that changes or drops the session updates or cancels its reminder too.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::model::{Outcome, Plan, PlannedSession, Profile, SlotStatus, Source, fnv1a};

/// What was exported for one UID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    /// The slot's date (for a reminder, the date of its session, the day before it).
    pub date: NaiveDate,
    /// A next-morning reminder rather than a session (absent in state files from before
    /// reminders: those hold sessions only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reminder: bool,
    /// Hash of the event content.
    pub hash: String,
    /// The SEQUENCE last exported.
    pub sequence: u32,
    /// Whether it was exported as cancelled.
    pub cancelled: bool,
    /// The last SUMMARY (used for the cancelled event).
    pub summary: String,
}

/// Every UID graded has exported from this workspace (`calendar.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarState {
    /// By UID.
    pub events: BTreeMap<String, Exported>,
}

/// What an event is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A training session.
    Session,
    /// The next morning's reminder to log pain, for the session of the day before.
    Reminder,
}

/// One event the calendar should hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Stable UID.
    pub uid: String,
    /// A session or its next-morning reminder.
    pub kind: EventKind,
    /// The session's local date (a reminder belongs to the session of the day before it).
    pub date: NaiveDate,
    /// The local date the event falls on: the session's, or the morning after it.
    pub day: NaiveDate,
    /// Local start time.
    pub time: NaiveTime,
    /// SEQUENCE: 0 when new, one more each time its content changed.
    pub sequence: u32,
    /// The plan's session (an index into `plan.sessions`), or `None` for a cancelled slot.
    pub session: Option<usize>,
    /// The event's title (for a cancelled slot, the title it had, marked cancelled).
    pub summary: String,
}

/// The calendar as it should be now, and the state to remember.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarDiff {
    /// Every event, in date order.
    pub slots: Vec<Slot>,
    /// The state after sending them.
    pub next: CalendarState,
    /// A calendar that talks back (CalDAV sync, issue 23): its events carry a form to log
    /// from, and each logged session's event shows what was logged and decided.
    pub talks_back: bool,
}

/// How many days back a calendar that talks back takes a log from the phone: the sessions of
/// the last week before today stay on it as they were sent (their forms still read), and
/// those logged show the answer.
pub const TALKBACK_DAYS: i64 = 7;

/// The UID of the slot on `date`: stable across re-exports and re-plans.
pub fn uid(workspace: &str, date: NaiveDate) -> String {
    format!("{}-s1-{workspace}@graded", date.format("%Y%m%d"))
}

/// The UID of the next-morning reminder for the session on `date` (the session's date, not
/// the reminder's): stable across re-exports and re-plans, like the session's.
pub fn reminder_uid(workspace: &str, date: NaiveDate) -> String {
    format!("{}-m1-{workspace}@graded", date.format("%Y%m%d"))
}

/// The day a session's or reminder's UID was made from (`20261127-s1-…@graded`).
pub fn uid_day(uid: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(uid.get(..8)?, "%Y%m%d").ok()
}

/// A reminder's title.
pub const REMINDER_SUMMARY: &str = "Rehab: log your morning back pain (0-10)";

/// How long a reminder's event lasts, in minutes: a moment in the calendar, not a block.
pub const REMINDER_MINUTES: u32 = 5;

/// An event's title: `Rehab: Mobility (stage 2), session 3`.
pub fn summary(s: &PlannedSession) -> String {
    format!(
        "Rehab: {} (stage {}), session {}",
        s.stage_name, s.stage, s.session
    )
}

/// What a logged session's event answers, in a few words: `green, hold`, `skipped`, `logged,
/// waiting for the morning score`; `None` for a session not logged.
pub fn answer(s: &PlannedSession) -> Option<String> {
    let logged = s.logged?;
    let outcome = s.outcome.unwrap_or(crate::model::Outcome::None);
    Some(match (s.status, outcome) {
        (SlotStatus::Skipped, _) => "skipped".to_string(),
        (_, Outcome::Pending) => "logged, waiting for the morning score".to_string(),
        (_, Outcome::Stop) => "stopped: see graded status".to_string(),
        (_, o) => format!("{}, {}", o.as_str(), logged.decision.as_str()),
    })
}

/// What was logged of a session, in a line: `Logged: pain during / after 2 / 3, effort 6
/// (from the calendar).`
pub fn logged_line(s: &PlannedSession) -> Option<String> {
    let logged = s.logged?;
    let from = match logged.source {
        Source::Graded => "",
        Source::Calendar | Source::CalendarMorning => " (from the calendar)",
    };
    let scores = crate::model::form::scores(
        s.status == SlotStatus::Skipped,
        logged.pain_during,
        logged.pain_after,
        logged.rpe,
    );
    Some(format!("Logged: {scores}{from}."))
}

/// What an event on a calendar that talks back shows of what was logged. The person's scores
/// go on the calendar server only where they put them there themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Nothing logged yet: the form to log it from.
    Form,
    /// Logged in graded: only that it was (no scores, no decision).
    InGraded,
    /// Logged from the calendar: what was logged and decided.
    Answered,
}

/// What a session's event shows ([`Shown`]).
pub fn session_shows(s: &PlannedSession) -> Shown {
    match s.logged {
        None => Shown::Form,
        Some(l) if l.source == Source::Calendar => Shown::Answered,
        Some(_) => Shown::InGraded,
    }
}

/// What a session's next-morning reminder shows ([`Shown`]): the form until the morning is
/// logged (none is needed after a skipped session).
pub fn morning_shows(s: &PlannedSession) -> Shown {
    match s.logged {
        None => Shown::Form,
        Some(_) if s.status == SlotStatus::Skipped => session_shows(s),
        Some(l) if l.next_morning.is_none() => Shown::Form,
        Some(l) if l.source != Source::Graded => Shown::Answered,
        Some(_) => Shown::InGraded,
    }
}

/// A session's event title on a calendar that talks back: answered (`Rehab: Mobility (stage
/// 2), session 3: green, hold`) when logged from the calendar.
pub fn session_title(s: &PlannedSession) -> String {
    match (session_shows(s), answer(s)) {
        (Shown::Answered, Some(a)) => format!("{}: {a}", summary(s)),
        _ => summary(s),
    }
}

/// A reminder's title on a calendar that talks back: [`REMINDER_SUMMARY`], or once the
/// morning is logged from the calendar, `Rehab: morning back pain 1/10 logged: green, advance`.
pub fn reminder_title(s: &PlannedSession) -> String {
    match (morning_shows(s), s.logged) {
        (Shown::Answered, Some(_)) if s.status == SlotStatus::Skipped => {
            "Rehab: nothing to log this morning (session skipped)".to_string()
        }
        (Shown::Answered, Some(l)) => format!(
            "Rehab: morning back pain {}/10 logged: {}",
            l.next_morning.map_or(String::new(), |m| m.to_string()),
            answer(s).unwrap_or_default()
        ),
        _ => REMINDER_SUMMARY.to_string(),
    }
}

/// The diff being built: the slots so far, the state after them, and the UIDs the plan holds.
struct Builder<'a> {
    previous: &'a CalendarState,
    talks_back: bool,
    slots: Vec<Slot>,
    next: CalendarState,
    seen: BTreeSet<String>,
}

impl Builder<'_> {
    /// Adds `slot` with the hash of `content`: SEQUENCE kept when the content is the same as
    /// exported before, one up when it changed, 0 when new.
    fn add(&mut self, slot: Slot, content: &str, cancelled: bool) {
        let hash = format!("{:016x}", fnv1a(content.as_bytes()));
        let sequence = match self.previous.events.get(&slot.uid) {
            Some(p) if p.hash == hash => p.sequence,
            Some(p) => p.sequence + 1,
            None => 0,
        };
        self.next.events.insert(
            slot.uid.clone(),
            Exported {
                date: slot.date,
                reminder: slot.kind == EventKind::Reminder,
                hash,
                sequence,
                cancelled,
                summary: slot.summary.clone(),
            },
        );
        self.slots.push(Slot { sequence, ..slot });
    }

    /// The session `s` (index `i` in the plan) and its next-morning reminder. A session moved
    /// on the calendar keeps the UIDs of the day it moved from.
    fn session(&mut self, plan: &Plan, profile: &Profile, i: usize, s: &PlannedSession) {
        let named = s.moved_from.unwrap_or(s.date);
        // A calendar that talks back shows what was logged and decided.
        let (title, reminder_title) = match self.talks_back {
            true => (session_title(s), reminder_title(s)),
            false => (summary(s), REMINDER_SUMMARY.to_string()),
        };
        let slot = Slot {
            uid: uid(&plan.workspace_id, named),
            kind: EventKind::Session,
            date: s.date,
            day: s.date,
            time: s.time,
            sequence: 0,
            session: Some(i),
            summary: title,
        };
        self.seen.insert(slot.uid.clone());
        let (morning, time) = profile.morning_after(s.date);
        let reminder = Slot {
            uid: reminder_uid(&plan.workspace_id, named),
            kind: EventKind::Reminder,
            date: s.date,
            day: morning,
            time,
            sequence: 0,
            session: Some(i),
            summary: reminder_title,
        };
        self.seen.insert(reminder.uid.clone());
        // What the reminder says: when it rings and which session it follows (a calendar
        // that talks back: with its form, and what was logged).
        let talk = if self.talks_back {
            let shown = |shows: Shown| match shows {
                Shown::Answered => format!("{:?}", s.logged),
                other => format!("{other:?}"),
            };
            format!(
                "|form|{}|{}",
                shown(session_shows(s)),
                shown(morning_shows(s))
            )
        } else {
            String::new()
        };
        let reminder_content = format!(
            "{}|{}|{}|reminder|{}{talk}",
            reminder.day, reminder.time, reminder.summary, slot.summary
        );
        self.add(reminder, &reminder_content, false);
        let content = session_content(plan, s, &slot.summary) + &talk;
        self.add(slot, &content, false);
    }

    /// An event exported before that the plan no longer holds, sent again as cancelled.
    fn cancelled(&mut self, plan: &Plan, profile: &Profile, uid: &str, p: &Exported) {
        let title = p.summary.trim_start_matches("Cancelled: ");
        let (kind, day, time) = if p.reminder {
            let (morning, time) = profile.morning_after(p.date);
            (EventKind::Reminder, morning, time)
        } else {
            (EventKind::Session, p.date, profile.local_time(p.date))
        };
        let slot = Slot {
            uid: uid.to_string(),
            kind,
            date: p.date,
            day,
            time,
            sequence: 0,
            session: None,
            summary: format!("Cancelled: {title}"),
        };
        let content = format!("{}|{}|cancelled|{}", p.date, title, plan.stopped);
        self.add(slot, &content, true);
    }
}

/// What a session's event says: its time, title, doses, rules and notes (not whether it has
/// been done: logging a session as planned leaves its event alone).
fn session_content(plan: &Plan, s: &PlannedSession, title: &str) -> String {
    let doses: Vec<String> = s
        .exercises
        .iter()
        .map(|e| format!("{}: {}", e.name, e.dose_text(plan.unit)))
        .collect();
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}",
        s.date,
        s.time,
        title,
        s.deload,
        doses.join(";"),
        s.stop_above,
        s.gates.summary(),
        s.notes
    )
}

/// The calendar after exporting `plan` on top of `previous`: new slots start at SEQUENCE 0, a
/// changed slot's SEQUENCE rises by one, a dropped slot is cancelled (SEQUENCE + 1). With
/// `from`, slots before that day are neither sent nor cancelled: what earlier exports sent of
/// them stays in the state as it was (past sessions do not change). A calendar that
/// `talks_back` (CalDAV) also holds the sessions of the [`TALKBACK_DAYS`] before `from` that
/// it was sent, so that a session done there can still be logged from its event, and each
/// logged session's event answers with what was logged and decided. Linear in the slots.
pub fn diff(
    previous: &CalendarState,
    plan: &Plan,
    profile: &Profile,
    from: Option<NaiveDate>,
    talks_back: bool,
) -> CalendarDiff {
    let from = from.unwrap_or(NaiveDate::MIN);
    let since = match talks_back {
        true => from - chrono::Duration::days(TALKBACK_DAYS),
        false => from,
    };
    let mut b = Builder {
        previous,
        talks_back,
        slots: Vec::with_capacity(plan.sessions.len()),
        next: CalendarState::default(),
        seen: BTreeSet::new(),
    };
    for (i, s) in plan.sessions.iter().enumerate() {
        let sent = || {
            previous
                .events
                .contains_key(&uid(&plan.workspace_id, s.moved_from.unwrap_or(s.date)))
        };
        if s.date >= from || (s.date >= since && sent()) {
            b.session(plan, profile, i, s);
        }
    }
    // What earlier exports sent before `from`: remembered as it was, not sent again.
    let mut kept = Vec::new();
    for (uid, p) in &previous.events {
        if b.seen.contains(uid) {
            continue;
        }
        if p.date < from {
            kept.push((uid.clone(), p.clone()));
            continue;
        }
        b.cancelled(plan, profile, uid, p);
    }
    let Builder {
        mut slots,
        mut next,
        ..
    } = b;
    next.events.extend(kept);
    slots.sort_by(|a, b| (a.day, a.time, &a.uid).cmp(&(b.day, b.time, &b.uid)));
    CalendarDiff {
        slots,
        next,
        talks_back,
    }
}
