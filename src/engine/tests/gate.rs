//! The session gate (`engine/gate.rs`) [TRAFFIC][PMM][24H][MCID]: pain during and after a
//! session and the next morning against the usual morning pain give green, amber or red; the
//! limits are absolute as well as relative, the baseline is rounded half up before a morning
//! is compared with it, and soreness never gates.

use crate::engine::gate::judge;
use crate::engine::{Outcome, State, build_plan};
use crate::model::{Gates, Pain, SessionLog, SessionStatus};
use chrono::Duration;
use rstest::rstest;

use super::{d, profile, program, session, with_status};

#[rstest]
#[case::traffic_pmm_green_pain_3_morning_at_baseline(3, 3, Some(2), 2.0, Outcome::Green)]
#[case::traffic_pmm_green_no_pain_morning_below_baseline(0, 0, Some(0), 2.0, Outcome::Green)]
#[case::pmm_traffic_amber_pain_4_settled(4, 2, Some(2), 2.0, Outcome::Amber)]
#[case::pmm_traffic_amber_pain_5_after_settled(1, 5, Some(1), 2.0, Outcome::Amber)]
#[case::pmm_amber_green_pain_but_morning_above_baseline(2, 2, Some(3), 2.0, Outcome::Amber)]
#[case::traffic_red_pain_6_during(6, 2, Some(0), 2.0, Outcome::Red)]
#[case::traffic_red_pain_9_after_even_without_morning(2, 9, None, 2.0, Outcome::Red)]
#[case::mcid_red_morning_two_above_baseline(1, 1, Some(4), 2.0, Outcome::Red)]
#[case::mcid_red_morning_two_above_fractional_baseline(1, 1, Some(3), 1.0, Outcome::Red)]
#[case::pmm_24h_amber_pain_one_above_baseline_is_not_quite_settled(
    5,
    4,
    Some(3),
    2.0,
    Outcome::Amber
)]
#[case::pmm_24h_pending_without_next_morning(2, 2, None, 2.0, Outcome::Pending)]
// v3: the baseline is rounded half up before a morning is compared with it [MCID][SYNTH].
#[case::synth_morning_1_against_baseline_0_7_is_settled(1, 1, Some(1), 0.7, Outcome::Green)]
#[case::synth_amber_pain_morning_1_against_0_67_is_amber_not_red(
    4,
    4,
    Some(1),
    0.67,
    Outcome::Amber
)]
#[case::synth_amber_pain_morning_2_against_1_is_amber_not_red(4, 4, Some(2), 1.0, Outcome::Amber)]
#[case::mcid_morning_3_against_rounded_1_is_red(1, 1, Some(3), 0.7, Outcome::Red)]
#[case::synth_baseline_1_5_rounds_up_so_morning_2_is_settled(2, 2, Some(2), 1.5, Outcome::Green)]
#[case::synth_baseline_1_4_rounds_down_so_morning_2_is_amber(2, 2, Some(2), 1.4, Outcome::Amber)]
#[case::traffic_morning_above_green_is_amber_even_at_baseline(2, 2, Some(4), 4.0, Outcome::Amber)]
#[case::traffic_pmm_morning_6_is_red_whatever_the_baseline(2, 2, Some(6), 6.0, Outcome::Red)]
// The next-morning limits are absolute as well as relative [TRAFFIC][PMM].
#[case::traffic_pmm_morning_8_is_red_even_at_a_baseline_of_8(1, 1, Some(8), 8.0, Outcome::Red)]
#[case::traffic_pmm_morning_6_is_red_even_below_a_baseline_of_7(0, 0, Some(6), 7.0, Outcome::Red)]
#[case::traffic_pmm_morning_5_at_a_baseline_of_6_is_amber_not_green(
    1,
    1,
    Some(5),
    6.0,
    Outcome::Amber
)]
#[case::traffic_pmm_morning_3_at_a_baseline_of_3_is_green(2, 2, Some(3), 3.0, Outcome::Green)]
#[case::traffic_pmm_amber_session_settled_to_5_stays_amber(4, 4, Some(5), 5.0, Outcome::Amber)]
fn session_gate(
    #[case] during: u8,
    #[case] after: u8,
    #[case] morning: Option<u8>,
    #[case] baseline: f64,
    #[case] want: Outcome,
) {
    let e = session("2026-11-25", during, after, morning);
    let (got, reason) = judge(&e, &Gates::default(), baseline);
    assert_eq!(got, want, "{reason}");
    assert!(
        reason.source().starts_with('['),
        "every reason names its source: {reason}"
    );
}

/// A session's status caps what its pain can say: a partial session is at best amber, a
/// skipped one is not judged [SYNTH].
#[rstest]
#[case::synth_partial_green_session_is_only_amber(SessionStatus::Partial, 1, Outcome::Amber)]
#[case::synth_skipped_session_is_judged_none(SessionStatus::Skipped, 0, Outcome::None)]
fn synth_a_sessions_status_caps_its_outcome(
    #[case] status: SessionStatus,
    #[case] pain: u8,
    #[case] want: Outcome,
) {
    let e = with_status(session("2026-11-25", pain, pain, Some(pain)), status);
    assert_eq!(judge(&e, &Gates::default(), 2.0).0, want);
}

#[test]
fn synth_baseline_is_intake_pain_then_mean_of_last_three_mornings() {
    let p = program();
    let mut s = State::new(&profile());
    assert_eq!(s.baseline(), 2.0);
    s.apply(&p, &profile(), &session("2026-11-25", 1, 1, Some(1)));
    s.apply(&p, &profile(), &session("2026-11-27", 1, 1, Some(0)));
    assert_eq!(s.baseline(), 2.0, "intake until three mornings");
    s.apply(&p, &profile(), &session("2026-11-28", 1, 1, Some(2)));
    assert_eq!(s.baseline(), 1.0);
    s.apply(&p, &profile(), &session("2026-11-30", 1, 1, Some(0)));
    assert!((s.baseline() - 2.0 / 3.0).abs() < 1e-9);
}

// Soreness (DOMS) is recorded apart and never gates [SYNTH] ---------------------------------

/// Six weeks of sessions every other day, mostly green with an amber and a red among them:
/// the same log with a soreness of 9 on every morning is judged exactly as without it, row by
/// row (outcome, decision, reasons, stage, step, baseline), and plans the same sessions.
#[test]
fn synth_a_soreness_of_9_changes_no_decision() {
    let mut plain = SessionLog::default();
    let start = d("2026-11-24");
    for i in 0..21 {
        let (during, morning) = match i {
            7 => (4, 1),
            12 => (6, 3),
            _ => (1, 1),
        };
        let mut e = session(
            &(start + Duration::days(2 * i)).to_string(),
            during,
            1,
            Some(morning),
        );
        e.rpe = Some(3);
        plain.entries.push(e);
    }
    let mut sore = plain.clone();
    for e in &mut sore.entries {
        e.soreness = Some(Pain::of(9));
    }
    let today = d("2027-01-10");
    let (plan_plain, r_plain) = build_plan(&program(), &profile(), &plain, today, None);
    let (plan_sore, r_sore) = build_plan(&program(), &profile(), &sore, today, None);
    assert_eq!(r_plain.judged.len(), r_sore.judged.len());
    let decisions = |r: &crate::engine::Replay| -> Vec<_> {
        r.judged
            .iter()
            .map(|j| {
                (
                    j.entry.date,
                    j.stage,
                    j.step,
                    j.outcome,
                    j.decision,
                    j.reasons.clone(),
                    j.baseline,
                )
            })
            .collect()
    };
    assert_eq!(decisions(&r_plain), decisions(&r_sore));
    // The log held every kind of decision, so the comparison could have failed.
    let kinds: std::collections::BTreeSet<&str> =
        r_plain.judged.iter().map(|j| j.decision.as_str()).collect();
    assert!(
        kinds.contains("advance") && kinds.contains("hold") && kinds.contains("regress"),
        "{kinds:?}"
    );
    assert_eq!(plan_plain.sessions, plan_sore.sessions);
    assert_eq!(plan_plain.completion, plan_sore.completion);
}
