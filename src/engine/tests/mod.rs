//! The rule tests, one file per rule file and named after it: `gate.rs` for `engine/gate.rs`;
//! `red_flags.rs`, `breaks.rs`, `adjustments.rs`, `trend.rs`, `review.rs`, `effort.rs`,
//! `red.rs`, `advance.rs`, `completion.rs` and `load_cap.rs` for the files of `engine/rules/`.
//! Each file's main test is a case table (`#[rstest]`), each named by its source key in
//! docs/EVIDENCE.md (`synth_`, `pmm_`, `gabbett_`...); its cases say what they check, most of
//! them with the key first too. Tests of another shape stand beside it. Two files belong to no rule: `words.rs`, the wording every rule's
//! reasons share (baselines, pain scores and dates written as numbers), and `programs.rs`, the
//! built-in programs' content and the plan's first day. Fixed dates, no clock, no files. They
//! set the engine's private state directly (a stage, a step, the day of the last rise), so
//! they live inside the crate.

mod adjustments;
mod advance;
mod breaks;
mod completion;
mod effort;
mod gate;
mod load_cap;
mod programs;
mod red;
mod red_flags;
mod review;
mod trend;
mod words;

use crate::engine::{Decision, State, build_plan};
use crate::model::{LogEntry, Pain, Plan, Profile, Program, SessionLog, SessionStatus};
use chrono::NaiveDate;

/// A date in the example's season.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The seed program.
pub fn program() -> Program {
    crate::load::program::built_in("mid-back-strain").expect("built-in program")
}

/// A built-in program by its id.
pub fn built_in(id: &str) -> Program {
    crate::load::program::built_in(id).expect("built-in")
}

/// The example profile, its red-flag screen taken as always up to date: the tables judge one
/// rule at a time, and the screen's own rules have cases of their own (`screen_*`).
pub fn profile() -> Profile {
    Profile {
        screened: d("2099-12-31"),
        ..Profile::example()
    }
}

/// A session with pain during/after and the next morning (scores the tests write: 0-10).
pub fn session(date: &str, during: u8, after: u8, morning: Option<u8>) -> LogEntry {
    LogEntry {
        pain_during: Some(Pain::of(during)),
        pain_after: Some(Pain::of(after)),
        next_morning: morning.map(Pain::of),
        ..LogEntry::session(d(date))
    }
}

/// A symptom by its id (a known one: the tests name them).
pub fn sym(id: &str) -> crate::model::Symptom {
    crate::model::Symptom::parse(id).expect("a known symptom id")
}

/// A session with a status.
pub fn with_status(mut e: LogEntry, status: SessionStatus) -> LogEntry {
    e.status = status;
    e
}

/// A session with no pain and the given red flags.
pub fn flagged(date: &str, flags: &[&str]) -> LogEntry {
    let mut e = session(date, 0, 0, Some(0));
    e.symptoms = flags.iter().map(|f| sym(f)).collect();
    e
}

/// Applies sessions in order and returns the decisions.
pub fn run(state: &mut State, entries: &[LogEntry]) -> Vec<Decision> {
    let p = program();
    entries
        .iter()
        .map(|e| state.apply(&p, &profile(), e).decision)
        .collect()
}

/// The state at the first step of the mobility stage (two steps: room to step up and back).
pub fn mobility() -> State {
    let mut s = State::new(&profile());
    s.stage = 1;
    s
}

/// The state in load tolerance at its first step, loaded since a week ago.
pub fn loading() -> State {
    let mut s = State::new(&profile());
    s.stage = 3;
    s.stage_start = d("2026-12-21");
    s.last_increase = Some(d("2026-12-21"));
    s.last_session = Some(d("2026-12-28"));
    s
}

/// The state at the return stage's estimate set (a set of 3 at 200 lb of a 235 lb squat).
pub fn at_the_estimate() -> State {
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

/// The back squat's load of a session on `date` at the state's stage and step, if it has one.
pub fn squat_load_of(s: &State, date: &str) -> Option<f64> {
    s.exercises(&program(), &profile(), d(date))
        .iter()
        .find(|e| &*e.id == "back-squat")
        .and_then(|e| e.load)
}

/// The back squat's load of a session on `date` at the state's stage and step.
pub fn squat_load(s: &State, date: &str) -> f64 {
    squat_load_of(s, date).expect("a squat load")
}

/// The low-back program planned for the example person with a 315 lb deadlift, every session
/// green.
pub fn low_back_all_green() -> Plan {
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
