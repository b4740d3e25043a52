//! Advancing [2FOR2][GABBETT][SYNTH]: a green session steps the dose up after enough greens in a
//! row, at most one load rise in 7 days; a stage ends when its last step is green, its minimum
//! days are done and the morning allows; the last stage climbs back to the pre-injury 1RM.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Decision, Reason, Rule, State};
use crate::engine::dosage::{round_down, session_exercises};
use crate::engine::gate::Said;
use crate::model::plan::fmt_load;
use crate::model::{AdjustKind, LogEntry, Profile, Program, adjust, rpe};

impl State {
    /// A green session: step up after `greens_to_step` greens in a row [2FOR2]; leave the stage
    /// when its last step is green and its minimum days have passed [SYNTH]; a load rises at
    /// most once per 7 days [GABBETT] (a lighter week cuts the sets by about 40% and never
    /// raises the load [DELOAD]); the last stage ends back at the pre-injury 1RM
    /// [RPE][RECOVERED].
    pub(super) fn progress(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        reasons: &mut Vec<Reason>,
    ) -> Decision {
        if let Some(why) = self.progression_held(program, entry.date) {
            reasons.push(why);
            return Decision::Hold;
        }
        if self.step + 1 < program.stages[self.stage].steps() {
            return self.step_up(program, profile, entry.date, reasons);
        }
        if let Some(why) = self.stage_not_over(program, profile, entry) {
            reasons.push(why);
            return Decision::Hold;
        }
        if self.stage + 1 == program.stages.len() {
            return self.finish(program, profile, entry.date, reasons);
        }
        self.next_stage(program, profile, entry.date, reasons)
    }

    /// Why a green session does not progress whatever the dose: too few greens in a row
    /// [2FOR2], a pause until a clinician's clearance, a screen overdue, or a week worse than
    /// the last [PMM].
    fn progression_held(&self, program: &Program, date: NaiveDate) -> Option<Reason> {
        let need = program.stages[self.stage].gates.greens_to_step;
        if self.greens < need {
            return Some(Reason::new(
                Rule::TwoForTwo,
                Said::Streak {
                    greens: self.greens,
                    need,
                },
            ));
        }
        if self.paused {
            return Some(Reason::new(
                Rule::SeeAClinician,
                "Progression is paused until a clinician has seen you (stop progressing, see a clinician soon); \
                 record the clearance with `graded resume --cleared-by ...`: hold.",
            ));
        }
        if let Some(why) = self.screen_overdue(date) {
            return Some(why);
        }
        if let Some(msg) = self.worse_than_last_week(date) {
            return Some(Reason::new(Rule::WeeklyTrend, msg));
        }
        // A lighter week at the loads of the step before (the step's own were not lifted
        // before it) steps up only after it, so no load climbs more than 10% in 7 days
        // [DELOAD][GABBETT].
        self.lowers_in_a_lighter_week(program, date).then(|| {
            Reason::new(
                Rule::LighterWeek,
                "A lighter week, at the loads lifted the week before: the dose steps up again \
                 after it: hold.",
            )
        })
    }

    /// One dose step up within the stage; in a stage with a weekly load cap it waits 7 days from
    /// the last rise [GABBETT].
    fn step_up(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        reasons: &mut Vec<Reason>,
    ) -> Decision {
        let stage = &program.stages[self.stage];
        if self.to_the_estimate_at_no_heavier_load(program, profile) {
            self.step += 1;
            reasons.push(Reason::new(
                Rule::TwoForTwo,
                format!(
                    "{} green sessions in a row: up to step {} of {} of {}, the estimate set at no \
                     heavier a load than the singles before it (no load rises, and those greens \
                     count for it).",
                    stage.gates.greens_to_step,
                    self.step + 1,
                    stage.steps(),
                    stage.name
                ),
            ));
            return Decision::Advance;
        }
        if let Some(cap) = stage.weekly_load_cap_pct {
            if let Some(last) = self.last_increase {
                let since = (date - last).num_days();
                if since < 7 {
                    reasons.push(Reason::new(Rule::WeeklyLoadCap, format!(
                        "The load last rose {since} days ago; it rises at most once in 7 days (by at most {cap}%): hold.")));
                    return Decision::Hold;
                }
            }
            self.last_increase = Some(date);
        }
        self.step += 1;
        self.greens = 0;
        self.raise_ceilings(program, profile, date);
        reasons.push(Reason::new(
            Rule::TwoForTwo,
            format!(
                "{} green sessions in a row: up to step {} of {} of {}.",
                stage.gates.greens_to_step,
                self.step + 1,
                stage.steps(),
                stage.name
            ),
        ));
        Decision::Advance
    }

    /// Whether the next step is the estimate set at no heavier a load than this step's, for
    /// every lift ([`crate::engine::dosage::step_loads`] keeps it at the singles' load): no
    /// load rises, so it waits for no 7 days, and the greens at those singles count for it
    /// [GABBETT][2FOR2][SYNTH].
    fn to_the_estimate_at_no_heavier_load(&self, program: &Program, profile: &Profile) -> bool {
        let stage = &program.stages[self.stage];
        let table = self.load_table(program, profile);
        let at = |ex: usize, step: usize| {
            let doses = &stage.exercises[ex].doses;
            let step = step.min(doses.len() - 1);
            (&doses[step], table.get(self.stage, ex, step))
        };
        let next = self.step + 1;
        (0..stage.exercises.len()).any(|ex| at(ex, next).0.estimate_1rm)
            && (0..stage.exercises.len()).all(|ex| match (at(ex, self.step).1, at(ex, next).1) {
                (Some(now), Some(then)) => then <= now + 1e-9,
                (None, then) => then.is_none(),
                (Some(_), None) => true,
            })
    }

    /// Why the stage's last step, green, does not end it yet: its minimum days, the morning
    /// needed to leave [RECOVERED], or a therapist's hold.
    fn stage_not_over(
        &self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
    ) -> Option<Reason> {
        let stage = &program.stages[self.stage];
        let days = (entry.date - self.stage_start).num_days();
        if days < i64::from(stage.min_days) {
            return Some(Reason::new(
                Rule::MinimumDays,
                format!(
                    "The last step is green, but {} lasts at least {} days ({} to go): hold.",
                    stage.name,
                    stage.min_days,
                    i64::from(stage.min_days) - days
                ),
            ));
        }
        if let (Some(max), Some(m)) = (stage.exit_morning_max, entry.next_morning)
            && m > max
        {
            return Some(Reason::new(
                Rule::MorningPainToLeave,
                format!(
                    "Leaving {} needs next-morning pain of {max}/10 or less (it was {m}/10): hold.",
                    stage.name
                ),
            ));
        }
        adjust::in_force(&profile.adjust, entry.date)
            .find(|(_, a)| {
                matches!(&a.kind, AdjustKind::HoldStage { stage: s } if *s == *stage.id || s == stage.kind.as_str())
            })
            .map(|(n, a)| {
                Reason::new(
                    Rule::Adjustment,
                    format!("{} is complete, but it is held ({}): hold.", stage.name, a.label(n)),
                )
            })
    }

    /// The last stage's last step green: complete when every estimate is back at the
    /// pre-injury 1RM, else the estimate set rises (or repeats) [RPE][RECOVERED].
    fn finish(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        reasons: &mut Vec<Reason>,
    ) -> Decision {
        if let Some(short) = self.short_of_the_1rm(program, profile) {
            if let Some(rise) = self.raise_estimate_sets(program, profile, date) {
                reasons.push(Reason::new(Rule::BackToFull, format!("{short} {rise}")));
                return Decision::Advance;
            }
            reasons.push(Reason::new(
                Rule::BackToFullRepeat,
                format!("{short} The set repeats at this load."),
            ));
            return Decision::Hold;
        }
        self.completed = true;
        reasons.push(Reason::new(
            Rule::ProgramComplete,
            self.completion_text(profile),
        ));
        Decision::Advance
    }

    /// On to the next stage; entering a stage that loads a lift is a rise too, at most one in
    /// 7 days [GABBETT].
    fn next_stage(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        reasons: &mut Vec<Reason>,
    ) -> Decision {
        let stage = &program.stages[self.stage];
        let days = (date - self.stage_start).num_days();
        let next = self.stage + 1;
        let loads = program.stages[next]
            .exercises
            .iter()
            .any(|e| e.lift.is_some());
        if let (true, Some(last)) = (loads, self.last_increase) {
            let since = (date - last).num_days();
            if since < 7 {
                reasons.push(Reason::new(Rule::WeeklyLoadCap, format!(
                    "{} is complete, but the load last rose {since} days ago; the next stage waits until 7 days have passed: hold.", stage.name)));
                return Decision::Hold;
            }
        }
        self.enter_stage(program, next, 0, date);
        self.raise_ceilings(program, profile, date);
        reasons.push(Reason::new(
            Rule::StageComplete,
            format!(
                "{} is complete (last step green, {} days done): on to {} (stage {}).",
                stage.name,
                days,
                program.stages[next].name,
                next + 1
            ),
        ));
        Decision::Advance
    }

    /// A lighter week plans the step before's loads ([`crate::engine::dosage`]); the first
    /// session after it lifts the step's own load again, which counts as a rise: the next step
    /// waits 7 days from it [DELOAD][GABBETT].
    pub(super) fn after_a_lighter_week(&mut self, program: &Program, date: NaiveDate) {
        if self.deload(program, date) {
            self.lighter |= self.lowers_in_a_lighter_week(program, date);
        } else if std::mem::take(&mut self.lighter)
            && program.stages[self.stage].weekly_load_cap_pct.is_some()
        {
            self.last_increase = Some(date);
        }
    }

    /// After a step up, each ceiling rises by the stage's weekly cap and is dropped once the
    /// program's own dose is at or below it [GABBETT].
    pub(super) fn raise_ceilings(&mut self, program: &Program, profile: &Profile, date: NaiveDate) {
        if self.ceilings.is_empty() {
            return;
        }
        let cap = program.stages[self.stage]
            .weekly_load_cap_pct
            .unwrap_or(10.0);
        for c in self.ceilings.values_mut() {
            *c = round_down(*c * (1.0 + cap / 100.0), profile.units).unwrap_or(*c);
        }
        let free = BTreeMap::new();
        // The program's own dose: an adjustment's cap in force is no reason to drop a ceiling.
        let plain;
        let own = if profile.adjust.is_empty() {
            profile
        } else {
            plain = Profile {
                adjust: vec![],
                ..profile.clone()
            };
            &plain
        };
        let uncapped = session_exercises(program, own, &self.dosing(program, own, date, &free));
        self.ceilings.retain(|id, c| {
            uncapped
                .iter()
                .find(|e| *e.id == **id)
                .and_then(|e| e.load)
                .is_none_or(|load| load > *c)
        });
    }

    /// Estimate sets below what someone at full strength would lift at their RPE cap rise by the
    /// weekly cap (at most once in 7 days) toward it, so an estimate that falls short after an
    /// effort cut, or because rounding kept the load low, climbs back [RPE][GABBETT]. Returns
    /// the sentence, or `None` when nothing rose.
    pub(super) fn raise_estimate_sets(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
    ) -> Option<String> {
        let stage = &program.stages[self.stage];
        let cap = super::load_cap::weekly_cap_pct(stage);
        if self
            .last_increase
            .is_some_and(|last| (date - last).num_days() < 7)
        {
            return None;
        }
        let mut rose = Vec::new();
        for e in self.exercises(program, profile, date) {
            let (Some((lift, load, reps)), Some(rpe_cap)) = (e.estimate_set(), e.rpe_cap) else {
                continue;
            };
            let Some(orm) = profile.lift(lift).map(|l| l.one_rep_max()) else {
                continue;
            };
            // Never past the stage's ceiling, nor a therapist's cap on the lift.
            let pct = rpe::pct_1rm(reps, f64::from(rpe_cap))
                .unwrap_or(0.0)
                .min(stage.max_pct_1rm.unwrap_or(100.0))
                .min(crate::engine::dosage::lift_max_pct(profile, lift, date).unwrap_or(100.0));
            let Some(target) = round_down(orm * pct / 100.0, profile.units) else {
                continue;
            };
            let next = round_down(load * (1.0 + cap / 100.0), profile.units)
                .unwrap_or(load)
                .min(target);
            if next > load + 1e-9 {
                self.raised.insert(e.id.to_string(), next);
                // A ceiling rises with the set, never away: dropping it would let the load jump
                // to the program's dose at once [GABBETT].
                if let Some(c) = self.ceilings.get_mut(&*e.id) {
                    *c = next;
                }
                rose.push(format!(
                    "{} comes up from {} to {} {} (+{:.0}%)",
                    e.name,
                    fmt_load(load),
                    fmt_load(next),
                    profile.units.as_str(),
                    (next / load - 1.0) * 100.0
                ));
            }
        }
        if rose.is_empty() {
            return None;
        }
        self.last_increase = Some(date);
        self.greens = 0;
        Some(format!(
            "Done within its RPE cap, the set has room: {}.",
            rose.join("; ")
        ))
    }
}
