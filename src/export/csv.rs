//! The plan as CSV for a physical therapist or a spreadsheet: RFC 4180 (CRLF), UTF-8, one row
//! per exercise per session; text cells guarded against formula injection.

use std::collections::HashMap;

use super::{Document, Exporter};
use crate::model::plan::fmt_load;

/// The plan's CSV columns, in order (stable: documented in the README).
pub const PLAN_COLUMNS: [&str; 23] = [
    "date",
    "weekday",
    "start_time",
    "timezone",
    "week",
    "stage",
    "stage_name",
    "step",
    "session",
    "exercise",
    "sets",
    "reps",
    "hold_s",
    "duration_min",
    "load",
    "unit",
    "pct_1rm",
    "rpe_cap",
    "status",
    "outcome",
    "deload",
    "notes",
    "notice",
];

/// The notice every CSV row carries (a spreadsheet has no place for a footer).
pub const SHORT_NOTICE: &str =
    "General guidance, not a diagnosis. Source keys: docs/EVIDENCE.md (graded sources KEY).";

/// CSV of the plan.
pub struct PlanCsv {
    /// Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8.
    pub excel: bool,
}

/// Guards a text cell against formula injection: a cell beginning with `= + - @`, TAB or CR
/// gets a leading `'` (as wger does), unless it is a plain number.
pub fn guard(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A CSV writer with CRLF line ends, and the BOM when asked.
pub fn writer(excel: bool) -> csv::Writer<Vec<u8>> {
    let mut buf = Vec::new();
    if excel {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf)
}

/// Writes one record, guarding every cell.
pub fn record<I: IntoIterator<Item = String>>(
    w: &mut csv::Writer<Vec<u8>>,
    cells: I,
) -> anyhow::Result<()> {
    w.write_record(cells.into_iter().map(|c| guard(&c)))?;
    Ok(())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

impl Exporter for PlanCsv {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut w = writer(self.excel);
        w.write_record(PLAN_COLUMNS)?;
        let plan = &doc.course.plan;
        // What the pain said about each day's session done (green, amber, red ...): the first
        // session row judged on that day.
        let mut outcomes: HashMap<chrono::NaiveDate, &str> = HashMap::new();
        for j in &doc.course.replay.judged {
            if j.entry.kind == crate::model::EntryKind::Session {
                outcomes.entry(j.entry.date).or_insert(j.outcome.as_str());
            }
        }
        for s in &plan.sessions {
            let outcome = outcomes.get(&s.date).copied().unwrap_or_default();
            for e in &s.exercises {
                record(
                    &mut w,
                    [
                        s.date.to_string(),
                        s.date.format("%a").to_string(),
                        s.time.format("%H:%M").to_string(),
                        plan.timezone.clone(),
                        s.week.to_string(),
                        s.stage.to_string(),
                        s.stage_name.clone(),
                        s.step.to_string(),
                        s.session.to_string(),
                        e.name.clone(),
                        opt(e.sets),
                        e.reps.clone().unwrap_or_default(),
                        opt(e.hold_s),
                        opt(e.duration_min),
                        e.load.map(fmt_load).unwrap_or_default(),
                        if e.load.is_some() {
                            plan.unit.as_str().to_string()
                        } else {
                            String::new()
                        },
                        opt(e.pct_1rm),
                        opt(e.rpe_cap),
                        s.status.as_str().to_string(),
                        outcome.to_string(),
                        if s.deload { "yes".into() } else { "no".into() },
                        format!("Stop the session if pain goes above {}/10.", s.stop_above),
                        SHORT_NOTICE.to_string(),
                    ],
                )?;
            }
        }
        Ok(w.into_inner()?)
    }
}
