//! `graded status`: where the person stands (rendered by `export::status`); exit code 3 while
//! the program is stopped.

use std::process::ExitCode;

use super::{Ctx, EXIT_STOPPED};
use crate::cli::{StatusArgs, StatusFormat};
use crate::cmd::output::write_output;
use graded::export::Exporter;
use graded::export::status::{StatusJson, StatusText};

/// Runs `graded status`.
pub fn run(ctx: &Ctx, a: StatusArgs) -> anyhow::Result<ExitCode> {
    // Status says when the latest session moved the projected finish, and why.
    let data = ctx.load()?;
    let course = graded::engine::course::course_with_finish_move(
        &data.program,
        &data.profile,
        &data.log,
        ctx.today,
        Some(2),
    );
    let b = super::Built { data, course };
    let doc = b.doc();
    let out = match a.format {
        StatusFormat::Json => StatusJson.export(&doc)?,
        StatusFormat::Text => StatusText {
            style: ctx.style,
            how: a.how,
        }
        .export(&doc)?,
    };
    write_output(None, &out)?;
    Ok(if b.course.replay.state.stopped().is_some() {
        ExitCode::from(EXIT_STOPPED)
    } else {
        ExitCode::SUCCESS
    })
}
