//! iCalendar events for calendar apps, written in one pass by [`IcsWriter`] (each content line
//! escaped and folded as it is written). It renders the engine's calendar diff
//! ([`crate::engine::calendar`]): each event with its SEQUENCE, cancelled ones marked.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::ics_text::{IcsWriter, format_local, format_utc, write_vtimezone};
use super::{Document, Exporter};
pub use crate::engine::calendar::{
    CalendarDiff, CalendarState, EventKind, REMINDER_MINUTES, Shown, Slot, answer, diff,
    logged_line, morning_shows, reminder_uid, session_shows, summary, uid,
};
use crate::model::{NOTICE, Plan, PlannedSession, Zone};

/// iCalendar of the plan.
pub struct PlanIcs<'a> {
    /// Reminder minutes before each session; `None` for no reminder.
    pub alarm: Option<u32>,
    /// The calendar as it should be now (from the plan and what earlier exports sent).
    pub calendar: &'a CalendarDiff,
}

/// DESCRIPTION: every exercise and its dose with its first two cues and its library id, the
/// pain rules and the notice.
pub fn description(plan: &Plan, library: &crate::model::Library, s: &PlannedSession) -> String {
    let mut d = format!(
        "Stage {}: {}, step {}{}.\n",
        s.stage,
        s.stage_name,
        s.step,
        if s.deload { " (lighter week)" } else { "" }
    );
    for e in &s.exercises {
        d.push_str(&format!("- {}: {}\n", e.name, e.dose_text(plan.unit)));
        let cues = crate::export::exercises::cues(library, &e.id, 2);
        for c in cues {
            d.push_str(&format!("  · {c}\n"));
        }
        if !cues.is_empty() {
            d.push_str(&format!("  (graded exercises show {})\n", e.id));
        }
    }
    d.push_str(&format!(
        "Pain rules: stop the session if pain goes above {}/10. {} Log it: graded log.\n",
        s.stop_above,
        s.gates.summary()
    ));
    if !s.notes.is_empty() {
        d.push_str(&s.notes);
        d.push('\n');
    }
    d.push_str(NOTICE);
    d
}

/// A next-morning reminder's DESCRIPTION: the program's morning question, the session it
/// follows, how to log the score, and the notice.
pub fn reminder_description(s: &PlannedSession, question: &str) -> String {
    format!(
        "{question}.\nAfter the session of {}: {}.\nLog it: graded log --next-morning N (the session is judged once its next-morning pain is logged).\n{NOTICE}",
        s.date.format("%a %d %b"),
        summary(s),
    )
}

/// What a calendar that talks back shows first in a session's event ([`session_shows`]): the
/// form to log it from ([`crate::model::form`]); that it was logged in graded; or, logged from
/// the calendar, what was logged and decided.
fn session_head(s: &PlannedSession) -> String {
    use crate::model::form::{SESSION_FORM, SESSION_HELP, WARNING_HELP};
    match (session_shows(s), logged_line(s), answer(s)) {
        (Shown::Answered, Some(logged), Some(answer)) => {
            format!("{logged}\nDecided: {answer} (graded status says why and what comes next).\n\n")
        }
        (Shown::Form, ..) => format!("{SESSION_HELP}\n{SESSION_FORM}\n{WARNING_HELP}\n\n"),
        _ => format!("{LOGGED_IN_GRADED}\n\n"),
    }
}

/// What an event says of a session logged in graded: nothing of the scores.
const LOGGED_IN_GRADED: &str = "Logged in graded: graded status shows how it went.";

/// What a calendar that talks back shows first in a next-morning reminder
/// ([`morning_shows`]): its form, that it was logged in graded, or what was logged from the
/// calendar.
fn morning_head(s: &PlannedSession) -> String {
    use crate::model::form::{MORNING_FORM, MORNING_HELP, WARNING_HELP};
    match (morning_shows(s), s.logged) {
        (Shown::Form, _) => format!("{MORNING_HELP}\n{MORNING_FORM}\n{WARNING_HELP}\n\n"),
        (_, Some(_)) if s.status == crate::model::SlotStatus::Skipped => {
            "The session was logged as skipped: nothing to log this morning.\n\n".to_string()
        }
        (Shown::Answered, Some(l)) => {
            let m = l.next_morning.map_or(String::new(), |m| m.to_string());
            let stiff = l
                .stiffness_min
                .map_or(String::new(), |m| format!(", stiffness {m} min"));
            format!("Logged: morning back pain {m}/10{stiff}.\n\n")
        }
        _ => format!("{LOGGED_IN_GRADED}\n\n"),
    }
}

/// Octets an event takes, about: sizes the output once.
const EVENT_OCTETS: usize = 1024;

impl Exporter for PlanIcs<'_> {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let plan = &doc.course.plan;
        let tz = &doc.profile.timezone;
        let all = &self.calendar.slots;
        let mut w = IcsWriter::with_capacity((all.len() + 4) * EVENT_OCTETS);
        w.begin("VCALENDAR");
        write_header(&mut w);
        w.text("X-WR-CALNAME", &format!("Rehab: {}", plan.program_name));
        w.value("X-WR-TIMEZONE", tz.name());
        if let (Some(first), Some(last)) = (all.first(), all.last()) {
            write_vtimezone(&mut w, tz, first.day, last.day);
        }
        let dtstamp = format_utc(dtstamp(plan.today));
        for slot in all {
            self.write_event(&mut w, doc, slot, &dtstamp);
        }
        w.end("VCALENDAR");
        Ok(w.finish().into_bytes())
    }
}

/// VERSION, PRODID and CALSCALE: the head of every calendar object graded writes.
fn write_header(w: &mut IcsWriter) {
    w.value("VERSION", "2.0");
    w.value("PRODID", "-//graded//graded rehab planner//EN");
    w.value("CALSCALE", "GREGORIAN");
}

impl PlanIcs<'_> {
    /// One slot as a calendar object of its own (a CalDAV resource holds one UID, RFC 4791
    /// §4.1): the header, the VTIMEZONE for its day, and the very VEVENT the whole export
    /// writes for it, byte for byte.
    pub fn event_object(&self, doc: &Document<'_>, slot: &Slot) -> String {
        let tz = &doc.profile.timezone;
        let mut w = IcsWriter::with_capacity(2 * EVENT_OCTETS);
        w.begin("VCALENDAR");
        write_header(&mut w);
        write_vtimezone(&mut w, tz, slot.day, slot.day);
        let dtstamp = format_utc(dtstamp(doc.course.plan.today));
        self.write_event(&mut w, doc, slot, &dtstamp);
        w.end("VCALENDAR");
        w.finish()
    }

    /// One VEVENT (with its VALARM).
    fn write_event(&self, w: &mut IcsWriter, doc: &Document<'_>, slot: &Slot, dtstamp: &str) {
        let plan = &doc.course.plan;
        let tz = &doc.profile.timezone;
        let tzid = tz.name();
        let cancelled = slot.session.is_none();
        let reminder = slot.kind == EventKind::Reminder;
        let talks_back = self.calendar.talks_back;
        let description = match (slot.session, reminder) {
            (Some(i), false) => {
                let s = &plan.sessions[i];
                let d = description(plan, &doc.program.library, s);
                if talks_back {
                    format!("{}{d}", session_head(s))
                } else {
                    d
                }
            }
            (Some(i), true) => {
                let s = &plan.sessions[i];
                let d = reminder_description(s, &doc.program.morning_question);
                if talks_back {
                    format!("{}{d}", morning_head(s))
                } else {
                    d
                }
            }
            (None, _) if plan.stopped => format!(
                "The program is stopped: see `graded status` and a clinician before training again.\n{NOTICE}"
            ),
            (None, false) => format!(
                "graded re-planned this session away: it is no longer part of the plan.\n{NOTICE}"
            ),
            (None, true) => format!(
                "graded re-planned the session this reminder followed away: nothing to log this morning.\n{NOTICE}"
            ),
        };
        let minutes = if reminder {
            REMINDER_MINUTES
        } else {
            plan.session_minutes
        };
        let (start, end) = times(tz, slot.day.and_time(slot.time), minutes);
        w.begin("VEVENT");
        w.text("UID", &slot.uid);
        w.value("DTSTAMP", dtstamp);
        w.value("SEQUENCE", &slot.sequence.to_string());
        start.write(w, "DTSTART", tzid);
        end.write(w, "DTEND", tzid);
        w.text("SUMMARY", &slot.summary);
        w.text("DESCRIPTION", &description);
        w.value("CATEGORIES", "Rehab");
        // A reminder is a moment, not time taken: it never shows the person as busy.
        w.value("TRANSP", if reminder { "TRANSPARENT" } else { "OPAQUE" });
        w.value("STATUS", if cancelled { "CANCELLED" } else { "CONFIRMED" });
        if let (Some(min), false) = (self.alarm, cancelled) {
            w.begin("VALARM");
            w.value("ACTION", "DISPLAY");
            w.text("DESCRIPTION", &slot.summary);
            // A session's alarm rings `--alarm` minutes before it; a reminder's, at its time.
            let trigger = if reminder {
                "PT0M".to_string()
            } else {
                format!("-PT{min}M")
            };
            w.value("TRIGGER", &trigger);
            w.end("VALARM");
        }
        w.end("VEVENT");
    }
}

/// A start or end time: local in the person's zone, or UTC where the local time is ambiguous
/// (the hour the clocks fall back repeats, and apps disagree on which one is meant).
enum When {
    Local(chrono::NaiveDateTime),
    Utc(DateTime<Utc>),
}

impl When {
    fn write(&self, w: &mut IcsWriter, name: &str, tzid: &str) {
        match self {
            When::Local(t) => w.zoned(name, tzid, &format_local(*t)),
            When::Utc(t) => w.value(name, &format_utc(*t)),
        }
    }
}

/// Start and end of a session starting at local `start` for `minutes`.
fn times(tz: &Zone, start: chrono::NaiveDateTime, minutes: u32) -> (When, When) {
    let Some(begin) = tz.from_local_datetime(&start).earliest() else {
        // The engine moves times out of a spring-forward gap; keep UTC as a last resort.
        let utc = Utc.from_utc_datetime(&start);
        return (
            When::Utc(utc),
            When::Utc(utc + Duration::minutes(i64::from(minutes))),
        );
    };
    let finish = begin.clone() + Duration::minutes(i64::from(minutes));
    let single = |t: chrono::NaiveDateTime| {
        matches!(tz.from_local_datetime(&t), chrono::LocalResult::Single(_))
    };
    if single(start) && single(finish.naive_local()) {
        (When::Local(start), When::Local(finish.naive_local()))
    } else {
        (
            When::Utc(begin.with_timezone(&Utc)),
            When::Utc(finish.with_timezone(&Utc)),
        )
    }
}

/// DTSTAMP for a plan made on `today`: midnight UTC, deterministic under `--today`.
pub fn dtstamp(today: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&today.and_hms_opt(0, 0, 0).expect("midnight"))
}
