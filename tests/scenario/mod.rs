//! Issue 3's scripted six weeks: the example person logs every session (with an amber hold and
//! a red regression among them) and walks from walking and cycling into load tolerance;
//! `status --format json` and `history` explain every step.

use serde_json::Value;

use crate::harness::Env;

/// Logs the example's sessions from the start until `end`, each with its next-morning pain;
/// `score(date)` gives (pain during, pain after, next morning) for the session on that date.
pub fn script(env: &Env, end: &str, score: impl Fn(&str) -> (u8, u8, u8)) -> usize {
    let mut today = "2026-11-24".to_string();
    let mut i = 0;
    loop {
        let status: Value =
            serde_json::from_str(&env.run_at(&today, &["status", "--format", "json"]).stdout)
                .expect("status json");
        let Some(date) = status["next_session"]["date"].as_str().map(String::from) else {
            break;
        };
        if date.as_str() > end {
            break;
        }
        // The weekly red-flag screen, answered when status asks for it (a screen left more
        // than 21 days holds progression).
        if status["awaiting"].as_array().is_some_and(|a| {
            a.iter()
                .any(|w| w.as_str().is_some_and(|w| w.contains("screen")))
        }) {
            env.run_at(&date, &["screen", "--no-red-flags"]).ok();
        }
        let (during, after, morning) = score(&date);
        env.log_session(&date, during, after, Some(morning));
        let next = (chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").expect("date")
            + chrono::Duration::days(1))
        .to_string();
        today = next;
        i += 1;
    }
    i
}

#[test]
fn six_weeks_with_an_amber_hold_and_a_red_regression_reach_load_tolerance() {
    let env = Env::initialised();
    let n = script(&env, "2027-01-05", |date| match date {
        "2026-11-28" => (4, 4, 1), // amber in mobility: hold
        "2026-12-11" => (6, 5, 3), // red in strength: regress one step
        _ => (1, 2, 1),
    });
    assert!(n >= 18, "{n} sessions logged");
    let status: Value = serde_json::from_str(
        &env.run_at("2027-01-05", &["status", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(status["stage"]["index"], 4, "{status:#}");
    assert_eq!(status["stage"]["id"], "load-tolerance");
    assert!(status["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    assert!(
        status["next_session"]["exercises"]
            .as_array()
            .is_some_and(|e| e.iter().any(|x| x["load"]
                .as_f64()
                .is_some_and(|l| (115.0..=135.0).contains(&l)))),
        "the squat is back at 50-60% of 235 lb: {status:#}"
    );

    let history: Value = serde_json::from_str(
        &env.run_at("2027-01-05", &["history", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("json");
    let all = history["sessions"].as_array().expect("rows");
    // The sessions, beside the weekly screens answered on the way.
    let rows: Vec<&Value> = all.iter().filter(|r| r["kind"] == "session").collect();
    assert_eq!(rows.len(), n);
    assert!(
        all.iter().any(|r| r["kind"] == "screen"),
        "screens answered"
    );
    assert!(
        rows.iter()
            .all(|r| r["reasons"].as_array().is_some_and(|x| !x.is_empty())),
        "every step is explained"
    );
    let has = |outcome: &str, decision: &str| {
        rows.iter()
            .any(|r| r["outcome"] == outcome && r["decision"] == decision)
    };
    assert!(
        has("amber", "hold") && has("red", "regress") && has("green", "advance"),
        "{rows:#?}"
    );
    let stages: Vec<i64> = rows
        .iter()
        .filter_map(|r| r["stage"]["index"].as_i64())
        .collect();
    assert_eq!(
        (stages.first(), stages.iter().max()),
        (Some(&1), Some(&4)),
        "logged sessions span walking to load tolerance"
    );

    let table = env.run_at("2027-01-05", &["history"]).ok().stdout;
    assert!(
        table.contains("regress") && table.contains("[2FOR2]") && table.contains("[TRAFFIC]"),
        "{table}"
    );
}

#[test]
fn a_red_flag_stops_the_program_until_a_clinician_clears_it() {
    let env = Env::initialised();
    script(&env, "2026-12-01", |_| (1, 1, 1));
    let out = env.log_fever("2026-12-02").code(3);
    assert!(out.stdout.contains("URGENT"), "{}", out.stdout);
    let st = env
        .run_at("2026-12-03", &["status", "--format", "json"])
        .code(3);
    let v: Value = serde_json::from_str(&st.stdout).expect("json");
    assert_eq!(
        (
            v["decision"].as_str(),
            v["triage"].as_str(),
            v["next_session"].is_null()
        ),
        (Some("stop"), Some("urgent"), true)
    );
    let plan = env.run_at("2026-12-03", &["plan", "--format", "json"]).ok();
    let p: Value = serde_json::from_str(&plan.stdout).expect("json");
    assert_eq!(p["stopped"], true);
    assert!(
        p["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .all(|s| s["status"] != "planned")
    );
    env.run_at(
        "2026-12-04",
        &["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"],
    )
    .ok();
    let v: Value = serde_json::from_str(
        &env.run_at("2026-12-04", &["status", "--format", "json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(v["triage"], Value::Null);
    assert!(v["next_session"]["date"].is_string());
}

#[test]
fn an_s_flag_at_intake_pauses_progression_until_resume() {
    let env = Env::new();
    let mut args: Vec<&str> = crate::harness::INIT.to_vec();
    let i = args
        .iter()
        .position(|a| *a == "--no-red-flags")
        .expect("flag");
    args.splice(i..=i, ["--red-flag", "inflammatory"]);
    env.run(&args).ok();
    let plan: Value =
        serde_json::from_str(&env.run(&["plan", "--format", "json"]).ok().stdout).expect("json");
    let sessions = plan["sessions"].as_array().expect("sessions");
    assert!(
        !sessions.is_empty()
            && sessions
                .iter()
                .all(|s| s["stage"]["index"] == 1 && s["step"] == 1),
        "paused: the same dose for two weeks"
    );
    let st: Value =
        serde_json::from_str(&env.run(&["status", "--format", "json"]).ok().stdout).expect("json");
    assert_eq!(st["triage"], "soon");
    env.run(&["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"])
        .ok();
    let st: Value =
        serde_json::from_str(&env.run(&["status", "--format", "json"]).ok().stdout).expect("json");
    assert_eq!(st["triage"], Value::Null);
    let plan: Value =
        serde_json::from_str(&env.run(&["plan", "--format", "json"]).ok().stdout).expect("json");
    assert!(
        plan["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .any(|s| s["stage"]["index"] == 5),
        "cleared: the plan runs to the end again"
    );
}
