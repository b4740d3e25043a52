//! The plan as CSV for a physical therapist or a spreadsheet: RFC 4180 (CRLF), UTF-8, one row
//! per exercise per session; text cells guarded against formula injection.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::Timelike;

use super::{Document, Streamed};
use crate::model::plan::push_load;
use crate::text::{push_date, weekday_abbr};

/// The plan's CSV columns, in order (stable: documented in docs/GUIDE.md, "Exports").
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

/// How many bytes a sheet holds before it passes them on.
const PART: usize = 1 << 16;

/// A CSV sheet written into memory cell by cell by the csv crate: RFC 4180 with CRLF line
/// ends, every cell guarded, and the BOM when asked.
pub struct Sheet {
    csv: csv::Writer<Vec<u8>>,
    /// Cells written in the current row.
    cells: usize,
    /// The header's width: every row has as many cells.
    width: usize,
    /// A reused buffer for cells formatted on the way ([`Sheet::text`]).
    buf: String,
}

/// RFC 4180's writer: CRLF line ends (the sheet counts the cells of a row itself).
fn writer(out: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out)
}

impl Sheet {
    /// A sheet starting with the header row (and the BOM when asked), written to its reader in
    /// parts of about 64 KiB ([`Sheet::pass_on`]).
    pub fn new(excel: bool, header: &[&str]) -> Sheet {
        let mut out = Vec::with_capacity(PART + 4096);
        if excel {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut sheet = Sheet {
            csv: writer(out),
            cells: 0,
            width: header.len(),
            buf: String::new(),
        };
        for h in header {
            sheet.cell(h);
        }
        sheet.end_row();
        sheet
    }

    /// One cell, guarded.
    pub fn cell(&mut self, c: &str) {
        self.csv
            .write_field(guard(c).as_bytes())
            .expect("writing into memory cannot fail");
        self.cells += 1;
    }

    /// One cell formatted by `f` in a reused buffer.
    pub fn text(&mut self, f: impl FnOnce(&mut String)) {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        f(&mut buf);
        self.cell(&buf);
        self.buf = buf;
    }

    /// A whole number, or an empty cell for none.
    pub fn int(&mut self, v: Option<impl itoa::Integer>) {
        match v {
            Some(v) => self.cell(itoa::Buffer::new().format(v)),
            None => self.cell(""),
        }
    }

    /// Ends the row.
    pub fn end_row(&mut self) {
        assert_eq!(
            self.cells, self.width,
            "a CSV row has as many cells as the header"
        );
        self.csv
            .write_record(None::<&[u8]>)
            .expect("writing into memory cannot fail");
        self.cells = 0;
    }

    /// Passes the rows written so far on to `w` once they fill a part, or all of them when
    /// `all` (at the end).
    pub fn pass_on<W: std::io::Write>(&mut self, w: &mut W, all: bool) -> anyhow::Result<()> {
        if all || self.csv.get_ref().len() >= PART {
            let full = std::mem::replace(&mut self.csv, writer(Vec::with_capacity(PART)));
            w.write_all(&full.into_inner().map_err(|e| e.into_error())?)?;
        }
        Ok(())
    }
}

impl Streamed for PlanCsv {
    /// About 256 bytes a row, a row per exercise.
    fn size(&self, doc: &Document<'_>) -> usize {
        let rows: usize = doc
            .course
            .plan
            .sessions
            .iter()
            .map(|s| s.exercises.len())
            .sum();
        256 * (rows + 1)
    }

    fn render<W: std::io::Write>(&self, doc: &Document<'_>, out: &mut W) -> anyhow::Result<()> {
        let plan = &doc.course.plan;
        let mut w = Sheet::new(self.excel, &PLAN_COLUMNS);
        // Cells are written one by one: a long plan has tens of thousands of rows, and a
        // string per cell would cost more than the writing.
        let mut date = String::new();
        for s in &plan.sessions {
            // What the pain said about the session done, as the engine judged it.
            let outcome = s.outcome.map_or("", |o| o.as_str());
            // What every row of the session shares, formatted once.
            date.clear();
            push_date(&mut date, s.date);
            let time = format!("{:02}:{:02}", s.time.hour(), s.time.minute());
            let notes = format!("Stop the session if pain goes above {}/10.", s.stop_above);
            let shared_head: [&str; 4] =
                [&date, weekday_abbr(s.date), &time, plan.timezone.as_str()];
            for e in &s.exercises {
                for c in shared_head {
                    w.cell(c);
                }
                w.int(Some(s.week));
                w.int(Some(s.stage));
                w.cell(&s.stage_name);
                w.int(Some(s.step));
                w.int(Some(s.session));
                w.cell(&e.name);
                w.int(e.sets);
                w.cell(e.reps.as_deref().unwrap_or_default());
                w.int(e.hold_s);
                w.int(e.duration_min);
                w.text(|t| {
                    if let Some(l) = e.load {
                        push_load(t, l);
                    }
                });
                w.cell(if e.load.is_some() {
                    plan.unit.as_str()
                } else {
                    ""
                });
                w.text(|t| {
                    if let Some(p) = e.pct_1rm {
                        let _ = write!(t, "{p}");
                    }
                });
                w.int(e.rpe_cap);
                w.cell(s.status.as_str());
                w.cell(outcome);
                w.cell(if s.deload { "yes" } else { "no" });
                w.cell(&notes);
                w.cell(SHORT_NOTICE);
                w.end_row();
            }
            w.pass_on(out, false)?;
        }
        w.pass_on(out, true)
    }
}
