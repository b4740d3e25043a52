//! Where the person stands today, decided once: how urgently to be seen, why progression is
//! paused, a break before the next session, a red-flag screen due, a morning score awaited.
//! Views say it; none works it out again.

use chrono::NaiveDate;

use super::gate::{Outcome, Reason};
use super::rule::Rule;
use super::rules::{Judged, State};
use crate::model::{EntryKind, Gates, Plan, PlannedSession, SlotStatus, Triage};

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
}

/// How long a forgotten morning score is asked for [SYNTH].
pub const MISSING_MORNING_DAYS: i64 = 7;

/// How urgently a person whose progression is paused should be seen: soon [SYNTH].
pub const PAUSED_TRIAGE: Triage = Triage::Soon;

impl Standing {
    /// The standing on `plan.today` after `judged`, with `state` after the last row and `gates`
    /// today's.
    pub fn of(state: &State, judged: &[Judged], plan: &Plan, gates: &Gates) -> Standing {
        let stopped = state.stopped();
        let paused = stopped.is_none() && state.paused();
        let pause = paused.then(|| state.pause().cloned()).flatten();
        let next = next_session(state, plan);
        let next_break = match (next, state.last_session()) {
            (Some(n), Some(last)) if (n.date - last).num_days() > i64::from(gates.gap_days) => {
                Some(Reason::new(
                    Rule::Gap,
                    format!(
                        "The next session comes {} days after the last (more than {}): it steps \
                         back to stage {}, step {}.",
                        (n.date - last).num_days(),
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
                    && j.entry.date < plan.today
                    && (plan.today - j.entry.date).num_days() <= MISSING_MORNING_DAYS
            })
            .map(|j| j.entry.date)
            .collect();
        missing_mornings.dedup();
        Standing {
            triage: stopped
                .map(|s| s.triage)
                .or(paused.then_some(PAUSED_TRIAGE)),
            pause,
            next_break,
            screen_due: (since >= SCREEN_EVERY_DAYS && stopped.is_none()).then_some(since),
            awaiting_morning,
            missing_mornings,
        }
    }
}

/// The next planned session, none while stopped.
pub fn next_session<'a>(state: &State, plan: &'a Plan) -> Option<&'a PlannedSession> {
    if state.stopped().is_some() {
        return None;
    }
    plan.sessions
        .iter()
        .find(|x| x.status == SlotStatus::Planned)
}
