//! Issue 19: where the person stands is decided once, in the Course, and every view says the
//! same. A pause (an S flag at intake) under a later stop: the stop is what stands, in status,
//! the report and FHIR alike (the report and FHIR still said "paused"; status did not).

use crate::harness::{Env, INIT};

fn paused_then_stopped() -> Env {
    let env = Env::new();
    let mut init: Vec<&str> = INIT
        .iter()
        .copied()
        .filter(|a| *a != "--no-red-flags")
        .collect();
    init.extend(["--red-flag", "inflammatory"]);
    env.run(&init).ok();
    // Paused, not stopped: every view says the pause.
    let report = env.run_at("2026-11-24", &["report", "-o", "-"]).stdout;
    assert!(report.contains("Progression paused until a clinician"));
    let status = env
        .run_at("2026-11-24", &["status", "--format", "json"])
        .ok();
    assert_eq!(crate::cli::json(&status.stdout)["triage"], "soon");
    env.run_at(
        "2026-11-25",
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--rpe",
            "4",
            "--symptom",
            "fever",
        ],
    )
    .code(3);
    env
}

#[test]
fn a_stop_over_a_pause_reads_the_same_in_every_view() {
    let env = paused_then_stopped();
    let status = env
        .run_at("2026-11-25", &["status", "--format", "json"])
        .code(3);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).expect("JSON");
    assert_eq!(json["triage"], "urgent", "{json:#}");
    let report = env.run_at("2026-11-25", &["report", "-o", "-"]).stdout;
    assert!(
        report.contains("Program stopped on"),
        "the stop is in the report"
    );
    assert!(
        !report.contains("Progression paused until a clinician"),
        "the report re-decided a pause under the stop"
    );
    let fhir = env
        .run_at("2026-11-25", &["export", "--format", "fhir"])
        .ok()
        .stdout;
    assert!(
        !fhir.contains("Progression paused"),
        "FHIR re-decided a pause"
    );
    // Cleared: the stop and the pause are lifted together, in every view.
    env.run_at(
        "2026-11-26",
        &["resume", "--cleared-by", "Dr Lee, GP", "--no-red-flags"],
    )
    .ok();
    let report = env.run_at("2026-11-26", &["report", "-o", "-"]).stdout;
    assert!(!report.contains("Progression paused until a clinician"));
}
