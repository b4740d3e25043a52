//! The client (`graded::sync::dav`) and the executor (`sync::plan::execute`) against a real
//! Radicale (`super::server`), read back with `curl`. The CLI's scenarios, against Radicale and
//! Xandikos alike, are in `super::e2e`.

use graded::export::ics_text::IcsWriter;
use graded::sync::dav::{Client, DavError, Put, resource_name, same_resource};

use super::server::{Server, USER, curl};

/// One event, written by graded's iCalendar writer (the exporter's, byte for byte).
fn one_event(uid: &str, summary: &str, sequence: u32) -> String {
    let mut w = IcsWriter::with_capacity(1024);
    w.begin("VCALENDAR");
    w.value("VERSION", "2.0");
    w.value("PRODID", "-//graded//graded rehab planner//EN");
    w.begin("VEVENT");
    w.text("UID", uid);
    w.value("DTSTAMP", "20261124T000000Z");
    w.value("SEQUENCE", &sequence.to_string());
    w.value("DTSTART", "20261126T180000Z");
    w.value("DTEND", "20261126T184500Z");
    w.text("SUMMARY", summary);
    w.text(
        "DESCRIPTION",
        "Hinge, 3 x 8; pain at most 3/10, during and the next morning.",
    );
    w.value("STATUS", "CONFIRMED");
    w.end("VEVENT");
    w.end("VCALENDAR");
    w.finish()
}

#[test]
fn discover_create_put_update_and_read_back() {
    let Some(server) = Server::radicale() else {
        return;
    };
    let dav = server.client();
    let root = format!("{}/", server.origin);

    // Discovery: the principal and the calendar home, no calendar yet.
    assert_eq!(dav.discover(&root).unwrap(), []);
    let calendar = format!("{}/{USER}/graded/", server.origin);
    dav.mkcalendar(&calendar, "graded").unwrap();
    let found = dav.discover(&root).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].url, calendar);
    assert_eq!(found[0].displayname.as_deref(), Some("graded"));
    assert!(found[0].takes_events);
    assert_eq!(dav.members(&calendar).unwrap(), []);

    // Create: the bytes graded wrote come back as they were sent.
    let uid = "graded-test-2026-11-26@graded";
    let href = format!("{calendar}{}", resource_name(uid));
    assert!(
        href.ends_with("/graded-test-2026-11-26%40graded.ics"),
        "{href}"
    );
    let ics = one_event(uid, "Rehab session: stage 1", 0);
    let etag = dav.put(&href, &ics, &Put::Create).unwrap();
    let (body, get_etag) = dav.get(&href).unwrap();
    assert!(body.contains(&format!("UID:{uid}\r\n")), "{body}");
    assert!(
        body.contains("SUMMARY:Rehab session: stage 1\r\n"),
        "{body}"
    );
    let members = dav.members(&calendar).unwrap();
    assert_eq!(members.len(), 1);
    assert!(same_resource(&href, &members[0].href), "{members:?}");
    let listed = members[0].etag.clone().expect("an etag in the listing");
    assert_eq!(get_etag.as_ref(), Some(&listed));
    if let Some(e) = &etag {
        assert_eq!(e, &listed, "the PUT's ETag is the listing's");
    }
    // curl reads the same event.
    assert_eq!(curl(&[&href]), body);

    // Create again: the precondition holds it back (412), nothing is overwritten.
    let again = dav.put(&href, &ics, &Put::Create).unwrap_err();
    assert!(matches!(again, DavError::Precondition { .. }), "{again}");
    assert!(again.to_string().contains(&href), "{again}");

    // Update with the ETag graded holds: a new ETag, the new content.
    let changed = one_event(uid, "Rehab session: stage 2", 1);
    dav.put(&href, &changed, &Put::Update(listed.clone()))
        .unwrap();
    let (body, new_etag) = dav.get(&href).unwrap();
    assert!(body.contains("SUMMARY:Rehab session: stage 2\r\n") && body.contains("SEQUENCE:1\r\n"));
    assert_ne!(new_etag.as_ref(), Some(&listed));

    // An edit elsewhere (curl, like a phone) changes the ETag: a guarded update is refused.
    let phone = one_event(uid, "Moved on my phone", 1);
    curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/calendar",
        "--data-binary",
        &phone,
        &href,
    ]);
    let stale = dav
        .put(&href, &changed, &Put::Update(new_etag.unwrap()))
        .unwrap_err();
    assert!(matches!(stale, DavError::Precondition { .. }), "{stale}");
    assert!(curl(&[&href]).contains("SUMMARY:Moved on my phone"));
}

#[test]
fn faults_name_the_url() {
    let Some(server) = Server::radicale() else {
        return;
    };
    let root = format!("{}/", server.origin);
    let wrong = Client::new(USER, "wrong", false);
    let e = wrong.discover(&root).unwrap_err();
    assert!(matches!(e, DavError::Unauthorized { .. }), "{e}");
    assert!(e.to_string().contains(&root), "{e}");

    let dav = server.client();
    let missing = format!("{}/{USER}/nothing-here/", server.origin);
    let e = dav.members(&missing).unwrap_err();
    assert!(matches!(e, DavError::NotFound { .. }), "{e}");
    assert!(e.to_string().contains(&missing), "{e}");

    // Plain HTTP to another machine is refused before anything is sent.
    let e = dav.members("http://caldav.example.com/cal/").unwrap_err();
    assert!(matches!(e, DavError::Insecure { .. }), "{e}");

    // A stopped server: unreachable, named.
    let origin = server.origin.clone();
    drop(server);
    let e = dav.members(&format!("{origin}/{USER}/")).unwrap_err();
    assert!(matches!(e, DavError::Unreachable { .. }), "{e}");
    assert!(e.to_string().contains(&origin), "{e}");
}

/// Syncs `plan` (hand-built, example profile) to `calendar` through `sync::plan::execute`.
fn sync_plan(
    dav: &Client,
    calendar: &str,
    state: &mut graded::sync::plan::SyncState,
    plan: &graded::model::Plan,
    force: bool,
) -> anyhow::Result<graded::sync::plan::Tally> {
    use graded::engine::{Course, Replay, State};
    use graded::export::Document;
    use graded::export::ics::{PlanIcs, diff};
    use graded::model::Profile;
    let profile = Profile::example();
    let program = crate::engine::program();
    let calendar_diff = diff(&state.sent, plan, &profile, None, false);
    let replay = Replay {
        judged: vec![],
        state: State::new(&profile),
    };
    let course = Course::from_parts(plan.clone(), replay, &program, &profile);
    let doc = Document {
        course: &course,
        program: &program,
        profile: &profile,
    };
    let ics = PlanIcs {
        alarm: Some(15),
        calendar: &calendar_diff,
    };
    let steps = graded::sync::plan::execute(
        dav,
        calendar,
        state,
        &calendar_diff,
        |slot| ics.event_object(&doc, slot),
        force,
        false,
        |_, _| Ok(()),
    )?;
    Ok(graded::sync::plan::Tally::of(&steps))
}

#[test]
fn sync_first_again_replan_and_a_phone_edit() {
    let Some(server) = Server::radicale() else {
        return;
    };
    let dav = server.client();
    let calendar = format!("{}/{USER}/graded/", server.origin);
    dav.mkcalendar(&calendar, "graded").unwrap();
    let plan = crate::export::snapshots::hand_built();
    let mut state = graded::sync::plan::SyncState::default();

    let t = sync_plan(&dav, &calendar, &mut state, &plan, false).unwrap();
    assert_eq!(
        t.to_string(),
        "8 created, 0 updated, 0 cancelled, 0 unchanged"
    );
    let listed = dav.members(&calendar).unwrap();
    assert_eq!(listed.len(), 8);
    // curl reads one back: graded's UID, CONFIRMED.
    let uid = state
        .remote
        .keys()
        .find(|u| u.contains("-s1-"))
        .unwrap()
        .clone();
    let href = format!("{calendar}{}", state.remote[&uid].name);
    let body = curl(&[&href]);
    assert!(
        body.contains(&format!("UID:{uid}")) && body.contains("STATUS:CONFIRMED"),
        "{body}"
    );

    // Nothing new: nothing sent, the ETags as they were.
    let t = sync_plan(&dav, &calendar, &mut state, &plan, false).unwrap();
    assert_eq!(
        t.to_string(),
        "0 created, 0 updated, 0 cancelled, 8 unchanged"
    );
    assert_eq!(dav.members(&calendar).unwrap(), listed);

    // A re-plan drops the last session: it and its reminder are sent again as CANCELLED.
    let mut shorter = plan.clone();
    shorter.sessions.pop();
    let t = sync_plan(&dav, &calendar, &mut state, &shorter, false).unwrap();
    assert_eq!(
        t.to_string(),
        "0 created, 0 updated, 2 cancelled, 6 unchanged"
    );
    let cancelled = state
        .sent
        .events
        .iter()
        .filter(|(_, e)| e.cancelled)
        .count();
    assert_eq!(cancelled, 2);
    for (u, _) in state.sent.events.iter().filter(|(_, e)| e.cancelled) {
        let body = curl(&[&format!("{calendar}{}", state.remote[u].name)]);
        assert!(
            body.contains("STATUS:CANCELLED") && body.contains("SEQUENCE:1"),
            "{body}"
        );
    }

    // The person edits a session on the phone; the plan changes it too: left alone.
    let phone = one_event(&uid, "Moved on my phone", 0);
    curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/calendar",
        "--data-binary",
        &phone,
        &href,
    ]);
    let mut changed = shorter.clone();
    for s in &mut changed.sessions {
        s.notes = "Lighter: a long drive yesterday.".into();
    }
    let t = sync_plan(&dav, &calendar, &mut state, &changed, false).unwrap();
    assert!(
        t.to_string()
            .ends_with("1 left alone (edited on the server)"),
        "{t}"
    );
    assert!(curl(&[&href]).contains("SUMMARY:Moved on my phone"));
    // --force writes over it.
    let t = sync_plan(&dav, &calendar, &mut state, &changed, true).unwrap();
    assert_eq!(t.left_alone, 0, "{t}");
    assert!(!curl(&[&href]).contains("Moved on my phone"));
    let t = sync_plan(&dav, &calendar, &mut state, &changed, false).unwrap();
    assert_eq!(
        t.to_string(),
        "0 created, 0 updated, 0 cancelled, 8 unchanged"
    );
}
