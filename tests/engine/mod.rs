//! Engine tests through its public API: dosage, pace, and property tests of the safety
//! invariants. The rule case tables drive the engine's private state, so they are unit tests
//! in `src/engine/tests/`.

mod dosage;
mod moves;
mod noisy;
mod pace;
mod properties;

use chrono::NaiveDate;
use graded::model::{Profile, Program};

/// A date in the example's season.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// The seed program.
pub fn program() -> Program {
    graded::load::program::built_in("mid-back-strain").expect("built-in program")
}

/// The example profile.
pub fn profile() -> Profile {
    Profile::example()
}
