//! `graded exercises`: the program's exercises by stage, the whole library, one entry in full
//! with its dose in the plan.

use crate::harness::graded;

#[test]
fn exercises_lists_the_programs_exercises_stage_by_stage() {
    let out = graded(&["--example", "--today", "2026-11-24", "exercises"]).ok();
    assert!(out.stdout.starts_with(
        "The exercises of Mid-back strain: back to lifting (mid-back-strain), stage by stage\n\nStage 1: Walking and cycling\n  walk-or-cycle "
    ), "{}", out.stdout);
    for stage in [
        "Stage 2: Mobility",
        "Stage 3: Strength",
        "Stage 5: Return to lifting",
    ] {
        assert!(out.stdout.contains(stage), "{stage}");
    }
    assert!(
        out.stdout
            .contains("How to do one: `graded exercises show ID`.")
    );
}

#[test]
fn exercises_all_lists_the_library() {
    graded(&["--example", "exercises", "--all"])
        .ok()
        .stdout_has("The exercise library (28 exercises)")
        .stdout_has("  bench ")
        .stdout_has("  wall-hinge ");
}

#[test]
fn exercises_show_gives_the_dose_in_the_plan_and_the_pain_rule() {
    let out = graded(&[
        "--example",
        "--today",
        "2026-11-24",
        "exercises",
        "show",
        "curl-up",
    ])
    .ok();
    assert!(
        out.stdout
            .starts_with("McGill curl-up (curl-up)\n\nIn your plan: next on "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\nHow:\n  1. Brace your stomach lightly")
    );
    assert!(out.stdout.contains("graded log --symptom saddle-numbness"));
    for line in out.stdout.lines() {
        assert!(
            line.chars().count() <= 80,
            "wrapped to 80 columns: {line:?}"
        );
    }
}

#[test]
fn exercises_show_without_a_workspace_shows_the_entry_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_str().expect("utf-8");
    let out = graded(&["--dir", dir, "exercises", "show", "bird-dog"]).ok();
    assert!(
        out.stdout.starts_with("Bird dog (bird-dog)\n\nWhy: "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("the session's limit (`graded week` shows it)")
    );
}

#[test]
fn exercises_show_of_an_unknown_id_is_a_usage_error_naming_the_ids() {
    graded(&["--example", "exercises", "show", "cat-cow"])
        .code(2)
        .stderr_has("no exercise `cat-cow` in the library; its ids: back-extension, back-squat,");
}

#[test]
fn week_and_status_how_give_each_exercise_in_full() {
    for args in [&["week", "--how"][..], &["status", "--how"][..]] {
        let mut all = vec!["--example", "--today", "2026-11-24"];
        all.extend_from_slice(args);
        graded(&all)
            .ok()
            .stdout_has("Walk or easy cycle (walk-or-cycle): 15 min, RPE <= 4\nWhy: ")
            .stdout_has("\nHow:\n  1. Sit or stand tall")
            .stdout_has("Common mistakes:\n");
    }
}
