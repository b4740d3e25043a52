//! Issue 20, clearances (v3): every clearance repeats the red-flag screen; after a stop for
//! rest pain of 7/10 or more it takes the rest pain now, which becomes the baseline, and the
//! first stage's minimum days count from the clearance, not from intake [SYNTH].

use serde_json::Value;

use super::prompts::{answer, expect, finish, spawn};
use crate::harness::{Env, INIT};

/// A workspace whose intake gave rest pain 7/10 (stopped before the plan starts).
fn stopped_at_rest_pain_7() -> Env {
    let env = Env::new();
    let args: Vec<&str> = INIT
        .iter()
        .map(|a| if *a == "2" { "7" } else { a })
        .collect();
    env.run(&args).code(3);
    env
}

fn json(out: &crate::harness::Output) -> Value {
    serde_json::from_str(&out.stdout).expect("json")
}

const CLEARED: [&str; 4] = ["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"];

#[test]
fn after_a_rest_pain_stop_the_clearance_needs_the_rest_pain_now() {
    let env = stopped_at_rest_pain_7();
    let out = env.run_at("2026-12-01", &CLEARED).code(2);
    assert!(
        out.stderr.contains("the program stopped for rest pain of 7/10 or more: give your rest pain now with --rest-pain N (0-10); it becomes the baseline"),
        "{}",
        out.stderr
    );
    assert_eq!(env.read("log.csv"), "");
}

#[test]
fn the_rest_pain_at_the_clearance_is_the_baseline_and_stage_1_counts_from_the_clearance() {
    let env = stopped_at_rest_pain_7();
    let mut args = CLEARED.to_vec();
    args.extend(["--rest-pain", "2"]);
    let out = env.run_at("2026-12-01", &args).ok();
    assert_eq!(
        out.stdout,
        "Cleared by Dr Lee, GP: the program begins today; the first stage's minimum\n\
         days count from the clearance. Rest pain 2/10 at the clearance is the new\n\
         baseline (your usual morning pain until 3 mornings are logged). Red-flag\n\
         screen with it: no red flags.\n\
         General guidance, not a diagnosis: see a clinician if symptoms persist,\n\
         worsen, or nerve symptoms appear.\n",
    );
    // The clearance is recorded with its rest pain and its screen.
    assert!(
        env.read("log.csv")
            .ends_with("2026-12-01,resume,done,,,2,,,,\"Dr Lee, GP\"\n"),
        "{}",
        env.read("log.csv")
    );
    let st = json(
        &env.run_at("2026-12-01", &["status", "--format", "json"])
            .ok(),
    );
    assert_eq!(st["baseline"], 2.0, "{st:#}");
    let text = env.run_at("2026-12-01", &["status"]).ok().stdout;
    assert!(
        text.contains(
            "your rest pain at the clearance\nof Tue 01 Dec, until 3 next mornings are logged."
        ),
        "{text}"
    );
    // Green walks from the clearance on: the first stage (3 days' minimum) ends no sooner than
    // 3 days after the clearance, not 3 days after the intake a week before.
    for (day, next) in [("2026-12-02", "2026-12-03"), ("2026-12-03", "2026-12-04")] {
        env.run_at(
            day,
            &[
                "log",
                "--pain-during",
                "1",
                "--pain-after",
                "1",
                "--rpe",
                "3",
            ],
        )
        .ok();
        env.run_at(next, &["log", "--next-morning", "1"]).ok();
    }
    let history = json(
        &env.run_at("2026-12-04", &["history", "--format", "json"])
            .ok(),
    );
    let decisions: Vec<&str> = history["sessions"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["decision"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(decisions, ["start", "hold", "hold"], "{history:#}");
    assert_eq!(
        history["sessions"][2]["reasons"][1],
        "The last step is green, but Walking and cycling lasts at least 3 days (1 to go): hold. (rule: minimum days [SYNTH])"
    );
}

#[test]
fn a_clearance_whose_rest_pain_is_still_7_does_not_resume() {
    let env = stopped_at_rest_pain_7();
    let mut args = CLEARED.to_vec();
    args.extend(["--rest-pain", "7"]);
    let out = env.run_at("2026-12-01", &args).code(3);
    assert!(
        out.stdout.starts_with(
            "Not resumed on 2026-12-01. Clearance by Dr Lee, GP recorded, but rest pain is\nstill 7/10 (7 or more): the program does not resume."
        ),
        "{}",
        out.stdout
    );
    env.run_at("2026-12-01", &["status"]).code(3);
}

#[test]
fn every_clearance_repeats_the_screen_and_a_new_red_flag_does_not_resume() {
    let env = Env::initialised();
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--symptom",
            "fever",
        ],
    )
    .code(3);
    // Without a terminal, the screen must be answered.
    let out = env
        .run_at("2026-11-27", &["resume", "--cleared-by", "Dr Lee, GP"])
        .code(2);
    assert!(
        out.stderr
            .contains("every clearance repeats the red-flag screen: --no-red-flags, or --red-flag ID for each yes:"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("cancer-history"), "{}", out.stderr);
    env.run_at(
        "2026-11-27",
        &[
            "resume",
            "--cleared-by",
            "Dr Lee, GP",
            "--red-flag",
            "one-limb-nerve",
        ],
    )
    .code(3)
    .stdout_has("URGENT");
    assert!(
        env.read("log.csv")
            .ends_with("2026-11-27,resume,done,,,,,,one-limb-nerve,\"Dr Lee, GP\"\n")
    );
    let st = json(
        &env.run_at("2026-11-27", &["status", "--format", "json"])
            .code(3),
    );
    assert_eq!(st["triage"], "urgent");
    // A clearance with a clean screen resumes.
    env.run_at("2026-11-28", &CLEARED).ok();
    env.run_at("2026-11-28", &["status"]).ok();
}

/// On a terminal the clearance asks the rest pain (after a rest-pain stop), then the weekly
/// screen's questions, as `graded screen` asks them.
#[test]
fn a_terminal_clearance_asks_the_rest_pain_and_the_screen() {
    let env = stopped_at_rest_pain_7().today("2026-12-01");
    let mut p = spawn(&env, 100, &["resume", "--cleared-by", "Dr Lee, GP"]);
    expect(&mut p, "Your pain at rest now, 0-10:");
    answer(&mut p, "3");
    let screen = expect(
        &mut p,
        "Red-flag screen: answer each question about NEW symptoms (y/n).",
    );
    assert!(!screen.contains("cancer"), "{screen}");
    let mut asked = 0;
    loop {
        match p.exp_regex(r"\[y/N\]:|Cleared by") {
            Ok((_, m)) if m.contains("y/N") => {
                asked += 1;
                answer(&mut p, "n");
            }
            Ok(_) => break,
            Err(e) => panic!("{e}"),
        }
    }
    let (rest, code) = finish(p);
    assert_eq!(code, 0, "{rest}");
    // 13 days after the injury: no 4-week review yet.
    assert_eq!(asked, graded::model::red_flag::weekly(13).count());
    assert!(
        env.read("log.csv")
            .ends_with("2026-12-01,resume,done,,,3,,,,\"Dr Lee, GP\"\n")
    );
}
