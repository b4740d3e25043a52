//! `graded screen`: repeats the red-flag screen and records it in the log.

use std::process::ExitCode;

use super::Ctx;
use super::Usage;
use crate::cli::ScreenArgs;
use graded::model::{EntryKind, LogEntry, red_flag};

/// Runs `graded screen`.
pub fn run(ctx: &Ctx, a: ScreenArgs) -> anyhow::Result<ExitCode> {
    let date = ctx.day(a.date)?;
    if date > ctx.today {
        return Err(Usage(format!(
            "{date} is in the future (today is {}): screen on the day you answer",
            ctx.today
        ))
        .into());
    }
    let flags = if a.no_red_flags {
        vec![]
    } else if !a.red_flags.is_empty() {
        let injury = ctx.load()?.profile.injury_date;
        red_flag::answerable(&a.red_flags, (date - injury).num_days())
            .map_err(|e| Usage(format!("--red-flag {e}")))?;
        a.red_flags.clone()
    } else if ctx.interactive {
        let injury = ctx.load()?.profile.injury_date;
        super::ask::red_flags((date - injury).num_days())?
    } else {
        let list: Vec<String> = red_flag::RED_FLAGS
            .iter()
            .map(|f| format!("  {:<22} {}", f.id, f.question))
            .collect();
        return Err(Usage(format!(
            "answer the screen: --no-red-flags, or --red-flag ID for each yes:\n{}",
            list.join("\n")
        ))
        .into());
    };
    let ((), loaded) = ctx.edit_log(|log, _| {
        log.entries.push(LogEntry {
            kind: EntryKind::Screen,
            symptoms: flags.clone(),
            ..LogEntry::session(date)
        });
        Ok(())
    })?;
    match flags.is_empty() {
        false => super::stopped_by(ctx, &loaded, &flags, date),
        true => {
            let course = loaded.course(ctx.today, Some(1));
            let answer = graded::export::answer::screened(&course, date);
            out!("{}", answer.text);
            Ok(if answer.stopped {
                ExitCode::from(super::EXIT_STOPPED)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
