//! Every rule as a case table with fixed dates (no clock, no files), named by its source key.
//! They set the engine's private state directly (a stage, a step, the day of the last rise),
//! so they live inside the crate.

mod adjust;
mod revised;
mod rules;
mod words;

use crate::model::{LogEntry, Pain, Profile, Program, SessionStatus};
use chrono::NaiveDate;

/// A date in the example's season.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The seed program.
pub fn program() -> Program {
    crate::load::program::built_in("mid-back-strain").expect("built-in program")
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
