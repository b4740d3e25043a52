//! `log.csv` <-> [`SessionLog`]. Readable by a person: a header and one row per entry.

use crate::model::{Efforts, EntryKind, LogEntry, SessionLog, SessionStatus, red_flag};

use super::error::DataError;
use super::profile::parse_date;

/// The log's header, in column order.
pub const HEADER: [&str; 10] = [
    "date",
    "kind",
    "status",
    "pain_during",
    "pain_after",
    "next_morning",
    "stiffness_min",
    "rpe",
    "symptoms",
    "note",
];

/// Parses the log. `start` is the program start: no row may come before it.
pub fn parse(path: &str, text: &str, start: chrono::NaiveDate) -> Result<SessionLog, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| DataError::new(path, "", format!("unreadable header: {e}")).line(1))?
        .clone();
    if headers.iter().collect::<Vec<_>>() != HEADER {
        return Err(DataError::new(
            path,
            "header",
            format!(
                "the header is `{}`",
                headers.iter().collect::<Vec<_>>().join(",")
            ),
        )
        .line(1)
        .hint(format!(
            "the first line must be exactly `{}`",
            HEADER.join(",")
        )));
    }
    let mut entries = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| line_of(text, p.byte()));
            DataError::new(path, "", format!("broken row: {e}"))
                .line(line)
                .hint("fix or remove the row by hand; graded changes nothing until it reads")
        })?;
        let line = rec.position().map_or(0, |p| line_of(text, p.byte()));
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let bad = |i: usize, problem: String, hint: &str| {
            DataError::new(path, HEADER[i], problem)
                .line(line)
                .hint(hint)
        };
        let date = parse_date(field(0)).ok_or_else(|| {
            bad(
                0,
                format!("`{}` is not a date", field(0)),
                "write dates as YYYY-MM-DD",
            )
        })?;
        if date < start {
            return Err(bad(
                0,
                format!("{date} is before the program start {start}"),
                "remove the row or change the profile's start",
            ));
        }
        let kind = match field(1) {
            "session" | "" => EntryKind::Session,
            "screen" => EntryKind::Screen,
            "resume" => EntryKind::Resume,
            other => {
                return Err(bad(
                    1,
                    format!("unknown kind `{other}`"),
                    "use session, screen or resume",
                ));
            }
        };
        let status = match field(2) {
            "done" | "" => SessionStatus::Done,
            "partial" => SessionStatus::Partial,
            "skipped" => SessionStatus::Skipped,
            other => {
                return Err(bad(
                    2,
                    format!("unknown status `{other}`"),
                    "use done, partial or skipped",
                ));
            }
        };
        let score = |i: usize, hi: u32| -> Result<Option<u32>, DataError> {
            let s = field(i);
            if s.is_empty() {
                return Ok(None);
            }
            match s.parse::<u32>() {
                Ok(n) if n <= hi => Ok(Some(n)),
                _ => Err(bad(
                    i,
                    format!("`{s}` is not a whole number from 0 to {hi}"),
                    if hi == 10 {
                        "pain and RPE are 0-10"
                    } else {
                        "stiffness is in minutes"
                    },
                )),
            }
        };
        let pain = |i| score(i, 10).map(|o| o.map(|n| n as u8));
        let mut symptoms = Vec::new();
        for s in field(8).split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if !red_flag::is_known(s) {
                return Err(bad(
                    8,
                    format!("unknown symptom `{s}`"),
                    &format!("valid ids: {}", red_flag::all_ids()),
                ));
            }
            symptoms.push(s.to_string());
        }
        let (pain_during, pain_after) = (pain(3)?, pain(4)?);
        let (rpe, lift_rpe) = parse_rpe(field(7)).map_err(|problem| {
            bad(
                7,
                problem,
                "write the session's RPE (7), a lift's (squat=8), or both separated by ; (7;squat=8)",
            )
        })?;
        if kind == EntryKind::Session && status != SessionStatus::Skipped {
            for (i, v) in [(3, pain_during), (4, pain_after)] {
                if v.is_none() {
                    return Err(bad(
                        i,
                        "a session done needs its pain score".into(),
                        "give pain during and after (0-10), or mark the session skipped",
                    ));
                }
            }
        }
        entries.push(LogEntry {
            line,
            date,
            kind,
            status,
            pain_during,
            pain_after,
            next_morning: pain(5)?,
            stiffness_min: score(6, 1440)?,
            rpe,
            lift_rpe,
            symptoms,
            note: rec.get(9).unwrap_or("").to_string(),
        });
    }
    Ok(SessionLog { entries })
}

/// The `rpe` column: a session RPE (a whole number) and `lift=RPE` pairs (in half points),
/// separated by `;`, each 0-10: `7`, `squat=7.5`, `7;squat=8`.
pub fn parse_rpe(text: &str) -> Result<Efforts, String> {
    let mut session = None;
    let mut lifts: Vec<(String, f64)> = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((lift, r)) => {
                let lift = lift.trim().to_lowercase();
                if lift.is_empty() || lifts.iter().any(|(l, _)| *l == lift) {
                    return Err(format!("`{part}` names no lift, or one given twice"));
                }
                lifts.push((lift, half_point(r)?));
            }
            None if session.is_none() => {
                session = Some(match part.parse::<u8>() {
                    Ok(n) if n <= 10 => n,
                    _ => return Err(format!("`{part}` is not a whole RPE from 0 to 10")),
                });
            }
            None => return Err(format!("two session RPEs in `{text}`")),
        }
    }
    Ok((session, lifts))
}

/// An RPE 0-10 in half points (`7`, `7.5`).
pub fn half_point(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..=10.0).contains(&x) && (x * 2.0).fract() == 0.0 => Ok(x),
        _ => Err(format!(
            "`{}` is not an RPE from 0 to 10 in half points",
            s.trim()
        )),
    }
}

/// The 1-based line of a byte offset (the csv crate's own line count is off with CRLF).
fn line_of(text: &str, byte: u64) -> usize {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    // With CRLF the csv crate's record position points at the line end before the record.
    while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
        end += 1;
    }
    bytes[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// One entry as a CSV row, without its line end.
fn row(e: &LogEntry) -> String {
    let n = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record([
        e.date.to_string(),
        e.kind.as_str().to_string(),
        e.status.as_str().to_string(),
        n(e.pain_during),
        n(e.pain_after),
        n(e.next_morning),
        e.stiffness_min.map(|x| x.to_string()).unwrap_or_default(),
        e.rpe_text(),
        e.symptoms.join(";"),
        e.note.clone(),
    ])
    .expect("in-memory write");
    let mut text =
        String::from_utf8(w.into_inner().expect("in-memory write")).expect("UTF-8 in, UTF-8 out");
    text.pop();
    text
}

/// Writes a whole log as CSV (a new log: the header, then one row per entry).
pub fn to_csv(log: &SessionLog) -> Vec<u8> {
    let mut out = HEADER.join(",") + "\n";
    for e in &log.entries {
        out.push_str(&row(e));
        out.push('\n');
    }
    out.into_bytes()
}

/// The new text of a log file: `original` (which parsed as `old`) with the rows `new` changed
/// rewritten in place and the rows `new` adds appended. Every other byte stays as it was: the
/// person's own edits, order, blank lines and line ends are never rewritten silently. Rows are
/// only ever changed or added; anything else is refused rather than guessed at.
pub fn update_text(
    original: &str,
    old: &SessionLog,
    new: &SessionLog,
) -> Result<String, DataError> {
    let refuse = |problem: &str| {
        Err(DataError::new("log.csv", "", problem.to_string()).hint("nothing was written"))
    };
    if new.entries.len() < old.entries.len() {
        return refuse("a change would remove rows from the log");
    }
    if original.trim().is_empty() {
        return Ok(String::from_utf8(to_csv(new)).expect("UTF-8"));
    }
    let bom = if original.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let text = &original[bom.len()..];
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let starts = record_starts(text);
    if starts.len() != old.entries.len() {
        return refuse("the log changed while graded was reading it");
    }
    let mut out = String::from(bom);
    let mut cursor = 0;
    for (i, (o, n)) in old.entries.iter().zip(&new.entries).enumerate() {
        if o != n {
            // The row's own text runs to its first line end outside quotes; keep what follows.
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            let row_end = record_end(text, starts[i], end);
            out.push_str(&text[cursor..starts[i]]);
            out.push_str(&row(n));
            cursor = row_end;
        }
    }
    out.push_str(&text[cursor..]);
    for e in new.entries.iter().skip(old.entries.len()) {
        if !out.ends_with('\n') {
            out.push_str(eol);
        }
        out.push_str(&row(e));
        out.push_str(eol);
    }
    Ok(out)
}

/// Where the record starting at `start` ends (before its line end), looking no further than `limit`.
fn record_end(text: &str, start: usize, limit: usize) -> usize {
    let mut quoted = false;
    for (i, c) in text[start..limit].char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => return start + i,
            _ => {}
        }
    }
    limit
}

/// The byte where each data record starts (the header excluded).
fn record_starts(text: &str) -> Vec<usize> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    rdr.records()
        .filter_map(Result::ok)
        .filter_map(|r| r.position().map(|p| p.byte() as usize))
        .map(|mut b| {
            while b < bytes.len() && matches!(bytes[b], b'\r' | b'\n') {
                b += 1;
            }
            b
        })
        .collect()
}
