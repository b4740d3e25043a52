//! Breaks (`rules/breaks.rs`) [SYNTH]: more than a stage's `gap_days` (7) without a session
//! steps back a step for each full week missed, and the load with it; more than 4 weeks
//! restarts the stage. The step back shows in the plan before the comeback session.

use crate::engine::{Decision, State, build_plan};
use crate::model::{SessionLog, SlotStatus};
use chrono::Duration;
use rstest::rstest;

use super::{d, profile, program, session, squat_load_of};

/// A green session `days` after the last one, at `step` of `stage`: back to `want`'s step
/// (`None`: no break, the dose stays).
#[rstest]
#[case::synth_exactly_seven_days_without_a_session_is_no_gap(1, 1, 7, None)]
#[case::synth_more_than_seven_days_without_a_session_takes_one_step_back(1, 1, 8, Some(0))]
#[case::synth_8_days_one_week_missed_one_step_back(3, 5, 8, Some(4))]
#[case::synth_15_days_two_weeks_missed_two_steps_back(3, 5, 15, Some(3))]
#[case::synth_28_days_four_weeks_missed_four_steps_back(3, 5, 28, Some(1))]
#[case::synth_never_past_the_stages_first_step(3, 5, 35, Some(0))]
fn synth_a_break_goes_back_one_step_per_full_week_missed(
    #[case] stage: usize,
    #[case] step: usize,
    #[case] days: i64,
    #[case] want: Option<usize>,
) {
    let p = program();
    let last = d("2027-01-25");
    let mut s = State::new(&profile());
    s.stage = stage;
    s.step = step;
    s.stage_start = last - Duration::days(35);
    s.last_session = Some(last);
    let date = (last + Duration::days(days)).to_string();
    let before = squat_load_of(&s, "2027-01-25");
    let j = s.apply(&p, &profile(), &session(&date, 0, 0, Some(0)));
    let Some(want) = want else {
        assert_eq!(j.decision, Decision::Hold, "{:?}", j.reasons);
        assert_eq!((s.stage, s.step), (stage, step));
        return;
    };
    assert_eq!(j.decision, Decision::Regress, "{:?}", j.reasons);
    assert_eq!((s.stage, s.step), (stage, want));
    if let Some(before) = before {
        assert!(
            squat_load_of(&s, &date).is_some_and(|after| after < before),
            "the load comes down with it"
        );
    }
    if days > 28 {
        assert_eq!(
            s.stage_start,
            d(&date),
            "more than 4 weeks restarts the stage"
        );
        assert!(
            j.reasons[0].text.to_string().contains("starts again"),
            "{}",
            j.reasons[0]
        );
    }
}

#[test]
fn synth_the_gap_step_back_shows_in_the_plan_before_the_comeback_session() {
    let p = program();
    let prof = profile();
    // Walking done in two greens; mobility up to step 2 after two more.
    let log = SessionLog {
        entries: vec![
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 1, 1, Some(1)),
            session("2026-11-28", 1, 1, Some(1)),
            session("2026-11-30", 1, 1, Some(1)),
        ],
        moves: vec![],
    };
    let (plan, _) = build_plan(&p, &prof, &log, d("2026-12-12"), Some(2));
    let next = plan
        .sessions
        .iter()
        .find(|x| x.status == SlotStatus::Planned)
        .expect("a session ahead");
    assert_eq!(
        (next.date, next.stage, next.step),
        (d("2026-12-12"), 2, 1),
        "12 days off: back from step 2 to step 1 before the session"
    );
}
