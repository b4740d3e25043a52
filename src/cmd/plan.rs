//! `graded plan`: the whole plan as tables, CSV, iCalendar, JSON or Markdown.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::{PlanArgs, PlanFormat};
use crate::export::csv::PlanCsv;
use crate::export::ics::{CalendarState, PlanIcs, next_state};
use crate::export::json::PlanJson;
use crate::export::markdown::PlanMarkdown;
use crate::export::table::PlanTable;
use crate::export::{Exporter, write_output};
use crate::load::workspace::read_optional;

/// The file that remembers what was exported to calendars.
pub const CALENDAR_STATE: &str = "calendar.json";

/// Reads the calendar export state of the workspace (empty for `--example`).
pub fn calendar_state(ctx: &Ctx) -> anyhow::Result<CalendarState> {
    let Some(dir) = ctx.dir.as_deref().filter(|_| !ctx.example) else {
        return Ok(CalendarState::default());
    };
    let path = dir.join(CALENDAR_STATE);
    match read_optional(&path)? {
        None => Ok(CalendarState::default()),
        Some(t) => serde_json::from_str(&t).map_err(|e| {
            crate::load::DataError::new(path.display().to_string(), "", format!("unreadable calendar state: {e}"))
                .line(e.line())
                .hint("delete the file to start calendar numbering afresh (re-imports may then duplicate events)")
                .into()
        }),
    }
}

/// Saves the calendar state after an export (not for `--example`), under the workspace lock.
pub fn save_calendar_state(ctx: &Ctx, state: &CalendarState) -> anyhow::Result<()> {
    if let Some(dir) = ctx.dir.as_deref().filter(|_| !ctx.example) {
        ctx.lock()?.write(
            &dir.join(CALENDAR_STATE),
            &serde_json::to_vec_pretty(state)?,
        )?;
    }
    Ok(())
}

/// Runs `graded plan`.
pub fn run(ctx: &Ctx, a: PlanArgs) -> anyhow::Result<ExitCode> {
    let mut built = ctx.build(a.weeks)?;
    // With a horizon, the views start at this week; the calendar keeps every slot it exported.
    if a.weeks.is_some() && a.format != PlanFormat::Ics {
        let monday = crate::model::plan::week_start(ctx.today);
        built.course.plan.sessions.retain(|s| s.date >= monday);
    }
    let doc = built.doc();
    let bytes = match a.format {
        PlanFormat::Table => PlanTable { style: ctx.style }.export(&doc)?,
        PlanFormat::Csv => PlanCsv { excel: a.out.excel }.export(&doc)?,
        PlanFormat::Json => PlanJson.export(&doc)?,
        PlanFormat::Markdown => PlanMarkdown.export(&doc)?,
        PlanFormat::Ics => {
            let previous = calendar_state(ctx)?;
            let alarm = (!a.no_alarm).then_some(a.alarm);
            let bytes = PlanIcs {
                alarm,
                previous: previous.clone(),
            }
            .export(&doc)?;
            write_output(a.out.output.as_deref(), &bytes)?;
            save_calendar_state(ctx, &next_state(&previous, &built.course.plan))?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    write_output(a.out.output.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}
