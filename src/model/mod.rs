//! Plain data types: programs, profiles, the session log, pain scores, red flags and the plan.
//! Nothing here reads files or the clock; `load` builds these from text, `engine` computes with them.

pub mod adjust;
pub mod exercise;
pub mod form;
pub mod outcome;
pub mod pain;
pub mod plan;
pub mod profile;
pub mod program;
pub mod red_flag;
pub mod rpe;
pub mod session_log;
pub mod session_move;
pub mod zone;

pub use adjust::{AdjustKind, Adjustment, GateName};
pub use exercise::{ExerciseEntry, Library};
pub use outcome::{Decision, Outcome};
pub use pain::{Pain, PainError};
pub use plan::{Completion, Pause, Plan, PlannedExercise, PlannedSession, SlotStatus, Stall};
pub use profile::{Lift, Profile, Units};
pub use program::{Dose, Exercise, Gates, Program, Stage, StageKind};
pub use red_flag::{RedFlag, Symptom, Triage};
pub use session_log::{
    Correction, CorrectionKind, Efforts, EntryKind, LogEntry, SessionLog, SessionStatus, Source,
};
pub use session_move::SessionMove;
pub use zone::Zone;

/// Text that a program holds and every planned session repeats (a stage's name and notes, an
/// exercise's name): shared, so a session made from the program copies a pointer, not the text.
pub type Text = std::sync::Arc<str>;

/// The notice every output a person reads carries.
pub const NOTICE: &str = "General guidance, not a diagnosis: see a clinician if symptoms persist, \
worsen, or nerve symptoms appear.";

/// FNV-1a, 64 bits: a stable hash for identities and change detection (never for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_on(0xcbf2_9ce4_8422_2325, bytes)
}

/// FNV-1a going on from `hash` over `bytes`: `fnv1a_on(fnv1a(a), b)` is `fnv1a` of `a` then `b`.
pub fn fnv1a_on(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
