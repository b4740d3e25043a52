//! `graded history`: every logged session with its outcome, decision and reasons.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::{HistoryArgs, HistoryFormat};
use crate::cmd::output::write_output;
use crate::export::Exporter;
use crate::export::history::{HistoryCsv, HistoryJson, HistoryTable};

/// Runs `graded history`.
pub fn run(ctx: &Ctx, a: HistoryArgs) -> anyhow::Result<ExitCode> {
    let built = ctx.build(Some(1))?;
    let doc = built.doc();
    let bytes = match a.format {
        HistoryFormat::Table => HistoryTable {
            style: ctx.style,
            since: (!a.all).then(|| super::recent(ctx.today, super::HISTORY_WEEKS)),
        }
        .export(&doc)?,
        HistoryFormat::Csv => HistoryCsv { excel: a.out.excel }.export(&doc)?,
        HistoryFormat::Json => HistoryJson.export(&doc)?,
    };
    write_output(a.out.output.as_deref(), &bytes)?;
    // The CSV stays one plain table (a leading line would break spreadsheets and pandas), so
    // the person who runs it reads the notice here, apart from the data.
    if matches!(a.format, HistoryFormat::Csv) {
        eprint!("{}", crate::text::notice());
    }
    Ok(ExitCode::SUCCESS)
}
