//! The session gate: pain scores -> outcome (CLINICAL.md "Default session rule set").

use serde::Serialize;

use crate::model::{Gates, LogEntry, SessionStatus};

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

/// A reason for an outcome or decision: a sentence naming the rule and its source key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Short rule name (`green session`).
    pub rule: &'static str,
    /// CLINICAL.md keys (`[TRAFFIC][PMM]`).
    pub source: &'static str,
    /// The sentence.
    pub text: String,
}

impl Reason {
    /// A reason.
    pub fn new(rule: &'static str, source: &'static str, text: impl Into<String>) -> Self {
        Reason {
            rule,
            source,
            text: text.into(),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (rule: {} {})", self.text, self.rule, self.source)
    }
}

/// Judges the pain of one logged session against the gates and the current baseline.
///
/// Red when pain during or after passes amber [TRAFFIC], when next-morning pain is at
/// baseline + `morning_rise_red` or more [MCID], or when amber pain has not settled by the
/// next morning [PMM][24H]. Green when pain stays within green and the morning is back at or
/// below baseline [TRAFFIC][PMM]. A partial session is at best amber. Amber otherwise.
pub fn judge(entry: &LogEntry, gates: &Gates, baseline: f64) -> (Outcome, Reason) {
    if entry.status == SessionStatus::Skipped {
        return (
            Outcome::None,
            Reason::new("skipped", "", "Session skipped: the dose stays the same."),
        );
    }
    let pain = entry.session_pain().unwrap_or(0);
    let scores = match (entry.pain_during, entry.pain_after) {
        (Some(d), Some(a)) => format!("pain {d}/10 during and {a}/10 after"),
        (Some(d), None) => format!("pain {d}/10 during"),
        (None, Some(a)) => format!("pain {a}/10 after"),
        (None, None) => "no pain scores".to_string(),
    };
    if pain > gates.amber_max {
        return (
            Outcome::Red,
            Reason::new(
                "red session",
                "[TRAFFIC]",
                format!("Red: {scores} is above {}/10.", gates.amber_max),
            ),
        );
    }
    let Some(morning) = entry.next_morning else {
        return (
            Outcome::Pending,
            Reason::new(
                "next-morning check",
                "[PMM][24H]",
                format!(
                    "Pending: {scores}; the next-morning pain is not logged yet, so the dose holds until it is."
                ),
            ),
        );
    };
    let m = f64::from(morning);
    let rise = f64::from(gates.morning_rise_red);
    if m >= baseline + rise {
        return (
            Outcome::Red,
            Reason::new(
                "red morning",
                "[MCID][PMM]",
                format!(
                    "Red: next-morning pain {morning}/10 is {} or more above the baseline {baseline:.1}.",
                    gates.morning_rise_red
                ),
            ),
        );
    }
    if pain > gates.green_max && m > baseline {
        return (
            Outcome::Red,
            Reason::new(
                "not settled",
                "[PMM][24H]",
                format!(
                    "Red: {scores} had not settled by the next morning ({morning}/10, baseline {baseline:.1})."
                ),
            ),
        );
    }
    if pain <= gates.green_max && m <= baseline {
        if entry.status == SessionStatus::Partial {
            return (
                Outcome::Amber,
                Reason::new(
                    "partial session",
                    "[SYNTH]",
                    format!(
                        "Amber: a partial session ({scores}, next morning {morning}/10) holds the dose."
                    ),
                ),
            );
        }
        return (
            Outcome::Green,
            Reason::new(
                "green session",
                "[TRAFFIC][PMM]",
                format!(
                    "Green: {scores} is within 0-{}/10 and next-morning pain {morning}/10 is at or below the baseline {baseline:.1}.",
                    gates.green_max
                ),
            ),
        );
    }
    if pain > gates.green_max {
        (
            Outcome::Amber,
            Reason::new(
                "amber session",
                "[PMM][TRAFFIC]",
                format!(
                    "Amber: {scores} is within {}-{}/10 and settled by the next morning ({morning}/10).",
                    gates.green_max + 1,
                    gates.amber_max
                ),
            ),
        )
    } else {
        (
            Outcome::Amber,
            Reason::new(
                "amber morning",
                "[PMM]",
                format!(
                    "Amber: next-morning pain {morning}/10 is above the baseline {baseline:.1}."
                ),
            ),
        )
    }
}
