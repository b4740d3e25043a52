//! The history: every logged row with its scores, outcome, decision and reasons. The sheet a
//! physical therapist reads; table, CSV or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::csv::Sheet;
use super::json::{Day, ShownAll};
use super::table::{Style, new_table};
use super::{Document, Exporter, Streamed};
use crate::engine::Judged;
use crate::model::Units;
use crate::model::plan::{PlannedExercise, PlannedSession};
use crate::model::{CorrectionKind, LogEntry, NOTICE, Pain};
use crate::text::push_date;

/// One row of the history: an entry in force and how it was judged, or an entry struck out
/// by a correction (withdrawn or replaced), kept and shown but never judged.
#[derive(Clone, Copy)]
enum Line<'a> {
    Judged(&'a Judged),
    Struck(&'a LogEntry),
    /// A therapist's note (`graded note`): shown, never judged.
    Note(&'a LogEntry),
}

impl<'a> Line<'a> {
    fn entry(self) -> &'a LogEntry {
        match self {
            Line::Judged(j) => &j.entry,
            Line::Struck(e) | Line::Note(e) => e,
        }
    }
}

/// Every row of the log in date order, struck rows among those in force where the file has
/// them (on one date, in file order): the audit trail a physical therapist reads.
fn lines<'a>(doc: &'a Document<'_>) -> Vec<Line<'a>> {
    let judged = &doc.course.replay.judged;
    let struck = &doc.course.struck;
    let mut out = Vec::with_capacity(judged.len() + struck.len());
    let mut k = 0;
    for j in judged {
        while let Some(e) = struck
            .get(k)
            .filter(|e| (e.date, e.line) < (j.entry.date, j.entry.line))
        {
            out.push(Line::Struck(e));
            k += 1;
        }
        out.push(Line::Judged(j));
    }
    out.extend(struck[k..].iter().map(Line::Struck));
    // Notes among the rest by date and file line (a stable sort keeps the order on a tie).
    if !doc.course.notes.is_empty() {
        out.extend(doc.course.notes.iter().map(Line::Note));
        out.sort_by_key(|l| (l.entry().date, l.entry().line));
    }
    out
}

/// What a struck row's correction says, in words: `withdrawn on Fri 27 Nov 2026: why`.
fn struck_words(e: &LogEntry) -> String {
    struck_words_within(e, usize::MAX)
}

/// [`struck_words`] with the reason [`crate::text::clip`]ped at `max` characters (a table's).
fn struck_words_within(e: &LogEntry, max: usize) -> String {
    let Some(c) = &e.correction else {
        return String::new();
    };
    let mut s = match c.kind {
        CorrectionKind::Replaced => format!(
            "replaced on {} by the amended entry after it",
            c.date.format("%a %d %b %Y")
        ),
        _ => format!("{} on {}", c.kind.as_str(), c.date.format("%a %d %b %Y")),
    };
    if !c.reason.is_empty() {
        s.push_str(": ");
        s.push_str(&crate::text::clip(&c.reason, max));
    }
    s
}

/// The history's CSV columns (stable: documented in docs/GUIDE.md, "The sheet your physical therapist reads"). Each name says its unit or
/// scale; the person's context (the last six) is repeated on every row so that any row read
/// alone, filtered or sorted, still says whose it is. The guidance notice is not a column: it
/// is said once, in `share`'s README.txt and by the table (a line before the header would
/// break pandas' and LibreOffice's default read).
pub const HISTORY_COLUMNS: [&str; 28] = [
    "date",
    "kind",
    "stage",
    "stage_name",
    "step",
    "status",
    "pain_during_0_10",
    "pain_after_0_10",
    "next_morning_pain_0_10",
    "soreness_0_10",
    "usual_morning_pain_0_10",
    "stiffness_min",
    "rpe_0_10",
    "symptoms",
    "outcome",
    "decision",
    "triage",
    "reasons",
    "note",
    "note_by",
    "dose",
    "correction",
    "name",
    "clinician",
    "injury_date",
    "intake_rest_pain_0_10",
    "pre_injury_lifts",
    "program",
];

/// The profile's pre-injury lifts in words: `squat 1RM 235 lb`, or
/// `deadlift 205 lb x 5 (est. 1RM 239 lb)`.
pub fn lifts_words(p: &crate::model::Profile) -> String {
    let u = p.units.as_str();
    p.lifts
        .iter()
        .map(|l| {
            let w = crate::model::plan::fmt_load(l.weight);
            if l.reps <= 1 {
                format!("{} 1RM {w} {u}", l.name)
            } else {
                format!(
                    "{} {w} {u} x {} (est. 1RM {} {u})",
                    l.name,
                    l.reps,
                    crate::model::plan::fmt_load(l.one_rep_max().round())
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The person's context, the last columns of every history CSV row.
fn context(doc: &Document<'_>) -> [String; 6] {
    let p = doc.profile;
    [
        p.name.clone().unwrap_or_default(),
        p.clinician.clone().unwrap_or_default(),
        p.injury_date.to_string(),
        p.rest_pain.to_string(),
        lifts_words(p),
        doc.program.name.to_string(),
    ]
}

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

/// The dose planned for a logged session (none for a screen or a clearance): the exercises of
/// the plan's first session that day, in words. The plan's sessions are in date order. The
/// words of the last dose are kept: a long history repeats each dose for days or weeks.
#[derive(Default)]
struct Doses<'a> {
    last: Option<&'a [PlannedExercise]>,
    text: String,
}

impl<'a> Doses<'a> {
    fn of(&mut self, sessions: &'a [PlannedSession], unit: Units, j: &Judged) -> &str {
        if j.entry.kind != crate::model::EntryKind::Session {
            return "";
        }
        let at = sessions.partition_point(|s| s.date < j.entry.date);
        let Some(s) = sessions.get(at).filter(|s| s.date == j.entry.date) else {
            return "";
        };
        if self.last != Some(&s.exercises[..]) {
            self.text.clear();
            for (i, e) in s.exercises.iter().enumerate() {
                if i > 0 {
                    self.text.push_str("; ");
                }
                self.text.push_str(&e.name);
                self.text.push_str(": ");
                e.write_dose(&mut self.text, unit);
            }
            self.last = Some(&s.exercises);
        }
        &self.text
    }
}

/// A row's reasons, one after the other.
fn write_reasons(out: &mut String, j: &Judged) {
    for (i, r) in j.reasons.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{r}");
    }
}

fn reasons(j: &Judged) -> String {
    let mut out = String::new();
    write_reasons(&mut out, j);
    out
}

impl Exporter for HistoryTable {
    fn for_terminal(&self) -> bool {
        true
    }

    fn export(&self, doc: &Document<'_>) -> anyhow::Result<Vec<u8>> {
        let mut out = format!(
            "History · {} · {}\n",
            crate::text::visible(&doc.program.name),
            doc.profile.start.format("started %a %d %b %Y")
        );
        let mut t = new_table(self.style.unwrapped_off_a_terminal());
        t.set_header(vec![
            "Date",
            "Stage",
            "Pain d/a/m",
            "Outcome",
            "Decision and why",
        ]);
        let lines = lines(doc);
        let first = self
            .since
            .map_or(0, |d| lines.partition_point(|l| l.entry().date < d));
        for line in &lines[first..] {
            let j = match *line {
                Line::Judged(j) => j,
                Line::Note(e) => {
                    t.add_row(vec![
                        e.date.format("%a %d %b").to_string(),
                        "note".to_string(),
                        "-".to_string(),
                        "-".to_string(),
                        // Clipped: a long note (a pasted link) is the CSV's to hold whole.
                        crate::text::visible(&format!(
                            "{}: {}",
                            e.author,
                            crate::text::clip(&e.note, crate::text::NOTE_SHOWN_CHARS)
                        ))
                        .into_owned(),
                    ]);
                    continue;
                }
                Line::Struck(e) => {
                    let mut why = format!(
                        "not judged: {}.",
                        struck_words_within(e, crate::text::NOTE_SHOWN_CHARS)
                    );
                    if !e.symptoms.is_empty() {
                        why.push_str(&format!(
                            " Symptoms: {}.",
                            crate::model::red_flag::in_words(&e.symptoms)
                        ));
                    }
                    t.add_row(vec![
                        e.date.format("%a %d %b").to_string(),
                        format!(
                            "{} · {}\n{}",
                            e.kind.as_str(),
                            e.status.as_str(),
                            e.correction.as_ref().map_or("", |c| c.kind.as_str())
                        ),
                        format!(
                            "{}/{}/{}",
                            dash(e.pain_during),
                            dash(e.pain_after),
                            dash(e.next_morning)
                        ),
                        "-".to_string(),
                        crate::text::visible(&why).into_owned(),
                    ]);
                    continue;
                }
            };
            let e = &j.entry;
            let stage = &doc.program.stages[j.stage];
            let pains = format!(
                "{}/{}/{}{}",
                dash(e.pain_during),
                dash(e.pain_after),
                dash(e.next_morning),
                sore(e)
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
            let what = match &e.correction {
                Some(c) if c.kind == CorrectionKind::Amended => {
                    format!("{what}\namended {}", c.date.format("%d %b"))
                }
                _ => what,
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
        if lines.is_empty() {
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

/// The soreness after training under the pains, when one was logged: `\nsore 4`.
fn sore(e: &LogEntry) -> String {
    e.soreness.map_or(String::new(), |s| format!("\nsore {s}"))
}

impl Streamed for HistoryCsv {
    fn size(&self, doc: &Document<'_>) -> usize {
        800 * (doc.course.replay.judged.len() + 1)
    }

    fn render<W: std::io::Write>(&self, doc: &Document<'_>, out: &mut W) -> anyhow::Result<()> {
        let mut w = Sheet::new(self.excel, &HISTORY_COLUMNS);
        let context = context(doc);
        // Each row's cells are written one by one: a ten-year history has thousands of rows,
        // and a string per cell would cost more than the writing.
        let sessions = &doc.course.plan.sessions;
        let mut doses = Doses::default();
        for line in lines(doc) {
            match line {
                Line::Note(e) => {
                    w.text(|b| push_date(b, e.date));
                    w.cell(e.kind.as_str());
                    for _ in 2..18 {
                        w.cell("");
                    }
                    w.cell(&e.note);
                    w.cell(&e.author);
                    w.cell("");
                    correction(&mut w, e);
                }
                Line::Struck(e) => {
                    // No number and no status a sum, an average or a filter could count: the
                    // kind says what became of the row, and the reasons say what it read.
                    w.text(|b| push_date(b, e.date));
                    w.text(|b| {
                        if let Some(c) = &e.correction {
                            b.push_str(c.kind.as_str());
                            b.push(' ');
                        }
                        b.push_str(e.kind.as_str());
                    });
                    for _ in 2..17 {
                        w.cell("");
                    }
                    w.text(|b| {
                        let _ = write!(b, "Not judged: {}. ", struck_words(e));
                        write_struck_read(b, e);
                    });
                    w.cell(&e.note);
                    w.cell(&e.author);
                    w.cell("");
                    correction(&mut w, e);
                }
                Line::Judged(j) => {
                    let e = &j.entry;
                    let stage = &doc.program.stages[j.stage];
                    let (mut n, mut step) = (itoa::Buffer::new(), itoa::Buffer::new());
                    let (n, step) = (n.format(j.stage + 1), step.format(j.step + 1));
                    scores(&mut w, e, n, &stage.name, step, Some(j.baseline));
                    w.cell(j.outcome.as_str());
                    w.cell(j.decision.as_str());
                    w.cell(j.triage.map_or("", |t| t.word()));
                    w.text(|b| write_reasons(b, j));
                    w.cell(&e.note);
                    w.cell("");
                    w.cell(doses.of(sessions, doc.course.plan.unit, j));
                    correction(&mut w, e);
                }
            }
            for c in &context {
                w.cell(c);
            }
            w.end_row();
            w.pass_on(out, false)?;
        }
        w.pass_on(out, true)
    }
}

/// A row's first fourteen cells, date to symptoms (the stage, step and usual morning pain as
/// given: empty for a row never judged).
fn scores(w: &mut Sheet, e: &LogEntry, stage: &str, name: &str, step: &str, usual: Option<f64>) {
    w.text(|b| push_date(b, e.date));
    w.cell(e.kind.as_str());
    w.cell(stage);
    w.cell(name);
    w.cell(step);
    w.cell(e.status.as_str());
    w.int(e.pain_during.map(u8::from));
    w.int(e.pain_after.map(u8::from));
    w.int(e.next_morning.map(u8::from));
    w.int(e.soreness.map(u8::from));
    w.text(|b| {
        if let Some(u) = usual {
            let _ = write!(b, "{}", crate::engine::gate::round_baseline(u));
        }
    });
    w.int(e.stiffness_min);
    w.text(|b| e.write_rpe(b));
    w.text(|b| crate::model::red_flag::write_ids(b, &e.symptoms, ";"));
}

/// What a struck row read, in words, for the audit trail (its numbers are not in the number
/// columns): `It read: session done, pain 8/10 during and 2/10 after, RPE 5.`
fn write_struck_read(b: &mut String, e: &LogEntry) {
    let mut parts: Vec<String> = Vec::new();
    let what = match e.kind {
        crate::model::EntryKind::Session => format!("session {}", e.status.as_str()),
        k => k.as_str().to_string(),
    };
    let pains: Vec<String> = [
        (e.pain_during, "during"),
        (e.pain_after, "after"),
        (e.next_morning, "the next morning"),
    ]
    .into_iter()
    .filter_map(|(p, when)| p.map(|p| format!("{p}/10 {when}")))
    .collect();
    if !pains.is_empty() {
        parts.push(format!("pain {}", pains.join(", ")));
    }
    if let Some(s) = e.stiffness_min {
        parts.push(format!("morning stiffness {s} min"));
    }
    if let Some(s) = e.soreness {
        parts.push(format!("muscle soreness {s}/10"));
    }
    let mut rpe = String::new();
    e.write_rpe(&mut rpe);
    if !rpe.is_empty() {
        parts.push(format!("RPE {}", rpe.replace(';', ", ").replace('=', " ")));
    }
    if !e.symptoms.is_empty() {
        parts.push(format!(
            "symptoms: {}",
            crate::model::red_flag::in_words(&e.symptoms)
        ));
    }
    let _ = write!(b, "It read: {what}");
    for p in parts {
        b.push_str("; ");
        b.push_str(&p);
    }
    b.push('.');
}

/// The correction column.
fn correction(w: &mut Sheet, e: &LogEntry) {
    w.text(|b| {
        if let Some(c) = &e.correction {
            let _ = write!(b, "{c}");
        }
    });
}

/// The history as JSON: keys in alphabetical order at every level (the documented format).
#[derive(Serialize)]
struct History<'a> {
    notice: &'static str,
    program: &'a str,
    sessions: Vec<Row<'a>>,
}

/// One history row as JSON (field names documented in docs/GUIDE.md), keys alphabetical.
#[derive(Serialize)]
struct Row<'a> {
    correction: Option<RowCorrection<'a>>,
    date: Day,
    decision: Option<&'a str>,
    dose: String,
    kind: &'a str,
    /// Single lifts' RPE: `[["squat", 7.5]]`.
    lift_rpe: &'a [(String, f64)],
    next_morning: Option<Pain>,
    note: &'a str,
    /// Who wrote a note row (`graded note`); `null` for every other row.
    note_by: Option<&'a str>,
    /// `null` for a row struck out by a correction (never judged), as are decision, stage
    /// and step.
    outcome: Option<&'a str>,
    pain_after: Option<Pain>,
    pain_during: Option<Pain>,
    reasons: RowReasons<'a>,
    rpe: Option<u8>,
    /// Muscle soreness after training (DOMS), 0-10: beside the morning pain, never judged.
    soreness: Option<Pain>,
    stage: Option<RowStage<'a>>,
    status: &'a str,
    step: Option<usize>,
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

/// A row's correction, keys alphabetical: `{date, kind: withdrawn|replaced|amended, reason}`.
#[derive(Serialize)]
struct RowCorrection<'a> {
    date: Day,
    kind: &'a str,
    reason: &'a str,
}

impl<'a> RowCorrection<'a> {
    fn of(e: &'a LogEntry) -> Option<Self> {
        e.correction.as_ref().map(|c| RowCorrection {
            date: Day(c.date),
            kind: c.kind.as_str(),
            reason: &c.reason,
        })
    }
}

/// A judged row's reasons, or the one sentence of a row struck out.
enum RowReasons<'a> {
    Judged(ShownAll<'a, crate::engine::Reason>),
    Struck(String),
}

impl Serialize for RowReasons<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RowReasons::Judged(r) => r.serialize(s),
            RowReasons::Struck(one) => s.collect_seq([one]),
        }
    }
}

impl Streamed for HistoryJson {
    fn size(&self, doc: &Document<'_>) -> usize {
        1024 * (doc.course.replay.judged.len() + 1)
    }

    fn render<W: std::io::Write>(&self, doc: &Document<'_>, w: &mut W) -> anyhow::Result<()> {
        let mut doses = Doses::default();
        let rows: Vec<Row<'_>> = lines(doc)
            .into_iter()
            .map(|line| {
                let j = match line {
                    Line::Judged(j) => j,
                    Line::Struck(e) | Line::Note(e) => {
                        let note = e.kind == crate::model::EntryKind::Note;
                        return Row {
                            correction: RowCorrection::of(e),
                            date: Day(e.date),
                            decision: None,
                            dose: String::new(),
                            kind: e.kind.as_str(),
                            lift_rpe: &e.lift_rpe,
                            next_morning: e.next_morning,
                            note: &e.note,
                            note_by: note.then_some(e.author.as_str()),
                            outcome: None,
                            pain_after: e.pain_after,
                            pain_during: e.pain_during,
                            reasons: RowReasons::Struck(if note {
                                "A note: not judged.".to_string()
                            } else {
                                format!("Not judged: {}.", struck_words(e))
                            }),
                            rpe: e.rpe,
                            soreness: e.soreness,
                            stage: None,
                            status: e.status.as_str(),
                            step: None,
                            stiffness_min: e.stiffness_min,
                            symptoms: &e.symptoms,
                            triage: None,
                        };
                    }
                };
                let e = &j.entry;
                let s = &doc.program.stages[j.stage];
                Row {
                    date: Day(e.date),
                    kind: e.kind.as_str(),
                    stage: Some(RowStage {
                        id: &s.id,
                        index: j.stage + 1,
                        name: &s.name,
                    }),
                    step: Some(j.step + 1),
                    status: e.status.as_str(),
                    pain_during: e.pain_during,
                    pain_after: e.pain_after,
                    next_morning: e.next_morning,
                    soreness: e.soreness,
                    stiffness_min: e.stiffness_min,
                    rpe: e.rpe,
                    lift_rpe: &e.lift_rpe,
                    symptoms: &e.symptoms,
                    outcome: Some(j.outcome.as_str()),
                    decision: Some(j.decision.as_str()),
                    triage: j.triage.map(|t| t.word()),
                    reasons: RowReasons::Judged(ShownAll(&j.reasons)),
                    note: &e.note,
                    note_by: None,
                    dose: doses
                        .of(&doc.course.plan.sessions, doc.course.plan.unit, j)
                        .to_string(),
                    correction: RowCorrection::of(e),
                }
            })
            .collect();
        super::pretty::to_writer(
            &mut *w,
            &History {
                notice: NOTICE,
                program: &doc.program.id,
                sessions: rows,
            },
        )?;
        w.write_all(b"\n")?;
        Ok(())
    }
}
