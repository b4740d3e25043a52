//! Every rule of docs/EVIDENCE.md's session rules as a case table; the source key is in each
//! case name.

use crate::engine::Rule;
use crate::engine::gate::judge;
use crate::engine::{Decision, Outcome, State};
use crate::model::{EntryKind, Gates, LogEntry, Profile, SessionStatus, Triage};
use rstest::rstest;

use super::{d, profile, program, session, sym, with_status};

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

#[test]
fn synth_partial_green_session_is_only_amber() {
    let e = with_status(session("2026-11-25", 1, 1, Some(1)), SessionStatus::Partial);
    assert_eq!(judge(&e, &Gates::default(), 2.0).0, Outcome::Amber);
}

#[test]
fn synth_skipped_session_is_judged_none() {
    let e = with_status(session("2026-11-25", 0, 0, Some(0)), SessionStatus::Skipped);
    assert_eq!(judge(&e, &Gates::default(), 2.0).0, Outcome::None);
}

/// The state at the first step of the mobility stage (two steps: room to step up and back).
fn mobility() -> State {
    let mut s = State::new(&profile());
    s.stage = 1;
    s
}

/// Applies sessions in order and returns the decisions.
fn run(state: &mut State, entries: &[LogEntry]) -> Vec<Decision> {
    let p = program();
    entries
        .iter()
        .map(|e| state.apply(&p, &profile(), e).decision)
        .collect()
}

#[test]
fn two_for_two_two_greens_in_a_row_move_the_dose_one_step() {
    let mut s = mobility();
    let got = run(
        &mut s,
        &[
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Advance]);
    assert_eq!((s.stage, s.step), (1, 1));
}

#[test]
fn pmm_amber_holds_the_dose_and_breaks_the_green_streak() {
    let mut s = State::new(&profile());
    let got = run(
        &mut s,
        &[
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 4, 4, Some(1)),
            session("2026-11-28", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Hold, Decision::Hold]);
    assert_eq!(s.step, 0);
}

#[test]
fn synth_red_session_regresses_one_step() {
    let mut s = mobility();
    run(
        &mut s,
        &[
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 1, 1, Some(1)),
        ],
    );
    assert_eq!(s.step, 1);
    let got = run(&mut s, &[session("2026-11-28", 7, 6, Some(3))]);
    assert_eq!(got, [Decision::Regress]);
    assert_eq!(s.step, 0);
}

#[test]
fn synth_red_at_a_stage_first_step_goes_one_stage_back() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 1;
    s.step = 0;
    let j = s.apply(&p, &profile(), &session("2026-12-09", 6, 6, Some(2)));
    assert_eq!(j.decision, Decision::Regress);
    assert_eq!((s.stage, s.step), (0, p.stages[0].steps() - 1));
}

#[test]
fn synth_two_reds_within_seven_days_stop_the_program() {
    let mut s = State::new(&profile());
    let got = run(
        &mut s,
        &[
            session("2026-11-25", 6, 6, Some(2)),
            session("2026-11-30", 7, 7, Some(2)),
        ],
    );
    assert_eq!(got, [Decision::Regress, Decision::Stop]);
    assert_eq!(s.stopped.as_ref().map(|x| x.triage), Some(Triage::Soon));
}

#[test]
fn synth_two_reds_eight_days_apart_do_not_stop() {
    let mut s = State::new(&profile());
    let got = run(
        &mut s,
        &[
            session("2026-11-25", 6, 6, Some(2)),
            session("2026-11-28", 1, 1, Some(1)),
            session("2026-12-03", 7, 7, Some(2)),
        ],
    );
    assert_eq!(got[2], Decision::Regress);
    assert!(s.stopped.is_none());
}

#[rstest]
#[case::ng59_emergency_saddle_numbness("saddle-numbness", Triage::Emergency)]
#[case::ng59_emergency_chest_pain("chest-pain", Triage::Emergency)]
#[case::ng59_urgent_fever("fever", Triage::Urgent)]
#[case::ng59_urgent_one_limb_nerve("one-limb-nerve", Triage::Urgent)]
#[case::ng59_soon_inflammatory("inflammatory", Triage::Soon)]
fn ng59_any_red_flag_symptom_stops_at_once_with_its_triage(
    #[case] flag: &str,
    #[case] triage: Triage,
) {
    let p = program();
    let mut s = State::new(&profile());
    let mut e = session("2026-11-25", 0, 0, Some(0));
    e.symptoms = vec![sym(flag)];
    let j = s.apply(&p, &profile(), &e);
    assert_eq!(
        (j.outcome, j.decision, j.triage),
        (Outcome::Stop, Decision::Stop, Some(triage))
    );
    let j = s.apply(&p, &profile(), &session("2026-11-27", 0, 0, Some(0)));
    assert_eq!(
        j.decision,
        Decision::Stop,
        "stays stopped until a clearance"
    );
}

#[test]
fn ifompt_cancer_history_with_a_nerve_symptom_is_an_emergency() {
    let p = program();
    let mut s = State::new(&profile());
    let mut e = session("2026-11-25", 0, 0, Some(0));
    e.symptoms = vec![sym("cancer-history"), sym("one-limb-nerve")];
    assert_eq!(s.apply(&p, &profile(), &e).triage, Some(Triage::Emergency));
}

#[test]
fn synth_resume_with_clearance_restarts_progression() {
    let p = program();
    let mut s = State::new(&profile());
    let mut e = session("2026-11-25", 0, 0, Some(0));
    e.symptoms = vec![sym("fever")];
    s.apply(&p, &profile(), &e);
    let resume = LogEntry {
        kind: EntryKind::Resume,
        note: "Dr Lee, GP".into(),
        ..LogEntry::session(d("2026-11-27"))
    };
    assert_eq!(s.apply(&p, &profile(), &resume).decision, Decision::Start);
    assert!(s.stopped.is_none());
    let got = run(
        &mut s,
        &[
            session("2026-11-28", 1, 1, Some(1)),
            session("2026-11-30", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Advance]);
}

#[test]
fn synth_more_than_seven_days_without_a_session_takes_one_step_back() {
    let mut s = mobility();
    run(
        &mut s,
        &[
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 1, 1, Some(1)),
        ],
    );
    assert_eq!(s.step, 1);
    let got = run(&mut s, &[session("2026-12-05", 1, 1, Some(1))]);
    assert_eq!(got, [Decision::Regress]);
    assert_eq!(s.step, 0);
}

#[test]
fn synth_exactly_seven_days_without_a_session_is_no_gap() {
    let mut s = mobility();
    run(
        &mut s,
        &[
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 1, 1, Some(1)),
        ],
    );
    let got = run(&mut s, &[session("2026-12-04", 1, 1, Some(1))]);
    assert_eq!(got, [Decision::Hold]);
    assert_eq!(s.step, 1);
}

#[test]
fn pmm_weekly_mean_pain_above_last_week_holds_instead_of_advancing() {
    let mut s = mobility();
    // Week of 23 Nov: pain 0; week of 30 Nov: pain 2 (green, but worse than last week).
    run(
        &mut s,
        &[
            session("2026-11-25", 0, 0, Some(0)),
            session("2026-11-27", 0, 0, Some(0)),
        ],
    );
    assert_eq!(s.step, 1);
    let got = run(
        &mut s,
        &[
            session("2026-11-30", 2, 2, Some(1)),
            session("2026-12-02", 2, 2, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Hold]);
    assert_eq!(s.step, 1);
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

#[test]
fn mcid_nhs_4w_no_two_point_or_thirty_percent_improvement_by_four_weeks_advises_a_clinician() {
    let p = program();
    let mut s = State::new(&profile());
    let mut last = None;
    for (i, day) in [
        "2026-12-14",
        "2026-12-16",
        "2026-12-18",
        "2026-12-21",
        "2026-12-23",
    ]
    .iter()
    .enumerate()
    {
        let j = s.apply(&p, &profile(), &session(day, 1, 1, Some(2)));
        if i == 4 {
            last = Some(j);
        }
    }
    assert!(s.review_flag);
    assert!(last.expect("judged").reasons.iter().any(|r| matches!(
        r.rule,
        Rule::ReviewNoImprovement | Rule::ReviewNotComplete
    )
        && r.text.to_string().contains("4-week")));
}

#[test]
fn mcid_improvement_of_thirty_percent_passes_the_four_week_review() {
    let p = program();
    let mut s = State::new(&profile());
    for day in ["2026-12-18", "2026-12-21", "2026-12-23"] {
        s.apply(&p, &profile(), &session(day, 0, 0, Some(1)));
    }
    assert!(!s.review_flag);
}

#[test]
fn synth_a_stage_ends_only_after_its_minimum_days() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 2; // strength: 3 steps, at least 14 days
    s.stage_start = d("2026-12-14");
    s.step = 2;
    let got = run(
        &mut s,
        &[
            session("2026-12-16", 1, 1, Some(1)),
            session("2026-12-18", 1, 1, Some(1)),
            session("2026-12-21", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Hold, Decision::Hold]);
    assert_eq!(s.stage, 2);
    let got = run(&mut s, &[session("2026-12-28", 1, 1, Some(1))]);
    assert_eq!(got, [Decision::Advance]);
    assert_eq!((s.stage, s.step), (3, 0));
    assert!(p.stages[2].min_days == 14);
}

#[test]
fn gabbett_load_rises_at_most_once_in_seven_days() {
    let mut s = State::new(&profile());
    s.stage = 3;
    s.stage_start = d("2026-12-28");
    s.last_increase = Some(d("2026-12-28"));
    let got = run(
        &mut s,
        &[
            session("2026-12-30", 0, 0, Some(0)),
            session("2027-01-01", 0, 0, Some(0)),
            session("2027-01-04", 0, 0, Some(0)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Hold, Decision::Advance]);
    assert_eq!(s.step, 1);
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
fn recovered_leaving_load_tolerance_needs_morning_pain_zero() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 3;
    s.step = p.stages[3].steps() - 1;
    s.stage_start = d("2026-12-28");
    s.last_increase = Some(d("2027-01-20"));
    let got = run(
        &mut s,
        &[
            session("2027-02-01", 1, 1, Some(1)),
            session("2027-02-03", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Hold]);
    assert_eq!(s.stage, 3);
    let got = run(&mut s, &[session("2027-02-05", 0, 0, Some(0))]);
    assert_eq!(got, [Decision::Advance]);
    assert_eq!(s.stage, 4);
}

#[test]
fn pmm_pending_next_morning_holds_without_counting() {
    let mut s = State::new(&profile());
    let got = run(
        &mut s,
        &[
            session("2026-11-25", 1, 1, None),
            session("2026-11-27", 1, 1, Some(1)),
        ],
    );
    assert_eq!(got, [Decision::Hold, Decision::Hold]);
    assert_eq!(s.step, 0);
}

#[test]
fn ng59_an_s_flag_at_intake_pauses_progression_until_a_clearance() {
    let p = program();
    let mut prof = profile();
    prof.red_flags = vec![sym("inflammatory")];
    let mut s = State::new(&prof);
    let got: Vec<Decision> = [
        session("2026-11-25", 1, 1, Some(1)),
        session("2026-11-27", 1, 1, Some(1)),
    ]
    .iter()
    .map(|e| s.apply(&p, &profile(), e).decision)
    .collect();
    assert_eq!(got, [Decision::Hold, Decision::Hold]);
    assert_eq!(s.step, 0);
    let resume = LogEntry {
        kind: EntryKind::Resume,
        note: "Dr Lee".into(),
        ..LogEntry::session(d("2026-11-28"))
    };
    s.apply(&p, &profile(), &resume);
    let got: Vec<Decision> = [
        session("2026-11-28", 1, 1, Some(1)),
        session("2026-11-30", 1, 1, Some(1)),
    ]
    .iter()
    .map(|e| s.apply(&p, &profile(), e).decision)
    .collect();
    assert_eq!(got, [Decision::Hold, Decision::Advance]);
}

#[test]
fn synth_the_gap_step_back_shows_in_the_plan_before_the_comeback_session() {
    let p = program();
    let prof = profile();
    // Walking done in two greens; mobility up to step 2 after two more.
    let log = crate::model::SessionLog {
        entries: vec![
            session("2026-11-25", 1, 1, Some(1)),
            session("2026-11-27", 1, 1, Some(1)),
            session("2026-11-28", 1, 1, Some(1)),
            session("2026-11-30", 1, 1, Some(1)),
        ],
        moves: vec![],
    };
    let (plan, _) = crate::engine::build_plan(&p, &prof, &log, d("2026-12-12"), Some(2));
    let next = plan
        .sessions
        .iter()
        .find(|x| x.status == crate::model::SlotStatus::Planned)
        .expect("a session ahead");
    assert_eq!(
        (next.date, next.stage, next.step),
        (d("2026-12-12"), 2, 1),
        "12 days off: back from step 2 to step 1 before the session"
    );
}

#[test]
fn nothing_is_planned_before_the_start_even_when_today_is_earlier() {
    let (plan, _) = crate::engine::build_plan(
        &program(),
        &profile(),
        &Default::default(),
        d("2026-01-05"),
        Some(2),
    );
    assert!(
        plan.sessions.iter().all(|x| x.date >= profile().start),
        "{:?}",
        plan.sessions.first().map(|x| x.date)
    );
    assert!(!plan.sessions.is_empty());
}

#[rstest]
#[case::ng59_emergency_at_intake("saddle-numbness", Triage::Emergency)]
#[case::ng59_urgent_at_intake("fever", Triage::Urgent)]
fn ng59_an_e_or_u_flag_in_the_profile_stops_before_the_first_session(
    #[case] flag: &str,
    #[case] triage: Triage,
) {
    let mut prof = profile();
    prof.red_flags = vec![sym(flag)];
    let (plan, replay) = crate::engine::build_plan(
        &program(),
        &prof,
        &Default::default(),
        d("2026-11-24"),
        None,
    );
    assert_eq!(
        replay.state.stopped.as_ref().map(|s| s.triage),
        Some(triage)
    );
    assert!(plan.stopped && plan.sessions.is_empty());
}

#[rstest]
#[case::a_screen(EntryKind::Screen)]
#[case::a_clearance(EntryKind::Resume)]
fn a_screen_or_clearance_on_a_training_day_keeps_that_days_session(#[case] kind: EntryKind) {
    // Wed 25 Nov is the first training day; a row of another kind that morning takes nothing
    // from it (it used to be marked missed, and the calendar cancelled it).
    let row = LogEntry {
        kind,
        note: "Dr Lee, GP".into(),
        ..LogEntry::session(d("2026-11-25"))
    };
    let log = crate::model::SessionLog {
        entries: vec![row],
        moves: vec![],
    };
    for today in ["2026-11-25", "2026-11-24"] {
        let (plan, replay) =
            crate::engine::build_plan(&program(), &profile(), &log, d(today), Some(1));
        let first = plan.sessions.first().expect("a session");
        assert_eq!(
            (first.date, first.status),
            (d("2026-11-25"), crate::model::SlotStatus::Planned),
            "today {today}"
        );
        assert_eq!(replay.judged.len(), 1, "the row is judged");
    }
}

/// v3: a red-flag screen more than 21 days old holds progression until it is done; the screen
/// lets the next green advance [NG59][SYNTH].
#[test]
fn screen_synth_an_overdue_screen_holds_and_a_screen_lifts_the_hold() {
    let p = program();
    let prof = Profile::example();
    let mut s = State::new(&prof);
    s.screened = d("2026-11-24");
    let days = ["2026-12-16", "2026-12-17"];
    let j: Vec<_> = days
        .iter()
        .map(|day| s.apply(&p, &prof, &session(day, 0, 0, Some(0))))
        .collect();
    assert_eq!(j[1].decision, Decision::Hold, "{:?}", j[1].reasons);
    assert!(j[1].reasons.iter().any(|r| r.rule == Rule::ScreenOverdue));
    let screen = LogEntry {
        kind: EntryKind::Screen,
        ..LogEntry::session(d("2026-12-18"))
    };
    s.apply(&p, &prof, &screen);
    let next = s.apply(&p, &prof, &session("2026-12-19", 0, 0, Some(0)));
    assert!(!next.reasons.iter().any(|r| r.rule == Rule::ScreenOverdue));
}

/// v3: a screen with no red flags while stopped is never an all-clear [SYNTH].
#[test]
fn screen_synth_a_screen_while_stopped_keeps_the_stop_and_its_advice() {
    let p = program();
    let prof = profile();
    let mut s = State::new(&prof);
    let mut chest = session("2026-11-25", 1, 1, None);
    chest.symptoms = vec![sym("chest-pain")];
    s.apply(&p, &prof, &chest);
    let screen = LogEntry {
        kind: EntryKind::Screen,
        ..LogEntry::session(d("2026-11-26"))
    };
    let j = s.apply(&p, &prof, &screen);
    assert_eq!(j.decision, Decision::Stop);
    assert_eq!(j.triage, Some(Triage::Emergency));
    assert!(s.stopped().is_some());
    let said = j.reasons[0].to_string();
    assert!(said.contains("stays stopped"), "{said}");
    assert!(said.contains("EMERGENCY"), "{said}");
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

/// v3: four weeks stuck in the first stage is "not clearly better", whatever the points: the
/// 4-week review pauses progression and advises a clinician soon [NHS-4W].
#[test]
fn nhs_4w_still_in_the_first_stage_at_4_weeks_is_not_clearly_better() {
    let p = program();
    let prof = profile();
    let mut s = State::new(&prof);
    let j = s.apply(&p, &prof, &session("2026-12-24", 0, 0, Some(0)));
    assert!(s.paused(), "{:?}", j.reasons);
    assert!(
        j.reasons
            .iter()
            .any(|r| r.rule == Rule::ReviewNotClearlyBetter)
    );
    // Out of the first stage by then: the review finds nothing to say.
    let mut s = State::new(&prof);
    s.stage = 1;
    let j = s.apply(&p, &prof, &session("2026-12-24", 0, 0, Some(0)));
    assert!(!s.paused(), "{:?}", j.reasons);
}

/// v3: after completion, a green keeps the final dose ("maintain", never "advance"); five weeks
/// away from it go back to load tolerance at a step of about 70% of the 1RM or less [SYNTH].
#[test]
fn synth_after_completion_greens_maintain_and_a_long_break_goes_back_to_loading() {
    let p = program();
    let prof = profile();
    let last = p.stages.len() - 1;
    let mut s = State::new(&prof);
    s.stage = last;
    s.step = p.stages[last].steps() - 1;
    s.completed = true;
    s.last_session = Some(d("2027-03-01"));
    let j = s.apply(&p, &prof, &session("2027-03-03", 0, 0, Some(0)));
    assert_eq!(j.decision, Decision::Maintain, "{:?}", j.reasons);
    assert!(j.reasons.iter().any(|r| r.rule == Rule::Maintenance));
    assert!(s.completed());
    let j = s.apply(&p, &prof, &session("2027-04-10", 0, 0, Some(0)));
    assert_eq!(j.decision, Decision::Regress, "{:?}", j.reasons);
    assert!(
        !s.completed(),
        "five weeks off is not complete at the top dose"
    );
    let load = p
        .stages
        .iter()
        .position(|st| st.kind == crate::model::StageKind::Load)
        .expect("a load stage");
    assert_eq!(s.stage, load);
    let squat = s
        .exercises(&p, &prof, d("2027-04-12"))
        .into_iter()
        .find(|e| e.lift.as_deref() == Some("squat"))
        .and_then(|e| e.load)
        .expect("a squat load");
    let orm = prof.lift("squat").expect("squat").one_rep_max();
    assert!(squat <= orm * 0.70 + 1e-9, "{squat} of {orm}");
}
