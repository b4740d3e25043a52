//! The history: every logged row with its scores, outcome, decision and reasons. The sheet a
//! physical therapist reads; table, CSV or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::csv::{record, writer};
use super::json::{Shown, ShownAll};
use super::table::{Style, new_table};
use super::{Document, Exporter};
use crate::engine::Judged;
use crate::model::{NOTICE, Pain};

/// The history's CSV columns (stable: documented in the README).
pub const HISTORY_COLUMNS: [&str; 19] = [
    "date",
    "kind",
    "stage",
    "stage_name",
    "step",
    "status",
    "pain_during",
    "pain_after",
    "next_morning",
    "stiffness_min",
    "rpe",
    "symptoms",
    "outcome",
    "decision",
    "triage",
    "reasons",
    "note",
    "dose",
    "notice",
];

/// History as a table.
pub struct HistoryTable {
    /// Styling.
    pub style: Style,
    /// Only rows from this day on (the rest is counted, not drawn); `None` for every row.
    pub since: Option<chrono::NaiveDate>,
}
/// History as CSV.
pub struct HistoryCsv {
    /// BOM for Excel.
    pub excel: bool,
}
/// History as JSON.
pub struct HistoryJson;

fn o<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The dose planned for each day's session: each exercise with its sets, reps and load (the
/// first slot of a day), looked up by date.
/// The dose planned for a logged session (none for a screen or a clearance): the exercises of
/// the plan's first session that day. The plan's sessions are in date order.
fn dose(doc: &Document<'_>, j: &Judged) -> String {
    if j.entry.kind != crate::model::EntryKind::Session {
        return String::new();
    }
    let sessions = &doc.course.plan.sessions;
    let at = sessions.partition_point(|s| s.date < j.entry.date);
    let Some(s) = sessions.get(at).filter(|s| s.date == j.entry.date) else {
        return String::new();
    };
    let mut out = String::new();
    for (i, e) in s.exercises.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&e.name);
        out.push_str(": ");
        e.write_dose(&mut out, doc.course.plan.unit);
    }
    out
}

fn reasons(j: &Judged) -> String {
    let mut out = String::new();
    for (i, r) in j.reasons.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{r}");
    }
    out
}

impl Exporter for HistoryTable {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut out = format!(
            "History · {} · {}\n",
            crate::text::visible(&doc.program.name),
            doc.profile.start.format("started %a %d %b %Y")
        );
        let mut t = new_table(self.style);
        t.set_header(vec![
            "Date",
            "Stage",
            "Pain d/a/m",
            "Outcome",
            "Decision and why",
        ]);
        let judged = &doc.course.replay.judged;
        let first = self
            .since
            .map_or(0, |d| judged.partition_point(|j| j.entry.date < d));
        for j in &judged[first..] {
            let e = &j.entry;
            let stage = &doc.program.stages[j.stage];
            let pains = format!(
                "{}/{}/{}",
                dash(e.pain_during),
                dash(e.pain_after),
                dash(e.next_morning)
            );
            let what = match e.kind {
                crate::model::EntryKind::Session => format!(
                    "{}. {}\nstep {} · {}",
                    j.stage + 1,
                    crate::text::visible(&stage.name),
                    j.step + 1,
                    e.status.as_str()
                ),
                k => k.as_str().to_string(),
            };
            let outcome = comfy_table::Cell::new(j.outcome.as_str());
            t.add_row(vec![
                comfy_table::Cell::new(e.date.format("%a %d %b")),
                comfy_table::Cell::new(what),
                comfy_table::Cell::new(pains),
                match self.style.outcome_color(j.outcome) {
                    Some(c) => outcome.fg(c),
                    None => outcome,
                },
                comfy_table::Cell::new(crate::text::visible(&format!(
                    "{}: {}",
                    j.decision.as_str(),
                    reasons(j)
                ))),
            ]);
        }
        if judged.is_empty() {
            out.push_str("Nothing logged yet. Log a session with `graded log`.\n");
        } else {
            if first > 0 {
                out.push_str(&crate::text::para(&format!(
                    "{first} earlier rows are not shown: `graded history --all` shows every row (the CSV and JSON always hold them)."
                )));
                out.push('\n');
            }
            out.push_str(&t.to_string());
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&crate::text::notice());
        Ok(out.into_bytes())
    }
}

fn dash(v: Option<Pain>) -> String {
    v.map_or("-".into(), |x| x.to_string())
}

impl Exporter for HistoryCsv {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut w = writer(self.excel, 640 * (doc.course.replay.judged.len() + 1));
        w.write_record(HISTORY_COLUMNS)?;
        for j in &doc.course.replay.judged {
            let e = &j.entry;
            let stage = &doc.program.stages[j.stage];
            record(
                &mut w,
                [
                    e.date.to_string(),
                    e.kind.as_str().into(),
                    (j.stage + 1).to_string(),
                    stage.name.to_string(),
                    (j.step + 1).to_string(),
                    e.status.as_str().into(),
                    o(e.pain_during),
                    o(e.pain_after),
                    o(e.next_morning),
                    o(e.stiffness_min),
                    e.rpe_text(),
                    crate::model::red_flag::ids(&e.symptoms, ";"),
                    j.outcome.as_str().into(),
                    j.decision.as_str().into(),
                    j.triage.map(|t| t.word().to_string()).unwrap_or_default(),
                    reasons(j),
                    e.note.clone(),
                    dose(doc, j),
                    super::csv::SHORT_NOTICE.to_string(),
                ],
            )?;
        }
        Ok(w.into_inner()?)
    }
}

/// The history as JSON: keys in alphabetical order at every level (the documented format).
#[derive(Serialize)]
struct History<'a> {
    notice: &'static str,
    program: &'a str,
    sessions: Vec<Row<'a>>,
}

/// One history row as JSON (field names documented in the README), keys alphabetical.
#[derive(Serialize)]
struct Row<'a> {
    date: Shown<chrono::NaiveDate>,
    decision: &'a str,
    dose: String,
    kind: &'a str,
    /// Single lifts' RPE: `[["squat", 7.5]]`.
    lift_rpe: &'a [(String, f64)],
    next_morning: Option<Pain>,
    note: &'a str,
    outcome: &'a str,
    pain_after: Option<Pain>,
    pain_during: Option<Pain>,
    reasons: ShownAll<'a, crate::engine::Reason>,
    rpe: Option<u8>,
    stage: RowStage<'a>,
    status: &'a str,
    step: usize,
    stiffness_min: Option<u32>,
    symptoms: &'a [crate::model::Symptom],
    triage: Option<&'a str>,
}

/// A history row's stage, keys alphabetical.
#[derive(Serialize)]
struct RowStage<'a> {
    id: &'a str,
    index: usize,
    name: &'a str,
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

impl Exporter for HistoryJson {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let rows: Vec<Row<'_>> = doc
            .course
            .replay
            .judged
            .iter()
            .map(|j| {
                let e = &j.entry;
                let s = &doc.program.stages[j.stage];
                Row {
                    date: Shown(e.date),
                    kind: e.kind.as_str(),
                    stage: RowStage {
                        id: &s.id,
                        index: j.stage + 1,
                        name: &s.name,
                    },
                    step: j.step + 1,
                    status: e.status.as_str(),
                    pain_during: e.pain_during,
                    pain_after: e.pain_after,
                    next_morning: e.next_morning,
                    stiffness_min: e.stiffness_min,
                    rpe: e.rpe,
                    lift_rpe: &e.lift_rpe,
                    symptoms: &e.symptoms,
                    outcome: j.outcome.as_str(),
                    decision: j.decision.as_str(),
                    triage: j.triage.map(|t| t.word()),
                    reasons: ShownAll(&j.reasons),
                    note: &e.note,
                    dose: dose(doc, j),
                }
            })
            .collect();
        let mut out = Vec::with_capacity(1024 * (rows.len() + 1));
        serde_json::to_writer_pretty(
            &mut out,
            &History {
                notice: NOTICE,
                program: &doc.program.id,
                sessions: rows,
            },
        )?;
        out.push(b'\n');
        Ok(out)
    }
}
