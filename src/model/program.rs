//! A staged rehabilitation protocol, loaded from `programs/*.toml` (see `load::program`).
//! Every value here has been checked: percentages are 0-100, pain thresholds are [`Pain`] scores,
//! green <= amber.

use super::Text;
use serde::Serialize;

use super::Pain;

/// A checked program: five stages from walking to return to lifting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    /// Stable id (`mid-back-strain`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// One-paragraph description.
    pub description: String,
    /// The condition the program is for, in plain words (`Mid-back (thoracic) muscle strain`);
    /// `None` for a program that follows no injury (a layoff). The FHIR export's Condition.
    pub condition: Option<String>,
    /// docs/EVIDENCE.md source keys.
    pub source: Vec<String>,
    /// The next-morning question, as the person is asked it.
    pub morning_question: String,
    /// The stages, in order.
    pub stages: Vec<Stage>,
    /// The exercise library: the built-in entries and the program's own `[[library]]` ones;
    /// every exercise of every stage has an entry here.
    #[serde(skip)]
    pub library: super::Library,
}

/// The next-morning question: back pain, not the muscle soreness that follows training [SYNTH].
pub const MORNING_QUESTION: &str =
    "Back pain on waking, 0-10 (your back itself, not the muscle soreness that follows training)";

/// The session rules (docs/EVIDENCE.md, session rules), per stage after merging overrides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gates {
    /// Pain during and after at or below this is green [TRAFFIC].
    pub green_max: Pain,
    /// Pain during and after at or below this (and above green) is amber; above is red [PMM][TRAFFIC].
    pub amber_max: Pain,
    /// Next-morning pain at baseline + this or more is red [MCID]: a rise in points of the 0-10
    /// scale (1-10), a difference of two scores and so no [`Pain`] itself.
    pub morning_rise_red: u8,
    /// Green sessions in a row that move the dose one step [2FOR2].
    pub greens_to_step: u32,
    /// Red sessions within `red_window_days` that stop the program [SYNTH].
    pub reds_to_stop: u32,
    /// The window for `reds_to_stop` [SYNTH].
    pub red_window_days: u32,
    /// More than this many days without a session takes one step back [SYNTH].
    pub gap_days: u32,
    /// Days from the start after which no 2-point / 30% improvement advises a clinician [MCID][NHS-4W].
    pub review_after_days: u32,
    /// Source keys for these rules (shared: every planned session carries its gates).
    pub source: std::sync::Arc<[String]>,
}

impl Gates {
    /// The pain rules in one sentence, as a person reads them (calendar events, messages).
    pub fn summary(&self) -> String {
        format!(
            "Pain during and after up to {g}/10 is fine (the next morning too, and no worse than usual); \
             {a0}-{a} holds the dose; {r}+ at any time, or next-morning pain {rise} above your usual, means a step back.",
            g = self.green_max,
            a0 = self.green_max.get() + 1,
            a = self.amber_max,
            r = self.amber_max.get() + 1,
            rise = self.morning_rise_red,
        )
    }
}

impl Default for Gates {
    /// docs/EVIDENCE.md's defaults.
    fn default() -> Self {
        Gates {
            green_max: Pain::of(3),
            amber_max: Pain::of(5),
            morning_rise_red: 2,
            greens_to_step: 2,
            reds_to_stop: 2,
            red_window_days: 7,
            gap_days: 7,
            review_after_days: 28,
            source: ["PMM", "TRAFFIC", "MCID", "2FOR2", "SYNTH"]
                .map(String::from)
                .into(),
        }
    }
}

/// The five kinds of stage every program has, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    /// Walking and cycling.
    Aerobic,
    /// Mobility.
    Mobility,
    /// Strength.
    Strength,
    /// Load tolerance: barbell lifts back from a fraction of the pre-injury 1RM.
    Load,
    /// Return to lifting.
    Return,
}

impl StageKind {
    /// The required order of stages.
    pub const ORDER: [StageKind; 5] = [
        StageKind::Aerobic,
        StageKind::Mobility,
        StageKind::Strength,
        StageKind::Load,
        StageKind::Return,
    ];

    /// The TOML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Aerobic => "aerobic",
            StageKind::Mobility => "mobility",
            StageKind::Strength => "strength",
            StageKind::Load => "load",
            StageKind::Return => "return",
        }
    }
}

/// One stage of a program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    /// Stable id (`walk-cycle`).
    pub id: Text,
    /// Human name (`Walking and cycling`).
    pub name: Text,
    /// Which of the five stages this is.
    pub kind: StageKind,
    /// Hard sessions are never scheduled on consecutive days [ACSM].
    pub hard: bool,
    /// Sessions per week, spread over the person's training days.
    pub sessions_per_week: u8,
    /// The stage lasts at least this many days [SYNTH].
    pub min_days: u32,
    /// Largest rise of a lift's load within 7 days, in percent [GABBETT].
    pub weekly_load_cap_pct: Option<f64>,
    /// No load in this stage goes above this % of the pre-injury 1RM.
    pub max_pct_1rm: Option<f64>,
    /// Every Nth week of the stage is lighter [DELOAD].
    pub deload_every_weeks: Option<u32>,
    /// Sets in a lighter week, as % of the normal sets [DELOAD].
    pub deload_volume_pct: u32,
    /// The stage ends only when the latest next-morning pain is at most this [RECOVERED].
    pub exit_morning_max: Option<Pain>,
    /// Session rules for this stage.
    pub gates: Gates,
    /// Source keys.
    pub source: Vec<String>,
    /// Advice shown with every session of the stage.
    pub notes: Text,
    /// Exercises; each has one dose per step.
    pub exercises: Vec<Exercise>,
}

impl Stage {
    /// Number of progression steps (every exercise has this many doses).
    pub fn steps(&self) -> usize {
        self.exercises.first().map_or(0, |e| e.doses.len())
    }
}

/// One exercise with its dose per step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exercise {
    /// Stable id.
    pub id: Text,
    /// Human name.
    pub name: Text,
    /// The pre-injury lift its `pct_1rm` scales from (`squat`).
    pub lift: Option<Text>,
    /// Left out when the profile has no such lift.
    pub optional: bool,
    /// Exercises sharing a group take turns, one per session (e.g. the hinges: deadlift one
    /// session, Romanian deadlift the next) [SYNTH].
    pub alternate: Option<String>,
    /// Source keys.
    pub source: Vec<String>,
    /// One dose per step.
    pub doses: Vec<Dose>,
}

/// The dose of one exercise at one step.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Dose {
    /// Sets.
    pub sets: Option<u32>,
    /// Reps per set: `8`, `8-12` or a pyramid `6-4-2`.
    pub reps: Option<Text>,
    /// Hold per rep, seconds.
    pub hold_s: Option<u32>,
    /// Duration, minutes.
    pub minutes: Option<u32>,
    /// Load as % of the pre-injury 1RM of the exercise's lift.
    pub pct_1rm: Option<f64>,
    /// Highest effort allowed, RPE 0-10.
    pub rpe_cap: Option<u8>,
    /// This set estimates the 1RM from its load, reps and RPE [RPE].
    pub estimate_1rm: bool,
}
