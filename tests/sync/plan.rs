//! The sync's steps, decided without a server: creates, updates, cancellations, unchanged
//! events, phone-side edits left alone, and the interrupted sync finished.

use graded::export::ics::diff;
use graded::model::{Plan, Profile};
use graded::sync::dav::{Member, Put, resource_name};
use graded::sync::plan::{Action, Remote, Step, SyncState, Tally, left_alone, steps};

use crate::export::snapshots::hand_built;

/// The state after every step succeeded, each PUT answered with ETag `"e-<uid>-<sequence>"`.
fn after(state: &SyncState, plan: &Plan, done: &[Step]) -> SyncState {
    let d = diff(&state.sent, plan, &Profile::example(), None, false);
    let mut next = state.clone();
    for s in done.iter().filter(|s| s.put.is_some()) {
        let sent = d.next.events[&s.uid].clone();
        let etag = format!("\"e-{}-{}\"", s.uid, sent.sequence);
        next.sent.events.insert(s.uid.clone(), sent);
        next.remote.insert(
            s.uid.clone(),
            Remote {
                name: s.name.clone(),
                etag: Some(etag),
                sent: None,
            },
        );
    }
    next
}

/// The calendar's path on the server.
const CALENDAR: &str = "/alice/graded/";

/// What the server lists for `state`: every event where graded put it, with its ETag.
fn server(state: &SyncState) -> Vec<Member> {
    state
        .remote
        .values()
        .map(|r| Member {
            href: format!("/alice/graded/{}", r.name),
            etag: r.etag.clone(),
        })
        .collect()
}

fn run(state: &SyncState, plan: &Plan, server: &[Member], force: bool) -> Vec<Step> {
    steps(
        state,
        &diff(&state.sent, plan, &Profile::example(), None, false),
        CALENDAR,
        server,
        force,
    )
}

fn first_sync() -> (Plan, SyncState) {
    let plan = hand_built();
    let first = run(&SyncState::default(), &plan, &[], false);
    let state = after(&SyncState::default(), &plan, &first);
    (plan, state)
}

#[test]
fn a_first_sync_creates_every_event_and_only_creates() {
    let plan = hand_built();
    let s = run(&SyncState::default(), &plan, &[], false);
    assert_eq!(s.len(), 8);
    assert!(
        s.iter()
            .all(|s| s.action == Action::Create && s.put == Some(Put::Create))
    );
    assert!(s.iter().all(|s| s.name == resource_name(&s.uid)));
    assert_eq!(
        Tally::of(&s).to_string(),
        "8 created, 0 updated, 0 cancelled, 0 unchanged"
    );
}

#[test]
fn a_second_sync_with_nothing_new_sends_nothing() {
    let (plan, state) = first_sync();
    let s = run(&state, &plan, &server(&state), false);
    assert!(
        s.iter()
            .all(|s| s.action == Action::Unchanged && s.put.is_none()),
        "{s:?}"
    );
    assert_eq!(
        Tally::of(&s).to_string(),
        "0 created, 0 updated, 0 cancelled, 8 unchanged"
    );
}

#[test]
fn a_re_plan_cancels_dropped_sessions_with_the_etag_graded_holds() {
    let (plan, state) = first_sync();
    let mut shorter = plan.clone();
    let dropped = shorter.sessions.pop().unwrap().date;
    let s = run(&state, &shorter, &server(&state), false);
    let cancelled: Vec<&Step> = s.iter().filter(|s| s.action == Action::Cancel).collect();
    // The session and its next-morning reminder.
    assert_eq!(cancelled.len(), 2, "{s:?}");
    for c in cancelled {
        assert!(
            c.uid.starts_with(&dropped.format("%Y%m%d").to_string()),
            "{c:?}"
        );
        let etag = state.remote[&c.uid].etag.clone().unwrap();
        assert_eq!(c.put, Some(Put::Update(etag)));
    }
    assert_eq!(
        Tally::of(&s).to_string(),
        "0 created, 0 updated, 2 cancelled, 6 unchanged"
    );
    // Once sent, the cancellations are not sent again.
    let state = after(&state, &shorter, &s);
    let again = run(&state, &shorter, &server(&state), false);
    assert_eq!(Tally::of(&again).unchanged, 8, "{again:?}");
}

#[test]
fn a_changed_session_is_updated_if_match_its_etag() {
    let (mut plan, state) = first_sync();
    plan.sessions[0].notes = "Lighter: a long drive yesterday.".into();
    let s = run(&state, &plan, &server(&state), false);
    let updated: Vec<&Step> = s.iter().filter(|s| s.action == Action::Update).collect();
    assert_eq!(updated.len(), 1, "{s:?}");
    let etag = state.remote[&updated[0].uid].etag.clone().unwrap();
    assert_eq!(updated[0].put, Some(Put::Update(etag)));
}

#[test]
fn an_event_edited_on_the_phone_is_left_alone_unless_forced() {
    let (mut plan, state) = first_sync();
    plan.sessions[0].notes = "changed".into();
    let mut listed = server(&state);
    let edited = state
        .remote
        .keys()
        .find(|u| u.contains("-s1-"))
        .unwrap()
        .clone();
    let name = state.remote[&edited].name.clone();
    for m in &mut listed {
        if m.href.ends_with(&name) {
            m.etag = Some("\"phone\"".into());
        }
    }
    let s = run(&state, &plan, &listed, false);
    let step = s.iter().find(|s| s.uid == edited).unwrap();
    assert_eq!((step.action, &step.put), (Action::LeftAlone, &None));
    assert!(
        Tally::of(&s)
            .to_string()
            .ends_with(", 1 left alone (edited on the server)")
    );
    // Named: its day and title, and why.
    let d = diff(&state.sent, &plan, &Profile::example(), None, false);
    let slot = d.slots.iter().find(|s| s.uid == edited).unwrap();
    assert_eq!(
        left_alone(&s, &d),
        [format!(
            "left alone: {} {}: edited on the phone or another client since graded wrote \
             it, so graded did not update it (--force to overwrite)",
            slot.day, slot.summary
        )]
    );
    assert!(slot.summary.starts_with("Rehab"), "{}", slot.summary);
    let forced = run(&state, &plan, &listed, true);
    let step = forced.iter().find(|s| s.uid == edited).unwrap();
    assert_eq!(step.put, Some(Put::Force));
}

#[test]
fn an_event_gone_from_the_server_is_created_again() {
    let (plan, state) = first_sync();
    let mut listed = server(&state);
    let gone = listed.remove(0);
    let s = run(&state, &plan, &listed, false);
    let step = s.iter().find(|s| gone.href.ends_with(&s.name)).unwrap();
    assert_eq!(
        (step.action, &step.put),
        (Action::Create, &Some(Put::Create))
    );
}

#[test]
fn with_no_record_of_the_calendar_graded_leaves_its_events_there_alone() {
    // caldav.json lost (or a copy of the workspace without it): the server holds graded's
    // events, maybe edited on the phone; graded cannot tell, so it writes over none of them.
    let (plan, state) = first_sync();
    let listed = server(&state);
    let s = run(&SyncState::default(), &plan, &listed, false);
    assert!(!s.is_empty());
    assert!(
        s.iter()
            .all(|s| s.action == Action::Unrecorded && s.put.is_none()),
        "{s:?}"
    );
    let t = Tally::of(&s);
    assert_eq!((t.created, t.unrecorded), (0, s.len()));
    assert!(
        t.to_string().ends_with(&format!(
            ", {} left alone (on the server, not in graded's records)",
            s.len()
        )),
        "{t}"
    );
    let d = diff(
        &SyncState::default().sent,
        &plan,
        &Profile::example(),
        None,
        false,
    );
    let first = &d.slots[s[0].slot];
    assert!(
        left_alone(&s, &d)[0].contains(&format!(
            "{} {}: already on the server, but this workspace has no record of writing it",
            first.day, first.summary
        )),
        "{:?}",
        left_alone(&s, &d)
    );
    // --force writes over them, each at the ETag the server listed.
    let forced = run(&SyncState::default(), &plan, &listed, true);
    assert!(
        forced.iter().all(|s| matches!(s.put, Some(Put::Update(_)))),
        "{forced:?}"
    );
}

#[test]
fn an_interrupted_sync_is_finished_by_the_next() {
    // The PUT reached the server but graded never recorded it (the answer was lost).
    let (plan, state) = first_sync();
    let listed = server(&state);
    let mut lost = state.clone();
    let uid = lost.remote.keys().next().unwrap().clone();
    let name = lost.remote.remove(&uid).unwrap().name;
    lost.sent.events.remove(&uid);
    // graded recorded that it was sending it (the intent, written before the PUT).
    lost.pending.insert(uid.clone(), name);
    let s = run(&lost, &plan, &listed, false);
    let step = s.iter().find(|s| s.uid == uid).unwrap();
    let etag = state.remote[&uid].etag.clone().unwrap();
    assert_eq!(
        (step.action, &step.put),
        (Action::Create, &Some(Put::Update(etag)))
    );
    assert_eq!(Tally::of(&s).unchanged, 7);
    // Without that record, an event at graded's name is not known to be graded's write,
    // whatever else graded recorded: left alone.
    lost.pending.clear();
    let s = run(&lost, &plan, &listed, false);
    let step = s.iter().find(|s| s.uid == uid).unwrap();
    assert_eq!((step.action, &step.put), (Action::Unrecorded, &None));
    // Hrefs as servers list them: percent-encoded or not, absolute URL or path.
    let mut other = listed.clone();
    for m in &mut other {
        m.href = format!("http://127.0.0.1:5232{}", m.href.replace("%40", "@"));
    }
    assert_eq!(Tally::of(&run(&state, &plan, &other, false)).unchanged, 8);
}
