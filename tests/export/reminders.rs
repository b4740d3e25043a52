//! Issue 11: the calendar reminds a person each morning after a session to log the
//! next-morning pain, at the time chosen at `init` (08:00 unless told), with stable UIDs; the
//! time is checked where it is read.

use super::read_back;
use crate::cli::files;
use crate::harness::{Env, INIT};

/// (UID, DTSTART) of every reminder in the workspace's calendar export.
fn reminders(env: &Env) -> Vec<(String, String)> {
    let path = env.path("plan.ics");
    env.run(&[
        "plan",
        "--format",
        "ics",
        "--weeks",
        "2",
        "-o",
        path.to_str().expect("utf8"),
    ])
    .ok();
    read_back(&std::fs::read_to_string(path).expect("read"))
        .into_iter()
        .filter(|e| e.0.contains("-m1-"))
        .map(|e| (e.0, e.1))
        .collect()
}

#[test]
fn each_session_has_a_reminder_the_next_morning_at_eight_by_default() {
    let env = Env::initialised();
    assert!(
        env.read("profile.toml")
            .contains("morning_reminder = \"08:00\"")
    );
    let r = reminders(&env);
    assert_eq!(
        r[..2],
        [
            (
                format!("20261125-m1-{}", r[0].0.split("-m1-").nth(1).expect("id")),
                "20261126T080000".to_string()
            ),
            (
                format!("20261127-m1-{}", r[0].0.split("-m1-").nth(1).expect("id")),
                "20261128T080000".to_string()
            ),
        ]
    );
    // The same export again: the same UIDs.
    assert_eq!(reminders(&env), r);
}

#[test]
fn the_reminder_time_is_chosen_at_init_and_read_from_the_profile() {
    let env = Env::new();
    let mut args = INIT.to_vec();
    args.extend(["--reminder-time", "06:45"]);
    env.run(&args).ok();
    assert!(
        env.read("profile.toml")
            .contains("morning_reminder = \"06:45\"")
    );
    assert!(
        reminders(&env)
            .iter()
            .all(|(_, start)| start.ends_with("T064500"))
    );
    // Edited by hand.
    let profile = env.read("profile.toml").replace(
        "morning_reminder = \"06:45\"",
        "morning_reminder = \"21:30\"",
    );
    env.write("profile.toml", &profile);
    assert!(
        reminders(&env)
            .iter()
            .all(|(_, start)| start.ends_with("T213000"))
    );
    // A profile from before reminders has no such line: 08:00.
    let old: String = profile
        .lines()
        .filter(|l| !l.starts_with("morning_reminder"))
        .map(|l| format!("{l}\n"))
        .collect();
    env.write("profile.toml", &old);
    assert!(
        reminders(&env)
            .iter()
            .all(|(_, start)| start.ends_with("T080000"))
    );
}

#[test]
fn a_reminder_time_that_is_not_a_time_is_refused_where_it_is_read() {
    let env = Env::new();
    let mut args = INIT.to_vec();
    args.extend(["--reminder-time", "8 o'clock"]);
    env.run(&args)
        .code(2)
        .stderr_has("`8 o'clock` is not a time: write 07:00 or 19:30 (24-hour), or 7am, 7:30pm");
    assert!(!env.dir().join("profile.toml").exists());
    let env = Env::initialised();
    let profile = env.read("profile.toml").replace(
        "morning_reminder = \"08:00\"",
        "morning_reminder = \"25:00\"",
    );
    let line = profile
        .lines()
        .position(|l| l.starts_with("morning_reminder"))
        .expect("line")
        + 1;
    env.write("profile.toml", &profile);
    let before = files(&env.dir());
    env.run(&["plan", "--format", "ics"])
        .code(1)
        .stderr_has(&format!(
            "profile.toml:{line}:20: morning_reminder: `25:00` is not a time"
        ))
        .stderr_has("24-hour HH:MM");
    assert_eq!(files(&env.dir()), before);
}

#[test]
fn the_share_bundles_calendar_carries_the_reminders() {
    let env = Env::initialised();
    let out = env.path("share");
    env.run(&["share", "-o", out.to_str().expect("utf8")]).ok();
    let ics = std::fs::read_to_string(out.join("plan.ics")).expect("plan.ics");
    let events = read_back(&ics);
    let sessions = events.iter().filter(|e| e.0.contains("-s1-")).count();
    let reminders = events.iter().filter(|e| e.0.contains("-m1-")).count();
    assert!(sessions > 0);
    assert_eq!(sessions, reminders);
    assert!(ics.contains("SUMMARY:Rehab: log your morning back pain (0-10)"));
    assert!(ics.contains("TRANSP:TRANSPARENT"));
}

#[test]
fn a_calendar_state_from_before_reminders_reads_and_the_reminders_join_at_sequence_zero() {
    let env = Env::initialised();
    let first = reminders(&env);
    // Drop the reminders from the state, as a state file written before them would be.
    let state: serde_json::Value = serde_json::from_str(&env.read("calendar.json")).expect("json");
    let mut old = state.clone();
    let events = old["events"].as_object_mut().expect("events");
    events.retain(|uid, _| !uid.contains("-m1-"));
    assert!(events.values().all(|e| e.get("reminder").is_none()));
    env.write(
        "calendar.json",
        &serde_json::to_string_pretty(&old).expect("json"),
    );
    assert_eq!(reminders(&env), first);
    let again: serde_json::Value = serde_json::from_str(&env.read("calendar.json")).expect("json");
    assert_eq!(again, state, "the same state as a fresh export's");
}
