//! iCalendar events for calendar apps, built with the `ical` crate's generator (which neither
//! escapes TEXT nor folds by octets: `ics_text` does both).
//!
//! Updates, not duplicates: a slot's UID comes from the workspace id and the date; the
//! [`CalendarState`] remembers each exported UID's content so that SEQUENCE rises when a slot
//! changes, and a slot a re-plan drops is exported again with STATUS:CANCELLED.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ical::generator::{Emitter, IcalCalendar, IcalEvent};
use ical::parser::ical::component::IcalAlarm;
use ical::property::Property;
use serde::{Deserialize, Serialize};

use super::ics_text::{escape_text, fold_octets, format_local, format_utc, unfold, vtimezone};
use super::{Document, Exporter};
use crate::load::profile::fnv1a;
use crate::model::{NOTICE, Plan, PlannedSession};

/// What was exported for one UID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    /// The slot's date.
    pub date: NaiveDate,
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

/// iCalendar of the plan.
pub struct PlanIcs {
    /// Reminder minutes before each session; `None` for no reminder.
    pub alarm: Option<u32>,
    /// What earlier exports sent.
    pub previous: CalendarState,
}

/// The UID of the slot on `date`: stable across re-exports and re-plans.
pub fn uid(workspace: &str, date: NaiveDate) -> String {
    format!("{}-s1-{workspace}@graded", date.format("%Y%m%d"))
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

/// SUMMARY: `Rehab: Mobility (stage 2), session 3`. Whether it was done is left out on purpose:
/// logging a session does not rewrite its calendar event; only a re-plan of a slot does.
pub fn summary(s: &PlannedSession) -> String {
    format!(
        "Rehab: {} (stage {}), session {}",
        s.stage_name, s.stage, s.session
    )
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

struct Slot {
    uid: String,
    date: NaiveDate,
    /// Local start time; `None` for a cancelled slot (the profile's time is used).
    time: Option<chrono::NaiveTime>,
    summary: String,
    description: String,
    cancelled: bool,
}

/// The state after exporting `plan` on top of `previous`: new slots start at SEQUENCE 0, a
/// changed slot's SEQUENCE rises by one, a dropped slot is cancelled (SEQUENCE + 1).
pub fn next_state(previous: &CalendarState, plan: &Plan) -> CalendarState {
    let mut next = CalendarState::default();
    for slot in slots(previous, plan) {
        let hash = format!(
            "{:016x}",
            fnv1a(
                format!(
                    "{}|{}|{}|{}",
                    slot.date, slot.summary, slot.description, slot.cancelled
                )
                .as_bytes()
            )
        );
        let sequence = match previous.events.get(&slot.uid) {
            Some(p) if p.hash == hash => p.sequence,
            Some(p) => p.sequence + 1,
            None => 0,
        };
        next.events.insert(
            slot.uid,
            Exported {
                date: slot.date,
                hash,
                sequence,
                cancelled: slot.cancelled,
                summary: slot.summary,
            },
        );
    }
    next
}

fn slots(previous: &CalendarState, plan: &Plan) -> Vec<Slot> {
    let mut out: Vec<Slot> = plan
        .sessions
        .iter()
        .map(|s| Slot {
            uid: uid(&plan.workspace_id, s.date),
            date: s.date,
            time: Some(s.time),
            summary: summary(s),
            description: description(plan, s),
            cancelled: false,
        })
        .collect();
    for (uid, p) in &previous.events {
        if !out.iter().any(|s| &s.uid == uid) {
            let summary = p.summary.trim_start_matches("Cancelled: ").to_string();
            let why = if plan.stopped {
                "The program is stopped: see `graded status` and a clinician before training again."
            } else {
                "graded re-planned this session away: it is no longer part of the plan."
            };
            out.push(Slot {
                uid: uid.clone(),
                date: p.date,
                time: None,
                summary: format!("Cancelled: {summary}"),
                description: format!("{why}\n{NOTICE}"),
                cancelled: true,
            });
        }
    }
    out.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    out
}

impl Exporter for PlanIcs {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let plan = &doc.course.plan;
        let tz = doc.profile.timezone;
        let tzid = tz.name();
        let state = next_state(&self.previous, plan);
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
        let all = slots(&self.previous, plan);
        if let (Some(first), Some(last)) = (
            all.iter().map(|s| s.date).min(),
            all.iter().map(|s| s.date).max(),
        ) {
            cal.timezones.push(vtimezone(tz, first, last));
        }
        for slot in &all {
            let rec = &state.events[&slot.uid];
            let time = slot
                .time
                .unwrap_or_else(|| crate::engine::plan::local_time(doc.profile, slot.date));
            let (start, end) = times(tz, slot.date.and_time(time), plan.session_minutes);
            let mut ev = IcalEvent::new();
            ev.properties.push(prop("UID", slot.uid.clone()));
            ev.properties.push(prop("DTSTAMP", dtstamp.clone()));
            ev.properties
                .push(prop("SEQUENCE", rec.sequence.to_string()));
            ev.properties.push(start.property("DTSTART", tzid));
            ev.properties.push(end.property("DTEND", tzid));
            ev.properties
                .push(prop("SUMMARY", escape_text(&slot.summary)));
            ev.properties
                .push(prop("DESCRIPTION", escape_text(&slot.description)));
            ev.properties.push(prop("CATEGORIES", "Rehab"));
            ev.properties.push(prop("TRANSP", "OPAQUE"));
            ev.properties.push(prop(
                "STATUS",
                if slot.cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                },
            ));
            if let (Some(min), false) = (self.alarm, slot.cancelled) {
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
