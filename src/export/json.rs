//! The whole plan as JSON. Field names are documented in docs/GUIDE.md ("JSON") and kept stable.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Document, Streamed};
use crate::model::{Completion, NOTICE, PlannedExercise};
use crate::text::{push_date, weekday_abbr};

/// JSON of the plan.
pub struct PlanJson;

#[derive(Serialize)]
struct Out<'a> {
    schema: &'static str,
    notice: &'static str,
    program: Prog<'a>,
    workspace_id: &'a str,
    timezone: &'a str,
    unit: &'a str,
    session_minutes: u32,
    today: String,
    stopped: bool,
    completion: Option<&'a Completion>,
    sessions: Vec<Session<'a>>,
}

/// Serializes what `f` writes as one JSON string, formatted in a reused buffer: serde_json
/// escapes a `collect_str` piece by piece, which costs more than the text of a long export.
pub(super) fn text<S: serde::Serializer>(
    s: S,
    f: impl FnOnce(&mut String),
) -> Result<S::Ok, S::Error> {
    thread_local! {
        static BUF: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
    }
    let mut buf = BUF.take();
    buf.clear();
    f(&mut buf);
    let r = s.serialize_str(&buf);
    BUF.set(buf);
    r
}

/// A value serialized as the text its `Display` writes.
pub(super) struct Shown<T>(pub T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        text(s, |b| {
            let _ = write!(b, "{}", self.0);
        })
    }
}

/// A date serialized as `YYYY-MM-DD`.
pub(super) struct Day(pub chrono::NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        text(s, |b| push_date(b, self.0))
    }
}

/// A time of day serialized as `HH:MM`.
struct Clock(chrono::NaiveTime);

impl Serialize for Clock {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use chrono::Timelike;
        text(s, |b| {
            let _ = write!(b, "{:02}:{:02}", self.0.hour(), self.0.minute());
        })
    }
}

/// Several values serialized as a list of their texts.
pub(super) struct ShownAll<'a, T>(pub &'a [T]);

impl<T: std::fmt::Display> Serialize for ShownAll<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Shown))
    }
}

#[derive(Serialize)]
struct Prog<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Session<'a> {
    date: Day,
    weekday: &'static str,
    time: Clock,
    week: u32,
    stage: StageRef<'a>,
    step: usize,
    session: u32,
    deload: bool,
    status: &'a str,
    /// A past session's outcome (green, amber, red, stop, pending, none); absent ahead.
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'a str>,
    stop_above: crate::model::Pain,
    exercises: &'a [PlannedExercise],
    notes: &'a str,
    /// The adjustments that change this session (`graded adjust`), each naming who made it.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    adjusted: &'a [String],
}

impl Streamed for PlanJson {
    /// About 1.8 KB a session.
    fn size(&self, doc: &Document<'_>) -> usize {
        2048 * (doc.course.plan.sessions.len() + 1)
    }

    fn render<W: std::io::Write>(&self, doc: &Document<'_>, w: &mut W) -> anyhow::Result<()> {
        let p = &doc.course.plan;
        let out = Out {
            schema: "graded.plan/1",
            notice: NOTICE,
            program: Prog {
                id: &p.program_id,
                name: &p.program_name,
            },
            workspace_id: &p.workspace_id,
            timezone: &p.timezone,
            unit: p.unit.as_str(),
            session_minutes: p.session_minutes,
            today: p.today.to_string(),
            stopped: p.stopped,
            completion: p.completion.as_ref(),
            sessions: p
                .sessions
                .iter()
                .map(|s| Session {
                    date: Day(s.date),
                    weekday: weekday_abbr(s.date),
                    time: Clock(s.time),
                    week: s.week,
                    stage: StageRef {
                        index: s.stage,
                        id: &s.stage_id,
                        name: &s.stage_name,
                    },
                    step: s.step,
                    session: s.session,
                    deload: s.deload,
                    status: s.status.as_str(),
                    outcome: s.outcome.map(|o| o.as_str()),
                    stop_above: s.stop_above,
                    exercises: &s.exercises,
                    notes: &s.notes,
                    adjusted: &s.adjusted,
                })
                .collect(),
        };
        super::pretty::to_writer(&mut *w, &out)?;
        w.write_all(b"\n")?;
        Ok(())
    }
}

/// A stage reference in JSON.
#[derive(Serialize)]
pub struct StageRef<'a> {
    /// 1-based.
    pub index: usize,
    /// Stage id.
    pub id: &'a str,
    /// Stage name.
    pub name: &'a str,
}
