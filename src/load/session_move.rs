//! `moves.csv` <-> the [`SessionMove`]s (issue 23): the sessions moved on the calendar, one row
//! each, kept like the log (a row taken back stays, struck out with its correction).

use chrono::{NaiveDate, NaiveTime};

use super::error::DataError;
use super::session_log::parse_correction;
use crate::model::SessionMove;

/// The file's name in the workspace.
pub const MOVES: &str = "moves.csv";

/// Its header, in column order.
pub const HEADER: &str = "recorded,session,to,time,source,correction";

/// Reads `moves.csv` (`path` names it in errors): every row, in file order. A row that does
/// not read is named with its line and column.
pub fn parse(path: &str, text: &str) -> Result<Vec<SessionMove>, DataError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader
        .headers()
        .map_err(|e| DataError::new(path, "header", e.to_string()).line(1))?
        .iter()
        .collect::<Vec<_>>()
        .join(",");
    if header != HEADER {
        return Err(
            DataError::new(path, "header", format!("the header is `{header}`"))
                .line(1)
                .hint(format!("the first line of {MOVES} is `{HEADER}`")),
        );
    }
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| DataError::new(path, "row", e.to_string()).line(line))?;
        let field = |n: usize| rec.get(n).unwrap_or("").trim();
        let bad = |name: &str, problem: String| DataError::new(path, name, problem).line(line);
        let date = |n: usize, name: &str| {
            NaiveDate::parse_from_str(field(n), "%Y-%m-%d")
                .map_err(|_| bad(name, format!("`{}` is not a date (YYYY-MM-DD)", field(n))))
        };
        let time = NaiveTime::parse_from_str(field(3), "%H:%M")
            .map_err(|_| bad("time", format!("`{}` is not a time (HH:MM)", field(3))))?;
        out.push(SessionMove {
            line,
            recorded: date(0, "recorded")?,
            session: date(1, "session")?,
            to: date(2, "to")?,
            time,
            source: field(4).to_string(),
            correction: parse_correction(field(5)).map_err(|e| bad("correction", e))?,
        });
    }
    Ok(out)
}

/// The moves of the workspace in `dir` (`moves.csv`; none when there is no such file).
pub fn read(dir: &std::path::Path) -> Result<Vec<SessionMove>, super::LoadError> {
    let path = dir.join(MOVES);
    Ok(match super::workspace::read_optional(&path)? {
        Some(text) => parse(&path.display().to_string(), &text)?,
        None => Vec::new(),
    })
}

/// The whole file's text for `moves`.
pub fn to_csv(moves: &[SessionMove]) -> String {
    let mut out = format!("{HEADER}\n");
    for m in moves {
        let correction = m
            .correction
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default();
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        let _ = w.write_record([
            m.recorded.to_string(),
            m.session.to_string(),
            m.to.to_string(),
            m.time.format("%H:%M").to_string(),
            m.source.clone(),
            correction,
        ]);
        out.push_str(&String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    }
    out
}
