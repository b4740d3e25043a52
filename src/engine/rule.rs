//! Every rule a reason can name, typed: its name as a person reads it, the source keys of
//! `docs/EVIDENCE.md` behind it, and whether it moves the person between stages. A reason
//! carries a [`Rule`], never a string, so a view that looks for a rule names it by type and a
//! reason always shows its sources.

/// A rule of the engine, as its reasons name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    // The session gate (`gate::judge`).
    /// Pain during or after above amber: red.
    RedSession,
    /// Waiting for the next morning's score.
    NextMorningCheck,
    /// Next-morning pain above amber: red.
    RedMorning,
    /// Next-morning pain risen by the gate's rise over the usual: red.
    MorningRise,
    /// Amber pain whose morning is 1 above the usual: not quite settled, amber.
    NotSettled,
    /// A partial session with green scores: amber.
    PartialSession,
    /// Green pain and morning: green.
    GreenSession,
    /// A morning above green: amber.
    AmberMorning,
    /// Pain above green that settled: amber.
    AmberSession,
    /// A morning 1 above the usual: not quite settled, amber.
    AboveUsual,
    /// A skipped session: the dose stays.
    Skipped,
    // Red flags, stops and clearances.
    /// The weekly red-flag screen.
    RedFlagScreen,
    /// A screen more than 21 days old holds progression.
    ScreenOverdue,
    /// A warning sign recorded with a session.
    RecordedSymptom,
    /// A red flag stops the program.
    RedFlag,
    /// A stronger triage stands until a clearance.
    TriageStands,
    /// The program is stopped until a clearance.
    Stopped,
    /// A clinician's clearance resumes the program.
    Clearance,
    /// Progression paused: see a clinician.
    SeeAClinician,
    /// Progression stays paused until a clinician's clearance is recorded.
    PausedUntilClearance,
    /// Nothing logged yet: where the program starts, or why no plan starts.
    Start,
    /// Nothing logged yet and the intake stopped the program.
    Intake,
    // Breaks, trends and reviews.
    /// A break from training steps the person back.
    Gap,
    /// A note: words only, nothing judged.
    Note,
    /// Weekly mean morning pain or stiffness above last week's: hold.
    WeeklyTrend,
    /// Weekly mean morning pain rising two weeks running: pause.
    WeeklyTrendRising,
    /// A 4-, 8- or 12-week review: not improving.
    ReviewNoImprovement,
    /// The 12-week review: not complete.
    ReviewNotComplete,
    /// The 4-week review: still in the first stage, not clearly better.
    ReviewNotClearlyBetter,
    // Doses and loads.
    /// Two reds within 7 days: back a stage.
    TwoReds,
    /// A red session: back a step.
    RegressOnRed,
    /// One session a day counts.
    OneDayOneCount,
    /// A lift's effort over its cap: lighter next time.
    EffortOverCap,
    /// A whole session's effort over the highest cap: it does not count (no load is cut).
    SessionEffort,
    /// A new estimated 1RM from an estimate set.
    EstimatedOneRm,
    /// The load after a red session.
    LoadAfterRed,
    /// The load rises at most once in 7 days, by at most the program's cap.
    WeeklyLoadCap,
    /// A lighter week: no step up, and no load above the week before.
    LighterWeek,
    /// A therapist's (or the person's own) adjustment.
    Adjustment,
    // Advancing.
    /// Two green sessions in a row at a dose before it rises.
    TwoForTwo,
    /// A stage's minimum days.
    MinimumDays,
    /// Morning pain low enough to leave a stage.
    MorningPainToLeave,
    /// The estimate sets climb back to the pre-injury 1RM.
    BackToFull,
    /// The estimate set repeats at its load.
    BackToFullRepeat,
    /// The last stage complete.
    ProgramComplete,
    /// A stage complete: on to the next.
    StageComplete,
    /// After completion: the final dose, kept.
    Maintenance,
}

impl Rule {
    /// Every rule, in the order above.
    pub const ALL: [Rule; 47] = [
        Rule::RedSession,
        Rule::NextMorningCheck,
        Rule::RedMorning,
        Rule::MorningRise,
        Rule::NotSettled,
        Rule::PartialSession,
        Rule::GreenSession,
        Rule::AmberMorning,
        Rule::AmberSession,
        Rule::AboveUsual,
        Rule::Skipped,
        Rule::RedFlagScreen,
        Rule::ScreenOverdue,
        Rule::RecordedSymptom,
        Rule::RedFlag,
        Rule::TriageStands,
        Rule::Stopped,
        Rule::Clearance,
        Rule::SeeAClinician,
        Rule::PausedUntilClearance,
        Rule::Start,
        Rule::Intake,
        Rule::Gap,
        Rule::Note,
        Rule::WeeklyTrend,
        Rule::WeeklyTrendRising,
        Rule::ReviewNoImprovement,
        Rule::ReviewNotComplete,
        Rule::ReviewNotClearlyBetter,
        Rule::TwoReds,
        Rule::RegressOnRed,
        Rule::OneDayOneCount,
        Rule::EffortOverCap,
        Rule::SessionEffort,
        Rule::EstimatedOneRm,
        Rule::LoadAfterRed,
        Rule::WeeklyLoadCap,
        Rule::LighterWeek,
        Rule::Adjustment,
        Rule::TwoForTwo,
        Rule::MinimumDays,
        Rule::MorningPainToLeave,
        Rule::BackToFull,
        Rule::BackToFullRepeat,
        Rule::ProgramComplete,
        Rule::StageComplete,
        Rule::Maintenance,
    ];

    /// The rule's name as reasons show it (`green session`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::RedSession => "red session",
            Rule::NextMorningCheck => "next-morning check",
            Rule::RedMorning | Rule::MorningRise => "red morning",
            Rule::NotSettled => "not quite settled",
            Rule::PartialSession => "partial session",
            Rule::GreenSession => "green session",
            Rule::AmberMorning | Rule::AboveUsual => "amber morning",
            Rule::AmberSession => "amber session",
            Rule::Skipped => "skipped",
            Rule::RedFlagScreen => "red-flag screen",
            Rule::ScreenOverdue => "screen overdue",
            Rule::RecordedSymptom => "recorded symptom",
            Rule::RedFlag => "red flag",
            Rule::TriageStands => "triage stands",
            Rule::Stopped => "stopped",
            Rule::Clearance => "clearance",
            Rule::SeeAClinician => "see a clinician",
            Rule::PausedUntilClearance => "see a clinician soon",
            Rule::Start => "start",
            Rule::Intake => "intake",
            Rule::Gap => "gap",
            Rule::Note => "note",
            Rule::WeeklyTrend | Rule::WeeklyTrendRising => "weekly trend",
            Rule::ReviewNoImprovement | Rule::ReviewNotComplete | Rule::ReviewNotClearlyBetter => {
                "review"
            }
            Rule::TwoReds => "two reds",
            Rule::RegressOnRed => "regress on red",
            Rule::OneDayOneCount => "one day, one count",
            Rule::EffortOverCap => "effort over the cap",
            Rule::SessionEffort => "session effort",
            Rule::EstimatedOneRm => "estimated 1RM",
            Rule::LoadAfterRed => "load after a red",
            Rule::WeeklyLoadCap => "weekly load cap",
            Rule::LighterWeek => "lighter week",
            Rule::Adjustment => "adjustment",
            Rule::TwoForTwo => "2-for-2",
            Rule::MinimumDays => "minimum days",
            Rule::MorningPainToLeave => "morning pain to leave",
            Rule::BackToFull | Rule::BackToFullRepeat => "back to 100%",
            Rule::ProgramComplete => "program complete",
            Rule::StageComplete => "stage complete",
            Rule::Maintenance => "maintenance",
        }
    }

    /// The `docs/EVIDENCE.md` keys behind the rule (`[TRAFFIC][PMM]`): never empty.
    pub fn sources(self) -> &'static str {
        match self {
            Rule::RedSession => "[TRAFFIC]",
            Rule::NextMorningCheck | Rule::NotSettled => "[PMM][24H]",
            Rule::RedMorning | Rule::GreenSession => "[TRAFFIC][PMM]",
            Rule::MorningRise => "[MCID][PMM]",
            Rule::AmberMorning | Rule::AmberSession => "[PMM][TRAFFIC]",
            Rule::AboveUsual | Rule::WeeklyTrend => "[PMM]",
            Rule::RedFlagScreen | Rule::RecordedSymptom => "[NG59]",
            Rule::RedFlag => "[NG59][IFOMPT]",
            Rule::SeeAClinician => "[NG59][NHS-4W]",
            Rule::ScreenOverdue => "[NG59][SYNTH]",
            Rule::WeeklyTrendRising => "[PMM][SYNTH]",
            Rule::ReviewNoImprovement => "[MCID][NHS-4W]",
            Rule::ReviewNotComplete => "[COURSE]",
            Rule::ReviewNotClearlyBetter => "[NHS-4W]",
            Rule::OneDayOneCount => "[24H]",
            Rule::EffortOverCap | Rule::SessionEffort => "[BBM][RPE]",
            Rule::EstimatedOneRm => "[RPE]",
            Rule::WeeklyLoadCap => "[GABBETT]",
            Rule::LighterWeek => "[DELOAD][GABBETT]",
            Rule::TwoForTwo => "[2FOR2]",
            Rule::MorningPainToLeave => "[RECOVERED]",
            Rule::BackToFull => "[RPE][GABBETT]",
            Rule::BackToFullRepeat => "[RPE][SYNTH]",
            Rule::ProgramComplete | Rule::Maintenance => "[RPE][RECOVERED][SYNTH]",
            Rule::PartialSession
            | Rule::Skipped
            | Rule::TriageStands
            | Rule::Stopped
            | Rule::Clearance
            | Rule::Gap
            | Rule::Note
            | Rule::TwoReds
            | Rule::RegressOnRed
            | Rule::LoadAfterRed
            | Rule::Adjustment
            | Rule::MinimumDays
            | Rule::StageComplete
            | Rule::PausedUntilClearance
            | Rule::Start
            | Rule::Intake => "[SYNTH]",
        }
    }

    /// Whether the rule moves the person to another stage (or stops or resumes the program):
    /// the reason a view gives for a move.
    pub fn moves_stage(self) -> bool {
        matches!(
            self,
            Rule::StageComplete
                | Rule::ProgramComplete
                | Rule::RegressOnRed
                | Rule::Gap
                | Rule::TwoReds
                | Rule::RedFlag
                | Rule::Clearance
        )
    }
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
        for rule in Rule::ALL {
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
}
