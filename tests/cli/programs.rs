//! `graded programs list|show|validate` (issue 2, 2): programs are data, checked on load.

use std::path::PathBuf;

use super::NOTICE_END;
use crate::harness::{Output, graded, root};

/// A minimal valid program: five stages, one load stage scaling from the squat.
const TINY: &str = r#"id = "tiny"
name = "Tiny program"
description = "A minimal valid program for tests."
source = ["SYNTH"]

[gates]
green_max = 3
amber_max = 5

[[stages]]
id = "walk"
name = "Walking"
kind = "aerobic"
sessions_per_week = 3
min_days = 3

  [[stages.exercises]]
  id = "walk"
  name = "Walk"
  doses = [ { minutes = 10 }, { minutes = 20 } ]

[[stages]]
id = "mobility"
name = "Mobility"
kind = "mobility"
sessions_per_week = 3

  [[stages.exercises]]
  id = "cat-camel"
  name = "Cat-camel"
  doses = [ { sets = 1, reps = "5" } ]

[[stages]]
id = "strength"
name = "Strength"
kind = "strength"
hard = true
sessions_per_week = 2

  [[stages.exercises]]
  id = "bird-dog"
  name = "Bird dog"
  doses = [ { reps = "6-4-2", hold_s = 10 } ]

[[stages]]
id = "load"
name = "Load tolerance"
kind = "load"
hard = true
sessions_per_week = 2
max_pct_1rm = 90

  [[stages.exercises]]
  id = "back-squat"
  name = "Back squat"
  lift = "squat"
  doses = [ { sets = 3, reps = "5", pct_1rm = 50, rpe_cap = 6 }, { sets = 3, reps = "5", pct_1rm = 55, rpe_cap = 6 } ]

[[stages]]
id = "return"
name = "Return to lifting"
kind = "return"
hard = true
sessions_per_week = 2

  [[stages.exercises]]
  id = "back-squat"
  name = "Back squat"
  lift = "squat"
  doses = [ { sets = 3, reps = "3", pct_1rm = 60, rpe_cap = 7 } ]
"#;

/// `TINY` with `from` (which must occur exactly once) replaced by `to`.
fn tiny_with(from: &str, to: &str) -> String {
    assert_eq!(TINY.matches(from).count(), 1, "fixture needle {from:?}");
    TINY.replacen(from, to, 1)
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    text[..at].matches('\n').count() + 1
}

/// Writes a fixture to a temporary directory and validates it.
fn validate(name: &str, text: &str) -> (tempfile::TempDir, PathBuf, Output) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join(name);
    std::fs::write(&path, text).expect("write fixture");
    let out = graded(&["programs", "validate", path.to_str().expect("utf-8 path")]);
    (tmp, path, out)
}

/// Asserts a validation failure: exit 1, `file:line:column`, the field, and a hint.
#[track_caller]
fn assert_rejected(name: &str, text: &str, line: usize, field: &str, problem: &str) {
    let (_tmp, path, out) = validate(name, text);
    let out = out.code(1);
    let at = format!("{}:{line}:", path.display());
    let rest = out
        .stderr
        .split_once(&at)
        .unwrap_or_else(|| panic!("stderr lacks {at}<column>\n{}", out.stderr))
        .1;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(
        !column.is_empty() && column != "0" && rest[column.len()..].starts_with(':'),
        "no column after {at}\n{}",
        out.stderr
    );
    out.stderr_has(field)
        .stderr_has(problem)
        .stderr_has("hint: ");
}

#[test]
fn programs_list_names_the_three_built_ins() {
    let out = graded(&["programs", "list"])
        .ok()
        .stdout_has("mid-back-strain")
        .stdout_has("low-back-strain")
        .stdout_has("return-after-layoff")
        .stdout_has("Mid-back strain");
    assert!(out.stdout.ends_with(NOTICE_END));
}

#[test]
fn programs_show_lists_stages_steps_and_doses() {
    let out = graded(&["programs", "show", "mid-back-strain"])
        .ok()
        .stdout_has("Stage 1: Walking and cycling")
        .stdout_has("Stage 2: Mobility")
        .stdout_has("Stage 3: Strength")
        .stdout_has("Stage 4: Load tolerance")
        .stdout_has("Stage 5: Return to lifting")
        .stdout_has("Back squat")
        .stdout_has("50%")
        .stdout_has("86%")
        .stdout_has("Gates: green 0-3, amber 4-5");
    assert!(out.stdout.ends_with(NOTICE_END));
}

#[test]
fn programs_show_of_an_unknown_id_names_the_built_ins() {
    graded(&["programs", "show", "nope"])
        .code(1)
        .stderr_has("unknown program `nope`")
        .stderr_has("mid-back-strain");
}

#[test]
fn programs_validate_accepts_every_built_in_program_file() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("programs"))
        .expect("programs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        // The exercise library is no program (tests/export/library.rs checks it).
        .filter(|p| !p.ends_with("exercises.toml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for file in files {
        let id = file.file_stem().expect("stem").to_str().expect("utf-8");
        graded(&["programs", "validate", file.to_str().expect("utf-8 path")])
            .ok()
            .stdout_has(&format!("ok: program `{id}` with 5 stages"));
    }
}

#[test]
fn programs_validate_accepts_a_minimal_program_and_plans_with_it() {
    let (_tmp, path, out) = validate("tiny.toml", TINY);
    out.ok().stdout_has("ok: program `tiny`");
    graded(&[
        "--example",
        "--today",
        "2026-11-24",
        "--program",
        path.to_str().expect("utf-8 path"),
        "plan",
    ])
    .ok()
    .stdout_has("Tiny program")
    .stdout_has("Return to lifting");
}

#[test]
fn validate_rejects_an_unknown_key() {
    let text = tiny_with("min_days = 3\n", "min_days = 3\nrest_days = 2\n");
    let line = line_of(&text, "rest_days");
    assert_rejected("unknown.toml", &text, line, "rest_days", "unknown field");
}

#[test]
fn validate_rejects_a_stage_with_no_exercises() {
    let text = tiny_with(
        "  [[stages.exercises]]\n  id = \"cat-camel\"\n  name = \"Cat-camel\"\n  doses = [ { sets = 1, reps = \"5\" } ]\n",
        "exercises = []\n",
    );
    let line = line_of(&text, "exercises = []");
    assert_rejected(
        "empty-stage.toml",
        &text,
        line,
        "stages[1].exercises",
        "no exercises",
    );
}

#[test]
fn validate_rejects_an_empty_doses_list() {
    let text = tiny_with("doses = [ { sets = 1, reps = \"5\" } ]", "doses = []");
    let line = line_of(&text, "doses = []");
    assert_rejected(
        "empty-doses.toml",
        &text,
        line,
        "stages[1].exercises[0].doses",
        "empty",
    );
}

#[test]
fn validate_rejects_a_pct_1rm_of_120() {
    let text = tiny_with("pct_1rm = 60", "pct_1rm = 120");
    let line = line_of(&text, "pct_1rm = 120");
    assert_rejected("pct.toml", &text, line, "pct_1rm", "120");
}

#[test]
fn rpe_validate_rejects_a_working_set_heavier_than_its_rpe_cap_allows() {
    // A triple at 90% of a true max is RPE 9 or more: a cap of 7 allows about 83.7% [RPE].
    let text = tiny_with("pct_1rm = 60, rpe_cap = 7", "pct_1rm = 90, rpe_cap = 7");
    let line = line_of(&text, "pct_1rm = 90, rpe_cap");
    assert_rejected("rpe.toml", &text, line, "pct_1rm", "harder than RPE 7");
    let (_tmp, _, out) = validate("rpe.toml", &text);
    out.code(1).stderr_has("83.7").stderr_has("RPE table");
}

#[test]
fn rpe_validate_rejects_a_loaded_dose_without_an_rpe_cap() {
    let text = tiny_with("pct_1rm = 60, rpe_cap = 7", "pct_1rm = 60");
    let line = line_of(&text, "pct_1rm = 60");
    assert_rejected("nocap.toml", &text, line, "rpe_cap", "no rpe_cap");
}

#[test]
fn validate_rejects_green_max_above_amber_max() {
    let text = tiny_with("green_max = 3", "green_max = 6");
    let line = line_of(&text, "green_max = 6");
    assert_rejected("green.toml", &text, line, "green_max", "above amber_max 5");
}

#[test]
fn validate_rejects_a_pain_threshold_of_11() {
    let text = tiny_with("amber_max = 5", "amber_max = 11");
    let line = line_of(&text, "amber_max = 11");
    assert_rejected("threshold.toml", &text, line, "amber_max", "11");
}

#[test]
fn validate_rejects_a_load_stage_with_no_lift() {
    let text = tiny_with(
        "  lift = \"squat\"\n  doses = [ { sets = 3, reps = \"5\", pct_1rm = 50, rpe_cap = 6 }, { sets = 3, reps = \"5\", pct_1rm = 55, rpe_cap = 6 } ]",
        "  doses = [ { sets = 3, reps = \"5\" }, { sets = 3, reps = \"5\" } ]",
    );
    // The error points into the load stage (its exercises), not elsewhere.
    let (_tmp, path, out) = validate("nolift.toml", &text);
    let out = out
        .code(1)
        .stderr_has("stages[3]")
        .stderr_has("no lift")
        .stderr_has("hint: ");
    let load_from = line_of(&text, "kind = \"load\"");
    let load_to = line_of(&text, "id = \"return\"");
    let prefix = format!("{}:", path.display());
    let line: usize = out
        .stderr
        .split_once(&prefix)
        .and_then(|(_, r)| r.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {prefix}LINE in\n{}", out.stderr));
    assert!(
        (load_from..load_to).contains(&line),
        "line {line}\n{}",
        out.stderr
    );
}

#[test]
fn validate_rejects_malformed_toml_with_its_place() {
    let text = tiny_with("name = \"Walking\"", "name = \"Walking");
    let line = line_of(&text, "name = \"Walking");
    let (_tmp, path, out) = validate("malformed.toml", &text);
    out.code(1)
        .stderr_has(&format!("{}:{line}:", path.display()));
}

#[test]
fn validate_of_a_missing_file_names_it() {
    graded(&["programs", "validate", "/nonexistent/graded-test.toml"])
        .code(1)
        .stderr_has("/nonexistent/graded-test.toml");
}

#[test]
fn validate_checks_every_file_and_fails_if_any_is_bad() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good.toml");
    let bad = tmp.path().join("bad.toml");
    let missing = tmp.path().join("missing.toml");
    std::fs::write(&good, TINY).expect("write");
    std::fs::write(&bad, tiny_with("green_max = 3", "green_max = 6")).expect("write");
    let out = graded(&[
        "programs",
        "validate",
        bad.to_str().expect("utf-8"),
        missing.to_str().expect("utf-8"),
        good.to_str().expect("utf-8"),
    ])
    .code(1)
    .stderr_has("green_max")
    .stderr_has("missing.toml: no such file or directory");
    assert!(
        out.stdout.contains("good.toml: ok"),
        "the good file after the bad ones is still checked: {}",
        out.stdout
    );
}
