//! The progression state machine: one logged (or projected) session at a time.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::dosage::{Dosing, LoadTable, round_down, session_exercises};
use super::gate::{Outcome, Reason, Said, judge};
use super::rule::Rule;
use crate::model::adjust;
use crate::model::plan::{fmt_load, week_start};
use crate::model::{
    AdjustKind, EntryKind, LogEntry, Pain, PlannedExercise, Profile, Program, SessionStatus,
    Symptom, Triage, red_flag, rpe,
};

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
        }
    }
}

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
            red_flag::ids(flags, ", "),
            since.format("%a %d %b %Y")
        )
    }
}

/// Where the person stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    /// 0-based stage index.
    pub(super) stage: usize,
    /// 0-based dose step within the stage.
    pub(super) step: usize,
    /// First day of the current stage.
    pub(super) stage_start: NaiveDate,
    /// The day of the current stage's first session: its weeks run Monday to Sunday from the
    /// week holding it.
    pub(super) stage_first: Option<NaiveDate>,
    /// Green sessions in a row at the current step.
    pub(super) greens: u32,
    /// Sessions done in the current stage (for numbering).
    pub(super) stage_sessions: u32,
    /// Date the load last rose, or a loaded stage was entered (either way the next rise waits
    /// 7 days) [GABBETT].
    pub(super) last_increase: Option<NaiveDate>,
    /// Dates of recent red sessions.
    pub(super) reds: Vec<NaiveDate>,
    /// Date of the last session done.
    pub(super) last_session: Option<NaiveDate>,
    /// Recent next-morning scores, newest last.
    pub(super) mornings: Vec<Pain>,
    /// Intake rest pain.
    pub(super) intake_pain: Pain,
    /// Set when stopped.
    pub(super) stopped: Option<Stopped>,
    /// Set when the last stage has been completed.
    pub(super) completed: bool,
    /// Date of the last red-flag screen.
    pub(super) screened: NaiveDate,
    /// Whether a review (4, 8 or 12 weeks) found too little improvement.
    pub(super) review_flag: bool,
    /// How many of the reviews (at 1, 2 and 3 times `review_after_days`) have been done.
    pub(super) reviews_done: u32,
    /// First day of the program.
    pub(super) program_start: NaiveDate,
    /// Progression is paused until a clinician's clearance: an S-triaged flag at intake or the
    /// review found too little improvement, or weekly pain rose two weeks running ("stop
    /// progressing; see a clinician soon").
    pub(super) paused: bool,
    /// Why progression is paused: the rule, its sources and a sentence.
    pub(super) pause: Option<Reason>,
    /// A load ceiling per exercise id, below the program's dose: set when effort passed the cap
    /// or a red session in a loaded stage [RPE][BBM][SYNTH]; it rises with the weekly cap.
    pub(super) ceilings: BTreeMap<String, f64>,
    /// The latest estimated 1RM per lift, from a submaximal set and its RPE [RPE].
    pub(super) estimates: BTreeMap<String, f64>,
    /// Estimate sets raised above the program's dose while their estimate falls short [RPE].
    pub(super) raised: BTreeMap<String, f64>,
    /// The first day of the current run of green loading (reset by a red in a loaded stage): a
    /// true max waits for about 6 weeks of it [RECOVERED][SYNTH].
    pub(super) loading_since: Option<NaiveDate>,
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
    /// The last three weeks' morning pain and stiffness, for the week-to-week rules [PMM].
    weeks: Vec<WeekStats>,
}

/// Pain and stiffness sums of one ISO week, for the week-to-week rule [PMM].
#[derive(Debug, Clone, PartialEq, Serialize)]
struct WeekStats {
    /// year * 100 + ISO week.
    key: i32,
    pain_sum: f64,
    pain_n: u32,
    stiffness_sum: f64,
    stiffness_n: u32,
    sessions: u32,
}

fn week_key(date: NaiveDate) -> i32 {
    let iso = date.iso_week();
    iso.year() * 100 + iso.week() as i32
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
    /// Set on a stop.
    pub triage: Option<Triage>,
    /// The baseline (the person's usual morning pain) the row was judged against: the figure
    /// before its own next morning counts [SYNTH].
    pub baseline: f64,
}

/// Rest pain at intake at or above this: no plan starts; see a clinician first (S) [SYNTH].
pub const INTAKE_REST_PAIN_STOP: Pain = Pain::of(7);

/// What a person is told when the intake stops the program before it starts (rest pain 7/10
/// or more) [SYNTH].
pub const SEE_A_CLINICIAN_FIRST: &str = "SEE A CLINICIAN FIRST: book a doctor or physical therapist appointment before starting the program.";

/// A break longer than this restarts the stage [SYNTH].
pub const RESTART_AFTER_DAYS: i64 = 28;

/// The lowest RPE an estimated 1RM is computed at [RPE].
pub const MIN_ESTIMATE_RPE: f64 = 7.0;

/// Days of green loading before a true 1RM attempt is reasonable [RECOVERED][SYNTH].
pub const TRUE_MAX_AFTER_DAYS: i64 = 42;

/// An estimated 1RM this close to the pre-injury 1RM is "back to 100%": the estimate's own
/// margin, and less than one plate on most lifts [RPE].
pub const ESTIMATE_MARGIN_PCT: f64 = 2.5;

/// What stops the program before the first session: an emergency or urgent red flag in the
/// intake (`init` refuses to write such a profile; a hand-edited one is caught here) [NG59], or
/// rest pain of 7/10 or more (see a clinician first, S) [SYNTH].
fn intake_stop(profile: &Profile) -> Option<Stopped> {
    let flags = stopping_flags(&profile.red_flags);
    if let Some(triage) = red_flag::worst_triage(&flags)
        && triage > Triage::Soon
    {
        return Some(Stopped {
            date: profile.screened,
            triage,
            cause: format!("red flags at intake: {}", red_flag::ids(&flags, ", ")),
            level: (flags.clone(), profile.screened),
            flags,
            at_intake: true,
        });
    }
    (profile.rest_pain >= INTAKE_REST_PAIN_STOP).then(|| Stopped {
        date: profile.start,
        triage: Triage::Soon,
        flags: vec![],
        cause: format!(
            "rest pain {}/10 at intake: see a clinician before starting",
            profile.rest_pain
        ),
        at_intake: true,
        level: (vec![], profile.start),
    })
}

/// The ids among `symptoms` that are red flags (retired ids are recorded, never stop).
fn stopping_flags(symptoms: &[Symptom]) -> Vec<Symptom> {
    symptoms
        .iter()
        .filter(|s| s.flag().is_some())
        .copied()
        .collect()
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
            stopped: intake_stop(profile),
            completed: false,
            screened: profile.screened,
            review_flag: false,
            reviews_done: 0,
            program_start: profile.start,
            paused,
            pause: paused.then(|| {
                Reason::new(
                    Rule::RedFlagScreen,
                    format!(
                        "Red flags at intake ({}): see a clinician soon.",
                        red_flag::in_words(&stopping_flags(&profile.red_flags))
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
            weeks: vec![],
        }
    }

    /// Baseline pain: the intake rest pain, then the mean of the last 3 next-morning scores [SYNTH].
    pub fn baseline(&self) -> f64 {
        if self.mornings.len() < 3 {
            f64::from(self.intake_pain)
        } else {
            let last = &self.mornings[self.mornings.len() - 3..];
            last.iter().map(|&m| f64::from(m)).sum::<f64>() / 3.0
        }
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

    /// The latest next-morning scores (up to three), newest last: the usual morning pain.
    pub fn mornings(&self) -> &[Pain] {
        &self.mornings
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

    /// The next session's dosing at the current stage and step, under `ceilings`.
    fn dosing<'a>(
        &'a self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        ceilings: &'a BTreeMap<String, f64>,
    ) -> Dosing<'a> {
        let table = self
            .table
            .get_or_init(|| std::sync::Arc::new(LoadTable::new(program, profile)));
        Dosing {
            table,
            stage: self.stage,
            step: self.step,
            deload: self.deload(program, date),
            session: self.stage_sessions + 1,
            ceilings,
            raised: &self.raised,
            date,
        }
    }

    fn enter_stage(&mut self, program: &Program, stage: usize, step: usize, date: NaiveDate) {
        self.stage = stage;
        self.step = step;
        self.stage_start = date;
        self.stage_first = None;
        self.greens = 0;
        self.stage_sessions = 0;
        if program.stages[stage].weekly_load_cap_pct.is_some() {
            self.last_increase = Some(date);
        }
    }

    /// One step down, or to the previous stage's last step from a first step [SYNTH].
    fn regress(&mut self, program: &Program, date: NaiveDate) -> String {
        self.greens = 0;
        // A step back after the end reopens the program.
        self.completed = false;
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

    fn add_week(&mut self, date: NaiveDate, pains: &[Pain], stiffness: Option<u32>) {
        let key = week_key(date);
        if self.weeks.last().is_none_or(|w| w.key != key) {
            self.weeks.push(WeekStats {
                key,
                pain_sum: 0.0,
                pain_n: 0,
                stiffness_sum: 0.0,
                stiffness_n: 0,
                sessions: 0,
            });
            if self.weeks.len() > 3 {
                self.weeks.remove(0);
            }
        }
        let w = self.weeks.last_mut().expect("pushed");
        w.sessions += 1;
        for &p in pains {
            w.pain_sum += f64::from(p);
            w.pain_n += 1;
        }
        if let Some(s) = stiffness {
            w.stiffness_sum += f64::from(s);
            w.stiffness_n += 1;
        }
    }

    /// Weekly mean pain (or stiffness) of the weeks ending with `date`'s, oldest first, when they
    /// are consecutive weeks and this one has two sessions or more (one session does not decide).
    fn week_means(&self, date: NaiveDate, weeks: usize) -> Option<Vec<(Option<f64>, Option<f64>)>> {
        if self.weeks.len() < weeks {
            return None;
        }
        let recent = &self.weeks[self.weeks.len() - weeks..];
        let cur = recent.last().expect("weeks >= 1");
        if cur.key != week_key(date) || cur.sessions < 2 {
            return None;
        }
        for (i, w) in recent.iter().enumerate() {
            let back = (weeks - 1 - i) as i64;
            if w.key != week_key(date - chrono::Duration::days(7 * back)) {
                return None;
            }
        }
        let mean = |s: f64, n: u32| (n > 0).then(|| s / f64::from(n));
        Some(
            recent
                .iter()
                .map(|w| {
                    (
                        mean(w.pain_sum, w.pain_n),
                        mean(w.stiffness_sum, w.stiffness_n),
                    )
                })
                .collect(),
        )
    }

    /// Weekly mean morning pain (or stiffness) higher than the week before: hold [PMM]. The
    /// pain-monitoring model watches the mornings, not the pain during harder sessions; a rise
    /// counts from 1 point (the smallest change a person notices [MCID]) or 10 minutes.
    fn worse_than_last_week(&self, date: NaiveDate) -> Option<String> {
        let m = self.week_means(date, 2)?;
        if let Some((a, b)) = rose(m[0].0, m[1].0, PAIN_RISE) {
            return Some(format!(
                "Weekly mean morning pain {b:.1} is {PAIN_RISE:.0} point or more above last week's {a:.1}: hold."
            ));
        }
        if let Some((a, b)) = rose(m[0].1, m[1].1, STIFFNESS_RISE) {
            return Some(format!(
                "Weekly mean morning stiffness {b:.0} min is {STIFFNESS_RISE:.0} min or more above last week's {a:.0} min: hold."
            ));
        }
        None
    }

    /// Weekly mean morning pain higher two weeks running (by a point or more each week): pause
    /// progression and see a physio or clinician soon (S) [PMM][SYNTH].
    fn rising_two_weeks(&self, date: NaiveDate) -> Option<String> {
        let m = self.week_means(date, 3)?;
        let ((a, b), (_, c)) = (
            rose(m[0].0, m[1].0, PAIN_RISE)?,
            rose(m[1].0, m[2].0, PAIN_RISE)?,
        );
        Some(format!(
            "Weekly mean morning pain rose two weeks running ({a:.1}, {b:.1}, {c:.1}): progression pauses; \
             see a physio or clinician soon."
        ))
    }

    /// The gap rule, checked once for a session on `date` [SYNTH]: more than `gap_days` since the
    /// last session goes back one step for each full week missed (no further than the stage's
    /// first step, and the load comes down with the step); more than 4 weeks restarts the stage.
    /// The plan calls it before showing a session's dose, so the step back shows before the
    /// comeback session, not after it.
    pub(crate) fn check_gap(&mut self, program: &Program, date: NaiveDate) {
        if self.gap_checked == Some(date) || self.stopped.is_some() || self.completed {
            return;
        }
        self.gap_checked = Some(date);
        let gap_days = program.stages[self.stage].gates.gap_days;
        let Some(last) = self.last_session else {
            return;
        };
        let gap = (date - last).num_days();
        if gap <= i64::from(gap_days) {
            return;
        }
        let name = program.stages[self.stage].name.clone();
        let to = if gap > RESTART_AFTER_DAYS {
            self.enter_stage(program, self.stage, 0, date);
            format!("more than 4 weeks: {name} starts again from step 1")
        } else {
            let weeks = (gap / 7).max(1) as usize;
            let back = weeks.min(self.step);
            self.step -= back;
            self.greens = 0;
            match back {
                0 => "already at the stage's first step: the dose stays".to_string(),
                _ => format!(
                    "{weeks} full week{} missed: back {back} step{} to step {} of {name}",
                    if weeks == 1 { "" } else { "s" },
                    if back == 1 { "" } else { "s" },
                    self.step + 1
                ),
            }
        };
        self.gap_reason = Some(Reason::new(
            Rule::Gap,
            format!("{gap} days since the last session (more than {gap_days}): {to}."),
        ));
    }

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
    pub(super) fn apply_planned(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        planned: Option<&[PlannedExercise]>,
    ) -> Judged {
        let mut judged = Judged {
            entry: entry.clone(),
            stage: self.stage,
            step: self.step,
            outcome: Outcome::None,
            decision: Decision::Hold,
            reasons: vec![],
            triage: None,
            baseline: self.baseline(),
        };
        // A therapist's note changes nothing (the pass sets notes aside before it replays; this
        // keeps the state safe should one reach it).
        if entry.kind == EntryKind::Note {
            judged.reasons.push(Reason::new(
                Rule::Note,
                "A note: not judged, nothing changes.",
            ));
            return judged;
        }
        for r in entry.symptoms.iter().filter_map(|s| match s {
            Symptom::Retired(r) => Some(r),
            Symptom::Flag(_) => None,
        }) {
            judged.reasons.push(Reason::new(
                Rule::RecordedSymptom,
                format!("Recorded symptom `{}`: {}.", r.id, r.note),
            ));
        }
        let flags = stopping_flags(&entry.symptoms);
        let flags_triage = red_flag::worst_triage(&flags);
        match entry.kind {
            EntryKind::Resume => {
                self.stopped = None;
                self.paused = false;
                self.pause = None;
                self.review_flag = false;
                self.reds.clear();
                self.greens = 0;
                judged.decision = Decision::Start;
                judged.reasons.push(Reason::new(
                    Rule::Clearance,
                    format!(
                        "Resumed at the same dose after clearance by {}.",
                        entry.note
                    ),
                ));
                return judged;
            }
            EntryKind::Screen => {
                self.screened = entry.date;
                if let Some(t) = flags_triage {
                    return self.stop(judged, entry.date, &flags, t);
                }
                judged.decision = if self.stopped.is_some() {
                    judged.triage = self.stopped.as_ref().map(|s| s.triage);
                    Decision::Stop
                } else {
                    Decision::Hold
                };
                judged.reasons.push(Reason::new(
                    Rule::RedFlagScreen,
                    "Red-flag screen: no red flags.",
                ));
                return judged;
            }
            // Returned above, before anything changed.
            EntryKind::Note => return judged,
            EntryKind::Session => {}
        }
        if let Some(t) = flags_triage {
            return self.stop(judged, entry.date, &flags, t);
        }
        if let Some(stop) = &self.stopped {
            judged.decision = Decision::Stop;
            judged.triage = Some(stop.triage);
            judged.reasons.push(Reason::new(Rule::Stopped, "The program is stopped: record a clinician's clearance with `graded resume` before progressing."));
            return judged;
        }
        if entry.status == SessionStatus::Skipped {
            judged.reasons.push(Reason::new(
                Rule::Skipped,
                "Session skipped: the dose stays the same.",
            ));
            return judged;
        }
        // More than `gap_days` without a session: step back before this one [SYNTH].
        let mut gap_regressed = false;
        self.check_gap(program, entry.date);
        if let Some(reason) = self.gap_reason.take() {
            judged.stage = self.stage;
            judged.step = self.step;
            judged.decision = Decision::Regress;
            gap_regressed = true;
            judged.reasons.push(reason);
        }
        // The session is judged by the rules of the stage it is done in (after any step back),
        // at the doses it was planned with.
        let (gates, gate_labels) = adjust::tightened(
            &profile.adjust,
            entry.date,
            &program.stages[self.stage].gates,
        );
        let gates = &gates;
        self.stage_first.get_or_insert(entry.date);
        let done = match planned {
            Some(p) => {
                debug_assert_eq!(p, self.exercises(program, profile, entry.date));
                std::borrow::Cow::Borrowed(p)
            }
            None => std::borrow::Cow::Owned(self.exercises(program, profile, entry.date)),
        };
        self.last_session = Some(entry.date);
        self.stage_sessions += 1;
        // A lift capped by an adjustment keeps its capped load as a ceiling, so that when the
        // cap ends the load climbs back at the weekly cap, not in one jump [GABBETT].
        for e in done.iter() {
            if let Some(lift) = e.lift.as_deref()
                && adjust::in_force(&profile.adjust, entry.date).any(
                    |(_, a)| matches!(&a.kind, AdjustKind::MaxPct { lift: l, .. } if l == lift),
                )
            {
                self.lower_ceiling(&e.id, Some(e.load.unwrap_or(profile.units.bar())));
            }
        }

        let baseline = self.baseline();
        let (mut outcome, reason) = judge(entry, gates, baseline);
        judged.reasons.push(reason);
        // A therapist's next-morning limit: a green session whose morning is above it holds.
        if let (Outcome::Green, Some(m), Some((max, label))) = (
            outcome,
            entry.next_morning,
            adjust::next_morning_max(&profile.adjust, entry.date),
        ) && m > max
        {
            outcome = Outcome::Amber;
            judged.reasons.push(Reason::new(
                Rule::Adjustment,
                format!("Amber: next-morning pain {m}/10 is above {max}/10 ({label}): hold."),
            ));
        }
        judged.outcome = outcome;
        judged.reasons.extend(adjusted(
            profile,
            program,
            self.stage,
            entry.date,
            gate_labels,
        ));
        let mornings: Vec<Pain> = entry.next_morning.into_iter().collect();
        self.add_week(entry.date, &mornings, entry.stiffness_min);
        if let Some(m) = entry.next_morning {
            self.mornings.push(m);
            if self.mornings.len() > 3 {
                self.mornings.remove(0);
            }
        }
        self.review(program, entry.date, &mut judged);
        if !self.paused
            && let Some(why) = self.rising_two_weeks(entry.date)
        {
            let reason = Reason::new(Rule::WeeklyTrendRising, why);
            self.paused = true;
            self.pause = Some(reason.clone());
            judged.reasons.push(reason);
        }
        let loaded = done.iter().any(|e| e.load.is_some());
        if loaded && outcome != Outcome::Red {
            self.loading_since.get_or_insert(entry.date);
        }
        let over_effort = self.effort(program, profile, entry, &done, &mut judged.reasons);
        if outcome != Outcome::Red {
            self.estimate(profile, entry, &done, &mut judged.reasons);
        }

        match outcome {
            Outcome::Red => {
                self.reds
                    .retain(|d| (entry.date - *d).num_days() < i64::from(gates.red_window_days));
                self.reds.push(entry.date);
                if loaded {
                    self.loading_since = None;
                }
                if self.reds.len() as u32 >= gates.reds_to_stop {
                    judged.reasons.push(Reason::new(
                        Rule::TwoReds,
                        format!(
                            "{} red sessions within {} days: stop and see a clinician.",
                            self.reds.len(),
                            gates.red_window_days
                        ),
                    ));
                    let cause = format!(
                        "{} red sessions within {} days",
                        self.reds.len(),
                        gates.red_window_days
                    );
                    self.stopped = Some(Stopped {
                        date: entry.date,
                        triage: Triage::Soon,
                        flags: vec![],
                        cause,
                        at_intake: false,
                        level: (vec![], entry.date),
                    });
                    judged.decision = Decision::Stop;
                    judged.triage = Some(Triage::Soon);
                } else {
                    let to = self.regress(program, entry.date);
                    judged.decision = Decision::Regress;
                    judged.reasons.push(Reason::new(
                        Rule::RegressOnRed,
                        format!("A red session regresses one dose step: {to}."),
                    ));
                    self.lower_after_red(program, profile, entry.date, &done, &mut judged.reasons);
                }
            }
            Outcome::Amber | Outcome::Pending => {
                self.greens = 0;
                if !gap_regressed {
                    judged.decision = Decision::Hold;
                }
            }
            Outcome::Green if self.last_counted == Some(entry.date) => {
                judged.reasons.push(Reason::new(Rule::OneDayOneCount,
                    "A second session on the same day counts once toward progression: the 24-hour response is what is judged.",
                ));
            }
            Outcome::Green if over_effort => {
                self.greens = 0;
            }
            Outcome::Green => {
                self.greens += 1;
                self.last_counted = Some(entry.date);
                if !gap_regressed {
                    judged.decision = self.progress(program, profile, entry, &mut judged.reasons);
                }
            }
            Outcome::Stop | Outcome::None => {}
        }
        judged
    }

    /// Effort wins over percentage [BBM][RPE]: a lift logged above its RPE cap drops 5% (one
    /// point over) or 10% (two or more) next time, and the session does not count toward
    /// progression. Returns whether any lift was over its cap.
    fn effort(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        done: &[PlannedExercise],
        reasons: &mut Vec<Reason>,
    ) -> bool {
        let mut over = false;
        for e in done {
            let (Some(lift), Some(load), Some(cap)) =
                (lift_of(program, self.stage, &e.id), e.load, e.rpe_cap)
            else {
                continue;
            };
            let Some(rpe) = entry.rpe_for(&lift) else {
                continue;
            };
            let cap = f64::from(cap);
            if rpe <= cap {
                continue;
            }
            over = true;
            let cut = if rpe - cap >= 2.0 { 10.0 } else { 5.0 };
            let next = cut_load(load, cut, profile);
            self.lower_ceiling(&e.id, next);
            reasons.push(Reason::new(Rule::EffortOverCap,
                format!(
                    "{} at {} {} was RPE {rpe}, above its cap of {cap}: next time {} (-{:.0}%), and this session does not count toward progression.",
                    e.name,
                    fmt_load(load),
                    profile.units.as_str(),
                    next.map_or("the empty bar or lighter".to_string(), |n| format!("{} {}", fmt_load(n), profile.units.as_str())),
                    next.map_or(cut, |n| (1.0 - n / load) * 100.0)
                ),
            ));
        }
        over
    }

    /// An estimated 1RM from each estimate set done (at its logged RPE, or its cap when none
    /// was logged) [RPE].
    fn estimate(
        &mut self,
        profile: &Profile,
        entry: &LogEntry,
        done: &[PlannedExercise],
        reasons: &mut Vec<Reason>,
    ) {
        if entry.status != SessionStatus::Done {
            return;
        }
        for e in done {
            let Some((lift, load, reps)) = e.estimate_set() else {
                continue;
            };
            // Estimates count from RPE 7: below it, reps in reserve are guessed too loosely and
            // the estimate would run high [RPE].
            let Some(rpe) = entry
                .rpe_for(lift)
                .or(e.rpe_cap.map(f64::from))
                .map(|r| r.max(MIN_ESTIMATE_RPE))
            else {
                continue;
            };
            let Some(est) = rpe::estimated_1rm(load, reps, rpe) else {
                continue;
            };
            self.estimates.insert(lift.to_string(), est);
            let before = profile.lift(lift).map(|l| l.one_rep_max());
            let u = profile.units.as_str();
            reasons.push(Reason::new(
                Rule::EstimatedOneRm,
                format!(
                    "Estimated {lift} 1RM {est:.0} {u} from {} {u} x {reps} at RPE {rpe}{}.",
                    fmt_load(load),
                    before.map_or(String::new(), |b| format!(
                        " ({:.0}% of the pre-injury {} {u})",
                        est / b * 100.0,
                        fmt_load(b)
                    )),
                ),
            ));
        }
    }

    /// A red in a loaded stage lowers each lift at least 5% below the red session's load (the
    /// step back usually does; a ceiling makes sure) [SYNTH].
    fn lower_after_red(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
        done: &[PlannedExercise],
        reasons: &mut Vec<Reason>,
    ) {
        let now = self.exercises(program, profile, date);
        for e in done {
            let Some(before) = e.load else { continue };
            let after = now.iter().find(|x| x.id == e.id).and_then(|x| x.load);
            let Some(after) = after else { continue };
            let target = cut_load(before, 5.0, profile);
            let lowered = match target {
                Some(t) if after > t => {
                    self.lower_ceiling(&e.id, Some(t));
                    t
                }
                _ => after,
            };
            reasons.push(Reason::new(
                Rule::LoadAfterRed,
                format!(
                    "{} comes down from {} to {} {} (-{:.0}%).",
                    e.name,
                    fmt_load(before),
                    fmt_load(lowered),
                    profile.units.as_str(),
                    (1.0 - lowered / before) * 100.0
                ),
            ));
        }
    }

    fn lower_ceiling(&mut self, exercise: &str, to: Option<f64>) {
        let to = to.unwrap_or(0.0);
        let c = self.ceilings.entry(exercise.to_string()).or_insert(to);
        *c = c.min(to);
    }

    /// After a step up, each ceiling rises by the stage's weekly cap and is dropped once the
    /// program's own dose is at or below it [GABBETT].
    fn raise_ceilings(&mut self, program: &Program, profile: &Profile, date: NaiveDate) {
        if self.ceilings.is_empty() {
            return;
        }
        let cap = program.stages[self.stage]
            .weekly_load_cap_pct
            .unwrap_or(10.0);
        for c in self.ceilings.values_mut() {
            *c = round_down(*c * (1.0 + cap / 100.0), profile.units).unwrap_or(*c);
        }
        let free = BTreeMap::new();
        // The program's own dose: an adjustment's cap in force is no reason to drop a ceiling.
        let plain;
        let own = if profile.adjust.is_empty() {
            profile
        } else {
            plain = Profile {
                adjust: vec![],
                ..profile.clone()
            };
            &plain
        };
        let uncapped = session_exercises(program, own, &self.dosing(program, own, date, &free));
        self.ceilings.retain(|id, c| {
            uncapped
                .iter()
                .find(|e| *e.id == **id)
                .and_then(|e| e.load)
                .is_none_or(|load| load > *c)
        });
    }

    /// Stops the program for red flags. A stop's triage never drops until a clearance: a later,
    /// milder flag adds its advice, never replaces the stronger one [SYNTH].
    fn stop(
        &mut self,
        mut judged: Judged,
        date: NaiveDate,
        flags: &[Symptom],
        triage: Triage,
    ) -> Judged {
        self.gap_reason = None;
        let names = red_flag::ids(flags, ", ");
        let strongest = match &mut self.stopped {
            Some(s) => {
                for f in flags {
                    if !s.flags.contains(f) {
                        s.flags.push(*f);
                    }
                }
                if triage > s.triage || s.level.0.is_empty() {
                    s.level = (flags.to_vec(), date);
                } else if triage == s.triage {
                    s.level.0.extend(flags.iter().copied());
                }
                s.triage = s.triage.max(triage);
                s.cause = if s.flags.is_empty() {
                    s.cause.clone()
                } else {
                    format!("red flags: {}", red_flag::ids(&s.flags, ", "))
                };
                s.triage
            }
            None => {
                self.stopped = Some(Stopped {
                    date,
                    triage,
                    flags: flags.to_vec(),
                    cause: format!("red flags: {names}"),
                    at_intake: false,
                    level: (flags.to_vec(), date),
                });
                triage
            }
        };
        judged.outcome = Outcome::Stop;
        judged.decision = Decision::Stop;
        judged.triage = Some(strongest);
        judged.reasons.push(Reason::new(
            Rule::RedFlag,
            format!(
                "Red-flag symptom ({names}): stop the program. {}",
                triage.advice()
            ),
        ));
        if strongest > triage {
            judged.reasons.push(Reason::new(
                Rule::TriageStands,
                format!(
                    "The earlier, stronger advice stands until a clinician's clearance: {}",
                    strongest.advice()
                ),
            ));
        }
        judged
    }

    /// Reviews at 1, 2 and 3 times `review_after_days` (4, 8 and 12 weeks) [MCID][NHS-4W][COURSE]:
    /// no 2-point / 30% improvement from intake pauses progression (see a clinician); at the
    /// third, still having morning pain short of the end pauses it too.
    fn review(&mut self, program: &Program, date: NaiveDate, judged: &mut Judged) {
        let every = i64::from(program.stages[self.stage].gates.review_after_days);
        let day = (date - self.program_start).num_days();
        if self.reviews_done >= 3 || self.mornings.is_empty() {
            return;
        }
        let due = (day / every).min(3) as u32;
        if due <= self.reviews_done {
            return;
        }
        self.reviews_done = due;
        let weeks = every * i64::from(due) / 7;
        let intake = f64::from(self.intake_pain);
        let needed = (0.3 * intake).min(2.0);
        // The mean of the mornings logged so far (up to the last 3).
        let now =
            self.mornings.iter().map(|&m| f64::from(m)).sum::<f64>() / self.mornings.len() as f64;
        let why = if self.intake_pain > Pain::NONE && intake - now < needed - 1e-9 {
            Some((
                Rule::ReviewNoImprovement,
                format!(
                    "At the {weeks}-week review, morning pain has not improved by 2 points or 30% since intake ({}/10 at rest then, {} now): see a clinician or physical therapist.",
                    self.intake_pain,
                    super::gate::fmt_baseline(now)
                ),
            ))
        } else if due == 3 && !self.completed && now > 0.0 {
            Some((
                Rule::ReviewNotComplete,
                format!(
                    "At the {weeks}-week review, morning pain is still {} and the program is not complete: see a clinician or physical therapist.",
                    super::gate::fmt_baseline(now)
                ),
            ))
        } else {
            None
        };
        if let Some((rule, text)) = why {
            let reason = Reason::new(rule, text);
            self.review_flag = true;
            self.paused = true;
            self.pause = Some(reason.clone());
            judged.reasons.push(reason);
        }
    }
}

/// A weekly rise in mean morning pain that counts: the smallest change a person notices [MCID].
const PAIN_RISE: f64 = 1.0;
/// A weekly rise in mean morning stiffness that counts, in minutes [SYNTH].
const STIFFNESS_RISE: f64 = 10.0;

/// `(before, now)` when both are known and `now` is at least `by` above `before`.
fn rose(before: Option<f64>, now: Option<f64>, by: f64) -> Option<(f64, f64)> {
    before.zip(now).filter(|(a, b)| *b >= a + by - 1e-9)
}

/// The lift an exercise of stage `si` scales from.
fn lift_of(program: &Program, si: usize, id: &str) -> Option<String> {
    program.stages[si]
        .exercises
        .iter()
        .find(|e| &*e.id == id)
        .and_then(|e| e.lift.as_deref().map(str::to_string))
}

/// `load` lowered by about `pct`% (5 or 10) to a loadable weight: the loadable weight in the
/// 5-10% band nearest the cut asked for, or the next one below when the band holds none
/// [BBM][RPE] (`None`: below the empty bar).
fn cut_load(load: f64, pct: f64, profile: &Profile) -> Option<f64> {
    let step = profile.units.step();
    let heaviest = ((load * 0.95 + 1e-9) / step).floor() * step;
    let lightest = ((load * 0.90 - 1e-9) / step).ceil() * step;
    let cut = if lightest <= heaviest + 1e-9 {
        if pct >= 10.0 { lightest } else { heaviest }
    } else {
        ((load * (1.0 - pct / 100.0) + 1e-9) / step).floor() * step
    };
    (cut >= profile.units.bar()).then_some(cut)
}

impl State {
    /// A green session: step up after `greens_to_step` greens in a row [2FOR2]; leave the stage
    /// when its last step is green and its minimum days have passed [SYNTH]; a load rises at
    /// most once per 7 days [GABBETT] (a lighter week cuts the sets by about 40%, so even with a
    /// rise its training load falls [DELOAD]); the last stage ends back at the pre-injury 1RM
    /// [RPE][RECOVERED].
    fn progress(
        &mut self,
        program: &Program,
        profile: &Profile,
        entry: &LogEntry,
        reasons: &mut Vec<Reason>,
    ) -> Decision {
        let stage = &program.stages[self.stage];
        let need = stage.gates.greens_to_step;
        if self.greens < need {
            reasons.push(Reason::new(
                Rule::TwoForTwo,
                Said::Streak {
                    greens: self.greens,
                    need,
                },
            ));
            return Decision::Hold;
        }
        if self.paused {
            reasons.push(Reason::new(Rule::SeeAClinician,
                "Progression is paused until a clinician has seen you (stop progressing, see a clinician soon); \
                 record the clearance with `graded resume --cleared-by ...`: hold.",
            ));
            return Decision::Hold;
        }
        if let Some(msg) = self.worse_than_last_week(entry.date) {
            reasons.push(Reason::new(Rule::WeeklyTrend, msg));
            return Decision::Hold;
        }
        let steps = stage.steps();
        if self.step + 1 < steps {
            if stage.weekly_load_cap_pct.is_some() {
                if let Some(last) = self.last_increase {
                    let since = (entry.date - last).num_days();
                    if since < 7 {
                        reasons.push(Reason::new(Rule::WeeklyLoadCap, format!(
                            "The load last rose {since} days ago; it rises at most once in 7 days (by at most {}%): hold.",
                            stage.weekly_load_cap_pct.unwrap_or_default())));
                        return Decision::Hold;
                    }
                }
                self.last_increase = Some(entry.date);
            }
            self.step += 1;
            self.greens = 0;
            self.raise_ceilings(program, profile, entry.date);
            reasons.push(Reason::new(
                Rule::TwoForTwo,
                format!(
                    "{need} green sessions in a row: up to step {} of {steps} of {}.",
                    self.step + 1,
                    stage.name
                ),
            ));
            return Decision::Advance;
        }
        let days = (entry.date - self.stage_start).num_days();
        if days < i64::from(stage.min_days) {
            reasons.push(Reason::new(
                Rule::MinimumDays,
                format!(
                    "The last step is green, but {} lasts at least {} days ({} to go): hold.",
                    stage.name,
                    stage.min_days,
                    i64::from(stage.min_days) - days
                ),
            ));
            return Decision::Hold;
        }
        if let (Some(max), Some(m)) = (stage.exit_morning_max, entry.next_morning)
            && m > max
        {
            reasons.push(Reason::new(
                Rule::MorningPainToLeave,
                format!(
                    "Leaving {} needs next-morning pain of {max}/10 or less (it was {m}/10): hold.",
                    stage.name
                ),
            ));
            return Decision::Hold;
        }
        if let Some((n, a)) = adjust::in_force(&profile.adjust, entry.date).find(|(_, a)| {
            matches!(&a.kind, AdjustKind::HoldStage { stage: s } if *s == *stage.id || s == stage.kind.as_str())
        }) {
            reasons.push(Reason::new(Rule::Adjustment,
                format!("{} is complete, but it is held ({}): hold.", stage.name, a.label(n)),
            ));
            return Decision::Hold;
        }
        if self.stage + 1 == program.stages.len() {
            if let Some(short) = self.short_of_the_1rm(program, profile) {
                if let Some(rise) = self.raise_estimate_sets(program, profile, entry.date) {
                    reasons.push(Reason::new(Rule::BackToFull, format!("{short} {rise}")));
                    return Decision::Advance;
                }
                reasons.push(Reason::new(
                    Rule::BackToFullRepeat,
                    format!("{short} The set repeats at this load."),
                ));
                return Decision::Hold;
            }
            self.completed = true;
            reasons.push(Reason::new(
                Rule::ProgramComplete,
                self.completion_text(profile),
            ));
            return Decision::Advance;
        }
        let next = self.stage + 1;
        // Entering a stage that loads a lift is a rise too: at most one in 7 days [GABBETT].
        let loads = program.stages[next]
            .exercises
            .iter()
            .any(|e| e.lift.is_some());
        if let (true, Some(last)) = (loads, self.last_increase) {
            let since = (entry.date - last).num_days();
            if since < 7 {
                reasons.push(Reason::new(Rule::WeeklyLoadCap, format!(
                    "{} is complete, but the load last rose {since} days ago; the next stage waits until 7 days have passed: hold.", stage.name)));
                return Decision::Hold;
            }
        }
        self.enter_stage(program, next, 0, entry.date);
        self.raise_ceilings(program, profile, entry.date);
        reasons.push(Reason::new(
            Rule::StageComplete,
            format!(
                "{} is complete (last step green, {} days done): on to {} (stage {}).",
                stage.name,
                days,
                program.stages[next].name,
                next + 1
            ),
        ));
        Decision::Advance
    }

    /// Why the last stage is not over yet: an estimate set's lift whose estimated 1RM is short
    /// of the pre-injury 1RM by more than the estimate's margin [RPE].
    fn short_of_the_1rm(&self, program: &Program, profile: &Profile) -> Option<String> {
        let stage = &program.stages[self.stage];
        stage
            .exercises
            .iter()
            .filter(|e| e.doses.iter().any(|d| d.estimate_1rm))
            .filter_map(|e| {
                let lift = e.lift.as_deref()?;
                let before = profile.lift(lift)?.one_rep_max();
                let est = self.estimates.get(lift).copied().unwrap_or(0.0);
                (est < before * (1.0 - ESTIMATE_MARGIN_PCT / 100.0)).then(|| {
                    format!(
                        "The estimated {lift} 1RM ({est:.0} {u}) is not yet back to the pre-injury {} {u}.",
                        fmt_load(before),
                        u = profile.units.as_str()
                    )
                })
            })
            .next()
    }

    /// Estimate sets below what someone at full strength would lift at their RPE cap rise by the
    /// weekly cap (at most once in 7 days) toward it, so an estimate that falls short after an
    /// effort cut, or because rounding kept the load low, climbs back [RPE][GABBETT]. Returns
    /// the sentence, or `None` when nothing rose.
    fn raise_estimate_sets(
        &mut self,
        program: &Program,
        profile: &Profile,
        date: NaiveDate,
    ) -> Option<String> {
        let stage = &program.stages[self.stage];
        let cap = stage.weekly_load_cap_pct.unwrap_or(10.0);
        if self
            .last_increase
            .is_some_and(|last| (date - last).num_days() < 7)
        {
            return None;
        }
        let mut rose = Vec::new();
        for e in self.exercises(program, profile, date) {
            let (Some((lift, load, reps)), Some(rpe_cap)) = (e.estimate_set(), e.rpe_cap) else {
                continue;
            };
            let Some(orm) = profile.lift(lift).map(|l| l.one_rep_max()) else {
                continue;
            };
            let pct = rpe::pct_1rm(reps, f64::from(rpe_cap))
                .unwrap_or(0.0)
                .min(stage.max_pct_1rm.unwrap_or(100.0));
            let Some(target) = round_down(orm * pct / 100.0, profile.units) else {
                continue;
            };
            let next = round_down(load * (1.0 + cap / 100.0), profile.units)
                .unwrap_or(load)
                .min(target);
            if next > load + 1e-9 {
                self.raised.insert(e.id.to_string(), next);
                // A ceiling rises with the set, never away: dropping it would let the load jump
                // to the program's dose at once [GABBETT].
                if let Some(c) = self.ceilings.get_mut(&*e.id) {
                    *c = next;
                }
                rose.push(format!(
                    "{} comes up from {} to {} {} (+{:.0}%)",
                    e.name,
                    fmt_load(load),
                    fmt_load(next),
                    profile.units.as_str(),
                    (next / load - 1.0) * 100.0
                ));
            }
        }
        if rose.is_empty() {
            return None;
        }
        self.last_increase = Some(date);
        self.greens = 0;
        Some(format!(
            "Done within its RPE cap, the set has room: {}.",
            rose.join("; ")
        ))
    }

    /// What "complete" means, and when a true max is reasonable [RPE][RECOVERED][SYNTH].
    pub fn completion_text(&self, profile: &Profile) -> String {
        let u = profile.units.as_str();
        let lifts: Vec<String> = self
            .estimates
            .iter()
            .map(|(lift, est)| {
                format!(
                    "{lift}: estimated {est:.0} {u}{}",
                    profile.lift(lift).map_or(String::new(), |l| format!(
                        " against {} {u} before the injury",
                        fmt_load(l.one_rep_max())
                    )),
                )
            })
            .collect();
        let untested: Vec<&str> = profile
            .lifts
            .iter()
            .filter(|l| !self.estimates.contains_key(&l.name))
            .map(|l| l.name.as_str())
            .collect();
        let max_from = self
            .loading_since
            .map(|d| d + chrono::Duration::days(TRUE_MAX_AFTER_DAYS));
        format!(
            "Back to 100%: the program is complete. Complete means every step green to the end of the return stage, next-morning pain 0, \
             and an estimated 1RM at the pre-injury 1RM, within the estimate's {ESTIMATE_MARGIN_PCT}% margin{}.{} \
             A true max attempt is reasonable only after about 6 weeks of green loading{} and with morning pain 0. Keep logging for a while.",
            if lifts.is_empty() {
                String::new()
            } else {
                format!(" ({})", lifts.join("; "))
            },
            if untested.is_empty() {
                String::new()
            } else {
                format!(
                    " This program did not bring back your {}: build it up the same way, from about half its 1RM.",
                    untested.join(" or ")
                )
            },
            max_from.map_or(String::new(), |d| format!(
                " (from {} on)",
                d.format("%a %d %b %Y")
            ))
        )
    }
}

/// The labels of the adjustments in force on `date` that change a session of stage `si`: a
/// lift capped, an exercise swapped, the stage held, and
/// `gate_labels` (the gates tightened), each as a reason naming who made it [SYNTH].
pub(crate) fn adjusted(
    profile: &Profile,
    program: &Program,
    si: usize,
    date: NaiveDate,
    gate_labels: Vec<String>,
) -> Vec<Reason> {
    let stage = &program.stages[si];
    let mut out: Vec<Reason> = adjust::in_force(&profile.adjust, date)
        .filter(|(_, a)| match &a.kind {
            AdjustKind::MaxPct { lift, .. } => stage
                .exercises
                .iter()
                .any(|e| e.lift.as_deref() == Some(lift.as_str())),
            AdjustKind::Swap { from, .. } => stage.exercises.iter().any(|e| *e.id == **from),
            AdjustKind::HoldStage { stage: s } => *s == *stage.id || s == stage.kind.as_str(),
            AdjustKind::Gate { .. } => false,
        })
        .map(|(n, a)| Reason::new(Rule::Adjustment, a.label(n)))
        .collect();
    out.extend(
        gate_labels
            .into_iter()
            .map(|l| Reason::new(Rule::Adjustment, l)),
    );
    out
}
