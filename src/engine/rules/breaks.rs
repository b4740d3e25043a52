//! Breaks [SYNTH]: more than a stage's `gap_days` without a session steps back a step for each
//! full week missed; more than 4 weeks restarts the stage.

use chrono::NaiveDate;

use super::{Reason, Rule, State};
use crate::model::Program;

/// A break longer than this restarts the stage [SYNTH].
pub const RESTART_AFTER_DAYS: i64 = 28;

impl State {
    /// The gap rule, checked once for a session on `date` [SYNTH]: more than `gap_days` since the
    /// last session goes back one step for each full week missed (no further than the stage's
    /// first step, and the load comes down with the step); more than 4 weeks restarts the stage.
    /// The plan calls it before showing a session's dose, so the step back shows before the
    /// comeback session, not after it.
    pub(crate) fn check_gap(&mut self, program: &Program, date: NaiveDate) {
        if self.gap_checked == Some(date) || self.stopped.is_some() || self.completed {
            return;
        }
        self.gap_checked = Some(date);
        let gap_days = program.stages[self.stage].gates.gap_days;
        let Some(last) = self.last_session else {
            return;
        };
        let gap = (date - last).num_days();
        if gap <= i64::from(gap_days) {
            return;
        }
        let name = program.stages[self.stage].name.clone();
        let to = if gap > RESTART_AFTER_DAYS {
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
