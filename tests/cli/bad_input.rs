//! Bad input (issues 2 and 3): each gets a clear message naming the file, line and field where
//! there is one, exit 1 for bad data or 2 for a bad flag, and nothing written.

use super::{files, init_with, strs};
use crate::harness::{Env, Output};

/// A hand-written profile equivalent to the issue's `init`; line numbers matter below.
const PROFILE: &str = r#"program = "mid-back-strain"
start = 2026-11-24
injury_date = 2026-11-18
rest_pain = 2
red_flags = []
units = "lb"
days = ["mon", "wed", "fri", "sat"]
time = "07:00"
timezone = "America/New_York"

[[lifts]]
name = "squat"
weight = 235
"#;

const HEADER: &str =
    "date,kind,status,pain_during,pain_after,next_morning,stiffness_min,rpe,symptoms,note\n";
const GOOD_ROW: &str = "2026-11-25,session,done,2,2,1,,4,,\n";

/// Runs `args` in `env` and asserts the exit code and that the workspace is byte for byte as
/// it was before.
#[track_caller]
fn refused(env: &Env, args: &[&str], code: i32) -> Output {
    let before = files(&env.dir());
    let out = env.run(args).code(code);
    assert!(!out.stderr.trim().is_empty(), "no message");
    assert_eq!(files(&env.dir()), before, "the workspace changed");
    out
}

/// Runs `init` with some flags replaced and asserts it is refused with nothing written.
#[track_caller]
fn init_refused(overrides: &[(&str, &str)], code: i32) -> Output {
    let env = Env::new();
    let out = refused(&env, &strs(&init_with(overrides)), code);
    assert!(!env.dir().exists(), "init created the workspace");
    out
}

/// A workspace holding a hand-written profile (and optionally a log).
fn workspace(profile: &str, log: Option<&str>) -> Env {
    let env = Env::new();
    env.write("profile.toml", profile);
    if let Some(log) = log {
        env.write("log.csv", log);
    }
    env
}

/// `PROFILE` with `from` (exactly once) replaced by `to`.
fn profile_with(from: &str, to: &str) -> String {
    assert_eq!(PROFILE.matches(from).count(), 1, "fixture needle {from:?}");
    PROFILE.replacen(from, to, 1)
}

#[test]
fn hand_written_profile_fixture_is_valid() {
    let env = workspace(PROFILE, Some(&format!("{HEADER}{GOOD_ROW}")));
    env.run(&["plan"]).ok();
    env.run(&["status"]).ok();
}

#[test]
fn unknown_program_on_init_is_refused_and_writes_nothing() {
    init_refused(&[("--program", "nope")], 1)
        .stderr_has("unknown program `nope`")
        .stderr_has("mid-back-strain");
}

#[test]
fn unknown_program_flag_on_plan_is_refused() {
    let env = Env::initialised();
    refused(&env, &["--program", "nope", "plan"], 1).stderr_has("unknown program `nope`");
}

#[test]
fn unknown_program_in_the_profile_names_the_file_line_and_field() {
    let env = workspace(&profile_with("\"mid-back-strain\"", "\"nope\""), None);
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:1:")
        .stderr_has("program")
        .stderr_has("nope");
}

#[test]
fn malformed_profile_names_profile_toml_line_and_column() {
    let env = workspace(&profile_with("rest_pain = 2", "rest_pain = = 2"), None);
    refused(&env, &["plan"], 1).stderr_has("profile.toml:4:");
    refused(&env, &["status"], 1).stderr_has("profile.toml:4:");
    refused(&env, &["log", "--pain-during", "1", "--pain-after", "1"], 1)
        .stderr_has("profile.toml:4:");
    assert!(!env.dir().join("log.csv").exists());
}

#[test]
fn unknown_field_in_the_profile_is_refused_with_a_hint() {
    let env = workspace(
        &profile_with(
            "rest_pain = 2\n",
            "rest_pain = 2\nfavourite_colour = \"blue\"\n",
        ),
        None,
    );
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:5:")
        .stderr_has("favourite_colour")
        .stderr_has("hint: ");
}

#[test]
fn invalid_time_zone_flag_is_refused_and_writes_nothing() {
    init_refused(&[("--tz", "Mars/Base")], 2)
        .stderr_has("--tz")
        .stderr_has("Mars/Base");
}

#[test]
fn invalid_time_zone_in_the_profile_names_the_line_and_field() {
    let env = workspace(&profile_with("America/New_York", "Mars/Base"), None);
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:9:")
        .stderr_has("timezone")
        .stderr_has("Mars/Base")
        .stderr_has("hint: ");
}

/// Issue 11: `EST` gave a fixed UTC-5 calendar an hour off from March; `New York` was refused
/// without a hint. Only IANA names are taken; abbreviations and cities get them suggested.
#[rstest::rstest]
#[case::est("EST", "did you mean America/New_York or America/Toronto?")]
#[case::pst("PST", "did you mean America/Los_Angeles or America/Vancouver?")]
#[case::cet("CET", "did you mean Europe/Paris or Europe/Berlin?")]
#[case::bst("BST", "did you mean Europe/London?")]
#[case::est5edt("EST5EDT", "did you mean America/New_York?")]
#[case::city_with_a_space("New York", "did you mean America/New_York?")]
#[case::city_lower_case("london", "did you mean Europe/London?")]
#[case::city_with_an_underscore("new_york", "did you mean America/New_York?")]
#[case::city_without_a_zone_of_its_own("Mumbai", "did you mean Asia/Kolkata?")]
#[case::nothing_like_a_zone("Mars/Base", "use Area/City, like America/New_York")]
fn a_time_zone_that_is_not_an_iana_name_is_refused_with_the_names_it_means(
    #[case] tz: &str,
    #[case] hint: &str,
) {
    init_refused(&[("--tz", tz)], 2)
        .stderr_has(&format!("--tz: `{tz}` is not an IANA time zone name"))
        .stderr_has(hint);
}

#[rstest::rstest]
#[case::utc("UTC", "UTC")]
#[case::etc_utc("Etc/UTC", "Etc/UTC")]
#[case::any_case("america/new_york", "America/New_York")]
#[case::three_parts("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
fn iana_names_and_utc_are_taken_in_any_case(#[case] tz: &str, #[case] written: &str) {
    let env = Env::new();
    env.run(&strs(&init_with(&[("--tz", tz)]))).ok();
    assert!(
        env.read("profile.toml")
            .contains(&format!("timezone = \"{written}\"")),
        "{}",
        env.read("profile.toml")
    );
}

#[test]
fn an_abbreviated_time_zone_in_an_existing_profile_names_the_line_field_and_the_iana_name() {
    let env = workspace(&profile_with("America/New_York", "EST"), None);
    refused(&env, &["status"], 1)
        .stderr_has("profile.toml:9:")
        .stderr_has("timezone: `EST` is not an IANA time zone name: did you mean America/New_York")
        .stderr_has("hint: ");
}

#[test]
fn rest_pain_11_is_refused_and_writes_nothing() {
    init_refused(&[("--rest-pain", "11")], 2)
        .stderr_has("--rest-pain")
        .stderr_has("`11` is not a pain score")
        .stderr_has("0 to 10");
}

#[test]
fn rest_pain_11_in_the_profile_names_the_line_and_field() {
    let env = workspace(&profile_with("rest_pain = 2", "rest_pain = 11"), None);
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:4:")
        .stderr_has("rest_pain: `11` is not a pain score")
        .stderr_has("0-10");
}

#[test]
fn log_pain_during_11_is_refused_and_the_log_is_unchanged() {
    let env = workspace(PROFILE, Some(&format!("{HEADER}{GOOD_ROW}")));
    refused(
        &env,
        &["log", "--pain-during", "11", "--pain-after", "1"],
        2,
    )
    .stderr_has("--pain-during")
    .stderr_has("`11` is not a pain score")
    .stderr_has("0 to 10");
    assert_eq!(env.read("log.csv"), format!("{HEADER}{GOOD_ROW}"));
}

#[test]
fn log_next_morning_11_is_refused_and_the_log_is_unchanged() {
    let env = workspace(PROFILE, Some(&format!("{HEADER}{GOOD_ROW}")));
    refused(&env, &["log", "--next-morning", "11/10"], 2)
        .stderr_has("--next-morning")
        .stderr_has("`11/10` is not a pain score");
    assert_eq!(env.read("log.csv"), format!("{HEADER}{GOOD_ROW}"));
}

#[test]
fn log_pain_during_that_is_not_a_number_is_refused_and_the_log_is_unchanged() {
    let env = workspace(PROFILE, Some(&format!("{HEADER}{GOOD_ROW}")));
    refused(&env, &["log", "--pain-during", "x", "--pain-after", "1"], 2)
        .stderr_has("--pain-during")
        .stderr_has("`x`");
}

#[test]
fn start_before_the_injury_flag_is_refused_and_writes_nothing() {
    init_refused(&[("--start", "2026-11-10")], 2)
        .stderr_has("--start")
        .stderr_has("--injury-date");
}

#[test]
fn start_before_the_injury_in_the_profile_names_the_line_and_field() {
    let env = workspace(
        &profile_with("start = 2026-11-24", "start = 2026-11-10"),
        None,
    );
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:2:")
        .stderr_has("start")
        .stderr_has("injury");
}

#[test]
fn no_training_days_flag_is_refused_and_writes_nothing() {
    init_refused(&[("--days", "")], 2)
        .stderr_has("--days")
        .stderr_has("no training days");
}

#[test]
fn no_training_days_in_the_profile_names_the_line_and_field() {
    let env = workspace(
        &profile_with("[\"mon\", \"wed\", \"fri\", \"sat\"]", "[]"),
        None,
    );
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:7:")
        .stderr_has("days")
        .stderr_has("no training days");
}

#[test]
fn a_lift_of_0_is_refused_and_writes_nothing() {
    init_refused(&[("--lift", "squat=0")], 2)
        .stderr_has("--lift")
        .stderr_has("squat");
}

#[test]
fn a_negative_lift_is_refused_and_writes_nothing() {
    init_refused(&[("--lift", "squat=-5")], 2)
        .stderr_has("--lift")
        .stderr_has("-5");
}

#[test]
fn a_lift_of_0_in_the_profile_names_the_line_and_field() {
    for weight in ["0", "-5"] {
        let env = workspace(
            &profile_with("weight = 235", &format!("weight = {weight}")),
            None,
        );
        refused(&env, &["plan"], 1)
            .stderr_has("profile.toml:13:")
            .stderr_has("lifts[0]")
            .stderr_has("above 0");
    }
}

#[test]
fn a_start_that_is_not_a_date_is_refused_and_writes_nothing() {
    init_refused(&[("--start", "2026-13-45")], 2)
        .stderr_has("--start")
        .stderr_has("2026-13-45");
}

#[test]
fn a_today_that_is_not_a_date_is_refused() {
    let env = Env::initialised().today("nope");
    refused(&env, &["plan"], 2)
        .stderr_has("--today")
        .stderr_has("nope");
    refused(&env, &["log", "--pain-during", "1", "--pain-after", "1"], 2);
}

#[test]
fn a_start_of_tomorrow_in_the_profile_names_the_line_and_field() {
    let env = workspace(
        &profile_with("start = 2026-11-24", "start = \"tomorrow\""),
        None,
    );
    refused(&env, &["plan"], 1)
        .stderr_has("profile.toml:2:")
        .stderr_has("start")
        .stderr_has("tomorrow")
        .stderr_has("YYYY-MM-DD");
}

/// A workspace whose log has `row` on line 3, after one good row.
fn broken_log(row: &str) -> Env {
    workspace(PROFILE, Some(&format!("{HEADER}{GOOD_ROW}{row}\n"))).today("2026-11-30")
}

#[track_caller]
fn assert_broken_log_is_reported_and_kept(row: &str, field: &str) {
    let env = broken_log(row);
    let log = env.read("log.csv");
    for args in [&["plan"][..], &["status"], &["week"], &["history"]] {
        let out = refused(&env, args, 1).stderr_has("log.csv:3:");
        out.stderr_has(field);
    }
    refused(&env, &["log", "--pain-during", "1", "--pain-after", "1"], 1).stderr_has("log.csv:3:");
    refused(&env, &["log", "--next-morning", "1"], 1).stderr_has("log.csv:3:");
    refused(&env, &["screen", "--no-red-flags"], 1).stderr_has("log.csv:3:");
    assert_eq!(env.read("log.csv"), log);
}

#[test]
fn a_hand_broken_pain_in_log_csv_is_reported_with_its_line_and_field() {
    assert_broken_log_is_reported_and_kept(
        "2026-11-27,session,done,eleven,2,1,,4,,",
        "pain_during",
    );
}

#[test]
fn a_pain_of_11_in_log_csv_is_reported_with_its_line_and_field() {
    assert_broken_log_is_reported_and_kept("2026-11-27,session,done,2,11,1,,4,,", "pain_after");
    refused(
        &broken_log("2026-11-27,session,done,2,11,1,,4,,"),
        &["plan"],
        1,
    )
    .stderr_has("log.csv:3: pain_after: `11` is not a pain score")
    .stderr_has("0 to 10");
}

#[test]
fn a_row_with_missing_columns_in_log_csv_is_reported_with_its_line() {
    assert_broken_log_is_reported_and_kept("2026-11-27,session,done,2,2", "row");
}

#[test]
fn a_date_that_is_not_a_date_in_log_csv_is_reported_with_its_line_and_field() {
    assert_broken_log_is_reported_and_kept("2026-13-45,session,done,2,2,1,,4,,", "date");
}

#[test]
fn a_log_row_dated_before_the_start_is_reported_with_its_line_and_field() {
    assert_broken_log_is_reported_and_kept(
        "2026-11-20,session,done,2,2,1,,4,,",
        "before the program start",
    );
}

#[test]
fn an_unknown_symptom_in_log_csv_is_reported_with_its_line_and_field() {
    assert_broken_log_is_reported_and_kept("2026-11-27,session,done,2,2,1,,4,purple,", "symptoms");
}

#[test]
fn an_unknown_symptom_flag_is_refused_and_the_log_is_unchanged() {
    let env = workspace(PROFILE, Some(&format!("{HEADER}{GOOD_ROW}"))).today("2026-11-30");
    refused(
        &env,
        &[
            "log",
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--symptom",
            "purple",
        ],
        2,
    )
    .stderr_has("purple")
    .stderr_has("fever");
}

/// Issue 3, "Bad input": a log row for a date before the start is refused; `graded log` must
/// not write one (it would leave a log that no later command can read).
#[test]
fn log_refuses_a_session_dated_before_the_start() {
    let env = Env::initialised().today("2026-11-30");
    env.run(&[
        "log",
        "--date",
        "2026-11-25",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
    ])
    .ok();
    let before = files(&env.dir());
    let out = env.run(&[
        "log",
        "--date",
        "2026-11-20",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
    ]);
    assert_ne!(
        out.code, 0,
        "logged a session before the start\n{}",
        out.stdout
    );
    assert!(out.stderr.contains("start"), "{}", out.stderr);
    assert_eq!(files(&env.dir()), before, "the workspace changed");
    env.run(&["status"]).ok();
}

/// Like `log`, `screen` writes a row into log.csv: one dated before the start would leave a
/// log that no later command reads.
#[test]
fn screen_refuses_a_date_before_the_start() {
    let env = Env::initialised().today("2026-11-30");
    let before = files(&env.dir());
    let out = env.run(&["screen", "--no-red-flags", "--date", "2026-11-20"]);
    assert_ne!(out.code, 0, "screened before the start\n{}", out.stdout);
    assert_eq!(files(&env.dir()), before, "the workspace changed");
    env.run(&["status"]).ok();
}

/// Like `log`, `resume` writes a row into log.csv: one dated before the start would leave a
/// log that no later command reads.
#[test]
fn resume_refuses_a_date_before_the_start() {
    let env = Env::initialised().today("2026-11-30");
    env.run(&[
        "log",
        "--date",
        "2026-11-25",
        "--pain-during",
        "1",
        "--pain-after",
        "1",
        "--symptom",
        "fever",
    ])
    .code(3);
    let before = files(&env.dir());
    let out = env.run(&[
        "resume",
        "--cleared-by",
        "Dr Lee, GP",
        "--no-red-flags",
        "--date",
        "2026-11-20",
    ]);
    assert_ne!(out.code, 0, "resumed before the start\n{}", out.stdout);
    assert_eq!(files(&env.dir()), before, "the workspace changed");
    env.run(&["status"]).code(3);
}

/// A log saved with CRLF line ends (a spreadsheet, a Windows editor) reads; a broken row in it
/// is reported on its own line, not the one before.
#[test]
fn a_broken_row_in_a_crlf_log_is_reported_with_its_line() {
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let env = workspace(
        PROFILE,
        Some(&crlf(&format!(
            "{HEADER}{GOOD_ROW}2026-11-26,session,done,1,1,,,,,\n2026-11-27,session,done,eleven,2,1,,4,,\n"
        ))),
    )
    .today("2026-11-30");
    refused(&env, &["plan"], 1)
        .stderr_has("log.csv:4:")
        .stderr_has("pain_during");
}
