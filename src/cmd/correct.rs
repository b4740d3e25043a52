//! `graded log --amend` and `graded log --undo`: corrects an entry of the log without erasing
//! anything. The entry as it was stays in `log.csv`, struck out (`replaced DATE` or `withdrawn
//! DATE` in its correction column) like a correction in a clinical record; an amended entry is
//! written right after it (`amended DATE`). The engine judges only the entries in force.
//!
//! The change is shown first (field by field) and, on a terminal, asked for; `--yes` makes it
//! without asking, and without a terminal `--yes` is needed. The prompt is answered before the
//! workspace lock is taken, so a person thinking it over never holds up another graded; the
//! entry is found again under the lock and must be the one shown.

use std::process::ExitCode;

use super::{Ctx, EXIT_STOPPED, Loaded, Usage};
use crate::cli::LogArgs;
use graded::load::session_log::{cells, check, column_name, correction_at, parse_rpe};
use graded::model::{
    Correction, CorrectionKind, EntryKind, LogEntry, SessionLog, SessionStatus, Symptom,
};

/// Longest `--reason`, as for a note.
const REASON_CHARS: usize = 500;

/// Runs `graded log --amend` or `graded log --undo`.
pub fn run(ctx: &Ctx, a: &LogArgs) -> anyhow::Result<ExitCode> {
    ctx.workspace()?;
    // The entry's date, as the person said it (`yesterday`, `mon`, `-2`).
    let on = a.date.map(|d| ctx.day(Some(d))).transpose()?;
    let reason = a.reason.as_deref().unwrap_or_default().trim().to_string();
    if reason.chars().count() > REASON_CHARS {
        return Err(Usage(format!("--reason: at most {REASON_CHARS} characters")).into());
    }
    if a.amend && !changes_something(a) {
        return Err(Usage(
            "--amend needs the fields to change: --pain-during, --pain-after, --next-morning, --stiffness-min, --soreness, --rpe, --symptom or --no-symptoms, --note, --done, --partial or --skipped".into(),
        )
        .into());
    }
    let kind = if a.amend {
        CorrectionKind::Replaced
    } else {
        CorrectionKind::Withdrawn
    };
    let correction = Correction {
        kind,
        date: ctx.today,
        reason,
    };
    // With --yes nothing is asked, so nothing waits between finding the entry and changing it:
    // found, shown and changed under the lock in one go.
    if a.yes {
        let ((change, date), loaded) = ctx.edit_log(|log, loaded| {
            let change = Change::find(loaded, a, on, &correction)?;
            change.apply(log, &correction);
            let date = change.old.date;
            Ok((change, date))
        })?;
        outln!("{}", graded::text::visible(&change.describe(&correction)));
        return after(ctx, &loaded, &change, date);
    }
    // Found and worked out once without the lock (to show and ask), and again under it.
    let loaded = ctx.load()?;
    let change = Change::find(&loaded, a, on, &correction)?;
    // The reason and the entry's cells are the person's own text: shown, never obeyed.
    outln!("{}", graded::text::visible(&change.describe(&correction)));
    if !confirm(ctx, a)? {
        outln!("Nothing was changed.");
        return Ok(ExitCode::SUCCESS);
    }
    let (date, loaded) = ctx.edit_log(|log, loaded| {
        let again = Change::find(loaded, a, on, &correction)?;
        if again.index != change.index || again.old != change.old {
            anyhow::bail!(
                "the log changed while you were answering: nothing was changed; run the command again"
            );
        }
        again.apply(log, &correction);
        Ok(again.old.date)
    })?;
    after(ctx, &loaded, &change, date)
}

/// Whether `--amend` was given anything to change.
fn changes_something(a: &LogArgs) -> bool {
    a.pain_during.is_some()
        || a.pain_after.is_some()
        || a.next_morning.is_some()
        || a.stiffness_min.is_some()
        || a.soreness.is_some()
        || !a.rpe.is_empty()
        || !a.symptoms.is_empty()
        || a.no_symptoms
        || a.note.is_some()
        || a.done
        || a.partial
        || a.skipped
}

/// Whether the flags give a session's own fields (which a screen or a clearance has not).
fn session_fields(a: &LogArgs) -> bool {
    a.pain_during.is_some()
        || a.pain_after.is_some()
        || a.next_morning.is_some()
        || a.stiffness_min.is_some()
        || a.soreness.is_some()
        || !a.rpe.is_empty()
        || a.done
        || a.partial
        || a.skipped
}

/// Asks on a terminal; `--yes` answers for a script; without a terminal, `--yes` is needed.
fn confirm(ctx: &Ctx, a: &LogArgs) -> anyhow::Result<bool> {
    let what = if a.amend { "amend" } else { "withdraw" };
    if a.yes {
        return Ok(true);
    }
    if !ctx.interactive {
        return Err(Usage(format!(
            "nothing was changed: there is no terminal to confirm on; add --yes to {what} the entry"
        ))
        .into());
    }
    super::ask::confirm(&format!("{} it?", capitalised(what)), false)
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The entry to correct and what it becomes.
struct Change {
    /// Its index in the log.
    index: usize,
    /// The entry as it is.
    old: LogEntry,
    /// With `--amend`: the entry as it will read.
    new: Option<LogEntry>,
}

impl Change {
    /// The entry `--amend` or `--undo` means, and the amended entry, each checked.
    fn find(
        loaded: &Loaded,
        a: &LogArgs,
        on: Option<chrono::NaiveDate>,
        correction: &Correction,
    ) -> Result<Change, Usage> {
        let log = &loaded.log;
        let sessions_only = a.amend && session_fields(a);
        let index = target(log, on, sessions_only).ok_or_else(|| nothing(log, a, on))?;
        let old = log.entries[index].clone();
        let new = if a.amend {
            let new = amended(&old, a, correction.date)?;
            let unchanged = LogEntry {
                correction: old.correction.clone(),
                ..new.clone()
            } == LogEntry {
                line: 0,
                ..old.clone()
            };
            if unchanged {
                return Err(Usage(format!(
                    "the {} of {} already reads so: nothing to amend",
                    noun(&old),
                    old.date
                )));
            }
            check(&new, loaded.profile.start).map_err(|e| {
                Usage(format!(
                    "the amended {} would not be a valid log row ({}: {}); nothing was changed",
                    noun(&old),
                    e.field,
                    e.problem
                ))
            })?;
            if let Some(why) = graded::load::session_log::unknown_lift(&new, &loaded.profile) {
                return Err(Usage(why));
            }
            Some(new)
        } else {
            None
        };
        let after_symptoms = new.as_ref().map_or(&[][..], |n| &n.symptoms[..]);
        let taken_back: Vec<Symptom> = old
            .symptoms
            .iter()
            .copied()
            .filter(|s| s.flag().is_some() && !after_symptoms.contains(s))
            .collect();
        if !taken_back.is_empty() && correction.reason.is_empty() {
            return Err(Usage(format!(
                "the {} of {} reports a red flag ({}): taking it back needs --reason \"...\" (why it was wrong, e.g. \"answered yes by mistake\"); the report stays in the log, and status and the report say it was withdrawn and why",
                noun(&old),
                old.date,
                graded::model::red_flag::in_words(&taken_back)
            )));
        }
        Ok(Change { index, old, new })
    }

    /// What changes, field by field (the log's column names), before the question.
    fn describe(&self, correction: &Correction) -> String {
        let before = cells(&self.old);
        let heading = |verb: &str| {
            format!(
                "{verb} the {} of {} (log.csv line {}):\n",
                noun(&self.old),
                self.old.date.format("%a %d %b %Y"),
                self.old.line
            )
        };
        let shown = |v: &str| {
            if v.is_empty() {
                "(empty)".to_string()
            } else {
                graded::text::visible(v).into_owned()
            }
        };
        let mut o = String::new();
        match &self.new {
            Some(new) => {
                o.push_str(&heading("Amend"));
                let after = cells(new);
                // The correction column is said in words below.
                for i in (0..before.len()).filter(|&i| i != correction_at()) {
                    if before[i] != after[i] {
                        o.push_str(&format!(
                            "  {:<14}{} -> {}\n",
                            column_name(i),
                            shown(&before[i]),
                            shown(&after[i])
                        ));
                    }
                }
                o.push_str(&graded::text::para(&format!(
                    "The entry as it was stays in the log, marked `{correction}`; the amended entry follows it, marked `amended {}`, and is the one judged.",
                    correction.date
                )));
                o.push('\n');
            }
            None => {
                o.push_str(&heading("Withdraw"));
                for (i, v) in before.iter().enumerate() {
                    if !v.is_empty() && i > 0 && i != correction_at() {
                        o.push_str(&format!("  {:<14}{}\n", column_name(i), shown(v)));
                    }
                }
                o.push_str(&format!(
                    "  {:<14}{} -> {}\n",
                    column_name(correction_at()),
                    shown(&before[correction_at()]),
                    correction
                ));
                o.push_str(&graded::text::para(
                    "It stays in the log, marked withdrawn, and is no longer judged.",
                ));
                o.push('\n');
            }
        }
        o
    }

    /// Makes the change in `log`: the entry struck out, the amended one right after it.
    fn apply(&self, log: &mut SessionLog, correction: &Correction) {
        log.entries[self.index].correction = Some(correction.clone());
        if let Some(new) = &self.new {
            log.entries.insert(self.index + 1, new.clone());
        }
    }
}

/// The entry meant: the latest in force (in the log's order), on `date` when given, a session
/// when the flags give a session's fields.
fn target(log: &SessionLog, date: Option<chrono::NaiveDate>, sessions_only: bool) -> Option<usize> {
    log.entries.iter().rposition(|e| {
        e.in_force()
            && date.is_none_or(|d| e.date == d)
            && (!sessions_only || e.kind == EntryKind::Session)
    })
}

/// Why there is nothing to correct.
fn nothing(log: &SessionLog, a: &LogArgs, on: Option<chrono::NaiveDate>) -> Usage {
    let what = if a.amend && session_fields(a) {
        "session"
    } else {
        "entry"
    };
    let verb = if a.amend { "amend" } else { "withdraw" };
    let latest = log
        .entries
        .iter()
        .filter(|e| e.in_force())
        .map(|e| e.date)
        .max();
    Usage(match (on, latest) {
        (Some(d), Some(l)) => format!(
            "no {what} logged on {d} to {verb} (the latest entry in force is of {l}); nothing was changed"
        ),
        (_, None) if a.undo => "nothing to undo: the log has no entry in force".into(),
        (Some(d), None) => format!("no {what} logged on {d} to {verb}; nothing was changed"),
        (None, _) => format!("no {what} logged to {verb}; nothing was changed"),
    })
}

/// What the entry is, in words.
fn noun(e: &LogEntry) -> &'static str {
    match e.kind {
        EntryKind::Session => "session",
        EntryKind::Screen => "red-flag screen",
        EntryKind::Resume => "clearance",
        EntryKind::Note => "note",
    }
}

/// The entry with the flags' fields in place of its own, marked `amended` on `today`.
fn amended(old: &LogEntry, a: &LogArgs, today: chrono::NaiveDate) -> Result<LogEntry, Usage> {
    if a.skipped
        && (a.pain_during.is_some()
            || a.pain_after.is_some()
            || !a.rpe.is_empty()
            || a.next_morning.is_some())
    {
        return Err(Usage(
            "a skipped session has no pain or effort scores: drop --skipped, or the scores".into(),
        ));
    }
    if a.note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(Usage("--note: at most 500 characters".into()));
    }
    let mut e = LogEntry {
        line: 0,
        correction: Some(Correction {
            kind: CorrectionKind::Amended,
            date: today,
            reason: String::new(),
        }),
        ..old.clone()
    };
    if a.skipped {
        e.status = SessionStatus::Skipped;
        e.pain_during = None;
        e.pain_after = None;
        e.next_morning = None;
        e.stiffness_min = None;
        e.soreness = None;
        e.rpe = None;
        e.lift_rpe.clear();
    }
    if a.partial {
        e.status = SessionStatus::Partial;
    }
    // Scores given to a skipped session say it was done after all.
    let scored = a.pain_during.is_some() || a.pain_after.is_some();
    if a.done || (scored && e.status == SessionStatus::Skipped && !a.partial) {
        e.status = SessionStatus::Done;
    }
    if let Some(p) = a.pain_during {
        e.pain_during = Some(p);
    }
    if let Some(p) = a.pain_after {
        e.pain_after = Some(p);
    }
    if let Some(p) = a.next_morning {
        e.next_morning = Some(p);
    }
    if let Some(m) = a.stiffness_min {
        e.stiffness_min = Some(m);
    }
    if let Some(s) = a.soreness {
        e.soreness = Some(s);
    }
    if !a.rpe.is_empty() {
        let (rpe, lifts) =
            parse_rpe(&a.rpe.join(";")).map_err(|problem| Usage(format!("--rpe: {problem}")))?;
        e.rpe = rpe;
        e.lift_rpe = lifts;
    }
    if a.no_symptoms {
        e.symptoms.clear();
    } else if !a.symptoms.is_empty() {
        e.symptoms = a.symptoms.clone();
    }
    if let Some(n) = &a.note {
        e.note = n.clone();
    }
    Ok(e)
}

/// What the log says now: the amended session's outcome and decision, or where the person
/// stands after a withdrawal; a red flag taken back is said, and a stop still in force.
fn after(
    ctx: &Ctx,
    loaded: &Loaded,
    change: &Change,
    date: chrono::NaiveDate,
) -> anyhow::Result<ExitCode> {
    let verb = if change.new.is_some() {
        "Amended"
    } else {
        "Withdrew"
    };
    let course = loaded.course(ctx.today, Some(1));
    let r = &course.replay;
    let judged_session = change
        .new
        .as_ref()
        .is_some_and(|n| n.kind == EntryKind::Session)
        && r.judged
            .iter()
            .any(|j| j.entry.date == date && j.entry.kind == EntryKind::Session);
    if judged_session {
        let answer = graded::export::answer::session(&course, &loaded.program, date, verb);
        out!("{}", answer.text);
        return Ok(if answer.stopped {
            ExitCode::from(EXIT_STOPPED)
        } else {
            ExitCode::SUCCESS
        });
    }
    outln!(
        "{verb} the {} of {}.",
        noun(&change.old),
        date.format("%a %d %b %Y")
    );
    let taken_back: Vec<&Symptom> = change
        .old
        .symptoms
        .iter()
        .filter(|s| s.flag().is_some())
        .collect();
    if !taken_back.is_empty() {
        outln!(
            "{}",
            graded::text::para(
                "The red-flag report stays in the log, and status and the progress report say it was withdrawn and why."
            )
        );
    }
    let s = &r.state;
    if let Some(stop) = s.stopped() {
        outln!("\n{}\n", graded::text::para(&stop.advice()));
        outln!("The program is still stopped until `graded resume --cleared-by ...`.");
        out!("{}", graded::text::notice());
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    outln!("{}", graded::export::answer::now(&loaded.program, &course));
    out!("{}", graded::text::notice());
    Ok(ExitCode::SUCCESS)
}
