//! Reviews at 4, 8 and 12 weeks [MCID][NHS-4W][COURSE]: too little improvement since intake, or
//! morning pain left at the end, or still the first stage after 4 weeks (not clearly better),
//! pauses progression until a clinician has seen the person.

use chrono::NaiveDate;

use super::{Judged, Reason, Rule, State};
use crate::model::{Pain, Program};

impl State {
    /// Reviews at 1, 2 and 3 times `review_after_days` (4, 8 and 12 weeks) [MCID][NHS-4W][COURSE]:
    /// no 2-point / 30% improvement from intake pauses progression (see a clinician); at the
    /// third, still having morning pain short of the end pauses it too.
    pub(super) fn review(&mut self, program: &Program, date: NaiveDate, judged: &mut Judged) {
        let every = i64::from(program.stages[self.stage].gates.review_after_days);
        let day = (date - self.program_start).num_days();
        if self.reviews_done >= 3 || self.mornings.is_empty() {
            return;
        }
        let due = (day / every).min(3) as u32;
        if due <= self.reviews_done {
            return;
        }
        self.reviews_done = due;
        let weeks = every * i64::from(due) / 7;
        let intake = f64::from(self.intake_pain);
        let needed = (0.3 * intake).min(2.0);
        // The mean of the mornings logged so far (up to the last 3).
        let now =
            self.mornings.iter().map(|&m| f64::from(m)).sum::<f64>() / self.mornings.len() as f64;
        let why = if self.intake_pain > Pain::NONE && intake - now < needed - 1e-9 {
            Some((
                Rule::ReviewNoImprovement,
                format!(
                    "At the {weeks}-week review, morning pain has not improved by 2 points or 30% since intake ({}/10 at rest then, {} now): see a clinician or physical therapist.",
                    self.intake_pain,
                    crate::engine::gate::fmt_baseline(now)
                ),
            ))
        } else if due == 1 && self.stage == 0 {
            // No stage completed in 4 weeks: not clearly better, whatever the points [NHS-4W].
            Some((
                Rule::ReviewNotClearlyBetter,
                format!(
                    "At the {weeks}-week review, you are still in the first stage: not clearly \
                     better after 4 weeks. See a clinician or physical therapist soon."
                ),
            ))
        } else if due == 3 && !self.completed && now > 0.0 {
            Some((
                Rule::ReviewNotComplete,
                format!(
                    "At the {weeks}-week review, morning pain is still {} and the program is not complete: see a clinician or physical therapist.",
                    crate::engine::gate::fmt_baseline(now)
                ),
            ))
        } else {
            None
        };
        if let Some((rule, text)) = why {
            let reason = Reason::new(rule, text);
            self.review_flag = true;
            self.paused = true;
            self.pause = Some(reason.clone());
            judged.reasons.push(reason);
        }
    }
}
