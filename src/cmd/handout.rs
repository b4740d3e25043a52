//! `graded handout`: the printable home-exercise sheet (rendered by `export::handout`).

use std::process::ExitCode;

use super::Ctx;
use crate::cli::HandoutArgs;
use crate::cmd::output::write_output;
use graded::export::Exporter;
use graded::export::handout::Handout;

/// Runs `graded handout`.
pub fn run(ctx: &Ctx, a: HandoutArgs) -> anyhow::Result<ExitCode> {
    let built = ctx.build(None)?;
    let bytes = Handout { stage: a.stage }
        .export(&built.doc())
        .map_err(|e| super::Usage(e.to_string()))?;
    write_output(ctx.out(Some(&a.output))?, &bytes)?;
    if a.output.as_os_str() != "-" {
        outln!(
            "Wrote {} ({} bytes): open it in a browser and print it (at most two pages a stage).",
            a.output.display(),
            bytes.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
