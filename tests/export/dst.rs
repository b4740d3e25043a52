//! Sessions on daylight-saving change days: a time the clocks skip moves forward as a watch
//! would, and a time that happens twice is written in UTC so every calendar app agrees.

use crate::harness::Env;

fn workspace(start: &str, time: &str) -> Env {
    workspace_with(start, time, "sun,tue,thu", &[])
}

fn workspace_with(start: &str, time: &str, days: &str, extra: &[&str]) -> Env {
    let env = Env::new().today(start);
    let injury = (chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").expect("date")
        - chrono::Duration::days(5))
    .to_string();
    env.run(
        &vec![
            "init",
            "--program",
            "mid-back-strain",
            "--start",
            start,
            "--injury-date",
            &injury,
            "--rest-pain",
            "2",
            "--days",
            days,
            "--time",
            time,
            "--tz",
            "America/New_York",
            "--units",
            "kg",
            "--lift",
            "squat=100x5",
            "--no-red-flags",
        ]
        .iter()
        .chain(extra)
        .copied()
        .collect::<Vec<_>>(),
    )
    .ok();
    env
}

/// The sessions' events (their next-morning reminders left out).
fn ics(env: &Env) -> Vec<(String, String, String, String)> {
    events(env)
        .into_iter()
        .filter(|e| e.0.contains("-s1-"))
        .collect()
}

/// Every event of a 3-week calendar export.
fn events(env: &Env) -> Vec<(String, String, String, String)> {
    let path = env.path("plan.ics");
    env.run(&[
        "plan",
        "--format",
        "ics",
        "--weeks",
        "3",
        "-o",
        path.to_str().expect("utf8"),
    ])
    .ok();
    super::read_back(&std::fs::read_to_string(path).expect("read"))
}

#[test]
fn a_session_time_the_clocks_skip_moves_forward_an_hour() {
    let env = workspace("2027-03-01", "02:30");
    let events = ics(&env);
    let on_change_day: Vec<_> = events
        .iter()
        .filter(|e| e.1.starts_with("20270314"))
        .collect();
    assert_eq!(on_change_day.len(), 1, "{events:?}");
    assert_eq!(on_change_day[0].1, "20270314T033000");
    assert!(
        events
            .iter()
            .filter(|e| !e.1.starts_with("20270314"))
            .all(|e| e.1.ends_with("T023000"))
    );
    let csv = env
        .run(&["plan", "--format", "csv", "--weeks", "3"])
        .ok()
        .stdout;
    assert!(
        csv.contains("2027-03-14,Sun,03:30,"),
        "the table and CSV show the real time too"
    );
}

#[test]
fn a_session_time_that_happens_twice_is_written_in_utc() {
    let env = workspace("2026-10-25", "01:30");
    let events = ics(&env);
    let day: Vec<_> = events
        .iter()
        .filter(|e| e.1.starts_with("20261101"))
        .collect();
    assert_eq!(day.len(), 1, "{events:?}");
    assert_eq!(
        day[0].1, "20261101T053000Z",
        "01:30 EDT, the first of the two"
    );
    assert!(
        events
            .iter()
            .filter(|e| !e.1.starts_with("20261101"))
            .all(|e| e.1.ends_with("T013000"))
    );
}

#[test]
fn a_reminder_time_the_clocks_skip_moves_forward_an_hour_too() {
    // Saturday 13 March's session is reminded on Sunday 14, the change day: 02:30 is skipped.
    let env = workspace_with(
        "2027-03-01",
        "18:00",
        "mon,wed,sat",
        &["--reminder-time", "02:30"],
    );
    let reminders: Vec<(String, String)> = events(&env)
        .into_iter()
        .filter(|e| e.0.contains("-m1-"))
        .map(|e| (e.0, e.1))
        .collect();
    let on_change_day: Vec<_> = reminders
        .iter()
        .filter(|r| r.1.starts_with("20270314"))
        .collect();
    assert_eq!(on_change_day.len(), 1, "{reminders:?}");
    assert_eq!(
        on_change_day[0],
        &(
            "20270313-m1-".to_string() + on_change_day[0].0.split("-m1-").nth(1).expect("id"),
            "20270314T033000".to_string()
        )
    );
    assert!(
        reminders
            .iter()
            .filter(|r| !r.1.starts_with("20270314"))
            .all(|r| r.1.ends_with("T023000")),
        "{reminders:?}"
    );
}
