//! Completion [RPE][RECOVERED][SYNTH]: the program ends back at the pre-injury 1RM (an
//! estimate within its margin), and says what "complete" means and when a true max is
//! reasonable.

use super::State;
use crate::model::plan::fmt_load;
use crate::model::{Profile, Program};

/// Days of green loading before a true 1RM attempt is reasonable [RECOVERED][SYNTH].
pub const TRUE_MAX_AFTER_DAYS: i64 = 42;

/// An estimated 1RM this close to the pre-injury 1RM is "back to 100%": the estimate's own
/// margin, and less than one plate on most lifts [RPE].
pub const ESTIMATE_MARGIN_PCT: f64 = 2.5;

impl State {
    /// Why the last stage is not over yet: an estimate set's lift whose estimated 1RM is short
    /// of the pre-injury 1RM by more than the estimate's margin [RPE].
    pub(super) fn short_of_the_1rm(&self, program: &Program, profile: &Profile) -> Option<String> {
        let stage = &program.stages[self.stage];
        stage
            .exercises
            .iter()
            .filter(|e| e.doses.iter().any(|d| d.estimate_1rm))
            .filter_map(|e| {
                let lift = e.lift.as_deref()?;
                let before = profile.lift(lift)?.one_rep_max();
                let est = self.estimates.get(lift).copied().unwrap_or(0.0);
                (est < before * (1.0 - ESTIMATE_MARGIN_PCT / 100.0)).then(|| {
                    format!(
                        "The estimated {lift} 1RM ({est:.0} {u}) is not yet back to the pre-injury {} {u}.",
                        fmt_load(before),
                        u = profile.units.as_str()
                    )
                })
            })
            .next()
    }

    /// What "complete" means, and when a true max is reasonable [RPE][RECOVERED][SYNTH].
    pub fn completion_text(&self, profile: &Profile) -> String {
        let u = profile.units.as_str();
        let lifts: Vec<String> = self
            .estimates
            .iter()
            .map(|(lift, est)| {
                format!(
                    "{lift}: estimated {est:.0} {u}{}",
                    profile.lift(lift).map_or(String::new(), |l| format!(
                        " against {} {u} before the injury",
                        fmt_load(l.one_rep_max())
                    )),
                )
            })
            .collect();
        let untested: Vec<&str> = profile
            .lifts
            .iter()
            .filter(|l| !self.estimates.contains_key(&l.name))
            .map(|l| l.name.as_str())
            .collect();
        let max_from = self
            .loading_since
            .map(|d| d + chrono::Duration::days(TRUE_MAX_AFTER_DAYS));
        format!(
            "Back to 100%: the program is complete. Complete means every step green to the end of the return stage, next-morning pain 0, \
             and an estimated 1RM at the pre-injury 1RM, within the estimate's {ESTIMATE_MARGIN_PCT}% margin{}.{} \
             A true max attempt is reasonable only after about 6 weeks of green loading{} and with morning pain 0. Keep logging for a while.",
            if lifts.is_empty() {
                String::new()
            } else {
                format!(" ({})", lifts.join("; "))
            },
            if untested.is_empty() {
                String::new()
            } else {
                format!(
                    " This program did not bring back your {}: build it up the same way, from about half its 1RM.",
                    untested.join(" or ")
                )
            },
            max_from.map_or(String::new(), |d| format!(
                " (from {} on)",
                d.format("%a %d %b %Y")
            ))
        )
    }
}
