//! The revised rules (docs/EVIDENCE.md), one case table or test per rule, each named with its
//! source key: absolute pain limits, a red flag's level that never drops, the revised screen,
//! effort over percentage, back to 100%, step-backs sized to what happened, reviews, and the
//! programs' content.

use crate::engine::Rule;
use crate::engine::gate::judge;
use crate::engine::{Decision, Outcome, State, build_plan};
use crate::load::program::BUILT_IN;
use crate::model::{EntryKind, Gates, LogEntry, Pain, Profile, SessionLog, SlotStatus, Triage};
use chrono::Duration;
use rstest::rstest;

use super::{d, profile, program, session, sym};
use crate::model::red_flag;

/// The low-back program planned for the example person with a 315 lb deadlift, every session
/// green.
fn low_back_all_green() -> crate::model::Plan {
    let p = built_in("low-back-strain");
    let mut prof: Profile = profile();
    prof.program = "low-back-strain".into();
    prof.lifts.push(crate::model::Lift {
        name: "deadlift".into(),
        weight: 315.0,
        reps: 1,
    });
    build_plan(&p, &prof, &SessionLog::default(), d("2026-11-24"), None).0
}

fn built_in(id: &str) -> crate::model::Program {
    crate::load::program::built_in(id).expect("built-in")
}

// 1. Absolute pain limits [TRAFFIC][PMM] ---------------------------------------------------

#[rstest]
#[case::traffic_pmm_morning_8_is_red_even_at_a_baseline_of_8(1, 1, 8, 8.0, Outcome::Red)]
#[case::traffic_pmm_morning_6_is_red_whatever_the_baseline(0, 0, 6, 7.0, Outcome::Red)]
#[case::traffic_pmm_morning_5_at_a_baseline_of_6_is_amber_not_green(1, 1, 5, 6.0, Outcome::Amber)]
#[case::traffic_pmm_morning_4_at_a_baseline_of_4_is_amber(2, 2, 4, 4.0, Outcome::Amber)]
#[case::traffic_pmm_morning_3_at_a_baseline_of_3_is_green(2, 2, 3, 3.0, Outcome::Green)]
#[case::traffic_pmm_amber_session_settled_to_5_stays_amber(4, 4, 5, 5.0, Outcome::Amber)]
fn traffic_pmm_next_morning_limits_are_absolute_as_well_as_relative(
    #[case] during: u8,
    #[case] after: u8,
    #[case] morning: u8,
    #[case] baseline: f64,
    #[case] want: Outcome,
) {
    let e = session("2026-11-25", during, after, Some(morning));
    let (got, reason) = judge(&e, &Gates::default(), baseline);
    assert_eq!(got, want, "{reason}");
}

#[test]
fn synth_rest_pain_of_7_at_intake_starts_no_plan_and_advises_a_clinician() {
    let mut prof = profile();
    prof.rest_pain = Pain::of(7);
    let (plan, replay) = build_plan(
        &program(),
        &prof,
        &SessionLog::default(),
        d("2026-11-24"),
        None,
    );
    let stop = replay.state.stopped.expect("stopped before the start");
    assert_eq!(stop.triage, Triage::Soon);
    assert!(stop.cause.contains("rest pain 7/10"), "{}", stop.cause);
    assert!(plan.stopped && plan.sessions.is_empty());
    // A clearance starts it.
    let log = SessionLog {
        entries: vec![LogEntry {
            kind: EntryKind::Resume,
            note: "Dr Lee, GP".into(),
            ..LogEntry::session(d("2026-11-26"))
        }],
        moves: vec![],
    };
    let (plan, replay) = build_plan(&program(), &prof, &log, d("2026-11-26"), Some(2));
    assert!(replay.state.stopped.is_none());
    assert!(
        plan.sessions
            .iter()
            .any(|s| s.status == SlotStatus::Planned)
    );
    prof.rest_pain = Pain::of(6);
    let (_, replay) = build_plan(
        &program(),
        &prof,
        &SessionLog::default(),
        d("2026-11-24"),
        None,
    );
    assert!(replay.state.stopped.is_none(), "6/10 at rest still starts");
}

// 2. A red flag's level never drops until a clearance [SYNTH] ------------------------------

fn flagged(date: &str, flags: &[&str]) -> LogEntry {
    let mut e = session(date, 0, 0, Some(0));
    e.symptoms = flags.iter().map(|f| sym(f)).collect();
    e
}

#[rstest]
#[case::synth_emergency_then_urgent_stays_emergency("chest-pain", "fever", Triage::Emergency)]
#[case::synth_urgent_then_soon_stays_urgent("night-pain", "inflammatory", Triage::Urgent)]
#[case::synth_soon_then_emergency_rises_to_emergency(
    "no-improvement",
    "bladder-bowel",
    Triage::Emergency
)]
fn synth_a_later_milder_flag_adds_its_advice_and_never_replaces_a_stronger_one(
    #[case] first: &str,
    #[case] second: &str,
    #[case] want: Triage,
) {
    let p = program();
    let mut s = State::new(&profile());
    s.apply(&p, &profile(), &flagged("2026-11-25", &[first]));
    let screen = LogEntry {
        kind: EntryKind::Screen,
        ..flagged("2026-11-27", &[second])
    };
    let j = s.apply(&p, &profile(), &screen);
    assert_eq!(j.triage, Some(want));
    let stop = s.stopped.as_ref().expect("stopped");
    assert_eq!(stop.triage, want);
    assert_eq!(red_flag::ids(&stop.flags, ","), format!("{first},{second}"));
    // Any later row keeps the strongest.
    let j = s.apply(&p, &profile(), &session("2026-11-28", 0, 0, Some(0)));
    assert_eq!((j.decision, j.triage), (Decision::Stop, Some(want)));
}

#[test]
fn synth_a_clearance_resets_the_triage() {
    let p = program();
    let mut s = State::new(&profile());
    s.apply(&p, &profile(), &flagged("2026-11-25", &["chest-pain"]));
    s.apply(
        &p,
        &profile(),
        &LogEntry {
            kind: EntryKind::Resume,
            note: "ED discharge, Dr Ray".into(),
            ..LogEntry::session(d("2026-11-27"))
        },
    );
    let j = s.apply(&p, &profile(), &flagged("2026-11-28", &["fever"]));
    assert_eq!(j.triage, Some(Triage::Urgent));
}

// 3. The revised screen [NG59] ----------------------------------------------------------------

#[test]
fn ng59_cough_or_sneeze_pain_is_recorded_and_no_longer_stops() {
    let p = program();
    let mut s = State::new(&profile());
    let j = s.apply(&p, &profile(), &flagged("2026-11-25", &["cough-sneeze"]));
    assert_ne!(j.decision, Decision::Stop);
    assert_eq!(j.outcome, Outcome::Green);
    assert!(
        j.reasons
            .iter()
            .any(|r| r.rule == Rule::RecordedSymptom
                && r.text.to_string().contains("one-limb-nerve")),
        "{:?}",
        j.reasons
    );
    assert!(s.stopped.is_none());
    assert!(crate::model::red_flag::find("cough-sneeze").is_none());
}

#[test]
fn ng59_breathing_pain_is_urgent_and_breathless_no_longer_asks_about_it() {
    use crate::model::red_flag::find;
    assert_eq!(
        find("breathing-pain").map(|f| f.triage),
        Some(Triage::Urgent)
    );
    let b = find("breathless").expect("breathless");
    assert_eq!(b.triage, Triage::Emergency);
    assert!(!b.question.contains("breathing in"), "{}", b.question);
}

#[test]
fn ng59_an_old_log_and_profile_holding_cough_sneeze_still_load() {
    let text = "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n\
                2026-11-25,session,done,1,1,1,,4,cough-sneeze,\n";
    let log = crate::load::session_log::parse("log.csv", text, d("2026-11-24")).expect("reads");
    assert_eq!(log.entries[0].symptoms, [sym("cough-sneeze")]);
    let mut prof = profile();
    prof.red_flags = vec![sym("cough-sneeze")];
    let toml = crate::load::profile::to_toml(&prof);
    let back = crate::load::profile::parse("profile.toml", &toml).expect("reads");
    assert_eq!(back.red_flags, [sym("cough-sneeze")]);
    let (plan, replay) = build_plan(&program(), &back, &log, d("2026-11-26"), Some(1));
    assert!(replay.state.stopped.is_none() && !replay.state.paused);
    assert!(!plan.stopped);
}

// 4. Effort wins over percentage [BBM][RPE] ---------------------------------------------------

/// The state in load tolerance at its first step, loaded since a week ago.
fn loading() -> State {
    let mut s = State::new(&profile());
    s.stage = 3;
    s.stage_start = d("2026-12-21");
    s.last_increase = Some(d("2026-12-21"));
    s.last_session = Some(d("2026-12-28"));
    s
}

fn squat_load(s: &State, date: &str) -> f64 {
    s.exercises(&program(), &profile(), d(date))
        .iter()
        .find(|e| &*e.id == "back-squat")
        .and_then(|e| e.load)
        .expect("a squat load")
}

#[rstest]
#[case::rpe_bbm_one_point_over_the_cap_drops_5_percent(7.0, 105.0)]
#[case::rpe_bbm_two_points_over_the_cap_drops_about_10_percent(8.0, 105.0)]
#[case::rpe_bbm_at_the_cap_keeps_the_load(6.0, 115.0)]
fn rpe_bbm_a_lift_logged_above_its_rpe_cap_comes_down_next_time(
    #[case] rpe: f64,
    #[case] next: f64,
) {
    let p = program();
    let mut s = loading();
    assert_eq!(squat_load(&s, "2026-12-30"), 115.0);
    let mut e = session("2026-12-30", 1, 1, Some(0));
    e.lift_rpe = vec![("squat".into(), rpe)];
    let j = s.apply(&p, &profile(), &e);
    assert_eq!(squat_load(&s, "2027-01-01"), next);
    let over = j.reasons.iter().any(|r| r.rule == Rule::EffortOverCap);
    assert_eq!(over, rpe > 6.0, "{:?}", j.reasons);
    if over {
        assert_eq!(j.decision, Decision::Hold);
        assert_eq!(s.greens, 0, "an over-effort session does not count");
    }
}

/// v3: a whole-session RPE never cuts a lift (it said "next time 145 lb" after an honest hard
/// session); above the highest cap of the session it keeps the session from counting.
#[test]
fn rpe_a_whole_session_rpe_never_cuts_a_lift_and_only_holds() {
    let p = program();
    let mut s = loading();
    let before = squat_load(&s, "2026-12-30");
    let mut e = session("2026-12-30", 1, 1, Some(0));
    e.rpe = Some(8);
    let j = s.apply(&p, &profile(), &e);
    assert_eq!(
        squat_load(&s, "2027-01-01"),
        before,
        "no cut for a session RPE"
    );
    assert_eq!(j.decision, Decision::Hold);
    assert!(
        j.reasons.iter().any(|r| r.rule == Rule::SessionEffort),
        "{:?}",
        j.reasons
    );
    assert!(!j.reasons.iter().any(|r| r.rule == Rule::EffortOverCap));
    // Within the caps, a session RPE changes nothing.
    let mut s = loading();
    let mut e = session("2026-12-30", 1, 1, Some(0));
    e.rpe = Some(6);
    let j = s.apply(&p, &profile(), &e);
    assert!(!j.reasons.iter().any(|r| r.rule == Rule::SessionEffort));
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

// 5. Back to 100% [RPE][RECOVERED] ----------------------------------------------------------

fn at_the_estimate() -> State {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 4;
    s.step = p.stages[4].steps() - 1;
    s.stage_start = d("2027-02-01");
    s.last_increase = Some(d("2027-02-01"));
    s.last_session = Some(d("2027-02-08"));
    s.loading_since = Some(d("2026-12-21"));
    s
}

#[rstest]
#[case::rpe_a_triple_at_rpe_8_estimates_232_and_completes(8.0, true)]
#[case::rpe_a_triple_at_rpe_7_estimates_239_and_completes(7.0, true)]
#[case::rpe_a_triple_at_rpe_9_5_is_over_the_cap_and_not_yet_back(9.5, false)]
fn rpe_recovered_the_estimate_set_decides_back_to_100_percent(
    #[case] rpe: f64,
    #[case] complete: bool,
) {
    let p = program();
    let mut s = at_the_estimate();
    assert_eq!(squat_load(&s, "2027-02-08"), 200.0);
    for day in ["2027-02-08", "2027-02-10"] {
        let mut e = session(day, 0, 0, Some(0));
        e.lift_rpe = vec![("squat".into(), rpe)];
        let j = s.apply(&p, &profile(), &e);
        if rpe <= 8.0 {
            assert!(
                j.reasons.iter().any(|r| r.rule == Rule::EstimatedOneRm),
                "{:?}",
                j.reasons
            );
        }
    }
    assert_eq!(s.completed, complete);
    if complete {
        let est = s.estimates["squat"];
        assert!(est >= 235.0 * 0.975, "{est}");
        let text = s.completion_text(&profile());
        assert!(
            text.contains("Back to 100%") && text.contains("6 weeks"),
            "{text}"
        );
    }
}

#[test]
fn rpe_an_estimate_short_of_the_pre_injury_1rm_repeats_the_set() {
    let p = program();
    let prof = profile();
    // An earlier effort cut left the squat at 190: 190 x 3 at RPE 8 estimates 220, short of 235.
    let mut s = at_the_estimate();
    s.ceilings.insert("back-squat".into(), 190.0);
    let mut reasons = vec![];
    for day in ["2027-02-08", "2027-02-10"] {
        let mut e = session(day, 0, 0, Some(0));
        e.lift_rpe = vec![("squat".into(), 8.0)];
        reasons = s.apply(&p, &prof, &e).reasons;
    }
    assert!(!s.completed);
    assert!(
        reasons
            .iter()
            .any(|r| matches!(r.rule, Rule::BackToFull | Rule::BackToFullRepeat)),
        "{reasons:?}"
    );
}

#[test]
fn rpe_after_an_effort_cut_the_estimate_set_climbs_back_and_completes() {
    // A triple logged at RPE 9 drops the set 5%; logged within its cap after that, the set
    // climbs back by the weekly cap (not repeated forever) and the estimate completes.
    let p = program();
    let mut s = at_the_estimate();
    let mut e = session("2027-02-08", 0, 0, Some(0));
    e.lift_rpe = vec![("squat".into(), 9.0)];
    s.apply(&p, &profile(), &e);
    assert_eq!(squat_load(&s, "2027-02-10"), 190.0);
    let mut day = d("2027-02-10");
    for _ in 0..12 {
        let mut e = session(&day.to_string(), 0, 0, Some(0));
        e.lift_rpe = vec![("squat".into(), 8.0)];
        s.apply(&p, &profile(), &e);
        if s.completed {
            break;
        }
        day += Duration::days(2);
    }
    assert!(
        s.completed,
        "still at {} on {day}",
        squat_load(&s, &day.to_string())
    );
    assert!(s.estimates["squat"] >= 235.0 * 0.975);
}

#[test]
fn rpe_an_estimate_needs_rpe_7_or_more_so_a_light_set_rises_first() {
    // The low-back deadlift arrives at its estimate set below the triple an RPE 8 allows (the
    // weekly cap and plate rounding kept it low). An easy set is not read as RPE 6: the set
    // rises first, and the estimate that completes comes from a set of about 85%.
    let plan = low_back_all_green();
    let c = plan.completion.expect("completes");
    let last_deadlift = plan
        .sessions
        .iter()
        .rev()
        .flat_map(|s| &s.exercises)
        .find(|e| &*e.id == "deadlift" && e.estimate_1rm)
        .expect("a deadlift estimate set");
    assert!(
        last_deadlift.pct_1rm.is_some_and(|p| p >= 84.0),
        "{last_deadlift:?}"
    );
    assert!(c.means.contains("deadlift: estimated"), "{}", c.means);
}

#[test]
/// 8-12 weeks is the typical course [BBM][COURSE]; a lighter week that never raises the load
/// [DELOAD] and the return stage's heavier singles, each within +10% a week [GABBETT], cost this
/// plan up to a week more, so it may take up to 13 weeks.
fn rpe_recovered_the_seed_case_all_green_is_back_to_its_235_lb_squat_in_8_to_13_weeks() {
    let prof = profile();
    let (plan, _) = build_plan(
        &program(),
        &prof,
        &SessionLog::default(),
        d("2026-11-24"),
        None,
    );
    let c = plan.completion.expect("completes");
    let weeks = (c.date - prof.start).num_days() as f64 / 7.0;
    assert!((8.0..=13.0).contains(&weeks), "{weeks:.1} weeks");
    assert!(c.means.contains("235 lb"), "{}", c.means);
    let last = plan.sessions.last().expect("sessions");
    let squat = last
        .exercises
        .iter()
        .find(|e| &*e.id == "back-squat")
        .expect("squat");
    assert!(squat.estimate_1rm && squat.load == Some(200.0));
    // Nothing planned above 90% of the 1RM, and sets of 3-5 at or below about 85% [RPE].
    for s in &plan.sessions {
        for e in s.exercises.iter().filter(|e| e.load.is_some()) {
            let reps = e.reps.as_deref().and_then(crate::model::rpe::most_reps);
            let pct = e.pct_1rm.expect("pct");
            assert!(pct <= 90.0, "{} {}: {pct}%", s.date, e.id);
            if reps.is_some_and(|r| r >= 3) {
                assert!(pct <= 86.0, "{} {}: {pct}% for {reps:?}", s.date, e.id);
            }
        }
    }
}

// 6. Step-backs sized to what happened [SYNTH][24H] -----------------------------------------

#[rstest]
#[case::synth_8_days_one_week_missed_one_step_back(8, 4)]
#[case::synth_15_days_two_weeks_missed_two_steps_back(15, 3)]
#[case::synth_28_days_four_weeks_missed_four_steps_back(28, 1)]
#[case::synth_never_past_the_stages_first_step(35, 0)]
fn synth_a_break_goes_back_one_step_per_full_week_missed(#[case] days: i64, #[case] step: usize) {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 3;
    s.step = 5;
    s.stage_start = d("2026-12-21");
    s.last_session = Some(d("2027-01-25"));
    let date = d("2027-01-25") + Duration::days(days);
    let before = squat_load(&s, "2027-01-25");
    let j = s.apply(&p, &profile(), &session(&date.to_string(), 0, 0, Some(0)));
    assert_eq!(j.decision, Decision::Regress);
    assert_eq!((s.stage, s.step), (3, step));
    assert!(
        squat_load(&s, &date.to_string()) < before,
        "the load comes down with it"
    );
    if days > 28 {
        assert_eq!(s.stage_start, date, "more than 4 weeks restarts the stage");
        assert!(
            j.reasons[0].text.to_string().contains("starts again"),
            "{}",
            j.reasons[0]
        );
    }
}

#[test]
fn synth_a_red_in_a_loaded_stage_lowers_the_load_at_least_5_percent() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 3;
    s.step = 3;
    s.stage_start = d("2026-12-21");
    s.last_session = Some(d("2027-01-11"));
    assert_eq!(squat_load(&s, "2027-01-13"), 145.0);
    let j = s.apply(&p, &profile(), &session("2027-01-13", 6, 6, Some(2)));
    assert_eq!(j.decision, Decision::Regress);
    let after = squat_load(&s, "2027-01-15");
    assert!(
        (145.0 * 0.9..=145.0 * 0.95).contains(&after),
        "5-10% lighter: {after}"
    );
    assert!(
        j.reasons.iter().any(|r| r.rule == Rule::LoadAfterRed),
        "{:?}",
        j.reasons
    );
}

#[test]
fn h24_two_sessions_on_one_day_count_once_toward_progression() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 1;
    let a = s.apply(&p, &profile(), &session("2026-11-25", 0, 0, Some(0)));
    let b = s.apply(&p, &profile(), &session("2026-11-25", 0, 0, Some(0)));
    assert_eq!((a.decision, b.decision), (Decision::Hold, Decision::Hold));
    assert!(b.reasons.iter().any(|r| r.rule == Rule::OneDayOneCount));
    assert_eq!(s.step, 0);
    let c = s.apply(&p, &profile(), &session("2026-11-27", 0, 0, Some(0)));
    assert_eq!(c.decision, Decision::Advance);
}

// 7. Reviews at 4, 8 and 12 weeks; pain rising two weeks running [MCID][NHS-4W][COURSE][PMM] --

#[rstest]
#[case::mcid_nhs_4w_review_at_8_weeks(56, "8-week")]
#[case::course_review_at_12_weeks(84, "12-week")]
fn mcid_nhs_4w_course_later_reviews_pause_progression_when_pain_persists(
    #[case] day: i64,
    #[case] which: &str,
) {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 1;
    s.reviews_done = (day / 28 - 1) as u32;
    let date = profile().start + Duration::days(day);
    let j = s.apply(&p, &profile(), &session(&date.to_string(), 1, 1, Some(2)));
    assert!(s.paused && s.review_flag);
    assert!(
        j.reasons.iter().any(|r| matches!(
            r.rule,
            Rule::ReviewNoImprovement | Rule::ReviewNotComplete
        ) && r.text.to_string().contains(which)),
        "{:?}",
        j.reasons
    );
}

/// Three weeks of two sessions each (strength stage), with the given pain during/after and
/// next-morning scores per week.
fn three_weeks(pain: [u8; 3], morning: [u8; 3]) -> (State, Vec<crate::engine::Judged>) {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 2;
    let weeks = [
        ["2026-11-30", "2026-12-02"],
        ["2026-12-07", "2026-12-09"],
        ["2026-12-14", "2026-12-16"],
    ];
    let mut judged = vec![];
    for (w, days) in weeks.iter().enumerate() {
        for day in days {
            judged.push(s.apply(
                &p,
                &profile(),
                &session(day, pain[w], pain[w], Some(morning[w])),
            ));
        }
    }
    (s, judged)
}

#[test]
fn pmm_synth_weekly_morning_pain_rising_two_weeks_running_pauses_progression() {
    let (s, judged) = three_weeks([1, 1, 1], [0, 1, 2]);
    assert!(s.paused);
    let why = s.pause.clone().expect("why");
    assert!(
        why.text
            .to_string()
            .contains("see a physio or clinician soon"),
        "{why}"
    );
    assert_eq!(why.source(), "[PMM][SYNTH]");
    assert!(
        judged
            .last()
            .expect("judged")
            .reasons
            .iter()
            .any(|r| matches!(r.rule, Rule::WeeklyTrend | Rule::WeeklyTrendRising))
    );
}

#[test]
fn pmm_mcid_more_pain_during_harder_sessions_with_steady_mornings_is_no_trend() {
    // Pain during rising 1 -> 2 -> 3 as the work gets harder, mornings steady at 1: all green,
    // no hold and no pause (the model watches the mornings; a rise counts from 1 point).
    let (s, judged) = three_weeks([1, 2, 3], [1, 1, 1]);
    assert!(!s.paused);
    assert!(
        judged.iter().all(|j| j
            .reasons
            .iter()
            .all(|r| !matches!(r.rule, Rule::WeeklyTrend | Rule::WeeklyTrendRising))),
        "{judged:#?}"
    );
}

// 8. Programs: walking in every stage, hinges take turns, one effort scale, the morning
// question [WALKBACK][SYNTH][INTENSITY][RPE] -------------------------------------------------

#[test]
fn walkback_every_stage_of_every_program_keeps_walking() {
    for (id, _) in BUILT_IN {
        let p = built_in(id);
        for stage in &p.stages {
            assert!(
                stage.exercises.iter().any(|e| e.id.starts_with("walk")),
                "{id}: {} has no walk",
                stage.id
            );
        }
    }
}

#[test]
fn synth_the_low_back_hinges_take_turns_across_sessions() {
    let plan = low_back_all_green();
    let hinges: Vec<Vec<&str>> = plan
        .sessions
        .iter()
        .filter(|s| s.stage == 4)
        .map(|s| {
            s.exercises
                .iter()
                .filter(|e| &*e.id == "deadlift" || &*e.id == "rdl")
                .map(|e| &*e.id)
                .collect()
        })
        .collect();
    assert!(hinges.len() > 4);
    for pair in hinges.windows(2) {
        assert_eq!(pair[0].len(), 1, "one hinge a session: {pair:?}");
        assert_ne!(pair[0], pair[1], "the hinges alternate: {pair:?}");
    }
}

#[test]
fn synth_the_layoff_programs_morning_question_tells_soreness_from_pain() {
    let q = built_in("return-after-layoff").morning_question;
    assert!(q.contains("soreness") && q.contains("not pain"), "{q}");
    for (id, _) in BUILT_IN {
        assert!(built_in(id).morning_question.contains("soreness"), "{id}");
    }
}

#[test]
fn intensity_rpe_one_effort_scale_and_notes_that_match_their_doses() {
    for (id, text) in BUILT_IN {
        assert!(!text.contains("6-20"), "{id}: one effort scale, RPE 0-10");
        let p = built_in(id);
        for stage in &p.stages {
            let pcts: Vec<f64> = stage
                .exercises
                .iter()
                .flat_map(|e| e.doses.iter().filter_map(|d| d.pct_1rm))
                .collect();
            let (lo, hi) = pcts
                .iter()
                .fold((f64::MAX, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
            // Every "N% of" the 1RM in a stage's notes lies within that stage's own doses.
            let pieces: Vec<&str> = stage.notes.split("% of").collect();
            for piece in &pieces[..pieces.len() - 1] {
                let digits: String = piece
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if let Ok(n) = digits.parse::<f64>() {
                    assert!(
                        !pcts.is_empty() && (lo..=hi).contains(&n),
                        "{id} {}: the notes say {n}% but the doses run {lo}-{hi}%",
                        stage.id
                    );
                }
            }
        }
    }
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

// The return stage climbs; a lighter week never raises the load [RPE][DELOAD] ---------------

/// Each built-in program planned all green for a person with a squat, a deadlift and a bench.
fn all_green(id: &str) -> (crate::model::Plan, Profile) {
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

// Audit of issue 20's findings: the ones with no test of their own --------------------------

/// v3: the 1RM is estimated only from the estimate set's own RPE; a session's RPE alone gives no
/// estimate and no completion [RPE][RECOVERED].
#[test]
fn rpe_recovered_no_rpe_for_the_estimate_set_means_no_estimate_and_no_completion() {
    let p = program();
    let mut s = at_the_estimate();
    for day in ["2027-02-08", "2027-02-10", "2027-02-12"] {
        let mut e = session(day, 0, 0, Some(0));
        e.rpe = Some(6);
        let j = s.apply(&p, &profile(), &e);
        assert!(
            j.reasons.iter().all(|r| r.rule != Rule::EstimatedOneRm),
            "{:?}",
            j.reasons
        );
    }
    assert!(!s.completed);
    assert!(!s.estimates.contains_key("squat"));
}

/// v3: morning stiffness rising two weeks running (5 -> 20 -> 40 min) with steady morning pain
/// pauses progression like pain does [PMM][SYNTH].
#[test]
fn pmm_synth_morning_stiffness_rising_two_weeks_running_pauses_progression() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 2;
    let weeks = [
        (["2026-11-30", "2026-12-02"], 5),
        (["2026-12-07", "2026-12-09"], 20),
        (["2026-12-14", "2026-12-16"], 40),
    ];
    for (days, stiff) in weeks {
        for day in days {
            let mut e = session(day, 1, 1, Some(1));
            e.stiffness_min = Some(stiff);
            s.apply(&p, &profile(), &e);
        }
    }
    assert!(s.paused, "{:?}", s.pause);
    assert!(
        s.pause
            .as_ref()
            .is_some_and(|r| r.rule == Rule::WeeklyTrendRising),
        "{:?}",
        s.pause
    );
}

/// v3: the weekly trend compares the last 7 days with the 7 before at every session, so the
/// first session of an ISO week (a Monday) is judged like any other [PMM][SYNTH].
#[test]
fn pmm_the_first_session_of_a_week_does_not_escape_the_weekly_trend() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 2;
    // Morning pain steady at 1; morning stiffness 0 for a week, then 15 min: the Monday that
    // starts the third week is judged against the 7 days before it (15 against 5 min).
    let rows = [
        ("2026-11-30", 0),
        ("2026-12-02", 0),
        ("2026-12-04", 0),
        ("2026-12-07", 15),
        ("2026-12-09", 15),
        ("2026-12-11", 15),
        ("2026-12-14", 15),
    ];
    let mut last = None;
    for (day, stiff) in rows {
        let mut e = session(day, 1, 1, Some(1));
        e.stiffness_min = Some(stiff);
        last = Some(s.apply(&p, &profile(), &e));
    }
    let monday = last.expect("judged");
    assert_ne!(monday.decision, Decision::Advance, "{:?}", monday.reasons);
    assert!(
        monday
            .reasons
            .iter()
            .any(|r| matches!(r.rule, Rule::WeeklyTrend | Rule::WeeklyTrendRising)),
        "{:?}",
        monday.reasons
    );
}

/// v3: a red at load tolerance's first step goes back to strength's last step, and its words
/// name no barbell load for a stage without one ("next time 95 lb" sent the person to a stage
/// without a squat) [SYNTH].
#[test]
fn synth_a_red_at_load_tolerances_first_step_names_no_load_for_a_stage_without_a_squat() {
    let p = program();
    let mut s = State::new(&profile());
    s.stage = 3;
    s.stage_start = d("2026-12-21");
    s.last_session = Some(d("2026-12-21"));
    let j = s.apply(&p, &profile(), &session("2026-12-23", 7, 7, Some(2)));
    assert_eq!(j.decision, Decision::Regress);
    assert_eq!((s.stage, s.step), (2, p.stages[2].steps() - 1));
    let words: String = j.reasons.iter().map(|r| r.text.to_string()).collect();
    assert!(!words.contains(" lb"), "{words}");
}
