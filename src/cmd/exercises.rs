//! `graded exercises [--all] | show ID`: the exercise library (rendered by `export::exercises`).

use std::process::ExitCode;

use super::{Ctx, Usage};
use crate::cli::{ExercisesArgs, ExercisesCommand};
use crate::cmd::output::write_output;
use graded::export::exercises::{ExerciseShow, list};
use graded::load::LoadError;

/// Runs `graded exercises`.
pub fn run(ctx: &Ctx, a: ExercisesArgs) -> anyhow::Result<ExitCode> {
    // The person's plan when there is one; without a workspace, the profile's program is unknown
    // and the built-in library alone is shown (and `--program`'s, when given).
    let built = match ctx.build(Some(8)) {
        Ok(b) => Some(b),
        Err(e)
            if matches!(
                e.downcast_ref::<LoadError>(),
                Some(LoadError::NoProfile { .. })
            ) =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    let program = match (&built, &ctx.program) {
        (Some(b), _) => Some(b.data.program.clone()),
        (None, Some(spec)) => Some(ctx.load_program(spec, None)?),
        (None, None) => None,
    };
    let library = match &program {
        Some(p) => p.library.clone(),
        None => graded::load::library::built_in().clone(),
    };
    let width = usize::from(ctx.style.width);
    let text = match a.command {
        None => match (&program, a.all) {
            (Some(p), false) => list(p, &library, false, width),
            (Some(p), true) => list(p, &library, true, width),
            (None, _) => {
                let p = graded::load::program::built_in("mid-back-strain")?;
                list(&p, &library, true, width)
            }
        },
        Some(ExercisesCommand::Show { id }) => {
            // An id, a library name, or the name the program's plan shows.
            let key = graded::model::exercise::name_key(&id);
            let shown = program.as_ref().and_then(|p| {
                p.stages
                    .iter()
                    .flat_map(|s| &s.exercises)
                    .find(|e| graded::model::exercise::name_key(&e.name) == key)
                    .and_then(|e| library.get(&e.id))
            });
            let entry = library.find(&id).or(shown).ok_or_else(|| {
                let ids: Vec<&str> = library.entries().map(|e| e.id.as_str()).collect();
                Usage(format!(
                    "no exercise `{}` in the library (give its name as the plan shows it, or \
                     its id); its ids: {}",
                    graded::text::visible(&id),
                    ids.join(", ")
                ))
            })?;
            let doc = built.as_ref().map(|b| b.doc());
            ExerciseShow {
                entry,
                doc: doc.as_ref(),
                width,
            }
            .render()
        }
    };
    write_output(None, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
