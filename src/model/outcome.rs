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

/// What the engine decided after a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The program begins (nothing logged yet), or resumes after a clearance.
    Start,
    /// One dose step up, or on to the next stage.
    Advance,
    /// Repeat the same dose.
    Hold,
    /// One dose step down (one stage back from a stage's first step).
    Regress,
    /// The program is stopped.
    Stop,
    /// Complete: keep the final dose (maintenance), never a step up.
    Maintain,
}

impl Decision {
    /// The JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Start => "start",
            Decision::Advance => "advance",
            Decision::Hold => "hold",
            Decision::Regress => "regress",
            Decision::Stop => "stop",
            Decision::Maintain => "maintain",
        }
    }
}
