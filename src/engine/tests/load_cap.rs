//! The weekly load cap's last guard (`rules/load_cap.rs`) [GABBETT]: no lift is planned more
//! than the stage's weekly cap (10% unless the stage names one) above the lightest load of it
//! planned or lifted in the 7 days before (a week ago to yesterday), rounded down to the plate step; skipped and missed
//! sessions are not looked back at, and a session without lifts is left alone.

use crate::engine::rules::load_cap::{
    DEFAULT_WEEKLY_LOAD_CAP_PCT, weekly_cap_pct, within_the_weekly_cap,
};
use crate::model::{
    Gates, Lift, Pain, PlannedExercise, PlannedSession, Profile, SlotStatus, Units,
};
use chrono::NaiveTime;
use rstest::rstest;

use super::{d, program};

use SlotStatus::{Done, Missed, Planned, Skipped};

/// The day of the session the guard looks back from (a Monday).
const TODAY: &str = "2027-01-11";

/// An exercise `id` at `load`, scaling from a lift of the same name (`lifted`) or from none.
fn exercise(id: &str, lifted: bool, load: f64) -> PlannedExercise {
    PlannedExercise {
        id: id.into(),
        name: id.into(),
        sets: Some(3),
        reps: Some("5".into()),
        hold_s: None,
        duration_min: None,
        load: Some(load),
        // A share the guard must correct when it brings the load down.
        pct_1rm: Some(60.0),
        rpe_cap: Some(6),
        lift: lifted.then(|| id.into()),
        estimate_1rm: false,
        weekly_ceiling: None,
    }
}

/// The example profile in `units`, with a back squat and a deadlift of 1RM 200 and 300.
fn lifter(units: Units) -> Profile {
    let lift = |name: &str, weight: f64| Lift {
        name: name.into(),
        weight,
        reps: 1,
    };
    Profile {
        units,
        lifts: vec![lift("back-squat", 200.0), lift("deadlift", 300.0)],
        ..super::profile()
    }
}

/// A walk: no lift, no load.
fn walk() -> PlannedExercise {
    PlannedExercise {
        sets: None,
        reps: None,
        duration_min: Some(20),
        load: None,
        rpe_cap: None,
        lift: None,
        ..exercise("walk", false, 0.0)
    }
}

/// A session slot on `date`: a walk, then `exercises`.
fn slot(date: &str, status: SlotStatus, exercises: Vec<PlannedExercise>) -> PlannedSession {
    PlannedSession {
        date: d(date),
        time: NaiveTime::from_hms_opt(7, 0, 0).expect("a time"),
        week: 1,
        stage: 4,
        stage_id: "load".into(),
        stage_name: "Load tolerance".into(),
        step: 1,
        session: 1,
        deload: false,
        status,
        outcome: None,
        logged: None,
        exercises: std::iter::once(walk()).chain(exercises).collect(),
        stop_above: Pain::of(5),
        gates: Gates::default(),
        notes: "".into(),
        adjusted: vec![],
        moved_from: None,
    }
}

/// The sessions before [`TODAY`] (`date, status, exercise id, load`, oldest first, each a lift)
/// and a back squat planned at `planned` today (`lifted`: scaling from the squat, else from no
/// lift), under a weekly cap of `cap`%: the back squat's load after the guard, and the
/// ceiling it records (none with no load of it in the 7 days before).
#[rstest]
#[case::gabbett_20_percent_above_the_lightest_load_comes_down_to_the_cap(
    &[("2027-01-06", Done, "back-squat", 100.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    110.0,
    Some(110.0)
)]
#[case::gabbett_the_cap_rounds_down_to_the_5_lb_plate_step(
    &[("2027-01-06", Done, "back-squat", 115.0)],
    true,
    135.0,
    10.0,
    Units::Lb,
    125.0,
    Some(125.0)
)]
#[case::gabbett_the_cap_rounds_down_to_the_2_5_kg_plate_step(
    &[("2027-01-06", Done, "back-squat", 52.5)],
    true,
    65.0,
    10.0,
    Units::Kg,
    57.5,
    Some(57.5)
)]
#[case::gabbett_a_stage_cap_of_5_percent(
    &[("2027-01-06", Done, "back-squat", 200.0)],
    true,
    230.0,
    5.0,
    Units::Lb,
    210.0,
    Some(210.0)
)]
#[case::gabbett_the_lightest_load_of_the_7_days_is_the_base(
    &[("2027-01-05", Done, "back-squat", 100.0), ("2027-01-08", Done, "back-squat", 120.0)],
    true,
    130.0,
    10.0,
    Units::Lb,
    110.0,
    Some(110.0)
)]
#[case::gabbett_a_session_planned_ahead_counts_as_lifted(
    &[("2027-01-08", Planned, "back-squat", 100.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    110.0,
    Some(110.0)
)]
#[case::gabbett_a_skipped_session_is_not_looked_back_at(
    &[("2027-01-06", Done, "back-squat", 110.0), ("2027-01-08", Skipped, "back-squat", 80.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    Some(120.0)
)]
#[case::gabbett_a_missed_session_is_not_looked_back_at(
    &[("2027-01-06", Done, "back-squat", 110.0), ("2027-01-08", Missed, "back-squat", 80.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    Some(120.0)
)]
#[case::gabbett_a_session_6_days_before_is_looked_back_at(
    &[("2027-01-05", Done, "back-squat", 80.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    85.0,
    Some(85.0)
)]
// The same weekday a week before: a weekly lift rises at most the cap over last week's.
#[case::gabbett_a_session_7_days_before_is_looked_back_at(
    &[("2027-01-04", Done, "back-squat", 80.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    85.0,
    Some(85.0)
)]
#[case::gabbett_a_session_8_days_before_is_not_looked_back_at(
    &[("2027-01-03", Done, "back-squat", 80.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    None
)]
#[case::gabbett_only_the_sessions_of_the_7_days_before_are_looked_back_at(
    &[("2027-01-01", Done, "back-squat", 80.0), ("2027-01-06", Done, "back-squat", 110.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    Some(120.0)
)]
#[case::gabbett_a_session_without_lifts_is_left_alone(
    &[("2027-01-06", Done, "back-squat", 100.0)],
    false,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    None
)]
#[case::gabbett_a_load_at_the_cap_is_left_alone(
    &[("2027-01-06", Done, "back-squat", 100.0)],
    true,
    110.0,
    10.0,
    Units::Lb,
    110.0,
    Some(110.0)
)]
#[case::gabbett_a_load_below_the_lightest_is_never_raised(
    &[("2027-01-06", Done, "back-squat", 100.0)],
    true,
    90.0,
    10.0,
    Units::Lb,
    90.0,
    Some(110.0)
)]
#[case::gabbett_another_exercises_load_is_no_base(
    &[("2027-01-06", Done, "deadlift", 60.0)],
    true,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    None
)]
#[case::gabbett_no_session_before_leaves_the_load_alone(
    &[],
    true,
    120.0,
    10.0,
    Units::Lb,
    120.0,
    None
)]
// 30 lb and 10% is 33, which rounds down to 30, under the 45 lb bar: no loadable weight above
// the lightest, so the lightest is the most.
#[case::gabbett_under_the_bar_the_lightest_load_is_the_most(
    &[("2027-01-06", Done, "back-squat", 30.0)],
    true,
    40.0,
    10.0,
    Units::Lb,
    30.0,
    Some(30.0)
)]
fn gabbett_no_lift_rises_more_than_the_weekly_cap_above_the_7_days_before(
    #[case] earlier: &[(&str, SlotStatus, &str, f64)],
    #[case] lifted: bool,
    #[case] planned: f64,
    #[case] cap: f64,
    #[case] units: Units,
    #[case] want: f64,
    #[case] ceiling: Option<f64>,
) {
    let earlier: Vec<PlannedSession> = earlier
        .iter()
        .map(|&(date, status, id, load)| slot(date, status, vec![exercise(id, true, load)]))
        .collect();
    let mut s = slot(
        TODAY,
        Planned,
        vec![exercise("back-squat", lifted, planned)],
    );
    let before = s.clone();
    within_the_weekly_cap(&earlier, &mut s, cap, &lifter(units));
    let squat = s
        .exercises
        .iter()
        .find(|e| &*e.id == "back-squat")
        .expect("the squat");
    assert_eq!(squat.load, Some(want));
    // Nothing else changes but the ceiling recorded and, for a load brought down, its share of
    // the 1RM of 200: the walk, the squat's other fields, the session.
    let mut expected = before;
    let e = &mut expected.exercises[1];
    e.load = Some(want);
    if want < planned {
        e.pct_1rm = Some((want / 2.0).round());
    }
    e.weekly_ceiling = ceiling;
    assert_eq!(s, expected);
}

#[test]
fn gabbett_each_lift_is_capped_against_its_own_lightest_load() {
    let earlier = [
        slot(
            "2027-01-06",
            Done,
            vec![
                exercise("back-squat", true, 100.0),
                exercise("deadlift", true, 190.0),
            ],
        ),
        slot(
            "2027-01-08",
            Done,
            vec![exercise("back-squat", true, 105.0)],
        ),
    ];
    let mut s = slot(
        TODAY,
        Planned,
        vec![
            exercise("back-squat", true, 120.0),
            exercise("deadlift", true, 200.0),
        ],
    );
    within_the_weekly_cap(&earlier, &mut s, 10.0, &lifter(Units::Lb));
    let loads: Vec<_> = s
        .exercises
        .iter()
        .map(|e| (&*e.id, e.load, e.weekly_ceiling))
        .collect();
    // Squat: 100 + 10% = 110; deadlift: 190 + 10% = 209, rounded down 205, above its 200.
    assert_eq!(
        loads,
        [
            ("walk", None, None),
            ("back-squat", Some(110.0), Some(110.0)),
            ("deadlift", Some(200.0), Some(205.0))
        ]
    );
}

/// A stage's weekly cap: its own, else 10% [GABBETT].
#[rstest]
#[case::gabbett_a_stage_naming_no_cap_has_10_percent(None, DEFAULT_WEEKLY_LOAD_CAP_PCT)]
#[case::gabbett_a_stage_naming_its_cap_has_it(Some(5.0), 5.0)]
fn gabbett_a_stages_weekly_cap(#[case] named: Option<f64>, #[case] want: f64) {
    let mut stage = program().stages[0].clone();
    stage.weekly_load_cap_pct = named;
    assert_eq!(weekly_cap_pct(&stage), want);
    assert_eq!(DEFAULT_WEEKLY_LOAD_CAP_PCT, 10.0);
}
