//! The plan as CSV for a physical therapist or a spreadsheet: RFC 4180 (CRLF), UTF-8, one row
//! per exercise per session; text cells guarded against formula injection.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, Timelike};

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
    // The first byte decides (a byte test: this runs for every cell of a long export).
    let risky = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
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

/// Writes one cell, guarded.
fn cell(w: &mut csv::Writer<Vec<u8>>, c: &str) -> csv::Result<()> {
    w.write_field(guard(c).as_bytes())
}

/// A weekday as the plan's CSV writes it (`Mon`).
fn weekday(d: chrono::Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.num_days_from_monday() as usize]
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
        // Cells are written one by one from reused buffers: a long plan has tens of thousands
        // of rows, and a string per cell would cost more than the writing.
        let (mut int, mut text) = (itoa::Buffer::new(), String::new());
        for s in &plan.sessions {
            let outcome = outcomes.get(&s.date).copied().unwrap_or_default();
            // What every row of the session shares, formatted once.
            let date = s.date.to_string();
            let time = format!("{:02}:{:02}", s.time.hour(), s.time.minute());
            let notes = format!("Stop the session if pain goes above {}/10.", s.stop_above);
            let shared_head: [&str; 4] = [
                &date,
                weekday(s.date.weekday()),
                &time,
                plan.timezone.as_str(),
            ];
            for e in &s.exercises {
                for c in shared_head {
                    cell(&mut w, c)?;
                }
                cell(&mut w, int.format(s.week))?;
                cell(&mut w, int.format(s.stage))?;
                cell(&mut w, &s.stage_name)?;
                cell(&mut w, int.format(s.step))?;
                cell(&mut w, int.format(s.session))?;
                cell(&mut w, &e.name)?;
                cell(&mut w, e.sets.map_or("", |v| int.format(v)))?;
                cell(&mut w, e.reps.as_deref().unwrap_or_default())?;
                cell(&mut w, e.hold_s.map_or("", |v| int.format(v)))?;
                cell(&mut w, e.duration_min.map_or("", |v| int.format(v)))?;
                text.clear();
                if let Some(l) = e.load {
                    text.push_str(&fmt_load(l));
                }
                cell(&mut w, &text)?;
                cell(
                    &mut w,
                    if e.load.is_some() {
                        plan.unit.as_str()
                    } else {
                        ""
                    },
                )?;
                text.clear();
                if let Some(p) = e.pct_1rm {
                    let _ = write!(text, "{p}");
                }
                cell(&mut w, &text)?;
                cell(&mut w, e.rpe_cap.map_or("", |v| int.format(v)))?;
                cell(&mut w, s.status.as_str())?;
                cell(&mut w, outcome)?;
                cell(&mut w, if s.deload { "yes" } else { "no" })?;
                cell(&mut w, &notes)?;
                cell(&mut w, SHORT_NOTICE)?;
                w.write_record(None::<&[u8]>)?;
            }
        }
        Ok(w.into_inner()?)
    }
}
