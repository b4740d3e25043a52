//! `graded history`: every logged session with its outcome, decision and reasons.

use std::process::ExitCode;

use super::Ctx;
use crate::cli::{HistoryArgs, HistoryFormat};
use crate::cmd::output::write_export;
use graded::export::Exporter;
use graded::export::history::{HistoryCsv, HistoryJson, HistoryTable};

/// Runs `graded history`.
pub fn run(ctx: &Ctx, a: HistoryArgs) -> anyhow::Result<ExitCode> {
    let built = ctx.build(Some(1))?;
    let doc = built.doc();
    let (table, csv);
    let exporter: &dyn Exporter = match a.format {
        HistoryFormat::Table => {
            table = HistoryTable {
                style: ctx.style,
                since: (!a.all).then(|| super::recent(ctx.today, super::HISTORY_WEEKS)),
            };
            &table
        }
        HistoryFormat::Csv => {
            csv = HistoryCsv { excel: a.out.excel };
            &csv
        }
        HistoryFormat::Json => &HistoryJson,
    };
    write_export(ctx.out(a.out.output.as_deref())?, &doc, exporter)?;
    // The CSV stays one plain table (a leading line would break spreadsheets and pandas), so
    // the person who runs it reads the notice here, apart from the data.
    if matches!(a.format, HistoryFormat::Csv) {
        errln!("{}", graded::text::notice().trim_end());
    }
    Ok(ExitCode::SUCCESS)
}
