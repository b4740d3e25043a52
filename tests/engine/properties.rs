//! Safety invariants over thousands of random logs and every built-in program (proptest): the
//! engine never advances after a red session or with a next-morning score of 6 or more, never
//! raises a load above the program's cap or by more than its weekly cap, never lets a red
//! flag's triage drop without a clearance, plans nothing after a stop, a gap never steps up,
//! and a row withdrawn or replaced by a correction counts for nothing.

use chrono::Duration;
use graded::engine::{Decision, Outcome, build_plan};
use graded::load::program::BUILT_IN;
use graded::model::{
    Correction, CorrectionKind, EntryKind, LogEntry, Pain, Profile, Program, SessionLog,
    SessionStatus, SlotStatus, Triage, red_flag::RED_FLAGS,
};
use proptest::prelude::*;

use super::{d, profile};

/// One random row: days after the previous one (0: the same day), pain during and after, the
/// next morning, a status code (0 skipped, 1 partial, else done), maybe a red flag's index,
/// maybe a session RPE, maybe a squat RPE, and a kind code (0 a clearance, 1 a screen, else a
/// session).
type Row = (
    i64,
    u8,
    u8,
    Option<u8>,
    u8,
    Option<usize>,
    Option<u8>,
    Option<u8>,
    u8,
);

fn row() -> impl Strategy<Value = Row> {
    let pain = prop_oneof![8 => 0u8..=3, 2 => 4u8..=5, 1 => 6u8..=10];
    let morning =
        prop_oneof![7 => (0u8..=2).prop_map(Some), 2 => (3u8..=10).prop_map(Some), 1 => Just(None)];
    let flag = prop_oneof![60 => Just(None), 1 => (0..RED_FLAGS.len()).prop_map(Some)];
    let rpe = prop_oneof![3 => Just(None), 2 => (0u8..=10).prop_map(Some)];
    let gap = prop_oneof![1 => Just(0i64), 12 => 1i64..=3, 2 => 4i64..=10, 1 => 11i64..=40];
    (
        gap,
        pain.clone(),
        pain,
        morning,
        0u8..20,
        flag,
        rpe.clone(),
        rpe,
        0u8..60,
    )
}

fn log_from(rows: &[Row]) -> SessionLog {
    let mut date = d("2026-11-24");
    let entries = rows
        .iter()
        .map(
            |&(gap, during, after, morning, status, flag, rpe, squat, kind)| {
                date += Duration::days(gap);
                let symptoms: Vec<graded::model::Symptom> = flag
                    .map(|i| vec![graded::model::Symptom::Flag(&RED_FLAGS[i])])
                    .unwrap_or_default();
                match kind {
                    0 => LogEntry {
                        kind: EntryKind::Resume,
                        note: "Dr Lee, GP".into(),
                        ..LogEntry::session(date)
                    },
                    1 => LogEntry {
                        kind: EntryKind::Screen,
                        symptoms,
                        ..LogEntry::session(date)
                    },
                    _ => LogEntry {
                        pain_during: Some(Pain::of(during)),
                        pain_after: Some(Pain::of(after)),
                        next_morning: morning.map(Pain::of),
                        status: match status {
                            0 => SessionStatus::Skipped,
                            1 => SessionStatus::Partial,
                            _ => SessionStatus::Done,
                        },
                        rpe,
                        lift_rpe: squat
                            .map(|r| vec![("squat".to_string(), f64::from(r))])
                            .unwrap_or_default(),
                        symptoms,
                        ..LogEntry::session(date)
                    },
                }
            },
        )
        .collect();
    SessionLog {
        entries,
        moves: vec![],
    }
}

/// A built-in program and a profile for it, with or without the optional lifts.
fn setup(which: usize, extra_lifts: Option<f64>, squat_reps: u32) -> (Program, Profile) {
    let p = graded::load::program::built_in(BUILT_IN[which].0).expect("built-in");
    let mut prof = profile();
    prof.lifts[0].reps = squat_reps;
    if let Some(w) = extra_lifts {
        prof.lifts.push(graded::model::Lift {
            name: "deadlift".into(),
            weight: w,
            reps: 1,
        });
        prof.lifts.push(graded::model::Lift {
            name: "bench".into(),
            weight: w * 0.6,
            reps: 1,
        });
    }
    (p, prof)
}

fn today_after(rows: &[Row]) -> chrono::NaiveDate {
    d("2026-11-24") + Duration::days(rows.iter().map(|r| r.0).sum::<i64>() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_advances_after_a_red_session_or_with_a_morning_of_six_or_more(
        rows in prop::collection::vec(row(), 1..160),
        which in 0..BUILT_IN.len(),
    ) {
        let (p, prof) = setup(which, Some(300.0), 1);
        let (_, replay) = build_plan(&p, &prof, &log_from(&rows), today_after(&rows), Some(4));
        for (i, j) in replay.judged.iter().enumerate() {
            let judged_session = j.entry.kind == EntryKind::Session
                && j.entry.status != SessionStatus::Skipped
                && j.decision != Decision::Stop;
            if judged_session && j.entry.next_morning.is_some_and(|m| m >= Pain::of(6)) {
                prop_assert_eq!(j.outcome, Outcome::Red, "morning {:?} on {}", j.entry.next_morning, j.entry.date);
            }
            if j.outcome == Outcome::Red {
                prop_assert_ne!(j.decision, Decision::Advance);
                // The next session judged (screens and clearances aside) does not advance either.
                if let Some(next) = replay.judged[i + 1..].iter().find(|n| n.entry.kind == EntryKind::Session && n.outcome != Outcome::None) {
                    prop_assert_ne!(next.decision, Decision::Advance, "advanced on {} right after the red session on {}", next.entry.date, j.entry.date);
                }
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
        // Every built-in program, with and without the optional lifts, any rep count, any effort.
        let (p, prof) = setup(which, deadlift, squat_reps);
        let (plan, _) = build_plan(&p, &prof, &log_from(&rows), today_after(&rows), None);
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
                    loads.push((s.date, e.id.to_string(), load, s.stage));
                }
            }
        }
        for (i, (a_date, lift, a, stage)) in loads.iter().enumerate() {
            let weekly = p.stages[stage - 1].weekly_load_cap_pct.expect("every loaded stage has a weekly cap");
            for (b_date, other, b, _) in &loads[i + 1..] {
                if (*b_date - *a_date).num_days() > 7 { break; }
                if other == lift {
                    prop_assert!(*b <= a * (1.0 + weekly / 100.0) + 1e-9, "{lift} {a} on {a_date} rose to {b} on {b_date}");
                }
            }
        }
    }

    #[test]
    fn a_red_flags_triage_never_drops_without_a_clearance(
        rows in prop::collection::vec(row(), 1..160),
        which in 0..BUILT_IN.len(),
    ) {
        let (p, prof) = setup(which, None, 1);
        let (plan, replay) = build_plan(&p, &prof, &log_from(&rows), today_after(&rows), None);
        let mut strongest: Option<Triage> = None;
        for j in &replay.judged {
            if j.entry.kind == EntryKind::Resume {
                strongest = None;
                continue;
            }
            if let Some(t) = strongest {
                prop_assert_eq!(j.decision, Decision::Stop, "{} after a stop and no clearance", j.entry.date);
                prop_assert!(j.triage.is_some_and(|now| now >= t), "triage fell from {:?} to {:?} on {}", t, j.triage, j.entry.date);
            }
            if j.decision == Decision::Stop {
                strongest = strongest.max(j.triage);
            }
        }
        prop_assert_eq!(replay.state.stopped().map(|s| s.triage), strongest);
        if strongest.is_some() {
            prop_assert!(plan.stopped);
            prop_assert!(plan.sessions.iter().all(|s| s.status != SlotStatus::Planned), "no session is planned while stopped");
        }
    }

    #[test]
    fn a_gap_never_steps_up(
        rows in prop::collection::vec(row(), 1..160),
        which in 0..BUILT_IN.len(),
    ) {
        let (p, prof) = setup(which, Some(300.0), 1);
        let (_, replay) = build_plan(&p, &prof, &log_from(&rows), today_after(&rows), None);
        let mut last: Option<chrono::NaiveDate> = None;
        let mut at = (0usize, 0usize);
        for j in &replay.judged {
            if j.entry.kind != EntryKind::Session || j.entry.status == SessionStatus::Skipped || j.decision == Decision::Stop {
                continue;
            }
            let gap = last.map(|l| (j.entry.date - l).num_days());
            if gap.is_some_and(|g| g > 7) {
                prop_assert!((j.stage, j.step) <= at, "{} days away, yet {:?} is above {:?} on {}", gap.unwrap_or(0), (j.stage, j.step), at, j.entry.date);
                prop_assert_ne!(j.decision, Decision::Advance);
            }
            last = Some(j.entry.date);
            // At most where the session left the person: one step up (or the next stage's first
            // step) after an advance, no higher than it was done at otherwise.
            at = if j.decision == Decision::Advance { (j.stage + 1, 0) } else { (j.stage, j.step) };
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The engine judges the corrected record only: a log with rows struck out (withdrawn or
    /// replaced, red flags and all) plans and judges exactly as the log without them.
    #[test]
    fn struck_rows_count_for_nothing(
        rows in prop::collection::vec(row(), 1..120),
        struck in prop::collection::vec(0u8..4, 120),
        which in 0..BUILT_IN.len(),
    ) {
        let (p, prof) = setup(which, Some(300.0), 1);
        let today = today_after(&rows);
        let full = log_from(&rows);
        let mut marked = full.clone();
        let mut kept = SessionLog::default();
        for (e, &s) in marked.entries.iter_mut().zip(&struck) {
            let kind = match s {
                0 => CorrectionKind::Withdrawn,
                1 => CorrectionKind::Replaced,
                _ => {
                    kept.entries.push(e.clone());
                    continue;
                }
            };
            e.correction = Some(Correction { kind, date: e.date, reason: "test".into() });
        }
        let a = graded::engine::course(&p, &prof, &marked, today, Some(4));
        let b = graded::engine::course(&p, &prof, &kept, today, Some(4));
        prop_assert_eq!(&a.plan, &b.plan);
        prop_assert_eq!(&a.replay.judged, &b.replay.judged);
        prop_assert_eq!(&a.replay.state, &b.replay.state);
        prop_assert_eq!(a.struck.len(), full.entries.len() - kept.entries.len());
        prop_assert!(a.struck.iter().all(|e| !e.in_force()));
    }
    /// A therapist's note is never judged: a log with notes anywhere (on session days, between
    /// them, after the last row) plans and judges exactly as the log without them, and every
    /// note is kept for the views.
    #[test]
    fn notes_count_for_nothing(
        rows in prop::collection::vec(row(), 1..120),
        notes in prop::collection::vec((0usize..130, 0i64..3), 0..12),
        which in 0..BUILT_IN.len(),
    ) {
        let (p, prof) = setup(which, Some(300.0), 1);
        let today = today_after(&rows);
        let plain = log_from(&rows);
        let mut noted = plain.clone();
        for (i, &(at, later)) in notes.iter().enumerate() {
            let at = at.min(noted.entries.len());
            let base = noted.entries.get(at.saturating_sub(1)).map_or(prof.start, |e| e.date);
            noted.entries.insert(at, LogEntry {
                kind: EntryKind::Note,
                note: format!("note {i}"),
                author: "Dr Lee, PT".into(),
                ..LogEntry::session(base + Duration::days(later))
            });
        }
        let a = graded::engine::course(&p, &prof, &noted, today, Some(4));
        let b = graded::engine::course(&p, &prof, &plain, today, Some(4));
        prop_assert_eq!(&a.plan, &b.plan);
        prop_assert_eq!(&a.replay.judged, &b.replay.judged);
        prop_assert_eq!(&a.replay.state, &b.replay.state);
        prop_assert_eq!(&a.visits, &b.visits);
        prop_assert_eq!(a.notes.len(), notes.len());
    }
}

#[test]
fn every_built_in_program_runs_an_all_green_log_to_completion() {
    for (id, _) in BUILT_IN {
        let (p, prof) = setup(
            BUILT_IN.iter().position(|(i, _)| i == id).expect("id"),
            Some(300.0),
            1,
        );
        let (plan, _) = build_plan(&p, &prof, &SessionLog::default(), d("2026-11-24"), None);
        let c = plan.completion.as_ref().expect("completes");
        assert!(
            (c.date - prof.start).num_days() <= 7 * 14,
            "{id}: completes on {}",
            c.date
        );
        assert!(c.means.contains("Back to 100%"), "{id}: {}", c.means);
    }
}

/// One random adjustment: a kind code (0 max-pct, 1 swap, 2 hold a stage, 3 a gate), two
/// picks (a lift or an exercise or a stage or a gate, and a percentage or a value), the day it is
/// made (days after the start) and how long it lasts (`None`: open-ended).
type Adj = (u8, usize, usize, i64, Option<i64>);

fn adj() -> impl Strategy<Value = Adj> {
    (
        0u8..4,
        0usize..100,
        0usize..100,
        0i64..80,
        prop::option::of(1i64..60),
    )
}

/// The adjustment an [`Adj`] names in program `p` for profile `prof`, as `graded adjust` would
/// accept it (every name the program's, every gate within the program's own).
fn adjustment(p: &Program, prof: &Profile, a: Adj) -> Option<graded::model::Adjustment> {
    use graded::model::{AdjustKind, GateName};
    let (kind, x, y, made, lasts) = a;
    let made = prof.start + Duration::days(made);
    let exercises: Vec<&graded::model::Exercise> =
        p.stages.iter().flat_map(|s| s.exercises.iter()).collect();
    let (kind, until) = match kind {
        0 => {
            let lift = prof.lifts[x % prof.lifts.len()].name.clone();
            (
                AdjustKind::MaxPct {
                    lift,
                    pct: (y % 100 + 1) as f64,
                },
                lasts.map(|l| made + Duration::days(l)),
            )
        }
        1 => {
            let from = exercises[x % exercises.len()].id.to_string();
            let unloaded: Vec<_> = exercises
                .iter()
                .filter(|e| e.lift.is_none() && *e.id != *from)
                .collect();
            let to = unloaded.get(y % unloaded.len().max(1))?.id.to_string();
            (
                AdjustKind::Swap { from, to },
                lasts.map(|l| made + Duration::days(l)),
            )
        }
        2 => {
            let stage = p.stages[x % p.stages.len()].id.to_string();
            (
                AdjustKind::HoldStage { stage },
                Some(made + Duration::days(lasts.unwrap_or(7))),
            )
        }
        _ => {
            let gate = GateName::ALL[x % 4];
            let (lo, hi) = gate.range();
            let hi = p
                .stages
                .iter()
                .filter_map(|s| gate.of(&s.gates))
                .min()
                .unwrap_or(hi)
                .min(hi);
            let value = lo + (y % usize::from(hi - lo + 1)) as u8;
            (
                AdjustKind::Gate { gate, value },
                lasts.map(|l| made + Duration::days(l)),
            )
        }
    };
    Some(graded::model::Adjustment {
        kind,
        by: "Dr Lee, PT".into(),
        reason: None,
        made,
        until,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Adjustments only ever make the plan more cautious: no load above a max-pct in force, no
    /// green session with pain or a next morning above a stricter gate in force, no advance out
    /// of a held stage before its day, and still never above the program's caps.
    #[test]
    fn adjustments_are_obeyed_on_every_date(
        rows in prop::collection::vec(row(), 1..120),
        adjs in prop::collection::vec(adj(), 0..5),
        which in 0..BUILT_IN.len(),
    ) {
        use graded::model::{AdjustKind, GateName};
        let (p, mut prof) = setup(which, Some(300.0), 1);
        prof.adjust = adjs.into_iter().filter_map(|a| adjustment(&p, &prof, a)).collect();
        let (plan, replay) = build_plan(&p, &prof, &log_from(&rows), today_after(&rows), None);
        for s in plan.sessions.iter().filter(|s| s.status != SlotStatus::Missed && s.status != SlotStatus::Skipped) {
            for e in &s.exercises {
                let Some(load) = e.load else { continue };
                let lift = e.lift.as_deref().expect("a load has a lift");
                let one_rm = prof.lift(lift).expect("in the profile").one_rep_max();
                let cap = p.stages[s.stage - 1].max_pct_1rm.unwrap_or(100.0);
                prop_assert!(load <= one_rm * cap / 100.0 + 1e-9);
                for a in prof.adjust.iter().filter(|a| a.in_force(s.date)) {
                    if let AdjustKind::MaxPct { lift: l, pct } = &a.kind && l == lift {
                        prop_assert!(load <= one_rm * pct / 100.0 + 1e-9, "{}: {} {load} above {pct}% of {one_rm}", s.date, e.id);
                    }
                    if let AdjustKind::Swap { from, .. } = &a.kind {
                        prop_assert_ne!(&*e.id, from.as_str(), "{} still has {}", s.date, from);
                    }
                }
            }
        }
        // The weekly cap holds across a cap's end too: the load climbs back, no jump [GABBETT].
        let mut loads: Vec<(chrono::NaiveDate, String, f64, usize)> = Vec::new();
        for s in plan.sessions.iter().filter(|s| s.status != SlotStatus::Missed && s.status != SlotStatus::Skipped) {
            for e in s.exercises.iter().filter(|e| e.lift.is_some()) {
                if let Some(load) = e.load {
                    loads.push((s.date, e.id.to_string(), load, s.stage));
                }
            }
        }
        for (i, (a_date, id, a, stage)) in loads.iter().enumerate() {
            let weekly = p.stages[stage - 1].weekly_load_cap_pct.expect("a loaded stage has a weekly cap");
            for (b_date, other, b, _) in &loads[i + 1..] {
                if (*b_date - *a_date).num_days() > 7 { break; }
                if other == id {
                    prop_assert!(*b <= a * (1.0 + weekly / 100.0) + 1e-9, "{id} {a} on {a_date} rose to {b} on {b_date}");
                }
            }
        }
        for j in &replay.judged {
            let date = j.entry.date;
            let stage = &p.stages[j.stage];
            for a in prof.adjust.iter().filter(|a| a.in_force(date)) {
                match &a.kind {
                    AdjustKind::Gate { gate, value } if j.outcome == Outcome::Green => {
                        let v = Pain::of(*value);
                        let pain = j.entry.session_pain().unwrap_or(Pain::NONE);
                        match gate {
                            GateName::GreenMax => prop_assert!(pain <= v, "green at {pain} over {v} on {date}"),
                            GateName::NextMorningMax => prop_assert!(j.entry.next_morning.is_some_and(|m| m <= v), "green with morning {:?} over {v} on {date}", j.entry.next_morning),
                            GateName::AmberMax => prop_assert!(pain <= v),
                            GateName::MorningRise => {}
                        }
                    }
                    AdjustKind::HoldStage { stage: held } if *held == *stage.id => {
                        prop_assert!(j.reasons.iter().all(|r| !matches!(r.rule, graded::engine::Rule::StageComplete | graded::engine::Rule::ProgramComplete)), "left held {held} on {date}");
                    }
                    _ => {}
                }
            }
        }
    }

    /// An all-green course with adjustments never completes sooner than without them.
    #[test]
    fn adjustments_never_bring_the_completion_forward(
        adjs in prop::collection::vec(adj(), 1..5),
        which in 0..BUILT_IN.len(),
    ) {
        let (p, mut prof) = setup(which, Some(300.0), 1);
        let (plain, _) = build_plan(&p, &prof, &SessionLog::default(), prof.start, None);
        prof.adjust = adjs.into_iter().filter_map(|a| adjustment(&p, &prof, a)).collect();
        let (adjusted, _) = build_plan(&p, &prof, &SessionLog::default(), prof.start, None);
        let before = plain.completion.as_ref().map(|c| c.date).expect("completes");
        if let Some(c) = &adjusted.completion {
            prop_assert!(c.date >= before, "{} before {}", c.date, before);
        }
    }

    /// Nothing is less cautious with adjustments than without, judged at the same point: a
    /// session's outcome under the tightened gates is never better, and a dose's loads never
    /// higher.
    #[test]
    fn adjustments_never_make_a_session_or_a_dose_less_cautious(
        adjs in prop::collection::vec(adj(), 1..5),
        which in 0..BUILT_IN.len(),
        during in 0u8..=10,
        after in 0u8..=10,
        morning in prop::option::of(0u8..=10),
        baseline in 0.0f64..6.0,
        day in 0i64..120,
        stage in 0usize..5,
        step in 0usize..6,
    ) {
        use graded::engine::dosage::{Dosing, LoadTable, session_exercises};
        use graded::engine::gate::judge;
        let (p, mut prof) = setup(which, Some(300.0), 1);
        let plain = prof.clone();
        prof.adjust = adjs.into_iter().filter_map(|a| adjustment(&p, &prof, a)).collect();
        let date = prof.start + Duration::days(day);
        let si = stage % p.stages.len();
        let rank = |o: Outcome| match o { Outcome::Green => 0, Outcome::Amber | Outcome::Pending => 1, _ => 2 };
        let entry = LogEntry {
            pain_during: Some(Pain::of(during)),
            pain_after: Some(Pain::of(after)),
            next_morning: morning.map(Pain::of),
            ..LogEntry::session(date)
        };
        let gates = &p.stages[si].gates;
        let (tight, _) = graded::engine::rules::tightened(&prof.adjust, date, gates);
        let (before, _) = judge(&entry, gates, baseline);
        let (now, _) = judge(&entry, &tight, baseline);
        prop_assert!(rank(now) >= rank(before), "{:?} became {:?}", before, now);
        let none = std::collections::BTreeMap::new();
        let table = LoadTable::new(&p, &plain);
        let at = Dosing { stage: si, step: step % p.stages[si].steps().max(1), deload: false, lower: false, session: 1, ceilings: &none, raised: &none, table: &table, date };
        let a = session_exercises(&p, &plain, &at);
        let b = session_exercises(&p, &prof, &at);
        let top = |v: &[graded::model::PlannedExercise]| v.iter().filter_map(|e| e.load).fold(0.0f64, f64::max);
        prop_assert!(top(&b) <= top(&a) + 1e-9);
        for e in &b {
            if let (Some(l), Some(orig)) = (e.load, a.iter().find(|x| x.id == e.id)) {
                prop_assert!(orig.load.is_some_and(|o| l <= o + 1e-9), "{} {l} vs {:?}", e.id, orig.load);
            }
        }
    }
}

/// How the latest judged session moved the projected finish, as it is defined: the log up to
/// that session's day projected from that day twice, without the session and with it; nothing
/// when a later row moved the program (a clearance after a stop has the last word).
fn finish_move_by_replaying(
    p: &Program,
    prof: &Profile,
    log: &SessionLog,
    judged: &[graded::engine::Judged],
) -> Option<graded::engine::course::FinishMove> {
    use graded::engine::course::projected_finish;
    let at = judged
        .iter()
        .rposition(|j| j.entry.kind == EntryKind::Session && j.outcome != Outcome::Pending)?;
    let j = &judged[at];
    if judged[at + 1..]
        .iter()
        .any(|r| r.reasons.iter().any(|x| x.rule.moves_stage()))
    {
        return None;
    }
    let day = j.entry.date;
    let upto = |keep: &dyn Fn(&LogEntry) -> bool| SessionLog {
        entries: log
            .entries
            .iter()
            .filter(|e| e.date <= day && keep(e))
            .cloned()
            .collect(),
        moves: log.moves.clone(),
    };
    let same = |e: &LogEntry| e.line == j.entry.line && e.date == day && e.kind == j.entry.kind;
    let from = projected_finish(p, prof, &upto(&|e| !same(e)), day)?;
    let to = projected_finish(p, prof, &upto(&|_| true), day);
    (Some(from) != to).then(|| graded::engine::course::FinishMove {
        session: day,
        from,
        to,
        decision: j.decision,
        why: j.why().cloned(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Status's finish move, worked out in the one pass (the state kept before the latest
    /// judged session and at the end of its day), is the one two more replays give: same-day
    /// rows, skipped and pending sessions, stops and a today before the last row included.
    #[test]
    fn the_finish_move_of_the_one_pass_is_the_two_replays(
        rows in prop::collection::vec(row(), 1..100),
        which in 0..BUILT_IN.len(),
        back in 0i64..3,
    ) {
        let (p, prof) = setup(which, Some(300.0), 1);
        let today = today_after(&rows) - Duration::days(back);
        let mut log = log_from(&rows);
        for (i, e) in log.entries.iter_mut().enumerate() {
            e.line = i + 2;
        }
        let c = graded::engine::course::course_with_finish_move(&p, &prof, &log, today, Some(2));
        let want = finish_move_by_replaying(&p, &prof, &log, &c.replay.judged);
        prop_assert_eq!(c.moved, want);
    }
}
