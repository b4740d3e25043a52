//! The whole plan as JSON. Field names are documented in the README and kept stable.

use serde::Serialize;

use super::history::StageRef;
use super::{Document, Exporter};
use crate::model::{Completion, NOTICE, PlannedExercise};

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

/// A value serialized as the text its `Display` writes, without building a string first.
pub(super) struct Shown<T>(pub T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
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
    date: Shown<chrono::NaiveDate>,
    weekday: Shown<chrono::format::DelayedFormat<chrono::format::StrftimeItems<'a>>>,
    time: Shown<chrono::format::DelayedFormat<chrono::format::StrftimeItems<'a>>>,
    week: u32,
    stage: StageRef<'a>,
    step: usize,
    session: u32,
    deload: bool,
    status: &'a str,
    stop_above: crate::model::Pain,
    exercises: &'a [PlannedExercise],
    notes: &'a str,
    /// The adjustments that change this session (`graded adjust`), each naming who made it.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    adjusted: &'a [String],
}

impl Exporter for PlanJson {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
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
                    date: Shown(s.date),
                    weekday: Shown(s.date.format("%a")),
                    time: Shown(s.time.format("%H:%M")),
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
                    stop_above: s.stop_above,
                    exercises: &s.exercises,
                    notes: &s.notes,
                    adjusted: &s.adjusted,
                })
                .collect(),
        };
        // About 1.8 KB a session, reserved once (growing megabytes step by step costs more).
        let mut v = Vec::with_capacity(2048 * (p.sessions.len() + 1));
        serde_json::to_writer_pretty(&mut v, &out)?;
        v.push(b'\n');
        Ok(v)
    }
}
