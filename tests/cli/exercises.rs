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
        .stderr_has(
            "no exercise `cat-cow` in the library (give its name as the plan shows it, or its \
             id); its ids: back-extension, back-squat,",
        );
}

/// A newcomer types what the plan shows, not an id: the library's name or the program's,
/// in any case, with or without the words in brackets.
#[rstest::rstest]
#[case::library_name("McGill big 3", "McGill big 3 (big-3)\n")]
#[case::any_case("mcgill BIG 3", "McGill big 3 (big-3)\n")]
#[case::the_plans_name_with_brackets("Cat-camel (slow cycles)", "Cat-camel (cat-camel)\n")]
#[case::the_plans_name_plural("open books", "Open book (open-book)\n")]
fn exercises_show_finds_an_exercise_by_the_name_people_see(
    #[case] said: &str,
    #[case] first: &str,
) {
    let out = graded(&["--example", "exercises", "show", said]).ok();
    assert!(out.stdout.starts_with(first), "{said}: {}", out.stdout);
}

#[test]
fn week_and_status_how_give_each_exercise_in_full() {
    for args in [&["week", "--how"][..], &["status", "--how"][..]] {
        let mut all = vec!["--example", "--today", "2026-11-24"];
        all.extend_from_slice(args);
        graded(&all)
            .ok()
            .stdout_has("Walk or easy cycle (walk-or-cycle): 15 min, RPE <= 4\nWhy: ")
            // As the plan and status name it, not as the library does (the knee hug).
            .stdout_has("Gentle stretching (easy-stretch): 5 min\nWhy: ")
            .stdout_has("\nHow:\n  1. Sit or stand tall")
            .stdout_has("Common mistakes:\n");
    }
}
