//! The session gate: pain scores -> outcome (docs/EVIDENCE.md, session rules).

use serde::Serialize;

pub use super::rule::Rule;

use crate::model::{Gates, LogEntry, Pain, SessionStatus, Triage};

pub use crate::model::Outcome;

/// A reason for an outcome or decision: a sentence and the rule that gave it (its name and
/// source keys shown beside the sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The rule.
    pub rule: Rule,
    /// The sentence.
    pub text: Said,
}

impl Reason {
    /// A reason.
    pub fn new(rule: Rule, text: impl Into<Said>) -> Self {
        Reason {
            rule,
            text: text.into(),
        }
    }

    /// The rule's `docs/EVIDENCE.md` keys (`[TRAFFIC][PMM]`).
    pub fn source(&self) -> &'static str {
        self.rule.sources()
    }

    /// The same rule saying the same words (however they are kept).
    pub fn same_as(&self, other: &Reason) -> bool {
        self.rule == other.rule && self.text.words() == other.text.words()
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} (rule: {} {})",
            self.text,
            self.rule.name(),
            self.rule.sources()
        )
    }
}

/// In JSON: `{"rule": "green session", "id": "green-session", "source": "[TRAFFIC][PMM]",
/// "text": "..."}` (the id tells apart rules that share a name).
impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut r = s.serialize_struct("Reason", 4)?;
        r.serialize_field("rule", self.rule.name())?;
        r.serialize_field("id", self.rule.id())?;
        r.serialize_field("source", self.rule.sources())?;
        r.serialize_field("text", &self.text)?;
        r.end()
    }
}

/// What a reason says. The rules that fire on nearly every row (the session gate, the 2-for-2
/// hold, a session's effort above its exercises' caps) keep their numbers and are put into words when a view shows them: a ten-year log has
/// thousands of rows, and most views show a few of their reasons. Rare rules keep the sentence
/// they formatted. Written out, both read the same (`Display`, and a string in JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Said {
    /// Fixed words.
    Fixed(&'static str),
    /// A sentence formatted when the rule fired.
    Text(String),
    /// The session gate's finding.
    Gate(Finding),
    /// Green sessions in a row, short of the number a step needs: hold [2FOR2].
    Streak {
        /// Greens in a row so far.
        greens: u32,
        /// Greens a step needs.
        need: u32,
    },
    /// The session's effort above the highest its exercises ask for: hold [BBM][RPE].
    SessionEffort {
        /// The session's RPE.
        rpe: u8,
        /// The highest RPE cap of its exercises.
        cap: u8,
        /// The row's decision is the hold (not a step back or a stop that other rules made).
        hold: bool,
    },
    /// Red flags recorded: stop, with their own triage's advice [NG59][IFOMPT].
    RedFlag {
        /// The flags in words.
        names: String,
        /// The triage of these flags (a stronger one may already stand).
        triage: Triage,
    },
}

impl Said {
    /// The sentence (borrowed where it is already words).
    pub fn words(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Said::Fixed(s) => (*s).into(),
            Said::Text(s) => s.as_str().into(),
            _ => self.to_string().into(),
        }
    }
}

impl From<&'static str> for Said {
    fn from(s: &'static str) -> Self {
        Said::Fixed(s)
    }
}

impl From<String> for Said {
    fn from(s: String) -> Self {
        Said::Text(s)
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Said::Fixed(s) => f.write_str(s),
            Said::Text(s) => f.write_str(s),
            Said::Gate(g) => g.fmt(f),
            Said::Streak { greens, need } => write!(
                f,
                "{greens} of {need} green sessions in a row at this dose: hold."
            ),
            Said::SessionEffort { rpe, cap, hold } => write!(
                f,
                "The session felt like RPE {rpe}, above the highest effort its exercises ask \
                 for ({cap}): it does not count toward progression, and no load is cut for \
                 it (each lift's own RPE decides its load){}",
                if *hold { ": hold." } else { "." }
            ),
            Said::RedFlag { names, triage } => write!(
                f,
                "Red-flag symptom ({names}): stop the program. {}",
                triage.advice()
            ),
        }
    }
}

impl Serialize for Said {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Said::Fixed(t) => s.serialize_str(t),
            Said::Text(t) => s.serialize_str(t),
            _ => s.collect_str(self),
        }
    }
}

/// A session's pain scores as the gate's sentences name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scores {
    during: Option<Pain>,
    after: Option<Pain>,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.during, self.after) {
            (Some(d), Some(a)) => write!(f, "pain {d}/10 during and {a}/10 after"),
            (Some(d), None) => write!(f, "pain {d}/10 during"),
            (None, Some(a)) => write!(f, "pain {a}/10 after"),
            (None, None) => f.write_str("no pain scores"),
        }
    }
}

/// A usual morning pain as a person reads it ([`fmt_baseline`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usual(pub f64);

impl std::fmt::Display for Usual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // In tenths, written as digits (the float formatter is slow, and this is on every
        // gate sentence): `2/10`, `1.7/10`, as `{:.0}` and `{:.1}` write a rounded baseline.
        let tenths = (self.0 * 10.0).round();
        if !(0.0..1e9).contains(&tenths) {
            let r = round_baseline(self.0);
            return if r.fract() == 0.0 {
                write!(f, "{r:.0}/10")
            } else {
                write!(f, "{r:.1}/10")
            };
        }
        let t = tenths as u64;
        let mut int = itoa::Buffer::new();
        f.write_str(int.format(t / 10))?;
        if !t.is_multiple_of(10) {
            f.write_str(".")?;
            f.write_str(int.format(t % 10))?;
        }
        f.write_str("/10")
    }
}

/// The usual morning pain as the gate compared a morning with it: the figure, and the whole
/// number it was taken as when it has a decimal (`1.7/10, taken as 2/10`: never brackets in
/// brackets where a sentence puts it in some) [SYNTH].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compared(pub f64);

impl std::fmt::Display for Compared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (raw, whole) = (Usual(self.0), Usual(gate_baseline(self.0)));
        let (a, b) = (raw.to_string(), whole.to_string());
        if a == b {
            f.write_str(&a)
        } else {
            write!(f, "{a}, taken as {b}")
        }
    }
}

/// What the session gate found, with the numbers its sentence names ([`judge`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// Pain during or after above amber.
    RedSession { scores: Scores, amber: Pain },
    /// No next-morning pain yet.
    Pending { scores: Scores },
    /// Next-morning pain above amber.
    RedMorning { morning: Pain, amber: Pain },
    /// Next-morning pain risen by `rise` or more over the usual.
    MorningRise {
        morning: Pain,
        rise: u8,
        usual: Compared,
    },
    /// Amber pain whose next morning is 1 above the usual: not quite settled.
    NotSettled {
        scores: Scores,
        morning: Pain,
        usual: Compared,
    },
    /// A partial session within green.
    Partial { scores: Scores, morning: Pain },
    /// Green.
    Green {
        scores: Scores,
        morning: Pain,
        usual: Compared,
        green: Pain,
    },
    /// Next-morning pain within amber.
    AmberMorning {
        morning: Pain,
        green: Pain,
        amber: Pain,
    },
    /// Session pain within amber, settled by the next morning.
    AmberSession {
        scores: Scores,
        morning: Pain,
        green: Pain,
        amber: Pain,
    },
    /// Next-morning pain above the usual.
    AboveUsual { morning: Pain, usual: Compared },
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Finding::RedSession { scores, amber } => write!(
                f,
                "Red: {scores}; {}/10 or more is too much.",
                amber.get() + 1
            ),
            Finding::Pending { scores } => write!(
                f,
                "Pending: {scores}; the next-morning pain is not logged yet, so the dose holds until it is."
            ),
            Finding::RedMorning { morning, amber } => write!(
                f,
                "Red: next-morning pain {morning}/10; {}/10 or more is too much, whatever your usual morning pain.",
                amber.get() + 1
            ),
            Finding::MorningRise {
                morning,
                rise,
                usual,
            } => write!(
                f,
                "Red: next-morning pain {morning}/10 is {rise} or more above your usual morning pain, {usual}."
            ),
            Finding::NotSettled {
                scores,
                morning,
                usual,
            } => write!(
                f,
                "Amber: {scores} had not quite settled by the next morning ({morning}/10, 1 above your usual morning pain of {usual}): hold."
            ),
            Finding::Partial { scores, morning } => write!(
                f,
                "Amber: a partial session ({scores}, next morning {morning}/10) holds the dose."
            ),
            Finding::Green {
                scores,
                morning,
                usual,
                green,
            } => write!(
                f,
                "Green: {scores} is within 0-{green}/10 and next-morning pain {morning}/10 is at or below both your usual morning pain ({usual}) and {green}/10."
            ),
            Finding::AmberMorning {
                morning,
                green,
                amber,
            } => write!(
                f,
                "Amber: next-morning pain {morning}/10 is within {}-{amber}/10: hold until mornings are at {green}/10 or less.",
                green.get() + 1
            ),
            Finding::AmberSession {
                scores,
                morning,
                green,
                amber,
            } => write!(
                f,
                "Amber: {scores} is within {}-{amber}/10 and settled by the next morning ({morning}/10).",
                green.get() + 1
            ),
            Finding::AboveUsual { morning, usual } => write!(
                f,
                "Amber: next-morning pain {morning}/10 is 1 above your usual morning pain, {usual}: not quite settled, hold."
            ),
        }
    }
}

/// A baseline rounded as every view shows it: to one decimal (the text, the JSON, the reasons).
pub fn round_baseline(b: f64) -> f64 {
    (b * 10.0).round() / 10.0
}

/// A baseline as a person reads it, rounded by [`round_baseline`]: a whole number, or one
/// decimal (`2/10`, `1.7/10`).
pub fn fmt_baseline(b: f64) -> String {
    Usual(b).to_string()
}

/// A baseline as the gate compares a morning with it: rounded half up to a whole number, since
/// scores are whole numbers (a morning of 1 against a baseline of 0.7 is settled) [MCID][SYNTH].
pub fn gate_baseline(b: f64) -> f64 {
    (b + 1e-9).round()
}

/// Judges the pain of one logged session against the gates and the current baseline, rounded
/// ([`gate_baseline`]).
///
/// Red when pain during or after passes amber [TRAFFIC], when next-morning pain passes amber
/// whatever the baseline [TRAFFIC][PMM], or when it is at the baseline + `morning_rise_red` (2)
/// or more [MCID][PMM]. Green only when pain stays within green and the morning is at or below
/// both the baseline and the green limit: the limits are absolute as well as relative
/// [TRAFFIC][PMM]. A morning 1 above the baseline is not quite settled: amber, hold (1 point is
/// the smallest change a person notices, below the 2-point MCID) [MCID][SYNTH]. A partial
/// session is at best amber. Amber otherwise.
pub fn judge(entry: &LogEntry, gates: &Gates, baseline: f64) -> (Outcome, Reason) {
    if entry.status == SessionStatus::Skipped {
        return (
            Outcome::None,
            Reason::new(Rule::Skipped, "Session skipped: the dose stays the same."),
        );
    }
    let finding = finding(entry, gates, baseline);
    let (outcome, rule) = finding.verdict();
    (outcome, Reason::new(rule, Said::Gate(finding)))
}

/// What the gate finds in a session that was done, in the order [`judge`] states.
fn finding(entry: &LogEntry, gates: &Gates, baseline: f64) -> Finding {
    let pain = entry.session_pain().unwrap_or(Pain::NONE);
    let scores = Scores {
        during: entry.pain_during,
        after: entry.pain_after,
    };
    let usual = Compared(baseline);
    let baseline = gate_baseline(baseline);
    let (green, amber, rise) = (gates.green_max, gates.amber_max, gates.morning_rise_red);
    if pain > amber {
        return Finding::RedSession { scores, amber };
    }
    let Some(morning) = entry.next_morning else {
        return Finding::Pending { scores };
    };
    let m = f64::from(morning);
    // Absolute limits first: 6/10 or more the next morning is red whatever the baseline
    // [TRAFFIC][PMM].
    if morning > amber {
        Finding::RedMorning { morning, amber }
    } else if m >= baseline + f64::from(rise) {
        Finding::MorningRise {
            morning,
            rise,
            usual,
        }
    } else if pain > green && m > baseline {
        Finding::NotSettled {
            scores,
            morning,
            usual,
        }
    } else if pain <= green && m <= baseline && morning <= green {
        if entry.status == SessionStatus::Partial {
            Finding::Partial { scores, morning }
        } else {
            Finding::Green {
                scores,
                morning,
                usual,
                green,
            }
        }
    } else if morning > green {
        Finding::AmberMorning {
            morning,
            green,
            amber,
        }
    } else if pain > green {
        Finding::AmberSession {
            scores,
            morning,
            green,
            amber,
        }
    } else {
        Finding::AboveUsual { morning, usual }
    }
}

impl Finding {
    /// The outcome a finding gives, and the rule that decides it.
    fn verdict(&self) -> (Outcome, Rule) {
        match self {
            Finding::RedSession { .. } => (Outcome::Red, Rule::RedSession),
            Finding::Pending { .. } => (Outcome::Pending, Rule::NextMorningCheck),
            Finding::RedMorning { .. } => (Outcome::Red, Rule::RedMorning),
            Finding::MorningRise { .. } => (Outcome::Red, Rule::MorningRise),
            Finding::NotSettled { .. } => (Outcome::Amber, Rule::NotSettled),
            Finding::Partial { .. } => (Outcome::Amber, Rule::PartialSession),
            Finding::Green { .. } => (Outcome::Green, Rule::GreenSession),
            Finding::AmberMorning { .. } => (Outcome::Amber, Rule::AmberMorning),
            Finding::AmberSession { .. } => (Outcome::Amber, Rule::AmberSession),
            Finding::AboveUsual { .. } => (Outcome::Amber, Rule::AboveUsual),
        }
    }
}
