//! A red session (`rules/red.rs`) [SYNTH][TRAFFIC]: one dose step back, to the previous stage's
//! last step from a stage's first (its words naming no load a stage without one cannot lift),
//! or, the second red within 7 days, a stop: see a clinician soon.

use crate::engine::{Decision, State};
use crate::model::Triage;
use rstest::rstest;

use super::{d, profile, program, session};

/// `step` of a stage: its last step.
const LAST: usize = usize::MAX;

/// A red session at `from` (stage, step; [`LAST`] for the stage's last step) steps back to
/// `to`, and its words name no barbell load (none of these steps has one).
#[rstest]
#[case::synth_red_session_regresses_one_step((1, 1), (1, 0))]
#[case::synth_red_at_a_stage_first_step_goes_one_stage_back((1, 0), (0, LAST))]
// v3: "next time 95 lb" sent the person to a stage without a squat.
#[case::synth_a_red_at_load_tolerances_first_step_names_no_load_for_a_stage_without_a_squat(
    (3, 0),
    (2, LAST)
)]
fn synth_a_red_session_steps_back_one_step(
    #[case] from: (usize, usize),
    #[case] to: (usize, usize),
) {
    let p = program();
    let mut s = State::new(&profile());
    (s.stage, s.step) = from;
    s.stage_start = d("2026-12-21");
    s.last_session = Some(d("2026-12-21"));
    let j = s.apply(&p, &profile(), &session("2026-12-23", 7, 7, Some(2)));
    assert_eq!(j.decision, Decision::Regress, "{:?}", j.reasons);
    let last = p.stages[to.0].steps() - 1;
    assert_eq!((s.stage, s.step), (to.0, to.1.min(last)));
    let words: String = j.reasons.iter().map(|r| r.text.to_string()).collect();
    assert!(!words.contains(" lb"), "{words}");
}

/// Sessions `(date, pain during and after, next morning)` from the first step: their
/// decisions, and the stop's triage (`None`: not stopped).
#[rstest]
#[case::synth_two_reds_within_seven_days_stop_the_program(
    &[("2026-11-25", 6, 2), ("2026-11-30", 7, 2)],
    &[Decision::Regress, Decision::Stop],
    Some(Triage::Soon)
)]
#[case::synth_two_reds_a_week_apart_to_the_day_stop(
    &[("2026-11-25", 6, 2), ("2026-11-28", 1, 1), ("2026-12-02", 7, 2)],
    &[Decision::Regress, Decision::Hold, Decision::Stop],
    Some(Triage::Soon)
)]
#[case::synth_two_reds_eight_days_apart_do_not_stop(
    &[("2026-11-25", 6, 2), ("2026-11-28", 1, 1), ("2026-12-03", 7, 2)],
    &[Decision::Regress, Decision::Hold, Decision::Regress],
    None
)]
fn synth_two_reds_within_seven_days_stop_the_program(
    #[case] rows: &[(&str, u8, u8)],
    #[case] want: &[Decision],
    #[case] stopped: Option<Triage>,
) {
    let p = program();
    let mut s = State::new(&profile());
    let got: Vec<Decision> = rows
        .iter()
        .map(|&(day, pain, morning)| {
            s.apply(&p, &profile(), &session(day, pain, pain, Some(morning)))
                .decision
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(s.stopped.as_ref().map(|x| x.triage), stopped);
}
