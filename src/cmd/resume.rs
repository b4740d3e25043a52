//! `graded resume --cleared-by TEXT`: records a clinician's clearance after a stop.

use std::process::ExitCode;

use super::Ctx;
use super::Usage;
use crate::cli::ResumeArgs;
use graded::model::{EntryKind, LogEntry};
use graded::text::notice;

/// Runs `graded resume`.
pub fn run(ctx: &Ctx, a: ResumeArgs) -> anyhow::Result<ExitCode> {
    let who = a.cleared_by.trim().to_string();
    if who.is_empty() {
        return Err(Usage("--cleared-by: say who cleared you, e.g. \"Dr Lee, GP\"".into()).into());
    }
    let date = ctx.day(a.date)?;
    if date > ctx.today {
        return Err(Usage(format!("{date} is in the future (today is {})", ctx.today)).into());
    }
    ctx.edit_log(|log, loaded| {
        debug_assert_eq!(log.entries.len(), loaded.log.entries.len());
        let r = loaded.course(ctx.today, Some(1)).replay;
        match &r.state.stopped() {
            Some(stop) if date < stop.date => {
                return Err(Usage(format!(
                    "the program stopped on {}; a clearance dated {date} comes before it",
                    stop.date
                ))
                .into());
            }
            None if !r.state.paused() => {
                return Err(Usage(
                    "the program is not stopped (nor paused): there is nothing to resume".into(),
                )
                .into());
            }
            _ => {}
        }
        log.entries.push(LogEntry {
            kind: EntryKind::Resume,
            note: who.clone(),
            ..LogEntry::session(date)
        });
        Ok(())
    })?;
    outln!(
        "{}\n{}",
        graded::text::para(&format!(
            "Resumed on {date}, cleared by {}. Progression goes on from where it was; see `graded status`.",
            graded::text::visible(&who)
        )),
        notice().trim_end()
    );
    Ok(ExitCode::SUCCESS)
}
