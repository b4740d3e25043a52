//! The history: every logged row with its scores, outcome, decision and reasons. The sheet a
//! physical therapist reads; table, CSV or JSON.

use std::collections::HashMap;

use serde::Serialize;

use super::csv::{record, writer};
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
fn doses(doc: &Document<'_>) -> HashMap<chrono::NaiveDate, String> {
    let mut out = HashMap::new();
    for s in &doc.course.plan.sessions {
        out.entry(s.date).or_insert_with(|| {
            s.exercises
                .iter()
                .map(|e| format!("{}: {}", e.name, e.dose_text(doc.course.plan.unit)))
                .collect::<Vec<_>>()
                .join("; ")
        });
    }
    out
}

/// The dose planned for a logged session (none for a screen or a clearance).
fn dose(doses: &HashMap<chrono::NaiveDate, String>, j: &Judged) -> String {
    if j.entry.kind != crate::model::EntryKind::Session {
        return String::new();
    }
    doses.get(&j.entry.date).cloned().unwrap_or_default()
}

fn reasons(j: &Judged) -> String {
    j.reasons
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
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
        let mut w = writer(self.excel);
        w.write_record(HISTORY_COLUMNS)?;
        let doses = doses(doc);
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
                    dose(&doses, j),
                    super::csv::SHORT_NOTICE.to_string(),
                ],
            )?;
        }
        Ok(w.into_inner()?)
    }
}

/// One history row as JSON (field names documented in the README).
#[derive(Serialize)]
struct Row<'a> {
    date: String,
    kind: &'a str,
    stage: StageRef<'a>,
    step: usize,
    status: &'a str,
    pain_during: Option<Pain>,
    pain_after: Option<Pain>,
    next_morning: Option<Pain>,
    stiffness_min: Option<u32>,
    rpe: Option<u8>,
    /// Single lifts' RPE: `[["squat", 7.5]]`.
    lift_rpe: &'a [(String, f64)],
    symptoms: &'a [crate::model::Symptom],
    outcome: &'a str,
    decision: &'a str,
    triage: Option<&'a str>,
    reasons: Vec<String>,
    note: &'a str,
    dose: String,
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
        let doses = doses(doc);
        let rows: Vec<Row<'_>> = doc
            .course
            .replay
            .judged
            .iter()
            .map(|j| {
                let e = &j.entry;
                let s = &doc.program.stages[j.stage];
                Row {
                    date: e.date.to_string(),
                    kind: e.kind.as_str(),
                    stage: StageRef {
                        index: j.stage + 1,
                        id: &s.id,
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
                    reasons: j.reasons.iter().map(ToString::to_string).collect(),
                    note: &e.note,
                    dose: dose(&doses, j),
                }
            })
            .collect();
        let v =
            serde_json::json!({ "notice": NOTICE, "program": doc.program.id, "sessions": rows });
        let mut out = serde_json::to_vec_pretty(&v)?;
        out.push(b'\n');
        Ok(out)
    }
}
