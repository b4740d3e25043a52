//! Issue 20: the logs people really write, simulated session by session for every built-in
//! program. A person follows the plan as graded shows it each day: one effort score for the
//! whole session (and, for a barbell set, the lift's own RPE, since `graded log` asks it), now
//! and then a forgotten morning, an amber or a red, a skipped session or a break; they answer
//! the weekly screen when status asks for it. Whatever they write, the engine never advances
//! after a red or with a morning of 6 or more, and no load rises more than the weekly cap; an
//! all-green person whose only noise is a forgotten morning a month reaches the pre-injury lift
//! within 14 weeks.

use chrono::{Duration, NaiveDate};
use graded::engine::{Decision, Outcome, build_plan};
use graded::load::program::BUILT_IN;
use graded::model::{
    EntryKind, LogEntry, Pain, Profile, Program, SessionLog, SessionStatus, SlotStatus, rpe,
};
use proptest::prelude::*;

use super::profile;

/// What a person does with one planned session.
#[derive(Debug, Clone, Copy)]
enum Day {
    /// Green, with the next morning.
    Green,
    /// Green, the next morning never logged.
    Forgot,
    /// Pain 4-5.
    Amber,
    /// Pain 6 or more.
    Red,
    /// Skipped.
    Skip,
    /// Away for this many days before the session.
    Away(i64),
}

fn day() -> impl Strategy<Value = Day> {
    prop_oneof![
        30 => Just(Day::Green),
        4 => Just(Day::Forgot),
        3 => Just(Day::Amber),
        1 => Just(Day::Red),
        2 => Just(Day::Skip),
        1 => (8i64..=30).prop_map(Day::Away),
    ]
}

fn setup(which: usize) -> (Program, Profile) {
    let p = graded::load::program::built_in(BUILT_IN[which].0).expect("built-in");
    let mut prof = profile();
    prof.lifts.push(graded::model::Lift {
        name: "deadlift".into(),
        weight: 300.0,
        reps: 1,
    });
    prof.lifts.push(graded::model::Lift {
        name: "bench".into(),
        weight: 180.0,
        reps: 1,
    });
    (p, prof)
}

/// Lives `days` as the person would, from the program's start: returns the log.
fn live(p: &Program, prof: &Profile, days: &[Day], session_rpe: u8) -> SessionLog {
    let mut log = SessionLog::default();
    let mut today = prof.start;
    let mut screened = prof.start;
    for (n, what) in days.iter().enumerate() {
        if let Day::Away(gap) = what {
            today += Duration::days(*gap);
        }
        let (plan, _) = build_plan(p, prof, &log, today, Some(2));
        if plan.stopped || plan.completion.is_some_and(|c| !c.projected) {
            break;
        }
        let Some(next) = plan
            .sessions
            .iter()
            .find(|s| s.status == SlotStatus::Planned && s.date >= today)
        else {
            break;
        };
        let date = next.date;
        // The weekly screen, when status asks for it.
        if (date - screened).num_days() >= 7 {
            log.entries.push(LogEntry {
                kind: EntryKind::Screen,
                ..LogEntry::session(date)
            });
            screened = date;
        }
        let mut e = LogEntry::session(date);
        let (pain, morning) = match what {
            Day::Amber => (4, Some(1)),
            Day::Red => (7, Some(3)),
            Day::Forgot => (1, None),
            // A mild strain settling: mornings of 1 for the first weeks, then 0.
            _ => (1, Some(if n < 20 { 1 } else { 0 })),
        };
        if matches!(what, Day::Skip) {
            e.status = SessionStatus::Skipped;
        } else {
            e.pain_during = Some(Pain::of(pain));
            e.pain_after = Some(Pain::of(pain));
            e.next_morning = morning.map(Pain::of);
            e.rpe = Some(
                session_rpe.min(
                    next.exercises
                        .iter()
                        .filter_map(|x| x.rpe_cap)
                        .max()
                        .unwrap_or(10),
                ),
            );
            // `graded log` asks a barbell set's own RPE: what it takes someone at this load.
            for x in &next.exercises {
                if let (Some(lift), Some(load)) = (x.lift.as_deref(), x.load)
                    && let Some(orm) = prof.lift(lift).map(|l| l.one_rep_max())
                    && let Some(reps) = x.reps.as_deref().and_then(|r| r.parse::<u32>().ok())
                    && let Some(r) = rpe::expected(reps, load / orm * 100.0)
                    && !e.lift_rpe.iter().any(|(l, _)| l == lift)
                {
                    e.lift_rpe.push((lift.to_string(), r));
                }
            }
        }
        log.entries.push(e);
        today = date + Duration::days(1);
    }
    log
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn noisy_logs_never_advance_unsafely_or_raise_a_load_too_fast(
        days in prop::collection::vec(day(), 20..90),
        which in 0..BUILT_IN.len(),
        session_rpe in 3u8..=9,
    ) {
        let (p, prof) = setup(which);
        let log = live(&p, &prof, &days, session_rpe);
        let end = log.entries.last().map_or(prof.start, |e| e.date) + Duration::days(1);
        let (plan, replay) = build_plan(&p, &prof, &log, end, Some(4));
        for (i, j) in replay.judged.iter().enumerate() {
            if j.entry.next_morning.is_some_and(|m| m >= Pain::of(6)) || j.outcome == Outcome::Red {
                prop_assert_ne!(j.decision, Decision::Advance, "{}", j.entry.date);
            }
            if j.outcome == Outcome::Red
                && let Some(next) = replay.judged[i + 1..].iter().find(|n| n.entry.kind == EntryKind::Session && n.outcome != Outcome::None)
            {
                prop_assert_ne!(next.decision, Decision::Advance, "right after the red of {}", j.entry.date);
            }
        }
        let mut loads: Vec<(NaiveDate, String, f64, usize)> = Vec::new();
        for s in plan.sessions.iter().filter(|s| !matches!(s.status, SlotStatus::Missed | SlotStatus::Skipped)) {
            for e in s.exercises.iter().filter(|e| e.lift.is_some()) {
                if let Some(load) = e.load {
                    loads.push((s.date, e.id.to_string(), load, s.stage));
                }
            }
        }
        for (i, (a_date, id, a, stage)) in loads.iter().enumerate() {
            let weekly = p.stages[stage - 1].weekly_load_cap_pct.unwrap_or(10.0);
            for (b_date, other, b, _) in &loads[i + 1..] {
                if (*b_date - *a_date).num_days() > 7 { break; }
                if other == id {
                    prop_assert!(*b <= a * (1.0 + weekly / 100.0) + 1e-9, "{id} {a} on {a_date} rose to {b} on {b_date}");
                }
            }
        }
    }
}

/// All green but noisy: one effort score for each whole session, a forgotten morning about
/// once a month. Every built-in program gets back to the pre-injury lift within 14 weeks.
#[test]
fn an_all_green_but_noisy_person_is_back_within_14_weeks() {
    for (which, (id, _)) in BUILT_IN.iter().enumerate() {
        let (p, prof) = setup(which);
        let days: Vec<Day> = (0..120)
            .map(|n| {
                if n % 12 == 11 {
                    Day::Forgot
                } else {
                    Day::Green
                }
            })
            .collect();
        let log = live(&p, &prof, &days, 6);
        let end = log.entries.last().map_or(prof.start, |e| e.date) + Duration::days(1);
        let (plan, _) = build_plan(&p, &prof, &log, end, Some(1));
        let done = plan.completion.as_ref().filter(|c| !c.projected);
        let Some(c) = done else {
            let (_, replay) = build_plan(&p, &prof, &log, end, Some(1));
            let tail: Vec<String> = replay
                .judged
                .iter()
                .rev()
                .take(6)
                .map(|j| {
                    format!(
                        "{} s{} st{} {:?} {:?}: {}",
                        j.entry.date,
                        j.stage,
                        j.step,
                        j.outcome,
                        j.decision,
                        j.reasons
                            .iter()
                            .map(|r| r.to_string())
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                })
                .collect();
            panic!(
                "{id}: not complete after {} rows:\n{}",
                log.entries.len(),
                tail.join("\n")
            );
        };
        assert!(
            (c.date - prof.start).num_days() <= 7 * 14,
            "{id}: back to 100% only on {} ({} days)",
            c.date,
            (c.date - prof.start).num_days()
        );
        assert!(c.means.contains("Back to 100%"), "{id}: {}", c.means);
    }
}
