//! `graded share -o DIR`: history.csv, report.html, handout.html, plan.ics, bundle.fhir.json, plan.csv,
//! plan.json and a README.txt saying which file is for whom, in one go.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::ShareArgs;
use crate::cmd::output::write_output;
use graded::export::Exporter;
use graded::export::csv::PlanCsv;
use graded::export::fhir::FhirBundle;
use graded::export::history::HistoryCsv;
use graded::export::html::Report;
use graded::export::ics::PlanIcs;
use graded::export::json::PlanJson;
use graded::load::workspace::create_private_dir;

/// Runs `graded share`.
pub fn run(ctx: &Ctx, a: ShareArgs) -> anyhow::Result<ExitCode> {
    // Created private (0700): it is about to hold health data. One that exists is kept as it is.
    create_private_dir(&a.output)?;
    // The calendar diff comes with the course, computed once.
    let built = ctx
        .build_with_calendar(
            None,
            &ctx.calendar_state()?,
            Some(super::recent(ctx.today, super::PLAN_WEEKS_BACK)),
            false,
        )?
        .with_first_day();
    let doc = built.doc();
    let calendar = built.course.calendar();
    let mut files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "history.csv",
            HistoryCsv { excel: !a.no_bom }.export(&doc)?,
            "for your physical therapist: sessions, scores, outcomes",
        ),
        (
            "report.html",
            Report::recent(ctx.today).export(&doc)?,
            "to read: the progress report (a browser; prints on 2 pages)",
        ),
        (
            "plan.ics",
            PlanIcs {
                alarm: Some(30),
                calendar,
            }
            .export(&doc)?,
            "for your calendar app (import it)",
        ),
        (
            "bundle.fhir.json",
            FhirBundle::recent(ctx.today, &built.course, &built.data.program).export(&doc)?,
            "for a clinic's record system (HL7 FHIR R4)",
        ),
        (
            "plan.csv",
            PlanCsv { excel: !a.no_bom }.export(&doc)?,
            "the planned doses, a row per exercise (spreadsheets)",
        ),
        (
            "plan.json",
            PlanJson.export(&doc)?,
            "the whole plan, for programs (JSON)",
        ),
    ];
    // The home-exercise sheet, while sessions lie ahead (a stopped program plans none).
    if let Ok(h) = (graded::export::handout::Handout { stage: None }).export(&doc) {
        files.insert(
            2,
            (
                "handout.html",
                h,
                "to print: this week's home exercises, with figures and cues",
            ),
        );
    }
    let readme = readme(&files);
    files.push((
        "README.txt",
        readme.into_bytes(),
        "which file is for whom, and the notice",
    ));
    // Every file checked before any is written: none may land on a workspace file.
    let paths = files
        .iter()
        .map(|(name, _, _)| {
            Ok(ctx
                .out(Some(&a.output.join(name)))?
                .expect("a path")
                .to_path_buf())
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    for ((_, bytes, _), path) in files.iter().zip(&paths) {
        write_output(Some(path), bytes)?;
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
    out!("{}", graded::text::notice());
    Ok(ExitCode::SUCCESS)
}

/// The README.txt of a shared directory: which file is for whom, then the guidance notice once
/// (the CSV files carry no notice column: they stay one plain table).
fn readme(files: &[(&str, Vec<u8>, &str)]) -> String {
    let width = files.iter().map(|(n, _, _)| n.len()).max().unwrap_or(0);
    let mut out = String::from("Files written by graded (a return-to-lifting planner).\r\n\r\n");
    for (name, _, what) in files {
        out.push_str(&format!("  {name:<width$}  {what}\r\n"));
    }
    out.push_str(
        "\r\nhistory.csv is one table (Excel, LibreOffice, pandas read it as is): a row per\r\n",
    );
    out.push_str("logged entry, scores 0-10 as their column names say, the person's context\r\n");
    out.push_str(
        "(name, clinician, injury date, intake rest pain, pre-injury lifts) on every row.\r\n",
    );
    out.push_str(
        "An entry taken back by a correction keeps its row, its kind read `withdrawn session`\r\n",
    );
    out.push_str(
        "or `replaced session` and its score cells empty (no sum, average or filter counts\r\n",
    );
    out.push_str(
        "it): what it read and why it was taken back are in `reasons` and `correction`.\r\n\r\n",
    );
    for l in graded::text::notice().lines() {
        out.push_str(l);
        out.push_str("\r\n");
    }
    out.push_str(
        "Source keys such as [TRAFFIC] are listed with their references in the report.\r\n",
    );
    out
}
