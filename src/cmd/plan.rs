//! `graded plan`: the whole plan as tables, CSV, iCalendar, JSON or Markdown.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::{PlanArgs, PlanFormat};
use crate::cmd::output::{write_export, write_output};
use graded::export::Exporter;
use graded::export::csv::PlanCsv;
use graded::export::ics::PlanIcs;
use graded::export::json::PlanJson;
use graded::export::markdown::PlanMarkdown;
use graded::export::table::PlanTable;

/// Runs `graded plan`.
pub fn run(ctx: &Ctx, a: PlanArgs) -> anyhow::Result<ExitCode> {
    // With a horizon, the views start at this week (the calendar keeps every slot it exported);
    // without one, tables, Markdown and the calendar show the last weeks and what lies ahead,
    // unless --all. CSV and JSON hold every week.
    let from = match (a.weeks, a.all, a.format) {
        (Some(_), _, f) if f != PlanFormat::Ics => Some(graded::model::plan::week_start(ctx.today)),
        (_, true, _) | (_, _, PlanFormat::Csv | PlanFormat::Json) => None,
        _ => Some(super::recent(ctx.today, super::PLAN_WEEKS_BACK)),
    };
    // The calendar diff comes with the course, computed once.
    let built = if a.format == PlanFormat::Ics {
        ctx.build_with_calendar(a.weeks, &ctx.calendar_state()?, from, false)?
    } else {
        ctx.build(a.weeks)?
    };
    let doc = built.doc();
    let (table, csv, markdown);
    let exporter: &dyn Exporter = match a.format {
        PlanFormat::Table => {
            table = PlanTable {
                style: ctx.style,
                from,
            };
            &table
        }
        PlanFormat::Csv => {
            csv = PlanCsv { excel: a.out.excel };
            &csv
        }
        PlanFormat::Json => &PlanJson,
        PlanFormat::Markdown => {
            markdown = PlanMarkdown { from };
            &markdown
        }
        PlanFormat::Ics => {
            // The calendar diff of the course: rendered, then remembered.
            let calendar = built.course.calendar();
            let alarm = (!a.no_alarm).then_some(a.alarm);
            let bytes = PlanIcs { alarm, calendar }.export(&doc)?;
            write_output(ctx.out(a.out.output.as_deref())?, &bytes)?;
            ctx.save_calendar_state(&calendar.next)?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    write_export(ctx.out(a.out.output.as_deref())?, &doc, exporter)?;
    Ok(ExitCode::SUCCESS)
}
