//! A therapist's (or the person's own) adjustment of the program: `[[adjust]]` in profile.toml,
//! written by `graded adjust`. Every kind only makes the plan more cautious than the program:
//! a lower load ceiling, an exercise swapped for an unloaded one, a stage held longer, a stricter
//! gate [SYNTH].

use chrono::NaiveDate;
use serde::Serialize;

use super::Gates;

/// A gate an adjustment may tighten (the names `graded adjust --gate` takes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateName {
    /// Pain during and after at or below this is green.
    GreenMax,
    /// Pain during and after above this is red.
    AmberMax,
    /// Next-morning pain this many points above the usual is red.
    MorningRise,
    /// A session is green only when next-morning pain is at or below this (else it holds).
    NextMorningMax,
}

impl GateName {
    /// Every gate, in the order `--help` lists them.
    pub const ALL: [GateName; 4] = [
        GateName::GreenMax,
        GateName::AmberMax,
        GateName::MorningRise,
        GateName::NextMorningMax,
    ];

    /// The spelling in flags and TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            GateName::GreenMax => "green-max",
            GateName::AmberMax => "amber-max",
            GateName::MorningRise => "morning-rise",
            GateName::NextMorningMax => "next-morning-max",
        }
    }

    /// The gate with this name.
    pub fn parse(s: &str) -> Option<GateName> {
        GateName::ALL.into_iter().find(|g| g.as_str() == s.trim())
    }

    /// The loosest value CLINICAL.md allows: green up to 3, amber up to 5 [TRAFFIC][PMM], a rise
    /// of at most 2 points [MCID], next morning at most 5 [PMM]; and the smallest that makes sense.
    pub fn range(self) -> (u8, u8) {
        match self {
            GateName::GreenMax => (0, 3),
            GateName::AmberMax => (0, 5),
            GateName::MorningRise => (1, 2),
            GateName::NextMorningMax => (0, 5),
        }
    }

    /// The program's value of this gate in a stage (`None`: the program has no such gate, so
    /// any value within [`GateName::range`] is stricter).
    pub fn of(self, gates: &Gates) -> Option<u8> {
        match self {
            GateName::GreenMax => Some(gates.green_max.get()),
            GateName::AmberMax => Some(gates.amber_max.get()),
            GateName::MorningRise => Some(gates.morning_rise_red),
            GateName::NextMorningMax => None,
        }
    }
}

/// What an adjustment changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AdjustKind {
    /// No load of `lift` above `pct` % of its pre-injury 1RM.
    MaxPct {
        /// The lift (`squat`).
        lift: String,
        /// 1-100.
        pct: f64,
    },
    /// Do `to` instead of `from`: the replacement keeps the replaced exercise's sets, reps,
    /// hold and minutes, and carries no load (only exercises without a lift may replace).
    Swap {
        /// The program's exercise id replaced.
        from: String,
        /// The program's exercise id done instead.
        to: String,
    },
    /// No advance out of the stage `stage` before `until`.
    HoldStage {
        /// The program's stage id (or kind).
        stage: String,
    },
    /// A stricter gate.
    Gate {
        /// Which gate.
        gate: GateName,
        /// Its value.
        value: u8,
    },
}

/// One adjustment, with who made it, when and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjustment {
    /// What it changes.
    #[serde(flatten)]
    pub kind: AdjustKind,
    /// Who made it (`Dr Lee, PT`; `you` by default).
    pub by: String,
    /// Why, if given.
    pub reason: Option<String>,
    /// The day it was made: in force from this day on.
    pub made: NaiveDate,
    /// The last day in force (for a held stage: the first day it may advance); `None`: open-ended.
    pub until: Option<NaiveDate>,
}

/// The default `--by`: the person themself.
pub const BY_YOU: &str = "you";

impl Adjustment {
    /// In force on `date`: made on or before it, and not past `until` (a held stage is held
    /// before `until`; a cap lasts through it).
    pub fn in_force(&self, date: NaiveDate) -> bool {
        date >= self.made
            && match (&self.kind, self.until) {
                (_, None) => true,
                (AdjustKind::HoldStage { .. }, Some(u)) => date < u,
                (_, Some(u)) => date <= u,
            }
    }

    /// What it does, in words: `squat at most 70% until 15 Jan 2027`.
    pub fn what(&self) -> String {
        let until = |prefix: &str| {
            self.until
                .map(|u| format!(" {prefix} {}", u.format("%-d %b %Y")))
                .unwrap_or_default()
        };
        match &self.kind {
            AdjustKind::MaxPct { lift, pct } => {
                format!("{lift} at most {pct}% of its 1RM{}", until("until"))
            }
            AdjustKind::Swap { from, to } => format!("{to} instead of {from}{}", until("until")),
            AdjustKind::HoldStage { stage } => {
                format!("stay in {stage}{}", until("until at least"))
            }
            AdjustKind::Gate { gate, value } => {
                let rule = match gate {
                    GateName::GreenMax => {
                        format!("green only with pain during and after at most {value}/10")
                    }
                    GateName::AmberMax => {
                        format!("pain above {value}/10 during or after is red")
                    }
                    GateName::MorningRise => format!(
                        "next-morning pain {value} point{} above your usual is red",
                        if *value == 1 { "" } else { "s" }
                    ),
                    GateName::NextMorningMax => {
                        format!("green only with next-morning pain at most {value}/10")
                    }
                };
                format!("{rule}{}", until("until"))
            }
        }
    }

    /// Who made it, when and why: `by Dr Lee, PT on 24 Nov 2026: slow down the squat`.
    pub fn made_by(&self) -> String {
        let why = self
            .reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        format!("by {} on {}{why}", self.by, self.made.format("%-d %b %Y"))
    }

    /// The reason a row carries: `Dr Lee, PT: squat at most 70% of its 1RM until 15 Jan 2027
    /// [adjust #1]` (`n` is 1-based, as `graded adjust --list` numbers them).
    pub fn label(&self, n: usize) -> String {
        let why = self
            .reason
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        format!("{}: {}{why} [adjust #{n}]", self.by, self.what())
    }
}

/// The adjustments in force on `date`, with their 1-based numbers.
pub fn in_force(all: &[Adjustment], date: NaiveDate) -> impl Iterator<Item = (usize, &Adjustment)> {
    all.iter()
        .enumerate()
        .filter(move |(_, a)| a.in_force(date))
        .map(|(i, a)| (i + 1, a))
}
