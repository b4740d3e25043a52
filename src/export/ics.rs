//! iCalendar events for calendar apps, built with the `ical` crate's generator (which neither
//! escapes TEXT nor folds by octets: `ics_text` does both). It renders the engine's calendar
//! diff ([`crate::engine::calendar`]): each event with its SEQUENCE, cancelled ones marked.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ical::generator::{Emitter, IcalCalendar, IcalEvent};
use ical::parser::ical::component::IcalAlarm;
use ical::property::Property;

use super::ics_text::{escape_text, fold_octets, format_local, format_utc, unfold, vtimezone};
use super::{Document, Exporter};
pub use crate::engine::calendar::{CalendarDiff, CalendarState, diff, summary, uid};
use crate::model::{NOTICE, Plan, PlannedSession};

/// iCalendar of the plan.
pub struct PlanIcs<'a> {
    /// Reminder minutes before each session; `None` for no reminder.
    pub alarm: Option<u32>,
    /// The calendar as it should be now (from the plan and what earlier exports sent).
    pub calendar: &'a CalendarDiff,
}

fn prop(name: &str, value: impl Into<String>) -> Property {
    Property {
        name: name.into(),
        params: None,
        value: Some(value.into()),
    }
}

fn tz_prop(name: &str, tz: &str, value: String) -> Property {
    Property {
        name: name.into(),
        params: Some(vec![("TZID".into(), vec![tz.into()])]),
        value: Some(value),
    }
}

/// DESCRIPTION: every exercise and its dose, the pain rules and the notice.
pub fn description(plan: &Plan, s: &PlannedSession) -> String {
    let mut d = format!(
        "Stage {}: {}, step {}{}.\n",
        s.stage,
        s.stage_name,
        s.step,
        if s.deload { " (lighter week)" } else { "" }
    );
    for e in &s.exercises {
        d.push_str(&format!("- {}: {}\n", e.name, e.dose_text(plan.unit)));
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

impl Exporter for PlanIcs<'_> {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let plan = &doc.course.plan;
        let tz = doc.profile.timezone;
        let tzid = tz.name();
        let dtstamp = format_utc(dtstamp(plan.today));
        let mut cal = IcalCalendar::new();
        cal.properties.push(prop("VERSION", "2.0"));
        cal.properties
            .push(prop("PRODID", "-//graded//graded rehab planner//EN"));
        cal.properties.push(prop("CALSCALE", "GREGORIAN"));
        cal.properties.push(prop(
            "X-WR-CALNAME",
            escape_text(&format!("Rehab: {}", plan.program_name)),
        ));
        cal.properties.push(prop("X-WR-TIMEZONE", tzid));
        let all = &self.calendar.slots;
        if let (Some(first), Some(last)) = (all.first(), all.last()) {
            cal.timezones.push(vtimezone(tz, first.date, last.date));
        }
        for slot in all {
            let cancelled = slot.session.is_none();
            let description = match slot.session {
                Some(i) => description(plan, &plan.sessions[i]),
                None if plan.stopped => format!(
                    "The program is stopped: see `graded status` and a clinician before training again.\n{NOTICE}"
                ),
                None => format!(
                    "graded re-planned this session away: it is no longer part of the plan.\n{NOTICE}"
                ),
            };
            let (start, end) = times(tz, slot.date.and_time(slot.time), plan.session_minutes);
            let mut ev = IcalEvent::new();
            ev.properties.push(prop("UID", slot.uid.clone()));
            ev.properties.push(prop("DTSTAMP", dtstamp.clone()));
            ev.properties
                .push(prop("SEQUENCE", slot.sequence.to_string()));
            ev.properties.push(start.property("DTSTART", tzid));
            ev.properties.push(end.property("DTEND", tzid));
            ev.properties
                .push(prop("SUMMARY", escape_text(&slot.summary)));
            ev.properties
                .push(prop("DESCRIPTION", escape_text(&description)));
            ev.properties.push(prop("CATEGORIES", "Rehab"));
            ev.properties.push(prop("TRANSP", "OPAQUE"));
            ev.properties.push(prop(
                "STATUS",
                if cancelled { "CANCELLED" } else { "CONFIRMED" },
            ));
            if let (Some(min), false) = (self.alarm, cancelled) {
                let mut a = IcalAlarm::new();
                a.properties.push(prop("ACTION", "DISPLAY"));
                a.properties
                    .push(prop("DESCRIPTION", escape_text(&slot.summary)));
                a.properties.push(prop("TRIGGER", format!("-PT{min}M")));
                ev.alarms.push(a);
            }
            cal.events.push(ev);
        }
        Ok(fold_octets(&unfold(&cal.generate())).into_bytes())
    }
}

/// A start or end time: local in the person's zone, or UTC where the local time is ambiguous
/// (the hour the clocks fall back repeats, and apps disagree on which one is meant).
enum When {
    Local(chrono::NaiveDateTime),
    Utc(DateTime<Utc>),
}

impl When {
    fn property(&self, name: &str, tzid: &str) -> Property {
        match self {
            When::Local(t) => tz_prop(name, tzid, format_local(*t)),
            When::Utc(t) => prop(name, format_utc(*t)),
        }
    }
}

/// Start and end of a session starting at local `start` for `minutes`.
fn times(tz: chrono_tz::Tz, start: chrono::NaiveDateTime, minutes: u32) -> (When, When) {
    let Some(begin) = tz.from_local_datetime(&start).earliest() else {
        // The engine moves times out of a spring-forward gap; keep UTC as a last resort.
        let utc = Utc.from_utc_datetime(&start);
        return (
            When::Utc(utc),
            When::Utc(utc + Duration::minutes(i64::from(minutes))),
        );
    };
    let finish = begin + Duration::minutes(i64::from(minutes));
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
