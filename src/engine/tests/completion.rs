//! Completion (`rules/completion.rs`) [RPE][RECOVERED][SYNTH]: the program ends back at the
//! pre-injury 1RM (an estimate within its margin) and says what "complete" means and when a
//! true max is reasonable; short of it, the estimate set repeats or climbs back; after it,
//! greens maintain the final dose.

use crate::engine::Rule;
use crate::engine::{Decision, State, build_plan};
use crate::model::SessionLog;
use chrono::Duration;
use rstest::rstest;

use super::{at_the_estimate, d, profile, program, session, squat_load};

/// Two green estimate sets (3 reps at 200 lb of a 235 lb squat) logged at `rpe`: whether the
/// program is complete, back to 100%.
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
