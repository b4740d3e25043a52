//! `graded resume --cleared-by TEXT`: records a clinician's clearance after a stop. Every
//! clearance repeats the red-flag screen (asked as `graded screen` asks it, or given with
//! `--no-red-flags` / `--red-flag ID`); after a stop for rest pain of 7/10 or more it also takes
//! the rest pain now, which becomes the baseline [SYNTH].

use std::process::ExitCode;

use super::{Ctx, EXIT_STOPPED, Usage};
use crate::cli::ResumeArgs;
use graded::model::{EntryKind, LogEntry, Symptom, red_flag};
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
    let (rest_pain_stop, days) = {
        let loaded = ctx.load()?;
        let r = loaded.course(ctx.today, Some(1)).replay;
        check_stopped(&r.state, date)?;
        let days = (date - loaded.profile.injury_date).num_days();
        (r.state.stopped().is_some_and(|s| s.rest_pain), days)
    };
    let rest_pain = match (a.rest_pain, rest_pain_stop, ctx.interactive) {
        (Some(p), _, _) => Some(p),
        (None, true, true) => Some(super::ask::pain("Your pain at rest now, 0-10")?),
        (None, true, false) => {
            return Err(Usage(
                "the program stopped for rest pain of 7/10 or more: give your rest pain now with --rest-pain N (0-10); it becomes the baseline".into(),
            )
            .into());
        }
        (None, false, _) => None,
    };
    let flags = screen(ctx, &a, days)?;
    let ((), loaded) = ctx.edit_log(|log, loaded| {
        debug_assert_eq!(log.entries.len(), loaded.log.entries.len());
        check_stopped(&loaded.course(ctx.today, Some(1)).replay.state, date)?;
        log.entries.push(LogEntry {
            kind: EntryKind::Resume,
            note: who.clone(),
            next_morning: rest_pain,
            symptoms: flags.clone(),
            ..LogEntry::session(date)
        });
        Ok(())
    })?;
    if !flags.is_empty() {
        return super::stopped_by(ctx, &loaded, &flags, date);
    }
    let course = loaded.course(ctx.today, Some(1));
    let r = &course.replay;
    let why = r
        .judged
        .iter()
        .rev()
        .find(|j| j.entry.kind == EntryKind::Resume && j.entry.date == date)
        .and_then(|j| j.reasons.last())
        .map(|r| r.text.to_string())
        .unwrap_or_default();
    if let Some(stop) = r.state.stopped() {
        outln!(
            "{}\n\n{}\n\n{}",
            graded::text::para(&format!("Not resumed on {date}. {why}")),
            graded::text::para(stop.triage.advice()),
            notice().trim_end()
        );
        return Ok(ExitCode::from(EXIT_STOPPED));
    }
    let first = match rest_pain {
        Some(_) => why,
        None => format!(
            "Resumed on {date}, cleared by {}. Progression goes on from where it was; see `graded status`.",
            graded::text::visible(&who)
        ),
    };
    outln!("{}\n{}", graded::text::para(&first), notice().trim_end());
    Ok(ExitCode::SUCCESS)
}

/// Refuses a clearance with nothing to clear, or dated before the stop.
fn check_stopped(state: &graded::engine::State, date: chrono::NaiveDate) -> anyhow::Result<()> {
    match state.stopped() {
        Some(stop) if date < stop.date => Err(Usage(format!(
            "the program stopped on {}; a clearance dated {date} comes before it",
            stop.date
        ))
        .into()),
        None if !state.paused() => Err(Usage(
            "the program is not stopped (nor paused): there is nothing to resume".into(),
        )
        .into()),
        _ => Ok(()),
    }
}

/// The clearance's red-flag screen, `days` after the injury: the flags given, or asked on a
/// terminal as `graded screen` asks them (only what can newly appear).
fn screen(ctx: &Ctx, a: &ResumeArgs, days: i64) -> anyhow::Result<Vec<Symptom>> {
    if a.no_red_flags {
        return Ok(vec![]);
    }
    if !a.red_flags.is_empty() {
        red_flag::answerable(&a.red_flags, days).map_err(|e| Usage(format!("--red-flag {e}")))?;
        return Ok(a.red_flags.clone());
    }
    if ctx.interactive {
        return super::ask::red_flags(days);
    }
    let list: Vec<String> = red_flag::weekly(days)
        .map(|(f, q)| format!("  {:<22} {q}", f.id))
        .collect();
    Err(Usage(format!(
        "every clearance repeats the red-flag screen: --no-red-flags, or --red-flag ID for each yes:\n{}",
        list.join("\n")
    ))
    .into())
}
