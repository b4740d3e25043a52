//! `graded share -o DIR`: plan.csv, history.csv, plan.ics, plan.json, report.html and
//! bundle.fhir.json in one go.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::ShareArgs;
use crate::cmd::output::write_output;
use crate::export::Exporter;
use crate::export::csv::PlanCsv;
use crate::export::fhir::FhirBundle;
use crate::export::history::HistoryCsv;
use crate::export::html::Report;
use crate::export::ics::{PlanIcs, diff};
use crate::export::json::PlanJson;
use crate::load::workspace::create_private_dir;

/// Runs `graded share`.
pub fn run(ctx: &Ctx, a: ShareArgs) -> anyhow::Result<ExitCode> {
    // Created private (0700): it is about to hold health data. One that exists is kept as it is.
    create_private_dir(&a.output)?;
    let built = ctx.build(None)?;
    let doc = built.doc();
    let calendar = diff(
        &ctx.calendar_state()?,
        &built.course.plan,
        &built.data.profile,
        Some(super::recent(ctx.today, super::PLAN_WEEKS_BACK)),
    );
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "plan.csv",
            PlanCsv { excel: !a.no_bom }.export(&doc)?,
            "the plan, one row per exercise (spreadsheets)",
        ),
        (
            "history.csv",
            HistoryCsv { excel: !a.no_bom }.export(&doc)?,
            "every logged session with outcome and reasons",
        ),
        (
            "plan.ics",
            PlanIcs {
                alarm: Some(30),
                calendar: &calendar,
            }
            .export(&doc)?,
            "calendar events (import into your calendar app)",
        ),
        (
            "plan.json",
            PlanJson.export(&doc)?,
            "the whole plan as JSON",
        ),
        (
            "report.html",
            Report::recent(ctx.today).export(&doc)?,
            "a one-page progress report (open in a browser, print to PDF)",
        ),
        (
            "bundle.fhir.json",
            FhirBundle.export(&doc)?,
            "for the clinic's record system (HL7 FHIR R4)",
        ),
    ];
    for (name, bytes, _) in &files {
        write_output(Some(&a.output.join(name)), bytes)?;
    }
    ctx.save_calendar_state(&calendar.next)?;
    outln!("Wrote to {}:", a.output.display());
    let width = files
        .iter()
        .map(|(name, _, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, bytes, what) in &files {
        outln!("  {name:<width$} {:>8} bytes  {what}", bytes.len());
    }
    out!("{}", crate::text::notice());
    Ok(ExitCode::SUCCESS)
}
