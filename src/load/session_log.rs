//! `log.csv` <-> [`SessionLog`]. Readable by a person: a header and one row per entry.

use crate::model::{
    Correction, CorrectionKind, Efforts, EntryKind, LogEntry, Pain, SessionLog, SessionStatus,
    Source, red_flag,
};

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

/// The column a log gains with its first correction (`graded log --amend` or `--undo`): empty
/// for a row in force, else `withdrawn DATE`, `replaced DATE` or `amended DATE`, with `: reason`
/// when one was given. A log without it (every log before its first correction) reads as it is.
pub const CORRECTION: &str = "correction";

/// The column a log gains with its first soreness score (`graded log --soreness N`): the
/// muscle soreness after training (DOMS) the next morning, 0-10, never judged [SYNTH]. It comes
/// after [`CORRECTION`] (which a log gains with it, empty); a log without it reads as it is.
pub const SORENESS: &str = "soreness";

/// The column a log gains with its first row logged from the calendar (`graded sync`, issue
/// 23): empty for a row typed in graded, `calendar` for a session whose scores were read from
/// its calendar event, `calendar-morning` for one whose next-morning score alone was. It comes
/// after [`SORENESS`] (which a log gains with it, empty); a log without it reads as it is.
pub const SOURCE: &str = "source";

/// The columns a log gains after [`HEADER`], in this order, each only once a row needs it (or a
/// later one): a log has the 10 of [`HEADER`] and a first part of these.
pub const OPTIONAL: [&str; 3] = [CORRECTION, SORENESS, SOURCE];

/// The index of the correction column.
const CORRECTION_AT: usize = HEADER.len();

/// The most columns a log has: [`HEADER`] and every one of [`OPTIONAL`].
const WIDE: usize = HEADER.len() + OPTIONAL.len();

/// The name of column `i`.
fn column(i: usize) -> &'static str {
    HEADER
        .get(i)
        .or(i.checked_sub(HEADER.len()).and_then(|k| OPTIONAL.get(k)))
        .copied()
        .unwrap_or("row")
}

/// The header line for a log of `width` columns (10, 11 with the correction column, 12 with
/// the soreness column too).
fn header_line(width: usize) -> String {
    let mut h = HEADER.join(",");
    for c in &OPTIONAL[..width - HEADER.len()] {
        h.push(',');
        h.push_str(c);
    }
    h
}

/// The columns a log needs: 13 once any row came from the calendar, 12 once any carries a
/// soreness score, 11 once any carries a correction, else the 10 of old.
fn width_for(log: &SessionLog) -> usize {
    if log.entries.iter().any(|e| e.source != Source::Graded) {
        WIDE
    } else if log.entries.iter().any(|e| e.soreness.is_some()) {
        WIDE - 1
    } else if log.entries.iter().any(|e| e.correction.is_some()) {
        CORRECTION_AT + 1
    } else {
        HEADER.len()
    }
}

/// Parses the log. `start` is the program start: no row may come before it. The text is read
/// strictly (see [`records`]): a quote never closed, a row without its 10 fields (11 in a log
/// with the correction column), or a last line cut short is refused with its line, never
/// guessed at.
pub fn parse(path: &str, text: &str, start: chrono::NaiveDate) -> Result<SessionLog, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let located = |e: RecordError| {
        DataError::new(path, column(e.field), e.problem)
            .line(e.line)
            .hint("fix or remove the row by hand; graded changes nothing until it reads")
    };
    let mut recs = records(text);
    let Some(mut rec) = recs.next().transpose().map_err(located)? else {
        return Ok(SessionLog::default());
    };
    let width = header_width(&rec.fields).ok_or_else(|| {
        DataError::new(
            path,
            "header",
            format!("the header is `{}`", rec.fields.join(",")),
        )
        .line(rec.line)
        .hint(format!(
            "the first line must be exactly `{}` (or end `,{}` in a log with corrections, `,{}` in one with soreness scores, `,{}` in one with rows from the calendar)",
            header_line(HEADER.len()),
            CORRECTION,
            OPTIONAL[..2].join(","),
            OPTIONAL.join(",")
        ))
    })?;
    // One entry per line at most: reserved once, not grown row by row through a long log.
    let mut entries = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count());
    // Each row is read into the header's record: one fields buffer for the whole log.
    while let Some(read) = recs.read_into(&mut rec) {
        read.map_err(located)?;
        entries.push(entry(path, &rec, start, width)?);
    }
    Ok(SessionLog {
        entries,
        moves: vec![],
    })
}

/// The number of columns a header names: 10, 11 with the correction column, 12 with the
/// soreness column after it.
fn header_width(fields: &[std::borrow::Cow<'_, str>]) -> Option<usize> {
    let extra = fields.get(HEADER.len()..)?;
    (fields[..HEADER.len()] == HEADER
        && extra.len() <= OPTIONAL.len()
        && extra.iter().zip(OPTIONAL).all(|(f, c)| f == c))
    .then_some(fields.len())
}

/// The first correction in `log` dated after `today` (a correction is dated the day it is
/// made), as the error for the file at `path`.
pub fn check_corrections(
    path: &str,
    log: &SessionLog,
    today: chrono::NaiveDate,
) -> Result<(), DataError> {
    let Some((e, c)) = log.entries.iter().find_map(|e| {
        e.correction
            .as_ref()
            .filter(|c| c.date > today)
            .map(|c| (e, c))
    }) else {
        return Ok(());
    };
    Err(DataError::new(path, column(CORRECTION_AT), format!("`{c}` is dated after today ({today})"))
        .line(e.line)
        .hint("a correction is dated the day it was made: fix its date by hand (graded changes nothing until the log reads)"))
}

/// The `correction` column: empty, or `withdrawn|replaced|amended YYYY-MM-DD[: reason]`.
pub fn parse_correction(text: &str) -> Result<Option<Correction>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (head, reason) = text
        .split_once(':')
        .map_or((text, ""), |(h, r)| (h, r.trim()));
    let mut words = head.split_whitespace();
    let (Some(kind), Some(date), None) = (words.next(), words.next(), words.next()) else {
        return Err(format!(
            "`{text}` is not a correction (a word and a date, e.g. `withdrawn 2026-11-30`)"
        ));
    };
    let kind = match kind {
        "withdrawn" => CorrectionKind::Withdrawn,
        "replaced" => CorrectionKind::Replaced,
        "amended" => CorrectionKind::Amended,
        other => return Err(format!("unknown correction `{other}`")),
    };
    Ok(Some(Correction {
        kind,
        date: parse_date(date)?,
        reason: reason.to_string(),
    }))
}

/// One row of the log as an entry, checked: the row has `width` fields (10, 11 or 12).
fn entry(
    path: &str,
    rec: &Record,
    start: chrono::NaiveDate,
    width: usize,
) -> Result<LogEntry, DataError> {
    let line = rec.line;
    if rec.fields.len() != width {
        let problem = if rec.terminated {
            format!(
                "the row has {} fields; every row has {width}",
                rec.fields.len(),
            )
        } else {
            format!(
                "the last line is cut short: {} of {width} fields and no line end (a write that did not finish?)",
                rec.fields.len(),
            )
        };
        return Err(DataError::new(path, "row", problem)
            .line(line)
            .hint("fix or remove the row by hand; graded changes nothing until it reads"));
    }
    let field = |i: usize| trim(&rec.fields[i]);
    let bad = |i: usize, problem: String, hint: &str| {
        DataError::new(path, column(i), problem)
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
        "note" => EntryKind::Note,
        other => {
            return Err(bad(
                1,
                format!("unknown kind `{other}`"),
                "use session, screen, resume or note",
            ));
        }
    };
    // A note's author stands in the status column (a note has no status).
    let author = if kind == EntryKind::Note {
        match crate::load::profile::check_person(field(2)) {
            Ok(Some(who)) => who,
            Ok(None) => {
                return Err(bad(
                    2,
                    "a note needs its author".into(),
                    "a note row's status column names who wrote it, e.g. \"Dr Lee, PT\"",
                ));
            }
            Err(problem) => {
                return Err(bad(2, problem, crate::load::profile::PERSON_HINT));
            }
        }
    } else {
        String::new()
    };
    let status = match field(2) {
        _ if kind == EntryKind::Note => SessionStatus::Done,
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
    let named = field(8);
    // Most rows name none: an empty cell is not split.
    if !named.is_empty() {
        for s in named.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let Some(symptom) = red_flag::Symptom::parse(s) else {
                return Err(bad(
                    8,
                    format!("unknown symptom `{s}`"),
                    &format!("valid ids: {}", red_flag::all_ids()),
                ));
            };
            symptoms.push(symptom);
        }
    }
    let (pain_during, pain_after) = (pain(3)?, pain(4)?);
    let (rpe, lift_rpe) = parse_rpe(field(7)).map_err(|problem| {
        bad(
            7,
            problem,
            "write the session's RPE (7), a lift's (squat=8), or both separated by ; (7;squat=8)",
        )
    })?;
    if kind == EntryKind::Note {
        // A note is words only: a score or a symptom on it would never be judged.
        for i in 3..=8 {
            if !field(i).is_empty() {
                return Err(bad(
                    i,
                    "a note row carries no scores, effort or symptoms".into(),
                    "log scores with `graded log` and red flags with `graded screen`; a note holds words only",
                ));
            }
        }
    }
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
    let correction = match rec.fields.get(CORRECTION_AT) {
        Some(c) => parse_correction(c).map_err(|problem| {
            bad(
                CORRECTION_AT,
                problem,
                "leave it empty for a row in force, or write `withdrawn 2026-11-30`, `replaced 2026-11-30` or `amended 2026-11-30` (with `: reason` if you like)",
            )
        })?,
        None => None,
    };
    // A correction is made on or after the day of what it corrects (a row may be logged up to
    // a day ahead, and taken back the day it was logged).
    if let Some(c) = &correction
        && c.date < date - chrono::Duration::days(crate::load::date::LOG_AHEAD_DAYS)
    {
        return Err(bad(
            CORRECTION_AT,
            format!("`{c}` is dated before the {date} it corrects"),
            "a correction is dated the day it was made, on or after the entry's own date",
        ));
    }
    let soreness = match rec.fields.get(CORRECTION_AT + 1).map(|s| trim(s)) {
        None | Some("") => None,
        Some(_) if kind == EntryKind::Note => {
            return Err(bad(
                CORRECTION_AT + 1,
                "a note row carries no scores, effort or symptoms".into(),
                "log scores with `graded log` and red flags with `graded screen`; a note holds words only",
            ));
        }
        Some(s) => Some(s.parse::<Pain>().map_err(|e| {
            bad(
                CORRECTION_AT + 1,
                e.to_string(),
                "soreness is the muscle soreness after training, 0-10 (leave it empty if none was noted)",
            )
        })?),
    };
    let source = match rec.fields.get(CORRECTION_AT + 2).map(|s| trim(s)) {
        None | Some("") => Source::Graded,
        Some(s) => Source::parse(s).ok_or_else(|| {
            bad(
                CORRECTION_AT + 2,
                format!("`{s}` is not a source graded writes"),
                "leave it empty for a row typed in graded; `calendar` or `calendar-morning` for one read from the calendar",
            )
        })?,
    };
    Ok(LogEntry {
        line,
        date,
        kind,
        status,
        source,
        pain_during,
        pain_after,
        next_morning: pain(5)?,
        stiffness_min: stiffness()?,
        soreness,
        rpe,
        lift_rpe,
        symptoms,
        note: rec.fields[9].to_string(),
        correction,
        author,
    })
}

/// `s` without the whitespace around it; an empty field, or one that starts and ends with a
/// printable ASCII byte (nearly all of a long log's), is taken as it is, without the
/// Unicode-aware scan.
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (None, _) => s,
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// The `rpe` column: a session RPE (a whole number) and `lift=RPE` pairs (in half points),
/// separated by `;`, each 0-10: `7`, `squat=7.5`, `7;squat=8`.
pub fn parse_rpe(text: &str) -> Result<Efforts, String> {
    // The common cell, a session's RPE alone (`7`), read at once; anything else (spaces, `;`,
    // `=`, a number over 10) takes the long way, which words its errors.
    if let Ok(n) = text.parse::<u8>()
        && n <= 10
    {
        return Ok((Some(n), Vec::new()));
    }
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

/// An entry's cells in the log's column order (the correction and the soreness last, empty when
/// none): what `log.csv` holds for it.
pub fn cells(e: &LogEntry) -> [String; WIDE] {
    let n = |v: Option<Pain>| v.map(|x| x.to_string()).unwrap_or_default();
    [
        e.date.to_string(),
        e.kind.as_str().to_string(),
        if e.kind == EntryKind::Note {
            e.author.clone()
        } else {
            e.status.as_str().to_string()
        },
        n(e.pain_during),
        n(e.pain_after),
        n(e.next_morning),
        e.stiffness_min.map(|x| x.to_string()).unwrap_or_default(),
        e.rpe_text(),
        red_flag::ids(&e.symptoms, ";"),
        e.note.clone(),
        e.correction
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        n(e.soreness),
        e.source.as_str().to_string(),
    ]
}

/// The index of the correction column among [`cells`].
pub const fn correction_at() -> usize {
    CORRECTION_AT
}

/// The name of each of [`cells`]: the log's columns.
pub fn column_name(i: usize) -> &'static str {
    column(i)
}

/// One entry as a CSV row of `width` fields (10, 11 with its correction, 12 with its soreness),
/// without its line end.
fn row(e: &LogEntry, width: usize) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let fields = cells(e);
    w.write_record(&fields[..width]).expect("in-memory write");
    let mut text =
        String::from_utf8(w.into_inner().expect("in-memory write")).expect("UTF-8 in, UTF-8 out");
    text.pop();
    text
}

/// Checks an entry as the loader would read it back from the log (every field's rule: a
/// session done needs its pain scores, a correction reads, ...): a row graded would refuse
/// to read is never written. The error names the field.
pub fn check(e: &LogEntry, start: chrono::NaiveDate) -> Result<(), DataError> {
    let text = row(e, WIDE);
    let rec = records(&text)
        .next()
        .and_then(Result::ok)
        .ok_or_else(|| DataError::new("log.csv", "row", "the row does not read as CSV"))?;
    let back = entry("log.csv", &rec, start, WIDE)?;
    if (LogEntry {
        line: e.line,
        ..back
    }) != *e
    {
        return Err(DataError::new(
            "log.csv",
            "row",
            "the row would read back differently",
        ));
    }
    Ok(())
}

/// Writes a whole log as CSV (a new log: the header, then one row per entry; the correction
/// column only when a row carries a correction).
pub fn to_csv(log: &SessionLog) -> Vec<u8> {
    fresh("", log).text.into_bytes()
}

/// A new log's text: `bom`, the header, one row per entry.
fn fresh(bom: &str, log: &SessionLog) -> Update {
    let width = width_for(log);
    let mut text = String::from(bom) + &header_line(width) + "\n";
    let mut written = Vec::new();
    for (i, e) in log.entries.iter().enumerate() {
        let from = text.len();
        text.push_str(&row(e, width));
        written.push((from..text.len(), i));
        text.push('\n');
    }
    Update {
        text,
        written,
        width,
        widened: false,
    }
}

/// A log's new text and where in it the rows that changed or were added stand.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The whole new text.
    pub text: String,
    /// For each row written: its bytes in `text` (without the line end) and its entry's index.
    pub written: Vec<(Range<usize>, usize)>,
    /// The log's columns after the update: 10, 11 with the correction column, 12 with the
    /// soreness column.
    pub width: usize,
    /// The update added the correction column, the soreness column or both to a log without
    /// them (the header and every row gained empty last fields).
    pub widened: bool,
}

/// The new text of a log file: `original` (which parsed as `old`) with the rows `new` changed
/// rewritten in place, the rows `new` inserts (entries not read from the file: `line` 0) written
/// right after the row they follow, and those after the last row appended. Every other byte
/// stays as it was: the person's own edits, order, blank lines and line ends are never rewritten
/// silently. Rows are only ever changed or added; anything else is refused rather than guessed
/// at. The first correction widens a 10-column log: the header gains `,correction` and every
/// row an empty last field, nothing else; the first soreness score adds `,soreness` the same
/// way (and `,correction` before it when the log has none).
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
    // Which old row each new entry is (a row read from the file keeps its line), or `None`
    // for a row added.
    let mut origin = Vec::with_capacity(new.entries.len());
    let mut next_old = 0;
    for n in &new.entries {
        if old.entries.get(next_old).is_some_and(|o| o.line == n.line) {
            origin.push(Some(next_old));
            next_old += 1;
        } else if n.line == 0 {
            origin.push(None);
        } else {
            return refuse("a change would reorder or remove rows of the log");
        }
    }
    if next_old != old.entries.len() {
        return refuse("a change would remove rows from the log");
    }
    // Which entries are rows of the file changed in place (compared once: a log of years has
    // thousands of rows).
    let changed: Vec<bool> = new
        .entries
        .iter()
        .zip(&origin)
        .map(|(n, from)| from.is_some_and(|k| *n != old.entries[k]))
        .collect();
    if new.entries.len() == old.entries.len() && !changed.contains(&true) {
        return Ok(Update {
            text: original.to_string(),
            written: vec![],
            width: width_for(new),
            widened: false,
        });
    }
    let bom = if original.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let text = &original[bom.len()..];
    let (mut recs, mut rec) = (records(text), Record::default());
    let header = match recs.read_into(&mut rec) {
        None => return Ok(fresh(bom, new)), // No header yet (an empty file, blank lines).
        Some(Err(_)) => return refuse("the log changed while graded was reading it"),
        Some(Ok(())) => (rec.start, rec.end, rec.fields.len()),
    };
    let old_width = header.2;
    let width = old_width.max(width_for(new));
    let widened = width != old_width;
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    // Rows added after the last row of the file go at its end, as ever.
    let last_kept = origin.iter().rposition(Option::is_some);
    // Where each row stands, read only when a row changes in place, goes in between or gains
    // columns (the log read before, so this reads too); `log`'s usual row, today's at the
    // end, needs none of it.
    let in_place = widened
        || changed.contains(&true)
        || origin
            .iter()
            .enumerate()
            .any(|(i, from)| from.is_none() && last_kept.is_some_and(|l| i < l));
    let mut rows = Vec::with_capacity(if in_place { old.entries.len() } else { 0 });
    while in_place && let Some(read) = recs.read_into(&mut rec) {
        if read.is_err() {
            return refuse("the log changed while graded was reading it");
        }
        rows.push((rec.start, rec.end));
    }
    if in_place && rows.len() != old.entries.len() {
        return refuse("the log changed while graded was reading it");
    }
    let mut written = Vec::new();
    let mut out = String::with_capacity(original.len() + 512);
    out.push_str(bom);
    let mut cursor = 0;
    if widened {
        let (start, end, _) = header;
        out.push_str(&text[..start]);
        out.push_str(&header_line(width));
        cursor = end;
    }
    for (i, (n, from)) in new.entries.iter().zip(&origin).enumerate() {
        match from {
            Some(k) if widened || changed[i] => {
                let (start, end) = rows[*k];
                if changed[i] {
                    out.push_str(&text[cursor..start]);
                    let at = out.len();
                    out.push_str(&row(n, width));
                    written.push((at..out.len(), i));
                    cursor = end;
                } else if widened {
                    // The row as the person wrote it, with empty new fields.
                    out.push_str(&text[cursor..start]);
                    let at = out.len();
                    out.push_str(&text[start..end]);
                    out.push_str(&",".repeat(width - old_width));
                    written.push((at..out.len(), i));
                    cursor = end;
                }
            }
            None if last_kept.is_some_and(|l| i < l) => {
                // Right after the row before it (or the header), past that row's line end.
                let after = match origin[..i].iter().rev().find_map(|o| *o) {
                    Some(k) => rows[k].1,
                    None => header.1,
                };
                let end = after + line_end_len(text, after);
                if cursor < end {
                    out.push_str(&text[cursor..end]);
                    cursor = end;
                }
                let at = out.len();
                out.push_str(&row(n, width));
                written.push((at..out.len(), i));
                out.push_str(eol);
            }
            Some(_) | None => {}
        }
    }
    out.push_str(&text[cursor..]);
    for (i, e) in new.entries.iter().enumerate() {
        if origin[i].is_some() || last_kept.is_some_and(|l| i < l) {
            continue;
        }
        if !out.ends_with(['\n', '\r']) {
            out.push_str(eol);
        }
        let from = out.len();
        out.push_str(&row(e, width));
        written.push((from..out.len(), i));
        out.push_str(eol);
    }
    Ok(Update {
        text: out,
        written,
        width,
        widened,
    })
}

/// The length of the line end at byte `i` of `text` (`\r\n`, `\n` or `\r`), 0 at the end.
fn line_end_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i..i + 2) {
        Some(b"\r\n") => 2,
        _ => usize::from(matches!(text.as_bytes().get(i), Some(b'\n' | b'\r'))),
    }
}

/// Writes `update`, the log's new text (under the workspace lock), then reads back every row
/// it wrote, from the file, and checks each reads as the entry meant: a short write or a file
/// changed behind graded's back is reported, not trusted. Only those rows are read, not the
/// whole log.
pub fn write(
    lock: &Lock,
    path: &Path,
    update: &Update,
    new: &SessionLog,
    start: chrono::NaiveDate,
) -> Result<(), LoadError> {
    lock.write(path, update.text.as_bytes())?;
    check_written(path, update, new, start)
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
            .and_then(|r| entry(&shown, &r[0], start, update.width).ok());
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
    if update.widened {
        // Every row was read back above; the new header too, by reading the whole log.
        let mut text = String::new();
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.read_to_string(&mut text).map_err(io)?;
        let back = parse(&shown, &text, start).map_err(LoadError::Data)?;
        let same = back.entries.len() == new.entries.len()
            && back.entries.iter().zip(&new.entries).all(|(b, n)| {
                LogEntry {
                    line: n.line,
                    ..b.clone()
                } == *n
            });
        if !same {
            return Err(unlike(
                "the log reads back differently after adding its new columns".into(),
            ));
        }
    }
    Ok(())
}

/// Why the entry's `--rpe` cannot be taken: a lift it names that the profile lacks (`None`
/// when every one is the profile's).
pub fn unknown_lift(entry: &LogEntry, profile: &crate::model::Profile) -> Option<String> {
    let (lift, _) = entry
        .lift_rpe
        .iter()
        .find(|(l, _)| profile.lift(l).is_none())?;
    let known: Vec<&str> = profile.lifts.iter().map(|l| l.name.as_str()).collect();
    Some(format!(
        "--rpe: no lift `{lift}` in the profile (its lifts: {})",
        known.join(", ")
    ))
}
