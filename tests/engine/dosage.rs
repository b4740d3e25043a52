//! Loads: rounding to loadable weights, 1RM estimates, caps; which days a stage uses.

use chrono::Weekday::{self, Fri, Mon, Sat, Sun, Thu, Tue, Wed};
use std::collections::BTreeMap;

use graded::engine::dosage::{Dosing, LoadTable, round_down, session_exercises, step_loads};
use graded::engine::schedule::pattern;
use graded::model::{Lift, Profile, Program, Units};
use rstest::rstest;

use super::{profile, program};

#[rstest]
#[case::lb_rounds_down_to_5(117.5, Units::Lb, Some(115.0))]
#[case::lb_exact_stays(135.0, Units::Lb, Some(135.0))]
#[case::lb_below_the_45_bar_is_no_barbell_load(30.0, Units::Lb, None)]
#[case::kg_rounds_down_to_2_5(61.9, Units::Kg, Some(60.0))]
#[case::kg_below_the_20_bar_is_no_barbell_load(12.0, Units::Kg, None)]
fn loads_round_down_to_what_a_gym_can_load(
    #[case] raw: f64,
    #[case] units: Units,
    #[case] want: Option<f64>,
) {
    assert_eq!(round_down(raw, units), want);
}

#[rstest]
#[case::a_single_is_the_1rm(235.0, 1, 235.0)]
#[case::epley_five_reps(205.0, 5, 205.0 * (1.0 + 5.0 / 30.0))]
fn one_rep_max_is_estimated_from_weight_and_reps(
    #[case] w: f64,
    #[case] reps: u32,
    #[case] want: f64,
) {
    assert!(
        (Lift {
            name: "squat".into(),
            weight: w,
            reps
        }
        .one_rep_max()
            - want)
            .abs()
            < 1e-9
    );
}

#[test]
fn bbm_rpe_squat_comes_back_from_at_most_half_the_1rm_to_about_eighty_percent() {
    let p = program();
    let prof = profile();
    let load = p
        .stages
        .iter()
        .position(|s| s.kind == graded::model::StageKind::Load)
        .expect("load stage");
    let squat = p.stages[load]
        .exercises
        .iter()
        .position(|e| e.lift.as_deref() == Some("squat"))
        .expect("squat");
    let loads: Vec<f64> = step_loads(&p, load, squat, &prof)
        .into_iter()
        .map(|l| l.expect("loaded"))
        .collect();
    assert!(loads[0] <= 235.0 * 0.5, "{loads:?}");
    let top = *loads.last().expect("steps");
    // Sets of 5 stay at or below about 80% of the 1RM [RPE].
    assert!((235.0 * 0.7..=235.0 * 0.8).contains(&top), "{loads:?}");
    for w in loads.windows(2) {
        assert!(
            w[1] <= w[0] * 1.10 + 1e-9,
            "a step rises by at most 10% [GABBETT]: {loads:?}"
        );
    }
}

/// The first session of stage `stage` at `step`, with no ceilings.
fn exercises(
    p: &Program,
    prof: &Profile,
    stage: usize,
    step: usize,
    deload: bool,
) -> Vec<graded::model::PlannedExercise> {
    let none = BTreeMap::new();
    let table = LoadTable::new(p, prof);
    session_exercises(
        p,
        prof,
        &Dosing {
            stage,
            step,
            deload,
            lower: false,
            session: 1,
            ceilings: &none,
            raised: &none,
            table: &table,
            date: prof.start,
        },
    )
}

#[test]
fn deload_a_lighter_week_cuts_sets_by_about_forty_percent() {
    let p = program();
    let prof = profile();
    let normal = exercises(&p, &prof, 3, 0, false);
    let light = exercises(&p, &prof, 3, 0, true);
    let squat = |v: &[graded::model::PlannedExercise]| {
        v.iter()
            .find(|e| &*e.id == "back-squat")
            .and_then(|e| e.sets)
            .expect("sets")
    };
    assert_eq!((squat(&normal), squat(&light)), (3, 2));
}

#[test]
fn optional_exercises_without_the_lift_are_left_out() {
    let p = program();
    let ex = exercises(&p, &profile(), 3, 0, false);
    assert!(
        ex.iter().all(|e| &*e.id != "rdl"),
        "the example has no deadlift"
    );
    let mut prof = profile();
    prof.lifts.push(Lift {
        name: "deadlift".into(),
        weight: 300.0,
        reps: 1,
    });
    assert!(
        exercises(&p, &prof, 3, 0, false)
            .iter()
            .any(|e| &*e.id == "rdl")
    );
}

#[rstest]
#[case::acsm_hard_three_of_four_never_consecutive(vec![Mon, Wed, Fri, Sat], 3, true, vec![Mon, Wed, Fri])]
#[case::light_stages_use_every_day_offered(vec![Mon, Wed, Fri, Sat], 5, false, vec![Mon, Wed, Fri, Sat])]
#[case::acsm_hard_on_consecutive_days_spreads_out(vec![Mon, Tue, Wed, Thu], 3, true, vec![Mon, Thu])]
#[case::acsm_sunday_to_monday_counts_as_consecutive(vec![Mon, Sun], 2, true, vec![Mon])]
#[case::two_of_three_spread_as_evenly_as_possible(vec![Tue, Thu, Sat], 2, false, vec![Tue, Sat])]
fn stages_spread_their_sessions_over_the_persons_days(
    #[case] days: Vec<Weekday>,
    #[case] per_week: u8,
    #[case] hard: bool,
    #[case] want: Vec<Weekday>,
) {
    assert_eq!(pattern(&days, per_week, hard), want);
}
