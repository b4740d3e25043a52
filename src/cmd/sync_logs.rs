//! What the phone logged (issue 23): the forms filled in on session events and next-morning
//! reminders, read back by `graded sync`, logged as `graded log` logs them (marked as from the
//! calendar), and the events then answered with what the engine made of them.

use chrono::NaiveDate;

use super::{Ctx, Usage};
use graded::engine::calendar::{CalendarDiff, EventKind, answer, summary};
use graded::model::form::{Filled, Reading, read_morning, read_session};
use graded::model::{EntryKind, LogEntry, SessionLog, SessionStatus, Source};
use graded::sync::plan::{Read, ReadBack};
use graded::sync::readback::{Field, unescape};
use graded::text::visible;

/// What became of one form read back.
#[derive(Debug, Clone, PartialEq)]
pub enum Taken {
    /// Logged (or would be, on a dry run): the session's date and what was logged.
    Logged(NaiveDate, String),
    /// Already in the log as the phone has it (an earlier sync logged it, then stopped before
    /// it answered): nothing logged again.
    Already,
    /// Logged in graded too, otherwise: graded's kept, the difference named.
    Conflict(String),
    /// Not logged: why (a form graded cannot read, a warning sign, a session ahead).
    NotLogged(String),
    /// Filled in on an event also moved on the phone: the move is taken or put back (the
    /// event written over), the form not read.
    Moved,
}

/// One form read back: which event (its UID, its slot) and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormRead {
    /// The event's UID.
    pub uid: String,
    /// Its slot in the diff.
    pub slot: usize,
    /// What became of it.
    pub taken: Taken,
}

impl FormRead {
    /// Whether the event is to be written over from the plan (logged, already there, or a
    /// conflict: the answer shows graded's log); a form not logged is left as the phone has
    /// it, for the person to fix.
    pub fn answers(&self) -> bool {
        !matches!(self.taken, Taken::NotLogged(_) | Taken::Moved)
    }
}

/// The forms filled in among the events read back (`reads`), each read ([`read_session`],
/// [`read_morning`]); those read logged in one edit of the log, sessions before mornings, as
/// `graded log` would log them, marked from the calendar. With `dry_run`, nothing is written.
pub fn take(
    ctx: &Ctx,
    diff: &CalendarDiff,
    reads: &[Read],
    dry_run: bool,
) -> anyhow::Result<Vec<FormRead>> {
    // Each form filled in: sessions first (0), then mornings (1); `None` for an event also
    // moved on the phone.
    let mut forms: Vec<(usize, &Read, Option<Reading>)> = Vec::new();
    for r in reads {
        let ReadBack::Changed(d) = &r.read else {
            continue;
        };
        let Some(notes) = d.iter().find(|x| x.field == Field::Description) else {
            continue;
        };
        let slot = &diff.slots[r.slot];
        if slot.session.is_none() {
            continue;
        }
        let sent = unescape(notes.sent.as_deref().unwrap_or(""));
        let now = unescape(notes.now.as_deref().unwrap_or(""));
        let reading = match slot.kind {
            EventKind::Session => read_session(&now, &sent),
            EventKind::Reminder => read_morning(&now, &sent),
        };
        if reading == Reading::Empty {
            continue;
        }
        // A session moved on the phone is taken as a move (or put back), not read as a log.
        if d.iter().any(|x| x.field == Field::Start) {
            forms.push((0, r, None));
            continue;
        }
        let order = usize::from(slot.kind == EventKind::Reminder);
        forms.push((order, r, Some(reading)));
    }
    if forms.is_empty() {
        return Ok(Vec::new());
    }
    // Sessions first: a session and its morning filled in on the same day are logged in order.
    forms.sort_by_key(|(order, r, _)| (*order, r.slot));
    let today = ctx.today;
    let log_them = |log: &mut SessionLog| -> Vec<FormRead> {
        forms
            .iter()
            .map(|(_, r, reading)| FormRead {
                uid: r.uid.clone(),
                slot: r.slot,
                taken: match reading {
                    None => Taken::Moved,
                    Some(reading) => take_one(log, diff.slots[r.slot].date, reading, today),
                },
            })
            .collect()
    };
    // Worked out on a copy first: the log is only written (under its lock, read again) when
    // something is to be logged.
    let mut copy = ctx.load()?.log;
    let first = log_them(&mut copy);
    if dry_run || !first.iter().any(|f| matches!(f.taken, Taken::Logged(..))) {
        return Ok(first);
    }
    let (taken, _) = ctx.edit_log(|log, loaded| {
        let start = loaded.profile.start;
        let taken = log_them(log);
        if let Some(e) = log.entries.iter().find(|e| e.line == 0 && e.date < start) {
            return Err(Usage(format!(
                "{} is before the program start {start}: nothing to log there",
                e.date
            ))
            .into());
        }
        Ok(taken)
    })?;
    Ok(taken)
}

/// The in-force session rows of `date` in `log` (by index).
fn sessions_on(log: &SessionLog, date: NaiveDate) -> Vec<usize> {
    (0..log.entries.len())
        .filter(|&i| {
            let e = &log.entries[i];
            e.kind == EntryKind::Session && e.date == date && e.in_force()
        })
        .collect()
}

/// A row's scores in the form's words ([`graded::model::form::scores`]).
fn scores(e: &LogEntry) -> String {
    graded::model::form::scores(
        e.status == SessionStatus::Skipped,
        e.pain_during,
        e.pain_after,
        e.rpe,
    )
}

/// One form read, applied to `log`: the session's row added, or its morning filled in.
fn take_one(log: &mut SessionLog, date: NaiveDate, reading: &Reading, today: NaiveDate) -> Taken {
    let filled = match reading {
        Reading::Filled(f) => *f,
        Reading::Empty => return Taken::Already,
        Reading::Refused(why) => {
            return Taken::NotLogged(format!(
                "{why}; fix it on the phone, or log it with graded log --date {date}"
            ));
        }
        Reading::Warning(line) => {
            return Taken::NotLogged(format!(
                "the notes say `{}`, which reads like a warning sign; a calendar is never \
                 where one is logged: run graded log --symptom ID now (graded screen lists \
                 them), or call a clinician",
                visible(line)
            ));
        }
    };
    if date > today {
        return Taken::NotLogged(format!(
            "the session is on {date}, after today: log it once it is done"
        ));
    }
    let on = sessions_on(log, date);
    match filled {
        Filled::Session {
            during,
            after,
            effort,
        } => {
            let phone = LogEntry {
                pain_during: Some(during),
                pain_after: Some(after),
                rpe: effort,
                source: Source::Calendar,
                ..LogEntry::session(date)
            };
            session(log, &on, phone)
        }
        Filled::Skipped => {
            let phone = LogEntry {
                status: SessionStatus::Skipped,
                source: Source::Calendar,
                ..LogEntry::session(date)
            };
            session(log, &on, phone)
        }
        Filled::Morning { pain, stiffness } => {
            let Some(&i) = on
                .iter()
                .rev()
                .find(|&&i| log.entries[i].status != SessionStatus::Skipped)
            else {
                return Taken::NotLogged(format!(
                    "no session is logged on {date} for this morning to follow: log the \
                     session first (its event's form, or graded log --date {date})"
                ));
            };
            let e = &log.entries[i];
            match e.next_morning {
                Some(had) if had == pain => Taken::Already,
                Some(had) => Taken::Conflict(format!(
                    "the phone says morning pain {pain}, graded has {had}: graded's is kept (to \
                     change it: graded log --amend --date {date} --next-morning {pain})"
                )),
                None => {
                    // One morning follows every session of that day, as `graded log
                    // --next-morning` writes it [24H].
                    for j in log.fill_morning(date, pain, stiffness, None) {
                        let o = &mut log.entries[j];
                        if o.source == Source::Graded {
                            o.source = Source::CalendarMorning;
                        }
                    }
                    let stiff = stiffness.map_or(String::new(), |m| format!(", stiffness {m} min"));
                    Taken::Logged(date, format!("morning pain {pain}{stiff}"))
                }
            }
        }
    }
}

/// A session from the phone: added when none is logged that day; else the same (nothing
/// to do) or a conflict (graded's kept).
fn session(log: &mut SessionLog, on: &[usize], phone: LogEntry) -> Taken {
    let date = phone.date;
    let Some(&i) = on.last() else {
        let said = scores(&phone);
        log.entries.push(phone);
        return Taken::Logged(date, said);
    };
    let had = &log.entries[i];
    let same = had.status == phone.status
        && had.pain_during == phone.pain_during
        && had.pain_after == phone.pain_after
        && (phone.rpe.is_none() || had.rpe == phone.rpe);
    if same {
        return Taken::Already;
    }
    Taken::Conflict(format!(
        "the phone says {}, graded has {}: graded's is kept (to change it: graded log --amend \
         --date {date})",
        scores(&phone),
        scores(had)
    ))
}

/// One line per form read, once the plan is built again (`diff`, from the log with them in):
/// `logged from the phone: 2026-11-25 Rehab: Walking (stage 1), session 2: pain during /
/// after 2 / 3, effort 6: green, hold`.
pub fn lines(
    forms: &[FormRead],
    before: (&CalendarDiff, &graded::model::Plan),
    after: &graded::model::Plan,
    dry_run: bool,
) -> Vec<String> {
    let (diff, plan) = before;
    forms
        .iter()
        .filter_map(|f| {
            let slot = &diff.slots[f.slot];
            // The session's plain title (the event's may already answer), and for a reminder,
            // which session's morning it is.
            let session = slot.session.map(|i| summary(&plan.sessions[i]));
            let title = match (session, slot.kind) {
                (Some(s), EventKind::Reminder) => format!("{s}, the morning after"),
                (Some(s), EventKind::Session) => s,
                (None, _) => slot.summary.clone(),
            };
            let title = visible(&title).into_owned();
            let day = slot.day;
            Some(match &f.taken {
                Taken::Logged(_, what) if dry_run => {
                    format!("would be logged from the phone: {day} {title}: {what}")
                }
                Taken::Logged(date, what) => {
                    let judged = after
                        .sessions
                        .iter()
                        .filter(|s| s.date == *date && s.status != graded::model::SlotStatus::Planned)
                        .find_map(answer)
                        .unwrap_or_default();
                    format!("logged from the phone: {day} {title}: {what}: {judged}")
                }
                Taken::Already => return None,
                Taken::Conflict(why) => {
                    format!("logged both in graded and on the phone: {day} {title}: {why}")
                }
                Taken::Moved => format!(
                    "not logged from the phone: {day} {title}: moved and filled in at once; \
                     the move is dealt with above and the form is not read: log the session \
                     with graded log --date DAY"
                ),
                Taken::NotLogged(why) => {
                    format!("not logged from the phone: {day} {title}: {why}; the event is left as it is")
                }
            })
        })
        .collect()
}
