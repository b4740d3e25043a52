//! Breaks [SYNTH]: more than a stage's `gap_days` without a session steps back a step for each
//! full week missed; more than 4 weeks restarts the stage.

use chrono::NaiveDate;

use super::{Reason, Rule, State};
use crate::model::Program;

/// A break longer than this restarts the stage [SYNTH].
pub const RESTART_AFTER_DAYS: i64 = 28;

/// After more than 4 weeks away from the return stage (or from maintenance), the load stage's
/// loads come back at most this % of the 1RM [SYNTH].
pub const RETURN_AFTER_BREAK_PCT: f64 = 70.0;

/// Days from the last session to one on `date` when they make a break: more than
/// `gap_days` [SYNTH]. The gap rule and the standing's break ahead both ask this.
pub fn break_days(gap_days: u32, last: NaiveDate, date: NaiveDate) -> Option<i64> {
    let gap = (date - last).num_days();
    (gap > i64::from(gap_days)).then_some(gap)
}

impl State {
    /// The gap rule, checked once for a session on `date` [SYNTH]: more than `gap_days` since the
    /// last session goes back one step for each full week missed (no further than the stage's
    /// first step, and the load comes down with the step); more than 4 weeks restarts the stage.
    /// The plan calls it before showing a session's dose, so the step back shows before the
    /// comeback session, not after it.
    pub(crate) fn check_gap(&mut self, program: &Program, date: NaiveDate) {
        if self.gap_checked == Some(date) || self.stopped.is_some() {
            return;
        }
        self.gap_checked = Some(date);
        let gap_days = program.stages[self.stage].gates.gap_days;
        let Some(last) = self.last_session else {
            return;
        };
        let Some(gap) = break_days(gap_days, last, date) else {
            return;
        };
        let name = program.stages[self.stage].name.clone();
        let last_stage = self.stage + 1 == program.stages.len();
        let load = program
            .stages
            .iter()
            .position(|s| s.kind == crate::model::StageKind::Load);
        let to = if gap > RESTART_AFTER_DAYS
            && (last_stage || self.completed)
            && let Some(load) = load
        {
            // More than 4 weeks off in the return stage or in maintenance: back to load
            // tolerance at a step whose loads are at most about 70% of the 1RM [SYNTH].
            let stage = &program.stages[load];
            let step = (0..stage.steps())
                .rev()
                .find(|&k| {
                    stage.exercises.iter().all(|e| {
                        e.doses
                            .get(k.min(e.doses.len().saturating_sub(1)))
                            .and_then(|d| d.pct_1rm)
                            .is_none_or(|p| p <= RETURN_AFTER_BREAK_PCT)
                    })
                })
                .unwrap_or(0);
            self.completed = false;
            self.enter_stage(program, load, step, date);
            format!(
                "more than 4 weeks away from {name}: back to {} (stage {}), step {}, at about \
                 {RETURN_AFTER_BREAK_PCT:.0}% of the 1RM or less",
                stage.name,
                load + 1,
                step + 1
            )
        } else if self.completed {
            return;
        } else if gap > RESTART_AFTER_DAYS {
            // A restart starts the stage's days again.
            self.stage_start = date;
            self.served.remove(&self.stage);
            self.enter_stage(program, self.stage, 0, date);
            format!("more than 4 weeks: {name} starts again from step 1")
        } else {
            let weeks = (gap / 7).max(1) as usize;
            let back = weeks.min(self.step);
            self.step -= back;
            self.greens = 0;
            if back > 0 {
                self.drop_raised();
            }
            match back {
                0 => "already at the stage's first step: the dose stays".to_string(),
                _ => format!(
                    "{weeks} full week{} missed: back {back} step{} to step {} of {name}",
                    if weeks == 1 { "" } else { "s" },
                    if back == 1 { "" } else { "s" },
                    self.step + 1
                ),
            }
        };
        self.gap_reason = Some(Reason::new(
            Rule::Gap,
            format!("{gap} days since the last session (more than {gap_days}): {to}."),
        ));
    }
}
