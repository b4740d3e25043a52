//! `graded status`, `history`, `resume`, `screen` and `completions` (issue 3, 4-7; issue 2, 9).

use serde_json::Value;

use super::{NOTICE_END, files, json};
use crate::harness::{Env, graded};

const DECISIONS: [&str; 5] = ["start", "advance", "hold", "regress", "stop"];
const OUTCOMES: [&str; 6] = ["green", "amber", "red", "stop", "pending", "none"];

fn status_json(env: &Env, code: i32) -> Value {
    json(&env.run(&["status", "--format", "json"]).code(code).stdout)
}

/// Asserts the object has issue 3's status fields, with their types.
#[track_caller]
fn assert_status_shape(s: &Value) {
    assert!(
        s["stage"]["index"]
            .as_u64()
            .is_some_and(|i| (1..=5).contains(&i)),
        "{s}"
    );
    assert!(s["stage"]["id"].is_string(), "{s}");
    assert!(s["stage"]["name"].is_string(), "{s}");
    assert!(s["step"].as_u64().is_some_and(|i| i >= 1), "{s}");
    assert!(
        DECISIONS.contains(&s["decision"].as_str().expect("decision")),
        "{s}"
    );
    assert!(
        OUTCOMES.contains(&s["outcome"].as_str().expect("outcome")),
        "{s}"
    );
    let reasons = s["reasons"].as_array().expect("reasons");
    assert!(reasons.iter().all(Value::is_string), "{s}");
    assert!(
        s["triage"].is_null()
            || ["emergency", "urgent", "soon"].contains(&s["triage"].as_str().expect("triage")),
        "{s}"
    );
    let next = s.get("next_session").expect("next_session");
    if !next.is_null() {
        assert!(next["date"].is_string(), "{s}");
        assert!(next["time"].is_string(), "{s}");
        assert!(next.get("stage").is_some(), "{s}");
        assert!(next["exercises"].is_array(), "{s}");
    }
}

/// A workspace with one session logged on Wed 25 Nov (today is Fri 27 Nov).
fn logged() -> Env {
    let env = Env::initialised().today("2026-11-27");
    env.run(&[
        "log",
        "--date",
        "2026-11-25",
        "--pain-during",
        "2",
        "--pain-after",
        "2",
        "--rpe",
        "4",
    ])
    .ok();
    env
}

/// A workspace stopped by a red-flag symptom logged on Fri 27 Nov.
fn stopped() -> Env {
    let env = logged();
    env.run(&[
        "log",
        "--date",
        "2026-11-27",
        "--pain-during",
        "3",
        "--pain-after",
        "3",
        "--symptom",
        "fever",
    ])
    .code(3)
    .stdout_has("URGENT");
    env
}

#[test]
fn status_json_of_a_new_profile_has_the_fields_issue_3_lists() {
    let env = Env::initialised();
    let s = status_json(&env, 0);
    assert_status_shape(&s);
    assert_eq!(s["stage"]["index"], 1);
    assert_eq!(s["stage"]["id"], "walk-cycle");
    assert_eq!(s["stage"]["name"], "Walking and cycling");
    assert_eq!(s["step"], 1);
    assert_eq!(s["decision"], "start");
    assert_eq!(s["outcome"], "none");
    assert_eq!(s["triage"], Value::Null);
    assert_eq!(s["next_session"]["date"], "2026-11-25");
    assert_eq!(s["next_session"]["time"], "07:00");
    assert_eq!(s["next_session"]["stage"]["index"], 1);
    assert!(
        !s["next_session"]["exercises"]
            .as_array()
            .expect("exercises")
            .is_empty()
    );
}

#[test]
fn status_after_a_session_awaits_its_next_morning_pain() {
    let env = logged();
    let s = status_json(&env, 0);
    assert_status_shape(&s);
    assert_eq!(s["outcome"], "pending");
    assert_eq!(s["decision"], "hold");
    assert!(
        s["reasons"][0]
            .as_str()
            .is_some_and(|r| r.contains("(rule: ")),
        "{s}"
    );
    let text = env.run(&["status"]).ok();
    let text = text.stdout_has("next-morning pain for Wed 25 Nov");
    assert!(text.stdout.ends_with(NOTICE_END));
}

#[test]
fn status_of_a_stopped_program_prints_the_triage_and_exits_3() {
    let env = stopped();
    let out = env
        .run(&["status"])
        .code(3)
        .stdout_has("STOPPED")
        .stdout_has("URGENT")
        .stdout_has("fever")
        .stdout_has("graded resume --cleared-by");
    assert!(out.stdout.ends_with(NOTICE_END));
    let s = status_json(&env, 3);
    assert_status_shape(&s);
    assert_eq!(s["decision"], "stop");
    assert_eq!(s["outcome"], "stop");
    assert_eq!(s["triage"], "urgent");
    assert_eq!(s["next_session"], Value::Null);
}

#[test]
fn resume_cleared_by_a_clinician_clears_the_stop() {
    let env = stopped();
    env.run(&["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"])
        .ok()
        .stdout_has("Dr Lee, GP");
    let s = status_json(&env, 0);
    assert_status_shape(&s);
    assert_ne!(s["decision"], "stop");
    assert_eq!(s["triage"], Value::Null);
    assert!(s["next_session"]["date"].is_string(), "{s}");
    let log = env.read("log.csv");
    assert!(log.contains(",resume,"), "{log}");
    assert!(log.contains("\"Dr Lee, GP\""), "{log}");
}

#[test]
fn resume_when_not_stopped_is_refused() {
    let env = logged();
    let before = files(&env.dir());
    env.run(&["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"])
        .code(2)
        .stderr_has("not stopped");
    assert_eq!(files(&env.dir()), before);
}

#[test]
fn screen_with_a_red_flag_stops_the_program() {
    let env = logged();
    env.run(&["screen", "--red-flag", "fever"])
        .code(3)
        .stdout_has("URGENT");
    let s = status_json(&env, 3);
    assert_eq!(s["decision"], "stop");
    assert_eq!(s["triage"], "urgent");
    assert_eq!(s["next_session"], Value::Null);
    // A clean screen afterwards does not clear it, and never reads as an all-clear (it said
    // "no red flags. Next screen in a week." and exit 0); a clinician's clearance does.
    env.run(&["screen", "--no-red-flags"])
        .code(3)
        .stdout_has("The program stays stopped: this is no all-clear.");
    status_json(&env, 3);
    env.run(&["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"])
        .ok();
    status_json(&env, 0);
}

#[test]
fn screen_with_an_emergency_flag_says_emergency() {
    let env = logged();
    env.run(&["screen", "--red-flag", "chest-pain"])
        .code(3)
        .stdout_has("EMERGENCY");
    assert_eq!(status_json(&env, 3)["triage"], "emergency");
}

#[test]
fn screen_without_answers_off_a_terminal_lists_the_flags() {
    let env = logged();
    let before = files(&env.dir());
    env.run(&["screen"])
        .code(2)
        .stderr_has("--no-red-flags")
        .stderr_has("saddle-numbness");
    assert_eq!(files(&env.dir()), before);
}

#[test]
fn history_csv_parses_with_one_row_per_entry() {
    let env = stopped();
    env.run(&["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"])
        .ok();
    let out = env.run(&["history", "--format", "csv"]).ok();
    let mut rdr = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    for col in [
        "date",
        "kind",
        "stage",
        "step",
        "status",
        "pain_during_0_10",
        "pain_after_0_10",
        "next_morning_pain_0_10",
        "usual_morning_pain_0_10",
        "rpe_0_10",
        "injury_date",
        "intake_rest_pain_0_10",
        "pre_injury_lifts",
        "outcome",
        "decision",
        "triage",
        "reasons",
        "note",
    ] {
        assert!(header.iter().any(|h| h == col), "no {col} in {header:?}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3, "{}", out.stdout);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    assert_eq!(&rows[0][col("outcome")], "pending");
    assert_eq!(&rows[1][col("decision")], "stop");
    assert_eq!(&rows[1][col("triage")], "urgent");
    assert_eq!(&rows[2][col("kind")], "resume");
    assert_eq!(&rows[2][col("note")], "Dr Lee, GP");
    assert!(!header.iter().any(|h| h == "notice"), "{header:?}");
    for r in &rows {
        assert_eq!(&r[col("injury_date")], "2026-11-18");
        assert_eq!(&r[col("intake_rest_pain_0_10")], "2");
    }
}

#[test]
fn history_json_parses_with_every_session_explained() {
    let env = stopped();
    let h = json(&env.run(&["history", "--format", "json"]).ok().stdout);
    let sessions = h["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 2, "{h}");
    for s in sessions {
        assert!(
            OUTCOMES.contains(&s["outcome"].as_str().expect("outcome")),
            "{s}"
        );
        assert!(
            DECISIONS.contains(&s["decision"].as_str().expect("decision")),
            "{s}"
        );
        assert!(!s["reasons"].as_array().expect("reasons").is_empty(), "{s}");
    }
    assert_eq!(sessions[1]["symptoms"][0], "fever");
    assert_eq!(sessions[1]["triage"], "urgent");
}

#[test]
fn history_table_lists_the_sessions_and_ends_with_the_notice() {
    let env = logged();
    let out = env
        .run(&["history"])
        .ok()
        .stdout_has("Wed 25 Nov")
        .stdout_has("pending");
    assert!(out.stdout.ends_with(NOTICE_END), "{}", out.stdout);
}

#[test]
fn completions_for_bash_are_printed() {
    let out = graded(&["completions", "bash"]).ok();
    assert!(out.stdout.len() > 100, "{}", out.stdout);
    assert!(out.stdout.contains("graded"));
    assert!(out.stdout.contains("--example"));
}

/// `resume` either clears the stop or refuses; it never says "Resumed" and leaves the program
/// stopped (here: a clearance dated before the stop it should clear).
#[test]
fn resume_dated_before_the_stop_either_clears_it_or_is_refused() {
    let env = stopped();
    let before = files(&env.dir());
    let out = env.run(&[
        "resume",
        "--cleared-by",
        "Dr Lee, GP",
        "--no-red-flags",
        "--date",
        "2026-11-26",
    ]);
    if out.code == 0 {
        let status = env.run(&["status", "--format", "json"]);
        assert_eq!(
            json(&status.stdout)["stopped"],
            false,
            "resume said {:?} but the program is still stopped",
            out.stdout
        );
        status.ok();
    } else {
        assert_eq!(
            files(&env.dir()),
            before,
            "refused but the workspace changed"
        );
        status_json(&env, 3);
    }
}

/// Issue 3, 6: the plan starts from the current state and today. A screen dated in the future
/// is either refused (as `log` and `resume` refuse future dates) or leaves the next session
/// where it was; it never pushes the plan weeks ahead.
#[test]
fn a_screen_dated_in_the_future_does_not_move_the_next_session() {
    let env = logged();
    let next = status_json(&env, 0)["next_session"]["date"].clone();
    let before = files(&env.dir());
    let out = env.run(&["screen", "--no-red-flags", "--date", "2027-01-20"]);
    if out.code == 0 {
        assert_eq!(
            status_json(&env, 0)["next_session"]["date"],
            next,
            "a future screen moved the next session"
        );
    } else {
        assert_eq!(
            files(&env.dir()),
            before,
            "refused but the workspace changed"
        );
    }
}

/// Issue 11: status said "above the baseline 1.7" and two lines later "Baseline (morning pain):
/// 2.0/10". The baseline is named for what it is, rounded by one function in the text and the
/// JSON, and a session judged against an earlier figure says so.
#[test]
fn the_baseline_is_one_named_figure_and_an_earlier_one_is_explained() {
    let env = Env::initialised();
    env.log_session("2026-11-24", 2, 2, Some(1));
    env.log_session("2026-11-25", 2, 2, Some(2));
    env.log_session("2026-11-27", 2, 2, Some(2));
    env.log_session("2026-11-28", 2, 2, Some(3));
    let out = env.run_at("2026-11-29", &["status"]).ok();
    for said in [
        "Amber: next-morning pain 3/10 is 1 above your usual morning pain, 1.7/10,\n    taken as 2/10: not quite settled, hold.",
        "Your usual morning pain (the baseline): 2.3/10, the mean of your last 3 next\nmornings, 2, 2 and 3.",
        "The session of Sat 28 Nov was judged against 1.7/10, the\nfigure before its own next morning.",
    ] {
        assert!(out.stdout.contains(said), "{said}\n---\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("Baseline"), "{}", out.stdout);
    let v = json(
        &env.run_at("2026-11-29", &["status", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(v["baseline"], 2.3);
}
