//! `graded export --format fhir [--all] [-o FILE]`: the course in another system's format.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::{ExportArgs, ExportFormat};
use crate::cmd::output::write_output;
use graded::export::Exporter;
use graded::export::fhir::FhirBundle;

/// Runs `graded export`.
pub fn run(ctx: &Ctx, a: ExportArgs) -> anyhow::Result<ExitCode> {
    let built = ctx.build(None)?;
    let bytes = match a.format {
        ExportFormat::Fhir => {
            let bundle = if a.all {
                FhirBundle::default()
            } else {
                FhirBundle::recent(ctx.today, &built.course, &built.data.program)
            };
            bundle.export(&built.doc())?
        }
    };
    write_output(ctx.out(a.output.as_deref())?, &bytes)?;
    Ok(ExitCode::SUCCESS)
}
