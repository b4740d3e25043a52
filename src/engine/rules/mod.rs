//! The rule core: where the person stands ([`State`]) and the rules that move them, one file
//! per rule, each a small function of the state and one logged row with its sources named in
//! its doc comment (`docs/EVIDENCE.md`). [`State::apply_planned`] runs them in the one order
//! stated there: a new rule is a new file here, its line in `engine/rule.rs` and one line in
//! that order.
//!
//! - [`red_flags`]: intake stops, red flags and triage, clearances [NG59][IFOMPT][SYNTH]
//! - [`breaks`]: a break steps back or restarts the stage [SYNTH]
//! - [`crate::engine::gate`]: the session gate, green / amber / red [TRAFFIC][PMM][24H][MCID]
//! - [`adjustments`]: a therapist's changes, only ever more cautious [SYNTH]
//! - [`trend`]: the weekly trend of morning pain and stiffness [PMM][SYNTH]
//! - [`review`]: the 4-, 8- and 12-week reviews [MCID][NHS-4W][COURSE]
//! - [`effort`]: RPE caps, estimated 1RMs, loads after a red [BBM][RPE][SYNTH]
//! - [`red`]: a red session steps back; two in a window stop [SYNTH]
//! - [`advance`]: 2-for-2, the weekly load cap, leaving a stage [2FOR2][GABBETT][SYNTH]
//! - [`completion`]: back to 100% [RPE][RECOVERED][SYNTH]
//! - [`load_cap`]: the weekly load cap's last guard on every planned lift [GABBETT]

mod adjustments;
mod advance;
mod breaks;
mod completion;
mod effort;
pub mod load_cap;
mod red;
mod red_flags;
mod review;
mod trend;

// The engine's rule tables: inside the rule core, where they set up a state directly.
#[cfg(test)]
#[path = "../tests/mod.rs"]
mod tests;

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::model::Decision;
pub(crate) use adjustments::adjusted;
pub use adjustments::tightened;
pub use breaks::{RESTART_AFTER_DAYS, break_days};
pub use completion::{ESTIMATE_MARGIN_PCT, TRUE_MAX_AFTER_DAYS};
pub use effort::MIN_ESTIMATE_RPE;
pub use red_flags::{INTAKE_REST_PAIN_STOP, SCREEN_HOLD_AFTER_DAYS, SEE_A_CLINICIAN_FIRST};

use super::dosage::{Dosing, LoadTable, session_exercises};
use super::gate::{Outcome, Reason, Said, judge};
use super::rule::Rule;
use crate::model::plan::week_start;
use crate::model::{
    EntryKind, Gates, LogEntry, Pain, PlannedExercise, Profile, Program, SessionStatus, Symptom,
    Triage, red_flag,
};

/// Why the program is stopped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stopped {
    /// Date of the stop.
    pub date: NaiveDate,
    /// How urgently to be seen.
    pub triage: Triage,
    /// The red flags (empty for two reds or high rest pain at intake).
    pub flags: Vec<Symptom>,
    /// What stopped it, in a few words (`red flags: fever`, `rest pain 8/10 at intake`).
    pub cause: String,
    /// Stopped at intake, before the first session: no plan has started.
    pub at_intake: bool,
    /// The flags that set the triage level, and the day they were recorded: a later, milder
    /// flag does not change them [SYNTH].
    pub level: (Vec<Symptom>, NaiveDate),
    /// Stopped for rest pain of 7/10 or more at intake: the clearance asks the rest pain now,
    /// which becomes the baseline [SYNTH].
    #[serde(skip)]
    pub rest_pain: bool,
}

impl Stopped {
    /// The advice in force. When milder flags came after the one that set the level, it says
    /// which flag and day the standing advice is for, and that a clinician's assessment of it
    /// is recorded with `graded resume` [SYNTH].
    pub fn advice(&self) -> String {
        let (flags, since) = &self.level;
        if flags.is_empty() || self.flags.len() == flags.len() {
            return self.triage.advice().to_string();
        }
        format!(
            "{} This stands for {} recorded on {}: if that has not been assessed yet, act on it now; \
             if a clinician has seen you since, record it with `graded resume --cleared-by ...`.",
            self.triage.advice(),
            red_flag::in_words(flags),
            since.format("%a %d %b %Y")
        )
    }
}

/// Where the person stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    /// 0-based stage index.
    stage: usize,
    /// 0-based dose step within the stage.
    step: usize,
    /// First day of the current stage.
    stage_start: NaiveDate,
    /// The day of the current stage's first session: its weeks run Monday to Sunday from the
    /// week holding it.
    stage_first: Option<NaiveDate>,
    /// Green sessions in a row at the current step.
    greens: u32,
    /// Sessions done in the current stage (for numbering).
    stage_sessions: u32,
    /// Date the load last rose, or a loaded stage was entered (either way the next rise waits
    /// 7 days) [GABBETT].
    last_increase: Option<NaiveDate>,
    /// Dates of recent red sessions.
    reds: Vec<NaiveDate>,
    /// Date of the last session done.
    last_session: Option<NaiveDate>,
    /// Recent next-morning scores, newest last.
    mornings: Vec<Pain>,
    /// Intake rest pain.
    intake_pain: Pain,
    /// The rest pain the baseline starts from: the intake's, then the one given with a
    /// clearance after a rest-pain stop [SYNTH].
    rest_pain: Pain,
    /// The day of the clearance whose rest pain the baseline starts from (none: the intake's).
    rest_cleared: Option<NaiveDate>,
    /// Set when stopped.
    stopped: Option<Stopped>,
    /// Set when the last stage has been completed.
    completed: bool,
    /// Date of the last red-flag screen.
    screened: NaiveDate,
    /// Whether a review (4, 8 or 12 weeks) found too little improvement.
    review_flag: bool,
    /// How many of the reviews (at 1, 2 and 3 times `review_after_days`) have been done.
    reviews_done: u32,
    /// First day of the program.
    program_start: NaiveDate,
    /// The strongest triage of the intake's red flags, if any [NG59].
    intake_triage: Option<Triage>,
    /// Progression is paused until a clinician's clearance: an S-triaged flag at intake or the
    /// review found too little improvement, or weekly pain rose two weeks running ("stop
    /// progressing; see a clinician soon").
    paused: bool,
    /// Why progression is paused: the rule, its sources and a sentence.
    pause: Option<Reason>,
    /// A load ceiling per exercise id, below the program's dose: set when effort passed the cap
    /// or a red session in a loaded stage [RPE][BBM][SYNTH]; it rises with the weekly cap.
    ceilings: BTreeMap<String, f64>,
    /// The latest estimated 1RM per lift, from a submaximal set and its RPE [RPE].
    estimates: BTreeMap<String, f64>,
    /// Estimate sets raised above the program's dose while their estimate falls short [RPE].
    raised: BTreeMap<String, f64>,
    /// The first day of the current run of green loading (reset by a red in a loaded stage): a
    /// true max waits for about 6 weeks of it [RECOVERED][SYNTH].
    loading_since: Option<NaiveDate>,
    /// The program's loads, worked out on first use.
    #[serde(skip)]
    table: std::sync::OnceLock<std::sync::Arc<LoadTable>>,
    /// The day whose green session last counted toward progression (a second session that
    /// day counts once) [24H].
    last_counted: Option<NaiveDate>,
    /// The date the gap rule was last checked for (so it steps back once per session).
    gap_checked: Option<NaiveDate>,
    /// The gap rule's reason, waiting for the session it applies to.
    gap_reason: Option<Reason>,
    /// The last three weeks' mornings (pain and stiffness), for the week-to-week rules [PMM].
    recent: Vec<trend::Morning>,
    /// Days served in each stage left, by stage: they count toward its minimum on re-entry.
    served: BTreeMap<usize, i64>,
    /// A lighter week lowered the loads to the step before's: the first session after it
    /// lifts the step's own load again, a rise [DELOAD][GABBETT].
    lighter: bool,
    /// The stage, step and day of the first session done at the current dose.
    step_first: Option<(usize, usize, NaiveDate)>,
}

/// The result of one log row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judged {
    /// The row.
    pub entry: LogEntry,
    /// 0-based stage the session was done in.
    pub stage: usize,
    /// 0-based step the session was done at.
    pub step: usize,
    /// What the pain said.
    pub outcome: Outcome,
    /// What the engine did.
    pub decision: Decision,
    /// Why, in order.
    pub reasons: Vec<Reason>,
    /// The reason the decision followed (an index into `reasons`), when the rules named one:
    /// the gate's for an amber or pending hold, the hold or step's own for a green.
    #[serde(skip)]
    because: Option<usize>,
    /// Set on a stop.
    pub triage: Option<Triage>,
    /// The baseline (the person's usual morning pain) the row was judged against: the figure
    /// before its own next morning counts [SYNTH].
    pub baseline: f64,
}

impl Judged {
    /// Why the row moved the person, in one reason: the reason that moved the stage (or
    /// stopped or resumed the program), else the one the decision followed, else the first.
    pub fn why(&self) -> Option<&Reason> {
        self.reasons
            .iter()
            .find(|r| r.rule.moves_stage())
            .or_else(|| self.because.and_then(|i| self.reasons.get(i)))
            .or(self.reasons.first())
    }

    /// The triage of the red flags the row recorded (a stronger one may already stand).
    pub fn flags_triage(&self) -> Option<Triage> {
        self.reasons.iter().find_map(|r| match r.text {
            Said::RedFlag { triage, .. } => Some(triage),
            _ => None,
        })
    }

    /// Marks the reason last given as the one the decision followed.
    pub(super) fn because_of_the_last(&mut self) {
        self.because = self.reasons.len().checked_sub(1);
    }
}

/// How many next-morning scores the baseline is the mean of, once logged [SYNTH].
pub const BASELINE_MORNINGS: usize = 3;

/// What the baseline (the person's usual morning pain) is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BaselineFrom<'a> {
    /// Rest pain, until [`BASELINE_MORNINGS`] next mornings are logged: the intake's, or that
    /// of the clearance of `cleared`.
    Rest {
        /// The day of the clearance that gave it (none: the intake's).
        cleared: Option<NaiveDate>,
    },
    /// The mean of the last [`BASELINE_MORNINGS`] next-morning scores, oldest first.
    Mornings(&'a [Pain]),
}

impl State {
    /// The state on the first day of the program.
    pub fn new(profile: &Profile) -> State {
        let intake_triage = red_flag::worst_triage(&profile.red_flags);
        let paused = intake_triage == Some(Triage::Soon);
        State {
            stage: 0,
            step: 0,
            stage_start: profile.start,
            stage_first: None,
            greens: 0,
            stage_sessions: 0,
            last_increase: None,
            reds: vec![],
            last_session: None,
            mornings: vec![],
            intake_pain: profile.rest_pain,
            rest_pain: profile.rest_pain,
            rest_cleared: None,
            stopped: red_flags::intake_stop(profile),
            completed: false,
            screened: profile.screened,
            review_flag: false,
            reviews_done: 0,
            program_start: profile.start,
            intake_triage,
            paused,
            pause: paused.then(|| {
                Reason::new(
                    Rule::RedFlagScreen,
                    format!(
                        "Red flags at intake ({}): see a clinician soon.",
                        red_flag::in_words(&red_flags::stopping_flags(&profile.red_flags))
                    ),
                )
            }),
            ceilings: BTreeMap::new(),
            estimates: BTreeMap::new(),
            raised: BTreeMap::new(),
            loading_since: None,
            last_counted: None,
            table: std::sync::OnceLock::new(),
            gap_checked: None,
            gap_reason: None,
            recent: vec![],
            served: BTreeMap::new(),
            lighter: false,
            step_first: None,
        }
    }

    /// Baseline pain: the rest pain at intake (or at a clearance that gave one), then the mean
    /// of the last [`BASELINE_MORNINGS`] next-morning scores [SYNTH].
    pub fn baseline(&self) -> f64 {
        match self.baseline_from() {
            BaselineFrom::Rest { .. } => f64::from(self.rest_pain),
            BaselineFrom::Mornings(last) => {
                last.iter().map(|&m| f64::from(m)).sum::<f64>() / last.len() as f64
            }
        }
    }

    /// What the baseline is made of now (views name it; none works it out) [SYNTH].
    pub fn baseline_from(&self) -> BaselineFrom<'_> {
        match self.mornings.len().checked_sub(BASELINE_MORNINGS) {
            Some(from) => BaselineFrom::Mornings(&self.mornings[from..]),
            None => BaselineFrom::Rest {
                cleared: self.rest_cleared,
            },
        }
    }

    /// Whether a lighter week on `date` plans the step before's loads: when the current step's
    /// were not lifted before that week began, so the week keeps or lowers the load lifted the
    /// week before [DELOAD][GABBETT].
    pub fn lowers_in_a_lighter_week(&self, program: &Program, date: NaiveDate) -> bool {
        self.step > 0
            && self.deload(program, date)
            && !self.step_first.is_some_and(|(st, sp, first)| {
                (st, sp) == (self.stage, self.step) && first < week_start(date)
            })
    }

    /// Whether `date` falls in a lighter week of the current stage: every Nth calendar week
    /// (Monday to Sunday) counted from the week of the stage's first session [DELOAD].
    pub fn deload(&self, program: &Program, date: NaiveDate) -> bool {
        let stage = &program.stages[self.stage];
        let first = week_start(self.stage_first.unwrap_or(date));
        stage.deload_every_weeks.is_some_and(|n| {
            let week = (week_start(date) - first).num_days().max(0) / 7 + 1;
            week % i64::from(n) == 0
        })
    }

    /// 0-based stage index.
    pub fn stage(&self) -> usize {
        self.stage
    }

    /// 0-based dose step within the stage.
    pub fn step(&self) -> usize {
        self.step
    }

    /// The stop in force, if any: its triage never drops until a clearance.
    pub fn stopped(&self) -> Option<&Stopped> {
        self.stopped.as_ref()
    }

    /// The strongest triage of the intake's red flags, if any [NG59].
    pub fn intake_triage(&self) -> Option<Triage> {
        self.intake_triage
    }

    /// Whether progression is paused until a clinician's clearance.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Why progression is paused.
    pub fn pause(&self) -> Option<&Reason> {
        self.pause.as_ref()
    }

    /// Whether the last stage has been completed.
    pub fn completed(&self) -> bool {
        self.completed
    }

    /// The latest estimated 1RM per lift.
    pub fn estimates(&self) -> &BTreeMap<String, f64> {
        &self.estimates
    }

    /// The date of the last session done.
    pub fn last_session(&self) -> Option<NaiveDate> {
        self.last_session
    }

    /// The day of the clearance whose rest pain the baseline starts from, if one gave it
    /// (else the intake's rest pain) [SYNTH].
    pub fn rest_cleared(&self) -> Option<NaiveDate> {
        self.rest_cleared
    }

    /// The date of the last red-flag screen.
    pub fn screened(&self) -> NaiveDate {
        self.screened
    }

    /// The exercises of a session on `date` at the current stage and step, with their loads.
    pub(crate) fn exercises(
        &self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
    ) -> Vec<PlannedExercise> {
        session_exercises(
            program,
            profile,
            &self.dosing(program, profile, date, &self.ceilings),
        )
    }

    /// The program's loads for the profile, worked out on first use.
    pub(super) fn load_table(&self, program: &Program, profile: &Profile) -> &LoadTable {
        self.table
            .get_or_init(|| std::sync::Arc::new(LoadTable::new(program, profile)))
    }

    /// The next session's dosing at the current stage and step, under `ceilings`.
    pub(super) fn dosing<'a>(
        &'a self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        ceilings: &'a BTreeMap<String, f64>,
    ) -> Dosing<'a> {
        Dosing {
            table: self.load_table(program, profile),
            stage: self.stage,
            step: self.step,
            deload: self.deload(program, date),
            lower: self.lowers_in_a_lighter_week(program, date),
            session: self.stage_sessions + 1,
            ceilings,
            raised: &self.raised,
            date,
        }
    }

    pub(super) fn enter_stage(
        &mut self,
        program: &Program,
        stage: usize,
        step: usize,
        date: NaiveDate,
    ) {
        // Days already served in a stage count toward its minimum when it is entered again
        // (a red at load tolerance's first step does not restart strength's 14 days) [SYNTH].
        let served = (date - self.stage_start).num_days().max(0);
        self.served.insert(self.stage, served);
        self.stage = stage;
        self.step = step;
        self.stage_start =
            date - chrono::Duration::days(self.served.get(&stage).copied().unwrap_or(0));
        self.stage_first = None;
        self.greens = 0;
        self.stage_sessions = 0;
        self.drop_raised();
        self.lighter = false;
        if program.stages[stage].weekly_load_cap_pct.is_some() {
            self.last_increase = Some(date);
        }
    }

    /// A step back (a red, a break) drops the estimate sets' raised loads: stepping up again
    /// brings the program's dose, and the set earns its raise again a week later, so no load
    /// jumps back past the weekly cap to where it stood before [GABBETT].
    pub(super) fn drop_raised(&mut self) {
        self.raised.clear();
    }

    /// One step down, or to the previous stage's last step from a first step [SYNTH].
    pub(super) fn regress(&mut self, program: &Program, date: NaiveDate) -> String {
        self.greens = 0;
        // A step back after the end reopens the program.
        self.completed = false;
        self.drop_raised();
        if self.step > 0 {
            self.step -= 1;
            format!(
                "back to step {} of {}",
                self.step + 1,
                program.stages[self.stage].name
            )
        } else if self.stage > 0 {
            let prev = self.stage - 1;
            let last = program.stages[prev].steps() - 1;
            self.enter_stage(program, prev, last, date);
            format!(
                "back to {} (stage {}), step {}",
                program.stages[prev].name,
                prev + 1,
                last + 1
            )
        } else {
            "already at the first step: the dose stays".to_string()
        }
    }

    pub(super) fn lower_ceiling(&mut self, exercise: &str, to: Option<f64>) {
        let to = to.unwrap_or(0.0);
        let c = self.ceilings.entry(exercise.to_string()).or_insert(to);
        *c = c.min(to);
    }

    /// The number the next session of the current stage gets (1-based).
    pub(crate) fn next_session(&self) -> u32 {
        self.stage_sessions + 1
    }
}

impl State {
    /// Applies one log row and says what it meant.
    pub(crate) fn apply(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
    ) -> Judged {
        self.apply_planned(program, profile, entry, None)
    }

    /// [`State::apply`] for a session whose exercises were just planned from this state (the
    /// single pass plans each logged session before judging it): they are not worked out twice.
    ///
    /// The rules apply in this order, the one place it is stated:
    /// 1. a note changes nothing; retired symptom ids are named ([`red_flags`]);
    /// 2. a clearance, a screen, or red flags with the session decide the row ([`red_flags`]);
    /// 3. a stopped program or a skipped session holds;
    /// 4. a break steps back before the session ([`breaks`]);
    /// 5. capped lifts keep their loads as ceilings ([`adjustments`]);
    /// 6. the session gate judges the pain under the adjusted gates ([`super::gate`],
    ///    [`adjustments`]);
    /// 7. the mornings, the reviews and the weekly trend ([`trend`], [`review`]);
    /// 8. effort and estimates ([`effort`]);
    /// 9. the outcome decides: red steps back or stops ([`red`]), amber holds, green advances
    ///    ([`advance`]).
    pub(super) fn apply_planned(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        planned: Option<&[PlannedExercise]>,
    ) -> Judged {
        let mut judged = self.judging(entry);
        // A therapist's note changes nothing (the pass sets notes aside before it replays; this
        // keeps the state safe should one reach it).
        if entry.kind == EntryKind::Note {
            judged.reasons.push(Reason::new(
                Rule::Note,
                "A note: not judged, nothing changes.",
            ));
            return judged;
        }
        red_flags::retired(entry, &mut judged.reasons);
        let mut judged = match self.flags_and_clearance(entry, judged) {
            ControlFlow::Break(done) => return done,
            ControlFlow::Continue(judged) => judged,
        };
        if self.holds_unjudged(entry, &mut judged) {
            return judged;
        }
        let gap_regressed = self.step_back_after_a_break(program, entry.date, &mut judged);
        // The session is judged by the rules of the stage it is done in (after any step back),
        // at the doses it was planned with.
        let (gates, gate_labels) = adjustments::tightened(
            &profile.adjust,
            entry.date,
            &program.stages[self.stage].gates,
        );
        self.stage_first.get_or_insert(entry.date);
        let done = self.doses(program, profile, entry.date, planned);
        self.after_a_lighter_week(program, entry.date);
        self.count_session(entry.date);
        self.keep_capped_loads(profile, entry, &done);
        let outcome = self.gate(program, profile, entry, (&gates, gate_labels), &mut judged);
        self.track_mornings(entry);
        self.review(program, entry.date, &mut judged);
        self.pause_on_rising_trend(entry.date, &mut judged);
        let loaded = done.iter().any(|e| e.load.is_some());
        if loaded && outcome != Outcome::Red {
            self.loading_since.get_or_insert(entry.date);
        }
        let over_effort = self.effort(program, profile, entry, &done, &mut judged.reasons);
        if outcome != Outcome::Red {
            self.estimate(profile, entry, &done, &mut judged.reasons);
        }
        let session = Session {
            program,
            profile,
            entry,
            gates: &gates,
            done: &done,
            loaded,
        };
        self.decide(&session, over_effort, gap_regressed, &mut judged);
        // A session's effort says "hold" only when the row holds: a red's step back or a stop
        // is the decision then.
        let holds = judged.decision == Decision::Hold;
        for r in &mut judged.reasons {
            if let Said::SessionEffort { hold, .. } = &mut r.text {
                *hold = holds;
            }
        }
        judged
    }

    /// A row about to be judged: where the state stands, no decision yet.
    fn judging(&self, entry: &LogEntry) -> Judged {
        Judged {
            entry: entry.clone(),
            stage: self.stage,
            step: self.step,
            outcome: Outcome::None,
            decision: Decision::Hold,
            reasons: vec![],
            because: None,
            triage: None,
            baseline: self.baseline(),
        }
    }

    /// The doses a session on `date` was done at: the ones just planned for it, else worked
    /// out from the state.
    fn doses<'p>(
        &self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        planned: Option<&'p [PlannedExercise]>,
    ) -> std::borrow::Cow<'p, [PlannedExercise]> {
        match planned {
            Some(p) => {
                // The plan's doses are the state's, a load at most lowered by the weekly cap's
                // last guard ([`load_cap::within_the_weekly_cap`]).
                debug_assert!(p.iter().zip(self.exercises(program, profile, date)).all(
                    |(a, b)| a.id == b.id
                        && a.sets == b.sets
                        && a.load.unwrap_or(0.0) <= b.load.unwrap_or(0.0) + 1e-9
                ));
                std::borrow::Cow::Borrowed(p)
            }
            None => std::borrow::Cow::Owned(self.exercises(program, profile, date)),
        }
    }

    /// A session on `date` is counted: the first of its step, the latest, one more in the
    /// stage.
    fn count_session(&mut self, date: NaiveDate) {
        if self
            .step_first
            .is_none_or(|(st, sp, _)| (st, sp) != (self.stage, self.step))
        {
            self.step_first = Some((self.stage, self.step, date));
        }
        self.last_session = Some(date);
        self.stage_sessions += 1;
    }

    /// The session gate under the adjusted gates, then a therapist's next-morning limit; the
    /// outcome, with the reasons and the adjustments in force said ([`super::gate`],
    /// [`adjustments`]).
    fn gate(
        &self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        (gates, labels): (&Gates, Vec<String>),
        judged: &mut Judged,
    ) -> Outcome {
        let (outcome, reason) = judge(entry, gates, self.baseline());
        judged.reasons.push(reason);
        judged.because_of_the_last();
        let judged_as = outcome;
        let outcome = adjustments::next_morning_limit(profile, entry, outcome, &mut judged.reasons);
        if outcome != judged_as {
            // The therapist's limit made it amber: that is what the decision follows.
            judged.because_of_the_last();
        }
        judged.outcome = outcome;
        judged
            .reasons
            .extend(adjusted(profile, program, self.stage, entry.date, labels));
        outcome
    }

    /// A stopped program holds every session until a clearance; a skipped session holds its
    /// dose. Whether the row was one of those.
    fn holds_unjudged(&self, entry: &LogEntry, judged: &mut Judged) -> bool {
        if let Some(stop) = &self.stopped {
            judged.decision = Decision::Stop;
            judged.triage = Some(stop.triage);
            judged.reasons.push(Reason::new(
                Rule::Stopped,
                "The program is stopped: record a clinician's clearance with `graded resume` \
                 before progressing.",
            ));
            judged.because_of_the_last();
            return true;
        }
        if entry.status == SessionStatus::Skipped {
            judged.reasons.push(Reason::new(
                Rule::Skipped,
                "Session skipped: the dose stays the same.",
            ));
            judged.because_of_the_last();
            return true;
        }
        false
    }

    /// More than `gap_days` without a session: step back before this one ([`breaks`]).
    /// Whether it stepped back.
    fn step_back_after_a_break(
        &mut self,
        program: &Program,
        date: NaiveDate,
        judged: &mut Judged,
    ) -> bool {
        self.check_gap(program, date);
        let Some(reason) = self.gap_reason.take() else {
            return false;
        };
        judged.stage = self.stage;
        judged.step = self.step;
        judged.decision = Decision::Regress;
        judged.reasons.push(reason);
        true
    }

    /// What the outcome decides: a red steps back or stops ([`red`]); amber or pending holds;
    /// a green counts once a day, not over an effort cap, and may advance ([`advance`]).
    fn decide(
        &mut self,
        s: &Session<'_>,
        over_effort: bool,
        gap_regressed: bool,
        judged: &mut Judged,
    ) {
        match judged.outcome {
            Outcome::Red => self.on_red(s, judged),
            Outcome::Amber => {
                self.greens = 0;
                if !gap_regressed {
                    judged.decision = Decision::Hold;
                }
            }
            // No morning score (yet, or forgotten): judged on pain alone, it never counts
            // toward progression, and a forgotten morning is not a bad one: the run of greens
            // before it stands [PMM][SYNTH].
            Outcome::Pending => {
                if !gap_regressed {
                    judged.decision = Decision::Hold;
                }
            }
            Outcome::Green if self.last_counted == Some(s.entry.date) => {
                judged.reasons.push(Reason::new(
                    Rule::OneDayOneCount,
                    "A second session on the same day counts once toward progression: the \
                     24-hour response is what is judged.",
                ));
                judged.because_of_the_last();
            }
            Outcome::Green if over_effort => {
                self.greens = 0;
                // A lift over its own cap, else the whole session's effort [BBM][RPE].
                judged.because = judged
                    .reasons
                    .iter()
                    .position(|r| matches!(r.rule, Rule::EffortOverCap | Rule::SessionEffort));
            }
            // Complete: maintenance at the final dose, never another step up [RPE][RECOVERED].
            Outcome::Green if self.completed => {
                judged.decision = Decision::Maintain;
                judged.reasons.push(Reason::new(
                    Rule::Maintenance,
                    "The program is complete: keep the final dose, about 2 sessions a week \
                     (maintenance); a red steps back as usual.",
                ));
                judged.because_of_the_last();
            }
            Outcome::Green => {
                self.greens += 1;
                self.last_counted = Some(s.entry.date);
                if !gap_regressed {
                    let given = judged.reasons.len();
                    judged.decision =
                        self.progress(s.program, s.profile, s.entry, &mut judged.reasons);
                    if judged.reasons.len() > given {
                        judged.because = Some(given);
                    }
                }
            }
            Outcome::Stop | Outcome::None => {}
        }
    }
}

/// One session being judged: what the rules after the gate read.
struct Session<'a> {
    program: &'a Program,
    profile: &'a Profile,
    entry: &'a LogEntry,
    /// The gates it was judged under (after adjustments).
    gates: &'a Gates,
    /// Its exercises as planned.
    done: &'a [PlannedExercise],
    /// Whether any of them carried a load.
    loaded: bool,
}
