//! What a sync does, decided without the network: the calendar diff (what the calendar should
//! hold), what graded last sent to the server, and what the server holds now (hrefs and ETags)
//! give one step per event. Pure, so every rule of `docs/CALDAV.md` is tested on its own; the
//! shell runs the steps and records each one that succeeded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dav::{Member, Put, percent_decode, resource_name};
use crate::engine::calendar::{CalendarDiff, CalendarState};

/// Where graded put one event and the ETag the server gave it then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remote {
    /// The resource name in the calendar (`<uid>.ics`, percent-encoded).
    pub name: String,
    /// The ETag after graded's last successful PUT (quotes included).
    pub etag: Option<String>,
}

/// What graded remembers of one calendar on a server (`caldav.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// What was sent, as for the file export: hash and SEQUENCE by UID.
    pub sent: CalendarState,
    /// Where each UID is on the server, by UID.
    pub remote: BTreeMap<String, Remote>,
}

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A new event.
    Create,
    /// A changed event (SEQUENCE up).
    Update,
    /// A dropped event, sent again as CANCELLED.
    Cancel,
    /// Nothing: the server holds what graded would send.
    Unchanged,
    /// Changed on the server since graded wrote it: left alone (no `--force`).
    LeftAlone,
}

/// One event's step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The event's UID.
    pub uid: String,
    /// Its index in the diff's slots.
    pub slot: usize,
    /// The resource name in the calendar.
    pub name: String,
    /// What to do.
    pub action: Action,
    /// The PUT's precondition, `None` when nothing is sent.
    pub put: Option<Put>,
}

/// How many steps of each kind: `3 created, 5 updated, 1 cancelled, 40 unchanged`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Created.
    pub created: usize,
    /// Updated.
    pub updated: usize,
    /// Cancelled.
    pub cancelled: usize,
    /// Unchanged.
    pub unchanged: usize,
    /// Left alone (edited on the server).
    pub left_alone: usize,
}

impl Tally {
    /// Counts the steps.
    pub fn of(steps: &[Step]) -> Tally {
        let mut t = Tally::default();
        for s in steps {
            match s.action {
                Action::Create => t.created += 1,
                Action::Update => t.updated += 1,
                Action::Cancel => t.cancelled += 1,
                Action::Unchanged => t.unchanged += 1,
                Action::LeftAlone => t.left_alone += 1,
            }
        }
        t
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} cancelled, {} unchanged",
            self.created, self.updated, self.cancelled, self.unchanged
        )?;
        if self.left_alone > 0 {
            write!(f, ", {} left alone (edited on the server)", self.left_alone)?;
        }
        Ok(())
    }
}

/// The last segment of an href: a member's name in its collection.
fn last_segment(href: &str) -> &str {
    href.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(href)
}

/// The steps that make the server hold `diff`, given what graded last sent (`state`) and what
/// the server lists now (`server`, the calendar's members). `force` overwrites events edited
/// on the server.
pub fn steps(state: &SyncState, diff: &CalendarDiff, server: &[Member], force: bool) -> Vec<Step> {
    diff.slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let uid = &slot.uid;
            let remote = state.remote.get(uid);
            let name = remote.map_or_else(|| resource_name(uid), |r| r.name.clone());
            let on_server = server
                .iter()
                .find(|m| percent_decode(last_segment(&m.href)) == percent_decode(&name));
            let sent = state.sent.events.get(uid);
            let now = diff.next.events.get(uid);
            let changed = match (sent, now) {
                (Some(s), Some(n)) => s.hash != n.hash || s.cancelled != n.cancelled,
                _ => true,
            };
            let content = if slot.session.is_none() {
                Action::Cancel
            } else {
                Action::Update
            };
            let (action, put) = match (remote, on_server) {
                // Never sent, or sent and gone from the server: created (again).
                (None, None) | (Some(_), None) => (Action::Create, Some(Put::Create)),
                // There, but graded has no record of it: a PUT whose answer was lost (an
                // interrupted sync). graded's own UID at graded's own name: written over.
                (None, Some(m)) => (
                    Action::Create,
                    Some(m.etag.clone().map_or(Put::Force, Put::Update)),
                ),
                (Some(r), Some(m)) if r.etag.is_some() && r.etag == m.etag => {
                    if changed {
                        (
                            content,
                            Some(Put::Update(m.etag.clone().unwrap_or_default())),
                        )
                    } else {
                        (Action::Unchanged, None)
                    }
                }
                // Edited elsewhere since graded wrote it.
                (Some(_), Some(_)) if force => (content, Some(Put::Force)),
                (Some(_), Some(_)) => (Action::LeftAlone, None),
            };
            Step {
                uid: uid.clone(),
                slot: i,
                name,
                action,
                put,
            }
        })
        .collect()
}
