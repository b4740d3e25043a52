//! Effort and estimates [BBM][RPE]: a lift logged above its RPE cap comes down next time and
//! does not count toward progression; an estimate set gives an estimated 1RM; after a red the
//! loads come down at least 5% [SYNTH].

use chrono::NaiveDate;

use super::{Reason, Rule, State};
use crate::engine::gate::Said;
use crate::model::plan::fmt_load;
use crate::model::{LogEntry, PlannedExercise, Profile, Program, SessionStatus, rpe};

/// The lowest RPE an estimated 1RM is computed at [RPE].
pub const MIN_ESTIMATE_RPE: f64 = 7.0;

/// The lift an exercise of stage `si` scales from.
pub(super) fn lift_of<'p>(program: &'p Program, si: usize, id: &str) -> Option<&'p str> {
    program.stages[si]
        .exercises
        .iter()
        .find(|e| &*e.id == id)
        .and_then(|e| e.lift.as_deref())
}

/// `load` lowered by about `pct`% (5 or 10) to a loadable weight: the loadable weight in the
/// 5-10% band nearest the cut asked for, or the next one below when the band holds none
/// [BBM][RPE]; never below the empty bar, the lightest a barbell goes (a cut that would go
/// under it stops at it; at the bar, the bar again).
pub(super) fn cut_load(load: f64, pct: f64, profile: &Profile) -> f64 {
    let step = profile.units.step();
    let heaviest = ((load * 0.95 + 1e-9) / step).floor() * step;
    let lightest = ((load * 0.90 - 1e-9) / step).ceil() * step;
    let cut = if lightest <= heaviest + 1e-9 {
        if pct >= 10.0 { lightest } else { heaviest }
    } else {
        ((load * (1.0 - pct / 100.0) + 1e-9) / step).floor() * step
    };
    cut.max(profile.units.bar().min(load))
}

impl State {
    /// Effort wins over percentage [BBM][RPE]: a lift whose own RPE (its top set) is above its
    /// cap drops 5% (one point over) or 10% (two or more) next time, and the session does not
    /// count toward progression. A whole-session RPE never cuts a lift: above the highest cap
    /// of the session's exercises it only keeps the session from counting (hold) [SYNTH].
    /// Returns whether the session's effort keeps it from counting.
    pub(super) fn effort(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        done: &[PlannedExercise],
        reasons: &mut Vec<Reason>,
    ) -> bool {
        let mut over = false;
        for e in done {
            let (Some(lift), Some(load), Some(cap)) =
                (lift_of(program, self.stage, &e.id), e.load, e.rpe_cap)
            else {
                continue;
            };
            let Some(rpe) = entry.rpe_for(lift) else {
                continue;
            };
            let cap = f64::from(cap);
            if rpe <= cap {
                continue;
            }
            over = true;
            let cut = if rpe - cap >= 2.0 { 10.0 } else { 5.0 };
            let next = cut_load(load, cut, profile);
            self.lower_ceiling(&e.id, Some(next));
            let u = profile.units.as_str();
            let next_time = if next < load {
                format!(
                    "{} {u} (-{:.0}%)",
                    fmt_load(next),
                    (1.0 - next / load) * 100.0
                )
            } else {
                "the empty bar again: a barbell goes no lighter".to_string()
            };
            reasons.push(Reason::new(
                Rule::EffortOverCap,
                format!(
                    "{} at {} {u} was RPE {rpe}, above its cap of {cap}: next time {next_time}, and this session does not count toward progression.",
                    e.name,
                    fmt_load(load),
                ),
            ));
        }
        let highest = done.iter().filter_map(|e| e.rpe_cap).max();
        if let (Some(rpe), Some(cap)) = (entry.rpe, highest)
            && rpe > cap
            && !over
        {
            over = true;
            reasons.push(Reason::new(
                Rule::SessionEffort,
                // A hold unless the row's decision turns out stronger (`State::apply_planned`).
                Said::SessionEffort {
                    rpe,
                    cap,
                    hold: true,
                },
            ));
        }
        over
    }

    /// An estimated 1RM from each estimate set done at its own logged RPE (from RPE 7): with no
    /// RPE logged for that lift there is no estimate [RPE].
    pub(super) fn estimate(
        &mut self,
        profile: &Profile,
        entry: &LogEntry,
        done: &[PlannedExercise],
        reasons: &mut Vec<Reason>,
    ) {
        if entry.status != SessionStatus::Done {
            return;
        }
        for e in done {
            let Some((lift, load, reps)) = e.estimate_set() else {
                continue;
            };
            // Estimates count from RPE 7: below it, reps in reserve are guessed too loosely and
            // the estimate would run high [RPE].
            let Some(rpe) = entry.rpe_for(lift).map(|r| r.max(MIN_ESTIMATE_RPE)) else {
                continue;
            };
            let Some(est) = rpe::estimated_1rm(load, reps, rpe) else {
                continue;
            };
            self.estimates.insert(lift.to_string(), est);
            let before = profile.lift(lift).map(|l| l.one_rep_max());
            let u = profile.units.as_str();
            reasons.push(Reason::new(
                Rule::EstimatedOneRm,
                format!(
                    "Estimated {lift} 1RM {est:.0} {u} from {} {u} x {reps} at RPE {rpe}{}.",
                    fmt_load(load),
                    before.map_or(String::new(), |b| format!(
                        " ({:.0}% of the pre-injury {} {u})",
                        est / b * 100.0,
                        fmt_load(b)
                    )),
                ),
            ));
        }
    }

    /// A red in a loaded stage lowers each lift at least 5% below the red session's load (the
    /// step back usually does; a ceiling makes sure) [SYNTH].
    pub(super) fn lower_after_red(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        done: &[PlannedExercise],
        reasons: &mut Vec<Reason>,
    ) {
        let now = self.exercises(program, profile, date);
        for e in done {
            let Some(before) = e.load else { continue };
            let after = now.iter().find(|x| x.id == e.id).and_then(|x| x.load);
            let Some(after) = after else { continue };
            let target = cut_load(before, 5.0, profile);
            let lowered = if after > target {
                self.lower_ceiling(&e.id, Some(target));
                target
            } else {
                after
            };
            let u = profile.units.as_str();
            let said = if lowered < before {
                format!(
                    "{} comes down from {} to {} {u} (-{:.0}%).",
                    e.name,
                    fmt_load(before),
                    fmt_load(lowered),
                    (1.0 - lowered / before) * 100.0
                )
            } else {
                format!(
                    "{} stays at {} {u}: the empty bar, the lightest a barbell goes.",
                    e.name,
                    fmt_load(before)
                )
            };
            reasons.push(Reason::new(Rule::LoadAfterRed, said));
        }
    }
}
