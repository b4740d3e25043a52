//! `graded report`: a self-contained HTML progress report.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::ReportArgs;
use crate::cmd::output::write_output;
use graded::export::Exporter;
use graded::export::html::Report;

/// Runs `graded report`.
pub fn run(ctx: &Ctx, a: ReportArgs) -> anyhow::Result<ExitCode> {
    let built = ctx.build(None)?.with_first_day();
    let report = if a.all {
        Report::default()
    } else {
        Report::recent(ctx.today)
    };
    let bytes = report.export(&built.doc())?;
    write_output(ctx.out(Some(&a.output))?, &bytes)?;
    if a.output.as_os_str() == "-" {
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "Wrote {} ({} bytes): open it in a browser; print to PDF from there.",
        a.output.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}
