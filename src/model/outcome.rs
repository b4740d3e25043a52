//! What one session's pain said: the outcome the engine judged (green, amber, red ...).

use serde::Serialize;

/// What one session's pain says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Within the green band: counts toward progression [TRAFFIC][PMM].
    Green,
    /// Acceptable but not progressing: hold the dose [PMM][TRAFFIC].
    Amber,
    /// Too much: regress one step [TRAFFIC][MCID][24H][SYNTH].
    Red,
    /// A red-flag symptom: stop the program.
    Stop,
    /// Waiting for the next-morning pain.
    Pending,
    /// Nothing to judge (a skipped session, a screen, a resume).
    None,
}

impl Outcome {
    /// The JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Green => "green",
            Outcome::Amber => "amber",
            Outcome::Red => "red",
            Outcome::Stop => "stop",
            Outcome::Pending => "pending",
            Outcome::None => "none",
        }
    }
}
