//! The plan as CSV for a physical therapist or a spreadsheet: RFC 4180 (CRLF), UTF-8, one row
//! per exercise per session; text cells guarded against formula injection.

use std::borrow::Cow;
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
pub fn guard(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV writer with CRLF line ends, and the BOM when asked, into a buffer of about `bytes`
/// (reserved once: growing a long export's buffer step by step costs more than writing it).
pub fn writer(excel: bool, bytes: usize) -> csv::Writer<Vec<u8>> {
    let mut buf = Vec::with_capacity(bytes);
    if excel {
        buf.extend_from_slice("\u{feff}".as_bytes());
    }
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf)
}

/// Writes one record, guarding every cell.
pub fn record<S: AsRef<str>, I: IntoIterator<Item = S>>(
    w: &mut csv::Writer<Vec<u8>>,
    cells: I,
) -> anyhow::Result<()> {
    for c in cells {
        w.write_field(guard(c.as_ref()).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)?;
    Ok(())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

impl Exporter for PlanCsv {
    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let plan = &doc.course.plan;
        let rows: usize = plan.sessions.iter().map(|s| s.exercises.len()).sum();
        let mut w = writer(self.excel, 256 * (rows + 1));
        w.write_record(PLAN_COLUMNS)?;
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
            // What every row of the session shares, formatted once.
            let date = s.date.to_string();
            let weekday = s.date.format("%a").to_string();
            let time = s.time.format("%H:%M").to_string();
            let (week, stage, step, session) = (
                s.week.to_string(),
                s.stage.to_string(),
                s.step.to_string(),
                s.session.to_string(),
            );
            let notes = format!("Stop the session if pain goes above {}/10.", s.stop_above);
            for e in &s.exercises {
                let unit = if e.load.is_some() {
                    plan.unit.as_str()
                } else {
                    ""
                };
                record(
                    &mut w,
                    [
                        Cow::Borrowed(date.as_str()),
                        Cow::Borrowed(weekday.as_str()),
                        Cow::Borrowed(time.as_str()),
                        Cow::Borrowed(plan.timezone.as_str()),
                        Cow::Borrowed(week.as_str()),
                        Cow::Borrowed(stage.as_str()),
                        Cow::Borrowed(&*s.stage_name),
                        Cow::Borrowed(step.as_str()),
                        Cow::Borrowed(session.as_str()),
                        Cow::Borrowed(&*e.name),
                        Cow::Owned(opt(e.sets)),
                        Cow::Borrowed(e.reps.as_deref().unwrap_or_default()),
                        Cow::Owned(opt(e.hold_s)),
                        Cow::Owned(opt(e.duration_min)),
                        Cow::Owned(e.load.map(fmt_load).unwrap_or_default()),
                        Cow::Borrowed(unit),
                        Cow::Owned(opt(e.pct_1rm)),
                        Cow::Owned(opt(e.rpe_cap)),
                        Cow::Borrowed(s.status.as_str()),
                        Cow::Borrowed(outcome),
                        Cow::Borrowed(if s.deload { "yes" } else { "no" }),
                        Cow::Borrowed(notes.as_str()),
                        Cow::Borrowed(SHORT_NOTICE),
                    ],
                )?;
            }
        }
        Ok(w.into_inner()?)
    }
}
