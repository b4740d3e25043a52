//! The session gate: pain scores -> outcome (docs/EVIDENCE.md, session rules).

use serde::Serialize;

use crate::model::{Gates, LogEntry, Pain, SessionStatus};

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
    /// docs/EVIDENCE.md keys (`[TRAFFIC][PMM]`).
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

/// A baseline rounded as every view shows it: to one decimal (the text, the JSON, the reasons).
pub fn round_baseline(b: f64) -> f64 {
    (b * 10.0).round() / 10.0
}

/// A baseline as a person reads it, rounded by [`round_baseline`]: a whole number, or one
/// decimal (`2/10`, `1.7/10`).
pub fn fmt_baseline(b: f64) -> String {
    let r = round_baseline(b);
    if r.fract() == 0.0 {
        format!("{r:.0}/10")
    } else {
        format!("{r:.1}/10")
    }
}

/// Judges the pain of one logged session against the gates and the current baseline.
///
/// Red when pain during or after passes amber [TRAFFIC], when next-morning pain passes amber
/// whatever the baseline [TRAFFIC][PMM], when it is at baseline + `morning_rise_red` or more
/// [MCID], or when amber pain has not settled by the next morning [PMM][24H]. Green only when
/// pain stays within green and the morning is at or below both the baseline and the green
/// limit: the limits are absolute as well as relative [TRAFFIC][PMM]. A partial session is at
/// best amber. Amber otherwise.
pub fn judge(entry: &LogEntry, gates: &Gates, baseline: f64) -> (Outcome, Reason) {
    if entry.status == SessionStatus::Skipped {
        return (
            Outcome::None,
            Reason::new("skipped", "", "Session skipped: the dose stays the same."),
        );
    }
    let pain = entry.session_pain().unwrap_or(Pain::NONE);
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
                format!(
                    "Red: {scores}; {}/10 or more is too much.",
                    gates.amber_max.get() + 1
                ),
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
    // Absolute limits first: 6/10 or more the next morning is red whatever the baseline
    // [TRAFFIC][PMM].
    if morning > gates.amber_max {
        return (
            Outcome::Red,
            Reason::new(
                "red morning",
                "[TRAFFIC][PMM]",
                format!(
                    "Red: next-morning pain {morning}/10; {}/10 or more is too much, whatever your usual morning pain.",
                    gates.amber_max.get() + 1
                ),
            ),
        );
    }
    if m >= baseline + rise {
        return (
            Outcome::Red,
            Reason::new(
                "red morning",
                "[MCID][PMM]",
                format!(
                    "Red: next-morning pain {morning}/10 is {} or more above your usual morning pain, {}.",
                    gates.morning_rise_red,
                    fmt_baseline(baseline)
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
                    "Red: {scores} had not settled by the next morning ({morning}/10; your usual morning pain is {}).",
                    fmt_baseline(baseline)
                ),
            ),
        );
    }
    if pain <= gates.green_max && m <= baseline && morning <= gates.green_max {
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
                    "Green: {scores} is within 0-{g}/10 and next-morning pain {morning}/10 is at or below both your usual morning pain ({}) and {g}/10.",
                    fmt_baseline(baseline),
                    g = gates.green_max
                ),
            ),
        );
    }
    if morning > gates.green_max {
        return (
            Outcome::Amber,
            Reason::new(
                "amber morning",
                "[PMM][TRAFFIC]",
                format!(
                    "Amber: next-morning pain {morning}/10 is within {}-{}/10: hold until mornings are at {}/10 or less.",
                    gates.green_max.get() + 1,
                    gates.amber_max,
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
                    gates.green_max.get() + 1,
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
                    "Amber: next-morning pain {morning}/10 is above your usual morning pain, {}.",
                    fmt_baseline(baseline)
                ),
            ),
        )
    }
}
