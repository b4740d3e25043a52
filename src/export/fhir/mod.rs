//! The course as an HL7 FHIR R4 Bundle for a clinic's record system (`graded export --format
//! fhir`, `bundle.fhir.json` in `graded share`): a Patient, a Condition, a CarePlan whose
//! activities are the program's stages, and an Observation per logged score, effort, red flag,
//! session, screen and clearance: of every row, or of the rows from a day on
//! ([`FhirBundle::recent`]: the last 26 weeks, and everything since a stop still in force).
//!
//! A `transaction` of `PUT Type/id` entries with ids made from the workspace, the date and what
//! is recorded: the same workspace and log give the same bytes, and a re-export after new rows
//! gives the old resources the same ids, so a server updates them instead of adding copies.
//! References inside the Bundle are the entries' `urn:uuid:` fullUrls (deterministic too), which
//! a server rewrites to `Type/id` on import and any reader resolves without a server.
//!
//! Nothing here is a diagnosis: the Condition is the person's own report (verification status
//! `unconfirmed`), and the CarePlan's first note is the guidance notice.

mod resource;

use std::borrow::Cow;
use std::fmt::Write as _;

use self::resource::{
    Activity, Annotation, Bundle, CarePlan, Component, Concept, Condition, Detail, Entry,
    HumanName, Identifier, Number, Observation, Patient, Period, Quantity, Ref, Request, Resource,
    Value,
};
use super::{Document, Exporter};
use crate::engine::course::Visit;
use crate::engine::{Decision, Judged, Outcome};
use crate::model::{
    EntryKind, LogEntry, NOTICE, Pain, SessionStatus, SlotStatus, Symptom, Triage, Zone, fnv1a,
    fnv1a_on,
};
use chrono::{Duration, LocalResult, NaiveDate, NaiveTime, Offset, SecondsFormat, TimeZone};

/// The Bundle as JSON.
#[derive(Debug, Clone, Copy, Default)]
pub struct FhirBundle {
    /// The first day whose rows and notes become Observations (`None`: every row). The
    /// Patient, the Condition, the CarePlan (every stage and stop) and the intake are always in.
    pub since: Option<NaiveDate>,
}

impl FhirBundle {
    /// Weeks of rows a Bundle holds unless `--all`: a whole course of rehabilitation, as the
    /// report's charts show it. A server that took an earlier Bundle keeps its older rows: the
    /// ids are the same, and each entry is a `PUT`.
    pub const WEEKS: i64 = 26;

    /// The Bundle sent on `today`: the rows of the last [`Self::WEEKS`] weeks, and every row
    /// that led to a stop still in force, however old (it stands until a clearance): from the
    /// red window before it, which holds the earlier red sessions of a stop for reds.
    pub fn recent(
        today: NaiveDate,
        course: &crate::engine::Course,
        program: &crate::model::Program,
    ) -> FhirBundle {
        let monday = crate::model::plan::week_start(today);
        let from = monday - Duration::weeks(Self::WEEKS);
        let window = program
            .stages
            .iter()
            .map(|s| s.gates.red_window_days)
            .max()
            .unwrap_or(0);
        let stop = course
            .stops
            .iter()
            .filter(|s| s.resumed.is_none())
            .map(|s| s.date - Duration::days(i64::from(window)))
            .min();
        FhirBundle {
            since: Some(stop.map_or(from, |d| d.min(from))),
        }
    }
}

/// The system of the Patient's identifier: the workspace id.
pub const WORKSPACE_SYSTEM: &str = "urn:graded:workspace";
/// graded's own codes: what an Observation or a component records where no standard code fits
/// (`session`, `rpe`, `lift-rpe`, `morning-stiffness`, `soreness`, `red-flag-screen`, `clearance`,
/// `therapist-note`, and the
/// component codes `pain-context`, `lift`, `stage`, `outcome`, `decision`, `triage`).
pub const CODE_SYSTEM: &str = "urn:graded:code";
/// When a pain score was taken: `during`, `after`, `next-morning`, `rest-intake`.
pub const PAIN_CONTEXT_SYSTEM: &str = "urn:graded:pain-context";
/// A red flag of the screen, by its id (`fever`); an id retired from the screen keeps its id.
pub const RED_FLAG_SYSTEM: &str = "urn:graded:red-flag";
/// A red flag's triage: `soon`, `urgent`, `emergency`.
pub const TRIAGE_SYSTEM: &str = "urn:graded:triage";
/// A logged session's status: `done`, `partial`, `skipped`.
pub const SESSION_STATUS_SYSTEM: &str = "urn:graded:session-status";
/// What a session's pain said: `green`, `amber`, `red`, `stop`, `pending`, `none`.
pub const OUTCOME_SYSTEM: &str = "urn:graded:outcome";
/// What graded decided after a row: `start`, `advance`, `hold`, `regress`, `stop`.
pub const DECISION_SYSTEM: &str = "urn:graded:decision";

const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

/// LOINC 72514-3: a 0-10 pain score as the person reports it.
pub const PAIN_LOINC: &str = "72514-3";
const PAIN_LOINC_DISPLAY: &str = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
/// The UCUM unit of a score (pain, RPE).
const SCORE: &str = "{score}";

/// Longest FHIR id.
const MAX_ID: usize = 64;

// ---------------------------------------------------------------------------------------------
// Ids, references, text and times.

/// The workspace's part of every id: FNV-1a of the workspace id, 16 hex digits (any workspace
/// id, whatever its characters, gives a valid FHIR id).
pub fn workspace_key(workspace_id: &str) -> String {
    format!("{:016x}", fnv1a(workspace_id.as_bytes()))
}

/// A resource id from its parts joined by `-`. Parts are ASCII letters, digits and `-`; an id
/// that would pass FHIR's 64 characters becomes the workspace key and a hash of the whole.
fn make_id(ws: &str, parts: &[&str]) -> String {
    let mut id = String::with_capacity(MAX_ID);
    id.push_str(ws);
    for p in parts {
        id.push('-');
        id.push_str(p);
    }
    if id.len() > MAX_ID {
        id = format!("{ws}-h{:016x}", fnv1a(id.as_bytes()));
    }
    id
}

/// A deterministic `urn:uuid:` for a resource, from `Type/id` (two FNV-1a hashes, of `Type/id`
/// and of `Type/id#`; the version nibble says 8, RFC 9562's custom UUID).
fn full_url(kind: &str, id: &str) -> String {
    let hi = fnv1a_on(fnv1a_on(fnv1a(kind.as_bytes()), b"/"), id.as_bytes());
    let lo = fnv1a_on(hi, b"#");
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&hi.to_be_bytes());
    b[8..].copy_from_slice(&lo.to_be_bytes());
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(45);
    out.push_str("urn:uuid:");
    for (i, x) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(x >> 4)]));
        out.push(char::from(HEX[usize::from(x & 0xf)]));
    }
    out
}

fn reference(kind: &str, id: &str) -> Ref {
    Ref {
        reference: full_url(kind, id),
    }
}

/// Text as a FHIR string: exactly as written (quotes, line breaks, emoji, a leading `=`; the
/// JSON writer escapes what JSON needs), except the control characters FHIR strings may not
/// hold (below U+0020 but tab, line feed and carriage return), shown as `\u{1b}`.
pub fn fhir_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(forbidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if forbidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`fhir_text`] of text made here (kept as it is unless it needs a change).
fn fhir_string(s: String) -> Cow<'static, str> {
    if s.chars().any(forbidden) {
        Cow::Owned(fhir_text(&s).into_owned())
    } else {
        Cow::Owned(s)
    }
}

/// A character a FHIR string may not hold: below U+0020, but tab, line feed and carriage return.
fn forbidden(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

/// A local date and time in `zone` as a FHIR dateTime with its offset
/// (`2026-11-25T07:00:00-05:00`). A time the clocks skip moves forward by the jump (as
/// `Profile::local_time` does); a time that happens twice is the first of the two.
pub fn zoned(zone: &Zone, date: NaiveDate, time: NaiveTime) -> String {
    let naive = date.and_time(time);
    let at = match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => {
            let before = zone
                .offset_from_utc_datetime(&(naive - Duration::hours(12)))
                .fix();
            zone.from_utc_datetime(
                &(naive - Duration::seconds(i64::from(before.local_minus_utc()))),
            )
        }
    };
    at.fixed_offset()
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn score(p: Pain) -> Quantity {
    Quantity {
        value: Number::Whole(u32::from(p.get())),
        unit: SCORE,
        system: UCUM,
        code: SCORE,
    }
}

fn survey() -> Concept<'static> {
    Concept::code(OBSERVATION_CATEGORY, "survey", "Survey")
}

fn triage_code(t: Triage) -> Concept<'static> {
    match t {
        Triage::Soon => Concept::code(
            TRIAGE_SYSTEM,
            "soon",
            "Soon: stop progressing; see a clinician in the next few days",
        ),
        Triage::Urgent => Concept::code(
            TRIAGE_SYSTEM,
            "urgent",
            "Urgent: see a clinician within 24 hours",
        ),
        Triage::Emergency => Concept::code(
            TRIAGE_SYSTEM,
            "emergency",
            "Emergency: emergency services or the emergency department now",
        ),
    }
}

fn outcome_code(o: Outcome) -> Concept<'static> {
    let display = match o {
        Outcome::Green => "Green: pain within the green band (counts toward progression)",
        Outcome::Amber => "Amber: acceptable pain (hold the dose)",
        Outcome::Red => "Red: too much pain (one step back)",
        Outcome::Stop => "Stop: a red-flag symptom",
        Outcome::Pending => "Pending: waiting for the next-morning score",
        Outcome::None => "Nothing to judge",
    };
    Concept::code(OUTCOME_SYSTEM, o.as_str(), display)
}

fn decision_code(d: Decision) -> Concept<'static> {
    let display = match d {
        Decision::Start => "Start (or resume after a clearance)",
        Decision::Advance => "Advance: one dose step up, or the next stage",
        Decision::Hold => "Hold: repeat the dose",
        Decision::Regress => "Regress: one dose step down",
        Decision::Stop => "Stop: the program is stopped",
        Decision::Maintain => "Maintain: the program is complete; keep the final dose",
    };
    Concept::code(DECISION_SYSTEM, d.as_str(), display)
}

fn component<'a>(code: &'static str, display: &'static str, value: Value<'a>) -> Component<'a> {
    Component {
        code: Concept::code(CODE_SYSTEM, code, display),
        value,
    }
}

/// The FHIR id part of a lift name: itself when it is short lowercase ASCII, else a hash.
fn lift_part(lift: &str) -> Cow<'_, str> {
    let plain = !lift.is_empty()
        && lift.len() <= 20
        && lift
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if plain {
        Cow::Borrowed(lift)
    } else {
        Cow::Owned(format!("x{:016x}", fnv1a(lift.as_bytes())))
    }
}

// ---------------------------------------------------------------------------------------------
// The Bundle.

/// What every resource of one export shares: the workspace key and the references to the
/// Patient and the CarePlan.
struct Shared<'d> {
    doc: &'d Document<'d>,
    ws: String,
    patient: Ref,
    care_plan: Ref,
}

impl<'d> Shared<'d> {
    fn observation(
        &self,
        id: String,
        category: Option<Concept<'d>>,
        code: Concept<'d>,
        effective: String,
        value: Value<'d>,
    ) -> Observation<'d> {
        Observation {
            id,
            based_on: [self.care_plan.clone()],
            status: "final",
            category: category.into_iter().collect(),
            code,
            subject: self.patient.clone(),
            effective_date_time: effective,
            // Every score is the person's own report.
            performer: vec![self.patient.clone()],
            value,
            note: vec![],
            has_member: vec![],
            component: vec![],
        }
    }

    /// The person's note on a row, exactly as written (none when empty).
    fn note(&self, text: &'d str) -> Vec<Annotation<'d>> {
        if text.is_empty() {
            return vec![];
        }
        vec![Annotation {
            author_reference: Some(self.patient.clone()),
            author_string: None,
            time: None,
            text: fhir_text(text),
        }]
    }

    /// A pain score: LOINC 72514-3 with when it was taken as a component.
    fn pain(
        &self,
        id: String,
        context: (&'static str, &'static str),
        text: &'static str,
        at: String,
        value: Pain,
    ) -> Observation<'d> {
        let mut o = self.observation(
            id,
            Some(survey()),
            Concept::code(LOINC, PAIN_LOINC, PAIN_LOINC_DISPLAY).worded(text),
            at,
            Value::Quantity(score(value)),
        );
        o.component.push(component(
            "pain-context",
            "When the pain score was taken",
            Value::Concept(Concept::code(PAIN_CONTEXT_SYSTEM, context.0, context.1)),
        ));
        o
    }

    /// A recorded symptom: a red flag with its triage per the screen, or an id retired from
    /// the screen (recorded, never stopping the program).
    fn symptom(&self, id: String, s: Symptom, at: String) -> Observation<'d> {
        let (code, text): (Concept<'d>, Cow<'d, str>) = match s.flag() {
            Some(f) => (
                Concept::code(RED_FLAG_SYSTEM, f.id, f.question),
                Cow::Owned(format!(
                    "Red flag: {}",
                    crate::model::red_flag::in_words(&[s])
                )),
            ),
            None => (
                Concept::default(),
                Cow::Owned(format!("Symptom: {} (no longer a red flag)", s.id())),
            ),
        };
        let mut o = self.observation(
            id,
            Some(survey()),
            code.worded(text),
            at,
            Value::Boolean(true),
        );
        if let Some(f) = s.flag() {
            o.component.push(component(
                "triage",
                "How urgently to be seen",
                Value::Concept(triage_code(f.triage)),
            ));
        }
        o
    }

    fn id(&self, parts: &[&str]) -> String {
        make_id(&self.ws, parts)
    }

    fn session_time(&self, date: NaiveDate) -> String {
        let p = self.doc.profile;
        zoned(&p.timezone, date, p.local_time(date))
    }

    /// A next-morning score (and morning stiffness) is dated at the person's morning reminder
    /// on the day after the session, as the calendar's reminder is: graded records the day of a
    /// score, not its clock time, and the reminder is when it is asked for.
    fn morning_time(&self, date: NaiveDate) -> String {
        let p = self.doc.profile;
        let (morning, time) = p.morning_after(date);
        zoned(&p.timezone, morning, time)
    }
}

fn entry(resource: Resource<'_>) -> Entry<'_> {
    let (kind, id) = resource.kind_and_id();
    let full = full_url(kind, id);
    let url = format!("{kind}/{id}");
    Entry {
        full_url: full,
        resource,
        request: Request { method: "PUT", url },
    }
}

impl Exporter for FhirBundle {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let ws = workspace_key(&doc.profile.id);
        let patient_id = make_id(&ws, &["patient"]);
        let condition_id = make_id(&ws, &["condition"]);
        let care_plan_id = make_id(&ws, &["careplan"]);
        let shared = Shared {
            doc,
            patient: reference("Patient", &patient_id),
            care_plan: reference("CarePlan", &care_plan_id),
            ws,
        };
        let all = &doc.course.replay.judged;
        let (judged, notes) = match self.since {
            Some(from) => (
                &all[all.partition_point(|j| j.entry.date < from)..],
                shown_notes(&doc.course.notes, from),
            ),
            None => (&all[..], &doc.course.notes[..]),
        };
        // The first day of the rows held, and whether any are, when earlier ones are left out.
        let left_out = (judged.len() < all.len() || notes.len() < doc.course.notes.len())
            .then_some(self.since)
            .flatten()
            .map(|from| (from, judged.is_empty() && notes.is_empty()));
        let mut entries = Vec::new();
        // Only what the profile holds: its identity, and the name when it gives one.
        entries.push(entry(Resource::Patient(Patient {
            id: patient_id,
            identifier: [Identifier {
                system: WORKSPACE_SYSTEM,
                value: fhir_text(&doc.profile.id),
            }],
            name: doc
                .profile
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| HumanName {
                    kind: "usual",
                    text: fhir_text(n),
                })
                .into_iter()
                .collect(),
        })));
        let condition = doc.program.condition.as_deref().map(|text| Condition {
            id: condition_id.clone(),
            // graded does not judge whether the strain has resolved: the clinician does.
            clinical_status: Concept::code(CONDITION_CLINICAL, "active", "Active"),
            verification_status: Concept::code(
                CONDITION_VERIFICATION,
                "unconfirmed",
                "Unconfirmed",
            ),
            code: Concept::text(fhir_text(text)),
            subject: shared.patient.clone(),
            onset_date_time: doc.profile.injury_date.to_string(),
            note: vec![Annotation::graded(
                None,
                "Reported by the person at intake in graded, with the day of the injury; not a \
                 diagnosis.",
            )],
        });
        let addresses = condition
            .as_ref()
            .map(|c| reference("Condition", &c.id))
            .into_iter()
            .collect();
        if let Some(c) = condition {
            entries.push(entry(Resource::Condition(c)));
        }
        entries.push(entry(Resource::CarePlan(care_plan(
            &shared,
            care_plan_id,
            addresses,
            left_out,
        ))));
        intake(&shared, &mut entries);
        let bundle = Bundle {
            resource_type: "Bundle",
            kind: "transaction",
            entry: Entries {
                head: entries,
                shared: &shared,
                judged,
                notes,
            },
        };
        // About 11 KB a row (a row record and its scores, pretty-printed), reserved once.
        let mut out = Vec::with_capacity(4096 + 12 * 1024 * judged.len());
        crate::export::pretty::to_writer(&mut out, &bundle)?;
        out.push(b'\n');
        Ok(out)
    }
}

/// The notes dated on or after `from`.
fn shown_notes(notes: &[LogEntry], from: NaiveDate) -> &[LogEntry] {
    &notes[notes.partition_point(|e| e.date < from)..]
}

/// The CarePlan: the program, its status from the course, a stage per activity; and, when
/// `left_out` is the first day of the rows the Bundle holds (and whether it holds none), a note
/// that earlier ones are not.
fn care_plan<'d>(
    shared: &Shared<'d>,
    id: String,
    addresses: Vec<Ref>,
    left_out: Option<(NaiveDate, bool)>,
) -> CarePlan<'d> {
    let doc = shared.doc;
    let course = doc.course;
    let state = &course.replay.state;
    let completed = state.completed();
    let status = match (state.stopped(), completed) {
        // Stopped until a clinician's clearance (`graded resume`): on hold, not revoked.
        (Some(_), _) => "on-hold",
        (None, true) => "completed",
        (None, false) => "active",
    };
    // Each stage's first and last slot still ahead in the projection.
    let mut ahead: Vec<Option<(NaiveDate, NaiveDate)>> = vec![None; doc.program.stages.len()];
    for s in course
        .plan
        .sessions
        .iter()
        .filter(|s| s.status == SlotStatus::Planned)
    {
        if let Some(span) = ahead.get_mut(s.stage.wrapping_sub(1)) {
            let first = span.map_or(s.date, |(first, _)| first);
            *span = Some((first, s.date));
        }
    }
    let activity = (0..doc.program.stages.len())
        .map(|i| stage_activity(doc, i, ahead[i]))
        .collect();
    let mut note = vec![
        Annotation::graded(None, NOTICE),
        Annotation::graded(
            None,
            "Stages ahead are dated by graded's projection, in which every session is green; \
             pain scores, effort, red flags and each session's outcome and decision are the \
             Observations based on this plan.",
        ),
    ];
    for stop in &course.stops {
        let mut text = format!(
            "Stopped on {} (triage: {}): {}.",
            stop.date,
            stop.triage.word(),
            stop.cause
        );
        if let Some((date, by)) = &stop.resumed {
            let _ = write!(text, " Cleared to resume on {date} by {by}.");
        }
        note.push(Annotation::graded(
            Some(stop.date.to_string()),
            fhir_string(text),
        ));
    }
    if let Some((from, none)) = left_out {
        let held = if none {
            format!("This Bundle holds no logged rows: none was logged from {from} on, and")
        } else {
            format!("This Bundle holds the rows logged from {from} on;")
        };
        note.push(Annotation::graded(
            None,
            fhir_string(format!(
                "{held} earlier ones are left out (every row since the start on {}: graded \
                 export --format fhir --all). A server that took an earlier Bundle keeps them: \
                 each resource keeps its id.",
                doc.profile.start
            )),
        ));
    }
    if let Some(stall) = &doc.course.plan.stall {
        note.push(Annotation::graded(None, fhir_string(stall.text())));
    }
    if let Some(pause) = &doc.course.standing.pause {
        note.push(Annotation::graded(
            None,
            fhir_string(format!("Progression paused: {}", pause.text)),
        ));
    }
    CarePlan {
        id,
        status,
        intent: "plan",
        title: fhir_text(&doc.program.name),
        description: Some(fhir_text(&doc.program.description)).filter(|d| !d.trim().is_empty()),
        subject: shared.patient.clone(),
        period: Period {
            start: Some(doc.profile.start.to_string()),
            // The day the last stage was completed (the visit it closed), once it is.
            end: course
                .visits
                .iter()
                .rev()
                .find_map(|v| v.end.as_ref().filter(|e| e.completed))
                .filter(|_| completed)
                .map(|e| e.date.to_string()),
        },
        addresses,
        activity,
        note,
    }
}

/// Stage `i` as a CarePlan activity. Its status: `completed` once the person is past it,
/// `in-progress` while in it, `on-hold` while stopped in it (until a clearance) or when a step
/// back left it (to be taken up again), `not-started` before it; the reason of a hold; its dates
/// (the visits' for what is past, the projection's, `ahead`, for what is to come); a progress
/// note per visit.
fn stage_activity<'d>(
    doc: &'d Document<'d>,
    i: usize,
    ahead: Option<(NaiveDate, NaiveDate)>,
) -> Activity<'d> {
    let course = doc.course;
    let state = &course.replay.state;
    let stopped = state.stopped();
    let current = state.stage();
    let started = course.plan.today >= doc.profile.start;
    let visits: Vec<&Visit> = course.visits.iter().filter(|v| v.stage == i).collect();
    let status = if state.completed() || i < current {
        "completed"
    } else if !started || (i > current && visits.is_empty()) {
        "not-started"
    } else if i > current || stopped.is_some() {
        "on-hold"
    } else {
        "in-progress"
    };
    let status_reason = match (status, stopped.filter(|_| i == current)) {
        ("on-hold", Some(s)) => Some(s.cause.clone()),
        ("on-hold", None) => visits
            .last()
            .and_then(|v| v.end.as_ref())
            .and_then(|e| e.reason.as_ref())
            .map(ToString::to_string),
        _ => None,
    }
    .map(|why| Concept::text(fhir_text(&why).into_owned()));
    let start = visits
        .first()
        .map(|v| v.start)
        .filter(|_| started)
        .or(ahead.map(|a| a.0));
    let end = if status == "completed" {
        visits.last().and_then(|v| v.end.as_ref()).map(|e| e.date)
    } else {
        ahead.map(|a| a.1)
    };
    let stage = &doc.program.stages[i];
    let mut description = format!(
        "Stage {} of {}: {}. {} sessions a week, for at least {} days",
        i + 1,
        doc.program.stages.len(),
        stage.name,
        stage.sessions_per_week,
        stage.min_days
    );
    // Each exercise with its library id: `graded exercises show ID` explains it.
    for (k, e) in stage.exercises.iter().enumerate() {
        description.push_str(if k == 0 {
            ". Exercises (graded exercises show ID): "
        } else {
            ", "
        });
        description.push_str(&e.name);
        description.push_str(" [");
        description.push_str(&e.id);
        description.push(']');
    }
    description.push('.');
    if !stage.notes.is_empty() {
        description.push(' ');
        description.push_str(&stage.notes);
    }
    let progress = visits
        .iter()
        .filter(|_| started)
        .map(|v| {
            let text = match &v.end {
                Some(e) => format!(
                    "In this stage from {} to {}: {}. {}",
                    v.start,
                    e.date,
                    if e.completed {
                        "completed"
                    } else {
                        e.decision.as_str()
                    },
                    crate::export::why(e.reason.as_ref())
                ),
                None => format!("In this stage from {}.", v.start),
            };
            Annotation::graded(
                Some(v.start.to_string()),
                fhir_string(text.trim_end().to_string()),
            )
        })
        .collect();
    Activity {
        progress,
        detail: Detail {
            code: Concept::text(fhir_text(&stage.name)),
            status,
            status_reason,
            scheduled_period: (start.is_some() || end.is_some()).then(|| Period {
                start: start.map(|d| d.to_string()),
                end: end.map(|d| d.to_string()),
            }),
            description: fhir_string(description),
        },
    }
}

/// The intake: rest pain and any red flag answered yes, on the day of the intake screen.
fn intake<'d>(shared: &Shared<'d>, entries: &mut Vec<Entry<'d>>) {
    let p = shared.doc.profile;
    let day = p.screened.format("%Y%m%d").to_string();
    let at = shared.session_time(p.screened);
    entries.push(entry(Resource::Observation(shared.pain(
        shared.id(&[&day, "intake", "rest-pain"]),
        ("rest-intake", "At rest, at intake"),
        "Pain at rest at intake, 0-10",
        at.clone(),
        p.rest_pain,
    ))));
    for &s in &p.red_flags {
        entries.push(entry(Resource::Observation(shared.symptom(
            shared.id(&[&day, "intake", "flag", s.id()]),
            s,
            at.clone(),
        ))));
    }
}

/// The Bundle's entries: the patient, condition, care plan and intake first, then each row's,
/// serialized as each row makes them (a long log's resources are never all held at once).
struct Entries<'s, 'd> {
    head: Vec<Entry<'d>>,
    shared: &'s Shared<'d>,
    judged: &'d [Judged],
    notes: &'d [LogEntry],
}

impl serde::Serialize for Entries<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(None)?;
        for e in &self.head {
            seq.serialize_element(e)?;
        }
        let mut failed = None;
        let mut emit = |e: Entry<'_>| {
            if failed.is_none()
                && let Err(x) = seq.serialize_element(&e)
            {
                failed = Some(x);
            }
        };
        rows(self.shared, self.judged, &mut emit);
        notes(self.shared, self.notes, &mut emit);
        match failed {
            Some(x) => Err(x),
            None => seq.end(),
        }
    }
}

/// Each therapist's note in force (`graded note`) as an Observation: the note as its
/// `valueString`, exactly as written, and its author and day as the Annotation that says who
/// wrote it. Not the person's report: no performer (the author is a name, not a resource).
fn notes<'d>(shared: &Shared<'d>, notes: &'d [LogEntry], emit: &mut dyn FnMut(Entry<'d>)) {
    let mut day_of: Option<NaiveDate> = None;
    let mut n = 0u32;
    for e in notes {
        if day_of != Some(e.date) {
            day_of = Some(e.date);
            n = 0;
        }
        n += 1;
        let day = e.date.format("%Y%m%d").to_string();
        let mut o = shared.observation(
            shared.id(&[&day, &format!("note{n}")]),
            None,
            Concept::code(
                CODE_SYSTEM,
                "therapist-note",
                "Note from a physical therapist or clinician",
            ),
            // The day of the note, at the person's planned time (graded records no minute).
            shared.session_time(e.date),
            Value::String(fhir_text(&e.note)),
        );
        o.performer.clear();
        o.note.push(Annotation {
            author_reference: None,
            author_string: Some(fhir_text(&e.author)),
            time: Some(e.date.to_string()),
            text: fhir_string(format!(
                "Written by {}; a note changes nothing in graded's plan.",
                fhir_text(&e.author)
            )),
        });
        emit(entry(Resource::Observation(o)));
    }
}

/// Every logged row: a record of the row (session, screen or clearance) with its members,
/// each handed to `emit` as it is made.
fn rows<'d>(shared: &Shared<'d>, judged: &'d [Judged], emit: &mut dyn FnMut(Entry<'d>)) {
    // Rows of one kind on one day are numbered in log order (the replay keeps it within a day).
    let mut day_of: Option<NaiveDate> = None;
    let mut counts = [0u32; 3];
    for j in judged {
        let e = &j.entry;
        if day_of != Some(e.date) {
            day_of = Some(e.date);
            counts = [0; 3];
        }
        let (slot, prefix) = match e.kind {
            EntryKind::Session => (0, "s"),
            EntryKind::Screen => (1, "screen"),
            EntryKind::Resume => (2, "resume"),
            // Notes are never judged, so never here; the slot keeps ids apart all the same.
            EntryKind::Note => (2, "note"),
        };
        counts[slot] += 1;
        let day = e.date.format("%Y%m%d").to_string();
        let tag = format!("{prefix}{}", counts[slot]);
        let row_id = shared.id(&[&day, &tag]);
        let at = shared.session_time(e.date);
        let mut members: Vec<Observation<'d>> = Vec::new();
        let member_id = |what: &str| shared.id(&[&day, &tag, what]);
        if let Some(p) = e.pain_during {
            members.push(shared.pain(
                member_id("pain-during"),
                ("during", "During the session"),
                "Pain during the session, 0-10",
                at.clone(),
                p,
            ));
        }
        if let Some(p) = e.pain_after {
            members.push(shared.pain(
                member_id("pain-after"),
                ("after", "Right after the session"),
                "Pain right after the session, 0-10",
                at.clone(),
                p,
            ));
        }
        if let Some(p) = e.next_morning {
            members.push(shared.pain(
                member_id("next-morning"),
                ("next-morning", "On waking the next morning"),
                "Pain on waking the next morning, 0-10",
                shared.morning_time(e.date),
                p,
            ));
        }
        if let Some(s) = e.soreness {
            // Muscle soreness after training (DOMS): kept apart from back pain, never judged.
            members.push(shared.observation(
                member_id("soreness"),
                Some(survey()),
                Concept::code(
                    CODE_SYSTEM,
                    "soreness",
                    "Muscle soreness after training on waking (DOMS), 0-10",
                ),
                shared.morning_time(e.date),
                Value::Quantity(Quantity {
                    value: Number::Whole(u32::from(u8::from(s))),
                    unit: SCORE,
                    system: UCUM,
                    code: SCORE,
                }),
            ));
        }
        if let Some(m) = e.stiffness_min {
            members.push(shared.observation(
                member_id("stiffness"),
                Some(survey()),
                Concept::code(
                    CODE_SYSTEM,
                    "morning-stiffness",
                    "Morning stiffness on waking, minutes",
                ),
                shared.morning_time(e.date),
                Value::Quantity(Quantity {
                    value: Number::Whole(m),
                    unit: "min",
                    system: UCUM,
                    code: "min",
                }),
            ));
        }
        if let Some(r) = e.rpe {
            members.push(shared.observation(
                member_id("rpe"),
                Some(survey()),
                Concept::code(
                    CODE_SYSTEM,
                    "rpe",
                    "Rating of perceived exertion (RPE, 0-10)",
                ),
                at.clone(),
                Value::Quantity(Quantity {
                    value: Number::Whole(u32::from(r)),
                    unit: SCORE,
                    system: UCUM,
                    code: SCORE,
                }),
            ));
        }
        for (lift, r) in &e.lift_rpe {
            let mut o = shared.observation(
                member_id(&format!("rpe-{}", lift_part(lift))),
                Some(survey()),
                Concept::code(
                    CODE_SYSTEM,
                    "lift-rpe",
                    "Rating of perceived exertion of one lift (RPE, 0-10)",
                )
                .worded(format!(
                    "Rating of perceived exertion (RPE, 0-10): {}",
                    fhir_text(lift)
                )),
                at.clone(),
                Value::Quantity(Quantity {
                    value: Number::Decimal(*r),
                    unit: SCORE,
                    system: UCUM,
                    code: SCORE,
                }),
            );
            o.component.push(component(
                "lift",
                "The lift",
                Value::String(fhir_text(lift)),
            ));
            members.push(o);
        }
        for &s in &e.symptoms {
            members.push(shared.symptom(member_id(&format!("flag-{}", s.id())), s, at.clone()));
        }
        let record = record(shared, j, e, row_id, at, &members);
        emit(entry(Resource::Observation(record)));
        for o in members {
            emit(entry(Resource::Observation(o)));
        }
    }
}

/// The record of one row: a session (its status, stage, outcome, decision and why), a repeated
/// red-flag screen, or a clearance; the person's note; its scores as members.
fn record<'d>(
    shared: &Shared<'d>,
    j: &'d Judged,
    e: &'d LogEntry,
    id: String,
    at: String,
    members: &[Observation<'d>],
) -> Observation<'d> {
    let doc = shared.doc;
    let (category, code, value) = match e.kind {
        EntryKind::Session => {
            let (code, display) = match e.status {
                SessionStatus::Done => ("done", "Done"),
                SessionStatus::Partial => ("partial", "Done in part"),
                SessionStatus::Skipped => ("skipped", "Skipped"),
            };
            (
                Some(Concept::code(OBSERVATION_CATEGORY, "activity", "Activity")),
                Concept::code(
                    CODE_SYSTEM,
                    "session",
                    "Training session of the graded program",
                ),
                Value::Concept(Concept::code(SESSION_STATUS_SYSTEM, code, display)),
            )
        }
        EntryKind::Screen => (
            Some(survey()),
            Concept::code(CODE_SYSTEM, "red-flag-screen", "Repeated red-flag screen"),
            // Yes when any red flag was answered yes.
            Value::Boolean(e.symptoms.iter().any(|s| s.flag().is_some())),
        ),
        EntryKind::Resume | EntryKind::Note => (
            None,
            Concept::code(
                CODE_SYSTEM,
                "clearance",
                "Cleared by a clinician to resume after a stop (who: in the note)",
            ),
            Value::Boolean(true),
        ),
    };
    let mut o = shared.observation(id, category, code, at, value);
    if e.kind == EntryKind::Resume {
        // The clinician's clearance, not the person's own report.
        o.performer.clear();
    }
    if e.kind == EntryKind::Session {
        let stage = &doc.program.stages[j.stage];
        o.component.push(component(
            "stage",
            "Stage and dose step of the session",
            Value::String(fhir_string(format!(
                "{} (stage {} of {}), step {}",
                stage.name,
                j.stage + 1,
                doc.program.stages.len(),
                j.step + 1
            ))),
        ));
        o.component.push(component(
            "outcome",
            "What the session's pain said",
            Value::Concept(outcome_code(j.outcome)),
        ));
        // The outcome waits for the next morning: preliminary until it is logged.
        if j.outcome == Outcome::Pending {
            o.status = "preliminary";
        }
    }
    o.component.push(component(
        "decision",
        "What graded decided",
        Value::Concept(decision_code(j.decision)),
    ));
    if let Some(t) = j.triage {
        o.component.push(component(
            "triage",
            "How urgently to be seen",
            Value::Concept(triage_code(t)),
        ));
    }
    o.note = shared.note(&e.note);
    if !j.reasons.is_empty() {
        let mut why = String::new();
        for (i, r) in j.reasons.iter().enumerate() {
            if i > 0 {
                why.push(' ');
            }
            let _ = write!(why, "{r}");
        }
        o.note.push(Annotation::graded(None, fhir_string(why)));
    }
    o.has_member = members
        .iter()
        .map(|m| reference("Observation", &m.id))
        .collect();
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fhir_ids_even_for_the_longest_parts() {
        let ws = workspace_key("any id at all, with spaces/and slashes");
        assert_eq!(ws.len(), 16);
        let longest = crate::model::red_flag::RED_FLAGS
            .iter()
            .map(|f| f.id)
            .max_by_key(|id| id.len())
            .unwrap();
        for parts in [
            vec!["20261125", "resume12", &format!("flag-{longest}")],
            vec!["20261125", "intake", "flag", longest],
            vec!["20261125", &"s".repeat(80)],
        ] {
            let id = make_id(&ws, &parts);
            assert!(
                (1..=MAX_ID).contains(&id.len())
                    && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "{id}"
            );
        }
        assert_eq!(lift_part("squat"), "squat");
        assert!(lift_part("Front squat").starts_with('x'));
    }

    #[test]
    fn full_urls_are_stable_uuids() {
        let u = full_url("Observation", "abc-20261125-s1-pain-during");
        assert_eq!(u, full_url("Observation", "abc-20261125-s1-pain-during"));
        assert_ne!(u, full_url("Observation", "abc-20261125-s1-pain-after"));
        let hex = u.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<usize> = hex.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&hex[14..15], "8", "version 8");
        assert!(matches!(&hex[19..20], "8" | "9" | "a" | "b"), "RFC variant");
    }

    #[test]
    fn text_stays_exact_but_for_the_control_characters_fhir_forbids() {
        let hostile = "=HYPERLINK(\"http://x\"), \"quoted\"; emoji 💪\r\nsecond\tline";
        assert_eq!(fhir_text(hostile), hostile);
        assert_eq!(fhir_text("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }

    #[test]
    fn times_carry_the_offset_of_that_day_and_skip_a_gap_forward() {
        let ny = Zone::get("America/New_York").unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            zoned(&ny, d("2026-11-25"), t(7, 0)),
            "2026-11-25T07:00:00-05:00"
        );
        assert_eq!(
            zoned(&ny, d("2027-03-15"), t(7, 0)),
            "2027-03-15T07:00:00-04:00"
        );
        assert_eq!(
            zoned(&ny, d("2027-03-14"), t(2, 30)),
            "2027-03-14T03:30:00-04:00"
        );
        assert_eq!(
            zoned(&ny, d("2026-11-01"), t(1, 30)),
            "2026-11-01T01:30:00-04:00",
            "the first of a repeated hour"
        );
    }
}
