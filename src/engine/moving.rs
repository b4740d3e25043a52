//! Whether a session moved on the calendar can be taken (issue 23): a pure check of the plan,
//! the move and today. The shell records a move taken (`moves.csv`); the plan then takes it
//! ([`super::plan`]: the session on its new day, the sessions after re-flowed).

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{Plan, SlotStatus};

/// Why a move is not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefusal {
    /// The new day is before today.
    #[error("{to} is in the past")]
    Past { to: NaiveDate },
    /// The session is no longer ahead in the plan (logged, missed, or dropped by a re-plan).
    #[error("the session is no longer ahead in the plan")]
    NotAhead,
    /// Another session is planned on the new day.
    #[error("{day} already holds a session")]
    Occupied { day: NaiveDate },
}

/// What a move does to the plan: the session's index, or nothing when the plan already has
/// it at that day and time (a move taken before, read back again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveCheck {
    /// Taken: the plan's session at this index moves.
    Taken(usize),
    /// The plan already holds the session there.
    Already,
}

/// Checks moving the session whose calendar event is named by `named` (the day its UID was
/// made from) to `to`, on `today`.
pub fn check_move(
    plan: &Plan,
    named: NaiveDate,
    to: NaiveDateTime,
    today: NaiveDate,
) -> Result<MoveCheck, MoveRefusal> {
    let Some((i, s)) = plan
        .sessions
        .iter()
        .enumerate()
        .find(|(_, s)| s.moved_from.unwrap_or(s.date) == named)
        .filter(|(_, s)| s.status == SlotStatus::Planned)
    else {
        return Err(MoveRefusal::NotAhead);
    };
    if s.date == to.date() && s.time == to.time() {
        return Ok(MoveCheck::Already);
    }
    if to.date() < today {
        return Err(MoveRefusal::Past { to: to.date() });
    }
    if plan
        .sessions
        .iter()
        .enumerate()
        .any(|(j, o)| j != i && o.date == to.date() && o.status != SlotStatus::Missed)
    {
        return Err(MoveRefusal::Occupied { day: to.date() });
    }
    Ok(MoveCheck::Taken(i))
}
