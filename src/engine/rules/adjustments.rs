//! A therapist's adjustments [SYNTH]: only ever more cautious. A capped lift keeps its capped
//! load as a ceiling (so the load climbs back at the weekly cap when the cap ends); a
//! next-morning limit holds a green session; each adjustment in force is named.

use chrono::NaiveDate;

use super::{Reason, Rule, State};
use crate::engine::gate::Outcome;
use crate::model::{
    AdjustKind, Adjustment, GateName, Gates, LogEntry, Pain, PlannedExercise, Profile, Program,
    adjust,
};

impl State {
    /// A lift an adjustment's cap holds down keeps its capped load as a ceiling, so that when
    /// the cap ends the load climbs back at the weekly cap, not in one jump [GABBETT]. A cap
    /// above the load the plan gives anyway holds nothing, and changes nothing.
    pub(super) fn keep_capped_loads(
        &mut self,
        profile: &Profile,
        entry: &LogEntry,
        done: &[PlannedExercise],
    ) {
        for e in done {
            if let Some(lift) = e.lift.as_deref()
                && crate::engine::dosage::held_by_cap(profile, lift, e.load, entry.date)
            {
                self.lower_ceiling(&e.id, Some(e.load.unwrap_or(profile.units.bar())));
            }
        }
    }
}

/// A therapist's next-morning limit: a green session whose morning is above it is amber.
pub(super) fn next_morning_limit(
    profile: &Profile,
    entry: &LogEntry,
    outcome: Outcome,
    reasons: &mut Vec<Reason>,
) -> Outcome {
    if let (Outcome::Green, Some(m), Some((max, label))) = (
        outcome,
        entry.next_morning,
        next_morning_max(&profile.adjust, entry.date),
    ) && m > max
    {
        reasons.push(Reason::new(
            Rule::Adjustment,
            format!("Amber: next-morning pain {m}/10 is above {max}/10 ({label}): hold."),
        ));
        return Outcome::Amber;
    }
    outcome
}

/// The labels of the adjustments in force on `date` that change a session of stage `si`: a
/// lift capped, an exercise swapped, the stage held, and
/// `gate_labels` (the gates tightened), each as a reason naming who made it [SYNTH].
pub(crate) fn adjusted(
    profile: &Profile,
    program: &Program,
    si: usize,
    date: NaiveDate,
    gate_labels: Vec<String>,
) -> Vec<Reason> {
    let stage = &program.stages[si];
    let mut out: Vec<Reason> = adjust::in_force(&profile.adjust, date)
        .filter(|(_, a)| match &a.kind {
            AdjustKind::MaxPct { lift, .. } => stage
                .exercises
                .iter()
                .any(|e| e.lift.as_deref() == Some(lift.as_str())),
            AdjustKind::Swap { from, .. } => stage.exercises.iter().any(|e| *e.id == **from),
            AdjustKind::HoldStage { stage: s } => *s == *stage.id || s == stage.kind.as_str(),
            AdjustKind::Gate { .. } => false,
        })
        .map(|(n, a)| Reason::new(Rule::Adjustment, a.label(n)))
        .collect();
    out.extend(
        gate_labels
            .into_iter()
            .map(|l| Reason::new(Rule::Adjustment, l)),
    );
    out
}

/// `gates` tightened by the gate adjustments in force on `date` (never loosened: each value is
/// the smaller of the two; green never above amber), and the labels of those that apply.
pub fn tightened(all: &[Adjustment], date: NaiveDate, gates: &Gates) -> (Gates, Vec<String>) {
    let mut g = gates.clone();
    let mut labels = vec![];
    for (n, a) in adjust::in_force(all, date) {
        let AdjustKind::Gate { gate, value } = a.kind else {
            continue;
        };
        match gate {
            GateName::GreenMax => g.green_max = g.green_max.min(Pain::of(value.min(10))),
            GateName::AmberMax => g.amber_max = g.amber_max.min(Pain::of(value.min(10))),
            GateName::MorningRise => g.morning_rise_red = g.morning_rise_red.min(value.max(1)),
            GateName::NextMorningMax => {}
        }
        labels.push(a.label(n));
    }
    g.green_max = g.green_max.min(g.amber_max);
    (g, labels)
}

/// The strictest next-morning limit in force on `date`, if any, with its label.
fn next_morning_max(all: &[Adjustment], date: NaiveDate) -> Option<(Pain, String)> {
    adjust::in_force(all, date)
        .filter_map(|(n, a)| match a.kind {
            AdjustKind::Gate {
                gate: GateName::NextMorningMax,
                value,
            } => Some((Pain::of(value.min(10)), a.label(n))),
            _ => None,
        })
        .min_by_key(|(p, _)| *p)
}
