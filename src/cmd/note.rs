//! `graded note [--clinician NAME] TEXT`: records a physical therapist's or clinician's note,
//! with its date and author, in the log. The engine never judges a note; history, status and
//! the report show it.

use std::process::ExitCode;

use super::{Ctx, Usage};
use crate::cli::NoteArgs;
use graded::load::profile::{PERSON_HINT, check_person};
use graded::model::{EntryKind, LogEntry};

/// Runs `graded note`.
pub fn run(ctx: &Ctx, a: NoteArgs) -> anyhow::Result<ExitCode> {
    let text = a.text.trim().to_string();
    if text.is_empty() {
        return Err(Usage(
            "the note is empty: give its text, e.g. graded note \"Lighter squats this week\""
                .into(),
        )
        .into());
    }
    let given = a
        .clinician
        .as_deref()
        .map(check_person)
        .transpose()
        .map_err(|e| Usage(format!("--clinician: {e}\n  hint: {PERSON_HINT}")))?
        .flatten();
    let date = ctx.day(a.date)?;
    if date > ctx.today {
        return Err(Usage(format!("{date} is in the future (today is {})", ctx.today)).into());
    }
    let (who, _) = ctx.edit_log(|log, loaded| {
        let who = given
            .clone()
            .or_else(|| loaded.profile.clinician.clone())
            .ok_or_else(|| {
                Usage(
                    "say who wrote the note: --clinician \"Dr Lee, PT\" (or set `clinician` in profile.toml)"
                        .into(),
                )
            })?;
        log.entries.push(LogEntry {
            kind: EntryKind::Note,
            note: text.clone(),
            author: who.clone(),
            ..LogEntry::session(date)
        });
        Ok(who)
    })?;
    outln!(
        "{}",
        graded::text::para(&format!(
            "Noted for {date}, by {}. It shows in `graded history`, the report and, for two weeks, `graded status`; it changes nothing in the plan.",
            graded::text::visible(&who)
        ))
    );
    Ok(ExitCode::SUCCESS)
}
