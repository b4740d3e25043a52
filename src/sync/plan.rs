//! What a sync does, decided without the network: the calendar diff (what the calendar should
//! hold), what graded last sent to the server, and what the server holds now (hrefs and ETags)
//! give one step per event. Pure, so every rule of `docs/CALDAV.md` is tested on its own; the
//! shell runs the steps and records each one that succeeded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dav::{DavError, Member, Put, member_name, percent_decode, resource_name};
use super::readback::{Difference, EventFields, Unreadable, differences, read_event};
use crate::engine::calendar::{CalendarDiff, CalendarState};

/// What graded sent to the server (beside `calendar.json`, the file export's).
pub const CALDAV_STATE: &str = "caldav.json";

/// Where graded put one event and the ETag the server gave it then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remote {
    /// The resource name in the calendar (`<uid>.ics`, percent-encoded).
    pub name: String,
    /// The ETag after graded's last successful PUT (quotes included).
    pub etag: Option<String>,
    /// The fields of what graded last PUT there, as the `ical` crate reads them: what an
    /// event read back is compared with (absent in state files from before issue 23).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<EventFields>,
}

/// What graded remembers of one calendar on a server (`caldav.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// What was sent, as for the file export: hash and SEQUENCE by UID.
    pub sent: CalendarState,
    /// Where each UID is on the server, by UID.
    pub remote: BTreeMap<String, Remote>,
    /// The PUTs sent whose answer graded has not heard (yet), by UID: the resource name.
    /// Written before each PUT and cleared by its answer, so a PUT whose answer was lost (the
    /// connection cut, graded killed) is known on the next sync as graded's own write.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pending: BTreeMap<String, String>,
}

impl SyncState {
    /// Copies what this state records of `uid` (sent, remote, pending: each there or not) into
    /// `into`: the one step just done, merged into the state on disk.
    pub fn merge_uid(&self, uid: &str, into: &mut SyncState) {
        match self.sent.events.get(uid) {
            Some(e) => into.sent.events.insert(uid.to_string(), e.clone()),
            None => into.sent.events.remove(uid),
        };
        match self.remote.get(uid) {
            Some(r) => into.remote.insert(uid.to_string(), r.clone()),
            None => into.remote.remove(uid),
        };
        match self.pending.get(uid) {
            Some(p) => into.pending.insert(uid.to_string(), p.clone()),
            None => into.pending.remove(uid),
        };
    }
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
    /// At graded's own name on the server, but this workspace has no record of writing
    /// anything to the calendar (`caldav.json` new or lost, or a copy of the workspace):
    /// left alone (no `--force`), since it may hold edits graded cannot see.
    Unrecorded,
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
    /// Left alone (on the server, not in graded's records).
    pub unrecorded: usize,
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
                Action::Unrecorded => t.unrecorded += 1,
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
        if self.unrecorded > 0 {
            write!(
                f,
                ", {} left alone (on the server, not in graded's records)",
                self.unrecorded
            )?;
        }
        Ok(())
    }
}

/// One line per event left alone: its day, its title and why, e.g. `left alone: 2026-12-03
/// Rehab: Mobility (stage 2), session 1: edited on the phone or another client since graded
/// wrote it, so graded did not update it (--force to overwrite)`.
pub fn left_alone(steps: &[Step], diff: &CalendarDiff) -> Vec<String> {
    steps
        .iter()
        .filter(|s| matches!(s.action, Action::LeftAlone | Action::Unrecorded))
        .map(|s| {
            let slot = &diff.slots[s.slot];
            let (title, verb) = match slot.summary.strip_prefix("Cancelled: ") {
                Some(t) if slot.session.is_none() => (t, "cancel"),
                _ => (slot.summary.as_str(), "update"),
            };
            let why = if s.action == Action::Unrecorded {
                "already on the server, but this workspace has no record of writing it \
                 (caldav.json new or missing)"
            } else {
                "edited on the phone or another client since graded wrote it"
            };
            // The title comes from the program (a file anyone can write): made visible.
            format!(
                "left alone: {} {}: {why}, so graded did not {verb} it (--force to overwrite)",
                slot.day,
                crate::text::visible(title)
            )
        })
        .collect()
}

/// The steps that make the server hold `diff`, given what graded last sent (`state`) and what
/// the server lists now (`server`, the members of the calendar at `collection`, a URL or a
/// path). A member is matched by its whole path, decoded: directly inside the collection, at
/// the event's name; anything else listed is not graded's. `force` overwrites events edited
/// on the server.
pub fn steps(
    state: &SyncState,
    diff: &CalendarDiff,
    collection: &str,
    server: &[Member],
    force: bool,
) -> Vec<Step> {
    diff.slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let uid = &slot.uid;
            let remote = state.remote.get(uid);
            let name = remote.map_or_else(|| resource_name(uid), |r| r.name.clone());
            let on_server = server
                .iter()
                .find(|m| member_name(collection, &m.href) == Some(percent_decode(&name)));
            // graded sent a PUT there and never heard its answer.
            let unheard = state.pending.get(uid).is_some_and(|p| *p == name);
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
                // There, but graded has no record of it. A PUT graded sent there whose answer
                // it never heard (an interrupted sync, the very first PUT included): graded's
                // own write, finished by writing it again at the ETag listed. Anything else at
                // graded's name may hold edits graded cannot see (caldav.json lost, a copy of
                // the workspace): left alone unless --force.
                (None, Some(m)) if unheard || force => (
                    Action::Create,
                    Some(m.etag.clone().map_or(Put::Force, Put::Update)),
                ),
                (None, Some(_)) => (Action::Unrecorded, None),
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
                // Not the ETag graded recorded, after a PUT graded never heard back from: that
                // PUT's own change, written again at the ETag listed.
                (Some(_), Some(m)) if unheard => (
                    content,
                    Some(m.etag.clone().map_or(Put::Force, Put::Update)),
                ),
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

/// Runs a sync: lists the calendar, decides the steps, and (unless `dry_run`) sends each PUT.
/// Before each PUT its intent is recorded (`pending`) and `save`d; after its answer, what was
/// sent and the ETag (or, on a refusal, the intent dropped), and `save` again, so an
/// interruption leaves the state consistent with the server and the next sync finishes the
/// job. `save` gets the UID of the step and the whole state: it merges that UID's records
/// into the state on disk ([`SyncState::merge_uid`]). `render` writes a slot's calendar object
/// (`PlanIcs::event_object`). A 412 on a guarded PUT is an edit on the server found late: left
/// alone, like one found by its ETag. Any other fault stops the sync with the error.
#[expect(
    clippy::too_many_arguments,
    reason = "the sync's inputs, each used once; a struct would only rename them"
)]
pub fn execute(
    client: &super::dav::Client,
    calendar_url: &str,
    state: &mut SyncState,
    diff: &CalendarDiff,
    render: impl Fn(&crate::engine::calendar::Slot) -> String,
    force: bool,
    dry_run: bool,
    mut save: impl FnMut(&str, &SyncState) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<Step>> {
    let base = if calendar_url.ends_with('/') {
        calendar_url.to_string()
    } else {
        format!("{calendar_url}/")
    };
    let members = client.members(&base)?;
    let mut planned = steps(state, diff, &base, &members, force);
    if dry_run {
        return Ok(planned);
    }
    for step in &mut planned {
        let Some(put) = &step.put else { continue };
        let url = format!("{base}{}", step.name);
        let object = render(&diff.slots[step.slot]);
        state.pending.insert(step.uid.clone(), step.name.clone());
        save(&step.uid, state)?;
        let etag = match client.put(&url, &object, put) {
            Ok(etag) => etag,
            // No answer heard: the PUT may have been written; the intent stays.
            Err(e @ (DavError::Unreachable { .. } | DavError::Timeout { .. })) => {
                return Err(e.into());
            }
            Err(e) => {
                // An answer: nothing was written.
                state.pending.remove(&step.uid);
                save(&step.uid, state)?;
                match e {
                    DavError::Precondition { .. } if !matches!(put, Put::Force) => {
                        step.action = Action::LeftAlone;
                        step.put = None;
                        continue;
                    }
                    e => return Err(e.into()),
                }
            }
        };
        // Some servers answer a PUT without an ETag (the content was changed on the way in):
        // read the one it now has.
        let etag = match etag {
            Some(e) => Some(e),
            None => client.get(&url)?.1,
        };
        if let Some(sent) = diff.next.events.get(&step.uid) {
            state.sent.events.insert(step.uid.clone(), sent.clone());
        }
        state.remote.insert(
            step.uid.clone(),
            Remote {
                name: step.name.clone(),
                etag,
                sent: read_event(&object, &step.uid).ok(),
            },
        );
        state.pending.remove(&step.uid);
        save(&step.uid, state)?;
    }
    Ok(planned)
}

/// What reading one event back gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadBack {
    /// Read and compared: the fields that differ from what graded sent (none: only the ETag
    /// changed, the server rewrote it the same).
    Changed(Vec<Difference>),
    /// Read, but graded kept no copy of what it sent (a state from before issue 23).
    NoCopy(EventFields),
    /// Not used, and why.
    Unreadable(Unreadable),
}

/// One event read back: its UID, its slot in the diff and what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The event's UID.
    pub uid: String,
    /// Its index in the diff's slots.
    pub slot: usize,
    /// The ETag the server gave with it.
    pub etag: Option<String>,
    /// What was read.
    pub read: ReadBack,
}

/// Reads back the events edited on the server since graded wrote them (the steps left alone
/// for it: graded recorded an ETag, the server lists another) with `calendar-multiget`
/// REPORTs (batched, each answer's size capped: [`super::dav::Client::multiget`]), each
/// parsed with the `ical` crate and compared with what graded sent. An event the server does
/// not send back, or sends back unreadable (malformed, another UID, too large), is named as
/// such; nothing of it is used. A fault of the REPORT itself stops with the error: nothing has
/// been written by then.
pub fn read_back(
    client: &super::dav::Client,
    calendar_url: &str,
    state: &SyncState,
    steps: &[Step],
) -> Result<Vec<Read>, DavError> {
    let edited: Vec<&Step> = steps
        .iter()
        .filter(|s| s.action == Action::LeftAlone && state.remote.contains_key(&s.uid))
        .collect();
    if edited.is_empty() {
        return Ok(Vec::new());
    }
    let base = if calendar_url.ends_with('/') {
        calendar_url.to_string()
    } else {
        format!("{calendar_url}/")
    };
    let names: Vec<String> = edited.iter().map(|s| s.name.clone()).collect();
    let answers = client.multiget(&base, &names)?;
    Ok(edited
        .into_iter()
        .map(|s| {
            let answer = answers
                .iter()
                .find(|(name, _)| *name == percent_decode(&s.name))
                .map(|(_, r)| r);
            let data = answer.and_then(|r| r.props.calendar_data.as_deref());
            let read = match data.map(|d| read_event(d, &s.uid)) {
                None => ReadBack::Unreadable(Unreadable::Missing),
                Some(Err(e)) => ReadBack::Unreadable(e),
                Some(Ok(now)) => match state.remote.get(&s.uid).and_then(|r| r.sent.as_ref()) {
                    Some(sent) => ReadBack::Changed(differences(sent, &now)),
                    None => ReadBack::NoCopy(now),
                },
            };
            Read {
                uid: s.uid.clone(),
                slot: s.slot,
                etag: answer.and_then(|r| r.props.etag.clone()),
                read,
            }
        })
        .collect())
}

/// One line per event read back: `read back: 2026-11-27 Rehab: Mobility (stage 1), session 3:
/// start 20261127T070000 → 20261128T180000`, or why it could not be used.
pub fn read_back_lines(reads: &[Read], diff: &CalendarDiff) -> Vec<String> {
    reads
        .iter()
        .map(|r| {
            let slot = &diff.slots[r.slot];
            let what = match &r.read {
                ReadBack::Changed(d) if d.is_empty() => {
                    "rewritten by the server, nothing graded reads changed".to_string()
                }
                ReadBack::Changed(d) => d
                    .iter()
                    .map(super::readback::describe)
                    .collect::<Vec<_>>()
                    .join("; "),
                ReadBack::NoCopy(_) => {
                    "read, but graded kept no copy of what it sent (synced before this version)"
                        .to_string()
                }
                ReadBack::Unreadable(e) => format!("could not be read back: {e}; not used"),
            };
            format!(
                "read back: {} {}: {what}",
                slot.day,
                crate::text::visible(&slot.summary)
            )
        })
        .collect()
}
