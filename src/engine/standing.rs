//! Where the person stands today, decided once: the latest decision and why, how urgently to
//! be seen, why progression is paused, the next session and a break before it, a red-flag
//! screen due, a morning score awaited or forgotten. Views say it; none works it out again.

use chrono::NaiveDate;

use super::gate::{Outcome, Reason};
use super::rule::Rule;
use super::rules::{Decision, Judged, State, break_days};
use crate::model::{EntryKind, Gates, Plan, SlotStatus, Triage};

/// The red-flag screen is asked again after this many days (`graded screen`, weekly) [NG59].
pub const SCREEN_EVERY_DAYS: i64 = 7;

/// Today's standing.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// How urgently to be seen: a stop's triage, else "soon" while progression is paused
    /// [SYNTH].
    pub triage: Option<Triage>,
    /// Why progression is paused until a clinician's clearance (not while stopped).
    pub pause: Option<Reason>,
    /// The next session comes after a break, and steps back: why (the gap rule) [SYNTH].
    pub next_break: Option<Reason>,
    /// Days since the last red-flag screen, when a screen is due (not while stopped) [NG59].
    pub screen_due: Option<i64>,
    /// The latest session, when it still waits for its next-morning score [PMM][24H].
    pub awaiting_morning: Option<NaiveDate>,
    /// Earlier sessions of the last [`MISSING_MORNING_DAYS`] days whose morning has come and
    /// was never logged: judged on pain alone, they do not count until it is (oldest first).
    pub missing_mornings: Vec<NaiveDate>,
    /// The latest decision and why, as `graded status` says it.
    pub latest: Latest,
    /// The next planned session (an index into the plan's sessions), none while stopped.
    pub next_session: Option<usize>,
}

/// The latest row that moved things (a session, a clearance, or a screen that stopped), with
/// what stands since: a stop, a pause until a clinician's clearance, a break ahead.
#[derive(Debug, Clone, PartialEq)]
pub struct Latest {
    /// The row (an index into the judged rows), none before anything is logged.
    pub row: Option<usize>,
    /// Its outcome ([`Outcome::None`] before anything is logged).
    pub outcome: Outcome,
    /// Its decision: [`Decision::Stop`] while stopped, [`Decision::Start`] before anything.
    pub decision: Decision,
    /// Its reasons, then the pause's and the break's, each said once.
    pub reasons: Vec<Reason>,
}

impl Latest {
    fn of(
        state: &State,
        judged: &[Judged],
        pause: Option<&Reason>,
        next_break: Option<&Reason>,
    ) -> Latest {
        let row = judged
            .iter()
            .rposition(|j| j.entry.kind != EntryKind::Screen || j.decision == Decision::Stop);
        let (outcome, decision, mut reasons) = match row.map(|i| &judged[i]) {
            Some(j) => (j.outcome, j.decision, j.reasons.clone()),
            None => (
                Outcome::None,
                Decision::Start,
                vec![match state.stopped() {
                    Some(stop) => Reason::new(
                        Rule::Intake,
                        format!("Nothing logged yet, and no plan starts: {}.", stop.cause),
                    ),
                    None => Reason::new(
                        Rule::Start,
                        "Nothing logged yet: the program starts at stage 1, step 1.",
                    ),
                }],
            ),
        };
        let decision = if state.stopped().is_some() {
            Decision::Stop
        } else {
            decision
        };
        // Paused ("stop progressing; see a clinician soon") until a clearance is recorded.
        if let Some(pause) = pause {
            // Said once: the latest row may already give the reason for the pause.
            if !reasons.iter().any(|r| r.same_as(pause)) {
                reasons.push(pause.clone());
            }
            // The latest session may already have said that progression is paused.
            if !reasons.iter().any(|r| r.rule == Rule::SeeAClinician) {
                reasons.push(Reason::new(
                    Rule::PausedUntilClearance,
                    "Progression is paused until a clinician's clearance is recorded with \
                     `graded resume --cleared-by ...`.",
                ));
            }
        }
        // A break since the last session: the next session is already stepped back in the plan.
        reasons.extend(next_break.cloned());
        Latest {
            row,
            outcome,
            decision,
            reasons,
        }
    }
}

/// How long a forgotten morning score is asked for [SYNTH].
pub const MISSING_MORNING_DAYS: i64 = 7;

/// Whether the morning score of a session on `session` is still asked for on `on`: a later
/// day, within [`MISSING_MORNING_DAYS`] [SYNTH].
pub fn morning_still_asked(session: NaiveDate, on: NaiveDate) -> bool {
    session < on && (on - session).num_days() <= MISSING_MORNING_DAYS
}

/// How urgently a person whose progression is paused should be seen: soon [SYNTH].
pub const PAUSED_TRIAGE: Triage = Triage::Soon;

impl Standing {
    /// The standing on `plan.today` after `judged`, with `state` after the last row and `gates`
    /// today's.
    pub fn of(state: &State, judged: &[Judged], plan: &Plan, gates: &Gates) -> Standing {
        let stopped = state.stopped();
        let paused = stopped.is_none() && state.paused();
        let pause = paused.then(|| state.pause().cloned()).flatten();
        let next_index = next_session(state, plan);
        let next = next_index.map(|i| &plan.sessions[i]);
        let next_break = match (next, state.last_session()) {
            (Some(n), Some(last)) => {
                break_days(gates.gap_days, last, n.date).map(|days| Reason::new(
                    Rule::Gap,
                    format!(
                        "The next session comes {days} days after the last (more than {}): it steps \
                         back to stage {}, step {}.",
                        gates.gap_days,
                        n.stage,
                        n.step
                    ),
                ))
            }
            _ => None,
        };
        let since = (plan.today - state.screened()).num_days();
        let latest = judged
            .iter()
            .rev()
            .find(|j| j.entry.kind == EntryKind::Session)
            .map(|j| j.entry.date);
        let awaiting_morning = judged
            .iter()
            .rev()
            .find(|j| j.entry.kind == EntryKind::Session)
            .filter(|j| j.outcome == Outcome::Pending)
            .map(|j| j.entry.date);
        let mut missing_mornings: Vec<NaiveDate> = judged
            .iter()
            .filter(|j| {
                j.entry.kind == EntryKind::Session
                    && j.outcome == Outcome::Pending
                    && Some(j.entry.date) != latest
                    && morning_still_asked(j.entry.date, plan.today)
            })
            .map(|j| j.entry.date)
            .collect();
        missing_mornings.dedup();
        let latest = Latest::of(state, judged, pause.as_ref(), next_break.as_ref());
        Standing {
            triage: stopped
                .map(|s| s.triage)
                .or(paused.then_some(PAUSED_TRIAGE)),
            pause,
            next_break,
            screen_due: (since >= SCREEN_EVERY_DAYS && stopped.is_none()).then_some(since),
            awaiting_morning,
            missing_mornings,
            latest,
            next_session: next_index,
        }
    }
}

/// The next planned session (its index), none while stopped.
fn next_session(state: &State, plan: &Plan) -> Option<usize> {
    if state.stopped().is_some() {
        return None;
    }
    plan.sessions
        .iter()
        .position(|x| x.status == SlotStatus::Planned)
}
