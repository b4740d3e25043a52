//! The progression state machine: one logged (or projected) session at a time.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::gate::{Outcome, Reason, judge};
use crate::model::{EntryKind, LogEntry, Profile, Program, SessionStatus, Triage, red_flag};

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
    /// The red flags (empty for two reds).
    pub flags: Vec<String>,
}

/// Where the person stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    /// 0-based stage index.
    pub stage: usize,
    /// 0-based dose step within the stage.
    pub step: usize,
    /// First day of the current stage.
    pub stage_start: NaiveDate,
    /// Green sessions in a row at the current step.
    pub greens: u32,
    /// Sessions done in the current stage (for numbering).
    pub stage_sessions: u32,
    /// Date the load last rose, or a loaded stage was entered (either way the next rise waits
    /// 7 days) [GABBETT].
    pub last_increase: Option<NaiveDate>,
    /// Dates of recent red sessions.
    pub reds: Vec<NaiveDate>,
    /// Date of the last session done.
    pub last_session: Option<NaiveDate>,
    /// Recent next-morning scores, newest last.
    pub mornings: Vec<u8>,
    /// Intake rest pain.
    pub intake_pain: u8,
    /// Set when stopped.
    pub stopped: Option<Stopped>,
    /// Set when the last stage has been completed.
    pub completed: bool,
    /// Date of the last red-flag screen.
    pub screened: NaiveDate,
    /// Whether the 4-week review found too little improvement.
    pub review_flag: bool,
    /// Whether the 4-week review has been done.
    pub reviewed: bool,
    /// First day of the program.
    pub program_start: NaiveDate,
    /// Progression is paused until a clinician's clearance: an S-triaged flag at intake or the
    /// 4-week review found too little improvement ("stop progressing; see a clinician soon").
    pub paused: bool,
    /// The date the gap rule was last checked for (so it steps back once per session).
    gap_checked: Option<NaiveDate>,
    /// The gap rule's reason, waiting for the session it applies to.
    gap_reason: Option<Reason>,
    /// This week's and last week's pain and stiffness, for the week-to-week rule [PMM].
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
}

/// An emergency or urgent red flag in the intake stops the program before it starts (`init`
/// refuses to write such a profile; a hand-edited one is caught here) [NG59].
fn intake_stop(profile: &Profile) -> Option<Stopped> {
    let triage = red_flag::worst_triage(profile.red_flags.iter().map(String::as_str))?;
    (triage > Triage::Soon).then(|| Stopped {
        date: profile.screened,
        triage,
        flags: profile.red_flags.clone(),
    })
}

impl State {
    /// The state on the first day of the program.
    pub fn new(profile: &Profile) -> State {
        State {
            stage: 0,
            step: 0,
            stage_start: profile.start,
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
            reviewed: false,
            program_start: profile.start,
            paused: red_flag::worst_triage(profile.red_flags.iter().map(String::as_str))
                == Some(Triage::Soon),
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

    /// Whether `date` falls in a lighter week of the current stage [DELOAD].
    pub fn deload(&self, program: &Program, date: NaiveDate) -> bool {
        let stage = &program.stages[self.stage];
        stage.deload_every_weeks.is_some_and(|n| {
            let week = (date - self.stage_start).num_days().max(0) / 7 + 1;
            week % i64::from(n) == 0
        })
    }

    fn enter_stage(&mut self, program: &Program, stage: usize, step: usize, date: NaiveDate) {
        self.stage = stage;
        self.step = step;
        self.stage_start = date;
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

    fn add_week(&mut self, date: NaiveDate, pains: &[u8], stiffness: Option<u32>) {
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
            if self.weeks.len() > 2 {
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

    /// Weekly mean pain or stiffness higher than the week before [PMM].
    /// Compared once this week has two sessions or more, so one session does not decide it.
    fn worse_than_last_week(&self, date: NaiveDate) -> Option<String> {
        let [prev, cur] = self.weeks.as_slice() else {
            return None;
        };
        if cur.key != week_key(date)
            || prev.key != week_key(date - chrono::Duration::days(7))
            || cur.sessions < 2
        {
            return None;
        }
        let mean = |s: f64, n: u32| if n == 0 { None } else { Some(s / f64::from(n)) };
        if let (Some(a), Some(b)) = (
            mean(prev.pain_sum, prev.pain_n),
            mean(cur.pain_sum, cur.pain_n),
        ) && b > a + 1e-9
        {
            return Some(format!(
                "Weekly mean pain {b:.1} is above last week's {a:.1}: hold."
            ));
        }
        if let (Some(a), Some(b)) = (
            mean(prev.stiffness_sum, prev.stiffness_n),
            mean(cur.stiffness_sum, cur.stiffness_n),
        ) && b > a + 1e-9
        {
            return Some(format!(
                "Weekly mean morning stiffness {b:.0} min is above last week's {a:.0} min: hold."
            ));
        }
        None
    }

    /// The gap rule, checked once for a session on `date`: more than `gap_days` since the last
    /// session takes one step back before it [SYNTH]. The plan calls it before showing a
    /// session's dose, so the step back shows before the comeback session, not after it.
    pub fn check_gap(&mut self, program: &Program, date: NaiveDate) {
        if self.gap_checked == Some(date) || self.stopped.is_some() || self.completed {
            return;
        }
        self.gap_checked = Some(date);
        let gap_days = program.stages[self.stage].gates.gap_days;
        if let Some(last) = self.last_session {
            let gap = (date - last).num_days();
            if gap > i64::from(gap_days) {
                let to = self.regress(program, date);
                self.gap_reason = Some(Reason::new(
                    "gap",
                    "[SYNTH]",
                    format!("{gap} days since the last session (more than {gap_days}): {to}."),
                ));
            }
        }
    }

    /// Applies one log row and says what it meant.
    pub fn apply(&mut self, program: &Program, entry: &LogEntry) -> Judged {
        let mut judged = Judged {
            entry: entry.clone(),
            stage: self.stage,
            step: self.step,
            outcome: Outcome::None,
            decision: Decision::Hold,
            reasons: vec![],
            triage: None,
        };
        let flags_triage = red_flag::worst_triage(entry.symptoms.iter().map(String::as_str));
        match entry.kind {
            EntryKind::Resume => {
                self.stopped = None;
                self.paused = false;
                self.review_flag = false;
                self.reds.clear();
                self.greens = 0;
                judged.decision = Decision::Start;
                judged.reasons.push(Reason::new(
                    "clearance",
                    "[SYNTH]",
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
                    return self.stop(judged, entry, t);
                }
                judged.decision = if self.stopped.is_some() {
                    Decision::Stop
                } else {
                    Decision::Hold
                };
                judged.reasons.push(Reason::new(
                    "red-flag screen",
                    "[NG59]",
                    "Red-flag screen: no red flags.",
                ));
                return judged;
            }
            EntryKind::Session => {}
        }
        if let Some(t) = flags_triage {
            return self.stop(judged, entry, t);
        }
        if self.stopped.is_some() {
            judged.decision = Decision::Stop;
            judged.reasons.push(Reason::new("stopped", "[SYNTH]", "The program is stopped: record a clinician's clearance with `graded resume` before progressing."));
            return judged;
        }
        if entry.status == SessionStatus::Skipped {
            judged.reasons.push(Reason::new(
                "skipped",
                "[SYNTH]",
                "Session skipped: the dose stays the same.",
            ));
            return judged;
        }
        // More than `gap_days` without a session: one step back before this one [SYNTH].
        let mut gap_regressed = false;
        self.check_gap(program, entry.date);
        if let Some(reason) = self.gap_reason.take() {
            judged.stage = self.stage;
            judged.step = self.step;
            judged.decision = Decision::Regress;
            gap_regressed = true;
            judged.reasons.push(reason);
        }
        // The session is judged by the rules of the stage it is done in (after any step back).
        let gates = program.stages[self.stage].gates.clone();
        self.last_session = Some(entry.date);
        self.stage_sessions += 1;

        let baseline = self.baseline();
        let (outcome, reason) = judge(entry, &gates, baseline);
        judged.outcome = outcome;
        judged.reasons.push(reason);
        let pains: Vec<u8> = [entry.pain_during, entry.pain_after, entry.next_morning]
            .into_iter()
            .flatten()
            .collect();
        self.add_week(entry.date, &pains, entry.stiffness_min);
        if let Some(m) = entry.next_morning {
            self.mornings.push(m);
            if self.mornings.len() > 3 {
                self.mornings.remove(0);
            }
        }
        self.review(program, entry.date, &mut judged);

        match outcome {
            Outcome::Red => {
                self.reds
                    .retain(|d| (entry.date - *d).num_days() < i64::from(gates.red_window_days));
                self.reds.push(entry.date);
                if self.reds.len() as u32 >= gates.reds_to_stop {
                    judged.reasons.push(Reason::new(
                        "two reds",
                        "[SYNTH]",
                        format!(
                            "{} red sessions within {} days: stop and see a clinician.",
                            self.reds.len(),
                            gates.red_window_days
                        ),
                    ));
                    self.stopped = Some(Stopped {
                        date: entry.date,
                        triage: Triage::Soon,
                        flags: vec![],
                    });
                    judged.decision = Decision::Stop;
                    judged.triage = Some(Triage::Soon);
                } else {
                    let to = self.regress(program, entry.date);
                    judged.decision = Decision::Regress;
                    judged.reasons.push(Reason::new(
                        "regress on red",
                        "[SYNTH]",
                        format!("A red session regresses one dose step: {to}."),
                    ));
                }
            }
            Outcome::Amber | Outcome::Pending => {
                self.greens = 0;
                if !gap_regressed {
                    judged.decision = Decision::Hold;
                }
            }
            Outcome::Green => {
                self.greens += 1;
                if !gap_regressed {
                    judged.decision = self.progress(program, entry, &mut judged.reasons);
                }
            }
            Outcome::Stop | Outcome::None => {}
        }
        judged
    }

    fn stop(&mut self, mut judged: Judged, entry: &LogEntry, triage: Triage) -> Judged {
        self.gap_reason = None;
        self.stopped = Some(Stopped {
            date: entry.date,
            triage,
            flags: entry.symptoms.clone(),
        });
        judged.outcome = Outcome::Stop;
        judged.decision = Decision::Stop;
        judged.triage = Some(triage);
        let names = entry.symptoms.join(", ");
        judged.reasons.push(Reason::new(
            "red flag",
            "[NG59][IFOMPT]",
            format!(
                "Red-flag symptom ({names}): stop the program. {}",
                triage.advice()
            ),
        ));
        judged
    }

    /// No 2-point / 30% improvement from intake by the review day: see a clinician [MCID][NHS-4W].
    fn review(&mut self, program: &Program, date: NaiveDate, judged: &mut Judged) {
        let gates = &program.stages[self.stage].gates;
        if self.reviewed || self.intake_pain == 0 || self.mornings.is_empty() {
            return;
        }
        let day = (date - self.program_start).num_days();
        if day < i64::from(gates.review_after_days) {
            return;
        }
        self.reviewed = true;
        let intake = f64::from(self.intake_pain);
        let needed = (0.3 * intake).min(2.0);
        // The mean of the mornings logged so far (up to the last 3).
        let now = f64::from(self.mornings.iter().map(|&m| u32::from(m)).sum::<u32>())
            / self.mornings.len() as f64;
        if intake - now < needed - 1e-9 {
            self.review_flag = true;
            self.paused = true;
            judged.reasons.push(Reason::new("4-week review", "[MCID][NHS-4W]", format!(
                "After {} days pain has not improved by 2 points or 30% (intake {}/10, now {now:.1}): see a clinician or physical therapist.",
                gates.review_after_days, self.intake_pain)));
        }
    }
}

impl State {
    /// A green session: step up after `greens_to_step` greens in a row [2FOR2]; leave the stage
    /// when its last step is green and its minimum days have passed [SYNTH]; a load rises at
    /// most once per 7 days and never in a lighter week [GABBETT][DELOAD].
    fn progress(
        &mut self,
        program: &Program,
        entry: &LogEntry,
        reasons: &mut Vec<Reason>,
    ) -> Decision {
        let stage = &program.stages[self.stage];
        let need = stage.gates.greens_to_step;
        if self.greens < need {
            reasons.push(Reason::new(
                "2-for-2",
                "[2FOR2]",
                format!(
                    "{} of {need} green sessions in a row at this dose: hold.",
                    self.greens
                ),
            ));
            return Decision::Hold;
        }
        if self.paused {
            reasons.push(Reason::new(
                "see a clinician",
                "[NG59][NHS-4W]",
                "Progression is paused until a clinician has seen you (stop progressing, see a clinician soon); \
                 record the clearance with `graded resume --cleared-by ...`: hold.",
            ));
            return Decision::Hold;
        }
        if let Some(msg) = self.worse_than_last_week(entry.date) {
            reasons.push(Reason::new("weekly trend", "[PMM]", msg));
            return Decision::Hold;
        }
        let steps = stage.steps();
        if self.step + 1 < steps {
            if stage.weekly_load_cap_pct.is_some() {
                if self.deload(program, entry.date) {
                    reasons.push(Reason::new(
                        "lighter week",
                        "[DELOAD]",
                        "A lighter week: the load holds until it is over.",
                    ));
                    return Decision::Hold;
                }
                if let Some(last) = self.last_increase {
                    let since = (entry.date - last).num_days();
                    if since < 7 {
                        reasons.push(Reason::new("weekly load cap", "[GABBETT]", format!(
                            "The load last rose {since} days ago; it rises at most once in 7 days (by at most {}%): hold.",
                            stage.weekly_load_cap_pct.unwrap_or_default())));
                        return Decision::Hold;
                    }
                }
                self.last_increase = Some(entry.date);
            }
            self.step += 1;
            self.greens = 0;
            reasons.push(Reason::new(
                "2-for-2",
                "[2FOR2]",
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
                "minimum days",
                "[SYNTH]",
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
                "morning pain to leave",
                "[RECOVERED]",
                format!(
                    "Leaving {} needs next-morning pain of {max}/10 or less (it was {m}/10): hold.",
                    stage.name
                ),
            ));
            return Decision::Hold;
        }
        if self.stage + 1 == program.stages.len() {
            self.completed = true;
            reasons.push(Reason::new("program complete", "[RECOVERED][SYNTH]", "Top sets have been green for the whole return stage: the program is complete. Keep logging for a while."));
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
                reasons.push(Reason::new("weekly load cap", "[GABBETT]", format!(
                    "{} is complete, but the load last rose {since} days ago; the next stage waits until 7 days have passed: hold.", stage.name)));
                return Decision::Hold;
            }
        }
        self.enter_stage(program, next, 0, entry.date);
        reasons.push(Reason::new(
            "stage complete",
            "[SYNTH]",
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
}
