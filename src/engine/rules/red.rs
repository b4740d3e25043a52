//! A red session [SYNTH][TRAFFIC]: one dose step back (and the loads at least 5% down), or, the
//! `reds_to_stop`-th red within `red_window_days`, a stop: see a clinician soon.

use super::{Decision, Judged, Reason, Rule, Session, State, Stopped};
use crate::model::Triage;

impl State {
    /// A red session: counted in its window; enough reds stop the program, else one step back.
    pub(super) fn on_red(&mut self, s: &Session<'_>, judged: &mut Judged) {
        let date = s.entry.date;
        let window = s.gates.red_window_days;
        // Within the window: a red a week before to the day counts (Wednesday to Wednesday
        // is within 7 days), as the weekly load cap counts its week.
        self.reds
            .retain(|d| (date - *d).num_days() <= i64::from(window));
        self.reds.push(date);
        if s.loaded {
            self.loading_since = None;
        }
        if self.reds.len() as u32 >= s.gates.reds_to_stop {
            judged.reasons.push(Reason::new(
                Rule::TwoReds,
                format!(
                    "{} red sessions within {window} days: stop and see a clinician.",
                    self.reds.len()
                ),
            ));
            self.stopped = Some(Stopped {
                date,
                triage: Triage::Soon,
                flags: vec![],
                cause: format!("{} red sessions within {window} days", self.reds.len()),
                at_intake: false,
                rest_pain: false,
                level: (vec![], date),
            });
            judged.decision = Decision::Stop;
            judged.triage = Some(Triage::Soon);
            return;
        }
        let to = self.regress(s.program, date);
        judged.decision = Decision::Regress;
        judged.reasons.push(Reason::new(
            Rule::RegressOnRed,
            format!("A red session regresses one dose step: {to}."),
        ));
        self.lower_after_red(s.program, s.profile, date, s.done, &mut judged.reasons);
    }
}
