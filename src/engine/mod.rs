//! The pure engine: no clock, no files, no environment. Today and the loaded data come in;
//! outcomes, decisions and the plan go out.

pub mod calendar;
pub mod course;
pub mod dosage;
pub mod gate;
pub mod moving;
pub mod plan;
pub mod rule;
pub mod rules;
pub mod schedule;
pub mod standing;
mod track;

pub use course::{Course, Tally, WithdrawnFlag, course};
pub use gate::{Outcome, Reason};
pub use plan::{Replay, build_plan};
pub use rule::Rule;
pub use rules::{Decision, Judged, State, Stopped};
pub use standing::Standing;
