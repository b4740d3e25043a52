//! Safety invariants over thousands of random logs (proptest): the engine never advances right
//! after a red session, never raises a load above the program's cap or by more than its weekly
//! cap, and always stops on a red-flag symptom.

use chrono::Duration;
use graded::engine::{Decision, Outcome, build_plan};
use graded::load::program::BUILT_IN;
use graded::model::{LogEntry, SessionLog, SessionStatus, SlotStatus, red_flag::RED_FLAGS};
use proptest::prelude::*;

use super::{d, profile, program};

/// One random row: days after the previous one, pain during and after, the next morning, a
/// status code (0 skipped, 1 partial, else done), maybe a red flag's index.
type Row = (i64, u8, u8, Option<u8>, u8, Option<usize>);

fn row() -> impl Strategy<Value = Row> {
    let pain = prop_oneof![8 => 0u8..=3, 2 => 4u8..=5, 1 => 6u8..=10];
    let morning =
        prop_oneof![8 => (0u8..=2).prop_map(Some), 1 => (3u8..=6).prop_map(Some), 1 => Just(None)];
    let flag = prop_oneof![60 => Just(None), 1 => (0..RED_FLAGS.len()).prop_map(Some)];
    (
        prop_oneof![6 => 1i64..=3, 1 => 4i64..=10],
        pain.clone(),
        pain,
        morning,
        0u8..20,
        flag,
    )
}

fn log_from(rows: &[Row]) -> SessionLog {
    let mut date = d("2026-11-24");
    let entries = rows
        .iter()
        .map(|&(gap, during, after, morning, status, flag)| {
            date += Duration::days(gap);
            LogEntry {
                pain_during: Some(during),
                pain_after: Some(after),
                next_morning: morning,
                status: match status {
                    0 => SessionStatus::Skipped,
                    1 => SessionStatus::Partial,
                    _ => SessionStatus::Done,
                },
                symptoms: flag
                    .map(|i| vec![RED_FLAGS[i].id.to_string()])
                    .unwrap_or_default(),
                ..LogEntry::session(date)
            }
        })
        .collect();
    SessionLog { entries }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_advances_right_after_a_red_session(rows in prop::collection::vec(row(), 1..160)) {
        let (_, replay) = build_plan(&program(), &profile(), &log_from(&rows), d("2027-12-31"), Some(4));
        for pair in replay.judged.windows(2) {
            if pair[0].outcome == Outcome::Red {
                prop_assert_ne!(pair[0].decision, Decision::Advance);
                prop_assert_ne!(pair[1].decision, Decision::Advance, "advanced on {} right after the red session on {}", pair[1].entry.date, pair[0].entry.date);
            }
        }
    }

    #[test]
    fn loads_never_pass_the_program_cap_or_the_weekly_cap(
        rows in prop::collection::vec(row(), 1..200),
        which in 0..BUILT_IN.len(),
        deadlift in prop::option::of(100.0f64..600.0),
        squat_reps in 1u32..=12,
    ) {
        // Every built-in program, with and without the optional lifts, any rep count.
        let p = graded::load::program::built_in(BUILT_IN[which].0).expect("built-in");
        let mut prof = profile();
        prof.lifts[0].reps = squat_reps;
        if let Some(w) = deadlift {
            prof.lifts.push(graded::model::Lift { name: "deadlift".into(), weight: w, reps: 1 });
            prof.lifts.push(graded::model::Lift { name: "bench".into(), weight: w * 0.6, reps: 1 });
        }
        let today = d("2026-11-24") + Duration::days(rows.iter().map(|r| r.0).sum::<i64>() + 1);
        let (plan, _) = build_plan(&p, &prof, &log_from(&rows), today, None);
        // (date, exercise, load, stage) of every loaded exercise done or planned; the weekly cap
        // is per exercise (a Romanian deadlift and a deadlift scale from one lift at their own %).
        let mut loads: Vec<(chrono::NaiveDate, String, f64, usize)> = Vec::new();
        for s in plan.sessions.iter().filter(|s| s.status != SlotStatus::Missed && s.status != SlotStatus::Skipped) {
            for e in &s.exercises {
                let lift = p.stages[s.stage - 1].exercises.iter().find(|x| x.id == e.id).and_then(|x| x.lift.clone());
                if let (Some(lift), Some(load)) = (lift, e.load) {
                    let one_rm = prof.lift(&lift).expect("a loaded lift is in the profile").one_rep_max();
                    let cap = p.stages[s.stage - 1].max_pct_1rm.unwrap_or(100.0);
                    prop_assert!(load <= one_rm * cap / 100.0 + 1e-9, "{}: {} {load} above {cap}% of {one_rm}", s.date, e.id);
                    loads.push((s.date, e.id.clone(), load, s.stage));
                }
            }
        }
        for (i, (a_date, lift, a, stage)) in loads.iter().enumerate() {
            let weekly = p.stages[stage - 1].weekly_load_cap_pct.expect("every loaded stage has a weekly cap");
            for (b_date, other, b, _) in &loads[i + 1..] {
                if (*b_date - *a_date).num_days() >= 7 { break; }
                if other == lift {
                    prop_assert!(*b <= a * (1.0 + weekly / 100.0) + 1e-9, "{lift} {a} on {a_date} rose to {b} on {b_date}");
                }
            }
        }
    }

    #[test]
    fn always_stops_on_a_red_flag_symptom(rows in prop::collection::vec(row(), 1..120), flag in 0..RED_FLAGS.len(), at in 0usize..120) {
        let mut log = log_from(&rows);
        let i = at % log.entries.len();
        log.entries[i].symptoms = vec![RED_FLAGS[flag].id.to_string()];
        let today = log.entries.last().expect("rows").date + Duration::days(1);
        let (plan, replay) = build_plan(&program(), &profile(), &log, today, None);
        let j = &replay.judged[i];
        prop_assert_eq!(j.decision, Decision::Stop);
        prop_assert!(j.triage.is_some());
        prop_assert!(replay.state.stopped.is_some(), "no resume was logged, so the program stays stopped");
        prop_assert!(plan.stopped);
        prop_assert!(plan.sessions.iter().all(|s| s.status != SlotStatus::Planned), "no session is planned while stopped");
        for later in &replay.judged[i..] {
            prop_assert_eq!(later.decision, Decision::Stop);
        }
    }
}
