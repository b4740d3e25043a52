//! `log.csv` <-> [`SessionLog`]. Readable by a person: a header and one row per entry.

use crate::model::{Efforts, EntryKind, LogEntry, Pain, SessionLog, SessionStatus, red_flag};

use std::ops::Range;
use std::path::Path;

use super::date::parse_date;
use super::error::{DataError, LoadError};
use super::record::{Record, RecordError, records};
use super::workspace::{Lock, open_regular};

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

/// Parses the log. `start` is the program start: no row may come before it. The text is read
/// strictly (see [`records`]): a quote never closed, a row without its 10 fields, or a last
/// line cut short is refused with its line, never guessed at.
pub fn parse(path: &str, text: &str, start: chrono::NaiveDate) -> Result<SessionLog, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let located = |e: RecordError| {
        DataError::new(
            path,
            HEADER.get(e.field).copied().unwrap_or("row"),
            e.problem,
        )
        .line(e.line)
        .hint("fix or remove the row by hand; graded changes nothing until it reads")
    };
    let mut recs = records(text);
    let Some(header) = recs.next().transpose().map_err(located)? else {
        return Ok(SessionLog::default());
    };
    if header.fields != HEADER {
        return Err(DataError::new(
            path,
            "header",
            format!("the header is `{}`", header.fields.join(",")),
        )
        .line(header.line)
        .hint(format!(
            "the first line must be exactly `{}`",
            HEADER.join(",")
        )));
    }
    // One entry per line at most: reserved once, not grown row by row through a long log.
    let mut entries = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count());
    for rec in recs {
        entries.push(entry(path, &rec.map_err(located)?, start)?);
    }
    Ok(SessionLog { entries })
}

/// One row of the log as an entry, checked.
fn entry(path: &str, rec: &Record, start: chrono::NaiveDate) -> Result<LogEntry, DataError> {
    let line = rec.line;
    if rec.fields.len() != HEADER.len() {
        let problem = if rec.terminated {
            format!(
                "the row has {} fields; every row has {}",
                rec.fields.len(),
                HEADER.len()
            )
        } else {
            format!(
                "the last line is cut short: {} of {} fields and no line end (a write that did not finish?)",
                rec.fields.len(),
                HEADER.len()
            )
        };
        return Err(DataError::new(path, "row", problem)
            .line(line)
            .hint("fix or remove the row by hand; graded changes nothing until it reads"));
    }
    let field = |i: usize| rec.fields[i].trim();
    let bad = |i: usize, problem: String, hint: &str| {
        DataError::new(path, HEADER[i], problem)
            .line(line)
            .hint(hint)
    };
    let date =
        parse_date(field(0)).map_err(|problem| bad(0, problem, "write dates as YYYY-MM-DD"))?;
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
    let pain = |i: usize| -> Result<Option<Pain>, DataError> {
        let s = field(i);
        (!s.is_empty())
            .then(|| s.parse::<Pain>())
            .transpose()
            .map_err(|e| {
                bad(
                    i,
                    e.to_string(),
                    "pain during, after and the next morning are 0-10",
                )
            })
    };
    let stiffness = || -> Result<Option<u32>, DataError> {
        let s = field(6);
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<u32>() {
            Ok(n) if n <= 1440 => Ok(Some(n)),
            _ => Err(bad(
                6,
                format!("`{s}` is not a whole number from 0 to 1440"),
                "stiffness is in minutes",
            )),
        }
    };
    let mut symptoms = Vec::new();
    for s in field(8).split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let Some(symptom) = red_flag::Symptom::parse(s) else {
            return Err(bad(
                8,
                format!("unknown symptom `{s}`"),
                &format!("valid ids: {}", red_flag::all_ids()),
            ));
        };
        symptoms.push(symptom);
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
    Ok(LogEntry {
        line,
        date,
        kind,
        status,
        pain_during,
        pain_after,
        next_morning: pain(5)?,
        stiffness_min: stiffness()?,
        rpe,
        lift_rpe,
        symptoms,
        note: rec.fields[9].to_string(),
    })
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
            None if session.is_none() => session = Some(whole_rpe(part)?),
            None => return Err(format!("two session RPEs in `{text}`")),
        }
    }
    Ok((session, lifts))
}

/// A session's RPE: a whole number 0-10.
pub fn whole_rpe(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n) if n <= 10 => Ok(n),
        _ => Err(format!("`{}` is not a whole RPE from 0 to 10", s.trim())),
    }
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

/// One entry as a CSV row, without its line end.
fn row(e: &LogEntry) -> String {
    let n = |v: Option<Pain>| v.map(|x| x.to_string()).unwrap_or_default();
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
        red_flag::ids(&e.symptoms, ";"),
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
    fresh("", log).text.into_bytes()
}

/// A new log's text: `bom`, the header, one row per entry.
fn fresh(bom: &str, log: &SessionLog) -> Update {
    let mut text = String::from(bom) + &HEADER.join(",") + "\n";
    let mut written = Vec::new();
    for (i, e) in log.entries.iter().enumerate() {
        let from = text.len();
        text.push_str(&row(e));
        written.push((from..text.len(), i));
        text.push('\n');
    }
    Update { text, written }
}

/// A log's new text and where in it the rows that changed or were added stand.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The whole new text.
    pub text: String,
    /// For each row written: its bytes in `text` (without the line end) and its entry's index.
    pub written: Vec<(Range<usize>, usize)>,
}

/// The new text of a log file: `original` (which parsed as `old`) with the rows `new` changed
/// rewritten in place and the rows `new` adds appended. Every other byte stays as it was: the
/// person's own edits, order, blank lines and line ends are never rewritten silently. Rows are
/// only ever changed or added; anything else is refused rather than guessed at.
pub fn update_text(
    original: &str,
    old: &SessionLog,
    new: &SessionLog,
) -> Result<Update, DataError> {
    let refuse = |problem: &str| {
        Err(DataError::new("log.csv", "", problem.to_string()).hint("nothing was written"))
    };
    if new.entries.len() < old.entries.len() {
        return refuse("a change would remove rows from the log");
    }
    if new == old {
        return Ok(Update {
            text: original.to_string(),
            written: vec![],
        });
    }
    let bom = if original.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let text = &original[bom.len()..];
    // Where each record stands (the header first); the log read before, so this reads too.
    let Ok(spans) = records(text)
        .map(|r| r.map(|r| (r.start, r.end)))
        .collect::<Result<Vec<_>, _>>()
    else {
        return refuse("the log changed while graded was reading it");
    };
    if spans.is_empty() {
        // No header yet (an empty file, blank lines): a new log.
        return Ok(fresh(bom, new));
    }
    let mut written = Vec::new();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let rows = &spans[1..];
    if rows.len() != old.entries.len() {
        return refuse("the log changed while graded was reading it");
    }
    let mut out = String::from(bom);
    let mut cursor = 0;
    for (i, ((o, n), &(start, end))) in old.entries.iter().zip(&new.entries).zip(rows).enumerate() {
        if o != n {
            // The row's own text ends at its line end; what follows is kept.
            out.push_str(&text[cursor..start]);
            let from = out.len();
            out.push_str(&row(n));
            written.push((from..out.len(), i));
            cursor = end;
        }
    }
    out.push_str(&text[cursor..]);
    for (i, e) in new.entries.iter().enumerate().skip(old.entries.len()) {
        if !out.ends_with(['\n', '\r']) {
            out.push_str(eol);
        }
        let from = out.len();
        out.push_str(&row(e));
        written.push((from..out.len(), i));
        out.push_str(eol);
    }
    Ok(Update { text: out, written })
}

/// Writes the log's new text (under the workspace lock), then reads back every row it wrote,
/// from the file, and checks each reads as the entry meant: a short write or a file changed
/// behind graded's back is reported, not trusted. Only those rows are read, not the whole log.
pub fn save(
    lock: &Lock,
    path: &Path,
    original: &str,
    old: &SessionLog,
    new: &SessionLog,
    start: chrono::NaiveDate,
) -> Result<String, LoadError> {
    let update = update_text(original, old, new)?;
    lock.write(path, update.text.as_bytes())?;
    check_written(path, &update, new, start)?;
    Ok(update.text)
}

/// Reads back the rows `update` wrote to `path` and checks them against `new`.
pub fn check_written(
    path: &Path,
    update: &Update,
    new: &SessionLog,
    start: chrono::NaiveDate,
) -> Result<(), LoadError> {
    use std::io::{Read, Seek, SeekFrom};
    let shown = path.display().to_string();
    let io = |e| LoadError::io(path, e);
    let unlike = |problem: String| {
        LoadError::Data(
            DataError::new(shown.clone(), "", problem)
                .hint("the log was written but does not read back as meant: check the disk and the file, then log again"),
        )
    };
    let mut file =
        open_regular(path)?.ok_or_else(|| unlike("the log is gone after writing it".into()))?;
    let len = file.metadata().map_err(io)?.len();
    if len != update.text.len() as u64 {
        return Err(unlike(format!(
            "the log holds {len} bytes after writing {}",
            update.text.len()
        )));
    }
    for (range, i) in &update.written {
        file.seek(SeekFrom::Start(range.start as u64)).map_err(io)?;
        let mut bytes = vec![0; range.len()];
        file.read_exact(&mut bytes).map_err(io)?;
        let wanted = &new.entries[*i];
        let back = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|t| records(t).collect::<Result<Vec<_>, _>>().ok())
            .filter(|r| r.len() == 1)
            .and_then(|r| entry(&shown, &r[0], start).ok());
        let same = back.is_some_and(|b| {
            LogEntry {
                line: wanted.line,
                ..b
            } == *wanted
        });
        if !same {
            return Err(unlike(format!(
                "the row for {} reads back differently",
                wanted.date
            )));
        }
    }
    Ok(())
}
