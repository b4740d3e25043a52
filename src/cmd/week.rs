//! `graded week [DATE]`: the week holding DATE, in detail.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::WeekArgs;
use crate::cmd::output::write_output;
use graded::export::Exporter;
use graded::export::table::WeekTable;

/// Runs `graded week`.
pub fn run(ctx: &Ctx, a: WeekArgs) -> anyhow::Result<ExitCode> {
    let date = match a.when {
        Some(w) => w.resolve(ctx.today).map_err(super::Usage)?,
        None => ctx.today,
    };
    let weeks = ((date - ctx.today).num_days().max(0) / 7 + 2) as u32;
    let built = ctx.build(Some(weeks))?;
    let bytes = WeekTable {
        date,
        style: ctx.style,
        how: a.how,
    }
    .export(&built.doc())?;
    write_output(None, &bytes)?;
    Ok(ExitCode::SUCCESS)
}
