//! The revised clinical rules end to end, through the real binary: no plan at rest pain 7, a red
//! flag's triage that never drops, the revised screen, per-lift RPE, and the plan's end.

use serde_json::Value;

use crate::harness::{Env, INIT};

/// Logs a session with pain 1 during and 1 after on `date`, plus `extra` flags.
fn log_1_1(env: &Env, date: &str, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec!["log", "--pain-during", "1", "--pain-after", "1"];
    args.extend_from_slice(extra);
    env.run_at(date, &args)
}

fn json(out: &crate::harness::Output) -> Value {
    serde_json::from_str(&out.stdout).expect("json")
}

#[test]
fn synth_rest_pain_of_7_writes_the_profile_but_starts_no_plan_until_a_clearance() {
    let env = Env::new();
    let args: Vec<&str> = INIT
        .iter()
        .map(|a| if *a == "2" { "7" } else { a })
        .collect();
    env.run(&args)
        .code(3)
        .stdout_has("SEE A CLINICIAN FIRST")
        .stdout_has("no plan starts");
    assert!(
        env.dir().join("profile.toml").exists(),
        "the intake is kept"
    );
    let st = env.run(&["status", "--format", "json"]).code(3);
    let v = json(&st);
    assert_eq!(v["triage"], "soon");
    assert!(
        v["stop"]["cause"]
            .as_str()
            .is_some_and(|c| c.contains("rest pain 7/10")),
        "{v:#}"
    );
    let plan = json(&env.run(&["plan", "--format", "json"]).ok());
    assert_eq!(plan["stopped"], true);
    assert_eq!(plan["sessions"].as_array().map(Vec::len), Some(0));
    env.run(&[
        "resume",
        "--cleared-by",
        "Dr Lee, GP",
        "--no-red-flags",
        "--rest-pain",
        "3",
    ])
    .ok();
    let plan = json(&env.run(&["plan", "--format", "json"]).ok());
    assert!(
        plan["sessions"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x["status"] == "planned"))
    );
}

#[test]
fn synth_a_milder_flag_after_an_emergency_keeps_the_emergency_in_every_view() {
    let env = Env::initialised();
    log_1_1(&env, "2026-11-25", &["--symptom", "chest-pain"])
        .code(3)
        .stdout_has("EMERGENCY");
    // The fever's own advice, then the emergency that stands, for what and since when.
    env.run_at("2026-11-26", &["screen", "--red-flag", "fever"])
        .code(3)
        .stdout_has("URGENT")
        .stdout_has("strongest level. EMERGENCY")
        .stdout_has("This stands for chest pain, pressure or tightness")
        .stdout_has("recorded on Wed 25 Nov 2026");
    let v = json(
        &env.run_at("2026-11-27", &["status", "--format", "json"])
            .code(3),
    );
    assert_eq!(v["triage"], "emergency");
    assert_eq!(
        v["stop"]["flags"],
        serde_json::json!(["chest-pain", "fever"])
    );
    let history = json(
        &env.run_at("2026-11-27", &["history", "--format", "json"])
            .ok(),
    );
    let screen = history["sessions"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["kind"] == "screen")
        .expect("the screen row");
    assert_eq!(screen["triage"], "emergency", "{screen:#}");
    env.run_at("2026-11-27", &["status"])
        .code(3)
        .stdout_has("EMERGENCY")
        .stdout_has("Why: red flags: chest pain, pressure or tightness")
        .stdout_has("fever, chills or feeling generally unwell");
}

#[test]
fn ng59_cough_sneeze_is_refused_as_a_flag_with_what_to_log_instead() {
    let env = Env::initialised();
    env.run_at("2026-11-26", &["screen", "--red-flag", "cough-sneeze"])
        .code(2)
        .stderr_has("no longer a red flag")
        .stderr_has("one-limb-nerve");
    env.run_at("2026-11-26", &["screen", "--red-flag", "breathing-pain"])
        .code(3)
        .stdout_has("URGENT");
}

#[test]
fn ng59_an_old_log_with_cough_sneeze_reads_and_shows_it_as_a_recorded_symptom() {
    let env = Env::initialised();
    env.write(
        "log.csv",
        "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n\
         2026-11-25,session,done,1,1,1,,3,cough-sneeze,\n",
    );
    let v = json(
        &env.run_at("2026-11-26", &["status", "--format", "json"])
            .ok(),
    );
    assert_eq!(v["stopped"], false);
    let history = env.run_at("2026-11-26", &["history"]).ok();
    history
        .stdout_has("Recorded symptom")
        .stdout_has("cough-sneeze");
}

#[test]
fn rpe_per_lift_effort_is_logged_beside_the_sessions() {
    let env = Env::initialised();
    log_1_1(&env, "2026-11-25", &["--rpe", "4", "--rpe", "squat=7.5"]).ok();
    assert!(
        env.read("log.csv").contains(",4;squat=7.5,"),
        "{}",
        env.read("log.csv")
    );
    for (bad, why) in [
        ("squat=7.3", "half points"),
        ("bench=8", "no lift `bench`"),
        ("squat=11", "half points"),
    ] {
        log_1_1(&env, "2026-11-26", &["--rpe", bad])
            .code(2)
            .stderr_has(why);
    }
}

#[test]
fn rpe_recovered_the_example_plan_says_when_it_is_complete_and_what_that_means() {
    let out = crate::harness::graded(&["--example", "--today", "2026-11-24", "plan"]).ok();
    out.stdout_has("Complete on Mon 22 Feb 2027 if every session is green.")
        .stdout_has("Back to 100%")
        .stdout_has("235 lb")
        .stdout_has("true max attempt");
}

#[test]
fn h24_one_next_morning_score_follows_both_sessions_of_a_day() {
    let env = Env::initialised();
    for _ in 0..2 {
        env.run_at(
            "2026-11-25",
            &["log", "--pain-during", "1", "--pain-after", "1", "--force"],
        )
        .ok();
    }
    env.run_at("2026-11-26", &["log", "--next-morning", "1"])
        .ok();
    let history = json(
        &env.run_at("2026-11-26", &["history", "--format", "json"])
            .ok(),
    );
    let outcomes: Vec<&str> = history["sessions"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(
        outcomes,
        ["green", "green"],
        "neither waits for its morning"
    );
}

#[test]
fn synth_status_on_a_comeback_day_says_the_next_session_steps_back() {
    let env = Env::initialised();
    crate::scenario::script(&env, "2026-11-30", |_| (1, 1, 1));
    env.run_at("2026-12-12", &["status"])
        .ok()
        .stdout_has("12 days after the last")
        .stdout_has("gap [SYNTH]")
        .stdout_has("Next session: Sat 12 Dec 07:00 · stage 2 Mobility · step 1");
}

/// docs/EXIT-CODES.md: while stopped, `status` exits 3; the views and exports show the stop
/// and exit 0 (they did what was asked).
#[test]
fn while_stopped_status_exits_3_and_the_views_and_exports_exit_0() {
    let env = Env::initialised();
    env.log_fever("2026-11-25");
    env.run_at("2026-11-26", &["status"]).code(3);
    let share = env.path("share");
    for args in [
        &["plan"][..],
        &["week"],
        &["history"],
        &["report", "-o", "-"],
        &["export", "--format", "fhir"],
    ] {
        let out = env.run_at("2026-11-26", args).code(0);
        assert!(
            out.stdout.to_lowercase().contains("stop"),
            "{args:?} shows the stop:\n{}",
            out.stdout
        );
    }
    // `share` lists the files it wrote; its report shows the stop.
    env.run_at(
        "2026-11-26",
        &["share", "-o", share.to_str().expect("utf-8")],
    )
    .code(0);
    let report = std::fs::read_to_string(share.join("report.html")).expect("report");
    assert!(report.contains("STOPPED") || report.contains("stopped"));
}
