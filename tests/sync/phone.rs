//! Issue 23 end to end: the calendar talks back. A small client stands in for the phone (`curl`
//! PUTting an edited event with `If-Match`), against Radicale and Xandikos started by the tests:
//! a session moved on the phone is taken and the sessions after it re-flow; a move into the
//! past or onto a day already holding a session is put back; a move taken back.

use super::e2e::{day_of, prop, set_up, state_matches_server, sync_on, tally};
use std::collections::BTreeMap;

use super::server::{Server, curl, curl_etags};
use crate::harness::Env;

/// The phone's edit: `body` PUT at `url` with `If-Match: etag`.
pub(super) fn phone_put(url: &str, body: &str, etag: &str) {
    curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/calendar",
        "-H",
        &format!("If-Match: {etag}"),
        "--data-binary",
        body,
        url,
    ]);
}

/// `body` moved to `day` (YYYYMMDD) at `hhmm`, 45 minutes long, SEQUENCE one up (as a phone
/// may write it).
pub(super) fn moved(body: &str, day: &str, hhmm: &str) -> String {
    let seq: u32 = prop(body, "SEQUENCE").parse().unwrap();
    let end_min = hhmm[2..].parse::<u32>().unwrap() + 45;
    let end = format!(
        "{:02}{:02}",
        hhmm[..2].parse::<u32>().unwrap() + end_min / 60,
        end_min % 60
    );
    body.lines()
        .map(|l| {
            let at = |t: &str| format!("{}:{day}T{t}00", &l[..l.rfind(':').unwrap()]);
            if l.starts_with("DTSTART") {
                at(hhmm)
            } else if l.starts_with("DTEND") {
                at(&end)
            } else if l.starts_with("SEQUENCE:") {
                format!("SEQUENCE:{}", seq + 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// The session events of `events` (by UID), by day (YYYYMMDD): UID and body.
fn sessions(events: &BTreeMap<String, String>) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = events
        .clone()
        .into_iter()
        .filter(|(uid, body)| uid.contains("-s1-") && prop(body, "STATUS") != "CANCELLED")
        .map(|(uid, body)| (day_of(&body).to_string(), uid, body))
        .collect();
    out.sort();
    out
}

/// The URL and the ETag of the event `uid` (by the name graded recorded).
pub(super) fn where_is(env: &Env, calendar: &str, uid: &str) -> (String, String) {
    let state: serde_json::Value = serde_json::from_str(&env.read("caldav.json")).unwrap();
    let name = state["remote"][uid]["name"].as_str().unwrap().to_string();
    let etag = curl_etags(calendar)
        .into_iter()
        .find(|(href, _)| href.ends_with(&name))
        .map(|(_, e)| e)
        .unwrap();
    (format!("{calendar}{name}"), etag)
}

pub(super) fn dashed(day: &str) -> String {
    format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..])
}

pub(super) fn next_day(day: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y%m%d").unwrap() + chrono::Duration::days(1);
    d.format("%Y%m%d").to_string()
}

/// A session moved to the next free day at 18:00 on the phone: taken (recorded in moves.csv,
/// dated, from the calendar), the event kept at its new day and time with a SEQUENCE above the
/// phone's, the sessions after it re-flowed (none on the same day, none before it); the next
/// sync changes nothing; the move taken back puts it where the plan had it.
fn a_move_on_the_phone_is_taken_and_re_flowed(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    let before = sessions(&state_matches_server(&env, &calendar));
    let days: Vec<&str> = before.iter().map(|(d, ..)| d.as_str()).collect();
    let (day, uid, body) = before
        .iter()
        .skip(1)
        .find(|(d, ..)| !days.contains(&next_day(d).as_str()))
        .cloned()
        .unwrap();
    let to = next_day(&day);
    let (url, etag) = where_is(&env, &calendar, &uid);
    phone_put(&url, &moved(&body, &to, "1800"), &etag);
    let phone_seq: u32 = prop(&curl(&[&url]), "SEQUENCE").parse().unwrap();

    let out = sync_on(&env, "2026-11-24", &calendar).stdout_has(&format!(
        "07:00 to {} 18:00, taken: the sessions after it re-planned",
        dashed(&to)
    ));
    assert!(!out.stdout.contains("left alone"), "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with(&format!("{}\n", graded::model::NOTICE)),
        "{}",
        out.stdout
    );
    let moves = env.read("moves.csv");
    assert_eq!(
        moves,
        format!(
            "recorded,session,to,time,source,correction\n2026-11-24,{},{},18:00,calendar,\n",
            dashed(&day),
            dashed(&to)
        )
    );
    let now = state_matches_server(&env, &calendar);
    assert_eq!(day_of(&now[&uid]), to);
    assert!(now[&uid].contains(&format!("{to}T180000")), "{}", now[&uid]);
    let seq: u32 = prop(&now[&uid], "SEQUENCE").parse().unwrap();
    assert!(
        seq > phone_seq,
        "SEQUENCE {seq} above the phone's {phone_seq}"
    );
    let after = sessions(&now);
    let mut seen: Vec<&str> = after.iter().map(|(d, ..)| d.as_str()).collect();
    seen.dedup();
    assert_eq!(seen.len(), after.len(), "one session a day");
    let moved_at = after.iter().position(|(_, u, _)| *u == uid).unwrap();
    let ahead = before.iter().position(|(_, u, _)| *u == uid).unwrap();
    assert_eq!(
        moved_at, ahead,
        "the moved session keeps its place in order"
    );

    let again = sync_on(&env, "2026-11-24", &calendar);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);
    assert!(
        !again.stdout.contains("moved on the phone"),
        "{}",
        again.stdout
    );

    env.run_at("2026-11-24", &["sync", "--undo-move", &dashed(&day)])
        .ok()
        .stdout_has(&format!(
            "Took back the move of the session planned on {}",
            dashed(&day)
        ));
    assert!(
        env.read("moves.csv")
            .contains(",calendar,withdrawn 2026-11-24\n")
    );
    sync_on(&env, "2026-11-24", &calendar);
    let back = state_matches_server(&env, &calendar);
    assert_eq!(day_of(&back[&uid]), day);
    assert_eq!(sessions(&back).len(), before.len());
}

/// A move onto a day that already holds a session, and one into the past: named with the
/// reason, not recorded, and the event put back where the plan has it, SEQUENCE above the
/// phone's.
fn a_move_refused_is_put_back(server: Server) {
    let calendar = server.new_calendar("graded");
    let env = set_up(&calendar);
    sync_on(&env, "2026-11-24", &calendar);
    let before = sessions(&state_matches_server(&env, &calendar));
    let (day, uid, body) = before[1].clone();
    let taken_day = before[2].0.clone();
    for (to, why) in [
        ("20261120".to_string(), "2026-11-20 is in the past".into()),
        (
            taken_day.clone(),
            format!("{} already holds a session", dashed(&taken_day)),
        ),
    ] {
        let (url, etag) = where_is(&env, &calendar, &uid);
        let body_now = curl(&[&url]);
        phone_put(&url, &moved(&body_now, &to, "0700"), &etag);
        let phone_seq: u32 = prop(&curl(&[&url]), "SEQUENCE").parse().unwrap();
        sync_on(&env, "2026-11-24", &calendar).stdout_has(&format!(
            ": not taken ({why}); the event is put back on {} 07:00",
            dashed(&day)
        ));
        let now = curl(&[&url]);
        assert_eq!(day_of(&now), day);
        let seq: u32 = prop(&now, "SEQUENCE").parse().unwrap();
        assert!(
            seq > phone_seq,
            "SEQUENCE {seq} above the phone's {phone_seq}"
        );
        assert_eq!(prop(&now, "SUMMARY"), prop(&body, "SUMMARY"));
    }
    state_matches_server(&env, &calendar);
    assert!(!env.dir().join("moves.csv").exists());
    let again = sync_on(&env, "2026-11-24", &calendar);
    assert_eq!(tally(&again)[..3], [0, 0, 0], "{}", again.stdout);
}

crate::against!(radicale:
    a_move_on_the_phone_is_taken_and_re_flowed,
    a_move_refused_is_put_back,
);

crate::against!(xandikos:
    a_move_on_the_phone_is_taken_and_re_flowed,
    a_move_refused_is_put_back,
);
