//! Advancing (`rules/advance.rs`) [2FOR2][GABBETT][DELOAD][SYNTH]: a green session steps the dose
//! up after enough greens in a row (a second session on a day counts once, an amber breaks the
//! streak, a pending morning does not count), a load rises at most once in 7 days and within the
//! weekly cap, a lighter week never raises the load, and a stage ends when its last step is
//! green, its minimum days are done and the morning allows.

use crate::engine::Rule;
use crate::engine::{Decision, State, build_plan};
use crate::model::{Plan, Profile, SessionLog};
use chrono::Duration;
use rstest::rstest;

use super::{at_the_estimate, built_in, d, loading, profile, program, session, squat_load};

/// `step` of a stage: its last step.
const LAST: usize = usize::MAX;

/// From `(stage, step, the stage's first day, the last load rise)` ([`LAST`] for the stage's
/// last step), sessions `(date, pain during and after, next morning)`: their decisions, where
/// they end (stage, step) and the rules they said.
#[rstest]
#[case::two_for_two_two_greens_in_a_row_move_the_dose_one_step(
    (1, 0, "2026-11-24", None),
    &[("2026-11-25", 1, Some(1)), ("2026-11-27", 1, Some(1))],
    &[Decision::Hold, Decision::Advance],
    (1, 1),
    &[Rule::TwoForTwo]
)]
#[case::pmm_amber_holds_the_dose_and_breaks_the_green_streak(
    (0, 0, "2026-11-24", None),
    &[("2026-11-25", 1, Some(1)), ("2026-11-27", 4, Some(1)), ("2026-11-28", 1, Some(1))],
    &[Decision::Hold, Decision::Hold, Decision::Hold],
    (0, 0),
    &[Rule::TwoForTwo]
)]
#[case::pmm_pending_next_morning_holds_without_counting(
    (0, 0, "2026-11-24", None),
    &[("2026-11-25", 1, None), ("2026-11-27", 1, Some(1))],
    &[Decision::Hold, Decision::Hold],
    (0, 0),
    &[]
)]
#[case::h24_two_sessions_on_one_day_count_once_toward_progression(
    (1, 0, "2026-11-24", None),
    &[("2026-11-25", 0, Some(0)), ("2026-11-25", 0, Some(0)), ("2026-11-27", 0, Some(0))],
    &[Decision::Hold, Decision::Hold, Decision::Advance],
    (1, 1),
    &[Rule::OneDayOneCount]
)]
#[case::gabbett_load_rises_at_most_once_in_seven_days(
    (3, 0, "2026-12-28", Some("2026-12-28")),
    &[("2026-12-30", 0, Some(0)), ("2027-01-01", 0, Some(0)), ("2027-01-04", 0, Some(0))],
    &[Decision::Hold, Decision::Hold, Decision::Advance],
    (3, 1),
    &[Rule::WeeklyLoadCap]
)]
// Strength: 3 steps, at least 14 days.
#[case::synth_a_stage_ends_only_after_its_minimum_days(
    (2, 2, "2026-12-14", None),
    &[
        ("2026-12-16", 1, Some(1)),
        ("2026-12-18", 1, Some(1)),
        ("2026-12-21", 1, Some(1)),
        ("2026-12-28", 1, Some(1)),
    ],
    &[Decision::Hold, Decision::Hold, Decision::Hold, Decision::Advance],
    (3, 0),
    &[Rule::MinimumDays, Rule::StageComplete]
)]
#[case::recovered_leaving_load_tolerance_needs_morning_pain_zero(
    (3, LAST, "2026-12-28", Some("2027-01-20")),
    &[("2027-02-01", 1, Some(1)), ("2027-02-03", 1, Some(1)), ("2027-02-05", 0, Some(0))],
    &[Decision::Hold, Decision::Hold, Decision::Advance],
    (4, 0),
    &[Rule::MorningPainToLeave, Rule::StageComplete]
)]
fn two_for_two_gabbett_synth_greens_step_the_dose_up(
    #[case] from: (usize, usize, &str, Option<&str>),
    #[case] rows: &[(&str, u8, Option<u8>)],
    #[case] want: &[Decision],
    #[case] at: (usize, usize),
    #[case] said: &[Rule],
) {
    let p = program();
    let mut s = State::new(&profile());
    let (stage, step, start, rise) = from;
    s.stage = stage;
    s.step = step.min(p.stages[stage].steps() - 1);
    s.stage_start = d(start);
    s.last_increase = rise.map(d);
    let judged: Vec<_> = rows
        .iter()
        .map(|&(day, pain, morning)| s.apply(&p, &profile(), &session(day, pain, pain, morning)))
        .collect();
    let got: Vec<Decision> = judged.iter().map(|j| j.decision).collect();
    assert_eq!(got, want, "{judged:#?}");
    assert_eq!((s.stage, s.step), at);
    for rule in said {
        assert!(
            judged
                .iter()
                .any(|j| j.reasons.iter().any(|r| r.rule == *rule)),
            "{rule:?} not said: {judged:#?}"
        );
    }
}

/// Why the last of `rows` decided what it did, in one reason (`Judged::why`, what a moved
/// finish says): the stage's move, else the reason the decision followed, never a later
/// reason that only came along (an adjustment in force, an estimate).
#[rstest]
#[case::two_for_two_a_green_short_of_its_streak_holds_for_the_streak(
    (1, 0, "2026-11-24", None),
    &[("2026-11-25", 1, Some(1))],
    Rule::TwoForTwo
)]
#[case::pmm_traffic_an_amber_holds_for_the_gate(
    (1, 0, "2026-11-24", None),
    &[("2026-11-25", 4, Some(1))],
    Rule::AmberSession
)]
#[case::pmm_24h_a_pending_morning_holds_for_the_check(
    (1, 0, "2026-11-24", None),
    &[("2026-11-25", 1, None)],
    Rule::NextMorningCheck
)]
#[case::h24_a_second_session_on_a_day_holds_for_one_count(
    (1, 0, "2026-11-24", None),
    &[("2026-11-25", 0, Some(0)), ("2026-11-25", 0, Some(0))],
    Rule::OneDayOneCount
)]
#[case::gabbett_a_green_within_a_week_of_a_rise_holds_for_the_cap(
    (3, 0, "2026-12-28", Some("2026-12-28")),
    &[("2026-12-30", 0, Some(0)), ("2027-01-01", 0, Some(0))],
    Rule::WeeklyLoadCap
)]
#[case::synth_a_green_before_the_minimum_days_holds_for_them(
    (2, 2, "2026-12-14", None),
    &[("2026-12-16", 1, Some(1)), ("2026-12-18", 1, Some(1))],
    Rule::MinimumDays
)]
#[case::synth_a_stage_complete_is_the_move(
    (2, 2, "2026-12-14", None),
    &[("2026-12-28", 1, Some(1)), ("2026-12-30", 1, Some(1))],
    Rule::StageComplete
)]
fn synth_a_decision_says_the_reason_it_followed(
    #[case] from: (usize, usize, &str, Option<&str>),
    #[case] rows: &[(&str, u8, Option<u8>)],
    #[case] because: Rule,
) {
    let p = program();
    let mut s = State::new(&profile());
    let (stage, step, start, rise) = from;
    s.stage = stage;
    s.step = step;
    s.stage_start = d(start);
    s.last_increase = rise.map(d);
    let last = rows
        .iter()
        .map(|&(day, pain, morning)| s.apply(&p, &profile(), &session(day, pain, pain, morning)))
        .last()
        .expect("a row");
    assert_eq!(last.why().map(|r| r.rule), Some(because), "{last:#?}");
}

/// A skipped session holds for the skip, a retired symptom recorded with it notwithstanding
/// (its note comes first among the reasons).
#[test]
fn synth_a_skipped_session_says_it_holds_for_the_skip() {
    let p = program();
    let mut s = State::new(&profile());
    let mut e = super::with_status(
        session("2026-11-25", 0, 0, None),
        crate::model::SessionStatus::Skipped,
    );
    e.symptoms = vec![super::sym("cough-sneeze")];
    let j = s.apply(&p, &profile(), &e);
    assert_eq!(
        j.reasons.first().map(|r| r.rule),
        Some(Rule::RecordedSymptom)
    );
    assert_eq!(j.why().map(|r| r.rule), Some(Rule::Skipped), "{j:#?}");
}

#[test]
fn deload_gabbett_a_lighter_fourth_week_cuts_sets_and_may_still_step_up() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 3;
    s.stage_start = d("2026-12-28");
    s.stage_first = Some(d("2026-12-28"));
    s.last_increase = Some(d("2027-01-11"));
    s.greens = 1;
    // 2027-01-18 starts week 4 of the stage: 60% of the sets, so the week's load falls even
    // when the bar rises by up to 10% [DELOAD][GABBETT].
    assert!(s.deload(&p, d("2027-01-18")));
    let sets = |s: &State| {
        s.exercises(&p, &profile(), d("2027-01-20"))
            .iter()
            .find(|e| &*e.id == "back-squat")
            .and_then(|e| e.sets)
    };
    assert_eq!(sets(&s), Some(2));
    let j = s.apply(&p, &profile(), &session("2027-01-20", 0, 0, Some(0)));
    assert_eq!(j.decision, Decision::Advance);
}

#[test]
fn gabbett_a_lowered_load_climbs_back_within_the_weekly_cap() {
    let p = program();
    let mut s = loading();
    let mut e = session("2026-12-30", 1, 1, Some(0));
    e.lift_rpe = vec![("squat".into(), 8.0)];
    s.apply(&p, &profile(), &e);
    assert_eq!(squat_load(&s, "2027-01-01"), 105.0);
    for day in ["2027-01-01", "2027-01-04"] {
        s.apply(&p, &profile(), &session(day, 0, 0, Some(0)));
    }
    // Up a step after two greens and 7 days: 105 + 10% = 115, below the step's own 125.
    assert_eq!(s.step, 1);
    assert_eq!(squat_load(&s, "2027-01-06"), 115.0);
}

/// v3: a red at a stage's first step goes to the previous stage's last step, and the days
/// already served there count toward its minimum (19 strength days done: no new 14) [SYNTH].
#[test]
fn synth_days_served_in_a_stage_count_when_it_is_entered_again() {
    let p = program();
    let prof = profile();
    let mut s = State::new(&prof);
    s.stage = 2;
    s.step = p.stages[2].steps() - 1;
    s.stage_start = d("2026-12-01");
    s.enter_stage(&p, 3, 0, d("2026-12-20"));
    let red = s.apply(&p, &prof, &session("2026-12-21", 7, 7, Some(0)));
    assert_eq!(red.decision, Decision::Regress);
    assert_eq!((s.stage, s.step), (2, p.stages[2].steps() - 1));
    assert_eq!(
        s.stage_start,
        d("2026-12-02"),
        "19 days served, counted again"
    );
    let mut last = None;
    for day in ["2026-12-28", "2026-12-30"] {
        last = Some(s.apply(&p, &prof, &session(day, 0, 0, Some(0))));
    }
    let last = last.expect("judged");
    assert_eq!(
        last.decision,
        Decision::Advance,
        "no new 14-day minimum: {:?}",
        last.reasons
    );
    assert_eq!(s.stage, 3);
}

/// The step from the heaviest singles to the estimate set raises no load (the set is no heavier
/// than those singles): it does not wait 7 days from the singles' rise, and the two greens at
/// those singles count for it, so one green set of 3 with its RPE completes [2FOR2][GABBETT][SYNTH].
#[test]
fn gabbett_2for2_the_step_to_the_estimate_set_raises_no_load_and_keeps_its_greens() {
    let p = program();
    let mut s = at_the_estimate();
    s.step = p.stages[4].steps() - 2;
    s.last_increase = Some(d("2027-02-05"));
    assert_eq!(squat_load(&s, "2027-02-08"), 200.0);
    for day in ["2027-02-08", "2027-02-10"] {
        s.apply(&p, &profile(), &session(day, 0, 0, Some(0)));
    }
    // 5 days after the singles rose: on to the set of 3 at the same load.
    assert_eq!(s.step, p.stages[4].steps() - 1);
    assert_eq!(s.last_increase, Some(d("2027-02-05")));
    assert_eq!(squat_load(&s, "2027-02-12"), 200.0);
    let mut e = session("2027-02-12", 0, 0, Some(0));
    e.lift_rpe = vec![("squat".into(), 8.0)];
    let j = s.apply(&p, &profile(), &e);
    assert!(s.completed, "{:?}", j.reasons);
}

// The return stage climbs; a lighter week never raises the load [RPE][DELOAD] ---------------

/// Each built-in program planned all green for a person with a squat, a deadlift and a bench.
fn all_green(id: &str) -> (Plan, Profile) {
    let p = built_in(id);
    let mut prof: Profile = profile();
    prof.program = id.into();
    for (name, weight) in [("deadlift", 315.0), ("bench", 185.0)] {
        prof.lifts.push(crate::model::Lift {
            name: name.into(),
            weight,
            reps: 1,
        });
    }
    let plan = build_plan(&p, &prof, &SessionLog::default(), d("2026-11-24"), None).0;
    (plan, prof)
}

/// A lighter week keeps or lowers every load: no loaded exercise of a deload week is heavier
/// than the heaviest of the same exercise in the calendar week before [DELOAD].
#[rstest]
#[case::mid_back("mid-back-strain")]
#[case::low_back("low-back-strain")]
#[case::layoff("return-after-layoff")]
fn deload_a_lighter_week_never_raises_the_load(#[case] id: &str) {
    let (plan, _) = all_green(id);
    let mut lighter = 0;
    for s in plan.sessions.iter().filter(|s| s.deload) {
        let week = crate::model::plan::week_start(s.date);
        for e in s.exercises.iter().filter(|e| e.load.is_some()) {
            let before = plan
                .sessions
                .iter()
                .filter(|b| crate::model::plan::week_start(b.date) == week - Duration::days(7))
                .flat_map(|b| &b.exercises)
                .filter(|b| b.id == e.id)
                .filter_map(|b| b.load)
                .fold(None, |m: Option<f64>, l| Some(m.map_or(l, |m| m.max(l))));
            if let Some(before) = before {
                lighter += 1;
                assert!(
                    e.load.is_some_and(|l| l <= before),
                    "{id} {}: {} {:?} in a lighter week after {before} the week before",
                    s.date,
                    e.id,
                    e.load
                );
            }
        }
    }
    assert!(lighter > 0, "{id}: no lighter week with loads");
}

/// The return stage climbs the way a careful coach would: heavy singles that rise (toward 90% of
/// the 1RM as far as the weekly cap allows), and no set of 3 or more heavier than the heaviest
/// single before the program is complete [RPE][BBM][GABBETT].
#[rstest]
#[case::mid_back("mid-back-strain")]
#[case::low_back("low-back-strain")]
#[case::layoff("return-after-layoff")]
fn rpe_the_return_stages_singles_climb_and_no_triple_is_heavier(#[case] id: &str) {
    let (plan, prof) = all_green(id);
    let program = built_in(id);
    let last = program.stages.len();
    let ret: Vec<_> = plan.sessions.iter().filter(|s| s.stage == last).collect();
    assert!(!ret.is_empty(), "{id}: no return-stage session");
    for lift in ["squat", "deadlift", "bench"] {
        let sets: Vec<(f64, u32)> = ret
            .iter()
            .flat_map(|s| &s.exercises)
            .filter(|e| e.lift.as_deref() == Some(lift))
            .filter_map(|e| {
                let reps = e.reps.as_deref().and_then(crate::model::rpe::most_reps)?;
                Some((e.load?, reps))
            })
            .collect();
        if sets.is_empty() {
            continue;
        }
        let orm = prof.lift(lift).expect("lift").one_rep_max();
        let singles: Vec<f64> = sets.iter().filter(|s| s.1 == 1).map(|s| s.0).collect();
        assert!(
            singles.windows(2).all(|w| w[0] <= w[1]),
            "{id} {lift}: {singles:?}"
        );
        let top = singles.iter().copied().fold(0.0, f64::max);
        assert!(
            top > singles[0] && top >= 0.75 * orm,
            "{id} {lift}: singles {singles:?} of a {orm} 1RM"
        );
        // The estimate set as planned (before any rise after an estimate that falls short).
        let (first_set, reps) = sets.iter().find(|s| s.1 >= 3).expect("an estimate set");
        assert!(
            *first_set <= top,
            "{id} {lift}: {reps} reps at {first_set} above the heaviest single {top}"
        );
    }
}
