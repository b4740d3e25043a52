//! Issue 23, read back: the events a phone edited, fetched with `calendar-multiget` (batched,
//! capped), parsed with the `ical` crate, compared with what graded sent field by field; a
//! hostile server (a huge answer, malformed iCalendar, another UID) named, nothing used.

use graded::sync::readback::{Difference, Field, Unreadable, differences, read_event};

use super::canned::FakeCalendar;
use crate::harness::{Env, Output};

const EVENT: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n\
UID:u1@graded\r\nDTSTAMP:20261124T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261127T070000\r\n\
DTEND;TZID=Europe/Berlin:20261127T073000\r\nSUMMARY:Rehab: Mobility\\, stage 1\r\n\
SEQUENCE:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/// A space just before a fold is kept (the `ical` crate alone trims each folded line's end):
/// a form filled in as `2 3` must not read as `23`.
#[test]
fn a_space_before_a_fold_is_kept() {
    let folded = EVENT.replace(
        "SEQUENCE:2\r\n",
        "SEQUENCE:2\r\nDESCRIPTION:pain during / after: 2 \r\n 3   effort: 4 \r\n\t done\r\n",
    );
    let read = read_event(&folded, "u1@graded").unwrap();
    assert_eq!(
        read.description.as_deref(),
        Some("pain during / after: 2 3   effort: 4  done")
    );
    let lf = folded.replace("\r\n", "\n");
    assert_eq!(read_event(&lf, "u1@graded").unwrap(), read);
}

#[test]
fn an_event_is_read_field_by_field_and_a_move_is_one_difference() {
    let sent = read_event(EVENT, "u1@graded").unwrap();
    assert_eq!(
        sent.start.as_deref(),
        Some("TZID=Europe/Berlin:20261127T070000")
    );
    assert_eq!(sent.summary.as_deref(), Some("Rehab: Mobility\\, stage 1"));
    assert_eq!(sent.sequence, Some(2));
    let moved = EVENT.replace("20261127T07", "20261128T18");
    let now = read_event(&moved, "u1@graded").unwrap();
    assert_eq!(
        differences(&sent, &now),
        vec![
            Difference {
                field: Field::Start,
                sent: Some("TZID=Europe/Berlin:20261127T070000".into()),
                now: Some("TZID=Europe/Berlin:20261128T180000".into()),
            },
            Difference {
                field: Field::End,
                sent: Some("TZID=Europe/Berlin:20261127T073000".into()),
                now: Some("TZID=Europe/Berlin:20261128T183000".into()),
            },
        ]
    );
    assert_eq!(differences(&sent, &sent), vec![]);
}

#[test]
fn what_a_server_sends_back_that_is_not_graded_s_event_is_refused_with_the_reason() {
    let cases: Vec<(String, Unreadable)> = vec![
        (
            "this is not iCalendar".into(),
            Unreadable::Malformed(String::new()),
        ),
        (
            EVENT
                .replace("BEGIN:VEVENT", "BEGIN:VTODO")
                .replace("END:VEVENT", "END:VTODO"),
            Unreadable::NoEvent,
        ),
        (
            EVENT.replace(
                "END:VEVENT\r\n",
                "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:u1@graded\r\nEND:VEVENT\r\n",
            ),
            Unreadable::Several(2),
        ),
        (
            EVENT.replace("UID:u1@graded", "UID:other\u{1b}[2J"),
            Unreadable::WrongUid("other\\u{1b}[2J".into()),
        ),
        (
            EVENT.replace("SEQUENCE:2", &format!("X-JUNK:{}", "x".repeat(70_000))),
            Unreadable::TooLarge(0),
        ),
    ];
    for (ics, want) in cases {
        let got = read_event(&ics, "u1@graded").unwrap_err();
        assert_eq!(
            std::mem::discriminant(&got),
            std::mem::discriminant(&want),
            "{got:?}"
        );
        if let Unreadable::WrongUid(_) = want {
            assert_eq!(got, want);
        }
    }
}

/// `graded sync --setup` to the fake calendar at `url`, and a first sync.
fn synced(url: &str) -> Env {
    let env = Env::initialised();
    env.run(&[
        "sync",
        "--setup",
        "--url",
        url,
        "--username",
        "alice",
        "--password-cmd",
        "echo pw",
    ])
    .ok();
    env.run(&["sync"]).ok().stdout_has(" created, 0 updated");
    env
}

/// The path and body of the third session event the fake calendar holds.
fn third_session(calendar: &FakeCalendar) -> (String, String) {
    calendar
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.contains("-s1-"))
        .nth(2)
        .map(|(p, (_, b))| (p.clone(), b.clone()))
        .unwrap()
}

fn caldav_json(env: &Env) -> String {
    env.read("caldav.json")
}

#[test]
fn a_malformed_event_and_one_with_another_uid_are_named_and_not_used() {
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = synced(&url);
    let (path, body) = third_session(&calendar);
    let uid = body
        .lines()
        .find_map(|l| l.strip_prefix("UID:"))
        .unwrap()
        .trim()
        .to_string();
    calendar.edit(&path, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x".into());
    let before = caldav_json(&env);
    let out: Output = env.run(&["sync"]).ok().stdout_has("1 left alone");
    assert!(
        out.stdout
            .contains("could not be read back: not iCalendar graded can read"),
        "{}",
        out.stdout
    );
    assert_eq!(caldav_json(&env), before, "nothing of it is recorded");
    let reports: Vec<_> = seen
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.method == "REPORT")
        .cloned()
        .collect();
    assert_eq!(reports.len(), 1);
    assert!(reports[0].authorized && reports[0].headers.contains("depth: 1"));
    assert!(reports[0].body.contains("calendar-multiget"));

    calendar.edit(&path, body.replace(&uid, "someone-else@example.com"));
    env.run(&["sync"]).ok().stdout_has(
        "could not be read back: it holds the event `someone-else@example.com`, not graded's; \
         not used",
    );
    assert_eq!(caldav_json(&env), before);
}

#[test]
fn a_huge_answer_is_not_read_past_the_cap_and_the_state_is_untouched() {
    let calendar = FakeCalendar::default();
    let (url, _seen) = calendar.start();
    let env = synced(&url);
    let (path, body) = third_session(&calendar);
    calendar.edit(&path, body.replace("SUMMARY:", "SUMMARY:Moved "));
    *calendar.report_body.lock().unwrap() = Some(format!(
        "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\">{}</d:multistatus>",
        "<d:response/>".repeat(200_000)
    ));
    let before = caldav_json(&env);
    env.run(&["sync"])
        .code(1)
        .stderr_has("the answer is larger than the 1048576 bytes graded reads");
    assert_eq!(caldav_json(&env), before);
}

#[test]
fn a_phone_edit_is_read_back_and_compared_with_what_graded_sent() {
    let calendar = FakeCalendar::default();
    let (url, _seen) = calendar.start();
    let env = synced(&url);
    let (path, body) = third_session(&calendar);
    calendar.edit(&path, body.replace("SUMMARY:", "SUMMARY:Moved "));
    let out = env.run(&["sync"]).ok();
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("read back: "))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(line.contains(": title `Rehab: "), "{line}");
    assert!(line.contains("` → `Moved Rehab: "), "{line}");
}

/// A session the fake calendar holds whose next day holds none: its path, body and day.
fn movable(calendar: &FakeCalendar) -> (String, String, String) {
    let events = calendar.events.lock().unwrap();
    let mut sessions: Vec<(String, String, String)> = events
        .iter()
        .filter(|(p, _)| p.contains("-s1-"))
        .map(|(p, (_, b))| (super::e2e::day_of(b).to_string(), p.clone(), b.clone()))
        .collect();
    sessions.sort();
    let days: Vec<String> = sessions.iter().map(|(d, ..)| d.clone()).collect();
    let (day, path, body) = sessions
        .into_iter()
        .skip(1)
        .find(|(d, ..)| !days.contains(&super::phone::next_day(d)))
        .unwrap();
    (path, body, day)
}

#[test]
fn a_dry_run_says_what_it_would_take_and_records_nothing() {
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = synced(&url);
    let (path, body, day) = movable(&calendar);
    let to = super::phone::next_day(&day);
    calendar.edit(&path, super::phone::moved(&body, &to, "1800"));
    let puts = FakeCalendar::puts(&seen).len();
    let state = caldav_json(&env);
    let out = env.run(&["sync", "--dry-run"]).ok().stdout_has(&format!(
        " to {} 18:00, would be taken: the sessions after it re-planned",
        super::phone::dashed(&to)
    ));
    assert!(!out.stdout.contains("left alone"), "{}", out.stdout);
    assert!(
        out.stdout.contains(": 0 created, 1 updated, "),
        "{}",
        out.stdout
    );
    assert!(!env.dir().join("moves.csv").exists());
    assert_eq!(FakeCalendar::puts(&seen).len(), puts);
    assert_eq!(caldav_json(&env), state);
}

#[test]
fn a_sync_killed_after_taking_a_move_is_finished_by_the_next_with_the_move_recorded_once() {
    use std::process::{Command, Stdio};
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};
    let calendar = FakeCalendar::default();
    let (url, seen) = calendar.start();
    let env = synced(&url);
    let (path, body, day) = movable(&calendar);
    let to = super::phone::next_day(&day);
    calendar.edit(&path, super::phone::moved(&body, &to, "1800"));
    let puts = FakeCalendar::puts(&seen).len();
    calendar.hold_next_put.store(true, Ordering::SeqCst);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("graded"))
        .arg("--dir")
        .arg(env.dir())
        .args(["--today", "2026-11-24", "sync"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while FakeCalendar::puts(&seen).len() == puts {
        assert!(Instant::now() < deadline, "no PUT");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The move is recorded before any PUT; graded dies before it hears the first answer.
    child.kill().unwrap();
    child.wait().unwrap();
    let recorded = env.read("moves.csv");
    assert_eq!(recorded.lines().count(), 2, "{recorded}");

    let out = env.run(&["sync"]).ok();
    assert!(!out.stdout.contains("left alone"), "{}", out.stdout);
    assert!(!out.stdout.contains("moved on the phone"), "{}", out.stdout);
    assert_eq!(env.read("moves.csv"), recorded, "nothing recorded twice");
    let now = calendar.events.lock().unwrap()[&path].1.clone();
    assert_eq!(super::e2e::day_of(&now), to);
    let again = env.run(&["sync"]).ok();
    assert!(
        again.stdout.contains("0 created, 0 updated, 0 cancelled"),
        "{}",
        again.stdout
    );
}

#[test]
fn quiet_says_nothing_when_nothing_changed_and_speaks_when_the_phone_did() {
    let calendar = FakeCalendar::default();
    let (url, _seen) = calendar.start();
    let env = synced(&url);
    let out = env.run(&["sync", "--quiet"]).ok();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    let (path, body, day) = movable(&calendar);
    let to = super::phone::next_day(&day);
    calendar.edit(&path, super::phone::moved(&body, &to, "1800"));
    env.run(&["sync", "--quiet"])
        .ok()
        .stdout_has("taken: the sessions after it re-planned")
        .stdout_has("Synced ");
    let out = env.run(&["sync", "--quiet"]).ok();
    assert_eq!(out.stdout, "");
}

#[test]
fn a_moves_file_that_does_not_read_is_named_with_its_line_and_field() {
    let env = Env::initialised();
    env.write(
        "moves.csv",
        "recorded,session,to,time,source,correction\n\
         2026-11-24,2026-11-28,2026-13-01,18:00,calendar,\n",
    );
    env.run(&["plan"])
        .code(1)
        .stderr_has("moves.csv:2: to: `2026-13-01` is not a date (YYYY-MM-DD)");
}
