//! Red flags and triage [NG59][IFOMPT]: what stops the program at intake, a red flag
//! recorded with a session or a screen, a stop's triage that never drops until a clinician's
//! clearance, and the clearance that resumes the program [SYNTH].

use std::ops::ControlFlow;

use chrono::NaiveDate;

use super::{BASELINE_MORNINGS, Decision, Judged, Reason, Rule, State, Stopped};
use crate::engine::gate::{Outcome, Said};
use crate::model::{EntryKind, LogEntry, Pain, Profile, Symptom, Triage, red_flag};

/// Rest pain at intake at or above this: no plan starts; see a clinician first (S) [SYNTH].
pub const INTAKE_REST_PAIN_STOP: Pain = Pain::of(7);

/// What a person is told when the intake stops the program before it starts (rest pain 7/10
/// or more) [SYNTH].
pub const SEE_A_CLINICIAN_FIRST: &str = "SEE A CLINICIAN FIRST: book a doctor or physical therapist appointment before starting the program.";

/// What stops the program before the first session: an emergency or urgent red flag in the
/// intake (`init` refuses to write such a profile; a hand-edited one is caught here) [NG59], or
/// rest pain of 7/10 or more (see a clinician first, S) [SYNTH].
pub(super) fn intake_stop(profile: &Profile) -> Option<Stopped> {
    let flags = stopping_flags(&profile.red_flags);
    if let Some(triage) = red_flag::worst_triage(&flags)
        && triage > Triage::Soon
    {
        return Some(Stopped {
            date: profile.screened,
            triage,
            cause: format!("red flags at intake: {}", red_flag::in_words(&flags)),
            level: (flags.clone(), profile.screened),
            flags,
            at_intake: true,
            rest_pain: false,
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
        rest_pain: true,
    })
}

/// The ids among `symptoms` that are red flags (retired ids are recorded, never stop).
pub(super) fn stopping_flags(symptoms: &[Symptom]) -> Vec<Symptom> {
    symptoms
        .iter()
        .filter(|s| s.flag().is_some())
        .copied()
        .collect()
}

/// A red-flag screen older than this holds progression until it is done [SYNTH].
pub const SCREEN_HOLD_AFTER_DAYS: i64 = 21;

impl State {
    /// A screen more than [`SCREEN_HOLD_AFTER_DAYS`] days old holds progression: why, when it
    /// does [NG59][SYNTH].
    pub(super) fn screen_overdue(&self, date: NaiveDate) -> Option<Reason> {
        let since = (date - self.screened).num_days();
        (since > SCREEN_HOLD_AFTER_DAYS).then(|| {
            Reason::new(
                Rule::ScreenOverdue,
                format!(
                    "The last red-flag screen was {since} days ago: progression holds until \
                     `graded screen` is done (weekly; after {SCREEN_HOLD_AFTER_DAYS} days it \
                     holds)."
                ),
            )
        })
    }

    /// Whether the weekly screen is due on `date` (the projection assumes it is done then).
    pub(crate) fn screen_due(&self, date: NaiveDate) -> bool {
        (date - self.screened).num_days() >= crate::engine::standing::SCREEN_EVERY_DAYS
    }
}

/// Retired symptom ids recorded on a row: named, never judged.
pub(super) fn retired(entry: &LogEntry, reasons: &mut Vec<Reason>) {
    for r in entry.symptoms.iter().filter_map(|s| match s {
        Symptom::Retired(r) => Some(r),
        Symptom::Flag(_) => None,
    }) {
        reasons.push(Reason::new(
            Rule::RecordedSymptom,
            format!("Recorded symptom `{}`: {}.", r.id, r.note),
        ));
    }
}

impl State {
    /// A clearance, a screen, or red flags recorded with a session decide the row on their own
    /// (`Break`); anything else goes on to the session's rules (`Continue`).
    pub(super) fn flags_and_clearance(
        &mut self,
        entry: &LogEntry,
        mut judged: Judged,
    ) -> ControlFlow<Judged, Judged> {
        let flags = stopping_flags(&entry.symptoms);
        let flags_triage = red_flag::worst_triage(&flags);
        match entry.kind {
            EntryKind::Resume => ControlFlow::Break(self.clearance(entry, judged)),
            EntryKind::Screen => {
                self.screened = entry.date;
                if let Some(t) = flags_triage {
                    return ControlFlow::Break(self.stop(judged, entry.date, &flags, t));
                }
                // A screen while stopped is never an all-clear: the stop and its strongest
                // advice stand until a clinician's clearance [SYNTH].
                if let Some(stop) = &self.stopped {
                    judged.triage = Some(stop.triage);
                    judged.decision = Decision::Stop;
                    judged.reasons.push(Reason::new(
                        Rule::RedFlagScreen,
                        format!(
                            "Red-flag screen: no new red flags, but the program stays stopped \
                             until a clinician's clearance. {}",
                            stop.advice()
                        ),
                    ));
                } else {
                    judged.decision = Decision::Hold;
                    judged.reasons.push(Reason::new(
                        Rule::RedFlagScreen,
                        "Red-flag screen: no red flags.",
                    ));
                }
                judged.because_of_the_last();
                ControlFlow::Break(judged)
            }
            // Set aside before any rule (see `State::apply_planned`).
            EntryKind::Note => ControlFlow::Break(judged),
            EntryKind::Session => match flags_triage {
                Some(t) => ControlFlow::Break(self.stop(judged, entry.date, &flags, t)),
                None => ControlFlow::Continue(judged),
            },
        }
    }

    /// A clinician's clearance. Every clearance repeats the screen: a new red flag with it
    /// stops the program again (or keeps it stopped) instead of resuming. After a rest-pain
    /// stop, the rest pain given with the clearance becomes the baseline (still 7/10 or more:
    /// it does not resume), and a plan that never began starts on the clearance's day, so the
    /// first stage's minimum days count from it [SYNTH].
    fn clearance(&mut self, entry: &LogEntry, mut judged: Judged) -> Judged {
        self.screened = entry.date;
        let flags = stopping_flags(&entry.symptoms);
        if let Some(t) = red_flag::worst_triage(&flags) {
            judged.reasons.push(Reason::new(
                Rule::Clearance,
                format!(
                    "Clearance by {} recorded, but its red-flag screen found a new sign: the \
                     program does not resume.",
                    entry.note
                ),
            ));
            return self.stop(judged, entry.date, &flags, t);
        }
        let rest = entry.next_morning;
        if let (Some(stop), Some(p)) = (&self.stopped, rest)
            && p >= INTAKE_REST_PAIN_STOP
        {
            judged.decision = Decision::Stop;
            judged.triage = Some(stop.triage);
            judged.reasons.push(Reason::new(
                Rule::Clearance,
                format!(
                    "Clearance by {} recorded, but rest pain is still {p}/10 (7 or more): the \
                     program does not resume. {}",
                    entry.note, SEE_A_CLINICIAN_FIRST
                ),
            ));
            return judged;
        }
        let before = self.stopped.take();
        self.paused = false;
        self.pause = None;
        self.review_flag = false;
        self.reds.clear();
        self.greens = 0;
        judged.decision = Decision::Start;
        let never_began =
            before.as_ref().is_some_and(|s| s.at_intake) && self.last_session.is_none();
        let mut text = match never_began {
            true => {
                self.program_start = entry.date;
                self.stage_start = entry.date;
                format!(
                    "Cleared by {}: the program begins today; the first stage's minimum days count \
                     from the clearance.",
                    entry.note
                )
            }
            false => format!(
                "Resumed at the same dose after clearance by {}.",
                entry.note
            ),
        };
        match rest {
            Some(p) => {
                self.rest_pain = p;
                self.rest_cleared = Some(entry.date);
                self.mornings.clear();
                text.push_str(&format!(
                    " Rest pain {p}/10 at the clearance is the new baseline (your usual morning pain until {BASELINE_MORNINGS} mornings are logged)."
                ));
            }
            None if before.is_some_and(|s| s.rest_pain) => text.push_str(&format!(
                " No rest pain was recorded with the clearance: the baseline stays {}/10 until \
                 {BASELINE_MORNINGS} mornings are logged.",
                self.rest_pain
            )),
            None => {}
        }
        text.push_str(" Red-flag screen with it: no red flags.");
        judged.reasons.push(Reason::new(Rule::Clearance, text));
        judged
    }

    /// Stops the program for red flags. A stop's triage never drops until a clearance: a later,
    /// milder flag adds its advice, never replaces the stronger one [SYNTH].
    pub(super) fn stop(
        &mut self,
        mut judged: Judged,
        date: NaiveDate,
        flags: &[Symptom],
        triage: Triage,
    ) -> Judged {
        self.gap_reason = None;
        let names = red_flag::in_words(flags);
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
                    format!("red flags: {}", red_flag::in_words(&s.flags))
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
                    rest_pain: false,
                });
                triage
            }
        };
        judged.outcome = Outcome::Stop;
        judged.decision = Decision::Stop;
        judged.triage = Some(strongest);
        judged
            .reasons
            .push(Reason::new(Rule::RedFlag, Said::RedFlag { names, triage }));
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
}
