//! `graded programs list|show|validate`.

use std::process::ExitCode;

use comfy_table::Cell;

use super::Ctx;
use crate::cli::ProgramsCommand;
use crate::cmd::output::write_output;
use graded::export::table::new_table;
use graded::load::program::{BUILT_IN, built_in, parse};
use graded::load::workspace::read_required;
use graded::model::Program;
use graded::text::{notice, visible, wrap};

/// Runs `graded programs ...`.
pub fn run(ctx: &Ctx, c: ProgramsCommand) -> anyhow::Result<ExitCode> {
    match c {
        ProgramsCommand::List => {
            let mut t = new_table(ctx.style);
            t.set_header(vec!["Id", "Name", "Stages"]);
            for (id, _) in BUILT_IN {
                let p = built_in(id)?;
                let stages: Vec<&str> = p.stages.iter().map(|s| &*s.name).collect();
                t.add_row(vec![
                    id.to_string(),
                    visible(&p.name).into_owned(),
                    visible(&stages.join(" > ")).into_owned(),
                ]);
            }
            write_output(
                None,
                format!(
                    "{t}\n\nShow one with `graded programs show ID`.\n{}",
                    notice()
                )
                .as_bytes(),
            )?;
        }
        ProgramsCommand::Show { id } => {
            let p = ctx.load_program(&id, None)?;
            write_output(None, show(ctx, &p).as_bytes())?;
        }
        ProgramsCommand::Validate { files } => {
            // Every file is checked: each error is told, and any error fails the run.
            let mut failed = 0;
            for file in files {
                let checked = read_required(&file)
                    .map_err(anyhow::Error::from)
                    .and_then(|text| Ok(parse(&file.display().to_string(), &text)?));
                match checked {
                    Ok(p) => {
                        let steps: Vec<String> =
                            p.stages.iter().map(|s| s.steps().to_string()).collect();
                        outln!(
                            "{}: ok: program `{}` with 5 stages ({} steps)",
                            file.display(),
                            p.id,
                            steps.join("/")
                        );
                    }
                    Err(e) => {
                        failed += 1;
                        errln!("error: {}", graded::text::visible(&format!("{e:#}")));
                    }
                }
            }
            if failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show(ctx: &Ctx, p: &Program) -> String {
    let mut text = format!("{} ({})\n", visible(&p.name), visible(&p.id));
    let para = |out: &mut String, s: &str| {
        for l in wrap(s, 78) {
            out.push_str(&l);
            out.push('\n');
        }
    };
    para(&mut text, &p.description);
    para(&mut text, &format!("Sources: {}", p.source.join(", ")));
    let mut out = text;
    for (i, s) in p.stages.iter().enumerate() {
        let g = &s.gates;
        out.push('\n');
        para(
            &mut out,
            &format!(
                "Stage {}: {} ({}) · {} sessions/week{} · at least {} days",
                i + 1,
                s.name,
                s.kind.as_str(),
                s.sessions_per_week,
                if s.hard {
                    ", never on consecutive days"
                } else {
                    ""
                },
                s.min_days
            ),
        );
        para(
            &mut out,
            &format!(
                "Gates: green 0-{}, amber {}-{}, red above {} or next morning +{}; {} greens to step up",
                g.green_max,
                g.green_max.get() + 1,
                g.amber_max,
                g.amber_max,
                g.morning_rise_red,
                g.greens_to_step
            ),
        );
        let mut extra = Vec::new();
        if let Some(c) = s.weekly_load_cap_pct {
            extra.push(format!("load +{c}%/week at most"));
        }
        if let Some(m) = s.max_pct_1rm {
            extra.push(format!("never above {m}% 1RM"));
        }
        if let Some(n) = s.deload_every_weeks {
            extra.push(format!(
                "every {n}th week lighter ({}% sets)",
                s.deload_volume_pct
            ));
        }
        if !extra.is_empty() {
            para(
                &mut out,
                &format!(
                    "Loads: {}. The % below are targets: a plan rounds each load down to what a gym can load and never raises it more than the weekly cap, so it can sit a little below them.",
                    extra.join(", ")
                ),
            );
        }
        para(&mut out, &format!("Sources: {}", s.source.join(", ")));
        if !s.notes.is_empty() {
            para(&mut out, &s.notes);
        }
        let mut t = new_table(ctx.style);
        t.set_header(vec!["Exercise", "Dose at each step"]);
        for e in &s.exercises {
            let name = if e.optional {
                format!(
                    "{} (if you have a {})",
                    e.name,
                    e.lift.as_deref().unwrap_or("lift")
                )
            } else {
                e.name.to_string()
            };
            let doses: Vec<String> = e
                .doses
                .iter()
                .enumerate()
                .map(|(i, d)| format!("{}: {}", i + 1, dose(d)))
                .collect();
            t.add_row(vec![
                Cell::new(visible(&name)),
                Cell::new(visible(&doses.join("\n"))),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&notice());
    out
}

fn dose(d: &graded::model::Dose) -> String {
    let mut v = Vec::new();
    match (d.sets, &d.reps) {
        (Some(s), Some(r)) => v.push(format!("{s}x{r}")),
        (None, Some(r)) => v.push(r.to_string()),
        (Some(s), None) => v.push(format!("{s} sets")),
        _ => {}
    }
    if let Some(h) = d.hold_s {
        v.push(format!("{h}s"));
    }
    if let Some(m) = d.minutes {
        v.push(format!("{m}min"));
    }
    if let Some(p) = d.pct_1rm {
        v.push(format!("{p}%"));
    }
    if let Some(r) = d.rpe_cap {
        v.push(format!("RPE{r}"));
    }
    v.join(" ")
}
