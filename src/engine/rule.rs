//! Every rule a reason can name, typed, one line each: its id (unique, stable, what JSON
//! readers match on), its name as a person reads it (rules that say the same thing to a person
//! share a name), the source keys of `docs/EVIDENCE.md` behind it, and whether it moves the
//! person between stages (`moves`). A reason carries a [`Rule`], never a string, so a view that
//! looks for a rule names it by type and a reason always shows its sources.
//!
//! A new rule is one line here, its file in `engine/rules/`, and its line in `apply`.

/// Declares [`Rule`] and what each rule knows about itself from one line per rule:
/// `Variant = "id", "name", "sources"` (the keys in brackets) and `, moves` when it moves the stage.
macro_rules! rules {
    ($( $(#[$doc:meta])* $rule:ident = $id:literal, $name:literal, $sources:literal $(, $moves:ident)?; )*) => {
        /// A rule of the engine, as its reasons name it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $( $(#[$doc])* $rule, )*
        }

        impl Rule {
            /// Every rule, in the order of the table.
            pub const ALL: &'static [Rule] = &[$(Rule::$rule),*];

            /// The rule's id (`morning-rise`): unique, and what JSON gives as `id`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$rule => $id,)* }
            }

            /// The rule's name as reasons show it (`green session`).
            pub fn name(self) -> &'static str {
                match self { $(Rule::$rule => $name,)* }
            }

            /// The `docs/EVIDENCE.md` keys behind the rule (`[TRAFFIC][PMM]`): never empty.
            pub fn sources(self) -> &'static str {
                match self { $(Rule::$rule => $sources,)* }
            }

            /// Whether the rule moves the person to another stage (or stops or resumes the
            /// program): the reason a view gives for a move.
            pub fn moves_stage(self) -> bool {
                match self { $(Rule::$rule => rules!(@moves $($moves)?),)* }
            }
        }
    };
    (@moves moves) => { true };
    (@moves) => { false };
}

rules! {
    // The session gate (`gate::judge`).
    /// Pain during or after above amber: red.
    RedSession = "red-session", "red session", "[TRAFFIC]";
    /// Waiting for the next morning's score.
    NextMorningCheck = "next-morning-check", "next-morning check", "[PMM][24H]";
    /// Next-morning pain above amber: red.
    RedMorning = "red-morning", "red morning", "[TRAFFIC][PMM]";
    /// Next-morning pain risen by the gate's rise over the usual: red.
    MorningRise = "morning-rise", "red morning", "[MCID][PMM]";
    /// Amber pain whose morning is 1 above the usual: not quite settled, amber.
    NotSettled = "not-settled", "not quite settled", "[PMM][24H]";
    /// A partial session with green scores: amber.
    PartialSession = "partial-session", "partial session", "[SYNTH]";
    /// Green pain and morning: green.
    GreenSession = "green-session", "green session", "[TRAFFIC][PMM]";
    /// A morning above green: amber.
    AmberMorning = "amber-morning", "amber morning", "[PMM][TRAFFIC]";
    /// Pain above green that settled: amber.
    AmberSession = "amber-session", "amber session", "[PMM][TRAFFIC]";
    /// A morning 1 above the usual: not quite settled, amber.
    AboveUsual = "above-usual", "amber morning", "[PMM]";
    /// A skipped session: the dose stays.
    Skipped = "skipped", "skipped", "[SYNTH]";
    // Red flags, stops and clearances.
    /// The weekly red-flag screen.
    RedFlagScreen = "red-flag-screen", "red-flag screen", "[NG59]";
    /// A screen more than 21 days old holds progression.
    ScreenOverdue = "screen-overdue", "screen overdue", "[NG59][SYNTH]";
    /// A warning sign recorded with a session.
    RecordedSymptom = "recorded-symptom", "recorded symptom", "[NG59]";
    /// A red flag stops the program.
    RedFlag = "red-flag", "red flag", "[NG59][IFOMPT]", moves;
    /// A stronger triage stands until a clearance.
    TriageStands = "triage-stands", "triage stands", "[SYNTH]";
    /// The program is stopped until a clearance.
    Stopped = "stopped", "stopped", "[SYNTH]";
    /// A clinician's clearance resumes the program.
    Clearance = "clearance", "clearance", "[SYNTH]", moves;
    /// Progression paused: see a clinician.
    SeeAClinician = "see-a-clinician", "see a clinician", "[NG59][NHS-4W]";
    /// Progression stays paused until a clinician's clearance is recorded.
    PausedUntilClearance = "paused-until-clearance", "see a clinician soon", "[SYNTH]";
    /// Nothing logged yet: where the program starts, or why no plan starts.
    Start = "start", "start", "[SYNTH]";
    /// Nothing logged yet and the intake stopped the program.
    Intake = "intake", "intake", "[SYNTH]";
    // Breaks, trends and reviews.
    /// A break from training steps the person back.
    Gap = "gap", "gap", "[SYNTH]", moves;
    /// A note: words only, nothing judged.
    Note = "note", "note", "[SYNTH]";
    /// Weekly mean morning pain or stiffness above last week's: hold.
    WeeklyTrend = "weekly-trend", "weekly trend", "[PMM]";
    /// Weekly mean morning pain rising two weeks running: pause.
    WeeklyTrendRising = "weekly-trend-rising", "weekly trend", "[PMM][SYNTH]";
    /// A 4-, 8- or 12-week review: not improving.
    ReviewNoImprovement = "review-no-improvement", "review", "[MCID][NHS-4W]";
    /// The 12-week review: not complete.
    ReviewNotComplete = "review-not-complete", "review", "[COURSE]";
    /// The 4-week review: still in the first stage, not clearly better.
    ReviewNotClearlyBetter = "review-not-clearly-better", "review", "[NHS-4W]";
    // Doses and loads.
    /// Two reds within 7 days: back a stage.
    TwoReds = "two-reds", "two reds", "[SYNTH]", moves;
    /// A red session: back a step.
    RegressOnRed = "regress-on-red", "regress on red", "[SYNTH]", moves;
    /// One session a day counts.
    OneDayOneCount = "one-day-one-count", "one day, one count", "[24H]";
    /// A lift's effort over its cap: lighter next time.
    EffortOverCap = "effort-over-cap", "effort over the cap", "[BBM][RPE]";
    /// A whole session's effort over the highest cap: it does not count (no load is cut).
    SessionEffort = "session-effort", "session effort", "[BBM][RPE]";
    /// A new estimated 1RM from an estimate set.
    EstimatedOneRm = "estimated-one-rm", "estimated 1RM", "[RPE]";
    /// The load after a red session.
    LoadAfterRed = "load-after-red", "load after a red", "[SYNTH]";
    /// The load rises at most once in 7 days, by at most the program's cap.
    WeeklyLoadCap = "weekly-load-cap", "weekly load cap", "[GABBETT]";
    /// A lighter week: no step up, and no load above the week before.
    LighterWeek = "lighter-week", "lighter week", "[DELOAD][GABBETT]";
    /// A therapist's (or the person's own) adjustment.
    Adjustment = "adjustment", "adjustment", "[SYNTH]";
    // Advancing.
    /// Two green sessions in a row at a dose before it rises.
    TwoForTwo = "two-for-two", "2-for-2", "[2FOR2]";
    /// A stage's minimum days.
    MinimumDays = "minimum-days", "minimum days", "[SYNTH]";
    /// Morning pain low enough to leave a stage.
    MorningPainToLeave = "morning-pain-to-leave", "morning pain to leave", "[RECOVERED]";
    /// The estimate sets climb back to the pre-injury 1RM.
    BackToFull = "back-to-full", "back to 100%", "[RPE][GABBETT]";
    /// The estimate set repeats at its load.
    BackToFullRepeat = "back-to-full-repeat", "back to 100%", "[RPE][SYNTH]";
    /// The last stage complete.
    ProgramComplete = "program-complete", "program complete", "[RPE][RECOVERED][SYNTH]", moves;
    /// A stage complete: on to the next.
    StageComplete = "stage-complete", "stage complete", "[SYNTH]", moves;
    /// After completion: the final dose, kept.
    Maintenance = "maintenance", "maintenance", "[RPE][RECOVERED][SYNTH]";
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    /// Every rule names sources, each a key `docs/EVIDENCE.md` defines.
    #[test]
    fn every_rule_shows_sources_the_evidence_defines() {
        let evidence = include_str!("../../docs/EVIDENCE.md");
        for &rule in Rule::ALL {
            let sources = rule.sources();
            assert!(
                sources.starts_with('[') && sources.ends_with(']'),
                "{rule:?}: {sources:?}"
            );
            for key in sources[1..sources.len() - 1].split("][") {
                assert!(
                    evidence.contains(&format!("[{key}]")),
                    "{rule:?}: [{key}] is not in docs/EVIDENCE.md"
                );
            }
            assert!(!rule.name().is_empty());
        }
    }

    /// Every rule has its own id, in kebab case: JSON readers tell rules apart by it, where
    /// names are shared (`red morning` is both a morning above amber and one risen too far).
    #[test]
    fn every_rule_has_its_own_kebab_case_id() {
        let mut seen = std::collections::HashSet::new();
        for &rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "{rule:?}: the id {id:?} is taken");
            assert!(
                !id.is_empty()
                    && !id.starts_with('-')
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{rule:?}: {id:?}"
            );
        }
        assert_eq!(Rule::MorningRise.name(), Rule::RedMorning.name());
        assert_ne!(Rule::MorningRise.id(), Rule::RedMorning.id());
    }
}
