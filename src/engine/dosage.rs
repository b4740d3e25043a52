//! Doses: loads from the pre-injury lifts, rounded down to what a gym can load, capped.

use crate::model::{PlannedExercise, Profile, Program, Units};

/// Rounds a load down to a loadable barbell weight: whole plate steps (5 lb / 2.5 kg); `None`
/// below the empty bar (45 lb / 20 kg), which could not be loaded without going over the dose
/// (CLINICAL.md "Loads round to what a gym can load").
pub fn round_down(load: f64, units: Units) -> Option<f64> {
    let step = units.step();
    let floored = ((load + 1e-9) / step).floor() * step;
    (floored >= units.bar()).then_some(floored)
}

/// The load of exercise `ex` of stage `si` at every step: the program's % of the pre-injury 1RM,
/// rounded down, never above the stage's `max_pct_1rm`, and never more than
/// `weekly_load_cap_pct` above the previous step's load, the previous stage's last load of the
/// same lift included [BBM][GABBETT].
pub fn step_loads(program: &Program, si: usize, ex: usize, profile: &Profile) -> Vec<Option<f64>> {
    let stage = &program.stages[si];
    let exercise = &stage.exercises[ex];
    let one_rm = one_rm_of(exercise, profile);
    let mut prev: Option<f64> = exercise.lift.as_deref().and_then(|lift| {
        (0..si).rev().find_map(|psi| {
            let pex = program.stages[psi]
                .exercises
                .iter()
                .position(|e| e.lift.as_deref() == Some(lift))?;
            step_loads(program, psi, pex, profile)
                .last()
                .copied()
                .flatten()
        })
    });
    exercise
        .doses
        .iter()
        .map(|d| {
            let (Some(pct), Some(orm)) = (d.pct_1rm, one_rm) else {
                return None;
            };
            let pct = stage.max_pct_1rm.map_or(pct, |cap| pct.min(cap));
            let mut load = round_down(orm * pct / 100.0, profile.units)?;
            if let (Some(p), Some(cap)) = (prev, stage.weekly_load_cap_pct) {
                load = load.min(
                    round_down(p * (1.0 + cap / 100.0), profile.units)
                        .unwrap_or(p)
                        .max(p),
                );
            }
            prev = Some(load);
            Some(load)
        })
        .collect()
}

/// The exercises of `stage` at 0-based `step`, with sets cut in a lighter week [DELOAD].
/// Optional exercises whose lift the profile lacks are left out.
pub fn session_exercises(
    program: &Program,
    si: usize,
    step: usize,
    deload: bool,
    profile: &Profile,
) -> Vec<PlannedExercise> {
    let stage = &program.stages[si];
    stage
        .exercises
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            !(e.optional && e.lift.as_deref().is_some_and(|l| profile.lift(l).is_none()))
        })
        .map(|(i, e)| {
            let load = step_loads(program, si, i, profile)[step.min(e.doses.len() - 1)];
            let d = &e.doses[step.min(e.doses.len() - 1)];
            let sets = d.sets.map(|s| {
                if deload {
                    ((f64::from(s) * f64::from(stage.deload_volume_pct) / 100.0).round() as u32)
                        .max(1)
                } else {
                    s
                }
            });
            PlannedExercise {
                id: e.id.clone(),
                name: e.name.clone(),
                sets,
                reps: d.reps.clone(),
                hold_s: d.hold_s,
                duration_min: d.minutes,
                load,
                // The real share of the 1RM after rounding and caps, not the program's target.
                pct_1rm: load
                    .zip(one_rm_of(e, profile))
                    .map(|(l, orm)| (l / orm * 100.0).round()),
                rpe_cap: d.rpe_cap,
            }
        })
        .collect()
}

/// The estimated 1RM of the lift an exercise scales from.
fn one_rm_of(e: &crate::model::Exercise, profile: &Profile) -> Option<f64> {
    e.lift
        .as_deref()
        .and_then(|l| profile.lift(l))
        .map(|l| l.one_rep_max())
}
