//! Doses: loads from the pre-injury lifts, rounded down to what a gym can load, capped.

use std::collections::BTreeMap;

use crate::model::{AdjustKind, Exercise, PlannedExercise, Profile, Program, Units};

/// Rounds a load down to a loadable barbell weight: whole plate steps (5 lb / 2.5 kg); `None`
/// below the empty bar (45 lb / 20 kg), which could not be loaded without going over the dose
/// (docs/EVIDENCE.md).
pub fn round_down(load: f64, units: Units) -> Option<f64> {
    let step = units.step();
    let floored = ((load + 1e-9) / step).floor() * step;
    (floored >= units.bar()).then_some(floored)
}

/// The load of exercise `ex` of stage `si` at every step: the program's % of the pre-injury 1RM,
/// rounded down, never above the stage's `max_pct_1rm`, and never more than
/// `weekly_load_cap_pct` above the previous step's load, the previous stage's last load of the
/// same lift included [BBM][GABBETT]. An estimate set right after a step of singles is never
/// heavier than those singles: the heaviest lift before "back to 100%" is a single [RPE][SYNTH].
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
        .enumerate()
        .map(|(step, d)| {
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
            if let Some(p) = prev.filter(|_| d.estimate_1rm && after_singles(exercise, step)) {
                load = load.min(p);
            }
            prev = Some(load);
            Some(load)
        })
        .collect()
}

/// Whether the step before `step` of the exercise is a step of singles.
fn after_singles(exercise: &Exercise, step: usize) -> bool {
    step.checked_sub(1)
        .and_then(|b| exercise.doses[b].reps.as_deref())
        .and_then(crate::model::rpe::most_reps)
        == Some(1)
}

/// Every exercise's load at every step ([`step_loads`]), worked out once per program and
/// profile: the doses of a long course look them up instead of recomputing the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadTable {
    /// By stage, then exercise, then step.
    loads: Vec<Vec<Vec<Option<f64>>>>,
}

impl LoadTable {
    /// The table for `program` and `profile`.
    pub fn new(program: &Program, profile: &Profile) -> LoadTable {
        LoadTable {
            loads: (0..program.stages.len())
                .map(|si| {
                    (0..program.stages[si].exercises.len())
                        .map(|ex| step_loads(program, si, ex, profile))
                        .collect()
                })
                .collect(),
        }
    }

    /// The load of exercise `ex` of stage `si` at `step`.
    pub fn get(&self, si: usize, ex: usize, step: usize) -> Option<f64> {
        self.loads[si][ex][step]
    }
}

/// Which session a dose is for: stage and step (0-based), a lighter week or not, the session's
/// number in the stage (1-based, for exercises that take turns), and the load ceilings.
#[derive(Debug, Clone, Copy)]
pub struct Dosing<'a> {
    /// 0-based stage.
    pub stage: usize,
    /// 0-based step.
    pub step: usize,
    /// A lighter week: sets are cut [DELOAD].
    pub deload: bool,
    /// A lighter week whose step's loads were not lifted the week before: the step before's
    /// loads, so the week never raises the load [DELOAD][GABBETT].
    pub lower: bool,
    /// The session's number within the stage, 1-based.
    pub session: u32,
    /// Load ceilings per exercise id (effort or a red session lowered them) [RPE][SYNTH].
    pub ceilings: &'a BTreeMap<String, f64>,
    /// Loads an estimate set has been raised to, per exercise id, above the program's dose while
    /// the estimate falls short [RPE].
    pub raised: &'a BTreeMap<String, f64>,
    /// The program's loads, worked out once.
    pub table: &'a LoadTable,
    /// The session's date: the profile's adjustments in force on it apply.
    pub date: chrono::NaiveDate,
}

/// The exercises of a session with their doses: sets cut in a lighter week [DELOAD], loads
/// under any ceiling, and of each `alternate` group only the one whose turn it is [SYNTH].
/// Optional exercises whose lift the profile lacks are left out. Adjustments in force on the
/// date apply last, and only lower: a lift's load under its `max_pct` (none when that is below
/// the empty bar), and a swapped exercise replaced by one without a load that keeps the replaced
/// one's sets, reps, hold, minutes and effort cap [SYNTH].
pub fn session_exercises(
    program: &Program,
    profile: &Profile,
    at: &Dosing<'_>,
) -> Vec<PlannedExercise> {
    let stage = &program.stages[at.stage];
    let todays =
        || {
            stage.exercises.iter().enumerate().filter(|(_, e)| {
                present(e, profile) && takes_its_turn(stage, e, profile, at.session)
            })
        };
    // The course keeps one list a session: made at its size, with no room it does not use (a
    // stage's alternates take turns).
    let mut planned = Vec::with_capacity(todays().count());
    planned.extend(todays().map(|(i, e)| planned_one(program, profile, at, i, e)));
    // Most profiles have no swap at all: nothing to look up.
    if !profile
        .adjust
        .iter()
        .any(|a| matches!(a.kind, AdjustKind::Swap { .. }))
    {
        return planned;
    }
    let ids: Vec<crate::model::Text> = planned.iter().map(|p| p.id.clone()).collect();
    planned
        .into_iter()
        .filter_map(|p| swapped(program, profile, at.date, p, &ids))
        .collect()
}

/// Whether the exercise is in the person's plan: an optional one only with its lift.
fn present(e: &Exercise, profile: &Profile) -> bool {
    !(e.optional && e.lift.as_deref().is_some_and(|l| profile.lift(l).is_none()))
}

/// Whether it is the exercise's turn in session `session` (1-based) of the stage: always, or,
/// in an `alternate` group, one member after the other [SYNTH].
fn takes_its_turn(
    stage: &crate::model::Stage,
    e: &Exercise,
    profile: &Profile,
    session: u32,
) -> bool {
    let Some(group) = e.alternate.as_deref() else {
        return true;
    };
    let turns = || {
        stage
            .exercises
            .iter()
            .filter(|x| present(x, profile) && x.alternate.as_deref() == Some(group))
    };
    let turn = (session.max(1) as usize - 1) % turns().count();
    turns().nth(turn).is_some_and(|x| x.id == e.id)
}

/// Exercise `i` of the stage as planned for the session: its dose at the step, its load under
/// the ceilings and the adjustments in force, sets cut in a lighter week [DELOAD].
fn planned_one(
    program: &Program,
    profile: &Profile,
    at: &Dosing<'_>,
    i: usize,
    e: &Exercise,
) -> PlannedExercise {
    let stage = &program.stages[at.stage];
    let step = at.step.min(e.doses.len() - 1);
    let d = &e.doses[step];
    let load = load(profile, at, i, e, step);
    let sets = d.sets.map(|s| {
        if at.deload {
            ((f64::from(s) * f64::from(stage.deload_volume_pct) / 100.0).round() as u32).max(1)
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
            .map(|(l, orm)| share_of(l, orm)),
        rpe_cap: d.rpe_cap,
        lift: e.lift.clone(),
        estimate_1rm: d.estimate_1rm,
        weekly_ceiling: None,
    }
}

/// The load of exercise `i` at `step`: the program's (a raised estimate set's), under its
/// ceiling and any `max_pct` in force; none below the empty bar (the bar, or lighter work).
fn load(profile: &Profile, at: &Dosing<'_>, i: usize, e: &Exercise, step: usize) -> Option<f64> {
    let estimate = e.doses[step].estimate_1rm;
    let load = lighter_week_load(at, i, step)
        .map(|l| match at.raised.get(&*e.id) {
            Some(&r) if estimate => r.max(l),
            _ => l,
        })
        .map(|l| at.ceilings.get(&*e.id).map_or(l, |&c| l.min(c)));
    let load = match (max_pct(profile, e, at.date), one_rm_of(e, profile)) {
        (Some(pct), Some(orm)) => {
            load.and_then(|l| round_down(orm * pct / 100.0, profile.units).map(|c| l.min(c)))
        }
        _ => load,
    };
    load.filter(|&l| l >= profile.units.bar())
}

/// The program's load of exercise `ex` at `step`; in a lighter week whose step was not lifted
/// the week before, that of the step before when it is lower: a lighter week never raises the
/// load [DELOAD][GABBETT].
fn lighter_week_load(at: &Dosing<'_>, ex: usize, step: usize) -> Option<f64> {
    let load = at.table.get(at.stage, ex, step);
    match (at.lower, step.checked_sub(1)) {
        (true, Some(before)) => match (load, at.table.get(at.stage, ex, before)) {
            (Some(l), Some(b)) => Some(l.min(b)),
            (l, _) => l,
        },
        _ => load,
    }
}

/// The strictest `max_pct` in force on `date` for the exercise's lift.
fn max_pct(profile: &Profile, e: &Exercise, date: chrono::NaiveDate) -> Option<f64> {
    lift_max_pct(profile, e.lift.as_deref()?, date)
}

/// Whether a therapist's cap in force on `date` holds `load` of `lift` down: the load is at the
/// cap's own load (its share of the pre-injury 1RM, rounded down), or there is none because
/// the cap is under the empty bar [SYNTH].
pub(crate) fn held_by_cap(
    profile: &Profile,
    lift: &str,
    load: Option<f64>,
    date: chrono::NaiveDate,
) -> bool {
    let (Some(pct), Some(orm)) = (
        lift_max_pct(profile, lift, date),
        profile.lift(lift).map(|l| l.one_rep_max()),
    ) else {
        return false;
    };
    match (load, round_down(orm * pct / 100.0, profile.units)) {
        (Some(l), Some(cap)) => l >= cap - 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// The strictest `max_pct` a therapist's adjustment in force on `date` sets for `lift` [SYNTH].
pub(crate) fn lift_max_pct(profile: &Profile, lift: &str, date: chrono::NaiveDate) -> Option<f64> {
    crate::model::adjust::in_force(&profile.adjust, date)
        .filter_map(|(_, a)| match &a.kind {
            AdjustKind::MaxPct { lift: l, pct } if l == lift => Some(*pct),
            _ => None,
        })
        .min_by(f64::total_cmp)
}

/// The exercise a swap in force on `date` puts in place of `p` (the first such swap), with
/// `p`'s dose and no load; `p` itself otherwise; nothing when the replacement is already in the
/// session (`ids`), whose own dose stands.
fn swapped(
    program: &Program,
    profile: &Profile,
    date: chrono::NaiveDate,
    p: PlannedExercise,
    ids: &[crate::model::Text],
) -> Option<PlannedExercise> {
    let to =
        crate::model::adjust::in_force(&profile.adjust, date).find_map(|(_, a)| match &a.kind {
            AdjustKind::Swap { from, to } if *from == *p.id => Some(to.clone()),
            _ => None,
        });
    let Some(to) = to else { return Some(p) };
    if ids.iter().any(|i| **i == *to) {
        return None;
    }
    let Some(with) = program
        .stages
        .iter()
        .flat_map(|s| s.exercises.iter())
        .find(|e| *e.id == *to)
    else {
        return Some(p);
    };
    Some(PlannedExercise {
        id: with.id.clone(),
        name: with.name.clone(),
        load: None,
        pct_1rm: None,
        lift: None,
        estimate_1rm: false,
        ..p
    })
}

/// A load's share of a 1RM as a planned exercise shows it: a whole per cent.
pub(crate) fn share_of(load: f64, one_rm: f64) -> f64 {
    (load / one_rm * 100.0).round()
}

/// The estimated 1RM of the lift an exercise scales from.
fn one_rm_of(e: &Exercise, profile: &Profile) -> Option<f64> {
    e.lift
        .as_deref()
        .and_then(|l| profile.lift(l))
        .map(|l| l.one_rep_max())
}
